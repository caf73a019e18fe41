#![doc = include_str!("../../docs/rules/past-event-after-reference.md")]

use chrono::{Datelike, Duration, NaiveDate};

use super::figures::word_iter as words;
use super::{show_day, Applicability, Check, CheckContext, DocView, Finding, Fix, Label};
use crate::extract::context::Tense;
use crate::extract::{DateExpr, Expr, YearSpec};
use crate::resolve::Value;

/// The rule.
pub struct PastEventAfterReference;

/// Words anywhere in the sentence that put the event ahead, or make it hypothetical.
const FUTURE: [&str; 45] = [
    "will",
    "would",
    "could",
    "may",
    "might",
    "should",
    "shall",
    "can",
    "'ll",
    "won't",
    "wouldn't",
    "plans",
    "plan",
    "planned",
    "planning",
    "expects",
    "expected",
    "expect",
    "scheduled",
    "schedule",
    "due",
    "intends",
    "intended",
    "aims",
    "aimed",
    "hopes",
    "hoped",
    "target",
    "targets",
    "forecast",
    "projected",
    "if",
    "unless",
    "whether",
    "deadline",
    "goal",
    "promised",
    "pledged",
    "vowed",
    "postponed",
    // "was slated to start production in June 2025", "was asked to report back in June".
    "slated",
    "poised",
    "asked",
    "urged",
    "invited",
];

/// Words just before the date that make it a limit or a target, not the event's date.
const LIMIT: [&str; 10] = [
    "by", "until", "till", "before", "through", "to", "ahead", "than", "from", "between",
];

impl Check for PastEventAfterReference {
    fn id(&self) -> &'static str {
        "past-event-after-reference"
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        let id = self.id();
        let slack = cx.settings.slack_days(id).max(0.0).round() as i64;
        for (d, v) in cx.docs.iter().enumerate() {
            let Some(reference) = v.reference.date else {
                continue;
            };
            for i in 0..v.mentions.len() {
                let r = &v.mentions[i];
                let Expr::Date(DateExpr::Calendar {
                    year,
                    month: Some(month),
                    day,
                    weekday,
                    ..
                }) = &r.mention.expr
                else {
                    continue;
                };
                let year = match year {
                    YearSpec::Year(y) => y,
                    YearSpec::Unspecified => {
                        out.extend(yearless(cx, id, d, v, i, reference, slack));
                        continue;
                    }
                    YearSpec::Shift(_) => continue,
                };
                let Value::Date { start, .. } = &r.value else {
                    continue;
                };
                let latest = reference
                    .checked_add_signed(Duration::days(slack))
                    .unwrap_or(NaiveDate::MAX);
                if *start <= latest {
                    continue;
                }
                // The tense is read only around dates whose reading turns on it;
                // for the others the verb before the date says it (`told_as_done`).
                let tense_read = matches!(&r.mention.expr, Expr::Date(e) if e.reads_tense());
                if tense_read && r.mention.tense != Tense::Past {
                    continue;
                }
                let span = r.mention.span.clone();
                let (s_start, s_end) = sentence(v, span.start, span.end);
                let before = v.doc.prose.get(s_start..span.start).unwrap_or("");
                let after = v.doc.prose.get(span.end..s_end).unwrap_or("");
                let text = format!("{before} {}", own_clause(after));
                if has_future_marker(&text)
                    || has_limit_before(before)
                    || !(told_as_done(before) || told_as_done_around(before, after))
                {
                    continue;
                }
                let written = v.text(i);
                let when = if day.is_some() {
                    start.format("%B %-d, %Y").to_string()
                } else {
                    start.format("%B %Y").to_string()
                };
                let suggested_year = latest_year(*month, *day, reference);
                let year_text = year.to_string();
                let suggestion = match (suggested_year, written.rfind(&year_text)) {
                    (Some(y), Some(at)) => {
                        format!("{}{y}{}", &written[..at], &written[at + year_text.len()..])
                    }
                    _ => String::from("in an earlier year"),
                };
                let vars = [
                    ("date", written.to_string()),
                    ("reference", reference.format("%B %-d, %Y").to_string()),
                    (
                        "suggested",
                        suggested_year.map_or(String::new(), |y| y.to_string()),
                    ),
                    ("suggestion", suggestion),
                ];
                // Replace the year digits only; a weekday written beside the date would
                // no longer fit another year, so then no fix is offered.
                let fix = match (suggested_year, weekday) {
                    (Some(y), None) => written.rfind(&year_text).map(|at| Fix {
                        doc: d,
                        span: span.start + at..span.start + at + year_text.len(),
                        replacement: y.to_string(),
                        applicability: Applicability::Unsafe,
                    }),
                    _ => None,
                };
                out.push(Finding::templated(
                    cx.settings,
                    id,
                    cx.settings.severity(id),
                    &vars,
                    Label {
                        doc: d,
                        span,
                        message: format!(
                            "{when}, told in the past, after the reference date {}",
                            show_day(reference)
                        ),
                    },
                    Vec::new(),
                    fix,
                ));
            }
        }
    }
}

