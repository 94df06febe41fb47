//! The commands the UI invokes. Each parses its input, makes one call into the engine and maps
//! the error; nothing else happens here. [`COMMANDS`] lists them with their argument and result
//! types for the generated TypeScript bindings.

mod alerts;
mod broker;
mod charts;
mod jobs;
mod ledger;
mod market;
mod performance;
mod risk;
mod settings;
mod strategy;
mod watchlists;

pub use alerts::*;
pub use broker::*;
pub use charts::*;
pub use jobs::*;
pub use ledger::*;
pub use market::*;
pub use performance::*;
pub use risk::*;
pub use settings::*;
pub use strategy::*;
pub use watchlists::*;

use crate::error::ApiResult;
use crate::state::{AppInfo, AppState};
use tauri::State;

#[tauri::command(rename_all = "snake_case")]
pub fn app_info(state: State<'_, AppState>) -> ApiResult<AppInfo> {
    Ok(state.info.clone())
}

/// The About & health page's report; the log folder is the one the shell writes to.
#[tauri::command(rename_all = "snake_case")]
pub async fn health(state: State<'_, AppState>, request: HealthRequest) -> ApiResult<Health> {
    Ok(state.engine()?.health(request, Some(std::path::Path::new(&state.info.log_dir))).await?)
}

/// Sends a sample notification so the user can see that the desktop shows them.
#[tauri::command(rename_all = "snake_case")]
pub fn notification_test(state: State<'_, AppState>) -> ApiResult<()> {
    Ok(state.notifier.notify("Wheelwright", "Notifications are working: alerts will appear like this.")?)
}

/// Declares the command list once: the invoke handler and the binding signatures both come
/// from it, so a command cannot be registered without being typed (or typed without existing).
macro_rules! command_list {
    ($( $name:ident ( $( $arg:ident : $ty:ty ),* ) -> $ret:ty; )*) => {
        pub fn handler<R: tauri::Runtime>() -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$( $name ),*]
        }

        /// (command, [(argument, TypeScript type)], TypeScript result type)
        pub fn signatures(cfg: &ts_rs::Config) -> Vec<(&'static str, Vec<(&'static str, String)>, String)> {
            use ts_rs::TS;
            vec![$( (stringify!($name), vec![$( (stringify!($arg), <$ty as TS>::name(cfg)) ),*], <$ret as TS>::name(cfg)) ),*]
        }
    };
}

use chrono::NaiveDate;
use wheelwright_alerts::{QuietHours, Rule, RuleInput, RuleKind};
use wheelwright_demo::ClockStep;
use wheelwright_domain::market::{OptionChain, PriceHistory, Quote};
use wheelwright_domain::{FillData, WheelSummary};
use wheelwright_engine::alerts::{AlertCheck, AlertPause, DeliveryStatus, Inbox, InboxQuery};
use wheelwright_engine::broker::connection::{BrokerStatus, LoginStart, Provider, SchwabAppInput, SchwabStatus};
use wheelwright_engine::broker::tradier::{TradierInput, TradierStatus};
use wheelwright_engine::broker::{BrokerAccount, SyncReport, SyncRequest};
use wheelwright_engine::charts::{ChartFormat, ChartRequest, ChartView};
use wheelwright_engine::criteria::{NamedProfile, WheelCriteria, WheelCriteriaInput};
use wheelwright_engine::dashboard::Dashboard;
use wheelwright_engine::export::{ExportRequest, ExportedFile};
use wheelwright_engine::health::{Health, HealthRequest};
use wheelwright_engine::market::{ChainRequest, DemoClockState, HistoryRequest, ListingRow};
use wheelwright_engine::model::{
    FillInput, FillOutcome, ImportReport, NewPortfolio, NewWheel, Portfolio, PortfolioOverview, RemovedFill, Wheel, WheelDetail,
};
use wheelwright_engine::performance::{PerformanceRequest, PerformanceView};
use wheelwright_engine::preview::FillPreview;
use wheelwright_engine::risk::{RiskRequest, RiskView, TradeCheck, TradeRequest};
use wheelwright_engine::rolls::{RollInput, RollOutcome};
use wheelwright_engine::scheduler::{JobStatus, RunRecord, Schedule};
use wheelwright_engine::settings::DesktopPreferences;
use wheelwright_engine::snapshots::{Snapshot, SnapshotKind, SnapshotSummary, TrendSeries};
use wheelwright_engine::strategy::{RecommendRequest, ScanRequest, ScanResult};
use wheelwright_engine::symbols::SymbolNote;
use wheelwright_engine::undo::{FillChange, Undone};
use wheelwright_engine::watchlists::{Screen, ScreenResult, Watchlist, WatchlistImport, WatchlistSummary};
use wheelwright_engine::webhook::{WebhookDelivery, WebhookInput, WebhookStatus};
use wheelwright_risk::limits::Limits;
use wheelwright_strategy::expiration::ExpirationDay;
use wheelwright_strategy::monitor::PositionView;
use wheelwright_strategy::profile::Criteria;
use wheelwright_strategy::recommend::Recommendation;
use wheelwright_strategy::roll::RollAnalysis;

