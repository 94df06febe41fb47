// Generated from the Rust types by `src-tauri/src/bindings.rs`. Do not edit by hand:
// run `UPDATE_BINDINGS=1 cargo test --test desktop bindings` after changing a type.

export type ErrorCode = "invalid_input" | "missing_field" | "field_not_allowed" | "invalid_symbol" | "invalid_quantity" | "negative_price" | "negative_fees" | "fractional_contracts" | "expiry_before_open" | "expire_before_expiry" | "close_exceeds_open" | "not_short" | "not_long" | "insufficient_shares" | "unsupported_action" | "external_id_conflict" | "already_exists" | "not_found" | "csv_format" | "database" | "database_corrupt" | "schema_too_new" | "io" | "keychain_unavailable" | "notification_failed" | "unknown_symbol" | "market_data" | "auth_required" | "rate_limited" | "upstream_unavailable" | "timeout" | "upstream_rejected" | "job_running" | "changed_since" | "internal";

export type ApiError = { code: ErrorCode, message: string, field: string | null, row: number | null, };

export type AppInfo = { version: string, database: string, schema_version: number | null, log_dir: string, 
/**
 * Why the database could not be opened, if it could not.
 */
startup_error: ApiError | null, };

export type NotificationEvent = { title: string, body: string, };

export type Right = "P" | "C";

export type Action = "STO" | "BTC" | "BTO" | "STC" | "EXPIRE" | "ASSIGN" | "EXERCISE" | "BUY" | "SELL" | "DIVIDEND" | "FEE" | "ADJUST" | "DEPOSIT" | "WITHDRAW" | "INTEREST";

export type OptionSpec = { right: Right, strike: string, expiry: string, 
/**
 * Cash per 1.00 of premium or strike, per contract (100 for standard contracts).
 */
multiplier: string, 
/**
 * Shares delivered per contract on assignment or exercise (the multiplier unless adjusted).
 */
deliverable: string, };

export type FillData = { date: string, time: string | null, action: Action, 
/**
 * The underlying; `None` only for account cash (DEPOSIT, WITHDRAW, INTEREST) and for a
 * FEE or ADJUST that belongs to no wheel.
 */
symbol: string | null, option: OptionSpec | null, 
/**
 * Contracts for options, shares for stock and dividends; zero for cash-only actions.
 */
quantity: string, 
/**
 * Per share (premium per share for options). For ADJUST/DEPOSIT/WITHDRAW/INTEREST, the amount.
 */
price: string, fees: string, account: string | null, external_id: string | null, roll_id: string | null, note: string | null, };

export type Fill = { id: number, 
/**
 * Entry sequence: orders fills of the same date in the order they were entered.
 */
seq: number, date: string, time: string | null, action: Action, 
/**
 * The underlying; `None` only for account cash (DEPOSIT, WITHDRAW, INTEREST) and for a
 * FEE or ADJUST that belongs to no wheel.
 */
symbol: string | null, option: OptionSpec | null, 
/**
 * Contracts for options, shares for stock and dividends; zero for cash-only actions.
 */
quantity: string, 
/**
 * Per share (premium per share for options). For ADJUST/DEPOSIT/WITHDRAW/INTEREST, the amount.
 */
price: string, fees: string, account: string | null, external_id: string | null, roll_id: string | null, note: string | null, };

export type Side = "short" | "long";

export type WheelState = "idle" | "put_open" | "shares" | "shares_call_open" | "shares_put_open" | "shares_put_call_open" | "uncovered_calls";

export type LotSummary = { id: number, shares: string, basis: string, tax_basis_per_share: string, acquired: string, };

export type OpenOption = { leg_id: number, right: Right, side: Side, strike: string, expiry: string, contracts: string, open_price: string, opened: string, multiplier: string, deliverable: string, };

export type Cycle = { 
/**
 * 1 for the wheel's first cycle.
 */
number: number, started: string, ended: string | null, premium_collected: string, net_option_cash: string, realized_pnl: string, dividends: string, fees: string, 
/**
 * Ids of the fills booked to this cycle, in replay order: the cycle's timeline.
 */
fills: Array<number>, };

export type Roll = { roll_id: string, date: string, 
/**
 * Legs (by opening fill id) this roll bought or sold back.
 */
closed_legs: Array<number>, 
/**
 * Legs this roll opened.
 */
opened_legs: Array<number>, 
/**
 * Net cash of the roll's fills: premium of the new legs less the cost of closing, less fees.
 */
net: string, 
/**
 * Σ net over this roll and the rolls before it in the same chain.
 */
chain_net: string, };

export type WarningCode = "naked_call" | "wash_sale_probable";

export type Warning = { fill_id: number, code: WarningCode, message: string, };

export type WheelSummary = { symbol: string, state: WheelState, shares: string, lots: Array<LotSummary>, adjusted_basis_per_share: string | null, 
/**
 * For an open short put without shares: the price at which assignment breaks even.
 */
breakeven: string | null, premium_collected: string, net_option_cash: string, realized_pnl: string, fees: string, dividends: string, net_cash: string, open_options: Array<OpenOption>, cycle: number | null, cycles: Array<Cycle>, rolls: Array<Roll>, warnings: Array<Warning>, };

export type LegClose = { fill_id: number, action: Action, date: string, contracts: string, 
/**
 * Price per share paid or received by the close (zero for settlements).
 */
price: string, 
/**
 * This part's share of the leg's opening fees.
 */
open_fee_share: string, 
/**
 * This part's share of the closing fill's fees.
 */
close_fee_share: string, 
/**
 * P&L realized by this part; `None` when it moved into a lot's basis instead (an assigned
 * put, an exercised call).
 */
realized: string | null, };

export type Leg = { 
/**
 * The id of the opening fill.
 */
id: number, side: Side, contract: OptionSpec, opened: string, contracts: string, 
/**
 * Contracts still open.
 */
open_contracts: string, 
/**
 * Premium per share at the open.
 */
price: string, open_fees: string, cycle: number, roll_id: string | null, closes: Array<LegClose>, };

export type Term = "short" | "long";

export type Disposal = { fill_id: number, date: string, lot_id: number, acquired: string, shares: string, 
/**
 * This lot's share of the amount realized.
 */
proceeds: string, basis: string, gain: string, term: Term, 
/**
 * A loss with a purchase or assignment of the same stock within 30 days either side.
 */
wash_sale_probable: boolean, };

export type RealizationKind = "option_closed" | "option_expired" | "share_disposal" | "dividend" | "fee" | "adjustment";

export type Realization = { fill_id: number, date: string, kind: RealizationKind, amount: string, 
/**
 * The cycle it belongs to; `None` for a fee or adjustment before the wheel's first trade.
 */
cycle: number | null, };

export type PortfolioCash = { deposits: string, withdrawals: string, interest: string, 
/**
 * Fees and adjustments recorded without a symbol.
 */
other: string, 
/**
 * Net cash of all wheels (premium, share trades, dividends, their fees).
 */
wheels: string, cash: string, };

export type Portfolio = { id: number, name: string, description: string, default_capital: string | null, account_link: string | null, created_at: string, };

export type NewPortfolio = { name: string, description: string, default_capital: string | null, account_link: string | null, };

