use crate::support::*;
use wheelwright_domain::ledger::Side;
use wheelwright_domain::Right;
use wheelwright_strategy::monitor::*;
use wheelwright_strategy::value::{european, Context};

#[test]
fn moneyness_is_the_distance_to_the_strike_over_the_spot() {
    // Put 95 with the stock at 100: it may fall 5 before the strike → OTM by 5.0%.
    assert_eq!(moneyness_label(moneyness(Right::Put, 95.0, 100.0)), "OTM by 5.0%");
    // Call 102 at 100: 2% to go.
    assert_eq!(moneyness_label(moneyness(Right::Call, 102.0, 100.0)), "OTM by 2.0%");
    // Put 103 at 100: 3 in the money.
    assert_eq!(moneyness_label(moneyness(Right::Put, 103.0, 100.0)), "ITM by 3.0%");
    // Within half a percent either way is at the money.
    assert_eq!(moneyness_label(moneyness(Right::Call, 100.4, 100.0)), "at the money");
    assert_eq!(moneyness_label(moneyness(Right::Call, 99.6, 100.0)), "at the money");
    assert_eq!(moneyness_label(moneyness(Right::Call, 99.5, 100.0)), "ITM by 0.5%");
}

#[test]
fn risk_levels_at_their_edges() {
    let level = |m: f64, dte: i64| risk_level(Side::Short, m, dte, None).0;
    // In the money by 5% or more: HIGH, whatever the time left.
    assert_eq!(level(-0.05, 40), RiskLevel::High);
    assert_eq!(level(-0.0499, 40), RiskLevel::Medium);
    // In the money with 7 days or fewer: HIGH; with 8: MEDIUM.
    assert_eq!(level(-0.001, 7), RiskLevel::High);
    assert_eq!(level(-0.001, 8), RiskLevel::Medium);
    // Out of the money by less than 2%: MEDIUM; by 2% or more: LOW.
    assert_eq!(level(0.0199, 3), RiskLevel::Medium);
    assert_eq!(level(0.02, 3), RiskLevel::Low);
    assert_eq!(level(0.0, 30), RiskLevel::Medium);
    // Early-assignment risk outranks distance.
    let (risk, rule) = risk_level(Side::Short, 0.10, 30, Some("goes ex-dividend"));
    assert_eq!((risk, rule.as_str()), (RiskLevel::High, "early assignment risk: goes ex-dividend"));
    // A long option never rises above LOW.
    assert_eq!(risk_level(Side::Long, -0.30, 1, None).0, RiskLevel::Low);
    assert_eq!(risk_level(Side::Short, -0.05, 40, None).1, "in the money by 5% or more");
}

#[test]
fn early_assignment_of_calls_before_a_dividend_and_of_puts_without_time_value() {
    let (today, expiry) = (d("2026-11-20"), d("2026-12-18"));
    let dividend = |ex: &str, amount: f64| Some(NextDividend { ex_date: d(ex), amount });
    // ITM call, 0.10 of time value, 0.52 dividend going ex before expiry: flagged.
    let why = early_assignment(Right::Call, true, Some(0.10), today, expiry, dividend("2026-12-10", 0.52)).unwrap();
    assert_eq!(why, "goes ex-dividend 2026-12-10 with a 0.52 dividend, more than the 0.10 of time value left");
    // A dividend equal to the time value is not worth exercising for.
    assert_eq!(early_assignment(Right::Call, true, Some(0.52), today, expiry, dividend("2026-12-10", 0.52)), None);
    // Ex-date today (exercise had to be yesterday) or after expiry: not flagged.
    assert_eq!(early_assignment(Right::Call, true, Some(0.10), today, expiry, dividend("2026-11-20", 0.52)), None);
    assert_eq!(early_assignment(Right::Call, true, Some(0.10), today, expiry, dividend("2026-12-19", 0.52)), None);
    // Out of the money, or time value unknown: not flagged.
    assert_eq!(early_assignment(Right::Call, false, Some(0.10), today, expiry, dividend("2026-12-10", 0.52)), None);
    assert_eq!(early_assignment(Right::Call, true, None, today, expiry, dividend("2026-12-10", 0.52)), None);
    // Puts: in the money with 0.05 or less of time value.
    assert!(early_assignment(Right::Put, true, Some(0.05), today, expiry, None).is_some());
    assert_eq!(early_assignment(Right::Put, true, Some(0.06), today, expiry, None), None);
}

