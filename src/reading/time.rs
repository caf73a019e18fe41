//! Shared arithmetic of the rules that tie a duration to dates
//! (`elapsed-since`, `countdown`, `ordinal-period`, `duration-between`).
//!
//! In: a [`DocView`] and mention indices. Out: durations as intervals, spans of
//! days (possibly open-ended), the time points a clause can be told at, and
//! counts rewritten in the writer's form. Nothing here reports: the rules do.

use chrono::NaiveDate;

use super::view::{number_word, show_day, DocView, Label};
use crate::extract::{DateExpr, Expr, Kind, YearSpec};
use crate::resolve::{date_range, shift_fractional, Value};
use crate::value::calendar::{add_days, CalendarUnit};

/// A span of days; `None` ends are unbounded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Days {
    pub lo: Option<NaiveDate>,
    pub hi: Option<NaiveDate>,
}

impl Days {
    pub fn day(d: NaiveDate) -> Days {
        Days {
            lo: Some(d),
            hi: Some(d),
        }
    }
    /// Widened by `slack` days on both sides.
    pub fn widen(self, slack: f64) -> Days {
        let s = slack.round() as i64;
        Days {
            lo: self.lo.and_then(|d| add_days(d, -s)),
            hi: self.hi.and_then(|d| add_days(d, s)),
        }
    }
    pub fn intersects(&self, o: &Days) -> bool {
        let a = match (self.lo, o.hi) {
            (Some(l), Some(h)) => l <= h,
            _ => true,
        };
        let b = match (o.lo, self.hi) {
            (Some(l), Some(h)) => l <= h,
            _ => true,
        };
        a && b
    }
    /// The single day, if it is one.
    pub fn single(&self) -> Option<NaiveDate> {
        match (self.lo, self.hi) {
            (Some(a), Some(b)) if a == b => Some(a),
            _ => None,
        }
    }
    /// "2025-03-13", "2025-01-29 … 2025-02-27", "2025-03-14 or before" (it
    /// follows "lands on" in messages).
    pub fn show(&self) -> String {
        match (self.lo, self.hi) {
            (Some(a), Some(b)) if a == b => a.to_string(),
            (Some(a), Some(b)) => format!("{a} … {b}"),
            (None, Some(b)) => format!("{b} or before"),
            (Some(a), None) => format!("{a} or later"),
            (None, None) => "any day".into(),
        }
    }
}

/// A written duration: its unit, the interval it stands for, the count as written.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Dur {
    pub unit: CalendarUnit,
    #[serde(with = "crate::value::float")]
    pub lo: f64,
    #[serde(with = "crate::value::float::option")]
    pub hi: Option<f64>,
    #[serde(with = "crate::value::float")]
    pub exact: f64,
    pub hedged: bool,
}

/// Calendar units a date rule counts in (not clock units).
fn day_based(unit: CalendarUnit) -> bool {
    !matches!(
        unit,
        CalendarUnit::Second | CalendarUnit::Minute | CalendarUnit::Hour
    )
}

/// The duration mention `i`, unless vague ("several months", "years"), counted
/// in days that stretch on the calendar ("eight trading days") or in clock units.
pub(crate) fn duration(v: &DocView<'_>, i: usize) -> Option<Dur> {
    let r = v.mentions.get(i)?;
    let Expr::Duration { amount, .. } = &r.mention.expr else {
        return None;
    };
    let Value::Duration { unit, amount: iv } = &r.value else {
        return None;
    };
    if !amount.on_the_calendar() || !day_based(*unit) || amount.exact <= 0.0 {
        return None;
    }
    Some(Dur {
        unit: *unit,
        lo: iv.lo_value().unwrap_or(0.0),
        hi: iv.hi_value(),
        exact: amount.exact,
        hedged: r.mention.hedge.is_some(),
    })
}

/// `d` moved by the duration, forwards (`sign` 1) or backwards (-1): the span of days meant.
pub(crate) fn shifted(d: NaiveDate, dur: &Dur, sign: f64) -> Option<Days> {
    let a = shift_fractional(d, sign * dur.lo, dur.unit)?;
    let b = match dur.hi {
        Some(h) => Some(shift_fractional(d, sign * h, dur.unit)?),
        None => None,
    };
    Some(if sign > 0.0 {
        Days { lo: Some(a), hi: b }
    } else {
        Days { lo: b, hi: Some(a) }
    })
}

/// The date mention `i` as a single day whose year the text pins: written out, or
/// inferred from a known date of writing.
pub(crate) fn pinned_day(v: &DocView<'_>, i: usize) -> Option<NaiveDate> {
    let r = v.mentions.get(i)?;
    if !matches!(r.mention.kind, Kind::Date | Kind::Time) || !year_pinned(v, i) {
        return None;
    }
    v.day(i)
}

