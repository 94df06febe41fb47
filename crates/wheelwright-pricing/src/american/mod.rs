//! American options by the Andersen–Lake–Offengenden method (“High Performance American Option
//! Pricing”, 2016): solve the early-exercise boundary by a fixed point (see `boundary`), then
//! price as the European value plus the early-exercise premium integrated along the boundary.
//! Calls come from puts by put–call symmetry, C(S, K, r, q) = P(K, S, q, r), and every put is
//! solved with strike 1 (prices scale with the strike), so one boundary serves every spot — which
//! is what makes delta and gamma cheap. Cash dividends enter through the escrowed model.
//!
//! Schemes (l, m, n, p) name the Gauss–Legendre order inside the fixed point, the iterations
//! (the first a Jacobi–Newton step), the Chebyshev nodes, and the rule for the final integral:
//! the fast scheme (7, 4, 7, 21) is the default; the accurate one (25, 10, 13, tanh–sinh 1e-8)
//! validates it, and a high-precision one produced the committed reference grid.

mod boundary;
mod qdplus;

use crate::european::{Inputs, Valuation};
use crate::iv::{self, NoSolution};
use crate::normal::cdf;
use crate::quadrature::{tanh_sinh, GaussLegendre};
use crate::PricingError;
use boundary::PutBoundary;
use std::f64::consts::FRAC_PI_2;
use std::sync::OnceLock;
use wheelwright_domain::Right;

/// How the final premium integral is taken.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum PriceRule {
    Legendre(usize),
    TanhSinh(f64),
}

/// A numerical scheme: accuracy against speed.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Scheme {
    /// Gauss–Legendre nodes for each fixed-point integral (l).
    pub fixed_point: usize,
    /// Fixed-point iterations (m), the first a Jacobi–Newton step.
    pub iterations: usize,
    /// Chebyshev intervals of the boundary (n; n + 1 nodes).
    pub nodes: usize,
    /// The rule for the premium integral (p).
    pub price: PriceRule,
}

impl Scheme {
    /// The default: RMSE 3.5e-5 against the high-precision grid (maturities to three years) in
    /// well under 20 µs. ALO's and QuantLib's fast scheme iterates twice, which is enough to a
    /// year; LEAPS need four (two leave an RMSE of 3.6e-4 on the 2- and 3-year rows).
    pub const FAST: Scheme = Scheme { fixed_point: 7, iterations: 4, nodes: 7, price: PriceRule::Legendre(21) };
    /// For validation: RMSE 4e-7.
    pub const ACCURATE: Scheme = Scheme { fixed_point: 25, iterations: 10, nodes: 13, price: PriceRule::TanhSinh(1e-8) };
    /// For reference data (milliseconds per price).
    pub const HIGH_PRECISION: Scheme = Scheme { fixed_point: 64, iterations: 32, nodes: 32, price: PriceRule::TanhSinh(1e-12) };

    fn validate(&self) -> Result<(), PricingError> {
        let sane = (1..=256).contains(&self.fixed_point) && (1..=100).contains(&self.iterations) && (2..=128).contains(&self.nodes);
        let price = match self.price {
            PriceRule::Legendre(p) => (1..=128).contains(&p),
            PriceRule::TanhSinh(eps) => eps > 0.0 && eps < 1e-2,
        };
        if sane && price {
            Ok(())
        } else {
            Err(PricingError::Invalid(format!("unusable American scheme {self:?}")))
        }
    }
}

/// Gauss–Legendre rules are computed once per order and shared (orders up to 256).
fn legendre(order: usize) -> &'static GaussLegendre {
    static RULES: [OnceLock<GaussLegendre>; 257] = [const { OnceLock::new() }; 257];
    RULES[order].get_or_init(|| GaussLegendre::new(order))
}

/// A put with strike 1 at rate r and yield q: how its price is found.
#[derive(Clone, Debug)]
enum Put {
    /// No early exercise is ever optimal (r ≤ 0 ≤ … with q ≥ r): the European value.
    European,
    /// No diffusion: the best of exercising now, at expiry, or at the turning point in between.
    Deterministic,
    Boundary(PutBoundary),
}

/// The normalised problem behind one contract: a put with strike 1 on spot x = S/K (a call is
/// the put on K/S with rates swapped), times `scale`.
#[derive(Clone, Debug)]
struct Model {
    r: f64,
    q: f64,
    vol: f64,
    t: f64,
    put: Put,
    scheme: Scheme,
}

