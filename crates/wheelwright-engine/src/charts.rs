//! The charts the app and the CLI show, built from the ledger and the market and drawn by
//! `wheelwright-charts`: a wheel's payoff and its price with strikes and bases, monthly income and
//! cumulative realized P&L, a symbol's positions across snapshots, the risk page's charts
//! (`risk_charts`) and the chain page's volatility charts (`vol_charts`). A chart with nothing to
//! show comes back empty with what to do next, so the UI can show an empty state rather than an
//! error. Charts also save as SVG or PNG files.

use crate::error::{EngineError, Result};
use crate::files::{file_safe, write_new};
use crate::market::HistoryRequest;
use crate::performance::PerformanceRequest;
use crate::raster;
pub use crate::risk_charts::ConcentrationBy;
use crate::Engine;
use chrono::{Datelike, Duration, NaiveDate};
use chrono_tz::America::New_York;
use serde::{Deserialize, Serialize};
use std::path::Path;
use ts_rs::TS;
use wheelwright_charts::{AxisSpec, BarGroup, BarSpec, ChartError, LineSpec, MarkAxis, MarkSpec, Role, Scale, SeriesSpec, Size};
pub use wheelwright_charts::{Chart, Theme};
use wheelwright_domain::ledger::Side;
use wheelwright_domain::market::Interval;
use wheelwright_domain::{ErrorCode, Right, WheelSummary};
use wheelwright_pricing::calendar::new_york_date;
use wheelwright_strategy::payoff::{payoff, Position};
use wheelwright_strategy::value::{float, Context};

/// Which chart.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ChartKind {
    /// The open position's P&L across prices, at the first expiry and today.
    Payoff { portfolio: String, symbol: String },
    /// Daily closes with the open strikes, the shares' cost and the adjusted basis.
    Price {
        portfolio: String,
        symbol: String,
        /// Calendar days back from today (default 180).
        #[serde(default)]
        #[ts(optional)]
        days: Option<u32>,
    },
    /// Income by month over a scope and period, in the realized or the cash-flow view.
    Income {
        #[serde(default)]
        scope: PerformanceRequest,
        view: IncomeView,
    },
    /// Realized P&L over a scope and period, added up month by month.
    CumulativePnl {
        #[serde(default)]
        scope: PerformanceRequest,
    },
    /// The Monte Carlo P&L of the portfolio's latest measured risk over `sessions` (1 or 30),
    /// with its VaR and expected shortfall.
    RiskDistribution { portfolio: String, sessions: u32 },
    /// Exposure by name or by sector as a share of the book, against its limit.
    Concentration { portfolio: String, by: ConcentrationBy },
    /// How much of each of the trader's limits the book uses.
    LimitUsage { portfolio: String },
    /// The correlation of the held names' daily returns.
    Correlation { portfolio: String },
    /// IV by strike of one expiry of a symbol's chain.
    Smile {
        symbol: String,
        #[ts(type = "string")]
        expiry: NaiveDate,
    },
    /// The at-the-money IV of each expiry of a symbol's chain, about a year out.
    TermStructure { symbol: String },
    /// The unrealized P&L of a symbol's positions in a portfolio, snapshot by snapshot.
    SnapshotTrend { portfolio: String, symbol: String },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum IncomeView {
    /// P&L recognised in the month.
    Realized,
    /// premium − buybacks − fees + dividends + adjustments.
    CashFlow,
}

/// How a saved chart is written: SVG (crisp at any size, editable) or PNG (twice the chart's
/// pixel size, for documents and chats that take no SVG).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ChartFormat {
    #[default]
    Svg,
    Png,
}

/// A chart to draw, in a theme and at a size in pixels.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct ChartRequest {
    pub chart: ChartKind,
    #[serde(default)]
    pub theme: Theme,
    pub width: u32,
    pub height: u32,
}

/// A chart as the UI shows it.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct ChartView {
    pub title: String,
    /// `None` when there is nothing to draw yet; `empty` then says what to do.
    pub chart: Option<Chart>,
    pub empty: Option<String>,
    /// What the chart leaves out or assumes, and why.
    pub notes: Vec<String>,
    /// Where the numbers come from: "Demo market · Mar 2, 10:00 ET", "ledger".
    pub source: String,
}

/// The provider as the user knows it.
pub(crate) fn provider_name(id: &str) -> &str {
    match id {
        "demo" => "Demo market",
        "schwab" => "Schwab",
        "tradier" => "Tradier",
        other => other,
    }
}

