//! The market-data services the app and the CLI call: requests validated (symbols, bounded chain
//! filters, date ranges — wide unfiltered requests are what brokers fail on), answered by the
//! active provider, then checked ([`super::quality`]: stale quotes, history gaps) and completed
//! with the user's symbol notes (sector, earnings); and the Demo clock, persisted in the settings.

use super::quality;
use super::Settlement;
use crate::broker::connection::Provider;
use crate::error::{EngineError, Result};
use crate::ports::Clock;
use crate::Engine;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use wheelwright_demo::{ClockStep, DemoClock};
use wheelwright_domain::market::{ChainFilter, DataFlag, Interval, OptionChain, PriceHistory, Quote};
use wheelwright_domain::{ErrorCode, Symbol};
use wheelwright_pricing::calendar;

pub(crate) const DEMO_CLOCK_SETTING: &str = "demo.clock";
const MAX_QUOTES: usize = 500;
const MAX_STRIKES: u32 = 200;

/// Which part of which chain to fetch.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct ChainRequest {
    pub symbol: String,
    #[serde(flatten)]
    #[ts(flatten)]
    pub filter: ChainFilter,
}

/// A price history: daily bars, or intraday bars of some minutes (at most 31 days of them).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct HistoryRequest {
    pub symbol: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub interval: Interval,
}

/// The Demo clock, the instant it shows, whether the exchange is open then, and what the
/// paper broker settled on the way there; with whether the Demo market is the one in use and
/// the market's date, by which DTE, a ticket's date and "this month" are reckoned.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct DemoClockState {
    pub clock: DemoClock,
    pub now: DateTime<Utc>,
    pub market_open: bool,
    pub settled: Vec<Settlement>,
    /// The Demo market supplies prices (another provider's market runs on the real clock).
    pub active: bool,
    /// The market's date in New York: the Demo clock's when it is active, else today's.
    pub market_day: NaiveDate,
}

/// Whether a regular session is under way at `at`.
fn market_open(at: DateTime<Utc>) -> bool {
    let day = calendar::new_york_date(at);
    match (calendar::open(day), calendar::close(day, calendar::Underlying::Equity)) {
        (Ok(Some(open)), Ok(Some(close))) => open <= at && at < close,
        _ => false,
    }
}

/// One Demo market listing.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct ListingRow {
    pub symbol: String,
    pub name: String,
    pub sector: String,
}

/// The Demo market's listings, optionally one sector's (any case).
pub fn listings(sector: Option<&str>) -> Result<Vec<ListingRow>> {
    let all = wheelwright_demo::listings();
    let rows: Vec<ListingRow> = all
        .iter()
        .filter(|l| sector.is_none_or(|s| l.sector.eq_ignore_ascii_case(s.trim())))
        .map(|l| ListingRow { symbol: l.symbol.as_str().to_string(), name: l.name.clone(), sector: l.sector.clone() })
        .collect();
    if rows.is_empty() {
        let mut sectors: Vec<&str> = all.iter().map(|l| l.sector.as_str()).collect();
        sectors.sort();
        sectors.dedup();
        return Err(EngineError::field(
            ErrorCode::InvalidInput,
            "sector",
            format!("no sector '{}': use one of {}", sector.unwrap_or(""), sectors.join(", ")),
        ));
    }
    Ok(rows)
}

fn symbol(field: &str, text: &str) -> Result<Symbol> {
    Symbol::parse(text).map_err(|e| EngineError::field(ErrorCode::InvalidSymbol, field, e.message))
}

