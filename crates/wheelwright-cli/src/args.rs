//! The command line, declared with clap. Flags of `fill add` mirror the CSV columns so one
//! parser (the engine's) validates both.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(name = "wheelwright", version, about = "Wheelwright: the wheel trader's ledger, from the command line", propagate_version = true)]
pub struct Cli {
    /// The database file (default: the desktop app's database in the OS data folder).
    #[arg(long, global = true, env = "WHEELWRIGHT_DB", value_name = "FILE")]
    pub db: Option<PathBuf>,
    /// Print machine-readable JSON (errors as {"error":{code,message,field,row}} on stderr).
    #[arg(long, global = true)]
    pub json: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Create, list, show and delete portfolios.
    #[command(subcommand)]
    Portfolio(PortfolioCommand),
    /// Create, list and show wheels (one per portfolio and symbol).
    #[command(subcommand)]
    Wheel(WheelCommand),
    /// Record, list, edit and delete fills.
    #[command(subcommand)]
    Fill(Box<FillCommand>),
    /// Import fills from a CSV file in the native format (atomic and idempotent).
    Import {
        file: PathBuf,
        #[arg(long)]
        portfolio: String,
    },
    /// Export data as CSV.
    #[command(subcommand)]
    Export(ExportCommand),
    /// Draw a chart as SVG (the app's own charts); --json prints it with its geometry.
    Chart {
        #[command(subcommand)]
        chart: ChartCommand,
        #[command(flatten)]
        look: ChartFlags,
    },
    /// Price options from JSON lines on stdin (one contract a line) to JSON lines:
    /// {"right":"P","style":"american","spot":..,"strike":..,"rate":..,"div_yield":..,"vol":..,"t":..}
    /// (style european by default; optional "dividends":[{"t":..,"amount":..}]).
    Price,
    /// Implied volatility from JSON lines on stdin ("price" instead of "vol") to JSON lines:
    /// {"iv":x} or {"iv":null,"reason":..} with reason below_intrinsic, at_intrinsic (American:
    /// the exercise value, which many volatilities fit), above_maximum, expired, no_convergence
    /// or invalid_input.
    Iv,
    /// Smile, term structure, put/call ratios, max pain and per-contract IV/Greeks of a chain
    /// file in Schwab's /chains format, valued at the chain's quote time.
    AnalyzeChain {
        file: PathBuf,
        /// Continuous risk-free rate (default: the chain's interestRate).
        #[arg(long, allow_negative_numbers = true)]
        rate: Option<f64>,
        /// Continuous dividend yield of the underlying (Schwab's chain has none).
        #[arg(long, default_value_t = 0.0)]
        div_yield: f64,
    },
    /// Watchlists: import a TradingView export, edit, and screen by price, sector, liquidity.
    #[command(subcommand)]
    Watchlist(WatchlistCommand),
    /// The Demo market's listings (symbol, name, sector), optionally one sector's.
    Listings {
        #[arg(long)]
        sector: Option<String>,
    },
    /// Quotes from the market-data provider (the Demo market unless a broker is connected).
    Quote {
        #[arg(required = true)]
        symbols: Vec<String>,
    },
    /// An option chain, bounded by expiry dates, strike count and right.
    Chain {
        symbol: String,
        /// One expiry, YYYY-MM-DD (same as --from D --to D).
        #[arg(long, conflicts_with_all = ["from", "to"])]
        expiry: Option<String>,
        /// First expiry to include, YYYY-MM-DD.
        #[arg(long)]
        from: Option<String>,
        /// Last expiry to include, YYYY-MM-DD.
        #[arg(long)]
        to: Option<String>,
        /// Strikes nearest the money per expiry and right.
        #[arg(long)]
        strikes: Option<u32>,
        /// P or C.
        #[arg(long)]
        right: Option<String>,
    },
    /// The expirations listed for a symbol.
    Expirations { symbol: String },
    /// Price history: daily bars, or intraday with --interval 5m (at most 31 days).
    History {
        symbol: String,
        /// First day, YYYY-MM-DD (default: a year before --to).
        #[arg(long)]
        from: Option<String>,
        /// Last day, YYYY-MM-DD (default: today on the market's clock).
        #[arg(long)]
        to: Option<String>,
        /// daily, or minutes as 1m, 5m, 15m, 30m, 60m.
        #[arg(long, default_value = "daily")]
        interval: String,
    },
    /// The Demo market's clock: show it, step it, or let it run live.
    #[command(subcommand)]
    Clock(ClockCommand),
    /// Broker connection: set up the Schwab app, log in, choose the data provider, list
    /// accounts, sync transactions into a portfolio.
    #[command(subcommand)]
    Broker(BrokerCommand),
    /// The scheduler's jobs: list, run now, history, enable/disable, reschedule.
    #[command(subcommand)]
    Jobs(JobsCommand),
    /// The alert inbox and its rules: list, read, dismiss, check now, tune rules, pause, quiet hours.
    #[command(subcommand)]
    Alerts(AlertsCommand),
    /// Runs the scheduled jobs without the app (for a machine kept on), until Ctrl-C.
    RunScheduler {
        /// Seconds between looks for due jobs (5 to 300).
        #[arg(long, default_value_t = 20)]
        tick: u64,
    },
    /// What you know about a symbol that brokers do not send: its sector and next earnings.
    #[command(subcommand)]
    Symbol(SymbolCommand),
    /// Every open option of a portfolio: moneyness, time value, P&L, % of max profit, risk.
    Positions {
        #[arg(long)]
        portfolio: String,
    },
    /// The next expiration at the current prices: what expires, is assigned or called away,
    /// the cash and shares needed next session, and pin risk.
    Expiration {
        #[arg(long)]
        portfolio: String,
        /// Pin risk distance, percent of the spot (default 1).
        #[arg(long)]
        pin: Option<f64>,
    },
    /// The next trade for each wheel (or one): puts, covered calls, hold, close or roll.
    Recommend {
        #[arg(long)]
        portfolio: String,
        #[arg(long)]
        symbol: Option<String>,
        /// Candidates listed per wheel (1 to 50).
        #[arg(long, default_value_t = 5)]
        limit: usize,
        #[command(flatten)]
        criteria: CriteriaFlags,
    },
    /// Rolls for a wheel's open short option: net credit, new breakeven, POP and capital change.
    Roll {
        symbol: String,
        #[arg(long)]
        portfolio: String,
        /// The leg id, when the wheel has more than one short option open.
        #[arg(long)]
        leg: Option<i64>,
    },
    /// Scan a watchlist (or symbols) for put opportunities (and covered calls on shares held),
    /// ranked by score; results are kept as signals.
    Scan {
        /// Symbols to scan (or use --watchlist).
        symbols: Vec<String>,
        #[arg(long, conflicts_with = "symbols")]
        watchlist: Option<String>,
        /// Add covered calls for the symbols this portfolio holds.
        #[arg(long)]
        portfolio: Option<String>,
        #[arg(long)]
        max_price: Option<f64>,
        #[arg(long, default_value_t = 7)]
        dte_min: i64,
        #[arg(long, default_value_t = 60)]
        dte_max: i64,
        #[arg(long, default_value_t = 0.15)]
        delta_min: f64,
        #[arg(long, default_value_t = 0.35)]
        delta_max: f64,
        #[arg(long, default_value_t = 100)]
        min_oi: u64,
        /// Minimum bid, a share.
        #[arg(long, default_value_t = 0.20)]
        min_credit: f64,
        /// Keep contracts whose term holds an earnings date.
        #[arg(long)]
        include_earnings: bool,
        #[arg(long, default_value_t = 50)]
        limit: usize,
    },
    /// The risk of a portfolio's book: Greeks, collateral and margin estimate, concentration,
    /// and VaR with expected shortfall (delta-normal, delta-gamma, Monte Carlo) at 1 and 30
    /// sessions.
    Risk {
        #[arg(long)]
        portfolio: String,
        /// Monte Carlo paths (1,000 to 2,000,000).
        #[arg(long)]
        paths: Option<usize>,
        #[arg(long)]
        seed: Option<u64>,
    },
    /// Show the risk limits (percent of net liquidation value), or change the ones given.
    Limits {
        #[command(flatten)]
        set: LimitFlags,
    },
    /// Check a proposed trade against the limits: approved, warnings or violations, with the
    /// figures before and after.
    CheckTrade {
        symbol: String,
        #[arg(long)]
        portfolio: String,
        /// sell or buy.
        #[arg(long)]
        action: String,
        /// put, call or shares.
        #[arg(long)]
        kind: String,
        /// Contracts (or shares).
        #[arg(long)]
        quantity: u32,
        #[arg(long)]
        strike: Option<f64>,
        /// YYYY-MM-DD.
        #[arg(long)]
        expiry: Option<chrono::NaiveDate>,
        /// A share; without it a sale is priced at the bid and a purchase at the ask.
        #[arg(long)]
        price: Option<f64>,
    },
    /// The health report: database path, size and schema; the provider and its login; this
    /// process's requests per provider (count, errors, latency); whether the scheduled jobs run
    /// on time, and their durations.
    Health {
        /// Ask the provider for one quote first, to see whether it answers now.
        #[arg(long)]
        probe: bool,
    },
    /// A portfolio's day at a glance: cash, collateral, premium and P&L this month and year, open
    /// options with their risk, expirations and ex-dividend dates ahead, the latest alerts.
    Dashboard {
        #[arg(long)]
        portfolio: String,
    },
    /// Performance over a period: premium, realized and unrealized P&L, fees, win rates per
    /// closed leg and cycle, days in trade, return on collateral, monthly income, best and worst
    /// cycles — per wheel and in total.
    Performance {
        #[command(flatten)]
        period: PeriodFlags,
    },
    /// Show the custom recommendation profile, or change the criteria given (it starts as moderate).
    Profile {
        #[command(flatten)]
        criteria: CriteriaFlags,
    },
    /// Snapshots of a portfolio's open positions (price, moneyness, P&L) and their trends.
    #[command(subcommand)]
    Snapshot(SnapshotCommand),
    /// NYSE sessions, holidays and early closes in the interval (from, to].
    Calendar {
        #[arg(long)]
        from: String,
        #[arg(long)]
        to: String,
    },
}

