//! American options (ALO): the paper's published high-precision examples, the committed
//! high-precision grid (fast scheme RMSE ≤ 1e-4), the Longstaff–Schwartz table, the exercise
//! boundary, Greeks, American IV, and the bounds every American price must respect.

use crate::inputs;
use proptest::prelude::*;
use wheelwright_domain::Right::{self, Call, Put};
use wheelwright_pricing::american::{exercise_boundary, implied_vol, price, value, Scheme};
use wheelwright_pricing::european::{self, Dividend, Inputs};
use wheelwright_pricing::iv::NoSolution;

fn put(spot: f64, strike: f64, r: f64, q: f64, vol: f64, t: f64) -> Inputs {
    inputs(Put, strike, spot, q, r, t, vol)
}

fn premium(i: &Inputs, scheme: Scheme) -> f64 {
    price(i, scheme).unwrap() - european::value(i).unwrap().price
}

/// Andersen, Lake & Offengenden (2016), the high-precision example (as QuantLib's test suite
/// carries it: S = K = 100, q = 5%, vol 25%, one year ACT/365): the early-exercise premium is
/// 0.1069527028 at r = 5% and 0.36711118 ± 6e-8 at r = 7.5% (their two fixed-point forms differ
/// by that much). QuantLib's "standard example" (K = 95, r = 7.5%) gives 0.238654 ± 6e-6.
#[test]
fn reproduces_the_alo_papers_high_precision_example() {
    for (strike, r, expected, tolerance) in
        [(100.0, 0.05, 0.106_952_702_8, 1e-8), (100.0, 0.075, 0.367_111_18, 2e-7), (95.0, 0.075, 0.238_654, 1e-5)]
    {
        let i = put(100.0, strike, r, 0.05, 0.25, 1.0);
        let accurate = premium(&i, Scheme::ACCURATE);
        assert!((accurate - expected).abs() < tolerance, "K={strike} r={r}: accurate premium {accurate} vs {expected}");
        let high = premium(&i, Scheme::HIGH_PRECISION);
        assert!((high - expected).abs() < tolerance, "K={strike} r={r}: high-precision premium {high} vs {expected}");
        // The fast scheme is within its design accuracy.
        let fast = premium(&i, Scheme::FAST);
        assert!((fast - expected).abs() < 1e-4, "K={strike} r={r}: fast premium {fast} vs {expected}");
    }
}

/// Longstaff & Schwartz (2001), Table 1, the "finite difference" column: K = 40, r = 6%, no
/// dividends. That finite-difference grid is coarse and biased low (the accurate value of the
/// first entry is 4.4867, not 4.478), so it bounds the answer to 0.01 from below.
#[test]
fn agrees_with_the_longstaff_schwartz_finite_difference_table() {
    #[rustfmt::skip]
    let table = [
        (36.0, 0.2, 1.0, 4.478), (36.0, 0.2, 2.0, 4.840), (36.0, 0.4, 1.0, 7.101), (36.0, 0.4, 2.0, 8.508),
        (38.0, 0.2, 1.0, 3.250), (38.0, 0.2, 2.0, 3.745), (38.0, 0.4, 1.0, 6.148), (38.0, 0.4, 2.0, 7.670),
        (40.0, 0.2, 1.0, 2.314), (40.0, 0.2, 2.0, 2.885), (40.0, 0.4, 1.0, 5.312), (40.0, 0.4, 2.0, 6.920),
        (42.0, 0.2, 1.0, 1.617), (42.0, 0.2, 2.0, 2.212), (42.0, 0.4, 1.0, 4.582), (42.0, 0.4, 2.0, 6.248),
        (44.0, 0.2, 1.0, 1.110), (44.0, 0.2, 2.0, 1.690), (44.0, 0.4, 1.0, 3.948), (44.0, 0.4, 2.0, 5.647),
    ];
    for (s, vol, t, published) in table {
        let got = price(&put(s, 40.0, 0.06, 0.0, vol, t), Scheme::FAST).unwrap();
        assert!(got - published > -0.001 && got - published < 0.01, "S={s} vol={vol} T={t}: {got} vs {published}");
    }
}

