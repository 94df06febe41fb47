//! Reminders the app gives while it runs: for now the Schwab login warning (day 6 of the
//! refresh token, then expired), checked shortly after start and every hour, sent by the
//! engine as a native notification at most once a day and forwarded to the window as the
//! `broker-warning` event. The scheduler (its own issue) will run this as a job instead.

use crate::state::{Desktop, BROKER_WARNING};
use std::sync::Arc;
use std::time::Duration;
use tauri::{Emitter, Runtime};
use wheelwright_engine::Engine;

const FIRST_CHECK: Duration = Duration::from_secs(10);
const EVERY: Duration = Duration::from_secs(3600);

pub fn start<R: Runtime>(engine: Arc<Engine>, desktop: Arc<Desktop<R>>) {
    tauri::async_runtime::spawn(async move {
        tokio::time::sleep(FIRST_CHECK).await;
        loop {
            match engine.remind_login(desktop.as_ref()).await {
                Ok(Some(warning)) => {
                    if let Some(app) = desktop.app() {
                        let _ = app.emit(BROKER_WARNING, warning);
                    }
                }
                Ok(None) => {}
                Err(e) => tracing::warn!(code = %e.code, "login reminder not sent: {}", e.message),
            }
            tokio::time::sleep(EVERY).await;
        }
    });
}
