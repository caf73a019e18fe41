#![doc = include_str!("../../docs/rules/duration-between.md")]

use super::timeline::{
    count_units, date_label, duration, in_a_relation, pinned_range, recount, Days,
};
use super::{Applicability, Check, CheckContext, DocView, Finding, Fix, Label};
use crate::extract::{Kind, RelationKind};
use crate::resolve::Value;
use crate::value::calendar::{add_days, elapsed_in, CalendarUnit};

/// The rule.
pub struct DurationBetween;

/// Most words allowed between the span and its stated length ("a span of", "lasting").
const MAX_WORDS_BETWEEN: usize = 5;

/// A duration mention stated beside relation `i` in the same sentence.
fn stated_length(v: &DocView<'_>, i: usize) -> Option<usize> {
    let here = v.mentions[i].mention.span.clone();
    let mut best: Option<(usize, usize)> = None;
    for k in v.near(i, 2000) {
        let r = &v.mentions[k];
        if r.mention.kind != Kind::Duration || in_a_relation(v, k) {
            continue;
        }
        let span = &r.mention.span;
        let between = if span.start >= here.end {
            v.doc.prose.get(here.end..span.start)?
        } else if span.end <= here.start {
            v.doc.prose.get(span.end..here.start)?
        } else {
            continue;
        };
        if !v.same_sentence(span.start.min(here.start), span.end.max(here.end)) {
            continue;
        }
        let words = between.split_whitespace().count();
        if words > MAX_WORDS_BETWEEN || between.contains([';', ':']) {
            continue;
        }
        // Only a length stated of the span itself: in apposition after it
        // ("…, a span of two weeks", "(two weeks)"), or before it after "for" or
        // "lasted" ("For 12 days, from …"). "a three year term and is convertible
        // from …" states something else.
        // Before the span, the length follows a verb of lasting ("lasted 12 days
        // from …", "For 12 days, from …"); "three billion dlrs a month between
        // January and May" is a rate.
        let lasting = || {
            let mut from = span.start.saturating_sub(64);
            while !v.doc.prose.is_char_boundary(from) {
                from += 1;
            }
            let before = v.doc.prose.get(from..span.start).unwrap_or("");
            if from > 0 && before.trim().is_empty() {
                return false;
            }
            let last = before
                .split_whitespace()
                .next_back()
                .unwrap_or("")
                .to_lowercase();
            matches!(
                last.as_str(),
                "for" | "lasted" | "lasting" | "ran" | "spanned" | "over" | "took" | "spent"
            ) || before.trim_end().is_empty()
                || before.trim_end().ends_with(['.', '\n'])
        };
        // An appositive length closes its phrase: "…, a period of 27 months."
        // ("…, a day either side of the festival" is another length).
        let closes = || {
            let after = v.doc.prose.get(span.end..).unwrap_or("").trim_start();
            let next = after
                .split(|c: char| !c.is_alphanumeric())
                .next()
                .unwrap_or("")
                .to_lowercase();
            !matches!(
                next.as_str(),
                "either"
                    | "each"
                    | "before"
                    | "after"
                    | "later"
                    | "earlier"
                    | "ago"
                    | "of"
                    | "per"
                    | "from"
                    | "to"
                    | "on"
                    | "off"
                    | "apart"
                    | "behind"
                    | "ahead"
            )
        };
        // "lasted three weeks (Jan. 2–30)": the range in brackets restates the length.
        let bracketed = || {
            between.trim() == "("
                && v.doc
                    .prose
                    .get(here.end..)
                    .is_some_and(|t| t.trim_start().starts_with(')'))
        };
        // "a three-day strike from March 3 to March 7", "a 60-day window, from
        // …", "a week-long consultation ran from …": a compound length names
        // the noun the range then dates.
        let compound = || {
            let written = v.doc.prose.get(span.clone()).unwrap_or("");
            let rest = between.trim_start();
            let (hyphened, rest) = match rest.strip_prefix("-long") {
                Some(r) => (true, r),
                None => (written.contains('-'), rest),
            };
            let words: Vec<&str> = rest
                .split_whitespace()
                .map(|w| w.trim_end_matches(','))
                .collect();
            hyphened
                && !rest.contains([';', ':', '(', ')'])
                && match words.as_slice() {
                    [noun] => noun.chars().all(char::is_alphabetic),
                    [noun, verb] => {
                        noun.chars().all(char::is_alphabetic)
                            && matches!(*verb, "ran" | "lasted" | "runs" | "lasts" | "spanned")
                    }
                    _ => false,
                }
        };
        // "The trial, which lasted three weeks, ran from …": a verb of running
        // takes the range up again after the length of the same thing.
        let ran_on = || {
            let verb = between.trim().trim_start_matches(',').trim();
            matches!(
                verb,
                "ran" | "runs" | "running" | "stretching" | "stretched"
            )
        };
        let linked = if span.start >= here.end {
            appositive(between) && closes()
        } else {
            ((between.trim().is_empty() || between.trim() == "," || ran_on()) && lasting())
                || bracketed()
                || compound()
        };
        if !linked {
            continue;
        }
        // Another date in between belongs to some other statement.
        if v.near(i, 2000).map(|j| &v.mentions[j]).any(|m| {
            matches!(m.kind_of(), Kind::Date | Kind::Time)
                && m.mention.span.start >= here.end.min(span.end)
                && m.mention.span.end <= here.start.max(span.start)
        }) {
            continue;
        }
        if best.is_none_or(|(w, _)| words < w) {
            best = Some((words, k));
        }
    }
    best.map(|(_, k)| k)
}

