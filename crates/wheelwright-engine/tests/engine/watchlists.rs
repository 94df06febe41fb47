//! Watchlists: TradingView import (all or nothing, idempotent), editing, and screening against
//! the Demo market's quotes by price, sector and dollar volume.

use crate::{db_in, open};
use wheelwright_domain::ErrorCode;
use wheelwright_engine::watchlists::Screen;

const EXPORT: &str = "###Under 50,NYSE:F,NASDAQ:SOFI,NYSE:T,NASDAQ:INTC\n###Dividends,NYSE:KO,NYSE:PG,NYSE:T,BINANCE:BTCUSDT";

#[tokio::test]
async fn a_tradingview_export_imports_once_and_screens_like_a_trader_would() {
    let dir = tempfile::tempdir().unwrap();
    let engine = open(&db_in(dir.path())).await;
    let first = engine.import_watchlist("Wheel ideas", EXPORT).await.unwrap();
    assert_eq!((first.created, first.added, first.already_there), (true, 7, 0), "T appears twice in the file, once in the list");
    let again = engine.import_watchlist("wheel ideas", EXPORT).await.unwrap();
    assert_eq!((again.watchlist.as_str(), again.created, again.added, again.already_there), ("Wheel ideas", false, 0, 7));
    let list = engine.watchlist("Wheel ideas").await.unwrap();
    let symbols: Vec<&str> = list.entries.iter().map(|e| e.symbol.as_str()).collect();
    assert_eq!(symbols, ["F", "SOFI", "T", "INTC", "KO", "PG", "BTCUSDT"]);
    assert_eq!(list.entries[4].section.as_deref(), Some("Dividends"));
    assert_eq!(list.entries[0].exchange.as_deref(), Some("NYSE"));

    // Everything quoted except the crypto pair the Demo market does not list.
    let all = engine.screen_watchlist("Wheel ideas", &Screen::default()).await.unwrap();
    assert_eq!(all.rows.len(), 6);
    assert_eq!(all.unquoted.len(), 1);
    assert_eq!((all.unquoted[0].symbol.as_str(), all.unquoted[0].code), ("BTCUSDT", ErrorCode::UnknownSymbol));
    // The classic: stocks under $50.
    let cheap = engine.screen_watchlist("Wheel ideas", &Screen { max_price: Some(50.0), ..Default::default() }).await.unwrap();
    assert!(!cheap.rows.is_empty() && cheap.rows.iter().all(|r| r.quote.last.unwrap() <= 50.0));
    assert_eq!(cheap.rows.len() + cheap.filtered_out, 6);
    let staples =
        engine.screen_watchlist("Wheel ideas", &Screen { sector: Some("consumer staples".into()), ..Default::default() }).await.unwrap();
    let names: Vec<&str> = staples.rows.iter().map(|r| r.quote.symbol.as_str()).collect();
    assert_eq!(names, ["KO", "PG"]);
    let liquid = engine.screen_watchlist("Wheel ideas", &Screen { min_dollar_volume: Some(1e12), ..Default::default() }).await.unwrap();
    assert_eq!((liquid.rows.len(), liquid.filtered_out), (0, 6));

    let edited = engine.add_to_watchlist("Wheel ideas", &["aapl".into(), "F".into()]).await.unwrap();
    assert_eq!(edited.entries.len(), 8, "F was there already");
    let edited = engine.remove_from_watchlist("Wheel ideas", "btcusdt").await.unwrap();
    assert_eq!(edited.entries.last().unwrap().symbol, "AAPL");
    assert_eq!(engine.list_watchlists().await.unwrap()[0].symbols, 7);
    engine.delete_watchlist("Wheel ideas").await.unwrap();
    assert!(engine.list_watchlists().await.unwrap().is_empty());
}

#[tokio::test]
async fn bad_watchlist_input_is_refused_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let engine = open(&db_in(dir.path())).await;
    let err = engine.import_watchlist("Ideas", "NYSE:KO,NYSE:not a ticker").await.unwrap_err();
    assert_eq!((err.code, err.row), (ErrorCode::InvalidInput, Some(2)));
    assert!(engine.list_watchlists().await.unwrap().is_empty(), "nothing created by a refused import");
    engine.create_watchlist("Ideas").await.unwrap();
    assert_eq!(engine.create_watchlist(" ideas ").await.unwrap_err().code, ErrorCode::AlreadyExists);
    assert_eq!(engine.create_watchlist("").await.unwrap_err().field.as_deref(), Some("name"));
    assert_eq!(engine.add_to_watchlist("Ideas", &["KO".into(), "bad one".into()]).await.unwrap_err().code, ErrorCode::InvalidSymbol);
    assert!(engine.watchlist("Ideas").await.unwrap().entries.is_empty());
    assert_eq!(engine.remove_from_watchlist("Ideas", "KO").await.unwrap_err().code, ErrorCode::NotFound);
    let err =
        engine.screen_watchlist("Ideas", &Screen { min_price: Some(60.0), max_price: Some(50.0), ..Default::default() }).await.unwrap_err();
    assert_eq!(err.field.as_deref(), Some("max_price"));
    assert_eq!(engine.watchlist("Nope").await.unwrap_err().code, ErrorCode::NotFound);
}
