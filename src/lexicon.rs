//! The compiled lexicon: every word the extractor can trigger on, with its senses.
//!
//! In: [`crate::config::lexicon::LexiconFile`]s (the embedded
//! `rules/lexicon/en.yaml` and any user extensions). Out: a [`Lexicon`] that
//! answers, for a token sequence, which entries start there — one hash lookup
//! per word token, which is the single trigger scan of the text.

use rustc_hash::FxHashMap;
use std::sync::LazyLock;

use crate::config::lexicon::LexiconFile;
use crate::config::{self, YamlError};
use crate::extract::token::{tokenize, Token};
use crate::value::units::{Dimension, UnitDef};

/// The embedded English lexicon.
pub const EMBEDDED_EN: &str = crate::config::embedded::LEXICON_EN.yaml;

/// The default lexicon, parsed once.
pub static DEFAULT: LazyLock<Lexicon> = LazyLock::new(|| {
    // The embedded file is tested (`embedded_lexicon_loads`), so this cannot fail at run time.
    Lexicon::from_files(&[("rules/lexicon/en.yaml", EMBEDDED_EN)])
        .unwrap_or_else(|_| Lexicon::empty())
});

/// One meaning of a word or phrase.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Sense {
    /// Month 1–12.
    Month(u32),
    /// Weekday 1 (Monday) – 7.
    Weekday(u32),
    /// Season, index into [`Lexicon::seasons`].
    Season(usize),
    /// Part of day, index into [`Lexicon::parts_of_day`].
    PartOfDay(usize),
    /// Cardinal number word.
    Number(f64),
    /// Multiplier ("million").
    Multiplier(f64),
    /// Ordinal word.
    Ordinal(u32),
    /// Fraction word (value of one part).
    Fraction(f64),
    /// Vague count, index into [`Lexicon::vague`].
    Vague(usize),
    /// Hedge, index into [`Lexicon::hedges`].
    Hedge(usize),
    /// Unit written after a number, index into [`Lexicon::units`].
    Unit(usize),
    /// Unit written right after the digits only ("30C").
    AttachedUnit(usize),
    /// Currency symbol written before the number.
    CurrencySymbol(usize),
    /// A named day, index into [`Lexicon::holidays`].
    Holiday(usize),
}

/// When a named day falls.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HolidayRule {
    /// The same month and day every year.
    Fixed {
        /// Month.
        month: u32,
        /// Day.
        day: u32,
    },
    /// The nth weekday of a month (nth = -1: the last), on or after `earliest_day`.
    NthWeekday {
        /// Month.
        month: u32,
        /// 1 = Monday.
        weekday: u32,
        /// Which one.
        nth: i32,
        /// First day it may fall on.
        earliest_day: u32,
    },
    /// Days after Western Easter Sunday.
    Easter {
        /// Offset in days.
        offset: i32,
    },
}

/// A hedge's interval semantics (see the lexicon file).
#[derive(Clone, Debug)]
pub struct HedgeDef {
    /// The hedge's id (its key in the YAML).
    pub id: String,
    /// Lower end as a multiple of x; `None` = 0.
    pub low: Option<f64>,
    /// Upper end as a multiple of x; `None` = unbounded.
    pub high: Option<f64>,
    /// Lower end excluded.
    pub low_open: bool,
    /// Upper end excluded.
    pub high_open: bool,
    /// The hedge says nothing about the size (`just`, `only`): keep the rounding.
    pub neutral: bool,
}

/// A vague count.
#[derive(Clone, Debug)]
pub struct VagueDef {
    /// As written in the lexicon.
    pub phrase: String,
    /// Range low.
    pub low: f64,
    /// Range high.
    pub high: f64,
    /// Needs a multiplier after it.
    pub only_before_multiplier: bool,
    /// Needs "of" after it.
    pub only_before_of: bool,
}

/// A unit with the names it is written as.
#[derive(Clone, Debug)]
pub struct UnitInfo {
    /// Conversion data.
    pub def: UnitDef,
    /// ISO code for currencies.
    pub code: Option<String>,
    /// Finest rounding of figures in this unit (see the lexicon file).
    pub rounding: Option<f64>,
}

