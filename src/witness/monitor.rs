//! The failover decisions as a pure state machine: a sample of the chain goes
//! in, events and at most one switch plan come out. No I/O, no clock: time is
//! the head block time of the sample, so the long-running watcher, `--once`
//! from cron and the tests on the manual devnet clock decide alike.
//!
//! Rules (tools.md §iii, minus the bugs of the scripts in use):
//! * the first sample is a baseline: nothing counts as missed before it;
//! * misses are the `total_missed` deltas, kept with the head time they were
//!   seen at, and summed inside a sliding window of `window` seconds;
//! * the threshold is reached when that sum is `>=` the threshold;
//! * the next key is the one after the *current on-chain* key in the list
//!   (round robin, never the current key);
//! * after a switch, misses start from zero and no new switch happens before
//!   `cooldown` seconds of chain time have passed;
//! * a key change seen on chain clears the window (the misses were the old key's);
//! * after one full rotation over the keys without a block produced by the
//!   witness (every node seems down), switching stops (`rotation_stopped`) and
//!   is tried again once after `backoff` seconds, the wait doubling each time
//!   (at most a day), until the witness produces again.

use serde::{Deserialize, Serialize};

use super::event::Event;

/// What the monitor is told to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Policy {
    /// Misses inside the window that trigger a switch (`>=`).
    pub threshold: u32,
    /// Width of the sliding window, in seconds of chain time.
    pub window: u32,
    /// Seconds after a switch during which no other switch happens.
    pub cooldown: u32,
    /// The signing keys to rotate over, in order (chain prefix form).
    pub keys: Vec<String>,
    /// Seconds after a switch by which the new key must be on chain, else an error is reported.
    pub confirm_timeout: u32,
    /// Seconds of chain time switching stays stopped after a full rotation
    /// without a produced block (doubled after each further attempt, at most a day).
    pub backoff: u32,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            threshold: 3,
            window: 600,
            cooldown: 300,
            keys: Vec::new(),
            confirm_timeout: 120,
            backoff: 3600,
        }
    }
}

/// The longest wait between attempts once switching has stopped.
pub const MAX_BACKOFF: u32 = 86_400;

/// One look at the chain: the head block and the witness object.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sample {
    pub head_block_number: u32,
    pub head_block_id: String,
    /// Head block time, seconds since the epoch.
    pub time: u32,
    pub total_missed: i64,
    pub signing_key: String,
    pub last_confirmed_block_num: u32,
    /// The witness's secret-chain commitment (hex); ripemd160(20 zero bytes) right after a key switch.
    pub next_secret_hash: String,
}

/// Misses seen in one sample.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Miss {
    /// Head time of the sample that saw them.
    pub time: u32,
    /// Head block number of that sample.
    pub block: u32,
    pub count: u32,
}

/// The last switch made (or, with `--dry-run`, the last one that would have been).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Switch {
    pub time: u32,
    pub block: u32,
    pub from: String,
    pub to: String,
    #[serde(default)]
    pub dry_run: bool,
    /// Head block at which the new key was first seen on chain.
    #[serde(default)]
    pub applied_at: Option<u32>,
    /// Block produced under the new key.
    #[serde(default)]
    pub produced_at: Option<u32>,
    /// The new key did not reach the chain in time.
    #[serde(default)]
    pub failed: bool,
}

/// Switches made since the witness last produced a block.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rotation {
    /// The witness's `last_confirmed_block_num` when the first of them was made.
    pub confirmed_at: u32,
    pub switches: u32,
    /// Chain time at which switching stopped (or the last attempt after it).
    #[serde(default)]
    pub stopped_at: Option<u32>,
    /// Seconds until the next attempt, from `stopped_at`.
    #[serde(default)]
    pub backoff: u32,
}

