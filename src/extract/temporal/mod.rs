//! The grammar of dates, times, durations and recurrences.
//!
//! ```text
//! temporal  := [part] core | relation-words handled by `link_relations`
//! part      := early | mid[-] | late [on] | the end of | the beginning of | the middle of
//! core      := weekday [,] [date]            "Monday, Jan. 6"  "Tuesday"
//!            | month[.] day[th] [,] [year]   "Jan. 6, 2025"
//!            | month day (and|to|-) day      "April 24 and 25" (two dates)
//!            | yyyy(-|/)(yy|yyyy)            "2010-2011" "the 2013-14 season" (two years)
//!            | day[th] [of] month [[,] year] "6 January 2025"
//!            | month [of] year               "August 2024"
//!            | yyyy-mm-dd | m/d/yyyy         (order from Options)
//!            | shift (unit|season|month|weekday|weekend)   "last week" "next August"
//!            | deictic                       "yesterday" "now" "recently"
//!            | amount unit (ago|earlier|later|from now)    "seven months ago"
//!            | [the] [past|first|last|next] amount unit    "the past two months" (a duration)
//!            | amount-unit                   "two-year" (a duration)
//!            | (another|an additional) [amount] unit   "another two years"
//!            | season [of] [year] | quarter | half | decade | century
//!            | clock [zone] [(hhmm zone)]    "9 a.m. Moscow time" "10:35 a.m. (0735 GMT)"
//!            | hhmm zone                     "0600 GMT" (four digits only with a zone)
//!            | daily | weekly | every unit   (a set)
//! ```
//! A year alone counts only where a year is expected (after *in*, *since*,
//! *by*, a month, …) or before a singular noun it modifies ("his 1996
//! campaign"), so "2,000 troops" and "1990 levels" stay numbers.
//!
//! One file per grammar family; this one holds the entry (`parse_at`, `core`),
//! which tries each shape only where its first word can start it:
//!
//! - `cues.rs`: the words that lead a phrase, the trigger filter
//! - `words.rs`: one field at a token (month, weekday, day, year, unit)
//! - `calendar.rs`: calendar dates
//! - `clock.rs`: clock times and zones
//! - `deictic.rs`: shifted, anaphoric and deictic dates, holidays
//! - `duration.rs`: durations and offsets led by an amount
//! - `years.rs`: years, year spans, years before a noun
//! - `periods.rs`: decades, quarters, halves, seasons, "the"-led periods, sets
//! - `relations.rs`: relations and the project's trigger words

mod calendar;
mod clock;
mod cues;
mod deictic;
mod duration;
mod periods;
mod relations;
#[cfg(test)]
mod tests;
mod words;
mod years;

use super::number::{self, amount_at};
use super::{
    Amount, Cursor, DateExpr, Expr, Kind, Mention, PeriodPart, RefPoint, RelationKind, Shift,
    YearSpec,
};
use crate::lexicon::Sense;
use crate::value::calendar::CalendarUnit;
use crate::value::units::Dimension;
use calendar::*;
use clock::*;
use cues::*;
pub(crate) use cues::{cue_filter, is_standalone};
use deictic::*;
use duration::*;
use periods::*;
pub(crate) use relations::link_relations;
use words::*;
use years::*;

type Found = Option<(usize, Vec<Mention>)>;

/// A date mention over tokens `start..end`, found.
fn date_at(c: &Cursor<'_>, start: usize, end: usize, d: DateExpr) -> Found {
    Some((
        end,
        one(c.span(start, end), Kind::Date, Expr::Date(d), None),
    ))
}

fn one(
    span: std::ops::Range<usize>,
    kind: Kind,
    expr: Expr,
    part: Option<PeriodPart>,
) -> Vec<Mention> {
    vec![Mention {
        span,
        kind,
        expr,
        hedge: None,
        part,
        tense: Default::default(),
    }]
}

