//! Native notifications for the [`Desktop`] through tauri-plugin-notification (D-Bus
//! `org.freedesktop.Notifications` on Linux), sent from Rust only.

use crate::state::Desktop;
use tauri::Runtime;
use tauri_plugin_notification::NotificationExt;
use wheelwright_domain::ErrorCode;
use wheelwright_engine::ports::Notifier;
use wheelwright_engine::{EngineError, Result};

impl<R: Runtime> Notifier for Desktop<R> {
    fn notify(&self, title: &str, body: &str) -> Result<()> {
        let app = self.app().ok_or_else(|| EngineError::new(ErrorCode::NotificationFailed, "the app window is not ready yet"))?;
        app.notification()
            .builder()
            .title(title)
            .body(body)
            .show()
            .map_err(|e| EngineError::new(ErrorCode::NotificationFailed, format!("the desktop did not take the notification: {e}")))
    }
}
