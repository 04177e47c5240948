//! `bos watch-witness WITNESS --key PUB --key PUB ...`: follow the chain by
//! block notices, count the witness's missed blocks in a sliding window, and at
//! the threshold switch its signing key to the next key of the list (with
//! `new_initial_secret`). Every decision is one JSON line on stdout.
//!
//! `--once --state FILE` is the cron form: one sample, the state kept in FILE,
//! and the exit code says what happened (0 healthy, 10 switched, 11 would
//! switch, 12 node unreachable, 13 switching stopped, 14 stale; otherwise the
//! general codes: see `cli::error::EXIT_CODES`).

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use clap::Args;
use serde_json::json;

use super::error::{
    EXIT_SWITCHED, EXIT_WATCH_BLOCKED, EXIT_WATCH_STALE, EXIT_WATCH_UNREACHABLE, EXIT_WOULD_SWITCH,
};
use super::node::runtime;
use super::{output, CliError, Settings};
use crate::protocol::PublicKey;
use crate::rpc::health::lag_report;
use crate::rpc::{Client, EventSink, NodeEvent, Options};
use crate::witness::notify::{self, Notifier};
use crate::witness::watch::once_unreachable;
use crate::witness::{
    failover, state_file, Context, Event, Notify, Outcome, Policy, Reporter, State, Watcher,
};

#[derive(Args, Debug)]
pub struct WatchArgs {
    /// Witness account name, account id (1.2.x) or witness id (1.6.x)
    pub witness: String,
    /// A signing key to rotate over, in order; repeat for each node (at least
    /// two different keys: the primary's too, so the rotation can come back to it)
    #[arg(long = "key", value_name = "PUBKEY", required = true)]
    pub keys: Vec<String>,
    /// Missed blocks inside the window that trigger a switch (>=)
    #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u32).range(1..))]
    pub threshold: u32,
    /// Width of the sliding window, in seconds (chain time)
    #[arg(long, value_name = "SECS", default_value_t = 600, value_parser = clap::value_parser!(u32).range(1..))]
    pub window: u32,
    /// No other switch within this many seconds after a switch
    #[arg(long, value_name = "SECS", default_value_t = 300)]
    pub cooldown: u32,
    /// After a full rotation over the keys without a block produced by the
    /// witness, stop switching for this many seconds (chain time), then try one
    /// switch per doubled wait (at most a day) until it produces again
    #[arg(long, value_name = "SECS", default_value_t = 3600, value_parser = clap::value_parser!(u32).range(1..))]
    pub rotation_backoff: u32,
    /// Decide and report, but never sign or broadcast (no wallet needed);
    /// -d and -x mean the same here
    #[arg(long)]
    pub dry_run: bool,
    /// Run this shell command once per change of state (and per reminder), one
    /// at a time and in order, with the event as JSON on stdin and in
    /// BOS_EVENT, BOS_EVENT_JSON, BOS_MESSAGE, BOS_WITNESS, BOS_SIGNING_KEY, ...
    #[arg(long, value_name = "CMD")]
    pub notify_cmd: Option<String>,
    /// POST the same notifications as JSON to this URL
    #[arg(long, value_name = "URL")]
    pub webhook: Option<String>,
    /// While a problem lasts (missing blocks, node unreachable, stale, ...),
    /// notify it again this often; 0 turns reminders off
    #[arg(long, value_name = "SECS", default_value_t = 3600)]
    pub remind_every: u64,
    /// Take one sample, decide, act, and exit (cron); needs --state
    #[arg(long, requires = "state")]
    pub once: bool,
    /// Keep the window, the last switch, open problems and the last values seen
    /// in this file (written atomically); with --once it carries them between runs
    #[arg(long, value_name = "FILE")]
    pub state: Option<PathBuf>,
    /// A head block older than this raises a stale alarm, and such a node is
    /// left for another --node; 0 turns it off
    #[arg(long, value_name = "SECS", default_value_t = 60)]
    pub stale_after: u64,
    /// Failed samples (or --once runs) in a row before the unreachable notification
    #[arg(long, value_name = "N", default_value_t = 3, value_parser = clap::value_parser!(u32).range(1..))]
    pub retries: u32,
    /// Sample at least this often, even without block notices
    #[arg(long, value_name = "SECS", default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..))]
    pub heartbeat: u64,
    /// Seconds the new key has to appear on chain before the switch is reported failed
    #[arg(long, value_name = "SECS", default_value_t = 120, value_parser = clap::value_parser!(u32).range(1..))]
    pub confirm_timeout: u32,
    /// With several --node, compare their head and last irreversible blocks
    /// this often (node_lag); 0 turns it off
    #[arg(long, value_name = "SECS", default_value_t = 60)]
    pub lag_check: u64,
    /// Blocks a node may be behind the best --node before it is a node_lag
    /// (and left, when it is the one in use)
    #[arg(long, value_name = "BLOCKS", default_value_t = 3)]
    pub max_node_lag: u32,
    /// Do not record the samples (witness.NAME.total_missed, .missed_in_window)
    /// as time series in the store of --db (see `bos history`)
    #[arg(long)]
    pub no_record: bool,
}

