//! One document as the rules and the story read it: the document, its
//! reference date and its resolved mentions ([`DocView`]), spans labelled with
//! what they resolved to ([`Label`]), and whether two offsets stand in one
//! sentence. Below `story` and `check`, which both read it.

use std::ops::Range;

use chrono::NaiveDate;

use crate::extract::Kind;
use crate::resolve::{Reference, Resolved, Value};
use crate::source::Document;

/// A span in one of the checked documents, with what it resolved to.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Label {
    /// Index of the document in the checked set.
    pub doc: usize,
    /// Byte span, end exclusive.
    pub span: Range<usize>,
    /// "Thursday → Thu 2025-03-13".
    pub message: String,
}

/// One document as the rules see it.
pub struct DocView<'a> {
    /// The document.
    pub doc: &'a Document,
    /// Its reference date.
    pub reference: Reference,
    /// Its mentions, resolved, in text order.
    pub mentions: &'a [Resolved],
}

impl DocView<'_> {
    /// The text of mention `i`.
    #[must_use]
    pub fn text(&self, i: usize) -> &str {
        self.doc
            .text
            .get(self.mentions[i].mention.span.clone())
            .unwrap_or("")
    }

    /// Indices of the mentions that start within `reach` bytes of mention `i`'s
    /// span (mentions are in text order). Rules look for partners here rather
    /// than over the whole document, so a long text stays linear.
    #[must_use]
    pub fn near(&self, i: usize, reach: usize) -> std::ops::Range<usize> {
        let span = &self.mentions[i].mention.span;
        let lo = span.start.saturating_sub(reach);
        let hi = span.end.saturating_add(reach);
        let a = self.mentions.partition_point(|m| m.mention.span.start < lo);
        let b = self
            .mentions
            .partition_point(|m| m.mention.span.start <= hi);
        a..b.max(a)
    }

    /// No sentence ends between byte offsets `a` and `b` (a blank line, or
    /// `. ! ?` followed by a space or a line break and a capital, ends one).
    ///
    /// The sentence ends of the 64 KiB of text around the last question are
    /// kept (per thread), so the questions rules ask along a document are
    /// binary searches rather than scans (issue: 34 s on 200,000 dates in one
    /// sentence).
    #[must_use]
    pub fn same_sentence(&self, a: usize, b: usize) -> bool {
        let prose = &self.doc.prose;
        let (a, b) = if a <= b { (a, b) } else { (b, a) };
        // No sentence of news copy runs this long: answer without scanning.
        if b - a > 2000 || prose.get(a..b).is_none() {
            return false;
        }
        // Most pairs are a few words apart: a short scan beats building a window.
        if b - a <= SHORT_SCAN {
            return same_sentence_scan(prose, a, b);
        }
        SENTENCE_BREAKS.with(|cache| {
            let mut cache = cache.borrow_mut();
            if !cache.as_ref().is_some_and(|w| w.holds(prose, a, b)) {
                *cache = Some(SentenceBreaks::around(prose, a, b));
            }
            cache.as_ref().is_some_and(|w| w.same_sentence(prose, a, b))
        })
    }

    /// The single day a date or time mention resolved to.
    #[must_use]
    pub fn day(&self, i: usize) -> Option<NaiveDate> {
        match &self.mentions.get(i)?.value {
            Value::Date { start, end } if start == end => Some(*start),
            Value::Time { date: Some(d), .. } => Some(*d),
            _ => None,
        }
    }

    /// The time point a clause is told at: a single-day date written in the
    /// same sentence as mention `i` (not one of `exclude`), nearest first; or
    /// the reference date. The index is `None` for the reference date.
    #[must_use]
    pub fn clause_time(&self, i: usize, exclude: &[usize]) -> Option<(NaiveDate, Option<usize>)> {
        let here = self.mentions[i].mention.span.clone();
        let mut best: Option<(usize, NaiveDate, usize)> = None;
        for k in self.near(i, 2000) {
            let r = &self.mentions[k];
            if k == i || exclude.contains(&k) || !matches!(r.mention.kind, Kind::Date | Kind::Time)
            {
                continue;
            }
            let Some(d) = self.day(k) else { continue };
            let span = &r.mention.span;
            if span.start < here.end && here.start < span.end {
                continue; // inside the relation itself
            }
            if !self.same_sentence(span.start.min(here.start), span.end.max(here.end)) {
                continue;
            }
            let dist = if span.start >= here.end {
                span.start - here.end
            } else {
                here.start - span.end
            };
            if best.is_none_or(|(bd, _, _)| dist < bd) {
                best = Some((dist, d, k));
            }
        }
        match best {
            Some((_, d, k)) => Some((d, Some(k))),
            None => self.reference.date.map(|d| (d, None)),
        }
    }
}

