//! The scanner's speed target (issue: 500 Demo symbols, every expiry within 60 days, ≤ 1 s,
//! network excluded): the chains are built first, then only the scan is timed.

use chrono::{NaiveDate, TimeZone, Utc};
use criterion::{criterion_group, criterion_main, Criterion};
use std::time::Duration;
use wheelwright_domain::market::{ChainFilter, OptionChain};
use wheelwright_strategy::scan::{scan, ScanFilter, ScanInput};

fn chains() -> Vec<OptionChain> {
    let at = Utc.with_ymd_and_hms(2026, 11, 20, 16, 0, 0).unwrap();
    let market = wheelwright_demo::DemoMarket::new(7);
    let filter = ChainFilter { to: NaiveDate::from_ymd_opt(2027, 1, 19), ..ChainFilter::default() };
    wheelwright_demo::listings().iter().take(500).map(|l| market.chain(&l.symbol, at, &filter).unwrap().chain).collect()
}

fn bench(c: &mut Criterion) {
    let chains = chains();
    let contracts: usize = chains.iter().map(|c| c.contracts.len()).sum();
    eprintln!("{} chains, {contracts} contracts", chains.len());
    let inputs: Vec<ScanInput> = chains.iter().map(|chain| ScanInput { chain, shares_held: 0.0 }).collect();
    let filter = ScanFilter::default();
    let mut group = c.benchmark_group("scan");
    group.sample_size(10).measurement_time(Duration::from_secs(20));
    group.bench_function("500 symbols, ≤ 60 DTE", |b| b.iter(|| scan(&inputs, &filter)));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
