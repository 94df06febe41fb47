//! The charts' look. Series keep the same colours in light and dark (a put's strike is the same
//! orange everywhere); only the background, text and grid follow the theme. The colours match the
//! UI's own (`ui/src/app.css`).

use crate::Role;
use plotters::style::RGBColor;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Theme {
    #[default]
    Light,
    Dark,
}

/// The frame's colours for a theme.
pub(crate) struct Frame {
    pub background: RGBColor,
    pub text: RGBColor,
    pub muted: RGBColor,
    pub grid: RGBColor,
    pub axis: RGBColor,
}

impl Theme {
    pub(crate) fn frame(self) -> Frame {
        match self {
            Theme::Light => Frame {
                background: RGBColor(0xff, 0xff, 0xff),
                text: RGBColor(0x17, 0x20, 0x2b),
                muted: RGBColor(0x5c, 0x6b, 0x7a),
                grid: RGBColor(0xec, 0xef, 0xf3),
                axis: RGBColor(0xc3, 0xcc, 0xd6),
            },
            Theme::Dark => Frame {
                background: RGBColor(0x15, 0x1b, 0x23),
                text: RGBColor(0xe6, 0xed, 0xf3),
                muted: RGBColor(0x8b, 0x98, 0xa5),
                grid: RGBColor(0x22, 0x2a, 0x34),
                axis: RGBColor(0x3a, 0x44, 0x50),
            },
        }
    }
}

/// A role's colour, the same in both themes. `Signed` is the gain colour; bars pick the loss
/// colour for negative values themselves.
pub(crate) fn colour(role: Role) -> RGBColor {
    match role {
        Role::Primary => RGBColor(0x3b, 0x82, 0xf6),
        Role::Secondary => RGBColor(0xa8, 0x6b, 0xf0),
        Role::Signed | Role::Gain => RGBColor(0x22, 0xa0, 0x5a),
        Role::Loss => RGBColor(0xe5, 0x48, 0x4d),
        Role::Strike => RGBColor(0xf0, 0x8c, 0x1a),
        Role::Basis => RGBColor(0x14, 0xa3, 0xa8),
        Role::Spot => RGBColor(0x8b, 0x98, 0xa5),
        Role::Breakeven => RGBColor(0xd6, 0x4f, 0x9a),
        Role::Warning => RGBColor(0xd2, 0x99, 0x22),
        Role::Neutral => RGBColor(0x8b, 0x98, 0xa5),
    }
}

/// `#rrggbb`, for the geometry handed to the UI.
pub(crate) fn css(colour: RGBColor) -> String {
    format!("#{:02x}{:02x}{:02x}", colour.0, colour.1, colour.2)
}

/// The colour `share` (0 to 1) of the way from `from` to `to`.
pub(crate) fn blend(from: RGBColor, to: RGBColor, share: f64) -> RGBColor {
    let mix = |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * share.clamp(0.0, 1.0)).round() as u8;
    RGBColor(mix(from.0, to.0), mix(from.1, to.1), mix(from.2, to.2))
}

/// The colours of a series' points as [`crate::Series::point_colors`] keeps them: none when they are
/// all the series' own.
pub(crate) fn point_colors(series_color: &str, colors: Vec<String>) -> Vec<String> {
    if colors.iter().all(|c| c == series_color) {
        Vec::new()
    } else {
        colors
    }
}
