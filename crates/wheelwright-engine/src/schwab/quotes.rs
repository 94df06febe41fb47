//! Schwab's `/quotes` response → our [`Quote`]s. Prices come from the `quote` block
//! (`lastPrice`, `bidPrice`, `askPrice`, `closePrice` = the previous session's close), the
//! dividend from `fundamental` (`divPayAmount` per payment, `divFreq` a year, `nextDivExDate`,
//! `divYield` in percent). Schwab gives no sector and no next earnings date: both stay `None`,
//! never guessed. A crossed or bid-less quote is flagged, not corrected.

use super::{bad, number};
use crate::error::Result;
use chrono::{DateTime, NaiveDate, Utc};
use serde_json::Value;
use wheelwright_domain::market::{DataFlag, DividendInfo, Quote};
use wheelwright_domain::Symbol;

/// A date from Schwab's ISO stamps, which come with `Z` or with a `+0000` offset.
fn date(v: Option<&Value>) -> Option<NaiveDate> {
    let text = v?.as_str()?;
    DateTime::parse_from_rfc3339(text)
        .or_else(|_| DateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f%z"))
        .ok()
        .map(|d| d.date_naive())
        .or_else(|| NaiveDate::parse_from_str(text.get(..10)?, "%Y-%m-%d").ok())
}

/// Parses a quotes response (an object keyed by symbol). Symbols Schwab answered with an error
/// entry instead of a quote are skipped.
pub fn parse(body: &str) -> Result<Vec<Quote>> {
    let root: Value = serde_json::from_str(body).map_err(|e| bad(format!("not a Schwab quotes response: {e}")))?;
    let entries = root.as_object().ok_or_else(|| bad("a Schwab quotes response is an object keyed by symbol"))?;
    let mut quotes = Vec::new();
    for (key, entry) in entries {
        let Some(quote) = entry.get("quote") else { continue };
        let symbol = Symbol::parse(entry.get("symbol").and_then(Value::as_str).unwrap_or(key))?;
        let fundamental = entry.get("fundamental");
        let field = |name: &str| number(fundamental.and_then(|f| f.get(name)));
        let dividend = field("divPayAmount").filter(|a| *a > 0.0).map(|amount| DividendInfo {
            amount,
            per_year: field("divFreq").map(|f| f as u32).unwrap_or(4),
            next_ex_date: date(fundamental.and_then(|f| f.get("nextDivExDate"))),
            annual_yield: field("divYield").map(|percent| percent / 100.0),
        });
        let (bid, ask) = (number(quote.get("bidPrice")), number(quote.get("askPrice")));
        let flags = DataFlag::for_quote(bid, ask);
        let time = quote.get("quoteTime").and_then(Value::as_i64).and_then(DateTime::<Utc>::from_timestamp_millis);
        quotes.push(Quote {
            symbol,
            time: time.ok_or_else(|| bad(format!("the quote for {key} has no quoteTime")))?,
            last: number(quote.get("lastPrice")),
            bid,
            ask,
            previous_close: number(quote.get("closePrice")),
            volume: number(quote.get("totalVolume")).map(|v| v as u64),
            name: entry.get("reference").and_then(|r| r.get("description")).and_then(Value::as_str).map(str::to_string),
            sector: None,
            dividend,
            next_earnings: None,
            flags,
        });
    }
    Ok(quotes)
}
