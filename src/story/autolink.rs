//! Linking without a rule file: keys read off the text, tuned for precision.
//!
//! - **An event phrase dated on a day.** A single-day date after "on", in one
//!   clause with a past verb that happens once ("crossed", "invaded",
//!   "annexed", "signed", "died" …) and at least two proper nouns around the
//!   verb: "Ukrainian units crossed into Kursk on August 6, 2024" is keyed
//!   `cross|kursk|ukrainian`. Two documents giving one key two days disagree.
//!   A phrase a rule file names as an event is left to that event.
//! - **A counted noun with the verb that counts it.** "about 1,400 homes
//!   destroyed by the flood", "more than 2,000 homes were destroyed", "the
//!   blast killed 12 people": keyed by the noun and the verb (`home|destroy`),
//!   with the clause's proper nouns and the agent after "by"/"in" as context.
//!   The `figure-conflict` rule compares figures of one key only when their
//!   contexts share a word and one contains the other, their sentences do not
//!   name different days, and, across documents, the documents are dated
//!   within a day of each other.

use super::claims::{Claim, EventDate, EventKey, Figure};
use super::events::{mentions_in, one_clause, Match};
use crate::extract::{Expr, Kind};
use crate::reading::time::{in_a_relation, pinned_day};
use crate::reading::view::{show_day, DocView, Label};
use crate::resolve::{date_range, Value};
use crate::value::units::Dimension;

/// Past verbs of events that happen once, with their stems.
const ONCE_VERBS: &[(&str, &str)] = &[
    ("crossed", "cross"),
    ("invaded", "invade"),
    ("annexed", "annex"),
    ("captured", "capture"),
    ("seized", "seize"),
    ("signed", "sign"),
    ("died", "die"),
    ("resigned", "resign"),
    ("founded", "found"),
    ("inaugurated", "inaugurate"),
    ("elected", "elect"),
    ("born", "born"),
    ("sworn", "swear"),
    ("assassinated", "assassinate"),
    ("collapsed", "collapse"),
    ("erupted", "erupt"),
];

/// Verbs that count a noun ("destroyed", "killed"), with their stems.
const COUNT_VERBS: &[(&str, &str)] = &[
    ("killed", "kill"),
    ("wounded", "wound"),
    ("injured", "injure"),
    ("destroyed", "destroy"),
    ("damaged", "damage"),
    ("displaced", "displace"),
    ("evacuated", "evacuate"),
    ("arrested", "arrest"),
    ("detained", "detain"),
    ("captured", "capture"),
    ("rescued", "rescue"),
    ("deported", "deport"),
    ("flooded", "flood"),
    ("burned", "burn"),
    ("stranded", "strand"),
    ("hospitalized", "hospitalize"),
    ("executed", "execute"),
];

const AUX: &[&str] = &[
    "were",
    "was",
    "have",
    "has",
    "had",
    "been",
    "being",
    "are",
    "is",
    "be",
    "reportedly",
    "already",
    "now",
    "also",
];

/// Capitalised words that are not names.
pub(super) const NOT_NAMES: &[&str] = &[
    "the",
    "a",
    "an",
    "on",
    "in",
    "at",
    "of",
    "and",
    "but",
    "it",
    "its",
    "this",
    "that",
    "he",
    "she",
    "they",
    "we",
    "i",
    "his",
    "her",
    "their",
    "our",
    "after",
    "before",
    "since",
    "by",
    "for",
    "from",
    "to",
    "as",
    "when",
    "while",
    "some",
    "about",
    "more",
    "nearly",
    "mr",
    "mrs",
    "ms",
    "dr",
    "president",
    "minister",
    "officials",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// The words of `s` (letters, digits, `'` and `-`) with their byte offsets.
/// Capitalised only because they open a sentence.
const COMMON_STARTS: &[&str] = &[
    "troops",
    "forces",
    "units",
    "soldiers",
    "officials",
    "police",
    "authorities",
    "there",
    "here",
    "some",
    "many",
    "most",
    "all",
    "both",
    "two",
    "three",
    "several",
    "residents",
    "people",
    "critics",
    "analysts",
    "experts",
    "rebels",
    "militants",
    "protesters",
    "workers",
];

/// The part of `s` after the last of `marks`, or all of `s`. Steps over the
/// mark by its own length: an em dash or a curly quote is three bytes.
fn after_last<'a>(s: &'a str, marks: &[char]) -> &'a str {
    s.char_indices()
        .rfind(|(_, c)| marks.contains(c))
        .map_or(s, |(at, c)| &s[at + c.len_utf8()..])
}

fn words(s: &str) -> Vec<(usize, &str)> {
    word_iter(s).collect()
}

