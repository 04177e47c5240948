//! The watch itself: follow applied blocks by subscription, sample the witness
//! on each one, let the [`monitor`](super::monitor) decide, and act (switch, or
//! with `--dry-run` only say so). A heartbeat samples too, so a lost notice, a
//! dead node or a stale head is noticed without blocks.
//!
//! Every event goes to a sink passed in (the log); the [`alerts`](super::alerts)
//! policy picks the ones that are notified, with the same [`Context`] each, and
//! hands them to [`Watcher::notify`] in order. This module never prints.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::mpsc;
use tokio::time::Instant;

use super::error::Result;
use super::event::Event;
use super::failover::{self, WitnessInfo};
use super::monitor::{Policy, Reseed, Sample, State};
use super::state_file;
use crate::chain::Sender;
use crate::protocol::{Json, JsonCx, PublicKey, TimePointSec};
use crate::rpc::{Client, NodeEvent};

/// What one sample led to (the exit status of `--once`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Healthy,
    Switched,
    WouldSwitch,
    /// The threshold is reached and no switch is possible (switching stopped
    /// after a full rotation without a produced block).
    Blocked,
    /// The head block is older than `stale_after`, on every node.
    Stale,
}

/// What every notification carries besides its event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Context {
    /// The witness's signing key as last seen (at start: as found); never empty.
    pub signing_key: String,
    pub missed_in_window: u32,
    /// The last head block sampled.
    pub head_block_number: Option<u32>,
    /// The node in use.
    pub node: Option<String>,
}

/// Delivers one notification (called in order, one at a time).
pub type Notify = Arc<dyn Fn(&Event, &Context) + Send + Sync>;

/// Logs events, and notifies those the alert policy lets through.
pub struct Reporter<'a> {
    /// The witness name events are about.
    pub witness: &'a str,
    /// The signing key known before any sample.
    pub signing_key: &'a str,
    pub notify: Option<&'a Notify>,
    /// Reminders while a problem lasts (`None`: none).
    pub remind_every: Option<Duration>,
    pub node: Option<String>,
}

fn now_unix() -> i64 {
    chrono::Utc::now().timestamp()
}

impl Reporter<'_> {
    fn context(&self, state: &State) -> Context {
        Context {
            signing_key: state
                .last_signing_key
                .clone()
                .filter(|k| !k.is_empty())
                .unwrap_or_else(|| self.signing_key.to_string()),
            missed_in_window: state.missed_in_window(),
            head_block_number: state.last_head,
            node: self.node.clone(),
        }
    }

    /// Logs `e` and notifies it when it is news.
    pub fn out(&self, state: &mut State, sink: &mut (dyn FnMut(Event) + Send), e: Event) {
        let message = e.message(self.witness);
        let news = state.alerts.route(&e, &message, now_unix());
        if news {
            if let Some(n) = self.notify {
                n(&e, &self.context(state));
            }
        }
        sink(e);
    }

    /// Reminders of the problems that last.
    pub fn reminders(&self, state: &mut State, sink: &mut (dyn FnMut(Event) + Send)) {
        let every = self.remind_every.map_or(0, |d| d.as_secs().max(1));
        for r in state.alerts.reminders(now_unix(), every) {
            if let Some(n) = self.notify {
                n(&r, &self.context(state));
            }
            sink(r);
        }
    }

    /// A sample (or a `--once` run) failed: `error`, and `unreachable` once
    /// `retries` failed in a row.
    pub fn failed(
        &self,
        state: &mut State,
        retries: u32,
        error: &str,
        sink: &mut (dyn FnMut(Event) + Send),
    ) {
        state.failures = state.failures.saturating_add(1);
        let failures = state.failures;
        self.out(
            state,
            sink,
            Event::Error {
                message: error.to_string(),
                failures: Some(failures),
            },
        );
        if failures == retries.max(1) {
            self.out(
                state,
                sink,
                Event::Unreachable {
                    failures,
                    last_error: error.to_string(),
                },
            );
        }
    }

    /// A sample succeeded: `reconnected` after failures.
    pub fn succeeded(&self, state: &mut State, sink: &mut (dyn FnMut(Event) + Send)) {
        state.alerts.note_node(self.node.clone());
        if state.failures > 0 {
            let failures = state.failures;
            state.failures = 0;
            self.out(
                state,
                sink,
                Event::Reconnected {
                    url: self.node.clone().unwrap_or_default(),
                    failures,
                },
            );
        }
    }
}

