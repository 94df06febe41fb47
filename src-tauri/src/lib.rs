//! The Wheelwright desktop shell: a thin Tauri layer over the engine. It opens the database,
//! starts logging, registers the commands, forwards ledger events to the window and keeps a
//! tray icon. Everything it does for the UI is one engine call per command; the rules live in
//! `crates/`.

pub mod bindings;
pub mod commands;
pub mod error;
mod logging;
mod notify;
pub mod state;
pub mod tray;

use error::ApiError;
use state::{AppInfo, AppState, Desktop};
use std::path::PathBuf;
use std::sync::Arc;
use tauri::{Manager, Runtime};
use wheelwright_domain::ErrorCode;
use wheelwright_engine::ports::SystemClock;
use wheelwright_engine::ports::{EventSink, Keychain, Notifier};
use wheelwright_engine::{paths, Engine};

/// Opens the engine on `database` and builds the app's state. A database that cannot be opened
/// becomes the state's startup error, which every command then reports: the app never crashes
/// on a bad file.
fn open_state(
    database: Option<PathBuf>,
    log_dir: PathBuf,
    keychain: Arc<dyn Keychain>,
    events: Arc<dyn EventSink>,
    notifier: Arc<dyn Notifier>,
) -> AppState {
    let database = database.or_else(paths::default_database);
    let (engine, path) = match &database {
        Some(path) => {
            let opened = tauri::async_runtime::block_on(Engine::open(path, Arc::new(SystemClock), events, "app"))
                .map(|engine| engine.with_keychain(keychain));
            (opened.map_err(ApiError::from), path.display().to_string())
        }
        None => {
            (Err(ApiError { code: ErrorCode::Io, message: "cannot find the OS data folder".into(), field: None, row: None }), String::new())
        }
    };
    let schema_version = match &engine {
        Ok(engine) => tauri::async_runtime::block_on(engine.store().schema_version()).ok(),
        Err(e) => {
            tracing::error!(code = %e.code, "database unavailable: {}", e.message);
            None
        }
    };
    tracing::info!(database = %path, "Wheelwright {} started", env!("CARGO_PKG_VERSION"));
    let info = AppInfo {
        version: env!("CARGO_PKG_VERSION").to_string(),
        database: path,
        schema_version,
        log_dir: log_dir.display().to_string(),
        startup_error: engine.as_ref().err().cloned(),
    };
    AppState::new(engine, notifier, info)
}

/// Opens the engine on `database` (the OS default when `None`) with `keychain` for secrets and
/// adds it and the commands to `builder`. Generic over the runtime so tests can build it on
/// Tauri's mock runtime.
pub fn app<R: Runtime>(
    builder: tauri::Builder<R>,
    database: Option<PathBuf>,
    log_dir: PathBuf,
    keychain: Arc<dyn Keychain>,
) -> tauri::Builder<R> {
    let desktop = Arc::new(Desktop::<R>::default());
    let state = open_state(database, log_dir, keychain, desktop.clone(), desktop.clone());
    builder.manage(state).invoke_handler(commands::handler()).setup(move |app| {
        desktop.attach(app.handle().clone());
        app.state::<AppState>().start_background();
        Ok(())
    })
}

/// Runs the desktop app.
pub fn run() {
    let builder = tauri::Builder::default().plugin(tauri_plugin_notification::init()).plugin(tauri_plugin_single_instance::init(
        |app, _args, _cwd| {
            // A second launch focuses the running window (hidden in the tray, perhaps) instead
            // of opening another.
            tray::show_main(app);
        },
    ));
    let builder = builder.plugin(tauri_plugin_window_state::Builder::default().build());
    let log_dir = paths::log_dir().unwrap_or_else(std::env::temp_dir);
    // Keep the writer's guard for the whole run (it flushes on drop); failing to log is not fatal.
    let _log_guard = logging::init(&log_dir).map_err(|e| eprintln!("wheelwright: logging disabled: {e}")).ok();
    let database = std::env::var_os("WHEELWRIGHT_DB").map(PathBuf::from);
    let keychain = Arc::new(wheelwright_engine::keychain::OsKeychain::new(wheelwright_engine::keychain::SERVICE));
    let builder = builder.on_window_event(|window, event| {
        // Closing the window keeps the app in the tray when the user wants that and there is one.
        if let tauri::WindowEvent::CloseRequested { api, .. } = event {
            if window.label() == "main" && window.state::<AppState>().hide_on_close() {
                api.prevent_close();
                let _ = window.hide();
            }
        }
    });
    let built = match app(builder, database, log_dir, keychain).build(tauri::generate_context!()) {
        Ok(built) => built,
        Err(e) => {
            eprintln!("wheelwright: the app could not start: {e}");
            std::process::exit(1);
        }
    };
    match tray::create(built.handle()) {
        Ok(()) => {
            built.state::<AppState>().tray_created();
            let handle = built.handle().clone();
            tauri::async_runtime::spawn(async move { tray::refresh(&handle).await });
        }
        Err(e) => tracing::error!("no tray icon ({e}): closing the window will quit"),
    }
    built.run(|handle, event| {
        // A job run under way finishes before the process ends.
        if let tauri::RunEvent::Exit = event {
            handle.state::<AppState>().stop_background();
        }
    });
}
