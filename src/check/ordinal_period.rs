#![doc = include_str!("../../docs/rules/ordinal-period.md")]

use super::timeline::{
    count_units, date_label, mention_label, ordinal_word, pinned_range, reference_time,
    sentence_times, time_name, Days,
};
use super::{Applicability, Check, CheckContext, DocView, Finding, Fix, Label};
use crate::extract::{Expr, Kind, RelationKind};
use crate::resolve::{shift_fractional, Value};
use crate::value::calendar::{add_days, add_years, elapsed_in, CalendarUnit};
use chrono::Datelike;

/// The rule.
pub struct OrdinalPeriod;

/// A word that makes the date after it a start: a verb of the `begin` class in
/// the reading lexicon ("began", "opened", "declared", "founded"), or "since".
fn start_word(w: &str) -> bool {
    w == "since"
        || crate::reading::lexicon::DEFAULT
            .verb(w)
            .iter()
            .any(|s| s.class == "begin")
}

/// The start date of the period of mention `i`: a date in its sentence written
/// right after a start word, before the phrase ("Founded in May 1921 and now in
/// its 104th year"), or after it in the same segment ("the fifth day of a debate
/// that opened on Monday 18 November"). After a comma the start may be of
/// something else ("the fourth year of the agreement, which began October 1").
fn start_date(v: &DocView<'_>, i: usize) -> Option<usize> {
    let here = v.mentions[i].mention.span.clone();
    v.near(i, 2000).find(|&k| {
        let r = &v.mentions[k];
        if k == i || !matches!(r.mention.kind, Kind::Date) || pinned_range(v, k).is_none() {
            return false;
        }
        let span = &r.mention.span;
        if !v.same_sentence(span.start.min(here.start), span.end.max(here.end)) {
            return false;
        }
        if !started_at(v, span.start) {
            return false;
        }
        if span.start < here.start {
            return true;
        }
        let between = v.doc.prose.get(here.end..span.start).unwrap_or(",");
        let restrictive = between.trim_start().starts_with("of ")
            && !between.contains([',', ';', '(', ')', '\u{2014}', '\u{2013}']);
        restrictive || aside_before_its_verb(v, &here, between)
    })
}

/// "The siege of the town, now in its third month, began on Jan. 31": the
/// phrase (byte span `here`) told in an aside between a subject and its start
/// verb, which dates it (`between` is the text from the phrase to the date).
fn aside_before_its_verb(v: &DocView<'_>, here: &std::ops::Range<usize>, between: &str) -> bool {
    // After the aside's closing comma, a start verb and the date's preposition
    // at most: ", began on", ", was launched in".
    let Some(rest) = between.trim_start().strip_prefix(',') else {
        return false;
    };
    let words: Vec<String> = rest.split_whitespace().map(|w| w.to_lowercase()).collect();
    let verb = words.iter().position(|w| w != "since" && start_word(w));
    let short = matches!(verb, Some(p) if words.len() <= 3 && words.len() - p <= 2);
    if !short
        || words[..verb.unwrap_or(0)]
            .iter()
            .any(|w| !matches!(w.as_str(), "was" | "were" | "first"))
    {
        return false;
    }
    // Before the phrase, the aside opens with a comma: ", now in", ", which is
    // now in", ", in".
    let before = v.doc.prose.get(..here.start).unwrap_or("");
    let Some((_, aside)) = before.rsplit_once(',') else {
        return false;
    };
    let aside: Vec<String> = aside.split_whitespace().map(str::to_lowercase).collect();
    let aside: Vec<&str> = aside.iter().map(String::as_str).collect();
    matches!(
        aside.as_slice(),
        ["now", "in"]
            | ["in"]
            | ["which", "is", "now", "in"]
            | ["which", "is", "in"]
            | ["which", "is", "now"]
            | ["now"]
    )
}

/// A start word in the segment before byte `at` (a date), a few words back
/// ("Founded as a single creamery in Somerset in May 1921").
fn started_at(v: &DocView<'_>, at: usize) -> bool {
    let words = segment_words(v, at);
    words.iter().rev().take(8).any(|w| start_word(w))
}

