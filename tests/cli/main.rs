//! CLI tests: run the `bos` binary as a user would.

mod browser;
mod checkers;
mod console;
mod couch;
mod devnet;
mod docs;
mod engine;
mod funds;
mod fuzz;
mod help;
mod incident;
mod key;
mod pipeline;
mod propose;
mod serve;
mod snapshots;
mod sports;
#[path = "../support/mod.rs"]
mod support;
mod track;
mod tx;
mod wallet;
mod watch;