struct Reference {
    inputs: Inputs,
    price: f64,
}

/// The committed grid (see its header for provenance and the checks made when it was generated).
fn reference_grid() -> Vec<Reference> {
    include_str!("../data/american_reference.csv")
        .lines()
        .filter(|line| !line.starts_with('#') && !line.starts_with("right"))
        .map(|line| {
            let cells: Vec<&str> = line.split(',').collect();
            let n: Vec<f64> = cells[1..].iter().map(|c| c.parse().expect("a number")).collect();
            let right = if cells[0] == "P" { Put } else { Call };
            Reference {
                inputs: Inputs { right, spot: n[0], strike: n[1], t: n[2], rate: n[3], div_yield: n[4], vol: n[5], dividends: Vec::new() },
                price: n[6],
            }
        })
        .collect()
}

#[test]
fn the_fast_scheme_meets_its_accuracy_target_on_the_reference_grid() {
    let grid = reference_grid();
    assert!(grid.len() > 10_000, "the grid has {} rows", grid.len());
    let (mut squares, mut worst) = (0.0, 0.0f64);
    for row in &grid {
        let error = price(&row.inputs, Scheme::FAST).unwrap() - row.price;
        squares += error * error;
        worst = worst.max(error.abs());
    }
    let rmse = (squares / grid.len() as f64).sqrt();
    // PRICING.md: RMSE ≤ 1e-4; QuantLib's bulk test also bounds the worst case by 2.5e-3.
    assert!(rmse <= 1e-4, "fast-scheme RMSE {rmse:e}");
    assert!(worst <= 2.5e-3, "fast-scheme worst error {worst:e}");
}

#[test]
fn the_accurate_scheme_agrees_with_the_reference_grid_to_a_millionth() {
    let grid = reference_grid();
    for row in grid.iter().step_by(23) {
        let got = price(&row.inputs, Scheme::ACCURATE).unwrap();
        assert!((got - row.price).abs() < 1e-5, "{:?}: {got} vs {}", row.inputs, row.price);
    }
}

#[test]
fn a_call_without_dividends_is_never_exercised_early() {
    let call = inputs(Call, 100.0, 105.0, 0.0, 0.05, 1.0, 0.3);
    let american = value(&call, Scheme::FAST).unwrap();
    let european = european::value(&call).unwrap();
    assert!((american.price - european.price).abs() < 1e-12);
    assert!((american.delta - european.delta).abs() < 1e-6, "{} vs {}", american.delta, european.delta);
    assert!((american.gamma - european.gamma).abs() < 1e-5, "{} vs {}", american.gamma, european.gamma);
    assert!((american.vega - european.vega).abs() < 1e-4, "{} vs {}", american.vega, european.vega);
    assert!((american.theta - european.theta).abs() < 1e-3, "{} vs {}", american.theta, european.theta);
    assert!((american.rho - european.rho).abs() < 1e-3, "{} vs {}", american.rho, european.rho);
    assert!(exercise_boundary(&call, Scheme::FAST).unwrap().level(1.0).is_none());
}

#[test]
fn calls_and_puts_are_symmetric() {
    // McDonald–Schroder: C(S, K, r, q) = P(K, S, q, r).
    for (s, k, r, q, vol, t) in [(100.0, 90.0, 0.03, 0.06, 0.25, 0.5), (80.0, 100.0, 0.05, 0.02, 0.4, 2.0)] {
        let call = price(&inputs(Call, k, s, q, r, t, vol), Scheme::FAST).unwrap();
        let twin = price(&put(k, s, q, r, vol, t), Scheme::FAST).unwrap();
        assert!((call - twin).abs() < 1e-12, "{call} vs {twin}");
    }
}

