//! The genesis state, deterministic from a seed: accounts, witnesses and their
//! keys, the core asset, the chain parameters and the chain id.

use serde_json::json;

use super::fees::FeeSchedule;
use super::objects::*;
use super::state::{Dynamic, Params, State};
use crate::protocol::codec::{FlatMap, FlatSet};
use crate::protocol::hash::{ripemd160, sha256};
use crate::protocol::ids::Id;
use crate::protocol::types::{AccountOptions, Authority};
use crate::protocol::{PrivateKey, PublicKey, TimePointSec};

/// What the genesis is made from.
#[derive(Clone, Debug)]
pub struct Genesis {
    pub seed: String,
    pub prefix: String,
    pub witnesses: usize,
    pub block_interval: u8,
    pub genesis_time: TimePointSec,
    /// Whether the genesis time was chosen by the user (then it enters the chain id).
    pub explicit_time: bool,
    pub maintenance_interval: u32,
}

/// An account the devnet created, with its key (owner = active = memo).
#[derive(Clone, Debug)]
pub struct GenesisAccount {
    pub name: String,
    pub id: u64,
    pub key: PrivateKey,
}

/// A genesis witness with its block-signing key.
#[derive(Clone, Debug)]
pub struct GenesisWitness {
    pub account: String,
    pub account_id: u64,
    pub witness_id: u64,
    pub signing: PrivateKey,
}

/// The users funded at genesis.
pub const USERS: &[&str] = &["alice", "bob", "carol", "dave"];
/// Core balance of each user, witness account and witness-account (satoshis).
pub const USER_FUNDS: i64 = 1_000_000 * 100_000;
pub const WITNESS_FUNDS: i64 = 100_000 * 100_000;

impl Genesis {
    /// The key of `role` for `name`, from the seed.
    pub fn key(&self, role: &str, name: &str) -> PrivateKey {
        PrivateKey::from_seed(format!("bos-devnet/{}/{role}/{name}", self.seed).as_bytes())
    }

    /// The chain id: sha256 of the canonical genesis description.
    pub fn chain_id(&self) -> [u8; 32] {
        let mut d = json!({
            "kind": "bos-devnet",
            "seed": self.seed,
            "prefix": self.prefix,
            "witnesses": self.witnesses,
            "block_interval": self.block_interval,
        });
        if self.explicit_time {
            d["genesis_time"] = json!(self.genesis_time.to_string());
        }
        sha256(d.to_string().as_bytes())
    }

