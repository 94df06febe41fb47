//! Portfolios, wheels and fills through the engine: validation before anything is written,
//! re-derivation on edit and delete, the audit trail, and two processes writing one file.

use crate::{db_in, open};
use chrono::NaiveDate;
use rust_decimal_macros::dec;
use wheelwright_domain::{Action, ErrorCode, FillData, OptionSpec, Right, Symbol, WheelState};
use wheelwright_engine::model::{FillInput, NewPortfolio, NewWheel, Profile};
use wheelwright_engine::Engine;

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

pub fn sto_put(symbol: &str, date: &str, strike: rust_decimal::Decimal, expiry: &str) -> FillData {
    FillData {
        date: day(date),
        time: None,
        action: Action::Sto,
        symbol: Some(Symbol::parse(symbol).unwrap()),
        option: Some(OptionSpec { right: Right::Put, strike, expiry: day(expiry), multiplier: dec!(100), deliverable: dec!(100) }),
        quantity: dec!(1),
        price: dec!(2.00),
        fees: dec!(0.65),
        account: None,
        external_id: None,
        roll_id: None,
        note: None,
    }
}

async fn with_portfolio(engine: &Engine, name: &str) {
    engine.create_portfolio(NewPortfolio { name: name.into(), ..Default::default() }).await.unwrap();
}

fn input(portfolio: &str, fill: FillData) -> FillInput {
    FillInput { portfolio: portfolio.into(), fill }
}

async fn audit_count(engine: &Engine) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM audit_log").fetch_one(engine.store().pool()).await.unwrap()
}

#[tokio::test]
async fn portfolio_names_are_unique_case_insensitively_and_validated() {
    let dir = tempfile::tempdir().unwrap();
    let engine = open(&db_in(dir.path())).await;
    with_portfolio(&engine, "Main").await;
    let err = engine.create_portfolio(NewPortfolio { name: "main".into(), ..Default::default() }).await.unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::AlreadyExists, Some("name")));
    let err = engine.create_portfolio(NewPortfolio { name: "   ".into(), ..Default::default() }).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidInput);
    let err = engine
        .create_portfolio(NewPortfolio { name: "IRA".into(), default_capital: Some(dec!(-1)), ..Default::default() })
        .await
        .unwrap_err();
    assert_eq!(err.field.as_deref(), Some("default_capital"));
    assert_eq!(engine.list_portfolios().await.unwrap().len(), 1);
    assert_eq!(engine.portfolio("MAIN").await.unwrap().name, "Main");
}

#[tokio::test]
async fn a_fill_creates_its_wheel_and_the_state_follows() {
    let dir = tempfile::tempdir().unwrap();
    let engine = open(&db_in(dir.path())).await;
    with_portfolio(&engine, "Main").await;
    let outcome = engine.add_fill(input("Main", sto_put("aapl", "2026-01-05", dec!(50), "2026-02-20"))).await.unwrap();
    let summary = outcome.summary.unwrap();
    assert_eq!(summary.state, WheelState::PutOpen);
    assert_eq!(summary.symbol, "AAPL");
    // Every fill gets an id so export → import is idempotent.
    assert!(outcome.fill.data.external_id.as_deref().unwrap().starts_with("ww-"));
    let wheels = engine.list_wheels("Main").await.unwrap();
    assert_eq!(wheels.len(), 1);
    assert_eq!(wheels[0].premium_collected, dec!(200));
    let overview = engine.portfolio_overview("Main").await.unwrap();
    assert_eq!((overview.wheels, overview.open_wheels), (1, 1));
    assert_eq!(overview.cash.cash, dec!(199.35));
}

#[tokio::test]
async fn a_refused_fill_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let engine = open(&db_in(dir.path())).await;
    with_portfolio(&engine, "Main").await;
    let before = audit_count(&engine).await;
    let mut btc = sto_put("TSLA", "2026-01-05", dec!(50), "2026-02-20");
    btc.action = Action::Btc;
    let err = engine.add_fill(input("Main", btc)).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::CloseExceedsOpen);
    // Not even the wheel it would have created, nor an audit row.
    assert!(engine.list_wheels("Main").await.unwrap().is_empty());
    assert_eq!(audit_count(&engine).await, before);
    let err = engine.add_fill(input("Nope", sto_put("AAPL", "2026-01-05", dec!(50), "2026-02-20"))).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);
}

