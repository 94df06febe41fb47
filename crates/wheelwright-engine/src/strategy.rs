//! Strategy services: the ledger's wheels and open options joined with the active provider's
//! chains and handed to the pure `wheelwright-strategy` crate — the position monitor, the
//! next-trade recommendations, the roll analyzer and the scanner (whose results are kept as
//! signals). Requests are validated here; the figures are the strategy crate's.

use crate::error::{EngineError, Result};
use crate::market::ChainRequest;
use crate::model::Wheel;
use crate::Engine;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use ts_rs::TS;
use wheelwright_domain::ledger::Side;
use wheelwright_domain::market::{ChainFilter, OptionChain};
use wheelwright_domain::{ErrorCode, Right, Symbol, WheelSummary};
use wheelwright_strategy::candidate::Candidate;
use wheelwright_strategy::expiration::{expiration_day, ExpirationDay, DEFAULT_PIN_DISTANCE};
use wheelwright_strategy::monitor::{watch_all, PositionView};
use wheelwright_strategy::profile::Overrides;
use wheelwright_strategy::recommend::{recommend, Recommendation};
use wheelwright_strategy::roll::{self, RollAnalysis};
use wheelwright_strategy::scan::{scan, ScanFilter, ScanInput};
use wheelwright_strategy::value::{float as f, Context};

/// Chains are fetched this far out for recommendations (the longest profile window, plus room
/// for rolls).
const HORIZON_DAYS: i64 = 75;
/// The shortest window a chain is fetched for.
const MIN_CHAIN_DAYS: i64 = 7;
/// Symbols one scan may cover.
const MAX_SCAN_SYMBOLS: usize = 600;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct RecommendRequest {
    pub portfolio: String,
    /// One wheel; all wheels of the portfolio when absent.
    #[serde(default)]
    #[ts(optional)]
    pub symbol: Option<String>,
    #[serde(default)]
    pub overrides: Overrides,
    /// Candidates listed per wheel (default 5, at most 50).
    #[serde(default)]
    #[ts(optional)]
    pub limit: Option<usize>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct ScanRequest {
    /// Scan this watchlist's symbols...
    #[serde(default)]
    #[ts(optional)]
    pub watchlist: Option<String>,
    /// ...or these.
    #[serde(default)]
    pub symbols: Vec<String>,
    /// Covered calls for the symbols this portfolio holds 100 shares or more of.
    #[serde(default)]
    #[ts(optional)]
    pub portfolio: Option<String>,
    #[serde(default)]
    pub filter: ScanFilter,
}

/// A symbol the scan could not judge, and why.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct Skipped {
    pub symbol: String,
    pub reason: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct ScanResult {
    pub id: i64,
    pub created_at: DateTime<Utc>,
    pub provider: String,
    pub scanned: usize,
    pub skipped: Vec<Skipped>,
    pub candidates: Vec<Candidate>,
}

/// How far a scan has got.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct ScanProgress {
    pub done: usize,
    pub total: usize,
    pub symbol: String,
}

fn invalid(field: &str, message: impl Into<String>) -> EngineError {
    EngineError::field(ErrorCode::InvalidInput, field, message)
}

/// What the open short puts of `wheels` secure: strike × multiplier × contracts each.
pub(crate) fn collateral<'a>(summaries: impl IntoIterator<Item = &'a WheelSummary>) -> Decimal {
    summaries
        .into_iter()
        .flat_map(|s| &s.open_options)
        .filter(|o| o.right == Right::Put && o.side == Side::Short)
        .map(|o| o.strike * o.multiplier * o.contracts)
        .sum()
}

/// Highest risk first, then the soonest expiry, then by symbol.
pub(crate) fn riskiest_first(views: &mut [PositionView]) {
    views.sort_by(|a, b| b.risk.cmp(&a.risk).then(a.dte_calendar.cmp(&b.dte_calendar)).then(a.symbol.cmp(&b.symbol)));
}

/// Cash free to secure new puts: the portfolio's cash less what its open short puts secure.
fn buying_power(cash: Decimal, wheels: &[(Wheel, WheelSummary)]) -> f64 {
    f(cash - collateral(wheels.iter().map(|(_, s)| s)))
}

impl Engine {
    /// The New York date on the market's clock (the Demo clock's on the Demo market).
    pub(crate) fn market_today(&self) -> NaiveDate {
        wheelwright_pricing::calendar::new_york_date(self.market_now())
    }

