//! `wheelwright health`: the About & health page's report for scripts and monitoring. This
//! process has just started, so its request figures are its own (the probe's, with --probe); the
//! job durations come from the shared run history.

use crate::run::emit;
use crate::show::table;
use wheelwright_engine::health::{Health, HealthRequest, SchedulerHealth};
use wheelwright_engine::{paths, Engine, Result};

fn ms(x: Option<f64>) -> String {
    x.map_or("–".into(), |x| format!("{x:.0} ms"))
}

/// One line: how many jobs are on, which runs next, and which are waiting past their time
/// (nothing has been running them: the app or `wheelwright run-scheduler` runs them while open).
fn scheduler_line(s: &SchedulerHealth) -> String {
    let stamp = |at: chrono::DateTime<chrono::Utc>| at.format("%Y-%m-%d %H:%M UTC").to_string();
    let mut line = format!("scheduler: {} job(s) on, {} off", s.enabled, s.disabled);
    if let (Some(job), Some(at)) = (&s.next_job, s.next_run_at) {
        line += &format!("; next {job} at {}", stamp(at));
    }
    if let (Some(runner), Some(at)) = (&s.last_runner, s.last_run_at) {
        line += &format!("; last run by {runner} at {}", stamp(at));
    }
    if !s.overdue.is_empty() {
        line += &format!(
            "\nBEHIND: {} waiting over 15 minutes past their time; the app runs the jobs while it is open, \
             `wheelwright run-scheduler` without it",
            s.overdue.join(", ")
        );
    }
    line + "\n"
}

fn report(h: &Health) -> String {
    let db = &h.database;
    let mut out = format!(
        "Wheelwright {}\ndatabase {} ({:.1} MB, schema {} of {})\nlogs {}\nprovider {}: {}\n",
        h.version,
        db.path,
        db.bytes as f64 / 1_048_576.0,
        db.schema_version,
        db.schema_latest,
        h.log_dir.as_deref().unwrap_or("–"),
        h.provider.provider.as_str(),
        h.provider.detail
    );
    if let Some(end) = h.provider.login_expires_at {
        out += &format!("login valid until {}\n", end.format("%Y-%m-%d %H:%M UTC"));
    }
    if let Some(warning) = &h.provider.warning {
        out += &format!("warning: {warning}\n");
    }
    if let Some(probe) = &h.provider.probe {
        match &probe.error {
            None => out += &format!("probe: answered in {:.0} ms\n", probe.ms),
            Some(e) => out += &format!("probe: FAILED after {:.0} ms: {e}\n", probe.ms),
        }
    }
    if !h.requests.is_empty() {
        let rows = h
            .requests
            .iter()
            .map(|r| {
                vec![
                    r.provider.clone(),
                    r.operation.clone(),
                    r.requests.to_string(),
                    format!("{} ({:.0}%)", r.errors, r.error_rate * 100.0),
                    ms(Some(r.p50_ms)),
                    ms(Some(r.p95_ms)),
                    ms(Some(r.max_ms)),
                ]
            })
            .collect();
        out += &table(&["provider", "request", "count", "errors", "p50", "p95", "max"], rows);
    }
    out += &scheduler_line(&h.scheduler);
    if !h.jobs.is_empty() {
        let rows = h
            .jobs
            .iter()
            .map(|j| {
                vec![
                    j.job.clone(),
                    j.runs.to_string(),
                    j.failures.to_string(),
                    j.last_status.clone(),
                    ms(j.last_ms),
                    ms(j.mean_ms),
                    ms(j.max_ms),
                ]
            })
            .collect();
        out += &table(&["job", "runs", "failed", "last", "last took", "mean", "max"], rows);
    }
    out
}

pub async fn run(engine: &Engine, probe: bool, json: bool) -> Result<()> {
    let health = engine.health(HealthRequest { probe }, paths::log_dir().as_deref()).await?;
    emit(json, &health, report)
}
