//! The whole book's risk in one call: exposure (Greeks, collateral, margin estimate,
//! concentration) and VaR with expected shortfall at 1 and 30 sessions, 95% and 99%, by all
//! three methods side by side, with the shape of the simulated P&L.

use crate::book::Book;
use crate::distribution::{histogram, Distribution};
use crate::exposure::{exposure, Exposure};
use crate::horizon::Horizon;
use crate::montecarlo::{self, Simulation, MAX_PATHS};
use crate::parametric::{delta_gamma, delta_normal, VarFigure};
use crate::RiskError;
use chrono::{DateTime, Utc};
use serde::Serialize;
use ts_rs::TS;

pub const HORIZONS: [u32; 2] = [1, 30];
pub const CONFIDENCES: [f64; 2] = [0.95, 0.99];
/// Fewer paths than this leave a 99% tail of a handful of paths.
pub const MIN_PATHS: usize = 1_000;

#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct RiskReport {
    pub exposure: Exposure,
    pub horizons: Vec<Horizon>,
    /// Per horizon and confidence: delta-normal, delta-gamma, Monte Carlo.
    pub var: Vec<VarFigure>,
    /// The Monte Carlo P&L of each horizon as a histogram.
    pub distributions: Vec<Distribution>,
    pub simulation: Simulation,
    /// How far the correlation matrix had to be shrunk toward the identity to factor (0 = not).
    pub shrinkage: f64,
}

impl Simulation {
    pub fn validate(&self) -> Result<(), RiskError> {
        if !(MIN_PATHS..=MAX_PATHS).contains(&self.paths) {
            return Err(RiskError::new("paths", format!("{} paths: give between {MIN_PATHS} and {MAX_PATHS}", self.paths)));
        }
        Ok(())
    }
}

pub fn report(book: &Book, now: DateTime<Utc>, simulation: Simulation) -> Result<RiskReport, RiskError> {
    book.validate()?;
    simulation.validate()?;
    let horizons: Vec<Horizon> = HORIZONS.iter().map(|&h| Horizon::after(now, h)).collect();
    let mut var = Vec::new();
    let mut shrinkage = 0.0;
    let mut distributions = Vec::with_capacity(horizons.len());
    for &horizon in &horizons {
        let (sorted, used) = montecarlo::simulate(book, horizon, simulation);
        shrinkage = used;
        let simulated = montecarlo::figures(&sorted, horizon.sessions, &CONFIDENCES);
        distributions.push(histogram(&sorted, horizon.sessions));
        for (i, &confidence) in CONFIDENCES.iter().enumerate() {
            var.push(delta_normal(book, horizon, confidence));
            var.push(delta_gamma(book, horizon, confidence));
            var.push(simulated[i]);
        }
    }
    Ok(RiskReport { exposure: exposure(book), horizons, var, distributions, simulation, shrinkage })
}