    /// The chain of `symbol` from now to `days` out (every strike the provider lists).
    pub(crate) async fn chain_ahead(&self, symbol: &str, days: i64) -> Result<OptionChain> {
        let today = self.market_today();
        // At least a week ahead (a shares-only name still needs its spot and rate), and the
        // same window for the same last expiry whoever asks: the dashboard marks and watches
        // each wheel, and the market cache answers the second ask only if the request is equal.
        let filter = ChainFilter { to: Some(today + Duration::days(days.max(MIN_CHAIN_DAYS))), ..ChainFilter::default() };
        self.chain(ChainRequest { symbol: symbol.to_string(), filter }).await
    }

    /// Every open option of a portfolio, watched: moneyness, time value, P&L, risk.
    pub async fn positions(&self, portfolio: &str) -> Result<Vec<PositionView>> {
        let (wheels, _) = self.wheels_with_figures(portfolio).await?;
        self.watch(&wheels).await
    }

    /// The open options of `wheels`, watched at the provider's chains; riskiest first.
    pub(crate) async fn watch(&self, wheels: &[(Wheel, WheelSummary)]) -> Result<Vec<PositionView>> {
        let mut views = Vec::new();
        for (_, summary) in wheels.iter().filter(|(_, s)| !s.open_options.is_empty()) {
            let last = summary.open_options.iter().map(|o| o.expiry).max().expect("not empty");
            let chain = self.chain_ahead(&summary.symbol, (last - self.market_today()).num_days()).await?;
            let ctx = Context::of(&chain)
                .ok_or_else(|| EngineError::new(ErrorCode::MarketData, format!("the provider has no price for {}", summary.symbol)))?;
            views.extend(watch_all(summary, &chain, &ctx));
        }
        riskiest_first(&mut views);
        Ok(views)
    }

    /// The portfolio's next expiration at the current prices: outcomes, cash and shares moving
    /// next session, shortfalls, pin risk within `pin_distance` (default 1%) of a strike.
    pub async fn expiration(&self, portfolio: &str, pin_distance: Option<f64>) -> Result<Option<ExpirationDay>> {
        let pin = pin_distance.unwrap_or(DEFAULT_PIN_DISTANCE);
        if !(pin.is_finite() && pin > 0.0 && pin <= 0.10) {
            return Err(invalid("pin_distance", format!("{pin} is not a distance between 0 and 0.10 (0.01 for 1%)")));
        }
        let (wheels, cash) = self.wheels_with_figures(portfolio).await?;
        let summaries: Vec<WheelSummary> = wheels.into_iter().map(|(_, s)| s).filter(|s| !s.open_options.is_empty()).collect();
        let symbols: Vec<String> = summaries.iter().map(|s| s.symbol.clone()).collect();
        let spots = if symbols.is_empty() {
            BTreeMap::new()
        } else {
            self.quotes(&symbols).await?.into_iter().filter_map(|q| Some((q.symbol.to_string(), q.mark()?))).collect()
        };
        Ok(expiration_day(&summaries, &spots, f(cash), self.market_today(), pin))
    }

    /// The next trade for each wheel of a portfolio (or one).
    pub async fn recommend(&self, request: RecommendRequest) -> Result<Vec<Recommendation>> {
        let limit = request.limit.unwrap_or(5);
        if limit == 0 || limit > 50 {
            return Err(invalid("limit", format!("list 1 to 50 candidates per wheel, got {limit}")));
        }
        let only = request.symbol.as_deref().map(Symbol::parse).transpose()?;
        let (wheels, cash) = self.wheels_with_figures(&request.portfolio).await?;
        let power = buying_power(cash, &wheels);
        let chosen: Vec<&(Wheel, WheelSummary)> =
            wheels.iter().filter(|(w, _)| only.as_ref().is_none_or(|s| w.symbol == s.as_str())).collect();
        if let (Some(symbol), true) = (&only, chosen.is_empty()) {
            return Err(EngineError::field(
                ErrorCode::NotFound,
                "symbol",
                format!("portfolio '{}' has no {symbol} wheel", request.portfolio),
            ));
        }
        let mut recommendations = Vec::with_capacity(chosen.len());
        for (wheel, summary) in chosen {
            let criteria = self.criteria_of(wheel).await?.with(&request.overrides).map_err(|(field, message)| invalid(field, message))?;
            let chain = self.chain_ahead(&wheel.symbol, HORIZON_DAYS).await?;
            recommendations.push(recommend(summary, &chain, &criteria, Some(power), limit));
        }
        Ok(recommendations)
    }

