//! The actions: approve, withdraw, hold and release a proposal; the manual
//! intervention cart; Couch Potato incidents.

use std::collections::HashMap;
use std::time::Duration;

use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use serde_json::{json, Value};
use tokio::sync::oneshot;

use super::pages::Tree;
use super::{chain, need_login, see_other, Who, C};
use crate::chain::Wait;
use crate::engine::manual::{Action, Cart, ManualError};
use crate::incidents::intake::ByHand;
use crate::protocol::types::{BettingMarketGroupStatus, EventStatus};
use crate::serve::runner::Pending;
use crate::sync::view::display_name;

fn field<'a>(f: &'a HashMap<String, String>, k: &str) -> &'a str {
    f.get(k).map(|s| s.trim()).unwrap_or_default()
}

fn valid_proposal(id: &str) -> bool {
    id.starts_with("1.10.") && crate::protocol::ObjectId::parse(id).is_ok()
}

/// `POST /proposals/{id}/{approve|withdraw|hold|release}`.
pub(crate) async fn proposal_action(
    State(c): State<C>,
    headers: HeaderMap,
    Path((id, action)): Path<(String, String)>,
    f: super::FormBody,
) -> Response {
    let f = super::fields(f);
    let who = match c.guard(&headers, &f, true) {
        Ok(w) => w,
        Err(r) => return *r,
    };
    if !valid_proposal(&id) {
        c.flash(
            &who,
            "error",
            format!("{id:?} is not a proposal id (1.10.N)"),
        );
        return see_other("/proposals");
    }
    let now = c.clock.now();
    match action.as_str() {
        "approve" | "withdraw" => {
            let add = action == "approve";
            match chain::vote(&c.sender, &c.parts.approver, &id, add).await {
                Ok(sent) => {
                    if add {
                        if let Ok(mut s) = c.store.lock() {
                            let _ = s.release(&id);
                        }
                    }
                    // Give the node a few blocks to execute it.
                    let mut gone = false;
                    if add {
                        for _ in 0..12 {
                            tokio::time::sleep(Duration::from_millis(500)).await;
                            if matches!(chain::pending(c.sender.chain(), &id).await, Ok(None)) {
                                gone = true;
                                break;
                            }
                        }
                    }
                    let what = match (add, gone) {
                        (true, true) => {
                            format!("approved {id}: it had enough approvals and executed")
                        }
                        (true, false) => format!("approved {id} (transaction {})", sent.txid),
                        (false, _) => format!(
                            "withdrew the approval of {} from {id} (transaction {})",
                            c.parts.approver, sent.txid
                        ),
                    };
                    tracing::info!(proposal = %id, "console: {what}");
                    c.flash(&who, "ok", what);
                }
                Err(e) => c.flash(&who, "error", format!("{action} {id}: {e}")),
            }
        }
        "hold" => {
            let note = field(&f, "note");
            let r = c
                .store
                .lock()
                .map_err(|_| "lock".to_string())
                .and_then(|mut s| s.hold(&id, note, now).map_err(|e| e.to_string()));
            match r {
                Ok(()) => {
                    tracing::info!(proposal = %id, "console: held");
                    c.flash(
                        &who,
                        "ok",
                        format!(
                            "{id} is on hold: no approval routine approves it until you release it"
                        ),
                    );
                }
                Err(e) => c.flash(&who, "error", format!("hold {id}: {e}")),
            }
        }
        "release" => {
            let r = c
                .store
                .lock()
                .map_err(|_| "lock".to_string())
                .and_then(|mut s| s.release(&id).map_err(|e| e.to_string()));
            match r {
                Ok(true) => c.flash(
                    &who,
                    "ok",
                    format!("{id} released: the approval routine may approve it again"),
                ),
                Ok(false) => c.flash(&who, "error", format!("{id} was not on hold")),
                Err(e) => c.flash(&who, "error", format!("release {id}: {e}")),
            }
        }
        other => c.flash(&who, "error", format!("no action {other:?}")),
    }
    see_other("/proposals")
}

fn manual_err(e: ManualError) -> String {
    match e {
        ManualError::Refused(m) => format!("refused: {m}"),
        other => other.to_string(),
    }
}

