//! The console: bos-mint, Couch Potato and the charts in a browser, served by `bos serve`
//! on its own listener at `/`.
//!
//! Pages are rendered on the server (minijinja templates embedded in the binary, with
//! HTML escaping), with a little plain JavaScript (`assets/console.js`) for the live
//! charts and the Couch Potato menus; every asset is embedded, so the console works on a
//! machine without internet.
//!
//! Security: every page and action needs the operator's login (a password or token set
//! for the console only, kept as its SHA-256 digest and compared in constant time;
//! never rendered or logged). A login gives a session cookie (`HttpOnly`,
//! `SameSite=Strict`) and a per-session anti-forgery token that every form carries; a
//! POST without it (or from another origin) answers 403, anything without a session 401.
//! In read-only mode (or when the service may not broadcast) no action is offered and
//! every action answers 403. Responses forbid framing, caching and inline scripts.
//!
//! What the actions do is the library's: approvals and proposals go through
//! [`chain`] (one seam, over the service's [`crate::chain::Sender`]), the cart is
//! [`crate::engine::manual::Cart`], proposal texts
//! come from [`crate::sync::describe`], charts from [`crate::track`].

pub mod chain;
mod charts;
mod forms;
mod pages;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use tokio::sync::mpsc;

use super::runner::Pending;
use super::{RunningClock, Shared};
use crate::chain::Sender;
use crate::engine::manual::Action;
use crate::engine::Parts;
use crate::incidents::store::Store;
use crate::incidents::Intake;

/// Idle sessions end after this long.
const SESSION_IDLE: Duration = Duration::from_secs(12 * 3600);
/// At most this many sessions live at once (the oldest go first).
const MAX_SESSIONS: usize = 64;
const COOKIE: &str = "bos_console";
const LOGIN_COOKIE: &str = "bos_login";

/// The console's password or token, kept only as its SHA-256 digest.
#[derive(Clone)]
pub struct Secret([u8; 32]);

impl Secret {
    /// From the password as typed (surrounding whitespace and a final newline of a
    /// file are not part of it). `None` for an empty one.
    pub fn new(password: &str) -> Option<Secret> {
        let p = password.trim();
        if p.is_empty() {
            return None;
        }
        Some(Secret(Sha256::digest(p.as_bytes()).into()))
    }

    /// Whether `attempt` is the password (constant time in its content).
    pub fn matches(&self, attempt: &str) -> bool {
        let d: [u8; 32] = Sha256::digest(attempt.trim().as_bytes()).into();
        constant_time_eq(&d, &self.0)
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(..)")
    }
}

/// How the console runs.
#[derive(Clone, Debug)]
pub struct Settings {
    pub password: Secret,
    /// No actions: pages only.
    pub read_only: bool,
    /// Other `/trigger` endpoints Couch Potato incidents are posted to (besides this service).
    pub endpoints: Vec<String>,
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// A fresh random token (session ids, anti-forgery tokens): 32 bytes, hex.
fn token() -> String {
    let mut b = [0u8; 32];
    if getrandom::getrandom(&mut b).is_err() {
        // No randomness: a token nobody can guess is impossible; refuse every login.
        return String::new();
    }
    hex::encode(b)
}

struct Session {
    csrf: String,
    last: Instant,
    cart: Vec<Action>,
    flash: Vec<(String, String)>,
}

/// The caller's session, as a handler sees it.
pub(crate) struct Who {
    id: String,
    csrf: String,
    flash: Vec<(String, String)>,
}

/// The console's state.
pub(crate) struct Console {
    settings: Settings,
    read_only: Option<String>,
    /// The service's sender (the proposer's and the approver's keys): every
    /// transaction the console makes goes through it, via [`chain`].
    sender: Sender,
    /// The sports data and the accounts the service acts as.
    parts: Parts,
    store: Mutex<Store>,
    db: PathBuf,
    shared: Arc<Shared>,
    clock: RunningClock,
    writer: mpsc::Sender<Pending>,
    intake: Intake,
    sessions: Mutex<HashMap<String, Session>>,
    env: minijinja::Environment<'static>,
}

type C = Arc<Console>;

impl Console {
    /// The node the service talks to.
    fn client(&self) -> &crate::rpc::Client {
        self.sender.chain().client()
    }
}

fn templates() -> minijinja::Environment<'static> {
    let mut env = minijinja::Environment::new();
    for (name, src) in [
        ("base.html", include_str!("templates/base.html")),
        ("login.html", include_str!("templates/login.html")),
        ("tree.html", include_str!("templates/tree.html")),
        ("event.html", include_str!("templates/event.html")),
        ("proposals.html", include_str!("templates/proposals.html")),
        ("manual.html", include_str!("templates/manual.html")),
        ("couch.html", include_str!("templates/couch.html")),
        ("charts.html", include_str!("templates/charts.html")),
        ("message.html", include_str!("templates/message.html")),
    ] {
        if let Err(e) = env.add_template(name, src) {
            tracing::error!("console template {name}: {e}");
        }
    }
    env
}