impl Engine {
    /// The provider answering market-data requests.
    pub fn market_provider(&self) -> &'static str {
        self.provider().as_str()
    }

    pub async fn quotes(&self, symbols: &[String]) -> Result<Vec<Quote>> {
        if symbols.is_empty() || symbols.len() > MAX_QUOTES {
            return Err(EngineError::field(
                ErrorCode::InvalidInput,
                "symbols",
                format!("ask for 1 to {MAX_QUOTES} symbols, got {}", symbols.len()),
            ));
        }
        let parsed = symbols.iter().map(|s| symbol("symbols", s)).collect::<Result<Vec<_>>>()?;
        let mut quotes = self.market().await?.quotes(&parsed).await?;
        let now = self.market_now();
        for quote in &mut quotes {
            quality::check_quote(quote, now);
        }
        self.annotate(&mut quotes, calendar::new_york_date(now)).await?;
        Ok(quotes)
    }

    /// The instant market data is judged at: the Demo clock's on the Demo market.
    pub(crate) fn market_now(&self) -> DateTime<Utc> {
        match self.provider() {
            Provider::Demo => self.demo_now(),
            _ => self.now(),
        }
    }

    pub async fn chain(&self, request: ChainRequest) -> Result<OptionChain> {
        let parsed = symbol("symbol", &request.symbol)?;
        let filter = request.filter;
        if let (Some(from), Some(to)) = (filter.from, filter.to) {
            if to < from {
                return Err(EngineError::field(ErrorCode::InvalidInput, "to", "the last expiry is before the first: swap from and to"));
            }
        }
        if let Some(count) = filter.strike_count {
            if count == 0 || count > MAX_STRIKES {
                return Err(EngineError::field(
                    ErrorCode::InvalidInput,
                    "strike_count",
                    format!("strike count must be 1 to {MAX_STRIKES}, got {count}"),
                ));
            }
        }
        let mut chain = self.market().await?.chain(&parsed, &filter).await?;
        let now = self.market_now();
        quality::check_chain(&mut chain, now);
        self.annotate([&mut chain.underlying], calendar::new_york_date(now)).await?;
        Ok(chain)
    }

    pub async fn expirations(&self, text: &str) -> Result<Vec<NaiveDate>> {
        self.market().await?.expirations(&symbol("symbol", text)?).await
    }

    /// Bars with the closed sessions that have none named (daily histories).
    pub async fn history(&self, request: HistoryRequest) -> Result<PriceHistory> {
        let parsed = symbol("symbol", &request.symbol)?;
        if request.to < request.from {
            return Err(EngineError::field(ErrorCode::InvalidInput, "to", "the end date is before the start date"));
        }
        if let Interval::Minutes(minutes) = request.interval {
            if minutes == 0 || minutes > 390 {
                return Err(EngineError::field(
                    ErrorCode::InvalidInput,
                    "interval",
                    format!("intraday bars are 1 to 390 minutes, got {minutes}"),
                ));
            }
            if request.to - request.from > Duration::days(31) {
                return Err(EngineError::field(
                    ErrorCode::InvalidInput,
                    "from",
                    "intraday history covers at most 31 days: narrow the range or use daily bars",
                ));
            }
        }
        let market = self.market().await?;
        let bars = market.history(&parsed, request.from, request.to, request.interval).await?;
        let missing_sessions = match request.interval {
            Interval::Daily => quality::missing_sessions(&bars, request.from, request.to, self.market_now()),
            Interval::Minutes(_) => Vec::new(),
        };
        let mut flags = Vec::new();
        if !missing_sessions.is_empty() {
            flags.push(DataFlag::HistoryGap);
        }
        if market.name() == "demo" {
            flags.push(DataFlag::Simulated);
        }
        Ok(PriceHistory { symbol: parsed, interval: request.interval, bars, missing_sessions, flags })
    }

    /// The instant the Demo market answers at (a read: settles nothing).
    pub fn demo_now(&self) -> DateTime<Utc> {
        self.demo_time().now()
    }

    /// The Demo clock now, after settling any expiration it has passed.
    pub async fn demo_clock(&self) -> Result<DemoClockState> {
        let settled = self.settle_demo_expirations().await?;
        let now = self.demo_time().now();
        Ok(DemoClockState {
            clock: self.demo_time().clock(),
            now,
            market_open: market_open(now),
            settled,
            active: self.provider() == Provider::Demo,
            market_day: calendar::new_york_date(self.market_now()),
        })
    }

    /// Moves the Demo clock and keeps it for the next start.
    pub async fn step_demo_clock(&self, step: ClockStep) -> Result<DemoClockState> {
        let time = self.demo_time();
        let next = time.clock().step(time.wall(), step).map_err(|e| EngineError::new(ErrorCode::MarketData, e.to_string()))?;
        self.keep_demo_clock(next).await
    }

    /// Lets the Demo clock run live from where it stands.
    pub async fn run_demo_clock(&self) -> Result<DemoClockState> {
        let time = self.demo_time();
        self.keep_demo_clock(time.clock().run(time.wall())).await
    }

    async fn keep_demo_clock(&self, clock: DemoClock) -> Result<DemoClockState> {
        let json = serde_json::to_string(&clock).map_err(|e| EngineError::new(ErrorCode::Internal, e.to_string()))?;
        self.put_setting(DEMO_CLOCK_SETTING, &json).await?;
        self.demo_time().set(clock);
        self.demo_clock().await
    }
}
