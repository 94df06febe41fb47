//! The scheduler itself: the jobs' rows (created with the job's defaults the first time),
//! taking a due run under the job's lease, running it on its own task (a panic is a failed run,
//! not a dead scheduler), recording the outcome, and the loop the app and the headless
//! scheduler run until told to stop.

use super::{Job, JobContext, JobOutcome, Schedule};
use crate::error::{EngineError, Result};
use crate::ports::Notifier;
use crate::Engine;
use chrono::{DateTime, Duration, SecondsFormat, Utc};
use serde::Serialize;
use sqlx::SqliteConnection;
use std::sync::Arc;
use ts_rs::TS;
use wheelwright_alerts::RuleKind;
use wheelwright_domain::ErrorCode;

/// A lease outlives any sane run; one left by a crashed process frees itself after this.
const LEASE: Duration = Duration::minutes(30);
/// A scheduled run started later than this after its instant counts as a catch-up.
const ON_TIME: Duration = Duration::minutes(2);

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Trigger {
    Schedule,
    CatchUp,
    Manual,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RunStatus {
    Running,
    Succeeded,
    Failed,
    Skipped,
}

/// One run in the history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct RunRecord {
    pub id: i64,
    pub job: String,
    pub trigger: Trigger,
    #[ts(type = "string | null")]
    pub scheduled_for: Option<DateTime<Utc>>,
    #[ts(type = "string")]
    pub started_at: DateTime<Utc>,
    #[ts(type = "string | null")]
    pub finished_at: Option<DateTime<Utc>>,
    pub status: RunStatus,
    pub items: Option<i64>,
    pub message: Option<String>,
    pub runner: String,
}

/// A job as the Scheduler page and `wheelwright jobs list` show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct JobStatus {
    pub name: String,
    pub description: String,
    pub enabled: bool,
    pub schedule: Schedule,
    #[ts(type = "string | null")]
    pub next_run_at: Option<DateTime<Utc>>,
    pub last_run: Option<RunRecord>,
}

fn stamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// A stored run time (RFC 3339) read back.
pub(crate) fn instant(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text).ok().map(|t| t.with_timezone(&Utc))
}

impl Trigger {
    const ALL: [Trigger; 3] = [Trigger::Schedule, Trigger::CatchUp, Trigger::Manual];

    fn as_str(self) -> &'static str {
        match self {
            Trigger::Schedule => "schedule",
            Trigger::CatchUp => "catch_up",
            Trigger::Manual => "manual",
        }
    }
}

impl RunStatus {
    const ALL: [RunStatus; 4] = [RunStatus::Running, RunStatus::Succeeded, RunStatus::Failed, RunStatus::Skipped];

    fn as_str(self) -> &'static str {
        match self {
            RunStatus::Running => "running",
            RunStatus::Succeeded => "succeeded",
            RunStatus::Failed => "failed",
            RunStatus::Skipped => "skipped",
        }
    }
}

type RunRow = (i64, String, String, Option<String>, String, Option<String>, String, Option<i64>, Option<String>, String);

fn record(row: RunRow) -> RunRecord {
    let (id, job, trigger, scheduled_for, started_at, finished_at, status, items, message, runner) = row;
    RunRecord {
        id,
        job,
        trigger: Trigger::ALL.into_iter().find(|t| t.as_str() == trigger).unwrap_or(Trigger::Schedule),
        scheduled_for: scheduled_for.as_deref().and_then(instant),
        started_at: instant(&started_at).unwrap_or_default(),
        finished_at: finished_at.as_deref().and_then(instant),
        status: RunStatus::ALL.into_iter().find(|s| s.as_str() == status).unwrap_or(RunStatus::Failed),
        items,
        message,
        runner,
    }
}

const RUN_COLUMNS: &str = "id, job, trigger, scheduled_for, started_at, finished_at, status, items, message, runner";

/// The latest occurrence from `due` up to `now`, and how many earlier ones it stands for.
fn latest_occurrence(schedule: &Schedule, due: DateTime<Utc>, now: DateTime<Utc>) -> (DateTime<Utc>, u32) {
    let (mut latest, mut earlier) = (due, 0);
    // A week of one-minute runs at most; beyond that the exact count does not matter.
    for _ in 0..10_080 {
        match schedule.next_after(latest) {
            Some(next) if next <= now => {
                latest = next;
                earlier += 1;
            }
            _ => break,
        }
    }
    (latest, earlier)
}

/// A history row about to be written.
struct NewRun<'a> {
    job: &'a str,
    trigger: Trigger,
    scheduled_for: Option<DateTime<Utc>>,
    status: RunStatus,
    message: Option<&'a str>,
}

/// A run taken and about to execute.
struct Taken {
    id: i64,
    scheduled_for: Option<DateTime<Utc>>,
}

