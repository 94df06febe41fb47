use crate::support::*;
use proptest::prelude::*;
use wheelwright_domain::Right;
use wheelwright_pricing::normal::cdf;
use wheelwright_strategy::candidate::*;
use wheelwright_strategy::monitor::NextDividend;
use wheelwright_strategy::value::{european, Context};

#[test]
fn score_worked_by_hand() {
    // 30% a year → 0.5 of the 60% cap; POP 0.80; spread 5% → 1 − 0.05/0.25 = 0.8; OI 999 → 1;
    // liquidity ½·0.8 + ½·1 = 0.9; total 100 × (0.45·0.5 + 0.35·0.8 + 0.20·0.9) = 68.5.
    let s = score(0.30, 0.80, 0.05, 999);
    assert!((s.yield_part - 0.5).abs() < 1e-12);
    assert!((s.liquidity_part - 0.9).abs() < 1e-12);
    assert!((s.total - 68.5).abs() < 1e-9, "{}", s.total);
    // Edges: the yield part saturates at 60% a year; a 25% spread and zero OI earn nothing.
    assert_eq!(score(0.60, 0.0, 1.0, 0).yield_part, 1.0);
    assert_eq!(score(0.90, 0.0, 1.0, 0).yield_part, 1.0);
    assert_eq!(score(0.0, 0.0, 0.25, 0).liquidity_part, 0.0);
    assert_eq!(score(0.0, 0.0, 0.25, 0).total, 0.0);
    assert_eq!(score(0.0, 1.0, 0.0, 999).total, 100.0 * (0.35 + 0.20));
}

fn put_candidate(bid: f64, ask: f64, open_interest: u64, situation: &Situation) -> Candidate {
    // KO at 52, the Dec 18 50 put: 28 days from Nov 20.
    let chain = chain(underlying("KO", 52.0), vec![contract("KO", Right::Put, 50.0, "2026-12-18", bid, ask, open_interest)]);
    let ctx = Context::of(&chain).unwrap();
    evaluate("KO", &ctx, &chain.contracts[0], &european(&ctx, &chain.contracts[0]), situation).unwrap()
}

#[test]
fn a_cash_secured_put_worked_by_hand() {
    let c = put_candidate(0.95, 1.05, 100, &Situation::default());
    // mid 1.00; yield 1.00 / 50 = 2%; annualized 2% × 365 / 28 = 26.07%.
    assert_eq!((c.mid, c.dte, c.contracts), (1.00, 28, 1));
    assert!((c.premium_yield - 0.02).abs() < 1e-12);
    assert!((c.annualized_yield - 0.02 * 365.0 / 28.0).abs() < 1e-12);
    // Capital (50 − 1) × 100 = 4,900; breakeven 49.
    assert!((c.capital_required - 4900.0).abs() < 1e-9);
    assert!((c.breakeven - 49.0).abs() < 1e-12);
    // POP = N(d2) at the breakeven with the contract's own IV; P(assignment) = N(−d2) at the strike.
    let t = (28.0 * 24.0 + 5.0) / (365.0 * 24.0); // from 11:00 to the 16:00 close 28 days later
    let d2 = |level: f64| ((52.0f64 / level).ln() + (0.04 - 0.5 * c.iv * c.iv) * t) / (c.iv * t.sqrt());
    assert!((c.pop - cdf(d2(49.0))).abs() < 1e-6, "{} vs {}", c.pop, cdf(d2(49.0)));
    assert!((c.assignment_probability - cdf(-d2(50.0))).abs() < 1e-6);
    assert!(c.pop > 1.0 - c.assignment_probability, "the premium moves the breakeven below the strike");
    // A 10% spread is not yet wide; OI of exactly 100 is not low.
    assert!(!too_wide(0.10, 0.10, WIDE_SPREAD) && too_wide(0.1001, 0.10, WIDE_SPREAD));
    // A nickel is never too wide: 20% of a 0.25 mid passes.
    assert!(!too_wide(0.20, 0.05, WIDE_SPREAD) && too_wide(0.20, 0.06, WIDE_SPREAD));
    assert!(c.warnings.is_empty(), "{:?}", c.warnings);
    assert!(c.reason.starts_with("Sell 1 KO Dec 18 50 put at 1.00 (bid 0.95): 28 DTE, Δ -0."), "{}", c.reason);
    assert!(c.reason.contains("2.00% (26.1% a year) on 5,000 collateral, POP"), "{}", c.reason);
}

