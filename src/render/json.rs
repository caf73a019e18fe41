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
//!
//! The bytes are written by hand into a buffer rather than through serde:
//! extraction output is several times the size of its input, and serde's
//! key-by-key escaping cost as much as extraction itself. The `Serialize`
//! derives on [`Value`] and [`Timex`] stay the specification; a test holds
//! this writer to produce exactly what serde_json would.

use std::io::{self, Write};

use chrono::{Datelike, NaiveDate};

use super::DocResult;
use crate::lexicon::Lexicon;
use crate::resolve::{Reference, Resolved, Timex, Value};
use crate::source::Document;
use crate::source::LineCursor;
use crate::value::interval::{Bound, Interval};

/// Flush the buffer to the output once it holds this much.
const FLUSH_AT: usize = 1 << 16;

/// Writes the JSON shape one document at a time, so memory stays flat however
/// many files are read. Mentions stream out first; the short `documents` list
/// is written last (key order carries no meaning in JSON).
pub struct JsonWriter<W: Write> {
    out: W,
    buf: Vec<u8>,
    documents: Vec<u8>,
    first: bool,
    /// Bytes handed to `out` so far.
    flushed: u64,
    /// `buf`'s length and `first` after the last whole mention object.
    complete: (usize, bool),
}

/// Where the output stood before a document, so that a document whose work
/// was cut short (see [`crate::guard`]) can be taken back out.
#[derive(Debug, Clone, Copy)]
pub struct Mark {
    buf: usize,
    documents: usize,
    first: bool,
    flushed: u64,
}

impl<W: Write> JsonWriter<W> {
    /// Starts the JSON object.
    pub fn begin(out: W) -> io::Result<Self> {
        let mut buf = Vec::with_capacity(FLUSH_AT * 2);
        buf.extend_from_slice(b"{\"version\":1,\"mentions\":[");
        let complete = (buf.len(), true);
        Ok(JsonWriter {
            out,
            buf,
            documents: Vec::new(),
            first: true,
            flushed: 0,
            complete,
        })
    }

    /// Where the output stands now: see [`JsonWriter::recover`].
    pub fn mark(&self) -> Mark {
        Mark {
            buf: self.buf.len(),
            documents: self.documents.len(),
            first: self.first,
            flushed: self.flushed,
        }
    }

    /// After a document's work was cut short: takes the document back out when
    /// nothing of it has been flushed yet (it returns true), or else keeps the
    /// mentions written whole so far, so the JSON stays valid either way.
    pub fn recover(&mut self, m: Mark) -> bool {
        if self.flushed == m.flushed {
            self.buf.truncate(m.buf);
            self.documents.truncate(m.documents);
            self.first = m.first;
            self.complete = (m.buf, m.first);
            true
        } else {
            self.buf.truncate(self.complete.0);
            self.first = self.complete.1;
            false
        }
    }

    /// Writes one document's mentions.
    pub fn document(&mut self, r: &DocResult<'_>, lex: &Lexicon) -> io::Result<()> {
        self.begin_document(r.doc, r.reference)
            .mentions(&r.mentions, lex)
    }

    /// Starts a document: its `documents` entry now, its mentions by
    /// [`DocumentWriter::mentions`], in text order, as many calls as needed.
    pub fn begin_document<'s, 'd>(
        &'s mut self,
        doc: &'d Document,
        reference: Reference,
    ) -> DocumentWriter<'s, 'd, W> {
        let d = &mut self.documents;
        if !d.is_empty() {
            d.push(b',');
        }
        d.extend_from_slice(b"{\"file\":");
        string(d, &doc.name);
        d.extend_from_slice(b",\"reference_date\":");
        match reference.date {
            Some(date) => quoted_date(d, date),
            None => d.extend_from_slice(b"null"),
        }
        d.extend_from_slice(b",\"reference_source\":");
        string(d, reference.source.name());
        d.push(b'}');

        // The file name is the same in every mention: escape it once.
        let mut file = b"{\"file\":".to_vec();
        string(&mut file, &doc.name);
        file.extend_from_slice(b",\"span\":{\"start\":");
        DocumentWriter {
            w: self,
            text: &doc.text,
            file,
            lines: LineCursor::new(&doc.text),
        }
    }