/// Prints events as JSON lines, records samples, and queues notifications.
struct Sink {
    witness: Mutex<String>,
    /// Notifications, delivered one at a time in order (`None`: none configured).
    queue: Mutex<Option<notify::Queue>>,
    /// The series store samples are recorded in (`None`: not recorded).
    track: Mutex<Option<crate::track::Store>>,
}

fn now_text() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

impl Sink {
    fn name(&self) -> String {
        self.witness.lock().map(|w| w.clone()).unwrap_or_default()
    }

    fn log(&self, e: Event) {
        self.record(&e);
        let v = e.json(&self.name(), &now_text());
        output::line(&v.to_string());
    }

    /// Queues the notification of `e`: its JSON with the context every
    /// notification carries (the signing key, missed blocks in the window, the
    /// head, the node) where the event has no such field of its own.
    fn notify(&self, e: &Event, cx: &Context) {
        let Ok(q) = self.queue.lock() else { return };
        let Some(q) = q.as_ref() else { return };
        let name = self.name();
        let mut v = e.json(&name, &now_text());
        if let Some(m) = v.as_object_mut() {
            let mut put = |k: &str, val: serde_json::Value| {
                if !m.contains_key(k) {
                    m.insert(k.to_string(), val);
                }
            };
            put("signing_key", json!(cx.signing_key));
            put("missed_in_window", json!(cx.missed_in_window));
            put("head_block_number", json!(cx.head_block_number));
            put("node", json!(cx.node));
        }
        q.push(v, e.name(), e.message(&name));
    }

    /// Records a sample's values as time series at its head time; a failure is
    /// a warning on stderr (the JSON log on stdout stays the watch's) and the watch goes on.
    fn record(&self, e: &Event) {
        let Event::Sample {
            head_time,
            total_missed,
            missed_in_window,
            ..
        } = e
        else {
            return;
        };
        let Ok(t) = crate::protocol::TimePointSec::parse(head_time) else {
            return;
        };
        let ts = t.0 as i64 * 1000;
        let name = self.name();
        let series = |m: &str| crate::track::series::witness(&name, m);
        let samples = [
            crate::track::Sample::new(series("total_missed"), ts, *total_missed as f64),
            crate::track::Sample::new(series("missed_in_window"), ts, *missed_in_window as f64),
        ];
        let r = match self.track.lock() {
            Ok(mut t) => match t.as_mut() {
                Some(store) => store.insert(&samples).map(|_| ()),
                None => return,
            },
            Err(_) => return,
        };
        if let Err(err) = r {
            output::warn(&format!("sample not recorded: {err}"));
        }
    }

