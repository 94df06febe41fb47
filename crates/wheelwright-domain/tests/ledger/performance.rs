//! Performance worked by hand on one wheel through four cycles — an expired put, a put bought
//! back, a put assigned and its shares called away, a losing buy-back — then a standalone fee.
//! Every figure below is written out from the fills.

use crate::book::{call, d, n, put, Blotter};
use rust_decimal::Decimal;
use wheelwright_domain::performance::{performance, unrealized, Performance, Period, WheelInput};
use wheelwright_domain::{Action, WheelBook};

/// The four cycles. Collateral-days: put 150 × 11 days = 165,000; put 145 × 21 = 304,500; put 140
/// × 36 = 504,000; the lot's basis 13,750.65 × 28 days to the call-away = 385,018.20; put 150 × 4
/// = 60,000 — 1,418,518.20 in all.
fn four_cycles() -> Blotter {
    let mut b = Blotter::default();
    b.option("2026-01-05", Action::Sto, &put("150", "2026-01-16"), "1", "2.00", "0.65");
    b.option("2026-01-16", Action::Expire, &put("150", "2026-01-16"), "1", "0", "0"); // +199.35
    b.option("2026-01-20", Action::Sto, &put("145", "2026-02-20"), "1", "3.00", "0.65");
    b.option("2026-02-10", Action::Btc, &put("145", "2026-02-20"), "1", "1.00", "0.65"); // +198.70
    b.option("2026-02-12", Action::Sto, &put("140", "2026-03-20"), "1", "2.50", "0.65");
    b.option("2026-03-20", Action::Assign, &put("140", "2026-03-20"), "1", "0", "0"); // lot 13,750.65
    b.option("2026-03-23", Action::Sto, &call("145", "2026-04-17"), "1", "1.50", "0.65");
    b.option("2026-04-17", Action::Assign, &call("145", "2026-04-17"), "1", "0", "0"); // 14,649.35 − 13,750.65 = +898.70
    b.option("2026-04-20", Action::Sto, &put("150", "2026-05-15"), "1", "2.00", "0.65");
    b.option("2026-04-24", Action::Btc, &put("150", "2026-05-15"), "1", "4.00", "0.65"); // 200 − 400 − 1.30 = −201.30
    b.fee("2026-05-05", "5.00");
    b
}

fn report(b: &Blotter, book: &WheelBook, period: Period) -> Performance {
    let wheel = WheelInput { portfolio: "Main", symbol: "AAPL", fills: &b.fills, book, unrealized: Some(Decimal::ZERO) };
    performance(&[wheel], period)
}

fn close(a: Option<f64>, b: f64) {
    let a = a.expect("a figure");
    assert!((a - b).abs() < 1e-9, "{a} vs {b}");
}

#[test]
fn a_wheels_whole_life_worked_by_hand() {
    let b = four_cycles();
    let book = b.book();
    let p = report(&b, &book, Period { from: None, to: d("2026-05-31") });
    let t = &p.total;
    assert_eq!(t.premium_collected, n("1100")); // 200 + 300 + 250 + 150 + 200
    assert_eq!(t.realized_pnl, n("1090.45")); // 199.35 + 198.70 + 898.70 − 201.30 − 5
    assert_eq!(t.fees, n("9.55")); // seven 0.65 option fees + the 5.00 fee
    assert_eq!((t.legs.wins, t.legs.losses, t.legs.even, t.legs_assigned), (3, 1, 0, 1));
    close(t.legs.win_rate, 0.75);
    assert_eq!((t.cycles.wins, t.cycles.losses), (3, 1)); // cycle 4 lost 206.30 with the fee
    close(t.cycles.win_rate, 0.75);
    assert_eq!(t.short_legs_opened, 5);
    assert_eq!(t.average_premium, Some(n("220")));
    close(t.average_days_in_trade, 97.0 / 5.0); // 11 + 21 + 36 + 25 + 4
    assert_eq!(t.collateral_days, n("1418518.20"));
    close(t.annualized_return_on_collateral, 1090.45 / 1_418_518.20 * 365.0);
    assert_eq!(p.wheels.len(), 1);
    assert_eq!(p.wheels[0].figures, p.total);

    let best: Vec<(u32, Decimal)> = p.best_cycles.iter().map(|c| (c.number, c.realized_pnl)).collect();
    assert_eq!(best, vec![(3, n("898.70")), (1, n("199.35")), (2, n("198.70"))]);
    assert_eq!(p.worst_cycles.len(), 1, "cycles 3, 1 and 2 are the best; only cycle 4 is left");
    assert_eq!(p.worst_cycles[0].number, 4);
    assert_eq!(p.worst_cycles[0].realized_pnl, n("-206.30"));
    let third = &p.best_cycles[0];
    assert_eq!((third.started, third.ended, third.days), (d("2026-02-12"), d("2026-04-17"), 64));
    // The put's 504,000 dollar-days and the lot's 385,018.20; the covered call adds none.
    close(third.annualized_return_on_collateral, 898.70 / 889_018.20 * 365.0);
    close(p.best_cycles[1].annualized_return_on_collateral, 199.35 / 165_000.0 * 365.0);
}

