//! Schwab's `/pricehistory` response → our [`Bar`]s: `candles` with open, high, low, close,
//! volume and a `datetime` in epoch milliseconds. A candle missing a price is dropped and the
//! gap flagged by the caller's data-quality check, not filled in.

use super::{bad, number};
use crate::error::Result;
use chrono::DateTime;
use serde_json::Value;
use wheelwright_domain::market::Bar;

pub fn parse(body: &str) -> Result<Vec<Bar>> {
    let root: Value = serde_json::from_str(body).map_err(|e| bad(format!("not a Schwab price history response: {e}")))?;
    let candles = root.get("candles").and_then(Value::as_array).ok_or_else(|| bad("the price history has no candles"))?;
    Ok(candles
        .iter()
        .filter_map(|c| {
            Some(Bar {
                time: DateTime::from_timestamp_millis(c.get("datetime")?.as_i64()?)?,
                open: number(c.get("open"))?,
                high: number(c.get("high"))?,
                low: number(c.get("low"))?,
                close: number(c.get("close"))?,
                volume: number(c.get("volume")).unwrap_or(0.0) as u64,
            })
        })
        .collect())
}
