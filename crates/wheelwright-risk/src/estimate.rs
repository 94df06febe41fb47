//! Volatility and correlation from price history. Daily log returns are taken over the sessions
//! every symbol has a close for (so each correlation is measured on the same days and the
//! matrix is a true correlation matrix), over the last `window` of them. The matrix is then
//! factored for simulation; when too few days or near-duplicate series leave it singular, it is
//! shrunk toward the identity just enough to factor, and the shrinkage is reported.

use crate::RiskError;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeSet;
use ts_rs::TS;

/// Fewer returns than this say too little about a volatility to risk money on.
pub const MIN_RETURNS: usize = 20;
/// The usual window: a year of sessions.
pub const DEFAULT_WINDOW: usize = 252;
/// Shrinkage tried in turn until the correlation matrix factors.
const SHRINKAGE_STEPS: [f64; 8] = [0.0, 1e-6, 1e-3, 0.01, 0.05, 0.1, 0.25, 0.5];

/// One symbol's closes, oldest first (any order is accepted).
#[derive(Clone, Debug, PartialEq)]
pub struct Closes {
    pub symbol: String,
    pub closes: Vec<(NaiveDate, f64)>,
}

#[derive(Clone, Debug, PartialEq, Serialize, TS)]
#[ts(rename = "RiskEstimate")]
pub struct Estimate {
    pub symbols: Vec<String>,
    /// Standard deviation of daily log returns, per symbol.
    pub daily_vol: Vec<f64>,
    /// Row-major correlation of daily log returns.
    pub correlation: Vec<f64>,
    /// Returns each figure was measured on.
    pub observations: usize,
    pub first: Option<NaiveDate>,
    pub last: Option<NaiveDate>,
}

/// Daily volatility and correlation over the last `window` common sessions.
pub fn estimate(series: &[Closes], window: usize) -> Result<Estimate, RiskError> {
    for s in series {
        if let Some((day, close)) = s.closes.iter().find(|(_, c)| !(c.is_finite() && *c > 0.0)) {
            return Err(RiskError::new(format!("history.{}", s.symbol), format!("the close on {day} is {close}: closes must be positive")));
        }
    }
    let mut common: Option<BTreeSet<NaiveDate>> = None;
    for s in series {
        let days: BTreeSet<NaiveDate> = s.closes.iter().map(|(d, _)| *d).collect();
        common = Some(match common {
            None => days,
            Some(c) => c.intersection(&days).copied().collect(),
        });
    }
    let days: Vec<NaiveDate> = common.unwrap_or_default().into_iter().collect();
    let days = &days[days.len().saturating_sub(window + 1)..];
    let returns_count = days.len().saturating_sub(1);
    if !series.is_empty() && returns_count < MIN_RETURNS {
        let shortest = series.iter().min_by_key(|s| s.closes.len()).expect("not empty");
        return Err(RiskError::new(
            format!("history.{}", shortest.symbol),
            format!(
                "only {returns_count} daily returns are common to every symbol ({} has {} closes); at least {MIN_RETURNS} are needed",
                shortest.symbol,
                shortest.closes.len()
            ),
        ));
    }
    let returns: Vec<Vec<f64>> = series
        .iter()
        .map(|s| {
            let by_day: std::collections::BTreeMap<NaiveDate, f64> = s.closes.iter().copied().collect();
            days.windows(2).map(|w| (by_day[&w[1]] / by_day[&w[0]]).ln()).collect()
        })
        .collect();
    let means: Vec<f64> = returns.iter().map(|r| r.iter().sum::<f64>() / r.len() as f64).collect();
    let n = series.len();
    let mut covariance = vec![0.0; n * n];
    for i in 0..n {
        for j in i..n {
            let c = returns[i].iter().zip(&returns[j]).map(|(a, b)| (a - means[i]) * (b - means[j])).sum::<f64>()
                / (returns_count as f64 - 1.0);
            covariance[i * n + j] = c;
            covariance[j * n + i] = c;
        }
    }
    let daily_vol: Vec<f64> = (0..n).map(|i| covariance[i * n + i].sqrt()).collect();
    let mut correlation = vec![0.0; n * n];
    for i in 0..n {
        for j in 0..n {
            let scale = daily_vol[i] * daily_vol[j];
            // A flat series has no volatility to correlate: it is uncorrelated with everything.
            correlation[i * n + j] = if i == j {
                1.0
            } else if scale > 0.0 {
                (covariance[i * n + j] / scale).clamp(-1.0, 1.0)
            } else {
                0.0
            };
        }
    }
    Ok(Estimate {
        symbols: series.iter().map(|s| s.symbol.clone()).collect(),
        daily_vol,
        correlation,
        observations: returns_count,
        first: days.first().copied(),
        last: days.last().copied(),
    })
}

/// The lower-triangular Cholesky factor of a correlation matrix (row-major), shrunk toward the
/// identity by the first step that makes it factor; returns the factor and the shrinkage used.
pub fn factor(correlation: &[f64], n: usize) -> (Vec<f64>, f64) {
    for shrinkage in SHRINKAGE_STEPS {
        let shrunk: Vec<f64> =
            correlation.iter().enumerate().map(|(k, c)| if k / n == k % n { 1.0 } else { c * (1.0 - shrinkage) }).collect();
        if let Some(l) = cholesky(&shrunk, n) {
            return (l, shrinkage);
        }
    }
    // Half-way to the identity always factors a correlation matrix's symmetric part; the
    // identity is the last resort for a matrix that was never a correlation matrix.
    let identity = (0..n * n).map(|k| if k / n == k % n { 1.0 } else { 0.0 }).collect();
    (identity, 1.0)
}

fn cholesky(a: &[f64], n: usize) -> Option<Vec<f64>> {
    let mut l = vec![0.0; n * n];
    for i in 0..n {
        for j in 0..=i {
            let dot: f64 = (0..j).map(|k| l[i * n + k] * l[j * n + k]).sum();
            if i == j {
                let d = a[i * n + i] - dot;
                if d <= 1e-12 {
                    return None;
                }
                l[i * n + i] = d.sqrt();
            } else {
                l[i * n + j] = (a[i * n + j] - dot) / l[j * n + j];
            }
        }
    }
    Some(l)
}
