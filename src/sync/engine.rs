//! The job runner (bos-auto's `work.process`, spec §4.1, §4.9, §5.2): store the
//! incident, self-approve, run the trigger on a fresh chain view, fill fees from
//! the node, build the direct (approvals) and proposal transactions, sign and
//! broadcast them (unless dry-run), and record the call's status.

use chrono::{DateTime, Duration, Utc};
use serde_json::{json, Map, Value};

use super::view::ChainView;
use crate::incidents::store::{Status, Store};
use crate::incidents::Incident;
use crate::protocol::ids::Id;
use crate::protocol::operations::{Operation, ProposalCreate, ProposalUpdate};
use crate::protocol::types::Asset;
use crate::protocol::{Json, JsonCx, Path, PrivateKey, TimePointSec, Transaction};
use crate::rpc::{Api, Client};
use crate::triggers::{self, Context, Settings};

/// Proposal lifetime: now + 6 h.
pub const PROPOSAL_LIFETIME: u32 = 21_600;
/// Transaction expiration: 30 s.
pub const TX_EXPIRATION: u32 = 30;
/// Seconds before the scheduler retries an `event missing` call.
pub const EVENT_MISSING_RETRY: i64 = 60;
/// How many times an `event missing` call is tried (6 h at one a minute).
pub const EVENT_MISSING_TRIES: u64 = 360;

