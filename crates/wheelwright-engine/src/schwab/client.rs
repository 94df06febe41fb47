//! Schwab's API over the reliable HTTP layer: base URLs configurable (the tests point them at
//! a local fake server), about two requests a second, the access token from an [`AccessToken`]
//! source (the keychain-backed login in the app). So far: quotes.

use super::quotes;
use crate::error::Result;
use crate::http::{HttpClient, RetryPolicy, TokenBucket};
use async_trait::async_trait;
use reqwest::Method;
use std::sync::Arc;
use wheelwright_domain::market::Quote;
use wheelwright_domain::Symbol;

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

    /// Quotes with their fundamentals (for the dividend), in one request.
    pub async fn quotes(&self, symbols: &[Symbol]) -> Result<Vec<Quote>> {
        let token = self.tokens.access_token().await?;
        let list = symbols.iter().map(Symbol::as_str).collect::<Vec<_>>().join(",");
        let url = format!("{}/quotes", self.market_base);
        let response = self
            .http
            .send(Method::GET, &url, |r| r.bearer_auth(&token).query(&[("symbols", list.as_str()), ("fields", "quote,fundamental")]))
            .await?;
        quotes::parse(&response.body)
    }
}
