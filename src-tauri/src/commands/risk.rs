//! Risk commands: the book's risk report, the trader's limits, and the pre-trade check. One
//! engine call each.

use crate::error::ApiResult;
use crate::state::AppState;
use tauri::State;
use wheelwright_engine::risk::{RiskRequest, RiskView, TradeCheck, TradeRequest};
use wheelwright_risk::limits::Limits;

#[tauri::command(rename_all = "snake_case")]
pub async fn risk_report(state: State<'_, AppState>, request: RiskRequest) -> ApiResult<RiskView> {
    Ok(state.engine()?.risk(request).await?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn risk_limits(state: State<'_, AppState>) -> ApiResult<Limits> {
    Ok(state.engine()?.limits().await?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn risk_set_limits(state: State<'_, AppState>, limits: Limits) -> ApiResult<Limits> {
    Ok(state.engine()?.set_limits(limits).await?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn risk_check_trade(state: State<'_, AppState>, request: TradeRequest) -> ApiResult<TradeCheck> {
    Ok(state.engine()?.check_trade(request).await?)
}
