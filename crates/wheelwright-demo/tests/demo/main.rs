//! The Demo market from the outside: its universe, determinism, no look-ahead, and realism
//! checked rather than asserted — skew, term structure, the earnings bump, quarterly
//! dividends, spreads, and no static arbitrage in its chains. One test binary.

mod chains;
mod clock;
mod prices;

use chrono::{DateTime, TimeZone, Utc};
use chrono_tz::America::New_York;
use wheelwright_domain::Symbol;

/// An instant in New York time.
pub fn ny(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    New_York.with_ymd_and_hms(y, m, d, h, min, 0).single().unwrap().with_timezone(&Utc)
}

pub fn sym(s: &str) -> Symbol {
    Symbol::parse(s).unwrap()
}
