//! The raw shape of a lexicon file (`rules/lexicon/en.yaml` and users' extensions).
//!
//! These types mirror the YAML one to one and reject unknown keys; turning
//! them into lookup tables is [`crate::lexicon`]'s job.

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer};

use crate::value::units::Dimension;

/// One lexicon file. Every section is optional so that a user's extension can
/// name only what it adds.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct LexiconFile {
    /// Month names, numbered 1–12.
    #[serde(default)]
    pub months: Vec<NumberedNames>,
    /// Weekday names, numbered 1 (Monday) – 7 (Sunday).
    #[serde(default)]
    pub weekdays: Vec<NumberedNames>,
    /// Seasons with their TIMEX3 code.
    #[serde(default)]
    pub seasons: Vec<CodedNames>,
    /// Parts of the day with their TIMEX3 code.
    #[serde(default)]
    pub parts_of_day: Vec<CodedNames>,
    /// Time-zone abbreviations written after a clock time ("GMT", "EDT").
    /// Matched case-sensitively, since "ET" and "PT" are also words.
    #[serde(default)]
    pub time_zones: Vec<String>,
    /// Cardinal number words.
    #[serde(default, deserialize_with = "finite_map")]
    pub numbers: BTreeMap<String, f64>,
    /// Words that multiply the number before them.
    #[serde(default, deserialize_with = "finite_map")]
    pub multipliers: BTreeMap<String, f64>,
    /// Ordinal words.
    #[serde(default)]
    pub ordinals: BTreeMap<String, u32>,
    /// Fraction words and the value of one part.
    #[serde(default, deserialize_with = "finite_map")]
    pub fractions: BTreeMap<String, f64>,
    /// Counts that are ranges by meaning ("several", "dozens").
    #[serde(default)]
    pub vague_numbers: BTreeMap<String, VagueNumber>,
    /// Hedges and their interval semantics.
    #[serde(default)]
    pub hedges: BTreeMap<String, Hedge>,
    /// Units of measure and currencies.
    #[serde(default)]
    pub units: Vec<Unit>,
    /// Named days: a fixed date, or the nth weekday of a month.
    #[serde(default)]
    pub holidays: Vec<Holiday>,
    /// Words that tie a duration to the date after it.
    #[serde(default)]
    pub relation_cues: RelationCues,
}

/// Words that tie a duration to the date after it (see `relation-cues` in
/// `rules/lexicon/en.yaml`).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RelationCues {
    /// Phrases between a duration and its relation word that leave the
    /// relation as it is: "two months *to go* until", "three years *have
    /// passed* since".
    #[serde(default)]
    pub fillers: Vec<String>,
    /// Phrases right after a duration that count back from the date after
    /// them: "three weeks *out from* the vote".
    #[serde(default)]
    pub before: Vec<String>,
}

/// A named day. Either `day` (a fixed date), or `weekday` with `nth` (1–5, or
/// -1 for the last) and optionally `earliest-day` ("the Tuesday after the first
/// Monday"), or `easter`: days after Western Easter Sunday.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Holiday {
    /// Names.
    pub names: Vec<String>,
    /// Month 1–12 (unused for `easter` days).
    #[serde(default)]
    pub month: u32,
    /// Fixed day of month.
    pub day: Option<u32>,
    /// Weekday 1 (Monday) – 7.
    pub weekday: Option<u32>,
    /// Which one of the month: 1–5, or -1 for the last.
    pub nth: Option<i32>,
    /// The first day of the month it may fall on.
    pub earliest_day: Option<u32>,
    /// Days after Easter Sunday (Good Friday is -2); `month` is then ignored.
    pub easter: Option<i32>,
}

/// Names of a month or weekday.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NumberedNames {
    /// Month 1–12 or weekday 1–7 (Monday = 1).
    pub number: u32,
    /// Full names and abbreviations.
    pub names: Vec<String>,
}

/// Names of a season or part of day.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CodedNames {
    /// TIMEX3 code (`SU`, `MO`, …).
    pub code: String,
    /// Names.
    pub names: Vec<String>,
}

/// A count that is a range by meaning.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct VagueNumber {
    /// Smallest count meant.
    #[serde(deserialize_with = "finite")]
    pub low: f64,
    /// Largest count meant.
    #[serde(deserialize_with = "finite")]
    pub high: f64,
    /// Only a count when a multiplier follows ("some hundred").
    #[serde(default)]
    pub only_before_multiplier: bool,
    /// Only a count when "of" follows ("scores of").
    #[serde(default)]
    pub only_before_of: bool,
}

/// A hedge: how it turns a value `x` into an interval.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Hedge {
    /// The words and phrases that express it.
    pub words: Vec<String>,
    /// Lower end as a multiple of `x`; absent means zero.
    #[serde(default, deserialize_with = "finite_option")]
    pub low: Option<f64>,
    /// Upper end as a multiple of `x`; absent means unbounded.
    #[serde(default, deserialize_with = "finite_option")]
    pub high: Option<f64>,
    /// The lower end itself is excluded.
    #[serde(default)]
    pub low_open: bool,
    /// The upper end itself is excluded.
    #[serde(default)]
    pub high_open: bool,
}

/// A unit of measure or a currency.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Unit {
    /// Canonical singular name.
    pub name: String,
    /// What it measures.
    pub dimension: Dimension,
    /// Multiply by this to get the dimension's base unit.
    #[serde(deserialize_with = "finite")]
    pub factor: f64,
    /// Added after the factor (temperatures).
    #[serde(default, deserialize_with = "finite")]
    pub offset: f64,
    /// Other spellings, matched as whole words after a number.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Spellings that count only right after the digits ("30C").
    #[serde(default)]
    pub attached: Vec<String>,
    /// Symbols written before the number ("$").
    #[serde(default)]
    pub symbols: Vec<String>,
    /// ISO 4217 code of a currency.
    pub code: Option<String>,
    /// How finely figures in this unit are written, when a trailing zero must
    /// not widen them (a temperature of 30 is to the degree, not the ten).
    #[serde(default, deserialize_with = "finite_option")]
    pub rounding: Option<f64>,
}

/// A number of a lexicon file: `.nan`, `.inf` and `-.inf` are refused where
/// they are written (serde_yaml gives the error the entry's line and column).
struct Finite(f64);

impl<'de> Deserialize<'de> for Finite {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Finite, D::Error> {
        // Refused inside the visit of the scalar, so the error is placed at it.
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Finite;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a finite number")
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Finite, E> {
                if v.is_finite() {
                    Ok(Finite(v))
                } else {
                    Err(E::custom(format!(
                        "a lexicon number must be finite, not {v}"
                    )))
                }
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Finite, E> {
                Ok(Finite(v as f64))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Finite, E> {
                Ok(Finite(v as f64))
            }
        }
        d.deserialize_f64(Visitor)
    }
}

fn finite<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    Finite::deserialize(d).map(|f| f.0)
}

fn finite_option<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    Ok(Option::<Finite>::deserialize(d)?.map(|f| f.0))
}

fn finite_map<'de, D: Deserializer<'de>>(d: D) -> Result<BTreeMap<String, f64>, D::Error> {
    let map = BTreeMap::<String, Finite>::deserialize(d)?;
    Ok(map.into_iter().map(|(k, v)| (k, v.0)).collect())
}
