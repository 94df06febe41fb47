//! Opening databases: fresh, existing (backup before migrating), damaged, foreign, newer.

use crate::{db_in, open, TickingClock};
use std::sync::Arc;
use wheelwright_domain::ErrorCode;
use wheelwright_engine::ports::NoEvents;
use wheelwright_engine::store::{list_backups, BACKUPS_KEPT};
use wheelwright_engine::Engine;

async fn open_err(path: &std::path::Path) -> wheelwright_engine::EngineError {
    match Engine::open(path, TickingClock::new(), Arc::new(NoEvents), "test").await {
        Ok(_) => panic!("expected {} to be refused", path.display()),
        Err(e) => e,
    }
}

#[tokio::test]
async fn a_fresh_database_is_created_with_wal_and_foreign_keys() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/folder/ledger.sqlite3");
    let engine = open(&path).await;
    assert!(path.exists());
    let mode: String = sqlx::query_scalar("PRAGMA journal_mode").fetch_one(engine.store().pool()).await.unwrap();
    assert_eq!(mode, "wal");
    let fk: i64 = sqlx::query_scalar("PRAGMA foreign_keys").fetch_one(engine.store().pool()).await.unwrap();
    assert_eq!(fk, 1);
    assert!(engine.store().schema_version().await.unwrap() > 0);
    // Nothing to back up on a fresh file.
    assert!(list_backups(&path).is_empty());
}

#[tokio::test]
async fn a_pending_migration_backs_up_the_existing_file_first() {
    let dir = tempfile::tempdir().unwrap();
    let path = db_in(dir.path());
    {
        let engine = open(&path).await;
        engine.create_portfolio(wheelwright_engine::model::NewPortfolio { name: "Main".into(), ..Default::default() }).await.unwrap();
        // Pretend the migrations have not run yet: an old file.
        forget_schema(&engine).await;
    }
    let engine = open(&path).await;
    let backups = list_backups(&path);
    assert_eq!(backups.len(), 1);
    assert!(engine.list_portfolios().await.unwrap().is_empty());
    // The backup is a readable copy of the file as it was before the migration.
    let copy = sqlx::SqlitePool::connect(&format!("sqlite://{}", backups[0].display())).await.unwrap();
    let n: i64 = sqlx::query_scalar("SELECT count(*) FROM _sqlx_migrations").fetch_one(&copy).await.unwrap();
    assert_eq!(n, 0);
    let tables: i64 = sqlx::query_scalar("SELECT count(*) FROM sqlite_master WHERE name = 'fills'").fetch_one(&copy).await.unwrap();
    assert_eq!(tables, 0);
}

async fn forget_schema(engine: &Engine) {
    sqlx::query("DELETE FROM _sqlx_migrations").execute(engine.store().pool()).await.unwrap();
    // Every table the migrations made, newest first so no foreign key points at a dropped one.
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != '_sqlx_migrations' ORDER BY rowid DESC",
    )
    .fetch_all(engine.store().pool())
    .await
    .unwrap();
    for table in tables {
        sqlx::query(&format!("DROP TABLE {table}")).execute(engine.store().pool()).await.unwrap();
    }
    engine.store().close().await;
}

#[tokio::test]
async fn only_the_last_few_backups_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = db_in(dir.path());
    forget_schema(&open(&path).await).await;
    // Older backups from earlier upgrades.
    std::fs::create_dir_all(dir.path().join("backups")).unwrap();
    for day in 1..=BACKUPS_KEPT + 1 {
        std::fs::write(dir.path().join(format!("backups/ledger-202601{day:02}T000000.000Z.sqlite3")), b"old").unwrap();
    }
    let _ = open(&path).await;
    let kept = list_backups(&path);
    assert_eq!(kept.len(), BACKUPS_KEPT);
    // The oldest went; the new one (stamped by the test clock, 2026-11-22) stayed.
    assert!(!kept.iter().any(|p| p.ends_with("ledger-20260101T000000.000Z.sqlite3")));
    assert!(kept.last().unwrap().to_string_lossy().contains("20261122T093000"), "{kept:?}");
}