/// The text between a span and a length after it presents the length as the span's own.
fn appositive(between: &str) -> bool {
    let t = between.trim();
    let Some(rest) = t.strip_prefix([',', '(', '—', '–']) else {
        return false;
    };
    rest.split_whitespace().all(|w| {
        matches!(
            w.to_lowercase().as_str(),
            "a" | "an"
                | "span"
                | "stretch"
                | "period"
                | "total"
                | "of"
                | "or"
                | "some"
                | "lasting"
                | "lasted"
                | "ran"
                | "for"
                | "spanning"
                | "spanned"
                | "just"
                | "all"
                | "in"
        )
    })
}

trait KindOf {
    fn kind_of(&self) -> Kind;
}
impl KindOf for crate::resolve::Resolved {
    fn kind_of(&self) -> Kind {
        self.mention.kind
    }
}

impl Check for DurationBetween {
    fn id(&self) -> &'static str {
        "duration-between"
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        let id = self.id();
        let slack = cx.settings.slack_days(id);
        super::each_mention(cx, out, |d, v, i| one(cx, id, d, v, i, slack));
        super::each_mention(cx, out, |d, v, i| clock_hours(cx, id, d, v, i));
    }
}

/// A clock time with its day: "6 a.m. on Monday, March 3".
fn timed(v: &DocView<'_>, k: usize) -> Option<chrono::NaiveDateTime> {
    let Value::Time {
        date: Some(day),
        at,
        zone: None,
    } = &v.mentions.get(k)?.value
    else {
        return None;
    };
    let time = chrono::NaiveTime::parse_from_str(at, "%H:%M").ok()?;
    Some(day.and_time(time))
}

