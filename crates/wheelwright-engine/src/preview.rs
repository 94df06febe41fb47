//! Ticket previews: what recording a fill (or saving an edit of one) would do to the
//! portfolio's cash, collateral and free cash, and to its wheel's shares, both bases, premium,
//! realized P&L and state (and, when an edit moves a fill to another symbol, to the wheel it
//! leaves) — worked by replaying the stored ledger with the fill added or changed, in memory,
//! writing nothing. A fill the ledger would refuse fails the preview with the error recording
//! it would give, so the ticket can say what is wrong before the user presses Record or Save.
//! A roll is previewed the same way, its two legs added together.

use crate::engine::replay_wheels;
use crate::error::Result;
use crate::fills::as_saved;
use crate::model::FillInput;
use crate::portfolios::{cash_of, find_portfolio};
use crate::rolls::{linked_legs, refuse_used_roll_id, RollInput};
use crate::store::rows::{fill_by_id, portfolio_fills, StoredFill};
use crate::strategy::collateral;
use crate::wheels::find_wheel;
use crate::Engine;
use rust_decimal::Decimal;
use serde::Serialize;
use sqlx::SqliteConnection;
use std::collections::BTreeMap;
use ts_rs::TS;
use wheelwright_domain::ledger::Warning;
use wheelwright_domain::{Fill, FillData, Symbol, WheelBook, WheelState};

/// The previewed fill's id (stored ids start at 1; a roll's new sale is the second) and its
/// wheel's, when recording it would create the wheel.
const PREVIEW_FILL: i64 = 0;
const PREVIEW_ROLL_OPEN: i64 = -1;
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
    /// Recording changes nothing: the same fill is already recorded (same external id and
    /// content), or an edit leaves the fill as it is.
    pub duplicate: bool,
    /// An edit that moves the fill to another symbol (or to account cash) changes the wheel it
    /// leaves as well: that wheel before and after (its portfolio figures are the ones above).
    pub moved_from: Option<WheelChange>,
}

/// A second wheel an edit changes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct WheelChange {
    pub symbol: String,
    pub before: TicketStanding,
    pub after: TicketStanding,
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
        // A stored wheel with no fills left is idle; one not yet started has no state.
        state: summary.map(|s| s.state).or(wheel.filter(|(id, _)| *id != NEW_WHEEL).map(|_| WheelState::Idle)),
    })
}

impl Engine {
    /// What recording `input` would do, without recording it.
    pub async fn preview_fill(&self, input: FillInput) -> Result<FillPreview> {
        let data = input.fill;
        data.validate()?;
        let mut conn = self.store().pool().acquire().await?;
        let portfolio = find_portfolio(&mut conn, &input.portfolio).await?;
        let fills = portfolio_fills(&mut conn, portfolio.id).await?;
        let wheel = self.ticket_wheel(&mut conn, portfolio.id, &data).await?;
        if self.recorded_twin(&mut conn, portfolio.id, &data).await?.is_some() {
            return unchanged(portfolio.name, &fills, wheel);
        }
        let seq = fills.iter().map(|f| f.fill.seq).max().unwrap_or(0) + 1;
        let mut changed = fills.clone();
        changed.push(StoredFill {
            portfolio_id: portfolio.id,
            wheel_id: wheel.as_ref().map(|(id, _)| *id),
            fill: Fill { id: PREVIEW_FILL, seq, data },
        });
        compare(portfolio.name, &fills, &changed, wheel, &[PREVIEW_FILL], None)
    }

    /// What saving fill `id` as `data` would do, without saving it: the ledger replayed with
    /// the fill changed in place (its date may move it), shown on the wheel it would then
    /// belong to. An edit the ledger would refuse fails with the error saving it would give.
    pub async fn preview_edit(&self, id: i64, data: FillData) -> Result<FillPreview> {
        data.validate()?;
        let mut conn = self.store().pool().acquire().await?;
        let current = fill_by_id(&mut conn, id).await?;
        let portfolio = self.portfolio_name(current.portfolio_id).await?;
        let fills = portfolio_fills(&mut conn, current.portfolio_id).await?;
        let wheel = self.ticket_wheel(&mut conn, current.portfolio_id, &data).await?;
        let data = as_saved(&current, data);
        self.external_id_free_for(&mut conn, &current, data.external_id.as_deref().unwrap_or_default()).await?;
        if data == current.fill.data {
            return unchanged(portfolio, &fills, wheel);
        }
        let left = current.wheel_id.zip(current.fill.data.symbol.as_ref()).filter(|(_, symbol)| data.symbol.as_ref() != Some(*symbol));
        let mut changed = fills.clone();
        for stored in changed.iter_mut().filter(|f| f.fill.id == id) {
            stored.wheel_id = wheel.as_ref().map(|(wheel_id, _)| *wheel_id);
            stored.fill.data = data.clone();
        }
        changed.sort_by_key(|f| (f.fill.data.date, f.fill.seq));
        compare(portfolio, &fills, &changed, wheel, &[id], left)
    }

