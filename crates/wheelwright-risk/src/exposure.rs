//! What the book holds, in the figures a wheel trader watches: per holding and in total the
//! share-equivalent and dollar delta, gamma, theta per day and vega per vol point; the cash a
//! cash-secured book ties up and what is free; a Reg-T style margin estimate for the same short
//! options; and how much of the book rides on one name or one sector.
//!
//! Definitions (shown in the UI beside the figures):
//! - dollar delta = share-equivalent delta × spot; dollar gamma = the change in dollar delta for
//!   a 1% move = Γ × S² ÷ 100 per share-equivalent.
//! - collateral of a cash-secured put = strike × multiplier × contracts − premium received; free
//!   cash = cash − strike × multiplier × contracts (the premium is already in the cash).
//! - Reg-T naked option estimate per share: option value + max(20% × spot − out-of-the-money
//!   amount, 10% × strike for a put or 10% × spot for a call). Calls covered by shares need none.
//! - exposure (for concentration): shares at market, a short put's assignment notional
//!   (strike × multiplier × contracts), an uncovered short call's spot notional, a long option's
//!   value. Percentages are of net liquidation value (cash + the holdings at market).

use crate::book::{Book, Holding, Instrument};
use serde::Serialize;
use std::collections::BTreeMap;
use ts_rs::TS;
use wheelwright_domain::Right;

/// Reg-T: the base requirement is this share of the underlying's value...
pub const REG_T_BASE: f64 = 0.20;
/// ...less the out-of-the-money amount, but never below this share of the strike (puts) or spot
/// (calls).
pub const REG_T_MINIMUM: f64 = 0.10;

#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct HoldingRisk {
    pub label: String,
    pub symbol: String,
    pub quantity: f64,
    /// Value per share (the spot for shares, the model value for options).
    pub mark: f64,
    /// Signed market value (a short option is a liability).
    pub value: f64,
    pub delta_shares: f64,
    pub dollar_delta: f64,
    pub gamma_shares: f64,
    pub dollar_gamma: f64,
    pub theta_per_day: f64,
    pub vega_per_point: f64,
    /// Cash tied up by a cash-secured short put (net of its premium); a short call beyond the
    /// shares held ties up its Reg-T estimate.
    pub collateral: f64,
    pub margin_estimate: f64,
    pub exposure: f64,
}