/// Builds the console's routes (merged into the API router by the runner).
#[allow(clippy::too_many_arguments)]
pub(crate) fn router(
    settings: Settings,
    sender: Sender,
    parts: Parts,
    db: PathBuf,
    shared: Arc<Shared>,
    clock: RunningClock,
    writer: mpsc::Sender<Pending>,
    intake: Intake,
) -> Result<Router, super::Error> {
    let read_only = if settings.read_only {
        Some("read-only mode (console_read_only / --console-read-only)".to_string())
    } else if !sender.mode().broadcasts() {
        Some("the service does not broadcast (nobroadcast, -d or -x)".to_string())
    } else {
        None
    };
    let c = Arc::new(Console {
        settings,
        read_only,
        sender,
        parts,
        store: Mutex::new(Store::open(&db)?),
        db,
        shared,
        clock,
        writer,
        intake,
        sessions: Mutex::new(HashMap::new()),
        env: templates(),
    });
    Ok(Router::new()
        .route("/", get(pages::tree))
        .route("/login", get(login_form).post(login))
        .route("/logout", post(logout))
        .route("/event/{id}", get(pages::event))
        .route("/proposals", get(pages::proposals))
        .route("/proposals/{id}/{action}", post(forms::proposal_action))
        .route("/manual", get(forms::manual))
        .route("/manual/{action}", post(forms::manual_action))
        .route("/couch", get(forms::couch).post(forms::couch_post))
        .route("/charts", get(charts::page))
        .route("/charts/{unit}", get(charts::image))
        .route("/assets/{file}", get(asset))
        .with_state(c))
}

/// A form body. Anything else (no body, another content type) reads as an empty form,
/// so the login and anti-forgery checks answer (401, 403), not the parser (415).
pub(crate) type FormBody =
    Result<Form<HashMap<String, String>>, axum::extract::rejection::FormRejection>;

pub(crate) fn fields(f: FormBody) -> HashMap<String, String> {
    f.map(|Form(m)| m).unwrap_or_default()
}

/// The value of one cookie.
fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// Headers every console response carries.
fn harden(mut r: Response) -> Response {
    let h = r.headers_mut();
    for (k, v) in [
        ("content-security-policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"),
        ("x-frame-options", "DENY"),
        ("x-content-type-options", "nosniff"),
        ("referrer-policy", "no-referrer"),
        ("cache-control", "no-store"),
    ] {
        h.insert(k, HeaderValue::from_static(v));
    }
    r
}

fn see_other(to: &str) -> Response {
    let mut r = StatusCode::SEE_OTHER.into_response();
    if let Ok(v) = HeaderValue::from_str(to) {
        r.headers_mut().insert(header::LOCATION, v);
    }
    harden(r)
}

/// A path of this console to go back to after the login (never another site).
fn local_path(p: &str) -> String {
    if p.starts_with('/') && !p.starts_with("//") && !p.contains('\\') && !p.starts_with("/login") {
        p.to_string()
    } else {
        "/".to_string()
    }
}

impl Console {
    /// The caller's session (its flash messages taken), if logged in.
    pub(crate) fn who(&self, headers: &HeaderMap) -> Option<Who> {
        let id = cookie(headers, COOKIE)?;
        let mut s = self.sessions.lock().ok()?;
        let now = Instant::now();
        s.retain(|_, v| now.duration_since(v.last) < SESSION_IDLE);
        let sess = s.get_mut(id)?;
        sess.last = now;
        Some(Who {
            id: id.to_string(),
            csrf: sess.csrf.clone(),
            flash: std::mem::take(&mut sess.flash),
        })
    }