command_list! {
    app_info() -> AppInfo;
    health(request: HealthRequest) -> Health;
    notification_test() -> ();
    portfolio_list() -> Vec<PortfolioOverview>;
    portfolio_create(input: NewPortfolio) -> Portfolio;
    portfolio_delete(name: String, force: bool) -> ();
    wheel_list(portfolio: String) -> Vec<WheelSummary>;
    wheel_create(portfolio: String, input: NewWheel) -> Wheel;
    wheel_detail(portfolio: String, symbol: String) -> WheelDetail;
    fill_add(input: FillInput) -> FillOutcome;
    fill_edit(id: i64, fill: FillData) -> FillOutcome;
    fill_delete(id: i64) -> RemovedFill;
    fill_preview(input: FillInput) -> FillPreview;
    fill_edit_preview(id: i64, fill: FillData) -> FillPreview;
    roll_add(input: RollInput) -> RollOutcome;
    roll_preview(input: RollInput) -> FillPreview;
    change_undo(change: i64) -> Undone;
    fill_changes(portfolio: String, limit: u32) -> Vec<FillChange>;
    fills_import(portfolio: String, csv: String) -> ImportReport;
    fills_export(portfolio: String) -> String;
    market_quotes(symbols: Vec<String>) -> Vec<Quote>;
    market_chain(request: ChainRequest) -> OptionChain;
    market_expirations(symbol: String) -> Vec<NaiveDate>;
    market_history(request: HistoryRequest) -> PriceHistory;
    symbol_notes(symbols: Vec<String>) -> Vec<SymbolNote>;
    symbol_note_set(note: SymbolNote) -> Option<SymbolNote>;
    market_listings(sector: Option<String>) -> Vec<ListingRow>;
    demo_clock() -> DemoClockState;
    demo_clock_step(step: ClockStep) -> DemoClockState;
    demo_clock_run() -> DemoClockState;
    watchlist_list() -> Vec<WatchlistSummary>;
    watchlist_create(name: String) -> Watchlist;
    watchlist_delete(name: String) -> ();
    watchlist_add(name: String, symbols: Vec<String>) -> Watchlist;
    watchlist_remove(name: String, symbol: String) -> Watchlist;
    watchlist_import(name: String, text: String) -> WatchlistImport;
    watchlist_screen(name: String, screen: Screen) -> ScreenResult;
    broker_status() -> BrokerStatus;
    schwab_setup(input: SchwabAppInput) -> SchwabStatus;
    schwab_login_window() -> LoginStart;
    schwab_login_start() -> LoginStart;
    schwab_login_finish(redirect: String) -> SchwabStatus;
    schwab_disconnect() -> BrokerStatus;
    tradier_setup(input: TradierInput) -> TradierStatus;
    tradier_disconnect() -> BrokerStatus;
    market_provider_set(provider: Provider) -> BrokerStatus;
    broker_accounts() -> Vec<BrokerAccount>;
    broker_sync(request: SyncRequest) -> SyncReport;
    jobs_list() -> Vec<JobStatus>;
    job_run(name: String) -> RunRecord;
    job_history(name: Option<String>, limit: u32) -> Vec<RunRecord>;
    job_update(name: String, enabled: Option<bool>, schedule: Option<Schedule>) -> JobStatus;
    strategy_positions(portfolio: String) -> Vec<PositionView>;
    strategy_expiration(portfolio: String, pin_distance: Option<f64>) -> Option<ExpirationDay>;
    strategy_recommend(request: RecommendRequest) -> Vec<Recommendation>;
    strategy_roll(portfolio: String, symbol: String, leg: Option<i64>) -> RollAnalysis;
    strategy_scan(request: ScanRequest) -> ScanResult;
    strategy_profiles() -> Vec<NamedProfile>;
    strategy_set_custom_profile(criteria: Criteria) -> Criteria;
    wheel_criteria(portfolio: String, symbol: String) -> WheelCriteria;
    wheel_set_criteria(portfolio: String, symbol: String, choice: WheelCriteriaInput) -> WheelCriteria;
    risk_report(request: RiskRequest) -> RiskView;
    risk_limits() -> Limits;
    risk_set_limits(limits: Limits) -> Limits;
    risk_check_trade(request: TradeRequest) -> TradeCheck;
    dashboard(portfolio: String) -> Dashboard;
    performance_report(request: PerformanceRequest) -> PerformanceView;
    snapshot_take(portfolio: String, kind: SnapshotKind) -> Snapshot;
    snapshot_list(portfolio: String, limit: Option<u32>) -> Vec<SnapshotSummary>;
    snapshot_trend(portfolio: String, symbol: String) -> Vec<TrendSeries>;
    export_csv(request: ExportRequest, directory: Option<String>) -> ExportedFile;
    chart(request: ChartRequest) -> ChartView;
    chart_save(request: ChartRequest, directory: Option<String>, format: Option<ChartFormat>) -> String;
    alerts_inbox(query: InboxQuery) -> Inbox;
    alerts_read(ids: Vec<i64>) -> u32;
    alerts_dismiss(ids: Vec<i64>) -> u32;
    alerts_check() -> AlertCheck;
    alert_rules() -> Vec<Rule>;
    alert_rule_add(kind: RuleKind, input: RuleInput) -> Rule;
    alert_rule_update(id: i64, input: RuleInput) -> Rule;
    alert_rule_delete(id: i64) -> ();
    alert_delivery() -> DeliveryStatus;
    alerts_pause(pause: AlertPause) -> DeliveryStatus;
    alerts_quiet_hours(quiet_hours: Option<QuietHours>) -> DeliveryStatus;
    preferences() -> DesktopPreferences;
    preferences_set(preferences: DesktopPreferences) -> DesktopPreferences;
    notification_status() -> NotificationStatus;
    webhook_status() -> WebhookStatus;
    webhook_set(input: WebhookInput) -> WebhookStatus;
    webhook_remove() -> WebhookStatus;
    webhook_test() -> WebhookDelivery;
    webhook_log(limit: u32) -> Vec<WebhookDelivery>;
}
