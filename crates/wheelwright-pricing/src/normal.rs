//! The standard normal distribution at double precision. The CDF is the erfc-based (Cody) one
//! that ships with `implied-vol`, accurate in the far tails where the Abramowitz–Stegun
//! polynomial loses all relative precision.

use implied_vol::{DefaultSpecialFn, SpecialFn};

const INV_SQRT_2PI: f64 = 0.398_942_280_401_432_7;

pub fn pdf(x: f64) -> f64 {
    INV_SQRT_2PI * (-0.5 * x * x).exp()
}

pub fn cdf(x: f64) -> f64 {
    DefaultSpecialFn::norm_cdf(x)
}

pub fn inverse_cdf(p: f64) -> f64 {
    DefaultSpecialFn::inverse_norm_cdf(p)
}
