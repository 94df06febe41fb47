//! Greeks, collateral, the Reg-T estimate and concentration, worked by hand.

use crate::support::*;
use wheelwright_domain::Right;
use wheelwright_risk::exposure::{exposure, reg_t_per_share};

#[test]
fn a_cash_secured_put_ties_up_its_strike_less_the_premium() {
    // Sold 1 KO 50 put for 1.00 out of 10,000: the cash is 10,100.
    let b = book(
        vec![underlying("KO", 52.0, 0.01, Some("Consumer Staples"))],
        vec![option(0, Right::Put, 50.0, 28.0, 0.25, -1.0, 1.0)],
        10_100.0,
    );
    let e = exposure(&b);
    let put = &e.holdings[0];
    assert_eq!(put.collateral, 4_900.0, "(50 − 1.00) × 100");
    assert_eq!(e.free_cash, 5_100.0, "10,100 − 50 × 100");
    assert_eq!(put.exposure, 5_000.0, "the assignment notional");
    // Reg-T: value + max(20% × 52 − 2 out of the money, 10% × 50) = value + 8.40 a share.
    assert!(close(put.margin_estimate, (put.mark + 8.4) * 100.0, 1e-12));
    assert!(close(e.net_liquidation, 10_100.0 - put.mark * 100.0, 1e-12));
    // Short a put: long delta, short gamma, earning theta, short vega.
    assert!(put.delta_shares > 0.0 && put.delta_shares < 50.0, "{}", put.delta_shares);
    assert!(close(put.dollar_delta, put.delta_shares * 52.0, 1e-12));
    assert!(put.gamma_shares < 0.0 && put.theta_per_day > 0.0 && put.vega_per_point < 0.0);
    assert!(close(put.dollar_gamma, put.gamma_shares * 52.0 * 52.0 / 100.0, 1e-12));
}

#[test]
fn reg_t_takes_the_larger_of_its_two_legs() {
    // 20% × 70 − 20 OTM = −6 < 10% × 50 = 5: the floor.
    assert!(close(reg_t_per_share(Right::Put, 50.0, 70.0, 0.05), 5.05, 1e-12));
    // 20% × 60 − 10 = 2 < 5: the floor.
    assert!(close(reg_t_per_share(Right::Put, 50.0, 60.0, 0.0), 5.0, 1e-12));
    // 20% × 55 − 5 = 6 > 5: the base.
    assert!(close(reg_t_per_share(Right::Put, 50.0, 55.0, 0.0), 6.0, 1e-12));
    // In the money, both legs equal: 20% × 50 = 10% × 100.
    assert!(close(reg_t_per_share(Right::Put, 100.0, 50.0, 50.0), 50.0 + 10.0, 1e-12));
    // Calls floor at 10% of the spot: 20% × 100 − 10 out of the money = 10 = 10% × 100; then
    // 20% × 100 − 5 = 15 > 10.
    assert!(close(reg_t_per_share(Right::Call, 110.0, 100.0, 1.0), 11.0, 1e-12));
    assert!(close(reg_t_per_share(Right::Call, 105.0, 100.0, 1.0), 16.0, 1e-12));
}

#[test]
fn a_covered_call_needs_no_collateral_and_an_uncovered_one_does() {
    let b =
        book(vec![underlying("KO", 60.0, 0.01, None)], vec![shares(0, 100.0), option(0, Right::Call, 65.0, 30.0, 0.2, -2.0, 0.5)], 1_000.0);
    let e = exposure(&b);
    let call = &e.holdings[1];
    // Two calls, 100 shares: one covered, one naked.
    let naked = reg_t_per_share(Right::Call, 65.0, 60.0, call.mark) * 100.0;
    assert!(close(call.margin_estimate, naked, 1e-12));
    assert!(close(call.collateral, naked, 1e-12));
    assert_eq!(call.exposure, 6_000.0, "the uncovered contract's spot notional");
    assert!(close(e.free_cash, 1_000.0 - naked, 1e-12));

    let covered =
        book(vec![underlying("KO", 60.0, 0.01, None)], vec![shares(0, 200.0), option(0, Right::Call, 65.0, 30.0, 0.2, -2.0, 0.5)], 0.0);
    let e = exposure(&covered);
    assert_eq!((e.holdings[1].collateral, e.holdings[1].margin_estimate, e.holdings[1].exposure), (0.0, 0.0, 0.0));
    assert_eq!(e.holdings[0].dollar_delta, 12_000.0);
}

