//! What every chart shares: the domain around the data, the background, grid, axes and tick
//! labels, the title, and reading the plot rectangle back out of plotters so the geometry handed
//! to the UI is exactly the one drawn.

use crate::theme::{colour, css, Frame};
use crate::ticks::label;
use crate::{Axis, ChartError, Mark, MarkAxis, MarkSpec, PlotArea, Size, Theme};
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;

pub(crate) type Canvas<'a> = ChartContext<'a, SVGBackend<'a>, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

const FONT: &str = "sans-serif";

/// A font of `px` CSS pixels: plotters writes `size / 1.24` into the SVG (points to pixels).
pub(crate) fn font(px: f64) -> FontDesc<'static> {
    (FONT, px * 1.24).into_font()
}

/// The smallest and largest of `values` widened by `pad` of the span on each side (and to
/// include zero when asked); a single value gets a span of its own so it is not drawn on an edge.
pub(crate) fn domain(values: impl Iterator<Item = f64>, pad: f64, include_zero: bool) -> Option<(f64, f64)> {
    let (mut low, mut high) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| (lo.min(v), hi.max(v)));
    if !low.is_finite() || !high.is_finite() {
        return None;
    }
    if include_zero {
        low = low.min(0.0);
        high = high.max(0.0);
    }
    if high - low < 1e-9 {
        let half = (high.abs() * 0.05).max(1.0);
        return Some((low - half, high + half));
    }
    let margin = (high - low) * pad;
    Some((if include_zero && low == 0.0 { 0.0 } else { low - margin }, if include_zero && high == 0.0 { 0.0 } else { high + margin }))
}

/// Refuses a NaN or infinity anywhere in what is to be drawn: a silently dropped point would make
/// the chart lie.
pub(crate) fn finite(what: &str, values: impl IntoIterator<Item = f64>) -> Result<(), ChartError> {
    if values.into_iter().all(f64::is_finite) {
        Ok(())
    } else {
        Err(ChartError::Invalid(format!("{what} holds a value that is not a finite number")))
    }
}

pub(crate) fn draw_error(error: impl std::fmt::Display) -> ChartError {
    ChartError::Draw(error.to_string())
}

/// Draws the frame and calls `paint` to draw the data; returns the SVG and the plot rectangle.
/// `ticks` is how many labels each axis may have (x, y).
pub(crate) fn draw(
    size: Size,
    theme: Theme,
    title: &str,
    x: &Axis,
    y: &Axis,
    ticks: (usize, usize),
    paint: impl FnOnce(&mut Canvas, &Frame) -> Result<(), ChartError>,
) -> Result<(String, PlotArea), ChartError> {
    let frame = theme.frame();
    let mut svg = String::new();
    let plot;
    {
        let root = SVGBackend::with_string(&mut svg, (size.width, size.height)).into_drawing_area();
        root.fill(&frame.background).map_err(draw_error)?;
        let x_span = x.max - x.min;
        let y_span = y.max - y.min;
        let x_label = |v: &f64| label(x.scale, *v, x_span, &x.categories);
        let y_label = |v: &f64| label(y.scale, *v, y_span, &y.categories);
        let mut chart = ChartBuilder::on(&root)
            .caption(title, font(13.0).color(&frame.text))
            .margin_top(6)
            .margin_left(8)
            .margin_right(18)
            .margin_bottom(6)
            .x_label_area_size(if x.label.is_empty() { 22 } else { 36 })
            .y_label_area_size(if y.label.is_empty() { 58 } else { 72 })
            .build_cartesian_2d(x.min..x.max, y.min..y.max)
            .map_err(draw_error)?;
        let mut mesh = chart.configure_mesh();
        mesh.bold_line_style(frame.grid)
            .light_line_style(TRANSPARENT)
            .axis_style(frame.axis)
            .label_style(font(11.0).color(&frame.muted))
            .axis_desc_style(font(11.0).color(&frame.muted))
            .x_labels(ticks.0)
            .y_labels(ticks.1)
            .x_label_formatter(&x_label)
            .y_label_formatter(&y_label);
        // An empty description would still be written as an empty <text>.
        if !x.label.is_empty() {
            mesh.x_desc(&x.label);
        }
        if !y.label.is_empty() {
            mesh.y_desc(&y.label);
        }
        mesh.draw().map_err(draw_error)?;
        // Plotters maps the domain onto the first to the last pixel of its range (end − 1).
        let (columns, rows) = chart.plotting_area().get_pixel_range();
        plot = PlotArea {
            left: f64::from(columns.start),
            top: f64::from(rows.start),
            width: f64::from(columns.end - 1 - columns.start),
            height: f64::from(rows.end - 1 - rows.start),
        };
        paint(&mut chart, &frame)?;
        root.present().map_err(draw_error)?;
    }
    Ok((svg, plot))
}

/// Draws reference lines across the plot with their labels, staggered so neighbours stay legible,
/// and returns them as drawn.
pub(crate) fn marks(chart: &mut Canvas, x: &Axis, y: &Axis, specs: &[MarkSpec]) -> Result<Vec<Mark>, ChartError> {
    let mut drawn = Vec::with_capacity(specs.len());
    for (i, spec) in specs.iter().enumerate() {
        let colour = colour(spec.role);
        let style = ShapeStyle::from(colour).stroke_width(1);
        let (line, anchor, offset) = match spec.axis {
            MarkAxis::X => (vec![(spec.value, y.min), (spec.value, y.max)], (spec.value, y.max), (4, 2 + 13 * (i as i32 % 3))),
            MarkAxis::Y => (vec![(x.min, spec.value), (x.max, spec.value)], (x.min, spec.value), (4 + 90 * (i as i32 % 3), -14)),
        };
        chart.draw_series(DashedLineSeries::new(line, 5, 4, style)).map_err(draw_error)?;
        let text = font(11.0).color(&colour);
        let element = EmptyElement::at(anchor) + Text::new(spec.label.clone(), offset, text);
        chart.draw_series(std::iter::once(element)).map_err(draw_error)?;
        drawn.push(Mark { label: spec.label.clone(), axis: spec.axis, value: spec.value, color: css(colour) });
    }
    Ok(drawn)
}
