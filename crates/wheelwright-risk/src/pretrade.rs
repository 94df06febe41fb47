//! The pre-trade check: the book as it would be after a proposed trade, against the trader's
//! limits — the traded position, its name and sector, portfolio delta, a bad day's loss (one-day
//! 99% delta-gamma VaR) and the cash left free — with the figures before and after, so the
//! verdict (approved / warnings / violations) shows its numbers.

use crate::book::{Book, Holding, Instrument};
use crate::exposure::{exposure, pct_of, Exposure, UNKNOWN_SECTOR};
use crate::horizon::Horizon;
use crate::limits::{judge, LimitCheck, LimitName, Limits, Status};
use crate::parametric::delta_gamma;
use crate::RiskError;
use chrono::{DateTime, Utc};
use serde::Serialize;
use ts_rs::TS;

/// A proposed trade: `quantity` shares or contracts (negative to sell) at `price` a share.
#[derive(Clone, Debug, PartialEq)]
pub struct Trade {
    pub underlying: usize,
    pub instrument: Instrument,
    pub quantity: f64,
    pub price: f64,
    pub label: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, TS)]
pub struct Standing {
    pub net_liquidation: f64,
    pub free_cash: f64,
    pub dollar_delta: f64,
    /// One-day 99% delta-gamma VaR.
    pub daily_var: f64,
    /// The traded name's and sector's exposure, percent of net liquidation.
    pub name_pct: Option<f64>,
    pub sector_pct: Option<f64>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Approved,
    Warnings,
    Violations,
}

#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct PreTrade {
    pub verdict: Verdict,
    pub checks: Vec<LimitCheck>,
    pub before: Standing,
    pub after: Standing,
}

/// The book after the trade: cash moves by the price, and the quantity joins an identical
/// holding (its premium averaged) or opens a new one.
pub fn apply(book: &Book, trade: &Trade) -> Book {
    let mut after = book.clone();
    let probe = Holding {
        underlying: trade.underlying,
        instrument: trade.instrument,
        quantity: trade.quantity,
        premium: 0.0,
        label: trade.label.clone(),
    };
    after.cash -= trade.price * probe.share_quantity();
    let sold = if trade.quantity < 0.0 { trade.price } else { 0.0 };
    match after.holdings.iter_mut().find(|h| h.underlying == trade.underlying && h.instrument == trade.instrument) {
        Some(held) => {
            let total = held.quantity + trade.quantity;
            if held.quantity < 0.0 && trade.quantity < 0.0 {
                held.premium = (held.premium * held.quantity + sold * trade.quantity) / total;
            }
            held.quantity = total;
        }
        None => after.holdings.push(Holding { premium: sold, ..probe }),
    }
    after.holdings.retain(|h| h.quantity.abs() > 1e-12);
    after
}

/// The book's standing on the traded name, with its exposure (the checks read both).
fn standing(book: &Book, underlying: usize, now: DateTime<Utc>) -> (Standing, Exposure) {
    let e = exposure(book);
    let symbol = &book.underlyings[underlying].symbol;
    let sector = book.underlyings[underlying].sector.as_deref().unwrap_or(UNKNOWN_SECTOR);
    let standing = Standing {
        net_liquidation: e.net_liquidation,
        free_cash: e.free_cash,
        dollar_delta: e.dollar_delta,
        daily_var: delta_gamma(book, Horizon::after(now, 1), 0.99).var,
        name_pct: e.names.iter().find(|n| &n.symbol == symbol).and_then(|n| n.pct),
        sector_pct: e.sectors.iter().find(|s| s.sector == sector).and_then(|s| s.pct),
    };
    (standing, e)
}

