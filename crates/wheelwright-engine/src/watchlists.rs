//! Watchlists: named lists of symbols kept in the database in the user's order, created by hand
//! or imported from a TradingView export (idempotent: importing the same file again adds
//! nothing), and screened against live quotes — by last price (the classic "under $50"), sector
//! and liquidity (dollar volume of the session).

use crate::audit::{self, Entry, Operation};
use crate::error::{EngineError, Result};
use crate::portfolios::checked_name;
use crate::tradingview;
use crate::Engine;
use serde::{Deserialize, Serialize};
use sqlx::{FromRow, SqliteConnection};
use ts_rs::TS;
use wheelwright_domain::market::Quote;
use wheelwright_domain::{ErrorCode, Symbol};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS, FromRow)]
pub struct WatchlistEntry {
    pub symbol: String,
    pub exchange: Option<String>,
    pub section: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct Watchlist {
    pub id: i64,
    pub name: String,
    pub entries: Vec<WatchlistEntry>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS, FromRow)]
pub struct WatchlistSummary {
    pub name: String,
    pub symbols: i64,
}

/// What an import did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct WatchlistImport {
    pub watchlist: String,
    pub created: bool,
    pub added: usize,
    pub already_there: usize,
}

/// Screening criteria; every one optional.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct Screen {
    pub min_price: Option<f64>,
    pub max_price: Option<f64>,
    /// Exact sector name (any case); symbols whose provider gives no sector never match one.
    pub sector: Option<String>,
    /// Session volume × last price, in dollars.
    pub min_dollar_volume: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct ScreenRow {
    pub quote: Quote,
    pub section: Option<String>,
    pub dollar_volume: Option<f64>,
}

/// A symbol the provider could not quote, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct Unquoted {
    pub symbol: String,
    pub code: ErrorCode,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct ScreenResult {
    pub watchlist: String,
    pub rows: Vec<ScreenRow>,
    /// Quoted but outside the criteria.
    pub filtered_out: usize,
    pub unquoted: Vec<Unquoted>,
}

impl Screen {
    fn validate(&self) -> Result<()> {
        for (field, value) in [("min_price", self.min_price), ("max_price", self.max_price), ("min_dollar_volume", self.min_dollar_volume)]
        {
            if value.is_some_and(|v| !v.is_finite() || v < 0.0) {
                return Err(EngineError::field(ErrorCode::InvalidInput, field, format!("{field} must be a number ≥ 0")));
            }
        }
        if let (Some(low), Some(high)) = (self.min_price, self.max_price) {
            if low > high {
                return Err(EngineError::field(ErrorCode::InvalidInput, "max_price", "the maximum price is below the minimum: swap them"));
            }
        }
        Ok(())
    }

    fn admits(&self, quote: &Quote, dollar_volume: Option<f64>) -> bool {
        let price_ok = |bound: Option<f64>, inside: fn(f64, f64) -> bool| bound.is_none_or(|b| quote.last.is_some_and(|p| inside(p, b)));
        price_ok(self.min_price, |p, b| p >= b)
            && price_ok(self.max_price, |p, b| p <= b)
            && self.sector.as_deref().is_none_or(|s| quote.sector.as_deref().is_some_and(|q| q.eq_ignore_ascii_case(s.trim())))
            && self.min_dollar_volume.is_none_or(|m| dollar_volume.is_some_and(|d| d >= m))
    }
}

async fn find(conn: &mut SqliteConnection, name: &str) -> Result<(i64, String)> {
    sqlx::query_as("SELECT id, name FROM watchlists WHERE name = ?")
        .bind(name.trim())
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| EngineError::not_found("watchlist", name.trim()))
}

async fn entries(conn: &mut SqliteConnection, id: i64) -> Result<Vec<WatchlistEntry>> {
    Ok(sqlx::query_as("SELECT symbol, exchange, section FROM watchlist_symbols WHERE watchlist_id = ? ORDER BY position")
        .bind(id)
        .fetch_all(&mut *conn)
        .await?)
}

impl Engine {
    pub async fn list_watchlists(&self) -> Result<Vec<WatchlistSummary>> {
        Ok(sqlx::query_as(
            "SELECT w.name, COUNT(s.symbol) AS symbols FROM watchlists w LEFT JOIN watchlist_symbols s ON s.watchlist_id = w.id GROUP BY w.id ORDER BY w.name",
        )
        .fetch_all(self.store().pool())
        .await?)
    }

    pub async fn watchlist(&self, name: &str) -> Result<Watchlist> {
        let mut conn = self.store().pool().acquire().await?;
        let (id, name) = find(&mut conn, name).await?;
        Ok(Watchlist { id, name, entries: entries(&mut conn, id).await? })
    }

    pub async fn create_watchlist(&self, name: &str) -> Result<Watchlist> {
        let name = checked_name(name, "watchlist")?;
        let mut tx = self.store().write().await?;
        if find(&mut tx, &name).await.is_ok() {
            return Err(EngineError::field(
                ErrorCode::AlreadyExists,
                "name",
                format!("a watchlist named '{name}' already exists: pick another name"),
            ));
        }
        let id = self.insert_watchlist(&mut tx, &name).await?;
        tx.commit().await?;
        Ok(Watchlist { id, name, entries: Vec::new() })
    }

