//! Corporate events of a listing: quarterly dividends (ex-date and amount) and quarterly earnings
//! reports (after the close; the price moves at the next session and implied volatility carries
//! the expected move until then). Schedules are fixed per symbol, so a listing always reports in
//! the same weeks of the same months, as real companies do.

use crate::random::key;
use crate::universe::Listing;
use chrono::{Datelike, NaiveDate};
use wheelwright_pricing::calendar::session_on_or_before;

/// Dividends are raised 3% every January.
const ANNUAL_RAISE: f64 = 1.03;

/// A cash dividend: shares held at the close before `ex_date` receive `amount`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Dividend {
    pub ex_date: NaiveDate,
    pub amount: f64,
}

fn quarter_dates(first_month: u32, day: u32, from: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
    let mut dates = Vec::new();
    for year in from.year()..=to.year() {
        for quarter in 0..4 {
            let month = first_month + 3 * quarter;
            let Some(date) = NaiveDate::from_ymd_opt(year, month, day) else { continue };
            let Ok(date) = session_on_or_before(date) else { continue };
            if date >= from && date <= to {
                dates.push(date);
            }
        }
    }
    dates
}

/// Ex-dividend dates and amounts in [from, to].
pub fn dividends(listing: &Listing, from: NaiveDate, to: NaiveDate) -> Vec<Dividend> {
    if listing.div_yield <= 0.0 {
        return Vec::new();
    }
    let k = key(listing.symbol.as_str());
    let (month, day) = (1 + (k % 3) as u32, 5 + ((k / 7) % 20) as u32);
    quarter_dates(month, day, from, to)
        .into_iter()
        .map(|ex_date| {
            let raw = listing.div_yield * listing.base_price / 4.0 * ANNUAL_RAISE.powi(ex_date.year() - 2019);
            Dividend { ex_date, amount: (raw * 100.0).round().max(1.0) / 100.0 }
        })
        .collect()
}

/// Earnings report dates (after the close) in [from, to]; ETFs have none.
pub fn earnings(listing: &Listing, from: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
    if listing.is_etf() {
        return Vec::new();
    }
    let k = key(listing.symbol.as_str());
    let (month, day) = (1 + ((k >> 8) % 2) as u32, 18 + ((k >> 16) % 10) as u32);
    quarter_dates(month, day, from, to)
}

/// The standard deviation of the log move on an earnings report.
pub fn earnings_move(listing: &Listing) -> f64 {
    0.16 * listing.vol
}
