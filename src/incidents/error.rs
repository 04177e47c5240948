//! Errors of the incidents module: why an incident is invalid, not normalizable or not storable.

use std::path::PathBuf;

/// One failing place in an incident, for schema errors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemaProblem {
    /// The JSON path (`id.start_time`, `arguments.unsure`), or `(root)`.
    pub path: String,
    pub message: String,
}

impl std::fmt::Display for SchemaProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// What part of an incident's id could not be matched against bookiesports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unmatched {
    Sport,
    EventGroup,
    Participant,
}

impl Unmatched {
    pub fn as_str(&self) -> &'static str {
        match self {
            Unmatched::Sport => "sport",
            Unmatched::EventGroup => "event group",
            Unmatched::Participant => "participant",
        }
    }
}

/// Everything the incidents module can fail with.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The input is not JSON.
    #[error("not JSON: {message}")]
    NotJson { message: String },
    /// One incident is larger than the limit.
    #[error("incident is {size} bytes, larger than the {limit}-byte limit")]
    TooLarge { size: usize, limit: usize },
    /// The incident does not follow the bos-incidents schema.
    #[error("invalid incident: {}", join(problems))]
    Schema { problems: Vec<SchemaProblem> },
    /// The incident's id does not match the sports data.
    #[error("not normalizable: {} {key}: {reason}", what.as_str())]
    NotNormalizable {
        what: Unmatched,
        /// `<chain>/<sport>[/<event group>][/<participant>]`
        key: String,
        reason: String,
    },
    /// Home and away name the same team (after matching names and aliases).
    #[error("home and away are the same team: {home:?} and {away:?} are both {team}")]
    SameTeam {
        home: String,
        away: String,
        /// The bookiesports identifier both names matched.
        team: String,
    },
    /// A unique or id string that cannot be used.
    #[error("{field} {value:?}: {reason}")]
    BadString {
        field: &'static str,
        value: String,
        reason: String,
    },
    /// A client's `id_string` or `unique_string` that is not the one bos computes from the
    /// normalized incident (it would group the incident with another event or result).
    #[error("{field} {given:?} does not match the incident: computed from its normalized id, call and arguments it is {computed:?}")]
    StringMismatch {
        field: &'static str,
        given: String,
        computed: String,
    },
    /// The incident cannot be stored (it lacks what the store's key needs).
    #[error("cannot store: {0}")]
    NotStorable(String),
    /// The SQLite store failed.
    #[error("{}: {source}", path.display())]
    Store {
        path: PathBuf,
        #[source]
        source: rusqlite::Error,
    },
    /// The store was written by a newer `bos`.
    #[error("{}: store schema version {found} is newer than this bos supports ({supported})", path.display())]
    StoreVersion {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    /// Creating the store's folder failed.
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// No event with this id string in the store.
    #[error("no event {id_string:?} (call {call}) in the store")]
    EventNotFound { id_string: String, call: String },
    /// No incident with this unique string in the store.
    #[error("no incident {unique_string:?} in the store")]
    IncidentNotFound { unique_string: String },
}

fn join(problems: &[SchemaProblem]) -> String {
    problems
        .iter()
        .map(|p| p.to_string())
        .collect::<Vec<_>>()
        .join("; ")
}