/// How many days after the document's date a date written without a year
/// may fall and still be read as this year's.
const YEARLESS_AHEAD: i64 = 31;

/// Words that tell a date's year without writing it.
const YEAR_IN_WORDS: [&str; 9] = [
    "last year",
    "a year ago",
    "a year earlier",
    "year before",
    "previous year",
    "prior year",
    "that year",
    "same year",
    "years ago",
];

/// A date written without its year ("were charged on March 24"), told as done,
/// that falls within a month after the document's date. House styles write
/// the year of any date outside the current year, so the writer meant this
/// year's, which has not come yet; read by the tense, it would be a date
/// eleven months back that nobody would leave without its year.
fn yearless(
    cx: &CheckContext<'_>,
    id: &'static str,
    d: usize,
    v: &DocView<'_>,
    i: usize,
    reference: NaiveDate,
    slack: i64,
) -> Option<Finding> {
    let r = &v.mentions[i];
    let Expr::Date(DateExpr::Calendar {
        month: Some(month),
        day: Some(day),
        weekday,
        ..
    }) = &r.mention.expr
    else {
        return None;
    };
    if r.mention.tense != Tense::Past {
        return None;
    }
    let this_year = NaiveDate::from_ymd_opt(reference.year(), *month, *day)?;
    // A weekday written beside it must be this year's ("on Friday 14 March"
    // in 2025): another year's would be a slip of the weekday-mismatch rule.
    if weekday.is_some_and(|w| w != this_year.weekday().number_from_monday()) {
        return None;
    }
    let ahead = (this_year - reference).num_days();
    if ahead <= slack || ahead > YEARLESS_AHEAD {
        return None;
    }
    let span = r.mention.span.clone();
    let (s_start, s_end) = sentence(v, span.start, span.end);
    let before = v.doc.prose.get(s_start..span.start).unwrap_or("");
    let after = v.doc.prose.get(span.end..s_end).unwrap_or("");
    let text = format!("{before} {}", own_clause(after));
    if has_future_marker(&text)
        || has_limit_before(before)
        || !told_as_done(before)
        || !verb_right_before(before)
    {
        return None;
    }
    // A year written after the date, apart from it ("on Oct. 28, 1929").
    let tail = after.trim_start_matches([',', ' ', '\n']);
    if tail.len() >= 4 && tail.as_bytes()[..4].iter().all(u8::is_ascii_digit) {
        return None;
    }
    // The year told in words: "on 17 October last year", "a year earlier".
    let low = text.to_lowercase().replace(['\n', '\r'], " ");
    if YEAR_IN_WORDS.iter().any(|w| low.contains(w)) {
        return None;
    }
    let written = v.text(i);
    let last_year = NaiveDate::from_ymd_opt(reference.year() - 1, *month, *day)?;
    let vars = [
        ("date", written.to_string()),
        ("reference", reference.format("%B %-d, %Y").to_string()),
        ("suggested", last_year.year().to_string()),
        (
            "suggestion",
            format!("{}, with its year written", last_year.format("%B %-d, %Y")),
        ),
    ];
    Some(Finding::templated(
        cx.settings,
        id,
        cx.settings.severity(id),
        &vars,
        Label {
            doc: d,
            span,
            message: format!(
                "{}, this year's, told in the past, after the reference date {}",
                this_year.format("%B %-d, %Y"),
                show_day(reference)
            ),
        },
        Vec::new(),
        None,
    ))
}

