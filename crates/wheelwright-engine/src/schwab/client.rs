//! Schwab's API over the reliable HTTP layer: the API root configurable (the tests point it at
//! a local fake server), about two requests a second, the access token from an [`AccessToken`]
//! source (the keychain-backed login in the app). Its market data answers through the same
//! [`MarketData`] interface as the Demo market, its accounts through [`BrokerAccounts`]. Chain
//! requests are always bounded (wide ones fail with 502 at Schwab): 20 strikes around the money
//! unless the caller bounds them.

use super::{accounts, chain, history, quotes};
use crate::broker::{Activity, BrokerAccount, BrokerAccounts};
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
    api_root: String,
    tokens: Arc<dyn AccessToken>,
}

/// Schwab's API root: market data under `/marketdata/v1`, accounts under `/trader/v1`, OAuth
/// under `/v1/oauth`.
pub const API_ROOT: &str = "https://api.schwabapi.com";

impl SchwabClient {
    pub fn new(api_root: &str, tokens: Arc<dyn AccessToken>) -> Result<SchwabClient> {
        let http = HttpClient::new("Schwab", TokenBucket::new(2.0, 4.0), RetryPolicy::default())?;
        Ok(SchwabClient { http, api_root: api_root.trim_end_matches('/').to_string(), tokens })
    }

    /// GETs a market-data path with the access token and the query.
    async fn get(&self, path: &str, query: &[(&str, String)]) -> Result<String> {
        self.get_under("marketdata/v1", path, query).await
    }

    async fn get_under(&self, api: &str, path: &str, query: &[(&str, String)]) -> Result<String> {
        let token = self.tokens.access_token().await?;
        let url = format!("{}/{api}/{path}", self.api_root);
        Ok(self.http.send(Method::GET, &url, |r| r.bearer_auth(&token).query(query)).await?.body)
    }
}

/// Schwab's transactions endpoint serves at most a year per request.
const MAX_SPAN_DAYS: i64 = 365;

#[async_trait]
impl BrokerAccounts for SchwabClient {
    fn name(&self) -> &'static str {
        "schwab"
    }

    async fn accounts(&self) -> Result<Vec<BrokerAccount>> {
        let hashes = accounts::parse_account_numbers(&self.get_under("trader/v1", "accounts/accountNumbers", &[]).await?)?;
        let body = self.get_under("trader/v1", "accounts", &[("fields", "positions".to_string())]).await?;
        accounts::parse_accounts(&body, &hashes)
    }

    async fn activities(&self, account: &BrokerAccount, from: NaiveDate, to: NaiveDate) -> Result<Vec<Activity>> {
        let mut all = Vec::new();
        let mut start = from;
        while start <= to {
            let end = (start + chrono::Duration::days(MAX_SPAN_DAYS - 1)).min(to);
            // The whole New York days: from midnight at the start to the end day's last instant.
            let query = [
                ("startDate", format!("{start}T00:00:00.000Z")),
                ("endDate", format!("{}T03:59:59.999Z", end + chrono::Duration::days(1))),
                ("types", accounts::TRANSACTION_TYPES.to_string()),
            ];
            let body = self.get_under("trader/v1", &format!("accounts/{}/transactions", account.key), &query).await?;
            all.extend(accounts::parse_transactions(&body)?.into_iter().filter(|a| (from..=to).contains(&a.date)));
            start = end + chrono::Duration::days(1);
        }
        Ok(all)
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
