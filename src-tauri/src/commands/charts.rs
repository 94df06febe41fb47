//! Chart commands: the core draws, the UI shows. A saved chart goes to the folder named, else
//! Downloads.

use super::performance::save_folder;
use crate::error::ApiResult;
use crate::state::AppState;
use tauri::{AppHandle, Runtime, State};
use wheelwright_engine::charts::{ChartFormat, ChartRequest, ChartView};

#[tauri::command(rename_all = "snake_case")]
pub async fn chart(state: State<'_, AppState>, request: ChartRequest) -> ApiResult<ChartView> {
    Ok(state.engine()?.chart(request).await?)
}

/// Saves the chart as a new SVG (default) or PNG file; returns its path.
#[tauri::command(rename_all = "snake_case")]
pub async fn chart_save<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    request: ChartRequest,
    directory: Option<String>,
    format: Option<ChartFormat>,
) -> ApiResult<String> {
    let directory = save_folder(&app, directory)?;
    Ok(state.engine()?.save_chart(request, &directory, format.unwrap_or_default()).await?)
}
