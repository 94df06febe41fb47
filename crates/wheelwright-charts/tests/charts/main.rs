//! The charts read back: the SVG parsed as XML, every drawn vertex and bar compared with the
//! geometry handed to the UI, colours by meaning, and the refusals.

use proptest::prelude::*;
use wheelwright_charts::*;

fn size() -> Size {
    Size::checked(720, 300).unwrap()
}

/// Every polyline as (stroke colour, vertices).
fn polylines(svg: &str) -> Vec<(String, Vec<(f64, f64)>)> {
    let doc = roxmltree::Document::parse(svg).expect("the SVG is well-formed XML");
    doc.descendants()
        .filter(|n| n.has_tag_name("polyline"))
        .map(|n| {
            let points = n
                .attribute("points")
                .unwrap()
                .split_whitespace()
                .map(|pair| {
                    let (x, y) = pair.split_once(',').unwrap();
                    (x.parse().unwrap(), y.parse().unwrap())
                })
                .collect();
            (n.attribute("stroke").unwrap_or_default().to_lowercase(), points)
        })
        .collect()
}

/// Every filled rectangle as (fill colour, x, y, width, height).
fn rects(svg: &str) -> Vec<(String, f64, f64, f64, f64)> {
    let doc = roxmltree::Document::parse(svg).unwrap();
    let number = |n: &roxmltree::Node, a: &str| n.attribute(a).unwrap().parse::<f64>().unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name("rect"))
        .map(|n| {
            (
                n.attribute("fill").unwrap_or_default().to_lowercase(),
                number(&n, "x"),
                number(&n, "y"),
                number(&n, "width"),
                number(&n, "height"),
            )
        })
        .collect()
}

fn texts(svg: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg).unwrap();
    doc.descendants().filter(|n| n.has_tag_name("text")).map(|n| n.text().unwrap_or_default().trim().to_string()).collect()
}

fn price_spec(points: Vec<[f64; 2]>) -> LineSpec {
    LineSpec {
        title: "KO price".into(),
        x: AxisSpec { label: String::new(), scale: Scale::Date },
        y: AxisSpec { label: "Price".into(), scale: Scale::Price },
        series: vec![SeriesSpec { name: "Close".into(), role: Role::Primary, dashed: false, points }],
        marks: vec![
            MarkSpec { label: "Put 57.50".into(), axis: MarkAxis::Y, value: 57.5, role: Role::Strike },
            MarkSpec { label: "Basis 58.10".into(), axis: MarkAxis::Y, value: 58.1, role: Role::Basis },
        ],
    }
}

#[test]
fn every_vertex_of_a_line_sits_where_the_geometry_says() {
    let points = vec![[20_500.0, 60.0], [20_501.0, 61.5], [20_504.0, 59.25], [20_505.0, 62.0]];
    let chart = line(&price_spec(points.clone()), size(), Theme::Light).unwrap();
    let colour = &chart.series[0].color;
    let drawn: Vec<_> = polylines(&chart.svg).into_iter().filter(|(stroke, _)| stroke == colour).collect();
    assert_eq!(drawn.len(), 1, "one polyline in the series colour {colour}");
    let vertices = &drawn[0].1;
    assert_eq!(vertices.len(), points.len());
    for (vertex, point) in vertices.iter().zip(&points) {
        let (x, y) = (chart.plot.x_of(&chart.x, point[0]), chart.plot.y_of(&chart.y, point[1]));
        assert!((vertex.0 - x).abs() <= 1.0 && (vertex.1 - y).abs() <= 1.0, "{point:?} drawn at {vertex:?}, geometry says ({x}, {y})");
    }
    // The domain covers the data and the reference lines (the strike is below every close).
    assert!(chart.y.min < 57.5 && chart.y.max > 62.0);
    assert_eq!((chart.x.min, chart.x.max), (20_500.0, 20_505.0));
}

