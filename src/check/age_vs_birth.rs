#![doc = include_str!("../../docs/rules/age-vs-birth.md")]

use chrono::{Datelike, NaiveDate};

use super::figures::{sentence_run, words};
use super::timeline::pinned_range;
use super::{show_day, Check, CheckContext, DocView, Finding, Label};
use crate::extract::{DateExpr, Expr, Kind, YearSpec};
use crate::resolve::Value;

/// The rule.
pub struct AgeVsBirth;

/// Words between an age and "born" that make the birth someone else's
/// ("Reid, 51, whose father was born in 1931").
const SOMEONE_ELSE: [&str; 16] = [
    "whose",
    "father",
    "mother",
    "son",
    "daughter",
    "wife",
    "husband",
    "child",
    "children",
    "parents",
    "brother",
    "sister",
    "family",
    "grandfather",
    "grandmother",
    "partner",
];

/// How far "born" may stand from the age ("Kiprop, 27, who was born in the
/// Rift Valley town of Iten in 1991").
const REACH: usize = 120;

impl Check for AgeVsBirth {
    fn id(&self) -> &'static str {
        "age-vs-birth"
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        super::each_mention(cx, out, |d, v, i| age_against_birth(cx, self.id(), d, v, i));
    }
}

/// How an age is written.
#[derive(Clone, Copy, PartialEq)]
enum AgeForm {
    /// "Reid, 51,", "Reid (51)", "aged 51", "the 45-year-old": an age now.
    Now,
    /// "at age 78", "at the age of 78": an age at an event (a death).
    At,
    /// "she was 34 when she won the title in 2014": an age at the event
    /// the "when" clause dates.
    When,
    /// "who turned 40 in January": an age reached at the date after it, or
    /// lately when none is written.
    Turned,
}

/// Mention `i` is an age as reporters write one.
fn age_form(v: &DocView<'_>, i: usize) -> Option<(u32, AgeForm)> {
    let r = &v.mentions[i];
    let Expr::Number(a) = &r.mention.expr else {
        return None;
    };
    if a.vague
        || r.mention.hedge.is_some()
        || a.exact.fract() != 0.0
        || !(1.0..=120.0).contains(&a.exact)
    {
        return None;
    }
    let n = a.exact as u32;
    let prose = &v.doc.prose;
    // Every form is told by the bytes right beside the number ("Reid, 51,",
    // "(51)", "aged 51", "age 78", "age of 78", "45-year-old", "45 years
    // old"); most numbers have none of them and are let go before any word
    // is read.
    let bytes = prose.as_bytes();
    let (start, end) = (r.mention.span.start, r.mention.span.end);
    let ahead = bytes.get(end..(end + 10).min(bytes.len())).unwrap_or(b"");
    let behind = bytes.get(start.saturating_sub(8)..start).unwrap_or(b"");
    let compound = ahead.starts_with(b"-year") || ahead.starts_with(b" years old");
    let set_off = (behind.ends_with(b", ") && ahead.first() == Some(&b','))
        || (behind.ends_with(b" (") && ahead.first() == Some(&b')'));
    let lead = behind.to_ascii_lowercase();
    let worded = lead.ends_with(b"aged ") || lead.ends_with(b"age ") || lead.ends_with(b"age of ");
    // "who is now 48, still runs", "who is 48.": only where a clause or the
    // sentence ends right after the number ("is now 48 percent" is no age).
    let closes = matches!(ahead.first(), Some(b',' | b'.' | b';')) || ahead.starts_with(b" and ");
    if lead.ends_with(b"is ") || lead.ends_with(b"is now ") {
        // Said of a person: "who is 48", "and is now 48", "she is now 48"
        // (not "whose membership is now 48").
        let back = words(prose.get(start.saturating_sub(24)..start).unwrap_or(""));
        let person = match back.as_slice() {
            [.., p, is, now] if is == "is" && now == "now" => Some(p),
            [.., p, is] if is == "is" => Some(p),
            _ => None,
        };
        if closes && person.is_some_and(|p| matches!(p.as_str(), "who" | "and" | "she" | "he")) {
            return Some((n, AgeForm::Now));
        }
    }
    // "Now 67, Ortiz was born …": an age opening its sentence.
    if lead.ends_with(b"now ") && ahead.first() == Some(&b',') {
        let at = start.saturating_sub(4);
        let opens = prose[..at].trim_end().is_empty()
            || prose[..at]
                .trim_end()
                .ends_with(['.', '!', '?', '\n', '"', '\u{201c}']);
        if opens {
            return Some((n, AgeForm::Now));
        }
    }
    // "who turned 40 in January", "she turned 18 last week".
    if lead.ends_with(b" turned ") || lead.ends_with(b" turns ") {
        return Some((n, AgeForm::Turned));
    }
    // "was 34 when …", "were 19 when …".
    if (lead.ends_with(b" was ") || lead.ends_with(b" were ")) && ahead.starts_with(b" when ") {
        return Some((n, AgeForm::When));
    }
    if !(compound || set_off || worded) {
        return None;
    }
    let before = prose
        .get(r.mention.span.start.saturating_sub(24)..r.mention.span.start)
        .unwrap_or("");
    let after = prose.get(r.mention.span.end..).unwrap_or("");
    let after = after.get(..after.len().min(12)).unwrap_or(after);
    let back = words(before);
    let last = back.last().map(String::as_str);
    if after.starts_with("-year-old")
        || after.starts_with(" years old")
        || after.starts_with("-years-old")
    {
        return Some((n, AgeForm::Now));
    }
    if last == Some("aged") {
        return Some((n, AgeForm::Now));
    }
    if last == Some("age")
        || (last == Some("of") && back.iter().rev().nth(1).is_some_and(|w| w == "age"))
    {
        return Some((n, AgeForm::At));
    }
    // "Alasdair Reid, 51," or "Reid (51)": a name, then the age set off.
    let set_off = (before.ends_with(", ") && (after.starts_with(',') || after.starts_with(" ")))
        || (before.ends_with(" (") && after.starts_with(')'));
    let name = before
        .trim_end_matches([',', '(', ' '])
        .rsplit(|c: char| c.is_whitespace())
        .next()
        .is_some_and(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars()
                    .all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == '’')
        });
    (set_off && name && after.starts_with([',', ')'])).then_some((n, AgeForm::Now))
}