/// The words of the segment before byte `at`, lower case, at most 80 bytes back.
fn segment_words(v: &DocView<'_>, at: usize) -> Vec<String> {
    let mut from = at.saturating_sub(80);
    while !v.doc.prose.is_char_boundary(from) {
        from += 1;
    }
    let before = v.doc.prose.get(from..at).unwrap_or("").to_lowercase();
    let segment = before
        .rsplit([',', ';', '(', ')', '.', '\u{2014}', '\u{2013}'])
        .next()
        .unwrap_or("");
    segment
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Words that are no noun a thing's "its" can point back to.
fn no_owner(w: &str) -> bool {
    matches!(
        w,
        "same" | "first" | "last" | "next" | "other" | "new" | "latest" | "current" | "end"
    ) || w.chars().any(|c| !c.is_alphabetic())
}

/// What "its" in "its 21st day" points back to: the last "the NOUN" written
/// a few words before it in its sentence ("As the eruption entered its 21st
/// day", "the investigation, now in its fifth week").
fn owner(sentence_before: &str) -> Option<String> {
    let words: Vec<String> = sentence_before
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    let n = words.len();
    (n.saturating_sub(6)..n.saturating_sub(1))
        .rev()
        .find(|&k| words[k] == "the" && !no_owner(&words[k + 1]))
        .map(|k| words[k + 1].clone())
}

/// The start of the period of "its Nth day", told in a sentence before: "The
/// eruption began before dawn on June 12, and it has not stopped since. As the
/// eruption entered its 21st day on Saturday, …". The owner of "its" is the
/// subject of a start verb a sentence or two back in the paragraph, dated in
/// that verb's segment.
fn start_told_before(v: &DocView<'_>, i: usize) -> Option<usize> {
    let here = v.mentions[i].mention.span.clone();
    let phrase = v.text(i).to_lowercase();
    if !phrase.starts_with("its ") {
        return None;
    }
    let prose = &v.doc.prose;
    let mut para = prose[..here.start].rfind("\n\n").map_or(0, |k| k + 2);
    para = para.max(here.start.saturating_sub(1500));
    while !prose.is_char_boundary(para) {
        para += 1;
    }
    let sentences = crate::reading::sentences::split(&prose[para..here.start]);
    let (last, earlier) = sentences.split_last()?;
    let noun = owner(&prose[para + last.start..here.start])?;
    let earlier: Vec<_> = earlier.iter().rev().take(2).collect();
    let lo = para + earlier.last()?.start;
    let hi = para + last.start;
    v.near(i, here.start - lo)
        .filter(|&k| {
            let s = v.mentions[k].mention.span.start;
            (lo..hi).contains(&s)
                && v.mentions[k].mention.kind == Kind::Date
                && pinned_range(v, k).is_some()
        })
        .find(|&k| {
            let at = v.mentions[k].mention.span.start;
            let words = segment_words(v, at);
            let Some(verb) = words.iter().rposition(|w| start_word(w) && w != "since") else {
                return false;
            };
            if words.len() - verb > 8 {
                return false;
            }
            // The owner is the verb's subject: "the eruption began", "the
            // eruption, which began" (across the aside's comma).
            let own_segment = words[..verb]
                .windows(2)
                .rev()
                .take(6)
                .any(|p| p[0] == "the" && p[1] == noun);
            let sentence_start = earlier
                .iter()
                .map(|r| para + r.start)
                .filter(|&s0| s0 <= at)
                .max()
                .unwrap_or(lo);
            let clause = prose.get(sentence_start..at).unwrap_or("").to_lowercase();
            let relative = words.first().is_some_and(|w| w == "which" || w == "that")
                && owner(clause.rsplit_once(',').map_or("", |(a, _)| a)).as_deref()
                    == Some(noun.as_str());
            own_segment || relative
        })
}

/// "the investigation, now in its fifth week": an inquiry ("inquiry-nouns" in
/// the reading lexicon) with no start of its own began no earlier than the
/// event it looks into: the first day the document gives an event a story has
/// once (a break-in, a capsizing). That day, with the label that shows it.
fn inquiry_floor(v: &DocView<'_>, d: usize, i: usize) -> Option<(chrono::NaiveDate, Label)> {
    let lex = &crate::reading::lexicon::DEFAULT;
    if !v.text(i).to_lowercase().starts_with("its ") {
        return None;
    }
    let prose = &v.doc.prose;
    let here = v.mentions[i].mention.span.start;
    let mut from = here.saturating_sub(300);
    while !prose.is_char_boundary(from) {
        from += 1;
    }
    let sentences = crate::reading::sentences::split(&prose[from..here]);
    let last = sentences.last()?;
    // The inquiry "its" points back to: "the investigation", "the police
    // inquiry into the break-in", among the last ten words.
    let low = prose[from + last.start..here].to_lowercase();
    let words: Vec<&str> = low
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .collect();
    let n = words.len();
    let k = (n.saturating_sub(10)..n).rev().find(|&k| {
        lex.inquiry_nouns.contains(words[k])
            && ((k >= 1 && words[k - 1] == "the") || (k >= 2 && words[k - 2] == "the"))
    })?;
    let noun = words[k];
    // "the investigation into the gang, now in its second year": an inquiry
    // that names what it looks into bounds nothing unless that is an event.
    if words
        .get(k + 1)
        .is_some_and(|w| matches!(*w, "into" | "of" | "for" | "on" | "in"))
        && !words[k + 2..]
            .iter()
            .take(4)
            .any(|w| lex.story_event(w).is_some_and(|e| e.once))
    {
        return None;
    }
    let mut claims = Vec::new();
    crate::story::frames::event_frames(v, d, lex, &mut claims);
    let first = claims
        .into_iter()
        .filter_map(|c| match c {
            crate::story::Claim::Frame(f) if f.once => Some(f),
            _ => None,
        })
        .min_by_key(|f| (f.day, f.date.span.start))?;
    let word = prose.get(first.phrase.span.clone()).unwrap_or("event");
    let date = prose.get(first.date.span.clone()).unwrap_or("");
    let message = format!(
        "{date} → {}: the {word}, which the {noun} cannot predate",
        first.day
    );
    Some((
        first.day,
        Label {
            doc: d,
            span: first.date.span,
            message,
        },
    ))
}

impl Check for OrdinalPeriod {
    fn id(&self) -> &'static str {
        "ordinal-period"
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        let id = self.id();
        let slack = cx.settings.slack_days(id);
        super::each_mention(cx, out, |d, v, i| one(cx, id, d, v, i, slack));
        super::each_mention(cx, out, |d, v, i| edition(cx, id, d, v, i));
        super::each_mention(cx, out, |d, v, i| anniversary(cx, id, d, v, i));
    }
}

