//! A SQLite cache in front of a network provider, so that the chain page, the watchlist and a
//! scan asking for the same thing within seconds cost one request, and price history — which
//! does not change once a session is over — is fetched once for days. Entries are our own types
//! as JSON, keyed by provider (the sandbox apart from production), kind and request. The cache
//! never makes a request fail: an unreadable or unwritable entry is a miss, logged.
//!
//! How long an answer stays good ([`lifetime`]): quotes 15 s, chains 60 s, expirations 6 h,
//! daily history that ends before today 7 days (today's bar is still forming: 15 min), intraday
//! bars 2 min.

use super::MarketData;
use crate::error::Result;
use crate::ports::Clock;
use crate::store::Store;
use async_trait::async_trait;
use chrono::{DateTime, Duration, NaiveDate, SecondsFormat, Utc};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::sync::Arc;
use wheelwright_domain::market::{Bar, ChainFilter, Interval, OptionChain, Quote};
use wheelwright_domain::Symbol;
use wheelwright_pricing::calendar;

/// What is cached, and so how long it keeps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Quote,
    Chain,
    Expirations,
    /// Price history whose last day is the given one.
    History {
        to: NaiveDate,
        interval: Interval,
    },
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Quote => "quote",
            Kind::Chain => "chain",
            Kind::Expirations => "expirations",
            Kind::History { .. } => "history",
        }
    }
}

/// How long an answer of `kind` fetched at `now` stays good.
pub fn lifetime(kind: Kind, now: DateTime<Utc>) -> Duration {
    match kind {
        Kind::Quote => Duration::seconds(15),
        Kind::Chain => Duration::seconds(60),
        Kind::Expirations => Duration::hours(6),
        Kind::History { to, interval: Interval::Daily } if to < calendar::new_york_date(now) => Duration::days(7),
        Kind::History { interval: Interval::Daily, .. } => Duration::minutes(15),
        Kind::History { interval: Interval::Minutes(_), .. } => Duration::minutes(2),
    }
}

fn stamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Millis, true)
}

pub struct CachedMarket {
    inner: Arc<dyn MarketData>,
    /// "schwab", "tradier", "tradier-sandbox": answers of one never stand in for another's.
    namespace: String,
    store: Store,
    clock: Arc<dyn Clock>,
}

impl CachedMarket {
    pub fn new(inner: Arc<dyn MarketData>, namespace: &str, store: Store, clock: Arc<dyn Clock>) -> CachedMarket {
        CachedMarket { inner, namespace: namespace.to_string(), store, clock }
    }

    async fn read<T: DeserializeOwned>(&self, kind: Kind, key: &str) -> Option<T> {
        let row: std::result::Result<Option<String>, _> =
            sqlx::query_scalar("SELECT payload FROM market_cache WHERE provider = ? AND kind = ? AND key = ? AND expires_at > ?")
                .bind(&self.namespace)
                .bind(kind.name())
                .bind(key)
                .bind(stamp(self.clock.now()))
                .fetch_optional(self.store.pool())
                .await;
        match row {
            Ok(Some(payload)) => serde_json::from_str(&payload)
                .inspect_err(|e| tracing::warn!(kind = kind.name(), key, "an unreadable market cache entry is ignored: {e}"))
                .ok(),
            Ok(None) => None,
            Err(e) => {
                tracing::warn!(kind = kind.name(), key, "market cache unreadable: {e}");
                None
            }
        }
    }

    async fn write<T: Serialize>(&self, kind: Kind, key: &str, value: &T) {
        self.write_all(kind, [(key, value)]).await;
    }

    /// Stores answers of one kind in one transaction, purging what has expired first (one
    /// purge per answer, not per symbol of a 500-symbol quote request).
    async fn write_all<'a, T: Serialize + 'a>(&self, kind: Kind, entries: impl IntoIterator<Item = (&'a str, &'a T)>) {
        let now = self.clock.now();
        let expires = stamp(now + lifetime(kind, now));
        let outcome = async {
            let mut tx = self.store.write().await?;
            sqlx::query("DELETE FROM market_cache WHERE expires_at <= ?").bind(stamp(now)).execute(&mut *tx).await?;
            for (key, value) in entries {
                let Ok(payload) = serde_json::to_string(value) else { continue };
                sqlx::query(
                    "INSERT OR REPLACE INTO market_cache (provider, kind, key, payload, fetched_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)",
                )
                .bind(&self.namespace)
                .bind(kind.name())
                .bind(key)
                .bind(payload)
                .bind(stamp(now))
                .bind(&expires)
                .execute(&mut *tx)
                .await?;
            }
            Ok::<(), crate::EngineError>(tx.commit().await?)
        }
        .await;
        if let Err(e) = outcome {
            tracing::warn!(kind = kind.name(), "market cache not written: {e}");
        }
    }
}

