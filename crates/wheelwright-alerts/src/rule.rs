//! Alert rules: which conditions deserve an alert, with what threshold, and how long one alert
//! silences its repeats (the cooldown). Every kind has a documented default; the standing set
//! (one rule per kind) exists from the start and can be tuned or switched off, and price rules
//! are added per symbol.
//!
//! "A day" below is a cooldown of 20 hours (`ABOUT_A_DAY`).
//!
//! | kind | threshold | default | on | cooldown | severity |
//! |---|---|---|---|---|---|
//! | `price_crosses` | the level, dollars (a symbol is required) | — | added by the user | 60 min | info |
//! | `daily_move` | % move from the previous close, either way | 5 | yes | a day | warning |
//! | `in_the_money` | — (a short option in the money) | — | yes | a day | warning |
//! | `expiring_soon` | calendar days to expiry, at most | 2 | yes | a day | info |
//! | `risk_high` | — (the position monitor says HIGH) | — | yes | a day | critical |
//! | `take_profit` | % of the maximum profit captured, at least | 50 | yes | a day | info |
//! | `early_assignment` | — (ex-dividend call or deep ITM put, per the monitor) | — | yes | a day | critical |
//! | `earnings` | — (earnings on or before an open option's expiry) | — | yes | a week | warning |
//! | `opportunity` | annualized yield %, at least (the opening scan) | 30 | no | a day | info |
//! | `limit_breach` | — (a limit of the book violated) | — | yes | a day | critical |
//! | `token_expiry` | — (the broker login expiring or expired) | — | yes | a day | warning |
//! | `job_failing` | failed runs in a row, at least | 3 | yes | 6 h | warning |

use serde::{Deserialize, Serialize};
use thiserror::Error;
use ts_rs::TS;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(rename = "AlertKind")]
pub enum RuleKind {
    PriceCrosses,
    DailyMove,
    InTheMoney,
    ExpiringSoon,
    RiskHigh,
    TakeProfit,
    EarlyAssignment,
    Earnings,
    Opportunity,
    LimitBreach,
    TokenExpiry,
    JobFailing,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(rename = "AlertSeverity")]
pub enum Severity {
    Info,
    Warning,
    Critical,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Critical => "critical",
        }
    }

    pub fn parse(text: &str) -> Option<Severity> {
        [Severity::Info, Severity::Warning, Severity::Critical].into_iter().find(|s| s.as_str() == text)
    }
}

/// What a kind's threshold means and which values make sense.
struct Threshold {
    /// The field's meaning, for messages: "the level in dollars".
    meaning: &'static str,
    min: f64,
    max: f64,
    default: Option<f64>,
    whole: bool,
}

const MINUTES_PER_DAY: u32 = 24 * 60;
/// "Once a day": 20 hours, so a check that runs daily alerts again the next day even when it
/// runs late, or on the 23-hour day of the spring clock change; a 15-minute monitor still says
/// a condition at most once a session.
const ABOUT_A_DAY: u32 = 20 * 60;
/// A cooldown longer than this (90 days) is certainly a typo.
pub const MAX_COOLDOWN_MINUTES: u32 = 90 * MINUTES_PER_DAY;

