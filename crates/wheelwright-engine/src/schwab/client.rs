//! Schwab's API over the reliable HTTP layer: base URLs configurable (the tests point them at
//! a local fake server), about two requests a second, the access token from an [`AccessToken`]
//! source (the keychain-backed login in the app). Its market data answers through the same
//! [`MarketData`] interface as the Demo market. Chain requests are always bounded (wide ones
//! fail with 502 at Schwab): 20 strikes around the money unless the caller bounds them.

use super::{chain, history, quotes};
use crate::error::Result;
use crate::http::{HttpClient, RetryPolicy, TokenBucket};
use crate::market::MarketData;
use async_trait::async_trait;
use chrono::{NaiveDate, NaiveTime};
use reqwest::Method;
use std::sync::Arc;
use wheelwright_domain::market::{Bar, ChainFilter, Interval, OptionChain, Quote};
use wheelwright_domain::{Right, Symbol};

/// Where a valid access token comes from when a request needs one.
#[async_trait]
pub trait AccessToken: Send + Sync {
    async fn access_token(&self) -> Result<String>;
}

pub struct SchwabClient {
    http: HttpClient,
    market_base: String,
    tokens: Arc<dyn AccessToken>,
}

impl SchwabClient {
    pub const MARKET_BASE: &'static str = "https://api.schwabapi.com/marketdata/v1";

    pub fn new(market_base: impl Into<String>, tokens: Arc<dyn AccessToken>) -> Result<SchwabClient> {
        let http = HttpClient::new("Schwab", TokenBucket::new(2.0, 4.0), RetryPolicy::default())?;
        Ok(SchwabClient { http, market_base: market_base.into().trim_end_matches('/').to_string(), tokens })
    }

    /// GETs a market-data path with the access token and the query.
    async fn get(&self, path: &str, query: &[(&str, String)]) -> Result<String> {
        let token = self.tokens.access_token().await?;
        let url = format!("{}/{path}", self.market_base);
        Ok(self.http.send(Method::GET, &url, |r| r.bearer_auth(&token).query(query)).await?.body)
    }
}

/// Epoch milliseconds at midnight UTC of a date (Schwab's history takes epoch ms).
fn epoch_ms(date: NaiveDate) -> String {
    date.and_time(NaiveTime::MIN).and_utc().timestamp_millis().to_string()
}

#[async_trait]
impl MarketData for SchwabClient {
    fn name(&self) -> &'static str {
        "schwab"
    }

    /// Quotes with their fundamentals (for the dividend), in one request.
    async fn quotes(&self, symbols: &[Symbol]) -> Result<Vec<Quote>> {
        let list = symbols.iter().map(Symbol::as_str).collect::<Vec<_>>().join(",");
        quotes::parse(&self.get("quotes", &[("symbols", list), ("fields", "quote,fundamental".into())]).await?)
    }

    async fn chain(&self, symbol: &Symbol, filter: &ChainFilter) -> Result<OptionChain> {
        let contract_type = match filter.right {
            Some(Right::Call) => "CALL",
            Some(Right::Put) => "PUT",
            None => "ALL",
        };
        let mut query = vec![
            ("symbol", symbol.as_str().to_string()),
            ("contractType", contract_type.to_string()),
            ("strikeCount", filter.strike_count.unwrap_or(20).to_string()),
            ("includeUnderlyingQuote", "true".to_string()),
        ];
        if let Some(from) = filter.from {
            query.push(("fromDate", from.to_string()));
        }
        if let Some(to) = filter.to {
            query.push(("toDate", to.to_string()));
        }
        Ok(chain::parse_chain(&self.get("chains", &query).await?, None)?.chain)
    }

    async fn expirations(&self, symbol: &Symbol) -> Result<Vec<NaiveDate>> {
        chain::parse_expirations(&self.get("expirationchain", &[("symbol", symbol.as_str().to_string())]).await?)
    }

    async fn history(&self, symbol: &Symbol, from: NaiveDate, to: NaiveDate, interval: Interval) -> Result<Vec<Bar>> {
        let (period_type, frequency_type, frequency) = match interval {
            Interval::Daily => ("year", "daily", 1),
            Interval::Minutes(minutes) => ("day", "minute", minutes),
        };
        let query = [
            ("symbol", symbol.as_str().to_string()),
            ("periodType", period_type.to_string()),
            ("frequencyType", frequency_type.to_string()),
            ("frequency", frequency.to_string()),
            ("startDate", epoch_ms(from)),
            ("endDate", epoch_ms(to + chrono::Duration::days(1))),
        ];
        history::parse(&self.get("pricehistory", &query).await?)
    }
}
