//! Dates told from the reference date: shifted ("last week", "next
//! August"), anaphoric ("that day", "the same week"), deictic ("yesterday",
//! "now", "recently"), and named holidays.

use super::*;

pub(super) fn shift_word(w: &str) -> Option<(Shift, i32)> {
    match w {
        "last" | "past" | "previous" => Some((Shift::Last, -1)),
        "this" | "current" => Some((Shift::This, 0)),
        "next" | "coming" => Some((Shift::Next, 1)),
        _ => None,
    }
}

pub(super) fn shifted(c: &Cursor<'_>, i: usize) -> Found {
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
pub(super) fn anaphoric(c: &Cursor<'_>, i: usize) -> Found {
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
pub(super) fn holiday(c: &Cursor<'_>, i: usize) -> Found {
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

pub(super) fn deictic(c: &Cursor<'_>, i: usize) -> Found {
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
