//! The reading of each sentence, once, for every rule: which sentence and
//! segment a mention stands in, what a figure counts, and which figures are
//! parts of which whole, across a sentence and into the next.
//!
//! Stage: after [`crate::resolve`], before [`crate::check`]. In: a document's
//! prose and its resolved mentions. Out: a [`Reading`]. Rules ask the reading
//! instead of looking at the few tokens around a mention their own way, so a
//! new wording is taught here once ("Of the assembly's 150 members, 79 voted in
//! favour, 68 against and 13 abstained"; "11 deaths in all. Seven of them …;
//! five …"). The words it knows are data: `rules/lexicon/reading.yaml`.

pub mod lexicon;
pub mod sentences;
pub mod time;
pub mod view;

use std::ops::Range;

use crate::extract::{Expr, Kind};
use crate::resolve::{Resolved, Value};
use crate::value::units::Dimension;
pub use lexicon::ReadingLexicon;

/// What one figure (a count or measure) is in its sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figure {
    /// The mention.
    pub mention: usize,
    /// The noun it counts, lower case ("deaths", "homes"), when written.
    pub counted: Option<String>,
    /// The kind of that noun ("people"), from the reading lexicon.
    pub kind: Option<String>,
}

/// A whole and the figures that are parts of it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PartWhole {
    /// The whole ("Of the 150 members").
    pub whole: usize,
    /// Its parts, in text order, each counted once ("79 voted in favour, 68 against").
    pub parts: Vec<usize>,
    /// What is left of it ("the other 48"), when written.
    pub remainder: Option<usize>,
    /// A share written beside a part: (the part, the percentage).
    pub shares: Vec<(usize, usize)>,
    /// How the text tied them.
    pub how: Tie,
}

/// How a group's figures were tied to their whole, from the surest cue down.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tie {
    /// "Of the 150 members, 79 …", "11 deaths in all. Seven of them …".
    #[default]
    Stated,
    /// "41 of the 160 areas": sure of the share, not always of the count
    /// ("35,000 of the two models" counts cars, not models).
    Of,
    /// "52 people, 43 passengers and nine crew".
    Breakdown,
    /// "421 patients were randomized; 206 received the drug and 215 placebo":
    /// the whole was shared out, so its parts make it up exactly.
    Split,
}

/// The reading of one document.
#[derive(Debug, Default)]
pub struct Reading {
    /// Sentences, as byte ranges of the prose.
    pub sentences: Vec<Range<usize>>,
    /// Each mention's sentence ([`UNREAD`] outside the paragraphs read);
    /// empty when no paragraph was read.
    pub sentence_of: Vec<usize>,
    /// The figures, by mention index; empty when no paragraph was read.
    pub figures: Vec<Option<Figure>>,
    /// Part-whole groups.
    pub groups: Vec<PartWhole>,
}

impl Reading {
    /// Reads `prose` and its `mentions` with the embedded reading lexicon.
    #[must_use]
    pub fn of(prose: &str, mentions: &[Resolved]) -> Reading {
        Self::with_lexicon(prose, mentions, &lexicon::DEFAULT)
    }

    /// Reads with a given reading lexicon.
    #[must_use]
    pub fn with_lexicon(prose: &str, mentions: &[Resolved], lex: &ReadingLexicon) -> Reading {
        // Only paragraphs with a part-whole cue are read: most are not, and
        // reading every figure of a long text costs more than extracting it.
        let regions = cue_paragraphs(prose, mentions, lex);
        // Most documents have no such paragraph: nothing is read, and no
        // cell, figure or group is made for their mentions. The tables stay
        // empty, which the accessors read as unread: a text of a million
        // dates spent 64 bytes a mention on them.
        if regions.is_empty() {
            return Reading::default();
        }
        let mut sentences = Vec::new();
        for r in &regions {
            sentences.extend(
                sentences::split(&prose[r.clone()])
                    .into_iter()
                    .map(|s| s.start + r.start..s.end + r.start),
            );
        }
        let sentence_of = mentions
            .iter()
            .map(|m| {
                let at = m.mention.span.start;
                let k = sentences::index_of(&sentences, at);
                match sentences.get(k) {
                    Some(s) if s.start <= at && at < s.end.max(s.start + 1) => k,
                    _ => UNREAD,
                }
            })
            .collect();
        let mut r = Reading {
            sentences,
            sentence_of,
            figures: Vec::new(),
            groups: Vec::new(),
        };
        let cells = || {
            (0..mentions.len())
                .map(|_| std::cell::OnceCell::new())
                .collect()
        };
        let reader = Reader {
            prose,
            mentions,
            lex,
            r: &r,
            befores: cells(),
            afters: cells(),
        };
        let figures: Vec<Option<Figure>> = (0..mentions.len()).map(|i| reader.figure(i)).collect();
        let (befores, afters) = (reader.befores, reader.afters);
        r.figures = figures;
        r.groups = Reader {
            prose,
            mentions,
            lex,
            r: &r,
            befores,
            afters,
        }
        .groups();
        r
    }

    /// Part and whole count the same thing, as written: one noun, or nouns of one kind.
    #[must_use]
    pub fn same_count(&self, w: usize, p: usize) -> bool {
        let fig = |k: usize| self.figures.get(k).and_then(Option::as_ref);
        let (Some(fw), Some(fp)) = (fig(w), fig(p)) else {
            return false;
        };
        match (&fw.counted, &fp.counted) {
            (Some(x), Some(y)) => {
                x == y || singular(x) == singular(y) || (fw.kind.is_some() && fw.kind == fp.kind)
            }
            (Some(_), None) => fw.kind.is_some(),
            _ => false,
        }
    }

    /// Mentions `a` and `b` stand in one sentence (of a paragraph it read).
    #[must_use]
    pub fn same_sentence(&self, a: usize, b: usize) -> bool {
        self.sentence_of
            .get(a)
            .is_some_and(|&s| s != UNREAD && Some(&s) == self.sentence_of.get(b))
    }
}

/// `sentence_of` for a mention in a paragraph the reading skipped.
pub const UNREAD: usize = usize::MAX;