/// Words before a month or season name that make an event yearly: "held
/// every October", "each spring".
const EVERY: [&str; 2] = ["every", "each"];

/// The sentence says the event comes round once a year: "annual", "yearly",
/// "every year", "every October", "each spring".
fn yearly(words: &[String]) -> bool {
    const MONTHS_AND_SEASONS: [&str; 17] = [
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
        "spring",
        "summer",
        "autumn",
        "fall",
        "winter",
    ];
    words
        .iter()
        .any(|w| matches!(w.as_str(), "annual" | "annually" | "yearly"))
        || words.windows(2).any(|p| {
            EVERY.contains(&p[0].as_str())
                && (p[1] == "year" || MONTHS_AND_SEASONS.contains(&p[1].as_str()))
        })
}

/// The year of a date mention written as a year alone ("1982").
fn year_alone(v: &DocView<'_>, k: usize) -> Option<i32> {
    match &v.mentions[k].mention.expr {
        Expr::Date(crate::extract::DateExpr::Calendar {
            year: crate::extract::YearSpec::Year(y),
            month: None,
            day: None,
            ..
        }) => Some(*y),
        _ => None,
    }
}

/// "The 2024 race was the 53rd Millbrook Marathon, an event held every October
/// since it was first run in 1982": the edition of a yearly event first held
/// in a written year. Held once a year, the Nth edition comes N − 1 years
/// after the first at the earliest (a year missed makes it later, never
/// earlier), so N may not exceed the years counted from the first to the
/// edition's year, plus one. That year is a year written before the ordinal in
/// its sentence ("The 2024 race"), else the year of writing, with a year's
/// grace for an edition still to come.
fn edition(
    cx: &CheckContext<'_>,
    id: &'static str,
    d: usize,
    v: &DocView<'_>,
    i: usize,
) -> Option<Finding> {
    let m = &v.mentions[i].mention;
    let Expr::Ordinal(n) = m.expr else {
        return None;
    };
    if m.kind != Kind::Ordinal || n < 2 {
        return None;
    }
    let prose = &v.doc.prose;
    // "the 53rd Millbrook Marathon", "the 12th annual fair": an edition named
    // after "the", not a period ("its 21st day") nor a rank ("the 53rd fastest").
    let before = prose.get(..m.span.start)?;
    let lead = before.split_whitespace().last()?.to_lowercase();
    if lead != "the" {
        return None;
    }
    let after = prose.get(m.span.end..)?;
    let next = after
        .split_whitespace()
        .next()?
        .trim_matches(|c: char| !c.is_alphanumeric());
    let named = next.chars().next().is_some_and(char::is_uppercase) || next == "annual";
    if !named || CalendarUnit::from_name(&next.to_lowercase()).is_some() {
        return None;
    }
    let near = v.near(i, 400);
    let in_sentence = |k: usize| {
        let (a, b) = (&v.mentions[k].mention.span, &m.span);
        v.same_sentence(a.start.min(b.start), a.end.max(b.end))
    };
    // The first edition: a year after "first" and a past participle, or after
    // a start verb ("first run in 1982", "first held in 1982", "founded in 1982",
    // "inaugurated in 1982").
    let (fi, first) = near.clone().filter(|&k| in_sentence(k)).find_map(|k| {
        let y = year_alone(v, k)?;
        let words = segment_words(v, v.mentions[k].mention.span.start);
        let (prep, rest) = words.split_last()?;
        if prep != "in" {
            return None;
        }
        let tail: Vec<&str> = rest.iter().rev().take(3).map(String::as_str).collect();
        let first_told = tail.iter().skip(1).any(|w| *w == "first");
        let started = tail.first().is_some_and(|w| *w != "since" && start_word(w));
        (first_told || started).then_some((k, y))
    })?;
    let sentence_words: Vec<String> = {
        let mut a = m.span.start.saturating_sub(300);
        while !prose.is_char_boundary(a) {
            a += 1;
        }
        let mut b = (m.span.end + 300).min(prose.len());
        while !prose.is_char_boundary(b) {
            b -= 1;
        }
        let lo = (a..m.span.start)
            .find(|&x| prose.is_char_boundary(x) && v.same_sentence(x, m.span.start))
            .unwrap_or(m.span.start);
        let hi = (m.span.end..=b)
            .rev()
            .find(|&x| prose.is_char_boundary(x) && v.same_sentence(m.span.end, x))
            .unwrap_or(m.span.end);
        prose[lo..hi]
            .to_lowercase()
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    };
    if !yearly(&sentence_words) {
        return None;
    }
    // The edition's year: one written before the ordinal in its sentence.
    let written = near
        .filter(|&k| k < i && k != fi && in_sentence(k))
        .filter_map(|k| year_alone(v, k).map(|y| (k, y)))
        .next_back();
    let (year, at) = match written {
        Some((k, y)) => (y, Some(k)),
        None => (v.reference.date?.year() + 1, None),
    };
    let most = i64::from(year) - i64::from(first) + 1;
    if most < 1 || i64::from(n) <= most {
        return None;
    }
    let earliest = i64::from(first) + i64::from(n) - 1;
    let phrase_end = m.span.end + after.len() - after.trim_start().len() + next.len();
    let phrase = format!("the {}", prose.get(m.span.start..phrase_end).unwrap_or(""));
    let right = ordinal_as_written(v, i, most);
    let shown_year = at.map_or_else(|| format!("{year} or before"), |_| year.to_string());
    let vars = vec![
        ("phrase", phrase),
        ("lands", format!("the edition of {earliest} or later")),
        ("time", shown_year),
        ("start", first.to_string()),
        ("actual", year.to_string()),
        (
            "elapsed",
            count_units(f64::from(year - first), CalendarUnit::Year),
        ),
        ("right", right),
        ("unit", "edition, at most".to_string()),
    ];
    let mut secondary = vec![mention_label(v, d, fi, "the first edition")];
    if let Some(k) = at {
        secondary.push(mention_label(v, d, k, "this edition"));
    }
    Some(Finding::templated(
        cx.settings,
        id,
        cx.settings.severity(id),
        &vars,
        Label {
            doc: d,
            span: m.span.clone(),
            message: format!("{} → the edition of {earliest} or later", v.text(i)),
        },
        secondary,
        None,
    ))
}

