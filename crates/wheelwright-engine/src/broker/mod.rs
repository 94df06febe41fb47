//! Broker accounts behind one interface: accounts with their positions and balances, and the
//! account's activity (trades, option removals, dividends, transfers) in Wheelwright's own terms.
//! A broker client only normalises its format into these types; deciding which fills an activity
//! means ([`translate`]), writing them into a portfolio ([`sync`]) and checking the result against
//! the broker's own positions and cash ([`reconcile`]) are the same for every broker.

pub mod connection;
mod reconcile;
mod sync;
pub mod tradier;
pub mod translate;

pub use reconcile::{Difference, DifferenceKind, Reconciliation};
pub use sync::{IgnoredActivity, SyncReport, SyncRequest};

use crate::error::Result;
use async_trait::async_trait;
use chrono::{NaiveDate, NaiveTime};
use rust_decimal::Decimal;
use serde::Serialize;
use ts_rs::TS;
use wheelwright_domain::{OptionSpec, Right, Symbol};

#[async_trait]
pub trait BrokerAccounts: Send + Sync {
    /// "schwab", "tradier": the prefix of every external id this broker's fills carry.
    fn name(&self) -> &'static str;
    async fn accounts(&self) -> Result<Vec<BrokerAccount>>;
    /// Every activity of one account dated `from` to `to` (inclusive), all types.
    async fn activities(&self, account: &BrokerAccount, from: NaiveDate, to: NaiveDate) -> Result<Vec<Activity>>;
}

/// One brokerage account as the broker reports it now.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct BrokerAccount {
    /// The account number the user knows (shown, and kept in the portfolio's link).
    pub number: String,
    /// What the broker's other calls need instead of the number (Schwab's hash value). Not shown.
    #[serde(skip)]
    #[ts(skip)]
    pub key: String,
    /// "MARGIN", "CASH", "IRA"…, as the broker names it.
    pub kind: String,
    pub positions: Vec<Position>,
    pub balances: Balances,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, TS)]
pub struct Balances {
    /// Cash as the broker counts it (Schwab's `cashBalance`), before money-market sweeps.
    #[ts(type = "string | null")]
    pub cash: Option<Decimal>,
    /// Cash swept into a money-market fund: still the account's cash for reconciliation.
    #[ts(type = "string")]
    pub money_market: Decimal,
    #[ts(type = "string | null")]
    pub liquidation_value: Option<Decimal>,
    #[ts(type = "string | null")]
    pub buying_power: Option<Decimal>,
}

/// An option contract as the broker names it; enough to compare positions.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, TS)]
pub struct Contract {
    #[ts(type = "string")]
    pub underlying: Symbol,
    pub right: Right,
    #[ts(type = "string")]
    pub strike: Decimal,
    #[ts(type = "string")]
    pub expiry: NaiveDate,
}

impl std::fmt::Display for Contract {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {} {} {}", self.underlying, self.strike.normalize(), self.right.word(), self.expiry)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Instrument {
    Shares {
        #[ts(type = "string")]
        symbol: Symbol,
    },
    Option {
        contract: Contract,
        /// The OCC symbol as the broker printed it.
        occ: String,
        /// Premium multiplier and shares delivered per contract, when the broker says.
        #[ts(type = "string | null")]
        multiplier: Option<Decimal>,
        #[ts(type = "string | null")]
        deliverable: Option<Decimal>,
        /// More than one deliverable (cash in lieu, other shares): an adjusted contract.
        non_standard: bool,
    },
    /// Anything the ledger does not hold (bonds, mutual funds, cash sweep vehicles).
    Other { symbol: String, asset_type: String },
}

impl Instrument {
    /// The option's spec for the ledger (100/100 when the broker leaves them out).
    pub fn option_spec(&self) -> Option<OptionSpec> {
        match self {
            Instrument::Option { contract, multiplier, deliverable, .. } => {
                let multiplier = multiplier.unwrap_or(Decimal::ONE_HUNDRED);
                Some(OptionSpec {
                    right: contract.right,
                    strike: contract.strike,
                    expiry: contract.expiry,
                    multiplier,
                    deliverable: deliverable.unwrap_or(multiplier),
                })
            }
            _ => None,
        }
    }
}

/// A holding: long positive, short negative.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct Position {
    pub instrument: Instrument,
    #[ts(type = "string")]
    pub quantity: Decimal,
}

/// What kind of activity, in the broker-neutral terms the translation needs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ActivityKind {
    Trade,
    /// Positions moved without a trade: option removals at expiration, assignment, exercise.
    Delivery,
    /// Dividends and interest.
    Income,
    /// Money in or out of the account (ACH, wire, journal, cash receipt or disbursement).
    Transfer,
    /// Sweeps, memos and margin notices: no cash or position effect on the ledger.
    Informational,
}

/// What the broker says an option removal was, when it says.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RemovalMarker {
    Expiration,
    Assignment,
    Exercise,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Effect {
    Opening,
    Closing,
}

/// One position-moving part of an activity (fees are summed on the activity).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct ActivityLeg {
    pub instrument: Instrument,
    /// Signed: bought or received positive, sold or delivered negative (contracts or shares).
    #[ts(type = "string")]
    pub quantity: Decimal,
    /// Per share, premium per share for options.
    #[ts(type = "string")]
    pub price: Decimal,
    pub effect: Option<Effect>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct Activity {
    /// The broker's activity id: with the leg index, the import key.
    pub id: String,
    /// The trade date in New York.
    #[ts(type = "string")]
    pub date: NaiveDate,
    #[ts(type = "string | null")]
    pub time: Option<NaiveTime>,
    pub kind: ActivityKind,
    /// The broker's own type name ("TRADE", "RECEIVE_AND_DELIVER"…), for messages.
    pub broker_type: String,
    pub description: String,
    /// A cancelled or pending activity is not booked.
    pub valid: bool,
    pub marker: Option<RemovalMarker>,
    #[ts(type = "string")]
    pub net_amount: Decimal,
    /// Commissions and regulatory fees of the whole activity (positive = charged).
    #[ts(type = "string")]
    pub fees: Decimal,
    pub legs: Vec<ActivityLeg>,
}
