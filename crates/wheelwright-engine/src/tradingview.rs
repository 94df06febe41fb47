//! TradingView watchlist exports. TradingView has no API; a user exports a list as a text file of
//! comma-separated `EXCHANGE:SYMBOL` entries (line breaks are tolerated), where an entry
//! `###Name` starts a section. The whole file is checked before anything is kept: the first
//! entry that is not a symbol is named, with its position, and nothing is imported.

use crate::error::{EngineError, Result};
use wheelwright_domain::{ErrorCode, Symbol};

/// One symbol of the list, with the exchange and section the file gave it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub symbol: Symbol,
    pub exchange: Option<String>,
    pub section: Option<String>,
}

/// The entries of an export in file order, each symbol once (its first occurrence wins).
pub fn parse(text: &str) -> Result<Vec<Entry>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut entries: Vec<Entry> = Vec::new();
    let mut section: Option<String> = None;
    for (index, token) in text.split([',', '\n', '\r']).map(str::trim).filter(|t| !t.is_empty()).enumerate() {
        let position = index + 1;
        if let Some(name) = token.strip_prefix("###") {
            let name = name.trim();
            section = (!name.is_empty()).then(|| name.to_string());
            continue;
        }
        let (exchange, ticker) = match token.split_once(':') {
            Some((exchange, ticker)) => (Some(exchange.trim()), ticker.trim()),
            None => (None, token),
        };
        if exchange.is_some_and(|e| e.is_empty() || !e.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')) {
            return Err(bad(position, token, "the exchange before ':' must be letters or digits"));
        }
        let symbol = Symbol::parse(ticker).map_err(|e| bad(position, token, &e.message))?;
        if entries.iter().any(|e| e.symbol == symbol) {
            continue;
        }
        entries.push(Entry { symbol, exchange: exchange.map(str::to_uppercase), section: section.clone() });
    }
    if entries.is_empty() {
        return Err(EngineError::new(
            ErrorCode::InvalidInput,
            "the file holds no symbols: export the list from TradingView (⋯ → Export list)",
        ));
    }
    Ok(entries)
}

fn bad(position: usize, token: &str, why: &str) -> EngineError {
    let shown: String = token.chars().take(40).collect();
    let message = format!("entry {position} ('{shown}') is not a TradingView symbol: {why}");
    EngineError { row: Some(position as u64), ..EngineError::new(ErrorCode::InvalidInput, message) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn reads_sections_exchanges_and_line_breaks() {
        let file = "###Wheel candidates,NASDAQ:AAPL,NYSE:KO\n###Energy,NYSE:XOM,AMEX:SPY,NYSE:BRK.B,NASDAQ:AAPL\r\n";
        let entries = parse(file).unwrap();
        let view: Vec<(&str, Option<&str>, Option<&str>)> =
            entries.iter().map(|e| (e.symbol.as_str(), e.exchange.as_deref(), e.section.as_deref())).collect();
        assert_eq!(
            view,
            [
                ("AAPL", Some("NASDAQ"), Some("Wheel candidates")),
                ("KO", Some("NYSE"), Some("Wheel candidates")),
                ("XOM", Some("NYSE"), Some("Energy")),
                ("SPY", Some("AMEX"), Some("Energy")),
                ("BRK.B", Some("NYSE"), Some("Energy")),
            ]
        );
        assert_eq!(parse("\u{feff}f, sofi").unwrap().len(), 2, "BOM, bare and lower-case tickers");
    }

    #[test]
    fn a_bad_entry_is_named_and_nothing_is_kept() {
        let e = parse("NASDAQ:AAPL,NYSE:KO,NYSE:not a ticker,NYSE:XOM").unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidInput);
        assert_eq!(e.row, Some(3));
        assert!(e.message.contains("'NYSE:not a ticker'"), "{}", e.message);
        assert!(parse(":AAPL").is_err());
        assert_eq!(parse(" ,, \n###Empty").unwrap_err().code, ErrorCode::InvalidInput);
    }

    proptest! {
        /// Fuzz: any text either parses into valid, unique symbols or is refused with an error —
        /// never a panic.
        #[test]
        fn never_panics_and_keeps_only_valid_unique_symbols(text in "\\PC{0,200}") {
            if let Ok(entries) = parse(&text) {
                let mut seen = std::collections::HashSet::new();
                for e in &entries {
                    prop_assert!(Symbol::parse(e.symbol.as_str()).is_ok());
                    prop_assert!(seen.insert(e.symbol.clone()));
                }
            }
        }

        /// Round trip: a list written the way TradingView writes it reads back the same.
        #[test]
        fn exported_lists_read_back(symbols in proptest::collection::vec("[A-Z]{1,5}", 1..30)) {
            let text = symbols.iter().map(|s| format!("NASDAQ:{s}")).collect::<Vec<_>>().join(",");
            let mut unique: Vec<&String> = Vec::new();
            for s in &symbols {
                if !unique.contains(&s) {
                    unique.push(s);
                }
            }
            let parsed: Vec<String> = parse(&text).unwrap().into_iter().map(|e| e.symbol.as_str().to_string()).collect();
            prop_assert_eq!(parsed, unique.into_iter().cloned().collect::<Vec<_>>());
        }
    }
}