/// How far from its day an anniversary is told: "this week marks the 50th
/// anniversary", "next month's 80th anniversary", "last year's 25th".
const ANNIVERSARY_REACH_DAYS: i64 = 183;

/// "This week marks the 40th anniversary of the 1976 Soweto uprising" (the
/// 50th), "the 20th anniversary of the attacks of Sept. 11, 2001", "The
/// museum, which opened in 1925, is celebrating its 90th birthday this year":
/// the Nth anniversary (or birthday, or jubilee) falls N years after its start.
/// The start is the date right after "anniversary of" (a year, or a day, in
/// "of the 1976 uprising" or "of the attacks of Sept. 11, 2001"), else a date
/// after a start word in the sentence ("opened in 1925"). The anniversary must
/// fall within half a year of the sentence's time: a date the sentence gives
/// the anniversary ("Thursday", "this week"), else the date of writing. So a
/// year-only start lets a mid-year anniversary be off by one either way, and
/// only a count that is plainly another anniversary is flagged.
fn anniversary(
    cx: &CheckContext<'_>,
    id: &'static str,
    d: usize,
    v: &DocView<'_>,
    i: usize,
) -> Option<Finding> {
    let m = &v.mentions[i].mention;
    let Expr::Ordinal(n) = m.expr else {
        return None;
    };
    if m.kind != Kind::Ordinal || n < 2 {
        return None;
    }
    let prose = &v.doc.prose;
    // Most ordinals are no anniversary: ask the bytes before reading words.
    let near = prose
        .as_bytes()
        .get(m.span.end..(m.span.end + 13).min(prose.len()))?
        .to_ascii_lowercase();
    let has = |w: &[u8]| memchr::memmem::find(&near, w).is_some();
    if !has(b"anniv") && !has(b"birth") {
        return None;
    }
    let after = prose.get(m.span.end..(m.span.end + 24).min(prose.len()))?;
    let noun = after
        .split_whitespace()
        .next()?
        .trim_end_matches(|c: char| !c.is_alphabetic())
        .to_lowercase();
    if !matches!(noun.as_str(), "anniversary" | "birthday") {
        return None;
    }
    let lead = prose
        .get(m.span.start.saturating_sub(12)..m.span.start)?
        .to_lowercase();
    let lead = lead.split_whitespace().last().unwrap_or("");
    if !matches!(lead, "the" | "its" | "their" | "his" | "her") {
        return None;
    }
    let in_sentence = |k: usize| {
        let (a, b) = (&v.mentions[k].mention.span, &m.span);
        v.same_sentence(a.start.min(b.start), a.end.max(b.end))
    };
    // The start: after "anniversary of", within a few words ("of the 1976
    // uprising", "of the attacks of Sept. 11, 2001", "of its founding in 1925").
    let noun_end = m.span.end + after.find(noun.as_str()).unwrap_or(0) + noun.len();
    let of_start = v
        .near(i, 400)
        .filter(|&k| k > i && in_sentence(k))
        .find(|&k| {
            let span = &v.mentions[k].mention.span;
            let gap = prose.get(noun_end..span.start).unwrap_or("");
            matches!(v.mentions[k].mention.kind, Kind::Date)
                && gap.trim_start().starts_with("of ")
                && gap.split_whitespace().count() <= 5
                && !gap.contains([',', ';', '(', ')', '.'])
        });
    let start = of_start
        .or_else(|| start_date(v, i).filter(|&k| in_sentence(k)))
        .filter(|&k| pinned_range(v, k).is_some())?;
    let (first, last) = pinned_range(v, start)?;
    // A start wider than a year ("the 1990s") says no year.
    if (last - first).num_days() > 366 {
        return None;
    }
    // When: a date the sentence gives that is not the start (and after it), else now.
    let told = v.near(i, 400).find(|&k| {
        k != start
            && in_sentence(k)
            && matches!(v.mentions[k].mention.kind, Kind::Date)
            && pinned_range(v, k).is_some_and(|(a, _)| a > last)
    });
    let (at_first, at_last) = match told {
        Some(k) => pinned_range(v, k)?,
        None => {
            let r = v.reference.date?;
            (r, r)
        }
    };
    let years = i32::try_from(n).ok()?;
    let (from, to) = (add_years(first, years)?, add_years(last, years)?);
    // The anniversary's days against the sentence's time, with the reach either side.
    let gap = if to < at_first {
        (at_first - to).num_days()
    } else if from > at_last {
        (from - at_last).num_days()
    } else {
        0
    };
    if gap <= ANNIVERSARY_REACH_DAYS {
        return None;
    }
    let right = i64::from(at_first.year()) - i64::from(first.year());
    if right < 1 {
        return None;
    }
    let rightly = ordinal_as_written(v, i, right);
    let time = match told {
        // "This week" opens its sentence; in the message it reads on.
        Some(k) => {
            let t = v.text(k);
            match t.split_once(' ') {
                Some((w, rest)) if matches!(w, "This" | "Next" | "Last") => {
                    format!("{} {rest}", w.to_lowercase())
                }
                _ => t.to_string(),
            }
        }
        None => format!("{} (the document's date)", at_first),
    };
    let start_shown = if first == last {
        first.to_string()
    } else {
        first.year().to_string()
    };
    let vars = vec![
        ("phrase", format!("the {} {noun}", v.text(i))),
        ("lands", format!("in {}", from.year())),
        ("time", time),
        ("start", start_shown),
        ("actual", at_first.year().to_string()),
        ("elapsed", count_units(right as f64, CalendarUnit::Year)),
        ("right", rightly),
        ("unit", noun.clone()),
    ];
    let mut secondary = vec![mention_label(v, d, start, "the start")];
    if let Some(k) = told {
        secondary.push(mention_label(v, d, k, "when"));
    }
    Some(Finding::templated(
        cx.settings,
        id,
        cx.settings.severity(id),
        &vars,
        Label {
            doc: d,
            span: m.span.clone(),
            message: format!("the {} {noun} → {}", v.text(i), from.year()),
        },
        secondary,
        None,
    ))
}

