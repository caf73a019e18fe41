//! The grammar of numbers, fractions, percentages and quantities.
//!
//! ```text
//! quantity := [hedge] [currency] amount [unit | % | percent | of noun | noun]
//! amount   := digits [multiplier]          "38,000"  "1.5 million"  "15 000"
//!           | words [multiplier]            "forty-four"  "a dozen"  "one hundred"
//!           | vague [multiplier]            "several hundred"  "dozens"  "thousands"
//! fraction := [hedge] (half | a third | two-thirds | three quarters)
//! ordinal  := first | 4th | twenty-first
//! ```
//! A number's precision is the place of its last significant digit as
//! written: "500" is to the hundred, "five" to the unit.

use super::{Amount, Cursor, Expr, Kind, Mention};
use crate::lexicon::Sense;
use crate::value::interval::precision_of_written_number;
use crate::value::units::Dimension;

/// Words after a number that are not a counted noun.
const NOT_NOUNS: &[&str] = &[
    "a",
    "an",
    "the",
    "and",
    "or",
    "nor",
    "but",
    "being",
    "must",
    "whom",
    "onto",
    "near",
    "any",
    "some",
    "very",
    "too",
    "of",
    "to",
    "in",
    "on",
    "at",
    "by",
    "for",
    "from",
    "with",
    "as",
    "is",
    "was",
    "were",
    "are",
    "be",
    "been",
    "has",
    "have",
    "had",
    "will",
    "would",
    "could",
    "should",
    "may",
    "might",
    "can",
    "did",
    "do",
    "does",
    "than",
    "that",
    "which",
    "who",
    "when",
    "where",
    "while",
    "after",
    "before",
    "since",
    "until",
    "into",
    "over",
    "under",
    "per",
    "more",
    "less",
    "most",
    "least",
    "other",
    "others",
    "such",
    "this",
    "these",
    "those",
    "it",
    "its",
    "he",
    "she",
    "they",
    "we",
    "you",
    "i",
    "his",
    "her",
    "their",
    "our",
    "said",
    "says",
    "say",
    "according",
    "between",
    "among",
    "about",
    "also",
    "not",
    "no",
    "so",
    "up",
    "down",
    "out",
    "off",
    "if",
    "then",
    "there",
    "here",
    "all",
    "each",
    "every",
    "both",
    "either",
    "neither",
    "only",
    "just",
    "still",
    "even",
    "already",
    "again",
    "yet",
    "now",
    "ago",
    "later",
    "earlier",
    "times",
    "percent",
    "through",
    "during",
    "against",
    "without",
    "within",
    "including",
    "included",
    "includes",
    "via",
    "like",
    "because",
    "though",
    "although",
    "whether",
    "what",
    "how",
    "why",
    "am",
    "pm",
    "st",
    "nd",
    "rd",
    "th",
    "plus",
    "minus",
    "out",
    "versus",
    "vs",
    "onwards",
    "respectively",
    // Words in "s" that are no noun: a singular noun before one does not
    // modify it ("34 league games", but not "their 34 league always").
    "always",
    "perhaps",
    "towards",
    "afterwards",
    "besides",
    "unless",
    "whereas",
    "sometimes",
    "nevertheless",
    "nonetheless",
    "thus",
    "hers",
    "ours",
    "yours",
    "theirs",
    "goes",
    "gets",
    "makes",
    "seems",
    "becomes",
    "apiece",
    "each",
    "alone",
    "instead",
    "or so",
    "compared",
    "last",
    "next",
    "first",
    "new",
    "old",
    "s",
];

/// [`NOT_NOUNS`] as a set: asked once per number in the text.
static NOT_NOUN_SET: std::sync::LazyLock<rustc_hash::FxHashSet<&'static str>> =
    std::sync::LazyLock::new(|| NOT_NOUNS.iter().copied().collect());

/// Whether `w` (lower case), after a number, cannot be the noun it counts.
pub(crate) fn not_a_noun(w: &str) -> bool {
    NOT_NOUN_SET.contains(w)
}

