//! The approval checkers between a decision to approve and the approval itself.

use chrono::{DateTime, Utc};
use serde_json::{json, Map, Value};

use super::EngineError;
use crate::chain::Chain;
use crate::incidents::store::Store;
use crate::protocol::Operation;
use crate::sync::checkers;
use crate::triggers::Settings;

/// What the approval checkers left of a list of operations.
#[derive(Debug, Default)]
pub struct Vetted {
    /// The operations to send (refused approvals removed).
    pub kept: Vec<Operation>,
    /// Refused approvals: (proposal, checker, reason).
    pub refused: Vec<(String, String, String)>,
    /// Checkers that erred but whose `on_error` approved.
    pub notes: Vec<String>,
    /// Approvals left out because the witness put the proposal on hold.
    pub held: Vec<crate::incidents::store::Hold>,
}

impl Vetted {
    /// Notes for a report: holds, refusals and errors.
    pub fn lines(&self) -> Vec<String> {
        self.held
            .iter()
            .map(|h| format!("not approving {}: on hold since {}", h.proposal, h.at))
            .chain(
                self.refused
                    .iter()
                    .map(|(p, c, r)| format!("not approving {p}: checker {c}: {r}")),
            )
            .chain(self.notes.iter().cloned())
            .collect()
    }
}

/// Who asks the checkers.
pub(crate) struct Vetting<'a> {
    pub chain: &'a Chain,
    pub settings: &'a Settings,
    /// The approver's account name (in the payload and the store).
    pub approver: &'a str,
    /// This node's proposer id (whose proposals are its own).
    pub proposer_id: &'a str,
}

impl Vetting<'_> {
    /// Leaves out approvals of proposals on hold, then runs the approval checkers on
    /// each `proposal_update` in `ops`: refused approvals are dropped and recorded in
    /// the store; the notes say why.
    /// `incidents` gives, per proposal id, the incidents that led to agreeing.
    pub async fn vet(
        &self,
        store: &mut Store,
        proposals: &[Value],
        ops: Vec<Operation>,
        incidents: &dyn Fn(&str) -> Vec<Value>,
        now: DateTime<Utc>,
    ) -> Result<Vetted, EngineError> {
        let list = &self.settings.checkers;
        let mut out = Vetted::default();
        // The one hold filter of every approval path (jobs, self-approvals,
        // `bos approve`, `serve`): a proposal the witness put on hold is never
        // approved automatically.
        let holds = if ops.is_empty() {
            Vec::new()
        } else {
            store.holds()?
        };
        let ops: Vec<Operation> = ops
            .into_iter()
            .filter(|op| match op {
                Operation::ProposalUpdate(u) => {
                    let pid = u.proposal.to_string();
                    match holds.iter().find(|h| h.proposal == pid) {
                        Some(h) => {
                            out.held.push(h.clone());
                            false
                        }
                        None => true,
                    }
                }
                _ => true,
            })
            .collect();
        if list.is_empty() || ops.is_empty() {
            out.kept = ops;
            return Ok(out);
        }
        for op in ops {
            let Operation::ProposalUpdate(u) = &op else {
                out.kept.push(op);
                continue;
            };
            let pid = u.proposal.to_string();
            let Some(p) = proposals
                .iter()
                .find(|p| p["id"].as_str() == Some(pid.as_str()))
            else {
                out.kept.push(op);
                continue;
            };
            let own = p["proposer"].as_str() == Some(self.proposer_id);
            let which: Vec<_> = list.iter().filter(|c| !own || c.own).cloned().collect();
            if which.is_empty() {
                out.kept.push(op);
                continue;
            }
            let names = self.names(p).await?;
            let incs = if own { Vec::new() } else { incidents(&pid) };
            let body = checkers::payload(p, self.approver, own, &names, &incs);
            match checkers::check(&which, &body).await {
                checkers::Outcome::Approve(n) => {
                    for c in &which {
                        store.record_check(&pid, self.approver, &c.name, true, "", now)?;
                    }
                    out.notes.extend(n);
                    out.kept.push(op);
                }
                checkers::Outcome::Refuse { checker, reason } => {
                    store.record_check(&pid, self.approver, &checker, false, &reason, now)?;
                    tracing::warn!(proposal = %pid, %checker, %reason, "approval refused by checker");
                    out.refused.push((pid, checker, reason));
                }
            }
        }
        Ok(out)
    }

    /// Names of the objects a proposal refers to and of their ancestors (market ->
    /// group -> event -> event group -> sport), so a checker can judge by league
    /// without asking the node itself.
    async fn names(&self, p: &Value) -> Result<Map<String, Value>, EngineError> {
        let mut ids = Vec::new();
        checkers::referenced_ids(&p["proposed_transaction"]["operations"], &mut ids);
        let mut names = Map::new();
        let mut round = 0;
        while !ids.is_empty() && round < 5 {
            round += 1;
            let objs = self.chain.client().db("get_objects", json!([ids])).await?;
            let mut parents = Vec::new();
            for (id, o) in ids.iter().zip(objs.as_array().into_iter().flatten()) {
                if let Some(n) = crate::sync::view::display_name(o) {
                    names.insert(id.clone(), json!(n));
                }
                for k in ["group_id", "event_id", "event_group_id", "sport_id"] {
                    if let Some(pid) = o[k].as_str() {
                        if !names.contains_key(pid) && !parents.iter().any(|x| x == pid) {
                            parents.push(pid.to_string());
                        }
                    }
                }
            }
            ids = parents;
        }
        Ok(names)
    }
}
