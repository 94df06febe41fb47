//! Where Wheelwright keeps its files by default. The CLI and the desktop app resolve the same
//! path (the OS data directory under the app identifier), so both open the same ledger.

use std::path::PathBuf;

/// The bundle identifier in tauri.conf.json; the OS data folder is named after it.
pub const APP_IDENTIFIER: &str = "app.wheelwright.desktop";
pub const DATABASE_FILE: &str = "wheelwright.sqlite3";

/// `<data dir>/app.wheelwright.desktop`: ~/.local/share/… on Linux, ~/Library/Application
/// Support/… on macOS, %APPDATA%\… on Windows.
pub fn data_dir() -> Option<PathBuf> {
    directories::BaseDirs::new().map(|b| b.data_dir().join(APP_IDENTIFIER))
}

pub fn default_database() -> Option<PathBuf> {
    data_dir().map(|d| d.join(DATABASE_FILE))
}

/// Where the app writes its logs, as the OS expects: ~/Library/Logs/… on macOS, the local data
/// folder's `…/logs` on Linux and Windows.
pub fn log_dir() -> Option<PathBuf> {
    let base = directories::BaseDirs::new()?;
    if cfg!(target_os = "macos") {
        Some(base.home_dir().join("Library/Logs").join(APP_IDENTIFIER))
    } else {
        Some(base.data_local_dir().join(APP_IDENTIFIER).join("logs"))
    }
}
