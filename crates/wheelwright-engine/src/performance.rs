//! Performance services: a portfolio's (or every portfolio's) wheels replayed, their open
//! positions marked at the active provider's prices, and handed to the domain's exact
//! `performance` over the period asked for. Unrealized P&L is only known as of today: a period
//! that ends earlier reports it as unknown.

use crate::engine::replay_wheels;
use crate::error::{EngineError, Result};
use crate::portfolios::find_portfolio;
use crate::store::rows::portfolio_fills;
use crate::wheels::wheels_of;
use crate::Engine;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use wheelwright_domain::market::{two_sided_mid, OptionChain};
use wheelwright_domain::performance::{performance, unrealized, Performance, Period, WheelInput};
use wheelwright_domain::{ErrorCode, Fill, Symbol, WheelBook};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct PerformanceRequest {
    /// One portfolio; every portfolio when absent.
    #[serde(default)]
    #[ts(optional)]
    pub portfolio: Option<String>,
    /// One wheel (symbol); every wheel when absent.
    #[serde(default)]
    #[ts(optional)]
    pub symbol: Option<String>,
    /// First day (inclusive); since the first fill when absent.
    #[serde(default)]
    #[ts(optional, type = "string")]
    pub from: Option<NaiveDate>,
    /// Last day (inclusive); today when absent.
    #[serde(default)]
    #[ts(optional, type = "string")]
    pub to: Option<NaiveDate>,
}

#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct PerformanceView {
    /// "portfolio Main", "all portfolios", with the symbol when one was asked for.
    pub scope: String,
    #[ts(type = "string")]
    pub today: NaiveDate,
    pub provider: String,
    pub performance: Performance,
    /// Where a figure is unknown, and why.
    pub notes: Vec<String>,
}

/// One wheel's fills and book, owned, before the marks are known.
struct Replayed {
    portfolio: String,
    symbol: String,
    fills: Vec<Fill>,
    book: WheelBook,
    unrealized: Option<Decimal>,
}

/// A price from the chain as an exact amount (to 1/10,000 of a dollar).
fn exact_price(price: f64) -> Option<Decimal> {
    Decimal::from_f64_retain(price).map(|p| p.round_dp(4))
}

/// The domain's view of replayed wheels.
fn inputs_of(wheels: &[Replayed]) -> Vec<WheelInput<'_>> {
    wheels
        .iter()
        .map(|w| WheelInput { portfolio: &w.portfolio, symbol: &w.symbol, fills: &w.fills, book: &w.book, unrealized: w.unrealized })
        .collect()
}

/// The mark-to-market P&L of a wheel at the chain's prices.
pub(crate) fn unrealized_at(book: &WheelBook, chain: &OptionChain) -> Option<Decimal> {
    let spot = chain.underlying.mark().and_then(exact_price);
    unrealized(book, spot, |contract| {
        let strike = wheelwright_strategy::value::float(contract.strike);
        let quote = chain.contract(contract.right, strike, contract.expiry)?;
        two_sided_mid(quote.bid, quote.ask).and_then(exact_price)
    })
}

