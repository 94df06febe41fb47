//! Named, seeded random streams. Every quantity of the Demo market draws from its own stream,
//! keyed by what it is (the market factor on day n, a symbol's return on day n, a contract's open
//! interest on a date), so the same seed gives the same number whatever was asked before it and
//! in whatever order — which is what makes the simulation reproducible and cacheable.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use wheelwright_pricing::normal::inverse_cdf;

/// SplitMix64's finaliser: spreads nearby keys over the whole 64-bit range.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// A stable 64-bit key for a name (FNV-1a), independent of Rust's hasher.
pub fn key(name: &str) -> u64 {
    name.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ b as u64).wrapping_mul(0x0100_0000_01b3))
}

/// The stream for `seed` and the parts of a key.
pub fn stream(seed: u64, parts: &[u64]) -> Stream {
    let folded = parts.iter().fold(mix(seed), |acc, part| mix(acc ^ mix(part.wrapping_add(0x9e37_79b9_7f4a_7c15))));
    Stream(ChaCha8Rng::seed_from_u64(folded))
}

pub struct Stream(ChaCha8Rng);

impl Stream {
    /// Uniform on (0, 1), never 0 or 1.
    pub fn uniform(&mut self) -> f64 {
        let u: f64 = self.0.random();
        u.clamp(1e-16, 1.0 - 1e-16)
    }

    /// Standard normal, by the inverse CDF (one uniform per draw keeps streams aligned).
    pub fn normal(&mut self) -> f64 {
        inverse_cdf(self.uniform())
    }

    /// True with probability p.
    pub fn chance(&mut self, p: f64) -> bool {
        self.uniform() < p
    }
}