    /// Builds the genesis state and returns it with the accounts and witnesses made.
    pub fn build(&self) -> (State, Vec<GenesisAccount>, Vec<GenesisWitness>) {
        let params = Params {
            block_interval: self.block_interval,
            maintenance_interval: self.maintenance_interval,
            maintenance_skip_slots: 3,
            committee_proposal_review_period: 1_209_600,
            maximum_time_until_expiration: 86_400,
            maximum_proposal_lifetime: 2_419_200,
            max_authority_depth: 2,
            fees: FeeSchedule::default(),
            live_betting_delay_time: 5,
            betting_rake_fee_percentage: 300,
            min_bet_multiplier: 10_100,
            max_bet_multiplier: 10_000_000,
        };
        let t = self.genesis_time;
        let mut state = State {
            chain_id: self.chain_id(),
            prefix: self.prefix.clone(),
            params,
            dynamic: Dynamic {
                head_block_number: 0,
                head_block_id: [0; 20],
                time: t,
                current_witness: 0,
                next_maintenance_time: TimePointSec(t.0 + self.maintenance_interval),
                last_budget_time: t,
                recently_missed_count: 0,
                current_aslot: 0,
                recent_slots_filled: u128::MAX,
                dynamic_flags: 0,
                last_irreversible_block_num: 0,
            },
            active_witnesses: Vec::new(),
            shuffled_witnesses: Vec::new(),
            next_available_vote_id: 0,
            accounts: Default::default(),
            names: Default::default(),
            stats: Default::default(),
            balances: Default::default(),
            balance_index: Default::default(),
            assets: Default::default(),
            asset_dynamic: Default::default(),
            witnesses: Default::default(),
            proposals: Default::default(),
            sports: Default::default(),
            event_groups: Default::default(),
            events: Default::default(),
            rules: Default::default(),
            bmgs: Default::default(),
            bms: Default::default(),
            bets: Default::default(),
            positions: Default::default(),
            next_instance: Default::default(),
            touched: Default::default(),
            created: Default::default(),
            removed: Default::default(),
        };
        let ai = state.new_instance(1, 3);
        state.assets.insert(
            ai,
            Asset {
                symbol: self.prefix.clone(),
                precision: 5,
                max_supply: 1_000_000_000_000_000,
            },
        );
        state.new_instance(2, 3);
        state.asset_dynamic.insert(
            0,
            AssetDynamic {
                current_supply: 0,
                accumulated_fees: 0,
            },
        );
        let mut accounts = Vec::new();
        let null_key = PublicKey([2; 33]);
        let mut add = |state: &mut State,
                       name: &str,
                       auth: Option<PrivateKey>,
                       lifetime: bool|
         -> u64 {
            let i = state.new_instance(1, 2);
            state.new_instance(2, 6);
            let (owner, memo) = match &auth {
                Some(k) => (Authority::single_key(k.public_key()), k.public_key()),
                None => (
                    Authority {
                        weight_threshold: 1,
                        account_auths: FlatMap::default(),
                        key_auths: FlatMap::default(),
                        address_auths: FlatMap::default(),
                    },
                    null_key,
                ),
            };
            state.accounts.insert(
                i,
                Account {
                    name: name.to_string(),
                    owner: owner.clone(),
                    active: owner,
                    options: AccountOptions {
                        memo_key: memo,
                        voting_account: Id(5),
                        num_witness: 0,
                        num_committee: 0,
                        votes: FlatSet::default(),
                        extensions: Default::default(),
                    },
                    registrar: Id(if lifetime { i } else { 0 }),
                    referrer: Id(if lifetime { i } else { 0 }),
                    lifetime_referrer: Id(if lifetime { i } else { 0 }),
                    membership_expiration_date: TimePointSec(if lifetime { u32::MAX } else { 0 }),
                    network_fee_percentage: 2000,
                    lifetime_referrer_fee_percentage: 3000,
                    referrer_rewards_percentage: 0,
                },
            );
            state.names.insert(name.to_string(), i);
            state.stats.insert(
                i,
                AccountStats {
                    owner: i,
                    ..Default::default()
                },
            );
            if let Some(k) = auth {
                accounts.push(GenesisAccount {
                    name: name.to_string(),
                    id: i,
                    key: k,
                });
            }
            i
        };
        for name in [
            "committee-account",
            "witness-account",
            "relaxed-committee-account",
            "null-account",
            "temp-account",
            "proxy-to-self",
            "rake-fee-account",
        ] {
            add(&mut state, name, None, name != "null-account");
        }
        let mut witnesses = Vec::new();
        // The null witness sentinel 1.6.0.
        state.new_instance(1, 6);
        state.witnesses.insert(
            0,
            Witness {
                witness_account: Id(0),
                last_aslot: 0,
                signing_key: null_key,
                next_secret_hash: [0; 20],
                previous_secret: [0; 20],
                vote_id: 0,
                total_votes: 0,
                url: String::new(),
                total_missed: 0,
                last_confirmed_block_num: 0,
            },
        );
        state.next_available_vote_id = 1;
        for n in 0..self.witnesses {
            let name = format!("init{n}");
            let key = self.key("account", &name);
            let acct = add(&mut state, &name, Some(key), true);
            let signing = self.key("signing", &name);
            let wi = state.new_instance(1, 6);
            let vote = state.next_available_vote_id;
            state.next_available_vote_id += 1;
            state.witnesses.insert(
                wi,
                Witness {
                    witness_account: Id(acct),
                    last_aslot: 0,
                    signing_key: signing.public_key(),
                    next_secret_hash: ripemd160(&[0u8; 20]),
                    previous_secret: [0; 20],
                    vote_id: vote,
                    total_votes: 0,
                    url: String::new(),
                    total_missed: 0,
                    last_confirmed_block_num: 0,
                },
            );
            witnesses.push(GenesisWitness {
                account: name,
                account_id: acct,
                witness_id: wi,
                signing,
            });
            let _ = state.adjust_balance(acct, 0, WITNESS_FUNDS);
        }
        for user in USERS {
            let key = self.key("account", user);
            let id = add(&mut state, user, Some(key), false);
            let _ = state.adjust_balance(id, 0, USER_FUNDS);
        }
        let _ = state.adjust_balance(1, 0, WITNESS_FUNDS);
        let supply: i64 = state.balances.values().map(|b| b.amount).sum();
        if let Some(d) = state.asset_dynamic.get_mut(&0) {
            d.current_supply = supply;
        }
        state.active_witnesses = witnesses.iter().map(|w| w.witness_id).collect();
        state.shuffled_witnesses = state.active_witnesses.clone();
        super::producer::rebuild_witness_account(&mut state);
        state.touched.clear();
        state.created.clear();
        (state, accounts, witnesses)
    }
}
