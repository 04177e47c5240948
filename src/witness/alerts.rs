//! Which events are notified: one notification per change of state, then a
//! reminder at an interval while a problem lasts. Every event is still logged;
//! this only decides what reaches `--notify-cmd` and `--webhook`.
//!
//! A problem opens with its first event (`miss`, `hold`, `stale`,
//! `unreachable`, an `error`, `rotation_stopped`, a `node_down` of a node not in
//! use, a `node_lag`) and is notified then; more events of it while it is open
//! are not. Its end (`producing`, `confirm` produced, `fresh`, `reconnected`,
//! `rotation_resumed`, `node_up`, `node_caught_up`) is notified when it was
//! open. Transitions (`switch`, `would_switch`, `confirm`, `reseed`,
//! `key_changed`) are always notified, and a `node_switch` when the node in use
//! changes (a cron run that switches the same way as the last one is no news). A failed sample is only
//! logged: `unreachable` speaks for the outage, and a node going down in use is
//! spoken for by the `node_switch` that follows it (or by `unreachable`).
//!
//! Pure: the caller passes the wall clock. The state is part of the watch state
//! (`--state FILE`), so cron runs do not repeat an open problem either.

use serde::{Deserialize, Serialize};

use super::event::Event;

/// A problem that was notified and is not over.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    /// `missing`, `hold`, `stale`, `unreachable`, `error`, `rotation_stopped`,
    /// `node_down URL`, `node_lag URL`.
    pub key: String,
    /// Unix seconds (wall clock) of its first event.
    pub since: i64,
    /// Unix seconds of its last notification (first or reminder).
    pub last_notified: i64,
    /// Events seen of it.
    pub count: u32,
    /// The message of its last event.
    pub message: String,
}

/// The open problems.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Alerts {
    #[serde(default)]
    pub open: Vec<Problem>,
    /// The node last known in use: a `node_switch` to it is no news (each cron
    /// run starts on the first node again and may switch the same way).
    #[serde(default)]
    pub node: Option<String>,
}

enum Class {
    /// Logged only.
    Never,
    /// A transition: always notified.
    Always,
    /// Opens (or continues) a problem.
    Open(String),
    /// Ends these problems; notified when one was open, or always.
    Close(Vec<String>, bool),
}

fn class(e: &Event) -> Class {
    use Class::*;
    let keys = |k: &[&str]| k.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    match e {
        Event::Start { .. } | Event::Sample { .. } | Event::Reminder { .. } => Never,
        Event::Error {
            failures: Some(_), ..
        } => Never,
        Event::NodeDown { in_use: true, .. } => Never,
        Event::Error { failures: None, .. } => Open("error".into()),
        Event::Miss { .. } => Open("missing".into()),
        Event::Hold { .. } => Open("hold".into()),
        Event::Stale { .. } => Open("stale".into()),
        Event::Unreachable { .. } => Open("unreachable".into()),
        Event::RotationStopped { .. } => Open("rotation_stopped".into()),
        Event::NodeDown { url, .. } => Open(format!("node_down {url}")),
        Event::NodeLag { url, .. } => Open(format!("node_lag {url}")),
        Event::Switch { .. } => Close(keys(&["hold", "error"]), true),
        Event::Confirm { stage, .. } if stage == "produced" => Close(
            keys(&["missing", "hold", "error", "rotation_stopped"]),
            true,
        ),
        Event::Confirm { .. }
        | Event::WouldSwitch { .. }
        | Event::Reseed { .. }
        | Event::KeyChanged { .. } => Always,
        Event::NodeSwitch { .. } => Never,
        Event::Producing { .. } => Close(keys(&["missing", "hold"]), false),
        Event::RotationResumed { .. } => Close(keys(&["rotation_stopped"]), false),
        Event::Fresh { .. } => Close(keys(&["stale"]), false),
        Event::Reconnected { .. } => Close(keys(&["unreachable"]), false),
        Event::NodeUp { url } => Close(vec![format!("node_down {url}")], false),
        Event::NodeCaughtUp { url, .. } => Close(vec![format!("node_lag {url}")], false),
    }
}

impl Alerts {
    /// Takes one event (with its one-line `message`) at `now` (unix seconds);
    /// true when it is to be notified.
    pub fn route(&mut self, e: &Event, message: &str, now: i64) -> bool {
        if let Event::NodeSwitch { to, .. } = e {
            let news = self.node.as_deref() != Some(to.as_str());
            self.node = Some(to.clone());
            return news;
        }
        match class(e) {
            Class::Never => false,
            Class::Always => true,
            Class::Open(key) => match self.open.iter_mut().find(|p| p.key == key) {
                Some(p) => {
                    p.count += 1;
                    p.message = message.to_string();
                    false
                }
                None => {
                    self.open.push(Problem {
                        key,
                        since: now,
                        last_notified: now,
                        count: 1,
                        message: message.to_string(),
                    });
                    true
                }
            },
            Class::Close(keys, always) => {
                let before = self.open.len();
                self.open.retain(|p| !keys.contains(&p.key));
                always || self.open.len() < before
            }
        }
    }

    /// The reminders due at `now` for problems last notified `every` seconds
    /// ago or more (`every` 0: none).
    pub fn reminders(&mut self, now: i64, every: u64) -> Vec<Event> {
        if every == 0 {
            return Vec::new();
        }
        let mut out = Vec::new();
        for p in &mut self.open {
            if now.saturating_sub(p.last_notified) >= every as i64 {
                p.last_notified = now;
                out.push(Event::Reminder {
                    problem: p.key.clone(),
                    since: chrono::DateTime::from_timestamp(p.since, 0)
                        .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
                        .unwrap_or_default(),
                    count: p.count,
                    message: p.message.clone(),
                });
            }
        }
        out
    }

