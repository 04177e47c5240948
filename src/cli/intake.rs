//! Reading incidents from files, folders, JSON lines or stdin, and checking them through
//! the intake (schema, normalization against the sports data): what `incident
//! validate`, `add`, `send` and `replay` share. Not a command: commands import this,
//! never each other.

use std::path::PathBuf;

use super::{CliError, Settings};
use crate::incidents::{self as inc, Intake, Normalizer};

pub use super::stream::Item;

/// Reads every input into (origin, item) pairs; unreadable inputs become items with a
/// reason. The same reader as `incident replay`'s stream ([`super::stream::Incidents`]),
/// collected.
pub fn read_inputs(files: &[PathBuf]) -> Vec<(String, Item)> {
    super::stream::Incidents::new(files).collect()
}

pub fn check(intake: &Intake, item: Item) -> Result<inc::Incident, String> {
    let r = match item {
        Item::Text(t) => intake.process_text(&t),
        Item::Value(v) => intake.process_value(v),
        Item::Unreadable(reason) => return Err(reason),
    };
    r.map_err(|e| e.to_string())
}

/// The intake for the sports data of the settings (`--sports`, the config file).
pub fn intake(g: &Settings) -> Result<Intake, CliError> {
    Ok(Intake::new(Normalizer::new(g.load_sports(None)?)))
}
