//! Generates `ui/src/lib/bindings.ts`: the TypeScript form of every type that crosses IPC, the
//! command map (name → arguments → result) and the event map. A test compares the committed
//! file with this output, so the UI's types cannot drift from the Rust ones.

use crate::commands::signatures;
use ts_rs::{Config, TS};

/// Every type that crosses IPC, in declaration order.
fn declarations(cfg: &Config) -> Vec<String> {
    use wheelwright_demo::{ClockStep, DemoClock};
    use wheelwright_domain::ledger::{
        Cycle, Disposal, Leg, LegClose, LotSummary, OpenOption, Realization, RealizationKind, Roll, Side, Term, Warning, WarningCode,
    };
    use wheelwright_domain::market::{
        Bar, ChainFilter, DataFlag, DividendInfo, Greeks, Interval, OptionChain, OptionQuote, PriceHistory, Quote,
    };
    use wheelwright_domain::portfolio::PortfolioCash;
    use wheelwright_domain::{Action, ErrorCode, Fill, FillData, OptionSpec, Right, WheelState, WheelSummary};
    use wheelwright_engine::broker::connection::{BrokerStatus, LoginStart, Provider, SchwabAppInput, SchwabStatus};
    use wheelwright_engine::broker::tradier::{TradierInput, TradierStatus};
    use wheelwright_engine::broker::translate::Attention;
    use wheelwright_engine::broker::{
        Balances, BrokerAccount, Contract, Difference, DifferenceKind, IgnoredActivity, Instrument, Position, Reconciliation, SyncReport,
        SyncRequest,
    };
    use wheelwright_engine::market::{ChainRequest, DemoClockState, HistoryRequest, ListingRow, Settlement};
    use wheelwright_engine::model::*;
    use wheelwright_engine::ports::LedgerEvent;
    use wheelwright_engine::scheduler::{Cadence, JobStatus, RunRecord, RunStatus, Schedule, Trigger, Window};
    use wheelwright_engine::schwab::oauth::LoginState;
    use wheelwright_engine::symbols::SymbolNote;
    use wheelwright_engine::watchlists::{
        Screen, ScreenResult, ScreenRow, Unquoted, Watchlist, WatchlistEntry, WatchlistImport, WatchlistSummary,
    };
    vec![
        ErrorCode::decl(cfg),
        crate::error::ApiError::decl(cfg),
        crate::state::AppInfo::decl(cfg),
        crate::state::NotificationEvent::decl(cfg),
        Right::decl(cfg),
        Action::decl(cfg),
        OptionSpec::decl(cfg),
        FillData::decl(cfg),
        Fill::decl(cfg),
        Side::decl(cfg),
        WheelState::decl(cfg),
        LotSummary::decl(cfg),
        OpenOption::decl(cfg),
        Cycle::decl(cfg),
        Roll::decl(cfg),
        WarningCode::decl(cfg),
        Warning::decl(cfg),
        WheelSummary::decl(cfg),
        LegClose::decl(cfg),
        Leg::decl(cfg),
        Term::decl(cfg),
        Disposal::decl(cfg),
        RealizationKind::decl(cfg),
        Realization::decl(cfg),
        PortfolioCash::decl(cfg),
        Portfolio::decl(cfg),
        NewPortfolio::decl(cfg),
        PortfolioOverview::decl(cfg),
        Profile::decl(cfg),
        Wheel::decl(cfg),
        NewWheel::decl(cfg),
        WheelDetail::decl(cfg),
        FillOutcome::decl(cfg),
        FillInput::decl(cfg),
        SkippedRow::decl(cfg),
        ImportReport::decl(cfg),
        LedgerEvent::decl(cfg),
        wheelwright_domain::Symbol::decl(cfg),
        DataFlag::decl(cfg),
        DividendInfo::decl(cfg),
        Quote::decl(cfg),
        Greeks::decl(cfg),
        OptionQuote::decl(cfg),
        OptionChain::decl(cfg),
        ChainFilter::decl(cfg),
        Bar::decl(cfg),
        Interval::decl(cfg),
        PriceHistory::decl(cfg),
        SymbolNote::decl(cfg),
        ChainRequest::decl(cfg),
        HistoryRequest::decl(cfg),
        ListingRow::decl(cfg),
        DemoClock::decl(cfg),
        ClockStep::decl(cfg),
        Settlement::decl(cfg),
        DemoClockState::decl(cfg),
        WatchlistEntry::decl(cfg),
        Watchlist::decl(cfg),
        WatchlistSummary::decl(cfg),
        WatchlistImport::decl(cfg),
        Screen::decl(cfg),
        ScreenRow::decl(cfg),
        Unquoted::decl(cfg),
        ScreenResult::decl(cfg),
        Provider::decl(cfg),
        SchwabAppInput::decl(cfg),
        LoginState::decl(cfg),
        SchwabStatus::decl(cfg),
        TradierInput::decl(cfg),
        TradierStatus::decl(cfg),
        BrokerStatus::decl(cfg),
        LoginStart::decl(cfg),
        crate::commands::LoginFinished::decl(cfg),
        Balances::decl(cfg),
        Contract::decl(cfg),
        Instrument::decl(cfg),
        Position::decl(cfg),
        BrokerAccount::decl(cfg),
        SyncRequest::decl(cfg),
        Attention::decl(cfg),
        IgnoredActivity::decl(cfg),
        DifferenceKind::decl(cfg),
        Difference::decl(cfg),
        Reconciliation::decl(cfg),
        SyncReport::decl(cfg),
        Cadence::decl(cfg),
        Window::decl(cfg),
        Schedule::decl(cfg),
        Trigger::decl(cfg),
        RunStatus::decl(cfg),
        RunRecord::decl(cfg),
        JobStatus::decl(cfg),
        wheelwright_strategy::value::Model::decl(cfg),
        wheelwright_strategy::monitor::RiskLevel::decl(cfg),
        wheelwright_strategy::monitor::PositionView::decl(cfg),
        wheelwright_strategy::profile::BasisGuard::decl(cfg),
        wheelwright_strategy::profile::Overrides::decl(cfg),
        wheelwright_strategy::profile::Criteria::decl(cfg),
        wheelwright_strategy::candidate::CandidateWarningCode::decl(cfg),
        wheelwright_strategy::candidate::CandidateWarning::decl(cfg),
        wheelwright_strategy::candidate::Score::decl(cfg),
        wheelwright_strategy::candidate::Candidate::decl(cfg),
        wheelwright_strategy::recommend::Move::decl(cfg),
        wheelwright_strategy::roll::RollKind::decl(cfg),
        wheelwright_strategy::roll::RollCandidate::decl(cfg),
        wheelwright_strategy::roll::RollAnalysis::decl(cfg),
        wheelwright_strategy::recommend::Recommendation::decl(cfg),
        wheelwright_strategy::scan::ScanFilter::decl(cfg),
        wheelwright_strategy::expiration::Outcome::decl(cfg),
        wheelwright_strategy::expiration::ExpiringOption::decl(cfg),
        wheelwright_strategy::expiration::SharesAfter::decl(cfg),
        wheelwright_strategy::expiration::ExpirationDay::decl(cfg),
        wheelwright_strategy::agenda::AgendaLeg::decl(cfg),
        wheelwright_strategy::agenda::ExpiryGroup::decl(cfg),
        wheelwright_strategy::agenda::ExDividend::decl(cfg),
        wheelwright_engine::strategy::RecommendRequest::decl(cfg),
        wheelwright_engine::strategy::ScanRequest::decl(cfg),
        wheelwright_engine::strategy::Skipped::decl(cfg),
        wheelwright_engine::strategy::ScanResult::decl(cfg),
        wheelwright_engine::strategy::ScanProgress::decl(cfg),
        wheelwright_risk::horizon::Horizon::decl(cfg),
        wheelwright_risk::montecarlo::Simulation::decl(cfg),
        wheelwright_risk::distribution::Distribution::decl(cfg),
        wheelwright_risk::parametric::Method::decl(cfg),
        wheelwright_risk::parametric::VarFigure::decl(cfg),
        wheelwright_risk::exposure::HoldingRisk::decl(cfg),
        wheelwright_risk::exposure::NameExposure::decl(cfg),
        wheelwright_risk::exposure::SectorExposure::decl(cfg),
        wheelwright_risk::exposure::Exposure::decl(cfg),
        wheelwright_risk::report::RiskReport::decl(cfg),
        wheelwright_risk::estimate::Estimate::decl(cfg),
        wheelwright_risk::limits::Limits::decl(cfg),
        wheelwright_risk::limits::Status::decl(cfg),
        wheelwright_risk::limits::LimitName::decl(cfg),
        wheelwright_risk::limits::LimitCheck::decl(cfg),
        wheelwright_risk::pretrade::Standing::decl(cfg),
        wheelwright_risk::pretrade::Verdict::decl(cfg),
        wheelwright_risk::pretrade::PreTrade::decl(cfg),
        wheelwright_engine::risk::RiskRequest::decl(cfg),
        wheelwright_engine::risk::RiskView::decl(cfg),
        wheelwright_engine::risk::TradeAction::decl(cfg),
        wheelwright_engine::risk::TradeKind::decl(cfg),
        wheelwright_engine::risk::TradeRequest::decl(cfg),
        wheelwright_engine::risk::TradeCheck::decl(cfg),
        wheelwright_domain::performance::Period::decl(cfg),
        wheelwright_domain::performance::Tally::decl(cfg),
        wheelwright_domain::performance::Figures::decl(cfg),
        wheelwright_domain::performance::WheelPerformance::decl(cfg),
        wheelwright_domain::performance::MonthIncome::decl(cfg),
        wheelwright_domain::performance::CycleResult::decl(cfg),
        wheelwright_domain::performance::Performance::decl(cfg),
        wheelwright_engine::performance::PerformanceRequest::decl(cfg),
        wheelwright_engine::performance::PerformanceView::decl(cfg),
        wheelwright_engine::snapshots::MarkedPosition::decl(cfg),
        wheelwright_engine::snapshots::SnapshotKind::decl(cfg),
        wheelwright_engine::snapshots::SnapshotSummary::decl(cfg),
        wheelwright_engine::snapshots::Snapshot::decl(cfg),
        wheelwright_engine::snapshots::TrendPoint::decl(cfg),
        wheelwright_engine::snapshots::TrendSeries::decl(cfg),
        wheelwright_engine::export::ExportKind::decl(cfg),
        wheelwright_engine::export::ExportRequest::decl(cfg),
        wheelwright_engine::export::ExportedFile::decl(cfg),
        wheelwright_charts::Theme::decl(cfg),
        wheelwright_charts::Scale::decl(cfg),
        wheelwright_charts::Style::decl(cfg),
        wheelwright_charts::MarkAxis::decl(cfg),
        wheelwright_charts::PlotArea::decl(cfg),
        wheelwright_charts::Axis::decl(cfg),
        wheelwright_charts::Series::decl(cfg),
        wheelwright_charts::Mark::decl(cfg),
        wheelwright_charts::Chart::decl(cfg),
        wheelwright_engine::charts::IncomeView::decl(cfg),
        wheelwright_engine::charts::ChartFormat::decl(cfg),
        wheelwright_engine::charts::ConcentrationBy::decl(cfg),
        wheelwright_engine::charts::ChartKind::decl(cfg),
        wheelwright_engine::charts::ChartRequest::decl(cfg),
        wheelwright_engine::charts::ChartView::decl(cfg),
        wheelwright_engine::criteria::WheelCriteriaInput::decl(cfg),
        wheelwright_engine::criteria::WheelCriteria::decl(cfg),
        wheelwright_engine::criteria::NamedProfile::decl(cfg),
        wheelwright_alerts::RuleKind::decl(cfg),
        wheelwright_alerts::Severity::decl(cfg),
        wheelwright_alerts::Rule::decl(cfg),
        wheelwright_alerts::RuleInput::decl(cfg),
        wheelwright_alerts::Link::decl(cfg),
        wheelwright_alerts::QuietHours::decl(cfg),
        wheelwright_alerts::Delivery::decl(cfg),
        wheelwright_alerts::Silence::decl(cfg),
        wheelwright_engine::alerts::Alert::decl(cfg),
        wheelwright_engine::dashboard::Dashboard::decl(cfg),
        wheelwright_engine::model::RemovedFill::decl(cfg),
        wheelwright_engine::preview::TicketStanding::decl(cfg),
        wheelwright_engine::preview::WheelChange::decl(cfg),
        wheelwright_engine::preview::FillPreview::decl(cfg),
        wheelwright_engine::rolls::RollInput::decl(cfg),
        wheelwright_engine::rolls::RollOutcome::decl(cfg),
        wheelwright_engine::undo::Undone::decl(cfg),
        wheelwright_engine::undo::ChangeKind::decl(cfg),
        wheelwright_engine::undo::FieldEdit::decl(cfg),
        wheelwright_engine::undo::FillChange::decl(cfg),
        wheelwright_engine::health::HealthRequest::decl(cfg),
        wheelwright_engine::health::DatabaseHealth::decl(cfg),
        wheelwright_engine::health::Probe::decl(cfg),
        wheelwright_engine::health::ProviderHealth::decl(cfg),
        wheelwright_engine::health::JobHealth::decl(cfg),
        wheelwright_engine::health::SchedulerHealth::decl(cfg),
        wheelwright_engine::health::Health::decl(cfg),
        wheelwright_engine::metrics::RequestStats::decl(cfg),
        wheelwright_engine::alerts::Inbox::decl(cfg),
        wheelwright_engine::alerts::InboxQuery::decl(cfg),
        wheelwright_engine::alerts::AlertCheck::decl(cfg),
        wheelwright_engine::alerts::AlertPause::decl(cfg),
        wheelwright_engine::alerts::DeliveryStatus::decl(cfg),
        wheelwright_engine::http::Attempt::decl(cfg),
        wheelwright_engine::webhook::WebhookInput::decl(cfg),
        wheelwright_engine::webhook::WebhookStatus::decl(cfg),
        wheelwright_engine::webhook::WebhookDelivery::decl(cfg),
        wheelwright_engine::settings::Appearance::decl(cfg),
        wheelwright_engine::settings::DesktopPreferences::decl(cfg),
        crate::commands::NotificationStatus::decl(cfg),
        crate::state::OpenAlert::decl(cfg),
    ]
}

