//! The strategy services through the engine on the Demo market: positions watched, next trades
//! per wheel within the portfolio's free cash, rolls for the open option, and a scan kept as
//! signals with its progress reported — plus every bad request refused with its field.

use super::{db_in, open};
use rust_decimal::Decimal;
use std::str::FromStr;
use std::sync::Mutex;
use wheelwright_demo::ClockStep;
use wheelwright_domain::{Action, ErrorCode, FillData, OptionSpec, Right, Symbol};
use wheelwright_engine::criteria::WheelCriteriaInput;
use wheelwright_engine::model::{FillInput, NewPortfolio, NewWheel};
use wheelwright_engine::strategy::{RecommendRequest, ScanRequest};
use wheelwright_engine::Engine;
use wheelwright_strategy::candidate::Candidate;
use wheelwright_strategy::profile::Overrides;
use wheelwright_strategy::recommend::Move;
use wheelwright_strategy::scan::ScanFilter;

pub fn fill(action: Action, symbol: Option<&str>, option: Option<OptionSpec>, quantity: &str, price: &str) -> FillData {
    FillData {
        date: chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
        time: None,
        action,
        symbol: symbol.map(|s| Symbol::parse(s).unwrap()),
        option,
        quantity: Decimal::from_str(quantity).unwrap(),
        price: Decimal::from_str(price).unwrap(),
        fees: Decimal::ZERO,
        account: None,
        external_id: None,
        roll_id: None,
        note: None,
    }
}

/// Monday 2026-11-23 at the open; portfolio "Wheel" with 50,000 deposited, a KO put sold at the
/// strike nearest the money expiring Dec 18, and an idle PEP wheel.
pub async fn wheel_portfolio(engine: &Engine) -> Decimal {
    engine.step_demo_clock(ClockStep::NextSession).await.unwrap();
    engine.create_portfolio(NewPortfolio { name: "Wheel".into(), ..Default::default() }).await.unwrap();
    engine.add_fill(FillInput { portfolio: "Wheel".into(), fill: fill(Action::Deposit, None, None, "0", "50000") }).await.unwrap();
    let spot = engine.quotes(&["KO".into()]).await.unwrap()[0].last.unwrap();
    let strike = Decimal::from((spot.round()) as i64);
    let put = OptionSpec {
        right: Right::Put,
        strike,
        expiry: chrono::NaiveDate::from_ymd_opt(2026, 12, 18).unwrap(),
        multiplier: Decimal::from(100),
        deliverable: Decimal::from(100),
    };
    engine.add_fill(FillInput { portfolio: "Wheel".into(), fill: fill(Action::Sto, Some("KO"), Some(put), "1", "1.10") }).await.unwrap();
    engine.create_wheel("Wheel", NewWheel { symbol: "PEP".into(), ..NewWheel::default() }).await.unwrap();
    strike
}

