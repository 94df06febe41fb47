//! Tradier's API over the reliable HTTP layer: production or the sandbox (whose data is delayed
//! and whose limit is half), a bearer token from the keychain, `Accept: application/json` on
//! every request (Tradier answers XML otherwise). Chains are fetched one expiry at a time (the
//! endpoint requires one), at most [`MAX_EXPIRIES`] per request, and cut to the strikes nearest
//! the money as the Schwab client does. Intraday bars come from time-and-sales at 1, 5 or 15
//! minutes; other lengths are built from the finest of those that divides them.

use super::{parse_chain, parse_expirations, parse_history, parse_quotes, parse_timesales};
use crate::error::{EngineError, Result};
use crate::http::{HttpClient, RetryPolicy, TokenBucket};
use crate::market::MarketData;
use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use reqwest::Method;
use wheelwright_domain::market::{Bar, ChainFilter, Interval, OptionChain, OptionQuote, Quote};
use wheelwright_domain::{ErrorCode, Symbol};
use wheelwright_pricing::calendar;

pub const PRODUCTION_ROOT: &str = "https://api.tradier.com/v1";
pub const SANDBOX_ROOT: &str = "https://sandbox.tradier.com/v1";

/// Expiries fetched for one chain request: each is a request, and 2 a second is the budget.
pub const MAX_EXPIRIES: usize = 12;
/// Strikes per expiry and right when the caller does not bound them.
const DEFAULT_STRIKES: u32 = 20;
/// Tradier's chains carry no interest rate; they are valued at the Demo market's 4%, and the
/// chain says so in its `rate`.
pub const RATE: f64 = wheelwright_demo::RATE;

pub struct TradierClient {
    http: HttpClient,
    api_root: String,
    token: String,
}

impl TradierClient {
    /// Production allows 120 requests a minute, the sandbox 60.
    pub fn new(api_root: &str, sandbox: bool, token: String) -> Result<TradierClient> {
        let per_second = if sandbox { 1.0 } else { 2.0 };
        let http = HttpClient::new("Tradier", TokenBucket::new(per_second, 2.0 * per_second), RetryPolicy::default())?;
        Ok(TradierClient { http, api_root: api_root.trim_end_matches('/').to_string(), token })
    }

    async fn get(&self, path: &str, query: &[(&str, String)]) -> Result<String> {
        let url = format!("{}/{path}", self.api_root);
        let response =
            self.http.send(Method::GET, &url, |r| r.bearer_auth(&self.token).header("accept", "application/json").query(query)).await?;
        Ok(response.body)
    }

    async fn expiry_chain(&self, symbol: &Symbol, expiry: NaiveDate) -> Result<Vec<OptionQuote>> {
        let query = [("symbol", symbol.as_str().to_string()), ("expiration", expiry.to_string()), ("greeks", "true".to_string())];
        parse_chain(&self.get("markets/options/chains", &query).await?, symbol)
    }

    async fn intraday(&self, symbol: &Symbol, from: NaiveDate, to: NaiveDate, minutes: u32) -> Result<Vec<Bar>> {
        let step = [15, 5, 1].into_iter().find(|m| minutes.is_multiple_of(*m)).expect("1 divides every length");
        let query = [
            ("symbol", symbol.as_str().to_string()),
            ("interval", format!("{step}min")),
            ("start", format!("{from} 09:30")),
            ("end", format!("{to} 16:00")),
            ("session_filter", "open".to_string()),
        ];
        let bars = parse_timesales(&self.get("markets/timesales", &query).await?)?;
        Ok(if step == minutes { bars } else { regroup(&bars, minutes) })
    }
}

/// Bars of `minutes` built from finer ones of the same sessions: buckets counted from each
/// session's opening bell, so a bar never spans two sessions.
fn regroup(bars: &[Bar], minutes: u32) -> Vec<Bar> {
    let bucket = |time: DateTime<Utc>| {
        let day = calendar::new_york_date(time);
        let open = calendar::open(day).ok().flatten().unwrap_or(time);
        (day, (time - open).num_minutes().max(0) / minutes as i64)
    };
    let mut out: Vec<(_, Bar)> = Vec::new();
    for bar in bars {
        let key = bucket(bar.time);
        match out.last_mut() {
            Some((last, merged)) if *last == key => {
                merged.high = merged.high.max(bar.high);
                merged.low = merged.low.min(bar.low);
                merged.close = bar.close;
                merged.volume += bar.volume;
            }
            _ => out.push((key, *bar)),
        }
    }
    out.into_iter().map(|(_, bar)| bar).collect()
}

/// Keeps the `count` strikes nearest `spot` of each expiry and right; by expiry, puts first, then strike.
fn nearest_strikes(mut contracts: Vec<OptionQuote>, spot: f64, count: usize) -> Vec<OptionQuote> {
    contracts.sort_by(|a, b| {
        (a.expiry, a.right as u8).cmp(&(b.expiry, b.right as u8)).then((a.strike - spot).abs().total_cmp(&(b.strike - spot).abs()))
    });
    let mut kept: Vec<OptionQuote> = Vec::new();
    let mut run = 0;
    for contract in contracts {
        let same_group = kept.last().is_some_and(|last| last.expiry == contract.expiry && last.right == contract.right);
        run = if same_group { run + 1 } else { 1 };
        if run <= count {
            kept.push(contract);
        }
    }
    kept.sort_by(|a, b| (a.expiry, a.right as u8).cmp(&(b.expiry, b.right as u8)).then(a.strike.total_cmp(&b.strike)));
    kept
}