/// Parses a number, fraction, ordinal, percentage or quantity at token `i`.
pub(crate) fn parse_at(c: &Cursor<'_>, i: usize) -> Option<(usize, Mention)> {
    // Hedge in front.
    let (hedge, k) = match c.hits(i).find_map(|h| match h.sense {
        Sense::Hedge(x) => Some((x, h.len)),
        _ => None,
    }) {
        Some((x, len)) => (Some((x, c.span(i, i + len))), i + len),
        None => (None, i),
    };
    // A sign after the hedge ("around -5C", "as high as minus 3C").
    if let Some(k2) = sign_at(c, k).filter(|_| hedge.is_some()) {
        let (end, m) = quantity(c, k2).and_then(|(e, m)| Some((e, negated(c, m)?)))?;
        let mut m = m;
        m.span.start = c.toks[i].start;
        m.hedge = hedge.map(Box::new);
        return Some((end, m));
    }
    // "its 12th day": digits with an ordinal suffix are an ordinal, not a count.
    let digit_ordinal = hedge.is_none()
        && c.is_num(k)
        && c.touch(k, k + 1)
        && c.is_any(k + 1, &["st", "nd", "rd", "th"]);
    if digit_ordinal {
        if let Some(found) = ordinal(c, k) {
            return Some(found);
        }
    }
    let found = fraction(c, k).or_else(|| quantity(c, k)).or_else(|| {
        if hedge.is_none() {
            ordinal(c, k)
        } else {
            None
        }
    });
    // A sign before the number that triggered ("-5C", "minus 5C").
    let found = match found {
        Some((end, m)) if hedge.is_none() && i > 0 && sign_at(c, i - 1) == Some(i) => {
            match negated(c, m.clone()) {
                Some(mut n) => {
                    n.span.start = c.toks[i - 1].start;
                    // A hedge before the sign ("around -8C") is not a trigger on its own.
                    if let Some((h, at)) = hedge_ending_at(c, i - 1) {
                        n.span.start = c.toks[at].start;
                        n.hedge = Some(Box::new((h, c.span(at, i - 1))));
                    }
                    Some((end, n))
                }
                None => Some((end, m)),
            }
        }
        other => other,
    };
    match found {
        Some((end, mut m)) => {
            if hedge.is_some() && !matches!(m.kind, Kind::Ordinal) {
                m.span.start = c.toks[i].start;
                m.hedge = hedge.map(Box::new);
            }
            Some((end, m))
        }
        None if hedge.is_some() => None,
        None => None,
    }
}

/// A minus sign at token `i` in front of a number: a hyphen or U+2212 that
/// touches the number and follows a space or an opening bracket ("-5C",
/// "(−4F)"), or the word "minus". Returns the number's token. A hyphen after
/// a word or number is a range or a compound ("3-5C", "north-5"), not a sign.
fn sign_at(c: &Cursor<'_>, i: usize) -> Option<usize> {
    if !c.is_num(i + 1) {
        return None;
    }
    if c.is(i, "minus") && !c.touch(i, i + 1) {
        return Some(i + 1);
    }
    let after_space_or_bracket = i == 0 || !c.touch(i - 1, i) || c.is_any(i - 1, &["(", "[", "/"]);
    (c.is_any(i, &["-", "\u{2212}"]) && c.touch(i, i + 1) && after_space_or_bracket)
        .then_some(i + 1)
}

/// A hedge whose last word is just before token `end`: its index and first token.
fn hedge_ending_at(c: &Cursor<'_>, end: usize) -> Option<(usize, usize)> {
    (end.saturating_sub(4)..end).find_map(|at| {
        c.hits(at).find_map(|h| match h.sense {
            Sense::Hedge(x) if at + h.len == end => Some((x, at)),
            _ => None,
        })
    })
}

/// `m` with its figure negated, when it is a temperature written to a figure
/// (the only quantity news writes below zero); `None` otherwise.
fn negated(c: &Cursor<'_>, mut m: Mention) -> Option<Mention> {
    let Expr::Quantity {
        amount,
        unit: Some(u),
        noun: None,
    } = &mut m.expr
    else {
        return None;
    };
    let dim = c.lex.units.get(*u as usize)?.def.dimension;
    if dim != Dimension::Temperature || amount.vague || amount.exact <= 0.0 {
        return None;
    }
    *amount = Amount::exact(-amount.exact, amount.precision);
    Some(m)
}

fn mention(c: &Cursor<'_>, i: usize, j: usize, kind: Kind, expr: Expr) -> Mention {
    Mention {
        span: c.span(i, j),
        kind,
        expr,
        hedge: None,
        part: None,
        tense: Default::default(),
    }
}

/// Parses the digits of a number token ("38,000", "15 000", "1.5").
#[must_use]
pub fn parse_digits(s: &str) -> Option<f64> {
    if let Some(x) = short_decimal(s) {
        return Some(x);
    }
    // Longer numbers without group separators: parse them in place.
    if s.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return s.parse().ok();
    }
    // Grouped ("38,000", "15 000"): copy the digits out, on the stack when short.
    let digits = s.bytes().filter(|b| b.is_ascii_digit() || *b == b'.');
    let mut buf = [0u8; 40];
    if s.len() > buf.len() {
        return String::from_utf8(digits.collect()).ok()?.parse().ok();
    }
    let mut n = 0;
    for (slot, b) in buf.iter_mut().zip(digits) {
        *slot = b;
        n += 1;
    }
    std::str::from_utf8(&buf[..n]).ok()?.parse().ok()
}

/// The value of a number of at most 15 digits and one decimal point, with any
/// group separators ("38,000", "3.5", "1,250.75"), without float parsing: the
/// digits as an integer below 2^53 and a power of ten up to 10^15 are both
/// exact, so their quotient is the correctly rounded value that parsing the
/// decimal gives. `None` for anything else.
fn short_decimal(s: &str) -> Option<f64> {
    let (mut n, mut digits, mut decimals, mut point) = (0u64, 0u32, 0i32, false);
    for b in s.bytes() {
        match b {
            b'0'..=b'9' => {
                n = n * 10 + u64::from(b - b'0');
                digits += 1;
                decimals += i32::from(point);
                if digits > 15 {
                    return None;
                }
            }
            b'.' if !point => point = true,
            b'.' => return None,
            _ => {}
        }
    }
    (digits > 0).then(|| n as f64 / 10f64.powi(decimals))
}

