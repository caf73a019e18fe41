#![doc = include_str!("../../docs/rules/sum-of-parts.md")]

use super::{fill, Check, CheckContext, DocView, Finding, Label};
use crate::extract::{Expr, Kind};
use crate::reading::{PartWhole, Reading, Tie};
use crate::resolve::Value;
use crate::value::interval::Interval;
use crate::value::units::Dimension;

/// Whether the words between a whole and "…, half of which" still belong to
/// the whole: a few words ("reserve,"), or a longer prepositional phrase
/// with no verb or clause in it ("of open water in a wet spring, roughly").
fn modifies_the_whole(gap: &str) -> bool {
    let words: Vec<&str> = gap.split_whitespace().collect();
    if words.len() <= 4 {
        return true;
    }
    let lex = &*crate::reading::lexicon::DEFAULT;
    let body = gap.trim_end_matches([',', '—', '(']);
    words.len() <= 10
        && matches!(
            words[0].to_lowercase().as_str(),
            "of" | "in" | "on" | "at" | "across" | "along" | "near" | "around" | "outside"
        )
        && !body.contains([',', '(', ')', '—', ';'])
        && words.iter().all(|w| {
            let w = w
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase();
            !matches!(
                w.as_str(),
                "and" | "but" | "which" | "that" | "who" | "where" | "when" | "while" | "as"
            ) && !lex.is_past(&w)
        })
}

/// The rule.
pub struct SumOfParts;

/// Words before a figure that make it "what is left" of a whole.
const REMAINDER: [&str; 8] = [
    "the remaining",
    "the rest (",
    "the rest,",
    "the rest —",
    "the rest:",
    "the other",
    "the remaining other",
    "leaving",
];

/// Words right after a fraction that make it a fraction of the figure before it.
const OF_WHICH: [&str; 5] = ["of which", "of it", "of them", "of whom", "of that"];

impl Check for SumOfParts {
    fn id(&self) -> &'static str {
        "sum-of-parts"
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        for (d, v) in cx.docs.iter().enumerate() {
            let s = Scan { cx, d, v };
            // Parts, wholes and shares as the sentence reading ties them.
            let reading = Reading::of(&v.doc.prose, v.mentions);
            let mut found: Vec<Finding> = Vec::new();
            for g in &reading.groups {
                found.extend(s.group(g, &reading));
            }
            for i in 0..v.mentions.len() {
                if let Some(f) = s.fraction_and_remainder(i) {
                    found.push(f);
                }
            }
            // One finding per primary span.
            found.sort_by_key(|f| (f.primary.span.start, f.primary.span.end));
            found.dedup_by(|a, b| a.primary.span == b.primary.span);
            out.extend(found);
        }
    }
}

struct Scan<'a> {
    cx: &'a CheckContext<'a>,
    d: usize,
    v: &'a DocView<'a>,
}

