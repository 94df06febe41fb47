//! The dashboard on the Demo market, worked from the ledger: cash, what the put secures, premium
//! this month and year, the open put watched, its expiration with the cash assignment would take,
//! and the ex-dividend date of the shares held (the idle wheel's later one is not listed).

use super::strategy::{fill, wheel_portfolio};
use super::{db_in, open};
use rust_decimal::Decimal;
use std::str::FromStr;
use wheelwright_domain::{Action, ErrorCode, Right};
use wheelwright_engine::model::FillInput;

#[tokio::test]
async fn the_dashboard_adds_up_the_portfolio_from_its_ledger() {
    let dir = tempfile::tempdir().unwrap();
    let engine = open(&db_in(dir.path())).await;
    let strike = wheel_portfolio(&engine).await;
    // 100 KO shares beside the put: KO goes ex-dividend tomorrow on the Demo market.
    engine.add_fill(FillInput { portfolio: "Wheel".into(), fill: fill(Action::Buy, Some("KO"), None, "100", "60") }).await.unwrap();
    // A long call bought and sold again: its sale is no premium collected, its 20.00 is realized.
    let call = wheelwright_domain::OptionSpec {
        right: Right::Call,
        strike: Decimal::from(70),
        expiry: chrono::NaiveDate::from_ymd_opt(2026, 12, 18).unwrap(),
        multiplier: Decimal::from(100),
        deliverable: Decimal::from(100),
    };
    for (action, price) in [(Action::Bto, "0.50"), (Action::Stc, "0.70")] {
        let f = fill(action, Some("KO"), Some(call.clone()), "1", price);
        engine.add_fill(FillInput { portfolio: "Wheel".into(), fill: f }).await.unwrap();
    }
    let quotes = engine.quotes(&["KO".into(), "PEP".into()]).await.unwrap();
    let ko_dividend = quotes[0].dividend.clone().expect("the Demo market announces KO's dividend");
    assert_eq!(ko_dividend.next_ex_date, chrono::NaiveDate::from_ymd_opt(2026, 11, 24));

    let board = engine.dashboard("wheel").await.unwrap();
    assert_eq!(board.portfolio, "Wheel", "found by any case, named as stored");
    assert_eq!(board.today, chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap());
    // 50,000 deposited + 110 premium − 6,000 of shares − 50 + 70 for the call.
    assert_eq!(board.cash, Decimal::from(44_130));
    assert_eq!(board.collateral, strike * Decimal::from(100));
    assert_eq!(board.free_cash, Decimal::from(44_130) - strike * Decimal::from(100));
    assert_eq!((board.premium_month, board.premium_year), (Decimal::from(110), Decimal::from(110)));
    assert_eq!((board.realized_month, board.realized_year), (Decimal::from(20), Decimal::from(20)));
    assert!(board.unrealized_pnl.is_some(), "the Demo market marks everything: {:?}", board.notes);
    assert_eq!(board.open_wheels, 1, "PEP is idle");

    assert_eq!(board.positions.len(), 1);
    assert_eq!((board.positions[0].symbol.as_str(), board.positions[0].right), ("KO", Right::Put));
    assert_eq!(board.expirations.len(), 1);
    let december = &board.expirations[0];
    assert_eq!((december.expiry.to_string().as_str(), december.days), ("2026-12-18", 25));
    let secured: f64 = (strike * Decimal::from(100)).try_into().unwrap();
    assert_eq!((december.cash_if_assigned, december.shares_if_called), (secured, 0.0));

    // PEP goes ex in January (beyond 45 days) and is not held anyway.
    assert_eq!(board.ex_dividends.len(), 1);
    let ko = &board.ex_dividends[0];
    assert_eq!((ko.symbol.as_str(), ko.days, ko.shares), ("KO", 1, 100.0));
    assert!((ko.income - ko_dividend.amount * 100.0).abs() < 1e-9);
    assert_eq!(board.provider, "demo");
}

#[tokio::test]
async fn an_empty_portfolio_has_a_quiet_dashboard_and_an_unknown_one_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let engine = open(&db_in(dir.path())).await;
    engine
        .create_portfolio(wheelwright_engine::model::NewPortfolio {
            name: "Empty".into(),
            default_capital: Some(Decimal::from_str("25000").unwrap()),
            ..Default::default()
        })
        .await
        .unwrap();
    let board = engine.dashboard("Empty").await.unwrap();
    assert_eq!(board.capital, Some(Decimal::from(25_000)));
    assert_eq!((board.cash, board.collateral, board.premium_year), (Decimal::ZERO, Decimal::ZERO, Decimal::ZERO));
    assert!(board.positions.is_empty() && board.expirations.is_empty() && board.ex_dividends.is_empty());
    let err = engine.dashboard("Nope").await.unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);
    assert!(err.message.contains("Nope"), "{}", err.message);
}
