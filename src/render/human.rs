//! `reckon check` (default): miette's graphical report, one per finding.
//!
//! Every span involved is labelled with what it resolved to; a finding that
//! spans two documents shows the other document's source under it, "also in
//! FILE", in the same report. A long line (a soft-wrapped paragraph) is shown
//! as windows around the labelled spans (`window.rs`), fitted to the width.

use std::fmt;

use std::ops::Range;

use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, SourceCode};

use super::window::{Spot, WindowedSource};
use crate::check::{Finding, Label, Severity};
use crate::source::Document;

/// One finding, as miette sees it.
struct Report<'a> {
    finding: &'a Finding,
    docs: &'a [&'a Document],
    /// Which document this report shows (the primary's, or a related one's).
    doc: usize,
    /// The document's text, its long lines cut to windows around the labels.
    source: WindowedSource<'a>,
    primary: bool,
}

impl fmt::Debug for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.finding.message)
    }
}

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.primary {
            f.write_str(&self.finding.message)
        } else {
            write!(f, "in {}", self.docs[self.doc].name)
        }
    }
}

impl std::error::Error for Report<'_> {}

impl Diagnostic for Report<'_> {
    /// "error[weekday-mismatch]": the severity as a word and the rule id, the
    /// heading a newsroom reader and `reckon explain` share.
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.primary.then(|| {
            Box::new(format!(
                "{}[{}]",
                self.finding.severity.name(),
                self.finding.rule
            )) as Box<dyn fmt::Display>
        })
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.finding.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        if !self.primary {
            return None;
        }
        let mut help = self.finding.help.clone().unwrap_or_default();
        if let Some(fix) = &self.finding.fix {
            if !help.is_empty() {
                help.push_str("; ");
            }
            help.push_str(&format!("suggested: \"{}\"", fix.replacement));
        }
        (!help.is_empty()).then(|| Box::new(help) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let mine = |l: &'_ Label, primary: bool| {
            (l.doc == self.doc).then(|| {
                let shown = shown_span(l);
                let start = self.source.to_copy(shown.start);
                let span = (start, self.source.to_copy(shown.end) - start);
                if primary {
                    LabeledSpan::new_primary_with_span(Some(l.message.clone()), span)
                } else {
                    LabeledSpan::new_with_span(Some(l.message.clone()), span)
                }
            })
        };
        let f = self.finding;
        let labels: Vec<LabeledSpan> = std::iter::once(mine(&f.primary, true))
            .chain(f.secondary.iter().map(|l| mine(l, false)))
            .flatten()
            .collect();
        Some(Box::new(labels.into_iter()))
    }
}

/// The bytes a label underlines: its span, or one byte where it is empty.
fn shown_span(l: &Label) -> Range<usize> {
    l.span.start..l.span.start + l.span.end.saturating_sub(l.span.start).max(1)
}

fn report<'a>(
    f: &'a Finding,
    docs: &'a [&'a Document],
    doc: usize,
    primary: bool,
    width: usize,
) -> Report<'a> {
    let d = docs[doc];
    let spots: Vec<Spot> = std::iter::once(&f.primary)
        .chain(&f.secondary)
        .filter(|l| l.doc == doc)
        .map(|l| Spot {
            span: shown_span(l),
            message_width: textwrap::core::display_width(&l.message),
        })
        .collect();
    // The gutter: " 12 │ " and room for a multi-line label's rail.
    let lines = d.text.bytes().filter(|&b| b == b'\n').count() + 1;
    let gutter = lines.to_string().len() + 4 + 2;
    Report {
        finding: f,
        docs,
        doc,
        source: WindowedSource::new(&d.name, &d.text, &spots, width.saturating_sub(gutter)),
        primary,
    }
}

/// The width to wrap and window to: `COLUMNS` when set, else the width of
/// the terminal standard output is (shells seldom export `COLUMNS`), else
/// 100 (a file, a pipe, a CI log).
fn width() -> usize {
    let usable = |w: usize| (40..=1000).contains(&w);
    let from_env = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|&w| usable(w));
    from_env
        .or_else(|| {
            terminal_size::terminal_size_of(std::io::stdout())
                .map(|(w, _)| usize::from(w.0))
                .filter(|&w| usable(w))
        })
        .unwrap_or(100)
}

/// Renders `findings` as miette reports; `color` picks ANSI colours.
#[must_use]
pub fn render(findings: &[Finding], docs: &[&Document], color: bool) -> String {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    // Wrapped to the terminal (100 columns when not on one), never inside a
    // word: a date ("2025-01-28") or a number ("1,200–1,250") stays whole.
    let width = width();
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(width)
        .with_break_words(false)
        .with_word_separator(textwrap::WordSeparator::AsciiSpace)
        .with_word_splitter(textwrap::WordSplitter::NoHyphenation);
    let mut out = String::new();
    for f in findings {
        let r = report(f, docs, f.primary.doc, true, width);
        let mut others: Vec<usize> = f
            .secondary
            .iter()
            .map(|l| l.doc)
            .filter(|d| *d != f.primary.doc)
            .collect();
        others.sort_unstable();
        others.dedup();
        let _ = handler.render_report(&mut out, &r);
        // The other documents' phrases belong to the same finding: shown
        // under it, each labelled with its file, not as a second report
        // with a severity of its own.
        for d in others {
            let mut part = String::new();
            let _ = handler.render_report(&mut part, &report(f, docs, d, false, width));
            let part = part.trim_start_matches('\n');
            let body = part.split_once('\n').map_or("", |(_, rest)| rest);
            out.push_str(&format!("  also in {}:\n{body}", docs[d].name));
        }
        out.push('\n');
    }
    out
}
