#![doc = include_str!("../../docs/rules/percent-change.md")]

use super::figures::{amount, between, decimals, same_unit, sentence_run, share, words};
use super::{Applicability, Check, CheckContext, DocView, Finding, Fix, Label};
use crate::config::reading::Direction;
use crate::extract::Expr;
use crate::reading::lexicon::ReadingLexicon;
use crate::value::interval::Interval;

/// The rule.
pub struct PercentChange;

/// Words right after a percentage that make it a difference of percentages,
/// not a change ("rose 3 points to 45%").
const POINTS: [&str; 5] = ["point", "points", "pts", "percentage", "basis"];

/// The factor a verb of multiplying states, by lemma.
const FACTORS: [(&str, f64); 4] = [
    ("double", 2.0),
    ("triple", 3.0),
    ("quadruple", 4.0),
    ("halve", 0.5),
];

impl Check for PercentChange {
    fn id(&self) -> &'static str {
        "percent-change"
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        let lex = &*crate::reading::lexicon::DEFAULT;
        for (d, v) in cx.docs.iter().enumerate() {
            for i in 0..v.mentions.len() {
                let found = match v.mentions[i].mention.expr {
                    Expr::Percent(_) | Expr::Fraction(_) => by_percent(v, i, lex),
                    Expr::Number(_) | Expr::Quantity { .. } => by_factor(v, i, lex),
                    _ => None,
                };
                if let Some(c) = found {
                    out.push(c.finding(cx, self.id(), d, v));
                }
            }
        }
    }
}

/// A change told with its two figures, and what it states.
struct Change {
    /// The percentage (or the figure after "doubled to").
    stated: std::ops::Range<usize>,
    /// The figure it went to, and the one it came from.
    to: usize,
    from: usize,
    /// The change as stated and as computed: "+41%", "×2".
    claim_text: String,
    actual_text: String,
    /// The computed percentage at the writer's precision, for a fix.
    fix: Option<String>,
}

impl Change {
    fn finding(
        &self,
        cx: &CheckContext<'_>,
        id: &'static str,
        d: usize,
        v: &DocView<'_>,
    ) -> Finding {
        let label = |k: usize, what: &str| Label {
            doc: d,
            span: v.mentions[k].mention.span.clone(),
            message: format!("{what} {}", v.text(k)),
        };
        let primary = Label {
            doc: d,
            span: self.stated.clone(),
            message: format!(
                "{} stated; the figures give {}",
                self.claim_text, self.actual_text
            ),
        };
        let fix = self.fix.as_ref().and_then(|replacement| {
            let text = v.doc.text.get(self.stated.clone())?;
            let start = text.find(|c: char| c.is_ascii_digit())?;
            let len = text[start..]
                .find(|c: char| !(c.is_ascii_digit() || c == '.'))
                .unwrap_or(text.len() - start);
            let at = self.stated.start + start;
            Some(Fix {
                doc: d,
                span: at..at + len,
                replacement: replacement.clone(),
                // The figures may be the wrong half.
                applicability: Applicability::Unsafe,
            })
        });
        Finding::templated(
            cx.settings,
            id,
            cx.settings.severity(id),
            &[
                (
                    "change",
                    v.doc
                        .text
                        .get(self.stated.clone())
                        .unwrap_or("")
                        .to_string(),
                ),
                ("from", v.text(self.from).to_string()),
                ("to", v.text(self.to).to_string()),
                ("stated", self.claim_text.clone()),
                ("actual", self.actual_text.clone()),
                (
                    "arithmetic",
                    format!(
                        "{} → {} is {}, not {}",
                        v.text(self.from),
                        v.text(self.to),
                        self.actual_text,
                        self.claim_text
                    ),
                ),
            ],
            primary,
            vec![label(self.from, "from"), label(self.to, "to")],
            fix,
        )
    }
}

