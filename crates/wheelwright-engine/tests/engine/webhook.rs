//! The webhook channel against a local receiver on 127.0.0.1: a check's new alerts arrive as one
//! signed JSON document (the signature checked here with its own HMAC), a receiver that fails
//! twice gets the delivery on the third try and the log shows all three, a refusal is not
//! retried, a pause holds the channel back, bad settings are refused by field, and neither the
//! URL (it may carry a token) nor the secret reaches the database.

use crate::fake_server::{FakeServer, Reply};
use crate::login::MemoryKeychain;
use crate::strategy::wheel_portfolio;
use crate::{db_in, open, Notes};
use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::sync::Arc;
use wheelwright_alerts::{RuleInput, RuleKind};
use wheelwright_domain::ErrorCode;
use wheelwright_engine::alerts::AlertPause;
use wheelwright_engine::webhook::{WebhookInput, SIGNATURE_HEADER};

const SECRET: &str = "whsec-test-0123456789abcdef";

/// The receiver's side: the signature header's time, and whether its HMAC matches the body.
fn verify(header: &str, body: &str) -> (i64, bool) {
    let (t, v1) = header.split_once(',').expect("t=…,v1=…");
    let t: i64 = t.strip_prefix("t=").unwrap().parse().unwrap();
    let mut mac = Hmac::<Sha256>::new_from_slice(SECRET.as_bytes()).unwrap();
    mac.update(format!("{t}.{body}").as_bytes());
    (t, mac.verify_slice(&hex::decode(v1.strip_prefix("v1=").unwrap()).unwrap()).is_ok())
}

