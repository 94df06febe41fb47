//! The jobs Wheelwright ships, registered through the same [`Job`] trait a plugin would use.
//! Alert checks are split by what they watch and how often it changes: prices, positions and
//! limits every 15 minutes while the market is open; earnings and dividends once before the
//! open; the broker login once a day; failing jobs after every failed run (the runner does
//! that, so it needs no job of its own).
//!
//! | job | default schedule | what it does |
//! |---|---|---|
//! | `refresh-quotes` | every 5 min in market hours | quotes the symbols of every open wheel, keeping the cache warm |
//! | `demo-settlement` | every 15 min | settles Demo paper portfolios whose options the Demo clock has passed |
//! | `token-expiry-check` | 09:00 daily | alerts when the Schwab login is about to expire (day 6) or has expired |
//! | `opening-scan` | 09:45 on session days | scans every watchlist's symbols and alerts on opportunities above the rule's yield |
//! | `risk-monitor` | every 15 min in market hours | checks price, position and limit alert rules |
//! | `events-check` | 08:00 on session days | alerts on earnings inside an open option's term and early-assignment risk (ex-dividend) |
//! | `daily-snapshots` | 16:30 on session days | snapshots every portfolio's open positions (one per trading day) |
//! | `broker-sync` | 17:00 on session days, off until enabled | syncs every portfolio linked to a Schwab account |

use super::{Job, JobContext, JobOutcome, Schedule, Window};
use crate::alerts::AlertCheck;
use crate::broker::SyncRequest;
use crate::error::{EngineError, Result};
use crate::snapshots::SnapshotKind;
use crate::strategy::ScanRequest;
use async_trait::async_trait;
use std::sync::Arc;
use wheelwright_alerts::{RuleKind, Silence};
use wheelwright_domain::ErrorCode;
use wheelwright_domain::WheelState;

/// Every built-in job, in the order the Scheduler page lists them.
pub fn builtin() -> Vec<Arc<dyn Job>> {
    vec![
        Arc::new(RefreshQuotes),
        Arc::new(DemoSettlement),
        Arc::new(TokenExpiryCheck),
        Arc::new(OpeningScan),
        Arc::new(RiskMonitor),
        Arc::new(EventsCheck),
        Arc::new(DailySnapshots),
        Arc::new(BrokerSync),
    ]
}

struct RefreshQuotes;

#[async_trait]
impl Job for RefreshQuotes {
    fn name(&self) -> &'static str {
        "refresh-quotes"
    }
    fn description(&self) -> &'static str {
        "Quotes the symbols of every open wheel (puts, shares or calls held)"
    }
    fn default_schedule(&self) -> Schedule {
        Schedule::every(5, Window::MarketHours)
    }
    async fn execute(&self, context: &JobContext<'_>) -> Result<JobOutcome> {
        let mut symbols = Vec::new();
        for portfolio in context.engine.list_portfolios().await? {
            for wheel in context.engine.list_wheels(&portfolio.portfolio.name).await? {
                if wheel.state != WheelState::Idle && !symbols.contains(&wheel.symbol) {
                    symbols.push(wheel.symbol);
                }
            }
        }
        let mut quoted = 0;
        for chunk in symbols.chunks(100) {
            quoted += context.engine.quotes(chunk).await?.len() as u64;
        }
        Ok(JobOutcome { items: quoted, message: format!("{quoted} of {} open symbols quoted", symbols.len()) })
    }
}

struct DemoSettlement;

#[async_trait]
impl Job for DemoSettlement {
    fn name(&self) -> &'static str {
        "demo-settlement"
    }
    fn description(&self) -> &'static str {
        "Expires, assigns or exercises the options of Demo paper portfolios once the Demo clock passes their expiration"
    }
    fn default_schedule(&self) -> Schedule {
        Schedule::every(15, Window::Always)
    }
    async fn execute(&self, context: &JobContext<'_>) -> Result<JobOutcome> {
        let settled = context.engine.demo_clock().await?.settled;
        Ok(JobOutcome { items: settled.len() as u64, message: format!("{} option position(s) settled", settled.len()) })
    }
}

/// What an alert check did, for the run history.
fn checked(check: &AlertCheck) -> JobOutcome {
    let mut message = format!(
        "{} rule(s) checked, {} alert(s) raised, {} held back by their cooldown",
        check.rules_checked,
        check.raised.len(),
        check.held_back
    );
    if let Some(silence) = check.silence {
        message.push_str(match silence {
            Silence::QuietHours => " (quiet hours: not notified)",
            Silence::Paused { .. } => " (alerts paused: not notified)",
        });
    }
    if !check.notes.is_empty() {
        message.push_str(&format!("; not observed: {}", check.notes.join("; ")));
    }
    JobOutcome { items: check.raised.len() as u64, message }
}

struct TokenExpiryCheck;

#[async_trait]
impl Job for TokenExpiryCheck {
    fn name(&self) -> &'static str {
        "token-expiry-check"
    }
    fn description(&self) -> &'static str {
        "Alerts when the Schwab login is about to expire (day 6) or has expired"
    }
    fn default_schedule(&self) -> Schedule {
        Schedule::cron("0 9 * * *", Window::Always)
    }
    async fn execute(&self, context: &JobContext<'_>) -> Result<JobOutcome> {
        Ok(checked(&context.engine.check_alerts(&[RuleKind::TokenExpiry], context.notifier).await?))
    }
}

struct OpeningScan;