#[tokio::test]
async fn positions_recommendations_and_rolls_on_the_demo_market() {
    let dir = tempfile::tempdir().unwrap();
    let engine = open(&db_in(dir.path())).await;
    let strike = wheel_portfolio(&engine).await;

    let positions = engine.positions("Wheel").await.unwrap();
    assert_eq!(positions.len(), 1);
    let ko = &positions[0];
    assert_eq!((ko.symbol.as_str(), ko.right, ko.strike, ko.dte_calendar), ("KO", Right::Put, strike.try_into().unwrap(), 25));
    assert!(ko.mark.is_some() && ko.delta.is_some(), "the Demo chain quotes the contract");
    assert!((ko.unrealized_pnl.unwrap() - (1.10 - ko.mark.unwrap()) * 100.0).abs() < 1e-9);

    let recs = engine.recommend(RecommendRequest { portfolio: "Wheel".into(), ..Default::default() }).await.unwrap();
    assert_eq!(recs.iter().map(|r| r.symbol.as_str()).collect::<Vec<_>>(), ["KO", "PEP"]);
    assert!(matches!(recs[0].action, Move::Hold | Move::CloseForProfit | Move::Roll), "{:?}: {}", recs[0].action, recs[0].reason);
    assert_eq!(recs[0].positions.len(), 1);
    // Free cash: 50,000 less the KO put's strike × 100.
    let free: f64 = (Decimal::from(50_000) - strike * Decimal::from(100)).try_into().unwrap();
    let pep = &recs[1];
    assert!(matches!(pep.action, Move::SellPut | Move::NoTrade), "{}", pep.reason);
    assert!(pep.candidates.iter().all(|c| c.capital_required <= free && c.right == Right::Put));

    // One wheel, with wider criteria (the Demo market lists only monthly PEP expiries: Dec 18 is
    // 25 days out, Jan 15 is 53).
    let wide = Overrides {
        delta_min: Some(0.05),
        delta_max: Some(0.5),
        dte_min: Some(20),
        dte_max: Some(60),
        min_annualized_yield: Some(0.0),
        max_spread: Some(0.5),
        ..Overrides::default()
    };
    let only = engine
        .recommend(RecommendRequest { portfolio: "Wheel".into(), symbol: Some("pep".into()), overrides: wide, limit: Some(3) })
        .await
        .unwrap();
    assert_eq!(only.len(), 1);
    assert_eq!(only[0].action, Move::SellPut, "{}", only[0].reason);
    assert!(only[0].candidates.len() <= 3 && !only[0].candidates.is_empty());

    let roll = engine.roll("Wheel", "KO", None).await.unwrap();
    assert_eq!((roll.right, roll.strike), (Right::Put, strike.try_into().unwrap()));
    assert!(!roll.rolls.is_empty() && roll.rolls.iter().all(|r| r.expiry > roll.expiry));
}

#[tokio::test]
async fn bad_strategy_requests_name_the_field() {
    let dir = tempfile::tempdir().unwrap();
    let engine = open(&db_in(dir.path())).await;
    wheel_portfolio(&engine).await;
    let request = |symbol: Option<&str>, overrides: Overrides, limit: Option<usize>| RecommendRequest {
        portfolio: "Wheel".into(),
        symbol: symbol.map(str::to_string),
        overrides,
        limit,
    };
    let err = engine.recommend(request(Some("XOM"), Overrides::default(), None)).await.unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::NotFound, Some("symbol")));
    let err = engine.recommend(request(None, Overrides::default(), Some(0))).await.unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::InvalidInput, Some("limit")));
    let inverted = Overrides { delta_min: Some(0.4), delta_max: Some(0.2), ..Overrides::default() };
    let err = engine.recommend(request(None, inverted, None)).await.unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::InvalidInput, Some("delta_min")));
    assert!(err.message.contains("0 ≤ min ≤ max ≤ 1"), "{}", err.message);
    let err = engine.recommend(RecommendRequest { portfolio: "Nope".into(), ..Default::default() }).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);
    let err = engine.roll("Wheel", "PEP", None).await.unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::NotFound, Some("leg")));
    let err = engine.roll("Wheel", "KO", Some(999)).await.unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::NotFound, Some("leg")));
    let none = |_| {};
    let err = engine.scan(ScanRequest { symbols: vec![], ..Default::default() }, &none).await.unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::InvalidInput, Some("symbols")));
    let bad = ScanRequest {
        symbols: vec!["KO".into()],
        filter: ScanFilter { dte_min: 50, dte_max: 10, ..ScanFilter::default() },
        ..Default::default()
    };
    let err = engine.scan(bad, &none).await.unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::InvalidInput, Some("dte_min")));
    let err = engine.scan(ScanRequest { symbols: vec!["not a symbol".into()], ..Default::default() }, &none).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidSymbol);
    let err = engine.scan(ScanRequest { watchlist: Some("Missing".into()), ..Default::default() }, &none).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);
    // A symbol given twice (in any case) is scanned once.
    let symbols = ["KO", "ko", "PEP", "KO"].map(String::from).to_vec();
    assert_eq!(engine.scan(ScanRequest { symbols, ..Default::default() }, &none).await.unwrap().scanned, 2);
}

