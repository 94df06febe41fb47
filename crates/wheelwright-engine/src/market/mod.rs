//! Market data behind one interface. A provider answers quotes, chains, expirations and price
//! history in Wheelwright's own types (`wheelwright_domain::market`); the Demo market is the
//! embedded default, and broker providers plug in behind the same trait. The engine's services
//! validate every request (symbols, bounded chains, date ranges) before a provider sees it.

mod cache;
mod demo;
pub mod quality;
mod service;
mod settle;

pub use cache::CachedMarket;
pub use demo::{DemoProvider, DemoTime};
pub(crate) use service::DEMO_CLOCK_SETTING;
pub use service::{listings, ChainRequest, DemoClockState, HistoryRequest, ListingRow};
pub use settle::{Settlement, DEMO_ACCOUNT};

use crate::error::Result;
use async_trait::async_trait;
use chrono::NaiveDate;
use wheelwright_domain::market::{Bar, ChainFilter, Interval, OptionChain, Quote};
use wheelwright_domain::Symbol;

#[async_trait]
pub trait MarketData: Send + Sync {
    /// "demo", "schwab", "tradier".
    fn name(&self) -> &'static str;
    async fn quotes(&self, symbols: &[Symbol]) -> Result<Vec<Quote>>;
    async fn chain(&self, symbol: &Symbol, filter: &ChainFilter) -> Result<OptionChain>;
    async fn expirations(&self, symbol: &Symbol) -> Result<Vec<NaiveDate>>;
    async fn history(&self, symbol: &Symbol, from: NaiveDate, to: NaiveDate, interval: Interval) -> Result<Vec<Bar>>;
}
