//! Heat maps: a correlation matrix as a grid of cells, blue for names that move against each
//! other, red for names that move together — the red block is the risk a list of tickers hides.
//! Each cell carries its value as text while the cells are wide enough to hold it.

use crate::frame::{draw, draw_error, finite, font};
use crate::theme::{blend, colour, css, point_colors};
use crate::ticks::label;
use crate::{Axis, Chart, ChartError, HeatSpec, Role, Scale, Series, Size, Style, Theme};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Narrower cells than this (in SVG pixels) leave their value to the readout.
const MIN_TEXT_CELL: f64 = 34.0;

/// Draws `spec` at `size` in `theme`.
pub fn heatmap(spec: &HeatSpec, size: Size, theme: Theme) -> Result<Chart, ChartError> {
    if spec.rows.is_empty() || spec.columns.is_empty() {
        return Err(ChartError::Empty(format!("{} has no cells", spec.title)));
    }
    if spec.values.len() != spec.rows.len() || spec.values.iter().any(|row| row.len() != spec.columns.len()) {
        return Err(ChartError::Invalid(format!("{} needs {} rows of {} values", spec.title, spec.rows.len(), spec.columns.len())));
    }
    finite(&spec.title, spec.values.iter().flatten().copied())?;
    if let Some(v) = spec.values.iter().flatten().find(|v| v.abs() > 1.0 + 1e-9) {
        return Err(ChartError::Invalid(format!("{}: {v} is outside −1 to 1", spec.title)));
    }
    let (rows, columns) = (spec.rows.len(), spec.columns.len());
    let x = Axis { label: String::new(), scale: Scale::Category, min: -0.5, max: columns as f64 - 0.5, categories: spec.columns.clone() };
    // The y axis counts up from the bottom: the first row is drawn at the top.
    let y = Axis {
        label: String::new(),
        scale: Scale::Category,
        min: -0.5,
        max: rows as f64 - 0.5,
        categories: spec.rows.iter().rev().cloned().collect(),
    };
    let mut cell_colors: Vec<Vec<String>> = Vec::new();
    let (svg, plot) = draw(size, theme, &spec.title, &x, &y, (columns, rows), |chart, frame| {
        let cell_width = chart.plotting_area().get_pixel_range().0.len() as f64 / columns as f64;
        for (r, row) in spec.values.iter().enumerate() {
            let centre_y = (rows - 1 - r) as f64;
            let fills: Vec<RGBColor> = row
                .iter()
                .map(|&value| blend(frame.background, colour(if value < 0.0 { Role::Primary } else { Role::Loss }), value.abs()))
                .collect();
            let cells = fills.iter().enumerate().map(|(c, fill)| {
                let (left, right) = (c as f64 - 0.48, c as f64 + 0.48);
                Rectangle::new([(left, centre_y - 0.48), (right, centre_y + 0.48)], fill.filled())
            });
            chart.draw_series(cells).map_err(draw_error)?;
            cell_colors.push(fills.iter().map(|&fill| css(fill)).collect());
            if cell_width >= MIN_TEXT_CELL {
                let labels = row.iter().enumerate().map(|(c, &value)| {
                    // Strong cells are dark enough that the text must turn light to stay legible.
                    let ink = if value.abs() > 0.6 { RGBColor(0xff, 0xff, 0xff) } else { frame.text };
                    let style = font(11.0).color(&ink).pos(Pos::new(HPos::Center, VPos::Center));
                    // Written as a number tick is, true minus and all.
                    Text::new(label(Scale::Number, value, 2.0, &[]), (c as f64, centre_y), style)
                });
                chart.draw_series(labels).map_err(draw_error)?;
            }
        }
        Ok(())
    })?;
    let series = spec
        .rows
        .iter()
        .zip(&spec.values)
        .zip(cell_colors)
        .map(|((name, row), colors)| {
            let color = css(colour(Role::Neutral));
            Series {
                name: name.clone(),
                point_colors: point_colors(&color, colors),
                color,
                style: Style::Cells,
                points: row.iter().enumerate().map(|(c, &v)| [c as f64, v]).collect(),
            }
        })
        .collect();
    Ok(Chart { svg, width: size.width, height: size.height, plot, x, y, series, marks: Vec::new() })
}
