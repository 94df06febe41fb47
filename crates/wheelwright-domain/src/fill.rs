//! Fills: one row per execution or event, the only source of truth in the ledger. This module
//! knows which fields each action takes and checks a fill on its own; rules that need the rest
//! of the ledger (is there anything to close?) are checked by replay.

use crate::error::{ErrorCode, LedgerError};
use crate::instrument::OptionSpec;
use crate::symbol::Symbol;
use chrono::{NaiveDate, NaiveTime};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::fmt;
use ts_rs::TS;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "UPPERCASE")]
pub enum Action {
    /// Sell to open an option (the wheel's put or call).
    Sto,
    /// Buy to close a short option.
    Btc,
    /// Buy to open an option.
    Bto,
    /// Sell to close a long option.
    Stc,
    /// An option expired worthless.
    Expire,
    /// Our short option was assigned.
    Assign,
    /// We exercised a long option.
    Exercise,
    /// Bought shares.
    Buy,
    /// Sold shares.
    Sell,
    /// Cash dividend on shares held (`fees` = withholding).
    Dividend,
    /// A standalone fee.
    Fee,
    /// A signed cash correction (rebates, corrections).
    Adjust,
    /// Cash into the account.
    Deposit,
    /// Cash out of the account.
    Withdraw,
    /// Interest credited to the account.
    Interest,
}

/// What an action needs from a fill: which fields are required and which are not allowed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// An option trade or event: contract and quantity (contracts) required.
    Option,
    /// Shares: quantity (shares) and price required.
    Shares,
    /// Only a fee amount.
    FeeOnly,
    /// A cash amount in `price`; no quantity, no contract.
    Cash,
}

impl Action {
    pub const ALL: [Action; 15] = [
        Action::Sto,
        Action::Btc,
        Action::Bto,
        Action::Stc,
        Action::Expire,
        Action::Assign,
        Action::Exercise,
        Action::Buy,
        Action::Sell,
        Action::Dividend,
        Action::Fee,
        Action::Adjust,
        Action::Deposit,
        Action::Withdraw,
        Action::Interest,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Action::Sto => "STO",
            Action::Btc => "BTC",
            Action::Bto => "BTO",
            Action::Stc => "STC",
            Action::Expire => "EXPIRE",
            Action::Assign => "ASSIGN",
            Action::Exercise => "EXERCISE",
            Action::Buy => "BUY",
            Action::Sell => "SELL",
            Action::Dividend => "DIVIDEND",
            Action::Fee => "FEE",
            Action::Adjust => "ADJUST",
            Action::Deposit => "DEPOSIT",
            Action::Withdraw => "WITHDRAW",
            Action::Interest => "INTEREST",
        }
    }

    /// Parses an action code, case-insensitively. Corporate actions get their own message so
    /// a user importing a split learns it is not booked yet rather than "unknown action".
    pub fn parse(text: &str) -> Result<Action, LedgerError> {
        let upper = text.trim().to_ascii_uppercase();
        if let Some(action) = Action::ALL.into_iter().find(|a| a.code() == upper) {
            return Ok(action);
        }
        if matches!(upper.as_str(), "SPLIT" | "REVERSE_SPLIT" | "MERGER" | "SPINOFF" | "SYMBOL_CHANGE" | "RENAME") {
            return Err(LedgerError::field(
                ErrorCode::UnsupportedAction,
                "action",
                format!("corporate action '{upper}' is not supported by the ledger yet: record its cash and share effects by hand (e.g. SELL/BUY at the adjusted basis) or wait for corporate-action support"),
            ));
        }
        Err(LedgerError::field(
            ErrorCode::InvalidInput,
            "action",
            format!("unknown action '{}': use one of {}", text.trim(), Action::ALL.iter().map(|a| a.code()).collect::<Vec<_>>().join(", ")),
        ))
    }

    pub fn shape(self) -> Shape {
        match self {
            Action::Sto | Action::Btc | Action::Bto | Action::Stc | Action::Expire | Action::Assign | Action::Exercise => Shape::Option,
            Action::Buy | Action::Sell | Action::Dividend => Shape::Shares,
            Action::Fee => Shape::FeeOnly,
            Action::Adjust | Action::Deposit | Action::Withdraw | Action::Interest => Shape::Cash,
        }
    }

    /// Settlement events carry no price: the strike (or nothing) is what changes hands.
    pub fn is_settlement(self) -> bool {
        matches!(self, Action::Expire | Action::Assign | Action::Exercise)
    }

    /// Cash movements of the account as a whole, never of one wheel.
    pub fn is_account_cash(self) -> bool {
        matches!(self, Action::Deposit | Action::Withdraw | Action::Interest)
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The content of a fill as entered or imported.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FillData {
    #[ts(type = "string")]
    pub date: NaiveDate,
    #[ts(type = "string | null")]
    pub time: Option<NaiveTime>,
    pub action: Action,
    /// The underlying; `None` only for account cash (DEPOSIT, WITHDRAW, INTEREST) and for a
    /// FEE or ADJUST that belongs to no wheel.
    #[ts(type = "string | null")]
    pub symbol: Option<Symbol>,
    pub option: Option<OptionSpec>,
    /// Contracts for options, shares for stock and dividends; zero for cash-only actions.
    #[ts(type = "string")]
    pub quantity: Decimal,
    /// Per share (premium per share for options). For ADJUST/DEPOSIT/WITHDRAW/INTEREST, the amount.
    #[ts(type = "string")]
    pub price: Decimal,
    #[ts(type = "string")]
    pub fees: Decimal,
    pub account: Option<String>,
    pub external_id: Option<String>,
    pub roll_id: Option<String>,
    pub note: Option<String>,
}

/// A stored fill: its content plus its identity and its place in the entry order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Fill {
    pub id: i64,
    /// Entry sequence: orders fills of the same date in the order they were entered.
    pub seq: i64,
    #[serde(flatten)]
    pub data: FillData,
}

