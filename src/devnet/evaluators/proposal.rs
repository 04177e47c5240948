//! proposal_create, proposal_update (with immediate execution), proposal_delete,
//! and proposal execution itself (also used by the per-block expiry sweep).

use super::Ctx;
use crate::devnet::authority::{self, Required};
use crate::devnet::error::{Error, Result};
use crate::devnet::objects::{oid, Proposal};
use crate::devnet::state::State;
use crate::protocol::operations::{ProposalCreate, ProposalDelete, ProposalUpdate};
use crate::protocol::{ObjectId, TimePointSec};

/// How deep proposals may nest when executing.
const MAX_NESTING: u32 = 4;

pub fn create(state: &mut State, ctx: &Ctx, op: &ProposalCreate) -> Result<ObjectId> {
    let now = ctx.now;
    if op.proposed_ops.is_empty() {
        return Err(Error::assert("!proposed_ops.empty()", ""));
    }
    if op.expiration_time <= now {
        return Err(Error::assert(
            "o.expiration_time > block_time",
            "Proposal has already expired on creation.",
        ));
    }
    let max = now.0 as u64 + state.params.maximum_proposal_lifetime as u64;
    if op.expiration_time.0 as u64 > max {
        return Err(Error::assert(
            "o.expiration_time <= block_time + global_parameters.maximum_proposal_lifetime",
            "Proposal expiration time is too far in the future.",
        ));
    }
    if let Some(r) = op.review_period_seconds {
        if r as u64 >= (op.expiration_time.0 - now.0) as u64 {
            return Err(Error::assert(
                "*o.review_period_seconds < (o.expiration_time - block_time).to_seconds()",
                "Proposal review period must be less than its overall lifetime.",
            ));
        }
    }
    let mut req = Required::default();
    for w in &op.proposed_ops {
        authority::required(&w.op, &mut req);
    }
    for id in req.active.iter().chain(req.owner.iter()) {
        state.account(*id)?;
    }
    // Owner requirements also satisfy active ones (graphene removes the overlap).
    let active: Vec<_> = req
        .active
        .iter()
        .filter(|a| !req.owner.contains(a))
        .copied()
        .collect();
    let i = state.new_instance(1, 10);
    state.proposals.insert(
        i,
        Proposal {
            expiration_time: op.expiration_time,
            review_period_time: op
                .review_period_seconds
                .map(|r| TimePointSec(op.expiration_time.0 - r)),
            operations: op.proposed_ops.iter().map(|w| w.op.clone()).collect(),
            required_active_approvals: active,
            available_active_approvals: Vec::new(),
            required_owner_approvals: req.owner.iter().copied().collect(),
            available_owner_approvals: Vec::new(),
            available_key_approvals: Vec::new(),
            proposer: op.fee_paying_account,
            fail_reason: String::new(),
        },
    );
    Ok(oid(1, 10, i))
}

pub fn update(state: &mut State, ctx: &Ctx, op: &ProposalUpdate) -> Result<()> {
    let id = op.proposal.0;
    let p = state
        .proposals
        .get(&id)
        .ok_or_else(|| Error::UnknownObject {
            id: op.proposal.to_string(),
        })?
        .clone();
    let adding = !op.active_approvals_to_add.is_empty()
        || !op.owner_approvals_to_add.is_empty()
        || !op.key_approvals_to_add.is_empty();
    if let Some(r) = p.review_period_time {
        if !ctx.is_proposed && ctx.now >= r && adding {
            return Err(Error::assert(
                "trx_state->_is_proposed_trx || d.head_block_time() < *_proposal->review_period_time || (o.key_approvals_to_add.empty() && o.active_approvals_to_add.empty() && o.owner_approvals_to_add.empty())",
                "This proposal is in its review period. No new approvals may be added.",
            ));
        }
    }
    for a in op.active_approvals_to_remove.iter() {
        if !p.available_active_approvals.contains(a) {
            return Err(Error::assert(
                "_proposal->available_active_approvals.find(id) != _proposal->available_active_approvals.end()",
                format!("{a} has not approved this proposal"),
            ));
        }
    }
    for a in op.owner_approvals_to_remove.iter() {
        if !p.available_owner_approvals.contains(a) {
            return Err(Error::assert(
                "_proposal->available_owner_approvals.find(id) != _proposal->available_owner_approvals.end()",
                format!("{a} has not approved this proposal"),
            ));
        }
    }
    for k in op.key_approvals_to_remove.iter() {
        if !p.available_key_approvals.contains(k) {
            return Err(Error::assert(
                "_proposal->available_key_approvals.find(id) != _proposal->available_key_approvals.end()",
                format!("{} has not approved this proposal", k.to_string_with_prefix(&state.prefix)),
            ));
        }
    }
    let mut p = p;
    for a in op.active_approvals_to_add.iter() {
        if !p.available_active_approvals.contains(a) {
            p.available_active_approvals.push(*a);
        }
    }
    p.available_active_approvals
        .retain(|a| !op.active_approvals_to_remove.contains(a));
    for a in op.owner_approvals_to_add.iter() {
        if !p.available_owner_approvals.contains(a) {
            p.available_owner_approvals.push(*a);
        }
    }
    p.available_owner_approvals
        .retain(|a| !op.owner_approvals_to_remove.contains(a));
    for k in op.key_approvals_to_add.iter() {
        if !p.available_key_approvals.contains(k) {
            p.available_key_approvals.push(*k);
        }
    }
    p.available_key_approvals
        .retain(|k| !op.key_approvals_to_remove.contains(k));
    p.available_active_approvals.sort();
    p.available_owner_approvals.sort();
    p.available_key_approvals.sort();
    let review = p.review_period_time.is_some();
    state.proposals.insert(id, p);
    state.touch(oid(1, 10, id));
    if !review && is_authorized(state, id) {
        execute(state, id, ctx.now, ctx.depth);
    }
    Ok(())
}

