//! Chain analytics on a chain from any provider, valued at the chain's quote time: per contract
//! the European (Black) implied volatility from the mid, inverted from the out-of-the-money side,
//! and its Greeks; per expiry the smile, ATM IV, 25-delta skew, put/call ratios and max pain;
//! across expiries the term structure and an IV surface on a moneyness grid. Known cash
//! dividends are escrowed per expiry (the stock drops by each at its ex-date's open). American IV, Greeks
//! and exercise boundary are computed on demand for one contract. Non-standard
//! (adjusted) contracts and unusable quotes are flagged and kept out of the curves.

use crate::american::{self, Scheme};
use crate::calendar::{new_york_date, years_to_expiry, Underlying};
use crate::dividend::{paid_after, Payout};
use crate::european::{value, Dividend, Inputs, Valuation};
use crate::iv::implied_vol;
use crate::PricingError;
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use std::collections::BTreeMap;
use wheelwright_domain::market::OptionChain;
use wheelwright_domain::Right;

/// One contract's quote as a provider gives it (missing values as `None`).
#[derive(Clone, Debug, PartialEq)]
pub struct ChainQuote {
    pub right: Right,
    pub strike: f64,
    pub expiry: NaiveDate,
    pub bid: Option<f64>,
    pub ask: Option<f64>,
    pub volume: u64,
    pub open_interest: u64,
    /// False for adjusted contracts (deliverable other than 100 shares of the underlying).
    pub standard: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Chain {
    pub symbol: String,
    pub underlying_price: f64,
    pub quote_time: DateTime<Utc>,
    pub rate: f64,
    pub div_yield: f64,
    /// Cash dividends expected, as (ex-date, amount): each is escrowed from the spot for the
    /// expiries after its ex-date (the stock opens lower by it that morning). A short expiry
    /// over an ex-date is mispriced by a yield spread over the year, hence both.
    pub dividends: Vec<(NaiveDate, f64)>,
    pub underlying: Underlying,
    pub quotes: Vec<ChainQuote>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ContractAnalytics {
    pub right: Right,
    pub strike: f64,
    pub expiry: NaiveDate,
    pub mid: Option<f64>,
    /// European (Black) IV from the mid, inverted from the out-of-the-money side.
    pub iv: Option<f64>,
    /// Why there is no IV: a quote flag or a no-solution reason.
    pub no_iv: Option<&'static str>,
    pub delta: Option<f64>,
    pub gamma: Option<f64>,
    pub theta_per_day: Option<f64>,
    pub vega_per_point: Option<f64>,
    pub flags: Vec<&'static str>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SmilePoint {
    pub strike: f64,
    pub moneyness: f64,
    pub iv: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ExpiryAnalytics {
    pub expiry: NaiveDate,
    /// Years to the close of the last trading day, from the quote time.
    pub t: f64,
    pub forward: f64,
    pub atm_iv: Option<f64>,
    /// IV of the 25-delta put minus IV of the 25-delta call.
    pub skew_25d: Option<f64>,
    pub put_call_volume_ratio: Option<f64>,
    pub put_call_oi_ratio: Option<f64>,
    /// The price at which option holders' total payout is smallest.
    pub max_pain: Option<f64>,
    pub smile: Vec<SmilePoint>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Surface {
    pub moneyness: Vec<f64>,
    pub expiries: Vec<NaiveDate>,
    /// `iv[e][m]`: expiry `e`, moneyness `m`; `None` outside the quoted strikes.
    pub iv: Vec<Vec<Option<f64>>>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ChainAnalytics {
    pub symbol: String,
    pub underlying_price: f64,
    pub quote_time: DateTime<Utc>,
    /// How the IVs were computed, for the UI's label.
    pub iv_model: &'static str,
    pub put_call_volume_ratio: Option<f64>,
    pub put_call_oi_ratio: Option<f64>,
    pub term_structure: Vec<(NaiveDate, Option<f64>)>,
    pub expiries: Vec<ExpiryAnalytics>,
    pub surface: Surface,
    pub contracts: Vec<ContractAnalytics>,
}

impl Chain {
    /// A provider's chain in the analytics' neutral form. The underlying's price is its mark
    /// (the bid-ask mid, else the last trade); its dividends are the quote's stated schedule as cash dividends through the last
    /// expiry, or, without an ex-date, its annual yield (none: no dividend).
    pub fn of(chain: &OptionChain, underlying: Underlying) -> Chain {
        let last_expiry = chain.contracts.iter().map(|c| c.expiry).max().unwrap_or_else(|| new_york_date(chain.time));
        let Payout { div_yield, schedule: dividends } = Payout::of(chain.underlying.dividend.as_ref(), last_expiry);
        Chain {
            symbol: chain.underlying.symbol.as_str().to_string(),
            underlying_price: chain.underlying.mark().unwrap_or_default(),
            quote_time: chain.time,
            rate: chain.rate,
            div_yield,
            dividends,
            underlying,
            quotes: chain
                .contracts
                .iter()
                .map(|c| ChainQuote {
                    right: c.right,
                    strike: c.strike,
                    expiry: c.expiry,
                    bid: c.bid,
                    ask: c.ask,
                    volume: c.volume,
                    open_interest: c.open_interest,
                    standard: c.standard,
                })
                .collect(),
        }
    }

    /// The cash dividends going ex after the quote and before an expiry `t` years out, in years
    /// from the quote to their ex-date's open. Worked once per expiry, not per contract.
    fn dividends_within(&self, t: f64) -> Vec<Dividend> {
        paid_after(&self.dividends, self.quote_time).into_iter().filter(|d| d.t < t).collect()
    }

    /// A contract of the chain as pricing inputs, `t` years before its expiry, with that
    /// expiry's dividends (`dividends_within(t)`).
    fn inputs(&self, q: &ChainQuote, t: f64, vol: f64, dividends: &[Dividend]) -> Inputs {
        Inputs {
            right: q.right,
            spot: self.underlying_price,
            strike: q.strike,
            rate: self.rate,
            div_yield: self.div_yield,
            vol,
            t,
            dividends: dividends.to_vec(),
        }
    }
}

/// One contract valued as American, on demand (whole-chain figures are European).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AmericanContract {
    pub mid: f64,
    /// American IV from the mid (ALO fast scheme).
    pub iv: Option<f64>,
    pub no_iv: Option<&'static str>,
    pub valuation: Option<Valuation>,
    /// The spot at which exercising now would be optimal; `None` when it never is.
    pub exercise_boundary: Option<f64>,
}

/// The American IV, Greeks and exercise boundary of one standard contract of the chain, from its
/// mid at the chain's quote time.
pub fn american_contract(chain: &Chain, right: Right, strike: f64, expiry: NaiveDate) -> Result<AmericanContract, PricingError> {
    let q = chain
        .quotes
        .iter()
        .find(|q| q.right == right && q.strike == strike && q.expiry == expiry)
        .ok_or_else(|| PricingError::Invalid(format!("the chain has no {right:?} {strike} expiring {expiry}")))?;
    if !q.standard {
        return Err(PricingError::Invalid("an adjusted (non-standard) contract cannot be valued from the underlying's price".into()));
    }
    let mid = mid(q).map_err(|flag| PricingError::Invalid(format!("the contract has no usable quote ({flag})")))?;
    let t = years_to_expiry(chain.quote_time, expiry, chain.underlying).unwrap_or(0.0);
    let dividends = chain.dividends_within(t);
    let solved = american::implied_vol(&chain.inputs(q, t, 0.0, &dividends), mid, Scheme::FAST)?;
    let valuation = match solved {
        Ok(iv) => Some(american::value(&chain.inputs(q, t, iv, &dividends), Scheme::FAST)?),
        Err(_) => None,
    };
    let exercise_boundary = match solved {
        Ok(iv) if t > 0.0 => american::exercise_boundary(&chain.inputs(q, t, iv, &dividends), Scheme::FAST)?.level(t),
        _ => None,
    };
    Ok(AmericanContract { mid, iv: solved.ok(), no_iv: solved.err().map(|e| e.code()), valuation, exercise_boundary })
}

/// Puts over calls of `count` (volume or open interest), standard contracts only; `None` when no
/// call has any, since the ratio is then undefined rather than infinite.
fn put_call_ratio<'a>(quotes: impl Iterator<Item = &'a ChainQuote>, count: fn(&ChainQuote) -> u64) -> Option<f64> {
    let (mut puts, mut calls) = (0u64, 0u64);
    for q in quotes.filter(|q| q.standard) {
        match q.right {
            Right::Put => puts += count(q),
            Right::Call => calls += count(q),
        }
    }
    (calls > 0).then(|| puts as f64 / calls as f64)
}

/// The mid of a two-sided, uncrossed quote, or the flag that says why there is none.
fn mid(q: &ChainQuote) -> Result<f64, &'static str> {
    match (q.bid, q.ask) {
        (Some(b), Some(a)) if b > 0.0 && a >= b => Ok(0.5 * (b + a)),
        (Some(b), Some(a)) if a < b => Err("crossed_quote"),
        (Some(_), Some(_)) => Err("zero_bid"),
        _ => Err("missing_quote"),
    }
}

/// Linear interpolation of `y` at `x` over points sorted by x; `None` outside them.
fn interpolate(points: &[(f64, f64)], x: f64) -> Option<f64> {
    let i = points.iter().position(|p| p.0 >= x)?;
    if points[i].0 == x {
        return Some(points[i].1);
    }
    let (x1, y1) = *points.get(i.checked_sub(1)?)?;
    let (x2, y2) = points[i];
    Some(y1 + (y2 - y1) * (x - x1) / (x2 - x1))
}

pub const SURFACE_MONEYNESS: [f64; 9] = [0.80, 0.85, 0.90, 0.95, 1.00, 1.05, 1.10, 1.15, 1.20];

pub fn analyze(chain: &Chain) -> ChainAnalytics {
    let mut by_expiry: BTreeMap<NaiveDate, Vec<&ChainQuote>> = BTreeMap::new();
    for q in &chain.quotes {
        by_expiry.entry(q.expiry).or_default().push(q);
    }
    let mut contracts = Vec::new();
    let mut expiries = Vec::new();
    for (expiry, quotes) in by_expiry {
        let t = years_to_expiry(chain.quote_time, expiry, chain.underlying).unwrap_or(0.0);
        let dividends = chain.dividends_within(t);
        let inputs = |q: &ChainQuote, vol: f64| chain.inputs(q, t, vol, &dividends);
        let forward = inputs(quotes[0], 0.0).forward();
        let mut rows = Vec::new();
        for q in &quotes {
            let mut flags = Vec::new();
            if !q.standard {
                flags.push("non_standard");
            }
            let mid = mid(q);
            if let Err(flag) = mid {
                flags.push(flag);
            }
            let solved = match (mid, q.standard) {
                (Ok(m), true) => implied_vol(&inputs(q, 0.0), m).map_err(|_| "invalid_input").and_then(|r| r.map_err(|e| e.code())),
                (Ok(_), false) => Err("non_standard"),
                (Err(flag), _) => Err(flag),
            };
            let greeks = solved.ok().and_then(|iv| value(&inputs(q, iv)).ok());
            rows.push(ContractAnalytics {
                right: q.right,
                strike: q.strike,
                expiry,
                mid: mid.ok(),
                iv: solved.ok(),
                no_iv: solved.err(),
                delta: greeks.map(|g| g.delta),
                gamma: greeks.map(|g| g.gamma),
                theta_per_day: greeks.map(|g| g.theta_per_day),
                vega_per_point: greeks.map(|g| g.vega_per_point),
                flags,
            });
        }
        // The smile takes each strike's out-of-the-money side: puts below the forward, calls above.
        let mut smile: Vec<SmilePoint> = rows
            .iter()
            .filter(|r| (r.right == Right::Put) == (r.strike < forward))
            .filter_map(|r| r.iv.map(|iv| SmilePoint { strike: r.strike, moneyness: r.strike / chain.underlying_price, iv }))
            .collect();
        smile.sort_by(|a, b| a.strike.total_cmp(&b.strike));
        let curve: Vec<(f64, f64)> = smile.iter().map(|p| (p.strike, p.iv)).collect();
        let by_delta = |right: Right| {
            let mut points: Vec<(f64, f64)> = rows.iter().filter(|r| r.right == right).filter_map(|r| Some((r.delta?, r.iv?))).collect();
            points.sort_by(|a, b| a.0.total_cmp(&b.0));
            points
        };
        let skew_25d = interpolate(&by_delta(Right::Put), -0.25).zip(interpolate(&by_delta(Right::Call), 0.25)).map(|(p, c)| p - c);
        let max_pain = quotes
            .iter()
            .filter(|q| q.standard)
            .map(|q| q.strike)
            .map(|price| {
                let payout: f64 = quotes
                    .iter()
                    .filter(|q| q.standard)
                    .map(|q| {
                        q.open_interest as f64
                            * if q.right == Right::Call { (price - q.strike).max(0.0) } else { (q.strike - price).max(0.0) }
                    })
                    .sum();
                (price, payout)
            })
            .min_by(|a, b| a.1.total_cmp(&b.1).then(a.0.total_cmp(&b.0)))
            .filter(|_| quotes.iter().any(|q| q.open_interest > 0))
            .map(|(price, _)| price);
        expiries.push(ExpiryAnalytics {
            expiry,
            t,
            forward,
            atm_iv: interpolate(&curve, forward),
            skew_25d,
            put_call_volume_ratio: put_call_ratio(quotes.iter().copied(), |q| q.volume),
            put_call_oi_ratio: put_call_ratio(quotes.iter().copied(), |q| q.open_interest),
            max_pain,
            smile,
        });
        contracts.extend(rows);
    }
    let surface = Surface {
        moneyness: SURFACE_MONEYNESS.to_vec(),
        expiries: expiries.iter().map(|e| e.expiry).collect(),
        iv: expiries
            .iter()
            .map(|e| {
                let curve: Vec<(f64, f64)> = e.smile.iter().map(|p| (p.moneyness, p.iv)).collect();
                SURFACE_MONEYNESS.iter().map(|m| interpolate(&curve, *m)).collect()
            })
            .collect(),
    };
    ChainAnalytics {
        symbol: chain.symbol.clone(),
        underlying_price: chain.underlying_price,
        quote_time: chain.quote_time,
        iv_model: "european_black_otm_mid",
        put_call_volume_ratio: put_call_ratio(chain.quotes.iter(), |q| q.volume),
        put_call_oi_ratio: put_call_ratio(chain.quotes.iter(), |q| q.open_interest),
        term_structure: expiries.iter().map(|e| (e.expiry, e.atm_iv)).collect(),
        expiries,
        surface,
        contracts,
    }
}
