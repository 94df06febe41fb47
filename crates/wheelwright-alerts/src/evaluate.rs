//! Rules × observations → candidate alerts. Each candidate carries a dedupe key naming the
//! condition it reports (the rule, the position or symbol, the direction or day), so the same
//! condition seen again on the next run is recognised as the same alert and held back by the
//! cooldown ([`crate::deliver::admit`]).
//!
//! Definitions, tested at their edges:
//! - **crosses a level**: the level lies between two consecutive observations — up when
//!   earlier < level ≤ now, down when earlier > level ≥ now. The first observation crosses
//!   nothing.
//! - **daily move**: |now ÷ previous close − 1| ≥ X%; once per direction per trading day.
//! - **in the money**: a short option whose moneyness is below zero (strictly: at the strike is
//!   not in the money).
//! - **expiring soon**: 0 ≤ calendar days to expiry ≤ N.
//! - **take profit**: a short option's captured fraction of its maximum profit ≥ X%.
//! - **earnings**: the next earnings date falls between today and the expiry, both included.
//! - **opportunity**: annualized yield ≥ X%.
//! - **job failing**: at least N failed runs since the job last succeeded.

use crate::observe::{Observations, PositionWatch};
use crate::rule::{Rule, RuleKind, Severity};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use wheelwright_domain::ledger::Side;
use wheelwright_pricing::calendar::new_york_date;

/// Where in the app an alert leads.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "page", rename_all = "snake_case")]
#[ts(rename = "AlertLink")]
pub enum Link {
    Wheel { portfolio: String, symbol: String },
    Symbol { symbol: String },
    Risk { portfolio: String },
    Scanner,
    Scheduler { job: String },
    Settings,
}

/// An alert the rules call for, before dedupe.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    pub rule_id: i64,
    pub kind: RuleKind,
    pub severity: Severity,
    pub dedupe_key: String,
    pub title: String,
    pub body: String,
    pub link: Link,
    pub portfolio: Option<String>,
    pub symbol: Option<String>,
}

/// Thresholds are typed by people ("50" %) and compared with computed fractions: a value
/// within a billionth of the threshold counts as reaching it.
fn at_least(value: f64, threshold: f64) -> bool {
    value >= threshold - 1e-9 * threshold.abs().max(1.0)
}

fn position_alert(rule: &Rule, position: &PositionWatch, key_tail: &str, title: String, body: String) -> Candidate {
    Candidate {
        rule_id: rule.id,
        kind: rule.kind,
        severity: rule.kind.severity(),
        dedupe_key: format!("{}:{}:{}{key_tail}", rule.kind.as_str(), position.portfolio, position.leg_id),
        title,
        body,
        link: Link::Wheel { portfolio: position.portfolio.clone(), symbol: position.symbol.clone() },
        portfolio: Some(position.portfolio.clone()),
        symbol: Some(position.symbol.clone()),
    }
}

