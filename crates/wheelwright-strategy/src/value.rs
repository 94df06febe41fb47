//! One contract of a chain valued the way every strategy figure needs it: mid and spread, days
//! and years to expiry at the chain's quote time (never the wall clock), and implied volatility
//! with Greeks from the mid. Screening uses European (Black) values, which are cheap; a shortlist
//! is refined with the American engine. A mid at or below intrinsic has no time value to invert:
//! it is floored there (delta ±1 for an in-the-money contract, no IV) instead of failing.

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use wheelwright_domain::market::{two_sided_mid, OptionChain, OptionQuote};
use wheelwright_domain::Right;
use wheelwright_pricing::american::{self, Scheme};
use wheelwright_pricing::calendar::{self, Underlying};
use wheelwright_pricing::dividend::{paid_after, usable_yield, Payout};
use wheelwright_pricing::european::{self, Dividend, Inputs};
use wheelwright_pricing::iv::{self, NoSolution};
use wheelwright_pricing::probability::Market;

/// Which model produced a contract's IV and Greeks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Model {
    European,
    American,
}

/// What the chain says about its underlying, at the chain's quote time.
#[derive(Clone, Debug, PartialEq)]
pub struct Context {
    pub spot: f64,
    pub rate: f64,
    /// A continuous yield: the stated one for a stock with no known ex-date (else in `dividends`).
    pub div_yield: f64,
    /// The projected cash dividends through the chain's last expiry, in years from the quote to
    /// each ex-date's open: escrowed from the spot for the expiries after them, as the chain
    /// analytics read the same chain.
    pub dividends: Vec<Dividend>,
    pub time: DateTime<Utc>,
    /// The New York date at the quote time (for calendar-day counts).
    pub today: NaiveDate,
}

impl Context {
    /// `None` when the underlying has no usable price.
    pub fn of(chain: &OptionChain) -> Option<Context> {
        let spot = chain.underlying.mark().filter(|s| s.is_finite() && *s > 0.0)?;
        let rate = if chain.rate.is_finite() && chain.rate.abs() < 1.0 { chain.rate } else { 0.0 };
        let today = calendar::new_york_date(chain.time);
        let horizon = chain.contracts.iter().map(|c| c.expiry).max().unwrap_or(today);
        let payout = Payout::of(chain.underlying.dividend.as_ref(), horizon);
        let dividends = paid_after(&payout.schedule, chain.time);
        Some(Context { spot, rate, div_yield: payout.div_yield, dividends, time: chain.time, today })
    }

    /// The same market with the stated dividend spread as its annual yield (the amount times the
    /// payments a year over the spot when no yield is stated), for a model that carries a
    /// dividend only as a yield: the risk simulation, whose IVs must be read the way it reprices.
    pub fn yield_only(chain: &OptionChain) -> Option<Context> {
        let ctx = Context::of(chain)?;
        let stated = chain.underlying.dividend.as_ref();
        let div_yield = stated
            .and_then(|d| d.annual_yield.or_else(|| Some(d.amount * f64::from(d.per_year) / ctx.spot)))
            .and_then(usable_yield)
            .unwrap_or(0.0);
        Some(Context { div_yield, dividends: Vec::new(), ..ctx })
    }

    pub fn years_to(&self, expiry: NaiveDate) -> f64 {
        calendar::years_to_expiry(self.time, expiry, Underlying::Equity).unwrap_or(0.0)
    }

    /// The cash dividends going ex in the `t` years after a moment `elapsed` years from the
    /// quote, timed from that moment (one already paid by then is out of the price).
    fn dividends_within(&self, elapsed: f64, t: f64) -> Vec<Dividend> {
        self.dividends.iter().map(|d| Dividend { t: d.t - elapsed, amount: d.amount }).filter(|d| d.t > 0.0 && d.t < t).collect()
    }

    /// A contract `t` years from expiry, at `vol`, as pricing inputs.
    pub fn inputs(&self, right: Right, strike: f64, t: f64, vol: f64) -> Inputs {
        self.inputs_at(0.0, right, strike, t, vol)
    }

    /// The same, valued `elapsed` years after the quote: with the dividends still to go ex then.
    pub fn inputs_at(&self, elapsed: f64, right: Right, strike: f64, t: f64, vol: f64) -> Inputs {
        let dividends = self.dividends_within(elapsed, t);
        Inputs { right, spot: self.spot, strike, rate: self.rate, div_yield: self.div_yield, vol, t, dividends }
    }