fn multiplier_at(c: &Cursor<'_>, i: usize) -> Option<(f64, usize)> {
    c.hits(i).find_map(|h| match h.sense {
        Sense::Multiplier(m) => Some((m, i + h.len)),
        _ => None,
    })
}

fn word_number_at(c: &Cursor<'_>, i: usize) -> Option<(f64, usize)> {
    c.hits(i).find_map(|h| match h.sense {
        Sense::Number(n) => Some((n, i + h.len)),
        _ => None,
    })
}

/// An amount at `i`: digits, number words or a vague count, with multipliers.
pub(crate) fn amount_at(c: &Cursor<'_>, i: usize) -> Option<(Amount, usize)> {
    if let Some((at, found)) = c.last_amount.get() {
        if at == i {
            return found;
        }
    }
    let found = read_amount(c, i);
    c.last_amount.set(Some((i, found)));
    found
}

fn read_amount(c: &Cursor<'_>, i: usize) -> Option<(Amount, usize)> {
    if c.is_num(i) {
        let raw = c.raw(i);
        let mut x = parse_digits(raw)?;
        let mut precision = precision_of_written_number(raw);
        let mut j = i + 1;
        // "5m", "2bn" after currency are multipliers; "1.5 million"
        while let Some((m, e)) = multiplier_at(c, j) {
            if c.raw(j).len() <= 3 && !c.touch(j - 1, j) && c.raw(j) != "mln" && c.raw(j) != "bln" {
                break;
            }
            x *= m;
            precision *= m;
            j = e;
        }
        // "5 1/2 hours"
        if x.fract() == 0.0
            && c.is(j, "1")
            && c.is(j + 1, "/")
            && c.touch(j, j + 1)
            && c.touch(j + 1, j + 2)
        {
            let den: f64 = c.raw(j + 2).parse().unwrap_or(0.0);
            if den >= 2.0 && den <= 4.0 && c.raw(j + 2).len() == 1 {
                x += 1.0 / den;
                precision = 1.0 / den;
                j += 3;
            }
        }
        return Some(and_a_half(c, Amount::exact(x, precision), j));
    }
    // "half an hour", "half a day"
    if c.is(i, "half") && c.is_any(i + 1, &["a", "an"]) {
        return Some((Amount::exact(0.5, 0.5), i + 2));
    }
    // "a"/"an" as one: "a year", "an hour", "a hundred".
    if c.is_any(i, &["a", "an"]) {
        if let Some((m, e)) = multiplier_at(c, i + 1) {
            return Some((Amount::exact(m, m), e));
        }
        if let Some(h) = c
            .hits(i)
            .find(|h| matches!(h.sense, Sense::Number(_) | Sense::Vague(_)) && h.len > 1)
        {
            // "a dozen", "a few", "a couple of"
            return amount_from_hit(c, i, h);
        }
        return Some((Amount::exact(1.0, ONE_PRECISION), i + 1));
    }
    let h = c
        .hits(i)
        .find(|h| matches!(h.sense, Sense::Number(_) | Sense::Vague(_)))?;
    amount_from_hit(c, i, h)
}

/// "four and a half": adds the half.
pub(crate) fn and_a_half(c: &Cursor<'_>, a: Amount, j: usize) -> (Amount, usize) {
    if c.is(j, "and")
        && c.is(j + 1, "a")
        && c.is(j + 2, "half")
        && a.exact.fract() == 0.0
        && !a.vague
    {
        return (Amount::exact(a.exact + 0.5, 0.5), j + 3);
    }
    (a, j)
}

fn amount_from_hit(c: &Cursor<'_>, i: usize, h: crate::lexicon::Hit) -> Option<(Amount, usize)> {
    match h.sense {
        Sense::Vague(v) => {
            let def = &c.lex.vague[v];
            let mut j = i + h.len;
            let (mut lo, mut hi) = (def.low, def.high);
            let mut multiplied = false;
            while let Some((m, e)) = multiplier_at(c, j) {
                lo *= m;
                hi *= m;
                j = e;
                multiplied = true;
            }
            if def.only_before_multiplier && !multiplied {
                return None;
            }
            if def.only_before_of && !c.is(j, "of") {
                return None;
            }
            Some((Amount::vague(lo, hi), j))
        }
        Sense::Number(n) => {
            let mut x = n;
            let mut j = i + h.len;
            // forty-four, twenty five
            if n >= 20.0 && n < 100.0 && n % 10.0 == 0.0 {
                let k = if c.is(j, "-") && c.touch(j - 1, j) {
                    j + 1
                } else {
                    j
                };
                if let Some((u, e)) = word_number_at(c, k) {
                    if u < 10.0 && u >= 1.0 {
                        x += u;
                        j = e;
                    }
                }
            }
            let mut precision = 1.0;
            // "three hundred", "one million", "two hundred thousand", "three hundred and twenty"
            while let Some((m, e)) = multiplier_at(c, j) {
                x *= m;
                precision = m;
                j = e;
                if c.is(j, "and") {
                    if let Some((rest, e2)) = word_number_at(c, j + 1) {
                        if rest < m {
                            x += rest;
                            precision = 1.0;
                            j = e2;
                        }
                    }
                }
            }
            if x == 1.0 && precision == 1.0 {
                precision = ONE_PRECISION;
            }
            Some(and_a_half(c, Amount::exact(x, precision), j))
        }
        _ => None,
    }
}

