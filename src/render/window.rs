//! Long source lines shown as windows around the spans a report labels.
//!
//! A soft-wrapped paragraph is one source line of thousands of characters;
//! printed whole, a terminal wraps it and the underlines land under the wrong
//! words. The human report instead shows a *virtual* copy of the document in
//! which each long line keeps only slices around its labelled spans, "…"
//! marking what was cut. Lines are never added or removed, so line numbers
//! stay the true ones; label spans are mapped into the copy, and the column in
//! the report's heading is mapped back to the original.
//!
//! Cuts fall at spaces where there is one, so a date or a number is never
//! split, and always at character boundaries, so multi-byte text (em dashes,
//! curly quotes, emoji) survives.

use std::ops::Range;

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};

/// A line is cut only when it is wider than this many halves of the window:
/// a hard-wrapped line a little over the width (a long-measure draft, a table
/// row) reads better whole, and is shown as it always was; a soft-wrapped
/// paragraph is far wider.
const LONG_LINE_HALVES: usize = 3;

/// Marks cut text: one column wide.
const ELLIPSIS: char = '…';

/// How wide a tab is drawn (miette's default).
const TAB_WIDTH: usize = 4;

/// A labelled span as the report draws it.
pub struct Spot {
    /// Its bytes in the original text.
    pub span: Range<usize>,
    /// The columns its message takes, drawn from the middle of its underline.
    pub message_width: usize,
}

/// Columns drawn before a label's message: "╰── ".
const LABEL_LEAD: usize = 4;

/// A slice of the original text kept in the virtual copy.
#[derive(Debug, Clone, Copy)]
struct Piece {
    /// Where it starts in the original.
    original: usize,
    /// Where it starts in the copy.
    copy: usize,
    len: usize,
}

/// The document as a report shows it: long lines cut to windows.
pub struct WindowedSource<'a> {
    name: String,
    original: &'a str,
    copy: String,
    /// Kept slices, in order of both their original and copy offsets.
    pieces: Vec<Piece>,
}

impl<'a> WindowedSource<'a> {
    /// `text` as a report labelling `spots` shows it when `window` columns of
    /// source fit beside the gutter.
    pub fn new(name: &str, text: &'a str, spots: &[Spot], window: usize) -> Self {
        let spans: Vec<Range<usize>> = spots.iter().map(|s| s.span.clone()).collect();
        let window = window.max(20);
        let long = window * LONG_LINE_HALVES / 2;
        let mut copy = String::new();
        let mut pieces = Vec::new();
        let mut copied_to = 0;
        let mut line_start = 0;
        while line_start <= text.len() {
            let line_end = text[line_start..]
                .find('\n')
                .map_or(text.len(), |i| line_start + i);
            // A CRLF's '\r' stays with the line break, copied as it is.
            let content_end = if text[line_start..line_end].ends_with('\r') {
                line_end - 1
            } else {
                line_end
            };
            let line = &text[line_start..content_end];
            // A column is at most one byte but for tabs: the byte length
            // rules most lines out without measuring.
            if line.len() > long && wider_than(line, long) {
                let keep = spans_on_line(text, &spans, line_start, content_end);
                push_kept(&mut copy, &mut pieces, text, copied_to..line_start);
                let mut shown_to = line_start;
                let mut shown = windows(line, &keep, window);
                let labels: Vec<(Range<usize>, usize)> = spots
                    .iter()
                    .filter(|s| s.span.start >= line_start && s.span.end <= content_end)
                    .map(|s| {
                        let span = s.span.start - line_start..s.span.end - line_start;
                        (span, s.message_width)
                    })
                    .collect();
                fit_labels(line, &mut shown, &keep, &labels, window);
                for w in shown {
                    let w = line_start + w.start..line_start + w.end;
                    if w.start > shown_to {
                        copy.push(ELLIPSIS);
                    }
                    shown_to = w.end;
                    push_kept(&mut copy, &mut pieces, text, w);
                }
                if shown_to < content_end {
                    copy.push(ELLIPSIS);
                }
                copied_to = content_end;
            }
            line_start = line_end + 1;
        }
        push_kept(&mut copy, &mut pieces, text, copied_to..text.len());
        Self {
            name: name.to_owned(),
            original: text,
            copy,
            pieces,
        }
    }

