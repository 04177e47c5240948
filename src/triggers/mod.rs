//! The per-call logic of bos-auto (spec §4.3-4.6): which incidents suffice, what
//! the chain must hold, and which lookups run. A trigger reads the stored
//! incidents of its event and call and one [`ChainView`], and returns the status
//! the call reaches with the operations built; it never signs or broadcasts.

// Trigger helpers return `Result<_, Verdict>` to stop early with the final
// verdict; it is the job's one result either way, so its size is not a concern.
#![allow(clippy::result_large_err)]

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Duration, Utc};
use serde_json::Value;

use crate::incidents::store::{CallCounts, ResultTally, Status, Store};
use crate::incidents::{Call, Incident};
use crate::protocol::types::{BettingMarketResolution, EventStatus, I18n};
use crate::protocol::TimePointSec;
use crate::sports::{self, Dynamic};
use crate::sync::grading::{format_template, Grading, Outcome};
use crate::sync::job::{BmgSpec, Built, EventSpec, Job, Ref, SyncError};
use crate::sync::naming::{to_i18n, Params};
use crate::sync::states::Machine;
use crate::sync::view::{lang, ChainView};

/// `leadtime` postponement (EventCannotOpenException): 12 h.
pub const POSTPONE_LEADTIME: i64 = 43_200;
/// Too-young dynamic incident (PostPoneIncidentException): 1 h.
pub const POSTPONE_INCIDENT: i64 = 3_600;
/// `conditions.dynamic_bmgs.incident-min-age`.
pub const DYNAMIC_MIN_AGE: i64 = 3_600;

/// What a trigger decided.
#[derive(Clone, Debug)]
pub struct Verdict {
    pub status: Status,
    pub expiration: Option<DateTime<Utc>>,
    /// Why (for the report); empty when `done`.
    pub reason: String,
    pub built: Built,
    /// The event's id on chain (`1.22.x`) when the chain view holds it: the event this
    /// call acted on or looked for.
    pub event: Option<String>,
}

impl Verdict {
    fn status(status: Status, reason: impl Into<String>) -> Verdict {
        Verdict {
            status,
            expiration: None,
            reason: reason.into(),
            built: Built::default(),
            event: None,
        }
    }
}

/// The knobs of bos-auto's `config.yaml` the triggers read (`conditions`,
/// `dynamic`), plus bos's own. [`Settings::default`] is bos-auto's defaults.
#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    /// `dynamic.handicap.fuzzy_value`: spread within which a pending or on-chain
    /// handicap BMG is adopted.
    pub handicap_fuzzy: f64,
    /// `dynamic.overunder.fuzzy_value`.
    pub overunder_fuzzy: f64,
    /// `conditions.dynamic_bmgs.incident-min-age` in seconds.
    pub dynamic_min_age: i64,
    /// Expand multi-asset dynamic BMGs per asset like `create` does (bos's own,
    /// default off: bos-auto's dynamic path fails on multi-asset BMGs and builds
    /// nothing, so such proposals would never be approved by a Python fleet).
    pub expand_dynamic_assets: bool,
    /// `scheduler.expirations.EventCannotOpenException`: seconds an event that may not
    /// open yet (`leadtime`) is postponed.
    pub postpone_leadtime: i64,
    /// `scheduler.expirations.PostPoneIncidentException`: seconds a too-young dynamic
    /// incident is postponed.
    pub postpone_incident: i64,
    /// bos-auto's `midway` guards (§4.3): one betting market may take this long...
    pub bm_budget: std::time::Duration,
    /// ...and a whole `create` this long (checked after each BMG).
    pub create_budget: std::time::Duration,
    /// Approval checkers (config `checkers:`, `--checker`): all must agree before
    /// `bos` approves a proposal.
    pub checkers: Vec<crate::sync::checkers::Checker>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            handicap_fuzzy: 1.0,
            overunder_fuzzy: 1.0,
            dynamic_min_age: DYNAMIC_MIN_AGE,
            expand_dynamic_assets: false,
            postpone_leadtime: POSTPONE_LEADTIME,
            postpone_incident: POSTPONE_INCIDENT,
            bm_budget: std::time::Duration::from_secs(10),
            create_budget: std::time::Duration::from_secs(30),
            checkers: Vec::new(),
        }
    }
}

/// What a trigger runs against.
pub struct Context<'a> {
    pub settings: &'a Settings,
    pub sports: &'a sports::Chain,
    pub view: &'a ChainView,
    pub store: &'a Store,
    pub now: DateTime<Utc>,
    /// The approver's account id (`1.2.x`).
    pub approver: &'a str,
    pub prefix: &'a str,
}

/// A game as the engine names it: bookiesports identifiers, start and season. An
/// incident gives one ([`Game::of`]); `bos propose create-event` gives one from flags.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Game {
    pub sport: String,
    pub event_group: String,
    pub home: String,
    pub away: String,
    pub start: DateTime<Utc>,
    pub season: Option<String>,
}

