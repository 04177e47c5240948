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

/// `op!(T { field: strategy, .. })`: a strategy for the operation `T` whose fields
/// are drawn from those strategies, in that order, with empty `extensions` (none at
/// all with `without extensions`, for the operations that have no such field).
macro_rules! op {
    ($t:ident { $($f:ident: $s:expr),+ $(,)? }) => {
        ($($s,)+).prop_map(|($($f,)+)| Operation::from($t { $($f,)+ extensions: Extensions }))
    };
    ($t:ident { $($f:ident: $s:expr),+ $(,)? } without extensions) => {
        ($($s,)+).prop_map(|($($f,)+)| Operation::from($t { $($f,)+ }))
    };
}

fn bos_op() -> impl Strategy<Value = Operation> {
    prop_oneof![
        op!(SportCreate {
            fee: asset(),
            name: i18n_()
        }),
        op!(SportUpdate {
            fee: asset(),
            sport_id: id(),
            new_name: prop::option::of(i18n_()),
        }),
        op!(SportDelete {
            fee: asset(),
            sport_id: id()
        }),
        op!(EventGroupCreate {
            fee: asset(),
            name: i18n_(),
            sport_id: oid(),
        }),
        op!(EventGroupUpdate {
            fee: asset(),
            new_sport_id: prop::option::of(oid()),
            new_name: prop::option::of(i18n_()),
            event_group_id: id(),
        }),
        op!(EventGroupDelete {
            fee: asset(),
            event_group_id: id(),
        }),
        op!(EventCreate {
            fee: asset(),
            name: i18n_(),
            season: i18n_(),
            start_time: prop::option::of(time()),
            event_group_id: oid(),
        }),
        op!(EventUpdate {
            fee: asset(),
            event_id: id(),
            new_event_group_id: prop::option::of(oid()),
            new_name: prop::option::of(i18n_()),
            new_season: prop::option::of(i18n_()),
            new_start_time: prop::option::of(time()),
            new_status: prop::option::of(enum_of(EventStatus::ALL)),
        }),
        op!(EventUpdateStatus {
            fee: asset(),
            event_id: id(),
            status: enum_of(EventStatus::ALL),
            scores: prop::collection::vec("[0-9]{1,3}", 0..3)
                .prop_map(|s| s.into_iter().map(Score).collect::<Vec<_>>()),
        }),
        op!(BettingMarketRulesCreate {
            fee: asset(),
            name: i18n_(),
            description: i18n_(),
        }),
        op!(BettingMarketRulesUpdate {
            fee: asset(),
            new_name: prop::option::of(i18n_()),
            new_description: prop::option::of(i18n_()),
            betting_market_rules_id: id(),
        }),
        op!(BettingMarketGroupCreate {
            fee: asset(),
            description: i18n_(),
            event_id: oid(),
            rules_id: oid(),
            asset_id: id(),
            never_in_play: any::<bool>(),
            delay_before_settling: any::<u32>(),
        }),
        op!(BettingMarketGroupUpdate {
            fee: asset(),
            betting_market_group_id: id(),
            new_description: prop::option::of(i18n_()),
            new_rules_id: prop::option::of(oid()),
            status: prop::option::of(enum_of(BettingMarketGroupStatus::ALL)),
        }),
        op!(BettingMarketGroupResolve {
            fee: asset(),
            betting_market_group_id: id(),
            resolutions: prop::collection::vec((id(), enum_of(BettingMarketResolution::ALL)), 0..4)
                .prop_map(FlatMap::new),
        }),
        op!(BettingMarketGroupCancelUnmatchedBets {
            fee: asset(),
            betting_market_group_id: id(),
        }),
        op!(BettingMarketCreate {
            fee: asset(),
            group_id: oid(),
            description: i18n_(),
            payout_condition: i18n_(),
        }),
        op!(BettingMarketUpdate {
            fee: asset(),
            betting_market_id: id(),
            new_group_id: prop::option::of(oid()),
            new_description: prop::option::of(i18n_()),
            new_payout_condition: prop::option::of(i18n_()),
        }),
        op!(BetPlace {
            fee: asset(),
            bettor_id: id(),
            betting_market_id: id(),
            amount_to_bet: asset(),
            backer_multiplier: any::<u32>(),
            back_or_lay: enum_of(BetType::ALL),
        }),
        op!(BetCancel {
            fee: asset(),
            bettor_id: id(),
            bet_to_cancel: id(),
        }),
    ]
}

fn memo() -> impl Strategy<Value = Memo> {
    (
        pubkey(),
        pubkey(),
        any::<u64>(),
        prop::collection::vec(any::<u8>(), 0..40),
    )
        .prop_map(|(from, to, nonce, m)| Memo {
            from,
            to,
            nonce,
            message: bos::protocol::codec::Bytes(m),
        })
}

fn account_options() -> impl Strategy<Value = AccountOptions> {
    (
        pubkey(),
        prop::collection::vec((0u8..4, 0u32..(1 << 24)), 0..4),
    )
        .prop_map(|(memo_key, votes)| AccountOptions {
            memo_key,
            voting_account: Id(5),
            num_witness: 0,
            num_committee: 0,
            votes: votes.into_iter().map(|(t, i)| VoteId::new(t, i)).collect(),
            extensions: Extensions,
        })
}

fn other_op() -> impl Strategy<Value = Operation> {
    prop_oneof![
        op!(Transfer {
            fee: asset(),
            from: id(),
            to: id(),
            amount: asset(),
            memo: prop::option::of(memo()),
        }),
        op!(AccountCreate {
            fee: asset(),
            registrar: id(),
            referrer: id(),
            referrer_percent: any::<u16>(),
            name: "[a-z0-9.-]{1,20}",
            owner: authority(),
            active: authority(),
            options: account_options(),
        }),
        op!(WitnessUpdate {
            fee: asset(),
            witness: id(),
            witness_account: id(),
            new_url: prop::option::of(text()),
            new_signing_key: prop::option::of(pubkey()),
            new_initial_secret: prop::option::of(secret()),
        } without extensions),
        op!(ProposalUpdate {
            fee: asset(),
            fee_paying_account: id(),
            proposal: id(),
            active_approvals_to_add: prop::collection::vec(id(), 0..3).prop_map(FlatSet::new),
            active_approvals_to_remove: prop::collection::vec(id(), 0..3).prop_map(FlatSet::new),
            owner_approvals_to_add: Just(FlatSet::default()),
            owner_approvals_to_remove: Just(FlatSet::default()),
            key_approvals_to_add: prop::collection::vec(pubkey(), 0..3).prop_map(FlatSet::new),
            key_approvals_to_remove: Just(FlatSet::default()),
        }),
        op!(ProposalDelete {
            fee: asset(),
            fee_paying_account: id(),
            using_owner_authority: any::<bool>(),
            proposal: id(),
        }),
    ]
}

fn any_op() -> impl Strategy<Value = Operation> {
    prop_oneof![
        3 => bos_op(),
        2 => other_op(),
        1 => op!(ProposalCreate {
            fee: asset(),
            fee_paying_account: id(),
            expiration_time: time(),
            proposed_ops: prop::collection::vec(bos_op(), 1..6)
                .prop_map(|ops| ops.into_iter().map(OpWrapper::from).collect::<Vec<_>>()),
            review_period_seconds: prop::option::of(any::<u32>()),
        }),
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