/// Risk limits to change, each a percentage of net liquidation value (unset: kept).
#[derive(Args, Debug, Default)]
pub struct LimitFlags {
    #[arg(long)]
    pub max_position_pct: Option<f64>,
    #[arg(long)]
    pub max_name_pct: Option<f64>,
    #[arg(long)]
    pub max_sector_pct: Option<f64>,
    #[arg(long)]
    pub max_delta_pct: Option<f64>,
    #[arg(long)]
    pub max_daily_loss_pct: Option<f64>,
    #[arg(long)]
    pub min_cash_pct: Option<f64>,
}

/// Overrides of a wheel's profile (unset: the profile's value).
#[derive(Args, Debug, Default)]
pub struct CriteriaFlags {
    #[arg(long)]
    pub delta_min: Option<f64>,
    #[arg(long)]
    pub delta_max: Option<f64>,
    #[arg(long)]
    pub dte_min: Option<i64>,
    #[arg(long)]
    pub dte_max: Option<i64>,
    /// Minimum bid, a share.
    #[arg(long)]
    pub min_premium: Option<f64>,
    /// Minimum annualized yield (0.10 for 10%).
    #[arg(long)]
    pub min_yield: Option<f64>,
    #[arg(long)]
    pub min_oi: Option<u64>,
    /// Maximum spread as a share of the mid (0.10 for 10%).
    #[arg(long)]
    pub max_spread: Option<f64>,
    /// Covered-call strike guard: adjusted, tax or off.
    #[arg(long)]
    pub basis_guard: Option<String>,
    /// Close at this share of the maximum profit (0.5 for 50%).
    #[arg(long)]
    pub take_profit: Option<f64>,
}

