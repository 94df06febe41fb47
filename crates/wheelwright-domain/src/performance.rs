//! Performance over a period: what the wheels earned, how often they won, what they tied up and
//! what that capital returned per collateral-day — per wheel and in total, with monthly income in
//! the realized and the cash-flow view and the best and worst cycles. Everything is read off the
//! replayed books (so the rules of ACCOUNTING.md are applied once, in `ledger`) and the fills
//! (for the cash-flow view); marks come from the caller, so this stays pure and exact.
//!
//! Definitions (the CLI and the app show them under these names):
//! - A **closed leg** ended in the period (its last contracts closed, expired or were assigned).
//!   It is a win when what it realized is positive, a loss when negative, even at zero. A short
//!   put whose premium went into a lot's basis (assigned) — or a long call exercised into shares —
//!   realized nothing yet: it is counted as `assigned`, outside the win rate (a leg partly assigned
//!   and partly closed counts its closed part's result too). A called-away call's result is the
//!   call-away's whole gain (premium and shares), as the ledger realizes it.
//! - A **closed cycle** ended in the period; it wins when its realized P&L is positive.
//! - **Days in trade**: from the open to the last close (an expiry counts on the expiry date).
//! - **Collateral-days**: a short put ties up strike × multiplier × contracts, a long option its
//!   debit, shares their tax basis, each from the day it is taken on until the day it ends (a
//!   position opened and closed the same day counts one day; one still open counts through the
//!   period's last day). Covered calls tie up nothing beyond the shares they cover. Only the days
//!   inside the period count.
//! - **Annualized return on collateral** = realized P&L ÷ collateral-days × 365 (ACCOUNTING.md):
//!   per collateral-day, so a one-day trade cannot dominate.
//! - **Cash-flow view** of a month: option premium received (STO, STC) − buy-backs paid (BTC,
//!   BTO) − option and standalone fees + dividends (net of withholding) + adjustments. Share
//!   purchases, sales and strike cash are capital, not income. Over a wheel's life it equals its
//!   net option cash + dividends + standalone fee and adjustment cash.

use crate::fill::{Action, Fill};
use crate::instrument::{OptionSpec, Right};
use crate::ledger::{Side, WheelBook};
use crate::money::exact;
use chrono::{Datelike, Duration, NaiveDate};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::BTreeMap;
use ts_rs::TS;

/// Best and worst cycles listed.
pub const CYCLES_LISTED: usize = 3;

/// The days reported on, both ends included; open at the start means since the first fill.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
pub struct Period {
    #[ts(type = "string | null")]
    pub from: Option<NaiveDate>,
    #[ts(type = "string")]
    pub to: NaiveDate,
}

impl Period {
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.from.is_none_or(|from| date >= from) && date <= self.to
    }

    /// Days of `[start, end)` inside the period, with at least one day for the position itself.
    fn days_within(&self, start: NaiveDate, end: NaiveDate) -> i64 {
        let end = end.max(start + Duration::days(1));
        let lo = self.from.map_or(start, |from| start.max(from));
        let hi = end.min(self.to + Duration::days(1));
        (hi - lo).num_days().max(0)
    }
}

/// One wheel's inputs: its fills, its replayed book, and its mark-to-market P&L if known.
#[derive(Clone, Copy, Debug)]
pub struct WheelInput<'a> {
    pub portfolio: &'a str,
    pub symbol: &'a str,
    pub fills: &'a [Fill],
    pub book: &'a WheelBook,
    pub unrealized: Option<Decimal>,
}

/// Wins, losses and even results, and the win rate over the decided ones.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, TS)]
pub struct Tally {
    pub wins: u32,
    pub losses: u32,
    pub even: u32,
    /// Wins ÷ (wins + losses + even); `None` when nothing closed.
    pub win_rate: Option<f64>,
}

impl Tally {
    fn count(&mut self, result: Decimal) {
        match result.cmp(&Decimal::ZERO) {
            std::cmp::Ordering::Greater => self.wins += 1,
            std::cmp::Ordering::Less => self.losses += 1,
            std::cmp::Ordering::Equal => self.even += 1,
        }
    }

    fn add(&mut self, other: &Tally) {
        self.wins += other.wins;
        self.losses += other.losses;
        self.even += other.even;
    }

    fn finish(&mut self) {
        let decided = self.wins + self.losses + self.even;
        self.win_rate = (decided > 0).then(|| f64::from(self.wins) / f64::from(decided));
    }
}