/// `n` as an ordinal written the way mention `i` writes its own: "50th"
/// beside "40th", "fifth" beside "fourth".
fn ordinal_as_written(v: &DocView<'_>, i: usize, n: i64) -> String {
    if v.text(i).starts_with(|c: char| c.is_ascii_digit()) {
        ordinal_digits(n)
    } else {
        ordinal_word(n).map_or_else(|| ordinal_digits(n), str::to_string)
    }
}

/// "43rd", "112th".
fn ordinal_digits(n: i64) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

fn one(
    cx: &CheckContext<'_>,
    id: &'static str,
    d: usize,
    v: &DocView<'_>,
    i: usize,
    slack: f64,
) -> Option<Finding> {
    let Value::Relation {
        relation: RelationKind::OrdinalPeriod,
        duration: Some(oi),
        ..
    } = &v.mentions[i].value
    else {
        return None;
    };
    let Expr::Ordinal(n) = v.mentions[*oi].mention.expr else {
        return None;
    };
    let n = i64::from(n);
    let unit_word = v.text(i).rsplit(|c: char| !c.is_alphabetic()).next()?;
    let unit = CalendarUnit::from_name(&unit_word.to_lowercase())?;
    if !matches!(
        unit,
        CalendarUnit::Day
            | CalendarUnit::Week
            | CalendarUnit::Month
            | CalendarUnit::Year
            | CalendarUnit::Decade
    ) || n < 1
    {
        return None;
    }
    // Only a phrase that places the story in the period: "its fourth year",
    // "entered the fifth month". "during the second week" and "the fourth year of
    // the agreement" name a period without saying the story is in it now.
    let phrase = v.text(i).to_lowercase();
    let before: String = v
        .doc
        .prose
        .get(..v.mentions[i].mention.span.start)
        .unwrap_or("")
        .split_whitespace()
        .last()
        .unwrap_or("")
        .to_lowercase();
    let possessive = ["its ", "his ", "her ", "their "]
        .iter()
        .any(|p| phrase.starts_with(p));
    let entering = phrase.starts_with("the ")
        && matches!(
            before.as_str(),
            "entered" | "enters" | "entering" | "enter" | "marks" | "marked" | "into" | "on"
        );
    // "closed on Wednesday 9 October, the 14th day of the emergency": a date
    // set beside the phrase is told in the period.
    let beside_a_date = phrase.starts_with("the ")
        && i > 0
        && (0..i)
            .rev()
            .find(|&k| v.mentions[k].mention.kind == Kind::Date)
            .is_some_and(|k| {
                v.doc
                    .prose
                    .get(v.mentions[k].mention.span.end..v.mentions[i].mention.span.start)
                    .is_some_and(|gap| gap.trim() == ",")
            });
    if !(possessive || entering || beside_a_date) {
        return None;
    }
    // The start, with the label that shows it and the mentions that tell it.
    // An inquiry with no start of its own began no earlier than the event it
    // looks into: its count has a most, not an exact value.
    let (start, start_end, start_label, tellers, at_most) =
        match start_date(v, i).or_else(|| start_told_before(v, i)) {
            Some(si) => {
                let (a, b) = pinned_range(v, si)?;
                (
                    a,
                    b,
                    date_label(v, d, si, &Days::day(a)),
                    vec![si, *oi],
                    false,
                )
            }
            None => {
                let (day, label) = inquiry_floor(v, d, i)?;
                (day, day, label, vec![*oi], true)
            }
        };
    // A year of start is exact enough only for counting years, a month for
    // counting months too ("launched in early August, is in its third month").
    let a_month = (start_end - start).num_days() <= 31;
    if start != start_end
        && !(unit == CalendarUnit::Year || (unit == CalendarUnit::Month && a_month))
    {
        return None;
    }
    let first = shift_fractional(start, (n - 1) as f64, unit)?;
    let last = add_days(shift_fractional(start_end, n as f64, unit)?, -1)?;
    let lands = Days {
        lo: Some(first),
        hi: (!at_most).then_some(last),
    };
    let mut times = sentence_times(v, i, &tellers)?;
    if times.is_empty() {
        times.push(reference_time(v, v.mentions[i].mention.span.clone())?);
    }
    // A day written in the text is exact; only the date of writing drifts.
    if times.iter().any(|t| {
        let s = if t.mention.is_some() { 0.0 } else { slack };
        t.days.widen(s).intersects(&lands)
    }) {
        return None;
    }
    let t = &times[0];
    let at = t.days.single().or(t.days.hi).or(t.days.lo)?;
    let elapsed = elapsed_in(start, at, unit);
    let k = elapsed.floor() as i64;
    let right = ordinal_word(k + 1);
    let vars = vec![
        ("phrase", v.text(i).to_string()),
        ("lands", lands.show()),
        ("time", time_name(v, t)),
        ("start", start.to_string()),
        ("actual", at.to_string()),
        ("elapsed", count_units(elapsed.floor(), unit)),
        ("right", right.unwrap_or("?").to_string()),
        (
            "unit",
            if at_most {
                format!("{} at most", unit.name())
            } else {
                unit.name().to_string()
            },
        ),
    ];
    let mut secondary = vec![start_label];
    if let Some(k) = t.mention {
        secondary.push(date_label(v, d, k, &t.days));
    }
    let written = v.text(*oi);
    let fix = right
        .filter(|_| {
            !at_most && t.days.single().is_some() && written.chars().all(char::is_alphabetic)
        })
        .map(|w| {
            let replacement = if written.chars().next().is_some_and(char::is_uppercase) {
                let mut c = w.chars();
                c.next().map_or(String::new(), |f| {
                    f.to_uppercase().collect::<String>() + c.as_str()
                })
            } else {
                w.to_string()
            };
            Fix {
                doc: d,
                span: v.mentions[*oi].mention.span.clone(),
                replacement,
                applicability: Applicability::Unsafe,
            }
        });
    Some(Finding::templated(
        cx.settings,
        id,
        cx.settings.severity(id),
        &vars,
        Label {
            doc: d,
            span: v.mentions[i].mention.span.clone(),
            message: format!("{} → {}", v.text(i), lands.show()),
        },
        secondary,
        fix,
    ))
}

