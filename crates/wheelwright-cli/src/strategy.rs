//! `wheelwright positions`, `recommend`, `roll` and `scan`: the strategy services from a
//! terminal, as tables (or `--json`). The scan reports its progress on standard error.

use crate::args::{Command, CriteriaFlags, WheelCommand};
use crate::run::emit;
use crate::show::table;
use wheelwright_domain::ErrorCode;
use wheelwright_engine::criteria::WheelCriteriaInput;
use wheelwright_engine::strategy::{RecommendRequest, ScanProgress, ScanRequest, ScanResult};
use wheelwright_engine::{Engine, EngineError, Result};
use wheelwright_strategy::candidate::Candidate;
use wheelwright_strategy::expiration::ExpirationDay;
use wheelwright_strategy::monitor::PositionView;
use wheelwright_strategy::profile::{BasisGuard, Criteria, Overrides};
use wheelwright_strategy::recommend::Recommendation;
use wheelwright_strategy::roll::RollAnalysis;
use wheelwright_strategy::scan::ScanFilter;

fn overrides(flags: CriteriaFlags) -> Result<Overrides> {
    let basis_guard = match flags.basis_guard.as_deref() {
        None => None,
        Some("adjusted") => Some(BasisGuard::Adjusted),
        Some("tax") => Some(BasisGuard::Tax),
        Some("off") => Some(BasisGuard::Off),
        Some(other) => {
            return Err(EngineError::field(
                ErrorCode::InvalidInput,
                "basis_guard",
                format!("--basis-guard '{other}': use adjusted, tax or off"),
            ))
        }
    };
    Ok(Overrides {
        delta_min: flags.delta_min,
        delta_max: flags.delta_max,
        dte_min: flags.dte_min,
        dte_max: flags.dte_max,
        min_premium: flags.min_premium,
        min_annualized_yield: flags.min_yield,
        min_open_interest: flags.min_oi,
        max_spread: flags.max_spread,
        basis_guard,
        take_profit: flags.take_profit,
    })
}

/// One line of criteria, as a trader reads them.
fn describe(c: &Criteria) -> String {
    format!(
        "|Δ| {:.2}–{:.2}, {}–{} days, bid ≥ {:.2}, yield ≥ {:.0}%/yr, OI ≥ {}, spread ≤ {:.0}%, basis guard {:?}, take profit at {:.0}%",
        c.delta_min,
        c.delta_max,
        c.dte_min,
        c.dte_max,
        c.min_premium,
        c.min_annualized_yield * 100.0,
        c.min_open_interest,
        c.max_spread * 100.0,
        c.basis_guard,
        c.take_profit * 100.0
    )
}

fn pct(x: Option<f64>) -> String {
    x.map_or("–".into(), |x| format!("{:.1}%", 100.0 * x))
}

fn expiration(day: Option<&ExpirationDay>) -> String {
    let Some(day) = day else { return "no open options\n".into() };
    let rows = day
        .options
        .iter()
        .map(|o| {
            vec![
                format!("{} {} {} ({})", o.symbol, o.strike, o.right.word(), format!("{:?}", o.side).to_lowercase()),
                format!("{:.2}", o.spot),
                o.summary.clone(),
                if o.pin_risk { "PIN".into() } else { String::new() },
            ]
        })
        .collect();
    let mut out = format!("Expiration {} (at current prices; pin risk within {:.1}%)\n", day.expiry, day.pin_distance * 100.0);
    out += &table(&["option", "spot", "outcome", "pin"], rows);
    out += &format!(
        "cash {:.2} − needed {:.2} + received {:.2} = {:.2} next session\n",
        day.cash, day.cash_needed, day.cash_received, day.cash_after
    );
    for s in &day.shares {
        out += &format!("{}: {} shares → {}\n", s.symbol, s.held, s.after);
    }
    for shortfall in &day.shortfalls {
        out += &format!("SHORT: {shortfall}\n");
    }
    out
}

pub(crate) fn positions(list: &[PositionView]) -> String {
    if list.is_empty() {
        return "no open options\n".into();
    }
    let rows = list
        .iter()
        .map(|p| {
            vec![
                p.symbol.clone(),
                format!("{} {} {}", p.expiry, p.strike, p.right.word()),
                format!("{:?}", p.side).to_lowercase(),
                p.contracts.to_string(),
                format!("{}/{}", p.dte_calendar, p.dte_trading),
                p.moneyness_label.clone(),
                p.mark.map_or("–".into(), |m| format!("{m:.2}")),
                p.extrinsic.map_or("–".into(), |m| format!("{m:.2}")),
                p.unrealized_pnl.map_or("–".into(), |m| format!("{m:.2}")),
                pct(p.max_profit_captured),
                format!("{:?} ({})", p.risk, p.risk_rule),
            ]
        })
        .collect();
    table(&["Symbol", "Option", "Side", "Qty", "DTE cal/trd", "Moneyness", "Mark", "Time value", "P&L", "Captured", "Risk"], rows)
}

