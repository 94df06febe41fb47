//! Portfolios: create, list with their figures, show, delete. A portfolio is named uniquely
//! (case-insensitively), which is how the CLI and the app refer to it.

use crate::audit::{self, Entry, Operation};
use crate::engine::{replay_wheels, Engine};
use crate::error::{EngineError, Result};
use crate::model::{NewPortfolio, Portfolio, PortfolioOverview};
use crate::ports::LedgerEvent;
use crate::store::rows::{portfolio_fills, StoredFill};
use rust_decimal::Decimal;
use sqlx::{FromRow, SqliteConnection};
use std::collections::BTreeMap;
use std::str::FromStr;
use wheelwright_domain::portfolio::{portfolio_cash, PortfolioCash};
use wheelwright_domain::{ErrorCode, WheelBook};

#[derive(FromRow)]
struct PortfolioRow {
    id: i64,
    name: String,
    description: String,
    default_capital: Option<String>,
    account_link: Option<String>,
    created_at: String,
}

impl PortfolioRow {
    fn into_portfolio(self) -> Result<Portfolio> {
        let default_capital = match self.default_capital {
            Some(text) => Some(Decimal::from_str(&text).map_err(|_| {
                EngineError::new(ErrorCode::DatabaseCorrupt, format!("portfolio {} has an unreadable capital '{text}'", self.id))
            })?),
            None => None,
        };
        Ok(Portfolio {
            id: self.id,
            name: self.name,
            description: self.description,
            default_capital,
            account_link: self.account_link,
            created_at: self.created_at,
        })
    }
}

const SELECT: &str = "SELECT id, name, description, default_capital, account_link, created_at FROM portfolios";

pub(crate) async fn find_portfolio(conn: &mut SqliteConnection, name: &str) -> Result<Portfolio> {
    let row: Option<PortfolioRow> =
        sqlx::query_as(&format!("{SELECT} WHERE name = ?")).bind(name.trim()).fetch_optional(&mut *conn).await?;
    row.ok_or_else(|| EngineError::not_found("portfolio", name.trim()))?.into_portfolio()
}

/// A name as typed (of a portfolio, a watchlist): trimmed, 1–60 characters, no control characters.
pub(crate) fn checked_name(name: &str, what: &str) -> Result<String> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 60 || name.chars().any(char::is_control) {
        return Err(EngineError::field(
            ErrorCode::InvalidInput,
            "name",
            format!("a {what} name needs 1 to 60 characters (no control characters)"),
        ));
    }
    Ok(name.to_string())
}

/// A portfolio's cash from its fills and the wheels they replay into.
pub(crate) fn cash_of(fills: &[StoredFill], books: &BTreeMap<i64, WheelBook>) -> Result<PortfolioCash> {
    let account: Vec<_> = fills.iter().filter(|f| f.wheel_id.is_none()).map(|f| f.fill.clone()).collect();
    Ok(portfolio_cash(&account, books.values().map(|b| b.net_cash).sum())?)
}

impl Engine {
    pub async fn create_portfolio(&self, input: NewPortfolio) -> Result<Portfolio> {
        let mut tx = self.store().write().await?;
        let portfolio = self.insert_portfolio(&mut tx, input).await?;
        tx.commit().await?;
        self.emit(LedgerEvent::PortfoliosChanged);
        Ok(portfolio)
    }

