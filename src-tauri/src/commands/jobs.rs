//! Scheduler commands: the jobs with their next and last runs, run one now, its history, turn
//! it on or off and reschedule it. One scheduler call each.

use crate::error::ApiResult;
use crate::state::AppState;
use tauri::State;
use wheelwright_engine::scheduler::{JobStatus, RunRecord, Schedule};

#[tauri::command(rename_all = "snake_case")]
pub async fn jobs_list(state: State<'_, AppState>) -> ApiResult<Vec<JobStatus>> {
    Ok(state.scheduler()?.jobs().await?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn job_run(state: State<'_, AppState>, name: String) -> ApiResult<RunRecord> {
    Ok(state.scheduler()?.trigger(&name).await?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn job_history(state: State<'_, AppState>, name: Option<String>, limit: u32) -> ApiResult<Vec<RunRecord>> {
    Ok(state.scheduler()?.history(name.as_deref(), limit).await?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn job_update(
    state: State<'_, AppState>,
    name: String,
    enabled: Option<bool>,
    schedule: Option<Schedule>,
) -> ApiResult<JobStatus> {
    Ok(state.scheduler()?.update(&name, enabled, schedule).await?)
}
