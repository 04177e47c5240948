//! Copy-on-write containers for the chain state.
//!
//! Why it exists: a transaction (and an executing proposal) runs on a trial copy
//! of the state that replaces the original only when everything succeeded (the
//! node's undo session). With every index behind a [`Shared`], that copy costs
//! one reference count per index; an index is copied only when the trial first
//! writes to it, so a transfer copies the balances and statistics and nothing
//! else, and a failed transaction is dropped without having copied anything it
//! did not touch.
//!
//! What it must never do: change what the state means. Reads go through
//! `Deref`, writes through `DerefMut`, so evaluators use the maps as before.

use std::ops::{Deref, DerefMut};
use std::sync::Arc;

/// A value shared between the state and its trial copies until one writes.
#[derive(Debug, Default)]
pub struct Shared<T>(Arc<T>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(Arc::clone(&self.0))
    }
}

impl<T> From<T> for Shared<T> {
    fn from(v: T) -> Self {
        Shared(Arc::new(v))
    }
}

impl<T> Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: Clone> DerefMut for Shared<T> {
    /// Copies the value first if a trial copy (or the original) still shares it.
    fn deref_mut(&mut self) -> &mut T {
        Arc::make_mut(&mut self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn a_write_to_the_copy_leaves_the_original() {
        let mut a: Shared<BTreeMap<u64, i64>> = BTreeMap::from([(1, 10)]).into();
        let mut b = a.clone();
        b.insert(2, 20);
        *b.get_mut(&1).unwrap() += 1;
        assert_eq!(a.get(&1), Some(&10));
        assert_eq!(a.len(), 1);
        assert_eq!(b.get(&1), Some(&11));
        // Unshared again: writes go in place.
        drop(b);
        a.insert(3, 30);
        assert_eq!(a.len(), 2);
    }
}
