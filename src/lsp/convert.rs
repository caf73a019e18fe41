//! Findings and mentions in the protocol's terms: diagnostics with related
//! information, code actions from the fixes findings carry, hover text.

use std::collections::HashMap;

use lsp_types::{
    CodeAction, CodeActionKind, Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity,
    Location, NumberOrString, TextEdit, Url, WorkspaceEdit,
};

use super::position::Lines;
use crate::check::{Applicability, Finding, Severity};
use crate::engine::Checked;
use crate::resolve::Value;
use crate::source::Document;

/// Where a document of the workspace is, and its text: what a label needs.
pub struct Place<'a> {
    /// Its URI.
    pub uri: Url,
    /// Its document.
    pub doc: &'a Document,
}

/// The protocol's severity.
fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    }
}

/// The diagnostic of finding `f` reported in document `lines`; `place(doc)`
/// finds the other documents its labels point into.
pub fn diagnostic<'a>(
    f: &Finding,
    lines: &Lines<'_>,
    place: &impl Fn(usize) -> Option<Place<'a>>,
) -> Diagnostic {
    let mut message = f.message.clone();
    if let Some(help) = &f.help {
        message.push('\n');
        message.push_str(help);
    }
    let related: Vec<DiagnosticRelatedInformation> = f
        .secondary
        .iter()
        .filter_map(|l| {
            let p = place(l.doc)?;
            let range = Lines::new(&p.doc.text).range(&l.span);
            let shown = p.doc.text.get(l.span.clone()).unwrap_or("");
            Some(DiagnosticRelatedInformation {
                location: Location::new(p.uri, range),
                message: if l.message.is_empty() {
                    format!("“{shown}” in {}", p.doc.name)
                } else {
                    format!("{} ({})", l.message, p.doc.name)
                },
            })
        })
        .collect();
    Diagnostic {
        range: lines.range(&f.primary.span),
        severity: Some(severity(f.severity)),
        code: Some(NumberOrString::String(f.rule.to_string())),
        source: Some("reckon".to_string()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        ..Diagnostic::default()
    }
}

/// The code actions of the fixes among `findings` (of the document at
/// `uri`) whose span meets `range` (byte offsets).
pub fn code_actions(
    uri: &Url,
    doc: &Document,
    findings: &[Finding],
    range: std::ops::Range<usize>,
) -> Vec<CodeAction> {
    let lines = Lines::new(&doc.text);
    let mut out = Vec::new();
    for f in findings {
        let Some(fix) = &f.fix else { continue };
        let meets = |s: &std::ops::Range<usize>| s.start <= range.end && range.start <= s.end;
        if !meets(&fix.span) && !meets(&f.primary.span) {
            continue;
        }
        let was = doc.text.get(fix.span.clone()).unwrap_or("");
        let edit = TextEdit::new(lines.range(&fix.span), fix.replacement.clone());
        out.push(CodeAction {
            title: format!("{}: “{was}” → “{}”", f.rule, fix.replacement),
            kind: Some(CodeActionKind::QUICKFIX),
            diagnostics: Some(vec![diagnostic(f, &lines, &|_| None)]),
            edit: Some(WorkspaceEdit {
                changes: Some(HashMap::from([(uri.clone(), vec![edit])])),
                ..WorkspaceEdit::default()
            }),
            is_preferred: Some(fix.applicability == Applicability::Safe),
            ..CodeAction::default()
        });
    }
    out
}

/// Hover text for the mention at byte `at` of a checked document: what it
/// resolved to and its interval. `None` when no mention is there.
pub fn hover(
    doc: &Document,
    checked: &Checked,
    at: usize,
) -> Option<(std::ops::Range<usize>, String)> {
    // The shortest mention holding `at`: a date inside a relation wins.
    let m = checked
        .mentions
        .iter()
        .filter(|m| m.mention.span.start <= at && at < m.mention.span.end)
        .min_by_key(|m| m.mention.span.len())?;
    let span = m.mention.span.clone();
    let written = doc.text.get(span.clone()).unwrap_or("");
    let kind = format!("{:?}", m.mention.kind).to_lowercase();
    let mut text = format!(
        "**{written}** ({kind})\n\nresolves to: {}",
        crate::render::table::describe(&m.value)
    );
    if let Some(interval) = interval(&m.value) {
        text.push_str(&format!("\n\ninterval: {interval}"));
    }
    if let Some(t) = &m.timex {
        text.push_str(&format!("\n\nTIMEX3: {} {}", t.kind, t.value));
    }
    match checked.reference.date {
        Some(d) => text.push_str(&format!("\n\nread against {}", crate::check::show_day(d))),
        None => text.push_str("\n\nthe document is undated"),
    }
    Some((span, text))
}

/// The interval a value stands for, written out with its ends.
fn interval(v: &Value) -> Option<String> {
    Some(match v {
        Value::Date { start, end } => format!("[{start}, {end}] (days, both ends included)"),
        Value::Time { date: Some(d), .. } => format!("[{d}, {d}]"),
        Value::Duration { unit, amount } => format!("{amount} {}s", unit.name()),
        Value::Number { interval, .. } => interval.to_string(),
        Value::Quantity(q) => q.interval.to_string(),
        Value::Relation {
            implies: Some((a, b)),
            ..
        } => format!("[{a}, {b}]"),
        _ => return None,
    })
}
