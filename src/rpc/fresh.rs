//! [`FreshMap`]: values kept for a while, bounded in number and in size. What a run
//! that changes nothing on the chain shares between its jobs: node answers
//! ([`crate::rpc::Client`]'s shared reads) and the engine's chain views.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// A map whose entries count only for `fresh_for` after they were put. Past `max`
/// entries, or past `max_weight` in the weights given with them, the stale ones go,
/// then (if still full) all: memory stays bounded, whatever the entries hold.
pub struct FreshMap<K, V> {
    fresh_for: Duration,
    max: usize,
    max_weight: usize,
    inner: Mutex<Inner<K, V>>,
}

struct Inner<K, V> {
    map: HashMap<K, Entry<V>>,
    /// The sum of the entries' weights.
    weight: usize,
}

struct Entry<V> {
    at: Instant,
    weight: usize,
    value: V,
}

impl<K: Eq + Hash, V: Clone> FreshMap<K, V> {
    /// At most `max` entries (each of weight 1).
    pub fn new(fresh_for: Duration, max: usize) -> FreshMap<K, V> {
        FreshMap::weighing(fresh_for, max, max)
    }

    /// At most `max` entries whose weights ([`FreshMap::put_weighing`]) sum to at
    /// most `max_weight`.
    pub fn weighing(fresh_for: Duration, max: usize, max_weight: usize) -> FreshMap<K, V> {
        FreshMap {
            fresh_for,
            max,
            max_weight,
            inner: Mutex::new(Inner {
                map: HashMap::new(),
                weight: 0,
            }),
        }
    }

    /// The value put for `k` within `fresh_for`, if any.
    pub fn get(&self, k: &K) -> Option<V> {
        let inner = self.inner.lock().ok()?;
        let e = inner.map.get(k)?;
        (e.at.elapsed() < self.fresh_for).then(|| e.value.clone())
    }

    /// Puts `v` for `k`, with a weight of 1.
    pub fn put(&self, k: K, v: V) {
        self.put_weighing(k, v, 1)
    }

    /// Puts `v` for `k` with `weight` (such as its size in bytes). An entry heavier
    /// than the whole bound is not kept.
    pub fn put_weighing(&self, k: K, v: V, weight: usize) {
        if weight > self.max_weight {
            return;
        }
        let Ok(mut inner) = self.inner.lock() else {
            return;
        };
        if let Some(old) = inner.map.remove(&k) {
            inner.weight -= old.weight;
        }
        let full = |i: &Inner<K, V>| i.map.len() >= self.max || i.weight + weight > self.max_weight;
        if full(&inner) {
            let fresh_for = self.fresh_for;
            inner.map.retain(|_, e| e.at.elapsed() < fresh_for);
            inner.weight = inner.map.values().map(|e| e.weight).sum();
            if full(&inner) {
                inner.map.clear();
                inner.weight = 0;
            }
        }
        let e = Entry {
            at: Instant::now(),
            weight,
            value: v,
        };
        inner.weight += weight;
        inner.map.insert(k, e);
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

    #[test]
    fn the_weights_bound_the_map_too() {
        let m = FreshMap::weighing(Duration::from_secs(60), 100, 10);
        m.put_weighing(1, "a", 4);
        m.put_weighing(2, "b", 4);
        assert_eq!((m.get(&1), m.get(&2)), (Some("a"), Some("b")));
        // Putting a key again counts its new weight only.
        m.put_weighing(2, "b", 5);
        assert_eq!((m.get(&1), m.get(&2)), (Some("a"), Some("b")));
        // 4 + 5 + 2 would pass 10: the map starts afresh.
        m.put_weighing(3, "c", 2);
        assert_eq!((m.get(&1), m.get(&2), m.get(&3)), (None, None, Some("c")));
        // Heavier than the whole bound: not kept, and nothing else goes.
        m.put_weighing(4, "d", 11);
        assert_eq!((m.get(&3), m.get(&4)), (Some("c"), None));
        // Stale entries go first, before fresh ones.
        let m = FreshMap::weighing(Duration::from_millis(50), 100, 10);
        m.put_weighing(1, "old", 6);
        std::thread::sleep(Duration::from_millis(60));
        m.put_weighing(2, "new", 3);
        m.put_weighing(3, "newer", 3);
        assert_eq!((m.get(&2), m.get(&3)), (Some("new"), Some("newer")));
    }
}