/// "a 24-hour walkout from 6 a.m. on Monday, March 3, to 6 a.m. on Wednesday,
/// March 5": a length in hours, hyphenated before its noun, then "from" a
/// clock time on a day "to" or "until" another, in the same sentence. The
/// hours between the two must be the length ("48-hour"), with nothing to
/// round: both ends name the minute.
fn clock_hours(
    cx: &CheckContext<'_>,
    id: &'static str,
    d: usize,
    v: &DocView<'_>,
    i: usize,
) -> Option<Finding> {
    let r = &v.mentions[i];
    let crate::extract::Expr::Duration { amount, .. } = &r.mention.expr else {
        return None;
    };
    let Value::Duration {
        unit: CalendarUnit::Hour,
        amount: hours,
    } = &r.value
    else {
        return None;
    };
    let written = v.text(i);
    if !written.contains('-') || !amount.on_the_calendar() || r.mention.hedge.is_some() {
        return None;
    }
    // The noun, then "from": "24-hour walkout from", "48-hour strike, from".
    // The first time, then the next time after its day ("on Monday, March 3").
    let a = i + 1;
    let ta = timed(v, a)?;
    let b = (a + 1..(a + 3).min(v.mentions.len())).find(|&k| timed(v, k).is_some())?;
    let tb = timed(v, b)?;
    let prose = &v.doc.prose;
    let lead = prose.get(r.mention.span.end..v.mentions[a].mention.span.start)?;
    let mut lead_words = lead.split_whitespace().map(|w| w.trim_end_matches(','));
    let noun = lead_words.next()?;
    if !noun.chars().all(char::is_alphabetic)
        || lead_words.next() != Some("from")
        || lead_words.next().is_some()
    {
        return None;
    }
    // "on Monday, March 3, to 6 a.m.": only the first time's day between the two times.
    let link = prose.get(v.mentions[a].mention.span.end..v.mentions[b].mention.span.start)?;
    let link_words: Vec<&str> = link
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    if !matches!(link_words.last(), Some(&("to" | "until" | "till"))) {
        return None;
    }
    if !v.same_sentence(r.mention.span.start, v.mentions[b].mention.span.end) || tb <= ta {
        return None;
    }
    let between = (tb - ta).num_minutes() as f64 / 60.0;
    if hours.contains(between) {
        return None;
    }
    let shown = if between.fract() == 0.0 {
        format!("{between:.0} hours")
    } else {
        format!("{between:.1} hours")
    };
    // The phrase runs on to the second time's day: "… to 6 a.m. on Wednesday, March 5".
    let end = v
        .mentions
        .get(b + 1)
        .filter(|m| {
            m.mention.kind == crate::extract::Kind::Date
                && prose
                    .get(v.mentions[b].mention.span.end..m.mention.span.start)
                    .is_some_and(|t| t.trim() == "on")
        })
        .map_or(v.mentions[b].mention.span.end, |m| m.mention.span.end);
    let vars = vec![
        (
            "phrase",
            format!("from {}", prose.get(v.mentions[a].mention.span.start..end)?),
        ),
        ("days", shown.clone()),
        ("duration", written.to_string()),
        ("start", ta.format("%Y-%m-%d %H:%M").to_string()),
        ("end", tb.format("%Y-%m-%d %H:%M").to_string()),
    ];
    let fix = (between.fract() == 0.0)
        .then(|| recount(written, between as i64))
        .flatten()
        .map(|replacement| Fix {
            doc: d,
            span: r.mention.span.clone(),
            replacement,
            applicability: Applicability::Unsafe,
        });
    Some(Finding::templated(
        cx.settings,
        id,
        cx.settings.severity(id),
        &vars,
        Label {
            doc: d,
            span: r.mention.span.clone(),
            message: format!("{written} as written"),
        },
        vec![
            Label {
                doc: d,
                span: v.mentions[a].mention.span.clone(),
                message: format!("from {}", ta.format("%a %Y-%m-%d %H:%M")),
            },
            Label {
                doc: d,
                span: v.mentions[b].mention.span.clone(),
                message: format!("to {}: {shown}", tb.format("%a %Y-%m-%d %H:%M")),
            },
        ],
        fix,
    ))
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
        relation: RelationKind::Between,
        anchor: Some(ai),
        end: Some(ei),
        ..
    } = &v.mentions[i].value
    else {
        return None;
    };
    // Each end is a day, or a month or year ("between February 2022 and July 2023").
    let (start, start_last) = pinned_range(v, *ai)?;
    let (end_first, end) = pinned_range(v, *ei)?;
    if end <= start {
        return None;
    }
    let di = stated_length(v, i)?;
    let dur = duration(v, di)?;
    // A month-wide end is exact enough only for months and years.
    let wide = start != start_last || end_first != end;
    if wide && !matches!(dur.unit, CalendarUnit::Month | CalendarUnit::Year) {
        return None;
    }
    // Days are counted exactly: "a three-day strike from Monday to Friday"
    // is five days (four, not counting the last), and no drift makes it three.
    let s = if dur.unit == CalendarUnit::Day && !dur.hedged {
        0
    } else {
        slack.round() as i64
    };
    // Counted without or with the last day, give or take the slack; between the
    // nearest and the farthest days the ends allow.
    let lo = elapsed_in(start_last, add_days(end_first, -s)?, dur.unit);
    let hi = elapsed_in(start, add_days(end, 1 + s)?, dur.unit);
    if dur.lo <= hi && dur.hi.is_none_or(|h| h >= lo) {
        return None;
    }
    let days = (end - start).num_days();
    let vars = vec![
        ("phrase", v.text(i).to_string()),
        // "is 4 days, or 5 counting both": a length in days may count either way.
        (
            "days",
            if dur.unit == CalendarUnit::Day {
                format!(
                    "{}, or {} counting both",
                    count_units(days as f64, CalendarUnit::Day),
                    days + 1
                )
            } else {
                count_units(days as f64, CalendarUnit::Day)
            },
        ),
        ("duration", v.text(di).to_string()),
        ("start", start.to_string()),
        ("end", end.to_string()),
    ];
    // A recount in the stated unit, when the unit counts days exactly.
    let fix = match dur.unit {
        CalendarUnit::Day | CalendarUnit::Week if !dur.hedged => {
            let per = if dur.unit == CalendarUnit::Day {
                1.0
            } else {
                7.0
            };
            // "a three-day strike from Monday to Friday" is a five-day strike:
            // an event's days are counted with both ends.
            let n = if dur.unit == CalendarUnit::Day && v.text(di).contains('-') {
                days + 1
            } else {
                (days as f64 / per).round() as i64
            };
            recount(v.text(di), n).map(|replacement| Fix {
                doc: d,
                span: v.mentions[di].mention.span.clone(),
                replacement,
                applicability: Applicability::Unsafe,
            })
        }
        _ => None,
    };
    Some(Finding::templated(
        cx.settings,
        id,
        cx.settings.severity(id),
        &vars,
        Label {
            doc: d,
            span: v.mentions[di].mention.span.clone(),
            message: format!("{} as written", v.text(di)),
        },
        vec![
            date_label(v, d, *ai, &Days::day(start)),
            date_label(v, d, *ei, &Days::day(end)),
        ],
        fix,
    ))
}

