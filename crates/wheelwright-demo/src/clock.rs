//! The Demo clock: the Demo market's "now". It runs live (the wall clock plus an offset, so a
//! user can pick up where they stepped to and let it run) or stands still at an instant the
//! user steps forward: to the close, to the next session's open, to the next expiration's
//! close. The wall clock is passed in; this module never reads it.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use wheelwright_pricing::calendar::{self, friday_on_or_after, new_york_date, session_on_or_before, Underlying};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "mode", rename_all = "snake_case")]
pub enum DemoClock {
    /// Wall clock + offset (0 = real time).
    Live { offset_seconds: i64 },
    /// Stands at an instant until stepped.
    Stepped { at: DateTime<Utc> },
}

/// How the user moves the clock.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ClockStep {
    /// Today's close, or the next session's close once past it.
    ToClose,
    /// The next session's opening bell.
    NextSession,
    /// The close of the next weekly expiration day (a Friday, or the Thursday before a holiday).
    NextExpiration,
}

impl Default for DemoClock {
    fn default() -> Self {
        DemoClock::Live { offset_seconds: 0 }
    }
}

impl DemoClock {
    pub fn now(&self, wall: DateTime<Utc>) -> DateTime<Utc> {
        match *self {
            DemoClock::Live { offset_seconds } => wall + Duration::seconds(offset_seconds),
            DemoClock::Stepped { at } => at,
        }
    }

    /// Lets a stepped clock run live from where it stands.
    pub fn run(&self, wall: DateTime<Utc>) -> DemoClock {
        DemoClock::Live { offset_seconds: (self.now(wall) - wall).num_seconds() }
    }

    /// The clock stopped at the instant `step` leads to.
    pub fn step(&self, wall: DateTime<Utc>, step: ClockStep) -> Result<DemoClock, calendar::OutOfRange> {
        let now = self.now(wall);
        let today = new_york_date(now);
        let at = match step {
            ClockStep::ToClose => first_session_time(today, |d| calendar::close(d, Underlying::Equity), now)?,
            ClockStep::NextSession => first_session_time(today, calendar::open, now)?,
            ClockStep::NextExpiration => {
                let mut friday = friday_on_or_after(today);
                loop {
                    let expiry = session_on_or_before(friday)?;
                    if let Some(close) = calendar::close(expiry, Underlying::Equity)? {
                        if close > now {
                            break close;
                        }
                    }
                    friday += Duration::days(7);
                }
            }
        };
        Ok(DemoClock::Stepped { at })
    }
}

/// The first session time (open or close) strictly after `now`, from `today` on.
fn first_session_time(
    today: NaiveDate,
    time: impl Fn(NaiveDate) -> Result<Option<DateTime<Utc>>, calendar::OutOfRange>,
    now: DateTime<Utc>,
) -> Result<DateTime<Utc>, calendar::OutOfRange> {
    let mut day = today;
    loop {
        if let Some(at) = time(day)? {
            if at > now {
                return Ok(at);
            }
        }
        day += Duration::days(1);
    }
}