#[tokio::test]
async fn a_scan_reports_progress_and_is_kept_as_signals() {
    let dir = tempfile::tempdir().unwrap();
    let engine = open(&db_in(dir.path())).await;
    wheel_portfolio(&engine).await;
    engine.create_watchlist("Income").await.unwrap();
    let symbols: Vec<String> = ["KO", "PEP", "T", "VZ", "ZZZZ"].iter().map(|s| s.to_string()).collect();
    engine.add_to_watchlist("Income", &symbols).await.unwrap();
    let seen = Mutex::new(Vec::new());
    let progress = |p: wheelwright_engine::strategy::ScanProgress| seen.lock().unwrap().push((p.done, p.total, p.symbol));
    let request = ScanRequest { watchlist: Some("Income".into()), portfolio: Some("Wheel".into()), ..Default::default() };
    let result = engine.scan(request, &progress).await.unwrap();

    let seen = seen.into_inner().unwrap();
    assert_eq!(seen.first().unwrap(), &(0, 5, "KO".to_string()));
    assert_eq!(seen.last().unwrap(), &(5, 5, String::new()));
    assert_eq!(seen.len(), 6);
    assert_eq!((result.scanned, result.provider.as_str()), (5, "demo"));
    // ZZZZ is not a Demo listing: skipped with the provider's reason, the rest scanned.
    assert_eq!(result.skipped.len(), 1);
    assert_eq!(result.skipped[0].symbol, "ZZZZ");
    assert!(!result.candidates.is_empty());
    assert!(result.candidates.windows(2).all(|w| w[0].score.total >= w[1].score.total));

    // Kept: one row a candidate, in rank order, each the candidate as it was shown.
    let rows: Vec<(i64, String, String)> = sqlx::query_as("SELECT rank, occ, candidate FROM signals WHERE scan_id = ? ORDER BY rank")
        .bind(result.id)
        .fetch_all(engine.store().pool())
        .await
        .unwrap();
    assert_eq!(rows.len(), result.candidates.len());
    for ((rank, occ, json), shown) in rows.iter().zip(&result.candidates) {
        assert_eq!(occ, &shown.occ);
        let kept: Candidate = serde_json::from_str(json).unwrap();
        assert_eq!(&kept, shown, "signal {rank}");
    }
    let filter: String =
        sqlx::query_scalar("SELECT filter FROM scans WHERE id = ?").bind(result.id).fetch_one(engine.store().pool()).await.unwrap();
    assert_eq!(serde_json::from_str::<ScanFilter>(&filter).unwrap(), ScanFilter::default());
}

#[tokio::test]
async fn the_next_expiration_day_on_the_demo_market() {
    let dir = tempfile::tempdir().unwrap();
    let engine = open(&db_in(dir.path())).await;
    let strike: f64 = wheel_portfolio(&engine).await.try_into().unwrap();
    let spot = engine.quotes(&["KO".into()]).await.unwrap()[0].mark().unwrap();
    let day = engine.expiration("Wheel", None).await.unwrap().expect("a KO put is open");
    assert_eq!(day.expiry, chrono::NaiveDate::from_ymd_opt(2026, 12, 18).unwrap());
    assert_eq!(day.options.len(), 1, "the idle PEP wheel has nothing expiring");
    let put = &day.options[0];
    assert_eq!((put.spot, put.strike), (spot, strike));
    if spot < strike {
        assert_eq!((put.cash_change, put.shares_change), (-strike * 100.0, 100.0));
    } else {
        assert_eq!((put.cash_change, put.shares_change), (0.0, 0.0));
    }
    // The strike is the spot rounded: within 1% of it, so pinned.
    assert_eq!(put.pin_risk, ((spot - strike) / spot).abs() <= 0.01);
    assert_eq!(day.cash, 50_110.0);
    let err = engine.expiration("Wheel", Some(0.5)).await.unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::InvalidInput, Some("pin_distance")));
}