#[derive(Subcommand, Debug)]
pub enum JobsCommand {
    /// Every job with its schedule, next run and last run.
    List,
    /// Runs a job now (refused while a run of it is under way anywhere).
    Run {
        name: String,
    },
    /// The latest runs, newest first (of one job, or all).
    History {
        name: Option<String>,
        #[arg(long, default_value_t = 20)]
        limit: u32,
    },
    Enable {
        name: String,
    },
    Disable {
        name: String,
    },
    /// A new schedule, in New York time: --every MINUTES or --cron 'MIN HOUR DOM MON DOW'.
    Schedule {
        name: String,
        #[arg(long)]
        every: Option<u32>,
        #[arg(long)]
        cron: Option<String>,
        /// always, session-days or market-hours.
        #[arg(long, default_value = "always")]
        window: String,
    },
}

#[derive(Subcommand, Debug)]
pub enum AlertsCommand {
    /// The inbox, newest first (dismissed alerts only with --all).
    List {
        /// Only unread alerts.
        #[arg(long)]
        unread: bool,
        /// Dismissed alerts too: the whole history.
        #[arg(long)]
        all: bool,
        #[arg(long, default_value_t = 50)]
        limit: u32,
    },
    /// Every rule: kind, symbol, threshold, cooldown, on or off.
    Rules,
    /// Marks alerts read (every unread one when no id is given).
    Read { ids: Vec<i64> },
    /// Dismisses alerts (every one when no id is given); `list --all` still shows them.
    Dismiss { ids: Vec<i64> },
    /// Checks the rules now (of the kinds given, or all) and prints what was raised.
    Check { kinds: Vec<String> },
    /// Adds, changes or deletes a rule.
    #[command(subcommand)]
    Rule(AlertRuleCommand),
    /// Pauses desktop notifications: `1h`, `tomorrow` (until local midnight) or `resume`.
    Pause { how: String },
    /// Quiet hours in local time (`--from 22:00 --to 07:00`), or `--off`.
    Quiet {
        #[arg(long)]
        from: Option<String>,
        #[arg(long)]
        to: Option<String>,
        #[arg(long)]
        off: bool,
    },
    /// The webhook channel: new alerts POSTed as signed JSON to an endpoint of yours.
    #[command(subcommand)]
    Webhook(WebhookCommand),
}

