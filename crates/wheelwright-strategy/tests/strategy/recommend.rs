use crate::support::*;
use wheelwright_domain::{Action::*, Right};
use wheelwright_strategy::profile::{BasisGuard, Criteria, Overrides};
use wheelwright_strategy::recommend::*;
use wheelwright_strategy::value::Model;

#[test]
fn an_idle_wheel_gets_puts_inside_its_profile() {
    let chains: Vec<_> = ["KO", "PEP", "AAPL", "MSFT", "JPM", "XOM"].into_iter().map(demo_chain).collect();
    for criteria in [Criteria::CONSERVATIVE, Criteria::MODERATE, Criteria::AGGRESSIVE] {
        let recs: Vec<_> =
            chains.iter().map(|chain| recommend(&wheel(chain.underlying.symbol.as_str(), &[]), chain, &criteria, None, 5)).collect();
        // The Demo market quotes realistic spreads, so not every symbol has a put inside every
        // profile; each profile finds some across these six.
        assert!(recs.iter().any(|r| r.action == Move::SellPut), "{:?}", recs.iter().map(|r| &r.reason).collect::<Vec<_>>());
        for rec in recs.iter().filter(|r| r.action == Move::SellPut) {
            assert!(!rec.candidates.is_empty() && rec.candidates.len() <= 5);
            check_inside(rec, &criteria);
        }
        for rec in recs.iter().filter(|r| r.action != Move::SellPut) {
            assert_eq!(rec.action, Move::NoTrade);
            assert!(rec.reason.starts_with("No put meets the criteria"), "{}", rec.reason);
        }
    }
}

fn check_inside(rec: &Recommendation, criteria: &Criteria) {
    for c in &rec.candidates {
        assert_eq!((c.right, c.model), (Right::Put, Model::American));
        assert!((criteria.delta_min..=criteria.delta_max).contains(&c.delta.abs()), "Δ {}", c.delta);
        assert!(c.dte >= criteria.dte_min && c.dte <= criteria.dte_max);
        assert!(c.bid >= criteria.min_premium && c.annualized_yield >= criteria.min_annualized_yield);
        assert!(c.open_interest >= criteria.min_open_interest && (c.spread <= criteria.max_spread + 1e-9 || c.width <= 0.05 + 1e-9));
    }
    assert!(rec.candidates.windows(2).all(|w| w[0].score.total >= w[1].score.total));
    assert_eq!(rec.reason, rec.candidates[0].reason);
}

#[test]
fn buying_power_keeps_out_puts_that_cannot_be_secured() {
    let chain = demo_chain("KO");
    let idle = wheel("KO", &[]);
    let all = recommend(&idle, &chain, &Criteria::MODERATE, None, 20).candidates;
    let cheapest = all.iter().map(|c| c.capital_required).fold(f64::MAX, f64::min);
    let limited = recommend(&idle, &chain, &Criteria::MODERATE, Some(cheapest), 20);
    assert!(limited.candidates.iter().all(|c| c.capital_required <= cheapest));
    assert!(!limited.candidates.is_empty());
    let broke = recommend(&idle, &chain, &Criteria::MODERATE, Some(100.0), 20);
    assert_eq!(broke.action, Move::NoTrade);
    assert!(broke.reason.starts_with("No put meets the criteria (|Δ| 0.25–0.30, 30–45 DTE"), "{}", broke.reason);
}

#[test]
fn shares_get_covered_calls_at_or_above_the_adjusted_basis() {
    let chain = demo_chain("KO");
    let spot = chain.underlying.last.unwrap();
    // Assigned at a strike 4% above today's price, after a 0.50 put premium.
    let strike = format!("{:.0}", spot * 1.04);
    let held = wheel(
        "KO",
        &[
            ("2026-10-01", Sto, Some((Right::Put, &strike, "2026-10-16")), "2", "0.50"),
            ("2026-10-16", Assign, Some((Right::Put, &strike, "2026-10-16")), "2", "0"),
        ],
    );
    let basis: f64 = held.adjusted_basis_per_share.unwrap().try_into().unwrap();
    let relaxed = Criteria::MODERATE
        .with(&Overrides { delta_min: Some(0.05), delta_max: Some(0.60), min_annualized_yield: Some(0.0), ..Overrides::default() })
        .unwrap();
    let rec = recommend(&held, &chain, &relaxed, None, 10);
    assert_eq!(rec.action, Move::SellCall, "{}", rec.reason);
    assert!(rec.candidates.iter().all(|c| c.right == Right::Call && c.strike >= basis && c.contracts == 2));
    // With the guard off, strikes below basis come back, each warned about.
    let unguarded = relaxed.with(&Overrides { basis_guard: Some(BasisGuard::Off), ..Overrides::default() }).unwrap();
    let rec = recommend(&held, &chain, &unguarded, None, 40);
    let below: Vec<_> = rec.candidates.iter().filter(|c| c.strike < basis).collect();
    assert!(!below.is_empty(), "a strike below {basis} at spot {spot}");
    assert!(below.iter().all(|c| c.warnings.iter().any(|w| w.message.contains("assignment locks in a loss"))));
}

