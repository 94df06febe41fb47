//! Implied volatility: round trips at machine precision on a wide grid, and honest refusals.

use crate::inputs;
use proptest::prelude::*;
use wheelwright_domain::Right::{self, Call, Put};
use wheelwright_pricing::european::value;
use wheelwright_pricing::iv::{implied_vol, NoSolution};

fn round_trip(right: Right, k: f64, s: f64, q: f64, r: f64, t: f64, vol: f64) -> Option<f64> {
    let i = inputs(right, k, s, q, r, t, vol);
    let price = value(&i).unwrap().price;
    implied_vol(&i, price).unwrap().ok()
}

#[test]
fn round_trips_on_a_grid_from_0dte_to_leaps() {
    let one_minute = 1.0 / (365.0 * 24.0 * 60.0);
    let mut checked = 0;
    for t in [one_minute * 30.0, 1.0 / 365.0, 7.0 / 365.0, 30.0 / 365.0, 0.5, 1.0, 3.0] {
        for vol in [0.05, 0.15, 0.3, 0.6, 1.2] {
            for moneyness in [0.5, 0.8, 0.95, 1.0, 1.05, 1.25, 2.0] {
                for right in [Call, Put] {
                    let (s, k) = (100.0, 100.0 * moneyness);
                    let i = inputs(right, k, s, 0.01, 0.045, t, vol);
                    let price = value(&i).unwrap().price;
                    // Skip prices with no time value left in double precision (nothing to invert).
                    let intrinsic = match right {
                        Call => (i.forward() - k).max(0.0),
                        Put => (k - i.forward()).max(0.0),
                    } * i.discount();
                    if price - intrinsic < 1e-12 * s {
                        continue;
                    }
                    let iv = implied_vol(&i, price).unwrap().unwrap_or_else(|e| panic!("{right:?} t={t} vol={vol} m={moneyness}: {e:?}"));
                    // Machine precision in price terms; volatility to the vega-implied precision.
                    let back = value(&inputs(right, k, s, 0.01, 0.045, t, iv)).unwrap().price;
                    assert!((back - price).abs() <= 1e-12 * s, "{right:?} t={t} vol={vol} m={moneyness}: {back} vs {price}");
                    checked += 1;
                }
            }
        }
    }
    // 490 points in all; deep in- or out-of-the-money 0DTE ones have no time value in double precision.
    assert!(checked > 300, "only {checked} grid points had time value");
}

#[test]
fn near_the_money_the_volatility_itself_comes_back_to_machine_precision() {
    for right in [Call, Put] {
        let iv = round_trip(right, 100.0, 102.0, 0.0, 0.05, 0.25, 0.237).unwrap();
        assert!((iv - 0.237).abs() < 1e-13, "{iv}");
    }
    // Deep in the money, the out-of-the-money twin keeps the precision.
    let iv = round_trip(Call, 50.0, 100.0, 0.0, 0.05, 0.25, 0.4).unwrap();
    assert!((iv - 0.4).abs() < 1e-10, "{iv}");
}

#[test]
fn prices_without_a_volatility_are_refused_with_a_reason() {
    let i = inputs(Call, 90.0, 100.0, 0.0, 0.05, 0.5, 0.2);
    let discounted_forward_intrinsic = 100.0 - 90.0 * (-0.05f64 * 0.5).exp();
    assert_eq!(implied_vol(&i, discounted_forward_intrinsic - 0.01).unwrap(), Err(NoSolution::BelowIntrinsic));
    assert_eq!(implied_vol(&i, 100.0).unwrap(), Err(NoSolution::AboveMaximum));
    let put = inputs(Put, 90.0, 100.0, 0.0, 0.05, 0.5, 0.2);
    assert_eq!(implied_vol(&put, 90.0).unwrap(), Err(NoSolution::AboveMaximum));
    let expired = inputs(Put, 90.0, 100.0, 0.0, 0.05, 0.0, 0.2);
    assert_eq!(implied_vol(&expired, 1.0).unwrap(), Err(NoSolution::Expired));
    assert!(implied_vol(&i, -1.0).is_err());
}

proptest! {
    #[test]
    fn price_to_vol_to_price(s in 5.0f64..1000.0, m in 0.6f64..1.6, t in 0.002f64..3.0, vol in 0.03f64..1.5, call in any::<bool>()) {
        let right = if call { Call } else { Put };
        let i = inputs(right, s * m, s, 0.0, 0.04, t, vol);
        let price = value(&i).unwrap().price;
        if let Ok(iv) = implied_vol(&i, price).unwrap() {
            let back = value(&inputs(right, s * m, s, 0.0, 0.04, t, iv)).unwrap().price;
            prop_assert!((back - price).abs() <= 1e-11 * s, "{} vs {}", back, price);
        }
    }
}