#[derive(Subcommand, Debug)]
pub enum WebhookCommand {
    /// Whether it is on, the endpoint's host and the last delivery.
    Status,
    /// Sets the endpoint and/or the signing secret and switches the channel on or off. The URL
    /// and the secret go to the OS keychain. --url-stdin and --secret-stdin read them from lines
    /// of standard input (URL first) so neither is in your shell history or the process list.
    Set {
        #[arg(long)]
        url: Option<String>,
        #[arg(long, conflicts_with = "url")]
        url_stdin: bool,
        #[arg(long)]
        secret_stdin: bool,
        #[arg(long, conflicts_with = "off")]
        on: bool,
        #[arg(long)]
        off: bool,
    },
    /// Sends a test delivery and prints how it went.
    Test,
    /// The delivery log, newest first, with every attempt.
    Log {
        #[arg(long, default_value_t = 20)]
        limit: u32,
    },
    /// Forgets the endpoint and the secret and switches the channel off.
    Remove,
}

#[derive(Subcommand, Debug)]
pub enum AlertRuleCommand {
    /// A new rule on a symbol: `price_crosses` (threshold: the level) or `daily_move` (threshold: %).
    Add {
        kind: String,
        symbol: String,
        #[arg(long)]
        threshold: f64,
        /// Minutes before the same condition may alert again.
        #[arg(long)]
        cooldown: Option<u32>,
    },
    /// Changes a rule's threshold, cooldown, or switches it on or off.
    Set {
        id: i64,
        #[arg(long)]
        threshold: Option<f64>,
        #[arg(long)]
        cooldown: Option<u32>,
        #[arg(long, conflicts_with = "off")]
        on: bool,
        #[arg(long)]
        off: bool,
    },
    /// Deletes a rule you added (standing rules are switched off with `set ID --off`).
    Delete { id: i64 },
}

#[derive(Subcommand, Debug)]
pub enum SymbolCommand {
    /// Sets a symbol's sector and/or next earnings date; `--earnings none` and `--sector none`
    /// clear them (a note with neither is removed).
    Note {
        symbol: String,
        #[arg(long)]
        sector: Option<String>,
        /// YYYY-MM-DD, or none.
        #[arg(long)]
        earnings: Option<String>,
    },
    /// The notes on the symbols named, or all of them.
    Notes { symbols: Vec<String> },
}