/// The first and last day of date mention `i` when its year is pinned: one
/// day, or a month or year ("in June", "in May 1921").
pub(crate) fn pinned_range(v: &DocView<'_>, i: usize) -> Option<(NaiveDate, NaiveDate)> {
    if let Some(d) = pinned_day(v, i) {
        return Some((d, d));
    }
    if !matches!(v.mentions.get(i)?.mention.kind, Kind::Date) || !year_pinned(v, i) {
        return None;
    }
    match &v.mentions[i].value {
        Value::Date { start, end } if (*end - *start).num_days() <= 366 => Some((*start, *end)),
        _ => None,
    }
}

/// The smallest span of days holding both `a` and `b`.
pub(crate) fn hull(a: &Days, b: &Days) -> Days {
    Days {
        lo: a.lo.zip(b.lo).map(|(x, y)| x.min(y)),
        hi: a.hi.zip(b.hi).map(|(x, y)| x.max(y)),
    }
}

/// The year of date mention `i` is known: the document is dated, or the year is written.
fn year_pinned(v: &DocView<'_>, i: usize) -> bool {
    if v.reference.date.is_some() {
        return true;
    }
    matches!(
        &v.mentions[i].mention.expr,
        Expr::Date(DateExpr::Calendar {
            year: YearSpec::Year(_),
            ..
        })
    )
}

/// A time point a clause can be told at.
#[derive(Clone, Debug)]
pub(crate) struct TimePoint {
    pub days: Days,
    /// The mention that gives it; `None` for the date of writing.
    pub mention: Option<usize>,
}

/// Mentions that belong to a relation (its parts, or inside its span).
pub(crate) fn in_a_relation(v: &DocView<'_>, k: usize) -> bool {
    let span = &v.mentions[k].mention.span;
    // A relation holding `k` starts within a sentence of it.
    v.near(k, 2000).any(|j| {
        let r = &v.mentions[j];
        let Value::Relation {
            duration,
            anchor,
            end,
            ..
        } = &r.value
        else {
            return false;
        };
        j != k
            && ([*duration, *anchor, *end].contains(&Some(k))
                || (r.mention.span.start <= span.start && span.end <= r.mention.span.end))
    })
}

/// The dates written in the same sentence as mention `i` that are not part of a
/// relation nor in `exclude`: the candidates for the clause's time point. `None`
/// when the sentence holds a date the rule cannot place (a weekday in an undated
/// text, a vague "then"): the rule cannot tell, so it stays silent.
pub(crate) fn sentence_times(
    v: &DocView<'_>,
    i: usize,
    exclude: &[usize],
) -> Option<Vec<TimePoint>> {
    let here = v.mentions[i].mention.span.clone();
    let mut out = Vec::new();
    for k in v.near(i, 2000) {
        let r = &v.mentions[k];
        if k == i || exclude.contains(&k) || !matches!(r.mention.kind, Kind::Date | Kind::Time) {
            continue;
        }
        let span = &r.mention.span;
        if span.start < here.end && here.start < span.end {
            continue;
        }
        if !v.same_sentence(span.start.min(here.start), span.end.max(here.end)) {
            continue;
        }
        if in_a_relation(v, k) {
            continue;
        }
        // "now", "today" as a vague present: the date of writing.
        if let Value::Vague { reference } = &r.value {
            if reference == "PRESENT_REF" {
                let day = v.reference.date?;
                out.push(TimePoint {
                    days: Days::day(day),
                    mention: Some(k),
                });
                continue;
            }
            return None;
        }
        let range = date_range(&r.value)?;
        if !year_pinned(v, k) {
            return None;
        }
        out.push(TimePoint {
            days: Days {
                lo: Some(range.start),
                hi: Some(range.end),
            },
            mention: Some(k),
        });
    }
    // A day told in the sentence says when it is told; a month or year beside it
    // ("this year's event") names something else.
    if out.iter().any(|t| t.days.single().is_some()) {
        out.retain(|t| match (t.days.lo, t.days.hi) {
            (Some(a), Some(b)) => (b - a).num_days() < 28,
            _ => true,
        });
    }
    Some(out)
}

/// How a clause without a date of its own is told.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Told {
    /// "It has been", "is", "now": at the date of writing.
    Present,
    /// "came", "was": on or before it.
    Past,
    /// "will", "is due": on or after it.
    Future,
    /// "had been", "by then": some other time the text does not give.
    Unsure,
}