/// A configured watcher.
pub struct Watcher {
    pub client: Client,
    pub witness: WitnessInfo,
    pub policy: Policy,
    /// `None` is a dry run: decisions are announced, nothing is signed or broadcast.
    /// The sender signs with the witness account's active key and carries the
    /// switch transaction's expiration.
    pub signer: Option<Sender>,
    /// Expiration of the switch transaction, seconds after the head block.
    pub expiration: u32,
    /// A head block older than this (wall clock) raises a `stale` alarm.
    pub stale_after: Option<Duration>,
    /// Consecutive failed samples before an `unreachable` notification.
    pub retries: u32,
    /// Sample at least this often even without block notices.
    pub heartbeat: Duration,
    /// Where the state is kept between runs (written after every change).
    pub state_path: Option<PathBuf>,
    /// The client's node events (`Options::events` made with `EventSink::channel`):
    /// logged and notified like the watcher's own.
    pub node_events: Option<tokio::sync::Mutex<mpsc::UnboundedReceiver<NodeEvent>>>,
    /// Where notifications go (in order); `None`: nowhere.
    pub notify: Option<Notify>,
    /// A reminder at this interval while a problem lasts.
    pub remind_every: Option<Duration>,
}

impl Watcher {
    /// The `start` event.
    pub fn start_event(&self) -> Event {
        Event::Start {
            witness_id: self.witness.id.clone(),
            account: self.witness.account_name.clone(),
            signing_key: self.witness.signing_key.clone(),
            keys: self.policy.keys.clone(),
            threshold: self.policy.threshold,
            window: self.policy.window,
            cooldown: self.policy.cooldown,
            dry_run: self.signer.is_none(),
        }
    }

