//! Alerts through the engine on real SQLite files: the standing rules seeded once and kept
//! across restarts, every bad rule refused with its field, a check on the Demo market that
//! raises position and price alerts once (cooldowns and the last price observed survive a
//! restart), the inbox's read / dismiss / history, and a pause that keeps alerts out of the
//! desktop's way but not out of the inbox.

use crate::strategy::wheel_portfolio;
use crate::{db_in, open, Notes};
use wheelwright_alerts::{Link, RuleInput, RuleKind, Silence};
use wheelwright_demo::ClockStep;
use wheelwright_domain::ErrorCode;
use wheelwright_engine::alerts::{AlertPause, InboxQuery};

#[tokio::test]
async fn standing_rules_are_seeded_once_and_edited_with_checks() {
    let dir = tempfile::tempdir().unwrap();
    let engine = open(&db_in(dir.path())).await;
    let rules = engine.alert_rules().await.unwrap();
    assert_eq!(rules.len(), RuleKind::ALL.len() - 1, "one standing rule per kind but price levels");
    let profit = rules.iter().find(|r| r.kind == RuleKind::TakeProfit).unwrap().clone();
    assert_eq!((profit.threshold, profit.enabled, profit.cooldown_minutes), (Some(50.0), true, 1200));

    let tuned = engine.update_alert_rule(profit.id, RuleInput { threshold: Some(80.0), ..RuleInput::default() }).await.unwrap();
    assert_eq!(tuned.threshold, Some(80.0));
    let bad = engine.update_alert_rule(profit.id, RuleInput { threshold: Some(180.0), ..RuleInput::default() }).await.unwrap_err();
    assert_eq!((bad.code, bad.field.as_deref()), (ErrorCode::InvalidInput, Some("threshold")));
    assert_eq!(engine.update_alert_rule(9999, RuleInput::default()).await.unwrap_err().code, ErrorCode::NotFound);

    let standing = engine.add_alert_rule(RuleKind::InTheMoney, RuleInput::default()).await.unwrap_err();
    assert_eq!((standing.code, standing.field.as_deref()), (ErrorCode::AlreadyExists, Some("kind")));
    let nameless =
        engine.add_alert_rule(RuleKind::PriceCrosses, RuleInput { threshold: Some(60.0), ..RuleInput::default() }).await.unwrap_err();
    assert_eq!(nameless.field.as_deref(), Some("symbol"));
    let bad_symbol = engine
        .add_alert_rule(RuleKind::PriceCrosses, RuleInput { symbol: Some("K O".into()), threshold: Some(60.0), ..RuleInput::default() })
        .await;
    assert_eq!(bad_symbol.unwrap_err().code, ErrorCode::InvalidSymbol);
    let level = engine
        .add_alert_rule(RuleKind::PriceCrosses, RuleInput { symbol: Some("ko".into()), threshold: Some(60.0), ..RuleInput::default() })
        .await
        .unwrap();
    assert_eq!((level.symbol.as_deref(), level.cooldown_minutes), (Some("KO"), 60));
    let moved = engine.update_alert_rule(level.id, RuleInput { symbol: Some("PEP".into()), ..RuleInput::default() }).await.unwrap_err();
    assert_eq!(moved.field.as_deref(), Some("symbol"));
    assert_eq!(engine.delete_alert_rule(profit.id).await.unwrap_err().field.as_deref(), Some("id"), "standing rules are switched off");

    // A restart seeds nothing twice and keeps every edit.
    drop(engine);
    let engine = open(&db_in(dir.path())).await;
    let rules = engine.alert_rules().await.unwrap();
    assert_eq!(rules.len(), RuleKind::ALL.len());
    assert_eq!(rules.iter().find(|r| r.id == profit.id).unwrap().threshold, Some(80.0));
    engine.delete_alert_rule(level.id).await.unwrap();
    assert_eq!(engine.alert_rules().await.unwrap().len(), RuleKind::ALL.len() - 1);
}