#[test]
fn reference_lines_are_drawn_across_at_their_value_with_their_label() {
    let chart = line(&price_spec(vec![[20_500.0, 60.0], [20_520.0, 63.0]]), size(), Theme::Dark).unwrap();
    let strike = chart.marks.iter().find(|m| m.label == "Put 57.50").unwrap();
    let y = chart.plot.y_of(&chart.y, 57.5);
    let dashes: Vec<_> = polylines(&chart.svg).into_iter().filter(|(stroke, _)| *stroke == strike.color).collect();
    assert!(dashes.len() > 10, "a dashed line is many short strokes, got {}", dashes.len());
    for (_, vertices) in &dashes {
        for vertex in vertices {
            assert!((vertex.1 - y).abs() <= 1.0, "the strike line strays to y={} (expected {y})", vertex.1);
        }
    }
    let reach = dashes.iter().flat_map(|(_, v)| v.iter().map(|p| p.0)).fold(0.0_f64, f64::max);
    assert!(reach >= chart.plot.left + chart.plot.width - 8.0, "the strike line crosses the whole plot");
    let labels = texts(&chart.svg);
    assert!(labels.iter().any(|t| t == "Put 57.50") && labels.iter().any(|t| t == "Basis 58.10"), "{labels:?}");
    assert_ne!(strike.color, chart.marks[1].color, "strike and basis are told apart");
}

#[test]
fn signed_bars_are_green_above_zero_red_below_and_as_tall_as_their_value() {
    let spec = BarSpec {
        title: "Monthly income".into(),
        categories: vec!["2026-01".into(), "2026-02".into(), "2026-03".into()],
        y: AxisSpec { label: String::new(), scale: Scale::Money },
        groups: vec![BarGroup { name: "Realized".into(), role: Role::Signed, values: vec![420.0, -180.0, 95.5], roles: vec![] }],
        marks: vec![],
    };
    let chart = bars(&spec, size(), Theme::Light).unwrap();
    let zero = chart.plot.y_of(&chart.y, 0.0);
    let gain = "#22a05a";
    let loss = "#e5484d";
    let drawn: Vec<_> = rects(&chart.svg).into_iter().filter(|r| r.0 == gain || r.0 == loss).collect();
    assert_eq!(drawn.len(), 3);
    for ((fill, x, top, width, height), value) in drawn.iter().zip([420.0, -180.0, 95.5]) {
        assert_eq!(fill, if value < 0.0 { loss } else { gain }, "{value}");
        let edge = chart.plot.y_of(&chart.y, value);
        let (want_top, want_bottom) = if value < 0.0 { (zero, edge) } else { (edge, zero) };
        assert!(
            (top - want_top).abs() <= 1.0 && (top + height - want_bottom).abs() <= 1.0,
            "{value}: {top}+{height} vs {want_top}..{want_bottom}"
        );
        // Each bar sits over its own category.
        let centre = x + width / 2.0;
        let index = chart.series[0].points.iter().find(|p| p[1] == value).unwrap()[0];
        assert!((centre - chart.plot.x_of(&chart.x, index)).abs() < chart.plot.width / 6.0);
    }
    assert!(texts(&chart.svg).iter().any(|t| t == "2026-02"), "categories are labelled");
    assert_eq!(chart.series[0].points, vec![[0.0, 420.0], [1.0, -180.0], [2.0, 95.5]]);
    // The readout's swatch of each bar is the colour it was drawn in.
    assert_eq!(chart.series[0].point_colors, [gain, loss, gain]);
}

#[test]
fn themes_change_the_frame_not_the_meaning() {
    let spec = price_spec(vec![[20_500.0, 60.0], [20_510.0, 61.0]]);
    let light = line(&spec, size(), Theme::Light).unwrap();
    let dark = line(&spec, size(), Theme::Dark).unwrap();
    assert_eq!(rects(&light.svg)[0].0, "#ffffff");
    assert_eq!(rects(&dark.svg)[0].0, "#151b23");
    assert_eq!(light.series, dark.series);
    assert_eq!(light.marks, dark.marks);
    assert_eq!(light.plot, dark.plot);
}

