//! Performance and snapshots through the engine on the Demo market: the wheels' figures with
//! their open positions marked at the Demo chains, periods and scopes, bad requests refused with
//! their field; snapshots taken by hand and by the daily job, unique per trading day, and the
//! trend they draw.

use super::scheduler::Silent;
use super::strategy::{fill, wheel_portfolio};
use super::{db_in, open};
use rust_decimal::Decimal;
use std::sync::Arc;
use wheelwright_demo::ClockStep;
use wheelwright_domain::{Action, ErrorCode, OptionSpec, Right};
use wheelwright_engine::charts::{ChartKind, ChartRequest, Theme};
use wheelwright_engine::model::{FillInput, NewPortfolio};
use wheelwright_engine::performance::PerformanceRequest;
use wheelwright_engine::scheduler::{builtin, RunStatus, Scheduler};
use wheelwright_engine::snapshots::SnapshotKind;

fn d(y: i32, m: u32, day: u32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn ko_put(strike: Decimal) -> OptionSpec {
    OptionSpec { right: Right::Put, strike, expiry: d(2026, 12, 18), multiplier: Decimal::from(100), deliverable: Decimal::from(100) }
}

#[tokio::test]
async fn performance_marks_open_positions_at_the_demo_chain() {
    let dir = tempfile::tempdir().unwrap();
    let engine = open(&db_in(dir.path())).await;
    let strike = wheel_portfolio(&engine).await;
    let view = engine.performance(PerformanceRequest { portfolio: Some("Wheel".into()), ..Default::default() }).await.unwrap();
    assert_eq!(view.scope, "portfolio Wheel");
    let total = &view.performance.total;
    assert_eq!((total.premium_collected, total.realized_pnl, total.short_legs_opened), (Decimal::from(110), Decimal::ZERO, 1));
    // The put's unrealized P&L is the monitor's: (1.10 − mid) × 100.
    let monitored = engine.positions("Wheel").await.unwrap()[0].unrealized_pnl.unwrap();
    let unrealized: f64 = total.unrealized_pnl.expect("the Demo chain quotes the put").try_into().unwrap();
    assert!((unrealized - monitored).abs() < 0.01, "{unrealized} vs {monitored}");
    assert_eq!(view.performance.wheels.iter().map(|w| w.symbol.as_str()).collect::<Vec<_>>(), ["KO", "PEP"]);
    // 50,000 collateral-days a day… the put secures strike × 100 for its one day so far.
    assert_eq!(total.collateral_days, strike * Decimal::from(100));

    // Bought back the same day at 0.50: 60 realized, a win, nothing left to mark.
    let btc = fill(Action::Btc, Some("KO"), Some(ko_put(strike)), "1", "0.50");
    engine.add_fill(FillInput { portfolio: "Wheel".into(), fill: btc }).await.unwrap();
    let view = engine.performance(PerformanceRequest { portfolio: Some("Wheel".into()), ..Default::default() }).await.unwrap();
    let total = &view.performance.total;
    assert_eq!((total.realized_pnl, total.unrealized_pnl, total.legs.wins), (Decimal::from(60), Some(Decimal::ZERO), 1));
    assert_eq!(total.cycles.win_rate, Some(1.0));
    assert_eq!(view.performance.months.len(), 1);
    assert_eq!(view.performance.months[0].cash_flow, Decimal::from(60));
    assert_eq!(view.performance.best_cycles[0].symbol, "KO");

    // Every portfolio: a second one adds its own fills.
    engine.create_portfolio(NewPortfolio { name: "IRA".into(), ..Default::default() }).await.unwrap();
    let mut fee = fill(Action::Fee, Some("PEP"), None, "0", "0");
    fee.fees = Decimal::from(2);
    engine.add_fill(FillInput { portfolio: "IRA".into(), fill: fee }).await.unwrap();
    let all = engine.performance(PerformanceRequest::default()).await.unwrap();
    assert_eq!(all.scope, "all portfolios");
    assert_eq!(all.performance.total.realized_pnl, Decimal::from(58));
    assert_eq!(all.performance.wheels.len(), 3);
    let pep = engine.performance(PerformanceRequest { symbol: Some("pep".into()), ..Default::default() }).await.unwrap();
    assert_eq!((pep.scope.as_str(), pep.performance.total.fees), ("PEP in all portfolios", Decimal::from(2)));

    // A period that ended before today has no unrealized figure, and says why.
    let past = PerformanceRequest { portfolio: Some("Wheel".into()), to: Some(d(2026, 11, 1)), ..Default::default() };
    let past = engine.performance(past).await.unwrap();
    assert_eq!((past.performance.total.unrealized_pnl, past.performance.total.premium_collected), (None, Decimal::ZERO));
    assert!(past.notes[0].contains("only known as of today"), "{:?}", past.notes);
}

#[tokio::test]
async fn bad_performance_requests_name_their_field() {
    let dir = tempfile::tempdir().unwrap();
    let engine = open(&db_in(dir.path())).await;
    wheel_portfolio(&engine).await;
    let swapped = PerformanceRequest { from: Some(d(2026, 11, 30)), to: Some(d(2026, 11, 1)), ..Default::default() };
    let err = engine.performance(swapped).await.unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::InvalidInput, Some("from")));
    let future = PerformanceRequest { to: Some(d(2026, 12, 31)), ..Default::default() };
    let err = engine.performance(future).await.unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::InvalidInput, Some("to")));
    let err = engine.performance(PerformanceRequest { symbol: Some("MSFT".into()), ..Default::default() }).await.unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::NotFound, Some("symbol")));
    let err = engine.performance(PerformanceRequest { symbol: Some("not a symbol!".into()), ..Default::default() }).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidSymbol);
    let err = engine.performance(PerformanceRequest { portfolio: Some("Nope".into()), ..Default::default() }).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);
}

