//! The roll analyzer: for an open short option, the rolls the chain offers — same strike later,
//! down and out (puts) or up and out (calls) — priced at the market (buy back at the ask, sell at
//! the bid), with the new breakeven, the change in POP and in capital at risk, and the days added.
//! When no roll pays a credit, it says so plainly.
//!
//! Breakeven after a roll counts every credit of the position: strike ∓ (original premium −
//! buy-back + new premium). POP change = POP of the new contract at that total credit − POP of the
//! current contract at its original premium, both risk-neutral at today's prices.

use crate::monitor::{moneyness, moneyness_label};
use crate::value::{european, float, Context};
use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;
use wheelwright_domain::ledger::{OpenOption, Side};
use wheelwright_domain::market::OptionChain;
use wheelwright_domain::Right;

/// Strikes tried beyond the current one, per later expiry.
pub const STRIKE_STEPS: usize = 3;
/// Rolls listed at most.
pub const MAX_ROLLS: usize = 15;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RollKind {
    SameStrike,
    DownAndOut,
    UpAndOut,
}

#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct RollCandidate {
    pub kind: RollKind,
    pub strike: f64,
    pub expiry: NaiveDate,
    pub days_added: i64,
    /// New bid − current ask, a share: positive is a credit.
    pub net: f64,
    /// The same at mids.
    pub net_mid: f64,
    pub breakeven: f64,
    pub pop: f64,
    pub pop_change: f64,
    /// Dollars: (new strike − old strike) × multiplier × contracts for puts, 0 for calls.
    pub capital_change: f64,
    pub delta: Option<f64>,
    pub moneyness_label: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct RollAnalysis {
    pub symbol: String,
    pub right: Right,
    pub strike: f64,
    pub expiry: NaiveDate,
    /// The ask to buy the current contract back, a share.
    pub close_cost: f64,
    pub current_pop: Option<f64>,
    pub rolls: Vec<RollCandidate>,
    pub credit_available: bool,
    pub summary: String,
}

/// Why a roll cannot be analysed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RollError {
    NotShort,
    NoPrice,
    NoQuote(String),
}

impl std::fmt::Display for RollError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RollError::NotShort => write!(f, "only a short option can be rolled"),
            RollError::NoPrice => write!(f, "the chain has no price for the underlying"),
            RollError::NoQuote(what) => write!(f, "the chain has no two-sided quote for the {what} being rolled"),
        }
    }
}

pub fn analyze(symbol: &str, option: &OpenOption, chain: &OptionChain) -> Result<RollAnalysis, RollError> {
    if option.side != Side::Short {
        return Err(RollError::NotShort);
    }
    let ctx = Context::of(chain).ok_or(RollError::NoPrice)?;
    let strike = float(option.strike);
    let open_price = float(option.open_price);
    let units = float(option.contracts * option.multiplier);
    let what = format!("{} {} {}", option.expiry, strike, option.right.word());
    let current = chain
        .contracts
        .iter()
        .find(|q| q.right == option.right && q.expiry == option.expiry && q.strike == strike && q.standard)
        .ok_or_else(|| RollError::NoQuote(what.clone()))?;
    let current = european(&ctx, current);
    let close_cost = current.ask.filter(|a| *a > 0.0).ok_or(RollError::NoQuote(what))?;
    let current_pop = current.iv.map(|iv| ctx.market(iv, current.t).short_profit(option.right, strike, open_price));

    let mut later: Vec<NaiveDate> = chain.contracts.iter().filter(|q| q.expiry > option.expiry).map(|q| q.expiry).collect();
    later.sort();
    later.dedup();
    let mut rolls = Vec::new();
    for expiry in later {
        let mut strikes: Vec<f64> =
            chain.contracts.iter().filter(|q| q.right == option.right && q.expiry == expiry && q.standard).map(|q| q.strike).collect();
        strikes.sort_by(f64::total_cmp);
        // Same strike, then the nearest steps away from the money.
        let mut chosen: Vec<(RollKind, f64)> = Vec::new();
        if strikes.contains(&strike) {
            chosen.push((RollKind::SameStrike, strike));
        }
        match option.right {
            Right::Put => {
                chosen.extend(strikes.iter().rev().filter(|k| **k < strike).take(STRIKE_STEPS).map(|k| (RollKind::DownAndOut, *k)))
            }
            Right::Call => chosen.extend(strikes.iter().filter(|k| **k > strike).take(STRIKE_STEPS).map(|k| (RollKind::UpAndOut, *k))),
        }
        for (kind, new_strike) in chosen {
            let Some(q) = chain.contract(option.right, new_strike, expiry) else {
                continue;
            };
            let v = european(&ctx, q);
            let (Some(bid), Some(mid)) = (v.bid.filter(|b| *b > 0.0), v.mid) else { continue };
            let credit = open_price - close_cost + bid;
            let breakeven = match option.right {
                Right::Put => new_strike - credit,
                Right::Call => new_strike + credit,
            };
            let pop = v.iv.map(|iv| ctx.market(iv, v.t).short_profit(option.right, new_strike, credit)).unwrap_or(f64::NAN);
            rolls.push(RollCandidate {
                kind,
                strike: new_strike,
                expiry,
                days_added: (expiry - option.expiry).num_days(),
                net: bid - close_cost,
                net_mid: mid - current.mid.unwrap_or(close_cost),
                breakeven,
                pop,
                pop_change: current_pop.map_or(f64::NAN, |p| pop - p),
                capital_change: match option.right {
                    Right::Put => (new_strike - strike) * units,
                    Right::Call => 0.0,
                },
                delta: v.delta,
                moneyness_label: moneyness_label(moneyness(option.right, new_strike, ctx.spot)),
            });
        }
    }
    // Credits first, largest first; then the fewest days added.
    rolls.sort_by(|a, b| (b.net >= 0.0).cmp(&(a.net >= 0.0)).then(a.days_added.cmp(&b.days_added)).then(b.net.total_cmp(&a.net)));
    rolls.truncate(MAX_ROLLS);
    let credit_available = rolls.iter().any(|r| r.net >= 0.0);
    let summary = match rolls.iter().find(|r| r.net >= 0.0) {
        Some(best) => format!(
            "Roll to the {} {} for a {:.2} credit: {} more days, breakeven {:.2}",
            best.expiry.format("%b %-d"),
            best.strike,
            best.net,
            best.days_added,
            best.breakeven
        ),
        None if rolls.is_empty() => "No later expiry in the chain to roll to.".into(),
        None => {
            format!("No credit roll exists: the best costs a {:.2} debit a share.", -rolls.iter().map(|r| r.net).fold(f64::MIN, f64::max))
        }
    };
    Ok(RollAnalysis {
        symbol: symbol.to_string(),
        right: option.right,
        strike,
        expiry: option.expiry,
        close_cost,
        current_pop,
        rolls,
        credit_available,
        summary,
    })
}
