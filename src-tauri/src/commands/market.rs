//! Market-data commands: quotes, chains, expirations, history, the user's symbol notes (sector,
//! earnings), the Demo listings and the Demo clock. One engine call each.

use crate::error::ApiResult;
use crate::state::AppState;
use chrono::NaiveDate;
use tauri::State;
use wheelwright_demo::ClockStep;
use wheelwright_domain::market::{OptionChain, PriceHistory, Quote};
use wheelwright_engine::market::{self, ChainRequest, DemoClockState, HistoryRequest, ListingRow};
use wheelwright_engine::symbols::SymbolNote;

#[tauri::command(rename_all = "snake_case")]
pub async fn market_quotes(state: State<'_, AppState>, symbols: Vec<String>) -> ApiResult<Vec<Quote>> {
    Ok(state.engine()?.quotes(&symbols).await?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn market_chain(state: State<'_, AppState>, request: ChainRequest) -> ApiResult<OptionChain> {
    Ok(state.engine()?.chain(request).await?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn market_expirations(state: State<'_, AppState>, symbol: String) -> ApiResult<Vec<NaiveDate>> {
    Ok(state.engine()?.expirations(&symbol).await?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn market_history(state: State<'_, AppState>, request: HistoryRequest) -> ApiResult<PriceHistory> {
    Ok(state.engine()?.history(request).await?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn symbol_notes(state: State<'_, AppState>, symbols: Vec<String>) -> ApiResult<Vec<SymbolNote>> {
    Ok(state.engine()?.symbol_notes(&symbols).await?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn symbol_note_set(state: State<'_, AppState>, note: SymbolNote) -> ApiResult<Option<SymbolNote>> {
    Ok(state.engine()?.set_symbol_note(note).await?)
}

#[tauri::command(rename_all = "snake_case")]
pub fn market_listings(sector: Option<String>) -> ApiResult<Vec<ListingRow>> {
    Ok(market::listings(sector.as_deref())?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn demo_clock(state: State<'_, AppState>) -> ApiResult<DemoClockState> {
    Ok(state.engine()?.demo_clock().await?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn demo_clock_step(state: State<'_, AppState>, step: ClockStep) -> ApiResult<DemoClockState> {
    Ok(state.engine()?.step_demo_clock(step).await?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn demo_clock_run(state: State<'_, AppState>) -> ApiResult<DemoClockState> {
    Ok(state.engine()?.run_demo_clock().await?)
}
