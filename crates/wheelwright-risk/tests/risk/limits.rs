//! Limits at their edges and the pre-trade check on a hand-worked book.

use crate::support::*;
use wheelwright_domain::Right;
use wheelwright_risk::exposure::exposure;
use wheelwright_risk::limits::{judge, LimitName, Limits, Status};
use wheelwright_risk::pretrade::{apply, check, Trade, Verdict};
use wheelwright_risk::Instrument;

#[test]
fn a_maximum_warns_from_four_fifths_and_is_broken_only_beyond_it() {
    let at = |v: f64| judge(LimitName::Name, None, Some(v), 25.0, true, "KO").status;
    assert_eq!(at(19.99), Status::Ok);
    assert_eq!(at(20.0), Status::Warning);
    assert_eq!(at(25.0), Status::Warning, "exactly at the limit is allowed");
    assert_eq!(at(25.000000000000004), Status::Warning, "float noise at the limit is at the limit");
    assert_eq!(at(25.01), Status::Violation);
}

#[test]
fn a_minimum_warns_up_to_five_fourths_and_is_broken_only_below_it() {
    let at = |v: f64| judge(LimitName::Cash, None, Some(v), 10.0, false, "Free cash").status;
    assert_eq!(at(12.51), Status::Ok);
    assert_eq!(at(12.5), Status::Warning);
    assert_eq!(at(10.0), Status::Warning);
    assert_eq!(at(9.99), Status::Violation);
    assert_eq!(judge(LimitName::Cash, None, None, 10.0, false, "Free cash").status, Status::Warning, "unmeasurable is never silently ok");
}

#[test]
fn limits_must_be_percentages() {
    assert!(Limits::default().validate().is_ok());
    for bad in [0.0, -5.0, 100.5, f64::NAN] {
        let error = Limits { max_name_pct: bad, ..Limits::default() }.validate().unwrap_err();
        assert_eq!(error.field, "max_name_pct");
    }
}

fn put(strike: f64) -> Instrument {
    Instrument::Option { right: Right::Put, strike, t: 28.0 / 365.0, iv: 0.25, multiplier: 100.0 }
}

#[test]
fn selling_more_of_a_held_put_averages_its_premium() {
    let b = book(vec![underlying("KO", 52.0, 0.01, None)], vec![option(0, Right::Put, 50.0, 28.0, 0.25, -1.0, 1.0)], 10_100.0);
    let after = apply(&b, &Trade { underlying: 0, instrument: put(50.0), quantity: -1.0, price: 2.0, label: "KO 50 put".into() });
    assert_eq!(after.holdings.len(), 1);
    assert_eq!((after.holdings[0].quantity, after.holdings[0].premium), (-2.0, 1.5));
    assert_eq!(after.cash, 10_300.0);
    // Buying it all back closes it.
    let closed = apply(&after, &Trade { underlying: 0, instrument: put(50.0), quantity: 2.0, price: 0.5, label: "KO 50 put".into() });
    assert!(closed.holdings.is_empty());
    assert_eq!(closed.cash, 10_200.0);
}

#[test]
fn five_puts_on_one_name_break_the_position_limit_and_warn_on_the_name() {
    // 100,000 cash; sell 5 KO 50 puts at 1.00 → 25,000 of assignment notional.
    let b = book(vec![underlying("KO", 52.0, 0.01, Some("Consumer Staples"))], vec![], 100_000.0);
    let trade = Trade { underlying: 0, instrument: put(50.0), quantity: -5.0, price: 1.0, label: "KO Dec 18 50 put".into() };
    let result = check(&b, &trade, &Limits::default(), now()).unwrap();
    let after = exposure(&apply(&b, &trade));
    let pct = 25_000.0 / after.net_liquidation * 100.0;
    assert!(pct > 24.0 && pct < 25.0, "{pct}");
    let by = |name: LimitName| result.checks.iter().find(|c| c.limit == name).unwrap();
    assert_eq!(by(LimitName::Position).status, Status::Violation, "{pct:.2}% > 20%");
    assert!(close(by(LimitName::Position).value_pct.unwrap(), pct, 1e-12));
    assert_eq!(by(LimitName::Name).status, Status::Warning, "{pct:.2}% within 20–25%");
    assert_eq!(by(LimitName::Sector).status, Status::Ok);
    assert!(close(result.after.free_cash, 100_500.0 - 25_000.0, 1e-12));
    assert_eq!(result.before.free_cash, 100_000.0);
    assert_eq!(result.before.name_pct, None, "nothing on KO before");
    assert_eq!(result.verdict, Verdict::Violations);
    assert!(by(LimitName::Position).message.contains("(limit 20.0%)"), "{}", by(LimitName::Position).message);

    // Two puts fit every limit: 10,000 ≈ 10% of the book.
    let small = Trade { quantity: -2.0, ..trade.clone() };
    let result = check(&b, &small, &Limits::default(), now()).unwrap();
    assert_eq!(result.verdict, Verdict::Approved, "{:#?}", result.checks);
}

