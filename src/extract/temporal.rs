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

use super::number::{self, amount_at};
use super::{
    Amount, Cursor, DateExpr, Expr, Kind, Mention, PeriodPart, RefPoint, RelationKind, Shift,
    YearSpec,
};
use crate::lexicon::Sense;
use crate::value::calendar::CalendarUnit;
use crate::value::units::Dimension;

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

/// Words before a year that make a bare four-digit number a year.
const YEAR_CUES: &[&str] = &[
    "in",
    "since",
    "by",
    "until",
    "till",
    "from",
    "to",
    "through",
    "during",
    "of",
    "before",
    "after",
    "early",
    "late",
    "mid",
    "fiscal",
    "year",
    "summer",
    "winter",
    "spring",
    "fall",
    "autumn",
    "between",
    "and",
    "the",
    "circa",
    "around",
    "throughout",
    "for",
    "as",
    "on",
    "at",
    "into",
    "end",
    "start",
    "beginning",
    "middle",
    "than",
    "election",
    "season",
    "calendar",
    "spanning",
    "past",
    "ending",
    "ended",
    "until",
    "a",
    "its",
    "his",
    "her",
    "their",
    "that",
    "this",
    "our",
    "both",
    "due",
    "s",
    "either",
    "late-",
    "pre",
    "post",
];

/// Prepositions before a point in time: "at 9", "until 8 in the evening".
const AT_WORDS: &[&str] = &[
    "at", "by", "until", "till", "before", "after", "from", "around", "about", "since", "to",
];

/// Prepositions before a period or a part of one: "in '98", "by mid-afternoon".
const DURING_WORDS: &[&str] = &[
    "in", "at", "by", "since", "until", "till", "from", "to", "through", "during", "before",
    "after", "of", "circa", "around",
];

/// [`YEAR_CUES`] as a set.
static YEAR_CUE_SET: std::sync::LazyLock<rustc_hash::FxHashSet<&'static str>> =
    std::sync::LazyLock::new(|| YEAR_CUES.iter().copied().collect());

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
                        m.hedge = Some((h, c.span(i, i + len)));
                    }
                    return Some((end, ms));
                }
            }
        }
    }
    core(c, i, false)
}

/// Cue words that are a whole expression by themselves ("now", "daily").
pub(crate) fn is_standalone(w: &str) -> bool {
    matches!(
        w,
        "yesterday"
            | "today"
            | "tomorrow"
            | "tonight"
            | "now"
            | "currently"
            | "recently"
            | "nowadays"
            | "daily"
            | "weekly"
            | "monthly"
            | "annually"
            | "yearly"
            | "hourly"
            | "nightly"
            | "noon"
            | "midnight"
            | "lately"
            | "presently"
            | "weekend"
            | "overnight"
            | "present"
    )
}

/// Words that can open a temporal expression without being in the lexicon.
const CUES: &[&str] = &[
    "the",
    "last",
    "next",
    "this",
    "past",
    "coming",
    "previous",
    "yesterday",
    "today",
    "tomorrow",
    "tonight",
    "now",
    "currently",
    "recently",
    "nowadays",
    "future",
    "daily",
    "weekly",
    "monthly",
    "annually",
    "yearly",
    "hourly",
    "nightly",
    "every",
    "each",
    "noon",
    "midnight",
    "early",
    "late",
    "mid",
    "earlier",
    "later",
    "a",
    "an",
    "another",
    "q1",
    "q2",
    "q3",
    "q4",
    "weekend",
    "overnight",
    "lately",
    "formerly",
    "quarterly",
    "biweekly",
    "soon",
    "current",
    "recent",
    "year",
    "fiscal",
    "once",
    "semiannual",
    "annual",
    "half",
    "first",
    "second",
    "third",
    "fourth",
    "previously",
    "presently",
    "immediately",
    "ago",
    "end",
    "beginning",
    "start",
    "middle",
    "latest",
    "several",
    "few",
    "many",
    "some",
    "recent-",
    "years",
    "months",
    "weeks",
    "days",
    "decades",
    "hours",
    "minutes",
    "centuries",
    "prior",
    "term",
    "two-thirds",
    "that",
    "these",
    "present",
    "all",
    "other",
    "pre",
    "post",
    "twenties",
    "thirties",
    "forties",
    "fifties",
    "sixties",
    "seventies",
    "eighties",
    "nineties",
    // Not a start, but "the" opens "at the moment" only when something follows.
    "moment",
];

/// For each [`crate::lexicon::sketch`], the cue word with that sketch: 0 for
/// none, `k` for `CUES[k - 1]`, `SHARED` when two cues share it. Most words are
/// turned away without lower-casing, and a cue is told by one comparison.
static CUE_BY_SKETCH: std::sync::LazyLock<Vec<u8>> = std::sync::LazyLock::new(|| {
    let mut table = vec![0u8; crate::lexicon::FILTER_WORDS * 64];
    for (k, w) in CUES.iter().enumerate() {
        let slot = &mut table[crate::lexicon::sketch(w.as_bytes())];
        *slot = if *slot == 0 {
            u8::try_from(k + 1).unwrap_or(SHARED)
        } else {
            SHARED
        };
    }
    table
});

/// In [`CUE_BY_SKETCH`]: more than one cue has this sketch.
const SHARED: u8 = u8::MAX;

/// The cue words by sketch, fetched once per chunk.
pub(crate) fn cue_filter() -> CueFilter {
    CueFilter(&CUE_BY_SKETCH)
}

