//! A short option as a trade candidate: its yield, capital, breakeven, risk-neutral
//! probabilities, warnings, score and one-line reason. Shared by the recommendations (one wheel)
//! and the scanner (a watchlist), so both explain a trade the same way.
//!
//! Definitions (tests check each by hand):
//! - premium yield: put = mid ÷ strike (return on the cash that secures it); call = mid ÷ spot
//!   (return on the shares' value). Annualized = yield × 365 ÷ calendar days to expiry (simple).
//! - capital required: put = (strike − mid) × multiplier × contracts (the cash set aside, less
//!   the premium received); covered call = 0 (the shares are already held).
//! - breakeven: put = strike − mid; covered call = basis − mid (spot − mid without a basis).
//! - POP: risk-neutral probability that the option leg, held to expiry, ends with a profit
//!   (the underlying finishes beyond strike ∓ mid); P(assignment) = risk-neutral P(ITM at expiry).
//! - score (0–100) = 100 × (0.45 × yield part + 0.35 × POP + 0.20 × liquidity part), where
//!   yield part = min(annualized ÷ 60%, 1) — beyond 60% a year more yield is more risk, not more
//!   merit — and liquidity part = ½ × max(0, 1 − spread ÷ 25%) + ½ × min(log10(1 + OI) ÷ 3, 1)
//!   (a spread of a quarter of the mid, or no open interest, earns nothing; OI 999 earns full).
//! - a spread is "wide" above 10% of the mid, unless it is 0.05 wide or less.

use crate::monitor::NextDividend;
use crate::value::{Context, Model, Valued};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use wheelwright_domain::market::OptionQuote;
use wheelwright_domain::money::thousands;
use wheelwright_domain::Right;

/// A spread wider than this share of the mid is warned about...
pub const WIDE_SPREAD: f64 = 0.10;
/// ...unless it is this narrow or narrower, a share: a nickel wide is tight on any option (cheap
/// options cannot quote tighter than their tick, which can be 20% of a 0.25 mid).
pub const TIGHT_WIDTH: f64 = 0.05;
/// Float slack for comparisons at a threshold (1.05 − 0.95 is 0.10000000000000009).
pub const EPSILON: f64 = 1e-9;

/// Whether a spread (share of the mid, and width a share) is wider than `limit` allows.
pub fn too_wide(spread: f64, width: f64, limit: f64) -> bool {
    spread > limit + EPSILON && width > TIGHT_WIDTH + EPSILON
}
/// Open interest below this is warned about.
pub const LOW_OPEN_INTEREST: u64 = 100;
pub const YIELD_CAP: f64 = 0.60;
pub const SPREAD_ZERO: f64 = 0.25;
pub const WEIGHT_YIELD: f64 = 0.45;
pub const WEIGHT_POP: f64 = 0.35;
pub const WEIGHT_LIQUIDITY: f64 = 0.20;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CandidateWarningCode {
    EarningsBeforeExpiry,
    ExDividendBeforeExpiry,
    WideSpread,
    LowOpenInterest,
    StrikeBelowBasis,
    OverBuyingPower,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct CandidateWarning {
    pub code: CandidateWarningCode,
    pub message: String,
}

/// The score and its parts, each in [0, 1] (the total in [0, 100]).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct Score {
    pub yield_part: f64,
    pub pop_part: f64,
    pub liquidity_part: f64,
    pub total: f64,
}

pub fn score(annualized_yield: f64, pop: f64, spread: f64, open_interest: u64) -> Score {
    let yield_part = (annualized_yield / YIELD_CAP).clamp(0.0, 1.0);
    let pop_part = pop.clamp(0.0, 1.0);
    let spread_part = (1.0 - spread / SPREAD_ZERO).clamp(0.0, 1.0);
    let oi_part = ((1.0 + open_interest as f64).log10() / 3.0).min(1.0);
    let liquidity_part = 0.5 * spread_part + 0.5 * oi_part;
    let total = 100.0 * (WEIGHT_YIELD * yield_part + WEIGHT_POP * pop_part + WEIGHT_LIQUIDITY * liquidity_part);
    Score { yield_part, pop_part, liquidity_part, total }
}