    pub(crate) async fn insert_portfolio(&self, conn: &mut SqliteConnection, input: NewPortfolio) -> Result<Portfolio> {
        let name = checked_name(&input.name, "portfolio")?;
        if input.default_capital.is_some_and(|c| c < Decimal::ZERO) {
            return Err(EngineError::field(ErrorCode::InvalidInput, "default_capital", "default capital cannot be negative"));
        }
        if find_portfolio(conn, &name).await.is_ok() {
            return Err(EngineError::field(
                ErrorCode::AlreadyExists,
                "name",
                format!("a portfolio named '{name}' already exists: pick another name"),
            ));
        }
        let now = self.stamp();
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO portfolios (name, description, default_capital, account_link, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(&name)
        .bind(input.description.trim())
        .bind(input.default_capital.map(|c| c.normalize().to_string()))
        .bind(&input.account_link)
        .bind(&now)
        .bind(&now)
        .fetch_one(&mut *conn)
        .await?;
        let portfolio = Portfolio {
            id,
            name,
            description: input.description.trim().to_string(),
            default_capital: input.default_capital,
            account_link: input.account_link,
            created_at: now.clone(),
        };
        audit::record(
            conn,
            &now,
            self.source(),
            Entry::<(), _> { entity: "portfolio", id, operation: Operation::Create, before: None, after: Some(&portfolio) },
        )
        .await?;
        Ok(portfolio)
    }

    pub async fn portfolio(&self, name: &str) -> Result<Portfolio> {
        find_portfolio(&mut *self.store().pool().acquire().await?, name).await
    }

    pub async fn list_portfolios(&self) -> Result<Vec<PortfolioOverview>> {
        let mut conn = self.store().pool().acquire().await?;
        let rows: Vec<PortfolioRow> = sqlx::query_as(&format!("{SELECT} ORDER BY name")).fetch_all(&mut *conn).await?;
        let mut overviews = Vec::with_capacity(rows.len());
        for row in rows {
            let portfolio = row.into_portfolio()?;
            overviews.push(self.overview(&mut conn, portfolio).await?);
        }
        Ok(overviews)
    }

    pub async fn portfolio_overview(&self, name: &str) -> Result<PortfolioOverview> {
        let mut conn = self.store().pool().acquire().await?;
        let portfolio = find_portfolio(&mut conn, name).await?;
        self.overview(&mut conn, portfolio).await
    }

    async fn overview(&self, conn: &mut SqliteConnection, portfolio: Portfolio) -> Result<PortfolioOverview> {
        let fills = portfolio_fills(conn, portfolio.id).await?;
        let books = replay_wheels(&fills)?;
        let wheels: i64 =
            sqlx::query_scalar("SELECT count(*) FROM wheels WHERE portfolio_id = ?").bind(portfolio.id).fetch_one(&mut *conn).await?;
        let cash = cash_of(&fills, &books)?;
        Ok(PortfolioOverview {
            wheels: wheels as usize,
            open_wheels: books.values().filter(|b| b.state() != wheelwright_domain::WheelState::Idle).count(),
            cash,
            premium_collected: wheelwright_domain::money::exact(books.values().map(|b| b.premium_collected).sum()),
            realized_pnl: wheelwright_domain::money::exact(books.values().map(|b| b.realized_pnl()).sum()),
            portfolio,
        })
    }

    /// Deletes a portfolio with its wheels and fills. One that has fills needs `force`, so a
    /// slip of the keyboard cannot lose a ledger.
    pub async fn delete_portfolio(&self, name: &str, force: bool) -> Result<()> {
        let mut tx = self.store().write().await?;
        let portfolio = find_portfolio(&mut tx, name).await?;
        let fills: i64 =
            sqlx::query_scalar("SELECT count(*) FROM fills WHERE portfolio_id = ?").bind(portfolio.id).fetch_one(&mut *tx).await?;
        if fills > 0 && !force {
            return Err(EngineError::new(
                ErrorCode::InvalidInput,
                format!(
                    "portfolio '{}' has {fills} fills: export it first if you want to keep them, then delete with --force",
                    portfolio.name
                ),
            ));
        }
        sqlx::query("DELETE FROM portfolios WHERE id = ?").bind(portfolio.id).execute(&mut *tx).await?;
        let now = self.stamp();
        audit::record(
            &mut tx,
            &now,
            self.source(),
            Entry::<_, ()> { entity: "portfolio", id: portfolio.id, operation: Operation::Delete, before: Some(&portfolio), after: None },
        )
        .await?;
        tx.commit().await?;
        self.emit(LedgerEvent::PortfoliosChanged);
        Ok(())
    }
}