    /// Writes the `documents` list, closes the object and flushes.
    pub fn finish(mut self) -> io::Result<()> {
        self.buf.extend_from_slice(b"],\"documents\":[");
        self.buf.extend_from_slice(&self.documents);
        self.buf.extend_from_slice(b"]}\n");
        self.out.write_all(&self.buf)?;
        self.out.flush()
    }
}

/// Writes one document's mentions, a batch at a time (see [`JsonWriter::begin_document`]).
pub struct DocumentWriter<'s, 'd, W: Write> {
    w: &'s mut JsonWriter<W>,
    text: &'d str,
    /// `{"file":NAME,"span":{"start":`, escaped once per document.
    file: Vec<u8>,
    lines: LineCursor<'d>,
}

impl<W: Write> DocumentWriter<'_, '_, W> {
    /// Writes `mentions`, which follow those already written, in text order.
    pub fn mentions(&mut self, mentions: &[Resolved], lex: &Lexicon) -> io::Result<()> {
        for m in mentions {
            let b = &mut self.w.buf;
            if !self.w.first {
                b.extend_from_slice(b",\n");
            }
            self.w.first = false;
            let span = &m.mention.span;
            let (line, column) = self.lines.line_col(span.start);
            b.extend_from_slice(&self.file);
            uint(b, span.start);
            b.extend_from_slice(b",\"end\":");
            uint(b, span.end);
            b.extend_from_slice(b"},\"line\":");
            uint(b, line);
            b.extend_from_slice(b",\"column\":");
            uint(b, column);
            b.extend_from_slice(b",\"text\":");
            string(b, self.text.get(span.clone()).unwrap_or(""));
            b.extend_from_slice(b",\"kind\":");
            name(b, m.mention.kind.name());
            b.extend_from_slice(b",\"value\":");
            value(b, &m.value);
            b.extend_from_slice(b",\"hedge\":");
            match m.mention.hedge.as_deref() {
                Some((h, s)) => {
                    b.extend_from_slice(b"{\"id\":");
                    string(b, lex.hedges.get(*h).map_or("", |h| h.id.as_str()));
                    b.extend_from_slice(b",\"text\":");
                    string(b, self.text.get(s.clone()).unwrap_or(""));
                    b.push(b'}');
                }
                None => b.extend_from_slice(b"null"),
            }
            b.extend_from_slice(b",\"timex\":");
            match &m.timex {
                Some(t) => timex(b, t),
                None => b.extend_from_slice(b"null"),
            }
            b.push(b'}');
            if b.len() >= FLUSH_AT {
                self.w.out.write_all(b)?;
                self.w.flushed += b.len() as u64;
                b.clear();
            }
            self.w.complete = (b.len(), self.w.first);
        }
        Ok(())
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

/// A JSON string: quoted, with `"`, `\` and control characters escaped as serde_json does.
fn string(b: &mut Vec<u8>, s: &str) {
    b.push(b'"');
    let bytes = s.as_bytes();
    let mut run = 0;
    for (i, &c) in bytes.iter().enumerate() {
        if c >= 0x20 && c != b'"' && c != b'\\' {
            continue;
        }
        b.extend_from_slice(&bytes[run..i]);
        run = i + 1;
        match c {
            b'"' => b.extend_from_slice(b"\\\""),
            b'\\' => b.extend_from_slice(b"\\\\"),
            b'\n' => b.extend_from_slice(b"\\n"),
            b'\t' => b.extend_from_slice(b"\\t"),
            b'\r' => b.extend_from_slice(b"\\r"),
            0x08 => b.extend_from_slice(b"\\b"),
            0x0c => b.extend_from_slice(b"\\f"),
            _ => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                b.extend_from_slice(b"\\u00");
                b.push(HEX[usize::from(c >> 4)]);
                b.push(HEX[usize::from(c & 0xf)]);
            }
        }
    }
    b.extend_from_slice(&bytes[run..]);
    b.push(b'"');
}

/// A name of reckon's own (a kind, a unit of time, a TIMEX type): plain ASCII
/// letters and dashes, so nothing to escape. Debug builds check that.
fn name(b: &mut Vec<u8>, s: &'static str) {
    debug_assert!(s
        .bytes()
        .all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_'));
    b.push(b'"');
    b.extend_from_slice(s.as_bytes());
    b.push(b'"');
}

fn uint(b: &mut Vec<u8>, n: impl itoa::Integer) {
    b.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
}

/// A number as serde_json writes it: the shortest round-trip form, `null` when not finite.
fn float(b: &mut Vec<u8>, x: f64) {
    // Whole numbers are most figures in news ("45.0"): integer digits are cheaper
    // than the shortest-round-trip search, and the bytes are the same.
    // (`x as i64` saturates and drops the fraction; it is `x` only when whole.)
    let whole = x as i64;
    if whole as f64 == x && x.abs() < 1e15 && (x != 0.0 || x.is_sign_positive()) {
        uint(b, whole);
        b.extend_from_slice(b".0");
    } else if x.is_finite() {
        b.extend_from_slice(zmij::Buffer::new().format_finite(x).as_bytes());
    } else {
        b.extend_from_slice(b"null");
    }
}

/// A date as chrono's serde writes it (`"2025-01-06"`).
fn quoted_date(b: &mut Vec<u8>, d: NaiveDate) {
    let (y, m, day) = (d.year(), d.month(), d.day());
    if (0..=9999).contains(&y) {
        let y = y as u32;
        let digits = [
            y / 1000,
            y / 100 % 10,
            y / 10 % 10,
            y % 10,
            m / 10,
            m % 10,
            day / 10,
            day % 10,
        ]
        .map(|x| b'0' + x as u8);
        b.extend_from_slice(&[
            b'"', digits[0], digits[1], digits[2], digits[3], b'-', digits[4], digits[5], b'-',
            digits[6], digits[7], b'"',
        ]);
    } else {
        let _ = write!(b, "\"{d}\"");
    }
}

fn opt_date(b: &mut Vec<u8>, d: Option<NaiveDate>) {
    match d {
        Some(d) => quoted_date(b, d),
        None => b.extend_from_slice(b"null"),
    }
}

fn opt_string(b: &mut Vec<u8>, s: Option<&str>) {
    match s {
        Some(s) => string(b, s),
        None => b.extend_from_slice(b"null"),
    }
}

fn opt_uint(b: &mut Vec<u8>, n: Option<usize>) {
    match n {
        Some(n) => uint(b, n),
        None => b.extend_from_slice(b"null"),
    }
}

fn bound(b: &mut Vec<u8>, x: Option<Bound>) {
    match x {
        Some(x) => {
            b.extend_from_slice(b"{\"value\":");
            float(b, x.value);
            b.extend_from_slice(if x.inclusive {
                b",\"inclusive\":true}"
            } else {
                b",\"inclusive\":false}"
            });
        }
        None => b.extend_from_slice(b"null"),
    }
}

fn interval(b: &mut Vec<u8>, i: &Interval) {
    b.extend_from_slice(b"{\"lo\":");
    bound(b, i.lo);
    b.extend_from_slice(b",\"hi\":");
    bound(b, i.hi);
    b.push(b'}');
}

fn timex(b: &mut Vec<u8>, t: &Timex) {
    b.extend_from_slice(b"{\"type\":");
    name(b, t.kind.as_str());
    b.extend_from_slice(b",\"value\":");
    string(b, &t.value);
    b.push(b'}');
}

/// A [`Value`] exactly as its `Serialize` derive writes it (internally tagged by `type`).
fn value(b: &mut Vec<u8>, v: &Value) {
    match v {
        Value::Date { start, end } => {
            b.extend_from_slice(b"{\"type\":\"date\",\"start\":");
            quoted_date(b, *start);
            b.extend_from_slice(b",\"end\":");
            quoted_date(b, *end);
        }
        Value::PartialDate { pattern } => {
            b.extend_from_slice(b"{\"type\":\"partial-date\",\"pattern\":");
            string(b, pattern);
        }
        Value::Time { date, at, zone } => {
            b.extend_from_slice(b"{\"type\":\"time\",\"date\":");
            opt_date(b, *date);
            b.extend_from_slice(b",\"at\":");
            string(b, at);
            b.extend_from_slice(b",\"zone\":");
            opt_string(b, zone.as_deref());
        }
        Value::Vague { reference } => {
            b.extend_from_slice(b"{\"type\":\"vague\",\"reference\":");
            string(b, reference);
        }
        Value::Duration { unit, amount } => {
            b.extend_from_slice(b"{\"type\":\"duration\",\"unit\":");
            name(b, unit.name());
            b.extend_from_slice(b",\"amount\":");
            interval(b, amount);
        }
        Value::Set {
            every,
            unit,
            weekday,
        } => {
            b.extend_from_slice(b"{\"type\":\"set\",\"every\":");
            uint(b, *every);
            b.extend_from_slice(b",\"unit\":");
            name(b, unit.name());
            b.extend_from_slice(b",\"weekday\":");
            opt_uint(b, weekday.map(|w| w as usize));
        }
        Value::Number { exact, interval: i } => {
            b.extend_from_slice(b"{\"type\":\"number\",\"exact\":");
            float(b, *exact);
            b.extend_from_slice(b",\"interval\":");
            interval(b, i);
        }
        Value::Ordinal { n } => {
            b.extend_from_slice(b"{\"type\":\"ordinal\",\"n\":");
            uint(b, *n);
        }
        Value::Quantity(q) => {
            let crate::resolve::QuantityValue {
                exact,
                interval: i,
                unit,
                dimension,
                base,
                currency,
            } = &**q;
            b.extend_from_slice(b"{\"type\":\"quantity\",\"exact\":");
            float(b, *exact);
            b.extend_from_slice(b",\"interval\":");
            interval(b, i);
            b.extend_from_slice(b",\"unit\":");
            string(b, unit);
            b.extend_from_slice(b",\"dimension\":");
            name(b, dimension.name());
            b.extend_from_slice(b",\"base\":");
            match base {
                Some(x) => interval(b, x),
                None => b.extend_from_slice(b"null"),
            }
            b.extend_from_slice(b",\"currency\":");
            opt_string(b, currency.as_deref());
        }
        Value::Relation {
            relation,
            duration,
            anchor,
            end,
            implies,
        } => {
            b.extend_from_slice(b"{\"type\":\"relation\",\"relation\":");
            name(b, relation.name());
            b.extend_from_slice(b",\"duration\":");
            opt_uint(b, *duration);
            b.extend_from_slice(b",\"anchor\":");
            opt_uint(b, *anchor);
            b.extend_from_slice(b",\"end\":");
            opt_uint(b, *end);
            b.extend_from_slice(b",\"implies\":");
            match implies {
                Some((x, y)) => {
                    b.push(b'[');
                    quoted_date(b, *x);
                    b.push(b',');
                    quoted_date(b, *y);
                    b.push(b']');
                }
                None => b.extend_from_slice(b"null"),
            }
        }
        Value::Unresolved => b.extend_from_slice(b"{\"type\":\"unresolved\""),
    }
    b.push(b'}');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::Options;
    use crate::lexicon::DEFAULT;
    use crate::resolve::{RefSource, Reference};
    use crate::source::{Document, Format};
    use proptest::prelude::*;

    /// Every fixture text, resolved, written both ways.
    #[test]
    fn hand_written_values_match_serde() {
        let mut texts = Vec::new();
        for dir in ["fixtures", "fixtures/cases"] {
            collect(std::path::Path::new(dir), &mut texts);
        }
        texts.push("Tab\there, \"quoted\" \\ back\u{1}slash: about 5 km on Jan. 6, 2025 at 9 a.m. Moscow time, every Monday, three weeks before March 30, 12,000 troops, $2 million, 30°C, 45%.".into());
        assert!(texts.len() > 20, "fixtures found: {}", texts.len());
        let mut seen = std::collections::HashSet::new();
        for (n, text) in texts.iter().enumerate() {
            let doc = Document::from_text(format!("f\"{n}\\.md"), text.clone(), Format::Markdown);
            let date = NaiveDate::from_ymd_opt(2025, 1, 7);
            let (reference, mentions) =
                crate::resolve::run(&doc, &DEFAULT, &Options::default(), date);
            for m in &mentions {
                let mut b = Vec::new();
                value(&mut b, &m.value);
                assert_eq!(
                    String::from_utf8(b).unwrap(),
                    serde_json::to_string(&m.value).unwrap()
                );
                if let Some(t) = &m.timex {
                    let mut b = Vec::new();
                    timex(&mut b, t);
                    assert_eq!(
                        String::from_utf8(b).unwrap(),
                        serde_json::to_string(t).unwrap()
                    );
                }
                seen.insert(std::mem::discriminant(&m.value));
            }
            // The whole document is valid JSON that names the file right.
            let mut out = Vec::new();
            let r = DocResult {
                doc: &doc,
                reference,
                mentions,
            };
            write(&mut out, std::slice::from_ref(&r), &DEFAULT).unwrap();
            let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
            assert_eq!(v["documents"][0]["file"], doc.name.as_str());
            assert_eq!(v["mentions"].as_array().unwrap().len(), r.mentions.len());
        }
        assert!(seen.len() >= 9, "value kinds covered: {}", seen.len());
    }

    fn collect(dir: &std::path::Path, out: &mut Vec<String>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                collect(&p, out);
            } else if matches!(p.extension().and_then(|e| e.to_str()), Some("md" | "txt")) {
                if let Ok(t) = std::fs::read_to_string(&p) {
                    out.push(t);
                }
            }
        }
    }

