//! Speed of the pricing layer against PRICING.md's targets: one European IV (≤ 0.5 µs), IV and
//! all Greeks for a 10,000-contract chain (≤ 5 ms), and — in the same group — the plain use of
//! the `implied-vol` crate on the same inputs, so the cost of our layer (validation, bounds,
//! out-of-the-money inversion) shows as a ratio; one American price (fast ≤ 20 µs, and the
//! accurate scheme), American Greeks and American IV. Results go to BENCHMARKS.md.

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use implied_vol::{DefaultSpecialFn, ImpliedBlackVolatility};
use std::hint::black_box;
use wheelwright_domain::Right;
use wheelwright_pricing::american::{self, Scheme};
use wheelwright_pricing::european::{value, Inputs};
use wheelwright_pricing::iv::implied_vol;

fn contract(right: Right, strike: f64, t: f64, vol: f64) -> Inputs {
    Inputs { right, spot: 100.0, strike, rate: 0.045, div_yield: 0.012, vol, t, dividends: Vec::new() }
}

/// A chain like a liquid underlying's: 25 expiries from 1 day to 2 years × 200 strikes × 2
/// rights = 10,000 contracts, priced with a smile so the IVs differ.
fn chain() -> Vec<(Inputs, f64)> {
    let mut contracts = Vec::with_capacity(10_000);
    for e in 0..25 {
        let t = (1.0 + e as f64 * 30.0) / 365.0;
        for s in 0..200 {
            let strike = 50.0 + s as f64 * 0.5;
            let vol = 0.22 + 0.15 * ((strike / 100.0).ln()).powi(2) / t.sqrt().max(0.2);
            for right in [Right::Call, Right::Put] {
                let c = contract(right, strike, t, vol);
                let price = value(&c).unwrap().price;
                contracts.push((c, price));
            }
        }
    }
    contracts
}

fn benches(c: &mut Criterion) {
    let mut group = c.benchmark_group("iv");
    let one = contract(Right::Put, 95.0, 30.0 / 365.0, 0.31);
    let price = value(&one).unwrap().price;
    group.bench_function("one European IV (ours)", |b| b.iter(|| implied_vol(black_box(&one), black_box(price)).unwrap().unwrap()));
    let (forward, undiscounted) = (one.forward(), price / one.discount());
    group.bench_function("one European IV (implied-vol crate alone)", |b| {
        b.iter(|| {
            ImpliedBlackVolatility::builder()
                .option_price(black_box(undiscounted))
                .forward(black_box(forward))
                .strike(95.0)
                .expiry(30.0 / 365.0)
                .is_call(false)
                .build()
                .unwrap()
                .calculate::<DefaultSpecialFn>()
                .unwrap()
        })
    });
    group.finish();

    let mut group = c.benchmark_group("chain");
    group.sample_size(20);
    let contracts = chain();
    group.bench_function("IV + all Greeks, 10,000 contracts", |b| {
        b.iter_batched(
            || contracts.clone(),
            |contracts| {
                let mut vega = 0.0;
                for (mut c, price) in contracts {
                    if let Ok(Ok(iv)) = implied_vol(&c, price) {
                        c.vol = iv;
                        vega += value(&c).unwrap().vega;
                    }
                }
                black_box(vega)
            },
            BatchSize::LargeInput,
        )
    });
    group.bench_function("one European value with Greeks", |b| b.iter(|| value(black_box(&one)).unwrap()));
    group.finish();

    // A one-year put on a dividend payer, at the money: the early-exercise boundary matters.
    let mut group = c.benchmark_group("american");
    let put =
        Inputs { right: Right::Put, spot: 100.0, strike: 100.0, rate: 0.045, div_yield: 0.012, vol: 0.3, t: 1.0, dividends: Vec::new() };
    let leaps = Inputs { t: 2.5, strike: 110.0, ..put.clone() };
    group.bench_function("one American price (fast)", |b| b.iter(|| american::price(black_box(&put), Scheme::FAST).unwrap()));
    group.bench_function("one American price, 2.5-year LEAPS (fast)", |b| {
        b.iter(|| american::price(black_box(&leaps), Scheme::FAST).unwrap())
    });
    group.bench_function("one American price (accurate)", |b| b.iter(|| american::price(black_box(&put), Scheme::ACCURATE).unwrap()));
    group.bench_function("one American value with Greeks (fast)", |b| b.iter(|| american::value(black_box(&put), Scheme::FAST).unwrap()));
    let american_price = american::price(&put, Scheme::FAST).unwrap();
    group.bench_function("one American IV (fast)", |b| {
        b.iter(|| american::implied_vol(black_box(&put), black_box(american_price), Scheme::FAST).unwrap().unwrap())
    });
    group.finish();
}

criterion_group!(pricing, benches);
criterion_main!(pricing);
