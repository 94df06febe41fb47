//! A Schwab login kept in the OS keychain: the app key and secret the user registered, and the
//! tokens with their clocks. The session hands out an access token for each request, refreshing
//! it five minutes before it expires (one refresh at a time, the new tokens written back to the
//! keychain); after the refresh token's seventh day it answers "log in again" instead of
//! sending anything. Nothing here is ever written to the database or a log.

use super::client::{AccessToken, API_ROOT};
use super::oauth::{self, App, LoginState, Tokens};
use crate::error::{EngineError, Result};
use crate::http::{HttpClient, RetryPolicy, TokenBucket};
use crate::ports::{Clock, Keychain};
use async_trait::async_trait;
use std::sync::Arc;
use wheelwright_domain::ErrorCode;

/// Keychain entry names.
pub const APP_KEY: &str = "schwab.app_key";
pub const APP_SECRET: &str = "schwab.app_secret";
pub const TOKENS: &str = "schwab.tokens";

/// Where the OAuth endpoints live under an API root.
pub fn oauth_base(api_root: &str) -> String {
    format!("{}/v1/oauth", api_root.trim_end_matches('/'))
}

pub fn default_api_root() -> &'static str {
    API_ROOT
}

pub(crate) fn not_logged_in() -> EngineError {
    EngineError::new(
        ErrorCode::AuthRequired,
        "not logged in to Schwab: connect in Settings → Data & Broker, or run `wheelwright broker login schwab`",
    )
}

/// The app credentials from the keychain, or what to do when they are missing.
pub(crate) fn app_credentials(keychain: &dyn Keychain) -> Result<(String, String)> {
    match (keychain.get(APP_KEY)?, keychain.get(APP_SECRET)?) {
        (Some(key), Some(secret)) => Ok((key, secret)),
        _ => Err(EngineError::new(
            ErrorCode::AuthRequired,
            "the Schwab app key and secret are not set: enter them in Settings → Data & Broker, or run `wheelwright broker setup schwab`",
        )),
    }
}

pub(crate) fn stored_tokens(keychain: &dyn Keychain) -> Result<Option<Tokens>> {
    // Tokens that no longer parse (another version wrote them) mean: log in again.
    Ok(keychain.get(TOKENS)?.and_then(|text| serde_json::from_str(&text).ok()))
}

pub(crate) fn store_tokens(keychain: &dyn Keychain, tokens: &Tokens) -> Result<()> {
    let text = serde_json::to_string(tokens).map_err(|e| EngineError::new(ErrorCode::Internal, format!("tokens not serialisable: {e}")))?;
    keychain.set(TOKENS, &text)
}

pub(crate) fn token_http() -> Result<HttpClient> {
    HttpClient::new("Schwab", TokenBucket::new(2.0, 4.0), RetryPolicy::default())
}

pub struct SchwabSession {
    keychain: Arc<dyn Keychain>,
    clock: Arc<dyn Clock>,
    http: HttpClient,
    token_url: String,
    /// Two requests needing a refresh at once must not both spend the refresh token.
    refreshing: tokio::sync::Mutex<()>,
}

impl SchwabSession {
    pub fn new(keychain: Arc<dyn Keychain>, clock: Arc<dyn Clock>, api_root: &str) -> Result<SchwabSession> {
        Ok(SchwabSession {
            keychain,
            clock,
            http: token_http()?,
            token_url: format!("{}/token", oauth_base(api_root)),
            refreshing: tokio::sync::Mutex::new(()),
        })
    }
}

#[async_trait]
impl AccessToken for SchwabSession {
    async fn access_token(&self) -> Result<String> {
        let _one_at_a_time = self.refreshing.lock().await;
        let tokens = stored_tokens(self.keychain.as_ref())?.ok_or_else(not_logged_in)?;
        let now = self.clock.now();
        match tokens.state(now) {
            LoginState::Valid | LoginState::ExpiresSoon => Ok(tokens.access_token),
            LoginState::LogInAgain => Err(EngineError::new(
                ErrorCode::AuthRequired,
                "the Schwab login is 7 days old and has expired: log in again (Settings → Data & Broker)",
            )),
            LoginState::RefreshDue => {
                let (key, secret) = app_credentials(self.keychain.as_ref())?;
                let renewed = oauth::refresh(&self.http, &self.token_url, &App { key: &key, secret: &secret }, &tokens, now).await?;
                store_tokens(self.keychain.as_ref(), &renewed)?;
                tracing::info!("Schwab access token refreshed");
                Ok(renewed.access_token)
            }
        }
    }
}
