//! Wheel decisions from the ledger and option chains: the agenda (expirations, ex-dividend dates), the position monitor (moneyness, time
//! value, early-assignment risk, risk levels), the candidates for the next short option (yield,
//! POP, warnings, score, reason), per-wheel recommendations, the scanner and the roll analyzer.
//! Pure: chains and ledger summaries in, figures out; no I/O and no clock (a chain carries its
//! own quote time, and everything is judged at it).

pub mod agenda;
pub mod candidate;
pub mod expiration;
pub mod monitor;
pub mod payoff;
pub mod profile;
pub mod recommend;
pub mod roll;
pub mod scan;
pub mod value;
