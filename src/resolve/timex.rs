//! Calendar resolution of date expressions and their TIMEX3 values.
//!
//! A [`DateExpr`] plus an anchor date and a tense becomes a [`Cal`]: a day, a
//! week, a month, a season … at the granularity that was written. From a
//! `Cal` come both the day interval ([`cal_value`]) and the TimeML value
//! ([`cal_timex`]), so the two can never disagree.

use chrono::{Datelike, NaiveDate, Weekday};
use serde::Serialize;

use super::Value;
use crate::extract::context::Tense;
use crate::extract::{Amount, DateExpr, Kind, PeriodPart, RefPoint, Shift, YearSpec};
use crate::lexicon::HolidayRule;
use crate::value::calendar::{self, CalendarUnit, DateRange, Direction};

/// A TIMEX3 type and value.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Timex {
    /// DATE, TIME, DURATION or SET.
    #[serde(rename = "type")]
    pub kind: TimexType,
    /// Normalised value (`2025-01-06`, `P5M`, `PRESENT_REF`, …), held
    /// inline when it fits in 24 bytes (nearly always): every temporal
    /// mention has one.
    pub value: compact_str::CompactString,
}

/// A resolved calendar period at the granularity it was written.
#[derive(Clone, Debug, PartialEq)]
pub enum Cal {
    /// One day.
    Day(NaiveDate),
    /// An ISO week (year, week).
    Week(i32, u32),
    /// The weekend of an ISO week.
    Weekend(i32, u32),
    /// A month.
    Month(i32, u32),
    /// A season of a year (winter belongs to the year of its December).
    Season(i32, String),
    /// A quarter (`Q`) or half (`H`).
    YearPart(i32, char, u32),
    /// A year.
    Year(i32),
    /// A decade by its first year.
    Decade(i32),
    /// A century by its ordinal (20 = 1900s).
    Century(i32),
    /// A vague reference.
    Ref(RefPoint),
    /// A part of a day.
    PartOfDay(Box<Cal>, String),
    /// A clock time on a day (or on an unknown day).
    Clock(Option<Box<Cal>>, u32, u32, Option<String>),
    /// Only some fields known: year, month, day, weekday.
    Partial {
        year: Option<i32>,
        month: Option<u32>,
        day: Option<u32>,
        weekday: Option<u32>,
    },
}

fn weekday_of(n: u32) -> Weekday {
    match n {
        1 => Weekday::Mon,
        2 => Weekday::Tue,
        3 => Weekday::Wed,
        4 => Weekday::Thu,
        5 => Weekday::Fri,
        6 => Weekday::Sat,
        _ => Weekday::Sun,
    }
}

fn direction(tense: Tense) -> Direction {
    match tense {
        Tense::Past | Tense::Present => Direction::Past,
        Tense::Future => Direction::Future,
        // News tells what happened: a bare weekday is the one just gone.
        Tense::Unknown => Direction::Past,
    }
}

fn season_start(year: i32, code: &str) -> Option<NaiveDate> {
    let m = match code {
        "SP" => 3,
        "SU" => 6,
        "FA" => 9,
        _ => 12,
    };
    NaiveDate::from_ymd_opt(year, m, 1)
}

fn season_of(d: NaiveDate) -> (i32, &'static str) {
    match d.month() {
        3..=5 => (d.year(), "SP"),
        6..=8 => (d.year(), "SU"),
        9..=11 => (d.year(), "FA"),
        12 => (d.year(), "WI"),
        _ => (d.year() - 1, "WI"),
    }
}

/// The anchor itself, or the first of its month when only months are compared.
fn first_of(anchor: NaiveDate, with_day: bool) -> NaiveDate {
    if with_day {
        anchor
    } else {
        anchor.with_day(1).unwrap_or(anchor)
    }
}

