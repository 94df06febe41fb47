//! The `wheelwright` binary end to end: real processes on real database files, checked through
//! the JSON a script would read.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

struct Db {
    _dir: tempfile::TempDir,
    path: PathBuf,
}

fn db() -> Db {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ledger.sqlite3");
    Db { _dir: dir, path }
}

fn run(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_wheelwright")).arg("--db").arg(db).args(args).output().unwrap()
}

fn ok(db: &Path, args: &[&str]) -> String {
    let out = run(db, args);
    assert!(out.status.success(), "{args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn json(db: &Path, args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.push("--json");
    serde_json::from_str(&ok(db, &all)).unwrap()
}

/// The error a command prints with --json, after checking it failed.
fn json_error(db: &Path, args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.push("--json");
    let out = run(db, &all);
    assert!(!out.status.success(), "{args:?} should fail");
    assert!(out.stdout.is_empty());
    let body: Value = serde_json::from_str(String::from_utf8(out.stderr).unwrap().trim()).unwrap();
    body["error"].clone()
}

/// `fill add` of one AAPL contract, with a 0.65 fee unless `extra` names the fees.
fn add(db: &Path, extra: &[&str]) -> Value {
    let mut args = vec!["fill", "add", "--portfolio", "Main", "--symbol", "AAPL", "--multiplier", "100", "--quantity", "1"];
    if !extra.contains(&"--fees") {
        args.extend_from_slice(&["--fees", "0.65"]);
    }
    args.extend_from_slice(extra);
    json(db, &args)
}

#[test]
fn a_whole_wheel_through_the_cli() {
    let db = db();
    let p = &db.path;
    ok(p, &["portfolio", "create", "Main", "--capital", "25000"]);
    let out =
        add(p, &["--date", "2026-01-05", "--action", "sto", "--right", "P", "--strike", "50", "--expiry", "2026-02-20", "--price", "2.00"]);
    assert_eq!(out["summary"]["state"], "put_open");
    let out =
        add(p, &["--date", "2026-02-20", "--action", "ASSIGN", "--right", "P", "--strike", "50", "--expiry", "2026-02-20", "--fees", "0"]);
    assert_eq!(out["summary"]["state"], "shares");
    add(p, &["--date", "2026-02-23", "--action", "STO", "--right", "C", "--strike", "52", "--expiry", "2026-03-20", "--price", "1.20"]);

    let wheels = json(p, &["wheel", "list", "--portfolio", "Main"]);
    let w = &wheels[0];
    assert_eq!(w["symbol"], "AAPL");
    assert_eq!(w["state"], "shares_call_open");
    assert_eq!(w["shares"], "100");
    assert_eq!(w["lots"][0]["shares"], "100");
    assert_eq!(w["lots"][0]["tax_basis_per_share"], "48.0065");
    assert_eq!(w["lots"][0]["acquired"], "2026-02-20");
    // 4,800.65 − 119.35 = 4,681.30.
    assert_eq!(w["adjusted_basis_per_share"], "46.8130");
    assert_eq!(w["premium_collected"], "320.00");
    assert_eq!(w["net_option_cash"], "318.70");
    assert_eq!(w["realized_pnl"], "0.00");
    assert_eq!(w["fees"], "1.30");
    let open = &w["open_options"][0];
    assert_eq!((open["right"].as_str(), open["side"].as_str(), open["strike"].as_str()), (Some("C"), Some("short"), Some("52")));
    assert_eq!(
        (open["expiry"].as_str(), open["contracts"].as_str(), open["open_price"].as_str(), open["opened"].as_str()),
        (Some("2026-03-20"), Some("1"), Some("1.2"), Some("2026-02-23"))
    );

    add(p, &["--date", "2026-03-20", "--action", "ASSIGN", "--right", "C", "--strike", "52", "--expiry", "2026-03-20", "--fees", "0"]);
    let w = &json(p, &["wheel", "list", "--portfolio", "Main"])[0];
    assert_eq!(w["state"], "idle");
    assert_eq!(w["adjusted_basis_per_share"], Value::Null);
    // 5,200 + 120 − 0.65 − 4,800.65 = 518.70.
    assert_eq!(w["realized_pnl"], "518.70");
    let human = ok(p, &["wheel", "show", "AAPL", "--portfolio", "Main"]);
    assert!(human.contains("AAPL — idle"), "{human}");
}

/// The wheel of `a_whole_wheel_through_the_cli`: put 5 Jan → assigned 20 Feb → call 23 Feb →
/// called away 20 Mar. Collateral-days: 5,000 × 46 + the lot's 4,800.65 × 28 = 364,418.20.
#[test]
fn performance_and_its_csv_exports() {
    let db = db();
    let p = &db.path;
    ok(p, &["portfolio", "create", "Main"]);
    add(p, &["--date", "2026-01-05", "--action", "STO", "--right", "P", "--strike", "50", "--expiry", "2026-02-20", "--price", "2.00"]);
    add(p, &["--date", "2026-02-20", "--action", "ASSIGN", "--right", "P", "--strike", "50", "--expiry", "2026-02-20", "--fees", "0"]);
    add(p, &["--date", "2026-02-23", "--action", "STO", "--right", "C", "--strike", "52", "--expiry", "2026-03-20", "--price", "1.20"]);
    add(p, &["--date", "2026-03-20", "--action", "ASSIGN", "--right", "C", "--strike", "52", "--expiry", "2026-03-20", "--fees", "0"]);

    let view = json(p, &["performance", "--portfolio", "Main"]);
    let total = &view["performance"]["total"];
    assert_eq!((total["realized_pnl"].as_str(), total["premium_collected"].as_str()), (Some("518.70"), Some("320.00")));
    assert_eq!(
        (total["legs"]["wins"].as_u64(), total["legs_assigned"].as_u64(), total["cycles"]["wins"].as_u64()),
        (Some(1), Some(1), Some(1))
    );
    assert_eq!(total["collateral_days"], "364418.20");
    let expected = 518.70 / 364_418.20 * 365.0;
    assert!((total["annualized_return_on_collateral"].as_f64().unwrap() - expected).abs() < 1e-9);
    let months: Vec<(&str, &str)> = view["performance"]["months"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["month"].as_str().unwrap(), m["cash_flow"].as_str().unwrap()))
        .collect();
    assert_eq!(months, [("2026-01", "199.35"), ("2026-02", "119.35"), ("2026-03", "0.00")]);
    let human = ok(p, &["performance", "--portfolio", "Main"]);
    assert!(human.contains("TOTAL") && human.contains("best: Main AAPL cycle 1 (2026-01-05 → 2026-03-20, 74 days): 518.70"), "{human}");

    let csv = ok(p, &["export", "performance", "--portfolio", "Main"]);
    let rows: Vec<Vec<&str>> = csv.lines().map(|l| l.split(',').collect()).collect();
    assert_eq!(rows.len(), 3, "{csv}");
    let realized = rows[0].iter().position(|h| *h == "realized_pnl").unwrap();
    assert_eq!((rows[1][1], rows[1][realized]), ("AAPL", "518.70"));
    assert_eq!((rows[2][0], rows[2][realized]), ("TOTAL", "518.70"));
    let file = db.path.with_file_name("monthly.csv");
    ok(p, &["export", "monthly", "--portfolio", "Main", "--from", "2026-02-01", "--output", file.to_str().unwrap()]);
    let monthly = std::fs::read_to_string(&file).unwrap();
    assert_eq!(monthly.lines().map(|l| &l[..7]).collect::<Vec<_>>(), ["month,r", "2026-02", "2026-03"]);
    assert!(monthly.lines().nth(2).unwrap().starts_with("2026-03,518.70,"), "{monthly}");
    assert_eq!(ok(p, &["export", "ledger", "--portfolio", "Main"]).lines().count(), 5);

    let err = json_error(p, &["performance", "--from", "2026-03-01", "--to", "2026-01-01"]);
    assert_eq!((err["code"].as_str(), err["field"].as_str()), (Some("invalid_input"), Some("from")));
    let err = json_error(p, &["performance", "--portfolio", "Main", "--symbol", "MSFT"]);
    assert_eq!((err["code"].as_str(), err["field"].as_str()), (Some("not_found"), Some("symbol")));
    assert!(!run(p, &["performance", "--from", "last tuesday"]).status.success());

    // The app's charts from the command line: the SVG, or the chart with its geometry as JSON.
    let svg = ok(p, &["chart", "income", "--portfolio", "Main", "--theme", "dark", "--width", "600"]);
    assert!(svg.starts_with("<svg width=\"600\" height=\"360\"") && svg.contains("#151B23") && svg.contains("Mar 2026"), "{}", &svg[..200]);
    let drawn = json(p, &["chart", "cumulative", "--portfolio", "Main"]);
    let points = drawn["chart"]["series"][0]["points"].as_array().unwrap();
    assert_eq!(points.last().unwrap()[1].as_f64(), Some(518.70));
    let file = db.path.with_file_name("payoff.svg");
    // The wheel is idle: no SVG, a failure that says what to do (with --json, the empty chart).
    let out = run(p, &["chart", "payoff", "AAPL", "--portfolio", "Main", "--output", file.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("sell a put"), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(!file.exists(), "nothing is written when there is nothing to draw");
    let empty = json(p, &["chart", "payoff", "AAPL", "--portfolio", "Main"]);
    assert!(empty["chart"].is_null() && empty["empty"].as_str().unwrap().contains("sell a put"), "{empty}");
    // No snapshot holds AAPL: the trend says how to get one.
    let trend = json(p, &["chart", "trend", "AAPL", "--portfolio", "Main"]);
    assert!(trend["chart"].is_null() && trend["empty"].as_str().unwrap().contains("two snapshots"), "{trend}");
    let err = json_error(p, &["chart", "income", "--width", "100"]);
    assert_eq!((err["code"].as_str(), err["field"].as_str()), (Some("invalid_input"), Some("width")));
    assert!(!run(p, &["chart", "income", "--theme", "sepia"]).status.success());
}

#[test]
fn edit_changes_only_the_given_fields_and_delete_guards_the_ledger() {
    let db = db();
    let p = &db.path;
    ok(p, &["portfolio", "create", "Main"]);
    let sto = add(
        p,
        &[
            "--date",
            "2026-01-05",
            "--action",
            "STO",
            "--right",
            "P",
            "--strike",
            "50",
            "--expiry",
            "2026-02-20",
            "--price",
            "2.00",
            "--note",
            "first",
        ],
    );
    let id = sto["fill"]["id"].as_i64().unwrap().to_string();
    let edited = json(p, &["fill", "edit", &id, "--price", "2.40"]);
    assert_eq!(edited["fill"]["price"], "2.4");
    assert_eq!(edited["fill"]["note"], "first");
    assert_eq!(edited["summary"]["premium_collected"], "240.00");
    add(p, &["--date", "2026-01-20", "--action", "BTC", "--right", "P", "--strike", "50", "--expiry", "2026-02-20", "--price", "1.00"]);
    let err = json_error(p, &["fill", "delete", &id]);
    assert_eq!(err["code"], "close_exceeds_open");
    assert_eq!(json(p, &["fill", "list", "--portfolio", "Main"]).as_array().unwrap().len(), 2);

    // The edit is undone by its change number; undoing it twice would discard the put-back.
    let change = edited["change"].as_i64().unwrap().to_string();
    let undone = json(p, &["fill", "undo", &change]);
    assert_eq!(undone["description"], format!("put fill {id} back as it was"));
    assert_eq!(json(p, &["fill", "list", "--portfolio", "Main"])[0]["price"], "2");
    assert_eq!(json_error(p, &["fill", "undo", &change])["code"], "changed_since");
    // A second buy-back of the closed put is refused as recording it would be; a new put's
    // preview shows the collateral it would take, and writes nothing.
    let preview = |extra: &[&str]| -> Vec<String> {
        let base = ["fill", "preview", "--portfolio", "Main", "--symbol", "AAPL", "--multiplier", "100", "--quantity", "1", "--right", "P"];
        base.iter().chain(extra).map(|a| a.to_string()).collect()
    };
    let closing = preview(&["--date", "2026-01-21", "--action", "BTC", "--strike", "50", "--expiry", "2026-02-20", "--price", "0.5"]);
    assert_eq!(json_error(p, &closing.iter().map(String::as_str).collect::<Vec<_>>())["code"], "close_exceeds_open");
    let opening = preview(&["--date", "2026-01-21", "--action", "STO", "--strike", "45", "--expiry", "2026-03-20", "--price", "1.10"]);
    let opening: Vec<&str> = opening.iter().map(String::as_str).collect();
    let shown = json(p, &opening);
    assert_eq!((shown["before"]["collateral"].as_str(), shown["after"]["collateral"].as_str()), (Some("0"), Some("4500")));
    let text = ok(p, &opening);
    assert!(text.contains("collateral: 0.00 → 4500.00") && !text.contains("shares:"), "{text}");
    assert_eq!(json(p, &["fill", "list", "--portfolio", "Main"]).as_array().unwrap().len(), 2);
    // An edit previewed: the put sold at 2.50 instead of 2.00 and bought back at 1.00 realizes
    // 50 more (less the fees either way); nothing is written, and the same values change nothing.
    let text = ok(p, &["fill", "preview-edit", &id, "--price", "2.50"]);
    assert!(text.contains("premium collected: 200.00 → 250.00") && text.contains("realized P&L: 98.70 → 148.70"), "{text}");
    assert_eq!(json(p, &["fill", "list", "--portfolio", "Main"])[0]["price"], "2");
    assert!(ok(p, &["fill", "preview-edit", &id, "--price", "2"]).starts_with("no change"));
    // Saved as it is, the edit writes nothing and gives no change to undo.
    let same = ok(p, &["fill", "edit", &id, "--price", "2"]);
    assert!(same.starts_with(&format!("fill {id} is unchanged")) && !same.contains("undo"), "{same}");
    // The changes are listed newest first: the undo (putting the price back) on top.
    let changes = json(p, &["fill", "changes", "--portfolio", "Main", "--limit", "3"]);
    assert_eq!(changes.as_array().unwrap().len(), 3);
    assert_eq!(changes[0]["change"].as_i64(), Some(change.parse::<i64>().unwrap() + 2), "the BTC, then the undo");
    assert_eq!(
        (changes[0]["kind"].as_str(), changes[0]["before"]["price"].as_str(), changes[0]["after"]["price"].as_str()),
        (Some("edited"), Some("2.4"), Some("2"))
    );
    // The undo says which change it reversed; the changes by hand say none.
    assert_eq!(changes[0]["undoes"].as_i64().map(|c| c.to_string()), Some(change.clone()));
    assert!(changes[1]["undoes"].is_null() && changes[2]["undoes"].is_null(), "{changes}");
    let text = ok(p, &["fill", "changes", "--portfolio", "Main"]);
    let top = text.lines().nth(1).unwrap_or_default();
    assert!(
        top.contains(" edited ") && top.contains(&format!(" undo of change {change}: price 2.4 → 2 ")) && top.ends_with(" yes"),
        "{text}"
    );
    assert!(text.lines().nth(3).unwrap_or_default().ends_with("after a later change"), "the first edit was undone since: {text}");
    assert!(json_error(p, &["fill", "changes", "--portfolio", "Main", "--limit", "0"])["field"] == "limit");
    // A put moved to another symbol is previewed on both wheels: MSFT's starts, AAPL's loses it.
    let later =
        add(p, &["--date", "2026-01-22", "--action", "STO", "--right", "P", "--strike", "45", "--expiry", "2026-03-20", "--price", "1.10"]);
    let later = later["fill"]["id"].as_i64().unwrap().to_string();
    let text = ok(p, &["fill", "preview-edit", &later, "--symbol", "MSFT"]);
    assert!(text.contains("preview in 'Main', MSFT:") && text.contains("starts a new wheel"), "{text}");
    let leaves = text.split("leaves the AAPL wheel:").nth(1).expect(&text);
    assert!(leaves.contains("premium collected: 310.00 → 200.00") && leaves.contains("state: put_open → idle"), "{text}");
    assert!(!leaves.contains("cash"), "the portfolio's figures are shown once: {text}");
}

/// The T 25 put sold at 0.40 rolled to the Jan 24 put for 0.55, bought back at 0.30, 0.65 fees a
/// leg: net credit 55 − 30 − 1.30 = 23.70; the first put realizes 40 − 30 − 0.65 = 9.35.
#[test]
fn a_roll_is_previewed_recorded_and_undone_as_one_action() {
    let db = db();
    let p = &db.path;
    ok(p, &["portfolio", "create", "Main"]);
    let sale = ["--date", "2026-11-20", "--action", "STO", "--symbol", "T", "--right", "P", "--strike", "25", "--expiry", "2026-12-18"];
    ok(p, &[&["fill", "add", "--portfolio", "Main"][..], &sale, &["--quantity", "1", "--price", "0.40"]].concat());
    // The roll's flags, with `changed` flags given other values and `extra` ones added.
    let roll = |changed: &[(&str, &str)], extra: &[&str]| -> Vec<String> {
        let legs = [
            ("--date", "2026-11-23"),
            ("--symbol", "T"),
            ("--right", "P"),
            ("--close-strike", "25"),
            ("--close-expiry", "2026-12-18"),
            ("--close-price", "0.30"),
            ("--close-fees", "0.65"),
            ("--strike", "24"),
            ("--expiry", "2027-01-15"),
            ("--price", "0.55"),
            ("--fees", "0.65"),
        ];
        let mut args: Vec<String> = ["fill", "roll", "--portfolio", "Main"].map(String::from).to_vec();
        for (flag, value) in legs {
            let value = changed.iter().find(|(f, _)| *f == flag).map_or(value, |(_, v)| *v);
            args.extend([flag.to_string(), value.to_string()]);
        }
        args.extend(extra.iter().map(|a| a.to_string()));
        args
    };
    let call = |changed: &[(&str, &str)], extra: &[&str], f: &dyn Fn(&Path, &[&str]) -> Value| {
        let args = roll(changed, extra);
        f(p, &args.iter().map(String::as_str).collect::<Vec<_>>())
    };
    let text = |extra: &[&str]| {
        let args = roll(&[], extra);
        ok(p, &args.iter().map(String::as_str).collect::<Vec<_>>())
    };
    // Previewed: nothing written.
    let preview = text(&["--preview"]);
    assert!(preview.contains("realized P&L: 0.00 → 9.35") && preview.contains("collateral: 2500.00 → 2400.00"), "{preview}");
    assert_eq!(json(p, &["fill", "list", "--portfolio", "Main"]).as_array().unwrap().len(), 1);
    // Recorded: both legs under one roll id; the text says the net and the change to undo.
    let rolled = call(&[], &["--roll-id", "T-dec-jan"], &json);
    assert_eq!((rolled["net"].as_str(), rolled["roll_id"].as_str()), (Some("23.70"), Some("T-dec-jan")));
    let fills = json(p, &["fill", "list", "--portfolio", "Main"]);
    let ids: Vec<Option<&str>> = fills.as_array().unwrap().iter().map(|f| f["roll_id"].as_str()).collect();
    assert_eq!(ids, [None, Some("T-dec-jan"), Some("T-dec-jan")]);
    let change = rolled["change"].as_i64().unwrap().to_string();
    let undone = json(p, &["fill", "undo", &change]);
    assert!(undone["description"].as_str().unwrap().contains(" and deleted fill "), "{undone}");
    assert_eq!(json(p, &["fill", "list", "--portfolio", "Main"]).as_array().unwrap().len(), 1, "both legs undone");
    let said = text(&[]);
    assert!(said.starts_with("rolled roll-") && said.contains("net credit 23.70") && said.contains("undo both"), "{said}");
    // A leg's bad field is named by its flag; the engine names a leg's rule by leg.
    let err = call(&[("--close-price", "abc")], &[], &json_error);
    assert_eq!(err["field"].as_str(), Some("close_price"), "{err}");
    let err = call(&[("--expiry", "2026-12-18"), ("--strike", "25")], &[], &json_error);
    assert_eq!(err["field"].as_str(), Some("open.strike"), "{err}");
}

#[test]
fn errors_are_json_with_stable_codes_fields_and_rows() {
    let db = db();
    let p = &db.path;
    let err = json_error(p, &["wheel", "list", "--portfolio", "Nope"]);
    assert_eq!(err["code"], "not_found");
    ok(p, &["portfolio", "create", "Main"]);
    // `fill add` of a share purchase, for the validation cases below.
    let buy = |symbol: &'static str, quantity: &'static str| {
        [
            "fill",
            "add",
            "--portfolio",
            "Main",
            "--date",
            "2026-01-05",
            "--action",
            "BUY",
            "--symbol",
            symbol,
            "--quantity",
            quantity,
            "--price",
            "10",
        ]
    };
    let err = json_error(p, &buy("AAPL", "-5"));
    assert_eq!((err["code"].as_str(), err["field"].as_str()), (Some("invalid_quantity"), Some("quantity")));
    let err = json_error(p, &buy("$$$", "5"));
    assert_eq!(err["code"], "invalid_symbol");
    // A usage error is JSON too when --json is given.
    let err = json_error(p, &["fill", "add", "--portfolio", "Main", "--colour", "red"]);
    assert_eq!(err["code"], "invalid_input");
    assert!(err["message"].as_str().unwrap().contains("--colour"), "{err}");
    // ADJUST takes a signed amount.
    let out = json(p, &["fill", "add", "--portfolio", "Main", "--date", "2026-01-05", "--action", "ADJUST", "--price", "-12.50"]);
    assert_eq!(out["fill"]["price"], "-12.5");

    let file = p.with_file_name("bad.csv");
    std::fs::write(&file, "date,action,symbol,right,strike,expiry,quantity,price,fees,multiplier,external_id,roll_id,note\n2026-01-05,BUY,AAPL,,,,100,10,0,,,,\n2026-01-06,SELL,AAPL,,,,200,11,0,,,,\n").unwrap();
    let err = json_error(p, &["import", file.to_str().unwrap(), "--portfolio", "Main"]);
    assert_eq!((err["code"].as_str(), err["row"].as_u64()), (Some("insufficient_shares"), Some(2)));
    // Without --json the message still names the code, and the exit code is non-zero.
    let out = run(p, &["portfolio", "show", "Nope"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("[not_found]"));
}

#[test]
fn export_import_round_trip_between_databases() {
    let (a, b) = (db(), db());
    ok(&a.path, &["portfolio", "create", "Main"]);
    add(
        &a.path,
        &["--date", "2026-01-05", "--action", "STO", "--right", "P", "--strike", "50", "--expiry", "2026-02-20", "--price", "2.00"],
    );
    add(
        &a.path,
        &["--date", "2026-02-20", "--action", "EXPIRE", "--right", "P", "--strike", "50", "--expiry", "2026-02-20", "--fees", "0"],
    );
    let file = a.path.with_file_name("fills.csv");
    ok(&a.path, &["export", "fills", "--portfolio", "Main", "--output", file.to_str().unwrap()]);
    let report = json(&b.path, &["import", file.to_str().unwrap(), "--portfolio", "Main"]);
    assert_eq!(report["added"], 2);
    assert_eq!(report["portfolio_created"], true);
    let again = json(&a.path, &["import", file.to_str().unwrap(), "--portfolio", "Main"]);
    assert_eq!((again["added"].as_u64(), again["skipped"].as_array().unwrap().len()), (Some(0), 2));
    assert_eq!(json(&a.path, &["wheel", "list", "--portfolio", "Main"]), json(&b.path, &["wheel", "list", "--portfolio", "Main"]));
}

#[test]
fn concurrent_processes_on_one_database_lose_no_write() {
    let db = db();
    ok(&db.path, &["portfolio", "create", "Main"]);
    let children: Vec<_> = (0..4)
        .map(|worker| {
            let path = db.path.clone();
            std::thread::spawn(move || {
                for i in 0..8 {
                    let strike = format!("{}", 10 + worker * 10 + i);
                    let out = run(
                        &path,
                        &[
                            "fill",
                            "add",
                            "--portfolio",
                            "Main",
                            "--date",
                            "2026-01-05",
                            "--action",
                            "STO",
                            "--symbol",
                            "SPY",
                            "--right",
                            "P",
                            "--strike",
                            &strike,
                            "--expiry",
                            "2026-02-20",
                            "--quantity",
                            "1",
                            "--price",
                            "1",
                        ],
                    );
                    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
                }
            })
        })
        .collect();
    for child in children {
        child.join().unwrap();
    }
    let wheels = json(&db.path, &["wheel", "list", "--portfolio", "Main"]);
    assert_eq!(wheels[0]["open_options"].as_array().unwrap().len(), 32);
    assert_eq!(wheels[0]["premium_collected"], "3200.00");
}

/// Runs a streaming command with `input` on stdin and returns its output lines as JSON.
fn stream(command: &str, input: &str) -> Vec<Value> {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_wheelwright"))
        .args([command, "--json"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_string();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()).unwrap());
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

#[test]
fn price_streams_one_answer_per_line_and_survives_bad_lines() {
    let hull = r#"{"right":"C","style":"european","spot":42,"strike":40,"rate":0.1,"div_yield":0,"vol":0.2,"t":0.5}"#;
    let input = format!("{hull}\nnot json\n\n{}\n{}\n", hull.replace("\"C\"", "\"P\""), hull.replace("0.2,", "-0.2,"));
    let out = stream("price", &input);
    assert_eq!(out.len(), 4, "blank lines are skipped, every other line answered");
    // Hull's example: call 4.76, put 0.81.
    assert!((out[0]["price"].as_f64().unwrap() - 4.7594).abs() < 1e-4, "{}", out[0]);
    for key in ["delta", "gamma", "theta", "theta_per_day", "vega", "rho"] {
        assert!(out[0][key].is_f64(), "{key} missing in {}", out[0]);
    }
    assert_eq!(out[1]["error"]["code"], "invalid_input");
    assert!((out[2]["price"].as_f64().unwrap() - 0.8086).abs() < 1e-4, "{}", out[2]);
    assert!(out[3]["error"]["message"].as_str().unwrap().contains("vol"), "{}", out[3]);
}

#[test]
fn iv_answers_with_a_volatility_or_a_reason() {
    let line = |price: f64, t: f64| {
        format!(r#"{{"right":"C","style":"european","spot":42,"strike":40,"rate":0.1,"div_yield":0,"price":{price},"t":{t}}}"#)
    };
    let input = [line(4.759422392871535, 0.5), line(1.0, 0.5), line(50.0, 0.5), line(3.0, 0.0), "{}".to_string()].join("\n");
    let out = stream("iv", &input);
    assert!((out[0]["iv"].as_f64().unwrap() - 0.2).abs() < 1e-12, "{}", out[0]);
    let reasons: Vec<&str> = out[1..].iter().map(|o| o["reason"].as_str().unwrap()).collect();
    assert_eq!(reasons, ["below_intrinsic", "above_maximum", "expired", "invalid_input"]);
    assert!(out[1]["iv"].is_null());
}

#[test]
fn american_lines_are_priced_and_inverted_by_the_alo_engine() {
    // The ALO paper's example: put S = K = 100, r = q = 5%, vol 25%, one year; the American
    // premium over the European value (9.2105) is 0.10695.
    let american = r#"{"right":"P","style":"american","spot":100,"strike":100,"rate":0.05,"div_yield":0.05,"vol":0.25,"t":1}"#;
    let input = [american.to_string(), american.replace("american", "european"), american.replace("american", "bermudan")].join("\n");
    let out = stream("price", &input);
    let premium = out[0]["price"].as_f64().unwrap() - out[1]["price"].as_f64().unwrap();
    assert!((premium - 0.106_952_7).abs() < 1e-5, "premium {premium}");
    assert!(out[0]["delta"].as_f64().unwrap() < out[1]["delta"].as_f64().unwrap(), "an American put is shorter the stock");
    assert_eq!(out[2]["error"]["code"], "invalid_input");
    assert!(out[2]["error"]["message"].as_str().unwrap().contains("bermudan"), "{}", out[2]);

    let price = out[0]["price"].as_f64().unwrap();
    let iv_line = |p: f64| american.replace(r#""vol":0.25"#, &format!(r#""price":{p}"#));
    let deep = r#"{"right":"P","style":"american","spot":50,"strike":100,"rate":0.05,"div_yield":0,"price":50,"t":1}"#;
    let out = stream("iv", &[iv_line(price), iv_line(120.0), deep.to_string()].join("\n"));
    assert!((out[0]["iv"].as_f64().unwrap() - 0.25).abs() < 1e-9, "{}", out[0]);
    assert_eq!(out[1]["reason"], "above_maximum");
    assert_eq!(out[2]["reason"], "at_intrinsic");
}

#[test]
fn market_data_from_the_demo_market() {
    let db = db();
    // Stop the Demo clock at a known instant: the next session's open after now, then its close.
    let stepped = json(&db.path, &["clock", "step", "next-session"]);
    assert_eq!(stepped["clock"]["mode"], "stepped");
    let closed = json(&db.path, &["clock", "step", "to-close"]);
    let now = closed["now"].as_str().unwrap().to_string();
    let quotes = json(&db.path, &["quote", "AAPL", "KO"]);
    assert_eq!(quotes.as_array().unwrap().len(), 2);
    assert_eq!(quotes[0]["symbol"], "AAPL");
    assert_eq!(quotes[1]["time"].as_str().unwrap(), now, "quotes are at the Demo clock's instant");
    assert_eq!(quotes[0]["flags"], serde_json::json!(["simulated"]));
    let expiries = json(&db.path, &["expirations", "KO"]);
    let second = expiries[1].as_str().unwrap().to_string();
    let chain = json(&db.path, &["chain", "KO", "--expiry", &second, "--strikes", "4", "--right", "c"]);
    let contracts = chain["contracts"].as_array().unwrap();
    assert_eq!(contracts.len(), 4);
    assert!(contracts.iter().all(|c| c["expiry"] == second.as_str() && c["right"] == "C"));
    // The last daily bar is the session the clock closed, at the quote's price.
    let history = json(&db.path, &["history", "KO"]);
    let bars = &history["bars"];
    let last = bars.as_array().unwrap().last().unwrap();
    assert_eq!(last["time"].as_str().unwrap(), now);
    assert_eq!(last["close"], quotes[1]["last"]);
    assert!(bars.as_array().unwrap().len() > 240, "a year of sessions");
    assert_eq!(history["missing_sessions"], serde_json::json!([]), "the Demo market has no gaps");
    let human = ok(&db.path, &["quote", "SPY"]);
    assert!(human.contains("SPY") && human.contains("ETF"), "{human}");
    assert!(ok(&db.path, &["listings", "--sector", "utilities"]).contains("NextEra Energy"));
    let err = json_error(&db.path, &["chain", "KO", "--right", "X"]);
    assert_eq!((err["code"].as_str(), err["field"].as_str()), (Some("invalid_input"), Some("right")));
    let err = json_error(&db.path, &["history", "KO", "--interval", "7x"]);
    assert_eq!(err["field"], "interval");
    let err = json_error(&db.path, &["quote", "NOPE"]);
    assert_eq!(err["code"], "unknown_symbol");
}

#[test]
fn symbol_notes_set_keep_and_clear() {
    let db = db();
    let note = json(&db.path, &["symbol", "note", "ko", "--sector", "Consumer Staples", "--earnings", "2027-02-10"]);
    assert_eq!(
        (note["symbol"].as_str(), note["sector"].as_str(), note["next_earnings"].as_str()),
        (Some("KO"), Some("Consumer Staples"), Some("2027-02-10"))
    );
    // Setting one field keeps the other.
    let note = json(&db.path, &["symbol", "note", "KO", "--earnings", "2027-04-28"]);
    assert_eq!((note["sector"].as_str(), note["next_earnings"].as_str()), (Some("Consumer Staples"), Some("2027-04-28")));
    let listed = ok(&db.path, &["symbol", "notes"]);
    assert!(listed.contains("KO") && listed.contains("Consumer Staples") && listed.contains("2027-04-28"), "{listed}");
    let err = json_error(&db.path, &["symbol", "note", "KO", "--earnings", "2207-04-28"]);
    assert_eq!(err["field"], "next_earnings");
    let err = json_error(&db.path, &["symbol", "note", "KO", "--earnings", "April"]);
    assert_eq!(err["field"], "earnings");
    assert!(ok(&db.path, &["symbol", "note", "KO", "--sector", "none", "--earnings", "none"]).contains("note removed"));
    assert_eq!(json(&db.path, &["symbol", "notes"]), serde_json::json!([]));
}

#[test]
fn alert_rules_the_inbox_and_notification_pauses_from_the_terminal() {
    let db = db();
    let rules = json(&db.path, &["alerts", "rules"]);
    let rules = rules.as_array().unwrap();
    assert_eq!(rules.len(), 11, "one standing rule per kind but price levels");
    let profit = rules.iter().find(|r| r["kind"] == "take_profit").unwrap();
    assert_eq!((profit["threshold"].as_f64(), profit["enabled"].as_bool()), (Some(50.0), Some(true)));
    let id = profit["id"].as_i64().unwrap().to_string();
    let tuned = json(&db.path, &["alerts", "rule", "set", &id, "--threshold", "75", "--off"]);
    assert_eq!((tuned["threshold"].as_f64(), tuned["enabled"].as_bool()), (Some(75.0), Some(false)));
    let err = json_error(&db.path, &["alerts", "rule", "set", &id, "--threshold", "175"]);
    assert_eq!((err["code"].as_str(), err["field"].as_str()), (Some("invalid_input"), Some("threshold")));

    let level = json(&db.path, &["alerts", "rule", "add", "price-crosses", "ko", "--threshold", "62.5"]);
    assert_eq!(
        (level["symbol"].as_str(), level["threshold"].as_f64(), level["cooldown_minutes"].as_u64()),
        (Some("KO"), Some(62.5), Some(60))
    );
    let err = json_error(&db.path, &["alerts", "rule", "add", "itm", "KO", "--threshold", "1"]);
    assert_eq!(err["field"], "kind");
    assert!(err["message"].as_str().unwrap().contains("in_the_money"));
    let level_id = level["id"].as_i64().unwrap().to_string();
    assert_eq!(json(&db.path, &["alerts", "rule", "delete", &level_id])["deleted"].as_i64(), level["id"].as_i64());
    assert_eq!(json_error(&db.path, &["alerts", "rule", "delete", &id])["field"], "id", "standing rules are switched off, not deleted");

    // Nothing to alert on an empty book; the check says what it looked at (and, without a
    // keychain in this process, that the broker login could not be read).
    let check = json(&db.path, &["alerts", "check", "token_expiry", "job_failing"]);
    assert_eq!((check["rules_checked"].as_u64(), check["raised"].as_array().map(Vec::len)), (Some(2), Some(0)));
    let notes = check["notes"].as_array().unwrap();
    assert!(notes.iter().all(|n| n.as_str().unwrap().starts_with("the broker login")), "{notes:?}");
    assert_eq!(json_error(&db.path, &["alerts", "check", "sunspots"])["field"], "kind");
    let inbox = json(&db.path, &["alerts", "list"]);
    assert_eq!((inbox["alerts"].as_array().map(Vec::len), inbox["unread"].as_u64()), (Some(0), Some(0)));
    assert_eq!(json_error(&db.path, &["alerts", "read", "77"])["field"], "ids");

    let paused = json(&db.path, &["alerts", "pause", "1h"]);
    assert_eq!(paused["silence"]["reason"], "paused");
    assert_eq!(json_error(&db.path, &["alerts", "pause", "forever"])["field"], "how");
    // The webhook: a plain-http endpoint elsewhere is refused before anything is kept.
    let err = json_error(&db.path, &["alerts", "webhook", "set", "--url", "http://hooks.example.com/x", "--on"]);
    assert_eq!((err["code"].as_str(), err["field"].as_str()), (Some("invalid_input"), Some("url")));
    assert!(err["message"].as_str().unwrap().contains("https"), "{err}");
    assert_eq!(json(&db.path, &["alerts", "webhook", "log"]), serde_json::json!([]));
    // Read from standard input (URL, then secret), checked the same way before the keychain.
    let mut child = Command::new(env!("CARGO_BIN_EXE_wheelwright"))
        .arg("--db")
        .arg(&db.path)
        .args(["alerts", "webhook", "set", "--url-stdin", "--secret-stdin", "--on", "--json"])
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), b"http://hooks.example.com/T0KEN\nwhsec-0123456789abcdef\n").unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("\"field\":\"url\"") && !stderr.contains("T0KEN"), "{stderr}");
    let quiet = json(&db.path, &["alerts", "quiet", "--from", "22:00", "--to", "07:00"]);
    assert_eq!(quiet["delivery"]["quiet_hours"], serde_json::json!({"start": "22:00:00", "end": "07:00:00"}));
    assert_eq!(json_error(&db.path, &["alerts", "quiet", "--from", "25:00", "--to", "07:00"])["field"], "from");
    assert_eq!(json_error(&db.path, &["alerts", "quiet", "--from", "22:00"])["field"], "to");
    let resumed = json(&db.path, &["alerts", "pause", "resume"]);
    assert!(resumed["delivery"].get("paused_until").is_none_or(Value::is_null), "{resumed}");
    assert!(ok(&db.path, &["alerts", "quiet", "--off"]).contains("no quiet hours"));
}

#[test]
fn jobs_are_listed_run_rescheduled_and_the_daemon_stops_cleanly() {
    let db = db();
    let jobs = json(&db.path, &["jobs", "list"]);
    let names: Vec<&str> = jobs.as_array().unwrap().iter().map(|j| j["name"].as_str().unwrap()).collect();
    assert_eq!(
        names,
        vec![
            "refresh-quotes",
            "demo-settlement",
            "token-expiry-check",
            "opening-scan",
            "risk-monitor",
            "events-check",
            "daily-snapshots",
            "broker-sync"
        ]
    );
    assert_eq!(jobs[7]["enabled"], false, "broker-sync waits for the user");
    let run = json(&db.path, &["jobs", "run", "demo-settlement"]);
    assert_eq!((run["status"].as_str(), run["trigger"].as_str()), (Some("succeeded"), Some("manual")));
    let history = json(&db.path, &["jobs", "history", "demo-settlement"]);
    assert_eq!(history[0]["id"], run["id"]);
    let edited = json(&db.path, &["jobs", "schedule", "broker-sync", "--cron", "30 16 * * 1-5", "--window", "session-days"]);
    assert_eq!(edited["schedule"], serde_json::json!({"cadence": {"kind": "cron", "pattern": "30 16 * * 1-5"}, "window": "session_days"}));
    assert_eq!(json(&db.path, &["jobs", "enable", "broker-sync"])["enabled"], true);
    let err = json_error(&db.path, &["jobs", "schedule", "broker-sync", "--cron", "30 16 * *"]);
    assert_eq!((err["code"].as_str(), err["field"].as_str()), (Some("invalid_input"), Some("schedule")));
    let err = json_error(&db.path, &["jobs", "schedule", "broker-sync", "--every", "5", "--cron", "* * * * *"]);
    assert_eq!(err["field"], "schedule");
    let err = json_error(&db.path, &["jobs", "run", "nope"]);
    assert_eq!((err["code"].as_str(), err["field"].as_str()), (Some("not_found"), Some("job")));

    // The health report: the manual run's duration from the history, and a probe this process
    // made (its only request).
    let health = json(&db.path, &["health", "--probe"]);
    assert_eq!(health["database"]["path"], db.path.display().to_string());
    assert_eq!(health["provider"]["provider"], "demo");
    assert_eq!(health["provider"]["probe"]["ok"], true);
    assert_eq!(health["requests"], serde_json::json!([health["requests"][0].clone()]));
    assert_eq!((health["requests"][0]["operation"].as_str(), health["requests"][0]["requests"].as_u64()), (Some("quotes"), Some(1)));
    let settlement = health["jobs"].as_array().unwrap().iter().find(|j| j["job"] == "demo-settlement").unwrap();
    assert_eq!((settlement["runs"].as_u64(), settlement["failures"].as_u64()), (Some(1), Some(0)));
    assert!(settlement["last_ms"].as_f64().unwrap() >= 0.0);
    // All eight jobs are on now (broker-sync was enabled above), and the manual run was this
    // CLI's.
    assert_eq!((health["scheduler"]["enabled"].as_u64(), health["scheduler"]["disabled"].as_u64()), (Some(8), Some(0)));
    assert!(health["scheduler"]["last_runner"].as_str().unwrap().starts_with("cli "), "{}", health["scheduler"]);
    let text = ok(&db.path, &["health"]);
    assert!(text.contains("scheduler: 8 job(s) on, 0 off; next "), "{text}");
    assert!(text.contains("provider demo: The built-in Demo market") && text.contains("demo-settlement"), "{text}");
    assert!(!text.contains("probe:"), "no probe unless asked: {text}");

    // The daemon runs until SIGTERM, then finishes and exits 0.
    let daemon = Command::new(env!("CARGO_BIN_EXE_wheelwright"))
        .arg("--db")
        .arg(&db.path)
        .args(["run-scheduler", "--tick", "5"])
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1500));
    let pid = daemon.id().to_string();
    assert!(Command::new("kill").args(["-TERM", &pid]).status().unwrap().success());
    let output = daemon.wait_with_output().unwrap();
    let said = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{said}");
    assert!(said.contains("scheduler stopped"), "{said}");
    let err = json_error(&db.path, &["run-scheduler", "--tick", "1"]);
    assert_eq!(err["field"], "tick");
}

#[test]
fn calendar_counts_sessions_and_closures() {
    let db = db();
    let span = json(&db.path, &["calendar", "--from", "2025-12-31", "--to", "2026-12-31"]);
    assert_eq!(span["sessions"], 251);
    assert_eq!(span["holidays"].as_array().unwrap().len(), 10);
    assert_eq!(span["early_closes"], serde_json::json!(["2026-11-27", "2026-12-24"]));
    let err = json_error(&db.path, &["calendar", "--from", "2026-13-01", "--to", "2026-12-31"]);
    assert_eq!((err["code"].as_str(), err["field"].as_str()), (Some("invalid_input"), Some("from")));
    // No database was created for a pricing command.
    assert!(!db.path.exists());
}

#[test]
fn analyze_chain_reads_a_schwab_chain_file() {
    let db = db();
    let file = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/schwab/chain_aapl_call_230_2024-10-18.json");
    let a = json(&db.path, &["analyze-chain", file]);
    assert_eq!(a["symbol"], "AAPL");
    assert_eq!(a["iv_model"], "european_black_otm_mid");
    assert_eq!(a["expiries"][0]["expiry"], "2024-10-18");
    assert!(a["contracts"][0]["iv"].as_f64().unwrap() > 0.0);
    let human = ok(&db.path, &["analyze-chain", file]);
    assert!(human.contains("AAPL at 232.18"), "{human}");
    let err = json_error(&db.path, &["analyze-chain", "/nonexistent/chain.json"]);
    assert_eq!(err["code"], "io");
}

#[test]
fn watchlists_from_a_tradingview_export() {
    let db = db();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("Wheel ideas.txt");
    std::fs::write(&file, "###Cheap,NYSE:F,NASDAQ:SOFI,NYSE:T\n###Blue chips,NYSE:KO,NASDAQ:MSFT").unwrap();
    let imported = json(&db.path, &["watchlist", "import", file.to_str().unwrap()]);
    assert_eq!((imported["watchlist"].as_str(), imported["added"].as_u64()), (Some("Wheel ideas"), Some(5)));
    let again = json(&db.path, &["watchlist", "import", file.to_str().unwrap()]);
    assert_eq!((again["added"].as_u64(), again["already_there"].as_u64()), (Some(0), Some(5)));
    let under = json(&db.path, &["watchlist", "show", "Wheel ideas", "--under", "50"]);
    let rows = under["rows"].as_array().unwrap();
    assert!(!rows.is_empty() && rows.iter().all(|r| r["quote"]["last"].as_f64().unwrap() <= 50.0));
    assert_eq!(rows.len() as u64 + under["filtered_out"].as_u64().unwrap(), 5);
    let human = ok(&db.path, &["watchlist", "list"]);
    assert!(human.contains("Wheel ideas") && human.contains('5'), "{human}");
    let bad = dir.path().join("bad.txt");
    std::fs::write(&bad, "NYSE:KO,NYSE:not a ticker").unwrap();
    let err = json_error(&db.path, &["watchlist", "import", bad.to_str().unwrap()]);
    assert_eq!((err["code"].as_str(), err["row"].as_u64()), (Some("invalid_input"), Some(2)));
}

#[test]
fn positions_recommendations_rolls_and_scans() {
    let db = db();
    let stepped = json(&db.path, &["clock", "step", "next-session"]);
    let today = stepped["now"].as_str().unwrap()[..10].to_string();
    let spot = json(&db.path, &["quote", "KO"])[0]["last"].as_f64().unwrap();
    let strike = format!("{}", spot.round());
    let expiries = json(&db.path, &["expirations", "KO"]);
    let expiry = expiries[3].as_str().unwrap().to_string();
    json(&db.path, &["portfolio", "create", "Wheel"]);
    json(&db.path, &["fill", "add", "--portfolio", "Wheel", "--date", &today, "--action", "DEPOSIT", "--price", "50000"]);
    let sto = [
        "--action",
        "STO",
        "--symbol",
        "KO",
        "--right",
        "P",
        "--strike",
        &strike,
        "--expiry",
        &expiry,
        "--quantity",
        "1",
        "--price",
        "1.10",
    ];
    json(&db.path, &[&["fill", "add", "--portfolio", "Wheel", "--date", &today][..], &sto[..]].concat());

    let positions = json(&db.path, &["positions", "--portfolio", "Wheel"]);
    assert_eq!(positions.as_array().unwrap().len(), 1);
    assert_eq!((positions[0]["symbol"].as_str(), positions[0]["strike"].as_f64()), (Some("KO"), Some(spot.round())));
    assert!(["LOW", "MEDIUM", "HIGH"].contains(&positions[0]["risk"].as_str().unwrap()));
    assert!(positions[0]["mark"].is_f64());

    // The dashboard: the deposit less nothing spent, the put's collateral, its premium this month.
    let board = json(&db.path, &["dashboard", "--portfolio", "wheel"]);
    assert_eq!((board["portfolio"].as_str(), board["cash"].as_str()), (Some("Wheel"), Some("50110.00")));
    assert_eq!(board["collateral"].as_str().unwrap().parse::<f64>().unwrap(), spot.round() * 100.0);
    assert_eq!(board["premium_month"].as_str().unwrap().parse::<f64>().unwrap(), 110.0);
    assert_eq!(board["expirations"][0]["expiry"].as_str(), Some(expiry.as_str()));
    let text = ok(&db.path, &["dashboard", "--portfolio", "Wheel"]);
    assert!(text.contains(&format!("expires {expiry}")) && text.contains("cash if assigned"), "{text}");

    let recs = json(&db.path, &["recommend", "--portfolio", "Wheel", "--symbol", "KO"]);
    assert_eq!(recs[0]["symbol"], "KO");
    assert!(["hold", "close_for_profit", "roll"].contains(&recs[0]["action"].as_str().unwrap()), "{}", recs[0]);
    let roll = json(&db.path, &["roll", "KO", "--portfolio", "Wheel"]);
    assert_eq!(roll["strike"].as_f64(), Some(spot.round()));
    assert!(roll["summary"].as_str().unwrap().starts_with("Roll to") || roll["summary"].as_str().unwrap().starts_with("No credit roll"));

    let out = run(&db.path, &["scan", "KO", "PEP", "AAPL", "--limit", "4", "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("scanned 3 symbols"));
    let scan: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(scan["scanned"], 3);
    let scores: Vec<f64> = scan["candidates"].as_array().unwrap().iter().map(|c| c["score"]["total"].as_f64().unwrap()).collect();
    assert!(!scores.is_empty() && scores.len() <= 4 && scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");

    let err = json_error(&db.path, &["recommend", "--portfolio", "Wheel", "--delta-min", "0.5", "--delta-max", "0.1"]);
    assert_eq!((err["code"].as_str(), err["field"].as_str()), (Some("invalid_input"), Some("delta_min")));
    let err = json_error(&db.path, &["recommend", "--portfolio", "Wheel", "--basis-guard", "maybe"]);
    assert_eq!((err["code"].as_str(), err["field"].as_str()), (Some("invalid_input"), Some("basis_guard")));
    let err = json_error(&db.path, &["scan", "KO", "--limit", "0"]);
    assert_eq!(err["field"], "limit");

    let day = json(&db.path, &["expiration", "--portfolio", "Wheel", "--pin", "2"]);
    assert_eq!((day["expiry"].as_str(), day["pin_distance"].as_f64()), (Some(expiry.as_str()), Some(0.02)));
    assert_eq!(day["options"][0]["strike"].as_f64(), Some(spot.round()));
    let out = run(&db.path, &["expiration", "--portfolio", "Wheel"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains(&format!("Expiration {expiry}")));
    let err = json_error(&db.path, &["expiration", "--portfolio", "Wheel", "--pin", "50"]);
    assert_eq!(err["field"], "pin_distance");

    // The custom profile (moderate until edited), then a wheel following it with its own override.
    let profile = json(&db.path, &["profile", "--dte-min", "20", "--dte-max", "60"]);
    assert_eq!((profile["dte_min"].as_i64(), profile["dte_max"].as_i64(), profile["delta_min"].as_f64()), (Some(20), Some(60), Some(0.25)));
    let chosen = json(&db.path, &["wheel", "criteria", "KO", "--portfolio", "Wheel", "--custom", "--delta-max", "0.45"]);
    assert_eq!((chosen["profile"].as_str(), chosen["criteria"]["dte_min"].as_i64()), (Some("custom"), Some(20)));
    assert_eq!(chosen["criteria"]["delta_max"].as_f64(), Some(0.45));
    let named = json(&db.path, &["wheel", "criteria", "KO", "--portfolio", "Wheel", "--named", "--clear"]);
    assert_eq!((named["profile"].as_str(), named["criteria"]["delta_max"].as_f64()), (Some("moderate"), Some(0.30)));
    let err = json_error(&db.path, &["wheel", "criteria", "KO", "--portfolio", "Wheel", "--delta-min", "0.9"]);
    assert_eq!((err["code"].as_str(), err["field"].as_str()), (Some("invalid_input"), Some("delta_min")));
    assert!(ok(&db.path, &["profile"]).contains("20–60 days"));

    // The day's snapshot (taken twice, kept once), its trend and the positions export.
    let snap = json(&db.path, &["snapshot", "take", "--portfolio", "Wheel", "--daily"]);
    assert_eq!((snap["summary"]["positions"].as_u64(), snap["replaced"].as_bool()), (Some(1), Some(false)));
    assert_eq!(json(&db.path, &["snapshot", "take", "--portfolio", "Wheel", "--daily"])["replaced"], true);
    assert_eq!(json(&db.path, &["snapshot", "list", "--portfolio", "Wheel"]).as_array().unwrap().len(), 1);
    let trend = json(&db.path, &["snapshot", "trend", "KO", "--portfolio", "Wheel"]);
    assert_eq!(trend[0]["points"].as_array().unwrap().len(), 1);
    assert_eq!(trend[0]["points"][0]["spot"], snap["positions"][0]["spot"]);
    let csv = ok(&db.path, &["export", "positions", "--portfolio", "Wheel"]);
    let lines: Vec<&str> = csv.lines().collect();
    assert!(lines[0].starts_with("symbol,position,description,quantity,spot,mark"), "{csv}");
    assert!(lines.len() == 2 && lines[1].starts_with("KO,leg:"), "{csv}");

    // The book's risk: the ledger's cash and the put's collateral, VaR three ways.
    let risk = json(&db.path, &["risk", "--portfolio", "Wheel", "--paths", "5000"]);
    let exposure = &risk["report"]["exposure"];
    assert_eq!(exposure["cash"].as_f64(), Some(50_110.0));
    assert_eq!(exposure["free_cash"].as_f64(), Some(50_110.0 - spot.round() * 100.0));
    assert_eq!(risk["report"]["var"].as_array().unwrap().len(), 12);
    assert_eq!(risk["report"]["simulation"]["paths"], 5000);
    let out = run(&db.path, &["risk", "--portfolio", "Wheel", "--paths", "5000"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Monte Carlo") && text.contains("delta-gamma") && text.contains(&format!(" {} put", spot.round())), "{text}");
    // The risk charts: a fresh process measures the book once (default paths) and draws it.
    let pnl = json(&db.path, &["chart", "risk-pnl", "--portfolio", "Wheel", "--sessions", "30"]);
    let bars = pnl["chart"]["series"][0]["points"].as_array().unwrap();
    assert_eq!(bars.len(), 40, "a 40-bar histogram");
    assert!(pnl["notes"][0].as_str().unwrap().starts_with("Monte Carlo, 100,000 paths"), "{pnl}");
    let file = db.path.with_file_name("sectors.png");
    let out = run(&db.path, &["chart", "exposure", "--portfolio", "Wheel", "--by", "sector", "--output", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(&std::fs::read(&file).unwrap()[1..4], b"PNG", "a .png name writes a PNG");
    let err = json_error(&db.path, &["chart", "risk-pnl", "--portfolio", "Wheel", "--sessions", "5"]);
    assert_eq!((err["code"].as_str(), err["field"].as_str()), (Some("invalid_input"), Some("sessions")));
    let one_name = json(&db.path, &["chart", "correlation", "--portfolio", "Wheel"]);
    assert!(one_name["empty"].as_str().unwrap().contains("two names"), "{one_name}");
    // The chain's volatility: the smile of the put's expiry, and the term structure.
    let smile = json(&db.path, &["chart", "smile", "KO", "--expiry", &expiry]);
    assert!(smile["title"].as_str().unwrap().starts_with("KO IV smile"), "{smile}");
    assert!(smile["chart"]["series"][0]["points"].as_array().unwrap().len() >= 5, "{smile}");
    let term = json(&db.path, &["chart", "term", "KO"]);
    assert!(term["chart"]["series"][0]["points"].as_array().unwrap().len() >= 3, "{term}");
    let err = json_error(&db.path, &["chart", "smile", "KO", "--expiry", "2020-01-17"]);
    assert_eq!((err["code"].as_str(), err["field"].as_str()), (Some("invalid_input"), Some("expiry")));

    // Limits, then a trade that breaks the tightened position limit.
    let limits = json(&db.path, &["limits", "--max-position-pct", "5"]);
    assert_eq!((limits["max_position_pct"].as_f64(), limits["max_name_pct"].as_f64()), (Some(5.0), Some(25.0)));
    assert_eq!(json(&db.path, &["limits"])["max_position_pct"].as_f64(), Some(5.0));
    let trade = [
        "check-trade",
        "KO",
        "--portfolio",
        "Wheel",
        "--action",
        "sell",
        "--kind",
        "put",
        "--quantity",
        "1",
        "--strike",
        &strike,
        "--expiry",
        &expiry,
    ];
    let check = json(&db.path, &trade);
    assert_eq!(check["result"]["verdict"], "violations", "{check}");
    let out = run(&db.path, &trade[..trade.len()]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("violates the limits"));
    let err = json_error(&db.path, &["check-trade", "KO", "--portfolio", "Wheel", "--action", "hold", "--kind", "put", "--quantity", "1"]);
    assert_eq!(err["field"], "action");
    let err = json_error(&db.path, &["limits", "--min-cash-pct", "150"]);
    assert_eq!((err["code"].as_str(), err["field"].as_str()), (Some("invalid_input"), Some("min_cash_pct")));
}
