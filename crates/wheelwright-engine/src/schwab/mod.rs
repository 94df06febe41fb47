//! Charles Schwab's Trader API: its formats — option chains and expirations, quotes and price
//! history, into our market types — with the quirks every Schwab response shares handled
//! here once (numbers as strings, `"NaN"` and the `-999` sentinel for missing values) — and the
//! client that fetches them.

pub mod accounts;
pub mod chain;
pub mod client;
pub mod history;
pub mod oauth;
pub mod quotes;
pub mod session;

use crate::error::EngineError;
use serde_json::Value;
use wheelwright_domain::ErrorCode;

/// A response that does not have the shape Schwab documents.
fn bad(message: impl Into<String>) -> EngineError {
    EngineError::new(ErrorCode::MarketData, message)
}

/// A number, or `None` for absent, `"NaN"`, non-finite or Schwab's `-999` sentinel.
fn number(v: Option<&Value>) -> Option<f64> {
    let x = match v? {
        Value::Number(n) => n.as_f64()?,
        Value::String(s) => s.parse::<f64>().ok()?,
        _ => return None,
    };
    (x.is_finite() && x != -999.0).then_some(x)
}