/// The rounding of "a week" or "one month", in units: 0.5, so it stands for
/// 0.75–1.25 of the unit. One is not rounded as loosely as other counts
/// ("two weeks" is 1.5–2.5): nobody calls three days "a week" or seven days
/// "a fortnight", yet six or eight days are "a week". A hedge ("about a
/// week") widens it as it widens any count.
const ONE_PRECISION: f64 = 0.5;

fn quantity(c: &Cursor<'_>, i: usize) -> Option<(usize, Mention)> {
    // Currency symbol before the number: "$2", "US$ 1.5 million", "€40bn".
    if let Some(h) = c
        .hits(i)
        .find(|h| matches!(h.sense, Sense::CurrencySymbol(_)))
    {
        let Sense::CurrencySymbol(u) = h.sense else {
            return None;
        };
        let k = i + h.len;
        if !c.is_num(k) {
            return None;
        }
        let (mut amount, mut j) = amount_at(c, k)?;
        // "$5m", "$2bn" (attached abbreviation)
        if c.touch(j - 1, j) && c.is_any(j, &["m", "bn", "b", "k"]) {
            let m = match &*c.low(j) {
                "m" => 1e6,
                "k" => 1e3,
                _ => 1e9,
            };
            amount = Amount::exact(amount.exact * m, amount.precision * m);
            j += 1;
        }
        let expr = Expr::Quantity {
            amount,
            unit: u32::try_from(u).ok(),
            noun: None,
        };
        return Some((j, mention(c, i, j, Kind::Quantity, expr)));
    }
    // A four-digit year-like number with no cue stays a plain number; temporal grammar ran first.
    let (amount, j) = amount_at(c, i)?;
    if c.is_any(i, &["a", "an"]) && j == i + 1 {
        return None; // "a" alone is an article
    }
    // "one" as a pronoun ("one of them") is still a count; keep it.
    // Percent
    if c.is(j, "%") || c.is_any(j, &["percent", "pct"]) || (c.is(j, "per") && c.is(j + 1, "cent")) {
        let e = if c.is(j, "per") { j + 2 } else { j + 1 };
        let e = if c.is_any(e, &["points", "point"]) && c.is(e - 1, "percentage") {
            e + 1
        } else {
            e
        };
        return Some((e, mention(c, i, e, Kind::Percent, Expr::Percent(amount))));
    }
    // Unit: "500 square kilometers", "40-kilometer", "30C", "20 miles"
    let (k, hyphen) = if c.is(j, "-") && c.touch(j - 1, j) && c.touch(j, j + 1) {
        (j + 1, true)
    } else {
        (j, false)
    };
    for h in c.hits(k) {
        let unit = match h.sense {
            Sense::Unit(u) => Some(u),
            Sense::AttachedUnit(u) if c.touch(k - 1, k) => Some(u),
            _ => None,
        };
        if let Some(u) = unit {
            let dim = c.lex.units[u].def.dimension;
            if dim == Dimension::Time {
                break; // durations belong to the temporal grammar
            }
            if dim == Dimension::Percent {
                break;
            }
            let mut e = k + h.len;
            let mut amount = amount;
            if !hyphen {
                if let Some((rest, end)) = smaller_part(c, u, &amount, e) {
                    amount = rest;
                    e = end;
                }
            }
            let expr = Expr::Quantity {
                amount,
                unit: u32::try_from(u).ok(),
                noun: None,
            };
            return Some((e, mention(c, i, e, Kind::Quantity, expr)));
        }
    }
    if hyphen {
        // "38,000-strong", "five-member": a compound adjective, a count.
        return Some((j, mention(c, i, j, Kind::Number, Expr::Number(amount))));
    }
    // "dozens of soldiers", "thousands of people"
    if c.is(j, "of")
        && (amount.vague || c.is_any(j - 1, &["dozen", "hundreds", "thousands", "millions"]))
    {
        if let Some(noun) = noun_at(c, j + 1) {
            let e = j + 2;
            let expr = Expr::Quantity {
                amount,
                unit: None,
                noun: Some(noun.into()),
            };
            return Some((e, mention(c, i, e, Kind::Quantity, expr)));
        }
    }
    // "38,000 troops"; "34 league games", "120 council seats".
    if let Some(noun) = noun_at(c, j) {
        let (noun, e) = match compound_head(c, &amount, &noun, j + 1) {
            Some(head) => (format!("{noun} {head}"), j + 2),
            None => (noun, j + 1),
        };
        let expr = Expr::Quantity {
            amount,
            unit: None,
            noun: Some(noun.into()),
        };
        return Some((e, mention(c, i, e, Kind::Quantity, expr)));
    }
    // Counts of a thing named two words on ("38,000 North Korean troops"): leave as a number.
    Some((j, mention(c, i, j, Kind::Number, Expr::Number(amount))))
}