    async fn insert_watchlist(&self, conn: &mut SqliteConnection, name: &str) -> Result<i64> {
        let at = self.stamp();
        let id: i64 = sqlx::query_scalar("INSERT INTO watchlists (name, created_at, updated_at) VALUES (?, ?, ?) RETURNING id")
            .bind(name)
            .bind(&at)
            .bind(&at)
            .fetch_one(&mut *conn)
            .await?;
        let entry = Entry::<(), _> { entity: "watchlist", id, operation: Operation::Create, before: None, after: Some(&name) };
        audit::record(conn, &at, self.source(), entry).await?;
        Ok(id)
    }

    /// Appends symbols not yet on the list (in the given order); returns how many were new.
    async fn append(&self, conn: &mut SqliteConnection, id: i64, new: &[tradingview::Entry]) -> Result<usize> {
        let mut position: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(position), 0) FROM watchlist_symbols WHERE watchlist_id = ?")
            .bind(id)
            .fetch_one(&mut *conn)
            .await?;
        let mut added = 0;
        for entry in new {
            position += 1;
            let inserted = sqlx::query(
                "INSERT INTO watchlist_symbols (watchlist_id, symbol, exchange, section, position) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            )
            .bind(id)
            .bind(entry.symbol.as_str())
            .bind(&entry.exchange)
            .bind(&entry.section)
            .bind(position)
            .execute(&mut *conn)
            .await?;
            added += inserted.rows_affected() as usize;
        }
        sqlx::query("UPDATE watchlists SET updated_at = ? WHERE id = ?").bind(self.stamp()).bind(id).execute(&mut *conn).await?;
        Ok(added)
    }

    pub async fn add_to_watchlist(&self, name: &str, symbols: &[String]) -> Result<Watchlist> {
        let parsed = symbols
            .iter()
            .map(|s| {
                let symbol = Symbol::parse(s).map_err(|e| EngineError::field(ErrorCode::InvalidSymbol, "symbols", e.message))?;
                Ok(tradingview::Entry { symbol, exchange: None, section: None })
            })
            .collect::<Result<Vec<_>>>()?;
        let mut tx = self.store().write().await?;
        let (id, _) = find(&mut tx, name).await?;
        self.append(&mut tx, id, &parsed).await?;
        tx.commit().await?;
        self.watchlist(name).await
    }

    pub async fn remove_from_watchlist(&self, name: &str, symbol: &str) -> Result<Watchlist> {
        let mut tx = self.store().write().await?;
        let (id, _) = find(&mut tx, name).await?;
        let removed = sqlx::query("DELETE FROM watchlist_symbols WHERE watchlist_id = ? AND symbol = ?")
            .bind(id)
            .bind(symbol.trim().to_ascii_uppercase())
            .execute(&mut *tx)
            .await?;
        if removed.rows_affected() == 0 {
            return Err(EngineError::field(
                ErrorCode::NotFound,
                "symbol",
                format!("{} is not on the watchlist '{}'", symbol.trim(), name.trim()),
            ));
        }
        tx.commit().await?;
        self.watchlist(name).await
    }

    pub async fn delete_watchlist(&self, name: &str) -> Result<()> {
        let mut tx = self.store().write().await?;
        let (id, name) = find(&mut tx, name).await?;
        let before = entries(&mut tx, id).await?;
        sqlx::query("DELETE FROM watchlists WHERE id = ?").bind(id).execute(&mut *tx).await?;
        let at = self.stamp();
        let entry = Entry::<_, ()> { entity: "watchlist", id, operation: Operation::Delete, before: Some(&(name, before)), after: None };
        audit::record(&mut tx, &at, self.source(), entry).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Imports a TradingView export into the named list (created if missing). All or nothing.
    pub async fn import_watchlist(&self, name: &str, text: &str) -> Result<WatchlistImport> {
        let name = checked_name(name, "watchlist")?;
        let parsed = tradingview::parse(text)?;
        let mut tx = self.store().write().await?;
        let (id, name, created) = match find(&mut tx, &name).await {
            Ok((id, existing)) => (id, existing, false),
            Err(e) if e.code == ErrorCode::NotFound => (self.insert_watchlist(&mut tx, &name).await?, name, true),
            Err(e) => return Err(e),
        };
        let added = self.append(&mut tx, id, &parsed).await?;
        tx.commit().await?;
        Ok(WatchlistImport { watchlist: name, created, added, already_there: parsed.len() - added })
    }

    /// The list's quotes that meet the criteria, in list order; symbols the provider cannot quote
    /// are listed apart with the reason.
    pub async fn screen_watchlist(&self, name: &str, screen: &Screen) -> Result<ScreenResult> {
        screen.validate()?;
        let list = self.watchlist(name).await?;
        let (mut rows, mut filtered_out, mut unquoted) = (Vec::new(), 0, Vec::new());
        for entry in list.entries {
            let symbol = Symbol::parse(&entry.symbol)?;
            match self.market().await?.quotes(std::slice::from_ref(&symbol)).await {
                Ok(mut quotes) if !quotes.is_empty() => {
                    let quote = quotes.remove(0);
                    let dollar_volume = quote.last.zip(quote.volume).map(|(p, v)| p * v as f64);
                    if screen.admits(&quote, dollar_volume) {
                        rows.push(ScreenRow { quote, section: entry.section, dollar_volume });
                    } else {
                        filtered_out += 1;
                    }
                }
                Ok(_) => unquoted.push(Unquoted { symbol: entry.symbol, code: ErrorCode::MarketData, message: "no quote returned".into() }),
                Err(e) => unquoted.push(Unquoted { symbol: entry.symbol, code: e.code, message: e.message }),
            }
        }
        Ok(ScreenResult { watchlist: list.name, rows, filtered_out, unquoted })
    }
}
