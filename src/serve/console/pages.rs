//! The read-only pages: the chain tree, an event with its incident timeline, the
//! pending proposals.

use std::collections::{BTreeMap, HashMap};

use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use chrono::{DateTime, NaiveDateTime, Utc};
use futures_util::future::try_join_all;
use serde_json::{json, Value};

use super::{need_login, C};
use crate::incidents::store::{EventCall, EventRow, Status};
use crate::rpc::Client;
use crate::sync::view::{display_name, lang};

fn arr(v: Value) -> Vec<Value> {
    match v {
        Value::Array(a) => a,
        _ => Vec::new(),
    }
}

fn id(v: &Value) -> String {
    v["id"].as_str().unwrap_or_default().to_string()
}

fn name(v: &Value) -> String {
    display_name(v).unwrap_or("(no name)").to_string()
}

/// A chain time (`2019-01-10T00:30:00`).
fn chain_time(s: &str) -> Option<DateTime<Utc>> {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S")
        .ok()
        .map(|t| t.and_utc())
}

/// The BOS objects on chain: sports, their event groups, events, groups and markets.
pub(crate) struct Tree {
    pub sports: Vec<Value>,
    pub groups: Vec<Value>,
    pub events: Vec<Value>,
    pub bmgs: Vec<Value>,
    pub bms: Vec<Value>,
}

impl Tree {
    /// Reads the whole tree; each level's reads go out together.
    pub async fn load(c: &Client) -> Result<Tree, crate::rpc::Error> {
        let sports = arr(c.db("list_sports", json!([])).await?);
        let groups: Vec<Value> = try_join_all(
            sports
                .iter()
                .map(|s| c.db("list_event_groups", json!([id(s)]))),
        )
        .await?
        .into_iter()
        .flat_map(arr)
        .collect();
        let events: Vec<Value> = try_join_all(
            groups
                .iter()
                .map(|g| c.db("list_events_in_group", json!([id(g)]))),
        )
        .await?
        .into_iter()
        .flat_map(arr)
        .collect();
        let bmgs: Vec<Value> = try_join_all(
            events
                .iter()
                .map(|e| c.db("list_betting_market_groups", json!([id(e)]))),
        )
        .await?
        .into_iter()
        .flat_map(arr)
        .collect();
        let bms: Vec<Value> = try_join_all(
            bmgs.iter()
                .map(|g| c.db("list_betting_markets", json!([id(g)]))),
        )
        .await?
        .into_iter()
        .flat_map(arr)
        .collect();
        Ok(Tree {
            sports,
            groups,
            events,
            bmgs,
            bms,
        })
    }

    fn find<'a>(list: &'a [Value], want: &str) -> Option<&'a Value> {
        list.iter().find(|o| o["id"].as_str() == Some(want))
    }

    /// The sport and event group identifiers of an event.
    fn place(&self, e: &Value) -> (String, String) {
        let g = Tree::find(
            &self.groups,
            e["event_group_id"].as_str().unwrap_or_default(),
        );
        let s =
            g.and_then(|g| Tree::find(&self.sports, g["sport_id"].as_str().unwrap_or_default()));
        (
            s.and_then(|s| lang(&s["name"], "identifier"))
                .unwrap_or_default()
                .to_string(),
            g.and_then(|g| lang(&g["name"], "identifier"))
                .unwrap_or_default()
                .to_string(),
        )
    }

    /// The stored events of a chain event: same sport, event group and start; of
    /// several, those whose teams are both in the event's name.
    pub fn incidents_of<'a>(&self, e: &Value, rows: &'a [EventRow]) -> Vec<&'a EventRow> {
        let (sport, eg) = self.place(e);
        let start = format!("{}Z", e["start_time"].as_str().unwrap_or_default());
        let at: Vec<&EventRow> = rows
            .iter()
            .filter(|r| r.sport == sport && r.event_group == eg && r.start_time == start)
            .collect();
        if at.len() <= 1 {
            return at;
        }
        let names: Vec<String> = e["name"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|p| p[1].as_str().map(str::to_lowercase))
            .collect();
        at.into_iter()
            .filter(|r| {
                names.iter().any(|n| {
                    n.contains(&r.home.to_lowercase()) && n.contains(&r.away.to_lowercase())
                })
            })
            .collect()
    }

    /// The chain event of a stored event, if there is one.
    pub fn event_of(&self, row: &EventRow) -> Option<&Value> {
        self.events
            .iter()
            .find(|e| self.incidents_of(e, std::slice::from_ref(row)).len() == 1)
    }
}

