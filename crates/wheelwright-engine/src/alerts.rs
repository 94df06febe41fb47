//! Alerts in the engine: the rules kept in SQLite (the standing ones seeded from the documented
//! defaults of `wheelwright-alerts`), the gathering of observations (quotes, the position
//! monitor, the book's limits, the broker login, the job history, the latest scan), the inbox,
//! and the interrupting channels (the host's [`Notifier`] and the [webhook](crate::webhook))
//! behind quiet hours and a pause.
//!
//! A check admits and stores its alerts in one write transaction with the firing marks of their
//! dedupe keys, so a restart does not repeat an alert inside its cooldown and two processes
//! checking at once (the app and `wheelwright run-scheduler`) raise a condition once. Desktop
//! notifications go out after the commit: one per alert, at most [`NOTIFY_AT_ONCE`], then one
//! that counts the rest.

use crate::error::{EngineError, Result};
use crate::ports::{LedgerEvent, Notifier};
use crate::risk::option_label;
use crate::Engine;
use chrono::{DateTime, Duration, Local, NaiveTime, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use std::collections::{BTreeSet, HashMap};
use ts_rs::TS;
use wheelwright_alerts::{
    admit, evaluate, Candidate, Delivery, JobHealth, LimitBreach, Link, LoginHealth, Observations, Opportunity, PositionWatch, PriceWatch,
    QuietHours, Rule, RuleError, RuleInput, RuleKind, Severity, Silence, Source,
};
use wheelwright_domain::{ErrorCode, Symbol, WheelState};
use wheelwright_pricing::calendar::new_york_date;
use wheelwright_strategy::candidate::Candidate as ScanCandidate;
use wheelwright_strategy::monitor::RiskLevel;

/// The settings key of quiet hours and the pause (JSON [`Delivery`]).
const DELIVERY_KEY: &str = "alerts.delivery";
/// Alerts notified one by one in a check; more are summed up in one notification.
pub const NOTIFY_AT_ONCE: usize = 3;
/// The opening scan's results count as opportunities for this long.
const SCAN_FRESH_HOURS: i64 = 12;
pub const MAX_INBOX: u32 = 1000;
/// Failed runs older than this do not count toward a failing-job alert.
const JOB_FAILURES_WITHIN_DAYS: i64 = 7;

/// One alert in the inbox.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct Alert {
    pub id: i64,
    pub rule_id: Option<i64>,
    pub kind: RuleKind,
    pub severity: Severity,
    pub title: String,
    pub body: String,
    pub link: Link,
    pub portfolio: Option<String>,
    pub symbol: Option<String>,
    #[ts(type = "string")]
    pub created_at: DateTime<Utc>,
    pub read: bool,
    pub dismissed: bool,
    /// What the interrupting channels did: "notified", "quiet_hours", "paused", "failed: …".
    pub delivery: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct Inbox {
    pub alerts: Vec<Alert>,
    /// Unread and not dismissed, over the whole inbox (not only the alerts listed).
    pub unread: u32,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, TS)]
pub struct InboxQuery {
    #[serde(default)]
    pub unread_only: bool,
    #[serde(default)]
    pub include_dismissed: bool,
    /// At most this many, newest first (default 200, at most 1,000).
    #[serde(default)]
    #[ts(optional)]
    pub limit: Option<u32>,
}

/// What one check found.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct AlertCheck {
    pub rules_checked: u32,
    pub raised: Vec<Alert>,
    /// Candidates held back because their condition fired within its cooldown.
    pub held_back: u32,
    /// Why the desktop was not interrupted, when it was not.
    #[ts(optional)]
    pub silence: Option<Silence>,
    /// What could not be observed (a portfolio without prices), so a quiet check is not
    /// mistaken for an all-clear, and a webhook delivery that failed.
    pub notes: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum AlertPause {
    OneHour,
    /// Until midnight on the computer's clock.
    UntilTomorrow,
    Resume,
}

#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct DeliveryStatus {
    pub delivery: Delivery,
    /// Whether, and why, the desktop is silent right now.
    #[ts(optional)]
    pub silence: Option<Silence>,
}

