//! Chain analytics on a synthetic chain priced with a known smile: the analytics must give the
//! smile back, and the ratios, max pain and flags must match hand-worked values.

use chrono::{NaiveDate, TimeZone, Utc};
use wheelwright_domain::market::DividendInfo;
use wheelwright_domain::Right::{self, Call, Put};
use wheelwright_pricing::american::{self, Scheme};
use wheelwright_pricing::calendar::{new_york_instant, years_to_expiry, Underlying};
use wheelwright_pricing::chain::{american_contract, analyze, Chain, ChainQuote};
use wheelwright_pricing::dividend::{paid_after, Payout};
use wheelwright_pricing::european::{value, Dividend, Inputs};

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

/// Put skew: higher IV for lower strikes.
fn smile(strike: f64) -> f64 {
    0.25 + 0.6 * (strike / 100.0 - 1.0).powi(2) - 0.1 * (strike / 100.0 - 1.0)
}

fn quote(chain: &Chain, right: Right, strike: f64, expiry: &str, volume: u64, oi: u64) -> ChainQuote {
    let t = years_to_expiry(chain.quote_time, d(expiry), Underlying::Equity).unwrap();
    // The chain's cash dividends going ex by this expiry, at their ex-date's open (09:30 New
    // York), worked here apart from the crate's own rule.
    let dividends = chain
        .dividends
        .iter()
        .filter(|(ex_date, _)| *ex_date <= d(expiry))
        .map(|&(ex_date, amount)| {
            let opens = new_york_instant(ex_date, chrono::NaiveTime::from_hms_opt(9, 30, 0).unwrap());
            Dividend { t: (opens - chain.quote_time).num_seconds() as f64 / (365.0 * 86_400.0), amount }
        })
        .collect();
    let inputs = Inputs {
        right,
        spot: chain.underlying_price,
        strike,
        rate: chain.rate,
        div_yield: chain.div_yield,
        vol: smile(strike),
        t,
        dividends,
    };
    let price = value(&inputs).unwrap().price;
    // A symmetric 2% spread around the model price: the mid is the model price.
    ChainQuote {
        right,
        strike,
        expiry: d(expiry),
        bid: Some(price * 0.99),
        ask: Some(price * 1.01),
        volume,
        open_interest: oi,
        standard: true,
    }
}

fn synthetic() -> Chain {
    with_dividends(vec![])
}

fn with_dividends(dividends: Vec<(NaiveDate, f64)>) -> Chain {
    let mut chain = Chain {
        symbol: "XYZ".into(),
        underlying_price: 100.0,
        quote_time: Utc.with_ymd_and_hms(2026, 3, 2, 15, 0, 0).unwrap(),
        rate: 0.045,
        div_yield: 0.0,
        dividends,
        underlying: Underlying::Equity,
        quotes: vec![],
    };
    for expiry in ["2026-03-20", "2026-04-17"] {
        for k in (70..=130).step_by(5) {
            for right in [Call, Put] {
                let q = quote(&chain, right, k as f64, expiry, 10, 100);
                chain.quotes.push(q);
            }
        }
    }
    chain
}

#[test]
fn a_dividend_is_escrowed_from_its_ex_dates_open_and_a_yield_only_without_an_ex_date() {
    let quote_time = Utc.with_ymd_and_hms(2026, 3, 2, 15, 0, 0).unwrap();
    // April 1 opens at 09:30 EDT = 13:30 UTC: 30 days less 1.5 hours after the quote, ACT/365.
    let paid = paid_after(&[(d("2026-03-02"), 0.4), (d("2026-04-01"), 0.5)], quote_time);
    assert_eq!(paid.len(), 1, "March 2 opened before the 15:00 quote: already out of the price");
    assert!((paid[0].t - (30.0 * 86_400.0 - 5_400.0) / (365.0 * 86_400.0)).abs() < 1e-12, "{}", paid[0].t);
    assert_eq!(paid[0].amount, 0.5);
    // A quarterly payer with an ex-date: its cash dividends through the horizon, no yield.
    let stated = DividendInfo { amount: 0.5, per_year: 4, next_ex_date: Some(d("2026-04-01")), annual_yield: Some(0.02) };
    let payout = Payout::of(Some(&stated), d("2026-12-31"));
    assert_eq!(payout.div_yield, 0.0);
    assert_eq!(payout.schedule, vec![(d("2026-04-01"), 0.5), (d("2026-07-01"), 0.5), (d("2026-10-01"), 0.5)]);
    // No ex-date known: the stated yield, spread continuously; an absurd one is ignored.
    let undated = DividendInfo { next_ex_date: None, ..stated };
    assert_eq!(Payout::of(Some(&undated), d("2026-12-31")), Payout { div_yield: 0.02, schedule: vec![] });
    assert_eq!(Payout::of(Some(&DividendInfo { annual_yield: Some(3.0), ..undated }), d("2026-12-31")), Payout::default());
    assert_eq!(Payout::of(None, d("2026-12-31")), Payout::default());
    // An ex-date stated without an amount: the stated yield, rather than no dividend at all.
    let no_amount = DividendInfo { amount: 0.0, annual_yield: Some(0.02), ..stated };
    assert_eq!(Payout::of(Some(&no_amount), d("2026-12-31")), Payout { div_yield: 0.02, schedule: vec![] });
}

