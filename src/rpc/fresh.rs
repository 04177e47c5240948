//! [`FreshMap`]: values kept for a while, bounded in number. What a run that changes
//! nothing on the chain shares between its jobs: node answers ([`crate::rpc::Client`]'s
//! shared reads) and the engine's chain views.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// A map whose entries count only for `fresh_for` after they were put. Past `max`
/// entries the stale ones go, then (if still full) all: memory stays bounded.
pub struct FreshMap<K, V> {
    fresh_for: Duration,
    max: usize,
    map: Mutex<HashMap<K, (Instant, V)>>,
}

impl<K: Eq + Hash, V: Clone> FreshMap<K, V> {
    pub fn new(fresh_for: Duration, max: usize) -> FreshMap<K, V> {
        FreshMap {
            fresh_for,
            max,
            map: Mutex::new(HashMap::new()),
        }
    }

    /// The value put for `k` within `fresh_for`, if any.
    pub fn get(&self, k: &K) -> Option<V> {
        let map = self.map.lock().ok()?;
        let (at, v) = map.get(k)?;
        (at.elapsed() < self.fresh_for).then(|| v.clone())
    }

    pub fn put(&self, k: K, v: V) {
        if let Ok(mut map) = self.map.lock() {
            if map.len() >= self.max {
                map.retain(|_, (at, _)| at.elapsed() < self.fresh_for);
                if map.len() >= self.max {
                    map.clear();
                }
            }
            map.insert(k, (Instant::now(), v));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_count_while_fresh_and_the_map_stays_bounded() {
        let m = FreshMap::new(Duration::from_secs(60), 3);
        m.put(1, "a");
        assert_eq!(m.get(&1), Some("a"));
        assert_eq!(m.get(&2), None);
        for k in 2..=3 {
            m.put(k, "b");
        }
        // Full of fresh entries: the next put starts afresh.
        m.put(4, "c");
        assert_eq!((m.get(&1), m.get(&4)), (None, Some("c")));
        let stale = FreshMap::new(Duration::ZERO, 3);
        stale.put(1, "a");
        assert_eq!(stale.get(&1), None);
    }
}
