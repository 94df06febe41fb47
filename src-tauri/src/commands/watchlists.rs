//! Watchlist commands: list, create, delete, edit, TradingView import, screen. One engine call each.

use crate::error::ApiResult;
use crate::state::AppState;
use tauri::State;
use wheelwright_engine::watchlists::{Screen, ScreenResult, Watchlist, WatchlistImport, WatchlistSummary};

#[tauri::command(rename_all = "snake_case")]
pub async fn watchlist_list(state: State<'_, AppState>) -> ApiResult<Vec<WatchlistSummary>> {
    Ok(state.engine()?.list_watchlists().await?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn watchlist_create(state: State<'_, AppState>, name: String) -> ApiResult<Watchlist> {
    Ok(state.engine()?.create_watchlist(&name).await?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn watchlist_delete(state: State<'_, AppState>, name: String) -> ApiResult<()> {
    Ok(state.engine()?.delete_watchlist(&name).await?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn watchlist_add(state: State<'_, AppState>, name: String, symbols: Vec<String>) -> ApiResult<Watchlist> {
    Ok(state.engine()?.add_to_watchlist(&name, &symbols).await?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn watchlist_remove(state: State<'_, AppState>, name: String, symbol: String) -> ApiResult<Watchlist> {
    Ok(state.engine()?.remove_from_watchlist(&name, &symbol).await?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn watchlist_import(state: State<'_, AppState>, name: String, text: String) -> ApiResult<WatchlistImport> {
    Ok(state.engine()?.import_watchlist(&name, &text).await?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn watchlist_screen(state: State<'_, AppState>, name: String, screen: Screen) -> ApiResult<ScreenResult> {
    Ok(state.engine()?.screen_watchlist(&name, &screen).await?)
}
