//! Position snapshots and their trends. A snapshot records every open position of a portfolio —
//! the shares of each wheel and each open option — with the spot, the mark, the moneyness, days
//! to expiry and the unrealized P&L at that moment (the market's clock: the Demo clock on the Demo
//! market). The daily one is unique per trading day (the 16:30 job, or taken again by hand, replaces
//! the day's earlier one); manual ones accumulate. The same marked positions feed the positions
//! CSV export.

use crate::error::{EngineError, Result};
use crate::portfolios::find_portfolio;
use crate::Engine;
use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use sqlx::FromRow;
use ts_rs::TS;
use wheelwright_domain::{ErrorCode, Symbol, WheelSummary};
use wheelwright_strategy::monitor::{watch_all, RiskLevel};
use wheelwright_strategy::value::{float as f, Context};

/// Snapshots listed at most.
const MAX_LISTED: u32 = 1000;

/// One open position priced now.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct MarkedPosition {
    pub symbol: String,
    /// "shares", or "leg:<opening fill id>" for an option.
    pub position: String,
    /// "100 shares", "short 1 put 150 2026-01-16".
    pub description: String,
    /// Shares, or contracts.
    pub quantity: f64,
    pub spot: Option<f64>,
    /// The option's mid, or the share price.
    pub mark: Option<f64>,
    /// Distance to the strike as a fraction of the spot, positive out of the money (options).
    pub moneyness: Option<f64>,
    pub dte: Option<i64>,
    /// Shares: value − tax basis; options: as the position monitor marks them (before fees).
    pub unrealized_pnl: Option<f64>,
    pub risk: Option<RiskLevel>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SnapshotKind {
    Daily,
    Manual,
}

impl SnapshotKind {
    fn as_str(self) -> &'static str {
        match self {
            SnapshotKind::Daily => "daily",
            SnapshotKind::Manual => "manual",
        }
    }

    fn parse(text: &str) -> Result<SnapshotKind> {
        match text {
            "daily" => Ok(SnapshotKind::Daily),
            "manual" => Ok(SnapshotKind::Manual),
            other => Err(EngineError::new(ErrorCode::DatabaseCorrupt, format!("a snapshot has the unknown kind '{other}'"))),
        }
    }
}

/// A snapshot as listed, with its positions' P&L added up.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct SnapshotSummary {
    pub id: i64,
    pub portfolio: String,
    #[ts(type = "string")]
    pub trading_day: NaiveDate,
    pub taken_at: DateTime<Utc>,
    pub kind: SnapshotKind,
    pub provider: String,
    pub positions: u32,
    /// Σ unrealized P&L; `None` when a position had no price.
    pub unrealized_pnl: Option<f64>,
}

/// A snapshot just taken.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct Snapshot {
    pub summary: SnapshotSummary,
    /// A daily snapshot that replaced the day's earlier one.
    pub replaced: bool,
    pub positions: Vec<MarkedPosition>,
}

/// One observation of a position.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct TrendPoint {
    pub snapshot_id: i64,
    #[ts(type = "string")]
    pub trading_day: NaiveDate,
    pub taken_at: DateTime<Utc>,
    pub kind: SnapshotKind,
    pub spot: Option<f64>,
    pub mark: Option<f64>,
    pub moneyness: Option<f64>,
    pub unrealized_pnl: Option<f64>,
}

/// A position's observations, oldest first.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct TrendSeries {
    pub symbol: String,
    pub position: String,
    /// As the latest snapshot described it.
    pub description: String,
    pub points: Vec<TrendPoint>,
}

#[derive(FromRow)]
struct SummaryRow {
    id: i64,
    trading_day: String,
    taken_at: String,
    kind: String,
    provider: String,
    positions: i64,
    unrealized_pnl: Option<f64>,
    unpriced: i64,
}

#[derive(FromRow)]
struct PointRow {
    snapshot_id: i64,
    position: String,
    description: String,
    trading_day: String,
    taken_at: String,
    kind: String,
    spot: Option<f64>,
    mark: Option<f64>,
    moneyness: Option<f64>,
    unrealized_pnl: Option<f64>,
}

fn corrupt(what: &str, value: &str) -> EngineError {
    EngineError::new(ErrorCode::DatabaseCorrupt, format!("a snapshot has an unreadable {what} '{value}'"))
}