/// Each action of a cart checked again, in order, on a fresh cart (the chain may have
/// moved): `(summary line or refusal, ok)` per action, and the cart.
async fn preview<'a>(c: &'a C, items: &[Action]) -> (Vec<(String, bool)>, Cart<'a>) {
    let mut cart = Cart::new(c.sender.chain());
    let now = c.clock.now();
    let mut out = Vec::new();
    for a in items {
        let before = cart.summary.len();
        match cart.apply(a, Some(c.parts.sports.as_ref()), now).await {
            Ok(()) => out.push((cart.summary[before..].join("; "), true)),
            Err(e) => out.push((manual_err(e), false)),
        }
    }
    (out, cart)
}

/// `GET /manual`: the forms of `bos propose`'s actions and the cart.
pub(crate) async fn manual(
    State(c): State<C>,
    headers: HeaderMap,
    uri: axum::http::Uri,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let who = need_login!(c, headers, uri.to_string());
    let items = c.cart(&who);
    let (lines, cart) = preview(&c, &items).await;
    let ops = cart.ops.len();
    let t = match Tree::load(c.client()).await {
        Ok(t) => t,
        Err(e) => return c.failed(&who, "The node did not answer", e),
    };
    let nm = |v: &Value| display_name(v).unwrap_or("?").to_string();
    let events: Vec<Value> = t
        .events
        .iter()
        .map(|e| json!({"id": e["id"], "name": nm(e), "status": e["status"], "start": e["start_time"]}))
        .collect();
    let bmgs: Vec<Value> = t
        .bmgs
        .iter()
        .map(|b| {
            let ev = t.events.iter().find(|e| e["id"] == b["event_id"]);
            json!({
                "id": b["id"], "name": nm(b), "status": b["status"],
                "event": ev.map(nm),
                "bms": t.bms.iter().filter(|m| m["group_id"] == b["id"]).map(|m| json!({"id": m["id"], "name": nm(m)})).collect::<Vec<_>>(),
            })
        })
        .collect();
    let rules = crate::sync::view::load_rules(c.client())
        .await
        .unwrap_or_default()
        .iter()
        .map(|r| json!({"id": r["id"], "name": nm(r)}))
        .collect::<Vec<_>>();
    c.render(
        "manual.html",
        &who,
        json!({
            "title": "Manual intervention", "page": "manual",
            "cart": lines.iter().map(|(l, ok)| json!({"text": l, "ok": ok})).collect::<Vec<_>>(),
            "ops": ops, "events": events, "bmgs": bmgs, "rules": rules,
            "menus": json!({"sports": sports_menu(&c)}).to_string(),
            "selected": q,
        }),
    )
}

/// Bookiesports as menus: sport -> event groups -> teams.
fn sports_menu(c: &C) -> Value {
    use crate::sports::lang;
    let s = c.parts.sports.as_ref();
    Value::Array(
        s.sports
            .iter()
            .map(|sp| {
                json!({
                    "name": lang(&sp.name, "en").unwrap_or(&sp.identifier),
                    "event_groups": sp.event_groups.iter().map(|eg| json!({
                        "name": lang(&eg.name, "en").unwrap_or(&eg.identifier),
                        "teams": sp.participants.get(&eg.participants).map(|l| l.iter().filter_map(|p| p.normalized()).collect::<Vec<_>>()).unwrap_or_default(),
                    })).collect::<Vec<_>>(),
                })
            })
            .collect(),
    )
}

