//! The pricing commands: `price` and `iv` stream JSON lines, European or American (the ALO
//! engine's fast scheme): one contract in, one result out, in constant memory, a bad line
//! answered on its own line without stopping the stream; and `calendar` summarises NYSE sessions between two dates. They need no database.

use chrono::NaiveDate;
use serde::Deserialize;
use serde_json::{json, Value};
use std::io::{self, BufRead, BufWriter, Write};
use wheelwright_domain::{ErrorCode, Right};
use wheelwright_engine::{EngineError, Result};
use wheelwright_pricing::american::{self, Scheme};
use wheelwright_pricing::calendar;
use wheelwright_pricing::chain::{analyze, ChainAnalytics};
use wheelwright_pricing::european::{self, Dividend, Inputs};
use wheelwright_pricing::iv::implied_vol;

/// Exercise style of a contract line; European unless stated.
#[derive(Clone, Copy, Default, Deserialize, PartialEq)]
#[serde(rename_all = "lowercase")]
enum Style {
    #[default]
    European,
    American,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Line {
    right: Right,
    #[serde(default)]
    style: Style,
    spot: f64,
    strike: f64,
    rate: f64,
    #[serde(default)]
    div_yield: f64,
    vol: Option<f64>,
    price: Option<f64>,
    t: f64,
    #[serde(default)]
    dividends: Vec<Dividend>,
}

impl Line {
    fn inputs(&self, vol: f64) -> Inputs {
        Inputs {
            right: self.right,
            spot: self.spot,
            strike: self.strike,
            rate: self.rate,
            div_yield: self.div_yield,
            vol,
            t: self.t,
            dividends: self.dividends.clone(),
        }
    }
}

fn error(code: &str, message: impl Into<String>) -> Value {
    json!({"error": {"code": code, "message": message.into()}})
}

/// One `price` line: price and Greeks (theta per year and per day, vega and rho per 1.00).
pub fn price_line(text: &str) -> Value {
    let line: Line = match serde_json::from_str(text) {
        Ok(line) => line,
        Err(e) => return error("invalid_input", format!("not a contract line: {e}")),
    };
    let Some(vol) = line.vol else { return error("invalid_input", "a price line needs vol") };
    let inputs = line.inputs(vol);
    let valued = match line.style {
        Style::European => european::value(&inputs),
        Style::American => american::value(&inputs, Scheme::FAST),
    };
    match valued {
        Ok(v) => json!({
            "price": v.price, "delta": v.delta, "gamma": v.gamma, "theta": v.theta, "theta_per_day": v.theta_per_day,
            "vega": v.vega, "rho": v.rho, "vega_per_point": v.vega_per_point, "dividend_rho": v.dividend_rho,
        }),
        Err(e) => error("invalid_input", e.to_string()),
    }
}

/// One `iv` line: `{"iv": x}` or `{"iv": null, "reason": code}`.
pub fn iv_line(text: &str) -> Value {
    let no = |reason: &str, message: String| json!({"iv": null, "reason": reason, "message": message});
    let line: Line = match serde_json::from_str(text) {
        Ok(line) => line,
        Err(e) => return no("invalid_input", format!("not a contract line: {e}")),
    };
    let Some(price) = line.price else { return no("invalid_input", "an iv line needs price".into()) };
    let inputs = line.inputs(0.0);
    let solved = match line.style {
        Style::European => implied_vol(&inputs, price),
        Style::American => american::implied_vol(&inputs, price, Scheme::FAST),
    };
    match solved {
        Ok(Ok(iv)) => json!({"iv": iv}),
        Ok(Err(reason)) => no(reason.code(), format!("no volatility gives this price ({})", reason.code().replace('_', " "))),
        Err(e) => no("invalid_input", e.to_string()),
    }
}

/// Reads JSON lines from stdin and writes one answer per line; blank lines are skipped.
pub fn stream(answer: fn(&str) -> Value) -> Result<()> {
    let io = |e: io::Error| EngineError::new(ErrorCode::Io, e.to_string());
    let stdin = io::stdin().lock();
    let mut out = BufWriter::new(io::stdout().lock());
    for line in stdin.lines() {
        let line = line.map_err(io)?;
        if line.trim().is_empty() {
            continue;
        }
        serde_json::to_writer(&mut out, &answer(&line)).map_err(|e| EngineError::new(ErrorCode::Io, e.to_string()))?;
        out.write_all(b"\n").map_err(io)?;
    }
    out.flush().map_err(io)
}

pub(crate) fn parse_date(field: &str, text: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| EngineError::field(ErrorCode::InvalidInput, field, format!("--{field} '{text}' is not a date: use YYYY-MM-DD")))
}

/// Sessions, full-day closures and early closes in (from, to].
pub fn calendar_span(from: &str, to: &str) -> Result<Value> {
    let (from, to) = (parse_date("from", from)?, parse_date("to", to)?);
    if to < from {
        return Err(EngineError::field(ErrorCode::InvalidInput, "to", "--to is before --from"));
    }
    let span = calendar::span(from, to).map_err(|e| EngineError::new(ErrorCode::InvalidInput, e.to_string()))?;
    let dates = |v: &[NaiveDate]| v.iter().map(|d| d.to_string()).collect::<Vec<_>>();
    Ok(json!({"sessions": span.sessions, "holidays": dates(&span.holidays), "early_closes": dates(&span.early_closes)}))
}

/// Reads a Schwab chain file and analyses it.
pub fn analyze_chain(file: &std::path::Path, rate: Option<f64>, div_yield: f64) -> Result<ChainAnalytics> {
    if !div_yield.is_finite() || !(0.0..1.0).contains(&div_yield) {
        return Err(EngineError::field(ErrorCode::InvalidInput, "div_yield", "--div-yield is a decimal yield, e.g. 0.012 for 1.2%"));
    }
    let body =
        std::fs::read_to_string(file).map_err(|e| EngineError::new(ErrorCode::Io, format!("cannot read {}: {e}", file.display())))?;
    let chain = wheelwright_engine::schwab::chain::parse(&body, rate, div_yield)?;
    Ok(analyze(&chain))
}
