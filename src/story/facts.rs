//! Facts: named figures bound by patterns, and the equations between them.
//!
//! In: the `facts:` and `relations:` of a rule file (compiled once, in
//! `reckon.yaml`) and, per document, its resolved mentions. Out:
//! [`FactValue`] claims — a fact's value where a pattern states it — and, for
//! the `fact-relation` rule, the value of an expression over those facts.
//!
//! # Patterns
//!
//! A fact pattern is a regular expression (Rust `regex` syntax, matched
//! case-insensitively) with exactly one capture written in braces:
//! `{quantity}`, `{number}`, `{fraction}`, `{percent}` or `{date}`. The capture
//! is not matched by the regex: it is a mention reckon already extracted, of
//! that kind, and the text before it must end with what the pattern says
//! before the braces, the text after it start with what it says after.
//! `"took {quantity} of land"` binds "several hundred square miles" in
//! "the army took several hundred square miles of land early on".
//!
//! # Expressions
//!
//! A relation is two expressions joined by `=`:
//!
//! ```text
//! relation := expr "=" expr
//! expr     := term (("+" | "-" | "−") term)*
//! term     := factor (("*" | "×" | "/" | "÷") factor)*
//! factor   := ("-" | "−") factor | NUMBER ["%"] | NAME | "(" expr ")"
//! NAME     := a fact's name: [A-Za-z_][A-Za-z0-9_]*
//! NUMBER   := 12, 0.5, 1,000 is not allowed (write 1000)
//! ```
//!
//! Every value is an [`Interval`] with a dimension: a `{quantity}` in a unit is
//! converted to its dimension's base unit (square miles and square kilometres
//! both become m²), a count keeps its noun's dimension (`count`), numbers,
//! fractions and percentages are plain numbers. `+` and `-` need the same
//! dimension on both sides; `*` and `/` take a plain number on one side (or
//! divide two values of one dimension into a plain number). The arithmetic is
//! interval arithmetic ([`Interval::add`], [`Interval::mul`] …): a relation
//! fails only when its two sides cannot share any value.

use std::collections::HashMap;

use regex::Regex;

use crate::value::interval::{Bound, Interval};
use crate::value::units::Dimension;

/// What a fact pattern captures.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Capture {
    /// A number with a unit or counted noun.
    Quantity,
    /// A bare number.
    Number,
    /// A fraction ("about half").
    Fraction,
    /// A percentage, as a plain number (25% is 0.25).
    Percent,
    /// A single day.
    Date,
}

impl Capture {
    const ALL: [(&'static str, Capture); 5] = [
        ("{quantity}", Capture::Quantity),
        ("{number}", Capture::Number),
        ("{fraction}", Capture::Fraction),
        ("{percent}", Capture::Percent),
        ("{date}", Capture::Date),
    ];
}

/// One compiled fact pattern: what it captures and the regexes around the capture.
#[derive(Clone, Debug)]
pub struct FactPattern {
    /// The kind of mention captured.
    pub capture: Capture,
    /// Must match the text right before the mention (`(?:…)$`), if any.
    pub before: Option<Regex>,
    /// Must match the text right after it (`^(?:…)`), if any.
    pub after: Option<Regex>,
}

/// A named fact.
#[derive(Clone, Debug)]
pub struct Fact {
    /// Its name.
    pub name: String,
    /// Its patterns.
    pub patterns: Vec<FactPattern>,
}

/// Why a fact pattern or relation does not compile; `at` is a byte offset into the
/// pattern or relation text.
#[derive(Clone, Debug, PartialEq)]
pub struct SyntaxError {
    /// Byte offset into the text.
    pub at: usize,
    /// What is wrong.
    pub message: String,
}

/// The longest relation, in tokens (see [`parse_relation`]).
pub const MAX_RELATION_TOKENS: usize = 512;
/// The deepest nesting of parentheses and minus signs in a relation.
pub const MAX_RELATION_DEPTH: usize = 64;

fn err(at: usize, message: impl Into<String>) -> SyntaxError {
    SyntaxError {
        at,
        message: message.into(),
    }
}

/// Compiles a fact pattern (`"capture {quantity} of territory"`).
pub fn compile_pattern(p: &str) -> Result<FactPattern, SyntaxError> {
    let found: Vec<(usize, &str, Capture)> = Capture::ALL
        .iter()
        .flat_map(|(tag, c)| p.match_indices(tag).map(move |(i, t)| (i, t, *c)))
        .collect();
    let (at, tag, capture) = match found.as_slice() {
        [one] => *one,
        [] => {
            return Err(err(
                0,
                "a fact pattern needs one capture: {quantity}, {number}, {fraction}, {percent} or {date}",
            ))
        }
        [_, second, ..] => return Err(err(second.0, "a fact pattern has only one capture")),
    };
    let compile = |part: &str, anchored: String, offset: usize| {
        if part.trim().is_empty() {
            return Ok(None);
        }
        Regex::new(&crate::config::quotes::tolerant(&anchored))
            .map(Some)
            .map_err(|e| err(offset, crate::config::invalid_regex(part, &e)))
    };
    let before = &p[..at];
    let after = &p[at + tag.len()..];
    Ok(FactPattern {
        capture,
        before: compile(before, format!("(?i)(?:{before})$"), 0)?,
        after: compile(after, format!("(?i)^(?:{after})"), at + tag.len())?,
    })
}

/// A value in an expression: an interval in its dimension's base unit
/// (`None`: a plain number).
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Quantity {
    /// The values it can take.
    #[serde(with = "crate::value::float::interval")]
    pub interval: Interval,
    /// What it measures; `None` for a plain number.
    pub dimension: Option<Dimension>,
}

/// An expression over facts.
#[derive(Clone, Debug, PartialEq)]
pub enum Expr {
    /// A number as written.
    Number(f64),
    /// A fact, by name; `at` is where the name is written.
    Fact {
        /// The fact's name.
        name: String,
        /// Byte offset in the relation text.
        at: usize,
    },
    /// `-x`.
    Neg(Box<Expr>),
    /// `a op b`.
    Binary(Box<Expr>, Op, Box<Expr>),
}

/// An arithmetic operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    /// `+`.
    Add,
    /// `-`, `−`.
    Sub,
    /// `*`, `×`.
    Mul,
    /// `/`, `÷`.
    Div,
}