/// Days since 1970-01-01, the charts' date axis.
pub(crate) fn day_number(day: NaiveDate) -> f64 {
    (day - NaiveDate::from_ymd_opt(1970, 1, 1).expect("a valid date")).num_days() as f64
}

/// "$52.10": a price to the cent for a label.
pub(crate) fn dollars(price: f64) -> String {
    format!("${price:.2}")
}

/// The size was checked before drawing, so whatever plotters or the data refuse now is a fault
/// of ours, not the user's input.
fn chart_error(error: ChartError) -> EngineError {
    EngineError::new(ErrorCode::Internal, error.to_string())
}

impl ChartView {
    pub(crate) fn drawn(
        title: String,
        chart: std::result::Result<Chart, ChartError>,
        notes: Vec<String>,
        source: String,
    ) -> Result<ChartView> {
        Ok(ChartView { title, chart: Some(chart.map_err(chart_error)?), empty: None, notes, source })
    }

    pub(crate) fn empty(title: String, what_to_do: impl Into<String>, source: String) -> ChartView {
        ChartView { title, chart: None, empty: Some(what_to_do.into()), notes: Vec::new(), source }
    }

    /// Empty because the provider has no price for `symbol` now.
    pub(crate) fn no_price(title: String, symbol: &str, source: String) -> ChartView {
        ChartView::empty(title, format!("the provider has no price for {symbol} now: try again when it quotes"), source)
    }
}

/// The strike lines of a wheel's open options: "Put 50", "Call 55".
fn strike_marks(summary: &WheelSummary, axis: MarkAxis) -> Vec<MarkSpec> {
    summary
        .open_options
        .iter()
        .map(|o| {
            let right = if o.right == Right::Put { "Put" } else { "Call" };
            let side = if o.side == Side::Long { "long " } else { "" };
            MarkSpec { label: format!("{side}{right} {}", o.strike.normalize()), axis, value: float(o.strike), role: Role::Strike }
        })
        .collect()
}

impl Engine {
    /// Draws the chart `request` asks for.
    pub async fn chart(&self, request: ChartRequest) -> Result<ChartView> {
        let size = Size::checked(request.width, request.height).map_err(|e| {
            let field = if (Size::MIN.width..=Size::MAX.width).contains(&request.width) { "height" } else { "width" };
            EngineError::field(ErrorCode::InvalidInput, field, e.to_string())
        })?;
        let theme = request.theme;
        match request.chart {
            ChartKind::Payoff { portfolio, symbol } => self.payoff_chart(&portfolio, &symbol, size, theme).await,
            ChartKind::Price { portfolio, symbol, days } => self.price_chart(&portfolio, &symbol, days.unwrap_or(180), size, theme).await,
            ChartKind::Income { scope, view } => self.income_chart(scope, view, size, theme).await,
            ChartKind::CumulativePnl { scope } => self.cumulative_chart(scope, size, theme).await,
            ChartKind::RiskDistribution { portfolio, sessions } => self.risk_distribution_chart(&portfolio, sessions, size, theme).await,
            ChartKind::Concentration { portfolio, by } => self.concentration_chart(&portfolio, by, size, theme).await,
            ChartKind::LimitUsage { portfolio } => self.limit_usage_chart(&portfolio, size, theme).await,
            ChartKind::Correlation { portfolio } => self.correlation_chart(&portfolio, size, theme).await,
            ChartKind::Smile { symbol, expiry } => self.smile_chart(&symbol, expiry, size, theme).await,
            ChartKind::TermStructure { symbol } => self.term_structure_chart(&symbol, size, theme).await,
            ChartKind::SnapshotTrend { portfolio, symbol } => self.snapshot_trend_chart(&portfolio, &symbol, size, theme).await,
        }
    }

