//! The OS keychain behind the [`Keychain`](crate::ports::Keychain) port: macOS Keychain, Windows
//! Credential Manager, or the Secret Service on Linux, through the `keyring` crate with its
//! platform stores enabled (never its in-memory fallback). Secrets live here and nowhere else.

use crate::error::{EngineError, Result};
use crate::ports::Keychain;
use wheelwright_domain::ErrorCode;

/// The service name the app and the CLI share, so a login made in one serves the other.
pub const SERVICE: &str = "app.wheelwright.desktop";

/// Entries are stored under one service name (the app identifier), keyed by `name`.
pub struct OsKeychain {
    service: String,
}

impl OsKeychain {
    pub fn new(service: impl Into<String>) -> Self {
        OsKeychain { service: service.into() }
    }

    fn entry(&self, name: &str) -> Result<keyring::Entry> {
        keyring::Entry::new(&self.service, name).map_err(unavailable)
    }
}

/// Explains a keychain failure without ever including a secret (keyring's errors carry none).
fn unavailable(e: keyring::Error) -> EngineError {
    EngineError::new(
        ErrorCode::KeychainUnavailable,
        format!("the system keychain is not available ({e}): on Linux, a Secret Service (GNOME Keyring or KWallet) must be running and unlocked"),
    )
}

impl Keychain for OsKeychain {
    fn get(&self, name: &str) -> Result<Option<String>> {
        match self.entry(name)?.get_password() {
            Ok(secret) => Ok(Some(secret)),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(unavailable(e)),
        }
    }

    fn set(&self, name: &str, secret: &str) -> Result<()> {
        self.entry(name)?.set_password(secret).map_err(unavailable)
    }

    fn delete(&self, name: &str) -> Result<()> {
        match self.entry(name)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(unavailable(e)),
        }
    }
}
