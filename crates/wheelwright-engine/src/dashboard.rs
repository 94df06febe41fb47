//! The dashboard: a portfolio's day on one page — its money (cash, what the short puts secure,
//! premium and P&L this month and year), its open options watched with their risk, what expires
//! and goes ex-dividend soon, and the latest alerts about it. One call so the page loads in one
//! round trip; a market-data failure becomes a note beside the ledger's figures, never a blank page.

use crate::alerts::{Alert, InboxQuery};
use crate::error::Result;
use crate::strategy::{collateral, riskiest_first};
use crate::Engine;
use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use serde::Serialize;
use ts_rs::TS;
use wheelwright_domain::ledger::Side;
use wheelwright_domain::Right;
use wheelwright_strategy::agenda::{ex_dividends, expirations, ExDividend, ExpiryGroup};
use wheelwright_strategy::monitor::PositionView;

/// How far ahead expirations and ex-dividend dates are listed.
const AGENDA_DAYS: i64 = 45;
/// Alerts listed.
const LATEST_ALERTS: usize = 5;

#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct Dashboard {
    pub portfolio: String,
    #[ts(type = "string")]
    pub today: NaiveDate,
    pub provider: String,
    /// The capital the portfolio was set up with, when it was given one.
    #[ts(type = "string | null")]
    pub capital: Option<Decimal>,
    #[ts(type = "string")]
    pub cash: Decimal,
    /// What the open short puts secure (strike × multiplier × contracts).
    #[ts(type = "string")]
    pub collateral: Decimal,
    /// Cash less collateral: what new puts can be secured with.
    #[ts(type = "string")]
    pub free_cash: Decimal,
    /// Gross premium of short options opened this calendar month.
    #[ts(type = "string")]
    pub premium_month: Decimal,
    #[ts(type = "string")]
    pub premium_year: Decimal,
    #[ts(type = "string")]
    pub realized_month: Decimal,
    #[ts(type = "string")]
    pub realized_year: Decimal,
    /// Mark-to-market P&L of everything open; `None` when a mark is missing (see `notes`).
    #[ts(type = "string | null")]
    pub unrealized_pnl: Option<Decimal>,
    pub open_wheels: usize,
    /// Open options, riskiest first.
    pub positions: Vec<PositionView>,
    pub expirations: Vec<ExpiryGroup>,
    pub ex_dividends: Vec<ExDividend>,
    /// Latest undismissed alerts about this portfolio or about no portfolio in particular.
    pub alerts: Vec<Alert>,
    /// What could not be known, and why.
    pub notes: Vec<String>,
}

impl Engine {
    pub async fn dashboard(&self, portfolio: &str) -> Result<Dashboard> {
        let found = self.portfolio(portfolio).await?;
        let (wheels, cash) = self.wheels_with_figures(&found.name).await?;
        let today = self.market_today();
        let mut notes = Vec::new();

        // The month and the year on the Performance page's definitions (premium of short options
        // opened, P&L recognised), so the two pages agree; the positions are marked once for both.
        let first = |month: u32| NaiveDate::from_ymd_opt(today.year(), month, 1).expect("the first of a month exists");
        let (periods, marking) = self.performance_to_date(&found.name, &[first(1), first(today.month())]).await?;
        notes.extend(marking);
        let [performance, month] = <[_; 2]>::try_from(periods).expect("one performance per period asked");
        let month = month.total;

        // Wheel by wheel: a symbol the provider cannot price leaves a note, not an empty table.
        let mut positions = Vec::new();
        for wheel in &wheels {
            match self.watch(std::slice::from_ref(wheel)).await {
                Ok(views) => positions.extend(views),
                Err(e) => notes.push(format!("{} is not watched: {}", wheel.1.symbol, e.message)),
            }
        }
        riskiest_first(&mut positions);
        let summaries: Vec<_> = wheels.iter().map(|(_, s)| s.clone()).collect();
        let exposed: Vec<String> = summaries
            .iter()
            .filter(|s| !s.shares.is_zero() || s.open_options.iter().any(|o| o.right == Right::Call && o.side == Side::Short))
            .map(|s| s.symbol.clone())
            .collect();
        let quotes = if exposed.is_empty() {
            Vec::new()
        } else {
            self.quotes(&exposed).await.unwrap_or_else(|e| {
                notes.push(format!("ex-dividend dates are unknown: {}", e.message));
                Vec::new()
            })
        };
        let dividend_of = |symbol: &str| quotes.iter().find(|q| q.symbol.as_str() == symbol).and_then(|q| q.dividend.as_ref());

        let inbox = self.inbox(InboxQuery { unread_only: false, include_dismissed: false, limit: Some(100) }).await?;
        let alerts = inbox
            .alerts
            .into_iter()
            .filter(|a| a.portfolio.as_deref().is_none_or(|p| p.eq_ignore_ascii_case(&found.name)))
            .take(LATEST_ALERTS)
            .collect();

        let collateral = collateral(wheels.iter().map(|(_, s)| s));
        Ok(Dashboard {
            portfolio: found.name,
            today,
            provider: self.market_provider().to_string(),
            capital: found.default_capital,
            cash,
            collateral,
            free_cash: cash - collateral,
            premium_month: month.premium_collected,
            premium_year: performance.total.premium_collected,
            realized_month: month.realized_pnl,
            realized_year: performance.total.realized_pnl,
            unrealized_pnl: performance.total.unrealized_pnl,
            open_wheels: summaries.iter().filter(|s| !s.shares.is_zero() || !s.open_options.is_empty()).count(),
            positions,
            expirations: expirations(&summaries, today, AGENDA_DAYS),
            ex_dividends: ex_dividends(&summaries, dividend_of, today, AGENDA_DAYS),
            alerts,
            notes,
        })
    }
}
