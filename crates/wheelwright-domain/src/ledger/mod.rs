//! Replay: the one place where fills become legs, lots, realized P&L, cycles and state. Every
//! derived figure in the app comes from here, so the rules of ACCOUNTING.md live in this module
//! and its children and nowhere else.

mod cycles;
mod legs;
mod lots;
mod summary;

pub use cycles::{Cycle, Roll};
pub use legs::{Leg, LegClose, Side};
pub use lots::{holding_term, Disposal, Lot, LotSource, Term};
pub use summary::{LotSummary, OpenOption, WheelState, WheelSummary};

use crate::error::{ErrorCode, LedgerError};
use crate::fill::{Action, Fill};
use crate::instrument::Right;
use chrono::NaiveDate;
use cycles::{CycleTracker, RollTracker};
use legs::LegBook;
use lots::LotBook;
use rust_decimal::Decimal;
use serde::Serialize;
use ts_rs::TS;

/// Why P&L was realized.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RealizationKind {
    OptionClosed,
    OptionExpired,
    ShareDisposal,
    Dividend,
    Fee,
    Adjustment,
}

/// One realization event, dated when it is recognised (an expiry on the contract's expiry date).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct Realization {
    pub fill_id: i64,
    #[ts(type = "string")]
    pub date: NaiveDate,
    pub kind: RealizationKind,
    #[ts(type = "string")]
    pub amount: Decimal,
    /// The cycle it belongs to; `None` for a fee or adjustment before the wheel's first trade.
    pub cycle: Option<u32>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum WarningCode {
    /// A call was sold against fewer shares than it covers.
    NakedCall,
    /// A loss on shares with a purchase or assignment of the same stock within 30 days.
    WashSaleProbable,
}

/// Something the user should look at; the fill was booked anyway.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct Warning {
    pub fill_id: i64,
    pub code: WarningCode,
    pub message: String,
}

/// Everything derived from one wheel's fills.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct WheelBook {
    pub legs: Vec<Leg>,
    pub lots: Vec<Lot>,
    pub disposals: Vec<Disposal>,
    pub realizations: Vec<Realization>,
    pub cycles: Vec<Cycle>,
    pub rolls: Vec<Roll>,
    pub warnings: Vec<Warning>,
    pub premium_collected: Decimal,
    pub net_option_cash: Decimal,
    pub fees: Decimal,
    pub dividends: Decimal,
    /// Net cash of every fill of the wheel (in minus out).
    pub net_cash: Decimal,
    /// The adjusted-basis pool of the current cycle (see ACCOUNTING.md).
    pub basis_pool: Decimal,
}

impl WheelBook {
    pub fn realized_pnl(&self) -> Decimal {
        self.realizations.iter().map(|r| r.amount).sum()
    }

    pub fn shares(&self) -> Decimal {
        self.lots.iter().map(|l| l.shares).sum()
    }

    pub fn open_legs(&self) -> impl Iterator<Item = &Leg> {
        self.legs.iter().filter(|l| l.open_contracts > Decimal::ZERO)
    }
}

struct Replay {
    legs: LegBook,
    lots: LotBook,
    cycles: CycleTracker,
    rolls: RollTracker,
    book: WheelBook,
}

/// Replays one wheel's fills in ledger order — (date, entry sequence) — and derives its book.
/// The fills may come in any order; the result depends only on their content.
pub fn replay(fills: &[Fill]) -> Result<WheelBook, LedgerError> {
    let mut ordered: Vec<&Fill> = fills.iter().collect();
    ordered.sort_by_key(|f| (f.data.date, f.seq, f.id));
    let mut run = Replay {
        legs: LegBook::default(),
        lots: LotBook::default(),
        cycles: CycleTracker::default(),
        rolls: RollTracker::default(),
        book: WheelBook::default(),
    };
    for fill in ordered {
        fill.data.validate().map_err(|e| e.at_fill(fill.id))?;
        if fill.data.action.is_account_cash() {
            return Err(LedgerError::new(
                ErrorCode::Internal,
                format!("{} is account cash and cannot be replayed in a wheel", fill.data.action),
            )
            .at_fill(fill.id));
        }
        run.apply(fill).map_err(|e| e.at_fill(fill.id))?;
    }
    Ok(run.finish())
}

