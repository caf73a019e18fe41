//! Events told across the documents of one story, read with the shared reading
//! lexicon.
//!
//! A reporter dates one event with many words: "the ferry capsized on 11
//! October", "Seven people died when a passenger ferry capsized … late on
//! Wednesday", "the Oct. 11 sinking". A [`Frame`] is one such dated clause: the
//! story event it tells (its verb or event noun through `story-events`), the
//! content words of its clause (through `argument-kinds`, so "the deal" and
//! "agreed to acquire" share "deal"), and the day. A [`Topic`] is the names a
//! document is about. `event-date-conflict` links two documents' frames of one
//! event when their documents share the story's names, and, unless a story has
//! the event only once, their clauses share words.

use super::autolink::{sentence_start, word_iter, NOT_NAMES};
use super::claims::{Claim, Count, Frame, Topic};
use crate::extract::{Expr, Kind};
use crate::reading::lexicon::{ReadingLexicon, StoryEvent, VerbForm};
use crate::reading::time::pinned_day;
use crate::reading::view::{show_day, DocView, Label};
use crate::resolve::Value;
use crate::value::units::Dimension;

/// Characters that end a clause for the words around a date.
const CLAUSE_BREAKS: &[char] = &[';', '—', '–', '(', ')', '"', '“', '”', ':', '[', ']'];

/// Words right before a date that make it another time than the event's own:
/// a deadline, a range end, a comparison ("two weeks before January 20").
const NOT_THE_EVENTS_DAY: &[&str] = &[
    "before", "after", "until", "till", "by", "since", "from", "to", "through", "between", "than",
    "and", "or", "ahead", "around", "till",
];

/// Words that open another clause: the verb before them is not the date's.
const SUBORDINATORS: &[&str] = &[
    "since", "when", "after", "before", "because", "while", "although", "though", "if", "until",
    "where", "whereas", "unless",
];

/// Words before a verb that make it not a telling of what happened.
const IRREALIS: &[&str] = &[
    "will", "would", "could", "may", "might", "should", "shall", "must", "can", "to", "not",
    "never", "cannot", "won't", "wouldn't", "didn't", "wasn't", "weren't", "hasn't", "hadn't",
    "again", "also",
];

/// Words that may stand between an event noun and its date: "the eruption on",
/// "the break-in in the early hours of".
const TIME_GLUE: &[&str] = &[
    "on",
    "in",
    "at",
    "of",
    "the",
    "early",
    "late",
    "hours",
    "morning",
    "evening",
    "night",
    "afternoon",
    "before",
    "dawn",
    "midnight",
    "noon",
    "midday",
    "daybreak",
    "sunrise",
    "sunset",
    "shortly",
    "just",
    "during",
    "overnight",
];

/// Words of a clause that say nothing about which happening it tells.
/// Words that make an event's clause tell another occasion of it.
const REPEAT_WORDS: &[&str] = &[
    "again", "second", "third", "fourth", "another", "renewed", "fresh", "latest", "further",
    "repeat", "new",
];

const EMPTY_WORDS: &[&str] = &[
    "year",
    "years",
    "day",
    "days",
    "time",
    "times",
    "hours",
    "hour",
    "early",
    "late",
    "morning",
    "night",
    "dawn",
    "evening",
    "afternoon",
    "local",
    "week",
    "weeks",
    "month",
    "months",
    "last",
    "first",
    "said",
    "says",
    "according",
    "today",
    "yesterday",
    "tonight",
    "then",
    "later",
    "about",
    "nearly",
    "some",
    "more",
    "than",
    "there",
    "here",
    "which",
    "that",
    "who",
    "whom",
    "what",
    "when",
    "where",
    "this",
    "those",
    "these",
    "they",
    "them",
    "its",
    "their",
    "his",
    "her",
    "has",
    "have",
    "had",
    "was",
    "were",
    "been",
    "being",
    "are",
    "is",
    "be",
    "not",
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
    "dozen",
    "dozens",
    "hundred",
    "hundreds",
    "thousand",
    "thousands",
    "million",
    "several",
    "many",
    "few",
    "all",
    "both",
    "other",
    "others",
];

fn lower(w: &str) -> String {
    w.trim_matches(|c: char| c == '\'' || c == '’' || c == '-')
        .to_lowercase()
}