#[test]
fn a_cash_dividend_between_expiries_is_escrowed_from_the_later_one_only() {
    // 1.50 going ex on April 1: after the March expiry, before April's.
    let chain = with_dividends(vec![(d("2026-04-01"), 1.5)]);
    let a = analyze(&chain);
    for e in &a.expiries {
        for p in &e.smile {
            assert!((p.iv - smile(p.strike)).abs() < 1e-9, "{} {}: {} vs {}", e.expiry, p.strike, p.iv, smile(p.strike));
        }
    }
    // The April forward is the spot less the dividend, carried: below March's despite the rate.
    let (march, april) = (&a.expiries[0], &a.expiries[1]);
    assert!(april.forward < march.forward, "{} vs {}", april.forward, march.forward);
    // Read without the dividend, April's smile would be off by over a vol point near the money.
    let blind = analyze(&Chain { dividends: vec![], ..chain });
    let at_100 = |e: &wheelwright_pricing::chain::ExpiryAnalytics| e.smile.iter().find(|p| p.strike == 100.0).unwrap().iv;
    assert!((at_100(&blind.expiries[1]) - smile(100.0)).abs() > 0.01, "{}", at_100(&blind.expiries[1]));
    assert!((at_100(&blind.expiries[0]) - smile(100.0)).abs() < 1e-9, "March is before the ex-date");
}

#[test]
fn the_smile_comes_back_from_the_mids() {
    let a = analyze(&synthetic());
    assert_eq!(a.iv_model, "european_black_otm_mid");
    assert_eq!(a.expiries.len(), 2);
    for e in &a.expiries {
        assert_eq!(e.smile.len(), 13, "one out-of-the-money point per strike");
        for p in &e.smile {
            assert!((p.iv - smile(p.strike)).abs() < 1e-9, "{} {}: {} vs {}", e.expiry, p.strike, p.iv, smile(p.strike));
        }
        // Put skew: the 25-delta put's IV is above the 25-delta call's.
        assert!(e.skew_25d.unwrap() > 0.0);
        // ATM IV is the smile at the forward, between the 100 and 105 strikes' values.
        let atm = e.atm_iv.unwrap();
        assert!(atm > smile(105.0).min(smile(100.0)) && atm < smile(105.0).max(smile(100.0)), "{atm}");
    }
    // Every contract, in the money or not, has the strike's IV (parity makes both sides agree).
    for c in &a.contracts {
        assert!((c.iv.unwrap() - smile(c.strike)).abs() < 1e-8, "{:?} {}", c.right, c.strike);
        assert!(c.delta.is_some() && c.vega_per_point.is_some());
    }
    assert_eq!(a.term_structure.len(), 2);
    // The surface at moneyness 1.00 is the smile at the 100 strike.
    let at_the_money = a.surface.moneyness.iter().position(|m| *m == 1.0).unwrap();
    assert!((a.surface.iv[0][at_the_money].unwrap() - smile(100.0)).abs() < 1e-9);
    assert_eq!(a.surface.iv[0][0].map(|v| (v - smile(80.0)).abs() < 1e-9), Some(true));
}

