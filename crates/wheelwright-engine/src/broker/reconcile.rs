//! After every sync, the ledger's derived positions and cash are compared with what the broker
//! says the account holds: shares per symbol, contracts per option, and cash (money-market sweep
//! included). Every difference is listed with what would explain it. This is the main defence
//! against a lost or duplicated fill, so it never hides a difference, however small.

use super::{BrokerAccount, Contract, Instrument};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::BTreeMap;
use ts_rs::TS;
use wheelwright_domain::Symbol;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DifferenceKind {
    Shares,
    Option,
    Cash,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct Difference {
    pub kind: DifferenceKind,
    /// The symbol, the contract ("CVS 57.5 call 2024-08-16") or "cash".
    pub subject: String,
    /// Long positive, short negative; cash in dollars.
    #[ts(type = "string")]
    pub ledger: Decimal,
    #[ts(type = "string")]
    pub broker: Decimal,
    /// What would explain it, and what to do.
    pub explanation: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct Reconciliation {
    pub account: String,
    /// Positions compared (shares and options held on either side).
    pub compared: usize,
    pub differences: Vec<Difference>,
    /// Broker positions the ledger does not track (funds, bonds): listed, not compared.
    pub untracked: Vec<String>,
}

impl Reconciliation {
    pub fn matches(&self) -> bool {
        self.differences.is_empty()
    }
}

/// What the ledger derives for the linked portfolio.
#[derive(Clone, Debug, Default)]
pub struct LedgerHoldings {
    pub shares: BTreeMap<Symbol, Decimal>,
    /// Open contracts, long positive, short negative.
    pub options: BTreeMap<Contract, Decimal>,
    pub cash: Decimal,
}

fn shares_explanation(symbol: &Symbol, ledger: Decimal, broker: Decimal) -> String {
    if ledger < broker {
        format!(
            "the ledger is missing {} shares of {symbol}: bought, assigned or transferred in before the synced range (sync from an earlier date, or record the opening position as BUY at your cost basis)",
            broker - ledger
        )
    } else {
        format!(
            "the ledger holds {} more shares of {symbol} than the broker: a sale or a called-away call not yet synced, or a fill recorded twice (check the {symbol} fills)",
            ledger - broker
        )
    }
}

fn option_explanation(contract: &Contract, ledger: Decimal, broker: Decimal, today: NaiveDate) -> String {
    if broker.is_zero() && contract.expiry <= today {
        return format!(
            "{contract} has expired at the broker but is open in the ledger: brokers post expirations and assignments the next morning — sync again then, or record the EXPIRE/ASSIGN by hand"
        );
    }
    if ledger.is_zero() {
        return format!("{contract} is held at the broker but not in the ledger: opened before the synced range (sync from an earlier date) or entered elsewhere");
    }
    if broker.is_zero() {
        return format!("{contract} is open in the ledger but not at the broker: a closing trade not synced, or an opening fill recorded twice (check the fills)");
    }
    format!("{contract}: the ledger holds {ledger} contracts, the broker {broker} (short negative): a fill is missing or recorded twice")
}

/// Compares one kind of holding over everything either side holds (a zero in the ledger is not a
/// holding): how many were compared, and the differences.
fn compare<K: Ord + std::fmt::Display>(
    ledger: &BTreeMap<K, Decimal>,
    broker: &BTreeMap<K, Decimal>,
    kind: DifferenceKind,
    explain: impl Fn(&K, Decimal, Decimal) -> String,
) -> (usize, Vec<Difference>) {
    let held: std::collections::BTreeSet<&K> = broker.keys().chain(ledger.iter().filter(|(_, q)| !q.is_zero()).map(|(k, _)| k)).collect();
    let differences = held
        .iter()
        .filter_map(|key| {
            let (ours, theirs) = (ledger.get(*key).copied().unwrap_or_default(), broker.get(*key).copied().unwrap_or_default());
            (ours != theirs).then(|| Difference {
                kind,
                subject: key.to_string(),
                ledger: ours,
                broker: theirs,
                explanation: explain(key, ours, theirs),
            })
        })
        .collect();
    (held.len(), differences)
}

/// Compares the ledger's holdings with the broker account's positions and cash.
pub fn reconcile(account: &BrokerAccount, ledger: &LedgerHoldings, today: NaiveDate) -> Reconciliation {
    let mut broker_shares: BTreeMap<Symbol, Decimal> = BTreeMap::new();
    let mut broker_options: BTreeMap<Contract, Decimal> = BTreeMap::new();
    let mut untracked = Vec::new();
    for position in &account.positions {
        match &position.instrument {
            Instrument::Shares { symbol } => *broker_shares.entry(symbol.clone()).or_default() += position.quantity,
            Instrument::Option { contract, .. } => *broker_options.entry(contract.clone()).or_default() += position.quantity,
            Instrument::Other { symbol, asset_type } => untracked.push(format!("{symbol} ({asset_type})")),
        }
    }
    let (shares_compared, mut differences) = compare(&ledger.shares, &broker_shares, DifferenceKind::Shares, shares_explanation);
    let (options_compared, option_differences) =
        compare(&ledger.options, &broker_options, DifferenceKind::Option, |contract, ours, theirs| {
            option_explanation(contract, ours, theirs, today)
        });
    differences.extend(option_differences);
    if let Some(cash) = account.balances.cash {
        let broker_cash = cash + account.balances.money_market;
        if broker_cash != ledger.cash {
            let gap = broker_cash - ledger.cash;
            differences.push(Difference {
                kind: DifferenceKind::Cash,
                subject: "cash".into(),
                ledger: ledger.cash,
                broker: broker_cash,
                explanation: format!(
                    "the broker's cash (money-market sweep included) is {} {} the ledger's: deposits, withdrawals or trades before the synced range, interest or fees not yet posted, or a fill of that amount missing or recorded twice",
                    gap.abs(),
                    if gap > Decimal::ZERO { "above" } else { "below" }
                ),
            });
        }
    }
    Reconciliation { account: account.number.clone(), compared: shares_compared + options_compared, differences, untracked }
}