impl Game {
    /// The game of a normalized incident; `None` without an RFC 3339 start.
    pub fn of(inc: &Incident) -> Option<Game> {
        let start = inc
            .id
            .start_time
            .as_deref()
            .and_then(|s| DateTime::parse_from_rfc3339(s).ok())
            .map(|t| t.with_timezone(&Utc))?;
        Some(Game {
            sport: inc.id.sport.clone(),
            event_group: inc.id.event_group_name.clone(),
            home: inc.id.home.clone(),
            away: inc.id.away.clone(),
            start,
            season: inc
                .arguments()
                .get("season")
                .and_then(Value::as_str)
                .map(str::to_string),
        })
    }
}

struct Event<'a> {
    sport: &'a sports::Sport,
    group: &'a sports::EventGroup,
    home: String,
    away: String,
    start: DateTime<Utc>,
    spec: EventSpec,
}

fn sync_status(e: SyncError) -> Verdict {
    Verdict::status(Status::RelatedObjectNotFound, e.to_string())
}

/// Runs the trigger of `inc.call` (the incident is already stored).
pub fn run(cx: &Context<'_>, inc: &Incident) -> Verdict {
    let Some(game) = Game::of(inc) else {
        return Verdict::status(
            Status::UnhandledException,
            "start_time is missing or not RFC 3339",
        );
    };
    let ev = match event(cx, &game) {
        Ok(e) => e,
        Err(v) => return v,
    };
    let r = match inc.call {
        Call::Create => create(cx, inc, &ev),
        Call::InProgress => simple(cx, inc, &ev, EventStatus::InProgress, 0, true),
        Call::Finish => simple(cx, inc, &ev, EventStatus::Finished, 1, true),
        Call::Canceled => simple(cx, inc, &ev, EventStatus::Canceled, 1, false),
        Call::Result => result(cx, inc, &ev),
        Call::DynamicBmgs => dynamic(cx, inc, &ev),
        _ => Ok(Verdict::status(
            Status::Unknown,
            "call `unknown` is stored, never processed",
        )),
    };
    let mut v = r.unwrap_or_else(|v| v);
    if v.event.is_none() {
        let job = Job::new(cx.view, cx.approver, cx.prefix);
        v.event = job
            .find_event(&ev.spec)
            .and_then(|e| e["id"].as_str())
            .map(str::to_string);
    }
    v
}

fn event<'a>(cx: &Context<'a>, game: &Game) -> Result<Event<'a>, Verdict> {
    let sport = cx
        .sports
        .sports
        .iter()
        .find(|s| s.identifier == game.sport)
        .ok_or_else(|| {
            Verdict::status(
                Status::Unknown,
                format!("sport {:?} is not in bookiesports", game.sport),
            )
        })?;
    let group = sport
        .event_groups
        .iter()
        .find(|g| g.identifier == game.event_group)
        .ok_or_else(|| {
            Verdict::status(
                Status::Unknown,
                format!("event group {:?} is not in bookiesports", game.event_group),
            )
        })?;
    let start = game.start;
    let sid = cx.view.sport_id(&sport.identifier).ok_or_else(|| {
        Verdict::status(
            Status::RelatedObjectNotFound,
            format!("sport {:?} is not on chain", sport.identifier),
        )
    })?;
    let gid = cx
        .view
        .event_group_id(&sid, &group.identifier)
        .ok_or_else(|| {
            Verdict::status(
                Status::RelatedObjectNotFound,
                format!("event group {:?} is not on chain", group.identifier),
            )
        })?;
    let (home, away) = (game.home.clone(), game.away.clone());
    let teams = |n: &str| match n {
        "teams.home" => Some(home.clone()),
        "teams.away" => Some(away.clone()),
        _ => None,
    };
    let mut names = Vec::new();
    for (l, t) in &group.eventscheme {
        let text = format_template(t, &teams)
            .map_err(|e| Verdict::status(Status::UnhandledException, e.to_string()))?;
        names.push((l.clone(), text));
    }
    let season: I18n = match &game.season {
        Some(s) => to_i18n(vec![("en".into(), s.clone())]),
        None => I18n::default(),
    };
    let spec = EventSpec {
        names: to_i18n(names),
        season,
        start: TimePointSec(start.timestamp().clamp(0, u32::MAX as i64) as u32),
        event_group_id: gid,
        status: None,
    };
    Ok(Event {
        sport,
        group,
        home,
        away,
        start,
        spec,
    })
}

/// The event the job's own incident names: its id string computed from its
/// (normalized) id, never a string the incident carries, so a job counts the
/// incidents of the event whose teams and time it would build.
fn event_key(inc: &Incident) -> Result<String, Verdict> {
    crate::incidents::format::id_string(&inc.id)
        .map_err(|e| Verdict::status(Status::UnhandledException, e.to_string()))
}

fn store_err(e: crate::incidents::Error) -> Verdict {
    Verdict::status(Status::UnhandledException, e.to_string())
}

