//! Parametric VaR. Each underlying's return over the horizon is normal with variance
//! σ²_daily × sessions and the measured correlations. The book's P&L is
//! - delta-normal: carry + Σ Dᵢ rᵢ — normal, so VaR and ES are closed-form;
//! - delta-gamma: carry + Σ Dᵢ rᵢ + ½ Σ Gᵢ rᵢ² — its first four cumulants are exact (for a
//!   quadratic form in normals), and the quantile is the Cornish–Fisher expansion of them; ES
//!   averages those quantiles over the tail.
//!
//! Dᵢ is the dollar delta on underlying i, Gᵢ = Γ × S² its dollar gamma per unit return², and
//! carry the exact change in the options' value from the passage of the horizon's calendar time
//! at unchanged spots (theta over the horizon, but never more than an option is worth).
//! Delta-normal ignores a short-option book's negative gamma and so understates its tail —
//! which is why both are shown.

use crate::book::{Book, Instrument};
use crate::horizon::Horizon;
use serde::Serialize;
use ts_rs::TS;
use wheelwright_pricing::normal::{inverse_cdf, pdf};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(rename = "VarMethod")]
pub enum Method {
    DeltaNormal,
    DeltaGamma,
    MonteCarlo,
}

/// A loss not exceeded with probability `confidence` over the horizon (positive = a loss), and
/// the average loss beyond it.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, TS)]
pub struct VarFigure {
    pub method: Method,
    pub sessions: u32,
    pub confidence: f64,
    pub var: f64,
    pub expected_shortfall: f64,
}

/// The book reduced to what a parametric VaR needs, per underlying.
#[derive(Clone, Debug, PartialEq)]
pub struct Sensitivities {
    /// Dollar delta per underlying.
    pub delta: Vec<f64>,
    /// Γ × S² per underlying (P&L ≈ D r + ½ G r²).
    pub gamma: Vec<f64>,
    /// Value change over the horizon at unchanged spots.
    pub carry: f64,
}

pub fn sensitivities(book: &Book, horizon: Horizon) -> Sensitivities {
    let n = book.underlyings.len();
    let (mut delta, mut gamma, mut carry) = (vec![0.0; n], vec![0.0; n], 0.0);
    for h in &book.holdings {
        let u = &book.underlyings[h.underlying];
        let shares = h.share_quantity();
        match h.instrument {
            Instrument::Shares => delta[h.underlying] += shares * u.spot,
            Instrument::Option { right, strike, t, iv, .. } => {
                let now = u.option_value(u.spot, right, strike, t, iv);
                let later = u.option_value(u.spot, right, strike, (t - horizon.years).max(0.0), iv);
                delta[h.underlying] += now.delta * shares * u.spot;
                gamma[h.underlying] += now.gamma * shares * u.spot * u.spot;
                carry += (later.price - now.price) * shares;
            }
        }
    }
    Sensitivities { delta, gamma, carry }
}

/// The returns' covariance over the horizon, row-major.
pub fn covariance(book: &Book, horizon: Horizon) -> Vec<f64> {
    let n = book.underlyings.len();
    let h = horizon.sessions as f64;
    let mut c = vec![0.0; n * n];
    for i in 0..n {
        for j in 0..n {
            c[i * n + j] = book.correlation[i * n + j] * book.underlyings[i].daily_vol * book.underlyings[j].daily_vol * h;
        }
    }
    c
}

fn mat_vec(m: &[f64], v: &[f64]) -> Vec<f64> {
    let n = v.len();
    (0..n).map(|i| (0..n).map(|j| m[i * n + j] * v[j]).sum()).collect()
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// The first four cumulants of a + Σ Dᵢ rᵢ + ½ Σ Gᵢ rᵢ², r ~ N(0, C): with B = diag(G),
/// κ₁ = a + ½ tr(BC), and for k ≥ 2 κₖ = ½ (k−1)! tr((BC)ᵏ) + ½ k! D'C(BC)ᵏ⁻²D.
pub fn cumulants(s: &Sensitivities, c: &[f64]) -> [f64; 4] {
    let n = s.delta.len();
    // BC, row-major.
    let bc: Vec<f64> = (0..n * n).map(|k| s.gamma[k / n] * c[k]).collect();
    let mul = |a: &[f64], b: &[f64]| -> Vec<f64> {
        let mut out = vec![0.0; n * n];
        for i in 0..n {
            for k in 0..n {
                let aik = a[i * n + k];
                if aik != 0.0 {
                    for j in 0..n {
                        out[i * n + j] += aik * b[k * n + j];
                    }
                }
            }
        }
        out
    };
    let trace = |m: &[f64]| (0..n).map(|i| m[i * n + i]).sum::<f64>();
    let bc2 = mul(&bc, &bc);
    let bc3 = mul(&bc2, &bc);
    let bc4 = mul(&bc3, &bc);
    let cd = mat_vec(c, &s.delta);
    // D'C(BC)^m D = (CD)'·(BC)^m D; with (BC)^m D computed as repeated products.
    let bcd = mat_vec(&bc, &s.delta);
    let bc2d = mat_vec(&bc, &bcd);
    [
        s.carry + 0.5 * trace(&bc),
        dot(&cd, &s.delta) + 0.5 * trace(&bc2),
        3.0 * dot(&cd, &bcd) + trace(&bc3),
        12.0 * dot(&cd, &bc2d) + 3.0 * trace(&bc4),
    ]
}

/// The P&L quantile at lower-tail probability `p` by Cornish–Fisher (skewness and excess
/// kurtosis terms).
fn cornish_fisher(k: &[f64; 4], p: f64) -> f64 {
    let sd = k[1].max(0.0).sqrt();
    if sd == 0.0 {
        return k[0];
    }
    let (skew, kurt) = (k[2] / sd.powi(3), k[3] / sd.powi(4));
    let z = inverse_cdf(p);
    let w = z + (z * z - 1.0) * skew / 6.0 + (z.powi(3) - 3.0 * z) * kurt / 24.0 - (2.0 * z.powi(3) - 5.0 * z) * skew * skew / 36.0;
    k[0] + sd * w
}

/// Tail points ES averages quantiles over (midpoints of equal slices of the tail).
const ES_SLICES: usize = 2000;

/// Delta-normal VaR and ES: the P&L is normal with mean `carry` and variance D'CD.
pub fn delta_normal(book: &Book, horizon: Horizon, confidence: f64) -> VarFigure {
    let s = sensitivities(book, horizon);
    let sd = dot(&mat_vec(&covariance(book, horizon), &s.delta), &s.delta).max(0.0).sqrt();
    let p = 1.0 - confidence;
    let z = inverse_cdf(p);
    VarFigure {
        method: Method::DeltaNormal,
        sessions: horizon.sessions,
        confidence,
        var: -(s.carry + sd * z),
        expected_shortfall: -(s.carry - sd * pdf(z) / p),
    }
}

/// Delta-gamma VaR (Cornish–Fisher on the exact cumulants) and ES (those quantiles averaged
/// over the tail).
pub fn delta_gamma(book: &Book, horizon: Horizon, confidence: f64) -> VarFigure {
    let k = cumulants(&sensitivities(book, horizon), &covariance(book, horizon));
    let p = 1.0 - confidence;
    let tail: f64 = (0..ES_SLICES).map(|i| cornish_fisher(&k, p * (i as f64 + 0.5) / ES_SLICES as f64)).sum::<f64>() / ES_SLICES as f64;
    VarFigure { method: Method::DeltaGamma, sessions: horizon.sessions, confidence, var: -cornish_fisher(&k, p), expected_shortfall: -tail }
}