impl Op {
    fn symbol(self) -> char {
        match self {
            Op::Add => '+',
            Op::Sub => '−',
            Op::Mul => '×',
            Op::Div => '/',
        }
    }
}

/// `lhs = rhs`.
#[derive(Clone, Debug)]
pub struct Relation {
    /// As written in the rule file.
    pub text: String,
    /// Left side.
    pub lhs: Expr,
    /// Right side.
    pub rhs: Expr,
}

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Num(f64),
    Name(String),
    Op(Op),
    Percent,
    Open,
    Close,
    Eq,
}

fn lex(s: &str) -> Result<Vec<(usize, Tok)>, SyntaxError> {
    let mut out = Vec::new();
    let mut it = s.char_indices().peekable();
    while let Some(&(i, c)) = it.peek() {
        let tok = match c {
            c if c.is_whitespace() => {
                it.next();
                continue;
            }
            '0'..='9' | '.' => {
                let mut end = i;
                while let Some(&(j, d)) = it.peek() {
                    if d.is_ascii_digit() || d == '.' {
                        end = j + d.len_utf8();
                        it.next();
                    } else {
                        break;
                    }
                }
                let x: f64 = s[i..end]
                    .parse()
                    .map_err(|_| err(i, format!("`{}` is not a number", &s[i..end])))?;
                out.push((i, Tok::Num(x)));
                continue;
            }
            c if c.is_ascii_alphabetic() || c == '_' => {
                let mut end = i;
                while let Some(&(j, d)) = it.peek() {
                    if d.is_ascii_alphanumeric() || d == '_' {
                        end = j + 1;
                        it.next();
                    } else {
                        break;
                    }
                }
                out.push((i, Tok::Name(s[i..end].to_string())));
                continue;
            }
            '+' => Tok::Op(Op::Add),
            '-' | '−' => Tok::Op(Op::Sub),
            '*' | '×' => Tok::Op(Op::Mul),
            '/' | '÷' => Tok::Op(Op::Div),
            '%' => Tok::Percent,
            '(' => Tok::Open,
            ')' => Tok::Close,
            '=' => Tok::Eq,
            other => return Err(err(i, format!("unexpected `{other}`"))),
        };
        it.next();
        out.push((i, tok));
    }
    Ok(out)
}

