//! A quoted stock's dividend as pricing inputs: one rule for the chain analytics and the strategy
//! figures. With a next ex-date known, the projected cash dividends are escrowed, each from its
//! ex-date's 09:30 New York open (the stock opens lower by it that morning); a yield spread over
//! the year misprices a short expiry that spans an ex-date (puts read rich, calls cheap). Only
//! without an ex-date is the stated annual yield spread continuously.

use crate::calendar::new_york_instant;
use crate::european::Dividend;
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use wheelwright_domain::market::DividendInfo;

/// ACT/365 in seconds: a dividend's time from the quote, as expiries are counted.
const SECONDS_PER_YEAR: f64 = 365.0 * 86_400.0;

/// How a stock pays its holders, as a valuation needs it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Payout {
    /// The stated annual yield (continuous) when no ex-date is known; otherwise zero, the
    /// dividends being in `schedule`.
    pub div_yield: f64,
    /// Cash dividends as (ex-date, amount), from the next ex-date through the horizon.
    pub schedule: Vec<(NaiveDate, f64)>,
}

impl Payout {
    /// The quote's stated dividend projected through `until` (none stated: no dividend). A
    /// stated ex-date without a usable amount falls back to the stated yield.
    pub fn of(stated: Option<&DividendInfo>, until: NaiveDate) -> Payout {
        let Some(d) = stated else { return Payout::default() };
        let has_cash = d.next_ex_date.is_some() && d.amount.is_finite() && d.amount > 0.0;
        let div_yield = if has_cash { 0.0 } else { d.annual_yield.and_then(usable_yield).unwrap_or(0.0) };
        Payout { div_yield, schedule: d.schedule(until) }
    }
}

/// A yield a valuation can take: a finite decimal in [0, 1) (a stated 3.0 is a data error, not
/// 300%).
pub fn usable_yield(y: f64) -> Option<f64> {
    (y.is_finite() && (0.0..1.0).contains(&y)).then_some(y)
}

/// Each dividend of `schedule` in years from `quote_time` to its ex-date's open. One whose
/// ex-date opened at or before the quote is already out of the price, and is left out.
pub fn paid_after(schedule: &[(NaiveDate, f64)], quote_time: DateTime<Utc>) -> Vec<Dividend> {
    let open = NaiveTime::from_hms_opt(9, 30, 0).expect("a valid time");
    schedule
        .iter()
        .map(|&(ex_date, amount)| Dividend {
            t: (new_york_instant(ex_date, open) - quote_time).num_seconds() as f64 / SECONDS_PER_YEAR,
            amount,
        })
        .filter(|d| d.t > 0.0)
        .collect()
}
