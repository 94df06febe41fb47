//! Schwab's `/chains` response → [`Chain`]. It tolerates the format's quirks: expiries keyed
//! "YYYY-MM-DD:DTE", an array of contracts per strike (adjusted contracts share strikes with
//! standard ones), percent rates, `-999` and `"NaN"` for missing numbers, and both `nonStandard`
//! and `isNonStandard` spellings. Missing values stay missing; nothing is guessed.

use super::{bad, number};
use crate::error::Result;
use chrono::{DateTime, NaiveDate, Utc};
use serde_json::Value;
use wheelwright_domain::Right;
use wheelwright_pricing::calendar::Underlying;
use wheelwright_pricing::chain::{Chain, ChainQuote};

fn flag(contract: &Value, names: [&str; 2]) -> bool {
    names.iter().any(|n| contract.get(*n).and_then(Value::as_bool).unwrap_or(false))
}

fn epoch_ms(v: Option<&Value>) -> Option<DateTime<Utc>> {
    DateTime::from_timestamp_millis(v?.as_i64()?)
}

/// Parses a chain response. `div_yield` is the caller's (Schwab's chain has none); the rate is
/// the response's `interestRate` (percent) unless `rate` overrides it.
pub fn parse(body: &str, rate: Option<f64>, div_yield: f64) -> Result<Chain> {
    let root: Value = serde_json::from_str(body).map_err(|e| bad(format!("not a Schwab chain response: {e}")))?;
    let symbol = root.get("symbol").and_then(Value::as_str).ok_or_else(|| bad("the chain has no symbol"))?.to_string();
    let underlying_price = number(root.get("underlyingPrice"))
        .or_else(|| number(root.get("underlying").and_then(|u| u.get("mark"))))
        .filter(|p| *p > 0.0)
        .ok_or_else(|| bad("the chain has no underlying price"))?;
    let rate = match rate {
        Some(r) => r,
        None => number(root.get("interestRate"))
            .map(|percent| percent / 100.0)
            .ok_or_else(|| bad("the chain has no interestRate: pass --rate"))?,
    };
    let underlying = if root.get("isIndex").and_then(Value::as_bool).unwrap_or(false) { Underlying::Index } else { Underlying::Equity };
    let mut quotes = Vec::new();
    // Options are valued at their own quote time: the underlying's quote may be later (after
    // hours), when the option quotes have long stopped.
    let mut latest: Option<DateTime<Utc>> = None;
    for (map, right) in [("callExpDateMap", Right::Call), ("putExpDateMap", Right::Put)] {
        let Some(expiries) = root.get(map).and_then(Value::as_object) else { continue };
        for (key, strikes) in expiries {
            let date = key.split(':').next().unwrap_or_default();
            let expiry = NaiveDate::parse_from_str(date, "%Y-%m-%d")
                .map_err(|_| bad(format!("{map} has an expiry key '{key}' that is not YYYY-MM-DD:DTE")))?;
            for (strike_key, contracts) in strikes.as_object().into_iter().flatten() {
                for contract in contracts.as_array().into_iter().flatten() {
                    let strike = number(contract.get("strikePrice"))
                        .or_else(|| strike_key.parse().ok())
                        .ok_or_else(|| bad(format!("a contract at {key} has no strike")))?;
                    let deliverable_units = contract
                        .get("optionDeliverablesList")
                        .and_then(Value::as_array)
                        .and_then(|list| list.first())
                        .and_then(|d| number(d.get("deliverableUnits")));
                    let multiplier = number(contract.get("multiplier"));
                    let standard = !flag(contract, ["nonStandard", "isNonStandard"])
                        && !flag(contract, ["mini", "isMini"])
                        && deliverable_units.is_none_or(|u| u == 100.0)
                        && multiplier.is_none_or(|m| m == 100.0);
                    if let Some(t) = epoch_ms(contract.get("quoteTimeInLong")) {
                        latest = Some(latest.map_or(t, |l| l.max(t)));
                    }
                    quotes.push(ChainQuote {
                        right,
                        strike,
                        expiry,
                        bid: number(contract.get("bid")),
                        ask: number(contract.get("ask")),
                        volume: number(contract.get("totalVolume")).unwrap_or(0.0) as u64,
                        open_interest: number(contract.get("openInterest")).unwrap_or(0.0) as u64,
                        standard,
                    });
                }
            }
        }
    }
    let quote_time = latest
        .or_else(|| epoch_ms(root.get("underlying").and_then(|u| u.get("quoteTime"))))
        .ok_or_else(|| bad("the chain carries no quote time (quoteTimeInLong or underlying.quoteTime)"))?;
    Ok(Chain { symbol, underlying_price, quote_time, rate, div_yield, underlying, quotes })
}
