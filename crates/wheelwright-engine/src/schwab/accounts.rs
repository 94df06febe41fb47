//! Schwab's trader formats: account numbers with their hashes (every other account call takes
//! the hash), accounts with positions and balances, and transactions of every type, normalised
//! into the broker-neutral [`crate::broker`] types. Money is read as exact decimals from the JSON
//! numbers' shortest form. Timestamps carry `+0000` offsets (not strict RFC 3339).

use super::bad;
use crate::broker::{Activity, ActivityKind, ActivityLeg, Balances, BrokerAccount, Contract, Effect, Instrument, Position, RemovalMarker};
use crate::error::Result;
use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde_json::Value;
use std::str::FromStr;
use wheelwright_domain::{Right, Symbol};
use wheelwright_pricing::calendar;

/// A JSON number (or numeric string) as an exact decimal: the shortest text that reads back as
/// the same double is the decimal the broker sent (2.48 stays 2.48).
fn money(v: Option<&Value>) -> Option<Decimal> {
    match v? {
        Value::Number(n) => {
            Decimal::from_str(&n.to_string()).ok().or_else(|| n.as_f64().and_then(|x| Decimal::from_str(&x.to_string()).ok()))
        }
        Value::String(s) => Decimal::from_str(s.trim()).ok(),
        _ => None,
    }
}

fn text<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or("")
}

