//! Recording, editing and deleting fills. Every change is written inside one write transaction,
//! the affected wheels are replayed before commit, and a change the ledger refuses is rolled
//! back whole, so the stored ledger always replays cleanly.

use crate::audit::{self, Entry, Operation};
use crate::engine::{replay_wheels, Engine};
use crate::error::{EngineError, Result};
use crate::model::{FillInput, FillOutcome, FillRecord, RemovedFill};
use crate::portfolios::find_portfolio;
use crate::ports::LedgerEvent;
use crate::store::rows::{fill_by_id, portfolio_fills, write_fill, StoredFill};
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use std::collections::BTreeMap;
use wheelwright_domain::{ErrorCode, Fill, FillData, Symbol, WheelBook};

/// Two fills record the same event: everything but the free-text note matches (notes are the
/// user's annotations and may be edited after an import).
pub(crate) fn same_event(a: &FillData, b: &FillData) -> bool {
    let strip = |f: &FillData| FillData { note: None, external_id: None, ..f.clone() };
    strip(a) == strip(b)
}

/// A fill as the audit log keeps it: with its portfolio, so that a deletion can be undone.
#[derive(Serialize, Deserialize)]
pub(crate) struct AuditedFill {
    pub portfolio_id: i64,
    #[serde(flatten)]
    pub fill: Fill,
    /// Recording the fill made its wheel (so undoing it can take the wheel away again).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub started_wheel: bool,
}

fn audited(portfolio_id: i64, fill: &Fill) -> AuditedFill {
    AuditedFill { portfolio_id, fill: fill.clone(), started_wheel: false }
}

/// `data` as saving it over `current` stores it: an edit that leaves out the external id keeps
/// the one stored.
pub(crate) fn as_saved(current: &StoredFill, data: FillData) -> FillData {
    FillData { external_id: data.external_id.or_else(|| current.fill.data.external_id.clone()), ..data }
}

/// An id for a fill that came without one, so that every fill can be exported with an id and
/// re-imported idempotently: the entry time and sequence make it unique.
fn generated_id(stamp: &str, seq_hint: i64) -> String {
    let digits: String = stamp.chars().filter(char::is_ascii_digit).collect();
    format!("ww-{digits}-{seq_hint}")
}

impl Engine {
    pub(crate) async fn replay_portfolio(
        &self,
        conn: &mut SqliteConnection,
        portfolio_id: i64,
    ) -> Result<(Vec<StoredFill>, BTreeMap<i64, WheelBook>)> {
        let fills = portfolio_fills(conn, portfolio_id).await?;
        let books = replay_wheels(&fills)?;
        Ok((fills, books))
    }

    pub(crate) async fn next_seq(&self, conn: &mut SqliteConnection) -> Result<i64> {
        Ok(sqlx::query_scalar("SELECT COALESCE(MAX(seq), 0) + 1 FROM fills").fetch_one(&mut *conn).await?)
    }

    /// Looks up an external id in a portfolio: `Some(fill)` when already recorded.
    pub(crate) async fn by_external_id(
        &self,
        conn: &mut SqliteConnection,
        portfolio_id: i64,
        external_id: &str,
    ) -> Result<Option<StoredFill>> {
        let id: Option<i64> = sqlx::query_scalar("SELECT id FROM fills WHERE portfolio_id = ? AND external_id = ?")
            .bind(portfolio_id)
            .bind(external_id)
            .fetch_optional(&mut *conn)
            .await?;
        match id {
            Some(id) => Ok(Some(fill_by_id(conn, id).await?)),
            None => Ok(None),
        }
    }

    /// The fill already recorded under `data`'s external id with the same content (`None` when
    /// the id is new or absent); a blank id, or one used by a different fill, is refused.
    pub(crate) async fn recorded_twin(
        &self,
        conn: &mut SqliteConnection,
        portfolio_id: i64,
        data: &FillData,
    ) -> Result<Option<StoredFill>> {
        let Some(external_id) = &data.external_id else { return Ok(None) };
        if external_id.trim().is_empty() {
            return Err(EngineError::field(
                ErrorCode::InvalidInput,
                "external_id",
                "external id is blank: leave it out to have one generated",
            ));
        }
        match self.by_external_id(conn, portfolio_id, external_id).await? {
            Some(existing) if same_event(&existing.fill.data, data) => Ok(Some(existing)),
            Some(existing) => Err(EngineError::field(
                ErrorCode::ExternalIdConflict,
                "external_id",
                format!("external id '{external_id}' is already used by fill {} with different content: give this fill another id, or edit fill {}", existing.fill.id, existing.fill.id),
            )),
            None => Ok(None),
        }
    }