#[cfg(test)]
thread_local! {
    /// Entries `insert` compared a new one with, so a test can tell linear
    /// from quadratic loading without a clock.
    static COMPARED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// A phrase entry: the token texts after the first, and whether each token
/// touches the one before it in the written alias ("km/h", "30C").
#[derive(Clone, Debug)]
struct Phrase {
    rest: Vec<(String, bool)>,
    sense: Sense,
}

/// Lookup tables built from lexicon files.
#[derive(Debug, Default, Clone)]
pub struct Lexicon {
    /// Entries keyed by their first token, lower-cased.
    first: FxHashMap<String, Vec<Phrase>>,
    /// While files are read: where each (first token, rest) sits in `first`,
    /// so an entry is checked against its own phrase only (empty after).
    loading: FxHashMap<(String, Vec<(String, bool)>), Vec<usize>>,
    /// A cheap filter in front of `first`: bit `sketch(word)` is set for every
    /// key, so most words of a text are rejected without hashing them.
    filter: Vec<u64>,
    /// Season TIMEX codes.
    pub seasons: Vec<String>,
    /// Part-of-day TIMEX codes.
    pub parts_of_day: Vec<String>,
    /// Time-zone abbreviations, as written.
    pub time_zones: Vec<String>,
    /// Hedges.
    pub hedges: Vec<HedgeDef>,
    /// Vague counts.
    pub vague: Vec<VagueDef>,
    /// Units and currencies.
    pub units: Vec<UnitInfo>,
    /// Named days.
    pub holidays: Vec<HolidayRule>,
    /// Phrases between a duration and its relation word, as lower-case words
    /// ("to go", "have passed"); longest first.
    pub relation_fillers: Vec<Vec<String>>,
    /// Phrases after a duration that make it a distance before the date after
    /// them ("out from"); longest first.
    pub relation_before: Vec<Vec<String>>,
}

/// A lexicon entry found in the token stream.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Hit {
    /// What it means.
    pub sense: Sense,
    /// How many tokens it covers.
    pub len: usize,
}

impl Lexicon {
    /// Whether `word`, as written, is a time-zone abbreviation.
    #[must_use]
    pub fn is_time_zone(&self, word: &str) -> bool {
        self.time_zones.iter().any(|z| z == word)
    }

    fn empty() -> Self {
        Lexicon::default()
    }

    /// A copy of the embedded default lexicon.
    #[must_use]
    pub fn clone_default() -> Self {
        DEFAULT.clone()
    }

    /// Builds a lexicon from `(file name, YAML text)` pairs, the first being
    /// the base and the rest extensions.
    pub fn from_files(files: &[(&str, &str)]) -> Result<Lexicon, YamlError> {
        let mut lex = Lexicon::default();
        for (name, text) in files {
            let raw: LexiconFile = config::parse(name, text)?;
            lex.add(name, text, raw)?;
        }
        lex.finish();
        Ok(lex)
    }

    /// Builds the default lexicon extended by user files.
    pub fn with_extensions(files: &[(String, String)]) -> Result<Lexicon, YamlError> {
        let mut all: Vec<(&str, &str)> = vec![("rules/lexicon/en.yaml", EMBEDDED_EN)];
        all.extend(files.iter().map(|(n, t)| (n.as_str(), t.as_str())));
        Self::from_files(&all)
    }