/// The direction word nearest before mention `i` in its clause (up to five
/// words back: "raised its estimate by 42%", "up 41%"), or the noun right
/// after it ("a 12% rise").
fn direction(v: &DocView<'_>, i: usize, lex: &ReadingLexicon) -> Option<Direction> {
    let start = v.mentions[i].mention.span.start;
    let lo = if i > 0 {
        v.mentions[i - 1]
            .mention
            .span
            .end
            .max(start.saturating_sub(60))
    } else {
        start.saturating_sub(60)
    };
    let before = v.doc.prose.get(lo..start).unwrap_or("");
    let clause = before
        .rsplit([',', ';', '.', '(', '\n'])
        .next()
        .unwrap_or("");
    let back = words(clause);
    if let Some(d) = back.iter().rev().take(5).find_map(|w| lex.direction(w)) {
        return Some(d);
    }
    let after = v
        .doc
        .prose
        .get(v.mentions[i].mention.span.end..)
        .unwrap_or("");
    let next = after.split_whitespace().next().unwrap_or("").to_lowercase();
    lex.verb(next.trim_matches(|c: char| !c.is_alphabetic()))
        .iter()
        .find(|s| s.form == crate::reading::lexicon::VerbForm::Base)
        .and_then(|s| s.direction)
}

/// How far after the change its figures may stand ("jumped 28% to $42.30 on
/// June 10 last year, from $35.85"): further on, a figure belongs to another clause.
const REACH: usize = 80;

/// The figures a change names after it: "to X" and "from Y", each the
/// figure right after its word (a determiner or an owner may stand between:
/// "from December's 117.9"). Only the first "to" and the first "from" of the
/// clause count, the first figure must follow the change closely ("rose 7.2
/// pct in January to 126.4"), and "to" comes before "from" or right after
/// its figure ("from $5.4bn to $5.6bn"). A qualifier ("on a comparable-store
/// basis") means the percentage is not the change of these figures.
fn to_and_from(v: &DocView<'_>, i: usize) -> Option<(Option<usize>, usize)> {
    let lex = &*crate::reading::lexicon::DEFAULT;
    let run = sentence_run(v, i);
    let end = v.mentions[i].mention.span.end;
    let mut to: Option<usize> = None;
    let mut from: Option<usize> = None;
    let mut prev_end = end;
    let mut first_figure = true;
    for k in i + 1..run.end {
        let m = &v.mentions[k];
        if m.mention.span.start > end + REACH || matches!(m.mention.expr, Expr::Percent(_)) {
            break;
        }
        if amount(v, k).is_none() {
            continue; // a date between ("to $42.30 on June 10 last year, from …")
        }
        // The words since the last figure, dates included ("from December's 117.9").
        let gap = v.doc.prose.get(prev_end..m.mention.span.start)?;
        if gap.contains(';') {
            break;
        }
        let ws = words(gap);
        if ws
            .iter()
            .any(|w| lex.change_qualifiers.contains(w.as_str()))
        {
            return None;
        }
        prev_end = m.mention.span.end;
        // The word the figure follows, past a determiner or an owner.
        let lead = ws.iter().rev().find(|w| {
            !matches!(w.as_str(), "the" | "a" | "an" | "its" | "their")
                && !w.ends_with("'s")
                && !w.ends_with("’s")
        });
        let word = lead.map(String::as_str);
        // Words, not the numbers of a date between ("by 42% on 2024-09-30, to").
        let wordy = ws
            .iter()
            .filter(|w| w.chars().any(char::is_alphabetic))
            .count();
        if first_figure && wordy > 4 {
            return None;
        }
        first_figure = false;
        // Another "to" or "from" before this figure's own word: a later clause.
        let says = |w: &str| ws.iter().filter(|x| *x == w).count();
        // "up 20% compared with €1.02bn": where it came from, right after the
        // change. After "rose 31.3 pct to 154,711", "compared with 146,610 in
        // April" may be another base (the month before, not the year).
        let compared = k == i + 1
            && ws.len() >= 2
            && ws[ws.len() - 2] == "compared"
            && matches!(word, Some("with" | "to"))
            && crate::reading::is_figure(&v.doc.prose, m);
        match word {
            _ if compared && from.is_none() && says("from") == 0 => from = Some(k),
            Some("to") if to.is_none() && says("from") == 0 => to = Some(k),
            // "closed down 14.1% at 235p, from 245p": where it ended.
            Some("at") if to.is_none() && k == i + 1 && says("from") == 0 => to = Some(k),
            Some("from") if from.is_none() && says("to") == 0 => from = Some(k),
            // Another figure first: a list's next item, or another clause.
            _ => break,
        }
        if to.is_some() && from.is_some() {
            break;
        }
    }
    let from = from?;
    // "from Y to X": X right after Y; otherwise "to" must come first.
    if let Some(t) = to {
        if t > from && t != from + 1 {
            to = None;
        }
    }
    Some((to, from))
}