#[tokio::test]
async fn snapshots_are_unique_per_day_and_draw_a_trend() {
    let dir = tempfile::tempdir().unwrap();
    let engine = Arc::new(open(&db_in(dir.path())).await);
    wheel_portfolio(&engine).await;
    let buy = fill(Action::Buy, Some("PEP"), None, "100", "150");
    engine.add_fill(FillInput { portfolio: "Wheel".into(), fill: buy }).await.unwrap();

    let manual = engine.take_snapshot("Wheel", SnapshotKind::Manual).await.unwrap();
    assert_eq!(manual.summary.positions, 2);
    let shares = manual.positions.iter().find(|p| p.position == "shares").unwrap();
    let pep_spot = engine.quotes(&["PEP".into()]).await.unwrap()[0].mark().unwrap();
    assert_eq!((shares.symbol.as_str(), shares.quantity, shares.spot), ("PEP", 100.0, Some(pep_spot)));
    assert!((shares.unrealized_pnl.unwrap() - (100.0 * pep_spot - 15_000.0)).abs() < 1e-6);
    let put = manual.positions.iter().find(|p| p.position.starts_with("leg:")).unwrap();
    let monitored = &engine.positions("Wheel").await.unwrap()[0];
    assert_eq!((put.mark, put.moneyness, put.unrealized_pnl), (monitored.mark, Some(monitored.moneyness), monitored.unrealized_pnl));
    assert_eq!(put.dte, Some(25));

    // The day's daily snapshot, taken twice, is kept once.
    let first = engine.take_snapshot("Wheel", SnapshotKind::Daily).await.unwrap();
    let again = engine.take_snapshot("Wheel", SnapshotKind::Daily).await.unwrap();
    assert!(!first.replaced && again.replaced);
    let listed = engine.snapshots("Wheel", None).await.unwrap();
    assert_eq!(listed.iter().map(|s| s.kind).collect::<Vec<_>>(), [SnapshotKind::Daily, SnapshotKind::Manual]);
    let sum = manual.positions.iter().map(|p| p.unrealized_pnl.unwrap()).sum::<f64>();
    assert!((listed[1].unrealized_pnl.unwrap() - sum).abs() < 1e-6);

    // The next session's daily snapshot comes from the scheduled job.
    engine.step_demo_clock(ClockStep::NextSession).await.unwrap();
    let scheduler = Scheduler::new(engine.clone(), builtin(), Arc::new(Silent), "test");
    let run = scheduler.trigger("daily-snapshots").await.unwrap();
    assert_eq!((run.status, run.items), (RunStatus::Succeeded, Some(2)), "{:?}", run.message);
    let listed = engine.snapshots("Wheel", None).await.unwrap();
    assert_eq!(listed.len(), 3);
    assert_eq!((listed[0].trading_day, listed[1].trading_day), (d(2026, 11, 24), d(2026, 11, 23)));

    let trend = engine.snapshot_trend("Wheel", "KO").await.unwrap();
    assert_eq!(trend.len(), 1);
    let days: Vec<_> = trend[0].points.iter().map(|p| (p.trading_day, p.kind)).collect();
    assert_eq!(
        days,
        [(d(2026, 11, 23), SnapshotKind::Manual), (d(2026, 11, 23), SnapshotKind::Daily), (d(2026, 11, 24), SnapshotKind::Daily)]
    );
    assert!(trend[0].points.iter().all(|p| p.spot.is_some() && p.unrealized_pnl.is_some()));
    assert!(engine.snapshot_trend("Wheel", "MSFT").await.unwrap().is_empty());
    // The trend as a chart: the put's P&L at each snapshot, in the order they were taken.
    let chart_of = |symbol: &str| ChartRequest {
        chart: ChartKind::SnapshotTrend { portfolio: "Wheel".into(), symbol: symbol.into() },
        theme: Theme::Light,
        width: 800,
        height: 320,
    };
    let drawn = engine.chart(chart_of("KO")).await.unwrap().chart.expect("three snapshots hold KO");
    assert_eq!(drawn.series.len(), 1);
    assert_eq!(drawn.series[0].name, trend[0].description);
    let pnl: Vec<f64> = drawn.series[0].points.iter().map(|p| p[1]).collect();
    assert_eq!(pnl, trend[0].points.iter().map(|p| p.unrealized_pnl.unwrap()).collect::<Vec<_>>());
    let moments: Vec<f64> = drawn.series[0].points.iter().map(|p| p[0]).collect();
    assert!(moments.windows(2).all(|w| w[0] <= w[1]), "in the order they were taken: {moments:?}");
    assert!(moments[1] < moments[2]);
    assert_eq!(moments[2].floor() as i64, (d(2026, 11, 24) - d(1970, 1, 1)).num_days(), "the last on its trading day");
    let none = engine.chart(chart_of("MSFT")).await.unwrap();
    assert!(none.chart.is_none() && none.empty.as_deref().is_some_and(|e| e.contains("two snapshots")), "{:?}", none.empty);

    let err = engine.snapshots("Wheel", Some(0)).await.unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::InvalidInput, Some("limit")));
    assert_eq!(engine.take_snapshot("Nope", SnapshotKind::Manual).await.unwrap_err().code, ErrorCode::NotFound);
}
