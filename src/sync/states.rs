//! The BOS state machines as the node enforces them (node spec §4.4-4.6): which
//! status an event or a betting market group may go to, and whether a list of
//! operations (a proposal, a cart, a job's proposal) would execute given the
//! statuses the chain reports now.
//!
//! Every path that proposes or approves checks here first: the engine's triggers,
//! the approval routine (own proposals included) and `bos propose`. A proposal the
//! chain would refuse on execution is never proposed and never approved.

use std::collections::HashMap;

use serde_json::Value;

use crate::protocol::types::{BettingMarketGroupStatus as G, EventStatus as E};

/// The statuses an event in reported status `from` may be set to (§4.4). A
/// `frozen` event may return to `upcoming` only if it was frozen before it
/// started; the node does not report which, so that one is allowed here and
/// the node has the last word.
pub fn event_targets(from: &str) -> Vec<E> {
    match from {
        "upcoming" => vec![E::InProgress, E::Frozen, E::Finished, E::Canceled],
        "frozen" => vec![E::Upcoming, E::InProgress, E::Finished, E::Canceled],
        "in_progress" => vec![E::Frozen, E::Finished, E::Canceled],
        "finished" => vec![E::Canceled],
        _ => vec![],
    }
}

/// The statuses a BMG in reported status `from` may be set to (§4.5).
pub fn bmg_targets(from: &str, never_in_play: bool) -> Vec<G> {
    let mut v = match from {
        "upcoming" => vec![G::Frozen, G::InPlay, G::Closed, G::Canceled],
        "frozen" => vec![G::Upcoming, G::InPlay, G::Closed, G::Canceled],
        "in_play" => vec![G::Frozen, G::Closed, G::Canceled],
        "closed" | "graded" => vec![G::Canceled],
        _ => vec![],
    };
    if never_in_play && from == "upcoming" {
        v.retain(|s| *s != G::InPlay);
    }
    v
}

