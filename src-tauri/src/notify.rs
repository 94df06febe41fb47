//! Native notifications for the [`Desktop`] through tauri-plugin-notification (D-Bus
//! `org.freedesktop.Notifications` on Linux), sent from Rust only, and the same notification
//! as the `notification` event for the window's banner.

use crate::state::{Desktop, NotificationEvent, NOTIFICATION};
use tauri::{Emitter, Runtime};
use tauri_plugin_notification::NotificationExt;
use wheelwright_domain::ErrorCode;
use wheelwright_engine::ports::Notifier;
use wheelwright_engine::{EngineError, Result};

impl<R: Runtime> Notifier for Desktop<R> {
    fn notify(&self, title: &str, body: &str) -> Result<()> {
        let app = self.app().ok_or_else(|| EngineError::new(ErrorCode::NotificationFailed, "the app window is not ready yet"))?;
        let _ = app.emit(NOTIFICATION, NotificationEvent { title: title.to_string(), body: body.to_string() });
        app.notification()
            .builder()
            .title(title)
            .body(body)
            .show()
            .map_err(|e| EngineError::new(ErrorCode::NotificationFailed, format!("the desktop did not take the notification: {e}")))
    }
}
