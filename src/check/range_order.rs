#![doc = include_str!("../../docs/rules/range-order.md")]

use chrono::NaiveDate;

use super::{Check, CheckContext, DocView, Finding, Label};
use crate::extract::{DateExpr, Expr, Kind, RelationKind, YearSpec};
use crate::resolve::Value;

/// The rule.
pub struct RangeOrder;

/// A wrapped range told without years is read across the year end, unless it
/// would then last longer than this: a span of nearly a year is written with
/// its years ("from 11 March to 26 February" is a slip for April, not a
/// 352-day window).
const LONGEST_UNYEARED_WRAP: i64 = 330;

/// An overnight time range ("from 8 p.m. to 6 a.m.") is normal; one that would
/// last this many hours or more is a slip ("from 10 a.m. to 9 a.m.").
const LONGEST_OVERNIGHT_HOURS: i64 = 20;

impl Check for RangeOrder {
    fn id(&self) -> &'static str {
        "range-order"
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        let id = self.id();
        for (d, v) in cx.docs.iter().enumerate() {
            for i in 0..v.mentions.len() {
                let found = match &v.mentions[i].mention.expr {
                    Expr::Relation {
                        kind: RelationKind::Between,
                        anchor: Some(a),
                        end: Some(e),
                        ..
                    } => backwards_dates(v, *a, *e, true).filter(|_| !is_change(v, *a)),
                    // A dash between dates without "from" may be a dateline
                    // ("BOULDER, Colo., Oct 19 - Sept 30 end"): years must be written.
                    Expr::Date(_) => dashed_partner(v, i)
                        .and_then(|e| backwards_dates(v, i, e, false))
                        .filter(|_| !is_change(v, i)),
                    _ => None,
                };
                let found = found.or_else(|| backwards_times(v, i).filter(|_| !is_change(v, i)));
                if let Some((start, end, why)) = found {
                    out.push(finding(cx, id, d, v, start, end, why));
                }
            }
        }
    }
}

/// "X – Y": a date right after mention `i` with only a dash between.
fn dashed_partner(v: &DocView<'_>, i: usize) -> Option<usize> {
    let next = v.mentions.get(i + 1)?;
    if next.mention.kind != Kind::Date {
        return None;
    }
    let between = v
        .doc
        .prose
        .get(v.mentions[i].mention.span.end..next.mention.span.start)?;
    // "from X to Y" is a relation mention, read above; a bare dash is not.
    matches!(between.trim(), "-" | "–" | "—").then_some(i + 1)
}

/// The day span of a date mention, with whether its year was written.
fn days(v: &DocView<'_>, i: usize) -> Option<(NaiveDate, NaiveDate, bool)> {
    let Expr::Date(DateExpr::Calendar {
        year,
        month: Some(_),
        ..
    }) = &v.mentions[i].mention.expr
    else {
        return None;
    };
    let Value::Date { start, end } = &v.mentions[i].value else {
        return None;
    };
    Some((*start, *end, matches!(year, YearSpec::Year(_))))
}

/// Start and end dates that run backwards, as written.
///
/// `wraps`: the range is "from … to …", so one told without years may be read
/// across the year end.
fn backwards_dates(
    v: &DocView<'_>,
    a: usize,
    e: usize,
    wraps: bool,
) -> Option<(usize, usize, String)> {
    let (s0, s1, start_year) = days(v, a)?;
    let (e0, e1, end_year) = days(v, e)?;
    if e1 >= s0 {
        return None;
    }
    match (start_year, end_year) {
        // Both years written: no reading puts the end after the start.
        (true, true) => Some((a, e, format!("it ends {} before it starts", gap(e1, s0)))),
        // Neither: read across the year end, unless that makes it nearly a year long.
        // Months alone ("from July to June") are a fiscal or a school year;
        // a year left on the next line is a year ("until June 23,\n1992").
        (false, false)
            if wraps && s0 == s1 && e0 == e1 && !year_follows(v, a) && !year_follows(v, e) =>
        {
            let wrapped = e1.checked_add_months(chrono::Months::new(12))?;
            let length = (wrapped - s0).num_days() + 1;
            // A whole year ("from April 1 to March 31") is a financial year,
            // and a window told in the past or present may be a season to
            // date ("sales from April 1 through March 13 are estimated at …"):
            // only a window still ahead is read forward.
            let ahead = v.mentions[a].mention.tense == crate::extract::context::Tense::Future;
            (ahead && length > LONGEST_UNYEARED_WRAP && length < 364).then(|| {
                (
                    a,
                    e,
                    format!(
                        "it ends before it starts, or, across the year end, lasts {length} days"
                    ),
                )
            })
        }
        // One year written: the other is read to fit ("from Nov. 28 to Jan. 5, 2025").
        _ => None,
    }
}

