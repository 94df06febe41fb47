//! Risk-neutral probabilities, checked by hand-worked values and by their relations.

use wheelwright_domain::Right::{Call, Put};
use wheelwright_pricing::normal::cdf;
use wheelwright_pricing::probability::Market;

#[test]
fn itm_is_n_d2_and_profit_uses_the_breakeven() {
    let m = Market { spot: 100.0, rate: 0.05, div_yield: 0.0, vol: 0.2, t: 0.5 };
    // d2 = (ln(100/95) + (0.05 − 0.02)·0.5)/(0.2·√0.5) = (0.0512933 + 0.015)/0.1414214 = 0.468764.
    let d2 = ((100.0f64 / 95.0).ln() + 0.015) / (0.2 * 0.5f64.sqrt());
    assert!((d2 - 0.468764).abs() < 1e-6);
    assert!((m.itm(Put, 95.0) - cdf(-d2)).abs() < 1e-15);
    // A 95 put sold for 2.00 profits above 93.
    assert!((m.short_profit(Put, 95.0, 2.0) - m.above_at_expiry(93.0)).abs() < 1e-15);
    assert!(m.short_profit(Put, 95.0, 2.0) > 1.0 - m.itm(Put, 95.0));
    assert!((m.itm(Call, 95.0) + m.itm(Put, 95.0) - 1.0).abs() < 1e-15);
}

#[test]
fn touch_without_drift_is_twice_the_finish_probability() {
    // ν = r − q − σ²/2 = 0 when r − q = 0.02 and σ = 0.2: the reflection principle gives
    // P(touch 110) = 2·N(−ln 1.1 / 0.2) = 2·N(−0.476551) = 0.633682.
    let m = Market { spot: 100.0, rate: 0.03, div_yield: 0.01, vol: 0.2, t: 1.0 };
    let expected = 2.0 * cdf(-(1.1f64).ln() / 0.2);
    assert!((m.touch(110.0) - expected).abs() < 1e-12);
    assert!((expected - 0.633682).abs() < 1e-6);
    assert!((m.touch(1.0 / 1.1 * 100.0) - expected).abs() < 1e-12, "symmetric below without drift");
}

#[test]
fn touching_is_likelier_than_finishing_beyond() {
    let m = Market { spot: 50.0, rate: 0.045, div_yield: 0.01, vol: 0.35, t: 45.0 / 365.0 };
    for level in [40.0, 45.0, 48.0, 52.0, 55.0, 65.0] {
        let finish = if level > 50.0 { m.above_at_expiry(level) } else { 1.0 - m.above_at_expiry(level) };
        assert!(m.touch(level) >= finish, "level {level}");
        assert!(m.touch(level) <= 1.0);
    }
    assert_eq!(m.touch(50.0), 1.0);
    // 1-SD move: 50 · 0.35 · √(45/365) = 17.5 · 0.3511234 = 6.144660.
    assert!((m.expected_move() - 6.144_660).abs() < 1e-5);
}
