//! The timeline: the chronology of a document set.
//!
//! In: the checked documents ([`DocView`]s, their mentions resolved), the
//! [`Finding`]s of `reckon check` over them, and what the events configuration
//! says ([`EventNames`]). Out: a [`Timeline`] — plain data that [`table`],
//! [`json`] and [`html`] render.
//!
//! An [`Entry`] is one day (or a short range: a weekend, a month, a season)
//! with what happened on it. It is built from date mentions:
//!
//! - a mention counts when it resolved to a span of at most
//!   [`MAX_RANGE_DAYS`] days; partial dates (`XXXX-08-06`, a bare "Monday" in
//!   an undated text) and years are left out, and so is a dateline (the date a
//!   text was written is not something that happened in it);
//! - mentions of the same days (and the same named event) merge into one entry,
//!   across documents; one sentence gives one source per day;
//! - the label is the clause the date stands in, without the date, shortened
//!   ([`label`]); when the events configuration names the event, its name;
//! - figures are the numbers, percentages and quantities of the same sentence;
//! - an entry is a conflict when a finding of `reckon check` touches one of its
//!   dates or figures (a cross-document finding does the same).
//!
//! Entries are sorted by first day, then last day, then label.

pub mod event;
pub mod html;
pub mod json;
pub mod label;
pub mod table;
pub mod vocab;
pub mod written;

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::Datelike;
use std::ops::Range;

use chrono::NaiveDate;

use crate::check::{CheckContext, DocView, Finding, Settings};
use crate::extract::{Kind, Options};
use crate::lexicon::Lexicon;
use crate::resolve::{self, Reference, Resolved, Value};
use crate::source::{Document, LineCursor};

/// The longest span of days an entry may cover (a season, 92 days).
pub const MAX_RANGE_DAYS: i64 = 92;

/// The chronology of a document set.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Timeline {
    /// The entries, in time order.
    pub entries: Vec<Entry>,
    /// Recurring schedules ("every Tuesday", "Monday through Thursday"): never dated entries.
    pub recurring: Vec<Recurring>,
}

/// A schedule that repeats: shown as recurring, not on the axis.
#[derive(Clone, Debug, PartialEq)]
pub struct Recurring {
    /// The schedule as written ("Monday through Thursday", "every Tuesday").
    pub when: String,
    /// What happens on it: the clause, as an entry's label.
    pub label: String,
    /// Where it is written.
    pub sources: Vec<Source>,
}

/// What happened on one day (or a short range of days).
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// First day.
    pub start: NaiveDate,
    /// Last day (the same as `start` for a single day).
    pub end: NaiveDate,
    /// A short readable label: the event's name, or the clause of the first source.
    pub label: String,
    /// The event's name from the events configuration, when it names one.
    pub event: Option<String>,
    /// Written as a range of two dates ("from April 8 to April 22"): drawn as a span.
    pub range: bool,
    /// Where the date is written: one per document sentence.
    pub sources: Vec<Source>,
    /// Numbers and quantities written in the sources' sentences.
    pub figures: Vec<Figure>,
    /// The findings that touch a source's date or figures.
    pub conflicts: Vec<Conflict>,
}

impl Entry {
    /// Whether a finding touches this entry.
    #[must_use]
    pub fn conflict(&self) -> bool {
        !self.conflicts.is_empty()
    }

    /// "Mon 2025-01-06" or "2024-08-01 … 2024-08-31".
    #[must_use]
    pub fn when(&self) -> String {
        if self.start == self.end {
            format!("{} {}", self.start.format("%a"), self.start)
        } else {
            format!("{} … {}", self.start, self.end)
        }
    }
}

/// One place an entry's date is written.
#[derive(Clone, Debug, PartialEq)]
pub struct Source {
    /// Index of the document in the set.
    pub doc: usize,
    /// The document's name.
    pub file: String,
    /// 1-based line of the date.
    pub line: usize,
    /// 1-based column (in characters) of the date.
    pub column: usize,
    /// Byte span of the date in the document.
    pub span: Range<usize>,
    /// The date as written.
    pub text: String,
    /// The sentence it stands in, on one line.
    pub sentence: String,
    /// The label this sentence gives.
    pub label: String,
    /// The year was not written in the document: it came from the set's
    /// latest reference date (an undated text that writes no full date).
    pub year_from_set: bool,
    /// The date is a deadline ("by March 31", "the March 31 deadline").
    pub deadline: bool,
    /// The whole line the date stands on, as written (for a page that links
    /// each entry to its source lines).
    pub line_text: String,
}

/// A number, percentage or quantity in an entry's sentences.
#[derive(Clone, Debug, PartialEq)]
pub struct Figure {
    /// As written.
    pub text: String,
    /// What it resolved to.
    pub value: Value,
    /// Which source's sentence it stands in (index into `sources`).
    pub source: usize,
}

/// A finding that touches an entry.
#[derive(Clone, Debug, PartialEq)]
pub struct Conflict {
    /// The rule id.
    pub rule: String,
    /// The finding's message.
    pub message: String,
    /// Where it is written: the finding's labels, or both dates of one event.
    pub sources: Vec<Source>,
    /// The entries it joins, by index in the timeline (both dates of one
    /// event); empty for a finding of `reckon check`.
    pub entries: Vec<usize>,
}

/// What the events configuration says about a date mention: the name of the
/// event it dates, if any. The seam where named events plug in.
pub trait EventNames {
    /// The event dated by the date at `date` in document `doc`, whose sentence
    /// spans `sentence` (byte offsets into the document).
    fn event(&self, doc: usize, date: Range<usize>, sentence: Range<usize>) -> Option<String>;
}

/// No events configured: entries are labelled by their clauses.
pub struct NoEvents;

impl EventNames for NoEvents {
    fn event(&self, _: usize, _: Range<usize>, _: Range<usize>) -> Option<String> {
        None
    }
}

/// The named events of the rule file (`events:` in `reckon.yaml`): a date the
/// story rules bind to an event phrase ("crossed into Kursk on August 6, 2024")
/// takes the event's name.
#[derive(Debug, Default)]
pub struct StoryEvents {
    /// (document, date span) → event name.
    bound: Vec<(usize, Range<usize>, String)>,
    /// The spans of `bound` by document; ids are indices into `bound`.
    by_doc: HashMap<usize, SpanIndex>,
}