#[cfg(test)]
mod tests {
    use crate::check::testing::{findings, silent};

    const RULE: &str = "duration-between";

    #[test]
    fn months_at_both_ends_and_rates_beside_them() {
        let f = findings(
            "---\ndate: 2024-06-10\n---\nThe trial enrolled patients between February 2022 and July 2023, a period of 27 months.\n",
            RULE,
        );
        assert_eq!(f.len(), 1, "{f:#?}");
        silent(
            "---\ndate: 2024-06-10\n---\nThe trial enrolled patients between February 2022 and July 2023, a period of 17 months.\n",
            RULE,
        );
        silent(
            "---\ndate: 1987-06-01\n---\nReserves rose by two to three billion dlrs a month between January and May.\n",
            RULE,
        );
        // A compact range, and a length that is not the range's own.
        assert_eq!(
            findings("---\ndate: 2024-10-10\n---\nHearings ran from 4 to 19 June, a little over a\nmonth.\n", RULE).len(),
            1
        );
        silent("---\ndate: 2024-10-10\n---\nHearings ran from 4 to 19 June, a little over two weeks.\n", RULE);
        silent(
            "---\ndate: 2025-02-20\n---\nThe car park is closed from 3 to 14 July, a day either side of the festival.\n",
            RULE,
        );
    }

    #[test]
    fn a_week_called_two_weeks() {
        let f = findings(
            "---\ndate: 2025-03-14\n---\nFrom March 3 to March 10, a span of two weeks, the talks stalled.\n",
            RULE,
        );
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(
            f[0].help.as_deref(),
            Some("2025-03-03 to 2025-03-10 is 7 days")
        );
        assert_eq!(f[0].fix.as_ref().unwrap().replacement, "one week");
    }

    #[test]
    fn planted_lengths_are_caught() {
        for text in [
            "---\ndate: 2025-01-07\n---\nFor 12 days, from Dec. 20 to Jan. 5, the front was quiet.\n",
            "The strike ran from June 2, 2024, to Aug. 30, 2024, a stretch of five months.\n",
        ] {
            assert_eq!(findings(text, RULE).len(), 1, "{text:?}");
        }
    }