/// Every alert the enabled rules call for on these observations, in rule order.
pub fn evaluate(rules: &[Rule], observed: &Observations) -> Vec<Candidate> {
    let today = new_york_date(observed.now);
    let mut out = Vec::new();
    for rule in rules.iter().filter(|r| r.enabled) {
        let threshold = rule.threshold.unwrap_or_default();
        match rule.kind {
            RuleKind::PriceCrosses => {
                for price in observed.prices.iter().filter(|p| Some(&p.symbol) == rule.symbol.as_ref()) {
                    let Some(earlier) = price.earlier else { continue };
                    let direction = if earlier < threshold && price.last >= threshold {
                        "up"
                    } else if earlier > threshold && price.last <= threshold {
                        "down"
                    } else {
                        continue;
                    };
                    out.push(Candidate {
                        rule_id: rule.id,
                        kind: rule.kind,
                        severity: rule.kind.severity(),
                        // The level is in the key: a level moved is a new condition.
                        dedupe_key: format!("price_crosses:{}:{}:{threshold}:{direction}", rule.id, price.symbol),
                        title: format!("{} crossed {threshold:.2} {direction}", price.symbol),
                        body: format!(
                            "{} is at {:.2}, {direction} through {threshold:.2} (it was {earlier:.2}).",
                            price.symbol, price.last
                        ),
                        link: Link::Symbol { symbol: price.symbol.clone() },
                        portfolio: None,
                        symbol: Some(price.symbol.clone()),
                    });
                }
            }
            RuleKind::DailyMove => {
                // A symbol with a rule of its own is left to that rule (its own threshold).
                let named =
                    |symbol: &String| rules.iter().any(|r| r.enabled && r.kind == RuleKind::DailyMove && r.symbol.as_ref() == Some(symbol));
                let watched = observed.prices.iter().filter(|p| match &rule.symbol {
                    Some(symbol) => &p.symbol == symbol,
                    None => p.held && !named(&p.symbol),
                });
                for price in watched {
                    let Some(close) = price.previous_close.filter(|c| *c > 0.0) else { continue };
                    let change = price.last / close - 1.0;
                    if !at_least(change.abs() * 100.0, threshold) {
                        continue;
                    }
                    let direction = if change > 0.0 { "up" } else { "down" };
                    out.push(Candidate {
                        rule_id: rule.id,
                        kind: rule.kind,
                        severity: rule.kind.severity(),
                        dedupe_key: format!("daily_move:{}:{}:{}:{direction}", rule.id, price.symbol, price.date),
                        title: format!("{} {direction} {:.1}% today", price.symbol, change.abs() * 100.0),
                        body: format!("{} is at {:.2} against {close:.2} at the previous close.", price.symbol, price.last),
                        link: Link::Symbol { symbol: price.symbol.clone() },
                        portfolio: None,
                        symbol: Some(price.symbol.clone()),
                    });
                }
            }
            RuleKind::InTheMoney => {
                for p in observed.positions.iter().filter(|p| p.side == Side::Short && p.moneyness < 0.0) {
                    let body = format!(
                        "{} is in the money by {:.1}% ({} days to expiry): assignment is likely if it stays there.",
                        p.label,
                        -p.moneyness * 100.0,
                        p.dte_calendar
                    );
                    out.push(position_alert(rule, p, "", format!("{} in the money", p.label), body));
                }
            }
            RuleKind::ExpiringSoon => {
                for p in observed.positions.iter().filter(|p| p.dte_calendar >= 0 && (p.dte_calendar as f64) <= threshold) {
                    let when = match p.dte_calendar {
                        0 => "today".to_string(),
                        1 => "tomorrow".to_string(),
                        n => format!("in {n} days"),
                    };
                    out.push(position_alert(
                        rule,
                        p,
                        "",
                        format!("{} expires {when}", p.label),
                        format!("{} is {}.", p.label, p.moneyness_label),
                    ));
                }
            }
            RuleKind::RiskHigh => {
                for p in observed.positions.iter().filter(|p| p.risk_high) {
                    out.push(position_alert(rule, p, "", format!("{}: risk HIGH", p.label), p.risk_rule.clone()));
                }
            }
            RuleKind::TakeProfit => {
                for p in observed.positions.iter().filter(|p| p.side == Side::Short) {
                    let Some(captured) = p.max_profit_captured else { continue };
                    if at_least(captured * 100.0, threshold) {
                        let body = format!("{:.0}% of the maximum profit is captured: buying it back now locks that in.", captured * 100.0);
                        out.push(position_alert(rule, p, "", format!("{}: take profit", p.label), body));
                    }
                }
            }
            RuleKind::EarlyAssignment => {
                for p in observed.positions.iter().filter(|p| p.side == Side::Short) {
                    if let Some(reason) = &p.early_assignment {
                        out.push(position_alert(rule, p, "", format!("{}: early assignment risk", p.label), reason.clone()));
                    }
                }
            }
            RuleKind::Earnings => {
                for p in &observed.positions {
                    let Some(earnings) = p.next_earnings.filter(|d| *d >= today && *d <= p.expiry) else { continue };
                    let body = format!(
                        "Earnings on {} fall inside the term of {} (expires {}).",
                        earnings.format("%b %-d"),
                        p.label,
                        p.expiry.format("%b %-d")
                    );
                    out.push(position_alert(rule, p, &format!(":{earnings}"), format!("{}: earnings before expiry", p.symbol), body));
                }
            }
            RuleKind::Opportunity => {
                for o in observed.opportunities.iter().filter(|o| at_least(o.annualized_yield * 100.0, threshold)) {
                    out.push(Candidate {
                        rule_id: rule.id,
                        kind: rule.kind,
                        severity: rule.kind.severity(),
                        dedupe_key: format!("opportunity:{}:{}", o.symbol, o.label),
                        title: format!("{}: {:.1}% a year", o.label, o.annualized_yield * 100.0),
                        body: o.reason.clone(),
                        link: Link::Scanner,
                        portfolio: None,
                        symbol: Some(o.symbol.clone()),
                    });
                }
            }
            RuleKind::LimitBreach => {
                for b in &observed.breaches {
                    out.push(Candidate {
                        rule_id: rule.id,
                        kind: rule.kind,
                        severity: rule.kind.severity(),
                        dedupe_key: format!("limit_breach:{}:{}:{}", b.portfolio, b.limit, b.subject.as_deref().unwrap_or("")),
                        title: format!("{}: {} limit breached", b.portfolio, b.limit.replace('_', " ")),
                        body: b.message.clone(),
                        link: Link::Risk { portfolio: b.portfolio.clone() },
                        portfolio: Some(b.portfolio.clone()),
                        symbol: None,
                    });
                }
            }
            RuleKind::TokenExpiry => {
                if let Some(login) = &observed.login {
                    let state = if login.expired { "expired" } else { "expiring" };
                    out.push(Candidate {
                        rule_id: rule.id,
                        kind: rule.kind,
                        severity: if login.expired { Severity::Critical } else { rule.kind.severity() },
                        dedupe_key: format!("token_expiry:{}:{state}", login.broker),
                        title: format!("{} login {state}", login.broker),
                        body: login.message.clone(),
                        link: Link::Settings,
                        portfolio: None,
                        symbol: None,
                    });
                }
            }
            RuleKind::JobFailing => {
                for job in observed.jobs.iter().filter(|j| at_least(f64::from(j.failures_in_a_row), threshold)) {
                    let body = match &job.last_error {
                        Some(error) => format!("{} failed runs in a row; the last: {error}", job.failures_in_a_row),
                        None => format!("{} failed runs in a row.", job.failures_in_a_row),
                    };
                    out.push(Candidate {
                        rule_id: rule.id,
                        kind: rule.kind,
                        severity: rule.kind.severity(),
                        dedupe_key: format!("job_failing:{}", job.job),
                        title: format!("Job {} keeps failing", job.job),
                        body,
                        link: Link::Scheduler { job: job.job.clone() },
                        portfolio: None,
                        symbol: None,
                    });
                }
            }
        }
    }
    out
}