/// Incidents and distinct providers of the event's `call`, counted in the store.
fn counts(cx: &Context<'_>, inc: &Incident, call: Call) -> Result<CallCounts, Verdict> {
    cx.store
        .call_counts(&event_key(inc)?, call)
        .map_err(store_err)
}

fn done(job: Job<'_>) -> Result<Verdict, Verdict> {
    let built = job.finish().map_err(sync_status)?;
    Ok(Verdict {
        status: Status::Done,
        expiration: None,
        reason: String::new(),
        built,
        event: None,
    })
}

/// The BMGs of the event group, expanded per asset (§4.3): `(bmg, asset, description template)`.
fn expanded<'a>(ev: &Event<'a>) -> Vec<(&'a sports::Bmg, String, sports::Names)> {
    let mut out = Vec::new();
    for stem in &ev.group.bmgs {
        let Some(b) = ev.sport.bmgs.get(stem) else {
            continue;
        };
        for a in &b.asset {
            let mut d = b.description.clone();
            if b.asset.len() > 1 {
                for (l, t) in d.iter_mut() {
                    if l == "en" {
                        *t = format!("{t}_{a}");
                    }
                }
            }
            out.push((b, a.clone(), d));
        }
    }
    out
}

fn bmg_spec(
    cx: &Context<'_>,
    ev: &Event<'_>,
    b: &sports::Bmg,
    asset: &str,
    desc: &sports::Names,
    p: &Params,
) -> Result<BmgSpec, Verdict> {
    let rule = ev.sport.rules.get(&b.rules).ok_or_else(|| {
        Verdict::status(
            Status::RelatedObjectNotFound,
            format!("rule {:?} is not in bookiesports", b.rules),
        )
    })?;
    let rname = sports::lang(&rule.name, "en").unwrap_or(&rule.identifier);
    let rules_id = cx.view.rule_id(rname).ok_or_else(|| {
        sync_status(SyncError::NotOnChain {
            kind: "rule",
            name: rname.into(),
        })
    })?;
    let asset_id = cx.view.assets.get(asset).cloned().ok_or_else(|| {
        sync_status(SyncError::NotOnChain {
            kind: "asset",
            name: asset.into(),
        })
    })?;
    let mut d = p
        .substitute(desc)
        .map_err(|e| Verdict::status(Status::UnhandledException, e.to_string()))?;
    match b.dynamic {
        Dynamic::Handicap => {
            d.push(("_dynamic".into(), "hc".into()));
            d.push(("_hch".into(), p.handicaps[0].to_string()));
            d.push(("_hca".into(), p.handicaps[1].to_string()));
        }
        Dynamic::OverUnder => {
            d.push(("_dynamic".into(), "ou".into()));
            d.push(("_ou".into(), p.overunder.to_string()));
        }
        _ => {}
    }
    Ok(BmgSpec {
        description: to_i18n(d),
        rules_id,
        asset_id,
    })
}

fn participant_known(ev: &Event<'_>, name: &str) -> bool {
    ev.sport
        .participants
        .get(&ev.group.participants)
        .is_some_and(|list| {
            list.iter().any(|p| {
                p.normalized() == Some(name)
                    || p.name.iter().any(|(_, n)| n == name)
                    || p.aliases.iter().any(|a| a == name)
            })
        })
}

/// What a `create` of `game` builds, without the trigger's conditions (start in
/// the future, two providers, leadtime): `bos propose create-event`, which names
/// everything exactly as the engine does because it is the same builder.
pub fn plan_create(cx: &Context<'_>, game: &Game) -> Verdict {
    let ev = match event(cx, game) {
        Ok(e) => e,
        Err(v) => return v,
    };
    build_create(cx, &ev, false).unwrap_or_else(|v| v)
}

/// The latest call of this event that reached `done` after `create` (the chain
/// then had the event): a `create` after it, or a missing event after a `result`
/// or `canceled`, is behind the chain, never a reason to build.
fn progressed(cx: &Context<'_>, inc: &Incident, calls: &[Call]) -> Option<Call> {
    let id = inc.id_string.as_deref()?;
    // A dry run's `done` proves nothing about the chain: it broadcast nothing.
    calls.iter().copied().find(|c| {
        cx.store.status(id, c.as_str()).is_ok_and(|s| {
            s.name == Status::Done && s.extra.get("broadcast") != Some(&Value::Bool(false))
        })
    })
}

fn create(cx: &Context<'_>, inc: &Incident, ev: &Event<'_>) -> Result<Verdict, Verdict> {
    let later = [Call::Result, Call::Canceled, Call::Finish, Call::InProgress];
    if let Some(c) = progressed(cx, inc, &later) {
        let job = Job::new(cx.view, cx.approver, cx.prefix);
        if job.find_event(&ev.spec).is_none() {
            return Ok(Verdict::status(
                Status::Superseded,
                format!(
                    "its {} call is done and the event is no longer on chain (settled or canceled, then removed): it is not created again",
                    c.as_str()
                ),
            ));
        }
    }
    if ev.start < cx.now {
        return Ok(Verdict::status(
            Status::CreateTooOld,
            "the event started before now",
        ));
    }
    if counts(cx, inc, Call::Create)?.providers < 2 {
        return Ok(Verdict::status(
            Status::InsufficientIncidents,
            "create needs 2 providers",
        ));
    }
    build_create(cx, ev, true)
}

