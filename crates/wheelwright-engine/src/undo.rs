//! Undo: a recorded change to a fill reversed by a new change, itself written to the audit log
//! (so nothing is erased, and an undo can be undone). Only a fill's latest change can be undone,
//! and only while the fill is still as that change left it — otherwise the undo would silently
//! throw away a later edit — and if the ledger still replays without it, checked before the
//! transaction commits. The portfolio's recent fill changes are listed from the same log, so a
//! change can be undone later, not only right after it.

use crate::audit::{self, AuditRow, Entry, Operation};
use crate::error::{EngineError, Result};
use crate::fills::AuditedFill;
use crate::model::NewWheel;
use crate::portfolios::find_portfolio;
use crate::ports::LedgerEvent;
use crate::store::rows::{fill_by_id, write_fill, StoredFill};
use crate::wheels::find_wheel;
use crate::Engine;
use serde::Serialize;
use std::collections::BTreeSet;
use ts_rs::TS;
use wheelwright_domain::{ErrorCode, Fill, FillData, Symbol};

/// What an undo did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct Undone {
    /// The undo's own change number (undo it to redo).
    pub change: i64,
    /// The fill it changed (the latest of a roll's two).
    pub fill_id: i64,
    pub portfolio: String,
    /// "deleted fill 12", "restored fill 12", "put fill 12 back as it was" (a roll's two
    /// joined by "and").
    pub description: String,
}

/// One audit entry reversed: the undo's own entry and what it did.
struct UndoneEntry {
    portfolio_id: i64,
    symbol: Option<Symbol>,
    fill_id: i64,
    description: String,
    change: i64,
}

/// How a change touched its fill.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    Recorded,
    Edited,
    Deleted,
}

/// One change to a portfolio's fills, as the audit log keeps it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct FillChange {
    /// The change's number, to undo it by.
    pub change: i64,
    pub at: String,
    /// The host that made it: `app` or `cli`.
    pub source: String,
    /// The change this one reverses, when it is an undo (itself a change like any other, so it
    /// can be undone in turn).
    pub undoes: Option<i64>,
    pub kind: ChangeKind,
    pub fill_id: i64,
    /// The fill before the change (none when it recorded the fill, or when the entry was
    /// written by an older version in another form).
    pub before: Option<Fill>,
    /// The fill as the change left it (none when it deleted the fill).
    pub after: Option<Fill>,
    /// What an edit changed, field by field.
    pub edits: Vec<FieldEdit>,
    /// The first change of the action this one was made with (a roll's legs): undoing either
    /// undoes both.
    pub part_of: Option<i64>,
    /// Whether it can be undone now: it (and each change made with it) is the latest change to
    /// its fill (a later one must be undone first) and its entry says what undoing it needs.
    pub undoable: bool,
}

/// One field an edit changed, as text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct FieldEdit {
    pub field: String,
    pub before: String,
    pub after: String,
}

/// The most changes listed at once.
pub const MAX_CHANGES: u32 = 200;

fn recorded(text: Option<&str>, change: i64) -> Result<Option<AuditedFill>> {
    text.map(serde_json::from_str::<AuditedFill>).transpose().map_err(|_| {
        EngineError::field(
            ErrorCode::InvalidInput,
            "change",
            format!("change {change} was recorded by an older version without what undoing it needs: edit the fill instead"),
        )
    })
}

/// The external ids a fill's audit entry names, before and after the change.
fn external_ids(row: &AuditRow) -> Vec<String> {
    [row.before.as_deref(), row.after.as_deref()]
        .into_iter()
        .flatten()
        .filter_map(|text| serde_json::from_str::<serde_json::Value>(text).ok())
        .filter_map(|fill| fill.get("external_id").and_then(|e| e.as_str()).map(String::from))
        .collect()
}

/// An audit entry with the external ids it names, read once.
struct Named<'a> {
    row: &'a AuditRow,
    external_ids: Vec<String>,
}