export type PortfolioOverview = { wheels: number, open_wheels: number, cash: PortfolioCash, premium_collected: string, realized_pnl: string, id: number, name: string, description: string, default_capital: string | null, account_link: string | null, created_at: string, };

export type Profile = "conservative" | "moderate" | "aggressive";

export type Wheel = { id: number, portfolio_id: number, symbol: string, profile: Profile, capital_allocated: string | null, notes: string, };

export type NewWheel = { symbol: string, profile: Profile, capital_allocated: string | null, notes: string, };

export type WheelDetail = { wheel: Wheel, summary: WheelSummary, fills: Array<Fill>, legs: Array<Leg>, disposals: Array<Disposal>, realizations: Array<Realization>, };

export type FillOutcome = { fill: Fill, 
/**
 * The wheel's state after the fill (`None` for account cash).
 */
summary: WheelSummary | null, 
/**
 * Warnings this fill raised (naked call, probable wash sale). It was booked anyway.
 */
warnings: Array<Warning>, 
/**
 * Nothing changed: an identical fill with the same external id was already recorded, or an
 * edit left the fill as it was.
 */
duplicate: boolean, 
/**
 * The audit log's number for this change, to undo it by (none for a duplicate).
 */
change: number | null, };

export type FillInput = { portfolio: string, fill: FillData, };

export type SkippedRow = { row: number, external_id: string, };

export type ImportReport = { portfolio: string, portfolio_created: boolean, rows: number, added: number, 
/**
 * Rows whose external id was already recorded with the same content (1-based row numbers).
 */
skipped: Array<SkippedRow>, wheels_created: Array<string>, warnings: Array<Warning>, };

export type LedgerEvent = { "kind": "portfolios_changed" } | { "kind": "fills_changed", portfolio: string, symbols: Array<string>, } | { "kind": "alerts_changed", unread: number, } | { "kind": "other_process_wrote" };

export type Symbol = string;

export type DataFlag = "stale" | "crossed" | "zero_bid" | "missing_greeks" | "history_gap" | "simulated";

export type DividendInfo = { 
/**
 * Per payment.
 */
amount: number, per_year: number, next_ex_date: string | null, 
/**
 * Annual yield as a decimal.
 */
annual_yield: number | null, };

export type Quote = { symbol: Symbol, time: string, last: number | null, bid: number | null, ask: number | null, 
/**
 * The previous session's close.
 */
previous_close: number | null, volume: number | null, name: string | null, 
/**
 * None when the provider does not say (Schwab and Tradier never do).
 */
sector: string | null, dividend: DividendInfo | null, 
/**
 * The next earnings date; None when unknown — never invented.
 */
next_earnings: string | null, flags: Array<DataFlag>, };

export type Greeks = { delta: number, gamma: number, theta_per_day: number, vega_per_point: number, };

export type OptionQuote = { 
/**
 * OCC symbol, root padded to six: `AAPL  241018C00230000`.
 */
occ: string, underlying: Symbol, right: Right, strike: number, expiry: string, multiplier: number, 
/**
 * False for adjusted contracts (a deliverable other than 100 shares).
 */
standard: boolean, bid: number | null, ask: number | null, last: number | null, volume: number, open_interest: number, 
/**
 * Implied volatility as a decimal, from the provider's model.
 */
iv: number | null, greeks: Greeks | null, flags: Array<DataFlag>, };

export type OptionChain = { underlying: Quote, 
/**
 * When the option quotes were taken (the chain is valued at this instant).
 */
time: string, 
/**
 * Continuous risk-free rate the provider priced with (decimal).
 */
rate: number, contracts: Array<OptionQuote>, };

export type ChainFilter = { from: string | null, to: string | null, 
/**
 * Strikes nearest the money, per expiry and right.
 */
strike_count: number | null, right: Right | null, };

export type Bar = { time: string, open: number, high: number, low: number, close: number, volume: number, };

export type Interval = "daily" | { "minutes": number };

export type PriceHistory = { symbol: Symbol, interval: Interval, bars: Array<Bar>, 
/**
 * Daily histories only: closed sessions in the range with no bar.
 */
missing_sessions: Array<string>, 
/**
 * `HistoryGap` when sessions are missing, `Simulated` for the Demo market.
 */
flags: Array<DataFlag>, };

export type SymbolNote = { symbol: string, sector: string | null, next_earnings: string | null, };

export type ChainRequest = { symbol: string, from: string | null, to: string | null, 
/**
 * Strikes nearest the money, per expiry and right.
 */
strike_count: number | null, right: Right | null, };

export type HistoryRequest = { symbol: string, from: string, to: string, interval: Interval, };

export type ListingRow = { symbol: string, name: string, sector: string, };

export type DemoClock = { "mode": "live", offset_seconds: number, } | { "mode": "stepped", at: string, };

export type ClockStep = "to_close" | "next_session" | "next_expiration";

export type Settlement = { portfolio: string, symbol: string, action: Action, right: Right, strike: string, expiry: string, contracts: string, 
/**
 * The underlying's official close on the expiration day.
 */
close: string, };

export type DemoClockState = { clock: DemoClock, now: string, market_open: boolean, settled: Array<Settlement>, 
/**
 * The Demo market supplies prices (another provider's market runs on the real clock).
 */
active: boolean, 
/**
 * The market's date in New York: the Demo clock's when it is active, else today's.
 */
market_day: string, };

export type WatchlistEntry = { symbol: string, exchange: string | null, section: string | null, };

export type Watchlist = { id: number, name: string, entries: Array<WatchlistEntry>, };

export type WatchlistSummary = { name: string, symbols: number, };

export type WatchlistImport = { watchlist: string, created: boolean, added: number, already_there: number, };

export type Screen = { min_price: number | null, max_price: number | null, 
/**
 * Exact sector name (any case); symbols whose provider gives no sector never match one.
 */
sector: string | null, 
/**
 * Session volume × last price, in dollars.
 */
min_dollar_volume: number | null, };

export type ScreenRow = { quote: Quote, section: string | null, dollar_volume: number | null, };

export type Unquoted = { symbol: string, code: ErrorCode, message: string, };

export type ScreenResult = { watchlist: string, rows: Array<ScreenRow>, 
/**
 * Quoted but outside the criteria.
 */
filtered_out: number, unquoted: Array<Unquoted>, };

export type Provider = "demo" | "schwab" | "tradier";

export type SchwabAppInput = { app_key: string, app_secret: string, 
/**
 * The callback URL registered with the app; the default when left out.
 */
callback: string | null, 
/**
 * The API root (for a proxy, or a test server); Schwab's own when left out.
 */
api_root: string | null, };

export type LoginState = "valid" | "refresh_due" | "expires_soon" | "log_in_again";

export type SchwabStatus = { app_key_set: boolean, app_secret_set: boolean, callback: string, api_root: string, logged_in: boolean, login: LoginState | null, 
/**
 * When the refresh token dies (7 days after the first login): a new login is due then.
 */
login_expires_at: string | null, 
/**
 * What to tell the user about the login, if anything ("log in again within a day").
 */
warning: string | null, };

