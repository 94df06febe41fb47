//! Black–Scholes–Merton for European options with a continuous dividend yield, and discrete cash
//! dividends by the escrowed model (spot less the present value of dividends paid before expiry).
//! Price and the full set of Greeks in closed form.

use crate::normal::{cdf, pdf};
use crate::PricingError;
use serde::{Deserialize, Serialize};
use wheelwright_domain::Right;

/// A cash dividend `amount` paid `t` years from now.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Dividend {
    pub t: f64,
    pub amount: f64,
}

/// Everything a European price depends on. Rates and yields are continuous, per year; `t` in years.
#[derive(Clone, Debug, PartialEq)]
pub struct Inputs {
    pub right: Right,
    pub spot: f64,
    pub strike: f64,
    pub rate: f64,
    pub div_yield: f64,
    pub vol: f64,
    pub t: f64,
    pub dividends: Vec<Dividend>,
}

/// Price and Greeks. Theta is per year (and per calendar day); vega and rho per 1.00 of vol or
/// rate (and vega per vol point).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Valuation {
    pub price: f64,
    pub delta: f64,
    pub gamma: f64,
    pub theta: f64,
    pub theta_per_day: f64,
    pub vega: f64,
    pub vega_per_point: f64,
    pub rho: f64,
    pub dividend_rho: f64,
}

fn finite_positive(name: &'static str, x: f64) -> Result<(), PricingError> {
    if x.is_finite() && x > 0.0 {
        Ok(())
    } else {
        Err(PricingError::Invalid(format!("{name} must be a positive number, got {x}")))
    }
}

impl Inputs {
    pub fn validate(&self) -> Result<(), PricingError> {
        finite_positive("spot", self.spot)?;
        finite_positive("strike", self.strike)?;
        for (name, x) in [("rate", self.rate), ("div_yield", self.div_yield)] {
            if !x.is_finite() || x.abs() > 1.0 {
                return Err(PricingError::Invalid(format!("{name} must be a decimal rate between -1 and 1 (0.05 for 5%), got {x}")));
            }
        }
        if !self.vol.is_finite() || self.vol < 0.0 || self.vol > 10.0 {
            return Err(PricingError::Invalid(format!("vol must be a decimal between 0 and 10 (0.25 for 25%), got {}", self.vol)));
        }
        if !self.t.is_finite() || self.t < 0.0 || self.t > 30.0 {
            return Err(PricingError::Invalid(format!("t must be years to expiry between 0 and 30, got {}", self.t)));
        }
        for d in &self.dividends {
            if !d.t.is_finite() || d.t < 0.0 || !d.amount.is_finite() || d.amount < 0.0 {
                return Err(PricingError::Invalid(format!("a dividend needs t ≥ 0 and amount ≥ 0, got t {} amount {}", d.t, d.amount)));
            }
        }
        Ok(())
    }

    /// Present value of the cash dividends paid before expiry, and Σ t·PV (for rho).
    fn escrow(&self) -> (f64, f64) {
        self.dividends.iter().filter(|d| d.t > 0.0 && d.t <= self.t).fold((0.0, 0.0), |(pv, tpv), d| {
            let v = d.amount * (-self.rate * d.t).exp();
            (pv + v, tpv + d.t * v)
        })
    }

    /// The spot the model diffuses: spot less escrowed dividends.
    pub fn escrowed_spot(&self) -> f64 {
        self.spot - self.escrow().0
    }

    /// The forward to expiry: the escrowed spot carried at r − q.
    pub fn forward(&self) -> f64 {
        self.escrowed_spot() * ((self.rate - self.div_yield) * self.t).exp()
    }

    pub fn discount(&self) -> f64 {
        (-self.rate * self.t).exp()
    }
}

/// Values a European option.
pub fn value(inputs: &Inputs) -> Result<Valuation, PricingError> {
    inputs.validate()?;
    let (pv_divs, t_pv_divs) = inputs.escrow();
    let s = inputs.spot - pv_divs;
    if s <= 0.0 {
        return Err(PricingError::Invalid("the dividends before expiry are worth more than the spot".into()));
    }
    let Inputs { right, strike: k, rate: r, div_yield: q, vol, t, .. } = *inputs;
    let sign = if right == Right::Call { 1.0 } else { -1.0 };
    let dq = (-q * t).exp();
    let dr = (-r * t).exp();
    let sd = vol * t.sqrt();
    let mut v = if sd < 1e-12 {
        // No diffusion left: the option is worth its discounted forward intrinsic value.
        let forward_itm = sign * (s * dq - k * dr) > 0.0;
        let step = if forward_itm { 1.0 } else { 0.0 };
        Valuation {
            price: (sign * (s * dq - k * dr)).max(0.0),
            delta: sign * dq * step,
            gamma: 0.0,
            theta: step * sign * (q * s * dq - r * k * dr),
            theta_per_day: 0.0,
            vega: 0.0,
            vega_per_point: 0.0,
            rho: step * sign * k * t * dr,
            dividend_rho: -step * sign * t * s * dq,
        }
    } else {
        let d1 = ((s / k).ln() + (r - q + 0.5 * vol * vol) * t) / sd;
        let d2 = d1 - sd;
        let (nd1, nd2) = (cdf(sign * d1), cdf(sign * d2));
        let density = pdf(d1);
        Valuation {
            price: sign * (s * dq * nd1 - k * dr * nd2),
            delta: sign * dq * nd1,
            gamma: dq * density / (s * sd),
            theta: -s * dq * density * vol / (2.0 * t.sqrt()) - sign * r * k * dr * nd2 + sign * q * s * dq * nd1,
            theta_per_day: 0.0,
            vega: s * dq * density * t.sqrt(),
            vega_per_point: 0.0,
            rho: sign * k * t * dr * nd2,
            dividend_rho: -sign * t * s * dq * nd1,
        }
    };
    // Escrowed dividends: the diffused spot falls as their present value accretes at r, and
    // rises when r rises (their PV shrinks).
    v.theta -= v.delta * r * pv_divs;
    v.rho += v.delta * t_pv_divs;
    v.theta_per_day = v.theta / 365.0;
    v.vega_per_point = v.vega / 100.0;
    Ok(v)
}