#[test]
fn monthly_income_in_both_views_reconciles_with_the_ledger() {
    let b = four_cycles();
    let book = b.book();
    let p = report(&b, &book, Period { from: None, to: d("2026-05-31") });
    let rows: Vec<(&str, Decimal, Decimal, Decimal, Decimal, Decimal)> =
        p.months.iter().map(|m| (m.month.as_str(), m.realized, m.premium, m.buybacks, m.fees, m.cash_flow)).collect();
    assert_eq!(
        rows,
        vec![
            ("2026-01", n("199.35"), n("500"), n("0"), n("1.30"), n("498.70")),
            ("2026-02", n("198.70"), n("250"), n("100"), n("1.30"), n("148.70")),
            ("2026-03", n("0"), n("150"), n("0"), n("0.65"), n("149.35")), // the assignment realizes nothing
            ("2026-04", n("697.40"), n("200"), n("400"), n("1.30"), n("-201.30")),
            ("2026-05", n("-5"), n("0"), n("0"), n("5"), n("-5")),
        ]
    );
    let realized: Decimal = p.months.iter().map(|m| m.realized).sum();
    assert_eq!(realized, book.realized_pnl());
    // Cash-flow view over the whole life = net option cash + the standalone fee's cash.
    let cash_flow: Decimal = p.months.iter().map(|m| m.cash_flow).sum();
    assert_eq!(cash_flow, book.net_option_cash - n("5"));
}

#[test]
fn a_period_counts_only_what_falls_inside_it() {
    let b = four_cycles();
    let book = b.book();
    let p = report(&b, &book, Period { from: Some(d("2026-02-01")), to: d("2026-03-31") });
    let t = &p.total;
    assert_eq!(t.premium_collected, n("400")); // the 140 put and the call; the 20 Jan put opened before
    assert_eq!(t.realized_pnl, n("198.70"));
    assert_eq!(t.fees, n("1.95"));
    assert_eq!((t.legs.wins, t.legs.losses, t.legs_assigned), (1, 0, 1));
    close(t.average_days_in_trade, (21.0 + 36.0) / 2.0);
    assert_eq!((t.cycles.wins, t.cycles.losses), (1, 0));
    // 9 of the 145 put's days (from 1 Feb), the 140 put's 36, the lot's 12 days to 31 Mar.
    assert_eq!(t.collateral_days, n("130500") + n("504000") + n("165007.80"));
    assert_eq!(p.best_cycles.iter().map(|c| c.number).collect::<Vec<_>>(), vec![2]);
    assert_eq!(p.months.iter().map(|m| m.month.as_str()).collect::<Vec<_>>(), vec!["2026-02", "2026-03"]);
}

