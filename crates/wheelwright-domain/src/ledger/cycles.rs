//! Cycles and rolls. A cycle runs from the first opening fill on an idle wheel until the wheel
//! holds no shares and no open options again (a roll-linked close does not end it). A roll is
//! the fills sharing a roll id; rolls chain when one closes the leg a previous roll opened.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;
use ts_rs::TS;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct Cycle {
    /// 1 for the wheel's first cycle.
    pub number: u32,
    #[ts(type = "string")]
    pub started: NaiveDate,
    #[ts(type = "string | null")]
    pub ended: Option<NaiveDate>,
    #[ts(type = "string")]
    pub premium_collected: Decimal,
    #[ts(type = "string")]
    pub net_option_cash: Decimal,
    #[ts(type = "string")]
    pub realized_pnl: Decimal,
    #[ts(type = "string")]
    pub dividends: Decimal,
    #[ts(type = "string")]
    pub fees: Decimal,
    /// Ids of the fills booked to this cycle, in replay order: the cycle's timeline.
    pub fills: Vec<i64>,
}

#[derive(Debug, Default)]
pub(super) struct CycleTracker {
    cycles: Vec<Cycle>,
    open: bool,
}

impl CycleTracker {
    pub fn start_if_idle(&mut self, date: NaiveDate) {
        if !self.open {
            self.open = true;
            self.cycles.push(Cycle {
                number: self.cycles.len() as u32 + 1,
                started: date,
                ended: None,
                premium_collected: Decimal::ZERO,
                net_option_cash: Decimal::ZERO,
                realized_pnl: Decimal::ZERO,
                dividends: Decimal::ZERO,
                fees: Decimal::ZERO,
                fills: Vec::new(),
            });
        }
    }

    /// The open cycle, else the last one (a dividend paid after a call-away belongs to the cycle
    /// that held the shares), else none.
    pub fn current_or_last(&self) -> Option<u32> {
        self.cycles.last().map(|c| c.number)
    }

    pub fn end(&mut self, date: NaiveDate) {
        if self.open {
            self.open = false;
            if let Some(cycle) = self.cycles.last_mut() {
                cycle.ended = Some(date);
            }
        }
    }

    fn last_mut(&mut self) -> Option<&mut Cycle> {
        self.cycles.last_mut()
    }

    pub fn add_premium(&mut self, amount: Decimal) {
        if let Some(c) = self.last_mut() {
            c.premium_collected += amount;
        }
    }

    pub fn add_option_cash(&mut self, amount: Decimal) {
        if let Some(c) = self.last_mut() {
            c.net_option_cash += amount;
        }
    }

    pub fn add_dividend(&mut self, amount: Decimal) {
        if let Some(c) = self.last_mut() {
            c.dividends += amount;
        }
    }

    pub fn add_fees(&mut self, amount: Decimal) {
        if let Some(c) = self.last_mut() {
            c.fees += amount;
        }
    }

    /// Books a fill to a cycle (the one `current_or_last` named when the fill was met).
    pub fn add_fill(&mut self, cycle: Option<u32>, fill_id: i64) {
        if let Some(number) = cycle {
            self.cycles[number as usize - 1].fills.push(fill_id);
        }
    }

    pub fn add_realized(&mut self, cycle: Option<u32>, amount: Decimal) {
        if let Some(number) = cycle {
            self.cycles[number as usize - 1].realized_pnl += amount;
        }
    }

    pub fn into_cycles(self) -> Vec<Cycle> {
        self.cycles
    }
}

/// Fills linked by one roll id: the legs it closed and opened, and its net credit (+) or debit (−).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct Roll {
    pub roll_id: String,
    #[ts(type = "string")]
    pub date: NaiveDate,
    /// Legs (by opening fill id) this roll bought or sold back.
    pub closed_legs: Vec<i64>,
    /// Legs this roll opened.
    pub opened_legs: Vec<i64>,
    /// Net cash of the roll's fills: premium of the new legs less the cost of closing, less fees.
    #[ts(type = "string")]
    pub net: Decimal,
    /// Σ net over this roll and the rolls before it in the same chain.
    #[ts(type = "string")]
    pub chain_net: Decimal,
}

/// Collects the fills of each roll id as replay meets them, then chains the rolls.
#[derive(Debug, Default)]
pub(super) struct RollTracker {
    rolls: Vec<Roll>,
}

impl RollTracker {
    fn roll(&mut self, id: &str, date: NaiveDate) -> &mut Roll {
        let index = match self.rolls.iter().position(|r| r.roll_id == id) {
            Some(index) => index,
            None => {
                self.rolls.push(Roll {
                    roll_id: id.to_string(),
                    date,
                    closed_legs: Vec::new(),
                    opened_legs: Vec::new(),
                    net: Decimal::ZERO,
                    chain_net: Decimal::ZERO,
                });
                self.rolls.len() - 1
            }
        };
        &mut self.rolls[index]
    }

    pub fn opened(&mut self, id: &str, date: NaiveDate, leg_id: i64, cash: Decimal) {
        let roll = self.roll(id, date);
        roll.opened_legs.push(leg_id);
        roll.net += cash;
    }

    pub fn closed(&mut self, id: &str, date: NaiveDate, leg_ids: impl IntoIterator<Item = i64>, cash: Decimal) {
        let roll = self.roll(id, date);
        for leg_id in leg_ids {
            if !roll.closed_legs.contains(&leg_id) {
                roll.closed_legs.push(leg_id);
            }
        }
        roll.net += cash;
    }

    /// Rolls in the order they were first met, each with the running total of its chain: a roll
    /// continues the chain of the roll that opened a leg it closes.
    pub fn into_rolls(mut self) -> Vec<Roll> {
        for index in 0..self.rolls.len() {
            let previous = self.rolls[..index]
                .iter()
                .rev()
                .find(|earlier| earlier.opened_legs.iter().any(|leg| self.rolls[index].closed_legs.contains(leg)))
                .map(|earlier| earlier.chain_net)
                .unwrap_or(Decimal::ZERO);
            self.rolls[index].chain_net = previous + self.rolls[index].net;
        }
        self.rolls
    }
}