fn build_create(cx: &Context<'_>, ev: &Event<'_>, leadtime: bool) -> Result<Verdict, Verdict> {
    let mut job = Job::new(cx.view, cx.approver, cx.prefix);
    let mut spec = ev.spec.clone();
    spec.status = Some(EventStatus::Upcoming);
    let on_chain = job.find_event(&spec).cloned();
    match &on_chain {
        None => {
            for t in [&ev.home, &ev.away] {
                if !participant_known(ev, t) {
                    return Ok(Verdict::status(
                        Status::UnhandledExceptionRetryingSoon,
                        format!(
                            "team {t:?} is not a participant of {}",
                            ev.group.participants
                        ),
                    ));
                }
            }
            if leadtime
                && ev.group.leadtime_max.is_some_and(|d| d != 0.0)
                && !ev.group.can_open(ev.start, cx.now)
            {
                let mut v = Verdict::status(Status::Postponed, "leadtime_Max not reached");
                v.expiration = Some(cx.now + Duration::seconds(cx.settings.postpone_leadtime));
                return Ok(v);
            }
        }
        Some(e) => {
            let chain_season = lang(&e["season"], "en").unwrap_or_default();
            if let (Some(ours), false) =
                (spec.season.get(&"en".to_string()), chain_season.is_empty())
            {
                if !ours.contains(chain_season) && !chain_season.contains(ours.as_str()) {
                    return Ok(Verdict::status(
                        Status::UnhandledExceptionRetryingSoon,
                        format!("season {ours:?} does not match the chain's {chain_season:?}"),
                    ));
                }
            }
        }
    }
    let ev_ref = job.event(&spec).map_err(sync_status)?;
    let p = Params::new(&ev.home, &ev.away);
    // bos-auto's time guards (§4.3): whatever is built so far is still
    // broadcast, and the scheduler runs the call again.
    let started = std::time::Instant::now();
    for (b, asset, desc) in expanded(ev) {
        if b.dynamic != Dynamic::No {
            continue;
        }
        let mut p = p.clone();
        if let Some(f) = b.dynamic_allow_float {
            p.allow_float = f;
        }
        let bs = bmg_spec(cx, ev, b, &asset, &desc, &p)?;
        let Some(gref) = job.bmg(&spec, &ev_ref, &bs).map_err(sync_status)? else {
            continue;
        };
        for m in &b.bettingmarkets {
            let t = std::time::Instant::now();
            let d = p
                .substitute(m)
                .map_err(|e| Verdict::status(Status::UnhandledException, e.to_string()))?;
            job.bm(&spec, &ev_ref, &bs, &gref, &to_i18n(d))
                .map_err(sync_status)?;
            if t.elapsed() > cx.settings.bm_budget {
                return midway(
                    job,
                    "one betting market took longer than the per-market budget",
                );
            }
        }
        if started.elapsed() > cx.settings.create_budget {
            return midway(job, "create took longer than its budget");
        }
    }
    done(job)
}

fn midway(job: Job<'_>, why: &str) -> Result<Verdict, Verdict> {
    let mut v = done(job)?;
    v.status = Status::Midway;
    v.reason = format!("{why}; the rest follows when the scheduler runs the call again");
    Ok(v)
}

fn chain_event<'a>(cx: &Context<'a>, inc: &Incident, ev: &Event<'_>) -> Result<&'a Value, Verdict> {
    let mut job = Job::new(cx.view, cx.approver, cx.prefix);
    if let Some(e) = job.find_event(&ev.spec) {
        return Ok(e);
    }
    if let Some(c) = progressed(cx, inc, &[Call::Result, Call::Canceled]) {
        return Err(Verdict::status(
            Status::Superseded,
            format!(
                "the event is no longer on chain and its {} call is done: it was settled or canceled, then removed",
                c.as_str()
            ),
        ));
    }
    // Created (this witness's create is done), yet neither on chain nor pending in a
    // proposal: the chain settled or canceled it and removed it, through another
    // witness's equal proposal or this witness's approval routine, or its proposal
    // expired. Waiting for it (`event missing`) would wait for nothing.
    let created = progressed(cx, inc, &[Call::Create]).is_some();
    let pending = matches!(job.event(&ev.spec), Ok(Ref::Pending(_)));
    if created && !pending {
        let gone = "the event is no longer on chain and no pending proposal creates it: settled or canceled, then removed";
        return Err(match inc.call {
            Call::Result | Call::Canceled => Verdict::status(Status::Done, gone),
            _ => Verdict::status(Status::Superseded, gone),
        });
    }
    Err(Verdict::status(
        Status::EventMissing,
        "the event is not on chain",
    ))
}

