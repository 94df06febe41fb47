//! Connecting a broker: the Schwab app credentials into the keychain, the login (authorize URL
//! with a one-time `state`, then the redirect the login window intercepted or the user pasted),
//! where the login stands, choosing the market-data provider, disconnecting (the keychain
//! entries deleted), and the account calls behind the logged-in client. Secrets arrive once,
//! inbound, and nothing here ever returns one: the status says only "set / not set".

use super::tradier::TradierStatus;
use super::{BrokerAccount, BrokerAccounts, SyncReport, SyncRequest};
use crate::error::{EngineError, Result};
use crate::market::{CachedMarket, MarketData};
use crate::metrics::MeteredMarket;
use crate::schwab::client::SchwabClient;
use crate::schwab::oauth::{self, App, LoginState};
use crate::schwab::session::{self, SchwabSession, APP_KEY, APP_SECRET, TOKENS};
use crate::Engine;
use chrono::{DateTime, Duration, Utc};
use rand::Rng;
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use ts_rs::TS;
use url::Url;
use wheelwright_domain::ErrorCode;

pub(crate) const PROVIDER_SETTING: &str = "market.provider";
const CALLBACK_SETTING: &str = "schwab.callback";
const API_ROOT_SETTING: &str = "schwab.api_root";
/// The New York date the login warning was last sent as a notification.
/// The callback most Schwab apps register: the app intercepts it, nothing listens there.
pub const DEFAULT_CALLBACK: &str = "https://127.0.0.1:8182";

/// Which provider answers market data.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Provider {
    #[default]
    Demo,
    Schwab,
    Tradier,
}

impl Provider {
    pub fn as_str(self) -> &'static str {
        match self {
            Provider::Demo => "demo",
            Provider::Schwab => "schwab",
            Provider::Tradier => "tradier",
        }
    }

    pub fn parse(text: &str) -> Result<Provider> {
        match text.trim().to_ascii_lowercase().as_str() {
            "demo" => Ok(Provider::Demo),
            "schwab" => Ok(Provider::Schwab),
            "tradier" => Ok(Provider::Tradier),
            other => Err(EngineError::field(
                ErrorCode::InvalidInput,
                "provider",
                format!("unknown provider '{other}': use demo, schwab or tradier"),
            )),
        }
    }
}

/// The Schwab app as the user registered it. The secret is only ever sent this way, inbound.
#[derive(Clone, Deserialize, TS)]
pub struct SchwabAppInput {
    pub app_key: String,
    pub app_secret: String,
    /// The callback URL registered with the app; the default when left out.
    #[serde(default)]
    pub callback: Option<String>,
    /// The API root (for a proxy, or a test server); Schwab's own when left out.
    #[serde(default)]
    pub api_root: Option<String>,
}

// Never print the secret, even in a debug log.
impl std::fmt::Debug for SchwabAppInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SchwabAppInput").field("callback", &self.callback).field("api_root", &self.api_root).finish_non_exhaustive()
    }
}

/// Where the Schwab connection stands; never a secret, only whether each is set.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct SchwabStatus {
    pub app_key_set: bool,
    pub app_secret_set: bool,
    pub callback: String,
    pub api_root: String,
    pub logged_in: bool,
    pub login: Option<LoginState>,
    /// When the refresh token dies (7 days after the first login): a new login is due then.
    #[ts(type = "string | null")]
    pub login_expires_at: Option<DateTime<Utc>>,
    /// What to tell the user about the login, if anything ("log in again within a day").
    pub warning: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct BrokerStatus {
    pub provider: Provider,
    pub schwab: SchwabStatus,
    pub tradier: TradierStatus,
}

/// The page the login window opens, and the address it must watch for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct LoginStart {
    pub authorize_url: String,
    pub callback: String,
}

fn invalid_url(field: &str, text: &str, what: &str) -> EngineError {
    EngineError::field(ErrorCode::InvalidInput, field, format!("'{text}' is not {what}"))
}

/// A callback must be an absolute https URL (Schwab refuses plain http callbacks).
fn checked_callback(text: &str) -> Result<String> {
    let text = text.trim().trim_end_matches('/');
    let url = Url::parse(text).map_err(|_| {
        invalid_url("callback", text, "a URL: use the callback registered with your Schwab app, e.g. https://127.0.0.1:8182")
    })?;
    if url.scheme() != "https" {
        return Err(invalid_url("callback", text, "an https URL: Schwab requires https callbacks"));
    }
    Ok(text.to_string())
}

