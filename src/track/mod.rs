//! Time series of witness health and market odds: `bos track` records them,
//! `bos history` and `bos chart` read them back, `bos watch-witness` records
//! its samples too, and `bos serve` answers `GET /history/<series>` with
//! [`history_json`].
//!
//! Why it exists: witnesses and bookmakers want history, not only the present
//! (how many blocks did my witness miss this week, how far behind was my node,
//! how did a market's odds move before kick-off). The BCX tracker of the seed
//! kept such histories as Redis sorted sets; `bos` keeps them in its SQLite
//! store, with no extra server, and draws the charts itself.
//!
//! What it must never do: print (the CLI prints), or touch the incident
//! store's tables (the series have tables of their own in the same file).
//!
//! ## Series names
//!
//! `kind.subject.metric`, with the subject as the chain or the user writes it:
//!
//! | series | value | stamped with |
//! | --- | --- | --- |
//! | `chain.head_block` | head block number | head block time |
//! | `chain.recently_missed_count` | the dynamic global property | head block time |
//! | `chain.participation` | filled slots of the last 128, in percent | head block time |
//! | `witness.<account>.total_missed` | the witness's `total_missed` | head block time |
//! | `witness.<account>.last_confirmed_block` | its `last_confirmed_block_num` | head block time |
//! | `witness.<account>.missed_in_window` | `watch-witness`: misses in its sliding window | head block time |
//! | `node.<url>.head_lag` | seconds the node's head block is behind the wall clock | wall clock |
//! | `bm.<1.25.x>.back_odds` / `.back_amount` | best resting back offer: decimal odds, amount (asset units) | head block time |
//! | `bm.<1.25.x>.lay_odds` / `.lay_amount` | best resting lay offer | head block time |
//! | `bmg.<1.24.x>.matched` | the group's total matched bet amount (asset units) | head block time |
//!
//! Timestamps are milliseconds since the epoch (UTC). A series with no offer on
//! one side of the book has no sample for that round (a gap, not a zero).

pub mod chart;
pub mod error;
pub mod history;
pub mod sample;
pub mod store;
pub mod time;
pub mod tracker;

pub use error::{Result, TrackError};
pub use history::{history_json, history_json_in, Query};
pub use store::{Point, Sample, SeriesInfo, Store};
pub use tracker::{TrackEvent, Tracker};

/// Series names (see the module docs for the scheme).
pub mod series {
    /// `chain.<metric>`
    pub fn chain(metric: &str) -> String {
        format!("chain.{metric}")
    }
    /// `witness.<account>.<metric>`
    pub fn witness(account: &str, metric: &str) -> String {
        format!("witness.{account}.{metric}")
    }
    /// `node.<url>.<metric>`
    pub fn node(url: &str, metric: &str) -> String {
        format!("node.{url}.{metric}")
    }
    /// `bm.<betting market id>.<metric>`
    pub fn market(id: &str, metric: &str) -> String {
        format!("bm.{id}.{metric}")
    }
    /// `bmg.<betting market group id>.<metric>`
    pub fn group(id: &str, metric: &str) -> String {
        format!("bmg.{id}.{metric}")
    }
}
