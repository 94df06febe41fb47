//! Wheelwright's pricing: European option values and Greeks (Black–Scholes–Merton, escrowed cash
//! dividends), American values, Greeks, exercise boundary and IV (Andersen–Lake–Offengenden),
//! implied volatility at machine precision, risk-neutral probabilities, and the NYSE
//! calendar that turns dates into trading time. Pure math on plain numbers: no I/O, no clock.

pub mod american;
pub mod calendar;
pub mod chain;
mod chebyshev;
pub mod dividend;
pub mod european;
pub mod iv;
pub mod normal;
pub mod probability;
mod quadrature;

/// Inputs that cannot be priced, with what is wrong.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PricingError {
    #[error("{0}")]
    Invalid(String),
}
