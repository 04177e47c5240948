//! The websocket JSON-RPC client for Peerplays nodes.
//!
//! Why it exists: every command that reads the chain or broadcasts goes through
//! one client that knows the node's framing (`call` with api ids, `notice`
//! callbacks), survives a lost node (several URLs, reconnect with backoff,
//! subscriptions restored) and never hangs (every call has a timeout).
//!
//! What it must never do: print, or trust the node. Replies are untrusted input:
//! a malformed frame is an [`Error`], never a panic.

pub mod api;
pub mod client;
pub mod error;
pub mod frame;

pub use api::Api;
pub use client::{Client, Options, Subscription};
pub use error::{Error, Result};
