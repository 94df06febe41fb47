//! Ticket previews: what recording a fill would do to the portfolio's cash, collateral and free
//! cash, and to its wheel's shares, both bases, premium, realized P&L and state — worked by
//! replaying the stored ledger with the fill added, in memory, writing nothing. A fill the
//! ledger would refuse fails the preview with the error recording it would give, so the ticket
//! can say what is wrong before the user presses Record.

use crate::engine::replay_wheels;
use crate::error::Result;
use crate::model::FillInput;
use crate::portfolios::{cash_of, find_portfolio};
use crate::store::rows::{portfolio_fills, StoredFill};
use crate::strategy::collateral;
use crate::wheels::find_wheel;
use crate::Engine;
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::BTreeMap;
use ts_rs::TS;
use wheelwright_domain::ledger::Warning;
use wheelwright_domain::{Fill, WheelBook, WheelState};

/// The previewed fill's id (stored ids start at 1) and its wheel's, when recording it would
/// create the wheel.
const PREVIEW_FILL: i64 = 0;
const NEW_WHEEL: i64 = 0;

/// The portfolio and the fill's wheel at one moment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct TicketStanding {
    #[ts(type = "string")]
    pub cash: Decimal,
    /// What the open short puts secure (strike × multiplier × contracts).
    #[ts(type = "string")]
    pub collateral: Decimal,
    #[ts(type = "string")]
    pub free_cash: Decimal,
    /// The wheel's figures (none for account cash, or a wheel not yet started).
    #[ts(type = "string")]
    pub shares: Decimal,
    /// What the shares cost, a share (the tax lots' basis).
    #[ts(type = "string | null")]
    pub cost_basis_per_share: Option<Decimal>,
    /// The cost less the premium kept, a share.
    #[ts(type = "string | null")]
    pub adjusted_basis_per_share: Option<Decimal>,
    #[ts(type = "string")]
    pub premium_collected: Decimal,
    #[ts(type = "string")]
    pub realized_pnl: Decimal,
    pub state: Option<WheelState>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct FillPreview {
    pub portfolio: String,
    pub symbol: Option<String>,
    pub before: TicketStanding,
    pub after: TicketStanding,
    /// What the ledger would warn of (naked call, probable wash sale); it would record anyway.
    pub warnings: Vec<Warning>,
    /// Recording it would start a wheel for the symbol.
    pub new_wheel: bool,
    /// The same fill is already recorded (same external id and content): recording changes nothing.
    pub duplicate: bool,
}

fn standing(fills: &[StoredFill], books: &BTreeMap<i64, WheelBook>, wheel: Option<(i64, &str)>) -> Result<TicketStanding> {
    let cash = cash_of(fills, books)?.cash;
    let summaries: Vec<_> = books.values().map(|b| b.summary("")).collect();
    let collateral = collateral(&summaries);
    let summary = wheel.and_then(|(id, symbol)| books.get(&id).map(|b| b.summary(symbol)));
    let shares = summary.as_ref().map_or(Decimal::ZERO, |s| s.shares);
    let lot_cost: Decimal = summary.iter().flat_map(|s| &s.lots).map(|l| l.basis).sum();
    Ok(TicketStanding {
        cash,
        collateral,
        free_cash: cash - collateral,
        shares,
        cost_basis_per_share: (shares > Decimal::ZERO).then(|| (lot_cost / shares).round_dp(4)),
        adjusted_basis_per_share: summary.as_ref().and_then(|s| s.adjusted_basis_per_share),
        premium_collected: summary.as_ref().map_or(Decimal::ZERO, |s| s.premium_collected),
        realized_pnl: summary.as_ref().map_or(Decimal::ZERO, |s| s.realized_pnl),
        state: summary.map(|s| s.state),
    })
}

impl Engine {
    /// What recording `input` would do, without recording it.
    pub async fn preview_fill(&self, input: FillInput) -> Result<FillPreview> {
        let data = input.fill;
        data.validate()?;
        let mut conn = self.store().pool().acquire().await?;
        let portfolio = find_portfolio(&mut conn, &input.portfolio).await?;
        let mut fills = portfolio_fills(&mut conn, portfolio.id).await?;
        let books = replay_wheels(&fills)?;
        let wheel = match &data.symbol {
            Some(symbol) => Some((find_wheel(&mut conn, portfolio.id, symbol).await?.map_or(NEW_WHEEL, |w| w.id), symbol.to_string())),
            None => None,
        };
        let label = wheel.as_ref().map(|(id, symbol)| (*id, symbol.as_str()));
        let before = standing(&fills, &books, label)?;
        let symbol = data.symbol.as_ref().map(|s| s.to_string());
        let new_wheel = wheel.as_ref().is_some_and(|(id, _)| *id == NEW_WHEEL);
        if self.recorded_twin(&mut conn, portfolio.id, &data).await?.is_some() {
            let after = before.clone();
            return Ok(FillPreview { portfolio: portfolio.name, symbol, before, after, warnings: Vec::new(), new_wheel, duplicate: true });
        }
        let seq = fills.iter().map(|f| f.fill.seq).max().unwrap_or(0) + 1;
        fills.push(StoredFill {
            portfolio_id: portfolio.id,
            wheel_id: wheel.as_ref().map(|(id, _)| *id),
            fill: Fill { id: PREVIEW_FILL, seq, data },
        });
        let books = replay_wheels(&fills)?;
        let after = standing(&fills, &books, label)?;
        let warnings = wheel
            .and_then(|(id, _)| books.get(&id))
            .map(|b| b.warnings.iter().filter(|w| w.fill_id == PREVIEW_FILL).cloned().collect())
            .unwrap_or_default();
        Ok(FillPreview { portfolio: portfolio.name, symbol, before, after, warnings, new_wheel, duplicate: false })
    }
}
