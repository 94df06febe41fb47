//! The engine handle the app and the CLI hold: the store plus the host's ports (clock, events)
//! and who is acting (recorded in the audit log). The services are `impl Engine` blocks in
//! their own modules: portfolios, wheels, fills, import/export.

use crate::broker::connection::{Provider, PROVIDER_SETTING};
use crate::error::{EngineError, Result};
use crate::market::{DemoProvider, DemoTime, MarketData};
use crate::metrics::Metrics;
use crate::ports::{Clock, EventSink, Keychain, LedgerEvent};
use crate::risk::RiskView;
use crate::schwab::client::SchwabClient;
use crate::store::rows::StoredFill;
use crate::store::Store;
use chrono::{DateTime, Utc};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::{Arc, Mutex, RwLock};
use wheelwright_domain::{replay, ErrorCode, Fill, LedgerError, WheelBook};

pub struct Engine {
    store: Store,
    clock: Arc<dyn Clock>,
    events: Arc<dyn EventSink>,
    source: &'static str,
    demo_time: Arc<DemoTime>,
    /// The Demo market: the default provider, and the paper broker that settles Demo portfolios.
    demo: Arc<DemoProvider>,
    /// Which provider answers market data (the Demo market unless the user chose a broker).
    provider: RwLock<Provider>,
    keychain: Arc<dyn Keychain>,
    /// The `state` of the login in progress, which the login's answer must echo.
    pending_login: Mutex<Option<String>>,
    schwab: Mutex<Option<Arc<SchwabClient>>>,
    tradier: Mutex<Option<Arc<dyn MarketData>>>,
    /// Request counts and latencies of this run, for the health report.
    metrics: Arc<Metrics>,
    /// When this engine was opened: the metrics cover the time since.
    started_at: DateTime<Utc>,
    /// Each portfolio's latest measured risk, which the risk charts draw (so they show the
    /// figures on the page, not a second simulation's).
    /// Keyed by portfolio id: a portfolio deleted and made again under its name starts afresh.
    measured_risk: Mutex<HashMap<i64, Arc<RiskView>>>,
}

/// The keychain of a host that has none: every secret operation says so.
struct NoKeychain;

impl Keychain for NoKeychain {
    fn get(&self, _name: &str) -> Result<Option<String>> {
        Err(EngineError::new(ErrorCode::KeychainUnavailable, "this program was started without access to the system keychain"))
    }

    fn set(&self, name: &str, _secret: &str) -> Result<()> {
        self.get(name).map(|_| ())
    }

    fn delete(&self, name: &str) -> Result<()> {
        self.get(name).map(|_| ())
    }
}

/// The Demo market's seed: every installation sees the same simulated market.
const DEMO_SEED: u64 = 20_190_102;

impl Engine {
    /// Opens the database (migrating it, after a backup, if needed). `source` names the actor in
    /// the audit log: "app", "cli".
    pub async fn open(path: &Path, clock: Arc<dyn Clock>, events: Arc<dyn EventSink>, source: &'static str) -> Result<Engine> {
        let started_at = clock.now();
        let store = Store::open(path, started_at).await?;
        let demo_time = Arc::new(DemoTime::new(clock.clone(), Default::default()));
        let demo = Arc::new(DemoProvider::new(DEMO_SEED, demo_time.clone()));
        let engine = Engine {
            store,
            clock,
            events,
            source,
            demo_time,
            demo,
            provider: RwLock::new(Provider::Demo),
            keychain: Arc::new(NoKeychain),
            pending_login: Mutex::new(None),
            schwab: Mutex::new(None),
            tradier: Mutex::new(None),
            metrics: Arc::default(),
            started_at,
            measured_risk: Mutex::default(),
        };
        if let Some(provider) = engine.setting(PROVIDER_SETTING).await?.and_then(|p| Provider::parse(&p).ok()) {
            engine.set_provider_in_memory(provider);
        }
        if let Some(kept) = engine.setting(crate::market::DEMO_CLOCK_SETTING).await? {
            // A clock that no longer parses (from another version) falls back to live time.
            if let Ok(clock) = serde_json::from_str(&kept) {
                engine.demo_time.set(clock);
            }
        }
        engine.seed_alert_rules().await?;
        Ok(engine)
    }

    /// Gives the engine the host's keychain (the OS one in the app and the CLI).
    pub fn with_keychain(mut self, keychain: Arc<dyn Keychain>) -> Engine {
        self.keychain = keychain;
        self
    }

    pub(crate) fn keychain(&self) -> Arc<dyn Keychain> {
        self.keychain.clone()
    }

    pub(crate) fn clock(&self) -> Arc<dyn Clock> {
        self.clock.clone()
    }

    pub(crate) fn provider(&self) -> Provider {
        *self.provider.read().expect("provider lock")
    }

    pub(crate) fn set_provider_in_memory(&self, provider: Provider) {
        *self.provider.write().expect("provider lock") = provider;
    }

    /// Keeps `view` as the portfolio's latest measurement unless a later one is already kept (two
    /// measurements finishing out of order).
    pub(crate) fn remember_risk(&self, portfolio_id: i64, view: Arc<RiskView>) {
        let mut kept = self.measured_risk.lock().expect("risk lock");
        if kept.get(&portfolio_id).is_none_or(|old| old.as_of <= view.as_of) {
            kept.insert(portfolio_id, view);
        }
    }

    pub(crate) fn remembered_risk(&self, portfolio_id: i64) -> Option<Arc<RiskView>> {
        self.measured_risk.lock().expect("risk lock").get(&portfolio_id).cloned()
    }

    pub(crate) fn pending_login(&self) -> &Mutex<Option<String>> {
        &self.pending_login
    }

    pub(crate) fn cached_schwab_client(&self) -> Option<Arc<SchwabClient>> {
        self.schwab.lock().expect("client lock").clone()
    }

    pub(crate) fn cache_schwab_client(&self, client: Arc<SchwabClient>) {
        *self.schwab.lock().expect("client lock") = Some(client);
    }

    pub(crate) fn cached_tradier_client(&self) -> Option<Arc<dyn MarketData>> {
        self.tradier.lock().expect("client lock").clone()
    }

    pub(crate) fn cache_tradier_client(&self, client: Arc<dyn MarketData>) {
        *self.tradier.lock().expect("client lock") = Some(client);
    }

    /// Settings or a login changed: the next request builds new clients.
    pub(crate) fn forget_clients(&self) {
        *self.schwab.lock().expect("client lock") = None;
        *self.tradier.lock().expect("client lock") = None;
    }

    pub(crate) fn metrics(&self) -> Arc<Metrics> {
        self.metrics.clone()
    }

    pub(crate) fn started_at(&self) -> DateTime<Utc> {
        self.started_at
    }

    pub(crate) fn demo_provider(&self) -> Arc<dyn MarketData> {
        self.demo.clone()
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