/// The paragraphs of `prose` (between blank lines) that can hold a part-whole
/// group: a figure and a part of it (another figure, or a percentage: a
/// paragraph of percentages alone has no whole), and a part-whole cue.
fn cue_paragraphs(prose: &str, mentions: &[Resolved], lex: &ReadingLexicon) -> Vec<Range<usize>> {
    let b = prose.as_bytes();
    let blanks: Vec<usize> = memchr::memmem::find_iter(b, b"\n\n").collect();
    let paragraph = |at: usize| {
        let k = blanks.partition_point(|&x| x < at);
        let start = k.checked_sub(1).map_or(0, |j| blanks[j] + 2);
        let end = blanks.get(k).copied().unwrap_or(b.len());
        start..end.max(start)
    };
    let mut out: Vec<Range<usize>> = Vec::new();
    // A paragraph, with its figures and its percentages.
    let mut current: Option<(Range<usize>, usize, usize)> = None;
    let flush = |c: Option<(Range<usize>, usize, usize)>, out: &mut Vec<Range<usize>>| {
        if let Some((r, figures, percents)) = c {
            // A group is a figure and a part of it (a figure or a share):
            // counted first, the cue search is the dearer test.
            if figures >= 1
                && figures + percents >= 2
                && lex
                    .cue_pattern
                    .as_ref()
                    .is_none_or(|p| p.is_match(&b[r.clone()]))
            {
                out.push(r);
            }
        }
    };
    for m in mentions {
        let countable = matches!(
            m.mention.kind,
            Kind::Number | Kind::Quantity | Kind::Percent
        );
        if !countable {
            continue;
        }
        let figure = usize::from(is_figure(prose, m));
        let percent = usize::from(m.mention.kind == Kind::Percent);
        let at = m.mention.span.start;
        match &mut current {
            Some((r, f, p)) if r.contains(&at) => {
                *f += figure;
                *p += percent;
            }
            _ => {
                flush(current.take(), &mut out);
                current = Some((paragraph(at), figure, percent));
            }
        }
    }
    flush(current, &mut out);
    out
}

/// `cue` without its trailing " the"s ("of the" → "of"), as
/// `trim_end_matches(" the")` gives it without building a searcher per call.
fn without_the(cue: &str) -> &str {
    let mut t = cue;
    while let Some(s) = t.strip_suffix(" the") {
        t = s;
    }
    t
}

/// A count or measure: a bare number or a quantity, not a vague count
/// ("several films"), a percentage, a year ("1947") or a date.
pub fn is_figure(prose: &str, m: &Resolved) -> bool {
    let vague = matches!(
        &m.mention.expr,
        Expr::Number(a) | Expr::Quantity { amount: a, .. } if a.vague
    );
    let text = prose.get(m.mention.span.clone()).unwrap_or("");
    let year_like = m.mention.kind == Kind::Number
        && text.len() == 4
        && text.bytes().all(|b| b.is_ascii_digit())
        && (1000..=2200).contains(&text.parse::<u32>().unwrap_or(0));
    let countable = match &m.value {
        Value::Number { .. } => true,
        Value::Quantity(q) => q.dimension != Dimension::Percent,
        _ => false,
    };
    matches!(m.mention.kind, Kind::Number | Kind::Quantity) && !vague && !year_like && countable
}

/// How far around a figure the reading looks, in bytes.
const WINDOW: usize = 64;

struct Reader<'a> {
    prose: &'a str,
    mentions: &'a [Resolved],
    lex: &'a ReadingLexicon,
    r: &'a Reading,
    /// `before` and `after` of each mention, made once.
    befores: Vec<std::cell::OnceCell<String>>,
    afters: Vec<std::cell::OnceCell<String>>,
}

/// Marks that end a segment of a sentence.
fn is_segment_mark(c: char) -> bool {
    matches!(c, ',' | ';' | ':' | '(' | ')' | '\u{2014}' | '\u{2013}')
}

