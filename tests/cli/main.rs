//! CLI tests: run the `bos` binary as a user would.

mod common;
mod devnet;
mod docs;
mod key;
mod tx;
