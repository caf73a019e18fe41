//! Resolution: turn what was written into values, against a reference date.
//!
//! In: a [`Document`], its [`Mention`]s and the `--date` given on the command
//! line. Out: one [`Resolved`] per mention — a [`Value`] that is always an
//! interval (a month is its first to its last day; "about 500" is a range) and,
//! for temporal mentions, a TIMEX3 type and value as TimeML normalises them.
//!
//! The reference date is, first found wins: `--date`; front matter `date:`; a
//! dateline near the top. A document without one is undated: a partial date
//! then takes its year from the last full date written before it, or stays
//! partial (`XXXX-08-06`). The machine's clock is never read.

mod dateline;
pub mod timex;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::extract::{Amount, DateExpr, Expr, Mention, RelationKind, Shift, YearSpec};
use crate::lexicon::{HedgeDef, Lexicon};
use crate::source::Document;
use crate::value::calendar::{self, CalendarUnit, DateRange};
use crate::value::interval::{Bound, Interval};
use crate::value::units::Dimension;
pub use timex::{Cal, Timex, TimexType};

/// Where a document's reference date came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RefSource {
    /// `--date`.
    CommandLine,
    /// The front matter's `date:`.
    FrontMatter,
    /// A dateline or byline date near the top.
    Dateline,
    /// None found: the document is undated.
    None,
}

impl RefSource {
    /// Kebab-case name.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            RefSource::CommandLine => "command-line",
            RefSource::FrontMatter => "front-matter",
            RefSource::Dateline => "dateline",
            RefSource::None => "none",
        }
    }
}

/// A document's reference date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reference {
    /// The date, if any.
    pub date: Option<NaiveDate>,
    /// Where it came from.
    pub source: RefSource,
}

/// Chooses the reference date: `cli`, then front matter, then a dateline.
#[must_use]
pub fn reference(doc: &Document, mentions: &[Mention], cli: Option<NaiveDate>) -> Reference {
    if let Some(d) = cli {
        return Reference {
            date: Some(d),
            source: RefSource::CommandLine,
        };
    }
    if let Some(d) = doc.front_matter.as_ref().and_then(|f| f.date) {
        return Reference {
            date: Some(d),
            source: RefSource::FrontMatter,
        };
    }
    if let Some(d) = dateline::find(doc, mentions) {
        return Reference {
            date: Some(d),
            source: RefSource::Dateline,
        };
    }
    Reference {
        date: None,
        source: RefSource::None,
    }
}

/// A resolved value. Every figure is an interval.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum Value {
    /// A span of days, inclusive ("August 2024" is 2024-08-01 … 2024-08-31).
    Date {
        /// First day.
        start: NaiveDate,
        /// Last day.
        end: NaiveDate,
    },
    /// A date whose year (or more) is unknown: the TIMEX pattern says what is known.
    PartialDate {
        /// e.g. `XXXX-08-06`.
        pattern: String,
    },
    /// A clock time or part of a day.
    Time {
        /// The day, if known.
        date: Option<NaiveDate>,
        /// `HH:MM`, or a part of day code (`MO`, `NI`).
        at: String,
        /// Time zone as written.
        zone: Option<String>,
    },
    /// "now", "recently", "the future".
    Vague {
        /// PRESENT_REF, PAST_REF or FUTURE_REF.
        reference: String,
    },
    /// A length of time.
    Duration {
        /// The unit counted.
        unit: CalendarUnit,
        /// How many units, as an interval.
        amount: Interval,
    },
    /// A recurrence.
    Set {
        /// Every `every` `unit`s.
        every: u32,
        /// Unit.
        unit: CalendarUnit,
        /// Or every given weekday (1 = Monday).
        weekday: Option<u32>,
    },
    /// A count, fraction or percentage.
    Number {
        /// As written.
        exact: f64,
        /// What it can mean, given rounding and hedge.
        interval: Interval,
    },
    /// An ordinal.
    Ordinal {
        /// n.
        n: u32,
    },
    /// A number with a unit, currency or counted noun. Boxed: the largest
    /// value by far, and every resolved mention holds a `Value`.
    Quantity(Box<QuantityValue>),
    /// A duration tied to a date; `implies` is where the arithmetic lands.
    Relation {
        /// The relation.
        relation: RelationKind,
        /// Index of the duration or ordinal mention.
        duration: Option<usize>,
        /// Index of the anchor date mention.
        anchor: Option<usize>,
        /// Index of the end date (`between`).
        end: Option<usize>,
        /// The span of days the relation implies, when both ends are known.
        implies: Option<(NaiveDate, NaiveDate)>,
    },
    /// Nothing could be resolved (an anchor was needed and none found).
    Unresolved,
}

