//! Risk services: a portfolio's book assembled from the ledger (shares and open options), the
//! active provider's chains (spot, rate, dividend yield, each option's implied volatility) and a
//! year of daily closes (volatility and correlation), handed to the pure `wheelwright-risk`
//! crate for the risk report and the pre-trade check. The trader's limits are a setting.

use crate::error::{EngineError, Result};
use crate::market::HistoryRequest;
use crate::Engine;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::Arc;
use ts_rs::TS;
use wheelwright_domain::ledger::Side;
use wheelwright_domain::market::{Interval, OptionChain};
use wheelwright_domain::{ErrorCode, Right, Symbol, WheelSummary};
use wheelwright_risk::estimate::{self, Closes, Estimate, DEFAULT_WINDOW};
use wheelwright_risk::limits::{LimitCheck, Limits, Status as LimitStatus};
use wheelwright_risk::montecarlo::Simulation;
use wheelwright_risk::pretrade::{self, PreTrade, Trade};
use wheelwright_risk::report::{self, RiskReport};
use wheelwright_risk::{Book, Holding, Instrument, RiskError, Underlying};
use wheelwright_strategy::value::{self, float as f, Context};

/// The settings key the limits live under (JSON).
const LIMITS_KEY: &str = "risk.limits";
/// Calendar days of closes fetched for a year of sessions (and holidays to spare).
const HISTORY_DAYS: i64 = 380;
/// Trading sessions in a year: daily volatility × √252 is the annual figure.
const SESSIONS_PER_YEAR: f64 = 252.0;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct RiskRequest {
    pub portfolio: String,
    /// Monte Carlo paths (default 100,000).
    #[serde(default)]
    #[ts(optional)]
    pub paths: Option<usize>,
    #[serde(default)]
    #[ts(optional)]
    pub seed: Option<u64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct RiskView {
    pub portfolio: String,
    pub as_of: DateTime<Utc>,
    pub provider: String,
    pub report: RiskReport,
    /// The volatilities and correlations the VaR used, with the days they were measured on.
    pub estimate: Estimate,
    /// Annualized volatility per symbol of `estimate` (daily × √252).
    pub annual_vol: Vec<f64>,
    /// The book as it stands against each of the trader's limits.
    pub limits: Vec<LimitCheck>,
    /// Where a figure had to fall back (an option without an implied volatility).
    pub notes: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TradeAction {
    Sell,
    Buy,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TradeKind {
    Put,
    Call,
    Shares,
}

/// A trade to check: `quantity` contracts (or shares), and for options the strike and expiry.
/// Without a price, a sale is taken at the bid and a purchase at the ask.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, TS)]
pub struct TradeRequest {
    pub portfolio: String,
    pub symbol: String,
    pub action: TradeAction,
    pub kind: TradeKind,
    pub quantity: u32,
    #[serde(default)]
    #[ts(optional)]
    pub strike: Option<f64>,
    #[serde(default)]
    #[ts(optional)]
    pub expiry: Option<NaiveDate>,
    #[serde(default)]
    #[ts(optional)]
    pub price: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct TradeCheck {
    /// "Sell 5 KO Dec 18 2026 50 put at 1.00".
    pub trade: String,
    pub price: f64,
    pub limits: Limits,
    pub result: PreTrade,
}

/// What a book was built from, kept for the report.
struct Assembled {
    book: Book,
    estimate: Estimate,
    chains: BTreeMap<String, OptionChain>,
    notes: Vec<String>,
}

fn risk_error(e: RiskError) -> EngineError {
    let code = if e.field.starts_with("history.") { ErrorCode::MarketData } else { ErrorCode::InvalidInput };
    EngineError::field(code, &e.field, e.message)
}

pub(crate) fn option_label(symbol: &str, expiry: NaiveDate, strike: f64, right: Right) -> String {
    format!("{symbol} {} {strike} {}", expiry.format("%b %-d %Y"), right.word())
}

/// Names the book holds something on.
fn held(summary: &WheelSummary) -> bool {
    !summary.shares.is_zero() || !summary.open_options.is_empty()
}

impl Engine {
    pub async fn limits(&self) -> Result<Limits> {
        match self.setting(LIMITS_KEY).await? {
            Some(json) => serde_json::from_str(&json)
                .map_err(|e| EngineError::new(ErrorCode::Database, format!("the stored risk limits do not read ({e}): set them again"))),
            None => Ok(Limits::default()),
        }
    }

    pub async fn set_limits(&self, limits: Limits) -> Result<Limits> {
        limits.validate().map_err(risk_error)?;
        self.put_setting(LIMITS_KEY, &serde_json::to_string(&limits).expect("limits serialize")).await?;
        Ok(limits)
    }

    /// Daily closes of a symbol over the last year, as the estimate wants them.
    async fn closes(&self, symbol: &str, today: NaiveDate) -> Result<Closes> {
        let request =
            HistoryRequest { symbol: symbol.to_string(), from: today - Duration::days(HISTORY_DAYS), to: today, interval: Interval::Daily };
        let history = self.history(request).await?;
        let closes = history.bars.iter().map(|b| (wheelwright_pricing::calendar::new_york_date(b.time), b.close)).collect();
        Ok(Closes { symbol: symbol.to_string(), closes })
    }

    /// The portfolio's book (plus `extra`, a name a trade would add).
    async fn assemble(&self, portfolio: &str, extra: Option<&str>) -> Result<Assembled> {
        let (wheels, cash) = self.wheels_with_figures(portfolio).await?;
        let today = self.market_today();
        let mut symbols: Vec<String> = wheels.iter().filter(|(_, s)| held(s)).map(|(w, _)| w.symbol.clone()).collect();
        if let Some(extra) = extra {
            if !symbols.iter().any(|s| s == extra) {
                symbols.push(extra.to_string());
            }
        }
        let mut chains = BTreeMap::new();
        let mut series = Vec::with_capacity(symbols.len());
        for symbol in &symbols {
            let last = wheels
                .iter()
                .filter(|(w, _)| &w.symbol == symbol)
                .flat_map(|(_, s)| s.open_options.iter().map(|o| o.expiry))
                .max()
                .map_or(0, |expiry| (expiry - today).num_days());
            chains.insert(symbol.clone(), self.chain_ahead(symbol, last).await?);
            series.push(self.closes(symbol, today).await?);
        }
        let estimate = estimate::estimate(&series, DEFAULT_WINDOW).map_err(risk_error)?;
        let mut underlyings = Vec::with_capacity(symbols.len());
        let mut contexts = Vec::with_capacity(symbols.len());
        for (i, symbol) in symbols.iter().enumerate() {
            let chain = &chains[symbol];
            // The simulation carries a dividend as a yield: its IVs are read the same way.
            let ctx = Context::yield_only(chain)
                .ok_or_else(|| EngineError::new(ErrorCode::MarketData, format!("the provider has no price for {symbol}")))?;
            underlyings.push(Underlying {
                symbol: symbol.clone(),
                spot: ctx.spot,
                daily_vol: estimate.daily_vol[i],
                sector: chain.underlying.sector.clone(),
                rate: ctx.rate,
                div_yield: ctx.div_yield,
            });
            contexts.push(ctx);
        }
        let mut holdings = Vec::new();
        let mut notes = Vec::new();
        for (_, summary) in wheels.iter().filter(|(_, s)| held(s)) {
            let index = symbols.iter().position(|s| s == &summary.symbol).expect("every held name is listed");
            if !summary.shares.is_zero() {
                holdings.push(Holding {
                    underlying: index,
                    instrument: Instrument::Shares,
                    quantity: f(summary.shares),
                    premium: 0.0,
                    label: format!("{} shares", summary.symbol),
                });
            }
            let chain = &chains[&summary.symbol];
            let ctx = &contexts[index];
            for option in &summary.open_options {
                let strike = f(option.strike);
                let label = option_label(&summary.symbol, option.expiry, strike, option.right);
                let t = ctx.years_to(option.expiry);
                let fallback = estimate.daily_vol[index] * SESSIONS_PER_YEAR.sqrt();
                let iv = implied_vol(chain, ctx, option.right, strike, option.expiry).unwrap_or_else(|| {
                    notes
                        .push(format!("{label}: the chain gives no implied volatility; valued at the historical {:.1}%", fallback * 100.0));
                    fallback
                });
                let contracts = f(option.contracts);
                holdings.push(Holding {
                    underlying: index,
                    instrument: Instrument::Option { right: option.right, strike, t, iv, multiplier: f(option.multiplier) },
                    quantity: if option.side == Side::Short { -contracts } else { contracts },
                    premium: if option.side == Side::Short { f(option.open_price) } else { 0.0 },
                    label,
                });
            }
        }
        let book = Book { underlyings, holdings, cash: f(cash), correlation: estimate.correlation.clone() };
        book.validate().map_err(risk_error)?;
        Ok(Assembled { book, estimate, chains, notes })
    }

    /// The risk of a portfolio's whole book, remembered for the risk charts.
    pub async fn risk(&self, request: RiskRequest) -> Result<RiskView> {
        let defaults = Simulation::default();
        let simulation = Simulation { paths: request.paths.unwrap_or(defaults.paths), seed: request.seed.unwrap_or(defaults.seed) };
        simulation.validate().map_err(risk_error)?;
        let limits = self.limits().await?;
        let portfolio_id = self.portfolio(&request.portfolio).await?.id;
        let Assembled { book, estimate, notes, .. } = self.assemble(&request.portfolio, None).await?;
        let now = self.market_now();
        let standing = pretrade::standing_checks(&book, &limits, now).map_err(risk_error)?;
        // Thousands of revaluations per path: off the async workers.
        let report = tokio::task::spawn_blocking(move || report::report(&book, now, simulation))
            .await
            .map_err(|e| EngineError::new(ErrorCode::Io, format!("the risk simulation stopped: {e}")))?
            .map_err(risk_error)?;
        let annual_vol = estimate.daily_vol.iter().map(|v| v * SESSIONS_PER_YEAR.sqrt()).collect();
        let view = RiskView {
            portfolio: request.portfolio,
            as_of: now,
            provider: self.market_provider().to_string(),
            report,
            estimate,
            annual_vol,
            limits: standing,
            notes,
        };
        self.remember_risk(portfolio_id, Arc::new(view.clone()));
        Ok(view)
    }

    /// The portfolio's latest measured risk, measured now (with the default paths and seed) when
    /// this engine has not measured it yet.
    pub(crate) async fn latest_risk(&self, portfolio: &str) -> Result<Arc<RiskView>> {
        if let Some(view) = self.remembered_risk(self.portfolio(portfolio).await?.id) {
            return Ok(view);
        }
        Ok(Arc::new(self.risk(RiskRequest { portfolio: portfolio.to_string(), ..RiskRequest::default() }).await?))
    }

    /// The limits the portfolio's book violates as it stands (for the risk monitor's alerts).
    pub(crate) async fn limit_violations(&self, portfolio: &str) -> Result<Vec<LimitCheck>> {
        let limits = self.limits().await?;
        let Assembled { book, .. } = self.assemble(portfolio, None).await?;
        let checks = pretrade::standing_checks(&book, &limits, self.market_now()).map_err(risk_error)?;
        Ok(checks.into_iter().filter(|c| c.status == LimitStatus::Violation).collect())
    }

    /// A proposed trade against the stored limits.
    pub async fn check_trade(&self, request: TradeRequest) -> Result<TradeCheck> {
        let symbol = Symbol::parse(&request.symbol)?;
        if request.quantity == 0 {
            return Err(EngineError::field(ErrorCode::InvalidQuantity, "quantity", "trade at least 1 contract or share"));
        }
        if let Some(price) = request.price {
            if !(price.is_finite() && price >= 0.0) {
                return Err(EngineError::field(
                    ErrorCode::NegativePrice,
                    "price",
                    format!("{price} is not a price: give the price a share, e.g. 1.25"),
                ));
            }
        }
        let limits = self.limits().await?;
        let Assembled { book, chains, .. } = self.assemble(&request.portfolio, Some(symbol.as_str())).await?;
        let underlying = book.underlyings.iter().position(|u| u.symbol == symbol.as_str()).expect("assembled with the traded name");
        let chain = &chains[symbol.as_str()];
        let selling = request.action == TradeAction::Sell;
        let (instrument, label, quoted) = match request.kind {
            TradeKind::Shares => (Instrument::Shares, format!("{} shares", symbol), chain.underlying.mark()),
            TradeKind::Put | TradeKind::Call => {
                let right = if request.kind == TradeKind::Put { Right::Put } else { Right::Call };
                let (strike, expiry) = match (request.strike, request.expiry) {
                    (Some(strike), Some(expiry)) => (strike, expiry),
                    _ => return Err(EngineError::field(ErrorCode::MissingField, "strike", "an option trade needs its strike and expiry")),
                };
                // The chain only reaches a week ahead for a new name: fetch to the expiry.
                let chain = &self.chain_ahead(symbol.as_str(), (expiry - self.market_today()).num_days()).await?;
                // The simulation carries a dividend as a yield: its IVs are read the same way.
                let ctx = Context::yield_only(chain)
                    .ok_or_else(|| EngineError::new(ErrorCode::MarketData, format!("the provider has no price for {symbol}")))?;
                let contract = chain.contract(right, strike, expiry).ok_or_else(|| {
                    EngineError::field(
                        ErrorCode::NotFound,
                        "strike",
                        format!(
                            "{symbol} lists no {} {strike} {}: pick a listed strike and expiry",
                            expiry.format("%b %-d %Y"),
                            right.word()
                        ),
                    )
                })?;
                let valued = value::european(&ctx, contract);
                let iv = valued.iv.unwrap_or(book.underlyings[underlying].daily_vol * SESSIONS_PER_YEAR.sqrt());
                let quoted = if selling { contract.bid } else { contract.ask }.or(valued.mid);
                let instrument = Instrument::Option { right, strike, t: ctx.years_to(expiry), iv, multiplier: contract.multiplier as f64 };
                (instrument, option_label(symbol.as_str(), expiry, strike, right), quoted)
            }
        };
        let price = request.price.or(quoted).ok_or_else(|| {
            EngineError::field(ErrorCode::MarketData, "price", format!("{label} has no quote to price the trade at: give a price"))
        })?;
        let quantity = request.quantity as f64 * if selling { -1.0 } else { 1.0 };
        let trade = Trade { underlying, instrument, quantity, price, label: label.clone() };
        let result = pretrade::check(&book, &trade, &limits, self.market_now()).map_err(risk_error)?;
        let verb = if selling { "Sell" } else { "Buy" };
        Ok(TradeCheck { trade: format!("{verb} {} {label} at {price:.2}", request.quantity), price, limits, result })
    }
}

/// The contract's European implied volatility from its mid, if the chain lists it with one.
fn implied_vol(chain: &OptionChain, ctx: &Context, right: Right, strike: f64, expiry: NaiveDate) -> Option<f64> {
    value::european(ctx, chain.contract(right, strike, expiry)?).iv.filter(|iv| *iv > 0.0 && iv.is_finite())
}
