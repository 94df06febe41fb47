//! The scheduler on a real database with a hand-moved clock: due runs taken once, failures and
//! panics isolated and recorded, catch-up after sleeping (once, and only while relevant), two
//! processes on one file never both taking a run, editing schedules, closing interrupted runs,
//! and a built-in job doing its work on the Demo market.

use crate::login::ManualClock;
use crate::services::sto_put;
use crate::{db_in, Notes};
use async_trait::async_trait;
use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use rust_decimal_macros::dec;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use wheelwright_domain::ErrorCode;
use wheelwright_engine::model::{FillInput, NewPortfolio};
use wheelwright_engine::ports::{NoEvents, Notifier};
use wheelwright_engine::scheduler::{builtin, Job, JobContext, JobOutcome, RunStatus, Schedule, Scheduler, Trigger, Window};
use wheelwright_engine::{Engine, EngineError};
use wheelwright_pricing::calendar::new_york_instant;

fn ny(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    new_york_instant(NaiveDate::from_ymd_opt(y, m, d).unwrap(), NaiveTime::from_hms_opt(h, min, 0).unwrap())
}

pub struct Silent;

impl Notifier for Silent {
    fn notify(&self, _title: &str, _body: &str) -> wheelwright_engine::Result<()> {
        Ok(())
    }
}

/// A job that counts its runs (and can take its time, to overlap with another process).
struct Counting {
    name: &'static str,
    schedule: Schedule,
    runs: Arc<AtomicUsize>,
    takes: std::time::Duration,
}

#[async_trait]
impl Job for Counting {
    fn name(&self) -> &'static str {
        self.name
    }
    fn description(&self) -> &'static str {
        "counts"
    }
    fn default_schedule(&self) -> Schedule {
        self.schedule.clone()
    }
    async fn execute(&self, _context: &JobContext<'_>) -> wheelwright_engine::Result<JobOutcome> {
        tokio::time::sleep(self.takes).await;
        let n = self.runs.fetch_add(1, Ordering::SeqCst) + 1;
        Ok(JobOutcome { items: n as u64, message: format!("run {n}") })
    }
}

struct Failing;

#[async_trait]
impl Job for Failing {
    fn name(&self) -> &'static str {
        "failing"
    }
    fn description(&self) -> &'static str {
        "always fails"
    }
    fn default_schedule(&self) -> Schedule {
        Schedule::every(5, Window::Always)
    }
    async fn execute(&self, _context: &JobContext<'_>) -> wheelwright_engine::Result<JobOutcome> {
        Err(EngineError::new(ErrorCode::UpstreamUnavailable, "the provider is down"))
    }
}

struct Panicking;

#[async_trait]
impl Job for Panicking {
    fn name(&self) -> &'static str {
        "panicking"
    }
    fn description(&self) -> &'static str {
        "panics"
    }
    fn default_schedule(&self) -> Schedule {
        Schedule::every(5, Window::Always)
    }
    async fn execute(&self, _context: &JobContext<'_>) -> wheelwright_engine::Result<JobOutcome> {
        panic!("a bug in a job")
    }
}

fn counting(name: &'static str, schedule: Schedule) -> (Arc<dyn Job>, Arc<AtomicUsize>) {
    let runs = Arc::new(AtomicUsize::new(0));
    (Arc::new(Counting { name, schedule, runs: runs.clone(), takes: std::time::Duration::ZERO }), runs)
}

async fn engine_at(dir: &std::path::Path, start: DateTime<Utc>) -> (Arc<Engine>, Arc<ManualClock>) {
    let clock = ManualClock::at(start);
    let engine = Engine::open(&db_in(dir), clock.clone(), Arc::new(NoEvents), "test").await.unwrap();
    (Arc::new(engine), clock)
}

