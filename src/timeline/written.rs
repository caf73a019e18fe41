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
            if recurring_set(prose, a) {
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
            if bare_weekday(&a.mention.expr) && bare_weekday(&b.mention.expr) && joiner != "and" {
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
                    (_, "to") => bare_day,
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

/// A set that is a schedule: a given weekday, or "every"/"each" written
/// ("every two weeks"); not a bare "daily", which is as often an adjective
/// ("a daily newspaper").
fn recurring_set(prose: &str, r: &crate::resolve::Resolved) -> bool {
    let weekday = matches!(
        r.mention.expr,
        Expr::Set {
            weekday: Some(_),
            ..
        }
    );
    let first = prose
        .get(r.mention.span.clone())
        .and_then(|t| t.split_whitespace().next())
        .map(str::to_lowercase);
    weekday || first.is_some_and(|w| VOCAB.recurrence_openers.contains(w.as_str()))
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

/// Where the story starts after a wire dateline at the top of `prose`
/// ("OSLO, March 3 (Reuters) - ", "VALDERA, Italy (AP) — "): the byte after
/// the dash. A dateline is a capitalised place and a comma, then an agency in
/// brackets, on the first line of text.
#[must_use]
pub fn wire_dateline_end(prose: &str) -> Option<usize> {
    let lead = prose.len() - prose.trim_start().len();
    let line_end = prose[lead..].find('\n').map_or(prose.len(), |p| lead + p);
    let line = &prose[lead..line_end];
    let head = line.get(..line.len().min(120))?;
    for agency in &VOCAB.agencies {
        let mark = format!("({agency})");
        let Some(p) = head.find(&mark) else {
            continue;
        };
        let place = &head[..p];
        let first = place.split([',', ' ']).next().unwrap_or("");
        let capital = first.len() >= 2
            && first
                .chars()
                .all(|c| c.is_uppercase() || !c.is_alphabetic());
        if !capital || !place.contains(',') {
            continue;
        }
        let rest = &line[p + mark.len()..];
        let after = rest.trim_start();
        let dash = ["--", "-", "\u{2014}", "\u{2013}"]
            .iter()
            .find(|d| after.starts_with(**d))?;
        let end = line_end - line.len() + p + mark.len() + (rest.len() - after.len()) + dash.len();
        let story = prose[end..].len() - prose[end..].trim_start().len();
        return Some(end + story);
    }
    None
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
        assert_eq!(wire_dateline_end("Police (Reuters) - said"), None);
        assert_eq!(wire_dateline_end("The ministry said on Monday."), None);
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
