//! Fills as rows: the one place that maps `Fill` to and from the `fills` table. Money stays
//! TEXT both ways so nothing passes through a float.

use crate::error::{EngineError, Result};
use chrono::{NaiveDate, NaiveTime};
use rust_decimal::Decimal;
use sqlx::{FromRow, SqliteConnection};
use std::str::FromStr;
use wheelwright_domain::{Action, ErrorCode, Fill, FillData, OptionSpec, Right, Symbol};

/// A stored fill with the keys that place it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredFill {
    pub portfolio_id: i64,
    pub wheel_id: Option<i64>,
    pub fill: Fill,
}

#[derive(FromRow)]
struct FillRow {
    id: i64,
    portfolio_id: i64,
    wheel_id: Option<i64>,
    seq: i64,
    date: String,
    time: Option<String>,
    action: String,
    symbol: Option<String>,
    option_right: Option<String>,
    strike: Option<String>,
    expiry: Option<String>,
    multiplier: Option<String>,
    deliverable: Option<String>,
    quantity: String,
    price: String,
    fees: String,
    account: Option<String>,
    external_id: String,
    roll_id: Option<String>,
    note: Option<String>,
}

const SELECT: &str = "SELECT f.id, f.portfolio_id, f.wheel_id, f.seq, f.date, f.time, f.action, w.symbol, f.option_right, f.strike, \
     f.expiry, f.multiplier, f.deliverable, f.quantity, f.price, f.fees, f.account, f.external_id, f.roll_id, f.note \
     FROM fills f LEFT JOIN wheels w ON w.id = f.wheel_id";

fn damaged(id: i64, what: &str, value: &str) -> EngineError {
    EngineError::new(ErrorCode::DatabaseCorrupt, format!("fill {id} has an unreadable {what} '{value}' in the database"))
}

fn decimal(id: i64, what: &str, value: &str) -> Result<Decimal> {
    Decimal::from_str(value).map_err(|_| damaged(id, what, value))
}

impl FillRow {
    fn into_stored(self) -> Result<StoredFill> {
        let id = self.id;
        let date = NaiveDate::parse_from_str(&self.date, "%Y-%m-%d").map_err(|_| damaged(id, "date", &self.date))?;
        let time = match &self.time {
            Some(t) => Some(NaiveTime::from_str(t).map_err(|_| damaged(id, "time", t))?),
            None => None,
        };
        let action = Action::parse(&self.action).map_err(|_| damaged(id, "action", &self.action))?;
        let symbol = match &self.symbol {
            Some(s) => Some(Symbol::parse(s).map_err(|_| damaged(id, "symbol", s))?),
            None => None,
        };
        let option = match (&self.option_right, &self.strike, &self.expiry, &self.multiplier, &self.deliverable) {
            (Some(r), Some(k), Some(e), Some(m), Some(dl)) => Some(OptionSpec {
                right: Right::parse(r).ok_or_else(|| damaged(id, "right", r))?,
                strike: decimal(id, "strike", k)?,
                expiry: NaiveDate::parse_from_str(e, "%Y-%m-%d").map_err(|_| damaged(id, "expiry", e))?,
                multiplier: decimal(id, "multiplier", m)?,
                deliverable: decimal(id, "deliverable", dl)?,
            }),
            _ => None,
        };
        Ok(StoredFill {
            portfolio_id: self.portfolio_id,
            wheel_id: self.wheel_id,
            fill: Fill {
                id,
                seq: self.seq,
                data: FillData {
                    date,
                    time,
                    action,
                    symbol,
                    option,
                    quantity: decimal(id, "quantity", &self.quantity)?,
                    price: decimal(id, "price", &self.price)?,
                    fees: decimal(id, "fees", &self.fees)?,
                    account: self.account,
                    external_id: Some(self.external_id),
                    roll_id: self.roll_id,
                    note: self.note,
                },
            },
        })
    }
}

/// Every fill of a portfolio in ledger order.
pub async fn portfolio_fills(conn: &mut SqliteConnection, portfolio_id: i64) -> Result<Vec<StoredFill>> {
    let rows: Vec<FillRow> = sqlx::query_as(&format!("{SELECT} WHERE f.portfolio_id = ? ORDER BY f.date, f.seq"))
        .bind(portfolio_id)
        .fetch_all(&mut *conn)
        .await?;
    rows.into_iter().map(FillRow::into_stored).collect()
}

pub async fn fill_by_id(conn: &mut SqliteConnection, id: i64) -> Result<StoredFill> {
    let row: Option<FillRow> = sqlx::query_as(&format!("{SELECT} WHERE f.id = ?")).bind(id).fetch_optional(&mut *conn).await?;
    row.ok_or_else(|| EngineError::new(ErrorCode::NotFound, format!("no fill with id {id}")))?.into_stored()
}

fn text(d: Decimal) -> String {
    d.normalize().to_string()
}

/// Writes a fill's content into a new row, or over an existing one when `id` is given.
pub async fn write_fill(
    conn: &mut SqliteConnection,
    id: Option<i64>,
    portfolio_id: i64,
    wheel_id: Option<i64>,
    data: &FillData,
    external_id: &str,
    now: &str,
) -> Result<Fill> {
    let option = data.option.as_ref();
    let sql = match id {
        None => {
            "INSERT INTO fills (portfolio_id, wheel_id, seq, date, time, action, option_right, strike, expiry, multiplier, deliverable, \
             quantity, price, fees, account, external_id, roll_id, note, created_at, updated_at) \
             VALUES (?1, ?2, (SELECT COALESCE(MAX(seq), 0) + 1 FROM fills), ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?18) \
             RETURNING id, seq"
        }
        Some(_) => {
            "UPDATE fills SET portfolio_id = ?1, wheel_id = ?2, date = ?3, time = ?4, action = ?5, option_right = ?6, strike = ?7, expiry = ?8, \
             multiplier = ?9, deliverable = ?10, quantity = ?11, price = ?12, fees = ?13, account = ?14, external_id = ?15, roll_id = ?16, \
             note = ?17, updated_at = ?18 WHERE id = ?19 RETURNING id, seq"
        }
    };
    let mut query = sqlx::query_as::<_, (i64, i64)>(sql)
        .bind(portfolio_id)
        .bind(wheel_id)
        .bind(data.date.to_string())
        .bind(data.time.map(|t| t.to_string()))
        .bind(data.action.code())
        .bind(option.map(|o| o.right.letter()))
        .bind(option.map(|o| text(o.strike)))
        .bind(option.map(|o| o.expiry.to_string()))
        .bind(option.map(|o| text(o.multiplier)))
        .bind(option.map(|o| text(o.deliverable)))
        .bind(text(data.quantity))
        .bind(text(data.price))
        .bind(text(data.fees))
        .bind(&data.account)
        .bind(external_id)
        .bind(&data.roll_id)
        .bind(&data.note)
        .bind(now);
    if let Some(id) = id {
        query = query.bind(id);
    }
    let (id, seq) = query.fetch_one(&mut *conn).await?;
    // Hand back the fill as stored (decimals normalised), so callers and the audit log see
    // exactly what a later read returns.
    let mut data = data.clone();
    data.external_id = Some(external_id.to_string());
    for value in [&mut data.quantity, &mut data.price, &mut data.fees] {
        *value = value.normalize();
    }
    if let Some(option) = data.option.as_mut() {
        for value in [&mut option.strike, &mut option.multiplier, &mut option.deliverable] {
            *value = value.normalize();
        }
    }
    Ok(Fill { id, seq, data })
}
