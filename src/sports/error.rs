//! Errors of the sports module.

use std::fmt;
use std::path::PathBuf;

/// One problem found in a bookiesports folder: the file, the key inside it, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file the problem is in.
    pub file: PathBuf,
    /// The key path inside the file (`eventgroups[1]`, `asset`), or empty for the whole file.
    pub key: String,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.key.is_empty() {
            write!(f, "{}: {}", self.file.display(), self.message)
        } else {
            write!(f, "{}: {}: {}", self.file.display(), self.key, self.message)
        }
    }
}

/// Everything loading a bookiesports folder can fail with.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The folder does not exist or is not a bookiesports chain folder.
    #[error("{}: not a bookiesports chain folder ({reason})", path.display())]
    NotAChain { path: PathBuf, reason: String },
    /// Reading a file or folder failed.
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The folder was read, but it has problems; every one is listed.
    #[error("{} problem(s) in {}: {}", problems.len(), dir.display(), first(problems))]
    Invalid {
        dir: PathBuf,
        problems: Vec<Problem>,
    },
}

fn first(problems: &[Problem]) -> String {
    problems.first().map(|p| p.to_string()).unwrap_or_default()
}
