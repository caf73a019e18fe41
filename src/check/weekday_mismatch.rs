#![doc = include_str!("../../docs/rules/weekday-mismatch.md")]

use chrono::Datelike;

use super::{show_day, Applicability, Check, CheckContext, DocView, Finding, Fix, Label};
use crate::extract::{DateExpr, Expr, YearSpec};

/// The rule.
pub struct WeekdayMismatch;

const NAMES: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// A date written with month and day whose resolved day is known, and whether
/// its year was written or inferred.
fn dated(v: &DocView<'_>, i: usize) -> Option<(chrono::NaiveDate, bool)> {
    let Expr::Date(DateExpr::Calendar {
        year,
        month: Some(_),
        day: Some(_),
        ..
    }) = &v.mentions[i].mention.expr
    else {
        return None;
    };
    let written = matches!(year, YearSpec::Year(_));
    // An inferred year is only trusted against a known date of writing.
    if !written && v.reference.date.is_none() {
        return None;
    }
    Some((v.day(i)?, written))
}

impl Check for WeekdayMismatch {
    fn id(&self) -> &'static str {
        "weekday-mismatch"
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        let id = self.id();
        for (d, v) in cx.docs.iter().enumerate() {
            for i in 0..v.mentions.len() {
                // "Thursday, March 12, 2025": weekday and date in one mention.
                if let Expr::Date(DateExpr::Calendar {
                    weekday: Some(w), ..
                }) = &v.mentions[i].mention.expr
                {
                    if let Some((date, written_year)) = dated(v, i) {
                        if !written_year && some_year_fits(v, i, *w) {
                            continue;
                        }
                        let span = v.mentions[i].mention.span.clone();
                        let word_len = v
                            .text(i)
                            .find(|c: char| !c.is_alphabetic())
                            .unwrap_or(v.text(i).len());
                        let weekday_span = span.start..span.start + word_len;
                        // The date part of the phrase gets its own label with what it resolved to.
                        let rest = &v.text(i)[word_len..];
                        let skip = rest.len()
                            - rest
                                .trim_start_matches(|c: char| {
                                    c == '.' || c == ',' || c.is_whitespace()
                                })
                                .len();
                        let date_span = span.start + word_len + skip..span.end;
                        if let Some(f) = mismatch(cx, id, d, *w, weekday_span, date, date_span) {
                            out.push(f);
                        }
                    }
                    continue;
                }
                // "on Wednesdays, March 4, 11 and 18": a weekday that recurs, then its first date.
                if let Some((w, weekday_span)) = plural_weekday_before(v, i) {
                    if let Some((date, written_year)) = dated(v, i) {
                        if written_year || !some_year_fits(v, i, w) {
                            let date_span = v.mentions[i].mention.span.clone();
                            if let Some(f) = mismatch(cx, id, d, w, weekday_span, date, date_span) {
                                out.push(f);
                            }
                        }
                    }
                    continue;
                }
                // "on Sunday (Oct. 3)", "Oct. 3 (Sunday)", "Sunday, or Oct. 3": two mentions side by side.
                let Expr::Date(DateExpr::Weekday { weekday: w, .. }) = &v.mentions[i].mention.expr
                else {
                    continue;
                };
                for k in [i.wrapping_sub(1), i + 1] {
                    let Some(other) = v.mentions.get(k) else {
                        continue;
                    };
                    let (a, b) = if k < i {
                        (other.mention.span.end, v.mentions[i].mention.span.start)
                    } else {
                        (v.mentions[i].mention.span.end, other.mention.span.start)
                    };
                    let Some(between) = v.doc.text.get(a..b) else {
                        continue;
                    };
                    // Brackets or a comma pair them; a dash after a wire dateline does not
                    // ("COLOGNE, Oct 20 - Monday's crash").
                    let side_by_side = (!between.trim().is_empty()
                        && between
                            .chars()
                            .all(|c| c.is_whitespace() || matches!(c, '(' | ')' | ',' | '[' | ']')))
                        // "on 7 March, a Thursday,": the weekday in apposition.
                        || (k < i && matches!(between.trim(), ", a" | "(a" | "— a"))
                        // "Tuesday's (March 17) vote": a possessive weekday and its date in brackets.
                        || (k > i
                            && between
                                .strip_prefix("'s")
                                .or_else(|| between.strip_prefix("\u{2019}s"))
                                .is_some_and(|rest| {
                                    matches!(rest.trim(), "(" | "[")
                                }));
                    if !side_by_side {
                        continue;
                    }
                    if let Some((date, written_year)) = dated(v, k) {
                        if !written_year && some_year_fits(v, k, *w) {
                            continue;
                        }
                        if let Some(f) = mismatch(
                            cx,
                            id,
                            d,
                            *w,
                            v.mentions[i].mention.span.clone(),
                            date,
                            other.mention.span.clone(),
                        ) {
                            out.push(f);
                        }
                    }
                }
            }
        }
    }
}

