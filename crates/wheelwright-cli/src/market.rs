//! The market-data commands: quotes, chains, expirations, price history and the Demo clock,
//! each a validated request to the engine and a table (or JSON) back.

use crate::args::ClockCommand;
use crate::quant::parse_date;
use crate::show::table;
use chrono::{Duration, NaiveDate};
use wheelwright_demo::ClockStep;
use wheelwright_domain::market::{ChainFilter, DataFlag, Interval, OptionChain, PriceHistory, Quote};
use wheelwright_domain::{ErrorCode, Right};
use wheelwright_engine::market::{ChainRequest, DemoClockState, HistoryRequest, ListingRow};
use wheelwright_engine::symbols::SymbolNote;
use wheelwright_engine::watchlists::{ScreenResult, Watchlist, WatchlistImport, WatchlistSummary};
use wheelwright_engine::{Engine, EngineError, Result};
use wheelwright_pricing::calendar::new_york_date;

fn right(text: &str) -> Result<Right> {
    Right::parse(text).ok_or_else(|| EngineError::field(ErrorCode::InvalidInput, "right", format!("--right '{text}' must be P or C")))
}

/// "daily", or "<n>m" for n-minute bars.
fn interval(text: &str) -> Result<Interval> {
    if text == "daily" {
        return Ok(Interval::Daily);
    }
    text.strip_suffix('m').and_then(|n| n.parse::<u32>().ok()).map(Interval::Minutes).ok_or_else(|| {
        EngineError::field(ErrorCode::InvalidInput, "interval", format!("--interval '{text}' must be daily or minutes like 5m"))
    })
}

pub fn chain_request(
    symbol: String,
    expiry: Option<String>,
    from: Option<String>,
    to: Option<String>,
    strikes: Option<u32>,
    side: Option<String>,
) -> Result<ChainRequest> {
    let date = |field: &str, text: Option<String>| text.map(|t| parse_date(field, &t)).transpose();
    let (from, to) = match date("expiry", expiry)? {
        Some(day) => (Some(day), Some(day)),
        None => (date("from", from)?, date("to", to)?),
    };
    Ok(ChainRequest { symbol, filter: ChainFilter { from, to, strike_count: strikes, right: side.as_deref().map(right).transpose()? } })
}

pub fn history_request(engine: &Engine, symbol: String, from: Option<String>, to: Option<String>, every: &str) -> Result<HistoryRequest> {
    let to: NaiveDate = match to {
        Some(t) => parse_date("to", &t)?,
        None => new_york_date(engine.demo_now()),
    };
    let interval = interval(every)?;
    let from = match from {
        Some(f) => parse_date("from", &f)?,
        None if interval == Interval::Daily => to - Duration::days(365),
        None => to,
    };
    Ok(HistoryRequest { symbol, from, to, interval })
}

pub async fn clock(engine: &Engine, command: ClockCommand) -> Result<DemoClockState> {
    match command {
        ClockCommand::Show => engine.demo_clock().await,
        ClockCommand::Run => engine.run_demo_clock().await,
        ClockCommand::Step { to } => {
            let step = match to.as_str() {
                "to-close" => ClockStep::ToClose,
                "next-session" => ClockStep::NextSession,
                _ => ClockStep::NextExpiration,
            };
            engine.step_demo_clock(step).await
        }
    }
}

fn price(x: Option<f64>) -> String {
    x.map(|v| format!("{v:.2}")).unwrap_or_else(|| "—".into())
}

pub fn quotes(list: &[Quote]) -> String {
    let rows = list
        .iter()
        .map(|q| {
            let change = match (q.last, q.previous_close) {
                (Some(last), Some(previous)) if previous > 0.0 => format!("{:+.2}%", 100.0 * (last / previous - 1.0)),
                _ => "—".into(),
            };
            vec![
                q.symbol.as_str().to_string(),
                price(q.last),
                change,
                price(q.bid),
                price(q.ask),
                q.volume.map(|v| v.to_string()).unwrap_or_default(),
                q.dividend.as_ref().and_then(|d| d.next_ex_date).map(|d| d.to_string()).unwrap_or_default(),
                q.next_earnings.map(|d| d.to_string()).unwrap_or_else(|| "unknown".into()),
                q.sector.clone().unwrap_or_else(|| "unknown".into()),
                flags(&q.flags),
            ]
        })
        .collect();
    table(&["Symbol", "Last", "Change", "Bid", "Ask", "Volume", "Next ex-div", "Earnings", "Sector", "Flags"], rows)
}