/// The state machines over the chain's event and its groups (as the view holds them).
fn machine(cx: &Context<'_>, e: &Value) -> Machine {
    let mut m = Machine::new();
    m.event(e);
    if let Some(id) = e["id"].as_str() {
        for g in cx.view.bmgs_of(id) {
            m.group(g);
        }
    }
    m
}

fn simple(
    cx: &Context<'_>,
    inc: &Incident,
    ev: &Event<'_>,
    status: EventStatus,
    min: usize,
    by_provider: bool,
) -> Result<Verdict, Verdict> {
    let c = counts(cx, inc, inc.call)?;
    let n = if by_provider {
        c.providers
    } else {
        c.incidents
    };
    if n < min as u64 || c.incidents == 0 {
        return Ok(Verdict::status(
            Status::InsufficientIncidents,
            format!("needs {min} incident(s)"),
        ));
    }
    let e = chain_event(cx, inc, ev)?;
    // The chain's state machine first (node spec §4.4): an in_progress for a
    // finished event would be refused on execution.
    if e["status"].as_str() != Some(status.as_str()) {
        let id = e["id"].as_str().unwrap_or_default();
        if let Err(why) = machine(cx, e).set_event(id, status, false) {
            return Ok(Verdict::status(
                Status::Superseded,
                format!("{why}; {} is not proposed", status.as_str()),
            ));
        }
    }
    let mut job = Job::new(cx.view, cx.approver, cx.prefix);
    job.event_status(e, status, &[]).map_err(sync_status)?;
    done(job)
}

/// What the majority rule of §4.5 finds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Majority {
    /// Exactly one result reaches the threshold.
    One(String, String),
    /// None does (`undecided`).
    None,
    /// More than one does (bos-auto crashes: unhandled exception).
    Several,
}

/// The majority rule of §4.5 over a list of votes: each element counts once,
/// threshold 0.51 x the number of distinct results.
pub fn majority(results: &[(String, String)]) -> Majority {
    let mut count: BTreeMap<(String, String), u64> = BTreeMap::new();
    for r in results {
        *count.entry(r.clone()).or_default() += 1;
    }
    majority_of(&count.into_iter().collect::<Vec<_>>())
}

/// The majority rule of §4.5 over counted results: a result is valid when its
/// count reaches 0.51 x the number of distinct results. bos counts the distinct
/// providers that reported each result (bos-auto counted incidents, so one provider
/// that stored a result under several unique strings voted several times).
pub fn majority_of(counted: &[((String, String), u64)]) -> Majority {
    let distinct = counted.iter().filter(|(_, c)| *c > 0).count();
    let threshold = 0.51 * distinct as f64;
    let valid: Vec<_> = counted
        .iter()
        .filter(|(_, c)| *c > 0 && *c as f64 >= threshold)
        .collect();
    match valid.as_slice() {
        [] => Majority::None,
        [(r, _)] => Majority::One(r.0.clone(), r.1.clone()),
        _ => Majority::Several,
    }
}

/// The majority rule's answer from the results that reach the threshold.
fn leaders(tally: ResultTally) -> Majority {
    let mut l = tally.leaders.into_iter();
    match (l.next(), l.next()) {
        (None, _) => Majority::None,
        (Some(((h, a), _)), None) => Majority::One(h, a),
        (Some(_), Some(_)) => Majority::Several,
    }
}

