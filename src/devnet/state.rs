//! The chain state: every object by space and type, the indexes the APIs need,
//! and the record of what changed (for subscription notices).
//!
//! A transaction is applied to a copy of the state and the copy replaces the
//! original only when every operation succeeded, so a failed transaction or a
//! failed proposal leaves nothing behind (the node's undo session). The indexes
//! are copy-on-write ([`Shared`]), so the copy costs only what it writes.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{json, Value};

use super::error::{Error, Result};
use super::fees::FeeSchedule;
use super::objects::*;
use super::shared::Shared;
use crate::protocol::ids::AccountId;
use crate::protocol::{JsonCx, ObjectId, TimePointSec};

/// Chain parameters (the mutable ones in 2.0.0).
#[derive(Clone, Debug)]
pub struct Params {
    pub block_interval: u8,
    pub maintenance_interval: u32,
    pub maintenance_skip_slots: u8,
    pub committee_proposal_review_period: u32,
    pub maximum_time_until_expiration: u32,
    pub maximum_proposal_lifetime: u32,
    pub max_authority_depth: u8,
    pub fees: FeeSchedule,
    pub live_betting_delay_time: u32,
    pub betting_rake_fee_percentage: u16,
    pub min_bet_multiplier: u32,
    pub max_bet_multiplier: u32,
}

/// Dynamic global properties 2.1.0.
#[derive(Clone, Debug)]
pub struct Dynamic {
    pub head_block_number: u32,
    pub head_block_id: [u8; 20],
    pub time: TimePointSec,
    pub current_witness: u64,
    pub next_maintenance_time: TimePointSec,
    pub last_budget_time: TimePointSec,
    pub recently_missed_count: u32,
    pub current_aslot: u64,
    pub recent_slots_filled: u128,
    pub dynamic_flags: u32,
    pub last_irreversible_block_num: u32,
}

/// The whole state.
#[derive(Clone, Debug)]
pub struct State {
    pub chain_id: [u8; 32],
    pub prefix: String,
    pub params: Params,
    pub dynamic: Dynamic,
    pub active_witnesses: Vec<u64>,
    pub shuffled_witnesses: Vec<u64>,
    pub next_available_vote_id: u32,
    pub accounts: Shared<BTreeMap<u64, Account>>,
    pub names: Shared<BTreeMap<String, u64>>,
    pub stats: Shared<BTreeMap<u64, AccountStats>>,
    pub balances: Shared<BTreeMap<u64, Balance>>,
    pub balance_index: Shared<BTreeMap<(u64, u64), u64>>,
    pub assets: Shared<BTreeMap<u64, Asset>>,
    pub asset_dynamic: Shared<BTreeMap<u64, AssetDynamic>>,
    pub witnesses: Shared<BTreeMap<u64, Witness>>,
    pub proposals: Shared<BTreeMap<u64, Proposal>>,
    pub sports: Shared<BTreeMap<u64, Sport>>,
    pub event_groups: Shared<BTreeMap<u64, EventGroup>>,
    pub events: Shared<BTreeMap<u64, Event>>,
    pub rules: Shared<BTreeMap<u64, Rules>>,
    pub bmgs: Shared<BTreeMap<u64, Bmg>>,
    pub bms: Shared<BTreeMap<u64, Bm>>,
    pub bets: Shared<BTreeMap<u64, Bet>>,
    pub positions: Shared<BTreeMap<u64, Position>>,
    pub next_instance: Shared<BTreeMap<(u8, u8), u64>>,
    /// Objects changed since the last block notice.
    pub touched: Shared<BTreeSet<ObjectId>>,
    /// Objects created since the last block notice.
    pub created: Shared<BTreeSet<ObjectId>>,
    /// Objects removed since the last block notice.
    pub removed: Shared<BTreeSet<ObjectId>>,
}

