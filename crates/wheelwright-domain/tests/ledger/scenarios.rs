//! Hand-worked scenarios. Each comment shows the arithmetic a careful accountant would do; the
//! assertions check the replay reaches the same numbers to the cent (or beyond: totals are exact).

use crate::book::{call, d, n, put, Blotter, Contract};
use wheelwright_domain::ledger::{LotSource, RealizationKind, Term, WarningCode};
use wheelwright_domain::{Action::*, WheelState};

#[test]
fn put_expires_worthless() {
    let mut b = Blotter::default();
    let p = put("50", "2026-02-20");
    b.option("2026-01-05", Sto, &p, "1", "2.00", "0.65");
    // The broker posts the expiration on Monday; it is realized on the expiry date.
    b.option("2026-02-23", Expire, &p, "1", "0", "0");
    let book = b.book();
    let s = book.summary("AAPL");
    // 1 × 100 × 2.00 = 200.00 premium; realized 200.00 − 0.65 = 199.35.
    assert_eq!(s.state, WheelState::Idle);
    assert_eq!(s.premium_collected, n("200.00"));
    assert_eq!(s.net_option_cash, n("199.35"));
    assert_eq!(s.realized_pnl, n("199.35"));
    assert_eq!(s.fees, n("0.65"));
    assert_eq!(book.realizations[0].date, d("2026-02-20"));
    assert_eq!(book.realizations[0].kind, RealizationKind::OptionExpired);
    assert_eq!(book.cycles.len(), 1);
    assert_eq!(book.cycles[0].ended, Some(d("2026-02-23")));
    assert_eq!(s.adjusted_basis_per_share, None);
}

#[test]
fn put_closed_early_at_half_its_premium() {
    let mut b = Blotter::default();
    let p = put("45", "2026-03-20");
    b.option("2026-02-02", Sto, &p, "2", "1.50", "1.30");
    let open = b.book().summary("AAPL");
    assert_eq!(open.state, WheelState::PutOpen);
    // Breakeven while open: (2 × 4,500 − (300 − 1.30)) / 200 = 8,701.30 / 200 = 43.5065.
    assert_eq!(open.breakeven.unwrap().to_string(), "43.5065");
    b.option("2026-02-17", Btc, &p, "2", "0.75", "1.30");
    let s = b.book().summary("AAPL");
    // 2 × 100 × (1.50 − 0.75) = 150.00, less 1.30 + 1.30 fees = 147.40.
    assert_eq!(s.realized_pnl, n("147.40"));
    assert_eq!(s.net_option_cash, n("147.40"));
    assert_eq!(s.premium_collected, n("300.00"));
    assert_eq!(s.state, WheelState::Idle);
}

#[test]
fn put_assigned_then_call_expires_then_call_assigned() {
    let mut b = Blotter::default();
    let p = put("50", "2026-02-20");
    b.option("2026-01-05", Sto, &p, "1", "2.00", "0.65");
    b.option("2026-02-20", Assign, &p, "1", "0", "0");
    let s = b.book().summary("AAPL");
    // Lot basis = 50 × 100 × 1 − (200.00 − 0.65) + 0 = 4,800.65 → 48.0065 a share.
    // Assignment realizes nothing: the premium lives in the basis.
    assert_eq!(s.state, WheelState::Shares);
    assert_eq!(s.shares, n("100"));
    assert_eq!(s.lots[0].basis, n("4800.65"));
    assert_eq!(s.lots[0].tax_basis_per_share.to_string(), "48.0065");
    assert_eq!(s.lots[0].acquired, d("2026-02-20"));
    assert_eq!(s.realized_pnl, n("0"));
    // Pool = 5,000 strike cash − 199.35 net option cash = 4,800.65.
    assert_eq!(s.adjusted_basis_per_share.unwrap().to_string(), "48.0065");

    let c1 = call("52", "2026-03-20");
    b.option("2026-02-23", Sto, &c1, "1", "1.20", "0.65");
    let s = b.book().summary("AAPL");
    assert_eq!(s.state, WheelState::SharesCallOpen);
    // The call premium does not touch the tax basis, but lowers the adjusted basis:
    // 4,800.65 − 119.35 = 4,681.30 → 46.8130.
    assert_eq!(s.lots[0].tax_basis_per_share.to_string(), "48.0065");
    assert_eq!(s.adjusted_basis_per_share.unwrap().to_string(), "46.8130");
    b.option("2026-03-20", Expire, &c1, "1", "0", "0");
    assert_eq!(b.book().summary("AAPL").realized_pnl, n("119.35"));

    let c2 = call("50", "2026-04-17");
    b.option("2026-03-23", Sto, &c2, "1", "1.00", "0.65");
    b.option("2026-04-17", Assign, &c2, "1", "0", "0");
    let book = b.book();
    let s = book.summary("AAPL");
    // Amount realized = 5,000 + 100 − 0.65 = 5,099.35; gain = 5,099.35 − 4,800.65 = 298.70.
    assert_eq!(book.disposals.len(), 1);
    assert_eq!(book.disposals[0].gain, n("298.70"));
    assert_eq!(book.disposals[0].term, Term::Short);
    // Realized = 119.35 (expired call) + 298.70 (called away) = 418.05 = the cycle's net cash.
    assert_eq!(s.realized_pnl, n("418.05"));
    assert_eq!(s.net_cash, n("418.05"));
    assert_eq!(s.premium_collected, n("420.00"));
    assert_eq!(s.state, WheelState::Idle);
    assert!(s.lots.is_empty());
    assert_eq!(book.cycles.len(), 1);
    assert_eq!(book.cycles[0].ended, Some(d("2026-04-17")));
    assert_eq!(book.cycles[0].realized_pnl, n("418.05"));
}

