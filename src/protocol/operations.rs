//! Operations: one struct per operation in wire (FC_REFLECT) order, and the
//! [`Operation`] static variant whose index is the operation id.
//!
//! Field order is the order of the C++ `FC_REFLECT` lists, which is not always the
//! declaration order: `event_group_update` puts its id after the optionals,
//! `betting_market_rules_update` puts its id after `extensions`, and
//! `witness_update` ends with Peerplays' `new_initial_secret` and has no extensions.

use serde_json::Value;

use super::codec::{
    invalid, wrong, Extensions, FlatMap, FlatSet, Json, JsonCx, Pack, Reader, Ripemd160,
};
use super::error::{Error, Result};
use super::ids::*;
use super::keys::PublicKey;
use super::path::Path;
use super::time::TimePointSec;
use super::types::*;
use crate::fc_struct;

/// A score in `event_update_status`: the chain type is a string; numbers are
/// accepted on input (python's JSON shows them as numbers) and written as strings.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Default)]
pub struct Score(pub String);

impl Pack for Score {
    fn pack(&self, out: &mut Vec<u8>) {
        self.0.pack(out)
    }
    fn unpack(r: &mut Reader<'_>) -> Result<Self> {
        String::unpack(r).map(Score)
    }
}

impl Json for Score {
    fn to_json(&self, _: &JsonCx) -> Value {
        Value::String(self.0.clone())
    }
    fn from_json(v: &Value, p: &Path) -> Result<Self> {
        match v {
            Value::String(s) => Ok(Score(s.clone())),
            Value::Number(n) => Ok(Score(n.to_string())),
            _ => Err(wrong(p, "a score (string or number)", v)),
        }
    }
}

fc_struct! { pub struct Transfer { fee: Asset, from: AccountId, to: AccountId, amount: Asset, memo: Option<Memo>, extensions: Extensions } }
fc_struct! { pub struct LimitOrderCreate { fee: Asset, seller: AccountId, amount_to_sell: Asset, min_to_receive: Asset, expiration: TimePointSec, fill_or_kill: bool, extensions: Extensions } }
fc_struct! { pub struct LimitOrderCancel { fee: Asset, fee_paying_account: AccountId, order: LimitOrderId, extensions: Extensions } }
fc_struct! { pub struct AccountCreate { fee: Asset, registrar: AccountId, referrer: AccountId, referrer_percent: u16, name: String, owner: Authority, active: Authority, options: AccountOptions, extensions: Extensions } }
fc_struct! { pub struct AccountUpdate { fee: Asset, account: AccountId, owner: Option<Authority>, active: Option<Authority>, new_options: Option<AccountOptions>, extensions: Extensions } }
fc_struct! { pub struct AccountUpgrade { fee: Asset, account_to_upgrade: AccountId, upgrade_to_lifetime_member: bool, extensions: Extensions } }
fc_struct! { pub struct AssetCreate { fee: Asset, issuer: AccountId, symbol: String, precision: u8, common_options: AssetOptions, bitasset_opts: Option<BitassetOptions>, is_prediction_market: bool, extensions: Extensions } }
fc_struct! { pub struct AssetUpdate { fee: Asset, issuer: AccountId, asset_to_update: AssetId, new_issuer: Option<AccountId>, new_options: AssetOptions, extensions: Extensions } }
fc_struct! { pub struct AssetUpdateBitasset { fee: Asset, issuer: AccountId, asset_to_update: AssetId, new_options: BitassetOptions, extensions: Extensions } }
fc_struct! { pub struct AssetIssue { fee: Asset, issuer: AccountId, asset_to_issue: Asset, issue_to_account: AccountId, memo: Option<Memo>, extensions: Extensions } }
fc_struct! {
    /// Peerplays' witness_create carries the first secret hash of the witness's secret chain.
    pub struct WitnessCreate { fee: Asset, witness_account: AccountId, url: String, block_signing_key: PublicKey, initial_secret: Ripemd160 }
}
fc_struct! {
    /// Peerplays' witness_update: no extensions; `new_initial_secret` must accompany a
    /// new signing key, or the witness misses every block of the new key.
    pub struct WitnessUpdate { fee: Asset, witness: WitnessId, witness_account: AccountId, new_url: Option<String>, new_signing_key: Option<PublicKey>, new_initial_secret: Option<Ripemd160> }
}
fc_struct! {
    /// A proposal; its operations run as one transaction once approved.
    pub struct ProposalCreate { fee: Asset, fee_paying_account: AccountId, expiration_time: TimePointSec, proposed_ops: Vec<OpWrapper>, review_period_seconds: Option<u32>, extensions: Extensions }
}
fc_struct! {
    pub struct ProposalUpdate {
        fee: Asset, fee_paying_account: AccountId, proposal: ProposalId,
        active_approvals_to_add: FlatSet<AccountId>, active_approvals_to_remove: FlatSet<AccountId>,
        owner_approvals_to_add: FlatSet<AccountId>, owner_approvals_to_remove: FlatSet<AccountId>,
        key_approvals_to_add: FlatSet<PublicKey>, key_approvals_to_remove: FlatSet<PublicKey>,
        extensions: Extensions
    }
}
impl ProposalUpdate {
    /// `account` adds (`add`) or removes its active approval of `proposal`,
    /// paying the fee itself: how a witness votes on a BOS proposal.
    pub fn active_approval(account: AccountId, proposal: ProposalId, add: bool) -> ProposalUpdate {
        let me = FlatSet::new(vec![account]);
        let (to_add, to_remove) = if add {
            (me, FlatSet::default())
        } else {
            (FlatSet::default(), me)
        };
        ProposalUpdate {
            fee: Asset::core(0),
            fee_paying_account: account,
            proposal,
            active_approvals_to_add: to_add,
            active_approvals_to_remove: to_remove,
            owner_approvals_to_add: FlatSet::default(),
            owner_approvals_to_remove: FlatSet::default(),
            key_approvals_to_add: FlatSet::default(),
            key_approvals_to_remove: FlatSet::default(),
            extensions: Default::default(),
        }
    }
}