impl<'a> Named<'a> {
    fn new(row: &'a AuditRow) -> Named<'a> {
        Named { row, external_ids: external_ids(row) }
    }

    /// Both entries concern the same fill: its id and an external id in common. (In a file
    /// from before migration 10 a deleted fill's id could go to another fill, with another
    /// external id.)
    fn same_fill(&self, other: &Named) -> bool {
        (self.row.entity == other.row.entity && self.row.entity_id == other.row.entity_id)
            && other.external_ids.iter().any(|e| self.external_ids.contains(e))
    }
}

/// The first change after `row` to the same fill, if any: while there is one, `row` cannot be
/// undone.
async fn later_change(conn: &mut sqlx::SqliteConnection, row: &AuditRow) -> Result<Option<AuditRow>> {
    let this = Named::new(row);
    Ok(audit::later(conn, row).await?.into_iter().find(|later| this.same_fill(&Named::new(later))))
}

/// A fill's field as text, none when it is not set.
type ReadField = fn(&FillData) -> Option<String>;

/// The fields `after` changed from `before`; numbers compare by value (0.40 is 0.4).
fn field_edits(before: &FillData, after: &FillData) -> Vec<FieldEdit> {
    let text = |value: Option<String>| value.unwrap_or_else(|| "—".into());
    let fields: [(&str, ReadField); 12] = [
        ("date", |f| Some(f.date.to_string())),
        ("time", |f| f.time.map(|t| t.to_string())),
        ("action", |f| Some(f.action.code().to_string())),
        ("symbol", |f| f.symbol.as_ref().map(|s| s.to_string())),
        ("contract", |f| f.option.as_ref().map(|o| o.to_string())),
        ("quantity", |f| Some(f.quantity.normalize().to_string())),
        ("price", |f| Some(f.price.normalize().to_string())),
        ("fees", |f| Some(f.fees.normalize().to_string())),
        ("account", |f| f.account.clone()),
        ("external id", |f| f.external_id.clone()),
        ("roll id", |f| f.roll_id.clone()),
        ("note", |f| f.note.clone()),
    ];
    fields
        .into_iter()
        .map(|(field, read)| FieldEdit { field: field.into(), before: text(read(before)), after: text(read(after)) })
        .filter(|edit| edit.before != edit.after)
        .collect()
}

impl Engine {
    /// A portfolio's latest `limit` changes to its fills, newest first.
    pub async fn fill_changes(&self, portfolio: &str, limit: u32) -> Result<Vec<FillChange>> {
        if !(1..=MAX_CHANGES).contains(&limit) {
            return Err(EngineError::field(ErrorCode::InvalidInput, "limit", format!("list 1 to {MAX_CHANGES} changes, got {limit}")));
        }
        let mut conn = self.store().pool().acquire().await?;
        let portfolio = find_portfolio(&mut conn, portfolio).await?;
        let rows = audit::fill_changes(&mut conn, portfolio.id, limit).await?;
        let named: Vec<Named> = rows.iter().map(Named::new).collect();
        // Newer entries come first, so a later change to the same fill is listed above. An
        // action's entries are undone together, so a later change to any of them blocks them all;
        // for an action of several entries (a roll) that is asked of the log, as its older
        // entries may lie beyond the list.
        let mut blocked: BTreeSet<i64> =
            (0..rows.len()).filter(|&i| named[..i].iter().any(|newer| named[i].same_fill(newer))).map(|i| rows[i].action()).collect();
        let grouped: BTreeSet<i64> = rows.iter().filter(|r| r.part_of.is_some()).map(AuditRow::action).collect();
        for action in grouped {
            for entry in audit::action_entries(&mut conn, action).await? {
                if !blocked.contains(&action) && later_change(&mut conn, &entry).await?.is_some() {
                    blocked.insert(action);
                }
            }
        }
        Ok(rows
            .iter()
            .map(|row| {
                let kind = match row.operation.as_str() {
                    "create" => ChangeKind::Recorded,
                    "update" => ChangeKind::Edited,
                    _ => ChangeKind::Deleted,
                };
                // An entry in a form this version cannot read is listed, not undoable.
                let before = recorded(row.before.as_deref(), row.id).map(|f| f.map(|f| f.fill));
                let after = recorded(row.after.as_deref(), row.id).map(|f| f.map(|f| f.fill));
                let readable = before.is_ok() && after.is_ok();
                let (before, after) = (before.unwrap_or(None), after.unwrap_or(None));
                FillChange {
                    change: row.id,
                    at: row.at.clone(),
                    source: row.source.clone(),
                    undoes: row.undoes,
                    kind,
                    fill_id: row.entity_id,
                    edits: before.as_ref().zip(after.as_ref()).map_or_else(Vec::new, |(b, a)| field_edits(&b.data, &a.data)),
                    before,
                    after,
                    part_of: row.part_of,
                    undoable: readable && !blocked.contains(&row.action()),
                }
            })
            .collect())
    }

