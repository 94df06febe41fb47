//! Chains: expirations, and realism checked on the prices — skew, term structure, the earnings
//! bump, spreads, and no static arbitrage.

use crate::{ny, sym};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use std::collections::BTreeMap;
use wheelwright_demo::events::earnings;
use wheelwright_demo::{listings, DemoChain, DemoMarket};
use wheelwright_domain::market::{ChainFilter, OptionQuote};
use wheelwright_domain::Right;
use wheelwright_pricing::calendar::{years_to_expiry, Underlying};

fn chain(market: &DemoMarket, symbol: &str, at: DateTime<Utc>) -> DemoChain {
    market.chain(&sym(symbol), at, &ChainFilter::default()).unwrap()
}

/// Contracts of one right by expiry, in strike order, with their model values.
fn by_expiry(c: &DemoChain, right: Right) -> BTreeMap<NaiveDate, Vec<(&OptionQuote, f64)>> {
    let mut map: BTreeMap<NaiveDate, Vec<(&OptionQuote, f64)>> = BTreeMap::new();
    for (q, v) in c.chain.contracts.iter().zip(&c.values) {
        if q.right == right {
            map.entry(q.expiry).or_default().push((q, *v));
        }
    }
    map.values_mut().for_each(|v| v.sort_by(|a, b| a.0.strike.total_cmp(&b.0.strike)));
    map
}

#[test]
fn expirations_list_weeklies_monthlies_and_leaps_and_respect_holidays() {
    let market = DemoMarket::new(7);
    // Thursday 2026-03-26: Good Friday is 2026-04-03, so that week's expiry is Thursday 04-02.
    let dates = market.expirations(&sym("SPY"), ny(2026, 3, 26, 12, 0)).unwrap();
    let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
    assert_eq!(&dates[..3], &[d(3, 27), d(4, 2), d(4, 10)]);
    assert!(
        dates.contains(&d(4, 17))
            && dates.contains(&NaiveDate::from_ymd_opt(2027, 1, 15).unwrap())
            && dates.contains(&NaiveDate::from_ymd_opt(2028, 1, 21).unwrap())
    );
    // After Friday's close that Friday is gone.
    let later = market.expirations(&sym("SPY"), ny(2026, 3, 27, 16, 1)).unwrap();
    assert_eq!(later[0], d(4, 2));
    // A listing without weeklies has monthlies only.
    let monthly_only = listings().iter().find(|l| !l.has_weeklies()).unwrap();
    let dates = market.expirations(&monthly_only.symbol, ny(2026, 3, 26, 12, 0)).unwrap();
    assert_eq!(dates[0], d(4, 17));
}

#[test]
fn chains_have_no_static_arbitrage_and_respect_intrinsic_value() {
    let market = DemoMarket::new(7);
    for (symbol, at) in [("AAPL", ny(2026, 3, 2, 11, 0)), ("F", ny(2025, 11, 14, 15, 30)), ("KO", ny(2026, 7, 6, 10, 0))] {
        let c = chain(&market, symbol, at);
        let spot = c.chain.underlying.last.unwrap();
        assert!(c.chain.contracts.len() > 200, "{symbol}: {} contracts", c.chain.contracts.len());
        for (right, sign) in [(Right::Call, -1.0), (Right::Put, 1.0)] {
            for (expiry, row) in by_expiry(&c, right) {
                for pair in row.windows(2) {
                    // Calls fall and puts rise with the strike.
                    assert!(sign * (pair[1].1 - pair[0].1) >= -1e-9, "{symbol} {expiry} {right:?} not monotone at {}", pair[1].0.strike);
                }
                for triple in row.windows(3) {
                    // Convex: the middle value is at most the interpolation of its neighbours.
                    let (a, b, c3) = (triple[0], triple[1], triple[2]);
                    let w = (c3.0.strike - b.0.strike) / (c3.0.strike - a.0.strike);
                    assert!(b.1 <= w * a.1 + (1.0 - w) * c3.1 + 1e-6, "{symbol} {expiry} {right:?} not convex at {}", b.0.strike);
                }
                for (q, value) in &row {
                    let intrinsic = match right {
                        Right::Call => (spot - q.strike).max(0.0),
                        Right::Put => (q.strike - spot).max(0.0),
                    };
                    assert!(*value >= intrinsic - 1e-9, "{symbol} {} below intrinsic", q.occ);
                    assert!(
                        q.bid.unwrap() <= *value + 1e-9 && *value <= q.ask.unwrap() + 1e-9,
                        "{}: {:?} {value} {:?}",
                        q.occ,
                        q.bid,
                        q.ask
                    );
                }
            }
        }
        // Total variance rises with expiry at the money-forward strike region (calendar spreads).
        let calls = by_expiry(&c, Right::Call);
        let atm: Vec<(f64, f64)> = calls
            .iter()
            .map(|(expiry, row)| {
                let t = years_to_expiry(at, *expiry, Underlying::Equity).unwrap();
                let nearest = row.iter().min_by(|a, b| (a.0.strike - spot).abs().total_cmp(&(b.0.strike - spot).abs())).unwrap();
                (t, nearest.0.iv.unwrap().powi(2) * t)
            })
            .collect();
        for pair in atm.windows(2) {
            assert!(pair[1].1 > pair[0].1 * 0.98, "{symbol}: total variance falls from {:?} to {:?}", pair[0], pair[1]);
        }
    }
}

