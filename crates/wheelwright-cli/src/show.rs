//! Human-readable views for the terminal: compact aligned tables. Scripts use `--json`.

use rust_decimal::Decimal;
use wheelwright_domain::{WheelState, WheelSummary};
use wheelwright_engine::model::{FillOutcome, FillRecord, ImportReport, PortfolioOverview, WheelDetail};
use wheelwright_engine::preview::{FillPreview, TicketStanding};
use wheelwright_engine::rolls::RollOutcome;
use wheelwright_engine::undo::{ChangeKind, FillChange};
use wheelwright_pricing::chain::ChainAnalytics;

fn opt(d: Option<Decimal>) -> String {
    d.map(|d| d.to_string()).unwrap_or_else(|| "—".into())
}

pub(crate) fn table(header: &[&str], rows: Vec<Vec<String>>) -> String {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: Vec<String>| {
        let parts: Vec<String> =
            cells.iter().zip(&widths).enumerate().map(|(i, (c, w))| if i == 0 { format!("{c:<w$}") } else { format!("{c:>w$}") }).collect();
        parts.join("  ").trim_end().to_string() + "\n"
    };
    let mut out = line(header.iter().map(|h| h.to_string()).collect());
    for row in rows {
        out += &line(row);
    }
    out
}

pub fn portfolios(list: &[PortfolioOverview]) -> String {
    if list.is_empty() {
        return "no portfolios yet: wheelwright portfolio create NAME\n".into();
    }
    table(
        &["portfolio", "wheels", "open", "cash", "premium", "realized"],
        list.iter()
            .map(|p| {
                vec![
                    p.portfolio.name.clone(),
                    p.wheels.to_string(),
                    p.open_wheels.to_string(),
                    p.cash.cash.to_string(),
                    p.premium_collected.to_string(),
                    p.realized_pnl.to_string(),
                ]
            })
            .collect(),
    )
}

pub fn portfolio(p: &PortfolioOverview) -> String {
    format!(
        "{}\n  {}\n  wheels {} ({} open)\n  cash {} (deposits {}, withdrawals {}, interest {}, wheels {})\n  premium collected {}\n  realized P&L {}\n",
        p.portfolio.name, p.portfolio.description, p.wheels, p.open_wheels, p.cash.cash, p.cash.deposits, p.cash.withdrawals, p.cash.interest, p.cash.wheels, p.premium_collected, p.realized_pnl
    )
}

pub fn wheels(list: &[WheelSummary]) -> String {
    if list.is_empty() {
        return "no wheels yet: record a fill (wheelwright fill add …) or create one\n".into();
    }
    table(
        &["symbol", "state", "shares", "tax basis/sh", "adj basis/sh", "premium", "realized", "fees"],
        list.iter()
            .map(|w| {
                let tax = (w.lots.len() == 1).then(|| w.lots[0].tax_basis_per_share).or_else(|| {
                    (w.lots.len() > 1).then(|| w.lots.iter().map(|l| l.basis).sum::<Decimal>() / w.shares).map(|d| d.round_dp(4))
                });
                vec![
                    w.symbol.clone(),
                    w.state.as_str().into(),
                    w.shares.to_string(),
                    opt(tax),
                    opt(w.adjusted_basis_per_share),
                    w.premium_collected.to_string(),
                    w.realized_pnl.to_string(),
                    w.fees.to_string(),
                ]
            })
            .collect(),
    )
}

pub fn wheel(d: &WheelDetail) -> String {
    let s = &d.summary;
    let mut out = format!("{} — {} ({:?} profile)\n", s.symbol, s.state.as_str(), d.wheel.profile);
    out += &format!(
        "  shares {}  adjusted basis/sh {}  breakeven {}\n  premium {}  net option cash {}  realized {}  fees {}  dividends {}\n",
        s.shares,
        opt(s.adjusted_basis_per_share),
        opt(s.breakeven),
        s.premium_collected,
        s.net_option_cash,
        s.realized_pnl,
        s.fees,
        s.dividends
    );
    if !s.lots.is_empty() {
        out += "lots\n";
        out += &table(
            &["acquired", "shares", "basis", "basis/sh"],
            s.lots
                .iter()
                .map(|l| vec![l.acquired.to_string(), l.shares.to_string(), l.basis.to_string(), l.tax_basis_per_share.to_string()])
                .collect(),
        );
    }
    if !s.open_options.is_empty() {
        out += "open options\n";
        out += &table(
            &["opened", "side", "right", "strike", "expiry", "contracts", "price"],
            s.open_options
                .iter()
                .map(|o| {
                    vec![
                        o.opened.to_string(),
                        format!("{:?}", o.side).to_lowercase(),
                        o.right.letter().into(),
                        o.strike.to_string(),
                        o.expiry.to_string(),
                        o.contracts.to_string(),
                        o.open_price.to_string(),
                    ]
                })
                .collect(),
        );
    }
    for w in &s.warnings {
        out += &format!("warning (fill {}): {}\n", w.fill_id, w.message);
    }
    out += "fills\n";
    out += &fill_rows(d.fills.iter());
    out
}

