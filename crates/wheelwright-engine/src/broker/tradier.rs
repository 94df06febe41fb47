//! Connecting Tradier for market data: the access token (a bearer token the user copies from
//! their Tradier account) into the keychain after one request proves Tradier accepts it, the
//! production/sandbox switch and the API root in the settings, and disconnecting. The token
//! arrives once, inbound; the status only says whether one is set.

use super::connection::{checked_api_root, BrokerStatus, Provider};
use crate::error::{EngineError, Result};
use crate::market::MarketData;
use crate::tradier::client::{TradierClient, PRODUCTION_ROOT, SANDBOX_ROOT};
use crate::Engine;
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use ts_rs::TS;
use wheelwright_domain::{ErrorCode, Symbol};

/// Keychain entry.
pub const TOKEN: &str = "tradier.token";
const SANDBOX_SETTING: &str = "tradier.sandbox";
const API_ROOT_SETTING: &str = "tradier.api_root";

/// The Tradier connection as the user entered it. The token is only ever sent this way, inbound.
#[derive(Clone, Deserialize, TS)]
pub struct TradierInput {
    /// Left out to keep the stored token (e.g. when only switching to the sandbox).
    #[serde(default)]
    pub token: Option<String>,
    #[serde(default)]
    pub sandbox: bool,
    /// For a proxy or a test server; Tradier's own (production or sandbox) when left out.
    #[serde(default)]
    pub api_root: Option<String>,
}

// Never print the token, even in a debug log.
impl std::fmt::Debug for TradierInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TradierInput").field("sandbox", &self.sandbox).field("api_root", &self.api_root).finish_non_exhaustive()
    }
}

/// Where the Tradier connection stands; never the token, only whether one is set.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct TradierStatus {
    pub token_set: bool,
    pub sandbox: bool,
    pub api_root: String,
}

fn checked_token(text: &str) -> Result<String> {
    let token = text.trim();
    if token.is_empty() || token.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(EngineError::field(
            ErrorCode::InvalidInput,
            "token",
            "the token is empty or has spaces: copy the access token from Tradier (Account → API Access)",
        ));
    }
    Ok(token.to_string())
}

impl Engine {
    pub(crate) async fn tradier_status(&self) -> Result<TradierStatus> {
        let sandbox = self.setting(SANDBOX_SETTING).await?.as_deref() == Some("true");
        let default_root = if sandbox { SANDBOX_ROOT } else { PRODUCTION_ROOT };
        Ok(TradierStatus {
            token_set: self.keychain().get(TOKEN)?.is_some(),
            sandbox,
            api_root: self.setting(API_ROOT_SETTING).await?.unwrap_or_else(|| default_root.to_string()),
        })
    }

    /// Checks the token with one quote request, then keeps it in the keychain and the switch
    /// and API root in the settings. A refused token is not stored.
    pub async fn tradier_setup(&self, input: TradierInput) -> Result<TradierStatus> {
        let token = match &input.token {
            Some(text) => checked_token(text)?,
            None => self.keychain().get(TOKEN)?.ok_or_else(|| {
                EngineError::field(ErrorCode::InvalidInput, "token", "no Tradier token is stored yet: enter the access token")
            })?,
        };
        let default_root = if input.sandbox { SANDBOX_ROOT } else { PRODUCTION_ROOT };
        let custom_root = input.api_root.as_deref().filter(|r| !r.trim().is_empty()).map(|r| checked_api_root(r, "Tradier")).transpose()?;
        let api_root = custom_root.clone().unwrap_or_else(|| default_root.to_string());
        let probe = TradierClient::new(&api_root, input.sandbox, token.clone())?;
        let spy = Symbol::parse("SPY").expect("a valid symbol");
        probe.quotes(&[spy]).await.map_err(|e| match e.code {
            ErrorCode::AuthRequired => EngineError::field(
                ErrorCode::AuthRequired,
                "token",
                format!(
                    "Tradier refused the token at {api_root}: check it, and that the sandbox switch matches the account (sandbox tokens work only with the sandbox)"
                ),
            ),
            _ => EngineError::new(e.code, format!("could not check the token with Tradier, nothing was saved: {}", e.message)),
        })?;
        self.keychain().set(TOKEN, &token)?;
        self.put_setting(SANDBOX_SETTING, if input.sandbox { "true" } else { "false" }).await?;
        match custom_root {
            Some(root) => self.put_setting(API_ROOT_SETTING, &root).await?,
            None => self.delete_setting(API_ROOT_SETTING).await?,
        }
        self.forget_clients();
        tracing::info!(sandbox = input.sandbox, "Tradier token checked and stored");
        self.tradier_status().await
    }

    /// Deletes the Tradier token from the keychain; market data falls back to the Demo market.
    pub async fn tradier_disconnect(&self) -> Result<BrokerStatus> {
        self.keychain().delete(TOKEN)?;
        self.forget_clients();
        if self.provider() == Provider::Tradier {
            self.set_provider(Provider::Demo).await?;
        }
        tracing::info!("disconnected from Tradier");
        self.broker_status().await
    }

    /// The Tradier client with the stored token (one per engine, so its rate limit is shared).
    pub(crate) async fn tradier_client(&self) -> Result<Arc<dyn MarketData>> {
        if let Some(client) = self.cached_tradier_client() {
            return Ok(client);
        }
        let token = self.keychain().get(TOKEN)?.ok_or_else(|| {
            EngineError::new(
                ErrorCode::AuthRequired,
                "no Tradier token is set: enter it in Settings → Data & Broker, or run `wheelwright broker setup tradier`",
            )
        })?;
        let status = self.tradier_status().await?;
        let client: Arc<dyn MarketData> = Arc::new(TradierClient::new(&status.api_root, status.sandbox, token)?);
        self.cache_tradier_client(client.clone());
        Ok(client)
    }

    /// The cache namespace: the sandbox's delayed data never stands in for production's.
    pub(crate) async fn tradier_namespace(&self) -> Result<&'static str> {
        Ok(if self.tradier_status().await?.sandbox { "tradier-sandbox" } else { "tradier" })
    }
}