/// Call statuses that need a person to look.
fn bad(s: Status) -> bool {
    matches!(
        s,
        Status::Undecided
            | Status::EventMissing
            | Status::RelatedObjectNotFound
            | Status::ConnectionLost
            | Status::UnhandledException
            | Status::UnhandledExceptionRetryingSoon
            | Status::NotNormalizable
            | Status::CreateTooOld
    )
}

/// Why an event needs attention (empty: it does not).
fn attention(e: &Value, bmgs: &[&Value], calls: &[&EventCall], now: DateTime<Utc>) -> Vec<String> {
    let mut out = Vec::new();
    let status = e["status"].as_str().unwrap_or("upcoming");
    if let Some(t) = e["start_time"].as_str().and_then(chain_time) {
        if status == "upcoming" && now - t > chrono::Duration::minutes(30) {
            out.push(format!(
                "started {} min ago but is still upcoming",
                (now - t).num_minutes()
            ));
        }
    }
    if status == "finished"
        && bmgs
            .iter()
            .any(|g| g["status"].as_str().is_some_and(|s| s == "closed"))
    {
        out.push("finished, but groups are not resolved yet".into());
    }
    for c in calls {
        if bad(c.status.name) {
            let details = c
                .status
                .extra
                .get("details")
                .and_then(Value::as_str)
                .unwrap_or_default();
            out.push(
                format!("{}: {} {}", c.call, c.status.name, details)
                    .trim()
                    .to_string(),
            );
        }
    }
    out
}

fn keep(filter: &str, e: &Value, bmgs: &[&Value], attention: &[String]) -> bool {
    let st = e["status"].as_str().unwrap_or("upcoming");
    let any = |want: &[&str]| {
        bmgs.iter()
            .any(|g| want.contains(&g["status"].as_str().unwrap_or_default()))
    };
    match filter {
        "upcoming" => st == "upcoming",
        "in_play" => st == "in_progress" || any(&["in_play"]),
        "closed" => matches!(st, "finished" | "frozen") || any(&["closed", "frozen"]),
        "graded" => st == "settled" || any(&["graded", "re_grading", "settled"]),
        "attention" => !attention.is_empty(),
        _ => true,
    }
}

const FILTERS: [(&str, &str); 6] = [
    ("all", "all"),
    ("upcoming", "upcoming"),
    ("in_play", "in play"),
    ("closed", "closed"),
    ("graded", "graded"),
    ("attention", "needs attention"),
];

