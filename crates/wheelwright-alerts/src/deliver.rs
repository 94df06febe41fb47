//! Which candidates become alerts, and whether the desktop may be interrupted now.
//!
//! **Cooldown**: a candidate whose dedupe key fired less than its rule's cooldown ago is held
//! back (the engine keeps the last firing per key in SQLite, so a restart does not repeat an
//! alert); the same key twice in one evaluation is one alert.
//!
//! **Quiet hours and pauses** only silence the interrupting channels (native notification,
//! webhook): the alert still goes to the inbox and the tray's unread count. Quiet hours are
//! read on the computer's own clock (the user sleeps in their time zone, not New York's); a
//! window whose start is after its end runs over midnight (22:00–07:00); start = end is empty.

use crate::evaluate::Candidate;
use crate::rule::Rule;
use chrono::{DateTime, Duration, NaiveTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use ts_rs::TS;

/// The candidates not held back by a cooldown, in their order. `last_fired` answers when a
/// dedupe key last fired; a rule missing from `rules` (deleted meanwhile) uses no cooldown.
pub fn admit(
    candidates: Vec<Candidate>,
    rules: &[Rule],
    last_fired: impl Fn(&str) -> Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Vec<Candidate> {
    let mut seen = HashSet::new();
    candidates
        .into_iter()
        .filter(|c| seen.insert(c.dedupe_key.clone()))
        .filter(|c| {
            let cooldown = rules.iter().find(|r| r.id == c.rule_id).map_or(0, |r| r.cooldown_minutes);
            last_fired(&c.dedupe_key).is_none_or(|at| now - at >= Duration::minutes(i64::from(cooldown)))
        })
        .collect()
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct QuietHours {
    /// Local time of day, "22:00".
    #[ts(type = "string")]
    pub start: NaiveTime,
    #[ts(type = "string")]
    pub end: NaiveTime,
}

impl QuietHours {
    /// Whether a local time of day falls inside: start included, end excluded.
    pub fn contains(&self, at: NaiveTime) -> bool {
        if self.start <= self.end {
            self.start <= at && at < self.end
        } else {
            at >= self.start || at < self.end
        }
    }
}

/// How alerts may interrupt: quiet hours and a pause, both optional.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(rename = "AlertDelivery")]
pub struct Delivery {
    #[ts(optional)]
    pub quiet_hours: Option<QuietHours>,
    /// Interrupting channels stay silent until then.
    #[ts(optional)]
    pub paused_until: Option<DateTime<Utc>>,
}

/// Why the interrupting channels are silent now.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum Silence {
    Paused { until: DateTime<Utc> },
    QuietHours,
}

impl Delivery {
    /// `None` when alerts may interrupt now; `local` is the computer's time of day at `now`.
    pub fn silence(&self, now: DateTime<Utc>, local: NaiveTime) -> Option<Silence> {
        if let Some(until) = self.paused_until.filter(|until| now < *until) {
            return Some(Silence::Paused { until });
        }
        self.quiet_hours.filter(|q| q.contains(local)).map(|_| Silence::QuietHours)
    }
}
