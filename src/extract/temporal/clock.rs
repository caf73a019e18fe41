//! Clock times: "9 a.m. Moscow time", "10:35 a.m. (0735 GMT)", "0600 GMT"
//! (four digits only with a zone), "noon"; the day written after a time;
//! time zones.

use super::*;

/// Clock times: "9 a.m.", "10:30 p.m. EST", "14:00 GMT", "noon", "midnight".
pub(super) fn clock(c: &Cursor<'_>, i: usize, day: Option<DateExpr>, start: usize) -> Found {
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