/// Picks the year for a month (and day) written without one.
fn year_for(anchor: NaiveDate, month: u32, day: Option<u32>, shift: Shift, tense: Tense) -> i32 {
    let y = anchor.year();
    let key = |yy: i32| (yy, month, day.unwrap_or(1));
    let here = (
        anchor.year(),
        anchor.month(),
        day.map_or(1, |_| anchor.day()),
    );
    let cmp = |yy: i32| key(yy).cmp(&here);
    use std::cmp::Ordering::*;
    match shift {
        Shift::Last => {
            // The latest one strictly before the anchor's period.
            if day.is_none() && month == anchor.month() {
                y - 1
            } else if cmp(y) == Less {
                y
            } else {
                y - 1
            }
        }
        Shift::Next => {
            if cmp(y) == Greater {
                y
            } else {
                y + 1
            }
        }
        Shift::This => y,
        Shift::Bare => {
            // The nearest candidate, unless the tense points the other way and the
            // nearest is more than six weeks on the wrong side.
            let date_of = |yy: i32| {
                NaiveDate::from_ymd_opt(
                    yy,
                    month,
                    day.unwrap_or(1).min(calendar::days_in_month(yy, month)),
                )
            };
            let mut best = y;
            let mut best_gap = i64::MAX;
            for yy in [y - 1, y, y + 1] {
                if let Some(d) = date_of(yy) {
                    let gap = (d - first_of(anchor, day.is_some())).num_days().abs();
                    if gap < best_gap {
                        best_gap = gap;
                        best = yy;
                    }
                }
            }
            let signed =
                date_of(best).map_or(0, |d| (d - first_of(anchor, day.is_some())).num_days());
            match tense {
                Tense::Past if signed > 45 => best - 1,
                Tense::Future if signed < -45 => best + 1,
                _ => best,
            }
        }
    }
}

/// What a date expression is resolved against.
#[derive(Clone, Copy, Debug)]
pub struct Context<'a> {
    /// The reference date (or, in an undated text, the last full date written).
    pub anchor: Option<NaiveDate>,
    /// The tense around the expression.
    pub tense: Tense,
    /// The last day the text itself named, for "the next day", "that day".
    pub narrative_day: Option<NaiveDate>,
    /// The last year the text itself named, for "that year".
    pub narrative_year: Option<i32>,
    /// Named days from the lexicon.
    pub holidays: &'a [HolidayRule],
}

/// The date of a named day in a year.
#[must_use]
pub fn holiday_date(rule: &HolidayRule, year: i32) -> Option<NaiveDate> {
    match *rule {
        HolidayRule::Fixed { month, day } => NaiveDate::from_ymd_opt(year, month, day),
        HolidayRule::Easter { offset } => {
            easter_sunday(year).map(|e| calendar::shift_days(e, i64::from(offset)))
        }
        HolidayRule::NthWeekday {
            month,
            weekday,
            nth,
            earliest_day,
        } => {
            let wd = weekday_of(weekday);
            if nth < 0 {
                let last = calendar::month_end(year, month);
                Some(calendar::nearest_weekday(last, wd, Direction::Past))
            } else {
                let first = NaiveDate::from_ymd_opt(year, month, earliest_day)?;
                let d = calendar::nearest_weekday(first, wd, Direction::Future);
                Some(calendar::shift_days(d, i64::from(nth - 1) * 7))
            }
        }
    }
}

/// Western Easter Sunday of `year` (the anonymous Gregorian computus).
#[must_use]
pub fn easter_sunday(year: i32) -> Option<NaiveDate> {
    let a = year.rem_euclid(19);
    let b = year.div_euclid(100);
    let c = year.rem_euclid(100);
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
}

/// Of one yearly date in three consecutive years, the one meant.
fn pick_yearly(
    dates: [Option<NaiveDate>; 3],
    anchor: NaiveDate,
    shift: Shift,
    tense: Tense,
) -> Option<NaiveDate> {
    let ds: Vec<NaiveDate> = dates.into_iter().flatten().collect();
    match shift {
        Shift::Last => ds.into_iter().rev().find(|d| *d < anchor),
        Shift::Next => ds.into_iter().find(|d| *d > anchor),
        Shift::This => ds.into_iter().find(|d| d.year() == anchor.year()),
        Shift::Bare => {
            let nearest = ds
                .iter()
                .copied()
                .min_by_key(|d| (*d - anchor).num_days().abs())?;
            let gap = (nearest - anchor).num_days();
            match tense {
                Tense::Past if gap > 45 => ds.into_iter().rev().find(|d| *d <= anchor),
                Tense::Future if gap < -45 => ds.into_iter().find(|d| *d >= anchor),
                _ => Some(nearest),
            }
        }
    }
}

