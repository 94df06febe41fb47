//! Histograms: the simulated P&L of a book over a horizon, bars over a money axis with the VaR
//! and expected-shortfall lines where they fall. Losses red, gains green, so the left tail the
//! VaR measures reads at a glance.

use crate::frame::{domain, draw, draw_error, finite, marks};
use crate::theme::{colour, css, point_colors};
use crate::{Axis, Chart, ChartError, HistogramSpec, MarkAxis, Role, Series, Size, Style, Theme};
use plotters::prelude::*;

/// Bars left of zero are losses, the rest gains.
fn role_at(middle: f64) -> Role {
    if middle < 0.0 {
        Role::Loss
    } else {
        Role::Gain
    }
}

/// Draws `spec` at `size` in `theme`.
pub fn histogram(spec: &HistogramSpec, size: Size, theme: Theme) -> Result<Chart, ChartError> {
    if spec.values.is_empty() {
        return Err(ChartError::Empty(format!("{} has no bars", spec.title)));
    }
    if spec.edges.len() != spec.values.len() + 1 {
        return Err(ChartError::Invalid(format!(
            "{} has {} edges for {} bars: give one more edge than bars",
            spec.title,
            spec.edges.len(),
            spec.values.len()
        )));
    }
    finite(&spec.name, spec.values.iter().chain(&spec.edges).copied())?;
    if !spec.edges.windows(2).all(|w| w[1] > w[0]) {
        return Err(ChartError::Invalid(format!("{}: the bar edges must rise left to right", spec.title)));
    }
    if spec.marks.iter().any(|m| m.axis != MarkAxis::X) {
        return Err(ChartError::Invalid("a histogram's reference lines stand on its x axis (MarkAxis::X)".into()));
    }
    finite("a reference line", spec.marks.iter().map(|m| m.value))?;
    let (x_min, x_max) =
        domain(spec.edges.iter().copied().chain(spec.marks.iter().map(|m| m.value)), 0.02, false).expect("edges were checked");
    let (y_min, y_max) = domain(spec.values.iter().copied(), 0.08, true).expect("values were checked non-empty");
    let x = Axis { label: spec.x.label.clone(), scale: spec.x.scale, min: x_min, max: x_max, categories: Vec::new() };
    let y = Axis { label: spec.y.label.clone(), scale: spec.y.scale, min: y_min, max: y_max, categories: Vec::new() };
    let middles: Vec<f64> = spec.edges.windows(2).map(|w| (w[0] + w[1]) / 2.0).collect();
    let ticks = (size.width / 110).clamp(3, 10) as usize;
    let mut drawn_marks = Vec::new();
    let (svg, plot) = draw(size, theme, &spec.title, &x, &y, (ticks, 6), |chart, _| {
        let rectangles = spec.values.iter().enumerate().map(|(i, &value)| {
            let role = role_at(middles[i]);
            // A hair of the bar's width apart, so neighbouring bars read as bars, not a blob.
            let gap = (spec.edges[i + 1] - spec.edges[i]) * 0.04;
            Rectangle::new([(spec.edges[i] + gap, 0.0), (spec.edges[i + 1] - gap, value)], colour(role).filled())
        });
        chart.draw_series(rectangles).map_err(draw_error)?;
        drawn_marks = marks(chart, &x, &y, &spec.marks)?;
        Ok(())
    })?;
    let color = css(colour(Role::Gain));
    let series = vec![Series {
        name: spec.name.clone(),
        point_colors: point_colors(&color, middles.iter().map(|&m| css(colour(role_at(m)))).collect()),
        color,
        style: Style::Bars,
        points: middles.iter().zip(&spec.values).map(|(&m, &v)| [m, v]).collect(),
    }];
    Ok(Chart { svg, width: size.width, height: size.height, plot, x, y, series, marks: drawn_marks })
}
