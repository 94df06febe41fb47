//! Monte Carlo full revaluation against lognormal closed forms, and its convergence.

use crate::support::*;
use wheelwright_domain::Right;
use wheelwright_pricing::normal::{cdf, inverse_cdf};
use wheelwright_risk::horizon::Horizon;
use wheelwright_risk::montecarlo::{fast_cdf, simulate, tail, var, Simulation};
use wheelwright_risk::parametric::delta_gamma;

/// VaR and ES of `shares` of a stock at `spot` whose log return over the horizon is
/// N(−σ²/2, σ²): the loss quantile is spot × shares × (1 − e^(−σ²/2 + σ z)), and
/// E[e^X | X below it] = Φ(z − σ) ÷ p.
fn lognormal(spot: f64, shares: f64, sigma: f64, confidence: f64) -> (f64, f64) {
    let p = 1.0 - confidence;
    let z = inverse_cdf(p);
    let value = spot * shares;
    (value * (1.0 - (-0.5 * sigma * sigma + sigma * z).exp()), value * (1.0 - cdf(z - sigma) / p))
}

#[test]
fn one_stock_matches_the_lognormal_closed_form() {
    let b = book(vec![underlying("X", 100.0, 0.02, None)], vec![shares(0, 1_000.0)], 0.0);
    for (sessions, confidence) in [(1, 0.95), (1, 0.99), (30, 0.95), (30, 0.99)] {
        let h = Horizon::after(now(), sessions);
        let (figures, shrinkage) = var(&b, h, &[confidence], Simulation { paths: 400_000, seed: 7 });
        assert_eq!(shrinkage, 0.0);
        let (want_var, want_es) = lognormal(100.0, 1_000.0, 0.02 * (sessions as f64).sqrt(), confidence);
        // 400k paths: the 1% tail holds 4,000 of them; the quantile's sampling error is ~1%.
        assert!(close(figures[0].var, want_var, 0.015), "{sessions} sessions {confidence}: {} vs {want_var}", figures[0].var);
        assert!(close(figures[0].expected_shortfall, want_es, 0.015), "{} vs {want_es}", figures[0].expected_shortfall);
    }
}

#[test]
fn an_option_expiring_inside_the_horizon_is_revalued_at_intrinsic() {
    // Short 1 put 95 expiring in a week, valued over 30 sessions: at the horizon it is worth
    // max(95 − S, 0), a monotone function of S — so the loss quantile is at S's quantile.
    let b = book(vec![underlying("X", 100.0, 0.02, None)], vec![option(0, Right::Put, 95.0, 7.0, 0.3, -1.0, 1.0)], 10_000.0);
    let h = Horizon::after(now(), 30);
    let (sorted, _) = simulate(&b, h, Simulation { paths: 400_000, seed: 3 });
    let base = b.mark(&b.holdings[0], 100.0);
    let sigma = 0.02 * 30f64.sqrt();
    for confidence in [0.95, 0.99] {
        let s = 100.0 * (-0.5 * sigma * sigma + sigma * inverse_cdf(1.0 - confidence)).exp();
        let want = ((95.0 - s).max(0.0) - base) * 100.0;
        let (got, _) = tail(&sorted, confidence);
        assert!(close(got, want, 0.02), "{confidence}: {got} vs {want}");
    }
    // The best a seller can do is keep the premium (valued now with the fast CDF: within 1e-4).
    assert!(close(*sorted.last().unwrap(), base * 100.0, 1e-4), "{} vs {}", sorted.last().unwrap(), base * 100.0);
}

#[test]
fn the_estimate_converges_as_paths_grow() {
    let b = book(vec![underlying("X", 100.0, 0.02, None)], vec![shares(0, 1_000.0)], 0.0);
    let h = Horizon::after(now(), 30);
    let (want, _) = lognormal(100.0, 1_000.0, 0.02 * 30f64.sqrt(), 0.99);
    let error = |paths: usize| -> f64 {
        (1..=8).map(|seed| (var(&b, h, &[0.99], Simulation { paths, seed }).0[0].var - want).abs()).sum::<f64>() / 8.0
    };
    let (coarse, fine) = (error(4_000), error(256_000));
    // 64× the paths: the error should shrink about 8×; at least 3× allows for sampling luck.
    assert!(fine * 3.0 < coarse, "mean error {coarse} at 4k paths vs {fine} at 256k");
    assert!(fine / want < 0.01, "{fine} of {want}");
}

#[test]
fn a_seed_reproduces_a_run_and_another_seed_differs() {
    let b = book(vec![underlying("X", 100.0, 0.02, None), underlying("Y", 20.0, 0.03, None)], vec![shares(0, 10.0), shares(1, 50.0)], 0.0);
    let h = Horizon::after(now(), 1);
    let run = |seed| simulate(&b, h, Simulation { paths: 10_000, seed }).0;
    assert_eq!(run(5), run(5));
    assert_ne!(run(5), run(6));
}

#[test]
fn correlated_names_lose_together() {
    let mut b =
        book(vec![underlying("A", 100.0, 0.02, None), underlying("B", 100.0, 0.02, None)], vec![shares(0, 100.0), shares(1, 100.0)], 0.0);
    let h = Horizon::after(now(), 1);
    let independent = var(&b, h, &[0.99], Simulation::default()).0[0].var;
    b.correlation = vec![1.0, 0.9, 0.9, 1.0];
    let correlated = var(&b, h, &[0.99], Simulation::default()).0[0].var;
    // σ of the sum: √2 × 200 uncorrelated, √3.8 × 200 at 0.9.
    assert!(close(correlated / independent, (3.8f64 / 2.0).sqrt(), 0.03), "{correlated} vs {independent}");
}

#[test]
fn full_revaluation_agrees_with_delta_gamma_on_a_short_put() {
    let b = book(vec![underlying("X", 100.0, 0.02, None)], vec![option(0, Right::Put, 95.0, 45.0, 0.32, -10.0, 2.0)], 100_000.0);
    let h = Horizon::after(now(), 1);
    let mc = var(&b, h, &[0.99], Simulation::default()).0[0];
    let dg = delta_gamma(&b, h, 0.99);
    // One day: the quadratic approximation is close to the full revaluation.
    assert!(close(mc.var, dg.var, 0.05), "MC {} vs delta-gamma {}", mc.var, dg.var);
}

#[test]
fn the_fast_normal_cdf_is_within_its_stated_error() {
    let worst = (-8000..=8000).map(|i| i as f64 / 1000.0).map(|x| (fast_cdf(x) - cdf(x)).abs()).fold(0.0, f64::max);
    assert!(worst < 1.5e-7, "{worst}");
}
