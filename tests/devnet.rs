//! Integration tests: the devnet in-process on a free loopback port with the
//! manual clock, driven through the real websocket client.

use std::time::Duration;

use bos::devnet::{ClockMode, Config};
use bos::protocol::codec::FixedBytes;
use bos::protocol::hash::ripemd160;
use bos::protocol::ids::Id;
use bos::protocol::operations::*;
use bos::protocol::types::*;
use bos::protocol::{Json, Operation, Path, PrivateKey, TimePointSec};
use bos::rpc::{Api, Client};
use serde_json::{json, Value};

mod support;

use support::net::{approval, bet, options, Net};

async fn start(witnesses: usize) -> Net {
    Net::start(Config::for_tests("test-seed", witnesses)).await
}

/// A devnet of three witnesses that has produced `blocks` blocks.
async fn produced(blocks: u32) -> Net {
    let net = start(3).await;
    net.produce(blocks).await;
    net
}

impl Net {
    async fn witness(&self, name: &str) -> Value {
        self.db("get_witness_by_account", json!([name])).await
    }
}

fn transfer(from: u64, to: u64, amount: i64) -> Operation {
    Transfer {
        fee: Asset::core(0),
        from: Id(from),
        to: Id(to),
        amount: Asset::core(amount),
        memo: None,
        extensions: Default::default(),
    }
    .into()
}

#[tokio::test]
async fn signed_transfer_is_applied_and_bad_ones_refused() {
    let net = produced(2).await;
    let (alice, bob) = (net.id("alice"), net.id("bob"));
    let before = net.balance("bob").await;
    let tx = net
        .build(vec![transfer(alice, bob, 12345)], &[&net.key("alice")], 60)
        .await;
    net.broadcast(&tx).await.unwrap();
    assert_eq!(net.balance("bob").await, before + 12345);
    // Duplicate.
    let err = net.broadcast(&tx).await.unwrap_err();
    assert!(err.contains("trx_idx.indices().get<by_trx_id>()"), "{err}");
    // Refused: signed by whom, expiring when, and what the node says.
    let (a, b) = (net.key("alice"), net.key("bob"));
    for (amount, case, keys, expire_in, needle) in [
        (
            1,
            "wrong key",
            vec![&b],
            60,
            "missing required active authority",
        ),
        (
            2,
            "extra signature",
            vec![&a, &b],
            60,
            "Unnecessary signature",
        ),
        (3, "expired", vec![&a], -10, "now <= trx.expiration"),
        (
            4,
            "too far in the future",
            vec![&a],
            90_000,
            "maximum_time_until_expiration",
        ),
    ] {
        let tx = net
            .build(vec![transfer(alice, bob, amount)], &keys, expire_in)
            .await;
        let err = net.broadcast(&tx).await.unwrap_err();
        assert!(err.contains(needle), "{case}: {err}");
    }
    // Bad TaPoS.
    let mut tx = net.build(vec![transfer(alice, bob, 5)], &[], 60).await;
    tx.ref_block_prefix ^= 1;
    tx.sign(&net.chain_id().await, &[&net.key("alice")]);
    let err = net.broadcast(&tx).await.unwrap_err();
    assert!(err.contains("ref_block_prefix"), "{err}");
    // The pending transaction lands in the next block.
    let out = net.control("produce_blocks", json!([1])).await;
    let num = out[0]["block_num"].as_u64().unwrap();
    let block = net.db("get_block", json!([num])).await;
    assert_eq!(block["transactions"].as_array().unwrap().len(), 1);
    assert!(block.get("block_id").is_none());
}

#[tokio::test]
async fn offline_witness_accumulates_misses() {
    let net = produced(3).await;
    net.control("set_node_online", json!(["init1", false]))
        .await;
    let mut missed = 0;
    let mut produced = 0;
    for _ in 0..12 {
        let o = net.control("advance_slots", json!([1])).await;
        if o[0]["produced"] == false {
            missed += 1;
            assert_eq!(o[0]["witness"], net.witness("init1").await["id"]);
        } else {
            produced += 1;
        }
    }
    assert!(missed >= 2, "missed {missed}");
    // Misses are charged when the next block arrives.
    net.control("set_node_online", json!(["init1", true])).await;
    net.control("produce_blocks", json!([1])).await;
    let w = net.witness("init1").await;
    assert_eq!(w["total_missed"].as_i64().unwrap(), missed);
    let dgp = net.db("get_dynamic_global_properties", json!([])).await;
    assert_eq!(dgp["current_aslot"].as_u64().unwrap(), 3 + 12 + 1);
    assert_eq!(dgp["head_block_number"].as_u64().unwrap(), 3 + produced + 1);
    let rmc = dgp["recently_missed_count"].as_u64().unwrap();
    assert!(rmc > 0, "recently_missed_count {rmc}");
}

#[tokio::test]
async fn key_switch_needs_new_initial_secret() {
    let net = produced(3).await;
    let zero = FixedBytes(ripemd160(&[0u8; 20]));
    for (name, with_secret) in [("init0", true), ("init1", false)] {
        let w = net.witness(name).await;
        let wid = bos::protocol::ids::WitnessId::parse(w["id"].as_str().unwrap()).unwrap();
        let acct = net.id(name);
        let backup = PrivateKey::from_seed(format!("backup-{name}").as_bytes());
        // The backup waits offline, and the old node stops before the switch: the
        // block carrying the update must come from another witness. (A witness that
        // signs the block with its own switch copies that block's secret hash over
        // new_initial_secret, as the node's update_signing_witness does.)
        net.control(
            "add_node",
            json!([
                format!("{name}-backup"),
                name,
                backup.to_wif().as_str(),
                false
            ]),
        )
        .await;
        net.control("set_node_online", json!([name, false])).await;
        let op: Operation = WitnessUpdate {
            fee: Asset::core(0),
            witness: wid,
            witness_account: Id(acct),
            new_url: None,
            new_signing_key: Some(backup.public_key()),
            new_initial_secret: with_secret.then_some(zero),
        }
        .into();
        let tx = net.build(vec![op], &[&net.key(name)], 60).await;
        net.broadcast(&tx).await.unwrap();
        net.control("produce_blocks", json!([1])).await;
        net.control("set_node_online", json!([format!("{name}-backup"), true]))
            .await;
    }
    let before0 = net.witness("init0").await["total_missed"].as_i64().unwrap();
    let before1 = net.witness("init1").await["total_missed"].as_i64().unwrap();
    net.control("advance_slots", json!([12])).await;
    net.control("produce_blocks", json!([1])).await;
    let w0 = net.witness("init0").await;
    let w1 = net.witness("init1").await;
    // init0 switched with the secret: the backup produces, no new misses.
    assert_eq!(w0["total_missed"].as_i64().unwrap(), before0, "{w0}");
    // init1 switched without it: the backup's blocks fail the secret check.
    assert!(w1["total_missed"].as_i64().unwrap() >= before1 + 3, "{w1}");
}

