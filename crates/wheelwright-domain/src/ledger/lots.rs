//! Share lots: each keeps its exact total basis and acquisition date. Sales, call-aways and put
//! exercises consume lots FIFO; a partly sold lot gives up its basis pro rata by shares, rounded
//! to the cent, and the sale that empties it takes exactly what is left.

use crate::error::{ErrorCode, LedgerError};
use crate::fill::Fill;
use crate::money::{split_pro_rata, Allocation};
use chrono::{Months, NaiveDate};
use rust_decimal::Decimal;
use serde::Serialize;
use ts_rs::TS;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum LotSource {
    Purchase,
    PutAssignment,
    CallExercise,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct Lot {
    /// The id of the fill that created the lot.
    pub id: i64,
    /// The leg whose assignment or exercise created it, if any.
    pub leg_id: Option<i64>,
    pub source: LotSource,
    #[ts(type = "string")]
    pub acquired: NaiveDate,
    #[ts(type = "string")]
    pub shares_acquired: Decimal,
    /// Shares still held.
    #[ts(type = "string")]
    pub shares: Decimal,
    /// Tax basis of the shares still held (exact).
    #[ts(type = "string")]
    pub basis: Decimal,
    pub cycle: u32,
    #[serde(skip)]
    #[ts(skip)]
    basis_allocation: Allocation,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Term {
    Short,
    Long,
}

/// Shares of one lot leaving the wheel (sale, call-away, put exercise) and the gain on them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct Disposal {
    pub fill_id: i64,
    #[ts(type = "string")]
    pub date: NaiveDate,
    pub lot_id: i64,
    #[ts(type = "string")]
    pub acquired: NaiveDate,
    #[ts(type = "string")]
    pub shares: Decimal,
    /// This lot's share of the amount realized.
    #[ts(type = "string")]
    pub proceeds: Decimal,
    #[ts(type = "string")]
    pub basis: Decimal,
    #[ts(type = "string")]
    pub gain: Decimal,
    pub term: Term,
    /// A loss with a purchase or assignment of the same stock within 30 days either side.
    pub wash_sale_probable: bool,
}

/// Long-term when held more than one year: sold after the anniversary of the acquisition.
pub fn holding_term(acquired: NaiveDate, sold: NaiveDate) -> Term {
    match acquired.checked_add_months(Months::new(12)) {
        Some(anniversary) if sold > anniversary => Term::Long,
        _ => Term::Short,
    }
}

#[derive(Clone, Debug, Default)]
pub struct LotBook {
    pub lots: Vec<Lot>,
}

impl LotBook {
    pub fn acquire(&mut self, fill: &Fill, leg_id: Option<i64>, source: LotSource, shares: Decimal, basis: Decimal, cycle: u32) {
        self.lots.push(Lot {
            id: fill.id,
            leg_id,
            source,
            acquired: fill.data.date,
            shares_acquired: shares,
            shares,
            basis,
            cycle,
            basis_allocation: Allocation::new(basis),
        });
    }

    pub fn shares(&self) -> Decimal {
        self.lots.iter().map(|l| l.shares).sum()
    }

    /// Removes `shares` FIFO and splits `amount_realized` over the lots they came from, pro rata
    /// by shares.
    pub fn dispose(
        &mut self,
        fill_id: i64,
        date: NaiveDate,
        shares: Decimal,
        amount_realized: Decimal,
    ) -> Result<Vec<Disposal>, LedgerError> {
        let held = self.shares();
        if held < shares {
            return Err(LedgerError::field(
                ErrorCode::InsufficientShares,
                "quantity",
                format!(
                    "this needs {shares} shares but the wheel holds {held}: record the purchase or assignment that brought them in first"
                ),
            ));
        }
        let mut taken: Vec<(usize, Decimal, Decimal)> = Vec::new();
        let mut left = shares;
        for (index, lot) in self.lots.iter_mut().enumerate() {
            if left.is_zero() {
                break;
            }
            if lot.shares.is_zero() {
                continue;
            }
            let take = left.min(lot.shares);
            lot.shares -= take;
            left -= take;
            let basis = lot.basis_allocation.take(take, lot.shares_acquired, lot.shares);
            lot.basis -= basis;
            taken.push((index, take, basis));
        }
        let weights: Vec<Decimal> = taken.iter().map(|t| t.1).collect();
        let proceeds = split_pro_rata(amount_realized, &weights);
        Ok(taken
            .into_iter()
            .zip(proceeds)
            .map(|((index, shares, basis), proceeds)| {
                let lot = &self.lots[index];
                Disposal {
                    fill_id,
                    date,
                    lot_id: lot.id,
                    acquired: lot.acquired,
                    shares,
                    proceeds,
                    basis,
                    gain: proceeds - basis,
                    term: holding_term(lot.acquired, date),
                    wash_sale_probable: false,
                }
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn term_turns_long_only_after_the_anniversary() {
        assert_eq!(holding_term(d(2024, 3, 15), d(2025, 3, 15)), Term::Short);
        assert_eq!(holding_term(d(2024, 3, 15), d(2025, 3, 16)), Term::Long);
    }
}
