//! Reading incidents from files, folders, JSON lines or stdin, and checking them through
//! the intake (schema, normalization against the sports data): what `incident
//! validate`, `add`, `send` and `replay` share. Not a command: commands import this,
//! never each other.

use std::path::{Path, PathBuf};

use serde_json::Value;

use super::{config, input, CliError, GlobalArgs};
use crate::incidents::{self as inc, Intake, Normalizer};

/// One incident read from the input, not yet checked.
pub enum Item {
    Text(String),
    Value(Value),
    Unreadable(String),
}

/// Reads every input into (origin, item) pairs; unreadable inputs become items with a reason.
pub fn read_inputs(files: &[PathBuf]) -> Vec<(String, Item)> {
    let mut out = Vec::new();
    for f in files {
        if f.is_dir() {
            let mut entries: Vec<PathBuf> = match std::fs::read_dir(f) {
                Ok(rd) => rd
                    .flatten()
                    .map(|e| e.path())
                    .filter(|p| {
                        p.is_file()
                            && p.extension()
                                .is_some_and(|e| e == "json" || e == "jsonl" || e == "ndjson")
                    })
                    .collect(),
                Err(e) => {
                    out.push((f.display().to_string(), Item::Unreadable(e.to_string())));
                    continue;
                }
            };
            entries.sort();
            for p in entries {
                read_file(&p, &mut out);
            }
        } else {
            read_file(f, &mut out);
        }
    }
    out
}

fn read_file(p: &Path, out: &mut Vec<(String, Item)>) {
    let origin = input::origin(Some(p));
    let text = match input::read_text(Some(p)) {
        Ok(t) => t,
        Err(e) => {
            let reason = match e {
                CliError::Io { source, .. } => source.to_string(),
                other => other.to_string(),
            };
            out.push((origin, Item::Unreadable(reason)));
            return;
        }
    };
    let lines_ext = p.extension().is_some_and(|e| e == "jsonl" || e == "ndjson");
    if !lines_ext {
        let trimmed = text.trim_start();
        if trimmed.starts_with('[') {
            if let Ok(Value::Array(items)) = serde_json::from_str::<Value>(&text) {
                for (i, v) in items.into_iter().enumerate() {
                    out.push((format!("{origin}[{i}]"), Item::Value(v)));
                }
                return;
            }
        }
        let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
        let many_lines = text.lines().filter(|l| !l.trim().is_empty()).count() > 1;
        let is_lines = many_lines
            && first.len() < text.trim().len()
            && serde_json::from_str::<Value>(first).is_ok();
        if !is_lines {
            out.push((origin, Item::Text(text)));
            return;
        }
    }
    for (n, line) in text.lines().enumerate() {
        if !line.trim().is_empty() {
            out.push((format!("{origin}:{}", n + 1), Item::Text(line.to_string())));
        }
    }
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
pub fn intake(g: &GlobalArgs) -> Result<Intake, CliError> {
    Ok(Intake::new(Normalizer::new(config::load_sports(g, None)?)))
}
