//! Saving a file the user asked for (an export, a chart) into a folder they chose: always a new
//! file, numbered when the name is taken, never over one that is there.

use crate::error::{EngineError, Result};
use std::io::Write;
use std::path::{Path, PathBuf};
use wheelwright_domain::ErrorCode;

/// Letters, digits and dashes only, for a file name (a symbol like BRK/B must not name a folder).
pub(crate) fn file_safe(text: &str) -> String {
    text.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect()
}

/// Writes `bytes` to `<directory>/<stem>.<extension>`, or `<stem>-2.<extension>` and so on when
/// that name is taken.
pub(crate) fn write_new(directory: &Path, stem: &str, extension: &str, bytes: &[u8]) -> Result<PathBuf> {
    if !directory.is_dir() {
        return Err(EngineError::field(
            ErrorCode::InvalidInput,
            "directory",
            format!("{} is not a folder: choose an existing folder to save in", directory.display()),
        ));
    }
    let io = |path: &Path, e: std::io::Error| EngineError::new(ErrorCode::Io, format!("cannot write {}: {e}", path.display()));
    for attempt in 1..1000 {
        let name = if attempt == 1 { format!("{stem}.{extension}") } else { format!("{stem}-{attempt}.{extension}") };
        let path = directory.join(name);
        match std::fs::OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(mut file) => {
                file.write_all(bytes).map_err(|e| io(&path, e))?;
                return Ok(path);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(io(&path, e)),
        }
    }
    Err(EngineError::new(ErrorCode::Io, format!("{} already holds 999 files named {stem}: tidy it up", directory.display())))
}
