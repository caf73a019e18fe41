//! `reckon check --format json`: the stable schema documented in the README.
//!
//! ```json
//! {"version": 1, "diagnostics": [{"rule", "severity", "message", "file", "span": {"start", "end"},
//!   "line", "column", "end_line", "end_column", "help",
//!   "related": [{"file", "span", "line", "column", "message"}],
//!   "fix": {"span", "replacement", "applicability"} | null}],
//!  "summary": {"files", "errors", "warnings", "infos"}}
//! ```

use serde::Serialize;

use crate::check::{Applicability, Finding, Severity};
use crate::source::{Document, LineIndex};

#[derive(Serialize)]
struct Span {
    start: usize,
    end: usize,
}

#[derive(Serialize)]
struct Related<'a> {
    file: &'a str,
    span: Span,
    line: usize,
    column: usize,
    message: &'a str,
}

#[derive(Serialize)]
struct FixOut<'a> {
    span: Span,
    replacement: &'a str,
    applicability: Applicability,
}

#[derive(Serialize)]
struct Diag<'a> {
    rule: &'a str,
    severity: &'static str,
    message: &'a str,
    file: &'a str,
    span: Span,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    help: Option<&'a str>,
    related: Vec<Related<'a>>,
    fix: Option<FixOut<'a>>,
}

/// Counts of findings by severity.
#[derive(Serialize, Default, Clone, Copy, Debug, PartialEq, Eq)]
pub struct Summary {
    /// Documents checked.
    pub files: usize,
    /// Errors.
    pub errors: usize,
    /// Warnings.
    pub warnings: usize,
    /// Infos.
    pub infos: usize,
}

impl Summary {
    /// Counts `findings` over `files` documents.
    #[must_use]
    pub fn of(findings: &[Finding], files: usize) -> Summary {
        let mut s = Summary {
            files,
            ..Summary::default()
        };
        for f in findings {
            match f.severity {
                Severity::Error => s.errors += 1,
                Severity::Warning => s.warnings += 1,
                Severity::Info => s.infos += 1,
            }
        }
        s
    }
}

/// Each finding as one JSON object (text), for assembling with [`assemble`].
#[must_use]
pub fn diagnostics(findings: &[Finding], docs: &[&Document]) -> Vec<String> {
    if findings.is_empty() {
        return Vec::new(); // most documents: no line index to build
    }
    let indexes: Vec<LineIndex> = docs.iter().map(|d| LineIndex::new(&d.text)).collect();
    let pos = |doc: usize, at: usize| indexes[doc].line_col(&docs[doc].text, at);
    findings
        .iter()
        .map(|f| {
            let p = &f.primary;
            let (line, column) = pos(p.doc, p.span.start);
            let (end_line, end_column) = pos(p.doc, p.span.end);
            let d = Diag {
                rule: f.rule,
                severity: f.severity.name(),
                message: &f.message,
                file: &docs[p.doc].name,
                span: Span {
                    start: p.span.start,
                    end: p.span.end,
                },
                line,
                column,
                end_line,
                end_column,
                help: f.help.as_deref(),
                related: f
                    .secondary
                    .iter()
                    .map(|l| {
                        let (line, column) = pos(l.doc, l.span.start);
                        Related {
                            file: &docs[l.doc].name,
                            span: Span {
                                start: l.span.start,
                                end: l.span.end,
                            },
                            line,
                            column,
                            message: &l.message,
                        }
                    })
                    .collect(),
                fix: f.fix.as_ref().map(|x| FixOut {
                    span: Span {
                        start: x.span.start,
                        end: x.span.end,
                    },
                    replacement: &x.replacement,
                    applicability: x.applicability,
                }),
            };
            serde_json::to_string(&d).unwrap_or_default()
        })
        .collect()
}

/// What the JSON document starts with, before its diagnostics; they are
/// joined by [`SEPARATOR`] and followed by [`closing`]. A run writes each
/// file's diagnostics as it goes, so the three are what [`assemble`] joins.
pub const OPENING: &str = "{\"version\":1,\"diagnostics\":[";

/// Between two diagnostics.
pub const SEPARATOR: &str = ",\n";

/// What ends the JSON document: the summary.
#[must_use]
pub fn closing(summary: Summary) -> String {
    let summary = serde_json::to_string(&summary).unwrap_or_default();
    format!("],\"summary\":{summary}}}\n")
}

/// The whole JSON document from diagnostics made by [`diagnostics`].
#[must_use]
pub fn assemble(diagnostics: &[String], summary: Summary) -> String {
    format!(
        "{OPENING}{}{}",
        diagnostics.join(SEPARATOR),
        closing(summary)
    )
}

/// The JSON document for `findings` over `docs`.
#[must_use]
pub fn render(findings: &[Finding], docs: &[&Document]) -> String {
    assemble(
        &diagnostics(findings, docs),
        Summary::of(findings, docs.len()),
    )
}

/// `--format json-lines`: each finding as one JSON object on its own line
/// (the same object as in [`render`]), for streaming into other tools.
#[must_use]
pub fn lines(findings: &[Finding], docs: &[&Document]) -> String {
    let mut out = String::new();
    for d in diagnostics(findings, docs) {
        out.push_str(&d);
        out.push('\n');
    }
    out
}
