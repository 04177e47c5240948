//! Property tests: random operations and transactions round-trip
//! JSON -> binary -> JSON unchanged, and the node's input leniency (field order,
//! unsorted maps and sets, numbers as strings) never changes the bytes.

use bos::protocol::codec::{Extensions, FlatMap, FlatSet, Json, JsonCx, Pack, Ripemd160};
use bos::protocol::ids::*;
use bos::protocol::operations::*;
use bos::protocol::types::*;
use bos::protocol::{ObjectId, Path, PrivateKey, PublicKey, TimePointSec, Transaction};
use proptest::prelude::*;
use serde_json::Value;

fn asset() -> impl Strategy<Value = Asset> {
    (any::<i64>(), 0u64..2000).prop_map(|(amount, a)| Asset {
        amount,
        asset_id: Id(a),
    })
}
fn id<const S: u8, const T: u8>() -> impl Strategy<Value = Id<S, T>> {
    prop_oneof![0u64..300, 0u64..=MAX_INSTANCE].prop_map(Id)
}
fn oid() -> impl Strategy<Value = ObjectId> {
    prop_oneof![
        (0u64..10).prop_map(|n| ObjectId::new(0, 0, n)),
        (1u8..3, 0u8..40, 0u64..=MAX_INSTANCE).prop_map(|(s, t, i)| ObjectId::new(s, t, i)),
    ]
}
fn text() -> impl Strategy<Value = String> {
    prop_oneof!["[a-zA-Z0-9 ]{0,12}", "\\PC{0,8}", any::<String>()]
}
fn i18n_() -> impl Strategy<Value = I18n> {
    prop::collection::vec(
        (
            prop_oneof![
                Just("en".to_string()),
                Just("de".to_string()),
                Just("identifier".to_string()),
                "[a-z_]{1,8}"
            ],
            text(),
        ),
        0..4,
    )
    .prop_map(FlatMap::new)
}
fn time() -> impl Strategy<Value = TimePointSec> {
    any::<u32>().prop_map(TimePointSec)
}
fn pubkey() -> impl Strategy<Value = PublicKey> {
    any::<[u8; 32]>().prop_map(|s| PrivateKey::from_seed(&s).public_key())
}
fn secret() -> impl Strategy<Value = Ripemd160> {
    any::<[u8; 20]>().prop_map(bos::protocol::codec::FixedBytes)
}
fn authority() -> impl Strategy<Value = Authority> {
    (
        any::<u32>(),
        prop::collection::vec((id::<1, 2>(), any::<u16>()), 0..3),
        prop::collection::vec((pubkey(), any::<u16>()), 0..3),
    )
        .prop_map(|(t, a, k)| Authority {
            weight_threshold: t,
            account_auths: FlatMap::new(a),
            key_auths: FlatMap::new(k),
            address_auths: FlatMap::default(),
        })
}
fn enum_of<T: Copy + std::fmt::Debug + 'static>(all: &'static [T]) -> impl Strategy<Value = T> {
    prop::sample::select(all)
}

