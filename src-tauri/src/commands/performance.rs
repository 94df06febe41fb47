//! The dashboard, performance, snapshot and export commands. One engine call each; an export without a folder
//! goes to the user's Downloads folder (resolved here, the one thing the shell knows).

use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use std::path::PathBuf;
use tauri::{AppHandle, Manager, Runtime, State};
use wheelwright_domain::ErrorCode;
use wheelwright_engine::dashboard::Dashboard;
use wheelwright_engine::export::{ExportRequest, ExportedFile};
use wheelwright_engine::performance::{PerformanceRequest, PerformanceView};
use wheelwright_engine::snapshots::{Snapshot, SnapshotKind, SnapshotSummary, TrendSeries};

#[tauri::command(rename_all = "snake_case")]
pub async fn dashboard(state: State<'_, AppState>, portfolio: String) -> ApiResult<Dashboard> {
    Ok(state.engine()?.dashboard(&portfolio).await?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn performance_report(state: State<'_, AppState>, request: PerformanceRequest) -> ApiResult<PerformanceView> {
    Ok(state.engine()?.performance(request).await?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn snapshot_take(state: State<'_, AppState>, portfolio: String, kind: SnapshotKind) -> ApiResult<Snapshot> {
    Ok(state.engine()?.take_snapshot(&portfolio, kind).await?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn snapshot_list(state: State<'_, AppState>, portfolio: String, limit: Option<u32>) -> ApiResult<Vec<SnapshotSummary>> {
    Ok(state.engine()?.snapshots(&portfolio, limit).await?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn snapshot_trend(state: State<'_, AppState>, portfolio: String, symbol: String) -> ApiResult<Vec<TrendSeries>> {
    Ok(state.engine()?.snapshot_trend(&portfolio, &symbol).await?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn export_csv<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    request: ExportRequest,
    directory: Option<String>,
) -> ApiResult<ExportedFile> {
    let directory = save_folder(&app, directory)?;
    Ok(state.engine()?.export_file(request, &directory).await?)
}

/// The folder to save a file in: the one named, else Downloads (else home).
pub(crate) fn save_folder<R: Runtime>(app: &AppHandle<R>, directory: Option<String>) -> ApiResult<PathBuf> {
    match directory {
        Some(dir) => Ok(PathBuf::from(dir)),
        None => app.path().download_dir().ok().filter(|dir| dir.is_dir()).map_or_else(|| app.path().home_dir(), Ok).map_err(|e| ApiError {
            code: ErrorCode::Io,
            message: format!("cannot find the Downloads folder ({e}): choose a folder"),
            field: Some("directory".into()),
            row: None,
        }),
    }
}
