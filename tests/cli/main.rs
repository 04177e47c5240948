//! CLI tests: run the `bos` binary as a user would.

mod common;
mod docs;
mod incident;
mod key;
mod sports;
mod tx;
mod wallet;
