//! Alerts: what deserves the trader's attention. Rules ([`rule`]) are user-editable settings with
//! documented defaults; the engine gathers [`observe::Observations`] (prices, open positions,
//! limits, the broker login, failing jobs) and [`evaluate()`] turns them into candidate alerts,
//! each with a dedupe key; [`deliver`] decides which candidates are new (cooldowns per key) and
//! whether the desktop may be interrupted now (quiet hours, a pause). Pure: no I/O and no
//! clock — the caller passes "now" and what was fired before, so every decision is a table
//! test.

pub mod deliver;
pub mod evaluate;
pub mod observe;
pub mod rule;

pub use deliver::{admit, Delivery, QuietHours, Silence};
pub use evaluate::{evaluate, Candidate, Link};
pub use observe::{JobHealth, LimitBreach, LoginHealth, Observations, Opportunity, PositionWatch, PriceWatch};
pub use rule::{Rule, RuleError, RuleInput, RuleKind, Severity, Source};
