//! `bos approve`: the approval routine run on its own, over every pending witness
//! proposal (§4.9 and §5.6).
//!
//! The proposer's own proposals get the approver's approval (bos-auto's
//! self-approval). A proposal by another scheduled witness is approved only when
//! one job, re-run from the incidents stored here, reproduces every operation in
//! it: the same rule an incident job applies, so `bos approve` never approves
//! what a bos-sync witness with the same incidents would refuse. Nothing is
//! stored: statuses of the re-run jobs are reported, not recorded.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::vet::Vetting;
use super::{approved_by, would_fail, EngineError, Parts};
use crate::chain::{Outcome, Sender, Wait};
use crate::incidents::store::Store;
use crate::protocol::operations::{ProposalUpdate, OPERATION_NAMES};
use crate::protocol::Operation;
use crate::sync::job::{relative_index, valid_real};
use crate::sync::view::{lang, ChainView, Objects};
use crate::triggers::{self, Context};

/// What `approve` decided about one pending proposal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decision {
    pub proposal: String,
    /// The proposer's account id.
    pub proposer: String,
    pub approved: bool,
    pub reason: String,
}

/// What `approve` did.
#[derive(Clone, Debug, Default)]
pub struct ApproveReport {
    pub decisions: Vec<Decision>,
    /// The `proposal_update` operations built (one transaction).
    pub operations: Vec<Operation>,
    /// What became of that transaction (broadcast, dry, refused).
    pub sent: Option<Outcome>,
    /// Checkers that erred but whose `on_error` approved.
    pub notes: Vec<String>,
}

impl ApproveReport {
    /// The proposals approved (or, dry, to approve).
    pub fn approved(&self) -> Vec<String> {
        super::runner::proposal_ids(&self.operations)
    }
}

/// The approval routine: complete for its mode (a broadcasting sender with the
/// approver's keys, or a dry one).
pub struct Approver {
    sender: Sender,
    parts: Parts,
}

/// Where an event lives: sport and event group identifiers and the chain start
/// time (`%Y-%m-%dT%H:%M:%S`).
type Place = (String, String, String);

fn op_label(k: usize, op: &Value) -> String {
    let name = op[0]
        .as_u64()
        .and_then(|i| OPERATION_NAMES.get(i as usize))
        .map_or_else(|| op[0].to_string(), |n| n.trim_end_matches('*').into());
    let body = &op[1];
    let en = ["name", "description", "new_name", "new_description"]
        .iter()
        .find_map(|k| lang(&body[*k], "en"));
    match en {
        Some(en) => format!("{k} {name} {en:?}"),
        None => format!("{k} {name}"),
    }
}

struct Locator<'a> {
    objects: Objects<'a>,
}

