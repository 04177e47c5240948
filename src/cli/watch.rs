//! `bos watch-witness WITNESS --key PUB --key PUB ...`: follow the chain by
//! block notices, count the witness's missed blocks in a sliding window, and at
//! the threshold switch its signing key to the next key of the list (with
//! `new_initial_secret`). Every decision is one JSON line on stdout.
//!
//! `--once --state FILE` is the cron form: one sample, the state kept in FILE,
//! and the exit code says what happened (0 healthy, 10 switched, 11 would
//! switch, 12 node unreachable, 1 other error).

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use clap::Args;
use serde_json::json;

use super::chain::{node_urls, runtime};
use super::error::{EXIT_SWITCHED, EXIT_WATCH_UNREACHABLE, EXIT_WOULD_SWITCH};
use super::{output, CliError, GlobalArgs};
use crate::protocol::PublicKey;
use crate::rpc::{Client, Options};
use crate::witness::notify::Notifier;
use crate::witness::{failover, state_file, Event, Outcome, Policy, State, Watcher};

#[derive(Args, Debug)]
pub struct WatchArgs {
    /// Witness account name, account id (1.2.x) or witness id (1.6.x)
    pub witness: String,
    /// A signing key to rotate over, in order; repeat for each node (the
    /// primary's key too, so the rotation can come back to it)
    #[arg(long = "key", value_name = "PUBKEY", required = true)]
    pub keys: Vec<String>,
    /// Missed blocks inside the window that trigger a switch (>=)
    #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u32).range(1..))]
    pub threshold: u32,
    /// Width of the sliding window, in seconds (chain time)
    #[arg(long, value_name = "SECS", default_value_t = 600)]
    pub window: u32,
    /// No other switch within this many seconds after a switch
    #[arg(long, value_name = "SECS", default_value_t = 300)]
    pub cooldown: u32,
    /// Decide and report, but never sign or broadcast (no wallet needed);
    /// -d and -x mean the same here
    #[arg(long)]
    pub dry_run: bool,
    /// Run this shell command for every event but samples, with the event as
    /// JSON on stdin and in BOS_EVENT, BOS_EVENT_JSON, BOS_MESSAGE, BOS_WITNESS, ...
    #[arg(long, value_name = "CMD")]
    pub notify_cmd: Option<String>,
    /// POST every event but samples as JSON to this URL
    #[arg(long, value_name = "URL")]
    pub webhook: Option<String>,
    /// Take one sample, decide, act, and exit (cron); needs --state
    #[arg(long, requires = "state")]
    pub once: bool,
    /// Keep the window, the last switch and the last values seen in this file
    /// (written atomically); with --once it carries them between runs
    #[arg(long, value_name = "FILE")]
    pub state: Option<PathBuf>,
    /// A head block older than this raises a stale alarm, and such a node is
    /// left for another --node; 0 turns it off
    #[arg(long, value_name = "SECS", default_value_t = 60)]
    pub stale_after: u64,
    /// Failed samples in a row before the unreachable notification
    #[arg(long, value_name = "N", default_value_t = 3)]
    pub retries: u32,
    /// Sample at least this often, even without block notices
    #[arg(long, value_name = "SECS", default_value_t = 10)]
    pub heartbeat: u64,
    /// Seconds the new key has to appear on chain before the switch is reported failed
    #[arg(long, value_name = "SECS", default_value_t = 120)]
    pub confirm_timeout: u32,
    /// Read the wallet password from this file (first line); otherwise
    /// BOS_WALLET_PASSWORD, UNLOCK, then a hidden prompt
    #[arg(long, value_name = "FILE")]
    pub password_file: Option<PathBuf>,
    /// Do not record the samples (witness.NAME.total_missed, .missed_in_window)
    /// as time series in the store of --db (see `bos history`)
    #[arg(long)]
    pub no_record: bool,
}

/// Prints events as JSON lines and sends the notifications.
struct Sink {
    witness: String,
    notifier: Arc<Notifier>,
    pending: Arc<Mutex<Vec<tokio::task::JoinHandle<()>>>>,
    /// The series store samples are recorded in (`None`: not recorded).
    track: Option<Mutex<crate::track::Store>>,
}

fn now_text() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

impl Sink {
    fn emit(&self, e: Event) {
        self.record(&e);
        let v = e.json(&self.witness, &now_text());
        output::line(&v.to_string());
        if !e.notifies() || self.notifier.is_empty() {
            return;
        }
        let notifier = self.notifier.clone();
        let message = e.message(&self.witness);
        let witness = self.witness.clone();
        let name = e.name();
        let h = tokio::spawn(async move {
            for err in notifier.send(&v, name, &message).await {
                let line = Event::Error {
                    message: err.to_string(),
                }
                .json(&witness, &now_text());
                output::line(&line.to_string());
            }
        });
        if let Ok(mut p) = self.pending.lock() {
            p.retain(|h| !h.is_finished());
            p.push(h);
        }
    }

