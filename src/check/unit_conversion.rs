#![doc = include_str!("../../docs/rules/unit-conversion.md")]

use super::{Check, CheckContext, DocView, Finding, Label};
use crate::extract::{Amount, Expr};
use crate::lexicon::{HedgeDef, Lexicon, Sense};
use crate::resolve::Resolved;
use crate::value::interval::{Bound, Interval};
use crate::value::units::{
    difference_to_base, from_base, interval_to_base, written_figure, Dimension, UnitDef,
};

/// The rule.
pub struct UnitConversion;

/// The widest a round figure is read, as a share of itself: "100" is 90 to
/// 110, not 50 to 150 (nobody rounds 58, or 81, to 100), and "300" is 270 to
/// 330. A quarter let "100 mph (130 km/h)" pass; the news corpus has no
/// conversion that a tenth flags.
const ROUND_FIGURE_SHARE: f64 = 0.1;

/// Words near a pair of temperatures that make them a difference ("2C (3.6F)
/// above normal", "a rise of 1.5C (2.7F)"), converted without the offset.
const DIFFERENCE_CUES: &[&str] = &[
    "above",
    "below",
    "warmer",
    "colder",
    "cooler",
    "hotter",
    "higher",
    "lower",
    "rise",
    "rises",
    "rose",
    "risen",
    "rising",
    "fall",
    "falls",
    "fell",
    "fallen",
    "drop",
    "drops",
    "dropped",
    "increase",
    "increased",
    "decrease",
    "decreased",
    "up",
    "down",
    "anomaly",
    "warming",
    "cooling",
    "warmed",
    "cooled",
    "difference",
    "swing",
    "swings",
    "change",
    "by",
];

/// One side of a conversion: the figure as written, its own hedge, its unit.
struct Side<'a> {
    /// What the figure alone stands for, in its unit.
    figure: Interval,
    /// The figure as written (negative below zero).
    exact: f64,
    /// A hedge written in front of it.
    hedge: Option<&'a HedgeDef>,
    /// Its unit.
    unit: &'a UnitDef,
}

/// A quantity in a convertible unit, read as a figure in that unit.
fn side<'a>(r: &Resolved, lex: &'a Lexicon) -> Option<Side<'a>> {
    let Expr::Quantity {
        amount,
        unit: Some(u),
        noun: None,
    } = &r.mention.expr
    else {
        return None;
    };
    side_in(r, amount, *u as usize, lex)
}

/// The figure `amount` of mention `r` (and its hedge) read in unit `u`: a
/// quantity's own unit, or one a bare figure takes from beside it.
fn side_in<'a>(r: &Resolved, amount: &Amount, u: usize, lex: &'a Lexicon) -> Option<Side<'a>> {
    let info = lex.units.get(u)?;
    let dim = info.def.dimension;
    if info.code.is_some()
        || matches!(
            dim,
            Dimension::Currency | Dimension::Count | Dimension::Percent | Dimension::Time
        )
    {
        return None;
    }
    let figure = if amount.vague || amount.high > amount.low {
        Interval::closed(amount.low, amount.high)
    } else {
        // A unit may write figures finer than their trailing zeros say (30 °C is to the degree).
        let precision = match info.rounding {
            Some(r) if amount.precision > r => r,
            _ => amount.precision,
        };
        // A temperature's zero is arbitrary: a share of it means nothing.
        let share = if dim == Dimension::Temperature {
            f64::INFINITY
        } else {
            ROUND_FIGURE_SHARE
        };
        written_figure(amount.exact, precision, share)
    };
    Some(Side {
        figure,
        exact: amount.exact,
        hedge: r
            .mention
            .hedge
            .as_deref()
            .and_then(|(h, _)| lex.hedges.get(*h)),
        unit: &info.def,
    })
}

