//! Broker commands: the Schwab app credentials (the secret crosses IPC once, inbound, in a
//! command whose arguments are never logged), the login window, the pasted-redirect fallback,
//! status, provider choice, disconnect, accounts and sync. One engine call each; the login
//! window is the shell's own job: it opens Schwab's page and intercepts the navigation to the
//! registered callback, so no local HTTPS server is needed.

use crate::error::{ApiError, ApiResult};
use crate::state::{AppState, BROKER_LOGIN};
use serde::Serialize;
use tauri::{AppHandle, Emitter, Manager, Runtime, State, WebviewUrl, WebviewWindowBuilder};
use ts_rs::TS;
use wheelwright_domain::ErrorCode;
use wheelwright_engine::broker::connection::{BrokerStatus, LoginStart, Provider, SchwabAppInput, SchwabStatus};
use wheelwright_engine::broker::tradier::{TradierInput, TradierStatus};
use wheelwright_engine::broker::{BrokerAccount, SyncReport, SyncRequest};
use wheelwright_engine::schwab::oauth;

/// The login window's label: one at a time.
const LOGIN_WINDOW: &str = "schwab-login";

/// How a login in the window ended, sent as the `broker-login` event.
#[derive(Clone, Debug, Serialize, TS)]
pub struct LoginFinished {
    pub status: Option<SchwabStatus>,
    pub error: Option<ApiError>,
}

#[tauri::command(rename_all = "snake_case")]
pub async fn broker_status(state: State<'_, AppState>) -> ApiResult<BrokerStatus> {
    Ok(state.engine()?.broker_status().await?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn schwab_setup(state: State<'_, AppState>, input: SchwabAppInput) -> ApiResult<SchwabStatus> {
    Ok(state.engine()?.schwab_setup(input).await?)
}

/// Opens the login window at Schwab's authorize page. When the page sends the browser to the
/// callback, the navigation is stopped, the code exchanged and the window closed; the outcome
/// arrives as the `broker-login` event.
#[tauri::command(rename_all = "snake_case")]
pub async fn schwab_login_window<R: Runtime>(app: AppHandle<R>, state: State<'_, AppState>) -> ApiResult<LoginStart> {
    let engine = state.engine()?;
    let start = engine.schwab_login_start().await?;
    let page = start.authorize_url.parse().map_err(|e| ApiError {
        code: ErrorCode::InvalidInput,
        message: format!("the authorize address is not a URL: {e}"),
        field: None,
        row: None,
    })?;
    if let Some(open) = app.get_webview_window(LOGIN_WINDOW) {
        let _ = open.destroy();
    }
    let callback = start.callback.clone();
    let handle = app.clone();
    WebviewWindowBuilder::new(&app, LOGIN_WINDOW, WebviewUrl::External(page))
        .title("Log in to Schwab — Wheelwright")
        .inner_size(520.0, 760.0)
        .on_navigation(move |url| {
            if !oauth::is_callback(url, &callback) {
                return true;
            }
            let (handle, engine, redirect) = (handle.clone(), engine.clone(), url.to_string());
            tauri::async_runtime::spawn(async move {
                let outcome = engine.schwab_login_finish(&redirect).await.map_err(ApiError::from);
                if let Some(window) = handle.get_webview_window(LOGIN_WINDOW) {
                    let _ = window.destroy();
                }
                if let Err(e) = &outcome {
                    tracing::warn!(code = %e.code, "Schwab login failed: {}", e.message);
                }
                let (status, error) = match outcome {
                    Ok(status) => (Some(status), None),
                    Err(e) => (None, Some(e)),
                };
                let _ = handle.emit(BROKER_LOGIN, LoginFinished { status, error });
            });
            // Nothing listens at the callback: never load it.
            false
        })
        .build()
        .map_err(|e| ApiError {
            code: ErrorCode::Internal,
            message: format!("the login window could not open: {e}"),
            field: None,
            row: None,
        })?;
    Ok(start)
}

/// Starts a login for the paste-the-address fallback: the UI shows the address to open.
#[tauri::command(rename_all = "snake_case")]
pub async fn schwab_login_start(state: State<'_, AppState>) -> ApiResult<LoginStart> {
    Ok(state.engine()?.schwab_login_start().await?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn schwab_login_finish(state: State<'_, AppState>, redirect: String) -> ApiResult<SchwabStatus> {
    Ok(state.engine()?.schwab_login_finish(&redirect).await?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn schwab_disconnect(state: State<'_, AppState>) -> ApiResult<BrokerStatus> {
    Ok(state.engine()?.schwab_disconnect().await?)
}

/// The Tradier token crosses IPC here once, inbound; the status that comes back says only
/// whether one is set.
#[tauri::command(rename_all = "snake_case")]
pub async fn tradier_setup(state: State<'_, AppState>, input: TradierInput) -> ApiResult<TradierStatus> {
    Ok(state.engine()?.tradier_setup(input).await?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn tradier_disconnect(state: State<'_, AppState>) -> ApiResult<BrokerStatus> {
    Ok(state.engine()?.tradier_disconnect().await?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn market_provider_set(state: State<'_, AppState>, provider: Provider) -> ApiResult<BrokerStatus> {
    Ok(state.engine()?.set_provider(provider).await?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn broker_accounts(state: State<'_, AppState>) -> ApiResult<Vec<BrokerAccount>> {
    Ok(state.engine()?.broker_accounts().await?)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn broker_sync(state: State<'_, AppState>, request: SyncRequest) -> ApiResult<SyncReport> {
    Ok(state.engine()?.broker_sync(&request).await?)
}