fn candidates(list: &[Candidate]) -> String {
    let rows = list
        .iter()
        .map(|c| {
            vec![
                c.symbol.clone(),
                format!("{} {} {}", c.expiry, c.strike, c.right.word()),
                c.dte.to_string(),
                format!("{:.2}/{:.2}", c.bid, c.mid),
                format!("{:+.2}", c.delta),
                pct(Some(c.annualized_yield)),
                pct(Some(c.pop)),
                c.open_interest.to_string(),
                format!("{:.1} (y {:.2} p {:.2} l {:.2})", c.score.total, c.score.yield_part, c.score.pop_part, c.score.liquidity_part),
                c.warnings.iter().map(|w| format!("{:?}", w.code)).collect::<Vec<_>>().join(", "),
            ]
        })
        .collect();
    table(&["Symbol", "Option", "DTE", "Bid/Mid", "Δ", "Yield/yr", "POP", "OI", "Score (parts)", "Warnings"], rows)
}

fn recommendations(list: &[Recommendation]) -> String {
    let mut out = String::new();
    for r in list {
        out.push_str(&format!("{} ({}): {:?} — {}\n", r.symbol, r.state.as_str(), r.action, r.reason));
        if !r.candidates.is_empty() {
            out.push_str(&candidates(&r.candidates));
        }
        out.push('\n');
    }
    out
}

fn rolls(a: &RollAnalysis) -> String {
    let rows = a
        .rolls
        .iter()
        .map(|r| {
            vec![
                format!("{:?}", r.kind),
                format!("{} {}", r.expiry, r.strike),
                format!("+{}", r.days_added),
                format!("{:+.2}", r.net),
                format!("{:+.2}", r.net_mid),
                format!("{:.2}", r.breakeven),
                format!("{:+.1} pts", 100.0 * r.pop_change),
                format!("{:+.0}", r.capital_change),
                r.moneyness_label.clone(),
            ]
        })
        .collect();
    format!(
        "{} {} {} {}: buy back at {:.2}\n{}{}\n",
        a.symbol,
        a.expiry,
        a.strike,
        a.right.word(),
        a.close_cost,
        table(&["Roll", "To", "Days", "Net", "Net mid", "Breakeven", "ΔPOP", "ΔCapital", "Moneyness"], rows),
        a.summary
    )
}

fn scanned(r: &ScanResult) -> String {
    let skipped: Vec<String> = r.skipped.iter().map(|s| format!("  {}: {}\n", s.symbol, s.reason)).collect();
    format!(
        "scan {} ({}): {} symbols, {} opportunities\n{}{}",
        r.id,
        r.provider,
        r.scanned,
        r.candidates.len(),
        candidates(&r.candidates),
        if skipped.is_empty() { String::new() } else { format!("skipped:\n{}", skipped.concat()) }
    )
}

pub async fn run(engine: &Engine, command: Command, json: bool) -> Result<()> {
    match command {
        Command::Positions { portfolio } => emit(json, &engine.positions(&portfolio).await?, |l| positions(l)),
        Command::Expiration { portfolio, pin } => {
            emit(json, &engine.expiration(&portfolio, pin.map(|p| p / 100.0)).await?, |day| expiration(day.as_ref()))
        }
        Command::Recommend { portfolio, symbol, limit, criteria } => {
            let request = RecommendRequest { portfolio, symbol, overrides: overrides(criteria)?, limit: Some(limit) };
            emit(json, &engine.recommend(request).await?, |l| recommendations(l))
        }
        Command::Profile { criteria } => {
            let changes = overrides(criteria)?;
            let current = engine.custom_profile().await?;
            let profile = if changes == Overrides::default() {
                current
            } else {
                let updated =
                    current.with(&changes).map_err(|(field, message)| EngineError::field(ErrorCode::InvalidInput, field, message))?;
                engine.set_custom_profile(updated).await?
            };
            emit(json, &profile, |c| format!("custom profile: {}\n", describe(c)))
        }
        Command::Wheel(WheelCommand::Criteria { symbol, portfolio, custom, named, clear, criteria }) => {
            let changes = overrides(criteria)?;
            let mut chosen = engine.wheel_criteria(&portfolio, &symbol).await?;
            if custom || named || clear || changes != Overrides::default() {
                let base = if clear { Overrides::default() } else { chosen.overrides };
                let choice =
                    WheelCriteriaInput { custom: if custom || named { custom } else { chosen.custom }, overrides: base.merged(&changes) };
                chosen = engine.set_wheel_criteria(&portfolio, &symbol, choice).await?;
            }
            emit(json, &chosen, |w| format!("{} in {}: {} profile — {}\n", w.symbol, w.portfolio, w.profile, describe(&w.criteria)))
        }
        Command::Roll { symbol, portfolio, leg } => emit(json, &engine.roll(&portfolio, &symbol, leg).await?, rolls),
        Command::Scan {
            symbols,
            watchlist,
            portfolio,
            max_price,
            dte_min,
            dte_max,
            delta_min,
            delta_max,
            min_oi,
            min_credit,
            include_earnings,
            limit,
        } => {
            let filter = ScanFilter {
                max_price,
                dte_min,
                dte_max,
                delta_min,
                delta_max,
                min_open_interest: min_oi,
                min_credit,
                exclude_earnings: !include_earnings,
                limit,
            };
            let progress = |p: ScanProgress| {
                if p.done < p.total {
                    eprint!("\rscanning {}/{} {:<6}", p.done + 1, p.total, p.symbol);
                } else {
                    eprintln!("\rscanned {} symbols      ", p.total);
                }
            };
            let result = engine.scan(ScanRequest { watchlist, symbols, portfolio, filter }, &progress).await?;
            emit(json, &result, scanned)
        }
        _ => unreachable!("only strategy commands are routed here"),
    }
}
