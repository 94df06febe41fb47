//! Market data through the engine: validated requests answered by the Demo provider at the Demo
//! clock's instant, and the Demo clock kept across restarts.

use crate::{db_in, open};
use chrono::{NaiveDate, TimeZone, Utc};
use wheelwright_demo::{ClockStep, DemoClock};
use wheelwright_domain::market::{ChainFilter, Interval};
use wheelwright_domain::{ErrorCode, Right};
use wheelwright_engine::market::{ChainRequest, HistoryRequest};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[tokio::test]
async fn the_demo_provider_answers_at_the_demo_clock_and_the_clock_survives_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let engine = open(&db_in(dir.path())).await;
    assert_eq!(engine.market_provider(), "demo");
    // The test clock starts Sunday 2026-11-22 09:30 UTC; the next session opens Monday 09:30 New York.
    let state = engine.step_demo_clock(ClockStep::NextSession).await.unwrap();
    let monday_open = Utc.with_ymd_and_hms(2026, 11, 23, 14, 30, 0).unwrap();
    assert_eq!(state.clock, DemoClock::Stepped { at: monday_open });
    assert!(state.market_open, "the bell has rung");
    let at_open = engine.quotes(&["KO".into()]).await.unwrap();
    assert_eq!(at_open[0].time, monday_open);
    let state = engine.step_demo_clock(ClockStep::ToClose).await.unwrap();
    assert_eq!(state.now, Utc.with_ymd_and_hms(2026, 11, 23, 21, 0, 0).unwrap());
    assert!(!state.market_open, "closed at the closing bell");
    let at_close = engine.quotes(&["KO".into()]).await.unwrap();
    assert_ne!(at_open[0].last, at_close[0].last, "the price moved through the session");
    // Monday's bar exists now and not before.
    let bars = engine
        .history(HistoryRequest { symbol: "KO".into(), from: day(2026, 11, 23), to: day(2026, 11, 23), interval: Interval::Daily })
        .await
        .unwrap();
    assert_eq!(bars.bars.len(), 1);
    assert_eq!(bars.bars[0].close, at_close[0].last.unwrap());
    // A quarter of Demo history has a bar for every session: no gaps, flagged as simulated.
    let quarter = engine
        .history(HistoryRequest { symbol: "KO".into(), from: day(2026, 8, 24), to: day(2026, 11, 23), interval: Interval::Daily })
        .await
        .unwrap();
    assert_eq!(quarter.bars.len(), 65, "13 weeks of sessions less Labor Day");
    assert!(quarter.missing_sessions.is_empty(), "{:?}", quarter.missing_sessions);
    assert_eq!(quarter.flags, vec![wheelwright_domain::market::DataFlag::Simulated]);
    engine.store().close().await;

    let reopened = open(&db_in(dir.path())).await;
    assert_eq!(reopened.demo_clock().await.unwrap().now, Utc.with_ymd_and_hms(2026, 11, 23, 21, 0, 0).unwrap());
    let running = reopened.run_demo_clock().await.unwrap();
    assert!(matches!(running.clock, DemoClock::Live { offset_seconds } if offset_seconds > 0));
}

#[tokio::test]
async fn chains_expirations_and_history_through_the_engine() {
    let dir = tempfile::tempdir().unwrap();
    let engine = open(&db_in(dir.path())).await;
    engine.step_demo_clock(ClockStep::NextSession).await.unwrap();
    let expiries = engine.expirations("SPY").await.unwrap();
    assert!(expiries.len() >= 15 && expiries[0] == day(2026, 11, 27), "{expiries:?}");
    let chain = engine
        .chain(ChainRequest {
            symbol: "SPY".into(),
            filter: ChainFilter { from: Some(expiries[1]), to: Some(expiries[1]), strike_count: Some(8), right: Some(Right::Put) },
        })
        .await
        .unwrap();
    assert_eq!(chain.contracts.len(), 8);
    assert!(chain.contracts.iter().all(|c| c.expiry == expiries[1] && c.right == Right::Put && c.iv.is_some()));
    let intraday = engine
        .history(HistoryRequest { symbol: "SPY".into(), from: day(2026, 11, 20), to: day(2026, 11, 23), interval: Interval::Minutes(30) })
        .await
        .unwrap();
    assert_eq!(intraday.bars.len(), 13, "Friday's 13 half-hours; Monday has not traded yet");
}

