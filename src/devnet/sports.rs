//! `bos devnet --sports DIR`: the sports, event groups and rules of a
//! bookiesports folder, present from genesis as if `bookiesports sync` had
//! proposed them and the witnesses had approved.
//!
//! The objects are made by the same evaluators a proposal runs, with the names
//! bos-sync writes ([`crate::sync::names`]), so the engine finds them exactly as
//! it would on a real chain. The assets the betting market groups name (`BTF`,
//! ...) are created too when the chain lacks them (the core asset is the prefix).

use super::error::Result;
use super::evaluators::{bos, Ctx};
use super::objects::{Asset, AssetDynamic};
use super::state::State;
use crate::protocol::operations::{BettingMarketRulesCreate, EventGroupCreate, SportCreate};
use crate::protocol::types::Asset as Amount;
use crate::sports::Chain as Sports;
use crate::sync::names;

/// What was created, for the listing.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Installed {
    pub sports: usize,
    pub event_groups: usize,
    pub rules: usize,
    /// Symbols of the assets created for the BMGs.
    pub assets: Vec<String>,
}

/// Creates every sport (folder order), its event groups (index order) and its
/// rules (file order), and the missing assets.
pub fn install(state: &mut State, sports: &Sports) -> Result<Installed> {
    let ctx = Ctx::new(state.dynamic.time, true);
    let mut done = Installed::default();
    let fee = Amount::core(0);
    for sport in &sports.sports {
        let sid = bos::sport_create(
            state,
            &ctx,
            &SportCreate {
                fee: fee.clone(),
                name: names::sport_name(sport),
                extensions: Default::default(),
            },
        )?;
        done.sports += 1;
        for g in &sport.event_groups {
            bos::event_group_create(
                state,
                &ctx,
                &EventGroupCreate {
                    fee: fee.clone(),
                    name: names::event_group_name(g),
                    sport_id: sid,
                    extensions: Default::default(),
                },
            )?;
            done.event_groups += 1;
        }
        for r in sport.rules.values() {
            bos::rules_create(
                state,
                &ctx,
                &BettingMarketRulesCreate {
                    fee: fee.clone(),
                    name: names::rule_name(r),
                    description: names::rule_description(r),
                    extensions: Default::default(),
                },
            )?;
            done.rules += 1;
        }
        for bmg in sport.bmgs.values() {
            for sym in &bmg.asset {
                if !state.assets.values().any(|a| &a.symbol == sym) {
                    let i = state.new_instance(1, 3);
                    state.assets.insert(
                        i,
                        Asset {
                            symbol: sym.clone(),
                            precision: 5,
                            max_supply: 1_000_000_000_000_000,
                        },
                    );
                    let d = state.new_instance(2, 3);
                    state.asset_dynamic.insert(
                        d,
                        AssetDynamic {
                            current_supply: 0,
                            accumulated_fees: 0,
                        },
                    );
                    done.assets.push(sym.clone());
                }
            }
        }
    }
    state.touched.clear();
    state.created.clear();
    Ok(done)
}
