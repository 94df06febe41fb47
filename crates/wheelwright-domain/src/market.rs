//! Market data in Wheelwright's own shape, whatever the provider (Demo market, Schwab, Tradier):
//! quotes, option chains, price bars, dividends and earnings. Providers normalise into these —
//! OCC symbols parsed, IV as a decimal, missing values as `None` — and flag suspect data instead
//! of passing it on silently. Prices here are market observations (floating point); the ledger's
//! money stays exact decimal.

use crate::{Right, Symbol};
use chrono::{DateTime, Months, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Why a number on a quote should not be trusted as it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DataFlag {
    /// Older than the market's last update.
    Stale,
    /// Bid above ask.
    Crossed,
    /// No bid (or a zero bid): the mid is not a price anyone would pay.
    ZeroBid,
    /// Greeks or IV missing from the provider.
    MissingGreeks,
    /// A gap in a price history (sessions without a bar).
    HistoryGap,
    /// Simulated data (the Demo market).
    Simulated,
}

impl DataFlag {
    /// The flags a two-sided quote earns on its face: crossed, or no bid to sell into.
    pub fn for_quote(bid: Option<f64>, ask: Option<f64>) -> Vec<DataFlag> {
        match (bid, ask) {
            (Some(b), Some(a)) if b > a => vec![DataFlag::Crossed],
            (Some(b), _) if b > 0.0 => Vec::new(),
            _ => vec![DataFlag::ZeroBid],
        }
    }
}

/// A cash dividend schedule as the provider states it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct DividendInfo {
    /// Per payment.
    pub amount: f64,
    pub per_year: u32,
    pub next_ex_date: Option<NaiveDate>,
    /// Annual yield as a decimal.
    pub annual_yield: Option<f64>,
}

impl DividendInfo {
    /// The cash dividends expected from the next ex-date through `until`: the stated amount
    /// every 12 ÷ `per_year` months (the next one alone when the frequency does not divide a
    /// year). Empty without a next ex-date or a positive amount.
    pub fn schedule(&self, until: NaiveDate) -> Vec<(NaiveDate, f64)> {
        let Some(first) = self.next_ex_date.filter(|_| self.amount.is_finite() && self.amount > 0.0) else { return Vec::new() };
        let step = match self.per_year {
            1 | 2 | 3 | 4 | 6 | 12 => Some(Months::new(12 / self.per_year)),
            _ => None,
        };
        let mut dates = Vec::new();
        let mut next = Some(first);
        while let Some(ex_date) = next.filter(|d| *d <= until) {
            dates.push((ex_date, self.amount));
            next = step.and_then(|months| first.checked_add_months(Months::new(months.as_u32() * dates.len() as u32)));
        }
        dates
    }
}

/// A stock or ETF quote.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct Quote {
    pub symbol: Symbol,
    pub time: DateTime<Utc>,
    pub last: Option<f64>,
    pub bid: Option<f64>,
    pub ask: Option<f64>,
    /// The previous session's close.
    pub previous_close: Option<f64>,
    pub volume: Option<u64>,
    pub name: Option<String>,
    /// None when the provider does not say (Schwab and Tradier never do).
    pub sector: Option<String>,
    pub dividend: Option<DividendInfo>,
    /// The next earnings date; None when unknown — never invented.
    pub next_earnings: Option<NaiveDate>,
    pub flags: Vec<DataFlag>,
}

/// The mid of a two-sided, uncrossed quote with a bid; `None` otherwise.
pub fn two_sided_mid(bid: Option<f64>, ask: Option<f64>) -> Option<f64> {
    match (bid, ask) {
        (Some(b), Some(a)) if b > 0.0 && a >= b && a.is_finite() => Some(0.5 * (a + b)),
        _ => None,
    }
}

impl Quote {
    /// The mid of a two-sided quote, else the last trade.
    pub fn mark(&self) -> Option<f64> {
        two_sided_mid(self.bid, self.ask).or(self.last)
    }
}

/// Greeks as the provider (or our engine) reports them: theta per calendar day, vega per vol point.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct Greeks {
    pub delta: f64,
    pub gamma: f64,
    pub theta_per_day: f64,
    pub vega_per_point: f64,
}

/// One option contract's quote.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct OptionQuote {
    /// OCC symbol, root padded to six: `AAPL  241018C00230000`.
    pub occ: String,
    pub underlying: Symbol,
    pub right: Right,
    pub strike: f64,
    pub expiry: NaiveDate,
    pub multiplier: u32,
    /// False for adjusted contracts (a deliverable other than 100 shares).
    pub standard: bool,
    pub bid: Option<f64>,
    pub ask: Option<f64>,
    pub last: Option<f64>,
    pub volume: u64,
    pub open_interest: u64,
    /// Implied volatility as a decimal, from the provider's model.
    pub iv: Option<f64>,
    pub greeks: Option<Greeks>,
    pub flags: Vec<DataFlag>,
}