    /// Delivers the notifications still queued (before exiting).
    async fn flush(&self) {
        let q = self.queue.lock().ok().and_then(|mut q| q.take());
        if let Some(mut q) = q {
            q.finish().await;
        }
    }
}

/// The --key list: public keys, at least two, no key twice.
fn parse_keys(keys: &[String]) -> Result<Vec<PublicKey>, CliError> {
    let mut out: Vec<PublicKey> = Vec::new();
    for k in keys {
        let pk = PublicKey::parse(k).map_err(|e| CliError::Usage(format!("--key {k}: {e}")))?;
        if out.contains(&pk) {
            return Err(CliError::Usage(format!(
                "--key {k} is given twice: give each signing key once, in the order to rotate over"
            )));
        }
        out.push(pk);
    }
    if out.len() < 2 {
        return Err(CliError::Usage(
            "give at least two different --key: the signing key in use and a backup to switch to"
                .into(),
        ));
    }
    Ok(out)
}

impl WatchArgs {
    pub fn run(self, g: &Settings) -> Result<(), CliError> {
        let keys = parse_keys(&self.keys)?;
        let notifier = Notifier::new(
            self.notify_cmd.clone(),
            self.webhook.clone(),
            Duration::from_secs(10),
        )?;
        let stale_after = (self.stale_after > 0).then(|| Duration::from_secs(self.stale_after));
        let remind_every = (self.remind_every > 0).then(|| Duration::from_secs(self.remind_every));
        let once = self.once;
        let result = runtime()?.block_on(async {
            let (events, node_events) = EventSink::channel();
            let urls = g.nodes.clone();
            let timeout = g.node_timeout;
            let client = Client::new(
                urls.clone(),
                Options {
                    timeout,
                    backoff_max: Duration::from_secs(2),
                    max_lag: stale_after,
                    lag_check: (self.lag_check > 0).then(|| Duration::from_secs(self.lag_check)),
                    max_block_lag: self.max_node_lag,
                    events: Some(events.clone()),
                    ..Options::default()
                },
            )?;
            // The log and the notifications (failures of the latter are logged only).
            let witness_name = self.witness.clone();
            let queue = (!notifier.is_empty()).then(|| {
                let w = witness_name.clone();
                notify::Queue::start(notifier, move |err| {
                    let line = Event::Error {
                        message: err.to_string(),
                        failures: None,
                    }
                    .json(&w, &now_text());
                    output::line(&line.to_string());
                })
            });
            let sink = Arc::new(Sink {
                witness: Mutex::new(witness_name),
                queue: Mutex::new(queue),
                track: Mutex::new(None),
            });
            let to_queue = sink.clone();
            let notify: Notify = Arc::new(move |e: &Event, cx: &Context| to_queue.notify(e, cx));
            let info = match failover::find_witness(&client, &self.witness).await {
                Ok(i) => i,
                Err(e) if self.once && e.is_unreachable() => {
                    // Counted across runs like a failed sample (unreachable after --retries).
                    let reporter = Reporter {
                        witness: &self.witness,
                        signing_key: "unknown (no sample yet)",
                        notify: Some(&notify),
                        remind_every,
                        node: None,
                    };
                    let mut log = |ev: Event| sink.log(ev);
                    let r = once_unreachable(
                        self.state.as_deref(),
                        &reporter,
                        self.retries,
                        &e.to_string(),
                        &mut log,
                    );
                    sink.flush().await;
                    r?;
                    return Err(CliError::Status {
                        code: EXIT_WATCH_UNREACHABLE,
                        message: e.to_string(),
                    });
                }
                Err(e) => return Err(e.into()),
            };
            if let Ok(mut w) = sink.witness.lock() {
                *w = info.account_name.clone();
            }
            let policy = Policy {
                threshold: self.threshold,
                window: self.window,
                cooldown: self.cooldown,
                keys: keys
                    .iter()
                    .map(|k| k.to_string_with_prefix(&info.prefix))
                    .collect(),
                confirm_timeout: self.confirm_timeout,
                backoff: self.rotation_backoff,
            };
            let dry_run = self.dry_run || g.nobroadcast || g.unsigned;
            let signer = if dry_run {
                None
            } else {
                let chain = crate::chain::Chain::new(client.clone())
                    .with_prefix(Some(info.prefix.clone()));
                Some(
                    super::node::sender(
                        g,
                        &chain,
                        &[&info.account_name],
                        crate::chain::Mode::Broadcast,
                    )
                    .await?,
                )
            };
            let state = match &self.state {
                Some(p) => state_file::load(p, &info.id)?,
                None => State {
                    witness: Some(info.id.clone()),
                    ..State::default()
                },
            };
            // No store path at all (no --db, BOS_DB or HOME): nothing is recorded.
            let db = g.db_path().ok().filter(|_| !self.no_record);
            let track = match db {
                None => None,
                Some(p) => match crate::track::Store::open(&p) {
                    Ok(s) => Some(s),
                    Err(e) => {
                        output::warn(&format!("samples will not be recorded: {e}"));
                        None
                    }
                },
            };
            if let Ok(mut t) = sink.track.lock() {
                *t = track;
            }
            let watcher = Watcher {
                client,
                witness: info,
                policy,
                signer,
                expiration: g.expiration,
                stale_after,
                retries: self.retries,
                heartbeat: Duration::from_secs(self.heartbeat),
                state_path: self.state.clone(),
                node_events: Some(tokio::sync::Mutex::new(node_events)),
                notify: Some(notify),
                remind_every,
            };
            let mut emit = |e: Event| sink.log(e);
            if self.once {
                let mut state = state;
                // A cron run is too short for the client's periodic comparison: compare once.
                if urls.len() > 1 && self.lag_check > 0 {
                    let heads = crate::rpc::survey(&urls, timeout).await;
                    for (url, head, lag) in lag_report(&urls, &heads, self.max_node_lag) {
                        match lag {
                            Some(e) => events.send(e),
                            None if state.alerts.is_open(&format!("node_lag {url}")) => events
                                .send(NodeEvent::NodeCaughtUp {
                                    url,
                                    head_block_number: head.head_block_number,
                                }),
                            None => {}
                        }
                    }
                }
                let r = watcher.once(&mut state, &mut emit).await;
                sink.flush().await;
                return match r {
                    Ok(Outcome::Healthy) => Ok(()),
                    Ok(o) => Err(CliError::Status {
                        code: once_code(o),
                        message: String::new(),
                    }),
                    Err(e) if e.is_unreachable() => Err(CliError::Status {
                        code: EXIT_WATCH_UNREACHABLE,
                        message: e.to_string(),
                    }),
                    Err(e) => Err(e.into()),
                };
            }
            let stop = super::signal::stop_signal();
            emit(watcher.start_event());
            let r = tokio::select! {
                r = watcher.run(state, &mut emit) => r.map_err(CliError::from),
                _ = stop => {
                    output::line(&json!({"event": "stop", "witness": sink.name(), "ts": now_text()}).to_string());
                    Ok(())
                }
            };
            sink.flush().await;
            r
        });
        // In cron mode a node that cannot be reached at any step is 12, not 4.
        match result {
            Err(e) if once && e.exit_code() == super::error::EXIT_NODE_UNREACHABLE => {
                Err(CliError::Status {
                    code: EXIT_WATCH_UNREACHABLE,
                    message: e.to_string(),
                })
            }
            other => other,
        }
    }
}

/// The exit status of `--once` for an outcome other than healthy.
fn once_code(o: Outcome) -> i32 {
    match o {
        Outcome::Healthy => super::error::EXIT_OK,
        Outcome::Switched => EXIT_SWITCHED,
        Outcome::WouldSwitch => EXIT_WOULD_SWITCH,
        Outcome::Blocked => EXIT_WATCH_BLOCKED,
        Outcome::Stale => EXIT_WATCH_STALE,
    }
}