/// "(1.60 m)", "38 F (3 C)": a bare figure followed, after a space, by a
/// unit symbol that counts only when attached ("1.60m"), read as that unit
/// in a conversion: as its second side when it closes the brackets and
/// measures what `first` measures; as its first side when the brackets open
/// right after it. Alone, "5 m" could be millions or minutes; after "5 ft
/// 11 in (", it is metres. Returns the side and where the symbol ends.
fn spaced_symbol_side<'a>(
    r: &Resolved,
    text: &str,
    lex: &'a Lexicon,
    first: Option<&UnitDef>,
) -> Option<(Side<'a>, usize)> {
    let Expr::Number(amount) = &r.mention.expr else {
        return None;
    };
    let after = text.get(r.mention.span.end..)?;
    let word = after.strip_prefix(' ')?;
    let len = word
        .find(|c: char| !c.is_alphabetic() && c != '°')
        .unwrap_or(word.len());
    // The symbol closes the conversion ("(1.60 m)"; "(1.60 m tall)" is
    // prose), or opens it ("38 F (3 C)").
    let next = &word[len..];
    let placed = match first {
        Some(_) => next.starts_with([')', ']']),
        None => next.trim_start_matches(' ').starts_with('('),
    };
    if len == 0 || !placed {
        return None;
    }
    let toks = crate::extract::token::tokenize(&word[..len]);
    let unit = lex
        .lookup(&word[..len], &toks, 0)
        .find_map(|h| match h.sense {
            Sense::AttachedUnit(u) if h.len == toks.len() => Some(u),
            _ => None,
        })?;
    let info = lex.units.get(unit)?;
    if first.is_some_and(|f| info.def.dimension != f.dimension) || info.code.is_some() {
        return None;
    }
    let side = side_in(r, amount, unit, lex)?;
    Some((side, r.mention.span.end + 1 + len))
}

/// The side's figure widened or bounded by its own hedge, as
/// `resolve::amount_interval` reads it, but for figures below zero too.
fn hedged(s: &Side<'_>) -> Interval {
    let Some(h) = s.hedge.filter(|h| !h.neutral) else {
        return s.figure;
    };
    let x = s.exact;
    // A count or a length has a floor at zero; a temperature has none.
    let floor = (s.unit.dimension != Dimension::Temperature).then(|| Bound {
        value: 0.0,
        inclusive: true,
    });
    let lo = match h.low {
        Some(l) => Some(Bound {
            value: x * l,
            inclusive: !h.low_open,
        }),
        None => floor,
    };
    let hi = h.high.map(|m| Bound {
        value: x * m,
        inclusive: !h.high_open,
    });
    let mut iv = Interval { lo, hi };
    // Below zero, scaling swaps the ends: "about -5" is -5.75 to -4.25.
    if x < 0.0 && h.low.is_some() && h.high.is_some() {
        iv = Interval { lo: hi, hi: lo };
    }
    let symmetric = matches!((h.low, h.high), (Some(l), Some(m)) if l < 1.0 && m > 1.0);
    if symmetric {
        s.figure.hull(&iv)
    } else {
        iv
    }
}

/// Text between two quantities that presents the second as a conversion of the first.
fn is_conversion_link(between: &str) -> bool {
    // Brackets and "or" present a conversion; a dash starts an aside ("2.20m - just 3cm short").
    let t = between.trim();
    matches!(
        t,
        "(" | "[" | ", or" | "or" | "(or" | "(roughly" | "(about" | "(some"
    ) || (t.starts_with('(') && t.len() <= 2)
}

/// Whether the words around a pair of temperatures (in its sentence, a few
/// words either side) read them as a difference.
fn reads_as_difference(text: &str, first: std::ops::Range<usize>, second_end: usize) -> bool {
    let before = clip_back(text, first.start, 60);
    let before = before
        .rsplit(['.', '!', '?', ';', '\n'])
        .next()
        .unwrap_or("");
    let after = clip_forward(text, second_end, 40);
    let after = after.split(['.', '!', '?', ';', '\n']).next().unwrap_or("");
    [before, after].iter().any(|part| {
        part.split(|c: char| !c.is_alphanumeric())
            .any(|w| DIFFERENCE_CUES.iter().any(|c| w.eq_ignore_ascii_case(c)))
    })
}

