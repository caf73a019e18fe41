//! Events: the phrases that name an event, the day a clause gives it, and the
//! durations counted from or to it.
//!
//! - A **binding**: the event phrase and a single-day date whose year the text
//!   pins, in one clause: "Ukrainian units crossed into Kursk on August 6,
//!   2024", "On August 6, Ukrainian units crossed into Kursk". Nothing but a
//!   few words may stand between them: no clause break (`;`, a dash, brackets,
//!   quotes, "which", "and", "but" …) and, after the phrase, no comma.
//! - A **reference**: a relation ("five months since", "two weeks before") with
//!   no dated anchor, followed within a few words of its clause by the event
//!   phrase: "Monday was five months since Ukraine's troops crossed into
//!   Kursk". The claim keeps the duration and the time points of the clause
//!   (its own dates before the relation, or the date of writing as its tense
//!   allows), so the `event-elapsed` rule can count from the event's date once
//!   the set has been read.

use regex::Regex;

use super::claims::{Claim, EventDate, EventKey, EventRef};
use super::Story;
use crate::config::check::EventEntry;
use crate::extract::{Kind, RelationKind};
use crate::reading::time::{duration, in_a_relation, is_stretch, pinned_day, time_points};
use crate::reading::view::{show_day, DocView, Label};
use crate::resolve::Value;

/// A named event, compiled.
#[derive(Clone, Debug)]
pub struct Event {
    /// Its name.
    pub name: String,
    /// Its aliases (one regex) and patterns.
    pub matchers: Vec<Regex>,
    /// The day or days it is known to fall on.
    pub date: Option<(chrono::NaiveDate, chrono::NaiveDate)>,
}

impl Event {
    /// Compiles an entry; an error names the text to point at and says what is wrong.
    pub fn compile(e: &EventEntry) -> Result<Event, (String, String)> {
        if e.aliases.is_empty() && e.patterns.is_empty() {
            return Err((
                e.name.clone(),
                format!("event `{}` has no `aliases` nor `patterns`", e.name),
            ));
        }
        let mut matchers = Vec::new();
        if !e.aliases.is_empty() {
            let alts: Vec<String> = e
                .aliases
                .iter()
                .map(|a| {
                    a.split_whitespace()
                        .map(regex::escape)
                        .collect::<Vec<_>>()
                        .join(r"\s+")
                })
                .collect();
            let re = format!(r"(?i)(?-u:\b)(?:{})(?-u:\b)", alts.join("|"));
            matchers.push(
                Regex::new(&crate::config::quotes::tolerant(&re))
                    .map_err(|x| (e.name.clone(), x.to_string()))?,
            );
        }
        for p in &e.patterns {
            let re = Regex::new(&crate::config::quotes::tolerant(&format!("(?i){p}")))
                .map_err(|x| (p.clone(), crate::config::invalid_regex(p, &x)))?;
            matchers.push(re);
        }
        let date = match &e.date {
            None => None,
            Some(d) => Some(super::parse_day_range(d).ok_or_else(|| {
                (
                    d.clone(),
                    format!(
                        "`{d}` is not a date: write YYYY-MM-DD, YYYY-MM or YYYY-MM-DD/YYYY-MM-DD"
                    ),
                )
            })?),
        };
        Ok(Event {
            name: e.name.clone(),
            matchers,
            date,
        })
    }
}

/// Where an event phrase is written.
#[derive(Clone, Debug)]
pub struct Match {
    /// The event (rule file index).
    pub event: usize,
    /// Byte span.
    pub span: std::ops::Range<usize>,
}

/// Every event phrase in the document's prose, in text order.
#[must_use]
pub fn find(v: &DocView<'_>, story: &Story) -> Vec<Match> {
    let mut out = Vec::new();
    for (k, e) in story.events.iter().enumerate() {
        for re in &e.matchers {
            out.extend(re.find_iter(&v.doc.prose).map(|m| Match {
                event: k,
                span: m.range(),
            }));
        }
    }
    out.sort_by_key(|m| (m.span.start, m.event));
    out.dedup_by(|a, b| a.event == b.event && a.span.start < b.span.end);
    out
}

/// Words that open a new clause: a date beyond one belongs to another verb.
pub(crate) const CLAUSE_WORDS: &[&str] = &[
    "which", "who", "and", "but", "while", "when", "after", "before", "since", "until", "than",
    "as", "that", "where", "because", "although", "though", "whereas", "if", "then", "or",
];

/// The text between two offsets joins one clause: short, one line, no clause
/// break; `comma` allows a comma (the one closing "On August 6,").
pub(crate) fn one_clause(v: &DocView<'_>, a: usize, b: usize, comma: bool) -> bool {
    let Some(gap) = v.doc.prose.get(a..b) else {
        return false;
    };
    if gap.len() > 60
        || gap.contains([
            '\n', ';', '(', ')', '—', '–', '"', '“', '”', ':', '.', '!', '?',
        ])
        || (!comma && gap.contains(','))
        || gap.matches(',').count() > 1
    {
        return false;
    }
    !gap.split(|c: char| !c.is_alphanumeric())
        .any(|w| CLAUSE_WORDS.contains(&w.to_lowercase().as_str()))
}

