use crate::support::*;
use wheelwright_domain::Right;
use wheelwright_strategy::roll::*;

/// KO at 49; short 1 Dec 4 50 put sold at 1.20, now 2.30 × 2.50; the Dec 18 chain behind it.
fn ko_chain(bids_dec18: [(f64, f64); 4]) -> wheelwright_domain::market::OptionChain {
    let mut contracts = vec![contract("KO", Right::Put, 50.0, "2026-12-04", 2.30, 2.50, 500)];
    for (strike, (bid, ask)) in [50.0, 49.0, 48.0, 47.0].into_iter().zip(bids_dec18) {
        contracts.push(contract("KO", Right::Put, strike, "2026-12-18", bid, ask, 500));
    }
    chain(underlying("KO", 49.0), contracts)
}

#[test]
fn rolls_worked_by_hand() {
    let chain = ko_chain([(3.10, 3.30), (2.55, 2.70), (2.00, 2.15), (1.50, 1.65)]);
    let a = analyze("KO", &short(Right::Put, "50", "2026-12-04", "1", "1.20"), &chain).unwrap();
    assert_eq!(a.close_cost, 2.50);
    let kinds: Vec<(RollKind, f64)> = a.rolls.iter().map(|r| (r.kind, r.strike)).collect();
    // Credits first (same strike 3.10 − 2.50 = +0.60, 49: 2.55 − 2.50 = +0.05), then debits.
    assert_eq!(
        kinds,
        [(RollKind::SameStrike, 50.0), (RollKind::DownAndOut, 49.0), (RollKind::DownAndOut, 48.0), (RollKind::DownAndOut, 47.0)]
    );
    let same = &a.rolls[0];
    assert!((same.net - 0.60).abs() < 1e-12);
    // Mid net: 3.20 − 2.40.
    assert!((same.net_mid - 0.80).abs() < 1e-12);
    // Every credit of the position: 1.20 − 2.50 + 3.10 = 1.80 → breakeven 50 − 1.80 = 48.20.
    assert!((same.breakeven - 48.20).abs() < 1e-12);
    assert_eq!((same.days_added, same.capital_change), (14, 0.0));
    let down = &a.rolls[2];
    // 48: 2.00 − 2.50 = −0.50 (a debit); capital at risk (48 − 50) × 100 = −200; breakeven 48 − 0.70.
    assert!((down.net + 0.50).abs() < 1e-12);
    assert!((down.capital_change + 200.0).abs() < 1e-9);
    assert!((down.breakeven - 47.30).abs() < 1e-12);
    assert!(a.credit_available);
    assert_eq!(a.summary, "Roll to the Dec 18 50 for a 0.60 credit: 14 more days, breakeven 48.20");
    // Rolling further out for more credit raises the POP here: the breakeven moves down.
    assert!(same.pop_change.is_finite());
}

#[test]
fn no_credit_roll_is_said_plainly() {
    let chain = ko_chain([(2.40, 2.60), (2.00, 2.20), (1.60, 1.80), (1.20, 1.40)]);
    let a = analyze("KO", &short(Right::Put, "50", "2026-12-04", "1", "1.20"), &chain).unwrap();
    assert!(!a.credit_available);
    assert_eq!(a.summary, "No credit roll exists: the best costs a 0.10 debit a share.");
}

#[test]
fn calls_roll_up_and_out() {
    let contracts = vec![
        contract("KO", Right::Call, 50.0, "2026-12-04", 1.00, 1.10, 500),
        contract("KO", Right::Call, 50.0, "2026-12-18", 1.50, 1.60, 500),
        contract("KO", Right::Call, 51.0, "2026-12-18", 1.05, 1.15, 500),
        contract("KO", Right::Call, 49.0, "2026-12-18", 2.00, 2.10, 500),
    ];
    let a = analyze("KO", &short(Right::Call, "50", "2026-12-04", "1", "0.80"), &chain(underlying("KO", 50.2), contracts)).unwrap();
    let strikes: Vec<f64> = a.rolls.iter().map(|r| r.strike).collect();
    assert_eq!(strikes, [50.0, 51.0], "a call never rolls down");
    // Up and out to 51: 1.05 − 1.10 = −0.05; breakeven 51 + (0.80 − 1.10 + 1.05) = 51.75; shares cover it.
    assert!((a.rolls[1].breakeven - 51.75).abs() < 1e-12);
    assert_eq!(a.rolls[1].capital_change, 0.0);
}

#[test]
fn what_cannot_be_rolled_says_why() {
    let chain = ko_chain([(3.10, 3.30), (2.55, 2.70), (2.00, 2.15), (1.50, 1.65)]);
    let err = analyze("KO", &short(Right::Put, "45", "2026-12-04", "1", "1.20"), &chain).unwrap_err();
    assert_eq!(err.to_string(), "the chain has no two-sided quote for the 2026-12-04 45 put being rolled");
    let mut long = short(Right::Put, "50", "2026-12-04", "1", "1.20");
    long.side = wheelwright_domain::ledger::Side::Long;
    assert_eq!(analyze("KO", &long, &chain).unwrap_err(), RollError::NotShort);
}
