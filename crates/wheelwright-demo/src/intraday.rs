//! Within a session: a minute-by-minute path from the open to the close, a Brownian bridge in
//! log price with the listing's volatility, so quotes move through the day and daily highs and
//! lows come from the same path the quotes do.

use crate::random::{key, stream};
use crate::universe::Listing;
use chrono::{DateTime, Utc};

/// Prices at the open and at the end of each minute of session `n` (`minutes` + 1 values).
pub fn minute_prices(seed: u64, listing: &Listing, n: usize, open: f64, close: f64, minutes: usize, stressed: bool) -> Vec<f64> {
    let mut draws = stream(seed, &[key(listing.symbol.as_str()), n as u64, key("intraday")]);
    let step = listing.vol * if stressed { 1.6 } else { 1.0 } / (252.0f64 * 390.0).sqrt();
    let mut walk = Vec::with_capacity(minutes + 1);
    walk.push(0.0);
    for _ in 0..minutes {
        let last = *walk.last().expect("not empty");
        walk.push(last + step * draws.normal());
    }
    // Pin the walk to the session's open and close.
    let (start, end) = (open.ln(), close.ln());
    let drift = end - start - walk[minutes];
    walk.iter().enumerate().map(|(i, w)| (start + w + drift * i as f64 / minutes as f64).exp()).collect()
}

/// Minutes between two instants, rounded down.
pub fn minutes_between(from: DateTime<Utc>, to: DateTime<Utc>) -> usize {
    ((to - from).num_seconds().max(0) / 60) as usize
}