/// The smaller part of a composite figure after `amount` of unit `u`, at token
/// `e`: "5 ft 11 in", "6 feet 2 inches", "7 lb 3 oz". The part must be in a
/// smaller unit of the same dimension and less than one `u`; the whole is read
/// in `u`, to the precision of the smaller part. "in" is an inch only after feet.
fn smaller_part(c: &Cursor<'_>, u: usize, amount: &Amount, e: usize) -> Option<(Amount, usize)> {
    if !c.is_num(e) || amount.vague || amount.exact.fract() != 0.0 {
        return None;
    }
    let big = &c.lex.units.get(u)?.def;
    if !matches!(
        big.dimension,
        Dimension::Length | Dimension::Mass | Dimension::Volume
    ) {
        return None;
    }
    let (small, end) = match c.hits(e + 1).find_map(|h| match h.sense {
        Sense::Unit(v) | Sense::AttachedUnit(v) => Some((v, e + 1 + h.len)),
        _ => None,
    }) {
        Some(found) => found,
        None if big.name == "foot" && c.is(e + 1, "in") => {
            let inch = c.lex.units.iter().position(|x| x.def.name == "inch")?;
            (inch, e + 2)
        }
        None => return None,
    };
    let small_def = &c.lex.units.get(small)?.def;
    let part = parse_digits(c.raw(e))?;
    let ratio = small_def.factor / big.factor;
    if small_def.dimension != big.dimension || ratio >= 1.0 || part * ratio >= 1.0 {
        return None;
    }
    let precision = precision_of_written_number(c.raw(e)).min(1.0) * ratio;
    Some((Amount::exact(amount.exact + part * ratio, precision), end))
}

/// The plural noun at token `e` that `noun` (right before it) modifies:
/// "34 league games", "120 council seats", "20 police officers". More than
/// one is counted, so a singular noun after the number ("league") is a
/// modifier when a plural follows it; a plural noun ("troops") is the head
/// itself. Words ending in "s" that are no noun ("always", "this", "says")
/// are in [`NOT_NOUNS`], which [`noun_at`] turns away.
fn compound_head(c: &Cursor<'_>, amount: &Amount, noun: &str, e: usize) -> Option<String> {
    // Things are counted in whole numbers: "the 3.0 branch reaches" is a version.
    let decimal = amount.exact.fract() != 0.0 || (amount.precision > 0.0 && amount.precision < 1.0);
    // A plural without an "s" ("seamen", "people") is the head itself.
    let plural_already = noun.ends_with('s') || noun.ends_with("men") || noun == "people";
    if amount.vague || decimal || amount.exact <= 1.0 || plural_already || !c.is_word(e) {
        return None;
    }
    let head = noun_at(c, e)?;
    // Verbs that are nouns too, so not in `NOT_NOUNS`: "95 octane remains",
    // "11 filing means" (Reuters).
    if matches!(head.as_str(), "comes" | "remains" | "means" | "takes") {
        return None;
    }
    let plural = head.len() >= 4
        && head.ends_with('s')
        && !head.ends_with("ss")
        && !head.ends_with("us")
        && !head.ends_with("is")
        && head.bytes().all(|b| b.is_ascii_lowercase());
    plural.then_some(head)
}

/// A counted noun at `i`: a lower-case word that is not a function word.
fn noun_at(c: &Cursor<'_>, i: usize) -> Option<String> {
    if !c.is_word(i) || c.capitalized(i) {
        return None;
    }
    let w = c.low(i);
    if w.len() < 2 || NOT_NOUN_SET.contains(&*w) || w.ends_with("ly") || w.ends_with("ed") {
        return None;
    }
    if c.hits(i).any(|h| {
        matches!(
            h.sense,
            Sense::Month(_) | Sense::Weekday(_) | Sense::Hedge(_) | Sense::Multiplier(_)
        )
    }) {
        return None;
    }
    Some(w.into_owned())
}