export type TradierInput = { 
/**
 * Left out to keep the stored token (e.g. when only switching to the sandbox).
 */
token: string | null, sandbox: boolean, 
/**
 * For a proxy or a test server; Tradier's own (production or sandbox) when left out.
 */
api_root: string | null, };

export type TradierStatus = { token_set: boolean, sandbox: boolean, api_root: string, };

export type BrokerStatus = { provider: Provider, schwab: SchwabStatus, tradier: TradierStatus, };

export type LoginStart = { authorize_url: string, callback: string, };

export type LoginFinished = { status: SchwabStatus | null, error: ApiError | null, };

export type Balances = { 
/**
 * Cash as the broker counts it (Schwab's `cashBalance`), before money-market sweeps.
 */
cash: string | null, 
/**
 * Cash swept into a money-market fund: still the account's cash for reconciliation.
 */
money_market: string, liquidation_value: string | null, buying_power: string | null, };

export type Contract = { underlying: string, right: Right, strike: string, expiry: string, };

export type Instrument = { "kind": "shares", symbol: string, } | { "kind": "option", contract: Contract, 
/**
 * The OCC symbol as the broker printed it.
 */
occ: string, 
/**
 * Premium multiplier and shares delivered per contract, when the broker says.
 */
multiplier: string | null, deliverable: string | null, 
/**
 * More than one deliverable (cash in lieu, other shares): an adjusted contract.
 */
non_standard: boolean, } | { "kind": "other", symbol: string, asset_type: string, };

export type Position = { instrument: Instrument, quantity: string, };

export type BrokerAccount = { 
/**
 * The account number the user knows (shown, and kept in the portfolio's link).
 */
number: string, 
/**
 * "MARGIN", "CASH", "IRA"…, as the broker names it.
 */
kind: string, positions: Array<Position>, balances: Balances, };

export type SyncRequest = { 
/**
 * The portfolio to sync into; created and linked on the first sync.
 */
portfolio: string, 
/**
 * The broker account number; needed only the first time (then the portfolio's link says it).
 */
account: string | null, from: string | null, to: string | null, };

export type Attention = { activity: string, date: string, description: string, 
/**
 * What is unclear and what the user can do about it.
 */
reason: string, };

export type IgnoredActivity = { activity: string, reason: string, };

export type DifferenceKind = "shares" | "option" | "cash";

export type Difference = { kind: DifferenceKind, 
/**
 * The symbol, the contract ("CVS 57.5 call 2024-08-16") or "cash".
 */
subject: string, 
/**
 * Long positive, short negative; cash in dollars.
 */
ledger: string, broker: string, 
/**
 * What would explain it, and what to do.
 */
explanation: string, };

export type Reconciliation = { account: string, 
/**
 * Positions compared (shares and options held on either side).
 */
compared: number, differences: Array<Difference>, 
/**
 * Broker positions the ledger does not track (funds, bonds): listed, not compared.
 */
untracked: Array<string>, };

export type SyncReport = { portfolio: string, broker: string, account: string, from: string, to: string, 
/**
 * Activities the broker returned for the range.
 */
activities: number, added: Array<Fill>, 
/**
 * Fills already in the ledger from an earlier sync.
 */
skipped: number, ignored: Array<IgnoredActivity>, needs_attention: Array<Attention>, wheels_created: Array<string>, reconciliation: Reconciliation, };

export type Cadence = { "kind": "every", minutes: number, } | { "kind": "cron", pattern: string, };

export type Window = "always" | "session_days" | "market_hours";

export type Schedule = { cadence: Cadence, window: Window, };

export type Trigger = "schedule" | "catch_up" | "manual";

export type RunStatus = "running" | "succeeded" | "failed" | "skipped";

export type RunRecord = { id: number, job: string, trigger: Trigger, scheduled_for: string | null, started_at: string, finished_at: string | null, status: RunStatus, items: number | null, message: string | null, runner: string, };

export type JobStatus = { name: string, description: string, enabled: boolean, schedule: Schedule, next_run_at: string | null, last_run: RunRecord | null, };

export type Model = "european" | "american";

export type RiskLevel = "LOW" | "MEDIUM" | "HIGH";

export type PositionView = { symbol: string, leg_id: number, right: Right, side: Side, strike: number, expiry: string, contracts: number, 
/**
 * Premium a share when opened.
 */
open_price: number, spot: number, dte_calendar: number, 
/**
 * Sessions after today up to and including the expiry.
 */
dte_trading: number, 
/**
 * Distance to the strike as a fraction of the spot: positive out of the money.
 */
moneyness: number, 
/**
 * "OTM by 3.2%", "ITM by 1.5%", "at the money".
 */
moneyness_label: string, intrinsic: number, extrinsic: number | null, 
/**
 * The mid now, a share; `None` without a two-sided quote.
 */
mark: number | null, 
/**
 * Mark-to-market P&L of the position in dollars, before fees.
 */
unrealized_pnl: number | null, 
/**
 * Short options: (open price − mark) ÷ open price.
 */
max_profit_captured: number | null, 
/**
 * Why early assignment is likely, when it is.
 */
early_assignment: string | null, risk: RiskLevel, 
/**
 * The rule that set the risk level.
 */
risk_rule: string, delta: number | null, theta_per_day: number | null, iv: number | null, };

export type BasisGuard = "adjusted" | "tax" | "off";

export type Overrides = { delta_min?: number, delta_max?: number, dte_min?: number, dte_max?: number, min_premium?: number, min_annualized_yield?: number, min_open_interest?: number, max_spread?: number, basis_guard?: BasisGuard, take_profit?: number, };

export type Criteria = { 
/**
 * |delta| band, inclusive.
 */
delta_min: number, delta_max: number, 
/**
 * Calendar days to expiry, inclusive.
 */
dte_min: number, dte_max: number, 
/**
 * The bid, a share: what selling at the market would get.
 */
min_premium: number, 
/**
 * Premium yield a year (0.10 = 10%).
 */
min_annualized_yield: number, min_open_interest: number, 
/**
 * (ask − bid) ÷ mid; a spread 0.05 wide or less always passes.
 */
max_spread: number, basis_guard: BasisGuard, 
/**
 * Close a short option once this share of its maximum profit is captured.
 */
take_profit: number, };

export type CandidateWarningCode = "earnings_before_expiry" | "ex_dividend_before_expiry" | "wide_spread" | "low_open_interest" | "strike_below_basis" | "over_buying_power";

export type CandidateWarning = { code: CandidateWarningCode, message: string, };

export type Score = { yield_part: number, pop_part: number, liquidity_part: number, total: number, };

export type Candidate = { symbol: string, occ: string, right: Right, strike: number, expiry: string, dte: number, contracts: number, spot: number, bid: number, mid: number, 
/**
 * (ask − bid) ÷ mid.
 */
spread: number, 
/**
 * ask − bid, a share.
 */
width: number, open_interest: number, volume: number, premium_yield: number, annualized_yield: number, capital_required: number, breakeven: number, pop: number, assignment_probability: number, delta: number, theta_per_day: number, iv: number, model: Model, warnings: Array<CandidateWarning>, score: Score, reason: string, };

export type Move = "sell_put" | "sell_call" | "hold" | "close_for_profit" | "roll" | "no_trade";

export type RollKind = "same_strike" | "down_and_out" | "up_and_out";

