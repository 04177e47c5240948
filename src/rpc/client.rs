//! The client: one supervisor task owns the websocket; callers talk to it over a
//! channel and the supervisor answers every call, in time.
//!
//! Rules (what a witness needs from it, node.md §2.1 for the framing):
//! * every request has a time limit ([`Options::timeout`]); a node that does not
//!   answer in time (a hung or overloaded node), refuses the connection or loses
//!   it is marked down (a [`NodeEvent::NodeDown`]) and the client moves to the
//!   next URL, restores its subscriptions there (a [`NodeEvent::NodeSwitch`])
//!   and sends the calls that were waiting again;
//! * a call with a longer limit of its own (a blocking broadcast) does not mark
//!   the node down by itself: after [`Options::timeout`] the supervisor probes the
//!   node, and only a probe without an answer does;
//! * an idle connection is probed too, so a node that hangs between calls is
//!   noticed, and so is a stale head ([`Options::max_lag`]): a stale node is left
//!   for a fresh one when there is one;
//! * while the client is not on the first URL, the URLs before it are checked
//!   in the background every [`Options::recheck`]; the client comes back to one
//!   only after it connected, answered, restored the subscriptions and showed a
//!   fresh head (a health check);
//! * with [`Options::lag_check`], every URL's head and last irreversible block
//!   are compared; a node more than [`Options::max_block_lag`] blocks behind the
//!   best is a [`NodeEvent::NodeLag`], and the client leaves it when it is the
//!   one in use;
//! * when a whole pass over the URLs fails, the calls that are waiting fail with
//!   [`Error::Unreachable`] at once instead of hanging.

use std::collections::{HashMap, VecDeque};
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
use super::fresh::FreshMap;
use super::health::{self, Head, NodeEvent};

/// Where the client reports node events: a function called by the client's
/// task, in order, as each event happens.
#[derive(Clone)]
pub struct EventSink(Arc<dyn Fn(NodeEvent) + Send + Sync>);

impl EventSink {
    /// Calls `f` with every event.
    pub fn new(f: impl Fn(NodeEvent) + Send + Sync + 'static) -> EventSink {
        EventSink(Arc::new(f))
    }

    /// A sink that forwards the events to the returned channel.
    pub fn channel() -> (EventSink, mpsc::UnboundedReceiver<NodeEvent>) {
        let (tx, rx) = mpsc::unbounded_channel();
        (
            EventSink::new(move |e| {
                let _ = tx.send(e);
            }),
            rx,
        )
    }

    /// Reports one event.
    pub fn send(&self, e: NodeEvent) {
        (self.0)(e)
    }
}

impl std::fmt::Debug for EventSink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("EventSink")
    }
}

/// How the client behaves.
#[derive(Clone, Debug)]
pub struct Options {
    /// Time limit of one request, and of each step of connecting to a node.
    pub timeout: Duration,
    /// First wait after a failed pass over all URLs; doubled up to `backoff_max`.
    pub backoff_min: Duration,
    pub backoff_max: Duration,
    /// A node whose head block time is further behind the clock than this is
    /// stale: the client leaves it for a fresh URL when there is one (if every
    /// URL is stale, the freshest is used). `None` turns the check off.
    pub max_lag: Option<Duration>,
    /// How often the URLs before the one in use (and, on a stale node, the
    /// others) are health-checked to come back to them.
    pub recheck: Duration,
    /// Compare the heads of all URLs this often (`None`: never; one URL: never).
    pub lag_check: Option<Duration>,
    /// Blocks a node may be behind the best one before it is lagging.
    pub max_block_lag: u32,
    /// Node events go here; without it they are logged with `tracing`.
    pub events: Option<EventSink>,
}

/// The default per-request timeout.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(5);

impl Default for Options {
    fn default() -> Self {
        Options {
            timeout: DEFAULT_TIMEOUT,
            backoff_min: Duration::from_millis(100),
            backoff_max: Duration::from_secs(5),
            max_lag: Some(Duration::from_secs(60)),
            recheck: Duration::from_secs(30),
            lag_check: None,
            max_block_lag: 3,
            events: None,
        }
    }
}

enum Cmd {
    Call(Call),
    Subscribe {
        kind: SubKind,
        sink: mpsc::UnboundedSender<Value>,
        reply: oneshot::Sender<Result<()>>,
    },
}

struct Call {
    api: Api,
    method: String,
    args: Value,
    reply: oneshot::Sender<Result<Value>>,
    limit: Duration,
    /// Nodes it was sent to that then failed.
    tries: usize,
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
    /// Database-api answers shared between callers (see [`Client::sharing_reads`]).
    reads: Option<Arc<SharedReads>>,
}

/// Database-api answers kept for a while, keyed by method and arguments: for a
/// run that changes nothing on the chain (a dry run), where many jobs read the
/// same objects. Bounded: past [`SharedReads::MAX`] entries, or past
/// [`SharedReads::MAX_BYTES`] of arguments and answers (as JSON text: a fee query
/// carries a whole proposal), the stale ones go, then all.
struct SharedReads {
    /// Which reads are shared (method, arguments); `None`: all of them.
    only: Option<fn(&str, &Value) -> bool>,
    answers: FreshMap<(String, String), Value>,
}