/// At most `n` bytes of `text` before `at`, on a char boundary.
fn clip_back(text: &str, at: usize, n: usize) -> &str {
    let mut from = at.saturating_sub(n);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    text.get(from..at).unwrap_or("")
}

/// At most `n` bytes of `text` after `at`, on a char boundary.
fn clip_forward(text: &str, at: usize, n: usize) -> &str {
    let mut to = (at + n).min(text.len());
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    text.get(at..to).unwrap_or("")
}

impl Check for UnitConversion {
    fn id(&self) -> &'static str {
        "unit-conversion"
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        let id = self.id();
        let slack = cx.settings.relative_slack(id);
        for (d, v) in cx.docs.iter().enumerate() {
            for i in 0..v.mentions.len().saturating_sub(1) {
                let (a, b) = (&v.mentions[i], &v.mentions[i + 1]);
                let text = &v.doc.text;
                let Some((sa, a_end)) = side(a, cx.lex)
                    .map(|s| (s, a.mention.span.end))
                    .or_else(|| spaced_symbol_side(a, text, cx.lex, None))
                else {
                    continue;
                };
                let Some((sb, b_end)) = side(b, cx.lex)
                    .map(|s| (s, b.mention.span.end))
                    .or_else(|| spaced_symbol_side(b, text, cx.lex, Some(sa.unit)))
                else {
                    continue;
                };
                let dim = sa.unit.dimension;
                if dim != sb.unit.dimension || sa.unit.name == sb.unit.name {
                    continue;
                }
                let Some(between) = v.doc.text.get(a_end..b.mention.span.start) else {
                    continue;
                };
                if !is_conversion_link(between) {
                    continue;
                }
                // "between 10C and 15C (50F and 59F)": a range converted as a
                // range pairs first with first; "15C (50F" is not a pair.
                if let Some(c) = v.mentions.get(i + 2) {
                    let joined = text
                        .get(b_end..c.mention.span.start)
                        .map(str::trim)
                        .is_some_and(|t| matches!(t, "and" | "to" | "-" | "–" | "—" | "or"));
                    let closes = text.get(c.mention.span.end..).is_some_and(|t| {
                        t.trim_start().starts_with([')', ']'])
                            || t.trim_start().starts_with(|ch: char| ch.is_alphabetic())
                    });
                    if joined && closes {
                        continue;
                    }
                }
                out.extend(judge(
                    cx,
                    slack,
                    (d, v),
                    (
                        &sa,
                        a.mention.span.start..a_end,
                        written(text, a.mention.span.start..a_end),
                    ),
                    (
                        &sb,
                        b.mention.span.start..b_end,
                        written(text, b.mention.span.start..b_end),
                    ),
                ));
            }
            ranges(cx, slack, d, v, out);
        }
    }
}

/// Words that join the two ends of a range ("10C and 15C", "12 to 15 miles", "10-15C").
fn joins_a_range(between: &str) -> bool {
    matches!(between.trim(), "and" | "to" | "-" | "–" | "—" | "or")
}