    #[test]
    fn ranges_without_from_and_ranges_before_their_length() {
        let head = "---\ndate: 2025-02-14\n---\n";
        for (planted, twin) in [
            (
                "The blackout lasted three weeks (Jan. 2–30) and left homes cold.",
                "The blackout lasted four weeks (Jan. 2–30) and left homes cold.",
            ),
            (
                "The blackout lasted three weeks (2–30 January) and left homes cold.",
                "The blackout lasted four weeks (2–30 January) and left homes cold.",
            ),
            (
                "For 12 days, Dec. 20 through Jan. 5, the picket lines were quiet.",
                "For 16 days, Dec. 20 through Jan. 5, the picket lines were quiet.",
            ),
            (
                "The blackout, from Jan. 2 to Jan. 30, lasted three weeks.",
                "The blackout, from Jan. 2 to Jan. 30, lasted four weeks.",
            ),
            (
                "Between March 3 and March 10, a fortnight, the talks stalled.",
                "Between March 3 and March 17, a fortnight, the talks stalled.",
            ),
            // A compound length names the noun the range dates.
            (
                "Workers held a three-day strike from March 3 to March 10.",
                "Workers held an eight-day strike from March 3 to March 10.",
            ),
            (
                "The trial, which lasted three weeks, ran from Feb. 10 to Feb. 21, 2025.",
                "The trial, which lasted two weeks, ran from Feb. 10 to Feb. 21, 2025.",
            ),
            // Clock hours between two times on their days.
            (
                "Nurses will stage a 24-hour walkout from 6 a.m. on Monday, March 3, to 6 a.m. on Wednesday, March 5.",
                "Nurses will stage a 48-hour walkout from 6 a.m. on Monday, March 3, to 6 a.m. on Wednesday, March 5.",
            ),
            (
                "Drivers plan a 12-hour stoppage from 7pm on Friday, March 7, until 5am on Saturday, March 8.",
                "Drivers plan a 10-hour stoppage from 7pm on Friday, March 7, until 5am on Saturday, March 8.",
            ),
            // Days are counted exactly, with or without the last one.
            (
                "Teachers staged a three-day strike from Monday, March 3, to Friday, March 7.",
                "Teachers staged a five-day strike from Monday, March 3, to Friday, March 7.",
            ),
            (
                "Ministers met for a two-day summit from Monday, March 3, to Thursday, March 6.",
                "Ministers met for a four-day summit from Monday, March 3, to Thursday, March 6.",
            ),
            (
                "The 60-day window runs from Jan. 1 to March 31.",
                "The 90-day window runs from Jan. 1 to March 31.",
            ),
            (
                "A 60-day window, from Jan. 1 to March 31, is open.",
                "A 90-day window, from Jan. 1 to March 31, is open.",
            ),
            (
                "A week-long consultation ran from 3 February to 3 March 2025.",
                "A month-long consultation ran from 3 February to 3 March 2025.",
            ),
        ] {
            assert_eq!(
                findings(&format!("{head}{planted}\n"), RULE).len(),
                1,
                "{planted}"
            );
            assert!(
                findings(&format!("{head}{twin}\n"), RULE).is_empty(),
                "{twin}"
            );
        }
        // Weekdays joined by "through" are no dated range.
        assert!(findings(
            &format!("{head}For four days, Monday through Friday, it rained.\n"),
            RULE
        )
        .is_empty());
    }

    #[test]
    fn consistent_twins_stay_silent() {
        for text in [
            "---\ndate: 2025-03-14\n---\nFrom March 3 to March 10, a span of one week, the talks stalled.\n",
            "---\ndate: 2025-01-07\n---\nFor 16 days, from Dec. 20 to Jan. 5, the front was quiet.\n",
            "The strike ran from June 2, 2024, to Aug. 30, 2024, a stretch of three months.\n",
            // Business days are not calendar days: checks leave them be.
            "---\ndate: 2025-03-14\n---\nFrom March 3 to March 12, a span of seven business days, the talks stalled.\n",
            // Inclusive counting: March 3 to March 9 is seven days.
            "---\ndate: 2025-03-14\n---\nFrom March 3 to March 9, seven days in all, the talks stalled.\n",
            // A length far from the span, or no single days.
            "---\ndate: 2025-03-14\n---\nFrom March 3 to March 10 the talks stalled, and the strike that followed them in the north lasted two weeks.\n",
            "From 2014 to 2022, eight years of war passed.\n",
            // A length of something else in the same sentence.
            "The note carries a three year term and is convertible from April 1, 1987 to March 31, 1989.\n",
        ] {
            silent(text, RULE);
        }
    }
}
