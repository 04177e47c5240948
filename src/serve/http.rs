//! The HTTP API, compatible with what data proxies and monitors call on bos-auto
//! (bos-pipeline §3): `POST /trigger`, `GET /isalive`, `GET /events`, `GET /events/<id>`,
//! plus `GET /history/<series>`.
//!
//! Every request, whatever its route, first passes the gate: the source address against
//! the allowlist (403, bos-auto's text), then, when provider tokens are configured, a
//! bearer token (401) — `GET /isalive` may answer without one (`isalive_open`), with
//! health figures only. `/trigger` then checks the per-source rate limit (429), the body
//! size (413) and time (408), JSON and the incident schema (400 `Invalid data format`),
//! the client's `id_string` / `unique_string` against the computed ones (400 `Invalid data
//! format`), normalization (400 `Not normalized incident`); then the incident and its
//! job are committed and only then is 200 `{"result": "processing", ...}` sent. A
//! duplicate is accepted and its call evaluated again. Error responses carry bos-auto's
//! plain-text body and the precise reason in the `x-bos-reason` header. `/finalize` and
//! `/finalize/purge` do not exist. The connection limits live in [`super::server`].

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use axum::body::{Body, Bytes};
use axum::extract::{ConnectInfo, Extension, Path, Request, State as AxState};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use serde_json::{json, Value};
use tokio::sync::{mpsc, oneshot};

use super::config::{Allow, RateLimit, ServeConfig};
use super::queue::Queue;
use super::runner::Pending;
use super::Shared;
use crate::incidents::store::Store;
use crate::incidents::{validate, Error as IncError, Intake};

/// Points of one `GET /history` answer when `limit` is not given.
pub const HISTORY_POINTS: usize = 1_000;
/// The most points one `GET /history` answer holds (`limit` above this is refused).
pub const HISTORY_MAX_POINTS: usize = 10_000;
/// The longest time range of one `GET /history` request, in milliseconds (366 days).
pub const HISTORY_MAX_RANGE: i64 = 366 * 86_400_000;

/// Incidents per call in a `GET /events/<id>` answer (the first stored; `incidents_total`
/// counts them all).
pub const EVENT_INCIDENTS: usize = 1_000;

/// `GET /history` pages read at once; more requests wait their turn (up to 30 s).
pub const HISTORY_AT_ONCE: usize = 2;

/// The HTTP handlers' state.
pub struct State {
    allow: Vec<Allow>,
    /// `(provider, SHA-256 of its token)`: compared in constant time, whatever the length.
    tokens: Vec<(String, [u8; 32])>,
    require_token: bool,
    isalive_open: bool,
    body_limit: usize,
    body_timeout: std::time::Duration,
    rate: RateLimit,
    /// `/history` pages being read at once.
    history_slots: tokio::sync::Semaphore,
    buckets: Mutex<HashMap<IpAddr, (f64, Instant)>>,
    intake: Intake,
    writer: mpsc::Sender<Pending>,
    reader: Mutex<(Store, Queue)>,
    shared: Arc<Shared>,
    sports: String,
}

impl State {
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn new(
        config: &ServeConfig,
        allow: Vec<Allow>,
        tokens: Vec<(String, String)>,
        intake: Intake,
        writer: mpsc::Sender<Pending>,
        reader: Store,
        reader_queue: Queue,
        shared: Arc<Shared>,
        sports: String,
    ) -> State {
        State {
            allow,
            tokens: tokens
                .into_iter()
                .map(|(name, token)| (name, token_digest(token.as_bytes())))
                .collect(),
            require_token: config.require_token,
            isalive_open: config.isalive_open,
            body_limit: config.body_limit,
            body_timeout: std::time::Duration::from_secs(config.body_timeout),
            rate: config.rate_limit,
            history_slots: tokio::sync::Semaphore::new(HISTORY_AT_ONCE),
            buckets: Mutex::new(HashMap::new()),
            intake,
            writer,
            reader: Mutex::new((reader, reader_queue)),
            shared,
            sports,
        }
    }

    fn allowed(&self, ip: IpAddr) -> bool {
        self.allow.iter().any(|a| a.contains(ip))
    }

