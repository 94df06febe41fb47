//! Monte Carlo VaR by full revaluation. Each path draws correlated normal returns for every
//! underlying over the horizon (log return −σ²h/2 + σ√h·y, y = L·z with L the Cholesky factor
//! of the correlation), moves each spot, and revalues every option with BSM at its own implied
//! volatility and the time left at the horizon's close (an option expiring before then is worth
//! its intrinsic value). Never the American engine per path: BSM at ≈ 50 ns is the budget.
//! The book's value now is computed the same way, so the P&L carries no model mismatch.
//!
//! Paths come in antithetic pairs (z and −z), in fixed chunks each with its own seeded stream,
//! spread over the cores: the result depends on the seed and the path count only, never on how
//! many threads ran it.

use crate::book::{Book, Instrument};
use crate::estimate::factor;
use crate::horizon::Horizon;
use crate::parametric::{Method, VarFigure};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::StandardNormal;
use serde::Serialize;
use ts_rs::TS;
use wheelwright_domain::Right;

/// ½ erfc(|x| ÷ √2) — the smaller tail of the standard normal — to an absolute error below
/// 1.5e-7 (Abramowitz & Stegun 7.1.26), given `density` = e^(−x²/2) already computed: a
/// polynomial instead of the exact (Cody) CDF. On an option the error is under
/// (spot + strike) × 1.5e-7 a share — a hundredth of a cent on a 100-share contract of a 300
/// stock — far inside the sampling error of any VaR. The book's value now is computed the same
/// way as on the paths, so it adds no bias to the P&L.
#[inline(always)]
fn normal_tail(x: f64, density: f64) -> f64 {
    const P: f64 = 0.327_591_1;
    const A: [f64; 5] = [0.254_829_592, -0.284_496_736, 1.421_413_741, -1.453_152_027, 1.061_405_429];
    let t = 1.0 / (1.0 + P * std::f64::consts::FRAC_1_SQRT_2 * x.abs());
    0.5 * t * (A[0] + t * (A[1] + t * (A[2] + t * (A[3] + t * A[4])))) * density
}

/// The standard normal CDF at `x` from its tail and e^(−x²/2).
#[inline(always)]
fn cdf_with(x: f64, density: f64) -> f64 {
    let tail = normal_tail(x, density);
    if x >= 0.0 {
        1.0 - tail
    } else {
        tail
    }
}

/// The standard normal CDF to an absolute error below 1.5e-7 (see `normal_tail`).
pub fn fast_cdf(x: f64) -> f64 {
    cdf_with(x, (-0.5 * x * x).exp())
}

/// Paths when the caller does not say (100,000: a 99% VaR rests on 1,000 tail paths).
pub const DEFAULT_PATHS: usize = 100_000;
pub const MAX_PATHS: usize = 2_000_000;
/// Paths per seeded stream (a whole number of blocks: antithetic twins never straddle two).
const CHUNK: usize = 4096;

#[derive(Clone, Copy, Debug, PartialEq, Serialize, TS)]
pub struct Simulation {
    pub paths: usize,
    pub seed: u64,
}

impl Default for Simulation {
    fn default() -> Simulation {
        Simulation { paths: DEFAULT_PATHS, seed: 20_261_122 }
    }
}

/// One holding, ready to revalue fast.
#[derive(Clone, Copy, Debug)]
struct Leg {
    underlying: usize,
    /// Shares per unit of value (quantity × multiplier, signed).
    scale: f64,
    /// Value per share now.
    base: f64,
    kind: Kind,
}

#[derive(Clone, Copy, Debug)]
enum Kind {
    Shares,
    /// Expires before the horizon's close: intrinsic value.
    Expired {
        sign: f64,
        strike: f64,
    },
    /// BSM with d1 = (ln S − ln K + a) ÷ b; `forward_ratio` = e^(−qt) ÷ (K e^(−rt)).
    Live {
        sign: f64,
        strike: f64,
        ln_strike: f64,
        a: f64,
        b: f64,
        inv_b: f64,
        dq: f64,
        dr: f64,
        forward_ratio: f64,
    },
}

impl Kind {
    fn option(right: Right, strike: f64, t: f64, iv: f64, rate: f64, div_yield: f64) -> Kind {
        let sign = if right == Right::Call { 1.0 } else { -1.0 };
        let b = iv * t.sqrt();
        if b < 1e-12 {
            Kind::Expired { sign, strike }
        } else {
            let (dq, dr) = ((-div_yield * t).exp(), (-rate * t).exp());
            Kind::Live {
                sign,
                strike,
                ln_strike: strike.ln(),
                a: (rate - div_yield + 0.5 * iv * iv) * t,
                b,
                inv_b: 1.0 / b,
                dq,
                dr,
                forward_ratio: dq / (strike * dr),
            }
        }
    }

