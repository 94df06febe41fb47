use chrono::{NaiveDate, TimeZone, Utc};
use wheelwright_alerts::*;
use wheelwright_domain::ledger::Side;
use wheelwright_domain::Right;

fn rule(id: i64, kind: RuleKind, symbol: Option<&str>, threshold: Option<f64>) -> Rule {
    Rule { id, kind, symbol: symbol.map(str::to_string), threshold, enabled: true, cooldown_minutes: 60 }
}

fn observed() -> Observations {
    // Monday 16 November 2026, 11:00 in New York.
    Observations { now: Utc.with_ymd_and_hms(2026, 11, 16, 16, 0, 0).unwrap(), ..Observations::default() }
}

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).unwrap()
}

fn price(symbol: &str, earlier: Option<f64>, last: f64, previous_close: Option<f64>, held: bool) -> PriceWatch {
    PriceWatch { symbol: symbol.into(), last, earlier, previous_close, held, date: day(11, 16) }
}

fn short_put(leg_id: i64, moneyness: f64, dte: i64) -> PositionWatch {
    PositionWatch {
        portfolio: "Main".into(),
        symbol: "KO".into(),
        leg_id,
        label: "KO Nov 20 2026 60 put".into(),
        right: Right::Put,
        side: Side::Short,
        expiry: day(11, 16) + chrono::Duration::days(dte),
        dte_calendar: dte,
        moneyness,
        moneyness_label: "ITM by 1.0%".into(),
        risk_high: false,
        risk_rule: "LOW: OTM by more than 3%".into(),
        max_profit_captured: None,
        early_assignment: None,
        next_earnings: None,
    }
}

fn keys(candidates: &[Candidate]) -> Vec<&str> {
    candidates.iter().map(|c| c.dedupe_key.as_str()).collect()
}

#[test]
fn a_level_is_crossed_when_it_lies_between_two_observations() {
    let rules = [rule(1, RuleKind::PriceCrosses, Some("AAPL"), Some(180.0))];
    let table = [
        (None, 185.0, None),               // the first observation crosses nothing
        (Some(179.99), 180.0, Some("up")), // reaching the level from below crosses it
        (Some(179.0), 181.0, Some("up")),
        (Some(180.0), 181.0, None), // starting on the level is not a crossing
        (Some(181.0), 180.0, Some("down")),
        (Some(182.0), 170.0, Some("down")),
        (Some(170.0), 179.99, None),
        (Some(181.0), 181.0, None),
    ];
    for (earlier, last, expected) in table {
        let mut o = observed();
        o.prices = vec![price("AAPL", earlier, last, None, true), price("MSFT", earlier, last, None, true)];
        let found = evaluate(&rules, &o);
        match expected {
            None => assert!(found.is_empty(), "{earlier:?} → {last}: {found:?}"),
            Some(direction) => {
                assert_eq!(keys(&found), [format!("price_crosses:1:AAPL:180:{direction}").as_str()], "{earlier:?} → {last}");
                assert_eq!(found[0].title, format!("AAPL crossed 180.00 {direction}"));
                assert_eq!(found[0].link, Link::Symbol { symbol: "AAPL".into() });
                assert_eq!(found[0].severity, Severity::Info);
            }
        }
    }
}

#[test]
fn a_daily_move_counts_either_way_from_the_previous_close_once_a_day() {
    let rules = [rule(2, RuleKind::DailyMove, None, Some(5.0))];
    let table = [(105.0, Some("up")), (104.99, None), (95.0, Some("down")), (95.01, None), (100.0, None)];
    for (last, expected) in table {
        let mut o = observed();
        o.prices = vec![price("KO", Some(100.0), last, Some(100.0), true), price("PEP", Some(100.0), last, Some(100.0), false)];
        let found = evaluate(&rules, &o);
        match expected {
            None => assert!(found.is_empty(), "{last}: {found:?}"),
            // Only the held symbol: a rule without a symbol watches open wheels.
            Some(d) => assert_eq!(keys(&found), [format!("daily_move:2:KO:2026-11-16:{d}").as_str()], "{last}"),
        }
    }
    // Named: that symbol, held or not; no previous close, no move.
    let named = [rule(3, RuleKind::DailyMove, Some("PEP"), Some(2.0))];
    let mut o = observed();
    o.prices = vec![price("PEP", None, 90.0, Some(100.0), false), price("KO", None, 90.0, None, true)];
    let found = evaluate(&named, &o);
    assert_eq!(keys(&found), ["daily_move:3:PEP:2026-11-16:down"]);
    assert_eq!(found[0].title, "PEP down 10.0% today");
    // A held symbol with a rule of its own is left to it: no second alert from the standing one.
    let both = [rule(2, RuleKind::DailyMove, None, Some(5.0)), rule(4, RuleKind::DailyMove, Some("KO"), Some(15.0))];
    let mut o = observed();
    o.prices = vec![price("KO", None, 90.0, Some(100.0), true), price("PEP", None, 90.0, Some(100.0), true)];
    assert_eq!(keys(&evaluate(&both, &o)), ["daily_move:2:PEP:2026-11-16:down"]);
}