#[test]
fn a_leg_partly_assigned_and_partly_bought_back_counts_its_loss_too() {
    let mut b = Blotter::default();
    b.option("2026-06-01", Action::Sto, &put("100", "2026-06-19"), "2", "2.00", "0");
    b.option("2026-06-18", Action::Btc, &put("100", "2026-06-19"), "1", "5.00", "0"); // 200 − 500 = −300
    b.option("2026-06-19", Action::Assign, &put("100", "2026-06-19"), "1", "0", "0");
    let book = b.book();
    let p = report(&b, &book, Period { from: None, to: d("2026-06-30") });
    assert_eq!((p.total.legs.wins, p.total.legs.losses, p.total.legs_assigned), (0, 1, 1));
    assert_eq!(p.total.legs.win_rate, Some(0.0));
}

#[test]
fn a_same_day_trade_ties_up_collateral_for_one_day() {
    let mut b = Blotter::default();
    b.option("2026-06-01", Action::Sto, &put("100", "2026-06-19"), "2", "1.00", "0");
    b.option("2026-06-01", Action::Btc, &put("100", "2026-06-19"), "2", "0.50", "0");
    let book = b.book();
    let p = report(&b, &book, Period { from: None, to: d("2026-06-30") });
    assert_eq!(p.total.collateral_days, n("20000")); // 100 × 100 × 2 × one day, not zero
    close(p.total.annualized_return_on_collateral, 100.0 / 20_000.0 * 365.0);
    close(p.total.average_days_in_trade, 0.0);
}

#[test]
fn nothing_closed_leaves_rates_empty_and_an_open_put_counts_through_the_period() {
    let mut b = Blotter::default();
    b.option("2026-06-01", Action::Sto, &put("100", "2026-06-19"), "1", "1.00", "0.65");
    let book = b.book();
    let p = report(&b, &book, Period { from: None, to: d("2026-06-10") });
    assert_eq!(p.total.legs.win_rate, None);
    assert_eq!(p.total.cycles.win_rate, None);
    assert_eq!(p.total.average_days_in_trade, None);
    assert_eq!(p.total.collateral_days, n("100000")); // 10,000 × 1–10 June
    assert_eq!(p.total.annualized_return_on_collateral, Some(0.0));
    assert!(p.best_cycles.is_empty() && p.worst_cycles.is_empty());
}

#[test]
fn unrealized_marks_shares_and_options_to_market() {
    let mut b = Blotter::default();
    b.option("2026-02-12", Action::Sto, &put("140", "2026-03-20"), "1", "2.50", "0.65");
    b.option("2026-03-20", Action::Assign, &put("140", "2026-03-20"), "1", "0", "0");
    b.option("2026-03-23", Action::Sto, &call("145", "2026-04-17"), "1", "1.50", "0.65");
    let book = b.book();
    let call_mark = |_: &wheelwright_domain::OptionSpec| Some(n("0.80"));
    // Shares 14,100 − 13,750.65 = 349.35; the call's 149.35 credit less 80 to buy it back = 69.35.
    assert_eq!(unrealized(&book, Some(n("141")), call_mark), Some(n("418.70")));
    assert_eq!(unrealized(&book, None, call_mark), None);
    assert_eq!(unrealized(&book, Some(n("141")), |_| None), None);
    // Idle wheels need no marks.
    assert_eq!(unrealized(&WheelBook::default(), None, |_| None), Some(Decimal::ZERO));
}

#[test]
fn totals_add_wheels_and_one_unknown_mark_makes_the_total_unknown() {
    let b = four_cycles();
    let book = b.book();
    let first = WheelInput { portfolio: "Main", symbol: "AAPL", fills: &b.fills, book: &book, unrealized: Some(n("10")) };
    let second = WheelInput { portfolio: "IRA", symbol: "MSFT", unrealized: Some(n("5")), ..first };
    let period = Period { from: None, to: d("2026-05-31") };
    let both = performance(&[first, second], period);
    assert_eq!(both.total.realized_pnl, n("2180.90"));
    assert_eq!(both.total.unrealized_pnl, Some(n("15")));
    assert_eq!(both.total.legs.wins, 6);
    assert_eq!(both.best_cycles.len(), 3);
    let unknown = performance(&[first, WheelInput { unrealized: None, ..second }], period);
    assert_eq!(unknown.total.unrealized_pnl, None);
    assert_eq!(unknown.wheels[0].figures.unrealized_pnl, Some(n("10")));
}
