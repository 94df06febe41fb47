//! Settings commands that are about the desktop itself: closing to the tray, whether
//! notifications can reach the user, and the webhook channel for alerts. The webhook's URL and
//! secret come in once and go to the keychain; only the host is ever sent back.

use crate::error::ApiResult;
use crate::state::AppState;
use serde::Serialize;
use tauri::{AppHandle, Runtime, State};
use ts_rs::TS;
use wheelwright_alerts::Silence;
use wheelwright_engine::settings::DesktopPreferences;
use wheelwright_engine::webhook::{WebhookDelivery, WebhookInput, WebhookStatus};

#[tauri::command(rename_all = "snake_case")]
pub async fn preferences(state: State<'_, AppState>) -> ApiResult<DesktopPreferences> {
    Ok(state.engine()?.desktop_preferences().await?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn preferences_set(state: State<'_, AppState>, preferences: DesktopPreferences) -> ApiResult<DesktopPreferences> {
    let saved = state.engine()?.set_desktop_preferences(preferences).await?;
    state.set_close_to_tray(saved.close_to_tray);
    Ok(saved)
}

/// Whether an alert can reach the user right now, for the status line in Settings.
#[derive(Clone, Debug, Serialize, TS)]
pub struct NotificationStatus {
    /// What the system allows: "granted", "denied" or "prompt".
    pub permission: String,
    /// How notifications are delivered on this system.
    pub service: String,
    /// Why alerts are silent now, if they are.
    #[ts(optional)]
    pub silence: Option<Silence>,
    /// Whether the tray icon is there (without it, closing the window quits).
    pub tray: bool,
}

#[tauri::command(rename_all = "snake_case")]
pub async fn notification_status<R: Runtime>(app: AppHandle<R>, state: State<'_, AppState>) -> ApiResult<NotificationStatus> {
    let delivery = state.engine()?.alert_delivery().await?;
    Ok(NotificationStatus {
        permission: crate::notify::permission(&app),
        service: crate::notify::SERVICE.to_string(),
        silence: delivery.silence,
        tray: state.has_tray(),
    })
}

#[tauri::command(rename_all = "snake_case")]
pub async fn webhook_status(state: State<'_, AppState>) -> ApiResult<WebhookStatus> {
    Ok(state.engine()?.webhook_status().await?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn webhook_set(state: State<'_, AppState>, input: WebhookInput) -> ApiResult<WebhookStatus> {
    Ok(state.engine()?.set_webhook(input).await?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn webhook_remove(state: State<'_, AppState>) -> ApiResult<WebhookStatus> {
    Ok(state.engine()?.remove_webhook().await?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn webhook_test(state: State<'_, AppState>) -> ApiResult<WebhookDelivery> {
    Ok(state.engine()?.test_webhook().await?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn webhook_log(state: State<'_, AppState>, limit: u32) -> ApiResult<Vec<WebhookDelivery>> {
    Ok(state.engine()?.webhook_deliveries(limit).await?)
}
