//! The NYSE trading calendar: which days trade, which close early, when the closing bell rings
//! in New York time (DST-correct), and how much of a year is left until an option's close. Rules
//! cover the regular holidays with their observance; one-off closures are a table of data.
//!
//! Supported years: 2001–2099. The rules match the exchange's published holiday lists (checked
//! against 2022–2027); one-off closures since 2001 are in [`AD_HOC_CLOSURES`] and future ones must
//! be added there when the exchange announces them.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, TimeZone, Utc, Weekday};
use chrono_tz::America::New_York;
use std::fmt;

pub const FIRST_YEAR: i32 = 2001;
pub const LAST_YEAR: i32 = 2099;

/// Days the exchange closed for events outside the holiday rules.
pub const AD_HOC_CLOSURES: [(i32, u32, u32, &str); 10] = [
    (2001, 9, 11, "September 11 attacks"),
    (2001, 9, 12, "September 11 attacks"),
    (2001, 9, 13, "September 11 attacks"),
    (2001, 9, 14, "September 11 attacks"),
    (2004, 6, 11, "National day of mourning for President Reagan"),
    (2007, 1, 2, "National day of mourning for President Ford"),
    (2012, 10, 29, "Hurricane Sandy"),
    (2012, 10, 30, "Hurricane Sandy"),
    (2018, 12, 5, "National day of mourning for President George H. W. Bush"),
    (2025, 1, 9, "National day of mourning for President Carter"),
];

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0} is outside the supported calendar years {FIRST_YEAR}–{LAST_YEAR}")]
pub struct OutOfRange(pub NaiveDate);

/// What kind of day a date is for the exchange.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Day {
    Weekend,
    /// Closed all day on a weekday (observed holiday or one-off closure).
    Holiday(&'static str),
    /// Trades, closing at 13:00.
    EarlyClose(&'static str),
    Full,
}

impl Day {
    pub fn trades(self) -> bool {
        matches!(self, Day::Full | Day::EarlyClose(_))
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Day::Weekend => f.write_str("weekend"),
            Day::Holiday(name) => write!(f, "closed: {name}"),
            Day::EarlyClose(name) => write!(f, "early close: {name}"),
            Day::Full => f.write_str("full session"),
        }
    }
}

fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).expect("valid calendar date")
}

/// The `n`th (1-based) `weekday` of a month.
fn nth_weekday(year: i32, month: u32, weekday: Weekday, n: u8) -> NaiveDate {
    NaiveDate::from_weekday_of_month_opt(year, month, weekday, n).expect("every month has four of each weekday")
}

fn last_weekday(year: i32, month: u32, weekday: Weekday) -> NaiveDate {
    NaiveDate::from_weekday_of_month_opt(year, month, weekday, 5).unwrap_or_else(|| nth_weekday(year, month, weekday, 4))
}

/// Easter Sunday (Gregorian), by the anonymous Gregorian algorithm (Meeus/Jones/Butcher).
fn easter(year: i32) -> NaiveDate {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    date(year, month as u32, day as u32)
}

/// A fixed-date holiday moved off the weekend: Saturday → Friday, Sunday → Monday.
fn observed(day: NaiveDate) -> NaiveDate {
    match day.weekday() {
        Weekday::Sat => day - Duration::days(1),
        Weekday::Sun => day + Duration::days(1),
        _ => day,
    }
}

/// The observed holidays of a year (weekdays only), with their names.
pub fn holidays(year: i32) -> Vec<(NaiveDate, &'static str)> {
    let mut days = Vec::with_capacity(10);
    // New Year's Day on a Saturday is not observed on the Friday before (NYSE rule 7.2).
    let new_year = date(year, 1, 1);
    if new_year.weekday() != Weekday::Sat {
        days.push((observed(new_year), "New Year's Day"));
    }
    days.push((nth_weekday(year, 1, Weekday::Mon, 3), "Martin Luther King Jr. Day"));
    days.push((nth_weekday(year, 2, Weekday::Mon, 3), "Washington's Birthday"));
    days.push((easter(year) - Duration::days(2), "Good Friday"));
    days.push((last_weekday(year, 5, Weekday::Mon), "Memorial Day"));
    if year >= 2022 {
        days.push((observed(date(year, 6, 19)), "Juneteenth"));
    }
    days.push((observed(date(year, 7, 4)), "Independence Day"));
    days.push((nth_weekday(year, 9, Weekday::Mon, 1), "Labor Day"));
    days.push((nth_weekday(year, 11, Weekday::Thu, 4), "Thanksgiving Day"));
    days.push((observed(date(year, 12, 25)), "Christmas Day"));
    days.sort();
    days
}

fn holiday_name(day: NaiveDate) -> Option<&'static str> {
    // A holiday observed in the next year (New Year's Day on a Sunday) stays within its year, so
    // only this year's list matters.
    if let Some((_, name)) = holidays(day.year()).into_iter().find(|(d, _)| *d == day) {
        return Some(name);
    }
    AD_HOC_CLOSURES.iter().find(|(y, m, d, _)| date(*y, *m, *d) == day).map(|(.., name)| *name)
}

/// Early closes: July 3, the day after Thanksgiving and December 24, when each is a weekday and
/// not itself a holiday.
fn early_close_name(day: NaiveDate) -> Option<&'static str> {
    let year = day.year();
    let candidates = [
        (date(year, 7, 3), "Independence Day eve"),
        (nth_weekday(year, 11, Weekday::Thu, 4) + Duration::days(1), "Day after Thanksgiving"),
        (date(year, 12, 24), "Christmas Eve"),
    ];
    candidates.into_iter().find(|(d, _)| *d == day).map(|(_, name)| name)
}

