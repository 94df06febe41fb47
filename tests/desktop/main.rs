//! The desktop shell on Tauri's mock runtime: commands reached over IPC exactly as the UI calls
//! them, errors in the `{code, message}` shape, the startup-error state, and the committed
//! TypeScript bindings kept in step with the Rust types. One test binary for the package.

use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, mock_context, noop_assets, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{App, WebviewWindow, WebviewWindowBuilder};

/// Stands in for the OS keychain in these IPC tests only (the E2E suite uses the real one).
#[derive(Default)]
struct MemoryKeychain(std::sync::Mutex<std::collections::HashMap<String, String>>);

impl wheelwright_engine::ports::Keychain for MemoryKeychain {
    fn get(&self, name: &str) -> wheelwright_engine::Result<Option<String>> {
        Ok(self.0.lock().unwrap().get(name).cloned())
    }
    fn set(&self, name: &str, secret: &str) -> wheelwright_engine::Result<()> {
        self.0.lock().unwrap().insert(name.into(), secret.into());
        Ok(())
    }
    fn delete(&self, name: &str) -> wheelwright_engine::Result<()> {
        self.0.lock().unwrap().remove(name);
        Ok(())
    }
}

struct Harness {
    app: App<tauri::test::MockRuntime>,
    window: WebviewWindow<tauri::test::MockRuntime>,
    _dir: tempfile::TempDir,
}

fn harness_at(database: impl FnOnce(&Path) -> PathBuf) -> Harness {
    let dir = tempfile::tempdir().unwrap();
    let db = database(dir.path());
    let keychain = std::sync::Arc::new(MemoryKeychain::default());
    let app =
        wheelwright_desktop::app(mock_builder(), Some(db), dir.path().join("logs"), keychain).build(mock_context(noop_assets())).unwrap();
    let window = WebviewWindowBuilder::new(&app, "main", Default::default()).build().unwrap();
    Harness { app, window, _dir: dir }
}

fn harness() -> Harness {
    harness_at(|dir| dir.join("ledger.sqlite3"))
}

impl Harness {
    fn invoke(&self, cmd: &str, args: Value) -> Result<Value, Value> {
        let request = InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: "tauri://localhost".parse().unwrap(),
            body: InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        };
        get_ipc_response(&self.window, request).map(|body| body.deserialize::<Value>().unwrap())
    }

    fn ok(&self, cmd: &str, args: Value) -> Value {
        self.invoke(cmd, args).unwrap_or_else(|e| panic!("{cmd} failed: {e}"))
    }
}

fn sto_put() -> Value {
    json!({"date": "2026-01-05", "time": null, "action": "STO", "symbol": "AAPL",
           "option": {"right": "P", "strike": "50", "expiry": "2026-02-20", "multiplier": "100", "deliverable": "100"},
           "quantity": "1", "price": "2.00", "fees": "0.65", "account": null, "external_id": null, "roll_id": null, "note": null})
}

#[test]
fn a_wheel_is_recorded_through_the_commands() {
    let h = harness();
    assert_eq!(h.ok("portfolio_list", json!({})), json!([]));
    let created =
        h.ok("portfolio_create", json!({"input": {"name": "Main", "description": "", "default_capital": "25000", "account_link": null}}));
    assert_eq!(created["name"], "Main");
    h.ok(
        "wheel_create",
        json!({"portfolio": "Main", "input": {"symbol": "aapl", "profile": "moderate", "capital_allocated": null, "notes": ""}}),
    );
    let outcome = h.ok("fill_add", json!({"input": {"portfolio": "Main", "fill": sto_put()}}));
    assert_eq!(outcome["summary"]["state"], "put_open");
    assert_eq!(outcome["summary"]["breakeven"], "48.0065");
    let wheels = h.ok("wheel_list", json!({"portfolio": "Main"}));
    assert_eq!(wheels[0]["premium_collected"], "200.00");
    let id = outcome["fill"]["id"].as_i64().unwrap();
    let mut cheaper = sto_put();
    cheaper["price"] = json!("1.50");
    let edited = h.ok("fill_edit", json!({"id": id, "fill": cheaper}));
    assert_eq!(edited["summary"]["premium_collected"], "150.00");
    let detail = h.ok("wheel_detail", json!({"portfolio": "Main", "symbol": "AAPL"}));
    assert_eq!(detail["fills"].as_array().unwrap().len(), 1);
    let csv = h.ok("fills_export", json!({"portfolio": "Main"}));
    assert!(csv.as_str().unwrap().contains(",STO,AAPL,P,50,2026-02-20,1,1.5,0.65,"), "{csv}");
    let report = h.ok("fills_import", json!({"portfolio": "Main", "csv": csv}));
    assert_eq!(report["added"], 0);
    h.ok("fill_delete", json!({"id": id}));
    assert_eq!(h.ok("wheel_list", json!({"portfolio": "Main"}))[0]["state"], "idle");
    let info = h.ok("app_info", json!({}));
    assert!(info["database"].as_str().unwrap().ends_with("ledger.sqlite3"));
    assert!(info["schema_version"].as_i64().unwrap() > 0);
    assert_eq!(info["startup_error"], Value::Null);
}