/// Pairs of offsets at most this far apart are answered by a scan of the
/// text between them (bounded work per pair); farther ones by the window.
const SHORT_SCAN: usize = 48;

/// [`DocView::same_sentence`] as it was, scanning the text between `a` and
/// `b`: what [`SentenceBreaks`] must answer, and the answer for short spans.
pub(crate) fn same_sentence_scan(prose: &str, a: usize, b: usize) -> bool {
    let (a, b) = if a <= b { (a, b) } else { (b, a) };
    // No sentence of news copy runs this long: answer without scanning.
    if b - a > 2000 {
        return false;
    }
    let Some(between) = prose.get(a..b) else {
        return false;
    };
    if between.contains("\n\n") {
        return false;
    }
    let bytes = between.as_bytes();
    for (k, &ch) in bytes.iter().enumerate() {
        if matches!(ch, b'.' | b'!' | b'?') {
            let rest = &between[k + 1..];
            let next = rest.trim_start_matches([' ', '\n', '"', '\'', ')', '\u{201d}']);
            let spaced = rest.starts_with([' ', '\n', '"', '\u{201d}']);
            let before = &between[..k];
            let abbrev = before
                .rsplit(|c: char| !c.is_alphanumeric())
                .next()
                .is_some_and(|w| w.len() <= 3 && w.chars().next().is_some_and(char::is_uppercase))
                || before.rsplit(' ').next().is_some_and(|w| {
                    matches!(
                        w,
                        "Jan"
                            | "Feb"
                            | "Aug"
                            | "Sept"
                            | "Sep"
                            | "Oct"
                            | "Nov"
                            | "Dec"
                            | "Mr"
                            | "Mrs"
                            | "Ms"
                            | "Dr"
                            | "St"
                            | "a.m"
                            | "p.m"
                            | "U.S"
                    )
                });
            if spaced && next.starts_with(|c: char| c.is_uppercase()) && !abbrev {
                return false;
            }
        }
    }
    true
}

/// The abbreviations a stop may follow without ending a sentence, as the word
/// after the last space ("Jan", "U.S").
const STOP_ABBREVIATIONS: &[&[u8]] = &[
    b"Jan", b"Feb", b"Aug", b"Sept", b"Sep", b"Oct", b"Nov", b"Dec", b"Mr", b"Mrs", b"Ms", b"Dr",
    b"St", b"a.m", b"p.m", b"U.S",
];

/// Whether a stop after `before` follows an abbreviation, as
/// [`same_sentence_scan`] decides it, reading at most a few bytes back: the
/// word of letters and digits before the stop is one to three bytes and
/// starts with a capital, or the text after the last space is one of
/// [`STOP_ABBREVIATIONS`].
fn stop_after_abbreviation(before: &str) -> bool {
    let mut start = before.len();
    for (i, c) in before.char_indices().rev() {
        if !c.is_alphanumeric() || before.len() - i > 3 {
            break;
        }
        start = i;
    }
    let word = &before[start..];
    // A longer word stopped the walk early: it is not 1 to 3 bytes.
    let longer = before[..start]
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric);
    if !longer && word.chars().next().is_some_and(char::is_uppercase) {
        return true;
    }
    let bytes = before.as_bytes();
    let tail = &bytes[bytes.len().saturating_sub(5)..];
    let token = match tail.iter().rposition(|&c| c == b' ') {
        Some(j) => &tail[j + 1..],
        None if bytes.len() <= 4 => bytes,
        None => return false,
    };
    STOP_ABBREVIATIONS.contains(&token)
}

/// Where sentences end in a window of a prose text, found once: what
/// [`DocView::same_sentence`] asks of the text between two offsets, answered
/// by binary search.
#[derive(Debug)]
struct SentenceBreaks {
    /// The text it was read from: the address and length of the whole prose,
    /// where the window starts and a copy of the window's bytes.
    prose: (usize, usize),
    start: usize,
    window: Vec<u8>,
    /// Offsets of every blank line (`\n\n`) in the window.
    blanks: Vec<usize>,
    /// Every stop in the window that ends a sentence when read with the text
    /// before it: its offset and the offset of the capital after it, both
    /// increasing.
    stops: Vec<(usize, usize)>,
}

