//! The next trade for a wheel: cash-secured puts when it is idle, covered calls on shares that no
//! call covers, and for an open short option "hold", "close for profit" or "roll". Candidates are
//! screened with European values, then the best are re-valued with the American engine and
//! checked again, so the delta band and POP shown are the American ones.

use crate::candidate::{select, too_wide, Candidate, Offer, Situation, EPSILON};
use crate::monitor::{next_dividend, watch_all, PositionView, RiskLevel};
use crate::profile::{BasisGuard, Criteria};
use crate::roll::{self, RollAnalysis};
use crate::value::{float as f, Context};
use serde::Serialize;
use ts_rs::TS;
use wheelwright_domain::ledger::Side;
use wheelwright_domain::market::OptionChain;
use wheelwright_domain::{Right, WheelState, WheelSummary};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Move {
    SellPut,
    SellCall,
    Hold,
    CloseForProfit,
    Roll,
    NoTrade,
}

#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct Recommendation {
    pub symbol: String,
    pub state: WheelState,
    pub action: Move,
    pub reason: String,
    pub candidates: Vec<Candidate>,
    pub positions: Vec<PositionView>,
    pub roll: Option<RollAnalysis>,
}

/// Contracts of `right` meeting `criteria`, best first, at most `limit`.
pub fn candidates(
    symbol: &str,
    chain: &OptionChain,
    right: Right,
    criteria: &Criteria,
    situation: &Situation,
    limit: usize,
) -> Vec<Candidate> {
    let Some(ctx) = Context::of(chain) else { return Vec::new() };
    let passes = |c: &Candidate| {
        let guard_ok = match (c.right, situation.basis, criteria.basis_guard) {
            (Right::Call, Some(basis), BasisGuard::Adjusted | BasisGuard::Tax) => c.strike >= basis,
            _ => true,
        };
        let power_ok = situation.buying_power.is_none_or(|p| c.right == Right::Call || c.capital_required <= p);
        c.bid >= criteria.min_premium
            && c.annualized_yield >= criteria.min_annualized_yield
            && c.open_interest >= criteria.min_open_interest
            && !too_wide(c.spread, c.width, criteria.max_spread)
            && guard_ok
            && power_ok
    };
    let offers = chain
        .contracts
        .iter()
        .filter(|q| {
            let dte = (q.expiry - ctx.today).num_days();
            q.right == right && q.standard && dte >= criteria.dte_min && dte <= criteria.dte_max
        })
        .map(|quote| Offer { symbol, ctx: &ctx, quote, situation: *situation });
    select(offers, (criteria.delta_min, criteria.delta_max), passes, limit)
}

fn describe(p: &PositionView) -> String {
    format!("the {} {} {}", p.expiry.format("%b %-d"), p.strike, p.right.word())
}

/// What to do next on one wheel. `buying_power` is the portfolio's free cash; `limit` caps the
/// candidates listed.
pub fn recommend(
    summary: &WheelSummary,
    chain: &OptionChain,
    criteria: &Criteria,
    buying_power: Option<f64>,
    limit: usize,
) -> Recommendation {
    let mut rec = judge(summary, chain, criteria, buying_power, limit);
    // An option past its expiry is still open only because its ending was not recorded: that
    // comes first. With nothing else open, no trade is judged until it is recorded; beside
    // options still trading, their advice follows.
    let Some(lapsed) = rec.positions.iter().filter(|p| p.dte_calendar < 0).min_by_key(|p| p.expiry) else {
        return rec;
    };
    let days = -lapsed.dte_calendar;
    let record = format!(
        "Record how {} ended: it expired on {}, {days} day{} ago (expired, assigned or exercised).",
        describe(lapsed),
        lapsed.expiry,
        if days == 1 { "" } else { "s" }
    );
    if rec.positions.iter().all(|p| p.dte_calendar < 0) {
        rec.action = Move::NoTrade;
        rec.candidates.clear();
        rec.roll = None;
        rec.reason = format!("{record} The next trade is judged after that.");
    } else {
        rec.reason = format!("{record} Meanwhile: {}", rec.reason);
    }
    rec
}

