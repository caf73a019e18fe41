#![doc = include_str!("../../docs/rules/ordinal-period.md")]

use super::timeline::{
    count_units, date_label, ordinal_word, pinned_range, reference_time, sentence_times, time_name,
    Days,
};
use super::{Applicability, Check, CheckContext, DocView, Finding, Fix, Label};
use crate::extract::{Expr, Kind, RelationKind};
use crate::resolve::{shift_fractional, Value};
use crate::value::calendar::{add_days, elapsed_in, CalendarUnit};

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
        // A start word in the date's own segment, a few words back ("Founded as
        // a single creamery in Somerset in May 1921").
        let from = span.start.saturating_sub(80);
        let mut from = from;
        while !v.doc.prose.is_char_boundary(from) {
            from += 1;
        }
        let before = v
            .doc
            .prose
            .get(from..span.start)
            .unwrap_or("")
            .to_lowercase();
        let segment = before
            .rsplit([',', ';', '(', ')', '.', '\u{2014}', '\u{2013}'])
            .next()
            .unwrap_or("");
        let words: Vec<&str> = segment
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        if !words.iter().rev().take(8).any(|w| start_word(w)) {
            return false;
        }
        if span.start < here.start {
            return true;
        }
        let between = v.doc.prose.get(here.end..span.start).unwrap_or(",");
        let restrictive = between.trim_start().starts_with("of ")
            && !between.contains([',', ';', '(', ')', '\u{2014}', '\u{2013}']);
        restrictive
    })
}

impl Check for OrdinalPeriod {
    fn id(&self) -> &'static str {
        "ordinal-period"
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        let id = self.id();
        let slack = cx.settings.slack_days(id);
        super::each_mention(cx, out, |d, v, i| one(cx, id, d, v, i, slack));
    }
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
        CalendarUnit::Day | CalendarUnit::Week | CalendarUnit::Month | CalendarUnit::Year
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
    let si = start_date(v, i)?;
    let (start, start_end) = pinned_range(v, si)?;
    // A month or year of start is exact enough only for counting years.
    if start != start_end && unit != CalendarUnit::Year {
        return None;
    }
    let first = shift_fractional(start, (n - 1) as f64, unit)?;
    let last = add_days(shift_fractional(start_end, n as f64, unit)?, -1)?;
    let lands = Days {
        lo: Some(first),
        hi: Some(last),
    };
    let mut times = sentence_times(v, i, &[si, *oi])?;
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
        ("unit", unit.name().to_string()),
    ];
    let mut secondary = vec![date_label(v, d, si, &Days::day(start))];
    if let Some(k) = t.mention {
        secondary.push(date_label(v, d, k, &t.days));
    }
    let written = v.text(*oi);
    let fix = right
        .filter(|_| t.days.single().is_some() && written.chars().all(char::is_alphabetic))
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
}
