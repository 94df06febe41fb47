//! Wheels: one per (portfolio, symbol), created by hand or on the first fill of a new symbol.
//! Their figures always come from replaying their fills; nothing derived is stored.

use crate::audit::{self, Entry, Operation};
use crate::engine::{replay_wheels, Engine};
use crate::error::{EngineError, Result};
use crate::model::{NewWheel, Profile, Wheel, WheelDetail};
use crate::portfolios::{cash_of, find_portfolio};
use crate::ports::LedgerEvent;
use crate::store::rows::portfolio_fills;
use rust_decimal::Decimal;
use sqlx::{FromRow, SqliteConnection};
use std::str::FromStr;
use wheelwright_domain::{ErrorCode, Symbol, WheelBook, WheelSummary};

#[derive(FromRow)]
struct WheelRow {
    id: i64,
    portfolio_id: i64,
    symbol: String,
    profile: String,
    capital_allocated: Option<String>,
    notes: String,
}

impl WheelRow {
    fn into_wheel(self) -> Result<Wheel> {
        let corrupt = |what: &str, value: &str| {
            EngineError::new(ErrorCode::DatabaseCorrupt, format!("wheel {} has an unreadable {what} '{value}'", self.id))
        };
        let profile = Profile::parse(&self.profile).map_err(|_| corrupt("profile", &self.profile))?;
        let capital_allocated = match &self.capital_allocated {
            Some(text) => Some(Decimal::from_str(text).map_err(|_| corrupt("capital", text))?),
            None => None,
        };
        Ok(Wheel { id: self.id, portfolio_id: self.portfolio_id, symbol: self.symbol, profile, capital_allocated, notes: self.notes })
    }
}

const SELECT: &str = "SELECT id, portfolio_id, symbol, profile, capital_allocated, notes FROM wheels";

pub(crate) async fn wheels_of(conn: &mut SqliteConnection, portfolio_id: i64) -> Result<Vec<Wheel>> {
    let rows: Vec<WheelRow> =
        sqlx::query_as(&format!("{SELECT} WHERE portfolio_id = ? ORDER BY symbol")).bind(portfolio_id).fetch_all(&mut *conn).await?;
    rows.into_iter().map(WheelRow::into_wheel).collect()
}

pub(crate) async fn find_wheel(conn: &mut SqliteConnection, portfolio_id: i64, symbol: &Symbol) -> Result<Option<Wheel>> {
    let row: Option<WheelRow> = sqlx::query_as(&format!("{SELECT} WHERE portfolio_id = ? AND symbol = ?"))
        .bind(portfolio_id)
        .bind(symbol.as_str())
        .fetch_optional(&mut *conn)
        .await?;
    row.map(WheelRow::into_wheel).transpose()
}

fn summary_of(books: &std::collections::BTreeMap<i64, WheelBook>, wheel: &Wheel) -> WheelSummary {
    books.get(&wheel.id).cloned().unwrap_or_default().summary(&wheel.symbol)
}

impl Engine {
    pub async fn create_wheel(&self, portfolio: &str, input: NewWheel) -> Result<Wheel> {
        let mut tx = self.store().write().await?;
        let portfolio = find_portfolio(&mut tx, portfolio).await?;
        let symbol = Symbol::parse(&input.symbol)?;
        if input.capital_allocated.is_some_and(|c| c < Decimal::ZERO) {
            return Err(EngineError::field(ErrorCode::InvalidInput, "capital_allocated", "capital allocated cannot be negative"));
        }
        if find_wheel(&mut tx, portfolio.id, &symbol).await?.is_some() {
            return Err(EngineError::field(
                ErrorCode::AlreadyExists,
                "symbol",
                format!("portfolio '{}' already has a {symbol} wheel", portfolio.name),
            ));
        }
        let wheel = self.insert_wheel(&mut tx, portfolio.id, &symbol, &input).await?;
        tx.commit().await?;
        self.emit(LedgerEvent::FillsChanged { portfolio: portfolio.name, symbols: vec![wheel.symbol.clone()] });
        Ok(wheel)
    }