    /// Takes one token from the source's bucket.
    fn rate_ok(&self, ip: IpAddr) -> bool {
        if self.rate.per_second <= 0.0 {
            return true;
        }
        let Ok(mut b) = self.buckets.lock() else {
            return true;
        };
        let now = Instant::now();
        if b.len() > 10_000 {
            b.retain(|_, (_, t)| now.duration_since(*t).as_secs() < 60);
        }
        let e = b.entry(ip).or_insert((self.rate.burst, now));
        let refill = now.duration_since(e.1).as_secs_f64() * self.rate.per_second;
        e.0 = (e.0 + refill).min(self.rate.burst);
        e.1 = now;
        if e.0 >= 1.0 {
            e.0 -= 1.0;
            true
        } else {
            false
        }
    }

    /// Whether requests must carry a token (tokens are configured).
    fn tokens_required(&self) -> bool {
        !self.tokens.is_empty() || self.require_token
    }

    /// The provider a bearer token authenticates (`None`: no Authorization header);
    /// `Err` for a header that is not a known bearer token. Every configured token is
    /// compared, in constant time, by digest.
    fn provider(&self, headers: &HeaderMap) -> Result<Option<String>, &'static str> {
        let Some(h) = headers.get(header::AUTHORIZATION) else {
            return Ok(None);
        };
        let t = h
            .to_str()
            .ok()
            .and_then(bearer)
            .ok_or("the Authorization header is not `Bearer TOKEN`")?;
        let digest = token_digest(t.as_bytes());
        let mut found = None;
        for (name, token) in &self.tokens {
            if constant_time_eq(token, &digest) {
                found = Some(name.clone());
            }
        }
        found.map(Some).ok_or("unknown token")
    }
}

/// The token of an `Authorization: Bearer TOKEN` value; the scheme name is
/// case-insensitive (RFC 9110 §11.1).
fn bearer(value: &str) -> Option<&str> {
    let (scheme, rest) = value.trim_start().split_once(' ')?;
    let token = rest.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then_some(token)
}

fn token_digest(token: &[u8]) -> [u8; 32] {
    use sha2::Digest;
    sha2::Sha256::digest(token).into()
}

/// Compares two digests without an early exit.
fn constant_time_eq(a: &[u8; 32], b: &[u8; 32]) -> bool {
    let diff = a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y));
    std::hint::black_box(diff) == 0
}

/// The provider a request authenticated as (a request extension set by the gate).
#[derive(Clone, Debug)]
struct Authenticated(Option<String>);

/// A plain-text answer (bos-auto's bodies) with the reason in `x-bos-reason`.
fn text(code: StatusCode, body: &'static str, reason: &str) -> Response {
    let mut r = (code, body).into_response();
    let one_line: String = reason
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .take(500)
        .collect();
    if let Ok(v) = HeaderValue::from_str(&one_line) {
        r.headers_mut().insert("x-bos-reason", v);
    }
    r
}

/// The router: every route, the fallback included, behind [`gate`].
pub fn router(state: State, console: Option<Router>) -> Router {
    let state = Arc::new(state);
    let api = Router::new()
        .route("/trigger", get(trigger_get).post(trigger))
        .route("/isalive", get(isalive))
        .route("/events", get(events))
        .route("/events/{id}", get(event))
        .route("/history/{series}", get(history))
        .fallback(|| async { StatusCode::NOT_FOUND })
        .layer(axum::middleware::from_fn_with_state(state.clone(), gate))
        .with_state(state.clone());
    match console {
        // The console has its own operator login (never the providers' tokens), but
        // the same allowlist comes before it.
        Some(c) => api.merge(c.layer(axum::middleware::from_fn_with_state(state, allowlist))),
        None => api,
    }
}

/// A source outside the allowlist: 403, and the connection is closed.
fn refused_source(s: &State, ip: std::net::IpAddr, path: &str) -> Option<Response> {
    if s.allowed(ip) {
        return None;
    }
    tracing::warn!(%ip, %path, "refused source");
    let mut r = text(
        StatusCode::FORBIDDEN,
        "Your IP address is not allowed to post here!",
        &format!("{ip} is not in api_whitelist"),
    );
    r.headers_mut()
        .insert(header::CONNECTION, HeaderValue::from_static("close"));
    Some(r)
}

