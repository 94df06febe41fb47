//! The reported figures of a wheel, under the names ACCOUNTING.md gives them, as the CLI prints
//! them and the app shows them. Totals are exact; per-share figures are rounded for display only.

use super::legs::Side;
use super::{Cycle, Roll, Warning, WheelBook};
use crate::instrument::Right;
use crate::money::{exact, per_share};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;
use ts_rs::TS;

/// Named from (shares held, open short puts, open short calls). Long options never change it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum WheelState {
    Idle,
    PutOpen,
    Shares,
    SharesCallOpen,
    SharesPutOpen,
    SharesPutCallOpen,
    /// Short calls cover more shares than the wheel holds.
    UncoveredCalls,
}

impl WheelState {
    pub fn as_str(self) -> &'static str {
        match self {
            WheelState::Idle => "idle",
            WheelState::PutOpen => "put_open",
            WheelState::Shares => "shares",
            WheelState::SharesCallOpen => "shares_call_open",
            WheelState::SharesPutOpen => "shares_put_open",
            WheelState::SharesPutCallOpen => "shares_put_call_open",
            WheelState::UncoveredCalls => "uncovered_calls",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct LotSummary {
    pub id: i64,
    #[ts(type = "string")]
    pub shares: Decimal,
    #[ts(type = "string")]
    pub basis: Decimal,
    #[ts(type = "string")]
    pub tax_basis_per_share: Decimal,
    #[ts(type = "string")]
    pub acquired: NaiveDate,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct OpenOption {
    pub leg_id: i64,
    pub right: Right,
    pub side: Side,
    #[ts(type = "string")]
    pub strike: Decimal,
    #[ts(type = "string")]
    pub expiry: NaiveDate,
    #[ts(type = "string")]
    pub contracts: Decimal,
    #[ts(type = "string")]
    pub open_price: Decimal,
    #[ts(type = "string")]
    pub opened: NaiveDate,
    #[ts(type = "string")]
    pub multiplier: Decimal,
    #[ts(type = "string")]
    pub deliverable: Decimal,
}

/// One wheel's figures, as `wheelwright wheel list --json` prints them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct WheelSummary {
    pub symbol: String,
    pub state: WheelState,
    #[ts(type = "string")]
    pub shares: Decimal,
    pub lots: Vec<LotSummary>,
    #[ts(type = "string | null")]
    pub adjusted_basis_per_share: Option<Decimal>,
    /// For an open short put without shares: the price at which assignment breaks even.
    #[ts(type = "string | null")]
    pub breakeven: Option<Decimal>,
    #[ts(type = "string")]
    pub premium_collected: Decimal,
    #[ts(type = "string")]
    pub net_option_cash: Decimal,
    #[ts(type = "string")]
    pub realized_pnl: Decimal,
    #[ts(type = "string")]
    pub fees: Decimal,
    #[ts(type = "string")]
    pub dividends: Decimal,
    #[ts(type = "string")]
    pub net_cash: Decimal,
    pub open_options: Vec<OpenOption>,
    pub cycle: Option<u32>,
    pub cycles: Vec<Cycle>,
    pub rolls: Vec<Roll>,
    pub warnings: Vec<Warning>,
}

impl WheelBook {
    pub fn state(&self) -> WheelState {
        let shares = self.shares();
        let short = |right: Right| self.open_legs().filter(move |l| l.side == Side::Short && l.contract.right == right);
        let puts = short(Right::Put).next().is_some();
        let call_shares: Decimal = short(Right::Call).map(|l| l.open_contracts * l.contract.deliverable).sum();
        if call_shares > shares {
            return WheelState::UncoveredCalls;
        }
        let calls = call_shares > Decimal::ZERO;
        match (shares > Decimal::ZERO, puts, calls) {
            (false, false, _) => WheelState::Idle,
            (false, true, _) => WheelState::PutOpen,
            (true, false, false) => WheelState::Shares,
            (true, false, true) => WheelState::SharesCallOpen,
            (true, true, false) => WheelState::SharesPutOpen,
            (true, true, true) => WheelState::SharesPutCallOpen,
        }
    }

    /// Break-even of the open short puts of a wheel without shares: their strike cash plus the
    /// cycle's pool (minus its net option cash), per share delivered.
    fn put_breakeven(&self) -> Option<Decimal> {
        if self.shares() > Decimal::ZERO {
            return None;
        }
        let puts: Vec<_> = self.open_legs().filter(|l| l.side == Side::Short && l.contract.right == Right::Put).collect();
        let shares: Decimal = puts.iter().map(|l| l.open_contracts * l.contract.deliverable).sum();
        let strike_cash: Decimal = puts.iter().map(|l| l.open_contracts * l.contract.strike_cash_per_contract()).sum();
        per_share(strike_cash + self.basis_pool, shares)
    }

    pub fn summary(&self, symbol: &str) -> WheelSummary {
        let shares = self.shares();
        let open_cycle = self.cycles.last().filter(|c| c.ended.is_none()).map(|c| c.number);
        WheelSummary {
            symbol: symbol.to_string(),
            state: self.state(),
            shares: shares.normalize(),
            lots: self
                .lots
                .iter()
                .filter(|l| l.shares > Decimal::ZERO)
                .map(|l| LotSummary {
                    id: l.id,
                    shares: l.shares.normalize(),
                    basis: exact(l.basis),
                    tax_basis_per_share: per_share(l.basis, l.shares).expect("open lot has shares"),
                    acquired: l.acquired,
                })
                .collect(),
            adjusted_basis_per_share: per_share(self.basis_pool, shares),
            breakeven: self.put_breakeven(),
            premium_collected: exact(self.premium_collected),
            net_option_cash: exact(self.net_option_cash),
            realized_pnl: exact(self.realized_pnl()),
            fees: exact(self.fees),
            dividends: exact(self.dividends),
            net_cash: exact(self.net_cash),
            open_options: self
                .open_legs()
                .map(|l| OpenOption {
                    leg_id: l.id,
                    right: l.contract.right,
                    side: l.side,
                    strike: l.contract.strike.normalize(),
                    expiry: l.contract.expiry,
                    contracts: l.open_contracts.normalize(),
                    open_price: l.price.normalize(),
                    opened: l.opened,
                    multiplier: l.contract.multiplier.normalize(),
                    deliverable: l.contract.deliverable.normalize(),
                })
                .collect(),
            cycle: open_cycle,
            cycles: self.cycles.clone(),
            rolls: self.rolls.clone(),
            warnings: self.warnings.clone(),
        }
    }
}