pub fn typescript() -> String {
    let cfg = Config::new().with_large_int("number");
    let mut out = String::from(
        "// Generated from the Rust types by `src-tauri/src/bindings.rs`. Do not edit by hand:\n\
         // run `UPDATE_BINDINGS=1 cargo test --test desktop bindings` after changing a type.\n\n",
    );
    for decl in declarations(&cfg) {
        out.push_str("export ");
        out.push_str(decl.trim());
        out.push_str("\n\n");
    }
    out.push_str("/** Every command: its arguments (snake_case, as sent) and its result. */\nexport interface Commands {\n");
    for (name, args, result) in signatures(&cfg) {
        let args: Vec<String> = args.iter().map(|(arg, ty)| format!("{arg}: {ty}")).collect();
        out.push_str(&format!("  {name}: {{ args: {{ {} }}; result: {result} }};\n", args.join("; ")));
    }
    out.push_str("}\n\n/** Every event the core emits, by name. */\nexport interface Events {\n");
    out.push_str(&format!("  \"{}\": LedgerEvent;\n", crate::state::LEDGER_CHANGED));
    out.push_str(&format!("  \"{}\": LoginFinished;\n", crate::state::BROKER_LOGIN));
    out.push_str(&format!("  \"{}\": NotificationEvent;\n", crate::state::NOTIFICATION));
    out.push_str(&format!("  \"{}\": ScanProgress;\n", crate::state::SCAN_PROGRESS));
    out.push_str(&format!("  \"{}\": OpenAlert;\n}}\n", crate::state::OPEN_ALERT));
    out
}