impl Scan<'_> {
    fn kind(&self, i: usize) -> Kind {
        self.v.mentions[i].mention.kind
    }

    fn span(&self, i: usize) -> std::ops::Range<usize> {
        self.v.mentions[i].mention.span.clone()
    }

    /// A count or a measure: a bare number or a quantity (not a percentage, fraction, date…).
    ///
    /// Vague counts ("several films") and bare four-digit years ("1947's") are not figures here.
    fn is_figure(&self, i: usize) -> bool {
        crate::reading::is_figure(&self.v.doc.prose, &self.v.mentions[i])
    }

    /// Temporal mentions may sit between the figures of a shape ("on Tuesday").
    fn is_temporal(&self, i: usize) -> bool {
        matches!(self.kind(i), Kind::Date | Kind::Time)
    }

    /// Lower-cased prose from `a` to `b`.
    fn between(&self, a: usize, b: usize) -> String {
        self.v.doc.prose.get(a..b).unwrap_or("\u{0}").to_lowercase()
    }

    /// The prose before mention `i`, back to the end of the mention before it
    /// (or 60 bytes), lower-cased and trimmed at the end.
    fn before(&self, i: usize) -> String {
        let start = self.span(i).start;
        let from = if i > 0 {
            self.span(i - 1).end.min(start)
        } else {
            start.saturating_sub(60)
        };
        let mut from = from.max(start.saturating_sub(60));
        while !self.v.doc.prose.is_char_boundary(from) {
            from += 1;
        }
        self.between(from, start).trim_end().to_string()
    }

    fn same_sentence(&self, i: usize, j: usize) -> bool {
        let (a, b) = (self.span(i.min(j)).start, self.span(i.max(j)).end);
        self.v.same_sentence(a, b)
    }

    fn label(&self, i: usize, role: &str) -> Label {
        Label {
            doc: self.d,
            span: self.span(i),
            message: format!(
                "{role}: {}",
                show_interval(
                    &interval_of(&self.v.mentions[i].value).unwrap_or(Interval::unbounded())
                )
            ),
        }
    }

    fn finding(
        &self,
        primary: Label,
        secondary: Vec<Label>,
        problem: String,
        arithmetic: String,
    ) -> Finding {
        let id = "sum-of-parts";
        let vars = [("problem", problem), ("arithmetic", arithmetic)];
        Finding {
            rule: id,
            severity: self.cx.settings.severity(id),
            message: fill(self.cx.settings.message(id), &vars),
            primary,
            secondary,
            help: Some(fill(self.cx.settings.help(id), &vars)),
            fix: None,
        }
    }

    fn written(&self, i: usize) -> String {
        self.v.text(i).to_string()
    }

    /// `x` written as measure `like` is ("£5.2bn" beside "£4.2bn", "12 km"
    /// beside "8 km"); a plain number beside a count.
    fn shown_like(&self, x: f64, like: usize) -> String {
        let measure = matches!(&self.v.mentions[like].value,
            Value::Quantity(q) if q.dimension != crate::value::units::Dimension::Count);
        let text = self.v.text(like);
        let digits = |c: char| c.is_ascii_digit() || c == ',' || c == '.';
        let Some(start) = text.find(|c: char| c.is_ascii_digit()).filter(|_| measure) else {
            return fmt_num(x);
        };
        let end = text[start..]
            .find(|c| !digits(c))
            .map_or(text.len(), |e| start + e);
        let number = text[start..end].trim_end_matches(['.', ',']);
        let end = start + number.len();
        match number.replace(',', "").parse::<f64>() {
            Ok(shown) if shown > 0.0 => {
                let scale = self.exact(like) / shown;
                format!("{}{}{}", &text[..start], fmt_num(x / scale), &text[end..])
            }
            _ => fmt_num(x),
        }
    }

    fn exact(&self, i: usize) -> f64 {
        match &self.v.mentions[i].value {
            Value::Number { exact, .. } => *exact,
            Value::Quantity(q) => q.exact,
            _ => f64::NAN,
        }
    }

    /// The findings of one part-whole group of the reading: a remainder that
    /// does not make up the whole, parts that add up to more than it, a part
    /// larger than it, a share that is not the part's share of it.
    fn group(&self, g: &PartWhole, reading: &Reading) -> Vec<Finding> {
        let mut out = Vec::new();
        let w = g.whole;
        let fig = |k: usize| self.is_figure(k);
        if !fig(w) || !g.parts.iter().all(|&k| fig(k)) || !g.remainder.is_none_or(fig) {
            return out;
        }
        let sum_of = |ks: &[usize]| -> Option<(Interval, Interval)> {
            let mut whole = self.comparable(w, w)?.0;
            let mut sum = Interval::point(0.0);
            for &k in ks {
                let (wk, p) = self.comparable(w, k)?;
                whole = whole.intersection(&wk).unwrap_or(whole);
                sum = sum.add(&self.counted_exactly(k).unwrap_or(p));
            }
            Some((self.counted_exactly(w).unwrap_or(whole), sum))
        };
        // Figures as the whole is written: "£3bn + £2.2bn = £5.2bn" for money
        // and other measures, plain numbers for counts ("300 + 220").
        let num = |x: f64| self.shown_like(x, w);
        let terms = |ks: &[usize]| -> (String, f64) {
            let t: Vec<String> = ks.iter().map(|&k| num(self.exact(k))).collect();
            (t.join(" + "), ks.iter().map(|&k| self.exact(k)).sum())
        };
        if let Some(r) = g.remainder {
            let mut all = g.parts.clone();
            all.push(r);
            if g.parts.is_empty() {
                return out;
            }
            if let Some((whole, sum)) = sum_of(&all) {
                if !sum.intersects(&whole) {
                    let (t, total) = terms(&all);
                    let problem = format!("{t} do not add up to {}", self.written(w));
                    let arithmetic = format!("{t} = {}, not {}", num(total), num(self.exact(w)));
                    let mut secondary = vec![self.label(w, "the whole")];
                    secondary.extend(g.parts.iter().map(|&k| self.label(k, "a part")));
                    out.push(self.finding(
                        self.label(r, "the rest"),
                        secondary,
                        problem,
                        arithmetic,
                    ));
                }
            }
        } else {
            // A part larger than its whole. "A of the B" is sure of the count only
            // when both count one thing ("35,000 of the two models" counts cars).
            for &p in g
                .parts
                .iter()
                .filter(|&&p| g.how != Tie::Of || reading.same_count(w, p))
            {
                let Some((whole, part)) = self.comparable(w, p) else {
                    continue;
                };
                let above = match (part.lo_value(), whole.hi_value()) {
                    (Some(lo), Some(hi)) => lo > hi || (lo == hi && !part.intersects(&whole)),
                    _ => false,
                };
                if above {
                    let problem = format!(
                        "{} is more than the {} it is part of",
                        self.written(p),
                        self.written(w)
                    );
                    let arithmetic = format!(
                        "a part cannot exceed its whole: {} > {}",
                        num(self.exact(p)),
                        num(self.exact(w))
                    );
                    out.push(self.finding(
                        self.label(p, "the part"),
                        vec![self.label(w, "the whole")],
                        problem,
                        arithmetic,
                    ));
                    return out;
                }
            }
            // Parts that add up to more than the whole (parts of one whole do not overlap).
            if g.parts.len() >= 2 {
                if let Some((whole, sum)) = sum_of(&g.parts) {
                    let over = matches!((sum.lo_value(), whole.hi_value()), (Some(lo), Some(hi)) if lo >= hi);
                    if over && !sum.intersects(&whole) {
                        let (t, total) = terms(&g.parts);
                        let problem = format!("{t} add up to more than {}", self.written(w));
                        let arithmetic =
                            format!("{t} = {}, more than {}", num(total), num(self.exact(w)));
                        let last = *g.parts.last().unwrap_or(&w);
                        let mut secondary = vec![self.label(w, "the whole")];
                        secondary.extend(
                            g.parts[..g.parts.len() - 1]
                                .iter()
                                .map(|&k| self.label(k, "a part")),
                        );
                        out.push(self.finding(
                            self.label(last, "a part"),
                            secondary,
                            problem,
                            arithmetic,
                        ));
                    }
                    // A whole shared out ("were randomized") is made up by its parts.
                    let under = matches!((sum.hi_value(), whole.lo_value()), (Some(hi), Some(lo)) if hi <= lo);
                    if g.how == Tie::Split && under && !sum.intersects(&whole) {
                        let (t, total) = terms(&g.parts);
                        let problem = format!("{t} do not add up to {}", self.written(w));
                        let arithmetic =
                            format!("{t} = {}, not {}", num(total), num(self.exact(w)));
                        let secondary = g.parts.iter().map(|&k| self.label(k, "a part")).collect();
                        out.push(self.finding(
                            self.label(w, "the whole"),
                            secondary,
                            problem,
                            arithmetic,
                        ));
                    }
                }
            }
        }
        // A share that share-of-total reads and finds wrong is its finding;
        // one wrong share is told once.
        let told_by_share_rule = |c: usize| {
            self.cx.settings.enabled("share-of-total")
                && super::share_of_total::finds_wrong(self.v, c)
        };
        for &(a, c) in &g.shares {
            // Asked only of a wrong share: reading it again costs.
            if let Some(f) = self.share(a, w, c).filter(|_| !told_by_share_rule(c)) {
                out.push(f);
            }
        }
        out
    }

    /// What a percentage written beside a part can mean. A writer who works out
    /// a share rounds it: "about 75%" is not 65%, though a hedge on a count may
    /// stretch by 15%. So: its rounding, and with "about" a further 1.5 points
    /// (2.5 at a multiple of five, "about 60%").
    fn share_written(&self, c: usize) -> Option<Interval> {
        let m = &self.v.mentions[c].mention;
        let Expr::Percent(a) = &m.expr else {
            return interval_of(&self.v.mentions[c].value);
        };
        if a.vague {
            return interval_of(&self.v.mentions[c].value);
        }
        let half = if a.precision > 0.0 {
            a.precision / 2.0
        } else {
            0.5
        };
        let x = a.exact;
        let slack = match m.hedge {
            None => 0.0,
            Some(_) if (x / 5.0).fract() == 0.0 => 2.5,
            Some(_) => 1.5,
        };
        Some(Interval::closed(x - half - slack, x + half + slack))
    }

    /// The percentage `c` written as the share of part `a` in whole `b`.
    fn share(&self, a: usize, b: usize, c: usize) -> Option<Finding> {
        if !self.is_figure(a) || !self.is_figure(b) || self.kind(c) != Kind::Percent {
            return None;
        }
        let (total, part) = self.comparable(b, a)?;
        let pct = self.share_written(c)?;
        let (pl, ph, tl, th) = (
            part.lo_value()?,
            part.hi_value()?,
            total.lo_value()?,
            total.hi_value()?,
        );
        if tl <= 0.0 || pl < 0.0 {
            return None;
        }
        let share = Interval::closed(pl / th * 100.0, ph / tl * 100.0);
        if share.intersects(&pct) {
            return None;
        }
        let ratio = self.exact(a) / self.exact(b) * 100.0;
        let problem = format!(
            "{} of {} is not {}",
            fmt_num(self.exact(a)),
            fmt_num(self.exact(b)),
            self.written(c)
        );
        let arithmetic = format!(
            "{} / {} = {}%, not {}",
            fmt_num(self.exact(a)),
            fmt_num(self.exact(b)),
            fmt_num(ratio),
            self.written(c)
        );
        let mut primary = self.label(c, "the percentage");
        primary.message = format!("the percentage: {}%", show_interval(&pct));
        Some(self.finding(
            primary,
            vec![self.label(a, "the count"), self.label(b, "the total")],
            problem,
            arithmetic,
        ))
    }

    /// "the 2,000-hectare reserve, half of which burned, leaving 1,900 hectares untouched".
    fn fraction_and_remainder(&self, f: usize) -> Option<Finding> {
        if !matches!(self.kind(f), Kind::Fraction | Kind::Percent) {
            return None;
        }
        let fs = self.span(f);
        let after = self.between(fs.end, (fs.end + 12).min(self.v.doc.prose.len()));
        let after = after.trim_start();
        if !OF_WHICH.iter().any(|m| after.starts_with(m)) {
            return None;
        }
        let w = f.checked_sub(1)?;
        if !self.is_figure(w) || !self.same_sentence(w, f) {
            return None;
        }
        // "the 2,000-hectare reserve, a quarter of which": a few words and a comma.
        let gap = self.between(self.span(w).end, fs.start);
        let gap = gap.trim();
        if !(gap.ends_with(',') || gap.ends_with('—') || gap.ends_with('('))
            || !modifies_the_whole(gap)
            || gap
                .chars()
                .any(|c| c.is_ascii_digit() || matches!(c, '.' | ';'))
        {
            return None;
        }
        let frac = match &self.v.mentions[f].value {
            Value::Number { interval, .. } if self.kind(f) == Kind::Percent => interval.scale(0.01),
            Value::Number { interval, .. } => *interval,
            _ => return None,
        };
        let r = (f + 1..self.v.mentions.len()).find(|&k| !self.is_temporal(k))?;
        if !self.is_figure(r) || !self.same_sentence(f, r) {
            return None;
        }
        let before = self.before(r);
        // "half of which, or 1,000 hectares, burned": the share itself.
        let link = self.between(fs.end, self.span(r).start);
        let share_itself = OF_WHICH.iter().any(|m| {
            matches!(
                link.trim().strip_prefix(m).map(str::trim),
                Some(", or" | "(" | "—" | ", some" | ", about")
            )
        });
        let remainder = REMAINDER.iter().any(|p| before.ends_with(p));
        if !share_itself && !remainder {
            return None;
        }
        let (whole, got) = self.comparable(w, r)?;
        let written_frac = frac_exact(&self.v.mentions[f].value, self.kind(f));
        let (factor, k) = if share_itself {
            (frac, written_frac)
        } else {
            (Interval::point(1.0).sub(&frac), 1.0 - written_frac)
        };
        if whole.mul(&factor).intersects(&got) {
            return None;
        }
        let factor_text = fmt_frac(k);
        let product = self.exact(w) * k;
        let problem = format!(
            "{} is not {} of {}",
            self.written(r),
            factor_text,
            self.written(w)
        );
        let arithmetic = format!(
            "{} × {factor_text} = {}, not {}",
            fmt_num(self.exact(w)),
            fmt_num(product),
            fmt_num(self.exact(r))
        );
        Some(self.finding(
            self.label(
                r,
                if share_itself {
                    "the share"
                } else {
                    "the rest"
                },
            ),
            vec![self.label(w, "the whole"), self.label(f, "the fraction")],
            problem,
            arithmetic,
        ))
    }

    /// The intervals of the whole `w` and the part `p` on one scale: the same
    /// unit, the same dimension's base unit, or counts. A bare number takes
    /// the other figure's unit ("2,000 hectares … leaving 1,900").
    fn comparable(&self, w: usize, p: usize) -> Option<(Interval, Interval)> {
        let (x, y) = self.comparable_as_written(w, p)?;
        // Figures set side by side in one statement share the finest rounding
        // written: "2,000 hectares … leaving 1,900" says the 2,000 is good to
        // the hundred, not just the thousand. Hedged and vague figures keep theirs.
        let same_scale = matches!(
            (&self.v.mentions[w].value, &self.v.mentions[p].value),
            (Value::Number { .. }, _) | (_, Value::Number { .. })
        ) || matches!((&self.v.mentions[w].value, &self.v.mentions[p].value), (Value::Quantity(a), Value::Quantity(b))
            if a.unit == b.unit
                // Counts are on one scale whatever they count ("32 teams … the
                // other 10 went home", where the reader took "went" for a noun).
                || (a.dimension == Dimension::Count && b.dimension == Dimension::Count));
        if !same_scale {
            return Some((x, y));
        }
        let finest = match (self.precision(w), self.precision(p)) {
            (Some(a), Some(b)) => a.min(b),
            _ => return Some((x, y)),
        };
        Some((
            self.tightened(w, finest).unwrap_or(x),
            self.tightened(p, finest).unwrap_or(y),
        ))
    }

    /// A count written to the unit, with no hedge ("11 deaths", "seven"): people
    /// and things are counted whole, so it is that number exactly, not 10.5–11.5.
    fn counted_exactly(&self, i: usize) -> Option<Interval> {
        let is_count = match &self.v.mentions[i].value {
            Value::Number { .. } => true,
            Value::Quantity(q) => q.dimension == crate::value::units::Dimension::Count,
            _ => false,
        };
        let p = self.precision(i)?;
        let x = self.exact(i);
        (is_count && p <= 1.0 && x.fract() == 0.0 && x.abs() < 1e9).then(|| Interval::point(x))
    }

    /// The precision a figure was written to, when it is an unhedged, definite number.
    fn precision(&self, i: usize) -> Option<f64> {
        let m = &self.v.mentions[i].mention;
        if m.hedge.is_some() {
            return None;
        }
        match &m.expr {
            Expr::Number(a) | Expr::Quantity { amount: a, .. } if !a.vague && a.precision > 0.0 => {
                Some(a.precision)
            }
            _ => None,
        }
    }

    /// The figure's interval rounded to `finest` instead of its own rounding.
    fn tightened(&self, i: usize, finest: f64) -> Option<Interval> {
        let m = &self.v.mentions[i].mention;
        match &m.expr {
            Expr::Number(a) | Expr::Quantity { amount: a, .. }
                if m.hedge.is_none() && !a.vague && finest < a.precision =>
            {
                Some(Interval::round_to_precision(a.exact, finest))
            }
            _ => None,
        }
    }

    fn comparable_as_written(&self, w: usize, p: usize) -> Option<(Interval, Interval)> {
        let (a, b) = (&self.v.mentions[w].value, &self.v.mentions[p].value);
        match (a, b) {
            (Value::Number { interval: x, .. }, Value::Number { interval: y, .. }) => {
                Some((*x, *y))
            }
            (Value::Number { interval: x, .. }, Value::Quantity(q)) => Some((*x, q.interval)),
            (Value::Quantity(q), Value::Number { interval: y, .. }) => Some((q.interval, *y)),
            (Value::Quantity(qa), Value::Quantity(qb)) => {
                let (x, ua, da, ba, ca) = (
                    &qa.interval,
                    &qa.unit,
                    &qa.dimension,
                    &qa.base,
                    &qa.currency,
                );
                let (y, ub, db, bb, cb) = (
                    &qb.interval,
                    &qb.unit,
                    &qb.dimension,
                    &qb.base,
                    &qb.currency,
                );
                if ua == ub || (da == db && ca.is_some() && ca == cb) {
                    Some((*x, *y))
                } else if da == db && ba.is_some() && bb.is_some() {
                    Some((*ba.as_ref()?, *bb.as_ref()?))
                } else if *da == crate::value::units::Dimension::Count
                    && *db == crate::value::units::Dimension::Count
                {
                    Some((*x, *y))
                } else {
                    None
                }
            }
            _ => None,
        }
    }
}

