//! The Demo market as a provider would answer: quotes, daily and intraday bars, expirations and
//! chains for any instant from the first session on. Nothing after the instant asked about is
//! revealed. Paths are simulated on first use and kept, so repeated questions are cheap.

use crate::chain::{self, round_cents, Setting};
use crate::events::{dividends, earnings, earnings_move, Dividend};
use crate::intraday::{minute_prices, minutes_between};
use crate::path::{Market, Path, EPOCH};
use crate::random::{key, stream};
use crate::surface::Surface;
use crate::universe::{find, Listing};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use std::collections::HashMap;
use std::sync::Mutex;
use wheelwright_domain::market::{Bar, ChainFilter, DataFlag, DividendInfo, OptionChain, Quote};
use wheelwright_domain::{Right, Symbol};
use wheelwright_pricing::calendar::{self, is_session, new_york_date, session_on_or_before, Underlying, MINUTES_PER_YEAR};
use wheelwright_pricing::european::Dividend as CashDividend;

/// The Demo market's risk-free rate (continuous).
pub const RATE: f64 = 0.04;

#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum DemoError {
    #[error("the Demo market does not list '{0}': pick one of its listings (`wheelwright listings` shows them)")]
    UnknownSymbol(String),
    #[error("the Demo market starts on {EPOCH}; {0} is before it")]
    BeforeEpoch(NaiveDate),
    #[error("{0} is outside the years the market calendar covers")]
    OutOfRange(NaiveDate),
}

/// Where an instant falls relative to the sessions.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Moment {
    /// No session is running; `last` is the most recent completed one.
    Between { last: usize },
    /// Session `n` is running, `minute` minutes after its open, of `minutes`.
    During { n: usize, minute: usize, minutes: usize },
}

impl Moment {
    /// The latest session that has at least started.
    fn session(self) -> usize {
        match self {
            Moment::Between { last } => last,
            Moment::During { n, .. } => n,
        }
    }
}

#[derive(Default)]
struct State {
    market: Market,
    paths: HashMap<Symbol, Path>,
}

/// A chain and each contract's model value (the mid a market maker would centre on).
#[derive(Clone, Debug, PartialEq)]
pub struct DemoChain {
    pub chain: OptionChain,
    pub values: Vec<f64>,
}

pub struct DemoMarket {
    seed: u64,
    state: Mutex<State>,
}

fn listing(symbol: &Symbol) -> Result<&'static Listing, DemoError> {
    find(symbol).ok_or_else(|| DemoError::UnknownSymbol(symbol.as_str().to_string()))
}

fn session_bounds(date: NaiveDate) -> Result<(DateTime<Utc>, DateTime<Utc>), DemoError> {
    let open = calendar::open(date).map_err(|_| DemoError::OutOfRange(date))?.expect("a session");
    let close = calendar::close(date, Underlying::Equity).map_err(|_| DemoError::OutOfRange(date))?.expect("a session");
    Ok((open, close))
}

/// Dividends still to come off the price at `at`, through `until`: today's counts until the
/// opening bell.
fn pending_dividends(listing: &Listing, until: NaiveDate, at: DateTime<Utc>) -> Vec<Dividend> {
    dividends(listing, new_york_date(at), until)
        .into_iter()
        .filter(|d| calendar::open(d.ex_date).ok().flatten().is_some_and(|open| open > at))
        .collect()
}

/// Years between two instants on the ACT/365 minute clock.
fn years(from: DateTime<Utc>, to: DateTime<Utc>) -> f64 {
    ((to - from).num_seconds() as f64 / 60.0 / MINUTES_PER_YEAR).max(0.0)
}

impl DemoMarket {
    pub fn new(seed: u64) -> DemoMarket {
        DemoMarket { seed, state: Mutex::new(State::default()) }
    }

    /// Runs `f` on the market factor and the listing's path, simulated through `until`.
    fn with_path<T>(&self, listing: &Listing, until: NaiveDate, f: impl FnOnce(&Market, &Path) -> T) -> T {
        let mut state = self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let State { market, paths } = &mut *state;
        market.extend(self.seed, until);
        let path = paths.entry(listing.symbol.clone()).or_default();
        path.extend(self.seed, listing, market);
        f(market, path)
    }