#[test]
fn roll_out_and_down_for_a_credit() {
    let mut b = Blotter::default();
    let p1 = put("50", "2026-02-20");
    let p2 = put("48", "2026-03-20");
    b.option("2026-01-05", Sto, &p1, "1", "2.00", "0.65");
    // One roll: buy back the 50 put, sell the 48 put a month out. The BTC comes first and leaves
    // the wheel flat for a moment; the roll id keeps the cycle open.
    b.option_rolled("2026-02-10", Btc, &p1, "1", "3.00", "0.65", Some("R1"));
    b.option_rolled("2026-02-10", Sto, &p2, "1", "3.40", "0.65", Some("R1"));
    let book = b.book();
    // Closed leg: 200 − 300 − 0.65 − 0.65 = −101.30, realized now.
    assert_eq!(book.realized_pnl(), n("-101.30"));
    // Roll net: −300.65 + 339.35 = +38.70 credit.
    assert_eq!(book.rolls.len(), 1);
    assert_eq!(book.rolls[0].net, n("38.70"));
    assert_eq!(book.rolls[0].chain_net, n("38.70"));
    assert_eq!(book.cycles.len(), 1);
    assert_eq!(book.state(), WheelState::PutOpen);

    // Rolled again, the chain's running total accumulates: −150.65 + 249.35 = +98.70.
    let p3 = put("47", "2026-04-17");
    b.option_rolled("2026-03-13", Btc, &p2, "1", "1.50", "0.65", Some("R2"));
    b.option_rolled("2026-03-13", Sto, &p3, "1", "2.50", "0.65", Some("R2"));
    b.option("2026-04-17", Expire, &p3, "1", "0", "0");
    let book = b.book();
    assert_eq!(book.rolls[1].net, n("98.70"));
    assert_eq!(book.rolls[1].chain_net, n("137.40"));
    // −101.30 + (340 − 150 − 1.30 = 188.70) + (250 − 0.65 = 249.35) = 336.75.
    assert_eq!(book.realized_pnl(), n("336.75"));
    assert_eq!(book.cycles.len(), 1);
    assert_eq!(book.state(), WheelState::Idle);
}

#[test]
fn roll_for_a_debit_then_assigned() {
    let mut b = Blotter::default();
    let p1 = put("50", "2026-02-20");
    let p2 = put("45", "2026-04-17");
    b.option("2026-01-05", Sto, &p1, "1", "2.00", "0.65");
    b.option_rolled("2026-02-18", Btc, &p1, "1", "4.00", "0.65", Some("R1"));
    b.option_rolled("2026-02-18", Sto, &p2, "1", "3.50", "0.65", Some("R1"));
    let book = b.book();
    // Net: −400.65 + 349.35 = −51.30, a debit.
    assert_eq!(book.rolls[0].net, n("-51.30"));
    // The rolled leg is realized: 200 − 400 − 1.30 = −201.30.
    assert_eq!(book.realized_pnl(), n("-201.30"));
    b.option("2026-04-17", Assign, &p2, "1", "0", "0");
    let s = b.book().summary("AAPL");
    // Only the assigned leg's premium enters the basis: 4,500 − (350 − 0.65) = 4,150.65.
    assert_eq!(s.lots[0].basis, n("4150.65"));
    assert_eq!(s.lots[0].tax_basis_per_share.to_string(), "41.5065");
    // Adjusted basis counts every leg of the cycle: 4,500 − (199.35 − 400.65 + 349.35 = 148.05)
    // = 4,351.95 → 43.5195.
    assert_eq!(s.adjusted_basis_per_share.unwrap().to_string(), "43.5195");
    assert_eq!(s.realized_pnl, n("-201.30"));
}

