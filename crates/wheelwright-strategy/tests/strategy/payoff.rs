//! Payoff diagrams worked by hand: a cash-secured put, a covered call, a position whose second
//! option outlives the first (with dividends on each side of the first expiry), and an option
//! without an IV.

use chrono::{NaiveDate, TimeZone, Utc};
use wheelwright_domain::ledger::Side;
use wheelwright_domain::Right;
use wheelwright_pricing::european::{self, Dividend, Inputs};
use wheelwright_strategy::payoff::{payoff, Holding, Position};
use wheelwright_strategy::value::Context;

fn ctx(spot: f64) -> Context {
    let time = Utc.with_ymd_and_hms(2026, 3, 2, 15, 0, 0).unwrap();
    Context { spot, rate: 0.04, div_yield: 0.0, dividends: vec![], time, today: NaiveDate::from_ymd_opt(2026, 3, 2).unwrap() }
}

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).unwrap()
}

fn option(right: Right, strike: f64, expiry: NaiveDate, open_price: f64, iv: Option<f64>) -> Holding {
    Holding { right, side: Side::Short, strike, expiry, contracts: 1.0, multiplier: 100.0, deliverable: 100.0, open_price, iv }
}

/// The P&L at `price`, which must be a grid point.
fn at(line: &[f64], prices: &[f64], price: f64) -> f64 {
    let i = prices.iter().position(|p| (p - price).abs() < 1e-9).unwrap_or_else(|| panic!("{price} is not on the grid"));
    line[i]
}

fn nearest(line: &[f64], prices: &[f64], price: f64) -> f64 {
    let i = prices.iter().enumerate().min_by(|a, b| (a.1 - price).abs().total_cmp(&(b.1 - price).abs())).unwrap().0;
    line[i]
}

#[test]
fn a_cash_secured_put_keeps_its_premium_above_the_strike_and_breaks_even_at_strike_less_premium() {
    let position = Position { shares: 0.0, share_cost: 0.0, options: vec![option(Right::Put, 50.0, day(4, 17), 2.0, Some(0.30))] };
    let c = ctx(52.0);
    let p = payoff(&position, &c);
    assert_eq!(p.horizon, Some(day(4, 17)));
    // 1 contract × 100 shares × $2.00 kept.
    assert_eq!(at(&p.at_expiry, &p.prices, 50.0), 200.0);
    assert!((nearest(&p.at_expiry, &p.prices, 60.0) - 200.0).abs() < 1e-9);
    // At $40: 100 × (2 − 10) = −$800, and the line is straight below the strike.
    let low = p.prices[0];
    assert!((p.at_expiry[0] - 100.0 * (2.0 - (50.0 - low))).abs() < 1e-6);
    assert_eq!(p.breakevens.len(), 1);
    assert!((p.breakevens[0] - 48.0).abs() < 1e-9, "{:?}", p.breakevens);
    // Today: the put is worth its Black–Scholes value at the spot, 0.30 IV.
    let t = c.years_to(day(4, 17));
    let put = european::value(&Inputs {
        right: Right::Put,
        spot: 52.0,
        strike: 50.0,
        rate: 0.04,
        div_yield: 0.0,
        vol: 0.30,
        t,
        dividends: vec![],
    })
    .unwrap()
    .price;
    let today = p.today.as_ref().unwrap();
    assert!((at(today, &p.prices, 52.0) - 100.0 * (2.0 - put)).abs() < 1e-9);
    // Today's line lies below the expiry line where the put still has time value to lose.
    assert!(at(today, &p.prices, 52.0) < at(&p.at_expiry, &p.prices, 52.0));
    assert!(p.notes.is_empty(), "{:?}", p.notes);
}

#[test]
fn a_covered_call_caps_the_gain_at_the_strike_plus_premium() {
    // 100 shares bought for $5,000; the 55 call sold for $1.50.
    let position = Position { shares: 100.0, share_cost: 5000.0, options: vec![option(Right::Call, 55.0, day(3, 20), 1.5, Some(0.25))] };
    let p = payoff(&position, &ctx(53.0));
    // Called away at 55: (55 − 50) × 100 + 150 = $650, and no more above it.
    assert!((at(&p.at_expiry, &p.prices, 55.0) - 650.0).abs() < 1e-9);
    assert!((p.at_expiry.last().unwrap() - 650.0).abs() < 1e-9);
    // Below the strike the shares carry it: at $53, 300 + 150.
    assert!((at(&p.at_expiry, &p.prices, 53.0) - 450.0).abs() < 1e-9);
    assert_eq!(p.breakevens.len(), 1);
    assert!((p.breakevens[0] - 48.5).abs() < 1e-9, "{:?}", p.breakevens);
    // The range shows the cost ($50) and the strike with room on both sides.
    assert!(p.prices[0] <= 45.0 && *p.prices.last().unwrap() >= 60.5);
}