/// A word as the scan keeps it: lower case, but a capitalised word (a name, or
/// a sentence's first word) as written, so it is never read as a verb.
fn kept(w: &str) -> String {
    if w.chars().next().is_some_and(char::is_uppercase) {
        w.trim_matches(|c: char| c == '\'' || c == '’' || c == '-')
            .to_string()
    } else {
        lower(w)
    }
}

/// A past form the lexicon does not list ("concluded", "ordered"): a verb
/// of something else than a story event.
fn unlisted_past(w: &str) -> bool {
    w.len() >= 5
        && w.ends_with("ed")
        && w.starts_with(|c: char| c.is_ascii_lowercase())
        && !matches!(
            w,
            "hundred" | "indeed" | "need" | "speed" | "seed" | "breed"
        )
}

/// Where the sentence holding byte `at` starts, read from `lo` (at most a few
/// hundred bytes before it) with the shared sentence splitter.
pub(super) fn sentence_start_from(prose: &str, lo: usize, at: usize) -> usize {
    let Some(window) = prose.get(lo..at) else {
        return at;
    };
    match crate::reading::sentences::split(window).last() {
        // The window ends a sentence: `at` opens the next one.
        Some(r)
            if window[..r.end].ends_with(['.', '!', '?']) && window[r.end..].trim().is_empty() =>
        {
            at
        }
        Some(r) => lo + r.start,
        None => at,
    }
}

/// After a date that heads a line, the start of the clause its colon opens:
/// only a time of day may stand between ("2025-06-14, 22:10:", "14 June,
/// about 10pm:", "**March 3:**").
fn heading_colon(prose: &str, date_end: usize) -> Option<usize> {
    let rest = prose.get(date_end..)?;
    let line = rest.split('\n').next().unwrap_or("");
    let colon = line
        .char_indices()
        .take_while(|&(at, _)| at < 32)
        .filter(|&(_, c)| c == ':')
        .map(|(at, _)| at)
        // "22:10:": the colon with no digit after it.
        .find(|&at| !line[at + 1..].starts_with(|c: char| c.is_ascii_digit()))?;
    let time_words = line[..colon]
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .all(|w| {
            matches!(
                w.to_lowercase().as_str(),
                "about"
                    | "around"
                    | "at"
                    | "am"
                    | "pm"
                    | "a"
                    | "m"
                    | "gmt"
                    | "bst"
                    | "utc"
                    | "local"
                    | "time"
            )
        });
    if !time_words {
        return None;
    }
    let after = &line[colon + 1..];
    let skip = after.len()
        - after
            .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '*' | '_'))
            .len();
    Some(date_end + colon + 1 + skip)
}

/// Where the block holding the end of `lead` starts: after a blank line, or at
/// a line that opens a list item, a table row or a heading.
pub(super) fn block_start(lead: &str) -> usize {
    for (at, _) in lead.rmatch_indices('\n') {
        let rest = lead[at + 1..].trim_start_matches([' ', '\t']);
        let blank =
            lead[..at].ends_with('\n') || lead[..at].trim_end_matches([' ', '\t']).ends_with('\n');
        let opens = rest.starts_with(['-', '*', '+', '|', '#', '>'])
            || rest.split_once(['.', ')']).is_some_and(|(n, _)| {
                !n.is_empty() && n.len() <= 3 && n.bytes().all(|b| b.is_ascii_digit())
            });
        if blank || opens {
            return at + 1;
        }
    }
    0
}

/// The lower-case word without a possessive.
fn bare(w: &str) -> String {
    let l = lower(w);
    l.strip_suffix("'s")
        .or_else(|| l.strip_suffix("’s"))
        .map_or_else(|| l.clone(), str::to_string)
}

/// The content word `w` names in a clause, if any: lower case, singular, through
/// the argument kinds.
fn argument(w: &str, lex: &ReadingLexicon) -> Option<String> {
    let l = bare(w);
    if l.len() < 3
        || !l.chars().any(char::is_alphabetic)
        || lex.not_nouns.contains(&l)
        || NOT_NAMES.contains(&l.as_str())
        || EMPTY_WORDS.contains(&l.as_str())
    {
        return None;
    }
    if let Some(k) = lex.argument_kinds.get(&l) {
        return Some(k.clone());
    }
    let one = if l.len() > 4 && l.ends_with('s') && !l.ends_with("ss") && !l.ends_with("us") {
        &l[..l.len() - 1]
    } else {
        &l
    };
    if let Some(k) = lex.argument_kinds.get(one) {
        return Some(k.clone());
    }
    if lex.event_words.contains_key(one) || lex.event_words.contains_key(&l) {
        return None;
    }
    Some(one.to_string())
}

