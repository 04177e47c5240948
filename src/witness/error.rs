//! Errors of the witness monitor, each with the witness, file or node text it concerns.

use std::path::PathBuf;

/// Everything watching and switching can fail with.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A node call failed.
    #[error(transparent)]
    Node(#[from] crate::rpc::Error),
    /// The transaction pipeline: a refusal by the node, or no key to sign with.
    #[error(transparent)]
    Chain(Box<crate::chain::Error>),
    /// Protocol input (a key, an id) that does not parse.
    #[error(transparent)]
    Protocol(#[from] crate::protocol::Error),
    /// The name given is not a witness on this chain.
    #[error("{name} is not a witness on this chain")]
    NotAWitness { name: String },
    /// A node reply without the field we need.
    #[error("{what}: unexpected reply from the node: {value}")]
    BadReply { what: String, value: String },
    /// The state file cannot be read or written.
    #[error("{}: {source}", path.display())]
    StateIo {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The state file is not ours or is damaged.
    #[error("{}: {reason}", path.display())]
    StateFormat { path: PathBuf, reason: String },
    /// A notification failed (the watch goes on; the CLI reports it).
    #[error("notification by {via} failed: {reason}")]
    Notify { via: String, reason: String },
}

impl From<crate::chain::Error> for Error {
    fn from(e: crate::chain::Error) -> Self {
        Error::Chain(Box::new(e))
    }
}

/// Result of this module.
pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    /// True when no node could be reached (or answered in time).
    pub fn is_unreachable(&self) -> bool {
        if let Error::Chain(e) = self {
            return e.is_unreachable();
        }
        matches!(
            self,
            Error::Node(
                crate::rpc::Error::Unreachable { .. }
                    | crate::rpc::Error::NoNodes
                    | crate::rpc::Error::Timeout { .. }
                    | crate::rpc::Error::ConnectionLost { .. }
                    | crate::rpc::Error::Closed
            )
        )
    }
}