/// The latest year, not after `reference`, in which the month (and day) falls on or before it.
fn latest_year(month: u32, day: Option<u32>, reference: NaiveDate) -> Option<i32> {
    (reference.year() - 8..=reference.year()).rev().find(|&y| {
        NaiveDate::from_ymd_opt(y, month, day.unwrap_or(1)).is_some_and(|d| d <= reference)
    })
}

/// The rest of the date's own clause in the text after it: up to a coordinated
/// clause (", and the company said it would …", "; …", ", but …"), which tells
/// another event with its own tense. A condition or a plan that follows the
/// date within its clause ("… in June 2026 if the permits arrive") stays.
fn own_clause(after: &str) -> &str {
    let flat = after.replace(['\n', '\r'], " ");
    let cut = [
        ", and ",
        ", but ",
        "; ",
        ", while ",
        ", whereas ",
        ", although ",
        ", though ",
        " \u{2014} and ",
    ]
    .iter()
    .filter_map(|c| flat.find(c))
    .min()
    .unwrap_or(after.len());
    &after[..cut]
}

fn has_future_marker(sentence: &str) -> bool {
    let ws: Vec<String> = words(sentence).collect();
    // "plan" is a marker as a verb ("plans to", "planned for"), not as a noun
    // ("the evacuation plan was last revised in March 2025").
    let planning = |k: usize| {
        !matches!(ws[k].as_str(), "plan" | "plans" | "planned" | "planning")
            || ws
                .get(k + 1)
                .is_some_and(|n| matches!(n.as_str(), "to" | "for" | "on" | "a" | "an" | "the"))
    };
    ws.iter()
        .enumerate()
        .any(|(k, w)| (FUTURE.contains(&w.as_str()) && planning(k)) || w.ends_with("'ll"))
        || ws.windows(2).any(|p| {
            matches!(
                (p[0].as_str(), p[1].as_str()),
                ("set", "to") | ("going", "to") | ("about", "to") | ("is", "to") | ("are", "to")
            )
        })
}

/// The date is the time of a completed event: it is introduced by "in" or
/// "on", and the nearest verb before that, in the same clause (no comma,
/// colon or bracket between) and within eight words, is in the past tense —
/// "the bridge reopened in June 2026", "the quake struck offshore on Nov. 3".
/// A past form after a period noun is a reduced relative clause ("the fiscal
/// year ended Feb 27, 1988") and does not count, nor does a date named by a
/// noun ("notes maturing on", "payable on").
/// "The last parliamentary election, in December 2025, saw turnout fall":
/// the date in an aside (", in DATE,"), and the clause it interrupts goes on
/// with a past verb. An active past ("saw", "fell") tells the event as done;
/// "was"/"were"/"had" only with "last" or "previous" before the aside ("The
/// snap election, in December 2025, was announced on Monday" is not done).
fn told_as_done_around(before: &str, after: &str) -> bool {
    let mut segments = before.rsplit([',', '(', '—']);
    let aside = segments.next().unwrap_or("");
    if !matches!(
        words(aside).collect::<Vec<_>>().as_slice(),
        [w] if matches!(w.as_str(), "in" | "on" | "during")
    ) {
        return false;
    }
    let head: Vec<String> = words(segments.next().unwrap_or("")).collect();
    let Some(rest) = after.trim_start().strip_prefix([',', ')', '—']) else {
        return false;
    };
    let clause = rest.split([',', ';', '(', '—', '.']).next().unwrap_or("");
    let lex = &*crate::reading::lexicon::DEFAULT;
    let looking_back = head
        .iter()
        .any(|w| matches!(w.as_str(), "last" | "previous" | "prior" | "recent"));
    // The first verb after the aside decides.
    for w in words(clause).take(3) {
        match w.as_str() {
            "was" | "were" | "had" => return looking_back,
            "is" | "are" | "has" | "have" | "will" | "would" | "may" | "might" | "could" => {
                return false
            }
            w if lex.is_past(w) && !w.ends_with("ing") => return true,
            _ => {}
        }
    }
    false
}

