//! Pricing against published references (Haug's tables as QuantLib's test suite gives them,
//! Hull's examples), the NYSE's published holiday lists, and property tests. One test binary.

mod american;
mod calendar;
mod chain;
mod european;
mod implied;
mod probability;

use wheelwright_domain::Right;
use wheelwright_pricing::european::Inputs;

/// QuantLib's argument order: right, strike, spot, q, r, t, vol.
pub fn inputs(right: Right, strike: f64, spot: f64, q: f64, r: f64, t: f64, vol: f64) -> Inputs {
    Inputs { right, spot, strike, rate: r, div_yield: q, vol, t, dividends: Vec::new() }
}
