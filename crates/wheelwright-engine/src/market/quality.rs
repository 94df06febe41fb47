//! Data-quality checks that need the exchange calendar, applied to every provider's answers
//! before anyone uses them: a quote older than the market's last update is flagged stale (a
//! halted or delisted symbol, a provider serving yesterday's cache), and a daily history with
//! sessions missing names them. Flags are added, numbers are never changed.
//!
//! "The market's last update" is now while a session is running, else the last closing bell.
//! A quote may trail it by [`STALE_AFTER`]: delayed feeds (Tradier's sandbox) run 15 minutes
//! behind.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use wheelwright_domain::market::{Bar, DataFlag, OptionChain, Quote};
use wheelwright_pricing::calendar::{self, Underlying};

pub const STALE_AFTER: Duration = Duration::minutes(20);

/// The last instant the market published prices at `now`: now during a session, otherwise the
/// last close before now.
pub fn last_update(now: DateTime<Utc>) -> DateTime<Utc> {
    let mut day = calendar::new_york_date(now);
    for _ in 0..14 {
        if let (Ok(Some(open)), Ok(Some(close))) = (calendar::open(day), calendar::close(day, Underlying::Equity)) {
            if open <= now && now < close {
                return now;
            }
            if close <= now {
                return close;
            }
        }
        day -= Duration::days(1);
    }
    // Outside the calendar's years: nothing to compare with.
    now
}

fn stale(time: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    time < last_update(now) - STALE_AFTER
}

fn add(flags: &mut Vec<DataFlag>, flag: DataFlag) {
    if !flags.contains(&flag) {
        flags.push(flag);
    }
}

pub fn check_quote(quote: &mut Quote, now: DateTime<Utc>) {
    if stale(quote.time, now) {
        add(&mut quote.flags, DataFlag::Stale);
    }
}

/// A chain whose quotes are stale has every contract flagged, and its underlying checked on its
/// own time.
pub fn check_chain(chain: &mut OptionChain, now: DateTime<Utc>) {
    check_quote(&mut chain.underlying, now);
    if stale(chain.time, now) {
        for contract in &mut chain.contracts {
            add(&mut contract.flags, DataFlag::Stale);
        }
    }
}

/// The sessions from `from` to `to` that have closed by `now` and have no daily bar.
pub fn missing_sessions(bars: &[Bar], from: NaiveDate, to: NaiveDate, now: DateTime<Utc>) -> Vec<NaiveDate> {
    let have: std::collections::HashSet<NaiveDate> = bars.iter().map(|b| calendar::new_york_date(b.time)).collect();
    let mut missing = Vec::new();
    let mut day = from;
    while day <= to {
        if let Ok(Some(close)) = calendar::close(day, Underlying::Equity) {
            if close <= now && !have.contains(&day) {
                missing.push(day);
            }
        }
        day += Duration::days(1);
    }
    missing
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use wheelwright_domain::Symbol;

    fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
    }

    #[test]
    fn the_last_update_is_now_in_a_session_and_the_last_bell_outside_one() {
        // Friday 20 Nov 2026, 11:00 in New York (16:00 UTC): a session is running.
        assert_eq!(last_update(utc(2026, 11, 20, 16, 0)), utc(2026, 11, 20, 16, 0));
        // Sunday: Friday's 16:00 close (21:00 UTC).
        assert_eq!(last_update(utc(2026, 11, 22, 15, 0)), utc(2026, 11, 20, 21, 0));
        // Monday 08:00 before the open: still Friday's close.
        assert_eq!(last_update(utc(2026, 11, 23, 13, 0)), utc(2026, 11, 20, 21, 0));
        // Black Friday 27 Nov 2026 closes at 13:00 (18:00 UTC); Thanksgiving has no session.
        assert_eq!(last_update(utc(2026, 11, 27, 20, 0)), utc(2026, 11, 27, 18, 0));
        assert_eq!(last_update(utc(2026, 11, 26, 20, 0)), utc(2026, 11, 25, 21, 0));
    }

    fn quote(time: DateTime<Utc>) -> Quote {
        Quote {
            symbol: Symbol::parse("KO").unwrap(),
            time,
            last: Some(60.0),
            bid: Some(59.9),
            ask: Some(60.1),
            previous_close: None,
            volume: None,
            name: None,
            sector: None,
            dividend: None,
            next_earnings: None,
            flags: Vec::new(),
        }
    }

    #[test]
    fn a_quote_is_stale_only_beyond_the_allowance_after_the_last_update() {
        let sunday = utc(2026, 11, 22, 15, 0);
        let mut fresh = quote(utc(2026, 11, 20, 20, 59));
        check_quote(&mut fresh, sunday);
        assert!(fresh.flags.is_empty(), "Friday's last minute is as fresh as it gets on a Sunday");
        let mut delayed = quote(utc(2026, 11, 20, 20, 41));
        check_quote(&mut delayed, sunday);
        assert!(delayed.flags.is_empty(), "19 minutes behind the close is within the allowance");
        let mut old = quote(utc(2026, 11, 20, 20, 39));
        check_quote(&mut old, sunday);
        check_quote(&mut old, sunday);
        assert_eq!(old.flags, vec![DataFlag::Stale], "21 minutes behind, flagged once");
        // In a session, a quote from the previous day is stale.
        let mut yesterday = quote(utc(2026, 11, 19, 20, 59));
        check_quote(&mut yesterday, utc(2026, 11, 20, 16, 0));
        assert_eq!(yesterday.flags, vec![DataFlag::Stale]);
    }

    #[test]
    fn history_gaps_are_the_closed_sessions_without_a_bar() {
        let bar = |day: u32| Bar {
            time: calendar::close(NaiveDate::from_ymd_opt(2026, 11, day).unwrap(), Underlying::Equity).unwrap().unwrap(),
            open: 1.0,
            high: 1.0,
            low: 1.0,
            close: 1.0,
            volume: 0,
        };
        let bars = [bar(16), bar(17), bar(19), bar(20)];
        let from = NaiveDate::from_ymd_opt(2026, 11, 14).unwrap();
        let to = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
        // Monday 23rd at noon: the 23rd has not closed, the 24th is ahead; weekends are no gaps.
        let missing = missing_sessions(&bars, from, to, utc(2026, 11, 23, 17, 0));
        assert_eq!(missing, vec![NaiveDate::from_ymd_opt(2026, 11, 18).unwrap()]);
    }
}