/// The tense of the sentence around byte span `at`, from its nearest tense word
/// before the span (then after it). Nothing found counts as the present: a
/// headline's "Five months since …".
pub(crate) fn told(v: &DocView<'_>, at: std::ops::Range<usize>) -> Told {
    let prose = &v.doc.prose;
    // The sentence around the span.
    let mut start = at.start;
    while start > 0 {
        let mut p = start - 1;
        while p > 0 && !prose.is_char_boundary(p) {
            p -= 1;
        }
        if !v.same_sentence(p, at.start) {
            break;
        }
        start = p;
    }
    let mut end = at.end;
    while end < prose.len() {
        let mut p = end + 1;
        while p < prose.len() && !prose.is_char_boundary(p) {
            p += 1;
        }
        if !v.same_sentence(at.end, p) {
            break;
        }
        end = p;
    }
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
            .filter(|w| !w.is_empty())
            .map(|w| w.to_lowercase().replace('’', "'"))
            .collect()
    };
    let before = words(prose.get(start..at.start).unwrap_or(""));
    let after = words(prose.get(at.end..end).unwrap_or(""));
    let phrase = prose.get(start..end).unwrap_or("").to_lowercase();
    if [
        "by then",
        "at the time",
        "by that time",
        "that day",
        "at that point",
    ]
    .iter()
    .any(|p| phrase.contains(p))
    {
        return Told::Unsure;
    }
    for w in before.iter().rev().chain(after.iter()) {
        if let Some(t) = tense_word(w) {
            return t;
        }
    }
    Told::Present
}

fn tense_word(w: &str) -> Option<Told> {
    Some(match w {
        "had" | "hadn't" | "'d" => Told::Unsure,
        "will" | "'ll" | "won't" | "shall" | "would" | "could" | "might" | "due" | "scheduled"
        | "expected" | "plans" | "planned" | "tomorrow" | "upcoming" | "away" => Told::Future,
        "is" | "are" | "has" | "have" | "it's" | "marks" | "mark" | "now" | "today" | "remains"
        | "stands" | "says" | "say" => Told::Present,
        "was" | "were" | "came" | "began" | "said" | "told" | "marked" | "fell" | "took"
        | "held" | "met" | "struck" | "hit" | "launched" | "opened" => Told::Past,
        _ if w.len() > 4 && w.ends_with("ed") => Told::Past,
        _ => return None,
    })
}

/// The date of writing as a time point, as the clause's tense allows.
pub(crate) fn reference_time(v: &DocView<'_>, at: std::ops::Range<usize>) -> Option<TimePoint> {
    let r = v.reference.date?;
    let days = match told(v, at) {
        Told::Present => Days::day(r),
        Told::Past => Days {
            lo: None,
            hi: Some(r),
        },
        Told::Future => Days {
            lo: Some(r),
            hi: None,
        },
        Told::Unsure => return None,
    };
    Some(TimePoint {
        days,
        mention: None,
    })
}

/// The candidates for mention `i`'s time point: the sentence's own dates, or the
/// date of writing. `None` when the rule cannot tell.
pub(crate) fn time_points(v: &DocView<'_>, i: usize, exclude: &[usize]) -> Option<Vec<TimePoint>> {
    let own = sentence_times(v, i, exclude)?;
    if !own.is_empty() {
        return Some(own);
    }
    Some(vec![reference_time(v, v.mentions[i].mention.span.clone())?])
}

/// "Thursday → Thu 2025-03-13", "March → 2025-03-01 … 2025-03-31".
pub(crate) fn date_label(v: &DocView<'_>, doc: usize, k: usize, days: &Days) -> Label {
    match days.single() {
        Some(d) => mention_label(v, doc, k, show_day(d)),
        None => mention_label(v, doc, k, days.show()),
    }
}

/// A label on mention `k` that says what it stands for: "Feb. 10 → the start".
pub(crate) fn mention_label(
    v: &DocView<'_>,
    doc: usize,
    k: usize,
    what: impl std::fmt::Display,
) -> Label {
    Label {
        doc,
        span: v.mentions[k].mention.span.clone(),
        message: format!("{} → {what}", v.text(k)),
    }
}

/// How the message names a time point: "Thursday (2025-03-13)", "the date of writing (2025-03-14)".
pub(crate) fn time_name(v: &DocView<'_>, t: &TimePoint) -> String {
    match t.mention {
        Some(k) => format!("{} ({})", v.text(k), t.days.show()),
        None => format!("the date of writing ({})", t.days.show()),
    }
}

/// "3 months", "1 year", "2.5 weeks".
pub(crate) fn count_units(x: f64, unit: CalendarUnit) -> String {
    let n = if (x - x.round()).abs() < 0.05 {
        format!("{}", x.round())
    } else {
        format!("{x:.1}")
    };
    let name = unit.name();
    if n == "1" {
        return format!("{n} {name}");
    }
    // "centuries", not "centurys".
    match name.strip_suffix('y') {
        Some(stem) if !stem.ends_with(['a', 'e', 'o', 'u']) => format!("{n} {stem}ies"),
        _ => format!("{n} {name}s"),
    }
}

