//! Schwab's `/chains` response → our [`OptionChain`] (and, for the analytics, the pricing crate's
//! neutral [`Chain`]). It tolerates the format's quirks: expiries keyed "YYYY-MM-DD:DTE", an
//! array of contracts per strike (adjusted contracts share strikes with standard ones), percent
//! rates and volatilities, `-999` and `"NaN"` for missing numbers, and both `nonStandard` and
//! `isNonStandard` spellings. Missing values stay missing, flagged; nothing is guessed.

use super::{bad, number};
use crate::error::Result;
use chrono::{DateTime, NaiveDate, Utc};
use serde_json::Value;
use wheelwright_domain::market::{DataFlag, Greeks, OptionChain, OptionQuote, Quote};
use wheelwright_domain::{Right, Symbol};
use wheelwright_pricing::calendar::Underlying;
use wheelwright_pricing::chain::Chain;

fn flag(contract: &Value, names: [&str; 2]) -> bool {
    names.iter().any(|n| contract.get(*n).and_then(Value::as_bool).unwrap_or(false))
}

fn epoch_ms(v: Option<&Value>) -> Option<DateTime<Utc>> {
    DateTime::from_timestamp_millis(v?.as_i64()?)
}

/// One contract of the response.
fn contract(value: &Value, underlying: &Symbol, right: Right, expiry: NaiveDate, strike_key: &str, key: &str) -> Result<OptionQuote> {
    let strike = number(value.get("strikePrice"))
        .or_else(|| strike_key.parse().ok())
        .ok_or_else(|| bad(format!("a contract at {key} has no strike")))?;
    let deliverable_units = value
        .get("optionDeliverablesList")
        .and_then(Value::as_array)
        .and_then(|list| list.first())
        .and_then(|d| number(d.get("deliverableUnits")));
    let multiplier = number(value.get("multiplier"));
    let standard = !flag(value, ["nonStandard", "isNonStandard"])
        && !flag(value, ["mini", "isMini"])
        && deliverable_units.is_none_or(|u| u == 100.0)
        && multiplier.is_none_or(|m| m == 100.0);
    let (bid, ask) = (number(value.get("bid")), number(value.get("ask")));
    let mut flags = DataFlag::for_quote(bid, ask);
    // Schwab's theta is per day and its vega per volatility point.
    let greeks = match (number(value.get("delta")), number(value.get("gamma")), number(value.get("theta")), number(value.get("vega"))) {
        (Some(delta), Some(gamma), Some(theta_per_day), Some(vega_per_point)) => {
            Some(Greeks { delta, gamma, theta_per_day, vega_per_point })
        }
        _ => None,
    };
    let iv = number(value.get("volatility")).map(|percent| percent / 100.0);
    if greeks.is_none() || iv.is_none() {
        flags.push(DataFlag::MissingGreeks);
    }
    let occ = value
        .get("symbol")
        .and_then(Value::as_str)
        .map(str::to_string)
        .unwrap_or_else(|| wheelwright_domain::market::occ_symbol(underlying, expiry, right, strike));
    Ok(OptionQuote {
        occ,
        underlying: underlying.clone(),
        right,
        strike,
        expiry,
        multiplier: multiplier.unwrap_or(100.0) as u32,
        standard,
        bid,
        ask,
        last: number(value.get("last")),
        volume: number(value.get("totalVolume")).unwrap_or(0.0) as u64,
        open_interest: number(value.get("openInterest")).unwrap_or(0.0) as u64,
        iv,
        greeks,
        flags,
    })
}

/// A parsed response: the chain, and whether its underlying is an index (options on an index
/// trade 15 minutes longer).
pub struct Parsed {
    pub chain: OptionChain,
    pub underlying: Underlying,
}

