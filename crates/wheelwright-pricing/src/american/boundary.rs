//! The American put's early-exercise boundary B(τ) by the Andersen–Lake–Offengenden fixed point
//! (strike 1; other strikes scale, calls come by put–call symmetry).
//!
//! B is represented as H(√τ) = ln(B(τ)/X)², X = B(0+) = min(1, r/q), which is smooth in √τ
//! where B itself has a square-root-log singularity at expiry, and H is interpolated on
//! Chebyshev–Lobatto nodes in z = 2√(τ/T) − 1. At each node the boundary satisfies
//!   B(τ) = e^{−(r−q)τ}·N(τ, B) / D(τ, B)
//! in one of two equivalent forms: from value matching (N, D built on the cumulative normal) or
//! from smooth pasting (built on the density, better conditioned when r ≈ q); we follow
//! QuantLib's choice of switching at |r − q| = 0.001. The integrals over u ∈ (0, τ) are taken
//! in θ with u = τ·sin²θ: that removes both the 1/√(τ−u) singularity and square-root kink at
//! u = τ and the √u dependence of B at u = 0 (a substitution in one end only, as in the paper,
//! leaves the other end's kink and converges algebraically), so a few Gauss–Legendre nodes
//! are accurate. The first
//! iteration is a (partial) Jacobi–Newton step, the rest plain fixed-point steps; the seed is
//! the QD+ boundary at every node.

use super::{qdplus, Scheme};
use crate::chebyshev::{dot, Lobatto};
use crate::normal::{cdf, pdf};
use crate::quadrature::GaussLegendre;

/// d₊ and d₋ over time m for log-moneyness `log_ratio` = ln(spot/strike).
fn d(r: f64, q: f64, vol: f64, m: f64, log_ratio: f64) -> (f64, f64) {
    let v = vol * m.sqrt();
    let plus = (log_ratio + (r - q) * m) / v + 0.5 * v;
    (plus, plus - v)
}

/// A solved put boundary with strike 1.
#[derive(Clone, Debug)]
pub struct PutBoundary {
    t: f64,
    x_max: f64,
    grid: Lobatto,
    h: Vec<f64>,
}

/// Per node and quadrature point, with m = τ − u the time to go: 1/(σ√m), the drift part of d₊
/// ((r − q)m/(σ√m) + σ√m/2), σ√m, e^{ru}, e^{qu}, and the Jacobians of du and du/(σ√m) in θ.
#[derive(Clone, Copy, Default)]
struct Offset {
    inv_v: f64,
    shift: f64,
    v: f64,
    growth_r: f64,
    growth_q: f64,
    du: f64,
    du_over_vol_root_m: f64,
}

/// One node's fixed-point integrals in the smooth-pasting or value-matching form.
#[derive(Clone, Copy, PartialEq)]
enum Form {
    ValueMatching,
    SmoothPasting,
}