/// What a number with a unit, currency or counted noun means.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct QuantityValue {
    /// As written.
    pub exact: f64,
    /// What it can mean.
    pub interval: Interval,
    /// Unit name or counted noun.
    pub unit: String,
    /// What the unit measures.
    pub dimension: Dimension,
    /// The interval in the dimension's base unit (meter, m², kg, K, s) when it converts.
    pub base: Option<Interval>,
    /// Currency code.
    pub currency: Option<String>,
}

/// A mention with its value.
#[derive(Clone, Debug)]
pub struct Resolved {
    /// What was written.
    pub mention: Mention,
    /// What it means.
    pub value: Value,
    /// TIMEX3 type and value for temporal mentions.
    pub timex: Option<Timex>,
}

/// The interval a written amount stands for, with its hedge.
#[must_use]
pub fn amount_interval(a: &Amount, hedge: Option<&HedgeDef>) -> Interval {
    let base = if a.vague || a.high > a.low {
        Interval::closed(a.low, a.high)
    } else if a.precision > 0.0 {
        Interval::round_to_precision(a.exact, a.precision)
    } else {
        Interval::point(a.exact)
    };
    let Some(h) = hedge else { return base };
    if h.neutral {
        return base;
    }
    let lo = match h.low {
        Some(l) => Some(Bound {
            value: a.low * l,
            inclusive: !h.low_open,
        }),
        None => Some(Bound {
            value: 0.0,
            inclusive: true,
        }),
    };
    let hi = h.high.map(|x| Bound {
        value: a.high * x,
        inclusive: !h.high_open,
    });
    let hedged = Interval { lo, hi };
    // A symmetric hedge ("about") widens the rounding; a directional one replaces it.
    let symmetric = matches!((h.low, h.high), (Some(l), Some(x)) if l < 1.0 && x > 1.0);
    if symmetric {
        base.hull(&hedged)
    } else {
        hedged
    }
}

/// Resolves every mention of `doc`.
#[must_use]
pub fn resolve(mentions: Vec<Mention>, reference: Reference, lex: &Lexicon) -> Vec<Resolved> {
    resolve_with_year_anchor(mentions, reference, lex, None)
}

/// Resolves every mention of `doc`; in an undated document that writes no full
/// date, a date missing only its year takes the year nearest to `year_anchor`.
///
/// `reckon timeline` passes the document set's latest reference date here, so
/// "August 6" in an undated story of a dated set is placed like its siblings.
#[must_use]
pub fn resolve_with_year_anchor(
    mentions: Vec<Mention>,
    reference: Reference,
    lex: &Lexicon,
    year_anchor: Option<NaiveDate>,
) -> Vec<Resolved> {
    let mut resolver = Resolver::new(&mentions, reference, lex, year_anchor);
    let mut out = Vec::with_capacity(mentions.len());
    resolver.resolve_batch(mentions, 0, &mut out);
    out
}

/// Resolves a document's mentions in text order, a batch at a time.
///
/// Resolution carries state forward (the last day and year the text named), so
/// batches must come in order. `reckon extract` resolves and writes a batch
/// before it resolves the next, and never holds every [`Resolved`] of a long
/// document; [`batches`] says where a batch may end.
pub struct Resolver<'l> {
    reference: Reference,
    lex: &'l Lexicon,
    /// In an undated document, the latest full date written gives partial dates
    /// their year. Only their year: "Monday" or "yesterday" stay unresolved, since
    /// the text does not say which day it was written on.
    text_anchor: Option<NaiveDate>,
    /// The last day the text named: "the next day" counts from there.
    narrative_day: Option<NaiveDate>,
    /// The last year the text named.
    narrative_year: Option<i32>,
}

