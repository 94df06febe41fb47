//! The Demo market as a paper broker settles what expires: when the Demo clock passes an
//! expiration's close, every open option of a portfolio linked to the Demo account is expired,
//! assigned or exercised on that day's official close — in the money by at least a cent counts,
//! as under the OCC's automatic exercise — by recording the fill the broker would have sent.
//! Idempotent: each settlement carries an external id, so settling twice records nothing new.

use crate::error::{EngineError, Result};
use crate::model::FillInput;
use crate::ports::Clock;
use crate::Engine;
use rust_decimal::Decimal;
use serde::Serialize;
use ts_rs::TS;
use wheelwright_domain::ledger::{OpenOption, Side};
use wheelwright_domain::{Action, ErrorCode, FillData, OptionSpec, Right, Symbol};
use wheelwright_pricing::calendar::{self, Underlying};

/// The account link that makes a portfolio a Demo paper account.
pub const DEMO_ACCOUNT: &str = "demo";

/// One option the Demo clock settled.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct Settlement {
    pub portfolio: String,
    pub symbol: String,
    pub action: Action,
    pub right: Right,
    #[ts(type = "string")]
    pub strike: Decimal,
    #[ts(type = "string")]
    pub expiry: chrono::NaiveDate,
    #[ts(type = "string")]
    pub contracts: Decimal,
    /// The underlying's official close on the expiration day.
    #[ts(type = "string")]
    pub close: Decimal,
}

/// What happens to an open option at a settlement price.
fn outcome(option: &OpenOption, close: Decimal) -> Action {
    let intrinsic = match option.right {
        Right::Call => close - option.strike,
        Right::Put => option.strike - close,
    };
    match (intrinsic >= Decimal::new(1, 2), option.side) {
        (false, _) => Action::Expire,
        (true, Side::Short) => Action::Assign,
        (true, Side::Long) => Action::Exercise,
    }
}

/// Open options grouped by contract and side: several opening fills of one contract are one
/// position, settled by one fill (the ledger closes them oldest first).
fn positions(open: &[OpenOption]) -> Vec<OpenOption> {
    let mut grouped: Vec<OpenOption> = Vec::new();
    for option in open {
        let same = |o: &&mut OpenOption| {
            (o.right, o.strike, o.expiry, o.side, o.multiplier, o.deliverable)
                == (option.right, option.strike, option.expiry, option.side, option.multiplier, option.deliverable)
        };
        match grouped.iter_mut().find(same) {
            Some(position) => position.contracts += option.contracts,
            None => grouped.push(option.clone()),
        }
    }
    grouped
}

impl Engine {
    /// Settles every expiration the Demo clock has passed, in the Demo-linked portfolios.
    pub async fn settle_demo_expirations(&self) -> Result<Vec<Settlement>> {
        let now = self.demo_time().now();
        let mut settled = Vec::new();
        // Read on every Demo clock refresh: only the Demo-linked portfolios are replayed.
        let paper: Vec<String> = sqlx::query_scalar("SELECT name FROM portfolios WHERE account_link = ? ORDER BY name")
            .bind(DEMO_ACCOUNT)
            .fetch_all(self.store().pool())
            .await?;
        for portfolio in paper {
            for wheel in self.list_wheels(&portfolio).await? {
                for position in positions(&wheel.open_options) {
                    match self.settle_position(&portfolio, &wheel.symbol, &position, now).await {
                        Ok(Some(settlement)) => settled.push(settlement),
                        Ok(None) => {}
                        // One option the Demo market cannot settle (say, on a symbol it does not
                        // list) must not stop the others: it stays open for the user to record.
                        Err(e) => tracing::warn!(portfolio = %portfolio, symbol = %wheel.symbol, "not settled: {e}"),
                    }
                }
            }
        }
        Ok(settled)
    }

    /// Settles one position if its expiration's close is past; `None` while it is not.
    async fn settle_position(
        &self,
        portfolio: &str,
        symbol_text: &str,
        option: &OpenOption,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<Option<Settlement>> {
        let calendar_error = |e: calendar::OutOfRange| EngineError::new(ErrorCode::MarketData, e.to_string());
        let last_session = calendar::session_on_or_before(option.expiry).map_err(calendar_error)?;
        let Some(close_time) = calendar::close(last_session, Underlying::Equity).map_err(calendar_error)? else {
            return Ok(None);
        };
        if close_time > now {
            return Ok(None);
        }
        let symbol = Symbol::parse(symbol_text)?;
        let close = self.demo().close(&symbol, last_session).await?;
        let action = outcome(option, close);
        let fill = FillData {
            date: option.expiry,
            time: None,
            action,
            symbol: Some(symbol),
            option: Some(OptionSpec {
                right: option.right,
                strike: option.strike,
                expiry: option.expiry,
                multiplier: option.multiplier,
                deliverable: option.deliverable,
            }),
            quantity: option.contracts,
            price: Decimal::ZERO,
            fees: Decimal::ZERO,
            account: Some(DEMO_ACCOUNT.to_string()),
            external_id: Some(format!(
                "demo-settle:{symbol_text}:{}{}:{}:{:?}",
                option.strike,
                option.right.letter(),
                option.expiry,
                option.side
            )),
            roll_id: None,
            note: Some(format!("Demo market: settled at the close of {last_session}, {close}")),
        };
        self.add_fill(FillInput { portfolio: portfolio.to_string(), fill }).await?;
        Ok(Some(Settlement {
            portfolio: portfolio.to_string(),
            symbol: symbol_text.to_string(),
            action,
            right: option.right,
            strike: option.strike,
            expiry: option.expiry,
            contracts: option.contracts,
            close,
        }))
    }
}
