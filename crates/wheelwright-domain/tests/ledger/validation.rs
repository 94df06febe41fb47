//! What the ledger refuses, and how it says so: each case names its code, the field at fault and
//! the fill, so the UI can point at it and the importer can name the row.

use crate::book::{call, put, Blotter};
use wheelwright_domain::{replay, Action::*, ErrorCode};

fn refused(b: &Blotter) -> wheelwright_domain::LedgerError {
    replay(&b.fills).expect_err("the ledger should refuse this")
}

#[test]
fn closing_more_contracts_than_open() {
    let mut b = Blotter::default();
    let p = put("50", "2026-02-20");
    b.option("2026-01-05", Sto, &p, "2", "1.00", "0");
    let bad = b.option("2026-01-20", Btc, &p, "3", "0.50", "0");
    let err = refused(&b);
    assert_eq!((err.code, err.field, err.fill_id), (ErrorCode::CloseExceedsOpen, Some("quantity"), Some(bad)));
    assert!(err.message.contains("needs 3 short contract(s) open, but 2 are open"), "{}", err.message);
}

#[test]
fn closing_a_contract_that_was_never_opened() {
    let mut b = Blotter::default();
    b.option("2026-01-05", Sto, &put("50", "2026-02-20"), "1", "1.00", "0");
    b.option("2026-01-20", Btc, &put("55", "2026-02-20"), "1", "0.50", "0");
    assert_eq!(refused(&b).code, ErrorCode::CloseExceedsOpen);
}

#[test]
fn assigning_an_option_that_is_not_short() {
    let mut b = Blotter::default();
    let c = call("40", "2026-02-20");
    b.option("2026-01-05", Bto, &c, "1", "1.00", "0");
    b.option("2026-02-20", Assign, &c, "1", "0", "0");
    let err = refused(&b);
    assert_eq!(err.code, ErrorCode::NotShort);
    assert!(err.message.contains("held long"), "{}", err.message);
}

#[test]
fn exercising_an_option_that_is_not_long() {
    let mut b = Blotter::default();
    let p = put("40", "2026-02-20");
    b.option("2026-01-05", Sto, &p, "1", "1.00", "0");
    b.option("2026-02-20", Exercise, &p, "1", "0", "0");
    assert_eq!(refused(&b).code, ErrorCode::NotLong);
}

#[test]
fn selling_more_shares_than_held() {
    let mut b = Blotter::default();
    b.shares("2026-01-05", Buy, "100", "10", "0");
    b.shares("2026-01-06", Sell, "150", "11", "0");
    let err = refused(&b);
    assert_eq!((err.code, err.field), (ErrorCode::InsufficientShares, Some("quantity")));
}

#[test]
fn a_naked_call_cannot_be_assigned_into_short_stock() {
    let mut b = Blotter::default();
    let c = call("40", "2026-02-20");
    b.option("2026-01-05", Sto, &c, "1", "1.00", "0");
    b.option("2026-02-20", Assign, &c, "1", "0", "0");
    let err = refused(&b);
    assert_eq!(err.code, ErrorCode::InsufficientShares);
    assert!(err.message.contains("short stock"), "{}", err.message);
}

#[test]
fn order_is_date_then_entry_sequence() {
    // Entered out of date order: the close entered first but dated later still replays after.
    let mut b = Blotter::default();
    let p = put("50", "2026-02-20");
    b.option("2026-01-20", Btc, &p, "1", "0.50", "0");
    b.option("2026-01-05", Sto, &p, "1", "1.00", "0");
    assert_eq!(b.book().realized_pnl(), "50".parse().unwrap());
    // Same date: entry order decides, so a close entered before its open is refused.
    let mut same_day = Blotter::default();
    same_day.option("2026-01-05", Btc, &p, "1", "0.50", "0");
    same_day.option("2026-01-05", Sto, &p, "1", "1.00", "0");
    assert_eq!(refused(&same_day).code, ErrorCode::CloseExceedsOpen);
}
