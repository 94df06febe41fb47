//! PNG export of a chart: the core's own SVG rasterized by resvg, at twice its pixel size so it
//! stays sharp on a high-density screen or in a document. The SVG names the generic
//! `sans-serif` family (the webview picks its own font); here it is mapped onto the first common
//! sans-serif face the system has, so a PNG carries its labels on every platform.

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
            if let Some(family) = SANS_SERIF.iter().find(|name| has(name)) {
                db.set_sans_serif_family(*family);
            }
            Arc::new(db)
        })
        .clone()
}

/// Whether the system has a font the labels can be drawn in.
pub fn has_text_font() -> bool {
    !fonts().is_empty()
}

/// The PNG of `svg`, a complete SVG document as the charts draw it.
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