fn result(cx: &Context<'_>, inc: &Incident, ev: &Event<'_>) -> Result<Verdict, Verdict> {
    if counts(cx, inc, Call::Result)?.providers < 2 {
        return Ok(Verdict::status(
            Status::InsufficientIncidents,
            "result needs 2 providers",
        ));
    }
    let tally = cx.store.result_tally(&event_key(inc)?).map_err(store_err)?;
    let (home, away) = match leaders(tally) {
        Majority::One(h, a) => (h, a),
        Majority::None => {
            return Ok(Verdict::status(
                Status::Undecided,
                "no result has a majority",
            ))
        }
        Majority::Several => {
            return Ok(Verdict::status(
                Status::Undecided,
                "two results reach the threshold (bos-auto: unhandled exception)",
            ))
        }
    };
    let e = chain_event(cx, inc, ev)?;
    let eid = e["id"].as_str().unwrap_or_default().to_string();
    let mut job = Job::new(cx.view, cx.approver, cx.prefix);
    // The statuses as they will be after the finish: a group is resolved only when
    // it will be closed (§4.6), never again once graded.
    let mut m = machine(cx, e);
    let mut skipped: Vec<String> = Vec::new();
    let mut resolved: Vec<String> = Vec::new();
    if e["status"].as_str() != Some(EventStatus::Finished.as_str()) {
        if let Err(why) = m.set_event(&eid, EventStatus::Finished, true) {
            return Ok(Verdict::status(
                Status::Superseded,
                format!("{why}; the result is not proposed"),
            ));
        }
    }
    job.event_status(e, EventStatus::Finished, &[home.clone(), away.clone()])
        .map_err(sync_status)?;
    for (b, asset, desc) in expanded(ev) {
        let mut p = Params::new(&ev.home, &ev.away);
        if let Some(f) = b.dynamic_allow_float {
            p.allow_float = f;
        }
        if matches!(b.dynamic, Dynamic::Handicap | Dynamic::OverUnder) {
            let kind = if b.dynamic == Dynamic::Handicap {
                "hc"
            } else {
                "ou"
            };
            if let Some(g) = cx
                .view
                .bmgs_of(&eid)
                .find(|g| lang(&g["description"], "_dynamic") == Some(kind))
            {
                let num = |k: &str| lang(&g["description"], k).and_then(|s| s.parse::<f64>().ok());
                if kind == "hc" {
                    if let Some(h) = num("_hch") {
                        p.set_handicap_home(h);
                    }
                } else if let Some(o) = num("_ou") {
                    p.set_overunder(o);
                }
            }
        }
        let bs = bmg_spec(cx, ev, b, &asset, &desc, &p)?;
        let en = bs.description.get(&"en".to_string()).cloned();
        let Some(g) = cx
            .view
            .bmgs_of(&eid)
            .find(|g| lang(&g["description"], "en").map(str::to_string) == en)
        else {
            continue;
        };
        let gid = g["id"].as_str().unwrap_or_default().to_string();
        let mut bm_ids = Vec::new();
        for m in &b.bettingmarkets {
            let d = p
                .substitute(m)
                .map_err(|e| Verdict::status(Status::UnhandledException, e.to_string()))?;
            let den = d.iter().find(|(l, _)| l == "en").map(|(_, t)| t.clone());
            let id = cx
                .view
                .bms_of(&gid)
                .find(|x| lang(&x["description"], "en").map(str::to_string) == den)
                .and_then(|x| x["id"].as_str())
                .ok_or_else(|| {
                    sync_status(SyncError::NotOnChain {
                        kind: "betting market",
                        name: den.unwrap_or_default(),
                    })
                })?;
            bm_ids.push(id.to_string());
        }
        let rule = cx
            .view
            .rules
            .iter()
            .find(|r| r["id"].as_str() == Some(bs.rules_id.as_str()))
            .and_then(|r| lang(&r["description"], "grading"))
            .ok_or_else(|| {
                sync_status(SyncError::NotOnChain {
                    kind: "grading of rule",
                    name: bs.rules_id.clone(),
                })
            })?;
        let grading = Grading::from_json_text(rule)
            .map_err(|e| Verdict::status(Status::UnhandledException, e.to_string()))?;
        p.result = Some([home.clone(), away.clone()]);
        let outcomes = grading
            .grade(bm_ids.len(), &|n| p.var(n))
            .map_err(|e| Verdict::status(Status::UnhandledException, e.to_string()))?;
        let mut res = Vec::new();
        for (id, o) in bm_ids.into_iter().zip(outcomes) {
            let r = match o {
                Outcome::Win => BettingMarketResolution::Win,
                Outcome::NotWin => BettingMarketResolution::NotWin,
                Outcome::Void | Outcome::Undecided => {
                    return Ok(Verdict::status(
                        Status::Undecided,
                        format!(
                            "grading of {} decides no single outcome for {id} ({o:?})",
                            en.unwrap_or_default()
                        ),
                    ))
                }
            };
            res.push((id, r));
        }
        // Graded or settled: resolved already (by this proposal's twin, executed);
        // the chain has what the result asks for.
        if matches!(m.group_status(&gid), Some("graded" | "settled")) {
            resolved.push(gid.clone());
            continue;
        }
        if let Err(why) = m.resolve(&gid, false) {
            skipped.push(why);
            continue;
        }
        job.resolve(&gid, &res).map_err(sync_status)?;
    }
    let mut v = done(job)?;
    if !resolved.is_empty() {
        v.built.notes.push(format!(
            "already resolved on chain: {}",
            resolved.join(", ")
        ));
    }
    if !skipped.is_empty() {
        if v.built.proposed.is_empty() && v.built.approvals.is_empty() {
            v.status = Status::Superseded;
            v.reason = format!("nothing left to resolve: {}", skipped.join("; "));
        } else {
            v.built
                .notes
                .extend(skipped.into_iter().map(|w| format!("not resolved: {w}")));
        }
    }
    Ok(v)
}