/// The figures of one wheel, or of many added up.
#[derive(Clone, Debug, Default, PartialEq, Serialize, TS)]
pub struct Figures {
    /// Gross premium of the short legs opened in the period.
    #[ts(type = "string")]
    pub premium_collected: Decimal,
    #[ts(type = "string")]
    pub realized_pnl: Decimal,
    /// Mark-to-market P&L of what is still open (as of today; `None` when a mark is missing or the
    /// period ended before today).
    #[ts(type = "string | null")]
    pub unrealized_pnl: Option<Decimal>,
    /// Every fee of the fills in the period.
    #[ts(type = "string")]
    pub fees: Decimal,
    #[ts(type = "string")]
    pub dividends: Decimal,
    pub legs: Tally,
    /// Closed legs whose result moved into a lot's basis (assigned puts, exercised calls).
    pub legs_assigned: u32,
    pub cycles: Tally,
    pub short_legs_opened: u32,
    /// Premium collected ÷ short legs opened.
    #[ts(type = "string | null")]
    pub average_premium: Option<Decimal>,
    pub average_days_in_trade: Option<f64>,
    /// Σ collateral × days inside the period, in dollar-days.
    #[ts(type = "string")]
    pub collateral_days: Decimal,
    /// Realized P&L ÷ collateral-days × 365.
    pub annualized_return_on_collateral: Option<f64>,
    #[serde(skip)]
    #[ts(skip)]
    days_in_trade: i64,
    #[serde(skip)]
    #[ts(skip)]
    legs_closed: u32,
}

impl Figures {
    fn add(&mut self, other: &Figures) {
        self.premium_collected += other.premium_collected;
        self.realized_pnl += other.realized_pnl;
        self.unrealized_pnl = self.unrealized_pnl.zip(other.unrealized_pnl).map(|(a, b)| a + b);
        self.fees += other.fees;
        self.dividends += other.dividends;
        self.legs.add(&other.legs);
        self.legs_assigned += other.legs_assigned;
        self.cycles.add(&other.cycles);
        self.short_legs_opened += other.short_legs_opened;
        self.collateral_days += other.collateral_days;
        self.days_in_trade += other.days_in_trade;
        self.legs_closed += other.legs_closed;
    }

    /// Rates and averages, once the counts are in.
    fn finish(&mut self) {
        self.legs.finish();
        self.cycles.finish();
        self.average_premium = (self.short_legs_opened > 0).then(|| exact(self.premium_collected / Decimal::from(self.short_legs_opened)));
        self.average_days_in_trade = (self.legs_closed > 0).then(|| self.days_in_trade as f64 / f64::from(self.legs_closed));
        self.annualized_return_on_collateral = annualized(self.realized_pnl, self.collateral_days);
        self.premium_collected = exact(self.premium_collected);
        self.realized_pnl = exact(self.realized_pnl);
        self.unrealized_pnl = self.unrealized_pnl.map(exact);
        self.fees = exact(self.fees);
        self.dividends = exact(self.dividends);
        self.collateral_days = exact(self.collateral_days);
    }
}

fn annualized(pnl: Decimal, collateral_days: Decimal) -> Option<f64> {
    (collateral_days > Decimal::ZERO).then(|| (pnl / collateral_days * Decimal::from(365)).to_f64().unwrap_or(0.0))
}

#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct WheelPerformance {
    pub portfolio: String,
    pub symbol: String,
    pub figures: Figures,
}

/// One month's income in both views.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, TS)]
pub struct MonthIncome {
    /// "2026-03".
    pub month: String,
    /// P&L recognised in the month (realized view).
    #[ts(type = "string")]
    pub realized: Decimal,
    #[ts(type = "string")]
    pub premium: Decimal,
    #[ts(type = "string")]
    pub buybacks: Decimal,
    #[ts(type = "string")]
    pub dividends: Decimal,
    #[ts(type = "string")]
    pub fees: Decimal,
    #[ts(type = "string")]
    pub adjustments: Decimal,
    /// premium − buybacks − fees + dividends + adjustments.
    #[ts(type = "string")]
    pub cash_flow: Decimal,
}

/// A closed cycle and what it returned.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct CycleResult {
    pub portfolio: String,
    pub symbol: String,
    pub number: u32,
    #[ts(type = "string")]
    pub started: NaiveDate,
    #[ts(type = "string")]
    pub ended: NaiveDate,
    pub days: i64,
    #[ts(type = "string")]
    pub premium_collected: Decimal,
    #[ts(type = "string")]
    pub realized_pnl: Decimal,
    pub annualized_return_on_collateral: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct Performance {
    pub period: Period,
    pub total: Figures,
    pub wheels: Vec<WheelPerformance>,
    /// Months of the period with any income, oldest first.
    pub months: Vec<MonthIncome>,
    /// Closed cycles ended in the period, best first.
    pub best_cycles: Vec<CycleResult>,
    /// Worst first.
    pub worst_cycles: Vec<CycleResult>,
}