#[tokio::test]
async fn a_damaged_file_is_refused_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let path = db_in(dir.path());
    std::fs::write(&path, b"this is not a database, it is a grocery list: milk, eggs, bread and a lot more text to fill a page").unwrap();
    let err = open_err(&path).await;
    assert_eq!(err.code, ErrorCode::DatabaseCorrupt, "{err:?}");
    assert!(err.message.contains("restore a backup"), "{}", err.message);
    // And the file is left as it was.
    assert!(std::fs::read(&path).unwrap().starts_with(b"this is not a database"));
}

#[tokio::test]
async fn a_foreign_sqlite_database_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = db_in(dir.path());
    let other = sqlx::SqlitePool::connect(&format!("sqlite://{}?mode=rwc", path.display())).await.unwrap();
    sqlx::query("CREATE TABLE recipes (name TEXT)").execute(&other).await.unwrap();
    other.close().await;
    let err = open_err(&path).await;
    assert_eq!(err.code, ErrorCode::DatabaseCorrupt);
    assert!(err.message.contains("not a Wheelwright one"), "{}", err.message);
}

#[tokio::test]
async fn a_database_from_a_newer_version_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = db_in(dir.path());
    let engine = open(&path).await;
    sqlx::query("INSERT INTO _sqlx_migrations (version, description, installed_on, success, checksum, execution_time) VALUES (99990101000000, 'future', CURRENT_TIMESTAMP, 1, x'00', 0)")
        .execute(engine.store().pool())
        .await
        .unwrap();
    engine.store().close().await;
    let err = open_err(&path).await;
    assert_eq!(err.code, ErrorCode::SchemaTooNew);
    assert!(err.message.contains("newer Wheelwright"), "{}", err.message);
}

/// The events an engine emitted.
#[derive(Default)]
struct Heard(std::sync::Mutex<Vec<wheelwright_engine::ports::LedgerEvent>>);

impl wheelwright_engine::ports::EventSink for Heard {
    fn emit(&self, event: wheelwright_engine::ports::LedgerEvent) {
        self.0.lock().unwrap().push(event);
    }
}

impl Heard {
    fn others(&self) -> usize {
        self.0.lock().unwrap().iter().filter(|e| **e == wheelwright_engine::ports::LedgerEvent::OtherProcessWrote).count()
    }
}

