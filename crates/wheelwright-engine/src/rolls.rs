//! A roll as one action: the open short option bought back and a new one sold in its place,
//! recorded together in one transaction and linked by one roll id, so the ledger shows the roll's
//! net credit and the chain's running total (ACCOUNTING.md: a roll-linked buy to close does not
//! end the cycle). Recording the two legs one at a time would leave, between them, a wheel with
//! no option open and a cycle that looks finished; undoing one leg alone would leave half a
//! roll, so the two audit entries are one action and are undone together.

use crate::audit;
use crate::error::{EngineError, Result};
use crate::model::FillOutcome;
use crate::portfolios::find_portfolio;
use crate::ports::LedgerEvent;
use crate::Engine;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use wheelwright_domain::{Action, ErrorCode, FillData};

/// A roll to record in a named portfolio.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RollInput {
    pub portfolio: String,
    /// The buy to close of the option rolled.
    pub close: FillData,
    /// The sale to open that replaces it: same symbol, right and day.
    pub open: FillData,
}

/// What recording a roll did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct RollOutcome {
    pub roll_id: String,
    pub close: FillOutcome,
    pub open: FillOutcome,
    /// The roll's cash: the new premium less the buy-back, less both legs' fees (a debit is
    /// negative).
    #[ts(type = "string")]
    pub net: Decimal,
    /// The change to undo the roll by (both legs go together).
    pub change: i64,
}

/// A leg's field error, named by leg: "close.strike", "open.price".
fn on_leg(leg: &str, e: impl Into<EngineError>) -> EngineError {
    let e = e.into();
    EngineError { field: Some(e.field.as_deref().map_or_else(|| leg.to_string(), |f| format!("{leg}.{f}"))), ..e }
}

/// Checks that the legs make a roll and links them: both get the roll id given (on either, the
/// same) or `generated`.
pub(crate) fn linked_legs(input: &RollInput, generated: String) -> Result<(FillData, FillData)> {
    let (close, open) = (&input.close, &input.open);
    close.validate().map_err(|e| on_leg("close", e))?;
    open.validate().map_err(|e| on_leg("open", e))?;
    let refuse = |field: &str, message: &str| Err(EngineError::field(ErrorCode::InvalidInput, field, message));
    if close.action != Action::Btc {
        return refuse("close.action", "a roll closes its option with a buy to close (BTC)");
    }
    if open.action != Action::Sto {
        return refuse("open.action", "a roll opens its new option with a sale to open (STO)");
    }
    if open.symbol != close.symbol {
        return refuse("open.symbol", "a roll stays on one symbol: record a sale of another symbol on its own");
    }
    let right = |leg: &FillData| leg.option.as_ref().map(|o| o.right);
    if right(open) != right(close) {
        return refuse("open.right", "a roll sells the same right it buys back (a put for a put): record a switch as two fills");
    }
    if open.date != close.date {
        return refuse("open.date", "a roll's two legs trade the same day: record legs of different days as two fills");
    }
    let contract = |leg: &FillData| leg.option.as_ref().map(|o| (o.strike, o.expiry));
    if contract(open) == contract(close) {
        return refuse("open.strike", "the new option is the one bought back: change its strike or expiry");
    }
    let roll_id = match (close.roll_id.as_deref().map(str::trim), open.roll_id.as_deref().map(str::trim)) {
        (Some(a), Some(b)) if a != b => return refuse("open.roll_id", "the two legs name different roll ids: give one, or none"),
        (Some(id), _) | (_, Some(id)) if !id.is_empty() => id.to_string(),
        _ => generated,
    };
    let link = |leg: &FillData| FillData { roll_id: Some(roll_id.clone()), ..leg.clone() };
    Ok((link(close), link(open)))
}

/// A roll id names one roll: given again, the ledger would add this roll's legs to that one's
/// and report their sum as one roll's net.
pub(crate) async fn refuse_used_roll_id(conn: &mut sqlx::SqliteConnection, portfolio_id: i64, roll_id: &str) -> Result<()> {
    let used: Option<i64> = sqlx::query_scalar("SELECT id FROM fills WHERE portfolio_id = ? AND roll_id = ? LIMIT 1")
        .bind(portfolio_id)
        .bind(roll_id)
        .fetch_optional(&mut *conn)
        .await?;
    match used {
        Some(fill) => Err(EngineError::field(
            ErrorCode::AlreadyExists,
            "roll_id",
            format!("roll id '{roll_id}' is fill {fill}'s already: give this roll another id, or none"),
        )),
        None => Ok(()),
    }
}

impl Engine {
    /// Records a roll: its buy to close and its new sale, in one transaction, as one change.
    pub async fn add_roll(&self, input: RollInput) -> Result<RollOutcome> {
        let mut tx = self.store().write().await?;
        // The entry time and the next entry number make a made-up id unique.
        let generated =
            format!("roll-{}-{}", self.stamp().chars().filter(char::is_ascii_digit).collect::<String>(), self.next_seq(&mut tx).await?);
        let (close, open) = linked_legs(&input, generated)?;
        let roll_id = close.roll_id.clone().unwrap_or_default();
        let portfolio = find_portfolio(&mut tx, &input.portfolio).await?;
        refuse_used_roll_id(&mut tx, portfolio.id, &roll_id).await?;
        let (closed, close_change, _) = self.insert_fill(&mut tx, portfolio.id, &close).await?;
        let (opened, open_change, _) = self.insert_fill(&mut tx, portfolio.id, &open).await?;
        let (Some(close_change), Some(open_change)) = (close_change, open_change) else {
            return Err(EngineError::new(
                ErrorCode::AlreadyExists,
                format!("a leg of this roll is recorded already (fill {} or {}): record the roll once", closed.id, opened.id),
            ));
        };
        audit::mark_action(&mut tx, close_change, &[open_change]).await?;
        let (fills, books) = self.replay_portfolio(&mut tx, portfolio.id).await?;
        tx.commit().await?;
        self.emit(LedgerEvent::FillsChanged { portfolio: portfolio.name, symbols: open.symbol.iter().map(|s| s.to_string()).collect() });
        let close = Self::outcome(closed, &fills, &books, Some(close_change));
        let open = Self::outcome(opened, &fills, &books, Some(open_change));
        let net = open.summary.as_ref().and_then(|s| s.rolls.iter().find(|r| r.roll_id == roll_id)).map_or(Decimal::ZERO, |r| r.net);
        Ok(RollOutcome { roll_id, close, open, net, change: close_change })
    }
}