#[derive(Subcommand, Debug)]
pub enum BrokerCommand {
    /// Stores a broker's secrets in the OS keychain: for schwab the app key (--app-key) and
    /// secret, for tradier the access token (checked with Tradier first). The secret or token is
    /// read from standard input (one line), never from the command line, where other users
    /// could see it.
    Setup {
        /// schwab or tradier
        broker: String,
        /// Schwab: the app key.
        #[arg(long)]
        app_key: Option<String>,
        /// Schwab: the callback registered with the app (default https://127.0.0.1:8182).
        #[arg(long)]
        callback: Option<String>,
        /// Another API root (a proxy or a test server); the broker's own by default.
        #[arg(long)]
        api_root: Option<String>,
        /// Tradier: use the sandbox (delayed data, sandbox tokens).
        #[arg(long)]
        sandbox: bool,
    },
    /// Logs in: prints the address to open in a browser, then reads the address the browser
    /// was sent to after the login (it starts with the callback) from standard input.
    Login {
        /// schwab
        broker: String,
        /// Paste the redirect address (the only way from a terminal; the app opens a window).
        #[arg(long)]
        manual: bool,
    },
    /// Where the connection stands: provider, app set or not, login state and expiry.
    Status,
    /// Deletes the broker's keychain entries (schwab or tradier); market data falls back to
    /// the Demo market if it came from that broker.
    Logout { broker: String },
    /// Chooses the market-data provider: demo, schwab or tradier.
    Provider { name: String },
    /// The broker's accounts with positions and balances.
    Accounts,
    /// Imports the account's transactions into a portfolio (created and linked the first
    /// time) and reconciles positions and cash with the broker.
    Sync {
        #[arg(long)]
        portfolio: String,
        /// The account number (needed the first time only).
        #[arg(long)]
        account: Option<String>,
        /// First day, YYYY-MM-DD (default: a week before the last sync, or a year back).
        #[arg(long)]
        from: Option<String>,
        /// Last day, YYYY-MM-DD (default: today).
        #[arg(long)]
        to: Option<String>,
    },
}

#[derive(Subcommand, Debug)]
pub enum WatchlistCommand {
    /// Imports a TradingView watchlist export (comma-separated EXCHANGE:SYMBOL, ###Section
    /// headers) into a list, created if missing. Importing again adds only what is new.
    Import {
        file: PathBuf,
        /// The list's name (default: the file's name without extension).
        #[arg(long)]
        name: Option<String>,
    },
    /// Every watchlist with its size.
    List,
    /// Quotes of a list's symbols that pass the filters.
    Show {
        name: String,
        /// Only symbols trading at or below this price (e.g. 50).
        #[arg(long, alias = "under")]
        max_price: Option<f64>,
        #[arg(long)]
        min_price: Option<f64>,
        #[arg(long)]
        sector: Option<String>,
        /// Only symbols whose session dollar volume reaches this.
        #[arg(long)]
        min_dollar_volume: Option<f64>,
    },
    Create {
        name: String,
    },
    Add {
        name: String,
        #[arg(required = true)]
        symbols: Vec<String>,
    },
    Remove {
        name: String,
        symbol: String,
    },
    Delete {
        name: String,
    },
}

#[derive(Subcommand, Debug)]
pub enum ClockCommand {
    /// The clock's mode and the instant it shows.
    Show,
    /// Stops the clock at the next close, session open or expiration close.
    Step {
        #[arg(value_parser = ["to-close", "next-session", "next-expiration"])]
        to: String,
    },
    /// Lets the clock run live from where it stands.
    Run,
}

#[derive(Subcommand, Debug)]
pub enum PortfolioCommand {
    Create {
        name: String,
        #[arg(long, default_value = "")]
        description: String,
        /// Capital set aside for this portfolio (a plain decimal).
        #[arg(long)]
        capital: Option<String>,
        /// The broker account this portfolio mirrors.
        #[arg(long)]
        account: Option<String>,
    },
    List,
    Show {
        name: String,
    },
    Delete {
        name: String,
        /// Delete even if the portfolio has fills.
        #[arg(long)]
        force: bool,
    },
}