impl StoryEvents {
    /// Binds the dates of `docs` to the events of `story`.
    #[must_use]
    pub fn bind(docs: &[DocView<'_>], story: &crate::story::Story) -> StoryEvents {
        use crate::story::claims::{Claim, EventKey};
        let mut bound = Vec::new();
        if story.events.is_empty() {
            return StoryEvents::default();
        }
        for (d, v) in docs.iter().enumerate() {
            let matches = crate::story::events::find(v, story);
            let mut claims = Vec::new();
            crate::story::events::claims(v, d, story, &matches, &mut claims);
            for c in claims {
                if let Claim::EventDate(e) = c {
                    if let EventKey::Named(k) = e.key {
                        if let Some(ev) = story.events.get(k) {
                            bound.push((d, e.date.span.clone(), ev.name.clone()));
                        }
                    }
                }
            }
        }
        let mut spans: HashMap<usize, Vec<(usize, usize, usize)>> = HashMap::new();
        for (k, (d, s, _)) in bound.iter().enumerate() {
            spans.entry(*d).or_default().push((s.start, s.end, k));
        }
        let by_doc = spans
            .into_iter()
            .map(|(d, s)| (d, SpanIndex::new(s)))
            .collect();
        StoryEvents { bound, by_doc }
    }
}

impl EventNames for StoryEvents {
    fn event(&self, doc: usize, date: Range<usize>, _: Range<usize>) -> Option<String> {
        // The first bound span of the document overlapping the date.
        let first = self.by_doc.get(&doc)?.overlapping(&date).min()?;
        Some(self.bound[first].2.clone())
    }
}

/// One document as the timeline reads it.
pub struct TimelineDoc<'a> {
    /// The document, its reference date and resolved mentions.
    pub view: DocView<'a>,
    /// Indices of the mentions whose year came from the set, not the text.
    pub year_from_set: &'a [usize],
}