fn told_as_done(before: &str) -> bool {
    let mut segments = before.rsplit([',', ';', ':', '(', ')', '—', '–']);
    let last = segments.next().unwrap_or("");
    // "completed its last acquisition, of the Tarrant creamery near Taunton, in
    // November 2024": an aside between commas does not end the clause.
    let clause = if words(last).count() == 1 {
        let aside = segments.next().unwrap_or("");
        let first = words(aside).next().unwrap_or_default();
        let is_aside = matches!(
            first.as_str(),
            "of" | "near" | "at" | "from" | "for" | "with" | "in" | "on" | "outside" | "based"
        ) && words(aside).count() <= 10;
        match (is_aside, segments.next()) {
            (true, Some(before_aside)) => format!("{before_aside} {last}"),
            _ => last.to_string(),
        }
    } else {
        last.to_string()
    };
    let ws: Vec<String> = words(&clause).collect();
    let Some((prep, rest)) = ws.split_last() else {
        return false;
    };
    let lex = &*crate::reading::lexicon::DEFAULT;
    if !matches!(prep.as_str(), "in" | "on" | "during") {
        // AP style leaves the preposition out: "was arrested Jan. 12",
        // "the plant closed Monday". Only a past that is no present too
        // ("arrested", not "set"), and not a period's reduced relative
        // clause ("the quarter ended March 31").
        let prev = rest.last().map_or("", String::as_str);
        return ap_verb(lex, &clause)
            && !matches!(
                prev,
                "is" | "are"
                    | "be"
                    | "being"
                    | "am"
                    | "a"
                    | "an"
                    | "the"
                    | "year"
                    | "quarter"
                    | "period"
                    | "month"
                    | "months"
                    | "weeks"
                    | "half"
            );
    }
    for (k, w) in rest.iter().enumerate().rev().take(8) {
        let prev = if k > 0 { rest[k - 1].as_str() } else { "" };
        // Past forms come from the reading lexicon's verbs (irregular ones listed
        // there), "was"/"were", and any regular "-ed". A past that equals its
        // present (put, hit, set, cut) after a determiner is a noun or an
        // adjective: "a put option on March 31, 1992".
        let same_as_present = || {
            lex.verb(w)
                .iter()
                .any(|s| s.form == crate::reading::lexicon::VerbForm::Base)
        };
        let after_determiner =
            matches!(prev, "a" | "an" | "the" | "this" | "that" | "its" | "their");
        // A past that equals its present is a verb when an object or a particle
        // follows it ("cut its rate", "put forward") or the date does, not a
        // noun's first half ("the investor put option on May 7, 1993").
        let next = rest.get(k + 1).map_or("", String::as_str);
        let verb_then = next.is_empty()
            || matches!(
                next,
                "a" | "an"
                    | "the"
                    | "its"
                    | "their"
                    | "his"
                    | "her"
                    | "our"
                    | "it"
                    | "them"
                    | "out"
                    | "up"
                    | "down"
                    | "off"
                    | "back"
                    | "forward"
            );
        let past = matches!(w.as_str(), "was" | "were")
            || (lex.is_past(w)
                && !(after_determiner && same_as_present())
                && (verb_then || !same_as_present()))
            || (w.len() > 4 && w.ends_with("ed"));
        // "is expanded in May 1988", "to be held on April 30": a participle
        // after a present or bare "be" tells no past event.
        if past && matches!(prev, "is" | "are" | "be" | "being" | "am") {
            return false;
        }
        if past {
            let reduced = matches!(
                prev,
                "year" | "quarter" | "period" | "month" | "months" | "weeks" | "half"
            );
            return !reduced;
        }
        if matches!(
            w.as_str(),
            "is" | "are"
                | "will"
                | "would"
                | "matures"
                | "mature"
                | "maturing"
                | "payable"
                | "due"
                | "ending"
                | "ends"
                | "expires"
                | "expiring"
                | "effective"
                | "delivery"
                | "begins"
                | "starts"
                | "opens"
        ) {
            return false;
        }
    }
    false
}