    /// The reporter of this watch.
    pub fn reporter(&self) -> Reporter<'_> {
        Reporter {
            witness: &self.witness.account_name,
            signing_key: &self.witness.signing_key,
            notify: self.notify.as_ref(),
            remind_every: self.remind_every,
            node: self.client.connected_url(),
        }
    }

    fn out(&self, state: &mut State, sink: &mut (dyn FnMut(Event) + Send), e: Event) {
        self.reporter().out(state, sink, e)
    }

    fn save(&self, state: &State) -> Result<()> {
        match &self.state_path {
            Some(p) => state_file::save(p, state),
            None => Ok(()),
        }
    }

    /// Node events that arrived, without waiting.
    fn drain_node_events(&self, state: &mut State, sink: &mut (dyn FnMut(Event) + Send)) {
        let Some(m) = &self.node_events else { return };
        let Ok(mut rx) = m.try_lock() else { return };
        while let Ok(e) = rx.try_recv() {
            self.out(state, sink, e.into());
        }
    }

    /// Decides on one sample and acts. `seen` is when the block notice (or
    /// the sample) that led here arrived, for the latency of a switch.
    pub async fn step(
        &self,
        state: &mut State,
        sample: &Sample,
        seen: Instant,
        sink: &mut (dyn FnMut(Event) + Send),
    ) -> Result<Outcome> {
        let baseline = state.last_head.is_none();
        let obs = state.observe(&self.policy, sample);
        let key_changed = baseline
            || obs.events.iter().any(|e| {
                matches!(e, Event::KeyChanged { .. })
                    || matches!(e, Event::Confirm { stage, .. } if stage == "applied")
            });
        for e in obs.events {
            self.out(state, sink, e);
        }
        if key_changed && sample.next_secret_hash != hex::encode(failover::zero_secret()) {
            state.reseed = Some(Reseed {
                signing_key: sample.signing_key.clone(),
                block: None,
                sent_at: None,
            });
        }
        self.reseed(state, sample, sink).await;
        if obs.blocked {
            self.save(state)?;
            return Ok(Outcome::Blocked);
        }
        let Some(plan) = obs.plan else {
            self.save(state)?;
            return Ok(Outcome::Healthy);
        };
        let Some(signer) = &self.signer else {
            let key = PublicKey::parse(&plan.to)?;
            let op = failover::witness_update(
                self.witness.witness,
                self.witness.account,
                None,
                Some(key),
            );
            state.record_switch(&plan, sample, true);
            self.out(
                state,
                sink,
                Event::WouldSwitch {
                    from: plan.from.clone(),
                    to: plan.to.clone(),
                    missed_in_window: plan.missed_in_window,
                    head_block_number: sample.head_block_number,
                    operation: op.to_json(&JsonCx {
                        prefix: &self.witness.prefix,
                    }),
                },
            );
            self.save(state)?;
            return Ok(Outcome::WouldSwitch);
        };
        let result = failover::switch_key(signer, &self.witness, &plan.to, sample).await;
        match result {
            Ok(txid) => {
                let latency_ms = seen.elapsed().as_millis() as u64;
                state.record_switch(&plan, sample, false);
                self.out(
                    state,
                    sink,
                    Event::Switch {
                        from: plan.from,
                        to: plan.to,
                        missed_in_window: plan.missed_in_window,
                        head_block_number: sample.head_block_number,
                        txid,
                        latency_ms,
                    },
                );
                self.save(state)?;
                Ok(Outcome::Switched)
            }
            Err(e) => {
                // The window is kept: the next sample tries again.
                self.save(state)?;
                Err(e)
            }
        }
    }

    /// A key change that landed in the witness's own block (see
    /// [`failover::secret_overwritten`]) leaves the new key unable to produce:
    /// the switch is sent again, to land in another witness's block (the
    /// witness cannot produce meanwhile, and is not scheduled twice in a row,
    /// so it keeps its next slot). Checked on the sample that shows the
    /// change, sent again after the expiration until the witness produces.
    async fn reseed(&self, state: &mut State, s: &Sample, sink: &mut (dyn FnMut(Event) + Send)) {
        let Some(r) = state.reseed.clone() else {
            return;
        };
        let fixed = s.signing_key != r.signing_key
            || s.next_secret_hash == hex::encode(failover::zero_secret())
            || r.block.is_some_and(|b| s.last_confirmed_block_num > b);
        if fixed {
            state.reseed = None;
            return;
        }
        let block = match r.block {
            Some(b) => b,
            None => {
                match failover::secret_overwritten(&self.client, &self.witness, &r.signing_key, s)
                    .await
                {
                    Ok(false) => {
                        state.reseed = None;
                        return;
                    }
                    Ok(true) => {
                        let b = s.last_confirmed_block_num;
                        if let Some(x) = state.reseed.as_mut() {
                            x.block = Some(b);
                        }
                        b
                    }
                    Err(e) => {
                        self.out(
                            state,
                            sink,
                            Event::Error {
                                message: format!(
                                    "checking the secret of the key change to {}: {e}",
                                    r.signing_key
                                ),
                                failures: None,
                            },
                        );
                        return;
                    }
                }
            }
        };
        if r.sent_at
            .is_some_and(|t| (s.time as u64) < t as u64 + self.expiration as u64)
        {
            return;
        }
        if let Some(x) = state.reseed.as_mut() {
            x.sent_at = Some(s.time);
        }
        let Some(signer) = &self.signer else {
            self.out(
                state,
                sink,
                Event::Error {
                    message: format!(
                        "the key change to {} landed in the witness's own block {block}: that key cannot produce until the initial secret is sent again (bos witness update {} --signing-key {}); a dry run sends nothing",
                        r.signing_key, self.witness.account_name, r.signing_key
                    ),
                    failures: None,
                },
            );
            return;
        };
        let sent = failover::switch_key(signer, &self.witness, &r.signing_key, s).await;
        let e = match sent {
            Ok(txid) => Event::Reseed {
                signing_key: r.signing_key.clone(),
                block,
                txid,
            },
            Err(e) => Event::Error {
                message: format!("sending the initial secret of {} again: {e}", r.signing_key),
                failures: None,
            },
        };
        self.out(state, sink, e);
    }

    /// One sample and its decision (cron mode). Node events, failures (counted
    /// across runs in the state) and reminders are reported as in the
    /// long-running mode.
    pub async fn once(
        &self,
        state: &mut State,
        sink: &mut (dyn FnMut(Event) + Send),
    ) -> Result<Outcome> {
        let seen = Instant::now();
        let sampled = failover::sample(&self.client, &self.witness.id).await;
        self.drain_node_events(state, sink);
        let s = match sampled {
            Ok(s) => s,
            Err(e) => {
                self.reporter()
                    .failed(state, self.retries, &e.to_string(), sink);
                self.reporter().reminders(state, sink);
                self.save(state)?;
                return Err(e);
            }
        };
        self.reporter().succeeded(state, sink);
        let stale = self.check_stale(state, &s, sink);
        let r = self.step(state, &s, seen, sink).await;
        self.drain_node_events(state, sink);
        self.reporter().reminders(state, sink);
        self.save(state)?;
        match r {
            Ok(Outcome::Healthy) if stale => Ok(Outcome::Stale),
            other => other,
        }
    }

    /// `stale` when the head is too old (once), `fresh` when it is not any
    /// more. True while stale.
    fn check_stale(
        &self,
        state: &mut State,
        s: &Sample,
        sink: &mut (dyn FnMut(Event) + Send),
    ) -> bool {
        let Some(limit) = self.stale_after else {
            return false;
        };
        let lag = (TimePointSec::now().0 as i64 - s.time as i64).max(0) as u64;
        let open = state.alerts.is_open("stale");
        let stale = lag > limit.as_secs();
        let head_time = TimePointSec(s.time).to_string();
        if stale && !open {
            self.out(
                state,
                sink,
                Event::Stale {
                    head_time,
                    lag_secs: lag,
                },
            );
        } else if !stale && open {
            self.out(
                state,
                sink,
                Event::Fresh {
                    head_time,
                    lag_secs: lag,
                },
            );
        }
        stale
    }

    /// Watches until the client closes. Errors are events; the watch goes on.
    pub async fn run(&self, mut state: State, sink: &mut (dyn FnMut(Event) + Send)) -> Result<()> {
        let mut nodes = match &self.node_events {
            Some(m) => Some(m.lock().await),
            None => None,
        };
        let state = &mut state;
        let mut sub = loop {
            match self.client.subscribe_blocks().await {
                Ok(s) => break s,
                Err(crate::rpc::Error::Closed) => return Err(crate::rpc::Error::Closed.into()),
                Err(e) => {
                    if let Some(rx) = nodes.as_mut() {
                        while let Ok(ne) = rx.try_recv() {
                            self.out(state, sink, ne.into());
                        }
                    }
                    let reporter = self.reporter();
                    reporter.failed(state, self.retries, &e.to_string(), sink);
                    reporter.reminders(state, sink);
                    tokio::time::sleep(self.heartbeat.min(Duration::from_secs(1))).await;
                }
            }
        };
        let mut tick = tokio::time::interval(self.heartbeat);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            let seen = tokio::select! {
                n = sub.next() => match n {
                    Some(_) => Instant::now(),
                    None => return Err(crate::rpc::Error::Closed.into()),
                },
                _ = tick.tick() => Instant::now(),
                Some(ne) = next_node_event(&mut nodes) => {
                    // On a new node: sample at once (notices may have been lost on the old one).
                    let moved = matches!(ne, NodeEvent::NodeSwitch { .. });
                    self.out(state, sink, ne.into());
                    if !moved {
                        continue;
                    }
                    Instant::now()
                }
            };
            // Several notices at once are one sample of the newest head.
            while sub.next_within(Duration::ZERO).await.is_some() {}
            let sampled = failover::sample(&self.client, &self.witness.id).await;
            if let Some(rx) = nodes.as_mut() {
                while let Ok(ne) = rx.try_recv() {
                    self.out(state, sink, ne.into());
                }
            }
            let reporter = self.reporter();
            let s = match sampled {
                Ok(s) => s,
                Err(e) => {
                    reporter.failed(state, self.retries, &e.to_string(), sink);
                    reporter.reminders(state, sink);
                    continue;
                }
            };
            reporter.succeeded(state, sink);
            self.check_stale(state, &s, sink);
            if state.last_head.is_some_and(|h| s.head_block_number <= h) {
                self.reporter().reminders(state, sink);
                continue;
            }
            if let Err(e) = self.step(state, &s, seen, sink).await {
                self.out(
                    state,
                    sink,
                    Event::Error {
                        message: format!("switch failed: {e}"),
                        failures: None,
                    },
                );
            }
            self.reporter().reminders(state, sink);
        }
    }
}

/// The next node event, or never when there is no channel.
async fn next_node_event(
    nodes: &mut Option<tokio::sync::MutexGuard<'_, mpsc::UnboundedReceiver<NodeEvent>>>,
) -> Option<NodeEvent> {
    match nodes {
        Some(rx) => rx.recv().await,
        None => std::future::pending().await,
    }
}

/// `--once` when the witness could not even be looked up (no node answered):
/// counts the failure in the state at `path` (if any) and reports it as a
/// sample failure would. The state is read without checking its witness (the
/// witness id is unknown); it is saved back only if it exists or is new.
pub fn once_unreachable(
    path: Option<&std::path::Path>,
    reporter: &Reporter<'_>,
    retries: u32,
    error: &str,
    sink: &mut (dyn FnMut(Event) + Send),
) -> Result<()> {
    let mut state = match path {
        Some(p) => state_file::load_any(p)?,
        None => State::default(),
    };
    reporter.failed(&mut state, retries, error, sink);
    reporter.reminders(&mut state, sink);
    match path {
        Some(p) => state_file::save(p, &state),
        None => Ok(()),
    }
}
