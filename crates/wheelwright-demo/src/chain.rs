//! Option chains: which expirations a listing has (weeklies for the liquid ones, monthlies,
//! January LEAPS; a Friday holiday moves an expiry to Thursday), which strikes (increments by
//! price level, around the money), and each contract's quote: an American value from our ALO
//! engine on the Demo surface with the escrowed dividends, a bid/ask on the exchange's tick that
//! widens away from the money and where open interest is thin, open interest and volume.

use crate::random::{key, stream};
use crate::surface::Surface;
use crate::universe::Listing;
use chrono::{Datelike, Duration, NaiveDate};
use wheelwright_domain::market::{occ_symbol, DataFlag, Greeks, OptionQuote};
use wheelwright_domain::Right;
use wheelwright_pricing::american::{self, Scheme};
use wheelwright_pricing::calendar::{friday_on_or_after, monthly_expiration, session_on_or_before};
use wheelwright_pricing::european::{self, Dividend, Inputs};

const WEEKLIES: usize = 6;
const MONTHLIES: usize = 9;
const MAX_STRIKES: usize = 80;
/// The highest implied volatility the Demo market quotes.
const MAX_VOL: f64 = 5.0;

/// Expirations listed on `today` (today's included: it trades until the close).
pub fn expirations(listing: &Listing, today: NaiveDate) -> Vec<NaiveDate> {
    let mut dates = Vec::new();
    if listing.has_weeklies() {
        let mut friday = friday_on_or_after(today);
        while dates.len() < WEEKLIES {
            if let Ok(expiry) = session_on_or_before(friday) {
                if expiry >= today {
                    dates.push(expiry);
                }
            }
            friday += Duration::days(7);
        }
    }
    let (mut year, mut month) = (today.year(), today.month());
    let mut monthlies = 0;
    while monthlies < MONTHLIES {
        if let Ok(expiry) = monthly_expiration(year, month) {
            if expiry >= today {
                dates.push(expiry);
                monthlies += 1;
            }
        }
        (year, month) = if month == 12 { (year + 1, 1) } else { (year, month + 1) };
    }
    for leaps in [today.year() + 1, today.year() + 2] {
        if let Ok(expiry) = monthly_expiration(leaps, 1) {
            dates.push(expiry);
        }
    }
    dates.sort();
    dates.dedup();
    dates
}

/// The strike increment at a price level (ETFs list dollar strikes up to $1,000).
pub fn increment(listing: &Listing, spot: f64) -> f64 {
    match spot {
        s if s < 25.0 => 0.5,
        s if s < 100.0 => 1.0,
        s if s < 1000.0 && listing.is_etf() => 1.0,
        s if s < 200.0 => 2.5,
        s if s < 500.0 => 5.0,
        _ => 10.0,
    }
}

/// Listed strikes for an expiry `t` years out: three standard deviations (at least a month's)
/// plus 15% either side of the money, at most 80, nearest the money kept when trimmed.
pub fn strikes(listing: &Listing, spot: f64, t: f64) -> Vec<f64> {
    let step = increment(listing, spot);
    let reach = 3.0 * listing.vol * t.max(30.0 / 365.0).sqrt() + 0.15;
    let (low, high) = ((spot * (-reach).exp() / step).ceil() as i64, (spot * reach.exp() / step).floor() as i64);
    let mut all: Vec<f64> = (low.max(1)..=high).map(|i| i as f64 * step).collect();
    if all.len() > MAX_STRIKES {
        all.sort_by(|a, b| (a - spot).abs().total_cmp(&(b - spot).abs()));
        all.truncate(MAX_STRIKES);
        all.sort_by(f64::total_cmp);
    }
    all
}

/// Everything a contract's quote depends on at one instant.
pub struct Setting<'a> {
    pub seed: u64,
    pub listing: &'a Listing,
    pub today: NaiveDate,
    pub spot: f64,
    pub rate: f64,
    pub surface: Surface,
    /// Fraction of today's session that has traded (drives volume).
    pub session_done: f64,
}

/// A quote and its model value (the Demo market's "theoretical" price).
pub struct Priced {
    pub quote: OptionQuote,
    pub value: f64,
}

impl Setting<'_> {
    /// Prices one contract expiring `t` years out, with the dividends before then.
    pub fn contract(&self, right: Right, strike: f64, expiry: NaiveDate, t: f64, dividends: &[Dividend]) -> Priced {
        let escrow: f64 = dividends.iter().map(|d| d.amount * (-self.rate * d.t).exp()).sum();
        let forward = (self.spot - escrow) * (self.rate * t).exp();
        let k = (strike / forward).ln();
        // In the last day the smile's wings would grow without bound (the total variance is
        // spread over almost no time): read it at a day at least, and cap the far wings.
        let smile_t = t.max(1.0 / 365.0);
        let vol = self.surface.vol(k, smile_t).min(MAX_VOL);
        let inputs = Inputs { right, spot: self.spot, strike, rate: self.rate, div_yield: 0.0, vol, t, dividends: dividends.to_vec() };
        let value = american::price(&inputs, Scheme::FAST).expect("demo inputs are valid");
        let greeks = european::value(&inputs).ok().map(|v| Greeks {
            delta: v.delta,
            gamma: v.gamma,
            theta_per_day: v.theta_per_day,
            vega_per_point: v.vega_per_point,
        });
        let z = self.surface.standardised(k, smile_t);
        let monthly = monthly_expiration(expiry.year(), expiry.month()).is_ok_and(|m| m == expiry);
        let side = match right {
            Right::Call => 1,
            Right::Put => 2,
        };
        let mut draws = stream(
            self.seed,
            &[
                key(self.listing.symbol.as_str()),
                expiry.num_days_from_ce() as u64,
                (strike * 100.0).round() as u64,
                side,
                self.today.num_days_from_ce() as u64,
            ],
        );
        let liquidity = self.listing.liquidity();
        let interest = 2000.0 * liquidity * liquidity * (-0.3 * z * z).exp() * if monthly { 2.0 } else { 0.6 } * (-0.8 * t).exp();
        let open_interest = (interest * (0.5 * draws.normal()).exp()).round() as u64;
        let volume = (open_interest as f64 * self.session_done * (0.02 + 0.3 * draws.uniform())).round() as u64;
        let tick = if value < 3.0 || self.listing.is_etf() { 0.01 } else { 0.05 };
        let width = (0.015 + 0.025 * z.abs()) / liquidity * (1.0 + 50.0 / (open_interest as f64 + 50.0));
        let half = (value * width).max(tick);
        let bid = ((value - half) / tick).floor() * tick;
        let ask = (((value + half) / tick).ceil() * tick).max(tick);
        let mut flags = vec![DataFlag::Simulated];
        let bid = if bid < tick {
            flags.push(DataFlag::ZeroBid);
            0.0
        } else {
            bid
        };
        let quote = OptionQuote {
            occ: occ_symbol(&self.listing.symbol, expiry, right, strike),
            underlying: self.listing.symbol.clone(),
            right,
            strike,
            expiry,
            multiplier: 100,
            standard: true,
            bid: Some(round_cents(bid)),
            ask: Some(round_cents(ask)),
            last: Some(round_cents(value)),
            volume,
            open_interest,
            iv: Some(vol),
            greeks,
            flags,
        };
        Priced { quote, value }
    }
}

/// A price on the cent.
pub(crate) fn round_cents(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}