impl<'l> Resolver<'l> {
    /// A resolver for the document whose mentions are `all` (read only to find
    /// an undated document's latest full date).
    #[must_use]
    pub fn new(
        all: &[Mention],
        reference: Reference,
        lex: &'l Lexicon,
        year_anchor: Option<NaiveDate>,
    ) -> Self {
        let text_anchor = if reference.date.is_none() {
            latest_full_date(all).or(year_anchor)
        } else {
            None
        };
        Self::with_text_anchor(reference, lex, text_anchor)
    }

    /// A resolver whose undated document's latest full date is `text_anchor`.
    fn with_text_anchor(
        reference: Reference,
        lex: &'l Lexicon,
        text_anchor: Option<NaiveDate>,
    ) -> Self {
        Resolver {
            reference,
            lex,
            text_anchor,
            narrative_day: None,
            narrative_year: None,
        }
    }

    /// Resolves `batch`, whose first mention is the document's mention number
    /// `first`, into `out` (cleared first). Relations inside the batch get what
    /// they imply; a relation's parts must be in the same batch.
    pub fn resolve_batch(
        &mut self,
        batch: impl IntoIterator<Item = Mention>,
        first: usize,
        out: &mut Vec<Resolved>,
    ) {
        out.clear();
        out.extend(batch.into_iter().map(|m| self.resolve_one(m)));
        imply_relations(out, first);
    }

    /// Resolves `batch`, the mentions that follow those already in `out`,
    /// onto the end of `out`. Relations inside the batch get what they imply.
    pub fn resolve_onto(
        &mut self,
        batch: impl IntoIterator<Item = Mention>,
        out: &mut Vec<Resolved>,
    ) {
        let first = out.len();
        out.extend(batch.into_iter().map(|m| self.resolve_one(m)));
        imply_relations(&mut out[first..], first);
    }

    /// Resolves one mention, without what a relation implies.
    fn resolve_one(&mut self, mention: Mention) -> Resolved {
        let (reference, lex, text_anchor) = (self.reference, self.lex, self.text_anchor);
        let m = &mention;
        let hedge = m.hedge.as_deref().and_then(|(h, _)| lex.hedges.get(*h));
        let (value, timex) = match &m.expr {
            Expr::Date(d) => {
                let anchor = reference
                    .date
                    .or_else(|| text_anchor.filter(|_| needs_only_a_year(d)));
                let cx = timex::Context {
                    anchor,
                    tense: m.tense,
                    narrative_day: self.narrative_day,
                    narrative_year: self.narrative_year,
                    holidays: &lex.holidays,
                };
                let cal = timex::resolve_in(d, &cx);
                match timex::day_of(&cal) {
                    Some(day) => {
                        self.narrative_day = Some(day);
                        self.narrative_year = Some(day.year());
                    }
                    None => {
                        if let Some(y) = timex::year_of(&cal) {
                            self.narrative_year = Some(y);
                        }
                    }
                }
                let value = timex::cal_value(&cal, m.part);
                let tx = timex::cal_timex(&cal, m.kind);
                (value, Some(tx))
            }
            Expr::Duration { amount, unit } => {
                let interval = amount_interval(amount, hedge);
                let tx = Timex {
                    kind: timex::TimexType::Duration,
                    value: compact_str::CompactString::new(timex::duration_value(amount, *unit)),
                };
                (
                    Value::Duration {
                        unit: *unit,
                        amount: interval,
                    },
                    Some(tx),
                )
            }
            Expr::Set {
                unit,
                every,
                weekday,
            } => {
                let tx = Timex {
                    kind: timex::TimexType::Set,
                    value: compact_str::CompactString::new(timex::set_value(
                        *unit, *every, *weekday,
                    )),
                };
                (
                    Value::Set {
                        every: *every,
                        unit: *unit,
                        weekday: *weekday,
                    },
                    Some(tx),
                )
            }
            Expr::Number(a) | Expr::Fraction(a) | Expr::Percent(a) => (
                Value::Number {
                    exact: a.exact,
                    interval: amount_interval(a, hedge),
                },
                None,
            ),
            Expr::Ordinal(n) => (Value::Ordinal { n: *n }, None),
            Expr::Quantity { amount, unit, noun } => {
                // A unit may write figures finer than their trailing zeros say (30 °C is to the degree).
                let mut amount = *amount;
                if let Some(r) = unit
                    .and_then(|u| lex.units.get(u as usize))
                    .and_then(|u| u.rounding)
                {
                    if !amount.vague && amount.precision > r {
                        amount.precision = r;
                    }
                }
                let amount = &amount;
                let interval = amount_interval(amount, hedge);
                let (unit_name, dimension, base, currency) =
                    match unit.and_then(|u| lex.units.get(u as usize)) {
                        Some(u) => {
                            let base = (u.def.dimension != Dimension::Currency).then(|| {
                                crate::value::units::convert_interval(
                                    &interval,
                                    &u.def,
                                    &base_unit(&u.def),
                                )
                                .ok()
                            });
                            (
                                u.def.name.clone(),
                                u.def.dimension,
                                base.flatten(),
                                u.code.clone(),
                            )
                        }
                        None => (
                            noun.as_deref().unwrap_or_default().to_string(),
                            Dimension::Count,
                            None,
                            None,
                        ),
                    };
                (
                    Value::Quantity(Box::new(QuantityValue {
                        exact: amount.exact,
                        interval,
                        unit: unit_name,
                        dimension,
                        base,
                        currency,
                    })),
                    None,
                )
            }
            Expr::Relation {
                kind,
                duration,
                anchor: a,
                end,
                unit,
            } => (
                Value::Relation {
                    relation: *kind,
                    duration: *duration,
                    anchor: *a,
                    end: *end,
                    implies: None,
                },
                // "the second day of the offensive", "its fourth year": a day or
                // year of its own, though which one the text does not say.
                unit.and_then(timex::ordinal_period_value)
                    .map(|value| Timex {
                        kind: timex::TimexType::Date,
                        value: compact_str::CompactString::new(value),
                    }),
            ),
        };
        Resolved {
            mention,
            value,
            timex,
        }
    }
}

