//! PNG export of a chart: the core's own SVG rasterized by resvg, at twice its pixel size so it
//! stays sharp on a high-density screen or in a document. The SVG names the generic
//! `sans-serif` family (the webview picks its own font); here it is mapped onto the first common
//! sans-serif face the system has, so a PNG carries its labels wherever the system has a font.

use crate::error::{EngineError, Result};
use resvg::tiny_skia::{Pixmap, Transform};
use resvg::usvg::{fontdb, Options, Tree};
use std::sync::{Arc, OnceLock};
use wheelwright_domain::ErrorCode;

/// Pixels a chart's SVG pixel becomes in its PNG.
pub const PNG_SCALE: f32 = 2.0;

/// Sans-serif faces in the order preferred: the usual ones of macOS, Windows and Linux desktops.
const SANS_SERIF: [&str; 7] = ["Helvetica", "Arial", "Segoe UI", "DejaVu Sans", "Liberation Sans", "Noto Sans", "Cantarell"];

/// The system's fonts, read once per process (reading them takes a noticeable moment).
fn fonts() -> Arc<fontdb::Database> {
    static FONTS: OnceLock<Arc<fontdb::Database>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            let mut db = fontdb::Database::new();
            db.load_system_fonts();
            let has = |name: &str| db.faces().any(|face| face.families.iter().any(|(family, _)| family == name));
            // None of the usual faces: any face the system has still beats labels left out.
            let family = SANS_SERIF
                .iter()
                .find(|name| has(name))
                .map(|name| name.to_string())
                .or_else(|| db.faces().find_map(|face| face.families.first().map(|(family, _)| family.clone())));
            if let Some(family) = family {
                db.set_sans_serif_family(family);
            }
            Arc::new(db)
        })
        .clone()
}

/// Whether the system has a font the labels can be drawn in (`sans-serif` is mapped onto one).
pub fn has_text_font() -> bool {
    let fonts = fonts();
    fonts.query(&fontdb::Query { families: &[fontdb::Family::SansSerif], ..fontdb::Query::default() }).is_some()
}

/// The PNG of `svg`, a complete SVG document as the charts draw it. Reads the system's fonts the
/// first time and rasterizes: call it off the async workers.
pub fn png(svg: &str) -> Result<Vec<u8>> {
    let options = Options { fontdb: fonts(), ..Options::default() };
    // Our own SVG failing to parse or encode is a fault of ours, not the user's input.
    let fault = |what: String| EngineError::new(ErrorCode::Internal, format!("the chart could not be made a PNG: {what}"));
    let tree = Tree::from_str(svg, &options).map_err(|e| fault(e.to_string()))?;
    let size = tree.size().to_int_size().scale_by(PNG_SCALE).ok_or_else(|| fault("its size overflows".into()))?;
    let mut pixmap =
        Pixmap::new(size.width(), size.height()).ok_or_else(|| fault(format!("no {}×{} image", size.width(), size.height())))?;
    resvg::render(&tree, Transform::from_scale(PNG_SCALE, PNG_SCALE), &mut pixmap.as_mut());
    pixmap.encode_png().map_err(|e| fault(e.to_string()))
}