fn i18n_en(s: &str) -> I18n {
    i18n([("en", s), ("identifier", s)])
}

#[tokio::test]
async fn bos_proposal_executes_on_majority() {
    let net = produced(2).await;
    let now = TimePointSec::parse(
        net.db("get_dynamic_global_properties", json!([])).await["time"]
            .as_str()
            .unwrap(),
    )
    .unwrap();
    let ops = bos_setup(0);
    // A direct transaction is refused even with witness signatures.
    let init0 = net.id("init0");
    let direct = net
        .build(
            vec![ops[0].clone()],
            &[&net.key("init0"), &net.key("init1")],
            60,
        )
        .await;
    assert!(net.broadcast(&direct).await.is_err());
    let proposed: Vec<OpWrapper> = net
        .with_fees(ops)
        .await
        .into_iter()
        .map(Into::into)
        .collect();
    let create: Operation = ProposalCreate {
        fee: Asset::core(0),
        fee_paying_account: Id(init0),
        expiration_time: TimePointSec(now.0 + 3600),
        proposed_ops: proposed,
        review_period_seconds: None,
        extensions: Default::default(),
    }
    .into();
    let tx = net
        .build(vec![create.clone()], &[&net.key("init0")], 60)
        .await;
    net.broadcast(&tx).await.unwrap();
    // Same proposal again: refused by the duplicate rule.
    let tx2 = net.build(vec![create], &[&net.key("init0")], 61).await;
    let err = net.broadcast(&tx2).await.unwrap_err();
    assert!(err.contains("already pending for approval"), "{err}");
    let props = net
        .db("get_proposed_transactions", json!(["witness-account"]))
        .await;
    let pid = props[0]["id"].as_str().unwrap().to_string();
    assert_eq!(props[0]["required_active_approvals"], json!(["1.2.1"]));
    let approve = |who: &str, pid: &str| approval(net.id(who), pid);
    let tx = net
        .build(vec![approve("init0", &pid)], &[&net.key("init0")], 60)
        .await;
    net.broadcast(&tx).await.unwrap();
    assert!(
        net.db("list_sports", json!([]))
            .await
            .as_array()
            .unwrap()
            .is_empty(),
        "1 of 3 is not a majority"
    );
    let tx = net
        .build(vec![approve("init1", &pid)], &[&net.key("init1")], 60)
        .await;
    net.broadcast(&tx).await.unwrap();
    let sports = net.db("list_sports", json!([])).await;
    assert_eq!(sports.as_array().unwrap().len(), 1);
    assert_eq!(net.db("get_objects", json!([[pid]])).await[0], Value::Null);
    let bms = net.db("list_betting_markets", json!(["1.24.0"])).await;
    assert_eq!(bms.as_array().unwrap().len(), 2);
    assert_eq!(bms[0]["status"], "unresolved");
    let ev = net.db("get_objects", json!([["1.22.0"]])).await;
    assert_eq!(ev[0]["start_time"], Value::Null);
    assert_eq!(ev[0]["status"], "upcoming");
    // An invalid status transition fails the proposal with fail_reason.
    let bad: Operation = EventUpdateStatus {
        fee: Asset::core(100_000),
        event_id: Id(0),
        status: EventStatus::Settled,
        scores: vec![],
        extensions: Default::default(),
    }
    .into();
    let create: Operation = ProposalCreate {
        fee: Asset::core(0),
        fee_paying_account: Id(init0),
        expiration_time: TimePointSec(now.0 + 3600),
        proposed_ops: vec![bad.into()],
        review_period_seconds: None,
        extensions: Default::default(),
    }
    .into();
    let tx = net.build(vec![create], &[&net.key("init0")], 60).await;
    net.broadcast(&tx).await.unwrap();
    let props = net.db("get_proposed_transactions", json!(["1.2.1"])).await;
    let pid = props[0]["id"].as_str().unwrap().to_string();
    for who in ["init0", "init1"] {
        let tx = net
            .build(vec![approve(who, &pid)], &[&net.key(who)], 60)
            .await;
        net.broadcast(&tx).await.unwrap();
    }
    let p = net.db("get_objects", json!([[pid]])).await;
    assert!(
        p[0]["fail_reason"]
            .as_str()
            .unwrap()
            .contains("Invalid state transition"),
        "{p}"
    );
}

#[tokio::test]
async fn notices_arrive_for_applied_blocks() {
    let net = start(3).await;
    let mut sub = net.client.subscribe_blocks().await.unwrap();
    let out = net.control("produce_blocks", json!([2])).await;
    assert_eq!(out.as_array().unwrap().len(), 2);
    let n1 = sub.next_within(Duration::from_secs(2)).await.unwrap();
    let n2 = sub.next_within(Duration::from_secs(2)).await.unwrap();
    let dgp = net.db("get_dynamic_global_properties", json!([])).await;
    assert!(n1[0].as_str().unwrap().starts_with("00000001"));
    assert_eq!(n2[0], dgp["head_block_id"]);
    let _ = Path::ROOT;
    net.devnet.stop().await;
}

// ---------------------------------------------------------------------------
// node.md is the oracle for the values asserted below.

impl Net {
    /// A BOS proposal approved by two of three witnesses (executes at once).
    async fn bos(&self, ops: Vec<Operation>) {
        self.bos_by(ops, &["init0", "init1"]).await
    }
}

/// Sport, event group, event (1.22.0), rules, a BMG (1.24.0) and two markets
/// (1.25.0 "A", 1.25.1 "B"), with relative ids.
fn bos_setup(delay_before_settling: u32) -> Vec<Operation> {
    support::net::bos_setup(i18n_en, delay_before_settling, &["A", "B"])
}

fn event_status(status: EventStatus) -> Operation {
    EventUpdateStatus {
        fee: Asset::core(0),
        event_id: Id(0),
        status,
        scores: vec![],
        extensions: Default::default(),
    }
    .into()
}