impl Locator<'_> {
    async fn object(&mut self, id: &str) -> Result<Value, String> {
        match self.objects.get(id).await {
            Ok(Some(o)) => Ok(o),
            Ok(None) => Err(format!("{id} is not on chain")),
            Err(e) => Err(format!("cannot read {id}: {e}")),
        }
    }

    /// The event group id and start time of an event id (real or relative to
    /// the proposal's operations).
    async fn event(&mut self, id: &str, ops: &[Value]) -> Result<(String, String), String> {
        if let Some(j) = relative_index(id) {
            let op = ops.get(j).filter(|o| o[0] == 56).ok_or_else(|| {
                format!("{id} does not name an event_create of the same proposal")
            })?;
            return Ok((
                op[1]["event_group_id"].as_str().unwrap_or_default().into(),
                op[1]["start_time"].as_str().unwrap_or_default().into(),
            ));
        }
        if !valid_real(id) {
            return Err(format!(
                "its event {id} is itself only pending in a proposal"
            ));
        }
        let e = self.object(id).await?;
        Ok((
            e["event_group_id"].as_str().unwrap_or_default().into(),
            e["start_time"].as_str().unwrap_or_default().into(),
        ))
    }

    async fn group(&mut self, id: &str, ops: &[Value]) -> Result<(String, String), String> {
        if let Some(j) = relative_index(id) {
            let op = ops.get(j).filter(|o| o[0] == 60).ok_or_else(|| {
                format!("{id} does not name a betting_market_group_create of the same proposal")
            })?;
            let ev = op[1]["event_id"].as_str().unwrap_or_default().to_string();
            return self.event(&ev, ops).await;
        }
        if !valid_real(id) {
            return Err(format!(
                "its group {id} is itself only pending in a proposal"
            ));
        }
        let g = self.object(id).await?;
        let ev = g["event_id"].as_str().unwrap_or_default().to_string();
        self.event(&ev, ops).await
    }

    /// The places (events) a proposal's operations touch; an error names the
    /// first operation no BOS job builds.
    async fn places(&mut self, p: &Value) -> Result<BTreeSet<Place>, String> {
        let ops = p["proposed_transaction"]["operations"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let mut out = BTreeSet::new();
        for (k, op) in ops.iter().enumerate() {
            let b = &op[1];
            let s = |key: &str| b[key].as_str().unwrap_or_default().to_string();
            let r = match op[0].as_u64() {
                Some(56) => Ok((s("event_group_id"), s("start_time"))),
                Some(57) | Some(72) | Some(60) => self.event(&s("event_id"), &ops).await,
                Some(61) => self.group(&s("group_id"), &ops).await,
                Some(63) | Some(70) => self.group(&s("betting_market_group_id"), &ops).await,
                Some(71) => match self.object(&s("betting_market_id")).await {
                    Ok(m) => {
                        let g = m["group_id"].as_str().unwrap_or_default().to_string();
                        self.group(&g, &ops).await
                    }
                    Err(e) => Err(e),
                },
                _ => Err("BOS jobs never build this operation".to_string()),
            };
            let (eg, start) = r.map_err(|e| format!("operation {}: {e}", op_label(k, op)))?;
            let g = self
                .object(&eg)
                .await
                .map_err(|e| format!("operation {}: {e}", op_label(k, op)))?;
            let sport_id = g["sport_id"].as_str().unwrap_or_default().to_string();
            let sport = self
                .object(&sport_id)
                .await
                .map_err(|e| format!("operation {}: {e}", op_label(k, op)))?;
            out.insert((
                lang(&sport["name"], "identifier")
                    .unwrap_or_default()
                    .into(),
                lang(&g["name"], "identifier").unwrap_or_default().into(),
                start,
            ));
        }
        Ok(out)
    }
}

fn chain_time(s: &str) -> Option<DateTime<Utc>> {
    chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S")
        .ok()
        .map(|t| t.and_utc())
}

impl Approver {
    pub fn new(sender: Sender, parts: Parts) -> Approver {
        Approver { sender, parts }
    }

    pub fn sender(&self) -> &Sender {
        &self.sender
    }

