//! The devnet in-process, driven through the real websocket client: one start,
//! a typed listing, and the transactions tests sign and send.

use std::time::Duration;

use bos::devnet::{Config, Devnet};
use bos::protocol::ids::{Id, ProposalId};
use bos::protocol::operations::*;
use bos::protocol::types::{Asset, BetType, I18n};
use bos::protocol::{Json, JsonCx, Operation, PrivateKey, TimePointSec, Transaction};
use bos::rpc::{Api, Client, Options};
use serde_json::{json, Value};

use super::Listing;

/// The client options of the tests: 5 s timeout, no lag limit.
pub fn options() -> Options {
    Options {
        timeout: Duration::from_secs(5),
        max_lag: None,
        ..Options::default()
    }
}

/// A devnet in this process, a client to it, and its listing.
pub struct Net {
    pub devnet: Devnet,
    pub client: Client,
    pub listing: Listing,
}

impl Net {
    /// Starts a devnet with `config`, a client with [`options`].
    pub async fn start(config: Config) -> Net {
        Net::start_with(config, options()).await
    }
    /// Starts a devnet with `config`, a client with `options`.
    pub async fn start_with(config: Config, options: Options) -> Net {
        let devnet = Devnet::start(config).await.unwrap();
        let client = Client::new(vec![devnet.url()], options).unwrap();
        let listing = Listing::parse(&devnet.listing());
        Net {
            devnet,
            client,
            listing,
        }
    }
    /// The websocket endpoint.
    pub fn url(&self) -> String {
        self.devnet.url()
    }
    /// The private key of account `name`.
    pub fn key(&self, name: &str) -> PrivateKey {
        self.listing.account(name).key()
    }
    /// N of account `name`'s id `1.2.N`.
    pub fn id(&self, name: &str) -> u64 {
        self.listing.account(name).number()
    }
    /// A call of the devnet's control API.
    pub async fn control(&self, method: &str, args: Value) -> Value {
        self.client
            .call(Api::Named("devnet".into()), method, args)
            .await
            .unwrap()
    }
    /// Produces `n` blocks.
    pub async fn produce(&self, n: u32) -> Value {
        self.control("produce_blocks", json!([n])).await
    }
    /// A call of the bookie API.
    pub async fn bookie(&self, method: &str, args: Value) -> Value {
        self.client
            .call(Api::Named("bookie".into()), method, args)
            .await
            .unwrap()
    }
    /// A database API call.
    pub async fn db(&self, method: &str, args: Value) -> Value {
        self.client.db(method, args).await.unwrap()
    }
    /// The core asset balance of account `name`.
    pub async fn balance(&self, name: &str) -> i64 {
        let v = self
            .db("get_account_balances", json!([name, ["1.3.0"]]))
            .await;
        v[0]["amount"].as_i64().unwrap()
    }
    /// The head block's time.
    pub async fn head_time(&self) -> TimePointSec {
        let dgp = self.db("get_dynamic_global_properties", json!([])).await;
        TimePointSec::parse(dgp["time"].as_str().unwrap()).unwrap()
    }
    /// The chain id.
    pub async fn chain_id(&self) -> [u8; 32] {
        hex::decode(self.db("get_chain_id", json!([])).await.as_str().unwrap())
            .unwrap()
            .try_into()
            .unwrap()
    }
    /// The object `id`.
    pub async fn object(&self, id: &str) -> Value {
        self.db("get_objects", json!([[id]])).await[0].clone()
    }
    /// `ops` with the fees the node asks filled in.
    pub async fn with_fees(&self, mut ops: Vec<Operation>) -> Vec<Operation> {
        let js: Vec<Value> = ops.iter().map(|o| o.to_json(&Default::default())).collect();
        let fees = self.db("get_required_fees", json!([js, "1.3.0"])).await;
        for (op, fee) in ops.iter_mut().zip(fees.as_array().unwrap()) {
            let f = if fee.is_array() { &fee[0] } else { fee };
            op.fee_mut().amount = f["amount"].as_i64().unwrap();
        }
        ops
    }
    /// A transaction of `ops` (fees filled) on the head block, expiring `expire_in`
    /// seconds after the head block's time, signed with `keys`.
    pub async fn build(
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
        let ops = self.with_fees(ops).await;
        let mut tx = Transaction::new(ops, &head, TimePointSec((time.0 as i64 + expire_in) as u32));
        tx.sign(&self.chain_id().await, keys);
        tx
    }
    /// Broadcasts `tx`; the node's message on refusal.
    pub async fn broadcast(&self, tx: &Transaction) -> Result<Value, String> {
        let j = tx.to_json(&JsonCx { prefix: "TEST" });
        self.client
            .call(Api::NetworkBroadcast, "broadcast_transaction", json!([j]))
            .await
            .map_err(|e| e.node_message())
    }
    /// Sends `ops` (fees filled) signed by `who`; returns the fees paid.
    pub async fn send(&self, who: &str, ops: Vec<Operation>) -> Result<i64, String> {
        let tx = self.build(ops, &[&self.key(who)], 60).await;
        let fee = tx.operations.iter().map(|o| o.fee().amount).sum();
        self.broadcast(&tx).await.map(|_| fee)
    }
    /// A proposal_create by `proposer` of `ops` (fees filled), expiring `lifetime`
    /// seconds after the head block.
    pub async fn proposal(
        &self,
        proposer: &str,
        ops: Vec<Operation>,
        lifetime: u32,
        review: Option<u32>,
    ) -> Operation {
        let now = self.head_time().await;
        ProposalCreate {
            fee: Asset::core(0),
            fee_paying_account: Id(self.id(proposer)),
            expiration_time: TimePointSec(now.0 + lifetime),
            proposed_ops: self
                .with_fees(ops)
                .await
                .into_iter()
                .map(Into::into)
                .collect(),
            review_period_seconds: review,
            extensions: Default::default(),
        }
        .into()
    }
    /// Broadcasts a proposal_create by `proposer`; returns the new proposal id.
    pub async fn propose(
        &self,
        proposer: &str,
        ops: Vec<Operation>,
        lifetime: u32,
        review: Option<u32>,
    ) -> Result<String, String> {
        let create = self.proposal(proposer, ops, lifetime, review).await;
        self.send(proposer, vec![create]).await?;
        // The newest proposal is the one just created (ids are never reused).
        let mut ids = Vec::new();
        let mut who: Vec<String> = self.listing.accounts.iter().map(|a| a.id.clone()).collect();
        who.push("1.2.1".into());
        for w in who {
            let more = self.db("get_proposed_transactions", json!([w])).await;
            ids.extend(
                more.as_array()
                    .unwrap()
                    .iter()
                    .map(|p| p["id"].as_str().unwrap().to_string()),
            );
        }
        ids.sort_by_key(|s| super::instance(s));
        Ok(ids.pop().unwrap())
    }
    /// Account `who` approves proposal `pid`.
    pub async fn approve(&self, who: &str, pid: &str) -> Result<Value, String> {
        let op = approval(self.id(who), pid);
        let tx = self.build(vec![op], &[&self.key(who)], 60).await;
        self.broadcast(&tx).await
    }
    /// A BOS proposal by init0 approved by each of `approvers`; asserts it executed.
    pub async fn bos_by(&self, ops: Vec<Operation>, approvers: &[&str]) {
        let pid = self.propose("init0", ops, 3600, None).await.unwrap();
        for who in approvers {
            self.approve(who, &pid).await.unwrap();
        }
        let p = self.db("get_objects", json!([[pid]])).await;
        assert_eq!(p[0], Value::Null, "the BOS proposal did not execute: {p}");
    }
}