/// An API root override (a proxy, a test server): an absolute http(s) address. `broker` names
/// whose own root an empty field means.
pub(crate) fn checked_api_root(text: &str, broker: &str) -> Result<String> {
    let text = text.trim().trim_end_matches('/');
    match Url::parse(text) {
        Ok(url) if matches!(url.scheme(), "https" | "http") && url.host().is_some() => Ok(text.to_string()),
        _ => Err(invalid_url("api_root", text, &format!("an http(s) address: leave it empty for {broker}'s own"))),
    }
}

impl Engine {
    async fn schwab_callback(&self) -> Result<String> {
        Ok(self.setting(CALLBACK_SETTING).await?.unwrap_or_else(|| DEFAULT_CALLBACK.to_string()))
    }

    async fn schwab_api_root(&self) -> Result<String> {
        Ok(self.setting(API_ROOT_SETTING).await?.unwrap_or_else(|| session::default_api_root().to_string()))
    }

    /// Stores the Schwab app's key and secret in the keychain and its callback and API root in
    /// the settings. A changed app invalidates the tokens of the old one.
    pub async fn schwab_setup(&self, input: SchwabAppInput) -> Result<SchwabStatus> {
        let key = input.app_key.trim();
        let secret = input.app_secret.trim();
        if key.is_empty() || key.chars().any(char::is_whitespace) {
            return Err(EngineError::field(
                ErrorCode::InvalidInput,
                "app_key",
                "the app key is empty or has spaces: copy it from your app on developer.schwab.com",
            ));
        }
        if secret.is_empty() || secret.chars().any(char::is_whitespace) {
            return Err(EngineError::field(
                ErrorCode::InvalidInput,
                "app_secret",
                "the app secret is empty or has spaces: copy it from your app on developer.schwab.com",
            ));
        }
        let callback = checked_callback(input.callback.as_deref().unwrap_or(DEFAULT_CALLBACK))?;
        let api_root =
            checked_api_root(input.api_root.as_deref().filter(|r| !r.trim().is_empty()).unwrap_or(session::default_api_root()), "Schwab")?;
        let keychain = self.keychain();
        if keychain.get(APP_KEY)?.as_deref() != Some(key) {
            keychain.delete(TOKENS)?;
        }
        keychain.set(APP_KEY, key)?;
        keychain.set(APP_SECRET, secret)?;
        self.put_setting(CALLBACK_SETTING, &callback).await?;
        self.put_setting(API_ROOT_SETTING, &api_root).await?;
        self.forget_clients();
        Ok(self.broker_status().await?.schwab)
    }

    /// Starts a login: the authorize URL carries a fresh `state` the answer must echo.
    pub async fn schwab_login_start(&self) -> Result<LoginStart> {
        let (key, _) = session::app_credentials(self.keychain().as_ref())?;
        let callback = self.schwab_callback().await?;
        let state: String = rand::rng().sample_iter(rand::distr::Alphanumeric).take(24).map(char::from).collect();
        let authorize_url = oauth::authorize_url(&session::oauth_base(&self.schwab_api_root().await?), &key, &callback, &state)?;
        *self.pending_login().lock().expect("login lock") = Some(state);
        Ok(LoginStart { authorize_url, callback })
    }

    /// Finishes a login from the address the browser was sent to: the code is exchanged at once
    /// (it lives about 30 seconds) and the tokens go to the keychain.
    pub async fn schwab_login_finish(&self, redirect: &str) -> Result<SchwabStatus> {
        let state = self.pending_login().lock().expect("login lock").clone().ok_or_else(|| {
            EngineError::field(
                ErrorCode::InvalidInput,
                "redirect",
                "no login is in progress: start the login first, then paste the address",
            )
        })?;
        let callback = self.schwab_callback().await?;
        let code = oauth::code_from_redirect(redirect, &callback, &state)?;
        let (key, secret) = session::app_credentials(self.keychain().as_ref())?;
        let token_url = format!("{}/token", session::oauth_base(&self.schwab_api_root().await?));
        let tokens =
            oauth::exchange_code(&session::token_http()?, &token_url, &App { key: &key, secret: &secret }, &code, &callback, self.now())
                .await?;
        session::store_tokens(self.keychain().as_ref(), &tokens)?;
        *self.pending_login().lock().expect("login lock") = None;
        self.forget_clients();
        tracing::info!("logged in to Schwab");
        Ok(self.broker_status().await?.schwab)
    }