    /// Saves the chart as a new SVG or PNG file in `directory`; returns its path.
    pub async fn save_chart(&self, request: ChartRequest, directory: &Path, format: ChartFormat) -> Result<String> {
        let slug = match &request.chart {
            ChartKind::Payoff { symbol, .. } => format!("payoff-{}", file_safe(&symbol.to_uppercase())),
            ChartKind::Price { symbol, .. } => format!("price-{}", file_safe(&symbol.to_uppercase())),
            ChartKind::Income { .. } => "income".to_string(),
            ChartKind::CumulativePnl { .. } => "cumulative-pnl".to_string(),
            ChartKind::RiskDistribution { portfolio, sessions } => format!("risk-pnl-{sessions}d-{}", file_safe(portfolio)),
            ChartKind::Concentration { portfolio, by } => {
                let by = if *by == ConcentrationBy::Name { "names" } else { "sectors" };
                format!("exposure-{by}-{}", file_safe(portfolio))
            }
            ChartKind::LimitUsage { portfolio } => format!("limits-{}", file_safe(portfolio)),
            ChartKind::Correlation { portfolio } => format!("correlation-{}", file_safe(portfolio)),
            ChartKind::Smile { symbol, expiry } => format!("smile-{}-{expiry}", file_safe(&symbol.to_uppercase())),
            ChartKind::TermStructure { symbol } => format!("term-structure-{}", file_safe(&symbol.to_uppercase())),
            ChartKind::SnapshotTrend { portfolio, symbol } => {
                format!("trend-{}-{}", file_safe(&symbol.to_uppercase()), file_safe(portfolio))
            }
        };
        let svg = self.chart_svg(request).await?;
        let (bytes, extension) = match format {
            ChartFormat::Svg => (svg.into_bytes(), "svg"),
            ChartFormat::Png => {
                // Font loading and rasterizing are seconds of CPU at worst: off the async workers.
                let png = tokio::task::spawn_blocking(move || raster::png(&svg))
                    .await
                    .map_err(|e| EngineError::new(ErrorCode::Internal, format!("the PNG export stopped: {e}")))??;
                (png, "png")
            }
        };
        let path = write_new(directory, &format!("wheelwright-{slug}-{}", self.market_today()), extension, &bytes)?;
        Ok(path.display().to_string())
    }

    /// The chart's SVG document, or a `not_found` error saying what to do when there is nothing
    /// to draw yet.
    pub async fn chart_svg(&self, request: ChartRequest) -> Result<String> {
        let view = self.chart(request).await?;
        let chart = view.chart.ok_or_else(|| {
            EngineError::new(ErrorCode::NotFound, format!("{} has nothing to draw yet: {}", view.title, view.empty.unwrap_or_default()))
        })?;
        Ok(chart.svg)
    }

    async fn payoff_chart(&self, portfolio: &str, symbol: &str, size: Size, theme: Theme) -> Result<ChartView> {
        let detail = self.wheel(portfolio, symbol).await?;
        let summary = &detail.summary;
        let title = format!("{} payoff", summary.symbol);
        let days_ahead = summary.open_options.iter().map(|o| (o.expiry - self.market_today()).num_days()).max().unwrap_or(0).max(0);
        let chain = self.chain_ahead(&summary.symbol, days_ahead).await?;
        let source =
            format!("{} · {}", provider_name(self.market_provider()), chain.time.with_timezone(&New_York).format("%b %-d %H:%M ET"));
        let Some(ctx) = Context::of(&chain) else { return Ok(ChartView::no_price(title, &summary.symbol, source)) };
        let position = Position::of(summary, &chain, &ctx);
        if position.is_empty() {
            return Ok(ChartView::empty(title, "no open position: sell a put to see its payoff", source));
        }
        let drawn = payoff(&position, &ctx);
        let points = |line: &[f64]| drawn.prices.iter().zip(line).map(|(&p, &v)| [p, v]).collect::<Vec<_>>();
        let expiry_name = drawn.horizon.map_or("At any date".to_string(), |h| format!("At expiry {}", h.format("%b %-d")));
        let mut series = vec![SeriesSpec { name: expiry_name, role: Role::Primary, dashed: false, points: points(&drawn.at_expiry) }];
        if let Some(today) = &drawn.today {
            series.push(SeriesSpec { name: "Today".into(), role: Role::Secondary, dashed: true, points: points(today) });
        }
        let mut marks = vec![MarkSpec { label: String::new(), axis: MarkAxis::Y, value: 0.0, role: Role::Neutral }];
        marks.push(MarkSpec { label: format!("Now {}", dollars(ctx.spot)), axis: MarkAxis::X, value: ctx.spot, role: Role::Spot });
        marks.extend(strike_marks(summary, MarkAxis::X));
        marks.extend(drawn.breakevens.iter().map(|&b| MarkSpec {
            label: format!("Breakeven {}", dollars(b)),
            axis: MarkAxis::X,
            value: b,
            role: Role::Breakeven,
        }));
        let spec = LineSpec {
            title: title.clone(),
            x: AxisSpec { label: format!("{} price", summary.symbol), scale: Scale::Price },
            y: AxisSpec { label: "P&L".into(), scale: Scale::Money },
            series,
            marks,
        };
        ChartView::drawn(title, wheelwright_charts::line(&spec, size, theme), drawn.notes, source)
    }