impl Model {
    fn new(r: f64, q: f64, vol: f64, t: f64, scheme: Scheme) -> Result<Model, PricingError> {
        let put = if vol * t.sqrt() < 1e-12 {
            Put::Deterministic
        } else if r <= 0.0 {
            if q < r {
                return Err(PricingError::Invalid(format!(
                    "rate {r} below zero with a yield {q} below it has two exercise boundaries, which this engine does not price"
                )));
            }
            Put::European
        } else {
            Put::Boundary(PutBoundary::solve(r, q, vol, t, &scheme, legendre(scheme.fixed_point)))
        };
        Ok(Model { r, q, vol, t, put, scheme })
    }

    fn european(&self, x: f64) -> f64 {
        let Model { r, q, vol, t, .. } = *self;
        let v = vol * t.sqrt();
        let dp = ((x).ln() + (r - q) * t) / v + 0.5 * v;
        ((-r * t).exp() * cdf(-(dp - v)) - x * (-q * t).exp() * cdf(-dp)).max(0.0)
    }

    /// The put with strike 1 at spot x.
    fn price(&self, x: f64) -> f64 {
        let Model { r, q, vol, t, .. } = *self;
        let intrinsic = (1.0 - x).max(0.0);
        if t <= 0.0 {
            return intrinsic;
        }
        let value = match &self.put {
            Put::Deterministic => {
                let at = |s: f64| ((-r * s).exp() - x * (-q * s).exp()).max(0.0);
                let turn = if (r - q).abs() > 1e-15 && q > 0.0 && x > 0.0 { (r / (q * x)).ln() / (r - q) } else { -1.0 };
                let inner = if turn > 0.0 && turn < t { at(turn) } else { 0.0 };
                at(0.0).max(at(t)).max(inner)
            }
            Put::European => self.european(x),
            Put::Boundary(boundary) => {
                if x <= boundary.at(t) {
                    return intrinsic;
                }
                // Early-exercise premium: ∫₀ᵀ [r e^{−rs} N(−d₋) − q x e^{−qs} N(−d₊)] ds with the
                // d's against B(T − s), integrated in θ with s = T·sin²θ so that both √s (in
                // the d's) and √(T − s) (on which B depends) are smooth.
                let log_x = (x / boundary.x_max()).ln();
                let integrand = |theta: f64| {
                    let (sin, cos) = theta.sin_cos();
                    let s = t * sin * sin;
                    let v = vol * t.sqrt() * sin;
                    if v <= 0.0 {
                        return 0.0;
                    }
                    let dp = (log_x + boundary.root_h(t * cos * cos) + (r - q) * s) / v + 0.5 * v;
                    2.0 * t * sin * cos * (r * (-r * s).exp() * cdf(-(dp - v)) - q * x * (-q * s).exp() * cdf(-dp))
                };
                let premium = match self.scheme.price {
                    PriceRule::Legendre(p) => legendre(p).integrate(0.0, FRAC_PI_2, integrand),
                    PriceRule::TanhSinh(eps) => tanh_sinh(0.0, FRAC_PI_2, eps, integrand),
                };
                self.european(x) + premium.max(0.0)
            }
        };
        value.max(intrinsic)
    }
}

/// The contract mapped onto the normalised put.
struct Contract {
    right: Right,
    /// The escrowed spot the model diffuses.
    spot: f64,
    /// Present value of the cash dividends before expiry (spot − escrowed spot).
    escrow: f64,
    strike: f64,
    model: Model,
}

impl Contract {
    fn new(inputs: &Inputs, scheme: Scheme) -> Result<Contract, PricingError> {
        inputs.validate()?;
        scheme.validate()?;
        let spot = inputs.escrowed_spot();
        if spot <= 0.0 {
            return Err(PricingError::Invalid("the dividends before expiry are worth more than the spot".into()));
        }
        let (r, q) = match inputs.right {
            Right::Put => (inputs.rate, inputs.div_yield),
            Right::Call => (inputs.div_yield, inputs.rate),
        };
        let escrow = inputs.spot - spot;
        Ok(Contract { right: inputs.right, spot, escrow, strike: inputs.strike, model: Model::new(r, q, inputs.vol, inputs.t, scheme)? })
    }

    /// The price at another (escrowed) spot, on the same boundary. Never below exercising now
    /// at the actual spot: the escrowed model alone would price a deep call on a dividend payer
    /// under S − K.
    fn price_at(&self, spot: f64) -> f64 {
        let actual = spot + self.escrow;
        match self.right {
            Right::Put => (self.strike * self.model.price(spot / self.strike)).max(self.strike - actual),
            Right::Call => (spot * self.model.price(self.strike / spot)).max(actual - self.strike),
        }
    }

