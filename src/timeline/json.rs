//! `reckon timeline --format json`: the stable machine-readable shape.
//!
//! ```json
//! {"version": 1,
//!  "entries": [{"start", "end", "label", "event", "conflict",
//!               "sources": [{"file", "line", "column", "span": {"start", "end"},
//!                            "text", "sentence", "year_from_set"}],
//!               "figures": [{"text", "value", "source"}],
//!               "conflicts": [{"rule", "message"}]}]}
//! ```
//! Dates are `YYYY-MM-DD`, `end` inclusive; `value` is the object `reckon
//! extract --format json` gives a mention; `source` is an index into `sources`.

use std::io::{self, Write};

use serde::Serialize;

use super::Timeline;
use crate::resolve::Value;

#[derive(Serialize)]
struct Out<'a> {
    version: u32,
    entries: Vec<EntryOut<'a>>,
}

#[derive(Serialize)]
struct EntryOut<'a> {
    start: String,
    end: String,
    label: &'a str,
    event: Option<&'a str>,
    conflict: bool,
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
                sources: e
                    .sources
                    .iter()
                    .map(|s| SourceOut {
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
                    })
                    .collect(),
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
                    })
                    .collect(),
            })
            .collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &o)?;
    writeln!(out)
}
