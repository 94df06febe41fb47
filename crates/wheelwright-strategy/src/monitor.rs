//! The position monitor: for each open option, how far it is from the money, how much time and
//! time value it has left, what it is worth now, how much of its maximum profit is captured, the
//! risk of early assignment, and a risk level with the rule that produced it. The thresholds are
//! written down here, and the tests check each at its edge.

use crate::value::{european, float as f, intrinsic, Context, Valued};
use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;
use wheelwright_domain::ledger::{OpenOption, Side};
use wheelwright_domain::market::OptionChain;
use wheelwright_domain::Right;
use wheelwright_domain::WheelSummary;
use wheelwright_pricing::calendar;

/// A short option in the money by this fraction of the spot or more is HIGH risk.
pub const DEEP_ITM: f64 = 0.05;
/// A short option out of the money by less than this fraction of the spot is MEDIUM risk.
pub const NEAR_THE_MONEY: f64 = 0.02;
/// In the money with this many calendar days or fewer left is HIGH risk.
pub const SHORT_DTE: i64 = 7;
/// A put in the money with at most this much time value a share is likely to be assigned early.
pub const PUT_EXTRINSIC_FLOOR: f64 = 0.05;
/// Within this fraction of the spot a contract is labelled "at the money".
pub const AT_THE_MONEY: f64 = 0.005;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, TS)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum RiskLevel {
    Low,
    Medium,
    High,
}

/// The next cash dividend, as far as it is known.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NextDividend {
    pub ex_date: NaiveDate,
    pub amount: f64,
}

/// One open option as the monitor sees it now.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct PositionView {
    pub symbol: String,
    pub leg_id: i64,
    pub right: Right,
    pub side: Side,
    pub strike: f64,
    pub expiry: NaiveDate,
    pub contracts: f64,
    /// Premium a share when opened.
    pub open_price: f64,
    pub spot: f64,
    pub dte_calendar: i64,
    /// Sessions after today up to and including the expiry.
    pub dte_trading: u32,
    /// Distance to the strike as a fraction of the spot: positive out of the money.
    pub moneyness: f64,
    /// "OTM by 3.2%", "ITM by 1.5%", "at the money".
    pub moneyness_label: String,
    pub intrinsic: f64,
    pub extrinsic: Option<f64>,
    /// The mid now, a share; `None` without a two-sided quote.
    pub mark: Option<f64>,
    /// Mark-to-market P&L of the position in dollars, before fees.
    pub unrealized_pnl: Option<f64>,
    /// Short options: (open price − mark) ÷ open price.
    pub max_profit_captured: Option<f64>,
    /// Why early assignment is likely, when it is.
    pub early_assignment: Option<String>,
    pub risk: RiskLevel,
    /// The rule that set the risk level.
    pub risk_rule: String,
    pub delta: Option<f64>,
    pub theta_per_day: Option<f64>,
    pub iv: Option<f64>,
}

/// Out-of-the-money distance as a fraction of the spot (negative in the money).
pub fn moneyness(right: Right, strike: f64, spot: f64) -> f64 {
    match right {
        Right::Put => (spot - strike) / spot,
        Right::Call => (strike - spot) / spot,
    }
}

pub fn moneyness_label(m: f64) -> String {
    if m.abs() < AT_THE_MONEY {
        "at the money".to_string()
    } else if m > 0.0 {
        format!("OTM by {:.1}%", 100.0 * m)
    } else {
        format!("ITM by {:.1}%", -100.0 * m)
    }
}

/// The early-assignment test of PRICING.md: a call in the money whose time value is below the
/// next dividend going ex before expiry (the holder exercises the day before the ex-date), or a
/// put in the money with almost no time value left.
pub fn early_assignment(
    right: Right,
    in_the_money: bool,
    extrinsic: Option<f64>,
    today: NaiveDate,
    expiry: NaiveDate,
    dividend: Option<NextDividend>,
) -> Option<String> {
    let extrinsic = extrinsic?;
    if !in_the_money {
        return None;
    }
    match right {
        Right::Call => {
            let d = dividend.filter(|d| d.ex_date > today && d.ex_date <= expiry && d.amount > extrinsic)?;
            Some(format!(
                "goes ex-dividend {} with a {:.2} dividend, more than the {:.2} of time value left",
                d.ex_date, d.amount, extrinsic
            ))
        }
        Right::Put => (extrinsic <= PUT_EXTRINSIC_FLOOR).then(|| format!("in the money with only {extrinsic:.2} of time value left")),
    }
}

