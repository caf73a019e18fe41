//! What one document writes as dates, read a little wider than one mention at
//! a time: a range written with two dates ("from April 8 to April 22",
//! "April 8-22", "between June 1 and June 4", "ran 8–22 April") is one item;
//! a recurring schedule ("every Tuesday", "will sit Monday through Thursday")
//! is recurring, never a date; a wire dateline ("OSLO, March 3 (Reuters) -")
//! is where the story was filed, not something that happened in it.

use std::ops::Range;

use chrono::{Datelike, NaiveDate};

use super::label;
use super::vocab::VOCAB;
use crate::check::DocView;
use crate::extract::context::Tense;
use crate::extract::{DateExpr, Expr, Kind, Shift};
use crate::resolve::Value;

/// One dated thing a document writes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dated {
    /// The first mention (the range's start).
    pub mention: usize,
    /// First day.
    pub start: NaiveDate,
    /// Last day.
    pub end: NaiveDate,
    /// The bytes written: both dates of a range and what joins them.
    pub span: Range<usize>,
    /// Written as a range of two dates.
    pub range: bool,
}

/// A recurring schedule a document writes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Schedule {
    /// The bytes written ("every Tuesday", "Monday through Thursday").
    pub span: Range<usize>,
}

/// The dated items and schedules of a document, in text order. `skip` is the
/// dateline's mention; every date before `story_start` belongs to a wire
/// dateline and is skipped too.
#[must_use]
pub fn read(
    v: &DocView<'_>,
    sentences: &[Range<usize>],
    skip: Option<usize>,
    story_start: usize,
) -> (Vec<Dated>, Vec<Schedule>) {
    let prose = &v.doc.prose;
    let mut idx: Vec<usize> = (0..v.mentions.len())
        .filter(|&i| {
            let m = &v.mentions[i].mention;
            matches!(m.kind, Kind::Date | Kind::Set)
                && Some(i) != skip
                && m.span.start >= story_start
        })
        .collect();
    idx.sort_by_key(|&i| {
        (
            v.mentions[i].mention.span.start,
            v.mentions[i].mention.span.end,
        )
    });
    let mut dated = Vec::new();
    let mut schedules = Vec::new();
    let mut k = 0;
    while k < idx.len() {
        let i = idx[k];
        let a = &v.mentions[i];
        k += 1;
        if a.mention.kind == Kind::Set {
            if recurring_set(a) {
                schedules.push(Schedule {
                    span: a.mention.span.clone(),
                });
            }
            continue;
        }
        let joined = idx.get(k).and_then(|&j| {
            let b = &v.mentions[j];
            let same = label::sentence_at(sentences, a.mention.span.start)
                == label::sentence_at(sentences, b.mention.span.start);
            let joiner = joiner(prose, &a.mention.span, &b.mention.span)?;
            (same && b.mention.kind == Kind::Date).then_some((j, joiner))
        });
        if let Some((j, joiner)) = &joined {
            let b = &v.mentions[*j];
            // "will sit Monday through Thursday" is a schedule; "made $17m from
            // Friday to Sunday" told in the past is one weekend, a range.
            if bare_weekday(&a.mention.expr)
                && bare_weekday(&b.mention.expr)
                && joiner != "and"
                && a.mention.tense != Tense::Past
            {
                schedules.push(Schedule {
                    span: a.mention.span.start..b.mention.span.end,
                });
                k += 1;
                continue;
            }
            if let (Value::Date { start, end: e1 }, Value::Date { start: s2, end }) =
                (&a.value, &b.value)
            {
                let opener = word_before(prose, a.mention.span.start);
                let bare_day = prose
                    .get(b.mention.span.clone())
                    .is_some_and(|t| t.chars().all(|c| c.is_ascii_digit()));
                let is_range = match (opener.as_deref(), joiner.as_str()) {
                    (Some("between"), "and") => true,
                    (_, "and") => false,
                    (Some(o), _) if VOCAB.range_openers.contains(o) => true,
                    (_, j) if VOCAB.range_joiners_alone.contains(j) => true,
                    // "meets March 30 to April 1": two written months, a month apart at most.
                    (_, "to") => bare_day || (*end - *start).num_days() <= 31,
                    _ => false,
                };
                if is_range && s2 > e1 && (*end - *start).num_days() < super::MAX_RANGE_DAYS {
                    dated.push(Dated {
                        mention: i,
                        start: *start,
                        end: *end,
                        span: a.mention.span.start..b.mention.span.end,
                        range: true,
                    });
                    k += 1;
                    continue;
                }
            }
        }
        let Value::Date { start, end } = a.value else {
            continue;
        };
        if (end - start).num_days() >= super::MAX_RANGE_DAYS {
            continue;
        }
        // "ran 8–22 April": the first day is a bare number before a dash.
        if start == end {
            if let Some((at, first)) = dash_day(prose, a.mention.span.start, start) {
                dated.push(Dated {
                    mention: i,
                    start: first,
                    end,
                    span: at..a.mention.span.end,
                    range: true,
                });
                continue;
            }
        }
        dated.push(Dated {
            mention: i,
            start,
            end,
            span: a.mention.span.clone(),
            range: false,
        });
    }
    (dated, schedules)
}

