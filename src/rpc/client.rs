//! The client: one supervisor task owns the websocket; callers talk to it over a
//! channel and wait for their answer with a timeout.
//!
//! The supervisor connects to the URLs in turn, does the login/api-id handshake,
//! refuses a node whose head block is too old (stale), restores every
//! subscription after a reconnect, and routes `notice` frames to the
//! subscribers' channels. When a whole pass over the URLs fails, the calls that
//! are waiting fail with [`Error::Unreachable`] at once instead of hanging.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use serde_json::{json, Value};
use tokio::sync::{mpsc, oneshot};
use tokio::time::{timeout, Instant};
use tokio_tungstenite::tungstenite::Message;

use super::api::Api;
use super::error::{Error, Result};
use super::frame::{self, Incoming};
use crate::protocol::TimePointSec;

/// How the client behaves.
#[derive(Clone, Debug)]
pub struct Options {
    /// Time limit of one call (and of one connection attempt).
    pub timeout: Duration,
    /// First wait after a failed pass over all URLs; doubled up to `backoff_max`.
    pub backoff_min: Duration,
    pub backoff_max: Duration,
    /// A node whose head block time is further behind the clock than this is
    /// stale, and the client moves on to the next URL. If every URL is stale,
    /// the last one is used anyway. `None` turns the check off.
    pub max_lag: Option<Duration>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            timeout: Duration::from_secs(10),
            backoff_min: Duration::from_millis(100),
            backoff_max: Duration::from_secs(5),
            max_lag: Some(Duration::from_secs(60)),
        }
    }
}

enum Cmd {
    Call {
        api: Api,
        method: String,
        args: Value,
        reply: oneshot::Sender<Result<Value>>,
    },
    Subscribe {
        kind: SubKind,
        sink: mpsc::UnboundedSender<Value>,
        reply: oneshot::Sender<Result<()>>,
    },
}

#[derive(Clone, Debug)]
enum SubKind {
    Blocks,
    Objects { notify_remove_create: bool },
}

struct Sub {
    callback: u64,
    kind: SubKind,
    sink: mpsc::UnboundedSender<Value>,
}

#[derive(Default)]
struct Status {
    connected: Option<String>,
    last_error: String,
}

/// A handle on the client; cheap to clone. The connection closes when every
/// handle is dropped.
#[derive(Clone)]
pub struct Client {
    tx: mpsc::UnboundedSender<Cmd>,
    status: Arc<Mutex<Status>>,
    urls: Arc<Vec<String>>,
    timeout: Duration,
}

/// Notices of one subscription, in order.
pub struct Subscription {
    rx: mpsc::UnboundedReceiver<Value>,
}

impl Subscription {
    /// The next notice payload (`params[1]` of the notice), or `None` when the client is gone.
    pub async fn next(&mut self) -> Option<Value> {
        self.rx.recv().await
    }

    /// The next notice within `limit`.
    pub async fn next_within(&mut self, limit: Duration) -> Option<Value> {
        timeout(limit, self.rx.recv()).await.ok().flatten()
    }
}

impl Client {
    /// Starts a client for `urls` (tried in order). Must run inside a tokio runtime.
    /// Connecting happens in the background; the first call waits for it.
    pub fn new(urls: Vec<String>, options: Options) -> Result<Client> {
        if urls.is_empty() {
            return Err(Error::NoNodes);
        }
        for url in &urls {
            if !(url.starts_with("ws://") || url.starts_with("wss://")) {
                return Err(Error::BadUrl { url: url.clone() });
            }
        }
        let (tx, rx) = mpsc::unbounded_channel();
        let status = Arc::new(Mutex::new(Status::default()));
        let timeout = options.timeout;
        let sup = Supervisor {
            urls: urls.clone(),
            options,
            rx,
            status: status.clone(),
            subs: Vec::new(),
            next_callback: 1,
            queued: Vec::new(),
        };
        tokio::spawn(sup.run());
        Ok(Client {
            tx,
            status,
            urls: Arc::new(urls),
            timeout,
        })
    }

    /// The URL currently connected, if any.
    pub fn connected_url(&self) -> Option<String> {
        self.status.lock().ok().and_then(|s| s.connected.clone())
    }

    /// Calls `method` on `api` with the default timeout.
    pub async fn call(&self, api: Api, method: &str, args: Value) -> Result<Value> {
        self.call_within(api, method, args, self.timeout).await
    }