export type RollCandidate = { kind: RollKind, strike: number, expiry: string, days_added: number, 
/**
 * New bid − current ask, a share: positive is a credit.
 */
net: number, 
/**
 * The same at mids.
 */
net_mid: number, breakeven: number, pop: number, pop_change: number, 
/**
 * Dollars: (new strike − old strike) × multiplier × contracts for puts, 0 for calls.
 */
capital_change: number, delta: number | null, moneyness_label: string, };

export type RollAnalysis = { symbol: string, right: Right, strike: number, expiry: string, 
/**
 * The ask to buy the current contract back, a share.
 */
close_cost: number, current_pop: number | null, rolls: Array<RollCandidate>, credit_available: boolean, summary: string, };

export type Recommendation = { symbol: string, state: WheelState, action: Move, reason: string, candidates: Array<Candidate>, positions: Array<PositionView>, roll: RollAnalysis | null, };

export type ScanFilter = { 
/**
 * Skip underlyings priced above this.
 */
max_price?: number, dte_min: number, dte_max: number, delta_min: number, delta_max: number, min_open_interest: number, 
/**
 * Minimum bid, a share.
 */
min_credit: number, 
/**
 * Drop contracts whose term holds an earnings date.
 */
exclude_earnings: boolean, 
/**
 * Opportunities returned at most.
 */
limit: number, };

export type ExpirationOutcome = "expires_worthless" | "assigned" | "called_away" | "exercised";

export type ExpiringOption = { symbol: string, leg_id: number, right: Right, side: Side, strike: number, contracts: number, spot: number, 
/**
 * (spot − strike) ÷ spot.
 */
distance: number, outcome: ExpirationOutcome, 
/**
 * Cash in (positive) or out next session.
 */
cash_change: number, 
/**
 * Shares received (positive) or delivered.
 */
shares_change: number, pin_risk: boolean, 
/**
 * "Assigned: buy 100 KO at 66 (6,600)".
 */
summary: string, };

export type SharesAfter = { symbol: string, held: number, change: number, after: number, };

export type ExpirationDay = { expiry: string, pin_distance: number, options: Array<ExpiringOption>, 
/**
 * Cash paid out for assignments and exercises.
 */
cash_needed: number, cash_received: number, cash: number, cash_after: number, shares: Array<SharesAfter>, pinned: number, 
/**
 * What will not be there: cash short of the assignments, shares short of a call.
 */
shortfalls: Array<string>, };

export type AgendaLeg = { symbol: string, right: Right, side: Side, strike: number, contracts: number, };

export type ExpiryGroup = { expiry: string, 
/**
 * Calendar days from today.
 */
days: number, legs: Array<AgendaLeg>, 
/**
 * Cash the short puts take if every one is assigned (strike × multiplier × contracts).
 */
cash_if_assigned: number, 
/**
 * Shares the short calls deliver if every one is exercised.
 */
shares_if_called: number, };

export type ExDividend = { symbol: string, ex_date: string, days: number, 
/**
 * Per share.
 */
amount: number, shares: number, 
/**
 * amount × shares held.
 */
income: number, 
/**
 * Short calls still open on the ex-date: in the money then, they are likely assigned the
 * session before (the holder exercises to collect the dividend).
 */
calls_open_over_it: Array<number>, };

export type RecommendRequest = { portfolio: string, 
/**
 * One wheel; all wheels of the portfolio when absent.
 */
symbol?: string, overrides: Overrides, 
/**
 * Candidates listed per wheel (default 5, at most 50).
 */
limit?: number, };

export type ScanRequest = { 
/**
 * Scan this watchlist's symbols...
 */
watchlist?: string, 
/**
 * ...or these.
 */
symbols: Array<string>, 
/**
 * Covered calls for the symbols this portfolio holds 100 shares or more of.
 */
portfolio?: string, filter: ScanFilter, };

export type Skipped = { symbol: string, reason: string, };

export type ScanResult = { id: number, created_at: string, provider: string, scanned: number, skipped: Array<Skipped>, candidates: Array<Candidate>, };

export type ScanProgress = { done: number, total: number, symbol: string, };

export type Horizon = { sessions: number, 
/**
 * Calendar time from now to the close of the last session, in years of 365 days.
 */
years: number, };

export type Simulation = { paths: number, seed: number, };

export type Distribution = { sessions: number, paths: number, 
/**
 * `counts.len() + 1` ascending P&L values: bar `i` holds the paths in
 * `[edges[i], edges[i + 1])`, the last bar its upper edge too.
 */
edges: Array<number>, counts: Array<number>, 
/**
 * Paths worse than the first edge and better than the last.
 */
below: number, above: number, };

export type VarMethod = "delta_normal" | "delta_gamma" | "monte_carlo";

export type VarFigure = { method: VarMethod, sessions: number, confidence: number, var: number, expected_shortfall: number, };

export type HoldingRisk = { label: string, symbol: string, quantity: number, 
/**
 * Value per share (the spot for shares, the model value for options).
 */
mark: number, 
/**
 * Signed market value (a short option is a liability).
 */
value: number, delta_shares: number, dollar_delta: number, gamma_shares: number, dollar_gamma: number, theta_per_day: number, vega_per_point: number, 
/**
 * Cash tied up by a cash-secured short put (net of its premium); a short call beyond the
 * shares held ties up its Reg-T estimate.
 */
collateral: number, margin_estimate: number, exposure: number, };

export type NameExposure = { symbol: string, sector: string | null, exposure: number, 
/**
 * Of net liquidation value; `None` when that is not positive.
 */
pct: number | null, dollar_delta: number, dollar_gamma: number, theta_per_day: number, vega_per_point: number, };

export type SectorExposure = { 
/**
 * "Unknown" for names without a sector.
 */
sector: string, exposure: number, pct: number | null, };

export type Exposure = { holdings: Array<HoldingRisk>, dollar_delta: number, dollar_gamma: number, theta_per_day: number, vega_per_point: number, cash: number, net_liquidation: number, 
/**
 * Cash tied up by short options, net of premium.
 */
collateral: number, 
/**
 * Cash less the strikes its short puts secure (and uncovered calls' estimates).
 */
free_cash: number, 
/**
 * The Reg-T estimate for all short options (calls covered by shares need none).
 */
margin_estimate: number, names: Array<NameExposure>, sectors: Array<SectorExposure>, };

export type RiskReport = { exposure: Exposure, horizons: Array<Horizon>, 
/**
 * Per horizon and confidence: delta-normal, delta-gamma, Monte Carlo.
 */
var: Array<VarFigure>, 
/**
 * The Monte Carlo P&L of each horizon as a histogram.
 */
distributions: Array<Distribution>, simulation: Simulation, 
/**
 * How far the correlation matrix had to be shrunk toward the identity to factor (0 = not).
 */
shrinkage: number, };

export type RiskEstimate = { symbols: Array<string>, 
/**
 * Standard deviation of daily log returns, per symbol.
 */
daily_vol: Array<number>, 
/**
 * Row-major correlation of daily log returns.
 */
correlation: Array<number>, 
/**
 * Returns each figure was measured on.
 */
observations: number, first: string | null, last: string | null, };