fn fill_rows<'a>(fills: impl Iterator<Item = &'a wheelwright_domain::Fill>) -> String {
    table(
        &["id", "date", "action", "symbol", "contract", "qty", "price", "fees", "external id"],
        fills
            .map(|f| {
                let d = &f.data;
                vec![
                    f.id.to_string(),
                    d.date.to_string(),
                    d.action.code().into(),
                    d.symbol.as_ref().map(|s| s.to_string()).unwrap_or_default(),
                    d.option.as_ref().map(|o| o.to_string()).unwrap_or_default(),
                    d.quantity.to_string(),
                    d.price.to_string(),
                    d.fees.to_string(),
                    d.external_id.clone().unwrap_or_default(),
                ]
            })
            .collect(),
    )
}

pub fn fills(list: &[FillRecord]) -> String {
    if list.is_empty() {
        return "no fills\n".into();
    }
    fill_rows(list.iter().map(|r| &r.fill))
}

/// A fill in a few words: "2026-11-20 STO T P 25 2026-12-18 ×1 at 0.40".
fn fill_line(f: &wheelwright_domain::Fill) -> String {
    let d = &f.data;
    let words = [
        d.date.to_string(),
        d.action.code().to_string(),
        d.symbol.as_ref().map(|s| s.to_string()).unwrap_or_default(),
        d.option.as_ref().map(|o| o.to_string()).unwrap_or_default(),
        format!("×{} at {}", d.quantity.normalize(), d.price.normalize()),
    ];
    words.into_iter().filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

pub fn rolled(r: &RollOutcome) -> String {
    let direction = if r.net < Decimal::ZERO { "debit" } else { "credit" };
    format!(
        "rolled {}: bought back fill {} ({}), sold fill {} ({}) — net {direction} {:.2}; change {}, undo both with `wheelwright fill undo {}`\n",
        r.roll_id,
        r.close.fill.id,
        fill_line(&r.close.fill),
        r.open.fill.id,
        fill_line(&r.open.fill),
        r.net.abs(),
        r.change,
        r.change
    )
}

pub fn changes(list: &[FillChange]) -> String {
    if list.is_empty() {
        return "no changes to this portfolio's fills yet\n".into();
    }
    let what = |c: &FillChange| match (c.kind, &c.before, &c.after) {
        (ChangeKind::Edited, _, _) => {
            c.edits.iter().map(|e| format!("{} {} → {}", e.field, e.before, e.after)).collect::<Vec<_>>().join(", ")
        }
        (_, Some(fill), None) | (_, None, Some(fill)) => fill_line(fill),
        _ => String::new(),
    };
    // An undo says what it reversed; a roll's second leg, that it goes with the first.
    let what = |c: &FillChange| {
        let undo = c.undoes.map(|undone| format!("undo of change {undone}: ")).unwrap_or_default();
        let together = c.part_of.map(|first| format!(" (with change {first}, undone together)")).unwrap_or_default();
        format!("{undo}{}{together}", what(c))
    };
    table(
        &["change", "at", "by", "what", "fill", "change made", "undo"],
        list.iter()
            .map(|c| {
                let kind = match c.kind {
                    ChangeKind::Recorded => "recorded",
                    ChangeKind::Edited => "edited",
                    ChangeKind::Deleted => "deleted",
                };
                let undo = if c.undoable { "yes" } else { "after a later change" };
                vec![c.change.to_string(), c.at.clone(), c.source.clone(), kind.into(), c.fill_id.to_string(), what(c), undo.into()]
            })
            .collect(),
    ) + "undo one with `wheelwright fill undo CHANGE`\n"
}

pub fn outcome(o: &FillOutcome) -> String {
    let first = if o.duplicate {
        format!(
            "fill {} with external id {} is already recorded: nothing changed\n",
            o.fill.id,
            o.fill.data.external_id.as_deref().unwrap_or("")
        )
    } else {
        format!("recorded fill {} ({} {})\n", o.fill.id, o.fill.data.date, o.fill.data.action)
    };
    first + &consequences(o)
}

/// What saving an edit did.
pub fn edited(o: &FillOutcome) -> String {
    let first = if o.duplicate {
        format!("fill {} is unchanged: the edit matches what is recorded, so nothing was written\n", o.fill.id)
    } else {
        format!("updated fill {} ({} {})\n", o.fill.id, o.fill.data.date, o.fill.data.action)
    };
    first + &consequences(o)
}

/// The change's number to undo it by, the wheel's state and the ledger's warnings.
fn consequences(o: &FillOutcome) -> String {
    let mut out = String::new();
    if let Some(change) = o.change {
        out += &format!("change {change}: undo with `wheelwright fill undo {change}`\n");
    }
    if let Some(s) = &o.summary {
        out += &format!("{} is now {}\n", s.symbol, s.state.as_str());
    }
    for w in &o.warnings {
        out += &format!("warning: {}\n", w.message);
    }
    out
}

/// Before → after, one figure a line, only the figures that change.
pub fn preview(p: &FillPreview) -> String {
    if p.duplicate {
        return "no change: the ledger already records exactly this\n".into();
    }
    let mut out = format!("preview in '{}'{}:\n", p.portfolio, p.symbol.as_ref().map_or(String::new(), |s| format!(", {s}")));
    out += &changed_figures(&p.before, &p.after, "  ", false);
    if p.new_wheel {
        out += "  starts a new wheel\n";
    }
    if let Some(left) = &p.moved_from {
        out += &format!("  leaves the {} wheel:\n", left.symbol);
        out += &changed_figures(&left.before, &left.after, "    ", true);
    }
    for w in &p.warnings {
        out += &format!("warning: {}\n", w.message);
    }
    out
}

/// The figures that differ between two standings, a line each; only the wheel's when the
/// portfolio's are shown elsewhere.
fn changed_figures(b: &TicketStanding, a: &TicketStanding, indent: &str, wheel_only: bool) -> String {
    let money = |x: Decimal| format!("{x:.2}");
    let basis = |x: Option<Decimal>| x.map_or("–".to_string(), |x| format!("{:.4}", x.normalize()));
    let state = |s: Option<WheelState>| s.map_or("–", |s| s.as_str()).to_string();
    let portfolio = [
        ("cash", money(b.cash), money(a.cash)),
        ("collateral", money(b.collateral), money(a.collateral)),
        ("free cash", money(b.free_cash), money(a.free_cash)),
    ];
    let wheel = [
        ("shares", b.shares.normalize().to_string(), a.shares.normalize().to_string()),
        ("cost basis/share", basis(b.cost_basis_per_share), basis(a.cost_basis_per_share)),
        ("adjusted basis/share", basis(b.adjusted_basis_per_share), basis(a.adjusted_basis_per_share)),
        ("premium collected", money(b.premium_collected), money(a.premium_collected)),
        ("realized P&L", money(b.realized_pnl), money(a.realized_pnl)),
        ("state", state(b.state), state(a.state)),
    ];
    portfolio
        .iter()
        .filter(|_| !wheel_only)
        .chain(wheel.iter())
        .filter(|(_, before, after)| before != after)
        .map(|(name, before, after)| format!("{indent}{name}: {before} → {after}\n"))
        .collect()
}

pub fn import(r: &ImportReport) -> String {
    let mut out = format!(
        "imported {} of {} rows into '{}'{}\n",
        r.added,
        r.rows,
        r.portfolio,
        if r.portfolio_created { " (new portfolio)" } else { "" }
    );
    if !r.skipped.is_empty() {
        out += &format!(
            "skipped {} already recorded: rows {}\n",
            r.skipped.len(),
            r.skipped.iter().map(|s| s.row.to_string()).collect::<Vec<_>>().join(", ")
        );
    }
    if !r.wheels_created.is_empty() {
        out += &format!("new wheels: {}\n", r.wheels_created.join(", "));
    }
    for w in &r.warnings {
        out += &format!("warning (fill {}): {}\n", w.fill_id, w.message);
    }
    out
}

fn percent(x: Option<f64>) -> String {
    x.map(|v| format!("{:.2}%", v * 100.0)).unwrap_or_else(|| "—".into())
}

pub fn chain(a: &ChainAnalytics) -> String {
    let ratio = |x: Option<f64>| x.map(|v| format!("{v:.2}")).unwrap_or_else(|| "—".into());
    let mut out = format!(
        "{} at {} ({}), IVs: European Black from the OTM side at the mid\nput/call volume {}, open interest {}\n",
        a.symbol,
        a.underlying_price,
        a.quote_time,
        ratio(a.put_call_volume_ratio),
        ratio(a.put_call_oi_ratio)
    );
    out += &table(
        &["expiry", "days", "ATM IV", "25Δ skew", "P/C vol", "P/C OI", "max pain", "smile pts"],
        a.expiries
            .iter()
            .map(|e| {
                vec![
                    e.expiry.to_string(),
                    format!("{:.2}", e.t * 365.0),
                    percent(e.atm_iv),
                    percent(e.skew_25d),
                    ratio(e.put_call_volume_ratio),
                    ratio(e.put_call_oi_ratio),
                    e.max_pain.map(|p| p.to_string()).unwrap_or_else(|| "—".into()),
                    e.smile.len().to_string(),
                ]
            })
            .collect(),
    );
    out
}