    /// Calls `method` on `api`, failing with [`Error::Timeout`] after `limit`.
    pub async fn call_within(
        &self,
        api: Api,
        method: &str,
        args: Value,
        limit: Duration,
    ) -> Result<Value> {
        let (reply, rx) = oneshot::channel();
        self.tx
            .send(Cmd::Call {
                api,
                method: method.to_string(),
                args,
                reply,
            })
            .map_err(|_| Error::Closed)?;
        match timeout(limit, rx).await {
            Ok(Ok(r)) => r,
            Ok(Err(_)) => Err(Error::Closed),
            Err(_) => Err(self.timeout_error(method, limit)),
        }
    }

    fn timeout_error(&self, method: &str, limit: Duration) -> Error {
        let st = self.status.lock();
        match st {
            Ok(s) if s.connected.is_none() && !s.last_error.is_empty() => Error::Unreachable {
                tried: self.urls.join(", "),
                last: s.last_error.clone(),
            },
            _ => Error::Timeout {
                method: method.to_string(),
                timeout: limit,
            },
        }
    }

    /// A database-api call.
    pub async fn db(&self, method: &str, args: Value) -> Result<Value> {
        self.call(Api::Database, method, args).await
    }

    /// Subscribes to applied blocks (`set_block_applied_callback`); each notice
    /// payload is `["<block id>"]`. Restored after every reconnect.
    pub async fn subscribe_blocks(&self) -> Result<Subscription> {
        self.subscribe(SubKind::Blocks).await
    }

    /// Subscribes to object changes (`set_subscribe_callback`). Restored after every reconnect.
    pub async fn subscribe_objects(&self, notify_remove_create: bool) -> Result<Subscription> {
        self.subscribe(SubKind::Objects {
            notify_remove_create,
        })
        .await
    }

    async fn subscribe(&self, kind: SubKind) -> Result<Subscription> {
        let (sink, rx) = mpsc::unbounded_channel();
        let (reply, done) = oneshot::channel();
        self.tx
            .send(Cmd::Subscribe { kind, sink, reply })
            .map_err(|_| Error::Closed)?;
        match timeout(self.timeout, done).await {
            Ok(Ok(r)) => r.map(|()| Subscription { rx }),
            Ok(Err(_)) => Err(Error::Closed),
            Err(_) => Err(self.timeout_error("subscribe", self.timeout)),
        }
    }
}

type Ws =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

struct Conn {
    ws: Ws,
    url: String,
    api_ids: HashMap<String, u64>,
    next_id: u64,
}

struct Supervisor {
    urls: Vec<String>,
    options: Options,
    rx: mpsc::UnboundedReceiver<Cmd>,
    status: Arc<Mutex<Status>>,
    subs: Vec<Sub>,
    next_callback: u64,
    /// Commands received while not connected.
    queued: Vec<Cmd>,
}

impl Supervisor {
    async fn run(mut self) {
        let mut index = 0usize;
        let mut backoff = self.options.backoff_min;
        loop {
            // One pass over all URLs.
            let mut stale_fallback: Option<Conn> = None;
            let mut connected: Option<Conn> = None;
            for _ in 0..self.urls.len() {
                let url = self.urls[index % self.urls.len()].clone();
                index += 1;
                match self.connect(&url).await {
                    Ok((conn, false)) => {
                        connected = Some(conn);
                        break;
                    }
                    Ok((conn, true)) => {
                        self.set_error(format!("{url}: node is stale"));
                        stale_fallback = Some(conn);
                    }
                    Err(e) => self.set_error(e),
                }
                if self.rx.is_closed() && self.rx.is_empty() {
                    return;
                }
            }
            let Some(mut conn) = connected.or(stale_fallback) else {
                // Whole pass failed: fail what is waiting, then back off.
                let last = self.last_error();
                for cmd in self.queued.drain(..).chain(drain(&mut self.rx)) {
                    let err = Error::Unreachable {
                        tried: self.urls.join(", "),
                        last: last.clone(),
                    };
                    match cmd {
                        Cmd::Call { reply, .. } => {
                            let _ = reply.send(Err(err));
                        }
                        Cmd::Subscribe { reply, .. } => {
                            let _ = reply.send(Err(err));
                        }
                    }
                }
                // Wait out the backoff, but wake early to fail new commands fast.
                let until = Instant::now() + backoff;
                backoff = (backoff * 2).min(self.options.backoff_max);
                loop {
                    tokio::select! {
                        _ = tokio::time::sleep_until(until) => break,
                        cmd = self.rx.recv() => match cmd {
                            None => return,
                            Some(c) => self.queued.push(c),
                        },
                    }
                }
                continue;
            };
            backoff = self.options.backoff_min;
            if let Ok(mut s) = self.status.lock() {
                s.connected = Some(conn.url.clone());
            }
            tracing::debug!(url = %conn.url, "connected");
            let keep_going = self.serve(&mut conn).await;
            if let Ok(mut s) = self.status.lock() {
                s.connected = None;
            }
            if !keep_going {
                let _ = conn.ws.close(None).await;
                return;
            }
            self.set_error(format!("{}: connection lost", conn.url));
            // After a loss, try the same URL once more first (a quick restart),
            // then move on.
            index = index.saturating_sub(1);
        }
    }

