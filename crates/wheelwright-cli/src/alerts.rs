//! `wheelwright alerts …`: the inbox and the rules from a terminal — list, read, dismiss, check
//! now, add / tune / delete rules, pause notifications, set quiet hours, set up the webhook. A check run here
//! notifies on standard error (there may be no desktop), like the headless scheduler.

use crate::args::{AlertRuleCommand, AlertsCommand, WebhookCommand};
use crate::jobs::Terminal;
use crate::show::table;
use chrono::NaiveTime;
use serde::Serialize;
use std::sync::Arc;
use wheelwright_alerts::{QuietHours, Rule, RuleInput, RuleKind};
use wheelwright_domain::ErrorCode;
use wheelwright_engine::alerts::{Alert, AlertCheck, AlertPause, DeliveryStatus, Inbox, InboxQuery};
use wheelwright_engine::webhook::{WebhookDelivery, WebhookInput, WebhookStatus};
use wheelwright_engine::{Engine, EngineError, Result};

fn kind(text: &str) -> Result<RuleKind> {
    RuleKind::parse(text).map_err(|e| EngineError::field(ErrorCode::InvalidInput, e.field, e.message))
}

fn time_of_day(field: &'static str, text: &str) -> Result<NaiveTime> {
    NaiveTime::parse_from_str(text, "%H:%M").map_err(|_| {
        EngineError::field(ErrorCode::InvalidInput, field, format!("--{field} '{text}': give a time of day as HH:MM, e.g. 22:00"))
    })
}

/// What `alerts read` and `alerts dismiss` report.
#[derive(Serialize)]
struct Unread {
    unread: u32,
}

pub async fn run(engine: &Arc<Engine>, command: AlertsCommand, json: bool) -> Result<()> {
    match command {
        AlertsCommand::List { unread, all, limit } => {
            let inbox = engine.inbox(InboxQuery { unread_only: unread, include_dismissed: all, limit: Some(limit) }).await?;
            crate::run::emit(json, &inbox, inbox_text)
        }
        AlertsCommand::Rules => crate::run::emit(json, &engine.alert_rules().await?, |rules| rule_table(rules)),
        AlertsCommand::Read { ids } => {
            let unread = engine.mark_alerts_read(&ids).await?;
            crate::run::emit(json, &Unread { unread }, |u| format!("{} unread", u.unread))
        }
        AlertsCommand::Dismiss { ids } => {
            let unread = engine.dismiss_alerts(&ids).await?;
            crate::run::emit(json, &Unread { unread }, |u| format!("dismissed; {} unread", u.unread))
        }
        AlertsCommand::Check { kinds } => {
            let kinds = if kinds.is_empty() { RuleKind::ALL.to_vec() } else { kinds.iter().map(|k| kind(k)).collect::<Result<_>>()? };
            let check = engine.check_alerts(&kinds, &Terminal).await?;
            crate::run::emit(json, &check, check_text)
        }
        AlertsCommand::Rule(command) => rule(engine, command, json).await,
        AlertsCommand::Pause { how } => {
            let pause = match how.as_str() {
                "1h" => AlertPause::OneHour,
                "tomorrow" => AlertPause::UntilTomorrow,
                "resume" => AlertPause::Resume,
                other => {
                    return Err(EngineError::field(
                        ErrorCode::InvalidInput,
                        "how",
                        format!("'{other}': pause for 1h, until tomorrow, or resume"),
                    ))
                }
            };
            crate::run::emit(json, &engine.pause_alerts(pause).await?, delivery_text)
        }
        AlertsCommand::Quiet { from, to, off } => {
            let quiet = match (from, to, off) {
                (None, None, true) => None,
                (Some(from), Some(to), false) => Some(QuietHours { start: time_of_day("from", &from)?, end: time_of_day("to", &to)? }),
                (_, _, true) => {
                    return Err(EngineError::field(ErrorCode::InvalidInput, "off", "--off clears the quiet hours: give it alone"))
                }
                (None, _, false) => {
                    return Err(EngineError::field(ErrorCode::InvalidInput, "from", "give --from HH:MM with --to HH:MM, or --off"))
                }
                (Some(_), None, false) => {
                    return Err(EngineError::field(ErrorCode::InvalidInput, "to", "give --to HH:MM with --from HH:MM, or --off"))
                }
            };
            crate::run::emit(json, &engine.set_quiet_hours(quiet).await?, delivery_text)
        }
        AlertsCommand::Webhook(command) => webhook(engine, command, json).await,
    }
}

async fn webhook(engine: &Arc<Engine>, command: WebhookCommand, json: bool) -> Result<()> {
    match command {
        WebhookCommand::Status => crate::run::emit(json, &engine.webhook_status().await?, webhook_text),
        WebhookCommand::Set { url, url_stdin, secret_stdin, on, off } => {
            let enabled = match (on, off) {
                (true, _) => true,
                (_, true) => false,
                _ => engine.webhook_status().await?.enabled,
            };
            let url = if url_stdin {
                eprintln!("Webhook URL (one line; it goes to the OS keychain):");
                Some(crate::broker::read_line("the webhook URL")?)
            } else {
                url
            };
            let secret = if secret_stdin {
                eprintln!("Webhook signing secret (one line; it goes to the OS keychain):");
                Some(crate::broker::read_line("the signing secret")?)
            } else {
                None
            };
            crate::run::emit(json, &engine.set_webhook(WebhookInput { url, secret, enabled }).await?, webhook_text)
        }
        WebhookCommand::Test => crate::run::emit(json, &engine.test_webhook().await?, |d| delivery_log(std::slice::from_ref(d))),
        WebhookCommand::Log { limit } => crate::run::emit(json, &engine.webhook_deliveries(limit).await?, |log| delivery_log(log)),
        WebhookCommand::Remove => crate::run::emit(json, &engine.remove_webhook().await?, webhook_text),
    }
}