impl RuleKind {
    pub const ALL: [RuleKind; 12] = [
        RuleKind::PriceCrosses,
        RuleKind::DailyMove,
        RuleKind::InTheMoney,
        RuleKind::ExpiringSoon,
        RuleKind::RiskHigh,
        RuleKind::TakeProfit,
        RuleKind::EarlyAssignment,
        RuleKind::Earnings,
        RuleKind::Opportunity,
        RuleKind::LimitBreach,
        RuleKind::TokenExpiry,
        RuleKind::JobFailing,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RuleKind::PriceCrosses => "price_crosses",
            RuleKind::DailyMove => "daily_move",
            RuleKind::InTheMoney => "in_the_money",
            RuleKind::ExpiringSoon => "expiring_soon",
            RuleKind::RiskHigh => "risk_high",
            RuleKind::TakeProfit => "take_profit",
            RuleKind::EarlyAssignment => "early_assignment",
            RuleKind::Earnings => "earnings",
            RuleKind::Opportunity => "opportunity",
            RuleKind::LimitBreach => "limit_breach",
            RuleKind::TokenExpiry => "token_expiry",
            RuleKind::JobFailing => "job_failing",
        }
    }

    pub fn parse(text: &str) -> Result<RuleKind, RuleError> {
        let wanted = text.trim().to_ascii_lowercase().replace('-', "_");
        RuleKind::ALL.into_iter().find(|k| k.as_str() == wanted).ok_or_else(|| {
            RuleError::new("kind", format!("{text:?} is not an alert kind: use one of {}", RuleKind::ALL.map(|k| k.as_str()).join(", ")))
        })
    }

    pub fn description(self) -> &'static str {
        match self {
            RuleKind::PriceCrosses => "A symbol's price crosses a level (the level lies between two consecutive observations)",
            RuleKind::DailyMove => {
                "A symbol moves at least this % from its previous close, either way (every open wheel's symbol unless one is named)"
            }
            RuleKind::InTheMoney => "A short option is in the money",
            RuleKind::ExpiringSoon => "An open option expires within this many calendar days",
            RuleKind::RiskHigh => "The position monitor rates an open option's risk HIGH",
            RuleKind::TakeProfit => "A short option has captured at least this % of its maximum profit",
            RuleKind::EarlyAssignment => "A short option risks early assignment (ex-dividend call, deep ITM put)",
            RuleKind::Earnings => "Earnings fall on or before an open option's expiry",
            RuleKind::Opportunity => "The opening scan finds a trade at or above this annualized yield %",
            RuleKind::LimitBreach => "The book violates one of the risk limits",
            RuleKind::TokenExpiry => "The broker login is about to expire or has expired",
            RuleKind::JobFailing => "A scheduled job failed this many times in a row",
        }
    }

    fn threshold(self) -> Option<Threshold> {
        let t = |meaning, min, max, default, whole| Some(Threshold { meaning, min, max, default, whole });
        match self {
            RuleKind::PriceCrosses => t("the level in dollars", 0.01, 1_000_000.0, None, false),
            RuleKind::DailyMove => t("the move in % of the previous close", 0.1, 100.0, Some(5.0), false),
            RuleKind::ExpiringSoon => t("the days to expiry", 0.0, 60.0, Some(2.0), true),
            RuleKind::TakeProfit => t("the % of maximum profit", 1.0, 100.0, Some(50.0), false),
            RuleKind::Opportunity => t("the annualized yield in %", 1.0, 1_000.0, Some(30.0), false),
            RuleKind::JobFailing => t("the failed runs in a row", 1.0, 100.0, Some(3.0), true),
            _ => None,
        }
    }

    pub fn default_threshold(self) -> Option<f64> {
        self.threshold().and_then(|t| t.default)
    }

    pub fn enabled_by_default(self) -> bool {
        !matches!(self, RuleKind::Opportunity)
    }

    pub fn default_cooldown_minutes(self) -> u32 {
        match self {
            RuleKind::PriceCrosses => 60,
            RuleKind::Earnings => 7 * MINUTES_PER_DAY,
            RuleKind::JobFailing => 6 * 60,
            _ => ABOUT_A_DAY,
        }
    }

    pub fn severity(self) -> Severity {
        match self {
            RuleKind::RiskHigh | RuleKind::EarlyAssignment | RuleKind::LimitBreach => Severity::Critical,
            RuleKind::DailyMove | RuleKind::InTheMoney | RuleKind::Earnings | RuleKind::TokenExpiry | RuleKind::JobFailing => {
                Severity::Warning
            }
            RuleKind::PriceCrosses | RuleKind::ExpiringSoon | RuleKind::TakeProfit | RuleKind::Opportunity => Severity::Info,
        }
    }

    /// What the engine must observe to check a rule of this kind.
    pub fn source(self) -> Source {
        match self {
            RuleKind::PriceCrosses | RuleKind::DailyMove => Source::Prices,
            RuleKind::InTheMoney
            | RuleKind::ExpiringSoon
            | RuleKind::RiskHigh
            | RuleKind::TakeProfit
            | RuleKind::EarlyAssignment
            | RuleKind::Earnings => Source::Positions,
            RuleKind::Opportunity => Source::Scan,
            RuleKind::LimitBreach => Source::Limits,
            RuleKind::TokenExpiry => Source::Login,
            RuleKind::JobFailing => Source::Jobs,
        }
    }

    /// Kinds whose rule names a symbol (required for price levels, optional for moves).
    pub fn takes_symbol(self) -> bool {
        matches!(self, RuleKind::PriceCrosses | RuleKind::DailyMove)
    }

    /// Kinds with one standing rule that always exists (tuned or switched off, never deleted).
    pub fn standing(self) -> bool {
        self != RuleKind::PriceCrosses
    }
}