/// What is known about the trader's side of a candidate.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Situation {
    pub contracts: u32,
    /// Per share, for the covered-call guard and breakeven.
    pub basis: Option<f64>,
    /// Cash free to secure a put.
    pub buying_power: Option<f64>,
    pub next_earnings: Option<NaiveDate>,
    pub dividend: Option<NextDividend>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct Candidate {
    pub symbol: String,
    pub occ: String,
    pub right: Right,
    pub strike: f64,
    pub expiry: NaiveDate,
    pub dte: i64,
    pub contracts: u32,
    pub spot: f64,
    pub bid: f64,
    pub mid: f64,
    /// (ask − bid) ÷ mid.
    pub spread: f64,
    /// ask − bid, a share.
    pub width: f64,
    pub open_interest: u64,
    pub volume: u64,
    pub premium_yield: f64,
    pub annualized_yield: f64,
    pub capital_required: f64,
    pub breakeven: f64,
    pub pop: f64,
    pub assignment_probability: f64,
    pub delta: f64,
    pub theta_per_day: f64,
    pub iv: f64,
    pub model: Model,
    pub warnings: Vec<CandidateWarning>,
    pub score: Score,
    pub reason: String,
}

/// Whole dollars for the reason and warnings, grouped: "2,450".
fn money(x: f64) -> String {
    let sign = if x <= -0.5 { "-" } else { "" };
    format!("{sign}{}", thousands(x.abs().round()))
}

/// The candidate a contract makes, or `None` when it cannot be one (no two-sided quote, no IV,
/// an adjusted contract, expired).
pub fn evaluate(symbol: &str, ctx: &Context, q: &OptionQuote, v: &Valued, s: &Situation) -> Option<Candidate> {
    let (mid, bid, ask, spread, iv, delta) = (v.mid?, v.bid?, v.ask?, v.spread_pct?, v.iv?, v.delta?);
    let width = ask - bid;
    if !q.standard || v.dte <= 0 {
        return None;
    }
    let contracts = s.contracts.max(1);
    let multiplier = q.multiplier as f64;
    let (premium_yield, capital_required, breakeven) = match q.right {
        Right::Put => (mid / q.strike, (q.strike - mid) * multiplier * contracts as f64, q.strike - mid),
        Right::Call => (mid / ctx.spot, 0.0, s.basis.unwrap_or(ctx.spot) - mid),
    };
    let annualized_yield = premium_yield * 365.0 / v.dte as f64;
    let market = ctx.market(iv, v.t);
    let pop = market.short_profit(q.right, q.strike, mid);
    let assignment_probability = market.itm(q.right, q.strike);

    let mut warnings = Vec::new();
    let mut warn = |code, message: String| warnings.push(CandidateWarning { code, message });
    if let Some(day) = s.next_earnings.filter(|d| *d >= ctx.today && *d <= q.expiry) {
        warn(CandidateWarningCode::EarningsBeforeExpiry, format!("earnings on {day}, before expiry"));
    }
    if let Some(d) = s.dividend.filter(|d| d.ex_date > ctx.today && d.ex_date <= q.expiry) {
        let message = match q.right {
            Right::Call => {
                format!("ex-dividend on {} ({:.2}): early assignment is likely if the call is in the money then", d.ex_date, d.amount)
            }
            Right::Put => format!("ex-dividend on {} ({:.2}): the price drops by the dividend", d.ex_date, d.amount),
        };
        warn(CandidateWarningCode::ExDividendBeforeExpiry, message);
    }
    if too_wide(spread, width, WIDE_SPREAD) {
        warn(CandidateWarningCode::WideSpread, format!("wide spread: {:.0}% of the mid", 100.0 * spread));
    }
    if q.open_interest < LOW_OPEN_INTEREST {
        warn(CandidateWarningCode::LowOpenInterest, format!("low open interest: {}", q.open_interest));
    }
    if let (Right::Call, Some(basis)) = (q.right, s.basis) {
        if q.strike < basis {
            warn(CandidateWarningCode::StrikeBelowBasis, format!("strike below the {basis:.2} basis: assignment locks in a loss"));
        }
    }
    if let Some(power) = s.buying_power.filter(|p| capital_required > *p) {
        warn(CandidateWarningCode::OverBuyingPower, format!("needs {} of capital, {} is free", money(capital_required), money(power)));
    }

    let score = score(annualized_yield, pop, spread, q.open_interest);
    let on = match q.right {
        Right::Put => format!("on {} collateral", money(q.strike * multiplier * contracts as f64)),
        Right::Call => format!("on {} of shares", money(ctx.spot * multiplier * contracts as f64)),
    };
    let mut reason = format!(
        "Sell {contracts} {symbol} {} {} {} at {mid:.2} (bid {bid:.2}): {} DTE, Δ {delta:+.2}, {:.2}% ({:.1}% a year) {on}, POP {:.0}% (risk-neutral)",
        q.expiry.format("%b %-d"),
        q.strike,
        q.right.word(),
        v.dte,
        100.0 * premium_yield,
        100.0 * annualized_yield,
        100.0 * pop,
    );
    if let Some(first) = warnings.first() {
        reason.push_str(&format!("; {}", first.message));
    }
    Some(Candidate {
        symbol: symbol.to_string(),
        occ: q.occ.clone(),
        right: q.right,
        strike: q.strike,
        expiry: q.expiry,
        dte: v.dte,
        contracts,
        spot: ctx.spot,
        bid,
        mid,
        spread,
        width,
        open_interest: q.open_interest,
        volume: q.volume,
        premium_yield,
        annualized_yield,
        capital_required,
        breakeven,
        pop,
        assignment_probability,
        delta,
        theta_per_day: v.theta_per_day.unwrap_or(0.0),
        iv,
        model: v.model,
        warnings,
        score,
        reason,
    })
}