fn check(day: NaiveDate) -> Result<(), OutOfRange> {
    if (FIRST_YEAR..=LAST_YEAR).contains(&day.year()) {
        Ok(())
    } else {
        Err(OutOfRange(day))
    }
}

/// What the exchange does on `day`.
pub fn day(day: NaiveDate) -> Result<Day, OutOfRange> {
    check(day)?;
    if matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
        return Ok(Day::Weekend);
    }
    if let Some(name) = holiday_name(day) {
        return Ok(Day::Holiday(name));
    }
    Ok(early_close_name(day).map_or(Day::Full, Day::EarlyClose))
}

pub fn is_session(d: NaiveDate) -> Result<bool, OutOfRange> {
    Ok(day(d)?.trades())
}

/// The last session on or before `d`: an expiry that falls on a holiday moves to it (a monthly
/// expiry on Good Friday trades out on the Thursday).
pub fn session_on_or_before(mut d: NaiveDate) -> Result<NaiveDate, OutOfRange> {
    while !is_session(d)? {
        d -= Duration::days(1);
    }
    Ok(d)
}

pub fn next_session(mut d: NaiveDate) -> Result<NaiveDate, OutOfRange> {
    loop {
        d += Duration::days(1);
        if is_session(d)? {
            return Ok(d);
        }
    }
}

/// The Friday on or after `d` (weekly options expire on it, or on the session before it when it
/// is a holiday: see [`session_on_or_before`]).
pub fn friday_on_or_after(d: NaiveDate) -> NaiveDate {
    d + Duration::days((Weekday::Fri.num_days_from_monday() as i64 - d.weekday().num_days_from_monday() as i64).rem_euclid(7))
}

/// The standard monthly expiration: the third Friday, or the session before it when that Friday
/// is a holiday.
pub fn monthly_expiration(year: i32, month: u32) -> Result<NaiveDate, OutOfRange> {
    session_on_or_before(nth_weekday(year, month, Weekday::Fri, 3))
}

/// A summary of the interval (from, to]: sessions, full-day closures on weekdays, early closes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Span {
    pub sessions: u32,
    pub holidays: Vec<NaiveDate>,
    pub early_closes: Vec<NaiveDate>,
}

pub fn span(from: NaiveDate, to: NaiveDate) -> Result<Span, OutOfRange> {
    let mut result = Span::default();
    let mut d = from;
    while d < to {
        d += Duration::days(1);
        match day(d)? {
            Day::Weekend => {}
            Day::Holiday(_) => result.holidays.push(d),
            Day::EarlyClose(_) => {
                result.sessions += 1;
                result.early_closes.push(d);
            }
            Day::Full => result.sessions += 1,
        }
    }
    Ok(result)
}

/// Equity options stop trading at the closing bell; index options 15 minutes later.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Underlying {
    Equity,
    Index,
}

/// The opening bell of a session (09:30 in New York), as an instant. `None` if `d` does not trade.
pub fn open(d: NaiveDate) -> Result<Option<DateTime<Utc>>, OutOfRange> {
    if !is_session(d)? {
        return Ok(None);
    }
    let local = d.and_time(NaiveTime::from_hms_opt(9, 30, 0).expect("valid time"));
    Ok(Some(New_York.from_local_datetime(&local).single().expect("09:30 is never in a DST change").with_timezone(&Utc)))
}

/// The calendar date in New York at an instant (the exchange's day).
pub fn new_york_date(at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&New_York).date_naive()
}

/// The instant of a New York wall-clock time on a day. A time skipped by the spring change
/// (02:30) is taken an hour later; a time the autumn change repeats, at its first occurrence.
pub fn new_york_instant(day: NaiveDate, time: NaiveTime) -> DateTime<Utc> {
    let local = day.and_time(time);
    New_York
        .from_local_datetime(&local)
        .earliest()
        .or_else(|| New_York.from_local_datetime(&(local + Duration::hours(1))).earliest())
        .expect("an hour after a skipped time exists")
        .with_timezone(&Utc)
}

/// The wall-clock time in New York at an instant (when a fill happened, as the trader saw it).
pub fn new_york_time(at: DateTime<Utc>) -> NaiveTime {
    at.with_timezone(&New_York).time()
}

/// The closing time of a session in New York, as an instant. `None` if `d` does not trade.
pub fn close(d: NaiveDate, underlying: Underlying) -> Result<Option<DateTime<Utc>>, OutOfRange> {
    let (hour, minute) = match (day(d)?, underlying) {
        (Day::Full, Underlying::Equity) => (16, 0),
        (Day::Full, Underlying::Index) => (16, 15),
        (Day::EarlyClose(_), Underlying::Equity) => (13, 0),
        (Day::EarlyClose(_), Underlying::Index) => (13, 15),
        _ => return Ok(None),
    };
    let local = d.and_time(NaiveTime::from_hms_opt(hour, minute, 0).expect("valid time"));
    // Closing times are never inside a DST gap or overlap (those happen at 02:00).
    Ok(Some(New_York.from_local_datetime(&local).single().expect("closing time is unambiguous").with_timezone(&Utc)))
}

pub const MINUTES_PER_YEAR: f64 = 365.0 * 24.0 * 60.0;

/// Time from `now` to the close of the option's last trading day (its expiry, or the session
/// before if the expiry does not trade), in years of 365 days counted in minutes. Zero once
/// past the close.
pub fn years_to_expiry(now: DateTime<Utc>, expiry: NaiveDate, underlying: Underlying) -> Result<f64, OutOfRange> {
    let last = session_on_or_before(expiry)?;
    let close = close(last, underlying)?.expect("a session has a close");
    let minutes = (close - now).num_seconds() as f64 / 60.0;
    Ok((minutes / MINUTES_PER_YEAR).max(0.0))
}
