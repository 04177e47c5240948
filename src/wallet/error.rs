//! The one error type of the wallet module.
//!
//! Every variant names the file, row or key it is about. No variant ever holds a
//! secret (a password, a WIF, a decrypted key).

use std::path::PathBuf;

/// Errors from the wallet store and the python-peerplays import.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The password does not open the wallet (nothing was decrypted or written).
    #[error("{}: wrong password", path.display())]
    WrongPassword { path: PathBuf },
    /// The password does not open a python-peerplays wallet (nothing was imported).
    #[error("{}: wrong password for this python-peerplays wallet", path.display())]
    WrongPythonPassword { path: PathBuf },
    /// There is no wallet at this path.
    #[error("{}: no wallet here; create one with `bos wallet init`", path.display())]
    NotFound { path: PathBuf },
    /// `init` was asked to create a wallet where a file already exists.
    #[error("{}: a file already exists here; not overwriting it", path.display())]
    AlreadyExists { path: PathBuf },
    /// The file is not a bos wallet (another SQLite database, or not SQLite at all).
    #[error("{}: not a bos wallet: {reason}", path.display())]
    NotAWallet { path: PathBuf, reason: String },
    /// The file is a bos wallet but is damaged or truncated.
    #[error("{}: the wallet file is damaged: {reason} (the file was left as it is)", path.display())]
    Corrupt { path: PathBuf, reason: String },
    /// The wallet was written by a newer `bos`.
    #[error("{}: wallet schema version {found} is newer than this bos understands ({supported})", path.display())]
    NewerSchema {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    /// A stored private key does not decrypt or does not match its public key.
    #[error("{}: the stored key {public_key} is damaged: {reason}", path.display())]
    CorruptKey {
        path: PathBuf,
        public_key: String,
        reason: String,
    },
    /// The requested keys are not in the wallet.
    #[error("{}: not in the wallet: {}", path.display(), public_keys.join(", "))]
    KeysMissing {
        path: PathBuf,
        public_keys: Vec<String>,
    },
    /// A row of a python-peerplays wallet that cannot be imported.
    #[error("{}: keys row id {row} ({public_key}): {reason}", path.display())]
    PythonKey {
        path: PathBuf,
        row: i64,
        public_key: String,
        reason: String,
    },
    /// A python-peerplays wallet file that cannot be read as one.
    #[error("{}: not a readable python-peerplays wallet: {reason}", path.display())]
    NotPythonWallet { path: PathBuf, reason: String },
    /// An empty password.
    #[error("the password is empty")]
    EmptyPassword,
    /// The operating system's random source failed.
    #[error("no random source: {0}")]
    Random(String),
    /// A file or directory operation failed.
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// SQLite failed (locked for too long, disk full, ...).
    #[error("{}: {source}", path.display())]
    Sqlite {
        path: PathBuf,
        #[source]
        source: rusqlite::Error,
    },
    /// Stored KDF parameters outside the accepted range.
    #[error("{}: KDF parameters out of range: {reason}", path.display())]
    KdfParams { path: PathBuf, reason: String },
}

/// Wallet results.
pub type Result<T, E = Error> = std::result::Result<T, E>;