impl Replay {
    fn apply(&mut self, fill: &Fill) -> Result<(), LedgerError> {
        let data = &fill.data;
        let opening = matches!(data.action, Action::Sto | Action::Bto | Action::Buy);
        if opening {
            self.cycles.start_if_idle(data.date);
        }
        let cycle = self.cycles.current_or_last();
        self.cycles.add_fill(cycle, fill.id);
        let cash = data.cash();
        self.book.fees += data.fees;
        self.book.net_cash += cash;
        match data.action {
            Action::Sto | Action::Bto => {
                let side = if data.action == Action::Sto { Side::Short } else { Side::Long };
                let cycle = cycle.expect("an opening fill starts a cycle");
                let leg = self.legs.open(fill, side, cycle);
                if let Some(roll_id) = &data.roll_id {
                    self.rolls.opened(roll_id, data.date, self.legs.legs[leg].id, cash);
                }
                if data.action == Action::Sto {
                    let premium = cash + data.fees;
                    self.book.premium_collected += premium;
                    self.cycles.add_premium(premium);
                    self.check_call_coverage(fill);
                }
                self.option_cash(cash);
            }
            Action::Btc | Action::Stc => {
                let side = if data.action == Action::Btc { Side::Short } else { Side::Long };
                let parts = self.legs.consume(fill, side)?;
                if let Some(roll_id) = &data.roll_id {
                    let closed = parts.iter().map(|p| self.legs.legs[p.leg].id);
                    self.rolls.closed(roll_id, data.date, closed.collect::<Vec<_>>(), cash);
                }
                for part in parts {
                    let leg = &self.legs.legs[part.leg];
                    let open_value = leg.premium(part.contracts);
                    let close_value = part.contracts * leg.contract.multiplier * data.price;
                    let gross = if side == Side::Short { open_value - close_value } else { close_value - open_value };
                    let realized = gross - part.open_fee_share - part.close_fee_share;
                    self.legs.record_close(fill, &part, Some(realized));
                    self.realize(fill, data.date, RealizationKind::OptionClosed, realized, cycle);
                }
                self.option_cash(cash);
            }
            Action::Expire => {
                // Side: whatever is open. A short leg keeps its premium, a long one loses its cost.
                let contract = data.option.as_ref().expect("validated");
                let side =
                    if self.legs.open_legs().any(|l| &l.contract == contract && l.side == Side::Short) { Side::Short } else { Side::Long };
                for part in self.legs.consume(fill, side)? {
                    let leg = &self.legs.legs[part.leg];
                    let premium = leg.premium(part.contracts);
                    let gross = if side == Side::Short { premium } else { -premium };
                    let realized = gross - part.open_fee_share - part.close_fee_share;
                    self.legs.record_close(fill, &part, Some(realized));
                    // Recognised on the expiry date, whatever day the broker posts it.
                    self.realize(fill, contract.expiry, RealizationKind::OptionExpired, realized, cycle);
                }
                self.option_cash(cash);
            }
            Action::Assign | Action::Exercise => self.settle(fill, cycle)?,
            Action::Buy => {
                let cycle = cycle.expect("an opening fill starts a cycle");
                let cost = data.quantity * data.price + data.fees;
                self.lots.acquire(fill, None, LotSource::Purchase, data.quantity, cost, cycle);
                self.book.basis_pool += cost;
            }
            Action::Sell => {
                let proceeds = data.quantity * data.price - data.fees;
                self.dispose(fill, data.quantity, proceeds, cycle)?;
            }
            Action::Dividend => {
                self.book.dividends += cash;
                self.cycles.add_dividend(cash);
                self.book.basis_pool -= cash;
                self.realize(fill, data.date, RealizationKind::Dividend, cash, cycle);
            }
            Action::Fee => self.realize(fill, data.date, RealizationKind::Fee, cash, cycle),
            Action::Adjust => self.realize(fill, data.date, RealizationKind::Adjustment, cash, cycle),
            Action::Deposit | Action::Withdraw | Action::Interest => unreachable!("rejected before apply"),
        }
        self.cycles.add_fees(data.fees);
        let flat = self.lots.shares().is_zero() && self.legs.open_legs().next().is_none();
        let roll_close = matches!(data.action, Action::Btc | Action::Stc) && data.roll_id.is_some();
        if flat && !roll_close {
            self.cycles.end(data.date);
        }
        Ok(())
    }

    /// Cash of an option fill: counted in the wheel's and the cycle's net option cash, and
    /// taken off the adjusted-basis pool.
    fn option_cash(&mut self, cash: Decimal) {
        self.book.net_option_cash += cash;
        self.cycles.add_option_cash(cash);
        self.book.basis_pool -= cash;
    }

    fn realize(&mut self, fill: &Fill, date: NaiveDate, kind: RealizationKind, amount: Decimal, cycle: Option<u32>) {
        self.cycles.add_realized(cycle, amount);
        self.book.realizations.push(Realization { fill_id: fill.id, date, kind, amount, cycle });
    }

