//! The HTTP API, compatible with what data proxies and monitors call on bos-auto
//! (bos-pipeline §3): `POST /trigger`, `GET /isalive`, `GET /events`, `GET /events/<id>`.
//!
//! `/trigger` checks, in order: the source address against the allowlist (403), the
//! per-source rate limit (429), the bearer token when one is sent or required (401), the
//! body size (413), JSON and the incident schema (400 `Invalid data format`),
//! normalization (400 `Not normalized incident`); then the incident and its job are
//! committed and only then is 200 `{"result": "processing", ...}` sent. A duplicate is
//! accepted and its call evaluated again. Error responses carry bos-auto's plain-text
//! body and the precise reason in the `x-bos-reason` header. `/finalize` and
//! `/finalize/purge` do not exist.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use axum::body::Bytes;
use axum::extract::{ConnectInfo, DefaultBodyLimit, Path, State as AxState};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
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

/// The HTTP handlers' state.
pub struct State {
    allow: Vec<Allow>,
    tokens: Vec<(String, String)>,
    require_token: bool,
    rate: RateLimit,
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
            tokens,
            require_token: config.require_token,
            rate: config.rate_limit,
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

    /// The provider a bearer token authenticates; `Err` for a wrong or missing one.
    fn provider(&self, headers: &HeaderMap) -> Result<Option<String>, &'static str> {
        let Some(h) = headers.get(header::AUTHORIZATION) else {
            return if self.require_token {
                Err("a bearer token is required")
            } else {
                Ok(None)
            };
        };
        let t = h
            .to_str()
            .ok()
            .and_then(|s| s.strip_prefix("Bearer "))
            .map(str::trim)
            .ok_or("the Authorization header is not `Bearer TOKEN`")?;
        let mut found = None;
        for (name, token) in &self.tokens {
            if constant_time_eq(token.as_bytes(), t.as_bytes()) {
                found = Some(name.clone());
            }
        }
        found.map(Some).ok_or("unknown token")
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

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

/// The router; `body_limit` bytes at most per request.
pub fn router(state: State, body_limit: usize) -> Router {
    Router::new()
        .route("/trigger", get(trigger_get).post(trigger))
        .route("/isalive", get(isalive))
        .route("/events", get(events))
        .route("/events/{id}", get(event))
        .route("/history/{series}", get(history))
        .fallback(|| async { StatusCode::NOT_FOUND })
        .layer(DefaultBodyLimit::max(body_limit))
        .with_state(Arc::new(state))
}

/// `GET /history/<series>?since=&until=&every=`: a time series of `bos track`
/// (downsampled with `every`), as `bos history --json` prints it.
async fn history(
    AxState(s): AxState<Arc<State>>,
    Path(series): Path<String>,
    axum::extract::Query(q): axum::extract::Query<HashMap<String, String>>,
) -> Response {
    let db = match s.reader.lock() {
        Ok(g) => g.0.path().to_path_buf(),
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    let r = tokio::task::spawn_blocking(move || {
        crate::track::history_json(
            &db,
            &series,
            q.get("since").map(String::as_str),
            q.get("until").map(String::as_str),
            q.get("every").map(String::as_str),
        )
    })
    .await;
    match r {
        Ok(Ok(v)) => axum::Json(v).into_response(),
        Ok(Err(e)) => {
            let code =
                StatusCode::from_u16(e.http_status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            (code, axum::Json(json!({"error": e.to_string()}))).into_response()
        }
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

async fn trigger_get() -> StatusCode {
    StatusCode::SERVICE_UNAVAILABLE
}

async fn trigger(
    AxState(s): AxState<Arc<State>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Result<Bytes, axum::extract::rejection::BytesRejection>,
) -> Response {
    let ip = peer.ip();
    if !s.allowed(ip) {
        tracing::warn!(%ip, "refused source");
        return text(
            StatusCode::FORBIDDEN,
            "Your IP address is not allowed to post here!",
            &format!("{ip} is not in api_whitelist"),
        );
    }
    if !s.rate_ok(ip) {
        return text(
            StatusCode::TOO_MANY_REQUESTS,
            "Too many requests",
            "per-source rate limit",
        );
    }
    let provider = match s.provider(&headers) {
        Ok(p) => p,
        Err(why) => {
            tracing::warn!(%ip, "bad token: {why}");
            return text(StatusCode::UNAUTHORIZED, "Invalid token", why);
        }
    };
    let body = match body {
        Ok(b) => b,
        Err(e) => {
            let code = e.status();
            let body = if code == StatusCode::PAYLOAD_TOO_LARGE {
                "Request body too large"
            } else {
                "Invalid data format"
            };
            return text(code, body, &e.body_text());
        }
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
    let message = inc.to_json();
    let (reply, rx) = oneshot::channel();
    if s.writer.send(Pending { inc, reply }).await.is_err() {
        return text(
            StatusCode::SERVICE_UNAVAILABLE,
            "Unavailable",
            "the service is stopping",
        );
    }
    match rx.await {
        Ok(Ok(id)) => {
            let id = id.to_string();
            axum::Json(
                json!({"result": "processing", "message": message, "id": id, "id_approve": id}),
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

/// bos-auto's `/isalive` plus bos's own figures.
pub fn isalive_json(
    counts: super::queue::Counts,
    incidents: u64,
    shared: &Shared,
    sports: &str,
) -> Value {
    use std::sync::atomic::Ordering;
    let v = format!("bos {}", env!("CARGO_PKG_VERSION"));
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
    json!({
        "versions": {
            "bos-auto": v, "peerplays": v, "bookiesports": format!("{v} ({sports})"),
            "bos-incidents": v, "bos-sync": v, "bos": env!("CARGO_PKG_VERSION"),
        },
        "queue": {"status": {
            "default": {"count": counts.waiting},
            "running": {"count": counts.running},
            "failed": {"count": counts.failed},
        }},
        "background": {
            "scheduler": {"running": shared.scheduler_running.load(Ordering::SeqCst)},
            "approvals": {"running": shared.approvals_running.load(Ordering::SeqCst), "last": last},
        },
        "node": node,
        "incidents": incidents,
    })
}

async fn isalive(AxState(s): AxState<Arc<State>>) -> Response {
    let s2 = s.clone();
    let r = tokio::task::spawn_blocking(move || {
        let g = s2.reader.lock().map_err(|_| "lock".to_string())?;
        let c = g.1.counts().map_err(|e| e.to_string())?;
        let n = g.1.incident_count().map_err(|e| e.to_string())?;
        Ok::<_, String>((c, n))
    })
    .await;
    match r {
        Ok(Ok((c, n))) => axum::Json(isalive_json(c, n, &s.shared, &s.sports)).into_response(),
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
        g.0.event(&id).map_err(|e| match e {
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