#[test]
fn partial_close_of_three_of_five_contracts() {
    let mut b = Blotter::default();
    let p = put("30", "2026-05-15");
    b.option("2026-04-01", Sto, &p, "5", "1.00", "3.26");
    b.option("2026-04-20", Btc, &p, "3", "0.40", "1.95");
    let s = b.book().summary("AAPL");
    // Opening fees pro rata: 3.26 × 3/5 = 1.956 → 1.96 to this close.
    // Realized: 3 × 100 × (1.00 − 0.40) = 180.00 − 1.96 − 1.95 = 176.09.
    assert_eq!(s.realized_pnl, n("176.09"));
    assert_eq!(s.open_options.len(), 1);
    assert_eq!(s.open_options[0].contracts, n("2"));
    assert_eq!(s.state, WheelState::PutOpen);
    b.option("2026-05-15", Expire, &p, "2", "0", "0");
    let book = b.book();
    // The remainder of the opening fees goes to the last close: 3.26 − 1.96 = 1.30.
    // Realized: 2 × 100 × 1.00 − 1.30 = 198.70; total 176.09 + 198.70 = 374.79.
    assert_eq!(book.legs[0].closes[1].open_fee_share, n("1.30"));
    assert_eq!(book.realized_pnl(), n("374.79"));
    assert_eq!(book.premium_collected, n("500.00"));
}

#[test]
fn two_assignments_at_different_strikes_then_called_away_fifo() {
    let mut b = Blotter::default();
    let p50 = put("50", "2026-02-20");
    let p45 = put("45", "2026-03-20");
    b.option("2026-01-05", Sto, &p50, "1", "2.00", "0");
    b.option("2026-02-20", Assign, &p50, "1", "0", "0");
    b.option("2026-02-23", Sto, &p45, "1", "1.50", "0");
    b.option("2026-03-20", Assign, &p45, "1", "0", "0");
    let s = b.book().summary("AAPL");
    // Lot A: 5,000 − 200 = 4,800 (48.00); lot B: 4,500 − 150 = 4,350 (43.50).
    assert_eq!(s.shares, n("200"));
    assert_eq!(s.lots.iter().map(|l| l.tax_basis_per_share.to_string()).collect::<Vec<_>>(), ["48.0000", "43.5000"]);
    // Pool: −200 + 5,000 − 150 + 4,500 = 9,150 → 45.75.
    assert_eq!(s.adjusted_basis_per_share.unwrap().to_string(), "45.7500");

    let c48 = call("48", "2026-04-17");
    b.option("2026-03-23", Sto, &c48, "1", "1.00", "0");
    b.option("2026-04-17", Assign, &c48, "1", "0", "0");
    let book = b.book();
    let s = book.summary("AAPL");
    // FIFO: lot A (the older) goes. Amount realized 4,800 + 100 = 4,900; gain 4,900 − 4,800 = 100.
    assert_eq!(book.disposals[0].lot_id, 2);
    assert_eq!(book.disposals[0].gain, n("100"));
    assert_eq!(s.lots.len(), 1);
    assert_eq!(s.lots[0].tax_basis_per_share.to_string(), "43.5000");
    // Pool after the call: 9,150 − 100 = 9,050; the sale of half the shares halves it: 4,525.
    assert_eq!(s.adjusted_basis_per_share.unwrap().to_string(), "45.2500");
    assert_eq!(s.state, WheelState::Shares);

    let c46 = call("46", "2026-05-15");
    b.option("2026-04-20", Sto, &c46, "1", "0.80", "0");
    b.option("2026-05-15", Assign, &c46, "1", "0", "0");
    let s = b.book().summary("AAPL");
    // Lot B: 4,600 + 80 − 4,350 = 330. Total 100 + 330 = 430.
    assert_eq!(s.realized_pnl, n("430"));
    assert_eq!(s.state, WheelState::Idle);
}