    /// The wheel a fill of `symbol` belongs to in the portfolio (created if needed), and whether
    /// it was created.
    pub(crate) async fn wheel_of(
        &self,
        conn: &mut SqliteConnection,
        portfolio_id: i64,
        symbol: Option<&Symbol>,
    ) -> Result<(Option<i64>, bool)> {
        match symbol {
            Some(symbol) => {
                let (wheel, created) = self.ensure_wheel(conn, portfolio_id, symbol).await?;
                Ok((Some(wheel.id), created))
            }
            None => Ok((None, false)),
        }
    }

    /// Inserts one fill (creating its wheel if needed) without committing. Returns the stored
    /// fill, the audit change that recorded it (`None`: a duplicate of a recorded fill, nothing
    /// written) and the symbol of the wheel it created, if any.
    pub(crate) async fn insert_fill(
        &self,
        conn: &mut SqliteConnection,
        portfolio_id: i64,
        data: &FillData,
    ) -> Result<(Fill, Option<i64>, Option<String>)> {
        data.validate()?;
        if let Some(existing) = self.recorded_twin(conn, portfolio_id, data).await? {
            return Ok((existing.fill, None, None));
        }
        let (wheel_id, started_wheel) = self.wheel_of(conn, portfolio_id, data.symbol.as_ref()).await?;
        let now = self.stamp();
        let external_id = match &data.external_id {
            Some(id) => id.trim().to_string(),
            None => generated_id(&now, self.next_seq(conn).await?),
        };
        let fill = write_fill(conn, None, portfolio_id, wheel_id, data, &external_id, &now).await?;
        let change = audit::record(
            conn,
            &now,
            self.source(),
            Entry::<(), _> {
                entity: "fill",
                id: fill.id,
                operation: Operation::Create,
                before: None,
                after: Some(&AuditedFill { started_wheel, ..audited(portfolio_id, &fill) }),
            },
        )
        .await?;
        let created = data.symbol.as_ref().filter(|_| started_wheel).map(|s| s.to_string());
        Ok((fill, Some(change), created))
    }

    /// Writes `data` over a stored fill and audits it, without committing; returns the fill as
    /// now stored and the change's number.
    pub(crate) async fn rewrite_fill(
        &self,
        conn: &mut SqliteConnection,
        current: &StoredFill,
        data: &FillData,
        external_id: &str,
    ) -> Result<(Fill, i64)> {
        let (wheel_id, _) = self.wheel_of(conn, current.portfolio_id, data.symbol.as_ref()).await?;
        let now = self.stamp();
        let after = write_fill(conn, Some(current.fill.id), current.portfolio_id, wheel_id, data, external_id, &now).await?;
        let entry = Entry {
            entity: "fill",
            id: current.fill.id,
            operation: Operation::Update,
            before: Some(&audited(current.portfolio_id, &current.fill)),
            after: Some(&audited(current.portfolio_id, &after)),
        };
        let change = audit::record(conn, &now, self.source(), entry).await?;
        Ok((after, change))
    }

    /// Deletes a stored fill and audits it, without committing; returns the change's number.
    pub(crate) async fn remove_fill(&self, conn: &mut SqliteConnection, stored: &StoredFill) -> Result<i64> {
        sqlx::query("DELETE FROM fills WHERE id = ?").bind(stored.fill.id).execute(&mut *conn).await?;
        let entry = Entry::<_, ()> {
            entity: "fill",
            id: stored.fill.id,
            operation: Operation::Delete,
            before: Some(&audited(stored.portfolio_id, &stored.fill)),
            after: None,
        };
        audit::record(conn, &self.stamp(), self.source(), entry).await
    }

    pub(crate) fn outcome(fill: Fill, fills: &[StoredFill], books: &BTreeMap<i64, WheelBook>, change: Option<i64>) -> FillOutcome {
        let wheel_id = fills.iter().find(|f| f.fill.id == fill.id).and_then(|f| f.wheel_id);
        let book = wheel_id.and_then(|w| books.get(&w));
        FillOutcome {
            summary: book.zip(fill.data.symbol.as_ref()).map(|(b, s)| b.summary(s.as_str())),
            warnings: book.map(|b| b.warnings.iter().filter(|w| w.fill_id == fill.id).cloned().collect()).unwrap_or_default(),
            fill,
            duplicate: change.is_none(),
            change,
        }
    }

    /// Records a fill. Its wheel is created if the portfolio has none for the symbol.
    pub async fn add_fill(&self, input: FillInput) -> Result<FillOutcome> {
        let mut tx = self.store().write().await?;
        let portfolio = find_portfolio(&mut tx, &input.portfolio).await?;
        let (fill, change, _) = self.insert_fill(&mut tx, portfolio.id, &input.fill).await?;
        let (fills, books) = self.replay_portfolio(&mut tx, portfolio.id).await?;
        tx.commit().await?;
        if change.is_some() {
            self.emit(LedgerEvent::FillsChanged {
                portfolio: portfolio.name,
                symbols: fill.data.symbol.iter().map(|s| s.to_string()).collect(),
            });
        }
        Ok(Self::outcome(fill, &fills, &books, change))
    }