export type Limits = { 
/**
 * One holding's exposure (a short put's assignment notional, shares at market).
 */
max_position_pct: number, 
/**
 * All holdings on one underlying.
 */
max_name_pct: number, 
/**
 * All names of one sector.
 */
max_sector_pct: number, 
/**
 * |Portfolio dollar delta|.
 */
max_delta_pct: number, 
/**
 * One-day 99% delta-gamma VaR.
 */
max_daily_loss_pct: number, 
/**
 * Free cash (cash less what the short options secure).
 */
min_cash_pct: number, };

export type LimitStatus = "ok" | "warning" | "violation";

export type LimitName = "position" | "name" | "sector" | "delta" | "daily_loss" | "cash";

export type LimitCheck = { limit: LimitName, 
/**
 * The position, name or sector checked.
 */
subject?: string, 
/**
 * `None` when it cannot be measured (net liquidation not positive, sector unknown).
 */
value_pct: number | null, limit_pct: number, status: LimitStatus, message: string, };

export type Standing = { net_liquidation: number, free_cash: number, dollar_delta: number, 
/**
 * One-day 99% delta-gamma VaR.
 */
daily_var: number, 
/**
 * The traded name's and sector's exposure, percent of net liquidation.
 */
name_pct: number | null, sector_pct: number | null, };

export type Verdict = "approved" | "warnings" | "violations";

export type PreTrade = { verdict: Verdict, checks: Array<LimitCheck>, before: Standing, after: Standing, };

export type RiskRequest = { portfolio: string, 
/**
 * Monte Carlo paths (default 100,000).
 */
paths?: number, seed?: number, };

export type RiskView = { portfolio: string, as_of: string, provider: string, report: RiskReport, 
/**
 * The volatilities and correlations the VaR used, with the days they were measured on.
 */
estimate: RiskEstimate, 
/**
 * Annualized volatility per symbol of `estimate` (daily × √252).
 */
annual_vol: Array<number>, 
/**
 * The book as it stands against each of the trader's limits.
 */
limits: Array<LimitCheck>, 
/**
 * Where a figure had to fall back (an option without an implied volatility).
 */
notes: Array<string>, };

export type TradeAction = "sell" | "buy";

export type TradeKind = "put" | "call" | "shares";

export type TradeRequest = { portfolio: string, symbol: string, action: TradeAction, kind: TradeKind, quantity: number, strike?: number, expiry?: string, price?: number, };

export type TradeCheck = { 
/**
 * "Sell 5 KO Dec 18 2026 50 put at 1.00".
 */
trade: string, price: number, limits: Limits, result: PreTrade, };

export type Period = { from: string | null, to: string, };

export type Tally = { wins: number, losses: number, even: number, 
/**
 * Wins ÷ (wins + losses + even); `None` when nothing closed.
 */
win_rate: number | null, };

export type Figures = { 
/**
 * Gross premium of the short legs opened in the period.
 */
premium_collected: string, realized_pnl: string, 
/**
 * Mark-to-market P&L of what is still open (as of today; `None` when a mark is missing or the
 * period ended before today).
 */
unrealized_pnl: string | null, 
/**
 * Every fee of the fills in the period.
 */
fees: string, dividends: string, legs: Tally, 
/**
 * Closed legs whose result moved into a lot's basis (assigned puts, exercised calls).
 */
legs_assigned: number, cycles: Tally, short_legs_opened: number, 
/**
 * Premium collected ÷ short legs opened.
 */
average_premium: string | null, average_days_in_trade: number | null, 
/**
 * Σ collateral × days inside the period, in dollar-days.
 */
collateral_days: string, 
/**
 * Realized P&L ÷ collateral-days × 365.
 */
annualized_return_on_collateral: number | null, };

export type WheelPerformance = { portfolio: string, symbol: string, figures: Figures, };

export type MonthIncome = { 
/**
 * "2026-03".
 */
month: string, 
/**
 * P&L recognised in the month (realized view).
 */
realized: string, premium: string, buybacks: string, dividends: string, fees: string, adjustments: string, 
/**
 * premium − buybacks − fees + dividends + adjustments.
 */
cash_flow: string, };

export type CycleResult = { portfolio: string, symbol: string, number: number, started: string, ended: string, days: number, premium_collected: string, realized_pnl: string, annualized_return_on_collateral: number | null, };

export type Performance = { period: Period, total: Figures, wheels: Array<WheelPerformance>, 
/**
 * Months of the period with any income, oldest first.
 */
months: Array<MonthIncome>, 
/**
 * Closed cycles ended in the period, best first.
 */
best_cycles: Array<CycleResult>, 
/**
 * Worst first.
 */
worst_cycles: Array<CycleResult>, };

export type PerformanceRequest = { 
/**
 * One portfolio; every portfolio when absent.
 */
portfolio?: string, 
/**
 * One wheel (symbol); every wheel when absent.
 */
symbol?: string, 
/**
 * First day (inclusive); since the first fill when absent.
 */
from?: string, 
/**
 * Last day (inclusive); today when absent.
 */
to?: string, };

export type PerformanceView = { 
/**
 * "portfolio Main", "all portfolios", with the symbol when one was asked for.
 */
scope: string, today: string, provider: string, performance: Performance, 
/**
 * Where a figure is unknown, and why.
 */
notes: Array<string>, };

export type MarkedPosition = { symbol: string, 
/**
 * "shares", or "leg:<opening fill id>" for an option.
 */
position: string, 
/**
 * "100 shares", "short 1 put 150 2026-01-16".
 */
description: string, 
/**
 * Shares, or contracts.
 */
quantity: number, spot: number | null, 
/**
 * The option's mid, or the share price.
 */
mark: number | null, 
/**
 * Distance to the strike as a fraction of the spot, positive out of the money (options).
 */
moneyness: number | null, dte: number | null, 
/**
 * Shares: value − tax basis; options: as the position monitor marks them (before fees).
 */
unrealized_pnl: number | null, risk: RiskLevel | null, };

export type SnapshotKind = "daily" | "manual";

export type SnapshotSummary = { id: number, portfolio: string, trading_day: string, taken_at: string, kind: SnapshotKind, provider: string, positions: number, 
/**
 * Σ unrealized P&L; `None` when a position had no price.
 */
unrealized_pnl: number | null, };

export type Snapshot = { summary: SnapshotSummary, 
/**
 * A daily snapshot that replaced the day's earlier one.
 */
replaced: boolean, positions: Array<MarkedPosition>, };

export type TrendPoint = { snapshot_id: number, trading_day: string, taken_at: string, kind: SnapshotKind, spot: number | null, mark: number | null, moneyness: number | null, unrealized_pnl: number | null, };

export type TrendSeries = { symbol: string, position: string, 
/**
 * As the latest snapshot described it.
 */
description: string, points: Array<TrendPoint>, };

export type ExportKind = "ledger" | "positions" | "performance" | "monthly_income";

export type ExportRequest = { kind: ExportKind, 
/**
 * The scope and period (ledger and positions need the portfolio).
 */
scope: PerformanceRequest, };

export type ExportedFile = { path: string, 
/**
 * Data rows (the header not counted).
 */
rows: number, };

export type Theme = "light" | "dark";

