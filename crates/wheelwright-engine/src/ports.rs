//! Ports: what the engine needs from its host, as traits, so the desktop shell, the CLI and the
//! tests each plug in their own. The clock is a port because time is an input, never read
//! behind the caller's back; the event sink is how the app hears that the ledger changed; the
//! keychain holds secrets (the OS one in [`crate::keychain`]); the notifier reaches the desktop.

use crate::error::Result;
use chrono::{DateTime, Utc};
use serde::Serialize;
use ts_rs::TS;

pub trait Clock: Send + Sync {
    fn now(&self) -> DateTime<Utc>;
}

/// The computer's clock.
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// Something in the ledger (or the alert inbox) changed; listeners refresh what they show.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum LedgerEvent {
    PortfoliosChanged,
    FillsChanged {
        portfolio: String,
        symbols: Vec<String>,
    },
    /// Alerts were raised, read or dismissed; `unread` is the inbox's unread count now.
    AlertsChanged {
        unread: u32,
    },
    /// Another process (the CLI, the headless scheduler) committed to the database: anything
    /// shown may be stale.
    OtherProcessWrote,
}

pub trait EventSink: Send + Sync {
    fn emit(&self, event: LedgerEvent);
}

/// For hosts that do not listen (the CLI).
pub struct NoEvents;

impl EventSink for NoEvents {
    fn emit(&self, _event: LedgerEvent) {}
}

/// Secrets by name. Implementations must keep them out of files, logs and the database.
pub trait Keychain: Send + Sync {
    fn get(&self, name: &str) -> Result<Option<String>>;
    fn set(&self, name: &str, secret: &str) -> Result<()>;
    /// Deleting a secret that is not there is not an error.
    fn delete(&self, name: &str) -> Result<()>;
}

/// A native desktop notification.
pub trait Notifier: Send + Sync {
    fn notify(&self, title: &str, body: &str) -> Result<()>;
}
