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
    /// The configuration file holds the wallet password.
    #[error("{}: `passphrase` is refused: bos never reads the wallet password from a config file; give --password-file FILE (mode 0600), set BOS_WALLET_PASSWORD, or type it at the prompt", path.display())]
    Passphrase { path: PathBuf },
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
        }
    }

    pub fn is_stopping(&self) -> bool {
        self.stopping.load(Ordering::SeqCst)
    }
}