/// Parses the temporal expression starting at token `i`, if any.
pub(crate) fn parse_at(c: &Cursor<'_>, i: usize) -> Found {
    // A period modifier in front.
    if let Some((part, j)) = period_part(c, i) {
        if let Some((end, mut ms)) = core(c, j, true) {
            if let Some(m) = ms.first_mut() {
                if matches!(m.kind, Kind::Date | Kind::Time) {
                    m.span.start = c.toks[i].start;
                    m.part = Some(part);
                    return Some((end, ms));
                }
            }
        }
        // "by mid-afternoon", "until late evening": a part of the day the story is on.
        if c.is_any(i.wrapping_sub(1), DURING_WORDS) {
            let day = DateExpr::Anaphoric {
                unit: CalendarUnit::Day,
                offset: 0,
            };
            let (e, mut m) = part_of_day_after(c, i, j, day);
            if m.kind == Kind::Time && e > j {
                // "mid-afternoon yesterday", "late evening Friday": that day's.
                let after = deictic(c, e).or_else(|| weekday_led(c, e, Shift::Bare, e));
                if let Some((e2, next)) = after {
                    if let ([n], Expr::Date(DateExpr::PartOfDay { day, .. })) =
                        (&next[..], &mut m.expr)
                    {
                        if let (Kind::Date, Expr::Date(d)) = (n.kind, &n.expr) {
                            *day = Box::new(d.clone());
                            m.span = span(c, i, e2);
                            return Some((e2, vec![m]));
                        }
                    }
                }
                return Some((e, vec![m]));
            }
        }
    }
    // A hedge in front of a time or date: "around 7:15 p.m.", "about March 5".
    if let Some(len) = c
        .hits(i)
        .find_map(|h| matches!(h.sense, Sense::Hedge(_)).then_some(h.len))
    {
        if let Some((end, mut ms)) = core(c, i + len, false) {
            if let Some(m) = ms.first_mut() {
                let clockish = matches!(m.expr, Expr::Date(DateExpr::Clock { .. }));
                // "over the weekend", "since just before": prepositions, not hedges, before dates.
                let preposition = c.is_any(
                    i,
                    &[
                        "over", "under", "some", "just", "only", "above", "below", "beyond",
                        "full", "fully",
                    ],
                );
                if clockish && !preposition && m.span.start == c.toks[i + len].start {
                    m.span.start = c.toks[i].start;
                    if let Some(Sense::Hedge(h)) = c.hits(i).next().map(|h| h.sense) {
                        m.hedge = Some(Box::new((h, c.span(i, i + len))));
                    }
                    return Some((end, ms));
                }
            }
        }
    }
    core(c, i, false)
}

fn period_part(c: &Cursor<'_>, i: usize) -> Option<(PeriodPart, usize)> {
    let w = c.low(i);
    match &*w {
        "early" | "earlier" if !c.is(i + 1, "on") => Some((PeriodPart::Start, i + 1)),
        "late" | "later" => {
            let j = if c.is(i + 1, "on") || c.is(i + 1, "in") {
                i + 2
            } else {
                i + 1
            };
            Some((PeriodPart::End, j))
        }
        "the"
            if c.is_any(i + 1, &["early", "mid", "late"])
                && (c.is_num(i + 2) || c.is(i + 2, "'") || c.is(i + 2, "-")) =>
        {
            let (p, _) = period_part(c, i + 1)?;
            let j = if c.is(i + 2, "-") { i + 3 } else { i + 2 };
            Some((p, j))
        }
        "mid" if c.is(i + 1, "-") && c.touch(i, i + 1) => Some((PeriodPart::Mid, i + 2)),
        "mid" => Some((PeriodPart::Mid, i + 1)),
        "the" if c.is_any(i + 1, &["end", "beginning", "start", "middle"]) && c.is(i + 2, "of") => {
            let p = match &*c.low(i + 1) {
                "end" => PeriodPart::End,
                "middle" => PeriodPart::Mid,
                _ => PeriodPart::Start,
            };
            Some((p, i + 3))
        }
        _ => None,
    }
}

