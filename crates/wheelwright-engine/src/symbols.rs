//! What the user knows about a symbol that no broker sends: its sector and its next earnings
//! date (Schwab and Tradier provide neither). Notes are kept per symbol, audited like every
//! user edit, and fill a quote's sector and earnings only where the provider left them unknown —
//! an earnings date already past is not "next" and is not shown. Nothing is ever guessed.

use crate::audit::{self, Entry, Operation};
use crate::error::{EngineError, Result};
use crate::Engine;
use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use ts_rs::TS;
use wheelwright_domain::market::Quote;
use wheelwright_domain::{ErrorCode, Symbol};

/// A symbol's sector and next earnings date as the user entered them; both empty removes the note.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SymbolNote {
    pub symbol: String,
    #[serde(default)]
    pub sector: Option<String>,
    #[serde(default)]
    pub next_earnings: Option<NaiveDate>,
}

const MAX_SECTOR: usize = 40;

/// The note cleaned up: symbol upper-cased and checked, blank sector dropped, earnings within
/// a year back and two ahead of `today` (a typo in the year is caught, not kept).
fn checked(note: SymbolNote, today: NaiveDate) -> Result<SymbolNote> {
    let symbol = Symbol::parse(&note.symbol).map_err(|e| EngineError::field(ErrorCode::InvalidSymbol, "symbol", e.message))?;
    let sector = note.sector.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    if let Some(sector) = &sector {
        if sector.chars().count() > MAX_SECTOR || sector.chars().any(char::is_control) {
            return Err(EngineError::field(
                ErrorCode::InvalidInput,
                "sector",
                format!("a sector is a name of at most {MAX_SECTOR} characters, e.g. Utilities"),
            ));
        }
    }
    if let Some(date) = note.next_earnings {
        if date < today - Duration::days(366) || date > today + Duration::days(731) {
            return Err(EngineError::field(
                ErrorCode::InvalidInput,
                "next_earnings",
                format!("{date} is not within a year back or two years ahead of {today}: check the year"),
            ));
        }
    }
    Ok(SymbolNote { symbol: symbol.as_str().to_string(), sector, next_earnings: note.next_earnings })
}

fn row(symbol: String, sector: Option<String>, earnings: Option<String>) -> SymbolNote {
    SymbolNote { symbol, sector, next_earnings: earnings.and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()) }
}

impl Engine {
    /// The notes on `symbols`, or every note when none are named; in symbol order.
    pub async fn symbol_notes(&self, symbols: &[String]) -> Result<Vec<SymbolNote>> {
        let rows: Vec<(String, Option<String>, Option<String>)> =
            sqlx::query_as("SELECT symbol, sector, next_earnings FROM symbol_notes ORDER BY symbol").fetch_all(self.store().pool()).await?;
        let wanted: Vec<String> = symbols.iter().map(|s| s.trim().to_ascii_uppercase()).collect();
        Ok(rows.into_iter().filter(|(s, _, _)| wanted.is_empty() || wanted.contains(s)).map(|(s, a, b)| row(s, a, b)).collect())
    }

    /// Sets (or, with both fields empty, removes) a symbol's note.
    pub async fn set_symbol_note(&self, note: SymbolNote) -> Result<Option<SymbolNote>> {
        let note = checked(note, wheelwright_pricing::calendar::new_york_date(self.now()))?;
        let mut tx = self.store().write().await?;
        let before: Option<(String, Option<String>, Option<String>)> =
            sqlx::query_as("SELECT symbol, sector, next_earnings FROM symbol_notes WHERE symbol = ?")
                .bind(&note.symbol)
                .fetch_optional(&mut *tx)
                .await?;
        let before = before.map(|(s, a, b)| row(s, a, b));
        let at = self.stamp();
        let after = if note.sector.is_none() && note.next_earnings.is_none() {
            sqlx::query("DELETE FROM symbol_notes WHERE symbol = ?").bind(&note.symbol).execute(&mut *tx).await?;
            None
        } else {
            sqlx::query(
                "INSERT INTO symbol_notes (symbol, sector, next_earnings, updated_at) VALUES (?, ?, ?, ?)
                 ON CONFLICT (symbol) DO UPDATE SET sector = excluded.sector, next_earnings = excluded.next_earnings, updated_at = excluded.updated_at",
            )
            .bind(&note.symbol)
            .bind(&note.sector)
            .bind(note.next_earnings.map(|d| d.to_string()))
            .bind(&at)
            .execute(&mut *tx)
            .await?;
            Some(note)
        };
        let operation = match (&before, &after) {
            (None, _) => Operation::Create,
            (Some(_), None) => Operation::Delete,
            (Some(_), Some(_)) => Operation::Update,
        };
        if before.is_some() || after.is_some() {
            let entry = Entry { entity: "symbol_note", id: 0, operation, before: before.as_ref(), after: after.as_ref() };
            audit::record(&mut tx, &at, self.source(), entry).await?;
        }
        tx.commit().await?;
        Ok(after)
    }

    /// Fills the sector and next earnings the provider left unknown from the user's notes.
    pub(crate) async fn annotate<'a>(&self, quotes: impl IntoIterator<Item = &'a mut Quote>, today: NaiveDate) -> Result<()> {
        let notes: HashMap<String, SymbolNote> = self.symbol_notes(&[]).await?.into_iter().map(|n| (n.symbol.clone(), n)).collect();
        for quote in quotes {
            let Some(note) = notes.get(quote.symbol.as_str()) else { continue };
            if quote.sector.is_none() {
                quote.sector = note.sector.clone();
            }
            if quote.next_earnings.is_none() {
                quote.next_earnings = note.next_earnings.filter(|d| *d >= today);
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_are_cleaned_and_typos_in_the_year_refused() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let note = |sector: Option<&str>, earnings: Option<NaiveDate>| SymbolNote {
            symbol: " ko ".into(),
            sector: sector.map(str::to_string),
            next_earnings: earnings,
        };
        let clean = checked(note(Some("  Consumer Staples "), NaiveDate::from_ymd_opt(2027, 2, 10)), today).unwrap();
        assert_eq!(clean.symbol, "KO");
        assert_eq!(clean.sector.as_deref(), Some("Consumer Staples"));
        assert_eq!(checked(note(Some("   "), None), today).unwrap().sector, None);
        let typo = checked(note(None, NaiveDate::from_ymd_opt(2207, 2, 10)), today).unwrap_err();
        assert_eq!((typo.code, typo.field.as_deref()), (ErrorCode::InvalidInput, Some("next_earnings")));
        let long = checked(note(Some(&"x".repeat(41)), None), today).unwrap_err();
        assert_eq!(long.field.as_deref(), Some("sector"));
        assert_eq!(
            checked(SymbolNote { symbol: "not a symbol!".into(), sector: None, next_earnings: None }, today).unwrap_err().code,
            ErrorCode::InvalidSymbol
        );
    }
}
