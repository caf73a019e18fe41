//! Calendar dates: led by a weekday ("Monday, Jan. 6"), a month ("Jan. 6,
//! 2025", "April 24 and 25", "August 2024"), a day ("6 January 2025"), or
//! written in digits ("2025-01-06", "1/6/2025" in the configured order), with
//! a part of the day after them ("Monday night").

use super::*;

/// A part of day right after a day expression ("Monday night", "yesterday morning").
pub(super) fn part_of_day_after(
    c: &Cursor<'_>,
    start: usize,
    j: usize,
    day: DateExpr,
) -> (usize, Mention) {
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

/// "2010-2011", "1994–97", "the 2013-14 season", "2024/25": a span of years,
/// told as its two ends. Two digits after a year are read as the next year
/// only ("2008-09" is a season, as ISO months are rare in prose; "2013-12"
/// stays December 2013).
/// Whether token `k` is what a number before it counts: a unit or a plural
/// noun ("1500-1520 troops", "2000-2100 km" are ranges of counts).
pub(super) fn counted_after(c: &Cursor<'_>, k: usize) -> bool {
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

pub(super) fn numeric_date(c: &Cursor<'_>, i: usize) -> Found {
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
            crate::extract::DateOrder::MonthFirst => (x, z),
            crate::extract::DateOrder::DayFirst => (z, x),
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

pub(super) fn weekday_led(c: &Cursor<'_>, i: usize, shift: Shift, start: usize) -> Found {
    let (wd, j, date_needed) = weekday_word(c, i)?;
    if date_needed && shift != Shift::Bare {
        return None;
    }
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
    if date_needed {
        return None;
    }
    let day = DateExpr::Weekday { weekday: wd, shift };
    let (e, m) = part_of_day_after(c, start, j, day);
    Some((e, vec![m]))
}

pub(super) fn month_led(
    c: &Cursor<'_>,
    i: usize,
    shift: Shift,
    start: usize,
    after_part: bool,
) -> Found {
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

pub(super) fn day_led(c: &Cursor<'_>, i: usize) -> Found {
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