fn resolve(a: BettingMarketResolution, b: BettingMarketResolution) -> Operation {
    BettingMarketGroupResolve {
        fee: Asset::core(0),
        betting_market_group_id: Id(0),
        resolutions: [(Id(0), a), (Id(1), b)].into_iter().collect(),
        extensions: Default::default(),
    }
    .into()
}

const PPY: i64 = 100_000;

#[tokio::test]
async fn settled_group_market_and_event_disappear_and_bets_pay_out() {
    let net = produced(2).await;
    net.bos(bos_setup(0)).await;
    let (alice, bob) = (net.id("alice"), net.id("bob"));
    let (a0, b0) = (net.balance("alice").await, net.balance("bob").await);
    // alice backs "A" with 100 at odds 2.0; bob lays it with 100 of liability.
    let fa = net
        .send(
            "alice",
            vec![bet(alice, 0, 100 * PPY, 20_000, BetType::Back)],
        )
        .await
        .unwrap();
    let fb = net
        .send("bob", vec![bet(bob, 0, 100 * PPY, 20_000, BetType::Lay)])
        .await
        .unwrap();
    let g = net.object("1.24.0").await;
    assert_eq!(g["total_matched_bets_amount"], 200 * PPY, "{g}");
    net.control("produce_blocks", json!([1])).await;
    net.bos(vec![event_status(EventStatus::Finished)]).await;
    assert_eq!(net.object("1.22.0").await["status"], "finished");
    let g = net.object("1.24.0").await;
    assert_eq!(g["status"], "closed", "{g}");
    // A closed market is reported as unresolved.
    assert_eq!(net.object("1.25.0").await["status"], "unresolved");
    net.bos(vec![resolve(
        BettingMarketResolution::Win,
        BettingMarketResolution::NotWin,
    )])
    .await;
    let g = net.object("1.24.0").await;
    assert_eq!(g["status"], "graded", "{g}");
    assert_eq!(
        g["settling_time"],
        net.db("get_dynamic_global_properties", json!([])).await["time"]
    );
    let m = net.object("1.25.0").await;
    assert_eq!(
        (m["status"].as_str(), m["resolution"].as_str()),
        (Some("graded"), Some("win"))
    );
    // The settlement pass of the next block pays out and removes everything.
    net.control("produce_blocks", json!([1])).await;
    let gone = net
        .db(
            "get_objects",
            json!([["1.24.0", "1.25.0", "1.25.1", "1.22.0", "1.21.0"]]),
        )
        .await;
    assert_eq!(gone[0], Value::Null);
    assert_eq!(gone[1], Value::Null);
    assert_eq!(gone[2], Value::Null);
    assert_eq!(gone[3], Value::Null);
    assert_eq!(gone[4]["id"], "1.21.0", "the event group stays");
    // The bookie api keeps archived copies of removed events (and bets).
    let archived = net
        .bookie("get_objects", json!([["1.22.0", "1.24.0"]]))
        .await;
    assert_eq!(archived[0]["id"], "1.22.0", "{archived}");
    assert_eq!(archived[0]["name"][0], json!(["en", "A v B"]));
    assert_eq!(archived[0]["status"], "settled");
    assert_eq!(archived[1], Value::Null);
    assert!(net
        .db("list_betting_market_groups", json!(["1.22.0"]))
        .await
        .as_array()
        .unwrap()
        .is_empty());
    // alice wins the pot of 200 less a 3 % rake on her 100 of profit.
    assert_eq!(
        net.balance("alice").await,
        a0 - fa - 100 * PPY + 200 * PPY - 3 * PPY
    );
    assert_eq!(net.balance("bob").await, b0 - fb - 100 * PPY);
}

#[tokio::test]
async fn canceled_group_refunds_and_disappears() {
    let net = produced(1).await;
    net.bos(bos_setup(0)).await;
    let alice = net.id("alice");
    let a0 = net.balance("alice").await;
    let fa = net
        .send(
            "alice",
            vec![bet(alice, 1, 10 * PPY, 30_000, BetType::Back)],
        )
        .await
        .unwrap();
    net.bos(vec![resolve(
        BettingMarketResolution::Cancel,
        BettingMarketResolution::Cancel,
    )])
    .await;
    net.control("produce_blocks", json!([1])).await;
    let gone = net
        .db(
            "get_objects",
            json!([["1.24.0", "1.25.0", "1.25.1", "1.26.0"]]),
        )
        .await;
    assert_eq!(gone, json!([null, null, null, null]));
    // Only a finished event settles or cancels with its groups (node.md §4.4);
    // an upcoming one stays.
    assert_eq!(net.object("1.22.0").await["status"], "upcoming");
    // Canceling the event itself removes it at the end of the block.
    net.bos(vec![event_status(EventStatus::Canceled)]).await;
    net.control("produce_blocks", json!([1])).await;
    assert_eq!(net.object("1.22.0").await, Value::Null);
    assert_eq!(net.balance("alice").await, a0 - fa);
}