#[tokio::test]
async fn due_runs_happen_once_and_a_failing_job_harms_no_other() {
    let dir = tempfile::tempdir().unwrap();
    let (engine, clock) = engine_at(dir.path(), ny(2026, 11, 23, 9, 0)).await;
    let (refresh, refreshed) = counting("refresh", Schedule::every(5, Window::MarketHours));
    let notes = Arc::new(Notes::default());
    let scheduler = Scheduler::new(engine.clone(), vec![refresh, Arc::new(Failing), Arc::new(Panicking)], notes.clone(), "test");

    let jobs = scheduler.jobs().await.unwrap();
    assert_eq!(jobs[0].next_run_at, Some(ny(2026, 11, 23, 9, 30)), "the opening bell");
    assert!(scheduler.run_due().await.unwrap().is_empty(), "nothing due at 09:00");

    clock.advance(Duration::minutes(30));
    let ran = scheduler.run_due().await.unwrap();
    assert_eq!(ran.len(), 3);
    let by = |name: &str| ran.iter().find(|r| r.job == name).unwrap().clone();
    assert_eq!((by("refresh").status, by("refresh").trigger), (RunStatus::Succeeded, Trigger::Schedule));
    assert_eq!(by("refresh").scheduled_for, Some(ny(2026, 11, 23, 9, 30)));
    assert_eq!(by("failing").status, RunStatus::Failed);
    assert_eq!(by("failing").message.as_deref(), Some("upstream_unavailable: the provider is down"));
    assert_eq!(by("panicking").status, RunStatus::Failed);
    assert!(by("panicking").message.unwrap().contains("stopped unexpectedly"));
    // The same instant again: nothing runs twice.
    assert!(scheduler.run_due().await.unwrap().is_empty());
    assert_eq!(refreshed.load(Ordering::SeqCst), 1);
    // Five minutes on, each runs again, the failures notwithstanding.
    clock.advance(Duration::minutes(5));
    assert_eq!(scheduler.run_due().await.unwrap().len(), 3);
    assert_eq!(refreshed.load(Ordering::SeqCst), 2);
    let history = scheduler.history(Some("failing"), 10).await.unwrap();
    assert_eq!(history.len(), 2);
    assert!(history.iter().all(|r| r.status == RunStatus::Failed && r.finished_at.is_some()));
    assert_eq!(scheduler.history(Some("nope"), 10).await.unwrap_err().code, ErrorCode::NotFound);
    // The third failure in a row raises the failing-job alert (default: 3), once per job; the
    // fourth is inside its cooldown.
    assert!(notes.titles().is_empty());
    clock.advance(Duration::minutes(5));
    scheduler.run_due().await.unwrap();
    let mut titles = notes.titles();
    titles.sort();
    assert_eq!(titles, ["Job failing keeps failing", "Job panicking keeps failing"]);
    let inbox = engine.inbox(Default::default()).await.unwrap();
    let failing = inbox.alerts.iter().find(|a| a.title == "Job failing keeps failing").unwrap();
    assert_eq!(failing.body, "3 failed runs in a row; the last: upstream_unavailable: the provider is down");
    clock.advance(Duration::minutes(5));
    scheduler.run_due().await.unwrap();
    assert_eq!(notes.titles().len(), 2);
    assert_eq!(engine.inbox(Default::default()).await.unwrap().alerts.len(), 2);

    // The health report counts each job's runs from the history: four each, all of one kind.
    let health = engine.health(Default::default(), None).await.unwrap();
    let job = |name: &str| health.jobs.iter().find(|j| j.job == name).unwrap().clone();
    assert_eq!((job("refresh").runs, job("refresh").failures, job("refresh").last_status.as_str()), (4, 0, "succeeded"));
    assert_eq!((job("failing").runs, job("failing").failures, job("failing").last_status.as_str()), (4, 4, "failed"));
    assert_eq!(job("failing").last_finished_at, Some(wheelwright_engine::ports::Clock::now(clock.as_ref())));
    // On time: the three are due at 09:50, and this process ran the latest.
    assert_eq!((health.scheduler.enabled, health.scheduler.disabled), (3, 0));
    assert_eq!(health.scheduler.next_run_at, Some(ny(2026, 11, 23, 9, 50)));
    assert!(health.scheduler.overdue.is_empty(), "{:?}", health.scheduler.overdue);
    assert_eq!(health.scheduler.last_runner, Some(format!("test {}", std::process::id())));
    // Twenty minutes past their time with nobody running them: the report says the jobs are
    // waiting, not that they ran; turning one off takes it out of the late ones.
    clock.advance(Duration::minutes(25));
    scheduler.update("failing", Some(false), None).await.unwrap();
    let late = engine.health(Default::default(), None).await.unwrap().scheduler;
    assert_eq!((late.enabled, late.disabled), (2, 1));
    assert_eq!(late.overdue, ["panicking", "refresh"]);
}

