// The one place the UI talks to the core: every `invoke` and `listen` is here, typed by the
// generated bindings. Components call `api.*` and never name a command.
import { invoke } from "@tauri-apps/api/core";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import type { AlertKind, AlertPause, AlertRuleInput, ApiError, ChainRequest, ChartFormat, ChartRequest, ClockStep, Commands, Criteria, DesktopPreferences, Events, ExportRequest, FillData, HistoryRequest, InboxQuery, Limits, NewPortfolio, NewWheel, PerformanceRequest, Provider, QuietHours, RecommendRequest, RiskRequest, ScanRequest, Schedule, SchwabAppInput, Screen, SnapshotKind, SymbolNote, SyncRequest, TradeRequest, TradierInput, WebhookInput, WheelCriteriaInput } from "./bindings";

/** A command failed; `error` carries the stable code the UI acts on. */
export class CommandError extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
  }
}

/** Normalises whatever a failed invoke throws into `{code, message, field, row}`. Tauri itself
 * rejects malformed arguments with a plain string before our code runs. */
export function toApiError(thrown: unknown): ApiError {
  if (thrown && typeof thrown === "object" && "code" in thrown && "message" in thrown) {
    const e = thrown as ApiError;
    return { code: e.code, message: e.message, field: e.field ?? null, row: e.row ?? null };
  }
  const message = typeof thrown === "string" ? thrown : thrown instanceof Error ? thrown.message : String(thrown);
  return { code: typeof thrown === "string" ? "invalid_input" : "internal", message, field: null, row: null };
}

/** What a page's `error` state holds, as `{code, message, field, row}`; null while there is none. */
export function apiError(error: unknown): ApiError | null {
  if (error === null || error === undefined) return null;
  return error instanceof CommandError ? error.error : toApiError(error);
}

async function call<K extends keyof Commands>(command: K, args: Commands[K]["args"]): Promise<Commands[K]["result"]> {
  try {
    return await invoke<Commands[K]["result"]>(command, args as Record<string, unknown>);
  } catch (thrown) {
    throw new CommandError(toApiError(thrown));
  }
}

export function on<E extends keyof Events>(event: E, handler: (payload: Events[E]) => void): Promise<UnlistenFn> {
  return listen<Events[E]>(event, (e) => handler(e.payload));
}

/** Loads now and again after every ledger change (and every alert change too, when asked);
 * returns the cleanup for `onMount`. */
export function loadAndFollowLedger(load: () => void | Promise<void>, alerts = false): () => void {
  void load();
  const unlisten = on("ledger-changed", (event) => {
    if (alerts || event.kind !== "alerts_changed") void load();
  });
  return () => {
    void unlisten.then((stop) => stop());
  };
}