    #[inline(always)]
    fn value(&self, spot: f64, ln_spot: f64) -> f64 {
        match *self {
            Kind::Shares => spot,
            Kind::Expired { sign, strike } => (sign * (spot - strike)).max(0.0),
            Kind::Live { sign, strike, ln_strike, a, b, inv_b, dq, dr, forward_ratio } => {
                let d1 = (ln_spot - ln_strike + a) * inv_b;
                let d2 = d1 - b;
                // One exponential for both densities: S e^(−qt) φ(d1) = K e^(−rt) φ(d2).
                let density1 = (-0.5 * d1 * d1).exp();
                let density2 = density1 * spot * forward_ratio;
                sign * (spot * dq * cdf_with(sign * d1, density1) - strike * dr * cdf_with(sign * d2, density2))
            }
        }
    }
}

/// Everything a path needs, computed once.
struct Model {
    n: usize,
    factor: Vec<f64>,
    spot: Vec<f64>,
    ln_spot: Vec<f64>,
    drift: Vec<f64>,
    sd: Vec<f64>,
    legs: Vec<Leg>,
}

impl Model {
    fn new(book: &Book, horizon: Horizon) -> (Model, f64) {
        let n = book.underlyings.len();
        let (factor, shrinkage) = factor(&book.correlation, n);
        let h = horizon.sessions as f64;
        let legs = book
            .holdings
            .iter()
            .map(|holding| {
                let u = &book.underlyings[holding.underlying];
                let (kind, base) = match holding.instrument {
                    Instrument::Shares => (Kind::Shares, u.spot),
                    Instrument::Option { right, strike, t, iv, .. } => {
                        let now = Kind::option(right, strike, t, iv, u.rate, u.div_yield);
                        let later = Kind::option(right, strike, (t - horizon.years).max(0.0), iv, u.rate, u.div_yield);
                        (later, now.value(u.spot, u.spot.ln()))
                    }
                };
                Leg { underlying: holding.underlying, scale: holding.share_quantity(), base, kind }
            })
            .collect();
        let model = Model {
            n,
            factor,
            spot: book.underlyings.iter().map(|u| u.spot).collect(),
            ln_spot: book.underlyings.iter().map(|u| u.spot.ln()).collect(),
            drift: book.underlyings.iter().map(|u| -0.5 * u.daily_vol * u.daily_vol * h).collect(),
            sd: book.underlyings.iter().map(|u| u.daily_vol * h.sqrt()).collect(),
            legs,
        };
        (model, shrinkage)
    }

    /// The P&L of `out.len()` (at most 2 × BLOCK) paths: BLOCK draws of independent normals,
    /// each giving a path and its antithetic twin. Work is laid out underlying by underlying
    /// across the block's paths, so every inner loop runs over contiguous paths (the factor
    /// product becomes vector multiply-adds instead of one long sum per path).
    fn block(&self, rng: &mut ChaCha8Rng, scratch: &mut Scratch, out: &mut [f64]) {
        let n = self.n;
        let Scratch { z, y, spot, ln_spot } = scratch;
        normals(rng, z);
        // y = L·z, a tile of TILE rows of z at a time so they stay in the L1 cache while every
        // row of y below them takes its share.
        y.fill(0.0);
        for first in (0..n).step_by(TILE) {
            let last = (first + TILE).min(n);
            for i in first..n {
                let yi = &mut y[i * BLOCK..(i + 1) * BLOCK];
                for j in first..last.min(i + 1) {
                    multiply_add(yi, self.factor[i * n + j], &z[j * BLOCK..(j + 1) * BLOCK]);
                }
            }
        }
        for i in 0..n {
            // Twins share the drift and mirror the shock: S·e^(μ±σy) = S·e^μ · e^(±σy), so
            // one exponential and one division give both spots.
            let grown = self.spot[i] * self.drift[i].exp();
            let row = i * 2 * BLOCK;
            for p in 0..BLOCK {
                let shock = self.sd[i] * y[i * BLOCK + p];
                let up = shock.exp();
                ln_spot[row + p] = self.ln_spot[i] + self.drift[i] + shock;
                ln_spot[row + BLOCK + p] = self.ln_spot[i] + self.drift[i] - shock;
                spot[row + p] = grown * up;
                spot[row + BLOCK + p] = grown / up;
            }
        }
        out.fill(0.0);
        for leg in &self.legs {
            let row = leg.underlying * 2 * BLOCK..(leg.underlying + 1) * 2 * BLOCK;
            for ((pnl, s), ln_s) in out.iter_mut().zip(&spot[row.clone()]).zip(&ln_spot[row]) {
                *pnl += leg.scale * (leg.kind.value(*s, *ln_s) - leg.base);
            }
        }
    }

