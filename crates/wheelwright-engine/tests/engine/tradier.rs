//! Tradier: its formats (one-or-many, nulls, IV fallbacks, adjusted contracts) parsed from
//! real-format fixtures, and the whole connection through the engine against the fake server —
//! a refused token not stored, the accepted one in the keychain only, quotes, chains and history
//! with the data-quality flags, the SQLite cache sparing repeated requests, injected faults,
//! the user's symbol notes filling what Tradier does not send, and disconnecting.

use crate::db_in;
use crate::fake_server::{FakeServer, Reply};
use crate::login::{ManualClock, MemoryKeychain};
use chrono::{Duration, NaiveDate, TimeZone, Utc};
use std::sync::Arc;
use wheelwright_domain::market::{DataFlag, Interval};
use wheelwright_domain::{ErrorCode, Right, Symbol};
use wheelwright_engine::broker::connection::Provider;
use wheelwright_engine::broker::tradier::TradierInput;
use wheelwright_engine::market::{ChainRequest, HistoryRequest};
use wheelwright_engine::ports::{Keychain, NoEvents};
use wheelwright_engine::symbols::SymbolNote;
use wheelwright_engine::tradier;
use wheelwright_engine::Engine;

const QUOTES: &str = include_str!("../../../../tests/fixtures/tradier/quotes_ko_xyzq.json");
const QUOTE_UNMATCHED: &str = include_str!("../../../../tests/fixtures/tradier/quote_ko_unmatched.json");
const EXPIRATIONS: &str = include_str!("../../../../tests/fixtures/tradier/expirations_ko.json");
const CHAIN_DEC: &str = include_str!("../../../../tests/fixtures/tradier/chain_ko_2026-12-18.json");
const CHAIN_JAN_ONE: &str = include_str!("../../../../tests/fixtures/tradier/chain_ko_2027-01-15_single.json");
const CHAIN_EMPTY: &str = include_str!("../../../../tests/fixtures/tradier/chain_empty.json");
const HISTORY: &str = include_str!("../../../../tests/fixtures/tradier/history_ko.json");
const HISTORY_ONE: &str = include_str!("../../../../tests/fixtures/tradier/history_ko_one_day.json");
const TIMESALES: &str = include_str!("../../../../tests/fixtures/tradier/timesales_ko_5min.json");
const TOKEN: &str = "tradier-token-4242";