export const api = {
  appInfo: () => call("app_info", {}),
  health: (probe: boolean) => call("health", { request: { probe } }),
  testNotification: () => call("notification_test", {}),
  portfolios: () => call("portfolio_list", {}),
  createPortfolio: (input: NewPortfolio) => call("portfolio_create", { input }),
  deletePortfolio: (name: string, force: boolean) => call("portfolio_delete", { name, force }),
  wheels: (portfolio: string) => call("wheel_list", { portfolio }),
  createWheel: (portfolio: string, input: NewWheel) => call("wheel_create", { portfolio, input }),
  wheel: (portfolio: string, symbol: string) => call("wheel_detail", { portfolio, symbol }),
  addFill: (portfolio: string, fill: FillData) => call("fill_add", { input: { portfolio, fill } }),
  addRoll: (portfolio: string, close: FillData, open: FillData) => call("roll_add", { input: { portfolio, close, open } }),
  previewRoll: (portfolio: string, close: FillData, open: FillData) => call("roll_preview", { input: { portfolio, close, open } }),
  editFill: (id: number, fill: FillData) => call("fill_edit", { id, fill }),
  deleteFill: (id: number) => call("fill_delete", { id }),
  previewFill: (portfolio: string, fill: FillData) => call("fill_preview", { input: { portfolio, fill } }),
  previewEdit: (id: number, fill: FillData) => call("fill_edit_preview", { id, fill }),
  undoChange: (change: number) => call("change_undo", { change }),
  fillChanges: (portfolio: string, limit: number) => call("fill_changes", { portfolio, limit }),
  importFills: (portfolio: string, csv: string) => call("fills_import", { portfolio, csv }),
  exportFills: (portfolio: string) => call("fills_export", { portfolio }),
  onLedgerChanged: (handler: (payload: Events["ledger-changed"]) => void) => on("ledger-changed", handler),
  quotes: (symbols: string[]) => call("market_quotes", { symbols }),
  chain: (request: ChainRequest) => call("market_chain", { request }),
  expirations: (symbol: string) => call("market_expirations", { symbol }),
  history: (request: HistoryRequest) => call("market_history", { request }),
  listings: (sector: string | null = null) => call("market_listings", { sector }),
  demoClock: () => call("demo_clock", {}),
  stepDemoClock: (step: ClockStep) => call("demo_clock_step", { step }),
  runDemoClock: () => call("demo_clock_run", {}),
  watchlists: () => call("watchlist_list", {}),
  createWatchlist: (name: string) => call("watchlist_create", { name }),
  deleteWatchlist: (name: string) => call("watchlist_delete", { name }),
  addToWatchlist: (name: string, symbols: string[]) => call("watchlist_add", { name, symbols }),
  removeFromWatchlist: (name: string, symbol: string) => call("watchlist_remove", { name, symbol }),
  importWatchlist: (name: string, text: string) => call("watchlist_import", { name, text }),
  screenWatchlist: (name: string, screen: Screen) => call("watchlist_screen", { name, screen }),
  brokerStatus: () => call("broker_status", {}),
  /** The only way the app secret travels: inbound, once. Nothing ever sends it back. */
  schwabSetup: (input: SchwabAppInput) => call("schwab_setup", { input }),
  schwabLoginWindow: () => call("schwab_login_window", {}),
  schwabLoginStart: () => call("schwab_login_start", {}),
  schwabLoginFinish: (redirect: string) => call("schwab_login_finish", { redirect }),
  schwabDisconnect: () => call("schwab_disconnect", {}),
  /** The only way the Tradier token travels: inbound, once. */
  tradierSetup: (input: TradierInput) => call("tradier_setup", { input }),
  tradierDisconnect: () => call("tradier_disconnect", {}),
  symbolNotes: (symbols: string[] = []) => call("symbol_notes", { symbols }),
  setSymbolNote: (note: SymbolNote) => call("symbol_note_set", { note }),
  setProvider: (provider: Provider) => call("market_provider_set", { provider }),
  brokerAccounts: () => call("broker_accounts", {}),
  brokerSync: (request: SyncRequest) => call("broker_sync", { request }),
  onBrokerLogin: (handler: (payload: Events["broker-login"]) => void) => on("broker-login", handler),
  onNotification: (handler: (payload: Events["notification"]) => void) => on("notification", handler),
  jobs: () => call("jobs_list", {}),
  runJob: (name: string) => call("job_run", { name }),
  jobHistory: (name: string | null = null, limit = 50) => call("job_history", { name, limit }),
  updateJob: (name: string, enabled: boolean | null, schedule: Schedule | null) => call("job_update", { name, enabled, schedule }),
  positions: (portfolio: string) => call("strategy_positions", { portfolio }),
  scan: (request: ScanRequest) => call("strategy_scan", { request }),
  onScanProgress: (handler: (payload: Events["scan-progress"]) => void) => on("scan-progress", handler),
  recommend: (request: RecommendRequest) => call("strategy_recommend", { request }),
  expiration: (portfolio: string, pinDistance: number | null = null) => call("strategy_expiration", { portfolio, pin_distance: pinDistance }),
  risk: (request: RiskRequest) => call("risk_report", { request }),
  limits: () => call("risk_limits", {}),
  setLimits: (limits: Limits) => call("risk_set_limits", { limits }),
  checkTrade: (request: TradeRequest) => call("risk_check_trade", { request }),
  dashboard: (portfolio: string) => call("dashboard", { portfolio }),
  performance: (request: PerformanceRequest) => call("performance_report", { request }),
  takeSnapshot: (portfolio: string, kind: SnapshotKind = "manual") => call("snapshot_take", { portfolio, kind }),
  snapshots: (portfolio: string, limit: number | null = null) => call("snapshot_list", { portfolio, limit }),
  snapshotTrend: (portfolio: string, symbol: string) => call("snapshot_trend", { portfolio, symbol }),
  profiles: () => call("strategy_profiles", {}),
  setCustomProfile: (criteria: Criteria) => call("strategy_set_custom_profile", { criteria }),
  wheelCriteria: (portfolio: string, symbol: string) => call("wheel_criteria", { portfolio, symbol }),
  setWheelCriteria: (portfolio: string, symbol: string, choice: WheelCriteriaInput) => call("wheel_set_criteria", { portfolio, symbol, choice }),
  exportCsv: (request: ExportRequest, directory: string | null = null) => call("export_csv", { request, directory }),
  chart: (request: ChartRequest) => call("chart", { request }),
  saveChart: (request: ChartRequest, format: ChartFormat = "svg", directory: string | null = null) => call("chart_save", { request, directory, format }),
  inbox: (query: InboxQuery = { unread_only: false, include_dismissed: false }) => call("alerts_inbox", { query }),
  readAlerts: (ids: number[] = []) => call("alerts_read", { ids }),
  dismissAlerts: (ids: number[] = []) => call("alerts_dismiss", { ids }),
  checkAlerts: () => call("alerts_check", {}),
  alertRules: () => call("alert_rules", {}),
  addAlertRule: (kind: AlertKind, input: AlertRuleInput) => call("alert_rule_add", { kind, input }),
  updateAlertRule: (id: number, input: AlertRuleInput) => call("alert_rule_update", { id, input }),
  deleteAlertRule: (id: number) => call("alert_rule_delete", { id }),
  alertDelivery: () => call("alert_delivery", {}),
  pauseAlerts: (pause: AlertPause) => call("alerts_pause", { pause }),
  setQuietHours: (quietHours: QuietHours | null) => call("alerts_quiet_hours", { quiet_hours: quietHours }),
  onOpenAlert: (handler: (payload: Events["open-alert"]) => void) => on("open-alert", handler),
  preferences: () => call("preferences", {}),
  setPreferences: (preferences: DesktopPreferences) => call("preferences_set", { preferences }),
  notificationStatus: () => call("notification_status", {}),
  webhookStatus: () => call("webhook_status", {}),
  /** The webhook's URL and secret travel inbound, once; only the URL's host ever comes back. */
  setWebhook: (input: WebhookInput) => call("webhook_set", { input }),
  removeWebhook: () => call("webhook_remove", {}),
  testWebhook: () => call("webhook_test", {}),
  webhookLog: (limit = 20) => call("webhook_log", { limit }),
};
