//! HTTP for every broker and data provider, with the reliability they all need: a token-bucket
//! rate limit, a timeout per request, bounded retries with exponential backoff and jitter on
//! 429 and 5xx and dropped connections, `Retry-After` honoured (seconds or an HTTP date), and
//! failures mapped to stable codes the app can act on (log in again, wait, check the network).
//! Response bodies are returned as text; each provider parses its own format.

mod limit;

pub use limit::TokenBucket;

use crate::error::{EngineError, Result};
use chrono::{DateTime, Utc};
use rand::Rng;
use reqwest::header::{HeaderMap, RETRY_AFTER};
use reqwest::{Method, RequestBuilder, StatusCode};
use serde::{Deserialize, Serialize};
use std::time::Duration;
use ts_rs::TS;
use wheelwright_domain::ErrorCode;

/// How hard to try.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RetryPolicy {
    /// Attempts in all, the first included.
    pub attempts: u32,
    /// The first backoff; doubled each retry, with jitter, up to `cap`.
    pub base: Duration,
    pub cap: Duration,
    /// Per request.
    pub timeout: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy { attempts: 4, base: Duration::from_millis(250), cap: Duration::from_secs(8), timeout: Duration::from_secs(15) }
    }
}

/// One provider's HTTP client.
pub struct HttpClient {
    provider: &'static str,
    client: reqwest::Client,
    limiter: TokenBucket,
    policy: RetryPolicy,
}

/// One try of a request: the status it got, or why it got none.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct Attempt {
    #[ts(type = "string")]
    pub at: DateTime<Utc>,
    #[ts(optional)]
    pub status: Option<u16>,
    #[ts(optional)]
    pub error: Option<String>,
}

/// A response that came back with a success status.
#[derive(Clone, Debug, PartialEq)]
pub struct Response {
    pub status: u16,
    pub body: String,
}

impl HttpClient {
    pub fn new(provider: &'static str, limiter: TokenBucket, policy: RetryPolicy) -> Result<HttpClient> {
        Self::build(provider, limiter, policy, reqwest::redirect::Policy::default())
    }

    /// A client that takes a redirect as the answer: for posting signed data (a webhook), where
    /// following one could re-send it in clear text or to another host, or turn the POST into a
    /// GET whose 200 would look like a delivery.
    pub fn not_following_redirects(provider: &'static str, limiter: TokenBucket, policy: RetryPolicy) -> Result<HttpClient> {
        Self::build(provider, limiter, policy, reqwest::redirect::Policy::none())
    }

