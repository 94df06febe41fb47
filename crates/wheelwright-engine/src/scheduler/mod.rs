//! Work the app does while nobody is looking: jobs with an interval or cron [`Schedule`] read
//! in New York time (optionally only on session days or in market hours), their settings and run
//! history in SQLite, and a [`Scheduler`] that runs what is due.
//!
//! Jobs are plugins through the [`Job`] trait, registered at compile time ([`builtin`]); a job
//! that fails or panics is recorded as failed and affects no other. One run of a job at a time,
//! across processes too: a run first takes the job's lease row and the scheduled instant it
//! serves, in one write transaction, so the app and `wheelwright run-scheduler` on one database
//! never both take a run.
//!
//! Catch-up (the computer slept, the app was closed): a job whose run came due while nobody ran
//! it runs **once** when the scheduler next looks — never once per missed occurrence — if that
//! run is still relevant: a market-hours job only while the same session is still open, any
//! other within the job's catch-up allowance (12 hours unless the job says otherwise).
//! Otherwise the miss is recorded as skipped and the job waits for its next occurrence.

mod builtin;
mod runner;
mod schedule;

pub use builtin::builtin;
pub(crate) use runner::instant;
pub use runner::{JobStatus, RunRecord, RunStatus, Scheduler, Trigger};
pub use schedule::{Cadence, Schedule, ScheduleError, Window};

use crate::error::{EngineError, Result};
use crate::ports::Notifier;
use crate::Engine;
use async_trait::async_trait;
use chrono::{DateTime, Duration, Utc};

/// What a run did, for the history.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct JobOutcome {
    /// Items processed (symbols refreshed, fills synced, notifications sent).
    pub items: u64,
    pub message: String,
}

/// What a running job may use.
pub struct JobContext<'a> {
    pub engine: &'a Engine,
    pub notifier: &'a dyn Notifier,
    /// The scheduled instant this run serves; `None` for a manual run.
    pub scheduled_for: Option<DateTime<Utc>>,
}

#[async_trait]
pub trait Job: Send + Sync {
    /// A stable name, kebab-case: the CLI and the settings use it.
    fn name(&self) -> &'static str;
    fn description(&self) -> &'static str;
    fn default_schedule(&self) -> Schedule;
    fn enabled_by_default(&self) -> bool {
        true
    }
    /// How late a missed run may still be caught up (market-hours jobs: the same session only).
    fn catch_up_within(&self) -> Duration {
        Duration::hours(12)
    }
    async fn execute(&self, context: &JobContext<'_>) -> Result<JobOutcome>;
    async fn on_success(&self, _context: &JobContext<'_>, _outcome: &JobOutcome) {}
    async fn on_failure(&self, _context: &JobContext<'_>, _error: &EngineError) {}
}