    /// Checks a POST: a session (else 401), its anti-forgery token and this origin
    /// (else 403), and (for actions that change anything) not read-only (else 403).
    pub(crate) fn guard(
        &self,
        headers: &HeaderMap,
        form: &HashMap<String, String>,
        changes: bool,
    ) -> Result<Who, Box<Response>> {
        let Some(who) = self.who(headers) else {
            return Err(Box::new(self.login_page(
                StatusCode::UNAUTHORIZED,
                "/",
                None,
            )));
        };
        let sent = form.get("csrf").map(String::as_str).unwrap_or_default();
        if sent.is_empty() || !constant_time_eq(sent.as_bytes(), who.csrf.as_bytes()) {
            return Err(Box::new(self.refuse(
                &who,
                "the form's anti-forgery token is missing or wrong: reload the page and try again",
            )));
        }
        if let Some(origin) = headers.get(header::ORIGIN).and_then(|o| o.to_str().ok()) {
            let host = headers
                .get(header::HOST)
                .and_then(|h| h.to_str().ok())
                .unwrap_or_default();
            let o = origin
                .trim_start_matches("http://")
                .trim_start_matches("https://");
            if origin != "null" && o != host {
                return Err(Box::new(
                    self.refuse(&who, "the form was sent from another site"),
                ));
            }
        }
        if changes {
            if let Some(why) = &self.read_only {
                return Err(Box::new(
                    self.refuse(&who, &format!("the console is read-only: {why}")),
                ));
            }
        }
        Ok(who)
    }

    fn refuse(&self, who: &Who, why: &str) -> Response {
        let mut r = self.render(
            "message.html",
            who,
            json!({"title": "Refused", "message": why}),
        );
        *r.status_mut() = StatusCode::FORBIDDEN;
        r
    }

    /// Adds a message shown on the next page of the session.
    pub(crate) fn flash(&self, who: &Who, kind: &str, text: impl Into<String>) {
        if let Ok(mut s) = self.sessions.lock() {
            if let Some(sess) = s.get_mut(&who.id) {
                sess.flash.push((kind.to_string(), text.into()));
            }
        }
    }

    /// The session's cart (a copy).
    pub(crate) fn cart(&self, who: &Who) -> Vec<Action> {
        self.sessions
            .lock()
            .ok()
            .and_then(|s| s.get(&who.id).map(|x| x.cart.clone()))
            .unwrap_or_default()
    }

    pub(crate) fn set_cart(&self, who: &Who, cart: Vec<Action>) {
        if let Ok(mut s) = self.sessions.lock() {
            if let Some(sess) = s.get_mut(&who.id) {
                sess.cart = cart;
            }
        }
    }

    /// A page: the template with the common context (navigation, token, messages).
    pub(crate) fn render(&self, name: &str, who: &Who, mut ctx: Value) -> Response {
        if let Value::Object(m) = &mut ctx {
            m.insert("csrf".into(), json!(who.csrf));
            m.insert("read_only".into(), json!(self.read_only));
            m.insert("flash".into(), json!(who.flash));
            m.insert("approver".into(), json!(self.parts.approver));
            m.insert("proposer".into(), json!(self.parts.proposer));
            m.insert("version".into(), json!(env!("CARGO_PKG_VERSION")));
            m.insert(
                "now".into(),
                json!(self.clock.now().format("%Y-%m-%d %H:%M:%S UTC").to_string()),
            );
        }
        self.html(StatusCode::OK, name, ctx)
    }