    fn build(
        provider: &'static str,
        limiter: TokenBucket,
        policy: RetryPolicy,
        redirects: reqwest::redirect::Policy,
    ) -> Result<HttpClient> {
        let client = reqwest::Client::builder()
            .redirect(redirects)
            .timeout(policy.timeout)
            .user_agent(concat!("Wheelwright/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| EngineError::new(ErrorCode::Internal, format!("cannot set up HTTP: {e}")))?;
        Ok(HttpClient { provider, client, limiter, policy })
    }

    /// Sends the request `build` makes (again on each retry) and returns the body of the first
    /// successful answer, or the error that ended the attempts.
    pub async fn send(&self, method: Method, url: &str, build: impl Fn(RequestBuilder) -> RequestBuilder) -> Result<Response> {
        self.send_traced(method, url, build, &mut Vec::new()).await
    }

    /// [`send`](Self::send), noting every attempt in `trace` (for a delivery log). Error texts
    /// never hold the URL: a webhook's URL may carry its token.
    pub async fn send_traced(
        &self,
        method: Method,
        url: &str,
        build: impl Fn(RequestBuilder) -> RequestBuilder,
        trace: &mut Vec<Attempt>,
    ) -> Result<Response> {
        let mut attempt = 0;
        loop {
            attempt += 1;
            self.limiter.acquire().await;
            let at = Utc::now();
            let outcome = build(self.client.request(method.clone(), url)).send().await;
            let (error, wait) = match outcome {
                Ok(response) if response.status().is_success() => {
                    let status = response.status().as_u16();
                    trace.push(Attempt { at, status: Some(status), error: None });
                    let body = response
                        .text()
                        .await
                        .map_err(|e| self.failure(ErrorCode::UpstreamUnavailable, &format!("the answer broke off: {}", cause(e))))?;
                    return Ok(Response { status, body });
                }
                Ok(response) => {
                    let status = response.status();
                    let after = retry_after(response.headers(), Utc::now());
                    let body = response.text().await.unwrap_or_default();
                    let (error, again) = self.classify(status, &body);
                    trace.push(Attempt { at, status: Some(status.as_u16()), error: Some(error.message.clone()) });
                    if !again {
                        return Err(error);
                    }
                    (error, after)
                }
                Err(e) => {
                    let again = e.is_timeout() || e.is_connect() || e.is_request();
                    let error = if e.is_timeout() {
                        self.failure(ErrorCode::Timeout, &format!("no answer within {:?}", self.policy.timeout))
                    } else {
                        self.failure(ErrorCode::UpstreamUnavailable, &format!("cannot reach it: {}", cause(e)))
                    };
                    trace.push(Attempt { at, status: None, error: Some(error.message.clone()) });
                    if !again {
                        return Err(error);
                    }
                    (error, None)
                }
            };
            if attempt >= self.policy.attempts {
                return Err(error);
            }
            tokio::time::sleep(wait.unwrap_or_else(|| self.backoff(attempt))).await;
        }
    }

    fn failure(&self, code: ErrorCode, detail: &str) -> EngineError {
        EngineError::new(code, format!("{}: {detail}", self.provider))
    }

    /// The error for a non-success status, and whether trying again could help.
    fn classify(&self, status: StatusCode, body: &str) -> (EngineError, bool) {
        let said: String = body.chars().take(200).collect();
        match status.as_u16() {
            401 | 403 => (self.failure(ErrorCode::AuthRequired, &format!("the login is not accepted ({status}): log in again")), false),
            429 => (self.failure(ErrorCode::RateLimited, "too many requests, and still refused after waiting"), true),
            500..=599 => (self.failure(ErrorCode::UpstreamUnavailable, &format!("{status} {said}")), true),
            _ => (self.failure(ErrorCode::UpstreamRejected, &format!("{status} {said}")), false),
        }
    }

    /// base·2^(attempt−1), capped, with full jitter so clients that failed together do not
    /// come back together.
    fn backoff(&self, attempt: u32) -> Duration {
        let ceiling = self.policy.base.saturating_mul(1 << (attempt - 1).min(16)).min(self.policy.cap);
        ceiling.mul_f64(rand::rng().random_range(0.5..=1.0))
    }
}

/// What went wrong, with its causes ("error sending request: tcp connect error: Connection
/// refused"), never the URL: a webhook's URL may carry its token.
fn cause(e: reqwest::Error) -> String {
    let e = e.without_url();
    let mut text = e.to_string();
    let mut source = std::error::Error::source(&e);
    while let Some(inner) = source {
        text.push_str(&format!(": {inner}"));
        source = inner.source();
    }
    text
}

/// `Retry-After` as seconds or as an HTTP date, capped at a minute (a provider asking for more
/// is better reported than waited for).
pub fn retry_after(headers: &HeaderMap, now: DateTime<Utc>) -> Option<Duration> {
    let text = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    let seconds = match text.parse::<u64>() {
        Ok(seconds) => seconds as f64,
        Err(_) => (DateTime::parse_from_rfc2822(text).ok()?.with_timezone(&Utc) - now).num_milliseconds().max(0) as f64 / 1000.0,
    };
    Some(Duration::from_secs_f64(seconds.min(60.0)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    #[test]
    fn retry_after_reads_seconds_and_http_dates() {
        let now = DateTime::parse_from_rfc3339("2026-11-22T08:49:30Z").unwrap().with_timezone(&Utc);
        let mut headers = HeaderMap::new();
        headers.insert(RETRY_AFTER, HeaderValue::from_static("3"));
        assert_eq!(retry_after(&headers, now), Some(Duration::from_secs(3)));
        headers.insert(RETRY_AFTER, HeaderValue::from_static("Sun, 22 Nov 2026 08:49:37 GMT"));
        assert_eq!(retry_after(&headers, now), Some(Duration::from_secs(7)));
        headers.insert(RETRY_AFTER, HeaderValue::from_static("86400"));
        assert_eq!(retry_after(&headers, now), Some(Duration::from_secs(60)), "capped");
        headers.insert(RETRY_AFTER, HeaderValue::from_static("soon"));
        assert_eq!(retry_after(&headers, now), None);
    }
}