/// The past or participle senses' lemmas of a lower-case word.
fn past_lemmas<'l>(lex: &'l ReadingLexicon, w: &str) -> impl Iterator<Item = &'l str> {
    lex.verb(w)
        .iter()
        .filter(|s| matches!(s.form, VerbForm::Past | VerbForm::Participle))
        .map(|s| s.lemma.as_str())
}

fn is_ing_of(lex: &ReadingLexicon, w: &str) -> Option<String> {
    lex.verb(w)
        .iter()
        .find(|s| s.form == VerbForm::Ing)
        .map(|s| s.lemma.clone())
}

/// The story event a word tells as a noun ("eruption", "break-in", "thefts").
fn event_noun<'l>(lex: &'l ReadingLexicon, w: &str) -> Option<&'l StoryEvent> {
    let l = bare(w);
    if lex
        .verb(&l)
        .iter()
        .any(|s| matches!(s.form, VerbForm::Past | VerbForm::Participle))
    {
        // A past verb ("sank"), not a noun; "the rescue of", "the arrests" are nouns.
        return None;
    }
    lex.story_event(&l).or_else(|| {
        l.strip_suffix('s')
            .filter(|s| s.len() > 3)
            .and_then(|s| lex.story_event(s))
    })
}

/// What one word, read as a past verb, tells: `Some(Some(event))` an event,
/// `Some(None)` a verb of something else (the clause's verb is not an event),
/// `None` not a past verb.
fn past_event<'l>(
    lex: &'l ReadingLexicon,
    words: &[(usize, String)],
    at: usize,
) -> Option<Option<&'l StoryEvent>> {
    let w = &words[at].1;
    let lemmas: Vec<&str> = past_lemmas(lex, w).collect();
    let ing = if lemmas.is_empty() {
        // "began erupting": the gerund after a verb of beginning.
        let prev = at.checked_sub(1).map(|p| words[p].1.as_str());
        match (is_ing_of(lex, w), prev) {
            (Some(l), Some(p)) if past_lemmas(lex, p).any(|b| b == "begin" || b == "start") => {
                Some(l)
            }
            _ => None,
        }
    } else {
        None
    };
    if lemmas.is_empty() && ing.is_none() {
        return unlisted_past(w).then_some(None);
    }
    if let Some(l) = ing {
        return Some(lex.story_event(&l));
    }
    // "broke into": a phrase first.
    if let Some(next) = words.get(at + 1) {
        for l in &lemmas {
            if let Some(e) = lex.story_event(&format!("{l} {}", next.1)) {
                return Some(Some(e));
            }
        }
    }
    if let Some(e) = lemmas.iter().find_map(|l| lex.story_event(l)) {
        return Some(Some(e));
    }
    if lemmas.iter().any(|l| *l == "begin" || *l == "start") {
        // "The eruption began …", "The eruption at Mount Hekla began …": the
        // event is the noun before it, across a place after a preposition.
        let noun = (at.saturating_sub(6)..at)
            .rev()
            .take_while(|&p| {
                let w = words[p].1.as_str();
                event_noun(lex, w).is_some()
                    || w.starts_with(char::is_uppercase)
                    || matches!(w, "at" | "in" | "on" | "of" | "near" | "off" | "the")
            })
            .find_map(|p| event_noun(lex, &words[p].1));
        return Some(noun);
    }
    Some(None)
}

