//! Reading one field at a token: a month, a weekday, a day, a year, a unit of
//! time; and the small helpers every shape uses to build its mention (spans,
//! an optional year, a calendar date, whether two tokens share a line).

use super::*;

/// A month name at `i`: (month, next token). Takes the period of an abbreviation.
pub(super) fn month_at(c: &Cursor<'_>, i: usize) -> Option<(u32, usize)> {
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

pub(super) fn weekday_at(c: &Cursor<'_>, i: usize) -> Option<(u32, usize)> {
    match weekday_word(c, i)? {
        (d, j, false) => Some((d, j)),
        (_, _, true) => None,
    }
}

/// The weekday at `i` and where it ends, and whether it counts only before a
/// full date: "Thu" in "Thu 12 Mar 2025" (a blog's or a log's date), a
/// capitalized short name without its period ("Sun", "Sat" and "Wed" alone
/// are words; "The Sun 12 March edition" is a newspaper).
pub(super) fn weekday_word(c: &Cursor<'_>, i: usize) -> Option<(u32, usize, bool)> {
    let d = c.hits(i).find_map(|h| match h.sense {
        Sense::Weekday(d) if h.len == 1 => Some(d),
        _ => None,
    })?;
    let raw = c.raw(i);
    if raw.len() <= 5 && !raw.to_ascii_lowercase().ends_with("day") {
        // "Sat.": capitalized with a period.
        if c.capitalized(i) && c.is(i + 1, ".") && c.touch(i, i + 1) {
            return Some((d, i + 2, false));
        }
        let named = i > 0 && c.is(i - 1, "the");
        return (raw.len() <= 4 && c.capitalized(i) && !named).then_some((d, i + 1, true));
    }
    // Possessive weekdays ("Monday's vote") are still the day.
    Some((d, i + 1, false))
}

/// A day of the month at `i` (1–31, optional st/nd/rd/th).
pub(super) fn day_at(c: &Cursor<'_>, i: usize) -> Option<(u32, usize)> {
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
pub(super) fn year_at(c: &Cursor<'_>, i: usize) -> Option<(i32, usize)> {
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

pub(super) fn span(c: &Cursor<'_>, i: usize, j: usize) -> std::ops::Range<usize> {
    c.span(i, j)
}

pub(super) fn calendar(
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
pub(super) fn opt_year(c: &Cursor<'_>, j: usize) -> (YearSpec, usize) {
    let k = if c.is(j, ",") { j + 1 } else { j };
    if let Some((y, e)) = year_at(c, k) {
        // A year on the next line is something else ("Saturday, 26 February\n1400 GMT kick-off").
        if !c.is(k, "'") && same_line(c, j.saturating_sub(1), k) {
            return (YearSpec::Year(y), e);
        }
    }
    // "on 3 May last year", "March 14 this year": the year told in words.
    let shift = match &*c.low(j) {
        "last" => Some(-1),
        "this" => Some(0),
        "next" => Some(1),
        _ => None,
    };
    if let Some(off) = shift.filter(|_| c.is(j + 1, "year") && same_line(c, j, j + 1)) {
        return (YearSpec::Shift(off), j + 2);
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
