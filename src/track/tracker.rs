//! The `bos track` loop: a round of samples on every applied block (block
//! notices, with a heartbeat so a stalled chain still shows in the node lag),
//! or every `interval`; samples go to the store in one transaction per round;
//! with a retention limit, old samples are pruned at start and every ten
//! minutes, in small batches.
//!
//! Events go to a sink passed in; this module never prints.

use std::time::Duration;

use serde_json::{json, Value};

use super::error::Result;
use super::sample::{self, Head, Targets};
use super::store::{Store, PRUNE_BATCH};
use super::time::{self, Millis};
use crate::rpc::Client;

/// One thing the tracker did.
#[derive(Clone, Debug, PartialEq)]
pub enum TrackEvent {
    /// A round of samples was stored.
    Round {
        head_block_number: u32,
        head_time: Millis,
        samples: usize,
    },
    /// Samples older than `before` were deleted.
    Pruned { before: Millis, deleted: u64 },
    /// Something failed; the tracker goes on.
    Error { message: String },
}

impl TrackEvent {
    /// The event as one JSON object (`{"event": "round", ...}`), stamped `ts`.
    pub fn json(&self, ts: Millis) -> Value {
        let ts = time::format(ts);
        match self {
            TrackEvent::Round {
                head_block_number,
                head_time,
                samples,
            } => json!({"event": "round", "head_block_number": head_block_number,
                        "head_time": time::format(*head_time), "samples": samples, "ts": ts}),
            TrackEvent::Pruned { before, deleted } => json!({"event": "pruned",
                        "before": time::format(*before), "deleted": deleted, "ts": ts}),
            TrackEvent::Error { message } => {
                json!({"event": "error", "message": message, "ts": ts})
            }
        }
    }
}

/// A configured tracker.
pub struct Tracker {
    /// The client for chain samples (fails over across the configured nodes).
    pub client: Client,
    /// One client per configured node URL, for each node's head lag.
    pub nodes: Vec<(String, Client)>,
    pub targets: Targets,
    pub store: Store,
    /// Samples older than this (milliseconds) are pruned.
    pub keep: Option<Millis>,
    /// `None`: a round on every block; else a round every this often.
    pub interval: Option<Duration>,
    /// With block notices: a round at least this often even without blocks.
    pub heartbeat: Duration,
}

/// The result of one round.
#[derive(Clone, Debug, PartialEq)]
pub struct Round {
    pub head: Head,
    pub samples: Vec<super::store::Sample>,
    /// Nodes whose lag could not be sampled, with the reason.
    pub node_errors: Vec<(String, String)>,
}

fn wall_now() -> Millis {
    chrono::Utc::now().timestamp_millis()
}

impl Tracker {
    /// Takes one round of samples and stores it. A node whose lag cannot be
    /// read is reported in the round (the other samples are still stored); a
    /// chain that cannot be read is an error.
    pub async fn round(&mut self) -> Result<Round> {
        let (head, mut samples) =
            sample::witness_health(&self.client, &self.targets.witnesses).await?;
        samples.extend(sample::markets(&self.client, &self.targets.markets, head.time).await?);
        let mut node_errors = Vec::new();
        for (url, c) in &self.nodes {
            match sample::node_lag(c, url, wall_now()).await {
                Ok(s) => samples.push(s),
                Err(e) => node_errors.push((url.clone(), e.to_string())),
            }
        }
        self.store.insert(&samples)?;
        Ok(Round {
            head,
            samples,
            node_errors,
        })
    }

    /// Prunes samples older than the retention limit, if one is set.
    pub fn prune(&self, now: Millis) -> Result<Option<TrackEvent>> {
        let Some(keep) = self.keep else {
            return Ok(None);
        };
        let before = now - keep;
        let deleted = self.store.prune(before, PRUNE_BATCH)?;
        Ok(Some(TrackEvent::Pruned { before, deleted }))
    }

    fn report(&self, r: Result<Round>, sink: &mut (dyn FnMut(TrackEvent) + Send)) {
        match r {
            Ok(round) => {
                for (url, e) in round.node_errors {
                    sink(TrackEvent::Error {
                        message: format!("{url}: head lag not sampled: {e}"),
                    });
                }
                sink(TrackEvent::Round {
                    head_block_number: round.head.number,
                    head_time: round.head.time,
                    samples: round.samples.len(),
                });
            }
            Err(e) => sink(TrackEvent::Error {
                message: e.to_string(),
            }),
        }
    }

    /// Tracks until the client closes. Errors are events; tracking goes on.
    pub async fn run(&mut self, sink: &mut (dyn FnMut(TrackEvent) + Send)) -> Result<()> {
        let prune_every = Duration::from_secs(600);
        let mut last_prune: Option<tokio::time::Instant> = None;
        let mut prune = |t: &Tracker, sink: &mut (dyn FnMut(TrackEvent) + Send)| {
            if last_prune.is_some_and(|p| p.elapsed() < prune_every) {
                return;
            }
            last_prune = Some(tokio::time::Instant::now());
            match t.prune(wall_now()) {
                Ok(Some(e)) => sink(e),
                Ok(None) => {}
                Err(e) => sink(TrackEvent::Error {
                    message: format!("pruning: {e}"),
                }),
            }
        };
        prune(self, sink);
        if let Some(every) = self.interval {
            let mut tick = tokio::time::interval(every);
            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                tick.tick().await;
                let r = self.round().await;
                self.report(r, sink);
                prune(self, sink);
            }
        }
        let mut sub = loop {
            match self.client.subscribe_blocks().await {
                Ok(s) => break s,
                Err(crate::rpc::Error::Closed) => return Err(crate::rpc::Error::Closed.into()),
                Err(e) => {
                    sink(TrackEvent::Error {
                        message: e.to_string(),
                    });
                    tokio::time::sleep(Duration::from_secs(1)).await;
                }
            }
        };
        let mut tick = tokio::time::interval(self.heartbeat);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let mut last_head: Option<u32> = None;
        loop {
            let heartbeat = tokio::select! {
                n = sub.next() => match n {
                    Some(_) => false,
                    None => return Err(crate::rpc::Error::Closed.into()),
                },
                _ = tick.tick() => true,
            };
            // Several notices at once are one round at the newest head.
            while sub.next_within(Duration::ZERO).await.is_some() {}
            let r = self.round().await;
            if let Ok(round) = &r {
                if heartbeat && last_head == Some(round.head.number) && round.node_errors.is_empty()
                {
                    // Nothing new on chain: the round only refreshed the node lags.
                    prune(self, sink);
                    continue;
                }
                last_head = Some(round.head.number);
            }
            self.report(r, sink);
            prune(self, sink);
        }
    }
}
