//! The risk services through the engine on the Demo market: a book of a short put and shares
//! assembled from the ledger, chains and a year of closes; its report (collateral traceable to
//! the ledger, VaR three ways); the limits setting; and the pre-trade check — with bad requests
//! refused by field.

use super::strategy::{fill, wheel_portfolio};
use super::{db_in, open};
use wheelwright_domain::{Action, ErrorCode};
use wheelwright_engine::charts::{ChartKind, ChartRequest, ConcentrationBy, Theme};
use wheelwright_engine::model::FillInput;
use wheelwright_engine::risk::{RiskRequest, RiskView, TradeAction, TradeKind, TradeRequest};
use wheelwright_engine::Engine;
use wheelwright_risk::limits::{LimitName, Limits, Status};
use wheelwright_risk::parametric::Method;
use wheelwright_risk::pretrade::Verdict;

#[tokio::test]
async fn a_demo_book_has_its_risk_and_trades_are_checked_against_the_limits() {
    let dir = tempfile::tempdir().unwrap();
    let engine = open(&db_in(dir.path())).await;
    let strike = wheel_portfolio(&engine).await;
    engine.add_fill(FillInput { portfolio: "Wheel".into(), fill: fill(Action::Buy, Some("PEP"), None, "100", "150") }).await.unwrap();
    let strike: f64 = strike.try_into().unwrap();

    let view = engine.risk(RiskRequest { portfolio: "Wheel".into(), paths: Some(20_000), seed: Some(1) }).await.unwrap();
    let e = &view.report.exposure;
    // Cash from the ledger: 50,000 + 110 premium − 15,000 for PEP.
    assert_eq!(e.cash, 35_110.0);
    let put = e.holdings.iter().find(|h| h.symbol == "KO").unwrap();
    assert_eq!(put.quantity, -1.0);
    assert!((put.collateral - (strike - 1.10) * 100.0).abs() < 1e-9, "strike less the premium received");
    assert!((e.free_cash - (35_110.0 - strike * 100.0)).abs() < 1e-9);
    let pep = e.holdings.iter().find(|h| h.symbol == "PEP").unwrap();
    assert_eq!(pep.delta_shares, 100.0);
    assert_eq!(view.estimate.symbols, ["KO", "PEP"]);
    assert!(view.estimate.observations >= 240, "a year of common sessions, got {}", view.estimate.observations);
    assert!(view.annual_vol.iter().all(|v| *v > 0.05 && *v < 1.0), "{:?}", view.annual_vol);
    assert_eq!(view.estimate.correlation.len(), 4);
    // 2 horizons × 2 confidences × 3 methods, every VaR a loss and ES beyond it.
    assert_eq!(view.report.var.len(), 12);
    for v in &view.report.var {
        assert!(v.var > 0.0 && v.expected_shortfall >= v.var * 0.999, "{v:?}");
    }
    let mc30 = view.report.var.iter().find(|v| v.method == Method::MonteCarlo && v.sessions == 30 && v.confidence == 0.99).unwrap();
    let mc1 = view.report.var.iter().find(|v| v.method == Method::MonteCarlo && v.sessions == 1 && v.confidence == 0.99).unwrap();
    assert!(mc30.var > 2.0 * mc1.var, "30 sessions risk more than one: {} vs {}", mc30.var, mc1.var);
    assert_eq!(view.provider, "demo");
    risk_charts_draw_the_measurement(&engine, &view).await;

    // Limits: the defaults until set; a bad one refused by name.
    assert_eq!(engine.limits().await.unwrap(), Limits::default());
    let err = engine.set_limits(Limits { max_name_pct: 0.0, ..Limits::default() }).await.unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::InvalidInput, Some("max_name_pct")));
    let tight = Limits { max_position_pct: 5.0, ..Limits::default() };
    engine.set_limits(tight).await.unwrap();
    assert_eq!(engine.limits().await.unwrap(), tight);

    // Selling two more KO puts at the held strike: a position of 3 × strike × 100 of a ~50k book.
    let trade = TradeRequest {
        portfolio: "Wheel".into(),
        symbol: "ko".into(),
        action: TradeAction::Sell,
        kind: TradeKind::Put,
        quantity: 2,
        strike: Some(strike),
        expiry: chrono::NaiveDate::from_ymd_opt(2026, 12, 18),
        price: None,
    };
    let check = engine.check_trade(trade.clone()).await.unwrap();
    assert!(check.trade.starts_with(&format!("Sell 2 KO Dec 18 2026 {strike} put at ")), "{}", check.trade);
    let position = check.result.checks.iter().find(|c| c.limit == LimitName::Position).unwrap();
    let want = 3.0 * strike * 100.0 / check.result.after.net_liquidation * 100.0;
    assert!((position.value_pct.unwrap() - want).abs() < 1e-9, "{position:?} vs {want}");
    assert_eq!(position.status, Status::Violation);
    assert_eq!(check.result.verdict, Verdict::Violations);
    assert!(
        (check.result.after.free_cash - (check.result.before.free_cash + 2.0 * 100.0 * check.price - 2.0 * strike * 100.0)).abs() < 1e-6
    );

    // Bad trades name their field.
    let err = engine.check_trade(TradeRequest { quantity: 0, ..trade.clone() }).await.unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::InvalidQuantity, Some("quantity")));
    let err = engine.check_trade(TradeRequest { strike: Some(strike + 0.37), ..trade.clone() }).await.unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::NotFound, Some("strike")));
    let err = engine.check_trade(TradeRequest { expiry: None, ..trade.clone() }).await.unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::MissingField, Some("strike")));
    let err = engine.check_trade(TradeRequest { price: Some(-1.0), ..trade.clone() }).await.unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::NegativePrice, Some("price")));
    let err = engine.risk(RiskRequest { portfolio: "Wheel".into(), paths: Some(10), seed: None }).await.unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::InvalidInput, Some("paths")));
    let err = engine.risk(RiskRequest { portfolio: "Nope".into(), ..RiskRequest::default() }).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);

    // Buying 10 shares of a new name adds it to the book (its history, its sector).
    let shares = TradeRequest {
        symbol: "XOM".into(),
        action: TradeAction::Buy,
        kind: TradeKind::Shares,
        quantity: 10,
        strike: None,
        expiry: None,
        ..trade
    };
    let check = engine.check_trade(shares).await.unwrap();
    let sector = check.result.checks.iter().find(|c| c.limit == LimitName::Sector).unwrap();
    assert_eq!(sector.subject.as_deref(), Some("Energy"), "the Demo market knows XOM's sector");
}