#[test]
fn errors_cross_ipc_as_code_and_message() {
    let h = harness();
    h.ok("portfolio_create", json!({"input": {"name": "Main"}}));
    let mut btc = sto_put();
    btc["action"] = json!("BTC");
    let err = h.invoke("fill_add", json!({"input": {"portfolio": "Main", "fill": btc}})).unwrap_err();
    assert_eq!(err["code"], "close_exceeds_open");
    assert_eq!(err["field"], "quantity");
    assert!(err["message"].as_str().unwrap().contains("but 0 are open"), "{err}");
    let err = h.invoke("wheel_list", json!({"portfolio": "Nope"})).unwrap_err();
    assert_eq!(err["code"], "not_found");
    let err = h.invoke("portfolio_create", json!({"input": {"name": "main"}})).unwrap_err();
    assert_eq!((err["code"].as_str(), err["field"].as_str()), (Some("already_exists"), Some("name")));
}

#[test]
fn a_damaged_database_is_reported_not_crashed_on() {
    let h = harness_at(|dir| {
        let path = dir.join("ledger.sqlite3");
        std::fs::write(&path, vec![0x42u8; 4096]).unwrap();
        path
    });
    let info = h.ok("app_info", json!({}));
    assert_eq!(info["startup_error"]["code"], "database_corrupt");
    let err = h.invoke("portfolio_list", json!({})).unwrap_err();
    assert_eq!(err["code"], "database_corrupt");
}

#[test]
fn market_data_and_the_demo_clock_over_ipc() {
    let h = harness();
    let clock = h.ok("demo_clock_step", json!({"step": "next_session"}));
    assert_eq!(clock["clock"]["mode"], "stepped");
    let quotes = h.ok("market_quotes", json!({"symbols": ["KO", "SPY"]}));
    assert_eq!(quotes[0]["time"], clock["now"]);
    assert_eq!(quotes[1]["sector"], "ETF");
    let chain = h.ok("market_chain", json!({"request": {"symbol": "KO", "from": null, "to": null, "strike_count": 2, "right": "P"}}));
    assert!(chain["contracts"].as_array().unwrap().iter().all(|c| c["right"] == "P"));
    let err = h
        .invoke("market_chain", json!({"request": {"symbol": "KO", "from": null, "to": null, "strike_count": 0, "right": null}}))
        .unwrap_err();
    assert_eq!((err["code"].as_str(), err["field"].as_str()), (Some("invalid_input"), Some("strike_count")));
    let err = h.invoke("market_quotes", json!({"symbols": ["ZZZZ"]})).unwrap_err();
    assert_eq!(err["code"], "unknown_symbol");
    let etfs = h.ok("market_listings", json!({"sector": "etf"}));
    assert_eq!(etfs.as_array().unwrap().len(), 26);
    let running = h.ok("demo_clock_run", json!({}));
    assert_eq!(running["clock"]["mode"], "live");
}