    /// Where an original byte offset is in the copy. Offsets inside cut text
    /// (no label's are) go to the end of the slice before the cut.
    pub fn to_copy(&self, offset: usize) -> usize {
        let i = self.pieces.partition_point(|p| p.original <= offset);
        match i.checked_sub(1).and_then(|i| self.pieces.get(i)) {
            Some(p) => p.copy + (offset - p.original).min(p.len),
            None => 0,
        }
    }

    /// Where a copy's byte offset is in the original; an ellipsis maps to
    /// the end of the slice before it.
    fn to_original(&self, offset: usize) -> usize {
        let i = self.pieces.partition_point(|p| p.copy <= offset);
        match i.checked_sub(1).and_then(|i| self.pieces.get(i)) {
            Some(p) => p.original + (offset - p.copy).min(p.len),
            None => 0,
        }
    }
}

impl SourceCode for WindowedSource<'_> {
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        let inner =
            self.copy
                .as_str()
                .read_span(span, context_lines_before, context_lines_after)?;
        // The heading's column ("file:6:28") is the original's byte column,
        // as miette counts it for a whole text.
        let column = if context_lines_before == 0 {
            let at = self
                .to_original(inner.span().offset())
                .min(self.original.len());
            let line_start = self.original[..at].rfind(['\n', '\r']).map_or(0, |i| i + 1);
            at - line_start
        } else {
            inner.column()
        };
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            *inner.span(),
            inner.line(),
            column,
            inner.line_count(),
        )))
    }
}

/// Appends `text[range]` to the copy as a kept slice.
fn push_kept(copy: &mut String, pieces: &mut Vec<Piece>, text: &str, range: Range<usize>) {
    let Some(slice) = text.get(range.clone()) else {
        return;
    };
    if slice.is_empty() {
        return;
    }
    pieces.push(Piece {
        original: range.start,
        copy: copy.len(),
        len: slice.len(),
    });
    copy.push_str(slice);
}

