//! Risk-neutral probabilities and moves for a position: in the money at expiry, profit at the
//! breakeven, touching a level before expiry (the barrier-hitting probability under drift
//! r − q, not the "2 × delta" rule of thumb), and the one-standard-deviation move. All are
//! risk-neutral, and the UI labels them so.

use crate::normal::cdf;
use wheelwright_domain::Right;

/// Market inputs for the probabilities (continuous rates; `t` in years).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Market {
    pub spot: f64,
    pub rate: f64,
    pub div_yield: f64,
    pub vol: f64,
    pub t: f64,
}

impl Market {
    fn d2(&self, level: f64) -> f64 {
        ((self.spot / level).ln() + (self.rate - self.div_yield - 0.5 * self.vol * self.vol) * self.t) / (self.vol * self.t.sqrt())
    }

    /// P(S_T > level) under the risk-neutral measure.
    pub fn above_at_expiry(&self, level: f64) -> f64 {
        if self.t <= 0.0 || self.vol <= 0.0 {
            return if self.spot > level { 1.0 } else { 0.0 };
        }
        cdf(self.d2(level))
    }

    /// P(the option finishes in the money).
    pub fn itm(&self, right: Right, strike: f64) -> f64 {
        match right {
            Right::Call => self.above_at_expiry(strike),
            Right::Put => 1.0 - self.above_at_expiry(strike),
        }
    }

    /// P(a short option of this right and strike, sold for `premium` a share, ends with a
    /// profit): the underlying finishes on the right side of the breakeven.
    pub fn short_profit(&self, right: Right, strike: f64, premium: f64) -> f64 {
        match right {
            Right::Put => self.above_at_expiry((strike - premium).max(f64::MIN_POSITIVE)),
            Right::Call => 1.0 - self.above_at_expiry(strike + premium),
        }
    }

    /// P(the price touches `level` at any time before expiry): the first-passage probability of
    /// ln S, a Brownian motion with drift ν = r − q − σ²/2.
    pub fn touch(&self, level: f64) -> f64 {
        let b = (level / self.spot).ln();
        if b == 0.0 {
            return 1.0;
        }
        if self.t <= 0.0 || self.vol <= 0.0 {
            return 0.0;
        }
        let nu = self.rate - self.div_yield - 0.5 * self.vol * self.vol;
        let sd = self.vol * self.t.sqrt();
        let reflect = (2.0 * nu * b / (self.vol * self.vol)).exp();
        let p = if b > 0.0 {
            cdf((nu * self.t - b) / sd) + reflect * cdf((-b - nu * self.t) / sd)
        } else {
            cdf((b - nu * self.t) / sd) + reflect * cdf((b + nu * self.t) / sd)
        };
        p.clamp(0.0, 1.0)
    }

    /// The one-standard-deviation move by expiry, in price: S·σ·√T.
    pub fn expected_move(&self) -> f64 {
        self.spot * self.vol * self.t.max(0.0).sqrt()
    }
}