/// "from 20C to 25C (68F to 77F)", "10-15C (50-59F)", "12 to 15 miles (19 to
/// 24km)": a range converted as a range, end with end. A bare first figure
/// ("10-15C") takes the unit of the figure it is joined to.
fn ranges(cx: &CheckContext<'_>, slack: f64, d: usize, v: &DocView<'_>, out: &mut Vec<Finding>) {
    let text = &v.doc.text;
    let ms = v.mentions;
    let gap = |a: &Resolved, b: &Resolved| text.get(a.mention.span.end..b.mention.span.start);
    let in_a_unit = |m: &Resolved| {
        matches!(
            m.mention.expr,
            Expr::Quantity {
                unit: Some(_),
                noun: None,
                ..
            }
        )
    };
    for w in ms.windows(4) {
        let [m0, m1, m2, m3] = w else { continue };
        // Both second ends in units first: most windows stop here, before any text is read.
        if !in_a_unit(m1) || !in_a_unit(m3) {
            continue;
        }
        if !gap(m0, m1).is_some_and(joins_a_range)
            || !gap(m1, m2).is_some_and(is_conversion_link)
            || !gap(m2, m3).is_some_and(joins_a_range)
            || !text
                .get(m3.mention.span.end..)
                .is_some_and(|t| t.trim_start().starts_with([')', ']']))
        {
            continue;
        }
        let (Some(s1), Some(s3)) = (side(m1, cx.lex), side(m3, cx.lex)) else {
            continue;
        };
        if s1.unit.dimension != s3.unit.dimension || s1.unit.name == s3.unit.name {
            continue;
        }
        // The first end in the unit of the second, written or borrowed.
        let end_in = |m: &Resolved, other: &Resolved, unit: &UnitDef| {
            side(m, cx.lex)
                .or_else(|| borrowed_side(m, other, text, cx.lex))
                .filter(|s| s.unit.name == unit.name)
        };
        let (Some(s0), Some(s2)) = (end_in(m0, m1, s1.unit), end_in(m2, m3, s3.unit)) else {
            continue;
        };
        // A borrowed end is shown with the unit it borrowed ("10C" of "10-15C").
        let shown = |m: &Resolved, other: &Resolved| {
            let own = written(text, m.mention.span.clone());
            if matches!(m.mention.expr, Expr::Number(_)) {
                let unit = written(text, other.mention.span.clone());
                let unit = unit.trim_start_matches(|c: char| {
                    c.is_ascii_digit() || matches!(c, '.' | ',' | '-' | '\u{2212}')
                });
                format!("{own}{unit}")
            } else {
                own
            }
        };
        // First ends with first ends, second with second.
        out.extend(judge(
            cx,
            slack,
            (d, v),
            (&s0, m0.mention.span.clone(), shown(m0, m1)),
            (&s2, m2.mention.span.clone(), shown(m2, m3)),
        ));
        out.extend(judge(
            cx,
            slack,
            (d, v),
            (
                &s1,
                m1.mention.span.clone(),
                written(text, m1.mention.span.clone()),
            ),
            (
                &s3,
                m3.mention.span.clone(),
                written(text, m3.mention.span.clone()),
            ),
        ));
    }
}

/// The text of `span`, or nothing when it is not text.
fn written(text: &str, span: std::ops::Range<usize>) -> String {
    text.get(span).unwrap_or("").to_string()
}

/// A bare figure ("10" of "10-15C") read in the unit of the quantity `other` it is joined to.
/// A figure after a sign ("-5 to -2C") is left unread: a bare figure's mention
/// does not take its sign, which may be a dash.
fn borrowed_side<'a>(
    r: &Resolved,
    other: &Resolved,
    text: &str,
    lex: &'a Lexicon,
) -> Option<Side<'a>> {
    let (
        Expr::Number(amount),
        Expr::Quantity {
            unit: Some(unit), ..
        },
    ) = (&r.mention.expr, &other.mention.expr)
    else {
        return None;
    };
    let before = clip_back(text, r.mention.span.start, 8);
    let after_minus = before
        .len()
        .checked_sub(6)
        .and_then(|k| before.get(k..))
        .is_some_and(|w| w.eq_ignore_ascii_case("minus "));
    if before.ends_with(['-', '\u{2212}', '\u{2013}']) || after_minus {
        return None;
    }
    side_in(r, amount, *unit as usize, lex)
}