/// Best first; ties in the same order every time (symbol, expiry, strike, right).
pub fn rank(candidates: &mut [Candidate]) {
    candidates.sort_by(order);
}

fn order(a: &Candidate, b: &Candidate) -> std::cmp::Ordering {
    b.score
        .total
        .total_cmp(&a.score.total)
        .then_with(|| a.symbol.cmp(&b.symbol))
        .then_with(|| a.expiry.cmp(&b.expiry))
        .then_with(|| a.strike.total_cmp(&b.strike))
        .then_with(|| a.right.cmp(&b.right))
}

/// One contract offered for selection, with the context it is judged in.
#[derive(Clone, Copy, Debug)]
pub struct Offer<'a> {
    pub symbol: &'a str,
    pub ctx: &'a Context,
    pub quote: &'a OptionQuote,
    pub situation: Situation,
}

/// Screen offers with European values (|Δ| inside `delta_band`, then `passes`), re-value the best
/// `2 × limit` with the American engine, check them again and return the best `limit`.
pub fn select<'a>(
    offers: impl Iterator<Item = Offer<'a>>,
    delta_band: (f64, f64),
    passes: impl Fn(&Candidate) -> bool,
    limit: usize,
) -> Vec<Candidate> {
    let in_band = |v: &Valued| v.delta.is_some_and(|d| d.abs() >= delta_band.0 && d.abs() <= delta_band.1);
    let judge = |o: &Offer<'a>, v: Valued| {
        if !in_band(&v) {
            return None;
        }
        evaluate(o.symbol, o.ctx, o.quote, &v, &o.situation).filter(&passes)
    };
    let mut screened: Vec<(Candidate, Offer<'a>)> =
        offers.filter_map(|o| judge(&o, crate::value::european(o.ctx, o.quote)).map(|c| (c, o))).collect();
    screened.sort_by(|a, b| order(&a.0, &b.0));
    screened.truncate(limit.saturating_mul(2));
    let mut refined: Vec<Candidate> = screened.iter().filter_map(|(_, o)| judge(o, crate::value::american(o.ctx, o.quote))).collect();
    rank(&mut refined);
    refined.truncate(limit);
    refined
}
