//! `bos`: a toolkit for the witnesses of the Peerplays blockchain.
//!
//! One binary replaces the Python stack a witness runs today (bos-auto with Redis
//! and MongoDB, bos-mint, python-peerplays/uptick wallets, failover scripts). This
//! library is shared by every command.
//!
//! Data flows one way, and a module never reaches back up this chain:
//! incident -> validate -> normalize -> store -> trigger -> lookups vs chain ->
//! operations -> proposal or approval -> sign -> broadcast.
//!
//! | module | what it holds |
//! | --- | --- |
//! | [`protocol`] | keys, ids, binary + JSON encoding, operations, transactions, signing, networks |
//! | [`wallet`] | the encrypted key store, and the import of python-peerplays wallets |
//! | [`clock`] | the one clock ("now", or `--now`) every time-dependent decision reads |
//! | [`sports`] | bookiesports: sports, event groups, participants, BMGs, rules; loading and checks |
//! | [`incidents`] | incident schema, normalization, id/unique strings, the SQLite incident store |
//! | [`sync`] | bos-sync's building blocks: chain view, comparators, naming, grading, state machines, checkers |
//! | [`triggers`] | the per-call logic (create, in_progress, finish, result, canceled, dynamic_bmgs) |
//! | [`engine`] | above the triggers: job runner, approver, manual proposals |
//! | [`chain`] | typed chain reads, the fee filler and the one transaction sender (sign, broadcast, `-d`, `-x`) |
//! | [`rpc`] | websocket JSON-RPC client: api ids, calls, notices, reconnect, node failover |
//! | [`devnet`] | `bos devnet`: a local simulated Peerplays node (state, evaluators, producer, RPC server) |
//! | [`witness`] | `watch-witness`: missed-block monitor, signing-key failover, cron state, notifications |
//! | [`track`] | time series of witness health and market odds: sampling, the SQLite series store, retention, downsampling, charts |
//! | [`serve`] | `bos serve`: HTTP intake, durable SQLite queue, workers, scheduler, approvals |
//! | [`cli`] | clap definitions, one file per command group; the only place that prints |
//!
//! Later modules are added by their issues. Library code returns typed errors and never prints.

#![recursion_limit = "256"]

pub mod chain;
pub mod cli;
pub mod clock;
pub mod devnet;
pub mod engine;
pub mod incidents;
pub mod protocol;
pub mod rpc;
pub mod serve;
pub mod sports;
pub mod sync;
pub mod track;
pub mod triggers;
pub mod wallet;
pub mod witness;
