//! CLI tests: run the `bos` binary as a user would.

mod checkers;
mod common;
mod couch;
mod devnet;
mod docs;
mod engine;
#[path = "../support/hung.rs"]
mod hung;
mod incident;
mod key;
mod propose;
mod serve;
mod sports;
mod track;
mod tx;
mod wallet;
mod watch;
