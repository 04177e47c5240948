//! Errors of the track module: the store, arguments (series names, times,
//! durations), the node, and drawing charts.

use std::path::PathBuf;

/// Everything `src/track` can fail with.
#[derive(Debug, thiserror::Error)]
pub enum TrackError {
    /// The SQLite file could not be opened, read or written.
    #[error("{}: {source}", path.display())]
    Store {
        path: PathBuf,
        #[source]
        source: rusqlite::Error,
    },
    /// A file (the chart, the store's folder) could not be written.
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A series name outside the naming scheme (see the module docs).
    #[error("series {name:?}: {reason}")]
    BadSeries { name: String, reason: String },
    /// A series with no samples in the store.
    #[error("no series named {name:?} in the store (`bos history` lists them)")]
    UnknownSeries { name: String },
    /// A duration like `30d`, `1h`, `90s` that does not parse.
    #[error("{text:?} is not a duration like 90s, 15m, 1h, 30d or 2w")]
    BadDuration { text: String },
    /// A time that is neither RFC 3339 nor a duration back from now.
    #[error("{text:?} is not a time: give RFC 3339 (2026-01-31T12:00:00Z), a duration back from now (7d), or now")]
    BadTime { text: String },
    /// `--since` after `--until`.
    #[error("the time range is empty: since {since} is not before until {until}")]
    EmptyRange { since: String, until: String },
    /// A node call failed.
    #[error(transparent)]
    Node(#[from] crate::rpc::Error),
    /// The node answered with something that is not what the api promises.
    #[error("{what}: unexpected answer from the node: {value}")]
    BadAnswer { what: String, value: String },
    /// A witness, betting market or event that the chain does not have.
    #[error("{what} {name} not found on the chain")]
    NotFound { what: &'static str, name: String },
    /// A chart that cannot be drawn (no data, unknown file type).
    #[error("chart: {reason}")]
    Chart { reason: String },
}

impl TrackError {
    /// No node could be reached (or none answered in time).
    pub fn is_unreachable(&self) -> bool {
        match self {
            TrackError::Node(e) => {
                e.is_unreachable()
                    || matches!(
                        e,
                        crate::rpc::Error::Timeout { .. }
                            | crate::rpc::Error::ConnectionLost { .. }
                    )
            }
            _ => false,
        }
    }

    /// The HTTP status for `GET /history/<series>`: 400 for a bad series name,
    /// time, duration or range, 404 for a series never recorded, 502/504 for the
    /// node, 500 for the rest.
    pub fn http_status(&self) -> u16 {
        match self {
            TrackError::BadSeries { .. }
            | TrackError::BadDuration { .. }
            | TrackError::BadTime { .. }
            | TrackError::EmptyRange { .. } => 400,
            TrackError::UnknownSeries { .. } | TrackError::NotFound { .. } => 404,
            e if e.is_unreachable() => 504,
            TrackError::Node(_) | TrackError::BadAnswer { .. } => 502,
            _ => 500,
        }
    }

    pub(crate) fn store(path: &std::path::Path) -> impl FnOnce(rusqlite::Error) -> TrackError + '_ {
        move |source| TrackError::Store {
            path: path.to_path_buf(),
            source,
        }
    }
}

/// `Result` with [`TrackError`].
pub type Result<T> = std::result::Result<T, TrackError>;