/// An option chain at one instant.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct OptionChain {
    pub underlying: Quote,
    /// When the option quotes were taken (the chain is valued at this instant).
    pub time: DateTime<Utc>,
    /// Continuous risk-free rate the provider priced with (decimal).
    pub rate: f64,
    pub contracts: Vec<OptionQuote>,
}

impl OptionChain {
    /// The listed contract with this right, strike and expiry (strikes compare exactly: both
    /// sides come from the same decimal).
    pub fn contract(&self, right: Right, strike: f64, expiry: NaiveDate) -> Option<&OptionQuote> {
        self.contracts.iter().find(|q| q.right == right && q.expiry == expiry && q.strike == strike)
    }
}

/// Which part of a chain to fetch: always bounded (wide unfiltered requests fail at brokers).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct ChainFilter {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// Strikes nearest the money, per expiry and right.
    pub strike_count: Option<u32>,
    pub right: Option<Right>,
}

/// One price bar: a session (daily) or a slice of one (intraday).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct Bar {
    pub time: DateTime<Utc>,
    pub open: f64,
    pub high: f64,
    pub low: f64,
    pub close: f64,
    pub volume: u64,
}

/// A price history as the app shows it: the bars, and the sessions that closed without one
/// (a provider's gap, named rather than bridged).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct PriceHistory {
    pub symbol: Symbol,
    pub interval: Interval,
    pub bars: Vec<Bar>,
    /// Daily histories only: closed sessions in the range with no bar.
    pub missing_sessions: Vec<NaiveDate>,
    /// `HistoryGap` when sessions are missing, `Simulated` for the Demo market.
    pub flags: Vec<DataFlag>,
}

/// Bar length.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Interval {
    Daily,
    Minutes(u32),
}

/// The OCC symbol of a contract: root padded to six, YYMMDD, C/P, strike × 1000 in eight digits.
pub fn occ_symbol(root: &Symbol, expiry: NaiveDate, right: Right, strike: f64) -> String {
    let side = match right {
        Right::Call => 'C',
        Right::Put => 'P',
    };
    format!("{:<6}{}{side}{:08}", root.as_str(), expiry.format("%y%m%d"), (strike * 1000.0).round() as u64)
}

/// The parts of an OCC symbol: root, expiry, right, strike. Tolerates a root without padding
/// (`AAPL241018C00230000`), as some providers send it.
pub fn parse_occ(text: &str) -> Option<(String, NaiveDate, Right, f64)> {
    let text = text.trim();
    if text.len() < 16 || !text.is_ascii() {
        return None;
    }
    let (root, tail) = text.split_at(text.len() - 15);
    let expiry = NaiveDate::parse_from_str(&tail[..6], "%y%m%d").ok()?;
    let right = match &tail[6..7] {
        "C" => Right::Call,
        "P" => Right::Put,
        _ => return None,
    };
    let thousandths: u64 = tail[7..].parse().ok()?;
    let root = root.trim();
    (!root.is_empty()).then(|| (root.to_string(), expiry, right, thousandths as f64 / 1000.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn occ_symbols_round_trip_with_and_without_padding() {
        let aapl = Symbol::parse("AAPL").unwrap();
        let expiry = NaiveDate::from_ymd_opt(2024, 10, 18).unwrap();
        let occ = occ_symbol(&aapl, expiry, Right::Call, 230.0);
        assert_eq!(occ, "AAPL  241018C00230000");
        assert_eq!(parse_occ(&occ), Some(("AAPL".into(), expiry, Right::Call, 230.0)));
        assert_eq!(parse_occ("AAPL241018P00002500"), Some(("AAPL".into(), expiry, Right::Put, 2.5)));
        assert_eq!(parse_occ("AAPL  241018X00230000"), None);
        assert_eq!(parse_occ("241018C00230000"), None);
    }

    #[test]
    fn a_dividend_schedule_steps_from_the_next_ex_date_by_its_frequency() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let quarterly = DividendInfo { amount: 0.61, per_year: 4, next_ex_date: Some(day(2026, 11, 30)), annual_yield: None };
        // Each step from the first date, so a month-end does not drift: Feb 28, then May 30.
        assert_eq!(
            quarterly.schedule(day(2027, 6, 1)),
            vec![(day(2026, 11, 30), 0.61), (day(2027, 2, 28), 0.61), (day(2027, 5, 30), 0.61)]
        );
        assert_eq!(quarterly.schedule(day(2026, 11, 29)), vec![], "nothing before the next ex-date");
        let odd = DividendInfo { per_year: 5, ..quarterly.clone() };
        assert_eq!(odd.schedule(day(2028, 1, 1)), vec![(day(2026, 11, 30), 0.61)], "an irregular frequency: the next alone");
        assert!(DividendInfo { next_ex_date: None, ..quarterly.clone() }.schedule(day(2028, 1, 1)).is_empty());
        assert!(DividendInfo { amount: 0.0, ..quarterly }.schedule(day(2028, 1, 1)).is_empty());
    }
}
