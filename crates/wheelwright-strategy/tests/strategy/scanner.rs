use crate::support::*;
use wheelwright_domain::Right;
use wheelwright_strategy::scan::*;

fn chains() -> Vec<wheelwright_domain::market::OptionChain> {
    ["KO", "PEP", "T", "VZ", "INTC", "PFE"].iter().map(|s| demo_chain(s)).collect()
}

#[test]
fn scan_results_meet_the_filter_and_rank_by_score() {
    let chains = chains();
    let inputs: Vec<ScanInput> = chains.iter().map(|chain| ScanInput { chain, shares_held: 0.0 }).collect();
    let filter = ScanFilter { limit: 30, ..ScanFilter::default() };
    let found = scan(&inputs, &filter);
    assert!(found.len() >= 10, "{} found", found.len());
    assert!(found.len() <= 30);
    for c in &found {
        assert_eq!(c.right, Right::Put, "no shares held: puts only");
        assert!(c.dte >= 7 && c.dte <= 60 && c.open_interest >= 100 && c.bid >= 0.20);
        assert!((0.15..=0.35).contains(&c.delta.abs()));
        let earnings = chains.iter().find(|ch| ch.underlying.symbol.as_str() == c.symbol).unwrap().underlying.next_earnings;
        assert!(earnings.is_none_or(|e| e > c.expiry), "{} {} holds earnings {earnings:?}", c.symbol, c.expiry);
        let s = &c.score;
        assert!((s.total - 100.0 * (0.45 * s.yield_part + 0.35 * s.pop_part + 0.20 * s.liquidity_part)).abs() < 1e-9);
    }
    assert!(found.windows(2).all(|w| w[0].score.total >= w[1].score.total));
    // The same watchlist in another order ranks the same.
    let reversed: Vec<ScanInput> = inputs.iter().rev().copied().collect();
    let occ = |list: &[wheelwright_strategy::candidate::Candidate]| list.iter().map(|c| c.occ.clone()).collect::<Vec<_>>();
    assert_eq!(occ(&scan(&reversed, &filter)), occ(&found));
}

#[test]
fn held_symbols_add_covered_calls_and_price_caps_drop_puts() {
    let chains = chains();
    let spot_ko = chains[0].underlying.last.unwrap();
    let inputs: Vec<ScanInput> = chains
        .iter()
        .map(|chain| ScanInput { chain, shares_held: if chain.underlying.symbol.as_str() == "KO" { 250.0 } else { 0.0 } })
        .collect();
    let filter = ScanFilter { limit: 200, exclude_earnings: false, ..ScanFilter::default() };
    let found = scan(&inputs, &filter);
    let calls: Vec<_> = found.iter().filter(|c| c.right == Right::Call).collect();
    assert!(!calls.is_empty());
    assert!(calls.iter().all(|c| c.symbol == "KO" && c.contracts == 2), "250 shares cover 2 calls");
    let capped = scan(&inputs, &ScanFilter { max_price: Some(spot_ko - 0.01), ..filter });
    assert!(capped.iter().all(|c| c.right == Right::Call || c.spot <= spot_ko - 0.01));
}

#[test]
fn filters_that_select_nothing_are_refused_with_the_field() {
    let bad = |f: ScanFilter| f.check().unwrap_err().0;
    assert_eq!(bad(ScanFilter { delta_min: 0.4, delta_max: 0.2, ..ScanFilter::default() }), "delta_min");
    assert_eq!(bad(ScanFilter { dte_min: 30, dte_max: 10, ..ScanFilter::default() }), "dte_min");
    assert_eq!(bad(ScanFilter { max_price: Some(0.0), ..ScanFilter::default() }), "max_price");
    assert_eq!(bad(ScanFilter { limit: 0, ..ScanFilter::default() }), "limit");
    assert_eq!(bad(ScanFilter { min_credit: f64::NAN, ..ScanFilter::default() }), "min_credit");
    assert!(ScanFilter::default().check().is_ok());
}