#[test]
fn strategy_over_ipc_with_scan_progress_events() {
    use std::sync::{Arc, Mutex};
    use tauri::Listener;
    let h = harness();
    h.ok("demo_clock_step", json!({"step": "next_session"}));
    h.ok("portfolio_create", json!({"input": {"name": "Main"}}));
    h.ok("wheel_create", json!({"portfolio": "Main", "input": {"symbol": "KO"}}));
    let recs = h.ok("strategy_recommend", json!({"request": {"portfolio": "Main", "overrides": {}}}));
    assert_eq!(recs[0]["symbol"], "KO");
    assert!(["sell_put", "no_trade"].contains(&recs[0]["action"].as_str().unwrap()), "{}", recs[0]);
    assert_eq!(h.ok("strategy_positions", json!({"portfolio": "Main"})), json!([]));
    assert_eq!(
        h.ok("strategy_expiration", json!({"portfolio": "Main", "pin_distance": null})),
        json!(null),
        "nothing open, nothing expires"
    );
    let err = h.invoke("strategy_expiration", json!({"portfolio": "Main", "pin_distance": 0.2})).unwrap_err();
    assert_eq!(err["field"], "pin_distance");
    let err = h.invoke("strategy_roll", json!({"portfolio": "Main", "symbol": "KO", "leg": null})).unwrap_err();
    assert_eq!((err["code"].as_str(), err["field"].as_str()), (Some("not_found"), Some("leg")));
    let err = h.invoke("strategy_recommend", json!({"request": {"portfolio": "Main", "overrides": {"take_profit": 1.5}}})).unwrap_err();
    assert_eq!((err["code"].as_str(), err["field"].as_str()), (Some("invalid_input"), Some("take_profit")));

    let seen = Arc::new(Mutex::new(Vec::new()));
    let sink = seen.clone();
    h.app.listen("scan-progress", move |event| sink.lock().unwrap().push(event.payload().to_string()));
    let result = h.ok("strategy_scan", json!({"request": {"symbols": ["KO", "PEP"], "filter": {"limit": 3}}}));
    assert_eq!(result["scanned"], 2);
    assert!(result["candidates"].as_array().unwrap().len() <= 3);
    let seen = seen.lock().unwrap();
    assert_eq!(seen.len(), 3, "{seen:?}");
    assert!(seen[0].contains("\"symbol\":\"KO\"") && seen[2].contains("\"done\":2"), "{seen:?}");
}

#[test]
fn risk_over_ipc() {
    let h = harness();
    h.ok("demo_clock_step", json!({"step": "next_session"}));
    h.ok("portfolio_create", json!({"input": {"name": "Main"}}));
    let deposit = json!({"date": "2026-11-23", "time": null, "action": "DEPOSIT", "symbol": null, "option": null,
        "quantity": "0", "price": "40000", "fees": "0", "account": null, "external_id": null, "roll_id": null, "note": null});
    h.ok("fill_add", json!({"input": {"portfolio": "Main", "fill": deposit}}));
    let buy = json!({"date": "2026-11-23", "time": null, "action": "BUY", "symbol": "KO", "option": null,
        "quantity": "100", "price": "60", "fees": "0", "account": null, "external_id": null, "roll_id": null, "note": null});
    h.ok("fill_add", json!({"input": {"portfolio": "Main", "fill": buy}}));
    let view = h.ok("risk_report", json!({"request": {"portfolio": "Main", "paths": 2000}}));
    assert_eq!(view["report"]["exposure"]["cash"].as_f64(), Some(34_000.0));
    assert_eq!(view["report"]["exposure"]["holdings"][0]["delta_shares"].as_f64(), Some(100.0));
    assert_eq!(view["report"]["var"].as_array().unwrap().len(), 12);
    assert_eq!(h.ok("risk_limits", json!({}))["max_name_pct"].as_f64(), Some(25.0));
    let limits = json!({"max_position_pct": 20, "max_name_pct": 10, "max_sector_pct": 40, "max_delta_pct": 100, "max_daily_loss_pct": 5, "min_cash_pct": 10});
    assert_eq!(h.ok("risk_set_limits", json!({"limits": limits}))["max_name_pct"].as_f64(), Some(10.0));
    let check = h.ok(
        "risk_check_trade",
        json!({"request": {"portfolio": "Main", "symbol": "KO", "action": "buy", "kind": "shares", "quantity": 100}}),
    );
    // 200 KO shares of a ~40,000 book is far above a 10% name limit.
    assert_eq!(check["result"]["verdict"], "violations", "{check}");
    // The custom profile and a wheel's own criteria.
    let moderate = h.ok("strategy_profiles", json!({}))[3]["criteria"].clone();
    assert_eq!(moderate["delta_min"].as_f64(), Some(0.25), "the custom profile starts as the moderate one");
    let mut wide = moderate.clone();
    wide["dte_max"] = json!(90);
    assert_eq!(h.ok("strategy_set_custom_profile", json!({"criteria": wide}))["dte_max"], 90);
    let profiles = h.ok("strategy_profiles", json!({}));
    let names: Vec<&str> = profiles.as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["conservative", "moderate", "aggressive", "custom"]);
    assert_eq!((profiles[2]["criteria"]["dte_max"].as_i64(), profiles[3]["criteria"]["dte_max"].as_i64()), (Some(21), Some(90)));
    let choice = json!({"custom": true, "overrides": {"delta_max": 0.4}});
    let chosen = h.ok("wheel_set_criteria", json!({"portfolio": "Main", "symbol": "KO", "choice": choice}));
    assert_eq!((chosen["profile"].as_str(), chosen["criteria"]["dte_max"].as_i64()), (Some("custom"), Some(90)));
    assert_eq!(h.ok("wheel_criteria", json!({"portfolio": "Main", "symbol": "KO"}))["criteria"]["delta_max"].as_f64(), Some(0.4));
    let err = h.invoke("risk_set_limits", json!({"limits": {"max_name_pct": -1}})).unwrap_err();
    assert_eq!((err["code"].as_str(), err["field"].as_str()), (Some("invalid_input"), Some("max_name_pct")));
}

