//! Broker sync end to end through the fake server: a whole wheel in Schwab's transaction format
//! (puts sold, one expired, one rolled in a single combo order, one assigned with its share
//! delivery posted separately, a covered call called away, a dividend, interest, a deposit, a
//! cancelled trade, a memo and an ambiguous removal) becomes the fills a trader would have
//! entered by hand — exact fees per fill — idempotently, and reconciles with the broker's
//! positions and cash.

use crate::fake_server::{FakeServer, Reply};
use crate::{db_in, open};
use async_trait::async_trait;
use chrono::NaiveDate;
use rust_decimal_macros::dec;
use std::sync::Arc;
use wheelwright_domain::{Action, ErrorCode};
use wheelwright_engine::broker::{DifferenceKind, SyncRequest};
use wheelwright_engine::schwab::client::{AccessToken, SchwabClient};

const NUMBERS: &str = include_str!("../../../../tests/fixtures/schwab/account_numbers.json");
const ACCOUNTS: &str = include_str!("../../../../tests/fixtures/schwab/accounts_positions.json");
const WHEEL: &str = include_str!("../../../../tests/fixtures/schwab/transactions_wheel.json");
const HASH: &str = "E7A1C5B0D2F94C3A8B6E1D0F7A2C4B9E5D3F1A0C8B7E6D5C4B3A2F1E0D9C8B7A";

struct Fixed;

#[async_trait]
impl AccessToken for Fixed {
    async fn access_token(&self) -> wheelwright_engine::Result<String> {
        Ok("access-abc".into())
    }
}

fn schwab(server: &FakeServer, transactions: &str) -> SchwabClient {
    server.script("/trader/v1/accounts/accountNumbers", vec![Reply::ok(NUMBERS)]);
    server.script("/trader/v1/accounts", vec![Reply::ok(ACCOUNTS)]);
    server.script(&format!("/trader/v1/accounts/{HASH}/transactions"), vec![Reply::ok(transactions)]);
    SchwabClient::new(&server.url(""), Arc::new(Fixed)).unwrap()
}

fn request() -> SyncRequest {
    SyncRequest {
        portfolio: "Schwab".into(),
        account: Some("12345678".into()),
        from: NaiveDate::from_ymd_opt(2024, 6, 1),
        to: NaiveDate::from_ymd_opt(2024, 9, 30),
    }
}

#[tokio::test]
async fn a_whole_wheel_syncs_into_fills_with_exact_fees_and_reconciles() {
    let dir = tempfile::tempdir().unwrap();
    let engine = open(&db_in(dir.path())).await;
    let server = FakeServer::start().await;
    let client = schwab(&server, WHEEL);

    let report = engine.broker_sync_with(&client, &request()).await.unwrap();
    let actions: Vec<(String, Action)> = report.added.iter().map(|f| (f.data.date.to_string(), f.data.action)).collect();
    let expect = |d: &str, a: Action| (d.to_string(), a);
    assert_eq!(
        actions,
        vec![
            expect("2024-06-03", Action::Deposit),
            expect("2024-06-03", Action::Sto),
            expect("2024-06-21", Action::Expire), // on the expiry, not the Saturday the removal posted
            expect("2024-06-24", Action::Sto),
            expect("2024-07-15", Action::Btc),
            expect("2024-07-15", Action::Sto),
            expect("2024-07-19", Action::Assign), // the day the shares moved
            expect("2024-08-05", Action::Sto),
            expect("2024-08-10", Action::Dividend),
            expect("2024-08-16", Action::Assign),
            expect("2024-08-16", Action::Expire),
            expect("2024-08-30", Action::Interest),
            expect("2024-09-05", Action::Sto),
        ]
    );
    let fill = |i: usize| &report.added[i].data;
    // Fees per fill, exactly: the two-contract sale carries its whole commission; the roll's
    // one commission is split across its two legs by contracts, and both legs share a roll id.
    assert_eq!((fill(3).quantity, fill(3).price, fill(3).fees), (dec!(2), dec!(1.5), dec!(1.34)));
    assert_eq!((fill(4).fees, fill(5).fees), (dec!(0.67), dec!(0.67)));
    assert!(fill(4).roll_id.is_some() && fill(4).roll_id == fill(5).roll_id);
    // The assignment books the shares itself (the separate share trade is not a second BUY);
    // the called-away call carries the share sale's SEC fee.
    assert_eq!((fill(6).quantity, fill(6).fees), (dec!(1), dec!(0)));
    assert_eq!((fill(9).option.as_ref().unwrap().strike, fill(9).fees), (dec!(60), dec!(0.14)));
    assert_eq!((fill(8).quantity, fill(8).price), (dec!(100), dec!(0.665)), "the dividend on the 100 shares held");
    assert!(report.added.iter().all(|f| f.data.external_id.as_deref().unwrap().starts_with("schwab:")));
    assert_eq!(report.added[0].data.account.as_deref(), Some("12345678"));
    assert_eq!(report.wheels_created, vec!["CVS".to_string()]);

    // Folded share trades, the memo and the cancelled trade are accounted for, not booked.
    assert_eq!(report.ignored.len(), 4, "{:#?}", report.ignored);
    // A removal before expiry with no marker and no share delivery is never guessed.
    assert_eq!(report.needs_attention.len(), 1, "{:#?}", report.needs_attention);
    assert!(report.needs_attention[0].reason.contains("before its expiry"));

    // Hand-worked: 55P expired 120 − 0.67; first 58P bought back 150 − 0.67 − 210 − 0.67;
    // 57P expired 260 − 0.67; the lot (5800 − (150 − 0.67)) called away for 6000 + 90 − 0.66 − 0.14;
    // plus the 66.50 dividend (realized P&L includes dividends, ACCOUNTING.md).
    let wheel = engine.wheel("Schwab", "CVS").await.unwrap();
    assert_eq!(wheel.summary.realized_pnl, dec!(119.33) - dec!(61.34) + dec!(259.33) + dec!(438.53) + dec!(66.50));
    assert_eq!(wheel.summary.dividends, dec!(66.50));
    let overview = engine.portfolio_overview("Schwab").await.unwrap();
    assert_eq!(overview.cash.cash, dec!(10902.92), "the ledger's cash is the broker's");
    assert_eq!(overview.portfolio.account_link.as_deref(), Some("schwab:12345678"));

    // The reconciliation finds exactly the one thing the sync could not book: the 50 put the
    // broker removed is still open in the ledger. The money-market fund is listed, not compared.
    let rec = &report.reconciliation;
    assert_eq!(rec.differences.len(), 1, "{:#?}", rec.differences);
    let diff = &rec.differences[0];
    assert_eq!(
        (diff.kind, diff.subject.as_str(), diff.ledger, diff.broker),
        (DifferenceKind::Option, "CVS 50 put 2024-09-20", dec!(-1), dec!(0))
    );
    assert_eq!(rec.untracked, vec!["SWVXX (MUTUAL_FUND)".to_string()]);

    // Every type was asked for (expirations, assignments and dividends are not TRADE), by hash.
    let asked = server.requests().into_iter().find(|r| r.path.contains("/transactions")).unwrap();
    assert!(asked.path.contains(&format!("/accounts/{HASH}/transactions")));
    for kind in ["TRADE", "RECEIVE_AND_DELIVER", "DIVIDEND_OR_INTEREST", "ACH_RECEIPT", "JOURNAL"] {
        assert!(asked.path.contains(kind), "{} lacks {kind}", asked.path);
    }
    assert_eq!(asked.authorization.as_deref(), Some("Bearer access-abc"));

    // Syncing the same range again adds nothing.
    let again = engine.broker_sync_with(&client, &SyncRequest { account: None, ..request() }).await.unwrap();
    assert_eq!((again.added.len(), again.skipped), (0, 13));
    assert_eq!(engine.portfolio_overview("Schwab").await.unwrap().cash.cash, dec!(10902.92));
}