struct Parser<'a> {
    toks: &'a [(usize, Tok)],
    pos: usize,
    len: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos).map(|(_, t)| t)
    }
    fn at(&self) -> usize {
        self.toks.get(self.pos).map_or(self.len, |(i, _)| *i)
    }
    fn expr(&mut self) -> Result<Expr, SyntaxError> {
        let mut left = self.term()?;
        while let Some(Tok::Op(op @ (Op::Add | Op::Sub))) = self.peek() {
            let op = *op;
            self.pos += 1;
            let right = self.term()?;
            left = Expr::Binary(Box::new(left), op, Box::new(right));
        }
        Ok(left)
    }
    fn term(&mut self) -> Result<Expr, SyntaxError> {
        let mut left = self.factor()?;
        while let Some(Tok::Op(op @ (Op::Mul | Op::Div))) = self.peek() {
            let op = *op;
            self.pos += 1;
            let right = self.factor()?;
            left = Expr::Binary(Box::new(left), op, Box::new(right));
        }
        Ok(left)
    }
    fn factor(&mut self) -> Result<Expr, SyntaxError> {
        let at = self.at();
        let Some(tok) = self.peek().cloned() else {
            return Err(err(at, "the expression ends too early"));
        };
        self.pos += 1;
        match tok {
            Tok::Op(Op::Sub) => Ok(Expr::Neg(Box::new(self.factor()?))),
            Tok::Num(x) => {
                if self.peek() == Some(&Tok::Percent) {
                    self.pos += 1;
                    return Ok(Expr::Number(x / 100.0));
                }
                Ok(Expr::Number(x))
            }
            Tok::Name(name) => Ok(Expr::Fact { name, at }),
            Tok::Open => {
                let e = self.expr()?;
                if self.peek() != Some(&Tok::Close) {
                    return Err(err(self.at(), "expected `)`"));
                }
                self.pos += 1;
                Ok(e)
            }
            _ => Err(err(at, "expected a number, a fact's name or `(`")),
        }
    }
}

/// Parses `lhs = rhs`; every fact named must be in `facts`.
pub fn parse_relation(text: &str, facts: &[Fact]) -> Result<Relation, SyntaxError> {
    let toks = lex(text)?;
    // The parser, the evaluation and dropping the tree all recurse: a relation
    // of tens of thousands of terms would overflow the stack. No arithmetic a
    // story needs comes near these bounds.
    if let Some((at, _)) = toks.get(MAX_RELATION_TOKENS) {
        return Err(err(
            *at,
            format!("a relation may have at most {MAX_RELATION_TOKENS} numbers, names and signs"),
        ));
    }
    let (mut parens, mut signs) = (0usize, 0usize);
    for (k, (at, t)) in toks.iter().enumerate() {
        let unary = k == 0 || matches!(toks[k - 1].1, Tok::Op(_) | Tok::Open | Tok::Eq);
        match t {
            Tok::Open => parens += 1,
            Tok::Close => parens = parens.saturating_sub(1),
            Tok::Op(Op::Sub) if unary => signs += 1,
            _ => signs = 0,
        }
        if parens + signs > MAX_RELATION_DEPTH {
            return Err(err(
                *at,
                format!(
                    "a relation may nest at most {MAX_RELATION_DEPTH} parentheses and signs deep"
                ),
            ));
        }
    }
    let mut p = Parser {
        toks: &toks,
        pos: 0,
        len: text.len(),
    };
    let lhs = p.expr()?;
    if p.peek() != Some(&Tok::Eq) {
        return Err(err(p.at(), "expected `=` between the two sides"));
    }
    p.pos += 1;
    let rhs = p.expr()?;
    if p.pos < toks.len() {
        return Err(err(p.at(), "unexpected text after the expression"));
    }
    let rel = Relation {
        text: text.to_string(),
        lhs,
        rhs,
    };
    let mut names = Vec::new();
    rel.lhs.names(&mut names);
    rel.rhs.names(&mut names);
    if names.is_empty() {
        return Err(err(0, "a relation names at least one fact"));
    }
    for (name, at) in names {
        if !facts.iter().any(|f| f.name == name) {
            let known: Vec<&str> = facts.iter().map(|f| f.name.as_str()).collect();
            return Err(err(
                at,
                format!(
                    "no fact named `{name}` (the facts are: {})",
                    if known.is_empty() {
                        "none".to_string()
                    } else {
                        known.join(", ")
                    }
                ),
            ));
        }
    }
    Ok(rel)
}

