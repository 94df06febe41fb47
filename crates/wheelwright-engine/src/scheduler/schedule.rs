//! When a job runs: every N minutes or on a cron pattern, always read on the New York wall
//! clock (the exchange's), optionally limited to the days the exchange trades or to the hours
//! a session is open (holidays and early closes from the NYSE calendar). Pure: time is passed in.
//!
//! DST rules (so a job neither vanishes nor doubles when the clocks change): an interval counts
//! from New York midnight, so "every 15 minutes" runs at :00, :15, :30, :45 local; a wall time the
//! spring change skips (02:30) runs at the first instant after the gap; a wall time the autumn
//! change repeats runs once, at its first occurrence.

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Timelike, Utc};
use chrono_tz::America::New_York;
use croner::Cron;
use serde::{Deserialize, Serialize};
use std::str::FromStr;
use ts_rs::TS;
use wheelwright_pricing::calendar::{self, Underlying};

/// How often.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Cadence {
    /// Every `minutes` (1 to 1440), counted from New York midnight.
    Every { minutes: u32 },
    /// A five-field cron pattern (minute hour day-of-month month day-of-week) in New York time.
    Cron { pattern: String },
}

/// When runs are allowed at all.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Window {
    #[default]
    Always,
    /// Only on days the exchange trades (not weekends or holidays), at any hour.
    SessionDays,
    /// Only while a regular session is open, from the opening bell to the close inclusive.
    MarketHours,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Schedule {
    pub cadence: Cadence,
    #[serde(default)]
    pub window: Window,
}

/// What is wrong with a schedule, for the field that holds it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScheduleError(pub String);

impl Schedule {
    pub fn every(minutes: u32, window: Window) -> Schedule {
        Schedule { cadence: Cadence::Every { minutes }, window }
    }

    pub fn cron(pattern: &str, window: Window) -> Schedule {
        Schedule { cadence: Cadence::Cron { pattern: pattern.to_string() }, window }
    }

    /// Checks the schedule can produce runs.
    pub fn validate(&self) -> Result<(), ScheduleError> {
        match &self.cadence {
            Cadence::Every { minutes } if !(1..=1440).contains(minutes) => {
                Err(ScheduleError(format!("every {minutes} minutes: use 1 to 1440 minutes")))
            }
            Cadence::Every { .. } => Ok(()),
            Cadence::Cron { pattern } => parse_cron(pattern).map(|_| ()),
        }
    }

    /// The first run strictly after `after`; `None` if the schedule never runs again (a cron
    /// pattern for 30 February) or is invalid.
    pub fn next_after(&self, after: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let cron = match &self.cadence {
            Cadence::Cron { pattern } => Some(parse_cron(pattern).ok()?),
            Cadence::Every { .. } => None,
        };
        let mut from = after;
        // Each pass either accepts a candidate or jumps to the next window opening: bounded by
        // the sessions in a few weeks even for a pattern that rarely meets its window.
        for _ in 0..2000 {
            let candidate = match (&self.cadence, &cron) {
                (Cadence::Every { minutes }, _) => next_aligned(*minutes, from)?,
                (_, Some(cron)) => next_cron(cron, from)?,
                _ => return None,
            };
            match self.window_from(candidate) {
                None => return Some(candidate),
                Some(reopen) => from = reopen - Duration::seconds(1),
            }
        }
        None
    }

    /// `None` if `at` is inside the window, else the instant the window next opens.
    fn window_from(&self, at: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let day = calendar::new_york_date(at);
        match self.window {
            Window::Always => None,
            Window::SessionDays => {
                if calendar::is_session(day).unwrap_or(false) {
                    None
                } else {
                    Some(next_session_start(day))
                }
            }
            Window::MarketHours => match (calendar::open(day), calendar::close(day, Underlying::Equity)) {
                (Ok(Some(open)), Ok(Some(_))) if at < open => Some(open),
                (Ok(Some(_)), Ok(Some(close))) if at <= close => None,
                _ => {
                    Some(calendar::next_session(day).ok().and_then(|d| calendar::open(d).ok().flatten()).unwrap_or(at + Duration::days(1)))
                }
            },
        }
    }

    /// True when a run scheduled for `at` may still happen at `now` (the catch-up rule): a
    /// market-hours run only while that same session is open; others within `grace`.
    pub fn still_relevant(&self, at: DateTime<Utc>, now: DateTime<Utc>, grace: Duration) -> bool {
        match self.window {
            Window::MarketHours => calendar::new_york_date(at) == calendar::new_york_date(now) && self.window_from(now).is_none(),
            _ => now - at <= grace,
        }
    }
}

