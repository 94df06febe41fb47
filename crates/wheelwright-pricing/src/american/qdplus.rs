//! Li's QD+ approximation of the put's exercise boundary (Li 2009, "Analytical approximations for
//! the critical stock prices of American options", as used by Andersen–Lake–Offengenden): the
//! seed of the fixed-point iteration, never a price on its own. Strike 1, r > 0.
//!
//! The boundary S* at time to expiry τ is the root of
//!   f(S) = (1 − e^{−qτ}N(−d₊))·S − β·(1 − S − p(S)) + α·Θ(S)/(r·e^{−rτ}),
//! with p and Θ the European put's value and theta, λ the quadratic-approximation exponent and
//! α, β its QD+ corrections; solved by Halley's method from B(0+) with a bisection fallback.

use crate::normal::{cdf, pdf};

struct Equation {
    tau: f64,
    r: f64,
    q: f64,
    vol: f64,
    v: f64,
    dr: f64,
    dq: f64,
    alpha: f64,
    beta: f64,
}

/// f, f′ and f″ at one spot.
struct Point {
    f: f64,
    df: f64,
    d2f: f64,
}

impl Equation {
    fn new(r: f64, q: f64, vol: f64, tau: f64) -> Equation {
        let vol2 = vol * vol;
        let dr = (-r * tau).exp();
        let h = 1.0 - dr;
        let omega = 2.0 * (r - q) / vol2;
        let root = ((omega - 1.0).powi(2) + 8.0 * r / (vol2 * h)).sqrt();
        let lambda = 0.5 * (-(omega - 1.0) - root);
        let lambda_prime = 2.0 * r / (vol2 * h * h * root);
        let alpha = 2.0 * dr * r / (vol2 * (2.0 * lambda + omega - 1.0));
        let beta = alpha * (1.0 / h + lambda_prime / (2.0 * lambda + omega - 1.0)) - lambda;
        Equation { tau, r, q, vol, v: vol * tau.sqrt(), dr, dq: (-q * tau).exp(), alpha, beta }
    }

    fn at(&self, s: f64) -> Point {
        let Equation { tau, r, q, vol, v, dr, dq, alpha, beta } = *self;
        let dp = (s * dq / dr).ln() / v + 0.5 * v;
        let dm = dp - v;
        let (n_dp, n_dm, phi) = (cdf(-dp), cdf(-dm), pdf(dp));
        let put = dr * n_dm - s * dq * n_dp;
        let theta = r * dr * n_dm - q * s * dq * n_dp - vol * vol * s / (2.0 * v) * dq * phi;
        let charm = -dq * (phi * ((r - q) / v - dm / (2.0 * tau)) + q * n_dp);
        let gamma = phi * dq / (v * s);
        let colour = gamma * (q + (r - q) * dp / v + (1.0 - dp * dm) / (2.0 * tau));
        Point {
            f: (1.0 - dq * n_dp) * s - beta * (1.0 - s - put) + alpha * theta / (dr * r),
            df: 1.0 - dq * n_dp + dq / v * phi + beta * (1.0 - dq * n_dp) + alpha / (r * dr) * charm,
            d2f: dq * (phi / (s * v) - phi * dp / (s * v * v)) + beta * gamma + alpha / (r * dr) * colour,
        }
    }
}

/// The QD+ boundary at τ > 0 for a put with strike 1, r > 0; `x_max` is B(0+) = min(1, r/q).
/// `start` is where Halley's method begins: the root at a nearby τ saves steps.
pub(super) fn boundary(r: f64, q: f64, vol: f64, tau: f64, x_max: f64, start: f64) -> f64 {
    let eq = Equation::new(r, q, vol, tau);
    let x_min = 1e-12 * x_max;
    let mut s = start.clamp(x_min, x_max);
    for _ in 0..20 {
        let Point { f, df, d2f } = eq.at(s);
        let ratio = f * d2f / (df * df);
        let step = f / df / (1.0 - 0.5 * ratio);
        if !step.is_finite() {
            break;
        }
        let next = (s - step).clamp(x_min, x_max);
        if (next - s).abs() < 1e-9 * x_max {
            return next;
        }
        s = next;
    }
    bisect(&eq, x_min, x_max).unwrap_or(x_max)
}

fn bisect(eq: &Equation, mut lo: f64, mut hi: f64) -> Option<f64> {
    let f_lo = eq.at(lo).f;
    if !f_lo.is_finite() || f_lo.signum() == eq.at(hi).f.signum() {
        return None;
    }
    for _ in 0..100 {
        let mid = 0.5 * (lo + hi);
        if eq.at(mid).f.signum() == f_lo.signum() {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    Some(0.5 * (lo + hi))
}