/// The duration text `written` ("three months", "3 weeks", "a year") recounted
/// to `n` in the writer's form: words stay words, digits stay digits. `None`
/// when the form is not one it can rewrite.
pub(crate) fn recount(written: &str, n: i64) -> Option<String> {
    if n < 1 {
        return None;
    }
    let sep = written.find([' ', '-'])?;
    let (num, rest) = written.split_at(sep);
    let low = num.to_lowercase();
    let new_num = if num.chars().all(|c| c.is_ascii_digit()) {
        n.to_string()
    } else if matches!(low.as_str(), "a" | "an" | "one") || (1..=20).any(|k| number_word(k) == low)
    {
        let w = number_word(n);
        if num.chars().next().is_some_and(char::is_uppercase) {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().collect::<String>() + c.as_str())?
        } else {
            w
        }
    } else {
        return None;
    };
    if rest.starts_with('-') {
        return Some(format!("{new_num}{rest}"));
    }
    let unit = rest.trim_start();
    if unit.contains(' ') {
        return None;
    }
    let unit = if n == 1 {
        unit.strip_suffix('s').unwrap_or(unit).to_string()
    } else if unit.ends_with('s') {
        unit.to_string()
    } else if unit == "century" {
        "centuries".into()
    } else {
        format!("{unit}s")
    };
    Some(format!("{new_num} {unit}"))
}

/// The ordinal word for `n` ("fourth"), up to twentieth.
pub(crate) fn ordinal_word(n: i64) -> Option<&'static str> {
    const W: [&str; 20] = [
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "eleventh",
        "twelfth",
        "thirteenth",
        "fourteenth",
        "fifteenth",
        "sixteenth",
        "seventeenth",
        "eighteenth",
        "nineteenth",
        "twentieth",
    ];
    usize::try_from(n - 1).ok().and_then(|i| W.get(i).copied())
}

/// The duration `di` is a stretch of time, not a distance from a point: "for 60
/// days until May 31", "during the 30 days before its shutdown", "9,000 tonnes
/// a year until 1988", "convertible for up to one year into a bond". `until` is
/// where the relation's object starts.
pub(crate) fn is_stretch(v: &DocView<'_>, di: usize, until: usize) -> bool {
    // A stretch of time, not a distance from a point: "for 60 days until May 31",
    // "during the 30 days before its shutdown", "9,000 tonnes a year until 1988",
    // "convertible for up to one year into a bond".
    let dur_span = v.mentions[di].mention.span.clone();
    let before: String = v
        .doc
        .prose
        .get(..dur_span.start)
        .unwrap_or("")
        .split_whitespace()
        .last()
        .unwrap_or("")
        .to_lowercase();
    let dur_text = v.text(di).to_lowercase();
    let after_dur = v
        .doc
        .prose
        .get(dur_span.end..until)
        .unwrap_or("")
        .trim_start()
        .to_lowercase();
    if matches!(
        before.as_str(),
        "for" | "during" | "within" | "over" | "until" | "till" | "per" | "each" | "every"
    ) || dur_text.starts_with("the ")
        || ((dur_text.starts_with("a ") || dur_text.starts_with("an "))
            && !matches!(before.as_str(), "" | "," | "—"))
            && before.chars().all(char::is_alphanumeric)
            && !matches!(
                before.as_str(),
                "is" | "was"
                    | "came"
                    | "comes"
                    | "marked"
                    | "marks"
                    | "just"
                    | "about"
                    | "nearly"
                    | "and"
            )
        || (after_dur.starts_with("into") && {
            let obj = after_dur.trim_start_matches("into").trim_start();
            obj.starts_with("a ") || obj.starts_with("an ")
        })
    {
        return true;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plural_units() {
        assert_eq!(count_units(3.0, CalendarUnit::Century), "3 centuries");
        assert_eq!(count_units(2.0, CalendarUnit::Day), "2 days");
        assert_eq!(count_units(1.0, CalendarUnit::Century), "1 century");
    }

    #[test]
    fn recount_keeps_the_writers_form() {
        assert_eq!(recount("three months", 4).as_deref(), Some("four months"));
        assert_eq!(recount("3 months", 4).as_deref(), Some("4 months"));
        assert_eq!(recount("Three weeks", 1).as_deref(), Some("One week"));
        assert_eq!(recount("a year", 2).as_deref(), Some("two years"));
        assert_eq!(recount("two-year", 3).as_deref(), Some("three-year"));
        assert_eq!(recount("2 1/2 years", 3), None);
    }

    #[test]
    fn open_spans_intersect() {
        let d = |m, dd| NaiveDate::from_ymd_opt(2025, m, dd).unwrap();
        let past = Days {
            lo: None,
            hi: Some(d(3, 1)),
        };
        assert!(past.intersects(&Days::day(d(2, 1))));
        assert!(!past.intersects(&Days::day(d(3, 9))));
        assert!(past.widen(1.0).intersects(&Days::day(d(3, 2))));
    }
}
