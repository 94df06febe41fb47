//! Fuzzing every parser of outside data with proptest: Schwab's and Tradier's JSON, the
//! fills CSV, TradingView watchlists and the pasted login redirect. Three kinds of input —
//! arbitrary text, arbitrary JSON, and the real-format fixtures with one subtree replaced by
//! the values providers actually send wrong (null, "NaN", -999, an object for an array, a
//! huge number, an empty string) — and one property: a parser answers `Ok` or a coded error,
//! never a panic, and a broker sync's translation of whatever parsed does not panic either.

use proptest::prelude::*;
use serde_json::Value;
use wheelwright_domain::Symbol;
use wheelwright_engine::broker::translate::{translate, LedgerView};
use wheelwright_engine::{csv_format, schwab, tradier, tradingview};

const SCHWAB_QUOTES: &str = include_str!("../../../../tests/fixtures/schwab/quotes_aapl.json");
const SCHWAB_CHAIN: &str = include_str!("../../../../tests/fixtures/schwab/chain_aapl_call_230_2024-10-18.json");
const SCHWAB_ACCOUNTS: &str = include_str!("../../../../tests/fixtures/schwab/accounts_positions.json");
const SCHWAB_NUMBERS: &str = include_str!("../../../../tests/fixtures/schwab/account_numbers.json");
const SCHWAB_WHEEL: &str = include_str!("../../../../tests/fixtures/schwab/transactions_wheel.json");
const TRADIER_QUOTES: &str = include_str!("../../../../tests/fixtures/tradier/quotes_ko_xyzq.json");
const TRADIER_CHAIN: &str = include_str!("../../../../tests/fixtures/tradier/chain_ko_2026-12-18.json");
const TRADIER_HISTORY: &str = include_str!("../../../../tests/fixtures/tradier/history_ko.json");
const TRADIER_TIMESALES: &str = include_str!("../../../../tests/fixtures/tradier/timesales_ko_5min.json");
const TRADIER_EXPIRATIONS: &str = include_str!("../../../../tests/fixtures/tradier/expirations_ko.json");

/// Runs every JSON parser on `body`; each must return rather than panic.
fn parse_all_json(body: &str) {
    let ko = Symbol::parse("KO").unwrap();
    let _ = schwab::quotes::parse(body);
    let _ = schwab::chain::parse(body, None, 0.0);
    let _ = schwab::chain::parse_expirations(body);
    let _ = schwab::history::parse(body);
    let numbers = schwab::accounts::parse_account_numbers(body).unwrap_or_default();
    let _ = schwab::accounts::parse_accounts(body, &numbers);
    if let Ok(activities) = schwab::accounts::parse_transactions(body) {
        let _ = translate("schwab", "123", &activities, &LedgerView { settled: Vec::new(), open: Vec::new() });
    }
    let _ = tradier::parse_quotes(body);
    let _ = tradier::parse_chain(body, &ko);
    let _ = tradier::parse_expirations(body);
    let _ = tradier::parse_history(body);
    let _ = tradier::parse_timesales(body);
}

/// The values providers send where a number or a list belongs.
fn odd_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        Just(Value::String("NaN".into())),
        Just(Value::String(String::new())),
        Just(serde_json::json!(-999)),
        Just(serde_json::json!(-999.0)),
        Just(serde_json::json!(0)),
        Just(serde_json::json!(1e300)),
        Just(serde_json::json!(-1e300)),
        Just(serde_json::json!(u64::MAX)),
        Just(serde_json::json!(i64::MIN)),
        Just(serde_json::json!([])),
        Just(serde_json::json!({})),
        Just(serde_json::json!("true")),
        Just(serde_json::json!(true)),
        "[ -~]{0,24}".prop_map(Value::String),
        any::<f64>().prop_map(|x| serde_json::Number::from_f64(x).map_or(Value::Null, Value::Number)),
    ]
}

/// Any JSON document, a few levels deep.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| serde_json::json!(n)),
        any::<f64>().prop_map(|x| serde_json::Number::from_f64(x).map_or(Value::Null, Value::Number)),
        "[ -~]{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            proptest::collection::btree_map("[a-zA-Z]{1,12}", inner, 0..6).prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Every node of a document, by the path of keys and indexes leading to it.