/// [`CUE_BY_SKETCH`], borrowed.
#[derive(Clone, Copy)]
pub(crate) struct CueFilter(&'static [u8]);

impl CueFilter {
    /// A word of this sketch may be a cue (true means "ask [`CueFilter::is_cue`]").
    pub(crate) fn may_be_cue(self, sketch: usize) -> bool {
        self.0.get(sketch).is_some_and(|&k| k != 0)
    }

    /// The lower-cased word `w`, of sketch `sketch`, can open a temporal
    /// expression without being in the lexicon.
    pub(crate) fn is_cue(self, w: &str, sketch: usize) -> bool {
        match self.0.get(sketch).copied().unwrap_or(0) {
            0 => false,
            SHARED => CUES.contains(&w),
            k => CUES.get(usize::from(k) - 1) == Some(&w),
        }
    }
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

// ---------------------------------------------------------------- pieces

/// A month name at `i`: (month, next token). Takes the period of an abbreviation.
fn month_at(c: &Cursor<'_>, i: usize) -> Option<(u32, usize)> {
    let m = c.hits(i).find_map(|h| match h.sense {
        Sense::Month(m) if h.len == 1 => Some(m),
        _ => None,
    })?;
    let raw = c.raw(i);
    let full = raw.len() > 4
        || raw.eq_ignore_ascii_case("may")
        || raw.eq_ignore_ascii_case("june")
        || raw.eq_ignore_ascii_case("july");
    let dot = c.is(i + 1, ".") && c.touch(i, i + 1);
    if !full && !dot && !c.capitalized(i) {
        return None;
    }
    Some((m, if dot && !full { i + 2 } else { i + 1 }))
}

fn weekday_at(c: &Cursor<'_>, i: usize) -> Option<(u32, usize)> {
    let d = c.hits(i).find_map(|h| match h.sense {
        Sense::Weekday(d) if h.len == 1 => Some(d),
        _ => None,
    })?;
    let raw = c.raw(i);
    if raw.len() <= 5 && !raw.to_ascii_lowercase().ends_with("day") {
        // "Sun", "Sat", "Wed": only capitalized with a period ("Sat.").
        if !(c.capitalized(i) && c.is(i + 1, ".") && c.touch(i, i + 1)) {
            return None;
        }
        return Some((d, i + 2));
    }
    // Possessive weekdays ("Monday's vote") are still the day.
    Some((d, i + 1))
}

/// A day of the month at `i` (1–31, optional st/nd/rd/th).
fn day_at(c: &Cursor<'_>, i: usize) -> Option<(u32, usize)> {
    if !c.is_num(i) {
        // "first", "sixth": only as "the sixth of"/"January sixth"? Keep to digits.
        return None;
    }
    let raw = c.raw(i);
    if raw.len() > 2 || !raw.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let d: u32 = raw.parse().ok()?;
    if !(1..=31).contains(&d) {
        return None;
    }
    if c.touch(i, i + 1) && c.is_any(i + 1, &["st", "nd", "rd", "th"]) {
        return Some((d, i + 2));
    }
    if c.touch(i, i + 1) && c.is_word(i + 1) {
        return None; // "6km"
    }
    Some((d, i + 1))
}

/// A four-digit year at `i`.
fn year_at(c: &Cursor<'_>, i: usize) -> Option<(i32, usize)> {
    if c.is(i, "'") || c.is(i, "’") {
        // '98
        let r = c.raw(i + 1);
        if c.touch(i, i + 1)
            && r.len() == 2
            && r.bytes().all(|b| b.is_ascii_digit())
            && !(c.touch(i + 1, i + 2) && (c.is_word(i + 2) || c.is_num(i + 2)))
        {
            let y: i32 = r.parse().ok()?;
            return Some((if y < 40 { 2000 + y } else { 1900 + y }, i + 2));
        }
        return None;
    }
    if !c.is_num(i) {
        return None;
    }
    let raw = c.raw(i);
    if raw.len() != 4 || !raw.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let y: i32 = raw.parse().ok()?;
    if !(1000..=2199).contains(&y) {
        return None;
    }
    // "2024km" is not a year; "2024s" is a decade (handled elsewhere).
    if c.touch(i, i + 1) && c.is_word(i + 1) {
        return None;
    }
    Some((y, i + 1))
}

/// A time unit at `i`: (unit, plural, next).
pub(crate) fn time_unit_at(c: &Cursor<'_>, i: usize) -> Option<(CalendarUnit, bool, usize)> {
    for h in c.hits(i) {
        if let Sense::Unit(u) = h.sense {
            let def = &c.lex.units[u].def;
            if def.dimension == Dimension::Time {
                let unit = CalendarUnit::from_name(&def.name)?;
                let raw = c.raw(i + h.len - 1);
                let plural = raw.ends_with('s') || raw.eq_ignore_ascii_case("centuries");
                return Some((unit, plural, i + h.len));
            }
        }
    }
    None
}

fn span(c: &Cursor<'_>, i: usize, j: usize) -> std::ops::Range<usize> {
    c.span(i, j)
}

fn calendar(
    year: YearSpec,
    month: Option<u32>,
    day: Option<u32>,
    weekday: Option<u32>,
    shift: Shift,
) -> Expr {
    Expr::Date(DateExpr::Calendar {
        year,
        month,
        day,
        weekday,
        shift,
    })
}

/// `, 2025` or ` 2025` after a month-day.
fn opt_year(c: &Cursor<'_>, j: usize) -> (YearSpec, usize) {
    let k = if c.is(j, ",") { j + 1 } else { j };
    if let Some((y, e)) = year_at(c, k) {
        // A year on the next line is something else ("Saturday, 26 February\n1400 GMT kick-off").
        if !c.is(k, "'") && same_line(c, j.saturating_sub(1), k) {
            return (YearSpec::Year(y), e);
        }
    }
    (YearSpec::Unspecified, j)
}

/// No line break between tokens `a` and `b`.
fn same_line(c: &Cursor<'_>, a: usize, b: usize) -> bool {
    match (c.toks.get(a), c.toks.get(b)) {
        (Some(x), Some(y)) => !c.text[x.end.min(y.start)..y.start].contains('\n'),
        _ => false,
    }
}

/// A part of day right after a day expression ("Monday night", "yesterday morning").
fn part_of_day_after(c: &Cursor<'_>, start: usize, j: usize, day: DateExpr) -> (usize, Mention) {
    for h in c.hits(j) {
        if let Sense::PartOfDay(p) = h.sense {
            let code = c.lex.parts_of_day[p].clone();
            let m = Mention {
                span: span(c, start, j + h.len),
                kind: Kind::Time,
                expr: Expr::Date(DateExpr::PartOfDay {
                    day: Box::new(day),
                    code,
                }),
                hedge: None,
                part: None,
                tense: Default::default(),
            };
            return (j + h.len, m);
        }
    }
    // "Monday at 9 a.m." (after a comma the time is its own mention, and takes this day)
    let k = if c.is(j, "at") { j + 1 } else { j };
    if let Some((e, ms)) = clock(c, k, Some(day.clone()), start) {
        if let Some(m) = ms.into_iter().next() {
            return (e, m);
        }
    }
    let m = Mention {
        span: span(c, start, j),
        kind: Kind::Date,
        expr: Expr::Date(day),
        hedge: None,
        part: None,
        tense: Default::default(),
    };
    (j, m)
}

// ---------------------------------------------------------------- productions

/// "2010-2011", "1994–97", "the 2013-14 season", "2024/25": a span of years,
/// told as its two ends. Two digits after a year are read as the next year
/// only ("2008-09" is a season, as ISO months are rare in prose; "2013-12"
/// stays December 2013).
/// Whether token `k` is what a number before it counts: a unit or a plural
/// noun ("1500-1520 troops", "2000-2100 km" are ranges of counts).
fn counted_after(c: &Cursor<'_>, k: usize) -> bool {
    c.hits(k).any(|h| matches!(h.sense, Sense::Unit(_)))
        || (c.is_word(k) && !c.capitalized(k) && c.raw(k).ends_with('s'))
}

fn year_span(c: &Cursor<'_>, i: usize, first: Option<u32>, second: Option<u32>) -> Found {
    let (a, b) = (c.raw(i), c.raw(i + 2));
    let (y, z) = (first?, second?);
    if a.len() != 4
        || !(1000..2200).contains(&y)
        || counted_after(c, i + 3)
        || (c.touch(i + 2, i + 3) && c.is_word(i + 3))
    {
        return None;
    }
    let last = match b.len() {
        4 if z > y && z - y <= 50 => z,
        2 if z == (y + 1) % 100 => y + 1,
        _ => return None,
    };
    let year = |y: u32| calendar(YearSpec::Year(y as i32), None, None, None, Shift::Bare);
    let mut ms = one(span(c, i, i + 1), Kind::Date, year(y), None);
    ms.extend(one(span(c, i + 2, i + 3), Kind::Date, year(last), None));
    Some((i + 3, ms))
}

fn numeric_date(c: &Cursor<'_>, i: usize) -> Found {
    if !c.is_num(i) {
        return None;
    }
    let a = c.raw(i);
    let sep = c.raw(i + 1);
    if !matches!(sep, "-" | "/" | "." | "–") || !c.touch(i, i + 1) || !c.touch(i + 1, i + 2) {
        return None;
    }
    let b = c.raw(i + 2);
    let has_third =
        c.raw(i + 3) == sep && c.touch(i + 2, i + 3) && c.touch(i + 3, i + 4) && c.is_num(i + 4);
    let num = |s: &str| -> Option<u32> {
        (s.len() <= 4 && s.bytes().all(|x| x.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    if !has_third && sep != "." {
        if let Some(f) = year_span(c, i, num(a), num(b)) {
            return Some(f);
        }
    }
    if sep == "–" {
        return None;
    }
    if a.len() == 4 && has_third && sep != "." {
        // yyyy-mm-dd, yyyy/mm/dd
        let (y, m, d) = (num(a)?, num(b)?, num(c.raw(i + 4))?);
        if b.len() <= 2 && c.raw(i + 4).len() <= 2 && valid_md(m, d) && (1000..2200).contains(&y) {
            return Some((
                i + 5,
                one(
                    span(c, i, i + 5),
                    Kind::Date,
                    calendar(
                        YearSpec::Year(y as i32),
                        Some(m),
                        Some(d),
                        None,
                        Shift::Bare,
                    ),
                    None,
                ),
            ));
        }
        return None;
    }
    if a.len() == 4 && sep == "-" && !has_third && b.len() == 2 {
        // yyyy-mm
        let (y, m) = (num(a)?, num(b)?);
        if (1..=12).contains(&m)
            && (1000..2200).contains(&y)
            && !(c.is(i + 3, "-") && c.touch(i + 2, i + 3))
        {
            return Some((
                i + 3,
                one(
                    span(c, i, i + 3),
                    Kind::Date,
                    calendar(YearSpec::Year(y as i32), Some(m), None, None, Shift::Bare),
                    None,
                ),
            ));
        }
        return None;
    }
    if has_third && sep == "/" && a.len() <= 2 && b.len() <= 2 {
        let yr = c.raw(i + 4);
        let y = num(yr)? as i32;
        let y = match yr.len() {
            4 => y,
            2 => {
                if y < 40 {
                    2000 + y
                } else {
                    1900 + y
                }
            }
            _ => return None,
        };
        let (x, z) = (num(a)?, num(b)?);
        let (m, d) = match c.opts.date_order {
            super::DateOrder::MonthFirst => (x, z),
            super::DateOrder::DayFirst => (z, x),
        };
        if valid_md(m, d) && !(c.touch(i + 4, i + 5) && c.is_any(i + 5, &["/", "-"])) {
            return Some((
                i + 5,
                one(
                    span(c, i, i + 5),
                    Kind::Date,
                    calendar(YearSpec::Year(y), Some(m), Some(d), None, Shift::Bare),
                    None,
                ),
            ));
        }
    }
    None
}

fn valid_md(m: u32, d: u32) -> bool {
    (1..=12).contains(&m) && (1..=31).contains(&d)
}

fn weekday_led(c: &Cursor<'_>, i: usize, shift: Shift, start: usize) -> Found {
    let (wd, j) = weekday_at(c, i)?;
    // Weekday with a date: "Monday, Jan. 6", "Monday 6 January", "Monday (Jan. 6)" stays separate.
    if shift == Shift::Bare {
        let k = if c.is(j, ",") { j + 1 } else { j };
        if let Some((e, mut ms)) = month_led(c, k, Shift::Bare, k, false).or_else(|| day_led(c, k))
        {
            if let Some(m) = ms.first_mut() {
                if let Expr::Date(DateExpr::Calendar {
                    weekday,
                    day: Some(_),
                    ..
                }) = &mut m.expr
                {
                    *weekday = Some(wd);
                    m.span.start = c.toks[start].start;
                    return Some((e, ms));
                }
            }
        }
    }
    let day = DateExpr::Weekday { weekday: wd, shift };
    let (e, m) = part_of_day_after(c, start, j, day);
    Some((e, vec![m]))
}

fn month_led(c: &Cursor<'_>, i: usize, shift: Shift, start: usize, after_part: bool) -> Found {
    let (m, j) = month_at(c, i)?;
    // Month day [, year]
    if let Some((d, k)) = day_at(c, j) {
        // "May 2024" is month-year, not a day: day_at rejects 4 digits already.
        let clock_like = (c.is(k, ":") || c.is(k, "."))
            && c.touch(k - 1, k)
            && c.is_num(k + 1)
            && c.touch(k, k + 1);
        if !clock_like {
            if let Some((d2, k2)) = second_day(c, k, d) {
                let (year, e) = opt_year(c, k2);
                let first = calendar(year, Some(m), Some(d), None, shift);
                let second = calendar(year, Some(m), Some(d2), None, Shift::Bare);
                let mut ms = one(span(c, start, k), Kind::Date, first, None);
                ms.extend(one(span(c, k + 1, e), Kind::Date, second, None));
                return Some((e, ms));
            }
            let (year, e) = opt_year(c, k);
            let expr = calendar(year, Some(m), Some(d), None, shift);
            if let Expr::Date(day) = expr {
                let (e2, mention) = part_of_day_after(c, start, e, day);
                return Some((e2, vec![mention]));
            }
        }
    }
    // "June last year", "January this year"
    if let Some((_, off)) = shift_word(&c.low(j)).filter(|_| c.is(j + 1, "year")) {
        return Some((
            j + 2,
            one(
                span(c, start, j + 2),
                Kind::Date,
                calendar(YearSpec::Shift(off), Some(m), None, None, shift),
                None,
            ),
        ));
    }
    // Month [of] year
    let k = if c.is(j, "of") || c.is(j, ",") {
        j + 1
    } else {
        j
    };
    if let Some((y, e)) = year_at(c, k) {
        return Some((
            e,
            one(
                span(c, start, e),
                Kind::Date,
                calendar(YearSpec::Year(y), Some(m), None, None, shift),
                None,
            ),
        ));
    }
    // Month alone: needs to look like a month, not the verb "may"/"march" or a name.
    let raw = c.raw(i);
    let ambiguous = raw.eq_ignore_ascii_case("may") || raw.eq_ignore_ascii_case("march");
    if !c.capitalized(i) && shift == Shift::Bare {
        return None;
    }
    if shift == Shift::Bare && i == start {
        let prev = c.low(i.wrapping_sub(1));
        let cue = matches!(
            &*prev,
            "in" | "since"
                | "by"
                | "until"
                | "till"
                | "through"
                | "during"
                | "of"
                | "from"
                | "before"
                | "after"
                | "between"
                | "and"
                | "to"
                | "last"
                | "next"
                | "this"
                | "early"
                | "late"
                | "mid"
                | "-"
                | "throughout"
        );
        if ambiguous && !(cue || after_part || month_before_noun(c, i)) {
            return None;
        }
        if !cue && !after_part && c.sentence_break_before(i) {
            return None;
        }
        // "Jan" alone without a period is too short to trust.
        if raw.len() <= 3 && !ambiguous && !c.is(i + 1, ".") {
            return None;
        }
    }
    Some((
        j,
        one(
            span(c, start, j),
            Kind::Date,
            calendar(YearSpec::Unspecified, Some(m), None, None, shift),
            None,
        ),
    ))
}

/// "April 24 and 25", "Jan. 6-7", "March 9 to 11": a later day of the same
/// month right after day `d`, ending at `k`. The day must end the phrase
/// ("March 9 and 10 people" is a count).
fn second_day(c: &Cursor<'_>, k: usize, d: u32) -> Option<(u32, usize)> {
    let dash = matches!(c.raw(k), "-" | "–") && c.touch(k - 1, k) && c.touch(k, k + 1);
    if !(dash || c.is_any(k, &["and", "or", "to", "through"])) {
        return None;
    }
    let (d2, e) = day_at(c, k + 1)?;
    if d2 <= d || e != k + 2 {
        return None;
    }
    let ends = !c.is_word(e) && !c.is_num(e) && !c.is_any(e, &["%", "-", "–", "/"])
        || c.is_any(
            e,
            &[
                "in", "at", "on", "and", "or", "when", "with", "to", "for", "from", "after",
                "before", "while", "but", "that", "is", "was", "were", "will", "by",
            ],
        );
    ends.then_some((d2, e))
}

/// "the March accession", "a May deadline": "March" or "May" between a
/// determiner and a lowercase noun is the month, not the verb or a name.
/// Nouns that follow a person's name ("the May government") stay out.
fn month_before_noun(c: &Cursor<'_>, i: usize) -> bool {
    let next = c.low(i + 1);
    c.is_any(
        i.wrapping_sub(1),
        &["the", "a", "an", "its", "his", "her", "their", "our"],
    ) && c.is_word(i + 1)
        && !c.capitalized(i + 1)
        && !not_a_singular_noun(c, i + 1)
        && !matches!(
            &*next,
            "government" | "administration" | "cabinet" | "ministry" | "team" | "camp" | "era"
        )
}

fn day_led(c: &Cursor<'_>, i: usize) -> Found {
    // "the 6th", "6 January 2025", "6th of January"
    let the = c.is(i, "the");
    let k0 = if the { i + 1 } else { i };
    let (d, j) = day_at(c, k0)?;
    let ordinal = j == k0 + 2;
    let k = if c.is(j, "of") { j + 1 } else { j };
    if let Some((m, e)) = month_at(c, k) {
        if the && !ordinal {
            return None;
        }
        let (year, e2) = opt_year(c, e);
        return Some((
            e2,
            one(
                span(c, i, e2),
                Kind::Date,
                calendar(year, Some(m), Some(d), None, Shift::Bare),
                None,
            ),
        ));
    }
    if the && ordinal && !c.is_word(j) {
        return Some((
            j,
            one(
                span(c, i, j),
                Kind::Date,
                calendar(YearSpec::Unspecified, None, Some(d), None, Shift::Bare),
                None,
            ),
        ));
    }
    None
}

fn shift_word(w: &str) -> Option<(Shift, i32)> {
    match w {
        "last" | "past" | "previous" => Some((Shift::Last, -1)),
        "this" | "current" => Some((Shift::This, 0)),
        "next" | "coming" => Some((Shift::Next, 1)),
        _ => None,
    }
}

fn shifted(c: &Cursor<'_>, i: usize) -> Found {
    // "the past week", "the coming year"; "this past weekend", "this coming Monday"
    let (the, k) = if c.is(i, "the") {
        (true, i + 1)
    } else if c.is(i, "this") && c.is_any(i + 1, &["past", "coming"]) {
        (false, i + 1)
    } else {
        (false, i)
    };
    let w = c.low(k);
    let (shift, off) = shift_word(&w)?;
    let j = k + 1;
    if !the {
        if let Some(f) = weekday_led(c, j, shift, i) {
            return Some(f);
        }
        if let Some(f) = month_led(c, j, shift, i, false) {
            return Some(f);
        }
        if let Some(f) = season(c, j, YearSpec::Shift(off), i, false) {
            return Some(f);
        }
    }
    if c.is(j, "weekend") {
        return date_at(
            c,
            i,
            j + 1,
            DateExpr::Weekend {
                offset: off,
                bare: false,
            },
        );
    }
    if w == "last" && c.is_any(j, &["night", "evening"])
        || (w == "this" && c.hits(j).any(|h| matches!(h.sense, Sense::PartOfDay(_))))
    {
        let day = DateExpr::Relative {
            unit: CalendarUnit::Day,
            offset: if w == "last" { -1 } else { 0 },
        };
        let (e, m) = part_of_day_after(c, i, j, day);
        if e > j {
            return Some((e, vec![m]));
        }
    }
    if let Some((unit, plural, e)) = time_unit_at(c, j) {
        if plural {
            return None; // "the past years" is vague: leave to amount_led
        }
        // "This Week" in the middle of a sentence is a title.
        if c.capitalized(k) && c.capitalized(j) && !c.sentence_break_before(k) {
            return None;
        }
        if matches!(
            unit,
            CalendarUnit::Second | CalendarUnit::Minute | CalendarUnit::Hour
        ) {
            return None;
        }
        // "the last year" in "the last year of the war" is a period of the story, still relative.
        return date_at(c, i, e, DateExpr::Relative { unit, offset: off });
    }
    None
}

/// Words after which a prepositional time phrase has ended ("in the morning, as …").
const PHRASE_ENDS: &[&str] = &[
    "and", "but", "or", "to", "of", "on", "at", "before", "after", "when", "while", "as", "with",
    "for", "from", "until", "he", "she", "they", "it", "we", "i", "the", "a", "an", "local",
];

/// "the next day", "the following year", "the day before", "that day", "later that year".
fn anaphoric(c: &Cursor<'_>, i: usize) -> Found {
    let lead = c.low(i);
    let (k, offset) = match &*lead {
        "the"
            if c.is_any(
                i + 1,
                &["next", "following", "previous", "preceding", "same"],
            ) =>
        {
            let off = match &*c.low(i + 1) {
                "next" | "following" => 1,
                "same" => 0,
                _ => -1,
            };
            (i + 2, off)
        }
        "that" => (i + 1, 0),
        "earlier" | "later" if c.is(i + 1, "that") => (i + 2, 0),
        "the" => (i + 1, 0), // "the day before", "the day after"
        _ => return None,
    };
    // "the next morning", "that night": a part of the narrative's day; so is
    // "in the morning" when the phrase ends there ("in the morning papers" is no time).
    let in_the = lead == "the"
        && k == i + 1
        && c.is(i.wrapping_sub(1), "in")
        && (!c.is_word(k + 1) || c.is_any(k + 1, PHRASE_ENDS));
    if !(lead == "the" && k == i + 1) || in_the {
        if let Some((code, len)) = c.hits(k).find_map(|h| match h.sense {
            Sense::PartOfDay(p) => Some((c.lex.parts_of_day[p].clone(), h.len)),
            _ => None,
        }) {
            let day = DateExpr::Anaphoric {
                unit: CalendarUnit::Day,
                offset,
            };
            let expr = Expr::Date(DateExpr::PartOfDay {
                day: Box::new(day),
                code,
            });
            return Some((k + len, one(span(c, i, k + len), Kind::Time, expr, None)));
        }
    }
    let (unit, false, e) = time_unit_at(c, k)? else {
        return None;
    };
    if !matches!(
        unit,
        CalendarUnit::Day | CalendarUnit::Week | CalendarUnit::Month | CalendarUnit::Year
    ) {
        return None;
    }
    let (offset, e) = if lead == "the" && k == i + 1 {
        // only "the day before/after" (followed by no object)
        let rel = match &*c.low(e) {
            "before" => -1,
            "after" => 1,
            _ => return None,
        };
        if c.is_word(e + 1)
            && !c.is_any(
                e + 1,
                &["and", "but", "when", "as", "he", "she", "they", "it", "the"],
            )
        {
            return None;
        }
        (rel, e + 1)
    } else {
        (offset, e)
    };
    // "that year's budget" is still that year; "that day" needs no object.
    date_at(c, i, e, DateExpr::Anaphoric { unit, offset })
}

/// Named days from the lexicon: "Christmas", "Thanksgiving Day", "last Christmas".
fn holiday(c: &Cursor<'_>, i: usize) -> Found {
    let (shift, k) = match shift_word(&c.low(i)) {
        Some((s, _)) if c.is_any(i, &["last", "next", "this"]) => (s, i + 1),
        _ => (Shift::Bare, i),
    };
    let (index, len) = c.hits(k).find_map(|h| match h.sense {
        Sense::Holiday(x) => Some((x, h.len)),
        _ => None,
    })?;
    if !c.capitalized(k) {
        return None;
    }
    let mut e = k + len;
    let mut year = YearSpec::Unspecified;
    let k2 = if c.is(e, ",") { e + 1 } else { e };
    if let Some((y, e2)) = year_at(c, k2) {
        year = YearSpec::Year(y);
        e = e2;
    }
    date_at(c, i, e, DateExpr::Holiday { index, year, shift })
}

fn deictic(c: &Cursor<'_>, i: usize) -> Found {
    let w = c.low(i);
    let rel = |off: i32| DateExpr::Relative {
        unit: CalendarUnit::Day,
        offset: off,
    };
    let day = match &*w {
        "yesterday" => Some(rel(-1)),
        "today" => Some(rel(0)),
        "tomorrow" => Some(rel(1)),
        _ => None,
    };
    if let Some(day) = day {
        if c.raw(i + 1) == "'s" || (c.is(i + 1, "'") && c.is(i + 2, "s")) {
            return date_at(c, i, i + 1, day);
        }
        let (e, m) = part_of_day_after(c, i, i + 1, day);
        return Some((e, vec![m]));
    }
    if w == "tonight" {
        let day = rel(0);
        return Some((
            i + 1,
            one(
                span(c, i, i + 1),
                Kind::Time,
                Expr::Date(DateExpr::PartOfDay {
                    day: Box::new(day),
                    code: "NI".into(),
                }),
                None,
            ),
        ));
    }
    // "the other day": some recent day.
    if w == "the" && c.is(i + 1, "other") && c.is(i + 2, "day") {
        return date_at(c, i, i + 3, DateExpr::Ref(RefPoint::Past));
    }
    // "all day", "all night", "all week": a whole one.
    if w == "all" {
        let unit = match &*c.low(i + 1) {
            "day" | "night" => Some(CalendarUnit::Day),
            "week" => Some(CalendarUnit::Week),
            "month" => Some(CalendarUnit::Month),
            "year" => Some(CalendarUnit::Year),
            _ => None,
        };
        if let Some(unit) = unit.filter(|_| !c.is(i + 2, "-")) {
            let expr = Expr::Duration {
                amount: Amount::exact(1.0, 1.0),
                unit,
            };
            return Some((i + 2, one(span(c, i, i + 2), Kind::Duration, expr, None)));
        }
    }
    // "at the moment", "these days", "at present"
    if (w == "the" && c.is(i + 1, "moment") && c.is(i.wrapping_sub(1), "at"))
        || (w == "these" && c.is(i + 1, "days"))
        || (w == "present" && c.is(i.wrapping_sub(1), "at"))
    {
        let e = if w == "present" { i + 1 } else { i + 2 };
        return date_at(c, i, e, DateExpr::Ref(RefPoint::Present));
    }
    let r = match &*w {
        "now" | "currently" | "nowadays" | "presently" => Some(RefPoint::Present),
        "recently" | "lately" => Some(RefPoint::Past),
        _ => None,
    };
    if let Some(r) = r {
        // A sentence-opening "Now, …" is discourse, not time; "now that …" is
        // the present ("now that the talks have failed").
        if w == "now" && c.capitalized(i) && c.is(i + 1, ",") && c.sentence_break_before(i) {
            return None;
        }
        return date_at(c, i, i + 1, DateExpr::Ref(r));
    }
    if w == "the" && c.is_any(i + 1, &["past", "future"]) && !c.is_word(i + 2) && !c.is_num(i + 2) {
        let r = if c.is(i + 1, "past") {
            RefPoint::Past
        } else {
            RefPoint::Future
        };
        return date_at(c, i, i + 2, DateExpr::Ref(r));
    }
    // "in the past it considered", "into the future if": after "in", whatever follows,
    // unless it counts a stretch ("in the past two years", "in the past week").
    let in_the = c.is_any(i.wrapping_sub(1), &["in", "into"])
        && amount_at(c, i + 2).is_none()
        && time_unit_at(c, i + 2).is_none()
        && !c.is_any(i + 2, &["few", "several", "many", "couple", "weekend", "-"]);
    if w == "the"
        && c.is_any(i + 1, &["past", "future"])
        && (in_the
            || c.is_any(
                i + 2,
                &["and", "or", "of", "as", "is", "was", "will", "that", "when"],
            ))
    {
        let r = if c.is(i + 1, "past") {
            RefPoint::Past
        } else {
            RefPoint::Future
        };
        return date_at(c, i, i + 2, DateExpr::Ref(r));
    }
    // "in the near future", "over the short term": the time ahead (not "near-term debt").
    if w == "the"
        && (c.is(i + 1, "near") && c.is_any(i + 2, &["future", "term"])
            || c.is(i + 1, "short") && c.is(i + 2, "term"))
        && !c.is(i + 3, "-")
    {
        return date_at(c, i, i + 3, DateExpr::Ref(RefPoint::Future));
    }
    // "in recent years", "in the coming weeks": a vague stretch of time.
    if (w == "recent" || w == "coming")
        && c.is_any(i + 1, &["years", "months", "weeks", "days", "decades"])
    {
        if let Some((unit, true, e)) = time_unit_at(c, i + 1) {
            let expr = Expr::Duration {
                amount: Amount::vague(2.0, 9.0),
                unit,
            };
            return Some((e, one(span(c, i, e), Kind::Duration, expr, None)));
        }
    }
    if matches!(&*w, "earlier" | "later") && c.is(i + 1, "this") {
        if let Some((unit, false, e)) = time_unit_at(c, i + 2) {
            return date_at(c, i, e, DateExpr::Relative { unit, offset: 0 });
        }
    }
    None
}

/// Clock times: "9 a.m.", "10:30 p.m. EST", "14:00 GMT", "noon", "midnight".
fn clock(c: &Cursor<'_>, i: usize, day: Option<DateExpr>, start: usize) -> Found {
    let w = c.low(i);
    let (mut hour, mut minute, mut j);
    if w == "noon" || w == "midday" || w == "midnight" {
        hour = if w == "midnight" { 0 } else { 12 };
        minute = 0;
        j = i + 1;
        if day.is_none() && !c.is_any(i.wrapping_sub(1), AT_WORDS) {
            return None;
        }
    } else {
        if !c.is_num(i) {
            return None;
        }
        let r = c.raw(i);
        // "10.30am": the tokenizer read a decimal; a time when a.m./p.m. follows.
        let dotted = r.len() >= 4
            && r.len() <= 5
            && r.as_bytes()[r.len() - 3] == b'.'
            && ampm_at(c, i + 1).is_some();
        // "0600 GMT", "(1330 HKT)": four digits are a clock only with a zone
        // abbreviation after them; elsewhere they are a year or a count.
        if let Some((h, m)) = military_clock(c, i) {
            return clock_end(c, i + 1, h, m, day, start);
        }
        if !dotted && (r.len() > 2 || !r.bytes().all(|b| b.is_ascii_digit())) {
            return None;
        }
        let (h, m) = r.split_once('.').unwrap_or((r, "0"));
        hour = h.parse().ok()?;
        minute = m.parse().ok()?;
        j = i + 1;
        let mut had_minutes = dotted;
        if (c.is(j, ":") || c.is(j, "."))
            && c.touch(i, j)
            && c.touch(j, j + 1)
            && c.raw(j + 1).len() == 2
            && c.is_num(j + 1)
        {
            minute = c.raw(j + 1).parse().ok()?;
            j += 2;
            had_minutes = true;
        }
        let ampm = ampm_at(c, j).or_else(|| part_of_day_clock(c, i, j));
        match ampm {
            Some((pm, e)) => {
                if hour == 0 || hour > 12 {
                    return None;
                }
                if pm && hour < 12 {
                    hour += 12;
                }
                if !pm && hour == 12 {
                    hour = 0;
                }
                j = e;
            }
            None => {
                // 24-hour clock needs a colon and a zone or a cue ("at 14:00 GMT").
                if !had_minutes || hour > 23 || minute > 59 {
                    return None;
                }
                let cue = c.is_any(i.wrapping_sub(1), AT_WORDS);
                if !cue && zone_at(c, j).is_none() {
                    return None;
                }
            }
        }
        if minute > 59 {
            return None;
        }
    }
    clock_end(c, j, hour, minute, day, start)
}

/// The rest of a clock time from `j`, after its hour and minute: a zone
/// ("EDT", "Moscow time") and a day ("Wednesday", "Nov. 9").
fn clock_end(
    c: &Cursor<'_>,
    mut j: usize,
    hour: u32,
    minute: u32,
    day: Option<DateExpr>,
    start: usize,
) -> Found {
    let mut zone = None;
    if let Some((z, e)) = zone_at(c, j) {
        zone = Some(z);
        j = e;
    }
    // "10:35 a.m. (0735 GMT)" restates the time in another zone: one instant,
    // told once, so the brackets join this mention. A day after the brackets
    // ("(0735 GMT) Friday") is its own mention.
    let restated = c.is(j, "(") && military_clock(c, j + 1).is_some() && c.is(j + 3, ")");
    if restated {
        j += 4;
    }
    // "10 p.m. Wednesday", "noon Thursday", "5 p.m. EST Nov. 9"
    let mut day = day;
    if day.is_none() && !restated {
        if let Some((d, e)) = day_after_clock(c, j) {
            day = Some(d);
            j = e;
        }
    }
    let expr = DateExpr::Clock {
        day: day.map(Box::new),
        hour,
        minute,
        zone,
    };
    Some((
        j,
        one(span(c, start, j), Kind::Time, Expr::Date(expr), None),
    ))
}

/// A day written right after a clock time.
fn day_after_clock(c: &Cursor<'_>, j: usize) -> Option<(DateExpr, usize)> {
    let k = if c.is(j, "on") || c.is(j, ",") {
        j + 1
    } else {
        j
    };
    if let Some((wd, e)) = weekday_at(c, k) {
        // "4:50 p.m. on Wednesday, Sept. 26", "11:05 p.m. on Friday 24 June": the
        // weekday opens a full date, which the date grammar reads with it.
        let f = if c.is(e, ",") { e + 1 } else { e };
        let date_follows = month_at(c, f).is_some_and(|(_, x)| day_at(c, x).is_some())
            || day_at(c, f).is_some_and(|(_, x)| month_at(c, x).is_some());
        if date_follows {
            return None;
        }
        return Some((
            DateExpr::Weekday {
                weekday: wd,
                shift: Shift::Bare,
            },
            e,
        ));
    }
    let off = match &*c.low(k) {
        "yesterday" => Some(-1),
        "today" => Some(0),
        "tomorrow" => Some(1),
        _ => None,
    };
    if let Some(off) = off {
        return Some((
            DateExpr::Relative {
                unit: CalendarUnit::Day,
                offset: off,
            },
            k + 1,
        ));
    }
    let (m, e) = month_at(c, k)?;
    let (d, e) = day_at(c, e)?;
    let (year, e) = opt_year(c, e);
    Some((
        DateExpr::Calendar {
            year,
            month: Some(m),
            day: Some(d),
            weekday: None,
            shift: Shift::Bare,
        },
        e,
    ))
}

fn ampm_at(c: &Cursor<'_>, j: usize) -> Option<(bool, usize)> {
    let w = c.low(j);
    match &*w {
        "am" | "pm" => Some((w == "pm", j + 1)),
        "a" | "p" if c.is(j + 1, ".") && c.is(j + 2, "m") => {
            let e = if c.is(j + 3, ".") && c.touch(j + 2, j + 3) {
                j + 4
            } else {
                j + 3
            };
            Some((w == "p", e))
        }
        _ => None,
    }
}

/// "at 4 in the morning", "until 8 in the evening": the part of the day says
/// a.m. or p.m., when a preposition of time before the hour at `i` says it is a time.
fn part_of_day_clock(c: &Cursor<'_>, i: usize, j: usize) -> Option<(bool, usize)> {
    if !c.is_any(i.wrapping_sub(1), AT_WORDS) || !c.is(j, "in") || !c.is(j + 1, "the") {
        return None;
    }
    match &*c.low(j + 2) {
        "morning" => Some((false, j + 3)),
        "afternoon" | "evening" => Some((true, j + 3)),
        _ => None,
    }
}

/// "0600 GMT": four digits that read as hours and minutes, then a zone; the
/// hour and minute.
fn military_clock(c: &Cursor<'_>, i: usize) -> Option<(u32, u32)> {
    let r = c.raw(i).as_bytes();
    if r.len() != 4 || !r.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let digit = |k: usize| u32::from(r[k] - b'0');
    let (hour, minute) = (digit(0) * 10 + digit(1), digit(2) * 10 + digit(3));
    (hour <= 23 && minute <= 59 && !c.touch(i, i + 1) && zone_abbreviation(c, i + 1))
        .then_some((hour, minute))
}

/// A zone abbreviation at `j`, bare or in brackets.
fn zone_abbreviation(c: &Cursor<'_>, j: usize) -> bool {
    c.lex.is_time_zone(c.raw(j)) || (c.is(j, "(") && c.lex.is_time_zone(c.raw(j + 1)))
}

fn zone_at(c: &Cursor<'_>, j: usize) -> Option<(String, usize)> {
    let r = c.raw(j);
    if c.lex.is_time_zone(r) {
        return Some((r.to_string(), j + 1));
    }
    // "Moscow time", "local time"
    if c.is(j + 1, "time") && (c.capitalized(j) || c.is(j, "local")) && c.is_word(j) {
        return Some((format!("{r} time"), j + 2));
    }
    if c.is(j, "(") && c.lex.is_time_zone(c.raw(j + 1)) && c.is(j + 2, ")") {
        return Some((c.raw(j + 1).to_string(), j + 3));
    }
    None
}

/// Words that add a stretch to one already told: "an additional year",
/// "three extra days".
const ADDED: &[&str] = &["additional", "extra", "further"];

/// "another year", "another two weeks", "an additional year", "a further six
/// months", "an extra week": a stretch added to one already told.
fn added_amount(c: &Cursor<'_>, k: usize) -> Option<(Amount, usize)> {
    let after = if c.is(k, "another") {
        k + 1
    } else if c.is_any(k, &["a", "an"]) && c.is_any(k + 1, ADDED) {
        k + 2
    } else {
        return None;
    };
    match amount_at(c, after) {
        Some((a, e)) if time_unit_at(c, e).is_some() => Some((a, e)),
        _ => Some((Amount::exact(1.0, 1.0), after)),
    }
}

/// "seven months ago", "a year earlier", "two weeks", "nearly three years", "the past two months", "two-year".
fn amount_led(c: &Cursor<'_>, i: usize) -> Found {
    // Hedge in front: "nearly three years".
    let (hedge, k0) = match c.hits(i).find_map(|h| match h.sense {
        Sense::Hedge(x) => Some((x, h.len)),
        _ => None,
    }) {
        Some((x, len)) => (Some((x, c.span(i, i + len))), i + len),
        None => (None, i),
    };
    // "the past two months", "the first nine months", "the next few years"
    let mut k = k0;
    if hedge.is_none() && c.is(k, "the") {
        k += 1;
    }
    let lead = if hedge.is_none()
        && c.is_any(
            k,
            &[
                "past",
                "last",
                "next",
                "first",
                "coming",
                "previous",
                "final",
                "latest",
                "following",
                "remaining",
            ],
        ) {
        k += 1;
        true
    } else {
        false
    };
    let start = if lead || hedge.is_some() || c.is(i, "the") {
        i
    } else {
        k0
    };
    let (amount, j) = match added_amount(c, k).or_else(|| amount_at(c, k)) {
        Some(x) => x,
        None => {
            // A bare plural unit: "for years", "in the next few months" handled above; "years of war".
            let (unit, plural, e) = time_unit_at(c, k)?;
            // "year-long", "decades-long": a duration adjective.
            if c.is(e, "-") && c.touch(e - 1, e) && c.is(e + 1, "long") && hedge.is_none() {
                let amount = if plural {
                    Amount::vague(2.0, 9.0)
                } else {
                    Amount::exact(1.0, 1.0)
                };
                return Some((
                    e + 2,
                    one(
                        span(c, k, e + 2),
                        Kind::Duration,
                        Expr::Duration { amount, unit },
                        None,
                    ),
                ));
            }
            if !plural || hedge.is_some() {
                return None;
            }
            // "years ago", "hours later": a vague point.
            if !lead
                && c.is_any(e, &["ago", "later", "earlier"])
                && !matches!(unit, CalendarUnit::Second)
            {
                let sign = if c.is(e, "later") { 1 } else { -1 };
                let expr = Expr::Date(DateExpr::Offset {
                    amount: Amount::vague(2.0, 9.0),
                    unit,
                    sign,
                });
                return Some((e + 1, one(span(c, k, e + 1), Kind::Date, expr, None)));
            }
            // "over the years", "in the weeks before the vote": past the article.
            let the = k > i && c.is(k - 1, "the");
            let prev = c.low(if the {
                k.wrapping_sub(2)
            } else {
                k.wrapping_sub(1)
            });
            // "the days before the shooting", "the weeks ahead", "the years that followed".
            let (related, e) = if !the || lead {
                (false, e)
            } else if c.is(e, "ahead") {
                (true, e + 1)
            } else {
                let follows = c.is_any(e, &["before", "after", "following", "preceding"])
                    || (c.is(e, "that") && c.is_any(e + 1, &["followed", "preceded"]));
                (follows, e)
            };
            if !(lead
                || related
                || matches!(
                    &*prev,
                    "for"
                        | "over"
                        | "within"
                        | "in"
                        | "after"
                        | "took"
                        | "take"
                        | "takes"
                        | "lasted"
                        | "last"
                        | "spent"
                        | "spend"
                ))
            {
                return None;
            }
            if matches!(unit, CalendarUnit::Second) {
                return None;
            }
            let amount = Amount::vague(2.0, 9.0);
            return Some((
                e,
                one(
                    span(c, start, e),
                    Kind::Duration,
                    Expr::Duration { amount, unit },
                    None,
                ),
            ));
        }
    };
    // "two-year", "10-year", "24-hour"
    // "two more weeks", "20 more years"
    // "two additional years", "three extra days", "six further months"
    let j = if (c.is(j, "more") && !c.is(k.wrapping_sub(1), "than")) || c.is_any(j, ADDED) {
        j + 1
    } else {
        j
    };
    // "eight trading days", "five business days": days counted only on some
    // days of the week. The calendar stretch is longer: up to two weekend days
    // per five, and a few holidays.
    let (amount, j) = if c.is_any(j, &["trading", "business", "working", "school"])
        && c.is_any(j + 1, &["day", "days"])
    {
        let high = (amount.high * 1.4 + 4.0).ceil();
        (Amount { high, ..amount }, j + 1)
    } else {
        (amount, j)
    };
    let (unit, plural, e, hyphenated) = if c.is(j, "-") && c.touch(j - 1, j) && c.touch(j, j + 1) {
        let (u, p, e) = time_unit_at(c, j + 1)?;
        (u, p, e, true)
    } else {
        let (u, p, e) = time_unit_at(c, j)?;
        (u, p, e, false)
    };
    // A count other than one takes a plural unit ("five months"); a singular
    // one after a number is something else ("the 1988 second quarter").
    // Hyphenated compounds are singular ("two-year") and never plural.
    if hyphenated && plural {
        return None;
    }
    // "a 6-year-old boy" is an age.
    if hyphenated && c.is(e, "-") && c.touch(e - 1, e) && c.is(e + 1, "old") {
        return None;
    }
    // "a year and a half", "two hours and a half"
    let (amount, e) = if hyphenated {
        (amount, e)
    } else {
        number::and_a_half(c, amount, e)
    };
    if !hyphenated
        && !plural
        && !amount.vague
        && (amount.exact - 1.0).abs() > 1e-9
        && !c.is_any(k, &["a", "an"])
    {
        // An unhyphenated compound adjective is still a duration: "a five year plan".
        let adjective = amount.exact < 100.0
            && !c.is_num(k)
            && matches!(
                unit,
                CalendarUnit::Day
                    | CalendarUnit::Week
                    | CalendarUnit::Month
                    | CalendarUnit::Year
                    | CalendarUnit::Hour
                    | CalendarUnit::Decade
            )
            && c.is_word(e)
            && !c.capitalized(e);
        if !adjective {
            return None;
        }
    }
    // Ages are not durations: "52 years old", "aged 52 years".
    if c.is(e, "old")
        || (c.is(e, "of") && c.is(e + 1, "age"))
        || c.is(start.wrapping_sub(1), "aged")
    {
        return None;
    }
    // A rate is a recurrence, not a duration: "$5 a year", "twice a week", "three times a day".
    // "100,000 barrels a day": a count of something, then the rate.
    let counted = c.raw(k.wrapping_sub(1)).ends_with('s')
        && c.is_word(k.wrapping_sub(1))
        && (c.is_num(k.wrapping_sub(2))
            || c.hits(k.wrapping_sub(2))
                .any(|h| matches!(h.sense, Sense::Number(_) | Sense::Multiplier(_))));
    if !c.is_any(e, &["ago", "earlier", "later", "before", "after"])
        && c.is_any(k, &["a", "an", "per"])
        && (c.is_num(k.wrapping_sub(1))
            || counted
            || c.is_any(
                k.wrapping_sub(1),
                &[
                    "times", "twice", "once", "thrice", "percent", "%", "million", "billion",
                    "cents", "dollars",
                ],
            ))
    {
        if lead || hedge.is_some() || hyphenated || (amount.exact - 1.0).abs() > 1e-9 {
            return None;
        }
        let expr = Expr::Set {
            unit,
            every: 1,
            weekday: None,
        };
        return Some((e, one(span(c, k, e), Kind::Set, expr, None)));
    }
    // Reject "a second" as an ordinal, "one minute" is fine.
    if unit == CalendarUnit::Second && c.is_any(k, &["a", "the"]) {
        return None;
    }
    if unit == CalendarUnit::Quarter && (c.is(k, "a") || amount.exact < 1.0) {
        return None; // "a quarter of the land" is a fraction
    }
    // "1,500 quarters" are coins: reports count at most a few dozen quarters.
    if unit == CalendarUnit::Quarter && amount.high > 40.0 {
        return None;
    }
    if c.is(k, "a") && c.is(k.wrapping_sub(1), "once") {
        return None;
    }
    // "N units ago / earlier / later / from now"
    if !hyphenated && !lead {
        let dir = match &*c.low(e) {
            "ago" => Some((-1, e + 1)),
            // "a week earlier", "two days later": a point, unless compared ("earlier than").
            "earlier" if !c.is(e + 1, "than") => Some((-1, e + 1)),
            "later" if !c.is(e + 1, "than") => Some((1, e + 1)),
            // "a week before" alone is a point; "a week before the vote" is a relation.
            "before"
                if !c.is_word(e + 1)
                    || c.is_any(
                        e + 1,
                        &[
                            "and", "but", "when", "in", "on", "at", "as", "he", "she", "they",
                            "it", "we",
                        ],
                    ) =>
            {
                Some((-1, e + 1))
            }
            "from" if c.is(e + 1, "now") => Some((1, e + 2)),
            "hence" => Some((1, e + 1)),
            _ => None,
        };
        if let Some((sign, end)) = dir {
            let expr = Expr::Date(DateExpr::Offset { amount, unit, sign });
            let mut m = Mention {
                span: span(c, start, end),
                kind: Kind::Date,
                expr,
                hedge: None,
                part: None,
                tense: Default::default(),
            };
            m.hedge = hedge;
            return Some((end, vec![m]));
        }
    }
    let expr = Expr::Duration { amount, unit };
    let m = Mention {
        span: span(c, start, e),
        kind: Kind::Duration,
        expr,
        hedge,
        part: None,
        tense: Default::default(),
    };
    Some((e, vec![m]))
}

fn year_led(c: &Cursor<'_>, i: usize, after_part: bool) -> Found {
    // "the year 2000", "fiscal 1989"
    if c.is(i, "fiscal")
        || (c.is(i, "the") && c.is(i + 1, "year") && c.is_num(i + 2))
        || c.is(i, "FY")
    {
        let k = if c.is(i, "the") { i + 2 } else { i + 1 };
        let (y, e) = year_at(c, k)?;
        return Some((
            e,
            one(
                span(c, i, e),
                Kind::Date,
                calendar(YearSpec::Year(y), None, None, None, Shift::Bare),
                None,
            ),
        ));
    }
    // Centuries: "the 20th century", "the eleventh century"
    {
        let k = if c.is(i, "the") { i + 1 } else { i };
        let (n, e) =
            if c.is_num(k) && c.touch(k, k + 1) && c.is_any(k + 1, &["st", "nd", "rd", "th"]) {
                (c.raw(k).parse::<i32>().ok(), k + 2)
            } else {
                (
                    c.hits(k).find_map(|h| match h.sense {
                        Sense::Ordinal(n) => Some(n as i32),
                        _ => None,
                    }),
                    k + 1,
                )
            };
        if let Some(n) = n {
            let e2 = if c.is(e, "-") && c.touch(e - 1, e) {
                e + 1
            } else {
                e
            };
            if c.is(e2, "century") && (1..=30).contains(&n) {
                return date_at(c, i, e2 + 1, DateExpr::Century { n });
            }
        }
    }
    // Spoken years: "nineteen ninety-six", "the year two thousand"
    if let Some((y, e)) = spoken_year(
        c,
        if c.is(i, "the") && c.is(i + 1, "year") {
            i + 2
        } else {
            i
        },
    ) {
        return Some((
            e,
            one(
                span(c, i, e),
                Kind::Date,
                calendar(YearSpec::Year(y), None, None, None, Shift::Bare),
                None,
            ),
        ));
    }
    // Decades in words: "the nineties", "the sixties"
    if c.is(i, "the") {
        let start = match &*c.low(i + 1) {
            "twenties" => Some(1920),
            "thirties" => Some(1930),
            "forties" => Some(1940),
            "fifties" => Some(1950),
            "sixties" => Some(1960),
            "seventies" => Some(1970),
            "eighties" => Some(1980),
            "nineties" => Some(1990),
            _ => None,
        };
        if let Some(start) = start {
            return date_at(c, i, i + 2, DateExpr::Decade { start });
        }
    }
    // Decades: "the 1990s", "1990s", "the '90s", "the 90s"
    let the = c.is(i, "the");
    let k = if the { i + 1 } else { i };
    if let Some(f) = decade(c, i, k, the) {
        return Some(f);
    }
    if the {
        return None;
    }
    let (y, e) = year_at(c, i)?;
    // "'98" is a year only after a preposition of time ("in '98", "since '98"):
    // elsewhere an apostrophe before digits is as likely a quotation mark.
    if matches!(c.raw(i), "'" | "’") && !c.is_any(i.wrapping_sub(1), DURING_WORDS) {
        return None;
    }
    // "2025-01" handled by numeric_date; "2024/25" season; "1990 levels": only with a cue.
    // "pre-1990", "post-1959"
    let prev =
        if c.is(i.wrapping_sub(1), "-") && c.is_any(i.wrapping_sub(2), &["pre", "post", "mid"]) {
            c.low(i.wrapping_sub(2))
        } else {
            c.low(i.wrapping_sub(1))
        };
    let cue = after_part
        || YEAR_CUE_SET.contains(&*prev)
        || (c.is(i.wrapping_sub(1), "("))
        || prev == ",";
    if !cue && !year_before_noun(c, i, e, y) {
        return None;
    }
    // "2000-2100 km": the first end of a range of counts.
    if matches!(c.raw(e), "-" | "–")
        && c.touch(e - 1, e)
        && c.is_num(e + 1)
        && counted_after(c, e + 2)
    {
        return None;
    }
    // A following counted noun or unit makes it a count ("in 2000 troops" is unusual; "by 1,500" has a comma).
    if c.is_word(e) && !c.capitalized(e) {
        let nx = c.low(e);
        if !matches!(
            &*nx,
            "and"
                | "or"
                | "to"
                | "when"
                | "as"
                | "after"
                | "before"
                | "the"
                | "that"
                | "with"
                | "was"
                | "were"
                | "is"
                | "but"
                | "in"
                | "on"
                | "at"
                | "for"
                | "of"
                | "by"
                | "until"
                | "through"
                | "levels"
                | "level"
                | "election"
                | "elections"
                | "season"
                | "budget"
                | "figures"
                | "census"
                | "olympics"
                | "war"
                | "vote"
                | "presidential"
                | "it"
                | "he"
                | "she"
                | "they"
                | "we"
                | "while"
                | "had"
                | "has"
                | "have"
                | "compared"
                | "because"
                | "from"
                | "since"
                | "onwards"
                | "onward"
                | "alone"
                | "ended"
                | "began"
                | "amid"
                | "will"
                | "would"
                | "could"
                | "did"
                | "this"
                | "last"
                | "than"
                | "where"
                | "which"
                | "who"
        ) {
            let determiner = matches!(
                &*prev,
                "a" | "the" | "its" | "his" | "her" | "their" | "that" | "this" | "our" | "s"
            );
            let round = y % 100 == 0 || y % 50 == 0;
            if c.hits(e).any(|h| matches!(h.sense, Sense::Unit(_)))
                || (nx.ends_with('s') && (!determiner || round))
            {
                return None;
            }
        }
    }
    if prev == "," && !(c.is_num(i.wrapping_sub(2)) || month_at(c, i.wrapping_sub(2)).is_some()) {
        // ", 2024" only after a date-ish token
        if !c.is_any(
            i.wrapping_sub(2),
            &["summer", "winter", "spring", "fall", "autumn"],
        ) {
            return None;
        }
    }
    Some((
        e,
        one(
            span(c, i, e),
            Kind::Date,
            calendar(YearSpec::Year(y), None, None, None, Shift::Bare),
            None,
        ),
    ))
}

/// Plurals without an "s": after a number they leave "killed 1500 people" a
/// count.
const PLURALS_WITHOUT_S: &[&str] = &[
    "people",
    "men",
    "women",
    "children",
    "police",
    "staff",
    "personnel",
    "feet",
    "teeth",
    "cattle",
    "sheep",
    "fish",
    "deer",
    "mice",
    "geese",
];

/// Whether word `k` cannot be a singular noun that a word before it
/// modifies: a function word ([`number::not_a_noun`]), an adverb in -ly, a
/// plural without an "s", a multiplier or a unit.
fn not_a_singular_noun(c: &Cursor<'_>, k: usize) -> bool {
    let w = c.low(k);
    number::not_a_noun(&w)
        || w.ends_with("ly")
        || PLURALS_WITHOUT_S.contains(&&*w)
        || c.hits(k)
            .any(|h| matches!(h.sense, Sense::Multiplier(_) | Sense::Unit(_)))
}

/// "his unsuccessful 1996 campaign", "predicting 1990 BellSouth earnings": a
/// year-like number after a lowercase word and before a singular noun is a
/// year, with no preposition to cue it. A count of 1996 would take a plural
/// noun, and news style writes counts over 999 with a thousands comma.
fn year_before_noun(c: &Cursor<'_>, i: usize, e: usize, y: i32) -> bool {
    let prev = i.wrapping_sub(1);
    if !(1900..=2099).contains(&y)
        || !c.is_word(prev)
        || c.capitalized(prev)
        || c.hits(prev)
            .any(|h| matches!(h.sense, Sense::Hedge(_) | Sense::Number(_)))
        || !c.is_word(e)
        || c.touch(e - 1, e)
    {
        return false;
    }
    let next = c.low(e);
    let plural = next.ends_with('s') && !next.ends_with("ss");
    !plural && !not_a_singular_noun(c, e)
}

/// A year said in words: "nineteen ninety-six", "two thousand (and) five",
/// "the year two thousand". Only the shapes that cannot be a count.
fn spoken_year(c: &Cursor<'_>, i: usize) -> Option<(i32, usize)> {
    let word = |k: usize| {
        c.hits(k).find_map(|h| match h.sense {
            Sense::Number(n) if h.len == 1 => Some(n as i32),
            _ => None,
        })
    };
    let after_year_word = i >= 1 && c.is(i - 1, "year");
    let hi = word(i)?;
    if (11..=20).contains(&hi) && !c.is_num(i) {
        // tens part: "ninety-six", "ninety", "oh five"
        let t = word(i + 1)?;
        if (20..=90).contains(&t) && t % 10 == 0 {
            let mut y = hi * 100 + t;
            let mut e = i + 2;
            if c.is(e, "-") && c.touch(e - 1, e) {
                if let Some(u) = word(e + 1).filter(|u| (1..=9).contains(u)) {
                    y += u;
                    e += 2;
                }
            }
            return Some((y, e));
        }
        return None;
    }
    if hi == 2 && c.is(i + 1, "thousand") {
        let mut e = i + 2;
        let mut y = 2000;
        let k = if c.is(e, "and") { e + 1 } else { e };
        if let Some(u) = word(k).filter(|u| (1..=30).contains(u)) {
            y += u;
            e = k + 1;
        } else if !after_year_word {
            return None;
        }
        if after_year_word || y > 2000 {
            return Some((y, e));
        }
    }
    None
}

fn decade(c: &Cursor<'_>, start: usize, k: usize, the: bool) -> Found {
    let raw = c.raw(k);
    let (y, e) = if (raw == "'" || raw == "’") && c.touch(k, k + 1) {
        let r = c.raw(k + 1);
        if r.len() != 2 || !c.is(k + 2, "s") || !c.touch(k + 1, k + 2) {
            return None;
        }
        let y: i32 = r.parse().ok()?;
        (if y < 30 { 2000 + y } else { 1900 + y }, k + 3)
    } else if c.is_num(k)
        && (raw.len() == 4 || (raw.len() == 2 && the))
        && c.is(k + 1, "s")
        && c.touch(k, k + 1)
    {
        let y: i32 = raw.parse().ok()?;
        let y = if raw.len() == 2 { 1900 + y } else { y };
        (y, k + 2)
    } else if c.is_num(k)
        && raw.len() == 4
        && c.is(k + 1, "'")
        && c.is(k + 2, "s")
        && c.touch(k, k + 1)
    {
        (raw.parse().ok()?, k + 3)
    } else {
        return None;
    };
    if y % 10 != 0 {
        return None;
    }
    date_at(c, start, e, DateExpr::Decade { start: y })
}

/// Quarters and halves: "the third quarter [of 2024]", "third-quarter", "Q3 2024", "the first half".
fn year_part(c: &Cursor<'_>, i: usize) -> Found {
    let the = c.is(i, "the");
    let mut k = if the { i + 1 } else { i };
    // The year first, in reports: "the 1988 second quarter"; "the 1988 quarter"
    // names no quarter, so it stands for its year.
    let mut written_year = None;
    if the {
        if let Some((y, e)) = year_at(c, k).filter(|&(_, e)| c.is_word(e)) {
            if c.is_any(e, &["quarter", "half", "period"])
                && !(c.is(e + 1, "-") && c.touch(e, e + 1))
            {
                let expr = calendar(YearSpec::Year(y), None, None, None, Shift::Bare);
                return Some((e + 1, one(span(c, i, e + 1), Kind::Date, expr, None)));
            }
            written_year = Some(y);
            k = e;
        }
    }
    let raw = c.raw(k);
    // Q3 / Q3 2024
    if raw.len() == 2 && (raw.starts_with('Q') || raw.starts_with('H')) {
        return None;
    }
    let lw = c.low(k);
    if lw.len() == 2 && (lw.starts_with('q')) {
        return None;
    }
    let n = c
        .hits(k)
        .find_map(|h| match h.sense {
            Sense::Ordinal(n) => Some(n),
            _ => None,
        })
        .or_else(|| {
            // 3rd quarter
            if c.is_num(k) && c.touch(k, k + 1) && c.is_any(k + 1, &["st", "nd", "rd", "th"]) {
                c.raw(k).parse().ok()
            } else {
                None
            }
        })?;
    let mut j = if c.is_num(k) { k + 2 } else { k + 1 };
    let hyph = c.is(j, "-") && c.touch(j - 1, j);
    if hyph {
        j += 1;
    }
    let unit = match &*c.low(j) {
        "quarter" if (1..=4).contains(&n) => 'Q',
        "half" if (1..=2).contains(&n) => 'H',
        _ => return None,
    };
    // "fourth quarter" needs no article; a bare "first half" does ("the first half").
    if !the && !hyph && unit == 'H' {
        return None;
    }
    let mut e = j + 1;
    if let Some(y) = written_year {
        return date_at(
            c,
            i,
            e,
            DateExpr::YearPart {
                unit,
                n,
                year: YearSpec::Year(y),
            },
        );
    }
    let mut year = YearSpec::Unspecified;
    let k2 = if c.is(e, "of") || c.is(e, ",") {
        e + 1
    } else {
        e
    };
    if let Some((y, e2)) = year_at(c, k2) {
        year = YearSpec::Year(y);
        e = e2;
    } else if c.is(e, "of") && c.is_any(e + 1, &["this", "last", "next"]) && c.is(e + 2, "year") {
        year = YearSpec::Shift(shift_word(&c.low(e + 1)).map_or(0, |s| s.1));
        e += 3;
    } else if c.is(e, "of")
        && (month_at(c, e + 1).is_some()
            || (c.is(e + 1, "the")
                && c.is_any(
                    e + 2,
                    &[
                        "month", "decade", "century", "game", "match", "season", "war",
                    ],
                )))
    {
        // A half or quarter of something other than a year: "the second half of
        // June", "of the decade", "of the match".
        return None;
    }
    date_at(c, i, e, DateExpr::YearPart { unit, n, year })
}

fn season(c: &Cursor<'_>, i: usize, year0: YearSpec, start: usize, after_part: bool) -> Found {
    let the = c.is(i, "the");
    let k = if the { i + 1 } else { i };
    let code = c.hits(k).find_map(|h| match h.sense {
        Sense::Season(s) if h.len == 1 => Some(c.lex.seasons[s].clone()),
        _ => None,
    })?;
    let mut e = k + 1;
    let mut year = year0;
    let k2 = if c.is(e, "of") || c.is(e, ",") {
        e + 1
    } else {
        e
    };
    if let Some((y, e2)) = year_at(c, k2) {
        year = YearSpec::Year(y);
        e = e2;
    }
    if year == YearSpec::Unspecified {
        // "fall" and "spring" are verbs and nouns too: a bare season needs a cue.
        let prev = c.low(start.wrapping_sub(1));
        let cue = after_part
            || (the
                && matches!(
                    &*prev,
                    "in" | "during"
                        | "over"
                        | "through"
                        | "by"
                        | "until"
                        | "since"
                        | "this"
                        | "for"
                ))
            || (!the
                && matches!(
                    &*prev,
                    "in" | "during" | "by" | "until" | "since" | "this" | "through"
                ));
        if !cue
            || (c.is_word(e)
                && !c.is_any(
                    e,
                    &[
                        "and", "or", "when", "as", "the", "to", "but", "after", "before", "in",
                        "of",
                    ],
                ))
        {
            return None;
        }
    }
    date_at(c, start, e, DateExpr::Season { code, year })
}

fn set(c: &Cursor<'_>, i: usize) -> Found {
    let w = c.low(i);
    let unit = match &*w {
        "daily" | "nightly" => Some(CalendarUnit::Day),
        "weekly" => Some(CalendarUnit::Week),
        "monthly" => Some(CalendarUnit::Month),
        "annually" | "yearly" | "annual" => Some(CalendarUnit::Year),
        "hourly" => Some(CalendarUnit::Hour),
        _ => None,
    };
    if let Some(unit) = unit {
        if w == "annual" && !c.is_any(i + 1, &["basis", "rate"]) {
            return None;
        }
        // A growth rate ("8.5% annually") or a newspaper ("the party daily Granma")
        // is not a recurrence worth a timex.
        let after_rate = (1..=3).any(|d| {
            i >= d && (c.is(i - d, "%") || c.is_any(i - d, &["percent", "units", "shares"]))
        });
        if after_rate
            || (c.capitalized(i + 1) && c.is_word(i + 1))
            || c.is(i.wrapping_sub(1), "average")
        {
            return None;
        }
        return Some((
            i + 1,
            one(
                span(c, i, i + 1),
                Kind::Set,
                Expr::Set {
                    unit,
                    every: 1,
                    weekday: None,
                },
                None,
            ),
        ));
    }
    if w == "every" || w == "each" {
        if let Some((wd, e)) = weekday_at(c, i + 1) {
            return Some((
                e,
                one(
                    span(c, i, e),
                    Kind::Set,
                    Expr::Set {
                        unit: CalendarUnit::Week,
                        every: 1,
                        weekday: Some(wd),
                    },
                    None,
                ),
            ));
        }
        let (every, k) = match amount_at(c, i + 1) {
            Some((a, k)) if !a.vague && a.exact >= 1.0 && a.exact.fract() == 0.0 => {
                (a.exact as u32, k)
            }
            _ => (1, i + 1),
        };
        if let Some((unit, _, e)) = time_unit_at(c, k) {
            return Some((
                e,
                one(
                    span(c, i, e),
                    Kind::Set,
                    Expr::Set {
                        unit,
                        every,
                        weekday: None,
                    },
                    None,
                ),
            ));
        }
    }
    None
}

fn the_led(c: &Cursor<'_>, i: usize) -> Found {
    // A fiscal year: "for the year ended Sept. 30", "for the year, sales rose".
    if c.is(i, "the")
        && c.is(i + 1, "year")
        && (c.is_any(i + 2, &["ended", "ending"])
            || (c.is(i.wrapping_sub(1), "for") && matches!(c.raw(i + 2), "," | "." | ";")))
    {
        let expr = Expr::Duration {
            amount: Amount::exact(1.0, 1.0),
            unit: CalendarUnit::Year,
        };
        return Some((i + 2, one(span(c, i, i + 2), Kind::Duration, expr, None)));
    }
    // The period being reported on, named where a phrase ends: "the first nine
    // months of the year.", "for the week, the index fell", "the week's busiest session".
    if c.is(i, "the") && c.is_any(i.wrapping_sub(1), &["of", "for"]) {
        let unit = match &*c.low(i + 1) {
            "week" => Some(CalendarUnit::Week),
            "month" => Some(CalendarUnit::Month),
            "year" => Some(CalendarUnit::Year),
            _ => None,
        };
        let ends = matches!(c.raw(i + 2), "," | "." | ";")
            || (matches!(c.raw(i + 2), "'" | "’") && c.is(i + 3, "s") && !c.is(i + 4, "end"));
        if let Some(unit) = unit.filter(|_| ends) {
            return date_at(c, i, i + 2, DateExpr::Relative { unit, offset: 0 });
        }
    }
    // Reporting periods: "the quarter" (the one just reported), "the latest
    // quarter", "the current quarter", "the year-ago quarter", "the full year".
    if c.is(i, "the") {
        let (k, shift) = match &*c.low(i + 1) {
            "latest" | "last" if c.is(i + 2, "quarter") => (i + 2, -1),
            "latest" if c.is(i + 2, "period") => (i + 2, -1),
            "current" => (i + 2, 0),
            "full" | "fiscal" if c.is(i + 2, "year") => (i + 2, 0),
            "year"
                if c.is(i + 2, "-")
                    && c.is_any(i + 3, &["ago", "earlier"])
                    && c.is_any(i + 4, &["quarter", "period"]) =>
            {
                (i + 4, -5)
            }
            "quarter" => (i + 1, -1),
            _ => (0, 0),
        };
        if k > 0 && !c.is_any(k + 1, &["of", "century", "-"]) {
            let unit = match &*c.low(k) {
                "quarter" | "period" if shift < 0 => Some(CalendarUnit::Quarter),
                "quarter" => Some(CalendarUnit::Quarter),
                "year" => Some(CalendarUnit::Year),
                _ => None,
            };
            if let Some(unit) = unit {
                let offset = if unit == CalendarUnit::Year { 0 } else { shift };
                let expr = Expr::Date(DateExpr::Relative { unit, offset });
                return Some((k + 1, one(span(c, i, k + 1), Kind::Date, expr, None)));
            }
        }
    }
    // "year-earlier profit", "the year-ago results": last year, as an adjective;
    // "the year-ago third quarter", "the year-earlier nine months": one expression.
    let k = if c.is(i, "the") { i + 1 } else { i };
    if c.is(k, "year")
        && c.is(k + 1, "-")
        && c.touch(k, k + 1)
        && c.is_any(k + 2, &["ago", "earlier"])
        && c.is_word(k + 3)
    {
        let next = year_part(c, k + 3).or_else(|| amount_led(c, k + 3));
        if let Some((e, mut ms)) = next.filter(|(_, ms)| {
            ms.len() == 1
                && ms[0].span.start == c.toks[k + 3].start
                && matches!(ms[0].kind, Kind::Date | Kind::Duration)
        }) {
            let m = &mut ms[0];
            m.span = span(c, i, e);
            if let Expr::Date(DateExpr::YearPart { year, .. }) = &mut m.expr {
                if *year == YearSpec::Unspecified {
                    *year = YearSpec::Shift(-1);
                }
            }
            return Some((e, ms));
        }
        if k == i {
            let expr = Expr::Date(DateExpr::Relative {
                unit: CalendarUnit::Year,
                offset: -1,
            });
            return Some((i + 3, one(span(c, i, i + 3), Kind::Date, expr, None)));
        }
    }
    // "by year-end", "since year end", "by year's end": the end of this year.
    if c.is(i, "year")
        && c.is_any(
            i.wrapping_sub(1),
            &[
                "by", "since", "at", "around", "before", "until", "till", "after", "near",
            ],
        )
    {
        let e = match c.raw(i + 1) {
            "-" if c.touch(i, i + 1) && c.is(i + 2, "end") => i + 3,
            "'" | "’" if c.is(i + 2, "s") && c.is(i + 3, "end") => i + 4,
            _ if c.is(i + 1, "end") => i + 2,
            _ => 0,
        };
        if e > 0 && !c.is(e, "of") && !c.is(e, "-") {
            let expr = Expr::Date(DateExpr::Relative {
                unit: CalendarUnit::Year,
                offset: 0,
            });
            return Some((
                e,
                one(span(c, i, e), Kind::Date, expr, Some(PeriodPart::End)),
            ));
        }
    }
    // "the weekend", "over the weekend"
    if c.is(i, "the") && c.is(i + 1, "weekend") {
        return date_at(
            c,
            i,
            i + 2,
            DateExpr::Weekend {
                offset: 0,
                bare: true,
            },
        );
    }
    if c.is(i, "weekend") && c.is_any(i.wrapping_sub(1), &["this", "last", "next"]) {
        return None;
    }
    None
}

// ---------------------------------------------------------------- relations

/// A user trigger (`triggers:` in `reckon.yaml`) matching right after a duration
/// that ends at byte `at`: the relation and how many tokens from `j` it covers.
fn user_trigger(c: &Cursor<'_>, at: usize, j: usize) -> Option<(RelationKind, usize)> {
    let rest = c.text.get(at..)?;
    let lead = rest.len() - rest.trim_start().len();
    for t in c.opts.triggers.iter() {
        if let Some(m) = match_at_start(&t.pattern, &rest[lead..]) {
            if m > 0 {
                let end = at + lead + m;
                let covered = c.toks[j..].iter().take_while(|tok| tok.end <= end).count();
                if covered > 0 {
                    return Some((t.relation, covered));
                }
            }
        }
    }
    None
}

thread_local! {
    /// User trigger patterns compiled for anchored search, by pattern text.
    static ANCHORED_TRIGGERS: std::cell::RefCell<Vec<(String, Option<regex_automata::meta::Regex>)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// The end of the match of `pattern` that starts at the start of `hay`, if
/// there is one: the match `pattern.find(hay)` gives when it starts there
/// (the same leftmost-first rules), found without searching the rest of `hay`
/// for a match further on (once every duration searched the rest of the text).
fn match_at_start(pattern: &regex::Regex, hay: &str) -> Option<usize> {
    ANCHORED_TRIGGERS.with(|cache| {
        let mut cache = cache.borrow_mut();
        let i = match cache.iter().position(|(p, _)| p == pattern.as_str()) {
            Some(i) => i,
            None => {
                if cache.len() >= 64 {
                    cache.clear();
                }
                let anchored = regex_automata::meta::Regex::new(pattern.as_str()).ok();
                cache.push((pattern.as_str().to_string(), anchored));
                cache.len() - 1
            }
        };
        match &cache[i].1 {
            Some(re) => {
                let input = regex_automata::Input::new(hay).anchored(regex_automata::Anchored::Yes);
                re.search(&input).map(|m| m.end())
            }
            None => pattern
                .find(hay)
                .filter(|m| m.start() == 0)
                .map(|m| m.end()),
        }
    })
}

/// Adds relation mentions that tie durations to dates: "five months since
/// August 6", "two weeks before January 20", "three years into the war",
/// "its fourth year", "from August 6 to January 5".
/// How many tokens after the relation word its anchor date may begin.
const ANCHOR_REACH: usize = 15;

/// The token at which the search for a relation's anchor stops: `ANCHOR_REACH`
/// tokens after `from`, or earlier at a sentence end, a semicolon, colon or
/// dash, another relation word ("three weeks since the vote, two days before
/// …"), a comma before a new clause (", and", ", but") or a verb of saying
/// ("…, officials said on Friday": Friday is when it was said, not the anchor).
fn anchor_reach_end(c: &Cursor<'_>, from: usize) -> usize {
    let limit = (from + ANCHOR_REACH).min(c.toks.len());
    let mut comma = false;
    for k in from..limit {
        if k > from && c.sentence_break_before(k) {
            return k;
        }
        let w = c.low(k);
        // A verb of saying after a comma is an attribution (", officials said on
        // Friday"); right after the relation's subject it is the event itself
        // ("since Cardell announced the results on 2024-06-10").
        let saying = matches!(
            &*w,
            "said" | "says" | "say" | "told" | "according" | "announced" | "reported"
        );
        let stops = matches!(
            &*w,
            ";" | ":"
                | "—"
                | "–"
                | "since"
                | "after"
                | "before"
                | "until"
                | "till"
                | "into"
                | "ago"
                | "ahead"
                | "prior"
                | "from"
        ) || (saying && comma)
            || (&*w == ","
                && c.is_any(
                    k + 1,
                    &[
                        "and", "but", "or", "while", "whereas", "although", "though", "yet",
                    ],
                ));
        // The anchor may directly follow the relation word; a stop word only ends
        // the search past it ("since before the war" has no date anyway).
        if stops && k > from {
            return k;
        }
        if stops && matches!(&*w, ";" | ":" | "—" | "–") {
            return k;
        }
        comma |= &*w == ",";
    }
    limit
}

/// "from 4 to 19 June": the number mention right before `s - 1` ("to"), after
/// "from" or "between", as a day of the month, with its index.
fn compact_range_start(
    c: &Cursor<'_>,
    out: &[Mention],
    idx: usize,
    s: usize,
) -> Option<(usize, u32)> {
    if s < 3
        || !c.is_any(s - 1, &["to", "and", "-", "–", "until", "through"])
        || !c.is_num(s - 2)
        || !c.is_any(s - 3, &["from", "between"])
    {
        return None;
    }
    let pi = idx.checked_sub(1)?;
    let p = &out[pi];
    if p.kind != Kind::Number
        || p.span.start != c.toks[s - 2].start
        || p.span.end != c.toks[s - 2].end
    {
        return None;
    }
    let n: u32 = c.raw(s - 2).parse().ok()?;
    (1..=31).contains(&n).then_some((pi, n))
}

pub(crate) fn link_relations(c: &Cursor<'_>, out: &mut Vec<Mention>) {
    let mut added = Vec::new();
    // Numbers that a compact range makes first days ("from 4 to 19 June").
    let mut first_days: Vec<(usize, DateExpr)> = Vec::new();
    // Index of the token that starts at each byte, for walking after a mention.
    let tok_at = |byte: usize| c.toks.partition_point(|t| t.start < byte);
    for (idx, m) in out.iter().enumerate() {
        match m.kind {
            Kind::Duration => {
                let mut j = tok_at(m.span.end);
                // "six weeks today since …", "three weeks to the day after …".
                while c.is_any(j, &["today", "now", "exactly", "precisely"]) {
                    j += 1;
                }
                if c.is(j, "to") && c.is(j + 1, "the") && c.is(j + 2, "day") {
                    j += 3;
                }
                let w = c.low(j);
                let (kind, skip) = match &*w {
                    "since" => (RelationKind::Since, 1),
                    "after" => (RelationKind::After, 1),
                    // "ahead of", "prior to"; "six months ahead, …" is no relation.
                    "ahead" | "prior" if !c.is_any(j + 1, &["of", "to"]) => continue,
                    "before" | "until" | "till" | "ahead" | "prior" => {
                        let extra = usize::from(
                            c.is_any(j + 1, &["of", "to"]) && matches!(&*w, "ahead" | "prior"),
                        );
                        (RelationKind::Before, 1 + extra)
                    }
                    "into" => (RelationKind::Into, 1),
                    "from" => (RelationKind::After, 1),
                    // "12 December, just over five weeks away": from the date of writing.
                    "away" => (RelationKind::After, 1),
                    _ => match user_trigger(c, m.span.end, j) {
                        Some(found) => found,
                        None => continue,
                    },
                };
                let rel_end_tok = j + skip;
                // The anchor: the first date mention after the relation word in the
                // same clause ("three months since the talks opened on Nov. 13"), no
                // further than `ANCHOR_REACH` tokens. When unsure, no anchor.
                let stop = anchor_reach_end(c, rel_end_tok);
                let anchor = out
                    .iter()
                    .enumerate()
                    .skip(idx + 1)
                    .take_while(|(_, a)| tok_at(a.span.start) < stop)
                    .find(|(_, a)| {
                        matches!(a.kind, Kind::Date | Kind::Time)
                            && tok_at(a.span.start) >= rel_end_tok
                    });
                let (anchor, end) = match anchor {
                    Some((ai, a)) => (Some(ai), a.span.end),
                    None => (
                        None,
                        c.toks
                            .get(rel_end_tok.saturating_sub(1))
                            .map_or(m.span.end, |t| t.end),
                    ),
                };
                added.push(Mention {
                    span: m.span.start..end,
                    kind: Kind::Relation,
                    expr: Expr::Relation {
                        kind,
                        duration: Some(idx),
                        anchor,
                        end: None,
                        unit: None,
                    },
                    hedge: None,
                    part: None,
                    tense: Default::default(),
                });
            }
            Kind::Date => {
                // "from 4 to 19 June": the first day takes the month and year of the second.
                let s = tok_at(m.span.start);
                if let Some((pi, n)) = compact_range_start(c, out, idx, s) {
                    if let Expr::Date(DateExpr::Calendar {
                        year,
                        month: Some(mo),
                        day: Some(last),
                        ..
                    }) = &m.expr
                    {
                        if n < *last {
                            first_days.push((
                                pi,
                                DateExpr::Calendar {
                                    year: *year,
                                    month: Some(*mo),
                                    day: Some(n),
                                    weekday: None,
                                    shift: Shift::Bare,
                                },
                            ));
                            added.push(Mention {
                                span: c.toks[s - 3].start..m.span.end,
                                kind: Kind::Relation,
                                expr: Expr::Relation {
                                    kind: RelationKind::Between,
                                    duration: None,
                                    anchor: Some(pi),
                                    end: Some(idx),
                                    unit: None,
                                },
                                hedge: None,
                                part: None,
                                tense: Default::default(),
                            });
                            continue;
                        }
                    }
                }
                // "from DATE to DATE
                if s > 0 && c.is_any(s - 1, &["from", "between"]) {
                    let mut j = tok_at(m.span.end);
                    // "from June 2, 2024, to Aug. 30, 2024": a comma closing the year.
                    if c.is(j, ",") && c.is_any(j + 1, &["to", "until", "through", "till"]) {
                        j += 1;
                    }
                    if c.is_any(j, &["to", "until", "through", "and", "till"])
                        || c.is(j, "-")
                        || c.is(j, "–")
                    {
                        // The end right after the word, or, after "until", the date
                        // of the clause it opens ("from 2024-09-22 until it weakened
                        // into a remnant low on 2024-09-28").
                        let until = c.is_any(j, &["until", "till"]);
                        let stop = (j + 1..(j + 1 + ANCHOR_REACH).min(c.toks.len()))
                            .find(|&k| {
                                c.sentence_break_before(k)
                                    || c.is_any(k, &[";", ":", "—", "–", ","])
                            })
                            .unwrap_or((j + 1 + ANCHOR_REACH).min(c.toks.len()));
                        let end = out
                            .iter()
                            .enumerate()
                            .skip(idx + 1)
                            .next()
                            .filter(|(_, e)| {
                                e.kind == Kind::Date
                                    && (tok_at(e.span.start) == j + 1
                                        || (until
                                            && tok_at(e.span.start) < stop
                                            && c.is_any(tok_at(e.span.start) - 1, &["on", "in"])))
                            });
                        if let Some((ei, e)) = end {
                            {
                                added.push(Mention {
                                    span: c.toks[s - 1].start..e.span.end,
                                    kind: Kind::Relation,
                                    expr: Expr::Relation {
                                        kind: RelationKind::Between,
                                        duration: None,
                                        anchor: Some(idx),
                                        end: Some(ei),
                                        unit: None,
                                    },
                                    hedge: None,
                                    part: None,
                                    tense: Default::default(),
                                });
                            }
                        }
                    }
                }
            }
            Kind::Ordinal => {
                // "its fourth year", "the fifth month of the war"
                let s = tok_at(m.span.start);
                let j = tok_at(m.span.end);
                if s > 0 && c.is_any(s - 1, &["its", "the", "their", "his", "her"]) {
                    // Not a compound adjective: "their third day-long meeting".
                    let compound = |e: usize| c.is(e, "-") && c.touch(e - 1, e);
                    if let Some((unit, false, e)) =
                        time_unit_at(c, j).filter(|&(_, _, e)| !compound(e))
                    {
                        let end = c.toks[e - 1].end;
                        added.push(Mention {
                            span: c.toks[s - 1].start..end,
                            kind: Kind::Relation,
                            expr: Expr::Relation {
                                kind: RelationKind::OrdinalPeriod,
                                duration: Some(idx),
                                anchor: None,
                                end: None,
                                unit: Some(unit),
                            },
                            hedge: None,
                            part: None,
                            tense: Default::default(),
                        });
                    }
                }
            }
            _ => {}
        }
    }
    for (pi, e) in first_days {
        out[pi].kind = Kind::Date;
        out[pi].expr = Expr::Date(e);
    }
    if added.is_empty() {
        return;
    }
    out.extend(added);
    // Sort by position, then point relations at their parts' new places.
    let mut order: Vec<usize> = (0..out.len()).collect();
    order.sort_by(|&a, &b| {
        out[a]
            .span
            .start
            .cmp(&out[b].span.start)
            .then(out[b].span.end.cmp(&out[a].span.end))
    });
    let mut new_pos = vec![0; out.len()];
    for (new, &old) in order.iter().enumerate() {
        new_pos[old] = new;
    }
    let mut slots: Vec<Option<Mention>> = out.drain(..).map(Some).collect();
    for &old in &order {
        if let Some(mut m) = slots[old].take() {
            m.expr.remap_mentions(|x| new_pos[x]);
            out.push(m);
        }
    }
}

#[cfg(test)]
mod tests {
    //! One sentence per form: what is found, and its TIMEX3 value against a
    //! reference date of Tuesday 2025-01-07 (a January 2025 news story).
    use crate::extract::{extract, Options};
    use crate::lexicon::DEFAULT;
    use crate::resolve::{resolve, RefSource, Reference};
    use chrono::NaiveDate;

    /// (text, kind, TIMEX value) of every temporal mention in `s`.
    fn found(s: &str) -> Vec<(String, &'static str, String)> {
        let date = NaiveDate::from_ymd_opt(2025, 1, 7);
        let ms = extract(s, &DEFAULT, &Options::default());
        resolve(
            ms,
            Reference {
                date,
                source: RefSource::CommandLine,
            },
            &DEFAULT,
        )
        .into_iter()
        .filter_map(|r| {
            r.timex
                .map(|t| (s[r.mention.span.clone()].to_string(), t.kind, t.value))
        })
        .collect()
    }

    fn one(s: &str, text: &str, value: &str) {
        let f = found(s);
        assert!(
            f.iter().any(|(t, _, v)| t == text && v == value),
            "{s:?}: want {text:?} = {value}, got {f:?}"
        );
    }

    fn none(s: &str) {
        let f = found(s);
        assert!(f.is_empty(), "{s:?}: want nothing, got {f:?}");
    }

    /// No temporal mention of `s` contains `part`.
    fn not_within(s: &str, part: &str) {
        let f = found(s);
        assert!(
            f.iter().all(|(t, _, _)| !t.contains(part)),
            "{s:?}: want nothing with {part:?}, got {f:?}"
        );
    }

    #[test]
    fn calendar_dates() {
        one(
            "It began on January 6, 2025.",
            "January 6, 2025",
            "2025-01-06",
        );
        one("It began on Jan. 6 in the dark.", "Jan. 6", "2025-01-06");
        one(
            "It began on 6 January 2025.",
            "6 January 2025",
            "2025-01-06",
        );
        one("It began on 2025-01-06.", "2025-01-06", "2025-01-06");
        one("The vote was held on the 6th.", "the 6th", "2025-01-06");
        one("Troops crossed in August 2024.", "August 2024", "2024-08");
        one("It happened in 2022.", "2022", "2022");
        one("The form is dated 01/06/2025.", "01/06/2025", "2025-01-06");
    }

    #[test]
    fn numeric_dates_follow_the_configured_order() {
        let ms = extract(
            "Dated 01/06/2025.",
            &DEFAULT,
            &Options {
                date_order: crate::extract::DateOrder::DayFirst,
                ..Options::default()
            },
        );
        let r = resolve(
            ms,
            Reference {
                date: None,
                source: RefSource::None,
            },
            &DEFAULT,
        );
        assert_eq!(r[0].timex.as_ref().unwrap().value, "2025-06-01");
    }

    #[test]
    fn partial_dates_follow_the_tense() {
        one("Ukraine attacked on August 6.", "August 6", "2024-08-06");
        one(
            "Trump will take office on January 20.",
            "January 20",
            "2025-01-20",
        );
        one("The offensive began last August.", "last August", "2024-08");
        one("Talks may resume next month.", "next month", "2025-02");
    }

    #[test]
    fn periods_and_parts() {
        one("It peaked in summer 2024.", "summer 2024", "2024-SU");
        one(
            "Fighting slowed in early January.",
            "early January",
            "2025-01",
        );
        one("Output fell in mid-2023.", "mid-2023", "2023");
        one(
            "It ended late on January 5.",
            "late on January 5",
            "2025-01-05",
        );
        one("Prices soared in the 1990s.", "the 1990s", "199");
        one(
            "Sales fell in the third quarter of 2024.",
            "the third quarter of 2024",
            "2024-Q3",
        );
        one(
            "Sales fell in the first half of 2024.",
            "the first half of 2024",
            "2024-H1",
        );
        one(
            "It was built in the 19th century.",
            "the 19th century",
            "18",
        );
        // Reports write the year first.
        one(
            "Gazprom lost money in the 2024 second quarter.",
            "the 2024 second quarter",
            "2024-Q2",
        );
        one(
            "Gazprom lost money in the 2024 quarter.",
            "the 2024 quarter",
            "2024",
        );
        one(
            "Gazprom lost money in the 2024 period.",
            "the 2024 period",
            "2024",
        );
        not_within("The 2024 half-marathon drew 500 runners.", "half");
    }

    #[test]
    fn ordinal_periods_are_dates_the_text_does_not_place() {
        one(
            "Shelling went on for the second day of the offensive.",
            "the second day",
            "XXXX-XX-XX",
        );
        one(
            "The war is now in its third year.",
            "its third year",
            "XXXX",
        );
        // A compound adjective counts no period.
        not_within(
            "Negotiators left their third day-long meeting in silence.",
            "third day",
        );
    }

    #[test]
    fn unnumbered_stretches_after_the_article() {
        one(
            "Border guards saw the convoy in the days before the incursion.",
            "the days",
            "PXD",
        );
        one(
            "Aid deliveries should resume in the weeks ahead.",
            "the weeks ahead",
            "PXW",
        );
        one(
            "Over the years the town changed hands twice.",
            "the years",
            "PXY",
        );
        one(
            "In the months that followed, the front barely moved.",
            "the months",
            "PXM",
        );
        // Twins: a stretch named with no preposition or relation word before or after it.
        none("Those were the days of cheap gas.");
        none("The weeks went by without a ceasefire.");
        none("He counted the years on a calendar.");
    }

    #[test]
    fn the_past_and_the_future() {
        one(
            "In the past the pipeline carried gas west.",
            "the past",
            "PAST_REF",
        );
        one(
            "Sanctions could last well into the future unless talks resume.",
            "the future",
            "FUTURE_REF",
        );
        one(
            "Kyiv expects more aid in the near future.",
            "the near future",
            "FUTURE_REF",
        );
        one(
            "Gas prices may stay high in the short term.",
            "the short term",
            "FUTURE_REF",
        );
        one(
            "In the past two years the front barely moved.",
            "the past two years",
            "P2Y",
        );
        none("The utility refinanced its near-term debt.");
    }

    #[test]
    fn parts_of_the_day_with_a_modifier() {
        one(
            "By mid-afternoon the sirens had stopped.",
            "mid-afternoon",
            "2025-01-07TAF",
        );
        one(
            "Shelling resumed at mid-morning yesterday.",
            "mid-morning yesterday",
            "2025-01-06TMO",
        );
    }

    #[test]
    fn a_part_of_the_day_where_the_phrase_ends() {
        one(
            "Traders sold heavily in the morning, then bought back.",
            "the morning",
            "2025-01-07TMO",
        );
        one(
            "The convoy left at dusk and arrived in the evening before the curfew.",
            "the evening",
            "2025-01-07TEV",
        );
        not_within("He reads it in the morning papers.", "the morning");
    }

    #[test]
    fn an_hour_told_by_its_part_of_the_day() {
        one(
            "He left at 4 in the morning.",
            "4 in the morning",
            "2025-01-07T04:00",
        );
        one(
            "Polls stay open until 8 in the evening, then counting starts.",
            "8 in the evening",
            "2025-01-07T20:00",
        );
        not_within("Shares fell 3 in the afternoon session.", "3");
    }

    #[test]
    fn a_half_of_something_else_is_no_half_year() {
        one(
            "Sales rose in the second half of the year.",
            "the second half",
            "2024-H2",
        );
        for text in [
            "The second half of the decade was calmer.",
            "They scored twice in the first half of the match.",
            "Grain went into store in the second half of June.",
        ] {
            not_within(text, "half");
        }
    }

    #[test]
    fn a_two_digit_year_after_a_preposition() {
        one("The levee last broke in '98, then held.", "'98", "1998");
        one("It peaked in May '98.", "May '98", "1998-05");
        not_within("He said '98 was a good number.", "'98");
    }

    #[test]
    fn the_period_reported_on() {
        one(
            "Sales rose 4% in the first nine months of the year.",
            "the year",
            "2025",
        );
        one("For the week, the index fell 2%.", "the week", "2025-W02");
        one(
            "It was the busiest session of the week's trading.",
            "the week",
            "2025-W02",
        );
        not_within("A share of the year ahead is booked.", "the year");
    }

    #[test]
    fn reporting_periods() {
        one(
            "Revenue climbed 8% in the latest period.",
            "the latest period",
            "2024-Q4",
        );
        one(
            "The grid operator posted year-earlier losses of $2 million.",
            "year-earlier",
            "2024",
        );
        one(
            "The year-ago figures excluded the Kursk operation.",
            "year-ago",
            "2024",
        );
        one(
            "Shipments doubled from the year-ago third quarter.",
            "the year-ago third quarter",
            "2024-Q3",
        );
        one(
            "Costs rose in the year-earlier nine months.",
            "the year-earlier nine months",
            "P9M",
        );
        one(
            "The ministry expects a deal by year-end.",
            "year-end",
            "2025",
        );
        one("Repairs should finish by year's end.", "year's end", "2025");
        one(
            "The merger should close around year end.",
            "year end",
            "2025",
        );
        none("The plant cut its year-earlier $4 million forecast.");
        none("The year-end bonus was paid.");
    }

    #[test]
    fn weekdays_and_deictics() {
        one(
            "Ukraine said Tuesday it struck a post.",
            "Tuesday",
            "2025-01-07",
        );
        one("Zelensky spoke on Monday.", "Monday", "2025-01-06");
        one(
            "Russia said on Sunday that it held.",
            "Sunday",
            "2025-01-05",
        );
        one(
            "The talks failed last Tuesday.",
            "last Tuesday",
            "2024-12-31",
        );
        one("The vote will be held on Friday.", "Friday", "2025-01-10");
        one("He spoke yesterday.", "yesterday", "2025-01-06");
        one("He speaks today.", "today", "2025-01-07");
        one("He speaks tonight.", "tonight", "2025-01-07TNI");
        one(
            "Prices fell this past weekend.",
            "this past weekend",
            "2025-W01-WE",
        );
        one(
            "They vote this coming Monday.",
            "this coming Monday",
            "2025-01-13",
        );
        one(
            "Russia said over the weekend it attacked.",
            "the weekend",
            "2025-W01-WE",
        );
        one("Fighting eased last week.", "last week", "2025-W01");
        one(
            "He said so on Monday night.",
            "Monday night",
            "2025-01-06TNI",
        );
        one("The front is now quiet.", "now", "PRESENT_REF");
    }

    #[test]
    fn clock_times() {
        one(
            "It began around 9 a.m. Moscow time.",
            "around 9 a.m. Moscow time",
            "2025-01-07T09:00",
        );
        one(
            "It began on January 5 at 9 a.m. and lasted.",
            "January 5 at 9 a.m.",
            "2025-01-05T09:00",
        );
        one(
            "The curfew starts at 22:30 GMT.",
            "22:30 GMT",
            "2025-01-07T22:30",
        );
        one(
            "They met at noon Thursday.",
            "noon Thursday",
            "2025-01-02T12:00",
        );
    }

    #[test]
    fn durations() {
        one("The war has lasted five months.", "five months", "P5M");
        one("It took two weeks.", "two weeks", "P2W");
        one("The outage lasted 24 hours.", "24 hours", "PT24H");
        one(
            "It came nearly three years into the war.",
            "nearly three years",
            "P3Y",
        );
        one("It took a decade.", "a decade", "P10Y");
        one("It was a two-year project.", "two-year", "P2Y");
        one("Talks ran 2 1/2 years.", "2 1/2 years", "P2Y6M");
        one(
            "The ceasefire lasted several months.",
            "several months",
            "PXM",
        );
        one("The standoff has dragged on for years.", "years", "PXY");
    }

    #[test]
    fn offsets_from_the_reference() {
        one(
            "The incursion began five months ago.",
            "five months ago",
            "2024-08",
        );
        one("They met three days ago.", "three days ago", "2025-01-04");
        one(
            "Prices were lower a year earlier.",
            "a year earlier",
            "2024",
        );
        one("It happened years ago.", "years ago", "PAST_REF");
    }

    #[test]
    fn sets() {
        one("The map is updated daily.", "daily", "P1D");
        one("They meet every Monday.", "every Monday", "XXXX-WXX-1");
        one("Reports come every two weeks.", "every two weeks", "P2W");
        one("It costs $5 a year.", "a year", "P1Y");
        one("They meet twice a week.", "a week", "P1W");
    }

    #[test]
    fn named_and_anaphoric_days() {
        one(
            "Shops closed on Christmas Day.",
            "Christmas Day",
            "2024-12-25",
        );
        one(
            "He arrived on March 3, 2024. The next day he left.",
            "The next day",
            "2024-03-04",
        );
        one(
            "The vote was in 2019. That year was hard.",
            "That year",
            "2019",
        );
    }

    /// The anchor text of the first relation found in `s`, if it has one.
    fn anchor_of(s: &str) -> Option<String> {
        let ms = extract(s, &DEFAULT, &Options::default());
        ms.iter().find_map(|m| match &m.expr {
            crate::extract::Expr::Relation { anchor, .. } => {
                Some(anchor.map(|a| s[ms[a].span.clone()].to_string()))
            }
            _ => None,
        })?
    }

    #[test]
    fn relation_anchor_is_the_first_date_in_the_clause() {
        assert_eq!(
            anchor_of("It is five months since August 6, 2024, they said.").as_deref(),
            Some("August 6, 2024")
        );
        assert_eq!(
            anchor_of("Thursday marked three months since the ceasefire talks opened on Nov. 13.")
                .as_deref(),
            Some("Nov. 13")
        );
        assert_eq!(
            anchor_of("It came three weeks before the March 30 vote.").as_deref(),
            Some("March 30")
        );
    }

    #[test]
    fn between_takes_a_comma_after_the_first_year() {
        let s = "The strike ran from June 2, 2024, to Aug. 30, 2024, all summer.";
        let ms = extract(s, &DEFAULT, &Options::default());
        assert!(
            ms.iter()
                .any(|m| &s[m.span.clone()] == "from June 2, 2024, to Aug. 30, 2024"),
            "{ms:?}"
        );
    }

    #[test]
    fn relation_anchor_stays_in_its_clause() {
        // A sentence end, a semicolon, another relation word, a new clause or a
        // verb of saying ends the search: no anchor rather than a wrong one.
        for s in [
            "It has been five months since the incursion. On Monday, Jan. 6, troops moved.",
            "It has been five months since the incursion; on Jan. 6 troops moved.",
            "It has been five months since the incursion, and on Jan. 6 troops moved.",
            "It has been five months since the incursion began, officials said on Monday.",
            "Five months since the incursion and two weeks before Jan. 20, Kyiv waits.",
            "It has been five months since the start of a long and very costly campaign that the army waged in the region until Jan. 6.",
        ] {
            assert_eq!(anchor_of(s), None, "{s:?}");
        }
    }

    #[test]
    fn things_that_are_not_dates() {
        none("He bought 2000 shares and 1990 bonds.");
        none("May we go? March on, they said.");
        none("The 6-year-old boy is 52 years old.");
        none("Now, that is a question.");
    }

    #[test]
    fn a_clock_of_four_digits_needs_a_zone() {
        one("Polls open at 0600 GMT.", "0600 GMT", "2025-01-07T06:00");
        one("Posted at 1330 HKT.", "1330 HKT", "2025-01-07T13:30");
        // A restatement in brackets is the same instant, told once.
        one(
            "The blast came at 10:35 a.m. (0735 GMT) on Monday.",
            "10:35 a.m. (0735 GMT)",
            "2025-01-07T10:35",
        );
        one(
            "The blast came at 10:35 a.m. (0735 GMT) on Monday.",
            "Monday",
            "2025-01-06",
        );
        not_within("The 2460 GMT rule and 2359GMT stand.", "GMT");
        none("It cost 2400 dollars.");
    }

    #[test]
    fn a_year_before_a_singular_noun() {
        one("He lost his unsuccessful 1996 campaign.", "1996", "1996");
        one(
            "Analysts were predicting 1990 BellSouth earnings.",
            "1990",
            "1990",
        );
        one(
            "They reported 2024 net income of $5 million.",
            "2024",
            "2024",
        );
        // A count takes a plural, a unit, or a word that is no noun.
        none("Rebels killed 1500 people and seized 2000 rifles.");
        none("The index rose 1990 points and fell 1996 to close at 1990 points.");
        none("The plant sits 1900 metres up and holds about 2000 tonnes.");
        none("The UN passed Resolution 2020 today.");
    }

    #[test]
    fn march_and_may_before_a_noun() {
        one(
            "The March accession will enable the three.",
            "March",
            "2025-03",
        );
        one("The May deadline will slip.", "May", "2025-05");
        none("Protesters joined the annual March for Life.");
        none("The May government fell.");
        none("They march on, as they may.");
    }

    #[test]
    fn a_second_day_of_the_same_month() {
        one("The summit is on April 24 and 25.", "25", "2025-04-25");
        one(
            "The summit is on April 24 and 25.",
            "April 24",
            "2025-04-24",
        );
        one("Talks ran Jan. 2-3, 2025.", "Jan. 2", "2025-01-02");
        one("Talks ran Jan. 2-3, 2025.", "3, 2025", "2025-01-03");
        one("They meet March 9 to 11 in Geneva.", "11", "2025-03-11");
        not_within("On March 9 and 10 people died.", "10");
        not_within("It fell on May 5 to 10 percent.", "10");
        not_within("On March 9 and 3 others, it rained.", "3");
    }

    #[test]
    fn a_stretch_added_to_one_told() {
        one(
            "The loan may run for an additional year.",
            "an additional year",
            "P1Y",
        );
        one("He waited another day.", "another day", "P1D");
        one(
            "The lease runs another two years.",
            "another two years",
            "P2Y",
        );
        one(
            "They granted a further six months.",
            "a further six months",
            "P6M",
        );
        one("They need three extra days.", "three extra days", "P3D");
        none("Another 20 people died. Another time, perhaps.");
    }

    #[test]
    fn a_count_a_day_is_a_rate() {
        one("It pumps 100,000 barrels a day.", "a day", "P1D");
        one("Two ships a week call here.", "a week", "P1W");
        // A multiplier from the lexicon counts too ("mln", "billion").
        let f = found("It costs 200 mln dlrs a year.");
        assert!(
            f.iter().any(|(t, k, _)| t == "a year" && *k == "SET"),
            "{f:?}"
        );
        not_within("It will inject 350 mln dlrs a year into farms.", "into");
        not_within(
            "It pumps 100,000 barrels a day from its planned 1988 rate.",
            "from",
        );
        one("He left two days later.", "two days later", "2025-01-09");
    }

    #[test]
    fn a_span_of_years_is_told_by_its_ends() {
        one("Spending rose in 2010-2011.", "2011", "2011");
        one("The 2013-14 season opens.", "2013", "2013");
        one("The 2013-14 season opens.", "14", "2014");
        one("The 2024/25 budget passed.", "25", "2025");
        one("Prices peaked in 2008-09.", "09", "2009");
        // Not the next year: a month, a count or a code.
        one("Filed 2013-12.", "2013-12", "2013-12");
        not_within("It sent 1500-1520 troops.", "1520");
        none("Routes run 2000-2100 km.");
    }

    #[test]
    fn a_unit_and_a_half() {
        one(
            "The talks lasted a year and a half.",
            "a year and a half",
            "P1Y6M",
        );
        one(
            "It took five hours and a half.",
            "five hours and a half",
            "PT5H30M",
        );
        not_within("It took a year, and a half of it was lost.", "half");
    }

    #[test]
    fn counts_that_are_no_time() {
        none("The 1500 quarters were minted.");
        one("Profit rose for eight quarters.", "eight quarters", "P24M");
    }

    #[test]
    fn days_that_skip_weekends_stretch_on_the_calendar() {
        one(
            "It fell eight trading days after the report.",
            "eight trading days",
            "P8D",
        );
        one("They have five business days.", "five business days", "P5D");
        let ms = crate::extract::extract(
            "They have five business days.",
            &DEFAULT,
            &Options::default(),
        );
        let amount = ms.iter().find_map(|m| match &m.expr {
            crate::extract::Expr::Duration { amount, .. } => Some(*amount),
            _ => None,
        });
        let amount = amount.expect("a duration");
        assert_eq!((amount.low, amount.high), (5.0, 11.0));
        assert!(!amount.on_the_calendar());
    }

    #[test]
    fn now_that_is_the_present() {
        one(
            "Now that the talks have failed, he left.",
            "Now",
            "PRESENT_REF",
        );
    }
}

#[cfg(test)]
mod user_trigger_tests {
    use super::*;
    use crate::extract::{extract, Kind, Options, Trigger};
    use proptest::prelude::*;

    const PATTERNS: &[&str] = &[
        "(?i)in the run-up to( the)?",
        "(?x) in \\s+ the # a comment",
        "x*",
        "(?m)^ab$",
        "\\bago\\b",
        "(?i)before|bef",
        "a|ab",
        "",
    ];

    proptest! {
        #[test]
        fn the_anchored_match_is_the_leftmost_one_at_the_start(
            chars in proptest::collection::vec(
                proptest::sample::select(vec!['a', 'b', 'x', 'i', 'n', ' ', '\n', 'g', 'o', 'B', 'e', 'f', 'é']),
                0..24,
            ),
            k in 0..PATTERNS.len(),
        ) {
            let hay: String = chars.into_iter().collect();
            let pattern = regex::Regex::new(PATTERNS[k]).unwrap();
            let before = pattern.find(&hay).filter(|m| m.start() == 0).map(|m| m.end());
            prop_assert_eq!(match_at_start(&pattern, &hay), before);
        }
    }

    #[test]
    fn a_trigger_after_many_durations_is_found_once() {
        // Every duration searched the rest of the text for the trigger
        // (3 s on 1.2 MB): 2,000 durations, the trigger after the last only.
        let mut text = "It lasted 3 days in the heat. ".repeat(2000);
        text.push_str("Three weeks in the run-up to the March 30 vote, they met.");
        let opts = Options {
            triggers: std::sync::Arc::new(vec![Trigger {
                pattern: regex::Regex::new("(?i)in the run-up to( the)?").unwrap(),
                relation: RelationKind::Before,
            }]),
            ..Options::default()
        };
        let m = extract(&text, &crate::lexicon::DEFAULT, &opts);
        let relations: Vec<&str> = m
            .iter()
            .filter(|m| m.kind == Kind::Relation)
            .map(|m| &text[m.span.clone()])
            .collect();
        assert_eq!(relations, ["Three weeks in the run-up to the March 30"]);
        let durations = m.iter().filter(|m| m.kind == Kind::Duration).count();
        assert!(durations >= 2000, "{durations}");
    }
}
