//! Sync: a broker account's activity into the portfolio linked to it, then a reconciliation.
//! One write transaction; each planned fill goes in under its own savepoint and is replayed
//! with the ledger, so a fill the ledger refuses (closing a put opened before the synced range)
//! becomes a "needs attention" item instead of failing the sync or corrupting the ledger.
//! Idempotent: every fill carries broker:activity:leg as its external id, so a second sync of
//! the same range adds nothing. Activities are fetched a week before the range as well, so the
//! two halves of an assignment (the option's removal and the share delivery) are always seen
//! together.

use super::reconcile::{reconcile, LedgerHoldings, Reconciliation};
use super::translate::{translate, Attention, HeldOption, LedgerView, Planned, SettledOption};
use super::{BrokerAccount, BrokerAccounts, Contract};
use crate::engine::replay_wheels;
use crate::error::{EngineError, Result};
use crate::model::NewPortfolio;
use crate::portfolios::find_portfolio;
use crate::ports::LedgerEvent;
use crate::store::rows::{portfolio_fills, StoredFill};
use crate::Engine;
use chrono::{Duration, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use sqlx::{Connection, SqliteConnection};
use std::collections::BTreeMap;
use ts_rs::TS;
use wheelwright_domain::ledger::Side;
use wheelwright_domain::{Action, ErrorCode, Fill, FillData, Symbol};
use wheelwright_pricing::calendar;

/// How far before the range activities are read, to pair an assignment's two halves.
const LOOKBACK_DAYS: i64 = 7;
/// Without a start date and a previous sync, a sync reads this far back.
const FIRST_SYNC_DAYS: i64 = 365;

#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, TS)]
pub struct SyncRequest {
    /// The portfolio to sync into; created and linked on the first sync.
    pub portfolio: String,
    /// The broker account number; needed only the first time (then the portfolio's link says it).
    #[serde(default)]
    pub account: Option<String>,
    #[ts(type = "string | null")]
    #[serde(default)]
    pub from: Option<NaiveDate>,
    #[ts(type = "string | null")]
    #[serde(default)]
    pub to: Option<NaiveDate>,
}

/// An activity that needed no fill of its own.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct IgnoredActivity {
    pub activity: String,
    pub reason: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct SyncReport {
    pub portfolio: String,
    pub broker: String,
    pub account: String,
    #[ts(type = "string")]
    pub from: NaiveDate,
    #[ts(type = "string")]
    pub to: NaiveDate,
    /// Activities the broker returned for the range.
    pub activities: usize,
    pub added: Vec<Fill>,
    /// Fills already in the ledger from an earlier sync.
    pub skipped: usize,
    pub ignored: Vec<IgnoredActivity>,
    pub needs_attention: Vec<Attention>,
    pub wheels_created: Vec<String>,
    pub reconciliation: Reconciliation,
}

/// A portfolio linked to a broker account has `account_link` = "schwab:12345678".
fn link(broker: &str, account: &str) -> String {
    format!("{broker}:{account}")
}

fn last_sync_key(portfolio_id: i64) -> String {
    format!("broker.last_sync.{portfolio_id}")
}

/// Symbols of the wheels, from their fills.
fn wheel_symbols(fills: &[StoredFill]) -> BTreeMap<i64, Symbol> {
    fills.iter().filter_map(|f| Some((f.wheel_id?, f.fill.data.symbol.clone()?))).collect()
}

fn ledger_view(fills: &[StoredFill]) -> Result<LedgerView> {
    let books = replay_wheels(fills)?;
    let symbols = wheel_symbols(fills);
    let open = books
        .iter()
        .flat_map(|(wheel, book)| {
            let symbol = symbols.get(wheel).cloned();
            book.open_legs().filter_map(move |leg| {
                Some(HeldOption {
                    symbol: symbol.clone()?,
                    spec: leg.contract.clone(),
                    contracts: leg.open_contracts,
                    short: leg.side == Side::Short,
                })
            })
        })
        .collect();
    let settled = fills
        .iter()
        .filter(|f| matches!(f.fill.data.action, Action::Assign | Action::Exercise))
        .filter_map(|f| {
            Some(SettledOption {
                symbol: f.fill.data.symbol.clone()?,
                spec: f.fill.data.option.clone()?,
                contracts: f.fill.data.quantity,
                date: f.fill.data.date,
                assigned: f.fill.data.action == Action::Assign,
            })
        })
        .collect();
    Ok(LedgerView { settled, open })
}

fn holdings(fills: &[StoredFill]) -> Result<LedgerHoldings> {
    let books = replay_wheels(fills)?;
    let symbols = wheel_symbols(fills);
    let mut held = LedgerHoldings::default();
    for (wheel, book) in &books {
        let Some(symbol) = symbols.get(wheel) else { continue };
        *held.shares.entry(symbol.clone()).or_default() += book.shares();
        for leg in book.open_legs() {
            let contract = Contract {
                underlying: symbol.clone(),
                right: leg.contract.right,
                strike: leg.contract.strike.normalize(),
                expiry: leg.contract.expiry,
            };
            let signed = if leg.side == Side::Short { -leg.open_contracts } else { leg.open_contracts };
            *held.options.entry(contract).or_default() += signed;
        }
    }
    let account: Vec<Fill> = fills.iter().filter(|f| f.wheel_id.is_none()).map(|f| f.fill.clone()).collect();
    held.cash = wheelwright_domain::portfolio::portfolio_cash(&account, books.values().map(|b| b.net_cash).sum())?.cash;
    Ok(held)
}

/// The ledger's shares of `symbol` at the end of `date`, from the fills up to that day.
fn shares_on(fills: &[StoredFill], symbol: &Symbol, date: NaiveDate) -> Result<Decimal> {
    let Some(wheel) = wheel_symbols(fills).into_iter().find(|(_, s)| s == symbol).map(|(w, _)| w) else {
        return Ok(Decimal::ZERO);
    };
    let upto: Vec<StoredFill> = fills.iter().filter(|f| f.wheel_id == Some(wheel) && f.fill.data.date <= date).cloned().collect();
    Ok(replay_wheels(&upto)?.get(&wheel).map(|b| b.shares()).unwrap_or_default())
}

impl Engine {
    /// Syncs a broker account's activity into its linked portfolio and reconciles the result.
    pub async fn broker_sync_with(&self, broker: &dyn BrokerAccounts, request: &SyncRequest) -> Result<SyncReport> {
        let today = calendar::new_york_date(self.now());
        let to = request.to.unwrap_or(today);
        let portfolio = {
            let mut conn = self.store().pool().acquire().await?;
            match find_portfolio(&mut conn, &request.portfolio).await {
                Ok(p) => Some(p),
                Err(e) if e.code == ErrorCode::NotFound => None,
                Err(e) => return Err(e),
            }
        };
        let linked = portfolio.as_ref().and_then(|p| p.account_link.clone());
        let account_number = match (&linked, &request.account) {
            (Some(link), requested) => {
                let Some(number) = link.strip_prefix(&format!("{}:", broker.name())) else {
                    return Err(EngineError::field(
                        ErrorCode::InvalidInput,
                        "portfolio",
                        format!(
                            "portfolio '{}' is linked to '{link}', not to a {} account: sync another portfolio",
                            request.portfolio,
                            broker.name()
                        ),
                    ));
                };
                if requested.as_deref().is_some_and(|r| r != number) {
                    return Err(EngineError::field(
                        ErrorCode::InvalidInput,
                        "account",
                        format!(
                            "portfolio '{}' is linked to account {number}: leave the account out, or sync into another portfolio",
                            request.portfolio
                        ),
                    ));
                }
                number.to_string()
            }
            (None, Some(requested)) => requested.trim().to_string(),
            (None, None) => {
                return Err(EngineError::field(
                    ErrorCode::MissingField,
                    "account",
                    format!(
                        "portfolio '{}' is not linked to a broker account yet: name the account number to sync from",
                        request.portfolio
                    ),
                ));
            }
        };
        let accounts = broker.accounts().await?;
        let account = accounts.iter().find(|a| a.number == account_number).ok_or_else(|| {
            EngineError::field(
                ErrorCode::NotFound,
                "account",
                format!(
                    "{} has no account {account_number} for this login: the accounts are {}",
                    broker.name(),
                    accounts.iter().map(|a| a.number.as_str()).collect::<Vec<_>>().join(", ")
                ),
            )
        })?;
        let from = match request.from {
            Some(from) => from,
            None => match &portfolio {
                Some(p) => match self.setting(&last_sync_key(p.id)).await?.and_then(|d| d.parse::<NaiveDate>().ok()) {
                    Some(last) => last - Duration::days(LOOKBACK_DAYS),
                    None => to - Duration::days(FIRST_SYNC_DAYS),
                },
                None => to - Duration::days(FIRST_SYNC_DAYS),
            },
        };
        if from > to {
            return Err(EngineError::field(
                ErrorCode::InvalidInput,
                "from",
                format!("the range starts {from}, after its end {to}: swap the dates"),
            ));
        }
        let activities = broker.activities(account, from - Duration::days(LOOKBACK_DAYS), to).await?;
        self.write_sync(broker.name(), account, &request.portfolio, &activities, from, to).await
    }

    async fn write_sync(
        &self,
        broker: &str,
        account: &BrokerAccount,
        portfolio_name: &str,
        activities: &[super::Activity],
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<SyncReport> {
        let today = calendar::new_york_date(self.now());
        let mut tx = self.store().write().await?;
        let portfolio = match find_portfolio(&mut tx, portfolio_name).await {
            Ok(p) => p,
            Err(e) if e.code == ErrorCode::NotFound => {
                let new = NewPortfolio {
                    name: portfolio_name.to_string(),
                    description: format!("{broker} account {}", account.number),
                    default_capital: None,
                    account_link: Some(link(broker, &account.number)),
                };
                self.insert_portfolio(&mut tx, new).await?
            }
            Err(e) => return Err(e),
        };
        if portfolio.account_link.is_none() {
            sqlx::query("UPDATE portfolios SET account_link = ?, updated_at = ? WHERE id = ?")
                .bind(link(broker, &account.number))
                .bind(self.stamp())
                .bind(portfolio.id)
                .execute(&mut *tx)
                .await?;
        }
        let view = ledger_view(&portfolio_fills(&mut tx, portfolio.id).await?)?;
        let planned = translate(broker, &account.number, activities, &view);
        let mut outcome = Outcome::default();
        let in_range = |activity: &str| activities.iter().any(|a| a.id == activity && a.date >= from);
        for item in planned {
            let (fill, dividend) = match item {
                Planned::Fill(fill) => (fill, None),
                Planned::Dividend { fill, amount } => (fill, Some(amount)),
                Planned::Attention(attention) => {
                    if in_range(&attention.activity) {
                        outcome.needs_attention.push(attention);
                    }
                    continue;
                }
                Planned::Ignored { activity, reason } => {
                    if in_range(&activity) {
                        outcome.ignored.push(IgnoredActivity { activity, reason });
                    }
                    continue;
                }
            };
            let activity = fill.external_id.as_deref().and_then(|id| id.split(':').nth(1)).unwrap_or_default().to_string();
            if !in_range(&activity) {
                // Read only to pair an assignment's halves: outside the range the user asked for.
                continue;
            }
            match self.sync_one(&mut tx, portfolio.id, fill, dividend).await {
                Ok(SyncOne::Added(fill, created)) => {
                    outcome.added.push(*fill);
                    outcome.wheels_created.extend(created);
                }
                Ok(SyncOne::Skipped) => outcome.skipped += 1,
                Err((fill, e)) => outcome.needs_attention.push(Attention {
                    activity,
                    date: fill.date,
                    description: fill.note.clone().unwrap_or_default(),
                    reason: format!(
                        "{} {}: {} — fix the ledger or record it by hand, then sync again",
                        fill.action,
                        fill.symbol.as_ref().map(|s| s.as_str()).unwrap_or(""),
                        e.message
                    ),
                }),
            }
        }
        let fills = portfolio_fills(&mut tx, portfolio.id).await?;
        let report = SyncReport {
            portfolio: portfolio.name.clone(),
            broker: broker.to_string(),
            account: account.number.clone(),
            from,
            to,
            activities: activities.iter().filter(|a| a.date >= from).count(),
            added: outcome.added,
            skipped: outcome.skipped,
            ignored: outcome.ignored,
            needs_attention: outcome.needs_attention,
            wheels_created: outcome.wheels_created,
            reconciliation: reconcile(account, &holdings(&fills)?, today),
        };
        self.write_setting(&mut tx, &last_sync_key(portfolio.id), &to.to_string()).await?;
        tx.commit().await?;
        if !report.added.is_empty() {
            let mut symbols: Vec<String> = report.added.iter().filter_map(|f| f.data.symbol.as_ref().map(|s| s.to_string())).collect();
            symbols.sort();
            symbols.dedup();
            self.emit(LedgerEvent::FillsChanged { portfolio: portfolio.name, symbols });
        }
        Ok(report)
    }

    /// One planned fill under a savepoint: kept if the ledger still replays, else rolled back.
    async fn sync_one(
        &self,
        tx: &mut SqliteConnection,
        portfolio_id: i64,
        mut fill: FillData,
        dividend: Option<Decimal>,
    ) -> std::result::Result<SyncOne, (FillData, EngineError)> {
        if let Some(amount) = dividend {
            let fills = portfolio_fills(tx, portfolio_id).await.map_err(|e| (fill.clone(), e))?;
            let symbol = fill.symbol.clone().expect("a dividend has a symbol");
            let shares = shares_on(&fills, &symbol, fill.date).map_err(|e| (fill.clone(), e))?;
            if shares <= Decimal::ZERO {
                let e = EngineError::new(
                    ErrorCode::InvalidInput,
                    format!("a dividend of {amount} but the ledger holds no {symbol} shares on {}", fill.date),
                );
                return Err((fill, e));
            }
            let per_share = amount / shares;
            if per_share * shares != amount {
                let e = EngineError::new(
                    ErrorCode::InvalidInput,
                    format!("a dividend of {amount} on {shares} shares is not an exact amount per share"),
                );
                return Err((fill, e));
            }
            fill.quantity = shares;
            fill.price = per_share.normalize();
        }
        let mut savepoint = tx.begin().await.map_err(|e| (fill.clone(), e.into()))?;
        let outcome = async {
            let (stored, change, created) = self.insert_fill(&mut savepoint, portfolio_id, &fill).await?;
            self.replay_portfolio(&mut savepoint, portfolio_id).await?;
            Ok::<_, EngineError>((stored, change, created))
        }
        .await;
        match outcome {
            Ok((_, None, _)) => {
                savepoint.rollback().await.map_err(|e| (fill.clone(), e.into()))?;
                Ok(SyncOne::Skipped)
            }
            Ok((stored, Some(_), created)) => {
                savepoint.commit().await.map_err(|e| (fill.clone(), e.into()))?;
                Ok(SyncOne::Added(Box::new(stored), created))
            }
            Err(e) => {
                savepoint.rollback().await.map_err(|e| (fill.clone(), e.into()))?;
                Err((fill, e))
            }
        }
    }
}

/// What the sync did, gathered before the report (which ends with the reconciliation).
#[derive(Default)]
struct Outcome {
    added: Vec<Fill>,
    skipped: usize,
    ignored: Vec<IgnoredActivity>,
    needs_attention: Vec<Attention>,
    wheels_created: Vec<String>,
}

enum SyncOne {
    Added(Box<Fill>, Option<String>),
    Skipped,
}