/// The words of `s` with their byte offsets, lazily: most callers stop after a few.
pub(super) fn word_iter(s: &str) -> impl Iterator<Item = (usize, &str)> + '_ {
    let bytes = s.as_bytes();
    let mut i = 0;
    // Whether the char at `i` is inside a word, and its length; ASCII
    // without decoding (most of news copy).
    let at = move |i: usize| -> Option<(bool, usize)> {
        let b = *bytes.get(i)?;
        if b.is_ascii() {
            return Some((b.is_ascii_alphanumeric() || b == b'\'' || b == b'-', 1));
        }
        let c = s.get(i..)?.chars().next()?;
        Some((c.is_alphanumeric() || c == '\u{2019}', c.len_utf8()))
    };
    std::iter::from_fn(move || {
        // Skip to the next word start.
        while let Some((inside, len)) = at(i) {
            if inside {
                break;
            }
            i += len;
        }
        if i >= bytes.len() {
            return None;
        }
        let start = i;
        while let Some((inside, len)) = at(i) {
            if !inside {
                break;
            }
            i += len;
        }
        Some((start, &s[start..i]))
    })
}

/// Proper nouns of `text`, lower case: capitalised words that are not the
/// first of their sentence and not a month, weekday or function word.
fn names(text: &str, first_is_sentence_start: bool) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (n, (_, w)) in words(text).into_iter().enumerate() {
        // A sentence's first word is capitalised anyway: only a name if it is not a common word.
        if n == 0 && first_is_sentence_start && COMMON_STARTS.contains(&w.to_lowercase().as_str()) {
            continue;
        }
        let w = w
            .trim_end_matches(['\'', '’', 's'])
            .trim_end_matches(['\'', '’']);
        if w.chars().next().is_some_and(char::is_uppercase)
            && w.chars().count() > 1
            && !NOT_NAMES.contains(&w.to_lowercase().as_str())
        {
            let l = w.to_lowercase();
            if !out.contains(&l) {
                out.push(l);
            }
        }
    }
    out.sort();
    out
}

/// Where the sentence holding byte `at` starts (at most 400 bytes back): the
/// block holding it (a paragraph, list item or table row), then the shared
/// sentence splitter over that block. Linear in the bytes read.
pub(super) fn sentence_start(v: &DocView<'_>, at: usize) -> usize {
    let prose = &v.doc.prose;
    let mut lo = at.saturating_sub(400);
    while !prose.is_char_boundary(lo) {
        lo += 1;
    }
    let block = lo + super::frames::block_start(v.doc.text.get(lo..at).unwrap_or(""));
    super::frames::sentence_start_from(prose, block, at)
}

/// "… crossed into Kursk on August 6, 2024": automatic event-date claims.
pub fn event_claims(v: &DocView<'_>, doc: usize, named: &[Match], out: &mut Vec<Claim>) {
    let prose = &v.doc.prose;
    for (k, r) in v.mentions.iter().enumerate() {
        let m = &r.mention;
        if !matches!(m.kind, Kind::Date) || in_a_relation(v, k) {
            continue;
        }
        let Some(day) = pinned_day(v, k) else {
            continue;
        };
        // Written after "on".
        let before = prose.get(..m.span.start).unwrap_or("");
        let before_trim = before.trim_end();
        if !before_trim
            .rsplit(char::is_whitespace)
            .next()
            .is_some_and(|w| w.eq_ignore_ascii_case("on"))
        {
            continue;
        }
        let on_at = before_trim.len() - 2;
        let start = sentence_start(v, m.span.start);
        let window_from = on_at.saturating_sub(60).max(start);
        let mut window_from = window_from;
        while !prose.is_char_boundary(window_from) {
            window_from += 1;
        }
        // "on" ending a paragraph, the date opening the next: no clause holds both.
        let Some(window) = prose.get(window_from..on_at) else {
            continue;
        };
        // The last once-verb of the window.
        let Some((vat, stem)) = words(window).into_iter().rev().find_map(|(i, w)| {
            ONCE_VERBS
                .iter()
                .find(|(f, _)| w.eq_ignore_ascii_case(f))
                .map(|(_, s)| (window_from + i, *s))
        }) else {
            continue;
        };
        if !one_clause(v, vat, on_at, false) {
            continue;
        }
        // A named event's phrase is its own binding.
        if named
            .iter()
            .any(|n| n.span.start < m.span.start && n.span.end > start)
        {
            continue;
        }
        // The subject before the verb, in the same clause (up to 40 bytes back).
        let mut subj_from = vat.saturating_sub(40).max(start);
        while !prose.is_char_boundary(subj_from) {
            subj_from += 1;
        }
        let subj = prose.get(subj_from..vat).unwrap_or("");
        let subj = after_last(subj, &[',', ';', '—', '(', '"', '“']);
        let phrase_text = format!("{} {}", subj.trim(), &prose[vat..on_at]);
        let keys = names(&phrase_text, subj_from == start);
        if keys.len() < 2 {
            continue;
        }
        let key = format!("{stem}|{}", keys.join("|"));
        let phrase_start = on_at - phrase_text.len() + 1;
        let mut phrase_start = phrase_start.max(subj_from);
        while !prose.is_char_boundary(phrase_start) {
            phrase_start += 1;
        }
        out.push(Claim::EventDate(EventDate {
            doc,
            key: EventKey::Auto(key),
            phrase: Label {
                doc,
                span: phrase_start..on_at.max(phrase_start),
                message: "the same event phrase".into(),
            },
            date: Label {
                doc,
                span: m.span.clone(),
                message: format!("{} → {}", v.text(k), show_day(day)),
            },
            day,
        }));
    }
}