#[tokio::test]
async fn bets_match_into_an_order_book_and_cancel() {
    let net = produced(1).await;
    net.bos(bos_setup(0)).await;
    let (alice, bob) = (net.id("alice"), net.id("bob"));
    let a0 = net.balance("alice").await;
    let mut fees = 0;
    fees += net
        .send(
            "alice",
            vec![bet(alice, 0, 10 * PPY, 25_000, BetType::Back)],
        )
        .await
        .unwrap();
    fees += net
        .send("alice", vec![bet(alice, 0, 5 * PPY, 25_300, BetType::Back)])
        .await
        .unwrap();
    // A lay at 2.0 does not reach backs at 2.5: it rests.
    net.send("bob", vec![bet(bob, 0, 3 * PPY, 20_000, BetType::Lay)])
        .await
        .unwrap();
    let book = |p: i32| net.bookie("get_binned_order_book", json!(["1.25.0", p]));
    let b1 = book(1).await;
    assert_eq!(
        b1,
        json!({
            "aggregated_back_bets": [{"amount_to_bet": 15 * PPY, "backer_multiplier": 25_000}],
            "aggregated_lay_bets": [{"amount_to_bet": 3 * PPY, "backer_multiplier": 20_000}],
        })
    );
    let b2 = book(2).await;
    assert_eq!(
        b2["aggregated_back_bets"],
        json!([{"amount_to_bet": 10 * PPY, "backer_multiplier": 25_000}, {"amount_to_bet": 5 * PPY, "backer_multiplier": 25_300}])
    );
    // bob lays 15 of liability at 2.5: it takes alice's 10 back at 2.5 exactly.
    net.send("bob", vec![bet(bob, 0, 15 * PPY, 25_000, BetType::Lay)])
        .await
        .unwrap();
    let b2 = book(2).await;
    assert_eq!(
        b2,
        json!({
            "aggregated_back_bets": [{"amount_to_bet": 5 * PPY, "backer_multiplier": 25_300}],
            "aggregated_lay_bets": [{"amount_to_bet": 3 * PPY, "backer_multiplier": 20_000}],
        })
    );
    let found = net
        .bookie("get_events_containing_sub_string", json!(["v B", "en"]))
        .await;
    assert_eq!(found[0]["id"], "1.22.0");
    let found = net
        .bookie("get_events_containing_sub_string", json!(["v B", "de"]))
        .await;
    assert_eq!(found, json!([]));
    let matched = net
        .bookie(
            "get_total_matched_bet_amount_for_betting_market_group",
            json!(["1.24.0"]),
        )
        .await;
    assert_eq!(matched["amount"], 25 * PPY);
    // The unmatched bets, market first.
    let mine = net
        .db(
            "get_unmatched_bets_for_bettor",
            json!(["1.25.0", format!("1.2.{alice}")]),
        )
        .await;
    let mine = mine.as_array().unwrap();
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0]["backer_multiplier"], 25_300);
    assert_eq!(mine[0]["back_or_lay"], "back");
    assert!(mine[0].get("end_of_delay").is_none(), "{}", mine[0]);
    let bet_id = bos::protocol::ids::BetId::parse(mine[0]["id"].as_str().unwrap()).unwrap();
    let bob_bets = net
        .db(
            "get_all_unmatched_bets_for_bettor",
            json!([format!("1.2.{bob}")]),
        )
        .await;
    let bob_bet = bos::protocol::ids::BetId::parse(bob_bets[0]["id"].as_str().unwrap()).unwrap();
    let cancel = |bettor: u64, b| -> Operation {
        BetCancel {
            fee: Asset::core(0),
            bettor_id: Id(bettor),
            bet_to_cancel: b,
            extensions: Default::default(),
        }
        .into()
    };
    // Only one's own bets can be canceled; unknown bets are refused.
    let err = net
        .send("alice", vec![cancel(alice, bob_bet)])
        .await
        .unwrap_err();
    assert!(err.contains("You can only cancel your own bets"), "{err}");
    let err = net
        .send(
            "alice",
            vec![cancel(
                alice,
                bos::protocol::ids::BetId::parse("1.26.99").unwrap(),
            )],
        )
        .await
        .unwrap_err();
    assert!(err.contains("Unable to find Object 1.26.99"), "{err}");
    fees += net
        .send("alice", vec![cancel(alice, bet_id)])
        .await
        .unwrap();
    assert_eq!(net.object(&bet_id.to_string()).await, Value::Null);
    let archived = net
        .bookie("get_objects", json!([[bet_id.to_string()]]))
        .await;
    assert_eq!(archived[0]["backer_multiplier"], 25_300, "{archived}");
    // alice got the unmatched 5 back; her matched 10 stays at stake.
    assert_eq!(net.balance("alice").await, a0 - fees - 10 * PPY);
    let b2 = book(2).await;
    assert_eq!(b2["aggregated_back_bets"], json!([]));
    // Odds outside the limits are refused.
    let err = net
        .send("alice", vec![bet(alice, 0, PPY, 10_000, BetType::Back)])
        .await
        .unwrap_err();
    assert!(err.contains("outside the blockchain's limits"), "{err}");
}

#[tokio::test]
async fn proposal_delete_rules() {
    let net = produced(1).await;
    let (alice, bob) = (net.id("alice"), net.id("bob"));
    let delete = |who: u64, pid: &str, owner: bool| -> Operation {
        ProposalDelete {
            fee: Asset::core(0),
            fee_paying_account: Id(who),
            using_owner_authority: owner,
            proposal: bos::protocol::ids::ProposalId::parse(pid).unwrap(),
            extensions: Default::default(),
        }
        .into()
    };
    // bob proposes a transfer out of alice's account: only alice may delete it.
    let pid = net
        .propose("bob", vec![transfer(alice, bob, PPY)], 3600, None)
        .await
        .unwrap();
    let err = net
        .send("bob", vec![delete(bob, &pid, false)])
        .await
        .unwrap_err();
    assert!(
        err.contains("Provided authority is not authoritative"),
        "{err}"
    );
    // alice's active authority is required, not her owner authority.
    let err = net
        .send("alice", vec![delete(alice, &pid, true)])
        .await
        .unwrap_err();
    assert!(err.contains("not authoritative"), "{err}");
    net.send("alice", vec![delete(alice, &pid, false)])
        .await
        .unwrap();
    assert_eq!(net.object(&pid).await, Value::Null);
    // A single witness cannot delete a BOS proposal: 1.2.1 is the required approver.
    let pid = net
        .propose("init0", vec![bos_setup(0).remove(0)], 3600, None)
        .await
        .unwrap();
    let init0 = net.id("init0");
    let err = net
        .send("init0", vec![delete(init0, &pid, false)])
        .await
        .unwrap_err();
    assert!(err.contains("not authoritative"), "{err}");
    assert_eq!(net.object(&pid).await["id"], pid.as_str());
}

