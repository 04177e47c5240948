//! The watch itself: follow applied blocks by subscription, sample the witness
//! on each one, let the [`monitor`](super::monitor) decide, and act (switch, or
//! with `--dry-run` only say so). A heartbeat samples too, so a lost notice, a
//! dead node or a stale head is noticed without blocks.
//!
//! Events go to a sink passed in; this module never prints.

use std::path::PathBuf;
use std::time::Duration;

use tokio::time::Instant;

use super::error::{Error, Result};
use super::event::Event;
use super::failover::{self, Signer, WitnessInfo};
use super::monitor::{Policy, Sample, State};
use super::state_file;
use crate::protocol::{Json, JsonCx, PublicKey, TimePointSec};
use crate::rpc::Client;

/// What one sample led to (the exit status of `--once`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Healthy,
    Switched,
    WouldSwitch,
}

/// A configured watcher.
pub struct Watcher {
    pub client: Client,
    pub witness: WitnessInfo,
    pub policy: Policy,
    /// `None` is a dry run: decisions are announced, nothing is signed or broadcast.
    pub signer: Option<Signer>,
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

    fn save(&self, state: &State) -> Result<()> {
        match &self.state_path {
            Some(p) => state_file::save(p, state),
            None => Ok(()),
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
        let obs = state.observe(&self.policy, sample);
        let applied = obs.events.iter().find_map(|e| match e {
            Event::Confirm {
                stage, signing_key, ..
            } if stage == "applied" => Some(signing_key.clone()),
            _ => None,
        });
        for e in obs.events {
            sink(e);
        }
        if let (Some(to), Some(signer)) = (applied, &self.signer) {
            self.reseed(&to, sample, signer, sink).await;
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
            sink(Event::WouldSwitch {
                from: plan.from.clone(),
                to: plan.to.clone(),
                missed_in_window: plan.missed_in_window,
                head_block_number: sample.head_block_number,
                operation: op.to_json(&JsonCx {
                    prefix: &self.witness.prefix,
                }),
            });
            state.record_switch(&plan, sample, true);
            self.save(state)?;
            return Ok(Outcome::WouldSwitch);
        };
        let result = failover::switch_key(
            &self.client,
            &self.witness,
            &plan.to,
            sample,
            self.expiration,
            signer,
        )
        .await;
        match result {
            Ok(txid) => {
                let latency_ms = seen.elapsed().as_millis() as u64;
                state.record_switch(&plan, sample, false);
                sink(Event::Switch {
                    from: plan.from,
                    to: plan.to,
                    missed_in_window: plan.missed_in_window,
                    head_block_number: sample.head_block_number,
                    txid,
                    latency_ms,
                });
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

    /// Sends the switch again when its first transaction landed in the
    /// witness's own block (see [`failover::secret_overwritten`]).
    async fn reseed(
        &self,
        to: &str,
        sample: &Sample,
        signer: &Signer,
        sink: &mut (dyn FnMut(Event) + Send),
    ) {
        let r = match failover::secret_overwritten(&self.client, &self.witness, to, sample).await {
            Ok(false) => return,
            Ok(true) => {
                failover::switch_key(
                    &self.client,
                    &self.witness,
                    to,
                    sample,
                    self.expiration,
                    signer,
                )
                .await
            }
            Err(e) => Err(e),
        };
        match r {
            Ok(txid) => sink(Event::Reseed {
                signing_key: to.to_string(),
                block: sample.last_confirmed_block_num,
                txid,
            }),
            Err(e) => sink(Event::Error {
                message: format!("checking the secret of the switch to {to}: {e}"),
            }),
        }
    }

    /// One sample and its decision (cron mode).
    pub async fn once(
        &self,
        state: &mut State,
        sink: &mut (dyn FnMut(Event) + Send),
    ) -> Result<Outcome> {
        let seen = Instant::now();
        let s = failover::sample(&self.client, &self.witness.id).await?;
        self.check_stale(&s, &mut false, sink);
        self.step(state, &s, seen, sink).await
    }

    fn check_stale(&self, s: &Sample, alarm: &mut bool, sink: &mut (dyn FnMut(Event) + Send)) {
        let Some(limit) = self.stale_after else {
            return;
        };
        let lag = (TimePointSec::now().0 as i64 - s.time as i64).max(0) as u64;
        if lag > limit.as_secs() {
            if !*alarm {
                *alarm = true;
                sink(Event::Stale {
                    head_time: TimePointSec(s.time).to_string(),
                    lag_secs: lag,
                });
            }
        } else {
            *alarm = false;
        }
    }

    /// Watches until the client closes. Errors are events; the watch goes on.
    pub async fn run(&self, mut state: State, sink: &mut (dyn FnMut(Event) + Send)) -> Result<()> {
        let mut failures: u32 = 0;
        let mut last_error = String::new();
        let mut stale = false;
        let fail = |e: &Error,
                    failures: &mut u32,
                    last: &mut String,
                    sink: &mut (dyn FnMut(Event) + Send)| {
            *failures += 1;
            *last = e.to_string();
            sink(Event::Error {
                message: e.to_string(),
            });
            if *failures == self.retries {
                sink(Event::Unreachable {
                    failures: *failures,
                    last_error: last.clone(),
                });
            }
        };
        let mut sub = loop {
            match self.client.subscribe_blocks().await {
                Ok(s) => break s,
                Err(crate::rpc::Error::Closed) => return Err(crate::rpc::Error::Closed.into()),
                Err(e) => {
                    fail(&e.into(), &mut failures, &mut last_error, sink);
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
            };
            // Several notices at once are one sample of the newest head.
            while sub.next_within(Duration::ZERO).await.is_some() {}
            let s = match failover::sample(&self.client, &self.witness.id).await {
                Ok(s) => s,
                Err(e) => {
                    fail(&e, &mut failures, &mut last_error, sink);
                    continue;
                }
            };
            if failures > 0 {
                sink(Event::Reconnected {
                    url: self.client.connected_url().unwrap_or_default(),
                    failures,
                });
                failures = 0;
            }
            self.check_stale(&s, &mut stale, sink);
            if state.last_head.is_some_and(|h| s.head_block_number <= h) {
                continue;
            }
            if let Err(e) = self.step(&mut state, &s, seen, sink).await {
                sink(Event::Error {
                    message: format!("switch failed: {e}"),
                });
            }
        }
    }
}
