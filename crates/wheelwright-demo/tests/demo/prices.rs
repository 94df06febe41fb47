//! The universe, prices, history and dividends.

use crate::{ny, sym};
use chrono::{Datelike, NaiveDate};
use std::collections::{BTreeMap, HashSet};
use wheelwright_demo::events::dividends;
use wheelwright_demo::{listings, DemoError, DemoMarket};

#[test]
fn the_universe_spans_sectors_and_prices_under_and_over_50() {
    let all = listings();
    assert!(all.len() >= 500, "{} listings", all.len());
    let unique: HashSet<_> = all.iter().map(|l| &l.symbol).collect();
    assert_eq!(unique.len(), all.len(), "duplicate symbols");
    let sectors: HashSet<_> = all.iter().map(|l| l.sector.as_str()).collect();
    assert_eq!(sectors.len(), 12, "{sectors:?}");
    // Prices as simulated on a day years after the start, not just the base levels.
    let market = DemoMarket::new(1);
    let at = ny(2026, 3, 2, 12, 0);
    let prices: Vec<f64> = all.iter().map(|l| market.quote(&l.symbol, at).unwrap().last.unwrap()).collect();
    let under = prices.iter().filter(|p| **p < 50.0).count();
    assert!(under > 120 && prices.len() - under > 200, "{under} under $50 of {}", prices.len());
    assert!(prices.iter().all(|p| *p >= 0.5), "the floor holds");
}

#[test]
fn the_same_seed_and_instant_give_the_same_data_whatever_was_asked_before() {
    let at = ny(2025, 6, 10, 11, 17);
    let (first, second) = (DemoMarket::new(42), DemoMarket::new(42));
    // The second market simulates other listings and a later date first.
    second.quote(&sym("MSFT"), ny(2026, 1, 5, 15, 0)).unwrap();
    for s in ["AAPL", "F", "SPY"] {
        assert_eq!(first.quote(&sym(s), at).unwrap(), second.quote(&sym(s), at).unwrap());
    }
    let from = NaiveDate::from_ymd_opt(2025, 5, 1).unwrap();
    assert_eq!(
        first.history(&sym("AAPL"), from, from + chrono::Duration::days(40), at).unwrap(),
        second.history(&sym("AAPL"), from, from + chrono::Duration::days(40), at).unwrap()
    );
    let other = DemoMarket::new(43).quote(&sym("AAPL"), at).unwrap();
    assert_ne!(other.last, first.quote(&sym("AAPL"), at).unwrap().last, "another seed is another market");
}

#[test]
fn nothing_after_the_instant_is_revealed() {
    let market = DemoMarket::new(7);
    let (from, to) = (NaiveDate::from_ymd_opt(2026, 2, 2).unwrap(), NaiveDate::from_ymd_opt(2026, 2, 13).unwrap());
    // Wednesday 2026-02-11 at noon: Monday–Tuesday of that week are done, Wednesday is running.
    let bars = market.history(&sym("KO"), from, to, ny(2026, 2, 11, 12, 0)).unwrap();
    assert_eq!(bars.len(), 7, "2–6 Feb and 9–10 Feb");
    assert_eq!(bars.last().unwrap().time, ny(2026, 2, 10, 16, 0));
    // Before the open the quote is the last close; during the session it moves.
    let last_close = bars.last().unwrap().close;
    let early = market.quote(&sym("KO"), ny(2026, 2, 11, 8, 0)).unwrap();
    assert_eq!(early.last, Some(last_close));
    let noon = market.quote(&sym("KO"), ny(2026, 2, 11, 12, 0)).unwrap();
    assert_eq!(noon.previous_close, Some(last_close));
    assert_ne!(noon.last, Some(last_close));
    // Intraday bars stop at the instant and end at the quote's price.
    let intraday = market.intraday(&sym("KO"), NaiveDate::from_ymd_opt(2026, 2, 11).unwrap(), 5, ny(2026, 2, 11, 12, 0)).unwrap();
    assert_eq!(intraday.len(), 30, "09:30–12:00 in five-minute bars");
    assert_eq!(intraday.last().unwrap().close, noon.last.unwrap());
    assert!(intraday.last().unwrap().time <= ny(2026, 2, 11, 12, 0));
    // Yesterday's session is complete while today's runs; tomorrow's does not exist yet.
    let yesterday = market.intraday(&sym("KO"), NaiveDate::from_ymd_opt(2026, 2, 10).unwrap(), 30, ny(2026, 2, 11, 12, 0)).unwrap();
    assert_eq!(yesterday.len(), 13);
    assert_eq!(yesterday.last().unwrap().close, last_close);
    assert!(market.intraday(&sym("KO"), NaiveDate::from_ymd_opt(2026, 2, 12).unwrap(), 30, ny(2026, 2, 11, 12, 0)).unwrap().is_empty());
    assert_eq!(
        market.quote(&sym("KO"), ny(2018, 12, 31, 12, 0)).unwrap_err(),
        DemoError::BeforeEpoch(NaiveDate::from_ymd_opt(2018, 12, 31).unwrap())
    );
    assert!(matches!(market.quote(&sym("NOPE"), ny(2026, 2, 11, 12, 0)), Err(DemoError::UnknownSymbol(_))));
}