#[tokio::test]
async fn review_period_and_expiry_sweep() {
    let net = produced(1).await;
    let (alice, bob, carol) = (net.id("alice"), net.id("bob"), net.id("carol"));
    // The review period must be shorter than the lifetime.
    let err = net
        .propose("bob", vec![transfer(alice, bob, PPY)], 60, Some(60))
        .await
        .unwrap_err();
    assert!(
        err.contains("review period must be less than its overall lifetime"),
        "{err}"
    );
    let now = net.head_time().await;
    // P1: with a 30 s review period, expiring in 60 s; approved before the review starts.
    let p1 = net
        .propose("bob", vec![transfer(alice, bob, 7 * PPY)], 60, Some(30))
        .await
        .unwrap();
    let p = net.object(&p1).await;
    assert_eq!(
        p["review_period_time"],
        TimePointSec(now.0 + 30).to_string()
    );
    assert_eq!(p["expiration_time"], TimePointSec(now.0 + 60).to_string());
    // P2: no review period, expiring in 60 s, never approved.
    let p2 = net
        .propose("bob", vec![transfer(carol, bob, 5 * PPY)], 60, None)
        .await
        .unwrap();
    assert!(net.object(&p2).await.get("review_period_time").is_none());
    let b0 = net.balance("bob").await;
    let c0 = net.balance("carol").await;
    net.approve("alice", &p1).await.unwrap();
    // Authorized, but a proposal with a review period only executes at expiry.
    let p = net.object(&p1).await;
    assert_eq!(
        p["available_active_approvals"],
        json!([format!("1.2.{alice}")])
    );
    assert_eq!(net.balance("bob").await, b0);
    // Once the review period has begun, no approval can be added.
    net.control("advance_time", json!([33])).await;
    let err = net.approve("carol", &p1).await.unwrap_err();
    assert!(err.contains("in its review period"), "{err}");
    // Still there one slot before expiry.
    net.control("advance_time", json!([24])).await;
    assert_eq!(net.object(&p1).await["id"], p1.as_str());
    // The sweep: both are removed; only the authorized one executed.
    net.control("advance_time", json!([6])).await;
    let gone = net.db("get_objects", json!([[p1, p2]])).await;
    assert_eq!(gone, json!([null, null]));
    assert_eq!(net.balance("bob").await, b0 + 7 * PPY);
    assert_eq!(net.balance("carol").await, c0);
}

#[tokio::test]
async fn snapshot_and_restore() {
    let net = produced(2).await;
    let (alice, bob) = (net.id("alice"), net.id("bob"));
    let s = net.control("snapshot", json!([])).await;
    assert_eq!(s, 0);
    let b0 = net.balance("bob").await;
    let dgp0 = net.db("get_dynamic_global_properties", json!([])).await;
    net.send("alice", vec![transfer(alice, bob, 42)])
        .await
        .unwrap();
    net.control("produce_blocks", json!([3])).await;
    assert_eq!(net.balance("bob").await, b0 + 42);
    let s1 = net.control("snapshot", json!([])).await;
    assert_eq!(s1, 1);
    net.control("restore", json!([0])).await;
    assert_eq!(net.balance("bob").await, b0);
    assert_eq!(
        net.db("get_dynamic_global_properties", json!([])).await,
        dgp0
    );
    assert_eq!(net.db("get_block", json!([3])).await, Value::Null);
    // Later snapshots stay available.
    net.control("restore", json!([1])).await;
    assert_eq!(net.balance("bob").await, b0 + 42);
    let err = net
        .client
        .call(Api::Named("devnet".into()), "restore", json!([7]))
        .await
        .unwrap_err()
        .node_message();
    assert!(err.contains("no snapshot 7"), "{err}");
}

#[tokio::test]
async fn broadcast_synchronous_answers_after_inclusion() {
    let net = produced(1).await;
    let (alice, bob) = (net.id("alice"), net.id("bob"));
    let tx = net
        .build(vec![transfer(alice, bob, 9)], &[&net.key("alice")], 60)
        .await;
    let j = tx.to_json(&bos::protocol::JsonCx { prefix: "TEST" });
    let client = net.client.clone();
    let waiting = tokio::spawn(async move {
        client
            .call(
                Api::NetworkBroadcast,
                "broadcast_transaction_synchronous",
                json!([j]),
            )
            .await
    });
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert!(!waiting.is_finished(), "answered before the block");
    let out = net.control("produce_blocks", json!([1])).await;
    let r = waiting.await.unwrap().unwrap();
    assert_eq!(r["id"], hex::encode(tx.id()));
    assert_eq!(r["block_num"], out[0]["block_num"]);
    assert_eq!(r["trx_num"], 0);
    assert_eq!(r["trx"]["operations"][0][0], 0);
    assert_eq!(r["trx"]["signatures"].as_array().unwrap().len(), 1);
}

async fn next_text<S>(ws: &mut S) -> Value
where
    S: futures_util::Stream<
            Item = Result<
                tokio_tungstenite::tungstenite::Message,
                tokio_tungstenite::tungstenite::Error,
            >,
        > + Unpin,
{
    use futures_util::StreamExt;
    loop {
        let m = tokio::time::timeout(Duration::from_secs(3), ws.next())
            .await
            .unwrap()
            .unwrap()
            .unwrap();
        if let tokio_tungstenite::tungstenite::Message::Text(t) = m {
            return serde_json::from_str(&t).unwrap();
        }
    }
}

#[tokio::test]
async fn broadcast_with_callback_sends_a_notice() {
    use futures_util::SinkExt;
    use tokio_tungstenite::tungstenite::Message;
    let net = produced(1).await;
    let (alice, bob) = (net.id("alice"), net.id("bob"));
    let tx = net
        .build(vec![transfer(alice, bob, 11)], &[&net.key("alice")], 60)
        .await;
    let j = tx.to_json(&bos::protocol::JsonCx { prefix: "TEST" });
    let (mut ws, _) = tokio_tungstenite::connect_async(net.devnet.url())
        .await
        .unwrap();
    let req = json!({"id": 1, "jsonrpc": "2.0", "method": "call",
        "params": ["network_broadcast", "broadcast_transaction_with_callback", [7, j]]});
    ws.send(Message::text(req.to_string())).await.unwrap();
    let reply = next_text(&mut ws).await;
    assert_eq!(reply["id"], 1);
    assert_eq!(reply["result"], Value::Null, "{reply}");
    let out = net.control("produce_blocks", json!([1])).await;
    let notice = next_text(&mut ws).await;
    assert_eq!(notice["method"], "notice", "{notice}");
    assert_eq!(notice["params"][0], 7);
    let r = &notice["params"][1][0];
    assert_eq!(r["id"], hex::encode(tx.id()));
    assert_eq!(r["block_num"], out[0]["block_num"]);
    assert_eq!(r["trx_num"], 0);
}