    fn set_error(&self, e: impl ToString) {
        if let Ok(mut s) = self.status.lock() {
            s.last_error = e.to_string();
        }
    }

    fn last_error(&self) -> String {
        self.status
            .lock()
            .map(|s| s.last_error.clone())
            .unwrap_or_default()
    }

    /// Connects, logs in, checks staleness and restores subscriptions.
    /// Returns the connection and whether the node is stale.
    async fn connect(&mut self, url: &str) -> std::result::Result<(Conn, bool), String> {
        let limit = self.options.timeout;
        // Requests are pipelined on one connection: without TCP_NODELAY a second
        // small frame waits for the first one's (delayed) ACK, ~40 ms each.
        let ws = match timeout(
            limit,
            tokio_tungstenite::connect_async_with_config(url, None, true),
        )
        .await
        {
            Ok(Ok((ws, _))) => ws,
            Ok(Err(e)) => return Err(format!("{url}: {e}")),
            Err(_) => return Err(format!("{url}: no websocket handshake within {limit:?}")),
        };
        let mut conn = Conn {
            ws,
            url: url.to_string(),
            api_ids: HashMap::new(),
            next_id: 1,
        };
        self.handshake_call(&mut conn, json!(1), "login", json!(["", ""]))
            .await?;
        for name in ["database", "network_broadcast", "history", "bookie"] {
            if let Ok(v) = self
                .handshake_call(&mut conn, json!(1), name, json!([]))
                .await
            {
                if let Some(id) = frame::number(&v) {
                    conn.api_ids.insert(name.to_string(), id);
                }
            }
        }
        let db = json!(conn.api_ids.get("database").copied().unwrap_or(0));
        let mut stale = false;
        if let Some(max_lag) = self.options.max_lag {
            let dgp = self
                .handshake_call(
                    &mut conn,
                    db.clone(),
                    "get_dynamic_global_properties",
                    json!([]),
                )
                .await?;
            let head = dgp
                .get("time")
                .and_then(Value::as_str)
                .and_then(|t| TimePointSec::parse(t).ok())
                .ok_or_else(|| format!("{url}: dynamic global properties without a time"))?;
            let now = TimePointSec::now();
            stale = (now.0 as i64 - head.0 as i64) > max_lag.as_secs() as i64;
        }
        for i in 0..self.subs.len() {
            let (method, args) = sub_call(&self.subs[i]);
            self.handshake_call(&mut conn, db.clone(), method, args)
                .await?;
        }
        Ok((conn, stale))
    }

    /// A call made while setting up a connection: waits for its own reply,
    /// passing notices through.
    async fn handshake_call(
        &mut self,
        conn: &mut Conn,
        api: Value,
        method: &str,
        args: Value,
    ) -> std::result::Result<Value, String> {
        let id = conn.next_id;
        conn.next_id += 1;
        let url = conn.url.clone();
        let text = frame::call(id, api, method, args);
        let limit = self.options.timeout;
        let fut = async {
            conn.ws
                .send(Message::text(text))
                .await
                .map_err(|e| format!("{url}: {e}"))?;
            loop {
                match conn.ws.next().await {
                    None => return Err(format!("{url}: closed during {method}")),
                    Some(Err(e)) => return Err(format!("{url}: {e}")),
                    Some(Ok(Message::Text(t))) => match frame::parse(&t) {
                        Some(Incoming::Reply { id: rid, result }) if rid == id => {
                            return result.map_err(|(m, _)| format!("{url}: {method}: {m}"))
                        }
                        Some(Incoming::Notice { callback, payload }) => {
                            self.deliver(callback, payload)
                        }
                        _ => {}
                    },
                    Some(Ok(_)) => {}
                }
            }
        };
        match timeout(limit, fut).await {
            Ok(r) => r,
            Err(_) => Err(format!("{url}: no answer to {method} within {limit:?}")),
        }
    }

