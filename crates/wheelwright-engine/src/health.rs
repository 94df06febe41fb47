//! The health report of the About & health page and `wheelwright health --json`: where the data
//! lives and how big it is, the schema version, which provider answers and whether its login
//! holds, this process's request counts, error rates and latencies per provider (the
//! [`crate::metrics`] store), whether the scheduled jobs run on time, and their durations. Job durations come from the
//! job-run history rather than from memory: they outlive a restart and include the runs of
//! other processes (the CLI's), which is what "is the nightly job getting slower" needs.

use crate::broker::connection::Provider;
use crate::error::Result;
use crate::metrics::RequestStats;
use crate::redact::redact;
use crate::scheduler::instant;
use crate::store::MIGRATOR;
use crate::Engine;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;
use std::time::Instant;
use ts_rs::TS;
use wheelwright_domain::Symbol;

/// What to check.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct HealthRequest {
    /// Ask the provider for one quote (SPY) first, so the report says whether it answers now.
    #[serde(default)]
    pub probe: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct DatabaseHealth {
    pub path: String,
    /// The database file with its write-ahead log.
    pub bytes: u64,
    pub schema_version: i64,
    /// The newest schema this version of Wheelwright knows.
    pub schema_latest: i64,
}

/// The answer to the probe.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct Probe {
    pub ok: bool,
    pub ms: f64,
    pub error: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct ProviderHealth {
    pub provider: Provider,
    /// Whether requests can be made (the Demo market always; a broker once its login is set).
    pub ready: bool,
    /// One line for the user: what is connected, or what to do.
    pub detail: String,
    #[ts(type = "string | null")]
    pub login_expires_at: Option<DateTime<Utc>>,
    pub warning: Option<String>,
    pub probe: Option<Probe>,
}

/// A job's runs over the history kept.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct JobHealth {
    pub job: String,
    /// Finished runs (skipped ones excluded).
    pub runs: u32,
    pub failures: u32,
    pub last_status: String,
    #[ts(type = "string | null")]
    pub last_finished_at: Option<DateTime<Utc>>,
    pub last_ms: Option<f64>,
    pub mean_ms: Option<f64>,
    pub max_ms: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct Health {
    pub version: String,
    #[ts(type = "string")]
    pub checked_at: DateTime<Utc>,
    /// When this process started: the request figures cover the time since.
    #[ts(type = "string")]
    pub since: DateTime<Utc>,
    pub database: DatabaseHealth,
    pub log_dir: Option<String>,
    pub provider: ProviderHealth,
    pub requests: Vec<RequestStats>,
    pub scheduler: SchedulerHealth,
    pub jobs: Vec<JobHealth>,
}

/// Whether the scheduled jobs run on time. Read from the jobs' rows, so it holds for whichever
/// process runs them (the app, `wheelwright run-scheduler`) and for `wheelwright health`, which runs
/// none: a job still waiting well past its time means no such process has been open.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct SchedulerHealth {
    pub enabled: u32,
    pub disabled: u32,
    /// The enabled job due first, and when.
    pub next_job: Option<String>,
    #[ts(type = "string | null")]
    pub next_run_at: Option<DateTime<Utc>>,
    /// Enabled jobs due more than [`OVERDUE_AFTER_MINUTES`] ago, not yet run and not running.
    pub overdue: Vec<String>,
    /// Who ran the newest finished run ("app 1234", "scheduler 99") and when it finished.
    pub last_runner: Option<String>,
    #[ts(type = "string | null")]
    pub last_run_at: Option<DateTime<Utc>>,
}

/// A running scheduler looks every 20 seconds (`run-scheduler --tick` at most every 5 minutes)
/// and runs the due jobs of a pass one after another, so a job can wait for a long one before
/// it; a job this late is not being run.
pub const OVERDUE_AFTER_MINUTES: i64 = 15;

/// How many of each job's latest runs its figures cover.
const RUNS_KEPT: i64 = 200;

fn file_bytes(path: &Path) -> u64 {
    let wal = path.with_file_name(format!("{}-wal", path.file_name().unwrap_or_default().to_string_lossy()));
    [path, wal.as_path()].iter().filter_map(|p| std::fs::metadata(p).ok()).map(|m| m.len()).sum()
}