#[cfg(test)]
mod tests {
    use crate::check::testing::{findings, silent};

    const RULE: &str = "ordinal-period";

    #[test]
    fn an_inquiry_is_no_older_than_the_event_it_looks_into() {
        let at = |text: &str| findings(&format!("---\ndate: 2025-02-24\n---\n{text}\n"), RULE);
        let story = "Burglars broke into the Ashcombe Museum on Feb. 10 and took eight paintings.";
        for (planted, twin) in [
            (
                "Police said the investigation, now in its fifth week, had involved 40 officers.",
                "Police said the investigation, now in its third week, had involved 40 officers.",
            ),
            (
                "The inquiry into the break-in, now in its fourth week, has found no trace of the works.",
                "The inquiry into the break-in, now in its second week, has found no trace of the works.",
            ),
        ] {
            let found = at(&format!("{story} {planted}"));
            assert_eq!(found.len(), 1, "{planted}: {found:?}");
            assert!(found[0].help.as_deref().is_some_and(|h| h.contains("at most")), "{:?}", found[0]);
            assert!(at(&format!("{story} {twin}")).is_empty(), "{twin}");
        }
        // An inquiry into something else may be older; with no event dated,
        // nothing bounds it.
        for text in [
            format!("{story} The investigation into the gang, now in its second year, led to Monday's arrests."),
            "Police said the investigation, now in its fifth week, had involved 40 officers.".to_string(),
        ] {
            assert!(at(&text).is_empty(), "{text}");
        }
    }

