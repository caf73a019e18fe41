//! `reckon timeline --format json`: the stable machine-readable shape.
//!
//! ```json
//! {"version": 1,
//!  "entries": [{"start", "end", "label", "event", "conflict", "range",
//!               "sources": [{"file", "line", "column", "span": {"start", "end"},
//!                            "text", "sentence", "year_from_set", "deadline"}],
//!               "figures": [{"text", "value", "source"}],
//!               "conflicts": [{"rule", "message",
//!                              "sources": [{"file", "line", "column", "span", "text",
//!                                           "sentence", "year_from_set", "deadline"}],
//!                              "entries": [0, 1]}]}],
//!  "recurring": [{"when", "label", "sources": [ … ]}]}
//! ```
//! Dates are `YYYY-MM-DD`, `end` inclusive; `value` is the object `reckon
//! extract --format json` gives a mention; `source` is an index into `sources`.
//! The shape only grows: `range`, `deadline`, a conflict's `sources` and
//! `entries` (indices into `entries`: both dates of one event dated
//! differently, rule `timeline-date-conflict`) and `recurring` were added
//! without renaming anything.

use std::io::{self, Write};

use serde::Serialize;

use super::{Source, Timeline};
use crate::resolve::Value;

#[derive(Serialize)]
struct Out<'a> {
    version: u32,
    entries: Vec<EntryOut<'a>>,
    recurring: Vec<RecurringOut<'a>>,
}

#[derive(Serialize)]
struct RecurringOut<'a> {
    when: &'a str,
    label: &'a str,
    sources: Vec<SourceOut<'a>>,
}

#[derive(Serialize)]
struct EntryOut<'a> {
    start: String,
    end: String,
    label: &'a str,
    event: Option<&'a str>,
    conflict: bool,
    range: bool,
    sources: Vec<SourceOut<'a>>,
    figures: Vec<FigureOut<'a>>,
    conflicts: Vec<ConflictOut<'a>>,
}

#[derive(Serialize)]
struct Span {
    start: usize,
    end: usize,
}

#[derive(Serialize)]
struct SourceOut<'a> {
    file: &'a str,
    line: usize,
    column: usize,
    span: Span,
    text: &'a str,
    sentence: &'a str,
    year_from_set: bool,
    deadline: bool,
}

#[derive(Serialize)]
struct FigureOut<'a> {
    text: &'a str,
    value: &'a Value,
    source: usize,
}

#[derive(Serialize)]
struct ConflictOut<'a> {
    rule: &'a str,
    message: &'a str,
    sources: Vec<SourceOut<'a>>,
    entries: &'a [usize],
}

fn source(s: &Source) -> SourceOut<'_> {
    SourceOut {
        file: &s.file,
        line: s.line,
        column: s.column,
        span: Span {
            start: s.span.start,
            end: s.span.end,
        },
        text: &s.text,
        sentence: &s.sentence,
        year_from_set: s.year_from_set,
        deadline: s.deadline,
    }
}

/// Writes `t` as one pretty-printed JSON object and a line break.
pub fn write(out: &mut dyn Write, t: &Timeline) -> io::Result<()> {
    let o = Out {
        version: 1,
        entries: t
            .entries
            .iter()
            .map(|e| EntryOut {
                start: e.start.format("%Y-%m-%d").to_string(),
                end: e.end.format("%Y-%m-%d").to_string(),
                label: &e.label,
                event: e.event.as_deref(),
                conflict: e.conflict(),
                range: e.range,
                sources: e.sources.iter().map(source).collect(),
                figures: e
                    .figures
                    .iter()
                    .map(|f| FigureOut {
                        text: &f.text,
                        value: &f.value,
                        source: f.source,
                    })
                    .collect(),
                conflicts: e
                    .conflicts
                    .iter()
                    .map(|c| ConflictOut {
                        rule: &c.rule,
                        message: &c.message,
                        sources: c.sources.iter().map(source).collect(),
                        entries: &c.entries,
                    })
                    .collect(),
            })
            .collect(),
        recurring: t
            .recurring
            .iter()
            .map(|r| RecurringOut {
                when: &r.when,
                label: &r.label,
                sources: r.sources.iter().map(source).collect(),
            })
            .collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &o)?;
    writeln!(out)
}
