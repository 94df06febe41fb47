//! Ticker symbols. Validated once at the edge so the rest of the code can trust them; stored
//! upper-case so `aapl` and `AAPL` are the same wheel.

use crate::error::{ErrorCode, LedgerError};
use serde::{Deserialize, Serialize};
use std::fmt;
use ts_rs::TS;

/// An underlying's ticker: 1–10 characters, a letter first, then letters, digits, `.`, `/` or
/// `-` (class shares such as `BRK.B` / `BRK/B`, and `-` as some brokers write them).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(try_from = "String", into = "String")]
#[ts(type = "string")]
pub struct Symbol(String);

impl Symbol {
    pub fn parse(text: &str) -> Result<Symbol, LedgerError> {
        let upper = text.trim().to_ascii_uppercase();
        let mut chars = upper.chars();
        let first_ok = chars.next().is_some_and(|c| c.is_ascii_uppercase());
        let rest_ok = chars.all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || matches!(c, '.' | '/' | '-'));
        if !first_ok || !rest_ok || upper.len() > 10 {
            return Err(LedgerError::field(
                ErrorCode::InvalidSymbol,
                "symbol",
                format!(
                    "'{}' is not a ticker symbol: use 1–10 letters, digits, '.', '/' or '-', starting with a letter (e.g. AAPL, BRK.B)",
                    text.trim()
                ),
            ));
        }
        Ok(Symbol(upper))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Symbol {
    type Error = LedgerError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Symbol::parse(&value)
    }
}

impl From<Symbol> for String {
    fn from(value: Symbol) -> String {
        value.0
    }
}

impl fmt::Display for Symbol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_tickers_and_normalises_case() {
        assert_eq!(Symbol::parse(" aapl ").unwrap().as_str(), "AAPL");
        assert_eq!(Symbol::parse("BRK.B").unwrap().as_str(), "BRK.B");
        assert_eq!(Symbol::parse("BF/B").unwrap().as_str(), "BF/B");
    }

    #[test]
    fn rejects_what_is_not_a_ticker() {
        for bad in ["", "1ABC", "AA PL", "ABCDEFGHIJK", "AAPL$", "NASDAQ:AAPL"] {
            let err = Symbol::parse(bad).unwrap_err();
            assert_eq!(err.code, ErrorCode::InvalidSymbol, "{bad}");
            assert_eq!(err.field, Some("symbol"));
        }
    }
}
