//! The chain's objects and their JSON shapes (node.md §1), key for key in the
//! node's reflection order. Optional fields that are unset are left out, except
//! in the hand-written event/BMG/BM serializers, which write `null`.

use serde_json::{json, Map, Value};

use crate::protocol::ids::*;
use crate::protocol::operations::Operation;
use crate::protocol::types::{
    AccountOptions, Authority, BetType, BettingMarketGroupStatus, BettingMarketResolution, I18n,
};
use crate::protocol::{Json, JsonCx, ObjectId, PublicKey, TimePointSec};

fn j<T: Json>(v: &T, cx: &JsonCx) -> Value {
    v.to_json(cx)
}

fn hex20(b: &[u8; 20]) -> Value {
    Value::String(hex::encode(b))
}

/// Account `1.2.x`.
#[derive(Clone, Debug)]
pub struct Account {
    pub name: String,
    pub owner: Authority,
    pub active: Authority,
    pub options: AccountOptions,
    pub registrar: AccountId,
    pub referrer: AccountId,
    pub lifetime_referrer: AccountId,
    pub membership_expiration_date: TimePointSec,
    pub network_fee_percentage: u16,
    pub lifetime_referrer_fee_percentage: u16,
    pub referrer_rewards_percentage: u16,
}

impl Account {
    pub fn is_lifetime_member(&self) -> bool {
        self.membership_expiration_date == TimePointSec(u32::MAX)
    }
    pub fn json(&self, id: u64, cx: &JsonCx) -> Value {
        json!({
            "id": format!("1.2.{id}"),
            "membership_expiration_date": j(&self.membership_expiration_date, cx),
            "registrar": j(&self.registrar, cx),
            "referrer": j(&self.referrer, cx),
            "lifetime_referrer": j(&self.lifetime_referrer, cx),
            "network_fee_percentage": self.network_fee_percentage,
            "lifetime_referrer_fee_percentage": self.lifetime_referrer_fee_percentage,
            "referrer_rewards_percentage": self.referrer_rewards_percentage,
            "name": self.name,
            "owner": j(&self.owner, cx),
            "active": j(&self.active, cx),
            "options": j(&self.options, cx),
            "statistics": format!("2.6.{id}"),
            "whitelisting_accounts": [],
            "blacklisting_accounts": [],
            "whitelisted_accounts": [],
            "blacklisted_accounts": [],
            "owner_special_authority": [0, {}],
            "active_special_authority": [0, {}],
            "top_n_control_flags": 0,
        })
    }
}

/// Account statistics `2.6.x`.
#[derive(Clone, Debug, Default)]
pub struct AccountStats {
    pub owner: u64,
    pub total_ops: u64,
    pub lifetime_fees_paid: i64,
}

impl AccountStats {
    pub fn json(&self, id: u64, cx: &JsonCx) -> Value {
        json!({
            "id": format!("2.6.{id}"),
            "owner": format!("1.2.{}", self.owner),
            "most_recent_op": "2.9.0",
            "total_ops": j(&self.total_ops, cx),
            "removed_ops": 0,
            "total_core_in_orders": 0,
            "core_in_balance": 0,
            "has_cashback_vb": false,
            "is_voting": false,
            "lifetime_fees_paid": j(&self.lifetime_fees_paid, cx),
            "pending_fees": 0,
            "pending_vested_fees": 0,
        })
    }
}

/// Account balance `2.5.x`.
#[derive(Clone, Debug)]
pub struct Balance {
    pub owner: u64,
    pub asset: u64,
    pub amount: i64,
}

impl Balance {
    pub fn json(&self, id: u64, cx: &JsonCx) -> Value {
        json!({
            "id": format!("2.5.{id}"),
            "owner": format!("1.2.{}", self.owner),
            "asset_type": format!("1.3.{}", self.asset),
            "balance": j(&self.amount, cx),
        })
    }
}

/// Asset `1.3.x` (only the core asset exists on the devnet).
#[derive(Clone, Debug)]
pub struct Asset {
    pub symbol: String,
    pub precision: u8,
    pub max_supply: i64,
}

