//! The book as risk sees it: each underlying once (spot, daily volatility, sector, carry), the
//! holdings on it (shares, or options with their implied volatility and time to expiry), the
//! cash, and the correlation of the underlyings' daily returns. Every figure of this crate is
//! computed from a `Book`, so validating it once here keeps NaNs and nonsense out of the sums.

use serde::Serialize;
use thiserror::Error;
use ts_rs::TS;
use wheelwright_domain::Right;
use wheelwright_pricing::european::{self, Inputs, Valuation};

#[derive(Clone, Debug, PartialEq, Error, Serialize, TS)]
#[error("{field}: {message}")]
pub struct RiskError {
    pub field: String,
    pub message: String,
}

impl RiskError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> RiskError {
        RiskError { field: field.into(), message: message.into() }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Underlying {
    pub symbol: String,
    pub spot: f64,
    /// Standard deviation of daily log returns (estimated from price history).
    pub daily_vol: f64,
    pub sector: Option<String>,
    /// Continuous risk-free rate and dividend yield, per year.
    pub rate: f64,
    pub div_yield: f64,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Instrument {
    Shares,
    /// `t` in years to the last close; `iv` the contract's implied volatility (per year).
    Option {
        right: Right,
        strike: f64,
        t: f64,
        iv: f64,
        multiplier: f64,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub struct Holding {
    /// Index into `Book::underlyings`.
    pub underlying: usize,
    pub instrument: Instrument,
    /// Shares, or contracts; negative when short.
    pub quantity: f64,
    /// For a short option, the premium received per share: a cash-secured put ties up its strike
    /// less this.
    pub premium: f64,
    /// How the trader reads it: "KO Dec 18 2026 50 put", "KO shares".
    pub label: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Book {
    pub underlyings: Vec<Underlying>,
    pub holdings: Vec<Holding>,
    pub cash: f64,
    /// Correlation of daily log returns, row-major, one row per underlying.
    pub correlation: Vec<f64>,
}

fn check(ok: bool, field: &str, message: impl FnOnce() -> String) -> Result<(), RiskError> {
    if ok {
        Ok(())
    } else {
        Err(RiskError::new(field, message()))
    }
}

impl Holding {
    /// Shares per contract (1 for shares).
    pub fn multiplier(&self) -> f64 {
        match self.instrument {
            Instrument::Shares => 1.0,
            Instrument::Option { multiplier, .. } => multiplier,
        }
    }

    /// Shares, or the contracts' shares (quantity × multiplier), signed.
    pub fn share_quantity(&self) -> f64 {
        self.quantity * self.multiplier()
    }
}

impl Underlying {
    /// BSM value and Greeks of one share's worth of an option on this underlying at `spot`.
    pub fn option_value(&self, spot: f64, right: Right, strike: f64, t: f64, iv: f64) -> Valuation {
        let inputs = Inputs { right, spot, strike, rate: self.rate, div_yield: self.div_yield, vol: iv, t, dividends: Vec::new() };
        european::value(&inputs).expect("a validated book values")
    }
}

impl Book {
    /// Checks every number once; each error names the underlying or holding and the fix.
    pub fn validate(&self) -> Result<(), RiskError> {
        let n = self.underlyings.len();
        check(self.cash.is_finite(), "cash", || format!("cash must be a number, got {}", self.cash))?;
        for u in &self.underlyings {
            let field = format!("underlyings.{}", u.symbol);
            check(u.spot.is_finite() && u.spot > 0.0, &field, || format!("the spot must be positive, got {}", u.spot))?;
            check(u.daily_vol.is_finite() && (0.0..1.0).contains(&u.daily_vol), &field, || {
                format!("the daily volatility must be between 0 and 1 (0.02 for 2% a day), got {}", u.daily_vol)
            })?;
            check(u.rate.is_finite() && u.rate.abs() < 1.0 && u.div_yield.is_finite() && u.div_yield.abs() < 1.0, &field, || {
                "the rate and dividend yield are decimals between -1 and 1".to_string()
            })?;
        }
        for (i, h) in self.holdings.iter().enumerate() {
            let field = format!("holdings.{i}");
            check(h.underlying < n, &field, || format!("{} refers to underlying {} of {n}", h.label, h.underlying))?;
            check(h.quantity.is_finite() && h.quantity != 0.0, &field, || format!("{} has quantity {}", h.label, h.quantity))?;
            check(h.premium.is_finite() && h.premium >= 0.0, &field, || format!("{} has premium {}", h.label, h.premium))?;
            if let Instrument::Option { strike, t, iv, multiplier, .. } = h.instrument {
                check(strike.is_finite() && strike > 0.0, &field, || format!("{}: the strike must be positive", h.label))?;
                check(t.is_finite() && (0.0..=30.0).contains(&t), &field, || format!("{}: years to expiry {t} is not in 0..30", h.label))?;
                check(iv.is_finite() && iv > 0.0 && iv <= 10.0, &field, || {
                    format!("{}: implied volatility {iv} is not in (0, 10]", h.label)
                })?;
                check(multiplier.is_finite() && multiplier > 0.0, &field, || format!("{}: the multiplier must be positive", h.label))?;
            }
        }
        check(self.correlation.len() == n * n, "correlation", || {
            format!("{n} underlyings need a {n}×{n} matrix, got {} cells", self.correlation.len())
        })?;
        for i in 0..n {
            check((self.correlation[i * n + i] - 1.0).abs() < 1e-9, "correlation", || format!("the diagonal must be 1 (row {i})"))?;
            for j in 0..n {
                let (a, b) = (self.correlation[i * n + j], self.correlation[j * n + i]);
                check(a.is_finite() && (-1.0..=1.0).contains(&a) && (a - b).abs() < 1e-9, "correlation", || {
                    format!("cell ({i}, {j}) must be a symmetric correlation in [-1, 1], got {a}")
                })?;
            }
        }
        Ok(())
    }

    /// The value of a holding at a spot (shares: the spot; options: the BSM value) per share.
    pub fn mark(&self, holding: &Holding, spot: f64) -> f64 {
        match holding.instrument {
            Instrument::Shares => spot,
            Instrument::Option { right, strike, t, iv, .. } => {
                self.underlyings[holding.underlying].option_value(spot, right, strike, t, iv).price
            }
        }
    }

    /// Shares held of an underlying (long positive).
    pub fn shares_of(&self, underlying: usize) -> f64 {
        self.holdings.iter().filter(|h| h.underlying == underlying && h.instrument == Instrument::Shares).map(|h| h.quantity).sum()
    }
}
