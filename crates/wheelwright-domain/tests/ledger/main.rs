//! The ledger's contract, proven: hand-worked scenarios (each with its arithmetic written out)
//! and property tests over random but valid fill sequences. One test binary for the crate.

mod book;
mod performance;
mod properties;
mod scenarios;
mod validation;
