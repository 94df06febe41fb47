//! Account-level cash of a portfolio: deposits, withdrawals, interest, and fees or adjustments
//! that belong to no wheel, added to the net cash of every wheel. Manual portfolios need it to
//! show a cash balance and the collateral they can still commit.

use crate::error::{ErrorCode, LedgerError};
use crate::fill::{Action, Fill};
use crate::money::exact;
use rust_decimal::Decimal;
use serde::Serialize;
use ts_rs::TS;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, TS)]
pub struct PortfolioCash {
    #[ts(type = "string")]
    pub deposits: Decimal,
    #[ts(type = "string")]
    pub withdrawals: Decimal,
    #[ts(type = "string")]
    pub interest: Decimal,
    /// Fees and adjustments recorded without a symbol.
    #[ts(type = "string")]
    pub other: Decimal,
    /// Net cash of all wheels (premium, share trades, dividends, their fees).
    #[ts(type = "string")]
    pub wheels: Decimal,
    #[ts(type = "string")]
    pub cash: Decimal,
}

/// Sums the account-level fills (those without a symbol) and the wheels' net cash.
pub fn portfolio_cash(account_fills: &[Fill], wheels_net_cash: Decimal) -> Result<PortfolioCash, LedgerError> {
    let mut cash = PortfolioCash { wheels: wheels_net_cash, ..PortfolioCash::default() };
    for fill in account_fills {
        fill.data.validate().map_err(|e| e.at_fill(fill.id))?;
        let amount = fill.data.cash();
        match fill.data.action {
            Action::Deposit => cash.deposits += amount,
            Action::Withdraw => cash.withdrawals -= amount,
            Action::Interest => cash.interest += amount,
            Action::Fee | Action::Adjust => cash.other += amount,
            other => {
                return Err(
                    LedgerError::new(ErrorCode::Internal, format!("{other} needs a symbol and belongs to a wheel")).at_fill(fill.id)
                );
            }
        }
    }
    let total = cash.deposits - cash.withdrawals + cash.interest + cash.other + cash.wheels;
    Ok(PortfolioCash {
        deposits: exact(cash.deposits),
        withdrawals: exact(cash.withdrawals),
        interest: exact(cash.interest),
        other: exact(cash.other),
        wheels: exact(cash.wheels),
        cash: exact(total),
    })
}