/// Splits `mentions` into consecutive batches of about `size` (at least one
/// mention each) such that no relation refers outside its own batch. Returns
/// the length of each batch.
#[must_use]
pub fn batches(mentions: &[Mention], size: usize) -> Vec<usize> {
    // open[k] > 0: some relation spans both mention k - 1 and mention k.
    let mut open = vec![0i64; mentions.len() + 1];
    for (i, m) in mentions.iter().enumerate() {
        if let Expr::Relation {
            duration,
            anchor,
            end,
            ..
        } = &m.expr
        {
            let refs = [*duration, *anchor, *end];
            let lo = refs.iter().flatten().fold(i, |a, &b| a.min(b));
            let hi = refs.iter().flatten().fold(i, |a, &b| a.max(b));
            if hi > lo && hi < mentions.len() {
                open[lo + 1] += 1;
                open[hi + 1] -= 1;
            }
        }
    }
    let mut lens = Vec::with_capacity(mentions.len() / size.max(1) + 1);
    let (mut depth, mut start) = (0i64, 0usize);
    for (k, delta) in open.iter().enumerate().take(mentions.len()).skip(1) {
        depth += delta;
        if depth == 0 && k - start >= size {
            lens.push(k - start);
            start = k;
        }
    }
    if start < mentions.len() {
        lens.push(mentions.len() - start);
    }
    lens
}

/// The latest date written in full (year, month and day) among `mentions`.
fn latest_full_date(mentions: &[Mention]) -> Option<NaiveDate> {
    mentions
        .iter()
        .filter_map(|m| match &m.expr {
            Expr::Date(DateExpr::Calendar {
                year: YearSpec::Year(y),
                month: Some(mo),
                day: Some(d),
                ..
            }) => NaiveDate::from_ymd_opt(*y, *mo, *d),
            _ => None,
        })
        .max()
}