    /// Replaces a fill's content; its place in the entry order stays. Its external id stays
    /// unless the new content names another. An edit that leaves the fill as it is writes
    /// nothing (no audit entry to undo) and comes back as a duplicate.
    pub async fn edit_fill(&self, id: i64, data: FillData) -> Result<FillOutcome> {
        data.validate()?;
        let mut tx = self.store().write().await?;
        let before = fill_by_id(&mut tx, id).await?;
        let data = as_saved(&before, data);
        let external_id = data.external_id.clone().unwrap_or_default();
        self.external_id_free_for(&mut tx, &before, &external_id).await?;
        if data == before.fill.data {
            let (fills, books) = self.replay_portfolio(&mut tx, before.portfolio_id).await?;
            return Ok(Self::outcome(before.fill, &fills, &books, None));
        }
        let (after, change) = self.rewrite_fill(&mut tx, &before, &data, &external_id).await?;
        let (fills, books) = self.replay_portfolio(&mut tx, before.portfolio_id).await?;
        tx.commit().await?;
        let mut symbols: Vec<String> = before.fill.data.symbol.iter().chain(after.data.symbol.iter()).map(|s| s.to_string()).collect();
        symbols.dedup();
        self.emit(LedgerEvent::FillsChanged { portfolio: self.portfolio_name(before.portfolio_id).await?, symbols });
        Ok(Self::outcome(after, &fills, &books, Some(change)))
    }

    /// Refuses an edit of `fill` to `external_id` when another fill of its portfolio has it.
    pub(crate) async fn external_id_free_for(&self, conn: &mut SqliteConnection, fill: &StoredFill, external_id: &str) -> Result<()> {
        match self.by_external_id(conn, fill.portfolio_id, external_id).await?.filter(|o| o.fill.id != fill.fill.id) {
            Some(other) => Err(EngineError::field(
                ErrorCode::ExternalIdConflict,
                "external_id",
                format!("external id '{external_id}' belongs to fill {}", other.fill.id),
            )),
            None => Ok(()),
        }
    }

    /// Deletes a fill, unless the ledger would no longer replay without it (deleting a put's
    /// opening sale while its buy-back is still recorded): then nothing is deleted.
    pub async fn delete_fill(&self, id: i64) -> Result<RemovedFill> {
        let mut tx = self.store().write().await?;
        let before = fill_by_id(&mut tx, id).await?;
        let change = self.remove_fill(&mut tx, &before).await?;
        self.replay_portfolio(&mut tx, before.portfolio_id).await.map_err(|e| EngineError {
            message: format!(
                "fill {id} cannot be deleted: without it, {}. Delete or edit fill {} first",
                e.message,
                e.fill_id.map_or("?".into(), |f| f.to_string())
            ),
            ..e
        })?;
        tx.commit().await?;
        self.emit(LedgerEvent::FillsChanged {
            portfolio: self.portfolio_name(before.portfolio_id).await?,
            symbols: before.fill.data.symbol.iter().map(|s| s.to_string()).collect(),
        });
        Ok(RemovedFill { fill: before.fill, change })
    }

    pub(crate) async fn portfolio_name(&self, id: i64) -> Result<String> {
        Ok(sqlx::query_scalar("SELECT name FROM portfolios WHERE id = ?").bind(id).fetch_one(self.store().pool()).await?)
    }

    /// A portfolio's fills in ledger order, optionally of one symbol.
    pub async fn list_fills(&self, portfolio: &str, symbol: Option<&str>) -> Result<Vec<FillRecord>> {
        let mut conn = self.store().pool().acquire().await?;
        let portfolio = find_portfolio(&mut conn, portfolio).await?;
        let symbol = symbol.map(wheelwright_domain::Symbol::parse).transpose()?;
        Ok(portfolio_fills(&mut conn, portfolio.id)
            .await?
            .into_iter()
            .filter(|f| symbol.is_none() || f.fill.data.symbol == symbol)
            .map(|f| FillRecord { portfolio: portfolio.name.clone(), fill: f.fill })
            .collect())
    }

    pub async fn fill(&self, id: i64) -> Result<FillRecord> {
        let mut conn = self.store().pool().acquire().await?;
        let stored = fill_by_id(&mut conn, id).await?;
        Ok(FillRecord { portfolio: self.portfolio_name(stored.portfolio_id).await?, fill: stored.fill })
    }
}