#[tokio::test]
async fn a_check_raises_each_condition_once_across_restarts() {
    let dir = tempfile::tempdir().unwrap();
    let engine = open(&db_in(dir.path())).await;
    wheel_portfolio(&engine).await; // a KO put near the money, expiring Dec 18 (25 days)
    let rules = engine.alert_rules().await.unwrap();
    let rule = |kind| rules.iter().find(|r| r.kind == kind).unwrap().id;
    // The put is inside a 30-day window; nothing else is made to fire.
    engine.update_alert_rule(rule(RuleKind::ExpiringSoon), RuleInput { threshold: Some(30.0), ..RuleInput::default() }).await.unwrap();
    for kind in [RuleKind::InTheMoney, RuleKind::RiskHigh, RuleKind::TakeProfit, RuleKind::DailyMove, RuleKind::LimitBreach] {
        engine.update_alert_rule(rule(kind), RuleInput { enabled: Some(false), ..RuleInput::default() }).await.unwrap();
    }
    // A KO level out of reach for now: the check starts watching KO's price.
    let far = RuleInput { symbol: Some("KO".into()), threshold: Some(1000.0), ..RuleInput::default() };
    let level_rule = engine.add_alert_rule(RuleKind::PriceCrosses, far).await.unwrap();
    let monitored = [RuleKind::PriceCrosses, RuleKind::ExpiringSoon];
    let notes = Notes::default();
    let first = engine.check_alerts(&monitored, &notes).await.unwrap();
    assert_eq!(first.raised.len(), 1, "{first:?}");
    let alert = &first.raised[0];
    assert_eq!(alert.kind, RuleKind::ExpiringSoon);
    assert!(alert.title.starts_with("KO Dec 18 2026 ") && alert.title.ends_with(" put expires in 25 days"), "{}", alert.title);
    assert_eq!(alert.link, Link::Wheel { portfolio: "Wheel".into(), symbol: "KO".into() });
    assert_eq!(alert.delivery, "notified");
    assert_eq!(notes.titles(), std::slice::from_ref(&alert.title));

    // The next session KO trades elsewhere; a level between the two prices has been crossed.
    let before = engine.quotes(&["KO".into()]).await.unwrap()[0].mark().unwrap();
    engine.step_demo_clock(ClockStep::NextSession).await.unwrap();
    engine.step_demo_clock(ClockStep::ToClose).await.unwrap();
    let after = engine.quotes(&["KO".into()]).await.unwrap()[0].mark().unwrap();
    assert_ne!(before, after);
    let level = ((before + after) / 2.0 * 100.0).round() / 100.0;
    engine.update_alert_rule(level_rule.id, RuleInput { threshold: Some(level), ..RuleInput::default() }).await.unwrap();
    // A restart in between: the last price seen and the cooldowns are in the database.
    drop(engine);
    let engine = open(&db_in(dir.path())).await;
    let second = engine.check_alerts(&monitored, &notes).await.unwrap();
    assert_eq!(second.raised.len(), 1, "{second:?}");
    assert_eq!(second.held_back, 1, "the expiring put was already said");
    let direction = if after > before { "up" } else { "down" };
    assert_eq!(second.raised[0].title, format!("KO crossed {level:.2} {direction}"));
    // Nothing new a moment later: the price did not move and the put is cooling down.
    let third = engine.check_alerts(&monitored, &notes).await.unwrap();
    assert_eq!((third.raised.len(), third.held_back), (0, 1));
    assert_eq!(notes.titles().len(), 2);

    // The inbox: newest first, unread counted; read one, dismiss all, history keeps them.
    let inbox = engine.inbox(InboxQuery::default()).await.unwrap();
    assert_eq!((inbox.alerts.len(), inbox.unread), (2, 2));
    assert!(inbox.alerts[0].title.starts_with("KO crossed"));
    assert_eq!(engine.mark_alerts_read(&[inbox.alerts[0].id]).await.unwrap(), 1);
    let unread = engine.inbox(InboxQuery { unread_only: true, ..InboxQuery::default() }).await.unwrap();
    assert_eq!(unread.alerts.iter().map(|a| a.id).collect::<Vec<_>>(), [inbox.alerts[1].id]);
    assert_eq!(engine.mark_alerts_read(&[424242]).await.unwrap_err().field.as_deref(), Some("ids"));
    assert_eq!(engine.dismiss_alerts(&[]).await.unwrap(), 0);
    assert!(engine.inbox(InboxQuery::default()).await.unwrap().alerts.is_empty());
    let history = engine.inbox(InboxQuery { include_dismissed: true, ..InboxQuery::default() }).await.unwrap();
    assert!(history.alerts.iter().all(|a| a.dismissed) && history.alerts.len() == 2);
    assert_eq!(engine.inbox(InboxQuery { limit: Some(0), ..InboxQuery::default() }).await.unwrap_err().field.as_deref(), Some("limit"));
}

#[tokio::test]
async fn a_pause_keeps_alerts_in_the_inbox_and_off_the_desktop() {
    let dir = tempfile::tempdir().unwrap();
    let engine = open(&db_in(dir.path())).await;
    wheel_portfolio(&engine).await;
    let expiring = engine.alert_rules().await.unwrap().into_iter().find(|r| r.kind == RuleKind::ExpiringSoon).unwrap();
    engine.update_alert_rule(expiring.id, RuleInput { threshold: Some(30.0), ..RuleInput::default() }).await.unwrap();
    let paused = engine.pause_alerts(AlertPause::OneHour).await.unwrap();
    assert!(matches!(paused.silence, Some(Silence::Paused { .. })), "{paused:?}");
    let notes = Notes::default();
    let check = engine.check_alerts(&[RuleKind::ExpiringSoon], &notes).await.unwrap();
    assert_eq!(check.raised.len(), 1);
    assert_eq!(check.raised[0].delivery, "paused");
    assert!(notes.titles().is_empty(), "nothing reached the desktop");
    assert_eq!(engine.inbox(InboxQuery::default()).await.unwrap().unread, 1);
    let resumed = engine.pause_alerts(AlertPause::Resume).await.unwrap();
    assert_eq!((resumed.silence, resumed.delivery.paused_until), (None, None));
    let until_tomorrow = engine.pause_alerts(AlertPause::UntilTomorrow).await.unwrap();
    let until = until_tomorrow.delivery.paused_until.unwrap();
    // The engine's clock reads 2026-11-22 09:30 UTC: the pause ends at the next local midnight.
    let start = chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2026, 11, 22, 9, 30, 0).unwrap();
    assert!(until > start && until - start <= chrono::Duration::hours(24), "{until}");
    assert_eq!(until.with_timezone(&chrono::Local).time(), chrono::NaiveTime::MIN);
    assert_eq!(engine.alert_delivery().await.unwrap().delivery.paused_until, Some(until), "kept");
}