pub fn delete(state: &mut State, op: &ProposalDelete) -> Result<()> {
    let id = op.proposal.0;
    let p = state
        .proposals
        .get(&id)
        .ok_or_else(|| Error::UnknownObject {
            id: op.proposal.to_string(),
        })?;
    let allowed = if op.using_owner_authority {
        p.required_owner_approvals.contains(&op.fee_paying_account)
    } else {
        p.required_active_approvals.contains(&op.fee_paying_account)
    };
    if !allowed {
        return Err(Error::assert(
            "_proposal->required_active_approvals.find(o.fee_paying_account) != _proposal->required_active_approvals.end()",
            "Provided authority is not authoritative for this proposal.",
        ));
    }
    state.proposals.remove(&id);
    state.mark_removed(oid(1, 10, id));
    Ok(())
}

/// Whether the approvals collected so far satisfy what the proposed operations need.
pub fn is_authorized(state: &State, id: u64) -> bool {
    let Some(p) = state.proposals.get(&id) else {
        return false;
    };
    let mut req = Required::default();
    for op in &p.operations {
        authority::required(op, &mut req);
    }
    authority::verify(
        state,
        &req,
        &p.available_key_approvals,
        &p.available_active_approvals,
        &p.available_owner_approvals,
        false,
    )
    .is_ok()
}

/// Executes proposal `id` in its own undo session. Success removes it; failure
/// records `fail_reason` and leaves it until it expires. Returns whether it ran.
pub fn execute(state: &mut State, id: u64, now: TimePointSec, depth: u32) -> bool {
    let Some(p) = state.proposals.get(&id).cloned() else {
        return false;
    };
    let mut trial = state.clone();
    let mut ctx = Ctx::new(now, true);
    ctx.depth = depth + 1;
    let outcome = if ctx.depth > MAX_NESTING {
        Err(Error::assert(
            "nested_update_count < max",
            "Proposals nest too deeply",
        ))
    } else {
        p.operations
            .iter()
            .try_for_each(|op| super::apply(&mut trial, &mut ctx, op).map(|_| ()))
    };
    match outcome {
        Ok(()) => {
            trial.proposals.remove(&id);
            trial.mark_removed(oid(1, 10, id));
            *state = trial;
            true
        }
        Err(e) => {
            tracing::debug!(proposal = id, error = %e, "proposal execution failed");
            if let Some(p) = state.proposals.get_mut(&id) {
                p.fail_reason = e.to_string();
            }
            state.touch(oid(1, 10, id));
            false
        }
    }
}

/// The per-block sweep: proposals whose expiration has come are executed once
/// more if authorized, and removed either way.
pub fn expire(state: &mut State, now: TimePointSec) {
    let mut due: Vec<(TimePointSec, u64)> = state
        .proposals
        .iter()
        .filter(|(_, p)| p.expiration_time <= now)
        .map(|(i, p)| (p.expiration_time, *i))
        .collect();
    due.sort();
    for (_, id) in due {
        if is_authorized(state, id) {
            execute(state, id, now, 0);
        }
        if state.proposals.remove(&id).is_some() {
            state.mark_removed(oid(1, 10, id));
        }
    }
}