/// The date follows its verb at once, told in the simple past: "were charged
/// on March 24", "the board resigned on April 4". Wire copy dates much that is
/// still to come without its year and without a verb of its own ("a meeting
/// on April 23", "shareholders of record on June 23", "to be held on April
/// 30"), so a date without a year is read as an event's only when its verb
/// stands right before the preposition, after "was", "were" or its subject.
fn verb_right_before(before: &str) -> bool {
    let ws: Vec<String> = words(before).collect();
    let lex = &*crate::reading::lexicon::DEFAULT;
    // The words up to the verb: before "on", and before a pronoun or a short
    // object led by a possessive ("arrested him on", "published its findings
    // on"); or, AP style, the date right after its verb ("was arrested Jan. 12").
    let head = match ws.as_slice() {
        [head @ .., w, p] if p == "on" && matches!(w.as_str(), "him" | "her" | "them" | "it") => {
            head
        }
        [head @ .., d, _, p]
            if p == "on" && matches!(d.as_str(), "its" | "his" | "her" | "their") =>
        {
            head
        }
        [head @ .., p] if p == "on" => head,
        all if ap_verb(lex, before) => all,
        _ => return false,
    };
    let [.., subject, verb] = head else {
        return false;
    };
    let past_form = |w: &str| strict_past(lex, w);
    // "The review panel, which examined …, published its findings on": the
    // verb opens the clause after an aside that began with "which" or "who";
    // its subject stands before the aside.
    let after_aside = before.rsplit_once(',').is_some_and(|(lead, clause)| {
        words(clause).next().is_some_and(|w| w == *verb)
            && lead.rsplit_once(',').is_some_and(|(_, aside)| {
                words(aside)
                    .next()
                    .is_some_and(|w| matches!(w.as_str(), "which" | "who"))
            })
    });
    let subject_ok = after_aside
        || matches!(subject.as_str(), "was" | "were")
        || !(subject.chars().any(|c| c.is_ascii_digit())
            || matches!(
                subject.as_str(),
                "a" | "an"
                    | "the"
                    | "this"
                    | "that"
                    | "its"
                    | "their"
                    | "who"
                    | "whom"
                    | "which"
                    | "to"
                    | "be"
                    | "been"
                    | "being"
                    | "is"
                    | "are"
                    | "has"
                    | "have"
                    | "had"
                    | "will"
                    | "would"
                    | "of"
                    | "for"
            ));
    past_form(verb) && subject_ok
}

/// AP style's date right after its verb, with no preposition: "was arrested
/// Jan. 12", "the plant closed Monday". The verb is a past that is no present
/// too, touching the date (no punctuation between), and not one of saying or
/// naming, whose date opens what is said ("said April 10 is the redemption
/// date", "cited April 27 as a possible date").
fn ap_verb(lex: &crate::reading::lexicon::ReadingLexicon, before: &str) -> bool {
    let text = before.trim_end();
    let Some(verb) = words(text).last() else {
        return false;
    };
    text.ends_with(|c: char| c.is_alphabetic())
        && strict_past(lex, &verb)
        && !matches!(
            verb.as_str(),
            "said"
                | "told"
                | "cited"
                | "named"
                | "reported"
                | "added"
                | "noted"
                | "stated"
                | "estimated"
                | "forecast"
                | "predicted"
                | "indicated"
                | "suggested"
                | "proposed"
                | "recommended"
                | "chose"
                | "picked"
                | "selected"
                | "designated"
                | "fixed"
        )
}

