//! `reckon extract --format json`: the stable machine-readable shape.
//!
//! ```json
//! {"version": 1,
//!  "documents": [{"file", "reference_date", "reference_source"}],
//!  "mentions": [{"file", "span": {"start", "end"}, "line", "column", "text",
//!                "kind", "value", "hedge", "timex": {"type", "value"} | null}]}
//! ```
//! Spans are UTF-8 byte offsets into the file, end exclusive; lines and
//! columns are 1-based, columns counted in characters.

use std::io::{self, Write};

use serde::Serialize;

use super::DocResult;
use crate::lexicon::Lexicon;
use crate::resolve::{Timex, Value};
use crate::source::LineIndex;

#[derive(Serialize)]
struct Span {
    start: usize,
    end: usize,
}

#[derive(Serialize)]
struct Hedge<'a> {
    id: &'a str,
    text: &'a str,
}

#[derive(Serialize)]
struct MentionOut<'a> {
    file: &'a str,
    span: Span,
    line: usize,
    column: usize,
    text: &'a str,
    kind: &'static str,
    value: &'a Value,
    hedge: Option<Hedge<'a>>,
    timex: Option<&'a Timex>,
}

#[derive(Serialize)]
struct DocumentOut<'a> {
    file: &'a str,
    reference_date: Option<String>,
    reference_source: &'static str,
}

/// Writes the JSON document for `results`.
pub fn write(out: &mut dyn Write, results: &[DocResult<'_>], lex: &Lexicon) -> io::Result<()> {
    out.write_all(b"{\"version\":1,\"documents\":[")?;
    for (i, r) in results.iter().enumerate() {
        if i > 0 {
            out.write_all(b",")?;
        }
        let d = DocumentOut {
            file: &r.doc.name,
            reference_date: r.reference.date.map(|d| d.format("%Y-%m-%d").to_string()),
            reference_source: r.reference.source.name(),
        };
        serde_json::to_writer(&mut *out, &d)?;
    }
    out.write_all(b"],\"mentions\":[")?;
    let mut first = true;
    for r in results {
        let index = LineIndex::new(&r.doc.text);
        for m in &r.mentions {
            if !first {
                out.write_all(b",\n")?;
            }
            first = false;
            let span = &m.mention.span;
            let (line, column) = index.line_col(&r.doc.text, span.start);
            let hedge = m.mention.hedge.as_ref().map(|(h, s)| Hedge {
                id: lex.hedges.get(*h).map_or("", |h| h.id.as_str()),
                text: r.doc.text.get(s.clone()).unwrap_or(""),
            });
            let o = MentionOut {
                file: &r.doc.name,
                span: Span { start: span.start, end: span.end },
                line,
                column,
                text: r.doc.text.get(span.clone()).unwrap_or(""),
                kind: m.mention.kind.name(),
                value: &m.value,
                hedge,
                timex: m.timex.as_ref(),
            };
            serde_json::to_writer(&mut *out, &o)?;
        }
    }
    out.write_all(b"]}\n")?;
    Ok(())
}
