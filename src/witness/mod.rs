//! `bos watch-witness`: missed-block monitoring and signing-key failover.
//!
//! Why it exists: the failover scripts witnesses run (tools.md §iii) poll
//! slowly, compare thresholds with `==`, forget which key is live, never set
//! `new_initial_secret` (so on Peerplays the backup then fails every block),
//! keep keys in plain files and die with the websocket. This module decides
//! with a pure state machine ([`monitor`]), switches with a correct
//! `witness_update` ([`failover`]), follows blocks by subscription and survives
//! node changes ([`watch`]), keeps cron state atomically ([`state_file`]),
//! notifies once per change of state with reminders ([`alerts`], [`notify`]),
//! and knows where a switch must not land ([`landing`]: the witness's own
//! block overwrites the new secret; the only active witness would stop the chain).
//!
//! What it must never do: print, log or return a private key; build a key
//! switch without `new_initial_secret`.

pub mod alerts;
pub mod error;
pub mod event;
pub mod failover;
pub mod landing;
pub mod monitor;
pub mod notify;
pub mod state_file;
pub mod watch;

pub use error::{Error, Result};
pub use event::Event;
pub use monitor::{Policy, Sample, State};
pub use watch::{Context, Notify, Outcome, Reporter, Watcher};