/// The advice on the options still trading (and on what the wheel could sell next).
fn judge(summary: &WheelSummary, chain: &OptionChain, criteria: &Criteria, buying_power: Option<f64>, limit: usize) -> Recommendation {
    let mut rec = Recommendation {
        symbol: summary.symbol.clone(),
        state: summary.state,
        action: Move::NoTrade,
        reason: String::new(),
        candidates: Vec::new(),
        positions: Vec::new(),
        roll: None,
    };
    let Some(ctx) = Context::of(chain) else {
        rec.reason = format!("No price for {}: nothing can be judged.", summary.symbol);
        return rec;
    };
    rec.positions = watch_all(summary, chain, &ctx);
    // A lapsed short no longer trades: it is neither closed for profit, rolled nor held.
    let shorts: Vec<&PositionView> = rec.positions.iter().filter(|p| p.side == Side::Short && p.dte_calendar >= 0).collect();
    if let Some(done) = shorts.iter().find(|p| p.max_profit_captured.is_some_and(|c| c >= criteria.take_profit - EPSILON)) {
        rec.action = Move::CloseForProfit;
        rec.reason = format!(
            "Close {}: {:.0}% of the maximum profit is captured (take profit at {:.0}%).",
            describe(done),
            100.0 * done.max_profit_captured.unwrap_or(0.0),
            100.0 * criteria.take_profit
        );
        return rec;
    }
    if let Some(risky) = shorts.iter().filter(|p| p.risk == RiskLevel::High).min_by_key(|p| p.dte_calendar) {
        let option = summary.open_options.iter().find(|o| o.leg_id == risky.leg_id).expect("the view came from this option");
        rec.action = Move::Roll;
        rec.reason = match roll::analyze(&summary.symbol, option, chain) {
            Ok(analysis) => {
                let reason = format!("Consider rolling {}: HIGH risk ({}). {}", describe(risky), risky.risk_rule, analysis.summary);
                rec.roll = Some(analysis);
                reason
            }
            Err(e) => format!("{} is HIGH risk ({}), but no roll can be priced: {e}.", describe(risky), risky.risk_rule),
        };
        return rec;
    }

    // Shares no short call covers can take a covered call.
    let calls_open: f64 =
        summary.open_options.iter().filter(|o| o.right == Right::Call && o.side == Side::Short).map(|o| f(o.contracts)).sum();
    let uncovered = (f(summary.shares) / 100.0).floor() - calls_open;
    let hold = shorts.first().map(|p| {
        format!(
            "Hold {}: {}, {} DTE, {} of the maximum profit captured, risk {} ({}).",
            describe(p),
            p.moneyness_label,
            p.dte_calendar,
            p.max_profit_captured.map_or("unknown".to_string(), |c| format!("{:.0}%", 100.0 * c)),
            format!("{:?}", p.risk).to_uppercase(),
            p.risk_rule
        )
    });
    let (right, contracts) = if uncovered >= 1.0 {
        (Right::Call, uncovered as u32)
    } else if summary.shares.is_zero() && summary.open_options.is_empty() {
        (Right::Put, 1)
    } else {
        rec.action = Move::Hold;
        rec.reason = hold.unwrap_or_else(|| "Nothing to sell: the shares are covered.".into());
        return rec;
    };
    let basis = match criteria.basis_guard {
        BasisGuard::Tax => tax_basis(summary),
        BasisGuard::Adjusted | BasisGuard::Off => summary.adjusted_basis_per_share.map(f),
    };
    let situation = Situation {
        contracts,
        basis: if right == Right::Call { basis } else { None },
        buying_power,
        next_earnings: chain.underlying.next_earnings,
        dividend: next_dividend(chain),
    };
    rec.candidates = candidates(&summary.symbol, chain, right, criteria, &situation, limit);
    let what = if right == Right::Put { "put" } else { "covered call" };
    match rec.candidates.first() {
        Some(best) => {
            rec.action = if right == Right::Put { Move::SellPut } else { Move::SellCall };
            rec.reason = best.reason.clone();
            if let Some(hold) = hold {
                rec.reason = format!("{hold} Meanwhile: {}", best.reason);
            }
        }
        None => {
            rec.action = if hold.is_some() { Move::Hold } else { Move::NoTrade };
            rec.reason = format!(
                "{}No {what} meets the criteria (|Δ| {:.2}–{:.2}, {}–{} DTE, bid ≥ {:.2}, ≥ {:.0}% a year, OI ≥ {}, spread ≤ {:.0}% or 0.05{}).",
                hold.map(|h| format!("{h} ")).unwrap_or_default(),
                criteria.delta_min,
                criteria.delta_max,
                criteria.dte_min,
                criteria.dte_max,
                criteria.min_premium,
                100.0 * criteria.min_annualized_yield,
                criteria.min_open_interest,
                100.0 * criteria.max_spread,
                match (right, situation.basis, criteria.basis_guard) {
                    (Right::Call, Some(b), BasisGuard::Adjusted | BasisGuard::Tax) => format!(", strike ≥ {b:.2} basis"),
                    _ => String::new(),
                }
            );
        }
    }
    rec
}

/// Shares' tax basis a share, over all open lots.
fn tax_basis(summary: &WheelSummary) -> Option<f64> {
    let shares: rust_decimal::Decimal = summary.lots.iter().map(|l| l.shares).sum();
    let basis: rust_decimal::Decimal = summary.lots.iter().map(|l| l.basis).sum();
    (!shares.is_zero()).then(|| f(basis / shares))
}