#[derive(Subcommand, Debug)]
pub enum WheelCommand {
    Create {
        symbol: String,
        #[arg(long)]
        portfolio: String,
        /// conservative, moderate or aggressive.
        #[arg(long, default_value = "moderate")]
        profile: String,
        #[arg(long)]
        capital: Option<String>,
        #[arg(long, default_value = "")]
        notes: String,
    },
    List {
        #[arg(long)]
        portfolio: String,
    },
    Show {
        symbol: String,
        #[arg(long)]
        portfolio: String,
    },
    /// Show a wheel's recommendation criteria, or change them: follow the custom profile
    /// (--custom) or the wheel's named one (--named), and override criteria for this wheel only.
    Criteria {
        symbol: String,
        #[arg(long)]
        portfolio: String,
        #[arg(long, conflicts_with = "named")]
        custom: bool,
        #[arg(long)]
        named: bool,
        /// Drop this wheel's overrides (before applying the ones given).
        #[arg(long)]
        clear: bool,
        #[command(flatten)]
        criteria: CriteriaFlags,
    },
}

/// A fill's fields, named like the CSV columns.
#[derive(Args, Debug, Default)]
pub struct FillFields {
    /// Trade or event date, YYYY-MM-DD.
    #[arg(long)]
    pub date: Option<String>,
    /// STO, BTC, BTO, STC, EXPIRE, ASSIGN, EXERCISE, BUY, SELL, DIVIDEND, FEE, ADJUST, DEPOSIT, WITHDRAW, INTEREST.
    #[arg(long)]
    pub action: Option<String>,
    #[arg(long)]
    pub symbol: Option<String>,
    /// P or C (options only).
    #[arg(long)]
    pub right: Option<String>,
    #[arg(long, allow_negative_numbers = true)]
    pub strike: Option<String>,
    /// YYYY-MM-DD (options only).
    #[arg(long)]
    pub expiry: Option<String>,
    /// Contracts for options, shares for stock.
    #[arg(long, allow_negative_numbers = true)]
    pub quantity: Option<String>,
    /// Per share; the amount for ADJUST, DEPOSIT, WITHDRAW, INTEREST.
    #[arg(long, allow_negative_numbers = true)]
    pub price: Option<String>,
    #[arg(long, allow_negative_numbers = true)]
    pub fees: Option<String>,
    #[arg(long, allow_negative_numbers = true)]
    pub multiplier: Option<String>,
    #[arg(long, allow_negative_numbers = true)]
    pub deliverable: Option<String>,
    #[arg(long)]
    pub external_id: Option<String>,
    #[arg(long)]
    pub roll_id: Option<String>,
    #[arg(long)]
    pub note: Option<String>,
    /// HH:MM[:SS].
    #[arg(long)]
    pub time: Option<String>,
    #[arg(long)]
    pub account: Option<String>,
}

impl FillFields {
    /// The given fields by CSV column name.
    pub fn named(&self) -> Vec<(&'static str, &str)> {
        let all = [
            ("date", &self.date),
            ("action", &self.action),
            ("symbol", &self.symbol),
            ("right", &self.right),
            ("strike", &self.strike),
            ("expiry", &self.expiry),
            ("quantity", &self.quantity),
            ("price", &self.price),
            ("fees", &self.fees),
            ("multiplier", &self.multiplier),
            ("deliverable", &self.deliverable),
            ("external_id", &self.external_id),
            ("roll_id", &self.roll_id),
            ("note", &self.note),
            ("time", &self.time),
            ("account", &self.account),
        ];
        all.into_iter().filter_map(|(name, value)| value.as_deref().map(|v| (name, v))).collect()
    }
}

/// A roll's two legs: the option bought back (`--close-*`) and the one sold in its place.
#[derive(Args, Debug, Default)]
pub struct RollFields {
    /// Trade date of both legs, YYYY-MM-DD.
    #[arg(long)]
    pub date: String,
    #[arg(long)]
    pub symbol: String,
    /// P or C: the right of both legs.
    #[arg(long)]
    pub right: String,
    /// Contracts of both legs.
    #[arg(long, default_value = "1", allow_negative_numbers = true)]
    pub quantity: String,
    #[arg(long, allow_negative_numbers = true)]
    pub close_strike: String,
    /// YYYY-MM-DD.
    #[arg(long)]
    pub close_expiry: String,
    /// Paid per share to buy it back.
    #[arg(long, allow_negative_numbers = true)]
    pub close_price: String,
    #[arg(long, default_value = "0", allow_negative_numbers = true)]
    pub close_fees: String,
    #[arg(long, allow_negative_numbers = true)]
    pub strike: String,
    /// YYYY-MM-DD.
    #[arg(long)]
    pub expiry: String,
    /// Received per share for the new option.
    #[arg(long, allow_negative_numbers = true)]
    pub price: String,
    #[arg(long, default_value = "0", allow_negative_numbers = true)]
    pub fees: String,
    #[arg(long, default_value = "100", allow_negative_numbers = true)]
    pub multiplier: String,
    /// The roll id both legs get (one is made up when not given).
    #[arg(long)]
    pub roll_id: Option<String>,
}