/// The performance of `wheels` over `period`.
pub fn performance(wheels: &[WheelInput], period: Period) -> Performance {
    let mut total = Figures { unrealized_pnl: Some(Decimal::ZERO), ..Figures::default() };
    let mut months: BTreeMap<String, MonthIncome> = BTreeMap::new();
    let mut cycles = Vec::new();
    let mut rows = Vec::with_capacity(wheels.len());
    for wheel in wheels {
        let mut figures = wheel_figures(wheel, &period);
        total.add(&figures);
        figures.finish();
        rows.push(WheelPerformance { portfolio: wheel.portfolio.to_string(), symbol: wheel.symbol.to_string(), figures });
        monthly(wheel, &period, &mut months);
        cycles.extend(closed_cycles(wheel, &period));
    }
    total.finish();
    cycles.sort_by(|a, b| b.realized_pnl.cmp(&a.realized_pnl).then(a.ended.cmp(&b.ended)));
    let best: Vec<CycleResult> = cycles.iter().take(CYCLES_LISTED).cloned().collect();
    // A cycle listed among the best is not listed again among the worst.
    let worst = cycles.iter().skip(best.len()).rev().take(CYCLES_LISTED).cloned().collect();
    let months = months
        .into_values()
        .map(|mut m| {
            m.cash_flow = m.premium - m.buybacks - m.fees + m.dividends + m.adjustments;
            for amount in
                [&mut m.realized, &mut m.premium, &mut m.buybacks, &mut m.dividends, &mut m.fees, &mut m.adjustments, &mut m.cash_flow]
            {
                *amount = exact(*amount);
            }
            m
        })
        .collect();
    Performance { period, total, wheels: rows, months, best_cycles: best, worst_cycles: worst }
}

/// Mark-to-market P&L of what a wheel still holds: shares at `spot` less their tax basis; a short
/// option's credit (net of opening fees not yet realized) less the cost to buy it back at its
/// mark; a long one's value at its mark less its debit. `None` when a needed mark is missing.
pub fn unrealized(book: &WheelBook, spot: Option<Decimal>, mark: impl Fn(&OptionSpec) -> Option<Decimal>) -> Option<Decimal> {
    let mut total = Decimal::ZERO;
    let shares = book.shares();
    if shares > Decimal::ZERO {
        let basis: Decimal = book.lots.iter().map(|l| l.basis).sum();
        total += shares * spot? - basis;
    }
    for leg in book.open_legs() {
        let value = leg.open_contracts * leg.contract.multiplier * mark(&leg.contract)?;
        total += leg.open_cash() + if leg.side == Side::Short { -value } else { value };
    }
    Some(total)
}

fn wheel_figures(wheel: &WheelInput, period: &Period) -> Figures {
    let book = wheel.book;
    let mut figures = Figures { unrealized_pnl: wheel.unrealized, ..Figures::default() };
    for fill in wheel.fills.iter().filter(|f| period.contains(f.data.date)) {
        figures.fees += fill.data.fees;
        if fill.data.action == Action::Dividend {
            figures.dividends += fill.data.cash();
        }
    }
    figures.realized_pnl = book.realizations.iter().filter(|r| period.contains(r.date)).map(|r| r.amount).sum();
    for leg in &book.legs {
        if leg.side == Side::Short && period.contains(leg.opened) {
            figures.short_legs_opened += 1;
            figures.premium_collected += leg.premium(leg.contracts);
        }
        let Some(ended) = leg_end(leg) else { continue };
        if !period.contains(ended) {
            continue;
        }
        figures.legs_closed += 1;
        figures.days_in_trade += (ended - leg.opened).num_days();
        // A leg partly assigned and partly closed counts both ways: its closed contracts' result
        // is a win or a loss, and it is also counted as assigned.
        if leg.closes.iter().any(|c| c.realized.is_none()) {
            figures.legs_assigned += 1;
        }
        if leg.closes.iter().any(|c| c.realized.is_some()) {
            figures.legs.count(leg.closes.iter().filter_map(|c| c.realized).sum());
        }
    }
    for cycle in &book.cycles {
        if cycle.ended.is_some_and(|ended| period.contains(ended)) {
            figures.cycles.count(cycle.realized_pnl);
        }
    }
    figures.collateral_days = collateral_days(book, period, None);
    figures
}

