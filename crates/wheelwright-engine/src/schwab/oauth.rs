//! Schwab's OAuth 2 authorization-code flow, everything but the window: the authorize URL with
//! a `state`, reading the code back from the callback URL (checked against the registered
//! callback and the state; URL-decoded — it ends in `%40`), exchanging it and refreshing with
//! HTTP Basic app key/secret, and where a login stands: the access token lasts 30 minutes and is
//! refreshed 5 minutes early; the refresh token dies 7 days after the *first* login (refreshing
//! does not extend it), so the user is warned from day 6 and asked to log in again after.

use crate::error::{EngineError, Result};
use crate::http::HttpClient;
use chrono::{DateTime, Duration, Utc};
use reqwest::Method;
use serde::{Deserialize, Serialize};
use url::Url;
use wheelwright_domain::ErrorCode;

/// A login's tokens and their clocks. Kept only in the keychain.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tokens {
    pub access_token: String,
    pub refresh_token: String,
    pub access_expires_at: DateTime<Utc>,
    /// When the refresh token was issued: the first login, never moved by a refresh.
    pub refresh_issued_at: DateTime<Utc>,
}

// Never print a token, not even in a debug log.
impl std::fmt::Debug for Tokens {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tokens")
            .field("access_expires_at", &self.access_expires_at)
            .field("refresh_issued_at", &self.refresh_issued_at)
            .finish_non_exhaustive()
    }
}

/// Where a login stands at an instant.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum LoginState {
    Valid,
    /// The access token expires within 5 minutes (or has): refresh before the next request.
    RefreshDue,
    /// From day 6 of the refresh token: tell the user a new login is due soon.
    ExpiresSoon,
    /// The refresh token is 7 days old: only a new login helps.
    LogInAgain,
}

const REFRESH_EARLY: Duration = Duration::minutes(5);
const REFRESH_LIFETIME: Duration = Duration::days(7);
const WARN_FROM: Duration = Duration::days(6);

impl Tokens {
    pub fn state(&self, now: DateTime<Utc>) -> LoginState {
        let age = now - self.refresh_issued_at;
        if age >= REFRESH_LIFETIME {
            LoginState::LogInAgain
        } else if now + REFRESH_EARLY >= self.access_expires_at {
            LoginState::RefreshDue
        } else if age >= WARN_FROM {
            LoginState::ExpiresSoon
        } else {
            LoginState::Valid
        }
    }
}

/// The page the login window opens.
pub fn authorize_url(auth_base: &str, app_key: &str, callback: &str, state: &str) -> Result<String> {
    let mut url = Url::parse(&format!("{}/authorize", auth_base.trim_end_matches('/')))
        .map_err(|e| EngineError::new(ErrorCode::InvalidInput, format!("the authorize URL is not a URL: {e}")))?;
    url.query_pairs_mut()
        .append_pair("response_type", "code")
        .append_pair("client_id", app_key)
        .append_pair("redirect_uri", callback)
        .append_pair("state", state);
    Ok(url.to_string())
}

fn redirect_error(message: impl Into<String>) -> EngineError {
    EngineError::field(ErrorCode::InvalidInput, "redirect", message)
}

/// Is `url` the registered callback: same scheme, host, port and path (a trailing slash aside)?
/// The login window asks this of every navigation; the code is read only from such a URL.
pub fn is_callback(url: &Url, callback: &str) -> bool {
    Url::parse(callback).is_ok_and(|registered| {
        url.scheme() == registered.scheme()
            && url.host_str() == registered.host_str()
            && url.port_or_known_default() == registered.port_or_known_default()
            && url.path().trim_end_matches('/') == registered.path().trim_end_matches('/')
    })
}

/// The authorization code from the URL the browser was sent to, if it is the registered callback
/// carrying our `state`.
pub fn code_from_redirect(redirect: &str, callback: &str, expected_state: &str) -> Result<String> {
    let url = Url::parse(redirect.trim())
        .map_err(|_| redirect_error("paste the whole address the browser went to after logging in (it starts with your callback URL)"))?;
    Url::parse(callback).map_err(|_| redirect_error(format!("the callback '{callback}' is not a URL")))?;
    if !is_callback(&url, callback) {
        return Err(redirect_error(format!("the address does not start with the registered callback {callback}")));
    }
    let value = |name: &str| url.query_pairs().find(|(k, _)| k == name).map(|(_, v)| v.into_owned());
    if let Some(error) = value("error") {
        return Err(EngineError::new(ErrorCode::AuthRequired, format!("Schwab refused the login: {error}")));
    }
    if value("state").as_deref() != Some(expected_state) {
        return Err(redirect_error("the login answer is not for this login attempt (state differs): start the login again"));
    }
    value("code").filter(|c| !c.is_empty()).ok_or_else(|| redirect_error("the address carries no code: log in again"))
}

