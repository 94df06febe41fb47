//! The engine's error: a stable code (shared with the domain), a message that says what to do,
//! and where it happened (field, CSV row, fill). This is what crosses IPC as `{code, message}`
//! and what the CLI prints with `--json`.

use serde::Serialize;
use ts_rs::TS;
use wheelwright_domain::{ErrorCode, LedgerError};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS, thiserror::Error)]
#[error("{message}")]
pub struct EngineError {
    pub code: ErrorCode,
    pub message: String,
    /// The input field at fault, when one is.
    pub field: Option<String>,
    /// The 1-based CSV data row (the header is row 0… of no interest: row 1 is the first fill).
    pub row: Option<u64>,
    /// The fill at fault, when it is stored already.
    pub fill_id: Option<i64>,
}

pub type Result<T> = std::result::Result<T, EngineError>;

impl EngineError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        EngineError { code, message: message.into(), field: None, row: None, fill_id: None }
    }

    pub fn field(code: ErrorCode, field: &str, message: impl Into<String>) -> Self {
        EngineError { field: Some(field.to_string()), ..EngineError::new(code, message) }
    }

    pub fn not_found(what: &str, name: impl std::fmt::Display) -> Self {
        EngineError::new(ErrorCode::NotFound, format!("no {what} named '{name}'"))
    }

    pub fn at_row(mut self, row: u64) -> Self {
        self.row = Some(row);
        self.message = format!("row {row}: {}", self.message);
        self
    }
}

impl From<LedgerError> for EngineError {
    fn from(e: LedgerError) -> Self {
        EngineError { code: e.code, message: e.message, field: e.field.map(str::to_string), row: None, fill_id: e.fill_id }
    }
}

impl From<sqlx::Error> for EngineError {
    fn from(e: sqlx::Error) -> Self {
        if let sqlx::Error::Database(db) = &e {
            // SQLITE_NOTADB (26) and SQLITE_CORRUPT (11): the file is not a usable database.
            if matches!(db.code().as_deref(), Some("26") | Some("11")) {
                return EngineError::new(
                    ErrorCode::DatabaseCorrupt,
                    format!("the database file is damaged or not a Wheelwright database ({}): restore a backup from the backups folder beside it, or choose another file", db.message()),
                );
            }
        }
        EngineError::new(ErrorCode::Database, format!("database error: {e}"))
    }
}

impl From<sqlx::migrate::MigrateError> for EngineError {
    fn from(e: sqlx::migrate::MigrateError) -> Self {
        EngineError::new(ErrorCode::Database, format!("could not update the database schema: {e}"))
    }
}

impl From<std::io::Error> for EngineError {
    fn from(e: std::io::Error) -> Self {
        EngineError::new(ErrorCode::Io, e.to_string())
    }
}