fn bos_op() -> impl Strategy<Value = Operation> {
    prop_oneof![
        (asset(), i18n_()).prop_map(|(fee, name)| SportCreate {
            fee,
            name,
            extensions: Extensions
        }
        .into()),
        (asset(), id(), prop::option::of(i18n_())).prop_map(|(fee, sport_id, new_name)| {
            SportUpdate {
                fee,
                sport_id,
                new_name,
                extensions: Extensions,
            }
            .into()
        }),
        (asset(), id()).prop_map(|(fee, sport_id)| SportDelete {
            fee,
            sport_id,
            extensions: Extensions
        }
        .into()),
        (asset(), i18n_(), oid()).prop_map(|(fee, name, sport_id)| EventGroupCreate {
            fee,
            name,
            sport_id,
            extensions: Extensions
        }
        .into()),
        (
            asset(),
            prop::option::of(oid()),
            prop::option::of(i18n_()),
            id()
        )
            .prop_map(
                |(fee, new_sport_id, new_name, event_group_id)| EventGroupUpdate {
                    fee,
                    new_sport_id,
                    new_name,
                    event_group_id,
                    extensions: Extensions
                }
                .into()
            ),
        (asset(), id()).prop_map(|(fee, event_group_id)| EventGroupDelete {
            fee,
            event_group_id,
            extensions: Extensions
        }
        .into()),
        (asset(), i18n_(), i18n_(), prop::option::of(time()), oid()).prop_map(
            |(fee, name, season, start_time, event_group_id)| EventCreate {
                fee,
                name,
                season,
                start_time,
                event_group_id,
                extensions: Extensions
            }
            .into()
        ),
        (
            asset(),
            id(),
            prop::option::of(oid()),
            prop::option::of(i18n_()),
            prop::option::of(i18n_()),
            prop::option::of(time()),
            prop::option::of(enum_of(EventStatus::ALL))
        )
            .prop_map(|(fee, event_id, g, n, s, t, st)| EventUpdate {
                fee,
                event_id,
                new_event_group_id: g,
                new_name: n,
                new_season: s,
                new_start_time: t,
                new_status: st,
                extensions: Extensions
            }
            .into()),
        (
            asset(),
            id(),
            enum_of(EventStatus::ALL),
            prop::collection::vec("[0-9]{1,3}", 0..3)
        )
            .prop_map(|(fee, event_id, status, scores)| EventUpdateStatus {
                fee,
                event_id,
                status,
                scores: scores.into_iter().map(Score).collect(),
                extensions: Extensions
            }
            .into()),
        (asset(), i18n_(), i18n_()).prop_map(|(fee, name, description)| BettingMarketRulesCreate {
            fee,
            name,
            description,
            extensions: Extensions
        }
        .into()),
        (
            asset(),
            prop::option::of(i18n_()),
            prop::option::of(i18n_()),
            id()
        )
            .prop_map(
                |(fee, new_name, new_description, betting_market_rules_id)| {
                    BettingMarketRulesUpdate {
                        fee,
                        new_name,
                        new_description,
                        extensions: Extensions,
                        betting_market_rules_id,
                    }
                    .into()
                }
            ),
        (
            asset(),
            i18n_(),
            oid(),
            oid(),
            id(),
            any::<bool>(),
            any::<u32>()
        )
            .prop_map(
                |(
                    fee,
                    description,
                    event_id,
                    rules_id,
                    asset_id,
                    never_in_play,
                    delay_before_settling,
                )| BettingMarketGroupCreate {
                    fee,
                    description,
                    event_id,
                    rules_id,
                    asset_id,
                    never_in_play,
                    delay_before_settling,
                    extensions: Extensions
                }
                .into()
            ),
        (
            asset(),
            id(),
            prop::option::of(i18n_()),
            prop::option::of(oid()),
            prop::option::of(enum_of(BettingMarketGroupStatus::ALL))
        )
            .prop_map(
                |(fee, betting_market_group_id, new_description, new_rules_id, status)| {
                    BettingMarketGroupUpdate {
                        fee,
                        betting_market_group_id,
                        new_description,
                        new_rules_id,
                        status,
                        extensions: Extensions,
                    }
                    .into()
                }
            ),
        (
            asset(),
            id(),
            prop::collection::vec((id(), enum_of(BettingMarketResolution::ALL)), 0..4)
        )
            .prop_map(
                |(fee, betting_market_group_id, r)| BettingMarketGroupResolve {
                    fee,
                    betting_market_group_id,
                    resolutions: FlatMap::new(r),
                    extensions: Extensions
                }
                .into()
            ),
        (asset(), id()).prop_map(|(fee, betting_market_group_id)| {
            BettingMarketGroupCancelUnmatchedBets {
                fee,
                betting_market_group_id,
                extensions: Extensions,
            }
            .into()
        }),
        (asset(), oid(), i18n_(), i18n_()).prop_map(
            |(fee, group_id, description, payout_condition)| BettingMarketCreate {
                fee,
                group_id,
                description,
                payout_condition,
                extensions: Extensions
            }
            .into()
        ),
        (
            asset(),
            id(),
            prop::option::of(oid()),
            prop::option::of(i18n_()),
            prop::option::of(i18n_())
        )
            .prop_map(
                |(fee, betting_market_id, new_group_id, new_description, new_payout_condition)| {
                    BettingMarketUpdate {
                        fee,
                        betting_market_id,
                        new_group_id,
                        new_description,
                        new_payout_condition,
                        extensions: Extensions,
                    }
                    .into()
                }
            ),
        (
            asset(),
            id(),
            id(),
            asset(),
            any::<u32>(),
            enum_of(BetType::ALL)
        )
            .prop_map(
                |(
                    fee,
                    bettor_id,
                    betting_market_id,
                    amount_to_bet,
                    backer_multiplier,
                    back_or_lay,
                )| BetPlace {
                    fee,
                    bettor_id,
                    betting_market_id,
                    amount_to_bet,
                    backer_multiplier,
                    back_or_lay,
                    extensions: Extensions
                }
                .into()
            ),
        (asset(), id(), id()).prop_map(|(fee, bettor_id, bet_to_cancel)| BetCancel {
            fee,
            bettor_id,
            bet_to_cancel,
            extensions: Extensions
        }
        .into()),
    ]
}