#[test]
fn an_unknown_sector_cannot_pass_silently() {
    let b = book(vec![underlying("XYZ", 52.0, 0.01, None)], vec![], 100_000.0);
    let trade = Trade { underlying: 0, instrument: put(50.0), quantity: -1.0, price: 1.0, label: "XYZ 50 put".into() };
    let result = check(&b, &trade, &Limits::default(), now()).unwrap();
    let sector = result.checks.iter().find(|c| c.limit == LimitName::Sector).unwrap();
    assert_eq!((sector.status, sector.value_pct), (Status::Warning, None));
    assert!(sector.message.contains("wheelwright symbol note XYZ --sector"), "{}", sector.message);
    assert_eq!(result.verdict, Verdict::Warnings);
}

#[test]
fn a_trade_is_validated_before_it_is_judged() {
    let b = book(vec![underlying("KO", 52.0, 0.01, None)], vec![], 100_000.0);
    let trade = Trade { underlying: 0, instrument: put(50.0), quantity: 0.0, price: 1.0, label: "KO 50 put".into() };
    assert_eq!(check(&b, &trade, &Limits::default(), now()).unwrap_err().field, "trade.quantity");
    let trade = Trade { quantity: -1.0, price: -1.0, ..trade };
    assert_eq!(check(&b, &trade, &Limits::default(), now()).unwrap_err().field, "trade.price");
    let trade = Trade { price: 1.0, underlying: 3, ..trade };
    assert_eq!(check(&b, &trade, &Limits::default(), now()).unwrap_err().field, "trade.symbol");
}

#[test]
fn the_standing_book_is_judged_against_every_limit() {
    // NLV 100,000: 500 KO at 52 (26%), 100 PEP at 150 (15%), both Consumer Staples (41%).
    let b = book(
        vec![underlying("KO", 52.0, 0.01, Some("Consumer Staples")), underlying("PEP", 150.0, 0.01, Some("Consumer Staples"))],
        vec![shares(0, 500.0), shares(1, 100.0)],
        59_000.0,
    );
    let checks = wheelwright_risk::pretrade::standing_checks(&b, &Limits::default(), now()).unwrap();
    let status = |limit: LimitName, subject: Option<&str>| {
        checks
            .iter()
            .find(|c| c.limit == limit && c.subject.as_deref() == subject)
            .unwrap_or_else(|| panic!("{limit:?} {subject:?}"))
            .status
    };
    assert_eq!(status(LimitName::Position, Some("shares 0")), Status::Violation, "26% > 20%");
    assert_eq!(status(LimitName::Position, Some("shares 1")), Status::Ok, "15% < 16%");
    assert_eq!(status(LimitName::Name, Some("KO")), Status::Violation, "26% > 25%");
    assert_eq!(status(LimitName::Name, Some("PEP")), Status::Ok);
    assert_eq!(status(LimitName::Sector, Some("Consumer Staples")), Status::Violation, "41% > 40%");
    assert_eq!(status(LimitName::Delta, None), Status::Ok);
    assert_eq!(status(LimitName::DailyLoss, None), Status::Ok);
    assert_eq!(status(LimitName::Cash, None), Status::Ok);
    let kos = checks.iter().find(|c| c.limit == LimitName::Name && c.subject.as_deref() == Some("KO")).unwrap();
    assert_eq!(kos.message, "KO 26.0% of the book (limit 25.0%)");
    assert_eq!(checks.len(), 2 + 2 + 1 + 3);
}

#[test]
fn a_book_worth_nothing_or_less_is_a_breach_not_a_blank() {
    // 100 KO at 52 and 10,000 owed: net liquidation −4,800. No percentage means anything.
    let b = book(vec![underlying("KO", 52.0, 0.01, None)], vec![shares(0, 100.0)], -10_000.0);
    let checks = wheelwright_risk::pretrade::standing_checks(&b, &Limits::default(), now()).unwrap();
    let cash = checks.iter().find(|c| c.limit == LimitName::Cash).unwrap();
    assert_eq!(cash.status, Status::Violation);
    assert_eq!(cash.message, "Net liquidation value is -4800.00: the book is worth nothing or less");
    assert!(checks.iter().filter(|c| c.limit != LimitName::Cash).all(|c| c.status == Status::Warning && c.value_pct.is_none()));
}

#[test]
fn a_trade_on_a_book_worth_nothing_or_less_is_refused_as_a_violation() {
    let b = book(vec![underlying("KO", 52.0, 0.01, None)], vec![shares(0, 100.0)], -10_000.0);
    let trade = Trade { underlying: 0, instrument: put(50.0), quantity: -1.0, price: 1.0, label: "KO 50 put".into() };
    let verdict = check(&b, &trade, &Limits::default(), now()).unwrap();
    assert_eq!(verdict.verdict, wheelwright_risk::pretrade::Verdict::Violations);
    let cash = verdict.checks.iter().find(|c| c.limit == LimitName::Cash).unwrap();
    assert!(cash.message.starts_with("Net liquidation value is -"), "{}", cash.message);
}