/// Everything the monitor remembers; this is what `--state FILE` holds.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct State {
    /// The witness id (1.6.x) this state belongs to.
    #[serde(default)]
    pub witness: Option<String>,
    #[serde(default)]
    pub last_head: Option<u32>,
    #[serde(default)]
    pub last_time: Option<u32>,
    #[serde(default)]
    pub last_total_missed: Option<i64>,
    #[serde(default)]
    pub last_signing_key: Option<String>,
    #[serde(default)]
    pub last_confirmed_block: Option<u32>,
    #[serde(default)]
    pub misses: Vec<Miss>,
    #[serde(default)]
    pub last_switch: Option<Switch>,
    /// Switches since the witness last produced (for the stop after a full rotation).
    #[serde(default)]
    pub rotation: Option<Rotation>,
    /// A miss was seen and the witness has not produced since.
    #[serde(default)]
    pub missing: bool,
    /// Samples (or `--once` runs) that failed in a row.
    #[serde(default)]
    pub failures: u32,
    /// Problems notified and not over yet (for reminders and for not repeating them).
    #[serde(default)]
    pub alerts: super::alerts::Alerts,
    /// A key change that landed in the witness's own block, whose initial secret
    /// must be sent again (see `failover::secret_overwritten`).
    #[serde(default)]
    pub reseed: Option<Reseed>,
}

/// A key whose initial secret was overwritten by the witness's own block.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reseed {
    pub signing_key: String,
    /// The witness's own block that carried the key change (`None`: not checked yet).
    #[serde(default)]
    pub block: Option<u32>,
    /// Chain time of the last reseed sent (`None`: not sent yet).
    #[serde(default)]
    pub sent_at: Option<u32>,
}

/// A switch the caller should make now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    pub from: String,
    pub to: String,
    pub missed_in_window: u32,
}

/// The result of one observation.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Observation {
    pub events: Vec<Event>,
    pub plan: Option<Plan>,
    /// The threshold is reached but no switch is possible (switching stopped
    /// after a full rotation, or no other key).
    pub blocked: bool,
}

/// The number of different keys in `keys`.
fn distinct(keys: &[String]) -> usize {
    let mut k: Vec<&String> = keys.iter().collect();
    k.sort();
    k.dedup();
    k.len()
}

/// The key after `current` in `keys`, cyclically, never `current` itself.
/// When `current` is not in the list, the first key of the list.
pub fn next_key<'a>(keys: &'a [String], current: &str) -> Option<&'a String> {
    match keys.iter().position(|k| k == current) {
        Some(i) => (1..keys.len())
            .map(|d| &keys[(i + d) % keys.len()])
            .find(|k| *k != current),
        None => keys.iter().find(|k| *k != current),
    }
}

impl State {
    /// Misses inside the window ending at `now`.
    pub fn missed_in_window(&self) -> u32 {
        self.misses.iter().map(|m| m.count).sum()
    }

    fn prune(&mut self, now: u32, window: u32) {
        self.misses
            .retain(|m| (m.time as u64) + (window as u64) > now as u64);
    }

