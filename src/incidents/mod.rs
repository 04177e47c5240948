//! Incidents: what data proxies and manual providers send about a match.
//!
//! The data flows one way: JSON -> [`validate`] (bos-incidents schema) -> [`Normalizer`]
//! (bookiesports names) -> [`intake::finish`] (start-time rounding, id and unique strings,
//! byte-identical to bos-incidents) -> [`store::Store`] (SQLite). This module never prints and
//! never reads the system time: "now" comes from a [`crate::clock::Clock`] passed in.

mod error;
pub mod format;
mod incident;
pub mod intake;
mod normalize;
pub mod reverse;
pub mod store;
pub mod time;
pub mod validate;

pub use error::{Error, SchemaProblem, Unmatched};
pub use incident::{Call, EventId, IdField, Incident};
pub use intake::Intake;
pub use normalize::{Identified, Normalizer};