/// A weekday named in the plural right before date `i`, a comma between
/// ("on Wednesdays, March 4, 11 and 18"): its number (1 = Monday) and span.
fn plural_weekday_before(v: &DocView<'_>, i: usize) -> Option<(u32, std::ops::Range<usize>)> {
    let Expr::Date(DateExpr::Calendar {
        day: Some(_),
        weekday: None,
        ..
    }) = &v.mentions[i].mention.expr
    else {
        return None;
    };
    let start = v.mentions[i].mention.span.start;
    let before = v.doc.prose.get(start.saturating_sub(16)..start)?;
    let word = before.trim_end().strip_suffix(',')?;
    // Step over the last other character by its own length: a narrow
    // no-break space is three bytes.
    let at = word
        .char_indices()
        .rev()
        .find(|(_, c)| !c.is_ascii_alphabetic())
        .map_or(0, |(k, c)| k + c.len_utf8());
    let plural = &word[at..];
    let n = NAMES.iter().position(|name| {
        plural.len() == name.len() + 1
            && plural[..name.len()].eq_ignore_ascii_case(name)
            && plural.ends_with('s')
    })?;
    let from = start - before.len() + at;
    Some((n as u32 + 1, from..from + plural.len()))
}

/// With the year not written, the weekday itself says which year was meant:
/// any year that puts the date within ~10 months of the reference and on that
/// weekday makes the pair consistent.
fn some_year_fits(v: &DocView<'_>, i: usize, written: u32) -> bool {
    let (
        Some(r),
        Expr::Date(DateExpr::Calendar {
            month: Some(m),
            day: Some(dd),
            ..
        }),
    ) = (v.reference.date, &v.mentions[i].mention.expr)
    else {
        return false;
    };
    let fits = |y: i32| {
        chrono::NaiveDate::from_ymd_opt(y, *m, *dd)
            .is_some_and(|d| d.weekday().number_from_monday() == written)
    };
    let here = v.mentions[i].mention.span.start;
    // "Last year's race, on Sunday, 14 September": a year told in words
    // earlier in the sentence, and the date read in it, is the date's year:
    // the weekday is checked against that year alone.
    let told_in_words = (0..i).rev().take(12).find_map(|k| {
        let shift = match v.text(k).to_ascii_lowercase().as_str() {
            "last year" => -1,
            "this year" => 0,
            "next year" => 1,
            _ => return None,
        };
        v.same_sentence(v.mentions[k].mention.span.start, here)
            .then_some(r.year() + shift)
    });
    if let Some(y) = told_in_words.filter(|&y| v.day(i).is_some_and(|d| d.year() == y)) {
        return fits(y);
    }
    // "In 1984, the strike began on Monday, March 12": a year written before
    // the date in its sentence may be its year.
    let told = (0..i).rev().take(12).any(|k| {
        let e = &v.mentions[k].mention;
        matches!(
            e.expr,
            Expr::Date(DateExpr::Calendar {
                year: YearSpec::Year(y),
                ..
            }) if fits(y)
        ) && v.same_sentence(e.span.start, here)
    });
    told || (r.year() - 1..=r.year() + 1)
        .filter_map(|y| chrono::NaiveDate::from_ymd_opt(y, *m, *dd))
        .any(|d| (d - r).num_days().abs() <= 300 && d.weekday().number_from_monday() == written)
}