#[tokio::test]
async fn alerts_reach_the_webhook_signed_retried_and_logged() {
    let dir = tempfile::tempdir().unwrap();
    let keychain = Arc::new(MemoryKeychain::default());
    let engine = open(&db_in(dir.path())).await.with_keychain(keychain.clone());
    let server = FakeServer::start().await;
    let url = server.url("/hooks/T0KEN-IN-THE-PATH");

    // Bad settings are refused by field, and nothing is kept.
    let off = WebhookInput { url: Some(url.clone()), enabled: true, ..WebhookInput::default() };
    let e = engine.set_webhook(off).await.unwrap_err();
    assert_eq!((e.code, e.field.as_deref()), (ErrorCode::MissingField, Some("secret")));
    let short = WebhookInput { url: Some(url.clone()), secret: Some("short".into()), enabled: true };
    assert_eq!(engine.set_webhook(short).await.unwrap_err().field.as_deref(), Some("secret"));
    let plain = WebhookInput { url: Some("http://hooks.example.com/x".into()), secret: Some(SECRET.into()), enabled: true };
    assert_eq!(engine.set_webhook(plain).await.unwrap_err().field.as_deref(), Some("url"));
    let status = engine.webhook_status().await.unwrap();
    assert!(!status.enabled && !status.url_set && !status.secret_set, "{status:?}");

    let on = WebhookInput { url: Some(url.clone()), secret: Some(SECRET.into()), enabled: true };
    let status = engine.set_webhook(on).await.unwrap();
    assert_eq!((status.enabled, status.host.as_deref(), status.url_set, status.secret_set), (true, Some("127.0.0.1"), true, true));

    // The receiver is down twice (a 503 asking to come back at once, then a 500), then takes it.
    server.script(
        "/hooks/T0KEN-IN-THE-PATH",
        vec![Reply::status(503).with_header("retry-after", "0"), Reply::status(500).with_header("retry-after", "0"), Reply::ok("{}")],
    );
    wheel_portfolio(&engine).await; // a KO put expiring in 25 days
    let expiring = engine.alert_rules().await.unwrap().into_iter().find(|r| r.kind == RuleKind::ExpiringSoon).unwrap();
    engine.update_alert_rule(expiring.id, RuleInput { threshold: Some(30.0), ..RuleInput::default() }).await.unwrap();
    let check = engine.check_alerts(&[RuleKind::ExpiringSoon], &Notes::default()).await.unwrap();
    assert_eq!(check.raised.len(), 1);
    assert!(check.notes.is_empty(), "{:?}", check.notes);

    let posts = server.requests();
    assert_eq!(posts.len(), 3, "two failures and the delivery");
    for post in &posts {
        assert_eq!(post.method, "POST");
        assert_eq!(post.header("content-type"), Some("application/json"));
        let (t, valid) = verify(post.header(SIGNATURE_HEADER).expect("signed"), &post.body);
        assert!(valid, "the signature matches the body");
        let document: serde_json::Value = serde_json::from_str(&post.body).unwrap();
        assert_eq!(document["event"], "alerts");
        assert_eq!(chrono::DateTime::parse_from_rfc3339(document["sent_at"].as_str().unwrap()).unwrap().timestamp(), t);
        assert_eq!(document["alerts"][0]["id"], check.raised[0].id);
        assert_eq!(document["alerts"][0]["title"], check.raised[0].title.as_str());
        assert_eq!(document["text"], format!("Wheelwright: {} — {}", check.raised[0].title, check.raised[0].body));
    }
    // A tampered body does not verify.
    let (_, tampered) = verify(posts[2].header(SIGNATURE_HEADER).unwrap(), &posts[2].body.replace("KO", "PEP"));
    assert!(!tampered);

    let log = engine.webhook_deliveries(10).await.unwrap();
    assert_eq!(log.len(), 1);
    let delivery = &log[0];
    assert_eq!((delivery.event.as_str(), delivery.outcome.as_str(), delivery.http_status), ("alerts", "delivered", Some(200)));
    assert_eq!(delivery.alert_ids, [check.raised[0].id]);
    assert_eq!(delivery.attempts.iter().map(|a| a.status).collect::<Vec<_>>(), [Some(503), Some(500), Some(200)]);
    assert!(delivery.attempts[0].error.as_deref().is_some_and(|e| e.contains("503")), "{:?}", delivery.attempts[0]);
    assert_eq!(engine.webhook_status().await.unwrap().last.as_ref(), Some(delivery));

    // A refusal (400) is the receiver's answer, not a fault: no retry, logged as failed.
    server.script("/hooks/T0KEN-IN-THE-PATH", vec![Reply::status(400)]);
    let test = engine.test_webhook().await.unwrap();
    assert_eq!((test.event.as_str(), test.outcome.as_str(), test.http_status, test.attempts.len()), ("test", "failed", Some(400), 1));
    assert!(test.error.as_deref().is_some_and(|e| e.contains("400")), "{:?}", test.error);
    let sent = server.requests().pop().unwrap();
    assert_eq!(serde_json::from_str::<serde_json::Value>(&sent.body).unwrap()["event"], "test");

    // Paused: the alert is stored, nothing is posted.
    engine.pause_alerts(AlertPause::OneHour).await.unwrap();
    engine
        .update_alert_rule(expiring.id, RuleInput { threshold: Some(29.0), cooldown_minutes: Some(0), ..RuleInput::default() })
        .await
        .unwrap();
    let before = server.requests().len();
    let paused = engine.check_alerts(&[RuleKind::ExpiringSoon], &Notes::default()).await.unwrap();
    assert_eq!((paused.raised.len(), server.requests().len()), (1, before));

    // An endpoint that never answers: the check still stores its alert and says what failed.
    engine.pause_alerts(AlertPause::Resume).await.unwrap();
    let gone = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
    let dead = format!("http://{gone}/hooks/T0KEN-IN-THE-PATH");
    engine.set_webhook(WebhookInput { url: Some(dead), enabled: true, ..WebhookInput::default() }).await.unwrap();
    let unreachable = engine.check_alerts(&[RuleKind::ExpiringSoon], &Notes::default()).await.unwrap();
    assert_eq!(unreachable.raised.len(), 1);
    assert!(unreachable.notes.iter().any(|n| n.contains("the webhook to 127.0.0.1 failed")), "{:?}", unreachable.notes);
    let failed = engine.webhook_deliveries(1).await.unwrap().pop().unwrap();
    assert_eq!((failed.outcome.as_str(), failed.attempts.len(), failed.http_status), ("failed", 4, None));
    // The reason is said (a refused connection), without the URL or its token.
    let reason = failed.error.unwrap();
    assert!(reason.contains("cannot reach it") && reason.to_lowercase().contains("refused"), "{reason}");
    assert!(failed.attempts.iter().all(|a| !a.error.as_deref().unwrap_or_default().contains("T0KEN")));

    // A redirect is the receiver's answer, not followed: the signed body is not re-sent elsewhere.
    engine.set_webhook(WebhookInput { url: Some(url.clone()), enabled: true, ..WebhookInput::default() }).await.unwrap();
    server.script("/hooks/T0KEN-IN-THE-PATH", vec![Reply::status(308).with_header("location", "http://example.com/elsewhere")]);
    let moved = engine.test_webhook().await.unwrap();
    assert_eq!((moved.outcome.as_str(), moved.http_status, moved.attempts.len()), ("failed", Some(308), 1));

    // The URL's token and the secret are only in the keychain.
    drop(engine);
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let content = String::from_utf8_lossy(&std::fs::read(entry.unwrap().path()).unwrap()).into_owned();
        assert!(!content.contains("T0KEN-IN-THE-PATH") && !content.contains(SECRET));
    }
    let removed = open(&db_in(dir.path())).await.with_keychain(keychain.clone()).remove_webhook().await.unwrap();
    assert!(!removed.enabled && !removed.url_set && !removed.secret_set && removed.last.is_some());
}
