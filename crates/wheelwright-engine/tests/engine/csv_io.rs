//! CSV import/export: atomic, idempotent, and a faithful round trip.

use crate::{db_in, open};
use rust_decimal_macros::dec;
use wheelwright_domain::{ErrorCode, WheelState};

/// A whole wheel on AAPL plus account cash, with a BOM, a quoted note holding a comma and a
/// lower-case action, as a spreadsheet might save it.
const CYCLE: &str = "\u{feff}date,action,symbol,right,strike,expiry,quantity,price,fees,multiplier,external_id,roll_id,note\r\n\
2026-01-02,DEPOSIT,,,,,,10000,,,dep-1,,\r\n\
2026-01-05,sto,AAPL,P,50,2026-02-20,1,2.00,0.65,100,t-1,,\"first put, 30 delta\"\r\n\
2026-02-20,ASSIGN,AAPL,P,50,2026-02-20,1,,0,100,t-2,,\r\n\
2026-02-23,STO,AAPL,C,52,2026-03-20,1,1.20,0.65,100,t-3,,\r\n\
2026-03-02,DIVIDEND,AAPL,,,,100,0.24,0,,t-4,,\r\n\
2026-03-20,EXPIRE,AAPL,C,52,2026-03-20,1,,,100,t-5,,\r\n\
2026-03-23,STO,AAPL,C,50,2026-04-17,1,1.00,0.65,100,t-6,,\r\n\
2026-04-17,ASSIGN,AAPL,C,50,2026-04-17,1,0,0,100,t-7,,\r\n\
2026-04-30,INTEREST,,,,,,3.21,,,int-1,,\r\n";

#[tokio::test]
async fn a_full_cycle_imports_with_exact_figures_and_reimports_as_a_no_op() {
    let dir = tempfile::tempdir().unwrap();
    let engine = open(&db_in(dir.path())).await;
    let report = engine.import_csv("Taxable", CYCLE).await.unwrap();
    assert!(report.portfolio_created);
    assert_eq!((report.rows, report.added), (9, 9));
    assert_eq!(report.wheels_created, ["AAPL"]);
    let wheel = &engine.list_wheels("Taxable").await.unwrap()[0];
    assert_eq!(wheel.state, WheelState::Idle);
    // 119.35 (expired call) + 298.70 (called away) + 24.00 (dividend) = 442.05.
    assert_eq!(wheel.realized_pnl, dec!(442.05));
    assert_eq!(wheel.premium_collected, dec!(420));
    let cash = engine.portfolio_overview("Taxable").await.unwrap().cash;
    // 10,000 + 3.21 + 442.05.
    assert_eq!(cash.cash, dec!(10445.26));
    let fills = engine.list_fills("Taxable", Some("aapl")).await.unwrap();
    assert_eq!(fills[0].fill.data.note.as_deref(), Some("first put, 30 delta"));

    let again = engine.import_csv("Taxable", CYCLE).await.unwrap();
    assert!(!again.portfolio_created);
    assert_eq!(again.added, 0);
    assert_eq!(again.skipped.len(), 9);
    assert_eq!(again.skipped[1].row, 2);
    assert_eq!(again.skipped[1].external_id, "t-1");
    assert_eq!(engine.list_fills("Taxable", None).await.unwrap().len(), 9);
}

#[tokio::test]
async fn export_then_import_reproduces_the_ledger_and_is_a_no_op_at_home() {
    let dir = tempfile::tempdir().unwrap();
    let home = open(&db_in(dir.path())).await;
    home.import_csv("Taxable", CYCLE).await.unwrap();
    // A fill entered by hand has no external id of its own: export must still give it one.
    let mut manual = crate::services::sto_put("MSFT", "2026-05-01", dec!(400), "2026-06-19");
    manual.note = Some("typed in the app".into());
    home.add_fill(wheelwright_engine::model::FillInput { portfolio: "Taxable".into(), fill: manual }).await.unwrap();
    let exported = home.export_csv("Taxable").await.unwrap();
    assert!(exported.starts_with(
        "date,action,symbol,right,strike,expiry,quantity,price,fees,multiplier,external_id,roll_id,note,time,account,deliverable\n"
    ));
    assert!(exported.lines().skip(1).all(|line| line.split(',').nth(10).is_some_and(|id| !id.is_empty())), "{exported}");

    let at_home = home.import_csv("Taxable", &exported).await.unwrap();
    assert_eq!((at_home.added, at_home.skipped.len()), (0, 10));

    let other_dir = tempfile::tempdir().unwrap();
    let fresh = open(&db_in(other_dir.path())).await;
    fresh.import_csv("Taxable", &exported).await.unwrap();
    assert_eq!(fresh.list_wheels("Taxable").await.unwrap(), home.list_wheels("Taxable").await.unwrap());
    assert_eq!(fresh.export_csv("Taxable").await.unwrap(), exported);
    assert_eq!(fresh.portfolio_overview("Taxable").await.unwrap().cash, home.portfolio_overview("Taxable").await.unwrap().cash);
}