#[tokio::test]
async fn bad_market_requests_are_refused_with_the_field_to_fix() {
    let dir = tempfile::tempdir().unwrap();
    let engine = open(&db_in(dir.path())).await;
    let cases = [
        (engine.quotes(&[]).await.unwrap_err(), ErrorCode::InvalidInput, Some("symbols")),
        (engine.quotes(&["not a symbol".into()]).await.unwrap_err(), ErrorCode::InvalidSymbol, Some("symbols")),
        (engine.quotes(&["ZZZZ".into()]).await.unwrap_err(), ErrorCode::UnknownSymbol, None),
        (
            engine
                .chain(ChainRequest {
                    symbol: "AAPL".into(),
                    filter: ChainFilter { from: Some(day(2027, 1, 1)), to: Some(day(2026, 12, 1)), ..Default::default() },
                })
                .await
                .unwrap_err(),
            ErrorCode::InvalidInput,
            Some("to"),
        ),
        (
            engine
                .chain(ChainRequest { symbol: "AAPL".into(), filter: ChainFilter { strike_count: Some(0), ..Default::default() } })
                .await
                .unwrap_err(),
            ErrorCode::InvalidInput,
            Some("strike_count"),
        ),
        (
            engine
                .history(HistoryRequest {
                    symbol: "AAPL".into(),
                    from: day(2026, 1, 1),
                    to: day(2026, 3, 1),
                    interval: Interval::Minutes(5),
                })
                .await
                .unwrap_err(),
            ErrorCode::InvalidInput,
            Some("from"),
        ),
        (
            engine
                .history(HistoryRequest { symbol: "AAPL".into(), from: day(2018, 1, 1), to: day(2018, 2, 1), interval: Interval::Daily })
                .await
                .unwrap_err(),
            ErrorCode::MarketData,
            None,
        ),
    ];
    for (error, code, field) in cases {
        assert_eq!((error.code, error.field.as_deref()), (code, field), "{error:?}");
    }
}

#[tokio::test]
async fn the_paper_broker_settles_demo_portfolios_when_the_clock_passes_an_expiration() {
    use rust_decimal::Decimal;
    use std::str::FromStr;
    use wheelwright_domain::{Action, FillData, OptionSpec, Symbol, WheelState};
    use wheelwright_engine::model::{FillInput, NewPortfolio};

    let dir = tempfile::tempdir().unwrap();
    let engine = open(&db_in(dir.path())).await;
    for (name, account) in [("Paper", Some("demo")), ("Taxable", None)] {
        engine
            .create_portfolio(NewPortfolio { name: name.into(), account_link: account.map(str::to_string), ..Default::default() })
            .await
            .unwrap();
    }
    let put = |symbol: &str, strike: &str| FillData {
        date: day(2026, 11, 20),
        time: None,
        action: Action::Sto,
        symbol: Some(Symbol::parse(symbol).unwrap()),
        option: Some(OptionSpec {
            right: Right::Put,
            strike: Decimal::from_str(strike).unwrap(),
            expiry: day(2026, 11, 27),
            multiplier: Decimal::from(100),
            deliverable: Decimal::from(100),
        }),
        quantity: Decimal::ONE,
        price: Decimal::from_str("1.50").unwrap(),
        fees: Decimal::from_str("0.65").unwrap(),
        account: None,
        external_id: None,
        roll_id: None,
        note: None,
    };
    // A put far in the money (assigned) and one far out of it (expires), in both portfolios; the
    // KO put sold in two fills is one position.
    for portfolio in ["Paper", "Taxable"] {
        for (symbol, strike) in [("KO", "500"), ("F", "1"), ("KO", "500")] {
            engine.add_fill(FillInput { portfolio: portfolio.into(), fill: put(symbol, strike) }).await.unwrap();
        }
    }
    // Before the expiration's close nothing settles.
    assert!(engine.demo_clock().await.unwrap().settled.is_empty());
    let state = engine.step_demo_clock(ClockStep::NextExpiration).await.unwrap();
    // Friday 2026-11-27 closes early, at 13:00 New York.
    assert_eq!(state.now, Utc.with_ymd_and_hms(2026, 11, 27, 18, 0, 0).unwrap());
    let mut outcomes: Vec<(String, Action)> = state.settled.iter().map(|s| (s.symbol.clone(), s.action)).collect();
    outcomes.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(outcomes, [("F".to_string(), Action::Expire), ("KO".to_string(), Action::Assign)]);
    assert!(state.settled.iter().all(|s| s.portfolio == "Paper" && s.expiry == day(2026, 11, 27)));
    assert_eq!(state.settled.iter().find(|s| s.symbol == "KO").unwrap().contracts, Decimal::from(2));
    let paper = engine.list_wheels("Paper").await.unwrap();
    let state_of = |symbol: &str| paper.iter().find(|w| w.symbol == symbol).unwrap().state;
    assert_eq!((state_of("KO"), state_of("F")), (WheelState::Shares, WheelState::Idle));
    // The portfolio not linked to the Demo account is the user's to settle.
    assert!(engine.list_wheels("Taxable").await.unwrap().iter().all(|w| w.state == WheelState::PutOpen));
    // Settling again records nothing.
    assert!(engine.demo_clock().await.unwrap().settled.is_empty());
    assert_eq!(engine.list_fills("Paper", None).await.unwrap().len(), 5);
}