/// Resolves a date expression in its context.
#[must_use]
pub fn resolve_in(d: &DateExpr, cx: &Context<'_>) -> Cal {
    match d {
        DateExpr::Anaphoric { unit, offset } => match unit {
            CalendarUnit::Year => match cx.narrative_year.or(cx.anchor.map(|a| a.year())) {
                Some(y) => Cal::Year(y + offset),
                None => Cal::Partial {
                    year: None,
                    month: None,
                    day: None,
                    weekday: None,
                },
            },
            _ => match cx.narrative_day.or(cx.anchor) {
                Some(day) => relative(day, *unit, *offset),
                None => Cal::Partial {
                    year: None,
                    month: None,
                    day: None,
                    weekday: None,
                },
            },
        },
        DateExpr::Holiday { index, year, shift } => {
            let Some(rule) = cx.holidays.get(*index) else {
                return Cal::Partial {
                    year: None,
                    month: None,
                    day: None,
                    weekday: None,
                };
            };
            let fixed = match year {
                YearSpec::Year(y) => Some(*y),
                YearSpec::Shift(s) => cx.anchor.map(|a| a.year() + s),
                YearSpec::Unspecified => None,
            };
            let date = match (fixed, cx.anchor) {
                (Some(y), _) => holiday_date(rule, y),
                (None, Some(a)) => pick_yearly(
                    [
                        holiday_date(rule, a.year() - 1),
                        holiday_date(rule, a.year()),
                        holiday_date(rule, a.year() + 1),
                    ],
                    a,
                    *shift,
                    cx.tense,
                ),
                (None, None) => None,
            };
            match (date, rule) {
                (Some(d), _) => Cal::Day(d),
                (None, HolidayRule::Fixed { month, day }) => Cal::Partial {
                    year: None,
                    month: Some(*month),
                    day: Some(*day),
                    weekday: None,
                },
                (None, _) => Cal::Partial {
                    year: None,
                    month: None,
                    day: None,
                    weekday: None,
                },
            }
        }
        DateExpr::PartOfDay { day, code } => {
            Cal::PartOfDay(Box::new(resolve_in(day, cx)), code.clone())
        }
        DateExpr::Clock {
            day: Some(day),
            hour,
            minute,
            zone,
        } => Cal::Clock(
            Some(Box::new(resolve_in(day, cx))),
            *hour,
            *minute,
            zone.clone(),
        ),
        _ => resolve_date(d, cx.anchor, cx.tense),
    }
}