#[tokio::test]
async fn editing_and_deleting_rederive_and_are_audited() {
    let dir = tempfile::tempdir().unwrap();
    let engine = open(&db_in(dir.path())).await;
    with_portfolio(&engine, "Main").await;
    let sto = engine.add_fill(input("Main", sto_put("AAPL", "2026-01-05", dec!(50), "2026-02-20"))).await.unwrap().fill;
    let mut assign = sto_put("AAPL", "2026-02-20", dec!(50), "2026-02-20");
    assign.action = Action::Assign;
    assign.price = dec!(0);
    assign.fees = dec!(0);
    let assign = engine.add_fill(input("Main", assign)).await.unwrap().fill;
    assert_eq!(engine.wheel("Main", "AAPL").await.unwrap().summary.lots[0].basis, dec!(4800.65));

    // A better fill price on the sale lowers the basis of the lot.
    let mut better = sto.data.clone();
    better.price = dec!(2.50);
    let outcome = engine.edit_fill(sto.id, better).await.unwrap();
    assert_eq!(outcome.fill.seq, sto.seq);
    assert_eq!(outcome.fill.data.external_id, sto.data.external_id);
    assert_eq!(engine.wheel("Main", "AAPL").await.unwrap().summary.lots[0].basis, dec!(4750.65));

    // Deleting the sale would orphan the assignment: refused, nothing lost.
    let err = engine.delete_fill(sto.id).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::CloseExceedsOpen);
    assert!(err.message.contains(&format!("Delete or edit fill {} first", assign.id)), "{}", err.message);
    assert_eq!(engine.list_fills("Main", None).await.unwrap().len(), 2);

    engine.delete_fill(assign.id).await.unwrap();
    let detail = engine.wheel("Main", "AAPL").await.unwrap();
    assert_eq!(detail.summary.state, WheelState::PutOpen);
    let ops: Vec<(String, String)> = sqlx::query_as("SELECT entity, operation FROM audit_log WHERE entity = 'fill' ORDER BY id")
        .fetch_all(engine.store().pool())
        .await
        .unwrap();
    let ops: Vec<(&str, &str)> = ops.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    assert_eq!(ops, [("fill", "create"), ("fill", "create"), ("fill", "update"), ("fill", "delete")]);
    let (before, after): (Option<String>, Option<String>) =
        sqlx::query_as("SELECT before, after FROM audit_log WHERE operation = 'update'").fetch_one(engine.store().pool()).await.unwrap();
    assert!(before.unwrap().contains(r#""price":"2""#));
    assert!(after.unwrap().contains(r#""price":"2.5""#));
}

#[tokio::test]
async fn wheels_are_unique_per_portfolio_and_deleting_a_portfolio_needs_force() {
    let dir = tempfile::tempdir().unwrap();
    let engine = open(&db_in(dir.path())).await;
    with_portfolio(&engine, "Main").await;
    let wheel = engine
        .create_wheel(
            "Main",
            NewWheel { symbol: "msft".into(), profile: Profile::Conservative, capital_allocated: Some(dec!(20000)), notes: "core".into() },
        )
        .await
        .unwrap();
    assert_eq!((wheel.symbol.as_str(), wheel.profile), ("MSFT", Profile::Conservative));
    let err = engine.create_wheel("Main", NewWheel { symbol: "MSFT".into(), ..Default::default() }).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::AlreadyExists);
    let err = engine.create_wheel("Main", NewWheel { symbol: "MS FT".into(), ..Default::default() }).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidSymbol);
    assert_eq!(engine.list_wheels("Main").await.unwrap()[0].state, WheelState::Idle);

    engine.add_fill(input("Main", sto_put("MSFT", "2026-01-05", dec!(300), "2026-02-20"))).await.unwrap();
    let err = engine.delete_portfolio("Main", false).await.unwrap_err();
    assert!(err.message.contains("--force"), "{}", err.message);
    engine.delete_portfolio("Main", true).await.unwrap();
    assert!(engine.list_portfolios().await.unwrap().is_empty());
    let left: i64 = sqlx::query_scalar("SELECT count(*) FROM fills").fetch_one(engine.store().pool()).await.unwrap();
    assert_eq!(left, 0);
}

#[tokio::test]
async fn a_duplicate_external_id_is_a_reported_no_op_and_a_conflict_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let engine = open(&db_in(dir.path())).await;
    with_portfolio(&engine, "Main").await;
    let mut fill = sto_put("AAPL", "2026-01-05", dec!(50), "2026-02-20");
    fill.external_id = Some("broker-1".into());
    let first = engine.add_fill(input("Main", fill.clone())).await.unwrap();
    let again = engine.add_fill(input("Main", fill.clone())).await.unwrap();
    assert!(again.duplicate);
    assert_eq!(again.fill.id, first.fill.id);
    fill.price = dec!(2.10);
    let err = engine.add_fill(input("Main", fill)).await.unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::ExternalIdConflict, Some("external_id")));
    assert_eq!(engine.list_fills("Main", None).await.unwrap().len(), 1);
}

#[tokio::test]
async fn two_processes_writing_one_file_lose_nothing() {
    // Two engines on one file stand for the app and the CLI: each writes 40 fills at once.
    let dir = tempfile::tempdir().unwrap();
    let path = db_in(dir.path());
    let app = open(&path).await;
    let cli = open(&path).await;
    with_portfolio(&app, "Main").await;
    let write = |engine: Engine, symbol: &'static str| {
        tokio::spawn(async move {
            for i in 0..40 {
                let mut fill = sto_put(symbol, "2026-01-05", dec!(10) + rust_decimal::Decimal::from(i), "2026-02-20");
                fill.external_id = Some(format!("{symbol}-{i}"));
                engine.add_fill(input("Main", fill)).await.unwrap();
            }
            engine
        })
    };
    let (a, b) = tokio::join!(write(app, "AAPL"), write(cli, "MSFT"));
    let (app, _cli) = (a.unwrap(), b.unwrap());
    let fills = app.list_fills("Main", None).await.unwrap();
    assert_eq!(fills.len(), 80);
    let mut seqs: Vec<i64> = fills.iter().map(|f| f.fill.seq).collect();
    seqs.sort();
    seqs.dedup();
    assert_eq!(seqs.len(), 80, "entry sequence numbers must stay unique");
    for wheel in app.list_wheels("Main").await.unwrap() {
        assert_eq!(wheel.open_options.len(), 40);
    }
}