fn dynamic(cx: &Context<'_>, inc: &Incident, ev: &Event<'_>) -> Result<Verdict, Verdict> {
    let ts = inc
        .timestamp
        .as_deref()
        .and_then(|s| DateTime::parse_from_rfc3339(s).ok())
        .map(|t| t.with_timezone(&Utc));
    match ts {
        Some(t) if cx.now - t >= Duration::seconds(cx.settings.dynamic_min_age) => {}
        _ => {
            let mut v = Verdict::status(
                Status::Postponed,
                format!(
                    "dynamic_bmgs incident younger than {} s (conditions.dynamic_bmgs.incident-min-age)",
                    cx.settings.dynamic_min_age
                ),
            );
            v.expiration = Some(cx.now + Duration::seconds(cx.settings.postpone_incident));
            return Ok(v);
        }
    }
    let e = chain_event(cx, inc, ev)?;
    let eid = e["id"].as_str().unwrap_or_default().to_string();
    let ev_ref = Ref::Chain(eid.clone());
    let family = |t: &str| match t {
        "hc" | "1x2_hc" => Some(Dynamic::Handicap),
        "ou" => Some(Dynamic::OverUnder),
        _ => None,
    };
    // Families already on chain for this event.
    let on_chain: Vec<Dynamic> = cx
        .view
        .bmgs_of(&eid)
        .filter_map(|g| lang(&g["description"], "_dynamic").and_then(family))
        .collect();
    // Every dynamic_bmgs incident of the event (all providers), for the medians.
    let entries: Vec<(String, f64, String)> = cx
        .store
        .dynamic_types(&event_key(inc)?)
        .map_err(store_err)?;
    let own: Vec<Value> = inc
        .arguments()
        .get("types")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let mut job = Job::new(cx.view, cx.approver, cx.prefix);
    let mut handled: BTreeSet<String> = BTreeSet::new();
    for t in own {
        let Some(ty) = t["type"].as_str() else {
            continue;
        };
        let Some(fam) = family(ty) else {
            job.note(format!("dynamic type {ty:?} is neither hc, 1x2_hc nor ou"));
            continue;
        };
        if on_chain.contains(&fam) || !handled.insert(ty.to_string()) {
            continue;
        }
        let Some(stem) = ev
            .group
            .bmgs
            .iter()
            .find(|s| ev.sport.bmgs.get(*s).is_some_and(|b| b.dynamic == fam))
        else {
            job.note(format!(
                "no {ty} BMG in event group {}",
                ev.group.identifier
            ));
            continue;
        };
        let b = &ev.sport.bmgs[stem];
        if b.asset.len() > 1 && !cx.settings.expand_dynamic_assets {
            job.note(format!(
                "dynamic BMG {stem} lists {} assets: bos-auto cannot build it (\"Cannot interpret lists!\"), so neither does bos unless dynamic assets are expanded",
                b.asset.len()
            ));
            continue;
        }
        let mut p = Params::new(&ev.home, &ev.away);
        if let Some(f) = b.dynamic_allow_float {
            p.allow_float = f;
        }
        if fam == Dynamic::OverUnder {
            let vals: Vec<f64> = entries
                .iter()
                .filter(|e| e.0 == "ou")
                .map(|e| e.1)
                .collect();
            let Some(m) = median(&vals) else {
                job.note("no over/under values".into());
                continue;
            };
            p.set_overunder(m);
        } else {
            let who = t["participant"].as_str().unwrap_or_default();
            let home_side = if who == ev.home {
                true
            } else if who == ev.away {
                false
            } else {
                job.note(format!("handicap participant {who:?} is neither team"));
                continue;
            };
            let vals: Vec<f64> = entries
                .iter()
                .filter(|e| e.0 == "hc" || e.0 == "1x2_hc")
                .map(|e| {
                    let same = (e.2 == ev.home) == home_side;
                    if same {
                        e.1
                    } else {
                        -e.1
                    }
                })
                .collect();
            let Some(m) = median(&vals) else {
                job.note("no handicap values".into());
                continue;
            };
            let h = round_half_even(m);
            let ok = if home_side {
                p.set_handicap_home(h)
            } else {
                p.set_handicap_away(h)
            };
            if ok.is_none() {
                job.note("a home handicap of 0 (bos-sync crashes here)".into());
                continue;
            }
        }
        // Fuzzy match: a pending witness BMG of the same kind within the spread
        // lends its values (bos-sync's set_dynamic).
        let kind = if fam == Dynamic::Handicap { "hc" } else { "ou" };
        if let Some(d) = job.pending_dynamic(&eid, kind, &|d| {
            let num = |k: &str| d.get(k).and_then(|s| s.parse::<f64>().ok());
            if fam == Dynamic::Handicap {
                matches!((num("_hch"), num("_hca")), (Some(h), Some(a))
                    if (h - p.handicaps[0].as_f64()).abs() <= cx.settings.handicap_fuzzy
                        && (a - p.handicaps[1].as_f64()).abs() <= cx.settings.handicap_fuzzy)
            } else {
                num("_ou").is_some_and(|o| {
                    (o - p.overunder.as_f64()).abs() <= cx.settings.overunder_fuzzy
                })
            }
        }) {
            let num = |k: &str| d.get(k).and_then(|s| s.parse::<f64>().ok());
            if fam == Dynamic::Handicap {
                if let Some(h) = num("_hch") {
                    p.set_handicap_home(h);
                }
            } else if let Some(o) = num("_ou") {
                p.set_overunder(o);
            }
        }
        for (bb, asset, desc) in expanded(ev) {
            if bb.stem != b.stem {
                continue;
            }
            let bs = bmg_spec(cx, ev, b, &asset, &desc, &p)?;
            let Some(gref) = job.bmg(&ev.spec, &ev_ref, &bs).map_err(sync_status)? else {
                continue;
            };
            for m in &b.bettingmarkets {
                let d = p
                    .substitute(m)
                    .map_err(|e| Verdict::status(Status::UnhandledException, e.to_string()))?;
                job.bm(&ev.spec, &ev_ref, &bs, &gref, &to_i18n(d))
                    .map_err(sync_status)?;
            }
        }
    }
    done(job)
}

