//! What a chart is asked to show: series and reference lines in data units, and what each stands
//! for (its role), which decides its colour so that colour carries meaning and nothing else.

use crate::ChartError;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What the numbers on an axis are; decides the tick labels and the UI's readout format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Scale {
    /// Dollars of P&L or cash: "$1,250", "−$300", "$12k".
    Money,
    /// A share price: "$182.50".
    Price,
    /// A fraction shown as a percentage: 0.12 → "12%".
    Percent,
    /// A plain number.
    Number,
    /// Days since 1970-01-01 (UTC), shown as dates.
    Date,
    /// Category names (bars).
    Category,
}

/// What a series or a reference line stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// The chart's main series (price, P&L at expiry).
    Primary,
    /// A second view of the same thing (P&L today).
    Secondary,
    /// Bars green when positive, red when negative.
    Signed,
    Gain,
    Loss,
    Strike,
    Basis,
    Spot,
    Breakeven,
    /// Near a limit.
    Warning,
    /// Zero lines and other neutral guides.
    Neutral,
}

/// A chart's size in SVG pixels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Size {
    pub width: u32,
    pub height: u32,
}

impl Size {
    pub const MIN: Size = Size { width: 240, height: 140 };
    pub const MAX: Size = Size { width: 4000, height: 3000 };

    /// A size the charts can be drawn at, or why not.
    pub fn checked(width: u32, height: u32) -> Result<Size, ChartError> {
        if !(Size::MIN.width..=Size::MAX.width).contains(&width) || !(Size::MIN.height..=Size::MAX.height).contains(&height) {
            return Err(ChartError::Invalid(format!(
                "a chart must be {}–{} pixels wide and {}–{} high, not {width}×{height}",
                Size::MIN.width,
                Size::MAX.width,
                Size::MIN.height,
                Size::MAX.height
            )));
        }
        Ok(Size { width, height })
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct AxisSpec {
    pub label: String,
    pub scale: Scale,
}

/// One line to draw, `[x, y]` in data units.
#[derive(Clone, Debug, PartialEq)]
pub struct SeriesSpec {
    pub name: String,
    pub role: Role,
    pub dashed: bool,
    pub points: Vec<[f64; 2]>,
}

/// Which axis a reference line crosses: `X` is a vertical line at an x value, `Y` a horizontal one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum MarkAxis {
    X,
    Y,
}

#[derive(Clone, Debug, PartialEq)]
pub struct MarkSpec {
    pub label: String,
    pub axis: MarkAxis,
    pub value: f64,
    pub role: Role,
}

/// A line chart: price history, payoff, cumulative P&L, a smile.
#[derive(Clone, Debug, PartialEq)]
pub struct LineSpec {
    pub title: String,
    pub x: AxisSpec,
    pub y: AxisSpec,
    pub series: Vec<SeriesSpec>,
    pub marks: Vec<MarkSpec>,
}

/// One series of bars, a value per category.
#[derive(Clone, Debug, PartialEq)]
pub struct BarGroup {
    pub name: String,
    pub role: Role,
    pub values: Vec<f64>,
    /// A role per bar where each bar says something of its own (a limit's status); empty: every
    /// bar has the group's role.
    pub roles: Vec<Role>,
}

/// A bar chart: monthly income, exposure by symbol, a distribution.
#[derive(Clone, Debug, PartialEq)]
pub struct BarSpec {
    pub title: String,
    pub categories: Vec<String>,
    pub y: AxisSpec,
    pub groups: Vec<BarGroup>,
    /// Horizontal reference lines across the bars (`MarkAxis::Y`): a limit, 100% used.
    pub marks: Vec<MarkSpec>,
}

/// A histogram: bars over a numeric axis, bar `i` spanning `edges[i]..edges[i + 1]`. Bars left
/// of zero are losses, right of it gains (a bar across zero takes the side of its middle).
#[derive(Clone, Debug, PartialEq)]
pub struct HistogramSpec {
    pub title: String,
    pub x: AxisSpec,
    pub y: AxisSpec,
    /// What a bar counts: "Paths".
    pub name: String,
    pub edges: Vec<f64>,
    pub values: Vec<f64>,
    /// Vertical reference lines (`MarkAxis::X`): VaR, expected shortfall.
    pub marks: Vec<MarkSpec>,
}

/// A heat map of values from −1 to 1 (a correlation matrix): a cell per row and column, blue
/// below zero, red above, the stronger the further from zero, with the value written in.
#[derive(Clone, Debug, PartialEq)]
pub struct HeatSpec {
    pub title: String,
    /// Drawn top to bottom.
    pub rows: Vec<String>,
    pub columns: Vec<String>,
    /// `values[row][column]`.
    pub values: Vec<Vec<f64>>,
}