/// Builds the timeline of `docs`. `findings` are indexed by position in `docs`.
///
/// Near-linear in the mentions and findings: the days of each sentence, the
/// figures of each sentence and the finding labels of each document are indexed
/// once, so a date looks only at its own sentence and at the labels near its
/// spans (issue: 40,000 dated lines took 41 s).
#[must_use]
pub fn build(docs: &[TimelineDoc<'_>], findings: &[Finding], events: &dyn EventNames) -> Timeline {
    let labels = FindingLabels::new(findings, docs.len());
    let mut found: Vec<Found> = Vec::new();
    let mut schedules: Vec<Recurring> = Vec::new();
    let mut doc_sentences: Vec<Vec<Range<usize>>> = Vec::with_capacity(docs.len());
    let mut written: Vec<Option<NaiveDate>> = Vec::with_capacity(docs.len());
    let mut hit: Vec<usize> = Vec::new();
    for (d, td) in docs.iter().enumerate() {
        let v = &td.view;
        let prose = &v.doc.prose;
        let sentences = timeline_sentences(&v.doc.text, prose);
        let mut lines = LineCursor::new(&v.doc.text);
        let story_start = written::wire_dateline_end(prose).unwrap_or(0);
        let dateline = dateline_mention(v);
        let year_from_set: HashSet<usize> = td.year_from_set.iter().copied().collect();
        // A period beside a day it contains, in one sentence ("on January 20, two
        // weeks from now"), says nothing more than the day. Sorted by (sentence, day).
        let mut days: Vec<(usize, NaiveDate)> = v
            .mentions
            .iter()
            .filter(|r| r.mention.kind == Kind::Date)
            .filter_map(|r| match r.value {
                Value::Date { start, end } if start == end => {
                    label::sentence_at(&sentences, r.mention.span.start).map(|s| (s, start))
                }
                _ => None,
            })
            .collect();
        days.sort_unstable();
        let figures = SentenceFigures::new(v, &sentences);
        let (dated, recurring) = written::read(v, &sentences, dateline, story_start);
        // When the document was written: its reference date, or the day of a
        // wire dateline ("LONDON, March 2 -", its year from the set).
        written.push(v.reference.date.or_else(|| {
            v.mentions.iter().find_map(|r| match r.value {
                Value::Date { start, end }
                    if start == end
                        && r.mention.kind == Kind::Date
                        && r.mention.span.end <= story_start =>
                {
                    Some(start)
                }
                _ => None,
            })
        }));
        // The sentence a span stands in, without a dateline opening it.
        let sentence_of = |span: &Range<usize>| -> Option<(usize, Range<usize>)> {
            let si = label::sentence_at(&sentences, span.start)?;
            let mut sentence = sentences[si].clone();
            if let Some(dl) = dateline.map(|k| &v.mentions[k].mention.span) {
                if dl.start >= sentence.start && dl.end <= span.start {
                    sentence.start = dl.end;
                }
            }
            if story_start > sentence.start && story_start <= span.start {
                sentence.start = story_start;
            }
            Some((si, sentence))
        };
        for r in recurring {
            let Some((_, sentence)) = sentence_of(&r.span) else {
                continue;
            };
            let (line, column) = lines.line_col(r.span.start);
            let source = Source {
                doc: d,
                file: v.doc.name.clone(),
                line,
                column,
                text: label::one_line(v.doc.text.get(r.span.clone()).unwrap_or("")),
                sentence: label::one_line(prose.get(sentence.clone()).unwrap_or("")),
                label: label::label(prose, sentence, r.span.clone()),
                year_from_set: false,
                deadline: false,
                line_text: line_text(&v.doc.text, r.span.start),
                span: r.span,
            };
            let when = source.text.clone();
            match schedules
                .iter_mut()
                .find(|s| s.when.eq_ignore_ascii_case(&when) && s.label == source.label)
            {
                Some(s) => s.sources.push(source),
                None => schedules.push(Recurring {
                    when,
                    label: source.label.clone(),
                    sources: vec![source],
                }),
            }
        }
        // One source per (sentence, days, event) within a document.
        let mut seen: HashSet<(usize, NaiveDate, NaiveDate, Option<String>)> = HashSet::new();
        for w in dated {
            let (start, end) = (w.start, w.end);
            let i = w.mention;
            let span = w.span.clone();
            let Some((si, sentence)) = sentence_of(&span) else {
                continue;
            };
            if start != end && !w.range {
                // The first day of sentence `si` on or after `start`.
                let k = days.partition_point(|&x| x < (si, start));
                if days.get(k).is_some_and(|&(s, d)| s == si && d <= end) {
                    continue;
                }
            }
            let event = events.event(d, span.clone(), sentence.clone());
            if !seen.insert((si, start, end, event.clone())) {
                continue;
            }
            let (line, column) = lines.line_col(span.start);
            let whole = label::whole_label(prose, sentence.clone(), span.clone());
            let label = label::cut(&whole, label::MAX_LABEL);
            let deadline = deadline(prose, &sentence, &span);
            let source = Source {
                doc: d,
                file: v.doc.name.clone(),
                line,
                column,
                text: label::one_line(v.doc.text.get(span.clone()).unwrap_or("")),
                sentence: label::one_line(prose.get(sentence.clone()).unwrap_or("")),
                label,
                year_from_set: year_from_set.contains(&i),
                deadline,
                line_text: line_text(&v.doc.text, span.start),
                span: span.clone(),
            };
            let mut touched = vec![span.clone()];
            let mut figs = Vec::new();
            for &j in figures.of(si) {
                count_work();
                let f = &v.mentions[j];
                let fs = &f.mention.span;
                if fs.start < sentence.start || fs.end > sentence.end || j == i {
                    continue;
                }
                if fs.start >= span.start && fs.end <= span.end {
                    // The "8" of "8–22 April" is part of the range.
                    continue;
                }
                touched.push(fs.clone());
                figs.push((
                    label::one_line(v.doc.text.get(fs.clone()).unwrap_or("")),
                    f.value.clone(),
                ));
            }
            // The findings touching a span, in the order of `findings`.
            hit.clear();
            for t in &touched {
                labels.overlapping(d, t, &mut hit);
            }
            hit.sort_unstable();
            hit.dedup();
            found.push(Found {
                sig: event::read_in(&whole, &source.sentence),
                source,
                start,
                end,
                event,
                range: w.range,
                dated_doc: v.reference.date.is_some(),
                figures: figs,
                hits: hit.clone(),
            });
        }
        doc_sentences.push(sentences);
    }
    settle_years(&mut found);
    let mut grouped = group(found, findings, docs, &doc_sentences);
    for (e, _) in &mut grouped {
        e.label = match &e.event {
            Some(name) => name.clone(),
            None => pick_label(&e.sources),
        };
    }
    grouped.sort_by(|(a, _), (b, _)| (a.start, a.end, &a.label).cmp(&(b.start, b.end, &b.label)));
    let (mut entries, sigs): (Vec<Entry>, Vec<Vec<event::EventSig>>) = grouped.into_iter().unzip();
    mark_date_conflicts(&mut entries, &sigs, &written);
    Timeline {
        entries,
        recurring: schedules,
    }
}

/// The sentences of the shared reading, with two more cuts at line breaks:
/// every Markdown table row (a line of `text` starting with `|`) is a
/// sentence of its own — the mask blanks the pipes, and a table read as one
/// sentence gave every row's date the whole table's figures and a label from
/// its neighbours (a 4 MB table took 7 s and 1.5 GB) — and so is a headline
/// on its own line with no stop ("Russian Forces Repel Fresh Offensive in
/// Kursk"), which a hard-wrapped reading joins to the next line.
fn timeline_sentences(text: &str, prose: &str) -> Vec<Range<usize>> {
    let sentences = crate::reading::sentences::split(prose);
    let mut out = Vec::with_capacity(sentences.len());
    for s in sentences {
        let mut from = s.start;
        for (k, _) in text[s.clone()].match_indices('\n') {
            let at = s.start + k + 1;
            let row = text[at..].trim_start_matches([' ', '\t']).starts_with('|');
            if row || label::heading(&text[from..at - 1]) {
                push_trimmed(text, from..at, &mut out);
                from = at;
            }
        }
        push_trimmed(text, from..s.end, &mut out);
    }
    out
}

/// Pushes `r` without the blanks at its ends, unless nothing is left.
fn push_trimmed(text: &str, r: Range<usize>, out: &mut Vec<Range<usize>>) {
    let t = &text[r.clone()];
    let lead = t.len() - t.trim_start().len();
    let trail = t.len() - t.trim_end().len();
    if r.start + lead < r.end - trail {
        out.push(r.start + lead..r.end - trail);
    }
}

/// A dated source before it joins an entry.
struct Found {
    source: Source,
    start: NaiveDate,
    end: NaiveDate,
    event: Option<String>,
    range: bool,
    sig: event::EventSig,
    /// The document has a reference date of its own.
    dated_doc: bool,
    figures: Vec<(String, Value)>,
    /// Findings touching the date or the figures.
    hits: Vec<usize>,
}

/// Whether the date at `span` is a deadline: "by March 31", "no later than
/// March 31", "the March 31 deadline".
fn deadline(prose: &str, sentence: &Range<usize>, span: &Range<usize>) -> bool {
    let before = prose
        .get(sentence.start..span.start)
        .unwrap_or("")
        .trim_end()
        .to_lowercase();
    let cue_before = vocab::VOCAB.deadline_before.iter().any(|c| {
        before.ends_with(c.as_str())
            && before[..before.len() - c.len()]
                .chars()
                .next_back()
                .is_none_or(|ch| !ch.is_alphanumeric())
    });
    let after = prose.get(span.end..sentence.end).unwrap_or("");
    let next = after
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .unwrap_or("")
        .to_lowercase();
    cue_before || vocab::VOCAB.deadline_words.contains(next.as_str())
}

/// A date whose year came from the set ("by March 31" in an undated notice)
/// takes the year a dated document gives the same day, when the two tell the
/// same event or are both deadlines: a deadline told in two articles is one date.
fn settle_years(found: &mut [Found]) {
    let pinned: Vec<(NaiveDate, NaiveDate, usize)> = found
        .iter()
        .enumerate()
        .filter(|(_, f)| f.dated_doc && !f.source.year_from_set)
        .map(|(k, f)| (f.start, f.end, k))
        .collect();
    for k in 0..found.len() {
        if !found[k].source.year_from_set {
            continue;
        }
        let f = &found[k];
        let other = pinned.iter().find(|&&(s, e, j)| {
            let g = &found[j];
            let shift = s.year() - f.start.year();
            shift.abs() == 1
                && (s.month(), s.day(), e.month(), e.day())
                    == (f.start.month(), f.start.day(), f.end.month(), f.end.day())
                && ((f.source.deadline && g.source.deadline) || event::same_event(&f.sig, &g.sig))
        });
        if let Some(&(s, e, _)) = other {
            found[k].start = s;
            found[k].end = e;
        }
    }
}

/// How many of an entry's first sources a new source is compared with: an
/// entry told fifty times is recognised by its first few tellings, and the
/// work stays linear in the sources.
const SIGS_COMPARED: usize = 8;

/// How many entries of the same days a new source is compared with (the
/// latest ones): past that, it starts an entry of its own.
const ENTRIES_COMPARED: usize = 64;

/// How many later entries within [`CONFLICT_WITHIN_DAYS`] an entry is
/// compared with for a date conflict (the nearest ones).
const CONFLICT_CANDIDATES: usize = 512;

/// Sources on the same days join one entry only when they tell the same event
/// (the same named event, or [`event::same_event`]; two written ranges of the
/// same days unless their verbs differ).
fn group(
    found: Vec<Found>,
    findings: &[Finding],
    docs: &[TimelineDoc<'_>],
    sentences: &[Vec<Range<usize>>],
) -> Vec<(Entry, Vec<event::EventSig>)> {
    type Key = (NaiveDate, NaiveDate, Option<String>);
    // An entry, its sources' signatures and the findings it holds.
    type Cluster = (Entry, Vec<event::EventSig>, HashSet<usize>);
    let mut by_key: BTreeMap<Key, Vec<Cluster>> = BTreeMap::new();
    let mut lines: HashMap<usize, crate::source::LineIndex> = HashMap::new();
    for f in found {
        let clusters = by_key.entry((f.start, f.end, f.event.clone())).or_default();
        // Two deadlines of one day are one deadline; two written ranges of the
        // same days in different documents are one stretch (a strike, a
        // festival), however each words it.
        let same = |sigs: &Vec<event::EventSig>, e: &Entry| {
            f.event.is_some()
                || sigs
                    .iter()
                    .take(SIGS_COMPARED)
                    .any(|s| event::same_event(s, &f.sig))
                || (f.source.deadline && e.sources.iter().any(|s| s.deadline))
                || (f.range && e.range && e.sources.iter().all(|s| s.doc != f.source.doc))
        };
        // The latest entries of the day only: a table of a thousand rows a
        // day, each its own event, was quadratic.
        let from = clusters.len().saturating_sub(ENTRIES_COMPARED);
        let found_at = clusters[from..]
            .iter()
            .position(|(e, sigs, _)| {
                count_work();
                same(sigs, e)
            })
            .map(|k| from + k);
        let at = match found_at {
            Some(k) => k,
            None => {
                clusters.push((
                    Entry {
                        start: f.start,
                        end: f.end,
                        label: String::new(),
                        event: f.event.clone(),
                        range: f.range,
                        sources: Vec::new(),
                        figures: Vec::new(),
                        conflicts: Vec::new(),
                    },
                    Vec::new(),
                    HashSet::new(),
                ));
                clusters.len() - 1
            }
        };
        let (entry, sigs, seen) = &mut clusters[at];
        let s = entry.sources.len();
        for (text, value) in f.figures {
            entry.figures.push(Figure {
                text,
                value,
                source: s,
            });
        }
        for k in f.hits {
            let x = &findings[k];
            let dup = entry
                .conflicts
                .iter()
                .any(|c| c.rule == x.rule && c.message == x.message);
            if seen.insert(k) && !dup {
                let sources = std::iter::once(&x.primary)
                    .chain(&x.secondary)
                    .filter_map(|l| label_source(l, docs, sentences, &mut lines))
                    .collect();
                entry.conflicts.push(Conflict {
                    rule: x.rule.to_string(),
                    message: x.message.clone(),
                    sources,
                    entries: Vec::new(),
                });
            }
        }
        sigs.push(f.sig);
        entry.sources.push(f.source);
    }
    by_key
        .into_values()
        .flatten()
        .map(|(e, sigs, _)| (e, sigs))
        .collect()
}

/// Where a finding's label is, as a source (file, line, the sentence).
fn label_source(
    l: &crate::check::Label,
    docs: &[TimelineDoc<'_>],
    sentences: &[Vec<Range<usize>>],
    lines: &mut HashMap<usize, crate::source::LineIndex>,
) -> Option<Source> {
    let doc = docs.get(l.doc)?.view.doc;
    let index = lines
        .entry(l.doc)
        .or_insert_with(|| crate::source::LineIndex::new(&doc.text));
    let (line, column) = index.line_col(&doc.text, l.span.start);
    let sentence = sentences
        .get(l.doc)
        .and_then(|ss| label::sentence_at(ss, l.span.start).map(|k| ss[k].clone()))
        .and_then(|r| doc.prose.get(r))
        .map(label::one_line)
        .unwrap_or_default();
    Some(Source {
        doc: l.doc,
        file: doc.name.clone(),
        line,
        column,
        span: l.span.clone(),
        text: label::one_line(doc.text.get(l.span.clone()).unwrap_or("")),
        label: l.message.clone(),
        sentence,
        year_from_set: false,
        deadline: false,
        line_text: line_text(&doc.text, l.span.start),
    })
}

/// The longest gap, in days, between two dates of one event that still reads
/// as the same event dated differently rather than two events. A week keeps
/// the Reuters corpus (19,043 articles) to its one real disagreement (Brazil's
/// debt moratorium, February 20 in most articles, February 22 in one); a
/// month brought twenty look-alikes (Ecuador's and Brazil's suspensions, two
/// companies' quarters ended).
pub const CONFLICT_WITHIN_DAYS: i64 = 7;

/// Two single-day entries within [`CONFLICT_WITHIN_DAYS`] of each other that
/// tell surely the same event ([`event::surely_same_event`]), in documents of
/// which none dates it both ways, are a conflict: each gets it, with the
/// sources of both. Only documents written on or after the later day count
/// (`written`: each document's reference date): one written before it cannot
/// have told that day's event, so "Treasury balances rose on Feb 25" on Feb 26
/// and "… rose on Feb 27" on March 3 are two days' figures, not one.
fn mark_date_conflicts(
    entries: &mut [Entry],
    sigs: &[Vec<event::EventSig>],
    written: &[Option<NaiveDate>],
) {
    // One document cannot disagree with another.
    if written.len() < 2 {
        return;
    }
    // (the two entries, the sources of each that tell the event)
    let mut found: Vec<(usize, usize, Vec<usize>, Vec<usize>)> = Vec::new();
    for a in 0..entries.len() {
        let ea = &entries[a];
        if ea.start != ea.end || ea.event.is_some() {
            continue;
        }
        let sigs_a = &sigs[a][..sigs[a].len().min(64)];
        for (b, eb) in entries
            .iter()
            .enumerate()
            .skip(a + 1)
            .take(CONFLICT_CANDIDATES)
        {
            let gap = (eb.start - ea.start).num_days();
            if gap > CONFLICT_WITHIN_DAYS {
                break;
            }
            if gap == 0 || eb.start != eb.end || eb.event.is_some() {
                continue;
            }
            if ea
                .sources
                .iter()
                .any(|s| eb.sources.iter().any(|t| t.doc == s.doc))
            {
                continue;
            }
            // A deadline and the act that met it are two dates of one story, not a conflict.
            if ea.sources.iter().chain(&eb.sources).any(|s| s.deadline) {
                continue;
            }
            let sigs_b = &sigs[b][..sigs[b].len().min(64)];
            let mut from_a = Vec::new();
            let mut from_b = Vec::new();
            for (i, sa) in sigs_a.iter().enumerate() {
                for (j, sb) in sigs_b.iter().enumerate() {
                    let after = |s: &Source| {
                        written
                            .get(s.doc)
                            .copied()
                            .flatten()
                            .is_none_or(|w| w >= eb.start)
                    };
                    if after(&ea.sources[i])
                        && after(&eb.sources[j])
                        && event::surely_same_event(sa, sb)
                    {
                        from_a.push(i);
                        from_b.push(j);
                    }
                }
            }
            if !from_a.is_empty() {
                from_a.sort_unstable();
                from_a.dedup();
                from_b.sort_unstable();
                from_b.dedup();
                found.push((a, b, from_a, from_b));
            }
        }
    }
    for (a, b, from_a, from_b) in found {
        let cite = |e: &Entry, idx: &[usize]| {
            idx.iter()
                .map(|&i| format!("{}:{}", e.sources[i].file, e.sources[i].line))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let message = format!(
            "one event, two dates: {} in {}; {} in {}",
            entries[a].start.format("%a %Y-%m-%d"),
            cite(&entries[a], &from_a),
            entries[b].start.format("%a %Y-%m-%d"),
            cite(&entries[b], &from_b)
        );
        let sources: Vec<Source> = from_a
            .iter()
            .map(|&i| entries[a].sources[i].clone())
            .chain(from_b.iter().map(|&i| entries[b].sources[i].clone()))
            .collect();
        let conflict = Conflict {
            rule: DATE_CONFLICT.to_string(),
            message,
            sources,
            entries: vec![a, b],
        };
        entries[a].conflicts.push(conflict.clone());
        entries[b].conflicts.push(conflict);
    }
}

/// The rule id of a conflict the timeline finds itself: one event dated
/// differently by two documents.
pub const DATE_CONFLICT: &str = "timeline-date-conflict";

/// The line of the document holding byte `at`, on one line, cut to 300 characters.
fn line_text(text: &str, at: usize) -> String {
    let at = at.min(text.len());
    let start = text[..at].rfind('\n').map_or(0, |p| p + 1);
    let end = text[at..].find('\n').map_or(text.len(), |p| at + p);
    label::cut(text.get(start..end).unwrap_or("").trim_end(), 300)
}

// Counts the candidates `build` looks at (figures of a sentence, labels near
// a span), so a test can tell linear from quadratic without a clock.
#[cfg(test)]
thread_local! {
    static WORK: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

#[inline]
fn count_work() {
    #[cfg(test)]
    WORK.with(|w| w.set(w.get() + 1));
}

/// The figures of a document (numbers, percentages, fractions, quantities that
/// are not part of a date or time: "2024" of "August 2024" is not a figure),
/// grouped by the sentence their first byte stands in, in mention order.
struct SentenceFigures {
    /// (sentence, mention index), sorted.
    by_sentence: Vec<(usize, usize)>,
}

impl SentenceFigures {
    fn new(v: &DocView<'_>, sentences: &[Range<usize>]) -> SentenceFigures {
        // Dates and times by start, with the furthest end reached so far: a
        // span lies inside one of them when the furthest end among those
        // starting at or before it reaches its end.
        let mut dates: Vec<(usize, usize)> = v
            .mentions
            .iter()
            .filter(|o| matches!(o.mention.kind, Kind::Date | Kind::Time))
            .map(|o| (o.mention.span.start, o.mention.span.end))
            .collect();
        dates.sort_unstable();
        let mut reach = Vec::with_capacity(dates.len());
        let mut furthest = 0;
        for &(_, end) in &dates {
            furthest = furthest.max(end);
            reach.push(furthest);
        }
        let inside_date = |fs: &Range<usize>| {
            let k = dates.partition_point(|&(start, _)| start <= fs.start);
            k > 0 && reach[k - 1] >= fs.end
        };
        let mut by_sentence: Vec<(usize, usize)> = v
            .mentions
            .iter()
            .enumerate()
            .filter(|(_, f)| {
                matches!(
                    f.mention.kind,
                    Kind::Number | Kind::Percent | Kind::Fraction | Kind::Quantity
                ) && !inside_date(&f.mention.span)
            })
            .filter_map(|(j, f)| {
                label::sentence_at(sentences, f.mention.span.start).map(|s| (s, j))
            })
            .collect();
        by_sentence.sort_unstable();
        SentenceFigures { by_sentence }
    }

    /// Mention indices of the figures starting in sentence `si`, in order.
    fn of(&self, si: usize) -> impl Iterator<Item = &usize> {
        let a = self.by_sentence.partition_point(|&(s, _)| s < si);
        let z = self.by_sentence.partition_point(|&(s, _)| s <= si);
        self.by_sentence[a..z].iter().map(|(_, j)| j)
    }
}

/// Byte spans with an id, for the question "which of them overlap this span".
/// Spans are sorted by start; a query looks only at those starting within the
/// longest short span before it, and at the few long ones.
#[derive(Debug, Default)]
struct SpanIndex {
    /// (start, end, id), sorted.
    short: Vec<(usize, usize, usize)>,
    /// The longest span in `short`.
    longest: usize,
    /// Spans longer than [`SpanIndex::SHORT`] bytes, in no order.
    long: Vec<(usize, usize, usize)>,
}

impl SpanIndex {
    const SHORT: usize = 4096;

    fn new(mut spans: Vec<(usize, usize, usize)>) -> SpanIndex {
        let (mut short, long): (Vec<_>, Vec<_>) = spans
            .drain(..)
            .partition(|&(a, z, _)| z.saturating_sub(a) <= Self::SHORT);
        short.sort_unstable();
        let longest = short
            .iter()
            .map(|&(a, z, _)| z.saturating_sub(a))
            .max()
            .unwrap_or(0);
        SpanIndex {
            short,
            longest,
            long,
        }
    }

    /// The ids of the spans overlapping `t`, in no order.
    fn overlapping<'a>(&'a self, t: &'a Range<usize>) -> impl Iterator<Item = usize> + 'a {
        // A span overlapping `t` ends after `t.start`, so it starts after
        // `t.start - longest`; it starts before `t.end`.
        let from = t.start.saturating_sub(self.longest);
        let a = self.short.partition_point(|&(s, _, _)| s < from);
        let z = self.short.partition_point(|&(s, _, _)| s < t.end);
        let spans = self.short.get(a..z.max(a)).unwrap_or(&[]).iter();
        spans
            .chain(&self.long)
            .filter(move |&&(s, e, _)| {
                count_work();
                overlaps(&(s..e), t)
            })
            .map(|&(_, _, id)| id)
    }
}

/// The spans the findings label (primary and secondary), by document.
struct FindingLabels {
    by_doc: Vec<SpanIndex>,
}

impl FindingLabels {
    fn new(findings: &[Finding], docs: usize) -> FindingLabels {
        let mut spans: Vec<Vec<(usize, usize, usize)>> = vec![Vec::new(); docs];
        for (k, f) in findings.iter().enumerate() {
            for l in std::iter::once(&f.primary).chain(&f.secondary) {
                if let Some(s) = spans.get_mut(l.doc) {
                    s.push((l.span.start, l.span.end, k));
                }
            }
        }
        FindingLabels {
            by_doc: spans.into_iter().map(SpanIndex::new).collect(),
        }
    }

    /// Pushes the indices of the findings with a label in document `doc`
    /// overlapping `t` onto `out`.
    fn overlapping(&self, doc: usize, t: &Range<usize>, out: &mut Vec<usize>) {
        if let Some(index) = self.by_doc.get(doc) {
            out.extend(index.overlapping(t));
        }
    }
}

/// The whole way from read documents to a timeline: extract and resolve each
/// document, check the set with `settings`, build.
///
/// The set is resolved as one: an undated document that writes no full date
/// takes the year of its partial dates ("August 6") from the set's latest
/// reference date, as a lone undated text takes it from its own latest full
/// date; those sources are marked `year_from_set`. The checks see each
/// document as `reckon check` does. `events` names events; `None` takes them
/// from the rule file's `events:` ([`StoryEvents`]).
#[must_use]
pub fn of_documents(
    docs: &[Document],
    lex: &Lexicon,
    opts: &Options,
    settings: &Settings,
    cli_date: Option<NaiveDate>,
    events: Option<&dyn EventNames>,
) -> Timeline {
    let mut alone: Vec<(Reference, Vec<Resolved>)> = Vec::with_capacity(docs.len());
    let mut written: Vec<Vec<crate::extract::Mention>> = Vec::with_capacity(docs.len());
    for doc in docs {
        let mentions = crate::extract::extract(&doc.prose, lex, opts);
        let reference = resolve::reference(doc, &mentions, cli_date);
        alone.push((
            reference,
            resolve::resolve(mentions.clone(), reference, lex),
        ));
        written.push(mentions);
    }
    let set_anchor = alone.iter().filter_map(|(r, _)| r.date).max();
    let mut in_set: Vec<(Vec<Resolved>, Vec<usize>)> = Vec::with_capacity(docs.len());
    for ((reference, resolved), mentions) in alone.iter().zip(written) {
        if reference.date.is_some() || set_anchor.is_none() {
            in_set.push((Vec::new(), Vec::new()));
            continue;
        }
        let again = resolve::resolve_with_year_anchor(mentions, *reference, lex, set_anchor);
        let pinned: Vec<usize> = (0..again.len())
            .filter(|&i| {
                matches!(resolved[i].value, Value::PartialDate { .. })
                    && matches!(again[i].value, Value::Date { .. })
            })
            .collect();
        in_set.push((again, pinned));
    }
    let views: Vec<DocView<'_>> = docs
        .iter()
        .zip(&alone)
        .map(|(doc, (reference, mentions))| DocView {
            doc,
            reference: *reference,
            mentions,
        })
        .collect();
    let findings = crate::check::run(&CheckContext {
        docs: &views,
        lex,
        settings,
    });
    let tdocs: Vec<TimelineDoc<'_>> = docs
        .iter()
        .zip(&alone)
        .zip(&in_set)
        .map(
            |((doc, (reference, mentions)), (again, pinned))| TimelineDoc {
                view: DocView {
                    doc,
                    reference: *reference,
                    mentions: if pinned.is_empty() { mentions } else { again },
                },
                year_from_set: pinned,
            },
        )
        .collect();
    let story;
    let events: &dyn EventNames = match events {
        Some(e) => e,
        None => {
            let views: Vec<DocView<'_>> = tdocs
                .iter()
                .map(|t| DocView {
                    doc: t.view.doc,
                    reference: t.view.reference,
                    mentions: t.view.mentions,
                })
                .collect();
            story = StoryEvents::bind(&views, &settings.story);
            &story
        }
    };
    build(&tdocs, &findings, events)
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// The first source's label that says something (five words or more) and is
/// not a subordinate clause ("where Ukraine's forces have held…"), else the first.
fn pick_label(sources: &[Source]) -> String {
    const SUBORDINATE: &[&str] = &[
        "where", "which", "who", "whom", "whose", "when", "that", "while", "during", "near",
        "this", "it", "these", "those",
    ];
    let main_clause = |l: &str| {
        let first = l.split_whitespace().next().unwrap_or("").to_lowercase();
        l.split_whitespace().count() >= 5 && !SUBORDINATE.contains(&first.as_str())
    };
    sources
        .iter()
        .find(|s| main_clause(&s.label))
        .or_else(|| {
            sources
                .iter()
                .find(|s| s.label.split_whitespace().count() >= 5)
        })
        .or_else(|| sources.first())
        .map(|s| s.label.clone())
        .unwrap_or_default()
}

/// The mention that is the document's dateline, if it has one: a date that
/// stands alone on its line, or after `date`, `Updated:`, `Published:`,
/// `Posted` at the start of its line, and equals the reference date.
fn dateline_mention(v: &DocView<'_>) -> Option<usize> {
    let reference = v.reference.date?;
    v.mentions.iter().position(|r| {
        let Value::Date { start, end } = r.value else {
            return false;
        };
        if start != reference || end != reference || r.mention.kind != Kind::Date {
            return false;
        }
        let text = &v.doc.prose;
        let span = &r.mention.span;
        let line_start = text[..span.start].rfind('\n').map_or(0, |p| p + 1);
        let before = text[line_start..span.start].trim().to_lowercase();
        let before = before.trim_end_matches(':');
        let line_end = text[span.end..]
            .find('\n')
            .map_or(text.len(), |p| span.end + p);
        let after = text[span.end..line_end].trim();
        match before {
            "date" | "updated" | "published" | "posted" | "posted on" => true,
            "" => after.is_empty() || span.start == first_text(text),
            _ => false,
        }
    })
}

/// Offset of the first non-blank byte.
fn first_text(text: &str) -> usize {
    text.len() - text.trim_start().len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Format;

    /// Builds the timeline of texts, each with an optional reference date.
    fn timeline(texts: &[(&str, Option<&str>)]) -> Timeline {
        let lex = Lexicon::clone_default();
        let docs: Vec<Document> = texts
            .iter()
            .enumerate()
            .map(|(i, (t, date))| {
                let t = match date {
                    Some(d) => format!("---\ndate: {d}\n---\n{t}"),
                    None => t.to_string(),
                };
                Document::from_text(format!("d{i}.txt"), t, Format::Text)
            })
            .collect();
        of_documents(
            &docs,
            &lex,
            &Options::default(),
            &Settings::defaults(),
            None,
            Some(&NoEvents),
        )
    }

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn same_day_in_two_documents_is_one_entry() {
        let t = timeline(&[
            (
                "Ukraine launched a new push in Kursk on January 5.",
                Some("2025-01-07"),
            ),
            (
                "On Jan. 5, 2025, Kyiv's forces launched a push near Berdin in Kursk.",
                None,
            ),
        ]);
        assert_eq!(t.entries.len(), 1);
        let e = &t.entries[0];
        assert_eq!((e.start, e.end), (day("2025-01-05"), day("2025-01-05")));
        assert_eq!(e.sources.len(), 2);
        assert_eq!(e.sources[1].file, "d1.txt");
        assert_eq!(e.label, "Ukraine launched a new push in Kursk");
    }

    #[test]
    fn different_events_on_one_day_are_two_entries() {
        let t = timeline(&[
            (
                "Dockworkers walked out at the port of Halden on April 8.",
                Some("2025-04-23"),
            ),
            (
                "Also on April 8, Norlink Ferries cancelled its evening crossings to Denmark.",
                Some("2025-04-23"),
            ),
        ]);
        let labels: Vec<&str> = t.entries.iter().map(|e| e.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "Dockworkers walked out at the port of Halden",
                "Norlink Ferries cancelled its evening crossings to Denmark"
            ]
        );
    }

    #[test]
    fn a_range_is_one_entry_however_it_is_written() {
        for (text, written, on) in [
            (
                "Dockworkers will strike from April 8 to April 22.",
                "April 8 to April 22",
                "2025-03-03",
            ),
            (
                "The stoppage ran 8\u{2013}22 April.",
                "8\u{2013}22 April",
                "2025-04-23",
            ),
            (
                "The festival runs April 8-22 in the old town.",
                "April 8-22",
                "2025-03-03",
            ),
            (
                "Talks were held between April 8 and April 22.",
                "April 8 and April 22",
                "2025-04-23",
            ),
        ] {
            let t = timeline(&[(text, Some(on))]);
            assert_eq!(t.entries.len(), 1, "{text}: {t:?}");
            let e = &t.entries[0];
            assert!(e.range, "{text}");
            assert_eq!(
                (e.start, e.end),
                (day("2025-04-08"), day("2025-04-22")),
                "{text}"
            );
            assert_eq!(e.sources[0].text, written);
            assert!(!e.label.contains("April"), "{text}: {}", e.label);
        }
        // Two dates joined by "and" without "between" are two days.
        let t = timeline(&[("The union met on April 8 and April 22.", Some("2025-03-03"))]);
        assert_eq!(t.entries.len(), 2, "{t:?}");
    }

    #[test]
    fn a_schedule_is_recurring_never_dated() {
        let t = timeline(&[(
            "The council will sit Monday through Thursday to approve repair funds. \
             Residents can collect water at the town hall every Tuesday.",
            Some("2025-02-04"),
        )]);
        assert!(t.entries.is_empty(), "{t:?}");
        let when: Vec<&str> = t.recurring.iter().map(|r| r.when.as_str()).collect();
        assert_eq!(when, ["Monday through Thursday", "every Tuesday"]);
        assert_eq!(
            t.recurring[0].label,
            "The council will sit to approve repair funds"
        );
        // Told in the past, a weekday range is one weekend, not a schedule.
        let t = timeline(&[(
            "The film made $17m in ticket sales from Friday to Sunday.",
            Some("2025-02-04"),
        )]);
        assert!(t.recurring.is_empty(), "{t:?}");
        assert_eq!(t.entries.len(), 1, "{t:?}");
        assert_eq!(
            (t.entries[0].start, t.entries[0].end),
            (day("2025-01-31"), day("2025-02-02"))
        );
        assert!(t.entries[0].range);
    }

    #[test]
    fn a_deadline_in_two_articles_is_one_date() {
        // The undated notice takes its year from the set (2024-12-09): alone,
        // March 31 would land in 2024, before the dated article's deadline.
        let t = timeline(&[
            (
                "The union has until March 31 to file its claim. It must file by March 31.",
                Some("2024-12-09"),
            ),
            (
                "The claim must be filed by March 31, the federation said.",
                None,
            ),
        ]);
        assert_eq!(t.entries.len(), 1, "{t:?}");
        assert_eq!(t.entries[0].start, day("2025-03-31"));
        assert_eq!(t.entries[0].sources.len(), 3);
        assert!(t.entries[0].sources.iter().all(|s| s.deadline));
    }

    const SANK_14: &str =
        "The ferry Aegean Star sank off Kythnos on November 14, the coastguard said.";

    #[test]
    fn one_event_dated_differently_is_a_conflict_with_both_sources() {
        let t = timeline(&[
            (SANK_14, Some("2025-11-16")),
            (
                "The Aegean Star sank off Kythnos on 15 November, hours after leaving Piraeus.",
                Some("2025-11-17"),
            ),
        ]);
        assert_eq!(t.entries.len(), 2, "{t:?}");
        for e in &t.entries {
            assert!(e.conflict(), "{e:?}");
            let c = &e.conflicts[0];
            assert_eq!(c.rule, DATE_CONFLICT);
            assert_eq!(c.entries, [0, 1]);
            let files: Vec<&str> = c.sources.iter().map(|s| s.file.as_str()).collect();
            assert_eq!(files, ["d0.txt", "d1.txt"]);
        }
    }

    #[test]
    fn the_same_dates_agreeing_are_no_conflict() {
        let t = timeline(&[
            (SANK_14, Some("2025-11-16")),
            (
                "The Aegean Star sank off Kythnos on 14 November. The coastguard launched a search on 15 November.",
                Some("2025-11-17"),
            ),
        ]);
        assert_eq!(t.entries.len(), 2, "{t:?}");
        assert!(t.entries.iter().all(|e| !e.conflict()), "{t:?}");
        // A repeat on the next day, or a deadline and the act before it, is not one either.
        let t = timeline(&[
            (
                "Rescuers found 12 survivors on the shore on November 14.",
                Some("2025-11-16"),
            ),
            (
                "Rescuers found three more survivors on the shore on November 15.",
                Some("2025-11-16"),
            ),
            (
                "The federation filed its pay claim with the mediator on March 28.",
                Some("2025-04-02"),
            ),
            (
                "The federation must file its pay claim with the mediator by March 31.",
                Some("2025-03-03"),
            ),
        ]);
        assert!(t.entries.iter().all(|e| !e.conflict()), "{t:?}");
        // An article written before the later day cannot date that day's event:
        // two days' figures, not one event dated twice.
        let t = timeline(&[
            (
                "Treasury balances at the Federal Reserve rose on Feb. 25.",
                Some("2025-02-26"),
            ),
            (
                "Treasury balances at the Federal Reserve rose on Feb. 27.",
                Some("2025-03-03"),
            ),
        ]);
        assert_eq!(t.entries.len(), 2, "{t:?}");
        assert!(t.entries.iter().all(|e| !e.conflict()), "{t:?}");
        // Both written after: a conflict.
        let t = timeline(&[
            (
                "Treasury balances at the Federal Reserve rose on Feb. 25.",
                Some("2025-03-03"),
            ),
            (
                "Treasury balances at the Federal Reserve rose on Feb. 27.",
                Some("2025-03-03"),
            ),
        ]);
        assert!(t.entries.iter().all(Entry::conflict), "{t:?}");
    }

    #[test]
    fn a_headline_line_is_a_sentence() {
        let t = timeline(&[(
            "Russian Forces Repel Fresh Offensive in Kursk\nSoldiers drove a tank near the border on Aug. 12, 2024.",
            Some("2025-01-07"),
        )]);
        assert_eq!(t.entries[0].label, "Soldiers drove a tank near the border");
    }

    #[test]
    fn a_table_row_is_a_sentence_of_its_own() {
        // In Markdown the pipes are masked: the rows once read as one sentence,
        // every date taking the whole table's figures.
        let doc = Document::from_text(
            "t.md".to_string(),
            "---\ndate: 2025-01-07\n---\n| date | count | place |\n|---|---|---|\n\
             | Jan. 5, 2025 | 42 clashes | Berdin |\n\
             | Jan. 6, 2025 | 17 clashes | Sudzha |\n"
                .to_string(),
            Format::Markdown,
        );
        let t = of_documents(
            &[doc],
            &Lexicon::clone_default(),
            &Options::default(),
            &Settings::defaults(),
            None,
            Some(&NoEvents),
        );
        assert_eq!(t.entries.len(), 2, "{t:?}");
        for (e, want) in t.entries.iter().zip(["42 clashes", "17 clashes"]) {
            let figs: Vec<&str> = e.figures.iter().map(|f| f.text.as_str()).collect();
            assert_eq!(figs, [want], "{e:?}");
        }
    }

    #[test]
    fn entries_are_in_time_order() {
        let t = timeline(&[(
            "Trump takes office on January 20. Ukraine crossed the border on August 6, 2024. \
             The push began on Sunday, January 5.",
            Some("2025-01-07"),
        )]);
        let days: Vec<NaiveDate> = t.entries.iter().map(|e| e.start).collect();
        assert_eq!(
            days,
            [day("2024-08-06"), day("2025-01-05"), day("2025-01-20")]
        );
    }

    #[test]
    fn partial_dates_and_years_are_left_out() {
        let t = timeline(&[(
            "Kyiv said on Monday it struck a command post. The war began in 2022. \
             Troops crossed on August 6.",
            None,
        )]);
        assert!(t.entries.is_empty(), "{t:?}");
    }

    #[test]
    fn an_undated_text_takes_its_year_from_the_set() {
        let t = timeline(&[
            (
                "Kyiv said Tuesday it struck a command post.",
                Some("2025-01-07"),
            ),
            ("Troops first crossed the border on August 6.", None),
        ]);
        assert_eq!(t.entries.len(), 2);
        assert_eq!(t.entries[0].start, day("2024-08-06"));
        assert!(t.entries[0].sources[0].year_from_set);
        assert!(!t.entries[1].sources[0].year_from_set);
    }

    #[test]
    fn a_month_is_a_range() {
        let t = timeline(&[(
            "Ukraine launched an incursion in August 2024.",
            Some("2025-01-07"),
        )]);
        assert_eq!(t.entries.len(), 1);
        assert_eq!(t.entries[0].start, day("2024-08-01"));
        assert_eq!(t.entries[0].end, day("2024-08-31"));
    }

    #[test]
    fn a_dateline_is_not_an_event() {
        let t = timeline(&[(
            "January 7, 2025\n\nUkraine said Tuesday its forces struck a post.",
            None,
        )]);
        assert_eq!(t.entries.len(), 1);
        assert_eq!(t.entries[0].sources.len(), 1);
        assert_eq!(t.entries[0].sources[0].text, "Tuesday");
        assert_eq!(t.entries[0].label, "Ukraine said its forces struck a post");
    }

    #[test]
    fn figures_of_the_sentence_are_attached() {
        let t = timeline(&[(
            "Late on January 5, the General Staff reported 44 clashes in the region.",
            Some("2025-01-07"),
        )]);
        let figs: Vec<&str> = t.entries[0]
            .figures
            .iter()
            .map(|f| f.text.as_str())
            .collect();
        assert_eq!(figs, ["44 clashes"]);
        assert_eq!(
            t.entries[0].label,
            "The General Staff reported 44 clashes in the region"
        );
    }

    #[test]
    fn a_finding_marks_a_conflict() {
        let t = timeline(&[(
            "Blinken spoke to reporters on Sunday, January 6, 2025.",
            Some("2025-01-07"),
        )]);
        assert_eq!(t.entries.len(), 1);
        assert!(t.entries[0].conflict());
        assert_eq!(t.entries[0].conflicts[0].rule, "weekday-mismatch");
    }

    /// A text of `n` sentences, a third on a wrong weekday (a finding each),
    /// every one with figures, many telling the same event on the same days.
    fn many_dates(n: usize) -> String {
        let mut text = String::new();
        for i in 0..n {
            let day_of_month = i % 28 + 1;
            // Every third line names the day after's weekday.
            let wrong = u64::from(i % 3 == 0);
            let named = day(&format!("2025-01-{day_of_month:02}")) + chrono::Days::new(wrong);
            let weekday = named.format("%A");
            // The same report on the same day: one event, many sources.
            let tanks = day_of_month * 10;
            text.push_str(&format!(
                "On {weekday}, January {day_of_month}, 2025, about {tanks} tanks moved 40 km (25 miles) east.\n"
            ));
        }
        text
    }

    fn work_of(text: &str) -> (Timeline, usize) {
        WORK.with(|w| w.set(0));
        let t = timeline(&[(text, None)]);
        (t, WORK.with(std::cell::Cell::get))
    }

    #[test]
    fn build_looks_at_each_figure_and_label_a_bounded_number_of_times() {
        // Once every date looked at every mention and every finding: twice the
        // text was four times the work (41 s on 40,000 dated lines).
        let (small, w1) = work_of(&many_dates(600));
        let (large, w2) = work_of(&many_dates(1200));
        assert!(w1 > 0);
        assert!(w2 <= 2 * w1 + 64, "work {w1} for 600 lines, {w2} for 1,200");
        assert!(w2 <= 20 * 1200, "work {w2} for 1,200 lines");
        // And the result is the same shape: 28 days, every sentence a source
        // with its three figures, a conflict on the days written with the
        // wrong weekday.
        for (t, n) in [(&small, 600), (&large, 1200)] {
            assert_eq!(t.entries.len(), 28);
            let sources: usize = t.entries.iter().map(|e| e.sources.len()).sum();
            assert_eq!(sources, n);
            for e in &t.entries {
                assert_eq!(e.figures.len(), 3 * e.sources.len(), "{e:?}");
                for f in &e.figures {
                    let sentence = &e.sources[f.source].sentence;
                    assert!(sentence.contains(&f.text), "{} not in {sentence}", f.text);
                }
            }
            let conflicts = t.entries.iter().filter(|e| e.conflict()).count();
            assert_eq!(conflicts, 28, "every day has a line with a wrong weekday");
            let messages: usize = t.entries.iter().map(|e| e.conflicts.len()).sum();
            assert!(messages >= 28);
        }
    }

    #[test]
    fn many_different_events_on_one_day_stay_linear() {
        // Four days, each with a growing number of different events (other
        // sites): every new source was compared with every entry of its day.
        let text = |n: usize| {
            (0..n)
                .map(|i| {
                    format!(
                        "On January {}, 2025, inspectors visited site number {i} in the valley.\n",
                        i % 4 + 1
                    )
                })
                .collect::<String>()
        };
        let (small, w1) = work_of(&text(600));
        let (large, w2) = work_of(&text(1200));
        assert_eq!(small.entries.len(), 600);
        assert_eq!(large.entries.len(), 1200);
        // Twice the lines, twice the work, once each day's first entries are in.
        let start = 4 * ENTRIES_COMPARED * ENTRIES_COMPARED;
        assert!(
            w2 <= 2 * w1 + start,
            "work {w1} for 600 lines, {w2} for 1,200"
        );
    }

    #[test]
    fn span_index_finds_what_a_scan_finds() {
        use proptest::prelude::*;
        let spans = (0usize..400, 0usize..60, any::<bool>())
            .prop_map(|(a, len, long)| (a, a + if long { len * 100 } else { len }));
        proptest!(|(spans in proptest::collection::vec(spans, 0..40), t in (0usize..500, 0usize..80))| {
            let t = t.0..t.0 + t.1;
            let with_ids: Vec<(usize, usize, usize)> =
                spans.iter().enumerate().map(|(k, &(a, z))| (a, z, k)).collect();
            let index = SpanIndex::new(with_ids);
            let mut found: Vec<usize> = index.overlapping(&t).collect();
            found.sort_unstable();
            let scan: Vec<usize> = spans
                .iter()
                .enumerate()
                .filter(|(_, &(a, z))| overlaps(&(a..z), &t))
                .map(|(k, _)| k)
                .collect();
            prop_assert_eq!(found, scan);
        });
    }
}
