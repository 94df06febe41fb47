//! Schwab chain responses: the real-format fixture and a response built with every documented
//! quirk, through the parser and into the chain analytics.

use chrono::{TimeZone, Utc};
use wheelwright_domain::Right;
use wheelwright_engine::schwab::chain::parse;
use wheelwright_pricing::chain::analyze;

const FIXTURE: &str = include_str!("../../../../tests/fixtures/schwab/chain_aapl_call_230_2024-10-18.json");

#[test]
fn the_real_format_fixture_parses_and_values_at_its_quote_time() {
    let chain = parse(FIXTURE, None, 0.0).unwrap();
    assert_eq!(chain.symbol, "AAPL");
    assert_eq!(chain.underlying_price, 232.18);
    assert!((chain.rate - 0.04738).abs() < 1e-12, "interestRate is in percent");
    // The option's own quote time (15:59:59.996 ET), not the underlying's after-hours quote.
    assert_eq!(chain.quote_time, Utc.timestamp_millis_opt(1_729_195_199_996).unwrap());
    assert_eq!(chain.quotes.len(), 1);
    let q = &chain.quotes[0];
    assert_eq!(
        (q.right, q.strike, q.bid, q.ask, q.open_interest, q.volume, q.standard),
        (Right::Call, 230.0, Some(2.56), Some(2.7), 41_249, 21_258, true)
    );
    let a = analyze(&chain);
    let c = &a.contracts[0];
    // Our IV from the mid (2.63) one trading day out. Schwab's own figure (22.368%) is its model's
    // number, not ours: only sanity-check ours.
    let iv = c.iv.expect("the mid has time value over intrinsic");
    assert!(iv > 0.05 && iv < 0.6, "{iv}");
    assert!(c.flags.is_empty());
    assert_eq!(a.put_call_volume_ratio, Some(0.0));
    assert!((a.expiries[0].t - 1.0 / 365.0).abs() < 1e-6, "{}", a.expiries[0].t);
}

#[test]
fn every_documented_quirk_is_handled() {
    let body = r#"{
      "symbol": "XYZ", "isIndex": false, "interestRate": 4.5, "underlyingPrice": 100.0,
      "underlying": {"quoteTime": 1772463600000, "mark": 100.0},
      "callExpDateMap": {"2026-03-20:18": {"105.0": [
         {"putCall": "CALL", "bid": 1.10, "ask": 1.20, "totalVolume": 12, "openInterest": 340, "strikePrice": 105.0,
          "volatility": "NaN", "delta": -999.0, "isInTheMoney": false, "isNonStandard": false,
          "optionDeliverablesList": [{"symbol": "XYZ", "deliverableUnits": 100}], "multiplier": 100},
         {"putCall": "CALL", "bid": 2.00, "ask": 2.40, "totalVolume": 1, "openInterest": 5, "strikePrice": 105.0,
          "volatility": -999.0, "nonStandard": true,
          "optionDeliverablesList": [{"symbol": "XYZ", "deliverableUnits": 150}], "multiplier": 100}
      ]}},
      "putExpDateMap": {"2026-03-20:18": {"95.0": [
         {"putCall": "PUT", "bid": -999.0, "ask": "NaN", "totalVolume": 30, "openInterest": 100, "strikePrice": 95.0}
      ]}}
    }"#;
    let chain = parse(body, None, 0.01).unwrap();
    assert_eq!(chain.quotes.len(), 3);
    assert_eq!(chain.div_yield, 0.01);
    let standard: Vec<bool> = chain.quotes.iter().map(|q| q.standard).collect();
    assert_eq!(standard, [true, false, true]);
    assert_eq!((chain.quotes[2].bid, chain.quotes[2].ask), (None, None));
    let a = analyze(&chain);
    let no_iv: Vec<Option<&str>> = a.contracts.iter().map(|c| c.no_iv).collect();
    // Contracts are listed as parsed: the calls map first, then the puts.
    assert_eq!(no_iv, [None, Some("non_standard"), Some("missing_quote")]);
    // Adjusted contracts stay out of the ratios: puts 30 / calls 12.
    assert_eq!(a.put_call_volume_ratio, Some(2.5));
}

#[test]
fn malformed_responses_get_clear_errors() {
    for (body, words) in [
        ("not json", "not a Schwab chain response"),
        (r#"{"underlyingPrice": 1}"#, "no symbol"),
        (r#"{"symbol":"X","underlyingPrice":1,"interestRate":4}"#, "no quote time"),
        (r#"{"symbol":"X","underlyingPrice":1,"interestRate":4,"callExpDateMap":{"soon":{}}}"#, "not YYYY-MM-DD"),
    ] {
        let err = parse(body, None, 0.0).unwrap_err();
        assert!(err.message.contains(words), "{body}: {}", err.message);
    }
}
