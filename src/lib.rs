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
//! | [`cli`] | clap definitions, one file per command group; the only place that prints |
//!
//! Later modules (rpc, wallet, sports, incidents, sync, triggers, serve, witness,
//! devnet) are added by their issues. Library code returns typed errors and never prints.

#![recursion_limit = "256"]

pub mod cli;
pub mod devnet;
pub mod protocol;
pub mod rpc;