/// The family of observations a kind is judged on (see [`crate::observe::Observations`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    Prices,
    Positions,
    Scan,
    Limits,
    Login,
    Jobs,
}

/// A stored rule.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
#[ts(rename = "AlertRule")]
pub struct Rule {
    pub id: i64,
    pub kind: RuleKind,
    pub symbol: Option<String>,
    pub threshold: Option<f64>,
    pub enabled: bool,
    pub cooldown_minutes: u32,
}

impl Rule {
    /// The standing rule of a kind with its defaults (`id` 0 until stored).
    pub fn standing_default(kind: RuleKind) -> Rule {
        Rule {
            id: 0,
            kind,
            symbol: None,
            threshold: kind.default_threshold(),
            enabled: kind.enabled_by_default(),
            cooldown_minutes: kind.default_cooldown_minutes(),
        }
    }
}

/// A rule as the user gives it: absent fields take the kind's defaults.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, TS)]
#[ts(rename = "AlertRuleInput")]
pub struct RuleInput {
    #[serde(default)]
    #[ts(optional)]
    pub symbol: Option<String>,
    #[serde(default)]
    #[ts(optional)]
    pub threshold: Option<f64>,
    #[serde(default)]
    #[ts(optional)]
    pub enabled: Option<bool>,
    #[serde(default)]
    #[ts(optional)]
    pub cooldown_minutes: Option<u32>,
}

/// A rule field the user must fix, and how.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
#[error("{field}: {message}")]
pub struct RuleError {
    pub field: &'static str,
    pub message: String,
}

impl RuleError {
    pub fn new(field: &'static str, message: impl Into<String>) -> RuleError {
        RuleError { field, message: message.into() }
    }
}

impl RuleInput {
    /// `base` with this input applied and checked. The symbol is kept as given (upper-cased);
    /// whether it is a valid ticker is the caller's check.
    pub fn apply(&self, base: &Rule) -> Result<Rule, RuleError> {
        let kind = base.kind;
        let mut rule = base.clone();
        if let Some(symbol) = &self.symbol {
            let symbol = symbol.trim().to_ascii_uppercase();
            if !kind.takes_symbol() && !symbol.is_empty() {
                return Err(RuleError::new("symbol", format!("a {} rule does not name a symbol: leave it out", kind.as_str())));
            }
            rule.symbol = (!symbol.is_empty()).then_some(symbol);
        }
        if let Some(threshold) = self.threshold {
            rule.threshold = Some(threshold);
        }
        if let Some(enabled) = self.enabled {
            rule.enabled = enabled;
        }
        if let Some(cooldown) = self.cooldown_minutes {
            rule.cooldown_minutes = cooldown;
        }
        rule.validate()?;
        Ok(rule)
    }
}

impl Rule {
    pub fn validate(&self) -> Result<(), RuleError> {
        if self.kind == RuleKind::PriceCrosses && self.symbol.is_none() {
            return Err(RuleError::new("symbol", "a price level belongs to a symbol: name it, e.g. AAPL"));
        }
        match (self.kind.threshold(), self.threshold) {
            (None, Some(_)) => {
                return Err(RuleError::new("threshold", format!("a {} rule has no threshold: leave it out", self.kind.as_str())))
            }
            (Some(t), None) => return Err(RuleError::new("threshold", format!("give {}", t.meaning))),
            (Some(t), Some(v)) => {
                if !(v.is_finite() && (t.min..=t.max).contains(&v)) {
                    return Err(RuleError::new("threshold", format!("{v} is out of range for {}: give {} to {}", t.meaning, t.min, t.max)));
                }
                if t.whole && v.fract() != 0.0 {
                    return Err(RuleError::new("threshold", format!("{v}: {} is a whole number", t.meaning)));
                }
            }
            (None, None) => {}
        }
        if self.cooldown_minutes > MAX_COOLDOWN_MINUTES {
            return Err(RuleError::new(
                "cooldown_minutes",
                format!("{} minutes is over 90 days: give at most {MAX_COOLDOWN_MINUTES}", self.cooldown_minutes),
            ));
        }
        Ok(())
    }
}
