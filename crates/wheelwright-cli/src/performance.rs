//! `wheelwright dashboard`, `performance`, `snapshot take|list|trend` and the CSV exports (`export ledger`,
//! `positions`, `performance`, `monthly`): the performance and snapshot services from a
//! terminal, as tables, JSON or CSV.

use crate::args::{ChartCommand, ChartFlags, Command, ExportCommand, PeriodFlags, SnapshotCommand};
use crate::run::emit;
use crate::show::table;
use rust_decimal::Decimal;
use std::path::PathBuf;
use wheelwright_domain::performance::{Figures, Tally};
use wheelwright_domain::ErrorCode;
use wheelwright_engine::charts::{ChartKind, ChartRequest, ConcentrationBy, IncomeView, Theme};
use wheelwright_engine::dashboard::Dashboard;
use wheelwright_engine::performance::{PerformanceRequest, PerformanceView};
use wheelwright_engine::snapshots::{Snapshot, SnapshotKind, SnapshotSummary, TrendSeries};
use wheelwright_engine::{Engine, EngineError, Result};

fn request(flags: PeriodFlags) -> PerformanceRequest {
    PerformanceRequest { portfolio: flags.portfolio, symbol: flags.symbol, from: flags.from, to: flags.to }
}

fn pct(x: Option<f64>) -> String {
    x.map_or("–".into(), |x| format!("{:.1}%", 100.0 * x))
}

fn money(x: Option<Decimal>) -> String {
    x.map_or("–".into(), |x| format!("{:.2}", x))
}

fn rate(t: &Tally) -> String {
    format!("{}/{}/{} {}", t.wins, t.losses, t.even, pct(t.win_rate))
}

fn figures_row(name: String, f: &Figures) -> Vec<String> {
    vec![
        name,
        money(Some(f.premium_collected)),
        money(Some(f.realized_pnl)),
        money(f.unrealized_pnl),
        money(Some(f.fees)),
        rate(&f.legs),
        rate(&f.cycles),
        f.average_days_in_trade.map_or("–".into(), |d| format!("{d:.1}")),
        pct(f.annualized_return_on_collateral),
    ]
}

fn performance(view: &PerformanceView) -> String {
    let p = &view.performance;
    let from = p.period.from.map_or("the first fill".to_string(), |d| d.to_string());
    let mut out = format!("Performance of {} from {from} to {}\n", view.scope, p.period.to);
    let header = ["wheel", "premium", "realized", "unrealized", "fees", "legs W/L/E", "cycles W/L/E", "avg days", "return/yr"];
    let mut rows: Vec<Vec<String>> = p.wheels.iter().map(|w| figures_row(format!("{} {}", w.portfolio, w.symbol), &w.figures)).collect();
    rows.push(figures_row("TOTAL".into(), &p.total));
    out += &table(&header, rows);
    out += &format!(
        "{} assigned leg(s) outside the win rate; average premium {} over {} short leg(s); {:.0} collateral-days\n",
        p.total.legs_assigned,
        money(p.total.average_premium),
        p.total.short_legs_opened,
        p.total.collateral_days
    );
    if !p.months.is_empty() {
        let rows = p
            .months
            .iter()
            .map(|m| {
                let cells = [m.realized, m.premium, m.buybacks, m.fees, m.dividends, m.cash_flow];
                std::iter::once(m.month.clone()).chain(cells.iter().map(|c| format!("{c:.2}"))).collect()
            })
            .collect();
        out += &table(&["month", "realized", "premium", "buybacks", "fees", "dividends", "cash flow"], rows);
    }
    for (title, cycles) in [("best", &p.best_cycles), ("worst", &p.worst_cycles)] {
        for c in cycles.iter() {
            out += &format!(
                "{title}: {} {} cycle {} ({} → {}, {} days): {:.2}, {} a year on collateral\n",
                c.portfolio,
                c.symbol,
                c.number,
                c.started,
                c.ended,
                c.days,
                c.realized_pnl,
                pct(c.annualized_return_on_collateral)
            );
        }
    }
    for note in &view.notes {
        out += &format!("note: {note}\n");
    }
    out
}

fn num(x: Option<f64>, digits: usize) -> String {
    x.map_or("–".into(), |x| format!("{x:.digits$}"))
}

