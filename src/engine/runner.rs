//! The job runner (bos-auto's `work.process`, spec §4.1, §4.9, §5.2): store the
//! incident, self-approve, run the trigger on a fresh chain view, and hand the
//! approvals and the proposal to the [`Sender`]; then record the call's status.
//!
//! A node that refuses because the chain moved under the job (another witness's
//! equal proposal went in first, a proposal executed meanwhile) does not fail the
//! call: the job reads the chain again and runs once more, so the second witness of
//! a fan-out approves the first one's proposal instead of retrying its own.

use std::sync::Arc;
use std::time::Duration as StdDuration;

use chrono::{DateTime, Duration, Utc};
use serde_json::{json, Map, Value};

use super::vet::Vetting;
use super::{self_approvals, would_fail, EngineError, Parts, PROPOSAL_LIFETIME};
use super::{EVENT_MISSING_RETRY, EVENT_MISSING_TRIES};
use crate::chain::{Mode, Outcome, Refusal, Sender, Wait};
use crate::incidents::store::{Status, Store};
use crate::incidents::{Call, Incident};
use crate::protocol::ids::Id;
use crate::protocol::operations::{Operation, ProposalCreate};
use crate::protocol::types::Asset;
use crate::protocol::{Json, JsonCx, TimePointSec};
use crate::rpc::fresh::FreshMap;
use crate::sync::view::ChainView;
use crate::triggers::{self, Context};

/// How often a job runs again when the chain changed under it.
const ATTEMPTS: usize = 3;
/// How long a job waits for the block that shows another witness's equal proposal.
const BLOCK_WAIT: StdDuration = StdDuration::from_secs(10);

/// Runs incident jobs: complete for its mode (a broadcasting sender with the
/// proposer's and approver's keys, or a dry one).
pub struct JobRunner {
    sender: Sender,
    parts: Parts,
    /// Wait for block inclusion when a new proposal id is needed (self-approval in
    /// the same job).
    blocking: bool,
    /// Chain views shared between jobs (see [`JobRunner::sharing_views`]).
    views: Option<Views>,
}

/// Chain views kept for a while, by (sport, event group, start time); past
/// [`VIEWS_MAX`] views the stale ones go, then all (memory stays bounded).
type Views = FreshMap<ViewKey, Arc<ChainView>>;

type ViewKey = (String, String, Option<String>);

const VIEWS_MAX: usize = 128;

/// What one job did.
#[derive(Clone, Debug)]
pub struct JobReport {
    pub unique_string: String,
    pub call: Call,
    pub status: Status,
    /// Why, in words (stored as the call's `details`); empty when `done`.
    pub reason: String,
    /// The operations of every transaction built: approvals first, then the
    /// `proposal_create`.
    pub operations: Vec<Operation>,
    /// What became of each transaction (broadcast, dry, refused).
    pub sent: Vec<Outcome>,
    /// Proposal ids this job approved, and the ids of proposals it created (when known).
    pub approved: Vec<String>,
    pub proposed: Vec<String>,
    /// Both, in the order they happened: `(proposal, "approval" | "proposal")`.
    pub steps: Vec<(String, &'static str)>,
    pub notes: Vec<String>,
    /// The event's id on chain (`1.22.x`) when the job saw it there.
    pub event: Option<String>,
}

impl JobReport {
    fn new(inc: &Incident) -> JobReport {
        JobReport {
            unique_string: inc.unique_string.clone().unwrap_or_default(),
            call: inc.call,
            status: Status::Unknown,
            reason: String::new(),
            operations: Vec::new(),
            sent: Vec::new(),
            approved: Vec::new(),
            proposed: Vec::new(),
            steps: Vec::new(),
            notes: Vec::new(),
            event: None,
        }
    }

    fn approve(&mut self, ids: Vec<String>) {
        self.steps
            .extend(ids.iter().map(|i| (i.clone(), "approval")));
        self.approved.extend(ids);
    }

