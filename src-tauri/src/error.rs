//! The error every command returns: `{code, message, field, row}` with the engine's stable
//! codes, so the UI can decide what to show from the code alone.

use serde::Serialize;
use ts_rs::TS;
use wheelwright_domain::ErrorCode;
use wheelwright_engine::EngineError;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct ApiError {
    pub code: ErrorCode,
    pub message: String,
    pub field: Option<String>,
    pub row: Option<u64>,
}

impl From<EngineError> for ApiError {
    fn from(e: EngineError) -> Self {
        ApiError { code: e.code, message: e.message, field: e.field, row: e.row }
    }
}

pub type ApiResult<T> = Result<T, ApiError>;