#[test]
fn text_typed_by_a_user_cannot_break_the_document() {
    let mut spec = price_spec(vec![[20_500.0, 60.0], [20_510.0, 61.0]]);
    spec.title = "Main </text><script>alert(1)</script> & \"co\"".into();
    let chart = line(&spec, size(), Theme::Light).unwrap();
    assert!(!chart.svg.contains("<script"), "{}", &chart.svg[..400]);
    // Escaped, not dropped: the title reads back as typed ("P&L" keeps its ampersand).
    assert!(texts(&chart.svg).iter().any(|t| t == "Main </text><script>alert(1)</script> & \"co\""), "{:?}", texts(&chart.svg));
}

#[test]
fn what_cannot_be_drawn_is_refused_with_the_reason() {
    let nan = line(&price_spec(vec![[20_500.0, f64::NAN]]), size(), Theme::Light).unwrap_err();
    assert!(matches!(&nan, ChartError::Invalid(m) if m.contains("Close")), "{nan}");
    let empty = line(&price_spec(vec![]), size(), Theme::Light).unwrap_err();
    assert!(matches!(empty, ChartError::Empty(_)));
    let uneven = BarSpec {
        title: "Income".into(),
        categories: vec!["2026-01".into()],
        y: AxisSpec { label: String::new(), scale: Scale::Money },
        groups: vec![BarGroup { name: "Realized".into(), role: Role::Signed, values: vec![1.0, 2.0], roles: vec![] }],
        marks: vec![],
    };
    assert!(bars(&uneven, size(), Theme::Light).unwrap_err().to_string().contains("2 values and 0 roles for 1 categories"));
    let histogram_edges = HistogramSpec {
        title: "P&L".into(),
        x: AxisSpec { label: String::new(), scale: Scale::Money },
        y: AxisSpec { label: String::new(), scale: Scale::Percent },
        name: "Paths".into(),
        edges: vec![0.0, 1.0],
        values: vec![0.5, 0.5],
        marks: vec![],
    };
    assert!(histogram(&histogram_edges, size(), Theme::Light).unwrap_err().to_string().contains("2 edges for 2 bars"));
    let falling = HistogramSpec { edges: vec![0.0, 2.0, 1.0], ..histogram_edges };
    assert!(histogram(&falling, size(), Theme::Light).unwrap_err().to_string().contains("must rise"));
    let beyond = HeatSpec { title: "Correlation".into(), rows: vec!["A".into()], columns: vec!["A".into()], values: vec![vec![1.5]] };
    assert!(heatmap(&beyond, size(), Theme::Light).unwrap_err().to_string().contains("outside −1 to 1"));
    assert!(Size::checked(100, 300).unwrap_err().to_string().contains("240–4000 pixels wide"));
}

#[test]
fn a_flat_series_is_drawn_mid_height_not_on_an_edge() {
    let chart = line(&price_spec(vec![[20_500.0, 60.0], [20_510.0, 60.0]]), size(), Theme::Light).unwrap();
    let y = chart.plot.y_of(&chart.y, 60.0);
    assert!(y > chart.plot.top + 10.0 && y < chart.plot.top + chart.plot.height - 10.0);
}

