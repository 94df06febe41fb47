//! Invariants over random but valid wheels: replay is deterministic and independent of the order
//! the fills are handed over in; removing a fill and adding it back restores the book; totals
//! reconcile (cash identity, cycles sum to the wheel, fee allocations sum to the fees), and
//! performance reconciles with the book and adds up over adjacent periods.

use crate::book::{assert_cash_identity, base, d, Blotter};
use chrono::Duration;
use proptest::prelude::*;
use rust_decimal::Decimal;
use wheelwright_domain::performance::{performance, Period, WheelInput};
use wheelwright_domain::{replay, Action, OptionSpec, Right};

#[derive(Clone, Debug)]
enum Step {
    SellPut { strike: u32, contracts: u32, cents: u32, fee: u32, days: u32 },
    SellCall { strike: u32, contracts: u32, cents: u32, fee: u32, days: u32 },
    BuyBack { which: usize, contracts: u32, cents: u32, fee: u32 },
    Expire { which: usize },
    Assign { which: usize, contracts: u32, fee: u32 },
    BuyShares { shares: u32, cents: u32, fee: u32 },
    SellShares { shares: u32, cents: u32, fee: u32 },
    Dividend { cents: u32 },
    Fee { cents: u32 },
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        3 => (20u32..60, 1u32..4, 5u32..500, 0u32..400, 7u32..50).prop_map(|(strike, contracts, cents, fee, days)| Step::SellPut { strike, contracts, cents, fee, days }),
        3 => (20u32..60, 1u32..3, 5u32..500, 0u32..400, 7u32..50).prop_map(|(strike, contracts, cents, fee, days)| Step::SellCall { strike, contracts, cents, fee, days }),
        2 => (0usize..4, 1u32..3, 1u32..600, 0u32..400).prop_map(|(which, contracts, cents, fee)| Step::BuyBack { which, contracts, cents, fee }),
        2 => (0usize..4).prop_map(|which| Step::Expire { which }),
        2 => (0usize..4, 1u32..3, 0u32..2000).prop_map(|(which, contracts, fee)| Step::Assign { which, contracts, fee }),
        1 => (1u32..300, 1000u32..8000, 0u32..100).prop_map(|(shares, cents, fee)| Step::BuyShares { shares, cents, fee }),
        1 => (1u32..300, 1000u32..8000, 0u32..100).prop_map(|(shares, cents, fee)| Step::SellShares { shares, cents, fee }),
        1 => (1u32..100).prop_map(|cents| Step::Dividend { cents }),
        1 => (1u32..1000).prop_map(|cents| Step::Fee { cents }),
    ]
}

fn cents(c: u32) -> Decimal {
    Decimal::new(c as i64, 2)
}

