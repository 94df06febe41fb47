//! The jobs Wheelwright ships, registered through the same [`Job`] trait a plugin would use.
//! Each does real work today; the jobs of later features (scans, risk, alerts) join this list
//! when those features land.
//!
//! | job | default schedule | what it does |
//! |---|---|---|
//! | `refresh-quotes` | every 5 min in market hours | quotes the symbols of every open wheel, keeping the cache warm |
//! | `demo-settlement` | every 15 min | settles Demo paper portfolios whose options the Demo clock has passed |
//! | `login-reminder` | 09:00 daily | the Schwab login warning as a notification (day 6, expired), once a day |
//! | `daily-snapshots` | 16:30 on session days | snapshots every portfolio's open positions (one per trading day) |
//! | `broker-sync` | 17:00 on session days, off until enabled | syncs every portfolio linked to a Schwab account |

use super::{Job, JobContext, JobOutcome, Schedule, Window};
use crate::broker::SyncRequest;
use crate::error::{EngineError, Result};
use crate::snapshots::SnapshotKind;
use async_trait::async_trait;
use std::sync::Arc;
use wheelwright_domain::ErrorCode;
use wheelwright_domain::WheelState;

/// Every built-in job, in the order the Scheduler page lists them.
pub fn builtin() -> Vec<Arc<dyn Job>> {
    vec![Arc::new(RefreshQuotes), Arc::new(DemoSettlement), Arc::new(LoginReminder), Arc::new(DailySnapshots), Arc::new(BrokerSync)]
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

struct LoginReminder;

#[async_trait]
impl Job for LoginReminder {
    fn name(&self) -> &'static str {
        "login-reminder"
    }
    fn description(&self) -> &'static str {
        "Warns by notification when the Schwab login is about to expire (day 6) or has expired"
    }
    fn default_schedule(&self) -> Schedule {
        Schedule::cron("0 9 * * *", Window::Always)
    }
    async fn execute(&self, context: &JobContext<'_>) -> Result<JobOutcome> {
        Ok(match context.engine.remind_login(context.notifier).await? {
            Some(warning) => JobOutcome { items: 1, message: warning },
            None => JobOutcome { items: 0, message: "nothing to remind".into() },
        })
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
