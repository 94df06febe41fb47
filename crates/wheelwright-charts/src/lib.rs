//! Wheelwright's charts. The core draws every chart (payoff, price with strikes and bases, income
//! bars, cumulative P&L, the risk page's P&L distribution, concentration, limit usage and
//! correlation heat map) so they look the same in the app, in an exported file
//! and from the CLI. A chart comes back as SVG together with its geometry — the plot rectangle in
//! SVG pixels, the axis domains and the series — so the UI can draw a crosshair and read values
//! off it without a second charting library. Pure: data in, SVG out.

mod bars;
mod frame;
mod heatmap;
mod histogram;
mod line;
mod spec;
mod theme;
mod ticks;

pub use bars::bars;
pub use heatmap::heatmap;
pub use histogram::histogram;
pub use line::line;
pub use spec::{AxisSpec, BarGroup, BarSpec, HeatSpec, HistogramSpec, LineSpec, MarkAxis, MarkSpec, Role, Scale, SeriesSpec, Size};
pub use theme::Theme;
pub use ticks::{thousands, whole_dollars};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A drawn chart and what the UI needs to read values off it.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct Chart {
    /// A complete SVG document (`viewBox="0 0 width height"`), background included.
    pub svg: String,
    pub width: u32,
    pub height: u32,
    /// Where the data is drawn, in SVG pixels from the top left.
    pub plot: PlotArea,
    pub x: Axis,
    pub y: Axis,
    pub series: Vec<Series>,
    pub marks: Vec<Mark>,
}

/// The plot rectangle in SVG pixels.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, TS)]
pub struct PlotArea {
    pub left: f64,
    pub top: f64,
    pub width: f64,
    pub height: f64,
}

/// An axis's domain: `min` is drawn at the left (x) or bottom (y) edge of the plot area.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct Axis {
    pub label: String,
    pub scale: Scale,
    pub min: f64,
    pub max: f64,
    /// For a category axis, the names at 0, 1, 2, …
    pub categories: Vec<String>,
}

/// How a series is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Style {
    Line,
    Dashed,
    Bars,
    /// A heat map's row: `[column index, value]` per cell.
    Cells,
}

/// One drawn series with its points, `[x, y]` in data units (bars: `[category index, value]`;
/// a heat map: a series per row, top row first, `[column index, value]`).
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct Series {
    pub name: String,
    /// CSS colour the series was drawn in, for the readout's swatch.
    pub color: String,
    pub style: Style,
    pub points: Vec<[f64; 2]>,
    /// The CSS colour of each point where the points differ (a bar coloured by its own limit
    /// status or sign, a heat-map cell by its value), for the readout's swatch; empty: every
    /// point is `color`.
    pub point_colors: Vec<String>,
}

/// A reference line (strike, basis, breakeven, spot) as drawn.
#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct Mark {
    pub label: String,
    pub axis: MarkAxis,
    pub value: f64,
    pub color: String,
}

impl PlotArea {
    /// The SVG x of a data x.
    pub fn x_of(&self, axis: &Axis, x: f64) -> f64 {
        self.left + (x - axis.min) / (axis.max - axis.min) * self.width
    }

    /// The SVG y of a data y (y grows downwards in SVG).
    pub fn y_of(&self, axis: &Axis, y: f64) -> f64 {
        self.top + (axis.max - y) / (axis.max - axis.min) * self.height
    }
}

/// Why a chart could not be drawn.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ChartError {
    #[error("there is nothing to draw: {0}")]
    Empty(String),
    #[error("{0}")]
    Invalid(String),
    #[error("the chart could not be drawn: {0}")]
    Draw(String),
}