fn stamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Millis, true)
}

fn corrupt(what: &str, e: impl std::fmt::Display) -> EngineError {
    EngineError::new(ErrorCode::DatabaseCorrupt, format!("{what} is unreadable: {e}"))
}

fn rule_error(e: RuleError) -> EngineError {
    EngineError::field(ErrorCode::InvalidInput, e.field, e.message)
}

type RuleRow = (i64, String, Option<String>, Option<f64>, bool, i64);

fn rule_of((id, kind, symbol, threshold, enabled, cooldown): RuleRow) -> Result<Rule> {
    Ok(Rule {
        id,
        kind: RuleKind::parse(&kind).map_err(|e| corrupt("an alert rule's kind", e.message))?,
        symbol,
        threshold,
        enabled,
        cooldown_minutes: u32::try_from(cooldown).map_err(|e| corrupt("an alert rule's cooldown", e))?,
    })
}

type AlertRow = (i64, Option<i64>, String, String, String, String, String, Option<String>, Option<String>, String, bool, bool, String);

const ALERT_COLUMNS: &str = "id, rule_id, kind, severity, title, body, link, portfolio, symbol, created_at,
     read_at IS NOT NULL, dismissed_at IS NOT NULL, delivery";

fn alert_of(row: AlertRow) -> Result<Alert> {
    let (id, rule_id, kind, severity, title, body, link, portfolio, symbol, created_at, read, dismissed, delivery) = row;
    Ok(Alert {
        id,
        rule_id,
        kind: RuleKind::parse(&kind).map_err(|e| corrupt("an alert's kind", e.message))?,
        severity: Severity::parse(&severity).ok_or_else(|| corrupt("an alert's severity", &severity))?,
        title,
        body,
        link: serde_json::from_str(&link).map_err(|e| corrupt("an alert's link", e))?,
        portfolio,
        symbol,
        created_at: DateTime::parse_from_rfc3339(&created_at).map_err(|e| corrupt("an alert's time", e))?.with_timezone(&Utc),
        read,
        dismissed,
        delivery,
    })
}

async fn rule_by_id(conn: &mut SqliteConnection, id: i64) -> Result<Rule> {
    let row: Option<RuleRow> =
        sqlx::query_as("SELECT id, kind, symbol, threshold, enabled, cooldown_minutes FROM alert_rules WHERE id = ?")
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
    rule_of(row.ok_or_else(|| {
        EngineError::field(ErrorCode::NotFound, "id", format!("there is no alert rule {id}: see `wheelwright alerts rules`"))
    })?)
}

async fn unread(conn: &mut SqliteConnection) -> Result<u32> {
    let n: i64 =
        sqlx::query_scalar("SELECT count(*) FROM alerts WHERE read_at IS NULL AND dismissed_at IS NULL").fetch_one(&mut *conn).await?;
    Ok(n as u32)
}

/// Failed runs per job since its last success, newest runs first.
fn job_health(runs: Vec<(String, String, Option<String>)>) -> Vec<JobHealth> {
    let mut health: Vec<JobHealth> = Vec::new();
    let mut settled = BTreeSet::new();
    for (job, status, message) in runs {
        if settled.contains(&job) {
            continue;
        }
        if status == "succeeded" {
            settled.insert(job);
            continue;
        }
        match health.iter_mut().find(|h| h.job == job) {
            Some(h) => h.failures_in_a_row += 1,
            None => health.push(JobHealth { job, failures_in_a_row: 1, last_error: message }),
        }
    }
    health
}