    fn moment(&self, market: &Market, at: DateTime<Utc>) -> Result<Moment, DemoError> {
        let date = new_york_date(at);
        if date < EPOCH {
            return Err(DemoError::BeforeEpoch(date));
        }
        let index = |d: NaiveDate| market.index_of(d).expect("the market is simulated through the date");
        if is_session(date).map_err(|_| DemoError::OutOfRange(date))? {
            let (open, close) = session_bounds(date)?;
            let n = index(date);
            if at >= close {
                return Ok(Moment::Between { last: n });
            }
            if at >= open {
                return Ok(Moment::During { n, minute: minutes_between(open, at), minutes: minutes_between(open, close) });
            }
            return if n == 0 { Err(DemoError::BeforeEpoch(date)) } else { Ok(Moment::Between { last: n - 1 }) };
        }
        let last = session_on_or_before(date).map_err(|_| DemoError::OutOfRange(date))?;
        if last < EPOCH {
            return Err(DemoError::BeforeEpoch(date));
        }
        Ok(Moment::Between { last: index(last) })
    }

    fn minutes(&self, listing: &Listing, market: &Market, path: &Path, n: usize) -> Vec<f64> {
        let (open, close) = session_bounds(market.sessions[n]).expect("a simulated session is in range");
        minute_prices(self.seed, listing, n, path.open[n], path.close[n], minutes_between(open, close), market.stressed[n])
    }

    /// Shares traded in session n (all of it). Busier after a gap at the open — known from the
    /// first minute, so the volume seen during the session reveals nothing about its close.
    fn session_volume(&self, listing: &Listing, path: &Path, n: usize) -> u64 {
        let previous = if n == 0 { path.open[0] } else { path.close[n - 1] };
        let surprise = ((path.open[n] / previous).ln().abs() / (listing.vol / 252f64.sqrt())).min(6.0);
        let mut draws = stream(self.seed, &[key(listing.symbol.as_str()), n as u64, key("volume")]);
        let shares = listing.liquidity() * 2e7 * (50.0 / path.close[n]).sqrt() * (1.0 + 0.5 * surprise) * (0.3 * draws.normal()).exp();
        shares.round() as u64
    }

    /// The listing's quote at an instant.
    pub fn quote(&self, symbol: &Symbol, at: DateTime<Utc>) -> Result<Quote, DemoError> {
        let listing = listing(symbol)?;
        let today = new_york_date(at);
        self.with_path(listing, today, |market, path| {
            let moment = self.moment(market, at)?;
            let (last, volume) = match moment {
                Moment::Between { last } => (path.close[last], self.session_volume(listing, path, last)),
                Moment::During { n, minute, minutes } => {
                    let prices = self.minutes(listing, market, path, n);
                    let done = minute as f64 / minutes as f64;
                    (prices[minute.min(minutes)], (self.session_volume(listing, path, n) as f64 * done).round() as u64)
                }
            };
            let n = moment.session();
            let previous_close = (n > 0).then(|| path.close[n - 1]);
            let half = ((last * 0.0003 / listing.liquidity()).max(0.01) * 100.0).round() / 100.0;
            let next_dividend = pending_dividends(listing, today + Duration::days(120), at).into_iter().next();
            let dividend = next_dividend.map(|d| DividendInfo {
                amount: d.amount,
                per_year: 4,
                next_ex_date: Some(d.ex_date),
                annual_yield: Some(4.0 * d.amount / last),
            });
            Ok(Quote {
                symbol: listing.symbol.clone(),
                time: at,
                last: Some(round_cents(last)),
                bid: Some(round_cents(last - half)),
                ask: Some(round_cents(last + half)),
                previous_close: previous_close.map(round_cents),
                volume: Some(volume),
                name: Some(listing.name.clone()),
                sector: Some(listing.sector.clone()),
                dividend,
                next_earnings: earnings(listing, today, today + Duration::days(120)).first().copied(),
                flags: vec![DataFlag::Simulated],
            })
        })
    }

