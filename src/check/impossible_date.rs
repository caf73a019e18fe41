#![doc = include_str!("../../docs/rules/impossible-date.md")]

use chrono::{Datelike, NaiveDate};

use super::{show_day, Applicability, Check, CheckContext, DocView, Finding, Fix, Label};
use crate::extract::{DateExpr, Expr, YearSpec};
use crate::resolve::Value;
use crate::value::calendar::days_in_month;

/// The rule.
pub struct ImpossibleDate;

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The year a date with a day was read in: written, or the one the resolver
/// settled on (its partial pattern starts with it).
fn year_of(v: &DocView<'_>, i: usize, spec: &YearSpec) -> Option<(i32, bool)> {
    match spec {
        YearSpec::Year(y) => Some((*y, true)),
        _ => match &v.mentions[i].value {
            Value::PartialDate { pattern } => pattern.get(..4)?.parse().ok().map(|y| (y, false)),
            _ => None,
        },
    }
}

impl Check for ImpossibleDate {
    fn id(&self) -> &'static str {
        "impossible-date"
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        super::each_mention(cx, out, |d, v, i| impossible(cx, self.id(), d, v, i));
    }
}

/// A calendar date whose day its month never has ("June 31") or does not
/// have in the written year ("29 February 2023").
fn impossible(
    cx: &CheckContext<'_>,
    id: &'static str,
    d: usize,
    v: &DocView<'_>,
    i: usize,
) -> Option<Finding> {
    let Expr::Date(DateExpr::Calendar {
        year,
        month: Some(month),
        day: Some(day),
        weekday,
        ..
    }) = &v.mentions[i].mention.expr
    else {
        return None;
    };
    let (month, day) = (*month, *day);
    if !(1..=12).contains(&month) || day == 0 {
        return None;
    }
    // The most days the month ever has: 29 for February, in a leap year.
    let most = if month == 2 {
        29
    } else {
        days_in_month(2001, month)
    };
    let (y, written) = year_of(v, i, year).unwrap_or((2001, false));
    let last = if day > most {
        most.min(days_in_month(y, month))
    } else if month == 2 && day == 29 && written && days_in_month(y, 2) == 28 {
        // A 29th of February is impossible only in a year the writer gave: an
        // inferred year may be the wrong guess.
        28
    } else {
        return None;
    };
    let name = MONTHS[month as usize - 1];
    let (problem, why) = if day > most {
        (
            format!("{name} has {most} days at most"),
            format!("{name} runs from the 1st to the {last}th"),
        )
    } else {
        (
            format!("{y} is not a leap year"),
            format!("February {y} has 28 days"),
        )
    };
    let span = v.mentions[i].mention.span.clone();
    let text = v.text(i).to_string();
    let fix = weekday.and_then(|w| fix_by_weekday(v, i, y, month, day, last, w));
    let near = first_after_month(y, month, day, last);
    let suggestion = match (NaiveDate::from_ymd_opt(y, month, last), near) {
        (Some(a), Some(b)) => format!("{} or {}", show_day(a), show_day(b)),
        _ => String::from("another day"),
    };
    Some(Finding::templated(
        cx.settings,
        id,
        cx.settings.severity(id),
        &[
            ("date", text.clone()),
            ("problem", problem),
            ("why", why),
            ("suggestion", suggestion),
        ],
        Label {
            doc: d,
            span,
            message: format!("no such day: {} {name}", ordinal(day)),
        },
        Vec::new(),
        fix.map(|(span, replacement)| Fix {
            doc: d,
            span,
            replacement,
            applicability: Applicability::Unsafe,
        }),
    ))
}

/// The day after the month's last: where "September 31" lands if counted on.
fn first_after_month(y: i32, month: u32, day: u32, last: u32) -> Option<NaiveDate> {
    let first = NaiveDate::from_ymd_opt(y, month, last)?.succ_opt()?;
    first.checked_add_days(chrono::Days::new(u64::from(day.saturating_sub(last + 1))))
}

