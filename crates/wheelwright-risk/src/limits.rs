//! The trader's limits and how a book stands against them. Each limit is a percentage of net
//! liquidation value. A figure beyond its limit is a violation; one at the limit or within the
//! last fifth of it (from 80% of a maximum, or up to 125% of a minimum) is a warning — at exactly
//! the limit the trade is allowed, with the warning saying there is no room left.

use crate::RiskError;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// How close to a limit counts as near it.
pub const NEAR: f64 = 0.8;
/// Percentages are quotients of floats: 25.000000000000004 is "at" a 25% limit, not over it.
const TOLERANCE: f64 = 1e-9;

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct Limits {
    /// One holding's exposure (a short put's assignment notional, shares at market).
    pub max_position_pct: f64,
    /// All holdings on one underlying.
    pub max_name_pct: f64,
    /// All names of one sector.
    pub max_sector_pct: f64,
    /// |Portfolio dollar delta|.
    pub max_delta_pct: f64,
    /// One-day 99% delta-gamma VaR.
    pub max_daily_loss_pct: f64,
    /// Free cash (cash less what the short options secure).
    pub min_cash_pct: f64,
}

impl Default for Limits {
    /// A diversified cash-secured wheel: no name above a quarter of the book, no sector above
    /// 40%, a loss on a bad day (1 in 100) under 5%, a tenth of the book kept free.
    fn default() -> Limits {
        Limits {
            max_position_pct: 20.0,
            max_name_pct: 25.0,
            max_sector_pct: 40.0,
            max_delta_pct: 100.0,
            max_daily_loss_pct: 5.0,
            min_cash_pct: 10.0,
        }
    }
}

impl Limits {
    pub fn validate(&self) -> Result<(), RiskError> {
        for (field, value, max) in [
            ("max_position_pct", self.max_position_pct, 100.0),
            ("max_name_pct", self.max_name_pct, 100.0),
            ("max_sector_pct", self.max_sector_pct, 100.0),
            ("max_delta_pct", self.max_delta_pct, 1000.0),
            ("max_daily_loss_pct", self.max_daily_loss_pct, 100.0),
            ("min_cash_pct", self.min_cash_pct, 100.0),
        ] {
            if !(value.is_finite() && value > 0.0 && value <= max) {
                return Err(RiskError::new(field, format!("{value} is not a percentage in (0, {max}]: give e.g. 25 for 25%")));
            }
        }
        Ok(())
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(rename = "LimitStatus")]
pub enum Status {
    Ok,
    Warning,
    Violation,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum LimitName {
    Position,
    Name,
    Sector,
    Delta,
    DailyLoss,
    Cash,
}

/// One limit checked: the figure (percent of net liquidation) against the limit.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct LimitCheck {
    pub limit: LimitName,
    /// The position, name or sector checked.
    #[ts(optional)]
    pub subject: Option<String>,
    /// `None` when it cannot be measured (net liquidation not positive, sector unknown).
    pub value_pct: Option<f64>,
    pub limit_pct: f64,
    pub status: Status,
    pub message: String,
}

/// Judges a figure against a maximum (`at_most`) or a minimum.
pub fn judge(limit: LimitName, subject: Option<String>, value_pct: Option<f64>, limit_pct: f64, at_most: bool, what: &str) -> LimitCheck {
    let (status, message) = match value_pct {
        None => (Status::Warning, format!("{what}: cannot be measured")),
        Some(v) if at_most => {
            let status = if v > limit_pct + TOLERANCE {
                Status::Violation
            } else if v >= NEAR * limit_pct - TOLERANCE {
                Status::Warning
            } else {
                Status::Ok
            };
            (status, format!("{what} {v:.1}% of the book (limit {limit_pct:.1}%)"))
        }
        Some(v) => {
            let status = if v < limit_pct - TOLERANCE {
                Status::Violation
            } else if v * NEAR <= limit_pct + TOLERANCE {
                Status::Warning
            } else {
                Status::Ok
            };
            (status, format!("{what} {v:.1}% of the book (minimum {limit_pct:.1}%)"))
        }
    };
    LimitCheck { limit, subject, value_pct, limit_pct, status, message }
}