/// "rose 12% to $5.6bn from $5.4bn", "reached $4.8 million, up 41% from $4.2
/// million", "fell by a third to 800 from 1,200".
fn by_percent(v: &DocView<'_>, i: usize, lex: &ReadingLexicon) -> Option<Change> {
    let after = v
        .doc
        .prose
        .get(v.mentions[i].mention.span.end..)
        .unwrap_or("");
    // A change names where it came from: no "from" close after, no change
    // to check (most percentages are shares or rates).
    let window = after
        .as_bytes()
        .get(..after.len().min(REACH + 8))
        .unwrap_or(b"");
    // Or it was told first: "rose from 2,480 to 3,100, an increase of 25 per cent".
    let told_before = from_to_before(v, i);
    if told_before.is_none()
        && memchr::memmem::find(window, b"from").is_none()
        && memchr::memmem::find(window, b"compared").is_none()
    {
        return None;
    }
    let next = words(after.get(..after.len().min(24)).unwrap_or(""));
    if next.first().is_some_and(|w| POINTS.contains(&w.as_str())) {
        return None;
    }
    if matches!(v.mentions[i].mention.expr, Expr::Fraction(_)) {
        // A fraction is a change only as "by a third".
        let lo = v.mentions[i].mention.span.start.saturating_sub(4);
        if !v
            .doc
            .prose
            .get(lo..v.mentions[i].mention.span.start)?
            .ends_with("by ")
        {
            return None;
        }
    }
    let dir = direction(v, i, lex)?;
    // "a drop in inflation from 25 pct to 16.9": the percentage is a figure
    // of the change, not its size.
    let lo = v.mentions[i].mention.span.start.saturating_sub(6);
    if v.doc
        .prose
        .get(lo..v.mentions[i].mention.span.start)
        .is_some_and(|t| words(t).last().is_some_and(|w| w == "from" || w == "to"))
    {
        return None;
    }
    let (p, stated) = share(v, i)?;
    let (to, from) = match told_before {
        Some(figures) => figures,
        None => {
            let (to, from) = to_and_from(v, i)?;
            (to.or_else(|| figure_before(v, i, lex))?, from)
        }
    };
    if to == from {
        return None;
    }
    let (xe, _, xu) = amount(v, to)?;
    let (ye, _, yu) = amount(v, from)?;
    if !same_unit(xu, yu) || !comparable(xe, ye) || range_end(v, to) || range_end(v, from) {
        return None;
    }
    // The two figures of one change share the finest rounding written: "to
    // £260 from £200" says the 200 is good to the ten, not the hundred. Not
    // across units of counting: "to 967,000 tonnes from 1.1 mln" rounds the
    // million on its own.
    let finest = match (precision(v, to), precision(v, from)) {
        (Some((a, sa)), Some((b, sb))) if sa == sb => Some(a.min(b)),
        _ => None,
    };
    let (x0, x1) = written_to(v, to, finest)?;
    let (y0, y1) = written_to(v, from, finest)?;
    if y0 <= 0.0 {
        return None;
    }
    let actual = Interval::closed((x0 - y1) / y1 * 100.0, (x1 - y0) / y0 * 100.0);
    // Companies and agencies compute their percentages from unrounded
    // figures, and reporters round both again: a percentage within a point,
    // or a tenth of itself, of the figures' change is theirs to state.
    let slack = (p.abs() * 0.1).max(1.0);
    let loose = Interval::closed(stated.lo_value()? - slack, stated.hi_value()? + slack);
    // Sizes are compared, not signs: a quote can be inverse ("the yen rose
    // 0.8 pct to 153.50 from 154.67" yen to the dollar).
    let size = Interval::closed(
        actual.lo_value()?.abs().min(actual.hi_value()?.abs()),
        actual.lo_value()?.abs().max(actual.hi_value()?.abs()),
    );
    let size = if actual.contains(0.0) {
        Interval::closed(0.0, size.hi_value()?)
    } else {
        size
    };
    if loose.intersects(&size) {
        return None;
    }
    let mid = (xe - ye) / ye * 100.0;
    let places = decimals(v, i);
    let sign = |x: f64| if x < 0.0 { "−" } else { "+" };
    let fix = (matches!(v.mentions[i].mention.expr, Expr::Percent(_))
        && (mid > 0.0) == (dir == Direction::Up))
        .then(|| format!("{:.places$}", mid.abs()));
    Some(Change {
        stated: v.mentions[i].mention.span.clone(),
        to,
        from,
        claim_text: format!(
            "{}{}%",
            if dir == Direction::Up { "+" } else { "−" },
            trim(p)
        ),
        actual_text: format!("{}{:.1}%", sign(mid), mid.abs()),
        fix,
    })
}

