//! The engine handle the app and the CLI hold: the store plus the host's ports (clock, events)
//! and who is acting (recorded in the audit log). The services are `impl Engine` blocks in
//! their own modules: portfolios, wheels, fills, import/export.

use crate::error::Result;
use crate::market::{DemoProvider, DemoTime, MarketData};
use crate::ports::{Clock, EventSink, LedgerEvent};
use crate::store::rows::StoredFill;
use crate::store::Store;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;
use wheelwright_domain::{replay, Fill, LedgerError, WheelBook};

pub struct Engine {
    store: Store,
    clock: Arc<dyn Clock>,
    events: Arc<dyn EventSink>,
    source: &'static str,
    demo_time: Arc<DemoTime>,
    /// The Demo market: the default provider, and the paper broker that settles Demo portfolios.
    demo: Arc<DemoProvider>,
    market: Arc<dyn MarketData>,
}

/// The Demo market's seed: every installation sees the same simulated market.
const DEMO_SEED: u64 = 20_190_102;

impl Engine {
    /// Opens the database (migrating it, after a backup, if needed). `source` names the actor in
    /// the audit log: "app", "cli".
    pub async fn open(path: &Path, clock: Arc<dyn Clock>, events: Arc<dyn EventSink>, source: &'static str) -> Result<Engine> {
        let store = Store::open(path, clock.now()).await?;
        let demo_time = Arc::new(DemoTime::new(clock.clone(), Default::default()));
        let demo = Arc::new(DemoProvider::new(DEMO_SEED, demo_time.clone()));
        let market: Arc<dyn MarketData> = demo.clone();
        let engine = Engine { store, clock, events, source, demo_time, demo, market };
        if let Some(kept) = engine.setting(crate::market::DEMO_CLOCK_SETTING).await? {
            // A clock that no longer parses (from another version) falls back to live time.
            if let Ok(clock) = serde_json::from_str(&kept) {
                engine.demo_time.set(clock);
            }
        }
        Ok(engine)
    }

    pub(crate) fn market(&self) -> &dyn MarketData {
        self.market.as_ref()
    }

    pub(crate) fn demo_time(&self) -> &DemoTime {
        &self.demo_time
    }

    pub(crate) fn demo(&self) -> &DemoProvider {
        &self.demo
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub(crate) fn source(&self) -> &'static str {
        self.source
    }

    pub(crate) fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.clock.now()
    }

    /// The time stamp written into rows and the audit log.
    pub(crate) fn stamp(&self) -> String {
        self.clock.now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
    }

    pub(crate) fn emit(&self, event: LedgerEvent) {
        self.events.emit(event);
    }
}

/// Replays every wheel touched by `fills` (grouped by wheel id), failing on the first fill the
/// ledger refuses. Account-level fills (no wheel) are checked on their own.
pub(crate) fn replay_wheels(fills: &[StoredFill]) -> std::result::Result<BTreeMap<i64, WheelBook>, LedgerError> {
    let mut by_wheel: BTreeMap<i64, Vec<Fill>> = BTreeMap::new();
    let mut account: Vec<Fill> = Vec::new();
    for stored in fills {
        match stored.wheel_id {
            Some(wheel) => by_wheel.entry(wheel).or_default().push(stored.fill.clone()),
            None => account.push(stored.fill.clone()),
        }
    }
    for fill in &account {
        fill.data.validate().map_err(|e| e.at_fill(fill.id))?;
    }
    by_wheel.into_iter().map(|(wheel, fills)| Ok((wheel, replay(&fills)?))).collect()
}
