//! Node health as the client sees it: the events it reports when a node goes
//! down, comes back, falls behind or is left for another, and the head of one
//! node read over a short-lived connection (for comparing the configured nodes).

use std::time::Duration;

use serde::Serialize;
use serde_json::{json, Value};

use crate::protocol::TimePointSec;

/// What the client did or saw about its nodes. Delivered to
/// [`Options::events`](super::Options::events) when set, else logged with `tracing`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum NodeEvent {
    /// A node failed: it refused the connection, gave no answer within the
    /// timeout, lost the connection, is stale or fell behind the others.
    /// `in_use`: it was the node in use (or being connected to for use); a
    /// `node_switch` or, when no node is left, an unreachable error follows.
    /// Otherwise a background check or comparison found it.
    NodeDown {
        url: String,
        reason: String,
        in_use: bool,
    },
    /// A node that was down passed a health check (connected, answered, fresh).
    NodeUp { url: String },
    /// The client now sends its calls to `to` (subscriptions restored there).
    NodeSwitch {
        from: String,
        to: String,
        reason: String,
    },
    /// A node is behind the best of the configured nodes by more than the limit.
    NodeLag {
        url: String,
        head_block_number: u32,
        last_irreversible_block_num: u32,
        best_head_block_number: u32,
        best_last_irreversible_block_num: u32,
        /// Head blocks behind the best node.
        behind: u32,
    },
    /// A lagging node is within the limit again.
    NodeCaughtUp { url: String, head_block_number: u32 },
}

impl NodeEvent {
    /// The `event` tag.
    pub fn name(&self) -> &'static str {
        match self {
            NodeEvent::NodeDown { .. } => "node_down",
            NodeEvent::NodeUp { .. } => "node_up",
            NodeEvent::NodeSwitch { .. } => "node_switch",
            NodeEvent::NodeLag { .. } => "node_lag",
            NodeEvent::NodeCaughtUp { .. } => "node_caught_up",
        }
    }

    /// The node the event is about (for a switch: the one now used).
    pub fn url(&self) -> &str {
        match self {
            NodeEvent::NodeDown { url, .. }
            | NodeEvent::NodeUp { url }
            | NodeEvent::NodeLag { url, .. }
            | NodeEvent::NodeCaughtUp { url, .. } => url,
            NodeEvent::NodeSwitch { to, .. } => to,
        }
    }

    /// One line for humans.
    pub fn message(&self) -> String {
        match self {
            NodeEvent::NodeDown { url, reason, .. } => format!("node {url} is down: {reason}"),
            NodeEvent::NodeUp { url } => format!("node {url} is healthy again"),
            NodeEvent::NodeSwitch { from, to, reason } => {
                format!("using node {to} instead of {from} ({reason})")
            }
            NodeEvent::NodeLag {
                url,
                behind,
                head_block_number,
                best_head_block_number,
                last_irreversible_block_num,
                best_last_irreversible_block_num,
            } => format!(
                "node {url} is {behind} block(s) behind: head {head_block_number} (best {best_head_block_number}), irreversible {last_irreversible_block_num} (best {best_last_irreversible_block_num})"
            ),
            NodeEvent::NodeCaughtUp {
                url,
                head_block_number,
            } => format!("node {url} caught up (head {head_block_number})"),
        }
    }

    /// The JSON form (`{"event": "node_down", "url": ..., ...}`).
    pub fn json(&self) -> Value {
        serde_json::to_value(self).unwrap_or(Value::Null)
    }
}

/// The head of a node: what the client compares and checks for staleness.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Head {
    pub head_block_number: u32,
    pub last_irreversible_block_num: u32,
    /// Head block time, seconds since the epoch.
    pub time: u32,
}

impl Head {
    /// Reads it from `get_dynamic_global_properties`.
    pub fn from_dgp(v: &Value) -> Option<Head> {
        let n = |k: &str| v.get(k).and_then(super::frame::number);
        Some(Head {
            head_block_number: n("head_block_number")?.min(u32::MAX as u64) as u32,
            last_irreversible_block_num: n("last_irreversible_block_num")
                .unwrap_or(0)
                .min(u32::MAX as u64) as u32,
            time: TimePointSec::parse(v.get("time")?.as_str()?).ok()?.0,
        })
    }

    /// Seconds the head block time is behind the wall clock (0 when ahead).
    pub fn age_secs(&self) -> u64 {
        (TimePointSec::now().0 as i64 - self.time as i64).max(0) as u64
    }

    /// Older than `max_lag`?
    pub fn is_stale(&self, max_lag: Option<Duration>) -> bool {
        max_lag.is_some_and(|l| self.age_secs() > l.as_secs())
    }
}

