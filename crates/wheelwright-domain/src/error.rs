//! Errors the ledger can raise, with stable machine-readable codes: the CLI prints them in JSON,
//! the desktop shell sends them over IPC, and the UI decides what to show from the code alone.

use serde::Serialize;
use std::fmt;
use ts_rs::TS;

/// Stable error codes. Renaming one is a breaking change for the UI and for scripts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// A value could not be parsed or is out of its allowed range.
    InvalidInput,
    /// A required field is missing for this action.
    MissingField,
    /// A field was given that this action does not take.
    FieldNotAllowed,
    /// The symbol is not a valid ticker.
    InvalidSymbol,
    /// Quantity is zero or negative.
    InvalidQuantity,
    /// Price or amount is negative where it must not be.
    NegativePrice,
    /// Fees are negative.
    NegativeFees,
    /// Option quantities must be whole contracts.
    FractionalContracts,
    /// An option was opened after its expiry.
    ExpiryBeforeOpen,
    /// An expiration was recorded before the contract's expiry date.
    ExpireBeforeExpiry,
    /// A close (BTC, STC, EXPIRE, ASSIGN, EXERCISE) names more contracts than are open.
    CloseExceedsOpen,
    /// Assignment of an option that is not held short.
    NotShort,
    /// Exercise of an option that is not held long.
    NotLong,
    /// A sale or delivery needs more shares than the wheel holds.
    InsufficientShares,
    /// The action exists in the world but the ledger does not book it yet (corporate actions).
    UnsupportedAction,
    /// An external id is already used by a fill with different content.
    ExternalIdConflict,
    /// Something with this name already exists.
    AlreadyExists,
    /// The referenced portfolio, wheel or fill does not exist.
    NotFound,
    /// A CSV file does not have the expected shape.
    CsvFormat,
    /// The database could not be read or written.
    Database,
    /// The database file is damaged or not a Wheelwright database.
    DatabaseCorrupt,
    /// The database was written by a newer Wheelwright.
    SchemaTooNew,
    /// A file could not be read or written.
    Io,
    /// The OS keychain could not be reached or refused the request.
    KeychainUnavailable,
    /// A desktop notification could not be shown.
    NotificationFailed,
    /// The market-data provider does not list this symbol.
    UnknownSymbol,
    /// The market-data provider could not answer (outside its dates, unreachable, malformed).
    MarketData,
    /// The broker no longer accepts the login (expired or revoked): log in again.
    AuthRequired,
    /// The provider refused for too many requests, even after waiting as it asked.
    RateLimited,
    /// The provider could not be reached or failed (5xx), even after retries.
    UpstreamUnavailable,
    /// The provider did not answer in time, even after retries.
    Timeout,
    /// The provider refused the request itself (a 4xx other than login or rate limit).
    UpstreamRejected,
    /// A run of this job is under way (here or in another Wheelwright process).
    JobRunning,
    /// The record changed after the change to be undone: undo the later change first.
    ChangedSince,
    /// A bug: something that should not happen. The message says what.
    Internal,
}

impl ErrorCode {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::InvalidInput => "invalid_input",
            ErrorCode::MissingField => "missing_field",
            ErrorCode::FieldNotAllowed => "field_not_allowed",
            ErrorCode::InvalidSymbol => "invalid_symbol",
            ErrorCode::InvalidQuantity => "invalid_quantity",
            ErrorCode::NegativePrice => "negative_price",
            ErrorCode::NegativeFees => "negative_fees",
            ErrorCode::FractionalContracts => "fractional_contracts",
            ErrorCode::ExpiryBeforeOpen => "expiry_before_open",
            ErrorCode::ExpireBeforeExpiry => "expire_before_expiry",
            ErrorCode::CloseExceedsOpen => "close_exceeds_open",
            ErrorCode::NotShort => "not_short",
            ErrorCode::NotLong => "not_long",
            ErrorCode::InsufficientShares => "insufficient_shares",
            ErrorCode::UnsupportedAction => "unsupported_action",
            ErrorCode::ExternalIdConflict => "external_id_conflict",
            ErrorCode::AlreadyExists => "already_exists",
            ErrorCode::NotFound => "not_found",
            ErrorCode::CsvFormat => "csv_format",
            ErrorCode::Database => "database",
            ErrorCode::DatabaseCorrupt => "database_corrupt",
            ErrorCode::SchemaTooNew => "schema_too_new",
            ErrorCode::Io => "io",
            ErrorCode::KeychainUnavailable => "keychain_unavailable",
            ErrorCode::NotificationFailed => "notification_failed",
            ErrorCode::UnknownSymbol => "unknown_symbol",
            ErrorCode::MarketData => "market_data",
            ErrorCode::AuthRequired => "auth_required",
            ErrorCode::RateLimited => "rate_limited",
            ErrorCode::UpstreamUnavailable => "upstream_unavailable",
            ErrorCode::Timeout => "timeout",
            ErrorCode::UpstreamRejected => "upstream_rejected",
            ErrorCode::JobRunning => "job_running",
            ErrorCode::ChangedSince => "changed_since",
            ErrorCode::Internal => "internal",
        }
    }

    /// Every code, for documentation and tests that keep ARCHITECTURE.md honest.
    pub const ALL: [ErrorCode; 35] = [
        ErrorCode::InvalidInput,
        ErrorCode::MissingField,
        ErrorCode::FieldNotAllowed,
        ErrorCode::InvalidSymbol,
        ErrorCode::InvalidQuantity,
        ErrorCode::NegativePrice,
        ErrorCode::NegativeFees,
        ErrorCode::FractionalContracts,
        ErrorCode::ExpiryBeforeOpen,
        ErrorCode::ExpireBeforeExpiry,
        ErrorCode::CloseExceedsOpen,
        ErrorCode::NotShort,
        ErrorCode::NotLong,
        ErrorCode::InsufficientShares,
        ErrorCode::UnsupportedAction,
        ErrorCode::ExternalIdConflict,
        ErrorCode::AlreadyExists,
        ErrorCode::NotFound,
        ErrorCode::CsvFormat,
        ErrorCode::Database,
        ErrorCode::DatabaseCorrupt,
        ErrorCode::SchemaTooNew,
        ErrorCode::Io,
        ErrorCode::KeychainUnavailable,
        ErrorCode::NotificationFailed,
        ErrorCode::UnknownSymbol,
        ErrorCode::MarketData,
        ErrorCode::AuthRequired,
        ErrorCode::RateLimited,
        ErrorCode::UpstreamUnavailable,
        ErrorCode::Timeout,
        ErrorCode::UpstreamRejected,
        ErrorCode::JobRunning,
        ErrorCode::ChangedSince,
        ErrorCode::Internal,
    ];
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A rule of the ledger was broken. `field` names the input field at fault and `fill` the
/// fill (by id, when it has one) so the UI can point at it and the importer can name the row.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct LedgerError {
    pub code: ErrorCode,
    pub message: String,
    pub field: Option<&'static str>,
    pub fill_id: Option<i64>,
}

impl LedgerError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        LedgerError { code, message: message.into(), field: None, fill_id: None }
    }

    pub fn field(code: ErrorCode, field: &'static str, message: impl Into<String>) -> Self {
        LedgerError { code, message: message.into(), field: Some(field), fill_id: None }
    }

    pub fn at_fill(mut self, fill_id: i64) -> Self {
        self.fill_id.get_or_insert(fill_id);
        self
    }
}
