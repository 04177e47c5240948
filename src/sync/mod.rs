//! bos-sync's logic: chain lookups, comparators, naming, grading, proposals and
//! approvals.
//!
//! Why it exists: other witnesses run bos-sync; what `bos` proposes must equal
//! what bos-sync would propose from the same incidents, down to the number
//! formatting in names and the grading of results.
//!
//! What it must never do: print, or evaluate untrusted text with anything but the
//! small evaluator in [`grading`].

pub mod approve;
pub mod checkers;
pub mod describe;
pub mod engine;
pub mod grading;
pub mod job;
pub mod manual;
pub mod names;
pub mod naming;
pub mod pyvalue;
pub mod view;