#[test]
fn performance_snapshots_and_exports_over_ipc() {
    let h = harness();
    h.ok("portfolio_create", json!({"input": {"name": "Main"}}));
    h.ok("fill_add", json!({"input": {"portfolio": "Main", "fill": sto_put()}}));
    let mut expire = sto_put();
    expire["date"] = json!("2026-02-20");
    expire["action"] = json!("EXPIRE");
    expire["price"] = json!("0");
    expire["fees"] = json!("0");
    h.ok("fill_add", json!({"input": {"portfolio": "Main", "fill": expire}}));
    let view = h.ok("performance_report", json!({"request": {"portfolio": "Main", "from": "2026-01-01"}}));
    let total = &view["performance"]["total"];
    // 200 premium − 0.65 opening fee, realized on the expiry date; 5,000 secured for 46 days.
    assert_eq!((total["realized_pnl"].as_str(), total["collateral_days"].as_str()), (Some("199.35"), Some("230000.00")));
    assert_eq!(view["performance"]["months"][1]["realized"], "199.35");
    let err = h.invoke("performance_report", json!({"request": {"from": "2026-03-01", "to": "2026-02-01"}})).unwrap_err();
    assert_eq!((err["code"].as_str(), err["field"].as_str()), (Some("invalid_input"), Some("from")));

    let snap = h.ok("snapshot_take", json!({"portfolio": "Main", "kind": "manual"}));
    assert_eq!((snap["summary"]["kind"].as_str(), snap["summary"]["positions"].as_u64()), (Some("manual"), Some(0)));
    assert_eq!(h.ok("snapshot_list", json!({"portfolio": "Main", "limit": null})).as_array().unwrap().len(), 1);
    assert_eq!(h.ok("snapshot_trend", json!({"portfolio": "Main", "symbol": "AAPL"})), json!([]));

    let folder = tempfile::tempdir().unwrap();
    let dir = folder.path().to_str().unwrap();
    let request = json!({"kind": "performance", "scope": {"portfolio": "Main"}});
    let first = h.ok("export_csv", json!({"request": request, "directory": dir}));
    let second = h.ok("export_csv", json!({"request": request, "directory": dir}));
    assert_eq!(first["rows"], 2, "the AAPL wheel and the total");
    assert_ne!(first["path"], second["path"], "an export never overwrites another");
    let text = std::fs::read_to_string(first["path"].as_str().unwrap()).unwrap();
    assert!(text.lines().nth(1).unwrap().starts_with("Main,AAPL,200.00,199.35,"), "{text}");
    let ledger = json!({"kind": "ledger", "scope": {}});
    let err = h.invoke("export_csv", json!({"request": ledger, "directory": dir})).unwrap_err();
    assert_eq!(err["field"], "portfolio");
    let missing = folder.path().join("nope");
    let err = h.invoke("export_csv", json!({"request": request, "directory": missing.to_str().unwrap()})).unwrap_err();
    assert_eq!((err["code"].as_str(), err["field"].as_str()), (Some("invalid_input"), Some("directory")));

    // The core's charts: the realized bars of the two months, in the dark theme, saved as SVG.
    let income = json!({"chart": {"kind": "income", "scope": {"portfolio": "Main"}, "view": "realized"}, "theme": "dark", "width": 640, "height": 260});
    let view = h.ok("chart", json!({"request": income}));
    let chart = &view["chart"];
    assert_eq!(chart["x"]["categories"], json!(["Jan 2026", "Feb 2026"]));
    assert_eq!(chart["series"][0]["points"], json!([[0.0, 0.0], [1.0, 199.35]]));
    assert!(chart["svg"].as_str().unwrap().contains("#151B23"), "the dark frame");
    let saved = h.ok("chart_save", json!({"request": income, "directory": dir}));
    assert!(std::fs::read_to_string(saved.as_str().unwrap()).unwrap().starts_with("<svg"));
    let tiny = json!({"chart": {"kind": "cumulative_pnl", "scope": {}}, "width": 10, "height": 260});
    let err = h.invoke("chart", json!({"request": tiny})).unwrap_err();
    assert_eq!((err["code"].as_str(), err["field"].as_str()), (Some("invalid_input"), Some("width")));
}