impl Asset {
    pub fn json(&self, id: u64, cx: &JsonCx) -> Value {
        let core = json!({"amount": 1, "asset_id": "1.3.0"});
        json!({
            "id": format!("1.3.{id}"),
            "symbol": self.symbol,
            "precision": self.precision,
            "issuer": "1.2.3",
            "options": {
                "max_supply": j(&self.max_supply, cx),
                "market_fee_percent": 0,
                "max_market_fee": j(&self.max_supply, cx),
                "issuer_permissions": 0,
                "flags": 0,
                "core_exchange_rate": {"base": core, "quote": core},
                "whitelist_authorities": [],
                "blacklist_authorities": [],
                "whitelist_markets": [],
                "blacklist_markets": [],
                "description": "",
                "extensions": []
            },
            "dynamic_asset_data_id": format!("2.3.{id}"),
        })
    }
}

/// Asset dynamic data `2.3.x`.
#[derive(Clone, Debug)]
pub struct AssetDynamic {
    pub current_supply: i64,
    pub accumulated_fees: i64,
}

impl AssetDynamic {
    pub fn json(&self, id: u64, cx: &JsonCx) -> Value {
        json!({
            "id": format!("2.3.{id}"),
            "current_supply": j(&self.current_supply, cx),
            "confidential_supply": 0,
            "accumulated_fees": j(&self.accumulated_fees, cx),
            "fee_pool": 0,
        })
    }
}

/// Witness `1.6.x`.
#[derive(Clone, Debug)]
pub struct Witness {
    pub witness_account: AccountId,
    pub last_aslot: u64,
    pub signing_key: PublicKey,
    pub next_secret_hash: [u8; 20],
    pub previous_secret: [u8; 20],
    pub vote_id: u32,
    pub total_votes: u64,
    pub url: String,
    pub total_missed: i64,
    pub last_confirmed_block_num: u32,
}

impl Witness {
    pub fn json(&self, id: u64, cx: &JsonCx) -> Value {
        json!({
            "id": format!("1.6.{id}"),
            "witness_account": j(&self.witness_account, cx),
            "last_aslot": j(&self.last_aslot, cx),
            "signing_key": j(&self.signing_key, cx),
            "next_secret_hash": hex20(&self.next_secret_hash),
            "previous_secret": hex20(&self.previous_secret),
            "vote_id": format!("1:{}", self.vote_id),
            "total_votes": j(&self.total_votes, cx),
            "url": self.url,
            "total_missed": j(&self.total_missed, cx),
            "last_confirmed_block_num": self.last_confirmed_block_num,
        })
    }
}

/// Proposal `1.10.x`.
#[derive(Clone, Debug)]
pub struct Proposal {
    pub expiration_time: TimePointSec,
    pub review_period_time: Option<TimePointSec>,
    pub operations: Vec<Operation>,
    pub required_active_approvals: Vec<AccountId>,
    pub available_active_approvals: Vec<AccountId>,
    pub required_owner_approvals: Vec<AccountId>,
    pub available_owner_approvals: Vec<AccountId>,
    pub available_key_approvals: Vec<PublicKey>,
    pub proposer: AccountId,
    pub fail_reason: String,
}

impl Proposal {
    pub fn json(&self, id: u64, cx: &JsonCx) -> Value {
        let mut m = Map::new();
        m.insert("id".into(), json!(format!("1.10.{id}")));
        m.insert("expiration_time".into(), j(&self.expiration_time, cx));
        if let Some(r) = self.review_period_time {
            m.insert("review_period_time".into(), j(&r, cx));
        }
        m.insert(
            "proposed_transaction".into(),
            json!({
                "ref_block_num": 0,
                "ref_block_prefix": 0,
                "expiration": j(&self.expiration_time, cx),
                "operations": self.operations.iter().map(|o| j(o, cx)).collect::<Vec<_>>(),
                "extensions": [],
            }),
        );
        let ids = |v: &Vec<AccountId>| Value::Array(v.iter().map(|a| j(a, cx)).collect());
        m.insert(
            "required_active_approvals".into(),
            ids(&self.required_active_approvals),
        );
        m.insert(
            "available_active_approvals".into(),
            ids(&self.available_active_approvals),
        );
        m.insert(
            "required_owner_approvals".into(),
            ids(&self.required_owner_approvals),
        );
        m.insert(
            "available_owner_approvals".into(),
            ids(&self.available_owner_approvals),
        );
        m.insert(
            "available_key_approvals".into(),
            Value::Array(
                self.available_key_approvals
                    .iter()
                    .map(|k| j(k, cx))
                    .collect(),
            ),
        );
        m.insert("proposer".into(), j(&self.proposer, cx));
        m.insert("fail_reason".into(), json!(self.fail_reason));
        Value::Object(m)
    }
}

