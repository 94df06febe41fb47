//! Alert commands: the inbox (list, read, dismiss), the rules (list, add, change, delete), a
//! check now, and how alerts may interrupt (pause, quiet hours). One engine call each; a check
//! from the window notifies through the same desktop notifier as the scheduler's.

use crate::error::ApiResult;
use crate::state::AppState;
use tauri::State;
use wheelwright_alerts::{QuietHours, Rule, RuleInput, RuleKind};
use wheelwright_engine::alerts::{AlertCheck, AlertPause, DeliveryStatus, Inbox, InboxQuery};

#[tauri::command(rename_all = "snake_case")]
pub async fn alerts_inbox(state: State<'_, AppState>, query: InboxQuery) -> ApiResult<Inbox> {
    Ok(state.engine()?.inbox(query).await?)
}

/// Marks alerts read (every unread one when `ids` is empty); the unread count after.
#[tauri::command(rename_all = "snake_case")]
pub async fn alerts_read(state: State<'_, AppState>, ids: Vec<i64>) -> ApiResult<u32> {
    Ok(state.engine()?.mark_alerts_read(&ids).await?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn alerts_dismiss(state: State<'_, AppState>, ids: Vec<i64>) -> ApiResult<u32> {
    Ok(state.engine()?.dismiss_alerts(&ids).await?)
}

/// Checks every enabled rule now.
#[tauri::command(rename_all = "snake_case")]
pub async fn alerts_check(state: State<'_, AppState>) -> ApiResult<AlertCheck> {
    Ok(state.engine()?.check_alerts(&RuleKind::ALL, state.notifier.as_ref()).await?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn alert_rules(state: State<'_, AppState>) -> ApiResult<Vec<Rule>> {
    Ok(state.engine()?.alert_rules().await?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn alert_rule_add(state: State<'_, AppState>, kind: RuleKind, input: RuleInput) -> ApiResult<Rule> {
    Ok(state.engine()?.add_alert_rule(kind, input).await?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn alert_rule_update(state: State<'_, AppState>, id: i64, input: RuleInput) -> ApiResult<Rule> {
    Ok(state.engine()?.update_alert_rule(id, input).await?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn alert_rule_delete(state: State<'_, AppState>, id: i64) -> ApiResult<()> {
    Ok(state.engine()?.delete_alert_rule(id).await?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn alert_delivery(state: State<'_, AppState>) -> ApiResult<DeliveryStatus> {
    Ok(state.engine()?.alert_delivery().await?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn alerts_pause(state: State<'_, AppState>, pause: AlertPause) -> ApiResult<DeliveryStatus> {
    Ok(state.engine()?.pause_alerts(pause).await?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn alerts_quiet_hours(state: State<'_, AppState>, quiet_hours: Option<QuietHours>) -> ApiResult<DeliveryStatus> {
    Ok(state.engine()?.set_quiet_hours(quiet_hours).await?)
}
