//! The engine against real SQLite files: opening and migrating safely, the ledger services, CSV
//! import/export, and two writers on one file. One test binary for the crate.

mod alerts;
mod broker;
mod charts;
mod csv_io;
mod dashboard;
mod fake_server;
mod fuzz;
mod health;
mod http;
mod keychain;
mod login;
mod market;
mod performance;
mod risk;
mod scheduler;
mod schwab;
mod services;
mod store;
mod strategy;
mod ticket;
mod tradier;
mod watchlists;
mod webhook;

use chrono::{DateTime, TimeZone, Utc};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex};
use wheelwright_engine::ports::{Clock, NoEvents, Notifier};
use wheelwright_engine::Engine;

/// A clock that ticks one second per reading, from a fixed start: deterministic stamps.
pub struct TickingClock {
    start: DateTime<Utc>,
    ticks: AtomicI64,
}

impl TickingClock {
    pub fn new() -> Arc<Self> {
        Arc::new(TickingClock { start: Utc.with_ymd_and_hms(2026, 11, 22, 9, 30, 0).unwrap(), ticks: AtomicI64::new(0) })
    }
}

impl Clock for TickingClock {
    fn now(&self) -> DateTime<Utc> {
        self.start + chrono::Duration::seconds(self.ticks.fetch_add(1, Ordering::SeqCst))
    }
}

pub fn db_in(dir: &Path) -> PathBuf {
    dir.join("ledger.sqlite3")
}

pub async fn open(path: &Path) -> Engine {
    Engine::open(path, TickingClock::new(), Arc::new(NoEvents), "test").await.expect("open")
}

/// Notifications the engine sent, as (title, body).
#[derive(Default)]
pub struct Notes(pub Mutex<Vec<(String, String)>>);

impl Notes {
    pub fn titles(&self) -> Vec<String> {
        self.0.lock().unwrap().iter().map(|(title, _)| title.clone()).collect()
    }
}

impl Notifier for Notes {
    fn notify(&self, title: &str, body: &str) -> wheelwright_engine::Result<()> {
        self.0.lock().unwrap().push((title.into(), body.into()));
        Ok(())
    }
}