/// A date with a written year ("1965", "May 14, 1838"): its first and last day.
fn written_dates(v: &DocView<'_>, k: usize) -> Option<(NaiveDate, NaiveDate)> {
    let r = &v.mentions[k];
    if r.mention.kind != Kind::Date {
        return None;
    }
    let Expr::Date(DateExpr::Calendar {
        year: YearSpec::Year(_),
        ..
    }) = &r.mention.expr
    else {
        return None;
    };
    match &r.value {
        Value::Date { start, end } => Some((*start, *end)),
        _ => None,
    }
}

/// The dated event of the "when" clause right after an age ("was 34 when
/// she won the world title in 2014"): the first date with a written year in
/// the sentence after the age, within 100 bytes.
fn when_date(v: &DocView<'_>, run: &std::ops::Range<usize>, i: usize) -> Option<usize> {
    let end = v.mentions[i].mention.span.end;
    let k = (i + 1..run.end).find(|&k| written_dates(v, k).is_some())?;
    let s = v.mentions[k].mention.span.start;
    let gap = v.doc.prose.get(end..s)?;
    (s - end <= 100 && !gap.contains(['.', ';', '\n'])).then_some(k)
}

/// The date an age was reached at, right after it: "turned 40 in January",
/// "turned 18 on Monday", "turned 65 last year".
fn turned_date(v: &DocView<'_>, run: &std::ops::Range<usize>, i: usize) -> Option<usize> {
    let k = i + 1;
    if k >= run.end {
        return None;
    }
    let gap = v
        .doc
        .prose
        .get(v.mentions[i].mention.span.end..v.mentions[k].mention.span.start)?;
    (matches!(gap.trim(), "in" | "on" | "") && pinned_range(v, k).is_some()).then_some(k)
}

/// Whole years from `born` to `at`: a birthday not yet reached this year does not count.
fn years_between(born: NaiveDate, at: NaiveDate) -> i32 {
    let mut n = at.year() - born.year();
    if (at.month(), at.day()) < (born.month(), born.day()) {
        n -= 1;
    }
    n
}

/// The date right after `word` in the sentence run (within 60 bytes).
fn date_after_word(
    v: &DocView<'_>,
    run: &std::ops::Range<usize>,
    word: &str,
) -> Option<(usize, usize)> {
    date_after_word_if(v, run, word, |k| written_dates(v, k).is_some())
}

/// The day of a death: a date with its year, or a day the document's date
/// pins ("died on Tuesday").
fn death_after(v: &DocView<'_>, run: &std::ops::Range<usize>) -> Option<(usize, usize)> {
    date_after_word_if(v, run, "died", |k| {
        written_dates(v, k).is_some() || v.day(k).is_some()
    })
}