    #[test]
    fn anniversaries_fall_their_count_of_years_after_the_start() {
        let at =
            |date: &str, text: &str| findings(&format!("---\ndate: {date}\n---\n{text}\n"), RULE);
        for (date, planted, twin) in [
            (
                "2026-06-16",
                "This week marks the 40th anniversary of the 1976 Soweto uprising.",
                "This week marks the 50th anniversary of the 1976 Soweto uprising.",
            ),
            (
                "2026-09-08",
                "Thursday is the 20th anniversary of the attacks of Sept. 11, 2001.",
                "Thursday is the 25th anniversary of the attacks of Sept. 11, 2001.",
            ),
            (
                "2025-05-02",
                "The museum, which opened in 1925, is celebrating its 90th birthday this year.",
                "The museum, which opened in 1925, is celebrating its 100th birthday this year.",
            ),
        ] {
            assert_eq!(at(date, planted).len(), 1, "{planted}");
            assert!(at(date, twin).is_empty(), "{twin}");
        }
        // Told of another year, or of no start: silent.
        for text in [
            "The 50th anniversary of the 1965 march was marked in 2015.",
            "The queen celebrated her 90th birthday in 2016, having been born in 1926.",
            "Next year's 80th anniversary of the end of the war in 1945 will be marked in London.",
            "Crowds gathered for the 60th anniversary of the 1965 march.",
        ] {
            silent(&format!("---\ndate: 2025-05-02\n---\n{text}\n"), RULE);
        }
    }

    #[test]
    fn a_start_written_after_the_ordinal_may_be_that_years_start() {
        silent(
            "---\ndate: 1987-04-09\n---\nThe sales are for delivery in the fourth year of the grain agreement, which began October 1, 1986.\n",
            RULE,
        );
    }

    #[test]
    fn third_year_on_the_third_anniversary() {
        let f = findings(
            "The war, which began on Feb. 24, 2022, entered its third year on Monday, Feb. 24, 2025.\n",
            RULE,
        );
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(
            f[0].help.as_deref(),
            Some("from 2022-02-24 to 2025-02-24 is 3 years: that is the fourth year")
        );
        assert_eq!(f[0].fix.as_ref().unwrap().replacement, "fourth");
    }

    #[test]
    fn planted_ordinals_are_caught() {
        for text in [
            "---\ndate: 2025-03-14\n---\nThe war, which began on Feb. 24, 2022, is now in its fifth year.\n",
            "---\ndate: 2025-01-07\n---\nThe incursion, launched on August 6, 2024, is in its third month.\n",
        ] {
            assert_eq!(findings(text, RULE).len(), 1, "{text:?}");
        }
    }

    #[test]
    fn a_start_told_a_sentence_before_with_the_same_owner() {
        let planted = "---\ndate: 2024-08-17\n---\nThe strike at the port began on Aug. 5, and no ship has been unloaded since. As the strike entered its 19th day on Saturday, union leaders met the owners.\n";
        let f = findings(planted, RULE);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert!(f[0].secondary[0].message.contains("2024-08-05"), "{f:#?}");
        // Through a relative clause: "The strike, which began on Aug. 5, …".
        let relative = "---\ndate: 2024-08-17\n---\nThe strike, which began on Aug. 5, has closed the port. As the strike entered its 19th day on Saturday, union leaders met the owners.\n";
        assert_eq!(findings(relative, RULE).len(), 1);
        for text in [
            "---\ndate: 2024-08-17\n---\nThe strike at the port began on Aug. 5, and no ship has been unloaded since. As the strike entered its 13th day on Saturday, union leaders met the owners.\n",
            // "its" owned by something else than what began.
            "---\ndate: 2024-08-17\n---\nThe strike at the port began on Aug. 5. As the blockade entered its 19th day on Saturday, union leaders met the owners.\n",
            // The start is in another paragraph.
            "---\ndate: 2024-08-17\n---\nThe strike at the port began on Aug. 5.\n\nAs the strike entered its 19th day on Saturday, union leaders met the owners.\n",
        ] {
            silent(text, RULE);
        }
    }

