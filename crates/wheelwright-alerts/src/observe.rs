//! What the engine saw, the only input of an evaluation besides the rules. Each family is
//! gathered only when an enabled rule needs it; a family left empty raises nothing.

use chrono::{DateTime, NaiveDate, Utc};
use wheelwright_domain::ledger::Side;
use wheelwright_domain::Right;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Observations {
    pub now: DateTime<Utc>,
    pub prices: Vec<PriceWatch>,
    pub positions: Vec<PositionWatch>,
    pub opportunities: Vec<Opportunity>,
    pub breaches: Vec<LimitBreach>,
    pub login: Option<LoginHealth>,
    pub jobs: Vec<JobHealth>,
}

/// A symbol's price now and the one observed before it (kept across restarts by the engine).
#[derive(Clone, Debug, PartialEq)]
pub struct PriceWatch {
    pub symbol: String,
    pub last: f64,
    /// The previous observation; `None` the first time (nothing can have been crossed yet).
    pub earlier: Option<f64>,
    pub previous_close: Option<f64>,
    /// An open wheel's symbol (a daily-move rule without a symbol watches these).
    pub held: bool,
    /// The New York trading date of `last`: a daily move alerts once per direction per day.
    pub date: NaiveDate,
}

/// An open option as the position monitor rates it.
#[derive(Clone, Debug, PartialEq)]
pub struct PositionWatch {
    pub portfolio: String,
    pub symbol: String,
    pub leg_id: i64,
    /// "AAPL Jan 17 2027 180 put".
    pub label: String,
    pub right: Right,
    pub side: Side,
    pub expiry: NaiveDate,
    pub dte_calendar: i64,
    /// Distance to the strike as a fraction of the spot, positive out of the money.
    pub moneyness: f64,
    /// "ITM by 1.5%".
    pub moneyness_label: String,
    pub risk_high: bool,
    /// The rule behind the risk level.
    pub risk_rule: String,
    /// Short options: the fraction of the maximum profit captured (0.5 = half).
    pub max_profit_captured: Option<f64>,
    pub early_assignment: Option<String>,
    pub next_earnings: Option<NaiveDate>,
}

/// A trade the opening scan found.
#[derive(Clone, Debug, PartialEq)]
pub struct Opportunity {
    pub symbol: String,
    /// The contract, e.g. "KO Dec 19 2026 60 put"; with the symbol it identifies the trade.
    pub label: String,
    /// Annualized yield as a fraction (0.3 = 30%).
    pub annualized_yield: f64,
    pub reason: String,
}

/// A limit the book violates now.
#[derive(Clone, Debug, PartialEq)]
pub struct LimitBreach {
    pub portfolio: String,
    /// The limit's name: "name", "sector", "delta", "daily_loss", "cash", "position".
    pub limit: String,
    pub subject: Option<String>,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct LoginHealth {
    pub broker: String,
    pub expired: bool,
    /// The warning the broker status gives ("Log in again before …").
    pub message: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct JobHealth {
    pub job: String,
    /// Failed runs since its last success (skipped runs do not count either way).
    pub failures_in_a_row: u32,
    pub last_error: Option<String>,
}
