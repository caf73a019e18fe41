//! Applying the fixes findings carry: the one place reckon writes a user's
//! file, and only when asked (`reckon check --fix`, a language server's code
//! action applies its edit in the editor instead).
//!
//! A write is atomic — a temporary file in the same folder, given the
//! original's permissions, then renamed over it — and is skipped when the
//! file on disk is no longer the text the fixes were computed for.

use std::io::Write as _;
use std::path::Path;

use crate::check::{Applicability, Fix};

/// Which fixes to apply.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Which {
    /// Only fixes a rule marks safe.
    Safe,
    /// Unsafe ones too (a changed number or date whose wrong side the rule cannot know).
    All,
}

impl Which {
    /// Whether `fix` is applied under this choice.
    #[must_use]
    pub fn admits(self, fix: &Fix) -> bool {
        self == Which::All || fix.applicability == Applicability::Safe
    }
}

/// `text` with `fixes` applied, and how many were. Fixes are applied in text
/// order; one that overlaps a fix already taken, lies outside the text or
/// splits a character is left out (a second run finds what it was about).
#[must_use]
pub fn apply(text: &str, fixes: &[&Fix]) -> (String, usize) {
    let mut sorted: Vec<&Fix> = fixes.to_vec();
    sorted.sort_by_key(|f| (f.span.start, f.span.end));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    let mut applied = 0;
    for f in sorted {
        let (a, b) = (f.span.start, f.span.end);
        if a < at || b < a || text.get(a..b).is_none() {
            continue;
        }
        if text.get(a..b) == Some(f.replacement.as_str()) {
            continue; // nothing to change
        }
        out.push_str(&text[at..a]);
        out.push_str(&f.replacement);
        at = b;
        applied += 1;
    }
    out.push_str(&text[at..]);
    (out, applied)
}

/// What became of a write.
#[derive(Debug, PartialEq, Eq)]
pub enum Written {
    /// The file now holds the fixed text.
    Done,
    /// The file changed since it was read: left alone.
    ChangedSinceRead,
}

/// Replaces the file at `path`, which must still hold `original`, with
/// `fixed`: a temporary file beside it with the same permissions, renamed
/// over it.
///
/// # Errors
/// The file cannot be read, the temporary file cannot be written, or the rename fails.
pub fn write_atomically(path: &Path, original: &str, fixed: &str) -> std::io::Result<Written> {
    let now = std::fs::read(path)?;
    if now != original.as_bytes() {
        return Ok(Written::ChangedSinceRead);
    }
    let permissions = std::fs::metadata(path)?.permissions();
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".reckon-fix-")
        .tempfile_in(folder)?;
    tmp.write_all(fixed.as_bytes())?;
    tmp.as_file().sync_all()?;
    std::fs::set_permissions(tmp.path(), permissions)?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(Written::Done)
}

/// A unified diff of `original` against `fixed`, labelled with `name`.
#[must_use]
pub fn diff(name: &str, original: &str, fixed: &str) -> String {
    similar::TextDiff::from_lines(original, fixed)
        .unified_diff()
        .context_radius(2)
        .header(&format!("a/{name}"), &format!("b/{name}"))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fix(a: usize, b: usize, r: &str, applicability: Applicability) -> Fix {
        Fix {
            doc: 0,
            span: a..b,
            replacement: r.to_string(),
            applicability,
        }
    }

    #[test]
    fn applies_in_order_and_skips_overlaps() {
        let text = "On Thursday, March 13, it rained for three months.";
        let a = fix(3, 11, "Wednesday", Applicability::Unsafe);
        let b = fix(37, 49, "four months", Applicability::Unsafe);
        let overlapping = fix(5, 9, "x", Applicability::Safe);
        let (out, n) = apply(text, &[&b, &a, &overlapping]);
        assert_eq!(out, "On Wednesday, March 13, it rained for four months.");
        assert_eq!(n, 2);
        assert!(
            !Which::Safe.admits(&a) && Which::All.admits(&a) && Which::Safe.admits(&overlapping)
        );
    }

    #[test]
    fn a_fix_off_a_character_boundary_is_left_out() {
        let text = "café — 3";
        let (out, n) = apply(text, &[&fix(4, 5, "x", Applicability::Safe)]);
        assert_eq!((out.as_str(), n), (text, 0));
    }

    #[test]
    fn writes_atomically_keeping_permissions_and_skips_a_changed_file() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("draft.md");
        std::fs::write(&path, "old text").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        assert_eq!(
            write_atomically(&path, "old text", "new text").unwrap(),
            Written::Done
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new text");
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
        assert_eq!(
            write_atomically(&path, "old text", "other").unwrap(),
            Written::ChangedSinceRead
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new text");
        // No temporary file is left behind.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