/// [`date_after_word`] for the dates `fits` admits.
fn date_after_word_if(
    v: &DocView<'_>,
    run: &std::ops::Range<usize>,
    word: &str,
    fits: impl Fn(usize) -> bool,
) -> Option<(usize, usize)> {
    let prose = &v.doc.prose;
    let lo = v.mentions[run.start].mention.span.start.saturating_sub(200);
    let hi = v.mentions[run.end - 1].mention.span.end;
    // ASCII lower case keeps every byte offset ("Born in 1975, …").
    let text = prose.get(lo..hi)?.to_ascii_lowercase();
    let mut found = None;
    for (p, _) in text.match_indices(word) {
        let at = lo + p;
        let boundary = |c: Option<char>| !c.is_some_and(char::is_alphanumeric);
        if !boundary(text[..p].chars().next_back())
            || !boundary(text[p + word.len()..].chars().next())
        {
            continue;
        }
        if let Some(k) = run.clone().find(|&k| {
            let s = v.mentions[k].mention.span.start;
            s > at
                && s - at <= 60
                && fits(k)
                && same_event(prose.get(at + word.len()..s).unwrap_or(""))
        }) {
            // Only one birth or death per sentence is read.
            if found.is_some() {
                return None;
            }
            found = Some((at, k));
        }
    }
    found
}

/// The words between "born" (or "died") and a date tell that event, not
/// another: no conjunction, no verb of its own, no "since" ("born in Glasgow
/// and moved to Stornoway in 1975", "born in Nairobi, came to Britain in
/// 1992", "has lived in Leeds since 2001" date something else).
fn same_event(gap: &str) -> bool {
    let lex = &*crate::reading::lexicon::DEFAULT;
    !gap.contains("\n\n")
        && !words(gap).iter().any(|w| {
            matches!(
                w.as_str(),
                "and"
                    | "but"
                    | "since"
                    | "until"
                    | "before"
                    | "after"
                    | "then"
                    | "born"
                    | "died"
                    | "has"
                    | "had"
                    | "have"
            ) || lex.is_past(w)
                || (w.len() > 4 && w.ends_with("ed"))
        })
}

