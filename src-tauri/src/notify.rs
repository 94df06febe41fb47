//! The desktop's [`Notifier`]: native notifications through tauri-plugin-notification (D-Bus
//! `org.freedesktop.Notifications` on Linux). Bound to the app once it is set up.

use std::sync::OnceLock;
use tauri::{AppHandle, Runtime};
use tauri_plugin_notification::NotificationExt;
use wheelwright_domain::ErrorCode;
use wheelwright_engine::ports::Notifier;
use wheelwright_engine::{EngineError, Result};

pub struct DesktopNotifier<R: Runtime>(OnceLock<AppHandle<R>>);

impl<R: Runtime> Default for DesktopNotifier<R> {
    fn default() -> Self {
        DesktopNotifier(OnceLock::new())
    }
}

impl<R: Runtime> DesktopNotifier<R> {
    pub fn attach(&self, app: AppHandle<R>) {
        let _ = self.0.set(app);
    }
}

impl<R: Runtime> Notifier for DesktopNotifier<R> {
    fn notify(&self, title: &str, body: &str) -> Result<()> {
        let app = self.0.get().ok_or_else(|| EngineError::new(ErrorCode::NotificationFailed, "the app window is not ready yet"))?;
        app.notification()
            .builder()
            .title(title)
            .body(body)
            .show()
            .map_err(|e| EngineError::new(ErrorCode::NotificationFailed, format!("the desktop did not take the notification: {e}")))
    }
}
