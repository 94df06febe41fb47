//! Implied volatility from a European option's price, at machine precision (Jäckel's "Let's Be
//! Rational" through the `implied-vol` crate). It inverts from the out-of-the-money side: an
//! in-the-money price is turned into its out-of-the-money twin by put–call parity, so the
//! intrinsic part never swamps the time value. A price with no volatility behind it is
//! reported with a reason, never clamped to a number.

use crate::european::Inputs;
use crate::PricingError;
use implied_vol::{DefaultSpecialFn, ImpliedBlackVolatility};
use serde::Serialize;
use wheelwright_domain::Right;

/// Why there is no implied volatility.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NoSolution {
    /// The price is below the option's intrinsic value (European: discounted forward intrinsic).
    BelowIntrinsic,
    /// American only: the price equals the value at zero volatility (usually the exercise value),
    /// and every volatility up to some level gives that same price.
    AtIntrinsic,
    /// The price is at or above what the option can be worth at any volatility.
    AboveMaximum,
    /// The option has expired (t = 0).
    Expired,
    /// The solver did not return a finite volatility.
    NoConvergence,
}

impl NoSolution {
    pub fn code(self) -> &'static str {
        match self {
            NoSolution::BelowIntrinsic => "below_intrinsic",
            NoSolution::AtIntrinsic => "at_intrinsic",
            NoSolution::AboveMaximum => "above_maximum",
            NoSolution::Expired => "expired",
            NoSolution::NoConvergence => "no_convergence",
        }
    }
}

/// A price to invert: finite and not negative.
pub(crate) fn checked_price(price: f64) -> Result<(), PricingError> {
    if price.is_finite() && price >= 0.0 {
        Ok(())
    } else {
        Err(PricingError::Invalid(format!("price must be a number ≥ 0, got {price}")))
    }
}

/// The European (Black) implied volatility of `price`. `inputs.vol` is ignored.
pub fn implied_vol(inputs: &Inputs, price: f64) -> Result<Result<f64, NoSolution>, PricingError> {
    let mut probe = inputs.clone();
    probe.vol = 0.0;
    probe.validate()?;
    checked_price(price)?;
    if inputs.t <= 0.0 {
        return Ok(Err(NoSolution::Expired));
    }
    let forward = inputs.forward();
    if forward <= 0.0 {
        return Err(PricingError::Invalid("the dividends before expiry are worth more than the spot".into()));
    }
    let k = inputs.strike;
    // Undiscounted prices from here on.
    let undiscounted = price / inputs.discount();
    let (intrinsic, maximum) = match inputs.right {
        Right::Call => ((forward - k).max(0.0), forward),
        Right::Put => ((k - forward).max(0.0), k),
    };
    // A relative tolerance of a few ulps keeps prices computed at intrinsic from being refused.
    let slack = 4.0 * f64::EPSILON * undiscounted.max(intrinsic).max(1.0);
    if undiscounted < intrinsic - slack {
        return Ok(Err(NoSolution::BelowIntrinsic));
    }
    if undiscounted >= maximum {
        return Ok(Err(NoSolution::AboveMaximum));
    }
    // Out-of-the-money twin by parity: C − P = F − K (undiscounted).
    let (otm_price, is_call) = match inputs.right {
        Right::Call if k < forward => (undiscounted - (forward - k), false),
        Right::Put if k > forward => (undiscounted - (k - forward), true),
        Right::Call => (undiscounted, true),
        Right::Put => (undiscounted, false),
    };
    if otm_price <= 0.0 {
        return Ok(Ok(0.0));
    }
    let solver =
        ImpliedBlackVolatility::builder().option_price(otm_price).forward(forward).strike(k).expiry(inputs.t).is_call(is_call).build();
    match solver.and_then(|s| s.calculate::<DefaultSpecialFn>()) {
        Some(vol) if vol.is_finite() => Ok(Ok(vol)),
        Some(_) => Ok(Err(NoSolution::AboveMaximum)),
        None => Ok(Err(NoSolution::NoConvergence)),
    }
}