/// Resolves a date expression against an anchor date and the tense around it.
#[must_use]
pub fn resolve_date(d: &DateExpr, anchor: Option<NaiveDate>, tense: Tense) -> Cal {
    match d {
        DateExpr::Anaphoric { .. } | DateExpr::Holiday { .. } => Cal::Partial {
            year: None,
            month: None,
            day: None,
            weekday: None,
        },
        DateExpr::Calendar {
            year,
            month,
            day,
            weekday,
            shift,
        } => {
            let y = match (year, anchor) {
                (YearSpec::Year(y), _) => Some(*y),
                (YearSpec::Shift(s), Some(a)) => Some(a.year() + s),
                (YearSpec::Unspecified, Some(a)) => match month {
                    Some(m) => Some(year_for(a, *m, *day, *shift, tense)),
                    None => Some(a.year()),
                },
                _ => None,
            };
            match (y, month, day) {
                (Some(y), Some(m), Some(dd)) => NaiveDate::from_ymd_opt(y, *m, *dd).map_or(
                    Cal::Partial {
                        year: Some(y),
                        month: Some(*m),
                        day: Some(*dd),
                        weekday: *weekday,
                    },
                    Cal::Day,
                ),
                (Some(y), Some(m), None) => Cal::Month(y, *m),
                (Some(y), None, None) if *year != YearSpec::Unspecified => Cal::Year(y),
                (_, None, Some(dd)) => match anchor {
                    // "the 6th": this month, or the last one if told in the past and still ahead.
                    Some(a) => {
                        let mut base = NaiveDate::from_ymd_opt(a.year(), a.month(), 1);
                        if tense == Tense::Past && *dd > a.day() {
                            base = base.and_then(|b| calendar::add_months(b, -1));
                        }
                        base.and_then(|b| NaiveDate::from_ymd_opt(b.year(), b.month(), *dd))
                            .map_or(
                                Cal::Partial {
                                    year: None,
                                    month: None,
                                    day: Some(*dd),
                                    weekday: None,
                                },
                                Cal::Day,
                            )
                    }
                    None => Cal::Partial {
                        year: None,
                        month: None,
                        day: Some(*dd),
                        weekday: None,
                    },
                },
                _ => Cal::Partial {
                    year: y.filter(|_| *year != YearSpec::Unspecified),
                    month: *month,
                    day: *day,
                    weekday: *weekday,
                },
            }
        }
        DateExpr::Weekday { weekday, shift } => match anchor {
            Some(a) => {
                let wd = weekday_of(*weekday);
                let day = match shift {
                    Shift::Last => {
                        calendar::nearest_weekday(calendar::shift_days(a, -1), wd, Direction::Past)
                    }
                    Shift::Next => {
                        calendar::nearest_weekday(calendar::shift_days(a, 1), wd, Direction::Future)
                    }
                    Shift::This => {
                        let monday =
                            calendar::shift_days(a, -i64::from(a.weekday().num_days_from_monday()));
                        calendar::shift_days(monday, i64::from(*weekday - 1))
                    }
                    Shift::Bare => calendar::nearest_weekday(a, wd, direction(tense)),
                };
                Cal::Day(day)
            }
            None => Cal::Partial {
                year: None,
                month: None,
                day: None,
                weekday: Some(*weekday),
            },
        },
        DateExpr::Relative { unit, offset } => match anchor {
            Some(a) => relative(a, *unit, *offset),
            // "yesterday" in an undated text: some day, unknown.
            None => Cal::Partial {
                year: None,
                month: None,
                day: None,
                weekday: None,
            },
        },
        DateExpr::Weekend { offset, bare } => match anchor {
            Some(a) => {
                let mut off = *offset;
                if *bare {
                    // "over the weekend" told in the past: the last one; ahead: the next.
                    let wd = a.weekday().number_from_monday();
                    off = match tense {
                        Tense::Future => 0,
                        _ if wd >= 6 => 0,
                        _ => -1,
                    };
                }
                let d = calendar::shift_days(a, i64::from(off) * 7);
                let w = d.iso_week();
                Cal::Weekend(w.year(), w.week())
            }
            None => Cal::Ref(RefPoint::Past),
        },
        DateExpr::Offset { amount, unit, sign } => match anchor {
            Some(a) if !amount.vague => {
                let n = (amount.exact * f64::from(*sign)).round() as i64;
                let target = calendar::add(a, n, *unit).or_else(|| match unit {
                    CalendarUnit::Hour | CalendarUnit::Minute | CalendarUnit::Second => Some(a),
                    _ => None,
                });
                match target {
                    Some(t) => granular(t, *unit),
                    None => Cal::Ref(if *sign < 0 {
                        RefPoint::Past
                    } else {
                        RefPoint::Future
                    }),
                }
            }
            _ => Cal::Ref(if *sign < 0 {
                RefPoint::Past
            } else {
                RefPoint::Future
            }),
        },
        DateExpr::Season { code, year } => {
            let y = match (year, anchor) {
                (YearSpec::Year(y), _) => Some(*y),
                (YearSpec::Shift(s), Some(a)) => {
                    let (cy, ccode) = season_of(a);
                    let this_year_start = season_start(a.year(), code);
                    match s {
                        0 => Some(a.year()),
                        -1 => {
                            // The most recent one already over.
                            let candidate = if ccode == code {
                                cy - 1
                            } else if this_year_start.is_some_and(|s| s < a) {
                                a.year()
                            } else {
                                a.year() - 1
                            };
                            Some(candidate)
                        }
                        _ => Some(if this_year_start.is_some_and(|s| s > a) {
                            a.year()
                        } else {
                            a.year() + 1
                        }),
                    }
                }
                (YearSpec::Unspecified, Some(a)) => {
                    let start = season_start(a.year(), code);
                    Some(match (tense, start) {
                        (Tense::Past, Some(s)) if s > a => a.year() - 1,
                        (Tense::Future, Some(s)) if calendar::shift_days(s, 92) < a => a.year() + 1,
                        _ => a.year(),
                    })
                }
                _ => None,
            };
            match y {
                Some(y) => Cal::Season(y, code.clone()),
                None => Cal::Partial {
                    year: None,
                    month: None,
                    day: None,
                    weekday: None,
                },
            }
        }
        DateExpr::YearPart { unit, n, year } => {
            let y = match (year, anchor) {
                (YearSpec::Year(y), _) => Some(*y),
                (YearSpec::Shift(s), Some(a)) => Some(a.year() + s),
                (YearSpec::Unspecified, Some(a)) => {
                    let start_month = if *unit == 'Q' {
                        (n - 1) * 3 + 1
                    } else {
                        (n - 1) * 6 + 1
                    };
                    Some(if tense == Tense::Past && start_month > a.month() {
                        a.year() - 1
                    } else {
                        a.year()
                    })
                }
                _ => None,
            };
            match y {
                Some(y) => Cal::YearPart(y, *unit, *n),
                None => Cal::Partial {
                    year: None,
                    month: None,
                    day: None,
                    weekday: None,
                },
            }
        }
        DateExpr::Decade { start } => Cal::Decade(*start),
        DateExpr::Century { n } => Cal::Century(*n),
        DateExpr::Ref(r) => Cal::Ref(*r),
        DateExpr::PartOfDay { day, code } => {
            Cal::PartOfDay(Box::new(resolve_date(day, anchor, tense)), code.clone())
        }
        DateExpr::Clock {
            day,
            hour,
            minute,
            zone,
        } => {
            let day = match day {
                Some(d) => Some(Box::new(resolve_date(d, anchor, tense))),
                None => anchor.map(|a| Box::new(Cal::Day(a))),
            };
            Cal::Clock(day, *hour, *minute, zone.clone())
        }
    }
}