/// A past form that is not a present too: "arrested", "struck", not "set"
/// or "cut"; an unlisted "-ed" word counts.
fn strict_past(lex: &crate::reading::lexicon::ReadingLexicon, w: &str) -> bool {
    lex.is_past(w)
        && !lex
            .verb(w)
            .iter()
            .any(|s| s.form == crate::reading::lexicon::VerbForm::Base)
        || (w.len() > 4 && w.ends_with("ed"))
}

/// "by", "until", "before", "to" … within the three words before the date.
fn has_limit_before(before: &str) -> bool {
    words(before)
        .rev()
        .take(3)
        .any(|w| LIMIT.contains(&w.as_str()))
}

/// The byte range of the sentence holding `start..end`.
fn sentence(v: &DocView<'_>, start: usize, end: usize) -> (usize, usize) {
    let prose = &v.doc.prose;
    let para_start = prose[..start].rfind("\n\n").map_or(0, |k| k + 2);
    let para_end = prose[end..].find("\n\n").map_or(prose.len(), |k| end + k);
    // `same_sentence` only grows false as the range widens: search for its edges.
    let lefts: Vec<usize> = (para_start..=start)
        .filter(|&k| prose.is_char_boundary(k))
        .collect();
    let rights: Vec<usize> = (end..=para_end)
        .filter(|&k| prose.is_char_boundary(k))
        .collect();
    let l = lefts.partition_point(|&a| !v.same_sentence(a, start));
    let r = rights.partition_point(|&b| v.same_sentence(end, b));
    (
        lefts.get(l).copied().unwrap_or(start),
        rights.get(r.saturating_sub(1)).copied().unwrap_or(end),
    )
}

#[cfg(test)]
mod tests {
    use crate::check::testing::{findings, silent};

    const ID: &str = "past-event-after-reference";

    #[test]
    fn dates_with_a_written_year_and_asides() {
        for text in [
            "---\ndate: 2024-10-24\n---\nThe plan, rewritten after a near miss in 2020, was last revised in March 2025.\n",
            "---\ndate: 2024-09-19\n---\nBrannock closed its most recent large purchase, of the Tarrant creamery near Taunton, in November 2024, the company said.\n",
        ] {
            assert_eq!(findings(text, ID).len(), 1, "{text:?}");
        }
        for text in [
            "---\ndate: 2024-10-24\n---\nThe plan, rewritten after a near miss in 2020, was last revised in March 2024.\n",
            "---\ndate: 2024-09-19\n---\nBrannock closed its most recent large purchase, of the Tarrant creamery near Taunton, in November 2023, the company said.\n",
            "---\ndate: 2024-09-19\n---\nThe plant will be completed, after a long delay, in November 2024.\n",
            "---\ndate: 1987-03-12\n---\nThere is a put option on March 31, 1992, to yield 8-1/2 pct.\n",
            // "May" the month is no "may": a noun's "put", a present passive.
            "---\ndate: 1987-03-12\n---\nThe holder's put option on May 7, 1993 was priced at 104 pct.\n",
            "---\ndate: 1987-03-12\n---\nNew members are barred until the hall is enlarged in May 1988, she said.\n",
        ] {
            silent(text, ID);
        }
    }