/// The finding for weekday `written` (at `weekday_span`) beside `date`, written
/// at `date_span`, when the date falls on another weekday.
fn mismatch(
    cx: &CheckContext<'_>,
    id: &'static str,
    doc: usize,
    written: u32,
    weekday_span: std::ops::Range<usize>,
    date: chrono::NaiveDate,
    date_span: std::ops::Range<usize>,
) -> Option<Finding> {
    let actual = date.weekday().number_from_monday();
    if actual == written {
        return None;
    }
    let written_name = NAMES[(written as usize + 6) % 7];
    let actual_name = NAMES[(actual as usize + 6) % 7];
    let date_text = date.format("%B %-d, %Y").to_string();
    let vars = [
        ("weekday", written_name.to_string()),
        ("date", date_text),
        ("actual", actual_name.to_string()),
    ];
    let written_as = cx.docs[doc]
        .doc
        .text
        .get(weekday_span.clone())
        .unwrap_or(written_name);
    // Keep the writer's form: "Thu." stays abbreviated, "THURSDAY" upper case,
    // "Thursdays" plural.
    let plural = written_as.len() == written_name.len() + 1 && written_as.ends_with(['s', 'S']);
    let replacement = if plural {
        let name = &written_as[..written_name.len()];
        let s = &written_as[written_name.len()..];
        if name.chars().all(|c| !c.is_lowercase()) {
            format!("{}{s}", actual_name.to_uppercase())
        } else {
            format!("{actual_name}{s}")
        }
    } else if written_as.len() < written_name.len() {
        actual_name[..written_as
            .trim_end_matches('.')
            .len()
            .min(actual_name.len())]
            .to_string()
    } else if written_as.chars().all(|c| !c.is_lowercase()) {
        actual_name.to_uppercase()
    } else {
        actual_name.to_string()
    };
    let primary = Label {
        doc,
        span: weekday_span.clone(),
        message: format!("{written_name}, but the date is a {actual_name}"),
    };
    let fix = Fix {
        doc,
        span: weekday_span,
        replacement,
        applicability: Applicability::Unsafe,
    };
    Some(Finding::templated(
        cx.settings,
        id,
        cx.settings.severity(id),
        &vars,
        primary,
        vec![Label {
            doc,
            span: date_span,
            message: format!("→ {}", show_day(date)),
        }],
        Some(fix),
    ))
}

#[cfg(test)]
mod tests {
    use crate::check::testing::{findings, silent};

    #[test]
    fn a_weekday_that_recurs_and_its_first_date() {
        let at = |text: &str| {
            findings(
                &format!("---\ndate: 2025-03-14\n---\n{text}\n"),
                "weekday-mismatch",
            )
        };
        // 4 March 2025 is a Tuesday.
        let f = at("Bins will be collected on Wednesdays, March 4, 11 and 18, the council said.");
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(
            f[0].fix.as_ref().map(|x| x.replacement.as_str()),
            Some("Tuesdays")
        );
        assert!(
            at("Bins will be collected on Tuesdays, March 4, 11 and 18, the council said.")
                .is_empty()
        );
        assert!(at("Classes run on Tuesdays, 4 March to 25 March 2025.").is_empty());
        // A narrow no-break space before the weekday (a regression of the
        // Unicode property test: the cut stepped one byte into it).
        assert_eq!(
            at("Bins go out on\u{202f}Wednesdays, March 4, 11 and 18.").len(),
            1
        );
        // Without the comma the weekday does not name the date ("from" starts a range).
        assert!(
            at("Bins will be collected on Wednesdays from March 4, the council said.").is_empty()
        );
    }

    #[test]
    fn a_possessive_weekday_and_its_date_in_brackets() {
        let at = |text: &str| {
            findings(
                &format!("---\ndate: 2025-03-14\n---\n{text}\n"),
                "weekday-mismatch",
            )
        };
        // 17 March 2025 is a Monday.
        assert_eq!(
            at("Tuesday's (March 17) vote in the Senate is expected to be close.").len(),
            1
        );
        assert_eq!(
            at("Tuesday\u{2019}s (March 17) vote in the Senate is expected to be close.").len(),
            1
        );
        assert!(at("Monday's (March 17) vote in the Senate is expected to be close.").is_empty());
    }

