//! The CLI's error type and the one place that maps errors to exit codes.

use std::path::PathBuf;

/// Exit code: success.
pub const EXIT_OK: i32 = 0;
/// Exit code: the command failed (bad input, a failed check, an I/O error).
pub const EXIT_FAILURE: i32 = 1;
/// Exit code: the command line itself is wrong.
pub const EXIT_USAGE: i32 = 2;
/// Exit code: a wallet password (bos or imported python wallet) is wrong; nothing was changed.
pub const EXIT_WRONG_PASSWORD: i32 = 3;
/// Exit code: no node could be reached (or none answered in time).
pub const EXIT_NODE_UNREACHABLE: i32 = 4;
/// Exit code: the node refused the request (its error text is printed).
pub const EXIT_NODE_REFUSED: i32 = 5;
/// Exit code of `watch-witness --once`: the signing key was switched.
pub const EXIT_SWITCHED: i32 = 10;
/// Exit code of `watch-witness --once --dry-run`: the signing key would have been switched.
pub const EXIT_WOULD_SWITCH: i32 = 11;
/// Exit code of `watch-witness --once`: no node could be reached.
pub const EXIT_WATCH_UNREACHABLE: i32 = 12;
/// Exit code of `watch-witness --once`: the threshold is reached and no switch is possible.
pub const EXIT_WATCH_BLOCKED: i32 = 13;
/// Exit code of `watch-witness --once`: the head block is stale on every node.
pub const EXIT_WATCH_STALE: i32 = 14;

/// Everything a command can fail with.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// The arguments do not make sense together.
    #[error("{0}")]
    Usage(String),
    /// A failure with a message of its own.
    #[error("{0}")]
    Failed(String),
    /// Invalid protocol input (JSON, hex, keys, signatures).
    #[error(transparent)]
    Protocol(#[from] crate::protocol::Error),
    /// The wallet or a python wallet being imported.
    #[error(transparent)]
    Wallet(#[from] crate::wallet::Error),
    /// The sports data (bookiesports folder).
    #[error(transparent)]
    Sports(#[from] crate::sports::Error),
    /// Incidents and the incident store.
    #[error(transparent)]
    Incidents(#[from] crate::incidents::Error),
    /// Reading or writing a file.
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A node call failed.
    #[error(transparent)]
    Node(#[from] crate::rpc::Error),
    /// The devnet could not start.
    #[error(transparent)]
    Devnet(#[from] crate::devnet::Error),
    /// Watching or switching a witness.
    #[error(transparent)]
    Witness(#[from] crate::witness::Error),
    /// Time series: the store, sampling, charts.
    #[error(transparent)]
    Track(#[from] crate::track::TrackError),
    /// A command that ends with a documented status other than success; the
    /// message (if any) is printed as the error line.
    #[error("{message}")]
    Status { code: i32, message: String },
    /// Input that is not JSON.
    #[error("{origin}: not valid JSON: {source}")]
    Json {
        origin: String,
        #[source]
        source: serde_json::Error,
    },
}

impl CliError {
    /// The process exit code for this error.
    pub fn exit_code(&self) -> i32 {
        match self {
            CliError::Usage(_) => EXIT_USAGE,
            CliError::Status { code, .. } => *code,
            CliError::Witness(crate::witness::Error::Node(crate::rpc::Error::Remote {
                ..
            })) => EXIT_NODE_REFUSED,
            CliError::Witness(e) if e.is_unreachable() => EXIT_NODE_UNREACHABLE,
            CliError::Wallet(
                crate::wallet::Error::WrongPassword { .. }
                | crate::wallet::Error::WrongPythonPassword { .. },
            ) => EXIT_WRONG_PASSWORD,
            CliError::Node(crate::rpc::Error::Remote { .. })
            | CliError::Track(crate::track::TrackError::Node(crate::rpc::Error::Remote {
                ..
            })) => EXIT_NODE_REFUSED,
            CliError::Track(e) if e.is_unreachable() => EXIT_NODE_UNREACHABLE,
            CliError::Node(e) if e.is_unreachable() => EXIT_NODE_UNREACHABLE,
            CliError::Node(crate::rpc::Error::Timeout { .. })
            | CliError::Node(crate::rpc::Error::ConnectionLost { .. }) => EXIT_NODE_UNREACHABLE,
            _ => EXIT_FAILURE,
        }
    }
}