/// One underlying's share of the book, with its holdings' Greeks summed so the book's Greeks can
/// be read symbol by symbol.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct NameExposure {
    pub symbol: String,
    pub sector: Option<String>,
    pub exposure: f64,
    /// Of net liquidation value; `None` when that is not positive.
    pub pct: Option<f64>,
    pub dollar_delta: f64,
    pub dollar_gamma: f64,
    pub theta_per_day: f64,
    pub vega_per_point: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct SectorExposure {
    /// "Unknown" for names without a sector.
    pub sector: String,
    pub exposure: f64,
    pub pct: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct Exposure {
    pub holdings: Vec<HoldingRisk>,
    pub dollar_delta: f64,
    pub dollar_gamma: f64,
    pub theta_per_day: f64,
    pub vega_per_point: f64,
    pub cash: f64,
    pub net_liquidation: f64,
    /// Cash tied up by short options, net of premium.
    pub collateral: f64,
    /// Cash less the strikes its short puts secure (and uncovered calls' estimates).
    pub free_cash: f64,
    /// The Reg-T estimate for all short options (calls covered by shares need none).
    pub margin_estimate: f64,
    pub names: Vec<NameExposure>,
    pub sectors: Vec<SectorExposure>,
}

pub const UNKNOWN_SECTOR: &str = "Unknown";

/// Share of net liquidation value, in percent.
pub fn pct_of(amount: f64, net_liquidation: f64) -> Option<f64> {
    (net_liquidation > 0.0).then(|| amount / net_liquidation * 100.0)
}

/// Per share: option value + max(20% × spot − OTM amount, 10% × strike (put) or spot (call)).
pub fn reg_t_per_share(right: Right, strike: f64, spot: f64, option_value: f64) -> f64 {
    let (otm, floor) = match right {
        Right::Put => ((spot - strike).max(0.0), REG_T_MINIMUM * strike),
        Right::Call => ((strike - spot).max(0.0), REG_T_MINIMUM * spot),
    };
    option_value + (REG_T_BASE * spot - otm).max(floor)
}

/// Contracts of a short call not covered by the shares held (each covers `multiplier` shares).
fn uncovered_calls(book: &Book, holding: &Holding, covered_left: &mut BTreeMap<usize, f64>) -> f64 {
    let shares = covered_left.entry(holding.underlying).or_insert_with(|| book.shares_of(holding.underlying).max(0.0));
    let needed = -holding.share_quantity();
    let covered = needed.min(*shares);
    *shares -= covered;
    (needed - covered) / holding.multiplier()
}

fn holding_risk(book: &Book, h: &Holding, covered_left: &mut BTreeMap<usize, f64>) -> HoldingRisk {
    let u = &book.underlyings[h.underlying];
    let s = u.spot;
    let (mark, delta, gamma, theta_day, vega_point) = match h.instrument {
        Instrument::Shares => (s, 1.0, 0.0, 0.0, 0.0),
        Instrument::Option { right, strike, t, iv, .. } => {
            let v = u.option_value(s, right, strike, t, iv);
            (v.price, v.delta, v.gamma, v.theta_per_day, v.vega_per_point)
        }
    };
    let shares = h.share_quantity();
    // (collateral, margin estimate, exposure)
    let (collateral, margin, exposure) = match h.instrument {
        Instrument::Shares => (0.0, 0.0, (h.quantity * s).abs()),
        Instrument::Option { .. } if h.quantity > 0.0 => (0.0, 0.0, mark * shares),
        Instrument::Option { right: Right::Put, strike, .. } => {
            ((strike - h.premium) * -shares, reg_t_per_share(Right::Put, strike, s, mark) * -shares, strike * -shares)
        }
        Instrument::Option { right: Right::Call, strike, .. } => {
            let uncovered = uncovered_calls(book, h, covered_left) * h.multiplier();
            let margin = reg_t_per_share(Right::Call, strike, s, mark) * uncovered;
            (margin, margin, s * uncovered)
        }
    };
    HoldingRisk {
        label: h.label.clone(),
        symbol: u.symbol.clone(),
        quantity: h.quantity,
        mark,
        value: mark * shares,
        delta_shares: delta * shares,
        dollar_delta: delta * shares * s,
        gamma_shares: gamma * shares,
        dollar_gamma: gamma * shares * s * s / 100.0,
        theta_per_day: theta_day * shares,
        vega_per_point: vega_point * shares,
        collateral,
        margin_estimate: margin,
        exposure,
    }
}

/// Every figure of the book at its current spots. The book must be valid.
pub fn exposure(book: &Book) -> Exposure {
    let mut covered_left = BTreeMap::new();
    let holdings: Vec<HoldingRisk> = book.holdings.iter().map(|h| holding_risk(book, h, &mut covered_left)).collect();
    let sum = |f: fn(&HoldingRisk) -> f64| holdings.iter().map(f).sum::<f64>();
    let net_liquidation = book.cash + sum(|h| h.value);
    let secured: f64 = book
        .holdings
        .iter()
        .zip(&holdings)
        .map(|(h, r)| match h.instrument {
            Instrument::Option { right: Right::Put, strike, .. } if h.quantity < 0.0 => -h.share_quantity() * strike,
            Instrument::Option { right: Right::Call, .. } if h.quantity < 0.0 => r.collateral,
            _ => 0.0,
        })
        .sum();
    let mut names: BTreeMap<usize, NameExposure> = BTreeMap::new();
    for (h, r) in book.holdings.iter().zip(&holdings) {
        let u = &book.underlyings[h.underlying];
        let name = names.entry(h.underlying).or_insert_with(|| NameExposure {
            symbol: u.symbol.clone(),
            sector: u.sector.clone(),
            exposure: 0.0,
            pct: None,
            dollar_delta: 0.0,
            dollar_gamma: 0.0,
            theta_per_day: 0.0,
            vega_per_point: 0.0,
        });
        name.exposure += r.exposure;
        name.dollar_delta += r.dollar_delta;
        name.dollar_gamma += r.dollar_gamma;
        name.theta_per_day += r.theta_per_day;
        name.vega_per_point += r.vega_per_point;
    }
    let mut names: Vec<NameExposure> = names.into_values().collect();
    let mut sectors: BTreeMap<String, f64> = BTreeMap::new();
    for name in &mut names {
        name.pct = pct_of(name.exposure, net_liquidation);
        *sectors.entry(name.sector.clone().unwrap_or_else(|| UNKNOWN_SECTOR.to_string())).or_default() += name.exposure;
    }
    names.sort_by(|a, b| b.exposure.total_cmp(&a.exposure).then_with(|| a.symbol.cmp(&b.symbol)));
    let mut sectors: Vec<SectorExposure> =
        sectors.into_iter().map(|(sector, exposure)| SectorExposure { sector, exposure, pct: pct_of(exposure, net_liquidation) }).collect();
    sectors.sort_by(|a, b| b.exposure.total_cmp(&a.exposure).then_with(|| a.sector.cmp(&b.sector)));
    Exposure {
        dollar_delta: sum(|h| h.dollar_delta),
        dollar_gamma: sum(|h| h.dollar_gamma),
        theta_per_day: sum(|h| h.theta_per_day),
        vega_per_point: sum(|h| h.vega_per_point),
        cash: book.cash,
        net_liquidation,
        collateral: sum(|h| h.collateral),
        free_cash: book.cash - secured,
        margin_estimate: sum(|h| h.margin_estimate),
        names,
        sectors,
        holdings,
    }
}