fn paths(value: &Value, here: Vec<String>, out: &mut Vec<Vec<String>>) {
    out.push(here.clone());
    match value {
        Value::Object(map) => map.iter().for_each(|(k, v)| paths(v, [here.clone(), vec![k.clone()]].concat(), out)),
        Value::Array(items) => items.iter().enumerate().for_each(|(i, v)| paths(v, [here.clone(), vec![i.to_string()]].concat(), out)),
        _ => {}
    }
}

fn replace_at(value: &mut Value, path: &[String], with: Value) {
    match path.split_first() {
        None => *value = with,
        Some((head, rest)) => {
            let child = match value {
                Value::Object(map) => map.get_mut(head),
                Value::Array(items) => head.parse::<usize>().ok().and_then(|i| items.get_mut(i)),
                _ => None,
            };
            if let Some(child) = child {
                replace_at(child, rest, with);
            }
        }
    }
}

/// A fixture with the node at a chosen position replaced by an odd value.
fn mutated(fixture: &'static str) -> impl Strategy<Value = String> {
    let document: Value = serde_json::from_str(fixture).expect("fixtures are JSON");
    let mut all = Vec::new();
    paths(&document, Vec::new(), &mut all);
    (0..all.len(), odd_value()).prop_map(move |(pick, odd)| {
        let mut copy = document.clone();
        replace_at(&mut copy, &all[pick], odd);
        copy.to_string()
    })
}

fn fixtures() -> impl Strategy<Value = String> {
    prop_oneof![
        mutated(SCHWAB_QUOTES),
        mutated(SCHWAB_CHAIN),
        mutated(SCHWAB_ACCOUNTS),
        mutated(SCHWAB_NUMBERS),
        mutated(SCHWAB_WHEEL),
        mutated(TRADIER_QUOTES),
        mutated(TRADIER_CHAIN),
        mutated(TRADIER_HISTORY),
        mutated(TRADIER_TIMESALES),
        mutated(TRADIER_EXPIRATIONS),
    ]
}

/// A CSV cell that is often almost right: dates, actions, symbols, rights, numbers, or noise.
fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        "20[0-9]{2}-[01][0-9]-[0-3][0-9]",
        "(STO|BTC|BTO|STC|ASSIGN|EXERCISE|EXPIRE|BUY|SELL|DIVIDEND|FEE|INTEREST|DEPOSIT|WITHDRAW)",
        "[A-Z]{1,6}",
        "(P|C|)",
        "-?[0-9]{0,7}(\\.[0-9]{0,5})?",
        "[ -~&&[^,\"]]{0,10}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 768, ..ProptestConfig::default() })]

    #[test]
    fn provider_parsers_survive_mutated_real_responses(body in fixtures()) {
        parse_all_json(&body);
    }

    #[test]
    fn provider_parsers_survive_any_json(document in any_json()) {
        parse_all_json(&document.to_string());
    }

    #[test]
    fn provider_parsers_survive_truncation(cut in 0usize..20_000, which in 0usize..4) {
        let body = [SCHWAB_WHEEL, SCHWAB_CHAIN, TRADIER_CHAIN, SCHWAB_ACCOUNTS][which];
        let mut end = cut.min(body.len());
        while !body.is_char_boundary(end) {
            end -= 1;
        }
        parse_all_json(&body[..end]);
    }

    #[test]
    fn text_parsers_survive_any_text(text in "(?s).{0,400}") {
        parse_all_json(&text);
        let _ = csv_format::parse(&text);
        let _ = tradingview::parse(&text);
        let _ = schwab::oauth::code_from_redirect(&text, "https://127.0.0.1:8182", "state");
    }

    #[test]
    fn the_csv_parser_survives_fill_shaped_noise(rows in proptest::collection::vec(proptest::collection::vec(cell(), 13), 0..8)) {
        let body: Vec<String> = rows.iter().map(|r| r.join(",")).collect();
        let text = format!("{}\n{}", csv_format::REQUIRED.join(","), body.join("\n"));
        if let Ok(parsed) = csv_format::parse(&text) {
            prop_assert_eq!(parsed.len(), rows.len(), "every row is a fill, or the file is refused");
        }
    }
}
