//! Option legs: one per opening fill. Closing fills consume open legs FIFO; a leg's opening fees
//! are handed to its closes pro rata by contracts (rounded to the cent, the remainder to the
//! close that empties it), and a close's own fees are split over the legs it consumes the same way.

use crate::error::{ErrorCode, LedgerError};
use crate::fill::{Action, Fill};
use crate::instrument::OptionSpec;
use crate::money::{split_pro_rata, Allocation};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;
use ts_rs::TS;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    Short,
    Long,
}

/// One opening fill's contracts and what became of them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct Leg {
    /// The id of the opening fill.
    pub id: i64,
    pub side: Side,
    pub contract: OptionSpec,
    #[ts(type = "string")]
    pub opened: NaiveDate,
    #[ts(type = "string")]
    pub contracts: Decimal,
    /// Contracts still open.
    #[ts(type = "string")]
    pub open_contracts: Decimal,
    /// Premium per share at the open.
    #[ts(type = "string")]
    pub price: Decimal,
    #[ts(type = "string")]
    pub open_fees: Decimal,
    pub cycle: u32,
    pub roll_id: Option<String>,
    pub closes: Vec<LegClose>,
    #[serde(skip)]
    #[ts(skip)]
    fee_allocation: Allocation,
}

/// Part of a leg ended by one closing fill.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct LegClose {
    pub fill_id: i64,
    pub action: Action,
    #[ts(type = "string")]
    pub date: NaiveDate,
    #[ts(type = "string")]
    pub contracts: Decimal,
    /// Price per share paid or received by the close (zero for settlements).
    #[ts(type = "string")]
    pub price: Decimal,
    /// This part's share of the leg's opening fees.
    #[ts(type = "string")]
    pub open_fee_share: Decimal,
    /// This part's share of the closing fill's fees.
    #[ts(type = "string")]
    pub close_fee_share: Decimal,
    /// P&L realized by this part; `None` when it moved into a lot's basis instead (an assigned
    /// put, an exercised call).
    #[ts(type = "string | null")]
    pub realized: Option<Decimal>,
}

impl Leg {
    /// Premium of `contracts` of this leg, per the premium multiplier.
    pub fn premium(&self, contracts: Decimal) -> Decimal {
        contracts * self.contract.multiplier * self.price
    }

    /// Cash the still-open contracts brought in (+, short) or cost (−, long), net of the
    /// opening fees not yet handed to a close.
    pub fn open_cash(&self) -> Decimal {
        let premium = self.premium(self.open_contracts);
        match self.side {
            Side::Short => premium - self.fee_allocation.left(),
            Side::Long => -premium - self.fee_allocation.left(),
        }
    }
}

/// A portion of one leg consumed by a closing fill, before its P&L is decided.
#[derive(Clone, Debug)]
pub struct Consumed {
    pub leg: usize,
    pub contracts: Decimal,
    pub open_fee_share: Decimal,
    pub close_fee_share: Decimal,
}

#[derive(Clone, Debug, Default)]
pub struct LegBook {
    pub legs: Vec<Leg>,
}

impl LegBook {
    pub fn open(&mut self, fill: &Fill, side: Side, cycle: u32) -> usize {
        let contract = fill.data.option.clone().expect("validated option fill has a contract");
        self.legs.push(Leg {
            id: fill.id,
            side,
            contract,
            opened: fill.data.date,
            contracts: fill.data.quantity,
            open_contracts: fill.data.quantity,
            price: fill.data.price,
            open_fees: fill.data.fees,
            cycle,
            roll_id: fill.data.roll_id.clone(),
            closes: Vec::new(),
            fee_allocation: Allocation::new(fill.data.fees),
        });
        self.legs.len() - 1
    }

    pub fn open_legs(&self) -> impl Iterator<Item = &Leg> {
        self.legs.iter().filter(|l| l.open_contracts > Decimal::ZERO)
    }

    fn open_of(&self, contract: &OptionSpec, side: Side) -> Decimal {
        self.open_legs().filter(|l| l.side == side && &l.contract == contract).map(|l| l.open_contracts).sum()
    }

    /// Consumes `fill.quantity` contracts of `side` FIFO, allocating fees; the caller records the
    /// closes once it knows what each part realized.
    pub fn consume(&mut self, fill: &Fill, side: Side) -> Result<Vec<Consumed>, LedgerError> {
        let contract = fill.data.option.as_ref().expect("validated option fill has a contract");
        let wanted = fill.data.quantity;
        let open = self.open_of(contract, side);
        if open < wanted {
            let other = match side {
                Side::Short => Side::Long,
                Side::Long => Side::Short,
            };
            let held_other = self.open_of(contract, other);
            let code = match (fill.data.action, open.is_zero() && held_other > Decimal::ZERO) {
                (Action::Assign, true) => ErrorCode::NotShort,
                (Action::Exercise, true) => ErrorCode::NotLong,
                _ => ErrorCode::CloseExceedsOpen,
            };
            let side_word = |s: Side| if s == Side::Short { "short" } else { "long" };
            let mut message = format!(
                "{} of {} {contract} needs {} {} contract(s) open, but {} {} open",
                fill.data.action,
                wanted,
                wanted,
                side_word(side),
                open,
                if open == Decimal::ONE { "is" } else { "are" },
            );
            if held_other > Decimal::ZERO {
                message.push_str(&format!(" ({held_other} held {})", side_word(other)));
            }
            return Err(LedgerError::field(code, "quantity", message));
        }
        let mut parts = Vec::new();
        let mut left = wanted;
        for (index, leg) in self.legs.iter_mut().enumerate() {
            if left.is_zero() {
                break;
            }
            if leg.side != side || &leg.contract != contract || leg.open_contracts.is_zero() {
                continue;
            }
            let take = left.min(leg.open_contracts);
            leg.open_contracts -= take;
            left -= take;
            let open_fee_share = leg.fee_allocation.take(take, leg.contracts, leg.open_contracts);
            parts.push(Consumed { leg: index, contracts: take, open_fee_share, close_fee_share: Decimal::ZERO });
        }
        let weights: Vec<Decimal> = parts.iter().map(|p| p.contracts).collect();
        for (part, fee) in parts.iter_mut().zip(split_pro_rata(fill.data.fees, &weights)) {
            part.close_fee_share = fee;
        }
        Ok(parts)
    }

    pub fn record_close(&mut self, fill: &Fill, part: &Consumed, realized: Option<Decimal>) {
        self.legs[part.leg].closes.push(LegClose {
            fill_id: fill.id,
            action: fill.data.action,
            date: fill.data.date,
            contracts: part.contracts,
            price: fill.data.price,
            open_fee_share: part.open_fee_share,
            close_fee_share: part.close_fee_share,
            realized,
        });
    }
}