fn fraction(c: &Cursor<'_>, i: usize) -> Option<(usize, Mention)> {
    // numerator: "a", "one", "two", digits, or none for "half"
    let (num, k) = if c.is_any(i, &["a", "an"]) {
        (1.0, i + 1)
    } else if let Some((n, e)) = word_number_at(c, i) {
        (n, e)
    } else {
        (1.0, i)
    };
    let k = if k > i && c.is(k, "-") && c.touch(k - 1, k) {
        k + 1
    } else {
        k
    };
    let part = c.hits(k).find_map(|h| match h.sense {
        Sense::Fraction(f) if h.len == 1 => Some(f),
        _ => None,
    })?;
    let word = c.low(k);
    let bare = k == i;
    // "third-quarter" is a period, not a fraction.
    if c.is(k + 1, "-") && c.touch(k, k + 1) {
        return None;
    }
    if bare && word != "half" {
        return None; // "third" alone is an ordinal
    }
    // "a quarter" of something, not "the third quarter"
    if word.starts_with("quarter") && !c.is(k + 1, "of") {
        return None;
    }
    if bare
        && !(c.is_any(
            k + 1,
            &[
                "of", "the", "a", "its", "their", "his", "her", "that", "those", "these", "them",
                "it",
            ],
        ) || c.is(k + 1, ",")
            || c.is(k + 1, "."))
    {
        return None;
    }
    // "a third straight day", "a fifth term", "a third party": a singular part
    // before a noun or adjective is an ordinal. "a third of", "a third more" stay.
    if !bare
        && !word.ends_with('s')
        && !c.is(k - 1, "-")
        && c.is_word(k + 1)
        && !c.capitalized(k + 1)
        && !not_a_noun(&c.low(k + 1))
    {
        return None;
    }
    let value = num * part;
    if value >= 1.0 + 1e-9 {
        return None;
    }
    let e = k + 1;
    Some((
        e,
        mention(
            c,
            i,
            e,
            Kind::Fraction,
            Expr::Fraction(Amount::exact(value, 0.0)),
        ),
    ))
}

fn ordinal(c: &Cursor<'_>, i: usize) -> Option<(usize, Mention)> {
    if c.is_num(i) && c.touch(i, i + 1) && c.is_any(i + 1, &["st", "nd", "rd", "th"]) {
        let n: u32 = c.raw(i).parse().ok()?;
        return Some((i + 2, mention(c, i, i + 2, Kind::Ordinal, Expr::Ordinal(n))));
    }
    // "twenty-first"
    if let Some((tens, e)) = word_number_at(c, i) {
        if tens >= 20.0 && tens < 100.0 && c.is(e, "-") && c.touch(e - 1, e) {
            if let Some(n) = c.hits(e + 1).find_map(|h| match h.sense {
                Sense::Ordinal(n) if n < 10 => Some(n),
                _ => None,
            }) {
                let v = tens as u32 + n;
                return Some((e + 2, mention(c, i, e + 2, Kind::Ordinal, Expr::Ordinal(v))));
            }
        }
    }
    let n = c.hits(i).find_map(|h| match h.sense {
        Sense::Ordinal(n) if h.len == 1 => Some(n),
        _ => None,
    })?;
    Some((i + 1, mention(c, i, i + 1, Kind::Ordinal, Expr::Ordinal(n))))
}

#[cfg(test)]
mod tests {
    //! One sentence per form: what is found, its kind, and the interval it stands for.
    use crate::extract::{extract, Options};
    use crate::lexicon::DEFAULT;
    use crate::resolve::{resolve, RefSource, Reference, Value};
    use crate::value::Interval;

    proptest::proptest! {
        #[test]
        fn plain_digits_parse_as_the_float_parser_reads_them(s in "[0-9]{1,22}") {
            proptest::prop_assert_eq!(super::parse_digits(&s), s.parse::<f64>().ok());
        }

        #[test]
        fn grouped_decimals_parse_as_the_float_parser_reads_their_digits(
            s in r"[0-9]{1,3}((,|\u{202f}| )[0-9]{3}){0,4}(\.[0-9]{0,9})?"
        ) {
            let digits: String = s.chars().filter(|c| c.is_ascii_digit() || *c == '.').collect();
            proptest::prop_assert_eq!(super::parse_digits(&s), digits.parse::<f64>().ok());
        }
    }

    /// (text, kind, interval, unit) of every non-temporal mention in `s`.
    fn found(s: &str) -> Vec<(String, &'static str, Option<Interval>, String)> {
        let ms = extract(s, &DEFAULT, &Options::default());
        resolve(
            ms,
            Reference {
                date: None,
                source: RefSource::None,
            },
            &DEFAULT,
        )
        .into_iter()
        .filter(|r| r.timex.is_none())
        .map(|r| {
            let (iv, unit) = match &r.value {
                Value::Number { interval, .. } => (Some(*interval), String::new()),
                Value::Quantity(q) => (
                    Some(q.interval),
                    q.currency.clone().unwrap_or(q.unit.clone()),
                ),
                _ => (None, String::new()),
            };
            (
                s[r.mention.span.clone()].to_string(),
                r.mention.kind.name(),
                iv,
                unit,
            )
        })
        .collect()
    }