fn relative(a: NaiveDate, unit: CalendarUnit, offset: i32) -> Cal {
    let shifted = calendar::add(a, i64::from(offset), unit).unwrap_or(a);
    granular(shifted, unit)
}

/// The period of `unit` that contains `d`.
fn granular(d: NaiveDate, unit: CalendarUnit) -> Cal {
    match unit {
        CalendarUnit::Second | CalendarUnit::Minute | CalendarUnit::Hour | CalendarUnit::Day => {
            Cal::Day(d)
        }
        CalendarUnit::Week | CalendarUnit::Fortnight => {
            let w = d.iso_week();
            Cal::Week(w.year(), w.week())
        }
        CalendarUnit::Month => Cal::Month(d.year(), d.month()),
        CalendarUnit::Quarter => Cal::YearPart(d.year(), 'Q', (d.month() - 1) / 3 + 1),
        CalendarUnit::Year => Cal::Year(d.year()),
        CalendarUnit::Decade => Cal::Decade(d.year() - d.year().rem_euclid(10)),
        CalendarUnit::Century => Cal::Century(d.year() / 100 + 1),
    }
}

fn range_of(cal: &Cal) -> Option<DateRange> {
    match cal {
        Cal::Day(d) => Some(DateRange::day(*d)),
        Cal::Week(y, w) => {
            let mon = NaiveDate::from_isoywd_opt(*y, *w, Weekday::Mon)?;
            DateRange::new(mon, calendar::shift_days(mon, 6))
        }
        Cal::Weekend(y, w) => {
            let sat = NaiveDate::from_isoywd_opt(*y, *w, Weekday::Sat)?;
            DateRange::new(sat, calendar::shift_days(sat, 1))
        }
        Cal::Month(y, m) => DateRange::month(*y, *m),
        Cal::Season(y, code) => {
            let s = season_start(*y, code)?;
            let e = calendar::shift_days(calendar::add_months(s, 3)?, -1);
            DateRange::new(s, e)
        }
        Cal::YearPart(y, 'Q', n) => DateRange::quarter(*y, *n),
        Cal::YearPart(y, _, n) => DateRange::half(*y, *n),
        Cal::Year(y) => DateRange::year(*y),
        Cal::Decade(y) => DateRange::decade(*y),
        Cal::Century(n) => DateRange::new(
            NaiveDate::from_ymd_opt((n - 1) * 100, 1, 1)?,
            NaiveDate::from_ymd_opt((n - 1) * 100 + 99, 12, 31)?,
        ),
        Cal::PartOfDay(day, _) => range_of(day),
        Cal::Clock(Some(day), ..) => range_of(day),
        _ => None,
    }
}

/// Narrows a range to its first, middle or last third ("early January").
fn narrow(r: DateRange, part: Option<PeriodPart>) -> DateRange {
    let Some(part) = part else { return r };
    let len = r.len_days();
    if len < 3 {
        return r;
    }
    let third = len / 3;
    let (s, e) = match part {
        PeriodPart::Start => (r.start, calendar::shift_days(r.start, third + len % 3 - 1)),
        PeriodPart::Mid => (
            calendar::shift_days(r.start, third),
            calendar::shift_days(r.end, -(third)),
        ),
        PeriodPart::End => (calendar::shift_days(r.end, -(third + len % 3 - 1)), r.end),
    };
    DateRange::new(s, e).unwrap_or(r)
}

/// The value of a resolved period: its days, or what is known of it.
#[must_use]
pub fn cal_value(cal: &Cal, part: Option<PeriodPart>) -> Value {
    match cal {
        Cal::Ref(r) => Value::Vague {
            reference: ref_name(*r).into(),
        },
        Cal::Partial { .. } => Value::PartialDate {
            pattern: cal_string(cal),
        },
        Cal::PartOfDay(day, code) => Value::Time {
            date: single_day(day),
            at: code.clone(),
            zone: None,
        },
        Cal::Clock(day, h, m, zone) => Value::Time {
            date: day.as_deref().and_then(single_day),
            at: clock_string(*h, *m),
            zone: zone.clone(),
        },
        _ => match range_of(cal) {
            Some(r) => {
                let r = narrow(r, part);
                Value::Date {
                    start: r.start,
                    end: r.end,
                }
            }
            None => Value::Unresolved,
        },
    }
}