    #[test]
    fn a_year_told_in_words_earlier_in_the_sentence() {
        let at = |text: &str| {
            findings(
                &format!("---\ndate: 2025-03-14\n---\n{text}\n"),
                "weekday-mismatch",
            )
        };
        // 14 September 2024 was a Saturday; in 2025 it is a Sunday.
        let f = at("Last year's race, on Sunday, 14 September, was won in a course record.");
        assert_eq!(f.len(), 1, "{f:#?}");
        for text in [
            "Last year's race, on Saturday, 14 September, was won in a course record.",
            "This year's race, on Sunday, 14 September, starts at 9am.",
        ] {
            assert!(at(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn a_year_written_earlier_in_the_sentence() {
        for text in [
            "In 1984, the miners' strike began on Monday, March 12, when pickets gathered.",
            "The 1984 miners' strike began on Monday, March 12, when pickets gathered.",
        ] {
            let f = findings(
                &format!("---\ndate: 2025-03-14\n---\n{text}\n"),
                "weekday-mismatch",
            );
            assert!(f.is_empty(), "{text}: {f:#?}");
        }
        let f = findings(
            "---\ndate: 2025-03-14\n---\nIn 1984, the strike began on Tuesday, March 12.\n",
            "weekday-mismatch",
        );
        assert_eq!(f.len(), 1);
    }

    #[test]
    fn a_weekday_in_apposition_after_its_date() {
        let at = |text: &str| {
            findings(
                &format!("---\ndate: 2025-03-14\n---\n{text}\n"),
                "weekday-mismatch",
            )
            .len()
        };
        assert_eq!(at("The talks opened on 7 March, a Thursday, in Geneva."), 1);
        assert_eq!(at("The talks opened on 7 March, a Friday, in Geneva."), 0);
    }

    #[test]
    fn weekday_and_date_in_one_phrase() {
        let f = findings(
            "---\ndate: 2025-03-14\n---\nThe talks ended on Thursday, March 12, 2025.\n",
            "weekday-mismatch",
        );
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(
            f[0].message.contains("March 12, 2025 is a Wednesday"),
            "{}",
            f[0].message
        );
        assert_eq!(f[0].fix.as_ref().unwrap().replacement, "Wednesday");
    }

    #[test]
    fn weekday_with_a_date_in_brackets() {
        let f = findings(
            "---\ndate: 2024-10-05\n---\nThe vote was held on Sunday (Oct. 3) in Kyiv.\n",
            "weekday-mismatch",
        );
        assert_eq!(f.len(), 1, "{f:?}");
        let f = findings(
            "---\ndate: 2024-10-05\n---\nThe vote was held on Oct. 3 (Sunday) in Kyiv.\n",
            "weekday-mismatch",
        );
        assert_eq!(f.len(), 1, "{f:?}");
    }

    #[test]
    fn consistent_twins_stay_silent() {
        // The year is not written and the weekday fits next year's date: a meeting ahead.
        silent("---\ndate: 1987-03-16\n---\nIt rescheduled its annual meeting to Monday, May 11, at the same hotel.\n", "weekday-mismatch");
        // A dash after a dateline does not pair the dateline's date with the next weekday.
        silent(
            "---\ndate: 1987-10-20\n---\nCOLOGNE, Oct 20 - Monday's fall in share prices spread.\n",
            "weekday-mismatch",
        );
        // A year on the next line of a fixture list is a kick-off time, not the date's year.
        silent(
            "Saturday, 26 February\n1400 Cardiff v Bath\n",
            "weekday-mismatch",
        );
        silent(
            "---\ndate: 2025-03-14\n---\nThe talks ended on Wednesday, March 12, 2025.\n",
            "weekday-mismatch",
        );
        silent(
            "---\ndate: 2024-10-05\n---\nThe vote was held on Thursday (Oct. 3) in Kyiv.\n",
            "weekday-mismatch",
        );
        silent(
            "---\ndate: 2025-01-07\n---\nUkraine attacked on Sunday, Jan. 5, near Berdin.\n",
            "weekday-mismatch",
        );
        // No date of writing and no year: the year is unknown, so the weekday cannot be checked.
        silent(
            "Ukraine attacked on Monday, Jan. 5, near Berdin.\n",
            "weekday-mismatch",
        );
        // A weekday and a date that are not side by side are two different days.
        silent(
            "---\ndate: 2025-01-07\n---\nOn Monday officials said the attack began on Jan. 5.\n",
            "weekday-mismatch",
        );
    }
}
