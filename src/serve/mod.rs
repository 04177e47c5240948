//! `bos serve`: the automated mode. One process replaces bos-auto's API, worker and
//! scheduler and their Redis and MongoDB.
//!
//! Data flow: `POST /trigger` ([`http`]) validates and normalizes an incident, hands it to
//! the store writer, which commits many incidents and their jobs per transaction (group
//! commit) before any of them is acknowledged; workers ([`runner`]) take jobs from the
//! durable [`queue`] (never two of one event at once) and run the engine
//! ([`crate::engine::JobRunner`], [`crate::engine::Approver`]); the scheduler re-queues what must be retried
//! (bos-pipeline §4.8, without bos-auto's queue emptying) and the approval routine runs on
//! an interval and on every new block.
//!
//! Safe by default: loopback only, an allowlist closed to other addresses, optional
//! per-provider bearer tokens (the authenticated name is the provider the thresholds
//! count), a body size limit and a per-source rate limit. The proposer and approver come
//! from the configuration only, never from an incident. This module never prints: it logs
//! with `tracing` and returns typed errors.

pub mod config;
pub mod console;
pub mod http;
pub mod queue;
pub mod runner;
pub mod server;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

use chrono::{DateTime, Utc};

pub use config::ServeConfig;

/// Everything `bos serve` can fail with.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The queue table could not be read or written.
    #[error("{}: {source}", path.display())]
    Queue {
        path: PathBuf,
        #[source]
        source: rusqlite::Error,
    },
    /// The incident store.
    #[error(transparent)]
    Store(#[from] crate::incidents::Error),
    /// A file could not be read.
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The configuration file is wrong.
    #[error("{}: {reason}", path.display())]
    Config { path: PathBuf, reason: String },
    /// An allowlist entry that is neither an address, a CIDR nor a host name.
    #[error("api_whitelist entry {entry:?}: {reason}")]
    Allowlist { entry: String, reason: String },
    /// The listening socket.
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        #[source]
        source: std::io::Error,
    },
    /// A thread could not be started.
    #[error("cannot start the {what} thread: {source}")]
    Thread {
        what: &'static str,
        #[source]
        source: std::io::Error,
    },
}

/// The clock of a running service: the system clock, optionally shifted so that it
/// starts at a given instant and then runs (`--now` for `bos serve`).
#[derive(Debug, Clone, Copy, Default)]
pub struct RunningClock {
    offset: chrono::Duration,
}

impl RunningClock {
    /// A clock that reads `start` now and runs on from there.
    pub fn starting_at(start: DateTime<Utc>) -> RunningClock {
        RunningClock {
            offset: start - Utc::now(),
        }
    }

    pub fn now(&self) -> DateTime<Utc> {
        Utc::now() + self.offset
    }
}

/// What the node watcher last saw.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct NodeState {
    pub connected: bool,
    pub url: Option<String>,
    pub head_block_number: Option<u64>,
    pub head_block_time: Option<String>,
    pub error: Option<String>,
}

/// State shared by the HTTP handlers, the workers, the scheduler and the watchers.
pub struct Shared {
    pub stopping: AtomicBool,
    pub scheduler_running: AtomicBool,
    pub approvals_running: AtomicBool,
    pub node: Mutex<NodeState>,
    /// Woken when jobs were enqueued.
    pub jobs: tokio::sync::Notify,
    /// Woken on every new head block.
    pub blocks: tokio::sync::Notify,
    /// Last approval round: when, and what it did.
    pub last_approval: Mutex<Option<serde_json::Value>>,
    /// Parts (writer, workers, scheduler) whose last write to the store failed, with
    /// the error: while any is listed, `/isalive` reports the service unhealthy.
    store_faults: Mutex<std::collections::BTreeMap<String, String>>,
    /// Jobs the workers of this process hold (claimed, not yet ended in the queue).
    held: Mutex<std::collections::HashSet<i64>>,
    /// Everything that may approve (jobs, approval rounds) runs under a read lock;
    /// the console takes the write lock from the broadcast of a proposal made by hand
    /// until its hold is stored, so nothing approves it in between.
    pub approvals_gate: tokio::sync::RwLock<()>,
}

impl Shared {
    fn new() -> Shared {
        Shared {
            stopping: AtomicBool::new(false),
            scheduler_running: AtomicBool::new(false),
            approvals_running: AtomicBool::new(false),
            node: Mutex::new(NodeState::default()),
            jobs: tokio::sync::Notify::new(),
            blocks: tokio::sync::Notify::new(),
            last_approval: Mutex::new(None),
            store_faults: Mutex::new(std::collections::BTreeMap::new()),
            held: Mutex::new(std::collections::HashSet::new()),
            approvals_gate: tokio::sync::RwLock::new(()),
        }
    }

    /// Claims the next job for a worker and records that this process holds it (one
    /// lock with [`Shared::recover_orphans`], so a job just claimed is never taken for
    /// an orphan).
    pub fn claim(&self, queue: &mut queue::Queue) -> Result<Option<queue::Job>, Error> {
        let mut held = self.held.lock().unwrap_or_else(|p| p.into_inner());
        let job = queue.claim()?;
        if let Some(j) = &job {
            held.insert(j.seq);
        }
        Ok(job)
    }

    /// A worker no longer holds job `seq`.
    pub fn release(&self, seq: i64) {
        self.held
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(&seq);
    }

    /// Puts back to waiting the jobs marked running that no worker holds.
    pub fn recover_orphans(&self, queue: &mut queue::Queue) -> Result<usize, Error> {
        let held = self.held.lock().unwrap_or_else(|p| p.into_inner());
        queue.recover_orphans(&held)
    }

    /// A probe write succeeded: the store can be written. Returns whether a fault was
    /// listed.
    pub fn store_recovered(&self) -> bool {
        match self.store_faults.lock() {
            Ok(mut f) => {
                let had = !f.is_empty();
                f.clear();
                had
            }
            Err(_) => false,
        }
    }

    /// A write of `part` to the store failed (it is retrying).
    pub fn store_failed(&self, part: &str, error: &str) {
        if let Ok(mut f) = self.store_faults.lock() {
            f.insert(part.to_string(), error.to_string());
        }
    }

    /// A write of `part` to the store succeeded.
    pub fn store_ok(&self, part: &str) {
        if let Ok(mut f) = self.store_faults.lock() {
            if !f.is_empty() {
                f.remove(part);
            }
        }
    }

    /// Why the store cannot be written now (`None`: it can, as far as the last writes
    /// of every part go).
    pub fn store_problem(&self) -> Option<String> {
        let f = self.store_faults.lock().ok()?;
        let (part, e) = f.iter().next()?;
        Some(format!("{part}: {e}"))
    }

    pub fn is_stopping(&self) -> bool {
        self.stopping.load(Ordering::SeqCst)
    }
}