#[test]
fn concentration_by_name_and_sector_is_a_share_of_net_liquidation() {
    let b = book(
        vec![
            underlying("KO", 60.0, 0.01, Some("Consumer Staples")),
            underlying("PEP", 150.0, 0.01, Some("Consumer Staples")),
            underlying("XYZ", 10.0, 0.03, None),
        ],
        vec![shares(0, 100.0), shares(1, 200.0), shares(2, 400.0)],
        50_000.0,
    );
    let e = exposure(&b);
    // NLV = 50,000 + 6,000 + 30,000 + 4,000 = 90,000.
    assert_eq!(e.net_liquidation, 90_000.0);
    let names: Vec<(&str, f64)> = e.names.iter().map(|n| (n.symbol.as_str(), n.pct.unwrap())).collect();
    assert_eq!(names[0].0, "PEP");
    assert!(close(names[0].1, 30_000.0 / 90_000.0 * 100.0, 1e-12));
    assert_eq!(names[1].0, "KO");
    assert!(close(names[1].1, 6_000.0 / 90_000.0 * 100.0, 1e-12));
    assert_eq!(e.sectors[0].sector, "Consumer Staples");
    assert!(close(e.sectors[0].pct.unwrap(), 40.0, 1e-12));
    assert_eq!(e.sectors[1].sector, "Unknown");
    assert_eq!(e.dollar_delta, 40_000.0);
}

#[test]
fn a_book_with_nothing_left_has_no_percentages() {
    let b = book(vec![underlying("KO", 60.0, 0.01, None)], vec![shares(0, 100.0)], -6_000.0);
    let e = exposure(&b);
    assert_eq!(e.net_liquidation, 0.0);
    assert_eq!(e.names[0].pct, None);
}

#[test]
fn a_names_greeks_are_its_holdings_summed_and_the_names_sum_to_the_book() {
    // KO: 100 shares and a short call; PEP: a short put. Each name carries only its own holdings.
    let b = book(
        vec![underlying("KO", 60.0, 0.01, None), underlying("PEP", 150.0, 0.01, None)],
        vec![shares(0, 100.0), option(0, Right::Call, 65.0, 30.0, 0.2, -1.0, 0.5), option(1, Right::Put, 140.0, 30.0, 0.25, -1.0, 1.2)],
        20_000.0,
    );
    let e = exposure(&b);
    let ko = e.names.iter().find(|n| n.symbol == "KO").unwrap();
    let pep = e.names.iter().find(|n| n.symbol == "PEP").unwrap();
    let (stock, call, put) = (&e.holdings[0], &e.holdings[1], &e.holdings[2]);
    assert!(close(ko.dollar_delta, stock.dollar_delta + call.dollar_delta, 1e-9));
    assert!(close(ko.dollar_gamma, call.dollar_gamma, 1e-9), "shares have no gamma");
    assert!(close(ko.theta_per_day, call.theta_per_day, 1e-9));
    assert!(close(ko.vega_per_point, call.vega_per_point, 1e-9));
    assert!(close(pep.dollar_gamma, put.dollar_gamma, 1e-9) && close(pep.vega_per_point, put.vega_per_point, 1e-9));
    // Short options: short gamma and vega, earning theta, name by name.
    assert!(ko.dollar_gamma < 0.0 && pep.dollar_gamma < 0.0 && ko.theta_per_day > 0.0 && pep.vega_per_point < 0.0);
    for (total, part) in [
        (e.dollar_delta, ko.dollar_delta + pep.dollar_delta),
        (e.dollar_gamma, ko.dollar_gamma + pep.dollar_gamma),
        (e.theta_per_day, ko.theta_per_day + pep.theta_per_day),
        (e.vega_per_point, ko.vega_per_point + pep.vega_per_point),
    ] {
        assert!(close(total, part, 1e-9), "{total} vs {part}");
    }
}
