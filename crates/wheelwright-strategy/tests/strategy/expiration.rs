//! Expiration day worked by hand: which options expire, are assigned or called away at the
//! current price, the cash and shares that move, shortfalls, and pin risk at its edge.

use crate::support::*;
use std::collections::BTreeMap;
use wheelwright_domain::Action::{Buy, Sto};
use wheelwright_domain::Right;
use wheelwright_strategy::expiration::{expiration_day, Outcome, DEFAULT_PIN_DISTANCE};

fn spots(pairs: &[(&str, f64)]) -> BTreeMap<String, f64> {
    pairs.iter().map(|(s, p)| (s.to_string(), *p)).collect()
}

#[test]
fn the_next_expiration_settles_at_the_current_price() {
    let ko = wheel("KO", &[("2026-11-02", Sto, Some((Right::Put, "66", "2026-12-04")), "2", "1.00")]);
    let pep = wheel(
        "PEP",
        &[("2026-11-02", Buy, None, "100", "140"), ("2026-11-03", Sto, Some((Right::Call, "150", "2026-12-04")), "1", "2.00")],
    );
    // A later expiry is not part of this expiration day.
    let t = wheel("T", &[("2026-11-02", Sto, Some((Right::Put, "25", "2026-12-18")), "1", "0.50")]);
    let day = expiration_day(
        &[ko, pep, t],
        &spots(&[("KO", 65.0), ("PEP", 152.0), ("T", 20.0)]),
        20_000.0,
        d("2026-11-20"),
        DEFAULT_PIN_DISTANCE,
    )
    .unwrap();
    assert_eq!(day.expiry, d("2026-12-04"));
    assert_eq!(day.options.len(), 2);
    let ko = &day.options[0];
    assert_eq!((ko.outcome, ko.cash_change, ko.shares_change), (Outcome::Assigned, -13_200.0, 200.0));
    assert_eq!(ko.summary, "Assigned: buy 200 KO at 66 (13200.00)");
    let pep = &day.options[1];
    assert_eq!((pep.outcome, pep.cash_change, pep.shares_change), (Outcome::CalledAway, 15_000.0, -100.0));
    assert_eq!((day.cash_needed, day.cash_received, day.cash_after), (13_200.0, 15_000.0, 21_800.0));
    let after: Vec<(&str, f64)> = day.shares.iter().map(|s| (s.symbol.as_str(), s.after)).collect();
    assert_eq!(after, [("KO", 200.0), ("PEP", 0.0)]);
    assert!(day.shortfalls.is_empty(), "{:?}", day.shortfalls);
    // 65 vs 66: 1.54% away; 152 vs 150: 1.32% — neither within 1%.
    assert_eq!(day.pinned, 0);
}

#[test]
fn out_of_the_money_expires_and_pin_risk_starts_at_the_distance() {
    let ko = wheel("KO", &[("2026-11-02", Sto, Some((Right::Put, "100", "2026-12-04")), "1", "1.00")]);
    // Spot 101: 0.99% above the strike, within the 1% distance — pinned.
    let day = expiration_day(std::slice::from_ref(&ko), &spots(&[("KO", 101.0)]), 10_000.0, d("2026-11-20"), 0.01).unwrap();
    let o = &day.options[0];
    assert_eq!((o.outcome, o.cash_change), (Outcome::ExpiresWorthless, 0.0));
    assert!(o.pin_risk, "{}", o.distance);
    assert_eq!(o.summary, "Expires worthless (out of the money by 1.0%)");
    let day = expiration_day(std::slice::from_ref(&ko), &spots(&[("KO", 102.0)]), 10_000.0, d("2026-11-20"), 0.01).unwrap();
    assert!(!day.options[0].pin_risk, "1.96% away");
    // At the strike exactly: not in the money, so it expires — and it is pinned.
    let day = expiration_day(std::slice::from_ref(&ko), &spots(&[("KO", 100.0)]), 10_000.0, d("2026-11-20"), 0.01).unwrap();
    assert_eq!(day.options[0].outcome, Outcome::ExpiresWorthless);
    assert!(day.options[0].pin_risk);
}

#[test]
fn cash_and_shares_short_of_the_settlement_are_named() {
    let ko = wheel("KO", &[("2026-11-02", Sto, Some((Right::Put, "66", "2026-12-04")), "2", "1.00")]);
    let naked = wheel("F", &[("2026-11-02", Sto, Some((Right::Call, "10", "2026-12-04")), "1", "0.20")]);
    let day = expiration_day(&[ko, naked], &spots(&[("KO", 60.0), ("F", 12.0)]), 5_000.0, d("2026-11-20"), 0.01).unwrap();
    assert_eq!(day.cash_after, 5_000.0 - 13_200.0 + 1_000.0);
    assert_eq!(day.shortfalls.len(), 2, "{:?}", day.shortfalls);
    assert!(day.shortfalls[0].contains("7200.00 short"), "{}", day.shortfalls[0]);
    assert!(day.shortfalls[1].starts_with("F: 100 shares would be delivered but 0 are held"), "{}", day.shortfalls[1]);
}

#[test]
fn no_open_option_means_no_expiration_day() {
    let idle = wheel("KO", &[("2026-11-02", Buy, None, "100", "60")]);
    assert!(expiration_day(&[idle], &spots(&[("KO", 60.0)]), 0.0, d("2026-11-20"), 0.01).is_none());
}