/// A date that lacks only its year ("August 6", "last summer" does not count:
/// "last" needs to know when the text was written).
fn needs_only_a_year(d: &DateExpr) -> bool {
    match d {
        DateExpr::Calendar {
            year: YearSpec::Unspecified,
            month: Some(_),
            shift: Shift::Bare,
            ..
        } => true,
        DateExpr::Season {
            year: YearSpec::Unspecified,
            ..
        }
        | DateExpr::YearPart {
            year: YearSpec::Unspecified,
            ..
        } => true,
        DateExpr::Holiday {
            year: YearSpec::Unspecified,
            shift: Shift::Bare,
            ..
        } => true,
        DateExpr::Clock { day: Some(day), .. } | DateExpr::PartOfDay { day, .. } => {
            needs_only_a_year(day)
        }
        _ => false,
    }
}

fn base_unit(u: &crate::value::units::UnitDef) -> crate::value::units::UnitDef {
    crate::value::units::UnitDef {
        name: "base".into(),
        dimension: u.dimension,
        factor: 1.0,
        offset: 0.0,
    }
}

/// Where "N units since/before DATE" lands: the anchor day moved by the
/// duration's interval, as a span of days.
/// `batch` starts at the document's mention number `first`.
/// Sets what each relation of `batch` (the document's mentions from number
/// `first` on) implies. Relations need their parts resolved first.
fn imply_relations(batch: &mut [Resolved], first: usize) {
    for i in 0..batch.len() {
        if let Some(imp) = relation_implies(&batch[i], batch, first) {
            if let Value::Relation { implies, .. } = &mut batch[i].value {
                *implies = Some(imp);
            }
        }
    }
}

fn relation_implies(
    r: &Resolved,
    batch: &[Resolved],
    first: usize,
) -> Option<(NaiveDate, NaiveDate)> {
    let Value::Relation {
        relation,
        duration: Some(d),
        anchor: Some(a),
        ..
    } = &r.value
    else {
        return None;
    };
    let Value::Duration { unit, amount } = &batch.get(d.checked_sub(first)?)?.value else {
        return None;
    };
    let Value::Date { start, end } = &batch.get(a.checked_sub(first)?)?.value else {
        return None;
    };
    if start != end {
        return None; // only a day anchors exact arithmetic
    }
    let sign = match relation {
        RelationKind::Since | RelationKind::After | RelationKind::Into => 1.0,
        RelationKind::Before => -1.0,
        _ => return None,
    };
    let lo = amount.lo_value()?;
    let hi = amount.hi_value()?;
    let a = shift_fractional(*start, sign * lo, *unit)?;
    let b = shift_fractional(*start, sign * hi, *unit)?;
    Some(if a <= b { (a, b) } else { (b, a) })
}

/// Moves `d` by a fractional number of calendar units (months by the calendar).
#[must_use]
pub fn shift_fractional(d: NaiveDate, amount: f64, unit: CalendarUnit) -> Option<NaiveDate> {
    let months_per = match unit {
        CalendarUnit::Month => Some(1.0),
        CalendarUnit::Quarter => Some(3.0),
        CalendarUnit::Year => Some(12.0),
        CalendarUnit::Decade => Some(120.0),
        CalendarUnit::Century => Some(1200.0),
        _ => None,
    };
    match months_per {
        Some(k) => {
            let months = amount * k;
            let whole = months.trunc();
            let base = calendar::add_months(d, whole as i32)?;
            let frac_days = (months - whole) * 30.436875;
            calendar::add_days(base, frac_days.round() as i64)
        }
        None => calendar::add_days(d, (amount * unit.approx_days()).round() as i64),
    }
}

/// The day range of a resolved date value, when it has one.
#[must_use]
pub fn date_range(v: &Value) -> Option<DateRange> {
    match v {
        Value::Date { start, end } => DateRange::new(*start, *end),
        Value::Time { date: Some(d), .. } => Some(DateRange::day(*d)),
        _ => None,
    }
}

/// Weekday of a date as 1 (Monday) – 7.
#[must_use]
pub fn weekday_number(d: NaiveDate) -> u32 {
    d.weekday().number_from_monday()
}

