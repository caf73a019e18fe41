//! Durations and offsets led by an amount: "seven months ago", "two-year",
//! "three weeks from now", "another two years", "an additional 90 days".

use super::*;

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
pub(super) fn amount_led(c: &Cursor<'_>, i: usize) -> Found {
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
            m.hedge = hedge.map(Box::new);
            return Some((end, vec![m]));
        }
    }
    let expr = Expr::Duration { amount, unit };
    let m = Mention {
        span: span(c, start, e),
        kind: Kind::Duration,
        expr,
        hedge: hedge.map(Box::new),
        part: None,
        tense: Default::default(),
    };
    Some((e, vec![m]))
}