    /// Daily bars of the sessions in [from, to] that have closed by `at` (a range reaching back
    /// before the first session starts at it; one wholly before it is an error).
    pub fn history(&self, symbol: &Symbol, from: NaiveDate, to: NaiveDate, at: DateTime<Utc>) -> Result<Vec<Bar>, DemoError> {
        let listing = listing(symbol)?;
        if to < EPOCH {
            return Err(DemoError::BeforeEpoch(to));
        }
        self.with_path(listing, new_york_date(at), |market, path| {
            let completed = match self.moment(market, at)? {
                Moment::Between { last } => last,
                Moment::During { n, .. } if n > 0 => n - 1,
                Moment::During { .. } => return Ok(Vec::new()),
            };
            let mut bars = Vec::new();
            for n in 0..=completed {
                let date = market.sessions[n];
                if date < from || date > to {
                    continue;
                }
                let prices = self.minutes(listing, market, path, n);
                let (_, close_time) = session_bounds(date)?;
                bars.push(Bar {
                    time: close_time,
                    open: round_cents(path.open[n]),
                    high: round_cents(prices.iter().copied().fold(f64::MIN, f64::max)),
                    low: round_cents(prices.iter().copied().fold(f64::MAX, f64::min)),
                    close: round_cents(path.close[n]),
                    volume: self.session_volume(listing, path, n),
                });
            }
            Ok(bars)
        })
    }

    /// Intraday bars of `minutes_per_bar` minutes for the session on `date`, up to `at`.
    pub fn intraday(&self, symbol: &Symbol, date: NaiveDate, minutes_per_bar: u32, at: DateTime<Utc>) -> Result<Vec<Bar>, DemoError> {
        let listing = listing(symbol)?;
        let step = minutes_per_bar.max(1) as usize;
        self.with_path(listing, new_york_date(at).max(date), |market, path| {
            let Some(n) = market.index_of(date) else { return Ok(Vec::new()) };
            let (open, _) = session_bounds(date)?;
            let available = match self.moment(market, at)? {
                Moment::Between { last } if last >= n => usize::MAX,
                Moment::During { n: running, .. } if running > n => usize::MAX,
                Moment::During { n: running, minute, .. } if running == n => minute,
                _ => return Ok(Vec::new()),
            };
            let prices = self.minutes(listing, market, path, n);
            let minutes = prices.len() - 1;
            // Volume through the day is U-shaped: heavy at the open and into the close.
            let weight = |m: usize| 1.0 + 2.0 * (-(m as f64) / 20.0).exp() + 2.0 * (-((minutes - m) as f64) / 20.0).exp();
            let total: f64 = (0..minutes).map(weight).sum();
            let per_weight = self.session_volume(listing, path, n) as f64 / total;
            let mut bars = Vec::new();
            let mut start = 0;
            while start < minutes.min(available) {
                let end = (start + step).min(minutes).min(available.max(start + 1));
                let slice = &prices[start..=end];
                bars.push(Bar {
                    time: open + Duration::minutes(end as i64),
                    open: round_cents(slice[0]),
                    high: round_cents(slice.iter().copied().fold(f64::MIN, f64::max)),
                    low: round_cents(slice.iter().copied().fold(f64::MAX, f64::min)),
                    close: round_cents(slice[slice.len() - 1]),
                    volume: (per_weight * (start..end).map(weight).sum::<f64>()).round() as u64,
                });
                start = end;
            }
            Ok(bars)
        })
    }

    /// Expirations still trading at `at`.
    pub fn expirations(&self, symbol: &Symbol, at: DateTime<Utc>) -> Result<Vec<NaiveDate>, DemoError> {
        let listing = listing(symbol)?;
        let today = new_york_date(at);
        if today < EPOCH {
            return Err(DemoError::BeforeEpoch(today));
        }
        Ok(chain::expirations(listing, today)
            .into_iter()
            .filter(|&e| calendar::years_to_expiry(at, e, Underlying::Equity).is_ok_and(|t| t > 0.0))
            .collect())
    }