    /// Records a sample's values as time series at its head time; a failure is
    /// a warning on stderr (the JSON log on stdout stays the watch's) and the watch goes on.
    fn record(&self, e: &Event) {
        let (
            Some(track),
            Event::Sample {
                head_time,
                total_missed,
                missed_in_window,
                ..
            },
        ) = (&self.track, e)
        else {
            return;
        };
        let Ok(t) = crate::protocol::TimePointSec::parse(head_time) else {
            return;
        };
        let ts = t.0 as i64 * 1000;
        let series = |m: &str| crate::track::series::witness(&self.witness, m);
        let samples = [
            crate::track::Sample::new(series("total_missed"), ts, *total_missed as f64),
            crate::track::Sample::new(series("missed_in_window"), ts, *missed_in_window as f64),
        ];
        let r = match track.lock() {
            Ok(mut store) => store.insert(&samples).map(|_| ()),
            Err(_) => return,
        };
        if let Err(err) = r {
            output::warn(&format!("sample not recorded: {err}"));
        }
    }

    /// Waits for the notifications still running (cron mode exits after them).
    async fn flush(&self) {
        let handles: Vec<_> = match self.pending.lock() {
            Ok(mut p) => p.drain(..).collect(),
            Err(_) => Vec::new(),
        };
        for h in handles {
            let _ = h.await;
        }
    }
}

impl WatchArgs {
    pub fn run(self, g: &GlobalArgs) -> Result<(), CliError> {
        let keys: Vec<PublicKey> = self
            .keys
            .iter()
            .map(|k| PublicKey::parse(k).map_err(|e| CliError::Usage(format!("--key {k}: {e}"))))
            .collect::<Result<_, _>>()?;
        let notifier = Arc::new(Notifier::new(
            self.notify_cmd.clone(),
            self.webhook.clone(),
            Duration::from_secs(10),
        )?);
        let stale_after = (self.stale_after > 0).then(|| Duration::from_secs(self.stale_after));
        let once = self.once;
        let result = runtime()?.block_on(async {
            let client = Client::new(
                node_urls(g),
                Options {
                    timeout: Duration::from_secs(5),
                    backoff_max: Duration::from_secs(2),
                    max_lag: stale_after,
                    ..Options::default()
                },
            )?;
            let info = match failover::find_witness(&client, &self.witness).await {
                Ok(i) => i,
                Err(e) if self.once && e.is_unreachable() => {
                    return Err(CliError::Status {
                        code: EXIT_WATCH_UNREACHABLE,
                        message: e.to_string(),
                    })
                }
                Err(e) => return Err(e.into()),
            };
            let policy = Policy {
                threshold: self.threshold,
                window: self.window,
                cooldown: self.cooldown,
                keys: keys
                    .iter()
                    .map(|k| k.to_string_with_prefix(&info.prefix))
                    .collect(),
                confirm_timeout: self.confirm_timeout,
            };
            let dry_run = self.dry_run || g.nobroadcast || g.unsigned;
            let signer = if dry_run {
                None
            } else {
                Some(
                    super::witness::wallet_signer(
                        g,
                        &client,
                        info.account,
                        &info.account_name,
                        self.password_file.as_deref(),
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
            let db = super::config::db_path(g).ok().filter(|_| !self.no_record);
            let track = match db {
                None => None,
                Some(p) => match crate::track::Store::open(&p) {
                    Ok(s) => Some(Mutex::new(s)),
                    Err(e) => {
                        output::warn(&format!("samples will not be recorded: {e}"));
                        None
                    }
                },
            };
            let sink = Sink {
                witness: info.account_name.clone(),
                notifier,
                pending: Arc::new(Mutex::new(Vec::new())),
                track,
            };
            let watcher = Watcher {
                client,
                witness: info,
                policy,
                signer,
                expiration: g.expiration,
                stale_after,
                retries: self.retries.max(1),
                heartbeat: Duration::from_secs(self.heartbeat.max(1)),
                state_path: self.state.clone(),
            };
            let mut emit = |e: Event| sink.emit(e);
            if self.once {
                let mut state = state;
                let r = watcher.once(&mut state, &mut emit).await;
                sink.flush().await;
                return match r {
                    Ok(Outcome::Healthy) => Ok(()),
                    Ok(Outcome::Switched) => Err(CliError::Status {
                        code: EXIT_SWITCHED,
                        message: String::new(),
                    }),
                    Ok(Outcome::WouldSwitch) => Err(CliError::Status {
                        code: EXIT_WOULD_SWITCH,
                        message: String::new(),
                    }),
                    Err(e) if e.is_unreachable() => Err(CliError::Status {
                        code: EXIT_WATCH_UNREACHABLE,
                        message: e.to_string(),
                    }),
                    Err(e) => Err(CliError::Status {
                        code: super::error::EXIT_FAILURE,
                        message: e.to_string(),
                    }),
                };
            }
            emit(watcher.start_event());
            tokio::select! {
                r = watcher.run(state, &mut emit) => r.map_err(CliError::from),
                _ = tokio::signal::ctrl_c() => {
                    output::line(&json!({"event": "stop", "witness": sink.witness, "ts": now_text()}).to_string());
                    Ok(())
                }
            }
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
