//! European values and Greeks against published tables.

use crate::inputs;
use proptest::prelude::*;
use wheelwright_domain::Right::{Call, Put};
use wheelwright_pricing::european::{value, Dividend};
use wheelwright_pricing::normal::cdf;

fn close(actual: f64, expected: f64, tolerance: f64, what: &str) {
    assert!((actual - expected).abs() <= tolerance, "{what}: {actual} vs {expected} (tolerance {tolerance})");
}

#[test]
fn haug_values_as_in_quantlibs_european_option_tests() {
    // Haug, "The Complete Guide to Option Pricing Formulas", pp. 2–8; tolerance 1e-4 as given.
    let table = [
        (Call, 65.0, 60.0, 0.00, 0.08, 0.25, 0.30, 2.1334),
        (Put, 95.0, 100.0, 0.05, 0.10, 0.50, 0.20, 2.4648),
        (Put, 19.0, 19.0, 0.10, 0.10, 0.75, 0.28, 1.7011),
        (Call, 19.0, 19.0, 0.10, 0.10, 0.75, 0.28, 1.7011),
        (Call, 1.60, 1.56, 0.08, 0.06, 0.50, 0.12, 0.0291),
        (Put, 70.0, 75.0, 0.05, 0.10, 0.50, 0.35, 4.0870),
    ];
    for (right, k, s, q, r, t, v, expected) in table {
        let price = value(&inputs(right, k, s, q, r, t, v)).unwrap().price;
        close(price, expected, 1e-4, &format!("{right:?} K={k} S={s}"));
    }
}

#[test]
fn haug_greeks_as_in_quantlibs_greek_tests() {
    // Haug pp. 11–16, tolerance 1e-4: (right, K, S, q, r, t, vol, greek, value).
    let v = |right, k, s, q, r, t, vol| value(&inputs(right, k, s, q, r, t, vol)).unwrap();
    close(v(Call, 100.0, 105.0, 0.10, 0.10, 0.5, 0.36).delta, 0.5946, 1e-4, "call delta");
    close(v(Put, 100.0, 105.0, 0.10, 0.10, 0.5, 0.36).delta, -0.3566, 1e-4, "put delta");
    close(v(Call, 60.0, 55.0, 0.00, 0.10, 0.75, 0.30).gamma, 0.0278, 1e-4, "call gamma");
    close(v(Put, 60.0, 55.0, 0.00, 0.10, 0.75, 0.30).gamma, 0.0278, 1e-4, "put gamma");
    close(v(Call, 60.0, 55.0, 0.00, 0.10, 0.75, 0.30).vega, 18.9358, 1e-4, "call vega");
    close(v(Put, 60.0, 55.0, 0.00, 0.10, 0.75, 0.30).vega, 18.9358, 1e-4, "put vega");
    close(v(Put, 405.0, 430.0, 0.05, 0.07, 1.0 / 12.0, 0.20).theta, -31.1924, 1e-4, "put theta");
    close(v(Put, 405.0, 430.0, 0.05, 0.07, 1.0 / 12.0, 0.20).theta_per_day, -0.0855, 1e-4, "put theta per day");
    close(v(Call, 75.0, 72.0, 0.00, 0.09, 1.0, 0.19).rho, 38.7325, 1e-4, "call rho");
    close(v(Put, 490.0, 500.0, 0.05, 0.08, 0.25, 0.15).dividend_rho, 42.2254, 1e-4, "put dividend rho");
    close(v(Call, 60.0, 55.0, 0.00, 0.10, 0.75, 0.30).vega_per_point, 0.189358, 1e-6, "vega per vol point");
}

#[test]
fn hulls_worked_example() {
    // Hull, Options, Futures and Other Derivatives, the S=42, K=40, r=10%, σ=20%, T=0.5 example.
    close(value(&inputs(Call, 40.0, 42.0, 0.0, 0.10, 0.5, 0.20)).unwrap().price, 4.76, 0.005, "call");
    close(value(&inputs(Put, 40.0, 42.0, 0.0, 0.10, 0.5, 0.20)).unwrap().price, 0.81, 0.005, "put");
}

#[test]
fn the_normal_cdf_keeps_relative_precision_in_the_tail() {
    // Φ(−10) = 7.619853024160526…e-24: the A&S 26.2.17 polynomial gets this 100% wrong.
    let rel = (cdf(-10.0) - 7.619_853_024_160_526e-24).abs() / 7.619_853_024_160_526e-24;
    assert!(rel < 1e-14, "relative error {rel}");
    close(cdf(1.96), 0.975_002_104_851_780, 1e-15, "Φ(1.96)");
}