    fn add(&mut self, file: &str, text: &str, raw: LexiconFile) -> Result<(), YamlError> {
        let bad = |needle: &str, msg: String| YamlError::at_text(file, text, needle, msg);
        for m in &raw.months {
            if !(1..=12).contains(&m.number) {
                return Err(bad(
                    &format!("number: {}", m.number),
                    format!("month number {} is not 1–12", m.number),
                ));
            }
            for n in &m.names {
                self.insert(n, Sense::Month(m.number));
            }
        }
        for w in &raw.weekdays {
            if !(1..=7).contains(&w.number) {
                return Err(bad(
                    &format!("number: {}", w.number),
                    format!("weekday number {} is not 1–7", w.number),
                ));
            }
            for n in &w.names {
                self.insert(n, Sense::Weekday(w.number));
            }
        }
        for s in &raw.seasons {
            check_code(file, text, &s.code, &["SP", "SU", "FA", "WI"])?;
            self.seasons.push(s.code.clone());
            for n in &s.names {
                self.insert(n, Sense::Season(self.seasons.len() - 1));
            }
        }
        for s in &raw.parts_of_day {
            check_code(file, text, &s.code, &["MO", "AF", "EV", "NI", "MI", "DT"])?;
            self.parts_of_day.push(s.code.clone());
            for n in &s.names {
                self.insert(n, Sense::PartOfDay(self.parts_of_day.len() - 1));
            }
        }
        for z in &raw.time_zones {
            if z.is_empty() || !z.bytes().all(|b| b.is_ascii_uppercase()) {
                return Err(bad(
                    z,
                    format!("time zone {z:?} is not an upper-case abbreviation"),
                ));
            }
            self.time_zones.push(z.clone());
        }
        for (list, phrases) in [
            (&mut self.relation_fillers, &raw.relation_cues.fillers),
            (&mut self.relation_before, &raw.relation_cues.before),
        ] {
            for p in phrases {
                let words: Vec<String> = p.split_whitespace().map(str::to_lowercase).collect();
                if words.is_empty() {
                    return Err(bad(p, "a relation cue is empty".to_string()));
                }
                if !list.contains(&words) {
                    list.push(words);
                }
            }
            list.sort_by_key(|w| std::cmp::Reverse(w.len()));
        }
        for (w, v) in &raw.numbers {
            self.insert(w, Sense::Number(*v));
        }
        for (w, v) in &raw.multipliers {
            self.insert(w, Sense::Multiplier(*v));
        }
        for (w, v) in &raw.ordinals {
            self.insert(w, Sense::Ordinal(*v));
        }
        for (w, v) in &raw.fractions {
            if !(*v > 0.0 && *v < 1.0) {
                return Err(bad(
                    w,
                    format!("fraction `{w}` must be between 0 and 1, not {v}"),
                ));
            }
            self.insert(w, Sense::Fraction(*v));
        }
        for (w, v) in raw.vague_numbers {
            if v.low > v.high {
                return Err(bad(
                    &w,
                    format!("vague number `{w}`: low {} is above high {}", v.low, v.high),
                ));
            }
            self.vague.push(VagueDef {
                phrase: w.clone(),
                low: v.low,
                high: v.high,
                only_before_multiplier: v.only_before_multiplier,
                only_before_of: v.only_before_of,
            });
            self.insert(&w, Sense::Vague(self.vague.len() - 1));
        }
        for (id, h) in raw.hedges {
            if let (Some(l), Some(hi)) = (h.low, h.high) {
                if l > hi {
                    return Err(bad(
                        &id,
                        format!("hedge `{id}`: low {l} is above high {hi}"),
                    ));
                }
            }
            if h.words.is_empty() {
                return Err(bad(&id, format!("hedge `{id}` has no words")));
            }
            let neutral = h.low.is_none() && h.high.is_none() && !h.low_open && !h.high_open;
            self.hedges.push(HedgeDef {
                id: id.clone(),
                low: h.low,
                high: h.high,
                low_open: h.low_open,
                high_open: h.high_open,
                neutral,
            });
            let idx = self.hedges.len() - 1;
            for w in &h.words {
                self.insert(w, Sense::Hedge(idx));
            }
        }
        for h in raw.holidays {
            let first = h.names.first().cloned().unwrap_or_default();
            if h.easter.is_none() && !(1..=12).contains(&h.month) {
                return Err(bad(
                    &first,
                    format!("holiday `{first}`: month {} is not 1–12", h.month),
                ));
            }
            let rule = match (h.day, h.weekday, h.nth) {
                (None, None, None) if h.easter.is_some() => HolidayRule::Easter {
                    offset: h.easter.unwrap_or(0),
                },
                (Some(day), None, None) if (1..=31).contains(&day) => HolidayRule::Fixed {
                    month: h.month,
                    day,
                },
                (None, Some(weekday), Some(nth))
                    if (1..=7).contains(&weekday) && (nth == -1 || (1..=5).contains(&nth)) =>
                {
                    HolidayRule::NthWeekday {
                        month: h.month,
                        weekday,
                        nth,
                        earliest_day: h.earliest_day.unwrap_or(1),
                    }
                }
                _ => {
                    return Err(bad(&first, format!("holiday `{first}` needs either `day` or both `weekday` (1–7) and `nth` (1–5 or -1)")));
                }
            };
            self.holidays.push(rule);
            let idx = self.holidays.len() - 1;
            for n in &h.names {
                self.insert(n, Sense::Holiday(idx));
            }
        }
        for u in raw.units {
            if !(u.factor.is_finite() && u.factor > 0.0) {
                return Err(bad(
                    &u.name,
                    format!("unit `{}`: factor must be a positive number", u.name),
                ));
            }
            if u.dimension == Dimension::Currency && u.code.is_none() {
                return Err(bad(
                    &u.name,
                    format!("currency `{}` needs a `code`", u.name),
                ));
            }
            self.units.push(UnitInfo {
                def: UnitDef {
                    name: u.name.clone(),
                    dimension: u.dimension,
                    factor: u.factor,
                    offset: u.offset,
                },
                code: u.code.clone(),
                rounding: u.rounding,
            });
            let idx = self.units.len() - 1;
            self.insert(&u.name, Sense::Unit(idx));
            for a in &u.aliases {
                self.insert(a, Sense::Unit(idx));
            }
            for a in &u.attached {
                self.insert(a, Sense::AttachedUnit(idx));
            }
            for s in &u.symbols {
                self.insert(s, Sense::CurrencySymbol(idx));
            }
        }
        Ok(())
    }