/// A proposal_update: account `1.2.acct` adds its active approval to `pid`.
pub fn approval(acct: u64, pid: &str) -> Operation {
    Operation::from(ProposalUpdate {
        fee: Asset::core(0),
        fee_paying_account: Id(acct),
        proposal: ProposalId::parse(pid).unwrap(),
        active_approvals_to_add: [Id(acct)].into_iter().collect(),
        active_approvals_to_remove: Default::default(),
        owner_approvals_to_add: Default::default(),
        owner_approvals_to_remove: Default::default(),
        key_approvals_to_add: Default::default(),
        key_approvals_to_remove: Default::default(),
        extensions: Default::default(),
    })
}

/// `{"en": s}`
pub fn i18n(s: &str) -> I18n {
    [("en".to_string(), s.to_string())].into_iter().collect()
}

/// Sport, event group, event (1.22.0), rules, a BMG (1.24.0) and one market per
/// name of `markets` (1.25.0, 1.25.1, ...: "A" pays on "A wins"), with relative ids
/// and names made by `name`.
pub fn bos_setup(
    name: impl Fn(&str) -> I18n,
    delay_before_settling: u32,
    markets: &[&str],
) -> Vec<Operation> {
    let rel = |n| bos::protocol::ObjectId::new(0, 0, n);
    let mut ops: Vec<Operation> = vec![
        SportCreate {
            fee: Asset::core(0),
            name: name("Soccer"),
            extensions: Default::default(),
        }
        .into(),
        EventGroupCreate {
            fee: Asset::core(0),
            name: name("EPL"),
            sport_id: rel(0),
            extensions: Default::default(),
        }
        .into(),
        EventCreate {
            fee: Asset::core(0),
            name: name("A v B"),
            season: name("2025"),
            start_time: None,
            event_group_id: rel(1),
            extensions: Default::default(),
        }
        .into(),
        BettingMarketRulesCreate {
            fee: Asset::core(0),
            name: name("R"),
            description: name("rules"),
            extensions: Default::default(),
        }
        .into(),
        BettingMarketGroupCreate {
            fee: Asset::core(0),
            description: name("Moneyline"),
            event_id: rel(2),
            rules_id: rel(3),
            asset_id: Id(0),
            never_in_play: false,
            delay_before_settling,
            extensions: Default::default(),
        }
        .into(),
    ];
    for m in markets {
        ops.push(
            BettingMarketCreate {
                fee: Asset::core(0),
                group_id: rel(4),
                description: name(m),
                payout_condition: name(&format!("{m} wins")),
                extensions: Default::default(),
            }
            .into(),
        );
    }
    ops
}

/// A bet of `1.2.bettor` on market `1.25.market`.
pub fn bet(bettor: u64, market: u64, amount: i64, odds: u32, side: BetType) -> Operation {
    BetPlace {
        fee: Asset::core(0),
        bettor_id: Id(bettor),
        betting_market_id: Id(market),
        amount_to_bet: Asset::core(amount),
        backer_multiplier: odds,
        back_or_lay: side,
        extensions: Default::default(),
    }
    .into()
}
