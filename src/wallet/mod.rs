//! The encrypted key store `bos` signs from, and the import of python-peerplays /
//! uptick wallets.
//!
//! Why it exists: a witness's active and signing keys must not sit in plain files.
//! They live in one SQLite file, encrypted under a key derived from a password with
//! a memory-hard KDF (see [`store`] for the format and [`crypto`] for the scheme).
//!
//! What it must never do: print, log, or put a secret (password, WIF, decrypted key)
//! into an error. Secrets are held in zeroizing buffers and wiped after use.

pub mod crypto;
pub mod error;
pub mod python;
pub mod store;

use std::path::PathBuf;

pub use crypto::KdfParams;
pub use error::{Error, Result};
pub use store::{permission_warnings, Added, KeyEntry, Signer, Unlocked, Wallet};

/// `$XDG_DATA_HOME`, else `~/.local/share`.
pub fn data_home() -> Option<PathBuf> {
    if let Some(d) = std::env::var_os("XDG_DATA_HOME") {
        let d = PathBuf::from(d);
        if d.is_absolute() {
            return Some(d);
        }
    }
    std::env::var_os("HOME")
        .filter(|h| !h.is_empty())
        .map(|h| PathBuf::from(h).join(".local").join("share"))
}

/// The default wallet file: `$XDG_DATA_HOME/bos/wallet.sqlite`.
pub fn default_path() -> Option<PathBuf> {
    data_home().map(|d| d.join("bos").join("wallet.sqlite"))
}
