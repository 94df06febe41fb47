//! `wheelwright jobs …` and `wheelwright run-scheduler`: the scheduler's jobs from a terminal —
//! list, run now, history, enable/disable, reschedule — and the headless daemon that runs the
//! same jobs as the app for users who keep a machine on. Both processes may run on one
//! database: the job leases keep every run single.

use crate::args::JobsCommand;
use crate::show::table;
use chrono::{DateTime, Utc};
use std::sync::Arc;
use wheelwright_domain::ErrorCode;
use wheelwright_engine::ports::Notifier;
use wheelwright_engine::scheduler::{builtin, Cadence, JobStatus, RunRecord, RunStatus, Schedule, Scheduler, Window};
use wheelwright_engine::{Engine, EngineError, Result};

/// Without a desktop session the daemon's notifications go to standard error (and the log).
pub(crate) struct Terminal;

impl Notifier for Terminal {
    fn notify(&self, title: &str, body: &str) -> Result<()> {
        eprintln!("[{}] {title}: {body}", Utc::now().format("%Y-%m-%d %H:%M:%SZ"));
        Ok(())
    }
}

fn scheduler(engine: &Arc<Engine>, host: &str) -> Scheduler {
    Scheduler::new(engine.clone(), builtin(), Arc::new(Terminal), host)
}

fn window(text: &str) -> Result<Window> {
    match text {
        "always" => Ok(Window::Always),
        "session-days" => Ok(Window::SessionDays),
        "market-hours" => Ok(Window::MarketHours),
        other => Err(EngineError::field(
            ErrorCode::InvalidInput,
            "window",
            format!("--window '{other}': use always, session-days or market-hours"),
        )),
    }
}

pub async fn run(engine: &Arc<Engine>, command: JobsCommand, json: bool) -> Result<()> {
    let jobs = scheduler(engine, "cli");
    match command {
        JobsCommand::List => crate::run::emit(json, &jobs.jobs().await?, |list| job_table(list)),
        JobsCommand::Run { name } => crate::run::emit(json, &jobs.trigger(&name).await?, |r| run_table(std::slice::from_ref(r))),
        JobsCommand::History { name, limit } => {
            crate::run::emit(json, &jobs.history(name.as_deref(), limit).await?, |list| run_table(list))
        }
        JobsCommand::Enable { name } => {
            crate::run::emit(json, &jobs.update(&name, Some(true), None).await?, |j| job_table(std::slice::from_ref(j)))
        }
        JobsCommand::Disable { name } => {
            crate::run::emit(json, &jobs.update(&name, Some(false), None).await?, |j| job_table(std::slice::from_ref(j)))
        }
        JobsCommand::Schedule { name, every, cron, window: text } => {
            let cadence = match (every, cron) {
                (Some(minutes), None) => Cadence::Every { minutes },
                (None, Some(pattern)) => Cadence::Cron { pattern },
                _ => {
                    return Err(EngineError::field(
                        ErrorCode::InvalidInput,
                        "schedule",
                        "give exactly one of --every MINUTES or --cron 'PATTERN'",
                    ))
                }
            };
            let schedule = Schedule { cadence, window: window(&text)? };
            crate::run::emit(json, &jobs.update(&name, None, Some(schedule)).await?, |j| job_table(std::slice::from_ref(j)))
        }
    }
}

/// Runs the jobs until Ctrl-C (or SIGTERM), then finishes the run under way and returns.
pub async fn daemon(engine: &Arc<Engine>, tick_seconds: u64) -> Result<()> {
    if !(5..=300).contains(&tick_seconds) {
        return Err(EngineError::field(ErrorCode::InvalidInput, "tick", format!("--tick {tick_seconds}: use 5 to 300 seconds")));
    }
    let jobs = scheduler(engine, "scheduler");
    let (stop, stopped) = tokio::sync::watch::channel(false);
    tokio::spawn(async move {
        shutdown_signal().await;
        let _ = stop.send(true);
    });
    eprintln!("wheelwright: running the scheduler (Ctrl-C to stop)");
    jobs.run_until(std::time::Duration::from_secs(tick_seconds), stopped).await;
    eprintln!("wheelwright: scheduler stopped");
    Ok(())
}

async fn shutdown_signal() {
    #[cfg(unix)]
    {
        let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).expect("a SIGTERM handler");
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    let _ = tokio::signal::ctrl_c().await;
}

fn when(at: Option<DateTime<Utc>>) -> String {
    at.map(|t| t.format("%Y-%m-%d %H:%M UTC").to_string()).unwrap_or_else(|| "—".into())
}

fn describe(schedule: &Schedule) -> String {
    let cadence = match &schedule.cadence {
        Cadence::Every { minutes } => format!("every {minutes} min"),
        Cadence::Cron { pattern } => format!("cron {pattern}"),
    };
    match schedule.window {
        Window::Always => cadence,
        Window::SessionDays => format!("{cadence}, session days"),
        Window::MarketHours => format!("{cadence}, market hours"),
    }
}

fn status(s: RunStatus) -> &'static str {
    match s {
        RunStatus::Running => "running",
        RunStatus::Succeeded => "ok",
        RunStatus::Failed => "FAILED",
        RunStatus::Skipped => "skipped",
    }
}

fn job_table(list: &[JobStatus]) -> String {
    let rows = list
        .iter()
        .map(|j| {
            vec![
                j.name.clone(),
                if j.enabled { "on".into() } else { "off".into() },
                describe(&j.schedule),
                when(j.next_run_at),
                j.last_run.as_ref().map(|r| format!("{} {}", status(r.status), when(Some(r.started_at)))).unwrap_or_else(|| "never".into()),
            ]
        })
        .collect();
    table(&["Job", "On", "Schedule (New York time)", "Next run", "Last run"], rows)
}

fn run_table(list: &[RunRecord]) -> String {
    let rows = list
        .iter()
        .map(|r| {
            vec![
                r.id.to_string(),
                r.job.clone(),
                format!("{:?}", r.trigger).to_lowercase(),
                when(Some(r.started_at)),
                status(r.status).into(),
                r.items.map(|i| i.to_string()).unwrap_or_default(),
                r.message.clone().unwrap_or_default(),
            ]
        })
        .collect();
    table(&["Run", "Job", "Trigger", "Started", "Status", "Items", "Message"], rows)
}