    /// Reverses change `change` of the audit log: a recorded fill is deleted, an edit is put
    /// back, a deleted fill is restored (with its id, and its entry order where it is still free).
    /// A change written as part of one action with others (a roll's two legs) is reversed with
    /// them, the latest first, in one transaction: the undo is itself one action.
    pub async fn undo_change(&self, change: i64) -> Result<Undone> {
        let mut tx = self.store().write().await?;
        let row = audit::by_id(&mut tx, change)
            .await?
            .ok_or_else(|| EngineError::field(ErrorCode::NotFound, "change", format!("no change {change} in the audit log")))?;
        if row.entity != "fill" {
            return Err(EngineError::field(
                ErrorCode::InvalidInput,
                "change",
                format!("change {change} is to a {}: only changes to fills can be undone", row.entity),
            ));
        }
        let entries = audit::action_entries(&mut tx, row.action()).await?;
        let mut undone = Vec::new();
        for entry in entries.iter().rev() {
            let reversed = self.undo_entry(&mut tx, entry).await?;
            audit::mark_undo(&mut tx, reversed.change, entry.id).await?;
            undone.push(reversed);
        }
        let first = &undone[0];
        self.replay_portfolio(&mut tx, first.portfolio_id).await.map_err(|e| EngineError {
            message: format!("change {change} cannot be undone: the ledger would not add up ({})", e.message),
            ..e
        })?;
        let later: Vec<i64> = undone[1..].iter().map(|u| u.change).collect();
        audit::mark_action(&mut tx, first.change, &later).await?;
        tx.commit().await?;
        let portfolio = self.portfolio_name(first.portfolio_id).await?;
        let mut symbols: Vec<String> = undone.iter().flat_map(|u| u.symbol.iter().map(|s| s.to_string())).collect();
        symbols.dedup();
        self.emit(LedgerEvent::FillsChanged { portfolio: portfolio.clone(), symbols });
        let description = undone.iter().map(|u| u.description.as_str()).collect::<Vec<_>>().join(" and ");
        Ok(Undone { change: first.change, fill_id: first.fill_id, portfolio, description })
    }