pub struct Scheduler {
    engine: Arc<Engine>,
    jobs: Vec<Arc<dyn Job>>,
    notifier: Arc<dyn Notifier>,
    /// Who runs: "app 1234", "scheduler 99" — in the history and on the lease.
    runner: String,
}

impl Scheduler {
    pub fn new(engine: Arc<Engine>, jobs: Vec<Arc<dyn Job>>, notifier: Arc<dyn Notifier>, host: &str) -> Scheduler {
        Scheduler { engine, jobs, notifier, runner: format!("{host} {}", std::process::id()) }
    }

    fn job(&self, name: &str) -> Result<&Arc<dyn Job>> {
        self.jobs.iter().find(|j| j.name() == name).ok_or_else(|| {
            let names: Vec<&str> = self.jobs.iter().map(|j| j.name()).collect();
            EngineError::field(ErrorCode::NotFound, "job", format!("no job '{name}': the jobs are {}", names.join(", ")))
        })
    }

    /// The job's row: its enabled flag, schedule, next run and last scheduled instant, created
    /// with the job's defaults the first time.
    async fn row(
        &self,
        conn: &mut SqliteConnection,
        job: &dyn Job,
        now: DateTime<Utc>,
    ) -> Result<(bool, Schedule, Option<DateTime<Utc>>, Option<DateTime<Utc>>)> {
        let found: Option<(bool, String, Option<String>, Option<String>)> =
            sqlx::query_as("SELECT enabled, schedule, next_run_at, last_scheduled_for FROM jobs WHERE name = ?")
                .bind(job.name())
                .fetch_optional(&mut *conn)
                .await?;
        if let Some((enabled, schedule, next, last)) = found {
            // A schedule another version wrote that no longer parses falls back to the default.
            let schedule = serde_json::from_str(&schedule).unwrap_or_else(|_| job.default_schedule());
            return Ok((enabled, schedule, next.as_deref().and_then(instant), last.as_deref().and_then(instant)));
        }
        let schedule = job.default_schedule();
        let next = schedule.next_after(now);
        sqlx::query("INSERT INTO jobs (name, enabled, schedule, next_run_at, updated_at) VALUES (?, ?, ?, ?, ?)")
            .bind(job.name())
            .bind(job.enabled_by_default())
            .bind(serde_json::to_string(&schedule).map_err(|e| EngineError::new(ErrorCode::Internal, e.to_string()))?)
            .bind(next.map(stamp))
            .bind(stamp(now))
            .execute(&mut *conn)
            .await?;
        Ok((job.enabled_by_default(), schedule, next, None))
    }

    /// Takes the job's lease if nobody holds a live one.
    async fn lease(&self, conn: &mut SqliteConnection, job: &str, now: DateTime<Utc>) -> Result<Option<String>> {
        sqlx::query("DELETE FROM job_leases WHERE job = ? AND expires_at <= ?").bind(job).bind(stamp(now)).execute(&mut *conn).await?;
        let holder: Option<String> =
            sqlx::query_scalar("SELECT holder FROM job_leases WHERE job = ?").bind(job).fetch_optional(&mut *conn).await?;
        if holder.is_some() {
            return Ok(holder);
        }
        sqlx::query("INSERT INTO job_leases (job, holder, expires_at) VALUES (?, ?, ?)")
            .bind(job)
            .bind(&self.runner)
            .bind(stamp(now + LEASE))
            .execute(&mut *conn)
            .await?;
        Ok(None)
    }

