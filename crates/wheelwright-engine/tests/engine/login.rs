//! The Schwab login through the engine against the fake server: app credentials into the
//! keychain, the authorize URL with its state, the pasted redirect exchanged for tokens, Schwab
//! as the market-data provider, the access token refreshed five minutes early, the day-6 warning
//! and the day-7 "log in again" (with nothing sent), and disconnecting. Run once on an in-memory
//! keychain and once (in the end-to-end session) on the real Secret Service; both check that no
//! secret reaches the database file or the log.

use crate::fake_server::{FakeServer, Reply};
use crate::{db_in, Notes};
use chrono::{DateTime, Duration, TimeZone, Utc};
use std::collections::HashMap;
use std::io::Write;
use std::sync::{Arc, Mutex};
use wheelwright_alerts::{RuleKind, Severity};
use wheelwright_domain::ErrorCode;
use wheelwright_engine::broker::connection::{Provider, SchwabAppInput};
use wheelwright_engine::ports::{Clock, Keychain, NoEvents};
use wheelwright_engine::schwab::oauth::LoginState;
use wheelwright_engine::Engine;

const QUOTES: &str = include_str!("../../../../tests/fixtures/schwab/quotes_aapl.json");
const SECRETS: [&str; 5] = ["APPKEY-1234", "APPSECRET-5678", "acc-first", "acc-second", "ref-token-9"];

pub struct ManualClock(Mutex<DateTime<Utc>>);

impl ManualClock {
    pub fn at(start: DateTime<Utc>) -> Arc<ManualClock> {
        Arc::new(ManualClock(Mutex::new(start)))
    }

    pub fn advance(&self, by: Duration) {
        *self.0.lock().unwrap() += by;
    }
}

impl Clock for ManualClock {
    fn now(&self) -> DateTime<Utc> {
        *self.0.lock().unwrap()
    }
}

/// A stand-in for the keychain in this test only; what ships uses the OS keychain.
#[derive(Default)]
pub struct MemoryKeychain(Mutex<HashMap<String, String>>);

impl Keychain for MemoryKeychain {
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

/// Everything the engine logs during the test, to search for secrets.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn token_reply(access: &str) -> Reply {
    Reply::ok(&format!(
        r#"{{"expires_in":1800,"token_type":"Bearer","scope":"api","refresh_token":"ref-token-9","access_token":"{access}","id_token":"x"}}"#
    ))
}

