//! Tradier's market-data API: its formats — quotes, expirations, one expiry's chain with greeks,
//! daily history and intraday time-and-sales — into our market types, and the client that
//! fetches them. The quirks every Tradier response shares are handled here once: a single
//! result comes back as an object instead of a one-element array (`quote`, `option`, `day`,
//! `date`, `data`), an empty answer as `null` (sometimes the string `"null"`), IV as a decimal
//! in `greeks.mid_iv` that reads 0 on illiquid rows (then `smv_vol`, the smoothed surface, is the
//! one to use), and no interest rate, sector or earnings date at all.

pub mod client;

use crate::error::{EngineError, Result};
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use serde_json::Value;
use wheelwright_domain::market::{parse_occ, Bar, DataFlag, Greeks, OptionQuote, Quote};
use wheelwright_domain::{ErrorCode, Right, Symbol};
use wheelwright_pricing::calendar::{self, Underlying};

/// A response that does not have the shape Tradier documents.
fn bad(message: impl Into<String>) -> EngineError {
    EngineError::new(ErrorCode::MarketData, message)
}

fn json(body: &str, what: &str) -> Result<Value> {
    serde_json::from_str(body).map_err(|e| bad(format!("not a Tradier {what} response: {e}")))
}

/// The items under `outer.inner`, whether Tradier sent an array, a single object or nothing.
fn one_or_many<'a>(root: &'a Value, outer: &str, inner: &str) -> Result<Vec<&'a Value>> {
    let block = match root.get(outer) {
        Some(Value::Object(block)) => block,
        Some(Value::Null) | None => return Ok(Vec::new()),
        Some(Value::String(s)) if s == "null" => return Ok(Vec::new()),
        Some(other) => return Err(bad(format!("'{outer}' is {other}, not an object"))),
    };
    Ok(match block.get(inner) {
        Some(Value::Array(items)) => items.iter().collect(),
        Some(Value::Null) | None => Vec::new(),
        Some(single) => vec![single],
    })
}

/// A finite number, or `None` for null, absent, text or non-finite.
fn number(v: Option<&Value>) -> Option<f64> {
    v?.as_f64().filter(|x| x.is_finite())
}

fn epoch_ms(v: Option<&Value>) -> Option<DateTime<Utc>> {
    v?.as_i64().filter(|ms| *ms > 0).and_then(DateTime::from_timestamp_millis)
}

fn date(v: Option<&Value>) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(v?.as_str()?, "%Y-%m-%d").ok()
}

/// `/markets/quotes` → quotes; symbols Tradier did not recognise are left out. The quote's time
/// is its latest trade, bid or ask stamp; one without any stamp is kept, flagged stale.
pub fn parse_quotes(body: &str) -> Result<Vec<Quote>> {
    let root = json(body, "quotes")?;
    let mut quotes = Vec::new();
    for item in one_or_many(&root, "quotes", "quote")? {
        let text = item.get("symbol").and_then(Value::as_str).ok_or_else(|| bad("a quote has no symbol"))?;
        let symbol = Symbol::parse(text).map_err(|e| bad(format!("quote symbol '{text}': {}", e.message)))?;
        let (bid, ask) = (number(item.get("bid")), number(item.get("ask")));
        let mut flags = DataFlag::for_quote(bid, ask);
        let stamps = ["trade_date", "bid_date", "ask_date"].map(|name| epoch_ms(item.get(name)));
        let time = stamps.into_iter().flatten().max().unwrap_or_else(|| {
            flags.push(DataFlag::Stale);
            DateTime::UNIX_EPOCH
        });
        quotes.push(Quote {
            symbol,
            time,
            last: number(item.get("last")),
            bid,
            ask,
            previous_close: number(item.get("prevclose")),
            volume: number(item.get("volume")).map(|v| v.max(0.0) as u64),
            name: item.get("description").and_then(Value::as_str).map(str::to_string),
            sector: None,
            dividend: None,
            next_earnings: None,
            flags,
        });
    }
    Ok(quotes)
}

/// `/markets/options/expirations` → dates in order.
pub fn parse_expirations(body: &str) -> Result<Vec<NaiveDate>> {
    let root = json(body, "expirations")?;
    let mut dates = one_or_many(&root, "expirations", "date")?
        .into_iter()
        .map(|d| date(Some(d)).ok_or_else(|| bad(format!("'{d}' is not an expiration date"))))
        .collect::<Result<Vec<_>>>()?;
    dates.sort();
    dates.dedup();
    Ok(dates)
}

/// The OCC symbol with the root padded to six, as our types carry it (Tradier sends it unpadded).
fn padded_occ(text: &str) -> Option<String> {
    parse_occ(text)?;
    let (root, tail) = text.trim().split_at(text.trim().len() - 15);
    Some(format!("{root:<6}{tail}"))
}