    /// The operations in node JSON form.
    pub fn operations_json(&self, cx: &JsonCx) -> Vec<Value> {
        self.operations.iter().map(|o| o.to_json(cx)).collect()
    }
}

/// One pass of a job; `again` says the chain changed under it.
struct Pass {
    report: JobReport,
    again: Option<Again>,
    expiration: Option<DateTime<Utc>>,
}

enum Again {
    /// An equal proposal is pending in the node: wait for its block, then approve it.
    DuplicatePending,
    /// A proposal the job approved executed or expired meanwhile.
    Moved(String),
}

impl JobRunner {
    pub fn new(sender: Sender, parts: Parts, blocking: bool) -> JobRunner {
        JobRunner {
            sender,
            parts,
            blocking,
            views: None,
        }
    }

    /// The same runner, with jobs sharing their chain views for `fresh_for`: a job
    /// whose event (sport, event group, start) another job read within that time
    /// uses that view instead of reading the chain again. Only for a run that
    /// changes nothing on the chain (a dry run) and accepts a view that old.
    pub fn sharing_views(mut self, fresh_for: StdDuration) -> JobRunner {
        self.views = Some(Views::new(fresh_for, VIEWS_MAX));
        self
    }

    pub fn sender(&self) -> &Sender {
        &self.sender
    }

    pub fn parts(&self) -> &Parts {
        &self.parts
    }

    /// Runs one job for a stored (or just-stored) incident at `now` and records
    /// the call's status.
    pub async fn process(
        &self,
        store: &mut Store,
        inc: &Incident,
        now: DateTime<Utc>,
    ) -> Result<JobReport, EngineError> {
        let _ = store.insert(inc, now)?;
        self.process_stored(store, inc, now).await
    }

    /// [`JobRunner::process`] for an incident the store already holds (`bos serve`'s
    /// writer stored it with its job).
    pub async fn process_stored(
        &self,
        store: &mut Store,
        inc: &Incident,
        now: DateTime<Utc>,
    ) -> Result<JobReport, EngineError> {
        let mut pass = self.pass(store, inc, now).await?;
        let mut notes = Vec::new();
        for _ in 1..ATTEMPTS {
            let Some(again) = &pass.again else { break };
            match again {
                Again::DuplicatePending => {
                    notes.push(
                        "an equal proposal reached the node first; approving it instead".into(),
                    );
                    self.next_block().await?;
                }
                Again::Moved(id) => {
                    notes.push(format!("{id} changed while the job ran; ran it again"));
                }
            }
            pass = self.pass(store, inc, now).await?;
        }
        let Pass {
            mut report,
            again,
            mut expiration,
        } = pass;
        notes.append(&mut report.notes);
        report.notes = notes;
        match again {
            // The equal proposal is still only in the node's pending set: the approval
            // routine approves it once it is in a block.
            Some(Again::DuplicatePending) => {
                report.status = Status::Done;
                report.notes.push(
                    "an equal proposal is pending in the node; the approval routine approves it once it is in a block".into(),
                );
            }
            Some(Again::Moved(id)) => {
                report.status = Status::UnhandledExceptionRetryingSoon;
                report.reason = format!("{id} kept changing while the job ran");
            }
            None => {}
        }
        // A call that is done stays done when a later incident of it finds the chain
        // moved on (the second provider's incident after the first one's job settled it).
        if report.status == Status::Superseded {
            let prev = inc
                .id_string
                .as_deref()
                .and_then(|id| store.status(id, inc.call.as_str()).ok());
            if prev.is_some_and(|p| p.name == Status::Done) {
                report.status = Status::Done;
                report
                    .notes
                    .push(format!("already done; now: {}", report.reason));
            }
        }
        // The two-step rule of §2.4: a second unexpected error in a row is final.
        if report.status == Status::UnhandledExceptionRetryingSoon {
            if let Some(id) = &inc.id_string {
                if let Ok(prev) = store.status(id, inc.call.as_str()) {
                    if matches!(
                        prev.name,
                        Status::UnhandledExceptionRetryingSoon | Status::UnhandledException
                    ) {
                        report.status = Status::UnhandledException;
                    }
                }
            }
        }
        let mut extra = Map::new();
        if let Some(e) = &report.event {
            extra.insert("event".into(), json!(e));
        }
        if report.status == Status::Done {
            let actions: Vec<Value> = report.steps.iter().map(|(_, a)| json!(a)).collect();
            let proposals: Vec<Value> = report.steps.iter().map(|(p, _)| json!(p)).collect();
            extra.insert("proposals".into(), Value::Array(proposals));
            extra.insert("actions".into(), Value::Array(actions));
            // Whether the chain saw it: a dry run's `done` says nothing about the chain.
            extra.insert("broadcast".into(), json!(self.sender.mode().broadcasts()));
        } else if report.status == Status::UnhandledExceptionRetryingSoon {
            extra.insert("details".into(), json!(report.reason));
            expiration = Some(now + Duration::seconds(240));
        } else if !report.reason.is_empty() {
            extra.insert("details".into(), json!(report.reason));
            if report.status != Status::Postponed {
                expiration = None;
            }
        }
        // bos-auto never retries `event missing`, so an in_progress or result that
        // arrives while the create's proposal still waits for approval is lost until
        // another incident comes. bos marks it for the scheduler: every minute, at
        // most EVENT_MISSING_TRIES times (6 h, a proposal's lifetime).
        if report.status == Status::EventMissing {
            let before = inc
                .id_string
                .as_deref()
                .and_then(|id| store.status(id, inc.call.as_str()).ok())
                .filter(|p| p.name == Status::EventMissing)
                .and_then(|p| p.extra.get("attempts").and_then(Value::as_u64))
                .unwrap_or(0);
            let attempts = before + 1;
            extra.insert("attempts".into(), json!(attempts));
            expiration = (attempts < EVENT_MISSING_TRIES)
                .then(|| now + Duration::seconds(EVENT_MISSING_RETRY));
        }
        if let Some(id) = &inc.id_string {
            store.set_status(
                id,
                inc.call.as_str(),
                report.status,
                expiration,
                Some(&extra),
                now,
            )?;
        }
        Ok(report)
    }