fn core(c: &Cursor<'_>, i: usize, after_part: bool) -> Found {
    // After "the end of", "the beginning of": "the year", "the month", "the week" are this one.
    if after_part && c.is(i, "the") {
        if let Some((unit, false, e)) = time_unit_at(c, i + 1) {
            if matches!(
                unit,
                CalendarUnit::Week
                    | CalendarUnit::Month
                    | CalendarUnit::Year
                    | CalendarUnit::Decade
                    | CalendarUnit::Quarter
            ) {
                return date_at(c, i, e, DateExpr::Relative { unit, offset: 0 });
            }
        }
    }
    // A number opens only the numeric shapes.
    if c.is_num(i) {
        // A day of the month has one or two digits; a year four; "3rd quarter"
        // and "20th century" a suffix.
        let digits = c.raw(i).len();
        let suffixed = c.touch(i, i + 1) && c.is_any(i + 1, &["st", "nd", "rd", "th"]);
        return None
            .or_else(|| numeric_date(c, i))
            .or_else(|| when(digits <= 2, || day_led(c, i)))
            .or_else(|| clock(c, i, None, i))
            .or_else(|| when(c.time_unit_within(i, AMOUNT_REACH), || amount_led(c, i)))
            .or_else(|| when(digits == 4 || suffixed, || year_led(c, i, after_part)))
            .or_else(|| when(suffixed, || year_part(c, i)));
    }
    // A word opens only the shapes whose first word it can be. Most attempts at
    // a word fail, and trying every shape in full cost more than the parses
    // that succeed.
    let w = c.low(i);
    let the = &*w == "the";
    let has = |k: usize, sense: fn(Sense) -> bool| c.hits(k).any(|h| sense(h.sense));
    let weekday = |s| matches!(s, Sense::Weekday(_));
    let month = |s| matches!(s, Sense::Month(_));
    let holiday_name = |s| matches!(s, Sense::Holiday(_));
    let season_name = |s| matches!(s, Sense::Season(_));
    let ordinal = |s| matches!(s, Sense::Ordinal(_));
    let number = |s| matches!(s, Sense::Number(_));
    None.or_else(|| when(has(i, weekday), || weekday_led(c, i, Shift::Bare, i)))
        .or_else(|| {
            when(has(i, month), || {
                month_led(c, i, Shift::Bare, i, after_part)
            })
        })
        .or_else(|| when(the && c.is_num(i + 1), || day_led(c, i)))
        .or_else(|| {
            when(has(i, holiday_name) || has(i + 1, holiday_name), || {
                holiday(c, i)
            })
        })
        .or_else(|| {
            when(matches!(&*w, "the" | "that" | "earlier" | "later"), || {
                anaphoric(c, i)
            })
        })
        .or_else(|| when(the || shift_word(&w).is_some(), || shifted(c, i)))
        .or_else(|| when(DEICTIC_LEADS.contains(&&*w), || deictic(c, i)))
        .or_else(|| {
            when(matches!(&*w, "noon" | "midday" | "midnight"), || {
                clock(c, i, None, i)
            })
        })
        .or_else(|| when(c.time_unit_within(i, AMOUNT_REACH), || amount_led(c, i)))
        .or_else(|| {
            let year_lead = the
                || matches!(&*w, "fiscal" | "fy" | "'" | "’")
                || has(i, ordinal)
                || has(i, number);
            when(year_lead, || year_led(c, i, after_part))
        })
        .or_else(|| when(the || has(i, ordinal), || year_part(c, i)))
        .or_else(|| {
            let season_lead = has(i, season_name) || (the && has(i + 1, season_name));
            when(season_lead, || {
                season(c, i, YearSpec::Unspecified, i, after_part)
            })
        })
        .or_else(|| when(SET_LEADS.contains(&&*w), || set(c, i)))
        .or_else(|| when(matches!(&*w, "the" | "year"), || the_led(c, i)))
}

/// How many tokens from its first a duration's unit of time may start: a hedge
/// of three words, "the", a lead word, an amount written in a dozen words,
/// "more", a hyphen. Every duration [`amount_led`] reads ends in a unit of time.
const AMOUNT_REACH: usize = 24;

/// Tries `shape` only when `may` holds. `may` is a condition the shape checks
/// first itself, so skipping it changes nothing; debug builds (and so the
/// tests) try the shape anyway and fail if it would have found something.
fn when(may: bool, shape: impl FnOnce() -> Found) -> Found {
    if may {
        return shape();
    }
    if cfg!(debug_assertions) {
        let found = shape();
        debug_assert!(
            found.is_none(),
            "temporal::core skipped a shape that reads this text: {found:?}"
        );
    }
    None
}

/// The first words [`deictic`] reads.
const DEICTIC_LEADS: &[&str] = &[
    "yesterday",
    "today",
    "tomorrow",
    "tonight",
    "the",
    "all",
    "these",
    "present",
    "now",
    "currently",
    "nowadays",
    "presently",
    "recently",
    "lately",
    "recent",
    "coming",
    "earlier",
    "later",
];

/// The first words [`set`] reads.
const SET_LEADS: &[&str] = &[
    "daily", "nightly", "weekly", "monthly", "annually", "yearly", "annual", "hourly", "every",
    "each",
];