    /// `s` has a mention `text` of `kind` whose interval is `[lo, hi]` (to 1e-6), in `unit`.
    fn one(s: &str, text: &str, kind: &str, lo: f64, hi: f64, unit: &str) {
        let f = found(s);
        let ok = f.iter().any(|(t, k, iv, u)| {
            t == text
                && *k == kind
                && u == unit
                && iv.is_some_and(|iv| {
                    let close = |a: f64, b: f64| a == b || (a - b).abs() < 1e-6;
                    close(iv.lo_value().unwrap_or(f64::NEG_INFINITY), lo)
                        && close(iv.hi_value().unwrap_or(f64::INFINITY), hi)
                })
        });
        assert!(
            ok,
            "{s:?}: want {text:?} {kind} [{lo}, {hi}] {unit}, got {f:?}"
        );
    }

    #[test]
    fn a_singular_noun_before_a_plural_one_modifies_it() {
        one(
            "They won 20 of their 34 league games.",
            "34 league games",
            "quantity",
            33.5,
            34.5,
            "league games",
        );
        one(
            "Police said 20 police officers were hurt.",
            "20 police officers",
            "quantity",
            15.0,
            25.0,
            "police officers",
        );
        one(
            "The 120 council seats are up for election.",
            "120 council seats",
            "quantity",
            115.0,
            125.0,
            "council seats",
        );
        // One of a thing, a decimal (a version), a word that is no plural noun:
        // the noun stands alone.
        let texts = |s: &str| found(s).into_iter().map(|(t, ..)| t).collect::<Vec<_>>();
        assert!(texts("One person dies every 40 seconds.").contains(&"One person".to_string()));
        assert!(texts("The 3.0 branch reaches end of life in May.")
            .iter()
            .all(|t| !t.contains("reaches")));
        assert!(texts("The 40 people always came back.").contains(&"40 people".to_string()));
        assert!(texts("A rise to 95 octane remains unlikely.")
            .iter()
            .all(|t| !t.contains("remains")));
        assert!(
            texts("A poll of 1,313 people suggests a lead.").contains(&"1,313 people".to_string())
        );
    }

    #[test]
    fn numbers_as_written() {
        one(
            "Some 38,000 troops died.",
            "Some 38,000 troops",
            "quantity",
            32300.0,
            43700.0,
            "troops",
        );
        one("The rate is 1.5 now.", "1.5", "number", 1.45, 1.55, "");
        one(
            "A crowd of 15 000 gathered.",
            "15 000",
            "number",
            14500.0,
            15500.0,
            "",
        );
        one(
            "Five soldiers were hurt.",
            "Five soldiers",
            "quantity",
            4.5,
            5.5,
            "soldiers",
        );
        one(
            "There were forty-four of them.",
            "forty-four",
            "number",
            43.5,
            44.5,
            "",
        );
        one(
            "They sent a dozen drones.",
            "a dozen drones",
            "quantity",
            11.5,
            12.5,
            "drones",
        );
        one(
            "It costs 1.5 million a year.",
            "1.5 million",
            "number",
            1_450_000.0,
            1_550_000.0,
            "",
        );
    }

    #[test]
    fn vague_counts_are_ranges() {
        one(
            "It seized several hundred square miles.",
            "several hundred square miles",
            "quantity",
            300.0,
            900.0,
            "square mile",
        );
        one(
            "Dozens of homes burned.",
            "Dozens of homes",
            "quantity",
            24.0,
            99.0,
            "homes",
        );
        one(
            "Thousands of people fled.",
            "Thousands of people",
            "quantity",
            2000.0,
            9999.0,
            "people",
        );
    }

    #[test]
    fn hedges_make_intervals() {
        one(
            "It holds approximately 500 square kilometers.",
            "approximately 500 square kilometers",
            "quantity",
            425.0,
            575.0,
            "square kilometer",
        );
        one(
            "It holds nearly 500 km².",
            "nearly 500 km²",
            "quantity",
            400.0,
            500.0,
            "square kilometer",
        );
        one(
            "At least nine died.",
            "At least nine",
            "number",
            9.0,
            f64::INFINITY,
            "",
        );
        one("Up to 20 were hurt.", "Up to 20", "number", 0.0, 20.0, "");
        one(
            "More than 2,000 homes were destroyed.",
            "More than 2,000 homes",
            "quantity",
            2000.0,
            f64::INFINITY,
            "homes",
        );
        one(
            "Less than 5 km² burned.",
            "Less than 5 km²",
            "quantity",
            0.0,
            5.0,
            "square kilometer",
        );
    }

    #[test]
    fn units_currencies_and_percentages() {
        one(
            "A 40-kilometer front opened.",
            "40-kilometer",
            "quantity",
            35.0,
            45.0,
            "kilometer",
        );
        // A temperature is written to the degree (the unit's `rounding`), not to the ten.
        one(
            "It reached 30C on Monday.",
            "30C",
            "quantity",
            29.5,
            30.5,
            "degree celsius",
        );
        one(
            "They drove 20 miles.",
            "20 miles",
            "quantity",
            15.0,
            25.0,
            "mile",
        );
        one(
            "It costs just $2 now.",
            "just $2",
            "quantity",
            1.5,
            2.5,
            "USD",
        );
        one(
            "Turnout was 25% this year.",
            "25%",
            "percent",
            24.5,
            25.5,
            "",
        );
        one(
            "Turnout was 25 percent.",
            "25 percent",
            "percent",
            24.5,
            25.5,
            "",
        );
        one(
            "Turnout was 25 per cent.",
            "25 per cent",
            "percent",
            24.5,
            25.5,
            "",
        );
    }