#[test]
fn dividend_while_holding_shares() {
    let mut b = Blotter::default();
    let p = put("50", "2026-02-20");
    b.option("2026-01-05", Sto, &p, "1", "2.00", "0");
    b.option("2026-02-20", Assign, &p, "1", "0", "0");
    // 100 shares × 0.24 = 24.00 gross, 15% withholding 0.036 recorded as the fee: 23.964 net.
    b.shares("2026-03-02", Dividend, "100", "0.24", "0.036");
    let book = b.book();
    let s = book.summary("AAPL");
    assert_eq!(s.dividends.to_string(), "23.964");
    assert_eq!(s.realized_pnl.to_string(), "23.964");
    assert_eq!(book.realizations[0].kind, RealizationKind::Dividend);
    // Not premium, and not in the tax basis.
    assert_eq!(s.premium_collected, n("200"));
    assert_eq!(s.lots[0].tax_basis_per_share.to_string(), "48.0000");
    // Adjusted: 4,800 − 23.964 = 4,776.036 → 47.76036 → 47.7604 (half-even).
    assert_eq!(s.adjusted_basis_per_share.unwrap().to_string(), "47.7604");
    assert_eq!(book.cycles[0].dividends.to_string(), "23.964");
}

#[test]
fn fees_on_every_fill() {
    let mut b = Blotter::default();
    let p = put("50", "2026-02-20");
    let c = call("52", "2026-03-20");
    b.option("2026-01-05", Sto, &p, "1", "2.00", "0.66");
    // An assignment fee of 5.00 goes into the lot's basis.
    b.option("2026-02-20", Assign, &p, "1", "0", "5.00");
    let s = b.book().summary("AAPL");
    // 5,000 − (200 − 0.66) + 5.00 = 4,805.66.
    assert_eq!(s.lots[0].basis, n("4805.66"));
    assert_eq!(s.realized_pnl, n("0"));
    b.option("2026-02-23", Sto, &c, "1", "1.50", "0.66");
    b.option("2026-03-06", Btc, &c, "1", "0.50", "0.66");
    b.shares("2026-03-09", Sell, "100", "53", "0.02");
    b.fee("2026-03-31", "1.50");
    let book = b.book();
    let s = book.summary("AAPL");
    // Call: 150 − 50 − 0.66 − 0.66 = 98.68. Shares: 5,300 − 0.02 − 4,805.66 = 494.32.
    // Platform fee −1.50. Total 591.50, equal to the net cash of the wheel.
    assert_eq!(book.disposals[0].gain, n("494.32"));
    assert_eq!(s.realized_pnl, n("591.50"));
    assert_eq!(s.net_cash, n("591.50"));
    // Every fee: 0.66 + 5.00 + 0.66 + 0.66 + 0.02 + 1.50 = 8.50.
    assert_eq!(s.fees, n("8.50"));
    // Option fees only (assignment fee is a share fee): 199.34 + 149.34 − 50.66 = 298.02.
    assert_eq!(s.net_option_cash, n("298.02"));
}

#[test]
fn adjusted_contract_never_assumes_one_hundred() {
    // After a 3-for-2 split a 60 put delivers 150 shares for 6,000 (40 a share).
    let mut b = Blotter::default();
    let p = Contract { right: wheelwright_domain::Right::Put, strike: "60", expiry: "2026-06-19", multiplier: "100", deliverable: "150" };
    b.option("2026-05-01", Sto, &p, "1", "3.00", "0");
    b.option("2026-06-19", Assign, &p, "1", "0", "0");
    let s = b.book().summary("AAPL");
    // Basis 6,000 − 300 = 5,700 over 150 shares = 38.00.
    assert_eq!(s.shares, n("150"));
    assert_eq!(s.lots[0].basis, n("5700"));
    assert_eq!(s.lots[0].tax_basis_per_share.to_string(), "38.0000");
    assert_eq!(s.net_cash, n("-5700"));
}

