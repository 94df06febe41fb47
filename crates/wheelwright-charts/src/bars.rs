//! Bar charts: monthly income (realized and cash-flow side by side), exposure by name and sector
//! against their limits, limit usage. Bars grow from zero; a `Signed` series is green above zero
//! and red below; a bar may carry a role of its own (a limit's status) and the chart horizontal
//! reference lines (the limit itself).

use crate::frame::{domain, draw, draw_error, finite, marks};
use crate::theme::{colour, css, point_colors};
use crate::{Axis, BarSpec, Chart, ChartError, MarkAxis, Role, Scale, Series, Size, Style, Theme};
use plotters::prelude::*;

/// The share of a category's width the bars of all groups take together.
const FILL: f64 = 0.76;

/// The colour a bar of `value` is drawn in, by its own role or its group's.
fn bar_role(role: Role, value: f64) -> Role {
    if role == Role::Signed && value < 0.0 {
        Role::Loss
    } else {
        role
    }
}

/// Draws `spec` at `size` in `theme`.
pub fn bars(spec: &BarSpec, size: Size, theme: Theme) -> Result<Chart, ChartError> {
    if spec.categories.is_empty() || spec.groups.is_empty() {
        return Err(ChartError::Empty(format!("{} has no bars", spec.title)));
    }
    for group in &spec.groups {
        if group.values.len() != spec.categories.len() || !(group.roles.is_empty() || group.roles.len() == group.values.len()) {
            return Err(ChartError::Invalid(format!(
                "{} has {} values and {} roles for {} categories",
                group.name,
                group.values.len(),
                group.roles.len(),
                spec.categories.len()
            )));
        }
        finite(&group.name, group.values.iter().copied())?;
    }
    if spec.marks.iter().any(|m| m.axis != MarkAxis::Y) {
        return Err(ChartError::Invalid("a bar chart's reference lines run across its values (MarkAxis::Y)".into()));
    }
    finite("a reference line", spec.marks.iter().map(|m| m.value))?;
    let n = spec.categories.len() as f64;
    let x = Axis { label: String::new(), scale: Scale::Category, min: -0.5, max: n - 0.5, categories: spec.categories.clone() };
    let values = spec.groups.iter().flat_map(|g| g.values.iter().copied()).chain(spec.marks.iter().map(|m| m.value));
    let (y_min, y_max) = domain(values, 0.08, true).expect("categories were checked non-empty");
    let y = Axis { label: spec.y.label.clone(), scale: spec.y.scale, min: y_min, max: y_max, categories: Vec::new() };
    // One tick a category while they fit; fewer (every k-th) when they would crowd.
    let fit = (size.width / 56).max(2) as usize;
    let ticks = if spec.categories.len() <= fit { spec.categories.len() } else { fit };
    let width = FILL / spec.groups.len() as f64;
    let mut drawn_marks = Vec::new();
    let (svg, plot) = draw(size, theme, &spec.title, &x, &y, (ticks, 6), |chart, _| {
        for (g, group) in spec.groups.iter().enumerate() {
            let left = -FILL / 2.0 + width * g as f64;
            let rectangles = group.values.iter().enumerate().map(|(i, &value)| {
                let role = bar_role(group.roles.get(i).copied().unwrap_or(group.role), value);
                // A 4% gap on each side keeps neighbouring groups apart and the bar centred.
                let start = i as f64 + left + width * 0.04;
                Rectangle::new([(start, 0.0), (start + width * 0.92, value)], colour(role).filled())
            });
            chart.draw_series(rectangles).map_err(draw_error)?;
        }
        drawn_marks = marks(chart, &x, &y, &spec.marks)?;
        Ok(())
    })?;
    let series = spec
        .groups
        .iter()
        .map(|g| {
            let color = css(colour(g.role));
            let each = g.values.iter().enumerate().map(|(i, &v)| css(colour(bar_role(g.roles.get(i).copied().unwrap_or(g.role), v))));
            Series {
                name: g.name.clone(),
                point_colors: point_colors(&color, each.collect()),
                color,
                style: Style::Bars,
                points: g.values.iter().enumerate().map(|(i, &v)| [i as f64, v]).collect(),
            }
        })
        .collect();
    Ok(Chart { svg, width: size.width, height: size.height, plot, x, y, series, marks: drawn_marks })
}
