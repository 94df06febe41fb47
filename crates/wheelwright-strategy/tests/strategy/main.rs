//! The strategy crate's numbers, worked by hand where a hand can work them (yields, breakevens,
//! moneyness, % of max profit, risk levels and their edges, scores, roll credits), and checked
//! for their invariants on the Demo market where it cannot (candidates inside their criteria,
//! stable rankings). One test binary for the crate.

mod agenda;
mod candidates;
mod expiration;
mod monitor;
mod payoff;
mod recommend;
mod rolls;
mod scanner;
mod support;
mod value;
