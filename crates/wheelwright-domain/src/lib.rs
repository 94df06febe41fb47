//! The wheel domain: what a fill is, and everything derived from fills by replay (legs, lots,
//! rolls, cycles, wheel state, P&L and bases). Pure by design: no I/O, no clock, no async, so
//! every rule in ACCOUNTING.md is testable with hand-worked numbers and property tests. Also the
//! provider-neutral market-data types (`market`) that every data source normalises into.

pub mod error;
pub mod fill;
pub mod instrument;
pub mod ledger;
pub mod market;
pub mod money;
pub mod performance;
pub mod portfolio;
pub mod symbol;

pub use error::{ErrorCode, LedgerError};
pub use fill::{Action, Fill, FillData};
pub use instrument::{OptionSpec, Right};
pub use ledger::{replay, WheelBook, WheelState, WheelSummary};
pub use symbol::Symbol;