    /// The implied-volatility surface of a listing at the last completed session before `at`.
    fn surface(&self, listing: &Listing, market: &Market, path: &Path, moment: Moment, at: DateTime<Utc>) -> Surface {
        let last = match moment {
            Moment::Between { last } => last,
            Moment::During { n, .. } => n.saturating_sub(1),
        };
        // Realised volatility, exponentially weighted over the last 60 sessions.
        let (mut variance, mut weight) = (0.0, 0.0);
        let mut w = 1.0;
        for n in (last.saturating_sub(60) + 1..=last).rev() {
            let r = (path.close[n] / path.close[n - 1]).ln();
            variance += w * r * r;
            weight += w;
            w *= 0.94;
        }
        let realised = if weight > 0.0 { (252.0 * variance / weight).sqrt() } else { listing.vol };
        let stress = if market.stressed[last] { 1.4 } else { 1.0 };
        let today = new_york_date(at);
        let report = earnings(listing, today, today + Duration::days(400)).into_iter().find_map(|date| {
            let (_, close) = session_bounds(date).ok()?;
            (close > at).then(|| (years(at, close), earnings_move(listing).powi(2)))
        });
        Surface { short: 0.5 * realised.min(3.0 * listing.vol) + 0.5 * listing.vol * stress, long: 1.05 * listing.vol, earnings: report }
    }

    /// The option chain at `at`, bounded by `filter`.
    pub fn chain(&self, symbol: &Symbol, at: DateTime<Utc>, filter: &ChainFilter) -> Result<DemoChain, DemoError> {
        let underlying = self.quote(symbol, at)?;
        let listing = listing(symbol)?;
        let spot = underlying.last.expect("the Demo market always has a last price");
        let today = new_york_date(at);
        let expiries: Vec<NaiveDate> = self
            .expirations(symbol, at)?
            .into_iter()
            .filter(|e| filter.from.is_none_or(|from| *e >= from) && filter.to.is_none_or(|to| *e <= to))
            .collect();
        let (surface, session_done) = self.with_path(listing, today, |market, path| {
            let moment = self.moment(market, at)?;
            let done = match moment {
                Moment::Between { .. } => 1.0,
                Moment::During { minute, minutes, .. } => minute as f64 / minutes as f64,
            };
            Ok::<_, DemoError>((self.surface(listing, market, path, moment, at), done))
        })?;
        let setting = Setting { seed: self.seed, listing, today, spot, rate: RATE, surface, session_done };
        let horizon = expiries.last().copied().unwrap_or(today);
        let schedule = pending_dividends(listing, horizon, at);
        let rights: Vec<Right> = match filter.right {
            Some(right) => vec![right],
            None => vec![Right::Call, Right::Put],
        };
        let (mut contracts, mut values) = (Vec::new(), Vec::new());
        for expiry in expiries {
            let t = calendar::years_to_expiry(at, expiry, Underlying::Equity).map_err(|_| DemoError::OutOfRange(expiry))?;
            let before: Vec<CashDividend> = schedule
                .iter()
                .filter(|d| d.ex_date <= expiry)
                .filter_map(|d| Some(CashDividend { t: years(at, calendar::open(d.ex_date).ok()??), amount: d.amount }))
                .collect();
            let mut strikes = chain::strikes(listing, spot, t);
            if let Some(count) = filter.strike_count {
                strikes.sort_by(|a, b| (a - spot).abs().total_cmp(&(b - spot).abs()));
                strikes.truncate(count as usize);
                strikes.sort_by(f64::total_cmp);
            }
            for &right in &rights {
                for &strike in &strikes {
                    let priced = setting.contract(right, strike, expiry, t, &before);
                    contracts.push(priced.quote);
                    values.push(priced.value);
                }
            }
        }
        Ok(DemoChain { chain: OptionChain { underlying, time: at, rate: RATE, contracts }, values })
    }

    /// The official close of a session (for settling expirations).
    pub fn close(&self, symbol: &Symbol, date: NaiveDate) -> Result<f64, DemoError> {
        let listing = listing(symbol)?;
        if date < EPOCH {
            return Err(DemoError::BeforeEpoch(date));
        }
        self.with_path(listing, date, |market, path| {
            let session = session_on_or_before(date).map_err(|_| DemoError::OutOfRange(date))?;
            let n = market.index_of(session).expect("simulated through the date");
            Ok(round_cents(path.close[n]))
        })
    }
}
