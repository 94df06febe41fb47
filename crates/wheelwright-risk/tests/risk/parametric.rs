//! Delta-normal and delta-gamma VaR against closed forms and hand-worked cumulants.

use crate::support::*;
use proptest::prelude::*;
use wheelwright_domain::Right;
use wheelwright_risk::horizon::Horizon;
use wheelwright_risk::parametric::{cumulants, delta_gamma, delta_normal, Sensitivities};

// Φ⁻¹(0.95) and φ(Φ⁻¹(0.95)) ÷ 0.05, from tables.
const Z95: f64 = 1.644_853_626_951_472_2;
const ES95_FACTOR: f64 = 2.062_712_807_507_155;

#[test]
fn one_stock_delta_normal_is_the_textbook_formula() {
    // 1,000 shares at 100, 2% a day: VaR₉₅ = 1.645 × 2% × 100,000 = 3,289.71.
    let b = book(vec![underlying("X", 100.0, 0.02, None)], vec![shares(0, 1_000.0)], 0.0);
    let one = delta_normal(&b, Horizon::after(now(), 1), 0.95);
    assert!(close(one.var, Z95 * 2_000.0, 1e-12), "{}", one.var);
    assert!(close(one.expected_shortfall, ES95_FACTOR * 2_000.0, 1e-9), "{}", one.expected_shortfall);
    // Thirty sessions: the variance is thirty days' (no carry on shares).
    let thirty = delta_normal(&b, Horizon::after(now(), 30), 0.95);
    assert!(close(thirty.var, Z95 * 2_000.0 * 30f64.sqrt(), 1e-12));
}

#[test]
fn two_stocks_add_in_variance_by_their_correlation() {
    let mut b =
        book(vec![underlying("A", 100.0, 0.02, None), underlying("B", 50.0, 0.01, None)], vec![shares(0, 100.0), shares(1, -200.0)], 0.0);
    b.correlation = vec![1.0, 0.5, 0.5, 1.0];
    // Dollar deltas 10,000 and −10,000; σ² = 200² + 100² − 2 × 0.5 × 200 × 100 = 30,000.
    let v = delta_normal(&b, Horizon::after(now(), 1), 0.95);
    assert!(close(v.var, Z95 * 30_000f64.sqrt(), 1e-12), "{}", v.var);
}

#[test]
fn cumulants_of_a_one_factor_quadratic_match_the_hand_worked_ones() {
    // D = 1,000, G = −50,000, variance c = 0.0004 (2% a day):
    // κ₁ = ½Gc = −10; κ₂ = D²c + ½G²c² = 400 + 200; κ₃ = 3D²Gc² + G³c³ = −24,000 − 8,000;
    // κ₄ = 12D²G²c³ + 3G⁴c⁴ = 1,920,000 + 480,000.
    let s = Sensitivities { delta: vec![1_000.0], gamma: vec![-50_000.0], carry: 0.0 };
    let k = cumulants(&s, &[0.0004]);
    for (got, want) in k.iter().zip([-10.0, 600.0, -32_000.0, 2_400_000.0]) {
        assert!(close(*got, want, 1e-9), "{k:?}");
    }
}

#[test]
fn without_gamma_delta_gamma_is_delta_normal() {
    let b =
        book(vec![underlying("X", 100.0, 0.02, None), underlying("Y", 30.0, 0.015, None)], vec![shares(0, 300.0), shares(1, 1_000.0)], 0.0);
    for sessions in [1, 30] {
        for confidence in [0.95, 0.99] {
            let h = Horizon::after(now(), sessions);
            let (n, g) = (delta_normal(&b, h, confidence), delta_gamma(&b, h, confidence));
            assert!(close(g.var, n.var, 1e-9), "{} vs {}", g.var, n.var);
            // ES by averaging 2,000 tail quantiles: within 0.1% of the closed form.
            assert!(close(g.expected_shortfall, n.expected_shortfall, 1e-3), "{} vs {}", g.expected_shortfall, n.expected_shortfall);
        }
    }
}

#[test]
fn a_short_put_has_a_fatter_loss_tail_than_its_delta_says() {
    // Ten short 95 puts on a 100 stock, 30 days, over 30 sessions: negative gamma.
    let b = book(vec![underlying("X", 100.0, 0.02, None)], vec![option(0, Right::Put, 95.0, 45.0, 0.32, -10.0, 2.0)], 100_000.0);
    let h = Horizon::after(now(), 30);
    let (n, g) = (delta_normal(&b, h, 0.99), delta_gamma(&b, h, 0.99));
    assert!(g.var > n.var, "delta-gamma {} vs delta-normal {}", g.var, n.var);
    // Carry: theta over the horizon is income to a seller, and never more than the premium.
    let s = wheelwright_risk::parametric::sensitivities(&b, h);
    assert!(s.carry > 0.0 && s.carry < b.holdings[0].quantity.abs() * 100.0 * 3.0, "{}", s.carry);
}

proptest! {
    #[test]
    fn var_grows_with_confidence_and_es_exceeds_var(
        spot in 5.0..500.0f64, vol in 0.005..0.05f64, quantity in 1.0..5_000.0f64,
        strike_ratio in 0.8..1.1f64, days in 2.0..90.0f64, contracts in 1.0..20.0f64,
    ) {
        let b = book(
            vec![underlying("X", spot, vol, None)],
            vec![shares(0, quantity), option(0, Right::Put, spot * strike_ratio, days, vol * 15.0, -contracts, 1.0)],
            1e6,
        );
        for sessions in [1, 30] {
            let h = Horizon::after(now(), sessions);
            for f in [delta_normal, delta_gamma] {
                let (v95, v99) = (f(&b, h, 0.95), f(&b, h, 0.99));
                prop_assert!(v99.var >= v95.var - 1e-9 * v95.var.abs());
                prop_assert!(v95.expected_shortfall >= v95.var - 1e-9 * v95.var.abs());
            }
        }
    }

    #[test]
    fn delta_normal_scales_with_the_book(spot in 5.0..500.0f64, vol in 0.005..0.05f64, quantity in 1.0..5_000.0f64, k in 1.0..10.0f64) {
        let h = Horizon::after(now(), 1);
        let small = book(vec![underlying("X", spot, vol, None)], vec![shares(0, quantity)], 0.0);
        let large = book(vec![underlying("X", spot, vol, None)], vec![shares(0, quantity * k)], 0.0);
        prop_assert!(close(delta_normal(&large, h, 0.99).var, k * delta_normal(&small, h, 0.99).var, 1e-9));
    }
}
