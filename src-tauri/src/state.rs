//! What the app holds while it runs: the engine (or the reason it could not open the database,
//! shown to the user instead of crashing), the scheduler that runs the jobs while the app is
//! open, and facts for the About/Health view.

use crate::error::{ApiError, ApiResult};
use serde::Serialize;
use std::sync::atomic::{AtomicBool, Ordering};
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
/// An alert picked in the tray's menu: the window shows what it is about.
pub const OPEN_ALERT: &str = "open-alert";

#[derive(Clone, Debug, Serialize, TS)]
pub struct OpenAlert {
    /// The alert picked (absent: the tray's "N more…", which opens the Alerts page).
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// Where the alert leads (absent when it is no longer in the inbox: open the Alerts page).
    #[ts(optional)]
    pub link: Option<wheelwright_alerts::Link>,
}

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
    running: Mutex<Vec<tauri::async_runtime::JoinHandle<()>>>,
    pub notifier: Arc<dyn Notifier>,
    pub info: AppInfo,
    /// Whether closing the window keeps the app in the tray (kept here because the window's
    /// close is decided synchronously).
    close_to_tray: AtomicBool,
    /// Whether the tray icon was created (without one, closing the window quits).
    tray: AtomicBool,
    /// The "still running in the tray" notice is given once a run.
    hidden_once: AtomicBool,
}

/// How often the app looks for due jobs.
const TICK: Duration = Duration::from_secs(20);
/// How often the app looks for other processes' writes to its database.
const OTHER_WRITERS_EVERY: Duration = Duration::from_secs(2);

impl AppState {
    pub fn new(engine: Result<Engine, ApiError>, notifier: Arc<dyn Notifier>, info: AppInfo) -> Self {
        let engine = engine.map(Arc::new);
        let scheduler = engine.as_ref().ok().map(|e| Arc::new(Scheduler::new(e.clone(), builtin(), notifier.clone(), "app")));
        let close_to_tray = match &engine {
            Ok(engine) => tauri::async_runtime::block_on(engine.desktop_preferences()).unwrap_or_default().close_to_tray,
            Err(_) => false,
        };
        AppState {
            engine,
            scheduler,
            stop: watch::channel(false).0,
            running: Mutex::new(Vec::new()),
            notifier,
            info,
            close_to_tray: AtomicBool::new(close_to_tray),
            tray: AtomicBool::new(false),
            hidden_once: AtomicBool::new(false),
        }
    }

    /// Keeps the window's close in step with the saved preference.
    pub fn set_close_to_tray(&self, on: bool) {
        self.close_to_tray.store(on, Ordering::SeqCst);
    }

    pub fn tray_created(&self) {
        self.tray.store(true, Ordering::SeqCst);
    }

    pub fn has_tray(&self) -> bool {
        self.tray.load(Ordering::SeqCst)
    }

    /// Whether closing the window should hide it instead of quitting: only with a tray to come
    /// back from. The first time, the user is told where the app went.
    pub fn hide_on_close(&self) -> bool {
        let hide = self.has_tray() && self.close_to_tray.load(Ordering::SeqCst);
        if hide && !self.hidden_once.swap(true, Ordering::SeqCst) {
            let told = self.notifier.notify("Wheelwright is still running", "Jobs and alerts go on. Open or quit it from the tray icon.");
            if let Err(e) = told {
                tracing::warn!("could not say the app went to the tray: {}", e.message);
            }
        }
        hide
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

    /// Starts running the jobs and watching for other processes' writes (once the app is set
    /// up and can show notifications).
    pub fn start_background(&self) {
        let mut running = self.running.lock().expect("background lock");
        if let Some(scheduler) = self.scheduler.clone() {
            let stopped = self.stop.subscribe();
            running.push(tauri::async_runtime::spawn(async move { scheduler.run_until(TICK, stopped).await }));
        }
        if let Ok(engine) = self.engine.clone() {
            let stopped = self.stop.subscribe();
            running.push(tauri::async_runtime::spawn(async move {
                if let Err(e) = engine.watch_other_writers(OTHER_WRITERS_EVERY, stopped).await {
                    tracing::warn!("other processes' writes will not be noticed: {}", e.message);
                }
            }));
        }
    }

    /// Asks the background tasks to stop and waits (up to 10 s) for a job run under way to
    /// finish.
    pub fn stop_background(&self) {
        let _ = self.stop.send(true);
        let tasks: Vec<_> = self.running.lock().expect("background lock").drain(..).collect();
        let all_done = async {
            for task in tasks {
                let _ = task.await;
            }
        };
        let _ = tauri::async_runtime::block_on(async { tokio::time::timeout(Duration::from_secs(10), all_done).await });
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
            // The tray shows the unread alerts; another process may have raised some.
            if matches!(event, LedgerEvent::AlertsChanged { .. } | LedgerEvent::OtherProcessWrote) {
                let app = app.clone();
                tauri::async_runtime::spawn(async move { crate::tray::refresh(&app).await });
            }
            if let Err(e) = app.emit(LEDGER_CHANGED, &event) {
                tracing::warn!("could not emit {LEDGER_CHANGED}: {e}");
            }
        }
    }
}