/// Turns random steps into a valid blotter: each step becomes a fill and is kept only if the
/// ledger accepts it, so every sequence exercises real rules rather than error paths.
fn build(steps: &[Step]) -> Blotter {
    let mut b = Blotter::default();
    let mut today = d("2026-01-05");
    for s in steps {
        let book = replay(&b.fills).expect("kept fills replay");
        let open: Vec<_> = book.open_legs().cloned().collect();
        let pick = |which: usize| open.get(which % open.len().max(1)).cloned();
        let mut fill = base(&today.to_string(), Action::Fee);
        let contract = |right, strike: u32, days: u32| OptionSpec {
            right,
            strike: Decimal::from(strike),
            expiry: today + Duration::days(days as i64),
            multiplier: Decimal::ONE_HUNDRED,
            deliverable: Decimal::ONE_HUNDRED,
        };
        match s.clone() {
            Step::SellPut { strike, contracts, cents: c, fee, days } | Step::SellCall { strike, contracts, cents: c, fee, days } => {
                let right = if matches!(s, Step::SellPut { .. }) { Right::Put } else { Right::Call };
                fill.action = Action::Sto;
                fill.option = Some(contract(right, strike, days));
                fill.quantity = contracts.into();
                fill.price = cents(c);
                fill.fees = cents(fee);
            }
            Step::BuyBack { which, contracts, cents: c, fee } => {
                let Some(leg) = pick(which) else { continue };
                fill.action = Action::Btc;
                fill.option = Some(leg.contract.clone());
                fill.quantity = Decimal::from(contracts).min(leg.open_contracts);
                fill.price = cents(c);
                fill.fees = cents(fee);
            }
            Step::Expire { which } | Step::Assign { which, .. } => {
                let Some(leg) = pick(which) else { continue };
                today = today.max(leg.contract.expiry);
                fill.date = today;
                fill.option = Some(leg.contract.clone());
                fill.quantity = leg.open_contracts;
                if let Step::Assign { contracts, fee, .. } = s {
                    fill.action = Action::Assign;
                    fill.quantity = Decimal::from(*contracts).min(leg.open_contracts);
                    fill.fees = cents(*fee);
                } else {
                    fill.action = Action::Expire;
                }
            }
            Step::BuyShares { shares, cents: c, fee } | Step::SellShares { shares, cents: c, fee } => {
                fill.action = if matches!(s, Step::BuyShares { .. }) { Action::Buy } else { Action::Sell };
                fill.quantity = shares.into();
                fill.price = cents(c);
                fill.fees = cents(fee);
            }
            Step::Dividend { cents: c } => {
                fill.action = Action::Dividend;
                fill.quantity = book.shares();
                fill.price = cents(c);
            }
            Step::Fee { cents: c } => fill.fees = cents(c),
        }
        let mut trial = b.clone();
        trial.push(fill);
        if replay(&trial.fills).is_ok() {
            b = trial;
        }
        today += Duration::days(1);
    }
    b
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn replay_is_deterministic_and_ignores_input_order(steps in prop::collection::vec(step(), 1..30), seed in any::<u64>()) {
        let b = build(&steps);
        let book = replay(&b.fills).unwrap();
        let mut shuffled = b.fills.clone();
        // A cheap deterministic shuffle from the seed.
        let len = shuffled.len();
        for i in (1..len).rev() {
            let j = (seed.wrapping_mul(6364136223846793005).wrapping_add(i as u64) % (i as u64 + 1)) as usize;
            shuffled.swap(i, j);
        }
        prop_assert_eq!(&replay(&shuffled).unwrap(), &book);
        prop_assert_eq!(&replay(&b.fills).unwrap(), &book);
    }

    #[test]
    fn removing_then_re_adding_a_fill_restores_the_book(steps in prop::collection::vec(step(), 1..30), pick in any::<prop::sample::Index>()) {
        let b = build(&steps);
        prop_assume!(!b.fills.is_empty());
        let book = replay(&b.fills).unwrap();
        let index = pick.index(b.fills.len());
        let removed = b.fills[index].clone();
        let mut without: Vec<_> = b.fills.clone();
        without.remove(index);
        // Without it the ledger may refuse (a close without its open): either way nothing is lost.
        let _ = replay(&without);
        without.push(removed);
        prop_assert_eq!(replay(&without).unwrap(), book);
    }

    #[test]
    fn totals_reconcile(steps in prop::collection::vec(step(), 1..30)) {
        let b = build(&steps);
        let book = replay(&b.fills).unwrap();
        assert_cash_identity(&book);
        let fees: Decimal = b.fills.iter().map(|f| f.data.fees).sum();
        prop_assert_eq!(book.fees, fees);
        // Cycles partition the wheel's premium, option cash and realized P&L.
        let sum = |f: fn(&wheelwright_domain::ledger::Cycle) -> Decimal| book.cycles.iter().map(f).sum::<Decimal>();
        prop_assert_eq!(sum(|c| c.premium_collected), book.premium_collected);
        prop_assert_eq!(sum(|c| c.net_option_cash), book.net_option_cash);
        let before_first_cycle: Decimal = book.realizations.iter().filter(|r| r.cycle.is_none()).map(|r| r.amount).sum();
        prop_assert_eq!(sum(|c| c.realized_pnl) + before_first_cycle, book.realized_pnl());
        // A fully closed leg has handed out exactly its opening fees.
        for leg in book.legs.iter().filter(|l| l.open_contracts.is_zero()) {
            prop_assert_eq!(leg.closes.iter().map(|c| c.open_fee_share).sum::<Decimal>(), leg.open_fees);
        }
        // At most one cycle is open, and it is the last.
        prop_assert!(book.cycles.iter().rev().skip(1).all(|c| c.ended.is_some()));
        // The timelines partition the fills: each fill is in at most one cycle, every opening fill
        // is in one, and only fills met before the first opening one are in none.
        let booked: Vec<i64> = book.cycles.iter().flat_map(|c| c.fills.iter().copied()).collect();
        let mut distinct = booked.clone();
        distinct.sort_unstable();
        distinct.dedup();
        prop_assert_eq!(distinct.len(), booked.len());
        for fill in &b.fills {
            let opening = matches!(fill.data.action, Action::Sto | Action::Bto | Action::Buy);
            prop_assert!(!opening || booked.contains(&fill.id), "opening fill {} is in no cycle", fill.id);
        }
        let order = |f: &wheelwright_domain::Fill| (f.data.date, f.seq, f.id);
        if let Some(first) = b.fills.iter().find(|f| booked.first() == Some(&f.id)) {
            for unbooked in b.fills.iter().filter(|f| !booked.contains(&f.id)) {
                prop_assert!(order(unbooked) < order(first), "fill {} came after the first cycle began yet is in none", unbooked.id);
            }
        }
    }

    #[test]
    fn performance_reconciles_with_the_book(steps in prop::collection::vec(step(), 1..30), split in 0u32..60) {
        let b = build(&steps);
        let book = replay(&b.fills).unwrap();
        let wheel = WheelInput { portfolio: "P", symbol: "AAPL", fills: &b.fills, book: &book, unrealized: None };
        prop_assume!(!b.fills.is_empty());
        let last = b.fills.iter().map(|f| f.data.date).max().unwrap() + Duration::days(400);
        let whole = performance(&[wheel], Period { from: None, to: last });
        prop_assert_eq!(whole.total.realized_pnl, book.realized_pnl());
        prop_assert_eq!(whole.total.premium_collected, book.premium_collected);
        prop_assert_eq!(whole.months.iter().map(|m| m.realized).sum::<Decimal>(), book.realized_pnl());
        let standalone_fees: Decimal = b.fills.iter().filter(|f| f.data.action == Action::Fee).map(|f| f.data.cash()).sum();
        prop_assert_eq!(whole.months.iter().map(|m| m.cash_flow).sum::<Decimal>(), book.net_option_cash + book.dividends + standalone_fees);
        let t = &whole.total;
        // Every closed leg is counted: a result if any of it closed, assigned if any of it went into a lot.
        let closed = book.legs.iter().filter(|l| l.open_contracts.is_zero());
        let decided = closed.clone().filter(|l| l.closes.iter().any(|c| c.realized.is_some())).count() as u32;
        let assigned = closed.filter(|l| l.closes.iter().any(|c| c.realized.is_none())).count() as u32;
        prop_assert_eq!((t.legs.wins + t.legs.losses + t.legs.even, t.legs_assigned), (decided, assigned));
        // Two adjacent periods add up to the whole.
        let cut = d("2026-01-01") + Duration::days(i64::from(split));
        let before = performance(&[wheel], Period { from: None, to: cut });
        let after = performance(&[wheel], Period { from: Some(cut + Duration::days(1)), to: last });
        prop_assert_eq!(before.total.realized_pnl + after.total.realized_pnl, t.realized_pnl);
        prop_assert_eq!(before.total.collateral_days + after.total.collateral_days, t.collateral_days);
        prop_assert_eq!(before.total.fees + after.total.fees, t.fees);
    }
}

#[test]
fn generator_builds_rich_wheels() {
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let (mut fills, mut assigned, mut cycles) = (0, 0, 0);
    for _ in 0..100 {
        let steps = prop::collection::vec(step(), 20..30).new_tree(&mut runner).unwrap().current();
        let b = build(&steps);
        let book = replay(&b.fills).unwrap();
        fills += b.fills.len();
        assigned += b.fills.iter().filter(|f| f.data.action == Action::Assign).count();
        cycles += book.cycles.len();
    }
    // The properties above mean little if random wheels were short or never assigned.
    assert!(fills > 1000, "only {fills} fills kept");
    assert!(assigned > 50, "only {assigned} assignments");
    assert!(cycles > 100, "only {cycles} cycles");
}
