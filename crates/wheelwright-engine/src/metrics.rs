//! The in-process metrics store behind the health report: per provider and operation, how many
//! requests this process made, how many failed, how long they took (median, 95th percentile and
//! worst of the latest [`WINDOW`]) and the last error. Kept in memory on purpose — these figures
//! describe this run of the app and cost nothing to keep. Error texts pass through the log's
//! redaction (account numbers, tokens) before they are kept: the report is made to be pasted
//! into bug reports. [`MeteredMarket`] counts every request a
//! market-data provider answers; broker calls are timed with [`Metrics::time`].

use crate::error::Result;
use crate::market::MarketData;
use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use std::collections::{BTreeMap, VecDeque};
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use ts_rs::TS;
use wheelwright_domain::market::{Bar, ChainFilter, Interval, OptionChain, Quote};
use wheelwright_domain::Symbol;

/// How many of the latest latencies the percentiles are taken over.
pub const WINDOW: usize = 512;

/// One provider operation's figures since the process started.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct RequestStats {
    /// "demo", "schwab", "tradier".
    pub provider: String,
    /// "quotes", "chain", "expirations", "history", "accounts", "sync".
    pub operation: String,
    pub requests: u64,
    pub errors: u64,
    /// errors ÷ requests.
    pub error_rate: f64,
    pub p50_ms: f64,
    pub p95_ms: f64,
    pub max_ms: f64,
    #[ts(type = "string | null")]
    pub last_at: Option<DateTime<Utc>>,
    pub last_error: Option<String>,
    #[ts(type = "string | null")]
    pub last_error_at: Option<DateTime<Utc>>,
}

#[derive(Default)]
struct Series {
    requests: u64,
    errors: u64,
    latest: VecDeque<f64>,
    max_ms: f64,
    last_at: Option<DateTime<Utc>>,
    last_error: Option<(String, DateTime<Utc>)>,
}

#[derive(Default)]
pub struct Metrics {
    series: Mutex<BTreeMap<(&'static str, &'static str), Series>>,
}

/// The `q` quantile of sorted values, by the nearest rank (a latency that was observed).
fn nearest_rank(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = (q * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

impl Metrics {
    /// Notes one request: how long it took and, if it failed, why.
    pub fn record(&self, provider: &'static str, operation: &'static str, took: Duration, error: Option<&str>, at: DateTime<Utc>) {
        let ms = took.as_secs_f64() * 1000.0;
        let mut all = self.series.lock().expect("metrics lock");
        let series = all.entry((provider, operation)).or_default();
        series.requests += 1;
        if series.latest.len() == WINDOW {
            series.latest.pop_front();
        }
        series.latest.push_back(ms);
        series.max_ms = series.max_ms.max(ms);
        series.last_at = Some(at);
        if let Some(error) = error {
            series.errors += 1;
            series.last_error = Some((crate::redact::redact(error).into_owned(), at));
        }
    }

    /// Runs `work`, noting its duration and outcome under `provider`/`operation`.
    pub async fn time<T>(&self, provider: &'static str, operation: &'static str, work: impl Future<Output = Result<T>>) -> Result<T> {
        let started = Instant::now();
        let outcome = work.await;
        let error = outcome.as_ref().err().map(|e| format!("{}: {}", e.code, e.message));
        self.record(provider, operation, started.elapsed(), error.as_deref(), Utc::now());
        outcome
    }

    /// Every provider operation seen, by provider then operation.
    pub fn requests(&self) -> Vec<RequestStats> {
        let all = self.series.lock().expect("metrics lock");
        all.iter()
            .map(|((provider, operation), s)| {
                let mut sorted: Vec<f64> = s.latest.iter().copied().collect();
                sorted.sort_by(f64::total_cmp);
                RequestStats {
                    provider: provider.to_string(),
                    operation: operation.to_string(),
                    requests: s.requests,
                    errors: s.errors,
                    error_rate: if s.requests == 0 { 0.0 } else { s.errors as f64 / s.requests as f64 },
                    p50_ms: nearest_rank(&sorted, 0.5),
                    p95_ms: nearest_rank(&sorted, 0.95),
                    max_ms: s.max_ms,
                    last_at: s.last_at,
                    last_error: s.last_error.as_ref().map(|(e, _)| e.clone()),
                    last_error_at: s.last_error.as_ref().map(|(_, at)| *at),
                }
            })
            .collect()
    }
}

/// A market-data provider whose every answer is counted and timed. It sits under the cache, so
/// what it counts are the provider's own requests, not answers served from the cache.
pub struct MeteredMarket {
    inner: Arc<dyn MarketData>,
    metrics: Arc<Metrics>,
}

impl MeteredMarket {
    pub fn new(inner: Arc<dyn MarketData>, metrics: Arc<Metrics>) -> MeteredMarket {
        MeteredMarket { inner, metrics }
    }
}

#[async_trait]
impl MarketData for MeteredMarket {
    fn name(&self) -> &'static str {
        self.inner.name()
    }

    async fn quotes(&self, symbols: &[Symbol]) -> Result<Vec<Quote>> {
        self.metrics.time(self.inner.name(), "quotes", self.inner.quotes(symbols)).await
    }

    async fn chain(&self, symbol: &Symbol, filter: &ChainFilter) -> Result<OptionChain> {
        self.metrics.time(self.inner.name(), "chain", self.inner.chain(symbol, filter)).await
    }

    async fn expirations(&self, symbol: &Symbol) -> Result<Vec<NaiveDate>> {
        self.metrics.time(self.inner.name(), "expirations", self.inner.expirations(symbol)).await
    }

    async fn history(&self, symbol: &Symbol, from: NaiveDate, to: NaiveDate, interval: Interval) -> Result<Vec<Bar>> {
        self.metrics.time(self.inner.name(), "history", self.inner.history(symbol, from, to, interval)).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_are_observed_latencies_by_nearest_rank() {
        let sorted: Vec<f64> = (1..=20).map(f64::from).collect();
        assert_eq!(nearest_rank(&sorted, 0.5), 10.0);
        assert_eq!(nearest_rank(&sorted, 0.95), 19.0);
        assert_eq!(nearest_rank(&[7.0], 0.95), 7.0);
        assert_eq!(nearest_rank(&[], 0.5), 0.0);
    }

    #[test]
    fn counts_errors_and_keeps_only_the_latest_window_for_percentiles() {
        let metrics = Metrics::default();
        let at = DateTime::parse_from_rfc3339("2026-11-22T15:00:00Z").unwrap().with_timezone(&Utc);
        // One slow request first, then WINDOW fast ones: the slow one leaves the window but
        // stays the worst seen.
        metrics.record("tradier", "chain", Duration::from_millis(900), Some("timeout: no answer"), at);
        for _ in 0..WINDOW {
            metrics.record("tradier", "chain", Duration::from_millis(20), None, at);
        }
        metrics.record("demo", "quotes", Duration::from_millis(1), None, at);
        let stats = metrics.requests();
        assert_eq!(stats.len(), 2);
        assert_eq!((stats[0].provider.as_str(), stats[0].operation.as_str()), ("demo", "quotes"));
        let chain = &stats[1];
        assert_eq!(chain.requests, WINDOW as u64 + 1);
        assert_eq!(chain.errors, 1);
        assert!((chain.error_rate - 1.0 / (WINDOW as f64 + 1.0)).abs() < 1e-12);
        assert_eq!((chain.p50_ms, chain.p95_ms, chain.max_ms), (20.0, 20.0, 900.0));
        assert_eq!(chain.last_error.as_deref(), Some("timeout: no answer"));
    }
}