#[tokio::test]
async fn subscribe_callback_notices() {
    let net = produced(1).await;
    let (alice, bob) = (net.id("alice"), net.id("bob"));
    // Client 1: subscribed to what it reads (2.1.0, and alice's account).
    let mut sub = net.client.subscribe_objects(false).await.unwrap();
    net.db("get_objects", json!([["2.1.0", format!("1.2.{alice}")]]))
        .await;
    // Client 2: every created object in full, every removed one as an id.
    let other = Client::new(vec![net.devnet.url()], options()).unwrap();
    let mut all = other.subscribe_objects(true).await.unwrap();
    net.send("alice", vec![transfer(alice, bob, 5)])
        .await
        .unwrap();
    let pid = net
        .propose("bob", vec![transfer(alice, bob, PPY)], 3600, None)
        .await
        .unwrap();
    net.control("produce_blocks", json!([1])).await;
    let n = sub.next_within(Duration::from_secs(2)).await.unwrap();
    let ids: Vec<&str> = n[0]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|o| o["id"].as_str())
        .collect();
    assert!(ids.contains(&"2.1.0"), "{n}");
    // alice's balance and statistics touch a subscribed account.
    let bal = n[0]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["id"].as_str().is_some_and(|i| i.starts_with("2.5.")))
        .expect("alice's balance");
    assert_eq!(bal["owner"], format!("1.2.{alice}"));
    assert!(
        !ids.contains(&pid.as_str()),
        "not subscribed to the proposal: {n}"
    );
    let n = all.next_within(Duration::from_secs(2)).await.unwrap();
    let created: Vec<&Value> = n[0]
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| o["id"] == pid.as_str())
        .collect();
    assert_eq!(created.len(), 1, "{n}");
    assert_eq!(created[0]["proposer"], format!("1.2.{bob}"));
    // Removal arrives as a bare id.
    let op: Operation = ProposalDelete {
        fee: Asset::core(0),
        fee_paying_account: Id(alice),
        using_owner_authority: false,
        proposal: bos::protocol::ids::ProposalId::parse(&pid).unwrap(),
        extensions: Default::default(),
    }
    .into();
    net.send("alice", vec![op]).await.unwrap();
    net.control("produce_blocks", json!([1])).await;
    let n = all.next_within(Duration::from_secs(2)).await.unwrap();
    assert!(n[0].as_array().unwrap().contains(&json!(pid)), "{n}");
}

/// node.md §3.3-3.4 computed independently from the slot outcomes.
#[derive(Debug, Default)]
struct Model {
    rmc: u32,
    aslot: u64,
    filled: u128,
    missed_since_block: u32,
}

#[tokio::test]
async fn missed_block_arithmetic_is_exact() {
    let net = start(3).await;
    let mut m = Model {
        filled: u128::MAX,
        ..Default::default()
    };
    let mut total_missed: std::collections::BTreeMap<String, i64> = Default::default();
    let mut confirmed: std::collections::BTreeMap<String, u64> = Default::default();
    let mut lib = 0u64;
    let names = ["init0", "init1", "init2"];
    let mut by_id = std::collections::BTreeMap::new();
    for n in names {
        by_id.insert(
            net.witness(n).await["id"].as_str().unwrap().to_string(),
            n.to_string(),
        );
    }
    // (slots to step, witness offline during them)
    let plan: Vec<(u32, &[&str])> = vec![
        (3, &[]),
        (9, &["init1"]),
        (6, &[]),
        (4, &["init0", "init1", "init2"]), // a halt of a whole round or more
        (10, &[]),
        (8, &["init2"]),
        (12, &[]),
    ];
    for (slots, offline) in plan {
        for n in names {
            net.control("set_node_online", json!([n, !offline.contains(&n)]))
                .await;
        }
        for _ in 0..slots {
            let o = net.control("advance_slots", json!([1])).await;
            let o = &o[0];
            let who = by_id[o["witness"].as_str().unwrap()].clone();
            if o["produced"] == false {
                m.missed_since_block += 1;
                // Charged when the next block arrives, unless the gap is a round or more.
                *total_missed.entry(format!("pending:{who}")).or_default() += 1;
                continue;
            }
            let missed = m.missed_since_block;
            let num = o["block_num"].as_u64().unwrap();
            if missed < 3 {
                for n in names {
                    if let Some(k) = total_missed.remove(&format!("pending:{n}")) {
                        *total_missed.entry(n.to_string()).or_default() += k;
                    }
                }
            } else {
                total_missed.retain(|k, _| !k.starts_with("pending:"));
            }
            if num == 1 {
                m.rmc = 0;
            } else if missed > 0 {
                m.rmc += 4 * missed;
            } else if m.rmc > 4 {
                m.rmc -= 3;
            } else if m.rmc > 0 {
                m.rmc -= 1;
            }
            m.aslot += missed as u64 + 1;
            m.filled = ((m.filled << 1) | 1).checked_shl(missed).unwrap_or(0);
            m.missed_since_block = 0;
            confirmed.insert(who.clone(), num);
            let mut c: Vec<u64> = names
                .iter()
                .map(|n| confirmed.get(*n).copied().unwrap_or(0))
                .collect();
            c.sort_unstable();
            lib = lib.max(c[3 * 3 / 10]);
            let dgp = net.db("get_dynamic_global_properties", json!([])).await;
            assert_eq!(
                dgp["recently_missed_count"].as_u64().unwrap(),
                m.rmc as u64,
                "block {num}: {dgp}"
            );
            assert_eq!(
                dgp["current_aslot"].as_u64().unwrap(),
                m.aslot,
                "block {num}"
            );
            assert_eq!(
                dgp["recent_slots_filled"],
                m.filled.to_string(),
                "block {num}"
            );
            assert_eq!(
                dgp["last_irreversible_block_num"].as_u64().unwrap(),
                lib,
                "block {num}"
            );
            assert_eq!(dgp["current_witness"], o["witness"]);
            let w = net.witness(&who).await;
            assert_eq!(w["last_confirmed_block_num"].as_u64().unwrap(), num);
            assert_eq!(w["last_aslot"].as_u64().unwrap(), m.aslot);
            for n in names {
                let w = net.witness(n).await;
                assert_eq!(
                    w["total_missed"].as_i64().unwrap(),
                    total_missed.get(n).copied().unwrap_or(0),
                    "{n} after block {num}"
                );
            }
        }
    }
    assert!(total_missed.get("init1").copied().unwrap_or(0) >= 2);
}

/// python-peerplays takes TaPoS from the last irreversible block, which is 0 on a
/// young chain: the node's block summaries exist from genesis with a zero id.
#[tokio::test]
async fn tapos_on_the_genesis_summary_and_block_summary_objects() {
    let net = produced(2).await;
    let (alice, bob) = (net.id("alice"), net.id("bob"));
    let mut tx = net.build(vec![transfer(alice, bob, 3)], &[], 60).await;
    tx.ref_block_num = 0;
    tx.ref_block_prefix = 0;
    tx.sign(&net.chain_id().await, &[&net.key("alice")]);
    net.broadcast(&tx).await.unwrap();
    let dgp = net.db("get_dynamic_global_properties", json!([])).await;
    let s = net
        .db("get_objects", json!([["2.8.0", "2.8.2", "2.8.3"]]))
        .await;
    assert_eq!(s[0], json!({"id": "2.8.0", "block_id": "0".repeat(40)}));
    assert_eq!(s[1]["block_id"], dgp["head_block_id"]);
    assert_eq!(s[2]["block_id"], "0".repeat(40));
}

