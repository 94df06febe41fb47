//! Numerical integration for the American engine: fixed-order Gauss–Legendre rules (the fast
//! scheme's workhorse: a handful of nodes, no allocation per call) and adaptive tanh–sinh (the
//! accurate scheme's last step, where the integrand can turn steep at one end).
//!
//! Written here rather than taken from a crate: the engine needs the raw nodes and weights to
//! precompute interpolation weights once per price, which general-purpose integration crates
//! do not expose, and each rule is a few dozen lines of textbook numerics.

/// An n-point Gauss–Legendre rule on [−1, 1].
#[derive(Clone, Debug)]
pub struct GaussLegendre {
    pub nodes: Vec<f64>,
    pub weights: Vec<f64>,
}

impl GaussLegendre {
    /// Nodes by Newton's method on the Legendre polynomial from the Chebyshev-like first guesses;
    /// converges to machine precision in a few steps for every order used here.
    pub fn new(n: usize) -> GaussLegendre {
        assert!(n >= 1, "a Gauss–Legendre rule needs at least one node");
        let mut nodes = vec![0.0; n];
        let mut weights = vec![0.0; n];
        for i in 0..n.div_ceil(2) {
            let mut x = (std::f64::consts::PI * (i as f64 + 0.75) / (n as f64 + 0.5)).cos();
            let mut derivative = 0.0;
            for _ in 0..100 {
                let (p, dp) = legendre(n, x);
                derivative = dp;
                let step = p / dp;
                x -= step;
                if step.abs() <= 1e-16 {
                    break;
                }
            }
            let (_, dp) = legendre(n, x);
            if dp != 0.0 {
                derivative = dp;
            }
            let w = 2.0 / ((1.0 - x * x) * derivative * derivative);
            nodes[i] = -x;
            nodes[n - 1 - i] = x;
            weights[i] = w;
            weights[n - 1 - i] = w;
        }
        GaussLegendre { nodes, weights }
    }

    /// ∫ₐᵇ f.
    pub fn integrate(&self, a: f64, b: f64, mut f: impl FnMut(f64) -> f64) -> f64 {
        let (half, mid) = (0.5 * (b - a), 0.5 * (b + a));
        half * self.nodes.iter().zip(&self.weights).map(|(x, w)| w * f(mid + half * x)).sum::<f64>()
    }
}

/// Pₙ(x) and Pₙ'(x) by the three-term recurrence.
fn legendre(n: usize, x: f64) -> (f64, f64) {
    let (mut p0, mut p1) = (1.0, x);
    for k in 2..=n {
        let k = k as f64;
        let p2 = ((2.0 * k - 1.0) * x * p1 - (k - 1.0) * p0) / k;
        p0 = p1;
        p1 = p2;
    }
    let p = if n == 0 { 1.0 } else { p1 };
    let dp = n as f64 * (x * p - p0) / (x * x - 1.0);
    (p, dp)
}

/// ∫ₐᵇ f by tanh–sinh (double-exponential) quadrature, halving the step until two levels agree to
/// `eps` relative to the integral (or absolutely near zero). Endpoints are never evaluated, and
/// the distance to each end is computed without cancellation.
pub fn tanh_sinh(a: f64, b: f64, eps: f64, mut f: impl FnMut(f64) -> f64) -> f64 {
    use std::f64::consts::FRAC_PI_2;
    const T_MAX: f64 = 3.15;
    let half = 0.5 * (b - a);
    // One node pair at parameter t: x = tanh(π/2·sinh t); the weight includes the Jacobian.
    let mut pair = |t: f64| -> f64 {
        let u = FRAC_PI_2 * t.sinh();
        let cosh_u = u.cosh();
        let w = FRAC_PI_2 * t.cosh() / (cosh_u * cosh_u);
        // 1 − tanh(u) = 2 / (1 + e^{2u}): the distance from the nearer end, free of cancellation.
        let gap = half * 2.0 / (1.0 + (2.0 * u).exp());
        if gap <= 0.0 || w == 0.0 {
            return 0.0;
        }
        w * (f(b - gap) + if t == 0.0 { 0.0 } else { f(a + gap) })
    };
    let mut h = 1.0;
    let mut sum = pair(0.0);
    let mut k = 1;
    while k as f64 * h <= T_MAX {
        sum += pair(k as f64 * h);
        k += 1;
    }
    let mut estimate = half * h * sum;
    for _ in 0..12 {
        h *= 0.5;
        let mut k = 1;
        while k as f64 * h <= T_MAX {
            sum += pair(k as f64 * h);
            k += 2;
        }
        let next = half * h * sum;
        let converged = (next - estimate).abs() <= eps * next.abs().max(1e-3 * eps.sqrt());
        estimate = next;
        if converged {
            break;
        }
    }
    estimate
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legendre_rules_integrate_polynomials_of_degree_2n_minus_1_exactly() {
        for n in [1, 2, 7, 27, 64] {
            let rule = GaussLegendre::new(n);
            assert!((rule.weights.iter().sum::<f64>() - 2.0).abs() < 1e-13, "n = {n}");
            let degree = 2 * n as i32 - 1;
            // ∫₀¹ x^d = 1/(d+1)
            let got = rule.integrate(0.0, 1.0, |x| x.powi(degree));
            assert!((got - 1.0 / (degree as f64 + 1.0)).abs() < 1e-13, "n = {n}: {got}");
        }
    }

    #[test]
    fn tanh_sinh_handles_endpoint_singularities() {
        // ∫₀¹ x^{−1/4} = 4/3, ∫₀¹ √x = 2/3 and ∫₀¹ ln x = −1: singular (or kinked) at 0. (The
        // nodes stop ~1e-16 from the ends, so x^{−1/2} would lose ~1e-8 there: fine for the
        // bounded integrands of the American engine, not for arbitrary singularities.)
        assert!((tanh_sinh(0.0, 1.0, 1e-12, |x| x.powf(-0.25)) - 4.0 / 3.0).abs() < 1e-10);
        assert!((tanh_sinh(0.0, 1.0, 1e-12, f64::sqrt) - 2.0 / 3.0).abs() < 1e-12);
        assert!((tanh_sinh(0.0, 1.0, 1e-12, |x| x.ln()) + 1.0).abs() < 1e-10);
        assert!((tanh_sinh(0.0, std::f64::consts::PI, 1e-12, f64::sin) - 2.0).abs() < 1e-12);
    }
}