#[test]
fn alerts_over_ipc() {
    let h = harness();
    let rules = h.ok("alert_rules", json!({}));
    assert_eq!(rules.as_array().unwrap().len(), 11);
    let level = h.ok("alert_rule_add", json!({"kind": "price_crosses", "input": {"symbol": "KO", "threshold": 61.5}}));
    assert_eq!((level["symbol"].as_str(), level["enabled"].as_bool()), (Some("KO"), Some(true)));
    let off = h.ok("alert_rule_update", json!({"id": level["id"], "input": {"enabled": false}}));
    assert_eq!((off["enabled"].as_bool(), off["threshold"].as_f64()), (Some(false), Some(61.5)));
    let err = h.invoke("alert_rule_add", json!({"kind": "daily_move", "input": {"symbol": "KO", "threshold": 0}})).unwrap_err();
    assert_eq!((err["code"].as_str(), err["field"].as_str()), (Some("invalid_input"), Some("threshold")));
    h.ok("alert_rule_delete", json!({"id": level["id"]}));

    // An empty book raises nothing; the inbox answers with its unread count.
    let check = h.ok("alerts_check", json!({}));
    assert_eq!(check["raised"], json!([]));
    assert_eq!(check["rules_checked"], 10, "every enabled standing rule (the opportunity rule is off by default)");
    let inbox = h.ok("alerts_inbox", json!({"query": {"unread_only": true}}));
    assert_eq!((inbox["alerts"].clone(), inbox["unread"].as_u64()), (json!([]), Some(0)));
    assert_eq!(h.ok("alerts_read", json!({"ids": []})), json!(0));
    let err = h.invoke("alerts_dismiss", json!({"ids": [5]})).unwrap_err();
    assert_eq!((err["code"].as_str(), err["field"].as_str()), (Some("not_found"), Some("ids")));

    let quiet = h.ok("alerts_quiet_hours", json!({"quiet_hours": {"start": "22:00", "end": "07:00"}}));
    assert_eq!(quiet["delivery"]["quiet_hours"], json!({"start": "22:00:00", "end": "07:00:00"}));
    let paused = h.ok("alerts_pause", json!({"pause": "one_hour"}));
    assert_eq!(paused["silence"]["reason"], "paused");
    assert_eq!(h.ok("alert_delivery", json!({}))["delivery"]["paused_until"], paused["delivery"]["paused_until"]);
    assert!(h.invoke("alerts_pause", json!({"pause": "forever"})).is_err());
}