impl State {
    pub fn cx(&self) -> JsonCx<'_> {
        JsonCx {
            prefix: &self.prefix,
        }
    }

    /// Marks an object as changed.
    pub fn touch(&mut self, id: ObjectId) {
        self.touched.insert(id);
    }

    /// The next instance of a type, marking the object as created.
    pub fn new_instance(&mut self, space: u8, ty: u8) -> u64 {
        let n = self.next_instance.entry((space, ty)).or_insert(0);
        let i = *n;
        *n += 1;
        let id = oid(space, ty, i);
        self.created.insert(id);
        self.touched.insert(id);
        i
    }

    /// Marks an object as removed.
    pub fn mark_removed(&mut self, id: ObjectId) {
        self.touched.remove(&id);
        self.created.remove(&id);
        self.removed.insert(id);
    }

    /// An account by id, or the node's "unable to find" error.
    pub fn account(&self, id: AccountId) -> Result<&Account> {
        self.accounts
            .get(&id.0)
            .ok_or_else(|| Error::UnknownObject { id: id.to_string() })
    }

    /// The balance of `owner` in `asset`.
    pub fn balance(&self, owner: u64, asset: u64) -> i64 {
        self.balance_index
            .get(&(owner, asset))
            .and_then(|i| self.balances.get(i))
            .map_or(0, |b| b.amount)
    }

    /// Adds `delta` (may be negative) to a balance, refusing to go below zero.
    pub fn adjust_balance(&mut self, owner: u64, asset: u64, delta: i64) -> Result<()> {
        let have = self.balance(owner, asset);
        let after = have
            .checked_add(delta)
            .ok_or_else(|| Error::assert("result.amount <= max", "Balance overflow".to_string()))?;
        if after < 0 {
            let name = self
                .accounts
                .get(&owner)
                .map_or_else(|| format!("1.2.{owner}"), |a| a.name.clone());
            return Err(Error::assert(
                "get_balance(account, asset_type) >= -delta",
                format!(
                    "Insufficient Balance: {name}'s balance of {} is less than required {}",
                    self.amount_text(have),
                    self.amount_text(-delta)
                ),
            ));
        }
        let inst = match self.balance_index.get(&(owner, asset)) {
            Some(i) => *i,
            None => {
                let i = self.new_instance(2, 5);
                self.balance_index.insert((owner, asset), i);
                self.balances.insert(
                    i,
                    Balance {
                        owner,
                        asset,
                        amount: 0,
                    },
                );
                i
            }
        };
        if let Some(b) = self.balances.get_mut(&inst) {
            b.amount = after;
        }
        self.touch(oid(2, 5, inst));
        self.touch(oid(2, 6, owner));
        Ok(())
    }

    /// A core amount as the node prints it (`12.34567 TEST`).
    pub fn amount_text(&self, amount: i64) -> String {
        let symbol = self.assets.get(&0).map_or("CORE", |a| a.symbol.as_str());
        let sign = if amount < 0 { "-" } else { "" };
        let a = amount.unsigned_abs();
        format!("{sign}{}.{:05} {symbol}", a / 100_000, a % 100_000)
    }

    /// Charges a fee: takes it from `payer` and counts it in the stats.
    pub fn pay_fee(&mut self, payer: AccountId, amount: i64) -> Result<()> {
        if amount == 0 {
            return Ok(());
        }
        self.adjust_balance(payer.0, 0, -amount)?;
        if let Some(s) = self.stats.get_mut(&payer.0) {
            s.lifetime_fees_paid += amount;
        }
        if let Some(d) = self.asset_dynamic.get_mut(&0) {
            d.accumulated_fees += amount;
        }
        Ok(())
    }

    /// Looks an account up by name or by `1.2.x`.
    pub fn find_account(&self, name_or_id: &str) -> Option<u64> {
        if name_or_id.starts_with(|c: char| c.is_ascii_digit()) {
            let id = AccountId::parse(name_or_id).ok()?;
            self.accounts.contains_key(&id.0).then_some(id.0)
        } else {
            self.names.get(name_or_id).copied()
        }
    }

    /// The JSON of any object, or `None`.
    pub fn object_json(&self, id: ObjectId) -> Option<Value> {
        let cx = self.cx();
        let i = id.instance;
        match (id.space, id.type_id) {
            (1, 2) => self.accounts.get(&i).map(|a| a.json(i, &cx)),
            (1, 3) => self.assets.get(&i).map(|a| a.json(i, &cx)),
            (1, 6) => self.witnesses.get(&i).map(|w| w.json(i, &cx)),
            (1, 10) => self.proposals.get(&i).map(|p| p.json(i, &cx)),
            (1, 20) => self.sports.get(&i).map(|s| sport_json(i, s, &cx)),
            (1, 21) => self
                .event_groups
                .get(&i)
                .map(|g| event_group_json(i, g, &cx)),
            (1, 22) => self.events.get(&i).map(|e| event_json(i, e, &cx)),
            (1, 23) => self.rules.get(&i).map(|r| rules_json(i, r, &cx)),
            (1, 24) => self.bmgs.get(&i).map(|g| bmg_json(i, g, &cx)),
            (1, 25) => self.bms.get(&i).map(|m| bm_json(i, m, &cx)),
            (1, 26) => self.bets.get(&i).map(|b| b.json(i, &cx)),
            (2, 0) if i == 0 => Some(self.global_properties_json()),
            (2, 1) if i == 0 => Some(self.dynamic_json()),
            (2, 3) => self.asset_dynamic.get(&i).map(|d| d.json(i, &cx)),
            (2, 5) => self.balances.get(&i).map(|b| b.json(i, &cx)),
            (2, 6) => self.stats.get(&i).map(|s| s.json(i, &cx)),
            (2, 11) if i == 0 => Some(self.chain_properties_json()),
            (2, 12) if i == 0 => Some(self.schedule_json()),
            (2, 20) => self.positions.get(&i).map(|p| p.json(i, &cx)),
            (2, 21) if i == 0 => Some(self.betting_statistics_json()),
            _ => None,
        }
    }

    pub fn dynamic_json(&self) -> Value {
        let d = &self.dynamic;
        let cx = self.cx();
        use crate::protocol::Json;
        json!({
            "id": "2.1.0",
            "head_block_number": d.head_block_number,
            "head_block_id": hex::encode(d.head_block_id),
            "time": d.time.to_string(),
            "current_witness": format!("1.6.{}", d.current_witness),
            "next_maintenance_time": d.next_maintenance_time.to_string(),
            "last_budget_time": d.last_budget_time.to_string(),
            "witness_budget": 0,
            "last_son_payout_time": d.last_budget_time.to_string(),
            "son_budget": 0,
            "accounts_registered_this_interval": 0,
            "recently_missed_count": d.recently_missed_count,
            "current_aslot": d.current_aslot.to_json(&cx),
            "recent_slots_filled": d.recent_slots_filled.to_string(),
            "dynamic_flags": d.dynamic_flags,
            "last_irreversible_block_num": d.last_irreversible_block_num,
        })
    }

    pub fn global_properties_json(&self) -> Value {
        let p = &self.params;
        json!({
            "id": "2.0.0",
            "parameters": {
                "current_fees": p.fees.json(),
                "block_interval": p.block_interval,
                "maintenance_interval": p.maintenance_interval,
                "maintenance_skip_slots": p.maintenance_skip_slots,
                "committee_proposal_review_period": p.committee_proposal_review_period,
                "maximum_transaction_size": 2048,
                "maximum_block_size": 2048000,
                "maximum_time_until_expiration": p.maximum_time_until_expiration,
                "maximum_proposal_lifetime": p.maximum_proposal_lifetime,
                "maximum_asset_whitelist_authorities": 10,
                "maximum_asset_feed_publishers": 10,
                "maximum_witness_count": 1001,
                "maximum_committee_count": 1001,
                "maximum_authority_membership": 10,
                "reserve_percent_of_fee": 2000,
                "network_percent_of_fee": 2000,
                "lifetime_referrer_percent_of_fee": 3000,
                "cashback_vesting_period_seconds": 31536000,
                "cashback_vesting_threshold": 10000000,
                "count_non_member_votes": true,
                "allow_non_member_whitelists": false,
                "witness_pay_per_block": 0,
                "worker_budget_per_day": "50000000000",
                "max_predicate_opcode": 1,
                "fee_liquidation_threshold": 10000000,
                "accounts_per_fee_scale": 1000,
                "account_fee_scale_bitshifts": 4,
                "max_authority_depth": p.max_authority_depth,
                "witness_schedule_algorithm": 0,
                "min_round_delay": 0,
                "max_round_delay": 600,
                "min_time_per_commit_move": 0,
                "max_time_per_commit_move": 600,
                "min_time_per_reveal_move": 0,
                "max_time_per_reveal_move": 600,
                "rake_fee_percentage": 300,
                "maximum_registration_deadline": 2592000,
                "maximum_players_in_tournament": 256,
                "maximum_tournament_whitelist_length": 1000,
                "maximum_tournament_start_time_in_future": 2419200,
                "maximum_tournament_start_delay": 604800,
                "maximum_tournament_number_of_wins": 100,
                "extensions": {
                    "min_bet_multiplier": p.min_bet_multiplier,
                    "max_bet_multiplier": p.max_bet_multiplier,
                    "betting_rake_fee_percentage": p.betting_rake_fee_percentage,
                    "live_betting_delay_time": p.live_betting_delay_time,
                }
            },
            "next_available_vote_id": self.next_available_vote_id,
            "active_committee_members": [],
            "active_witnesses": self.active_witnesses.iter().map(|w| format!("1.6.{w}")).collect::<Vec<_>>(),
            "active_sons": [],
        })
    }

    pub fn chain_properties_json(&self) -> Value {
        json!({
            "id": "2.11.0",
            "chain_id": hex::encode(self.chain_id),
            "immutable_parameters": {
                "min_committee_member_count": 11,
                "min_witness_count": 11,
                "min_son_count": 5,
                "num_special_accounts": 0,
                "num_special_assets": 0,
            }
        })
    }

    pub fn schedule_json(&self) -> Value {
        json!({
            "id": "2.12.0",
            "current_shuffled_witnesses": self.shuffled_witnesses.iter().map(|w| format!("1.6.{w}")).collect::<Vec<_>>(),
        })
    }

    pub fn betting_statistics_json(&self) -> Value {
        let staked: i64 = self.bets.values().map(|b| b.amount_to_bet).sum();
        json!({
            "id": "2.21.0",
            "number_of_active_events": self.events.len(),
            "total_amount_staked": [{"amount": staked, "asset_id": "1.3.0"}],
        })
    }
}