fn interval_of(v: &Value) -> Option<Interval> {
    match v {
        Value::Number { interval, .. } => Some(*interval),
        Value::Quantity(q) => Some(q.interval),
        _ => None,
    }
}

fn frac_exact(v: &Value, kind: Kind) -> f64 {
    match v {
        Value::Number { exact, .. } if kind == Kind::Percent => exact / 100.0,
        Value::Number { exact, .. } => *exact,
        _ => f64::NAN,
    }
}

/// "3/4", "1/2", "60%".
fn fmt_frac(x: f64) -> String {
    for den in [2u32, 3, 4, 5, 8, 10] {
        let num = x * f64::from(den);
        if (num - num.round()).abs() < 1e-6 && num.round() > 0.0 {
            return format!("{}/{den}", num.round());
        }
    }
    format!("{}%", fmt_num(x * 100.0))
}

/// "1,500", "74.5", "66.67".
fn fmt_num(x: f64) -> String {
    if !x.is_finite() {
        return x.to_string();
    }
    if (x - x.round()).abs() < 1e-6 {
        let digits = format!("{}", x.round().abs() as i64);
        let mut out = String::new();
        for (k, ch) in digits.chars().enumerate() {
            if k > 0 && (digits.len() - k) % 3 == 0 {
                out.push(',');
            }
            out.push(ch);
        }
        if x < 0.0 {
            out.insert(0, '-');
        }
        return out;
    }
    let s = format!("{x:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

fn show_interval(iv: &Interval) -> String {
    match (iv.lo_value(), iv.hi_value()) {
        (Some(a), Some(b)) if (a - b).abs() < 1e-9 => fmt_num(a),
        (Some(a), Some(b)) => format!("{}–{}", fmt_num(a), fmt_num(b)),
        (Some(a), None) => format!("over {}", fmt_num(a)),
        (None, Some(b)) => format!("under {}", fmt_num(b)),
        (None, None) => "any".into(),
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::{findings, silent};

    const ID: &str = "sum-of-parts";

    #[test]
    fn parts_that_do_not_add_up_are_caught() {
        for text in [
            "Of the 120 delegates, 75 voted in favour and the remaining 35 abstained.",
            "Of the 120 delegates, 75 voted in favour and the rest (35) abstained.",
            "Of the 120 delegates, 75 voted in favour and the other 35 abstained.",
            "Of the 300 homes, 120 were destroyed, 90 were damaged and the remaining 190 were untouched.",
            // A remainder told by what befell it: "nine missing" counts people.
            "Of the 45 people on board, 38 were rescued, leaving nine missing.",
        ] {
            let f = findings(text, ID);
            assert_eq!(f.len(), 1, "{text:?}: {f:#?}");
        }
        let f = findings(
            "Of the 120 delegates, 75 voted in favour and the remaining 35 abstained.",
            ID,
        );
        assert_eq!(f[0].help.as_deref(), Some("75 + 35 = 110, not 120"));
    }

    #[test]
    fn a_part_larger_than_its_whole_is_caught() {
        let f = findings("1,200 people were evacuated, including 1,500 children.", ID);
        assert_eq!(f.len(), 1, "{f:#?}");
        // Nouns of one kind (the lexicon's `noun-kinds`), not one noun.
        let f = findings(
            "The ferry was carrying 212 passengers, including 240 schoolchildren.",
            ID,
        );
        assert_eq!(f.len(), 1, "{f:#?}");
        silent(
            "The ferry was carrying 312 passengers, including 240 schoolchildren.",
            ID,
        );
        silent(
            "Of the 45 people on board, 38 were rescued, leaving seven missing.",
            ID,
        );
    }

    #[test]
    fn a_count_and_a_wrong_percentage_are_caught() {
        for text in [
            "Labour won 48 of the 60 seats (about 60%).",
            "Labour won 48 out of 60 seats, or 60 percent.",
        ] {
            let f = findings(text, ID);
            assert_eq!(f.len(), 1, "{text:?}: {f:#?}");
        }
    }

    #[test]
    fn a_whole_with_a_long_modifier_before_its_fraction() {
        let planted = "The lake once covered about 1,300 square kilometers of open water in a wet spring, roughly half of which has since dried up, leaving some 1,100 square kilometers under water.";
        assert_eq!(findings(planted, ID).len(), 1, "{planted}");
        let twin = planted.replace("some 1,100", "some 650");
        assert!(findings(&twin, ID).is_empty(), "{twin}");
        // A clause between them is another statement: not read.
        let clause = "The lake covered about 1,300 square kilometers in spring when the rains came, half of which dried up, leaving 1,100 square kilometers.";
        assert!(findings(clause, ID).is_empty(), "{clause}");
    }

    #[test]
    fn a_fraction_and_a_wrong_remainder_are_caught() {
        let f = findings(
            "The fire reached the 2,000-hectare reserve, half of which burned, leaving 1,900 hectares untouched.",
            ID,
        );
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].help.as_deref(), Some("2,000 × 1/2 = 1,000, not 1,900"));
        // Written beside 1,900, the 2,000 is good to the hundred: three quarters is 1,500.
        let f = findings(
            "The fire reached the 2,000-hectare reserve, a quarter of which burned, leaving 1,900 hectares untouched.",
            ID,
        );
        assert_eq!(f.len(), 1, "{f:#?}");
    }

    #[test]
    fn a_whole_shared_out_is_made_up_by_its_parts() {
        for text in [
            "A total of 318 volunteers were randomised 1:1; 152 received the vaccine and 152 received saline.",
            "The 318 volunteers were randomly assigned to two groups. 152 received the vaccine and 152 received saline.",
            "The 96 pupils were divided into three houses: 30 joined Oak, 30 joined Ash and 30 joined Elm.",
        ] {
            let f = findings(text, ID);
            assert_eq!(f.len(), 1, "{text:?}: {f:#?}");
        }
        let f = findings(
            "A total of 318 volunteers were randomised 1:1; 152 received the vaccine and 152 received saline.",
            ID,
        );
        assert_eq!(f[0].help.as_deref(), Some("152 + 152 = 304, not 318"));
        for text in [
            "A total of 304 volunteers were randomised 1:1; 152 received the vaccine and 152 received saline.",
            "The 96 pupils were divided into three houses: 32 joined Oak, 32 joined Ash and 32 joined Elm.",
            // Not shared out: a part may be missing.
            "A total of 318 volunteers were enrolled; 152 received the vaccine and 152 received saline.",
            // One part told, not the partition.
            "A total of 318 volunteers were randomised; 152 received the vaccine.",
            // Round wholes are read at their precision.
            "About 300 volunteers were randomised; 152 received the vaccine and 140 received saline.",
        ] {
            silent(text, ID);
        }
    }

    #[test]
    fn consistent_twins_stay_silent() {
        for text in [
            "Of the 120 delegates, 75 voted in favour and the remaining 45 abstained.",
            "Of the 120 delegates, 75 voted in favour and the rest (45) abstained.",
            "1,200 people were evacuated, including 500 children.",
            "More than 1,200 people were evacuated, including 1,300 children.",
            "Labour won 48 of the 60 seats (80%).",
            "The fire reached the 2,000-hectare reserve, a quarter of which burned, leaving 1,500 hectares untouched.",
            // A part of a part is not a third part.
            "Of the 120 delegates, 75 voted in favour, of whom 40 were women, and the remaining 45 abstained.",
            // Not a partition: no "remaining".
            "Of the 120 delegates, 75 voted in favour and 35 abstained on Tuesday.",
            // Different things counted: lines are not part of telephone exchanges.
            "The firm supplied 13 telephone exchanges including 68,000 lines.",
            "The plan covers 1987/88, including 109 billion yen for research.",
            // A vague whole and a year are not figures to add up.
            "He appeared in several films, including 1947's Nicholas Nickleby.",
            // Different things.
            "Of the 120 delegates, 75 voted in favour and the remaining 35 percent abstained.",
        ] {
            silent(text, ID);
        }
    }
}