#[test]
fn a_short_put_in_the_money_worked_by_hand() {
    // Sold 2 × Dec 4 50 puts at 1.20; the stock is at 48, the put quoted 2.30 × 2.50.
    let chain = chain(underlying("KO", 48.0), vec![contract("KO", Right::Put, 50.0, "2026-12-04", 2.30, 2.50, 500)]);
    let ctx = Context::of(&chain).unwrap();
    assert!((ctx.spot - 48.0).abs() < 1e-12, "the spot is the mid of 47.99 × 48.01");
    let valued = european(&ctx, &chain.contracts[0]);
    let view = watch("KO", &short(Right::Put, "50", "2026-12-04", "2", "1.20"), &ctx, Some(&valued), None);
    assert_eq!(view.mark, Some(2.40));
    assert!((view.intrinsic - 2.0).abs() < 1e-12);
    assert!((view.extrinsic.unwrap() - 0.40).abs() < 1e-12);
    // (48 − 50) / 48 = −4.17%.
    assert!((view.moneyness + 2.0 / 48.0).abs() < 1e-12);
    assert_eq!(view.moneyness_label, "ITM by 4.2%");
    // (1.20 − 2.40) × 2 × 100 = −240; captured (1.20 − 2.40) / 1.20 = −100%.
    assert!((view.unrealized_pnl.unwrap() + 240.0).abs() < 1e-9);
    assert!((view.max_profit_captured.unwrap() + 1.0).abs() < 1e-12);
    // Nov 20 → Dec 4 is 14 days; sessions after today: Nov 23–25, 27 (early close), 30, Dec 1–4
    // (Thanksgiving on the 26th) = 9.
    assert_eq!((view.dte_calendar, view.dte_trading), (14, 9));
    assert_eq!((view.risk, view.risk_rule.as_str()), (RiskLevel::Medium, "in the money"));
    assert!(view.delta.unwrap() < -0.5 && view.iv.unwrap() > 0.0);
}

#[test]
fn a_covered_call_before_the_ex_date_is_high_risk() {
    // Call 45 with the stock at 48: 3.00 intrinsic, quoted 3.05 × 3.15 → 0.10 of time value,
    // and a 0.51 dividend goes ex on Dec 1.
    let quote = with_dividend(underlying("KO", 48.0), "2026-12-01", 0.51);
    let chain = chain(quote, vec![contract("KO", Right::Call, 45.0, "2026-12-18", 3.05, 3.15, 500)]);
    let ctx = Context::of(&chain).unwrap();
    let view = watch(
        "KO",
        &short(Right::Call, "45", "2026-12-18", "1", "0.90"),
        &ctx,
        Some(&european(&ctx, &chain.contracts[0])),
        Some(NextDividend { ex_date: d("2026-12-01"), amount: 0.51 }),
    );
    assert_eq!(view.risk, RiskLevel::High);
    assert!(view.risk_rule.starts_with("early assignment risk: goes ex-dividend 2026-12-01 with a 0.51 dividend"), "{}", view.risk_rule);
    // Captured: (0.90 − 3.10) / 0.90, a loss of 244%.
    assert!((view.max_profit_captured.unwrap() - (0.90 - 3.10) / 0.90).abs() < 1e-12);
}

#[test]
fn without_a_quote_the_monitor_says_what_it_cannot_know() {
    let chain = chain(underlying("KO", 60.0), Vec::new());
    let ctx = Context::of(&chain).unwrap();
    let view = watch("KO", &short(Right::Put, "55", "2026-12-18", "1", "0.80"), &ctx, None, None);
    assert_eq!((view.mark, view.unrealized_pnl, view.max_profit_captured, view.extrinsic), (None, None, None, None));
    assert_eq!(view.moneyness_label, "OTM by 8.3%");
    assert_eq!(view.risk, RiskLevel::Low);
}