    /// Reverses one audit entry, without committing or replaying.
    async fn undo_entry(&self, tx: &mut sqlx::SqliteConnection, row: &AuditRow) -> Result<UndoneEntry> {
        let change = row.id;
        let id = row.entity_id;
        // Only the latest change to a fill can be undone: undoing an earlier one would bring back
        // a version the later changes replaced (a deletion undone, then edited, then deleted
        // again would come back as it first was).
        if let Some(later) = later_change(&mut *tx, row).await? {
            return Err(EngineError::field(
                ErrorCode::ChangedSince,
                "change",
                format!("fill {id} has changed since change {change}: undo change {} first", later.id),
            ));
        }
        let before = recorded(row.before.as_deref(), change)?;
        let after = recorded(row.after.as_deref(), change)?;
        let current = match fill_by_id(&mut *tx, id).await {
            Ok(stored) => Some(stored),
            Err(e) if e.code == ErrorCode::NotFound => None,
            Err(e) => return Err(e),
        };
        // In a file from before ids were kept for good (migration 10), a deleted fill's id may
        // have gone to a new fill: that fill is another (its external id differs), and the
        // deleted one comes back beside it. A fill under the id with the deleted one's external
        // id is the deleted one restored since.
        let current = match (&after, current) {
            (None, Some(other)) if before.as_ref().is_some_and(|b| b.fill.data.external_id != other.fill.data.external_id) => None,
            (_, current) => current,
        };
        if current.as_ref().map(|c| &c.fill) != after.as_ref().map(|a| &a.fill) {
            return Err(EngineError::field(
                ErrorCode::ChangedSince,
                "change",
                format!("fill {id} has changed since change {change}: undo the later change first"),
            ));
        }
        let now = self.stamp();
        let (portfolio_id, symbol, fill_id, description, change) = match (current, before) {
            // The change recorded the fill: delete it.
            (Some(current), None) => {
                let undo = self.remove_fill(&mut *tx, &current).await?;
                let started_wheel = after.as_ref().is_some_and(|a| a.started_wheel);
                let description = match self.remove_wheel_it_started(&mut *tx, started_wheel, &current).await? {
                    Some(symbol) => format!("deleted fill {id} and the {symbol} wheel it started"),
                    None => format!("deleted fill {id}"),
                };
                (current.portfolio_id, current.fill.data.symbol.clone(), id, description, undo)
            }
            // The change edited it: write the content back.
            (Some(current), Some(earlier)) => {
                self.refuse_taken_external_id(&mut *tx, current.portfolio_id, &earlier.fill).await?;
                let external_id = earlier.fill.data.external_id.clone().unwrap_or_default();
                let (_, undo) = self.rewrite_fill(&mut *tx, &current, &earlier.fill.data, &external_id).await?;
                (current.portfolio_id, earlier.fill.data.symbol.clone(), id, format!("put fill {id} back as it was"), undo)
            }
            // The change deleted it: restore it.
            (None, Some(earlier)) => {
                // The portfolio must be the one the fill was in: made before the change (in a
                // file from before migration 10, a deleted portfolio's id could go to a new one).
                let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM portfolios WHERE id = ?")
                    .bind(earlier.portfolio_id)
                    .fetch_optional(&mut *tx)
                    .await?;
                if exists.is_none() || audit::made_by(&mut *tx, "portfolio", earlier.portfolio_id).await? > change {
                    return Err(EngineError::field(ErrorCode::NotFound, "change", format!("fill {id}'s portfolio has been deleted since")));
                }
                self.refuse_taken_external_id(&mut *tx, earlier.portfolio_id, &earlier.fill).await?;
                let (restored, started_wheel) = self.restore_fill(&mut *tx, earlier.portfolio_id, &earlier.fill, &now).await?;
                let entry = Entry::<(), _> {
                    entity: "fill",
                    id: restored.fill.id,
                    operation: Operation::Create,
                    before: None,
                    after: Some(&AuditedFill { portfolio_id: earlier.portfolio_id, fill: restored.fill.clone(), started_wheel }),
                };
                let undo = audit::record(&mut *tx, &now, self.source(), entry).await?;
                (
                    earlier.portfolio_id,
                    earlier.fill.data.symbol.clone(),
                    restored.fill.id,
                    format!("restored fill {}", restored.fill.id),
                    undo,
                )
            }
            (None, None) => {
                return Err(EngineError::new(ErrorCode::Internal, format!("change {change} has neither a before nor an after")))
            }
        };
        Ok(UndoneEntry { portfolio_id, symbol, fill_id, description, change })
    }