/// A year right after a date that the extractor left out of it (", 1992").
fn year_follows(v: &DocView<'_>, k: usize) -> bool {
    let after = v
        .doc
        .prose
        .get(v.mentions[k].mention.span.end..)
        .unwrap_or("");
    let t = after.trim_start_matches([',', ' ', '\n']);
    t.len() >= 4 && t.as_bytes()[..4].iter().all(u8::is_ascii_digit)
}

/// "10 days", "2 months".
fn gap(a: NaiveDate, b: NaiveDate) -> String {
    let n = (b - a).num_days();
    if n > 60 {
        let months = (n as f64 / 30.44).round() as i64;
        format!("about {months} months")
    } else if n == 1 {
        String::from("1 day")
    } else {
        format!("{n} days")
    }
}

/// The start date's phrase follows a verb of change ("moved from March 10 to
/// March 3", "brought forward from … to …"): a change, not a range.
fn is_change(v: &DocView<'_>, start: usize) -> bool {
    let at = v.mentions[start].mention.span.start;
    let before = clause_before(&v.doc.prose, at);
    let lex = &*crate::reading::lexicon::DEFAULT;
    let words: Vec<String> = before
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let n = words.len();
    words
        .iter()
        .enumerate()
        .skip(n.saturating_sub(6))
        .any(|(k, w)| {
            lex.verb(w)
            .iter()
            .any(|s| s.class == "change" || s.class == "reschedule")
            // "the clocks go back one hour, from 2am to 1am": a verb and
            // "back" or "forward" move a time.
            || (matches!(w.as_str(), "back" | "forward")
                && k > 0
                && !lex.verb(&words[k - 1]).is_empty())
        })
}

/// Up to 80 bytes of `prose` before `at`, back to the sentence's start.
fn clause_before(prose: &str, at: usize) -> &str {
    let mut lo = at.saturating_sub(80);
    while !prose.is_char_boundary(lo) {
        lo += 1;
    }
    let s = prose.get(lo..at).unwrap_or("");
    match s.rfind(['.', ';', '\n']) {
        Some(p) => &s[p + 1..],
        None => s,
    }
}

/// "from 10 a.m. to 9 a.m.": clock times whose overnight reading lasts most
/// of a day.
fn backwards_times(v: &DocView<'_>, i: usize) -> Option<(usize, usize, String)> {
    let next = v.mentions.get(i + 1)?;
    let (Value::Time { at: a, .. }, Value::Time { at: b, .. }) =
        (&v.mentions[i].value, &next.value)
    else {
        return None;
    };
    let between = v
        .doc
        .prose
        .get(v.mentions[i].mention.span.end..next.mention.span.start)?;
    let before = clause_before(&v.doc.prose, v.mentions[i].mention.span.start).to_lowercase();
    let ranged = match between.trim() {
        "to" | "until" | "till" => before.trim_end().ends_with("from"),
        "and" => before.trim_end().ends_with("between"),
        "-" | "–" => true,
        _ => false,
    };
    let minutes = |s: &str| -> Option<i64> {
        let (h, m) = s.split_once(':')?;
        Some(h.parse::<i64>().ok()? * 60 + m.parse::<i64>().ok()?)
    };
    let (x, y) = (minutes(a)?, minutes(b)?);
    if !ranged || y >= x {
        return None;
    }
    let length = y + 24 * 60 - x;
    (length >= LONGEST_OVERNIGHT_HOURS * 60).then(|| {
        (
            i,
            i + 1,
            format!(
                "it ends before it starts, or, overnight, lasts {}h{:02}",
                length / 60,
                length % 60
            ),
        )
    })
}

fn finding(
    cx: &CheckContext<'_>,
    id: &'static str,
    d: usize,
    v: &DocView<'_>,
    start: usize,
    end: usize,
    why: String,
) -> Finding {
    let shown = |k: usize| match &v.mentions[k].value {
        Value::Date { start, end } if start == end => super::show_day(*start),
        Value::Date { start, end } => format!("{start} … {end}"),
        Value::Time { at, .. } => at.clone(),
        _ => v.text(k).to_string(),
    };
    let (s, e) = (shown(start), shown(end));
    Finding::templated(
        cx.settings,
        id,
        cx.settings.severity(id),
        &[
            ("start", v.text(start).to_string()),
            ("end", v.text(end).to_string()),
            ("problem", why),
            ("arithmetic", format!("{s} is after {e}")),
        ],
        Label {
            doc: d,
            span: v.mentions[end].mention.span.clone(),
            message: format!("the end → {e}"),
        },
        vec![Label {
            doc: d,
            span: v.mentions[start].mention.span.clone(),
            message: format!("the start → {s}"),
        }],
        None,
    )
}