#[test]
fn an_open_put_is_held_closed_for_profit_or_rolled() {
    // KO at 49: a Dec 18 50 put quoted 1.90 × 2.00 (ITM by 2%, 28 DTE → MEDIUM: hold).
    let put = |bid: f64, ask: f64, expiry: &str| contract("KO", Right::Put, 50.0, expiry, bid, ask, 500);
    let open = |expiry: &str, price: &str| wheel("KO", &[("2026-11-02", Sto, Some((Right::Put, "50", expiry)), "1", price)]);
    // The Dec 18 50 put sold at 1.20, with KO at `spot` and the put quoted bid × ask.
    let advise = |spot: f64, bid: f64, ask: f64, criteria: &Criteria| {
        recommend(&open("2026-12-18", "1.20"), &chain(underlying("KO", spot), vec![put(bid, ask, "2026-12-18")]), criteria, None, 5)
    };
    let rec = advise(49.0, 1.90, 2.00, &Criteria::MODERATE);
    assert_eq!(rec.action, Move::Hold);
    assert_eq!(rec.reason, "Hold the Dec 18 50 put: ITM by 2.0%, 28 DTE, -62% of the maximum profit captured, risk MEDIUM (in the money).");
    // At 0.55 × 0.65 the 1.20 put has (1.20 − 0.60) / 1.20 = 50% captured: exactly the take profit.
    let rec = advise(52.0, 0.55, 0.65, &Criteria::MODERATE);
    assert_eq!(rec.action, Move::CloseForProfit);
    assert_eq!(rec.reason, "Close the Dec 18 50 put: 50% of the maximum profit is captured (take profit at 50%).");
    // Aggressive waits for 65%.
    let rec = advise(52.0, 0.55, 0.65, &Criteria::AGGRESSIVE);
    assert_eq!(rec.action, Move::Hold);
    // ITM with 7 days left → HIGH → roll, with the analysis attached.
    let contracts = vec![put(1.90, 2.00, "2026-11-27"), put(2.60, 2.70, "2026-12-18")];
    let rec = recommend(&open("2026-11-27", "1.20"), &chain(underlying("KO", 48.5), contracts), &Criteria::MODERATE, None, 5);
    assert_eq!(rec.action, Move::Roll);
    assert!(rec.reason.starts_with("Consider rolling the Nov 27 50 put: HIGH risk (in the money with 7 days or fewer left). Roll to the Dec 18 50 for a 0.60 credit"), "{}", rec.reason);
    assert_eq!(rec.roll.unwrap().rolls.len(), 1);
}

#[test]
fn an_option_past_its_expiry_asks_for_its_ending_to_be_recorded() {
    // On Friday Nov 20 the Nov 13 50 put, sold on Nov 2, is still open on the ledger a week after it expired.
    let lapsed = wheel("KO", &[("2026-11-02", Sto, Some((Right::Put, "50", "2026-11-13")), "1", "1.20")]);
    let rec = recommend(
        &lapsed,
        &chain_with(vec![contract("KO", Right::Put, 50.0, "2026-12-18", 0.55, 0.65, 500)]),
        &Criteria::MODERATE,
        None,
        5,
    );
    assert_eq!((rec.action, rec.candidates.len(), rec.roll.is_none()), (Move::NoTrade, 0, true));
    assert_eq!(
        rec.reason,
        "Record how the Nov 13 50 put ended: it expired on 2026-11-13, 7 days ago (expired, assigned or exercised). The next trade is judged after that."
    );
    // Beside a put still trading (expiring today, at 50% captured) the lapsed one comes first and
    // the live one's advice follows: a lapsed long put blocks nothing.
    let mixed = wheel(
        "KO",
        &[
            ("2026-11-02", Bto, Some((Right::Put, "45", "2026-11-19")), "1", "0.30"),
            ("2026-11-02", Sto, Some((Right::Put, "50", "2026-11-20")), "1", "1.20"),
        ],
    );
    let chain = chain_with(vec![contract("KO", Right::Put, 50.0, "2026-11-20", 0.55, 0.65, 500)]);
    let rec = recommend(&mixed, &chain, &Criteria::MODERATE, None, 5);
    assert_eq!(rec.action, Move::CloseForProfit, "{}", rec.reason);
    assert_eq!(
        rec.reason,
        "Record how the Nov 19 45 put ended: it expired on 2026-11-19, 1 day ago (expired, assigned or exercised). Meanwhile: Close the Nov 20 50 put: 50% of the maximum profit is captured (take profit at 50%)."
    );
}

fn chain_with(contracts: Vec<wheelwright_domain::market::OptionQuote>) -> wheelwright_domain::market::OptionChain {
    chain(underlying("KO", 52.0), contracts)
}