/// The single day a period is, if it is one (a part of a day or a clock time counts).
#[must_use]
pub fn day_of(c: &Cal) -> Option<NaiveDate> {
    match c {
        Cal::Day(d) => Some(*d),
        Cal::PartOfDay(day, _) => day_of(day),
        Cal::Clock(Some(day), ..) => day_of(day),
        _ => None,
    }
}

/// The year a period lies in, if it lies in one.
#[must_use]
pub fn year_of(c: &Cal) -> Option<i32> {
    match c {
        Cal::Month(y, _) | Cal::Season(y, _) | Cal::YearPart(y, _, _) | Cal::Year(y) => Some(*y),
        Cal::Week(y, _) | Cal::Weekend(y, _) => Some(*y),
        _ => day_of(c).map(|d| d.year()),
    }
}

fn single_day(c: &Cal) -> Option<NaiveDate> {
    match c {
        Cal::Day(d) => Some(*d),
        _ => None,
    }
}

fn ref_name(r: RefPoint) -> &'static str {
    match r {
        RefPoint::Present => "PRESENT_REF",
        RefPoint::Past => "PAST_REF",
        RefPoint::Future => "FUTURE_REF",
    }
}

/// The TIMEX3 value string of a period.
#[must_use]
pub fn cal_string(cal: &Cal) -> String {
    match cal {
        // The commonest values are written digit by digit: `format!` cost more
        // than resolving them. Years that need a sign or a fifth digit go
        // the long way.
        Cal::Day(d) if (0..=9999).contains(&d.year()) => ymd(d.year() as u32, d.month(), d.day()),
        Cal::Day(d) => d.format("%Y-%m-%d").to_string(),
        Cal::Week(y, w) => format!("{y:04}-W{w:02}"),
        Cal::Weekend(y, w) => format!("{y:04}-W{w:02}-WE"),
        Cal::Month(y, m) if (0..=9999).contains(y) => ymd(*y as u32, *m, 0),
        Cal::Month(y, m) => format!("{y:04}-{m:02}"),
        Cal::Season(y, c) => format!("{y:04}-{c}"),
        Cal::YearPart(y, u, n) => format!("{y:04}-{u}{n}"),
        Cal::Year(y) if (0..=9999).contains(y) => ymd(*y as u32, 0, 0),
        Cal::Year(y) => format!("{y:04}"),
        Cal::Decade(y) => format!("{:03}", y / 10),
        Cal::Century(n) => format!("{:02}", n - 1),
        Cal::Ref(r) => ref_name(*r).into(),
        Cal::PartOfDay(day, code) => format!("{}T{code}", cal_string(day)),
        Cal::Clock(day, h, m, _) => {
            let mut s = day
                .as_deref()
                .map_or_else(|| "XXXX-XX-XX".to_string(), cal_string);
            s.push('T');
            s.push_str(&clock_string(*h, *m));
            s
        }
        // Digit by digit too (weekdays and days of undated copy are common).
        Cal::Partial {
            year,
            month,
            day,
            weekday,
        } => {
            let mut s = String::with_capacity(12);
            match year {
                Some(y) if (0..=9999).contains(y) => padded(&mut s, *y as u32, 4),
                Some(y) => s.push_str(&format!("{y:04}")),
                None => s.push_str("XXXX"),
            }
            let part = |s: &mut String, lead: &str, n: u32| {
                s.push_str(lead);
                padded(s, n, 2);
            };
            match (month, day, weekday) {
                (Some(m), Some(d), _) => {
                    part(&mut s, "-", *m);
                    part(&mut s, "-", *d);
                }
                (Some(m), None, _) => part(&mut s, "-", *m),
                (None, Some(d), _) => part(&mut s, "-XX-", *d),
                (None, None, Some(w)) => {
                    s.push_str("-WXX-");
                    padded(&mut s, *w, 1);
                }
                (None, None, None) => {}
            }
            s
        }
    }
}

/// `n` in decimal with at least `width` digits, zero-padded, as
/// `format!("{n:0width$}")` writes it.
fn padded(s: &mut String, n: u32, width: usize) {
    let mut digits = itoa::Buffer::new();
    let text = digits.format(n);
    for _ in text.len()..width {
        s.push('0');
    }
    s.push_str(text);
}