/// When a leg's last contracts ended (an expiry on the contract's expiry date); `None` while open.
fn leg_end(leg: &crate::ledger::Leg) -> Option<NaiveDate> {
    if leg.open_contracts > Decimal::ZERO {
        return None;
    }
    leg.closes.iter().map(|c| close_date(leg, c)).max()
}

fn close_date(leg: &crate::ledger::Leg, close: &crate::ledger::LegClose) -> NaiveDate {
    if close.action == Action::Expire {
        close.date.min(leg.contract.expiry)
    } else {
        close.date
    }
}

/// Σ collateral × days inside the period, of one cycle or of the whole wheel.
fn collateral_days(book: &WheelBook, period: &Period, cycle: Option<u32>) -> Decimal {
    let open_end = period.to + Duration::days(1);
    let mut total = Decimal::ZERO;
    let mut add = |amount: Decimal, start: NaiveDate, end: NaiveDate| total += amount * Decimal::from(period.days_within(start, end));
    for leg in book.legs.iter().filter(|l| cycle.is_none_or(|c| l.cycle == c)) {
        let per_contract = match (leg.side, leg.contract.right) {
            (Side::Short, Right::Put) => leg.contract.strike_cash_per_contract(),
            (Side::Short, Right::Call) => continue,
            (Side::Long, _) => leg.contract.multiplier * leg.price,
        };
        for close in &leg.closes {
            add(per_contract * close.contracts, leg.opened, close_date(leg, close));
        }
        add(per_contract * leg.open_contracts, leg.opened, open_end);
    }
    for lot in book.lots.iter().filter(|l| cycle.is_none_or(|c| l.cycle == c)) {
        for sale in book.disposals.iter().filter(|d| d.lot_id == lot.id) {
            add(sale.basis, lot.acquired, sale.date);
        }
        add(lot.basis, lot.acquired, open_end);
    }
    total
}

fn month_of(date: NaiveDate) -> String {
    format!("{:04}-{:02}", date.year(), date.month())
}

fn month_entry(months: &mut BTreeMap<String, MonthIncome>, date: NaiveDate) -> &mut MonthIncome {
    let key = month_of(date);
    months.entry(key.clone()).or_insert_with(|| MonthIncome { month: key, ..MonthIncome::default() })
}

fn monthly(wheel: &WheelInput, period: &Period, months: &mut BTreeMap<String, MonthIncome>) {
    for realization in wheel.book.realizations.iter().filter(|r| period.contains(r.date)) {
        month_entry(months, realization.date).realized += realization.amount;
    }
    for fill in wheel.fills.iter().filter(|f| period.contains(f.data.date)) {
        let data = &fill.data;
        let gross = data.cash() + data.fees;
        match data.action {
            Action::Sto | Action::Stc => {
                let m = month_entry(months, data.date);
                m.premium += gross;
                m.fees += data.fees;
            }
            Action::Btc | Action::Bto => {
                let m = month_entry(months, data.date);
                m.buybacks -= gross;
                m.fees += data.fees;
            }
            Action::Expire | Action::Fee => month_entry(months, data.date).fees += data.fees,
            Action::Dividend => month_entry(months, data.date).dividends += data.cash(),
            Action::Adjust => month_entry(months, data.date).adjustments += data.cash(),
            // Strike cash and share trades are capital; their fees sit in a lot's basis or its sale.
            Action::Assign | Action::Exercise | Action::Buy | Action::Sell => {}
            Action::Deposit | Action::Withdraw | Action::Interest => {}
        }
    }
}

fn closed_cycles(wheel: &WheelInput, period: &Period) -> Vec<CycleResult> {
    let book = wheel.book;
    book.cycles
        .iter()
        .filter_map(|cycle| {
            let ended = cycle.ended.filter(|e| period.contains(*e))?;
            let whole_cycle = Period { from: Some(cycle.started), to: ended };
            let collateral = collateral_days(book, &whole_cycle, Some(cycle.number));
            Some(CycleResult {
                portfolio: wheel.portfolio.to_string(),
                symbol: wheel.symbol.to_string(),
                number: cycle.number,
                started: cycle.started,
                ended,
                days: (ended - cycle.started).num_days(),
                premium_collected: exact(cycle.premium_collected),
                realized_pnl: exact(cycle.realized_pnl),
                annualized_return_on_collateral: annualized(cycle.realized_pnl, collateral),
            })
        })
        .collect()
}