#[tokio::test]
async fn after_sleeping_a_job_catches_up_once_and_only_while_relevant() {
    let dir = tempfile::tempdir().unwrap();
    let (engine, clock) = engine_at(dir.path(), ny(2026, 11, 23, 8, 0)).await;
    let (daily, daily_runs) = counting("daily", Schedule::cron("0 9 * * *", Window::Always));
    let (refresh, refreshed) = counting("refresh", Schedule::every(5, Window::MarketHours));
    let scheduler = Scheduler::new(engine.clone(), vec![daily, refresh], Arc::new(Silent), "test");
    scheduler.run_due().await.unwrap();

    // Asleep from Monday 08:00 to Wednesday 10:00: Wednesday's 09:00 run is caught up, once;
    // the refresh missed 09:30–10:00 runs once for the session still open.
    clock.advance(Duration::hours(50));
    let ran = scheduler.run_due().await.unwrap();
    assert_eq!(ran.len(), 2);
    let daily_run = ran.iter().find(|r| r.job == "daily").unwrap();
    assert_eq!((daily_run.trigger, daily_run.scheduled_for), (Trigger::CatchUp, Some(ny(2026, 11, 25, 9, 0))));
    let refresh_run = ran.iter().find(|r| r.job == "refresh").unwrap();
    assert_eq!(refresh_run.scheduled_for, Some(ny(2026, 11, 25, 10, 0)));
    assert_eq!((daily_runs.load(Ordering::SeqCst), refreshed.load(Ordering::SeqCst)), (1, 1), "no burst");
    assert_eq!(scheduler.jobs().await.unwrap()[0].next_run_at, Some(ny(2026, 11, 26, 9, 0)));

    // Asleep from Wednesday 10:00 to Friday 08:00: Thursday's 09:00 is 23 hours old, beyond
    // the 12-hour allowance; the refresh missed the rest of Wednesday's session, which is over.
    // Both are recorded as skipped, neither runs.
    clock.advance(ny(2026, 11, 27, 8, 0) - ny(2026, 11, 25, 10, 0));
    assert!(scheduler.run_due().await.unwrap().is_empty());
    let daily_skip = scheduler.history(Some("daily"), 1).await.unwrap().remove(0);
    assert_eq!((daily_skip.status, daily_skip.scheduled_for), (RunStatus::Skipped, Some(ny(2026, 11, 26, 9, 0))));
    let skipped = scheduler.history(Some("refresh"), 1).await.unwrap().remove(0);
    assert_eq!(skipped.status, RunStatus::Skipped);
    assert_eq!(skipped.scheduled_for, Some(ny(2026, 11, 25, 16, 0)), "judged on the last missed time, the close");
    assert!(skipped.message.unwrap().contains("no longer relevant"));
    assert_eq!(refreshed.load(Ordering::SeqCst), 1);
    // Friday (an early close) runs on schedule again.
    clock.advance(Duration::hours(1));
    let ran = scheduler.run_due().await.unwrap();
    assert_eq!(ran.iter().map(|r| (r.job.as_str(), r.trigger)).collect::<Vec<_>>(), vec![("daily", Trigger::Schedule)]);
}

#[tokio::test]
async fn two_processes_on_one_database_take_a_run_once() {
    let dir = tempfile::tempdir().unwrap();
    let (first, clock) = engine_at(dir.path(), ny(2026, 11, 23, 9, 0)).await;
    let second = Arc::new(Engine::open(&db_in(dir.path()), clock.clone(), Arc::new(NoEvents), "test").await.unwrap());
    let runs = Arc::new(AtomicUsize::new(0));
    let slow = |runs: &Arc<AtomicUsize>| -> Arc<dyn Job> {
        Arc::new(Counting {
            name: "snapshot",
            schedule: Schedule::cron("30 9 * * *", Window::Always),
            runs: runs.clone(),
            takes: std::time::Duration::from_millis(300),
        })
    };
    let app = Scheduler::new(first, vec![slow(&runs)], Arc::new(Silent), "app");
    let daemon = Scheduler::new(second, vec![slow(&runs)], Arc::new(Silent), "scheduler");
    app.jobs().await.unwrap();
    clock.advance(Duration::minutes(30));
    let (a, b) = tokio::join!(app.run_due(), daemon.run_due());
    assert_eq!(a.unwrap().len() + b.unwrap().len(), 1);
    assert_eq!(runs.load(Ordering::SeqCst), 1, "one snapshot, not two");

    // A manual run while the other process holds the job is refused with a code.
    let (manual, refused) = tokio::join!(app.trigger("snapshot"), async {
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        daemon.trigger("snapshot").await
    });
    assert_eq!(manual.unwrap().trigger, Trigger::Manual);
    let refused = refused.unwrap_err();
    assert_eq!(refused.code, ErrorCode::JobRunning);
    assert!(refused.message.contains("app"), "{}", refused.message);
}