impl RollFields {
    /// One leg's fields by CSV column name: "close" for the buy-back, "open" for the sale.
    pub fn leg(&self, leg: &str) -> Vec<(&'static str, &str)> {
        let close = leg == "close";
        let pick = |closing: &'static str, opening: &'static str| if close { closing } else { opening };
        let mut fields = vec![
            ("date", self.date.as_str()),
            ("action", pick("BTC", "STO")),
            ("symbol", self.symbol.as_str()),
            ("right", self.right.as_str()),
            ("quantity", self.quantity.as_str()),
            ("multiplier", self.multiplier.as_str()),
            ("strike", if close { &self.close_strike } else { &self.strike }),
            ("expiry", if close { &self.close_expiry } else { &self.expiry }),
            ("price", if close { &self.close_price } else { &self.price }),
            ("fees", if close { &self.close_fees } else { &self.fees }),
        ];
        fields.extend(self.roll_id.as_deref().map(|id| ("roll_id", id)));
        fields
    }
}

#[derive(Subcommand, Debug)]
pub enum FillCommand {
    /// Record a fill; its wheel is created if needed.
    Add {
        #[arg(long)]
        portfolio: String,
        #[command(flatten)]
        fields: FillFields,
    },
    List {
        #[arg(long)]
        portfolio: String,
        #[arg(long)]
        symbol: Option<String>,
    },
    /// Change the given fields of a fill; the others keep their values (pass "" to clear one).
    Edit {
        id: i64,
        #[command(flatten)]
        fields: FillFields,
    },
    Delete {
        id: i64,
    },
    /// What recording a fill would do to cash, collateral, shares and bases — nothing is written.
    Preview {
        #[arg(long)]
        portfolio: String,
        #[command(flatten)]
        fields: FillFields,
    },
    /// What `edit` with the same arguments would do to cash, collateral, shares and bases —
    /// nothing is written.
    PreviewEdit {
        id: i64,
        #[command(flatten)]
        fields: FillFields,
    },
    /// Roll a short option as one action: buy it back and sell its replacement, linked by one
    /// roll id (both legs are undone together).
    Roll {
        #[arg(long)]
        portfolio: String,
        #[command(flatten)]
        roll: RollFields,
        /// Show what the roll would do, and write nothing.
        #[arg(long)]
        preview: bool,
    },
    /// Reverse a change (the number `add`, `edit`, `delete` and `roll` print; a roll's legs are
    /// undone together); the undo is itself a
    /// change that can be undone.
    Undo {
        change: i64,
    },
    /// The portfolio's latest changes to its fills, newest first, with the numbers to undo them by.
    Changes {
        #[arg(long)]
        portfolio: String,
        /// How many (1 to 200).
        #[arg(long, default_value_t = 20)]
        limit: u32,
    },
}

#[derive(Subcommand, Debug)]
pub enum ExportCommand {
    /// A portfolio's ledger: its fills in the native CSV format (re-importable).
    #[command(visible_alias = "ledger")]
    Fills {
        #[arg(long)]
        portfolio: String,
        /// Write to this file instead of standard output.
        #[arg(long)]
        output: Option<PathBuf>,
    },
    /// A portfolio's open positions marked at current prices.
    Positions {
        #[arg(long)]
        portfolio: String,
        #[arg(long)]
        output: Option<PathBuf>,
    },
    /// Performance per wheel over a period, and the total.
    Performance {
        #[command(flatten)]
        period: PeriodFlags,
        #[arg(long)]
        output: Option<PathBuf>,
    },
    /// Monthly income over a period, realized and cash-flow views.
    Monthly {
        #[command(flatten)]
        period: PeriodFlags,
        #[arg(long)]
        output: Option<PathBuf>,
    },
}

