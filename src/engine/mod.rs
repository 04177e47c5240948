//! The orchestrators above the triggers: the job runner (one incident -> one job,
//! bos-auto's `work.process`), the approver (the approval routine, `bos approve` and
//! `bos serve`'s loop) and manual proposals (`bos propose`, bos-mint's cart).
//!
//! Why it exists: these are the only places where what the triggers decided meets
//! the chain and a key. Each role is built complete for its mode: a runner or an
//! approver holds one [`Sender`] (broadcasting with keys, or dry) and is never
//! reconfigured afterwards.
//!
//! What it must never do: print, sign outside the [`Sender`], or decide by the text
//! of an error.

pub mod approver;
pub mod manual;
pub mod runner;
mod vet;

use std::sync::Arc;

use serde_json::Value;

pub use approver::{ApproveReport, Approver, Decision};
pub use runner::{JobReport, JobRunner};
pub use vet::Vetted;

use crate::chain::Chain;
use crate::protocol::ids::Id;
use crate::protocol::operations::{Operation, ProposalUpdate};
use crate::sync::states::{status_objects, Machine};
use crate::sync::view::ChainView;
use crate::triggers::Settings;

/// Proposal lifetime: now + 6 h.
pub const PROPOSAL_LIFETIME: u32 = 21_600;
/// Seconds before the scheduler retries an `event missing` call.
pub const EVENT_MISSING_RETRY: i64 = 60;
/// How many times an `event missing` call is tried (6 h at one a minute).
pub const EVENT_MISSING_TRIES: u64 = 360;

/// Errors that stop the engine (not per-incident statuses).
#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    /// No node answered (the call's status becomes `connection lost`).
    #[error(transparent)]
    Rpc(#[from] crate::rpc::Error),
    #[error(transparent)]
    Store(#[from] crate::incidents::Error),
    #[error(transparent)]
    Chain(Box<crate::chain::Error>),
    #[error("account {0:?} is not on chain")]
    UnknownAccount(String),
}

impl From<crate::chain::Error> for EngineError {
    fn from(e: crate::chain::Error) -> Self {
        match e {
            crate::chain::Error::Rpc(e) => EngineError::Rpc(e),
            crate::chain::Error::UnknownAccount(a) => EngineError::UnknownAccount(a),
            other => EngineError::Chain(Box::new(other)),
        }
    }
}

/// What every role works with: the sports data, the accounts it acts as and the
/// settings (bos-auto's `conditions` / `dynamic`, checkers).
#[derive(Clone)]
pub struct Parts {
    pub sports: Arc<crate::sports::Chain>,
    /// Proposer and approver account names.
    pub proposer: String,
    pub approver: String,
    pub settings: Arc<Settings>,
}

impl Parts {
    pub fn new(sports: crate::sports::Chain, proposer: &str, approver: &str) -> Parts {
        Parts {
            sports: Arc::new(sports),
            proposer: proposer.to_string(),
            approver: approver.to_string(),
            settings: Arc::new(Settings::default()),
        }
    }

    pub fn with_settings(mut self, settings: Settings) -> Parts {
        self.settings = Arc::new(settings);
        self
    }
}

/// §4.9: approve, as `approver`, pending witness proposals made by `proposer`
/// that the approver has not approved yet.
pub fn self_approvals(view: &ChainView, proposer: &str, approver: &str) -> Vec<Operation> {
    let Ok(a) = Id::parse(approver) else {
        return Vec::new();
    };
    view.proposals
        .iter()
        .filter(|p| p["proposer"].as_str() == Some(proposer))
        .filter(|p| !approved_by(p, approver))
        .filter_map(|p| {
            let pid = Id::parse(p["id"].as_str()?).ok()?;
            Some(ProposalUpdate::active_approval(a, pid, true).into())
        })
        .collect()
}

/// True when `account` (an id) approved proposal `p` already.
pub fn approved_by(p: &Value, account: &str) -> bool {
    p["available_active_approvals"]
        .as_array()
        .is_some_and(|l| l.iter().any(|x| x.as_str() == Some(account)))
}

/// Why the chain would refuse to execute pending proposal `p` now, from the BOS
/// state machines (a resolve of a group that is not closed, an event status the
/// event cannot reach, an object settled and removed). `None`: it would execute as
/// far as statuses go.
pub async fn would_fail(chain: &Chain, p: &Value) -> Result<Option<String>, crate::rpc::Error> {
    let ops = p["proposed_transaction"]["operations"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let ids = status_objects(&ops);
    if ids.is_empty() {
        return Ok(None);
    }
    let objs = chain
        .client()
        .db("get_objects", serde_json::json!([ids]))
        .await?;
    let mut m = Machine::new();
    let mut groups_of = Vec::new();
    for (id, o) in ids.iter().zip(objs.as_array().into_iter().flatten()) {
        if o.is_null() {
            return Ok(Some(format!(
                "{id} is not on chain (settled and removed, or never created)"
            )));
        }
        match o["id"].as_str() {
            Some(id) if id.starts_with("1.22.") => {
                m.event(o);
                groups_of.push(id.to_string());
            }
            Some(id) if id.starts_with("1.24.") => m.group(o),
            _ => {}
        }
    }
    // An event's groups move with it (cascade), so a finish followed by a resolve
    // in one proposal is judged with the groups' statuses.
    for e in groups_of {
        let gs = chain
            .client()
            .db("list_betting_market_groups", serde_json::json!([e]))
            .await?;
        for g in gs.as_array().into_iter().flatten() {
            m.group(g);
        }
    }
    Ok(m.apply(&ops).err())
}