export type Scale = "money" | "price" | "percent" | "number" | "date" | "category";

export type Style = "line" | "dashed" | "bars" | "cells";

export type MarkAxis = "x" | "y";

export type PlotArea = { left: number, top: number, width: number, height: number, };

export type Axis = { label: string, scale: Scale, min: number, max: number, 
/**
 * For a category axis, the names at 0, 1, 2, …
 */
categories: Array<string>, };

export type Series = { name: string, 
/**
 * CSS colour the series was drawn in, for the readout's swatch.
 */
color: string, style: Style, points: Array<[number, number]>, 
/**
 * The CSS colour of each point where the points differ (a bar coloured by its own limit
 * status or sign, a heat-map cell by its value), for the readout's swatch; empty: every
 * point is `color`.
 */
point_colors: Array<string>, };

export type Mark = { label: string, axis: MarkAxis, value: number, color: string, };

export type Chart = { 
/**
 * A complete SVG document (`viewBox="0 0 width height"`), background included.
 */
svg: string, width: number, height: number, 
/**
 * Where the data is drawn, in SVG pixels from the top left.
 */
plot: PlotArea, x: Axis, y: Axis, series: Array<Series>, marks: Array<Mark>, };

export type IncomeView = "realized" | "cash_flow";

export type ChartFormat = "svg" | "png";

export type ConcentrationBy = "name" | "sector";

export type ChartKind = { "kind": "payoff", portfolio: string, symbol: string, } | { "kind": "price", portfolio: string, symbol: string, 
/**
 * Calendar days back from today (default 180).
 */
days?: number, } | { "kind": "income", scope: PerformanceRequest, view: IncomeView, } | { "kind": "cumulative_pnl", scope: PerformanceRequest, } | { "kind": "risk_distribution", portfolio: string, sessions: number, } | { "kind": "concentration", portfolio: string, by: ConcentrationBy, } | { "kind": "limit_usage", portfolio: string, } | { "kind": "correlation", portfolio: string, } | { "kind": "smile", symbol: string, expiry: string, } | { "kind": "term_structure", symbol: string, } | { "kind": "snapshot_trend", portfolio: string, symbol: string, };

export type ChartRequest = { chart: ChartKind, theme: Theme, width: number, height: number, };

export type ChartView = { title: string, 
/**
 * `None` when there is nothing to draw yet; `empty` then says what to do.
 */
chart: Chart | null, empty: string | null, 
/**
 * What the chart leaves out or assumes, and why.
 */
notes: Array<string>, 
/**
 * Where the numbers come from: "Demo market · Mar 2, 10:00 ET", "ledger".
 */
source: string, };

export type WheelCriteriaInput = { 
/**
 * Follow the custom profile instead of the wheel's named one.
 */
custom: boolean, overrides: Overrides, };

export type WheelCriteria = { portfolio: string, symbol: string, 
/**
 * "conservative", "moderate", "aggressive" or "custom".
 */
profile: string, custom: boolean, overrides: Overrides, 
/**
 * The profile with the overrides applied.
 */
criteria: Criteria, };

export type NamedProfile = { 
/**
 * "conservative", "moderate", "aggressive" or "custom".
 */
name: string, criteria: Criteria, };

export type AlertKind = "price_crosses" | "daily_move" | "in_the_money" | "expiring_soon" | "risk_high" | "take_profit" | "early_assignment" | "earnings" | "opportunity" | "limit_breach" | "token_expiry" | "job_failing";

export type AlertSeverity = "info" | "warning" | "critical";

export type AlertRule = { id: number, kind: AlertKind, symbol: string | null, threshold: number | null, enabled: boolean, cooldown_minutes: number, };

export type AlertRuleInput = { symbol?: string, threshold?: number, enabled?: boolean, cooldown_minutes?: number, };

export type AlertLink = { "page": "wheel", portfolio: string, symbol: string, } | { "page": "symbol", symbol: string, } | { "page": "risk", portfolio: string, } | { "page": "scanner" } | { "page": "scheduler", job: string, } | { "page": "settings" };

export type QuietHours = { 
/**
 * Local time of day, "22:00".
 */
start: string, end: string, };

export type AlertDelivery = { quiet_hours?: QuietHours, 
/**
 * Interrupting channels stay silent until then.
 */
paused_until?: string, };

export type Silence = { "reason": "paused", until: string, } | { "reason": "quiet_hours" };

export type Alert = { id: number, rule_id: number | null, kind: AlertKind, severity: AlertSeverity, title: string, body: string, link: AlertLink, portfolio: string | null, symbol: string | null, created_at: string, read: boolean, dismissed: boolean, 
/**
 * What the interrupting channels did: "notified", "quiet_hours", "paused", "failed: …".
 */
delivery: string, };

export type Dashboard = { portfolio: string, today: string, provider: string, 
/**
 * The capital the portfolio was set up with, when it was given one.
 */
capital: string | null, cash: string, 
/**
 * What the open short puts secure (strike × multiplier × contracts).
 */
collateral: string, 
/**
 * Cash less collateral: what new puts can be secured with.
 */
free_cash: string, 
/**
 * Gross premium of short options opened this calendar month.
 */
premium_month: string, premium_year: string, realized_month: string, realized_year: string, 
/**
 * Mark-to-market P&L of everything open; `None` when a mark is missing (see `notes`).
 */
unrealized_pnl: string | null, open_wheels: number, 
/**
 * Open options, riskiest first.
 */
positions: Array<PositionView>, expirations: Array<ExpiryGroup>, ex_dividends: Array<ExDividend>, 
/**
 * Latest undismissed alerts about this portfolio or about no portfolio in particular.
 */
alerts: Array<Alert>, 
/**
 * What could not be known, and why.
 */
notes: Array<string>, };

export type RemovedFill = { fill: Fill, change: number, };

export type TicketStanding = { cash: string, 
/**
 * What the open short puts secure (strike × multiplier × contracts).
 */
collateral: string, free_cash: string, 
/**
 * The wheel's figures (none for account cash, or a wheel not yet started).
 */
shares: string, 
/**
 * What the shares cost, a share (the tax lots' basis).
 */
cost_basis_per_share: string | null, 
/**
 * The cost less the premium kept, a share.
 */
adjusted_basis_per_share: string | null, premium_collected: string, realized_pnl: string, state: WheelState | null, };

export type WheelChange = { symbol: string, before: TicketStanding, after: TicketStanding, };

export type FillPreview = { portfolio: string, symbol: string | null, before: TicketStanding, after: TicketStanding, 
/**
 * What the ledger would warn of (naked call, probable wash sale); it would record anyway.
 */
warnings: Array<Warning>, 
/**
 * Recording it would start a wheel for the symbol.
 */
new_wheel: boolean, 
/**
 * Recording changes nothing: the same fill is already recorded (same external id and
 * content), or an edit leaves the fill as it is.
 */
duplicate: boolean, 
/**
 * An edit that moves the fill to another symbol (or to account cash) changes the wheel it
 * leaves as well: that wheel before and after (its portfolio figures are the ones above).
 */
moved_from: WheelChange | null, };

export type RollInput = { portfolio: string, 
/**
 * The buy to close of the option rolled.
 */
close: FillData, 
/**
 * The sale to open that replaces it: same symbol, right and day.
 */
open: FillData, };