/// With a weekday written beside it ("Tuesday, Sept. 31"), the one day of
/// the month's last days that falls on that weekday is clearly meant: its
/// day number replaces the written one. Any other case gets no fix.
fn fix_by_weekday(
    v: &DocView<'_>,
    i: usize,
    y: i32,
    month: u32,
    day: u32,
    last: u32,
    weekday: u32,
) -> Option<(std::ops::Range<usize>, String)> {
    let fits: Vec<u32> = (last.saturating_sub(2).max(1)..=last)
        .filter(|&k| {
            NaiveDate::from_ymd_opt(y, month, k)
                .is_some_and(|d| d.weekday().number_from_monday() == weekday)
        })
        .collect();
    let past_end = first_after_month(y, month, day, last)
        .is_some_and(|d| d.weekday().number_from_monday() == weekday);
    let [k] = fits.as_slice() else { return None };
    if past_end {
        return None;
    }
    let text = v.text(i);
    let digits = day.to_string();
    let at = text
        .match_indices(&digits)
        .find(|(p, _)| {
            let before = text[..*p].chars().next_back();
            let after = text[p + digits.len()..].chars().next();
            !before.is_some_and(|c| c.is_ascii_digit())
                && !after.is_some_and(|c| c.is_ascii_digit())
        })?
        .0;
    let start = v.mentions[i].mention.span.start + at;
    Some((start..start + digits.len(), k.to_string()))
}

/// "31st".
fn ordinal(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (1, 11) | (2, 12) | (3, 13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

#[cfg(test)]
mod tests {
    use super::{days_in_month, MONTHS};
    use crate::check::testing::{findings, silent};

    const ID: &str = "impossible-date";

    #[test]
    fn days_a_month_never_has() {
        for text in [
            "---\ndate: 2024-09-28\n---\nThe curfew will stay in force through Sept. 31.\n",
            "---\ndate: 2024-09-28\n---\nRegistration opens Nov. 31.\n",
            "---\ndate: 2024-09-28\n---\nThe ruling, dated 31 June 2024, was published late.\n",
            "---\ndate: 2024-09-28\n---\nThe report is due on 2025-04-31.\n",
            "---\ndate: 2024-09-28\n---\nIt lapses on the 30th of February.\n",
        ] {
            let f = findings(text, ID);
            assert_eq!(f.len(), 1, "{text:?}: {f:#?}");
        }
    }

    #[test]
    fn a_leap_day_only_in_a_leap_year() {
        let f = findings(
            "---\ndate: 2024-09-28\n---\nThe office revised its forecasts on 29 February 2023.\n",
            ID,
        );
        assert_eq!(f.len(), 1);
        assert!(
            f[0].message.contains("2023 is not a leap year"),
            "{}",
            f[0].message
        );
        silent(
            "---\ndate: 2024-09-28\n---\nThe office revised its forecasts on 29 February 2024.\n",
            ID,
        );
        // The year is inferred, and may be the wrong guess: no finding.
        silent(
            "---\ndate: 2023-06-01\n---\nThe vote was held on Feb. 29.\n",
            ID,
        );
    }

    #[test]
    fn real_last_days_are_silent() {
        for text in [
            "---\ndate: 2024-09-28\n---\nThe curfew stays through Sept. 30 and Oct. 31.\n",
            "---\ndate: 2024-09-28\n---\nThe quarter ended June 30, 2024, and the year Dec. 31.\n",
            "---\ndate: 2024-09-28\n---\nFrom 2024-04-30 to 2024-05-31 the line was shut.\n",
        ] {
            silent(text, ID);
        }
    }

    #[test]
    fn a_weekday_beside_it_picks_the_day() {
        // Monday 2024-09-30 is the only Monday of Sept. 28-30.
        let f = findings(
            "---\ndate: 2024-09-20\n---\nThe curfew ends on Monday, Sept. 31, officials said.\n",
            ID,
        );
        assert_eq!(f.len(), 1);
        let fix = f[0].fix.as_ref().expect("a fix");
        assert_eq!(fix.replacement, "30");
        // A weekday that fits none of the month's last days gives no fix.
        let f = findings(
            "---\ndate: 2024-09-20\n---\nThe curfew ends on Friday, Sept. 31, officials said.\n",
            ID,
        );
        assert!(f[0].fix.is_none());
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]

        /// Every day that exists, in AP, British and ISO form, is silent; the
        /// day after a month's last, written the same ways, is flagged.
        #[test]
        fn real_days_pass_and_the_day_after_the_last_does_not(year in 1990i32..2040, month in 1u32..=12, pick in 0u32..31, form in 0usize..3) {
            let last = days_in_month(year, month);
            let day = pick % last + 1;
            let write = |d: u32| match form {
                0 => format!("{} {d}, {year}", MONTHS[month as usize - 1]),
                1 => format!("{d} {} {year}", MONTHS[month as usize - 1]),
                _ => format!("{year}-{month:02}-{d:02}"),
            };
            let head = "---\ndate: 2025-06-01\n---\n";
            silent(&format!("{head}The report was filed on {}.\n", write(day)), ID);
            if last < 31 {
                let f = findings(&format!("{head}The report was filed on {}.\n", write(last + 1)), ID);
                proptest::prop_assert_eq!(f.len(), 1, "{}", write(last + 1));
            }
        }
    }
}