    #[test]
    fn a_date_in_an_aside_before_the_past_verb() {
        let head = "---\ndate: 2025-05-02\n---\n";
        for planted in [
            "The last parliamentary election, in December 2025, saw turnout fall to a record low.",
            "At the last election, in December 2025, turnout fell to a record low.",
            "The previous census, in March 2026, was the first held online.",
        ] {
            assert_eq!(
                findings(&format!("{head}{planted}\n"), ID).len(),
                1,
                "{planted}"
            );
        }
        for silent in [
            "The plant was slated to start production in June 2025, the company said.",
            "The regulator was asked to report back in June 2025, the minister said.",
            "The last parliamentary election, in December 2024, saw turnout fall to a record low.",
            "The snap election, in December 2025, was announced on Monday.",
            "The next summit, in June 2026, will draw leaders from 40 countries.",
            "The summit, in June 2026, is expected to draw leaders.",
        ] {
            assert!(
                findings(&format!("{head}{silent}\n"), ID).is_empty(),
                "{silent}"
            );
        }
    }

    #[test]
    fn a_past_event_dated_after_the_article_is_caught() {
        let f = findings(
            "---\ndate: 2025-03-14\n---\nThe bridge reopened in June 2026 after two years of repairs.\n",
            ID,
        );
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].fix.as_ref().unwrap().replacement, "2024");
        assert_eq!(
            f[0].help.as_deref(),
            Some("a wrong year? the same date not after March 14, 2025 is June 2024")
        );
        let f = findings(
            "---\ndate: 2025-03-14\n---\nThe ministry said the talks ended on Feb. 27, 2026.\n",
            ID,
        );
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].fix.as_ref().unwrap().replacement, "2025");
        // A line break after the full stop still ends the sentence: the next one's "will" is not this one's.
        let f = findings(
            "---\ndate: 2025-03-14\n---\nThe bridge reopened in June 2026.\nA second one will open later.\n",
            ID,
        );
        assert_eq!(f.len(), 1, "{f:#?}");
    }

    #[test]
    fn a_later_clause_with_its_own_tense_does_not_hide_the_event() {
        let planted = "---\ndate: 2024-05-06\n---\nThe brewery opened its second taproom, on the quay at Leith, in August 2024, and the owners said a third would follow within two years.\n";
        assert_eq!(findings(planted, ID).len(), 1);
        for text in [
            "---\ndate: 2024-05-06\n---\nThe brewery opened its second taproom, on the quay at Leith, in August 2023, and the owners said a third would follow within two years.\n",
            // A condition in the date's own clause still makes it hypothetical.
            "---\ndate: 2024-05-06\n---\nThe taproom opened in August 2024 if the council approved it, and the owners hoped so.\n",
            "---\ndate: 2024-05-06\n---\nThe owners said the taproom would have opened in August 2024, but the lease fell through.\n",
        ] {
            silent(text, ID);
        }
    }

    #[test]
    fn a_date_without_its_year_told_as_done_within_a_month_ahead() {
        let f = findings(
            "---\ndate: 2025-06-10\n---\nThe three directors were suspended on June 21 after the audit.\n",
            ID,
        );
        assert_eq!(f.len(), 1, "{f:#?}");
        assert!(f[0].fix.is_none());
        for text in [
            // Within the days before the document's date.
            "---\ndate: 2025-06-10\n---\nThe three directors were suspended on June 2 after the audit.\n",
            // Ahead, but told as a plan, a limit or in the present.
            "---\ndate: 2025-06-10\n---\nThe three directors will be suspended on June 21.\n",
            "---\ndate: 2025-06-10\n---\nThe directors were told to leave by June 21.\n",
            "---\ndate: 2025-06-10\n---\nThe hearing is on June 21, the court said.\n",
            // Months ahead: last year's, told without its year, is possible.
            "---\ndate: 2025-06-10\n---\nThe plant closed on Nov. 3 after the fire.\n",
            // The year told in words, or written apart.
            "---\ndate: 2025-06-10\n---\nThe three directors were suspended on June 21 last year after the audit.\n",
            "---\ndate: 2025-06-10\n---\nThe index fell 9 pct, beaten only by the slide on June 21, 1999.\n",
            // Wire copy's dates of what is still to come, with no verb of their own.
            "---\ndate: 2025-06-10\n---\nIt proposed a first meeting of the two boards on June 23.\n",
            "---\ndate: 2025-06-10\n---\nShares go to holders of record on June 23, the company said.\n",
            "---\ndate: 2025-06-10\n---\nThe lenders agreed that the loan is signed on June 23.\n",
            "---\ndate: 2025-06-10\n---\nIt backed the plan, which is to be approved on June 23.\n",
            "---\ndate: 2025-06-10\n---\nHe named two partners who resigned on June 23 over the audit.\n",
            // No reference date.
            "The three directors were suspended on June 21 after the audit.\n",
        ] {
            silent(text, ID);
        }
    }

    #[test]
    fn ap_style_dates_with_no_preposition_and_verbs_with_an_object() {
        for text in [
            "---\ndate: 2025-01-09\n---\nHe was arrested Jan. 12 in Tucson after a weeklong search.\n",
            "---\ndate: 2025-01-09\n---\nPolice arrested him on Jan. 12 in Tucson.\n",
            "---\ndate: 2025-03-06\n---\nThe panel published its findings on Friday 14 March.\n",
            "---\ndate: 2025-03-06\n---\nThe panel, which met 40 times between 2019 and 2023, published its findings on Friday 14 March.\n",
        ] {
            let f = findings(text, ID);
            assert_eq!(f.len(), 1, "{text}: {f:#?}");
        }
        for text in [
            "---\ndate: 2025-01-09\n---\nHe was arrested Jan. 2 in Tucson after a weeklong search.\n",
            "---\ndate: 2025-01-09\n---\nHe is expected to be arraigned Jan. 12 in Tucson.\n",
            "---\ndate: 2025-01-09\n---\nThe fiscal quarter ended Jan. 31.\n",
            "---\ndate: 2025-03-06\n---\nThe panel will publish its findings on Friday 14 March.\n",
            "---\ndate: 2025-03-06\n---\nA hearing was set for Friday 14 March.\n",
            "---\ndate: 2025-03-06\n---\nThe panel, which met 40 times, published its findings on Tuesday 4 March.\n",
            "---\ndate: 2025-03-06\n---\nHe named two partners, one of whom resigned on March 14.\n",
        ] {
            silent(text, ID);
        }
    }

    #[test]
    fn scheduled_financial_dates_stay_silent() {
        // Wire copy dates what is scheduled: maturities, payment dates, fiscal years.
        for text in [
            "---\ndate: 1987-03-04\n---\nThe bonds, which mature on March 31, 1996, were priced at par.\n",
            "---\ndate: 1987-03-04\n---\nIt posted higher sales for the fiscal year ended Feb 27, 1988, it said.\n",
            "---\ndate: 1987-03-04\n---\nThe dividend was payable April 20, 1987, to holders of record.\n",
            "---\ndate: 1987-03-04\n---\nThe governor had supported a July 1, 1988, date for the change.\n",
            "---\ndate: 1987-03-04\n---\nIt sold 8.25 billion francs of June 1997 tap stock.\n",
        ] {
            silent(text, ID);
        }
    }

    #[test]
    fn future_and_undated_twins_stay_silent() {
        for text in [
            "---\ndate: 2025-03-14\n---\nThe bridge reopened in June 2024 after two years of repairs.\n",
            "---\ndate: 2025-03-14\n---\nThe bridge will reopen in June 2026, officials said.\n",
            "---\ndate: 2025-03-14\n---\nOfficials said the bridge was expected to reopen in June 2026.\n",
            "---\ndate: 2025-03-14\n---\nThe ministry said the work must be finished by June 2026.\n",
            "---\ndate: 2025-03-14\n---\nThe council agreed to extend the lease to June 2026.\n",
            "---\ndate: 2025-03-14\n---\nThe team qualified for the 2026 World Cup.\n",
            "The bridge reopened in June 2026 after two years of repairs.\n",
        ] {
            silent(text, ID);
        }
    }
}