fc_struct! { pub struct ProposalDelete { fee: Asset, fee_paying_account: AccountId, using_owner_authority: bool, proposal: ProposalId, extensions: Extensions } }
fc_struct! { pub struct VestingBalanceWithdraw { fee: Asset, vesting_balance: VestingBalanceId, owner: AccountId, amount: Asset } }
fc_struct! { pub struct BalanceClaim { fee: Asset, deposit_to_account: AccountId, balance_to_claim: BalanceId, balance_owner_key: PublicKey, total_claimed: Asset } }
fc_struct! { pub struct TournamentCreate { fee: Asset, creator: AccountId, options: TournamentOptions, extensions: Extensions } }
fc_struct! { pub struct TournamentJoin { fee: Asset, payer_account_id: AccountId, player_account_id: AccountId, tournament_id: TournamentId, buy_in: Asset, extensions: Extensions } }
fc_struct! { pub struct GameMove { fee: Asset, game_id: GameId, player_account_id: AccountId, r#move: GameSpecificMoves, extensions: Extensions } }
fc_struct! { pub struct TournamentLeave { fee: Asset, canceling_account_id: AccountId, player_account_id: AccountId, tournament_id: TournamentId, extensions: Extensions } }
fc_struct! { pub struct SportCreate { fee: Asset, name: I18n, extensions: Extensions } }
fc_struct! { pub struct SportUpdate { fee: Asset, sport_id: SportId, new_name: Option<I18n>, extensions: Extensions } }
fc_struct! { pub struct SportDelete { fee: Asset, sport_id: SportId, extensions: Extensions } }
fc_struct! { pub struct EventGroupCreate { fee: Asset, name: I18n, sport_id: ObjectId, extensions: Extensions } }
fc_struct! {
    /// Note the wire order: the id comes after the optionals.
    pub struct EventGroupUpdate { fee: Asset, new_sport_id: Option<ObjectId>, new_name: Option<I18n>, event_group_id: EventGroupId, extensions: Extensions }
}
fc_struct! { pub struct EventGroupDelete { fee: Asset, event_group_id: EventGroupId, extensions: Extensions } }
fc_struct! { pub struct EventCreate { fee: Asset, name: I18n, season: I18n, start_time: Option<TimePointSec>, event_group_id: ObjectId, extensions: Extensions } }
fc_struct! {
    pub struct EventUpdate {
        fee: Asset, event_id: EventId, new_event_group_id: Option<ObjectId>, new_name: Option<I18n>,
        new_season: Option<I18n>, new_start_time: Option<TimePointSec>, new_status: Option<EventStatus>, extensions: Extensions
    }
}
fc_struct! { pub struct EventUpdateStatus { fee: Asset, event_id: EventId, status: EventStatus, scores: Vec<Score>, extensions: Extensions } }
fc_struct! { pub struct BettingMarketRulesCreate { fee: Asset, name: I18n, description: I18n, extensions: Extensions } }
fc_struct! {
    /// Note the wire order: the id comes last, after `extensions`.
    pub struct BettingMarketRulesUpdate { fee: Asset, new_name: Option<I18n>, new_description: Option<I18n>, extensions: Extensions, betting_market_rules_id: BettingMarketRulesId }
}
fc_struct! {
    pub struct BettingMarketGroupCreate {
        fee: Asset, description: I18n, event_id: ObjectId, rules_id: ObjectId, asset_id: AssetId,
        never_in_play: bool, delay_before_settling: u32, extensions: Extensions
    }
}
fc_struct! {
    pub struct BettingMarketGroupUpdate {
        fee: Asset, betting_market_group_id: BettingMarketGroupId, new_description: Option<I18n>,
        new_rules_id: Option<ObjectId>, status: Option<BettingMarketGroupStatus>, extensions: Extensions
    }
}
fc_struct! { pub struct BettingMarketGroupResolve { fee: Asset, betting_market_group_id: BettingMarketGroupId, resolutions: FlatMap<BettingMarketId, BettingMarketResolution>, extensions: Extensions } }
fc_struct! { pub struct BettingMarketGroupCancelUnmatchedBets { fee: Asset, betting_market_group_id: BettingMarketGroupId, extensions: Extensions } }
fc_struct! { pub struct BettingMarketCreate { fee: Asset, group_id: ObjectId, description: I18n, payout_condition: I18n, extensions: Extensions } }
fc_struct! {
    pub struct BettingMarketUpdate {
        fee: Asset, betting_market_id: BettingMarketId, new_group_id: Option<ObjectId>,
        new_description: Option<I18n>, new_payout_condition: Option<I18n>, extensions: Extensions
    }
}
fc_struct! { pub struct BetPlace { fee: Asset, bettor_id: AccountId, betting_market_id: BettingMarketId, amount_to_bet: Asset, backer_multiplier: u32, back_or_lay: BetType, extensions: Extensions } }
fc_struct! { pub struct BetCancel { fee: Asset, bettor_id: AccountId, bet_to_cancel: BetId, extensions: Extensions } }

/// The names of all operation ids of the 2021 Peerplays core, for messages and
/// for history readers; `*` marks virtual operations.
pub const OPERATION_NAMES: &[&str] = &[
    "transfer",
    "limit_order_create",
    "limit_order_cancel",
    "call_order_update",
    "fill_order*",
    "account_create",
    "account_update",
    "account_whitelist",
    "account_upgrade",
    "account_transfer",
    "asset_create",
    "asset_update",
    "asset_update_bitasset",
    "asset_update_feed_producers",
    "asset_issue",
    "asset_reserve",
    "asset_fund_fee_pool",
    "asset_settle",
    "asset_global_settle",
    "asset_publish_feed",
    "witness_create",
    "witness_update",
    "proposal_create",
    "proposal_update",
    "proposal_delete",
    "withdraw_permission_create",
    "withdraw_permission_update",
    "withdraw_permission_claim",
    "withdraw_permission_delete",
    "committee_member_create",
    "committee_member_update",
    "committee_member_update_global_parameters",
    "vesting_balance_create",
    "vesting_balance_withdraw",
    "worker_create",
    "custom",
    "assert",
    "balance_claim",
    "override_transfer",
    "transfer_to_blind",
    "blind_transfer",
    "transfer_from_blind",
    "asset_settle_cancel*",
    "asset_claim_fees",
    "fba_distribute*",
    "tournament_create",
    "tournament_join",
    "game_move",
    "asset_update_dividend",
    "asset_dividend_distribution*",
    "tournament_payout*",
    "tournament_leave",
    "sport_create",
    "sport_update",
    "event_group_create",
    "event_group_update",
    "event_create",
    "event_update",
    "betting_market_rules_create",
    "betting_market_rules_update",
    "betting_market_group_create",
    "betting_market_create",
    "bet_place",
    "betting_market_group_resolve",
    "betting_market_group_resolved*",
    "bet_adjusted*",
    "betting_market_group_cancel_unmatched_bets",
    "bet_matched*",
    "bet_cancel",
    "bet_canceled*",
    "betting_market_group_update",
    "betting_market_update",
    "event_update_status",
    "sport_delete",
    "event_group_delete",
    "affiliate_payout*",
    "affiliate_referral_payout*",
    "lottery_asset_create",
    "ticket_purchase",
    "lottery_reward",
    "lottery_end",
    "sweeps_vesting_claim",
    "custom_permission_create",
    "custom_permission_update",
    "custom_permission_delete",
    "custom_account_authority_create",
    "custom_account_authority_update",
    "custom_account_authority_delete",
    "offer",
    "bid",
    "cancel_offer",
    "finalize_offer*",
    "nft_metadata_create",
    "nft_metadata_update",
    "nft_mint",
    "nft_safe_transfer_from",
    "nft_approve",
    "nft_set_approval_for_all",
    "account_role_create",
    "account_role_update",
    "account_role_delete",
    "son_create",
    "son_update",
    "son_deregister",
    "son_heartbeat",
    "son_report_down",
    "son_maintenance",
    "son_wallet_recreate",
    "son_wallet_update",
    "son_wallet_deposit_create",
    "son_wallet_deposit_process",
    "son_wallet_withdraw_create",
    "son_wallet_withdraw_process",
    "sidechain_address_add",
    "sidechain_address_update",
    "sidechain_address_delete",
    "sidechain_transaction_create",
    "sidechain_transaction_sign",
    "sidechain_transaction_send",
    "sidechain_transaction_settle",
];

/// The name of an operation id (virtual ones end in `*`), if the id is known.
pub fn operation_name(id: u64) -> Option<&'static str> {
    OPERATION_NAMES.get(id as usize).copied()
}

fn unsupported(id: u64) -> String {
    match operation_name(id) {
        Some(name) if name.ends_with('*') => {
            format!(
                "{id} ({}) is a virtual operation; it only appears in history",
                name.trim_end_matches('*')
            )
        }
        Some(name) => format!("{id} ({name}) is not supported by this version of bos"),
        None => format!("tag {id} is not a Peerplays operation"),
    }
}

macro_rules! operations {
    ($( $id:literal $name:literal $var:ident($ty:ident) ),* $(,)?) => {
        /// An operation: `[id, {fields}]` in JSON, varint(id) ‖ fields on the wire.
        #[derive(Clone, Debug, PartialEq, Eq)]
        pub enum Operation { $( $var($ty), )* }

        /// The operation ids this build can encode and decode.
        pub const SUPPORTED_OPERATIONS: &[(u32, &str)] = &[$( ($id, $name), )*];

        impl Operation {
            /// The operation id (static variant index).
            pub fn id(&self) -> u32 {
                match self { $( Operation::$var(_) => $id, )* }
            }
            /// The operation name without `_operation`.
            pub fn name(&self) -> &'static str {
                match self { $( Operation::$var(_) => $name, )* }
            }
            /// The fee every operation starts with.
            pub fn fee(&self) -> &Asset {
                match self { $( Operation::$var(x) => &x.fee, )* }
            }
            /// The fee, to fill it in before signing.
            pub fn fee_mut(&mut self) -> &mut Asset {
                match self { $( Operation::$var(x) => &mut x.fee, )* }
            }
            /// The id of an operation name (`transfer` or `transfer_operation`).
            pub fn id_of(name: &str) -> Option<u32> {
                let name = name.strip_suffix("_operation").unwrap_or(name);
                match name { $( $name => Some($id), )* _ => None }
            }
            fn unpack_body(id: u64, r: &mut Reader<'_>, at: usize) -> Result<Self> {
                match id {
                    $( $id => Ok(Operation::$var(<$ty>::unpack(r)?)), )*
                    _ => Err(Error::UnknownOperation { path: format!("binary input at byte {at}"), tag: unsupported(id) }),
                }
            }
            fn from_json_body(id: u64, v: &Value, p: &Path, tp: &Path) -> Result<Self> {
                match id {
                    $( $id => Ok(Operation::$var(<$ty>::from_json(v, p)?)), )*
                    _ => Err(Error::UnknownOperation { path: tp.to_string(), tag: unsupported(id) }),
                }
            }
            fn body_json(&self, cx: &JsonCx) -> Value {
                match self { $( Operation::$var(x) => x.to_json(cx), )* }
            }
            fn pack_body(&self, out: &mut Vec<u8>) {
                match self { $( Operation::$var(x) => x.pack(out), )* }
            }
        }

        $(
            impl From<$ty> for Operation {
                fn from(x: $ty) -> Operation { Operation::$var(x) }
            }
        )*
    };
}