impl Reader<'_> {
    fn span(&self, i: usize) -> Range<usize> {
        self.mentions[i].mention.span.clone()
    }

    fn sentence(&self, i: usize) -> Range<usize> {
        self.r.sentences[self.r.sentence_of[i]].clone()
    }

    /// Sentence `b` comes right after sentence `a` in one paragraph.
    fn follows(&self, a: usize, b: usize) -> bool {
        a != UNREAD
            && a + 1 == b
            && self.r.sentences.get(b).is_some_and(|sb| {
                let sa = &self.r.sentences[a];
                !self
                    .prose
                    .get(sa.end..sb.start)
                    .is_none_or(|gap| memchr::memmem::find(gap.as_bytes(), b"\n\n").is_some())
            })
    }

    /// Lower-cased prose of `a..b`, line breaks read as spaces. A stretch longer
    /// than any cue reads as one mark that matches nothing ("\u{1}"): the
    /// reading only ever looks a few words around a figure.
    fn low(&self, a: usize, b: usize) -> String {
        if b.saturating_sub(a) > 2 * WINDOW {
            return "\u{1}".to_string();
        }
        let raw = self.prose.get(a..b).unwrap_or("");
        if raw.is_ascii() {
            // One pass that a compiler can vectorise: lower case, breaks to spaces.
            let bytes: Vec<u8> = raw
                .bytes()
                .map(|c| match c {
                    b'\n' | b'\r' => b' ',
                    c => c.to_ascii_lowercase(),
                })
                .collect();
            return String::from_utf8(bytes).unwrap_or_default();
        }
        let mut t = raw.to_lowercase();
        if t.contains(['\n', '\r', '\u{a0}']) {
            t = t.replace(['\n', '\r', '\u{a0}'], " ");
        }
        t
    }

    /// The sentence before mention `i` (its last `WINDOW` bytes, after a
    /// "\u{1}" mark when cut), lower case, trimmed at the end.
    fn before(&self, i: usize) -> &str {
        self.befores[i].get_or_init(|| self.before_uncached(i))
    }

    /// Where the text read before mention `i` starts: its sentence's start,
    /// or `WINDOW` bytes back.
    fn before_start(&self, i: usize) -> usize {
        let s = self.sentence(i);
        let end = self.span(i).start;
        let mut from = s.start.min(end).max(end.saturating_sub(WINDOW));
        while !self.prose.is_char_boundary(from) {
            from += 1;
        }
        from
    }

    fn before_uncached(&self, i: usize) -> String {
        let end = self.span(i).start;
        let from = self.before_start(i);
        let cut = from > self.sentence(i).start;
        // Trimmed and marked in place: one allocation per mention.
        let mut t = self.low(from, end);
        t.truncate(t.trim_end().len());
        if cut {
            t.insert(0, '\u{1}');
        }
        t
    }

    /// The sentence after mention `i` (its first `WINDOW` bytes), lower case,
    /// trimmed at the start.
    fn after(&self, i: usize) -> &str {
        self.afters[i].get_or_init(|| self.after_uncached(i))
    }

    fn after_uncached(&self, i: usize) -> String {
        let s = self.sentence(i);
        let start = self.span(i).end;
        let mut to = s.end.max(start).min(start + WINDOW);
        while !self.prose.is_char_boundary(to) {
            to -= 1;
        }
        let mut t = self.low(start, to);
        t.drain(..t.len() - t.trim_start().len());
        t
    }

    /// The words right after a figure, up to a mark or a word that is no noun.
    fn counted(&self, i: usize) -> (Option<String>, usize) {
        if let Value::Quantity(q) = &self.mentions[i].value {
            // The noun is inside the mention ("46 works"); a verb read as one
            // ("14 lent by collectors") leaves the noun unwritten.
            let unit = q.unit.to_lowercase();
            let verb = q.dimension == Dimension::Count && self.verb_like(&unit);
            return (if verb { None } else { Some(unit) }, 0);
        }
        let after = self.after(i);
        let mut head = None;
        let mut words = 0;
        for w in after.split(' ') {
            let w = w.trim_matches(|c: char| c == '"' || c == '\u{201d}');
            if w.is_empty() {
                break;
            }
            let bare = w.trim_end_matches(|c: char| !c.is_alphanumeric());
            let ends_segment = bare.len() < w.len();
            if bare.is_empty()
                || !bare
                    .chars()
                    .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
                || self.lex.not_nouns.contains(bare)
                || (words == 0 && self.verb_like(bare))
            {
                break;
            }
            head = Some(bare.to_string());
            words += 1;
            if ends_segment || words == 3 {
                break;
            }
        }
        (head, words)
    }

    /// A word right after a figure that is its verb, not its noun: a listed verb
    /// form, or an unlisted "-ed" past ("310 reopened", "27,120 finished").
    fn verb_like(&self, word: &str) -> bool {
        !self.lex.kinds.contains_key(word)
            && (!self.lex.verb(word).is_empty() || (word.len() > 4 && word.ends_with("ed")))
    }

    fn figure(&self, i: usize) -> Option<Figure> {
        if self.r.sentence_of[i] == UNREAD || !is_figure(self.prose, &self.mentions[i]) {
            return None;
        }
        let (counted, _) = self.counted(i);
        let kind = counted
            .as_deref()
            .and_then(|c| self.lex.kinds.get(c).cloned());
        Some(Figure {
            mention: i,
            counted,
            kind,
        })
    }

    fn fig(&self, i: usize) -> Option<&Figure> {
        self.r.figures.get(i).and_then(Option::as_ref)
    }

    /// The text between mentions `a` and `b`, lower case, trimmed.
    fn between(&self, a: usize, b: usize) -> String {
        self.low(self.span(a).end, self.span(b).start)
            .trim()
            .to_string()
    }

    /// The start of the segment that holds mention `i`: "Of the assembly's 150 members".
    fn segment_lead(&self, i: usize) -> String {
        let before = self.before(i);
        let cut = before
            .char_indices()
            .rev()
            .find(|(_, c)| is_segment_mark(*c))
            .map_or(0, |(k, c)| k + c.len_utf8());
        before[cut..].trim().to_string()
    }

    /// "of the", "of the assembly's", "out of": the lead of a whole.
    fn whole_lead(&self, lead: &str) -> bool {
        let lead = lead.trim_start_matches(['"', '\u{201c}']);
        self.lex.cues.whole_before.iter().any(|c| {
            lead == c
                || lead
                    .strip_prefix(c.as_str())
                    .is_some_and(|rest| possessive(rest.trim()))
        }) || self
            .lex
            .cues
            .whole_before
            .iter()
            .any(|c| lead == without_the(c))
    }

    /// Two figures can be part and whole: nouns of one kind, or one unwritten.
    fn compatible(&self, a: usize, b: usize) -> bool {
        let (Some(fa), Some(fb)) = (self.fig(a), self.fig(b)) else {
            return false;
        };
        // A measure (money, length) is part only of a measure of its dimension:
        // "60 mln dlrs of 6-3/4 pct notes", "38 … around 12 dlrs".
        let dim = |k: usize| match &self.mentions[k].value {
            Value::Quantity(q) if q.dimension != Dimension::Count => Some(q.dimension),
            _ => None,
        };
        if dim(a) != dim(b) {
            return false;
        }
        match (&fa.counted, &fb.counted) {
            (Some(x), Some(y)) if x == y || singular(x) == singular(y) => true,
            (Some(_), Some(_)) => fa.kind.is_some() && fa.kind == fb.kind,
            _ => true,
        }
    }

    /// A figure that starts a new item of a list: after a comma, semicolon or
    /// "and" ("79 voted in favour, 68 against and 13 abstained"), not after
    /// "compared with" or "from"; or led by its verb after one ("won 18, drew
    /// seven and lost four", "…, drawing seven and losing four").
    fn list_item(&self, i: usize) -> bool {
        let before = self.before(i);
        let b = before.trim_end();
        if let Some((lead, verb)) = b.rsplit_once(' ') {
            let lead = lead.trim_end();
            let marked = lead.ends_with(',') || lead.ends_with(';') || lead.ends_with(" and");
            if marked && !self.lex.verb(verb).is_empty() {
                return true;
            }
        }
        b.ends_with(',')
            || b.ends_with(';')
            || b.ends_with(" and")
            || b.ends_with(", while")
            || b.ends_with(" while")
            || b.ends_with(" but")
            || self.named_item(i)
    }

    /// "Reform took 30, Labour 19 and the Greens 21": a name and its figure
    /// after a comma or "and", the verb of the first part understood. The name
    /// is one to three capitalised words, after "the" or not.
    fn named_item(&self, i: usize) -> bool {
        let raw = self.prose[self.before_start(i)..self.span(i).start].trim_end();
        let mut rest = raw;
        let mut names = 0;
        while let Some((lead, word)) = rest.rsplit_once(char::is_whitespace) {
            let capitalised = word.starts_with(|c: char| c.is_uppercase())
                && word
                    .chars()
                    .all(|c| c.is_alphabetic() || c == '-' || c == '.');
            if !capitalised {
                break;
            }
            names += 1;
            rest = lead.trim_end();
            if names == 3 {
                break;
            }
        }
        if names == 0 {
            return false;
        }
        let rest = rest
            .strip_suffix(" the")
            .or_else(|| rest.strip_suffix("\nthe"))
            .map_or(rest, str::trim_end);
        rest.ends_with(',') || rest.ends_with(';') || rest.ends_with(" and")
    }

    /// Each of `parts` is led by a verb, and their lemmas are one of the
    /// lexicon's `exhaustive-results` sets, all of it ("won", "drew", "lost").
    fn results_exhaust(&self, parts: &[usize]) -> bool {
        if parts.len() < 2 {
            return false;
        }
        let lemmas: Vec<Option<&str>> = parts
            .iter()
            .map(|&p| {
                let before = self.before(p);
                let verb = before.trim_end().rsplit(' ').next().unwrap_or("");
                self.lex.verb(verb).iter().map(|s| s.lemma.as_str()).next()
            })
            .collect();
        self.lex.exhaustive_results.iter().any(|set| {
            set.len() == parts.len()
                && set
                    .iter()
                    .all(|l| lemmas.iter().filter(|x| **x == Some(l.as_str())).count() == 1)
        })
    }

    /// Two amounts of one measure in one unit: money in one currency, lengths
    /// in one unit (not counts, whose nouns tell what is counted).
    fn same_measure(&self, a: usize, b: usize) -> bool {
        match (&self.mentions[a].value, &self.mentions[b].value) {
            (Value::Quantity(x), Value::Quantity(y)) => {
                x.dimension != Dimension::Count
                    && x.dimension == y.dimension
                    && x.unit == y.unit
                    && x.currency == y.currency
            }
            _ => false,
        }
    }

    /// A part's noun left unwritten ("79 voted", "five were in …").
    fn elided(&self, p: usize) -> bool {
        self.fig(p).is_some_and(|f| f.counted.is_none())
    }

    fn ends_with_cue(text: &str, cues: &[String]) -> bool {
        cues.iter().any(|c| {
            text.ends_with(c.as_str())
                && text[..text.len() - c.len()]
                    .chars()
                    .last()
                    .is_none_or(|ch| !ch.is_alphanumeric())
        })
    }

    fn starts_with_cue(text: &str, cues: &[String]) -> bool {
        cues.iter().any(|c| {
            text.starts_with(c.as_str())
                && text[c.len()..]
                    .chars()
                    .next()
                    .is_none_or(|ch| !ch.is_alphanumeric())
        })
    }

    /// Mention `i` is followed by "in all" (after its noun).
    fn whole_after(&self, i: usize) -> bool {
        let (_, words) = self.counted(i);
        let after = self.after(i);
        // The text after the figure's own noun words.
        let rest = after
            .match_indices(' ')
            .nth(words.saturating_sub(1))
            .map_or(if words == 0 { after } else { "" }, |(k, _)| {
                &after[k + 1..]
            });
        Self::starts_with_cue(rest, &self.lex.cues.whole_after)
    }

    fn groups(&self) -> Vec<PartWhole> {
        let n = self.mentions.len();
        let mut groups: Vec<PartWhole> = Vec::new();
        // The group still open for more parts, and the sentence it was last added to.
        let mut open: Option<(usize, usize)> = None;
        let mut last_whole: Option<usize> = None;
        for i in 0..n {
            let kind = self.mentions[i].mention.kind;
            if kind == Kind::Percent {
                if self.r.sentence_of[i] != UNREAD {
                    self.share(i, &mut groups, open.map(|(g, _)| g));
                }
                continue;
            }
            if self.fig(i).is_none() {
                continue;
            }
            let sent = self.r.sentence_of[i];
            if open.is_some_and(|(_, s)| s != sent && !self.follows(s, sent)) {
                open = None;
            }
            let before = self.before(i);
            let lead = self.segment_lead(i);
            let cues = &self.lex.cues;
            // "the other 48": what is left of the group.
            let before_marks = before.trim_end_matches(['(', ',', ':', '\u{2014}', ' ']);
            if Self::ends_with_cue(before_marks, &cues.remainder_before) {
                if let Some((g, _)) = open {
                    if self.compatible(groups[g].whole, i) {
                        groups[g].remainder = Some(i);
                        open = None;
                        continue;
                    }
                }
            }
            // "including 64": a part of the figure before it.
            if Self::ends_with_cue(before, &cues.part_before) {
                if let Some(w) = (0..i).rev().find(|&k| self.fig(k).is_some()) {
                    let named = self.fig(w).is_some_and(|f| f.counted.is_some());
                    if self.r.same_sentence(w, i) && named && self.compatible(w, i) {
                        let g = self.group_of(&mut groups, w);
                        if !groups[g].parts.contains(&i) {
                            groups[g].parts.push(i);
                        }
                        // A part of a part is not a sibling of the others.
                        open = None;
                        continue;
                    }
                }
            }
            // "Seven of them": a part of the whole last named, here or in the sentence before.
            let after = self.after(i);
            // "300 mln dlrs of which 250 mln …": after a figure with its own noun,
            // "of which" opens a clause about that figure; "seven of them" is partitive.
            if Self::starts_with_cue(after, &cues.part_after) && self.elided(i) {
                // What "them" points back to, nearest first: a count of people or
                // places in this sentence ("about 100,000 people …, and an estimated
                // 20,000 of those"), the whole last named in it, a part or the rest
                // of a group in it ("The other 45 …, and 11 of them"), the whole of
                // the sentence before. "one in 50 of those" is a ratio, not a part.
                let here = |k: &usize| self.r.sentence_of[*k] == sent && *k < i;
                let ratio = i.checked_sub(1).is_some_and(|k| {
                    self.fig(k).is_some()
                        && matches!(self.between(k, i).as_str(), "in" | "per" | "out of every")
                });
                let antecedent = (0..i)
                    .rev()
                    .filter(here)
                    .find(|&k| self.fig(k).is_some_and(|f| f.kind.is_some()))
                    .or(last_whole.filter(here))
                    .or((0..i).rev().filter(here).find(|&k| {
                        groups
                            .iter()
                            .any(|g| g.parts.contains(&k) || g.remainder == Some(k))
                    }))
                    .or((0..i)
                        .rev()
                        .filter(here)
                        .find(|&k| self.fig(k).is_some_and(|f| f.counted.is_some())))
                    .or(last_whole.filter(|&w| self.follows(self.r.sentence_of[w], sent)))
                    .filter(|_| !ratio);
                // "Of the 196 starters, 181 finished and 15 retired, most of them
                // at the top checkpoint, where rescuers walked three of them
                // down": after a list closed by "and", "them" is its last part.
                let closed_list = open.is_some_and(|(g, s)| {
                    s == sent
                        && Some(groups[g].whole) == antecedent
                        && groups[g]
                            .parts
                            .last()
                            .is_some_and(|&p| self.before(p).ends_with(" and"))
                });
                if closed_list {
                    open = None;
                    continue;
                }
                if let Some(w) = antecedent {
                    // A new partition of the whole, unless this one is still being told.
                    let g = match open {
                        Some((g, _)) if groups[g].whole == w => g,
                        _ => {
                            groups.push(PartWhole {
                                whole: w,
                                ..PartWhole::default()
                            });
                            groups.len() - 1
                        }
                    };
                    groups[g].parts.push(i);
                    open = Some((g, sent));
                    continue;
                }
            }
            // "41 of the 160 areas": the figure before is a part of this one.
            if let Some(p) = i.checked_sub(1).filter(|&p| self.fig(p).is_some()) {
                let link = self.between(p, i);
                if self.r.same_sentence(p, i)
                    && (link == "of"
                        || self.lex.cues.whole_before.contains(&link)
                        || self.lex.cues.whole_before.iter().any(|c| {
                            link.strip_prefix(c.as_str())
                                .is_some_and(|r| possessive(r.trim()))
                        }))
                    && self.compatible(p, i)
                    && self.fig(i).is_some_and(|f| f.counted.is_some())
                {
                    let g = self.group_of(&mut groups, i);
                    if groups[g].parts.is_empty() {
                        groups[g].how = Tie::Of;
                    }
                    // "380,000 of the 412,000": the part may have been taken for a plain figure.
                    if !groups[g].parts.contains(&p) {
                        groups[g].parts.push(p);
                    }
                    last_whole = Some(i);
                    open = None;
                    continue;
                }
            }
            // "52 people, 43 passengers and nine crew": a whole and its breakdown.
            if let Some(parts) = self.breakdown(i) {
                let g = self.group_of(&mut groups, i);
                groups[g].how = Tie::Breakdown;
                for p in parts {
                    if !groups[g].parts.contains(&p) {
                        groups[g].parts.push(p);
                    }
                }
                last_whole = Some(i);
                open = None;
                continue;
            }
            if groups
                .iter()
                .any(|g| g.whole < i && g.parts.contains(&i) && g.remainder.is_none())
            {
                continue;
            }
            // "A total of 421 patients were randomized; 206 received …": a whole
            // shared out, whose parts are told next.
            if let Some(parts) = self.split_parts(i) {
                let g = self.group_of(&mut groups, i);
                groups[g].how = Tie::Split;
                groups[g].parts = parts;
                last_whole = Some(i);
                open = None;
                continue;
            }
            // "Of the assembly's 150 members, …": a whole that opens its sentence.
            let opens = lead.len() < before.len() + 1
                && self.whole_lead(&lead)
                && before.trim_start_matches(['"', '\u{201c}'])
                    == lead.trim_start_matches(['"', '\u{201c}']);
            if opens {
                let g = self.group_of(&mut groups, i);
                last_whole = Some(i);
                open = Some((g, sent));
                continue;
            }
            // "a total of 421 patients", "11 deaths in all".
            if Self::ends_with_cue(before, &cues.whole_lead) || self.whole_after(i) {
                last_whole = Some(i);
                open = None;
                continue;
            }
            // The first part led by its verb after the whole's comma: "Of their
            // 30 games, they won 18, drew seven …" (at most a subject between).
            if let Some((g, s_)) = open {
                if s_ == sent && groups[g].parts.is_empty() && self.elided(i) {
                    // The whole's own words may run on to the comma ("34 league games,").
                    let between = self.between(groups[g].whole, i);
                    let (head, tail) = between.split_once(',').unwrap_or(("-", ""));
                    let words: Vec<&str> = tail.split_whitespace().collect();
                    let led = head.split_whitespace().count() <= 2
                        && !head.contains(|c: char| c.is_ascii_digit())
                        && (1..=3).contains(&words.len())
                        && words.last().is_some_and(|w| !self.lex.verb(w).is_empty());
                    if led && self.compatible(groups[g].whole, i) {
                        groups[g].parts.push(i);
                        continue;
                    }
                }
            }
            // Another part of the open group: "…, 68 against and 13 abstained".
            // A measure's part repeats its unit ("Of the £4.2bn, £3bn will go
            // to schools …"): it counts as unwritten beside a whole in that unit.
            if let Some((g, s)) = open {
                let unwritten = self.elided(i) || self.same_measure(groups[g].whole, i);
                if s == sent
                    && unwritten
                    && self.list_item(i)
                    && self.compatible(groups[g].whole, i)
                {
                    groups[g].parts.push(i);
                    continue;
                }
                if s == sent && !unwritten {
                    open = None;
                }
            }
            if self.fig(i).is_some_and(|f| f.kind.is_some()) {
                last_whole = Some(i);
            }
        }
        groups.retain(|g| {
            (!g.parts.is_empty() || g.remainder.is_some() || !g.shares.is_empty())
                && self.can_be_whole(g.whole)
        });
        // "they won 18, drew seven and lost four": every result told makes up the whole.
        for g in &mut groups {
            if g.how == Tie::Stated && g.remainder.is_none() && self.results_exhaust(&g.parts) {
                g.how = Tie::Split;
            }
        }
        groups
    }

    /// A whole of things counted is a whole number of at least two ("1.15 …
    /// including 200,000 bpd" reads "1.15 mln"; "two-for-one stock split,
    /// including 800,000" has no whole). A measure ("2,000 hectares") may be any.
    fn can_be_whole(&self, w: usize) -> bool {
        let exact = match &self.mentions[w].value {
            Value::Number { exact, .. } => *exact,
            Value::Quantity(q) if q.dimension == Dimension::Count => q.exact,
            Value::Quantity(_) => return true,
            _ => return false,
        };
        let hyphenated =
            self.span(w).start > 0 && self.prose.as_bytes()[self.span(w).start - 1] == b'-';
        exact.fract() == 0.0 && exact >= 2.0 && !hyphenated
    }

    /// "52 people, 43 passengers and nine crew": figures set after a figure by a
    /// comma and closed by "and", each with its own noun, of one kind with it.
    fn breakdown(&self, w: usize) -> Option<Vec<usize>> {
        let fw = self.fig(w)?;
        let whole_noun = fw.counted.as_ref()?;
        // "3km, 5km and 10km", "£3m, £4m and £5m" are lists, not a breakdown.
        fw.kind.as_ref()?;
        let mut parts = Vec::new();
        let mut prev = w;
        for k in w + 1..self.mentions.len() {
            if self.fig(k).is_none() || !self.r.same_sentence(w, k) {
                break;
            }
            let link = self.between(prev, k);
            let first = parts.is_empty();
            let ok = if first {
                link == "," || link == "\u{2014}" || link == "("
            } else {
                matches!(link.as_str(), "," | "and" | ", and")
            };
            let same_noun = self
                .fig(k)
                .and_then(|f| f.counted.as_ref())
                .is_some_and(|n| singular(n) == singular(whole_noun));
            if !ok || self.elided(k) || same_noun || !self.compatible(w, k) {
                break;
            }
            parts.push(k);
            prev = k;
            if link.ends_with("and") {
                return (parts.len() >= 2).then_some(parts);
            }
        }
        None
    }

    /// The parts of a whole shared out ("A total of 421 patients were randomized
    /// 1:1; 206 received the drug and 215 received placebo"): after the whole's
    /// own clause (a semicolon, a colon and a space, or the end of its
    /// sentence), a closed list of figures whose noun is left unwritten, the
    /// first opening the clause or sentence, the others after a comma or "and",
    /// the last after "and". Any other figure in the way, or a list left open,
    /// and nothing is read: a part missed would make the sum fall short.
    fn split_parts(&self, w: usize) -> Option<Vec<usize>> {
        if self.fig(w).is_none_or(|f| f.counted.is_none())
            || !Self::starts_with_cue(self.after(w), &self.lex.cues.whole_split)
        {
            return None;
        }
        let sent = self.r.sentence_of[w];
        let mut parts: Vec<usize> = Vec::new();
        for k in w + 1..self.mentions.len() {
            let ks = self.r.sentence_of[k];
            if ks != sent && !self.follows(sent, ks) {
                return None;
            }
            if self.fig(k).is_none() {
                if self.mentions[k].mention.kind == Kind::Percent {
                    continue;
                }
                if parts.is_empty() {
                    continue;
                }
                return None;
            }
            let before = self.before(k);
            if parts.is_empty() {
                // Figures in the whole's own clause ("randomized 1:1", "into
                // three houses") are not parts.
                let gap = self.prose.get(self.span(w).end..self.span(k).start)?;
                let clause_ended =
                    ks != sent || gap.contains(';') || gap.contains(": ") || gap.contains(":\n");
                if !clause_ended {
                    continue;
                }
                let opens = before.is_empty() || before.ends_with(';') || before.ends_with(':');
                if !opens || !self.elided(k) || !self.compatible(w, k) {
                    return None;
                }
                parts.push(k);
                continue;
            }
            let b = before.trim_end();
            let last = b.ends_with(" and") || b.ends_with(", and");
            if ks != self.r.sentence_of[parts[0]]
                || !(last || b.ends_with(','))
                || !self.elided(k)
                || !self.compatible(w, k)
            {
                return None;
            }
            parts.push(k);
            if last {
                return (parts.len() >= 2).then_some(parts);
            }
        }
        None
    }

    /// The group whose whole is `w`, made when missing.
    fn group_of(&self, groups: &mut Vec<PartWhole>, w: usize) -> usize {
        if let Some(g) = groups.iter().position(|g| g.whole == w) {
            return g;
        }
        groups.push(PartWhole {
            whole: w,
            ..PartWhole::default()
        });
        groups.len() - 1
    }

    /// A percentage beside a part: "9,800 (about 60%)", "27,120 finished, a
    /// completion rate of 85.5%", "380,000 of the 412,000 homes …, about 72 per
    /// cent", "79 votes, 63 per cent of the 150-seat chamber".
    fn share(&self, pc: usize, groups: &mut Vec<PartWhole>, open: Option<usize>) {
        let Some(p) = (0..pc).rev().find(|&k| self.fig(k).is_some()) else {
            return;
        };
        if !self.r.same_sentence(p, pc) {
            return;
        }
        let link = self.low(self.span(p).end, self.span(pc).start);
        let after = self.after(pc);
        // "63 per cent of the 150-seat chamber", "cut 1,200 jobs, or 15% of its
        // 6,000 staff": the whole follows, the share set off after the part.
        if let Some(w) = (pc + 1 < self.mentions.len()).then_some(pc + 1) {
            let between = self.between(pc, w);
            // The share is set off right after the part, or after a phrase
            // that only places or times it ("1,800 jobs in Germany by the end
            // of 2027, or 15% of its 12,000 staff"): no verb, no other figure.
            let (placed, tail) = link.trim().rsplit_once(',').unwrap_or(("", link.trim()));
            let tail = format!(",{tail}");
            let placed_words: Vec<&str> = placed
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .collect();
            // A verb's form after an article is a noun ("by the end of").
            let verb_at = |k: usize| {
                let after_article =
                    k > 0 && matches!(placed_words[k - 1], "the" | "a" | "an" | "its" | "their");
                !after_article && !self.lex.verb(placed_words[k]).is_empty()
            };
            let placing = placed_words.len() <= 8
                && !placed.contains([';', '(', ')'])
                && !(0..placed_words.len()).any(verb_at);
            let set_off = placing
                && self
                    .lex
                    .cues
                    .share_links
                    .iter()
                    .any(|l| tail.trim() == l.trim());
            if self.fig(w).is_some()
                && self.r.same_sentence(pc, w)
                && matches!(between.as_str(), "of the" | "of" | "of its" | "of their")
                && set_off
            {
                let g = self.group_of(groups, w);
                groups[g].shares.push((p, pc));
                return;
            }
        }
        // Otherwise the part is a part of a group already read.
        let Some(g) = groups
            .iter()
            .position(|g| g.parts.contains(&p) || g.whole == p)
            .or(open)
        else {
            return;
        };
        let part = if groups[g].whole == p {
            // "380,000 of the 412,000 homes …, about 72 per cent": the share of the group's part.
            match groups[g].parts.as_slice() {
                [only] => *only,
                _ => return,
            }
        } else {
            p
        };
        // The share sits right after the figure's own words, set off by a link.
        let link_words = link.trim();
        let cut = link_words
            .char_indices()
            .rev()
            .find(|(_, c)| is_segment_mark(*c))
            .map(|(k, _)| k);
        let Some(cut) = cut else { return };
        let tail = link_words[cut..].trim();
        let linked = self
            .lex
            .cues
            .share_links
            .iter()
            .any(|l| tail == l.as_str() || tail == l.trim());
        let closes = tail.ends_with('(')
            || after.is_empty()
            || after.starts_with([',', ')', ';', '.', '\u{2014}'])
            || after.starts_with("and ")
            || after.starts_with("are ")
            || after.starts_with("were ");
        if linked && closes && !link_words[..cut].contains([';', '(']) {
            groups[g].shares.push((part, pc));
        }
    }
}