    async fn price_chart(&self, portfolio: &str, symbol: &str, days: u32, size: Size, theme: Theme) -> Result<ChartView> {
        if !(5..=3650).contains(&days) {
            return Err(EngineError::field(ErrorCode::InvalidInput, "days", format!("a price chart spans 5 to 3650 days, not {days}")));
        }
        let detail = self.wheel(portfolio, symbol).await?;
        let summary = &detail.summary;
        let title = format!("{} price", summary.symbol);
        let today = self.market_today();
        let request = HistoryRequest {
            symbol: summary.symbol.clone(),
            from: today - Duration::days(i64::from(days)),
            to: today,
            interval: Interval::Daily,
        };
        let history = self.history(request).await?;
        let source = format!("{} · daily closes to {}", provider_name(self.market_provider()), today.format("%b %-d"));
        if history.bars.is_empty() {
            return Ok(ChartView::empty(title, format!("{} has no price history from the provider yet", summary.symbol), source));
        }
        let closes = history.bars.iter().map(|b| [day_number(new_york_date(b.time)), b.close]).collect();
        let mut marks = strike_marks(summary, MarkAxis::Y);
        if summary.shares > rust_decimal::Decimal::ZERO {
            let cost: rust_decimal::Decimal = summary.lots.iter().map(|l| l.basis).sum::<rust_decimal::Decimal>() / summary.shares;
            marks.push(MarkSpec {
                label: format!("Cost {}", dollars(float(cost))),
                axis: MarkAxis::Y,
                value: float(cost),
                role: Role::Basis,
            });
        }
        if let Some(adjusted) = summary.adjusted_basis_per_share {
            let value = float(adjusted);
            marks.push(MarkSpec { label: format!("Adj. basis {}", dollars(value)), axis: MarkAxis::Y, value, role: Role::Breakeven });
        } else if let Some(breakeven) = summary.breakeven {
            let value = float(breakeven);
            marks.push(MarkSpec { label: format!("Breakeven {}", dollars(value)), axis: MarkAxis::Y, value, role: Role::Breakeven });
        }
        let mut notes = Vec::new();
        if !history.missing_sessions.is_empty() {
            notes.push(format!("{} sessions have no bar from the provider; the line joins across them", history.missing_sessions.len()));
        }
        let spec = LineSpec {
            title: title.clone(),
            x: AxisSpec { label: String::new(), scale: Scale::Date },
            y: AxisSpec { label: String::new(), scale: Scale::Price },
            series: vec![SeriesSpec { name: "Close".into(), role: Role::Primary, dashed: false, points: closes }],
            marks,
        };
        ChartView::drawn(title, wheelwright_charts::line(&spec, size, theme), notes, source)
    }

    async fn income_chart(&self, scope: PerformanceRequest, view: IncomeView, size: Size, theme: Theme) -> Result<ChartView> {
        let performance = self.performance(scope).await?;
        let title = match view {
            IncomeView::Realized => "Realized P&L by month",
            IncomeView::CashFlow => "Option cash flow by month",
        }
        .to_string();
        let source = format!("ledger · {}", performance.scope);
        let months = &performance.performance.months;
        if months.is_empty() {
            return Ok(ChartView::empty(title, "no income yet: sell a put and it shows here by month", source));
        }
        let amount =
            |m: &wheelwright_domain::performance::MonthIncome| float(if view == IncomeView::Realized { m.realized } else { m.cash_flow });
        let spec = BarSpec {
            title: title.clone(),
            categories: months.iter().map(|m| month_label(&m.month)).collect(),
            y: AxisSpec { label: String::new(), scale: Scale::Money },
            groups: vec![BarGroup {
                name: if view == IncomeView::Realized { "Realized" } else { "Cash flow" }.into(),
                role: Role::Signed,
                values: months.iter().map(amount).collect(),
                roles: Vec::new(),
            }],
            marks: Vec::new(),
        };
        ChartView::drawn(title, wheelwright_charts::bars(&spec, size, theme), performance.notes, source)
    }

