//! The websocket JSON-RPC client for Peerplays nodes.
//!
//! Why it exists: every command that reads the chain or broadcasts goes through
//! one client that knows the node's framing (`call` with api ids, `notice`
//! callbacks), survives a lost, hung, stale or lagging node (several URLs, a
//! time limit on every request, down-marking, subscriptions restored, a health
//! check before coming back to a preferred node) and reports what it did about
//! its nodes as [`NodeEvent`]s.
//!
//! What it must never do: print, hang, or trust the node. Replies are untrusted
//! input: a malformed frame is an [`Error`], never a panic.

pub mod api;
pub mod client;
pub mod error;
pub mod frame;
pub mod fresh;
pub mod health;

pub use api::Api;
pub use client::{probe_url, survey, Client, EventSink, Options, Subscription, DEFAULT_TIMEOUT};
pub use error::{Error, Result};
pub use health::{Head, NodeEvent};