#[test]
fn escrowed_dividends_lower_calls_raise_puts_and_match_a_reduced_spot() {
    let mut call = inputs(Call, 100.0, 100.0, 0.0, 0.05, 0.5, 0.25);
    let plain = value(&call).unwrap();
    call.dividends = vec![Dividend { t: 0.25, amount: 2.0 }, Dividend { t: 0.75, amount: 2.0 }];
    let with = value(&call).unwrap();
    // Only the dividend before expiry counts: spot − 2·e^(−0.05·0.25).
    let reduced = value(&inputs(Call, 100.0, 100.0 - 2.0 * (-0.05f64 * 0.25).exp(), 0.0, 0.05, 0.5, 0.25)).unwrap();
    close(with.price, reduced.price, 1e-12, "escrowed call");
    assert!(with.price < plain.price);
    // Theta and rho carry the dividend's carry: compare with finite differences.
    let bump = |f: &dyn Fn(&mut wheelwright_pricing::european::Inputs)| {
        let mut moved = call.clone();
        f(&mut moved);
        value(&moved).unwrap().price
    };
    let h = 1e-5;
    let theta_fd = (bump(&|i| {
        i.t -= h;
        for d in &mut i.dividends {
            d.t -= h;
        }
    }) - with.price)
        / h;
    close(with.theta, theta_fd, 1e-3, "escrowed theta");
    let rho_fd = (bump(&|i| i.rate += h) - bump(&|i| i.rate -= h)) / (2.0 * h);
    close(with.rho, rho_fd, 1e-4, "escrowed rho");
}

#[test]
fn at_expiry_an_option_is_worth_its_intrinsic_value() {
    let v = value(&inputs(Put, 50.0, 45.0, 0.0, 0.05, 0.0, 0.3)).unwrap();
    assert_eq!((v.price, v.delta, v.gamma), (5.0, -1.0, 0.0));
    assert_eq!(value(&inputs(Call, 50.0, 45.0, 0.0, 0.05, 0.0, 0.3)).unwrap().price, 0.0);
}

#[test]
fn bad_inputs_are_named() {
    for (bad, word) in [
        (inputs(Call, -1.0, 100.0, 0.0, 0.05, 1.0, 0.2), "strike"),
        (inputs(Call, 100.0, 100.0, 0.0, 0.05, 1.0, -0.2), "vol"),
        (inputs(Call, 100.0, f64::NAN, 0.0, 0.05, 1.0, 0.2), "spot"),
        (inputs(Call, 100.0, 100.0, 0.0, 5.0, 1.0, 0.2), "rate"),
    ] {
        let message = value(&bad).unwrap_err().to_string();
        assert!(message.starts_with(word), "{message}");
    }
}

proptest! {
    #[test]
    fn put_call_parity_holds(s in 1.0f64..500.0, k_ratio in 0.3f64..3.0, q in 0.0f64..0.1, r in -0.01f64..0.1, t in 0.001f64..5.0, v in 0.01f64..2.0) {
        let k = s * k_ratio;
        let c = value(&inputs(Call, k, s, q, r, t, v)).unwrap().price;
        let p = value(&inputs(Put, k, s, q, r, t, v)).unwrap().price;
        let parity = s * (-q * t).exp() - k * (-r * t).exp();
        prop_assert!((c - p - parity).abs() <= 1e-9 * s.max(k), "c − p = {} vs {}", c - p, parity);
    }

    #[test]
    fn prices_move_the_right_way(s in 10.0f64..200.0, k_ratio in 0.5f64..2.0, r in 0.0f64..0.08, t in 0.01f64..3.0, v in 0.05f64..1.0) {
        let k = s * k_ratio;
        let price = |right, k: f64, t: f64, v: f64| value(&inputs(right, k, s, 0.0, r, t, v)).unwrap().price;
        // Calls fall and puts rise with the strike; both rise with volatility; both gain with time (no dividends: calls).
        prop_assert!(price(Call, k * 1.01, t, v) <= price(Call, k, t, v) + 1e-12);
        prop_assert!(price(Put, k * 1.01, t, v) >= price(Put, k, t, v) - 1e-12);
        prop_assert!(price(Call, k, t, v * 1.1) >= price(Call, k, t, v) - 1e-12);
        prop_assert!(price(Put, k, t, v * 1.1) >= price(Put, k, t, v) - 1e-12);
        prop_assert!(price(Call, k, t * 1.1, v) >= price(Call, k, t, v) - 1e-12);
    }
}