fn day(text: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| corrupt("trading day", text))
}

fn instant(text: &str) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text).map(|t| t.with_timezone(&Utc)).map_err(|_| corrupt("time", text))
}

/// The shares of a wheel at `spot`.
fn shares_position(summary: &WheelSummary, spot: Option<f64>) -> MarkedPosition {
    let basis: Decimal = summary.lots.iter().map(|l| l.basis).sum();
    let shares = f(summary.shares);
    MarkedPosition {
        symbol: summary.symbol.clone(),
        position: "shares".into(),
        description: format!("{} shares", summary.shares),
        quantity: shares,
        spot,
        mark: spot,
        moneyness: None,
        dte: None,
        unrealized_pnl: spot.map(|s| shares * s - f(basis)),
        risk: None,
    }
}

impl Engine {
    /// Every open position of a portfolio, priced at the provider's current chains. A symbol the
    /// provider cannot price is listed without prices rather than failing the rest.
    pub async fn marked_positions(&self, portfolio: &str) -> Result<Vec<MarkedPosition>> {
        let (wheels, _) = self.wheels_with_figures(portfolio).await?;
        let today = self.market_today();
        let mut positions = Vec::new();
        for (_, summary) in wheels.iter().filter(|(_, s)| s.shares > Decimal::ZERO || !s.open_options.is_empty()) {
            let last = summary.open_options.iter().map(|o| (o.expiry - today).num_days()).max().unwrap_or(0);
            let chain = self.chain_ahead(&summary.symbol, last).await.ok();
            let ctx = chain.as_ref().and_then(Context::of);
            if summary.shares > Decimal::ZERO {
                positions.push(shares_position(summary, ctx.as_ref().map(|c| c.spot)));
            }
            let watched = match (&chain, &ctx) {
                (Some(chain), Some(ctx)) => watch_all(summary, chain, ctx),
                _ => Vec::new(),
            };
            for option in &summary.open_options {
                let view = watched.iter().find(|v| v.leg_id == option.leg_id);
                positions.push(MarkedPosition {
                    symbol: summary.symbol.clone(),
                    position: format!("leg:{}", option.leg_id),
                    description: format!(
                        "{} {} {} {} {}",
                        if option.side == wheelwright_domain::ledger::Side::Short { "short" } else { "long" },
                        option.contracts,
                        option.right.word(),
                        option.strike,
                        option.expiry
                    ),
                    quantity: f(option.contracts),
                    spot: view.map(|v| v.spot),
                    mark: view.and_then(|v| v.mark),
                    moneyness: view.map(|v| v.moneyness),
                    dte: Some((option.expiry - today).num_days()),
                    unrealized_pnl: view.and_then(|v| v.unrealized_pnl),
                    risk: view.map(|v| v.risk),
                });
            }
        }
        Ok(positions)
    }