#[test]
fn long_call_exercised_and_long_put_exercised() {
    let mut b = Blotter::default();
    let c = call("40", "2026-06-19");
    b.option("2026-05-01", Bto, &c, "1", "2.00", "0.65");
    // Long options never change the state.
    assert_eq!(b.book().state(), WheelState::Idle);
    b.option("2026-06-19", Exercise, &c, "1", "0", "0");
    let book = b.book();
    // Basis = 4,000 + 200 + 0.65 = 4,200.65.
    assert_eq!(book.lots[0].basis, n("4200.65"));
    assert_eq!(book.lots[0].source, LotSource::CallExercise);
    let lp = put("45", "2026-07-17");
    b.option("2026-06-22", Bto, &lp, "1", "1.00", "0.65");
    b.option("2026-07-17", Exercise, &lp, "1", "0", "0");
    let book = b.book();
    // Amount realized = 4,500 − 100 − 0.65 = 4,399.35; gain = 4,399.35 − 4,200.65 = 198.70.
    assert_eq!(book.disposals[0].gain, n("198.70"));
    assert_eq!(book.realized_pnl(), n("198.70"));
    assert_eq!(book.state(), WheelState::Idle);
}

#[test]
fn partial_assignment_leaves_the_rest_open() {
    let mut b = Blotter::default();
    let p = put("20", "2026-05-15");
    b.option("2026-04-01", Sto, &p, "3", "0.50", "1.00");
    b.option("2026-05-15", Assign, &p, "2", "0", "0");
    let s = b.book().summary("AAPL");
    // Fee share for 2 of 3: 1.00 × 2/3 = 0.6667 → 0.67. Basis 4,000 − (100 − 0.67) = 3,900.67.
    assert_eq!(s.lots[0].basis, n("3900.67"));
    assert_eq!(s.state, WheelState::SharesPutOpen);
    assert_eq!(s.open_options[0].contracts, n("1"));
    b.option("2026-05-15", Expire, &p, "1", "0", "0");
    // The last contract expires: 50 − 0.33 = 49.67.
    assert_eq!(b.book().realized_pnl(), n("49.67"));
}

#[test]
fn a_new_put_after_a_full_cycle_starts_cycle_two() {
    let mut b = Blotter::default();
    let p = put("50", "2026-02-20");
    b.option("2026-01-05", Sto, &p, "1", "2.00", "0");
    b.option("2026-02-20", Expire, &p, "1", "0", "0");
    let p2 = put("50", "2026-03-20");
    b.option("2026-02-23", Sto, &p2, "1", "1.00", "0");
    let book = b.book();
    assert_eq!(book.cycles.len(), 2);
    assert_eq!(book.summary("AAPL").cycle, Some(2));
    assert_eq!(book.cycles[1].premium_collected, n("100"));
    assert_eq!((book.cycles[0].fills.clone(), book.cycles[1].fills.clone()), (vec![1, 2], vec![3]), "each cycle's own fills");
}

#[test]
fn share_loss_with_a_repurchase_is_flagged_as_a_probable_wash_sale() {
    let mut b = Blotter::default();
    b.shares("2026-01-05", Buy, "100", "50", "0");
    b.shares("2026-03-02", Sell, "100", "45", "0");
    b.shares("2026-03-16", Buy, "100", "44", "0");
    let book = b.book();
    assert_eq!(book.disposals[0].gain, n("-500"));
    assert!(book.disposals[0].wash_sale_probable);
    assert_eq!(book.warnings[0].code, WarningCode::WashSaleProbable);
    // Two cycles: the first ended with the sale.
    assert_eq!(book.cycles.len(), 2);

    let mut clean = Blotter::default();
    clean.shares("2026-01-05", Buy, "100", "50", "0");
    clean.shares("2026-03-02", Sell, "100", "45", "0");
    clean.shares("2026-04-16", Buy, "100", "44", "0");
    assert!(!clean.book().disposals[0].wash_sale_probable);
}

#[test]
fn naked_call_is_booked_with_a_warning_and_an_uncovered_state() {
    let mut b = Blotter::default();
    b.shares("2026-01-05", Buy, "50", "50", "0");
    let c = call("55", "2026-02-20");
    b.option("2026-01-06", Sto, &c, "1", "1.00", "0");
    let book = b.book();
    assert_eq!(book.warnings.len(), 1);
    assert_eq!(book.warnings[0].code, WarningCode::NakedCall);
    assert!(book.warnings[0].message.contains("50 shares are naked"), "{}", book.warnings[0].message);
    assert_eq!(book.state(), WheelState::UncoveredCalls);
}
