//! CSV exports for spreadsheets and accountants: the positions marked now, performance per wheel
//! with a total row, and monthly income in both views. (The ledger itself is the fills export in
//! the native, re-importable format: `csv_format::write`.) Money is written exactly as the ledger
//! holds it; ratios as fractions (0.125 for 12.5%); unknown figures as empty cells.

use crate::csv_format::table;
use crate::error::Result;
use crate::performance::PerformanceRequest;
use crate::Engine;
use rust_decimal::Decimal;
use wheelwright_domain::performance::{Figures, Tally};

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
}