    pub async fn broker_status(&self) -> Result<BrokerStatus> {
        let keychain = self.keychain();
        let tokens = session::stored_tokens(keychain.as_ref())?;
        let now = self.now();
        let login = tokens.as_ref().map(|t| t.state(now));
        let login_expires_at = tokens.as_ref().map(|t| t.refresh_issued_at + Duration::days(7));
        let warning = match (login, login_expires_at) {
            (Some(LoginState::ExpiresSoon), Some(end)) => {
                let hours = (end - now).num_hours().max(0);
                Some(format!("The Schwab login expires in {hours} hours: log in again in Settings → Data & Broker to keep syncing."))
            }
            (Some(LoginState::LogInAgain), _) => {
                Some("The Schwab login has expired: log in again in Settings → Data & Broker.".to_string())
            }
            _ => None,
        };
        Ok(BrokerStatus {
            provider: self.provider(),
            schwab: SchwabStatus {
                app_key_set: keychain.get(APP_KEY)?.is_some(),
                app_secret_set: keychain.get(APP_SECRET)?.is_some(),
                callback: self.schwab_callback().await?,
                api_root: self.schwab_api_root().await?,
                logged_in: matches!(login, Some(state) if state != LoginState::LogInAgain),
                login,
                login_expires_at,
                warning,
            },
            tradier: self.tradier_status().await?,
        })
    }

    /// Deletes every Schwab secret from the keychain; market data falls back to the Demo market.
    pub async fn schwab_disconnect(&self) -> Result<BrokerStatus> {
        let keychain = self.keychain();
        for entry in [TOKENS, APP_KEY, APP_SECRET] {
            keychain.delete(entry)?;
        }
        self.forget_clients();
        if self.provider() == Provider::Schwab {
            self.set_provider(Provider::Demo).await?;
        }
        tracing::info!("disconnected from Schwab");
        self.broker_status().await
    }

    /// Chooses the market-data provider. Schwab needs a live login first, Tradier a token.
    pub async fn set_provider(&self, provider: Provider) -> Result<BrokerStatus> {
        let status = self.broker_status().await?;
        if provider == Provider::Schwab && !status.schwab.logged_in {
            return Err(session::not_logged_in());
        }
        if provider == Provider::Tradier && !status.tradier.token_set {
            return Err(EngineError::new(
                ErrorCode::AuthRequired,
                "no Tradier token is set: enter it in Settings → Data & Broker, or run `wheelwright broker setup tradier`",
            ));
        }
        self.put_setting(PROVIDER_SETTING, provider.as_str()).await?;
        self.set_provider_in_memory(provider);
        self.broker_status().await
    }

    /// The logged-in Schwab client (one per engine, so its rate limit is shared).
    pub(crate) async fn schwab_client(&self) -> Result<Arc<SchwabClient>> {
        if let Some(client) = self.cached_schwab_client() {
            return Ok(client);
        }
        let api_root = self.schwab_api_root().await?;
        let session = SchwabSession::new(self.keychain(), self.clock(), &api_root)?;
        let client = Arc::new(SchwabClient::new(&api_root, Arc::new(session))?);
        self.cache_schwab_client(client.clone());
        Ok(client)
    }

    /// The provider answering market data right now; a network one behind the SQLite cache.
    pub(crate) async fn market(&self) -> Result<Arc<dyn MarketData>> {
        let namespace = match self.provider() {
            Provider::Demo => return self.uncached_market().await,
            Provider::Schwab => "schwab",
            Provider::Tradier => self.tradier_namespace().await?,
        };
        Ok(Arc::new(CachedMarket::new(self.uncached_market().await?, namespace, self.store().clone(), self.clock())))
    }

    /// The provider itself, counted by the metrics but not cached: what a health probe asks.
    pub(crate) async fn uncached_market(&self) -> Result<Arc<dyn MarketData>> {
        let client: Arc<dyn MarketData> = match self.provider() {
            Provider::Demo => self.demo_provider(),
            Provider::Schwab => self.schwab_client().await?,
            Provider::Tradier => self.tradier_client().await?,
        };
        Ok(Arc::new(MeteredMarket::new(client, self.metrics())))
    }

    /// The accounts of the logged-in Schwab user, with positions and balances.
    pub async fn broker_accounts(&self) -> Result<Vec<BrokerAccount>> {
        let client = self.schwab_client().await?;
        self.metrics().time("schwab", "accounts", client.accounts()).await
    }

    /// Syncs the linked Schwab account into its portfolio.
    pub async fn broker_sync(&self, request: &SyncRequest) -> Result<SyncReport> {
        let client = self.schwab_client().await?;
        self.metrics().time("schwab", "sync", self.broker_sync_with(client.as_ref(), request)).await
    }
}