/// The change's words between its figures and a percentage told after them:
/// ", an increase of", ", up", "— a fall of".
const TOLD_AFTER: [&[&str]; 14] = [
    &["up"],
    &["down"],
    &["an", "increase", "of"],
    &["a", "rise", "of"],
    &["a", "jump", "of"],
    &["a", "gain", "of"],
    &["a", "fall", "of"],
    &["a", "drop", "of"],
    &["a", "decline", "of"],
    &["a", "decrease", "of"],
    &["a", "reduction", "of"],
    &["a", "cut", "of"],
    &["or", "an", "increase", "of"],
    &["or", "a", "fall", "of"],
];

/// "rose from 2,480 to 3,100, an increase of 25 per cent", "fell from 12 to
/// nine, down 25%": the figures told before the change, "from Y to X" right
/// before it. Returns (to, from).
fn from_to_before(v: &DocView<'_>, i: usize) -> Option<(usize, usize)> {
    let (to, from) = (i.checked_sub(1)?, i.checked_sub(2)?);
    let span = |k: usize| v.mentions[k].mention.span.clone();
    let prose = &v.doc.prose;
    // ", an increase of": a comma or dash, then the change's words only
    // (tested on the bytes first: most percentages follow no such link).
    let link = prose.get(span(to).end..span(i).start)?.trim();
    if link.len() > 32 {
        return None;
    }
    let link = link.strip_prefix([',', '\u{2014}', '\u{2013}'])?;
    let joined = prose.get(span(from).end..span(to).start)?.trim();
    if !joined.eq_ignore_ascii_case("to") {
        return None;
    }
    let lead = prose.get(..span(from).start)?.trim_end();
    let from_word = lead.len() >= 4
        && lead.is_char_boundary(lead.len() - 4)
        && lead[lead.len() - 4..].eq_ignore_ascii_case("from")
        && !lead[..lead.len() - 4].ends_with(|c: char| c.is_alphanumeric());
    let said = words(link);
    (from_word
        && TOLD_AFTER.contains(
            &said
                .iter()
                .map(String::as_str)
                .collect::<Vec<_>>()
                .as_slice(),
        ))
    .then_some((to, from))
}