impl SharedReads {
    const MAX: usize = 4096;
    const MAX_BYTES: usize = 2 << 20;
}

/// The length of `v` as compact JSON text, without writing it anywhere.
fn json_len(v: &Value) -> usize {
    struct Count(usize);
    impl std::io::Write for Count {
        fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
            self.0 += b.len();
            Ok(b.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut n = Count(0);
    let _ = serde_json::to_writer(&mut n, v);
    n.0
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
        let (bg_tx, bg_rx) = mpsc::unbounded_channel();
        let status = Arc::new(Mutex::new(Status::default()));
        let timeout = options.timeout;
        let sup = Supervisor {
            marks: vec![Mark::default(); urls.len()],
            urls: urls.clone(),
            options,
            rx,
            status: status.clone(),
            subs: Vec::new(),
            next_callback: 1,
            queued: VecDeque::new(),
            current: None,
            on_stale: false,
            bg_tx,
            bg_rx,
            bg: Background::default(),
        };
        tokio::spawn(sup.run());
        Ok(Client {
            tx,
            status,
            urls: Arc::new(urls),
            timeout,
            reads: None,
        })
    }

    /// A handle on the same connection whose database-api answers are shared
    /// between callers for `fresh_for`: a read made again within that time is
    /// answered from the first answer without asking the node. Only for a run that
    /// changes nothing on the chain and can use a view up to `fresh_for` old (a dry
    /// run); other handles on the connection keep asking the node.
    pub fn sharing_reads(&self, fresh_for: Duration) -> Client {
        self.sharing(fresh_for, None)
    }

    /// [`Client::sharing_reads`] for the reads `only` picks (method, arguments):
    /// for a run that changes the chain but not what those reads return (a live
    /// replay shares the sports, rules and accounts, not the events it creates).
    pub fn sharing_reads_of(&self, fresh_for: Duration, only: fn(&str, &Value) -> bool) -> Client {
        self.sharing(fresh_for, Some(only))
    }

    fn sharing(&self, fresh_for: Duration, only: Option<fn(&str, &Value) -> bool>) -> Client {
        Client {
            reads: Some(Arc::new(SharedReads {
                only,
                answers: FreshMap::weighing(fresh_for, SharedReads::MAX, SharedReads::MAX_BYTES),
            })),
            ..self.clone()
        }
    }

    /// The URL currently connected, if any.
    pub fn connected_url(&self) -> Option<String> {
        self.status.lock().ok().and_then(|s| s.connected.clone())
    }

    /// The URLs, in order of preference.
    pub fn urls(&self) -> &[String] {
        &self.urls
    }

    /// The per-request time limit.
    pub fn timeout(&self) -> Duration {
        self.timeout
    }

    /// Calls `method` on `api` with the per-request timeout.
    pub async fn call(&self, api: Api, method: &str, args: Value) -> Result<Value> {
        self.call_within(api, method, args, self.timeout).await
    }

    /// Calls `method` on `api`; the node has `limit` to answer (a node that does
    /// not answer a health probe within the per-request timeout meanwhile is
    /// left, and the call is sent to the next one).
    pub async fn call_within(
        &self,
        api: Api,
        method: &str,
        args: Value,
        limit: Duration,
    ) -> Result<Value> {
        let (reply, rx) = oneshot::channel();
        self.tx
            .send(Cmd::Call(Call {
                api,
                method: method.to_string(),
                args,
                reply,
                limit,
                tries: 0,
            }))
            .map_err(|_| Error::Closed)?;
        // The supervisor answers every call (in time, or with an error); this
        // bound only guards against a bug there.
        let n = self.urls.len() as u32;
        let guard = (limit + self.timeout * 4) * (n + 1);
        match timeout(guard, rx).await {
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
        let Some(reads) = self
            .reads
            .as_ref()
            .filter(|r| r.only.is_none_or(|f| f(method, &args)))
        else {
            return self.call(Api::Database, method, args).await;
        };
        let key = (method.to_string(), args.to_string());
        if let Some(v) = reads.answers.get(&key) {
            return Ok(v);
        }
        let v = self.call(Api::Database, method, args).await?;
        let weight = key.0.len() + key.1.len() + json_len(&v);
        reads.answers.put_weighing(key, v.clone(), weight);
        Ok(v)
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
        let guard = self.timeout * 4 * (self.urls.len() as u32 + 1);
        match timeout(guard, done).await {
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
    index: usize,
    url: String,
    api_ids: HashMap<String, u64>,
    next_id: u64,
    head: Head,
    /// The callbacks whose subscription was sent on this connection.
    subscribed: Vec<u64>,
}

impl Conn {
    fn db(&self) -> Value {
        json!(self.api_ids.get("database").copied().unwrap_or(0))
    }

    fn id(&mut self) -> u64 {
        let id = self.next_id;
        self.next_id += 1;
        id
    }
}

/// What the supervisor knows about one URL.
#[derive(Clone, Debug, Default)]
struct Mark {
    /// Why it is down (`None`: not known to be down).
    down: Option<String>,
    /// Reported as lagging.
    lagging: bool,
}

/// Results of the tasks the supervisor runs beside the connection.
enum Bg {
    /// A health-checked connection to a better URL, ready to use.
    Found { conn: Box<Conn>, reason: String },
    /// Health checks that failed (URL index and reason).
    Failed(Vec<(usize, String)>),
    /// The heads of all URLs (`None`: no answer), with the failures.
    Survey(Vec<std::result::Result<Head, String>>),
}

#[derive(Default)]
struct Background {
    search: Option<tokio::task::JoinHandle<()>>,
    survey: Option<tokio::task::JoinHandle<()>>,
}

impl Background {
    fn searching(&self) -> bool {
        self.search.as_ref().is_some_and(|h| !h.is_finished())
    }
    fn surveying(&self) -> bool {
        self.survey.as_ref().is_some_and(|h| !h.is_finished())
    }
    fn abort(&mut self) {
        for h in [self.search.take(), self.survey.take()]
            .into_iter()
            .flatten()
        {
            h.abort();
        }
    }
}

struct Supervisor {
    urls: Vec<String>,
    options: Options,
    rx: mpsc::UnboundedReceiver<Cmd>,
    status: Arc<Mutex<Status>>,
    subs: Vec<Sub>,
    next_callback: u64,
    /// Commands waiting for a connection (new ones, and calls to send again).
    queued: VecDeque<Cmd>,
    marks: Vec<Mark>,
    /// The URL of the connection in use (or last used).
    current: Option<usize>,
    /// The connection in use is stale and no fresh URL was found.
    on_stale: bool,
    bg_tx: mpsc::UnboundedSender<Bg>,
    bg_rx: mpsc::UnboundedReceiver<Bg>,
    bg: Background,
}

/// Why serving a connection ended.
enum Exit {
    /// Every client handle is gone.
    Closed,
    /// The node failed; the reason is reported.
    Lost(String),
    /// A better node is ready.
    Adopt { conn: Box<Conn>, reason: String },
}

/// What an in-flight request is.
enum Inflight {
    /// A caller's call; `probed` once the per-request timeout passed and a probe was sent.
    Call {
        call: Call,
        sent: Instant,
        probed: bool,
    },
    /// A health probe (`get_dynamic_global_properties`).
    Probe { deadline: Instant },
    /// A subscription request; its caller (if any) is answered when the node
    /// confirms (the subscription is recorded either way, and restored on
    /// every connection).
    Ack(Option<oneshot::Sender<Result<()>>>),
}

enum Wake {
    Cmd(Option<Cmd>),
    Frame(Option<std::result::Result<Message, tokio_tungstenite::tungstenite::Error>>),
    Bg(Bg),
    Timer,
}

impl Supervisor {
    async fn run(mut self) {
        let mut backoff = self.options.backoff_min;
        let mut conn: Option<Conn> = None;
        loop {
            let mut c = match conn.take() {
                Some(c) => c,
                None => match self.connect_some().await {
                    Some(c) => {
                        backoff = self.options.backoff_min;
                        c
                    }
                    None => {
                        if !self.fail_waiting_and_back_off(&mut backoff).await {
                            break;
                        }
                        continue;
                    }
                },
            };
            self.set_connected(Some(c.url.clone()));
            let exit = self.serve(&mut c).await;
            self.set_connected(None);
            match exit {
                Exit::Closed => {
                    let _ = c.ws.close(None).await;
                    break;
                }
                Exit::Lost(reason) => {
                    self.set_error(format!("{}: {reason}", c.url));
                    self.mark_down(c.index, reason, true);
                }
                Exit::Adopt { conn: new, reason } => {
                    let _ = c.ws.close(None).await;
                    self.unmark(new.index);
                    self.emit(NodeEvent::NodeSwitch {
                        from: c.url.clone(),
                        to: new.url.clone(),
                        reason,
                    });
                    self.current = Some(new.index);
                    conn = Some(*new);
                }
            }
        }
        self.bg.abort();
    }

    /// Fails every waiting command after a whole pass failed, then waits out the
    /// backoff (collecting new commands for the next pass). False when the client is gone.
    async fn fail_waiting_and_back_off(&mut self, backoff: &mut Duration) -> bool {
        let last = self.last_error();
        let waiting: Vec<Cmd> = self.queued.drain(..).chain(drain(&mut self.rx)).collect();
        for cmd in waiting {
            let err = Error::Unreachable {
                tried: self.urls.join(", "),
                last: last.clone(),
            };
            match cmd {
                Cmd::Call(c) => {
                    let _ = c.reply.send(Err(err));
                }
                Cmd::Subscribe { reply, .. } => {
                    let _ = reply.send(Err(err));
                }
            }
        }
        let until = Instant::now() + *backoff;
        *backoff = (*backoff * 2).min(self.options.backoff_max);
        loop {
            tokio::select! {
                _ = tokio::time::sleep_until(until) => return true,
                cmd = self.rx.recv() => match cmd {
                    None => return false,
                    Some(c) => self.queued.push_back(c),
                },
            }
        }
    }

    fn emit(&self, e: NodeEvent) {
        match &self.options.events {
            Some(sink) => sink.send(e),
            None => tracing::warn!("{}", e.message()),
        }
    }

    fn mark_down(&mut self, index: usize, reason: String, in_use: bool) {
        if self.marks[index].down.is_none() {
            self.emit(NodeEvent::NodeDown {
                url: self.urls[index].clone(),
                reason: reason.clone(),
                in_use,
            });
        }
        self.marks[index].down = Some(reason);
    }

    fn unmark(&mut self, index: usize) {
        if self.marks[index].down.take().is_some() {
            self.emit(NodeEvent::NodeUp {
                url: self.urls[index].clone(),
            });
        }
    }

    fn set_connected(&self, url: Option<String>) {
        if let Ok(mut s) = self.status.lock() {
            s.connected = url;
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

    fn sub_calls(&self) -> Vec<(u64, &'static str, Value)> {
        self.subs
            .iter()
            .map(|s| {
                let (m, a) = sub_call(s);
                (s.callback, m, a)
            })
            .collect()
    }

    /// One pass over the URLs: those not known to be down first, in order, then
    /// the others. Returns the first fresh connection, else the freshest stale
    /// one, else `None`.
    async fn connect_some(&mut self) -> Option<Conn> {
        self.subs.retain(|s| !s.sink.is_closed());
        let n = self.urls.len();
        let order: Vec<usize> = (0..n)
            .filter(|i| self.marks[*i].down.is_none())
            .chain((0..n).filter(|i| self.marks[*i].down.is_some()))
            .collect();
        let mut stale: Option<Conn> = None;
        let mut chosen: Option<Conn> = None;
        for i in order {
            let subs = self.sub_calls();
            match open(&self.urls[i], i, self.options.timeout, &subs).await {
                Ok((conn, notices)) => {
                    for (cb, payload) in notices {
                        self.deliver(cb, payload);
                    }
                    if conn.head.is_stale(self.options.max_lag) {
                        let reason = stale_reason(&conn.head);
                        self.set_error(format!("{}: {reason}", conn.url));
                        self.mark_down(i, reason, true);
                        if stale.as_ref().is_none_or(|s| s.head.time < conn.head.time) {
                            stale = Some(conn);
                        }
                        continue;
                    }
                    chosen = Some(conn);
                    break;
                }
                Err(reason) => {
                    self.set_error(&reason);
                    self.mark_down(i, reason, true);
                }
            }
            if self.rx.is_closed() && self.rx.is_empty() {
                return None;
            }
        }
        self.on_stale = chosen.is_none() && stale.is_some();
        let conn = chosen.or(stale)?;
        if self.marks[conn.index].down.is_some() && !self.on_stale {
            self.unmark(conn.index);
        }
        let from = match self.current {
            Some(c) if c != conn.index => Some(c),
            None if conn.index != 0 => Some(0),
            _ => None,
        };
        if let Some(f) = from {
            let reason = match &self.marks[f].down {
                Some(r) => format!("{} is down: {r}", self.urls[f]),
                None => format!("{} is not in use", self.urls[f]),
            };
            let reason = if self.on_stale {
                format!("every node is stale; {} is the freshest", conn.url)
            } else {
                reason
            };
            self.emit(NodeEvent::NodeSwitch {
                from: self.urls[f].clone(),
                to: conn.url.clone(),
                reason,
            });
        }
        self.current = Some(conn.index);
        tracing::debug!(url = %conn.url, "connected");
        Some(conn)
    }

    fn deliver(&mut self, callback: u64, payload: Value) {
        self.subs.retain(|s| !s.sink.is_closed());
        if let Some(s) = self.subs.iter().find(|s| s.callback == callback) {
            let _ = s.sink.send(payload);
        }
    }

    /// Starts a background search for a better connection among `candidates`
    /// (in order): it must connect, restore the subscriptions, be fresh and not
    /// be more than `max_block_lag` behind `min_head`.
    fn search(&mut self, candidates: Vec<usize>, min_head: u32, why: String) {
        if self.bg.searching() || candidates.is_empty() {
            return;
        }
        let urls = self.urls.clone();
        let subs = self.sub_calls();
        let limit = self.options.timeout;
        let max_lag = self.options.max_lag;
        let min_head = min_head.saturating_sub(self.options.max_block_lag);
        let tx = self.bg_tx.clone();
        self.bg.search = Some(tokio::spawn(async move {
            let mut failed = Vec::new();
            for i in candidates {
                match open(&urls[i], i, limit, &subs).await {
                    Ok((conn, _)) if conn.head.is_stale(max_lag) => {
                        failed.push((i, stale_reason(&conn.head)));
                    }
                    Ok((conn, _)) if conn.head.head_block_number < min_head => {
                        failed.push((
                            i,
                            format!(
                                "head {} is behind the node in use",
                                conn.head.head_block_number
                            ),
                        ));
                    }
                    Ok((conn, _)) => {
                        let _ = tx.send(Bg::Failed(failed));
                        let _ = tx.send(Bg::Found {
                            conn: Box::new(conn),
                            reason: why.clone(),
                        });
                        return;
                    }
                    Err(e) => failed.push((i, e)),
                }
            }
            let _ = tx.send(Bg::Failed(failed));
        }));
    }

    fn survey(&mut self) {
        if self.bg.surveying() {
            return;
        }
        let urls = self.urls.clone();
        let limit = self.options.timeout;
        let tx = self.bg_tx.clone();
        self.bg.survey = Some(tokio::spawn(async move {
            let _ = tx.send(Bg::Survey(survey(&urls, limit).await));
        }));
    }

    /// Sends one command on the connection. Returns false when the connection failed.
    async fn send_cmd(
        &mut self,
        conn: &mut Conn,
        cmd: Cmd,
        inflight: &mut HashMap<u64, Inflight>,
    ) -> bool {
        match cmd {
            Cmd::Call(call) => {
                if call.reply.is_closed() {
                    return true;
                }
                let id = conn.id();
                let api = resolve_api(&call.api, &conn.api_ids);
                let text = frame::call(id, api, &call.method, call.args.clone());
                let ok = conn.ws.send(Message::text(text)).await.is_ok();
                inflight.insert(
                    id,
                    Inflight::Call {
                        call,
                        sent: Instant::now(),
                        probed: false,
                    },
                );
                ok
            }
            Cmd::Subscribe { kind, sink, reply } => {
                let sub = Sub {
                    callback: self.next_callback,
                    kind,
                    sink,
                };
                self.next_callback += 1;
                let (method, args) = sub_call(&sub);
                conn.subscribed.push(sub.callback);
                self.subs.push(sub);
                // The subscription is recorded: it is sent again on every connection.
                let id = conn.id();
                let db = conn.db();
                let sent = conn
                    .ws
                    .send(Message::text(frame::call(id, db, method, args)))
                    .await
                    .is_ok();
                if sent {
                    inflight.insert(id, Inflight::Ack(Some(reply)));
                } else {
                    let _ = reply.send(Ok(()));
                }
                sent
            }
        }
    }

    async fn send_probe(&mut self, conn: &mut Conn, inflight: &mut HashMap<u64, Inflight>) -> bool {
        let id = conn.id();
        let text = health::dgp_frame(id, conn.db());
        inflight.insert(
            id,
            Inflight::Probe {
                deadline: Instant::now() + self.options.timeout,
            },
        );
        conn.ws.send(Message::text(text)).await.is_ok()
    }

    /// Serves calls on a live connection until it fails, a better one is ready,
    /// or every client handle is gone.
    async fn serve(&mut self, conn: &mut Conn) -> Exit {
        let t = self.options.timeout;
        let mut inflight: HashMap<u64, Inflight> = HashMap::new();
        let mut last_frame = Instant::now();
        let mut next_check = Instant::now() + self.options.recheck;
        let lag_every = self
            .options
            .lag_check
            .filter(|_| self.urls.len() > 1)
            .map(|d| d.max(Duration::from_millis(100)));
        let mut next_survey = lag_every.map(|d| Instant::now() + d);
        let mut adopt: Option<(Box<Conn>, String, Instant)> = None;
        // Subscriptions made after this connection was set up (in the background).
        self.subs.retain(|s| !s.sink.is_closed());
        let missing: Vec<(u64, &'static str, Value)> = self
            .sub_calls()
            .into_iter()
            .filter(|(cb, _, _)| !conn.subscribed.contains(cb))
            .collect();
        for (cb, method, args) in missing {
            let id = conn.id();
            inflight.insert(id, Inflight::Ack(None));
            conn.subscribed.push(cb);
            if conn
                .ws
                .send(Message::text(frame::call(id, conn.db(), method, args)))
                .await
                .is_err()
            {
                return Exit::Lost("connection lost while subscribing".into());
            }
        }
        let exit = loop {
            // An adoption waits until the calls in flight are answered.
            if let Some((_, _, until)) = &adopt {
                let busy = inflight
                    .values()
                    .any(|f| matches!(f, Inflight::Call { .. }));
                if !busy || Instant::now() >= *until {
                    if let Some((new, reason, _)) = adopt.take() {
                        break Exit::Adopt { conn: new, reason };
                    }
                }
            } else if let Some(cmd) = self.queued.pop_front() {
                if !self.send_cmd(conn, cmd, &mut inflight).await {
                    break Exit::Lost("connection lost while sending".into());
                }
                continue;
            }
            // The earliest thing to look at.
            let probing = inflight
                .values()
                .any(|f| matches!(f, Inflight::Probe { .. }));
            let mut wake = next_check;
            if !probing {
                wake = wake.min(last_frame + t);
            }
            if let Some(s) = next_survey {
                wake = wake.min(s);
            }
            if let Some((_, _, until)) = &adopt {
                wake = wake.min(*until);
            }
            for f in inflight.values() {
                match f {
                    Inflight::Call {
                        call, sent, probed, ..
                    } => {
                        let at = if *probed || call.limit < t {
                            *sent + call.limit
                        } else {
                            *sent + t
                        };
                        wake = wake.min(at);
                    }
                    Inflight::Probe { deadline } => wake = wake.min(*deadline),
                    Inflight::Ack(_) => {}
                }
            }
            let event = tokio::select! {
                c = self.rx.recv(), if adopt.is_none() => Wake::Cmd(c),
                m = conn.ws.next() => Wake::Frame(m),
                Some(b) = self.bg_rx.recv() => Wake::Bg(b),
                _ = tokio::time::sleep_until(wake) => Wake::Timer,
            };
            match event {
                Wake::Cmd(None) => break Exit::Closed,
                Wake::Cmd(Some(cmd)) => {
                    if !self.send_cmd(conn, cmd, &mut inflight).await {
                        break Exit::Lost("connection lost while sending".into());
                    }
                }
                Wake::Frame(None) | Wake::Frame(Some(Err(_))) => {
                    break Exit::Lost("connection lost".into())
                }
                Wake::Frame(Some(Ok(Message::Close(_)))) => {
                    break Exit::Lost("the node closed the connection".into())
                }
                Wake::Frame(Some(Ok(Message::Text(text)))) => {
                    last_frame = Instant::now();
                    match frame::parse(&text) {
                        Some(Incoming::Reply { id, result }) => match inflight.remove(&id) {
                            Some(Inflight::Call { call, .. }) => {
                                let method = call.method;
                                let _ = call.reply.send(result.map_err(|(message, data)| {
                                    Error::Remote {
                                        method,
                                        message,
                                        data,
                                    }
                                }));
                            }
                            Some(Inflight::Probe { .. }) => {
                                if let Some(h) = result.ok().as_ref().and_then(Head::from_dgp) {
                                    conn.head = h;
                                    self.after_probe(conn);
                                }
                            }
                            Some(Inflight::Ack(Some(r))) => {
                                let _ = r.send(result.map(|_| ()).map_err(|(message, data)| {
                                    Error::Remote {
                                        method: "subscribe".into(),
                                        message,
                                        data,
                                    }
                                }));
                            }
                            Some(Inflight::Ack(None)) | None => {}
                        },
                        Some(Incoming::Notice { callback, payload }) => {
                            self.deliver(callback, payload)
                        }
                        None => tracing::warn!(url = %conn.url, "ignoring a malformed frame"),
                    }
                }
                Wake::Frame(Some(Ok(_))) => last_frame = Instant::now(),
                Wake::Bg(Bg::Found { conn: new, reason }) => {
                    if adopt.is_none() && new.index != conn.index {
                        adopt = Some((new, reason, Instant::now() + t));
                    }
                }
                Wake::Bg(Bg::Failed(list)) => {
                    for (i, reason) in list {
                        if i != conn.index {
                            self.mark_down(i, reason, false);
                        }
                    }
                }
                Wake::Bg(Bg::Survey(heads)) => self.after_survey(conn, heads),
                Wake::Timer => {
                    let now = Instant::now();
                    let mut lost = None;
                    let mut need_probe = false;
                    let mut expired = Vec::new();
                    for (id, f) in inflight.iter_mut() {
                        match f {
                            Inflight::Probe { deadline } if now >= *deadline => {
                                lost = Some(format!(
                                    "no answer to a health probe within {:.1} s",
                                    t.as_secs_f64()
                                ));
                            }
                            Inflight::Call { call, sent, probed } => {
                                if call.limit == t && now >= *sent + t {
                                    lost = Some(format!(
                                        "no answer to {} within {:.1} s",
                                        call.method,
                                        t.as_secs_f64()
                                    ));
                                } else if call.limit < t && now >= *sent + call.limit {
                                    // The caller's own shorter limit: it gets its timeout;
                                    // the node is judged at the per-request timeout.
                                    expired.push(*id);
                                } else if call.limit > t && !*probed && now >= *sent + t {
                                    *probed = true;
                                    need_probe = true;
                                } else if *probed && now >= *sent + call.limit {
                                    expired.push(*id);
                                }
                            }
                            _ => {}
                        }
                    }
                    if let Some(reason) = lost {
                        break Exit::Lost(reason);
                    }
                    for id in expired {
                        if let Some(Inflight::Call { call, sent, .. }) = inflight.remove(&id) {
                            if call.limit < t {
                                // Still owed an answer within the per-request timeout.
                                inflight.insert(id, Inflight::Probe { deadline: sent + t });
                            }
                            let _ = call.reply.send(Err(Error::Timeout {
                                method: call.method,
                                timeout: call.limit,
                            }));
                        }
                    }
                    let probing = inflight
                        .values()
                        .any(|f| matches!(f, Inflight::Probe { .. }));
                    if !probing && (need_probe || now >= last_frame + t || now >= next_check) {
                        if !self.send_probe(conn, &mut inflight).await {
                            break Exit::Lost("connection lost while sending".into());
                        }
                        last_frame = now;
                    }
                    if now >= next_check {
                        next_check = now + self.options.recheck;
                        if conn.index > 0 && !self.on_stale {
                            let name = &self.urls[0];
                            self.search(
                                (0..conn.index).collect(),
                                conn.head.head_block_number,
                                format!("{name} passed a health check"),
                            );
                        } else if self.on_stale {
                            self.search_fresh(conn);
                        }
                    }
                    if let (Some(s), Some(every)) = (next_survey, lag_every) {
                        if now >= s {
                            next_survey = Some(now + every);
                            self.survey();
                        }
                    }
                }
            }
        };
        // Calls in flight on a failed node go to the next one (each node once).
        let n = self.urls.len();
        let mut requeue = Vec::new();
        for (_, f) in inflight.drain() {
            // A subscription is recorded: it is restored on the next connection.
            if let Inflight::Ack(Some(reply)) = f {
                let _ = reply.send(Ok(()));
                continue;
            }
            if let Inflight::Call { mut call, .. } = f {
                call.tries += 1;
                match &exit {
                    Exit::Lost(reason) if call.tries >= n => {
                        let method = call.method.clone();
                        let err = if reason.starts_with("no answer") {
                            Error::Timeout {
                                method,
                                timeout: call.limit,
                            }
                        } else {
                            Error::ConnectionLost {
                                method,
                                url: conn.url.clone(),
                            }
                        };
                        let _ = call.reply.send(Err(err));
                    }
                    Exit::Closed => {}
                    _ => requeue.push(call),
                }
            }
        }
        for c in requeue.into_iter().rev() {
            self.queued.push_front(Cmd::Call(c));
        }
        exit
    }

    /// After a probe answered: a stale head makes the client look for a fresh node.
    fn after_probe(&mut self, conn: &Conn) {
        let stale = conn.head.is_stale(self.options.max_lag);
        if stale && !self.on_stale {
            self.mark_down(conn.index, stale_reason(&conn.head), true);
            self.on_stale = true;
            self.search_fresh(conn);
        } else if !stale && self.on_stale {
            self.on_stale = false;
            self.unmark(conn.index);
        }
    }

    fn search_fresh(&mut self, conn: &Conn) {
        let others: Vec<usize> = (0..self.urls.len()).filter(|i| *i != conn.index).collect();
        self.search(
            others,
            0,
            format!("{} is stale: {}", conn.url, stale_reason(&conn.head)),
        );
    }

    fn after_survey(&mut self, conn: &Conn, heads: Vec<std::result::Result<Head, String>>) {
        let answered: Vec<Option<Head>> = heads.iter().map(|h| h.as_ref().ok().copied()).collect();
        let behind = health::behind(&answered);
        let best_head = answered
            .iter()
            .flatten()
            .map(|h| h.head_block_number)
            .max()
            .unwrap_or(0);
        let best_lib = answered
            .iter()
            .flatten()
            .map(|h| h.last_irreversible_block_num)
            .max()
            .unwrap_or(0);
        let limit = self.options.max_block_lag;
        for (i, h) in heads.iter().enumerate() {
            match (h, behind[i]) {
                (Err(reason), _) => {
                    if i != conn.index {
                        self.mark_down(i, reason.clone(), false);
                    }
                }
                (Ok(head), Some((b, lib_b))) => {
                    if i != conn.index && self.marks[i].down.is_some() {
                        self.unmark(i);
                    }
                    let lagging = b > limit || lib_b > limit;
                    if lagging && !self.marks[i].lagging {
                        self.marks[i].lagging = true;
                        self.emit(NodeEvent::NodeLag {
                            url: self.urls[i].clone(),
                            head_block_number: head.head_block_number,
                            last_irreversible_block_num: head.last_irreversible_block_num,
                            best_head_block_number: best_head,
                            best_last_irreversible_block_num: best_lib,
                            behind: b,
                        });
                        if i == conn.index {
                            let others: Vec<usize> = (0..self.urls.len())
                                .filter(|j| {
                                    *j != i
                                        && behind[*j].is_some_and(|(x, y)| x <= limit && y <= limit)
                                })
                                .collect();
                            self.search(
                                others,
                                best_head,
                                format!("{} is {b} block(s) behind", conn.url),
                            );
                        }
                    } else if !lagging && self.marks[i].lagging {
                        self.marks[i].lagging = false;
                        self.emit(NodeEvent::NodeCaughtUp {
                            url: self.urls[i].clone(),
                            head_block_number: head.head_block_number,
                        });
                    }
                }
                (Ok(_), None) => {}
            }
        }
    }
}

fn stale_reason(h: &Head) -> String {
    format!(
        "stale: head block {} is {} s old",
        h.head_block_number,
        h.age_secs()
    )
}

/// Connects to `url`: websocket handshake, login, api ids, the head, and the
/// subscriptions `subs` (callback, method, args). Each step has `limit`.
/// Returns the connection and the notices that arrived meanwhile.
async fn open(
    url: &str,
    index: usize,
    limit: Duration,
    subs: &[(u64, &'static str, Value)],
) -> std::result::Result<(Conn, Vec<(u64, Value)>), String> {
    // Requests are pipelined on one connection: without TCP_NODELAY a second
    // small frame waits for the first one's (delayed) ACK, ~40 ms each.
    let ws = match timeout(
        limit,
        tokio_tungstenite::connect_async_with_config(url, None, true),
    )
    .await
    {
        Ok(Ok((ws, _))) => ws,
        Ok(Err(e)) => return Err(format!("cannot connect: {e}")),
        Err(_) => {
            return Err(format!(
                "no websocket handshake within {:.1} s",
                limit.as_secs_f64()
            ))
        }
    };
    let mut conn = Conn {
        ws,
        index,
        url: url.to_string(),
        api_ids: HashMap::new(),
        next_id: 1,
        head: Head::default(),
        subscribed: Vec::new(),
    };
    let mut notices = Vec::new();
    // Login and the api ids, pipelined.
    let names = [
        "login",
        "database",
        "network_broadcast",
        "history",
        "bookie",
    ];
    let calls: Vec<(u64, String)> = names
        .iter()
        .map(|n| {
            let id = conn.id();
            let args = if *n == "login" {
                json!(["", ""])
            } else {
                json!([])
            };
            (id, frame::call(id, json!(1), n, args))
        })
        .collect();
    let replies = batch(&mut conn, calls.clone(), limit, &mut notices).await?;
    for ((id, _), name) in calls.iter().zip(names) {
        match (name, replies.get(id)) {
            ("login", Some(Err(m))) => return Err(format!("login refused: {m}")),
            ("login", _) => {}
            (_, Some(Ok(v))) => {
                if let Some(n) = frame::number(v) {
                    conn.api_ids.insert(name.to_string(), n);
                }
            }
            _ => {}
        }
    }
    // The head, and the subscriptions restored.
    let db = conn.db();
    let head_id = conn.id();
    let mut calls = vec![(head_id, health::dgp_frame(head_id, db.clone()))];
    for (cb, method, args) in subs {
        let id = conn.id();
        calls.push((id, frame::call(id, db.clone(), method, args.clone())));
        conn.subscribed.push(*cb);
    }
    let replies = batch(&mut conn, calls.clone(), limit, &mut notices).await?;
    for (id, _) in &calls {
        if let Some(Err(m)) = replies.get(id) {
            return Err(format!("refused a request while connecting: {m}"));
        }
    }
    conn.head = replies
        .get(&head_id)
        .and_then(|r| r.as_ref().ok())
        .and_then(Head::from_dgp)
        .ok_or("its dynamic global properties have no head block or time")?;
    Ok((conn, notices))
}

/// Sends `calls` at once and waits (within `limit`) for all their replies.
async fn batch(
    conn: &mut Conn,
    calls: Vec<(u64, String)>,
    limit: Duration,
    notices: &mut Vec<(u64, Value)>,
) -> std::result::Result<HashMap<u64, std::result::Result<Value, String>>, String> {
    let fut = async {
        let mut want: Vec<u64> = Vec::new();
        for (id, text) in calls {
            conn.ws
                .send(Message::text(text))
                .await
                .map_err(|e| format!("connection failed: {e}"))?;
            want.push(id);
        }
        let mut out = HashMap::new();
        while out.len() < want.len() {
            match conn.ws.next().await {
                None => return Err("closed the connection".to_string()),
                Some(Err(e)) => return Err(format!("connection failed: {e}")),
                Some(Ok(Message::Text(t))) => match frame::parse(&t) {
                    Some(Incoming::Reply { id, result }) if want.contains(&id) => {
                        out.insert(id, result.map_err(|(m, _)| m));
                    }
                    Some(Incoming::Notice { callback, payload }) => {
                        notices.push((callback, payload))
                    }
                    _ => {}
                },
                Some(Ok(Message::Close(_))) => return Err("closed the connection".to_string()),
                Some(Ok(_)) => {}
            }
        }
        Ok(out)
    };
    match timeout(limit, fut).await {
        Ok(r) => r,
        Err(_) => Err(format!(
            "no answer within {:.1} s while connecting",
            limit.as_secs_f64()
        )),
    }
}

/// The head of the node at `url`, over a connection of its own (closed after).
pub async fn probe_url(url: &str, limit: Duration) -> std::result::Result<Head, String> {
    let (mut conn, _) = open(url, 0, limit, &[]).await?;
    let head = conn.head;
    let _ = timeout(limit, conn.ws.close(None)).await;
    Ok(head)
}

/// The heads of all `urls` at once, each over a connection of its own.
pub async fn survey(urls: &[String], limit: Duration) -> Vec<std::result::Result<Head, String>> {
    futures_util::future::join_all(urls.iter().map(|u| probe_url(u, limit))).await
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