    /// Waits (at most [`BLOCK_WAIT`]) until the head block moves on.
    async fn next_block(&self) -> Result<(), EngineError> {
        if !self.sender.mode().broadcasts() {
            return Ok(());
        }
        let chain = self.sender.chain();
        let start = chain.head().await?.num;
        let until = tokio::time::Instant::now() + BLOCK_WAIT;
        while tokio::time::Instant::now() < until {
            tokio::time::sleep(StdDuration::from_millis(200)).await;
            if chain.head().await?.num > start {
                break;
            }
        }
        Ok(())
    }

    /// One pass: a fresh view, the trigger, the transactions.
    async fn pass(
        &self,
        store: &mut Store,
        inc: &Incident,
        now: DateTime<Utc>,
    ) -> Result<Pass, EngineError> {
        let parts = &self.parts;
        let chain = self.sender.chain();
        // The chain's start_time form of the incident's start.
        let start = inc
            .id
            .start_time
            .as_deref()
            .and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok())
            .map(|t| {
                t.with_timezone(&Utc)
                    .format("%Y-%m-%dT%H:%M:%S")
                    .to_string()
            });
        let key: ViewKey = (
            inc.id.sport.clone(),
            inc.id.event_group_name.clone(),
            start.clone(),
        );
        let load = async {
            if let Some(v) = self.views.as_ref().and_then(|c| c.get(&key)) {
                return Ok(v);
            }
            let v = ChainView::load(
                chain.client(),
                &inc.id.sport,
                &inc.id.event_group_name,
                start.as_deref(),
                &[parts.proposer.as_str(), parts.approver.as_str()],
            )
            .await
            .map(Arc::new)
            .map_err(EngineError::from)?;
            if let Some(c) = &self.views {
                c.put(key.clone(), v.clone());
            }
            Ok(v)
        };
        let head = async { chain.head().await.map_err(EngineError::from) };
        let prefix = async { chain.prefix().await.map_err(EngineError::from) };
        let (view, head, prefix) = tokio::try_join!(load, head, prefix)?;
        let prefix = prefix.to_string();
        let proposer = account(&view, &parts.proposer)?;
        let approver = account(&view, &parts.approver)?;
        let cx = Context {
            settings: &parts.settings,
            sports: &parts.sports,
            view: &view,
            store,
            now,
            approver: &approver,
            prefix: &prefix,
        };
        let verdict = triggers::run(&cx, inc);
        let mut report = JobReport::new(inc);
        report.status = verdict.status;
        report.reason = verdict.reason.clone();
        report.notes = verdict.built.notes.clone();
        report.event = verdict.event.clone();
        // Own proposals first (§4.9), unless the chain would refuse to execute them.
        let mut approvals = Vec::new();
        for op in self_approvals(&view, &proposer, &approver) {
            if let Some(why) = refusal_of(chain, &view, &op).await? {
                report.notes.push(why);
                continue;
            }
            approvals.push(op);
        }
        for a in &verdict.built.approvals {
            if !approvals.contains(a) {
                approvals.push(a.clone());
            }
        }
        // What the checkers (if any) see: the incidents of this event's call.
        let related = match (&inc.id_string, parts.settings.checkers.is_empty()) {
            (Some(id), false) => store.call_incidents(id, inc.call)?,
            _ => Vec::new(),
        };
        let vetting = Vetting {
            chain,
            settings: &parts.settings,
            approver: &parts.approver,
            proposer_id: &proposer,
        };
        let vetted = vetting
            .vet(store, &view.proposals, approvals, &|_| related.clone(), now)
            .await?;
        report.notes.extend(vetted.lines());
        let approvals = vetted.kept;
        let mut pass = Pass {
            report,
            again: None,
            expiration: verdict.expiration,
        };
        if !approvals.is_empty() {
            let ids = proposal_ids(&approvals);
            pass.report.operations.extend(approvals.iter().cloned());
            let out = self.sender.send_at(approvals, &head, Wait::No).await?;
            match &out {
                Outcome::Refused {
                    refusal: Refusal::DuplicateTransaction { .. },
                    ..
                } => {
                    // The same approvals, signed on the same head block, were just sent
                    // by another job or the approval routine: the effect is there.
                    pass.report
                        .notes
                        .push("the same approval transaction was already sent".into());
                    pass.report.approve(ids);
                }
                Outcome::Refused {
                    refusal: Refusal::UnknownObject { id, .. },
                    ..
                } if id.starts_with("1.10.") => {
                    pass.again = Some(Again::Moved(id.clone()));
                }
                Outcome::Refused { refusal, .. } => {
                    pass.report.status = Status::UnhandledExceptionRetryingSoon;
                    pass.report.reason = format!(
                        "the node refused the approvals ({}): {refusal}",
                        refusal.kind()
                    );
                }
                _ => pass.report.approve(ids),
            }
            pass.report.sent.push(out);
            if pass.again.is_some() {
                return Ok(pass);
            }
        }
        if verdict.built.proposed.is_empty() {
            return Ok(pass);
        }
        let payer =
            Id::parse(&proposer).map_err(|_| EngineError::UnknownAccount(proposer.clone()))?;
        let create = Operation::ProposalCreate(ProposalCreate {
            fee: Asset::core(0),
            fee_paying_account: payer,
            expiration_time: TimePointSec(head.time.0 + PROPOSAL_LIFETIME),
            proposed_ops: verdict
                .built
                .proposed
                .iter()
                .cloned()
                .map(Into::into)
                .collect(),
            review_period_seconds: None,
            extensions: Default::default(),
        });
        let wait = if self.blocking { Wait::Block } else { Wait::No };
        let out = self.sender.send_at(vec![create], &head, wait).await?;
        pass.report
            .operations
            .extend(out.tx().operations.iter().cloned());
        match &out {
            Outcome::Refused {
                refusal: Refusal::DuplicatePending { .. },
                ..
            } => pass.again = Some(Again::DuplicatePending),
            Outcome::Refused {
                refusal: Refusal::UnknownObject { id, .. },
                ..
            } => pass.again = Some(Again::Moved(id.clone())),
            Outcome::Refused { refusal, .. } => {
                pass.report.status = Status::UnhandledExceptionRetryingSoon;
                pass.report.reason = format!(
                    "the node refused the proposal ({}): {refusal}",
                    refusal.kind()
                );
            }
            o => {
                let id = o.created_id(0).unwrap_or_else(|| o.txid());
                pass.report.steps.push((id.clone(), "proposal"));
                pass.report.proposed.push(id);
            }
        }
        let broadcast_blocking = matches!(out, Outcome::Broadcast { .. }) && self.blocking;
        pass.report.sent.push(out);
        // §4.9 again at the end of the job: the new proposal, now in a block, gets
        // the approver's approval in the same job.
        if broadcast_blocking {
            self.approve_new(store, &mut pass.report, &proposer, &approver, now)
                .await?;
        }
        Ok(pass)
    }