/// "… the ferry capsized in the Sound of Carrick on 17 October": one frame per
/// date pinned to a day that a clause gives to a story event.
pub fn event_frames(v: &DocView<'_>, doc: usize, lex: &ReadingLexicon, out: &mut Vec<Claim>) {
    let prose = &v.doc.prose;
    for (k, r) in v.mentions.iter().enumerate() {
        let m = &r.mention;
        // A date, or a clock time with its day ("shortly after midnight on
        // Nov. 9"); a bare time takes the document's day, which dates nothing.
        let timed_day = m.kind == Kind::Time && v.text(k).contains(" on ");
        if !(m.kind == Kind::Date || timed_day) {
            continue;
        }
        let Some(day) = pinned_day(v, k) else {
            continue;
        };
        // Where the day is written: a timed day's clause reads through its
        // clock time ("shortly after midnight on" leads to "Nov. 9").
        let date_at = match v.text(k).find(" on ") {
            Some(on) if timed_day => m.span.start + on + 4,
            _ => m.span.start,
        };
        // The event's word stands within 20 words before the date or a few after.
        let mut cue_from = date_at.saturating_sub(200);
        while !prose.is_char_boundary(cue_from) {
            cue_from += 1;
        }
        let mut hi = (m.span.end + 60).min(prose.len());
        while !prose.is_char_boundary(hi) {
            hi -= 1;
        }
        if !lex.event_cues.any_in(&prose[cue_from..hi]) {
            continue;
        }
        let start = sentence_start(v, date_at);
        let Some(lead) = prose.get(start..date_at) else {
            continue;
        };
        let clause_from = lead
            .char_indices()
            .rfind(|(_, c)| CLAUSE_BREAKS.contains(c))
            .map_or(start, |(at, c)| start + at + c.len_utf8());
        let before: Vec<(usize, String)> = word_iter(&prose[clause_from..date_at])
            .map(|(at, w)| (clause_from + at, kept(w)))
            .collect();
        // Where a comma stands between word `i` and what follows it.
        let comma_after = |i: usize| -> bool {
            let from = before[i].0 + before[i].1.len();
            let to = before.get(i + 1).map_or(date_at, |w| w.0);
            prose.get(from..to).is_some_and(|g| g.contains(','))
        };
        if before
            .last()
            .is_some_and(|(_, w)| NOT_THE_EVENTS_DAY.contains(&w.as_str()))
        {
            continue;
        }
        // The words after the date, to the end of its clause; after the colon
        // of a date that heads a line ("- **2025-06-14, 22:10:** the ferry
        // capsized …", "March 3: Train derails").
        let line_so_far = lead.rsplit('\n').next().unwrap_or("");
        let tail_from = if line_so_far
            .trim_start_matches(|c: char| {
                c.is_whitespace() || matches!(c, '-' | '*' | '+' | '>' | '|' | '_')
            })
            .is_empty()
        {
            heading_colon(prose, m.span.end).unwrap_or(m.span.end)
        } else {
            m.span.end
        };
        let tail_end = prose[tail_from..]
            .char_indices()
            .take(160)
            .find(|(_, c)| CLAUSE_BREAKS.contains(c) || matches!(c, '.' | '!' | '?'))
            .map_or((tail_from + 160).min(prose.len()), |(at, _)| tail_from + at);
        let mut tail_end = tail_end;
        while !prose.is_char_boundary(tail_end) {
            tail_end -= 1;
        }
        // A date alone on its line (a dateline) opens no clause after it; a
        // hard-wrapped line reads on.
        let tail = &prose[tail_from..tail_end];
        let alone = line_so_far.trim().is_empty()
            && tail
                .split('\n')
                .next()
                .is_some_and(|l| !l.chars().any(char::is_alphanumeric));
        let tail = if alone {
            ""
        } else {
            tail.find("\n\n").map_or(tail, |n| &tail[..n])
        };
        let after: Vec<(usize, String)> = word_iter(tail)
            .take(14)
            .map(|(at, w)| (tail_from + at, kept(w)))
            .collect();
        let Some((event, at, arg_words)) = find_event(lex, &before, &after, &comma_after) else {
            continue;
        };
        // "erupted again", "arrested a second man": another occasion of the
        // event, which dates nothing another document tells.
        if before
            .iter()
            .rev()
            .take(6)
            .map(|(_, w)| w.as_str())
            .chain(after.iter().take(6).map(|(_, w)| w.as_str()))
            .chain(arg_words.iter().copied())
            .any(|w| REPEAT_WORDS.contains(&lower(w).as_str()))
        {
            continue;
        }
        let mut args: Vec<String> = arg_words.iter().filter_map(|w| argument(w, lex)).collect();
        args.sort();
        args.dedup();
        let (pat, pend) = at;
        out.push(Claim::Frame(Frame {
            doc,
            event: event.name.clone(),
            once: event.once,
            args,
            day,
            phrase: Label {
                doc,
                span: pat..pend,
                message: format!("tells the {}", event.name),
            },
            date: Label {
                doc,
                span: m.span.clone(),
                message: format!("{} → {}", v.text(k), show_day(day)),
            },
        }));
    }
}

type Found<'l, 'w> = (&'l StoryEvent, (usize, usize), Vec<&'w str>);