    /// Records the node a sample came from (no notification).
    pub fn note_node(&mut self, url: Option<String>) {
        if url.is_some() {
            self.node = url;
        }
    }

    /// Whether a problem is open.
    pub fn is_open(&self, key: &str) -> bool {
        self.open.iter().any(|p| p.key == key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(failures: Option<u32>) -> Event {
        Event::Error {
            message: "boom".into(),
            failures,
        }
    }

    #[test]
    fn an_outage_is_one_notification_then_reminders_then_its_end() {
        let mut a = Alerts::default();
        let mut notified = Vec::new();
        let mut t = 1000;
        // 12 failed samples in 35 s: only `unreachable` (after the retries) goes out.
        for i in 1..=12u32 {
            let e = err(Some(i));
            if a.route(&e, "boom", t) {
                notified.push(e.name().to_string());
            }
            if i == 3 {
                let u = Event::Unreachable {
                    failures: 3,
                    last_error: "boom".into(),
                };
                if a.route(&u, "down", t) {
                    notified.push(u.name().to_string());
                }
            }
            for r in a.reminders(t, 10) {
                notified.push(format!("{}:{}", r.name(), t));
            }
            t += 3;
        }
        let back = Event::Reconnected {
            url: "ws://a".into(),
            failures: 12,
        };
        assert!(a.route(&back, "back", t));
        notified.push(back.name().to_string());
        assert_eq!(
            notified,
            [
                "unreachable",
                "reminder:1018",
                "reminder:1030",
                "reconnected"
            ]
        );
        assert!(a.open.is_empty());
        // A reconnection without an open outage is not news.
        assert!(!a.route(&back, "back", t));
    }

    #[test]
    fn misses_then_a_switch_and_its_confirmations() {
        let mut a = Alerts::default();
        let miss = Event::Miss {
            head_block_number: 1,
            new_misses: 1,
            total_missed: 1,
            missed_in_window: 1,
            threshold: 3,
        };
        assert!(a.route(&miss, "m", 0));
        assert!(!a.route(&miss, "m", 3));
        assert!(!a.route(&miss, "m", 6));
        assert_eq!(a.open[0].count, 3);
        let hold = Event::Hold {
            reason: "cooldown".into(),
            missed_in_window: 3,
        };
        assert!(a.route(&hold, "h", 7));
        assert!(!a.route(&hold, "h", 8));
        let sw = Event::Switch {
            from: "A".into(),
            to: "B".into(),
            missed_in_window: 3,
            head_block_number: 3,
            txid: "t".into(),
            latency_ms: 1,
        };
        assert!(a.route(&sw, "s", 9));
        assert!(!a.is_open("hold"));
        let produced = Event::Confirm {
            stage: "produced".into(),
            signing_key: "B".into(),
            head_block_number: 5,
        };
        assert!(a.route(&produced, "p", 12));
        assert!(a.open.is_empty());
        // A production after that closes nothing: not notified.
        let prod = Event::Producing {
            block: 6,
            signing_key: "B".into(),
        };
        assert!(!a.route(&prod, "p", 13));
    }

    #[test]
    fn node_events() {
        let mut a = Alerts::default();
        let down = |in_use| Event::NodeDown {
            url: "ws://a".into(),
            reason: "x".into(),
            in_use,
        };
        // The node in use: the switch (or unreachable) speaks for it.
        assert!(!a.route(&down(true), "d", 0));
        let sw = Event::NodeSwitch {
            from: "ws://a".into(),
            to: "ws://b".into(),
            reason: "x".into(),
        };
        assert!(a.route(&sw, "s", 0));
        // The same switch again (the next cron run) is no news; a switch back is.
        assert!(!a.route(&sw, "s", 60));
        a.note_node(Some("ws://a".into()));
        assert!(a.route(&sw, "s", 120));
        assert!(!a.route(
            &Event::NodeUp {
                url: "ws://a".into()
            },
            "u",
            1
        ));
        // A backup node found down by a background check: news, once.
        assert!(a.route(&down(false), "d", 2));
        assert!(!a.route(&down(false), "d", 3));
        assert!(a.route(
            &Event::NodeUp {
                url: "ws://a".into()
            },
            "u",
            4
        ));
        let lag = Event::NodeLag {
            url: "ws://b".into(),
            head_block_number: 1,
            last_irreversible_block_num: 1,
            best_head_block_number: 9,
            best_last_irreversible_block_num: 5,
            behind: 8,
        };
        assert!(a.route(&lag, "l", 5));
        assert!(!a.route(&lag, "l", 6));
        let up = Event::NodeCaughtUp {
            url: "ws://b".into(),
            head_block_number: 9,
        };
        assert!(a.route(&up, "c", 7));
    }

    #[test]
    fn no_reminders_when_off_and_state_round_trips() {
        let mut a = Alerts::default();
        a.route(&err(None), "e", 0);
        assert!(a.reminders(1_000_000, 0).is_empty());
        let r = a.reminders(100, 60);
        assert_eq!(r.len(), 1);
        assert!(a.reminders(120, 60).is_empty());
        let text = serde_json::to_string(&a).unwrap();
        assert_eq!(serde_json::from_str::<Alerts>(&text).unwrap(), a);
    }
}