    /// Looks at one sample and decides. A sample older than or equal to the
    /// last one seen (same head) only yields a `sample` event.
    pub fn observe(&mut self, policy: &Policy, s: &Sample) -> Observation {
        let mut out = Observation::default();
        let mut after_misses = Vec::new();
        let repeat = self.last_head.is_some_and(|h| s.head_block_number <= h);
        let mut delta: i64 = 0;
        if !repeat {
            if let Some(last) = self.last_total_missed {
                delta = s.total_missed - last;
            }
            if delta < 0 {
                // Another chain, or a replay: start again from here.
                self.misses.clear();
                delta = 0;
            }
            if delta > 0 {
                self.misses.push(Miss {
                    time: s.time,
                    block: s.head_block_number,
                    count: delta.min(u32::MAX as i64) as u32,
                });
            }
            self.prune(s.time, policy.window);
            self.track_key(s, policy.confirm_timeout, &mut out);
            // A block of the witness is the newest news: misses charged in the
            // same sample came before it (they are reported first).
            let produced = self
                .last_confirmed_block
                .is_some_and(|c| s.last_confirmed_block_num > c);
            if delta > 0 {
                self.missing = true;
            }
            if produced {
                if self
                    .rotation
                    .as_ref()
                    .is_some_and(|r| r.stopped_at.is_some())
                {
                    after_misses.push(Event::RotationResumed {
                        block: s.last_confirmed_block_num,
                        signing_key: s.signing_key.clone(),
                    });
                }
                self.rotation = None;
                if self.missing {
                    self.missing = false;
                    after_misses.push(Event::Producing {
                        block: s.last_confirmed_block_num,
                        signing_key: s.signing_key.clone(),
                    });
                }
            }
            self.last_head = Some(s.head_block_number);
            self.last_time = Some(s.time);
            self.last_total_missed = Some(s.total_missed);
            self.last_signing_key = Some(s.signing_key.clone());
            self.last_confirmed_block = Some(s.last_confirmed_block_num);
        }
        let in_window = self.missed_in_window();
        out.events.insert(
            0,
            Event::Sample {
                head_block_number: s.head_block_number,
                head_time: crate::protocol::TimePointSec(s.time).to_string(),
                total_missed: s.total_missed,
                signing_key: s.signing_key.clone(),
                missed_in_window: in_window,
            },
        );
        if delta > 0 {
            out.events.push(Event::Miss {
                head_block_number: s.head_block_number,
                new_misses: delta as u32,
                total_missed: s.total_missed,
                missed_in_window: in_window,
                threshold: policy.threshold,
            });
        }
        out.events.append(&mut after_misses);
        if repeat || in_window < policy.threshold || in_window == 0 {
            return out;
        }
        if let Some(sw) = &self.last_switch {
            if !sw.dry_run && !sw.failed && sw.applied_at.is_none() {
                // The last switch is still on its way to the chain: never stack another.
                if delta > 0 {
                    out.events.push(Event::Hold {
                        reason: format!(
                            "the switch to {} broadcast at block {} is not on chain yet",
                            sw.to, sw.block
                        ),
                        missed_in_window: in_window,
                    });
                }
                return out;
            }
            let until = sw.time as u64 + policy.cooldown as u64;
            if (s.time as u64) < until {
                if delta > 0 {
                    out.events.push(Event::Hold {
                        reason: format!(
                            "cooldown: the switch to {} at block {} gets until {}",
                            sw.to,
                            sw.block,
                            crate::protocol::TimePointSec(until.min(u32::MAX as u64) as u32)
                        ),
                        missed_in_window: in_window,
                    });
                }
                return out;
            }
        }
        let keys = distinct(&policy.keys);
        if let Some(r) = self.rotation.as_mut() {
            if r.switches as usize >= keys {
                match r.stopped_at {
                    None => {
                        r.stopped_at = Some(s.time);
                        r.backoff = policy.backoff.clamp(1, MAX_BACKOFF);
                        out.events.push(Event::RotationStopped {
                            switches: r.switches,
                            keys: keys as u32,
                            next_attempt: crate::protocol::TimePointSec(
                                s.time.saturating_add(r.backoff),
                            )
                            .to_string(),
                        });
                        out.blocked = true;
                        return out;
                    }
                    Some(at) if (s.time as u64) < at as u64 + r.backoff as u64 => {
                        if delta > 0 {
                            out.events.push(Event::Hold {
                                reason: format!(
                                    "switching stopped after {} switches without a produced block; next attempt at {}",
                                    r.switches,
                                    crate::protocol::TimePointSec(at.saturating_add(r.backoff))
                                ),
                                missed_in_window: in_window,
                            });
                        }
                        out.blocked = true;
                        return out;
                    }
                    Some(_) => {
                        // One attempt now; the next waits twice as long.
                        r.stopped_at = Some(s.time);
                        r.backoff = r.backoff.saturating_mul(2).clamp(1, MAX_BACKOFF);
                    }
                }
            }
        }
        match next_key(&policy.keys, &s.signing_key) {
            Some(to) => {
                out.plan = Some(Plan {
                    from: s.signing_key.clone(),
                    to: to.clone(),
                    missed_in_window: in_window,
                })
            }
            None => {
                out.blocked = true;
                if delta > 0 {
                    out.events.push(Event::Error {
                        message: format!(
                            "threshold reached, but no key other than {} to switch to",
                            s.signing_key
                        ),
                        failures: None,
                    });
                }
            }
        }
        out
    }

    fn track_key(&mut self, s: &Sample, confirm_timeout: u32, out: &mut Observation) {
        let changed = self
            .last_signing_key
            .as_ref()
            .is_some_and(|k| *k != s.signing_key);
        let mut ours = false;
        if let Some(sw) = self.last_switch.as_mut() {
            if !sw.dry_run && !sw.failed {
                if sw.applied_at.is_none() && s.signing_key == sw.to {
                    sw.applied_at = Some(s.head_block_number);
                    ours = true;
                    out.events.push(Event::Confirm {
                        stage: "applied".into(),
                        signing_key: sw.to.clone(),
                        head_block_number: s.head_block_number,
                    });
                }
                if let Some(at) = sw.applied_at {
                    if sw.produced_at.is_none()
                        && s.signing_key == sw.to
                        && s.last_confirmed_block_num > at
                    {
                        sw.produced_at = Some(s.last_confirmed_block_num);
                        out.events.push(Event::Confirm {
                            stage: "produced".into(),
                            signing_key: sw.to.clone(),
                            head_block_number: s.last_confirmed_block_num,
                        });
                    }
                }
                if sw.applied_at.is_none()
                    && s.time as u64 >= sw.time as u64 + confirm_timeout as u64
                {
                    sw.failed = true;
                    out.events.push(Event::Error {
                        message: format!(
                            "the switch to {} broadcast at block {} is not on chain; the key is still {}",
                            sw.to, sw.block, s.signing_key
                        ),
                        failures: None,
                    });
                }
            }
        }
        if changed {
            self.misses.clear();
            if !ours {
                out.events.push(Event::KeyChanged {
                    from: self.last_signing_key.clone().unwrap_or_default(),
                    to: s.signing_key.clone(),
                });
            }
        }
    }