#[cfg(test)]
thread_local! {
    /// Bytes `same_sentence` has read for its windows, and before the first
    /// space of its questions, so a test can tell linear from quadratic
    /// without a clock.
    static SCANNED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
    static CUT_WORDS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

thread_local! {
    /// The sentence ends around the last question of [`DocView::same_sentence`].
    static SENTENCE_BREAKS: std::cell::RefCell<Option<SentenceBreaks>> =
        const { std::cell::RefCell::new(None) };
}

impl SentenceBreaks {
    /// Bytes read around a question: a little before, most after (rules ask
    /// along the text).
    const BEFORE: usize = 4 << 10;
    const AFTER: usize = 28 << 10;

    /// The sentence ends of the text around `a..b` (at most 2,000 bytes).
    fn around(prose: &str, a: usize, b: usize) -> SentenceBreaks {
        let mut start = a.saturating_sub(Self::BEFORE);
        while !prose.is_char_boundary(start) {
            start -= 1;
        }
        let mut end = b.saturating_add(Self::AFTER).min(prose.len());
        while !prose.is_char_boundary(end) {
            end += 1;
        }
        let text = &prose[start..end];
        let bytes = text.as_bytes();
        #[cfg(test)]
        SCANNED.with(|n| n.set(n.get() + bytes.len()));
        // memchr finds the few bytes that matter; a byte-by-byte match cost
        // most of the window's price.
        let blanks: Vec<usize> = memchr::memchr_iter(b'\n', bytes)
            .filter(|&p| bytes.get(p + 1) == Some(&b'\n'))
            .map(|p| start + p)
            .collect();
        let stops: Vec<(usize, usize)> = memchr::memchr3_iter(b'.', b'!', b'?', bytes)
            .filter_map(|p| stop_ends_sentence(text, p).map(|c| (start + p, start + c)))
            .collect();
        SentenceBreaks {
            prose: (prose.as_ptr() as usize, prose.len()),
            start,
            window: bytes.to_vec(),
            blanks,
            stops,
        }
    }

    /// Whether `a..b` of `prose` is in the window and its bytes are the ones
    /// read (the answer depends on them only).
    fn holds(&self, prose: &str, a: usize, b: usize) -> bool {
        self.prose == (prose.as_ptr() as usize, prose.len())
            && a >= self.start
            && b <= self.start + self.window.len()
            && self.window[a - self.start..b - self.start] == prose.as_bytes()[a..b]
    }

    /// Same as [`same_sentence_scan`]`(prose, a, b)` for `a <= b`, `a..b` in
    /// the window and at most 2,000 bytes.
    fn same_sentence(&self, prose: &str, a: usize, b: usize) -> bool {
        // A blank line inside.
        let k = self.blanks.partition_point(|&q| q < a);
        if self.blanks.get(k).is_some_and(|&q| q + 2 <= b) {
            return false;
        }
        // The scan reads the word before a stop from `a` on, so a stop before
        // the first space after `a` may read a cut word: ask the scan there.
        let between = &prose[a..b];
        let edge = between
            .bytes()
            .position(|c| c == b' ')
            .unwrap_or(between.len());
        #[cfg(test)]
        CUT_WORDS.with(|n| n.set(n.get() + edge));
        for (k, &ch) in between.as_bytes()[..edge].iter().enumerate() {
            if matches!(ch, b'.' | b'!' | b'?') && stop_ends_sentence(between, k).is_some() {
                return false;
            }
        }
        // Past it, a stop reads the same word as with the text before it (the
        // space is in both); it ends a sentence between when its capital is
        // before `b`. All of it is read from `a..b`.
        let k = self.stops.partition_point(|&(p, _)| p < a + edge);
        self.stops.get(k).is_none_or(|&(_, c)| c >= b)
    }
}

/// Whether the stop at byte `p` of `text` ends a sentence, as
/// [`same_sentence_scan`] reads it when `text` is the text between: the
/// offset of the capital after it, if so.
fn stop_ends_sentence(text: &str, p: usize) -> Option<usize> {
    let rest = &text[p + 1..];
    let next = rest.trim_start_matches([' ', '\n', '"', '\'', ')', '\u{201d}']);
    let spaced = rest.starts_with([' ', '\n', '"', '\u{201d}']);
    let capital = next.starts_with(|c: char| c.is_uppercase());
    (spaced && capital && !stop_after_abbreviation(&text[..p])).then(|| text.len() - next.len())
}

/// "Thu 2025-03-13": how labels show a day.
#[must_use]
pub fn show_day(d: NaiveDate) -> String {
    d.format("%a %Y-%m-%d").to_string()
}

/// Number words for suggested fixes ("four months").
#[must_use]
pub fn number_word(n: i64) -> String {
    const WORDS: [&str; 21] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
    ];
    usize::try_from(n)
        .ok()
        .and_then(|i| WORDS.get(i))
        .map_or_else(|| n.to_string(), |w| (*w).to_string())
}