#[test]
fn warnings_appear_past_their_thresholds() {
    let situation = Situation {
        contracts: 2,
        buying_power: Some(9_000.0),
        next_earnings: Some(d("2026-12-10")),
        dividend: Some(NextDividend { ex_date: d("2026-12-01"), amount: 0.51 }),
        ..Situation::default()
    };
    // Spread 0.12 on a 1.00 mid = 12% > 10% (and wider than a nickel); OI 99 < 100; 2 contracts need (50 − 1) × 200 = 9,800 > 9,000.
    let c = put_candidate(0.94, 1.06, 99, &situation);
    let codes: Vec<CandidateWarningCode> = c.warnings.iter().map(|w| w.code).collect();
    assert_eq!(
        codes,
        [
            CandidateWarningCode::EarningsBeforeExpiry,
            CandidateWarningCode::ExDividendBeforeExpiry,
            CandidateWarningCode::WideSpread,
            CandidateWarningCode::LowOpenInterest,
            CandidateWarningCode::OverBuyingPower
        ]
    );
    assert_eq!(c.warnings[4].message, "needs 9,800 of capital, 9,000 is free");
    assert!(c.reason.ends_with("; earnings on 2026-12-10, before expiry"), "{}", c.reason);
}

#[test]
fn a_covered_call_yields_on_the_shares_and_warns_below_basis() {
    // 300 shares of KO at 52 with a 53.40 basis; the Dec 18 53 call at 0.62 × 0.68.
    let chain = chain(underlying("KO", 52.0), vec![contract("KO", Right::Call, 53.0, "2026-12-18", 0.62, 0.68, 800)]);
    let ctx = Context::of(&chain).unwrap();
    let situation = Situation { contracts: 3, basis: Some(53.40), ..Situation::default() };
    let c = evaluate("KO", &ctx, &chain.contracts[0], &european(&ctx, &chain.contracts[0]), &situation).unwrap();
    // yield 0.65 / 52 = 1.25%; no capital needed; breakeven 53.40 − 0.65 = 52.75.
    assert!((c.premium_yield - 0.65 / 52.0).abs() < 1e-12);
    assert_eq!(c.capital_required, 0.0);
    assert!((c.breakeven - 52.75).abs() < 1e-12);
    assert_eq!(c.warnings.iter().map(|w| w.code).collect::<Vec<_>>(), [CandidateWarningCode::StrikeBelowBasis]);
    assert!(c.reason.contains("on 15,600 of shares"), "{}", c.reason);
}

#[test]
fn contracts_that_cannot_be_candidates_are_refused() {
    let ctx_chain = chain(underlying("KO", 52.0), vec![contract("KO", Right::Put, 50.0, "2026-12-18", 0.0, 0.10, 100)]);
    let ctx = Context::of(&ctx_chain).unwrap();
    let no_bid = &ctx_chain.contracts[0];
    assert!(evaluate("KO", &ctx, no_bid, &european(&ctx, no_bid), &Situation::default()).is_none());
    let mut adjusted = contract("KO", Right::Put, 50.0, "2026-12-18", 0.95, 1.05, 100);
    adjusted.standard = false;
    assert!(evaluate("KO", &ctx, &adjusted, &european(&ctx, &adjusted), &Situation::default()).is_none());
}

proptest! {
    /// Ranking is a total order: any shuffle of the same candidates ranks the same.
    #[test]
    fn ranking_does_not_depend_on_input_order(seed in any::<u64>(), bids in proptest::collection::vec(0.2f64..3.0, 2..12)) {
        let quotes: Vec<_> = bids
            .iter()
            .enumerate()
            .map(|(i, bid)| contract(["KO", "PEP", "T"][i % 3], Right::Put, 40.0 + (i % 4) as f64, "2026-12-18", *bid, bid + 0.05, 100 * (i as u64 % 3)))
            .collect();
        let mut candidates: Vec<Candidate> = quotes
            .iter()
            .filter_map(|q| {
                let ch = chain(underlying(q.underlying.as_str(), 45.0), vec![q.clone()]);
                let ctx = Context::of(&ch).unwrap();
                evaluate(q.underlying.as_str(), &ctx, q, &european(&ctx, q), &Situation::default())
            })
            .collect();
        rank(&mut candidates);
        let expected: Vec<String> = candidates.iter().map(|c| format!("{} {} {}", c.symbol, c.strike, c.score.total)).collect();
        let mut shuffled = candidates.clone();
        let n = shuffled.len();
        for i in 0..n {
            shuffled.swap(i, (seed.rotate_left(i as u32) as usize) % n);
        }
        rank(&mut shuffled);
        let got: Vec<String> = shuffled.iter().map(|c| format!("{} {} {}", c.symbol, c.strike, c.score.total)).collect();
        prop_assert_eq!(got, expected);
        prop_assert!(candidates.windows(2).all(|w| w[0].score.total >= w[1].score.total));
    }
}
