//! The OS keychain adapter against the real Secret Service. These need a D-Bus session with an
//! unlocked keyring, so they are ignored in a plain `cargo test` and run by the end-to-end
//! session script (`scripts/e2e-session.sh`), which provides exactly that.

use wheelwright_engine::keychain::OsKeychain;
use wheelwright_engine::ports::Keychain;

#[test]
#[ignore = "needs a Secret Service session: run by scripts/e2e-session.sh"]
fn secrets_round_trip_through_the_real_keychain_and_delete_cleanly() {
    // A service name of its own per run, so a leftover from an earlier run cannot pass the test.
    let keychain = OsKeychain::new(format!("app.wheelwright.test.{}", std::process::id()));
    assert_eq!(keychain.get("tradier.token").unwrap(), None);
    keychain.set("tradier.token", "s3cr3t-value").unwrap();
    assert_eq!(keychain.get("tradier.token").unwrap().as_deref(), Some("s3cr3t-value"));
    keychain.set("tradier.token", "rotated").unwrap();
    assert_eq!(keychain.get("tradier.token").unwrap().as_deref(), Some("rotated"));
    keychain.delete("tradier.token").unwrap();
    assert_eq!(keychain.get("tradier.token").unwrap(), None);
    // Deleting again is fine: "disconnect" may run twice.
    keychain.delete("tradier.token").unwrap();
}

#[tokio::test]
#[ignore = "needs a Secret Service session: run by scripts/e2e-session.sh"]
async fn a_schwab_login_round_trips_through_the_real_keychain() {
    let service = format!("app.wheelwright.test.login.{}", std::process::id());
    crate::login::login_round_trip(std::sync::Arc::new(OsKeychain::new(service))).await;
}