fn chart_of(chart: ChartKind) -> ChartRequest {
    ChartRequest { chart, theme: Theme::Dark, width: 800, height: 300 }
}

/// The risk page's charts draw the measurement just made (20,000 paths, not a fresh default run
/// of 100,000): the distribution's bars hold every path not counted beyond its ends, its VaR lines
/// stand at the report's Monte Carlo figures, the exposure bars are the report's shares, the
/// usage bars its limit checks, and the heat map its correlation matrix.
async fn risk_charts_draw_the_measurement(engine: &Engine, view: &RiskView) {
    let wheel = || "Wheel".to_string();
    let drawn = engine.chart(chart_of(ChartKind::RiskDistribution { portfolio: wheel(), sessions: 30 })).await.unwrap();
    assert!(drawn.notes[0].starts_with("Monte Carlo, 20,000 paths (seed 1)"), "{:?}", drawn.notes);
    let chart = drawn.chart.unwrap();
    let shape = view.report.distributions.iter().find(|d| d.sessions == 30).unwrap();
    assert_eq!(shape.counts.iter().sum::<usize>() + shape.below + shape.above, 20_000);
    let share: f64 = chart.series[0].points.iter().map(|p| p[1]).sum();
    let inside = (20_000 - shape.below - shape.above) as f64 / 20_000.0;
    assert!((share - inside).abs() < 1e-9, "{share} vs {inside}");
    let mc99 = view.report.var.iter().find(|v| v.method == Method::MonteCarlo && v.sessions == 30 && v.confidence == 0.99).unwrap();
    // Labelled with the P&L where the line stands: a loss, with a true minus.
    let line = chart.marks.iter().find(|m| m.label.starts_with("VaR 99% \u{2212}$")).unwrap();
    assert_eq!(line.value, -mc99.var);
    assert!(chart.x.min <= -mc99.expected_shortfall, "the ES line is on the chart");
    let err = engine.chart(chart_of(ChartKind::RiskDistribution { portfolio: wheel(), sessions: 5 })).await.unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::InvalidInput, Some("sessions")));
    assert!(err.message.contains("1 or 30"), "{}", err.message);

    let names = engine.chart(chart_of(ChartKind::Concentration { portfolio: wheel(), by: ConcentrationBy::Name })).await.unwrap();
    let chart = names.chart.unwrap();
    let symbols: Vec<&str> = view.report.exposure.names.iter().map(|n| n.symbol.as_str()).collect();
    assert_eq!(chart.x.categories, symbols, "in the report's order (largest first)");
    assert_eq!(symbols.len(), 2);
    for (point, name) in chart.series[0].points.iter().zip(&view.report.exposure.names) {
        assert!((point[1] - name.pct.unwrap() / 100.0).abs() < 1e-12);
    }
    assert_eq!(chart.marks[0].value, 0.25, "the default name limit, 25%");

    let usage = engine.chart(chart_of(ChartKind::LimitUsage { portfolio: wheel() })).await.unwrap().chart.unwrap();
    let name_bar = usage.x.categories.iter().position(|c| c.starts_with("Name ")).unwrap();
    let fullest_name = view.report.exposure.names.iter().map(|n| n.pct.unwrap()).fold(0.0, f64::max);
    assert!((usage.series[0].points[name_bar][1] - fullest_name / 25.0).abs() < 1e-12);
    let cash = view.limits.iter().find(|c| c.limit == LimitName::Cash).unwrap();
    let cash_bar = usage.x.categories.iter().position(|c| c == "Free cash").unwrap();
    assert!((usage.series[0].points[cash_bar][1] - 10.0 / cash.value_pct.unwrap()).abs() < 1e-12, "a floor's usage is limit ÷ value");

    let correlation = engine.chart(chart_of(ChartKind::Correlation { portfolio: wheel() })).await.unwrap().chart.unwrap();
    assert_eq!(correlation.series.len(), 2);
    assert_eq!(correlation.series[0].points[0][1], 1.0);
    assert_eq!(correlation.series[0].points[1][1], view.estimate.correlation[1]);
    assert_eq!(correlation.series[1].points[0][1], view.estimate.correlation[2]);
}
