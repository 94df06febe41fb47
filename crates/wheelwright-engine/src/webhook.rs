//! The webhook channel: a check's new alerts POSTed as one JSON document to an endpoint the user
//! chose (their automation, a chat, a logger), signed so the receiver can tell the alerts came
//! from this app, retried with backoff on the faults web servers have (5xx, 429, timeouts,
//! refused connections), and written to a delivery log with every attempt.
//!
//! The signature header is `X-Wheelwright-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of
//! "<t>.<body>" under the signing secret>`; signing the time with the body lets a receiver refuse
//! a replayed delivery. The URL and the secret live in the OS keychain (webhook URLs often carry
//! a token, as Slack's and Discord's do); the database and the log hold only the host.
//!
//! Like desktop notifications, the webhook is an interrupting channel: quiet hours and a pause
//! hold it back (the alerts stay in the inbox).

use crate::alerts::Alert;
use crate::error::{EngineError, Result};
use crate::http::{Attempt, HttpClient, RetryPolicy, TokenBucket};
use crate::Engine;
use chrono::{DateTime, SecondsFormat, Utc};
use hmac::{Hmac, Mac};
use reqwest::Method;
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use std::time::Duration;
use ts_rs::TS;
use url::Url;
use wheelwright_domain::ErrorCode;

pub const SIGNATURE_HEADER: &str = "x-wheelwright-signature";
/// The settings key of the channel's switch and the endpoint's host (JSON [`Settings`]).
const SETTINGS_KEY: &str = "alerts.webhook";
/// Keychain names.
const URL_SECRET: &str = "webhook-url";
const SIGNING_SECRET: &str = "webhook-signing-secret";
const SECRET_LENGTH: std::ops::RangeInclusive<usize> = 16..=256;
/// Up to four tries, 1-2-4 s apart with jitter (or as `Retry-After` asks), 10 s each...
const POLICY: RetryPolicy =
    RetryPolicy { attempts: 4, base: Duration::from_secs(1), cap: Duration::from_secs(8), timeout: Duration::from_secs(10) };
/// ...and never more than this in all, so an endpoint that is down or slow holds up the alert
/// check (the risk monitor's run, "Check now") for 20 s at most.
const DELIVERY_LIMIT: Duration = Duration::from_secs(20);

#[derive(Default, Serialize, Deserialize)]
struct Settings {
    enabled: bool,
    host: Option<String>,
}

/// A change to the webhook channel. The URL and the secret cross once, inbound, to the keychain.
#[derive(Clone, Default, Deserialize, TS)]
pub struct WebhookInput {
    /// A new endpoint (https, or http to this computer); the stored one is kept when absent.
    #[serde(default)]
    #[ts(optional)]
    pub url: Option<String>,
    /// A new signing secret (16–256 characters); the stored one is kept when absent.
    #[serde(default)]
    #[ts(optional)]
    pub secret: Option<String>,
    pub enabled: bool,
}

/// Never prints the URL (it may carry a token) or the secret.
impl std::fmt::Debug for WebhookInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let given = |set: bool| if set { "[redacted]" } else { "none" };
        f.debug_struct("WebhookInput")
            .field("url", &given(self.url.is_some()))
            .field("secret", &given(self.secret.is_some()))
            .field("enabled", &self.enabled)
            .finish()
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct WebhookStatus {
    pub enabled: bool,
    /// The endpoint's host, for display: the full URL is never sent back.
    #[ts(optional)]
    pub host: Option<String>,
    pub url_set: bool,
    pub secret_set: bool,
    #[ts(optional)]
    pub last: Option<WebhookDelivery>,
}

/// One entry of the delivery log.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct WebhookDelivery {
    pub id: i64,
    /// "alerts" or "test".
    pub event: String,
    pub alert_ids: Vec<i64>,
    pub host: String,
    /// "delivered" or "failed".
    pub outcome: String,
    #[ts(optional)]
    pub http_status: Option<u16>,
    #[ts(optional)]
    pub error: Option<String>,
    pub attempts: Vec<Attempt>,
    #[ts(type = "string")]
    pub started_at: DateTime<Utc>,
    #[ts(type = "string")]
    pub finished_at: DateTime<Utc>,
}