#[async_trait]
impl MarketData for TradierClient {
    fn name(&self) -> &'static str {
        "tradier"
    }

    async fn quotes(&self, symbols: &[Symbol]) -> Result<Vec<Quote>> {
        let list = symbols.iter().map(Symbol::as_str).collect::<Vec<_>>().join(",");
        parse_quotes(&self.get("markets/quotes", &[("symbols", list), ("greeks", "false".into())]).await?)
    }

    async fn chain(&self, symbol: &Symbol, filter: &ChainFilter) -> Result<OptionChain> {
        let underlying = self.quotes(std::slice::from_ref(symbol)).await?.into_iter().next().ok_or_else(|| {
            EngineError::field(ErrorCode::InvalidSymbol, "symbol", format!("Tradier has no quote for {symbol}: check the symbol"))
        })?;
        let spot = underlying.mark().filter(|p| *p > 0.0).ok_or_else(|| {
            EngineError::new(ErrorCode::MarketData, format!("Tradier's quote for {symbol} has no price to centre the chain on"))
        })?;
        let expiries: Vec<NaiveDate> = self
            .expirations(symbol)
            .await?
            .into_iter()
            .filter(|e| filter.from.is_none_or(|from| *e >= from) && filter.to.is_none_or(|to| *e <= to))
            .take(MAX_EXPIRIES)
            .collect();
        let mut contracts = Vec::new();
        for expiry in expiries {
            let chain = self.expiry_chain(symbol, expiry).await?;
            contracts.extend(chain.into_iter().filter(|c| filter.right.is_none_or(|r| c.right == r)));
        }
        let contracts = nearest_strikes(contracts, spot, filter.strike_count.unwrap_or(DEFAULT_STRIKES) as usize);
        Ok(OptionChain { time: underlying.time, underlying, rate: RATE, contracts })
    }

    async fn expirations(&self, symbol: &Symbol) -> Result<Vec<NaiveDate>> {
        parse_expirations(&self.get("markets/options/expirations", &[("symbol", symbol.as_str().to_string())]).await?)
    }

    async fn history(&self, symbol: &Symbol, from: NaiveDate, to: NaiveDate, interval: Interval) -> Result<Vec<Bar>> {
        match interval {
            Interval::Daily => {
                let query = [
                    ("symbol", symbol.as_str().to_string()),
                    ("interval", "daily".to_string()),
                    ("start", from.to_string()),
                    ("end", to.to_string()),
                ];
                parse_history(&self.get("markets/history", &query).await?)
            }
            Interval::Minutes(minutes) => self.intraday(symbol, from, to, minutes).await,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use wheelwright_domain::Right;

    fn option(expiry: NaiveDate, right: Right, strike: f64) -> OptionQuote {
        OptionQuote {
            occ: String::new(),
            underlying: Symbol::parse("KO").unwrap(),
            right,
            strike,
            expiry,
            multiplier: 100,
            standard: true,
            bid: None,
            ask: None,
            last: None,
            volume: 0,
            open_interest: 0,
            iv: None,
            greeks: None,
            flags: Vec::new(),
        }
    }

    #[test]
    fn the_strikes_nearest_the_money_are_kept_per_expiry_and_right() {
        let (a, b) = (NaiveDate::from_ymd_opt(2026, 12, 4).unwrap(), NaiveDate::from_ymd_opt(2026, 12, 18).unwrap());
        let mut all = Vec::new();
        for expiry in [b, a] {
            for right in [Right::Put, Right::Call] {
                for strike in [55.0, 60.0, 62.5, 65.0, 70.0] {
                    all.push(option(expiry, right, strike));
                }
            }
        }
        let kept = nearest_strikes(all, 63.0, 2);
        let got: Vec<_> = kept.iter().map(|c| (c.expiry, c.right, c.strike)).collect();
        assert_eq!(
            got,
            vec![
                (a, Right::Put, 62.5),
                (a, Right::Put, 65.0),
                (a, Right::Call, 62.5),
                (a, Right::Call, 65.0),
                (b, Right::Put, 62.5),
                (b, Right::Put, 65.0),
                (b, Right::Call, 62.5),
                (b, Right::Call, 65.0),
            ]
        );
    }

    #[test]
    fn finer_bars_regroup_within_each_session() {
        // 2026-11-20 opens 14:30 UTC; five-minute bars from 14:30 to 14:55, then the next day's first.
        let at = |d: u32, h: u32, m: u32| Utc.with_ymd_and_hms(2026, 11, d, h, m, 0).unwrap();
        let bar = |time, price: f64, volume| Bar { time, open: price, high: price + 1.0, low: price - 1.0, close: price + 0.5, volume };
        let bars: Vec<Bar> =
            (0..6).map(|i| bar(at(20, 14, 30 + 5 * i), 10.0 + i as f64, 100)).chain([bar(at(23, 14, 30), 50.0, 7)]).collect();
        let grouped = regroup(&bars, 10);
        assert_eq!(grouped.len(), 4, "three ten-minute bars on the 20th, one on the 23rd");
        assert_eq!(
            (grouped[0].time, grouped[0].open, grouped[0].high, grouped[0].low, grouped[0].close),
            (at(20, 14, 30), 10.0, 12.0, 9.0, 11.5)
        );
        assert_eq!(grouped[0].volume, 200);
        assert_eq!((grouped[3].time, grouped[3].open, grouped[3].volume), (at(23, 14, 30), 50.0, 7));
    }
}
