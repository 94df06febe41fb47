//! Tick labels: money with thousands separators and a true minus sign, prices with cents only when
//! the axis needs them, percentages, and dates from day numbers. A wrong label is a wrong chart,
//! so these are tested on their own.

use crate::Scale;
use chrono::{DateTime, Datelike};
pub use wheelwright_domain::money::thousands;

/// The label for `value` on an axis of `scale` whose visible span is `span` (max − min).
pub(crate) fn label(scale: Scale, value: f64, span: f64, categories: &[String]) -> String {
    match scale {
        // A narrow axis (a month of all-zero income is −1..1) needs cents to tell its ticks apart.
        Scale::Money | Scale::Price if span < 20.0 => format!("{}${:.2}", sign(value), value.abs()),
        Scale::Money => money(value),
        Scale::Price => whole_dollars(value),
        Scale::Percent => {
            let digits = if span < 0.05 { 1 } else { 0 };
            format!("{}{:.*}%", sign(value), digits, (value * 100.0).abs())
        }
        Scale::Number => {
            if span < 10.0 {
                format!("{}{:.2}", sign(value), value.abs())
            } else {
                format!("{}{}", sign(value), thousands(value.abs().round()))
            }
        }
        Scale::Date => date(value, span),
        Scale::Category => {
            let index = value.round();
            // Ticks between categories carry no label.
            if (value - index).abs() > 1e-6 || index < 0.0 {
                return String::new();
            }
            categories.get(index as usize).cloned().unwrap_or_default()
        }
    }
}

/// "$1,250", "−$300", "$12.5k", "$1.2M".
pub(crate) fn money(value: f64) -> String {
    let abs = value.abs();
    let body = if abs >= 999_950.0 {
        format!("{:.1}M", abs / 1_000_000.0)
    } else if abs >= 10_000.0 {
        format!("{:.1}k", abs / 1_000.0)
    } else {
        thousands(abs.round())
    };
    format!("{}${}", sign(value), body)
}

/// The minus sign for negatives (U+2212, not a hyphen), nothing otherwise. −0 is 0.
fn sign(value: f64) -> &'static str {
    if value < 0.0 && value.abs() >= 0.005 {
        "\u{2212}"
    } else {
        ""
    }
}

/// "−$1,250": dollars to the dollar with separators and a true minus (a price tick, a line's label).
pub fn whole_dollars(value: f64) -> String {
    format!("{}${}", sign(value), thousands(value.abs().round()))
}

/// Days since 1970-01-01 as "Mar 14" (or "Mar 2026" when the axis spans more than a year). A
/// tick between two days (a few days' axis ticks every half day) carries no label: it would
/// repeat its day's.
fn date(days: f64, span: f64) -> String {
    if (days - days.round()).abs() > 1e-6 {
        return String::new();
    }
    let Some(moment) = DateTime::from_timestamp((days * 86_400.0).round() as i64, 0) else {
        return String::new();
    };
    let day = moment.date_naive();
    if span > 400.0 {
        format!("{} {}", day.format("%b"), day.year())
    } else {
        format!("{} {}", day.format("%b"), day.day())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_labels() {
        assert_eq!(money(1250.0), "$1,250");
        assert_eq!(money(-300.4), "\u{2212}$300");
        assert_eq!(money(12_500.0), "$12.5k");
        assert_eq!(money(-1_234_567.0), "\u{2212}$1.2M");
        assert_eq!(money(-0.001), "$0");
        // Rounds up into the next unit rather than printing "$1000.0k".
        assert_eq!(money(999_999.0), "$1.0M");
        assert_eq!(money(9_999.7), "$10,000");
    }

    #[test]
    fn a_narrow_money_axis_keeps_its_cents() {
        assert_eq!(label(Scale::Money, 0.5, 2.0, &[]), "$0.50");
        assert_eq!(label(Scale::Money, -0.5, 2.0, &[]), "\u{2212}$0.50");
        assert_eq!(label(Scale::Money, 500.0, 600.0, &[]), "$500");
    }

    #[test]
    fn price_percent_and_number_labels() {
        assert_eq!(label(Scale::Price, 182.5, 10.0, &[]), "$182.50");
        assert_eq!(label(Scale::Price, 1182.4, 200.0, &[]), "$1,182");
        assert_eq!(label(Scale::Percent, 0.123, 0.5, &[]), "12%");
        assert_eq!(label(Scale::Percent, -0.0137, 0.02, &[]), "\u{2212}1.4%");
        assert_eq!(label(Scale::Number, 1.876, 2.0, &[]), "1.88");
    }

    #[test]
    fn date_labels_from_day_numbers() {
        // 2026-03-14 is day 20,526 since 1970-01-01.
        assert_eq!(label(Scale::Date, 20_526.0, 90.0, &[]), "Mar 14");
        assert_eq!(label(Scale::Date, 20_526.0, 900.0, &[]), "Mar 2026");
        // Five days ticked every half day: each day once.
        let ticks: Vec<String> = (0..10).map(|i| label(Scale::Date, 20_524.0 + f64::from(i) * 0.5, 5.0, &[])).collect();
        assert_eq!(ticks.iter().filter(|t| !t.is_empty()).cloned().collect::<Vec<_>>(), ["Mar 12", "Mar 13", "Mar 14", "Mar 15", "Mar 16"]);
    }

    #[test]
    fn category_labels_only_on_whole_ticks() {
        let names = vec!["2026-01".to_string(), "2026-02".to_string()];
        assert_eq!(label(Scale::Category, 1.0, 2.0, &names), "2026-02");
        assert_eq!(label(Scale::Category, 0.5, 2.0, &names), "");
        assert_eq!(label(Scale::Category, 5.0, 2.0, &names), "");
    }
}