    /// Records the switch just made (or, with `dry_run`, announced): the window
    /// starts again and the cooldown runs from the sample's time.
    pub fn record_switch(&mut self, plan: &Plan, s: &Sample, dry_run: bool) {
        self.misses.clear();
        self.rotation
            .get_or_insert_with(|| Rotation {
                confirmed_at: s.last_confirmed_block_num,
                ..Rotation::default()
            })
            .switches += 1;
        self.last_switch = Some(Switch {
            time: s.time,
            block: s.head_block_number,
            from: plan.from.clone(),
            to: plan.to.clone(),
            dry_run,
            applied_at: None,
            produced_at: None,
            failed: false,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("K{i}")).collect()
    }

    fn policy() -> Policy {
        Policy {
            threshold: 3,
            window: 600,
            cooldown: 300,
            keys: keys(3),
            confirm_timeout: 60,
            backoff: 600,
        }
    }

    fn sample(head: u32, time: u32, missed: i64, key: &str) -> Sample {
        Sample {
            head_block_number: head,
            head_block_id: String::new(),
            time,
            total_missed: missed,
            signing_key: key.into(),
            last_confirmed_block_num: 0,
            next_secret_hash: String::new(),
        }
    }

    #[test]
    fn round_robin_never_the_current_key() {
        let k = keys(3);
        assert_eq!(next_key(&k, "K0").unwrap(), "K1");
        assert_eq!(next_key(&k, "K1").unwrap(), "K2");
        assert_eq!(next_key(&k, "K2").unwrap(), "K0");
        assert_eq!(next_key(&k, "other").unwrap(), "K0");
        assert_eq!(next_key(&k[..1], "K0"), None);
        assert_eq!(next_key(&k[..1], "X").unwrap(), "K0");
        let dup = vec!["A".to_string(), "A".into(), "B".into()];
        assert_eq!(next_key(&dup, "A").unwrap(), "B");
        assert_eq!(next_key(&[], "A"), None);
    }

    #[test]
    fn baseline_then_threshold_with_ge() {
        let p = policy();
        let mut st = State::default();
        // A large total at start is history, not a miss.
        let o = st.observe(&p, &sample(1, 100, 50, "K0"));
        assert!(o.plan.is_none());
        assert_eq!(st.missed_in_window(), 0);
        st.observe(&p, &sample(2, 103, 52, "K0"));
        assert_eq!(st.missed_in_window(), 2);
        // Two more at once jumps past the threshold: `>=`, not `==`.
        let o = st.observe(&p, &sample(3, 106, 54, "K0"));
        let plan = o.plan.unwrap();
        assert_eq!((plan.from.as_str(), plan.to.as_str()), ("K0", "K1"));
        assert_eq!(plan.missed_in_window, 4);
    }

    #[test]
    fn the_window_slides() {
        let p = Policy {
            window: 60,
            ..policy()
        };
        let mut st = State::default();
        st.observe(&p, &sample(1, 0, 0, "K0"));
        st.observe(&p, &sample(2, 10, 1, "K0"));
        st.observe(&p, &sample(3, 40, 2, "K0"));
        // The first miss leaves the window at t = 70.
        let o = st.observe(&p, &sample(4, 75, 3, "K0"));
        assert!(o.plan.is_none());
        assert_eq!(st.missed_in_window(), 2);
        let o = st.observe(&p, &sample(5, 80, 4, "K0"));
        assert!(o.plan.is_some());
    }

    #[test]
    fn single_miss_under_threshold_does_nothing() {
        let p = policy();
        let mut st = State::default();
        st.observe(&p, &sample(1, 0, 0, "K0"));
        let o = st.observe(&p, &sample(2, 6, 1, "K0"));
        assert!(o.plan.is_none());
        assert!(o.events.iter().any(|e| matches!(e, Event::Miss { .. })));
        for i in 3..100 {
            assert!(st.observe(&p, &sample(i, i * 3, 1, "K0")).plan.is_none());
        }
    }

    #[test]
    fn repeated_sample_is_not_counted_twice() {
        let p = policy();
        let mut st = State::default();
        st.observe(&p, &sample(1, 0, 0, "K0"));
        st.observe(&p, &sample(2, 3, 2, "K0"));
        let o = st.observe(&p, &sample(2, 3, 2, "K0"));
        assert_eq!(o.events.len(), 1);
        assert_eq!(st.missed_in_window(), 2);
    }

    #[test]
    fn cooldown_then_rotation_and_confirmation() {
        let p = Policy {
            cooldown: 30,
            ..policy()
        };
        let mut st = State::default();
        st.observe(&p, &sample(1, 0, 0, "K0"));
        let s = sample(2, 3, 3, "K0");
        let plan = st.observe(&p, &s).plan.unwrap();
        st.record_switch(&plan, &s, false);
        assert_eq!(st.missed_in_window(), 0);
        // The update lands: applied; then the witness produces: produced.
        let mut s3 = sample(3, 6, 3, "K1");
        s3.last_confirmed_block_num = 1;
        let o = st.observe(&p, &s3);
        assert!(o
            .events
            .iter()
            .any(|e| matches!(e, Event::Confirm { stage, .. } if stage == "applied")));
        assert!(!o
            .events
            .iter()
            .any(|e| matches!(e, Event::KeyChanged { .. })));
        // K1 misses too: threshold again, but in cooldown: hold.
        let o = st.observe(&p, &sample(4, 9, 6, "K1"));
        assert!(o.plan.is_none());
        assert!(o.events.iter().any(|e| matches!(e, Event::Hold { .. })));
        // After the cooldown: the next key is K2, not K0.
        let o = st.observe(&p, &sample(5, 33, 6, "K1"));
        let plan = o.plan.unwrap();
        assert_eq!(plan.to, "K2");
        // A produced block under the new key confirms.
        let mut st = State::default();
        st.observe(&p, &sample(1, 0, 0, "K0"));
        let s = sample(2, 3, 3, "K0");
        let plan = st.observe(&p, &s).plan.unwrap();
        st.record_switch(&plan, &s, false);
        st.observe(&p, &sample(3, 6, 3, "K1"));
        let mut s4 = sample(4, 9, 3, "K1");
        s4.last_confirmed_block_num = 4;
        let o = st.observe(&p, &s4);
        assert!(o
            .events
            .iter()
            .any(|e| matches!(e, Event::Confirm { stage, .. } if stage == "produced")));
    }

    #[test]
    fn external_key_change_clears_the_window_and_a_lost_switch_is_reported() {
        let p = policy();
        let mut st = State::default();
        st.observe(&p, &sample(1, 0, 0, "K0"));
        st.observe(&p, &sample(2, 3, 2, "K0"));
        let o = st.observe(&p, &sample(3, 6, 2, "K2"));
        assert!(o
            .events
            .iter()
            .any(|e| matches!(e, Event::KeyChanged { .. })));
        assert_eq!(st.missed_in_window(), 0);
        let s = sample(4, 9, 5, "K2");
        let plan = st.observe(&p, &s).plan.unwrap();
        assert_eq!(plan.to, "K0");
        st.record_switch(&plan, &s, false);
        let o = st.observe(&p, &sample(30, 80, 5, "K2"));
        assert!(o.events.iter().any(|e| matches!(e, Event::Error { .. })));
        assert!(st.last_switch.as_ref().unwrap().failed);
    }

    #[test]
    fn no_second_switch_while_the_first_is_not_on_chain() {
        let p = Policy {
            cooldown: 0,
            ..policy()
        };
        let mut st = State::default();
        st.observe(&p, &sample(1, 0, 0, "K0"));
        let s = sample(2, 3, 3, "K0");
        let plan = st.observe(&p, &s).plan.unwrap();
        st.record_switch(&plan, &s, false);
        // More misses of the old key while the update is pending: held.
        let o = st.observe(&p, &sample(3, 6, 6, "K0"));
        assert!(o.plan.is_none());
        assert!(o.events.iter().any(|e| matches!(e, Event::Hold { .. })));
        // Once it is reported failed, a new attempt may go.
        let o = st.observe(&p, &sample(40, 200, 9, "K0"));
        assert!(st.last_switch.as_ref().unwrap().failed);
        assert_eq!(o.plan.unwrap().to, "K1");
    }

    /// Every key's node is dead: one full rotation, then switching stops,
    /// says so, and tries once more only after the backoff (doubling).
    #[test]
    fn all_keys_dead_one_rotation_then_stop_and_back_off() {
        let p = Policy {
            keys: keys(2),
            cooldown: 30,
            backoff: 600,
            ..policy()
        };
        let mut st = State::default();
        let mut t = 0;
        let mut head = 1;
        let mut missed = 0;
        let mut key = "K0".to_string();
        let mut switches = Vec::new();
        let mut stopped = Vec::new();
        // Nobody produces for two hours of chain time; each switch lands at once.
        while t < 7200 {
            let mut s = sample(head, t, missed, &key);
            s.last_confirmed_block_num = 5;
            let o = st.observe(&p, &s);
            for e in &o.events {
                if let Event::RotationStopped { .. } = e {
                    stopped.push(t);
                }
            }
            if let Some(plan) = o.plan {
                st.record_switch(&plan, &s, false);
                switches.push((t, plan.to.clone()));
                key = plan.to;
            }
            head += 1;
            t += 3;
            missed += 1;
        }
        // One rotation (K0 -> K1 -> K0), the stop, then single attempts after
        // 600 s, 1200 s and 2400 s more (the next would be 4800 s later).
        assert_eq!(switches.len(), 5, "{switches:?}");
        assert_eq!(switches[0].1, "K1");
        assert_eq!(switches[1].1, "K0");
        assert_eq!(stopped.len(), 1);
        assert!(switches[1].0 < stopped[0], "{switches:?} {stopped:?}");
        let gaps = [
            switches[2].0 - stopped[0],
            switches[3].0 - switches[2].0,
            switches[4].0 - switches[3].0,
        ];
        for (gap, want) in gaps.iter().zip([600, 1200, 2400]) {
            assert!((want..want + 10).contains(gap), "{switches:?} {stopped:?}");
        }
        // Blocked while stopped.
        let mut s = sample(head, t, missed + 5, &key);
        s.last_confirmed_block_num = 5;
        assert!(st.observe(&p, &s).blocked);
        // The witness produces: switching is allowed again, and that is said.
        let mut s = sample(head + 1, t + 3, missed + 5, &key);
        s.last_confirmed_block_num = head + 1;
        let o = st.observe(&p, &s);
        assert!(o
            .events
            .iter()
            .any(|e| matches!(e, Event::RotationResumed { .. })));
        assert!(o
            .events
            .iter()
            .any(|e| matches!(e, Event::Producing { .. })));
        assert!(st.rotation.is_none());
    }

    /// Misses charged by the block the witness itself produced came before
    /// it: `miss` first, then `producing`, and the witness is not missing.
    #[test]
    fn a_miss_and_a_production_in_one_sample() {
        let p = policy();
        let mut st = State::default();
        let mut s = sample(1, 0, 0, "K0");
        s.last_confirmed_block_num = 1;
        st.observe(&p, &s);
        let mut s = sample(2, 3, 1, "K0");
        s.last_confirmed_block_num = 1;
        st.observe(&p, &s);
        assert!(st.missing);
        let mut s = sample(4, 9, 2, "K0");
        s.last_confirmed_block_num = 4;
        let names: Vec<&str> = st.observe(&p, &s).events.iter().map(|e| e.name()).collect();
        assert_eq!(names, ["sample", "miss", "producing"]);
        assert!(!st.missing);
    }

    #[test]
    fn state_round_trips_as_json() {
        let p = policy();
        let mut st = State::default();
        st.observe(&p, &sample(1, 0, 0, "K0"));
        let s = sample(2, 3, 4, "K0");
        let plan = st.observe(&p, &s).plan.unwrap();
        st.record_switch(&plan, &s, true);
        let text = serde_json::to_string(&st).unwrap();
        let back: State = serde_json::from_str(&text).unwrap();
        assert_eq!(back, st);
        let empty: State = serde_json::from_str("{}").unwrap();
        assert_eq!(empty, State::default());
    }
}