fn require<T>(value: &Option<T>, field: &'static str, action: Action) -> Result<(), LedgerError> {
    match value {
        Some(_) => Ok(()),
        None => Err(LedgerError::field(ErrorCode::MissingField, field, format!("{action} needs a {field}"))),
    }
}

impl FillData {
    /// Checks the fill on its own: the fields its action needs are there, the ones it does not
    /// take are absent, and every number is in range.
    pub fn validate(&self) -> Result<(), LedgerError> {
        let action = self.action;
        if self.fees < Decimal::ZERO {
            return Err(LedgerError::field(ErrorCode::NegativeFees, "fees", "fees cannot be negative; record a rebate as ADJUST"));
        }
        if self.price < Decimal::ZERO && action != Action::Adjust {
            return Err(LedgerError::field(
                ErrorCode::NegativePrice,
                "price",
                format!("{action} price cannot be negative (only ADJUST takes a signed amount)"),
            ));
        }
        match action.shape() {
            Shape::Option => {
                require(&self.symbol, "symbol", action)?;
                let Some(option) = &self.option else {
                    return Err(LedgerError::field(
                        ErrorCode::MissingField,
                        "right",
                        format!("{action} needs a contract: right, strike and expiry"),
                    ));
                };
                self.validate_contract(option)?;
                self.validate_quantity("contracts")?;
                if self.quantity.fract() != Decimal::ZERO {
                    return Err(LedgerError::field(
                        ErrorCode::FractionalContracts,
                        "quantity",
                        format!("{} is not a whole number of contracts", self.quantity),
                    ));
                }
                if action.is_settlement() && !self.price.is_zero() {
                    return Err(LedgerError::field(
                        ErrorCode::FieldNotAllowed,
                        "price",
                        format!(
                            "{action} takes no price (the strike is what changes hands): leave price empty or 0, and put any fee in fees"
                        ),
                    ));
                }
                if matches!(action, Action::Sto | Action::Bto) && self.date > option.expiry {
                    return Err(LedgerError::field(
                        ErrorCode::ExpiryBeforeOpen,
                        "expiry",
                        format!("the contract expires {} but is opened on {}: check the expiry or the date", option.expiry, self.date),
                    ));
                }
                if action == Action::Expire && self.date < option.expiry {
                    return Err(LedgerError::field(
                        ErrorCode::ExpireBeforeExpiry,
                        "date",
                        format!("an option cannot expire on {} before its expiry {}: use BTC/STC to close early, or ASSIGN for early assignment", self.date, option.expiry),
                    ));
                }
            }
            Shape::Shares => {
                require(&self.symbol, "symbol", action)?;
                self.forbid_contract()?;
                self.validate_quantity("shares")?;
            }
            Shape::FeeOnly => {
                self.forbid_contract()?;
                if self.fees.is_zero() {
                    return Err(LedgerError::field(ErrorCode::MissingField, "fees", "FEE needs its amount in fees"));
                }
            }
            Shape::Cash => {
                self.forbid_contract()?;
                if action.is_account_cash() && self.symbol.is_some() {
                    return Err(LedgerError::field(
                        ErrorCode::FieldNotAllowed,
                        "symbol",
                        format!("{action} moves account cash and belongs to no symbol: leave symbol empty"),
                    ));
                }
                if self.price.is_zero() {
                    return Err(LedgerError::field(ErrorCode::MissingField, "price", format!("{action} needs its amount in price")));
                }
            }
        }
        if !matches!(action.shape(), Shape::Option | Shape::Shares) && !self.quantity.is_zero() {
            return Err(LedgerError::field(
                ErrorCode::FieldNotAllowed,
                "quantity",
                format!("{action} takes no quantity: put the amount in {}", if action == Action::Fee { "fees" } else { "price" }),
            ));
        }
        Ok(())
    }

