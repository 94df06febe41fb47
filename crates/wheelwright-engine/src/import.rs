//! Import and export of a portfolio's fills in the native CSV format. An import is one
//! transaction: every row is validated by replaying the existing and new fills together, and
//! either all rows land or none do. Re-importing the same rows is a no-op.

use crate::csv_format;
use crate::engine::Engine;
use crate::error::{EngineError, Result};
use crate::model::{ImportReport, NewPortfolio, SkippedRow};
use crate::portfolios::find_portfolio;
use crate::ports::LedgerEvent;
use crate::store::rows::portfolio_fills;
use std::collections::BTreeMap;

impl Engine {
    /// Imports fills from CSV text into the named portfolio (created if it does not exist).
    pub async fn import_csv(&self, portfolio: &str, text: &str) -> Result<ImportReport> {
        let rows = csv_format::parse(text)?;
        let mut tx = self.store().write().await?;
        let (portfolio, portfolio_created) = match find_portfolio(&mut tx, portfolio).await {
            Ok(p) => (p, false),
            Err(e) if e.code == wheelwright_domain::ErrorCode::NotFound => {
                (self.insert_portfolio(&mut tx, NewPortfolio { name: portfolio.to_string(), ..NewPortfolio::default() }).await?, true)
            }
            Err(e) => return Err(e),
        };
        let mut report = ImportReport { portfolio: portfolio.name.clone(), portfolio_created, rows: rows.len(), ..ImportReport::default() };
        let mut row_of_fill: BTreeMap<i64, u64> = BTreeMap::new();
        for row in &rows {
            let (fill, change, created) = self.insert_fill(&mut tx, portfolio.id, &row.fill).await.map_err(|e| e.at_row(row.number))?;
            if change.is_none() {
                report.skipped.push(SkippedRow { row: row.number, external_id: fill.data.external_id.unwrap_or_default() });
            } else {
                report.added += 1;
                row_of_fill.insert(fill.id, row.number);
            }
            report.wheels_created.extend(created);
        }
        let (_, books) =
            self.replay_portfolio(&mut tx, portfolio.id).await.map_err(|e| match e.fill_id.and_then(|id| row_of_fill.get(&id)) {
                Some(&row) => e.at_row(row),
                None => EngineError { message: format!("with the imported rows, an existing fill no longer replays: {}", e.message), ..e },
            })?;
        report.warnings =
            books.values().flat_map(|b| b.warnings.iter()).filter(|w| row_of_fill.contains_key(&w.fill_id)).cloned().collect();
        tx.commit().await?;
        if report.added > 0 {
            let mut symbols: Vec<String> = rows.iter().filter_map(|r| r.fill.symbol.as_ref().map(|s| s.to_string())).collect();
            symbols.sort();
            symbols.dedup();
            self.emit(LedgerEvent::FillsChanged { portfolio: portfolio.name, symbols });
        }
        Ok(report)
    }

    /// Every fill of a portfolio as CSV, in ledger order, each with its external id.
    pub async fn export_csv(&self, portfolio: &str) -> Result<String> {
        let mut conn = self.store().pool().acquire().await?;
        let portfolio = find_portfolio(&mut conn, portfolio).await?;
        let fills: Vec<_> = portfolio_fills(&mut conn, portfolio.id).await?.into_iter().map(|f| f.fill).collect();
        csv_format::write(&fills)
    }
}