    fn insert(&mut self, phrase: &str, sense: Sense) {
        let toks = tokenize(phrase);
        let Some(first) = toks.first() else { return };
        let key = lower(first.text(phrase));
        let rest: Vec<(String, bool)> = toks
            .windows(2)
            .map(|w| (lower(w[1].text(phrase)), w[1].start == w[0].end))
            .collect();
        if self.filter.is_empty() {
            self.filter = vec![0; FILTER_WORDS];
        }
        let b = sketch(key.as_bytes());
        self.filter[b / 64] |= 1 << (b % 64);
        let entries = self.first.entry(key.clone()).or_default();
        let same = self.loading.entry((key, rest.clone())).or_default();
        #[cfg(test)]
        COMPARED.with(|n| n.set(n.get() + same.len()));
        if !same.iter().any(|&k| entries[k].sense == sense) {
            same.push(entries.len());
            entries.push(Phrase { rest, sense });
        }
    }

    /// Ends loading: longest phrases first, so the first match is the longest
    /// (a stable sort: phrases of one length stay in the order read, as when
    /// each insert sorted).
    fn finish(&mut self) {
        self.loading = FxHashMap::default();
        for entries in self.first.values_mut() {
            entries.sort_by(|a, b| b.rest.len().cmp(&a.rest.len()));
        }
    }

    /// Every entry that starts at token `i` of `tokens` (over `text`), longest first.
    pub fn lookup<'a>(
        &'a self,
        text: &'a str,
        tokens: &'a [Token],
        i: usize,
    ) -> impl Iterator<Item = Hit> + 'a {
        let w = tokens.get(i).map_or("", |t| t.text(text));
        let low = (!w.is_empty() && self.may_start(sketch(w.as_bytes()))).then(|| lower_cow(w));
        let phrases = low.and_then(|k| self.first.get(&*k));
        self.matching(phrases, text, tokens, i)
    }

    /// For a unit, whether it measures time; `None` for any other sense.
    pub(crate) fn unit_of_time(&self, sense: Sense) -> Option<bool> {
        match sense {
            Sense::Unit(u) => self
                .units
                .get(u)
                .map(|u| u.def.dimension == crate::value::units::Dimension::Time),
            _ => None,
        }
    }

    /// The filter in front of the table: false means no entry starts with a
    /// word of this [`sketch`].
    pub(crate) fn may_start(&self, sketch: usize) -> bool {
        self.filter
            .get(sketch / 64)
            .is_some_and(|x| x & (1 << (sketch % 64)) != 0)
    }

    /// Like [`Lexicon::lookup`], for a token already lower-cased by the caller;
    /// the hits are appended to `out` (a plain loop: this runs for every
    /// word that passes the filter).
    pub(crate) fn lookup_lower_into(
        &self,
        low: &str,
        text: &str,
        tokens: &[Token],
        i: usize,
        out: &mut Vec<Hit>,
    ) {
        let Some(entries) = self.first.get(low) else {
            return;
        };
        // Most phrases fail at their second token ("a" opens fourteen): its
        // length and first letter, compared before the full match.
        let next = tokens.get(i + 1).map(|t| {
            let first = text.as_bytes().get(t.start).map(u8::to_ascii_lowercase);
            (t.end - t.start, first, t.ascii)
        });
        for p in entries {
            let found = match (p.rest.first(), next) {
                (None, _) => true,
                (Some(_), None) => false,
                (Some((want, _)), Some((len, first, true)))
                    if len != want.len() || first != want.as_bytes().first().copied() =>
                {
                    false
                }
                _ => follows(p, text, tokens, i),
            };
            if found {
                out.push(Hit {
                    sense: p.sense,
                    len: p.rest.len() + 1,
                });
            }
        }
    }

    /// The phrases of `entries` whose remaining tokens follow token `i`.
    fn matching<'a>(
        &'a self,
        entries: Option<&'a Vec<Phrase>>,
        text: &'a str,
        tokens: &'a [Token],
        i: usize,
    ) -> impl Iterator<Item = Hit> + 'a {
        entries.into_iter().flatten().filter_map(move |p| {
            follows(p, text, tokens, i).then(|| Hit {
                sense: p.sense,
                len: p.rest.len() + 1,
            })
        })
    }

    /// True when some entry starts with this single token.
    pub fn is_trigger(&self, word: &str) -> bool {
        self.first.contains_key(&*lower_cow(word))
    }

    /// All (phrase, sense) pairs, for tests and `reckon` listings.
    pub fn entries(&self) -> impl Iterator<Item = (String, Sense)> + '_ {
        self.first.iter().flat_map(|(k, v)| {
            v.iter().map(move |p| {
                let mut s = k.clone();
                for (t, touching) in &p.rest {
                    if !touching {
                        s.push(' ');
                    }
                    s.push_str(t);
                }
                (s, p.sense)
            })
        })
    }
}