/// What the endpoint receives.
#[derive(Serialize)]
struct Payload<'a> {
    event: &'a str,
    sent_at: String,
    /// One line for chat tools that show a `text` field (Slack's incoming webhooks do).
    text: String,
    alerts: &'a [Alert],
}

/// The signature header's value for `body` sent at `timestamp` (unix seconds).
pub fn signature(secret: &str, timestamp: i64, body: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes a key of any length");
    mac.update(format!("{timestamp}.{body}").as_bytes());
    format!("t={timestamp},v1={}", hex::encode(mac.finalize().into_bytes()))
}

/// The endpoint's host, after checking the URL is one the channel may post to: https, or plain
/// http only to this computer (a local automation), never credentials in the URL.
fn checked_host(url: &str) -> Result<String> {
    let invalid = |why: &str| EngineError::field(ErrorCode::InvalidInput, "url", format!("the webhook URL {why}"));
    let parsed = Url::parse(url.trim()).map_err(|e| invalid(&format!("is not a URL ({e}): paste it whole, starting with https://")))?;
    let host = parsed.host_str().ok_or_else(|| invalid("has no host"))?.to_string();
    let local = matches!(host.as_str(), "localhost" | "127.0.0.1" | "[::1]");
    match parsed.scheme() {
        "https" => {}
        "http" if local => {}
        "http" => return Err(invalid("must use https (plain http only to this computer): alerts name your positions")),
        other => return Err(invalid(&format!("uses {other}: only https is posted to"))),
    }
    if !parsed.username().is_empty() || parsed.password().is_some() {
        return Err(invalid("carries a user name or password: use the signing secret instead"));
    }
    Ok(host)
}

fn summary(event: &str, alerts: &[Alert]) -> String {
    match (event, alerts) {
        ("test", _) => "Wheelwright: a test delivery from your webhook settings.".to_string(),
        (_, [one]) => format!("Wheelwright: {} — {}", one.title, one.body),
        (_, many) => {
            let titles: Vec<&str> = many.iter().take(3).map(|a| a.title.as_str()).collect();
            let more = many.len().saturating_sub(3);
            let tail = if more > 0 { format!(" and {more} more") } else { String::new() };
            format!("Wheelwright: {} alerts — {}{tail}", many.len(), titles.join("; "))
        }
    }
}

type DeliveryRow = (i64, String, String, String, String, Option<i64>, Option<String>, String, String, String);

fn delivery_of(row: DeliveryRow) -> Result<WebhookDelivery> {
    let (id, event, alert_ids, host, outcome, http_status, error, attempts, started_at, finished_at) = row;
    let corrupt = |what: &str, e: &dyn std::fmt::Display| {
        EngineError::new(ErrorCode::DatabaseCorrupt, format!("webhook delivery {id} has an unreadable {what}: {e}"))
    };
    let time = |text: &str| DateTime::parse_from_rfc3339(text).map(|t| t.with_timezone(&Utc)).map_err(|e| corrupt("time", &e));
    Ok(WebhookDelivery {
        id,
        event,
        alert_ids: serde_json::from_str(&alert_ids).map_err(|e| corrupt("alert list", &e))?,
        host,
        outcome,
        http_status: http_status.and_then(|s| u16::try_from(s).ok()),
        error,
        attempts: serde_json::from_str(&attempts).map_err(|e| corrupt("attempt list", &e))?,
        started_at: time(&started_at)?,
        finished_at: time(&finished_at)?,
    })
}

const DELIVERY_COLUMNS: &str = "id, event, alert_ids, host, outcome, http_status, error, attempts, started_at, finished_at";

impl Engine {
    async fn webhook_settings(&self) -> Result<Settings> {
        match self.setting(SETTINGS_KEY).await? {
            None => Ok(Settings::default()),
            Some(json) => serde_json::from_str(&json)
                .map_err(|e| EngineError::new(ErrorCode::DatabaseCorrupt, format!("the webhook setting is unreadable: {e}"))),
        }
    }

    pub async fn webhook_status(&self) -> Result<WebhookStatus> {
        let settings = self.webhook_settings().await?;
        let keychain = self.keychain();
        Ok(WebhookStatus {
            enabled: settings.enabled,
            host: settings.host,
            url_set: keychain.get(URL_SECRET)?.is_some(),
            secret_set: keychain.get(SIGNING_SECRET)?.is_some(),
            last: self.webhook_deliveries(1).await?.pop(),
        })
    }