/// `HH:MM`, as `format!("{h:02}:{m:02}")` writes it.
pub(crate) fn clock_string(h: u32, m: u32) -> String {
    let mut s = String::with_capacity(5);
    padded(&mut s, h, 2);
    s.push(':');
    padded(&mut s, m, 2);
    s
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, as `format!("{y:04}-{m:02}-{d:02}")`
/// writes it; a zero month or day ends the value before it. `y` < 10,000.
fn ymd(y: u32, m: u32, d: u32) -> String {
    fn put(s: &mut String, n: u32, width: u32) {
        for place in (0..width).rev() {
            s.push(char::from(b'0' + (n / 10u32.pow(place) % 10) as u8));
        }
    }
    let mut s = String::with_capacity(10);
    put(&mut s, y, 4);
    for part in [m, d] {
        if part == 0 {
            break;
        }
        s.push('-');
        put(&mut s, part, 2);
    }
    s
}

/// The TIMEX3 value of one period of `unit` that the text names but does not
/// place ("the eighth day", "its third year"): the pattern of that granularity.
#[must_use]
pub fn ordinal_period_value(unit: CalendarUnit) -> Option<String> {
    Some(
        match unit {
            CalendarUnit::Day => "XXXX-XX-XX",
            CalendarUnit::Week => "XXXX-WXX",
            CalendarUnit::Month => "XXXX-XX",
            CalendarUnit::Year => "XXXX",
            _ => return None,
        }
        .to_string(),
    )
}

/// A TIMEX3 type: one byte where a name took sixteen, in every resolved
/// temporal mention.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum TimexType {
    /// A day, month, year or other calendar period.
    Date,
    /// A clock time or part of a day.
    Time,
    /// A length of time.
    Duration,
    /// A recurrence.
    Set,
}

impl TimexType {
    /// As TIMEX3 writes it.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            TimexType::Date => "DATE",
            TimexType::Time => "TIME",
            TimexType::Duration => "DURATION",
            TimexType::Set => "SET",
        }
    }
}

impl std::fmt::Display for TimexType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// TIMEX3 type and value of a period.
#[must_use]
pub fn cal_timex(cal: &Cal, kind: Kind) -> Timex {
    let t = match cal {
        Cal::Clock(..) => TimexType::Time,
        Cal::PartOfDay(..) if kind == Kind::Time => TimexType::Time,
        _ => TimexType::Date,
    };
    Timex {
        kind: t,
        value: compact_str::CompactString::new(cal_string(cal)),
    }
}

/// TIMEX3 value of a duration (`P5M`, `PT24H`, `PXY`).
#[must_use]
pub fn duration_value(a: &Amount, unit: CalendarUnit) -> String {
    let (n, time, letter) = match unit {
        CalendarUnit::Second => (a.exact, true, "S"),
        CalendarUnit::Minute => (a.exact, true, "M"),
        CalendarUnit::Hour => (a.exact, true, "H"),
        CalendarUnit::Day => (a.exact, false, "D"),
        CalendarUnit::Week => (a.exact, false, "W"),
        CalendarUnit::Fortnight => (a.exact * 2.0, false, "W"),
        CalendarUnit::Month => (a.exact, false, "M"),
        CalendarUnit::Quarter => (a.exact * 3.0, false, "M"),
        CalendarUnit::Year => (a.exact, false, "Y"),
        CalendarUnit::Decade => (a.exact * 10.0, false, "Y"),
        CalendarUnit::Century => (a.exact * 100.0, false, "Y"),
    };
    let t = if time { "T" } else { "" };
    if a.vague {
        let l = match unit {
            CalendarUnit::Decade => "DE",
            CalendarUnit::Century => "CE",
            CalendarUnit::Quarter => "Q",
            _ => letter,
        };
        return format!("P{t}X{l}");
    }
    if n.fract().abs() > 1e-9 {
        // 5.5 hours → PT5H30M; 2.5 years → P2Y6M; 1.5 days → P1DT12H
        let whole = n.trunc() as i64;
        let (sub, l, sep) = match (letter, time) {
            ("Y", false) => (12.0, "M", ""),
            ("M", false) => (30.0, "D", ""),
            ("W", false) => (7.0, "D", ""),
            ("D", false) => (24.0, "H", "T"),
            ("H", true) => (60.0, "M", ""),
            ("M", true) => (60.0, "S", ""),
            _ => (0.0, "", ""),
        };
        let rest = (n.fract() * sub).round() as i64;
        if sub > 0.0 && rest > 0 {
            return format!("P{t}{whole}{letter}{sep}{rest}{l}");
        }
    }
    format!("P{t}{}{letter}", n as i64)
}