    async fn start_run(&self, conn: &mut SqliteConnection, run: NewRun<'_>, now: DateTime<Utc>) -> Result<i64> {
        let NewRun { job, trigger, scheduled_for, status, message } = run;
        let finished = (status != RunStatus::Running).then(|| stamp(now));
        let id = sqlx::query(
            "INSERT INTO job_runs (job, trigger, scheduled_for, started_at, finished_at, status, message, runner) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(job)
        .bind(trigger.as_str())
        .bind(scheduled_for.map(stamp))
        .bind(stamp(now))
        .bind(finished)
        .bind(status.as_str())
        .bind(message)
        .bind(&self.runner)
        .execute(&mut *conn)
        .await?
        .last_insert_rowid();
        Ok(id)
    }

    /// Decides, under the write lock, whether `job` runs now: `Some` if it was due and this
    /// process took it. A due run no longer relevant is recorded as skipped.
    async fn take_due(&self, job: &dyn Job, now: DateTime<Utc>) -> Result<Option<Taken>> {
        let mut tx = self.engine.store().write().await?;
        let (enabled, schedule, next, last) = self.row(&mut tx, job, now).await?;
        let due = match next {
            Some(due) if enabled && due <= now && last.is_none_or(|l| l < due) => due,
            _ => {
                tx.commit().await?;
                return Ok(None);
            }
        };
        // Of the occurrences missed since `due`, only the latest can still matter: run that one.
        let (due, missed) = latest_occurrence(&schedule, due, now);
        let following = schedule.next_after(now);
        let relevant = schedule.still_relevant(due, now, job.catch_up_within());
        if relevant && self.lease(&mut tx, job.name(), now).await?.is_some() {
            // A manual run elsewhere holds the job: look again on the next pass.
            tx.commit().await?;
            return Ok(None);
        }
        sqlx::query("UPDATE jobs SET next_run_at = ?, last_scheduled_for = ?, updated_at = ? WHERE name = ?")
            .bind(following.map(stamp))
            .bind(stamp(due))
            .bind(stamp(now))
            .bind(job.name())
            .execute(&mut *tx)
            .await?;
        let taken = if relevant {
            let trigger = if now - due > ON_TIME { Trigger::CatchUp } else { Trigger::Schedule };
            let run = NewRun { job: job.name(), trigger, scheduled_for: Some(due), status: RunStatus::Running, message: None };
            let id = self.start_run(&mut tx, run, now).await?;
            Some(Taken { id, scheduled_for: Some(due) })
        } else {
            let message = format!(
                "missed at {} (and {missed} earlier time(s)) while nothing was running; no longer relevant, so not caught up",
                stamp(due)
            );
            let run = NewRun {
                job: job.name(),
                trigger: Trigger::CatchUp,
                scheduled_for: Some(due),
                status: RunStatus::Skipped,
                message: Some(&message),
            };
            self.start_run(&mut tx, run, now).await?;
            None
        };
        tx.commit().await?;
        Ok(taken)
    }

    /// Executes a taken run on its own task and records how it ended.
    async fn execute(&self, job: Arc<dyn Job>, taken: Taken) -> Result<RunRecord> {
        let engine = self.engine.clone();
        let notifier = self.notifier.clone();
        let task_job = job.clone();
        let scheduled_for = taken.scheduled_for;
        let outcome = tokio::spawn(async move {
            let context = JobContext { engine: &engine, notifier: notifier.as_ref(), scheduled_for };
            let outcome = task_job.execute(&context).await;
            match &outcome {
                Ok(done) => task_job.on_success(&context, done).await,
                Err(error) => task_job.on_failure(&context, error).await,
            }
            outcome
        })
        .await
        .unwrap_or_else(|panic| Err(EngineError::new(ErrorCode::Internal, format!("the job stopped unexpectedly: {panic}"))));
        let now = self.engine.now();
        let (status, items, message) = match &outcome {
            Ok(JobOutcome { items, message }) => (RunStatus::Succeeded, Some(*items as i64), message.clone()),
            Err(e) => (RunStatus::Failed, None, format!("{}: {}", e.code, e.message)),
        };
        if let Err(e) = &outcome {
            tracing::warn!(job = job.name(), code = %e.code, "job failed: {}", e.message);
        }
        let mut tx = self.engine.store().write().await?;
        sqlx::query("UPDATE job_runs SET finished_at = ?, status = ?, items = ?, message = ? WHERE id = ?")
            .bind(stamp(now))
            .bind(status.as_str())
            .bind(items)
            .bind(&message)
            .bind(taken.id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM job_leases WHERE job = ? AND holder = ?").bind(job.name()).bind(&self.runner).execute(&mut *tx).await?;
        tx.commit().await?;
        if outcome.is_err() {
            // A job failing again and again is itself worth an alert; checking it must not
            // turn this run's record into something else.
            if let Err(e) = self.engine.check_alerts(&[RuleKind::JobFailing], self.notifier.as_ref()).await {
                tracing::warn!(job = job.name(), "the failing-job alert check failed: {}", e.message);
            }
        }
        self.run(taken.id).await
    }

    async fn run(&self, id: i64) -> Result<RunRecord> {
        let row: RunRow = sqlx::query_as(&format!("SELECT {RUN_COLUMNS} FROM job_runs WHERE id = ?"))
            .bind(id)
            .fetch_one(self.engine.store().pool())
            .await?;
        Ok(record(row))
    }

    /// Runs every job that is due now, each on its own task, and returns what ran (skipped
    /// catch-ups included in the history, not here).
    pub async fn run_due(&self) -> Result<Vec<RunRecord>> {
        let now = self.engine.now();
        let mut running = Vec::new();
        for job in &self.jobs {
            if let Some(taken) = self.take_due(job.as_ref(), now).await? {
                running.push(self.execute(job.clone(), taken));
            }
        }
        futures_util::future::join_all(running).await.into_iter().collect()
    }

    /// Runs a job now, whatever its schedule (not if a run of it is under way anywhere).
    pub async fn trigger(&self, name: &str) -> Result<RunRecord> {
        let job = self.job(name)?.clone();
        let now = self.engine.now();
        let mut tx = self.engine.store().write().await?;
        self.row(&mut tx, job.as_ref(), now).await?;
        if let Some(holder) = self.lease(&mut tx, job.name(), now).await? {
            tx.commit().await?;
            return Err(EngineError::field(
                ErrorCode::JobRunning,
                "job",
                format!("'{name}' is running already ({holder}): wait for it to finish"),
            ));
        }
        let run = NewRun { job: job.name(), trigger: Trigger::Manual, scheduled_for: None, status: RunStatus::Running, message: None };
        let id = self.start_run(&mut tx, run, now).await?;
        tx.commit().await?;
        self.execute(job, Taken { id, scheduled_for: None }).await
    }

    /// Every job with its schedule, next run and last run.
    pub async fn jobs(&self) -> Result<Vec<JobStatus>> {
        let now = self.engine.now();
        let mut out = Vec::new();
        for job in &self.jobs {
            let mut tx = self.engine.store().write().await?;
            let (enabled, schedule, next, _) = self.row(&mut tx, job.as_ref(), now).await?;
            tx.commit().await?;
            let last = self.history(Some(job.name()), 1).await?.into_iter().next();
            out.push(JobStatus {
                name: job.name().to_string(),
                description: job.description().to_string(),
                enabled,
                schedule,
                next_run_at: next.filter(|_| enabled),
                last_run: last,
            });
        }
        Ok(out)
    }

    /// Turns a job on or off, and/or gives it a new schedule (validated); the next run is
    /// computed from now.
    pub async fn update(&self, name: &str, enabled: Option<bool>, schedule: Option<Schedule>) -> Result<JobStatus> {
        let job = self.job(name)?.clone();
        if let Some(schedule) = &schedule {
            schedule.validate().map_err(|e| EngineError::field(ErrorCode::InvalidInput, "schedule", e.0))?;
        }
        let now = self.engine.now();
        let mut tx = self.engine.store().write().await?;
        let (was_enabled, was_schedule, _, _) = self.row(&mut tx, job.as_ref(), now).await?;
        let enabled = enabled.unwrap_or(was_enabled);
        let schedule = schedule.unwrap_or(was_schedule);
        sqlx::query("UPDATE jobs SET enabled = ?, schedule = ?, next_run_at = ?, updated_at = ? WHERE name = ?")
            .bind(enabled)
            .bind(serde_json::to_string(&schedule).map_err(|e| EngineError::new(ErrorCode::Internal, e.to_string()))?)
            .bind(schedule.next_after(now).map(stamp))
            .bind(stamp(now))
            .bind(name)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        self.jobs().await?.into_iter().find(|j| j.name == name).ok_or_else(|| EngineError::not_found("job", name))
    }

    /// The latest runs, newest first, of one job or all.
    pub async fn history(&self, job: Option<&str>, limit: u32) -> Result<Vec<RunRecord>> {
        if let Some(name) = job {
            self.job(name)?;
        }
        let rows: Vec<RunRow> =
            sqlx::query_as(&format!("SELECT {RUN_COLUMNS} FROM job_runs WHERE ?1 IS NULL OR job = ?1 ORDER BY id DESC LIMIT ?2"))
                .bind(job)
                .bind(limit.clamp(1, 1000))
                .fetch_all(self.engine.store().pool())
                .await?;
        Ok(rows.into_iter().map(record).collect())
    }

    /// Runs left "running" by a process that stopped mid-run (its lease is gone) are marked
    /// failed, so the history never shows a run that will not finish.
    pub async fn close_interrupted(&self) -> Result<u64> {
        let now = stamp(self.engine.now());
        let mut tx = self.engine.store().write().await?;
        let closed = sqlx::query(
            "UPDATE job_runs SET status = 'failed', finished_at = ?1, message = 'interrupted: Wheelwright stopped during the run'
             WHERE status = 'running' AND job NOT IN (SELECT job FROM job_leases WHERE expires_at > ?1)",
        )
        .bind(&now)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        tx.commit().await?;
        Ok(closed)
    }

    /// Looks for due jobs every `tick` until `stop` turns true; a run under way is finished
    /// before this returns.
    pub async fn run_until(&self, tick: std::time::Duration, mut stop: tokio::sync::watch::Receiver<bool>) {
        if let Err(e) = self.close_interrupted().await {
            tracing::warn!(code = %e.code, "could not close interrupted runs: {}", e.message);
        }
        while !*stop.borrow() {
            if let Err(e) = self.run_due().await {
                tracing::warn!(code = %e.code, "scheduler pass failed: {}", e.message);
            }
            tokio::select! {
                _ = tokio::time::sleep(tick) => {}
                _ = stop.changed() => {}
            }
        }
    }
}
