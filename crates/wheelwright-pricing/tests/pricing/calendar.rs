//! The NYSE calendar against the exchange's published holiday and early-close lists, 2022–2027.

use chrono::{NaiveDate, TimeZone, Utc};
use wheelwright_pricing::calendar::{self, close, day, monthly_expiration, span, years_to_expiry, Day, Underlying};

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn closed_weekdays(year: i32) -> Vec<String> {
    span(d(&format!("{}-12-31", year - 1)), d(&format!("{year}-12-31"))).unwrap().holidays.iter().map(|x| x.to_string()).collect()
}

fn early_closes(year: i32) -> Vec<String> {
    span(d(&format!("{}-12-31", year - 1)), d(&format!("{year}-12-31"))).unwrap().early_closes.iter().map(|x| x.to_string()).collect()
}

#[test]
fn published_holidays_2022_to_2027() {
    let published: [(i32, &[&str]); 6] = [
        (
            2022,
            &["2022-01-17", "2022-02-21", "2022-04-15", "2022-05-30", "2022-06-20", "2022-07-04", "2022-09-05", "2022-11-24", "2022-12-26"],
        ),
        (
            2023,
            &[
                "2023-01-02",
                "2023-01-16",
                "2023-02-20",
                "2023-04-07",
                "2023-05-29",
                "2023-06-19",
                "2023-07-04",
                "2023-09-04",
                "2023-11-23",
                "2023-12-25",
            ],
        ),
        (
            2024,
            &[
                "2024-01-01",
                "2024-01-15",
                "2024-02-19",
                "2024-03-29",
                "2024-05-27",
                "2024-06-19",
                "2024-07-04",
                "2024-09-02",
                "2024-11-28",
                "2024-12-25",
            ],
        ),
        (
            2025,
            &[
                "2025-01-01",
                "2025-01-09",
                "2025-01-20",
                "2025-02-17",
                "2025-04-18",
                "2025-05-26",
                "2025-06-19",
                "2025-07-04",
                "2025-09-01",
                "2025-11-27",
                "2025-12-25",
            ],
        ),
        (
            2026,
            &[
                "2026-01-01",
                "2026-01-19",
                "2026-02-16",
                "2026-04-03",
                "2026-05-25",
                "2026-06-19",
                "2026-07-03",
                "2026-09-07",
                "2026-11-26",
                "2026-12-25",
            ],
        ),
        (
            2027,
            &[
                "2027-01-01",
                "2027-01-18",
                "2027-02-15",
                "2027-03-26",
                "2027-05-31",
                "2027-06-18",
                "2027-07-05",
                "2027-09-06",
                "2027-11-25",
                "2027-12-24",
            ],
        ),
    ];
    for (year, days) in published {
        assert_eq!(closed_weekdays(year), days.to_vec(), "{year}");
    }
}

#[test]
fn published_early_closes_2022_to_2027() {
    assert_eq!(early_closes(2022), ["2022-11-25"]);
    assert_eq!(early_closes(2023), ["2023-07-03", "2023-11-24"]);
    assert_eq!(early_closes(2024), ["2024-07-03", "2024-11-29", "2024-12-24"]);
    assert_eq!(early_closes(2025), ["2025-07-03", "2025-11-28", "2025-12-24"]);
    // 2026-07-03 is the observed Independence Day, and July 2 is a full day.
    assert_eq!(early_closes(2026), ["2026-11-27", "2026-12-24"]);
    assert_eq!(day(d("2026-07-02")).unwrap(), Day::Full);
    assert_eq!(early_closes(2027), ["2027-11-26"]);
}

#[test]
fn new_years_day_on_a_saturday_is_not_observed() {
    // 2022-01-01 and 2028-01-01 are Saturdays: the Fridays before trade normally.
    assert_eq!(day(d("2021-12-31")).unwrap(), Day::Full);
    assert_eq!(day(d("2027-12-31")).unwrap(), Day::Full);
    // Sunday → Monday: 2023-01-02.
    assert!(matches!(day(d("2023-01-02")).unwrap(), Day::Holiday("New Year's Day")));
}

#[test]
fn sessions_plus_holidays_are_the_weekdays() {
    let s = span(d("2025-12-31"), d("2026-12-31")).unwrap();
    assert_eq!(s.sessions, 251);
    assert_eq!(s.sessions as usize + s.holidays.len(), 261);
}

#[test]
fn a_good_friday_expiry_moves_to_thursday() {
    assert_eq!(monthly_expiration(2022, 4).unwrap(), d("2022-04-14"));
    assert_eq!(monthly_expiration(2025, 4).unwrap(), d("2025-04-17"));
    assert_eq!(monthly_expiration(2026, 4).unwrap(), d("2026-04-17"));
    assert_eq!(calendar::next_session(d("2026-07-02")).unwrap(), d("2026-07-06"));
}

#[test]
fn the_close_is_in_new_york_time_across_dst() {
    // 16:00 EST is 21:00 UTC; 16:00 EDT is 20:00 UTC; early closes at 13:00; index options +15 min.
    assert_eq!(close(d("2026-03-06"), Underlying::Equity).unwrap().unwrap(), Utc.with_ymd_and_hms(2026, 3, 6, 21, 0, 0).unwrap());
    assert_eq!(close(d("2026-03-13"), Underlying::Equity).unwrap().unwrap(), Utc.with_ymd_and_hms(2026, 3, 13, 20, 0, 0).unwrap());
    assert_eq!(close(d("2026-11-27"), Underlying::Equity).unwrap().unwrap(), Utc.with_ymd_and_hms(2026, 11, 27, 18, 0, 0).unwrap());
    assert_eq!(close(d("2026-11-27"), Underlying::Index).unwrap().unwrap(), Utc.with_ymd_and_hms(2026, 11, 27, 18, 15, 0).unwrap());
    assert_eq!(close(d("2026-11-26"), Underlying::Equity).unwrap(), None);
}

#[test]
fn time_to_expiry_counts_minutes_to_the_close() {
    // From Friday 10:00 EST to the next Friday's 16:00 EDT (DST began on Sunday, 2026-03-08):
    // 7 days + 5 hours = 10,380 minutes.
    let now = Utc.with_ymd_and_hms(2026, 3, 6, 15, 0, 0).unwrap();
    let t = years_to_expiry(now, d("2026-03-13"), Underlying::Equity).unwrap();
    assert!((t - 10_380.0 / calendar::MINUTES_PER_YEAR).abs() < 1e-15);
    // 0DTE, 30 minutes before the bell.
    let late = Utc.with_ymd_and_hms(2026, 3, 13, 19, 30, 0).unwrap();
    assert!((years_to_expiry(late, d("2026-03-13"), Underlying::Equity).unwrap() - 30.0 / calendar::MINUTES_PER_YEAR).abs() < 1e-15);
    // After the close: expired.
    assert_eq!(years_to_expiry(late + chrono::Duration::hours(1), d("2026-03-13"), Underlying::Equity).unwrap(), 0.0);
}

#[test]
fn dates_outside_the_supported_years_are_refused() {
    assert!(day(d("1999-12-31")).is_err());
    assert!(day(d("2100-01-04")).is_err());
}
