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
    /// Something failed; the watch goes on. A failed sample has `failures`
    /// (how many in a row); those are notified as one `unreachable`.
    Error {
        message: String,
        #[serde(skip_serializing_if = "Option::is_none", default)]
        failures: Option<u32>,
    },
    /// The head is fresh again after a `stale`.
    Fresh { head_time: String, lag_secs: u64 },
    /// The witness produced a block after missing.
    Producing { block: u32, signing_key: String },
    /// A full rotation over the keys without a produced block: switching stops
    /// until `next_attempt` (chain time), then one switch per doubled wait.
    RotationStopped {
        switches: u32,
        keys: u32,
        next_attempt: String,
    },
    /// The witness produced again: switching is allowed again.
    RotationResumed { block: u32, signing_key: String },
    /// A problem notified earlier still lasts.
    Reminder {
        /// What lasts (`unreachable`, `missing`, `stale`, `node_down ws://...`, ...).
        problem: String,
        /// When it started (RFC 3339).
        since: String,
        /// Events seen of it so far.
        count: u32,
        message: String,
    },
    /// A node failed (see [`crate::rpc::NodeEvent::NodeDown`]); `in_use` when it
    /// was the node in use or about to be.
    NodeDown {
        url: String,
        reason: String,
        in_use: bool,
    },
    /// A node that was down passed a health check.
    NodeUp { url: String },
    /// The client moved from one node to another (subscriptions restored).
    NodeSwitch {
        from: String,
        to: String,
        reason: String,
    },
    /// A node is behind the best of the configured nodes.
    NodeLag {
        url: String,
        head_block_number: u32,
        last_irreversible_block_num: u32,
        best_head_block_number: u32,
        best_last_irreversible_block_num: u32,
        behind: u32,
    },
    /// A lagging node caught up.
    NodeCaughtUp { url: String, head_block_number: u32 },
}

impl From<crate::rpc::NodeEvent> for Event {
    fn from(e: crate::rpc::NodeEvent) -> Self {
        use crate::rpc::NodeEvent as N;
        match e {
            N::NodeDown {
                url,
                reason,
                in_use,
            } => Event::NodeDown {
                url,
                reason,
                in_use,
            },
            N::NodeUp { url } => Event::NodeUp { url },
            N::NodeSwitch { from, to, reason } => Event::NodeSwitch { from, to, reason },
            N::NodeLag {
                url,
                head_block_number,
                last_irreversible_block_num,
                best_head_block_number,
                best_last_irreversible_block_num,
                behind,
            } => Event::NodeLag {
                url,
                head_block_number,
                last_irreversible_block_num,
                best_head_block_number,
                best_last_irreversible_block_num,
                behind,
            },
            N::NodeCaughtUp {
                url,
                head_block_number,
            } => Event::NodeCaughtUp {
                url,
                head_block_number,
            },
        }
    }
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
            Event::Fresh { .. } => "fresh",
            Event::Producing { .. } => "producing",
            Event::RotationStopped { .. } => "rotation_stopped",
            Event::RotationResumed { .. } => "rotation_resumed",
            Event::Reminder { .. } => "reminder",
            Event::NodeDown { .. } => "node_down",
            Event::NodeUp { .. } => "node_up",
            Event::NodeSwitch { .. } => "node_switch",
            Event::NodeLag { .. } => "node_lag",
            Event::NodeCaughtUp { .. } => "node_caught_up",
        }
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
            Event::Error { message, .. } => format!("{witness}: {message}"),
            Event::Fresh { head_time, .. } => {
                format!("{witness}: the head block is fresh again ({head_time})")
            }
            Event::Producing { block, signing_key } => {
                format!("{witness} produces again: block {block} with {signing_key}")
            }
            Event::RotationStopped {
                switches,
                keys,
                next_attempt,
            } => format!(
                "{witness}: {switches} switches over {keys} keys without a produced block: every node seems down; switching stopped until {next_attempt}"
            ),
            Event::RotationResumed { block, .. } => {
                format!("{witness} produced block {block}: switching is allowed again")
            }
            Event::Reminder {
                problem,
                since,
                message,
                ..
            } => format!("{witness}: still {problem} since {since}: {message}"),
            Event::NodeDown { .. }
            | Event::NodeUp { .. }
            | Event::NodeSwitch { .. }
            | Event::NodeLag { .. }
            | Event::NodeCaughtUp { .. } => {
                format!("{witness}: {}", self.node_message())
            }
        }
    }
}

impl Event {
    fn node_message(&self) -> String {
        match self {
            Event::NodeDown { url, reason, .. } => format!("node {url} is down: {reason}"),
            Event::NodeUp { url } => format!("node {url} is healthy again"),
            Event::NodeSwitch { from, to, reason } => {
                format!("using node {to} instead of {from} ({reason})")
            }
            Event::NodeLag {
                url,
                behind,
                head_block_number,
                best_head_block_number,
                ..
            } => format!(
                "node {url} is {behind} block(s) behind the others (head {head_block_number}, best {best_head_block_number})"
            ),
            Event::NodeCaughtUp {
                url,
                head_block_number,
            } => format!("node {url} caught up (head {head_block_number})"),
            _ => String::new(),
        }
    }
}