pub fn chain(c: &OptionChain) -> String {
    let rows = c
        .contracts
        .iter()
        .map(|o| {
            vec![
                o.expiry.to_string(),
                format!("{}{}", o.strike, o.right.letter()),
                price(o.bid),
                price(o.ask),
                o.iv.map(|v| format!("{:.1}%", 100.0 * v)).unwrap_or_else(|| "—".into()),
                o.greeks.map(|g| format!("{:.2}", g.delta)).unwrap_or_else(|| "—".into()),
                o.open_interest.to_string(),
                o.volume.to_string(),
            ]
        })
        .collect();
    format!(
        "{} at {} ({}), {} contracts\n{}",
        c.underlying.symbol.as_str(),
        price(c.underlying.last),
        c.time.format("%Y-%m-%d %H:%M UTC"),
        c.contracts.len(),
        table(&["Expiry", "Contract", "Bid", "Ask", "IV", "Delta", "OI", "Volume"], rows)
    )
}

pub fn dates(list: &[NaiveDate]) -> String {
    list.iter().map(|d| format!("{d}\n")).collect()
}

/// The bars, then the closed sessions the provider has no bar for.
pub fn history(h: &PriceHistory) -> String {
    let rows = h
        .bars
        .iter()
        .map(|b| {
            vec![
                b.time.format("%Y-%m-%d %H:%M").to_string(),
                price(Some(b.open)),
                price(Some(b.high)),
                price(Some(b.low)),
                price(Some(b.close)),
                b.volume.to_string(),
            ]
        })
        .collect();
    let mut out = table(&["Time (UTC)", "Open", "High", "Low", "Close", "Volume"], rows);
    if !h.missing_sessions.is_empty() {
        let days: Vec<String> = h.missing_sessions.iter().map(|d| d.to_string()).collect();
        out += &format!("warning: no bar for {} session(s): {}\n", days.len(), days.join(", "));
    }
    out
}

/// Data-quality flags as words ("stale, zero bid"), empty when the data is clean.
fn flags(list: &[DataFlag]) -> String {
    list.iter()
        .filter(|f| **f != DataFlag::Simulated)
        .map(|f| match f {
            DataFlag::Stale => "stale",
            DataFlag::Crossed => "crossed",
            DataFlag::ZeroBid => "zero bid",
            DataFlag::MissingGreeks => "no greeks",
            DataFlag::HistoryGap => "gaps",
            DataFlag::Simulated => "simulated",
        })
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn notes(list: &[SymbolNote]) -> String {
    let rows = list
        .iter()
        .map(|n| {
            vec![
                n.symbol.clone(),
                n.sector.clone().unwrap_or_else(|| "unknown".into()),
                n.next_earnings.map(|d| d.to_string()).unwrap_or_else(|| "unknown".into()),
            ]
        })
        .collect();
    table(&["Symbol", "Sector", "Next earnings"], rows)
}

pub fn listing_table(rows: &[ListingRow]) -> String {
    table(&["Symbol", "Name", "Sector"], rows.iter().map(|r| vec![r.symbol.clone(), r.name.clone(), r.sector.clone()]).collect())
}

pub fn clock_line(state: &DemoClockState) -> String {
    let mode = match state.clock {
        wheelwright_demo::DemoClock::Live { offset_seconds: 0 } => "live".to_string(),
        wheelwright_demo::DemoClock::Live { offset_seconds } => format!("live, {offset_seconds} s from the wall clock"),
        wheelwright_demo::DemoClock::Stepped { .. } => "stopped".to_string(),
    };
    let mut out = format!("Demo clock {mode}: {}\n", state.now.format("%Y-%m-%d %H:%M:%S UTC"));
    for s in &state.settled {
        out += &format!(
            "settled in {}: {:?} {} {} {}{} {} at the close of {}\n",
            s.portfolio,
            s.action,
            s.contracts,
            s.symbol,
            s.strike,
            s.right.letter(),
            s.expiry,
            s.close
        );
    }
    out
}

pub fn import_line(r: &WatchlistImport) -> String {
    let verb = if r.created { "created" } else { "updated" };
    format!("{} {verb}: {} added, {} already there\n", r.watchlist, r.added, r.already_there)
}

pub fn watchlists(list: &[WatchlistSummary]) -> String {
    if list.is_empty() {
        return "No watchlists yet: wheelwright watchlist import FILE (a TradingView export) or watchlist create NAME\n".into();
    }
    table(&["Watchlist", "Symbols"], list.iter().map(|w| vec![w.name.clone(), w.symbols.to_string()]).collect())
}

pub fn watchlist(w: &Watchlist) -> String {
    let symbols: Vec<&str> = w.entries.iter().map(|e| e.symbol.as_str()).collect();
    format!("{} ({}): {}\n", w.name, symbols.len(), symbols.join(" "))
}

pub fn screen(s: &ScreenResult) -> String {
    let shown: Vec<Quote> = s.rows.iter().map(|r| r.quote.clone()).collect();
    let mut out = format!("{}: {} shown, {} filtered out\n", s.watchlist, s.rows.len(), s.filtered_out);
    out += &quotes(&shown);
    for u in &s.unquoted {
        out += &format!("{}: no quote ({}: {})\n", u.symbol, u.code.as_str(), u.message);
    }
    out
}