    /// Assignment of a short option or exercise of a long one: shares move at the strike.
    fn settle(&mut self, fill: &Fill, cycle: Option<u32>) -> Result<(), LedgerError> {
        let data = &fill.data;
        let contract = data.option.as_ref().expect("validated").clone();
        let side = if data.action == Action::Assign { Side::Short } else { Side::Long };
        let parts = self.legs.consume(fill, side)?;
        let cycle_number = cycle.expect("an open leg implies a cycle");
        let shares_in = (data.action == Action::Assign) == (contract.right == Right::Put);
        if !shares_in {
            let needed: Decimal = parts.iter().map(|p| p.contracts * contract.deliverable).sum();
            let held = self.lots.shares();
            if held < needed {
                return Err(LedgerError::field(
                    ErrorCode::InsufficientShares,
                    "quantity",
                    format!(
                        "{} of {} {contract} delivers {needed} shares but the wheel holds {held}: the ledger does not book short stock",
                        data.action, data.quantity
                    ),
                ));
            }
        }
        for part in parts {
            let leg = &self.legs.legs[part.leg];
            let leg_id = leg.id;
            let premium = leg.premium(part.contracts);
            let strike_cash = part.contracts * contract.strike_cash_per_contract();
            let shares = part.contracts * contract.deliverable;
            let fees = part.open_fee_share + part.close_fee_share;
            match (data.action, contract.right) {
                (Action::Assign, Right::Put) => {
                    // Not a realization: the premium (net of its opening fees) lowers the basis.
                    let basis = strike_cash - (premium - part.open_fee_share) + part.close_fee_share;
                    self.lots.acquire(fill, Some(leg_id), LotSource::PutAssignment, shares, basis, cycle_number);
                    self.book.basis_pool += strike_cash + part.close_fee_share;
                    self.legs.record_close(fill, &part, None);
                }
                (Action::Exercise, Right::Call) => {
                    let basis = strike_cash + premium + fees;
                    self.lots.acquire(fill, Some(leg_id), LotSource::CallExercise, shares, basis, cycle_number);
                    self.book.basis_pool += strike_cash + part.close_fee_share;
                    self.legs.record_close(fill, &part, None);
                }
                (Action::Assign, Right::Call) => {
                    let amount_realized = strike_cash + premium - fees;
                    let gain = self.dispose(fill, shares, amount_realized, cycle)?;
                    self.legs.record_close(fill, &part, Some(gain));
                }
                (Action::Exercise, Right::Put) => {
                    let amount_realized = strike_cash - premium - fees;
                    let gain = self.dispose(fill, shares, amount_realized, cycle)?;
                    self.legs.record_close(fill, &part, Some(gain));
                }
                _ => unreachable!("settle is only called for ASSIGN and EXERCISE"),
            }
        }
        Ok(())
    }

    /// Shares leave the wheel: FIFO over lots, gains realized, the basis pool shrinks in
    /// proportion (a sale does not move the adjusted per-share figure). Returns the total gain.
    fn dispose(&mut self, fill: &Fill, shares: Decimal, amount_realized: Decimal, cycle: Option<u32>) -> Result<Decimal, LedgerError> {
        let held = self.lots.shares();
        let disposals = self.lots.dispose(fill.id, fill.data.date, shares, amount_realized)?;
        self.book.basis_pool -= self.book.basis_pool * shares / held;
        let gain: Decimal = disposals.iter().map(|d| d.gain).sum();
        self.book.disposals.extend(disposals);
        self.realize(fill, fill.data.date, RealizationKind::ShareDisposal, gain, cycle);
        Ok(gain)
    }

    fn check_call_coverage(&mut self, fill: &Fill) {
        let needed: Decimal = self
            .legs
            .open_legs()
            .filter(|l| l.side == Side::Short && l.contract.right == Right::Call)
            .map(|l| l.open_contracts * l.contract.deliverable)
            .sum();
        let held = self.lots.shares();
        if needed > held {
            self.book.warnings.push(Warning {
                fill_id: fill.id,
                code: WarningCode::NakedCall,
                message: format!("short calls cover {needed} shares but the wheel holds {held}: {} shares are naked", needed - held),
            });
        }
    }

    fn finish(mut self) -> WheelBook {
        flag_wash_sales(&mut self.book.disposals, &self.lots.lots, &mut self.book.warnings);
        self.book.rolls = self.rolls.into_rolls();
        self.book.cycles = self.cycles.into_cycles();
        self.book.legs = self.legs.legs;
        self.book.lots = self.lots.lots;
        self.book
    }
}

/// Flags losses with an acquisition of the same stock within 30 days before or after (lots the
/// sale itself consumed do not count). Only a flag: the basis adjustment is a tax-report matter.
fn flag_wash_sales(disposals: &mut [Disposal], lots: &[Lot], warnings: &mut Vec<Warning>) {
    for index in 0..disposals.len() {
        let sale = &disposals[index];
        if sale.gain >= Decimal::ZERO {
            continue;
        }
        let consumed: Vec<i64> = disposals.iter().filter(|d| d.fill_id == sale.fill_id).map(|d| d.lot_id).collect();
        let window = |date: NaiveDate| (date - sale.date).num_days().abs() <= 30;
        if let Some(replacement) = lots.iter().find(|lot| !consumed.contains(&lot.id) && window(lot.acquired)) {
            let message = format!(
                "loss of {} on shares sold {} with shares acquired {} (within 30 days): probable wash sale",
                -sale.gain, sale.date, replacement.acquired
            );
            let fill_id = sale.fill_id;
            disposals[index].wash_sale_probable = true;
            if !warnings.iter().any(|w| w.fill_id == fill_id && w.code == WarningCode::WashSaleProbable) {
                warnings.push(Warning { fill_id, code: WarningCode::WashSaleProbable, message });
            }
        }
    }
}