/// TIMEX3 value of a set (`P1D`, `P1W`, `XXXX-WXX-1`).
#[must_use]
pub fn set_value(unit: CalendarUnit, every: u32, weekday: Option<u32>) -> String {
    if let Some(w) = weekday {
        return format!("XXXX-WXX-{w}");
    }
    duration_value(&Amount::exact(f64::from(every), 1.0), unit)
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn ymd_writes_what_format_writes(y in 0u32..=9999, m in 1u32..=12, d in 1u32..=31) {
            proptest::prop_assert_eq!(ymd(y, m, d), format!("{y:04}-{m:02}-{d:02}"));
            proptest::prop_assert_eq!(ymd(y, m, 0), format!("{y:04}-{m:02}"));
            proptest::prop_assert_eq!(ymd(y, 0, 0), format!("{y:04}"));
        }

        #[test]
        fn partial_dates_and_clocks_write_what_format_writes(
            year in proptest::option::of(-20_000i32..=20_000),
            month in proptest::option::of(0u32..=200),
            day in proptest::option::of(0u32..=200),
            weekday in proptest::option::of(0u32..=12),
            h in 0u32..=150,
            m in 0u32..=150,
        ) {
            let y = year.map_or_else(|| "XXXX".into(), |y| format!("{y:04}"));
            let want = match (month, day, weekday) {
                (Some(m), Some(d), _) => format!("{y}-{m:02}-{d:02}"),
                (Some(m), None, _) => format!("{y}-{m:02}"),
                (None, Some(d), _) => format!("{y}-XX-{d:02}"),
                (None, None, Some(w)) => format!("{y}-WXX-{w}"),
                (None, None, None) => y,
            };
            let partial = Cal::Partial { year, month, day, weekday };
            proptest::prop_assert_eq!(cal_string(&partial), want.clone());
            let clock = Cal::Clock(Some(Box::new(partial)), h, m, None);
            proptest::prop_assert_eq!(cal_string(&clock), format!("{want}T{h:02}:{m:02}"));
            proptest::prop_assert_eq!(clock_string(h, m), format!("{h:02}:{m:02}"));
        }
    }

    #[test]
    fn easter_sunday_matches_known_years() {
        for (y, m, d) in [
            (1961, 4, 2),
            (2000, 4, 23),
            (2013, 3, 31),
            (2024, 3, 31),
            (2025, 4, 20),
            (2038, 4, 25),
        ] {
            assert_eq!(easter_sunday(y), NaiveDate::from_ymd_opt(y, m, d), "{y}");
        }
    }

    #[test]
    fn floating_holidays() {
        let thanksgiving = HolidayRule::NthWeekday {
            month: 11,
            weekday: 4,
            nth: 4,
            earliest_day: 1,
        };
        assert_eq!(
            holiday_date(&thanksgiving, 2024),
            NaiveDate::from_ymd_opt(2024, 11, 28)
        );
        let memorial = HolidayRule::NthWeekday {
            month: 5,
            weekday: 1,
            nth: -1,
            earliest_day: 1,
        };
        assert_eq!(
            holiday_date(&memorial, 2025),
            NaiveDate::from_ymd_opt(2025, 5, 26)
        );
        let election = HolidayRule::NthWeekday {
            month: 11,
            weekday: 2,
            nth: 1,
            earliest_day: 2,
        };
        assert_eq!(
            holiday_date(&election, 2024),
            NaiveDate::from_ymd_opt(2024, 11, 5)
        );
        assert_eq!(
            holiday_date(&election, 2022),
            NaiveDate::from_ymd_opt(2022, 11, 8)
        );
    }

    #[test]
    fn durations_with_halves() {
        assert_eq!(
            duration_value(&Amount::exact(5.5, 0.5), CalendarUnit::Hour),
            "PT5H30M"
        );
        assert_eq!(
            duration_value(&Amount::exact(2.5, 0.5), CalendarUnit::Year),
            "P2Y6M"
        );
        assert_eq!(
            duration_value(&Amount::vague(2.0, 9.0), CalendarUnit::Decade),
            "PXDE"
        );
        assert_eq!(
            duration_value(&Amount::exact(2.0, 1.0), CalendarUnit::Decade),
            "P20Y"
        );
    }
}