/// Python's `statistics.median`.
pub fn median(v: &[f64]) -> Option<f64> {
    let mut v = v.to_vec();
    v.sort_by(|a, b| a.total_cmp(b));
    let n = v.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(v[n / 2]),
        _ => Some((v[n / 2 - 1] + v[n / 2]) / 2.0),
    }
}

/// Python's `round(x)`: half to even.
pub fn round_half_even(x: f64) -> f64 {
    let r = x.round();
    if (x - x.trunc()).abs() == 0.5 && r % 2.0 != 0.0 {
        r - x.signum()
    } else {
        r
    }
}

/// One provider's record in the store (Couch Potato's accountability question).
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct ProviderRecord {
    pub provider: String,
    /// Incidents by call.
    pub calls: BTreeMap<String, u64>,
    /// Its result incidents on events whose result was settled (`done`).
    pub results_settled: u64,
    /// ...that agreed with the settled result (the majority rule's pick).
    pub agreed: u64,
    /// ...that did not.
    pub disagreed: u64,
    /// Its result incidents on events not settled (yet): waiting, undecided, ...
    pub results_open: u64,
}

fn result_key(doc: &Value) -> (String, String) {
    let a = &doc["arguments"];
    let s = |k: &str| {
        a[k].as_str()
            .map(str::to_string)
            .unwrap_or_else(|| a[k].to_string())
    };
    (s("home_score"), s("away_score"))
}

/// Per provider: incidents by call, and how often its results agreed with the
/// result the majority rule settled on for events whose `result` call is done.
pub fn provider_records(store: &Store) -> Result<Vec<ProviderRecord>, crate::incidents::Error> {
    let mut by: BTreeMap<String, ProviderRecord> = BTreeMap::new();
    for doc in store.incidents(&crate::incidents::store::Filter::default())? {
        let p = doc["provider_info"]["name"]
            .as_str()
            .unwrap_or("?")
            .to_string();
        let call = doc["call"].as_str().unwrap_or("?").to_string();
        let r = by.entry(p.clone()).or_insert_with(|| ProviderRecord {
            provider: p,
            ..ProviderRecord::default()
        });
        *r.calls.entry(call).or_default() += 1;
    }
    let settled: BTreeSet<String> = store
        .events(Some("result"), Some(Status::Done))?
        .into_iter()
        .map(|e| e.id_string)
        .collect();
    for e in store.events(Some("result"), None)? {
        let list = store.incidents(&crate::incidents::store::Filter {
            event: Some(e.id_string.clone()),
            call: Some(Call::Result),
            ..Default::default()
        })?;
        let keys: Vec<(String, String)> = list.iter().map(result_key).collect();
        let pick = match leaders(store.result_tally(&e.id_string)?) {
            Majority::One(h, a) if settled.contains(&e.id_string) => Some((h, a)),
            _ => None,
        };
        for (doc, k) in list.iter().zip(&keys) {
            let p = doc["provider_info"]["name"].as_str().unwrap_or("?");
            let Some(r) = by.get_mut(p) else { continue };
            match &pick {
                Some(w) => {
                    r.results_settled += 1;
                    if w == k {
                        r.agreed += 1;
                    } else {
                        r.disagreed += 1;
                    }
                }
                None => r.results_open += 1,
            }
        }
    }
    Ok(by.into_values().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn majority_rule_of_bos_auto() {
        let a = ("1", "0");
        let b = ("0", "1");
        let c = ("2", "2");
        let one = Majority::One("1".into(), "0".into());
        assert_eq!(majority(&r(&[a, a])), one);
        assert_eq!(majority(&r(&[a, b])), Majority::None);
        assert_eq!(majority(&r(&[a, a, b])), one);
        assert_eq!(majority(&r(&[a, a, b, b])), Majority::Several);
        assert_eq!(majority(&r(&[a, b, c])), Majority::None);
        assert_eq!(majority(&r(&[("2", "1"), ("02", "1")])), Majority::None);
    }

    #[test]
    fn medians_and_python_rounding() {
        assert_eq!(median(&[8.0]), Some(8.0));
        assert_eq!(median(&[-1.0, -3.0]), Some(-2.0));
        assert_eq!(median(&[3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&[]), None);
        assert_eq!(round_half_even(2.5), 2.0);
        assert_eq!(round_half_even(3.5), 4.0);
        assert_eq!(round_half_even(-2.5), -2.0);
        assert_eq!(round_half_even(-1.4), -1.0);
    }
}