#[test]
fn puts_carry_skew_and_spreads_widen_away_from_the_money() {
    let market = DemoMarket::new(7);
    let at = ny(2026, 3, 2, 11, 0);
    let c = chain(&market, "MSFT", at);
    let spot = c.chain.underlying.last.unwrap();
    let puts = by_expiry(&c, Right::Put);
    let (_, row) = puts.iter().find(|(e, _)| years_to_expiry(at, **e, Underlying::Equity).unwrap() > 25.0 / 365.0).unwrap();
    let near = |target: f64| row.iter().min_by(|a, b| (a.0.strike - target).abs().total_cmp(&(b.0.strike - target).abs())).unwrap();
    let (atm, otm) = (near(spot), near(spot * 0.9));
    assert!(otm.0.iv.unwrap() > atm.0.iv.unwrap() + 0.01, "OTM put IV {:?} vs ATM {:?}", otm.0.iv, atm.0.iv);
    let relative = |q: &OptionQuote| (q.ask.unwrap() - q.bid.unwrap()) / (0.5 * (q.ask.unwrap() + q.bid.unwrap()));
    let far = near(spot * 0.8);
    assert!(relative(far.0) > relative(atm.0), "far {} vs atm {}", relative(far.0), relative(atm.0));
    // Open interest is highest near the money.
    assert!(atm.0.open_interest > far.0.open_interest);
    // Across the whole chain: lower open interest, wider relative spread (rank correlation < 0).
    let liquid: Vec<(u64, f64)> =
        c.chain.contracts.iter().filter(|q| q.bid.unwrap() > 0.0).map(|q| (q.open_interest, relative(q))).collect();
    let (mut concordant, mut discordant) = (0u64, 0u64);
    for (i, a) in liquid.iter().enumerate().step_by(7) {
        for b in liquid.iter().skip(i + 1).step_by(11) {
            if (a.0 as f64 - b.0 as f64) * (a.1 - b.1) > 0.0 {
                concordant += 1;
            } else {
                discordant += 1;
            }
        }
    }
    assert!(discordant > concordant, "OI vs spread: {concordant} concordant, {discordant} discordant");
}

#[test]
fn implied_volatility_carries_the_earnings_move_until_the_report() {
    let market = DemoMarket::new(7);
    let listing = listings().iter().find(|l| l.symbol.as_str() == "NFLX").unwrap();
    let report = earnings(listing, NaiveDate::from_ymd_opt(2026, 4, 1).unwrap(), NaiveDate::from_ymd_opt(2026, 6, 30).unwrap())[0];
    let at = ny(2026, 4, 1, 12, 0) + chrono::Duration::days((report - NaiveDate::from_ymd_opt(2026, 4, 1).unwrap()).num_days() - 10);
    let c = chain(&market, "NFLX", at);
    let spot = c.chain.underlying.last.unwrap();
    let calls = by_expiry(&c, Right::Call);
    let atm_variance = |expiry: &NaiveDate| {
        let row = &calls[expiry];
        let t = years_to_expiry(at, *expiry, Underlying::Equity).unwrap();
        let q = row.iter().min_by(|a, b| (a.0.strike - spot).abs().total_cmp(&(b.0.strike - spot).abs())).unwrap();
        (t, q.0.iv.unwrap().powi(2) * t)
    };
    let before = calls.keys().rfind(|e| **e <= report).unwrap();
    let after = calls.keys().find(|e| **e > report).unwrap();
    let ((t0, w0), (t1, w1)) = (atm_variance(before), atm_variance(after));
    // Between the two expiries total variance jumps by at least the earnings move squared,
    // (0.16 × 0.38)², less strike rounding; and the short expiry after the report is dearer.
    let move_variance = (0.16f64 * 0.38).powi(2);
    assert!(w1 - w0 > 0.8 * move_variance, "{before}: {w0}, {after}: {w1}");
    assert!((w1 / t1).sqrt() > (w0 / t0).sqrt(), "IV after the report {} vs before {}", (w1 / t1).sqrt(), (w0 / t0).sqrt());
    assert_eq!(c.chain.underlying.next_earnings, Some(report));
}

