//! bookiesports: which sports, event groups (leagues), participants, betting market groups
//! and rules exist on a chain.
//!
//! Loads a bookiesports chain folder (`bookiesports/<chain>/`) into [`Chain`] and validates
//! it as bookiesports does, reporting every problem with its file and key. This module only
//! reads data: it never prints, never touches the incident store, and never reads the clock
//! (callers pass "now" where a decision needs it).

mod error;
mod load;
mod model;
pub mod yaml;

pub use error::{Error, Problem};
pub use load::{load, parse_date, ASSETS};
pub use model::*;