/// `GET /?filter=`: the chain tree.
pub(crate) async fn tree(
    State(c): State<C>,
    headers: HeaderMap,
    uri: axum::http::Uri,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let who = need_login!(c, headers, uri.to_string());
    let filter = q
        .get("filter")
        .map(String::as_str)
        .filter(|f| FILTERS.iter().any(|(k, _)| k == f))
        .unwrap_or("all")
        .to_string();
    let t = match Tree::load(c.client()).await {
        Ok(t) => t,
        Err(e) => return c.failed(&who, "The node did not answer", e),
    };
    let (rows, calls) = {
        let Ok(s) = c.store.lock() else {
            return c.failed(&who, "The store", "lock poisoned");
        };
        (
            s.event_rows().unwrap_or_default(),
            s.events(None, None).unwrap_or_default(),
        )
    };
    let mut by_event: HashMap<&str, Vec<&EventCall>> = HashMap::new();
    for ec in &calls {
        by_event.entry(ec.id_string.as_str()).or_default().push(ec);
    }
    let now = c.clock.now();
    let mut shown_rows = std::collections::HashSet::new();
    let mut sports = Vec::new();
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for s in &t.sports {
        let mut groups = Vec::new();
        for g in t.groups.iter().filter(|g| g["sport_id"] == s["id"]) {
            let mut events = Vec::new();
            for e in t.events.iter().filter(|e| e["event_group_id"] == g["id"]) {
                let bmgs: Vec<&Value> =
                    t.bmgs.iter().filter(|b| b["event_id"] == e["id"]).collect();
                let stored = t.incidents_of(e, &rows);
                let ecalls: Vec<&EventCall> = stored
                    .iter()
                    .flat_map(|r| {
                        by_event
                            .get(r.id_string.as_str())
                            .cloned()
                            .unwrap_or_default()
                    })
                    .collect();
                for r in &stored {
                    shown_rows.insert(r.id_string.clone());
                }
                let att = attention(e, &bmgs, &ecalls, now);
                for (k, _) in FILTERS {
                    if keep(k, e, &bmgs, &att) {
                        *counts.entry(k).or_default() += 1;
                    }
                }
                if !keep(&filter, e, &bmgs, &att) {
                    continue;
                }
                events.push(json!({
                    "id": e["id"], "name": name(e), "status": e["status"],
                    "start": e["start_time"], "scores": e["scores"],
                    "attention": att,
                    "incidents": stored.len(),
                    "bmgs": bmgs.iter().map(|b| json!({
                        "id": b["id"], "name": name(b), "status": b["status"],
                        "bms": t.bms.iter().filter(|m| m["group_id"] == b["id"]).map(|m| json!({
                            "id": m["id"], "name": name(m), "resolution": m["resolution"],
                        })).collect::<Vec<_>>(),
                    })).collect::<Vec<_>>(),
                }));
            }
            if events.is_empty() && filter != "all" {
                continue;
            }
            groups.push(json!({"id": g["id"], "name": name(g), "events": events}));
        }
        if groups.is_empty() && filter != "all" {
            continue;
        }
        sports.push(json!({"id": s["id"], "name": name(s), "groups": groups}));
    }
    // Stored events the chain does not have (yet).
    let orphans: Vec<Value> = rows
        .iter()
        .filter(|r| !shown_rows.contains(&r.id_string))
        .map(|r| {
            let cs = by_event.get(r.id_string.as_str()).cloned().unwrap_or_default();
            json!({
                "id_string": r.id_string, "start": r.start_time, "sport": r.sport,
                "event_group": r.event_group, "home": r.home, "away": r.away,
                "calls": cs.iter().map(|c| json!({"call": c.call, "status": c.status.name.as_str()})).collect::<Vec<_>>(),
                "attention": cs.iter().any(|c| bad(c.status.name)),
            })
        })
        .filter(|o| filter == "all" || (filter == "attention" && o["attention"] == true))
        .collect();
    c.render(
        "tree.html",
        &who,
        json!({
            "title": "Chain", "page": "tree", "sports": sports, "orphans": orphans,
            "filter": filter,
            "filters": FILTERS.iter().map(|(k, l)| json!({"key": k, "label": l, "count": counts.get(k).copied().unwrap_or(0)})).collect::<Vec<_>>(),
        }),
    )
}

