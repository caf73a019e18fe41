//! `reckon check --format concise`: one line per finding.

use crate::check::Finding;
use crate::source::{Document, LineIndex};

/// `file:line:column: severity[rule] message`, one line each.
#[must_use]
pub fn render(findings: &[Finding], docs: &[&Document]) -> String {
    let mut indexes: Vec<Option<LineIndex>> = vec![None; docs.len()];
    let mut out = String::new();
    for f in findings {
        let d = docs[f.primary.doc];
        let ix = indexes[f.primary.doc].get_or_insert_with(|| LineIndex::new(&d.text));
        let (line, col) = ix.line_col(&d.text, f.primary.span.start);
        out.push_str(&format!(
            "{}:{line}:{col}: {}[{}] {}\n",
            d.name,
            f.severity.name(),
            f.rule,
            // One line per finding, always: a template may hold a line break.
            f.message.replace(['\n', '\r'], " ")
        ));
    }
    out
}