/// A list of statuses for a message.
pub fn list<T: std::fmt::Display>(v: &[T]) -> String {
    if v.is_empty() {
        return "nothing (it cannot change any more)".into();
    }
    v.iter()
        .map(|s| s.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The BMG status an event's new status moves its groups to (§4.4 cascades).
fn cascade(to: E) -> Option<&'static str> {
    match to {
        E::InProgress => Some("in_play"),
        E::Frozen => Some("frozen"),
        E::Finished => Some("closed"),
        E::Canceled => Some("canceled"),
        E::Upcoming => Some("upcoming"),
        E::Settled => None,
    }
}

#[derive(Clone, Debug)]
struct Group {
    status: String,
    never_in_play: bool,
    event: String,
}

/// Statuses as they will be after the operations applied so far: start from the
/// chain's objects ([`Machine::event`], [`Machine::group`]) and apply operations in
/// order; each step says why it would fail.
#[derive(Clone, Debug, Default)]
pub struct Machine {
    events: HashMap<String, String>,
    groups: HashMap<String, Group>,
}

impl Machine {
    pub fn new() -> Machine {
        Machine::default()
    }

    /// Registers an event object (node JSON) unless known already.
    pub fn event(&mut self, o: &Value) {
        if let Some(id) = o["id"].as_str() {
            self.events
                .entry(id.to_string())
                .or_insert_with(|| o["status"].as_str().unwrap_or("upcoming").to_string());
        }
    }

    /// Registers a BMG object (node JSON) unless known already.
    pub fn group(&mut self, o: &Value) {
        if let Some(id) = o["id"].as_str() {
            self.groups.entry(id.to_string()).or_insert_with(|| Group {
                status: o["status"].as_str().unwrap_or("upcoming").to_string(),
                never_in_play: o["never_in_play"].as_bool().unwrap_or(false),
                event: o["event_id"].as_str().unwrap_or_default().to_string(),
            });
        }
    }

    /// The status of a known event.
    pub fn event_status(&self, id: &str) -> Option<&str> {
        self.events.get(id).map(String::as_str)
    }

    /// The status of a known group.
    pub fn group_status(&self, id: &str) -> Option<&str> {
        self.groups.get(id).map(|g| g.status.as_str())
    }

    /// Event `id` goes to `to` (with scores or not). A relative id (`0.0.N`) names
    /// an event created by an earlier operation (upcoming).
    pub fn set_event(&mut self, id: &str, to: E, scores: bool) -> Result<(), String> {
        if to == E::Settled {
            return Err(
                "settled is never set: the chain settles an event when its groups are resolved"
                    .into(),
            );
        }
        let from = match self.events.get(id) {
            Some(s) => s.clone(),
            // Created by an earlier operation of the same proposal.
            None if id.starts_with("0.0.") => "upcoming".into(),
            None => {
                return Err(format!(
                    "event {id} is not on chain (settled and removed, or never created)"
                ))
            }
        };
        if from == to.as_str() {
            // event_update_status to the same status only rewrites the scores.
            return if scores {
                Ok(())
            } else {
                Err(format!("event {id} is already {from}"))
            };
        }
        if from == "canceled" && to == E::Canceled {
            return Ok(());
        }
        let allowed = event_targets(&from);
        if !allowed.contains(&to) {
            return Err(format!(
                "event {id} is {from}: it can go to {}",
                list(&allowed)
            ));
        }
        self.events.insert(id.to_string(), to.as_str().to_string());
        if let Some(c) = cascade(to) {
            for g in self.groups.values_mut().filter(|g| g.event == id) {
                if !matches!(g.status.as_str(), "canceled" | "settled" | "graded") {
                    g.status = c.to_string();
                }
            }
        }
        Ok(())
    }

    /// Group `id` goes to `to` (betting_market_group_update with a status).
    pub fn set_group(&mut self, id: &str, to: G) -> Result<(), String> {
        if matches!(to, G::Graded | G::Settled | G::ReGrading) {
            return Err(format!(
                "{to} is never set by hand: resolve the group and the chain grades and settles it"
            ));
        }
        let Some(g) = self.groups.get_mut(id) else {
            if id.starts_with("0.0.") {
                // Created by an earlier operation of the same proposal: upcoming.
                return Ok(());
            }
            return Err(format!(
                "betting market group {id} is not on chain (settled and removed, or never created)"
            ));
        };
        if g.status == to.as_str() {
            return Err(format!("betting market group {id} is already {}", g.status));
        }
        let allowed = bmg_targets(&g.status, g.never_in_play);
        if !allowed.contains(&to) {
            return Err(format!(
                "betting market group {id} is {}{}: it can go to {}",
                g.status,
                if g.never_in_play {
                    " (never in play)"
                } else {
                    ""
                },
                list(&allowed)
            ));
        }
        g.status = to.as_str().to_string();
        Ok(())
    }

    /// Group `id` is resolved: a win needs it closed; a cancel needs it not
    /// canceled or settled yet.
    pub fn resolve(&mut self, id: &str, cancel: bool) -> Result<(), String> {
        let Some(g) = self.groups.get_mut(id) else {
            return Err(format!(
                "betting market group {id} is not on chain (settled and removed, or never created)"
            ));
        };
        if cancel {
            if matches!(g.status.as_str(), "canceled" | "settled") {
                return Err(format!("betting market group {id} is already {}", g.status));
            }
            g.status = "canceled".into();
        } else {
            if g.status != "closed" {
                return Err(format!(
                    "betting market group {id} is {}: a win is resolved only once it is closed",
                    g.status
                ));
            }
            g.status = "graded".into();
        }
        Ok(())
    }

    /// Applies node-form operations (`[tag, body]`) in order. Operations that do not
    /// change statuses pass. The error names the operation (from 0).
    pub fn apply(&mut self, ops: &[Value]) -> Result<(), String> {
        for (k, op) in ops.iter().enumerate() {
            let b = &op[1];
            let id = |key: &str| b[key].as_str().unwrap_or_default().to_string();
            let r = match op[0].as_u64() {
                // event_update_status
                Some(72) => match b["status"].as_str().and_then(E::parse) {
                    Some(to) => {
                        let scores = b["scores"].as_array().is_some_and(|s| !s.is_empty());
                        self.set_event(&id("event_id"), to, scores)
                    }
                    None => Err("an unknown event status".into()),
                },
                // event_update with a new status
                Some(57) => match b["new_status"].as_str().and_then(E::parse) {
                    Some(to) if self.event_status(&id("event_id")) != Some(to.as_str()) => {
                        self.set_event(&id("event_id"), to, false)
                    }
                    _ => Ok(()),
                },
                // betting_market_group_update with a status
                Some(70) => match b["status"].as_str().and_then(G::parse) {
                    Some(to) => self.set_group(&id("betting_market_group_id"), to),
                    None => Ok(()),
                },
                // betting_market_group_resolve
                Some(63) => {
                    let cancel = b["resolutions"]
                        .as_array()
                        .is_some_and(|r| r.iter().all(|p| p[1] == "cancel"));
                    self.resolve(&id("betting_market_group_id"), cancel)
                }
                _ => Ok(()),
            };
            r.map_err(|e| format!("operation {k}: {e}"))?;
        }
        Ok(())
    }
}

/// The chain objects whose statuses decide whether `ops` execute: the events and
/// groups they name (relative `0.0.N` ids excluded).
pub fn status_objects(ops: &[Value]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for op in ops {
        let keys: &[&str] = match op[0].as_u64() {
            Some(72) | Some(57) => &["event_id"],
            Some(70) | Some(63) => &["betting_market_group_id"],
            _ => &[],
        };
        for k in keys {
            if let Some(id) = op[1][*k].as_str() {
                if id.starts_with("1.") && !out.iter().any(|x| x == id) {
                    out.push(id.to_string());
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn machine() -> Machine {
        let mut m = Machine::new();
        m.event(&json!({"id": "1.22.0", "status": "in_progress"}));
        m.group(&json!({"id": "1.24.0", "status": "in_play", "event_id": "1.22.0"}));
        m
    }

    #[test]
    fn finish_then_resolve_in_one_proposal() {
        let mut m = machine();
        let ops = vec![
            json!([72, {"event_id": "1.22.0", "status": "finished", "scores": ["2", "1"]}]),
            json!([63, {"betting_market_group_id": "1.24.0", "resolutions": [["1.25.0", "win"], ["1.25.1", "not_win"]]}]),
        ];
        assert_eq!(m.apply(&ops), Ok(()));
        assert_eq!(m.group_status("1.24.0"), Some("graded"));
        // The same resolve again: the group is graded now.
        let again = m.apply(&ops[1..]).unwrap_err();
        assert!(again.contains("graded"), "{again}");
    }

    #[test]
    fn in_progress_after_finished_is_refused() {
        let mut m = Machine::new();
        m.event(&json!({"id": "1.22.0", "status": "finished"}));
        let e = m
            .apply(&[json!([72, {"event_id": "1.22.0", "status": "in_progress", "scores": []}])])
            .unwrap_err();
        assert!(e.contains("finished: it can go to canceled"), "{e}");
        // Finish before in_progress is allowed.
        let mut m = Machine::new();
        m.event(&json!({"id": "1.22.0", "status": "upcoming"}));
        assert!(m.set_event("1.22.0", E::Finished, true).is_ok());
    }

    #[test]
    fn resolve_of_a_removed_group_is_refused() {
        let mut m = Machine::new();
        assert!(m
            .resolve("1.24.9", false)
            .unwrap_err()
            .contains("not on chain"));
        m.group(&json!({"id": "1.24.1", "status": "upcoming", "event_id": "1.22.0"}));
        assert!(m.resolve("1.24.1", false).unwrap_err().contains("closed"));
        assert!(m.resolve("1.24.1", true).is_ok());
        assert!(m
            .resolve("1.24.1", true)
            .unwrap_err()
            .contains("already canceled"));
    }
}