fn ko() -> Symbol {
    Symbol::parse("KO").unwrap()
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn quotes_parse_with_their_latest_stamp_and_unknown_symbols_left_out() {
    let quotes = tradier::parse_quotes(QUOTES).unwrap();
    assert_eq!(quotes.len(), 2);
    let ko = &quotes[0];
    assert_eq!((ko.symbol.as_str(), ko.last, ko.bid, ko.ask, ko.previous_close), ("KO", Some(62.41), Some(62.4), Some(62.42), Some(62.23)));
    assert_eq!(ko.time, Utc.with_ymd_and_hms(2026, 11, 23, 14, 59, 0).unwrap(), "the latest of trade, bid and ask");
    assert_eq!((ko.sector.as_deref(), ko.next_earnings, ko.dividend.as_ref()), (None, None, None), "never invented");
    assert!(ko.flags.is_empty());
    let halted = &quotes[1];
    assert_eq!(halted.flags, vec![DataFlag::ZeroBid]);
    assert_eq!(halted.time, Utc.with_ymd_and_hms(2026, 11, 20, 20, 30, 0).unwrap());

    let single = tradier::parse_quotes(QUOTE_UNMATCHED).unwrap();
    assert_eq!(single.iter().map(|q| q.symbol.as_str()).collect::<Vec<_>>(), vec!["KO"], "one quote as an object; NOPE unmatched");
    assert!(tradier::parse_quotes(r#"{"quotes":{"unmatched_symbols":{"symbol":"NOPE"}}}"#).unwrap().is_empty());
}

#[test]
fn a_chain_keeps_every_quirk_visible() {
    let contracts = tradier::parse_chain(CHAIN_DEC, &ko()).unwrap();
    assert_eq!(contracts.len(), 17);
    let put = contracts.iter().find(|c| c.right == Right::Put && c.strike == 60.0 && c.standard).unwrap();
    assert_eq!(put.occ, "KO    261218P00060000", "padded to six");
    assert_eq!(
        (put.expiry, put.multiplier, put.bid, put.ask, put.open_interest, put.volume),
        (day(2026, 12, 18), 100, Some(0.6), Some(0.63), 1200, 85)
    );
    assert_eq!(put.iv, Some(0.205), "IV is a decimal already");
    let greeks = put.greeks.unwrap();
    assert_eq!((greeks.delta, greeks.theta_per_day, greeks.vega_per_point), (-0.27, -0.012, 0.07));
    assert!(put.flags.is_empty());

    let illiquid = contracts.iter().find(|c| c.strike == 50.0).unwrap();
    assert_eq!(illiquid.iv, Some(0.31), "mid_iv 0 means no market: the smoothed smv_vol is used");
    assert_eq!(illiquid.flags, vec![DataFlag::ZeroBid]);
    let bare = contracts.iter().find(|c| c.strike == 75.0).unwrap();
    assert_eq!((bare.iv, bare.greeks), (None, None));
    assert_eq!(bare.flags, vec![DataFlag::ZeroBid, DataFlag::MissingGreeks]);
    let adjusted = contracts.iter().find(|c| c.occ.starts_with("KO1")).unwrap();
    assert!(!adjusted.standard, "a KO1 root is an adjusted contract");

    let one = tradier::parse_chain(CHAIN_JAN_ONE, &ko()).unwrap();
    assert_eq!(one.len(), 1, "a single option comes as an object");
    assert!(tradier::parse_chain(CHAIN_EMPTY, &ko()).unwrap().is_empty());
    let broken = tradier::parse_chain(r#"{"options":{"option":{"symbol":"KO261218X00060000","option_type":"put"}}}"#, &ko()).unwrap_err();
    assert_eq!(broken.code, ErrorCode::MarketData);
}

#[test]
fn expirations_and_histories_parse_from_any_shape() {
    assert_eq!(tradier::parse_expirations(EXPIRATIONS).unwrap().len(), 4);
    assert_eq!(tradier::parse_expirations(r#"{"expirations":{"date":"2026-12-18"}}"#).unwrap(), vec![day(2026, 12, 18)]);
    assert!(tradier::parse_expirations(r#"{"expirations":null}"#).unwrap().is_empty());

    let bars = tradier::parse_history(HISTORY).unwrap();
    assert_eq!(bars.len(), 14, "three weeks of sessions less the missing 12th");
    assert_eq!(bars[0].time, Utc.with_ymd_and_hms(2026, 11, 2, 21, 0, 0).unwrap(), "stamped at the session's close");
    assert_eq!(tradier::parse_history(HISTORY_ONE).unwrap().len(), 1);
    assert!(tradier::parse_history(r#"{"history":null}"#).unwrap().is_empty());

    let minutes = tradier::parse_timesales(TIMESALES).unwrap();
    assert_eq!(minutes.len(), 6);
    assert_eq!(minutes[1].time, Utc.with_ymd_and_hms(2026, 11, 20, 14, 35, 0).unwrap());
    for malformed in ["", "{", "<xml/>", r#"{"history":[1]}"#] {
        assert_eq!(tradier::parse_history(malformed).unwrap_err().code, ErrorCode::MarketData, "{malformed}");
    }
}

/// An engine on the fake Tradier, at Monday 23 Nov 2026 10:00 in New York (a session running).
async fn engine_on_fake(dir: &std::path::Path) -> (Engine, FakeServer, Arc<MemoryKeychain>, Arc<ManualClock>) {
    let clock = ManualClock::at(Utc.with_ymd_and_hms(2026, 11, 23, 15, 0, 0).unwrap());
    let keychain = Arc::new(MemoryKeychain::default());
    let engine = Engine::open(&db_in(dir), clock.clone(), Arc::new(NoEvents), "test").await.unwrap().with_keychain(keychain.clone());
    let server = FakeServer::start().await;
    (engine, server, keychain, clock)
}

fn input(server: &FakeServer, token: &str) -> TradierInput {
    TradierInput { token: Some(token.into()), sandbox: true, api_root: Some(server.url("/v1")) }
}

#[tokio::test]
async fn tradier_answers_through_the_engine_flagged_cached_and_annotated() {
    let dir = tempfile::tempdir().unwrap();
    let (engine, server, keychain, clock) = engine_on_fake(dir.path()).await;
    // On the Demo market its clock sets the market's date: stepped to Tuesday's session.
    let demo = engine.step_demo_clock(wheelwright_demo::ClockStep::NextSession).await.unwrap();
    assert_eq!((demo.active, demo.market_day), (true, day(2026, 11, 24)));

    // A refused token is not stored, and Tradier cannot be chosen without one.
    server.script("/v1/markets/quotes", vec![Reply { body: "Invalid Access Token".into(), ..Reply::status(401) }]);
    let refused = engine.tradier_setup(input(&server, "wrong-token")).await.unwrap_err();
    assert_eq!((refused.code, refused.field.as_deref()), (ErrorCode::AuthRequired, Some("token")));
    assert!(refused.message.contains("sandbox"), "{}", refused.message);
    assert_eq!(keychain.get("tradier.token").unwrap(), None);
    assert_eq!(engine.set_provider(Provider::Tradier).await.unwrap_err().code, ErrorCode::AuthRequired);
    assert_eq!(engine.tradier_setup(input(&server, "two words")).await.unwrap_err().field.as_deref(), Some("token"));

    server.script("/v1/markets/quotes", vec![Reply::ok(QUOTES)]);
    let status = engine.tradier_setup(input(&server, TOKEN)).await.unwrap();
    assert!(status.token_set && status.sandbox);
    assert_eq!(keychain.get("tradier.token").unwrap().as_deref(), Some(TOKEN));
    let probe = server.requests().last().unwrap().clone();
    assert_eq!(probe.authorization.as_deref(), Some(&*format!("Bearer {TOKEN}")));
    assert_eq!(probe.accept.as_deref(), Some("application/json"), "Tradier answers XML without it");
    engine.set_provider(Provider::Tradier).await.unwrap();
    assert_eq!(engine.market_provider(), "tradier");
    // Tradier's market runs on the real clock: Monday, whatever the Demo clock says.
    let demo = engine.demo_clock().await.unwrap();
    assert_eq!((demo.active, demo.market_day), (false, day(2026, 11, 23)));

    // Quotes: the halted one is stale (Friday's quote during Monday's session); the user's note
    // supplies the sector and the earnings date Tradier does not send.
    engine
        .set_symbol_note(SymbolNote { symbol: "ko".into(), sector: Some("Consumer Staples".into()), next_earnings: Some(day(2027, 2, 10)) })
        .await
        .unwrap();
    let before = server.requests().len();
    let quotes = engine.quotes(&["KO".into(), "XYZQ".into()]).await.unwrap();
    assert_eq!(quotes[0].flags, Vec::<DataFlag>::new());
    assert_eq!((quotes[0].sector.as_deref(), quotes[0].next_earnings), (Some("Consumer Staples"), Some(day(2027, 2, 10))));
    assert_eq!(quotes[1].flags, vec![DataFlag::ZeroBid, DataFlag::Stale]);
    assert_eq!(server.requests().len(), before + 1);
    // Asked again within 15 seconds: from the cache, no request.
    clock.advance(Duration::seconds(10));
    let again = engine.quotes(&["XYZQ".into(), "KO".into()]).await.unwrap();
    assert_eq!(again.iter().map(|q| q.symbol.as_str()).collect::<Vec<_>>(), vec!["XYZQ", "KO"], "in the order asked");
    assert_eq!(server.requests().len(), before + 1, "served from the cache");
    // After 15 seconds the quote is asked for again.
    clock.advance(Duration::seconds(10));
    engine.quotes(&["KO".into()]).await.unwrap();
    assert_eq!(server.requests().len(), before + 2);

    // A chain: the quote, the expirations, one request per expiry in range, nearest strikes.
    server.script("/v1/markets/options/expirations", vec![Reply::ok(EXPIRATIONS)]);
    server.script("/v1/markets/options/chains", vec![Reply::ok(CHAIN_DEC), Reply::ok(CHAIN_JAN_ONE)]);
    let request = ChainRequest {
        symbol: "KO".into(),
        filter: wheelwright_domain::market::ChainFilter {
            from: Some(day(2026, 12, 10)),
            to: Some(day(2027, 1, 31)),
            strike_count: Some(3),
            right: Some(Right::Put),
        },
    };
    let chain = engine.chain(request.clone()).await.unwrap();
    let chain_requests: Vec<String> = server.requests().iter().filter(|r| r.path.contains("/chains")).map(|r| r.path.clone()).collect();
    assert_eq!(chain_requests.len(), 2);
    assert!(chain_requests[0].contains("expiration=2026-12-18") && chain_requests[0].contains("greeks=true"));
    assert!(chain_requests[1].contains("expiration=2027-01-15"));
    let strikes: Vec<(NaiveDate, f64)> = chain.contracts.iter().map(|c| (c.expiry, c.strike)).collect();
    // Spot 62.41: the three nearest December put strikes (the adjusted KO1 62.5 among them), and January's one.
    assert_eq!(strikes, vec![(day(2026, 12, 18), 60.0), (day(2026, 12, 18), 62.5), (day(2026, 12, 18), 62.5), (day(2027, 1, 15), 60.0)]);
    assert!(chain.contracts.iter().all(|c| c.right == Right::Put));
    assert_eq!(chain.rate, tradier::client::RATE);
    assert_eq!(chain.underlying.sector.as_deref(), Some("Consumer Staples"));
    let count = server.requests().len();
    engine.chain(request).await.unwrap();
    assert_eq!(server.requests().len(), count, "the same chain within a minute comes from the cache");

    // History: the missing session is named, not bridged.
    server.script("/v1/markets/history", vec![Reply::ok(HISTORY)]);
    let history = engine
        .history(HistoryRequest { symbol: "KO".into(), from: day(2026, 11, 2), to: day(2026, 11, 20), interval: Interval::Daily })
        .await
        .unwrap();
    assert_eq!(history.bars.len(), 14);
    assert_eq!(history.missing_sessions, vec![day(2026, 11, 12)]);
    assert_eq!(history.flags, vec![DataFlag::HistoryGap]);
    let sent = server.requests().last().unwrap().path.clone();
    assert!(sent.contains("interval=daily") && sent.contains("start=2026-11-02") && sent.contains("end=2026-11-20"), "{sent}");
    // Past history keeps for days: a day later, no request.
    clock.advance(Duration::days(1));
    let count = server.requests().len();
    engine
        .history(HistoryRequest { symbol: "KO".into(), from: day(2026, 11, 2), to: day(2026, 11, 20), interval: Interval::Daily })
        .await
        .unwrap();
    assert_eq!(server.requests().len(), count);

    // Ten-minute bars are built from five-minute time and sales.
    server.script("/v1/markets/timesales", vec![Reply::ok(TIMESALES)]);
    let intraday = engine
        .history(HistoryRequest { symbol: "KO".into(), from: day(2026, 11, 20), to: day(2026, 11, 20), interval: Interval::Minutes(10) })
        .await
        .unwrap();
    assert_eq!(intraday.bars.len(), 3);
    assert!(server.requests().last().unwrap().path.contains("interval=5min"));

    // Faults: a 429 with Retry-After is waited out; malformed JSON and an expired token get codes.
    server.script("/v1/markets/options/expirations", vec![Reply::status(429).with_header("retry-after", "1"), Reply::ok(EXPIRATIONS)]);
    assert_eq!(engine.expirations("PEP").await.unwrap().len(), 4);
    server.script("/v1/markets/options/expirations", vec![Reply::ok("{\"expirations\":")]);
    assert_eq!(engine.expirations("MO").await.unwrap_err().code, ErrorCode::MarketData);
    server.script("/v1/markets/options/expirations", vec![Reply::status(401)]);
    let expired = engine.expirations("T").await.unwrap_err();
    assert_eq!(expired.code, ErrorCode::AuthRequired);

    // The health report counts Tradier's own requests (answers from the cache are none) and
    // their failures; no token in it.
    let health = engine.health(Default::default(), None).await.unwrap();
    assert!(health.provider.ready && health.provider.detail.contains("sandbox"), "{:?}", health.provider);
    let stats = |operation: &str| health.requests.iter().find(|r| r.provider == "tradier" && r.operation == operation).unwrap().clone();
    assert_eq!((stats("quotes").requests, stats("quotes").errors), (2, 0));
    assert_eq!((stats("chain").requests, stats("history").requests), (1, 2));
    let expirations = stats("expirations");
    assert_eq!((expirations.requests, expirations.errors), (3, 2), "PEP after its 429, then MO and T");
    assert!((expirations.error_rate - 2.0 / 3.0).abs() < 1e-12);
    assert!(expirations.last_error.as_deref().unwrap().starts_with("auth_required"), "{:?}", expirations.last_error);
    assert!(expirations.max_ms >= 1000.0, "the 429's one-second Retry-After is inside the request: {}", expirations.max_ms);
    assert!(!serde_json::to_string(&health).unwrap().contains(TOKEN));

    // No token in the status, the database or its backups.
    let status_json = serde_json::to_string(&engine.broker_status().await.unwrap()).unwrap();
    assert!(!status_json.contains(TOKEN));
    // Disconnecting deletes the token and falls back to the Demo market.
    let status = engine.tradier_disconnect().await.unwrap();
    assert_eq!((status.provider, status.tradier.token_set), (Provider::Demo, false));
    assert_eq!(keychain.get("tradier.token").unwrap(), None);
    engine.store().close().await;
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap_or_default();
        assert!(!String::from_utf8_lossy(&bytes).contains(TOKEN), "a file in the data folder holds the token");
    }
}

#[tokio::test]
async fn symbol_notes_are_audited_and_only_fill_what_is_unknown() {
    let dir = tempfile::tempdir().unwrap();
    let (engine, _server, _keychain, _clock) = engine_on_fake(dir.path()).await;
    // The Demo market has its own sectors and earnings: a note does not override them.
    let demo = engine.quotes(&["KO".into()]).await.unwrap().remove(0);
    let note = SymbolNote { symbol: "KO".into(), sector: Some("Beverages".into()), next_earnings: Some(day(2026, 11, 2)) };
    engine.set_symbol_note(note.clone()).await.unwrap();
    let annotated = engine.quotes(&["KO".into()]).await.unwrap().remove(0);
    assert_eq!((annotated.sector, annotated.next_earnings), (demo.sector, demo.next_earnings));
    assert_eq!(engine.symbol_notes(&["ko".into()]).await.unwrap(), vec![note]);
    // Clearing both fields removes the note; every change is in the audit log.
    let removed = engine.set_symbol_note(SymbolNote { symbol: "KO".into(), sector: None, next_earnings: None }).await.unwrap();
    assert_eq!(removed, None);
    assert!(engine.symbol_notes(&[]).await.unwrap().is_empty());
    let operations: Vec<String> = sqlx::query_scalar("SELECT operation FROM audit_log WHERE entity = 'symbol_note' ORDER BY id")
        .fetch_all(engine.store().pool())
        .await
        .unwrap();
    assert_eq!(operations, vec!["create", "delete"]);
}

#[tokio::test]
async fn the_dashboard_asks_for_each_held_names_chain_once() {
    use wheelwright_domain::{Action, OptionSpec};
    use wheelwright_engine::model::{FillInput, NewPortfolio};
    let dir = tempfile::tempdir().unwrap();
    let (engine, server, _keychain, _clock) = engine_on_fake(dir.path()).await;
    server.script("/v1/markets/quotes", vec![Reply::ok(QUOTES)]);
    server.script("/v1/markets/options/expirations", vec![Reply::ok(EXPIRATIONS)]);
    server.script("/v1/markets/options/chains", vec![Reply::ok(CHAIN_DEC)]);
    engine.tradier_setup(input(&server, TOKEN)).await.unwrap();
    engine.set_provider(Provider::Tradier).await.unwrap();
    engine.create_portfolio(NewPortfolio { name: "Main".into(), ..Default::default() }).await.unwrap();
    // A KO put expiring this Friday, four days out: both the marks (performance) and the watch
    // (positions) need its chain, and used to ask for windows of different lengths.
    let put =
        OptionSpec { right: Right::Put, strike: 60.into(), expiry: day(2026, 11, 27), multiplier: 100.into(), deliverable: 100.into() };
    let mut sale = crate::strategy::fill(Action::Sto, Some("KO"), Some(put), "1", "0.40");
    sale.date = day(2026, 11, 23);
    engine.add_fill(FillInput { portfolio: "Main".into(), fill: sale }).await.unwrap();

    let chains = || server.requests().iter().filter(|r| r.path.contains("/options/chains")).count();
    let before = chains();
    let board = engine.dashboard("Main").await.unwrap();
    assert_eq!(board.expirations.len(), 1);
    assert_eq!(chains() - before, 1, "one expiry in the window, asked for once");
}