export type RollOutcome = { roll_id: string, close: FillOutcome, open: FillOutcome, 
/**
 * The roll's cash: the new premium less the buy-back, less both legs' fees (a debit is
 * negative).
 */
net: string, 
/**
 * The change to undo the roll by (both legs go together).
 */
change: number, };

export type Undone = { 
/**
 * The undo's own change number (undo it to redo).
 */
change: number, 
/**
 * The fill it changed (the latest of a roll's two).
 */
fill_id: number, portfolio: string, 
/**
 * "deleted fill 12", "restored fill 12", "put fill 12 back as it was" (a roll's two
 * joined by "and").
 */
description: string, };

export type ChangeKind = "recorded" | "edited" | "deleted";

export type FieldEdit = { field: string, before: string, after: string, };

export type FillChange = { 
/**
 * The change's number, to undo it by.
 */
change: number, at: string, 
/**
 * The host that made it: `app` or `cli`.
 */
source: string, 
/**
 * The change this one reverses, when it is an undo (itself a change like any other, so it
 * can be undone in turn).
 */
undoes: number | null, kind: ChangeKind, fill_id: number, 
/**
 * The fill before the change (none when it recorded the fill, or when the entry was
 * written by an older version in another form).
 */
before: Fill | null, 
/**
 * The fill as the change left it (none when it deleted the fill).
 */
after: Fill | null, 
/**
 * What an edit changed, field by field.
 */
edits: Array<FieldEdit>, 
/**
 * The first change of the action this one was made with (a roll's legs): undoing either
 * undoes both.
 */
part_of: number | null, 
/**
 * Whether it can be undone now: it (and each change made with it) is the latest change to
 * its fill (a later one must be undone first) and its entry says what undoing it needs.
 */
undoable: boolean, };

export type HealthRequest = { 
/**
 * Ask the provider for one quote (SPY) first, so the report says whether it answers now.
 */
probe: boolean, };

export type DatabaseHealth = { path: string, 
/**
 * The database file with its write-ahead log.
 */
bytes: number, schema_version: number, 
/**
 * The newest schema this version of Wheelwright knows.
 */
schema_latest: number, };

export type Probe = { ok: boolean, ms: number, error: string | null, };

export type ProviderHealth = { provider: Provider, 
/**
 * Whether requests can be made (the Demo market always; a broker once its login is set).
 */
ready: boolean, 
/**
 * One line for the user: what is connected, or what to do.
 */
detail: string, login_expires_at: string | null, warning: string | null, probe: Probe | null, };

export type JobHealth = { job: string, 
/**
 * Finished runs (skipped ones excluded).
 */
runs: number, failures: number, last_status: string, last_finished_at: string | null, last_ms: number | null, mean_ms: number | null, max_ms: number | null, };

export type SchedulerHealth = { enabled: number, disabled: number, 
/**
 * The enabled job due first, and when.
 */
next_job: string | null, next_run_at: string | null, 
/**
 * Enabled jobs due more than [`OVERDUE_AFTER_MINUTES`] ago, not yet run and not running.
 */
overdue: Array<string>, 
/**
 * Who ran the newest finished run ("app 1234", "scheduler 99") and when it finished.
 */
last_runner: string | null, last_run_at: string | null, };

export type Health = { version: string, checked_at: string, 
/**
 * When this process started: the request figures cover the time since.
 */
since: string, database: DatabaseHealth, log_dir: string | null, provider: ProviderHealth, requests: Array<RequestStats>, scheduler: SchedulerHealth, jobs: Array<JobHealth>, };

export type RequestStats = { 
/**
 * "demo", "schwab", "tradier".
 */
provider: string, 
/**
 * "quotes", "chain", "expirations", "history", "accounts", "sync".
 */
operation: string, requests: number, errors: number, 
/**
 * errors ÷ requests.
 */
error_rate: number, p50_ms: number, p95_ms: number, max_ms: number, last_at: string | null, last_error: string | null, last_error_at: string | null, };

export type Inbox = { alerts: Array<Alert>, 
/**
 * Unread and not dismissed, over the whole inbox (not only the alerts listed).
 */
unread: number, };

export type InboxQuery = { unread_only: boolean, include_dismissed: boolean, 
/**
 * At most this many, newest first (default 200, at most 1,000).
 */
limit?: number, };

export type AlertCheck = { rules_checked: number, raised: Array<Alert>, 
/**
 * Candidates held back because their condition fired within its cooldown.
 */
held_back: number, 
/**
 * Why the desktop was not interrupted, when it was not.
 */
silence?: Silence, 
/**
 * What could not be observed (a portfolio without prices), so a quiet check is not
 * mistaken for an all-clear, and a webhook delivery that failed.
 */
notes: Array<string>, };

export type AlertPause = "one_hour" | "until_tomorrow" | "resume";

export type DeliveryStatus = { delivery: AlertDelivery, 
/**
 * Whether, and why, the desktop is silent right now.
 */
silence?: Silence, };

export type Attempt = { at: string, status?: number, error?: string, };

export type WebhookInput = { 
/**
 * A new endpoint (https, or http to this computer); the stored one is kept when absent.
 */
url?: string, 
/**
 * A new signing secret (16–256 characters); the stored one is kept when absent.
 */
secret?: string, enabled: boolean, };

export type WebhookStatus = { enabled: boolean, 
/**
 * The endpoint's host, for display: the full URL is never sent back.
 */
host?: string, url_set: boolean, secret_set: boolean, last?: WebhookDelivery, };

export type WebhookDelivery = { id: number, 
/**
 * "alerts" or "test".
 */
event: string, alert_ids: Array<number>, host: string, 
/**
 * "delivered" or "failed".
 */
outcome: string, http_status?: number, error?: string, attempts: Array<Attempt>, started_at: string, finished_at: string, };

export type Appearance = "system" | "light" | "dark";

export type DesktopPreferences = { 
/**
 * Closing the window keeps Wheelwright running in the tray (jobs and alerts go on); quit
 * from the tray's menu. Off: closing the window quits.
 */
close_to_tray: boolean, 
/**
 * Light or dark, or whatever the OS is set to (preferences saved before themes existed
 * read as `System`).
 */
appearance: Appearance, };

export type NotificationStatus = { 
/**
 * What the system allows: "granted", "denied" or "prompt".
 */
permission: string, 
/**
 * How notifications are delivered on this system.
 */
service: string, 
/**
 * Why alerts are silent now, if they are.
 */
silence?: Silence, 
/**
 * Whether the tray icon is there (without it, closing the window quits).
 */
tray: boolean, };

export type OpenAlert = { 
/**
 * The alert picked (absent: the tray's "N more…", which opens the Alerts page).
 */
id?: number, 
/**
 * Where the alert leads (absent when it is no longer in the inbox: open the Alerts page).
 */
link?: AlertLink, };

