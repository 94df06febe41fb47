//! Volatility and correlation from closes, and the factor the simulation draws with.

use chrono::{Duration, NaiveDate};
use wheelwright_risk::estimate::{estimate, factor, Closes, MIN_RETURNS};

/// Closes from 100 whose daily log returns are `returns`, on consecutive days.
fn closes(symbol: &str, returns: &[f64]) -> Closes {
    let start = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    let mut price = 100.0;
    let mut out = vec![(start, price)];
    for (i, r) in returns.iter().enumerate() {
        price *= r.exp();
        out.push((start + Duration::days(i as i64 + 1), price));
    }
    Closes { symbol: symbol.into(), closes: out }
}

#[test]
fn alternating_returns_have_their_textbook_volatility_and_correlation() {
    // ±1% alternately, 40 returns: mean 0, sample σ = 1% × √(40/39).
    let a: Vec<f64> = (0..40).map(|i| if i % 2 == 0 { 0.01 } else { -0.01 }).collect();
    let minus: Vec<f64> = a.iter().map(|r| -r).collect();
    let double: Vec<f64> = a.iter().map(|r| 2.0 * r).collect();
    let e = estimate(&[closes("A", &a), closes("B", &minus), closes("C", &double)], 252).unwrap();
    assert_eq!(e.observations, 40);
    assert!((e.daily_vol[0] - 0.01 * (40.0f64 / 39.0).sqrt()).abs() < 1e-12);
    assert!((e.daily_vol[2] - 2.0 * e.daily_vol[0]).abs() < 1e-12);
    assert!((e.correlation[1] + 1.0).abs() < 1e-12, "A and −A");
    assert!((e.correlation[2] - 1.0).abs() < 1e-12, "A and 2A");
    // Perfectly (anti-)correlated series do not factor: shrunk, and the shrinkage is said.
    let (_, shrinkage) = factor(&e.correlation, 3);
    assert!(shrinkage > 0.0);
}

#[test]
fn only_the_sessions_every_symbol_has_count_and_the_window_takes_the_last() {
    let a: Vec<f64> = (0..60).map(|i| 0.001 * (i % 7) as f64 - 0.003).collect();
    let mut b = closes("B", &a);
    b.closes.retain(|(d, _)| *d != NaiveDate::from_ymd_opt(2026, 1, 10).unwrap());
    let e = estimate(&[closes("A", &a), b], 30).unwrap();
    assert_eq!(e.observations, 30);
    assert_eq!(e.last, NaiveDate::from_ymd_opt(2026, 3, 2));
    let all = estimate(&[closes("A", &a), closes("B", &a)], 252).unwrap();
    assert_eq!(all.observations, 60);
}

#[test]
fn too_little_history_names_the_symbol() {
    let long: Vec<f64> = vec![0.01; 50];
    let short: Vec<f64> = vec![0.01; MIN_RETURNS - 1];
    let error = estimate(&[closes("LONG", &long), closes("NEW", &short)], 252).unwrap_err();
    assert_eq!(error.field, "history.NEW");
    assert!(error.message.contains("19 daily returns"), "{}", error.message);
    let mut bad = closes("BAD", &long);
    bad.closes[3].1 = 0.0;
    assert_eq!(estimate(&[bad], 252).unwrap_err().field, "history.BAD");
}

#[test]
fn a_proper_correlation_matrix_factors_unshrunk() {
    let c = [1.0, 0.3, 0.2, 0.3, 1.0, 0.5, 0.2, 0.5, 1.0];
    let (l, shrinkage) = factor(&c, 3);
    assert_eq!(shrinkage, 0.0);
    // L·Lᵀ gives the matrix back.
    for i in 0..3 {
        for j in 0..3 {
            let v: f64 = (0..3).map(|k| l[i * 3 + k] * l[j * 3 + k]).sum();
            assert!((v - c[i * 3 + j]).abs() < 1e-12);
        }
    }
}