fn webhook_text(status: &WebhookStatus) -> String {
    let to = status.host.as_deref().map_or_else(|| "no endpoint".to_string(), |h| format!("to {h}"));
    let secret = if status.secret_set { "signing secret set" } else { "no signing secret" };
    let state = if status.enabled { "on" } else { "off" };
    let last = status.last.as_ref().map_or_else(String::new, |d| format!("\nlast delivery: {}", delivery_line(d)));
    format!("webhook {state}, {to}, {secret}{last}")
}

fn delivery_line(d: &WebhookDelivery) -> String {
    let status = d.http_status.map_or_else(|| "no answer".to_string(), |s| format!("HTTP {s}"));
    let error = d.error.as_deref().map_or_else(String::new, |e| format!(" — {e}"));
    format!("{} {} to {} after {} attempt(s), {status}{error}", d.event, d.outcome, d.host, d.attempts.len())
}

fn delivery_log(log: &[WebhookDelivery]) -> String {
    if log.is_empty() {
        return "No webhook deliveries yet.".to_string();
    }
    let rows =
        log.iter().map(|d| vec![d.id.to_string(), d.started_at.format("%Y-%m-%d %H:%M:%S UTC").to_string(), delivery_line(d)]).collect();
    table(&["Id", "When", "Delivery"], rows)
}

async fn rule(engine: &Arc<Engine>, command: AlertRuleCommand, json: bool) -> Result<()> {
    match command {
        AlertRuleCommand::Add { kind: text, symbol, threshold, cooldown } => {
            let input = RuleInput { symbol: Some(symbol), threshold: Some(threshold), enabled: None, cooldown_minutes: cooldown };
            let rule = engine.add_alert_rule(kind(&text)?, input).await?;
            crate::run::emit(json, &rule, |r| rule_table(std::slice::from_ref(r)))
        }
        AlertRuleCommand::Set { id, threshold, cooldown, on, off } => {
            let enabled = match (on, off) {
                (true, _) => Some(true),
                (_, true) => Some(false),
                _ => None,
            };
            let rule = engine.update_alert_rule(id, RuleInput { symbol: None, threshold, enabled, cooldown_minutes: cooldown }).await?;
            crate::run::emit(json, &rule, |r| rule_table(std::slice::from_ref(r)))
        }
        AlertRuleCommand::Delete { id } => {
            engine.delete_alert_rule(id).await?;
            crate::run::emit(json, &serde_json::json!({ "deleted": id }), |_| format!("rule {id} deleted"))
        }
    }
}

fn rule_table(rules: &[Rule]) -> String {
    let rows = rules
        .iter()
        .map(|r| {
            vec![
                r.id.to_string(),
                r.kind.as_str().to_string(),
                r.symbol.clone().unwrap_or_else(|| "—".into()),
                r.threshold.map_or_else(|| "—".into(), |t| t.to_string()),
                format!("{} min", r.cooldown_minutes),
                if r.enabled { "on".into() } else { "off".into() },
                r.kind.description().to_string(),
            ]
        })
        .collect();
    table(&["Id", "Kind", "Symbol", "Threshold", "Cooldown", "On", "Alerts when"], rows)
}

fn alert_rows(alerts: &[Alert]) -> Vec<Vec<String>> {
    alerts
        .iter()
        .map(|a| {
            let state = if a.dismissed {
                "dismissed"
            } else if a.read {
                "read"
            } else {
                "new"
            };
            vec![
                a.id.to_string(),
                a.created_at.format("%Y-%m-%d %H:%M UTC").to_string(),
                a.severity.as_str().to_string(),
                state.to_string(),
                format!("{} — {}", a.title, a.body),
            ]
        })
        .collect()
}

fn inbox_text(inbox: &Inbox) -> String {
    if inbox.alerts.is_empty() {
        return format!("No alerts to show ({} unread).", inbox.unread);
    }
    format!("{}\n{} unread", table(&["Id", "When", "Severity", "State", "Alert"], alert_rows(&inbox.alerts)), inbox.unread)
}

fn check_text(check: &AlertCheck) -> String {
    let mut text =
        format!("{} rule(s) checked: {} raised, {} held back by their cooldown", check.rules_checked, check.raised.len(), check.held_back);
    if !check.raised.is_empty() {
        text = format!("{}\n{text}", table(&["Id", "When", "Severity", "State", "Alert"], alert_rows(&check.raised)));
    }
    for note in &check.notes {
        text.push_str(&format!("\nnote: {note}"));
    }
    text
}

fn delivery_text(status: &DeliveryStatus) -> String {
    let quiet = status.delivery.quiet_hours.map_or_else(
        || "no quiet hours".to_string(),
        |q| format!("quiet hours {}–{} (local time)", q.start.format("%H:%M"), q.end.format("%H:%M")),
    );
    let paused = status
        .delivery
        .paused_until
        .map_or_else(|| "not paused".to_string(), |t| format!("paused until {}", t.format("%Y-%m-%d %H:%M UTC")));
    let now = if status.silence.is_some() { "notifications are silenced now" } else { "notifications are on now" };
    format!("{quiet}; {paused}; {now}")
}
