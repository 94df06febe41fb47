//! The audit log: every create, update and delete of a portfolio, wheel or fill, with the row
//! before and after, written in the same transaction as the change itself.

use crate::error::Result;
use serde::Serialize;
use sqlx::SqliteConnection;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Operation {
    Create,
    Update,
    Delete,
}

impl Operation {
    fn as_str(self) -> &'static str {
        match self {
            Operation::Create => "create",
            Operation::Update => "update",
            Operation::Delete => "delete",
        }
    }
}

pub struct Entry<'a, B: Serialize, A: Serialize> {
    pub entity: &'static str,
    pub id: i64,
    pub operation: Operation,
    pub before: Option<&'a B>,
    pub after: Option<&'a A>,
}

/// Writes the entry and returns its id: the change's number, by which it can be undone.
pub async fn record<B: Serialize, A: Serialize>(
    conn: &mut SqliteConnection,
    at: &str,
    source: &str,
    entry: Entry<'_, B, A>,
) -> Result<i64> {
    let done = sqlx::query("INSERT INTO audit_log (at, source, entity, entity_id, operation, before, after) VALUES (?, ?, ?, ?, ?, ?, ?)")
        .bind(at)
        .bind(source)
        .bind(entry.entity)
        .bind(entry.id)
        .bind(entry.operation.as_str())
        .bind(entry.before.map(serde_json::to_string).transpose().map_err(internal)?)
        .bind(entry.after.map(serde_json::to_string).transpose().map_err(internal)?)
        .execute(&mut *conn)
        .await?;
    Ok(done.last_insert_rowid())
}

fn internal(e: serde_json::Error) -> crate::error::EngineError {
    crate::error::EngineError::new(wheelwright_domain::ErrorCode::Internal, format!("cannot record the audit entry: {e}"))
}

/// Marks change `undo` as the reversal of change `undone`.
pub async fn mark_undo(conn: &mut SqliteConnection, undo: i64, undone: i64) -> Result<()> {
    sqlx::query("UPDATE audit_log SET undoes = ? WHERE id = ?").bind(undone).bind(undo).execute(&mut *conn).await?;
    Ok(())
}

/// Marks the `later` entries as written with `first`, as one action.
pub async fn mark_action(conn: &mut SqliteConnection, first: i64, later: &[i64]) -> Result<()> {
    for entry in later {
        sqlx::query("UPDATE audit_log SET part_of = ? WHERE id = ?").bind(first).bind(entry).execute(&mut *conn).await?;
    }
    Ok(())
}

/// Every entry of action `action` (see [`AuditRow::action`]), in the order written.
pub async fn action_entries(conn: &mut SqliteConnection, action: i64) -> Result<Vec<AuditRow>> {
    Ok(sqlx::query_as(&format!("SELECT {COLUMNS} FROM audit_log WHERE id = ?1 OR part_of = ?1 ORDER BY id"))
        .bind(action)
        .fetch_all(&mut *conn)
        .await?)
}

/// One audit row as stored.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct AuditRow {
    pub id: i64,
    pub at: String,
    pub source: String,
    pub entity: String,
    pub entity_id: i64,
    pub operation: String,
    pub before: Option<String>,
    pub after: Option<String>,
    /// The change this one reverses, when it is an undo.
    pub undoes: Option<i64>,
    /// The first entry of the action this one was written with (a roll's two legs), undone
    /// together.
    pub part_of: Option<i64>,
}

impl AuditRow {
    /// The number of the action this entry belongs to: its first entry's.
    pub fn action(&self) -> i64 {
        self.part_of.unwrap_or(self.id)
    }
}

const COLUMNS: &str = "id, at, source, entity, entity_id, operation, before, after, undoes, part_of";

pub async fn by_id(conn: &mut SqliteConnection, id: i64) -> Result<Option<AuditRow>> {
    Ok(sqlx::query_as(&format!("SELECT {COLUMNS} FROM audit_log WHERE id = ?")).bind(id).fetch_optional(&mut *conn).await?)
}

/// The number of the change that made `entity` `id` (the latest, should the id have been made
/// twice), 0 when none did.
pub async fn made_by(conn: &mut SqliteConnection, entity: &str, id: i64) -> Result<i64> {
    Ok(sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) FROM audit_log WHERE entity = ? AND entity_id = ? AND operation = 'create'")
        .bind(entity)
        .bind(id)
        .fetch_one(&mut *conn)
        .await?)
}

/// The newest changes to a portfolio's fills, newest first. A fill's entries carry its
/// portfolio (see `fills::AuditedFill`), in the row after the change or, for a deletion,
/// before; only entries since the portfolio was made count (in a file from before migration
/// 10, a deleted portfolio's id could have gone to a new one).
pub async fn fill_changes(conn: &mut SqliteConnection, portfolio_id: i64, limit: u32) -> Result<Vec<AuditRow>> {
    let since = made_by(conn, "portfolio", portfolio_id).await?;
    Ok(sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM audit_log
         WHERE entity = 'fill' AND json_extract(COALESCE(after, before), '$.portfolio_id') = ? AND id > ?
         ORDER BY id DESC LIMIT ?"
    ))
    .bind(portfolio_id)
    .bind(since)
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?)
}

/// The entries after `row` about the same entity id, oldest first.
pub async fn later(conn: &mut SqliteConnection, row: &AuditRow) -> Result<Vec<AuditRow>> {
    Ok(sqlx::query_as(&format!("SELECT {COLUMNS} FROM audit_log WHERE entity = ? AND entity_id = ? AND id > ? ORDER BY id"))
        .bind(&row.entity)
        .bind(row.entity_id)
        .bind(row.id)
        .fetch_all(&mut *conn)
        .await?)
}