fn snapshot(s: &Snapshot) -> String {
    let verb = if s.replaced { "replaced the day's snapshot" } else { "took a snapshot" };
    let mut out = format!("{verb} #{} of {} ({:?}, {})\n", s.summary.id, s.summary.portfolio, s.summary.kind, s.summary.trading_day);
    let rows = s
        .positions
        .iter()
        .map(|p| vec![p.symbol.clone(), p.description.clone(), num(p.spot, 2), num(p.mark, 2), pct(p.moneyness), num(p.unrealized_pnl, 2)])
        .collect();
    out += &table(&["symbol", "position", "spot", "mark", "moneyness", "P&L"], rows);
    out
}

fn snapshots(list: &[SnapshotSummary]) -> String {
    if list.is_empty() {
        return "no snapshots\n".into();
    }
    let rows = list
        .iter()
        .map(|s| {
            vec![
                s.id.to_string(),
                s.trading_day.to_string(),
                format!("{:?}", s.kind).to_lowercase(),
                s.positions.to_string(),
                num(s.unrealized_pnl, 2),
            ]
        })
        .collect();
    table(&["id", "day", "kind", "positions", "P&L"], rows)
}

fn trend(series: &[TrendSeries]) -> String {
    if series.is_empty() {
        return "no snapshots of this symbol\n".into();
    }
    let mut out = String::new();
    for s in series {
        out += &format!("{} {} ({})\n", s.symbol, s.description, s.position);
        let rows = s
            .points
            .iter()
            .map(|p| {
                vec![
                    p.trading_day.to_string(),
                    format!("{:?}", p.kind).to_lowercase(),
                    num(p.spot, 2),
                    pct(p.moneyness),
                    num(p.unrealized_pnl, 2),
                ]
            })
            .collect();
        out += &table(&["day", "kind", "spot", "moneyness", "P&L"], rows);
    }
    out
}

fn write(content: impl AsRef<[u8]>, output: Option<PathBuf>) -> Result<()> {
    match output {
        Some(path) => {
            std::fs::write(&path, content).map_err(|e| EngineError::new(ErrorCode::Io, format!("cannot write {}: {e}", path.display())))
        }
        None => {
            use std::io::Write;
            std::io::stdout()
                .write_all(content.as_ref())
                .map_err(|e| EngineError::new(ErrorCode::Io, format!("cannot write the output: {e}")))
        }
    }
}

/// `wheelwright chart …`: the SVG to a file or standard output, or the whole chart as JSON.
pub async fn chart(engine: &Engine, chart: ChartCommand, look: ChartFlags, json: bool) -> Result<()> {
    let chart = match chart {
        ChartCommand::Payoff { symbol, portfolio } => ChartKind::Payoff { portfolio, symbol },
        ChartCommand::Price { symbol, portfolio, days } => ChartKind::Price { portfolio, symbol, days: Some(days) },
        ChartCommand::Income { period, cash_flow } => {
            ChartKind::Income { scope: request(period), view: if cash_flow { IncomeView::CashFlow } else { IncomeView::Realized } }
        }
        ChartCommand::Cumulative { period } => ChartKind::CumulativePnl { scope: request(period) },
        ChartCommand::RiskPnl { portfolio, sessions } => ChartKind::RiskDistribution { portfolio, sessions },
        ChartCommand::Exposure { portfolio, by } => {
            ChartKind::Concentration { portfolio, by: if by == "sector" { ConcentrationBy::Sector } else { ConcentrationBy::Name } }
        }
        ChartCommand::Limits { portfolio } => ChartKind::LimitUsage { portfolio },
        ChartCommand::Correlation { portfolio } => ChartKind::Correlation { portfolio },
        ChartCommand::Smile { symbol, expiry } => ChartKind::Smile { symbol, expiry },
        ChartCommand::Term { symbol } => ChartKind::TermStructure { symbol },
        ChartCommand::Trend { symbol, portfolio } => ChartKind::SnapshotTrend { portfolio, symbol },
    };
    let theme = if look.theme == "dark" { Theme::Dark } else { Theme::Light };
    let request = ChartRequest { chart, theme, width: look.width, height: look.height };
    if json {
        println!("{}", serde_json::to_string(&engine.chart(request).await?).expect("a chart serializes"));
        return Ok(());
    }
    let svg = engine.chart_svg(request).await?;
    match look.output {
        Some(path) if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("png")) => {
            write(wheelwright_engine::raster::png(&svg)?, Some(path))
        }
        output => write(svg, output),
    }
}