#[test]
fn the_exercise_boundary_starts_at_the_strike_and_falls_with_time_to_expiry() {
    let i = put(100.0, 100.0, 0.05, 0.0, 0.3, 1.0);
    let boundary = exercise_boundary(&i, Scheme::ACCURATE).unwrap();
    let points = boundary.points();
    assert!(points.len() >= 10);
    assert!((boundary.level(0.0).unwrap() - 100.0).abs() < 1e-9);
    for pair in points.windows(2) {
        assert!(pair[1].0 > pair[0].0 && pair[1].1 < pair[0].1, "not falling: {pair:?}");
    }
    // At the boundary the put is worth its exercise value and its delta is −1 (smooth pasting);
    // a little above, it is worth more.
    let level = boundary.level(1.0).unwrap();
    assert!(level > 60.0 && level < 100.0, "{level}");
    let at = value(&put(level, 100.0, 0.05, 0.0, 0.3, 1.0), Scheme::ACCURATE).unwrap();
    assert!((at.price - (100.0 - level)).abs() < 1e-6, "{} vs {}", at.price, 100.0 - level);
    let above = value(&put(level * 1.01, 100.0, 0.05, 0.0, 0.3, 1.0), Scheme::ACCURATE).unwrap();
    assert!(above.price > 100.0 - level * 1.01);
    assert!(above.delta > -1.0 && above.delta < -0.9, "{}", above.delta);
    assert!(boundary.exercise_now(level - 0.01) && !boundary.exercise_now(level + 0.01));
    // With q > r the boundary starts below the strike, at K·r/q.
    let dividend_heavy = exercise_boundary(&put(100.0, 100.0, 0.03, 0.06, 0.3, 1.0), Scheme::FAST).unwrap();
    assert!((dividend_heavy.level(0.0).unwrap() - 50.0).abs() < 1e-9);
    // A call on a dividend payer is exercised at or above its boundary, above the strike.
    let call = exercise_boundary(&inputs(Call, 100.0, 100.0, 0.08, 0.03, 1.0, 0.3), Scheme::FAST).unwrap();
    assert!(call.level(1.0).unwrap() > 100.0 && call.exercise_now(500.0) && !call.exercise_now(100.0));
}

#[test]
fn deep_in_the_money_puts_are_worth_their_exercise_value() {
    let deep = value(&put(50.0, 100.0, 0.05, 0.0, 0.2, 1.0), Scheme::FAST).unwrap();
    assert_eq!(deep.price, 50.0);
    assert!((deep.delta + 1.0).abs() < 1e-9 && deep.gamma.abs() < 1e-6, "delta {} gamma {}", deep.delta, deep.gamma);
}

#[test]
fn greeks_match_finite_differences_of_the_accurate_price() {
    let i = put(95.0, 100.0, 0.045, 0.01, 0.3, 0.5);
    let v = value(&i, Scheme::ACCURATE).unwrap();
    let at = |change: &dyn Fn(&mut Inputs)| {
        let mut j = i.clone();
        change(&mut j);
        price(&j, Scheme::ACCURATE).unwrap()
    };
    let delta = (at(&|j| j.spot += 0.01) - at(&|j| j.spot -= 0.01)) / 0.02;
    let vega = (at(&|j| j.vol += 0.001) - at(&|j| j.vol -= 0.001)) / 0.002;
    let theta = -(at(&|j| j.t += 0.001) - at(&|j| j.t -= 0.001)) / 0.002;
    assert!((v.delta - delta).abs() < 1e-6, "{} vs {delta}", v.delta);
    assert!((v.vega - vega).abs() < 1e-4, "{} vs {vega}", v.vega);
    assert!((v.theta - theta).abs() < 1e-3, "{} vs {theta}", v.theta);
    assert!(v.gamma > 0.0 && v.rho < 0.0 && v.dividend_rho > 0.0);
    assert!((v.theta_per_day - v.theta / 365.0).abs() < 1e-15 && (v.vega_per_point - v.vega / 100.0).abs() < 1e-15);
}