    fn fill(&self, seed: u64, chunk: usize, out: &mut [f64]) {
        let mut rng = ChaCha8Rng::seed_from_u64(mix(seed ^ mix(chunk as u64 + 1)));
        let n = self.n;
        let mut scratch =
            Scratch { z: vec![0.0; n * BLOCK], y: vec![0.0; n * BLOCK], spot: vec![0.0; n * 2 * BLOCK], ln_spot: vec![0.0; n * 2 * BLOCK] };
        for block in out.chunks_mut(2 * BLOCK) {
            self.block(&mut rng, &mut scratch, block);
        }
    }
}

/// Draws per block (each gives two antithetic paths): small enough that a block of 200
/// underlyings stays in the L2 cache.
const BLOCK: usize = 32;
/// Rows of normals per tile of the factor product (32 × 32 draws = 8 KB).
const TILE: usize = 32;

/// A block's working arrays, reused: normals and correlated shocks (underlying × draw), spots
/// and their logs (underlying × path).
struct Scratch {
    z: Vec<f64>,
    y: Vec<f64>,
    spot: Vec<f64>,
    ln_spot: Vec<f64>,
}

/// y += l·z over one block of draws. A function of its own so the two rows are distinct
/// borrows the compiler may load and store in vectors: written inline in the loop above (or
/// inlined into it) it stayed one element at a time, 1.5× slower for 200 names.
#[inline(never)]
fn multiply_add(y: &mut [f64], l: f64, z: &[f64]) {
    let (y, z): (&mut [f64; BLOCK], &[f64; BLOCK]) = (y.try_into().expect("a block row"), z.try_into().expect("a block row"));
    for (yp, zp) in y.iter_mut().zip(z) {
        *yp += l * zp;
    }
}

/// SplitMix64's finaliser: nearby chunk numbers get unrelated streams.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Standard normals by the ziggurat (rand_distr): mostly one uniform and a comparison per
/// draw, where Box–Muller spent a logarithm, a sine and a cosine on every pair.
fn normals(rng: &mut ChaCha8Rng, out: &mut [f64]) {
    for z in out {
        *z = rng.sample(StandardNormal);
    }
}

/// The P&L of every path, sorted from the worst, and the correlation shrinkage used.
pub fn simulate(book: &Book, horizon: Horizon, simulation: Simulation) -> (Vec<f64>, f64) {
    let (model, shrinkage) = Model::new(book, horizon);
    let mut pnl = vec![0.0; simulation.paths];
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut buckets: Vec<Vec<(usize, &mut [f64])>> = (0..workers).map(|_| Vec::new()).collect();
    for (chunk, out) in pnl.chunks_mut(CHUNK).enumerate() {
        buckets[chunk % workers].push((chunk, out));
    }
    std::thread::scope(|scope| {
        for bucket in buckets {
            let model = &model;
            scope.spawn(move || {
                for (chunk, out) in bucket {
                    model.fill(simulation.seed, chunk, out);
                }
            });
        }
    });
    pnl.sort_by(f64::total_cmp);
    (pnl, shrinkage)
}

/// VaR and ES at a confidence from sorted P&L: the loss at the ⌈(1 − c)·N⌉-th worst path and
/// the mean loss of the paths up to it.
pub fn tail(sorted: &[f64], confidence: f64) -> (f64, f64) {
    let count = (((1.0 - confidence) * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    let worst = &sorted[..count];
    (-worst[count - 1], -worst.iter().sum::<f64>() / count as f64)
}

/// Monte Carlo VaR and ES at each confidence, from one simulation of the horizon.
pub fn var(book: &Book, horizon: Horizon, confidences: &[f64], simulation: Simulation) -> (Vec<VarFigure>, f64) {
    let (sorted, shrinkage) = simulate(book, horizon, simulation);
    (figures(&sorted, horizon.sessions, confidences), shrinkage)
}

/// Monte Carlo VaR and ES at each confidence from the sorted P&L of a horizon's paths.
pub fn figures(sorted: &[f64], sessions: u32, confidences: &[f64]) -> Vec<VarFigure> {
    confidences
        .iter()
        .map(|&confidence| {
            let (var, expected_shortfall) = tail(sorted, confidence);
            VarFigure { method: Method::MonteCarlo, sessions, confidence, var, expected_shortfall }
        })
        .collect()
}