fn other_op() -> impl Strategy<Value = Operation> {
    prop_oneof![
        (
            asset(),
            id(),
            id(),
            asset(),
            prop::option::of((
                pubkey(),
                pubkey(),
                any::<u64>(),
                prop::collection::vec(any::<u8>(), 0..40)
            ))
        )
            .prop_map(|(fee, from, to, amount, memo)| Transfer {
                fee,
                from,
                to,
                amount,
                memo: memo.map(|(from, to, nonce, m)| Memo {
                    from,
                    to,
                    nonce,
                    message: bos::protocol::codec::Bytes(m)
                }),
                extensions: Extensions
            }
            .into()),
        (
            asset(),
            id(),
            id(),
            any::<u16>(),
            "[a-z0-9.-]{1,20}",
            authority(),
            authority(),
            pubkey(),
            prop::collection::vec((0u8..4, 0u32..(1 << 24)), 0..4)
        )
            .prop_map(
                |(
                    fee,
                    registrar,
                    referrer,
                    referrer_percent,
                    name,
                    owner,
                    active,
                    memo_key,
                    votes,
                )| AccountCreate {
                    fee,
                    registrar,
                    referrer,
                    referrer_percent,
                    name,
                    owner,
                    active,
                    options: AccountOptions {
                        memo_key,
                        voting_account: Id(5),
                        num_witness: 0,
                        num_committee: 0,
                        votes: votes.into_iter().map(|(t, i)| VoteId::new(t, i)).collect(),
                        extensions: Extensions
                    },
                    extensions: Extensions
                }
                .into()
            ),
        (
            asset(),
            id(),
            id(),
            prop::option::of(text()),
            prop::option::of(pubkey()),
            prop::option::of(secret())
        )
            .prop_map(
                |(fee, witness, witness_account, new_url, new_signing_key, new_initial_secret)| {
                    WitnessUpdate {
                        fee,
                        witness,
                        witness_account,
                        new_url,
                        new_signing_key,
                        new_initial_secret,
                    }
                    .into()
                }
            ),
        (
            asset(),
            id(),
            id(),
            prop::collection::vec(id(), 0..3),
            prop::collection::vec(id(), 0..3),
            prop::collection::vec(pubkey(), 0..3)
        )
            .prop_map(|(fee, fee_paying_account, proposal, add, remove, keys)| {
                ProposalUpdate {
                    fee,
                    fee_paying_account,
                    proposal,
                    active_approvals_to_add: FlatSet::new(add),
                    active_approvals_to_remove: FlatSet::new(remove),
                    owner_approvals_to_add: FlatSet::default(),
                    owner_approvals_to_remove: FlatSet::default(),
                    key_approvals_to_add: FlatSet::new(keys),
                    key_approvals_to_remove: FlatSet::default(),
                    extensions: Extensions,
                }
                .into()
            }),
        (asset(), id(), any::<bool>(), id()).prop_map(
            |(fee, fee_paying_account, using_owner_authority, proposal)| ProposalDelete {
                fee,
                fee_paying_account,
                using_owner_authority,
                proposal,
                extensions: Extensions
            }
            .into()
        ),
    ]
}