fn names(f: &HashMap<String, String>) -> Vec<String> {
    field(f, "names")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

/// The action a manual form describes.
fn action_of(f: &HashMap<String, String>) -> Result<Action, String> {
    let start = || {
        let s = field(f, "start");
        let s = if s.len() == 16 {
            format!("{s}:00Z")
        } else {
            s.to_string()
        };
        chrono::DateTime::parse_from_rfc3339(&s)
            .map(|t| t.with_timezone(&chrono::Utc))
            .map_err(|_| format!("start {s:?}: give a time like 2019-01-10T00:30"))
    };
    Ok(match field(f, "action") {
        "event-status" => Action::EventStatus {
            event: field(f, "event").to_string(),
            status: EventStatus::parse(field(f, "status")).ok_or("choose an event status")?,
            scores: match (field(f, "home_score"), field(f, "away_score")) {
                ("", "") => Vec::new(),
                (h, a) if !h.is_empty() && !a.is_empty() => vec![h.to_string(), a.to_string()],
                _ => return Err("give both scores or none".into()),
            },
        },
        "bmg-status" => Action::BmgStatus {
            bmg: field(f, "bmg").to_string(),
            status: BettingMarketGroupStatus::parse(field(f, "status"))
                .ok_or("choose a group status")?,
        },
        "resolve" => {
            let (bmg, win) = field(f, "outcome")
                .split_once('/')
                .map(|(g, w)| (g.to_string(), w.to_string()))
                .ok_or("choose the winning market (or cancel)")?;
            Action::Resolve {
                bmg,
                cancel: win == "cancel",
                win: Some(win).filter(|w| w != "cancel"),
            }
        }
        "create-event" => Action::CreateEvent {
            sport: field(f, "sport").to_string(),
            event_group: field(f, "event_group").to_string(),
            home: field(f, "home").to_string(),
            away: field(f, "away").to_string(),
            start: start()?,
            season: Some(field(f, "season").to_string()).filter(|s| !s.is_empty()),
        },
        "create-bmg" => Action::CreateBmg {
            event: field(f, "event").to_string(),
            names: names(f),
            rules: field(f, "rules").to_string(),
            asset: field(f, "asset").to_string(),
            never_in_play: f.contains_key("never_in_play"),
            delay_before_settling: field(f, "delay").parse().unwrap_or(0),
        },
        "create-bm" => Action::CreateBm {
            group: field(f, "group").to_string(),
            names: names(f),
        },
        "sync-sports" => Action::SyncSports,
        other => return Err(format!("no action {other:?}")),
    })
}

/// `POST /manual/{add|remove|clear|propose}`.
pub(crate) async fn manual_action(
    State(c): State<C>,
    headers: HeaderMap,
    Path(what): Path<String>,
    f: super::FormBody,
) -> Response {
    let f = super::fields(f);
    let who = match c.guard(&headers, &f, true) {
        Ok(w) => w,
        Err(r) => return *r,
    };
    let mut items = c.cart(&who);
    match what.as_str() {
        "add" => match action_of(&f) {
            Ok(a) => {
                items.push(a);
                let (lines, _) = preview(&c, &items).await;
                match lines.last() {
                    Some((l, true)) => {
                        c.flash(&who, "ok", format!("added: {l}"));
                        c.set_cart(&who, items);
                    }
                    Some((l, false)) => c.flash(&who, "error", format!("not added: {l}")),
                    None => {}
                }
            }
            Err(e) => c.flash(&who, "error", e),
        },
        "remove" => {
            if let Some(i) = field(&f, "index")
                .parse::<usize>()
                .ok()
                .filter(|i| *i < items.len())
            {
                items.remove(i);
                c.set_cart(&who, items);
            }
        }
        "clear" => c.set_cart(&who, Vec::new()),
        "propose" => propose(&c, &who, &f, items).await,
        other => c.flash(&who, "error", format!("no action {other:?}")),
    }
    see_other("/manual")
}

async fn propose(c: &C, who: &Who, f: &HashMap<String, String>, items: Vec<Action>) {
    if items.is_empty() {
        return c.flash(who, "error", "the cart is empty");
    }
    let (lines, cart) = preview(c, &items).await;
    if let Some((l, _)) = lines.iter().find(|(_, ok)| !ok) {
        return c.flash(who, "error", format!("nothing proposed: {l}"));
    }
    if cart.ops.is_empty() {
        return c.flash(
            who,
            "error",
            "nothing to propose: the chain already is as the cart says",
        );
    }
    let lifetime: u32 = field(f, "expiration")
        .parse()
        .unwrap_or(86_400)
        .clamp(600, 2_419_200);
    let (sender, parts) = (&c.sender, &c.parts);
    // A proposal to be held: no job or approval round may approve it between its
    // block and its hold.
    let gate = if f.contains_key("hold") {
        Some(c.shared.approvals_gate.write().await)
    } else {
        None
    };
    let r = async {
        let pid = chain::account_id(sender.chain(), &parts.proposer)
            .await
            .map_err(|e| e.to_string())?;
        let head = sender.chain().head().await.map_err(|e| e.to_string())?;
        let op = cart
            .proposal(&pid, head.time, lifetime, None)
            .map_err(manual_err)?;
        chain::send(sender, vec![op], Wait::Block)
            .await
            .map_err(|e| e.to_string())
    }
    .await;
    let sent = match r {
        Ok(s) => s,
        Err(e) => return c.flash(who, "error", format!("not proposed: {e}")),
    };
    let id = sent.created.clone().unwrap_or_default();
    let mut what = format!(
        "proposed {id} ({} operation(s), transaction {})",
        cart.ops.len(),
        sent.txid
    );
    if f.contains_key("hold") && !id.is_empty() {
        let now = c.clock.now();
        if let Ok(mut s) = c.store.lock() {
            if s.hold(&id, "made by hand in the console", now).is_ok() {
                what.push_str("; on hold until you approve or release it");
            }
        }
        drop(gate);
    } else if f.contains_key("approve") && !id.is_empty() {
        match chain::vote(sender, &parts.approver, &id, true).await {
            Ok(_) => what.push_str(&format!("; approved by {}", parts.approver)),
            Err(e) => what.push_str(&format!("; approving it failed: {e}")),
        }
    }
    tracing::info!("console: {what}");
    c.flash(who, "ok", what);
    c.set_cart(who, Vec::new());
}

/// Chain events a Couch Potato incident after `create` can be about, with the
/// teams as the stored incidents (or the event's name) give them.
async fn couch_events(c: &C) -> Result<Vec<Value>, crate::rpc::Error> {
    let t = Tree::load(c.client()).await?;
    let rows = c
        .store
        .lock()
        .map(|s| s.event_rows().unwrap_or_default())
        .unwrap_or_default();
    let mut out = Vec::new();
    for e in &t.events {
        if matches!(e["status"].as_str(), Some("settled" | "canceled")) {
            continue;
        }
        let g = t.groups.iter().find(|g| g["id"] == e["event_group_id"]);
        let s = g.and_then(|g| t.sports.iter().find(|s| s["id"] == g["sport_id"]));
        let en = crate::sync::view::lang(&e["name"], "en")
            .unwrap_or_default()
            .to_string();
        let (home, away) = match t.incidents_of(e, &rows).first() {
            Some(r) => (r.home.clone(), r.away.clone()),
            None => match en.split_once(" @ ") {
                Some((a, h)) => (h.to_string(), a.to_string()),
                None => match en.split_once(" v ").or_else(|| en.split_once(" vs ")) {
                    Some((h, a)) => (h.to_string(), a.to_string()),
                    None => continue,
                },
            },
        };
        out.push(json!({
            "id": e["id"], "name": en, "status": e["status"],
            "start": format!("{}Z", e["start_time"].as_str().unwrap_or_default()),
            "sport": s.and_then(|s| crate::sync::view::lang(&s["name"], "en")),
            "event_group": g.and_then(|g| crate::sync::view::lang(&g["name"], "en")),
            "home": home, "away": away,
        }));
    }
    Ok(out)
}

/// `GET /couch`: the Couch Potato incident form.
pub(crate) async fn couch(
    State(c): State<C>,
    headers: HeaderMap,
    uri: axum::http::Uri,
) -> Response {
    let who = need_login!(c, headers, uri.to_string());
    let events = match couch_events(&c).await {
        Ok(e) => e,
        Err(e) => return c.failed(&who, "The node did not answer", e),
    };
    c.render(
        "couch.html",
        &who,
        json!({
            "title": "Couch Potato", "page": "couch",
            "sports": sports_menu(&c), "events": events,
            "endpoints": c.settings.endpoints,
            "menus": json!({"sports": sports_menu(&c), "events": events}).to_string(),
        }),
    )
}

/// `POST /couch`: builds the incident, queues it in this service (as `POST /trigger`
/// does) and posts it to the chosen other endpoints.
pub(crate) async fn couch_post(
    State(c): State<C>,
    headers: HeaderMap,
    f: super::FormBody,
) -> Response {
    let f = super::fields(f);
    let who = match c.guard(&headers, &f, true) {
        Ok(w) => w,
        Err(r) => return *r,
    };
    let call = field(&f, "call").to_string();
    let mut hand = ByHand {
        call: call.clone(),
        provider: Some(field(&f, "provider"))
            .filter(|p| !p.is_empty())
            .unwrap_or("couch-potato")
            .to_string(),
        ..ByHand::default()
    };
    if call == "create" {
        hand.sport = field(&f, "sport").into();
        hand.event_group = field(&f, "event_group").into();
        hand.home = field(&f, "home").into();
        hand.away = field(&f, "away").into();
        hand.season = Some(field(&f, "season").to_string()).filter(|s| !s.is_empty());
        let s = field(&f, "start");
        let s = if s.len() == 16 {
            format!("{s}:00Z")
        } else {
            s.to_string()
        };
        match chrono::DateTime::parse_from_rfc3339(&s) {
            Ok(t) => hand.start = t.with_timezone(&chrono::Utc),
            Err(_) => {
                c.flash(
                    &who,
                    "error",
                    format!("start {s:?}: give a time like 2019-01-10T00:30"),
                );
                return see_other("/couch");
            }
        }
    } else {
        let events = couch_events(&c).await.unwrap_or_default();
        let Some(e) = events
            .iter()
            .find(|e| e["id"].as_str() == Some(field(&f, "event")))
        else {
            c.flash(&who, "error", "choose an event on chain");
            return see_other("/couch");
        };
        let s = |k: &str| e[k].as_str().unwrap_or_default().to_string();
        hand.sport = s("sport");
        hand.event_group = s("event_group");
        hand.home = s("home");
        hand.away = s("away");
        hand.start = chrono::DateTime::parse_from_rfc3339(&s("start"))
            .map(|t| t.with_timezone(&chrono::Utc))
            .unwrap_or_default();
        if call == "result" {
            hand.scores = Some((
                field(&f, "home_score").into(),
                field(&f, "away_score").into(),
            ));
        }
    }
    let inc = match c.intake.by_hand(&hand, c.clock.now()) {
        Ok(i) => i,
        Err(e) => {
            c.flash(&who, "error", e);
            return see_other("/couch");
        }
    };
    let doc = inc.to_json();
    let us = inc.unique_string.clone().unwrap_or_default();
    let id_string = inc.id_string.clone().unwrap_or_default();
    let mut results = Vec::new();
    if f.contains_key("to_self") {
        let (reply, rx) = oneshot::channel();
        let r = match c.writer.send(Pending::new(inc, reply)).await {
            Ok(()) => match rx.await {
                Ok(Ok(job)) => format!("this service: queued (job {job})"),
                Ok(Err(e)) => format!("this service: not stored: {e}"),
                Err(_) => "this service: stopping".to_string(),
            },
            Err(_) => "this service: stopping".to_string(),
        };
        c.shared.jobs.notify_waiters();
        results.push(r);
    }
    let http = reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .build();
    for (i, ep) in c.settings.endpoints.iter().enumerate() {
        if !f.contains_key(&format!("to_{i}")) {
            continue;
        }
        let url = if ep.trim_end_matches('/').ends_with("/trigger") {
            ep.clone()
        } else {
            format!("{}/trigger", ep.trim_end_matches('/'))
        };
        let r = match &http {
            Ok(h) => match h
                .post(&url)
                .header(reqwest::header::CONTENT_TYPE, "application/json")
                .body(doc.to_string())
                .send()
                .await
            {
                Ok(r) => format!("{url}: HTTP {}", r.status().as_u16()),
                Err(e) => format!("{url}: {e}"),
            },
            Err(e) => format!("{url}: {e}"),
        };
        results.push(r);
    }
    if results.is_empty() {
        c.flash(&who, "error", "choose where to send it");
        return see_other("/couch");
    }
    tracing::info!(incident = %us, "console: Couch Potato incident sent");
    c.flash(
        &who,
        "ok",
        format!("{call} incident {us}: {}", results.join("; ")),
    );
    see_other(&format!("/event/{id_string}"))
}