/// The incidents of one call, each with whether it agrees with the other providers'
/// (the arguments most providers sent).
fn timeline(call: &str, items: &[&crate::incidents::store::Received]) -> Value {
    let args: Vec<String> = items
        .iter()
        .map(|r| r.doc["arguments"].to_string())
        .collect();
    let mut tally: BTreeMap<&str, usize> = BTreeMap::new();
    for a in &args {
        *tally.entry(a.as_str()).or_default() += 1;
    }
    let top = tally.iter().max_by_key(|(_, n)| **n).map(|(a, _)| *a);
    let providers: std::collections::BTreeSet<&str> =
        items.iter().map(|r| r.provider.as_str()).collect();
    let rows: Vec<Value> = items
        .iter()
        .zip(&args)
        .map(|(r, a)| {
            let agreement = if providers.len() < 2 {
                "only provider"
            } else if Some(a.as_str()) == top && tally.len() == 1 {
                "agrees"
            } else if Some(a.as_str()) == top {
                "with the majority"
            } else {
                "DIFFERS"
            };
            json!({
                "received": r.received, "provider": r.provider,
                "data": if r.doc["arguments"].as_object().is_some_and(|m| m.is_empty()) { "(no arguments)".to_string() } else { a.clone() },
                "timestamp": r.doc["timestamp"], "unique_string": r.doc["unique_string"],
                "agreement": agreement,
            })
        })
        .collect();
    json!({"call": call, "incidents": rows, "providers": providers.len()})
}

