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

use crate::extract::{Amount, DateExpr, Expr, Kind, Mention, RelationKind, Shift, YearSpec};
use crate::lexicon::{HedgeDef, Lexicon};
use crate::source::Document;
use crate::value::calendar::{self, CalendarUnit, DateRange};
use crate::value::interval::{Bound, Interval};
use crate::value::units::Dimension;
pub use timex::{Cal, Timex};

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
        return Reference { date: Some(d), source: RefSource::CommandLine };
    }
    if let Some(d) = doc.front_matter.as_ref().and_then(|f| f.date) {
        return Reference { date: Some(d), source: RefSource::FrontMatter };
    }
    if let Some(d) = dateline::find(doc, mentions) {
        return Reference { date: Some(d), source: RefSource::Dateline };
    }
    Reference { date: None, source: RefSource::None }
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
    /// A number with a unit, currency or counted noun.
    Quantity {
        /// As written.
        exact: f64,
        /// What it can mean.
        interval: Interval,
        /// Unit name or counted noun.
        unit: String,
        /// What the unit measures.
        dimension: Dimension,
        /// The interval in the dimension's base unit (meter, m², kg, K, s) when it converts.
        base: Option<Interval>,
        /// Currency code.
        currency: Option<String>,
    },
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
    let base = if a.vague {
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
        Some(l) => Some(Bound { value: a.low * l, inclusive: !h.low_open }),
        None => Some(Bound { value: 0.0, inclusive: true }),
    };
    let hi = h.high.map(|x| Bound { value: a.high * x, inclusive: !h.high_open });
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
    let mut out: Vec<Resolved> = Vec::with_capacity(mentions.len());
    // In an undated document, the latest full date written gives partial dates
    // their year. Only their year: "Monday" or "yesterday" stay unresolved, since
    // the text does not say which day it was written on.
    let text_anchor = if reference.date.is_none() { latest_full_date(&mentions) } else { None };
    // The last day and year the text named: "the next day" counts from there.
    let mut narrative_day: Option<NaiveDate> = None;
    let mut narrative_year: Option<i32> = None;
    for mention in mentions {
        let m = &mention;
        let hedge = m.hedge.as_ref().and_then(|(h, _)| lex.hedges.get(*h));
        let (value, timex) = match &m.expr {
            Expr::Date(d) => {
                let anchor = reference.date.or_else(|| text_anchor.filter(|_| needs_only_a_year(d)));
                let cx = timex::Context { anchor, tense: m.tense, narrative_day, narrative_year, holidays: &lex.holidays };
                let cal = timex::resolve_in(d, &cx);
                match timex::day_of(&cal) {
                    Some(day) => {
                        narrative_day = Some(day);
                        narrative_year = Some(day.year());
                    }
                    None => {
                        if let Some(y) = timex::year_of(&cal) {
                            narrative_year = Some(y);
                        }
                    }
                }
                let value = timex::cal_value(&cal, m.part);
                let tx = timex::cal_timex(&cal, m.kind);
                (value, Some(tx))
            }
            Expr::Duration { amount, unit } => {
                let interval = amount_interval(amount, hedge);
                let tx = Timex { kind: "DURATION", value: timex::duration_value(amount, *unit) };
                (Value::Duration { unit: *unit, amount: interval }, Some(tx))
            }
            Expr::Set { unit, every, weekday } => {
                let tx = Timex { kind: "SET", value: timex::set_value(*unit, *every, *weekday) };
                (Value::Set { every: *every, unit: *unit, weekday: *weekday }, Some(tx))
            }
            Expr::Number(a) | Expr::Fraction(a) | Expr::Percent(a) => {
                (Value::Number { exact: a.exact, interval: amount_interval(a, hedge) }, None)
            }
            Expr::Ordinal(n) => (Value::Ordinal { n: *n }, None),
            Expr::Quantity { amount, unit, noun } => {
                let interval = amount_interval(amount, hedge);
                let (unit_name, dimension, base, currency) = match unit.and_then(|u| lex.units.get(u)) {
                    Some(u) => {
                        let base = (u.def.dimension != Dimension::Currency).then(|| {
                            crate::value::units::convert_interval(&interval, &u.def, &base_unit(&u.def)).ok()
                        });
                        (u.def.name.clone(), u.def.dimension, base.flatten(), u.code.clone())
                    }
                    None => (noun.clone().unwrap_or_default(), Dimension::Count, None, None),
                };
                (Value::Quantity { exact: amount.exact, interval, unit: unit_name, dimension, base, currency }, None)
            }
            Expr::Relation { kind, duration, anchor: a, end } => {
                (Value::Relation { relation: *kind, duration: *duration, anchor: *a, end: *end, implies: None }, None)
            }
        };
        out.push(Resolved { mention, value, timex });
    }
    // Relations need their parts resolved first.
    let implied: Vec<Option<(NaiveDate, NaiveDate)>> = out.iter().map(|r| relation_implies(r, &out)).collect();
    for (r, imp) in out.iter_mut().zip(implied) {
        if let Value::Relation { implies, .. } = &mut r.value {
            *implies = imp;
        }
    }
    out
}

/// The latest date written in full (year, month and day) among `mentions`.
fn latest_full_date(mentions: &[Mention]) -> Option<NaiveDate> {
    mentions
        .iter()
        .filter_map(|m| match &m.expr {
            Expr::Date(DateExpr::Calendar { year: YearSpec::Year(y), month: Some(mo), day: Some(d), .. }) => {
                NaiveDate::from_ymd_opt(*y, *mo, *d)
            }
            _ => None,
        })
        .max()
}

/// A date that lacks only its year ("August 6", "last summer" does not count:
/// "last" needs to know when the text was written).
fn needs_only_a_year(d: &DateExpr) -> bool {
    match d {
        DateExpr::Calendar { year: YearSpec::Unspecified, month: Some(_), shift: Shift::Bare, .. } => true,
        DateExpr::Season { year: YearSpec::Unspecified, .. } | DateExpr::YearPart { year: YearSpec::Unspecified, .. } => true,
        DateExpr::Holiday { year: YearSpec::Unspecified, shift: Shift::Bare, .. } => true,
        DateExpr::Clock { day: Some(day), .. } | DateExpr::PartOfDay { day, .. } => needs_only_a_year(day),
        _ => false,
    }
}

fn base_unit(u: &crate::value::units::UnitDef) -> crate::value::units::UnitDef {
    crate::value::units::UnitDef { name: "base".into(), dimension: u.dimension, factor: 1.0, offset: 0.0 }
}

/// Where "N units since/before DATE" lands: the anchor day moved by the
/// duration's interval, as a span of days.
fn relation_implies(r: &Resolved, all: &[Resolved]) -> Option<(NaiveDate, NaiveDate)> {
    let Value::Relation { relation, duration: Some(d), anchor: Some(a), .. } = &r.value else { return None };
    let Value::Duration { unit, amount } = &all.get(*d)?.value else { return None };
    let Value::Date { start, end } = &all.get(*a)?.value else { return None };
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
#[must_use]
pub fn run(doc: &Document, lex: &Lexicon, opts: crate::extract::Options, cli_date: Option<NaiveDate>) -> (Reference, Vec<Resolved>) {
    let mentions = crate::extract::extract(&doc.prose, lex, opts);
    let reference = reference(doc, &mentions, cli_date);
    let resolved = resolve(mentions, reference, lex);
    (reference, resolved)
}


#[allow(dead_code)]
fn _kinds(k: Kind) -> Kind {
    k
}
