//! The Monte Carlo VaR speed target (PRICING.md: 100k paths × 200 positions, full revaluation,
//! ≤ 0.5 s on 2 cores): 200 short options (a put and a call on each of 100 underlyings, a
//! wheel book's worst case — every position an option), and the same 200 on 200 underlyings
//! (a correlation factor twice the size).

use chrono::{TimeZone, Utc};
use criterion::{criterion_group, criterion_main, Criterion};
use std::time::Duration;
use wheelwright_domain::Right;
use wheelwright_risk::horizon::Horizon;
use wheelwright_risk::montecarlo::{simulate, Simulation};
use wheelwright_risk::{Book, Holding, Instrument, Underlying};

fn book(underlyings: usize, positions: usize) -> Book {
    let underlyings: Vec<Underlying> = (0..underlyings)
        .map(|i| Underlying {
            symbol: format!("S{i}"),
            spot: 40.0 + i as f64,
            daily_vol: 0.012 + 0.0001 * i as f64,
            sector: None,
            rate: 0.04,
            div_yield: 0.01,
        })
        .collect();
    let n = underlyings.len();
    let holdings = (0..positions)
        .map(|p| {
            let u = p % n;
            let spot = underlyings[u].spot;
            let (right, strike) = if p % 2 == 0 { (Right::Put, spot * 0.95) } else { (Right::Call, spot * 1.05) };
            let t = (20.0 + (p % 30) as f64) / 365.0;
            Holding {
                underlying: u,
                instrument: Instrument::Option { right, strike, t, iv: 0.3, multiplier: 100.0 },
                quantity: -1.0,
                premium: 1.0,
                label: format!("P{p}"),
            }
        })
        .collect();
    // One market factor: every pair correlated 0.4.
    let correlation = (0..n * n).map(|k| if k / n == k % n { 1.0 } else { 0.4 }).collect();
    Book { underlyings, holdings, cash: 1_000_000.0, correlation }
}

fn bench(c: &mut Criterion) {
    let horizon = Horizon::after(Utc.with_ymd_and_hms(2026, 11, 20, 16, 0, 0).unwrap(), 1);
    let simulation = Simulation { paths: 100_000, seed: 1 };
    let mut group = c.benchmark_group("monte carlo var");
    group.sample_size(10).measurement_time(Duration::from_secs(20));
    for (name, underlyings) in [("100k paths × 200 options on 100 underlyings", 100), ("100k paths × 200 options on 200 underlyings", 200)]
    {
        let book = book(underlyings, 200);
        book.validate().unwrap();
        group.bench_function(name, |b| b.iter(|| simulate(&book, horizon, simulation)));
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
