//! Expiration day: for the portfolio's next expiration, what each option does at the current
//! price — expires worthless, is assigned, is called away, is exercised (in the money by any
//! amount: the OCC exercises long options from $0.01 and assignment follows) — the cash and
//! shares that moves next session, whether the cash and shares are there, and pin risk (the spot
//! within a set distance of a strike, where the outcome can flip in the last minutes).

use crate::value::float as f;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeMap;
use ts_rs::TS;
use wheelwright_domain::ledger::Side;
use wheelwright_domain::{Right, WheelSummary};

/// The usual pin distance: the spot within 1% of the strike.
pub const DEFAULT_PIN_DISTANCE: f64 = 0.01;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(rename = "ExpirationOutcome")]
pub enum Outcome {
    ExpiresWorthless,
    Assigned,
    CalledAway,
    Exercised,
}

#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct ExpiringOption {
    pub symbol: String,
    pub leg_id: i64,
    pub right: Right,
    pub side: Side,
    pub strike: f64,
    pub contracts: f64,
    pub spot: f64,
    /// (spot − strike) ÷ spot.
    pub distance: f64,
    pub outcome: Outcome,
    /// Cash in (positive) or out next session.
    pub cash_change: f64,
    /// Shares received (positive) or delivered.
    pub shares_change: f64,
    pub pin_risk: bool,
    /// "Assigned: buy 100 KO at 66 (6,600)".
    pub summary: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct SharesAfter {
    pub symbol: String,
    pub held: f64,
    pub change: f64,
    pub after: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct ExpirationDay {
    pub expiry: NaiveDate,
    pub pin_distance: f64,
    pub options: Vec<ExpiringOption>,
    /// Cash paid out for assignments and exercises.
    pub cash_needed: f64,
    pub cash_received: f64,
    pub cash: f64,
    pub cash_after: f64,
    pub shares: Vec<SharesAfter>,
    pub pinned: usize,
    /// What will not be there: cash short of the assignments, shares short of a call.
    pub shortfalls: Vec<String>,
}

/// Next expiration of the open options (on or after `today`), valued at each symbol's spot.
/// Wheels without a spot in `spots` are valued as if out of the money and named in a shortfall.
pub fn expiration_day(
    wheels: &[WheelSummary],
    spots: &BTreeMap<String, f64>,
    cash: f64,
    today: NaiveDate,
    pin_distance: f64,
) -> Option<ExpirationDay> {
    let expiry = wheels.iter().flat_map(|w| w.open_options.iter().map(|o| o.expiry)).filter(|e| *e >= today).min()?;
    let mut options = Vec::new();
    let mut shortfalls = Vec::new();
    let mut shares: BTreeMap<String, (f64, f64)> = BTreeMap::new();
    for wheel in wheels {
        for o in wheel.open_options.iter().filter(|o| o.expiry == expiry) {
            let Some(&spot) = spots.get(&wheel.symbol) else {
                shortfalls.push(format!("{}: no price, so its {} {} cannot be judged", wheel.symbol, o.strike, o.right.word()));
                continue;
            };
            let strike = f(o.strike);
            let contracts = f(o.contracts);
            let in_the_money = match o.right {
                Right::Put => spot < strike,
                Right::Call => spot > strike,
            };
            let outcome = match (in_the_money, o.side, o.right) {
                (false, _, _) => Outcome::ExpiresWorthless,
                (true, Side::Long, _) => Outcome::Exercised,
                (true, Side::Short, Right::Put) => Outcome::Assigned,
                (true, Side::Short, Right::Call) => Outcome::CalledAway,
            };
            // Buying shares: a short put assigned or a long call exercised; selling: the others.
            let buys = matches!((o.side, o.right), (Side::Short, Right::Put) | (Side::Long, Right::Call));
            let (cash_change, shares_change) = if outcome == Outcome::ExpiresWorthless {
                (0.0, 0.0)
            } else {
                let amount = strike * f(o.multiplier) * contracts;
                let delivered = f(o.deliverable) * contracts;
                if buys {
                    (-amount, delivered)
                } else {
                    (amount, -delivered)
                }
            };
            let held = shares.entry(wheel.symbol.clone()).or_insert((f(wheel.shares), 0.0));
            held.1 += shares_change;
            let distance = (spot - strike) / spot;
            let summary = match outcome {
                Outcome::ExpiresWorthless => format!(
                    "Expires worthless ({} by {:.1}%)",
                    if distance == 0.0 { "at the strike" } else { "out of the money" },
                    distance.abs() * 100.0
                ),
                _ => format!(
                    "{}: {} {} {} at {strike} ({:.2})",
                    match outcome {
                        Outcome::Assigned => "Assigned",
                        Outcome::CalledAway => "Called away",
                        _ => "Exercised",
                    },
                    if buys { "buy" } else { "sell" },
                    shares_change.abs(),
                    wheel.symbol,
                    cash_change.abs()
                ),
            };
            options.push(ExpiringOption {
                symbol: wheel.symbol.clone(),
                leg_id: o.leg_id,
                right: o.right,
                side: o.side,
                strike,
                contracts,
                spot,
                distance,
                outcome,
                cash_change,
                shares_change,
                pin_risk: distance.abs() <= pin_distance,
                summary,
            });
        }
    }
    let cash_needed: f64 = -options.iter().map(|o| o.cash_change).filter(|c| *c < 0.0).sum::<f64>();
    let cash_received: f64 = options.iter().map(|o| o.cash_change).filter(|c| *c > 0.0).sum();
    let cash_after = cash - cash_needed + cash_received;
    if cash_after < 0.0 {
        shortfalls.push(format!(
            "Assignments need {cash_needed:.2} but the portfolio has {cash:.2} (and receives {cash_received:.2}): {:.2} short",
            -cash_after
        ));
    }
    let shares: Vec<SharesAfter> =
        shares.into_iter().map(|(symbol, (held, change))| SharesAfter { symbol, held, change, after: held + change }).collect();
    for s in shares.iter().filter(|s| s.after < 0.0) {
        shortfalls.push(format!("{}: {} shares would be delivered but {} are held", s.symbol, -s.change, s.held));
    }
    let pinned = options.iter().filter(|o| o.pin_risk).count();
    Some(ExpirationDay { expiry, pin_distance, options, cash_needed, cash_received, cash, cash_after, shares, pinned, shortfalls })
}
