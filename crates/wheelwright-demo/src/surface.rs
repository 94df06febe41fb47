//! The Demo market's implied volatility surface. The at-the-money total variance follows a
//! mean-reverting term structure from a short-term level (recent realised volatility blended
//! with the listing's own, higher in stressed markets) to a long-run level, plus the expected
//! earnings move for expiries after a report. Across strikes the smile is a raw SVI in log
//! forward moneyness scaled by the at-the-money variance, with negative correlation (put skew).
//! SVI with these parameters has no butterfly arbitrage, and total variance rises with expiry at
//! every moneyness, so the chains built on it have no static arbitrage (the tests check prices).

/// Speed of the term structure's reversion (per year).
const KAPPA: f64 = 4.0;
/// Skew (SVI ρ), wing weight and ATM curvature of the smile.
const RHO: f64 = -0.6;
const ETA: f64 = 0.25;
const CURVATURE: f64 = 0.4;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Surface {
    /// Instantaneous volatility now.
    pub short: f64,
    /// Long-run volatility.
    pub long: f64,
    /// Years to the next earnings report, and the variance of its move.
    pub earnings: Option<(f64, f64)>,
}

impl Surface {
    /// At-the-money total variance to `t` years.
    pub fn atm_variance(&self, t: f64) -> f64 {
        let (s2, l2) = (self.short * self.short, self.long * self.long);
        let decay = if t > 0.0 { (1.0 - (-KAPPA * t).exp()) / KAPPA } else { 0.0 };
        let bump = match self.earnings {
            Some((at, variance)) if at < t => variance,
            _ => 0.0,
        };
        l2 * t + (s2 - l2) * decay + bump
    }

    pub fn atm_vol(&self, t: f64) -> f64 {
        (self.atm_variance(t) / t).sqrt()
    }

    /// Implied volatility at log forward moneyness k = ln(K/F) and `t` years.
    pub fn vol(&self, k: f64, t: f64) -> f64 {
        let w0 = self.atm_variance(t);
        let z = k / w0.sqrt();
        let shape = 1.0 + ETA * (RHO * z + (z * z + CURVATURE * CURVATURE).sqrt() - CURVATURE);
        (w0 * shape / t).sqrt()
    }

    /// Moneyness in at-the-money standard deviations.
    pub fn standardised(&self, k: f64, t: f64) -> f64 {
        k / self.atm_variance(t).sqrt()
    }
}
