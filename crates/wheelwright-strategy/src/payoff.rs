//! The payoff of a wheel's open position — its shares and open options — across underlying
//! prices: at the nearest expiry (intrinsic values; options expiring later valued by
//! Black–Scholes–Merton at their IV with the time they will have left) and today (every option at
//! its IV now). P&L is against what was paid for the shares and received or paid for the open
//! options, so "at expiry" at today's price is what letting everything run would make.

use crate::value::{self, float, Context};
use chrono::NaiveDate;
use wheelwright_domain::ledger::Side;
use wheelwright_domain::market::OptionChain;
use wheelwright_domain::{Right, WheelSummary};
use wheelwright_pricing::european::{self, Inputs};

/// One open option of the position.
#[derive(Clone, Debug, PartialEq)]
pub struct Holding {
    pub right: Right,
    pub side: Side,
    pub strike: f64,
    pub expiry: NaiveDate,
    pub contracts: f64,
    /// What a dollar of premium a share is multiplied by (100): the premium was
    /// open_price × multiplier a contract.
    pub multiplier: f64,
    /// Shares delivered a contract (100 unless adjusted): the option's value at a price is on these.
    pub deliverable: f64,
    /// Premium a share when opened.
    pub open_price: f64,
    /// Implied volatility now, from the chain's mid; `None` without a two-sided quote.
    pub iv: Option<f64>,
}

/// What the position holds.
#[derive(Clone, Debug, PartialEq)]
pub struct Position {
    pub shares: f64,
    /// What the shares cost in all (their tax basis).
    pub share_cost: f64,
    pub options: Vec<Holding>,
}

/// P&L across prices.
#[derive(Clone, Debug, PartialEq)]
pub struct Payoff {
    /// The nearest expiry of an open option (`None` for shares alone).
    pub horizon: Option<NaiveDate>,
    pub prices: Vec<f64>,
    pub at_expiry: Vec<f64>,
    /// `None` when an option has no IV to value it by (no two-sided quote).
    pub today: Option<Vec<f64>>,
    /// Prices where the P&L at expiry crosses zero.
    pub breakevens: Vec<f64>,
    pub spot: f64,
    /// What the lines leave out, and why.
    pub notes: Vec<String>,
}

/// How many prices the grid has besides the strikes.
const STEPS: usize = 160;

impl Position {
    /// A wheel's open position, with each option's IV from `chain` (valued at `ctx`).
    pub fn of(summary: &WheelSummary, chain: &OptionChain, ctx: &Context) -> Position {
        let options = summary
            .open_options
            .iter()
            .map(|o| {
                let strike = float(o.strike);
                let iv = chain.contract(o.right, strike, o.expiry).and_then(|q| value::european(ctx, q).iv);
                Holding {
                    right: o.right,
                    side: o.side,
                    strike,
                    expiry: o.expiry,
                    contracts: float(o.contracts),
                    multiplier: float(o.multiplier),
                    deliverable: float(o.deliverable),
                    open_price: float(o.open_price),
                    iv,
                }
            })
            .collect();
        Position { shares: float(summary.shares), share_cost: summary.lots.iter().map(|l| float(l.basis)).sum(), options }
    }

    pub fn is_empty(&self) -> bool {
        self.shares == 0.0 && self.options.is_empty()
    }

    /// The price range worth drawing: ±30% around the spot, widened to show every strike and the
    /// shares' cost with room to spare.
    fn range(&self, spot: f64) -> (f64, f64) {
        let mut low = spot * 0.7;
        let mut high = spot * 1.3;
        let mut levels: Vec<f64> = self.options.iter().map(|o| o.strike).collect();
        if self.shares > 0.0 {
            levels.push(self.share_cost / self.shares);
        }
        for level in levels {
            low = low.min(level * 0.9);
            high = high.max(level * 1.1);
        }
        (low.max(0.0), high)
    }
}