    /// Sets the endpoint, the secret and the switch. Everything is checked before anything is
    /// kept, and the channel can only be switched on with both an endpoint and a secret.
    pub async fn set_webhook(&self, input: WebhookInput) -> Result<WebhookStatus> {
        let host = input.url.as_deref().map(checked_host).transpose()?;
        let secret = input.secret.as_deref().map(str::trim);
        if let Some(secret) = secret {
            if !SECRET_LENGTH.contains(&secret.chars().count()) {
                return Err(EngineError::field(
                    ErrorCode::InvalidInput,
                    "secret",
                    "the signing secret must be 16 to 256 characters: use a long random string and give the receiver the same",
                ));
            }
        }
        let keychain = self.keychain();
        if input.enabled {
            if host.is_none() && keychain.get(URL_SECRET)?.is_none() {
                return Err(EngineError::field(ErrorCode::MissingField, "url", "a webhook needs its URL before it can be switched on"));
            }
            if secret.is_none() && keychain.get(SIGNING_SECRET)?.is_none() {
                return Err(EngineError::field(
                    ErrorCode::MissingField,
                    "secret",
                    "a webhook needs a signing secret before it can be switched on",
                ));
            }
        }
        if let Some(url) = &input.url {
            keychain.set(URL_SECRET, url.trim())?;
        }
        if let Some(secret) = secret {
            keychain.set(SIGNING_SECRET, secret)?;
        }
        let kept = self.webhook_settings().await?;
        let settings = Settings { enabled: input.enabled, host: host.or(kept.host) };
        self.put_setting(SETTINGS_KEY, &serde_json::to_string(&settings).expect("settings serialize")).await?;
        self.webhook_status().await
    }

    /// Forgets the endpoint and the secret and switches the channel off (the log stays).
    pub async fn remove_webhook(&self) -> Result<WebhookStatus> {
        let keychain = self.keychain();
        keychain.delete(URL_SECRET)?;
        keychain.delete(SIGNING_SECRET)?;
        self.put_setting(SETTINGS_KEY, &serde_json::to_string(&Settings::default()).expect("settings serialize")).await?;
        self.webhook_status().await
    }

    /// The delivery log, newest first.
    pub async fn webhook_deliveries(&self, limit: u32) -> Result<Vec<WebhookDelivery>> {
        let rows: Vec<DeliveryRow> = sqlx::query_as(&format!("SELECT {DELIVERY_COLUMNS} FROM webhook_deliveries ORDER BY id DESC LIMIT ?"))
            .bind(limit.min(1000))
            .fetch_all(self.store().pool())
            .await?;
        rows.into_iter().map(delivery_of).collect()
    }

    /// Sends a test delivery (whether or not the channel is on), so the user can check the
    /// receiver before relying on it.
    pub async fn test_webhook(&self) -> Result<WebhookDelivery> {
        self.post_webhook("test", &[]).await
    }

    /// Sends a check's new alerts when the channel is on; what went wrong comes back as a note
    /// for the check (the alerts are stored either way).
    pub(crate) async fn webhook_alerts(&self, alerts: &[Alert]) -> Option<String> {
        match self.webhook_settings().await {
            Ok(settings) if !settings.enabled => return None,
            Ok(_) => {}
            Err(e) => return Some(e.message),
        }
        match self.post_webhook("alerts", alerts).await {
            Ok(delivery) if delivery.outcome == "delivered" => None,
            Ok(delivery) => Some(format!("the webhook to {} failed: {}", delivery.host, delivery.error.unwrap_or_default())),
            Err(e) => Some(format!("the webhook was not sent: {}", e.message)),
        }
    }