#[test]
fn cash_dividends_enter_through_the_escrowed_spot() {
    let dividend = Dividend { t: 0.2, amount: 1.5 };
    let with = Inputs { dividends: vec![dividend], ..put(100.0, 100.0, 0.05, 0.0, 0.3, 0.5) };
    let escrowed = put(100.0 - 1.5 * (-0.05f64 * 0.2).exp(), 100.0, 0.05, 0.0, 0.3, 0.5);
    assert!((price(&with, Scheme::FAST).unwrap() - price(&escrowed, Scheme::FAST).unwrap()).abs() < 1e-12);
    // A deep call on a dividend payer is worth at least exercising now (S − K = 50), which the
    // escrowed spot alone (98.01, European value 49.2) would miss.
    let deep_call = Inputs { dividends: vec![Dividend { t: 0.1, amount: 2.0 }], ..inputs(Call, 50.0, 100.0, 0.0, 0.05, 0.5, 0.2) };
    assert!(european::value(&deep_call).unwrap().price < 49.5);
    assert_eq!(price(&deep_call, Scheme::FAST).unwrap(), 50.0);
    // A dividend after expiry changes nothing.
    let later = Inputs { dividends: vec![Dividend { t: 0.7, amount: 1.5 }], ..with.clone() };
    assert_eq!(price(&later, Scheme::FAST).unwrap(), price(&put(100.0, 100.0, 0.05, 0.0, 0.3, 0.5), Scheme::FAST).unwrap());
}