/// The parts of `spans` on the line `start..end`, relative to the line,
/// widened to character boundaries, sorted and merged.
fn spans_on_line(
    text: &str,
    spans: &[Range<usize>],
    start: usize,
    end: usize,
) -> Vec<Range<usize>> {
    let line = &text[start..end];
    let mut keep: Vec<Range<usize>> = spans
        .iter()
        .filter(|s| s.start <= end && s.end >= start)
        .map(|s| {
            let from = s.start.clamp(start, end) - start;
            let to = s.end.clamp(start, end) - start;
            floor_boundary(line, from)..ceil_boundary(line, to.max(from))
        })
        .collect();
    keep.sort_by_key(|r| (r.start, r.end));
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(keep.len());
    for r in keep {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
}

/// The slices of `line` to show, in order, each a byte range: one around
/// each cluster of `keep`, or the line's start when nothing on it is
/// labelled (a context line). Together with their ellipses they fit in
/// `window` columns unless the labelled text alone is wider.
fn windows(line: &str, keep: &[Range<usize>], window: usize) -> Vec<Range<usize>> {
    if keep.is_empty() {
        let end = advance(line, 0, window.saturating_sub(1));
        let end = back_to_space(line, 0, end).unwrap_or(end);
        return std::iter::once(0..end).collect();
    }
    let mut clusters = keep.to_vec();
    // Context for each side of each cluster, once its ellipses are paid.
    let side = |clusters: &[Range<usize>]| {
        let shown: usize = clusters.iter().map(|c| width_of(line, c)).sum();
        window.saturating_sub(shown + clusters.len() + 1) / (2 * clusters.len())
    };
    // Spans closer than the context they would get anyway share a window.
    loop {
        let side = side(&clusters);
        let close = clusters
            .windows(2)
            .position(|pair| width_of(line, &(pair[0].end..pair[1].start)) <= 2 * side + 1);
        match close {
            Some(i) => {
                let next_end = clusters[i + 1].end;
                clusters[i].end = next_end;
                clusters.remove(i + 1);
            }
            None => break,
        }
    }
    let side = side(&clusters);
    let mut out = Vec::with_capacity(clusters.len());
    for (i, c) in clusters.iter().enumerate() {
        // A window may reach halfway to its neighbour; what one side cannot
        // use (at the line's start or end) goes to the other.
        let left_bound = if i == 0 {
            0
        } else {
            midpoint(line, clusters[i - 1].end, c.start)
        };
        let right_bound = clusters
            .get(i + 1)
            .map_or(line.len(), |n| midpoint(line, c.end, n.start));
        let left_room = width_of(line, &(left_bound..c.start));
        let right_room = width_of(line, &(c.end..right_bound));
        let left = side.min(left_room);
        let right = (2 * side - left).min(right_room);
        let left = (2 * side - right).min(left_room);
        let mut start = retreat(line, c.start, left).max(left_bound);
        if start > 0 {
            start = forward_to_space(line, start, c.start).unwrap_or(c.start);
        }
        let mut end = advance(line, c.end, right).min(right_bound);
        if end < line.len() {
            end = back_to_space(line, c.end, end).unwrap_or(c.end);
        }
        out.push(start..end);
    }
    out
}

/// Moves windows' starts right (less context before their spans) until
/// every label's message, drawn from the middle of its underline, ends
/// within `window` columns: a span near the end of a long line would
/// otherwise have its message run past the terminal's edge.
fn fit_labels(
    line: &str,
    shown: &mut [Range<usize>],
    keep: &[Range<usize>],
    labels: &[(Range<usize>, usize)],
    window: usize,
) {
    for k in 0..shown.len() {
        let extent = |shown: &[Range<usize>], (span, message): &(Range<usize>, usize)| {
            let from = column_in(line, shown, span.start);
            let to = column_in(line, shown, span.end);
            (from + to) / 2 + LABEL_LEAD + message
        };
        let worst = labels
            .iter()
            .map(|l| (extent(shown, l), l.0.start))
            .max_by_key(|(end, _)| *end);
        let Some((end, worst_start)) = worst else {
            return;
        };
        let overflow = end.saturating_sub(window);
        // Only the context before the label moves it left.
        if overflow == 0 || shown[k].start > worst_start {
            return;
        }
        let Some(first_kept) = keep.iter().find(|r| r.start >= shown[k].start) else {
            continue;
        };
        let mut cut = shown[k].start;
        let mut used = 0;
        for (i, c) in line[cut..first_kept.start].char_indices() {
            used += char_width(c);
            cut = shown[k].start + i + c.len_utf8();
            if used >= overflow {
                break;
            }
        }
        // The window starts at a space, so the word after the cut stays whole.
        let start = forward_to_space(line, cut, first_kept.start).unwrap_or(first_kept.start);
        shown[k].start = start.max(shown[k].start);
    }
}

/// The column at which byte `at` of `line` is drawn once cut to `shown`.
fn column_in(line: &str, shown: &[Range<usize>], at: usize) -> usize {
    let mut column = 0;
    let mut shown_to = 0;
    for w in shown {
        if w.start > shown_to {
            column += 1; // the ellipsis
        }
        if at <= w.end {
            return column + width_of(line, &(w.start..at.max(w.start)));
        }
        column += width_of(line, w);
        shown_to = w.end;
    }
    column
}

/// Whether `text` takes more than `columns` columns: measured only as far
/// as needed, since a hostile input can be one line of megabytes.
fn wider_than(text: &str, columns: usize) -> bool {
    let mut used = 0;
    text.chars().any(|c| {
        used += char_width(c);
        used > columns
    })
}

/// Columns `text` takes on a terminal.
fn display_width(text: &str) -> usize {
    text.chars().map(char_width).sum()
}

fn char_width(c: char) -> usize {
    if c == '\t' {
        TAB_WIDTH
    } else {
        let mut buf = [0; 4];
        textwrap::core::display_width(c.encode_utf8(&mut buf))
    }
}

fn width_of(line: &str, range: &Range<usize>) -> usize {
    line.get(range.clone()).map_or(0, display_width)
}

/// The byte offset `columns` columns after `from`, never past the line nor
/// inside a character.
fn advance(line: &str, from: usize, columns: usize) -> usize {
    let mut used = 0;
    for (i, c) in line[from..].char_indices() {
        used += char_width(c);
        if used > columns {
            return from + i;
        }
    }
    line.len()
}

/// The byte offset `columns` columns before `to`.
fn retreat(line: &str, to: usize, columns: usize) -> usize {
    let mut used = 0;
    for (i, c) in line[..to].char_indices().rev() {
        used += char_width(c);
        if used > columns {
            return i + c.len_utf8();
        }
    }
    0
}

/// The character boundary nearest the middle of `from..to`.
fn midpoint(line: &str, from: usize, to: usize) -> usize {
    floor_boundary(line, from + (to - from) / 2)
}

/// The first space in `from..to`: a window cut on the left starts at it, so
/// "… word" shows the cut and the word whole.
fn forward_to_space(line: &str, from: usize, to: usize) -> Option<usize> {
    line.get(from..to)?.find(' ').map(|i| from + i)
}

/// Just past the last space in `from..to`: a window cut on the right ends
/// there, so "word …" keeps the word whole.
fn back_to_space(line: &str, from: usize, to: usize) -> Option<usize> {
    line.get(from..to)?.rfind(' ').map(|i| from + i + 1)
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILLER: &str = "The committee met again — “at length” 🙂 — and talked. ";

    fn spots(spans: &[Range<usize>]) -> Vec<Spot> {
        spans
            .iter()
            .map(|s| Spot {
                span: s.clone(),
                message_width: 10,
            })
            .collect()
    }

    fn long_line(before: usize, middle: &str, after: usize) -> (String, Range<usize>) {
        let mut s = FILLER.repeat(before);
        let start = s.len();
        s.push_str(middle);
        let end = s.len();
        s.push_str(&FILLER.repeat(after));
        (s, start..end)
    }

    #[test]
    fn short_text_is_copied_as_it_is() {
        let text = "one line\r\ntwo — lines 🙂\nthree";
        let span = 4..8;
        let w = WindowedSource::new("t", text, &spots(&[span]), 80);
        assert_eq!(w.copy, text);
        for i in 0..=text.len() {
            assert_eq!(w.to_copy(i), i);
        }
    }

    #[test]
    fn a_span_in_a_long_line_keeps_its_text_and_fits() {
        let (text, span) = long_line(40, "Thursday, March 12, 2025", 40);
        let text = format!("before\n{text}\nafter");
        let span = span.start + 7..span.end + 7;
        let w = WindowedSource::new("t", &text, &spots(std::slice::from_ref(&span)), 90);
        let line = w.copy.lines().nth(1).unwrap();
        assert!(display_width(line) <= 90, "{line}");
        assert!(line.starts_with('…') && line.ends_with('…'), "{line}");
        let (a, b) = (w.to_copy(span.start), w.to_copy(span.end));
        assert_eq!(&w.copy[a..b], "Thursday, March 12, 2025");
        assert_eq!(w.copy.lines().count(), 3);
    }

    #[test]
    fn far_spans_get_a_window_each() {
        let (mut text, first) = long_line(2, "Friday", 30);
        let second = text.len()..text.len() + 6;
        text.push_str("Monday");
        text.push_str(&FILLER.repeat(3));
        let w = WindowedSource::new("t", &text, &spots(&[first.clone(), second.clone()]), 90);
        assert!(display_width(&w.copy) <= 90, "{}", w.copy);
        assert_eq!(w.copy.matches('…').count(), 3, "{}", w.copy);
        for s in [first, second] {
            let a = w.to_copy(s.start);
            assert_eq!(&w.copy[a..w.to_copy(s.end)], &text[s]);
        }
    }

    #[test]
    fn a_label_at_the_end_of_a_long_line_keeps_its_message_in_the_window() {
        let (text, span) = long_line(30, "Friday, March 12, 2025", 0);
        let text = text.trim_end().to_string();
        let spot = Spot {
            span: span.clone(),
            message_width: 40,
        };
        let w = WindowedSource::new("t", &text, &[spot], 90);
        let (a, b) = (w.to_copy(span.start), w.to_copy(span.end));
        assert_eq!(&w.copy[a..b], "Friday, March 12, 2025");
        let middle = (display_width(&w.copy[..a]) + display_width(&w.copy[..b])) / 2;
        assert!(middle + LABEL_LEAD + 40 <= 90, "{}", w.copy);
        assert!(w.copy.starts_with("… "), "{}", w.copy);
    }

    #[test]
    fn every_cut_is_at_a_char_boundary_and_spans_survive() {
        for shift in 0..FILLER.len() {
            if !FILLER.is_char_boundary(shift) {
                continue;
            }
            let (text, span) = long_line(30, &format!("{}9,400", &FILLER[shift..]), 30);
            let span = span.end - 5..span.end;
            let w = WindowedSource::new("t", &text, &spots(std::slice::from_ref(&span)), 60);
            let a = w.to_copy(span.start);
            assert_eq!(&w.copy[a..w.to_copy(span.end)], "9,400");
            assert!(display_width(&w.copy) <= 60, "{}", w.copy);
        }
    }
}