    /// Posts one signed document and logs the delivery. An `Err` means nothing was sent (no
    /// endpoint or secret); a failed delivery is an `Ok` with outcome "failed" in the log.
    async fn post_webhook(&self, event: &str, alerts: &[Alert]) -> Result<WebhookDelivery> {
        let keychain = self.keychain();
        let url = keychain.get(URL_SECRET)?.ok_or_else(|| {
            EngineError::field(ErrorCode::MissingField, "url", "no webhook URL is set: add one in Settings → Alerts → Webhook")
        })?;
        let secret = keychain.get(SIGNING_SECRET)?.ok_or_else(|| {
            EngineError::field(
                ErrorCode::MissingField,
                "secret",
                "no webhook signing secret is set: add one in Settings → Alerts → Webhook",
            )
        })?;
        let host = checked_host(&url)?;
        // The wall clock, whatever the engine's clock says: receivers compare `t` with theirs.
        let started_at = Utc::now();
        let body = serde_json::to_string(&Payload {
            event,
            sent_at: started_at.to_rfc3339_opts(SecondsFormat::Secs, true),
            text: summary(event, alerts),
            alerts,
        })
        .expect("alerts serialize");
        let signed = signature(&secret, started_at.timestamp(), &body);
        let client = HttpClient::not_following_redirects("the webhook", TokenBucket::new(5.0, 5.0), POLICY)?;
        let mut attempts = Vec::new();
        let sending = client.send_traced(
            Method::POST,
            &url,
            |r| r.header("content-type", "application/json").header(SIGNATURE_HEADER, &signed).body(body.clone()),
            &mut attempts,
        );
        let result = tokio::time::timeout(DELIVERY_LIMIT, sending).await;
        let finished_at = Utc::now();
        let (outcome, error) = match result {
            Ok(Ok(_)) => ("delivered", None),
            Ok(Err(e)) => ("failed", Some(e.message)),
            Err(_) => ("failed", Some(format!("the webhook: not delivered within {} s", DELIVERY_LIMIT.as_secs()))),
        };
        let http_status = attempts.iter().rev().find_map(|a| a.status);
        let alert_ids: Vec<i64> = alerts.iter().map(|a| a.id).collect();
        let stamp = |t: DateTime<Utc>| t.to_rfc3339_opts(SecondsFormat::Millis, true);
        let mut tx = self.store().write().await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO webhook_deliveries (event, alert_ids, host, outcome, http_status, error, attempts, started_at, finished_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(event)
        .bind(serde_json::to_string(&alert_ids).expect("ids serialize"))
        .bind(&host)
        .bind(outcome)
        .bind(http_status)
        .bind(&error)
        .bind(serde_json::to_string(&attempts).expect("attempts serialize"))
        .bind(stamp(started_at))
        .bind(stamp(finished_at))
        .fetch_one(&mut *tx)
        .await?;
        tx.commit().await?;
        if let Some(error) = &error {
            tracing::warn!(host = %host, "webhook delivery {id} failed: {error}");
        }
        Ok(WebhookDelivery {
            id,
            event: event.to_string(),
            alert_ids,
            host,
            outcome: outcome.to_string(),
            http_status,
            error,
            attempts,
            started_at,
            finished_at,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_https_or_this_computer_is_posted_to() {
        assert_eq!(checked_host("https://hooks.example.com/T000/B000/XXXX").unwrap(), "hooks.example.com");
        assert_eq!(checked_host("http://127.0.0.1:8080/hook").unwrap(), "127.0.0.1");
        assert_eq!(checked_host("http://localhost/hook").unwrap(), "localhost");
        for (url, why) in [
            ("http://hooks.example.com/x", "must use https"),
            ("ftp://example.com/x", "uses ftp"),
            ("hooks.example.com/x", "is not a URL"),
            ("https://me:pw@example.com/x", "user name or password"),
        ] {
            let e = checked_host(url).unwrap_err();
            assert_eq!(e.field.as_deref(), Some("url"));
            assert!(e.message.contains(why), "{url}: {}", e.message);
        }
    }

    #[test]
    fn the_signature_covers_the_time_and_the_body() {
        // HMAC-SHA256("key", "The quick brown fox jumps over the lazy dog") is the published
        // example value; here the message is "<t>.<body>", so split it that way.
        let known = signature("key", 0, "The quick brown fox jumps over the lazy dog");
        assert_ne!(known, signature("key", 1, "The quick brown fox jumps over the lazy dog"));
        let mut mac = Hmac::<Sha256>::new_from_slice(b"key").unwrap();
        mac.update(b"0.The quick brown fox jumps over the lazy dog");
        assert_eq!(known, format!("t=0,v1={}", hex::encode(mac.finalize().into_bytes())));
        // The published value for the unprefixed message, as a check on the primitive itself.
        let mut mac = Hmac::<Sha256>::new_from_slice(b"key").unwrap();
        mac.update(b"The quick brown fox jumps over the lazy dog");
        assert_eq!(hex::encode(mac.finalize().into_bytes()), "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
    }
}