    proptest! {
        #[test]
        fn strings_escape_like_serde(s in "\\PC*|[\\x00-\\x7f]*") {
            let mut b = Vec::new();
            string(&mut b, &s);
            prop_assert_eq!(String::from_utf8(b).unwrap(), serde_json::to_string(&s).unwrap());
        }

        #[test]
        fn numbers_and_dates_write_like_serde(x in proptest::num::f64::ANY, days in -800_000i32..800_000) {
            let mut b = Vec::new();
            float(&mut b, x);
            prop_assert_eq!(String::from_utf8(b).unwrap(), serde_json::to_string(&x).unwrap());
            if let Some(d) = NaiveDate::from_num_days_from_ce_opt(days) {
                let mut b = Vec::new();
                quoted_date(&mut b, d);
                prop_assert_eq!(String::from_utf8(b).unwrap(), serde_json::to_string(&d).unwrap());
            }
        }

        #[test]
        fn intervals_write_like_serde(lo in proptest::option::of((-1e9f64..1e9, any::<bool>())), hi in proptest::option::of((-1e9f64..1e9, any::<bool>()))) {
            let i = Interval {
                lo: lo.map(|(value, inclusive)| Bound { value, inclusive }),
                hi: hi.map(|(value, inclusive)| Bound { value, inclusive }),
            };
            let mut b = Vec::new();
            interval(&mut b, &i);
            prop_assert_eq!(String::from_utf8(b).unwrap(), serde_json::to_string(&i).unwrap());
        }
    }

    #[test]
    fn whole_numbers_write_like_serde() {
        for x in [
            0.0,
            -0.0,
            1.0,
            -3.0,
            45.0,
            1e14,
            999_999_999_999_999.0,
            1e15,
            1e16,
            2.5e20,
        ] {
            let mut b = Vec::new();
            float(&mut b, x);
            assert_eq!(
                String::from_utf8(b).unwrap(),
                serde_json::to_string(&x).unwrap(),
                "{x}"
            );
        }
    }

    #[test]
    fn unresolved_and_reference_sources_write() {
        let mut b = Vec::new();
        value(&mut b, &Value::Unresolved);
        assert_eq!(
            String::from_utf8(b).unwrap(),
            serde_json::to_string(&Value::Unresolved).unwrap()
        );
        let doc = Document::from_text("a.txt", "nothing here".into(), Format::Text);
        let r = DocResult {
            doc: &doc,
            reference: Reference {
                date: None,
                source: RefSource::None,
            },
            mentions: Vec::new(),
        };
        let mut out = Vec::new();
        write(&mut out, std::slice::from_ref(&r), &DEFAULT).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(v["documents"][0]["reference_date"], serde_json::Value::Null);
        assert_eq!(v["documents"][0]["reference_source"], "none");
    }
}
