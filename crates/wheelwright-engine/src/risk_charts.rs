//! The risk page's charts, drawn from the portfolio's latest measured risk so they show the
//! figures printed beside them: the Monte Carlo P&L distribution with its VaR and expected
//! shortfall, exposure by name and by sector against their limits, how much of each limit the
//! book uses, and the correlation of the held names.

use crate::charts::{provider_name, ChartView};
use crate::error::{EngineError, Result};
use crate::risk::RiskView;
use crate::Engine;
use chrono_tz::America::New_York;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use wheelwright_charts::{
    thousands, whole_dollars, AxisSpec, BarGroup, BarSpec, HeatSpec, HistogramSpec, MarkAxis, MarkSpec, Role, Scale, Size, Theme,
};
use wheelwright_domain::ErrorCode;
use wheelwright_risk::exposure::UNKNOWN_SECTOR;
use wheelwright_risk::limits::{LimitCheck, LimitName, Status};
use wheelwright_risk::parametric::Method;
use wheelwright_risk::report::HORIZONS;

/// How concentration is grouped.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ConcentrationBy {
    Name,
    Sector,
}

/// A usage bar never runs past this (300% of a limit): beyond it the bar would flatten the rest.
const MAX_USAGE: f64 = 3.0;

/// A bar's colour by how the figure stands against its limit.
fn status_role(status: Status) -> Role {
    match status {
        Status::Ok => Role::Primary,
        Status::Warning => Role::Warning,
        Status::Violation => Role::Loss,
    }
}

/// Where the figures come from: "Demo market · measured Nov 22 10:32 ET".
fn measured(view: &RiskView) -> String {
    format!("{} · measured {}", provider_name(&view.provider), view.as_of.with_timezone(&New_York).format("%b %-d %H:%M ET"))
}

/// A limit's name as the usage chart labels it.
fn limit_label(check: &LimitCheck) -> String {
    match check.limit {
        LimitName::Position => "Largest position".to_string(),
        LimitName::Name => format!("Name {}", check.subject.as_deref().unwrap_or("")),
        LimitName::Sector => format!("Sector {}", check.subject.as_deref().unwrap_or("")),
        LimitName::Delta => "Dollar delta".to_string(),
        LimitName::DailyLoss => "1-in-100 day".to_string(),
        LimitName::Cash => "Free cash".to_string(),
    }
}

/// The share of its limit a figure uses: a maximum's value over the limit, a minimum's limit over
/// the value (free cash at twice its floor uses half of it); `None` when it cannot be measured.
fn usage(check: &LimitCheck) -> Option<f64> {
    // A breach that cannot be measured (a book worth nothing or less) is drawn as full as a bar goes.
    let Some(value) = check.value_pct else {
        return (check.status == Status::Violation).then_some(MAX_USAGE);
    };
    let used = if check.limit == LimitName::Cash {
        if value <= 0.0 {
            MAX_USAGE
        } else {
            check.limit_pct / value
        }
    } else {
        value / check.limit_pct
    };
    // A VaR can be a gain (a book that profits even on a bad day): no usage, not a negative one.
    Some(used.clamp(0.0, MAX_USAGE))
}