fn age_against_birth(
    cx: &CheckContext<'_>,
    id: &'static str,
    d: usize,
    v: &DocView<'_>,
    i: usize,
) -> Option<Finding> {
    let (age, form) = age_form(v, i)?;
    let run = sentence_run(v, i);
    let (born_at, b) = date_after_word(v, &run, "born")?;
    let age_at = v.mentions[i].mention.span.start;
    // The birth is the aged person's: close by, and no one else's in between.
    let (lo, hi) = (born_at.min(age_at), born_at.max(age_at));
    if hi - lo > REACH {
        return None;
    }
    let gap = words(v.doc.prose.get(lo..hi)?);
    if gap.iter().any(|w| SOMEONE_ELSE.contains(&w.as_str())) {
        return None;
    }
    // "born … to 15-year-old mother Zuri": the age is a parent's.
    let end = v.mentions[i].mention.span.end;
    let next = words(
        v.doc
            .prose
            .get(end..(end + 30).min(v.doc.prose.len()))
            .unwrap_or(""),
    );
    // "the 15-year-old mother": the noun after a compound age is whose it is.
    let parent = next.first().is_some_and(|w| w.starts_with("year"))
        && next
            .iter()
            .take(3)
            .any(|w| SOMEONE_ELSE.contains(&w.as_str()));
    if (born_at < age_at && gap.last().is_some_and(|w| w == "to")) || parent {
        return None;
    }
    if (run.start..run.end).any(|k| k != i && age_form(v, k).is_some()) {
        return None;
    }
    // "Born in 1950, he became chief executive in 1995, aged 45": an age
    // after another dated event is an age at that event, the nearest.
    let (from, to) = (
        v.mentions[b].mention.span.end,
        v.mentions[i].mention.span.start,
    );
    let death = death_after(v, &run).filter(|&(_, k)| k != b);
    let event_before = (run.start..run.end).rev().find(|&k| {
        k != b && death.is_none_or(|(_, d)| d != k) && {
            let s = v.mentions[k].mention.span.start;
            s >= from.min(to) && s < from.max(to) && written_dates(v, k).is_some()
        }
    });
    let event_before = match event_before {
        Some(_) if from >= to => None,
        // "…, aged 55" right after the event's date, a line break allowed.
        Some(k)
            if form == AgeForm::Now
                && v.doc
                    .prose
                    .get(v.mentions[k].mention.span.end..to)?
                    .split_whitespace()
                    .eq([",", "aged"]) =>
        {
            Some(k)
        }
        Some(_) => return None,
        None => None,
    };
    let (first, last) = written_dates(v, b)?;
    // Measured at a death told in the sentence, at the event the age follows
    // or its "when" clause dates, else at the document's date.
    let (at_first, at_last, at_label) = match (death, event_before, form) {
        (Some((_, k)), _, _) => (v.day(k)?, v.day(k)?, Some(k)),
        (None, Some(k), _) => {
            let (a, z) = written_dates(v, k)?;
            (a, z, Some(k))
        }
        (None, None, AgeForm::Turned) => match turned_date(v, &run, i) {
            Some(k) => {
                let (a, z) = pinned_range(v, k)?;
                (a, z, Some(k))
            }
            None => {
                let at = v.reference.date?;
                (at, at, None)
            }
        },
        (None, None, AgeForm::When) => {
            let k = when_date(v, &run, i)?;
            let (a, z) = written_dates(v, k)?;
            (a, z, Some(k))
        }
        (None, None, AgeForm::Now) => {
            let at = v.reference.date?;
            (at, at, None)
        }
        (None, None, AgeForm::At) => return None,
    };
    if at_first < last {
        return None;
    }
    let (youngest, oldest) = (years_between(last, at_first), years_between(first, at_last));
    // "turned 45 in January": the age reached in a year is that year less the
    // birth year, birthday or not.
    let (youngest, oldest) = if form == AgeForm::Turned
        && first.year() == last.year()
        && at_first.year() == at_last.year()
    {
        let n = at_first.year() - first.year();
        (n, n)
    } else {
        (youngest, oldest)
    };
    let age = age as i32;
    if (youngest..=oldest).contains(&age) {
        return None;
    }
    let expected = if youngest == oldest {
        youngest.to_string()
    } else {
        format!("{youngest} or {oldest}")
    };
    let when = match (at_label, death) {
        (Some(_), Some(_)) => format!("at death on {}", show_day(at_first)),
        (Some(_), None) if at_first == at_last => format!("on {}", show_day(at_first)),
        (Some(_), None) => format!("in {}", at_first.year()),
        (None, _) => format!("on {} (the document's date)", show_day(at_first)),
    };
    let born = if first == last {
        show_day(first)
    } else {
        format!("in {}", first.year())
    };
    let mut secondary = vec![Label {
        doc: d,
        span: v.mentions[b].mention.span.clone(),
        message: format!("born {born}"),
    }];
    if let Some(k) = at_label {
        let message = match death {
            Some(_) => format!("died {}", show_day(at_first)),
            None => "the age is measured here".to_string(),
        };
        secondary.push(Label {
            doc: d,
            span: v.mentions[k].mention.span.clone(),
            message,
        });
    }
    Some(Finding::templated(
        cx.settings,
        id,
        cx.settings.severity(id),
        &[
            ("age", age.to_string()),
            ("born", born.clone()),
            ("expected", expected.clone()),
            ("when", when.clone()),
        ],
        Label {
            doc: d,
            span: v.mentions[i].mention.span.clone(),
            message: format!("age {age}; born {born}, {when} is {expected}"),
        },
        secondary,
        None,
    ))
}

#[cfg(test)]
mod tests {
    use crate::check::testing::{findings, silent};

    const ID: &str = "age-vs-birth";

