//! A VaR horizon: a number of trading sessions ahead. The market moves over that many sessions
//! (variance grows with sessions, not calendar days), while options decay over the calendar time
//! to the close of the last of them — so a Friday's one-day horizon carries a weekend of theta.
//! P&L over the horizon is computed directly at its end, never by √h scaling of a one-day figure.

use chrono::{DateTime, Utc};
use serde::Serialize;
use ts_rs::TS;
use wheelwright_pricing::calendar::{self, Underlying, MINUTES_PER_YEAR};

#[derive(Clone, Copy, Debug, PartialEq, Serialize, TS)]
pub struct Horizon {
    pub sessions: u32,
    /// Calendar time from now to the close of the last session, in years of 365 days.
    pub years: f64,
}

/// The longest horizon (a year of sessions): beyond it a VaR says nothing useful.
pub const MAX_SESSIONS: u32 = 252;

impl Horizon {
    /// `sessions` trading sessions after `now`'s New York date, ending at the last one's close.
    pub fn after(now: DateTime<Utc>, sessions: u32) -> Horizon {
        let mut day = calendar::new_york_date(now);
        for _ in 0..sessions {
            // Past 2099 the calendar has no answer; a horizon never reaches that far.
            day = calendar::next_session(day).expect("inside the calendar's years");
        }
        let close = calendar::close(day, Underlying::Equity).expect("inside the calendar's years").unwrap_or(now);
        let years = ((close - now).num_seconds() as f64 / 60.0 / MINUTES_PER_YEAR).max(0.0);
        Horizon { sessions, years }
    }
}
