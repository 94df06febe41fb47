//! Ports: what the engine needs from its host, as traits, so the desktop shell, the CLI and the
//! tests each plug in their own. The clock is a port because time is an input, never read
//! behind the caller's back; the event sink is how the app hears that the ledger changed.

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

/// Something in the ledger changed; listeners refresh what they show.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum LedgerEvent {
    PortfoliosChanged,
    FillsChanged { portfolio: String, symbols: Vec<String> },
}

pub trait EventSink: Send + Sync {
    fn emit(&self, event: LedgerEvent);
}

/// For hosts that do not listen (the CLI).
pub struct NoEvents;

impl EventSink for NoEvents {
    fn emit(&self, _event: LedgerEvent) {}
}