    /// Approves the proposer's proposals made since the job's view (its own new one).
    async fn approve_new(
        &self,
        store: &mut Store,
        report: &mut JobReport,
        proposer: &str,
        approver: &str,
        now: DateTime<Utc>,
    ) -> Result<(), EngineError> {
        let chain = self.sender.chain();
        let pending = chain
            .client()
            .db("get_proposed_transactions", json!(["1.2.1"]))
            .await?;
        let after = ChainView {
            proposals: pending.as_array().cloned().unwrap_or_default(),
            ..ChainView::default()
        };
        let ops = self_approvals(&after, proposer, approver);
        let vetting = Vetting {
            chain,
            settings: &self.parts.settings,
            approver: &self.parts.approver,
            proposer_id: proposer,
        };
        let vetted = vetting
            .vet(store, &after.proposals, ops, &|_| Vec::new(), now)
            .await?;
        report.notes.extend(vetted.lines());
        let ops = vetted.kept;
        if ops.is_empty() {
            return Ok(());
        }
        let ids = proposal_ids(&ops);
        report.operations.extend(ops.iter().cloned());
        match self.sender.send(ops, Wait::No).await {
            Ok(Outcome::Refused { refusal, .. }) => report
                .notes
                .push(format!("self-approval refused: {refusal}")),
            Ok(o) => {
                report.approve(ids);
                report.sent.push(o);
            }
            Err(e) => report.notes.push(format!("self-approval failed: {e}")),
        }
        Ok(())
    }

