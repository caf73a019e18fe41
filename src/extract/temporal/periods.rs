//! Periods and sets: decades and centuries, quarters and halves ("the first
//! quarter of 2025"), seasons ("last summer"), "the"-led periods ("the past
//! two months"), and recurrences ("daily", "every two weeks").

use super::*;

pub(super) fn decade(c: &Cursor<'_>, start: usize, k: usize, the: bool) -> Found {
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
pub(super) fn year_part(c: &Cursor<'_>, i: usize) -> Found {
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

pub(super) fn season(
    c: &Cursor<'_>,
    i: usize,
    year0: YearSpec,
    start: usize,
    after_part: bool,
) -> Found {
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

pub(super) fn set(c: &Cursor<'_>, i: usize) -> Found {
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

pub(super) fn the_led(c: &Cursor<'_>, i: usize) -> Found {
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