#[cfg(test)]
mod sentence_tests {
    use super::*;
    use crate::lexicon::DEFAULT;
    use proptest::prelude::*;

    /// Runs `f` on the view of the plain text `text`, its mentions resolved.
    fn with_view(text: &str, f: impl FnOnce(&DocView<'_>)) {
        let doc = Document::from_text("d.txt", text.to_string(), crate::source::Format::Text);
        let (reference, mentions) =
            crate::resolve::run(&doc, &DEFAULT, &crate::extract::Options::default(), None);
        f(&DocView {
            doc: &doc,
            reference,
            mentions: &mentions,
        });
    }

    /// Every pair of char boundaries of `text`: the window answers as the scan,
    /// whichever question built it.
    fn agree(text: &str) {
        let cuts: Vec<usize> = (0..=text.len())
            .filter(|&i| text.is_char_boundary(i))
            .collect();
        let built = [
            (0, 0),
            (text.len() / 2, text.len() / 2),
            (text.len(), text.len()),
        ];
        for (x, y) in built {
            let (x, y) = (cuts[cuts.partition_point(|&c| c < x)], y);
            let y = cuts[cuts.partition_point(|&c| c < y).min(cuts.len() - 1)];
            let w = SentenceBreaks::around(text, x, y);
            for &a in &cuts {
                for &b in &cuts {
                    let (lo, hi) = (a.min(b), a.max(b));
                    if w.holds(text, lo, hi) {
                        assert_eq!(
                            w.same_sentence(text, lo, hi),
                            same_sentence_scan(text, a, b),
                            "{text:?} {a}..{b}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn the_window_answers_as_the_scan_on_tricky_texts() {
        for text in [
            "On Jan. 6 the U.S. said so. Then Mr. Smith left.",
            "He said \"no.\" Then she left.\n\nA new paragraph! Is it? Yes.",
            "It was 3 p.m. Monday when the U.S. Army came. \u{201c}Go.\u{201d} They went.",
            "A.B. Cd. EFG. Hijk. x.Y",
            "Sept. 5. Sep. 6. Dec.\nThe end.) Next one.' Last.",
            "noSpaceAtAll.Jan.X.\nY.\nZ",
            "\u{c9}t\u{e9}. \u{c9}cole. \u{201d}\u{201d}. Ab. AB. ABCD. Ab1. 12. St. Louis",
        ] {
            agree(text);
        }
        with_view("It rose 3%. Jan. 5 was cold.", |v| {
            assert!(v.same_sentence(12, 20), "Jan. does not end a sentence");
            assert!(!v.same_sentence(3, 14), "3%. does");
            assert!(!v.same_sentence(0, 2500), "too far apart");
        });
    }

    proptest! {
        #[test]
        fn the_window_answers_as_the_scan(
            chars in proptest::collection::vec(
                proptest::sample::select(vec!['a', 'b', 'J', 'a', 'n', 'U', 'S', '.', ' ', '\n', '"', '\u{201d}', ')', '!']),
                0..40,
            )
        ) {
            agree(&chars.into_iter().collect::<String>());
        }
    }

    #[test]
    fn a_long_sentence_is_read_a_bounded_number_of_times() {
        // Once every pair of nearby dates rescanned the text between them:
        // 34 s on 200,000 dates in one sentence.
        let text = "On Monday, Jan. 6, 2025 ".repeat(4000);
        SCANNED.with(|n| n.set(0));
        CUT_WORDS.with(|n| n.set(0));
        let mut asked = 0;
        let mut mentions = 0;
        with_view(&text, |v| {
            mentions = v.mentions.len();
            for i in 0..mentions {
                for k in v.near(i, 2000) {
                    let (a, b) = (
                        v.mentions[i].mention.span.start,
                        v.mentions[k].mention.span.end,
                    );
                    assert!(v.same_sentence(a, b) || a.abs_diff(b) > 2000);
                    asked += 1;
                }
            }
        });
        let scanned = SCANNED.with(std::cell::Cell::get);
        assert!(asked > 50 * mentions, "{asked} questions");
        assert!(
            scanned <= 4 * text.len(),
            "{scanned} bytes read for {}",
            text.len()
        );
        // Each question reads only up to its first space ("Monday,").
        let cut = CUT_WORDS.with(std::cell::Cell::get);
        assert!(cut <= 8 * asked, "{cut} bytes read for {asked} questions");
    }
}
