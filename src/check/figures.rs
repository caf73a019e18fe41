//! What the rules of figures (percent-change, share-of-total) ask of a
//! sentence: a figure's value at the writer's precision, its unit, and the
//! few words between two figures.

use super::DocView;
use crate::extract::Expr;
use crate::resolve::Value;
use crate::value::interval::Interval;

/// A count or amount (not a percentage, fraction or date): its value as
/// written, its interval, and the unit or currency it is counted in ("" for
/// a bare number).
pub(crate) fn amount<'a>(v: &'a DocView<'_>, i: usize) -> Option<(f64, Interval, &'a str)> {
    let r = v.mentions.get(i)?;
    match (&r.mention.expr, &r.value) {
        (Expr::Number(a), Value::Number { exact, interval }) if a.exact > 0.0 && !a.vague => {
            Some((*exact, *interval, ""))
        }
        (Expr::Quantity { amount: a, .. }, Value::Quantity(q)) if a.exact > 0.0 && !a.vague => {
            Some((
                q.exact,
                q.interval,
                q.currency.as_deref().unwrap_or(q.unit.as_str()),
            ))
        }
        _ => None,
    }
}

/// Two units that count the same thing: equal, or one of them a bare number
/// ("to 2.6 billion euros from 2.2 billion").
pub(crate) fn same_unit(a: &str, b: &str) -> bool {
    a.is_empty() || b.is_empty() || a.eq_ignore_ascii_case(b)
}

/// A percentage or a fraction, in per cent, at the writer's precision: an
/// unhedged "16.2%" is 16.15–16.25 and "10%" is 9.5–10.5 (a reporter rounds
/// a share to its last written digit, not to the tens); a fraction word ("a
/// quarter") is loose by a tenth of itself; a hedge ("nearly 60 per cent",
/// "about a fifth") keeps the extractor's wider interval.
pub(crate) fn share(v: &DocView<'_>, i: usize) -> Option<(f64, Interval)> {
    let r = v.mentions.get(i)?;
    let hedged = r.mention.hedge.is_some();
    match (&r.mention.expr, &r.value) {
        (Expr::Percent(a), Value::Number { interval, .. }) if !a.vague => {
            if hedged {
                return Some((a.exact, *interval));
            }
            let half = 0.5 * 10f64.powi(-(decimals(v, i) as i32));
            Some((a.exact, Interval::closed(a.exact - half, a.exact + half)))
        }
        (Expr::Fraction(a), Value::Number { interval, .. }) if !a.vague => {
            let p = a.exact * 100.0;
            let loose = Interval::closed(p * 0.9, p * 1.1);
            Some((p, loose.hull(&interval.scale(100.0))))
        }
        _ => None,
    }
}

/// The prose between the end of mention `a` and the start of mention `b`.
pub(crate) fn between<'a>(v: &'a DocView<'_>, a: usize, b: usize) -> Option<&'a str> {
    let (x, y) = (v.mentions.get(a)?, v.mentions.get(b)?);
    v.doc.prose.get(x.mention.span.end..y.mention.span.start)
}

/// The decimals written in mention `i`'s number ("16.2%": 1).
pub(crate) fn decimals(v: &DocView<'_>, i: usize) -> usize {
    let text = v.text(i);
    let number: String = text
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    number.split_once('.').map_or(0, |(_, f)| f.len())
}

/// Lower-case words of `text`, in order, a typographic apostrophe read as
/// a straight one ("Fellmoor’s" → "ashgrove's"): the rules that read words
/// near a mention share this one tokenizer.
pub(crate) fn word_iter(text: &str) -> impl DoubleEndedIterator<Item = String> + '_ {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase().replace('’', "'"))
}

/// [`word_iter`], collected.
pub(crate) fn words(text: &str) -> Vec<String> {
    word_iter(text).collect()
}

/// The mention indices in the sentence of mention `i`: mentions are in text
/// order, so the sentence is a run around `i` with no sentence break between
/// neighbours. Each step asks only about the text between two neighbouring
/// mentions, so a run costs the length of its sentence, not its square.
pub(crate) fn sentence_run(v: &DocView<'_>, i: usize) -> std::ops::Range<usize> {
    let start = |k: usize| v.mentions[k].mention.span.start;
    // A scan of each gap, not the document-wide sentence window: the rules
    // that call this jump between a few figures, and each jump would
    // otherwise rebuild the window.
    let same = |a: usize, b: usize| {
        crate::reading::view::same_sentence_scan(&v.doc.prose, start(a), start(b))
    };
    let near = v.near(i, 600);
    let mut lo = i;
    while lo > near.start && same(lo - 1, lo) {
        lo -= 1;
    }
    let mut hi = i + 1;
    while hi < near.end && same(hi - 1, hi) {
        hi += 1;
    }
    lo..hi
}