    fn html(&self, code: StatusCode, name: &str, ctx: Value) -> Response {
        let out = self
            .env
            .get_template(name)
            .and_then(|t| t.render(minijinja::Value::from(minijinja::value::Serde(&ctx))));
        let r = match out {
            Ok(body) => (
                code,
                [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
                body,
            )
                .into_response(),
            Err(e) => {
                tracing::error!("console template {name}: {e:#}");
                (StatusCode::INTERNAL_SERVER_ERROR, "template error").into_response()
            }
        };
        harden(r)
    }

    /// The login form (with its own anti-forgery cookie), answered with `code`.
    pub(crate) fn login_page(&self, code: StatusCode, next: &str, error: Option<&str>) -> Response {
        let t = token();
        let mut r = self.html(
            code,
            "login.html",
            json!({"login_token": t, "next": local_path(next), "error": error}),
        );
        if let Ok(v) = HeaderValue::from_str(&format!(
            "{LOGIN_COOKIE}={t}; Path=/login; HttpOnly; SameSite=Strict"
        )) {
            r.headers_mut().append(header::SET_COOKIE, v);
        }
        r
    }

    /// A message page for an error while building a page (node unreachable, ...).
    pub(crate) fn failed(&self, who: &Who, what: &str, e: impl std::fmt::Display) -> Response {
        let mut r = self.render(
            "message.html",
            who,
            json!({"title": what, "message": e.to_string()}),
        );
        *r.status_mut() = StatusCode::BAD_GATEWAY;
        r
    }
}

async fn login_form(State(c): State<C>, headers: HeaderMap) -> Response {
    if c.who(&headers).is_some() {
        return see_other("/");
    }
    c.login_page(StatusCode::OK, "/", None)
}

async fn login(State(c): State<C>, headers: HeaderMap, f: FormBody) -> Response {
    let f = fields(f);
    let sent = f.get("login_token").map(String::as_str).unwrap_or_default();
    let kept = cookie(&headers, LOGIN_COOKIE).unwrap_or_default();
    if sent.is_empty() || !constant_time_eq(sent.as_bytes(), kept.as_bytes()) {
        let mut r = c.login_page(
            StatusCode::FORBIDDEN,
            "/",
            Some("the login form's anti-forgery token is missing or wrong: try again"),
        );
        *r.status_mut() = StatusCode::FORBIDDEN;
        return r;
    }
    let next = f.get("next").map(String::as_str).unwrap_or("/");
    let pw = f.get("password").map(String::as_str).unwrap_or_default();
    if !c.settings.password.matches(pw) {
        tracing::warn!("console: a login failed");
        // A little delay makes guessing slow.
        tokio::time::sleep(Duration::from_millis(400)).await;
        return c.login_page(StatusCode::UNAUTHORIZED, next, Some("wrong password"));
    }
    let (id, csrf) = (token(), token());
    if id.is_empty() || csrf.is_empty() {
        return (StatusCode::INTERNAL_SERVER_ERROR, "no randomness").into_response();
    }
    if let Ok(mut s) = c.sessions.lock() {
        if s.len() >= MAX_SESSIONS {
            if let Some(old) = s.iter().min_by_key(|(_, v)| v.last).map(|(k, _)| k.clone()) {
                s.remove(&old);
            }
        }
        s.insert(
            id.clone(),
            Session {
                csrf,
                last: Instant::now(),
                cart: Vec::new(),
                flash: Vec::new(),
            },
        );
    }
    tracing::info!("console: operator logged in");
    let mut r = see_other(&local_path(next));
    for v in [
        format!("{COOKIE}={id}; Path=/; HttpOnly; SameSite=Strict"),
        format!("{LOGIN_COOKIE}=; Path=/login; Max-Age=0"),
    ] {
        if let Ok(v) = HeaderValue::from_str(&v) {
            r.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    r
}

async fn logout(State(c): State<C>, headers: HeaderMap, f: FormBody) -> Response {
    let f = fields(f);
    let who = match c.guard(&headers, &f, false) {
        Ok(w) => w,
        Err(r) => return *r,
    };
    if let Ok(mut s) = c.sessions.lock() {
        s.remove(&who.id);
    }
    let mut r = see_other("/login");
    if let Ok(v) = HeaderValue::from_str(&format!("{COOKIE}=; Path=/; Max-Age=0")) {
        r.headers_mut().append(header::SET_COOKIE, v);
    }
    r
}

/// The embedded stylesheet and script (no data in them, so no login needed).
async fn asset(Path(file): Path<String>) -> Response {
    let (body, kind) = match file.as_str() {
        "console.css" => (
            include_str!("assets/console.css"),
            "text/css; charset=utf-8",
        ),
        "console.js" => (
            include_str!("assets/console.js"),
            "text/javascript; charset=utf-8",
        ),
        _ => return StatusCode::NOT_FOUND.into_response(),
    };
    harden((StatusCode::OK, [(header::CONTENT_TYPE, kind)], body).into_response())
}

/// The login every GET page needs: the session, or the 401 login page.
macro_rules! need_login {
    ($c:expr, $headers:expr, $path:expr) => {
        match $c.who(&$headers) {
            Some(w) => w,
            None => {
                return $c.login_page(axum::http::StatusCode::UNAUTHORIZED, &$path, None);
            }
        }
    };
}
pub(crate) use need_login;