    /// True when this runner builds without signing or broadcasting.
    pub fn dry_run(&self) -> bool {
        self.sender.mode() == Mode::Unsigned
    }
}

fn account(view: &ChainView, name: &str) -> Result<String, EngineError> {
    view.accounts
        .get(name)
        .cloned()
        .ok_or_else(|| EngineError::UnknownAccount(name.to_string()))
}

/// The proposals `proposal_update`s name.
pub(crate) fn proposal_ids(ops: &[Operation]) -> Vec<String> {
    ops.iter()
        .filter_map(|o| match o {
            Operation::ProposalUpdate(u) => Some(u.proposal.to_string()),
            _ => None,
        })
        .collect()
}

/// Why approving (with `op`, a `proposal_update`) a pending proposal of the view is
/// pointless: the chain would refuse to execute it.
async fn refusal_of(
    chain: &crate::chain::Chain,
    view: &ChainView,
    op: &Operation,
) -> Result<Option<String>, EngineError> {
    let Operation::ProposalUpdate(u) = op else {
        return Ok(None);
    };
    let id = u.proposal.to_string();
    let Some(p) = view.proposals.iter().find(|p| p["id"] == json!(id)) else {
        return Ok(None);
    };
    Ok(would_fail(chain, p)
        .await?
        .map(|why| format!("not approving {id}: the chain would refuse it ({why})")))
}