    #[test]
    fn the_edition_of_a_yearly_event_first_held_in_a_written_year() {
        let planted = "---\ndate: 2025-05-20\n---\nThis year's show was the 61st Harlow Flower Festival, which has been staged every May since it was first held in 1975.\n";
        let f = findings(planted, RULE);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(
            f[0].help.as_deref(),
            Some("from 1975 to 2026 is 51 years: that is the 52nd edition, at most")
        );
        let written = "The 2019 fair was the 48th Dunmore Agricultural Show, an annual event first staged in 1980.\n";
        assert_eq!(findings(written, RULE).len(), 1);
        for text in [
            "---\ndate: 2025-05-20\n---\nThis year's show was the 51st Harlow Flower Festival, which has been staged every May since it was first held in 1975.\n",
            // Fewer editions than years: some were missed.
            "The 2019 fair was the 38th Dunmore Agricultural Show, an annual event first staged in 1980.\n",
            // "since" a year is not the first edition: the event may be older.
            "The 2019 fair was the 48th Dunmore Agricultural Show, held every August since 1980.\n",
            // Not yearly.
            "The 2019 fair was the 48th Dunmore Agricultural Show, first staged in 1980.\n",
            // A rank, not an edition.
            "She finished the 2019 race in the 48th place, in an annual event first run in 1980.\n",
        ] {
            silent(text, RULE);
        }
    }

    #[test]
    fn consistent_twins_stay_silent() {
        for text in [
            "The war, which began on Feb. 24, 2022, entered its fourth year on Monday, Feb. 24, 2025.\n",
            "---\ndate: 2025-02-24\n---\nThe war, which began on Feb. 24, 2022, entered its fourth year on Monday.\n",
            "---\ndate: 2025-01-07\n---\nThe incursion, launched on August 6, 2024, is in its sixth month.\n",
            // No start date in the sentence.
            "---\ndate: 2025-03-14\n---\nThe war is now in its fifth year.\n",
            // The start date is someone else's.
            "---\ndate: 2025-03-14\n---\nOn Feb. 3 the team entered its fifth year.\n",
        ] {
            silent(text, RULE);
        }
    }

    #[test]
    fn an_ordinal_told_before_its_start_date() {
        for (text, n) in [
            ("---\ndate: 2025-02-28\n---\nThe siege of the town, now in its third month, began on Jan. 31, aid groups say.\n", 1),
            ("---\ndate: 2025-02-28\n---\nThe siege of the town, now in its second month, began on Jan. 31, aid groups say.\n", 0),
            ("---\ndate: 2025-03-14\n---\nRussia's full-scale war, now in its fifth year, began on Feb. 24, 2022.\n", 1),
            ("---\ndate: 2025-03-14\n---\nRussia's full-scale war, now in its fourth year, began on Feb. 24, 2022.\n", 0),
            ("---\ndate: 2025-02-28\n---\nThe siege, which is now in its third month, began on Jan. 31.\n", 1),
            ("---\ndate: 2025-02-28\n---\nThe strike, in its fifth week, began on 3 February 2025.\n", 1),
            ("---\ndate: 2025-02-28\n---\nThe strike, in its fourth week, began on 3 February 2025.\n", 0),
            // Something else began on the date.
            ("---\ndate: 2025-02-28\n---\nThe siege, now in its third month, has cut the road that the army began building on Jan. 31.\n", 0),
        ] {
            assert_eq!(findings(text, RULE).len(), n, "{text:?}: {:#?}", findings(text, RULE));
        }
    }

    #[test]
    fn a_month_of_start_counts_months() {
        for (text, n) in [
            ("---\ndate: 2025-01-07\n---\nThe eradication campaign, launched in early August, is in its third month.\n", 1),
            ("---\ndate: 2025-01-07\n---\nThe eradication campaign, launched in early August, is in its sixth month.\n", 0),
            ("---\ndate: 2025-01-07\n---\nThe eradication campaign, launched in August 2024, is in its third month.\n", 1),
            ("---\ndate: 2025-01-07\n---\nThe eradication campaign, launched in August 2024, is in its fifth month.\n", 0),
            // A month of start does not count weeks or days.
            ("---\ndate: 2025-01-07\n---\nThe campaign, launched in December 2024, is in its second week.\n", 0),
        ] {
            assert_eq!(findings(text, RULE).len(), n, "{text:?}: {:#?}", findings(text, RULE));
        }
    }
}
