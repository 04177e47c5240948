//! The Peerplays protocol core: keys, ids, binary and JSON encoding, operations,
//! transactions, signing and networks.
//!
//! Why it exists: everything `bos` proposes must be byte-identical to what
//! python-peerplays and the node build, or other witnesses will never approve it.
//! The vectors in `tests/data/vectors/` (from python-peerplays 0.5.3) are the oracle.
//!
//! What it must never do: touch the network, the disk or the terminal. It takes
//! values and returns values or a typed [`Error`].

pub mod codec;
pub mod error;
pub mod hash;
pub mod ids;
pub mod keys;
pub mod memo;
pub mod network;
pub mod operations;
pub mod path;
pub mod signing;
pub mod time;
pub mod transaction;
pub mod types;

pub use codec::{FlatMap, FlatSet, Json, JsonCx, Pack};
pub use error::{Error, Result};
pub use ids::ObjectId;
pub use keys::{Address, PrivateKey, PublicKey};
pub use operations::{OpWrapper, Operation};
pub use path::Path;
pub use time::TimePointSec;
pub use transaction::Transaction;

use std::cell::RefCell;

/// Parses a node-form JSON value into `T`, returning it with the warnings the
/// parse produced (unknown fields the node would ignore, repeated map keys).
pub fn from_json_with_warnings<T: Json>(v: &serde_json::Value) -> Result<(T, Vec<String>)> {
    let sink = RefCell::new(Vec::new());
    let root = Path::Root(Some(&sink));
    let value = T::from_json(v, &root)?;
    Ok((value, sink.into_inner()))
}
