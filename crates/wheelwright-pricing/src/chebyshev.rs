//! Polynomial interpolation on Chebyshev–Lobatto nodes (the extrema of Tₙ, both ends included) by
//! the barycentric formula: stable, O(n) per point, and — what the American engine relies on —
//! linear in the node values, so the weights for points visited on every fixed-point iteration
//! can be computed once and reused as a dot product.

/// n + 1 nodes on [−1, 1], ordered from −1 to 1.
#[derive(Clone, Debug)]
pub struct Lobatto {
    pub nodes: Vec<f64>,
    barycentric: Vec<f64>,
}

impl Lobatto {
    pub fn new(n: usize) -> Lobatto {
        assert!(n >= 1, "Chebyshev interpolation needs at least two nodes");
        let nodes = (0..=n).map(|k| -(std::f64::consts::PI * k as f64 / n as f64).cos()).collect();
        let barycentric = (0..=n)
            .map(|k| {
                let sign = if k % 2 == 0 { 1.0 } else { -1.0 };
                if k == 0 || k == n {
                    0.5 * sign
                } else {
                    sign
                }
            })
            .collect();
        Lobatto { nodes, barycentric }
    }

    /// Writes the weights w with p(z) = Σ wₖ·yₖ (for any node values y) into `out`.
    pub fn weights_into(&self, z: f64, out: &mut [f64]) {
        if let Some(k) = self.nodes.iter().position(|&node| node == z) {
            out.fill(0.0);
            out[k] = 1.0;
            return;
        }
        let mut total = 0.0;
        for ((w, node), b) in out.iter_mut().zip(&self.nodes).zip(&self.barycentric) {
            *w = b / (z - node);
            total += *w;
        }
        out.iter_mut().for_each(|w| *w /= total);
    }

    /// The interpolating polynomial through `values` (one per node) at z.
    pub fn interpolate(&self, values: &[f64], z: f64) -> f64 {
        let (mut num, mut den) = (0.0, 0.0);
        for ((y, node), b) in values.iter().zip(&self.nodes).zip(&self.barycentric) {
            if z == *node {
                return *y;
            }
            let w = b / (z - node);
            num += w * y;
            den += w;
        }
        num / den
    }
}

/// Σ wₖ·yₖ.
pub fn dot(weights: &[f64], values: &[f64]) -> f64 {
    weights.iter().zip(values).map(|(w, y)| w * y).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reproduces_polynomials_up_to_degree_n_and_converges_on_smooth_functions() {
        let grid = Lobatto::new(6);
        let cubic = |z: f64| 2.0 * z * z * z - z + 0.5;
        let values: Vec<f64> = grid.nodes.iter().map(|&z| cubic(z)).collect();
        let mut weights = vec![0.0; 7];
        for z in [-1.0, -0.93, -0.2, 0.0, 0.41, 1.0] {
            grid.weights_into(z, &mut weights);
            assert!((dot(&weights, &values) - cubic(z)).abs() < 1e-14, "z = {z}");
            assert!((grid.interpolate(&values, z) - cubic(z)).abs() < 1e-14, "z = {z}");
        }
        let fine = Lobatto::new(24);
        let values: Vec<f64> = fine.nodes.iter().map(|&z| (3.0 * z).exp()).collect();
        assert!((fine.interpolate(&values, 0.3) - 0.9f64.exp()).abs() < 1e-13);
    }
}
