//! Schwab chain responses: the real-format fixture and a response built with every documented
//! quirk, through the parser and into the chain analytics.

use chrono::{TimeZone, Utc};
use wheelwright_domain::market::DataFlag;
use wheelwright_domain::Right;
use wheelwright_engine::schwab::chain::{parse, parse_chain};
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
    // The normalised chain keeps missing values missing, and says so.
    let normalised = parse_chain(body, None).unwrap().chain;
    let flags: Vec<Vec<DataFlag>> = normalised.contracts.iter().map(|c| c.flags.clone()).collect();
    assert_eq!(flags, [vec![DataFlag::MissingGreeks], vec![DataFlag::MissingGreeks], vec![DataFlag::ZeroBid, DataFlag::MissingGreeks]]);
    assert_eq!((normalised.contracts[0].iv, normalised.contracts[0].greeks), (None, None));
    assert_eq!(normalised.contracts[1].occ, "XYZ   260320C00105000", "built when the response has none");
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

/// The client against the fake server: every market-data endpoint, in the real formats.
mod client {
    use crate::fake_server::{FakeServer, Reply};
    use async_trait::async_trait;
    use chrono::{NaiveDate, TimeZone, Utc};
    use std::sync::Arc;
    use wheelwright_domain::market::DataFlag;
    use wheelwright_domain::{ErrorCode, Symbol};
    use wheelwright_engine::market::MarketData;
    use wheelwright_engine::schwab::client::{AccessToken, SchwabClient};

    const CHAIN: &str = include_str!("../../../../tests/fixtures/schwab/chain_aapl_call_230_2024-10-18.json");
    const QUOTES: &str = include_str!("../../../../tests/fixtures/schwab/quotes_aapl.json");

    struct Fixed;

    #[async_trait]
    impl AccessToken for Fixed {
        async fn access_token(&self) -> wheelwright_engine::Result<String> {
            Ok("access-abc".into())
        }
    }

    async fn client() -> (FakeServer, SchwabClient) {
        let server = FakeServer::start().await;
        let client = SchwabClient::new(&server.url(""), Arc::new(Fixed)).unwrap();
        (server, client)
    }

    #[tokio::test]
    async fn the_real_format_quote_is_normalised_without_inventing_anything() {
        let (server, client) = client().await;
        server.script("/marketdata/v1/quotes", vec![Reply::ok(QUOTES)]);
        let quotes = client.quotes(&[Symbol::parse("AAPL").unwrap()]).await.unwrap();
        let q = &quotes[0];
        assert_eq!(
            (q.last, q.bid, q.ask, q.previous_close, q.volume),
            (Some(170.15), Some(170.11), Some(170.2), Some(168.84), Some(47_691_715))
        );
        assert_eq!(q.time, Utc.timestamp_millis_opt(1_712_188_793_075).unwrap());
        assert_eq!(q.name.as_deref(), Some("Apple Inc"));
        let dividend = q.dividend.as_ref().unwrap();
        // divPayAmount per payment (not divAmount, the annual 0.96); divYield is in percent.
        assert_eq!((dividend.amount, dividend.per_year), (0.24, 4));
        assert_eq!(dividend.next_ex_date, NaiveDate::from_ymd_opt(2024, 5, 9));
        assert!((dividend.annual_yield.unwrap() - 0.0056461).abs() < 1e-12);
        // Schwab has neither: they stay unknown.
        assert_eq!((q.sector.as_deref(), q.next_earnings), (None, None));
        assert!(q.flags.is_empty());
        let request = &server.requests()[0];
        assert_eq!(request.authorization.as_deref(), Some("Bearer access-abc"));
        assert_eq!(request.path, "/marketdata/v1/quotes?symbols=AAPL&fields=quote%2Cfundamental");
    }