impl Engine {
    pub(crate) async fn risk_distribution_chart(&self, portfolio: &str, sessions: u32, size: Size, theme: Theme) -> Result<ChartView> {
        // Refused before anything is simulated.
        if !HORIZONS.contains(&sessions) {
            let measured: Vec<String> = HORIZONS.iter().map(u32::to_string).collect();
            return Err(EngineError::field(
                ErrorCode::InvalidInput,
                "sessions",
                format!("the risk is measured over {} sessions, not {sessions}: pick one of those", measured.join(" or ")),
            ));
        }
        let view = self.latest_risk(portfolio).await?;
        let title = format!("Simulated P&L over {sessions} {}", if sessions == 1 { "session" } else { "sessions" });
        let shape = view.report.distributions.iter().find(|d| d.sessions == sessions).expect("every horizon has its distribution");
        if view.report.exposure.holdings.is_empty() {
            return Ok(ChartView::empty(
                title,
                "nothing open: sell a put (or hold shares) to see how its P&L could spread",
                measured(&view),
            ));
        }
        let monte_carlo = |confidence: f64| {
            view.report.var.iter().find(|v| v.method == Method::MonteCarlo && v.sessions == sessions && v.confidence == confidence)
        };
        let mut marks = vec![MarkSpec { label: String::new(), axis: MarkAxis::X, value: 0.0, role: Role::Neutral }];
        for (confidence, role) in [(0.95, Role::Warning), (0.99, Role::Loss)] {
            if let Some(v) = monte_carlo(confidence) {
                let label = format!("VaR {:.0}% {}", confidence * 100.0, whole_dollars(-v.var));
                marks.push(MarkSpec { label, axis: MarkAxis::X, value: -v.var, role });
            }
        }
        if let Some(v) = monte_carlo(0.99) {
            let label = format!("ES 99% {}", whole_dollars(-v.expected_shortfall));
            marks.push(MarkSpec { label, axis: MarkAxis::X, value: -v.expected_shortfall, role: Role::Secondary });
        }
        let spec = HistogramSpec {
            title: title.clone(),
            x: AxisSpec { label: "P&L".into(), scale: Scale::Money },
            y: AxisSpec { label: "Share of paths".into(), scale: Scale::Percent },
            name: "Paths".into(),
            edges: shape.edges.clone(),
            values: shape.counts.iter().map(|&c| c as f64 / shape.paths as f64).collect(),
            marks,
        };
        let paths = view.report.simulation.paths;
        let mut notes = vec![format!(
            "Monte Carlo, {} paths (seed {}), every option revalued with Black–Scholes at its own implied volatility.",
            thousands(paths as f64),
            view.report.simulation.seed
        )];
        if shape.below + shape.above > 0 {
            notes.push(format!(
                "{} paths worse than the left edge and {} better than the right are counted but not drawn, so the body of the spread stays readable.",
                shape.below, shape.above
            ));
        }
        ChartView::drawn(title, wheelwright_charts::histogram(&spec, size, theme), notes, measured(&view))
    }

    pub(crate) async fn concentration_chart(&self, portfolio: &str, by: ConcentrationBy, size: Size, theme: Theme) -> Result<ChartView> {
        let view = self.latest_risk(portfolio).await?;
        let exposure = &view.report.exposure;
        let (title, limit, kind) = match by {
            ConcentrationBy::Name => ("Exposure by name", LimitName::Name, "name"),
            ConcentrationBy::Sector => ("Exposure by sector", LimitName::Sector, "sector"),
        };
        let title = title.to_string();
        let shares: Vec<(String, Option<f64>)> = match by {
            ConcentrationBy::Name => exposure.names.iter().map(|n| (n.symbol.clone(), n.pct)).collect(),
            ConcentrationBy::Sector => exposure.sectors.iter().map(|s| (s.sector.clone(), s.pct)).collect(),
        };
        if shares.is_empty() {
            return Ok(ChartView::empty(
                title,
                "nothing open: sell a put (or hold shares) to see where the book is exposed",
                measured(&view),
            ));
        }
        if shares.iter().any(|(_, pct)| pct.is_none()) {
            return Ok(ChartView::empty(
                title,
                "the book is worth nothing or less, so no share of it can be measured: add cash or close positions",
                measured(&view),
            ));
        }
        let checks: Vec<&LimitCheck> = view.limits.iter().filter(|c| c.limit == limit).collect();
        let role_of =
            |subject: &str| checks.iter().find(|c| c.subject.as_deref() == Some(subject)).map_or(Role::Primary, |c| status_role(c.status));
        // The limit the measurement was judged by (the setting may have changed since).
        let limit_pct = match checks.first() {
            Some(check) => check.limit_pct,
            None => {
                let limits = self.limits().await?;
                if by == ConcentrationBy::Name {
                    limits.max_name_pct
                } else {
                    limits.max_sector_pct
                }
            }
        };
        let spec = BarSpec {
            title: title.clone(),
            categories: shares.iter().map(|(name, _)| name.clone()).collect(),
            y: AxisSpec { label: "Of the book".into(), scale: Scale::Percent },
            groups: vec![BarGroup {
                name: "Exposure".into(),
                role: Role::Primary,
                values: shares.iter().map(|(_, pct)| pct.unwrap_or_default() / 100.0).collect(),
                roles: shares.iter().map(|(name, _)| role_of(name)).collect(),
            }],
            marks: vec![MarkSpec {
                label: format!("Limit {limit_pct:.0}% a {kind}"),
                axis: MarkAxis::Y,
                value: limit_pct / 100.0,
                role: Role::Neutral,
            }],
        };
        let mut notes =
            vec!["Exposure: shares at market, a short put at its strike (what assignment would buy), as a share of net liquidation."
                .to_string()];
        if by == ConcentrationBy::Sector && shares.iter().any(|(sector, _)| sector == UNKNOWN_SECTOR) {
            notes.push(format!("{UNKNOWN_SECTOR}: names the provider gives no sector for; they are not judged against the sector limit."));
        }
        ChartView::drawn(title, wheelwright_charts::bars(&spec, size, theme), notes, measured(&view))
    }