#[test]
fn filters_bound_the_chain() {
    let market = DemoMarket::new(7);
    let at = ny(2026, 3, 2, 11, 0);
    let from = NaiveDate::from_ymd_opt(2026, 4, 1).unwrap();
    let to = NaiveDate::from_ymd_opt(2026, 5, 31).unwrap();
    let filter = ChainFilter { from: Some(from), to: Some(to), strike_count: Some(10), right: Some(Right::Put) };
    let c = market.chain(&sym("AAPL"), at, &filter).unwrap();
    let expiries: std::collections::BTreeSet<NaiveDate> = c.chain.contracts.iter().map(|q| q.expiry).collect();
    assert!(!expiries.is_empty() && expiries.iter().all(|e| *e >= from && *e <= to));
    assert!(c.chain.contracts.iter().all(|q| q.right == Right::Put));
    assert_eq!(c.chain.contracts.len(), 10 * expiries.len());
    assert!(c.chain.contracts[0].occ.starts_with("AAPL  2604"));
}

#[test]
fn the_last_minutes_before_an_expiry_still_price_every_contract() {
    // A very volatile listing five minutes before a Friday close: the smile's wings are capped.
    let market = DemoMarket::new(7);
    let c = chain(&market, "MARA", ny(2026, 3, 6, 15, 55));
    assert!(!c.chain.contracts.is_empty());
    assert!(c.chain.contracts.iter().all(|q| q.iv.unwrap() <= 5.0 && q.bid.unwrap() <= q.ask.unwrap()));
}

#[test]
fn before_the_open_on_an_ex_date_the_dividend_is_still_to_come() {
    let market = DemoMarket::new(7);
    let ko = listings().iter().find(|l| l.symbol.as_str() == "KO").unwrap();
    let ex = wheelwright_demo::events::dividends(
        ko,
        NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
        NaiveDate::from_ymd_opt(2026, 12, 31).unwrap(),
    )[0];
    let (y, m, d) = (ex.ex_date.year(), ex.ex_date.month(), ex.ex_date.day());
    let early = market.quote(&sym("KO"), ny(y, m, d, 8, 0)).unwrap();
    assert_eq!(early.dividend.unwrap().next_ex_date, Some(ex.ex_date));
    let later = market.quote(&sym("KO"), ny(y, m, d, 10, 0)).unwrap();
    assert_ne!(later.dividend.map(|i| i.next_ex_date), Some(Some(ex.ex_date)));
    // Calls are cheaper before the open than a model without today's dividend would make them:
    // the put–call parity forward sits a dividend below the spot's carry.
    let c = market.chain(&sym("KO"), ny(y, m, d, 8, 0), &ChainFilter { strike_count: Some(1), ..Default::default() }).unwrap();
    let spot = c.chain.underlying.last.unwrap();
    // The first expiry's call and put at the strike nearest the money.
    assert_eq!((c.chain.contracts[0].right, c.chain.contracts[1].right), (Right::Call, Right::Put));
    let (call, put) = (c.values[0], c.values[1]);
    let strike = c.chain.contracts[0].strike;
    let t = years_to_expiry(ny(y, m, d, 8, 0), c.chain.contracts[0].expiry, Underlying::Equity).unwrap();
    let forward_without = spot * (0.04 * t).exp();
    let implied_forward = (call - put) * (0.04 * t).exp() + strike;
    assert!(implied_forward < forward_without - 0.5 * ex.amount, "forward {implied_forward} vs {forward_without} (dividend {})", ex.amount);
}