/// Words of the sketch filter (64 bits each).
pub(crate) const FILTER_WORDS: usize = 1024;

/// A 16-bit sketch of a word from its length and its first, second and last
/// bytes, case-folded, so that the filter can be asked before lower-casing.
/// Setting bit 5 folds ASCII case without a branch; it also merges a few
/// other bytes, which only lets a few more words through to the lookup.
pub(crate) fn sketch(w: &[u8]) -> usize {
    let fold = |b: Option<&u8>| b.map_or(0, |&b| usize::from(b | 0x20));
    let (first, second, last) = (fold(w.first()), fold(w.get(1)), fold(w.last()));
    (first.wrapping_mul(31)
        ^ last.wrapping_mul(131)
        ^ second.wrapping_mul(7)
        ^ w.len().wrapping_mul(2053))
        % (FILTER_WORDS * 64)
}

/// The words of phrase `p` after its first follow token `i` of `tokens`.
fn follows(p: &Phrase, text: &str, tokens: &[Token], i: usize) -> bool {
    for (k, (want, touching)) in p.rest.iter().enumerate() {
        let (Some(t), Some(prev)) = (tokens.get(i + 1 + k), tokens.get(i + k)) else {
            return false;
        };
        if *touching && t.start != prev.end {
            return false;
        }
        // Bytes first: no char-boundary checks, and most tokens are ASCII.
        let got = text.as_bytes().get(t.start..t.end).unwrap_or(&[]);
        if !got.eq_ignore_ascii_case(want.as_bytes())
            && (got.is_ascii() || lower(t.text(text)) != *want)
        {
            return false;
        }
    }
    true
}

fn check_code(file: &str, text: &str, code: &str, allowed: &[&str]) -> Result<(), YamlError> {
    if allowed.contains(&code) {
        Ok(())
    } else {
        Err(YamlError::at_text(
            file,
            text,
            code,
            format!("`{code}` is not one of {}", allowed.join(", ")),
        ))
    }
}

fn lower(s: &str) -> String {
    s.to_lowercase()
}