    #[tokio::test]
    async fn crossed_quotes_are_flagged_and_faults_carry_codes() {
        let (server, client) = client().await;
        let crossed = QUOTES.replace("\"bidPrice\": 170.11", "\"bidPrice\": 171.5");
        server.script("/marketdata/v1/quotes", vec![Reply::ok(&crossed)]);
        let q = client.quotes(&[Symbol::parse("AAPL").unwrap()]).await.unwrap();
        assert_eq!(q[0].flags, [DataFlag::Crossed]);
        server.script("/marketdata/v1/quotes", vec![Reply::ok("{\"AAPL\": {\"quote\": ")]);
        assert_eq!(client.quotes(&[Symbol::parse("AAPL").unwrap()]).await.unwrap_err().code, ErrorCode::MarketData);
        server.script("/marketdata/v1/quotes", vec![Reply::status(401)]);
        assert_eq!(client.quotes(&[Symbol::parse("AAPL").unwrap()]).await.unwrap_err().code, ErrorCode::AuthRequired);
    }

    #[tokio::test]
    async fn chains_expirations_and_history_come_back_in_our_types() {
        use wheelwright_domain::market::{ChainFilter, Interval};
        use wheelwright_domain::Right;
        let (server, client) = client().await;
        let aapl = Symbol::parse("AAPL").unwrap();
        server.script("/marketdata/v1/chains", vec![Reply::ok(CHAIN)]);
        let day = NaiveDate::from_ymd_opt(2024, 10, 18);
        let filter = ChainFilter { from: day, to: day, strike_count: Some(5), right: Some(Right::Call) };
        let chain = client.chain(&aapl, &filter).await.unwrap();
        assert_eq!(chain.time, Utc.timestamp_millis_opt(1_729_195_199_996).unwrap());
        assert_eq!((chain.underlying.last, chain.underlying.previous_close), (Some(232.18), Some(231.78)));
        assert_eq!(chain.underlying.name.as_deref(), Some("APPLE INC"));
        assert!((chain.rate - 0.04738).abs() < 1e-12);
        let c = &chain.contracts[0];
        assert_eq!((c.occ.as_str(), c.right, c.strike, c.multiplier, c.standard), ("AAPL  241018C00230000", Right::Call, 230.0, 100, true));
        assert_eq!((c.bid, c.ask, c.last, c.open_interest, c.volume), (Some(2.56), Some(2.7), Some(2.62), 41_249, 21_258));
        // Schwab's volatility is in percent; its theta per day, vega per point.
        assert!((c.iv.unwrap() - 0.22368).abs() < 1e-12);
        let g = c.greeks.unwrap();
        assert_eq!((g.delta, g.theta_per_day, g.vega_per_point), (0.789, -0.427, 0.037));
        let query = &server.requests()[0].path;
        for part in
            ["symbol=AAPL", "contractType=CALL", "strikeCount=5", "fromDate=2024-10-18", "toDate=2024-10-18", "includeUnderlyingQuote=true"]
        {
            assert!(query.contains(part), "{query} lacks {part}");
        }

        server.script(
            "/marketdata/v1/expirationchain",
            vec![Reply::ok(r#"{"expirationList":[{"expirationDate":"2024-10-25","daysToExpiration":8,"expirationType":"W","standard":true},{"expirationDate":"2024-10-18","daysToExpiration":1,"expirationType":"S","standard":true}]}"#)],
        );
        assert_eq!(
            client.expirations(&aapl).await.unwrap(),
            [NaiveDate::from_ymd_opt(2024, 10, 18).unwrap(), NaiveDate::from_ymd_opt(2024, 10, 25).unwrap()]
        );

        server.script(
            "/marketdata/v1/pricehistory",
            vec![Reply::ok(r#"{"symbol":"AAPL","empty":false,"candles":[{"open":230.1,"high":233.0,"low":229.5,"close":232.15,"volume":32993810,"datetime":1729141200000},{"open":"NaN","high":1,"low":1,"close":1,"volume":0,"datetime":1729227600000}]}"#)],
        );
        let bars = client
            .history(&aapl, NaiveDate::from_ymd_opt(2024, 10, 17).unwrap(), NaiveDate::from_ymd_opt(2024, 10, 18).unwrap(), Interval::Daily)
            .await
            .unwrap();
        assert_eq!(bars.len(), 1, "a candle without a price is dropped, not filled in");
        assert_eq!((bars[0].close, bars[0].volume), (232.15, 32_993_810));
        let history_query = server.requests().last().unwrap().path.clone();
        assert!(history_query.contains("frequencyType=daily") && history_query.contains("startDate=1729123200000"), "{history_query}");
    }
}

/// The OAuth token endpoint through the fake server: code exchange and refresh with HTTP Basic
/// app credentials, and the 7-day limit of the refresh token.
mod oauth {
    use crate::fake_server::{FakeServer, Reply};
    use chrono::{Duration, TimeZone, Utc};
    use wheelwright_domain::ErrorCode;
    use wheelwright_engine::http::{HttpClient, RetryPolicy, TokenBucket};
    use wheelwright_engine::schwab::oauth::{exchange_code, refresh, App, LoginState};

    const CALLBACK: &str = "https://127.0.0.1:8182";
    const APP: App = App { key: "KEY", secret: "SECRET" };

    fn http() -> HttpClient {
        HttpClient::new("Schwab", TokenBucket::new(100.0, 100.0), RetryPolicy::default()).unwrap()
    }

    #[tokio::test]
    async fn a_code_becomes_tokens_and_refreshing_keeps_the_first_login_date() {
        let server = FakeServer::start().await;
        server.script(
            "/v1/oauth/token",
            vec![
                Reply::ok(r#"{"expires_in":1800,"token_type":"Bearer","scope":"api","refresh_token":"ref-1","access_token":"acc-1","id_token":"x"}"#),
                Reply::ok(r#"{"expires_in":1800,"token_type":"Bearer","scope":"api","refresh_token":"ref-1","access_token":"acc-2","id_token":"x"}"#),
            ],
        );
        let login = Utc.with_ymd_and_hms(2026, 11, 22, 14, 0, 0).unwrap();
        let url = server.url("/v1/oauth/token");
        let tokens = exchange_code(&http(), &url, &APP, "C0.b2F1dGg@", CALLBACK, login).await.unwrap();
        assert_eq!((tokens.access_token.as_str(), tokens.refresh_token.as_str()), ("acc-1", "ref-1"));
        assert_eq!((tokens.access_expires_at, tokens.refresh_issued_at), (login + Duration::minutes(30), login));
        let sent = &server.requests()[0];
        assert_eq!((sent.method.as_str(), sent.authorization.as_deref()), ("POST", Some("Basic S0VZOlNFQ1JFVA==")));
        for part in ["grant_type=authorization_code", "code=C0.b2F1dGg%40", "redirect_uri=https%3A%2F%2F127.0.0.1%3A8182"] {
            assert!(sent.body.contains(part), "{} lacks {part}", sent.body);
        }

        let later = login + Duration::days(3);
        assert_eq!(tokens.state(later), LoginState::RefreshDue);
        let renewed = refresh(&http(), &url, &APP, &tokens, later).await.unwrap();
        assert_eq!(renewed.access_token, "acc-2");
        assert_eq!((renewed.access_expires_at, renewed.refresh_issued_at), (later + Duration::minutes(30), login));
        assert!(server.requests()[1].body.contains("grant_type=refresh_token&refresh_token=ref-1"));
        assert_eq!(renewed.state(later + Duration::minutes(1)), LoginState::Valid);

        // Seven days after the first login only a new login helps, and nothing is sent.
        let err = refresh(&http(), &url, &APP, &renewed, login + Duration::days(7)).await.unwrap_err();
        assert_eq!(err.code, ErrorCode::AuthRequired);
        assert_eq!(server.requests().len(), 2);
    }

    #[tokio::test]
    async fn a_refused_refresh_asks_for_a_new_login() {
        let server = FakeServer::start().await;
        server.script("/v1/oauth/token", vec![Reply { body: r#"{"error":"invalid_grant"}"#.into(), ..Reply::status(401) }]);
        let now = Utc.with_ymd_and_hms(2026, 11, 22, 14, 0, 0).unwrap();
        let tokens = wheelwright_engine::schwab::oauth::Tokens {
            access_token: "a".into(),
            refresh_token: "revoked".into(),
            access_expires_at: now,
            refresh_issued_at: now - Duration::days(1),
        };
        let err = refresh(&http(), &server.url("/v1/oauth/token"), &APP, &tokens, now).await.unwrap_err();
        assert_eq!(err.code, ErrorCode::AuthRequired);
        assert!(!err.message.contains("revoked"), "no token in the message: {}", err.message);
    }
}