/// The event a date's clause tells, where its word is, and the words of the
/// clause that say which one.
fn find_event<'l, 'w>(
    lex: &'l ReadingLexicon,
    before: &'w [(usize, String)],
    after: &'w [(usize, String)],
    comma_after: &dyn Fn(usize) -> bool,
) -> Option<Found<'l, 'w>> {
    let span_of = |(at, w): &(usize, String)| (*at, *at + w.len());
    // "the Feb. 10 break-in": an event noun right after the date is its event.
    if let Some(first) = after.first() {
        if before.last().is_some_and(|(_, w)| w == "the" || w == "The") {
            if let Some(e) = event_noun(lex, &first.1) {
                let mut args: Vec<&str> = before.iter().map(|(_, w)| w.as_str()).collect();
                args.extend(after[1..].iter().take(8).map(|(_, w)| w.as_str()));
                return Some((e, span_of(first), args));
            }
        }
    }
    // Backward from the date: the clause's verb, or an event noun right before it.
    let lo = before.len().saturating_sub(20);
    for i in (lo..before.len()).rev() {
        let w = &before[i].1;
        // "before dawn on 2 June" is a time, not another clause.
        let opens_clause = SUBORDINATORS.contains(&w.as_str())
            && i + 1 < before.len()
            && !before[i + 1..]
                .iter()
                .all(|(_, g)| TIME_GLUE.contains(&g.as_str()));
        if opens_clause || comma_after(i) {
            break;
        }
        if let Some(found) = past_event(lex, before, i) {
            let e = found?;
            if before[i.saturating_sub(2)..i]
                .iter()
                .any(|(_, p)| IRREALIS.contains(&p.as_str()))
            {
                return None;
            }
            let mut args = subject(lex, before, i);
            args.extend(before[i + 1..].iter().map(|(_, w)| w.as_str()));
            return Some((e, span_of(&before[i]), args));
        }
        if let Some(e) = event_noun(lex, w) {
            // "the eruption on", or "the derailment of a freight train in the
            // village on" (no verb between: the scan would have stopped there).
            let between = &before[i + 1..];
            if between.iter().all(|(_, g)| TIME_GLUE.contains(&g.as_str()))
                || between.first().is_some_and(|(_, g)| g == "of")
            {
                let mut args = subject(lex, before, i);
                args.extend(after.iter().take(8).map(|(_, w)| w.as_str()));
                return Some((e, span_of(&before[i]), args));
            }
        }
    }
    // After the date: "the Feb. 10 break-in", "Brannock today announced …", "On
    // Tuesday, police arrested …".
    let opens_clause = before.iter().all(|(_, w)| TIME_GLUE.contains(&w.as_str()));
    let reach = if opens_clause { 4 } else { 1 };
    for j in 0..after.len().min(reach) {
        if let Some(e) = event_noun(lex, &after[j].1).filter(|_| j == 0) {
            let mut args: Vec<&str> = before.iter().map(|(_, w)| w.as_str()).collect();
            args.extend(after[1..].iter().take(8).map(|(_, w)| w.as_str()));
            return Some((e, span_of(&after[j]), args));
        }
        if let Some(found) = past_event(lex, after, j) {
            let e = found?;
            if after[j.saturating_sub(2)..j]
                .iter()
                .any(|(_, p)| IRREALIS.contains(&p.as_str()))
            {
                return None;
            }
            let mut args: Vec<&str> = before.iter().map(|(_, w)| w.as_str()).collect();
            args.extend(after[..j].iter().map(|(_, w)| w.as_str()));
            args.extend(after[j + 1..].iter().take(10).map(|(_, w)| w.as_str()));
            return Some((e, span_of(&after[j]), args));
        }
    }
    None
}

/// The words before the event word `i` that belong to its clause: back to a
/// subordinator or another past verb, at most 12.
fn subject<'w>(lex: &ReadingLexicon, words: &'w [(usize, String)], i: usize) -> Vec<&'w str> {
    let mut out = Vec::new();
    for j in (i.saturating_sub(12)..i).rev() {
        let w = words[j].1.as_str();
        if SUBORDINATORS.contains(&w) || past_lemmas(lex, w).next().is_some() {
            break;
        }
        out.push(w);
    }
    out
}

/// Where a word starts a sentence: after `.`, `!`, `?`, a line break or a quote.
fn starts_sentence(prose: &str, at: usize) -> bool {
    prose[..at]
        .chars()
        .rev()
        .find(|c| {
            !matches!(
                c,
                ' ' | '\t' | '"' | '“' | '\'' | '‘' | '(' | '*' | '#' | '-'
            )
        })
        .is_none_or(|c| matches!(c, '.' | '!' | '?' | '\n' | ':' | '|' | '—'))
}