#[test]
fn a_histogram_spans_its_edges_with_losses_red_and_its_var_line_in_place() {
    let spec = HistogramSpec {
        title: "1-session P&L".into(),
        x: AxisSpec { label: "P&L".into(), scale: Scale::Money },
        y: AxisSpec { label: String::new(), scale: Scale::Percent },
        name: "Paths".into(),
        edges: vec![-300.0, -200.0, -100.0, 0.0, 100.0],
        values: vec![0.05, 0.15, 0.3, 0.5],
        marks: vec![MarkSpec { label: "VaR 95%".into(), axis: MarkAxis::X, value: -250.0, role: Role::Loss }],
    };
    let chart = histogram(&spec, size(), Theme::Light).unwrap();
    let (gain, loss) = ("#22a05a", "#e5484d");
    let bars: Vec<_> = rects(&chart.svg).into_iter().filter(|r| r.0 == gain || r.0 == loss).collect();
    assert_eq!(bars.len(), 4);
    for ((fill, x, top, width, height), i) in bars.iter().zip(0..) {
        let (low, high) = (spec.edges[i], spec.edges[i + 1]);
        assert_eq!(fill, if high <= 0.0 { loss } else { gain }, "bar {low}..{high}");
        // Inside its edges (less the gap between bars), as tall as its share.
        assert!(*x >= chart.plot.x_of(&chart.x, low) - 1.0 && x + width <= chart.plot.x_of(&chart.x, high) + 1.0);
        assert!(*width > 0.8 * (chart.plot.x_of(&chart.x, high) - chart.plot.x_of(&chart.x, low)));
        let want_top = chart.plot.y_of(&chart.y, spec.values[i]);
        assert!((top - want_top).abs() <= 1.0 && (top + height - chart.plot.y_of(&chart.y, 0.0)).abs() <= 1.0);
    }
    let var = chart.plot.x_of(&chart.x, -250.0);
    let dashes: Vec<_> = polylines(&chart.svg).into_iter().filter(|(stroke, _)| stroke == loss).collect();
    assert!(!dashes.is_empty() && dashes.iter().flat_map(|(_, v)| v).all(|p| (p.0 - var).abs() <= 1.0), "the VaR line stands at {var}");
    assert_eq!(chart.series[0].points, vec![[-250.0, 0.05], [-150.0, 0.15], [-50.0, 0.3], [50.0, 0.5]]);
    assert_eq!(chart.series[0].point_colors, [loss, loss, loss, gain]);
    assert!(chart.x.min <= -300.0 && chart.x.max >= 100.0);
}

#[test]
fn a_heat_map_puts_the_first_row_on_top_and_colours_by_sign_and_strength() {
    let spec = HeatSpec {
        title: "Correlation".into(),
        rows: vec!["KO".into(), "PEP".into(), "XOM".into()],
        columns: vec!["KO".into(), "PEP".into(), "XOM".into()],
        values: vec![vec![1.0, 0.8, -0.3], vec![0.8, 1.0, 0.0], vec![-0.3, 0.0, 1.0]],
    };
    let chart = heatmap(&spec, size(), Theme::Light).unwrap();
    let cells: Vec<_> = rects(&chart.svg).into_iter().skip(1).filter(|r| r.3 > 20.0 && r.4 > 20.0).collect();
    assert_eq!(cells.len(), 9, "{cells:?}");
    // The first row (KO) is at the top; its first cell (KO × KO = 1) is the full loss red.
    let top = cells.iter().map(|c| c.2).fold(f64::INFINITY, f64::min);
    let ko_ko = cells.iter().find(|c| (c.2 - top).abs() < 1.0 && c.1 < chart.plot.x_of(&chart.x, 0.5)).unwrap();
    assert_eq!(ko_ko.0, "#e5484d");
    // A zero correlation is the background; a negative one is bluish, a weaker positive one paler.
    let fills: Vec<&str> = cells.iter().map(|c| c.0.as_str()).collect();
    assert!(fills.contains(&"#ffffff"), "{fills:?}");
    let red = |hex: &str| u8::from_str_radix(&hex[1..3], 16).unwrap();
    let blue = |hex: &str| u8::from_str_radix(&hex[5..7], 16).unwrap();
    assert!(fills.iter().any(|f| blue(f) > red(f)), "a negative cell leans blue: {fills:?}");
    assert_eq!(chart.y.categories, ["XOM", "PEP", "KO"], "the y axis counts up from the bottom row");
    assert_eq!(chart.series[0].name, "KO");
    assert_eq!(chart.series[1].points, vec![[0.0, 0.8], [1.0, 1.0], [2.0, 0.0]]);
    // Each cell's readout swatch is its own fill: KO × KO the full red, PEP × XOM the background.
    assert_eq!(chart.series[0].point_colors[0], "#e5484d");
    assert_eq!(chart.series[1].point_colors[2], "#ffffff");
    let mut drawn: Vec<&str> = fills.clone();
    let mut kept: Vec<&str> = chart.series.iter().flat_map(|s| s.point_colors.iter().map(String::as_str)).collect();
    drawn.sort_unstable();
    kept.sort_unstable();
    assert_eq!(drawn, kept);
    assert!(texts(&chart.svg).iter().any(|t| t == "\u{2212}0.30"), "values are written in their cells, with a true minus");
    // Row and column names label the axes.
    let labels = texts(&chart.svg);
    assert!(["KO", "PEP", "XOM"].iter().all(|n| labels.iter().filter(|t| t == n).count() >= 2), "{labels:?}");
}

