//! Backups taken before a migration touches an existing database: a consistent copy made with
//! `VACUUM INTO` (safe while other processes use the file in WAL mode), named by time and kept
//! to the last few so the folder does not grow without bound.

use crate::error::{EngineError, Result};
use chrono::{DateTime, Utc};
use sqlx::sqlite::SqlitePool;
use std::path::{Path, PathBuf};
use wheelwright_domain::ErrorCode;

/// How many backups are kept per database.
pub const BACKUPS_KEPT: usize = 5;

fn folder(db: &Path) -> PathBuf {
    db.parent().unwrap_or(Path::new(".")).join("backups")
}

fn stem(db: &Path) -> String {
    db.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "wheelwright".into())
}

/// Backups of `db`, oldest first.
pub fn list_backups(db: &Path) -> Vec<PathBuf> {
    let prefix = format!("{}-", stem(db));
    let mut found: Vec<PathBuf> = std::fs::read_dir(folder(db))
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    p.file_name().is_some_and(|n| n.to_string_lossy().starts_with(&prefix) && n.to_string_lossy().ends_with(".sqlite3"))
                })
                .collect()
        })
        .unwrap_or_default();
    found.sort();
    found
}

pub(super) async fn take(pool: &SqlitePool, db: &Path, now: DateTime<Utc>) -> Result<PathBuf> {
    let dir = folder(db);
    std::fs::create_dir_all(&dir)
        .map_err(|e| EngineError::new(ErrorCode::Io, format!("cannot create the backups folder {}: {e}", dir.display())))?;
    let target = dir.join(format!("{}-{}.sqlite3", stem(db), now.format("%Y%m%dT%H%M%S%.3fZ")));
    let target_text = target.to_string_lossy().replace('\'', "''");
    sqlx::query(&format!("VACUUM INTO '{target_text}'")).execute(pool).await?;
    let all = list_backups(db);
    for old in all.iter().take(all.len().saturating_sub(BACKUPS_KEPT)) {
        let _ = std::fs::remove_file(old);
    }
    tracing::info!(backup = %target.display(), "database backed up before migration");
    Ok(target)
}