pub async fn login_round_trip(keychain: Arc<dyn Keychain>) {
    let logs = Captured::default();
    let sink = logs.clone();
    let subscriber =
        tracing_subscriber::fmt().with_max_level(tracing::Level::TRACE).with_writer(move || sink.clone()).with_ansi(false).finish();
    let _logging = tracing::subscriber::set_default(subscriber);

    let dir = tempfile::tempdir().unwrap();
    let clock = Arc::new(ManualClock(Mutex::new(Utc.with_ymd_and_hms(2026, 11, 23, 15, 0, 0).unwrap())));
    let engine = Engine::open(&db_in(dir.path()), clock.clone(), Arc::new(NoEvents), "test").await.unwrap().with_keychain(keychain.clone());
    let server = FakeServer::start().await;
    server.script("/v1/oauth/token", vec![token_reply("acc-first"), token_reply("acc-second")]);
    server.script("/marketdata/v1/quotes", vec![Reply::ok(QUOTES)]);

    // Schwab cannot be chosen before a login, and a login needs the app first.
    assert_eq!(engine.set_provider(Provider::Schwab).await.unwrap_err().code, ErrorCode::AuthRequired);
    assert_eq!(engine.schwab_login_start().await.unwrap_err().code, ErrorCode::AuthRequired);
    let bad = engine
        .schwab_setup(SchwabAppInput {
            app_key: "APPKEY-1234".into(),
            app_secret: " ".into(),
            callback: None,
            api_root: Some(server.url("")),
        })
        .await
        .unwrap_err();
    assert_eq!(bad.field.as_deref(), Some("app_secret"));
    let status = engine
        .schwab_setup(SchwabAppInput {
            app_key: "APPKEY-1234".into(),
            app_secret: "APPSECRET-5678".into(),
            callback: Some("https://127.0.0.1:8182/".into()),
            api_root: Some(server.url("")),
        })
        .await
        .unwrap();
    assert!(status.app_key_set && status.app_secret_set && !status.logged_in);
    assert_eq!(status.callback, "https://127.0.0.1:8182", "no trailing slash: Schwab matches it exactly");

    let start = engine.schwab_login_start().await.unwrap();
    assert!(start.authorize_url.starts_with(&format!("{}/v1/oauth/authorize?response_type=code&client_id=APPKEY-1234", server.url(""))));
    let state = url::Url::parse(&start.authorize_url).unwrap().query_pairs().find(|(k, _)| k == "state").unwrap().1.into_owned();
    let forged = engine.schwab_login_finish("https://127.0.0.1:8182/?code=C0.x%40&state=forged").await.unwrap_err();
    assert!(forged.message.contains("state differs"));
    let status = engine.schwab_login_finish(&format!("https://127.0.0.1:8182/?code=C0.b2F1dGg%40&session=s&state={state}")).await.unwrap();
    assert!(status.logged_in);
    assert_eq!(status.login, Some(LoginState::Valid));
    assert!(server.requests()[0].body.contains("code=C0.b2F1dGg%40"), "the decoded code is sent form-encoded");

    // Schwab answers quotes now, with the access token.
    engine.set_provider(Provider::Schwab).await.unwrap();
    assert_eq!(engine.market_provider(), "schwab");
    engine.quotes(&["AAPL".to_string()]).await.unwrap();
    assert_eq!(server.requests().last().unwrap().authorization.as_deref(), Some("Bearer acc-first"));

    // 26 minutes later the access token is within 5 minutes of expiry: refreshed first.
    clock.advance(Duration::minutes(26));
    engine.quotes(&["AAPL".to_string()]).await.unwrap();
    let sent = server.requests();
    assert!(sent[sent.len() - 2].body.contains("grant_type=refresh_token&refresh_token=ref-token-9"));
    assert_eq!(sent.last().unwrap().authorization.as_deref(), Some("Bearer acc-second"));

    // Day 6: a warning, still working. Day 7: "log in again", and nothing is sent.
    clock.advance(Duration::days(6) - Duration::minutes(26));
    let status = engine.broker_status().await.unwrap().schwab;
    assert_eq!(status.login, Some(LoginState::RefreshDue));
    engine.quotes(&["AAPL".to_string()]).await.unwrap();
    let status = engine.broker_status().await.unwrap().schwab;
    assert_eq!(status.login, Some(LoginState::ExpiresSoon));
    assert!(status.warning.as_deref().unwrap().contains("expires in 24 hours"), "{:?}", status.warning);
    // The warning goes out as an alert (and a notification) once a day, not on every check.
    let notifier = Notes::default();
    let check = engine.check_alerts(&[RuleKind::TokenExpiry], &notifier).await.unwrap();
    assert_eq!(check.raised.len(), 1);
    assert_eq!((check.raised[0].title.as_str(), check.raised[0].severity), ("Schwab login expiring", Severity::Warning));
    assert_eq!(Some(&check.raised[0].body), status.warning.as_ref());
    let again = engine.check_alerts(&[RuleKind::TokenExpiry], &notifier).await.unwrap();
    assert_eq!((again.raised.len(), again.held_back), (0, 1), "already said today");
    assert_eq!(notifier.titles(), ["Schwab login expiring"]);
    clock.advance(Duration::days(1));
    let before = server.requests().len();
    let expired = engine.quotes(&["AAPL".to_string()]).await.unwrap_err();
    assert_eq!(expired.code, ErrorCode::AuthRequired);
    assert!(expired.message.contains("log in again"));
    assert_eq!(server.requests().len(), before, "nothing is sent with a dead login");
    assert!(!engine.broker_status().await.unwrap().schwab.logged_in);
    // Expired is a new condition: announced at once, as critical.
    let expired = engine.check_alerts(&[RuleKind::TokenExpiry], &notifier).await.unwrap();
    assert_eq!((expired.raised[0].title.as_str(), expired.raised[0].severity), ("Schwab login expired", Severity::Critical));
    assert!(expired.raised[0].body.contains("has expired"), "{}", expired.raised[0].body);
    assert_eq!(notifier.titles().len(), 2);

    // The status never carries a secret; neither does the database file nor the log.
    let status_json = serde_json::to_string(&engine.broker_status().await.unwrap()).unwrap();
    engine.store().close().await;
    let mut stored = Vec::new();
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        stored.extend(std::fs::read(entry.unwrap().path()).unwrap_or_default());
    }
    let stored = String::from_utf8_lossy(&stored);
    let logged = String::from_utf8_lossy(&logs.0.lock().unwrap()).into_owned();
    assert!(logged.contains("Schwab access token refreshed"), "the log is captured: {logged}");
    for secret in SECRETS {
        assert!(!status_json.contains(secret), "status shows {secret}");
        assert!(!stored.contains(secret), "the database files hold {secret}");
        assert!(!logged.contains(secret), "the log holds {secret}");
    }

    // Disconnecting deletes every keychain entry and falls back to the Demo market.
    let reopened =
        Engine::open(&db_in(dir.path()), clock.clone(), Arc::new(NoEvents), "test").await.unwrap().with_keychain(keychain.clone());
    assert_eq!(reopened.market_provider(), "schwab", "the provider choice is kept");
    let status = reopened.schwab_disconnect().await.unwrap();
    assert_eq!((status.provider, status.schwab.app_key_set, status.schwab.logged_in), (Provider::Demo, false, false));
    for entry in ["schwab.app_key", "schwab.app_secret", "schwab.tokens"] {
        assert_eq!(keychain.get(entry).unwrap(), None);
    }
}

#[tokio::test]
async fn a_schwab_login_lives_in_the_keychain_refreshes_early_and_expires_cleanly() {
    login_round_trip(Arc::new(MemoryKeychain::default())).await;
}