/// The risk level of an option position and the rule that set it (first match wins).
pub fn risk_level(side: Side, moneyness: f64, dte: i64, early_assignment: Option<&str>) -> (RiskLevel, String) {
    if side == Side::Long {
        return (RiskLevel::Low, "long option: it can lose at most what was paid".into());
    }
    let pct = |x: f64| format!("{:.0}%", 100.0 * x);
    if let Some(why) = early_assignment {
        return (RiskLevel::High, format!("early assignment risk: {why}"));
    }
    if moneyness <= -DEEP_ITM {
        return (RiskLevel::High, format!("in the money by {} or more", pct(DEEP_ITM)));
    }
    if moneyness < 0.0 && dte <= SHORT_DTE {
        return (RiskLevel::High, format!("in the money with {SHORT_DTE} days or fewer left"));
    }
    if moneyness < 0.0 {
        return (RiskLevel::Medium, "in the money".into());
    }
    if moneyness < NEAR_THE_MONEY {
        return (RiskLevel::Medium, format!("out of the money by less than {}", pct(NEAR_THE_MONEY)));
    }
    (RiskLevel::Low, format!("out of the money by {} or more", pct(NEAR_THE_MONEY)))
}

/// The next dividend the chain's underlying quote announces.
pub fn next_dividend(chain: &OptionChain) -> Option<NextDividend> {
    let d = chain.underlying.dividend.as_ref()?;
    Some(NextDividend { ex_date: d.next_ex_date?, amount: d.amount })
}

/// Every open option of a wheel, watched against its chain (`ctx` is the chain's).
pub fn watch_all(summary: &WheelSummary, chain: &OptionChain, ctx: &Context) -> Vec<PositionView> {
    let dividend = next_dividend(chain);
    summary
        .open_options
        .iter()
        .map(|o| {
            let quote = chain.contract(o.right, f(o.strike), o.expiry);
            watch(&summary.symbol, o, ctx, quote.map(|q| european(ctx, q)).as_ref(), dividend)
        })
        .collect()
}

/// One open option under watch. `valued` is its contract in the current chain, when the chain has it.
pub fn watch(symbol: &str, option: &OpenOption, ctx: &Context, valued: Option<&Valued>, dividend: Option<NextDividend>) -> PositionView {
    let strike = f(option.strike);
    let open_price = f(option.open_price);
    let contracts = f(option.contracts);
    let multiplier = f(option.multiplier);
    let m = moneyness(option.right, strike, ctx.spot);
    let intrinsic = intrinsic(option.right, strike, ctx.spot);
    let mark = valued.and_then(|v| v.mid);
    let extrinsic = mark.map(|m| (m - intrinsic).max(0.0));
    let dte_calendar = (option.expiry - ctx.today).num_days();
    let dte_trading = calendar::span(ctx.today, option.expiry).map(|s| s.sessions).unwrap_or(0);
    let early = match option.side {
        Side::Short => early_assignment(option.right, intrinsic > 0.0, extrinsic, ctx.today, option.expiry, dividend),
        Side::Long => None,
    };
    let (risk, risk_rule) = risk_level(option.side, m, dte_calendar, early.as_deref());
    let sign = match option.side {
        Side::Short => 1.0,
        Side::Long => -1.0,
    };
    PositionView {
        symbol: symbol.to_string(),
        leg_id: option.leg_id,
        right: option.right,
        side: option.side,
        strike,
        expiry: option.expiry,
        contracts,
        open_price,
        spot: ctx.spot,
        dte_calendar,
        dte_trading,
        moneyness: m,
        moneyness_label: moneyness_label(m),
        intrinsic,
        extrinsic,
        mark,
        unrealized_pnl: mark.map(|mark| sign * (open_price - mark) * contracts * multiplier),
        max_profit_captured: match option.side {
            Side::Short if open_price > 0.0 => mark.map(|mark| (open_price - mark) / open_price),
            _ => None,
        },
        early_assignment: early,
        risk,
        risk_rule,
        delta: valued.and_then(|v| v.delta),
        theta_per_day: valued.and_then(|v| v.theta_per_day),
        iv: valued.and_then(|v| v.iv),
    }
}