fn parse_cron(pattern: &str) -> Result<Cron, ScheduleError> {
    let fields = pattern.split_whitespace().count();
    if fields != 5 {
        return Err(ScheduleError(format!(
            "'{pattern}' has {fields} fields: a cron pattern is minute hour day-of-month month day-of-week, e.g. 45 9 * * 1-5"
        )));
    }
    Cron::from_str(pattern).map_err(|e| ScheduleError(format!("'{pattern}' is not a cron pattern: {e}")))
}

/// Midnight in New York of the session after `day`.
fn next_session_start(day: NaiveDate) -> DateTime<Utc> {
    let next = calendar::next_session(day).unwrap_or(day + Duration::days(1));
    calendar::new_york_instant(next, NaiveTime::MIN)
}

/// The first New York wall time strictly after `after` that is a multiple of `minutes` since
/// local midnight.
fn next_aligned(minutes: u32, after: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let local = after.with_timezone(&New_York);
    let day = local.date_naive();
    let since_midnight = local.time().num_seconds_from_midnight() as i64;
    let step = minutes as i64 * 60;
    let mut slot = (since_midnight / step + 1) * step;
    loop {
        if slot >= 86_400 {
            return Some(calendar::new_york_instant(day + Duration::days(1), NaiveTime::MIN));
        }
        let time = NaiveTime::from_num_seconds_from_midnight_opt(slot as u32, 0)?;
        let at = calendar::new_york_instant(day, time);
        // Across the autumn change a later slot can map to an instant not after `after`.
        if at > after {
            return Some(at);
        }
        slot += step;
    }
}

