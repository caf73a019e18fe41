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

/// Writes the JSON shape one document at a time, so memory stays flat however
/// many files are read. Mentions stream out first; the short `documents` list
/// is written last (key order carries no meaning in JSON).
pub struct JsonWriter<W: Write> {
    out: W,
    documents: Vec<(String, Option<String>, &'static str)>,
    first: bool,
}

impl<W: Write> JsonWriter<W> {
    /// Starts the JSON object.
    pub fn begin(mut out: W) -> io::Result<Self> {
        out.write_all(b"{\"version\":1,\"mentions\":[")?;
        Ok(JsonWriter {
            out,
            documents: Vec::new(),
            first: true,
        })
    }

    /// Writes one document's mentions.
    pub fn document(&mut self, r: &DocResult<'_>, lex: &Lexicon) -> io::Result<()> {
        self.documents.push((
            r.doc.name.clone(),
            r.reference.date.map(|d| d.format("%Y-%m-%d").to_string()),
            r.reference.source.name(),
        ));
        let index = LineIndex::new(&r.doc.text);
        for m in &r.mentions {
            if !self.first {
                self.out.write_all(b",\n")?;
            }
            self.first = false;
            let span = &m.mention.span;
            let (line, column) = index.line_col(&r.doc.text, span.start);
            let hedge = m.mention.hedge.as_ref().map(|(h, s)| Hedge {
                id: lex.hedges.get(*h).map_or("", |h| h.id.as_str()),
                text: r.doc.text.get(s.clone()).unwrap_or(""),
            });
            let o = MentionOut {
                file: &r.doc.name,
                span: Span {
                    start: span.start,
                    end: span.end,
                },
                line,
                column,
                text: r.doc.text.get(span.clone()).unwrap_or(""),
                kind: m.mention.kind.name(),
                value: &m.value,
                hedge,
                timex: m.timex.as_ref(),
            };
            serde_json::to_writer(&mut self.out, &o)?;
        }
        Ok(())
    }

    /// Writes the `documents` list, closes the object and flushes.
    pub fn finish(mut self) -> io::Result<()> {
        self.out.write_all(b"],\"documents\":[")?;
        for (i, (file, reference_date, reference_source)) in self.documents.iter().enumerate() {
            if i > 0 {
                self.out.write_all(b",")?;
            }
            let d = DocumentOut {
                file,
                reference_date: reference_date.clone(),
                reference_source,
            };
            serde_json::to_writer(&mut self.out, &d)?;
        }
        self.out.write_all(b"]}\n")?;
        self.out.flush()
    }
}

/// Writes the JSON document for `results` in one go.
pub fn write(out: &mut dyn Write, results: &[DocResult<'_>], lex: &Lexicon) -> io::Result<()> {
    let mut w = JsonWriter::begin(&mut *out)?;
    for r in results {
        w.document(r, lex)?;
    }
    w.finish()
}