#[tokio::test]
async fn a_trade_whose_parts_do_not_add_up_is_not_booked() {
    let dir = tempfile::tempdir().unwrap();
    let engine = open(&db_in(dir.path())).await;
    let server = FakeServer::start().await;
    // The 2-contract put sale claims more cash than its legs and fees explain.
    let tampered = WHEEL.replacen("\"netAmount\": 298.66", "\"netAmount\": 398.66", 1);
    assert_ne!(tampered, WHEEL);
    let report = engine.broker_sync_with(&schwab(&server, &tampered), &request()).await.unwrap();
    assert!(report.needs_attention.iter().any(|a| a.reason.contains("add up to 298.66")), "{:#?}", report.needs_attention);
    assert!(!report.added.iter().any(|f| f.data.date == NaiveDate::from_ymd_opt(2024, 6, 24).unwrap()));
    // What depended on it (its buy-back and assignment) could not replay and waits as well.
    assert!(report.needs_attention.len() >= 3);
}

#[tokio::test]
async fn a_malformed_answer_or_unknown_account_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let engine = open(&db_in(dir.path())).await;
    let server = FakeServer::start().await;
    let err = engine.broker_sync_with(&schwab(&server, "[{\"activityId\": 1, \"type\": "), &request()).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::MarketData);
    let err =
        engine.broker_sync_with(&schwab(&server, WHEEL), &SyncRequest { account: Some("999".into()), ..request() }).await.unwrap_err();
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::NotFound, Some("account")));
    assert!(err.message.contains("12345678, 21453928"), "{}", err.message);
    let err = engine.broker_sync_with(&schwab(&server, WHEEL), &SyncRequest { account: None, ..request() }).await.unwrap_err();
    assert_eq!(err.field.as_deref(), Some("account"));
    assert!(engine.list_portfolios().await.unwrap().is_empty(), "no portfolio was created by a failed sync");
}

#[test]
fn accounts_read_positions_and_balances_exactly() {
    use wheelwright_engine::broker::Instrument;
    use wheelwright_engine::schwab::accounts::{parse_account_numbers, parse_accounts};
    let hashes = parse_account_numbers(NUMBERS).unwrap();
    let accounts = parse_accounts(ACCOUNTS, &hashes).unwrap();
    let cash_account = &accounts[1];
    assert_eq!((cash_account.number.as_str(), cash_account.kind.as_str()), ("21453928", "CASH"));
    assert!(cash_account.key.starts_with("0B1C"));
    assert_eq!((cash_account.balances.cash, cash_account.balances.money_market), (Some(dec!(2500.5)), dec!(800)));
    let quantities: Vec<_> = cash_account
        .positions
        .iter()
        .map(|p| match &p.instrument {
            Instrument::Shares { symbol } => (symbol.to_string(), p.quantity),
            Instrument::Option { contract, .. } => (contract.to_string(), p.quantity),
            Instrument::Other { symbol, .. } => (symbol.clone(), p.quantity),
        })
        .collect();
    assert_eq!(
        quantities,
        vec![("AAPL".into(), dec!(200)), ("AAPL 230 call 2024-10-18".into(), dec!(-2)), ("SPY".into(), dec!(120))],
        "short positive quantity becomes negative; an ETF is shares"
    );
    assert!(parse_accounts("{\"not\":\"a list\"}", &hashes).is_err());
}
