//! One job's lookups against a [`ChainView`]: find objects on chain by bos-sync's
//! keys, compare them with its comparators (§5.5), approve matching pending
//! witness proposals (§5.6) or append operations to the job's one proposal
//! (§5.2, relative ids `0.0.N`).

use std::collections::BTreeSet;

use serde_json::Value;

use super::view::{lang, pairs, ChainView};
use crate::protocol::codec::FlatMap;
use crate::protocol::ids::{AccountId, Id};
use crate::protocol::operations::*;
use crate::protocol::types::{Asset, BettingMarketResolution, EventStatus, I18n};
use crate::protocol::{Json, JsonCx, ObjectId, TimePointSec};

/// Errors that end a job (they map to per-call statuses in the triggers).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SyncError {
    /// A sport, event group, rule or asset is not on chain (`related object not found`).
    #[error("{kind} {name:?} is not on chain")]
    NotOnChain { kind: &'static str, name: String },
    #[error("bad id {0:?}")]
    BadId(String),
}

/// Where an object is: on chain, created by op N of this job's proposal, or
/// created inside a pending proposal (its id is then the proposal's).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Ref {
    Chain(String),
    Buffer(usize),
    Pending(String),
}

impl Ref {
    /// The id bos-sync's `get_id` gives.
    pub fn id(&self) -> String {
        match self {
            Ref::Chain(s) | Ref::Pending(s) => s.clone(),
            Ref::Buffer(n) => format!("0.0.{n}"),
        }
    }
    fn object_id(&self) -> Result<ObjectId, SyncError> {
        ObjectId::parse(&self.id()).map_err(|_| SyncError::BadId(self.id()))
    }
}

/// bos-sync's "valid object id": space 1 and not a proposal.
pub fn valid_real(id: &str) -> bool {
    id.starts_with("1.") && !id.starts_with("1.10.")
}

/// What an event should look like.
#[derive(Clone, Debug)]
pub struct EventSpec {
    pub names: I18n,
    pub season: I18n,
    pub start: TimePointSec,
    pub event_group_id: String,
    pub status: Option<EventStatus>,
}

/// What a BMG should look like.
#[derive(Clone, Debug)]
pub struct BmgSpec {
    pub description: I18n,
    pub rules_id: String,
    pub asset_id: String,
}

/// The operations a job built.
#[derive(Clone, Debug, Default)]
pub struct Built {
    /// `proposal_update`s approving pending proposals (the direct transaction).
    pub approvals: Vec<Operation>,
    /// The operations of the job's one proposal, in order.
    pub proposed: Vec<Operation>,
    /// Errors bos-sync logs and swallows (e.g. a child under a pending parent).
    pub notes: Vec<String>,
    /// Per considered pending proposal (its id): which of its operations this
    /// job reproduced.
    pub marks: Vec<(String, Vec<bool>)>,
}

/// A job in progress.
pub struct Job<'a> {
    pub view: &'a ChainView,
    approver: String,
    cx: JsonCx<'a>,
    proposed: Vec<Operation>,
    /// Per considered proposal (index into `view.proposals`): which ops matched.
    map: Vec<(usize, Vec<bool>)>,
    notes: Vec<String>,
}

fn i18n_json(v: &I18n) -> BTreeSet<(String, String)> {
    v.iter().map(|(a, b)| (a.clone(), b.clone())).collect()
}

fn get<'v>(o: &'v Value, a: &str, b: &str) -> Option<&'v Value> {
    o.get(a).or_else(|| o.get(b))
}

fn parent_ok(theirs: Option<&str>, ours: &str) -> bool {
    match theirs {
        Some(t) if valid_real(t) && !ours.starts_with('0') => t == ours,
        _ => true,
    }
}

fn required(o: &Value, sets: &[&[&str]]) -> bool {
    sets.iter().any(|s| s.iter().any(|k| o.get(*k).is_some()))
}