#[test]
fn american_iv_round_trips_and_refuses_prices_with_no_volatility() {
    let mut checked = 0;
    for t in [2.0 / 365.0, 30.0 / 365.0, 1.0, 3.0] {
        for vol in [0.08, 0.3, 0.9] {
            for strike in [60.0, 90.0, 100.0, 115.0, 160.0] {
                for right in [Put, Call] {
                    let i = inputs(right, strike, 100.0, 0.02, 0.05, t, vol);
                    let p = price(&i, Scheme::FAST).unwrap();
                    let floor = price(&Inputs { vol: 0.0, ..i.clone() }, Scheme::FAST).unwrap();
                    // Too little time value to carry a volatility in double precision.
                    if p - floor < 1e-9 {
                        continue;
                    }
                    let iv =
                        implied_vol(&i, p, Scheme::FAST).unwrap().unwrap_or_else(|e| panic!("{right:?} K={strike} t={t} vol={vol}: {e:?}"));
                    let back = price(&Inputs { vol: iv, ..i.clone() }, Scheme::FAST).unwrap();
                    assert!((back - p).abs() < 1e-9, "{right:?} K={strike} t={t} vol={vol}: {back} vs {p}");
                    if p - floor > 1e-4 {
                        assert!((iv - vol).abs() < 1e-6, "{right:?} K={strike} t={t} vol={vol}: iv {iv}");
                    }
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 80, "{checked} of 120 had time value");
    let i = put(80.0, 100.0, 0.05, 0.0, 0.3, 0.5);
    assert_eq!(implied_vol(&i, 19.0, Scheme::FAST).unwrap(), Err(NoSolution::BelowIntrinsic));
    assert_eq!(implied_vol(&i, 20.0, Scheme::FAST).unwrap(), Err(NoSolution::AtIntrinsic));
    assert_eq!(implied_vol(&i, 100.0, Scheme::FAST).unwrap(), Err(NoSolution::AboveMaximum));
    assert_eq!(implied_vol(&Inputs { t: 0.0, ..i.clone() }, 20.0, Scheme::FAST).unwrap(), Err(NoSolution::Expired));
    assert!(implied_vol(&i, -1.0, Scheme::FAST).is_err());
    // Above anything a European put can be worth (the discounted strike, 74.08): the European IV
    // gives no upper bracket, the search grows its own.
    let deep = put(10.0, 100.0, 0.1, 0.0, 2.5, 3.0);
    let p = price(&deep, Scheme::FAST).unwrap();
    assert!(p > 100.0 * (-0.3f64).exp() && p > 90.0, "{p}");
    let iv = implied_vol(&deep, p, Scheme::FAST).unwrap().unwrap();
    assert!((iv - 2.5).abs() < 1e-6, "{iv}");
}

#[test]
fn invalid_inputs_and_two_boundary_rates_are_refused() {
    assert!(price(&put(-1.0, 100.0, 0.05, 0.0, 0.3, 1.0), Scheme::FAST).is_err());
    assert!(price(&put(100.0, 100.0, 0.05, 0.0, f64::NAN, 1.0), Scheme::FAST).is_err());
    let message = price(&put(100.0, 100.0, -0.01, -0.02, 0.3, 1.0), Scheme::FAST).unwrap_err().to_string();
    assert!(message.contains("two exercise boundaries"), "{message}");
    // With r ≤ 0 ≤ q a put is never exercised early.
    let negative = put(100.0, 100.0, -0.005, 0.01, 0.3, 1.0);
    assert!((price(&negative, Scheme::FAST).unwrap() - european::value(&negative).unwrap().price).abs() < 1e-12);
}

#[test]
fn greeks_exist_at_the_edges_of_what_the_engine_prices() {
    // At r = q = 0 a rate or yield bump crosses into the two-boundary region on one side: the
    // difference is taken on the other.
    for right in [Put, Call] {
        let v = value(&inputs(right, 100.0, 100.0, 0.0, 0.0, 0.5, 0.3), Scheme::FAST).unwrap();
        assert!(v.rho.is_finite() && v.dividend_rho.is_finite() && v.vega > 0.0, "{right:?}: {v:?}");
    }
    // The top of the volatility range, and a dividend a few hours away.
    assert!(value(&put(100.0, 100.0, 0.05, 0.0, 10.0, 0.5), Scheme::FAST).unwrap().vega.is_finite());
    let soon = Inputs { dividends: vec![Dividend { t: 1e-4, amount: 0.5 }], ..put(100.0, 100.0, 0.05, 0.0, 0.3, 0.5) };
    assert!(value(&soon, Scheme::FAST).unwrap().theta.is_finite());
}

fn right() -> impl Strategy<Value = Right> {
    prop_oneof![Just(Put), Just(Call)]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn american_prices_respect_their_bounds_and_monotonicity(
        right in right(), s in 20.0..250.0f64, k in 50.0..150.0f64, r in 0.0..0.1f64, q in 0.0..0.1f64,
        vol in 0.05..1.0f64, t in 0.003..3.0f64,
    ) {
        let i = inputs(right, k, s, q, r, t, vol);
        let american = price(&i, Scheme::FAST).unwrap();
        let european = european::value(&i).unwrap().price;
        let intrinsic = match right { Put => (k - s).max(0.0), Call => (s - k).max(0.0) };
        let tolerance = 1e-9 * k;
        prop_assert!(american >= european - tolerance, "American {} < European {}", american, european);
        prop_assert!(american >= intrinsic - tolerance, "American {} < intrinsic {}", american, intrinsic);
        let ceiling = match right { Put => k, Call => s };
        prop_assert!(american <= ceiling + tolerance, "American {} above {}", american, ceiling);
        // More volatility and more time are worth more (up to the fast scheme's accuracy).
        let slack = 2e-4 * k;
        let more_vol = price(&Inputs { vol: vol * 1.1, ..i.clone() }, Scheme::FAST).unwrap();
        let more_time = price(&Inputs { t: t * 1.2, ..i.clone() }, Scheme::FAST).unwrap();
        prop_assert!(more_vol >= american - slack, "more vol {} < {}", more_vol, american);
        prop_assert!(more_time >= american - slack, "more time {} < {}", more_time, american);
        // A put is worth more at a higher strike, a call less.
        let higher = price(&Inputs { strike: k * 1.05, ..i.clone() }, Scheme::FAST).unwrap();
        match right {
            Put => prop_assert!(higher >= american - slack),
            Call => prop_assert!(higher <= american + slack),
        }
    }
}