/// "$4.8 million, up 41%", "placed 4,890 animals with families in 2024, up
/// 35 percent": the figure a comma-set "up"/"down" restates, the nearest
/// before it in the clause (dates may stand between), within [`REACH`] bytes.
fn figure_before(v: &DocView<'_>, i: usize, lex: &ReadingLexicon) -> Option<usize> {
    let start = v.mentions[i].mention.span.start;
    let run = sentence_run(v, i);
    let k = (run.start..i)
        .rev()
        .take_while(|&k| v.mentions[k].mention.span.end + REACH >= start)
        .find(|&k| {
            amount(v, k).is_some() || matches!(v.mentions[k].mention.expr, Expr::Percent(_))
        })?;
    amount(v, k)?;
    let gap = between(v, k, i)?;
    if gap.contains([';', '.']) {
        return None;
    }
    // ", up 41%": a comma, then the direction word (with "by" at most).
    let (_, tail) = gap.rsplit_once(',')?;
    let tail = words(tail);
    if tail.is_empty() || tail.len() > 2 || lex.direction(&tail[0]).is_none() {
        return None;
    }
    // "1.12 billion euros ($1.21 billion) in 2024, up 10%": the figure, not
    // its conversion in brackets.
    let prose = &v.doc.prose;
    let converted = k > run.start
        && prose
            .get(v.mentions[k - 1].mention.span.end..v.mentions[k].mention.span.start)
            .is_some_and(|t| t.trim() == "(")
        && prose
            .get(v.mentions[k].mention.span.end..)
            .is_some_and(|t| t.starts_with(')'));
    if converted {
        amount(v, k - 1)?;
        return Some(k - 1);
    }
    Some(k)
}

/// Two figures of one order of magnitude or near it: a thousandfold gap is a
/// scale word left out ("4.80 revenue passenger miles from 3.50 billion") or a
/// number that is no figure ("week ended April four").
fn comparable(x: f64, y: f64) -> bool {
    x > 0.0 && y > 0.0 && (x / y) < 1000.0 && (y / x) < 1000.0
}

/// A figure that is one end of a range ("15-20 billion"): no one value.
fn range_end(v: &DocView<'_>, k: usize) -> bool {
    let span = &v.mentions[k].mention.span;
    let prose = &v.doc.prose;
    let after = prose.get(span.end..).unwrap_or("");
    let before = prose.get(..span.start).unwrap_or("");
    // The dash is stepped over by its own length: an en dash is three bytes.
    let after_dash = after.strip_prefix(['-', '–']);
    let before_dash = before.strip_suffix(['-', '–']);
    after_dash.is_some_and(|t| t.starts_with(|c: char| c.is_ascii_digit()))
        || before_dash.is_some_and(|t| t.ends_with(|c: char| c.is_ascii_digit()))
}

/// Figure `k`'s written amount, its resolved value, and the factor between
/// them (a multiplier folded in at resolution: "6.2 billion").
fn scaled<'v>(v: &'v DocView<'_>, k: usize) -> Option<(&'v crate::extract::Amount, f64, f64)> {
    let a = match &v.mentions[k].mention.expr {
        Expr::Number(a) | Expr::Quantity { amount: a, .. } => a,
        _ => return None,
    };
    let (e, _, _) = amount(v, k)?;
    let scale = if a.exact == 0.0 { 1.0 } else { e / a.exact };
    Some((a, e, scale))
}

/// The written figure's precision in the resolved scale, and how many of its
/// units its digits count ("6.2 billion": 0.1 billion, and a billion;
/// "967,000 tonnes": 1,000, and one). Two figures whose digits count in
/// different units ("1.1 mln" beside "967,000") were rounded each its own way.
fn precision(v: &DocView<'_>, k: usize) -> Option<(f64, f64)> {
    let (a, e, scale) = scaled(v, k)?;
    if a.vague || a.precision <= 0.0 {
        return None;
    }
    let text = v.text(k);
    let start = text.find(|c: char| c.is_ascii_digit())?;
    let digits: String = text[start..]
        .chars()
        .take_while(|c| c.is_ascii_digit() || matches!(c, ',' | '.'))
        .filter(|&c| c != ',')
        .collect();
    let written: f64 = digits.trim_end_matches('.').parse().ok()?;
    let unit = if written == 0.0 {
        1.0
    } else {
        (e / written).round()
    };
    Some((a.precision * scale, unit))
}

