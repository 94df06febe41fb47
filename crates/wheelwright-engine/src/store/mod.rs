//! The SQLite store: opening a database file safely (WAL, foreign keys, busy timeout), refusing
//! files it must not touch (damaged, foreign, or written by a newer Wheelwright), and migrating
//! only after taking a backup copy. Several processes (the app and the CLI) may share one file.

mod backup;
pub mod rows;

use crate::error::{EngineError, Result};
use chrono::{DateTime, Utc};
use sqlx::migrate::Migrator;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Connection, Sqlite, SqliteConnection, Transaction};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;
use wheelwright_domain::ErrorCode;

pub use backup::{list_backups, BACKUPS_KEPT};

pub static MIGRATOR: Migrator = sqlx::migrate!("../../migrations");

#[derive(Clone, Debug)]
pub struct Store {
    pool: SqlitePool,
    path: PathBuf,
    /// Write transactions this process has begun: a change to the file's `data_version` without
    /// one of these was made by another process (see [`Engine::watch_other_writers`]).
    ///
    /// [`Engine::watch_other_writers`]: crate::Engine::watch_other_writers
    writes: Arc<AtomicU64>,
}

/// How long a writer waits for another process's write lock before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

impl Store {
    /// Opens (creating if missing) the database at `path` and brings its schema up to date.
    /// `now` names the backup taken before a migration.
    pub async fn open(path: &Path, now: DateTime<Utc>) -> Result<Store> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|e| EngineError::new(ErrorCode::Io, format!("cannot create the data folder {}: {e}", dir.display())))?;
        }
        let existed = std::fs::metadata(path).map(|m| m.len() > 0).unwrap_or(false);
        let options = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(BUSY_TIMEOUT);
        let pool = SqlitePoolOptions::new().max_connections(4).connect_with(options).await?;
        let store = Store { pool, path: path.to_path_buf(), writes: Arc::new(AtomicU64::new(0)) };
        let applied = store.applied_versions().await?;
        let ours = store.has_table("_sqlx_migrations").await?;
        let known: Vec<i64> = MIGRATOR.iter().map(|m| m.version).collect();
        if let Some(newer) = applied.iter().find(|v| !known.contains(v)) {
            return Err(EngineError::new(
                ErrorCode::SchemaTooNew,
                format!(
                    "{} was written by a newer Wheelwright (schema {newer}, this version knows up to {}): update Wheelwright, or open another database",
                    path.display(),
                    known.last().copied().unwrap_or_default()
                ),
            ));
        }
        if existed && !ours && store.has_table("%").await? {
            return Err(EngineError::new(
                ErrorCode::DatabaseCorrupt,
                format!("{} is an SQLite database but not a Wheelwright one: choose another file", path.display()),
            ));
        }
        let pending = known.iter().any(|v| !applied.contains(v));
        if existed && pending {
            backup::take(&store.pool, path, now).await?;
        }
        store.migrate(pending).await?;
        Ok(store)
    }

    /// Applies the pending migrations (and checks those applied against the shipped ones) on a
    /// connection of its own with foreign keys off: SQLite changes a table's definition by
    /// rebuilding it under a new name and dropping the old one, and that drop would otherwise
    /// cascade into every row that points at it. The keys are checked afterwards on every
    /// open, so a file with a row pointing at nothing is refused each time, not just once.
    async fn migrate(&self, pending: bool) -> Result<()> {
        let options = SqliteConnectOptions::new().filename(&self.path).foreign_keys(false).busy_timeout(BUSY_TIMEOUT);
        let mut conn = SqliteConnection::connect_with(&options).await?;
        MIGRATOR.run(&mut conn).await?;
        let broken: Vec<(String, Option<i64>, String)> =
            sqlx::query_as("SELECT \"table\", rowid, parent FROM pragma_foreign_key_check").fetch_all(&mut conn).await?;
        conn.close().await?;
        let Some((table, row, parent)) = broken.first() else { return Ok(()) };
        let fix =
            if pending { "restore the backup taken before the migration" } else { "restore a backup from the backups folder beside it" };
        Err(EngineError::new(
            ErrorCode::DatabaseCorrupt,
            format!(
                "{} has {} row(s) that point at rows that do not exist (first: {table} row {} → {parent}): {fix}",
                self.path.display(),
                broken.len(),
                row.map_or("?".into(), |r| r.to_string())
            ),
        ))
    }

    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// A write transaction that takes the write lock up front, so two processes writing at once
    /// queue on the busy timeout instead of failing halfway on a lock upgrade.
    pub async fn write(&self) -> Result<Transaction<'static, Sqlite>> {
        self.writes.fetch_add(1, Ordering::SeqCst);
        Ok(self.pool.begin_with("BEGIN IMMEDIATE").await?)
    }

    /// How many write transactions this process has begun.
    pub fn writes_begun(&self) -> u64 {
        self.writes.load(Ordering::SeqCst)
    }

    /// A connection of its own, outside the pool: `PRAGMA data_version` is per connection and
    /// counts the commits of every *other* connection, the pool's included.
    pub async fn watcher(&self) -> Result<SqliteConnection> {
        let options = SqliteConnectOptions::new().filename(&self.path).read_only(true).busy_timeout(BUSY_TIMEOUT);
        Ok(SqliteConnection::connect_with(&options).await?)
    }

    /// The schema version: the newest migration applied.
    pub async fn schema_version(&self) -> Result<i64> {
        Ok(self.applied_versions().await?.into_iter().max().unwrap_or(0))
    }

    async fn applied_versions(&self) -> Result<Vec<i64>> {
        if !self.has_table("_sqlx_migrations").await? {
            return Ok(Vec::new());
        }
        Ok(sqlx::query_scalar("SELECT version FROM _sqlx_migrations WHERE success = 1 ORDER BY version").fetch_all(&self.pool).await?)
    }

    /// Whether a table whose name matches the LIKE `pattern` exists.
    async fn has_table(&self, pattern: &str) -> Result<bool> {
        let n: i64 = sqlx::query_scalar("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name LIKE ?")
            .bind(pattern)
            .fetch_one(&self.pool)
            .await?;
        Ok(n > 0)
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}