/// The names document `doc` is about: capitalised words that do not open a
/// sentence, lower case, sorted, at most 300. One pass over the bytes; each
/// distinct word is lowered once.
#[must_use]
pub fn topic(v: &DocView<'_>, doc: usize, lex: &ReadingLexicon) -> Topic {
    let prose = &v.doc.prose;
    let bytes = prose.as_bytes();
    // Letters, digits, `'`, `-` and every byte of a non-ASCII character: a word
    // ends only at an ASCII byte, so always on a character boundary.
    let in_word = |b: u8| b.is_ascii_alphanumeric() || b == b'\'' || b == b'-' || b >= 0x80;
    let mut seen: rustc_hash::FxHashSet<&str> = rustc_hash::FxHashSet::default();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if !(b.is_ascii_uppercase() && (i == 0 || !in_word(bytes[i - 1]))) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < bytes.len() && in_word(bytes[j]) {
            j += 1;
        }
        if j - i >= 2 && !starts_sentence(prose, i) {
            seen.insert(&prose[i..j]);
        }
        i = j;
    }
    let mut names: Vec<String> = seen
        .into_iter()
        .map(bare)
        .filter(|l| !NOT_NAMES.contains(&l.as_str()) && !lex.generic_names.contains(l))
        .collect();
    names.sort();
    names.dedup();
    names.truncate(300);
    Topic { doc, names }
}

/// Words between a counted noun and its verb: "people had registered",
/// "works … that were stolen".
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
    "reportedly",
    "that",
    "which",
    "who",
    "all",
    "later",
    "eventually",
];

/// Words before a figure that make it a part or another count than the
/// event's: "another 300", "the other 45", "the first 20".
const NOT_THE_COUNT: &[&str] = &[
    "another",
    "other",
    "further",
    "additional",
    "extra",
    "first",
    "last",
    "remaining",
    "those",
    "these",
    "than",
    "of",
    "per",
    "every",
    "each",
];

