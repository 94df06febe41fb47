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

/// The system service notifications go through, for the status line in Settings.
pub const SERVICE: &str = if cfg!(target_os = "macos") {
    "macOS Notification Center"
} else if cfg!(target_os = "windows") {
    "Windows notifications (Action Center)"
} else {
    "the desktop's notification service (org.freedesktop.Notifications over D-Bus)"
};

/// What the system allows. Desktop systems grant apps notifications without asking (the user
/// turns them off in the system's settings, which apps cannot read); "prompt" would be asked.
pub fn permission<R: Runtime>(app: &tauri::AppHandle<R>) -> String {
    use tauri::Manager;
    match app.try_state::<tauri_plugin_notification::Notification<R>>().map(|n| n.permission_state()) {
        Some(Ok(state)) => state.to_string(),
        Some(Err(e)) => format!("unknown ({e})"),
        None => "unavailable (the notification plugin is not loaded)".to_string(),
    }
}