#[derive(Deserialize)]
struct TokenResponse {
    access_token: String,
    refresh_token: Option<String>,
    expires_in: i64,
}

/// App key and secret: HTTP Basic on the token endpoint.
pub struct App<'a> {
    pub key: &'a str,
    pub secret: &'a str,
}

async fn token_request(http: &HttpClient, token_url: &str, app: &App<'_>, form: &[(&str, &str)]) -> Result<TokenResponse> {
    let response = http.send(Method::POST, token_url, |r| r.basic_auth(app.key, Some(app.secret)).form(form)).await?;
    serde_json::from_str(&response.body)
        .map_err(|_| EngineError::new(ErrorCode::MarketData, "Schwab's token answer is not in the documented shape"))
}

/// Trades a fresh authorization code for tokens (the code lives about 30 seconds).
pub async fn exchange_code(
    http: &HttpClient,
    token_url: &str,
    app: &App<'_>,
    code: &str,
    callback: &str,
    now: DateTime<Utc>,
) -> Result<Tokens> {
    let answer =
        token_request(http, token_url, app, &[("grant_type", "authorization_code"), ("code", code), ("redirect_uri", callback)]).await?;
    let refresh_token =
        answer.refresh_token.ok_or_else(|| EngineError::new(ErrorCode::MarketData, "Schwab's token answer has no refresh token"))?;
    Ok(Tokens {
        access_token: answer.access_token,
        refresh_token,
        access_expires_at: now + Duration::seconds(answer.expires_in),
        refresh_issued_at: now,
    })
}

/// A new access token from the refresh token; the refresh token's age does not restart.
pub async fn refresh(http: &HttpClient, token_url: &str, app: &App<'_>, tokens: &Tokens, now: DateTime<Utc>) -> Result<Tokens> {
    if tokens.state(now) == LoginState::LogInAgain {
        return Err(EngineError::new(ErrorCode::AuthRequired, "the Schwab login is 7 days old: log in again"));
    }
    let answer = token_request(http, token_url, app, &[("grant_type", "refresh_token"), ("refresh_token", &tokens.refresh_token)]).await?;
    Ok(Tokens {
        access_token: answer.access_token,
        refresh_token: answer.refresh_token.unwrap_or_else(|| tokens.refresh_token.clone()),
        access_expires_at: now + Duration::seconds(answer.expires_in),
        refresh_issued_at: tokens.refresh_issued_at,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn the_callback_is_checked_and_the_code_decoded() {
        let callback = "https://127.0.0.1:8182";
        let code = code_from_redirect("https://127.0.0.1:8182/?code=C0.b2F1dGg%40&session=x&state=s-1", callback, "s-1").unwrap();
        assert_eq!(code, "C0.b2F1dGg@", "the trailing %40 is an @");
        let wrong_state = code_from_redirect("https://127.0.0.1:8182/?code=abc&state=other", callback, "s-1").unwrap_err();
        assert!(wrong_state.message.contains("state differs"));
        let elsewhere = code_from_redirect("https://evil.example/?code=abc&state=s-1", callback, "s-1").unwrap_err();
        assert_eq!(elsewhere.field.as_deref(), Some("redirect"));
        assert_eq!(
            code_from_redirect("https://127.0.0.1:8182/?error=access_denied&state=s-1", callback, "s-1").unwrap_err().code,
            ErrorCode::AuthRequired
        );
        assert!(code_from_redirect("not a url", callback, "s-1").is_err());
        let url = authorize_url("https://api.schwabapi.com/v1/oauth", "KEY", callback, "s-1").unwrap();
        assert_eq!(url, "https://api.schwabapi.com/v1/oauth/authorize?response_type=code&client_id=KEY&redirect_uri=https%3A%2F%2F127.0.0.1%3A8182&state=s-1");
    }

    #[test]
    fn a_login_ages_from_valid_to_log_in_again() {
        let login = at("2026-11-22T09:00:00Z");
        let tokens = Tokens {
            access_token: "a".into(),
            refresh_token: "r".into(),
            access_expires_at: login + Duration::minutes(30),
            refresh_issued_at: login,
        };
        assert_eq!(tokens.state(login + Duration::minutes(20)), LoginState::Valid);
        assert_eq!(tokens.state(login + Duration::minutes(25)), LoginState::RefreshDue);
        let refreshed = Tokens { access_expires_at: login + Duration::days(6) + Duration::minutes(30), ..tokens.clone() };
        assert_eq!(refreshed.state(login + Duration::days(6)), LoginState::ExpiresSoon);
        assert_eq!(refreshed.state(login + Duration::days(7)), LoginState::LogInAgain);
        assert!(!format!("{tokens:?}").contains("\"a\"") && !format!("{tokens:?}").contains("refresh_token"), "Debug never shows a token");
    }
}