/// `2024-05-07T13:30:01+0000`, RFC 3339, or epoch milliseconds.
fn instant(v: Option<&Value>) -> Option<DateTime<Utc>> {
    match v? {
        Value::String(s) => DateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%z")
            .or_else(|_| DateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f%z"))
            .or_else(|_| DateTime::parse_from_rfc3339(s))
            .ok()
            .map(|t| t.with_timezone(&Utc)),
        Value::Number(n) => DateTime::from_timestamp_millis(n.as_i64()?),
        _ => None,
    }
}

/// `/accounts/accountNumbers`: (number, hash) pairs.
pub fn parse_account_numbers(body: &str) -> Result<Vec<(String, String)>> {
    let list: Vec<Value> = serde_json::from_str(body).map_err(|_| bad("Schwab's account numbers are not a JSON list"))?;
    list.iter()
        .map(|a| match (text(a, "accountNumber"), text(a, "hashValue")) {
            ("", _) | (_, "") => Err(bad("an account-numbers entry lacks its number or hash")),
            (number, hash) => Ok((number.to_string(), hash.to_string())),
        })
        .collect()
}

/// `/accounts?fields=positions`; `hashes` maps account numbers to the hashes later calls need.
pub fn parse_accounts(body: &str, hashes: &[(String, String)]) -> Result<Vec<BrokerAccount>> {
    let list: Vec<Value> = serde_json::from_str(body).map_err(|_| bad("Schwab's accounts answer is not a JSON list"))?;
    list.iter()
        .map(|entry| {
            let account = entry.get("securitiesAccount").ok_or_else(|| bad("an account entry has no securitiesAccount"))?;
            let number = text(account, "accountNumber").to_string();
            let key = hashes.iter().find(|(n, _)| *n == number).map(|(_, h)| h.clone()).unwrap_or_default();
            let positions =
                account.get("positions").and_then(Value::as_array).map(|p| p.iter().filter_map(position).collect()).unwrap_or_default();
            let current = account.get("currentBalances").cloned().unwrap_or(Value::Null);
            let balances = Balances {
                cash: money(current.get("cashBalance")).or_else(|| money(current.get("totalCash"))),
                money_market: money(current.get("moneyMarketFund")).unwrap_or_default(),
                liquidation_value: money(current.get("liquidationValue")),
                buying_power: money(current.get("buyingPower")).or_else(|| money(current.get("cashAvailableForTrading"))),
            };
            Ok(BrokerAccount { number, key, kind: text(account, "type").to_string(), positions, balances })
        })
        .collect()
}

fn position(p: &Value) -> Option<Position> {
    let long = money(p.get("longQuantity")).unwrap_or_default();
    let short = money(p.get("shortQuantity")).unwrap_or_default();
    Some(Position { instrument: instrument(p.get("instrument")?), quantity: long - short })
}

/// The strike from an OCC symbol's last eight digits (thousandths of a dollar), exactly.
fn occ_strike(occ: &str) -> Option<Decimal> {
    let digits = occ.trim().get(occ.trim().len().checked_sub(8)?..)?;
    Some(Decimal::new(digits.parse::<i64>().ok()?, 3).normalize())
}

fn instrument(i: &Value) -> Instrument {
    let symbol = text(i, "symbol");
    match text(i, "assetType") {
        "EQUITY" | "COLLECTIVE_INVESTMENT" | "ETF" => match Symbol::parse(symbol) {
            Ok(symbol) => Instrument::Shares { symbol },
            Err(_) => Instrument::Other { symbol: symbol.to_string(), asset_type: text(i, "assetType").to_string() },
        },
        "OPTION" => option(i).unwrap_or_else(|| Instrument::Other { symbol: symbol.to_string(), asset_type: "OPTION".into() }),
        other => Instrument::Other { symbol: symbol.to_string(), asset_type: other.to_string() },
    }
}

fn option(i: &Value) -> Option<Instrument> {
    let occ = text(i, "symbol");
    let (root, expiry, right, _) = wheelwright_domain::market::parse_occ(occ)?;
    let right = match text(i, "putCall") {
        "" => right,
        call_or_put => Right::parse(call_or_put)?,
    };
    let strike = money(i.get("strikePrice")).map(|s| s.normalize()).or_else(|| occ_strike(occ))?;
    // Transactions stamp the expiry as midnight New York in UTC (`…T04:00:00+0000`).
    let expiry = instant(i.get("expirationDate")).map(calendar::new_york_date).unwrap_or(expiry);
    let deliverables = i.get("optionDeliverables").and_then(Value::as_array);
    let underlying = match text(i, "underlyingSymbol") {
        "" => root,
        named => named.to_string(),
    };
    let shares_per_contract = deliverables.and_then(|d| match d.as_slice() {
        [one] => money(one.get("deliverableUnits")),
        _ => None,
    });
    Some(Instrument::Option {
        contract: Contract { underlying: Symbol::parse(&underlying).ok()?, right, strike, expiry },
        occ: occ.to_string(),
        multiplier: money(i.get("optionPremiumMultiplier")),
        deliverable: shares_per_contract,
        non_standard: deliverables.is_some_and(|d| d.len() > 1) || i.get("type").and_then(Value::as_str) == Some("NON_STANDARD"),
    })
}

fn kind(broker_type: &str) -> ActivityKind {
    match broker_type {
        "TRADE" => ActivityKind::Trade,
        "RECEIVE_AND_DELIVER" => ActivityKind::Delivery,
        "DIVIDEND_OR_INTEREST" => ActivityKind::Income,
        "ACH_RECEIPT" | "ACH_DISBURSEMENT" | "CASH_RECEIPT" | "CASH_DISBURSEMENT" | "ELECTRONIC_FUND" | "WIRE_OUT" | "WIRE_IN"
        | "JOURNAL" => ActivityKind::Transfer,
        _ => ActivityKind::Informational,
    }
}

fn marker(description: &str) -> Option<RemovalMarker> {
    let upper = description.to_ascii_uppercase();
    if upper.contains("ASSIGN") {
        Some(RemovalMarker::Assignment)
    } else if upper.contains("EXERCIS") {
        Some(RemovalMarker::Exercise)
    } else if upper.contains("EXPIR") {
        Some(RemovalMarker::Expiration)
    } else {
        None
    }
}

/// `/accounts/{hash}/transactions`: every activity, fees summed from the fee items.
pub fn parse_transactions(body: &str) -> Result<Vec<Activity>> {
    let list: Vec<Value> = serde_json::from_str(body).map_err(|_| bad("Schwab's transactions answer is not a JSON list"))?;
    list.iter().map(activity).collect()
}

fn activity(t: &Value) -> Result<Activity> {
    let id = match t.get("activityId") {
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::String(s)) if !s.is_empty() => s.clone(),
        _ => return Err(bad("a transaction has no activityId")),
    };
    let at = instant(t.get("tradeDate"))
        .or_else(|| instant(t.get("time")))
        .ok_or_else(|| bad(format!("transaction {id} has no readable tradeDate")))?;
    let broker_type = text(t, "type").to_string();
    let description = text(t, "description").to_string();
    let mut fees = Decimal::ZERO;
    let mut legs = Vec::new();
    for item in t.get("transferItems").and_then(Value::as_array).into_iter().flatten() {
        let Some(instrument_value) = item.get("instrument") else { continue };
        if item.get("feeType").is_some() {
            // A fee item's cost is negative when charged.
            fees -= money(item.get("cost")).unwrap_or_default();
            continue;
        }
        if text(instrument_value, "assetType") == "CURRENCY" {
            // The cash side of the activity: already in its net amount.
            continue;
        }
        let effect = match text(item, "positionEffect") {
            "OPENING" => Some(Effect::Opening),
            "CLOSING" => Some(Effect::Closing),
            _ => None,
        };
        legs.push(ActivityLeg {
            instrument: instrument(instrument_value),
            quantity: money(item.get("amount")).unwrap_or_default(),
            price: money(item.get("price")).unwrap_or_default(),
            effect,
        });
    }
    let time = calendar::new_york_time(at);
    Ok(Activity {
        id,
        date: calendar::new_york_date(at),
        time: (time != chrono::NaiveTime::MIN).then_some(time),
        kind: kind(&broker_type),
        marker: marker(&description),
        valid: matches!(text(t, "status"), "VALID" | ""),
        net_amount: money(t.get("netAmount")).unwrap_or_default(),
        fees,
        legs,
        description,
        broker_type,
    })
}

/// Every type Schwab's transactions endpoint knows: expirations, assignments and dividends are
/// not TRADE, so a sync must ask for all of them.
pub const TRANSACTION_TYPES: &str = "TRADE,RECEIVE_AND_DELIVER,DIVIDEND_OR_INTEREST,ACH_RECEIPT,ACH_DISBURSEMENT,CASH_RECEIPT,CASH_DISBURSEMENT,ELECTRONIC_FUND,WIRE_OUT,WIRE_IN,JOURNAL,MEMORANDUM,MARGIN_CALL,MONEY_MARKET,SMA_ADJUSTMENT";