    fn price(&self) -> f64 {
        self.price_at(self.spot)
    }
}

/// The American price.
pub fn price(inputs: &Inputs, scheme: Scheme) -> Result<f64, PricingError> {
    Ok(Contract::new(inputs, scheme)?.price())
}

/// Price and Greeks. Delta and gamma are central differences on one boundary; theta, vega, rho
/// and dividend rho re-solve the boundary at bumped inputs (central differences). Theta lets
/// calendar time pass: expiry and every dividend come closer together.
pub fn value(inputs: &Inputs, scheme: Scheme) -> Result<Valuation, PricingError> {
    let contract = Contract::new(inputs, scheme)?;
    let s = contract.spot;
    let now = contract.price();
    let hs = 1e-4 * s;
    let (up, down) = (contract.price_at(s + hs), contract.price_at(s - hs));
    let bumped = |change: &dyn Fn(&mut Inputs)| -> Result<f64, PricingError> {
        let mut moved = inputs.clone();
        change(&mut moved);
        price(&moved, scheme)
    };
    // Central differences; one-sided where a bump leaves the inputs this engine prices (a rate
    // pushed below zero under a lower yield, a volatility past 10).
    let derivative = |h: f64, change: &dyn Fn(&mut Inputs, f64)| -> Result<f64, PricingError> {
        match (bumped(&|i| change(i, h)), bumped(&|i| change(i, -h))) {
            (Ok(up), Ok(down)) => Ok((up - down) / (2.0 * h)),
            (Ok(up), Err(_)) => Ok((up - now) / h),
            (Err(_), Ok(down)) => Ok((now - down) / h),
            (Err(e), Err(_)) => Err(e),
        }
    };
    let theta = if inputs.t > 0.0 {
        let h = (1e-3 * inputs.t).min(1e-3);
        // Calendar time passes: expiry and every dividend come closer (a dividend reached is paid).
        let later = |i: &mut Inputs, dt: f64| {
            i.t = (i.t - dt).max(0.0);
            i.dividends.iter_mut().for_each(|d| d.t = (d.t - dt).max(0.0));
        };
        if inputs.t > 2.0 * h {
            derivative(h, &later)?
        } else {
            (bumped(&|i| later(i, inputs.t))? - now) / inputs.t
        }
    } else {
        0.0
    };
    let vega = derivative(1e-4_f64.min(0.5 * inputs.vol).max(1e-6), &|i, h| i.vol += h)?;
    let rho = derivative(1e-5, &|i, h| i.rate += h)?;
    let dividend_rho = derivative(1e-5, &|i, h| i.div_yield += h)?;
    Ok(Valuation {
        price: now,
        delta: (up - down) / (2.0 * hs),
        gamma: (up - 2.0 * now + down) / (hs * hs),
        theta,
        theta_per_day: theta / 365.0,
        vega,
        vega_per_point: vega / 100.0,
        rho,
        dividend_rho,
    })
}

/// The early-exercise boundary: the (escrowed) spot at which exercising is optimal, by time to
/// expiry. A put is exercised at or below it, a call at or above it.
#[derive(Clone, Debug)]
pub struct ExerciseBoundary {
    right: Right,
    strike: f64,
    t: f64,
    put: Option<PutBoundary>,
}

impl ExerciseBoundary {
    /// The boundary at time to expiry τ (0 < τ ≤ t); `None` when early exercise is never optimal.
    pub fn level(&self, tau: f64) -> Option<f64> {
        let b = self.put.as_ref()?.at(tau.clamp(0.0, self.t));
        Some(match self.right {
            Right::Put => self.strike * b,
            Right::Call => self.strike / b,
        })
    }

    /// Whether exercising now is optimal at this (escrowed) spot.
    pub fn exercise_now(&self, spot: f64) -> bool {
        match (self.level(self.t), self.right) {
            (Some(level), Right::Put) => spot <= level,
            (Some(level), Right::Call) => spot >= level,
            (None, _) => false,
        }
    }

    /// The boundary at the collocation times, nearest expiry first: (τ, level).
    pub fn points(&self) -> Vec<(f64, f64)> {
        let Some(put) = &self.put else { return Vec::new() };
        put.taus().filter(|&tau| tau > 0.0).filter_map(|tau| Some((tau, self.level(tau)?))).collect()
    }
}