pub async fn export(engine: &Engine, command: ExportCommand) -> Result<()> {
    match command {
        ExportCommand::Fills { portfolio, output } => write(engine.export_csv(&portfolio).await?, output),
        ExportCommand::Positions { portfolio, output } => write(engine.export_positions(&portfolio).await?, output),
        ExportCommand::Performance { period, output } => write(engine.export_performance(request(period)).await?, output),
        ExportCommand::Monthly { period, output } => write(engine.export_monthly_income(request(period)).await?, output),
    }
}

/// "today", "in 1 day", "in 12 days"; an expiry past and still open says so.
fn days_away(days: i64) -> String {
    match days {
        n if n < 0 => format!("expired {} days ago, still open: record how it settled", -n),
        0 => "today".into(),
        1 => "in 1 day".into(),
        n => format!("in {n} days"),
    }
}

fn dashboard(d: &Dashboard) -> String {
    let signed = |x: Option<Decimal>| x.map_or("–".to_string(), |x| format!("{x:.2}"));
    let mut out = format!("{} on {} ({})\n", d.portfolio, d.today, d.provider);
    out += &table(
        &["cash", "collateral", "free", "premium month", "premium year", "realized month", "realized year", "unrealized"],
        vec![vec![
            format!("{:.2}", d.cash),
            format!("{:.2}", d.collateral),
            format!("{:.2}", d.free_cash),
            format!("{:.2}", d.premium_month),
            format!("{:.2}", d.premium_year),
            format!("{:.2}", d.realized_month),
            format!("{:.2}", d.realized_year),
            signed(d.unrealized_pnl),
        ]],
    );
    out += &crate::strategy::positions(&d.positions);
    for group in &d.expirations {
        let legs: Vec<String> =
            group.legs.iter().map(|l| format!("{} {} {} ×{}", l.symbol, l.strike, l.right.word(), l.contracts)).collect();
        out += &format!(
            "expires {} ({}): {}; cash if assigned {:.2}, shares if called {}\n",
            group.expiry,
            days_away(group.days),
            legs.join(", "),
            group.cash_if_assigned,
            group.shares_if_called
        );
    }
    for x in &d.ex_dividends {
        let calls =
            if x.calls_open_over_it.is_empty() { String::new() } else { format!("; short calls open over it: {:?}", x.calls_open_over_it) };
        out += &format!(
            "ex-dividend {} {} ({}): {:.2} a share, {:.2} on {} shares{calls}\n",
            x.symbol,
            x.ex_date,
            days_away(x.days),
            x.amount,
            x.income,
            x.shares
        );
    }
    for alert in &d.alerts {
        out += &format!("alert {}: {}\n", alert.created_at.format("%Y-%m-%d %H:%M"), alert.title);
    }
    for note in &d.notes {
        out += &format!("note: {note}\n");
    }
    out
}

pub async fn run(engine: &Engine, command: Command, json: bool) -> Result<()> {
    match command {
        Command::Dashboard { portfolio } => emit(json, &engine.dashboard(&portfolio).await?, dashboard),
        Command::Performance { period } => emit(json, &engine.performance(request(period)).await?, performance),
        Command::Snapshot(SnapshotCommand::Take { portfolio, daily }) => {
            let kind = if daily { SnapshotKind::Daily } else { SnapshotKind::Manual };
            emit(json, &engine.take_snapshot(&portfolio, kind).await?, snapshot)
        }
        Command::Snapshot(SnapshotCommand::List { portfolio, limit }) => {
            emit(json, &engine.snapshots(&portfolio, Some(limit)).await?, |l| snapshots(l))
        }
        Command::Snapshot(SnapshotCommand::Trend { symbol, portfolio }) => {
            emit(json, &engine.snapshot_trend(&portfolio, &symbol).await?, |t| trend(t))
        }
        _ => unreachable!("dispatch sends only performance and snapshot commands here"),
    }
}