operations! {
    0 "transfer" Transfer(Transfer),
    1 "limit_order_create" LimitOrderCreate(LimitOrderCreate),
    2 "limit_order_cancel" LimitOrderCancel(LimitOrderCancel),
    5 "account_create" AccountCreate(AccountCreate),
    6 "account_update" AccountUpdate(AccountUpdate),
    8 "account_upgrade" AccountUpgrade(AccountUpgrade),
    10 "asset_create" AssetCreate(AssetCreate),
    11 "asset_update" AssetUpdate(AssetUpdate),
    12 "asset_update_bitasset" AssetUpdateBitasset(AssetUpdateBitasset),
    14 "asset_issue" AssetIssue(AssetIssue),
    20 "witness_create" WitnessCreate(WitnessCreate),
    21 "witness_update" WitnessUpdate(WitnessUpdate),
    22 "proposal_create" ProposalCreate(ProposalCreate),
    23 "proposal_update" ProposalUpdate(ProposalUpdate),
    24 "proposal_delete" ProposalDelete(ProposalDelete),
    33 "vesting_balance_withdraw" VestingBalanceWithdraw(VestingBalanceWithdraw),
    37 "balance_claim" BalanceClaim(BalanceClaim),
    45 "tournament_create" TournamentCreate(TournamentCreate),
    46 "tournament_join" TournamentJoin(TournamentJoin),
    47 "game_move" GameMove(GameMove),
    51 "tournament_leave" TournamentLeave(TournamentLeave),
    52 "sport_create" SportCreate(SportCreate),
    53 "sport_update" SportUpdate(SportUpdate),
    54 "event_group_create" EventGroupCreate(EventGroupCreate),
    55 "event_group_update" EventGroupUpdate(EventGroupUpdate),
    56 "event_create" EventCreate(EventCreate),
    57 "event_update" EventUpdate(EventUpdate),
    58 "betting_market_rules_create" BettingMarketRulesCreate(BettingMarketRulesCreate),
    59 "betting_market_rules_update" BettingMarketRulesUpdate(BettingMarketRulesUpdate),
    60 "betting_market_group_create" BettingMarketGroupCreate(BettingMarketGroupCreate),
    61 "betting_market_create" BettingMarketCreate(BettingMarketCreate),
    62 "bet_place" BetPlace(BetPlace),
    63 "betting_market_group_resolve" BettingMarketGroupResolve(BettingMarketGroupResolve),
    66 "betting_market_group_cancel_unmatched_bets" BettingMarketGroupCancelUnmatchedBets(BettingMarketGroupCancelUnmatchedBets),
    68 "bet_cancel" BetCancel(BetCancel),
    70 "betting_market_group_update" BettingMarketGroupUpdate(BettingMarketGroupUpdate),
    71 "betting_market_update" BettingMarketUpdate(BettingMarketUpdate),
    72 "event_update_status" EventUpdateStatus(EventUpdateStatus),
    73 "sport_delete" SportDelete(SportDelete),
    74 "event_group_delete" EventGroupDelete(EventGroupDelete),
}