/// `/markets/options/chains` (one expiry, `greeks=true`) → contracts of `underlying`. Adjusted
/// contracts (a root other than the underlying's, or a size other than 100) are kept and marked
/// non-standard. Theta is per day and vega per volatility point, as ours are.
pub fn parse_chain(body: &str, underlying: &Symbol) -> Result<Vec<OptionQuote>> {
    let root = json(body, "chain")?;
    let mut contracts = Vec::new();
    for item in one_or_many(&root, "options", "option")? {
        let text = item.get("symbol").and_then(Value::as_str).unwrap_or_default();
        let occ = padded_occ(text).ok_or_else(|| bad(format!("'{text}' is not an OCC option symbol")))?;
        let right = match item.get("option_type").and_then(Value::as_str) {
            Some("call") => Right::Call,
            Some("put") => Right::Put,
            other => return Err(bad(format!("{text}: option_type {other:?} is neither call nor put"))),
        };
        let strike = number(item.get("strike")).filter(|s| *s > 0.0).ok_or_else(|| bad(format!("{text} has no strike")))?;
        let expiry = date(item.get("expiration_date")).ok_or_else(|| bad(format!("{text} has no expiration_date")))?;
        let size = number(item.get("contract_size")).unwrap_or(100.0);
        let root_symbol = item.get("root_symbol").and_then(Value::as_str).unwrap_or(underlying.as_str());
        let (bid, ask) = (number(item.get("bid")), number(item.get("ask")));
        let mut flags = DataFlag::for_quote(bid, ask);
        let greeks_block = item.get("greeks").filter(|g| g.is_object());
        let greek = |name: &str| number(greeks_block.and_then(|g| g.get(name)));
        let greeks = match (greek("delta"), greek("gamma"), greek("theta"), greek("vega")) {
            (Some(delta), Some(gamma), Some(theta_per_day), Some(vega_per_point)) => {
                Some(Greeks { delta, gamma, theta_per_day, vega_per_point })
            }
            _ => None,
        };
        // mid_iv reads 0 where there is no two-sided market; the smoothed surface still has a value.
        let iv = greek("mid_iv").filter(|v| *v > 0.0).or_else(|| greek("smv_vol").filter(|v| *v > 0.0));
        if greeks.is_none() || iv.is_none() {
            flags.push(DataFlag::MissingGreeks);
        }
        contracts.push(OptionQuote {
            occ,
            underlying: underlying.clone(),
            right,
            strike,
            expiry,
            multiplier: size as u32,
            standard: size == 100.0 && root_symbol.eq_ignore_ascii_case(underlying.as_str()),
            bid,
            ask,
            last: number(item.get("last")),
            volume: number(item.get("volume")).unwrap_or(0.0).max(0.0) as u64,
            open_interest: number(item.get("open_interest")).unwrap_or(0.0).max(0.0) as u64,
            iv,
            greeks,
            flags,
        });
    }
    Ok(contracts)
}

/// A bar from Tradier's open/high/low/close/volume fields; `None` if a price is missing.
fn bar(item: &Value, time: DateTime<Utc>) -> Option<Bar> {
    Some(Bar {
        time,
        open: number(item.get("open"))?,
        high: number(item.get("high"))?,
        low: number(item.get("low"))?,
        close: number(item.get("close"))?,
        volume: number(item.get("volume")).unwrap_or(0.0).max(0.0) as u64,
    })
}

/// The instant a daily bar stands for: the session's close (as the Demo market stamps them).
fn session_close(day: NaiveDate) -> DateTime<Utc> {
    calendar::close(day, Underlying::Equity)
        .ok()
        .flatten()
        .unwrap_or_else(|| calendar::new_york_instant(day, NaiveTime::from_hms_opt(16, 0, 0).expect("valid time")))
}

/// `/markets/history` (daily) → bars. A day missing a price is dropped, to be flagged as a gap
/// by the history check rather than filled in.
pub fn parse_history(body: &str) -> Result<Vec<Bar>> {
    let root = json(body, "history")?;
    let mut bars = Vec::new();
    for item in one_or_many(&root, "history", "day")? {
        let day = date(item.get("date")).ok_or_else(|| bad(format!("a history day has no date: {item}")))?;
        bars.extend(bar(item, session_close(day)));
    }
    Ok(bars)
}

/// `/markets/timesales` → intraday bars stamped with their start (`timestamp`, epoch seconds).
pub fn parse_timesales(body: &str) -> Result<Vec<Bar>> {
    let root = json(body, "time and sales")?;
    let mut bars = Vec::new();
    for item in one_or_many(&root, "series", "data")? {
        let time = item
            .get("timestamp")
            .and_then(Value::as_i64)
            .and_then(|s| DateTime::from_timestamp(s, 0))
            .ok_or_else(|| bad(format!("a time-and-sales bar has no timestamp: {item}")))?;
        bars.extend(bar(item, time));
    }
    Ok(bars)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_result_comes_as_an_object_and_none_as_null() {
        let many = json(r#"{"expirations":{"date":["2024-10-25","2024-10-18"]}}"#, "t").unwrap();
        assert_eq!(one_or_many(&many, "expirations", "date").unwrap().len(), 2);
        let one = json(r#"{"expirations":{"date":"2024-10-18"}}"#, "t").unwrap();
        assert_eq!(one_or_many(&one, "expirations", "date").unwrap().len(), 1);
        for empty in [r#"{"expirations":null}"#, r#"{"expirations":"null"}"#, r#"{}"#, r#"{"expirations":{}}"#] {
            assert!(one_or_many(&json(empty, "t").unwrap(), "expirations", "date").unwrap().is_empty(), "{empty}");
        }
        let wrong = json(r#"{"expirations":[1,2]}"#, "t").unwrap();
        assert_eq!(one_or_many(&wrong, "expirations", "date").unwrap_err().code, ErrorCode::MarketData);
    }

    #[test]
    fn occ_symbols_are_padded_to_our_form() {
        assert_eq!(padded_occ("AAPL241018C00230000").as_deref(), Some("AAPL  241018C00230000"));
        assert_eq!(padded_occ("AAPL1241018C00230000").as_deref(), Some("AAPL1 241018C00230000"));
        assert_eq!(padded_occ("AAPL"), None);
    }
}