/// Parses a chain response. The rate is the response's `interestRate` (percent) unless `rate`
/// overrides it.
pub fn parse_chain(body: &str, rate: Option<f64>) -> Result<Parsed> {
    let root: Value = serde_json::from_str(body).map_err(|e| bad(format!("not a Schwab chain response: {e}")))?;
    let symbol = Symbol::parse(root.get("symbol").and_then(Value::as_str).ok_or_else(|| bad("the chain has no symbol"))?)?;
    let block = root.get("underlying");
    let field = |name: &str| number(block.and_then(|u| u.get(name)));
    let underlying_price = number(root.get("underlyingPrice"))
        .or_else(|| field("mark"))
        .filter(|p| *p > 0.0)
        .ok_or_else(|| bad("the chain has no underlying price"))?;
    let rate = match rate {
        Some(r) => r,
        None => number(root.get("interestRate"))
            .map(|percent| percent / 100.0)
            .ok_or_else(|| bad("the chain has no interestRate: pass --rate"))?,
    };
    let index = root.get("isIndex").and_then(Value::as_bool).unwrap_or(false);
    let mut contracts = Vec::new();
    // Options are valued at their own quote time: the underlying's quote may be later (after
    // hours), when the option quotes have long stopped.
    let mut latest: Option<DateTime<Utc>> = None;
    for (map, right) in [("callExpDateMap", Right::Call), ("putExpDateMap", Right::Put)] {
        let Some(expiries) = root.get(map).and_then(Value::as_object) else { continue };
        for (key, strikes) in expiries {
            let date = key.split(':').next().unwrap_or_default();
            let expiry = NaiveDate::parse_from_str(date, "%Y-%m-%d")
                .map_err(|_| bad(format!("{map} has an expiry key '{key}' that is not YYYY-MM-DD:DTE")))?;
            for (strike_key, list) in strikes.as_object().into_iter().flatten() {
                for value in list.as_array().into_iter().flatten() {
                    if let Some(t) = epoch_ms(value.get("quoteTimeInLong")) {
                        latest = Some(latest.map_or(t, |l| l.max(t)));
                    }
                    contracts.push(contract(value, &symbol, right, expiry, strike_key, key)?);
                }
            }
        }
    }
    let underlying_time = epoch_ms(block.and_then(|u| u.get("quoteTime")));
    let time =
        latest.or(underlying_time).ok_or_else(|| bad("the chain carries no quote time (quoteTimeInLong or underlying.quoteTime)"))?;
    let (bid, ask) = (field("bid"), field("ask"));
    let quote = Quote {
        symbol: symbol.clone(),
        time: underlying_time.unwrap_or(time),
        last: field("last").or(Some(underlying_price)),
        bid,
        ask,
        previous_close: field("close"),
        volume: field("totalVolume").map(|v| v as u64),
        name: block.and_then(|u| u.get("description")).and_then(Value::as_str).map(str::to_string),
        sector: None,
        dividend: None,
        next_earnings: None,
        flags: if block.is_some() { DataFlag::for_quote(bid, ask) } else { Vec::new() },
    };
    let chain = OptionChain { underlying: Quote { last: Some(underlying_price), ..quote }, time, rate, contracts };
    Ok(Parsed { chain, underlying: if index { Underlying::Index } else { Underlying::Equity } })
}

/// The chain in the pricing crate's neutral form, for the analytics. `div_yield` is the
/// caller's (Schwab's chain has none).
pub fn for_analytics(parsed: &Parsed, div_yield: f64) -> Chain {
    Chain { div_yield, ..Chain::of(&parsed.chain, parsed.underlying) }
}

/// Parses a chain response straight into the analytics' form.
pub fn parse(body: &str, rate: Option<f64>, div_yield: f64) -> Result<Chain> {
    Ok(for_analytics(&parse_chain(body, rate)?, div_yield))
}

/// Schwab's `/expirationchain` response: the listed expirations, in date order.
pub fn parse_expirations(body: &str) -> Result<Vec<NaiveDate>> {
    let root: Value = serde_json::from_str(body).map_err(|e| bad(format!("not a Schwab expiration response: {e}")))?;
    let list = root.get("expirationList").and_then(Value::as_array).ok_or_else(|| bad("the expiration response has no expirationList"))?;
    let mut dates = list
        .iter()
        .map(|e| {
            let text = e.get("expirationDate").and_then(Value::as_str).unwrap_or_default();
            NaiveDate::parse_from_str(text.get(..10).unwrap_or(text), "%Y-%m-%d")
                .map_err(|_| bad(format!("'{text}' is not an expiration date")))
        })
        .collect::<Result<Vec<_>>>()?;
    dates.sort();
    dates.dedup();
    Ok(dates)
}