    fn validate_quantity(&self, unit: &str) -> Result<(), LedgerError> {
        if self.quantity <= Decimal::ZERO {
            return Err(LedgerError::field(
                ErrorCode::InvalidQuantity,
                "quantity",
                format!("quantity must be a positive number of {unit} (the action says the direction), got {}", self.quantity),
            ));
        }
        Ok(())
    }

    fn validate_contract(&self, option: &OptionSpec) -> Result<(), LedgerError> {
        let positive = [("strike", option.strike), ("multiplier", option.multiplier), ("deliverable", option.deliverable)];
        for (field, value) in positive {
            if value <= Decimal::ZERO {
                return Err(LedgerError::field(ErrorCode::InvalidInput, field, format!("{field} must be positive, got {value}")));
            }
        }
        Ok(())
    }

    fn forbid_contract(&self) -> Result<(), LedgerError> {
        if self.option.is_some() {
            return Err(LedgerError::field(
                ErrorCode::FieldNotAllowed,
                "right",
                format!("{} is not an option action: leave right, strike and expiry empty", self.action),
            ));
        }
        Ok(())
    }

    /// Cash this fill moves for its wheel or account: positive in, negative out.
    pub fn cash(&self) -> Decimal {
        let gross = match (self.action, &self.option) {
            (Action::Sto | Action::Stc, Some(o)) => self.quantity * o.multiplier * self.price,
            (Action::Btc | Action::Bto, Some(o)) => -(self.quantity * o.multiplier * self.price),
            (Action::Assign, Some(o)) | (Action::Exercise, Some(o)) => {
                let strike_cash = self.quantity * o.strike_cash_per_contract();
                // Put assigned to us or call exercised by us: we pay the strike.
                let we_pay = (self.action == Action::Assign) == (o.right == crate::Right::Put);
                if we_pay {
                    -strike_cash
                } else {
                    strike_cash
                }
            }
            (Action::Buy, _) => -(self.quantity * self.price),
            (Action::Sell | Action::Dividend, _) => self.quantity * self.price,
            (Action::Adjust | Action::Deposit | Action::Interest, _) => self.price,
            (Action::Withdraw, _) => -self.price,
            _ => Decimal::ZERO,
        };
        gross - self.fees
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Right;
    use rust_decimal_macros::dec;

    fn put_sto() -> FillData {
        FillData {
            date: NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(),
            time: None,
            action: Action::Sto,
            symbol: Some(Symbol::parse("AAPL").unwrap()),
            option: Some(OptionSpec {
                right: Right::Put,
                strike: dec!(50),
                expiry: NaiveDate::from_ymd_opt(2026, 2, 20).unwrap(),
                multiplier: dec!(100),
                deliverable: dec!(100),
            }),
            quantity: dec!(1),
            price: dec!(2),
            fees: dec!(0.65),
            account: None,
            external_id: None,
            roll_id: None,
            note: None,
        }
    }

    #[test]
    fn action_codes_round_trip_case_insensitively() {
        for a in Action::ALL {
            assert_eq!(Action::parse(&a.code().to_lowercase()).unwrap(), a);
        }
        assert_eq!(Action::parse("split").unwrap_err().code, ErrorCode::UnsupportedAction);
        assert_eq!(Action::parse("YOLO").unwrap_err().code, ErrorCode::InvalidInput);
    }

    #[test]
    fn each_bad_field_is_named() {
        type Change = Box<dyn Fn(&mut FillData)>;
        let cases: Vec<(Change, ErrorCode, &str)> = vec![
            (Box::new(|f| f.quantity = dec!(-1)), ErrorCode::InvalidQuantity, "quantity"),
            (Box::new(|f| f.quantity = dec!(0)), ErrorCode::InvalidQuantity, "quantity"),
            (Box::new(|f| f.quantity = dec!(1.5)), ErrorCode::FractionalContracts, "quantity"),
            (Box::new(|f| f.price = dec!(-2)), ErrorCode::NegativePrice, "price"),
            (Box::new(|f| f.fees = dec!(-0.65)), ErrorCode::NegativeFees, "fees"),
            (Box::new(|f| f.option = None), ErrorCode::MissingField, "right"),
            (Box::new(|f| f.symbol = None), ErrorCode::MissingField, "symbol"),
            (Box::new(|f| f.date = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()), ErrorCode::ExpiryBeforeOpen, "expiry"),
            (Box::new(|f| f.option.as_mut().unwrap().strike = dec!(0)), ErrorCode::InvalidInput, "strike"),
            (
                Box::new(|f| {
                    f.action = Action::Expire;
                    f.price = dec!(0);
                }),
                ErrorCode::ExpireBeforeExpiry,
                "date",
            ),
            (Box::new(|f| f.action = Action::Assign), ErrorCode::FieldNotAllowed, "price"),
            (
                Box::new(|f| {
                    f.action = Action::Buy;
                }),
                ErrorCode::FieldNotAllowed,
                "right",
            ),
        ];
        put_sto().validate().unwrap();
        for (change, code, field) in cases {
            let mut fill = put_sto();
            change(&mut fill);
            let err = fill.validate().unwrap_err();
            assert_eq!((err.code, err.field), (code, Some(field)), "{}", err.message);
        }
    }

    #[test]
    fn cash_actions_take_amount_in_price_and_no_symbol() {
        let mut deposit = put_sto();
        deposit.action = Action::Deposit;
        deposit.option = None;
        deposit.quantity = dec!(0);
        deposit.fees = dec!(0);
        deposit.price = dec!(10000);
        assert_eq!(deposit.validate().unwrap_err().field, Some("symbol"));
        deposit.symbol = None;
        deposit.validate().unwrap();
        assert_eq!(deposit.cash(), dec!(10000));
        deposit.quantity = dec!(1);
        assert_eq!(deposit.validate().unwrap_err().code, ErrorCode::FieldNotAllowed);
    }

    #[test]
    fn cash_signs_follow_the_money() {
        let sto = put_sto();
        assert_eq!(sto.cash(), dec!(199.35));
        let mut assign = put_sto();
        assign.action = Action::Assign;
        assign.price = dec!(0);
        assign.fees = dec!(0);
        assert_eq!(assign.cash(), dec!(-5000));
        assign.option.as_mut().unwrap().right = Right::Call;
        assert_eq!(assign.cash(), dec!(5000));
    }
}