/// Sport `1.20.x`.
#[derive(Clone, Debug)]
pub struct Sport {
    pub name: I18n,
}

/// Event group `1.21.x`.
#[derive(Clone, Debug)]
pub struct EventGroup {
    pub name: I18n,
    pub sport_id: SportId,
}

/// The event's internal states (two frozen ones, reported as `frozen`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EventState {
    Upcoming,
    FrozenUpcoming,
    InProgress,
    FrozenInProgress,
    Finished,
    Canceled,
    Settled,
}

impl EventState {
    pub fn reported(self) -> &'static str {
        match self {
            EventState::Upcoming => "upcoming",
            EventState::FrozenUpcoming | EventState::FrozenInProgress => "frozen",
            EventState::InProgress => "in_progress",
            EventState::Finished => "finished",
            EventState::Canceled => "canceled",
            EventState::Settled => "settled",
        }
    }
}

/// Event `1.22.x`.
#[derive(Clone, Debug)]
pub struct Event {
    pub name: I18n,
    pub season: I18n,
    pub start_time: Option<TimePointSec>,
    pub event_group_id: EventGroupId,
    pub scores: Vec<String>,
    pub state: EventState,
}

/// Betting market rules `1.23.x`.
#[derive(Clone, Debug)]
pub struct Rules {
    pub name: I18n,
    pub description: I18n,
}

/// The BMG's internal states.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BmgState {
    Upcoming,
    FrozenUpcoming,
    InPlay,
    FrozenInPlay,
    Closed,
    Graded,
    Canceled,
    Settled,
}

impl BmgState {
    pub fn reported(self) -> BettingMarketGroupStatus {
        match self {
            BmgState::Upcoming => BettingMarketGroupStatus::Upcoming,
            BmgState::FrozenUpcoming | BmgState::FrozenInPlay => BettingMarketGroupStatus::Frozen,
            BmgState::InPlay => BettingMarketGroupStatus::InPlay,
            BmgState::Closed => BettingMarketGroupStatus::Closed,
            BmgState::Graded => BettingMarketGroupStatus::Graded,
            BmgState::Canceled => BettingMarketGroupStatus::Canceled,
            BmgState::Settled => BettingMarketGroupStatus::Settled,
        }
    }
}

/// Betting market group `1.24.x`.
#[derive(Clone, Debug)]
pub struct Bmg {
    pub description: I18n,
    pub event_id: EventId,
    pub rules_id: BettingMarketRulesId,
    pub asset_id: AssetId,
    pub total_matched_bets_amount: i64,
    pub never_in_play: bool,
    pub delay_before_settling: u32,
    pub settling_time: Option<TimePointSec>,
    pub state: BmgState,
}

/// The BM's internal states (`closed` is reported as `unresolved`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BmState {
    Unresolved,
    Frozen,
    Closed,
    Graded,
    Canceled,
    Settled,
}

impl BmState {
    pub fn reported(self) -> &'static str {
        match self {
            BmState::Unresolved | BmState::Closed => "unresolved",
            BmState::Frozen => "frozen",
            BmState::Graded => "graded",
            BmState::Canceled => "canceled",
            BmState::Settled => "settled",
        }
    }
}

/// Betting market `1.25.x`.
#[derive(Clone, Debug)]
pub struct Bm {
    pub group_id: BettingMarketGroupId,
    pub description: I18n,
    pub payout_condition: I18n,
    pub resolution: Option<BettingMarketResolution>,
    pub state: BmState,
}

/// Bet `1.26.x` (unmatched remainder).
#[derive(Clone, Debug)]
pub struct Bet {
    pub bettor_id: AccountId,
    pub betting_market_id: BettingMarketId,
    pub amount_to_bet: i64,
    pub backer_multiplier: u32,
    pub back_or_lay: BetType,
    pub end_of_delay: Option<TimePointSec>,
}