/// Job figures from (job, status, started_at, finished_at) rows, newest first; a run without a
/// finish time counts as a run but not in the durations.
fn job_figures(rows: Vec<(String, String, String, Option<String>)>) -> Vec<JobHealth> {
    let mut jobs: BTreeMap<String, (JobHealth, f64, u32)> = BTreeMap::new();
    for (job, status, started, finished) in rows {
        if status == "skipped" || status == "running" {
            continue;
        }
        let finished = finished.as_deref().and_then(instant);
        let ms = instant(&started).zip(finished).map(|(s, f)| (f - s).num_milliseconds().max(0) as f64);
        let (health, total, timed) = jobs.entry(job.clone()).or_insert_with(|| {
            (
                JobHealth {
                    job,
                    runs: 0,
                    failures: 0,
                    last_status: status.clone(),
                    last_finished_at: finished,
                    last_ms: ms,
                    mean_ms: None,
                    max_ms: None,
                },
                0.0,
                0,
            )
        });
        health.runs += 1;
        health.failures += u32::from(status == "failed");
        if let Some(ms) = ms {
            *total += ms;
            *timed += 1;
            health.max_ms = Some(health.max_ms.map_or(ms, |m| m.max(ms)));
        }
    }
    jobs.into_values()
        .map(|(health, total, timed)| JobHealth { mean_ms: (timed > 0).then(|| total / f64::from(timed)), ..health })
        .collect()
}

/// The scheduler's figures from the jobs' (name, enabled, next run) rows, the jobs with a run
/// under way, and the latest finished run's (runner, finished at).
fn scheduler_figures(
    jobs: Vec<(String, bool, Option<String>)>,
    running: &[String],
    last: Option<(String, String)>,
    now: DateTime<Utc>,
) -> SchedulerHealth {
    let late = now - chrono::Duration::minutes(OVERDUE_AFTER_MINUTES);
    let on: Vec<(String, Option<DateTime<Utc>>)> =
        jobs.iter().filter(|(_, enabled, _)| *enabled).map(|(name, _, next)| (name.clone(), next.as_deref().and_then(instant))).collect();
    let next = on.iter().filter_map(|(name, at)| at.map(|at| (at, name))).min();
    SchedulerHealth {
        enabled: on.len() as u32,
        disabled: (jobs.len() - on.len()) as u32,
        next_job: next.map(|(_, name)| name.clone()),
        next_run_at: next.map(|(at, _)| at),
        overdue: on
            .iter()
            .filter(|(name, at)| at.is_some_and(|at| at < late) && !running.contains(name))
            .map(|(name, _)| name.clone())
            .collect(),
        last_runner: last.as_ref().map(|(runner, _)| runner.clone()),
        last_run_at: last.and_then(|(_, at)| instant(&at)),
    }
}

impl Engine {
    /// The health report. `log_dir` is where the host writes its log (the engine writes none).
    pub async fn health(&self, request: HealthRequest, log_dir: Option<&Path>) -> Result<Health> {
        let provider = self.provider_health(request.probe).await?;
        // Each job's latest finished runs (a job run every five minutes must not crowd out a
        // daily one); a run closed as interrupted at the next start took no measurable time.
        let rows: Vec<(String, String, String, Option<String>)> = sqlx::query_as(
            "SELECT job, status, started_at, CASE WHEN message LIKE 'interrupted:%' THEN NULL ELSE finished_at END FROM ( \
               SELECT *, ROW_NUMBER() OVER (PARTITION BY job ORDER BY id DESC) AS nth FROM job_runs \
               WHERE status IN ('succeeded', 'failed')) WHERE nth <= ? ORDER BY id DESC",
        )
        .bind(RUNS_KEPT)
        .fetch_all(self.store().pool())
        .await?;
        let job_rows: Vec<(String, bool, Option<String>)> =
            sqlx::query_as("SELECT name, enabled, next_run_at FROM jobs ORDER BY name").fetch_all(self.store().pool()).await?;
        // A job running now (a long pass, or a manual run holding its lease) is not late.
        let running: Vec<String> =
            sqlx::query_scalar("SELECT DISTINCT job FROM job_runs WHERE status = 'running'").fetch_all(self.store().pool()).await?;
        let last_run: Option<(String, String)> = sqlx::query_as(
            "SELECT runner, finished_at FROM job_runs WHERE status IN ('succeeded', 'failed') AND finished_at IS NOT NULL \
             ORDER BY finished_at DESC, id DESC LIMIT 1",
        )
        .fetch_optional(self.store().pool())
        .await?;
        let path = self.store().path();
        Ok(Health {
            version: env!("CARGO_PKG_VERSION").to_string(),
            checked_at: self.now(),
            since: self.started_at(),
            database: DatabaseHealth {
                path: path.display().to_string(),
                bytes: file_bytes(path),
                schema_version: self.store().schema_version().await?,
                schema_latest: MIGRATOR.iter().map(|m| m.version).max().unwrap_or(0),
            },
            log_dir: log_dir.map(|d| d.display().to_string()),
            provider,
            requests: self.metrics().requests(),
            scheduler: scheduler_figures(job_rows, &running, last_run, self.now()),
            jobs: job_figures(rows),
        })
    }