/// A weekday with no date and no "last" or "next": "Monday".
fn bare_weekday(e: &Expr) -> bool {
    matches!(
        e,
        Expr::Date(DateExpr::Weekday {
            shift: Shift::Bare,
            ..
        })
    )
}

/// A set that is a schedule a reader can keep: a given weekday ("every
/// Tuesday", "on Tuesdays"). A rate is not ("growing 20% every year",
/// "every 11 minutes"), nor a bare "daily" ("a daily newspaper"): on 2,225
/// BBC articles, every "every"/"each" set but the weekdays was one of those.
fn recurring_set(r: &crate::resolve::Resolved) -> bool {
    matches!(
        r.mention.expr,
        Expr::Set {
            weekday: Some(_),
            ..
        }
    )
}

/// The range joiner between two spans, when only a joiner stands there.
fn joiner(prose: &str, a: &Range<usize>, b: &Range<usize>) -> Option<String> {
    let between = prose.get(a.end..b.start)?.trim().to_lowercase();
    VOCAB
        .range_joiners
        .contains(between.as_str())
        .then_some(between)
}

/// The word right before byte `at`, lower case.
fn word_before(prose: &str, at: usize) -> Option<String> {
    let before = prose.get(..at)?.trim_end();
    let w = before.rsplit(char::is_whitespace).next()?;
    (!w.is_empty()).then(|| w.to_lowercase())
}

/// "8–22 April": the day number and its offset before a dash right before
/// the date at `at`, when it is an earlier day of the same month.
fn dash_day(prose: &str, at: usize, day: NaiveDate) -> Option<(usize, NaiveDate)> {
    let before = prose.get(..at)?;
    let t = before.trim_end();
    let t = t
        .strip_suffix('-')
        .or_else(|| t.strip_suffix('\u{2013}'))?
        .trim_end();
    let digits = t.len() - t.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 || digits > 2 {
        return None;
    }
    let from = t.len() - digits;
    // A word boundary before the number: not the "04-" of "2025-04-22".
    let prev = t[..from].chars().next_back();
    if prev.is_some_and(|c| !c.is_whitespace() && c != '(') {
        return None;
    }
    let n: u32 = t[from..].parse().ok()?;
    let first = day.with_day(n)?;
    (first < day).then_some((from, first))
}

/// How far into the text a dateline is looked for (a headline and a byline may come first).
const DATELINE_WITHIN: usize = 600;

/// Where the story starts after a wire dateline near the top of `prose`
/// ("OSLO, March 3 (Reuters) - ", "VALDERA, Italy (AP) — ",
/// "WASHINGTON, Feb 26 - "): the first byte of the story after the dash. A dateline opens a line:
/// a capitalised place and a comma, then an agency in brackets or a date
/// (ending on a day or a year), and a dash, within 80 characters.
#[must_use]
pub fn wire_dateline_end(prose: &str) -> Option<usize> {
    let mut at = 0;
    for line in prose.split_inclusive('\n') {
        if at > DATELINE_WITHIN {
            return None;
        }
        let start = at;
        at += line.len();
        let text = line.trim_start();
        let lead = start + (line.len() - text.len());
        if let Some(end) = dateline_dash(text) {
            let rest = &prose[lead + end..];
            return Some(lead + end + (rest.len() - rest.trim_start().len()));
        }
    }
    None
}

