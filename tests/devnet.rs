//! Integration tests: the devnet in-process on a free loopback port with the
//! manual clock, driven through the real websocket client.

use std::time::Duration;

use bos::devnet::{Config, Devnet};
use bos::protocol::codec::FixedBytes;
use bos::protocol::hash::ripemd160;
use bos::protocol::ids::Id;
use bos::protocol::operations::*;
use bos::protocol::types::*;
use bos::protocol::{Json, Operation, Path, PrivateKey, TimePointSec, Transaction};
use bos::rpc::{Api, Client, Options};
use serde_json::{json, Value};

struct Net {
    devnet: Devnet,
    client: Client,
    listing: Value,
}

fn options() -> Options {
    Options {
        timeout: Duration::from_secs(5),
        max_lag: None,
        ..Options::default()
    }
}

async fn start(witnesses: usize) -> Net {
    let devnet = Devnet::start(Config::for_tests("test-seed", witnesses))
        .await
        .unwrap();
    let client = Client::new(vec![devnet.url()], options()).unwrap();
    let listing = devnet.listing();
    Net {
        devnet,
        client,
        listing,
    }
}

impl Net {
    fn key(&self, name: &str) -> PrivateKey {
        let a = self.listing["accounts"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["name"] == name)
            .unwrap();
        PrivateKey::from_wif(a["wif"].as_str().unwrap()).unwrap()
    }
    fn id(&self, name: &str) -> u64 {
        let a = self.listing["accounts"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["name"] == name)
            .unwrap();
        a["id"]
            .as_str()
            .unwrap()
            .rsplit('.')
            .next()
            .unwrap()
            .parse()
            .unwrap()
    }
    async fn control(&self, method: &str, args: Value) -> Value {
        self.client
            .call(Api::Named("devnet".into()), method, args)
            .await
            .unwrap()
    }
    async fn db(&self, method: &str, args: Value) -> Value {
        self.client.db(method, args).await.unwrap()
    }
    async fn build(
        &self,
        ops: Vec<Operation>,
        keys: &[&PrivateKey],
        expire_in: i64,
    ) -> Transaction {
        let dgp = self.db("get_dynamic_global_properties", json!([])).await;
        let head: [u8; 20] = hex::decode(dgp["head_block_id"].as_str().unwrap())
            .unwrap()
            .try_into()
            .unwrap();
        let time = TimePointSec::parse(dgp["time"].as_str().unwrap()).unwrap();
        let mut ops = ops;
        let fees = self
            .db(
                "get_required_fees",
                json!([
                    ops.iter()
                        .map(|o| o.to_json(&Default::default()))
                        .collect::<Vec<_>>(),
                    "1.3.0"
                ]),
            )
            .await;
        for (op, fee) in ops.iter_mut().zip(fees.as_array().unwrap()) {
            let f = if fee.is_array() { &fee[0] } else { fee };
            op.fee_mut().amount = f["amount"].as_i64().unwrap();
        }
        let mut tx = Transaction::new(ops, &head, TimePointSec((time.0 as i64 + expire_in) as u32));
        let chain_id: [u8; 32] =
            hex::decode(self.db("get_chain_id", json!([])).await.as_str().unwrap())
                .unwrap()
                .try_into()
                .unwrap();
        tx.sign(&chain_id, keys);
        tx
    }
    async fn broadcast(&self, tx: &Transaction) -> Result<Value, String> {
        let j = tx.to_json(&bos::protocol::JsonCx { prefix: "TEST" });
        self.client
            .call(Api::NetworkBroadcast, "broadcast_transaction", json!([j]))
            .await
            .map_err(|e| e.node_message())
    }
    async fn balance(&self, name: &str) -> i64 {
        let v = self
            .db("get_account_balances", json!([name, ["1.3.0"]]))
            .await;
        v[0]["amount"].as_i64().unwrap()
    }
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
    let net = start(3).await;
    net.control("produce_blocks", json!([2])).await;
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
    // Wrong key: missing authority.
    let tx = net
        .build(vec![transfer(alice, bob, 1)], &[&net.key("bob")], 60)
        .await;
    let err = net.broadcast(&tx).await.unwrap_err();
    assert!(err.contains("missing required active authority"), "{err}");
    // Extra signature.
    let tx = net
        .build(
            vec![transfer(alice, bob, 2)],
            &[&net.key("alice"), &net.key("bob")],
            60,
        )
        .await;
    let err = net.broadcast(&tx).await.unwrap_err();
    assert!(err.contains("Unnecessary signature"), "{err}");
    // Expired.
    let tx = net
        .build(vec![transfer(alice, bob, 3)], &[&net.key("alice")], -10)
        .await;
    let err = net.broadcast(&tx).await.unwrap_err();
    assert!(err.contains("now <= trx.expiration"), "{err}");
    // Too far in the future.
    let tx = net
        .build(vec![transfer(alice, bob, 4)], &[&net.key("alice")], 90_000)
        .await;
    let err = net.broadcast(&tx).await.unwrap_err();
    assert!(err.contains("maximum_time_until_expiration"), "{err}");
    // Bad TaPoS.
    let mut tx = net.build(vec![transfer(alice, bob, 5)], &[], 60).await;
    tx.ref_block_prefix ^= 1;
    let chain_id: [u8; 32] = hex::decode(net.db("get_chain_id", json!([])).await.as_str().unwrap())
        .unwrap()
        .try_into()
        .unwrap();
    tx.sign(&chain_id, &[&net.key("alice")]);
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
    let net = start(3).await;
    net.control("produce_blocks", json!([3])).await;
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
    let net = start(3).await;
    net.control("produce_blocks", json!([3])).await;
    let zero = FixedBytes(ripemd160(&[0u8; 20]));
    for (name, with_secret) in [("init0", true), ("init1", false)] {
        let w = net.witness(name).await;
        let wid = bos::protocol::ids::WitnessId::parse(w["id"].as_str().unwrap()).unwrap();
        let acct = net.id(name);
        let backup = PrivateKey::from_seed(format!("backup-{name}").as_bytes());
        net.control(
            "add_node",
            json!([format!("{name}-backup"), name, backup.to_wif().as_str()]),
        )
        .await;
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
        // The primary goes down first: had it signed the block carrying its own
        // update, that block's next_secret_hash would replace the new initial
        // secret (update_signing_witness runs after the transactions), and the
        // outcome would depend on the wall-clock schedule.
        net.control("set_node_online", json!([name, false])).await;
        net.control("produce_blocks", json!([1])).await;
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
    let net = start(3).await;
    net.control("produce_blocks", json!([2])).await;
    let now = TimePointSec::parse(
        net.db("get_dynamic_global_properties", json!([])).await["time"]
            .as_str()
            .unwrap(),
    )
    .unwrap();
    let rel = |n| bos::protocol::ObjectId::new(0, 0, n);
    let ops: Vec<Operation> = vec![
        SportCreate {
            fee: Asset::core(0),
            name: i18n_en("Soccer"),
            extensions: Default::default(),
        }
        .into(),
        EventGroupCreate {
            fee: Asset::core(0),
            name: i18n_en("EPL"),
            sport_id: rel(0),
            extensions: Default::default(),
        }
        .into(),
        EventCreate {
            fee: Asset::core(0),
            name: i18n_en("A v B"),
            season: i18n_en("2025"),
            start_time: None,
            event_group_id: rel(1),
            extensions: Default::default(),
        }
        .into(),
        BettingMarketRulesCreate {
            fee: Asset::core(0),
            name: i18n_en("R"),
            description: i18n_en("rules"),
            extensions: Default::default(),
        }
        .into(),
        BettingMarketGroupCreate {
            fee: Asset::core(0),
            description: i18n_en("Moneyline"),
            event_id: rel(2),
            rules_id: rel(3),
            asset_id: Id(0),
            never_in_play: false,
            delay_before_settling: 0,
            extensions: Default::default(),
        }
        .into(),
        BettingMarketCreate {
            fee: Asset::core(0),
            group_id: rel(4),
            description: i18n_en("A"),
            payout_condition: i18n_en("A wins"),
            extensions: Default::default(),
        }
        .into(),
        BettingMarketCreate {
            fee: Asset::core(0),
            group_id: rel(4),
            description: i18n_en("B"),
            payout_condition: i18n_en("B wins"),
            extensions: Default::default(),
        }
        .into(),
    ];
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
    let fees = net
        .db(
            "get_required_fees",
            json!([
                ops.iter()
                    .map(|o| o.to_json(&Default::default()))
                    .collect::<Vec<_>>(),
                "1.3.0"
            ]),
        )
        .await;
    let proposed: Vec<OpWrapper> = ops
        .into_iter()
        .zip(fees.as_array().unwrap())
        .map(|(mut o, f)| {
            o.fee_mut().amount = f["amount"].as_i64().unwrap();
            o.into()
        })
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
    let approve = |who: &str, pid: &str| {
        let acct = net.id(who);
        let pid = bos::protocol::ids::ProposalId::parse(pid).unwrap();
        Operation::from(ProposalUpdate {
            fee: Asset::core(0),
            fee_paying_account: Id(acct),
            proposal: pid,
            active_approvals_to_add: [Id(acct)].into_iter().collect(),
            active_approvals_to_remove: Default::default(),
            owner_approvals_to_add: Default::default(),
            owner_approvals_to_remove: Default::default(),
            key_approvals_to_add: Default::default(),
            key_approvals_to_remove: Default::default(),
            extensions: Default::default(),
        })
    };
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
