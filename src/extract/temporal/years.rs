//! Years: a year where one is expected (after "in", "since", a month), a
//! year before the singular noun it modifies ("his 1996 campaign"), spans
//! ("2010-2011"), and years said in words.

use super::*;

pub(super) fn year_led(c: &Cursor<'_>, i: usize, after_part: bool) -> Found {
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
pub(super) fn not_a_singular_noun(c: &Cursor<'_>, k: usize) -> bool {
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
