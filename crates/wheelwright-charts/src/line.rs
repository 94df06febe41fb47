//! Line charts: price history with strike and basis lines, the payoff at expiry and today,
//! cumulative P&L, an IV smile.

use crate::frame::{domain, draw, finite, marks};
use crate::theme::{colour, css};
use crate::{Axis, Chart, ChartError, LineSpec, MarkAxis, Series, Size, Style, Theme};
use plotters::prelude::*;

/// Draws `spec` at `size` in `theme`.
pub fn line(spec: &LineSpec, size: Size, theme: Theme) -> Result<Chart, ChartError> {
    if spec.series.iter().all(|s| s.points.is_empty()) {
        return Err(ChartError::Empty(format!("{} has no points", spec.title)));
    }
    for series in &spec.series {
        finite(&series.name, series.points.iter().flatten().copied())?;
    }
    finite("a reference line", spec.marks.iter().map(|m| m.value))?;
    let points = || spec.series.iter().flat_map(|s| s.points.iter());
    let on = |axis| spec.marks.iter().filter(move |m| m.axis == axis).map(|m| m.value);
    let (x_min, x_max) = domain(points().map(|p| p[0]).chain(on(MarkAxis::X)), 0.0, false).expect("points were checked non-empty");
    let (y_min, y_max) = domain(points().map(|p| p[1]).chain(on(MarkAxis::Y)), 0.06, false).expect("points were checked non-empty");
    let x = Axis { label: spec.x.label.clone(), scale: spec.x.scale, min: x_min, max: x_max, categories: Vec::new() };
    let y = Axis { label: spec.y.label.clone(), scale: spec.y.scale, min: y_min, max: y_max, categories: Vec::new() };
    let ticks = (size.width / 110).clamp(3, 10) as usize;
    let mut drawn_marks = Vec::new();
    let (svg, plot) = draw(size, theme, &spec.title, &x, &y, (ticks, 6), |chart, _| {
        drawn_marks = marks(chart, &x, &y, &spec.marks)?;
        for series in &spec.series {
            let style = ShapeStyle::from(colour(series.role)).stroke_width(2);
            let points = series.points.iter().map(|p| (p[0], p[1]));
            if series.dashed {
                chart.draw_series(DashedLineSeries::new(points, 6, 4, style)).map_err(crate::frame::draw_error)?;
            } else {
                chart.draw_series(LineSeries::new(points, style)).map_err(crate::frame::draw_error)?;
            }
        }
        Ok(())
    })?;
    let series = spec
        .series
        .iter()
        .map(|s| Series {
            name: s.name.clone(),
            color: css(colour(s.role)),
            style: if s.dashed { Style::Dashed } else { Style::Line },
            points: s.points.clone(),
            point_colors: Vec::new(),
        })
        .collect();
    Ok(Chart { svg, width: size.width, height: size.height, plot, x, y, series, marks: drawn_marks })
}