/// `GET /event/{id}`: a chain event (`1.22.N`) or a stored one (its id string).
pub(crate) async fn event(
    State(c): State<C>,
    headers: HeaderMap,
    uri: axum::http::Uri,
    Path(key): Path<String>,
) -> Response {
    let who = need_login!(c, headers, uri.to_string());
    let t = match Tree::load(c.client()).await {
        Ok(t) => t,
        Err(e) => return c.failed(&who, "The node did not answer", e),
    };
    let rows = match c.store.lock() {
        Ok(s) => s.event_rows().unwrap_or_default(),
        Err(_) => return c.failed(&who, "The store", "lock poisoned"),
    };
    let (chain_event, stored): (Option<Value>, Vec<EventRow>) = if key.starts_with("1.22.") {
        let Some(e) = Tree::find(&t.events, &key) else {
            return c.failed(
                &who,
                "No such event",
                format!("{key} is not on chain (settled events are removed)"),
            );
        };
        let st = t.incidents_of(e, &rows).into_iter().cloned().collect();
        (Some(e.clone()), st)
    } else {
        let Some(r) = rows.iter().find(|r| r.id_string == key) else {
            return c.failed(
                &who,
                "No such event",
                format!("no stored incidents for {key}"),
            );
        };
        (t.event_of(r).cloned(), vec![r.clone()])
    };
    let mut calls = Vec::new();
    let mut statuses = Vec::new();
    {
        let Ok(s) = c.store.lock() else {
            return c.failed(&who, "The store", "lock poisoned");
        };
        for r in &stored {
            let tl = s.timeline(&r.id_string).unwrap_or_default();
            let mut by_call: BTreeMap<String, Vec<&crate::incidents::store::Received>> =
                BTreeMap::new();
            for i in &tl {
                by_call.entry(i.call.clone()).or_default().push(i);
            }
            for (call, items) in &by_call {
                calls.push(timeline(call, items));
            }
            for ec in s
                .events(None, None)
                .unwrap_or_default()
                .into_iter()
                .filter(|e| e.id_string == r.id_string)
            {
                let x = &ec.status.extra;
                let proposals: Vec<Value> = x
                    .get("proposals")
                    .and_then(Value::as_array)
                    .cloned()
                    .unwrap_or_default()
                    .into_iter()
                    .zip(
                        x.get("actions")
                            .and_then(Value::as_array)
                            .cloned()
                            .unwrap_or_default()
                            .into_iter()
                            .chain(std::iter::repeat(Value::Null)),
                    )
                    .map(|(p, a)| json!({"id": p, "action": a}))
                    .collect();
                statuses.push(json!({
                    "call": ec.call, "status": ec.status.name.as_str(),
                    "details": x.get("details"), "proposals": proposals,
                    "expiration": ec.status.expiration.map(|t| t.to_rfc3339()),
                    "updated": ec.updated.format("%Y-%m-%d %H:%M:%S").to_string(),
                    "incidents": ec.incidents, "providers": ec.providers,
                    "bad": bad(ec.status.name),
                }));
            }
        }
    }
    // The chain side: groups and markets, and pending proposals touching them.
    let mut chain = Value::Null;
    let mut pending = Vec::new();
    if let Some(e) = &chain_event {
        let eid = id(e);
        let g = Tree::find(&t.groups, e["event_group_id"].as_str().unwrap_or_default());
        let s = g.and_then(|g| Tree::find(&t.sports, g["sport_id"].as_str().unwrap_or_default()));
        let bmgs: Vec<&Value> = t.bmgs.iter().filter(|b| b["event_id"] == e["id"]).collect();
        let mut ids: Vec<String> = vec![eid.clone()];
        ids.extend(bmgs.iter().map(|b| id(b)));
        ids.extend(
            t.bms
                .iter()
                .filter(|m| bmgs.iter().any(|b| b["id"] == m["group_id"]))
                .map(id),
        );
        chain = json!({
            "id": eid, "name": name(e), "status": e["status"], "start": e["start_time"],
            "scores": e["scores"],
            "group": g.map(|g| json!({"id": g["id"], "name": name(g)})),
            "sport": s.map(|s| json!({"id": s["id"], "name": name(s)})),
            "bmgs": bmgs.iter().map(|b| json!({
                "id": b["id"], "name": name(b), "status": b["status"],
                "bms": t.bms.iter().filter(|m| m["group_id"] == b["id"]).map(|m| json!({"id": m["id"], "name": name(m), "resolution": m["resolution"]})).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
        });
        if let Ok(ps) = c
            .client()
            .db("get_proposed_transactions", json!(["1.2.1"]))
            .await
        {
            for p in arr(ps) {
                let text = p["proposed_transaction"].to_string();
                if ids.iter().any(|i| text.contains(&format!("\"{i}\""))) {
                    let d = crate::sync::describe::describe(c.client(), &p).await;
                    pending.push(json!({"id": p["id"], "words": d["words"]}));
                }
            }
        }
    }
    let title = chain_event
        .as_ref()
        .map(name)
        .or_else(|| stored.first().map(|r| format!("{} @ {}", r.away, r.home)))
        .unwrap_or_default();
    c.render(
        "event.html",
        &who,
        json!({
            "title": title, "page": "tree", "chain": chain, "stored": stored,
            "calls": calls, "statuses": statuses, "pending": pending,
        }),
    )
}

/// `GET /proposals`: the pending witness proposals, in words.
pub(crate) async fn proposals(
    State(c): State<C>,
    headers: HeaderMap,
    uri: axum::http::Uri,
) -> Response {
    let who = need_login!(c, headers, uri.to_string());
    let client = c.client();
    let ps = match client
        .db("get_proposed_transactions", json!(["1.2.1"]))
        .await
    {
        Ok(v) => arr(v),
        Err(e) => return c.failed(&who, "The node did not answer", e),
    };
    let me = super::chain::account_id(c.sender.chain(), &c.parts.approver)
        .await
        .unwrap_or_default();
    let mut out = Vec::new();
    for p in &ps {
        let mut d = crate::sync::describe::describe(client, p).await;
        d["mine"] = json!(p["available_active_approvals"]
            .as_array()
            .is_some_and(|l| l.iter().any(|x| x.as_str() == Some(me.as_str()))));
        out.push(d);
    }
    if let Ok(s) = c.store.lock() {
        for d in &mut out {
            crate::sync::describe::annotate(d, &s);
        }
    }
    c.render(
        "proposals.html",
        &who,
        json!({"title": "Proposals", "page": "proposals", "proposals": out}),
    )
}