/// Short the Mar 20 50 put (1.00) and the May 15 58 call (1.20) on 100 shares bought for 5,200.
fn put_and_later_call() -> Position {
    let put = option(Right::Put, 50.0, day(3, 20), 1.0, Some(0.3));
    let call = option(Right::Call, 58.0, day(5, 15), 1.2, Some(0.28));
    Position { shares: 100.0, share_cost: 5200.0, options: vec![put, call] }
}

/// That position's P&L at $54 on Mar 20, the May call then worth its BSM value at 0.28 with
/// `t_left` to go and `dividends` still ahead of it.
fn put_and_later_call_at_54(t_left: f64, dividends: Vec<Dividend>) -> f64 {
    let inputs = Inputs { right: Right::Call, spot: 54.0, strike: 58.0, rate: 0.04, div_yield: 0.0, vol: 0.28, t: t_left, dividends };
    let call_then = european::value(&inputs).unwrap().price;
    100.0 * 54.0 - 5200.0 + 100.0 * 1.0 + 100.0 * (1.2 - call_then)
}

#[test]
fn an_option_outliving_the_first_expiry_keeps_its_remaining_time_value() {
    let c = ctx(54.0);
    let p = payoff(&put_and_later_call(), &c);
    assert_eq!(p.horizon, Some(day(3, 20)));
    // At the March expiry the May call still has the time between the two expiries.
    let t_left = c.years_to(day(5, 15)) - c.years_to(day(3, 20));
    assert!(t_left > 0.1);
    assert!((at(&p.at_expiry, &p.prices, 54.0) - put_and_later_call_at_54(t_left, vec![])).abs() < 1e-9);
}

#[test]
fn at_the_first_expiry_a_later_option_counts_only_the_dividends_still_to_come() {
    // 0.60 goes ex Mar 10 (before the March expiry: already out of the price by then) and 0.60
    // Apr 15 (between the expiries). Quote Mar 2 15:00 UTC; Mar 10 opens 13:30 UTC (EDT from
    // Mar 8): 7 days 22.5 hours; Apr 15 opens 13:30 UTC: 43 days 22.5 hours (ACT/365).
    let year = 365.0 * 86_400.0;
    let (march_10, april_15) = ((7.0 * 86_400.0 + 81_000.0) / year, (43.0 * 86_400.0 + 81_000.0) / year);
    let c = Context { dividends: vec![Dividend { t: march_10, amount: 0.6 }, Dividend { t: april_15, amount: 0.6 }], ..ctx(54.0) };
    let p = payoff(&put_and_later_call(), &c);
    // March 20 closes at 20:00 UTC, 18 days 5 hours after the quote; the call then has the rest.
    let elapsed = c.years_to(day(3, 20));
    assert!((elapsed - (18.0 * 86_400.0 + 18_000.0) / year).abs() < 1e-12, "{elapsed}");
    let want = put_and_later_call_at_54(c.years_to(day(5, 15)) - elapsed, vec![Dividend { t: april_15 - elapsed, amount: 0.6 }]);
    assert!((at(&p.at_expiry, &p.prices, 54.0) - want).abs() < 1e-9);
}

#[test]
fn an_option_without_an_iv_gets_no_line_for_today_and_says_why() {
    let position = Position { shares: 0.0, share_cost: 0.0, options: vec![option(Right::Put, 50.0, day(4, 17), 2.0, None)] };
    let p = payoff(&position, &ctx(52.0));
    assert!(p.today.is_none());
    assert_eq!(p.notes.len(), 1);
    assert!(p.notes[0].contains("the 50 put of Apr 17") && p.notes[0].contains("no line for today"), "{:?}", p.notes);
    // The expiry line needs no IV.
    assert_eq!(at(&p.at_expiry, &p.prices, 50.0), 200.0);
}

#[test]
fn an_adjusted_contract_takes_its_premium_on_the_multiplier_and_delivers_its_shares() {
    // After a 3-for-2 split: 100 multiplier, 150 shares delivered, strike 40, sold for 2.00.
    let mut put = option(Right::Put, 40.0, day(4, 17), 2.0, Some(0.3));
    put.deliverable = 150.0;
    let p = payoff(&Position { shares: 0.0, share_cost: 0.0, options: vec![put] }, &ctx(42.0));
    // Above the strike the $200 premium is kept; at $30 the put costs 150 × 10 = $1,500.
    assert!((at(&p.at_expiry, &p.prices, 40.0) - 200.0).abs() < 1e-9);
    let low = p.prices[0];
    assert!((p.at_expiry[0] - (200.0 - 150.0 * (40.0 - low))).abs() < 1e-6);
    // Breakeven: 40 − 200 / 150.
    assert!((p.breakevens[0] - (40.0 - 200.0 / 150.0)).abs() < 1e-9, "{:?}", p.breakevens);
}
