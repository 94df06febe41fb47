use chrono::{DateTime, Duration, NaiveTime, TimeZone, Utc};
use std::collections::HashMap;
use wheelwright_alerts::*;

fn candidate(rule_id: i64, key: &str) -> Candidate {
    Candidate {
        rule_id,
        kind: RuleKind::InTheMoney,
        severity: Severity::Warning,
        dedupe_key: key.into(),
        title: key.into(),
        body: String::new(),
        link: Link::Settings,
        portfolio: None,
        symbol: None,
    }
}

fn at(h: u32, m: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 16, h, m, 0).unwrap()
}

#[test]
fn a_key_fired_within_its_cooldown_is_held_back() {
    let rules = [
        Rule { id: 1, kind: RuleKind::InTheMoney, symbol: None, threshold: None, enabled: true, cooldown_minutes: 60 },
        Rule { id: 2, kind: RuleKind::RiskHigh, symbol: None, threshold: None, enabled: true, cooldown_minutes: 0 },
    ];
    let fired: HashMap<&str, DateTime<Utc>> =
        HashMap::from([("a", at(10, 0)), ("b", at(9, 0)), ("c", at(10, 30)), ("e", at(10, 59)), ("f", at(10, 59))]);
    let now = at(11, 0);
    let candidates = vec![
        candidate(1, "a"), // exactly 60 minutes ago: the cooldown is over
        candidate(1, "b"),
        candidate(1, "c"), // 30 minutes ago: held
        candidate(1, "d"), // never fired
        candidate(1, "d"), // twice in one evaluation: once
        candidate(2, "e"), // a zero cooldown: every time
        candidate(9, "f"), // its rule is gone: no cooldown
    ];
    let admitted = admit(candidates, &rules, |key| fired.get(key).copied(), now);
    let got: Vec<(i64, &str)> = admitted.iter().map(|c| (c.rule_id, c.dedupe_key.as_str())).collect();
    assert_eq!(got, [(1, "a"), (1, "b"), (1, "d"), (2, "e"), (9, "f")]);
    // One minute earlier, "a" is still cooling down.
    let earlier = admit(vec![candidate(1, "a")], &rules, |key| fired.get(key).copied(), now - Duration::minutes(1));
    assert!(earlier.is_empty());
}

#[test]
fn quiet_hours_may_run_over_midnight() {
    let t = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap();
    let night = QuietHours { start: t(22, 0), end: t(7, 0) };
    for (time, inside) in [(t(21, 59), false), (t(22, 0), true), (t(3, 0), true), (t(6, 59), true), (t(7, 0), false), (t(12, 0), false)] {
        assert_eq!(night.contains(time), inside, "{time}");
    }
    let lunch = QuietHours { start: t(12, 0), end: t(13, 0) };
    assert!(lunch.contains(t(12, 30)) && !lunch.contains(t(13, 0)) && !lunch.contains(t(11, 59)));
    let empty = QuietHours { start: t(9, 0), end: t(9, 0) };
    assert!(!empty.contains(t(9, 0)));
}

#[test]
fn a_pause_then_quiet_hours_silence_the_interrupting_channels() {
    let noon = NaiveTime::from_hms_opt(12, 0, 0).unwrap();
    let night = NaiveTime::from_hms_opt(23, 0, 0).unwrap();
    let quiet = QuietHours { start: NaiveTime::from_hms_opt(22, 0, 0).unwrap(), end: NaiveTime::from_hms_opt(7, 0, 0).unwrap() };
    let delivery = Delivery { quiet_hours: Some(quiet), paused_until: Some(at(12, 0)) };
    assert_eq!(delivery.silence(at(11, 59), noon), Some(Silence::Paused { until: at(12, 0) }));
    assert_eq!(delivery.silence(at(12, 0), noon), None, "the pause ends at its instant");
    assert_eq!(delivery.silence(at(12, 0), night), Some(Silence::QuietHours));
    assert_eq!(Delivery::default().silence(at(12, 0), night), None);
}