impl Pack for Operation {
    fn pack(&self, out: &mut Vec<u8>) {
        super::codec::write_varint(out, self.id() as u64);
        self.pack_body(out);
    }
    fn unpack(r: &mut Reader<'_>) -> Result<Self> {
        let at = r.position();
        let id = r.varint("operation id")?;
        Operation::unpack_body(id, r, at)
    }
}

impl Json for Operation {
    fn to_json(&self, cx: &JsonCx) -> Value {
        Value::Array(vec![Value::from(self.id()), self.body_json(cx)])
    }
    fn from_json(v: &Value, p: &Path) -> Result<Self> {
        let pair = match v.as_array().map(Vec::as_slice) {
            Some([tag, body]) => (tag, body),
            _ => return Err(wrong(p, "an operation [tag, {...}]", v)),
        };
        let tp = p.index(0);
        let id = match pair.0 {
            Value::String(name) => match Operation::id_of(name) {
                Some(id) => id as u64,
                None => {
                    let known = OPERATION_NAMES.iter().position(|n| {
                        n.trim_end_matches('*') == name.trim_end_matches("_operation")
                    });
                    return Err(Error::UnknownOperation {
                        path: tp.to_string(),
                        tag: known.map_or_else(
                            || format!("{name:?} is not a Peerplays operation"),
                            |i| unsupported(i as u64),
                        ),
                    });
                }
            },
            Value::Number(n) => n.as_u64().ok_or_else(|| Error::UnknownOperation {
                path: tp.to_string(),
                tag: format!("tag {n} is not a Peerplays operation"),
            })?,
            other => return Err(wrong(&tp, "an operation id or name", other)),
        };
        Operation::from_json_body(id, pair.1, &p.index(1), &tp)
    }
}