#[test]
fn daily_bars_are_consistent_and_several_years_deep() {
    let market = DemoMarket::new(7);
    let bars = market
        .history(
            &sym("AAPL"),
            NaiveDate::from_ymd_opt(2019, 1, 1).unwrap(),
            NaiveDate::from_ymd_opt(2026, 12, 31).unwrap(),
            ny(2026, 6, 1, 17, 0),
        )
        .unwrap();
    assert!(bars.len() > 1850, "{} sessions", bars.len());
    for b in &bars {
        assert!(b.high >= b.open.max(b.close) && b.low <= b.open.min(b.close) && b.low > 0.0, "{b:?}");
        assert!(b.volume > 0);
    }
    // Volatility of daily returns near the listing's own (0.26), across regimes.
    let returns: Vec<f64> = bars.windows(2).map(|w| (w[1].close / w[0].close).ln()).collect();
    let mean = returns.iter().sum::<f64>() / returns.len() as f64;
    let vol = (returns.iter().map(|r| (r - mean).powi(2)).sum::<f64>() / returns.len() as f64 * 252.0).sqrt();
    assert!(vol > 0.18 && vol < 0.45, "annualised vol {vol}");
}

#[test]
fn dividends_are_quarterly_and_the_price_drops_on_the_ex_date() {
    let market = DemoMarket::new(7);
    let ko = listings().iter().find(|l| l.symbol.as_str() == "KO").unwrap();
    let year = dividends(ko, NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(), NaiveDate::from_ymd_opt(2025, 12, 31).unwrap());
    assert_eq!(year.len(), 4);
    let months: Vec<u32> = year.iter().map(|d| d.ex_date.month()).collect();
    assert!(months.windows(2).all(|w| w[1] - w[0] == 3), "{months:?}");
    assert!(year.iter().all(|d| (d.amount - year[0].amount).abs() < 1e-9), "one amount within a year");
    // The quote announces the next one.
    let before = year[1].ex_date - chrono::Duration::days(10);
    let quote = market.quote(&sym("KO"), ny(before.year(), before.month(), before.day(), 12, 0)).unwrap();
    let info = quote.dividend.unwrap();
    assert_eq!((info.next_ex_date, info.amount, info.per_year), (Some(year[1].ex_date), year[1].amount, 4));
    // Across many ex-dates the open falls short of the previous close by about the dividend.
    let bars = market
        .history(
            &sym("KO"),
            NaiveDate::from_ymd_opt(2019, 1, 1).unwrap(),
            NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            ny(2026, 1, 2, 17, 0),
        )
        .unwrap();
    let by_date: BTreeMap<NaiveDate, (usize, f64)> =
        bars.iter().enumerate().map(|(i, b)| (b.time.with_timezone(&chrono_tz::America::New_York).date_naive(), (i, b.open))).collect();
    let mut gaps = Vec::new();
    for d in dividends(ko, NaiveDate::from_ymd_opt(2019, 2, 1).unwrap(), NaiveDate::from_ymd_opt(2025, 12, 31).unwrap()) {
        let (i, open) = by_date[&d.ex_date];
        gaps.push((bars[i - 1].close - open) / d.amount);
    }
    let average = gaps.iter().sum::<f64>() / gaps.len() as f64;
    assert!(gaps.len() >= 27 && average > 0.5 && average < 1.5, "{} ex-dates, average gap {average} dividends", gaps.len());
    // ETFs and growth names without a yield pay nothing.
    let nvda_free = listings().iter().find(|l| l.symbol.as_str() == "TSLA").unwrap();
    assert!(dividends(nvda_free, NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(), NaiveDate::from_ymd_opt(2025, 12, 31).unwrap()).is_empty());
}