/// The offset just after a dateline's dash in `line`, when it opens with one.
fn dateline_dash(line: &str) -> Option<usize> {
    let first = line.split([',', ' ']).next()?;
    if !first.starts_with(|c: char| c.is_uppercase()) || first.len() < 2 {
        return None;
    }
    let window = line.get(..line.len().min(80)).unwrap_or(line);
    let (dash_at, dash) = [" -- ", " - ", " \u{2014} ", " \u{2013} "]
        .iter()
        .filter_map(|d| window.find(d).map(|p| (p, *d)))
        .min_by_key(|(p, _)| *p)?;
    let head = line[..dash_at].trim_end();
    if !head.contains(',') {
        return None;
    }
    let agency = VOCAB
        .agencies
        .iter()
        .any(|a| head.ends_with(&format!("({a})")));
    // Ends on a day or a year: "Feb 26", "March 3, 2025", "2 March" (not
    // "2,000 troops", not "said 2 men").
    let mut tokens = head.rsplit(' ');
    let last = tokens.next().unwrap_or("");
    let before = tokens.next().unwrap_or("");
    let day_or_year =
        |t: &str| matches!(t.len(), 1 | 2 | 4) && t.chars().all(|c| c.is_ascii_digit());
    // "March", "Mar.": chrono reads month names and their three-letter forms.
    let month = |t: &str| t.trim_end_matches('.').parse::<chrono::Month>().is_ok();
    let dated = day_or_year(last) || (month(last) && day_or_year(before) && before.len() <= 2);
    (agency || dated).then_some(dash_at + dash.trim_end().len() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wire_dateline_ends_at_its_dash() {
        let t = "OSLO, March 3 (Reuters) - Dockworkers will strike.";
        assert_eq!(
            &t[wire_dateline_end(t).unwrap()..],
            "Dockworkers will strike."
        );
        let t = "VALDERA, Italy (AP) \u{2014} Route 9 reopened.";
        assert_eq!(&t[wire_dateline_end(t).unwrap()..], "Route 9 reopened.");
        let t = "TREASURY BALANCES AT FED ROSE ON FEB 25\n\nWASHINGTON, Feb 26 - Treasury balances rose.";
        assert_eq!(
            &t[wire_dateline_end(t).unwrap()..],
            "Treasury balances rose."
        );
        let t = "Winnipeg, Manitoba, Feb 26 -- <Federal Industries Ltd> said";
        assert_eq!(
            &t[wire_dateline_end(t).unwrap()..],
            "<Federal Industries Ltd> said"
        );
        let t = "AMSTERDAM, 2 March - The Dutch Central Bank said";
        assert_eq!(
            &t[wire_dateline_end(t).unwrap()..],
            "The Dutch Central Bank said"
        );
        assert_eq!(wire_dateline_end("Police, said 2 men - left."), None);
        assert_eq!(wire_dateline_end("Police (Reuters) - said"), None);
        assert_eq!(wire_dateline_end("The ministry said on Monday."), None);
        // A sentence with a comma and a dash is not a dateline without a date or an agency.
        assert_eq!(wire_dateline_end("Prices, the minister said - rose."), None);
        assert_eq!(
            wire_dateline_end("In March, 2,000 troops - about half - crossed."),
            None
        );
    }

    #[test]
    fn a_number_before_a_dash_starts_a_range() {
        let d = NaiveDate::from_ymd_opt(2025, 4, 22).unwrap();
        let t = "The stoppage ran 8\u{2013}22 April";
        let at = t.find("22").unwrap();
        let (from, first) = dash_day(t, at, d).unwrap();
        assert_eq!(&t[from..at], "8\u{2013}");
        assert_eq!(first, NaiveDate::from_ymd_opt(2025, 4, 8).unwrap());
        let t = "on 2025-04-22";
        assert_eq!(dash_day(t, t.len() - 2, d), None);
    }
}