#[test]
fn bars_take_their_own_roles_and_limit_lines_stand_at_their_value() {
    let spec = BarSpec {
        title: "Limit usage".into(),
        categories: vec!["Name".into(), "Sector".into(), "Cash".into()],
        y: AxisSpec { label: String::new(), scale: Scale::Percent },
        groups: vec![BarGroup {
            name: "Used".into(),
            role: Role::Primary,
            values: vec![0.5, 0.9, 1.2],
            roles: vec![Role::Gain, Role::Warning, Role::Loss],
        }],
        marks: vec![MarkSpec { label: "Limit".into(), axis: MarkAxis::Y, value: 1.0, role: Role::Neutral }],
    };
    let chart = bars(&spec, size(), Theme::Light).unwrap();
    let fills: Vec<String> = rects(&chart.svg).into_iter().map(|r| r.0).collect();
    for colour in ["#22a05a", "#d29922", "#e5484d"] {
        assert_eq!(fills.iter().filter(|f| *f == colour).count(), 1, "{colour} in {fills:?}");
    }
    assert_eq!(chart.series[0].point_colors, ["#22a05a", "#d29922", "#e5484d"], "each bar's swatch in its status colour");
    assert!(chart.y.max >= 1.2 && chart.y.min == 0.0);
    let limit = chart.plot.y_of(&chart.y, 1.0);
    let dashes: Vec<_> = polylines(&chart.svg).into_iter().filter(|(stroke, _)| *stroke == chart.marks[0].color).collect();
    assert!(!dashes.is_empty() && dashes.iter().flat_map(|(_, v)| v).all(|p| (p.1 - limit).abs() <= 1.0));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    #[test]
    fn every_point_lands_inside_the_plot(points in prop::collection::vec((-1e6..1e6f64, -1e6..1e6f64), 2..40)) {
        let points: Vec<[f64; 2]> = points.into_iter().map(|(x, y)| [x, y]).collect();
        let spec = LineSpec {
            title: "P&L".into(),
            x: AxisSpec { label: "Price".into(), scale: Scale::Price },
            y: AxisSpec { label: String::new(), scale: Scale::Money },
            series: vec![SeriesSpec { name: "At expiry".into(), role: Role::Primary, dashed: false, points: points.clone() }],
            marks: vec![],
        };
        let chart = line(&spec, size(), Theme::Light).unwrap();
        let p = chart.plot;
        for point in &points {
            prop_assert!(chart.x.min <= point[0] && point[0] <= chart.x.max && chart.y.min <= point[1] && point[1] <= chart.y.max);
            let (x, y) = (p.x_of(&chart.x, point[0]), p.y_of(&chart.y, point[1]));
            prop_assert!(x >= p.left - 1.0 && x <= p.left + p.width + 1.0 && y >= p.top - 1.0 && y <= p.top + p.height + 1.0);
        }
    }
}
