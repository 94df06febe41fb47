//! Noticing writes by another process on the same database file — the CLI, or the headless
//! scheduler while the app is open — so the app can refresh what it shows instead of showing a
//! stale ledger. SQLite's `PRAGMA data_version` changes, on one connection, whenever any other
//! connection commits; the store counts the write transactions this process begins, so a change
//! of the version without one of ours is someone else's.

use crate::error::Result;
use crate::ports::LedgerEvent;
use crate::Engine;
use sqlx::SqliteConnection;
use std::time::Duration;
use tokio::sync::watch;

async fn data_version(conn: &mut SqliteConnection) -> Result<i64> {
    Ok(sqlx::query_scalar("PRAGMA data_version").fetch_one(conn).await?)
}

impl Engine {
    /// Looks every `every` for commits by other processes and emits
    /// [`LedgerEvent::OtherProcessWrote`] for them, until `stop` turns true. An interval in
    /// which this process also began a write is not reported (its own event covers the refresh);
    /// a write of ours that spans a look may be reported once (a spare refresh).
    pub async fn watch_other_writers(&self, every: Duration, mut stop: watch::Receiver<bool>) -> Result<()> {
        let mut conn = self.store().watcher().await?;
        let mut ours = self.store().writes_begun();
        let mut version = data_version(&mut conn).await?;
        loop {
            tokio::select! {
                _ = tokio::time::sleep(every) => {}
                _ = stop.changed() => {}
            }
            if *stop.borrow() {
                return Ok(());
            }
            // A transaction of ours that spans a look is counted in one interval and committed
            // in the next: that next one reports it (the spare refresh the doc allows).
            let ours_now = self.store().writes_begun();
            let version_now = match data_version(&mut conn).await {
                Ok(v) => v,
                Err(e) => {
                    tracing::warn!("cannot look for other processes' writes: {}", e.message);
                    continue;
                }
            };
            if version_now != version && ours_now == ours {
                self.emit(LedgerEvent::OtherProcessWrote);
            }
            (ours, version) = (ours_now, version_now);
        }
    }
}
