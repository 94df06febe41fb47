//! CSV exports for spreadsheets and accountants: the positions marked now, performance per wheel
//! with a total row, and monthly income in both views. (The ledger itself is the fills export in
//! the native, re-importable format: `csv_format::write`.) Money is written exactly as the ledger
//! holds it; ratios as fractions (0.125 for 12.5%); unknown figures as empty cells. The app saves
//! an export as a new file in a folder (never over an existing one).

use crate::csv_format::table;
use crate::error::{EngineError, Result};
use crate::files::{file_safe, write_new};
use crate::performance::PerformanceRequest;
use crate::Engine;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::path::Path;
use ts_rs::TS;
use wheelwright_domain::performance::{Figures, Tally};
use wheelwright_domain::ErrorCode;

/// What to export.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ExportKind {
    /// The fills in the native, re-importable format (one portfolio).
    Ledger,
    /// Open positions marked now (one portfolio).
    Positions,
    Performance,
    MonthlyIncome,
}

impl ExportKind {
    fn slug(self) -> &'static str {
        match self {
            ExportKind::Ledger => "ledger",
            ExportKind::Positions => "positions",
            ExportKind::Performance => "performance",
            ExportKind::MonthlyIncome => "monthly-income",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct ExportRequest {
    pub kind: ExportKind,
    /// The scope and period (ledger and positions need the portfolio).
    #[serde(default)]
    pub scope: PerformanceRequest,
}

/// A file an export wrote.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct ExportedFile {
    pub path: String,
    /// Data rows (the header not counted).
    pub rows: usize,
}

fn money(amount: Decimal) -> String {
    amount.to_string()
}

fn maybe<T>(value: Option<T>, show: impl Fn(T) -> String) -> String {
    value.map(show).unwrap_or_default()
}

fn ratio(value: f64) -> String {
    format!("{value:.6}")
}

const PERFORMANCE_HEADER: [&str; 20] = [
    "portfolio",
    "symbol",
    "premium_collected",
    "realized_pnl",
    "unrealized_pnl",
    "fees",
    "dividends",
    "legs_won",
    "legs_lost",
    "legs_even",
    "legs_assigned",
    "leg_win_rate",
    "cycles_won",
    "cycles_lost",
    "cycle_win_rate",
    "short_legs_opened",
    "average_premium",
    "average_days_in_trade",
    "collateral_days",
    "annualized_return_on_collateral",
];

fn performance_row(portfolio: &str, symbol: &str, f: &Figures) -> Vec<String> {
    let rate = |t: &Tally| maybe(t.win_rate, ratio);
    vec![
        portfolio.to_string(),
        symbol.to_string(),
        money(f.premium_collected),
        money(f.realized_pnl),
        maybe(f.unrealized_pnl, money),
        money(f.fees),
        money(f.dividends),
        f.legs.wins.to_string(),
        f.legs.losses.to_string(),
        f.legs.even.to_string(),
        f.legs_assigned.to_string(),
        rate(&f.legs),
        f.cycles.wins.to_string(),
        f.cycles.losses.to_string(),
        rate(&f.cycles),
        f.short_legs_opened.to_string(),
        maybe(f.average_premium, money),
        maybe(f.average_days_in_trade, |d| format!("{d:.2}")),
        money(f.collateral_days),
        maybe(f.annualized_return_on_collateral, ratio),
    ]
}

impl Engine {
    /// A portfolio's open positions marked now.
    pub async fn export_positions(&self, portfolio: &str) -> Result<String> {
        let positions = self.marked_positions(portfolio).await?;
        let header = ["symbol", "position", "description", "quantity", "spot", "mark", "moneyness", "dte", "unrealized_pnl", "risk"];
        table(
            &header,
            positions.iter().map(|p| {
                vec![
                    p.symbol.clone(),
                    p.position.clone(),
                    p.description.clone(),
                    p.quantity.to_string(),
                    maybe(p.spot, |s| format!("{s:.4}")),
                    maybe(p.mark, |m| format!("{m:.4}")),
                    maybe(p.moneyness, ratio),
                    maybe(p.dte, |d| d.to_string()),
                    maybe(p.unrealized_pnl, |u| format!("{u:.2}")),
                    maybe(p.risk, |r| format!("{r:?}").to_uppercase()),
                ]
            }),
        )
    }

    /// Performance per wheel over the period, then the total.
    pub async fn export_performance(&self, request: PerformanceRequest) -> Result<String> {
        let view = self.performance(request).await?;
        let p = &view.performance;
        let rows = p.wheels.iter().map(|w| performance_row(&w.portfolio, &w.symbol, &w.figures));
        table(&PERFORMANCE_HEADER, rows.chain(std::iter::once(performance_row("TOTAL", "", &p.total))))
    }

    /// Monthly income over the period: the realized view and the cash-flow view side by side.
    pub async fn export_monthly_income(&self, request: PerformanceRequest) -> Result<String> {
        let view = self.performance(request).await?;
        let header = ["month", "realized", "premium", "buybacks", "fees", "dividends", "adjustments", "cash_flow"];
        table(
            &header,
            view.performance.months.iter().map(|m| {
                vec![
                    m.month.clone(),
                    money(m.realized),
                    money(m.premium),
                    money(m.buybacks),
                    money(m.fees),
                    money(m.dividends),
                    money(m.adjustments),
                    money(m.cash_flow),
                ]
            }),
        )
    }

    /// Writes an export as a new CSV file in `directory`: wheelwright-<kind>-<scope>-<day>.csv,
    /// numbered when that name is taken.
    pub async fn export_file(&self, request: ExportRequest, directory: &Path) -> Result<ExportedFile> {
        let needs_portfolio = || {
            request.scope.portfolio.clone().ok_or_else(|| {
                EngineError::field(
                    ErrorCode::InvalidInput,
                    "portfolio",
                    format!("a {} export is of one portfolio: name it", request.kind.slug()),
                )
            })
        };
        let text = match request.kind {
            ExportKind::Ledger => self.export_csv(&needs_portfolio()?).await?,
            ExportKind::Positions => self.export_positions(&needs_portfolio()?).await?,
            ExportKind::Performance => self.export_performance(request.scope.clone()).await?,
            ExportKind::MonthlyIncome => self.export_monthly_income(request.scope.clone()).await?,
        };
        let scope = request.scope.portfolio.as_deref().map_or("all".to_string(), file_safe);
        let stem = format!("wheelwright-{}-{scope}-{}", request.kind.slug(), self.market_today());
        let path = write_new(directory, &stem, "csv", text.as_bytes())?;
        let rows = text.lines().count().saturating_sub(1);
        Ok(ExportedFile { path: path.display().to_string(), rows })
    }
}