    /// Rolls for an open short option of a wheel: the leg named, or the wheel's only one.
    pub async fn roll(&self, portfolio: &str, symbol: &str, leg_id: Option<i64>) -> Result<RollAnalysis> {
        let symbol = Symbol::parse(symbol)?;
        let (wheels, _) = self.wheels_with_figures(portfolio).await?;
        let (_, summary) = wheels
            .iter()
            .find(|(w, _)| w.symbol == symbol.as_str())
            .ok_or_else(|| EngineError::field(ErrorCode::NotFound, "symbol", format!("portfolio '{portfolio}' has no {symbol} wheel")))?;
        let shorts: Vec<_> =
            summary.open_options.iter().filter(|o| o.side == Side::Short && leg_id.is_none_or(|id| o.leg_id == id)).collect();
        let option = match shorts.as_slice() {
            [one] => *one,
            [] => {
                return Err(EngineError::field(
                    ErrorCode::NotFound,
                    "leg",
                    format!(
                        "the {symbol} wheel has no open short option{}",
                        leg_id.map(|id| format!(" with leg id {id}")).unwrap_or_default()
                    ),
                ))
            }
            _ => return Err(invalid("leg", format!("the {symbol} wheel has {} open short options: name one by its leg id", shorts.len()))),
        };
        let days = (option.expiry - self.market_today()).num_days().max(0) + HORIZON_DAYS;
        let chain = self.chain_ahead(symbol.as_str(), days).await?;
        roll::analyze(symbol.as_str(), option, &chain).map_err(|e| EngineError::new(ErrorCode::MarketData, e.to_string()))
    }

    /// Scan a watchlist (or a list of symbols) and keep what it finds as signals.
    pub async fn scan(&self, request: ScanRequest, progress: &(dyn Fn(ScanProgress) + Send + Sync)) -> Result<ScanResult> {
        request.filter.check().map_err(|(field, message)| invalid(field, message))?;
        let mut symbols: Vec<String> = match &request.watchlist {
            Some(name) => self.watchlist(name).await?.entries.into_iter().map(|e| e.symbol).collect(),
            None => request.symbols.iter().map(|s| Symbol::parse(s).map(|s| s.to_string())).collect::<std::result::Result<_, _>>()?,
        };
        // Once each, in the order given (the progress follows it).
        let mut seen = std::collections::HashSet::new();
        symbols.retain(|s| seen.insert(s.clone()));
        if symbols.is_empty() || symbols.len() > MAX_SCAN_SYMBOLS {
            return Err(invalid("symbols", format!("scan 1 to {MAX_SCAN_SYMBOLS} symbols (a watchlist or a list), got {}", symbols.len())));
        }
        let held: BTreeMap<String, f64> = match &request.portfolio {
            Some(p) => self.wheels_with_figures(p).await?.0.into_iter().map(|(w, s)| (w.symbol, f(s.shares))).collect(),
            None => BTreeMap::new(),
        };
        let (mut chains, mut skipped) = (Vec::new(), Vec::new());
        for (done, symbol) in symbols.iter().enumerate() {
            progress(ScanProgress { done, total: symbols.len(), symbol: symbol.clone() });
            match self.chain_ahead(symbol, request.filter.dte_max).await {
                Ok(chain) => chains.push(chain),
                Err(e) => skipped.push(Skipped { symbol: symbol.clone(), reason: e.message }),
            }
        }
        progress(ScanProgress { done: symbols.len(), total: symbols.len(), symbol: String::new() });
        let inputs: Vec<ScanInput> = chains
            .iter()
            .map(|chain| ScanInput { chain, shares_held: held.get(chain.underlying.symbol.as_str()).copied().unwrap_or(0.0) })
            .collect();
        let candidates = scan(&inputs, &request.filter);
        self.keep_signals(&request.filter, symbols.len(), skipped, candidates).await
    }

    async fn keep_signals(
        &self,
        filter: &ScanFilter,
        scanned: usize,
        skipped: Vec<Skipped>,
        candidates: Vec<Candidate>,
    ) -> Result<ScanResult> {
        let created_at = self.now();
        let provider = self.market_provider().to_string();
        let mut tx = self.store().write().await?;
        let id: i64 = sqlx::query_scalar("INSERT INTO scans (created_at, provider, filter, symbols) VALUES (?, ?, ?, ?) RETURNING id")
            .bind(created_at.to_rfc3339())
            .bind(&provider)
            .bind(serde_json::to_string(filter).map_err(|e| EngineError::new(ErrorCode::Internal, e.to_string()))?)
            .bind(scanned as i64)
            .fetch_one(&mut *tx)
            .await?;
        for (rank, c) in candidates.iter().enumerate() {
            sqlx::query("INSERT INTO signals (scan_id, rank, symbol, occ, score, candidate) VALUES (?, ?, ?, ?, ?, ?)")
                .bind(id)
                .bind(rank as i64 + 1)
                .bind(&c.symbol)
                .bind(&c.occ)
                .bind(c.score.total)
                .bind(serde_json::to_string(c).map_err(|e| EngineError::new(ErrorCode::Internal, e.to_string()))?)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(ScanResult { id, created_at, provider, scanned, skipped, candidates })
    }
}