/// "assembly's", "county's", "company's": a possessive before the whole.
fn possessive(rest: &str) -> bool {
    let words: Vec<&str> = rest.split(' ').filter(|w| !w.is_empty()).collect();
    matches!(words.as_slice(), [w] if w.ends_with("'s") || w.ends_with("\u{2019}s") || w.ends_with("s'"))
}

/// "homes" → "home": enough to match a noun with its plural.
fn singular(w: &str) -> &str {
    w.strip_suffix("es")
        .filter(|s| s.ends_with(['s', 'x', 'h']))
        .or_else(|| w.strip_suffix('s'))
        .unwrap_or(w)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::DEFAULT;
    use crate::source::{Document, Format};

    fn read(text: &str) -> (Document, Vec<Resolved>, Reading) {
        let doc = Document::from_text("t.txt", text.to_string(), Format::Text);
        let (_, mentions) =
            crate::resolve::run(&doc, &DEFAULT, &crate::extract::Options::default(), None);
        let r = Reading::of(&doc.prose, &mentions);
        (doc, mentions, r)
    }

    /// The groups as written text: (whole, [parts], remainder, [(part, share)]).
    fn groups(text: &str) -> Vec<(String, Vec<String>, Option<String>, Vec<(String, String)>)> {
        let (doc, m, r) = read(text);
        let t = |i: usize| doc.text[m[i].mention.span.clone()].to_string();
        r.groups
            .iter()
            .map(|g| {
                (
                    t(g.whole),
                    g.parts.iter().map(|&p| t(p)).collect(),
                    g.remainder.map(t),
                    g.shares.iter().map(|&(a, b)| (t(a), t(b))).collect(),
                )
            })
            .collect()
    }

    #[test]
    fn a_whole_that_opens_the_sentence_and_elided_parts() {
        let g = groups(
            "Of the assembly's 150 members, 79 voted in favour, 68 against and 13 abstained.",
        );
        assert_eq!(g.len(), 1, "{g:?}");
        assert_eq!(g[0].0, "150 members");
        assert_eq!(g[0].1, ["79", "68", "13"]);
    }

    #[test]
    fn parts_of_an_amount_of_money_repeat_its_unit() {
        let g =
            groups("Of the £4.2bn, £3bn will go to schools and the remaining £2.2bn to hospitals.");
        assert_eq!(g.len(), 1, "{g:?}");
        assert_eq!(
            (g[0].0.as_str(), g[0].1.as_slice()),
            ("£4.2bn", &["£3bn".to_string()][..])
        );
        assert_eq!(g[0].2.as_deref(), Some("£2.2bn"));
        // Another currency is no part of it.
        let g = groups("Of the £4.2bn, $3bn will go to schools.");
        assert!(g.is_empty(), "{g:?}");
    }

    #[test]
    fn parts_told_by_name_after_a_verb_led_first_part() {
        let g = groups(
            "Of the 64 seats contested, Reform took 36, Labour 15 and the Liberal Democrats 9.",
        );
        assert_eq!(g.len(), 1, "{g:?}");
        assert_eq!(g[0].1, ["36", "15", "9"]);
        // A name with no comma or "and" before it is no item of the list.
        let g = groups("Of the 64 seats contested, Reform took 36 in Fenmoor 15 years ago.");
        assert!(g.iter().all(|g| g.1.len() == 1), "{g:?}");
    }

    #[test]
    fn results_led_by_their_verbs_make_up_the_whole() {
        let (_, _, r) = read("Of their 30 games, they won 18, drew seven and lost four.");
        assert_eq!(r.groups.len(), 1, "{:?}", r.groups);
        assert_eq!(r.groups[0].parts.len(), 3, "{:?}", r.groups);
        assert_eq!(r.groups[0].how, Tie::Split, "{:?}", r.groups);
        // Two results of three: others may be untold.
        let (_, _, r) = read("Of their 30 games, they won 18 and lost four.");
        assert!(
            r.groups.iter().all(|g| g.how != Tie::Split),
            "{:?}",
            r.groups
        );
    }

    #[test]
    fn parts_told_in_the_next_sentence() {
        let g = groups(
            "Officials confirmed 11 deaths in all by Saturday. Seven of them were in Calder County; \
             five were in Marlin County and one was in Ostrander County.",
        );
        assert_eq!(g.len(), 1, "{g:?}");
        assert_eq!(g[0].1.len(), 3, "{g:?}");
    }

    #[test]
    fn a_hard_wrapped_sentence_reads_the_same() {
        let flat = "Of the 12,400 people evacuated from the valleys, 9,800 (about 79%) are staying in shelters.";
        let wrapped = "Of the 12,400 people evacuated from the\nvalleys, 9,800 (about 79%) are staying in shelters.";
        assert_eq!(groups(flat), groups(wrapped));
        assert_eq!(groups(flat)[0].3.len(), 1, "{:?}", groups(flat));
    }

    #[test]
    fn shares_beside_a_part() {
        let g = groups(
            "Power was restored to 380,000 of the 412,000 homes that lost it, about 92 per cent.",
        );
        assert_eq!(g[0].1, ["380,000"], "{g:?}");
        assert_eq!(g[0].3.len(), 1, "{g:?}");
        let g =
            groups("The coalition's 79 votes, 53 per cent of the 150-seat chamber, were enough.");
        assert_eq!(g.len(), 1, "{g:?}");
        assert_eq!(g[0].3.len(), 1, "{g:?}");
        let g = groups("The company will cut 1,800 jobs in Germany by the end of 2027, or 15% of its 12,000 staff.");
        assert_eq!(g.len(), 1, "{g:?}");
        assert_eq!(g[0].3.len(), 1, "{g:?}");
        // A verb between: the share is of something else.
        let g = groups("The company cut 1,800 jobs after sales fell, or 15% of its 12,000 staff.");
        assert!(g.iter().all(|g| g.3.is_empty()), "{g:?}");
        let g = groups("The company cut 1,200 jobs, or 15% of its 6,000 staff.");
        assert_eq!(g.len(), 1, "{g:?}");
        assert_eq!(g[0].0, "6,000 staff", "{g:?}");
        assert_eq!(
            g[0].3,
            [("1,200 jobs".to_string(), "15%".to_string())],
            "{g:?}"
        );
    }

    #[test]
    fn including_and_the_rest() {
        let g =
            groups("The show brings together 46 works, including 14 lent by private collectors.");
        assert_eq!(g[0].1, ["14 lent"], "{g:?}");
        let g =
            groups("The ferry carried 55 people. Seven of them died. The other 48 were rescued.");
        assert_eq!(g[0].2.as_deref(), Some("48"), "{g:?}");
    }

    #[test]
    fn a_breakdown_and_what_them_points_back_to() {
        let g = groups(
            "It was carrying 52 people, 43 passengers and nine crew. Seven of them died. \
             The other 45 were rescued by two fishing boats, and 11 of them were taken to hospital.",
        );
        assert_eq!(g[0].0, "52 people", "{g:?}");
        assert_eq!(g[0].1, ["43 passengers", "nine crew"], "{g:?}");
        assert_eq!(
            (g[1].1.as_slice(), g[1].2.as_deref()),
            (&["Seven".to_string()][..], Some("45")),
            "{g:?}"
        );
        assert_eq!(g[2].1, ["11"], "{g:?}");
    }

    #[test]
    fn them_after_a_closed_list_is_its_last_part() {
        let g = groups(
            "Of the 80 climbers, 62 reached the summit and 18 turned back, most of them at the \
             icefall, where guides helped four of them down.",
        );
        assert_eq!(g.len(), 1, "{g:?}");
        assert_eq!(g[0].1, ["62", "18"], "{g:?}");
    }

    #[test]
    fn them_points_back_within_its_paragraph() {
        let g = groups(
            "The deaths of seven people were avoidable.\n\nThe report makes 31 recommendations, 24 of them addressed to the operator.",
        );
        assert_eq!(g.len(), 1, "{g:?}");
        assert_eq!(
            (g[0].0.as_str(), g[0].1.as_slice()),
            ("31 recommendations", &["24".to_string()][..])
        );
    }

    #[test]
    fn unrelated_figures_stay_apart() {
        for t in [
            "Police arrested 37 people on Thursday and seized 12 cars.",
            "Of the 300 passengers, many were British.",
            "The team scored 21 points in the first half and 14 in the second.",
            "The firm is offering 60 mln dlrs of 6-3/4 pct convertible notes.",
            "She holds records at 3km, 5km and 10km.",
            "Bids of £3m, £4m and £5m were turned down.",
            "Only about one in 50 of those stopped had drunk too much.",
            "Of the 151 lenders, 25 were foreign-owned, compared with 143 a year ago.",
            "It pumped 1.4 mln bpd in May and 1.15 in June, both including 200,000 bpd for partners.",
            "Net income was 23.1 mln dlrs or 1.51 dlr a share, after a two-for-one split, including 800,000 sold by insiders.",
            "The bank will receive 135 mln dlrs and will be capitalised at 300 mln dlrs of which 250 mln will be paid at once.",
        ] {
            let g = groups(t);
            assert!(g.iter().all(|g| g.1.len() < 2), "{t}: {g:?}");
        }
    }
}