impl Engine {
    /// Performance over a period, per wheel and in total.
    pub async fn performance(&self, request: PerformanceRequest) -> Result<PerformanceView> {
        let today = self.market_today();
        let to = request.to.unwrap_or(today);
        if to > today {
            // Open positions count their collateral-days up to the period's end: days to come would dilute the return.
            return Err(EngineError::field(
                ErrorCode::InvalidInput,
                "to",
                format!("the period ends {to}, after today ({today}): end it today or earlier"),
            ));
        }
        if let Some(from) = request.from.filter(|from| *from > to) {
            return Err(EngineError::field(
                ErrorCode::InvalidInput,
                "from",
                format!("the period starts {from}, after it ends {to}: swap the dates"),
            ));
        }
        let only = request.symbol.as_deref().map(Symbol::parse).transpose()?;
        let mut wheels = self.replayed(request.portfolio.as_deref(), only.as_ref()).await?;
        if let (Some(symbol), true) = (&only, wheels.is_empty()) {
            let scope = request.portfolio.as_deref().map_or("no portfolio".to_string(), |p| format!("portfolio '{p}'"));
            return Err(EngineError::field(ErrorCode::NotFound, "symbol", format!("{scope} has no {symbol} wheel")));
        }
        let mut notes = Vec::new();
        if to == today {
            self.mark_all(&mut wheels, today, &mut notes).await;
        } else {
            wheels.iter_mut().for_each(|w| w.unrealized = None);
            notes.push(format!("unrealized P&L is only known as of today ({today}); the period ends {to}"));
        }
        let inputs = inputs_of(&wheels);
        let scope = match (&request.portfolio, &only) {
            (Some(p), Some(s)) => format!("{s} in portfolio {p}"),
            (Some(p), None) => format!("portfolio {p}"),
            (None, Some(s)) => format!("{s} in all portfolios"),
            (None, None) => "all portfolios".to_string(),
        };
        Ok(PerformanceView {
            scope,
            today,
            provider: self.market_provider().to_string(),
            performance: performance(&inputs, Period { from: request.from, to }),
            notes,
        })
    }

    /// A portfolio's performance from each of `froms` to today, its positions marked once for all
    /// of them (the dashboard's month and year); with the notes of what could not be marked.
    pub(crate) async fn performance_to_date(&self, portfolio: &str, froms: &[NaiveDate]) -> Result<(Vec<Performance>, Vec<String>)> {
        let today = self.market_today();
        let mut wheels = self.replayed(Some(portfolio), None).await?;
        let mut notes = Vec::new();
        self.mark_all(&mut wheels, today, &mut notes).await;
        let inputs = inputs_of(&wheels);
        Ok((froms.iter().map(|from| performance(&inputs, Period { from: Some(*from), to: today })).collect(), notes))
    }

    /// The wheels of one portfolio (or all), replayed.
    async fn replayed(&self, portfolio: Option<&str>, only: Option<&Symbol>) -> Result<Vec<Replayed>> {
        let mut conn = self.store().pool().acquire().await?;
        let portfolios = match portfolio {
            Some(name) => vec![find_portfolio(&mut conn, name).await?],
            None => self.list_portfolios().await?.into_iter().map(|o| o.portfolio).collect(),
        };
        let mut out = Vec::new();
        for portfolio in portfolios {
            let fills = portfolio_fills(&mut conn, portfolio.id).await?;
            let mut books = replay_wheels(&fills)?;
            for wheel in wheels_of(&mut conn, portfolio.id).await? {
                if only.is_some_and(|s| s.as_str() != wheel.symbol) {
                    continue;
                }
                let wheel_fills = fills.iter().filter(|f| f.wheel_id == Some(wheel.id)).map(|f| f.fill.clone()).collect();
                out.push(Replayed {
                    portfolio: portfolio.name.clone(),
                    symbol: wheel.symbol,
                    fills: wheel_fills,
                    book: books.remove(&wheel.id).unwrap_or_default(),
                    unrealized: Some(Decimal::ZERO),
                });
            }
        }
        Ok(out)
    }

    /// Marks every wheel that holds something; a chain that cannot be had leaves it unknown.
    async fn mark_all(&self, wheels: &mut [Replayed], today: NaiveDate, notes: &mut Vec<String>) {
        for wheel in wheels.iter_mut() {
            let book = &wheel.book;
            if book.shares().is_zero() && book.open_legs().next().is_none() {
                continue;
            }
            let last = book.open_legs().map(|l| (l.contract.expiry - today).num_days()).max().unwrap_or(0);
            wheel.unrealized = match self.chain_ahead(&wheel.symbol, last).await {
                Ok(chain) => {
                    let marked = unrealized_at(book, &chain);
                    if marked.is_none() {
                        notes.push(format!("{} ({}): a price is missing, so its unrealized P&L is unknown", wheel.symbol, wheel.portfolio));
                    }
                    marked
                }
                Err(e) => {
                    notes.push(format!(
                        "{} ({}): no prices ({}), so its unrealized P&L is unknown",
                        wheel.symbol, wheel.portfolio, e.message
                    ));
                    None
                }
            };
        }
    }
}
