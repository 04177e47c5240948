//! Printing: JSON, tables, warnings and errors. Nothing else in `bos` prints.

use std::io::Write;

use comfy_table::{presets, ColumnConstraint, ContentArrangement, Table};
use serde_json::Value;

use super::CliError;

/// Prints a JSON value: compact for `--json` (one line, for scripts), pretty otherwise.
pub fn json(value: &Value, compact: bool) {
    let text = if compact {
        serde_json::to_string(value)
    } else {
        serde_json::to_string_pretty(value)
    };
    line(&text.unwrap_or_default());
}

/// Prints one line to stdout, ignoring a closed pipe.
pub fn line(text: &str) {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{text}");
}

/// A table with a header row, in the style every `bos` table uses. It fits the
/// terminal: long texts wrap, while a column of single words (ids, names, unique
/// strings, numbers) keeps each whole.
pub fn table(header: &[&str], rows: Vec<Vec<String>>) {
    let mut t = Table::new();
    t.load_preset(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(header.iter().copied());
    let whole: Vec<bool> = (0..header.len())
        .map(|i| {
            rows.iter().all(|r| {
                r.get(i)
                    .is_none_or(|c| !c.contains(char::is_whitespace) || c.len() <= 24)
            })
        })
        .collect();
    for r in rows {
        t.add_row(r);
    }
    for (i, keep) in whole.into_iter().enumerate() {
        if let (true, Some(c)) = (keep, t.column_mut(i)) {
            c.set_constraint(ColumnConstraint::ContentWidth);
        }
    }
    line(&t.to_string());
}

/// Two columns of key and value, without a header.
pub fn pairs(rows: &[(&str, String)]) {
    let mut t = Table::new();
    t.load_preset(presets::NOTHING)
        .set_content_arrangement(ContentArrangement::Dynamic);
    for (k, v) in rows {
        t.add_row(vec![k.to_string(), v.clone()]);
    }
    let text = t.to_string();
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    line(&lines.join("\n"));
}

/// A note on stderr (what happened, beside the data on stdout).
pub fn note(text: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{text}");
}

/// A warning on stderr.
pub fn warn(text: &str) {
    let _ = writeln!(std::io::stderr().lock(), "warning: {text}");
}

/// An error on stderr, one line.
pub fn error(e: &CliError) {
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "error: {e}");
    if let Some(h) = e.hint() {
        let _ = writeln!(err, "hint: {h}");
    }
}

/// A progress bar style from an indicatif template, with `{rate}`: items per second
/// as a whole number (indicatif's `{per_sec}` prints three decimals).
pub fn bar_style(template: &str) -> Option<indicatif::ProgressStyle> {
    let style = indicatif::ProgressStyle::with_template(template).ok()?;
    Some(style.with_key(
        "rate",
        |state: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
            let _ = write!(w, "{:.0}/s", state.per_sec());
        },
    ))
}
