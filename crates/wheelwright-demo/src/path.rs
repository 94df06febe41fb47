//! Daily prices: a seeded simulation session by session from 2019-01-02. A market factor with
//! calm and stressed regimes (a two-state Markov chain) drives every listing through its beta;
//! each listing adds its own noise, rare jumps, a move at the open after each earnings report,
//! the drop on each ex-dividend date, and a slow pull of the log price back to its base level
//! (half-life two years) so that listings stay in their price class. Each session's draws come
//! from their own stream, so a path extends on demand without changing what came before.

use crate::events::{dividends, earnings, earnings_move};
use crate::random::{key, stream};
use crate::universe::Listing;
use chrono::NaiveDate;
use std::collections::{HashMap, HashSet};
use wheelwright_pricing::calendar::next_session;

/// The first session of the Demo market.
pub const EPOCH: NaiveDate = match NaiveDate::from_ymd_opt(2019, 1, 2) {
    Some(d) => d,
    None => panic!("a valid date"),
};

const DT: f64 = 1.0 / 252.0;
const CALM_VOL: f64 = 0.12;
const STRESSED_VOL: f64 = 0.32;
const MARKET_DRIFT: f64 = 0.07;
/// Daily odds of switching regime: calm spells last ~250 sessions, stressed ~40.
const TO_STRESSED: f64 = 1.0 / 250.0;
const TO_CALM: f64 = 1.0 / 40.0;
const REVERSION: f64 = 0.35;
const JUMP_ODDS: f64 = 0.003;
const FLOOR: f64 = 0.5;

/// The market factor: sessions, regime and log return per session.
#[derive(Clone, Debug, Default)]
pub struct Market {
    pub sessions: Vec<NaiveDate>,
    pub stressed: Vec<bool>,
    pub returns: Vec<f64>,
}

impl Market {
    /// Extends the factor through `until`.
    pub fn extend(&mut self, seed: u64, until: NaiveDate) {
        if self.sessions.is_empty() {
            self.sessions.push(EPOCH);
            self.stressed.push(false);
            self.returns.push(0.0);
        }
        while *self.sessions.last().expect("not empty") < until {
            let n = self.sessions.len() as u64;
            let next = next_session(*self.sessions.last().expect("not empty")).expect("inside the calendar's years");
            let mut draws = stream(seed, &[key("market"), n]);
            let was = *self.stressed.last().expect("not empty");
            let stressed = if was { !draws.chance(TO_CALM) } else { draws.chance(TO_STRESSED) };
            let vol = if stressed { STRESSED_VOL } else { CALM_VOL };
            self.sessions.push(next);
            self.stressed.push(stressed);
            self.returns.push((MARKET_DRIFT - 0.5 * vol * vol) * DT + vol * DT.sqrt() * draws.normal());
        }
    }

    pub fn index_of(&self, date: NaiveDate) -> Option<usize> {
        self.sessions.binary_search(&date).ok()
    }
}

/// One listing's daily opens and closes, aligned with the market's sessions.
#[derive(Clone, Debug, Default)]
pub struct Path {
    pub open: Vec<f64>,
    pub close: Vec<f64>,
    /// The dividend going ex at each session, if any.
    pub dividend: HashMap<usize, f64>,
}

impl Path {
    /// Extends the path to cover every session the market has.
    pub fn extend(&mut self, seed: u64, listing: &Listing, market: &Market) {
        let have = self.close.len();
        let want = market.sessions.len();
        if have >= want {
            return;
        }
        let (first, last) = (market.sessions[have], market.sessions[want - 1]);
        for d in dividends(listing, first, last) {
            if let Some(n) = market.index_of(d.ex_date) {
                self.dividend.insert(n, d.amount);
            }
        }
        // The session after a report carries its move.
        let after_report: HashSet<usize> = earnings(listing, market.sessions[have.saturating_sub(1)], last)
            .into_iter()
            .filter_map(|d| market.index_of(d).map(|n| n + 1))
            .collect();
        let beta = listing.beta();
        let idiosyncratic = (listing.vol * listing.vol - beta * beta * CALM_VOL * CALM_VOL).max(0.01 * 0.01).sqrt();
        let base = listing.base_price.ln();
        let symbol = key(listing.symbol.as_str());
        for n in have..want {
            if n == 0 {
                self.open.push(listing.base_price);
                self.close.push(listing.base_price);
                continue;
            }
            let mut draws = stream(seed, &[symbol, n as u64]);
            let stress = if market.stressed[n] { 1.6 } else { 1.0 };
            let previous = self.close[n - 1];
            let diffusion = beta * market.returns[n] + idiosyncratic * stress * DT.sqrt() * draws.normal();
            let jump = if draws.chance(JUMP_ODDS) { (-0.01 + 0.07 * draws.normal()) * listing.vol / 0.3 } else { 0.0 };
            let report = if after_report.contains(&n) { earnings_move(listing) * draws.normal() } else { 0.0 };
            let reversion = REVERSION * (base - previous.ln()) * DT;
            let dividend = self.dividend.get(&n).copied().unwrap_or(0.0);
            let open = (previous * (jump + report + 0.3 * diffusion).exp() - dividend).max(FLOOR);
            let close = (open * (0.7 * diffusion + reversion).exp()).max(FLOOR);
            self.open.push(open);
            self.close.push(close);
        }
    }
}
