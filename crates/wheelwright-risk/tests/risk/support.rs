//! Small books written out by hand.

use chrono::{DateTime, TimeZone, Utc};
use wheelwright_domain::Right;
use wheelwright_risk::{Book, Holding, Instrument, Underlying};

/// Friday 2026-11-20, 11:00 in New York.
pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 20, 16, 0, 0).unwrap()
}

pub fn underlying(symbol: &str, spot: f64, daily_vol: f64, sector: Option<&str>) -> Underlying {
    Underlying { symbol: symbol.into(), spot, daily_vol, sector: sector.map(str::to_string), rate: 0.04, div_yield: 0.0 }
}

pub fn shares(underlying: usize, quantity: f64) -> Holding {
    Holding { underlying, instrument: Instrument::Shares, quantity, premium: 0.0, label: format!("shares {underlying}") }
}

/// `contracts` (negative when short) of a 100-share option, `days` to expiry, at `iv`.
pub fn option(underlying: usize, right: Right, strike: f64, days: f64, iv: f64, contracts: f64, premium: f64) -> Holding {
    Holding {
        underlying,
        instrument: Instrument::Option { right, strike, t: days / 365.0, iv, multiplier: 100.0 },
        quantity: contracts,
        premium,
        label: format!("{strike} {}", right.word()),
    }
}

/// A book with uncorrelated underlyings.
pub fn book(underlyings: Vec<Underlying>, holdings: Vec<Holding>, cash: f64) -> Book {
    let n = underlyings.len();
    let correlation = (0..n * n).map(|k| if k / n == k % n { 1.0 } else { 0.0 }).collect();
    let book = Book { underlyings, holdings, cash, correlation };
    book.validate().unwrap();
    book
}

pub fn close(a: f64, b: f64, tolerance: f64) -> bool {
    (a - b).abs() <= tolerance * b.abs().max(1e-12)
}