    fn deliver(&mut self, callback: u64, payload: Value) {
        self.subs.retain(|s| !s.sink.is_closed());
        if let Some(s) = self.subs.iter().find(|s| s.callback == callback) {
            let _ = s.sink.send(payload);
        }
    }

    /// Serves calls on a live connection. Returns false when every client handle is gone.
    async fn serve(&mut self, conn: &mut Conn) -> bool {
        let mut pending: HashMap<u64, (String, oneshot::Sender<Result<Value>>)> = HashMap::new();
        let mut queued: std::collections::VecDeque<Cmd> = self.queued.drain(..).collect();
        let alive = loop {
            let event = match queued.pop_front() {
                Some(c) => Event::Cmd(Some(c)),
                None => tokio::select! {
                    c = self.rx.recv() => Event::Cmd(c),
                    m = conn.ws.next() => Event::Frame(m),
                },
            };
            match event {
                Event::Cmd(None) => break false,
                Event::Cmd(Some(Cmd::Call {
                    api,
                    method,
                    args,
                    reply,
                })) => {
                    if reply.is_closed() {
                        continue;
                    }
                    let id = conn.next_id;
                    conn.next_id += 1;
                    let api_value = resolve_api(&api, &conn.api_ids);
                    let text = frame::call(id, api_value, &method, args);
                    if conn.ws.send(Message::text(text)).await.is_err() {
                        let _ = reply.send(Err(Error::ConnectionLost {
                            method,
                            url: conn.url.clone(),
                        }));
                        break true;
                    }
                    pending.insert(id, (method, reply));
                }
                Event::Cmd(Some(Cmd::Subscribe { kind, sink, reply })) => {
                    let sub = Sub {
                        callback: self.next_callback,
                        kind,
                        sink,
                    };
                    self.next_callback += 1;
                    let (method, args) = sub_call(&sub);
                    let id = conn.next_id;
                    conn.next_id += 1;
                    let db = json!(conn.api_ids.get("database").copied().unwrap_or(0));
                    self.subs.push(sub);
                    if conn
                        .ws
                        .send(Message::text(frame::call(id, db, method, args)))
                        .await
                        .is_err()
                    {
                        let _ = reply.send(Ok(()));
                        break true;
                    }
                    // The subscription is recorded; it is (re)sent on every connection.
                    let (tx, _rx) = oneshot::channel();
                    pending.insert(id, (method.to_string(), tx));
                    let _ = reply.send(Ok(()));
                }
                Event::Frame(None) | Event::Frame(Some(Err(_))) => break true,
                Event::Frame(Some(Ok(Message::Text(t)))) => match frame::parse(&t) {
                    Some(Incoming::Reply { id, result }) => {
                        if let Some((method, reply)) = pending.remove(&id) {
                            let _ = reply.send(result.map_err(|(message, data)| Error::Remote {
                                method,
                                message,
                                data,
                            }));
                        }
                    }
                    Some(Incoming::Notice { callback, payload }) => self.deliver(callback, payload),
                    None => tracing::warn!(url = %conn.url, "ignoring a malformed frame"),
                },
                Event::Frame(Some(Ok(Message::Close(_)))) => break true,
                Event::Frame(Some(Ok(_))) => {}
            }
        };
        for (_, (method, reply)) in pending {
            let _ = reply.send(Err(Error::ConnectionLost {
                method,
                url: conn.url.clone(),
            }));
        }
        alive
    }
}

enum Event {
    Cmd(Option<Cmd>),
    Frame(Option<std::result::Result<Message, tokio_tungstenite::tungstenite::Error>>),
}

fn drain(rx: &mut mpsc::UnboundedReceiver<Cmd>) -> Vec<Cmd> {
    let mut out = Vec::new();
    while let Ok(c) = rx.try_recv() {
        out.push(c);
    }
    out
}

fn sub_call(sub: &Sub) -> (&'static str, Value) {
    match sub.kind {
        SubKind::Blocks => ("set_block_applied_callback", json!([sub.callback])),
        SubKind::Objects {
            notify_remove_create,
        } => (
            "set_subscribe_callback",
            json!([sub.callback, notify_remove_create]),
        ),
    }
}

fn resolve_api(api: &Api, ids: &HashMap<String, u64>) -> Value {
    match api {
        Api::Id(n) => json!(n),
        Api::Login => json!(1),
        Api::Database => json!(ids.get("database").copied().unwrap_or(0)),
        other => {
            let name = other.name().unwrap_or_default();
            match ids.get(name) {
                Some(id) => json!(id),
                None => json!(name),
            }
        }
    }
}
