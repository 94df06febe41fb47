//! The risk of a whole book. A `Book` (underlyings with spot, volatility and sector; holdings of
//! shares and options; cash; the correlation of daily returns) goes in; out come position and
//! portfolio Greeks, collateral and a Reg-T margin estimate, single-name and sector
//! concentration, VaR with expected shortfall three ways, and the pre-trade check against the
//! trader's limits. Pure: no I/O and no clock — the caller says when "now" is.

pub mod book;
pub mod distribution;
pub mod estimate;
pub mod exposure;
pub mod horizon;
pub mod limits;
pub mod montecarlo;
pub mod parametric;
pub mod pretrade;
pub mod report;

pub use book::{Book, Holding, Instrument, RiskError, Underlying};