/// How far each node is behind the best one; `None` for a node that did not answer.
/// Returns, per node, `(blocks behind the best head, blocks behind the best
/// irreversible block)`.
pub fn behind(heads: &[Option<Head>]) -> Vec<Option<(u32, u32)>> {
    let best_head = heads
        .iter()
        .flatten()
        .map(|h| h.head_block_number)
        .max()
        .unwrap_or(0);
    let best_lib = heads
        .iter()
        .flatten()
        .map(|h| h.last_irreversible_block_num)
        .max()
        .unwrap_or(0);
    heads
        .iter()
        .map(|h| {
            h.map(|h| {
                (
                    best_head.saturating_sub(h.head_block_number),
                    best_lib.saturating_sub(h.last_irreversible_block_num),
                )
            })
        })
        .collect()
}

/// The comparison of the nodes' heads: per URL that answered, its head and
/// `Some(node_lag)` when it is more than `max_block_lag` blocks behind the best
/// (head or last irreversible block), `None` when it is in step. URLs that did
/// not answer are left out.
pub fn lag_report(
    urls: &[String],
    heads: &[Result<Head, String>],
    max_block_lag: u32,
) -> Vec<(String, Head, Option<NodeEvent>)> {
    let answered: Vec<Option<Head>> = heads.iter().map(|h| h.as_ref().ok().copied()).collect();
    let best = |f: fn(&Head) -> u32| answered.iter().flatten().map(f).max().unwrap_or(0);
    let (best_head, best_lib) = (
        best(|h| h.head_block_number),
        best(|h| h.last_irreversible_block_num),
    );
    urls.iter()
        .zip(answered.iter().zip(behind(&answered)))
        .filter_map(|(url, (h, b))| {
            let (h, (b, lib_b)) = (h.as_ref()?, b?);
            let lag = (b > max_block_lag || lib_b > max_block_lag).then(|| NodeEvent::NodeLag {
                url: url.clone(),
                head_block_number: h.head_block_number,
                last_irreversible_block_num: h.last_irreversible_block_num,
                best_head_block_number: best_head,
                best_last_irreversible_block_num: best_lib,
                behind: b,
            });
            Some((url.clone(), *h, lag))
        })
        .collect()
}

/// The `get_dynamic_global_properties` request frame used by probes.
pub(crate) fn dgp_frame(id: u64, db: Value) -> String {
    super::frame::call(id, db, "get_dynamic_global_properties", json!([]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn behind_the_best() {
        let h = |n, lib| {
            Some(Head {
                head_block_number: n,
                last_irreversible_block_num: lib,
                time: 0,
            })
        };
        assert_eq!(
            behind(&[h(100, 90), None, h(95, 90), h(100, 80)]),
            vec![Some((0, 0)), None, Some((5, 0)), Some((0, 10))]
        );
        assert_eq!(behind(&[None]), vec![None]);
    }

    #[test]
    fn lag_report_names_the_laggard() {
        let h = |n, lib| {
            Ok(Head {
                head_block_number: n,
                last_irreversible_block_num: lib,
                time: 0,
            })
        };
        let urls: Vec<String> = ["a", "b", "c"].iter().map(|s| s.to_string()).collect();
        let r = lag_report(&urls, &[h(100, 90), h(92, 90), Err("down".into())], 3);
        assert_eq!(r.len(), 2);
        assert_eq!((r[0].0.as_str(), &r[0].2), ("a", &None));
        assert!(matches!(&r[1], (u, _, Some(NodeEvent::NodeLag { behind: 8, .. })) if u == "b"));
    }

    #[test]
    fn head_from_dgp_and_staleness() {
        let now = TimePointSec::now();
        let v = json!({"head_block_number": 7, "last_irreversible_block_num": "5", "time": TimePointSec(now.0 - 100).to_string()});
        let h = Head::from_dgp(&v).unwrap();
        assert_eq!((h.head_block_number, h.last_irreversible_block_num), (7, 5));
        assert!(h.is_stale(Some(Duration::from_secs(60))));
        assert!(!h.is_stale(Some(Duration::from_secs(600))));
        assert!(!h.is_stale(None));
        assert_eq!(Head::from_dgp(&json!({"time": "x"})), None);
    }

    #[test]
    fn events_have_names_and_json() {
        let e = NodeEvent::NodeDown {
            url: "ws://a".into(),
            reason: "no answer".into(),
            in_use: true,
        };
        assert_eq!(e.json()["event"], "node_down");
        assert_eq!(e.name(), "node_down");
        assert!(e.message().contains("ws://a"));
    }
}