    /// What recording a roll would do, without recording it: its two legs added together, shown
    /// on its wheel, with the warnings either leg would raise.
    pub async fn preview_roll(&self, input: RollInput) -> Result<FillPreview> {
        let (close, open) = linked_legs(&input, "preview".into())?;
        let mut conn = self.store().pool().acquire().await?;
        let portfolio = find_portfolio(&mut conn, &input.portfolio).await?;
        if let Some(roll_id) = input.close.roll_id.as_deref().or(input.open.roll_id.as_deref()) {
            refuse_used_roll_id(&mut conn, portfolio.id, roll_id.trim()).await?;
        }
        let fills = portfolio_fills(&mut conn, portfolio.id).await?;
        let wheel = self.ticket_wheel(&mut conn, portfolio.id, &open).await?;
        let seq = fills.iter().map(|f| f.fill.seq).max().unwrap_or(0);
        let mut changed = fills.clone();
        for (offset, (id, data)) in [(PREVIEW_FILL, close), (PREVIEW_ROLL_OPEN, open)].into_iter().enumerate() {
            let wheel_id = wheel.as_ref().map(|(id, _)| *id);
            changed.push(StoredFill { portfolio_id: portfolio.id, wheel_id, fill: Fill { id, seq: seq + 1 + offset as i64, data } });
        }
        compare(portfolio.name, &fills, &changed, wheel, &[PREVIEW_FILL, PREVIEW_ROLL_OPEN], None)
    }

    /// The wheel a ticket's fill goes to: its symbol's, or `NEW_WHEEL` when recording would
    /// start one; none for account cash.
    async fn ticket_wheel(&self, conn: &mut SqliteConnection, portfolio_id: i64, data: &FillData) -> Result<Option<(i64, String)>> {
        Ok(match &data.symbol {
            Some(symbol) => Some((find_wheel(conn, portfolio_id, symbol).await?.map_or(NEW_WHEEL, |w| w.id), symbol.to_string())),
            None => None,
        })
    }
}

/// The standing with `fills` and with `changed` instead, on `wheel` (and on the wheel `left`
/// when an edit moves the fill away from it), and the ledger's warnings about the fills `fill_ids`.
fn compare(
    portfolio: String,
    fills: &[StoredFill],
    changed: &[StoredFill],
    wheel: Option<(i64, String)>,
    fill_ids: &[i64],
    left: Option<(i64, &Symbol)>,
) -> Result<FillPreview> {
    let (books_before, books) = (replay_wheels(fills)?, replay_wheels(changed)?);
    let label = wheel.as_ref().map(|(id, symbol)| (*id, symbol.as_str()));
    let before = standing(fills, &books_before, label)?;
    let after = standing(changed, &books, label)?;
    let moved_from = match left {
        Some((id, symbol)) => Some(WheelChange {
            symbol: symbol.to_string(),
            before: standing(fills, &books_before, Some((id, symbol.as_str())))?,
            after: standing(changed, &books, Some((id, symbol.as_str())))?,
        }),
        None => None,
    };
    let warnings = wheel
        .as_ref()
        .and_then(|(id, _)| books.get(id))
        .map(|b| b.warnings.iter().filter(|w| fill_ids.contains(&w.fill_id)).cloned().collect())
        .unwrap_or_default();
    let new_wheel = wheel.as_ref().is_some_and(|(id, _)| *id == NEW_WHEEL);
    Ok(FillPreview { portfolio, symbol: wheel.map(|(_, symbol)| symbol), before, after, warnings, new_wheel, duplicate: false, moved_from })
}

/// A ticket that would change nothing (the fill already recorded, or an edit left as it is).
fn unchanged(portfolio: String, fills: &[StoredFill], wheel: Option<(i64, String)>) -> Result<FillPreview> {
    let preview = compare(portfolio, fills, fills, wheel, &[PREVIEW_FILL], None)?;
    Ok(FillPreview { duplicate: true, ..preview })
}
