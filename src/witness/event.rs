//! The events of a watch: every decision, as one JSON object each
//! (`{"event": "miss", ...}`). The CLI writes them as JSON lines and hands the
//! ones worth a notification to [`super::notify`].

use serde::Serialize;
use serde_json::Value;

/// One thing the watcher saw or did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum Event {
    /// The watch starts.
    Start {
        witness_id: String,
        account: String,
        signing_key: String,
        keys: Vec<String>,
        threshold: u32,
        window: u32,
        cooldown: u32,
        dry_run: bool,
    },
    /// One look at the chain.
    Sample {
        head_block_number: u32,
        head_time: String,
        total_missed: i64,
        signing_key: String,
        missed_in_window: u32,
    },
    /// `total_missed` grew.
    Miss {
        head_block_number: u32,
        new_misses: u32,
        total_missed: i64,
        missed_in_window: u32,
        threshold: u32,
    },
    /// The threshold is reached but a switch is not allowed yet.
    Hold {
        reason: String,
        missed_in_window: u32,
    },
    /// The signing key was switched (the transaction is broadcast).
    Switch {
        from: String,
        to: String,
        missed_in_window: u32,
        head_block_number: u32,
        txid: String,
        /// From the block notice that showed the threshold to the node's answer to the broadcast.
        latency_ms: u64,
    },
    /// `--dry-run`: the switch that would have been made (nothing is broadcast).
    WouldSwitch {
        from: String,
        to: String,
        missed_in_window: u32,
        head_block_number: u32,
        operation: Value,
    },
    /// The switch reached the chain (`applied`) and the new key produced a block (`produced`).
    Confirm {
        stage: String,
        signing_key: String,
        head_block_number: u32,
    },
    /// The switch landed in the witness's own block, whose secret replaced the
    /// new initial secret; the switch was sent again.
    Reseed {
        signing_key: String,
        block: u32,
        txid: String,
    },
    /// The signing key changed on chain without this watcher.
    KeyChanged { from: String, to: String },
    /// The head block is old: the node (or the chain) has stopped.
    Stale { head_time: String, lag_secs: u64 },
    /// Several samples in a row failed: no node answers.
    Unreachable { failures: u32, last_error: String },
    /// A node answers again after failures.
    Reconnected { url: String, failures: u32 },
    /// Something failed; the watch goes on.
    Error { message: String },
}

impl Event {
    /// The `event` tag.
    pub fn name(&self) -> &'static str {
        match self {
            Event::Start { .. } => "start",
            Event::Sample { .. } => "sample",
            Event::Miss { .. } => "miss",
            Event::Hold { .. } => "hold",
            Event::Switch { .. } => "switch",
            Event::WouldSwitch { .. } => "would_switch",
            Event::Confirm { .. } => "confirm",
            Event::Reseed { .. } => "reseed",
            Event::KeyChanged { .. } => "key_changed",
            Event::Stale { .. } => "stale",
            Event::Unreachable { .. } => "unreachable",
            Event::Reconnected { .. } => "reconnected",
            Event::Error { .. } => "error",
        }
    }

    /// Whether a notification is sent for it (everything but routine samples and the start).
    pub fn notifies(&self) -> bool {
        !matches!(self, Event::Sample { .. } | Event::Start { .. })
    }

    /// The JSON form, with the witness and the wall-clock time added.
    pub fn json(&self, witness: &str, now: &str) -> Value {
        let mut v = serde_json::to_value(self).unwrap_or(Value::Null);
        if let Some(m) = v.as_object_mut() {
            m.insert("witness".into(), Value::String(witness.to_string()));
            m.insert("ts".into(), Value::String(now.to_string()));
        }
        v
    }

    /// One line for humans (notification text).
    pub fn message(&self, witness: &str) -> String {
        match self {
            Event::Start { signing_key, .. } => {
                format!("{witness}: watching, signing key {signing_key}")
            }
            Event::Sample {
                head_block_number,
                missed_in_window,
                ..
            } => format!("{witness}: block {head_block_number}, {missed_in_window} missed in the window"),
            Event::Miss {
                new_misses,
                missed_in_window,
                threshold,
                total_missed,
                ..
            } => format!(
                "{witness} missed {new_misses} block(s): {missed_in_window} of {threshold} in the window, {total_missed} in total"
            ),
            Event::Hold { reason, .. } => format!("{witness}: not switching yet ({reason})"),
            Event::Switch { from, to, txid, .. } => {
                format!("{witness}: switched the signing key from {from} to {to} (tx {txid})")
            }
            Event::WouldSwitch { from, to, .. } => {
                format!("{witness}: would switch the signing key from {from} to {to} (dry run)")
            }
            Event::Confirm {
                stage, signing_key, ..
            } => format!("{witness}: switch to {signing_key} confirmed ({stage})"),
            Event::Reseed {
                signing_key, block, ..
            } => format!(
                "{witness}: the switch to {signing_key} landed in the witness's own block {block}; sent again with the initial secret"
            ),
            Event::KeyChanged { from, to } => {
                format!("{witness}: signing key changed on chain from {from} to {to}")
            }
            Event::Stale { head_time, lag_secs } => {
                format!("{witness}: the head block ({head_time}) is {lag_secs} s old")
            }
            Event::Unreachable {
                failures,
                last_error,
            } => format!("{witness}: no node answered {failures} times: {last_error}"),
            Event::Reconnected { url, .. } => format!("{witness}: node {url} answers again"),
            Event::Error { message } => format!("{witness}: {message}"),
        }
    }
}