#[tokio::test]
async fn schedules_are_edited_validated_and_interrupted_runs_closed() {
    let dir = tempfile::tempdir().unwrap();
    let (engine, clock) = engine_at(dir.path(), ny(2026, 11, 23, 9, 0)).await;
    let (job, runs) = counting("nightly", Schedule::cron("0 2 * * *", Window::Always));
    let scheduler = Scheduler::new(engine.clone(), vec![job], Arc::new(Silent), "test");
    let bad = scheduler.update("nightly", None, Some(Schedule::cron("0 25 * * *", Window::Always))).await.unwrap_err();
    assert_eq!((bad.code, bad.field.as_deref()), (ErrorCode::InvalidInput, Some("schedule")));
    let edited = scheduler.update("nightly", None, Some(Schedule::every(60, Window::SessionDays))).await.unwrap();
    assert_eq!(edited.next_run_at, Some(ny(2026, 11, 23, 10, 0)));
    let off = scheduler.update("nightly", Some(false), None).await.unwrap();
    assert_eq!((off.enabled, off.next_run_at), (false, None));
    clock.advance(Duration::hours(2));
    assert!(scheduler.run_due().await.unwrap().is_empty(), "a disabled job does not run");
    assert_eq!(runs.load(Ordering::SeqCst), 0);
    // Kept across a restart.
    let reopened =
        Scheduler::new(engine.clone(), vec![counting("nightly", Schedule::every(5, Window::Always)).0], Arc::new(Silent), "test");
    let kept = reopened.jobs().await.unwrap().remove(0);
    assert_eq!((kept.enabled, kept.schedule), (false, Schedule::every(60, Window::SessionDays)));

    // A run left "running" by a process that died (no lease) is closed as failed.
    sqlx::query("INSERT INTO job_runs (job, trigger, started_at, status, runner) VALUES ('nightly', 'schedule', '2026-11-23T14:00:00.000Z', 'running', 'app 1')")
        .execute(engine.store().pool())
        .await
        .unwrap();
    assert_eq!(scheduler.close_interrupted().await.unwrap(), 1);
    let closed = scheduler.history(Some("nightly"), 1).await.unwrap().remove(0);
    assert_eq!(closed.status, RunStatus::Failed);
    assert!(closed.message.unwrap().starts_with("interrupted"));
}

#[tokio::test]
async fn the_builtin_refresh_quotes_the_open_wheels() {
    let dir = tempfile::tempdir().unwrap();
    let (engine, _clock) = engine_at(dir.path(), ny(2026, 11, 23, 11, 0)).await;
    engine.create_portfolio(NewPortfolio { name: "Main".into(), ..Default::default() }).await.unwrap();
    engine.add_fill(FillInput { portfolio: "Main".into(), fill: sto_put("KO", "2026-11-20", dec!(60), "2026-12-18") }).await.unwrap();
    engine.add_fill(FillInput { portfolio: "Main".into(), fill: sto_put("T", "2026-11-20", dec!(25), "2026-12-18") }).await.unwrap();
    let scheduler = Scheduler::new(engine.clone(), builtin(), Arc::new(Silent), "test");
    let names: Vec<String> = scheduler.jobs().await.unwrap().into_iter().map(|j| j.name).collect();
    assert_eq!(
        names,
        vec![
            "refresh-quotes",
            "demo-settlement",
            "token-expiry-check",
            "opening-scan",
            "risk-monitor",
            "events-check",
            "daily-snapshots",
            "broker-sync"
        ]
    );
    let run = scheduler.trigger("refresh-quotes").await.unwrap();
    assert_eq!((run.status, run.items), (RunStatus::Succeeded, Some(2)), "{:?}", run.message);
    let sync = scheduler.jobs().await.unwrap().into_iter().find(|j| j.name == "broker-sync").unwrap();
    assert!(!sync.enabled, "syncing a broker waits until the user turns it on");
}