impl Engine {
    /// Creates the standing rule of every kind that has none yet (a new kind in a new version
    /// joins with its default); never touches a rule the user tuned.
    pub(crate) async fn seed_alert_rules(&self) -> Result<()> {
        let mut tx = self.store().write().await?;
        for kind in RuleKind::ALL.into_iter().filter(|k| k.standing()) {
            let rule = Rule::standing_default(kind);
            sqlx::query(
                "INSERT INTO alert_rules (kind, symbol, threshold, enabled, cooldown_minutes, updated_at)
                 SELECT ?1, NULL, ?2, ?3, ?4, ?5 WHERE NOT EXISTS (SELECT 1 FROM alert_rules WHERE kind = ?1 AND symbol IS NULL)",
            )
            .bind(kind.as_str())
            .bind(rule.threshold)
            .bind(rule.enabled)
            .bind(rule.cooldown_minutes)
            .bind(self.stamp())
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    pub async fn alert_rules(&self) -> Result<Vec<Rule>> {
        let rows: Vec<RuleRow> =
            sqlx::query_as("SELECT id, kind, symbol, threshold, enabled, cooldown_minutes FROM alert_rules ORDER BY id")
                .fetch_all(self.store().pool())
                .await?;
        let mut rules = rows.into_iter().map(rule_of).collect::<Result<Vec<_>>>()?;
        rules.sort_by_key(|r| (RuleKind::ALL.iter().position(|k| *k == r.kind), r.symbol.clone(), r.id));
        Ok(rules)
    }

    /// A new rule: a price level, or a daily move on a named symbol (the other kinds have their
    /// standing rule — tune that one).
    pub async fn add_alert_rule(&self, kind: RuleKind, input: RuleInput) -> Result<Rule> {
        if !kind.takes_symbol() {
            return Err(EngineError::field(
                ErrorCode::AlreadyExists,
                "kind",
                format!("{} has one standing rule: change it with `wheelwright alerts rule set`", kind.as_str()),
            ));
        }
        let symbol = match input.symbol.as_deref() {
            Some(text) if !text.trim().is_empty() => Symbol::parse(text)?.to_string(),
            _ => {
                return Err(EngineError::field(
                    ErrorCode::MissingField,
                    "symbol",
                    format!("a new {} rule names its symbol, e.g. AAPL", kind.as_str()),
                ))
            }
        };
        let base = Rule { symbol: Some(symbol), ..Rule::standing_default(kind) };
        let rule = RuleInput { symbol: None, ..input }.apply(&base).map_err(rule_error)?;
        let mut tx = self.store().write().await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO alert_rules (kind, symbol, threshold, enabled, cooldown_minutes, updated_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(kind.as_str())
        .bind(&rule.symbol)
        .bind(rule.threshold)
        .bind(rule.enabled)
        .bind(rule.cooldown_minutes)
        .bind(self.stamp())
        .fetch_one(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(Rule { id, ..rule })
    }

    pub async fn update_alert_rule(&self, id: i64, input: RuleInput) -> Result<Rule> {
        let mut tx = self.store().write().await?;
        let before = rule_by_id(&mut tx, id).await?;
        if input.symbol.is_some() && input.symbol != before.symbol {
            return Err(EngineError::field(
                ErrorCode::InvalidInput,
                "symbol",
                "a rule keeps its symbol: add a new rule for another symbol",
            ));
        }
        let rule = input.apply(&before).map_err(rule_error)?;
        sqlx::query("UPDATE alert_rules SET threshold = ?, enabled = ?, cooldown_minutes = ?, updated_at = ? WHERE id = ?")
            .bind(rule.threshold)
            .bind(rule.enabled)
            .bind(rule.cooldown_minutes)
            .bind(self.stamp())
            .bind(id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(rule)
    }

    /// Deletes a rule the user added; standing rules are switched off instead.
    pub async fn delete_alert_rule(&self, id: i64) -> Result<()> {
        let mut tx = self.store().write().await?;
        let rule = rule_by_id(&mut tx, id).await?;
        if rule.symbol.is_none() {
            return Err(EngineError::field(
                ErrorCode::InvalidInput,
                "id",
                format!("the standing {} rule cannot be deleted: switch it off instead", rule.kind.as_str()),
            ));
        }
        sqlx::query("DELETE FROM alert_rules WHERE id = ?").bind(id).execute(&mut *tx).await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn inbox(&self, query: InboxQuery) -> Result<Inbox> {
        let limit = query.limit.unwrap_or(200);
        if !(1..=MAX_INBOX).contains(&limit) {
            return Err(EngineError::field(ErrorCode::InvalidInput, "limit", format!("{limit}: list between 1 and {MAX_INBOX} alerts")));
        }
        let mut conn = self.store().pool().acquire().await?;
        let rows: Vec<AlertRow> = sqlx::query_as(&format!(
            "SELECT {ALERT_COLUMNS} FROM alerts WHERE (?1 = 0 OR read_at IS NULL) AND (?2 = 1 OR dismissed_at IS NULL)
             ORDER BY id DESC LIMIT ?3"
        ))
        .bind(query.unread_only)
        .bind(query.include_dismissed)
        .bind(limit)
        .fetch_all(&mut *conn)
        .await?;
        Ok(Inbox { alerts: rows.into_iter().map(alert_of).collect::<Result<_>>()?, unread: unread(&mut conn).await? })
    }

    /// Marks alerts read (every unread one when `ids` is empty); returns the unread count.
    pub async fn mark_alerts_read(&self, ids: &[i64]) -> Result<u32> {
        self.stamp_alerts("read_at", ids).await
    }

    /// Dismisses alerts (every undismissed one when `ids` is empty): they leave the inbox but
    /// stay in its history; returns the unread count.
    pub async fn dismiss_alerts(&self, ids: &[i64]) -> Result<u32> {
        self.stamp_alerts("dismissed_at", ids).await
    }

    async fn stamp_alerts(&self, column: &'static str, ids: &[i64]) -> Result<u32> {
        let mut tx = self.store().write().await?;
        let now = self.stamp();
        if ids.is_empty() {
            sqlx::query(&format!("UPDATE alerts SET {column} = ? WHERE {column} IS NULL")).bind(&now).execute(&mut *tx).await?;
        }
        for id in ids {
            let done = sqlx::query(&format!("UPDATE alerts SET {column} = coalesce({column}, ?) WHERE id = ?"))
                .bind(&now)
                .bind(id)
                .execute(&mut *tx)
                .await?;
            if done.rows_affected() == 0 {
                return Err(EngineError::field(ErrorCode::NotFound, "ids", format!("there is no alert {id}: nothing was changed")));
            }
        }
        let unread = unread(&mut tx).await?;
        tx.commit().await?;
        self.emit(LedgerEvent::AlertsChanged { unread });
        Ok(unread)
    }

    async fn delivery(&self) -> Result<Delivery> {
        match self.setting(DELIVERY_KEY).await? {
            None => Ok(Delivery::default()),
            Some(json) => serde_json::from_str(&json).map_err(|e| corrupt("the alert delivery setting", e)),
        }
    }

    fn silence(&self, delivery: &Delivery) -> Option<Silence> {
        let now = self.now();
        delivery.silence(now, now.with_timezone(&Local).time())
    }

    async fn keep_delivery(&self, delivery: Delivery) -> Result<DeliveryStatus> {
        self.put_setting(DELIVERY_KEY, &serde_json::to_string(&delivery).expect("delivery serializes")).await?;
        Ok(DeliveryStatus { silence: self.silence(&delivery), delivery })
    }

    pub async fn alert_delivery(&self) -> Result<DeliveryStatus> {
        let delivery = self.delivery().await?;
        Ok(DeliveryStatus { silence: self.silence(&delivery), delivery })
    }

    /// Sets (or clears, with `None`) the quiet hours, local time.
    pub async fn set_quiet_hours(&self, quiet_hours: Option<QuietHours>) -> Result<DeliveryStatus> {
        let delivery = Delivery { quiet_hours, ..self.delivery().await? };
        self.keep_delivery(delivery).await
    }

    pub async fn pause_alerts(&self, pause: AlertPause) -> Result<DeliveryStatus> {
        let now = self.now();
        let paused_until = match pause {
            AlertPause::OneHour => Some(now + Duration::hours(1)),
            AlertPause::UntilTomorrow => {
                let tomorrow = now.with_timezone(&Local).date_naive() + Duration::days(1);
                // A midnight the clocks skip (a DST change at 00:00) ends the pause an hour later.
                let at = |hour| {
                    tomorrow.and_time(NaiveTime::from_hms_opt(hour, 0, 0).expect("a valid hour")).and_local_timezone(Local).earliest()
                };
                Some(at(0).or_else(|| at(1)).map_or(now + Duration::hours(24), |t| t.with_timezone(&Utc)))
            }
            AlertPause::Resume => None,
        };
        let delivery = Delivery { paused_until, ..self.delivery().await? };
        self.keep_delivery(delivery).await
    }

    /// Checks the enabled rules of `kinds` against what can be observed now, stores the new
    /// alerts and notifies the desktop unless it is silenced.
    pub async fn check_alerts(&self, kinds: &[RuleKind], notifier: &dyn Notifier) -> Result<AlertCheck> {
        let rules: Vec<Rule> = self.alert_rules().await?.into_iter().filter(|r| r.enabled && kinds.contains(&r.kind)).collect();
        let mut notes = Vec::new();
        let observed = self.observe(&rules, &mut notes).await?;
        let candidates = evaluate(&rules, &observed);
        let found = candidates.len();

        let now = self.now();
        let delivery = self.delivery().await?;
        let silence = self.silence(&delivery);
        let mut tx = self.store().write().await?;
        let keys: Vec<&str> = candidates.iter().map(|c| c.dedupe_key.as_str()).collect();
        let mut fired: HashMap<String, DateTime<Utc>> = HashMap::new();
        for key in keys {
            let at: Option<String> =
                sqlx::query_scalar("SELECT fired_at FROM alert_marks WHERE dedupe_key = ?").bind(key).fetch_optional(&mut *tx).await?;
            if let Some(at) = at.and_then(|t| DateTime::parse_from_rfc3339(&t).ok()) {
                fired.insert(key.to_string(), at.with_timezone(&Utc));
            }
        }
        let admitted = admit(candidates, &rules, |key| fired.get(key).copied(), now);
        let held_back = (found - admitted.len()) as u32;
        let delivery_text = match silence {
            Some(Silence::QuietHours) => "quiet_hours",
            Some(Silence::Paused { .. }) => "paused",
            None => "pending",
        };
        let mut ids = Vec::new();
        for c in &admitted {
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO alerts (rule_id, kind, severity, dedupe_key, title, body, link, portfolio, symbol, created_at, delivery)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            )
            .bind(c.rule_id)
            .bind(c.kind.as_str())
            .bind(c.severity.as_str())
            .bind(&c.dedupe_key)
            .bind(&c.title)
            .bind(&c.body)
            .bind(serde_json::to_string(&c.link).expect("links serialize"))
            .bind(&c.portfolio)
            .bind(&c.symbol)
            .bind(stamp(now))
            .bind(delivery_text)
            .fetch_one(&mut *tx)
            .await?;
            sqlx::query("INSERT INTO alert_marks (dedupe_key, fired_at) VALUES (?, ?) ON CONFLICT (dedupe_key) DO UPDATE SET fired_at = excluded.fired_at")
                .bind(&c.dedupe_key)
                .bind(stamp(now))
                .execute(&mut *tx)
                .await?;
            ids.push(id);
        }
        // Only a price a crossing rule was judged on becomes the "earlier" price: a check that
        // looked at prices for another reason must not step over a level unseen.
        let crossing: BTreeSet<&String> =
            rules.iter().filter(|r| r.kind == RuleKind::PriceCrosses).filter_map(|r| r.symbol.as_ref()).collect();
        for price in observed.prices.iter().filter(|p| crossing.contains(&p.symbol)) {
            sqlx::query(
                "INSERT INTO price_observations (symbol, price, observed_at) VALUES (?, ?, ?)
                         ON CONFLICT (symbol) DO UPDATE SET price = excluded.price, observed_at = excluded.observed_at",
            )
            .bind(&price.symbol)
            .bind(price.last)
            .bind(stamp(observed.now))
            .execute(&mut *tx)
            .await?;
        }
        let unread = unread(&mut tx).await?;
        tx.commit().await?;

        if silence.is_none() && !admitted.is_empty() {
            self.notify(&admitted, &ids, notifier).await?;
        }
        if !admitted.is_empty() {
            self.emit(LedgerEvent::AlertsChanged { unread });
        }
        let raised = self.alerts_by_id(&ids).await?;
        if silence.is_none() && !raised.is_empty() {
            notes.extend(self.webhook_alerts(&raised).await);
        }
        Ok(AlertCheck { rules_checked: rules.len() as u32, raised, held_back, silence, notes })
    }

    /// Sends the desktop notifications of a check's new alerts and records what happened.
    async fn notify(&self, admitted: &[Candidate], ids: &[i64], notifier: &dyn Notifier) -> Result<()> {
        let mut outcome: Vec<(i64, String)> = Vec::new();
        for (c, id) in admitted.iter().zip(ids).take(NOTIFY_AT_ONCE) {
            let result = notifier.notify(&c.title, &c.body);
            outcome.push((*id, result.map_or_else(|e| format!("failed: {}", e.message), |_| "notified".to_string())));
        }
        if admitted.len() > NOTIFY_AT_ONCE {
            let rest = admitted.len() - NOTIFY_AT_ONCE;
            let result = notifier.notify(&format!("{rest} more alerts"), "Open Wheelwright's Alerts page to see them all.");
            let text = result.map_or_else(|e| format!("failed: {}", e.message), |_| "notified (in a summary)".to_string());
            outcome.extend(ids[NOTIFY_AT_ONCE..].iter().map(|id| (*id, text.clone())));
        }
        let mut tx = self.store().write().await?;
        for (id, text) in outcome {
            sqlx::query("UPDATE alerts SET delivery = ? WHERE id = ?").bind(text).bind(id).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn alerts_by_id(&self, ids: &[i64]) -> Result<Vec<Alert>> {
        let mut alerts = Vec::new();
        for id in ids {
            let row: AlertRow =
                sqlx::query_as(&format!("SELECT {ALERT_COLUMNS} FROM alerts WHERE id = ?")).bind(id).fetch_one(self.store().pool()).await?;
            alerts.push(alert_of(row)?);
        }
        Ok(alerts)
    }

    /// What the rules need, and only that: a portfolio or symbol that cannot be observed is a
    /// note, not a failed check.
    async fn observe(&self, rules: &[Rule], notes: &mut Vec<String>) -> Result<Observations> {
        let needs = |source: Source| rules.iter().any(|r| r.kind.source() == source);
        let mut observed = Observations { now: self.market_now(), ..Observations::default() };
        let (watch_positions, watch_prices) = (needs(Source::Positions), needs(Source::Prices));
        if watch_positions || watch_prices || needs(Source::Limits) {
            let mut held = BTreeSet::new();
            let mut open_portfolios = Vec::new();
            for overview in self.list_portfolios().await? {
                if overview.open_wheels == 0 {
                    continue;
                }
                for wheel in self.list_wheels(&overview.portfolio.name).await? {
                    if wheel.state != WheelState::Idle {
                        held.insert(wheel.symbol);
                    }
                }
                open_portfolios.push(overview.portfolio.name);
            }
            let mut symbols = held.clone();
            symbols.extend(rules.iter().filter(|r| r.kind.takes_symbol()).filter_map(|r| r.symbol.clone()));
            let symbols: Vec<String> = symbols.into_iter().collect();
            let quotes = if symbols.is_empty() { Vec::new() } else { self.quotes(&symbols).await? };
            if watch_prices {
                let date = new_york_date(observed.now);
                for quote in &quotes {
                    let symbol = quote.symbol.to_string();
                    let Some(last) = quote.mark().filter(|p| p.is_finite() && *p > 0.0) else {
                        notes.push(format!("{symbol} has no price now"));
                        continue;
                    };
                    let earlier: Option<f64> = sqlx::query_scalar("SELECT price FROM price_observations WHERE symbol = ?")
                        .bind(&symbol)
                        .fetch_optional(self.store().pool())
                        .await?;
                    observed.prices.push(PriceWatch {
                        held: held.contains(&symbol),
                        symbol,
                        last,
                        earlier,
                        previous_close: quote.previous_close,
                        date,
                    });
                }
            }
            let earnings: HashMap<String, _> = quotes.iter().map(|q| (q.symbol.to_string(), q.next_earnings)).collect();
            for portfolio in open_portfolios {
                if watch_positions {
                    match self.positions(&portfolio).await {
                        Ok(views) => observed.positions.extend(views.into_iter().map(|v| PositionWatch {
                            portfolio: portfolio.clone(),
                            label: option_label(&v.symbol, v.expiry, v.strike, v.right),
                            next_earnings: earnings.get(&v.symbol).copied().flatten(),
                            symbol: v.symbol,
                            leg_id: v.leg_id,
                            right: v.right,
                            side: v.side,
                            expiry: v.expiry,
                            dte_calendar: v.dte_calendar,
                            moneyness: v.moneyness,
                            moneyness_label: v.moneyness_label,
                            risk_high: v.risk == RiskLevel::High,
                            risk_rule: v.risk_rule,
                            max_profit_captured: v.max_profit_captured,
                            early_assignment: v.early_assignment,
                        })),
                        Err(e) => notes.push(format!("{portfolio}: positions not watched: {}", e.message)),
                    }
                }
                if needs(Source::Limits) {
                    match self.limit_violations(&portfolio).await {
                        Ok(checks) => observed.breaches.extend(checks.into_iter().map(|c| LimitBreach {
                            portfolio: portfolio.clone(),
                            limit: serde_json::to_value(c.limit).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default(),
                            subject: c.subject,
                            message: c.message,
                        })),
                        Err(e) => notes.push(format!("{portfolio}: limits not checked: {}", e.message)),
                    }
                }
            }
        }
        if needs(Source::Login) {
            // Without a keychain there can be no broker login to warn about: a note, not a failure.
            match self.broker_status().await {
                Ok(status) => {
                    if let Some(message) = status.schwab.warning {
                        let expired = status.schwab.login == Some(crate::schwab::oauth::LoginState::LogInAgain);
                        observed.login = Some(LoginHealth { broker: "Schwab".into(), expired, message });
                    }
                }
                Err(e) if e.code == ErrorCode::KeychainUnavailable => notes.push(format!("the broker login: {}", e.message)),
                Err(e) => return Err(e),
            }
        }
        if needs(Source::Jobs) {
            // Jobs switched off (or no longer shipped) stop counting, and so do failures older
            // than a week: an old failure no success followed would otherwise alert forever.
            let since = stamp(self.now() - Duration::days(JOB_FAILURES_WITHIN_DAYS));
            let runs: Vec<(String, String, Option<String>)> = sqlx::query_as(
                "SELECT r.job, r.status, r.message FROM job_runs r JOIN jobs j ON j.name = r.job
                 WHERE j.enabled = 1 AND r.status IN ('succeeded', 'failed') AND r.started_at >= ?
                 ORDER BY r.id DESC LIMIT 1000",
            )
            .bind(since)
            .fetch_all(self.store().pool())
            .await?;
            observed.jobs = job_health(runs);
        }
        if needs(Source::Scan) {
            let since = stamp(self.now() - Duration::hours(SCAN_FRESH_HOURS));
            let rows: Vec<String> = sqlx::query_scalar(
                "SELECT candidate FROM signals WHERE scan_id = (SELECT max(id) FROM scans WHERE created_at >= ?) ORDER BY rank",
            )
            .bind(since)
            .fetch_all(self.store().pool())
            .await?;
            for row in rows {
                let c: ScanCandidate = serde_json::from_str(&row).map_err(|e| corrupt("a scan signal", e))?;
                observed.opportunities.push(Opportunity {
                    label: option_label(&c.symbol, c.expiry, c.strike, c.right),
                    symbol: c.symbol,
                    annualized_yield: c.annualized_yield,
                    reason: c.reason,
                });
            }
        }
        Ok(observed)
    }
}