/// The whole pipeline for one document: extract, choose the reference date, resolve.
///
/// The mentions resolve a chunk of text at a time ([`crate::extract::extract_pieces`]),
/// each chunk's mentions freed once resolved: a file of a million dates never
/// holds every mention both as written and as resolved.
#[must_use]
pub fn run(
    doc: &Document,
    lex: &Lexicon,
    opts: &crate::extract::Options,
    cli_date: Option<NaiveDate>,
) -> (Reference, Vec<Resolved>) {
    let pieces = crate::extract::extract_pieces(&doc.prose, lex, opts);
    // A dateline lies within the first chunk, which is longer than its reach.
    let reference = reference(doc, pieces.first().map_or(&[][..], Vec::as_slice), cli_date);
    let text_anchor = match reference.date {
        None => pieces.iter().filter_map(|p| latest_full_date(p)).max(),
        Some(_) => None,
    };
    let mut resolver = Resolver::with_text_anchor(reference, lex, text_anchor);
    let mut out = Vec::with_capacity(pieces.iter().map(Vec::len).sum());
    for piece in pieces {
        resolver.resolve_onto(piece, &mut out);
    }
    (reference, out)
}

/// The pipeline up to resolution: a document's mentions and its reference
/// date, for a caller that resolves them with a [`Resolver`] batch by batch.
#[must_use]
pub fn prepare(
    doc: &Document,
    lex: &Lexicon,
    opts: &crate::extract::Options,
    cli_date: Option<NaiveDate>,
) -> (Reference, Vec<Mention>) {
    let mentions = crate::extract::extract(&doc.prose, lex, opts);
    let reference = reference(doc, &mentions, cli_date);
    (reference, mentions)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::Kind;
    use crate::extract::{extract, Options};
    use crate::lexicon::DEFAULT;
    use proptest::prelude::*;

    fn hedge(id: &str) -> &'static HedgeDef {
        DEFAULT.hedges.iter().find(|h| h.id == id).unwrap()
    }

    fn run_on(text: &str, date: Option<NaiveDate>) -> Vec<Resolved> {
        let source = if date.is_some() {
            RefSource::CommandLine
        } else {
            RefSource::None
        };
        resolve(
            extract(text, &DEFAULT, &Options::default()),
            Reference { date, source },
            &DEFAULT,
        )
    }

    /// A document holds one `Resolved` per mention until it is checked: a
    /// text of a million dates needs no more than ten times its size only
    /// while a mention stays this small (see `tests/hostile_inputs.rs`).
    #[test]
    fn a_resolved_mention_stays_small() {
        assert!(
            std::mem::size_of::<Resolved>() <= 192,
            "{}",
            std::mem::size_of::<Resolved>()
        );
        assert!(
            std::mem::size_of::<Mention>() <= 96,
            "{}",
            std::mem::size_of::<Mention>()
        );
        // A TIMEX value is held inline, with no allocation of its own.
        let r = run_on("It opened on March 5, 2025.", None);
        let t = r[0].timex.as_ref().unwrap();
        assert_eq!(t.value, "2025-03-05");
        assert!(!t.value.is_heap_allocated());
    }

    #[test]
    fn batches_keep_relations_whole_and_resolve_as_the_whole_does() {
        let text = "It is five months since August 6, 2024. Talks ran from June 2 to Aug. 30. \
                    The war is in its fourth year. Two weeks before January 20, 2025, 500 troops left. "
            .repeat(5);
        let reference = Reference {
            date: NaiveDate::from_ymd_opt(2025, 1, 7),
            source: RefSource::CommandLine,
        };
        let mentions = extract(&text, &DEFAULT, &Options::default());
        let whole = resolve(mentions.clone(), reference, &DEFAULT);
        assert!(whole.iter().any(|r| r.mention.kind == Kind::Relation));
        for size in [1, 2, 3, 7, 1000] {
            let lens = batches(&mentions, size);
            assert_eq!(lens.iter().sum::<usize>(), mentions.len(), "size {size}");
            let mut resolver = Resolver::new(&mentions, reference, &DEFAULT, None);
            let (mut rest, mut first, mut out) = (mentions.clone().into_iter(), 0, Vec::new());
            for len in lens {
                resolver.resolve_batch(rest.by_ref().take(len), first, &mut out);
                for (k, r) in out.iter().enumerate() {
                    if let Expr::Relation {
                        duration,
                        anchor,
                        end,
                        ..
                    } = &r.mention.expr
                    {
                        for part in [duration, anchor, end].into_iter().flatten() {
                            assert!((first..first + len).contains(part), "size {size}: {r:?}");
                        }
                    }
                    let w = &whole[first + k];
                    assert_eq!(r.mention.span, w.mention.span, "size {size}");
                    assert_eq!(r.value, w.value, "size {size}");
                    assert_eq!(format!("{:?}", r.timex), format!("{:?}", w.timex));
                }
                first += len;
            }
        }
    }

    #[test]
    fn relation_implies_the_calendar_arithmetic() {
        // "five months since August 6": August 6 + 4.5 … 5.5 months.
        let r = run_on("It is five months since August 6, 2024.", None);
        let rel = r.iter().find(|r| r.mention.kind == Kind::Relation).unwrap();
        let Value::Relation {
            implies: Some((a, b)),
            ..
        } = rel.value
        else {
            panic!("{:?}", rel.value)
        };
        assert!(
            a <= NaiveDate::from_ymd_opt(2025, 1, 6).unwrap()
                && NaiveDate::from_ymd_opt(2025, 1, 6).unwrap() <= b,
            "{a} {b}"
        );
        // "two weeks before January 20": January 20 - 1.5 … 2.5 weeks contains January 6.
        let r = run_on("It came two weeks before January 20, 2025.", None);
        let rel = r.iter().find(|r| r.mention.kind == Kind::Relation).unwrap();
        let Value::Relation {
            implies: Some((a, b)),
            ..
        } = rel.value
        else {
            panic!("{:?}", rel.value)
        };
        let jan6 = NaiveDate::from_ymd_opt(2025, 1, 6).unwrap();
        assert!(a <= jan6 && jan6 <= b, "{a} {b}");
    }

    #[test]
    fn reference_date_sources() {
        let doc = Document::from_text(
            "a.md",
            "---\ndate: 2025-01-07\n---\nHe spoke on Monday.\n".into(),
            crate::source::Format::Markdown,
        );
        let ms = extract(&doc.prose, &DEFAULT, &Options::default());
        assert_eq!(reference(&doc, &ms, None).source, RefSource::FrontMatter);
        let cli = NaiveDate::from_ymd_opt(2024, 1, 1);
        assert_eq!(reference(&doc, &ms, cli).date, cli);
        for byline in [
            "Kursk push\n\nJanuary 07, 2025\n\nUkraine said on Monday…",
            " date 2025-01-07 Ukraine said…",
            "Updated: Jan. 7, 2025\nUkraine said…",
        ] {
            let doc = Document::from_text("a.txt", byline.into(), crate::source::Format::Text);
            let ms = extract(&doc.prose, &DEFAULT, &Options::default());
            let r = reference(&doc, &ms, None);
            assert_eq!(
                (r.source, r.date),
                (RefSource::Dateline, NaiveDate::from_ymd_opt(2025, 1, 7)),
                "{byline:?}"
            );
        }
        let doc = Document::from_text(
            "a.txt",
            "KYIV, Jan 7 (Reuters) - Ukraine said on Monday…".into(),
            crate::source::Format::Text,
        );
        let ms = extract(&doc.prose, &DEFAULT, &Options::default());
        assert_eq!(
            reference(&doc, &ms, None).source,
            RefSource::None,
            "a wire dateline has no year"
        );
    }

    #[test]
    fn an_undated_text_resolves_only_what_it_pins() {
        let r = run_on(
            "The report is dated March 3, 2024. The team met on March 10 and again on Monday.",
            None,
        );
        let v: Vec<_> = r
            .iter()
            .filter_map(|r| r.timex.as_ref().map(|t| t.value.as_str()))
            .collect();
        assert_eq!(v, ["2024-03-03", "2024-03-10", "XXXX-WXX-1"]);
    }

    #[test]
    fn a_year_told_in_words_after_the_day_is_its_year() {
        let r = run_on(
            "The ferry sank on 11 October last year. The vote is on March 3 next year. It opened on May 2 this year.",
            NaiveDate::from_ymd_opt(2024, 10, 10),
        );
        let v: Vec<_> = r
            .iter()
            .filter_map(|r| r.timex.as_ref().map(|t| t.value.as_str()))
            .collect();
        assert_eq!(v, ["2023-10-11", "2025-03-03", "2024-05-02"]);
    }

    #[test]
    fn the_early_hours_of_a_weekday_in_a_past_clause_are_past() {
        // "early" is no sign of the future: Wednesday 5 March's Tuesday is the 4th.
        for text in [
            "The dam collapsed in the early hours of Tuesday.",
            "The collapse of the dam early on Tuesday flooded the village.",
        ] {
            let r = run_on(text, NaiveDate::from_ymd_opt(2025, 3, 5));
            let v: Vec<_> = r
                .iter()
                .filter_map(|r| r.timex.as_ref().map(|t| t.value.as_str()))
                .collect();
            assert_eq!(v, ["2025-03-04"], "{text}");
        }
    }

    #[test]
    fn directional_hedges_bound_one_side() {
        let three = Amount::exact(3.0, 1.0);
        let nearly = amount_interval(&three, Some(hedge("nearly")));
        assert!(
            nearly.contains(2.9) && !nearly.contains(3.0) && !nearly.contains(3.1),
            "{nearly}"
        );
        let at_least = amount_interval(&three, Some(hedge("at-least")));
        assert!(
            at_least.contains(3.0) && at_least.contains(1e9) && !at_least.contains(2.99),
            "{at_least}"
        );
        let more = amount_interval(&three, Some(hedge("more-than")));
        assert!(!more.contains(3.0) && more.contains(3.01), "{more}");
        let up_to = amount_interval(&three, Some(hedge("up-to")));
        assert!(
            up_to.contains(0.0) && up_to.contains(3.0) && !up_to.contains(3.01),
            "{up_to}"
        );
    }

    proptest! {
        #[test]
        fn symmetric_hedges_and_rounding_contain_the_exact_value(x in 1u32..1_000_000, zeros in 0u32..4) {
            let x = f64::from(x) * 10f64.powi(zeros as i32);
            let text = format!("{x}");
            let a = Amount::exact(x, crate::value::interval::precision_of_written_number(&text));
            for h in [None, Some(hedge("approximately")), Some(hedge("exactly")), Some(hedge("at-least")), Some(hedge("up-to")), Some(hedge("only"))] {
                let iv = amount_interval(&a, h);
                prop_assert!(iv.contains(x), "{} does not contain {}", iv, x);
            }
        }

        #[test]
        fn whole_months_shift_by_the_calendar(days in 0i64..40_000, months in -240i32..240) {
            let d = NaiveDate::from_ymd_opt(1950, 1, 1).unwrap() + chrono::Duration::days(days);
            prop_assert_eq!(shift_fractional(d, f64::from(months), CalendarUnit::Month), calendar::add_months(d, months));
        }

        #[test]
        fn any_text_gives_valid_spans_and_no_panic(s in "\\PC{0,200}", date in proptest::option::of(0i64..30_000)) {
            let date = date.map(|d| NaiveDate::from_ymd_opt(1990, 1, 1).unwrap() + chrono::Duration::days(d));
            for r in run_on(&s, date) {
                let sp = r.mention.span.clone();
                prop_assert!(sp.start < sp.end && sp.end <= s.len() && s.is_char_boundary(sp.start) && s.is_char_boundary(sp.end));
            }
        }

        #[test]
        fn dateish_text_never_panics(words in proptest::collection::vec(proptest::sample::select(vec![
            "Jan.", "6", ",", "2025", "Monday", "the", "last", "next", "week", "ago", "about", "500", "km²", "$", "1.5",
            "million", "half", "of", "since", "before", "-", "year", "a", "9", "a.m.", ":", "30", "'", "90s", "early",
            "late", "on", "summer", "third", "quarter", "1/2", "%", "per", "cent", "every", "that", "day", "next", "Christmas",
        ]), 0..25), date in proptest::option::of(0i64..30_000)) {
            let s = words.join(" ");
            let date = date.map(|d| NaiveDate::from_ymd_opt(1990, 1, 1).unwrap() + chrono::Duration::days(d));
            let rs = run_on(&s, date);
            for r in &rs {
                if let Value::Relation { duration, anchor, end, .. } = &r.value {
                    for i in [duration, anchor, end].into_iter().flatten() {
                        prop_assert!(*i < rs.len());
                    }
                }
            }
        }
    }
}