#[test]
fn ratios_and_max_pain_by_hand() {
    let mut chain = synthetic();
    chain.quotes.retain(|q| q.expiry == d("2026-03-20") && [90.0, 100.0, 110.0].contains(&q.strike));
    let set = |chain: &mut Chain, right: Right, strike: f64, volume: u64, oi: u64| {
        let q = chain.quotes.iter_mut().find(|q| q.right == right && q.strike == strike).unwrap();
        q.volume = volume;
        q.open_interest = oi;
    };
    for (right, strike, volume, oi) in [
        (Call, 90.0, 5, 100),
        (Call, 100.0, 10, 300),
        (Call, 110.0, 15, 500),
        (Put, 90.0, 40, 600),
        (Put, 100.0, 20, 200),
        (Put, 110.0, 0, 50),
    ] {
        set(&mut chain, right, strike, volume, oi);
    }
    let a = analyze(&chain);
    let e = &a.expiries[0];
    // Volume: puts 60 / calls 30 = 2; open interest: 850 / 900.
    assert_eq!(e.put_call_volume_ratio, Some(2.0));
    assert!((e.put_call_oi_ratio.unwrap() - 850.0 / 900.0).abs() < 1e-15);
    // Payout if the stock settles at each strike:
    //   90:  calls 0;                      puts 100·200 (K=100) + 50·20 (K=110) = 20,000 + 1,000 = 21,000
    //   100: calls 100·10 (K=90) = 1,000;  puts 50·10 = 500                                  →  1,500
    //   110: calls 100·20 + 300·10 = 5,000; puts 0                                           →  5,000
    assert_eq!(e.max_pain, Some(100.0));
    assert_eq!(a.put_call_volume_ratio, Some(2.0));
    // No call volume: the ratio is undefined, not infinite.
    for q in chain.quotes.iter_mut().filter(|q| q.right == Call) {
        q.volume = 0;
    }
    assert_eq!(analyze(&chain).expiries[0].put_call_volume_ratio, None);
}

#[test]
fn unusable_quotes_are_flagged_and_left_out() {
    let mut chain = synthetic();
    chain.quotes.retain(|q| q.expiry == d("2026-03-20") && q.strike == 120.0);
    let call = chain.quotes.iter().position(|q| q.right == Call).unwrap();
    let mut crossed = chain.quotes[call].clone();
    crossed.bid = Some(5.0);
    crossed.ask = Some(4.0);
    let mut zero_bid = chain.quotes[call].clone();
    zero_bid.bid = Some(0.0);
    let mut adjusted = chain.quotes[call].clone();
    adjusted.standard = false;
    let mut missing = chain.quotes[call].clone();
    missing.ask = None;
    chain.quotes = vec![crossed, zero_bid, adjusted, missing];
    let a = analyze(&chain);
    let no_iv: Vec<_> = a.contracts.iter().map(|c| c.no_iv).collect();
    assert_eq!(no_iv, [Some("crossed_quote"), Some("zero_bid"), Some("non_standard"), Some("missing_quote")]);
    assert!(a.expiries[0].smile.is_empty());
    assert_eq!(a.expiries[0].atm_iv, None);
}

#[test]
fn one_contract_is_valued_as_american_on_demand() {
    let chain = synthetic();
    let q = chain.quotes.iter().find(|q| q.right == Put && q.strike > 100.0).unwrap().clone();
    let mid = 0.5 * (q.bid.unwrap() + q.ask.unwrap());
    let american = american_contract(&chain, Put, q.strike, q.expiry).unwrap();
    assert_eq!(american.mid, mid);
    // The mid is a European price; read as American it needs less volatility.
    let european_iv =
        analyze(&chain).contracts.iter().find(|c| c.right == Put && c.strike == q.strike && c.expiry == q.expiry).unwrap().iv.unwrap();
    let iv = american.iv.unwrap();
    assert!(iv < european_iv, "American IV {iv} vs European {european_iv}");
    let t = years_to_expiry(chain.quote_time, q.expiry, Underlying::Equity).unwrap();
    let back = american::price(
        &Inputs { right: Put, spot: 100.0, strike: q.strike, rate: chain.rate, div_yield: chain.div_yield, vol: iv, t, dividends: vec![] },
        Scheme::FAST,
    )
    .unwrap();
    assert!((back - mid).abs() < 1e-9, "{back} vs {mid}");
    assert!(american.valuation.unwrap().delta < 0.0);
    assert!(american.exercise_boundary.unwrap() < q.strike);
    let missing = american_contract(&chain, Put, 1234.0, q.expiry).unwrap_err().to_string();
    assert!(missing.contains("no Put 1234"), "{missing}");
}
