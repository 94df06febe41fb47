//! The scanner: a watchlist's chains → cash-secured put opportunities (and covered calls on
//! symbols already held), filtered and ranked by the documented score (see [`crate::candidate`]),
//! each with its score parts, warnings and reason. Screening uses European values; the shortlist
//! is refined with the American engine (see [`crate::candidate::select`]).

use crate::candidate::{select, Candidate, Offer, Situation};
use crate::monitor::next_dividend;
use crate::profile::check_window;
use crate::value::Context;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use wheelwright_domain::market::OptionChain;
use wheelwright_domain::Right;

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ScanFilter {
    /// Skip underlyings priced above this.
    #[ts(optional)]
    pub max_price: Option<f64>,
    pub dte_min: i64,
    pub dte_max: i64,
    pub delta_min: f64,
    pub delta_max: f64,
    pub min_open_interest: u64,
    /// Minimum bid, a share.
    pub min_credit: f64,
    /// Drop contracts whose term holds an earnings date.
    pub exclude_earnings: bool,
    /// Opportunities returned at most.
    pub limit: usize,
}

impl Default for ScanFilter {
    fn default() -> ScanFilter {
        ScanFilter {
            max_price: None,
            dte_min: 7,
            dte_max: 60,
            delta_min: 0.15,
            delta_max: 0.35,
            min_open_interest: 100,
            min_credit: 0.20,
            exclude_earnings: true,
            limit: 50,
        }
    }
}

impl ScanFilter {
    /// Field and fix for the first setting that cannot select anything.
    pub fn check(&self) -> Result<(), (&'static str, String)> {
        if let Some(p) = self.max_price.filter(|p| !p.is_finite() || *p <= 0.0) {
            return Err(("max_price", format!("maximum price must be > 0, got {p}")));
        }
        check_window(self.delta_min, self.delta_max, self.dte_min, self.dte_max)?;
        if !self.min_credit.is_finite() || self.min_credit < 0.0 {
            return Err(("min_credit", format!("minimum credit must be ≥ 0 a share, got {}", self.min_credit)));
        }
        if self.limit == 0 || self.limit > 1000 {
            return Err(("limit", format!("limit must be 1 to 1000, got {}", self.limit)));
        }
        Ok(())
    }
}

/// One underlying to scan: its chain and the shares held (covered calls need 100).
#[derive(Clone, Copy, Debug)]
pub struct ScanInput<'a> {
    pub chain: &'a OptionChain,
    pub shares_held: f64,
}

/// Opportunities across the inputs, best first.
pub fn scan(inputs: &[ScanInput], filter: &ScanFilter) -> Vec<Candidate> {
    let priced: Vec<(&ScanInput, Context)> = inputs.iter().filter_map(|input| Some((input, Context::of(input.chain)?))).collect();
    let offers = priced.iter().flat_map(|(input, ctx)| {
        let chain = input.chain;
        let symbol = chain.underlying.symbol.as_str();
        let covered = (input.shares_held / 100.0).floor();
        let affordable = filter.max_price.is_none_or(|p| ctx.spot <= p);
        let situation = Situation {
            contracts: 1,
            basis: None,
            buying_power: None,
            next_earnings: chain.underlying.next_earnings,
            dividend: next_dividend(chain),
        };
        chain
            .contracts
            .iter()
            .filter(move |q| {
                let dte = (q.expiry - ctx.today).num_days();
                let wanted = match q.right {
                    Right::Put => affordable,
                    Right::Call => covered >= 1.0,
                };
                let earnings_inside = situation.next_earnings.is_some_and(|e| e >= ctx.today && e <= q.expiry);
                wanted
                    && q.standard
                    && dte >= filter.dte_min
                    && dte <= filter.dte_max
                    && q.open_interest >= filter.min_open_interest
                    && q.bid.is_some_and(|b| b >= filter.min_credit)
                    && !(filter.exclude_earnings && earnings_inside)
            })
            .map(move |quote| Offer {
                symbol,
                ctx,
                quote,
                situation: Situation { contracts: if quote.right == Right::Call { covered as u32 } else { 1 }, ..situation },
            })
    });
    select(offers, (filter.delta_min, filter.delta_max), |_| true, filter.limit)
}