/// The undo session: a transaction whose second operation fails leaves no trace
/// of its first (no balance, no object, no notice of a created object).
#[tokio::test]
async fn a_failed_transaction_leaves_nothing_behind() {
    let net = produced(1).await;
    let (alice, bob) = (net.id("alice"), net.id("bob"));
    let mut all = net.client.subscribe_objects(true).await.unwrap();
    let a0 = net.balance("alice").await;
    // temp-account (1.2.4) has no balance object yet: the first op would create one.
    let err = net
        .send(
            "alice",
            vec![transfer(alice, 4, 77), transfer(alice, bob, a0 * 2)],
        )
        .await
        .unwrap_err();
    assert!(err.contains("Insufficient Balance"), "{err}");
    assert_eq!(net.balance("alice").await, a0);
    assert_eq!(net.balance("temp-account").await, 0);
    net.control("produce_blocks", json!([1])).await;
    // No notice at all, or one without a created balance.
    if let Some(n) = all.next_within(Duration::from_millis(500)).await {
        let created = n[0]
            .as_array()
            .unwrap()
            .iter()
            .any(|o| o["id"].as_str().is_some_and(|i| i.starts_with("2.5.")));
        assert!(!created, "{n}");
    }
    // The same operations that can succeed do, in one piece.
    net.send(
        "alice",
        vec![transfer(alice, 4, 77), transfer(alice, bob, 1)],
    )
    .await
    .unwrap();
    assert_eq!(net.balance("temp-account").await, 77);
}

#[tokio::test]
async fn pending_transaction_callback_sees_broadcasts() {
    use futures_util::SinkExt;
    use tokio_tungstenite::tungstenite::Message;
    let net = produced(1).await;
    let (alice, bob) = (net.id("alice"), net.id("bob"));
    let (mut ws, _) = tokio_tungstenite::connect_async(net.devnet.url())
        .await
        .unwrap();
    let req = json!({"id": 1, "jsonrpc": "2.0", "method": "call",
        "params": [0, "set_pending_transaction_callback", [5]]});
    ws.send(Message::text(req.to_string())).await.unwrap();
    assert_eq!(next_text(&mut ws).await["result"], Value::Null);
    let tx = net
        .build(vec![transfer(alice, bob, 13)], &[&net.key("alice")], 60)
        .await;
    net.broadcast(&tx).await.unwrap();
    let n = next_text(&mut ws).await;
    assert_eq!(n["method"], "notice");
    assert_eq!(n["params"][0], 5);
    assert_eq!(
        n["params"][1][0],
        tx.to_json(&bos::protocol::JsonCx { prefix: "TEST" })
    );
}

#[tokio::test]
async fn reading_an_account_by_name_subscribes_to_it() {
    let net = produced(1).await;
    let (alice, bob) = (net.id("alice"), net.id("bob"));
    let mut sub = net.client.subscribe_objects(false).await.unwrap();
    net.db("lookup_account_names", json!([["bob"]])).await;
    net.send("alice", vec![transfer(alice, bob, 5)])
        .await
        .unwrap();
    net.control("produce_blocks", json!([1])).await;
    let n = sub.next_within(Duration::from_secs(2)).await.unwrap();
    let owners: Vec<&Value> = n[0]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| &o["owner"])
        .collect();
    assert!(owners.contains(&&json!(format!("1.2.{bob}"))), "{n}");
    assert!(!owners.contains(&&json!(format!("1.2.{alice}"))), "{n}");
}

#[tokio::test]
async fn plain_http_post_answers_a_call() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let net = produced(1).await;
    let post = |body: String| {
        let addr = net.devnet.addr;
        async move {
            let mut s = tokio::net::TcpStream::connect(addr).await.unwrap();
            let req = format!(
                "POST / HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
                body.len()
            );
            s.write_all(req.as_bytes()).await.unwrap();
            let mut out = String::new();
            s.read_to_string(&mut out).await.unwrap();
            let (head, body) = out.split_once("\r\n\r\n").unwrap();
            (
                head.to_string(),
                serde_json::from_str::<Value>(body).unwrap(),
            )
        }
    };
    let (head, v) = post(
        json!({"id": 3, "jsonrpc": "2.0", "method": "call", "params": [0, "get_objects", [["2.1.0"]]]})
            .to_string(),
    )
    .await;
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    assert_eq!(v["id"], 3);
    assert_eq!(v["result"][0]["head_block_number"], 1);
    let (_, v) = post(
        json!({"id": 4, "jsonrpc": "2.0", "method": "get_chain_id", "params": []}).to_string(),
    )
    .await;
    assert_eq!(v["result"].as_str().unwrap().len(), 64);
    let (_, v) =
        post(json!({"id": 5, "method": "call", "params": [0, "no_such", []]}).to_string()).await;
    assert!(
        v["error"]["message"]
            .as_str()
            .unwrap()
            .contains("no method with name"),
        "{v}"
    );
}