/** Every command: its arguments (snake_case, as sent) and its result. */
export interface Commands {
  app_info: { args: {  }; result: AppInfo };
  health: { args: { request: HealthRequest }; result: Health };
  notification_test: { args: {  }; result: null };
  portfolio_list: { args: {  }; result: Array<PortfolioOverview> };
  portfolio_create: { args: { input: NewPortfolio }; result: Portfolio };
  portfolio_delete: { args: { name: string; force: boolean }; result: null };
  wheel_list: { args: { portfolio: string }; result: Array<WheelSummary> };
  wheel_create: { args: { portfolio: string; input: NewWheel }; result: Wheel };
  wheel_detail: { args: { portfolio: string; symbol: string }; result: WheelDetail };
  fill_add: { args: { input: FillInput }; result: FillOutcome };
  fill_edit: { args: { id: number; fill: FillData }; result: FillOutcome };
  fill_delete: { args: { id: number }; result: RemovedFill };
  fill_preview: { args: { input: FillInput }; result: FillPreview };
  fill_edit_preview: { args: { id: number; fill: FillData }; result: FillPreview };
  roll_add: { args: { input: RollInput }; result: RollOutcome };
  roll_preview: { args: { input: RollInput }; result: FillPreview };
  change_undo: { args: { change: number }; result: Undone };
  fill_changes: { args: { portfolio: string; limit: number }; result: Array<FillChange> };
  fills_import: { args: { portfolio: string; csv: string }; result: ImportReport };
  fills_export: { args: { portfolio: string }; result: string };
  market_quotes: { args: { symbols: Array<string> }; result: Array<Quote> };
  market_chain: { args: { request: ChainRequest }; result: OptionChain };
  market_expirations: { args: { symbol: string }; result: Array<string> };
  market_history: { args: { request: HistoryRequest }; result: PriceHistory };
  symbol_notes: { args: { symbols: Array<string> }; result: Array<SymbolNote> };
  symbol_note_set: { args: { note: SymbolNote }; result: SymbolNote | null };
  market_listings: { args: { sector: string | null }; result: Array<ListingRow> };
  demo_clock: { args: {  }; result: DemoClockState };
  demo_clock_step: { args: { step: ClockStep }; result: DemoClockState };
  demo_clock_run: { args: {  }; result: DemoClockState };
  watchlist_list: { args: {  }; result: Array<WatchlistSummary> };
  watchlist_create: { args: { name: string }; result: Watchlist };
  watchlist_delete: { args: { name: string }; result: null };
  watchlist_add: { args: { name: string; symbols: Array<string> }; result: Watchlist };
  watchlist_remove: { args: { name: string; symbol: string }; result: Watchlist };
  watchlist_import: { args: { name: string; text: string }; result: WatchlistImport };
  watchlist_screen: { args: { name: string; screen: Screen }; result: ScreenResult };
  broker_status: { args: {  }; result: BrokerStatus };
  schwab_setup: { args: { input: SchwabAppInput }; result: SchwabStatus };
  schwab_login_window: { args: {  }; result: LoginStart };
  schwab_login_start: { args: {  }; result: LoginStart };
  schwab_login_finish: { args: { redirect: string }; result: SchwabStatus };
  schwab_disconnect: { args: {  }; result: BrokerStatus };
  tradier_setup: { args: { input: TradierInput }; result: TradierStatus };
  tradier_disconnect: { args: {  }; result: BrokerStatus };
  market_provider_set: { args: { provider: Provider }; result: BrokerStatus };
  broker_accounts: { args: {  }; result: Array<BrokerAccount> };
  broker_sync: { args: { request: SyncRequest }; result: SyncReport };
  jobs_list: { args: {  }; result: Array<JobStatus> };
  job_run: { args: { name: string }; result: RunRecord };
  job_history: { args: { name: string | null; limit: number }; result: Array<RunRecord> };
  job_update: { args: { name: string; enabled: boolean | null; schedule: Schedule | null }; result: JobStatus };
  strategy_positions: { args: { portfolio: string }; result: Array<PositionView> };
  strategy_expiration: { args: { portfolio: string; pin_distance: number | null }; result: ExpirationDay | null };
  strategy_recommend: { args: { request: RecommendRequest }; result: Array<Recommendation> };
  strategy_roll: { args: { portfolio: string; symbol: string; leg: number | null }; result: RollAnalysis };
  strategy_scan: { args: { request: ScanRequest }; result: ScanResult };
  strategy_profiles: { args: {  }; result: Array<NamedProfile> };
  strategy_set_custom_profile: { args: { criteria: Criteria }; result: Criteria };
  wheel_criteria: { args: { portfolio: string; symbol: string }; result: WheelCriteria };
  wheel_set_criteria: { args: { portfolio: string; symbol: string; choice: WheelCriteriaInput }; result: WheelCriteria };
  risk_report: { args: { request: RiskRequest }; result: RiskView };
  risk_limits: { args: {  }; result: Limits };
  risk_set_limits: { args: { limits: Limits }; result: Limits };
  risk_check_trade: { args: { request: TradeRequest }; result: TradeCheck };
  dashboard: { args: { portfolio: string }; result: Dashboard };
  performance_report: { args: { request: PerformanceRequest }; result: PerformanceView };
  snapshot_take: { args: { portfolio: string; kind: SnapshotKind }; result: Snapshot };
  snapshot_list: { args: { portfolio: string; limit: number | null }; result: Array<SnapshotSummary> };
  snapshot_trend: { args: { portfolio: string; symbol: string }; result: Array<TrendSeries> };
  export_csv: { args: { request: ExportRequest; directory: string | null }; result: ExportedFile };
  chart: { args: { request: ChartRequest }; result: ChartView };
  chart_save: { args: { request: ChartRequest; directory: string | null; format: ChartFormat | null }; result: string };
  alerts_inbox: { args: { query: InboxQuery }; result: Inbox };
  alerts_read: { args: { ids: Array<number> }; result: number };
  alerts_dismiss: { args: { ids: Array<number> }; result: number };
  alerts_check: { args: {  }; result: AlertCheck };
  alert_rules: { args: {  }; result: Array<AlertRule> };
  alert_rule_add: { args: { kind: AlertKind; input: AlertRuleInput }; result: AlertRule };
  alert_rule_update: { args: { id: number; input: AlertRuleInput }; result: AlertRule };
  alert_rule_delete: { args: { id: number }; result: null };
  alert_delivery: { args: {  }; result: DeliveryStatus };
  alerts_pause: { args: { pause: AlertPause }; result: DeliveryStatus };
  alerts_quiet_hours: { args: { quiet_hours: QuietHours | null }; result: DeliveryStatus };
  preferences: { args: {  }; result: DesktopPreferences };
  preferences_set: { args: { preferences: DesktopPreferences }; result: DesktopPreferences };
  notification_status: { args: {  }; result: NotificationStatus };
  webhook_status: { args: {  }; result: WebhookStatus };
  webhook_set: { args: { input: WebhookInput }; result: WebhookStatus };
  webhook_remove: { args: {  }; result: WebhookStatus };
  webhook_test: { args: {  }; result: WebhookDelivery };
  webhook_log: { args: { limit: number }; result: Array<WebhookDelivery> };
}

/** Every event the core emits, by name. */
export interface Events {
  "ledger-changed": LedgerEvent;
  "broker-login": LoginFinished;
  "notification": NotificationEvent;
  "scan-progress": ScanProgress;
  "open-alert": OpenAlert;
}