#[async_trait]
impl Job for OpeningScan {
    fn name(&self) -> &'static str {
        "opening-scan"
    }
    fn description(&self) -> &'static str {
        "Scans every watchlist's symbols after the open and alerts on opportunities above the rule's yield"
    }
    fn default_schedule(&self) -> Schedule {
        Schedule::cron("45 9 * * *", Window::SessionDays)
    }
    async fn execute(&self, context: &JobContext<'_>) -> Result<JobOutcome> {
        let mut symbols: Vec<String> = Vec::new();
        for summary in context.engine.list_watchlists().await? {
            for entry in context.engine.watchlist(&summary.name).await?.entries {
                if !symbols.contains(&entry.symbol) {
                    symbols.push(entry.symbol);
                }
            }
        }
        if symbols.is_empty() {
            return Ok(JobOutcome { items: 0, message: "no watchlist has a symbol to scan".into() });
        }
        let request = ScanRequest { watchlist: None, symbols, portfolio: None, filter: Default::default() };
        let scan = context.engine.scan(request, &|_| {}).await?;
        let check = context.engine.check_alerts(&[RuleKind::Opportunity], context.notifier).await?;
        let mut outcome = checked(&check);
        outcome.message = format!("{} candidate(s) from {} symbol(s); {}", scan.candidates.len(), scan.scanned, outcome.message);
        Ok(outcome)
    }
}

struct RiskMonitor;

#[async_trait]
impl Job for RiskMonitor {
    fn name(&self) -> &'static str {
        "risk-monitor"
    }
    fn description(&self) -> &'static str {
        "Checks the price, position and limit alert rules (crossings, moves, ITM, expiry, risk HIGH, take-profit, limits)"
    }
    fn default_schedule(&self) -> Schedule {
        Schedule::every(15, Window::MarketHours)
    }
    async fn execute(&self, context: &JobContext<'_>) -> Result<JobOutcome> {
        Ok(checked(&context.engine.check_alerts(&MONITORED, context.notifier).await?))
    }
}

/// The kinds the risk monitor checks.
const MONITORED: [RuleKind; 7] = [
    RuleKind::PriceCrosses,
    RuleKind::DailyMove,
    RuleKind::InTheMoney,
    RuleKind::ExpiringSoon,
    RuleKind::RiskHigh,
    RuleKind::TakeProfit,
    RuleKind::LimitBreach,
];

struct EventsCheck;

#[async_trait]
impl Job for EventsCheck {
    fn name(&self) -> &'static str {
        "events-check"
    }
    fn description(&self) -> &'static str {
        "Before the open: earnings inside an open option's term, and early-assignment risk (ex-dividend calls, deep ITM puts)"
    }
    fn default_schedule(&self) -> Schedule {
        Schedule::cron("0 8 * * *", Window::SessionDays)
    }
    async fn execute(&self, context: &JobContext<'_>) -> Result<JobOutcome> {
        Ok(checked(&context.engine.check_alerts(&[RuleKind::Earnings, RuleKind::EarlyAssignment], context.notifier).await?))
    }
}

struct DailySnapshots;

#[async_trait]
impl Job for DailySnapshots {
    fn name(&self) -> &'static str {
        "daily-snapshots"
    }
    fn description(&self) -> &'static str {
        "Snapshots the open positions of every portfolio after the close (price, moneyness, P&L), one per trading day"
    }
    fn default_schedule(&self) -> Schedule {
        Schedule::cron("30 16 * * *", Window::SessionDays)
    }
    async fn execute(&self, context: &JobContext<'_>) -> Result<JobOutcome> {
        let (mut taken, mut positions, mut failed) = (0u64, 0u64, Vec::new());
        for overview in context.engine.list_portfolios().await? {
            if overview.open_wheels == 0 {
                continue;
            }
            // One portfolio that cannot be snapshotted does not cost the others their day.
            match context.engine.take_snapshot(&overview.portfolio.name, SnapshotKind::Daily).await {
                Ok(snapshot) => {
                    taken += 1;
                    positions += u64::from(snapshot.summary.positions);
                }
                Err(e) => failed.push(format!("{}: {}", overview.portfolio.name, e.message)),
            }
        }
        let message = format!("{taken} portfolio(s) snapshotted, {positions} position(s)");
        if failed.is_empty() {
            Ok(JobOutcome { items: positions, message })
        } else {
            Err(EngineError::new(ErrorCode::Io, format!("{message}; failed: {}", failed.join("; "))))
        }
    }
}

struct BrokerSync;

#[async_trait]
impl Job for BrokerSync {
    fn name(&self) -> &'static str {
        "broker-sync"
    }
    fn description(&self) -> &'static str {
        "Syncs the transactions of every portfolio linked to a Schwab account, with reconciliation"
    }
    fn default_schedule(&self) -> Schedule {
        Schedule::cron("0 17 * * *", Window::SessionDays)
    }
    fn enabled_by_default(&self) -> bool {
        false
    }
    async fn execute(&self, context: &JobContext<'_>) -> Result<JobOutcome> {
        let mut added = 0;
        let mut portfolios = Vec::new();
        for overview in context.engine.list_portfolios().await? {
            let portfolio = overview.portfolio;
            if !portfolio.account_link.as_deref().is_some_and(|link| link.starts_with("schwab:")) {
                continue;
            }
            let report =
                context.engine.broker_sync(&SyncRequest { portfolio: portfolio.name.clone(), account: None, from: None, to: None }).await?;
            added += report.added.len() as u64;
            let attention = report.needs_attention.len() + report.reconciliation.differences.len();
            portfolios.push(format!("{}: {} added, {attention} to look at", portfolio.name, report.added.len()));
        }
        let message = if portfolios.is_empty() { "no portfolio is linked to Schwab".to_string() } else { portfolios.join("; ") };
        Ok(JobOutcome { items: added, message })
    }
}