/// Before the console's routes: the allowlist only.
async fn allowlist(
    AxState(s): AxState<Arc<State>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    req: Request,
    next: Next,
) -> Response {
    match refused_source(&s, peer.ip(), req.uri().path()) {
        Some(r) => r,
        None => next.run(req).await,
    }
}

/// Before any route: the allowlist, then the token when tokens are configured.
async fn gate(
    AxState(s): AxState<Arc<State>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    mut req: Request,
    next: Next,
) -> Response {
    let ip = peer.ip();
    if let Some(r) = refused_source(&s, ip, req.uri().path()) {
        return r;
    }
    let provider = match s.provider(req.headers()) {
        Ok(p) => p,
        Err(why) => {
            tracing::warn!(%ip, "bad token: {why}");
            return unauthorized(why);
        }
    };
    let open = s.isalive_open && req.uri().path() == "/isalive";
    if provider.is_none() && s.tokens_required() && !open {
        return unauthorized("a bearer token is required");
    }
    req.extensions_mut().insert(Authenticated(provider));
    next.run(req).await
}

fn unauthorized(why: &str) -> Response {
    let mut r = text(StatusCode::UNAUTHORIZED, "Invalid token", why);
    r.headers_mut().insert(
        header::WWW_AUTHENTICATE,
        HeaderValue::from_static("Bearer realm=\"bos\""),
    );
    r
}