#[test]
fn the_webhook_url_and_secret_go_in_once_and_only_the_host_comes_back() {
    let h = harness();
    let err =
        h.invoke("webhook_set", json!({"input": {"url": "http://hooks.example.com/x", "secret": "0123456789abcdef", "enabled": true}}));
    assert_eq!(err.unwrap_err()["field"], "url");
    let input =
        json!({"input": {"url": "https://hooks.example.com/services/T0KEN-9", "secret": "whsec-0123456789abcdef", "enabled": true}});
    let status = h.ok("webhook_set", input);
    assert_eq!(
        (status["enabled"].as_bool(), status["host"].as_str(), status["secret_set"].as_bool()),
        (Some(true), Some("hooks.example.com"), Some(true))
    );
    for answer in [status.clone(), h.ok("webhook_status", json!({}))] {
        let text = answer.to_string();
        assert!(!text.contains("T0KEN-9") && !text.contains("whsec-0123456789abcdef"), "{text}");
    }
    assert_eq!(h.ok("webhook_log", json!({"limit": 10})), json!([]));
    let off = h.ok("webhook_remove", json!({}));
    assert_eq!((off["enabled"].as_bool(), off["url_set"].as_bool()), (Some(false), Some(false)));
    let err = h.invoke("webhook_test", json!({})).unwrap_err();
    assert_eq!((err["code"].as_str(), err["field"].as_str()), (Some("missing_field"), Some("url")));
}

#[test]
fn preferences_and_the_notification_status_over_ipc() {
    let h = harness();
    // Off by default on Linux, whose desktops may show no tray icon; on elsewhere.
    let by_default = !cfg!(target_os = "linux");
    assert_eq!(h.ok("preferences", json!({})), json!({"close_to_tray": by_default, "appearance": "system"}));
    // Preferences written before themes existed (no appearance) read as following the OS.
    assert_eq!(
        h.ok("preferences_set", json!({"preferences": {"close_to_tray": false}})),
        json!({"close_to_tray": false, "appearance": "system"})
    );
    let dark = json!({"close_to_tray": false, "appearance": "dark"});
    assert_eq!(h.ok("preferences_set", json!({"preferences": dark})), dark);
    assert_eq!(h.ok("preferences", json!({})), dark);
    assert!(h.invoke("preferences_set", json!({"preferences": {"close_to_tray": false, "appearance": "sepia"}})).is_err());
    assert!(h.invoke("preferences_set", json!({"preferences": {"close_to_tray": "sometimes"}})).is_err());
    // The mock runtime has no tray and no notification plugin; the status says so.
    let status = h.ok("notification_status", json!({}));
    assert_eq!(status["tray"], false);
    assert!(status["permission"].as_str().unwrap().starts_with("unavailable"), "{status}");
    assert!(status["silence"].is_null(), "{status}");
    h.ok("alerts_pause", json!({"pause": "one_hour"}));
    assert_eq!(h.ok("notification_status", json!({}))["silence"]["reason"], "paused");
    // Without a tray, closing the window quits whatever the preference says.
    let state = tauri::Manager::state::<wheelwright_desktop::state::AppState>(&h.app);
    state.set_close_to_tray(true);
    assert!(!state.hide_on_close());
}