/// Counted nouns that are not things counted.
const NOT_NOUNS: &[&str] = &[
    "known", "combat", "more", "other", "others", "times", "percent", "year", "years", "month",
    "months", "day", "days", "week", "weeks", "people's", "which", "whom", "of",
];

/// "about 1,400 homes destroyed by the flood": figure claims.
pub fn figure_claims(v: &DocView<'_>, doc: usize, out: &mut Vec<Claim>) {
    let prose = &v.doc.prose;
    for (i, r) in v.mentions.iter().enumerate() {
        let m = &r.mention;
        // The counted noun and where it ends: "1,400 homes", "38,000 Russian troops".
        let (noun, interval, noun_end) = match (&r.value, &m.expr) {
            (
                Value::Quantity(q),
                Expr::Quantity {
                    amount,
                    noun: Some(_),
                    ..
                },
            ) if q.dimension == Dimension::Count && !amount.vague => {
                (q.unit.as_str(), q.interval, m.span.end)
            }
            (Value::Number { interval, .. }, Expr::Number(amount)) if !amount.vague => {
                let after = prose
                    .get(m.span.end..(m.span.end + 40).min(prose.len()))
                    .unwrap_or("");
                // Most bare figures are not followed by a capital: no words to collect.
                if !word_iter(after)
                    .next()
                    .is_some_and(|(_, w)| w.starts_with(|c: char| c.is_uppercase()))
                {
                    continue;
                }
                // Up to two capitalised adjectives, then a plural noun.
                let ws: Vec<(usize, &str)> = word_iter(after).take(3).collect();
                let adjs = ws
                    .iter()
                    .take(2)
                    .take_while(|(_, w)| w.chars().next().is_some_and(char::is_uppercase))
                    .count();
                let Some((at, w)) = ws.get(adjs) else {
                    continue;
                };
                if adjs == 0
                    || after[..*at].contains(['.', ',', ';', '(', '"'])
                    || !w.ends_with('s')
                {
                    continue;
                }
                (*w, *interval, m.span.end + at + w.len())
            }
            _ => continue,
        };
        if noun.len() < 3
            || !noun.chars().all(|c| c.is_ascii_lowercase())
            || NOT_NOUNS.contains(&noun)
        {
            continue;
        }
        // The word before the figure, lower-cased on the stack (no allocation per figure).
        let before_text = prose
            .get(m.span.start.saturating_sub(40)..m.span.start)
            .unwrap_or("");
        let prev_raw = before_text.split_whitespace().next_back().unwrap_or("");
        let mut prev_buf = [0u8; 16];
        let prev = if prev_raw.len() <= prev_buf.len() && prev_raw.is_ascii() {
            prev_buf[..prev_raw.len()].copy_from_slice(prev_raw.as_bytes());
            prev_buf[..prev_raw.len()].make_ascii_lowercase();
            std::str::from_utf8(&prev_buf[..prev_raw.len()]).unwrap_or("")
        } else {
            ""
        };
        // A part, not the whole: "another 300 homes", "of the 38,000 troops".
        if matches!(
            prev,
            "another"
                | "further"
                | "additional"
                | "other"
                | "of"
                | "those"
                | "the"
                | "these"
                | "extra"
                | "first"
                | "last"
        ) {
            continue;
        }
        let after = prose
            .get(noun_end..(noun_end + 80).min(prose.len()))
            .unwrap_or("");
        // Read lazily: the loop below stops at the first word that is not an auxiliary.
        let mut after_words = word_iter(after).take(12).peekable();
        if after_words
            .peek()
            .is_some_and(|(_, w)| w.eq_ignore_ascii_case("of"))
        {
            continue;
        }
        // The verb: after the noun ("homes were destroyed"), or right before it ("killed 12 people").
        let mut verb: Option<(&str, usize)> = None;
        for (at, w) in after_words {
            if after[..at].contains(['.', ';', ',', '(', '—', '"', '“']) {
                break;
            }
            if let Some((_, stem)) = COUNT_VERBS.iter().find(|(f, _)| f.eq_ignore_ascii_case(w)) {
                verb = Some((stem, noun_end + at + w.len()));
                break;
            }
            if !AUX.iter().any(|a| a.eq_ignore_ascii_case(w)) {
                break;
            }
        }
        if verb.is_none() {
            if let Some((_, stem)) = COUNT_VERBS.iter().find(|(f, _)| *f == prev) {
                verb = Some((stem, noun_end));
            }
        }
        let Some((stem, verb_end)) = verb else {
            continue;
        };
        let noun = noun.to_string();
        let start = sentence_start(v, m.span.start);
        // The clause: its sentence up to the mention, and a few words after the verb.
        let tail = prose
            .get(verb_end..(verb_end + 60).min(prose.len()))
            .unwrap_or("");
        let tail = tail
            .find(['.', ';', '—', '(', '"', '“', '\n'])
            .map_or(tail, |c| &tail[..c]);
        // Names before the figure, after any attribution ("Zelensky said …").
        let lead = prose.get(start..m.span.start).unwrap_or("");
        let cut = words(lead)
            .into_iter()
            .filter(|(_, w)| {
                matches!(
                    w.to_lowercase().as_str(),
                    "said"
                        | "says"
                        | "say"
                        | "told"
                        | "reported"
                        | "according"
                        | "claimed"
                        | "claims"
                        | "estimated"
                        | "estimates"
                        | "announced"
                )
            })
            .map(|(at, w)| at + w.len())
            .last();
        // … and after the last clause break before it.
        let clause = lead
            .char_indices()
            .rfind(|(_, c)| matches!(c, ',' | ';' | '—'))
            .map(|(at, c)| at + c.len_utf8())
            .into_iter()
            .chain(cut)
            .max();
        let mut context = match clause {
            Some(c) => names(&lead[c..], false),
            None => names(lead, true),
        };
        // "38,000 Russian troops": the adjectives are part of what is counted.
        let adjectives = names(prose.get(m.span.end..noun_end).unwrap_or(""), false);
        for n in names(tail, false) {
            if !context.contains(&n) {
                context.push(n);
            }
        }
        // "The storm killed 12 people", "a landslide killed three": the agent
        // before the verb, so that two killers are two events.
        let lw = words(&lead[clause.unwrap_or(0)..]);
        if let [.., (_, det), (_, agent), _verb] = lw.as_slice() {
            if matches!(det.to_lowercase().as_str(), "the" | "a" | "an")
                && agent.chars().all(|c| c.is_ascii_lowercase())
            {
                let a = agent.to_string();
                if !context.contains(&a) {
                    context.push(a);
                }
            }
        }
        // "by the flood", "in the blast": the agent.
        let tw = words(tail);
        for pair in tw.windows(3) {
            if matches!(pair[0].1.to_lowercase().as_str(), "by" | "in")
                && pair[1].1.eq_ignore_ascii_case("the")
            {
                let a = pair[2].1.to_lowercase();
                if !context.contains(&a) {
                    context.push(a);
                }
            }
        }
        context.sort();
        // The days its sentence names.
        let mut days: Option<(chrono::NaiveDate, chrono::NaiveDate)> = None;
        let end = verb_end + tail.len();
        for k in mentions_in(v, start, end) {
            if !matches!(v.mentions[k].mention.kind, Kind::Date | Kind::Time) {
                continue;
            }
            if let Some(dr) = date_range(&v.mentions[k].value) {
                days = Some(match days {
                    None => (dr.start, dr.end),
                    Some((a, b)) => (a.min(dr.start), b.max(dr.end)),
                });
            }
        }
        let lemma = noun
            .strip_suffix("ies")
            .map(|s| format!("{s}y"))
            .or_else(|| noun.strip_suffix('s').map(str::to_string))
            .unwrap_or_else(|| noun.clone());
        out.push(Claim::Figure(
            format!("{lemma}|{stem}|{}", adjectives.join(" ")),
            Figure {
                doc,
                label: Label {
                    doc,
                    span: m.span.clone(),
                    message: format!("{} ({noun}) → {interval}", v.text(i)),
                },
                interval,
                phrase: if adjectives.is_empty() {
                    format!("{noun} … {stem}")
                } else {
                    format!("{} {noun} … {stem}", adjectives.join(" "))
                },
                context,
                days,
                reference: v.reference.date,
                sentence: start,
            },
        ));
    }
}