/// Lower-cases without allocating when the word is already lower case.
pub fn lower_cow(s: &str) -> std::borrow::Cow<'_, str> {
    if s.bytes().any(|b| b.is_ascii_uppercase() || b >= 0x80) {
        std::borrow::Cow::Owned(s.to_lowercase())
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::HashMap;

    /// The entries of `lex` as (first token, rest, sense), in lookup order.
    fn entries(lex: &Lexicon) -> Vec<(String, Vec<(String, bool)>, Sense)> {
        let mut keys: Vec<&String> = lex.first.keys().collect();
        keys.sort();
        keys.into_iter()
            .flat_map(|k| {
                lex.first[k]
                    .iter()
                    .map(move |p| (k.clone(), p.rest.clone(), p.sense))
            })
            .collect()
    }

    /// Inserts `words` as loading did before: each insert searched its first
    /// token's entries and sorted them.
    fn insert_as_before(words: &[(String, Sense)]) -> Vec<(String, Vec<(String, bool)>, Sense)> {
        let mut first: HashMap<String, Vec<Phrase>> = HashMap::new();
        for (phrase, sense) in words {
            let toks = tokenize(phrase);
            let Some(t) = toks.first() else { continue };
            let rest: Vec<(String, bool)> = toks
                .windows(2)
                .map(|w| (lower(w[1].text(phrase)), w[1].start == w[0].end))
                .collect();
            let entries = first.entry(lower(t.text(phrase))).or_default();
            let p = Phrase {
                rest,
                sense: *sense,
            };
            if !entries
                .iter()
                .any(|e| e.rest == p.rest && e.sense == p.sense)
            {
                entries.push(p);
                entries.sort_by(|a, b| b.rest.len().cmp(&a.rest.len()));
            }
        }
        let mut keys: Vec<&String> = first.keys().collect();
        keys.sort();
        keys.into_iter()
            .flat_map(|k| {
                first[k]
                    .iter()
                    .map(move |p| (k.clone(), p.rest.clone(), p.sense))
            })
            .collect()
    }

    proptest! {
        #[test]
        fn loading_keeps_the_order_of_sorting_at_each_insert(
            words in proptest::collection::vec(
                (
                    proptest::collection::vec(
                        proptest::sample::select(vec!["w", "W", "of", "km", "/", "h", "1", " "]),
                        1..5,
                    ),
                    proptest::sample::select(vec![
                        Sense::Number(1.0), Sense::Number(2.0), Sense::Multiplier(1e3), Sense::Month(3),
                        Sense::Number(f64::NAN),
                    ]),
                ),
                0..40,
            )
        ) {
            let words: Vec<(String, Sense)> =
                words.into_iter().map(|(p, s)| (p.concat(), s)).collect();
            let mut lex = Lexicon::default();
            for (p, s) in &words {
                lex.insert(p, *s);
            }
            lex.finish();
            prop_assert_eq!(format!("{:?}", entries(&lex)), format!("{:?}", insert_as_before(&words)));
        }
    }

    #[test]
    fn a_large_user_lexicon_loads_in_one_pass() {
        // "w0" … "w19999" all start with the token "w": once each insert
        // searched and sorted every entry of "w" (30 s for 100,000 words).
        let mut yaml = String::from("numbers:\n");
        for i in 0..20_000 {
            yaml.push_str(&format!("  w{i}: {i}\n"));
        }
        COMPARED.with(|n| n.set(0));
        let lex = Lexicon::with_extensions(&[("big.yaml".to_string(), yaml)]).expect("loads");
        let compared = COMPARED.with(std::cell::Cell::get);
        assert!(compared < 20_000, "{compared} comparisons");
        let (text, tokens) = ("w12345 w7", tokenize("w12345 w7"));
        let hits: Vec<Hit> = lex.lookup(text, &tokens, 0).collect();
        assert_eq!(
            hits[0],
            Hit {
                sense: Sense::Number(12345.0),
                len: 2
            }
        );
        let hits: Vec<Hit> = lex.lookup(text, &tokens, 2).collect();
        assert!(
            hits.contains(&Hit {
                sense: Sense::Number(7.0),
                len: 2
            }),
            "{hits:?}"
        );
    }

    #[test]
    fn embedded_lexicon_loads() {
        Lexicon::from_files(&[("en.yaml", EMBEDDED_EN)]).expect("embedded lexicon parses");
    }

    #[test]
    fn no_alias_has_two_senses_of_one_kind() {
        // Two units, or two months, sharing an alias would make extraction guess.
        let mut seen: HashMap<(String, std::mem::Discriminant<Sense>), Sense> = HashMap::new();
        for (phrase, sense) in DEFAULT.entries() {
            if let Some(prev) = seen.insert((phrase.clone(), std::mem::discriminant(&sense)), sense)
            {
                assert_eq!(prev, sense, "`{phrase}` has two meanings of one kind");
            }
        }
    }

    #[test]
    fn multi_word_and_touching_aliases_match() {
        let text = "more than 5 km/h";
        let toks = tokenize(text);
        let hit = DEFAULT.lookup(text, &toks, 0).next().unwrap();
        assert_eq!(hit.len, 2);
        assert!(matches!(hit.sense, Sense::Hedge(_)));
        let hit = DEFAULT.lookup(text, &toks, 3).next().unwrap();
        assert_eq!(hit.len, 3);
        assert!(matches!(hit.sense, Sense::Unit(_)));
    }

    #[test]
    fn bad_value_points_into_the_users_file() {
        let user = "months:\n  - {number: 13, names: [smarch]}\n";
        let err = Lexicon::with_extensions(&[("mine.yaml".into(), user.into())]).unwrap_err();
        assert_eq!((err.file.as_str(), err.line), ("mine.yaml", 2), "{err}");
    }

    #[test]
    fn unknown_key_in_users_file_is_an_error() {
        let err =
            Lexicon::with_extensions(&[("mine.yaml".into(), "monthz: []\n".into())]).unwrap_err();
        assert!(
            err.message.contains("unknown key `monthz`"),
            "{}",
            err.message
        );
    }

    proptest::proptest! {
        /// The extractor's lookup (which turns phrases away by their second
        /// token's length and first letter) finds what the plain one finds.
        #[test]
        fn the_fast_lookup_finds_what_the_plain_one_finds(
            words in proptest::collection::vec(
                proptest::sample::select(vec![
                    "a", "A", "dozen", "few", "couple", "of", "per", "cent", "Per", "CENT",
                    "km", "/", "h", "square", "miles", "more", "than", "at", "least", "Ä",
                    "dozën", "up", "to", "as", "many", "the", "half", "hour", " ",
                ]),
                1..12,
            )
        ) {
            let text = words.join(" ").replace("  ", " ");
            let tokens = tokenize(&text);
            for i in 0..tokens.len() {
                let low = lower(tokens[i].text(&text));
                let mut fast = Vec::new();
                DEFAULT.lookup_lower_into(&low, &text, &tokens, i, &mut fast);
                let plain: Vec<Hit> = DEFAULT.lookup(&text, &tokens, i).collect();
                proptest::prop_assert_eq!(fast, plain, "{:?} at {}", text, i);
            }
        }
    }

    #[test]
    fn time_zones_are_upper_case_and_extensible() {
        assert!(DEFAULT.is_time_zone("GMT") && !DEFAULT.is_time_zone("gmt"));
        let user = "time-zones: [WIB]\n";
        let lex = Lexicon::with_extensions(&[("mine.yaml".into(), user.into())]).unwrap();
        assert!(lex.is_time_zone("WIB") && lex.is_time_zone("EDT"));
        let user = "# zones\ntime-zones: [wib]\n";
        let err = Lexicon::with_extensions(&[("mine.yaml".into(), user.into())]).unwrap_err();
        assert_eq!((err.file.as_str(), err.line), ("mine.yaml", 2), "{err}");
    }

    #[test]
    fn user_extension_adds_a_unit() {
        let user =
            "units:\n  - {name: verst, dimension: length, factor: 1066.8, aliases: [versts]}\n";
        let lex = Lexicon::with_extensions(&[("mine.yaml".into(), user.into())]).unwrap();
        assert!(lex.is_trigger("Versts"));
    }

    #[test]
    fn relation_cues_are_words_longest_first_and_extensible() {
        let user =
            "relation-cues:\n  fillers: [\"Still Remaining\", to go]\n  before: [out from]\n";
        let lex = Lexicon::with_extensions(&[("mine.yaml".into(), user.into())]).unwrap();
        let words = |p: &[&str]| p.iter().map(|w| w.to_string()).collect::<Vec<_>>();
        assert!(lex
            .relation_fillers
            .contains(&words(&["still", "remaining"])));
        assert_eq!(
            lex.relation_fillers
                .iter()
                .filter(|p| **p == words(&["to", "go"]))
                .count(),
            1
        );
        assert!(lex
            .relation_fillers
            .windows(2)
            .all(|p| p[0].len() >= p[1].len()));
        assert_eq!(lex.relation_before, vec![words(&["out", "from"])]);
        let empty = "relation-cues:\n  fillers: [\"\"]\n";
        assert!(Lexicon::with_extensions(&[("mine.yaml".into(), empty.into())]).is_err());
    }
}