/// A holding's value a share at underlying price `price`, `elapsed` years after the quote and
/// `t` years before its expiry: intrinsic at expiry, Black–Scholes–Merton at its IV before, with
/// the dividends still to go ex by then (intrinsic when it has no IV; the caller says so).
fn worth(holding: &Holding, price: f64, elapsed: f64, t: f64, ctx: &Context) -> f64 {
    let intrinsic = value::intrinsic(holding.right, holding.strike, price);
    let Some(vol) = holding.iv.filter(|_| t > 0.0 && price > 0.0) else {
        return intrinsic;
    };
    let inputs = Inputs { spot: price, ..ctx.inputs_at(elapsed, holding.right, holding.strike, t, vol) };
    european::value(&inputs).map_or(intrinsic, |v| v.price)
}

/// The position's P&L if the underlying were at `price` `elapsed` years after the quote, each
/// option `years_left(option)` before its expiry.
fn pnl(position: &Position, price: f64, ctx: &Context, elapsed: f64, years_left: impl Fn(&Holding) -> f64) -> f64 {
    let mut total = position.shares * price - position.share_cost;
    for o in &position.options {
        // Premium was paid on the multiplier; the option is worth its value on the deliverable.
        let premium = o.open_price * o.multiplier * o.contracts;
        let value = worth(o, price, elapsed, years_left(o), ctx) * o.deliverable * o.contracts;
        total += match o.side {
            Side::Short => premium - value,
            Side::Long => value - premium,
        };
    }
    total
}

/// "the 55 call of Jun 19".
fn name(o: &Holding) -> String {
    let right = match o.right {
        Right::Call => "call",
        Right::Put => "put",
    };
    format!("the {} {right} of {}", o.strike, o.expiry.format("%b %-d"))
}

/// The payoff of `position` at `ctx` (its spot, rate, dividends and time).
pub fn payoff(position: &Position, ctx: &Context) -> Payoff {
    let (low, high) = position.range(ctx.spot);
    // Strikes and the spot are grid points, so the expiry line's corners are exact.
    let mut prices: Vec<f64> = (0..=STEPS).map(|i| low + (high - low) * i as f64 / STEPS as f64).collect();
    prices.extend(position.options.iter().map(|o| o.strike));
    prices.push(ctx.spot);
    prices.sort_by(f64::total_cmp);
    prices.dedup_by(|a, b| (*a - *b).abs() < 1e-9);

    let horizon = position.options.iter().map(|o| o.expiry).min();
    let years_now = |o: &Holding| ctx.years_to(o.expiry);
    // At the horizon, an option expiring later still has the time between the two expiries.
    let years_at_horizon = |o: &Holding| horizon.map_or(0.0, |h| (years_now(o) - ctx.years_to(h)).max(0.0));
    let elapsed = horizon.map_or(0.0, |h| ctx.years_to(h));
    let at_expiry: Vec<f64> = prices.iter().map(|&p| pnl(position, p, ctx, elapsed, years_at_horizon)).collect();
    let unpriced: Vec<&Holding> = position.options.iter().filter(|o| o.iv.is_none()).collect();
    let mut notes = Vec::new();
    for o in unpriced.iter().filter(|o| years_at_horizon(o) > 0.0) {
        notes.push(format!(
            "{} has no two-sided quote to take an IV from: at the first expiry it is counted at its intrinsic value",
            name(o)
        ));
    }
    let today = if unpriced.is_empty() {
        Some(prices.iter().map(|&p| pnl(position, p, ctx, 0.0, years_now)).collect())
    } else {
        let names: Vec<String> = unpriced.iter().map(|o| name(o)).collect();
        notes.push(format!("no line for today: {} has no two-sided quote to take an IV from", names.join(" and ")));
        None
    };

    let mut breakevens = Vec::new();
    for i in 1..prices.len() {
        let (a, b) = (at_expiry[i - 1], at_expiry[i]);
        if a == 0.0 && (i == 1 || at_expiry[i - 2] != 0.0) {
            breakevens.push(prices[i - 1]);
        } else if a * b < 0.0 {
            breakevens.push(prices[i - 1] + (prices[i] - prices[i - 1]) * a / (a - b));
        }
    }
    Payoff { horizon, prices, at_expiry, today, breakevens, spot: ctx.spot, notes }
}