    pub(crate) async fn limit_usage_chart(&self, portfolio: &str, size: Size, theme: Theme) -> Result<ChartView> {
        let view = self.latest_risk(portfolio).await?;
        let title = "Limit usage".to_string();
        // The fullest check of each kind: the position, name or sector closest to its limit.
        let mut fullest: Vec<(&LimitCheck, f64)> = Vec::new();
        let mut unmeasured = Vec::new();
        for check in &view.limits {
            let Some(used) = usage(check) else {
                unmeasured.push(check.message.clone());
                continue;
            };
            match fullest.iter_mut().find(|(c, _)| c.limit == check.limit) {
                Some(entry) if used > entry.1 => *entry = (check, used),
                Some(_) => {}
                None => fullest.push((check, used)),
            }
        }
        if fullest.is_empty() {
            return Ok(ChartView::empty(title, "no limit can be measured on this book yet: sell a put or add cash", measured(&view)));
        }
        let spec = BarSpec {
            title: title.clone(),
            categories: fullest.iter().map(|(c, _)| limit_label(c)).collect(),
            y: AxisSpec { label: "Of the limit".into(), scale: Scale::Percent },
            groups: vec![BarGroup {
                name: "Used".into(),
                role: Role::Primary,
                values: fullest.iter().map(|(_, used)| *used).collect(),
                roles: fullest.iter().map(|(c, _)| status_role(c.status)).collect(),
            }],
            marks: vec![
                MarkSpec { label: "Near".into(), axis: MarkAxis::Y, value: wheelwright_risk::limits::NEAR, role: Role::Warning },
                MarkSpec { label: "Limit".into(), axis: MarkAxis::Y, value: 1.0, role: Role::Loss },
            ],
        };
        let mut notes: Vec<String> = fullest.iter().map(|(c, _)| c.message.clone()).collect();
        notes.extend(unmeasured);
        if fullest.iter().any(|(_, used)| *used >= MAX_USAGE) {
            notes.push(format!("Bars stop at {:.0}% of a limit.", MAX_USAGE * 100.0));
        }
        ChartView::drawn(title, wheelwright_charts::bars(&spec, size, theme), notes, measured(&view))
    }

    pub(crate) async fn correlation_chart(&self, portfolio: &str, size: Size, theme: Theme) -> Result<ChartView> {
        let view = self.latest_risk(portfolio).await?;
        let title = "Correlation of daily returns".to_string();
        let estimate = &view.estimate;
        let n = estimate.symbols.len();
        if n < 2 {
            return Ok(ChartView::empty(title, "correlation needs two names held: it shows which of them fall together", measured(&view)));
        }
        let spec = HeatSpec {
            title: title.clone(),
            rows: estimate.symbols.clone(),
            columns: estimate.symbols.clone(),
            values: estimate.correlation.chunks(n).map(|row| row.iter().map(|v| v.clamp(-1.0, 1.0)).collect()).collect(),
        };
        let span = match (estimate.first, estimate.last) {
            (Some(first), Some(last)) => format!(" ({first} to {last})"),
            _ => String::new(),
        };
        let mut notes =
            vec![format!("From {} daily log returns{span}; the Monte Carlo paths draw with this correlation.", estimate.observations)];
        if view.report.shrinkage > 0.0 {
            notes.push(format!(
                "The simulation shrank it {:.0}% toward no correlation, the least that makes it consistent.",
                view.report.shrinkage * 100.0
            ));
        }
        ChartView::drawn(title, wheelwright_charts::heatmap(&spec, size, theme), notes, measured(&view))
    }
}