impl PutBoundary {
    /// Solves the boundary for r > 0 (the caller routes r ≤ 0 to the European value).
    pub fn solve(r: f64, q: f64, vol: f64, t: f64, scheme: &Scheme, rule: &GaussLegendre) -> PutBoundary {
        let x_max = if q > 0.0 { (r / q).min(1.0) } else { 1.0 };
        let grid = Lobatto::new(scheme.nodes);
        let taus: Vec<f64> = grid.nodes.iter().map(|z| 0.25 * t * (1.0 + z) * (1.0 + z)).collect();
        let h_of = |b: f64| (b / x_max).ln().powi(2);
        // The seed, node by node from expiry outwards, each solve starting from the last root.
        let mut seed = x_max;
        let mut h: Vec<f64> = taus
            .iter()
            .map(|&tau| {
                if tau <= 0.0 {
                    return 0.0;
                }
                seed = qdplus::boundary(r, q, vol, tau, x_max, seed);
                h_of(seed)
            })
            .collect();
        let form = if (r - q).abs() < 0.001 { Form::SmoothPasting } else { Form::ValueMatching };

        // What does not change between iterations, per node and quadrature point: the time
        // split u + m = τ, the discount factors, the Jacobians and the interpolation weights of
        // B(u). With u = τ·sin²θ and m = τ·cos²θ both √u (on which B depends smoothly) and √m
        // (the 1/√m singularity and the kink of the integrands at m = 0) are smooth in θ.
        let points = rule.nodes.len();
        let width = grid.nodes.len();
        let mut weights = vec![0.0; taus.len() * points * width];
        let mut offsets = vec![Offset::default(); taus.len() * points];
        for (i, &tau) in taus.iter().enumerate().skip(1) {
            for (j, &y) in rule.nodes.iter().enumerate() {
                let theta = std::f64::consts::FRAC_PI_4 * (1.0 + y);
                let (sin, cos) = theta.sin_cos();
                let k = i * points + j;
                let u = tau * sin * sin;
                grid.weights_into(2.0 * sin * (tau / t).sqrt() - 1.0, &mut weights[k * width..(k + 1) * width]);
                let m = tau * cos * cos;
                let v = vol * m.sqrt();
                offsets[k] = Offset {
                    inv_v: 1.0 / v,
                    shift: (r - q) * m / v + 0.5 * v,
                    v,
                    growth_r: (r * u).exp(),
                    growth_q: (q * u).exp(),
                    du: std::f64::consts::FRAC_PI_4 * 2.0 * tau * sin * cos,
                    du_over_vol_root_m: std::f64::consts::FRAC_PI_4 * 2.0 * tau.sqrt() * sin / vol,
                };
            }
        }

        let mut previous = h.clone();
        for iteration in 0..scheme.iterations {
            previous.copy_from_slice(&h);
            // ln B = ln X − √H, so ln(B(τ)/B(u)) is a difference of square roots: no exp or log.
            let root_h = |k: usize| dot(&weights[k * width..(k + 1) * width], &previous).max(0.0).sqrt();
            for (i, &tau) in taus.iter().enumerate().skip(1) {
                let root_hi = previous[i].max(0.0).sqrt();
                let b = x_max * (-root_hi).exp();
                let v = vol * tau.sqrt();
                let (mut n_int, mut d_int) = (0.0, 0.0);
                for (j, w) in rule.weights.iter().enumerate() {
                    let k = i * points + j;
                    let o = offsets[k];
                    let dp = (root_h(k) - root_hi) * o.inv_v + o.shift;
                    let dm = dp - o.v;
                    match form {
                        Form::ValueMatching => {
                            n_int += w * o.growth_r * cdf(dm) * o.du;
                            d_int += w * o.growth_q * cdf(dp) * o.du;
                        }
                        Form::SmoothPasting => {
                            n_int += w * o.growth_r * pdf(dm) * o.du_over_vol_root_m;
                            d_int += w * o.growth_q * (cdf(dp) * o.du + pdf(dp) * o.du_over_vol_root_m);
                        }
                    }
                }
                let (dp, dm) = d(r, q, vol, tau, b.ln());
                let (n, den) = match form {
                    Form::ValueMatching => (cdf(dm) + r * n_int, cdf(dp) + q * d_int),
                    Form::SmoothPasting => (pdf(dm) / v + r * n_int, pdf(dp) / v + cdf(dp) + q * d_int),
                };
                let carry = (-(r - q) * tau).exp();
                let f = carry * n / den;
                let next = if iteration == 0 {
                    // Partial Jacobi–Newton: the derivative of f in B(τ) through the terms
                    // outside the integrals only.
                    let (dn, dd) = match form {
                        Form::ValueMatching => (pdf(dm) / (b * v), pdf(dp) / (b * v)),
                        Form::SmoothPasting => (-pdf(dm) * dm / (b * v * v), -pdf(dp) * dp / (b * v * v) + pdf(dp) / (b * v)),
                    };
                    let slope = carry * (dn / den - dd * n / (den * den));
                    let newton = b - (f - b) / (slope - 1.0);
                    if newton.is_finite() && newton > 0.0 {
                        newton
                    } else {
                        f
                    }
                } else {
                    f
                };
                if next.is_finite() && next > 0.0 {
                    h[i] = h_of(next);
                }
            }
        }
        PutBoundary { t, x_max, grid, h }
    }

    /// B(τ) for 0 ≤ τ ≤ T.
    pub fn at(&self, tau: f64) -> f64 {
        self.x_max * (-self.root_h(tau)).exp()
    }

    /// B(0+) = min(1, r/q).
    pub fn x_max(&self) -> f64 {
        self.x_max
    }

    /// √H(τ) = ln(B(0+)/B(τ)): with it, ln(x/B(τ)) = ln(x/B(0+)) + √H(τ) needs no exp or log.
    pub fn root_h(&self, tau: f64) -> f64 {
        let z = 2.0 * (tau.clamp(0.0, self.t) / self.t).sqrt() - 1.0;
        self.grid.interpolate(&self.h, z).max(0.0).sqrt()
    }

    /// The collocation times τ (ascending), where the boundary was solved.
    pub fn taus(&self) -> impl Iterator<Item = f64> + '_ {
        self.grid.nodes.iter().map(|z| 0.25 * self.t * (1.0 + z) * (1.0 + z))
    }
}