/// What a figure can be at its writer's precision, hedge aside ("about
/// 2,100" is 2,050–2,150): a change's percentage is computed from the
/// figures as given, not from what a hedge allows. Rounded to `finest` (in
/// the resolved scale) where that is finer than the figure's own precision.
fn written_to(v: &DocView<'_>, k: usize, finest: Option<f64>) -> Option<(f64, f64)> {
    let (a, e, scale) = scaled(v, k)?;
    if a.precision <= 0.0 {
        return Some((e, e));
    }
    let own = a.precision * scale;
    let p = finest.filter(|&f| f > 0.0 && f < own).unwrap_or(own);
    let r = Interval::round_to_precision(e, p);
    Some((r.lo_value()?, r.hi_value()?))
}

/// "doubled to 90 from 40": a multiplying verb right before "to FIGURE",
/// against the figure after "from".
fn by_factor(v: &DocView<'_>, k: usize, lex: &ReadingLexicon) -> Option<Change> {
    let prev_end = k
        .checked_sub(1)
        .map_or(0, |p| v.mentions[p].mention.span.end);
    let start = v.mentions[k].mention.span.start;
    // Most figures do not follow "to": ask the bytes before allocating words.
    let head = v
        .doc
        .prose
        .get(start.saturating_sub(4)..start)
        .unwrap_or("");
    if !head.eq_ignore_ascii_case(" to ") && !head.ends_with("to ") {
        return None;
    }
    let gap = words(
        v.doc
            .prose
            .get(prev_end.max(start.saturating_sub(40))..start)?,
    );
    let [.., verb, to] = gap.as_slice() else {
        return None;
    };
    if to != "to" {
        return None;
    }
    let factor = lex
        .verb(verb)
        .iter()
        .find_map(|s| FACTORS.iter().find(|(l, _)| *l == s.lemma).map(|f| f.1))?;
    let hedge = gap.iter().rev().nth(2).map(String::as_str);
    // "may double or triple to 15-20 billion": no one factor is stated.
    if hedge == Some("or") || range_end(v, k) {
        return None;
    }
    // The verb's bytes: the stated change is what the finding points at.
    let lo = prev_end.max(start.saturating_sub(40));
    let window = v.doc.prose.get(lo..start)?.to_ascii_lowercase();
    let at = lo + window.rfind(verb.as_str())?;
    let verb_span = at..at + verb.len();
    let (_, from) = to_and_from(v, k)?;
    let (xe, x, xu) = amount(v, k)?;
    let (ye, y, yu) = amount(v, from)?;
    if !same_unit(xu, yu) {
        return None;
    }
    let (x0, x1, y0, y1) = (x.lo_value()?, x.hi_value()?, y.lo_value()?, y.hi_value()?);
    if y0 <= 0.0 {
        return None;
    }
    let actual = Interval::closed(x0 / y1, x1 / y0);
    // "More than doubled", "nearly doubled" bound one side; a bare "doubled"
    // is loose by a tenth.
    let claim = match hedge {
        Some("than") => Interval::closed(factor, f64::MAX),
        Some("nearly" | "almost") => Interval::closed(factor * 0.8, factor * 1.1),
        _ => Interval::closed(factor * 0.9, factor * 1.1),
    };
    if claim.intersects(&actual) {
        return None;
    }
    Some(Change {
        stated: verb_span,
        to: k,
        from,
        actual_text: format!("×{:.2}", xe / ye),
        claim_text: format!("×{}", trim(factor)),
        fix: None,
    })
}

