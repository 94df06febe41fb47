//! What a fill trades: the underlying's shares, or an option contract identified the way the
//! OCC does (underlying, right, strike, expiry) plus its premium multiplier and deliverable,
//! which differ from 100 for adjusted contracts — so nothing in the ledger hard-codes 100.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::fmt;
use ts_rs::TS;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
pub enum Right {
    #[serde(rename = "P")]
    Put,
    #[serde(rename = "C")]
    Call,
}

impl Right {
    pub fn letter(self) -> &'static str {
        match self {
            Right::Put => "P",
            Right::Call => "C",
        }
    }

    /// "put" or "call", for sentences.
    pub fn word(self) -> &'static str {
        match self {
            Right::Put => "put",
            Right::Call => "call",
        }
    }

    pub fn parse(text: &str) -> Option<Right> {
        match text.trim().to_ascii_uppercase().as_str() {
            "P" | "PUT" => Some(Right::Put),
            "C" | "CALL" => Some(Right::Call),
            _ => None,
        }
    }
}

/// An option contract on the wheel's underlying.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
pub struct OptionSpec {
    pub right: Right,
    #[ts(type = "string")]
    pub strike: Decimal,
    #[ts(type = "string")]
    pub expiry: NaiveDate,
    /// Cash per 1.00 of premium or strike, per contract (100 for standard contracts).
    #[ts(type = "string")]
    pub multiplier: Decimal,
    /// Shares delivered per contract on assignment or exercise (the multiplier unless adjusted).
    #[ts(type = "string")]
    pub deliverable: Decimal,
}

impl OptionSpec {
    /// Cash that changes hands per contract at the strike.
    pub fn strike_cash_per_contract(&self) -> Decimal {
        self.strike * self.multiplier
    }
}

impl fmt::Display for OptionSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}{}", self.expiry, self.strike.normalize(), self.right.letter())?;
        if self.multiplier != Decimal::ONE_HUNDRED || self.deliverable != self.multiplier {
            write!(f, " (×{}, {} sh)", self.multiplier.normalize(), self.deliverable.normalize())?;
        }
        Ok(())
    }
}