/// Errors that stop the engine (not per-incident statuses).
#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    #[error(transparent)]
    Rpc(#[from] crate::rpc::Error),
    #[error(transparent)]
    Store(#[from] crate::incidents::Error),
    #[error("account {0:?} is not on chain")]
    UnknownAccount(String),
    #[error("the node answered {what} in an unexpected shape: {value}")]
    Shape { what: &'static str, value: String },
}

/// How the engine runs.
pub struct Engine {
    pub client: Client,
    pub sports: crate::sports::Chain,
    /// Proposer and approver account names.
    pub proposer: String,
    pub approver: String,
    /// Keys to sign with (proposer's and approver's active keys).
    pub keys: Vec<PrivateKey>,
    /// Build and report, never sign or broadcast.
    pub dry_run: bool,
    /// Wait for block inclusion when a new proposal id is needed.
    pub blocking: bool,
    /// bos-auto's `conditions` / `dynamic` knobs and bos's own.
    pub settings: Settings,
}

/// What one job did.
#[derive(Clone, Debug)]
pub struct JobReport {
    pub unique_string: String,
    pub call: String,
    pub status: Status,
    pub reason: String,
    /// Node-form operations of every transaction built: approvals first, then
    /// the `proposal_create`.
    pub operations: Vec<Value>,
    /// Transaction ids or broadcast results.
    pub broadcast: Vec<Value>,
    pub notes: Vec<String>,
}

impl JobReport {
    pub fn to_json(&self) -> Value {
        json!({
            "unique_string": self.unique_string,
            "call": self.call,
            "status": self.status.as_str(),
            "operations": self.operations,
        })
    }
}

fn shape(what: &'static str, v: &Value) -> EngineError {
    EngineError::Shape {
        what,
        value: v.to_string(),
    }
}

impl Engine {
    /// The head block (for TaPoS and the proposal expiration) and, unless this is
    /// a dry run that signs nothing, the chain id (`get_chain_id`, else
    /// `get_chain_properties`, which older nodes and recorders serve).
    async fn head(&self) -> Result<([u8; 20], TimePointSec, [u8; 32]), EngineError> {
        let chain = async {
            if self.dry_run {
                return Ok(Value::String("00".repeat(32)));
            }
            match self.client.db("get_chain_id", json!([])).await {
                Ok(v) => Ok(v),
                Err(e) => match self.client.db("get_chain_properties", json!([])).await {
                    Ok(p) if p["chain_id"].is_string() => Ok(p["chain_id"].clone()),
                    _ => Err(e),
                },
            }
        };
        let (d, c) = tokio::try_join!(
            self.client.db("get_dynamic_global_properties", json!([])),
            chain,
        )?;
        let id = d["head_block_id"]
            .as_str()
            .and_then(|h| hex::decode(h).ok())
            .and_then(|b| <[u8; 20]>::try_from(b).ok())
            .ok_or_else(|| shape("head_block_id", &d))?;
        let t = d["time"]
            .as_str()
            .and_then(|t| TimePointSec::parse(t).ok())
            .ok_or_else(|| shape("time", &d))?;
        let chain = c
            .as_str()
            .and_then(|h| hex::decode(h).ok())
            .and_then(|b| <[u8; 32]>::try_from(b).ok())
            .ok_or_else(|| shape("chain id", &c))?;
        Ok((id, t, chain))
    }

    async fn fill_fees(&self, ops: &mut [Operation]) -> Result<(), EngineError> {
        fill_fees(&self.client, ops).await
    }

    /// Runs one job for a stored (or just-stored) incident at `now`.
    pub async fn process(
        &self,
        store: &mut Store,
        inc: &Incident,
        now: DateTime<Utc>,
    ) -> Result<JobReport, EngineError> {
        let _ = store.insert(inc, now)?;
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
        let load = async {
            ChainView::load(
                &self.client,
                &inc.id.sport,
                &inc.id.event_group_name,
                start.as_deref(),
                &[self.proposer.as_str(), self.approver.as_str()],
            )
            .await
            .map_err(EngineError::from)
        };
        let (view, (head_id, head_time, chain_id)) = tokio::try_join!(load, self.head())?;
        let proposer = view
            .accounts
            .get(&self.proposer)
            .cloned()
            .ok_or_else(|| EngineError::UnknownAccount(self.proposer.clone()))?;
        let approver = view
            .accounts
            .get(&self.approver)
            .cloned()
            .ok_or_else(|| EngineError::UnknownAccount(self.approver.clone()))?;
        let cx = Context {
            settings: &self.settings,
            sports: &self.sports,
            view: &view,
            store,
            now,
            approver: &approver,
            prefix: "PPY",
        };
        let verdict = triggers::run(&cx, inc);
        let mut approvals = self_approvals(&view, &proposer, &approver);
        for a in verdict.built.approvals.iter() {
            if !approvals.contains(a) {
                approvals.push(a.clone());
            }
        }
        let mut report = JobReport {
            unique_string: inc.unique_string.clone().unwrap_or_default(),
            call: inc.call.as_str().to_string(),
            status: verdict.status,
            reason: verdict.reason.clone(),
            operations: Vec::new(),
            broadcast: Vec::new(),
            notes: verdict.built.notes.clone(),
        };
        // What the checkers (if any) see: the incidents of this event's call.
        let related = match (&inc.id_string, self.settings.checkers.is_empty()) {
            (Some(id), false) => store.call_incidents(id, inc.call)?,
            _ => Vec::new(),
        };
        let vetted = self
            .vet(
                store,
                &proposer,
                &view.proposals,
                approvals,
                &|_| related.clone(),
                now,
            )
            .await?;
        report.notes.extend(vetted.lines());
        let mut approvals = vetted.kept;
        let mut txs = Vec::new();
        if !approvals.is_empty() {
            self.fill_fees(&mut approvals).await?;
            txs.push((approvals, false));
        }
        if !verdict.built.proposed.is_empty() {
            let payer =
                Id::parse(&proposer).map_err(|_| EngineError::UnknownAccount(proposer.clone()))?;
            let mut ops = vec![Operation::ProposalCreate(ProposalCreate {
                fee: Asset::core(0),
                fee_paying_account: payer,
                expiration_time: TimePointSec(head_time.0 + PROPOSAL_LIFETIME),
                proposed_ops: verdict
                    .built
                    .proposed
                    .iter()
                    .cloned()
                    .map(Into::into)
                    .collect(),
                review_period_seconds: None,
                extensions: Default::default(),
            })];
            self.fill_fees(&mut ops).await?;
            txs.push((ops, true));
        }
        let jcx = JsonCx { prefix: "PPY" };
        let mut proposals = Vec::new();
        let mut actions = Vec::new();
        for (ops, is_proposal) in txs {
            report
                .operations
                .extend(ops.iter().map(|o| o.to_json(&jcx)));
            for o in &ops {
                if let Operation::ProposalUpdate(u) = o {
                    proposals.push(json!(u.proposal.to_string()));
                    actions.push(json!("approval"));
                }
            }
            if self.dry_run {
                if is_proposal {
                    actions.push(json!("proposal"));
                }
                continue;
            }
            let mut tx = Transaction::new(ops, &head_id, TimePointSec(head_time.0 + TX_EXPIRATION));
            let keys: Vec<&PrivateKey> = self.keys.iter().collect();
            tx.sign(&chain_id, &keys);
            let j = tx.to_json(&jcx);
            let r = if is_proposal && self.blocking {
                self.client
                    .call_within(
                        Api::NetworkBroadcast,
                        "broadcast_transaction_synchronous",
                        json!([j]),
                        std::time::Duration::from_secs(120),
                    )
                    .await
            } else {
                self.client
                    .call(Api::NetworkBroadcast, "broadcast_transaction", json!([j]))
                    .await
                    .map(|_| json!({"id": hex::encode(tx.id())}))
            };
            match r {
                Ok(v) => {
                    if is_proposal {
                        let id = v["trx"]["operation_results"][0][1].clone();
                        proposals.push(if id.is_null() { v["id"].clone() } else { id });
                        actions.push(json!("proposal"));
                    }
                    report.broadcast.push(v);
                }
                // The same approvals, signed on the same head block, were just sent
                // by another job or the approval routine: the effect is there.
                Err(e) if !is_proposal && is_duplicate(&e) => {
                    report
                        .notes
                        .push("the same approval transaction was already sent".into());
                    report
                        .broadcast
                        .push(json!({"id": hex::encode(tx.id()), "duplicate": true}));
                }
                Err(e) => {
                    report.status = Status::UnhandledExceptionRetryingSoon;
                    report.reason = format!("broadcast failed: {e}");
                }
            }
        }
        // §4.9 again at the end of the job: the new proposal, once included, gets
        // the approver's approval in the same job.
        if !self.dry_run && self.blocking && actions.iter().any(|a| a == "proposal") {
            let pending = self
                .client
                .db("get_proposed_transactions", json!(["1.2.1"]))
                .await?;
            let after = ChainView {
                proposals: pending.as_array().cloned().unwrap_or_default(),
                ..ChainView::default()
            };
            let ops = self_approvals(&after, &proposer, &approver);
            let vetted = self
                .vet(
                    store,
                    &proposer,
                    &after.proposals,
                    ops,
                    &|_| Vec::new(),
                    now,
                )
                .await?;
            report.notes.extend(vetted.lines());
            let ops = vetted.kept;
            if !ops.is_empty() {
                report
                    .operations
                    .extend(ops.iter().map(|o| o.to_json(&jcx)));
                match self.broadcast_ops(ops).await {
                    Ok(v) => report.broadcast.push(v),
                    Err(e) => report.notes.push(format!("self-approval failed: {e}")),
                }
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
        let mut expiration = verdict.expiration;
        if report.status == Status::Done {
            extra.insert("proposals".into(), Value::Array(proposals));
            extra.insert("actions".into(), Value::Array(actions));
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

    /// Fills fees, signs and broadcasts `ops` as one transaction (`bos approve`).
    pub async fn broadcast_ops(&self, ops: Vec<Operation>) -> Result<Value, EngineError> {
        self.send_ops(ops, false).await
    }

    /// [`Engine::broadcast_ops`]; `blocking` waits for the block that includes it and
    /// returns the node's answer (`{id, block_num, trx_num, trx}`, with the new
    /// objects' ids in `trx.operation_results`).
    pub async fn send_ops(
        &self,
        mut ops: Vec<Operation>,
        blocking: bool,
    ) -> Result<Value, EngineError> {
        let (head_id, head_time, chain_id) = self.head().await?;
        self.fill_fees(&mut ops).await?;
        let mut tx = Transaction::new(ops, &head_id, TimePointSec(head_time.0 + TX_EXPIRATION));
        let keys: Vec<&PrivateKey> = self.keys.iter().collect();
        tx.sign(&chain_id, &keys);
        let j = tx.to_json(&JsonCx { prefix: "PPY" });
        let r = if blocking {
            self.client
                .call_within(
                    Api::NetworkBroadcast,
                    "broadcast_transaction_synchronous",
                    json!([j]),
                    std::time::Duration::from_secs(120),
                )
                .await
        } else {
            self.client
                .call(Api::NetworkBroadcast, "broadcast_transaction", json!([j]))
                .await
                .map(|_| json!({"id": hex::encode(tx.id())}))
        };
        match r {
            Ok(v) => Ok(v),
            Err(e) if is_duplicate(&e) => {
                Ok(json!({"id": hex::encode(tx.id()), "duplicate": true}))
            }
            Err(e) => Err(e.into()),
        }
    }
}

/// The node already holds this very transaction (same operations, reference block and
/// expiration): another job or the approval routine sent it a moment ago.
fn is_duplicate(e: &crate::rpc::Error) -> bool {
    matches!(e, crate::rpc::Error::Remote { message, .. } if message.contains("duplicate transaction"))
}

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

impl Engine {
    /// Runs the approval checkers on each `proposal_update` in `ops`: refused
    /// approvals are dropped and recorded in the store; the notes say why.
    /// `proposer_id` is this node's proposer (whose proposals are its own).
    /// `incidents` gives, per proposal id, the incidents that led to agreeing.
    pub async fn vet(
        &self,
        store: &mut Store,
        proposer_id: &str,
        proposals: &[Value],
        ops: Vec<Operation>,
        incidents: &dyn Fn(&str) -> Vec<Value>,
        now: DateTime<Utc>,
    ) -> Result<Vetted, EngineError> {
        let checkers = &self.settings.checkers;
        let mut out = Vetted::default();
        // The one hold filter of every approval path (jobs, `bos approve`, `serve`):
        // a proposal the witness put on hold is never approved automatically.
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
        if checkers.is_empty() || ops.is_empty() {
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
            let own = p["proposer"].as_str() == Some(proposer_id);
            let which: Vec<_> = checkers.iter().filter(|c| !own || c.own).cloned().collect();
            if which.is_empty() {
                out.kept.push(op);
                continue;
            }
            let mut ids = Vec::new();
            super::checkers::referenced_ids(&p["proposed_transaction"]["operations"], &mut ids);
            // Names of the objects referred to and of their ancestors (market ->
            // group -> event -> event group -> sport), so a checker can judge by
            // league without asking the node itself.
            let mut names = Map::new();
            let mut round = 0;
            while !ids.is_empty() && round < 5 {
                round += 1;
                let objs = self.client.db("get_objects", json!([ids])).await?;
                let mut parents = Vec::new();
                for (id, o) in ids.iter().zip(objs.as_array().into_iter().flatten()) {
                    let n = super::view::display_name(o);
                    if let Some(n) = n {
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
            let incs = if own { Vec::new() } else { incidents(&pid) };
            let body = super::checkers::payload(p, &self.approver, own, &names, &incs);
            match super::checkers::check(&which, &body).await {
                super::checkers::Outcome::Approve(n) => {
                    for c in &which {
                        store.record_check(&pid, &self.approver, &c.name, true, "", now)?;
                    }
                    out.notes.extend(n);
                    out.kept.push(op);
                }
                super::checkers::Outcome::Refuse { checker, reason } => {
                    store.record_check(&pid, &self.approver, &checker, false, &reason, now)?;
                    tracing::warn!(proposal = %pid, %checker, %reason, "approval refused by checker");
                    out.refused.push((pid, checker, reason));
                }
            }
        }
        Ok(out)
    }
}

/// Fills the fees of `ops` (and of the operations inside a `proposal_create`)
/// from the node's `get_required_fees`, as python-peerplays does.
pub async fn fill_fees(client: &Client, ops: &mut [Operation]) -> Result<(), EngineError> {
    if ops.is_empty() {
        return Ok(());
    }
    let cx = JsonCx { prefix: "PPY" };
    let j: Vec<Value> = ops.iter().map(|o| o.to_json(&cx)).collect();
    let fees = client.db("get_required_fees", json!([j, "1.3.0"])).await?;
    let fees = fees.as_array().ok_or_else(|| shape("fees", &fees))?;
    for (op, f) in ops.iter_mut().zip(fees) {
        let (outer, inner) = match f {
            Value::Array(a) => (a.first().cloned().unwrap_or_default(), a.get(1).cloned()),
            other => (other.clone(), None),
        };
        *op.fee_mut() = Asset::from_json(&outer, &Path::ROOT).map_err(|_| shape("fee", f))?;
        if let (Operation::ProposalCreate(p), Some(Value::Array(inner))) = (op, inner) {
            for (w, f) in p.proposed_ops.iter_mut().zip(inner) {
                let f = match &f {
                    Value::Array(a) => a.first().cloned().unwrap_or_default(),
                    o => o.clone(),
                };
                if let Ok(a) = Asset::from_json(&f, &Path::ROOT) {
                    *w.op.fee_mut() = a;
                }
            }
        }
    }
    Ok(())
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
        .filter(|p| {
            !p["available_active_approvals"]
                .as_array()
                .is_some_and(|l| l.iter().any(|x| x.as_str() == Some(approver)))
        })
        .filter_map(|p| {
            let pid = Id::parse(p["id"].as_str()?).ok()?;
            Some(ProposalUpdate::active_approval(a, pid, true).into())
        })
        .collect()
}