    async fn cumulative_chart(&self, scope: PerformanceRequest, size: Size, theme: Theme) -> Result<ChartView> {
        let performance = self.performance(scope).await?;
        let title = "Cumulative realized P&L".to_string();
        let today = self.market_today();
        let source = format!("ledger · {}", performance.scope);
        let mut total = 0.0;
        let mut points = Vec::new();
        let months = &performance.performance.months;
        if months.iter().all(|m| m.realized.is_zero()) {
            return Ok(ChartView::empty(title, "nothing realized yet: a closed or expired option starts this line", source));
        }
        for month in months {
            let Some(end) = month_end(&month.month) else { continue };
            if points.is_empty() {
                // Start from zero at the end of the month before, so the first month is a rise.
                let start = end.with_day(1).expect("day 1 exists") - Duration::days(1);
                points.push([day_number(start), 0.0]);
            }
            total += float(month.realized);
            // The month still running is drawn at today, not at its end in the future.
            points.push([day_number(end.min(today)), total]);
        }
        let spec = LineSpec {
            title: title.clone(),
            x: AxisSpec { label: String::new(), scale: Scale::Date },
            y: AxisSpec { label: String::new(), scale: Scale::Money },
            series: vec![SeriesSpec { name: "Realized to date".into(), role: Role::Primary, dashed: false, points }],
            marks: vec![MarkSpec { label: String::new(), axis: MarkAxis::Y, value: 0.0, role: Role::Neutral }],
        };
        ChartView::drawn(title, wheelwright_charts::line(&spec, size, theme), performance.notes, source)
    }

    async fn snapshot_trend_chart(&self, portfolio: &str, symbol: &str, size: Size, theme: Theme) -> Result<ChartView> {
        let trend = self.snapshot_trend(portfolio, symbol).await?;
        let title = format!("{} unrealized P&L by snapshot", symbol.to_uppercase());
        let source = format!("snapshots · {portfolio}");
        // Each snapshot at the moment it was taken (in days, as the date axis counts), so a
        // manual one and the day's daily one stand apart.
        let at = |taken: chrono::DateTime<chrono::Utc>| taken.timestamp() as f64 / 86_400.0;
        // The shares solid in the main colour, the option legs dashed in the second (the
        // readout names each line).
        let series: Vec<SeriesSpec> = trend
            .iter()
            .map(|position| {
                let shares = position.position == "shares";
                SeriesSpec {
                    name: position.description.clone(),
                    role: if shares { Role::Primary } else { Role::Secondary },
                    dashed: !shares,
                    points: position.points.iter().filter_map(|p| p.unrealized_pnl.map(|pnl| [at(p.taken_at), pnl])).collect(),
                }
            })
            .filter(|s| !s.points.is_empty())
            .collect();
        // Two moments with a P&L to draw, else there is no trend yet.
        let mut moments = series.iter().flat_map(|s| &s.points).map(|p| p[0]);
        let first = moments.next();
        if !moments.any(|at| Some(at) != first) {
            let what = format!(
                "a trend needs two snapshots that hold {}: the daily one is taken at 16:30 New York time, or take one now",
                symbol.to_uppercase()
            );
            return Ok(ChartView::empty(title, what, source));
        }
        let spec = LineSpec {
            title: title.clone(),
            x: AxisSpec { label: String::new(), scale: Scale::Date },
            y: AxisSpec { label: String::new(), scale: Scale::Money },
            series,
            marks: vec![MarkSpec { label: String::new(), axis: MarkAxis::Y, value: 0.0, role: Role::Neutral }],
        };
        ChartView::drawn(title, wheelwright_charts::line(&spec, size, theme), Vec::new(), source)
    }
}

/// "2026-03" → "Mar 2026" (not "Mar 26", which reads as a day).
fn month_label(month: &str) -> String {
    NaiveDate::parse_from_str(&format!("{month}-01"), "%Y-%m-%d").map_or_else(|_| month.to_string(), |d| d.format("%b %Y").to_string())
}

/// "2026-03" → 2026-03-31.
fn month_end(month: &str) -> Option<NaiveDate> {
    let first = NaiveDate::parse_from_str(&format!("{month}-01"), "%Y-%m-%d").ok()?;
    let next = if first.month() == 12 { NaiveDate::from_ymd_opt(first.year() + 1, 1, 1)? } else { first.with_month(first.month() + 1)? };
    Some(next - Duration::days(1))
}
