//! Hand-built chains and open options for the tests.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use rust_decimal::Decimal;
use wheelwright_domain::ledger::{OpenOption, Side};
use wheelwright_domain::market::{occ_symbol, DividendInfo, OptionChain, OptionQuote, Quote};
use wheelwright_domain::{Right, Symbol};

pub fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

/// 2026-11-20 (a Friday) at 11:00 in New York.
pub fn friday_morning() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 20, 16, 0, 0).unwrap()
}

pub fn underlying(symbol: &str, price: f64) -> Quote {
    Quote {
        symbol: Symbol::parse(symbol).unwrap(),
        time: friday_morning(),
        last: Some(price),
        bid: Some(price - 0.01),
        ask: Some(price + 0.01),
        previous_close: Some(price),
        volume: Some(1_000_000),
        name: None,
        sector: None,
        dividend: None,
        next_earnings: None,
        flags: Vec::new(),
    }
}

pub fn with_dividend(mut quote: Quote, ex_date: &str, amount: f64) -> Quote {
    quote.dividend = Some(DividendInfo { amount, per_year: 4, next_ex_date: Some(d(ex_date)), annual_yield: None });
    quote
}

pub fn contract(symbol: &str, right: Right, strike: f64, expiry: &str, bid: f64, ask: f64, open_interest: u64) -> OptionQuote {
    let root = Symbol::parse(symbol).unwrap();
    OptionQuote {
        occ: occ_symbol(&root, d(expiry), right, strike),
        underlying: root,
        right,
        strike,
        expiry: d(expiry),
        multiplier: 100,
        standard: true,
        bid: Some(bid),
        ask: Some(ask),
        last: None,
        volume: 10,
        open_interest,
        iv: None,
        greeks: None,
        flags: Vec::new(),
    }
}

pub fn chain(underlying: Quote, contracts: Vec<OptionQuote>) -> OptionChain {
    OptionChain { underlying, time: friday_morning(), rate: 0.04, contracts }
}

pub fn short(right: Right, strike: &str, expiry: &str, contracts: &str, open_price: &str) -> OpenOption {
    OpenOption {
        leg_id: 7,
        right,
        side: Side::Short,
        strike: strike.parse::<Decimal>().unwrap(),
        expiry: d(expiry),
        contracts: contracts.parse::<Decimal>().unwrap(),
        open_price: open_price.parse::<Decimal>().unwrap(),
        opened: d("2026-11-02"),
        multiplier: Decimal::from(100),
        deliverable: Decimal::from(100),
    }
}

/// One blotter row: date, action, the option (right, strike, expiry) if any, quantity, price.
pub type Row<'a> = (&'a str, wheelwright_domain::Action, Option<(Right, &'a str, &'a str)>, &'a str, &'a str);

/// A wheel's figures from a blotter.
pub fn wheel(symbol: &str, rows: &[Row]) -> wheelwright_domain::WheelSummary {
    use wheelwright_domain::{Fill, FillData, OptionSpec};
    let fills: Vec<Fill> = rows
        .iter()
        .enumerate()
        .map(|(i, (date, action, option, quantity, price))| Fill {
            id: i as i64 + 1,
            seq: i as i64 + 1,
            data: FillData {
                date: d(date),
                time: None,
                action: *action,
                symbol: Some(Symbol::parse(symbol).unwrap()),
                option: option.map(|(right, strike, expiry)| OptionSpec {
                    right,
                    strike: strike.parse().unwrap(),
                    expiry: d(expiry),
                    multiplier: Decimal::from(100),
                    deliverable: Decimal::from(100),
                }),
                quantity: quantity.parse().unwrap(),
                price: price.parse().unwrap(),
                fees: Decimal::ZERO,
                account: None,
                external_id: None,
                roll_id: None,
                note: None,
            },
        })
        .collect();
    wheelwright_domain::replay(&fills).unwrap().summary(symbol)
}

/// A Demo market chain at 2026-11-20 11:00 New York, expiries up to 60 days out.
pub fn demo_chain(symbol: &str) -> OptionChain {
    use wheelwright_domain::market::ChainFilter;
    let market = wheelwright_demo::DemoMarket::new(7);
    let filter = ChainFilter { to: Some(d("2027-01-19")), ..ChainFilter::default() };
    market.chain(&Symbol::parse(symbol).unwrap(), friday_morning(), &filter).unwrap().chain
}
