//! bos-sync's building blocks: the chain view, comparators and lookups, naming,
//! grading, the BOS state machines and the approval checkers. The triggers use them;
//! the orchestrators in [`crate::engine`] sit above both. Nothing here imports
//! what is above it.
//!
//! Why it exists: other witnesses run bos-sync; what `bos` proposes must equal
//! what bos-sync would propose from the same incidents, down to the number
//! formatting in names and the grading of results.
//!
//! What it must never do: print, or evaluate untrusted text with anything but the
//! small evaluator in [`grading`].

pub mod checkers;
pub mod describe;
pub mod grading;
pub mod job;
pub mod names;
pub mod naming;
pub mod pyvalue;
pub mod states;
pub mod view;