/// Maintenance (node.md §3.2, §4.2): the vote tally picks the active witnesses
/// and weighs witness-account's members by their votes scaled to 16 bits.
#[tokio::test]
async fn maintenance_counts_votes_into_the_active_set_and_1_2_1() {
    let mut cfg = Config::for_tests("votes", 3);
    cfg.genesis.maintenance_interval = 60;
    let net = Net::start(cfg).await;
    net.control("produce_blocks", json!([1])).await;
    let (alice, bob) = (net.id("alice"), net.id("bob"));
    let upgrade: Operation = AccountUpgrade {
        fee: Asset::core(0),
        account_to_upgrade: Id(alice),
        upgrade_to_lifetime_member: true,
        extensions: Default::default(),
    }
    .into();
    net.send("alice", vec![upgrade]).await.unwrap();
    let signing = PrivateKey::from_seed(b"alice-witness");
    let create: Operation = WitnessCreate {
        fee: Asset::core(0),
        witness_account: Id(alice),
        url: "https://alice.example".into(),
        block_signing_key: signing.public_key(),
        initial_secret: FixedBytes(ripemd160(&[0u8; 20])),
    }
    .into();
    net.send("alice", vec![create]).await.unwrap();
    // A node for the new witness, so it produces once it is active.
    net.control(
        "add_node",
        json!(["alice-node", "alice", signing.to_wif().as_str()]),
    )
    .await;
    let w = net.witness("alice").await;
    let wid = w["id"].as_str().unwrap().to_string();
    assert_eq!(w["total_votes"], 0);
    let vote = w["vote_id"].as_str().unwrap().to_string();
    // bob votes for alice's witness.
    let bob_account = net.db("get_account_by_name", json!(["bob"])).await;
    let mut opts: AccountOptions = Json::from_json(&bob_account["options"], &Path::ROOT).unwrap();
    opts.votes = Json::from_json(&json!([vote]), &Path::ROOT).unwrap();
    opts.num_witness = 1;
    let update: Operation = AccountUpdate {
        fee: Asset::core(0),
        account: Id(bob),
        owner: None,
        active: None,
        new_options: Some(opts),
        extensions: Default::default(),
    }
    .into();
    net.send("bob", vec![update]).await.unwrap();
    let gp = net.db("get_global_properties", json!([])).await;
    assert!(!gp["active_witnesses"]
        .as_array()
        .unwrap()
        .contains(&json!(wid)));
    // Past the maintenance time.
    net.control("advance_time", json!([63])).await;
    let stake = net.balance("bob").await as u64;
    let gp = net.db("get_global_properties", json!([])).await;
    let active = gp["active_witnesses"].as_array().unwrap();
    assert_eq!(active.len(), 4, "{gp}");
    assert!(active.contains(&json!(wid)));
    let w = net.witness("alice").await;
    assert_eq!(
        w["total_votes"].as_u64().unwrap_or_else(|| w["total_votes"]
            .as_str()
            .unwrap()
            .parse()
            .unwrap()),
        stake
    );
    let drop = 63 - stake.leading_zeros() - 15;
    let weight = stake >> drop;
    let wa = net.object("1.2.1").await;
    let auths = wa["active"]["account_auths"].as_array().unwrap();
    assert!(
        auths.contains(&json!([format!("1.2.{alice}"), weight])),
        "{wa}"
    );
    assert_eq!(auths.len(), 4);
    assert_eq!(wa["active"]["weight_threshold"], (weight + 3) / 2 + 1);
    // The head block is the maintenance block; the next slot is 3 skipped slots
    // later, and skipping them is no miss (node.md §3.1).
    let dgp = net.db("get_dynamic_global_properties", json!([])).await;
    assert_eq!(dgp["dynamic_flags"], 1, "{dgp}");
    let t0 = TimePointSec::parse(dgp["time"].as_str().unwrap()).unwrap();
    net.control("produce_blocks", json!([1])).await;
    let next = net.db("get_dynamic_global_properties", json!([])).await;
    let t1 = TimePointSec::parse(next["time"].as_str().unwrap()).unwrap();
    assert_eq!(t1.0 - t0.0, 4 * 3);
    assert_eq!(
        next["current_aslot"].as_u64(),
        dgp["current_aslot"].as_u64().map(|a| a + 1)
    );
    assert_eq!(next["recently_missed_count"], 0);
    assert_eq!(next["dynamic_flags"], 0);
}

#[tokio::test]
async fn account_history_lists_operations_in_blocks() {
    let net = produced(1).await;
    let (alice, bob, carol) = (net.id("alice"), net.id("bob"), net.id("carol"));
    net.send("alice", vec![transfer(alice, bob, 1)])
        .await
        .unwrap();
    net.send("carol", vec![transfer(carol, bob, 2)])
        .await
        .unwrap();
    let hist = |who: String, args: Value| {
        let client = net.client.clone();
        async move {
            let mut a = vec![json!(who)];
            a.extend(args.as_array().unwrap().iter().cloned());
            client
                .call(Api::History, "get_account_history", Value::Array(a))
                .await
                .unwrap()
        }
    };
    // Pending operations are not history yet.
    assert_eq!(
        hist(format!("1.2.{bob}"), json!(["1.11.0", 100, "1.11.0"])).await,
        json!([])
    );
    let out = net.control("produce_blocks", json!([1])).await;
    let h = hist(format!("1.2.{bob}"), json!(["1.11.0", 100, "1.11.0"])).await;
    let h = h.as_array().unwrap();
    assert_eq!(h.len(), 2, "{h:?}");
    // Newest first.
    assert_eq!(h[0]["id"], "1.11.1");
    assert_eq!(h[0]["op"][1]["from"], format!("1.2.{carol}"));
    assert_eq!(h[1]["id"], "1.11.0");
    assert_eq!(h[1]["block_num"], out[0]["block_num"]);
    assert_eq!(
        (h[1]["trx_in_block"].as_u64(), h[1]["op_in_trx"].as_u64()),
        (Some(0), Some(0))
    );
    let a = hist(format!("1.2.{alice}"), json!(["1.11.0", 100, "1.11.0"])).await;
    assert_eq!(a.as_array().unwrap().len(), 1);
    let limited = hist("bob".into(), json!(["1.11.0", 1, "1.11.0"])).await;
    assert_eq!(limited.as_array().unwrap().len(), 1);
    let older = hist("bob".into(), json!(["1.11.0", 100, "1.11.0"])).await;
    assert_eq!(older.as_array().unwrap().len(), 2);
    let ops = net
        .client
        .call(
            Api::History,
            "get_account_history_operations",
            json!(["bob", 0, "1.11.0", "1.11.0", 100]),
        )
        .await
        .unwrap();
    assert_eq!(ops.as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn automine_puts_each_transaction_in_a_block_at_once() {
    let mut config = Config::for_tests("test-seed", 3);
    config.clock = ClockMode::Automine;
    let net = Net::start(config).await;
    let head = |v: Value| v["head_block_number"].as_u64().unwrap();
    let before = head(net.db("get_dynamic_global_properties", json!([])).await);
    let (alice, bob) = (net.id("alice"), net.id("bob"));
    let tx = net
        .build(vec![transfer(alice, bob, 777)], &[&net.key("alice")], 60)
        .await;
    net.broadcast(&tx).await.unwrap();
    // No slot passed and no control call: the block is there already.
    let dgp = net.db("get_dynamic_global_properties", json!([])).await;
    assert_eq!(head(dgp), before + 1);
    let block = net.db("get_block", json!([before + 1])).await;
    assert_eq!(
        block["transactions"].as_array().unwrap().len(),
        1,
        "{block}"
    );
}