    #[test]
    fn fractions_and_ordinals() {
        one(
            "Roughly half of it was retaken.",
            "Roughly half",
            "fraction",
            0.425,
            0.575,
            "",
        );
        one(
            "A third of the land burned.",
            "A third",
            "fraction",
            1.0 / 3.0,
            1.0 / 3.0,
            "",
        );
        one(
            "Two thirds of voters agreed.",
            "Two thirds",
            "fraction",
            2.0 / 3.0,
            2.0 / 3.0,
            "",
        );
        let f = found("The war enters its fourth year.");
        assert!(
            f.iter()
                .any(|(t, k, _, _)| t == "fourth" && *k == "ordinal"),
            "{f:?}"
        );
        one(
            "A one-third stake was sold.",
            "one-third",
            "fraction",
            1.0 / 3.0,
            1.0 / 3.0,
            "",
        );
        one(
            "Costs rose by a third more.",
            "a third",
            "fraction",
            1.0 / 3.0,
            1.0 / 3.0,
            "",
        );
        // A singular part before a noun is an ordinal.
        for s in [
            "Prices fell for a third straight day.",
            "He won a fifth term.",
            "A third party joined.",
        ] {
            let f = found(s);
            assert!(
                f.iter().all(|(_, k, _, _)| *k != "fraction"),
                "{s:?}: {f:?}"
            );
        }
    }

    #[test]
    fn temperatures_below_zero() {
        for (s, text) in [
            ("It fell to -5C overnight.", "-5C"),
            ("It fell to \u{2212}5C overnight.", "\u{2212}5C"),
            ("It fell to minus 5C overnight.", "minus 5C"),
        ] {
            one(s, text, "quantity", -5.5, -4.5, "degree celsius");
        }
        one(
            "It was -20C (-4F).",
            "-4F",
            "quantity",
            -4.5,
            -3.5,
            "degree fahrenheit",
        );
        one(
            "A low of -11.4C was read.",
            "-11.4C",
            "quantity",
            -11.45,
            -11.35,
            "degree celsius",
        );
        // A hedge before the sign keeps both.
        let f = found("Lows of around -8C are likely.");
        assert!(f.iter().any(|(t, ..)| t == "around -8C"), "{f:?}");
        // A range or a compound is not a sign; other units are not read below zero.
        for s in [
            "Highs of 3-5C are likely.",
            "Grade-5C was closed.",
            "It dived -20 metres.",
        ] {
            let f = found(s);
            assert!(
                f.iter()
                    .all(|(_, _, iv, _)| iv.is_none_or(|iv| iv.lo_value().unwrap_or(0.0) >= 0.0)),
                "{s:?}: {f:?}"
            );
        }
    }

    #[test]
    fn compound_and_composite_units() {
        let inch = 1.0 / 12.0;
        for (s, text, x, half, unit) in [
            (
                "A 900-square-metre hall opened.",
                "900-square-metre",
                900.0,
                50.0,
                "square meter",
            ),
            (
                "A 9,700-square-foot hall opened.",
                "9,700-square-foot",
                9700.0,
                50.0,
                "square foot",
            ),
            (
                "He is 5 ft 11 in tall.",
                "5 ft 11 in",
                5.0 + 11.0 * inch,
                inch / 2.0,
                "foot",
            ),
            (
                "He is 6 feet 2 inches tall.",
                "6 feet 2 inches",
                6.0 + 2.0 * inch,
                inch / 2.0,
                "foot",
            ),
        ] {
            one(s, text, "quantity", x - half, x + half, unit);
        }
        one(
            "A 12 fl oz can.",
            "12 fl oz",
            "quantity",
            11.5,
            12.5,
            "fluid ounce",
        );
        // The smaller part must be smaller than one of the larger unit.
        let f = found("They walked 2 miles 5 km on.");
        assert!(f.iter().any(|(t, ..)| t == "2 miles"), "{f:?}");
        // "in" after a figure is a preposition unless feet come first.
        let f = found("It rose 5 metres 2 in the night.");
        assert!(f.iter().any(|(t, ..)| t == "5 metres"), "{f:?}");
    }

    #[test]
    fn square_units_convert_to_a_base() {
        let ms = extract("about 500 square miles", &DEFAULT, &Options::default());
        let r = resolve(
            ms,
            Reference {
                date: None,
                source: RefSource::None,
            },
            &DEFAULT,
        );
        let Some(base) = (match &r[0].value {
            Value::Quantity(q) => q.base,
            _ => None,
        }) else {
            panic!("{:?}", r[0].value)
        };
        // 500 sq mi ≈ 1,295 km²: the base interval is in m².
        assert!(base.contains(1_295e6), "{base}");
    }
}
