//! What the app holds while it runs: the engine (or the reason it could not open the database,
//! shown to the user instead of crashing) and facts for the About/Health view.

use crate::error::{ApiError, ApiResult};
use serde::Serialize;
use std::sync::{Arc, OnceLock};
use tauri::{AppHandle, Emitter, Runtime};
use ts_rs::TS;
use wheelwright_engine::ports::{EventSink, LedgerEvent, Notifier};
use wheelwright_engine::Engine;

/// The event name the UI listens on for ledger changes.
pub const LEDGER_CHANGED: &str = "ledger-changed";
/// The event that reports how a login in the login window ended.
pub const BROKER_LOGIN: &str = "broker-login";
/// The login warning (sent as a notification too), for a banner in the window.
pub const BROKER_WARNING: &str = "broker-warning";

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
    pub notifier: Arc<dyn Notifier>,
    pub info: AppInfo,
}

impl AppState {
    pub fn new(engine: Result<Engine, ApiError>, notifier: Arc<dyn Notifier>, info: AppInfo) -> Self {
        AppState { engine: engine.map(Arc::new), notifier, info }
    }

    /// The engine, or the startup error for every command while the database is unusable.
    pub fn engine(&self) -> ApiResult<Arc<Engine>> {
        self.engine.clone()
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