    /// Takes a snapshot of a portfolio's open positions now.
    pub async fn take_snapshot(&self, portfolio: &str, kind: SnapshotKind) -> Result<Snapshot> {
        let positions = self.marked_positions(portfolio).await?;
        let trading_day = self.market_today();
        let taken_at = self.market_now();
        let provider = self.market_provider();
        let mut tx = self.store().write().await?;
        let owner = find_portfolio(&mut tx, portfolio).await?;
        let replaced = match kind {
            SnapshotKind::Daily => {
                sqlx::query("DELETE FROM snapshots WHERE portfolio_id = ? AND trading_day = ? AND kind = 'daily'")
                    .bind(owner.id)
                    .bind(trading_day.to_string())
                    .execute(&mut *tx)
                    .await?
                    .rows_affected()
                    > 0
            }
            SnapshotKind::Manual => false,
        };
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO snapshots (portfolio_id, trading_day, kind, taken_at, provider) VALUES (?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(owner.id)
        .bind(trading_day.to_string())
        .bind(kind.as_str())
        .bind(taken_at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true))
        .bind(provider)
        .fetch_one(&mut *tx)
        .await?;
        for p in &positions {
            sqlx::query(
                "INSERT INTO snapshot_positions (snapshot_id, symbol, position, description, quantity, spot, mark, moneyness, dte, unrealized_pnl)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            )
            .bind(id)
            .bind(&p.symbol)
            .bind(&p.position)
            .bind(&p.description)
            .bind(p.quantity)
            .bind(p.spot)
            .bind(p.mark)
            .bind(p.moneyness)
            .bind(p.dte)
            .bind(p.unrealized_pnl)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        let unrealized = positions.iter().map(|p| p.unrealized_pnl).sum::<Option<f64>>();
        Ok(Snapshot {
            summary: SnapshotSummary {
                id,
                portfolio: owner.name,
                trading_day,
                taken_at,
                kind,
                provider: provider.to_string(),
                positions: positions.len() as u32,
                unrealized_pnl: unrealized,
            },
            replaced,
            positions,
        })
    }

    /// A portfolio's snapshots, newest first.
    pub async fn snapshots(&self, portfolio: &str, limit: Option<u32>) -> Result<Vec<SnapshotSummary>> {
        let limit = limit.unwrap_or(100);
        if limit == 0 || limit > MAX_LISTED {
            return Err(EngineError::field(ErrorCode::InvalidInput, "limit", format!("list 1 to {MAX_LISTED} snapshots, got {limit}")));
        }
        let mut conn = self.store().pool().acquire().await?;
        let owner = find_portfolio(&mut conn, portfolio).await?;
        let rows: Vec<SummaryRow> = sqlx::query_as(
            "SELECT s.id, s.trading_day, s.taken_at, s.kind, s.provider, count(p.position) AS positions,
                    sum(p.unrealized_pnl) AS unrealized_pnl,
                    sum(p.position IS NOT NULL AND p.unrealized_pnl IS NULL) AS unpriced
             FROM snapshots s LEFT JOIN snapshot_positions p ON p.snapshot_id = s.id
             WHERE s.portfolio_id = ? GROUP BY s.id ORDER BY s.taken_at DESC, s.id DESC LIMIT ?",
        )
        .bind(owner.id)
        .bind(limit)
        .fetch_all(&mut *conn)
        .await?;
        rows.into_iter()
            .map(|r| {
                Ok(SnapshotSummary {
                    id: r.id,
                    portfolio: owner.name.clone(),
                    trading_day: day(&r.trading_day)?,
                    taken_at: instant(&r.taken_at)?,
                    kind: SnapshotKind::parse(&r.kind)?,
                    provider: r.provider,
                    positions: r.positions as u32,
                    unrealized_pnl: if r.unpriced > 0 { None } else { Some(r.unrealized_pnl.unwrap_or(0.0)) },
                })
            })
            .collect()
    }

    /// The trend of every position of one symbol over a portfolio's snapshots: price, moneyness
    /// and P&L, oldest first.
    pub async fn snapshot_trend(&self, portfolio: &str, symbol: &str) -> Result<Vec<TrendSeries>> {
        let symbol = Symbol::parse(symbol)?;
        let mut conn = self.store().pool().acquire().await?;
        let owner = find_portfolio(&mut conn, portfolio).await?;
        let rows: Vec<PointRow> = sqlx::query_as(
            "SELECT p.snapshot_id, p.position, p.description, s.trading_day, s.taken_at, s.kind, p.spot, p.mark, p.moneyness, p.unrealized_pnl
             FROM snapshot_positions p JOIN snapshots s ON s.id = p.snapshot_id
             WHERE s.portfolio_id = ? AND p.symbol = ? ORDER BY p.position, s.taken_at, s.id",
        )
        .bind(owner.id)
        .bind(symbol.as_str())
        .fetch_all(&mut *conn)
        .await?;
        let mut series: Vec<TrendSeries> = Vec::new();
        for row in rows {
            let point = TrendPoint {
                snapshot_id: row.snapshot_id,
                trading_day: day(&row.trading_day)?,
                taken_at: instant(&row.taken_at)?,
                kind: SnapshotKind::parse(&row.kind)?,
                spot: row.spot,
                mark: row.mark,
                moneyness: row.moneyness,
                unrealized_pnl: row.unrealized_pnl,
            };
            match series.last_mut().filter(|s| s.position == row.position) {
                Some(current) => {
                    current.description = row.description;
                    current.points.push(point);
                }
                None => series.push(TrendSeries {
                    symbol: symbol.to_string(),
                    position: row.position,
                    description: row.description,
                    points: vec![point],
                }),
            }
        }
        Ok(series)
    }
}