/// `op_wrapper`: one proposed operation, `{"op": [id, {...}]}` in JSON.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OpWrapper {
    pub op: Operation,
}

impl Pack for OpWrapper {
    fn pack(&self, out: &mut Vec<u8>) {
        self.op.pack(out)
    }
    fn unpack(r: &mut Reader<'_>) -> Result<Self> {
        r.enter("proposed operation")?;
        let op = Operation::unpack(r);
        r.leave();
        op.map(|op| OpWrapper { op })
    }
}

impl Json for OpWrapper {
    fn to_json(&self, cx: &JsonCx) -> Value {
        let mut m = serde_json::Map::new();
        m.insert("op".into(), self.op.to_json(cx));
        Value::Object(m)
    }
    fn from_json(v: &Value, p: &Path) -> Result<Self> {
        match v {
            Value::Object(o) => match o.get("op") {
                Some(op) => Operation::from_json(op, &p.field("op")).map(|op| OpWrapper { op }),
                None => Err(Error::MissingField {
                    path: p.to_string(),
                    field: "op".into(),
                }),
            },
            // A bare `[id, {...}]` is accepted too.
            Value::Array(_) => Operation::from_json(v, p).map(|op| OpWrapper { op }),
            _ => Err(invalid(
                p,
                "proposed operation",
                "expected {\"op\": [id, {...}]}",
            )),
        }
    }
}

impl From<Operation> for OpWrapper {
    fn from(op: Operation) -> Self {
        OpWrapper { op }
    }
}