/// A finding when the second side (at `b`) is no conversion of the first (at `a`).
fn judge(
    cx: &CheckContext<'_>,
    slack: f64,
    (d, v): (usize, &DocView<'_>),
    (sa, a, first): (&Side<'_>, std::ops::Range<usize>, String),
    (sb, b, second): (&Side<'_>, std::ops::Range<usize>, String),
) -> Option<Finding> {
    let id = "unit-conversion";
    let text = &v.doc.text;
    let dim = sa.unit.dimension;
    // A conversion restates the figure: a hedge before the first side
    // ("up to 4 metres (13 feet)") is shared by both, so the figures are
    // compared. A hedge of the conversion's own ("(about 800 square
    // miles)") says how loosely it was converted, and widens it.
    let a_read = sa.figure;
    let b_read = hedged(sb);
    // A conversion factor's rounding is relative; a temperature's offset makes
    // relative slack meaningless, and its figures carry their own rounding.
    let abs_slack = if dim == Dimension::Temperature {
        0.0
    } else {
        slack
    };
    let a_base = interval_to_base(&a_read, sa.unit);
    let b_base = interval_to_base(&b_read, sb.unit);
    if widen(&a_base, abs_slack).intersects(&widen(&b_base, abs_slack)) {
        return None;
    }
    // "2C (3.6F) above normal": a difference converts without the offset.
    if dim == Dimension::Temperature
        && widen(&difference_to_base(&a_read, sa.unit), slack)
            .intersects(&widen(&difference_to_base(&b_read, sb.unit), slack))
        && reads_as_difference(text, a.clone(), b.end)
    {
        return None;
    }
    // Express the first in the second's unit for the reader.
    let b_unit = sb.unit.name.as_str();
    let conv = |x: Option<f64>| x.map(|x| from_base(x, sb.unit));
    let converted = match (conv(a_base.lo_value()), conv(a_base.hi_value())) {
        (Some(lo), Some(hi)) => {
            format!("{}–{} {}", round3(lo), round3(hi), plural(b_unit))
        }
        _ => return None,
    };
    let vars = [
        ("first", first),
        ("second", second),
        ("converted", converted.clone()),
    ];
    Some(Finding::templated(
        cx.settings,
        id,
        cx.settings.severity(id),
        &vars,
        Label {
            doc: d,
            span: b,
            message: format!("{} {} as written", show(&b_read), plural(b_unit)),
        },
        vec![Label {
            doc: d,
            span: a,
            message: format!("{} {} = {converted}", show(&a_read), plural(&sa.unit.name)),
        }],
        None,
    ))
}

fn widen(iv: &Interval, slack: f64) -> Interval {
    let lo = iv.lo_value().map(|x| x - x.abs() * slack);
    let hi = iv.hi_value().map(|x| x + x.abs() * slack);
    let mut out = *iv;
    if let (Some(b), Some(x)) = (out.lo.as_mut(), lo) {
        b.value = x;
    }
    if let (Some(b), Some(x)) = (out.hi.as_mut(), hi) {
        b.value = x;
    }
    out
}

fn round3(x: f64) -> String {
    let digits = if x.abs() >= 100.0 {
        0
    } else if x.abs() >= 10.0 {
        1
    } else {
        2
    };
    format!("{x:.digits$}")
}

fn show(iv: &Interval) -> String {
    match (iv.lo_value(), iv.hi_value()) {
        (Some(a), Some(b)) if (a - b).abs() < 1e-9 => round3(a),
        (Some(a), Some(b)) => format!("{}–{}", round3(a), round3(b)),
        (Some(a), None) => format!("over {}", round3(a)),
        (None, Some(b)) => format!("under {}", round3(b)),
        (None, None) => "any".into(),
    }
}

fn plural(unit: &str) -> String {
    match unit {
        u if u.ends_with("foot") => format!("{}feet", &u[..u.len() - 4]),
        u if u.ends_with("inch") => format!("{u}es"),
        "degree celsius" => "°C".into(),
        "degree fahrenheit" => "°F".into(),
        u if u.ends_with('s') => u.into(),
        u if u.contains(" per ") => u.replacen(" per ", "s per ", 1),
        u => format!("{u}s"),
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::{findings, silent};

    #[test]
    fn planted_conversions_are_caught() {
        for text in [
            "Kyiv's troops held a 40-kilometer (15-mile) front.",
            "Ukraine seized 1,200 square kilometers (about 800 square miles) in August.",
            "It was 30C (100F) in the shade.",
            "The column stretched for 10 miles (40 kilometers).",
            "The reservoir holds 3,000 cubic meters (about 20,000 gallons) of water.",
        ] {
            let f = findings(text, "unit-conversion");
            assert_eq!(f.len(), 1, "{text:?}: {f:#?}");
        }
    }

    #[test]
    fn consistent_twins_stay_silent() {
        for text in [
            "Kyiv's troops held a 40-kilometer (25-mile) front.",
            "Ukraine seized 1,300 square kilometers (about 500 square miles) in August.",
            "It was 30C (86F) in the shade.",
            "The column stretched for 10 miles (16 kilometers).",
            "Ukraine now holds about 500 square kilometers (nearly 200 square miles).",
            "The 2,000-hectare reserve (about 4,900 acres) burned.",
        ] {
            silent(text, "unit-conversion");
        }
    }

    /// Each pair: the planted form, caught; its consistent twin, silent.
    fn pairs(cases: &[(&str, &str)]) {
        for (planted, twin) in cases {
            let f = findings(planted, "unit-conversion");
            assert_eq!(f.len(), 1, "{planted:?}: {f:#?}");
            silent(twin, "unit-conversion");
        }
    }

    #[test]
    fn negative_temperatures() {
        pairs(&[
            (
                "Overnight the valley fell as low as -5C (41F).",
                "Overnight the valley fell as low as -5C (23F).",
            ),
            (
                "It was \u{2212}20C (4F) at dawn.",
                "It was \u{2212}20C (\u{2212}4F) at dawn.",
            ),
            (
                "Lows of minus 5C (41F) are forecast.",
                "Lows of minus 5C (23F) are forecast.",
            ),
            ("The low was -11.4C (52.5F).", "The low was -11.4C (11.5F)."),
            (
                "Gauges read around -8C (28F).",
                "Gauges read around -8C (18F).",
            ),
        ]);
        // A range or a compound is not a sign.
        silent(
            "Expect highs of 3-5C (37-41F) on Tuesday.",
            "unit-conversion",
        );
        silent("It was -20C (-4F) on the summit.", "unit-conversion");
    }

    #[test]
    fn hyphenated_compound_units() {
        pairs(&[
            (
                "They built a 900-square-metre (2,950-square-foot) hall.",
                "They built a 900-square-metre (9,700-square-foot) hall.",
            ),
            (
                "It leases a 45,000-square-metre (148,000-square-foot) depot.",
                "It leases a 45,000-square-metre (484,000-square-foot) depot.",
            ),
            (
                "A 12-mile (29-km) stretch closed.",
                "A 12-mile (19-km) stretch closed.",
            ),
            (
                "A 20-cubic-metre (2,000-cubic-foot) tank leaked.",
                "A 20-cubic-metre (700-cubic-foot) tank leaked.",
            ),
        ]);
    }

    #[test]
    fn a_range_converted_as_a_range_is_not_read_crosswise() {
        for text in [
            "Highs will be between 10C and 15C (50F and 59F) on Sunday.",
            "Temperatures will climb from 20C to 25C (68F to 77F) by Sunday.",
            "The span grows from 12 to 15 miles (19 to 24 km).",
        ] {
            silent(text, "unit-conversion");
        }
    }

    #[test]
    fn a_range_converted_as_a_range_is_read_end_with_end() {
        pairs(&[
            (
                "Temperatures will climb from 20C to 25C (58F to 77F) by Sunday.",
                "Temperatures will climb from 20C to 25C (68F to 77F) by Sunday.",
            ),
            (
                "Highs of 10-15C (50-69F) are expected across the south-east.",
                "Highs of 10-15C (50-59F) are expected across the south-east.",
            ),
            (
                "Ash fell 12 to 15 miles (19 to 34 km) from the crater.",
                "Ash fell 12 to 15 miles (19 to 24 km) from the crater.",
            ),
            (
                "Highs will be between 10C and 15C (50F and 69F) this week.",
                "Highs will be between 10C and 15C (50F and 59F) this week.",
            ),
        ]);
        // A bare end after a sign is not read (its mention has no sign).
        silent(
            "Lows of -5 to -2C (23 to 28F) are forecast, and 3-5km (2-3 miles) of road is shut.",
            "unit-conversion",
        );
    }

    #[test]
    fn composite_units() {
        pairs(&[
            (
                "The guard stands 5 ft 11 in (1.60 m) tall.",
                "The guard stands 5 ft 11 in (1.80 m) tall.",
            ),
            (
                "The wreck lies in 40 feet (20 m) of water.",
                "The wreck lies in 40 feet (12 m) of water.",
            ),
            (
                "The water near the bottom stays at about 38 F (13 C) in midsummer.",
                "The water near the bottom stays at about 38 F (3 C) in midsummer.",
            ),
            ("A 5 m (30 ft) wall.", "A 5 m (16 ft) wall."),
            (
                "He stands 5 ft 11 in (160 cm) tall.",
                "He stands 5 ft 11 in (180 cm) tall.",
            ),
            (
                "She is 6 feet 2 inches (168 cm).",
                "She is 6 feet 2 inches (188 cm).",
            ),
            ("A 12 fl oz (500 ml) can.", "A 12 fl oz (355 ml) can."),
            (
                "The baby weighed 7 lb 3 oz (2.9 kg).",
                "The baby weighed 7 lb 3 oz (3.3 kg).",
            ),
        ]);
    }

    #[test]
    fn round_figures_are_read_by_their_places() {
        pairs(&[
            (
                "The road runs about 100 kilometres (36 miles).",
                "The road runs about 100 kilometres (62 miles).",
            ),
            (
                "The lake covers 1,300 square kilometres (300 square miles).",
                "The lake covers 1,300 square kilometres (500 square miles).",
            ),
            (
                "The trail is 10 miles (11 km) long.",
                "The trail is 10 miles (16 km) long.",
            ),
            (
                "The storm brought winds of 100 mph (130 km/h).",
                "The storm brought winds of 100 mph (160 km/h).",
            ),
            (
                "About 2 million gallons (5.6 million liters) of wastewater spilled.",
                "About 2 million gallons (7.6 million liters) of wastewater spilled.",
            ),
        ]);
        // Writers round a conversion to two significant figures.
        for text in [
            "The depot covers 3,000 square metres (32,000 square feet).",
            "The peak rises 8,848 metres (29,000 feet).",
            "A 1-mile (1.6-km) loop.",
            "About 70 km (43 miles) to the north.",
        ] {
            silent(text, "unit-conversion");
        }
    }

    #[test]
    fn a_hedge_before_the_first_side_is_shared() {
        pairs(&[
            (
                "Waves of up to 4 metres (8 feet) hit the pier.",
                "Waves of up to 4 metres (13 feet) hit the pier.",
            ),
            (
                "Gusts of more than 100 km/h (30 mph) were recorded.",
                "Gusts of more than 100 km/h (60 mph) were recorded.",
            ),
            (
                "It reached as high as 40C (90F).",
                "It reached as high as 40C (104F).",
            ),
        ]);
    }

    #[test]
    fn temperature_differences_convert_without_the_offset() {
        for text in [
            "The month was 2.1C (3.8F) above the long-term average.",
            "Nights were 3C (5.4F) warmer than normal.",
            "Forecasters expect a rise of 1.5C (2.7F) by Friday.",
            "The sea is up 0.8C (1.4F) on last year.",
        ] {
            silent(text, "unit-conversion");
        }
        // A difference that does not convert is still caught, and a reading is not a difference.
        for text in [
            "The month was 2.1C (5.8F) above the long-term average.",
            "It reached 30C (54F) on Monday.",
        ] {
            let f = findings(text, "unit-conversion");
            assert_eq!(f.len(), 1, "{text:?}: {f:#?}");
        }
    }
}