/// `GET /history/<series>?since=&until=&every=&limit=`: a time series of `bos track`
/// (downsampled with `every`), as `bos history --json` prints it, in pages: at most
/// `limit` points (default [`HISTORY_POINTS`], at most [`HISTORY_MAX_POINTS`]) of a
/// range of at most [`HISTORY_MAX_RANGE`] (without `since`: the last 366 days of the
/// series up to `until`). When more points follow, `next` is the URL of the next page
/// (and `next_since` its `since`).
async fn history(
    AxState(s): AxState<Arc<State>>,
    Path(series): Path<String>,
    axum::extract::Query(q): axum::extract::Query<HashMap<String, String>>,
) -> Response {
    let db = match s.reader.lock() {
        Ok(g) => g.0.path().to_path_buf(),
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    // At most HISTORY_AT_ONCE pages are read and written at a time; the others wait.
    let Ok(Ok(_slot)) = tokio::time::timeout(
        std::time::Duration::from_secs(30),
        s.history_slots.acquire(),
    )
    .await
    else {
        return text(
            StatusCode::SERVICE_UNAVAILABLE,
            "Busy",
            "too many /history requests at once; try again",
        );
    };
    let r = tokio::task::spawn_blocking(move || history_page(&db, &series, &q)).await;
    match r {
        Ok(Ok(body)) => (
            [(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            )],
            body,
        )
            .into_response(),
        Ok(Err((code, e))) => (code, axum::Json(json!({"error": e}))).into_response(),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// One page of `GET /history`, in the order and shape of `bos history --json`.
#[derive(serde::Serialize)]
struct HistoryPage<'a> {
    series: &'a str,
    since: String,
    until: String,
    every: Option<String>,
    points: Vec<HistoryPoint>,
    limit: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    next_since: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    next: Option<String>,
}

#[derive(serde::Serialize)]
struct HistoryPoint {
    time: String,
    ts: i64,
    value: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    min: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    max: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    count: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    last_time: Option<String>,
}

fn history_page(
    db: &std::path::Path,
    series: &str,
    q: &HashMap<String, String>,
) -> Result<Vec<u8>, (StatusCode, String)> {
    use crate::track::{time, Query, TrackError};
    let fail = |e: TrackError| {
        let code =
            StatusCode::from_u16(e.http_status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        (code, e.to_string())
    };
    let bad = |m: String| (StatusCode::BAD_REQUEST, m);
    let limit = match q.get("limit").map(|l| l.trim()).filter(|l| !l.is_empty()) {
        None => HISTORY_POINTS,
        Some(l) => match l.parse::<usize>() {
            Ok(n) if (1..=HISTORY_MAX_POINTS).contains(&n) => n,
            _ => {
                return Err(bad(format!(
                    "limit {l:?}: give a number of points from 1 to {HISTORY_MAX_POINTS}"
                )))
            }
        },
    };
    let get = |k: &str| q.get(k).map(String::as_str);
    let now = chrono::Utc::now().timestamp_millis();
    let mut query =
        Query::parse(series, get("since"), get("until"), get("every"), now).map_err(fail)?;
    let store = crate::track::Store::open(db).map_err(fail)?;
    let (Some(first), Some(last)) = (
        store.first(series).map_err(fail)?,
        store.latest(series).map_err(fail)?,
    ) else {
        return Err(fail(TrackError::UnknownSeries {
            name: series.to_string(),
        }));
    };
    let until = query.until.unwrap_or(last.0);
    let since = query
        .since
        .unwrap_or_else(|| first.0.max(until.saturating_sub(HISTORY_MAX_RANGE)));
    if until.saturating_sub(since) > HISTORY_MAX_RANGE {
        return Err(bad(format!(
            "the range {} .. {} is longer than {}: ask for at most that much per request",
            time::format(since),
            time::format(until),
            time::format_duration(HISTORY_MAX_RANGE)
        )));
    }
    query.since = Some(since);
    query.until = Some(until);
    let mut points = store
        .query_limited(series, since, until, query.every, limit + 1)
        .map_err(fail)?;
    let more = points.len() > limit;
    points.truncate(limit);
    let bucketed = query.every.is_some();
    let mut page = HistoryPage {
        series,
        since: time::format(since),
        until: time::format(until),
        every: query.every.map(time::format_duration),
        points: points
            .iter()
            .map(|p| HistoryPoint {
                time: time::format(p.ts),
                ts: p.ts,
                value: p.last,
                min: bucketed.then_some(p.min),
                max: bucketed.then_some(p.max),
                count: bucketed.then_some(p.count),
                last_time: bucketed.then(|| time::format(p.last_ts)),
            })
            .collect(),
        limit,
        next_since: None,
        next: None,
    };
    drop(points);
    if let (true, Some(p)) = (more, page.points.last()) {
        // The bucket after the last one, or the millisecond after the last sample.
        let next = p.ts.saturating_add(query.every.unwrap_or(1).max(1));
        let mut url = format!(
            "/history/{}?since={}&until={}&limit={limit}",
            url_encode(series),
            url_encode(&time::format(next)),
            url_encode(&time::format(until))
        );
        if let Some(e) = query.every {
            url.push_str(&format!("&every={}", time::format_duration(e)));
        }
        page.next_since = Some(time::format(next));
        page.next = Some(url);
    }
    serde_json::to_vec(&page).map_err(|e| (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))
}

/// Percent-encodes everything but unreserved characters (RFC 3986).
fn url_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The whole body, at most `limit` bytes, within `timeout`.
async fn read_body(
    body: Body,
    limit: usize,
    timeout: std::time::Duration,
) -> Result<Bytes, Response> {
    match tokio::time::timeout(timeout, axum::body::to_bytes(body, limit)).await {
        Ok(Ok(b)) => Ok(b),
        Ok(Err(e)) => {
            let e = e.into_inner();
            let too_large = e.is::<http_body_util::LengthLimitError>();
            Err(if too_large {
                text(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    "Request body too large",
                    &format!("the body is larger than body_limit ({limit} bytes)"),
                )
            } else {
                text(
                    StatusCode::BAD_REQUEST,
                    "Invalid data format",
                    &format!("the body could not be read: {e}"),
                )
            })
        }
        Err(_) => {
            let mut r = text(
                StatusCode::REQUEST_TIMEOUT,
                "Request timeout",
                &format!(
                    "the body did not arrive within body_timeout ({} s)",
                    timeout.as_secs()
                ),
            );
            r.headers_mut()
                .insert(header::CONNECTION, HeaderValue::from_static("close"));
            Err(r)
        }
    }
}

async fn trigger_get() -> StatusCode {
    StatusCode::SERVICE_UNAVAILABLE
}

async fn trigger(
    AxState(s): AxState<Arc<State>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Extension(Authenticated(provider)): Extension<Authenticated>,
    body: Body,
) -> Response {
    let ip = peer.ip();
    if !s.rate_ok(ip) {
        return text(
            StatusCode::TOO_MANY_REQUESTS,
            "Too many requests",
            "per-source rate limit",
        );
    }
    let body = match read_body(body, s.body_limit, s.body_timeout).await {
        Ok(b) => b,
        Err(r) => return r,
    };
    let mut v: Value = match serde_json::from_slice(&body) {
        Ok(v) => v,
        Err(e) => {
            return text(
                StatusCode::BAD_REQUEST,
                "Invalid data format",
                &format!("not JSON: {e}"),
            )
        }
    };
    if let (Some(p), Value::Object(m)) = (&provider, &mut v) {
        let pi = m.entry("provider_info").or_insert_with(|| json!({}));
        if let Value::Object(pi) = pi {
            pi.insert("name".into(), Value::String(p.clone()));
        }
    }
    let inc = match validate::validate(v) {
        Ok(i) => i,
        Err(e) => {
            return text(
                StatusCode::BAD_REQUEST,
                "Invalid data format",
                &e.to_string(),
            )
        }
    };
    if inc.provider.as_deref().is_none_or(str::is_empty) {
        return text(
            StatusCode::BAD_REQUEST,
            "Invalid data format",
            "no provider_info.name",
        );
    }
    let inc = match s.intake.process(inc) {
        Ok(i) => i,
        Err(
            e @ (IncError::Schema { .. }
            | IncError::NotJson { .. }
            | IncError::StringMismatch { .. }),
        ) => {
            return text(
                StatusCode::BAD_REQUEST,
                "Invalid data format",
                &e.to_string(),
            )
        }
        Err(e) => {
            return text(
                StatusCode::BAD_REQUEST,
                "Not normalized incident",
                &e.to_string(),
            )
        }
    };
    let (reply, rx) = oneshot::channel();
    let pending = Pending::new(inc, reply);
    let message = pending.doc.clone();
    if s.writer.send(pending).await.is_err() {
        return text(
            StatusCode::SERVICE_UNAVAILABLE,
            "Unavailable",
            "the service is stopping",
        );
    }
    match rx.await {
        Ok(Ok(id)) => {
            // bos-auto's answer; the message is the stored incident's text as is.
            let body = format!(
                r#"{{"result":"processing","message":{message},"id":"{id}","id_approve":"{id}"}}"#
            );
            (
                [(
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("application/json"),
                )],
                body,
            )
                .into_response()
        }
        Ok(Err(e)) => text(StatusCode::INTERNAL_SERVER_ERROR, "Internal error", &e),
        Err(_) => text(
            StatusCode::SERVICE_UNAVAILABLE,
            "Unavailable",
            "the service is stopping",
        ),
    }
}

/// bos-auto's `/isalive` plus bos's own figures; `full: false` is the view given
/// without a token (`isalive_open`): health figures only, no node address, no errors,
/// no proposals, no incident count.
pub fn isalive_json(
    counts: super::queue::Counts,
    incidents: u64,
    shared: &Shared,
    sports: &str,
    full: bool,
) -> Value {
    use std::sync::atomic::Ordering;
    let v = format!("bos {}", env!("CARGO_PKG_VERSION"));
    let store_problem = shared.store_problem();
    let queue = json!({"status": {
        "default": {"count": counts.waiting},
        "running": {"count": counts.running},
        "failed": {"count": counts.failed},
    }});
    let scheduler = shared.scheduler_running.load(Ordering::SeqCst);
    if !full {
        let connected = shared.node.lock().map(|n| n.connected).unwrap_or(false);
        return json!({
            "versions": {"bos-auto": v, "bos": env!("CARGO_PKG_VERSION")},
            "queue": queue,
            "background": {"scheduler": {"running": scheduler}},
            "node": {"connected": connected},
            "store": {"writable": store_problem.is_none()},
        });
    }
    let node = shared
        .node
        .lock()
        .map(|n| serde_json::to_value(&*n).unwrap_or(Value::Null))
        .unwrap_or(Value::Null);
    let last = shared
        .last_approval
        .lock()
        .map(|l| l.clone().unwrap_or(Value::Null))
        .unwrap_or(Value::Null);
    let mut store = json!({"writable": store_problem.is_none()});
    if let Some(e) = store_problem {
        store["error"] = json!(e);
    }
    json!({
        "versions": {
            "bos-auto": v, "peerplays": v, "bookiesports": format!("{v} ({sports})"),
            "bos-incidents": v, "bos-sync": v, "bos": env!("CARGO_PKG_VERSION"),
        },
        "queue": queue,
        "background": {
            "scheduler": {"running": scheduler},
            "approvals": {"running": shared.approvals_running.load(Ordering::SeqCst), "last": last},
        },
        "node": node,
        "store": store,
        "incidents": incidents,
    })
}

/// `GET /isalive`: 200, or 503 with the same body while the store cannot be written.
async fn isalive(
    AxState(s): AxState<Arc<State>>,
    Extension(Authenticated(provider)): Extension<Authenticated>,
) -> Response {
    let full = provider.is_some() || !s.tokens_required();
    let s2 = s.clone();
    let r = tokio::task::spawn_blocking(move || {
        let g = s2.reader.lock().map_err(|_| "lock".to_string())?;
        let c = g.1.counts().map_err(|e| e.to_string())?;
        let n = g.1.incident_count().map_err(|e| e.to_string())?;
        Ok::<_, String>((c, n))
    })
    .await;
    match r {
        Ok(Ok((c, n))) => {
            let v = isalive_json(c, n, &s.shared, &s.sports, full);
            let code = if v["store"]["writable"] == json!(false) {
                StatusCode::SERVICE_UNAVAILABLE
            } else {
                StatusCode::OK
            };
            (code, axum::Json(v)).into_response()
        }
        Ok(Err(e)) => text(StatusCode::INTERNAL_SERVER_ERROR, "Internal error", &e),
        Err(e) => text(
            StatusCode::INTERNAL_SERVER_ERROR,
            "Internal error",
            &e.to_string(),
        ),
    }
}

async fn events(AxState(s): AxState<Arc<State>>) -> Response {
    let r = tokio::task::spawn_blocking(move || {
        let g = s.reader.lock().map_err(|_| "lock".to_string())?;
        g.1.incident_count().map_err(|e| e.to_string())
    })
    .await;
    match r {
        Ok(Ok(n)) => axum::Json(json!(n)).into_response(),
        Ok(Err(e)) => text(StatusCode::INTERNAL_SERVER_ERROR, "Internal error", &e),
        Err(e) => text(
            StatusCode::INTERNAL_SERVER_ERROR,
            "Internal error",
            &e.to_string(),
        ),
    }
}

async fn event(AxState(s): AxState<Arc<State>>, Path(id): Path<String>) -> Response {
    let id = crate::incidents::format::slugify(&id);
    let r = tokio::task::spawn_blocking(move || {
        let g = s.reader.lock().map_err(|_| None)?;
        g.0.event_bounded(&id, EVENT_INCIDENTS)
            .map_err(|e| match e {
                IncError::EventNotFound { .. } => None,
                other => Some(other.to_string()),
            })
    })
    .await;
    match r {
        Ok(Ok(v)) => axum::Json(v).into_response(),
        Ok(Err(None)) => text(StatusCode::NOT_FOUND, "Not found", "no such event"),
        Ok(Err(Some(e))) => text(StatusCode::INTERNAL_SERVER_ERROR, "Internal error", &e),
        Err(e) => text(
            StatusCode::INTERNAL_SERVER_ERROR,
            "Internal error",
            &e.to_string(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bearer_scheme_in_any_case_and_tokens_by_digest() {
        assert_eq!(bearer("Bearer abc"), Some("abc"));
        assert_eq!(bearer("bearer abc"), Some("abc"));
        assert_eq!(bearer("BEARER   abc  "), Some("abc"));
        assert_eq!(bearer("Basic abc"), None);
        assert_eq!(bearer("Bearer"), None);
        assert_eq!(bearer("Bearer "), None);
        assert_eq!(bearer("Bearerabc"), None);
        let t = token_digest(b"0123456789abcdef0123");
        assert!(constant_time_eq(&t, &token_digest(b"0123456789abcdef0123")));
        // Prefixes, extensions and other lengths compare like any other token: by a
        // digest of fixed length, every byte looked at.
        for other in [&b"0123456789"[..], b"0123456789abcdef01234", b"", b"x"] {
            assert!(!constant_time_eq(&t, &token_digest(other)));
        }
    }

    #[test]
    fn url_encoding_of_next_links() {
        assert_eq!(
            url_encode("node.wss://a/ws.head_lag"),
            "node.wss%3A%2F%2Fa%2Fws.head_lag"
        );
        assert_eq!(
            url_encode("2026-01-31T12:00:00.001Z"),
            "2026-01-31T12%3A00%3A00.001Z"
        );
    }
}