/// 41.0 → "41", 16.2 → "16.2".
fn trim(x: f64) -> String {
    let s = format!("{x:.3}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

#[cfg(test)]
mod tests {
    use crate::check::testing::{findings, grouped, silent};

    const ID: &str = "percent-change";
    const HEAD: &str = "---\ndate: 2024-10-01\n---\n";

    #[test]
    fn changes_that_do_not_fit_their_figures() {
        for (text, fix) in [
            ("The modeller raised its estimate by 42% on Monday, to $6.2 billion from $5.0 billion.", Some("24")),
            ("The stock had jumped 28% to $42.30 on June 10 last year, from $35.85.", Some("18")),
            ("Shares fell 16.2% to 388 pence, from 413.5 pence at Tuesday's close.", Some("6.2")),
            ("Fundraising has reached $4.8 million, up 41% from $4.2 million a year ago.", Some("14")),
            ("The draft would raise spending 14.1% to 84.6 billion euros from 81.3 billion euros.", Some("4.1")),
            ("Visitor numbers have since risen 14%, to about 2,100 from 1,500 before the theft.", Some("40")),
            ("Sales fell 5% to 96,500 units from 120,400 units.", Some("20")),
            ("Fares will rise 15% to £260 from £200.", Some("30")),
            ("Output fell by a third to 1,040 tonnes from 1,260 tonnes.", None),
            ("The fleet doubled to 97 from 41 in five years.", None),
            ("The clinic saw 3,480 patients over the winter of 2024, up 31% from 3,020 a year earlier.", Some("15")),
            // The figures told first, the change after them.
            ("Entries to the marathon rose from 2,480 to 3,100, an increase of 20 per cent.", Some("25")),
            ("Daily ridership fell from 12,000 to 9,000, down 40%, after the fares rose.", Some("25")),
            // "compared with" the base, "at" the level it ended.
            ("Operating profit was €1.12bn, up 20% compared with €1.02bn a year ago.", Some("10")),
            ("Shares in the builder closed down 14.1% at 235p, from 245p on Wednesday.", Some("4.1")),
        ] {
            let f = findings(&format!("{HEAD}{text}\n"), ID);
            assert_eq!(f.len(), 1, "{text:?}: {f:#?}");
            assert_eq!(f[0].fix.as_ref().map(|x| x.replacement.as_str()), fix, "{text}");
            // The finding points at the stated change: the percentage, or the verb.
            let span = f[0].primary.span.clone();
            let stated = &format!("{HEAD}{text}\n")[span];
            assert!(stated.contains('%') || stated.contains("per cent") || stated.contains("third") || stated == "doubled", "{stated}");
        }
    }

    #[test]
    fn changes_that_fit_are_silent() {
        for text in [
            "The modeller raised its estimate by 24% on Monday, to $6.2 billion from $5.0 billion.",
            "Shares fell 6.2% to 388 pence, from 413.5 pence at Tuesday's close.",
            "Fundraising has reached $4.8 million, up 14% from $4.2 million a year ago.",
            "Visitor numbers have since risen 40%, to about 2,100 from 1,500 before the theft.",
            "Support rose 3 points to 45% from 42% in June.",
            "Support rose 3 percentage points to 45% from 42%.",
            "Output fell by a third to 840 tonnes from 1,260 tonnes.",
            "The fleet more than doubled to 90 from 40 in five years.",
            "The clinic saw 3,480 patients over the winter of 2024, up 15% from 3,020 a year earlier.",
            "The fleet doubled to 80 from 40 in five years.",
            "Unemployment fell to 5.1% from 5.3%, and inflation was 2%.",
            // Figures in two scales keep their own rounding.
            "Soymeal usage fell 10 pct to 967,000 tonnes from 1.1 mln.",
            "Revenue passenger miles rose 34.2 pct to 1.3 billion from 934.2 mln.",
            "The share of renewables rose 12% in 2023; output went to 40 terawatt hours from 30 in 2020.",
            // Another measure than the figures' change.
            "Sales rose six pct on a comparable-store basis to 108.6 mln dlrs from 89.3 mln dlrs.",
            // The figures belong to the next clause.
            "Re-exports fell by 6.6 pct, resulting in a surge in net imports from 175,901 to 251,708 tonnes.",
            // "From December's 117.9": the first "from" is the one.
            "The index rose 7.2 pct in January to 126.4 from December's 117.9 and from 124.6 a year ago.",
            // The figure before ", down": not the later "to".
            "Output was 86,000 tons, down 7.5 pct from 93,000 tons a week earlier and up from 59,000.",
            // Within a point of the figures' change.
            "Revenue rose 15.5 pct to 101.1 mln dlrs from 87.4 mln dlrs.",
            // An inverse quote: yen to the dollar.
            "The yen rose 0.8 pct to 153.50 in February from 154.67 in January.",
            // A list: the "from" is the next item's.
            "Sales were: Ardent 1,198, down 50 pct, Borel 2,145, down from 3,342, and Crane 4,635.",
            // A scale word left out, a number that is no figure.
            "Traffic rose 37 pct to 4.80 revenue passenger miles from 3.50 billion.",
            "Output reached 47.68 billion kWh in the week ended April four, up 11.1 pct from 42.91 billion.",
            // The percentage is one of the figures.
            "Figures showed a drop in inflation from 25 pct to 16.9 and a smaller deficit.",
            // Two factors, a range.
            "Buying may double or triple to 15-20 billion dlrs from seven billion in 1986.",
            "Wirebar use nearly doubled to 3,148,000 lbs in January from 1,540,000 lbs.",
            // Twins of the shapes above, and another base after "to X".
            "Entries to the marathon rose from 2,480 to 3,100, an increase of 25 per cent.",
            "Operating profit was €1.12bn, up 10% compared with €1.02bn a year ago.",
            "Shares in the builder closed down 4.1% at 235p, from 245p on Wednesday.",
            "Car exports rose 31.3 pct to 154,711, compared with 146,610 in April.",
            "Prices rose 5% compared with 2023 to 210, from 200 in 2024.",
        ] {
            silent(&format!("{HEAD}{text}\n"), ID);
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]

        /// A change whose percentage is computed from its own figures and
        /// rounded as a reporter rounds it is never flagged, in either
        /// direction, at any precision of the figures.
        #[test]
        fn a_computed_change_is_silent(
            from in 100u32..900_000,
            ratio in 0.05f64..3.0,
            decimals in 0usize..2,
        ) {
            let to = (f64::from(from) * ratio).round().max(1.0);
            let change = (to - f64::from(from)) / f64::from(from) * 100.0;
            proptest::prop_assume!(change.abs() >= 0.5);
            let verb = if change > 0.0 { "rose" } else { "fell" };
            let text = format!(
                "{HEAD}Sales {verb} {:.decimals$}% to {} units from {} units last year.\n",
                change.abs(),
                grouped(to as u64),
                grouped(u64::from(from))
            );
            let f = findings(&text, ID);
            proptest::prop_assert!(f.is_empty(), "{text}: {f:#?}");
        }

        /// A percentage off by more than a point and a tenth is flagged.
        #[test]
        fn a_wrong_percentage_is_flagged(from in 1_000u32..900_000, ratio in 1.05f64..2.5, off in 1.5f64..3.0) {
            let to = (f64::from(from) * ratio).round();
            let change = (to - f64::from(from)) / f64::from(from) * 100.0;
            let stated = change * off + 2.0;
            let text = format!(
                "{HEAD}Sales rose {stated:.0}% to {} units from {} units last year.\n",
                grouped(to as u64),
                grouped(u64::from(from))
            );
            let f = findings(&text, ID);
            proptest::prop_assert_eq!(f.len(), 1, "{}", text);
        }
    }
}