#[derive(Subcommand, Debug)]
pub enum ChartCommand {
    /// A wheel's open position: P&L across prices at the first expiry and today.
    Payoff {
        symbol: String,
        #[arg(long)]
        portfolio: String,
    },
    /// A wheel's daily closes with its strikes, cost and adjusted basis.
    Price {
        symbol: String,
        #[arg(long)]
        portfolio: String,
        /// Calendar days back from today (5–3650).
        #[arg(long, default_value_t = 180)]
        days: u32,
    },
    /// Income by month (realized; --cash-flow for premium − buy-backs − fees + dividends).
    Income {
        #[command(flatten)]
        period: PeriodFlags,
        #[arg(long)]
        cash_flow: bool,
    },
    /// Realized P&L added up month by month.
    Cumulative {
        #[command(flatten)]
        period: PeriodFlags,
    },
    /// A portfolio's simulated P&L over 1 or 30 sessions with its VaR and expected shortfall
    /// (100,000 Monte Carlo paths, as `risk report`).
    RiskPnl {
        #[arg(long)]
        portfolio: String,
        /// 1 or 30.
        #[arg(long, default_value_t = 1)]
        sessions: u32,
    },
    /// A portfolio's exposure by name (or --by sector) against its concentration limit.
    Exposure {
        #[arg(long)]
        portfolio: String,
        #[arg(long, default_value = "name", value_parser = ["name", "sector"])]
        by: String,
    },
    /// How much of each risk limit a portfolio uses.
    Limits {
        #[arg(long)]
        portfolio: String,
    },
    /// The correlation of a portfolio's held names.
    Correlation {
        #[arg(long)]
        portfolio: String,
    },
    /// A symbol's IV by strike for one expiry (European IV from the out-of-the-money mids).
    Smile {
        symbol: String,
        /// The expiry, YYYY-MM-DD.
        #[arg(long)]
        expiry: chrono::NaiveDate,
    },
    /// A symbol's at-the-money IV by expiry, about a year out.
    Term { symbol: String },
    /// The unrealized P&L of a symbol's positions in a portfolio, snapshot by snapshot.
    Trend {
        symbol: String,
        #[arg(long)]
        portfolio: String,
    },
}

/// How a chart looks and where it goes.
#[derive(Args, Debug, Clone)]
pub struct ChartFlags {
    /// light or dark.
    #[arg(long, global = true, default_value = "light", value_parser = ["light", "dark"])]
    pub theme: String,
    /// Width in pixels (240–4000).
    #[arg(long, global = true, default_value_t = 900)]
    pub width: u32,
    /// Height in pixels (140–3000).
    #[arg(long, global = true, default_value_t = 360)]
    pub height: u32,
    /// Write the SVG to this file instead of standard output (a name ending .png writes a PNG
    /// at twice the size).
    #[arg(long, global = true)]
    pub output: Option<PathBuf>,
}

/// Which wheels and days a performance figure covers.
#[derive(Args, Debug, Clone)]
pub struct PeriodFlags {
    /// One portfolio (default: every portfolio).
    #[arg(long)]
    pub portfolio: Option<String>,
    /// One wheel's symbol.
    #[arg(long)]
    pub symbol: Option<String>,
    /// First day, YYYY-MM-DD (default: since the first fill).
    #[arg(long)]
    pub from: Option<chrono::NaiveDate>,
    /// Last day, YYYY-MM-DD (default: today on the market's clock).
    #[arg(long)]
    pub to: Option<chrono::NaiveDate>,
}

#[derive(Subcommand, Debug)]
pub enum SnapshotCommand {
    /// Snapshot the open positions now (manual; --daily for the day's one, replacing an earlier one).
    Take {
        #[arg(long)]
        portfolio: String,
        #[arg(long)]
        daily: bool,
    },
    /// A portfolio's snapshots, newest first.
    List {
        #[arg(long)]
        portfolio: String,
        #[arg(long, default_value_t = 30)]
        limit: u32,
    },
    /// Every position of a symbol over the snapshots: price, moneyness, P&L.
    Trend {
        symbol: String,
        #[arg(long)]
        portfolio: String,
    },
}
