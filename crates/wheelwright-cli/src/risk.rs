//! `wheelwright risk`, `limits` and `check-trade`: the book's risk, the trader's limits and the
//! pre-trade check from a terminal, as tables (or `--json`).

use crate::args::{Command, LimitFlags};
use crate::run::emit;
use crate::show::table;
use wheelwright_domain::ErrorCode;
use wheelwright_engine::risk::{RiskRequest, RiskView, TradeAction, TradeCheck, TradeKind, TradeRequest};
use wheelwright_engine::{Engine, EngineError, Result};
use wheelwright_risk::limits::Limits;
use wheelwright_risk::parametric::Method;
use wheelwright_risk::pretrade::Verdict;

fn money(x: f64) -> String {
    format!("{x:.2}")
}

fn pct(x: Option<f64>) -> String {
    x.map_or("–".into(), |x| format!("{x:.1}%"))
}

fn method(m: Method) -> &'static str {
    match m {
        Method::DeltaNormal => "delta-normal",
        Method::DeltaGamma => "delta-gamma",
        Method::MonteCarlo => "Monte Carlo",
    }
}

fn risk_view(view: &RiskView) -> String {
    let e = &view.report.exposure;
    let mut out = format!(
        "{} at {} ({}): net liquidation {}, cash {}, free cash {}, collateral {}, Reg-T estimate {}\n\
         dollar delta {}, dollar gamma (1% move) {}, theta/day {}, vega/vol point {}\n\n",
        view.portfolio,
        view.as_of.format("%Y-%m-%d %H:%M UTC"),
        view.provider,
        money(e.net_liquidation),
        money(e.cash),
        money(e.free_cash),
        money(e.collateral),
        money(e.margin_estimate),
        money(e.dollar_delta),
        money(e.dollar_gamma),
        money(e.theta_per_day),
        money(e.vega_per_point),
    );
    let rows = e
        .holdings
        .iter()
        .map(|h| {
            vec![
                h.label.clone(),
                format!("{}", h.quantity),
                money(h.value),
                format!("{:.1}", h.delta_shares),
                money(h.dollar_delta),
                money(h.theta_per_day),
                money(h.collateral),
                money(h.margin_estimate),
            ]
        })
        .collect();
    out += &table(&["holding", "qty", "value", "Δ shares", "$ delta", "θ/day", "collateral", "Reg-T"], rows);
    out += "\n";
    let rows =
        e.names.iter().map(|n| vec![n.symbol.clone(), n.sector.clone().unwrap_or_default(), money(n.exposure), pct(n.pct)]).collect();
    out += &table(&["name", "sector", "exposure", "of book"], rows);
    out += "\n";
    let rows = view
        .report
        .var
        .iter()
        .map(|v| {
            vec![
                format!("{} sessions", v.sessions),
                format!("{:.0}%", v.confidence * 100.0),
                method(v.method).into(),
                money(v.var),
                money(v.expected_shortfall),
            ]
        })
        .collect();
    out += &table(&["horizon", "confidence", "method", "VaR", "ES"], rows);
    out += &format!(
        "\nVolatility and correlation from {} daily returns ({} to {}); Monte Carlo {} paths, seed {}.\n",
        view.estimate.observations,
        view.estimate.first.map_or("–".into(), |d| d.to_string()),
        view.estimate.last.map_or("–".into(), |d| d.to_string()),
        view.report.simulation.paths,
        view.report.simulation.seed,
    );
    for note in &view.notes {
        out += &format!("note: {note}\n");
    }
    out
}

fn limits_table(l: &Limits) -> String {
    let rows = [
        ("max_position_pct", l.max_position_pct),
        ("max_name_pct", l.max_name_pct),
        ("max_sector_pct", l.max_sector_pct),
        ("max_delta_pct", l.max_delta_pct),
        ("max_daily_loss_pct", l.max_daily_loss_pct),
        ("min_cash_pct", l.min_cash_pct),
    ]
    .iter()
    .map(|(name, value)| vec![name.to_string(), format!("{value}%")])
    .collect();
    table(&["limit", "of net liquidation"], rows)
}

fn trade_check(c: &TradeCheck) -> String {
    let verdict = match c.result.verdict {
        Verdict::Approved => "approved",
        Verdict::Warnings => "approved with warnings",
        Verdict::Violations => "violates the limits",
    };
    let mut out = format!("{}: {verdict}\n", c.trade);
    let rows = c.result.checks.iter().map(|k| vec![format!("{:?}", k.status).to_lowercase(), k.message.clone()]).collect();
    out += &table(&["status", "check"], rows);
    let (b, a) = (&c.result.before, &c.result.after);
    out += &format!(
        "net liquidation {} → {}; free cash {} → {}; dollar delta {} → {}; 1-day 99% VaR {} → {}\n",
        money(b.net_liquidation),
        money(a.net_liquidation),
        money(b.free_cash),
        money(a.free_cash),
        money(b.dollar_delta),
        money(a.dollar_delta),
        money(b.daily_var),
        money(a.daily_var)
    );
    out
}

fn parse_action(text: &str) -> Result<TradeAction> {
    match text.to_ascii_lowercase().as_str() {
        "sell" => Ok(TradeAction::Sell),
        "buy" => Ok(TradeAction::Buy),
        other => Err(EngineError::field(ErrorCode::InvalidInput, "action", format!("--action '{other}': use sell or buy"))),
    }
}

fn parse_kind(text: &str) -> Result<TradeKind> {
    match text.to_ascii_lowercase().as_str() {
        "put" => Ok(TradeKind::Put),
        "call" => Ok(TradeKind::Call),
        "shares" => Ok(TradeKind::Shares),
        other => Err(EngineError::field(ErrorCode::InvalidInput, "kind", format!("--kind '{other}': use put, call or shares"))),
    }
}

/// The limits with the flags given applied; `None` when no flag was given.
fn changed(mut limits: Limits, set: LimitFlags) -> Option<Limits> {
    let fields = [
        (set.max_position_pct, &mut limits.max_position_pct),
        (set.max_name_pct, &mut limits.max_name_pct),
        (set.max_sector_pct, &mut limits.max_sector_pct),
        (set.max_delta_pct, &mut limits.max_delta_pct),
        (set.max_daily_loss_pct, &mut limits.max_daily_loss_pct),
        (set.min_cash_pct, &mut limits.min_cash_pct),
    ];
    let mut any = false;
    for (given, field) in fields {
        if let Some(value) = given {
            *field = value;
            any = true;
        }
    }
    any.then_some(limits)
}

pub async fn run(engine: &Engine, command: Command, json: bool) -> Result<()> {
    match command {
        Command::Risk { portfolio, paths, seed } => emit(json, &engine.risk(RiskRequest { portfolio, paths, seed }).await?, risk_view),
        Command::Limits { set } => {
            let limits = match changed(engine.limits().await?, set) {
                Some(new) => engine.set_limits(new).await?,
                None => engine.limits().await?,
            };
            emit(json, &limits, limits_table)
        }
        Command::CheckTrade { symbol, portfolio, action, kind, quantity, strike, expiry, price } => {
            let request = TradeRequest {
                portfolio,
                symbol,
                action: parse_action(&action)?,
                kind: parse_kind(&kind)?,
                quantity,
                strike,
                expiry,
                price,
            };
            emit(json, &engine.check_trade(request).await?, trade_check)
        }
        _ => unreachable!("run.rs routes only the risk commands here"),
    }
}