#[cfg(test)]
mod tests {
    use crate::check::testing::{findings, silent};

    const ID: &str = "range-order";

    #[test]
    fn date_ranges_with_years_that_run_backwards() {
        for text in [
            "---\ndate: 2024-09-19\n---\nThe depots must be sold in a period running from 1 October 2024 to 31 March 2024.\n",
            "---\ndate: 2024-09-19\n---\nEnrolment ran from February 2022 to July 2021 at 118 sites.\n",
            "---\ndate: 2024-09-19\n---\nThe levy applies from Jan. 1, 2025, to Dec. 31, 2024, the ministry said.\n",
            "---\ndate: 2024-09-19\n---\nThe show runs 12 October 2024 – 9 March 2024 at the museum.\n",
        ] {
            let f = findings(text, ID);
            assert_eq!(f.len(), 1, "{text:?}: {f:#?}");
        }
    }

    #[test]
    fn a_wrapped_range_without_years_is_read_across_the_year_end() {
        silent(
            "---\ndate: 2024-11-01\n---\nThe market runs from Nov. 28 to Jan. 5.\n",
            ID,
        );
        silent(
            "---\ndate: 2024-08-01\n---\nThe school year runs from 2 September to 27 June.\n",
            ID,
        );
        // Nearly a year: a slip.
        let f = findings(
            "---\ndate: 2025-03-03\n---\nWritten evidence will be accepted from 11 March to 26 February.\n",
            ID,
        );
        assert_eq!(f.len(), 1, "{f:#?}");
    }

    #[test]
    fn changes_and_consistent_ranges_are_silent() {
        for text in [
            "---\ndate: 2024-09-19\n---\nThe vote was moved from 10 March 2025 to 3 March 2025.\n",
            "---\ndate: 2024-09-19\n---\nThe hearing was brought forward from Oct. 9, 2024, to Oct. 2, 2024.\n",
            "---\ndate: 2024-09-19\n---\nThe period runs from 1 October 2024 to 31 March 2025.\n",
            "---\ndate: 2024-09-19\n---\nStaff numbers fell from 1,200 to 900 this year.\n",
            "---\ndate: 2024-09-19\n---\nThe curfew runs from 8 p.m. to 6 a.m. each night.\n",
        ] {
            silent(text, ID);
        }
    }

    #[test]
    fn times_and_figures() {
        let f = findings(
            "---\ndate: 2024-09-19\n---\nThe polls are open from 10 a.m. to 9 a.m. on Thursday.\n",
            ID,
        );
        assert_eq!(f.len(), 1, "{f:#?}");
        for text in [
            // The clocks change, not a range.
            "---\ndate: 2025-10-20\n---\nThe clocks go back one hour, from 2am to 1am, on Sunday 26 October.\n",
            // A kick-off moved, not a range.
            "---\ndate: 2024-09-19\n---\nKick-off has been brought forward from 2115 GMT to 1945 GMT.\n",
            // Prices and assays range high to low as often as low to high.
            "---\ndate: 2024-09-19\n---\nBids ranged from 98.559 to 98.549, the bank said.\n",
            "---\ndate: 2024-09-19\n---\nEstimates of the crowd ranged from 40,000 to 35,000 people.\n",
            // A dateline before a period's end: no years, no "from".
            "BOULDER, Colo., Oct 19 - Sept 30 end\n    Shr loss 38 cts\n",
            // A fiscal year.
            "---\ndate: 2024-09-19\n---\nIts financial year runs from July to June.\n",
            "---\ndate: 2024-09-19\n---\nThe year will run from April 1 to March 31.\n",
            // A season to date.
            "WASHINGTON, April 1 - Sales under the program from April 1 through March 13 are estimated at 1,032,300 tonnes.\n",
            // The end's year on the next line.
            "---\ndate: 2024-09-19\n---\nThe warrants are exercisable from July 15, until June 23,\n1992.\n",
        ] {
            silent(text, ID);
        }
    }
}