#[test]
fn the_tray_menu_lists_the_latest_unread_alerts_and_pauses_alerts() {
    use tauri::Listener;
    use wheelwright_desktop::tray::{act, model, TrayAction, TrayEntry};
    use wheelwright_engine::alerts::AlertPause;
    for action in [
        TrayAction::Open,
        TrayAction::OpenAlert(42),
        TrayAction::OpenAlerts,
        TrayAction::Pause(AlertPause::UntilTomorrow),
        TrayAction::Quit,
    ] {
        assert_eq!(TrayAction::parse(&action.id()), Some(action));
    }
    assert_eq!(TrayAction::parse("alert:x"), None);

    let h = harness();
    // Seven unread alerts, the five newest listed: the tray names them and counts the rest.
    let alert = |id: i64| wheelwright_engine::alerts::Alert {
        id,
        rule_id: None,
        kind: wheelwright_alerts::RuleKind::PriceCrosses,
        severity: wheelwright_alerts::Severity::Info,
        title: format!("KO crossed {id}.00 up"),
        body: String::new(),
        link: wheelwright_alerts::Link::Symbol { symbol: "KO".into() },
        portfolio: None,
        symbol: Some("KO".into()),
        created_at: chrono::Utc::now(),
        read: false,
        dismissed: false,
        delivery: "notified".into(),
    };
    let inbox = wheelwright_engine::alerts::Inbox { alerts: (3..=7).rev().map(alert).collect(), unread: 7 };
    let engine = tauri::Manager::state::<wheelwright_desktop::state::AppState>(&h.app).engine().unwrap();
    let delivery = tauri::async_runtime::block_on(engine.alert_delivery()).unwrap();
    let tray = model(&inbox, &delivery);
    assert_eq!(tray.tooltip, "Wheelwright — 7 unread alerts");
    assert_eq!(tray.title.as_deref(), Some("7"));
    let labels: Vec<String> = tray
        .entries
        .iter()
        .filter_map(|e| match e {
            TrayEntry::Item { label, .. } => Some(label.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(
        labels,
        [
            "KO crossed 7.00 up",
            "KO crossed 6.00 up",
            "KO crossed 5.00 up",
            "KO crossed 4.00 up",
            "KO crossed 3.00 up",
            "2 more on the Alerts page…",
            "Open Wheelwright",
            "Pause alerts for 1 hour",
            "Pause alerts until tomorrow",
            "Quit Wheelwright"
        ]
    );
    assert!(matches!(tray.entries[0], TrayEntry::Item { action: TrayAction::OpenAlert(7), .. }));
    // "2 more…" opens the Alerts page: the window is told to go there, with no alert to mark read.
    assert!(matches!(tray.entries[5], TrayEntry::Item { action: TrayAction::OpenAlerts, .. }));
    let opened = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let into = opened.clone();
    h.app.listen("open-alert", move |event| into.lock().unwrap().push(event.payload().to_string()));
    tauri::async_runtime::block_on(act(h.app.handle(), TrayAction::OpenAlerts));
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    while opened.lock().unwrap().is_empty() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert_eq!(opened.lock().unwrap().as_slice(), [r#"{"link":null}"#]);

    // "Pause for 1 hour" from the menu pauses alerts and tells the window; the menu then offers
    // to resume.
    let heard = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let sink = heard.clone();
    // Only alert events: the other-writers watch may add a spare refresh meanwhile.
    h.app.listen("ledger-changed", move |event| {
        let payload = event.payload().to_string();
        if payload.contains("alerts_changed") {
            sink.lock().unwrap().push(payload);
        }
    });
    tauri::async_runtime::block_on(act(h.app.handle(), TrayAction::Pause(AlertPause::OneHour)));
    let delivery = tauri::async_runtime::block_on(engine.alert_delivery()).unwrap();
    assert!(delivery.delivery.paused_until.is_some());
    assert_eq!(heard.lock().unwrap().as_slice(), [r#"{"kind":"alerts_changed","unread":0}"#]);
    let empty = wheelwright_engine::alerts::Inbox { alerts: Vec::new(), unread: 0 };
    let paused = model(&empty, &delivery);
    assert!(paused.tooltip.starts_with("Wheelwright — no unread alerts · paused until "), "{}", paused.tooltip);
    assert_eq!(paused.title, None);
    assert!(paused.entries.contains(&TrayEntry::Note("No unread alerts".into())));
    assert!(paused.entries.iter().any(|e| matches!(e, TrayEntry::Item { action: TrayAction::Pause(AlertPause::Resume), .. })));
}

#[test]
fn watchlists_over_ipc() {
    let h = harness();
    let report = h.ok("watchlist_import", json!({"name": "Ideas", "text": "###Cheap,NYSE:F,NYSE:T\n###Staples,NYSE:KO"}));
    assert_eq!((report["created"].as_bool(), report["added"].as_u64()), (Some(true), Some(3)));
    let screened = h.ok(
        "watchlist_screen",
        json!({"name": "Ideas", "screen": {"min_price": null, "max_price": null, "sector": "Consumer Staples", "min_dollar_volume": null}}),
    );
    assert_eq!(screened["rows"][0]["quote"]["symbol"], "KO");
    assert_eq!(screened["filtered_out"], 2);
    let err = h.invoke("watchlist_import", json!({"name": "Ideas", "text": "NYSE:KO,NYSE:no good"})).unwrap_err();
    assert_eq!((err["code"].as_str(), err["row"].as_u64()), (Some("invalid_input"), Some(2)));
    assert_eq!(h.ok("watchlist_list", json!({}))[0]["symbols"], 3);
}

#[test]
fn every_listed_command_is_registered() {
    let h = harness();
    let cfg = ts_rs::Config::new();
    for (name, args, _) in wheelwright_desktop::commands::signatures(&cfg) {
        match h.invoke(name, json!({})) {
            // Only commands whose arguments are all optional may run without them.
            Ok(_) => assert!(args.iter().all(|(_, ty)| ty.ends_with("| null")), "{name} ran without its arguments"),
            // A registered command with missing arguments says so; an unknown one says "not found".
            Err(e) => assert!(!e.to_string().contains("not found"), "{name}: {e}"),
        }
    }
    let unknown = h.invoke("no_such_command", json!({})).unwrap_err();
    assert!(unknown.to_string().contains("not found"), "{unknown}");
}

#[test]
fn typescript_bindings_match_the_rust_types() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/src/lib/bindings.ts");
    let generated = wheelwright_desktop::bindings::typescript();
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "ui/src/lib/bindings.ts is out of date: run `UPDATE_BINDINGS=1 cargo test --test desktop bindings` and commit it"
    );
    // Two Rust types of one name would become two TypeScript declarations, the second ignored.
    let mut names: Vec<&str> = generated.lines().filter_map(|l| l.strip_prefix("export type ")?.split([' ', '<']).next()).collect();
    names.sort_unstable();
    let twice: Vec<&&str> = names.windows(2).filter(|w| w[0] == w[1]).map(|w| &w[0]).collect();
    assert!(twice.is_empty(), "types declared twice in the bindings (rename one with #[ts(rename)]): {twice:?}");
    // Every command the UI can call is in the map.
    for (name, _, _) in wheelwright_desktop::commands::signatures(&ts_rs::Config::new()) {
        assert!(generated.contains(&format!("  {name}: {{ args:")), "{name}");
    }
}

#[test]
fn the_schwab_secret_goes_in_once_and_never_comes_back() {
    let h = harness();
    let status = h.ok("broker_status", json!({}));
    assert_eq!((status["provider"].as_str(), status["schwab"]["app_key_set"].as_bool()), (Some("demo"), Some(false)));
    let missing = h.invoke("schwab_setup", json!({"input": {"app_key": "KEY-1", "app_secret": ""}})).unwrap_err();
    assert_eq!((missing["code"].as_str(), missing["field"].as_str()), (Some("invalid_input"), Some("app_secret")));
    let set =
        h.ok("schwab_setup", json!({"input": {"app_key": "KEY-1", "app_secret": "TOP-SECRET-42", "callback": null, "api_root": null}}));
    assert_eq!((set["app_key_set"].as_bool(), set["app_secret_set"].as_bool()), (Some(true), Some(true)));
    let everything = format!("{set}{}", h.ok("broker_status", json!({})));
    assert!(!everything.contains("TOP-SECRET-42") && !everything.contains("KEY-1"), "a secret came back: {everything}");
    // Without a login: Schwab cannot be chosen, accounts and sync say "log in", in the stable code.
    for (cmd, args) in [
        ("market_provider_set", json!({"provider": "schwab"})),
        ("broker_accounts", json!({})),
        ("broker_sync", json!({"request": {"portfolio": "Schwab", "account": "12345678"}})),
    ] {
        assert_eq!(h.invoke(cmd, args).unwrap_err()["code"], "auth_required", "{cmd}");
    }
    let no_login = h.invoke("schwab_login_finish", json!({"redirect": "https://127.0.0.1:8182/?code=x&state=y"})).unwrap_err();
    assert_eq!(no_login["field"], "redirect");
    let start = h.ok("schwab_login_start", json!({}));
    assert!(start["authorize_url"]
        .as_str()
        .unwrap()
        .starts_with("https://api.schwabapi.com/v1/oauth/authorize?response_type=code&client_id=KEY-1"));
    assert!(h.invoke("market_provider_set", json!({"provider": "nasdaq"})).is_err());
    let gone = h.ok("schwab_disconnect", json!({}));
    assert_eq!(gone["schwab"]["app_key_set"], false);
}