    /// A keychain that cannot be read is itself what the report must say, not a failure.
    async fn provider_health(&self, probe: bool) -> Result<ProviderHealth> {
        let provider = self.provider();
        let mut health =
            ProviderHealth { provider, ready: true, detail: String::new(), login_expires_at: None, warning: None, probe: None };
        match (provider, self.broker_status().await) {
            (Provider::Demo, _) => health.detail = "The built-in Demo market: simulated prices, always available.".into(),
            (_, Err(e)) => {
                health.ready = false;
                health.detail = redact(&format!("{}: {}", e.code, e.message)).into_owned();
            }
            (Provider::Schwab, Ok(status)) => {
                health.ready = status.schwab.logged_in;
                health.detail = if status.schwab.logged_in {
                    "Schwab, logged in."
                } else {
                    "Schwab is chosen but not logged in: log in in Settings → Data & Broker."
                }
                .into();
                health.login_expires_at = status.schwab.login_expires_at;
                health.warning = status.schwab.warning;
            }
            (Provider::Tradier, Ok(status)) => {
                health.ready = status.tradier.token_set;
                health.detail = match (status.tradier.token_set, status.tradier.sandbox) {
                    (true, true) => "Tradier sandbox (delayed data), token set.".into(),
                    (true, false) => "Tradier, token set.".into(),
                    (false, _) => "Tradier is chosen but no token is set: enter it in Settings → Data & Broker.".into(),
                };
            }
        }
        if probe {
            // Past the cache: a quote fetched seconds ago would say nothing about now.
            let started = Instant::now();
            let answer = match self.uncached_market().await {
                Ok(market) => market.quotes(&[Symbol::parse("SPY")?]).await,
                Err(e) => Err(e),
            };
            health.probe = Some(Probe {
                ok: answer.is_ok(),
                ms: started.elapsed().as_secs_f64() * 1000.0,
                error: answer.err().map(|e| redact(&format!("{}: {}", e.code, e.message)).into_owned()),
            });
        }
        Ok(health)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(job: &str, status: &str, started: &str, finished: Option<&str>) -> (String, String, String, Option<String>) {
        (job.into(), status.into(), started.into(), finished.map(Into::into))
    }

    #[test]
    fn job_figures_take_the_newest_run_as_last_and_leave_skips_out() {
        let figures = job_figures(vec![
            row("snapshot", "failed", "2026-11-22T21:00:00.000Z", Some("2026-11-22T21:00:03.000Z")),
            row("snapshot", "skipped", "2026-11-21T21:00:00.000Z", Some("2026-11-21T21:00:00.000Z")),
            row("snapshot", "succeeded", "2026-11-20T21:00:00.000Z", Some("2026-11-20T21:00:01.000Z")),
            // Interrupted: closed at the next start, so no duration.
            row("snapshot", "failed", "2026-11-19T21:00:00.000Z", None),
            row("alerts", "running", "2026-11-22T21:05:00.000Z", None),
        ]);
        assert_eq!(figures.len(), 1, "a job only running has no finished run");
        let snapshot = &figures[0];
        assert_eq!((snapshot.runs, snapshot.failures, snapshot.last_status.as_str()), (3, 2, "failed"));
        assert_eq!((snapshot.last_ms, snapshot.mean_ms, snapshot.max_ms), (Some(3000.0), Some(2000.0), Some(3000.0)));
    }

    #[test]
    fn the_scheduler_is_behind_when_an_enabled_job_waits_past_the_grace() {
        let now = instant("2026-11-23T15:00:00.000Z").unwrap();
        let job = |name: &str, enabled: bool, next: Option<&str>| (name.to_string(), enabled, next.map(Into::into));
        let figures = scheduler_figures(
            vec![
                // Due fourteen minutes ago: a running scheduler may be busy with a long job.
                job("quotes", true, Some("2026-11-23T14:46:00.000Z")),
                // Due sixteen minutes ago: late.
                job("alerts", true, Some("2026-11-23T14:44:00.000Z")),
                // As late, but running now.
                job("scan", true, Some("2026-11-23T14:30:00.000Z")),
                // Off, and due long ago: off jobs are never late, nor next.
                job("snapshot", false, Some("2026-11-20T21:00:00.000Z")),
                job("nightly", true, Some("2026-11-23T22:00:00.000Z")),
                job("manual", true, None),
            ],
            &["scan".to_string()],
            Some(("app 4242".into(), "2026-11-23T14:50:00.000Z".into())),
            now,
        );
        assert_eq!((figures.enabled, figures.disabled), (5, 1));
        assert_eq!(figures.next_job.as_deref(), Some("scan"), "the earliest enabled job is the next, even a late one");
        assert_eq!(figures.overdue, ["alerts"]);
        assert_eq!(figures.last_runner.as_deref(), Some("app 4242"));
        assert_eq!(figures.last_run_at, instant("2026-11-23T14:50:00.000Z"));
    }
}