    /// Runs the approval routine now against the pending witness proposals (all,
    /// or those in `only`), re-deriving other witnesses' proposals from the
    /// incidents in `store`. Sends one transaction of approvals through the sender.
    pub async fn approve(
        &self,
        store: &mut Store,
        now: DateTime<Utc>,
        only: &[String],
    ) -> Result<ApproveReport, EngineError> {
        let parts = &self.parts;
        let chain = self.sender.chain();
        let client = chain.client();
        let names = [parts.proposer.as_str(), parts.approver.as_str()];
        let (base, prefix) = tokio::try_join!(
            async {
                ChainView::load(client, "", "", None, &names)
                    .await
                    .map_err(EngineError::from)
            },
            async { chain.prefix().await.map_err(EngineError::from) }
        )?;
        let prefix = prefix.to_string();
        let proposer = base
            .accounts
            .get(&parts.proposer)
            .cloned()
            .ok_or_else(|| EngineError::UnknownAccount(parts.proposer.clone()))?;
        let approver = base
            .accounts
            .get(&parts.approver)
            .cloned()
            .ok_or_else(|| EngineError::UnknownAccount(parts.approver.clone()))?;
        let mut report = ApproveReport::default();
        let mut approve_ids: BTreeSet<String> = BTreeSet::new();
        // Proposals to re-derive, with the places they touch.
        let mut todo: Vec<(Value, BTreeSet<Place>)> = Vec::new();
        let mut locator = Locator {
            objects: Objects::new(client),
        };
        for p in &base.proposals {
            let id = p["id"].as_str().unwrap_or_default().to_string();
            if !only.is_empty() && !only.contains(&id) {
                continue;
            }
            let by = p["proposer"].as_str().unwrap_or_default().to_string();
            let mut decide = |approved: bool, reason: String| {
                report.decisions.push(Decision {
                    proposal: id.clone(),
                    proposer: by.clone(),
                    approved,
                    reason,
                })
            };
            if approved_by(p, &approver) {
                decide(false, format!("already approved by {}", parts.approver));
            } else if let Some(why) = would_fail(chain, p).await? {
                decide(
                    false,
                    format!("the chain would refuse to execute it: {why}"),
                );
            } else if by == proposer {
                approve_ids.insert(id.clone());
                decide(
                    true,
                    format!(
                        "made by {} (the proposer); bos-auto's self-approval",
                        parts.proposer
                    ),
                );
            } else if !base.witness_accounts.contains(&by) {
                decide(
                    false,
                    format!("its proposer {by} is not a scheduled witness"),
                );
            } else {
                match locator.places(p).await {
                    Ok(places) => todo.push((p.clone(), places)),
                    Err(why) => decide(false, format!("not reproducible: {why}")),
                }
            }
        }
        // One view and one set of jobs per place.
        let places: BTreeSet<Place> = todo.iter().flat_map(|(_, s)| s.iter().cloned()).collect();
        let mut matched: HashMap<String, Vec<bool>> = HashMap::new();
        let mut approved_by: HashMap<String, String> = HashMap::new();
        let mut jobs: BTreeMap<Place, Vec<String>> = BTreeMap::new();
        for place in &places {
            let (sport, eg, start) = place;
            let Some(t) = chain_time(start) else {
                continue;
            };
            let events = store.event_ids_at(sport, eg, t)?;
            if events.is_empty() {
                continue;
            }
            let view = ChainView::load(client, sport, eg, Some(start.as_str()), &names).await?;
            for ids in events {
                for doc in store.first_incidents(&ids)? {
                    let Ok(inc) = crate::incidents::validate::validate(doc) else {
                        continue;
                    };
                    let verdict = {
                        let cx = Context {
                            settings: &parts.settings,
                            sports: &parts.sports,
                            view: &view,
                            store: &*store,
                            now,
                            approver: &approver,
                            prefix: &prefix,
                        };
                        triggers::run(&cx, &inc)
                    };
                    jobs.entry(place.clone()).or_default().push(format!(
                        "{} {}: {}",
                        ids,
                        inc.call.as_str(),
                        verdict.status
                    ));
                    for (pid, m) in &verdict.built.marks {
                        let e = matched
                            .entry(pid.clone())
                            .or_insert_with(|| vec![false; m.len()]);
                        for (a, b) in e.iter_mut().zip(m) {
                            *a |= *b;
                        }
                    }
                    for op in &verdict.built.approvals {
                        if let Operation::ProposalUpdate(u) = op {
                            approved_by
                                .entry(u.proposal.to_string())
                                .or_insert_with(|| {
                                    format!("the {} job of {ids}", inc.call.as_str())
                                });
                        }
                    }
                }
            }
        }
        for (p, places) in &todo {
            let id = p["id"].as_str().unwrap_or_default().to_string();
            let by = p["proposer"].as_str().unwrap_or_default().to_string();
            let (approved, reason) = if let Some(job) = approved_by.get(&id) {
                approve_ids.insert(id.clone());
                (true, format!("every operation reproduced by {job}"))
            } else if places
                .iter()
                .all(|pl| jobs.get(pl).is_none_or(|j| j.is_empty()))
            {
                let at: Vec<String> = places
                    .iter()
                    .map(|(s, g, t)| format!("{s} / {g} at {t}"))
                    .collect();
                (false, format!("no stored incidents for {}", at.join(", ")))
            } else {
                let ops = p["proposed_transaction"]["operations"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default();
                let m = matched.get(&id).cloned().unwrap_or_default();
                let missing: Vec<String> = ops
                    .iter()
                    .enumerate()
                    .filter(|(k, _)| !m.get(*k).copied().unwrap_or(false))
                    .map(|(k, o)| op_label(k, o))
                    .collect();
                let ran: Vec<String> = places
                    .iter()
                    .flat_map(|pl| jobs.get(pl).cloned().unwrap_or_default())
                    .collect();
                if missing.is_empty() {
                    (
                        false,
                        format!(
                            "each operation matches some job, but no single job reproduces all of them (jobs: {})",
                            ran.join("; ")
                        ),
                    )
                } else {
                    (
                        false,
                        format!(
                            "not reproduced from the stored incidents: operation {} (jobs: {})",
                            missing.join(", operation "),
                            ran.join("; ")
                        ),
                    )
                }
            };
            report.decisions.push(Decision {
                proposal: id,
                proposer: by,
                approved,
                reason,
            });
        }
        // The approvals, in the node's order of proposals.
        let approver_id: crate::protocol::ids::AccountId =
            crate::protocol::ids::Id::parse(&approver)
                .map_err(|_| EngineError::UnknownAccount(parts.approver.clone()))?;
        let all: Vec<Operation> = base
            .proposals
            .iter()
            .filter_map(|p| p["id"].as_str())
            .filter(|i| approve_ids.contains(*i))
            .filter_map(|i| crate::protocol::ids::Id::parse(i).ok())
            .map(|pid| ProposalUpdate::active_approval(approver_id, pid, true).into())
            .collect();
        // The checkers see, for another witness's proposal, the incidents of the
        // events it touches.
        let mut related: HashMap<String, Vec<Value>> = HashMap::new();
        let checked = !parts.settings.checkers.is_empty();
        for (p, places) in todo.iter().filter(|_| checked) {
            let id = p["id"].as_str().unwrap_or_default().to_string();
            let mut incs = Vec::new();
            for (sport, eg, start) in places {
                if let Some(t) = chain_time(start) {
                    for ids in store.event_ids_at(sport, eg, t)? {
                        incs.extend(store.incidents(&crate::incidents::store::Filter {
                            event: Some(ids),
                            ..Default::default()
                        })?);
                    }
                }
            }
            related.insert(id, incs);
        }
        let vetting = Vetting {
            chain,
            settings: &parts.settings,
            approver: &parts.approver,
            proposer_id: &proposer,
        };
        let vetted = vetting
            .vet(
                store,
                &base.proposals,
                all,
                &|pid| related.get(pid).cloned().unwrap_or_default(),
                now,
            )
            .await?;
        for h in &vetted.held {
            for d in report
                .decisions
                .iter_mut()
                .filter(|d| d.proposal == h.proposal)
            {
                d.approved = false;
                d.reason = format!("on hold since {} (release it to approve)", h.at);
            }
        }
        for (pid, checker, why) in &vetted.refused {
            for d in report.decisions.iter_mut().filter(|d| d.proposal == *pid) {
                d.approved = false;
                d.reason = format!("refused by checker {checker}: {why}");
            }
        }
        report.notes = vetted.notes;
        let all = vetted.kept;
        report.operations = all.clone();
        if !all.is_empty() {
            let out = self.sender.send(all, Wait::No).await?;
            if let Outcome::Refused { refusal, .. } = &out {
                report.notes.push(format!(
                    "the node refused the approvals ({}): {refusal}",
                    refusal.kind()
                ));
            }
            report.sent = Some(out);
        }
        // Keep the node's order of proposals in the report.
        let order: Vec<String> = base
            .proposals
            .iter()
            .filter_map(|p| p["id"].as_str().map(str::to_string))
            .collect();
        report
            .decisions
            .sort_by_key(|d| order.iter().position(|o| *o == d.proposal));
        Ok(report)
    }
}
