//! The shape of the simulated P&L, for the risk page's distribution chart: a histogram of the
//! Monte Carlo paths. The bars span the 0.1st to the 99.9th percentile so that a handful of
//! extreme paths cannot squeeze the body of the distribution into two bars; how many paths lie
//! beyond each end is kept and shown, never dropped silently.

use serde::Serialize;
use ts_rs::TS;

/// Bars in a histogram: fine enough to show skew, coarse enough that each bar of 1,000 paths is
/// more than noise.
pub const BINS: usize = 40;
/// The share of paths left beyond each end of the bars.
pub const TRIM: f64 = 0.001;

/// A histogram of one horizon's simulated P&L.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct Distribution {
    pub sessions: u32,
    pub paths: usize,
    /// `counts.len() + 1` ascending P&L values: bar `i` holds the paths in
    /// `[edges[i], edges[i + 1])`, the last bar its upper edge too.
    pub edges: Vec<f64>,
    pub counts: Vec<usize>,
    /// Paths worse than the first edge and better than the last.
    pub below: usize,
    pub above: usize,
}

/// The histogram of `sorted` (P&L of every path, ascending) over `sessions`.
pub fn histogram(sorted: &[f64], sessions: u32) -> Distribution {
    let n = sorted.len();
    if n == 0 {
        return Distribution { sessions, paths: 0, edges: Vec::new(), counts: Vec::new(), below: 0, above: 0 };
    }
    let mut low = sorted[((TRIM * n as f64).floor() as usize).min(n - 1)];
    let mut high = sorted[((((1.0 - TRIM) * n as f64).ceil() as usize).max(1) - 1).min(n - 1)];
    // A book whose every path ends alike (nothing left that moves) still gets a bar to stand on.
    if high - low < 1e-9 {
        let half = (low.abs() * 0.01).max(0.5);
        (low, high) = (low - half, high + half);
    }
    let width = (high - low) / BINS as f64;
    let edges = (0..=BINS).map(|i| if i == BINS { high } else { low + width * i as f64 }).collect();
    let below = sorted.partition_point(|&x| x < low);
    let above = n - sorted.partition_point(|&x| x <= high);
    let mut counts = vec![0; BINS];
    for &x in &sorted[below..n - above] {
        counts[(((x - low) / width) as usize).min(BINS - 1)] += 1;
    }
    Distribution { sessions, paths: n, edges, counts, below, above }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_path_is_in_a_bar_or_counted_beyond_an_end() {
        // 0, 1, …, 9,999: the 0.1st percentile is 10, the 99.9th 9,989.
        let sorted: Vec<f64> = (0..10_000).map(f64::from).collect();
        let d = histogram(&sorted, 1);
        assert_eq!((d.edges[0], d.edges[BINS]), (10.0, 9_989.0));
        assert_eq!((d.below, d.above), (10, 10));
        assert_eq!(d.counts.iter().sum::<usize>() + d.below + d.above, 10_000);
        // Uniform paths fill the bars evenly: 9,980 over 40 bars of 249.475 each.
        assert!(d.counts.iter().all(|&c| (249..=250).contains(&c)), "{:?}", d.counts);
        assert!(d.edges.windows(2).all(|w| w[1] > w[0]));
    }

    #[test]
    fn a_book_that_cannot_move_gets_one_narrow_span() {
        let d = histogram(&[-5.0; 1_000], 30);
        assert_eq!(d.counts.iter().sum::<usize>(), 1_000);
        assert!(d.edges[0] < -5.0 && d.edges[BINS] > -5.0);
        assert_eq!((d.below, d.above, d.sessions), (0, 0, 30));
    }
}