impl Bet {
    pub fn json(&self, id: u64, cx: &JsonCx) -> Value {
        let mut m = Map::new();
        m.insert("id".into(), json!(format!("1.26.{id}")));
        m.insert("bettor_id".into(), j(&self.bettor_id, cx));
        m.insert("betting_market_id".into(), j(&self.betting_market_id, cx));
        m.insert(
            "amount_to_bet".into(),
            json!({"amount": j(&self.amount_to_bet, cx), "asset_id": "1.3.0"}),
        );
        m.insert("backer_multiplier".into(), json!(self.backer_multiplier));
        m.insert("back_or_lay".into(), json!(self.back_or_lay.as_str()));
        if let Some(t) = self.end_of_delay {
            m.insert("end_of_delay".into(), j(&t, cx));
        }
        Value::Object(m)
    }
}

/// A betting position `2.20.x`: what an account wins or loses per market outcome.
#[derive(Clone, Debug, Default)]
pub struct Position {
    pub bettor: u64,
    pub market: u64,
    /// Paid out when the market wins.
    pub pay_if_payout_condition: i64,
    /// Paid out when it does not win.
    pub pay_if_not_payout_condition: i64,
    /// Stakes to refund when the group is canceled.
    pub pay_if_canceled: i64,
    pub fees_collected: i64,
}

impl Position {
    pub fn json(&self, id: u64, cx: &JsonCx) -> Value {
        json!({
            "id": format!("2.20.{id}"),
            "bettor_id": format!("1.2.{}", self.bettor),
            "betting_market_id": format!("1.25.{}", self.market),
            "pay_if_payout_condition": j(&self.pay_if_payout_condition, cx),
            "pay_if_not_payout_condition": j(&self.pay_if_not_payout_condition, cx),
            "pay_if_canceled": j(&self.pay_if_canceled, cx),
            "pay_if_not_canceled": 0,
            "fees_collected": j(&self.fees_collected, cx),
        })
    }
}

pub fn sport_json(id: u64, s: &Sport, cx: &JsonCx) -> Value {
    json!({"id": format!("1.20.{id}"), "name": j(&s.name, cx)})
}

pub fn event_group_json(id: u64, g: &EventGroup, cx: &JsonCx) -> Value {
    json!({"id": format!("1.21.{id}"), "name": j(&g.name, cx), "sport_id": j(&g.sport_id, cx)})
}

pub fn event_json(id: u64, e: &Event, cx: &JsonCx) -> Value {
    json!({
        "id": format!("1.22.{id}"),
        "name": j(&e.name, cx),
        "season": j(&e.season, cx),
        "start_time": e.start_time.map_or(Value::Null, |t| j(&t, cx)),
        "event_group_id": j(&e.event_group_id, cx),
        "scores": e.scores,
        "status": e.state.reported(),
    })
}

pub fn rules_json(id: u64, r: &Rules, cx: &JsonCx) -> Value {
    json!({"id": format!("1.23.{id}"), "name": j(&r.name, cx), "description": j(&r.description, cx)})
}

pub fn bmg_json(id: u64, g: &Bmg, cx: &JsonCx) -> Value {
    json!({
        "id": format!("1.24.{id}"),
        "description": j(&g.description, cx),
        "event_id": j(&g.event_id, cx),
        "rules_id": j(&g.rules_id, cx),
        "asset_id": j(&g.asset_id, cx),
        "total_matched_bets_amount": j(&g.total_matched_bets_amount, cx),
        "never_in_play": g.never_in_play,
        "delay_before_settling": g.delay_before_settling,
        "settling_time": g.settling_time.map_or(Value::Null, |t| j(&t, cx)),
        "status": g.state.reported().as_str(),
    })
}

pub fn bm_json(id: u64, m: &Bm, cx: &JsonCx) -> Value {
    json!({
        "id": format!("1.25.{id}"),
        "group_id": j(&m.group_id, cx),
        "description": j(&m.description, cx),
        "payout_condition": j(&m.payout_condition, cx),
        "resolution": m.resolution.map_or(Value::Null, |r| json!(r.as_str())),
        "status": m.state.reported(),
    })
}

/// The object id of a typed instance.
pub fn oid(space: u8, ty: u8, instance: u64) -> ObjectId {
    ObjectId::new(space, ty, instance)
}