    #[test]
    fn ages_that_do_not_fit_the_birth() {
        for text in [
            "---\ndate: 2024-03-10\n---\nThe ship's master, Alasdair Reid, 51, who was born in Stornoway in 1965, survived.\n",
            "---\ndate: 2024-10-13\n---\nKiprop, 27, who was born in the Rift Valley town of Iten in 1991, won again.\n",
            "---\ndate: 2024-10-01\n---\nFinance Minister Petra Halvorsen, 56, a former central banker born in 1962, spoke.\n",
            "Ashby, who was born in Scarth on May 14, 1838, and died there on Nov. 2, 1911, at age 78, painted harbours.\n",
            "---\ndate: 2025-02-01\n---\nBorn in 1975, the 45-year-old minister resigned on Friday.\n",
            "---\ndate: 2025-02-01\n---\nThe coach, aged 61, was born on 3 May 1970 in Leeds.\n",
            // A sentence before that ends in "has died" dates no death here.
            "---\ndate: 2025-01-22\n---\nEllory has died.\n\nEllory, who was born in Hawick on 3 May 1941, died at her home in Kelso on 18 January 2025, aged 81.\n",
            // A death the document's date pins ("on Tuesday").
            "---\ndate: 2025-03-14\n---\nKeane, who was born in Cork in 1943, died on Tuesday at the age of 71.\n",
            // An age now, told with "is now".
            "---\ndate: 2025-03-14\n---\nOkafor, who was born in 1966 and is now 48, still runs the shop.\n",
            // An age opening its sentence; an age reached in a month.
            "---\ndate: 2025-03-10\n---\nNow 67, Ortiz was born in 1968 in Puebla.\n",
            "---\ndate: 2025-03-10\n---\nSmith, who turned 44 in January, was born in 1980.\n",
            "---\ndate: 2025-03-10\n---\nBorn in 1968, Ortiz turned 50 last year.\n",
            // An age at the event a "when" clause dates.
            "---\ndate: 2025-03-14\n---\nBorn in 1990, she was 34 when she won the world title in 2014.\n",
            // An age after a dated event is the age at that event.
            "---\ndate: 2025-03-14\n---\nBorn in 1950, he became chief executive in 1995, aged 55.\n",
        ] {
            let f = findings(text, ID);
            assert_eq!(f.len(), 1, "{text:?}: {f:#?}");
        }
    }

    #[test]
    fn ages_that_fit_are_silent() {
        for text in [
            "---\ndate: 2024-03-10\n---\nThe ship's master, Alasdair Reid, 58, who was born in Stornoway in 1965, survived.\n",
            // Born in 1965, told in 2024: 58 before the birthday, 59 after.
            "---\ndate: 2024-03-10\n---\nThe ship's master, Alasdair Reid, 59, who was born in Stornoway in 1965, survived.\n",
            "Ashby, who was born in Scarth on May 14, 1838, and died there on Nov. 2, 1911, at age 73, painted harbours.\n",
            // A birthday not yet reached this year.
            "---\ndate: 2025-02-01\n---\nThe coach, aged 54, was born on 3 May 1970 in Leeds.\n",
            // Someone else's birth.
            "---\ndate: 2025-02-01\n---\nReid, 51, whose father was born in 1931, spoke.\n",
            "---\ndate: 2025-03-14\n---\nReid, 58, was born in Glasgow and moved to Stornoway in 1975.\n",
            "---\ndate: 2025-03-14\n---\nPatel, 45, born in Nairobi, came to Britain in 1992.\n",
            "---\ndate: 2025-03-14\n---\nThe 45-year-old, who was born in Nairobi and has lived in Leeds since 2001, is a nurse.\n",
            "---\ndate: 2025-03-14\n---\nReid, 51, who was born in Stornoway and joined Carrick Isles Ferries in 1990, survived.\n",
            "---\ndate: 2025-03-14\n---\nBorn in 1950, he became chief executive in 1995, aged 45.\n",
            // A parent's age beside a birth.
            "---\ndate: 2025-03-10\n---\nThe calf was born on Friday, February 28, 2025, to 15-year-old mother Zuri.\n",
            // An age at an event with no date to measure it at.
            "---\ndate: 2025-02-01\n---\nBorn in 1931, she won the title at age 22.\n",
            "---\ndate: 2025-03-14\n---\nKeane, who was born in Cork in 1943, died on Tuesday at the age of 81.\n",
            "---\ndate: 2025-03-14\n---\nOkafor, who was born in 1966 and is now 58, still runs the shop.\n",
            "---\ndate: 2025-03-10\n---\nNow 56, Ortiz was born in 1968 in Puebla.\n",
            "---\ndate: 2025-03-10\n---\nSmith, who turned 45 in January, was born in 1980.\n",
            "---\ndate: 2025-03-10\n---\nBorn in 1968, Ortiz turned 56 last year.\n",
            "---\ndate: 2025-03-14\n---\nBorn in 1990, she was 24 when she won the world title in 2014.\n",
            // "is now" before a figure that is no age.
            "---\ndate: 2025-03-14\n---\nThe firm, born in 1966 as a co-operative, is now 48 percent owned by its staff.\n",
            "---\ndate: 2025-03-14\n---\nThe club, founded in 1966, whose membership is now 48, was born in 1966.\n",
            // "was 34 when" with no dated event in its clause.
            "---\ndate: 2025-03-14\n---\nBorn in 1990, she was 34 when she won. The world title followed in 2014.\n",
        ] {
            silent(text, ID);
        }
    }
}
