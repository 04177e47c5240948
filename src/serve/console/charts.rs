//! Charts of what `bos track` and `watch-witness` record in the store: one chart (one
//! value axis) per unit, series named by what they are, redrawn live by the page.

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use super::{harden, need_login, C};
use crate::sync::describe::Namer;

/// The units charted, each on its own chart: key, title, and which series belong to it.
const UNITS: [(&str, &str); 6] = [
    ("missed", "Witness health: missed blocks"),
    (
        "participation",
        "Chain participation (% of the last 128 slots filled)",
    ),
    ("lag", "Node lag (seconds behind the head block)"),
    ("odds", "Market odds (decimal)"),
    (
        "amounts",
        "Offered and matched amounts (smallest asset unit)",
    ),
    ("blocks", "Block numbers"),
];

/// The unit a series is measured in.
fn unit_of(series: &str) -> Option<&'static str> {
    let metric = series.rsplit('.').next().unwrap_or_default();
    Some(
        match (series.split('.').next().unwrap_or_default(), metric) {
            ("witness", "total_missed" | "missed_in_window") => "missed",
            ("chain", "recently_missed_count") => "missed",
            ("chain", "participation") => "participation",
            ("chain", "head_block") | ("witness", "last_confirmed_block") => "blocks",
            ("node", "head_lag") => "lag",
            ("bm", "back_odds" | "lay_odds") => "odds",
            ("bm", "back_amount" | "lay_amount") | ("bmg", "matched") => "amounts",
            _ => return None,
        },
    )
}

/// What a person calls a series: team and market names, not `bm.1.25.0`.
async fn label(n: &mut Namer<'_>, series: &str) -> String {
    let parts: Vec<&str> = series.split('.').collect();
    let metric = parts.last().copied().unwrap_or_default().replace('_', " ");
    match parts.first().copied() {
        Some("bm") if parts.len() == 5 => {
            let id = parts[1..4].join(".");
            let m = n.object(&id).await;
            let market = m
                .as_ref()
                .and_then(|m| crate::sync::view::display_name(m).map(str::to_string));
            let group = match m.as_ref().and_then(|m| m["group_id"].as_str()) {
                Some(g) => n.name(g).await,
                None => None,
            };
            match (market, group) {
                (Some(m), Some(g)) => format!("{m} ({g}): {metric}"),
                (Some(m), None) => format!("{m}: {metric}"),
                _ => format!("market {id}: {metric}"),
            }
        }
        Some("bmg") if parts.len() == 5 => {
            let id = parts[1..4].join(".");
            let g = n.object(&id).await;
            let gname = g
                .as_ref()
                .and_then(|g| crate::sync::view::display_name(g).map(str::to_string));
            let ev = match g.as_ref().and_then(|g| g["event_id"].as_str()) {
                Some(e) => n.name(e).await,
                None => None,
            };
            match (gname, ev) {
                (Some(g), Some(e)) => format!("{g} ({e}): {metric}"),
                (Some(g), None) => format!("{g}: {metric}"),
                _ => format!("group {id}: {metric}"),
            }
        }
        Some("witness") if parts.len() == 3 => format!("witness {}: {metric}", parts[1]),
        Some("chain") => format!("chain: {metric}"),
        Some("node") => {
            let url = series
                .strip_prefix("node.")
                .and_then(|s| s.strip_suffix(".head_lag"))
                .unwrap_or(series);
            format!("node {url}: lag")
        }
        _ => series.to_string(),
    }
}

/// `GET /charts?since=`: one chart per unit with recorded series.
pub(crate) async fn page(
    State(c): State<C>,
    headers: HeaderMap,
    uri: axum::http::Uri,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let who = need_login!(c, headers, uri.to_string());
    let since = q
        .get("since")
        .filter(|s| crate::track::time::parse_duration(s).is_ok())
        .cloned()
        .unwrap_or_else(|| "6h".to_string());
    let series = crate::track::Store::open(&c.db)
        .and_then(|s| s.series())
        .unwrap_or_default();
    let mut charts = Vec::new();
    for (key, title) in UNITS {
        let names: Vec<&str> = series
            .iter()
            .map(|s| s.name.as_str())
            .filter(|s| unit_of(s) == Some(key))
            .collect();
        if !names.is_empty() {
            charts.push(json!({"unit": key, "title": title, "series": names.len()}));
        }
    }
    c.render(
        "charts.html",
        &who,
        json!({"title": "Charts", "page": "charts", "charts": charts, "since": since,
               "ranges": ["1h", "6h", "1d", "7d", "30d"]}),
    )
}

/// `GET /charts/{unit}.svg?since=`: the chart of one unit.
pub(crate) async fn image(
    State(c): State<C>,
    headers: HeaderMap,
    Path(file): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    if c.who(&headers).is_none() {
        return StatusCode::UNAUTHORIZED.into_response();
    }
    let Some(unit) = file
        .strip_suffix(".svg")
        .filter(|u| UNITS.iter().any(|(k, _)| k == u))
    else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let title = UNITS
        .iter()
        .find(|(k, _)| *k == unit)
        .map(|(_, t)| t.to_string());
    let now = crate::track::time::millis(c.clock.now().max(chrono::Utc::now()));
    let since = q
        .get("since")
        .and_then(|s| crate::track::time::parse_duration(s).ok())
        .unwrap_or(6 * 3_600_000);
    let (db, unit_s) = (c.db.clone(), unit.to_string());
    // Reading and downsampling run off the async threads.
    let read = tokio::task::spawn_blocking(move || {
        let store = crate::track::Store::open(&db)?;
        let mut out = Vec::new();
        for s in store.series()? {
            if unit_of(&s.name) != Some(unit_s.as_str()) {
                continue;
            }
            // At most about 600 buckets per chart.
            let every = (since / 600).max(1);
            let pts = store.query(&s.name, s.last - since, s.last.max(now), Some(every))?;
            out.push((s.name, pts));
        }
        Ok::<_, crate::track::TrackError>(out)
    })
    .await;
    let data = match read {
        Ok(Ok(d)) => d,
        Ok(Err(e)) => return (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response(),
        Err(e) => return (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response(),
    };
    let mut n = Namer::new(c.client());
    let mut lines = Vec::new();
    for (name, pts) in data {
        lines.push(crate::track::chart::Line {
            name: label(&mut n, &name).await,
            points: pts.iter().map(|p| (p.ts, p.last)).collect(),
        });
    }
    let o = crate::track::chart::Options {
        width: 1000,
        height: 360,
        title,
    };
    match crate::track::chart::svg(&lines, &o) {
        Ok(svg) => harden(
            (
                StatusCode::OK,
                [(header::CONTENT_TYPE, "image/svg+xml")],
                svg,
            )
                .into_response(),
        ),
        Err(e) => (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response(),
    }
}