#[async_trait]
impl MarketData for CachedMarket {
    fn name(&self) -> &'static str {
        self.inner.name()
    }

    /// Each symbol is cached on its own: a watchlist that gained one symbol asks only for it.
    async fn quotes(&self, symbols: &[Symbol]) -> Result<Vec<Quote>> {
        let mut found = Vec::with_capacity(symbols.len());
        let mut missing = Vec::new();
        for symbol in symbols {
            match self.read::<Quote>(Kind::Quote, symbol.as_str()).await {
                Some(quote) => found.push(quote),
                None => missing.push(symbol.clone()),
            }
        }
        if !missing.is_empty() {
            let fetched = self.inner.quotes(&missing).await?;
            let entries: Vec<(&str, &Quote)> = fetched.iter().map(|q| (q.symbol.as_str(), q)).collect();
            self.write_all(Kind::Quote, entries).await;
            found.extend(fetched);
        }
        // In the order asked for.
        found.sort_by_key(|q| symbols.iter().position(|s| *s == q.symbol));
        Ok(found)
    }

    async fn chain(&self, symbol: &Symbol, filter: &ChainFilter) -> Result<OptionChain> {
        let key = format!("{symbol}|{}", serde_json::to_string(filter).unwrap_or_default());
        if let Some(chain) = self.read(Kind::Chain, &key).await {
            return Ok(chain);
        }
        let chain = self.inner.chain(symbol, filter).await?;
        self.write(Kind::Chain, &key, &chain).await;
        Ok(chain)
    }

    async fn expirations(&self, symbol: &Symbol) -> Result<Vec<NaiveDate>> {
        if let Some(dates) = self.read(Kind::Expirations, symbol.as_str()).await {
            return Ok(dates);
        }
        let dates = self.inner.expirations(symbol).await?;
        self.write(Kind::Expirations, symbol.as_str(), &dates).await;
        Ok(dates)
    }

    async fn history(&self, symbol: &Symbol, from: NaiveDate, to: NaiveDate, interval: Interval) -> Result<Vec<Bar>> {
        let kind = Kind::History { to, interval };
        let key = format!("{symbol}|{from}|{to}|{}", serde_json::to_string(&interval).unwrap_or_default());
        if let Some(bars) = self.read(kind, &key).await {
            return Ok(bars);
        }
        let bars = self.inner.history(symbol, from, to, interval).await?;
        self.write(kind, &key, &bars).await;
        Ok(bars)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn past_history_keeps_for_days_and_live_answers_for_seconds() {
        // Sunday 22 Nov 2026, 10:00 in New York.
        let now = Utc.with_ymd_and_hms(2026, 11, 22, 15, 0, 0).unwrap();
        let friday = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        assert_eq!(lifetime(Kind::History { to: friday, interval: Interval::Daily }, now), Duration::days(7));
        assert_eq!(lifetime(Kind::History { to: today, interval: Interval::Daily }, now), Duration::minutes(15));
        assert_eq!(lifetime(Kind::History { to: friday, interval: Interval::Minutes(5) }, now), Duration::minutes(2));
        assert_eq!(lifetime(Kind::Quote, now), Duration::seconds(15));
        assert_eq!(lifetime(Kind::Chain, now), Duration::seconds(60));
        // At 01:00 UTC on the 23rd it is still the 22nd in New York: a history to the 22nd is live.
        let late = Utc.with_ymd_and_hms(2026, 11, 23, 1, 0, 0).unwrap();
        assert_eq!(lifetime(Kind::History { to: today, interval: Interval::Daily }, late), Duration::minutes(15));
    }
}
