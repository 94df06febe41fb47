//! Bar charts: monthly income (realized and cash-flow side by side), exposure by symbol, a P&L
//! distribution. Bars grow from zero; a `Signed` series is green above zero and red below.

use crate::frame::{domain, draw, draw_error, finite};
use crate::theme::{colour, css};
use crate::{Axis, BarSpec, Chart, ChartError, Role, Scale, Series, Size, Style, Theme};
use plotters::prelude::*;

/// The share of a category's width the bars of all groups take together.
const FILL: f64 = 0.76;

/// Draws `spec` at `size` in `theme`.
pub fn bars(spec: &BarSpec, size: Size, theme: Theme) -> Result<Chart, ChartError> {
    if spec.categories.is_empty() || spec.groups.is_empty() {
        return Err(ChartError::Empty(format!("{} has no bars", spec.title)));
    }
    for group in &spec.groups {
        if group.values.len() != spec.categories.len() {
            return Err(ChartError::Invalid(format!(
                "{} has {} values for {} categories",
                group.name,
                group.values.len(),
                spec.categories.len()
            )));
        }
        finite(&group.name, group.values.iter().copied())?;
    }
    let n = spec.categories.len() as f64;
    let x = Axis { label: String::new(), scale: Scale::Category, min: -0.5, max: n - 0.5, categories: spec.categories.clone() };
    let values = spec.groups.iter().flat_map(|g| g.values.iter().copied());
    let (y_min, y_max) = domain(values, 0.08, true).expect("categories were checked non-empty");
    let y = Axis { label: spec.y.label.clone(), scale: spec.y.scale, min: y_min, max: y_max, categories: Vec::new() };
    // One tick a category while they fit; fewer (every k-th) when they would crowd.
    let fit = (size.width / 56).max(2) as usize;
    let ticks = if spec.categories.len() <= fit { spec.categories.len() } else { fit };
    let width = FILL / spec.groups.len() as f64;
    let (svg, plot) = draw(size, theme, &spec.title, &x, &y, ticks, |chart, _| {
        for (g, group) in spec.groups.iter().enumerate() {
            let left = -FILL / 2.0 + width * g as f64;
            let rectangles = group.values.iter().enumerate().map(|(i, &value)| {
                let role = if group.role == Role::Signed && value < 0.0 { Role::Loss } else { group.role };
                // A 4% gap on each side keeps neighbouring groups apart and the bar centred.
                let start = i as f64 + left + width * 0.04;
                Rectangle::new([(start, 0.0), (start + width * 0.92, value)], colour(role).filled())
            });
            chart.draw_series(rectangles).map_err(draw_error)?;
        }
        Ok(())
    })?;
    let series = spec
        .groups
        .iter()
        .map(|g| Series {
            name: g.name.clone(),
            color: css(colour(g.role)),
            style: Style::Bars,
            points: g.values.iter().enumerate().map(|(i, &v)| [i as f64, v]).collect(),
        })
        .collect();
    Ok(Chart { svg, width: size.width, height: size.height, plot, x, y, series, marks: Vec::new() })
}
