//! Ledger commands: portfolios, wheels, fills (with previews and undo), CSV. One engine call each.

use crate::error::ApiResult;
use crate::state::AppState;
use tauri::State;
use wheelwright_domain::{FillData, WheelSummary};
use wheelwright_engine::model::{
    FillInput, FillOutcome, ImportReport, NewPortfolio, NewWheel, Portfolio, PortfolioOverview, RemovedFill, Wheel, WheelDetail,
};
use wheelwright_engine::preview::FillPreview;
use wheelwright_engine::rolls::{RollInput, RollOutcome};
use wheelwright_engine::undo::{FillChange, Undone};

#[tauri::command(rename_all = "snake_case")]
pub async fn portfolio_list(state: State<'_, AppState>) -> ApiResult<Vec<PortfolioOverview>> {
    Ok(state.engine()?.list_portfolios().await?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn portfolio_create(state: State<'_, AppState>, input: NewPortfolio) -> ApiResult<Portfolio> {
    Ok(state.engine()?.create_portfolio(input).await?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn portfolio_delete(state: State<'_, AppState>, name: String, force: bool) -> ApiResult<()> {
    Ok(state.engine()?.delete_portfolio(&name, force).await?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn wheel_list(state: State<'_, AppState>, portfolio: String) -> ApiResult<Vec<WheelSummary>> {
    Ok(state.engine()?.list_wheels(&portfolio).await?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn wheel_create(state: State<'_, AppState>, portfolio: String, input: NewWheel) -> ApiResult<Wheel> {
    Ok(state.engine()?.create_wheel(&portfolio, input).await?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn wheel_detail(state: State<'_, AppState>, portfolio: String, symbol: String) -> ApiResult<WheelDetail> {
    Ok(state.engine()?.wheel(&portfolio, &symbol).await?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn fill_add(state: State<'_, AppState>, input: FillInput) -> ApiResult<FillOutcome> {
    Ok(state.engine()?.add_fill(input).await?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn fill_edit(state: State<'_, AppState>, id: i64, fill: FillData) -> ApiResult<FillOutcome> {
    Ok(state.engine()?.edit_fill(id, fill).await?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn fill_delete(state: State<'_, AppState>, id: i64) -> ApiResult<RemovedFill> {
    Ok(state.engine()?.delete_fill(id).await?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn fill_preview(state: State<'_, AppState>, input: FillInput) -> ApiResult<FillPreview> {
    Ok(state.engine()?.preview_fill(input).await?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn fill_edit_preview(state: State<'_, AppState>, id: i64, fill: FillData) -> ApiResult<FillPreview> {
    Ok(state.engine()?.preview_edit(id, fill).await?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn roll_add(state: State<'_, AppState>, input: RollInput) -> ApiResult<RollOutcome> {
    Ok(state.engine()?.add_roll(input).await?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn roll_preview(state: State<'_, AppState>, input: RollInput) -> ApiResult<FillPreview> {
    Ok(state.engine()?.preview_roll(input).await?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn change_undo(state: State<'_, AppState>, change: i64) -> ApiResult<Undone> {
    Ok(state.engine()?.undo_change(change).await?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn fill_changes(state: State<'_, AppState>, portfolio: String, limit: u32) -> ApiResult<Vec<FillChange>> {
    Ok(state.engine()?.fill_changes(&portfolio, limit).await?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn fills_import(state: State<'_, AppState>, portfolio: String, csv: String) -> ApiResult<ImportReport> {
    Ok(state.engine()?.import_csv(&portfolio, &csv).await?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn fills_export(state: State<'_, AppState>, portfolio: String) -> ApiResult<String> {
    Ok(state.engine()?.export_csv(&portfolio).await?)
}