    /// Undoing the fill that started a wheel takes the wheel away with it when nothing else is
    /// in it and the trader has not set it up (settings as made, no criteria of its own) — else
    /// the wheel list keeps an empty wheel nobody asked for. Recording the fill again makes it
    /// anew. Returns the symbol of the wheel removed.
    async fn remove_wheel_it_started(
        &self,
        conn: &mut sqlx::SqliteConnection,
        started_wheel: bool,
        fill: &StoredFill,
    ) -> Result<Option<String>> {
        let (Some(symbol), true) = (fill.fill.data.symbol.as_ref(), started_wheel) else { return Ok(None) };
        let Some(wheel) = find_wheel(conn, fill.portfolio_id, symbol).await?.filter(|w| Some(w.id) == fill.wheel_id) else {
            return Ok(None);
        };
        let made = NewWheel::default();
        let (fills, criteria): (i64, i64) = sqlx::query_as(
            "SELECT (SELECT count(*) FROM fills WHERE wheel_id = ?1), (SELECT count(*) FROM wheel_criteria WHERE wheel_id = ?1)",
        )
        .bind(wheel.id)
        .fetch_one(&mut *conn)
        .await?;
        let as_made =
            (wheel.profile, wheel.capital_allocated, wheel.notes.as_str()) == (made.profile, made.capital_allocated, made.notes.as_str());
        if fills > 0 || criteria > 0 || !as_made {
            return Ok(None);
        }
        sqlx::query("DELETE FROM wheels WHERE id = ?").bind(wheel.id).execute(&mut *conn).await?;
        let entry = Entry::<_, ()> { entity: "wheel", id: wheel.id, operation: Operation::Delete, before: Some(&wheel), after: None };
        audit::record(conn, &self.stamp(), self.source(), entry).await?;
        Ok(Some(wheel.symbol))
    }

    /// An external id must stay unique in its portfolio: a fill that took it since (a broker
    /// sync bringing the deleted fill back) is named rather than overwritten.
    async fn refuse_taken_external_id(&self, conn: &mut sqlx::SqliteConnection, portfolio_id: i64, fill: &Fill) -> Result<()> {
        let Some(external_id) = &fill.data.external_id else { return Ok(()) };
        match self.by_external_id(conn, portfolio_id, external_id).await? {
            Some(other) if other.fill.id != fill.id => Err(EngineError::field(
                ErrorCode::ExternalIdConflict,
                "change",
                format!("fill {} now has external id '{external_id}': delete or edit fill {} first", other.fill.id, other.fill.id),
            )),
            _ => Ok(()),
        }
    }

    /// Writes a deleted fill back under its old id (ids are never given out twice; only a file
    /// from before migration 10 can have given it to another fill, and then it gets a new one)
    /// and its old entry number when no fill took it since (so its place among same-day fills is
    /// kept), else a new one. Also says whether its wheel had to be made again.
    async fn restore_fill(
        &self,
        conn: &mut sqlx::SqliteConnection,
        portfolio_id: i64,
        fill: &Fill,
        now: &str,
    ) -> Result<(StoredFill, bool)> {
        let (wheel_id, started_wheel) = self.wheel_of(conn, portfolio_id, fill.data.symbol.as_ref()).await?;
        let external_id = fill.data.external_id.clone().unwrap_or_default();
        let written = write_fill(conn, None, portfolio_id, wheel_id, &fill.data, &external_id, now).await?;
        let (id_taken, seq_taken): (bool, bool) = sqlx::query_as(
            "SELECT EXISTS (SELECT 1 FROM fills WHERE id = ?1 AND id <> ?3), EXISTS (SELECT 1 FROM fills WHERE seq = ?2 AND id <> ?3)",
        )
        .bind(fill.id)
        .bind(fill.seq)
        .bind(written.id)
        .fetch_one(&mut *conn)
        .await?;
        let id = if id_taken { written.id } else { fill.id };
        let seq = if seq_taken { written.seq } else { fill.seq };
        sqlx::query("UPDATE fills SET id = ?, seq = ? WHERE id = ?").bind(id).bind(seq).bind(written.id).execute(&mut *conn).await?;
        Ok((fill_by_id(conn, id).await?, started_wheel))
    }
}