/// Indices of the mentions that start in `[a, b)`.
pub(crate) fn mentions_in(v: &DocView<'_>, a: usize, b: usize) -> std::ops::Range<usize> {
    let lo = v.mentions.partition_point(|m| m.mention.span.start < a);
    let hi = v.mentions.partition_point(|m| m.mention.span.start < b);
    lo..hi.max(lo)
}

/// The single-day date a clause gives the phrase at `span`, if any: the nearest
/// candidate, after the phrase ("… crossed into Kursk on August 6") or before it
/// after "on" ("On August 6, Ukrainian units crossed …").
pub(crate) fn bound_day(
    v: &DocView<'_>,
    span: &std::ops::Range<usize>,
) -> Option<(usize, chrono::NaiveDate)> {
    let mut best: Option<(usize, usize, chrono::NaiveDate)> = None;
    for k in mentions_in(v, span.start.saturating_sub(80), span.end + 80) {
        let m = &v.mentions[k].mention;
        if !matches!(m.kind, Kind::Date | Kind::Time) || in_a_relation(v, k) {
            continue;
        }
        let Some(day) = pinned_day(v, k) else {
            continue;
        };
        let (dist, ok) = if m.span.start >= span.end {
            (
                m.span.start - span.end,
                one_clause(v, span.end, m.span.start, false),
            )
        } else if m.span.end <= span.start {
            let on = v
                .doc
                .prose
                .get(..m.span.start)
                .unwrap_or("")
                .split_whitespace()
                .last()
                .is_some_and(|w| w.eq_ignore_ascii_case("on"));
            (
                span.start - m.span.end,
                on && one_clause(v, m.span.end, span.start, true),
            )
        } else {
            continue;
        };
        if ok && best.is_none_or(|(d, _, _)| dist < d) {
            best = Some((dist, k, day));
        }
    }
    best.map(|(_, k, d)| (k, d))
}

/// The bindings and references of the named events in `matches`.
pub fn claims(v: &DocView<'_>, doc: usize, story: &Story, matches: &[Match], out: &mut Vec<Claim>) {
    let label = |span: std::ops::Range<usize>, message: String| Label { doc, span, message };
    let mut bound = Vec::new();
    for m in matches {
        if let Some((k, day)) = bound_day(v, &m.span) {
            if bound.contains(&(m.event, k)) {
                continue;
            }
            bound.push((m.event, k));
            let name = &story.events[m.event].name;
            out.push(Claim::EventDate(EventDate {
                doc,
                key: EventKey::Named(m.event),
                phrase: label(m.span.clone(), format!("event `{name}`")),
                date: label(
                    v.mentions[k].mention.span.clone(),
                    format!("{} → {}", v.text(k), show_day(day)),
                ),
                day,
            }));
        }
    }
    if matches.is_empty() {
        return;
    }
    for (i, r) in v.mentions.iter().enumerate() {
        let Value::Relation {
            relation,
            duration: Some(di),
            anchor,
            ..
        } = &r.value
        else {
            continue;
        };
        let sign = match relation {
            RelationKind::Since | RelationKind::Into | RelationKind::After => 1.0,
            RelationKind::Before => -1.0,
            _ => continue,
        };
        // A dated anchor is the single-document rules' business.
        if anchor.is_some_and(|a| pinned_day(v, a).is_some()) {
            continue;
        }
        let end = r.mention.span.end;
        let Some(m) = matches
            .iter()
            .find(|m| m.span.start >= end && m.span.start <= end + 60)
        else {
            continue;
        };
        if !one_clause(v, end, m.span.start, false) || is_stretch(v, *di, m.span.start) {
            continue;
        }
        let Some(dur) = duration(v, *di) else {
            continue;
        };
        // The clause's own time: dates before the relation, or the date of writing.
        let here = r.mention.span.start;
        let exclude: Vec<usize> = v
            .near(i, 2000)
            .filter(|&k| v.mentions[k].mention.span.start >= here)
            .chain(std::iter::once(*di))
            .collect();
        let Some(times) = time_points(v, i, &exclude) else {
            continue;
        };
        let times = times
            .into_iter()
            .map(|t| {
                let l = t.mention.map(|k| {
                    label(
                        v.mentions[k].mention.span.clone(),
                        format!("{} → {}", v.text(k), t.days.show()),
                    )
                });
                (t.days, l)
            })
            .collect();
        let word = v
            .doc
            .text
            .get(v.mentions[*di].mention.span.end..end)
            .unwrap_or("")
            .trim();
        out.push(Claim::EventRef(EventRef {
            doc,
            event: m.event,
            duration: label(v.mentions[*di].mention.span.clone(), String::new()),
            phrase: label(
                m.span.clone(),
                format!("event `{}`", story.events[m.event].name),
            ),
            dur,
            sign,
            written: format!("{} {word}", v.text(*di)),
            count_text: v.text(*di).to_string(),
            times,
        }));
    }
}