    /// Risk-neutral probabilities at `vol`, `t` years out: the escrowed spot diffuses, so the
    /// dividends paid before then come off the spot. Right for where the price ends (in the
    /// money, profit at expiry); a touch before an ex-date would need the spot itself.
    pub fn market(&self, vol: f64, t: f64) -> Market {
        let spot = self.inputs(Right::Call, self.spot, t, vol).escrowed_spot();
        Market { spot, rate: self.rate, div_yield: self.div_yield, vol, t }
    }
}

/// A contract's prices and model figures.
#[derive(Clone, Debug, PartialEq)]
pub struct Valued {
    pub bid: Option<f64>,
    pub ask: Option<f64>,
    pub mid: Option<f64>,
    /// (ask − bid) ÷ mid.
    pub spread_pct: Option<f64>,
    pub intrinsic: f64,
    /// Calendar days from the quote date to expiry.
    pub dte: i64,
    pub t: f64,
    pub iv: Option<f64>,
    pub delta: Option<f64>,
    pub gamma: Option<f64>,
    pub theta_per_day: Option<f64>,
    pub vega_per_point: Option<f64>,
    pub model: Model,
}

impl Valued {
    /// Time value left in the mid (never below zero).
    pub fn extrinsic(&self) -> Option<f64> {
        self.mid.map(|m| (m - self.intrinsic).max(0.0))
    }
}

pub fn intrinsic(right: Right, strike: f64, spot: f64) -> f64 {
    match right {
        Right::Call => (spot - strike).max(0.0),
        Right::Put => (strike - spot).max(0.0),
    }
}

/// A ledger amount (exact decimal) as a market figure.
pub fn float(x: Decimal) -> f64 {
    x.to_f64().unwrap_or(f64::NAN)
}

/// The contract valued with European (Black) IV and Greeks from its mid.
pub fn european(ctx: &Context, q: &OptionQuote) -> Valued {
    value(ctx, q, Model::European)
}

/// The contract valued with American IV and Greeks (ALO fast scheme) from its mid.
pub fn american(ctx: &Context, q: &OptionQuote) -> Valued {
    value(ctx, q, Model::American)
}

fn value(ctx: &Context, q: &OptionQuote, model: Model) -> Valued {
    let mid = two_sided_mid(q.bid, q.ask);
    let t = ctx.years_to(q.expiry);
    let mut valued = Valued {
        bid: q.bid,
        ask: q.ask,
        mid,
        spread_pct: mid.and_then(|m| Some((q.ask? - q.bid?) / m)),
        intrinsic: intrinsic(q.right, q.strike, ctx.spot),
        dte: (q.expiry - ctx.today).num_days(),
        t,
        iv: None,
        delta: None,
        gamma: None,
        theta_per_day: None,
        vega_per_point: None,
        model,
    };
    let Some(mid) = mid else { return valued };
    if !q.standard || t <= 0.0 {
        return valued;
    }
    let probe = ctx.inputs(q.right, q.strike, t, 0.0);
    let solved = match model {
        Model::European => iv::implied_vol(&probe, mid),
        Model::American => american::implied_vol(&probe, mid, Scheme::FAST),
    };
    match solved {
        Ok(Ok(vol)) if vol > 0.0 => {
            let inputs = ctx.inputs(q.right, q.strike, t, vol);
            let greeks = match model {
                Model::European => european::value(&inputs),
                Model::American => american::value(&inputs, Scheme::FAST),
            };
            if let Ok(g) = greeks {
                valued.iv = Some(vol);
                valued.delta = Some(g.delta);
                valued.gamma = Some(g.gamma);
                valued.theta_per_day = Some(g.theta_per_day);
                valued.vega_per_point = Some(g.vega_per_point);
            }
        }
        // The early-exercise floor: all intrinsic, no time value.
        Ok(Ok(_)) | Ok(Err(NoSolution::BelowIntrinsic | NoSolution::AtIntrinsic)) if valued.intrinsic > 0.0 => {
            valued.delta = Some(match q.right {
                Right::Call => 1.0,
                Right::Put => -1.0,
            });
            valued.gamma = Some(0.0);
            valued.theta_per_day = Some(0.0);
            valued.vega_per_point = Some(0.0);
        }
        _ => {}
    }
    valued
}