#[tokio::test]
async fn a_bad_row_rejects_the_whole_file_and_names_the_row() {
    let dir = tempfile::tempdir().unwrap();
    let engine = open(&db_in(dir.path())).await;
    let file = "date,action,symbol,right,strike,expiry,quantity,price,fees,multiplier,external_id,roll_id,note\n\
2026-01-05,STO,AAPL,P,50,2026-02-20,1,2.00,0.65,100,a,,\n\
2026-01-06,STO,MSFT,P,300,2026-02-20,1,5.00,0.65,100,b,,\n\
2026-01-20,BTC,AAPL,P,50,2026-02-20,2,1.00,0.65,100,c,,\n";
    let err = engine.import_csv("Main", file).await.unwrap_err();
    assert_eq!((err.code, err.row), (ErrorCode::CloseExceedsOpen, Some(3)));
    assert!(err.message.starts_with("row 3: "), "{}", err.message);
    // All or nothing: not even the portfolio was created.
    assert!(engine.list_portfolios().await.unwrap().is_empty());
}

#[tokio::test]
async fn malformed_files_get_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    let engine = open(&db_in(dir.path())).await;
    let header = "date,action,symbol,right,strike,expiry,quantity,price,fees,multiplier,external_id,roll_id,note";
    let cases: Vec<(String, ErrorCode, Option<u64>, &str)> = vec![
        (format!("{header},colour\n"), ErrorCode::CsvFormat, None, "unknown column 'colour'"),
        ("date,action,symbol\n".to_string(), ErrorCode::CsvFormat, None, "lacks column(s) right"),
        (format!("{header}\n2026-13-01,BUY,AAPL,,,,100,10,0,,,,\n"), ErrorCode::InvalidInput, Some(1), "use YYYY-MM-DD"),
        (format!("{header}\n2026-01-05,BUY,AAPL,,,,100,\"$1,000\",0,,,,\n"), ErrorCode::InvalidInput, Some(1), "plain decimal"),
        (format!("{header}\n2026-01-05,BUY,AAPL,,,,100,1e3,0,,,,\n"), ErrorCode::InvalidInput, Some(1), "plain decimal"),
        (format!("{header}\n2026-01-05,SPLIT,AAPL,,,,,,,,,,\n"), ErrorCode::UnsupportedAction, Some(1), "not supported"),
        (format!("{header}\n2026-01-05,STO,AAPL,X,50,2026-02-20,1,1,0,100,,,\n"), ErrorCode::InvalidInput, Some(1), "must be P or C"),
        (format!("{header}\n2026-01-05,STO,AAPL,P,50,2026-01-02,1,1,0,100,,,\n"), ErrorCode::ExpiryBeforeOpen, Some(1), "expires"),
        (format!("{header}\n2026-01-05,STO,AAPL,P,50,2026-02-20,-1,1,0,100,,,\n"), ErrorCode::InvalidQuantity, Some(1), "positive"),
        (
            format!("{header}\n2026-01-05,BUY,AAPL,,,,100,10,0,,x,,\n2026-01-06,BUY,AAPL,,,,100,11,0,,x,,\n"),
            ErrorCode::ExternalIdConflict,
            Some(2),
            "already used",
        ),
        (format!("{header}\n2026-01-05,BUY,AAPL,,,,100,10,0,,,,,extra\n"), ErrorCode::CsvFormat, Some(1), "malformed"),
    ];
    for (text, code, row, words) in cases {
        let err = engine.import_csv("Main", &text).await.unwrap_err();
        assert_eq!((err.code, err.row), (code, row), "{text}: {err:?}");
        assert!(err.message.contains(words), "{text}: {}", err.message);
    }
    assert!(engine.list_portfolios().await.unwrap().is_empty());
}

#[tokio::test]
async fn optional_columns_and_adjusted_deliverables_survive_the_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let engine = open(&db_in(dir.path())).await;
    let file = "date,action,symbol,right,strike,expiry,quantity,price,fees,multiplier,external_id,roll_id,note,time,account,deliverable\n\
2026-05-01,STO,XYZ,P,60,2026-06-19,1,3.00,0.65,100,adj-1,,,09:31:05,IRA-1,150\n\
2026-06-19,ASSIGN,XYZ,P,60,2026-06-19,1,,,100,adj-2,,,,IRA-1,150\n";
    engine.import_csv("IRA", file).await.unwrap();
    let wheel = &engine.list_wheels("IRA").await.unwrap()[0];
    assert_eq!(wheel.shares, dec!(150));
    // 6,000 − (300 − 0.65) = 5,700.65 over 150 shares = 38.004333… → 38.0043.
    assert_eq!(wheel.lots[0].tax_basis_per_share.to_string(), "38.0043");
    let exported = engine.export_csv("IRA").await.unwrap();
    assert!(exported.contains(",09:31:05,IRA-1,150\n"), "{exported}");
}