/// "the deaths of eleven people", "412 patients were randomized", "randomized
/// 512 patients", "11 works by Agnes Ashby that were stolen": a counted noun
/// with the story event that counts it.
pub fn count_frames(v: &DocView<'_>, doc: usize, lex: &ReadingLexicon, out: &mut Vec<Claim>) {
    let prose = &v.doc.prose;
    for (i, r) in v.mentions.iter().enumerate() {
        let m = &r.mention;
        let interval = match (&r.value, &m.expr) {
            (Value::Quantity(q), Expr::Quantity { .. }) if q.dimension == Dimension::Count => {
                q.interval
            }
            (Value::Number { interval, .. }, Expr::Number(_)) => *interval,
            _ => continue,
        };
        // Most figures count no plural noun ("12 pct", "5 mln dlrs"): look at
        // the one word that would be it before reading the clause.
        let near = prose
            .get(m.span.start..(m.span.end + 40).min(prose.len()))
            .or_else(|| prose.get(m.span.start..))
            .unwrap_or("");
        let inside = m.span.end - m.span.start;
        let candidate = if matches!(m.expr, Expr::Quantity { .. }) {
            word_iter(near).take_while(|(at, _)| *at < inside).last()
        } else {
            word_iter(near)
                .skip_while(|(at, _)| *at < inside)
                .take(3)
                .find(|(_, w)| !w.starts_with(|c: char| c.is_uppercase()))
        };
        if !candidate.is_some_and(|(_, w)| {
            (w.len() >= 4 && w.ends_with('s') && w.bytes().all(|b| b.is_ascii_lowercase()))
                || matches!(w, "people" | "men" | "women" | "children")
        }) {
            continue;
        }
        // The words from the figure on, to the end of its clause: no word
        // after it is read.
        let mut end = (m.span.start + 160).min(prose.len());
        while !prose.is_char_boundary(end) {
            end -= 1;
        }
        let rest = &prose[m.span.start..end];
        // To the end of the clause: a comma or full stop before a space ("35,100"
        // and "2.5" read on), or other punctuation.
        let cut = rest.char_indices().find(|&(at, c)| {
            matches!(c, ';' | '(' | ')' | ':' | '"' | '“' | '”' | '—' | '|')
                || (matches!(c, ',' | '.')
                    && rest[at + 1..]
                        .chars()
                        .next()
                        .is_none_or(char::is_whitespace))
        });
        let rest = cut.map_or(rest, |(n, _)| &rest[..n]);
        // The word of a story event whose counts are compared must stand
        // near, before the figure or in its clause: a verb of the lexicon or
        // an event noun, written in lower case (no allocation for the many
        // figures without one).
        let mut from = m.span.start.saturating_sub(30);
        while !prose.is_char_boundary(from) {
            from += 1;
        }
        let mut to = (m.span.end + 100)
            .min(m.span.start + rest.len())
            .max(m.span.end);
        while !prose.is_char_boundary(to) {
            to -= 1;
        }
        let eventful = prose
            .get(from..to)
            .is_some_and(|window| lex.count_cues.any_in(window));
        if !eventful {
            continue;
        }
        let words: Vec<(usize, String)> = word_iter(rest)
            .take(16)
            .map(|(at, w)| (m.span.start + at, kept(w)))
            .collect();
        // The counted noun, a plural in lower case: the mention's last word
        // ("412 patients"), or the word after a bare number, past up to two
        // capitalised words ("eight Ashby works").
        let noun_at = if matches!(m.expr, Expr::Quantity { .. }) {
            words.iter().rposition(|(at, _)| *at < m.span.end)
        } else {
            let first = words.iter().position(|(at, _)| *at >= m.span.end);
            first.map(|f| {
                let mut k = f;
                while k < f + 2
                    && words
                        .get(k)
                        .is_some_and(|(_, w)| w.starts_with(|c: char| c.is_uppercase()))
                {
                    k += 1;
                }
                k
            })
        };
        let Some(noun_at) = noun_at.filter(|&k| k < words.len()) else {
            continue;
        };
        let noun = &words[noun_at].1;
        let plural = noun.len() >= 4
            && noun.ends_with('s')
            && noun.chars().all(|c| c.is_ascii_lowercase())
            && !lex.not_nouns.contains(noun.as_str())
            && !EMPTY_WORDS.contains(&noun.as_str());
        if !plural && !matches!(noun.as_str(), "people" | "men" | "women" | "children") {
            continue;
        }
        let kind = lex
            .kinds
            .get(noun.as_str())
            .or_else(|| lex.argument_kinds.get(noun.as_str()))
            .cloned()
            .unwrap_or_else(|| noun.trim_end_matches('s').to_string());
        // What stands before the figure.
        let mut lead_from = m.span.start.saturating_sub(60);
        while !prose.is_char_boundary(lead_from) {
            lead_from += 1;
        }
        let lead = prose.get(lead_from..m.span.start).unwrap_or("");
        // Only the last words matter: the verb or event noun right before.
        let all: Vec<&str> = word_iter(lead).map(|(_, w)| w).collect();
        let lead_words: Vec<String> = all[all.len().saturating_sub(3)..]
            .iter()
            .map(|w| kept(w))
            .collect();
        let between_ok = !lead.trim_end().ends_with([',', '.', ';', ':']);
        let prev = lead_words.last().map(String::as_str).unwrap_or("");
        let prev2 = lead_words
            .len()
            .checked_sub(2)
            .map_or("", |k| lead_words[k].as_str());
        let event = if between_ok && prev == "of" && !NOT_THE_COUNT.contains(&prev2) {
            // "the deaths of eleven people", "the theft of eight works".
            event_noun(lex, prev2)
        } else {
            None
        };
        if event.is_none() && NOT_THE_COUNT.contains(&prev) && prev != "of" {
            continue;
        }
        let event = event.or_else(|| {
            // "randomized 512 patients", "killed 12 people".
            let k = lead_words.len().checked_sub(1)?;
            if !between_ok {
                return None;
            }
            let pairs: Vec<(usize, String)> = lead_words.iter().map(|w| (0, w.clone())).collect();
            past_event(lex, &pairs, k)?
        });
        let event = event.or_else(|| {
            // After the noun: "were randomized", "by Agnes Ashby that were stolen".
            let mut j = noun_at + 1;
            // "works by Victorian painter Agnes Ashby that were stolen": past a
            // short complement to a relative pronoun.
            if words
                .get(j)
                .is_some_and(|(_, w)| w == "by" || w == "from" || w == "of")
            {
                if let Some(k) = words[j..]
                    .iter()
                    .take(8)
                    .position(|(_, w)| matches!(w.as_str(), "that" | "which" | "who"))
                {
                    j += k;
                }
            }
            // "three paintings stolen in the raid had been found": a participle
            // right after the noun, with the clause's own verb after it, says
            // which of them; the count is of what that verb tells.
            let reduced = j == noun_at + 1;
            while words.get(j).is_some_and(|(_, w)| AUX.contains(&w.as_str())) {
                j += 1;
            }
            if j >= words.len() {
                return None;
            }
            let event = past_event(lex, &words, j)?;
            let main_verb_later = words.iter().skip(j + 1).take(8).any(|(_, w)| {
                matches!(
                    w.as_str(),
                    "had" | "have" | "has" | "were" | "was" | "are" | "is"
                )
            });
            if reduced && main_verb_later {
                return None;
            }
            event
        });
        let Some(event) = event.filter(|e| e.counts) else {
            continue;
        };
        out.push(Claim::Count(Count {
            doc,
            event: event.name.clone(),
            grows: event.grows,
            once: event.once,
            kind,
            interval,
            reference: v.reference.date,
            label: Label {
                doc,
                span: m.span.clone(),
                message: format!("{} ({} {}) → {interval}", v.text(i), noun, event.name),
            },
        }));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::DEFAULT;
    use crate::reading::lexicon::DEFAULT as READING;
    use crate::source::{Document, Format};

    /// The frames of one dated text: (event, word, day).
    fn frames(text: &str) -> Vec<(String, String, String)> {
        let doc = Document::from_text(
            "t.md".to_string(),
            format!("---\ndate: 2025-03-05\n---\n{text}\n"),
            Format::Markdown,
        );
        let (reference, mentions) =
            crate::resolve::run(&doc, &DEFAULT, &crate::extract::Options::default(), None);
        let v = DocView {
            doc: &doc,
            reference,
            mentions: &mentions,
        };
        let mut out = Vec::new();
        event_frames(&v, 0, &READING, &mut out);
        out.into_iter()
            .filter_map(|c| match c {
                Claim::Frame(f) => Some((
                    f.event,
                    doc.text[f.phrase.span].to_string(),
                    f.day.to_string(),
                )),
                _ => None,
            })
            .collect()
    }

    fn one(event: &str, word: &str, day: &str) -> Vec<(String, String, String)> {
        vec![(event.into(), word.into(), day.into())]
    }

    #[test]
    fn the_forms_reporters_date_an_event_in() {
        for (text, want) in [
            ("The trawler capsized off Fair Isle on 11 October last year.", one("capsize", "capsized", "2024-10-11")),
            ("Cerro Lanza, a volcano in northern Peru, began erupting shortly after midnight on 2 June 2023.", one("erupt", "erupting", "2023-06-02")),
            ("The eruption began shortly after midnight on Monday, March 3.", one("erupt", "began", "2025-03-03")),
            ("The eruption at Mount Hekla began early on Monday, March 3.", one("erupt", "began", "2025-03-03")),
            ("Mount Karsa began erupting shortly after midnight on Nov. 9, sending ash into the sky.", one("erupt", "erupting", "2024-11-09")),
            ("Police arrested two men in connection with the Feb. 10 break-in at the museum.", one("steal", "break-in", "2025-02-10")),
            ("Burglars broke into the Kellaway Gallery in the early hours of Monday 10 February.", one("steal", "broke", "2025-02-10")),
            ("The trawler went down off the Lofoten Islands on Feb. 8.", one("capsize", "went", "2025-02-08")),
            ("It followed the derailment of a freight train in the village on October 18, 2024.", one("derail", "derailment", "2024-10-18")),
            ("Brannock today announced that it has agreed to acquire Fellmoor.", one("announce", "announced", "2025-03-05")),
            ("Shares are down 9% since the merger was announced on Jan. 15.", one("announce", "announced", "2025-01-15")),
        ] {
            assert_eq!(frames(text), want, "{text}");
        }
    }

    #[test]
    fn dates_that_are_not_the_events_day_make_no_frame() {
        for text in [
            // A deadline, a comparison, a future, another clause's verb.
            "The museum was robbed two weeks before January 20.",
            "The results will be announced on March 20.",
            "The dam collapsed, officials concluded on Friday.",
            "Thieves broke in and the gallery said on Monday it would reopen.",
            "- 2025-02-01: results announced\n- 2025-02-19: application submitted\n",
        ] {
            let f = frames(text);
            assert!(
                f.iter().all(|(_, _, d)| d != "2025-01-20"
                    && d != "2025-03-20"
                    && d != "2025-02-28"
                    && d != "2025-03-03"
                    && d != "2025-02-19"),
                "{text}: {f:?}"
            );
        }
    }
}