impl Expr {
    /// The facts named, with where each is written, in order.
    pub fn names(&self, out: &mut Vec<(String, usize)>) {
        match self {
            Expr::Number(_) => {}
            Expr::Fact { name, at } => out.push((name.clone(), *at)),
            Expr::Neg(e) => e.names(out),
            Expr::Binary(a, _, b) => {
                a.names(out);
                b.names(out);
            }
        }
    }

    /// The value, given each fact's; `None` when a fact is unknown or the
    /// dimensions do not combine.
    #[must_use]
    pub fn eval(&self, facts: &HashMap<&str, Quantity>) -> Option<Quantity> {
        Some(match self {
            Expr::Number(x) => Quantity {
                interval: Interval::point(*x),
                dimension: None,
            },
            Expr::Fact { name, .. } => *facts.get(name.as_str())?,
            Expr::Neg(e) => {
                let q = e.eval(facts)?;
                Quantity {
                    interval: q.interval.scale(-1.0),
                    ..q
                }
            }
            Expr::Binary(a, op, b) => {
                let (a, b) = (a.eval(facts)?, b.eval(facts)?);
                match op {
                    Op::Add | Op::Sub => {
                        if a.dimension != b.dimension {
                            return None;
                        }
                        let interval = if *op == Op::Add {
                            a.interval.add(&b.interval)
                        } else {
                            a.interval.sub(&b.interval)
                        };
                        Quantity {
                            interval,
                            dimension: a.dimension,
                        }
                    }
                    Op::Mul => Quantity {
                        interval: a.interval.mul(&b.interval),
                        dimension: match (a.dimension, b.dimension) {
                            (d, None) | (None, d) => d,
                            _ => return None,
                        },
                    },
                    Op::Div => Quantity {
                        interval: divide(&a.interval, &b.interval)?,
                        dimension: match (a.dimension, b.dimension) {
                            (d, None) => d,
                            (Some(x), Some(y)) if x == y => None,
                            _ => return None,
                        },
                    },
                }
            }
        })
    }

    /// Written back with typographic operators: `captured × (1 − retaken)`.
    #[must_use]
    pub fn show(&self) -> String {
        self.show_in(0)
    }

    fn show_in(&self, parent: u8) -> String {
        match self {
            Expr::Number(x) => trim_number(*x),
            Expr::Fact { name, .. } => name.clone(),
            Expr::Neg(e) => format!("−{}", e.show_in(3)),
            Expr::Binary(a, op, b) => {
                let prec = if matches!(op, Op::Add | Op::Sub) {
                    1
                } else {
                    2
                };
                let s = format!(
                    "{} {} {}",
                    a.show_in(prec),
                    op.symbol(),
                    b.show_in(prec + 1)
                );
                if prec < parent {
                    format!("({s})")
                } else {
                    s
                }
            }
        }
    }
}

/// `a / b` as intervals; `None` when `b` may be zero.
fn divide(a: &Interval, b: &Interval) -> Option<Interval> {
    if b.contains(0.0) || b.is_empty() {
        return None;
    }
    // b lies on one side of zero, so 1/b = [1/hi, 1/lo]; an unbounded end
    // becomes an open 0, an (open) end at 0 becomes unbounded.
    let inv = |x: Option<Bound>| match x {
        None => Some(Bound::open(0.0)),
        Some(b) if b.value == 0.0 => None,
        Some(b) => Some(Bound {
            value: 1.0 / b.value,
            inclusive: b.inclusive,
        }),
    };
    let recip = Interval {
        lo: inv(b.hi),
        hi: inv(b.lo),
    };
    Some(a.mul(&recip))
}

