//! Operation evaluators: one file per group. Each checks the operation against
//! the state as the node does (with the node's error text) and applies it.

pub mod account;
pub mod bet;
pub mod bos;
pub mod proposal;
pub mod witness;

use serde_json::{json, Value};

use super::authority::fee_payer;
use super::error::{Error, Result};
use super::state::State;
use crate::protocol::operations::Operation;
use crate::protocol::{ObjectId, TimePointSec};

/// What an evaluator knows besides the state.
pub struct Ctx {
    /// Head block time (the time of the block being built).
    pub now: TimePointSec,
    /// True inside an executing proposal.
    pub is_proposed: bool,
    /// The ids created by earlier operations of the same transaction (for `0.0.N`).
    pub results: Vec<Option<ObjectId>>,
    /// Nesting of proposals being executed.
    pub depth: u32,
}

impl Ctx {
    pub fn new(now: TimePointSec, is_proposed: bool) -> Ctx {
        Ctx {
            now,
            is_proposed,
            results: Vec::new(),
            depth: 0,
        }
    }

    /// Resolves a relative id `0.0.N` to the object op N created.
    pub fn resolve(&self, id: ObjectId) -> Result<ObjectId> {
        if !id.is_relative() {
            return Ok(id);
        }
        self.results
            .get(id.instance as usize)
            .copied()
            .flatten()
            .ok_or_else(|| {
                Error::assert(
                    "rel_id < _current_op_results.size()",
                    format!("relative id {id} does not name an object created earlier in this transaction"),
                )
            })
    }

    /// Asserts the operation runs inside a proposal (BOS management ops).
    pub fn require_proposed(&self) -> Result<()> {
        if self.is_proposed {
            Ok(())
        } else {
            Err(Error::assert("trx_state->_is_proposed_trx", ""))
        }
    }
}

/// Applies one operation: checks and charges its fee, then runs its evaluator.
/// Returns the operation result JSON (`[0,{}]`, `[1,"id"]`).
pub fn apply(state: &mut State, ctx: &mut Ctx, op: &Operation) -> Result<Value> {
    let fee = op.fee();
    if fee.asset_id.0 != 0 {
        return Err(Error::assert(
            "fee.asset_id == asset_id_type()",
            "bos devnet only takes fees in the core asset",
        ));
    }
    let required = state.params.fees.required(op);
    if fee.amount < required {
        return Err(Error::assert(
            "core_fee_paid >= fee_required",
            format!(
                "Insufficient Fee Paid: paid {}, required {}",
                state.amount_text(fee.amount),
                state.amount_text(required)
            ),
        ));
    }
    let payer = fee_payer(op);
    state.account(payer)?;
    state.pay_fee(payer, fee.amount)?;
    if let Some(s) = state.stats.get_mut(&payer.0) {
        s.total_ops += 1;
    }
    let created = run(state, ctx, op)?;
    ctx.results.push(created);
    Ok(match created {
        Some(id) => json!([1, id.to_string()]),
        None => json!([0, {}]),
    })
}

fn run(state: &mut State, ctx: &mut Ctx, op: &Operation) -> Result<Option<ObjectId>> {
    use Operation as O;
    match op {
        O::Transfer(x) => account::transfer(state, x).map(|()| None),
        O::AccountCreate(x) => account::create(state, ctx, x).map(Some),
        O::AccountUpdate(x) => account::update(state, x).map(|()| None),
        O::AccountUpgrade(x) => account::upgrade(state, x).map(|()| None),
        O::WitnessCreate(x) => witness::create(state, x).map(Some),
        O::WitnessUpdate(x) => witness::update(state, x).map(|()| None),
        O::ProposalCreate(x) => proposal::create(state, ctx, x).map(Some),
        O::ProposalUpdate(x) => proposal::update(state, ctx, x).map(|()| None),
        O::ProposalDelete(x) => proposal::delete(state, x).map(|()| None),
        O::SportCreate(x) => bos::sport_create(state, ctx, x).map(Some),
        O::SportUpdate(x) => bos::sport_update(state, ctx, x).map(|()| None),
        O::SportDelete(x) => bos::sport_delete(state, ctx, x).map(|()| None),
        O::EventGroupCreate(x) => bos::event_group_create(state, ctx, x).map(Some),
        O::EventGroupUpdate(x) => bos::event_group_update(state, ctx, x).map(|()| None),
        O::EventGroupDelete(x) => bos::event_group_delete(state, ctx, x).map(|()| None),
        O::EventCreate(x) => bos::event_create(state, ctx, x).map(Some),
        O::EventUpdate(x) => bos::event_update(state, ctx, x).map(|()| None),
        O::EventUpdateStatus(x) => bos::event_update_status(state, ctx, x).map(|()| None),
        O::BettingMarketRulesCreate(x) => bos::rules_create(state, ctx, x).map(Some),
        O::BettingMarketRulesUpdate(x) => bos::rules_update(state, ctx, x).map(|()| None),
        O::BettingMarketGroupCreate(x) => bos::bmg_create(state, ctx, x).map(Some),
        O::BettingMarketGroupUpdate(x) => bos::bmg_update(state, ctx, x).map(|()| None),
        O::BettingMarketCreate(x) => bos::bm_create(state, ctx, x).map(Some),
        O::BettingMarketUpdate(x) => bos::bm_update(state, ctx, x).map(|()| None),
        O::BettingMarketGroupResolve(x) => bos::bmg_resolve(state, ctx, x).map(|()| None),
        O::BettingMarketGroupCancelUnmatchedBets(x) => {
            bet::cancel_unmatched(state, x.betting_market_group_id.0).map(|()| None)
        }
        O::BetPlace(x) => bet::place(state, ctx, x).map(Some),
        O::BetCancel(x) => bet::cancel(state, x).map(|()| None),
        other => Err(Error::Unsupported {
            op: other.id(),
            name: other.name(),
        }),
    }
}
