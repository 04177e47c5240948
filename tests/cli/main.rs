//! CLI tests: run the `bos` binary as a user would.

mod common;
mod devnet;
mod docs;
mod engine;
mod incident;
mod key;
mod sports;
mod track;
mod tx;
mod wallet;
mod watch;