/// "0.5", "1000", "12.25": a number without trailing zeros.
#[must_use]
pub fn trim_number(x: f64) -> String {
    if (x - x.round()).abs() < 1e-9 {
        format!("{}", x.round())
    } else {
        let s = format!("{x:.3}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// The values `fact` takes in document `doc`: every mention of the pattern's
/// capture kind that the text around it fits.
pub fn claims(
    v: &crate::reading::view::DocView<'_>,
    doc: usize,
    k: usize,
    fact: &Fact,
    lex: &crate::lexicon::Lexicon,
    out: &mut Vec<super::Claim>,
) {
    use crate::extract::Kind;
    use crate::resolve::Value;
    const REACH: usize = 200;
    let prose = &v.doc.prose;
    let floor = |mut i: usize| {
        while i > 0 && !prose.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let ceil = |mut i: usize| {
        i = i.min(prose.len());
        while i < prose.len() && !prose.is_char_boundary(i) {
            i += 1;
        }
        i
    };
    for (i, r) in v.mentions.iter().enumerate() {
        let m = &r.mention;
        let Some(p) = fact.patterns.iter().find(|p| {
            let kind_fits = match p.capture {
                Capture::Quantity => m.kind == Kind::Quantity,
                Capture::Number => m.kind == Kind::Number,
                Capture::Fraction => m.kind == Kind::Fraction,
                Capture::Percent => m.kind == Kind::Percent,
                Capture::Date => m.kind == Kind::Date,
            };
            kind_fits
                && p.before.as_ref().is_none_or(|re| {
                    re.is_match(&prose[floor(m.span.start.saturating_sub(REACH))..m.span.start])
                })
                && p.after
                    .as_ref()
                    .is_none_or(|re| re.is_match(&prose[m.span.end..ceil(m.span.end + REACH)]))
        }) else {
            continue;
        };
        let (value, unit) = match (&r.value, p.capture) {
            (Value::Quantity(q), _) => match &q.base {
                Some(b) => {
                    let (unit, dimension) = (&q.unit, &q.dimension);
                    let factor = lex
                        .units
                        .iter()
                        .find(|u| &u.def.name == unit)
                        .map_or(1.0, |u| u.def.factor);
                    (
                        Quantity {
                            interval: *b,
                            dimension: Some(*dimension),
                        },
                        Some((unit.clone(), factor)),
                    )
                }
                None => (
                    Quantity {
                        interval: q.interval,
                        dimension: Some(q.dimension),
                    },
                    Some((q.unit.clone(), 1.0)),
                ),
            },
            (Value::Number { interval, .. }, Capture::Percent) => (
                Quantity {
                    interval: interval.scale(0.01),
                    dimension: None,
                },
                None,
            ),
            (Value::Number { interval, .. }, _) => (
                Quantity {
                    interval: *interval,
                    dimension: None,
                },
                None,
            ),
            (Value::Date { start, end }, _) => {
                // Days since 1970-01-01, as seconds: differences of dates are times.
                let epoch = chrono::NaiveDate::default();
                let secs = |d: &chrono::NaiveDate| (*d - epoch).num_days() as f64 * 86_400.0;
                (
                    Quantity {
                        interval: Interval::closed(secs(start), secs(end) + 86_399.0),
                        dimension: Some(Dimension::Time),
                    },
                    None,
                )
            }
            _ => continue,
        };
        out.push(super::Claim::Fact(super::claims::FactValue {
            doc,
            fact: k,
            label: crate::reading::view::Label {
                doc,
                span: m.span.clone(),
                message: format!("fact `{}`: {}", fact.name, v.text(i)),
            },
            value,
            unit,
        }));
    }
}

/// `q` shown in `unit` ("[330.2, 1340.7] square kilometer"), or as a plain number.
#[must_use]
pub fn show(q: &Quantity, unit: Option<&(String, f64)>) -> String {
    let (iv, name) = match unit {
        Some((name, factor)) if *factor != 0.0 => (q.interval.scale(1.0 / factor), name.as_str()),
        _ => (q.interval, ""),
    };
    let end = |b: Option<Bound>, inf: &str| b.map_or(inf.to_string(), |b| round_sig(b.value));
    let body = match (iv.lo, iv.hi) {
        (Some(a), Some(b)) if a.value == b.value => round_sig(a.value),
        (lo, hi) => format!("{}–{}", end(lo, "−∞"), end(hi, "∞")),
    };
    if name.is_empty() {
        body
    } else if name.ends_with('s') || name.chars().any(|c| !c.is_alphabetic() && c != ' ') {
        format!("{body} {name}")
    } else {
        format!("{body} {name}s")
    }
}

/// Four significant digits at most: 330.2, 1341, 0.425.
fn round_sig(x: f64) -> String {
    if x == 0.0 || !x.is_finite() {
        return trim_number(x);
    }
    let digits = x.abs().log10().floor() as i32;
    let scale = 10f64.powi(3 - digits);
    trim_number((x * scale).round() / scale)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(names: &[&str]) -> Vec<Fact> {
        names
            .iter()
            .map(|n| Fact {
                name: (*n).to_string(),
                patterns: Vec::new(),
            })
            .collect()
    }

    #[test]
    fn held_is_captured_times_what_was_not_retaken() {
        let r = parse_relation(
            "held = captured * (1 - retaken)",
            &facts(&["held", "captured", "retaken"]),
        )
        .unwrap();
        assert_eq!(r.rhs.show(), "captured × (1 − retaken)");
        let sq_mi = 2_589_988.110336;
        let mut v = HashMap::new();
        v.insert(
            "captured",
            Quantity {
                interval: Interval::closed(300.0 * sq_mi, 900.0 * sq_mi),
                dimension: Some(Dimension::Area),
            },
        );
        v.insert(
            "retaken",
            Quantity {
                interval: Interval::closed(0.425, 0.575),
                dimension: None,
            },
        );
        let rhs = r.rhs.eval(&v).unwrap();
        assert_eq!(rhs.dimension, Some(Dimension::Area));
        // About 500 km² is within [330, 1340] km².
        assert!(rhs.interval.intersects(&Interval::closed(425e6, 575e6)));
        assert!(!rhs.interval.intersects(&Interval::closed(170e6, 230e6)));
    }

    #[test]
    fn precedence_percent_and_unary_minus() {
        let r = parse_relation("a = -b + 2 * c / 4 - 50%", &facts(&["a", "b", "c"])).unwrap();
        assert_eq!(r.rhs.show(), "−b + 2 × c / 4 − 0.5");
        let mut v = HashMap::new();
        for (n, x) in [("b", 1.0), ("c", 10.0)] {
            v.insert(
                n,
                Quantity {
                    interval: Interval::point(x),
                    dimension: None,
                },
            );
        }
        assert_eq!(r.rhs.eval(&v).unwrap().interval, Interval::point(3.5));
    }

    #[test]
    fn dimensions_must_agree() {
        let r = parse_relation("a = b + c", &facts(&["a", "b", "c"])).unwrap();
        let mut v = HashMap::new();
        v.insert(
            "b",
            Quantity {
                interval: Interval::point(1.0),
                dimension: Some(Dimension::Area),
            },
        );
        v.insert(
            "c",
            Quantity {
                interval: Interval::point(1.0),
                dimension: Some(Dimension::Length),
            },
        );
        assert_eq!(r.rhs.eval(&v), None);
    }

    #[test]
    fn syntax_errors_point_at_the_offending_character() {
        let f = facts(&["held", "captured"]);
        let e = parse_relation("held = captured * (1 - ", &f).unwrap_err();
        assert_eq!(e.at, 23, "{e:?}");
        let e = parse_relation("held = captured $ 2", &f).unwrap_err();
        assert_eq!((e.at, e.message.as_str()), (16, "unexpected `$`"));
        let e = parse_relation("held = captrued", &f).unwrap_err();
        assert_eq!(e.at, 7);
        assert!(e.message.starts_with("no fact named `captrued`"), "{e:?}");
        let e = parse_relation("held captured", &f).unwrap_err();
        assert_eq!(e.at, 5);
    }

    #[test]
    fn huge_or_deep_relations_are_refused_not_overflowing_the_stack() {
        let f = facts(&["held", "captured"]);
        let chain = format!("held = captured{}", " + 0".repeat(40_000));
        let e = parse_relation(&chain, &f).unwrap_err();
        assert!(e.message.contains("at most 512"), "{e:?}");
        let deep = format!(
            "held = {}captured{}",
            "(".repeat(20_000),
            ")".repeat(20_000)
        );
        assert!(parse_relation(&deep, &f).is_err());
        let negs = format!("held = {}captured", "-".repeat(100));
        let e = parse_relation(&negs, &f).unwrap_err();
        assert!(e.message.contains("nest at most"), "{e:?}");
        // A long plain difference is not deep: each minus is binary.
        let diff = format!("held = captured{}", " - 1".repeat(100));
        assert!(parse_relation(&diff, &f).is_ok());
        let nested = format!("held = {}captured{}", "(".repeat(60), ")".repeat(60));
        assert!(parse_relation(&nested, &f).is_ok());
    }

    #[test]
    fn patterns_need_exactly_one_capture() {
        let p = compile_pattern("capture {quantity} of territory").unwrap();
        assert_eq!(p.capture, Capture::Quantity);
        assert!(p.before.as_ref().unwrap().is_match("managed to Capture "));
        assert!(p.after.as_ref().unwrap().is_match(" of territory, roughly"));
        assert!(compile_pattern("capture of territory").is_err());
        assert_eq!(compile_pattern("{number} of {number}").unwrap_err().at, 12);
        assert!(compile_pattern("capture ({quantity}")
            .unwrap_err()
            .message
            .starts_with("invalid regex"));
    }
}
