//! What the app holds while it runs: the engine (or the reason it could not open the database,
//! shown to the user instead of crashing), the scheduler that runs the jobs while the app is
//! open, and facts for the About/Health view.

use crate::error::{ApiError, ApiResult};
use serde::Serialize;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;
use tauri::{AppHandle, Emitter, Runtime};
use tokio::sync::watch;
use ts_rs::TS;
use wheelwright_engine::ports::{EventSink, LedgerEvent, Notifier};
use wheelwright_engine::scheduler::{builtin, Scheduler};
use wheelwright_engine::Engine;

/// The event name the UI listens on for ledger changes.
pub const LEDGER_CHANGED: &str = "ledger-changed";
/// The event that reports how a login in the login window ended.
pub const BROKER_LOGIN: &str = "broker-login";
/// Every desktop notification, also shown in the window (a job's message, the login warning).
pub const NOTIFICATION: &str = "notification";
/// The scanner's progress while a scan runs.
pub const SCAN_PROGRESS: &str = "scan-progress";

/// A notification as the window receives it.
#[derive(Clone, Debug, Serialize, TS)]
pub struct NotificationEvent {
    pub title: String,
    pub body: String,
}

#[derive(Clone, Debug, Serialize, TS)]
pub struct AppInfo {
    pub version: String,
    pub database: String,
    pub schema_version: Option<i64>,
    pub log_dir: String,
    /// Why the database could not be opened, if it could not.
    pub startup_error: Option<ApiError>,
}

pub struct AppState {
    engine: Result<Arc<Engine>, ApiError>,
    scheduler: Option<Arc<Scheduler>>,
    stop: watch::Sender<bool>,
    running: Mutex<Option<tauri::async_runtime::JoinHandle<()>>>,
    pub notifier: Arc<dyn Notifier>,
    pub info: AppInfo,
}

/// How often the app looks for due jobs.
const TICK: Duration = Duration::from_secs(20);

impl AppState {
    pub fn new(engine: Result<Engine, ApiError>, notifier: Arc<dyn Notifier>, info: AppInfo) -> Self {
        let engine = engine.map(Arc::new);
        let scheduler = engine.as_ref().ok().map(|e| Arc::new(Scheduler::new(e.clone(), builtin(), notifier.clone(), "app")));
        AppState { engine, scheduler, stop: watch::channel(false).0, running: Mutex::new(None), notifier, info }
    }

    /// The engine, or the startup error for every command while the database is unusable.
    pub fn engine(&self) -> ApiResult<Arc<Engine>> {
        self.engine.clone()
    }

    pub fn scheduler(&self) -> ApiResult<Arc<Scheduler>> {
        match (&self.scheduler, &self.engine) {
            (Some(scheduler), _) => Ok(scheduler.clone()),
            (None, Err(e)) => Err(e.clone()),
            (None, Ok(_)) => unreachable!("an open engine always has a scheduler"),
        }
    }

    /// Starts running the jobs (once the app is set up and can show notifications).
    pub fn start_scheduler(&self) {
        if let Some(scheduler) = self.scheduler.clone() {
            let stopped = self.stop.subscribe();
            let task = tauri::async_runtime::spawn(async move { scheduler.run_until(TICK, stopped).await });
            *self.running.lock().expect("scheduler lock") = Some(task);
        }
    }

    /// Asks the scheduler to stop and waits (up to 10 s) for the run under way to finish.
    pub fn stop_scheduler(&self) {
        let _ = self.stop.send(true);
        if let Some(task) = self.running.lock().expect("scheduler lock").take() {
            let _ = tauri::async_runtime::block_on(async { tokio::time::timeout(Duration::from_secs(10), task).await });
        }
    }
}

/// The desktop as the engine's event sink and notifier. The engine opens before the app exists,
/// so the app handle is attached once the app is set up; until then events have no window to
/// reach and notifications are refused.
pub struct Desktop<R: Runtime>(OnceLock<AppHandle<R>>);

impl<R: Runtime> Default for Desktop<R> {
    fn default() -> Self {
        Desktop(OnceLock::new())
    }
}

impl<R: Runtime> Desktop<R> {
    pub fn attach(&self, app: AppHandle<R>) {
        let _ = self.0.set(app);
    }

    pub(crate) fn app(&self) -> Option<&AppHandle<R>> {
        self.0.get()
    }
}

impl<R: Runtime> EventSink for Desktop<R> {
    fn emit(&self, event: LedgerEvent) {
        if let Some(app) = self.app() {
            if let Err(e) = app.emit(LEDGER_CHANGED, &event) {
                tracing::warn!("could not emit {LEDGER_CHANGED}: {e}");
            }
        }
    }
}