#[tokio::test]
async fn the_app_hears_of_another_process_writing_to_its_database_but_not_of_its_own_writes() {
    use wheelwright_engine::model::NewPortfolio;
    let dir = tempfile::tempdir().unwrap();
    let path = db_in(dir.path());
    let heard = Arc::new(Heard::default());
    let app = Arc::new(Engine::open(&path, TickingClock::new(), heard.clone(), "app").await.unwrap());
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let watching = tokio::spawn({
        let app = app.clone();
        async move { app.watch_other_writers(std::time::Duration::from_millis(20), stopped).await }
    });
    // Its own writes: the event it emits for them, and nothing about another process.
    app.create_portfolio(NewPortfolio { name: "Mine".into(), ..Default::default() }).await.unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let spare = heard.others();
    assert!(spare <= 1, "at most the one spare refresh a write spanning a look may cause: {spare}");

    // Another process (the CLI) opens the file and writes: heard within a few looks.
    let cli = open(&path).await;
    cli.create_portfolio(NewPortfolio { name: "From the terminal".into(), ..Default::default() }).await.unwrap();
    let until = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while heard.others() == spare && std::time::Instant::now() < until {
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert!(heard.others() > spare, "the other process's commits are heard");

    // The two write at once: the other's is still heard, by what its audit entry names.
    let before = heard.others();
    let (mine, theirs) = tokio::join!(
        app.create_portfolio(NewPortfolio { name: "Mine too".into(), ..Default::default() }),
        cli.create_portfolio(NewPortfolio { name: "Theirs too".into(), ..Default::default() })
    );
    mine.unwrap();
    theirs.unwrap();
    let until = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while heard.others() == before && std::time::Instant::now() < until {
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert!(heard.others() > before, "a write of the other process beside one of ours is heard");

    stop.send(true).unwrap();
    watching.await.unwrap().unwrap();
}

/// The first migration that keeps ids for good.
const LASTING_IDS: i64 = 20261122000010;

#[tokio::test]
async fn the_upgrade_keeps_every_row_and_never_gives_an_id_out_twice() {
    use sqlx::migrate::Migrator;
    use sqlx::sqlite::SqliteConnectOptions;
    use std::borrow::Cow;
    use wheelwright_engine::store::MIGRATOR;

    let dir = tempfile::tempdir().unwrap();
    let path = db_in(dir.path());
    // A file as the release before left it: a deposit (fill 1) and a KO put (fill 2) on a wheel
    // with its own criteria and a snapshot; fill 3 was recorded and deleted, and so was
    // watchlist 2. That SQLite would hand out 3 and 2 again.
    {
        let earlier = Migrator {
            migrations: Cow::Owned(MIGRATOR.iter().filter(|m| m.version < LASTING_IDS).cloned().collect()),
            ignore_missing: false,
            locking: true,
            no_tx: false,
        };
        let options = SqliteConnectOptions::new().filename(&path).create_if_missing(true).foreign_keys(true);
        let pool = sqlx::SqlitePool::connect_with(options).await.unwrap();
        earlier.run(&pool).await.unwrap();
        let at = "2026-11-20T15:00:00.000Z";
        for statement in [
            format!("INSERT INTO portfolios (id, name, created_at, updated_at) VALUES (1, 'Main', '{at}', '{at}')"),
            format!("INSERT INTO wheels (id, portfolio_id, symbol, created_at, updated_at) VALUES (1, 1, 'KO', '{at}', '{at}')"),
            "INSERT INTO wheel_criteria (wheel_id, custom) VALUES (1, 1)".into(),
            format!(
                "INSERT INTO fills (id, portfolio_id, wheel_id, seq, date, action, quantity, price, fees, external_id, created_at, updated_at)
                 VALUES (1, 1, NULL, 1, '2026-11-02', 'DEPOSIT', '0', '20000', '0', 'ww-1', '{at}', '{at}')"
            ),
            format!(
                "INSERT INTO fills (id, portfolio_id, wheel_id, seq, date, action, option_right, strike, expiry, multiplier, deliverable,
                                    quantity, price, fees, external_id, created_at, updated_at)
                 VALUES (2, 1, 1, 2, '2026-11-03', 'STO', 'P', '66', '2026-12-18', '100', '100', '1', '0.95', '0.65', 'ww-2', '{at}', '{at}')"
            ),
            format!(
                "INSERT INTO audit_log (at, source, entity, entity_id, operation, before, after)
                 VALUES ('{at}', 'app', 'fill', 3, 'create', NULL, '{{}}'), ('{at}', 'app', 'fill', 3, 'delete', '{{}}', NULL),
                        ('{at}', 'app', 'watchlist', 2, 'delete', '{{}}', NULL)"
            ),
            format!("INSERT INTO watchlists (id, name, created_at, updated_at) VALUES (1, 'Dividends', '{at}', '{at}')"),
            "INSERT INTO watchlist_symbols (watchlist_id, symbol, position) VALUES (1, 'KO', 0)".into(),
            format!("INSERT INTO snapshots (id, portfolio_id, trading_day, kind, taken_at, provider) VALUES (1, 1, '2026-11-20', 'daily', '{at}', 'demo')"),
        ] {
            sqlx::query(&statement).execute(&pool).await.unwrap();
        }
        pool.close().await;
    }

    let engine = open(&path).await;
    assert_eq!(list_backups(&path).len(), 1, "a backup before the migration");
    let pool = engine.store().pool();
    // Every row is there under its own id, and still joined to its parents.
    let fills = engine.list_fills("Main", None).await.unwrap();
    let kept: Vec<(i64, String)> = fills.iter().map(|f| (f.fill.id, f.fill.data.price.to_string())).collect();
    assert_eq!(kept, [(1, "20000".to_string()), (2, "0.95".to_string())]);
    assert_eq!(engine.wheel("Main", "KO").await.unwrap().summary.premium_collected.to_string(), "95.00");
    assert_eq!(engine.watchlist("Dividends").await.unwrap().entries.len(), 1);
    for (table, rows) in [("wheel_criteria", 1), ("snapshots", 1)] {
        let n: i64 = sqlx::query_scalar(&format!("SELECT count(*) FROM {table}")).fetch_one(pool).await.unwrap();
        assert_eq!(n, rows, "{table}");
    }
    let leftovers: i64 =
        sqlx::query_scalar("SELECT count(*) FROM sqlite_master WHERE name LIKE '%_lasting'").fetch_one(pool).await.unwrap();
    assert_eq!(leftovers, 0);
    // The rebuilt tables keep their indexes and unique constraints.
    let indexes: Vec<String> =
        sqlx::query_scalar("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'fills' ORDER BY name")
            .fetch_all(pool)
            .await
            .unwrap();
    assert_eq!(indexes, ["fills_by_portfolio", "fills_by_wheel", "sqlite_autoindex_fills_1", "sqlite_autoindex_fills_2"]);
    let twin = engine.create_portfolio(wheelwright_engine::model::NewPortfolio { name: "main".into(), ..Default::default() }).await;
    assert_eq!(twin.unwrap_err().code, ErrorCode::AlreadyExists, "names stay unique, whatever their case");

    // New rows get ids never used before, not the deleted fill's 3 or watchlist's 2.
    let another_deposit = || wheelwright_engine::model::FillInput {
        portfolio: "Main".into(),
        fill: wheelwright_domain::FillData { external_id: None, ..fills[0].fill.data.clone() },
    };
    assert_eq!(engine.add_fill(another_deposit()).await.unwrap().fill.id, 4);
    assert_eq!(engine.create_watchlist("Tech").await.unwrap().id, 3);
    let second = engine.create_portfolio(wheelwright_engine::model::NewPortfolio { name: "Second".into(), ..Default::default() }).await;
    assert_eq!(second.unwrap().id, 2);
    // And again after the newest is deleted.
    engine.delete_fill(4).await.unwrap();
    assert_eq!(engine.add_fill(another_deposit()).await.unwrap().fill.id, 5);

    // The rebuilt tables still cascade: deleting the portfolio takes its wheels, fills,
    // criteria and snapshots with it.
    engine.delete_portfolio("Main", true).await.unwrap();
    for table in ["wheels", "fills", "wheel_criteria", "snapshots"] {
        let n: i64 = sqlx::query_scalar(&format!("SELECT count(*) FROM {table}")).fetch_one(pool).await.unwrap();
        assert_eq!(n, 0, "{table}");
    }
}

#[tokio::test]
async fn a_file_with_a_row_pointing_at_nothing_is_refused_every_time_it_is_opened() {
    use sqlx::sqlite::SqliteConnectOptions;
    let dir = tempfile::tempdir().unwrap();
    let path = db_in(dir.path());
    open(&path).await.store().close().await;
    // A fill whose portfolio is not there, written behind the app's back with the keys off.
    let options = SqliteConnectOptions::new().filename(&path).foreign_keys(false);
    let pool = sqlx::SqlitePool::connect_with(options).await.unwrap();
    sqlx::query(
        "INSERT INTO fills (portfolio_id, seq, date, action, quantity, price, fees, external_id, created_at, updated_at)
         VALUES (99, 1, '2026-11-02', 'DEPOSIT', '0', '100', '0', 'x-1', 'now', 'now')",
    )
    .execute(&pool)
    .await
    .unwrap();
    pool.close().await;
    for _ in 0..2 {
        let err = open_err(&path).await;
        assert_eq!(err.code, ErrorCode::DatabaseCorrupt);
        assert!(err.message.contains("1 row(s) that point at rows that do not exist (first: fills row 1 → portfolios)"), "{}", err.message);
        assert!(err.message.ends_with("restore a backup from the backups folder beside it"), "{}", err.message);
    }
}
