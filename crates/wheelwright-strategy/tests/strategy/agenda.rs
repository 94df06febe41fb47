//! The agenda worked by hand: expirations grouped by day with the cash the puts would take and
//! the shares the calls would deliver (an option past its expiry still listed until settled); ex-dividend dates only for what is held or short calls.

use crate::support::*;
use wheelwright_domain::market::DividendInfo;
use wheelwright_domain::Action::{Buy, Sto};
use wheelwright_domain::Right;
use wheelwright_strategy::agenda::{ex_dividends, expirations};

fn dividend(ex_date: &str, amount: f64) -> DividendInfo {
    DividendInfo { amount, per_year: 4, next_ex_date: Some(d(ex_date)), annual_yield: None }
}

#[test]
fn expirations_group_by_day_with_what_assignment_would_move() {
    let ko = wheel("KO", &[("2026-11-02", Sto, Some((Right::Put, "66", "2026-12-04")), "2", "1.00")]);
    let pep = wheel(
        "PEP",
        &[("2026-11-02", Buy, None, "100", "140"), ("2026-11-03", Sto, Some((Right::Call, "150", "2026-12-04")), "1", "2.00")],
    );
    let t = wheel("T", &[("2026-11-02", Sto, Some((Right::Put, "25", "2026-12-18")), "3", "0.50")]);
    // Past the horizon: not listed.
    let xom = wheel("XOM", &[("2026-11-02", Sto, Some((Right::Put, "100", "2027-03-19")), "1", "2.00")]);
    // Past its expiry and still open (how it settled not recorded yet): listed first.
    let msft = wheel("MSFT", &[("2026-10-20", Sto, Some((Right::Put, "400", "2026-11-13")), "1", "5.00")]);
    let mut groups = expirations(&[t, pep, ko, xom, msft], d("2026-11-20"), 45);
    assert_eq!(groups.len(), 3);
    let overdue = groups.remove(0);
    assert_eq!((overdue.expiry, overdue.days, overdue.cash_if_assigned), (d("2026-11-13"), -7, 40_000.0));
    let first = &groups[0];
    assert_eq!((first.expiry, first.days), (d("2026-12-04"), 14));
    let legs: Vec<(&str, Right, f64, f64)> = first.legs.iter().map(|l| (l.symbol.as_str(), l.right, l.strike, l.contracts)).collect();
    assert_eq!(legs, [("KO", Right::Put, 66.0, 2.0), ("PEP", Right::Call, 150.0, 1.0)]);
    // 2 × 66 × 100 taken; 100 PEP delivered.
    assert_eq!((first.cash_if_assigned, first.shares_if_called), (13_200.0, 100.0));
    let second = &groups[1];
    assert_eq!((second.expiry, second.days, second.cash_if_assigned, second.shares_if_called), (d("2026-12-18"), 28, 7_500.0, 0.0));
}

#[test]
fn ex_dividend_dates_of_held_shares_and_short_calls_only() {
    // Shares and a call open over the ex-date: the call is named.
    let pep = wheel(
        "PEP",
        &[("2026-11-02", Buy, None, "200", "140"), ("2026-11-03", Sto, Some((Right::Call, "150", "2026-12-18")), "1", "2.00")],
    );
    // A call expiring before the ex-date is not at risk from it.
    let ko =
        wheel("KO", &[("2026-11-02", Buy, None, "100", "60"), ("2026-11-03", Sto, Some((Right::Call, "65", "2026-11-27")), "1", "0.80")]);
    // Only a short put: no shares, no dividend.
    let t = wheel("T", &[("2026-11-02", Sto, Some((Right::Put, "25", "2026-12-18")), "1", "0.50")]);
    // Ex-date beyond the horizon.
    let xom = wheel("XOM", &[("2026-11-02", Buy, None, "100", "100")]);
    let schedule = |symbol: &str| match symbol {
        "PEP" => Some(dividend("2026-12-05", 1.3550)),
        "KO" => Some(dividend("2026-11-30", 0.51)),
        "T" => Some(dividend("2026-12-01", 0.2775)),
        "XOM" => Some(dividend("2027-02-10", 0.99)),
        // Went ex two days ago, and the provider still says so: not ahead any more.
        "MO" => Some(dividend("2026-11-18", 1.02)),
        _ => None,
    };
    let infos: Vec<(String, DividendInfo)> =
        ["PEP", "KO", "T", "XOM", "MO"].iter().map(|s| (s.to_string(), schedule(s).unwrap())).collect();
    let mo = wheel("MO", &[("2026-11-02", Buy, None, "100", "55")]);
    let dates = ex_dividends(&[pep, ko, t, xom, mo], |s| infos.iter().find(|(k, _)| k == s).map(|(_, v)| v), d("2026-11-20"), 45);
    let seen: Vec<(&str, i64, f64, f64)> = dates.iter().map(|x| (x.symbol.as_str(), x.days, x.shares, x.income)).collect();
    assert_eq!(seen, [("KO", 10, 100.0, 51.0), ("PEP", 15, 200.0, 271.0)]);
    assert!(dates[0].calls_open_over_it.is_empty(), "the 65 call expires Nov 27, before the Nov 30 ex-date");
    assert_eq!(dates[1].calls_open_over_it, [150.0]);
}