/// Operation `k` of a proposal's transaction (`[id, body]`).
fn proposal_op(p: &Value, k: usize) -> Option<&Value> {
    p["proposed_transaction"]["operations"].get(k)
}

/// `N` of a relative id `0.0.N` (the object operation N of the same proposal creates).
pub fn relative_index(id: &str) -> Option<usize> {
    id.strip_prefix("0.0.").and_then(|n| n.parse().ok())
}

impl<'a> Job<'a> {
    /// Starts a job: only proposals by scheduled witnesses are considered (§5.6).
    pub fn new(view: &'a ChainView, approver_id: &str, prefix: &'a str) -> Job<'a> {
        let map = view
            .proposals
            .iter()
            .enumerate()
            .filter(|(_, p)| {
                p["proposer"]
                    .as_str()
                    .is_some_and(|a| view.witness_accounts.contains(a))
            })
            .map(|(i, p)| {
                let n = p["proposed_transaction"]["operations"]
                    .as_array()
                    .map_or(0, Vec::len);
                (i, vec![false; n])
            })
            .collect();
        Job {
            view,
            approver: approver_id.to_string(),
            cx: JsonCx { prefix },
            proposed: Vec::new(),
            map,
            notes: Vec::new(),
        }
    }

    fn push(&mut self, op: Operation) -> usize {
        self.proposed.push(op);
        self.proposed.len() - 1
    }

    // ---- events -------------------------------------------------------------

    /// bos-sync's event comparator on an object or an operation body.
    pub fn event_eq(&self, spec: &EventSpec, o: &Value) -> bool {
        if !required(
            o,
            &[
                &["event_group_id", "name", "status"],
                &["new_event_group_id", "new_name", "new_status"],
            ],
        ) {
            return false;
        }
        let names = get(o, "name", "new_name").map(pairs).unwrap_or_default();
        let ours = i18n_json(&spec.names);
        if names.is_empty() || ours.is_empty() || names != ours {
            return false;
        }
        let status_ok = match (
            get(o, "status", "new_status").and_then(Value::as_str),
            &spec.status,
        ) {
            (Some(t), Some(s)) => t == s.to_json(&self.cx).as_str().unwrap_or_default(),
            _ => true,
        };
        let st = get(o, "start_time", "new_start_time").and_then(Value::as_str);
        let start_ok = st.is_none_or(|t| t.is_empty() || t == spec.start.to_string());
        let eg = get(o, "event_group_id", "new_event_group_id").and_then(Value::as_str);
        status_ok && start_ok && parent_ok(eg, &spec.event_group_id)
    }

    /// Finds the event on chain as `find_event` does: a name pair in common and
    /// the same start time.
    pub fn find_event(&self, spec: &EventSpec) -> Option<&'a Value> {
        let ours = i18n_json(&spec.names);
        let start = spec.start.to_string();
        self.view.events.iter().find(|e| {
            e["event_group_id"].as_str() == Some(spec.event_group_id.as_str())
                && pairs(&e["name"]).iter().any(|p| ours.contains(p))
                && e["start_time"].as_str() == Some(start.as_str())
        })
    }

    /// `event.update()`: approve or propose the create, or the update when the
    /// chain object differs.
    pub fn event(&mut self, spec: &EventSpec) -> Result<Ref, SyncError> {
        if let Some(e) = self.find_event(spec) {
            let id = e["id"].as_str().unwrap_or_default().to_string();
            if !self.event_eq(spec, e) {
                let ops_eq = |o: &Value, _: &Value| {
                    o["event_id"].as_str() == Some(id.as_str()) && self.event_eq(spec, o)
                };
                let hits = self.matches(57, &ops_eq);
                if self.mark(hits).is_none() {
                    let op = EventUpdate {
                        fee: Asset::core(0),
                        event_id: Id::parse(&id).map_err(|_| SyncError::BadId(id.clone()))?,
                        new_event_group_id: Some(parse(&spec.event_group_id)?),
                        new_name: Some(spec.names.clone()),
                        new_season: Some(spec.season.clone()),
                        new_start_time: Some(spec.start),
                        // python-peerplays drops a status the chain already has.
                        new_status: spec.status.filter(|st| e["status"] != st.to_json(&self.cx)),
                        extensions: Default::default(),
                    };
                    self.push(op.into());
                }
            }
            return Ok(Ref::Chain(id));
        }
        let spec2 = spec.clone();
        let this = &*self;
        let eq = |o: &Value, _: &Value| this.event_eq(&spec2, o);
        let hits: Vec<(usize, usize)> = this.matches(56, &eq);
        if let Some(p) = self.mark(hits) {
            return Ok(Ref::Pending(p));
        }
        let op = EventCreate {
            fee: Asset::core(0),
            name: spec.names.clone(),
            season: spec.season.clone(),
            start_time: Some(spec.start),
            event_group_id: parse(&spec.event_group_id)?,
            extensions: Default::default(),
        };
        Ok(Ref::Buffer(self.push(op.into())))
    }

    /// The pending operations `eq` accepts, as (map index, op index).
    fn matches(&self, op_id: u64, eq: &dyn Fn(&Value, &Value) -> bool) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        for (mi, (pi, _)) in self.map.iter().enumerate() {
            let p = &self.view.proposals[*pi];
            let ops = match p["proposed_transaction"]["operations"].as_array() {
                Some(o) => o,
                None => continue,
            };
            let before = out.len();
            for (k, op) in ops.iter().enumerate() {
                if op[0].as_u64() == Some(op_id) && eq(&op[1], p) {
                    out.push((mi, k));
                }
            }
            if out.len() > before && ops.len() < 2 {
                break;
            }
        }
        out
    }

    fn mark(&mut self, hits: Vec<(usize, usize)>) -> Option<String> {
        let mut first = None;
        for (mi, k) in hits {
            let (pi, marks) = &mut self.map[mi];
            marks[k] = true;
            if first.is_none() {
                first = self.view.proposals[*pi]["id"].as_str().map(str::to_string);
            }
        }
        first
    }

    /// Records an error bos-sync would log and swallow.
    pub fn note(&mut self, n: String) {
        self.notes.push(n);
    }

    /// The description of the first pending witness `betting_market_group_create`
    /// under event `event_id` (or a relative event) with `_dynamic` = `kind` that
    /// `accept` takes (the fuzzy comparator).
    pub fn pending_dynamic(
        &self,
        event_id: &str,
        kind: &str,
        accept: &dyn Fn(&std::collections::BTreeMap<String, String>) -> bool,
    ) -> Option<std::collections::BTreeMap<String, String>> {
        for (pi, _) in &self.map {
            let p = &self.view.proposals[*pi];
            for op in p["proposed_transaction"]["operations"]
                .as_array()
                .into_iter()
                .flatten()
            {
                if op[0].as_u64() != Some(60) {
                    continue;
                }
                let d: std::collections::BTreeMap<String, String> =
                    pairs(&op[1]["description"]).into_iter().collect();
                let ev_ok = parent_ok(op[1]["event_id"].as_str(), event_id);
                if ev_ok && d.get("_dynamic").map(String::as_str) == Some(kind) && accept(&d) {
                    return Some(d);
                }
            }
        }
        None
    }

    // ---- betting market groups ---------------------------------------------

    /// bos-sync's BMG comparator, with the parent check inside a proposal.
    pub fn bmg_eq(
        &self,
        ev: &EventSpec,
        ev_id: &str,
        spec: &BmgSpec,
        o: &Value,
        p: Option<&Value>,
    ) -> bool {
        if !required(
            o,
            &[
                &[
                    "betting_market_group_id",
                    "new_description",
                    "new_event_id",
                    "new_rules_id",
                ],
                &[
                    "betting_market_group_id",
                    "description",
                    "event_id",
                    "rules_id",
                ],
            ],
        ) {
            return false;
        }
        let their_ev = get(o, "event_id", "new_event_id").and_then(Value::as_str);
        if let (Some(t), Some(p)) = (their_ev, p) {
            if let Some(k) = relative_index(t) {
                match proposal_op(p, k) {
                    Some(op) if self.event_eq(ev, &op[1]) => {}
                    _ => return false,
                }
            }
        }
        let d = get(o, "description", "new_description")
            .map(pairs)
            .unwrap_or_default();
        let ours = i18n_json(&spec.description);
        parent_ok(their_ev, ev_id) && !d.is_empty() && d == ours
    }

    /// `bmg.update()` under event `ev`. `None` when it cannot be created (its
    /// event only exists in a pending proposal).
    pub fn bmg(
        &mut self,
        ev: &EventSpec,
        ev_ref: &Ref,
        spec: &BmgSpec,
    ) -> Result<Option<Ref>, SyncError> {
        let en = spec.description.get(&"en".to_string()).cloned();
        if let Ref::Chain(eid) = ev_ref {
            if let Some(g) = self
                .view
                .bmgs_of(eid)
                .find(|g| lang(&g["description"], "en").map(str::to_string) == en)
            {
                let gid = g["id"].as_str().unwrap_or_default().to_string();
                if !self.bmg_eq(ev, eid, spec, g, None) {
                    // On chain but different (§5.3 step 2): approve an equal
                    // pending update, else propose one as bos-sync does.
                    let this = &*self;
                    let eq = |o: &Value, p: &Value| {
                        o["betting_market_group_id"].as_str() == Some(gid.as_str())
                            && this.bmg_eq(ev, eid, spec, o, Some(p))
                    };
                    let hits = this.matches(70, &eq);
                    if self.mark(hits).is_none() {
                        let op = BettingMarketGroupUpdate {
                            fee: Asset::core(0),
                            betting_market_group_id: Id::parse(&gid)
                                .map_err(|_| SyncError::BadId(gid.clone()))?,
                            new_description: Some(spec.description.clone()),
                            new_rules_id: Some(parse(&spec.rules_id)?),
                            status: None,
                            extensions: Default::default(),
                        };
                        self.push(op.into());
                    }
                }
                return Ok(Some(Ref::Chain(gid)));
            }
        }
        let ev_id = ev_ref.id();
        let this = &*self;
        let eq = |o: &Value, p: &Value| this.bmg_eq(ev, &ev_id, spec, o, Some(p));
        let hits = this.matches(60, &eq);
        if let Some(p) = self.mark(hits) {
            return Ok(Some(Ref::Pending(p)));
        }
        if let Ref::Pending(p) = ev_ref {
            self.notes.push(format!(
                "cannot propose BMG {:?}: its event is pending in proposal {p}",
                en.unwrap_or_default()
            ));
            return Ok(None);
        }
        let op = BettingMarketGroupCreate {
            fee: Asset::core(0),
            description: spec.description.clone(),
            event_id: ev_ref.object_id()?,
            rules_id: parse(&spec.rules_id)?,
            asset_id: Id::parse(&spec.asset_id)
                .map_err(|_| SyncError::BadId(spec.asset_id.clone()))?,
            never_in_play: false,
            delay_before_settling: 0,
            extensions: Default::default(),
        };
        Ok(Some(Ref::Buffer(self.push(op.into()))))
    }

    // ---- betting markets ------------------------------------------------------

    #[allow(clippy::too_many_arguments)]
    fn bm_eq(
        &self,
        ev: &EventSpec,
        ev_id: &str,
        bmg: &BmgSpec,
        bmg_id: &str,
        desc: &I18n,
        o: &Value,
        p: Option<&Value>,
    ) -> bool {
        if !required(
            o,
            &[
                &["betting_market_id", "new_description", "new_group_id"],
                &["description", "group_id"],
            ],
        ) {
            return false;
        }
        let their = get(o, "group_id", "new_group_id").and_then(Value::as_str);
        if let (Some(t), Some(p)) = (their, p) {
            if let Some(k) = relative_index(t) {
                match proposal_op(p, k) {
                    Some(op) if self.bmg_eq(ev, ev_id, bmg, &op[1], Some(p)) => {}
                    _ => return false,
                }
            }
        }
        let d = get(o, "description", "new_description")
            .map(pairs)
            .unwrap_or_default();
        parent_ok(their, bmg_id) && !d.is_empty() && d == i18n_json(desc)
    }

    /// `bm.update()` under BMG `bmg_ref`.
    pub fn bm(
        &mut self,
        ev: &EventSpec,
        ev_ref: &Ref,
        bmg: &BmgSpec,
        bmg_ref: &Ref,
        desc: &I18n,
    ) -> Result<Option<Ref>, SyncError> {
        let en = desc.get(&"en".to_string()).cloned();
        if let Ref::Chain(gid) = bmg_ref {
            if let Some(m) = self
                .view
                .bms_of(gid)
                .find(|m| lang(&m["description"], "en").map(str::to_string) == en)
            {
                let mid = m["id"].as_str().unwrap_or_default().to_string();
                let ev_id = ev_ref.id();
                if !self.bm_eq(ev, &ev_id, bmg, gid, desc, m, None) {
                    let this = &*self;
                    let eq = |o: &Value, p: &Value| {
                        o["betting_market_id"].as_str() == Some(mid.as_str())
                            && this.bm_eq(ev, &ev_id, bmg, gid, desc, o, Some(p))
                    };
                    let hits = this.matches(71, &eq);
                    if self.mark(hits).is_none() {
                        let op = BettingMarketUpdate {
                            fee: Asset::core(0),
                            betting_market_id: Id::parse(&mid)
                                .map_err(|_| SyncError::BadId(mid.clone()))?,
                            new_group_id: Some(parse(gid)?),
                            new_description: Some(desc.clone()),
                            new_payout_condition: Some(I18n::default()),
                            extensions: Default::default(),
                        };
                        self.push(op.into());
                    }
                }
                return Ok(Some(Ref::Chain(mid)));
            }
        }
        let (ev_id, bmg_id) = (ev_ref.id(), bmg_ref.id());
        let this = &*self;
        let eq = |o: &Value, p: &Value| this.bm_eq(ev, &ev_id, bmg, &bmg_id, desc, o, Some(p));
        let hits = this.matches(61, &eq);
        if let Some(p) = self.mark(hits) {
            return Ok(Some(Ref::Pending(p)));
        }
        if let Ref::Pending(p) = bmg_ref {
            self.notes.push(format!(
                "cannot propose BM {:?}: its group is pending in proposal {p}",
                en.unwrap_or_default()
            ));
            return Ok(None);
        }
        let op = BettingMarketCreate {
            fee: Asset::core(0),
            group_id: bmg_ref.object_id()?,
            description: desc.clone(),
            payout_condition: FlatMap::default(),
            extensions: Default::default(),
        };
        Ok(Some(Ref::Buffer(self.push(op.into()))))
    }

    // ---- event status and resolution -------------------------------------------

    /// `LookupEventStatus.update()`: nothing when the chain event has `status`
    /// already; else approve a pending identical update or propose one.
    pub fn event_status(
        &mut self,
        event: &Value,
        status: EventStatus,
        scores: &[String],
    ) -> Result<(), SyncError> {
        let st = status.to_json(&self.cx);
        if event["status"] == st {
            return Ok(());
        }
        let id = event["id"].as_str().unwrap_or_default().to_string();
        let sc: Vec<Value> = scores.iter().map(|s| Value::String(s.clone())).collect();
        let eq = |o: &Value, _: &Value| {
            o["event_id"].as_str() == Some(id.as_str())
                && o["status"] == st
                && o["scores"]
                    .as_array()
                    .map(|a| a.iter().map(score_text).collect::<Vec<_>>())
                    == Some(sc.iter().map(score_text).collect())
        };
        let hits = self.matches(72, &eq);
        if self.mark(hits).is_some() {
            return Ok(());
        }
        let op = EventUpdateStatus {
            fee: Asset::core(0),
            event_id: Id::parse(&id).map_err(|_| SyncError::BadId(id.clone()))?,
            status,
            scores: scores.iter().map(|s| Score(s.clone())).collect(),
            extensions: Default::default(),
        };
        self.push(op.into());
        Ok(())
    }

    /// `LookupBettingMarketGroupResolve.update()`: always the "new" path.
    pub fn resolve(
        &mut self,
        bmg_id: &str,
        res: &[(String, BettingMarketResolution)],
    ) -> Result<(), SyncError> {
        let ours: BTreeSet<(String, String)> = res
            .iter()
            .map(|(m, r)| {
                (
                    m.clone(),
                    r.to_json(&self.cx).as_str().unwrap_or_default().to_string(),
                )
            })
            .collect();
        let g = bmg_id.to_string();
        let eq = |o: &Value, _: &Value| {
            let theirs: BTreeSet<(String, String)> = o["resolutions"]
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|p| {
                            Some((p[0].as_str()?.to_string(), p[1].as_str()?.to_string()))
                        })
                        .collect()
                })
                .unwrap_or_default();
            let gid = o["betting_market_group_id"].as_str().unwrap_or_default();
            theirs == ours && (!valid_real(gid) || gid == g)
        };
        let hits = self.matches(63, &eq);
        if self.mark(hits).is_some() {
            return Ok(());
        }
        let mut resolutions = Vec::new();
        for (m, r) in res {
            resolutions.push((Id::parse(m).map_err(|_| SyncError::BadId(m.clone()))?, *r));
        }
        let op = BettingMarketGroupResolve {
            fee: Asset::core(0),
            betting_market_group_id: Id::parse(bmg_id).map_err(|_| SyncError::BadId(g.clone()))?,
            resolutions: FlatMap::new(resolutions),
            extensions: Default::default(),
        };
        self.push(op.into());
        Ok(())
    }

    /// Ends the job: approvals of fully matched proposals the approver has not
    /// approved yet, then the proposal's operations.
    pub fn finish(self) -> Result<Built, SyncError> {
        let approver: AccountId =
            Id::parse(&self.approver).map_err(|_| SyncError::BadId(self.approver.clone()))?;
        let mut approvals = Vec::new();
        for (pi, marks) in &self.map {
            let p = &self.view.proposals[*pi];
            let already = p["available_active_approvals"]
                .as_array()
                .is_some_and(|a| a.iter().any(|x| x.as_str() == Some(self.approver.as_str())));
            if marks.is_empty() || !marks.iter().all(|m| *m) || already {
                continue;
            }
            let pid = p["id"].as_str().unwrap_or_default();
            let pid = Id::parse(pid).map_err(|_| SyncError::BadId(pid.into()))?;
            approvals.push(ProposalUpdate::active_approval(approver, pid, true).into());
        }
        let marks = self
            .map
            .iter()
            .map(|(pi, m)| {
                (
                    self.view.proposals[*pi]["id"]
                        .as_str()
                        .unwrap_or_default()
                        .to_string(),
                    m.clone(),
                )
            })
            .collect();
        Ok(Built {
            approvals,
            proposed: self.proposed,
            notes: self.notes,
            marks,
        })
    }
}

fn score_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn parse(id: &str) -> Result<ObjectId, SyncError> {
    ObjectId::parse(id).map_err(|_| SyncError::BadId(id.to_string()))
}
