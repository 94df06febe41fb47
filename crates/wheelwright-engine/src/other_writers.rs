//! Noticing writes by another process on the same database file — the CLI, or the headless
//! scheduler while the app is open — so the app can refresh what it shows instead of showing a
//! stale ledger. SQLite's `PRAGMA data_version` changes, on one connection, whenever any other
//! connection commits; the store counts the write transactions this process begins, so a change
//! of the version without one of ours is someone else's. When ours and another's fall in one
//! look (the app writes often: every scheduler tick), the audit log and the job history, which
//! name their writer, tell whether someone else wrote too.

use crate::error::Result;
use crate::ports::LedgerEvent;
use crate::Engine;
use sqlx::SqliteConnection;
use std::time::Duration;
use tokio::sync::watch;

async fn data_version(conn: &mut SqliteConnection) -> Result<i64> {
    Ok(sqlx::query_scalar("PRAGMA data_version").fetch_one(conn).await?)
}

/// The newest audit entry and job run written by another process than `source`.
async fn others_newest(conn: &mut SqliteConnection, source: &str) -> Result<(i64, i64)> {
    Ok(sqlx::query_as(
        "SELECT (SELECT coalesce(max(id), 0) FROM audit_log WHERE source != ?1),
                (SELECT coalesce(max(id), 0) FROM job_runs WHERE runner NOT LIKE ?1 || ' %')",
    )
    .bind(source)
    .fetch_one(conn)
    .await?)
}

impl Engine {
    /// Looks every `every` for commits by other processes and emits
    /// [`LedgerEvent::OtherProcessWrote`] for them, until `stop` turns true. A write of ours that
    /// spans a look may be reported once (a spare refresh); another process's alerts alone,
    /// raised in a look where this process wrote too, wait for the next event.
    pub async fn watch_other_writers(&self, every: Duration, mut stop: watch::Receiver<bool>) -> Result<()> {
        let mut conn = self.store().watcher().await?;
        let mut ours = self.store().writes_begun();
        let mut version = data_version(&mut conn).await?;
        let mut theirs = others_newest(&mut conn, self.source()).await?;
        loop {
            tokio::select! {
                _ = tokio::time::sleep(every) => {}
                _ = stop.changed() => {}
            }
            if *stop.borrow() {
                return Ok(());
            }
            let ours_now = self.store().writes_begun();
            let version_now = match data_version(&mut conn).await {
                Ok(v) => v,
                Err(e) => {
                    tracing::warn!("cannot look for other processes' writes: {}", e.message);
                    continue;
                }
            };
            if version_now == version {
                ours = ours_now;
                continue;
            }
            let theirs_now = match others_newest(&mut conn, self.source()).await {
                Ok(newest) => newest,
                Err(e) => {
                    tracing::warn!("cannot look for other processes' writes: {}", e.message);
                    continue;
                }
            };
            if ours_now == ours || theirs_now != theirs {
                self.emit(LedgerEvent::OtherProcessWrote);
            }
            (ours, version, theirs) = (ours_now, version_now, theirs_now);
        }
    }
}
