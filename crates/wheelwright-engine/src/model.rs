//! The records the engine hands to its callers (app commands, CLI): portfolios, wheels and the
//! views built from replay. They serialise to the JSON the CLI prints and the TypeScript types
//! the UI uses.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use wheelwright_domain::ledger::{Disposal, Leg, Realization, Warning};
use wheelwright_domain::portfolio::PortfolioCash;
use wheelwright_domain::{ErrorCode, Fill, FillData, LedgerError, WheelSummary};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Portfolio {
    pub id: i64,
    pub name: String,
    pub description: String,
    #[ts(type = "string | null")]
    pub default_capital: Option<Decimal>,
    pub account_link: Option<String>,
    pub created_at: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct NewPortfolio {
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[ts(type = "string | null")]
    #[serde(default)]
    pub default_capital: Option<Decimal>,
    #[serde(default)]
    pub account_link: Option<String>,
}

/// A portfolio with the figures its list row shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct PortfolioOverview {
    #[serde(flatten)]
    pub portfolio: Portfolio,
    pub wheels: usize,
    pub open_wheels: usize,
    pub cash: PortfolioCash,
    #[ts(type = "string")]
    pub premium_collected: Decimal,
    #[ts(type = "string")]
    pub realized_pnl: Decimal,
}

/// How aggressively a wheel picks strikes (used by recommendations in a later issue).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Profile {
    Conservative,
    #[default]
    Moderate,
    Aggressive,
}

impl Profile {
    pub fn as_str(self) -> &'static str {
        match self {
            Profile::Conservative => "conservative",
            Profile::Moderate => "moderate",
            Profile::Aggressive => "aggressive",
        }
    }

    pub fn parse(text: &str) -> Result<Profile, LedgerError> {
        match text.trim().to_ascii_lowercase().as_str() {
            "conservative" => Ok(Profile::Conservative),
            "moderate" => Ok(Profile::Moderate),
            "aggressive" => Ok(Profile::Aggressive),
            other => Err(LedgerError::field(
                ErrorCode::InvalidInput,
                "profile",
                format!("unknown profile '{other}': use conservative, moderate or aggressive"),
            )),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Wheel {
    pub id: i64,
    pub portfolio_id: i64,
    pub symbol: String,
    pub profile: Profile,
    #[ts(type = "string | null")]
    pub capital_allocated: Option<Decimal>,
    pub notes: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct NewWheel {
    pub symbol: String,
    #[serde(default)]
    pub profile: Profile,
    #[ts(type = "string | null")]
    #[serde(default)]
    pub capital_allocated: Option<Decimal>,
    #[serde(default)]
    pub notes: String,
}

/// Everything about one wheel: its settings, figures, fills and what replay derived.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct WheelDetail {
    pub wheel: Wheel,
    pub summary: WheelSummary,
    pub fills: Vec<Fill>,
    pub legs: Vec<Leg>,
    pub disposals: Vec<Disposal>,
    pub realizations: Vec<Realization>,
}

/// A fill as listed, with the portfolio it belongs to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct FillRecord {
    pub portfolio: String,
    #[serde(flatten)]
    pub fill: Fill,
}

/// What recording or editing a fill did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct FillOutcome {
    pub fill: Fill,
    /// The wheel's state after the fill (`None` for account cash).
    pub summary: Option<WheelSummary>,
    /// Warnings this fill raised (naked call, probable wash sale). It was booked anyway.
    pub warnings: Vec<Warning>,
    /// Nothing changed: an identical fill with the same external id was already recorded, or an
    /// edit left the fill as it was.
    pub duplicate: bool,
    /// The audit log's number for this change, to undo it by (none for a duplicate).
    pub change: Option<i64>,
}

/// A deleted fill, and the change that deleted it (to undo it by).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct RemovedFill {
    pub fill: Fill,
    pub change: i64,
}

/// A fill to record in a named portfolio.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FillInput {
    pub portfolio: String,
    pub fill: FillData,
}

/// What an import did.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, TS)]
pub struct ImportReport {
    pub portfolio: String,
    pub portfolio_created: bool,
    pub rows: usize,
    pub added: usize,
    /// Rows whose external id was already recorded with the same content (1-based row numbers).
    pub skipped: Vec<SkippedRow>,
    pub wheels_created: Vec<String>,
    pub warnings: Vec<Warning>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct SkippedRow {
    pub row: u64,
    pub external_id: String,
}
