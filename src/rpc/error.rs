//! Errors of the RPC client, with the URL, method or node text they concern.

use std::time::Duration;

/// Everything a node call can fail with.
#[derive(Debug, Clone, thiserror::Error)]
pub enum Error {
    /// No URL was given.
    #[error("no node URL given (use --node or BOS_NODE)")]
    NoNodes,
    /// A URL that is not a websocket URL.
    #[error("{url}: not a ws:// or wss:// URL")]
    BadUrl { url: String },
    /// No node could be reached within the call's time limit.
    #[error("no node reachable ({tried}); last error: {last}")]
    Unreachable { tried: String, last: String },
    /// The call got no answer in time.
    #[error("{method}: no answer from the node within {:.1} s", timeout.as_secs_f64())]
    Timeout { method: String, timeout: Duration },
    /// The connection was lost while the call was in flight (it may or may not
    /// have been executed).
    #[error("{method}: connection to {url} lost before the answer arrived")]
    ConnectionLost { method: String, url: String },
    /// The node answered with an error.
    #[error("{method}: the node refused: {message}")]
    Remote {
        method: String,
        /// The node's own error text.
        message: String,
        /// The fc exception object, when the node sent one.
        data: Option<serde_json::Value>,
    },
    /// A reply that does not follow the protocol.
    #[error("{method}: malformed reply from the node: {reason}")]
    BadReply { method: String, reason: String },
    /// The client was shut down.
    #[error("the RPC client is closed")]
    Closed,
}

impl Error {
    /// The node's message for a [`Error::Remote`], else the display text.
    pub fn node_message(&self) -> String {
        match self {
            Error::Remote { message, .. } => message.clone(),
            other => other.to_string(),
        }
    }

    /// True when no node could be reached at all.
    pub fn is_unreachable(&self) -> bool {
        matches!(self, Error::Unreachable { .. } | Error::NoNodes)
    }
}

/// Result of a node call.
pub type Result<T> = std::result::Result<T, Error>;