#[tokio::test]
async fn a_wheels_own_criteria_and_the_custom_profile_drive_its_recommendations() {
    let dir = tempfile::tempdir().unwrap();
    let engine = open(&db_in(dir.path())).await;
    wheel_portfolio(&engine).await;
    assert_eq!(engine.custom_profile().await.unwrap(), wheelwright_strategy::profile::Criteria::MODERATE);
    let plain = engine.wheel_criteria("Wheel", "PEP").await.unwrap();
    assert_eq!((plain.profile.as_str(), plain.custom), ("moderate", false));

    // The custom profile: wide delta, 40–60 days (the Demo market's PEP lists Jan 15, 53 days out).
    let custom = wheelwright_strategy::profile::Criteria {
        delta_min: 0.05,
        delta_max: 0.5,
        dte_min: 40,
        dte_max: 60,
        min_premium: 0.0,
        min_annualized_yield: 0.0,
        min_open_interest: 0,
        ..wheelwright_strategy::profile::Criteria::MODERATE
    };
    engine.set_custom_profile(custom).await.unwrap();
    let chosen =
        engine.set_wheel_criteria("Wheel", "PEP", WheelCriteriaInput { custom: true, overrides: Overrides::default() }).await.unwrap();
    assert_eq!((chosen.profile.as_str(), chosen.criteria), ("custom", custom));
    let request = RecommendRequest { portfolio: "Wheel".into(), symbol: Some("PEP".into()), limit: Some(50), ..Default::default() };
    let pep = engine.recommend(request.clone()).await.unwrap().remove(0);
    assert!(!pep.candidates.is_empty(), "{}", pep.reason);
    assert!(pep.candidates.iter().all(|c| c.dte == 53), "only Jan 15 lies in 40–60 days");

    // A per-wheel override on top: 1–20 days holds no PEP expiry, so no trade — and it is kept.
    let overrides = Overrides { dte_min: Some(1), dte_max: Some(20), ..Overrides::default() };
    engine.set_wheel_criteria("Wheel", "PEP", WheelCriteriaInput { custom: true, overrides }).await.unwrap();
    let pep = engine.recommend(request).await.unwrap().remove(0);
    assert!(pep.candidates.is_empty(), "{:?}", pep.candidates.iter().map(|c| c.dte).collect::<Vec<_>>());
    assert_eq!(engine.wheel_criteria("Wheel", "PEP").await.unwrap().criteria.dte_max, 20);
    // The other wheel is untouched.
    assert_eq!(engine.wheel_criteria("Wheel", "KO").await.unwrap().criteria, wheelwright_strategy::profile::Criteria::MODERATE);

    // Choices that select nothing are refused with their field, and nothing changes.
    let bad = Overrides { delta_min: Some(0.6), delta_max: Some(0.2), ..Overrides::default() };
    let err = engine.set_wheel_criteria("Wheel", "PEP", WheelCriteriaInput { custom: false, overrides: bad }).await.unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::InvalidInput, Some("delta_min")));
    assert_eq!(engine.wheel_criteria("Wheel", "PEP").await.unwrap().criteria.dte_max, 20);
    let err = engine.set_custom_profile(wheelwright_strategy::profile::Criteria { take_profit: 1.5, ..custom }).await.unwrap_err();
    assert_eq!(err.field.as_deref(), Some("take_profit"));
    // The profile cannot be changed under a wheel that follows it into a window that selects nothing.
    let only_max = Overrides { dte_max: Some(50), ..Overrides::default() };
    engine.set_wheel_criteria("Wheel", "PEP", WheelCriteriaInput { custom: true, overrides: only_max }).await.unwrap();
    let narrow = wheelwright_strategy::profile::Criteria { dte_min: 55, dte_max: 70, ..custom };
    let err = engine.set_custom_profile(narrow).await.unwrap_err();
    assert_eq!(err.field.as_deref(), Some("dte_min"), "{}", err.message);
    assert!(err.message.contains("the PEP wheel of Wheel follows the custom profile"), "{}", err.message);
    assert_eq!(engine.custom_profile().await.unwrap(), custom);
    let err = engine.wheel_criteria("Wheel", "MSFT").await.unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::NotFound, Some("symbol")));
}