fn any_op() -> impl Strategy<Value = Operation> {
    prop_oneof![
        3 => bos_op(),
        2 => other_op(),
        1 => (asset(), id(), time(), prop::collection::vec(bos_op(), 1..6), prop::option::of(any::<u32>())).prop_map(|(fee, fee_paying_account, expiration_time, ops, review_period_seconds)| ProposalCreate {
            fee, fee_paying_account, expiration_time,
            proposed_ops: ops.into_iter().map(OpWrapper::from).collect(),
            review_period_seconds, extensions: Extensions
        }.into()),
    ]
}

/// Reverses every object's field order and every array of pairs, as a sloppy client might.
fn scramble(v: &Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.iter()
                .rev()
                .map(|(k, v)| (k.clone(), scramble(v)))
                .collect(),
        ),
        Value::Array(a) => {
            let is_pairs = !a.is_empty()
                && a.iter().all(|x| {
                    x.as_array()
                        .is_some_and(|p| p.len() == 2 && !p[0].is_number())
                });
            // sets hold ids, keys or vote ids; plain vectors (scores) keep their order
            let is_set = a.len() > 1
                && a.iter().all(|x| {
                    x.as_str().is_some_and(|s| {
                        s.contains('.') || s.contains(':') || s.starts_with("TEST")
                    })
                });
            let mut items: Vec<Value> = if is_pairs {
                // keep each [key, value] pair in order; scramble inside it
                a.iter()
                    .map(|p| Value::Array(p.as_array().unwrap().iter().map(scramble).collect()))
                    .collect()
            } else {
                a.iter().map(scramble).collect()
            };
            if is_pairs || is_set {
                items.reverse();
            }
            Value::Array(items)
        }
        Value::Number(n) if n.as_u64().is_some_and(|x| x > 1000) => Value::String(n.to_string()),
        other => other.clone(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn op_json_binary_json(op in any_op()) {
        let cx = JsonCx { prefix: "TEST" };
        let json = op.to_json(&cx);
        let bytes = op.to_bytes();
        let from_json = Operation::from_json(&json, &Path::ROOT).unwrap();
        prop_assert_eq!(&from_json, &op);
        let from_bin = Operation::from_bytes(&bytes, "operation").unwrap();
        prop_assert_eq!(&from_bin, &op);
        prop_assert_eq!(from_bin.to_json(&cx), json.clone());
        // node leniency: any field order, unsorted maps/sets, numbers as strings
        let sloppy = Operation::from_json(&scramble(&json), &Path::ROOT).unwrap();
        prop_assert_eq!(sloppy.to_bytes(), bytes);
    }

    #[test]
    fn tx_json_binary_json(ops in prop::collection::vec(any_op(), 1..4), num in any::<u16>(), prefix in any::<u32>(), exp in time(), sigs in prop::collection::vec(any::<[u8; 32]>(), 0..3)) {
        let mut tx = Transaction { ref_block_num: num, ref_block_prefix: prefix, expiration: exp, operations: ops, ..Default::default() };
        let keys: Vec<PrivateKey> = sigs.iter().map(|s| PrivateKey::from_seed(s)).collect();
        let chain = [7u8; 32];
        tx.sign(&chain, &keys.iter().collect::<Vec<_>>());
        let json = tx.to_json(&JsonCx::default());
        let back = Transaction::from_json(&json, &Path::ROOT).unwrap();
        prop_assert_eq!(&back, &tx);
        prop_assert_eq!(Transaction::from_binary(&tx.signed_bytes()).unwrap(), tx.clone());
        let mut want: Vec<PublicKey> = Vec::new();
        for k in &keys { if !want.contains(&k.public_key()) { want.push(k.public_key()); } }
        prop_assert_eq!(tx.signers(&chain).unwrap(), want);
    }

    #[test]
    fn binary_decoder_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        let _ = Operation::from_bytes(&bytes, "operation");
        let _ = Transaction::from_binary(&bytes);
    }
}

#[test]
fn deeply_nested_proposals_are_refused_not_a_stack_overflow() {
    // proposal_create { proposed_ops: [proposal_create { ... }] } nested 100000 times
    let mut head = Vec::new();
    let levels = 100_000;
    for _ in 0..levels {
        head.extend_from_slice(&[22, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    }
    let err = Operation::from_bytes(&head, "operation").unwrap_err();
    assert!(err.to_string().contains("nested more than"), "{err}");
}
