//! What is coming for a portfolio: its expirations (grouped by day, with the cash assignment of
//! the short puts would take and the shares exercise of the short calls would deliver) and the
//! ex-dividend dates of what it holds or is short calls on. The dashboard's "next" column; the
//! detail of the next expiration day itself is `expiration`.

use crate::value::float as f;
use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;
use wheelwright_domain::ledger::Side;
use wheelwright_domain::market::DividendInfo;
use wheelwright_domain::{Right, WheelSummary};

/// One open option on the agenda.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct AgendaLeg {
    pub symbol: String,
    pub right: Right,
    pub side: Side,
    pub strike: f64,
    pub contracts: f64,
}

/// Every open option expiring on one day.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct ExpiryGroup {
    #[ts(type = "string")]
    pub expiry: NaiveDate,
    /// Calendar days from today.
    pub days: i64,
    pub legs: Vec<AgendaLeg>,
    /// Cash the short puts take if every one is assigned (strike × multiplier × contracts).
    pub cash_if_assigned: f64,
    /// Shares the short calls deliver if every one is exercised.
    pub shares_if_called: f64,
}

/// An ex-dividend date of a symbol the portfolio holds shares of or is short calls on.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct ExDividend {
    pub symbol: String,
    #[ts(type = "string")]
    pub ex_date: NaiveDate,
    pub days: i64,
    /// Per share.
    pub amount: f64,
    pub shares: f64,
    /// amount × shares held.
    pub income: f64,
    /// Short calls still open on the ex-date: in the money then, they are likely assigned the
    /// session before (the holder exercises to collect the dividend).
    pub calls_open_over_it: Vec<f64>,
}

/// The open options of `wheels` expiring within `horizon_days` of `today`, soonest first. An
/// option past its expiry and still open (its settlement not yet recorded) stays listed, with
/// negative days, until the trader records how it settled — it is the most pressing line.
pub fn expirations(wheels: &[WheelSummary], today: NaiveDate, horizon_days: i64) -> Vec<ExpiryGroup> {
    let mut groups: Vec<ExpiryGroup> = Vec::new();
    let mut open: Vec<_> = wheels.iter().flat_map(|w| w.open_options.iter().map(move |o| (w.symbol.as_str(), o))).collect();
    open.sort_by(|(sa, a), (sb, b)| a.expiry.cmp(&b.expiry).then(sa.cmp(sb)).then(a.strike.cmp(&b.strike)));
    for (symbol, option) in open {
        let days = (option.expiry - today).num_days();
        if days > horizon_days {
            continue;
        }
        if groups.last().is_none_or(|g| g.expiry != option.expiry) {
            groups.push(ExpiryGroup { expiry: option.expiry, days, legs: Vec::new(), cash_if_assigned: 0.0, shares_if_called: 0.0 });
        }
        let group = groups.last_mut().expect("pushed above");
        if option.side == Side::Short {
            match option.right {
                Right::Put => group.cash_if_assigned += f(option.strike * option.multiplier * option.contracts),
                Right::Call => group.shares_if_called += f(option.deliverable * option.contracts),
            }
        }
        group.legs.push(AgendaLeg {
            symbol: symbol.to_string(),
            right: option.right,
            side: option.side,
            strike: f(option.strike),
            contracts: f(option.contracts),
        });
    }
    groups
}

/// The next ex-dividend dates within `horizon_days` of `today` for the wheels holding shares or
/// short calls, soonest first. `dividend_of` answers a symbol's announced schedule.
pub fn ex_dividends<'a>(
    wheels: &[WheelSummary],
    dividend_of: impl Fn(&str) -> Option<&'a DividendInfo>,
    today: NaiveDate,
    horizon_days: i64,
) -> Vec<ExDividend> {
    let mut dates: Vec<ExDividend> = wheels
        .iter()
        .filter_map(|w| {
            let short_calls: Vec<_> = w.open_options.iter().filter(|o| o.right == Right::Call && o.side == Side::Short).collect();
            if w.shares.is_zero() && short_calls.is_empty() {
                return None;
            }
            let dividend = dividend_of(&w.symbol)?;
            let ex_date = dividend.next_ex_date?;
            let days = (ex_date - today).num_days();
            // A past ex-date (a provider slow to move on) is no longer ahead.
            if !(0..=horizon_days).contains(&days) {
                return None;
            }
            let shares = f(w.shares);
            Some(ExDividend {
                symbol: w.symbol.clone(),
                ex_date,
                days,
                amount: dividend.amount,
                shares,
                income: dividend.amount * shares,
                calls_open_over_it: short_calls.iter().filter(|o| o.expiry >= ex_date).map(|o| f(o.strike)).collect(),
            })
        })
        .collect();
    dates.sort_by(|a, b| a.ex_date.cmp(&b.ex_date).then(a.symbol.cmp(&b.symbol)));
    dates
}
