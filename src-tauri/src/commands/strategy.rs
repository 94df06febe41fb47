//! Strategy commands: positions watched, next trades per wheel, rolls for an open option, the
//! scanner (its progress goes out as `scan-progress` events), the profiles (the custom one
//! editable) and each wheel's own criteria. One engine call each.

use crate::error::ApiResult;
use crate::state::{AppState, SCAN_PROGRESS};
use tauri::{AppHandle, Emitter, Runtime, State};
use wheelwright_engine::criteria::{NamedProfile, WheelCriteria, WheelCriteriaInput};
use wheelwright_engine::strategy::{RecommendRequest, ScanProgress, ScanRequest, ScanResult};
use wheelwright_strategy::expiration::ExpirationDay;
use wheelwright_strategy::monitor::PositionView;
use wheelwright_strategy::profile::Criteria;
use wheelwright_strategy::recommend::Recommendation;
use wheelwright_strategy::roll::RollAnalysis;

#[tauri::command(rename_all = "snake_case")]
pub async fn strategy_positions(state: State<'_, AppState>, portfolio: String) -> ApiResult<Vec<PositionView>> {
    Ok(state.engine()?.positions(&portfolio).await?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn strategy_expiration(
    state: State<'_, AppState>,
    portfolio: String,
    pin_distance: Option<f64>,
) -> ApiResult<Option<ExpirationDay>> {
    Ok(state.engine()?.expiration(&portfolio, pin_distance).await?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn strategy_recommend(state: State<'_, AppState>, request: RecommendRequest) -> ApiResult<Vec<Recommendation>> {
    Ok(state.engine()?.recommend(request).await?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn strategy_roll(state: State<'_, AppState>, portfolio: String, symbol: String, leg: Option<i64>) -> ApiResult<RollAnalysis> {
    Ok(state.engine()?.roll(&portfolio, &symbol, leg).await?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn strategy_scan<R: Runtime>(app: AppHandle<R>, state: State<'_, AppState>, request: ScanRequest) -> ApiResult<ScanResult> {
    let progress = move |p: ScanProgress| {
        if let Err(e) = app.emit(SCAN_PROGRESS, &p) {
            tracing::warn!("could not emit {SCAN_PROGRESS}: {e}");
        }
    };
    Ok(state.engine()?.scan(request, &progress).await?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn strategy_profiles(state: State<'_, AppState>) -> ApiResult<Vec<NamedProfile>> {
    Ok(state.engine()?.profiles().await?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn strategy_set_custom_profile(state: State<'_, AppState>, criteria: Criteria) -> ApiResult<Criteria> {
    Ok(state.engine()?.set_custom_profile(criteria).await?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn wheel_criteria(state: State<'_, AppState>, portfolio: String, symbol: String) -> ApiResult<WheelCriteria> {
    Ok(state.engine()?.wheel_criteria(&portfolio, &symbol).await?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn wheel_set_criteria(
    state: State<'_, AppState>,
    portfolio: String,
    symbol: String,
    choice: WheelCriteriaInput,
) -> ApiResult<WheelCriteria> {
    Ok(state.engine()?.set_wheel_criteria(&portfolio, &symbol, choice).await?)
}