/// Checks a trade against the limits. Both the book and the trade must be valid.
pub fn check(book: &Book, trade: &Trade, limits: &Limits, now: DateTime<Utc>) -> Result<PreTrade, RiskError> {
    limits.validate()?;
    if trade.underlying >= book.underlyings.len() {
        return Err(RiskError::new("trade.symbol", "the traded underlying is not in the book"));
    }
    if !(trade.quantity.is_finite() && trade.quantity != 0.0) {
        return Err(RiskError::new(
            "trade.quantity",
            format!("{} is not a quantity: give a whole number, negative to sell", trade.quantity),
        ));
    }
    if !(trade.price.is_finite() && trade.price >= 0.0) {
        return Err(RiskError::new("trade.price", format!("{} is not a price a share", trade.price)));
    }
    let after_book = apply(book, trade);
    after_book.validate()?;
    let (before, _) = standing(book, trade.underlying, now);
    let (after, after_exposure) = standing(&after_book, trade.underlying, now);
    let nlv = after.net_liquidation;
    let u = &after_book.underlyings[trade.underlying];
    let position = after_book
        .holdings
        .iter()
        .position(|h| h.underlying == trade.underlying && h.instrument == trade.instrument)
        .map(|i| after_exposure.holdings[i].exposure);
    let mut checks = vec![
        judge(
            LimitName::Position,
            Some(trade.label.clone()),
            position.map_or(Some(0.0), |p| pct_of(p, nlv)),
            limits.max_position_pct,
            true,
            "This position would be",
        ),
        judge(LimitName::Name, Some(u.symbol.clone()), after.name_pct, limits.max_name_pct, true, &format!("{} would be", u.symbol)),
    ];
    let mut sector = judge(
        LimitName::Sector,
        Some(u.sector.clone().unwrap_or_else(|| UNKNOWN_SECTOR.to_string())),
        u.sector.as_ref().and(after.sector_pct),
        limits.max_sector_pct,
        true,
        &format!("The {} sector would be", u.sector.as_deref().unwrap_or(UNKNOWN_SECTOR)),
    );
    if u.sector.is_none() {
        sector.message = format!(
            "{} has no sector, so the sector limit cannot be checked: set one with `wheelwright symbol note {} --sector …`",
            u.symbol, u.symbol
        );
    }
    checks.push(sector);
    checks.push(judge(
        LimitName::Delta,
        None,
        pct_of(after.dollar_delta.abs(), nlv),
        limits.max_delta_pct,
        true,
        "Portfolio dollar delta would be",
    ));
    checks.push(judge(
        LimitName::DailyLoss,
        None,
        pct_of(after.daily_var, nlv),
        limits.max_daily_loss_pct,
        true,
        "A 1-in-100 day's loss would be",
    ));
    checks.push(cash_check(nlv, after.free_cash, limits, "Free cash would be"));
    let verdict = match checks.iter().map(|c| c.status).max() {
        Some(Status::Violation) => Verdict::Violations,
        Some(Status::Warning) => Verdict::Warnings,
        _ => Verdict::Approved,
    };
    Ok(PreTrade { verdict, checks, before, after })
}

/// Free cash against its minimum. No share of a book worth nothing can be measured, and a book
/// that owes more than it holds is itself the worst breach: said as one, not lost among
/// "cannot be measured".
fn cash_check(nlv: f64, free_cash: f64, limits: &Limits, what: &str) -> LimitCheck {
    if nlv > 0.0 {
        return judge(LimitName::Cash, None, pct_of(free_cash, nlv), limits.min_cash_pct, false, what);
    }
    LimitCheck {
        limit: LimitName::Cash,
        subject: None,
        value_pct: None,
        limit_pct: limits.min_cash_pct,
        status: Status::Violation,
        message: format!("Net liquidation value is {nlv:.2}: the book is worth nothing or less"),
    }
}

/// The book as it stands against every limit — each holding, each name, each known sector,
/// portfolio delta, a bad day's loss and free cash — for the risk monitor (no trade involved).
pub fn standing_checks(book: &Book, limits: &Limits, now: DateTime<Utc>) -> Result<Vec<LimitCheck>, RiskError> {
    limits.validate()?;
    book.validate()?;
    let e = exposure(book);
    let nlv = e.net_liquidation;
    let mut checks: Vec<LimitCheck> = e
        .holdings
        .iter()
        .map(|h| judge(LimitName::Position, Some(h.label.clone()), pct_of(h.exposure, nlv), limits.max_position_pct, true, &h.label))
        .collect();
    checks.extend(e.names.iter().map(|n| judge(LimitName::Name, Some(n.symbol.clone()), n.pct, limits.max_name_pct, true, &n.symbol)));
    checks.extend(e.sectors.iter().filter(|s| s.sector != UNKNOWN_SECTOR).map(|s| {
        judge(LimitName::Sector, Some(s.sector.clone()), s.pct, limits.max_sector_pct, true, &format!("The {} sector", s.sector))
    }));
    checks.push(judge(LimitName::Delta, None, pct_of(e.dollar_delta.abs(), nlv), limits.max_delta_pct, true, "Portfolio dollar delta"));
    let daily_var = delta_gamma(book, Horizon::after(now, 1), 0.99).var;
    checks.push(judge(LimitName::DailyLoss, None, pct_of(daily_var, nlv), limits.max_daily_loss_pct, true, "A 1-in-100 day's loss"));
    checks.push(cash_check(nlv, e.free_cash, limits, "Free cash"));
    Ok(checks)
}
