//! The Demo market as a provider: its answers at the Demo clock's "now", computed off the async
//! runtime (a chain prices a few thousand American options), with its errors mapped to codes.

use super::MarketData;
use crate::error::{EngineError, Result};
use crate::ports::Clock;
use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use std::sync::{Arc, RwLock};
use wheelwright_demo::{DemoClock, DemoError, DemoMarket};
use wheelwright_domain::market::{Bar, ChainFilter, Interval, OptionChain, Quote};
use wheelwright_domain::{ErrorCode, Symbol};
use wheelwright_pricing::calendar::{is_session, new_york_date};

/// The Demo clock over the host's wall clock: the time the Demo market answers at.
pub struct DemoTime {
    wall: Arc<dyn Clock>,
    clock: RwLock<DemoClock>,
}

impl DemoTime {
    pub fn new(wall: Arc<dyn Clock>, clock: DemoClock) -> DemoTime {
        DemoTime { wall, clock: RwLock::new(clock) }
    }

    pub fn clock(&self) -> DemoClock {
        *self.clock.read().unwrap_or_else(|p| p.into_inner())
    }

    pub fn set(&self, clock: DemoClock) {
        *self.clock.write().unwrap_or_else(|p| p.into_inner()) = clock;
    }

    pub fn wall(&self) -> DateTime<Utc> {
        self.wall.now()
    }
}

impl Clock for DemoTime {
    fn now(&self) -> DateTime<Utc> {
        self.clock().now(self.wall.now())
    }
}

pub struct DemoProvider {
    market: Arc<DemoMarket>,
    time: Arc<DemoTime>,
}

impl DemoProvider {
    pub fn new(seed: u64, time: Arc<DemoTime>) -> DemoProvider {
        DemoProvider { market: Arc::new(DemoMarket::new(seed)), time }
    }

    /// The official close of a session, in cents (for settling expirations).
    pub async fn close(&self, symbol: &Symbol, date: NaiveDate) -> Result<rust_decimal::Decimal> {
        let symbol = symbol.clone();
        let close = self.at_now(move |market, _| market.close(&symbol, date)).await?;
        rust_decimal::Decimal::try_from(close)
            .map(|d| d.round_dp(2))
            .map_err(|e| EngineError::new(ErrorCode::Internal, format!("the Demo close {close} is not a price: {e}")))
    }

    /// Runs a Demo computation on the blocking pool at the Demo clock's now.
    async fn at_now<T: Send + 'static>(
        &self,
        work: impl FnOnce(&DemoMarket, DateTime<Utc>) -> std::result::Result<T, DemoError> + Send + 'static,
    ) -> Result<T> {
        let (market, now) = (self.market.clone(), self.time.now());
        tokio::task::spawn_blocking(move || work(&market, now))
            .await
            .map_err(|e| EngineError::new(ErrorCode::Internal, format!("the Demo market stopped: {e}")))?
            .map_err(demo_error)
    }
}

pub(crate) fn demo_error(e: DemoError) -> EngineError {
    let code = match e {
        DemoError::UnknownSymbol(_) => ErrorCode::UnknownSymbol,
        DemoError::BeforeEpoch(_) | DemoError::OutOfRange(_) => ErrorCode::MarketData,
    };
    EngineError::new(code, e.to_string())
}

#[async_trait]
impl MarketData for DemoProvider {
    fn name(&self) -> &'static str {
        "demo"
    }

    async fn quotes(&self, symbols: &[Symbol]) -> Result<Vec<Quote>> {
        let symbols = symbols.to_vec();
        self.at_now(move |market, now| symbols.iter().map(|s| market.quote(s, now)).collect()).await
    }

    async fn chain(&self, symbol: &Symbol, filter: &ChainFilter) -> Result<OptionChain> {
        let (symbol, filter) = (symbol.clone(), filter.clone());
        self.at_now(move |market, now| Ok(market.chain(&symbol, now, &filter)?.chain)).await
    }

    async fn expirations(&self, symbol: &Symbol) -> Result<Vec<NaiveDate>> {
        let symbol = symbol.clone();
        self.at_now(move |market, now| market.expirations(&symbol, now)).await
    }

    async fn history(&self, symbol: &Symbol, from: NaiveDate, to: NaiveDate, interval: Interval) -> Result<Vec<Bar>> {
        let symbol = symbol.clone();
        self.at_now(move |market, now| match interval {
            Interval::Daily => market.history(&symbol, from, to, now),
            Interval::Minutes(minutes) => {
                // Intraday bars for every session in the range that has started.
                let mut bars = Vec::new();
                let mut day = from;
                while day <= to.min(new_york_date(now)) {
                    if is_session(day).unwrap_or(false) {
                        bars.extend(market.intraday(&symbol, day, minutes, now)?);
                    }
                    day += chrono::Duration::days(1);
                }
                Ok(bars)
            }
        })
        .await
    }
}