#[test]
fn position_rules_at_their_edges() {
    let rules = [
        rule(10, RuleKind::InTheMoney, None, None),
        rule(11, RuleKind::ExpiringSoon, None, Some(2.0)),
        rule(12, RuleKind::TakeProfit, None, Some(50.0)),
        rule(13, RuleKind::RiskHigh, None, None),
        rule(14, RuleKind::EarlyAssignment, None, None),
    ];
    let mut at_the_strike = short_put(1, 0.0, 3);
    at_the_strike.max_profit_captured = Some(0.4999);
    let mut itm = short_put(2, -0.0001, 2);
    itm.max_profit_captured = Some(0.5);
    itm.risk_high = true;
    itm.risk_rule = "HIGH: ITM within 7 days".into();
    itm.early_assignment = Some("deep ITM put with 0.02 of time value".into());
    let mut long_itm = short_put(3, -0.2, 30);
    long_itm.side = Side::Long;
    long_itm.early_assignment = Some("not ours to be assigned".into());
    long_itm.max_profit_captured = Some(0.9);
    let expired_yesterday = short_put(4, 0.1, -1);
    let mut o = observed();
    o.positions = vec![at_the_strike, itm, long_itm, expired_yesterday];
    let found = evaluate(&rules, &o);
    assert_eq!(
        keys(&found),
        ["in_the_money:Main:2", "expiring_soon:Main:2", "take_profit:Main:2", "risk_high:Main:2", "early_assignment:Main:2"]
    );
    assert_eq!(found[0].body, "KO Nov 20 2026 60 put is in the money by 0.0% (2 days to expiry): assignment is likely if it stays there.");
    assert_eq!(found[1].title, "KO Nov 20 2026 60 put expires in 2 days");
    assert_eq!(found[2].body, "50% of the maximum profit is captured: buying it back now locks that in.");
    assert_eq!(found[3].body, "HIGH: ITM within 7 days");
    assert_eq!(found[3].severity, Severity::Critical);
    assert_eq!(found[0].link, Link::Wheel { portfolio: "Main".into(), symbol: "KO".into() });
}

#[test]
fn earnings_count_from_today_to_the_expiry_both_included() {
    let rules = [rule(20, RuleKind::Earnings, None, None)];
    for (earnings, expected) in [(day(11, 16), true), (day(11, 15), false), (day(11, 26), true), (day(11, 27), false)] {
        let mut p = short_put(5, 0.05, 10); // expires 26 November
        p.next_earnings = Some(earnings);
        let mut o = observed();
        o.positions = vec![p];
        let found = evaluate(&rules, &o);
        assert_eq!(found.len(), usize::from(expected), "{earnings}");
        if expected {
            assert_eq!(found[0].dedupe_key, format!("earnings:Main:5:{earnings}"));
        }
    }
}

#[test]
fn book_scan_broker_and_job_rules() {
    let rules = [
        rule(30, RuleKind::Opportunity, None, Some(30.0)),
        rule(31, RuleKind::LimitBreach, None, None),
        rule(32, RuleKind::TokenExpiry, None, None),
        rule(33, RuleKind::JobFailing, None, Some(3.0)),
    ];
    let mut o = observed();
    o.opportunities = vec![
        Opportunity { symbol: "KO".into(), label: "KO Dec 18 2026 60 put".into(), annualized_yield: 0.30, reason: "30% a year".into() },
        Opportunity { symbol: "PEP".into(), label: "PEP Dec 18 2026 140 put".into(), annualized_yield: 0.2999, reason: "".into() },
    ];
    o.breaches = vec![LimitBreach {
        portfolio: "Main".into(),
        limit: "daily_loss".into(),
        subject: None,
        message: "A 1-in-100 day's loss is 4.2%".into(),
    }];
    o.login = Some(LoginHealth { broker: "Schwab".into(), expired: true, message: "Log in again".into() });
    o.jobs = vec![
        JobHealth { job: "refresh-quotes".into(), failures_in_a_row: 3, last_error: Some("timeout".into()) },
        JobHealth { job: "daily-snapshots".into(), failures_in_a_row: 2, last_error: None },
    ];
    let found = evaluate(&rules, &o);
    assert_eq!(
        keys(&found),
        [
            "opportunity:KO:KO Dec 18 2026 60 put",
            "limit_breach:Main:daily_loss:",
            "token_expiry:Schwab:expired",
            "job_failing:refresh-quotes"
        ]
    );
    assert_eq!(found[1].title, "Main: daily loss limit breached");
    assert_eq!(found[1].link, Link::Risk { portfolio: "Main".into() });
    assert_eq!(found[2].severity, Severity::Critical, "an expired login is critical");
    assert_eq!(found[3].body, "3 failed runs in a row; the last: timeout");
    assert_eq!(found[3].link, Link::Scheduler { job: "refresh-quotes".into() });

    o.login = Some(LoginHealth { broker: "Schwab".into(), expired: false, message: "Log in again by Friday".into() });
    let expiring = evaluate(&rules[2..3], &o);
    assert_eq!((expiring[0].dedupe_key.as_str(), expiring[0].severity), ("token_expiry:Schwab:expiring", Severity::Warning));
}

#[test]
fn a_disabled_rule_raises_nothing() {
    let mut itm = rule(40, RuleKind::InTheMoney, None, None);
    itm.enabled = false;
    let mut o = observed();
    o.positions = vec![short_put(1, -0.5, 3)];
    assert!(evaluate(&[itm], &o).is_empty());
}