    async fn insert_wheel(&self, conn: &mut SqliteConnection, portfolio_id: i64, symbol: &Symbol, input: &NewWheel) -> Result<Wheel> {
        let now = self.stamp();
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO wheels (portfolio_id, symbol, profile, capital_allocated, notes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(portfolio_id)
        .bind(symbol.as_str())
        .bind(input.profile.as_str())
        .bind(input.capital_allocated.map(|c| c.normalize().to_string()))
        .bind(input.notes.trim())
        .bind(&now)
        .bind(&now)
        .fetch_one(&mut *conn)
        .await?;
        let wheel = Wheel {
            id,
            portfolio_id,
            symbol: symbol.to_string(),
            profile: input.profile,
            capital_allocated: input.capital_allocated,
            notes: input.notes.trim().to_string(),
        };
        audit::record(
            conn,
            &now,
            self.source(),
            Entry::<(), _> { entity: "wheel", id, operation: Operation::Create, before: None, after: Some(&wheel) },
        )
        .await?;
        Ok(wheel)
    }

    /// The wheel for `symbol`, created with default settings if the portfolio has none yet.
    /// Returns whether it was created.
    pub(crate) async fn ensure_wheel(&self, conn: &mut SqliteConnection, portfolio_id: i64, symbol: &Symbol) -> Result<(Wheel, bool)> {
        if let Some(wheel) = find_wheel(conn, portfolio_id, symbol).await? {
            return Ok((wheel, false));
        }
        let input = NewWheel { symbol: symbol.to_string(), ..NewWheel::default() };
        Ok((self.insert_wheel(conn, portfolio_id, symbol, &input).await?, true))
    }

    /// Every wheel of a portfolio with its figures, by symbol.
    pub async fn list_wheels(&self, portfolio: &str) -> Result<Vec<WheelSummary>> {
        let mut conn = self.store().pool().acquire().await?;
        let portfolio = find_portfolio(&mut conn, portfolio).await?;
        let books = replay_wheels(&portfolio_fills(&mut conn, portfolio.id).await?)?;
        Ok(wheels_of(&mut conn, portfolio.id).await?.iter().map(|w| summary_of(&books, w)).collect())
    }

    /// Every wheel of a portfolio with its settings and figures, and the portfolio's cash.
    pub(crate) async fn wheels_with_figures(&self, portfolio: &str) -> Result<(Vec<(Wheel, WheelSummary)>, Decimal)> {
        let mut conn = self.store().pool().acquire().await?;
        let portfolio = find_portfolio(&mut conn, portfolio).await?;
        let fills = portfolio_fills(&mut conn, portfolio.id).await?;
        let books = replay_wheels(&fills)?;
        let cash = cash_of(&fills, &books)?.cash;
        let wheels = wheels_of(&mut conn, portfolio.id).await?.into_iter().map(|w| {
            let summary = summary_of(&books, &w);
            (w, summary)
        });
        Ok((wheels.collect(), cash))
    }

    pub async fn wheel(&self, portfolio: &str, symbol: &str) -> Result<WheelDetail> {
        let mut conn = self.store().pool().acquire().await?;
        let portfolio = find_portfolio(&mut conn, portfolio).await?;
        let symbol = Symbol::parse(symbol)?;
        let wheel = find_wheel(&mut conn, portfolio.id, &symbol).await?.ok_or_else(|| {
            EngineError::field(ErrorCode::NotFound, "symbol", format!("portfolio '{}' has no {symbol} wheel", portfolio.name))
        })?;
        let fills: Vec<_> = portfolio_fills(&mut conn, portfolio.id).await?.into_iter().filter(|f| f.wheel_id == Some(wheel.id)).collect();
        let books = replay_wheels(&fills)?;
        let book = books.get(&wheel.id).cloned().unwrap_or_default();
        Ok(WheelDetail {
            summary: book.summary(&wheel.symbol),
            fills: fills.into_iter().map(|f| f.fill).collect(),
            legs: book.legs,
            disposals: book.disposals,
            realizations: book.realizations,
            wheel,
        })
    }
}
