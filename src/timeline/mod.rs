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

pub mod html;
pub mod json;
pub mod label;
pub mod table;

use std::collections::{BTreeMap, HashMap, HashSet};
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
    type Key = (NaiveDate, NaiveDate, Option<String>);
    // (start, end, event) → entry and the (rule, message) pairs of its
    // conflicts; BTreeMap keeps the time order.
    let mut entries: BTreeMap<Key, (Entry, HashSet<(&str, &str)>)> = BTreeMap::new();
    let labels = FindingLabels::new(findings, docs.len());
    let mut hit: Vec<usize> = Vec::new();
    for (d, td) in docs.iter().enumerate() {
        let v = &td.view;
        let sentences = label::sentences(&v.doc.prose);
        let mut lines = LineCursor::new(&v.doc.text);
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
        // One source per (sentence, days, event) within a document.
        let mut seen: HashSet<(usize, NaiveDate, NaiveDate, Option<String>)> = HashSet::new();
        for (i, r) in v.mentions.iter().enumerate() {
            if r.mention.kind != Kind::Date || Some(i) == dateline {
                continue;
            }
            let Value::Date { start, end } = r.value else {
                continue;
            };
            if (end - start).num_days() >= MAX_RANGE_DAYS {
                continue;
            }
            let span = r.mention.span.clone();
            let Some(si) = label::sentence_at(&sentences, span.start) else {
                continue;
            };
            if start != end {
                // The first day of sentence `si` on or after `start`.
                let k = days.partition_point(|&x| x < (si, start));
                if days.get(k).is_some_and(|&(s, d)| s == si && d <= end) {
                    continue;
                }
            }
            let mut sentence = sentences[si].clone();
            // A dateline opening the first sentence is not part of it.
            if let Some(dl) = dateline.map(|k| &v.mentions[k].mention.span) {
                if dl.start >= sentence.start && dl.end <= span.start {
                    sentence.start = dl.end;
                }
            }
            let event = events.event(d, span.clone(), sentence.clone());
            if !seen.insert((si, start, end, event.clone())) {
                continue;
            }
            let prose = &v.doc.prose;
            let (line, column) = lines.line_col(span.start);
            let source = Source {
                doc: d,
                file: v.doc.name.clone(),
                line,
                column,
                text: v.doc.text.get(span.clone()).unwrap_or("").to_string(),
                sentence: label::one_line(prose.get(sentence.clone()).unwrap_or("")),
                label: label::label(prose, sentence.clone(), span.clone()),
                year_from_set: year_from_set.contains(&i),
                span: span.clone(),
            };
            let (entry, conflicts) =
                entries
                    .entry((start, end, event.clone()))
                    .or_insert_with(|| {
                        let entry = Entry {
                            start,
                            end,
                            label: String::new(),
                            event,
                            sources: Vec::new(),
                            figures: Vec::new(),
                            conflicts: Vec::new(),
                        };
                        (entry, HashSet::new())
                    });
            let s = entry.sources.len();
            let mut touched = vec![span.clone()];
            for &j in figures.of(si) {
                count_work();
                let f = &v.mentions[j];
                let fs = &f.mention.span;
                if fs.start < sentence.start || fs.end > sentence.end || j == i {
                    continue;
                }
                touched.push(fs.clone());
                entry.figures.push(Figure {
                    text: label::one_line(v.doc.text.get(fs.clone()).unwrap_or("")),
                    value: f.value.clone(),
                    source: s,
                });
            }
            // The findings touching a span, in the order of `findings`.
            hit.clear();
            for t in &touched {
                labels.overlapping(d, t, &mut hit);
            }
            hit.sort_unstable();
            hit.dedup();
            for &k in &hit {
                let f = &findings[k];
                if conflicts.insert((f.rule, f.message.as_str())) {
                    entry.conflicts.push(Conflict {
                        rule: f.rule.to_string(),
                        message: f.message.clone(),
                    });
                }
            }
            entry.sources.push(source);
        }
    }
    let mut out: Vec<Entry> = entries.into_values().map(|(e, _)| e).collect();
    for e in &mut out {
        e.label = match &e.event {
            Some(name) => name.clone(),
            None => pick_label(&e.sources),
        };
    }
    out.sort_by(|a, b| (a.start, a.end, &a.label).cmp(&(b.start, b.end, &b.label)));
    Timeline { entries: out }
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
            ("On Jan. 5, 2025, Kyiv's troops attacked near Berdin.", None),
        ]);
        assert_eq!(t.entries.len(), 1);
        let e = &t.entries[0];
        assert_eq!((e.start, e.end), (day("2025-01-05"), day("2025-01-05")));
        assert_eq!(e.sources.len(), 2);
        assert_eq!(e.sources[1].file, "d1.txt");
        assert_eq!(e.label, "Ukraine launched a new push in Kursk");
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
    /// every one with figures, many on the same days.
    fn many_dates(n: usize) -> String {
        let mut text = String::new();
        for i in 0..n {
            let day_of_month = i % 28 + 1;
            // Every third line names the day after's weekday.
            let wrong = u64::from(i % 3 == 0);
            let named = day(&format!("2025-01-{day_of_month:02}")) + chrono::Days::new(wrong);
            let weekday = named.format("%A");
            text.push_str(&format!(
                "On {weekday}, January {day_of_month}, 2025, about {i} tanks moved 40 km (25 miles) east.\n"
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