/// The next cron match strictly after `after` in New York time; a repeated wall time once.
fn next_cron(cron: &Cron, after: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let mut from = after.with_timezone(&New_York);
    for _ in 0..4 {
        let next = cron.find_next_occurrence(&from, false).ok()?;
        let wall = next.naive_local();
        // A wall time that also happened an hour earlier (the autumn repeat) has already run.
        let earlier = next.with_timezone(&Utc) - Duration::hours(1);
        if earlier.with_timezone(&New_York).naive_local() == wall && earlier <= after {
            from = next;
            continue;
        }
        return Some(next.with_timezone(&Utc));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn ny(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        calendar::new_york_instant(NaiveDate::from_ymd_opt(y, m, d).unwrap(), NaiveTime::from_hms_opt(h, min, 0).unwrap())
    }

    fn runs(schedule: &Schedule, from: DateTime<Utc>, count: usize) -> Vec<DateTime<Utc>> {
        let mut out = Vec::new();
        let mut at = from;
        while out.len() < count {
            at = schedule.next_after(at).expect("a next run");
            out.push(at);
        }
        out
    }

    #[test]
    fn intervals_count_from_new_york_midnight() {
        let every15 = Schedule::every(15, Window::Always);
        assert_eq!(runs(&every15, ny(2026, 11, 23, 10, 7), 2), vec![ny(2026, 11, 23, 10, 15), ny(2026, 11, 23, 10, 30)]);
        assert_eq!(every15.next_after(ny(2026, 11, 23, 10, 15)), Some(ny(2026, 11, 23, 10, 30)), "strictly after");
        assert_eq!(every15.next_after(ny(2026, 11, 23, 23, 50)), Some(ny(2026, 11, 24, 0, 0)));
        assert!(Schedule::every(0, Window::Always).validate().is_err());
        assert!(Schedule::every(1441, Window::Always).validate().is_err());
    }

    #[test]
    fn market_hours_follow_the_calendar_with_holidays_and_early_closes() {
        let every5 = Schedule::every(5, Window::MarketHours);
        // Before Monday's open: the first run is the opening bell.
        assert_eq!(every5.next_after(ny(2026, 11, 23, 8, 0)), Some(ny(2026, 11, 23, 9, 30)));
        // The close is included, then nothing until the next open.
        assert_eq!(
            runs(&every5, ny(2026, 11, 23, 15, 52), 3),
            vec![ny(2026, 11, 23, 15, 55), ny(2026, 11, 23, 16, 0), ny(2026, 11, 24, 9, 30)]
        );
        // Wednesday's close → Thanksgiving is closed → Black Friday opens 09:30 and closes 13:00.
        assert_eq!(every5.next_after(ny(2026, 11, 25, 16, 0)), Some(ny(2026, 11, 27, 9, 30)));
        assert_eq!(every5.next_after(ny(2026, 11, 27, 12, 58)), Some(ny(2026, 11, 27, 13, 0)));
        assert_eq!(every5.next_after(ny(2026, 11, 27, 13, 0)), Some(ny(2026, 11, 30, 9, 30)), "the early close, then the weekend");
    }

    #[test]
    fn cron_patterns_run_in_new_york_time_on_session_days() {
        let snapshot = Schedule::cron("30 16 * * *", Window::SessionDays);
        // Black Friday (early close) still gets its 16:30 snapshot; Thanksgiving and the weekend do not.
        assert_eq!(runs(&snapshot, ny(2026, 11, 25, 17, 0), 2), vec![ny(2026, 11, 27, 16, 30), ny(2026, 11, 30, 16, 30)]);
        let opening = Schedule::cron("45 9 * * 1-5", Window::MarketHours);
        assert_eq!(opening.next_after(ny(2026, 11, 25, 10, 0)), Some(ny(2026, 11, 27, 9, 45)));
        // 16:30 in New York is 21:30 UTC in winter and 20:30 UTC in summer.
        assert_eq!(snapshot.next_after(ny(2026, 7, 1, 12, 0)), Some(Utc.with_ymd_and_hms(2026, 7, 1, 20, 30, 0).unwrap()));
        for bad in ["* * * *", "61 * * * *", "0 9 * * 1-5 2026", "every day"] {
            assert!(Schedule::cron(bad, Window::Always).validate().is_err(), "{bad}");
        }
        assert_eq!(Schedule::cron("0 0 30 2 *", Window::Always).next_after(ny(2026, 1, 1, 0, 0)), None, "30 February never comes");
    }

    #[test]
    fn clock_changes_neither_skip_nor_double_a_run() {
        // 2026-03-08: 02:00 EST jumps to 03:00 EDT. A 02:30 job runs right after the gap.
        let night = Schedule::cron("30 2 * * *", Window::Always);
        let spring = night.next_after(ny(2026, 3, 8, 1, 0)).unwrap();
        assert_eq!(spring, Utc.with_ymd_and_hms(2026, 3, 8, 7, 0, 0).unwrap(), "03:00 EDT, the first instant after the gap");
        assert_eq!(night.next_after(spring), Some(ny(2026, 3, 9, 2, 30)));
        // 2026-11-01: 02:00 EDT falls back to 01:00 EST. A 01:30 job runs once.
        let early = Schedule::cron("30 1 * * *", Window::Always);
        let first = early.next_after(ny(2026, 10, 31, 12, 0)).unwrap();
        assert_eq!(first, Utc.with_ymd_and_hms(2026, 11, 1, 5, 30, 0).unwrap(), "01:30 EDT");
        assert_eq!(early.next_after(first), Some(ny(2026, 11, 2, 1, 30)), "not again at 01:30 EST");
        // An interval keeps its wall-clock slots through the repeated hour, without a burst.
        let every30 = Schedule::every(30, Window::Always);
        let slots = runs(&every30, Utc.with_ymd_and_hms(2026, 11, 1, 4, 45, 0).unwrap(), 4);
        let gaps: Vec<i64> = slots.windows(2).map(|w| (w[1] - w[0]).num_minutes()).collect();
        assert!(gaps.iter().all(|g| *g > 0 && *g <= 90), "{slots:?}");
    }

    #[test]
    fn a_missed_run_is_relevant_only_while_it_still_makes_sense() {
        let every5 = Schedule::every(5, Window::MarketHours);
        let missed = ny(2026, 11, 23, 15, 55);
        assert!(every5.still_relevant(missed, ny(2026, 11, 23, 15, 58), Duration::hours(12)));
        assert!(!every5.still_relevant(missed, ny(2026, 11, 24, 9, 35), Duration::hours(12)), "yesterday's refresh is not caught up");
        let daily = Schedule::cron("0 9 * * *", Window::Always);
        assert!(daily.still_relevant(ny(2026, 11, 23, 9, 0), ny(2026, 11, 23, 20, 0), Duration::hours(12)));
        assert!(!daily.still_relevant(ny(2026, 11, 23, 9, 0), ny(2026, 11, 24, 8, 0), Duration::hours(12)));
    }
}