/// The "done": the app open on the Demo market across a simulated trading day (a tick
/// every 5 minutes from 07:55 to 17:00 New York time) runs every built-in job on its schedule,
/// raises an alert once however often its condition is seen, and the history has every run.
#[tokio::test]
async fn a_simulated_trading_day_runs_every_job_on_time_and_alerts_once() {
    use wheelwright_alerts::{RuleInput, RuleKind};
    let dir = tempfile::tempdir().unwrap();
    // Opened just before the first job of a Monday is due.
    let (engine, clock) = engine_at(dir.path(), ny(2026, 11, 23, 7, 55)).await;
    engine.create_portfolio(NewPortfolio { name: "Main".into(), ..Default::default() }).await.unwrap();
    engine.add_fill(FillInput { portfolio: "Main".into(), fill: sto_put("KO", "2026-11-20", dec!(60), "2026-12-18") }).await.unwrap();
    // The put expires in 25 days: inside a 30-day "expiring soon" window, seen every 15 minutes.
    let expiring = engine.alert_rules().await.unwrap().into_iter().find(|r| r.kind == RuleKind::ExpiringSoon).unwrap();
    engine.update_alert_rule(expiring.id, RuleInput { threshold: Some(30.0), ..RuleInput::default() }).await.unwrap();
    let notes = Arc::new(Notes::default());
    let scheduler = Scheduler::new(engine.clone(), builtin(), notes.clone(), "app");

    let mut ticks = 0;
    while wheelwright_engine::ports::Clock::now(clock.as_ref()) <= ny(2026, 11, 23, 17, 0) {
        for run in scheduler.run_due().await.unwrap() {
            assert_eq!(run.status, RunStatus::Succeeded, "{run:?}");
        }
        clock.advance(Duration::minutes(5));
        ticks += 1;
    }
    assert_eq!(ticks, 110);

    let history = scheduler.history(None, 1000).await.unwrap();
    let runs_of = |job: &str| {
        let mut at: Vec<DateTime<Utc>> = history.iter().filter(|r| r.job == job).map(|r| r.scheduled_for.unwrap()).collect();
        at.sort();
        at
    };
    // Every 5 minutes from the opening bell to the closing one, both included: 79 runs.
    let refreshes = runs_of("refresh-quotes");
    assert_eq!((refreshes.len(), refreshes[0], *refreshes.last().unwrap()), (79, ny(2026, 11, 23, 9, 30), ny(2026, 11, 23, 16, 0)));
    assert!(refreshes.windows(2).all(|w| w[1] - w[0] == Duration::minutes(5)));
    let monitors = runs_of("risk-monitor");
    assert_eq!((monitors.len(), monitors[0], *monitors.last().unwrap()), (27, ny(2026, 11, 23, 9, 30), ny(2026, 11, 23, 16, 0)));
    assert_eq!(runs_of("events-check"), [ny(2026, 11, 23, 8, 0)]);
    assert_eq!(runs_of("token-expiry-check"), [ny(2026, 11, 23, 9, 0)]);
    assert_eq!(runs_of("opening-scan"), [ny(2026, 11, 23, 9, 45)]);
    assert_eq!(runs_of("daily-snapshots"), [ny(2026, 11, 23, 16, 30)]);
    assert_eq!(runs_of("demo-settlement").len(), 37, "every 15 minutes, 08:00 to 17:00");
    assert!(runs_of("broker-sync").is_empty(), "off until a broker is set up");
    assert!(history.iter().all(|r| r.trigger == Trigger::Schedule && r.finished_at.is_some()));

    // The put was seen expiring 27 times, and said once: one alert, one notification.
    let inbox = engine.inbox(Default::default()).await.unwrap();
    let said: Vec<&str> = inbox.alerts.iter().map(|a| a.title.as_str()).filter(|t| t.contains("put expires in")).collect();
    assert_eq!(said.len(), 1, "{:?}", inbox.alerts);
    assert_eq!(notes.titles().iter().filter(|t| t.contains("put expires in")).count(), 1);
    // No condition said twice, and every alert reached the desktop (alone, or in a summary).
    let mut titles: Vec<&str> = inbox.alerts.iter().map(|a| a.title.as_str()).collect();
    titles.sort();
    titles.dedup();
    assert_eq!(titles.len(), inbox.alerts.len(), "{titles:?}");
    assert!(inbox.alerts.iter().all(|a| a.delivery.starts_with("notified")), "{:?}", inbox.alerts);
    // The day's snapshot was taken at 16:30.
    assert_eq!(engine.snapshots("Main", None).await.unwrap().len(), 1);
}