/// The exercise boundary of the contract (its spot is not used).
pub fn exercise_boundary(inputs: &Inputs, scheme: Scheme) -> Result<ExerciseBoundary, PricingError> {
    let contract = Contract::new(inputs, scheme)?;
    let put = match contract.model.put {
        Put::Boundary(b) => Some(b),
        Put::European | Put::Deterministic => None,
    };
    Ok(ExerciseBoundary { right: inputs.right, strike: inputs.strike, t: inputs.t, put })
}

/// The American implied volatility of `price`, by a safeguarded iteration on the American price:
/// Brent's method (inverse quadratic interpolation with bisection as the safeguard) inside a
/// bracket whose upper end is the European IV of the same price — an American option is worth at
/// least its European twin, so its IV can only be lower. `inputs.vol` is ignored.
///
/// No solution: `below_intrinsic` under the price at zero volatility (for most contracts the
/// exercise value), `at_intrinsic` when the price equals it and every volatility up to some
/// level fits, `above_maximum` at or above the strike (put) or the spot (call), `expired`.
pub fn implied_vol(inputs: &Inputs, price: f64, scheme: Scheme) -> Result<Result<f64, NoSolution>, PricingError> {
    let mut at = inputs.clone();
    at.vol = 0.0;
    let floor = Contract::new(&at, scheme)?.price();
    iv::checked_price(price)?;
    if inputs.t <= 0.0 {
        return Ok(Err(NoSolution::Expired));
    }
    let ceiling = match inputs.right {
        Right::Put => inputs.strike,
        Right::Call => inputs.escrowed_spot(),
    };
    let slack = 1e-12 * price.max(1.0);
    if price < floor - slack {
        return Ok(Err(NoSolution::BelowIntrinsic));
    }
    if price <= floor + slack {
        return Ok(Err(NoSolution::AtIntrinsic));
    }
    if price >= ceiling {
        return Ok(Err(NoSolution::AboveMaximum));
    }
    let mut gap = |vol: f64| -> Result<f64, PricingError> {
        at.vol = vol;
        Ok(Contract::new(&at, scheme)?.price() - price)
    };
    // The European IV bounds the American one from above; grow it if the price is beyond any
    // European value (a deep put above the discounted strike).
    let mut hi = match iv::implied_vol(inputs, price)? {
        Ok(vol) if vol > 0.0 => (vol * 1.05).min(10.0),
        _ => 1.0,
    };
    let mut f_hi = gap(hi)?;
    while f_hi < 0.0 {
        if hi >= 10.0 {
            return Ok(Err(NoSolution::AboveMaximum));
        }
        hi = (hi * 2.0).min(10.0);
        f_hi = gap(hi)?;
    }
    brent(&mut gap, 0.0, floor - price, hi, f_hi)
}

/// Brent's root finder on a bracket [a, b] with f(a) < 0 ≤ f(b).
fn brent(
    f: &mut impl FnMut(f64) -> Result<f64, PricingError>,
    mut a: f64,
    mut fa: f64,
    mut b: f64,
    mut fb: f64,
) -> Result<Result<f64, NoSolution>, PricingError> {
    const TOLERANCE: f64 = 1e-12;
    if fa.abs() < fb.abs() {
        std::mem::swap(&mut a, &mut b);
        std::mem::swap(&mut fa, &mut fb);
    }
    let (mut c, mut fc) = (a, fa);
    let mut d = b - a;
    let mut bisected = true;
    for _ in 0..100 {
        if fb == 0.0 || (b - a).abs() <= TOLERANCE * b.abs().max(1e-3) {
            return Ok(Ok(b));
        }
        let mut s = if fa != fc && fb != fc {
            a * fb * fc / ((fa - fb) * (fa - fc)) + b * fa * fc / ((fb - fa) * (fb - fc)) + c * fa * fb / ((fc - fa) * (fc - fb))
        } else {
            b - fb * (b - a) / (fb - fa)
        };
        let between = (s - (3.0 * a + b) / 4.0) * (s - b) < 0.0;
        let slow = if bisected { (s - b).abs() >= (b - c).abs() / 2.0 } else { (s - b).abs() >= (c - d).abs() / 2.0 };
        bisected = !between || slow;
        if bisected {
            s = 0.5 * (a + b);
        }
        let fs = f(s)?;
        d = c;
        c = b;
        fc = fb;
        if fa * fs < 0.0 {
            b = s;
            fb = fs;
        } else {
            a = s;
            fa = fs;
        }
        if fa.abs() < fb.abs() {
            std::mem::swap(&mut a, &mut b);
            std::mem::swap(&mut fa, &mut fb);
        }
    }
    Ok(Err(NoSolution::NoConvergence))
}
