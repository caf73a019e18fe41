//! Extraction: find every temporal and numeric expression in a document's prose.
//!
//! In: the prose of a [`crate::source::Document`] (same offsets as its text) and
//! a [`Lexicon`]. Out: [`Mention`]s — a byte span and an [`Expr`] that records
//! what was written ("Aug. 6" is month 8, day 6, year unknown), nothing
//! resolved yet. Resolving against a reference date is [`crate::resolve`]'s job.
//!
//! The text is tokenized once ([`token`]); each token is looked up once in the
//! lexicon (the trigger scan); the grammars in [`temporal`] and [`number`] then
//! parse locally around the tokens that can start an expression.

pub mod context;
pub mod number;
pub mod temporal;
pub mod token;

use std::ops::Range;

use serde::Serialize;

use crate::lexicon::Lexicon;
use crate::value::calendar::CalendarUnit;
use token::{tokenize, Token};

/// What kind of expression a mention is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// A calendar date or period ("Jan. 6", "August 2024", "last week").
    Date,
    /// A clock time or part of a day ("9 a.m.", "Monday night").
    Time,
    /// A length of time ("five months").
    Duration,
    /// A recurrence ("daily", "every Monday").
    Set,
    /// A duration related to a date ("five months since August 6").
    Relation,
    /// A bare count ("38,000", "several hundred").
    Number,
    /// An ordinal ("fourth").
    Ordinal,
    /// A fraction ("half", "a third").
    Fraction,
    /// A percentage ("25%").
    Percent,
    /// A number with a unit, currency or counted noun ("500 km²", "38,000 troops").
    Quantity,
}

impl Kind {
    /// The kebab-case name used in JSON and tables.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Kind::Date => "date",
            Kind::Time => "time",
            Kind::Duration => "duration",
            Kind::Set => "set",
            Kind::Relation => "relation",
            Kind::Number => "number",
            Kind::Ordinal => "ordinal",
            Kind::Fraction => "fraction",
            Kind::Percent => "percent",
            Kind::Quantity => "quantity",
        }
    }
}

/// A number as written: its exact value, the range it stands for when it is
/// vague ("several hundred"), and the precision it was written to.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Amount {
    /// The value as written (for a vague count, the middle of its range).
    pub exact: f64,
    /// Lowest value meant (equal to `exact` unless vague, or counted in a
    /// unit that stretches: "eight trading days" is 8 to 16 calendar days).
    pub low: f64,
    /// Highest value meant.
    pub high: f64,
    /// Place value of the last significant digit ("500" → 100, "five" → 1).
    pub precision: f64,
    /// A vague count ("several", "dozens", "years").
    pub vague: bool,
}

impl Amount {
    /// Whether checks can count this on the calendar: not vague, and not in
    /// a unit that stretches ("eight trading days").
    #[must_use]
    pub fn on_the_calendar(&self) -> bool {
        !self.vague && self.high <= self.low
    }

    /// A definite number written to `precision`.
    #[must_use]
    pub fn exact(x: f64, precision: f64) -> Self {
        Amount {
            exact: x,
            low: x,
            high: x,
            precision,
            vague: false,
        }
    }
    /// A vague range.
    #[must_use]
    pub fn vague(low: f64, high: f64) -> Self {
        Amount {
            exact: (low + high) / 2.0,
            low,
            high,
            precision: 1.0,
            vague: true,
        }
    }
}

/// Which year a partial date or period belongs to, as written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum YearSpec {
    /// Not written: decided by the reference date and the tense.
    Unspecified,
    /// Written out.
    Year(i32),
    /// Relative to the reference year: `last` = -1, `this` = 0, `next` = 1.
    Shift(i32),
}

/// Which of several candidates a weekday or month name means, as written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shift {
    /// Bare ("Monday", "in August"): decided by tense.
    Bare,
    /// "last Monday", "last August".
    Last,
    /// "this Monday".
    This,
    /// "next Monday".
    Next,
}

/// The TIMEX3 `mod` of a period: its beginning, middle or end.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PeriodPart {
    /// "early January".
    Start,
    /// "mid-2023".
    Mid,
    /// "late 1990s", "late on January 5".
    End,
}

/// A temporal expression as written.
#[derive(Clone, Debug, PartialEq)]
pub enum DateExpr {
    /// Calendar fields ("Jan. 6", "6 January 2025", "August 2024", "2022", "the 6th").
    Calendar {
        /// Year, if written.
        year: YearSpec,
        /// Month 1–12.
        month: Option<u32>,
        /// Day of month.
        day: Option<u32>,
        /// A weekday written beside it (1 = Monday).
        weekday: Option<u32>,
        /// How the month name was shifted ("last August").
        shift: Shift,
    },
    /// A weekday without a date ("Monday", "last Tuesday").
    Weekday {
        /// 1 = Monday.
        weekday: u32,
        /// As written.
        shift: Shift,
    },
    /// A period counted from the reference date ("yesterday", "last week", "next year").
    Relative {
        /// The period's unit.
        unit: CalendarUnit,
        /// How many periods from the reference one.
        offset: i32,
    },
    /// A weekend ("over the weekend", "next weekend").
    Weekend {
        /// Weeks from the reference week.
        offset: i32,
        /// Bare "the weekend": the tense decides.
        bare: bool,
    },
    /// A point some amount before or after the reference date ("seven months ago", "a year earlier").
    Offset {
        /// How many units.
        amount: Amount,
        /// The unit.
        unit: CalendarUnit,
        /// -1 before, +1 after.
        sign: i32,
    },
    /// A season ("summer 2024", "last fall").
    Season {
        /// TIMEX3 code.
        code: String,
        /// Which year.
        year: YearSpec,
    },
    /// A quarter or half of a year ("the third quarter", "first-half").
    YearPart {
        /// `Q` or `H`.
        unit: char,
        /// 1–4 or 1–2.
        n: u32,
        /// Which year.
        year: YearSpec,
    },
    /// A decade ("the 1990s", "the '90s").
    Decade {
        /// First year (1990).
        start: i32,
    },
    /// A century ("the 20th century").
    Century {
        /// Ordinal (20).
        n: i32,
    },
    /// Vague reference ("now", "recently", "the future").
    Ref(RefPoint),
    /// A part of a day ("Monday night", "this morning", "tonight").
    PartOfDay {
        /// The day.
        day: Box<DateExpr>,
        /// TIMEX3 code (MO, AF, EV, NI).
        code: String,
    },
    /// A period counted from the last date the text itself gave ("the next day",
    /// "that year", "the day before"), not from the reference date.
    Anaphoric {
        /// The period's unit.
        unit: CalendarUnit,
        /// Periods after (+) or before (-) the one last written.
        offset: i32,
    },
    /// A named day ("Christmas", "Thanksgiving"), index into the lexicon's holidays.
    Holiday {
        /// Lexicon index.
        index: usize,
        /// Which year.
        year: YearSpec,
        /// "last Thanksgiving".
        shift: Shift,
    },
    /// A clock time ("9 a.m. Moscow time").
    Clock {
        /// The day, if written.
        day: Option<Box<DateExpr>>,
        /// Hour 0–23.
        hour: u32,
        /// Minute.
        minute: u32,
        /// A zone as written.
        zone: Option<String>,
    },
}

impl DateExpr {
    /// Whether the tense around it is read: by resolution (which year a bare
    /// "August 6" or which way a bare "Friday" is) or by the rules (a full
    /// date told in the past). A year alone, "now", "last week" or "the 1990s"
    /// read the same in any tense, so extraction does not look for one.
    #[must_use]
    pub fn reads_tense(&self) -> bool {
        match self {
            DateExpr::Calendar {
                year: YearSpec::Year(_),
                month: None,
                ..
            } => false,
            DateExpr::Calendar { .. }
            | DateExpr::Weekday { .. }
            | DateExpr::Weekend { .. }
            | DateExpr::Season { .. }
            | DateExpr::YearPart { .. }
            | DateExpr::Holiday { .. } => true,
            DateExpr::Relative { .. }
            | DateExpr::Offset { .. }
            | DateExpr::Decade { .. }
            | DateExpr::Century { .. }
            | DateExpr::Ref(_)
            | DateExpr::Anaphoric { .. } => false,
            DateExpr::PartOfDay { day, .. } => day.reads_tense(),
            DateExpr::Clock { day, .. } => day.as_deref().is_some_and(DateExpr::reads_tense),
        }
    }
}

/// Vague temporal references.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RefPoint {
    /// "now", "currently".
    Present,
    /// "recently", "the past".
    Past,
    /// "the future", "soon".
    Future,
}

/// How a duration relates to a date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RelationKind {
    /// "five months since August 6", "five months after".
    Since,
    /// "two weeks before January 20", "until".
    Before,
    /// "three days after the vote".
    After,
    /// "three years into the war".
    Into,
    /// "its fourth year": an ordinal period.
    OrdinalPeriod,
    /// "from August 6 to January 5".
    Between,
}

impl RelationKind {
    /// The kebab-case name used in JSON and configuration.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            RelationKind::Since => "since",
            RelationKind::Before => "before",
            RelationKind::After => "after",
            RelationKind::Into => "into",
            RelationKind::OrdinalPeriod => "ordinal-period",
            RelationKind::Between => "between",
        }
    }
}

/// What a mention says, as written.
#[derive(Clone, Debug, PartialEq)]
pub enum Expr {
    /// A date, period or time.
    Date(DateExpr),
    /// A length of time.
    Duration {
        /// How many.
        amount: Amount,
        /// Of what.
        unit: CalendarUnit,
    },
    /// A recurrence: every `amount` `unit`s, or every given weekday.
    Set {
        /// Period unit.
        unit: CalendarUnit,
        /// Every n units.
        every: u32,
        /// Every given weekday.
        weekday: Option<u32>,
    },
    /// A relation between a duration and a date mention, by their indices in the mention list.
    Relation {
        /// The relation.
        kind: RelationKind,
        /// Index of the duration (or ordinal) mention.
        duration: Option<usize>,
        /// Index of the anchor date mention, when the phrase names one.
        anchor: Option<usize>,
        /// Index of the end date mention (`Between`).
        end: Option<usize>,
        /// The period counted (`OrdinalPeriod`: "its fourth *year*").
        unit: Option<CalendarUnit>,
    },
    /// A count.
    Number(Amount),
    /// An ordinal.
    Ordinal(u32),
    /// A fraction of something.
    Fraction(Amount),
    /// A percentage.
    Percent(Amount),
    /// A number with a unit (index into the lexicon's units) or a counted noun.
    Quantity {
        /// How many.
        amount: Amount,
        /// Lexicon unit index, when a unit (32 bits keep a mention small
        /// enough to be moved without a `memcpy` call).
        unit: Option<u32>,
        /// The counted noun, lower case, when not a unit ("troops"); a boxed
        /// `str`, 8 bytes smaller than a `String` in every mention.
        noun: Option<Box<str>>,
    },
}

impl Expr {
    /// Rewrites the mention indices a relation holds (after sorting or rebasing).
    pub fn remap_mentions(&mut self, f: impl Fn(usize) -> usize) {
        if let Expr::Relation {
            duration,
            anchor,
            end,
            ..
        } = self
        {
            for r in [duration, anchor, end].into_iter().flatten() {
                *r = f(*r);
            }
        }
    }
}

/// One expression found in a document.
#[derive(Clone, Debug, PartialEq)]
pub struct Mention {
    /// Byte span in the document, end exclusive.
    pub span: Range<usize>,
    /// What kind of expression.
    pub kind: Kind,
    /// What was written.
    pub expr: Expr,
    /// A hedge in front of it: index into the lexicon's hedges, and its span.
    /// Boxed: few mentions have one, and the empty slot of a tuple cost every
    /// mention 24 bytes more (a text of a million dates, 24 MB).
    pub hedge: Option<Box<(usize, Range<usize>)>>,
    /// "early", "mid", "late".
    pub part: Option<PeriodPart>,
    /// The tense of the clause around it.
    pub tense: context::Tense,
}

/// Options that change how text is read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum DateOrder {
    /// 01/06/2025 is January 6.
    #[default]
    MonthFirst,
    /// 01/06/2025 is June 1.
    DayFirst,
}

/// A user's relation trigger: text right after a duration that relates it to
/// the next date ("in the run-up to" → before). From `triggers:` in `reckon.yaml`.
#[derive(Clone, Debug)]
pub struct Trigger {
    /// Compiled pattern, matched right after the duration.
    pub pattern: regex::Regex,
    /// The relation it expresses.
    pub relation: RelationKind,
}

/// Extraction settings.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// How to read all-numeric dates.
    pub date_order: DateOrder,
    /// Extra relation triggers (shared, cheap to clone).
    pub triggers: std::sync::Arc<Vec<Trigger>>,
}

/// Everything the grammars need: the prose, its tokens, the lexicon.
pub(crate) struct Cursor<'a> {
    pub text: &'a str,
    pub toks: Vec<Token>,
    pub lex: &'a Lexicon,
    pub opts: &'a Options,
    /// Lexicon hits of token `i` are `hit_pool[hit_start[i]..hit_start[i + 1]]`:
    /// the one trigger scan of the text, looked up once per token.
    hit_start: Vec<u32>,
    hit_pool: Vec<crate::lexicon::Hit>,
    /// Token `i` can start an expression: a number, a lexicon word or a cue word.
    trigger: Vec<bool>,
    /// The tokens that are a unit of time ("weeks", "yr"), in order: every
    /// duration needs one.
    time_units: Vec<u32>,
    /// `text` with ASCII letters lower-cased (same offsets): most words need no
    /// lower-casing of their own, and the grammars ask for it again and again.
    lower: String,
    /// The last amount read: the temporal and the number grammar both read the
    /// amount at a number token, one right after the other.
    pub(crate) last_amount: std::cell::Cell<Option<(usize, Option<(Amount, usize)>)>>,
}

impl<'a> Cursor<'a> {
    /// Tokenizes `text` and looks every word up in the lexicon once.
    pub fn new(text: &'a str, lex: &'a Lexicon, opts: &'a Options) -> Self {
        let toks = tokenize(text);
        let lower = text.to_ascii_lowercase();
        let mut hit_start = Vec::with_capacity(toks.len() + 1);
        let mut hit_pool = Vec::with_capacity(toks.len() / 2 + 4);
        let mut trigger = Vec::with_capacity(toks.len());
        let mut time_units = Vec::new();
        let cues = temporal::cue_filter();
        for i in 0..toks.len() {
            hit_start.push(hit_pool.len() as u32);
            let t = toks[i];
            if t.kind == token::TokenKind::Number {
                trigger.push(true);
                continue;
            }
            let w = &text.as_bytes()[t.start..t.end];
            // One sketch of the word asks both filters; only the few words that
            // pass are lower-cased and looked up.
            let sk = crate::lexicon::sketch(w);
            let lexical = lex.may_start(sk);
            let cue = w.len() <= 12 && t.kind == token::TokenKind::Word && cues.may_be_cue(sk);
            let mut trig = false;
            if lexical || cue {
                let low = lowered(&lower, text, t);
                let before = hit_pool.len();
                if lexical {
                    lex.lookup_lower_into(&low, text, &toks, i, &mut hit_pool);
                    if hit_pool[before..]
                        .iter()
                        .any(|h| lex.unit_of_time(h.sense) == Some(true))
                    {
                        time_units.push(i as u32);
                    }
                }
                trig = hit_pool.len() > before || (cue && cues.is_cue(&low, sk));
            }
            // An apostrophe opens a year or decade only before two touching digits ('98, '90s).
            if !trig && (w == b"'" || w == "’".as_bytes()) {
                trig = toks.get(i + 1).is_some_and(|n| {
                    n.kind == token::TokenKind::Number && n.start == t.end && n.end - n.start == 2
                });
            }
            trigger.push(trig);
        }
        hit_start.push(hit_pool.len() as u32);
        Cursor {
            text,
            toks,
            lex,
            opts,
            hit_start,
            hit_pool,
            trigger,
            time_units,
            last_amount: std::cell::Cell::new(None),
            lower,
        }
    }

    /// Tokens of which one must be a trigger for an expression to start at word
    /// `i`; `None` when `i` can stand alone. A cue word ("last", "annual")
    /// leads something within three tokens ("late on January 5", "an annual
    /// rate of 4%"), an article within two ("the same day", "a-half"), a
    /// demonstrative the very next one ("that day"); a
    /// hedge ("about", "more than") leads the token right after its words; a
    /// unit that is not of time ("dollar", "km") only ever follows its number,
    /// unless one comes right after it.
    fn followers_needed(&self, i: usize) -> Option<Range<usize>> {
        if self.toks.get(i)?.kind != token::TokenKind::Word {
            return None;
        }
        let mut hits = self.hits(i).peekable();
        if hits.peek().is_none() {
            let w = self.low(i);
            // "an annual rate": a set by itself, whatever follows the rate.
            if temporal::is_standalone(&w)
                || (w == "annual" && self.is_any(i + 1, &["basis", "rate"]))
            {
                return None;
            }
            return Some(match &*w {
                "that" | "this" => i + 1..i + 2,
                "a" | "an" | "the" => i + 1..i + 3,
                _ => i + 1..i + 4,
            });
        }
        let (mut shortest, mut longest) = (usize::MAX, 0);
        let mut hedges = true;
        for h in hits {
            shortest = shortest.min(h.len);
            longest = longest.max(h.len);
            hedges &= matches!(h.sense, crate::lexicon::Sense::Hedge(_));
        }
        if hedges {
            Some(i + shortest..i + longest + 1)
        } else if self.only_units_not_of_time(i) {
            Some(i + 1..i + 2)
        } else {
            None
        }
    }

    /// Token `i` is in the lexicon only as units that do not measure time
    /// ("km", "pct", "%", "dollars").
    fn only_units_not_of_time(&self, i: usize) -> bool {
        let mut any = false;
        for h in self.hits(i) {
            if self.lex.unit_of_time(h.sense) != Some(false) {
                return false;
            }
            any = true;
        }
        any
    }

    /// No temporal expression starts at number `i`: it is followed by a unit
    /// that does not measure time ("5 pct", "12 km", "3%"), the one thing the
    /// temporal grammar never reads after a number. Saves it the attempt on
    /// most figures in business news.
    fn plainly_a_figure(&self, i: usize) -> bool {
        self.is_num(i) && self.only_units_not_of_time(i + 1)
    }

    /// A unit of time starts at one of tokens `i..i + reach`.
    pub(crate) fn time_unit_within(&self, i: usize, reach: usize) -> bool {
        let k = self.time_units.partition_point(|&t| (t as usize) < i);
        self.time_units
            .get(k)
            .is_some_and(|&t| (t as usize) < i.saturating_add(reach))
    }

    /// Lower-cased text of token `i` ("" past the end), without allocating for ASCII words.
    pub fn low(&self, i: usize) -> Low<'_> {
        self.toks
            .get(i)
            .map_or(Low::Borrowed(""), |&t| lowered(&self.lower, self.text, t))
    }
    /// Text of token `i` as written ("" past the end).
    pub fn raw(&self, i: usize) -> &'a str {
        self.toks.get(i).map_or("", |t| t.text(self.text))
    }
    /// Bytes of token `i` (empty past the end): comparing bytes needs no
    /// char-boundary checks, and these tests run on every attempt.
    fn raw_bytes(&self, i: usize) -> &'a [u8] {
        self.toks
            .get(i)
            .and_then(|t| self.text.as_bytes().get(t.start..t.end))
            .unwrap_or(&[])
    }
    /// Token `i` is the word `w` (ASCII case-insensitive).
    pub fn is(&self, i: usize, w: &str) -> bool {
        self.raw_bytes(i).eq_ignore_ascii_case(w.as_bytes())
    }
    /// Token `i` is one of `ws`.
    pub fn is_any(&self, i: usize, ws: &[&str]) -> bool {
        let r = self.raw_bytes(i);
        ws.iter().any(|w| r.eq_ignore_ascii_case(w.as_bytes()))
    }
    /// Token `i` is a number token.
    pub fn is_num(&self, i: usize) -> bool {
        self.toks
            .get(i)
            .is_some_and(|t| t.kind == token::TokenKind::Number)
    }
    /// Token `i` is a word token.
    pub fn is_word(&self, i: usize) -> bool {
        self.toks
            .get(i)
            .is_some_and(|t| t.kind == token::TokenKind::Word)
    }
    /// Token `j` starts where token `i` ends.
    pub fn touch(&self, i: usize, j: usize) -> bool {
        match (self.toks.get(i), self.toks.get(j)) {
            (Some(a), Some(b)) => a.end == b.start,
            _ => false,
        }
    }
    /// Token `i` begins with an upper-case letter.
    pub fn capitalized(&self, i: usize) -> bool {
        self.raw(i).chars().next().is_some_and(char::is_uppercase)
    }
    /// Lexicon hits at token `i`, longest first.
    pub fn hits(&self, i: usize) -> impl Iterator<Item = crate::lexicon::Hit> + '_ {
        let (a, b) = match (
            self.hit_start.get(i),
            i.checked_add(1).and_then(|j| self.hit_start.get(j)),
        ) {
            (Some(&a), Some(&b)) => (a as usize, b as usize),
            _ => (0, 0),
        };
        self.hit_pool[a..b].iter().copied()
    }
    /// Byte span of tokens `i..j`.
    pub fn span(&self, i: usize, j: usize) -> Range<usize> {
        self.toks[i].start..self.toks[j - 1].end
    }
    /// Token `i` is a sentence boundary (". ! ?" followed by a capital, or a blank line).
    pub fn sentence_break_before(&self, i: usize) -> bool {
        if i == 0 || i >= self.toks.len() {
            return true;
        }
        let prev = self.toks[i - 1];
        let gap = &self.text[prev.end..self.toks[i].start];
        // The gap between two tokens is short: a plain scan beats a substring search.
        gap.as_bytes().windows(2).any(|w| w == b"\n\n")
            || (matches!(self.raw(i - 1), "." | "!" | "?")
                && !i.checked_sub(2).is_some_and(|k| self.is_abbrev(k)))
    }
    fn is_abbrev(&self, i: usize) -> bool {
        self.raw(i).len() <= 4 && self.is_word(i) && self.hits(i).next().is_some()
    }
}

/// A lower-cased word: a slice of the chunk's lower-cased copy when the word
/// is ASCII (nearly always), else its Unicode lower case.
pub(crate) type Low<'a> = std::borrow::Cow<'a, str>;

/// Token `t` of `text` lower-cased, borrowing from `lower` (the text with ASCII
/// letters lower-cased) when it can.
fn lowered<'a>(lower: &'a str, text: &str, t: Token) -> Low<'a> {
    match lower.get(t.start..t.end) {
        Some(l) if t.ascii => Low::Borrowed(l),
        _ => Low::Owned(t.text(text).to_lowercase()),
    }
}

/// Finds every mention in `prose`, in text order. Relations refer to other
/// mentions by index.
///
/// Long texts are read in chunks of whole paragraphs (split at blank lines),
/// so memory stays small and the working set stays in cache; an expression
/// never spans a blank line.
#[must_use]
pub fn extract(prose: &str, lex: &Lexicon, opts: &Options) -> Vec<Mention> {
    let pieces = extract_pieces(prose, lex, opts);
    let mut out = Vec::with_capacity(pieces.iter().map(Vec::len).sum());
    for mut piece in pieces {
        out.append(&mut piece);
    }
    out
}

/// [`extract`], one vector per chunk of the text. Indices count across
/// pieces, as in the flat list, and a relation's parts share its piece, so
/// the pieces resolve one at a time ([`crate::resolve::run`]); a long
/// document's mentions are never held twice while they resolve.
#[must_use]
pub fn extract_pieces(prose: &str, lex: &Lexicon, opts: &Options) -> Vec<Vec<Mention>> {
    let mut pieces = Vec::new();
    let mut first = 0;
    for (base, chunk) in chunks(prose, CHUNK_BYTES) {
        let cur = Cursor::new(chunk, lex, opts);
        let mut piece = extract_chunk(&cur);
        for m in &mut piece {
            m.span = m.span.start + base..m.span.end + base;
            if let Some(hedge) = m.hedge.as_mut() {
                let h = &mut hedge.1;
                *h = h.start + base..h.end + base;
            }
            m.expr.remap_mentions(|x| x + first);
        }
        first += piece.len();
        piece.shrink_to_fit();
        pieces.push(piece);
    }
    pieces
}

/// The least length of a chunk of text read at once (see [`chunks`]).
pub const CHUNK_BYTES: usize = 1 << 16;

/// Splits `text` into pieces of at least `min` bytes, each ending at a blank
/// line, so that a long document is tokenized a piece at a time and its token
/// table never holds more than a piece.
///
/// A piece looks for its blank line in the next `min` bytes only. Text with no
/// paragraph breaks there (one long line, a file of dated lines) ends its piece
/// at the first sentence end instead, and failing that at a space, or at a
/// character boundary: memory stays bounded by the piece, not by the line.
fn chunks(text: &str, min: usize) -> impl Iterator<Item = (usize, &str)> {
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= text.len() {
            return None;
        }
        let end = chunk_end(text, (start + min).min(text.len()), min);
        let piece = (start, &text[start..end]);
        start = end;
        Some(piece)
    })
}

/// Where a piece that may end from `from` on ends (see [`chunks`]).
fn chunk_end(text: &str, from: usize, min: usize) -> usize {
    let bytes = text.as_bytes();
    let window = &bytes[from..(from + min).min(bytes.len())];
    // '\n', '.' and ' ' are ASCII: a position next to one is a char boundary.
    if let Some(p) = memchr::memmem::find(window, b"\n\n") {
        return from + p + 1;
    }
    if from + window.len() == bytes.len() {
        return bytes.len();
    }
    if let Some(p) = sentence_end(bytes, from, from + window.len()) {
        return p;
    }
    if let Some(p) = memchr::memchr2(b' ', b'\n', window) {
        return from + p + 1;
    }
    let mut end = from + window.len();
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    end
}

/// The start of the first sentence that follows a full stop in
/// `bytes[from..to]` after a figure or a lower-case word ("… 2025. Filed",
/// "… arrested. Police"): not after an abbreviation such as "Jan." or "U.S.",
/// which reads on.
fn sentence_end(bytes: &[u8], from: usize, to: usize) -> Option<usize> {
    memchr::memchr_iter(b'.', &bytes[from..to]).find_map(|at| {
        let dot = from + at;
        let len = bytes[..dot]
            .iter()
            .rev()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        let word = &bytes[dot - len..dot];
        let plain = len >= 2
            && (word.iter().all(u8::is_ascii_digit) || word.iter().all(u8::is_ascii_lowercase));
        let space = *bytes.get(dot + 1)?;
        let next = *bytes.get(dot + 2)?;
        (plain && (space == b' ' || space == b'\n') && next.is_ascii_uppercase()).then_some(dot + 2)
    })
}

fn extract_chunk(cur: &Cursor<'_>) -> Vec<Mention> {
    let mut out: Vec<Mention> = Vec::with_capacity(cur.toks.len() / 8 + 4);
    let mut i = 0;
    while i < cur.toks.len() {
        if !cur.trigger[i] {
            i += 1;
            continue;
        }
        // A leading word ("the", "about", "a") only matters before another trigger.
        if let Some(next) = cur.followers_needed(i) {
            if !next
                .into_iter()
                .any(|k| cur.trigger.get(k).copied().unwrap_or(false))
            {
                i += 1;
                continue;
            }
        }
        if let Some((end, mut found)) = (!cur.plainly_a_figure(i))
            .then(|| temporal::parse_at(cur, i))
            .flatten()
        {
            out.append(&mut found);
            i = end.max(i + 1);
            continue;
        }
        if let Some((end, m)) = number::parse_at(cur, i) {
            out.push(m);
            i = end.max(i + 1);
            continue;
        }
        i += 1;
    }
    attach_clock_days(cur, &mut out);
    temporal::link_relations(cur, &mut out);
    // Only dates and times whose reading can turn on it need the tense; counts
    // are the same in any tense.
    for m in out
        .iter_mut()
        .filter(|m| matches!(&m.expr, Expr::Date(d) if d.reads_tense()))
    {
        let s = cur.toks.partition_point(|t| t.start < m.span.start);
        let e = cur.toks.partition_point(|t| t.end <= m.span.end);
        m.tense = context::tense_around(cur, s, e);
    }
    out
}

/// A clock time with no day of its own takes the day written before it in the
/// same sentence: "on Sunday, January 5, starting around 9 a.m." is 9 a.m. on the 5th.
fn attach_clock_days(cur: &Cursor<'_>, out: &mut [Mention]) {
    for k in 1..out.len() {
        let Expr::Date(DateExpr::Clock { day: None, .. }) = &out[k].expr else {
            continue;
        };
        // "4:50 p.m. on Wednesday, Sept. 26": the date right after it.
        if let Some(next) = out
            .get(k + 1)
            .filter(|n| matches!(&n.expr, Expr::Date(DateExpr::Calendar { day: Some(_), .. })))
        {
            let from = cur.toks.partition_point(|t| t.start < out[k].span.end);
            let to = cur.toks.partition_point(|t| t.start < next.span.start);
            if (from..to).all(|i| cur.is(i, "on") || cur.is(i, ",")) && to - from <= 2 {
                let day = match &next.expr {
                    Expr::Date(d) => d.clone(),
                    _ => continue,
                };
                if let Expr::Date(DateExpr::Clock { day: d @ None, .. }) = &mut out[k].expr {
                    *d = Some(Box::new(day));
                }
                continue;
            }
        }
        let Some(prev) = out[..k]
            .iter()
            .rev()
            .find(|m| matches!(m.kind, Kind::Date | Kind::Time))
        else {
            continue;
        };
        let day = match &prev.expr {
            Expr::Date(
                d @ (DateExpr::Calendar { day: Some(_), .. }
                | DateExpr::Weekday { .. }
                | DateExpr::Holiday { .. }),
            ) => d.clone(),
            Expr::Date(DateExpr::Relative {
                unit: CalendarUnit::Day,
                ..
            }) => match &prev.expr {
                Expr::Date(d) => d.clone(),
                _ => continue,
            },
            _ => continue,
        };
        let from = cur.toks.partition_point(|t| t.start < prev.span.end);
        let to = cur.toks.partition_point(|t| t.start < out[k].span.start);
        if (from..=to).any(|i| i > from && cur.sentence_break_before(i)) {
            continue;
        }
        if let Expr::Date(DateExpr::Clock { day: d @ None, .. }) = &mut out[k].expr {
            *d = Some(Box::new(day));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tense_is_read_only_where_it_can_change_a_reading() {
        let text = "Talks began on Jan. 6, 2025, and resumed Friday; prices rose in 1987 and fell last week.";
        let ms = extract(text, &crate::lexicon::DEFAULT, &Options::default());
        let tense = |t: &str| {
            ms.iter()
                .find(|m| &text[m.span.clone()] == t)
                .map(|m| m.tense)
                .unwrap_or_else(|| panic!("no {t:?} in {ms:?}"))
        };
        assert_eq!(tense("Jan. 6, 2025"), context::Tense::Past);
        assert_eq!(tense("Friday"), context::Tense::Past);
        assert_eq!(tense("1987"), context::Tense::Unknown);
        assert_eq!(tense("last week"), context::Tense::Unknown);
    }

    #[test]
    fn chunks_cover_the_text_and_end_at_blank_lines() {
        let text = "aaaa\n\nbbbb\n\ncccc";
        let parts: Vec<_> = chunks(text, 3).collect();
        assert_eq!(parts.iter().map(|(_, p)| *p).collect::<String>(), text);
        assert!(parts.iter().all(|(b, p)| &text[*b..*b + p.len()] == *p));
        assert_eq!(parts.len(), 3);
    }

    fn pieces(text: &str, min: usize) -> Vec<&str> {
        let parts: Vec<_> = chunks(text, min).collect();
        assert_eq!(parts.iter().map(|(_, p)| *p).collect::<String>(), text);
        assert!(parts.iter().all(|(b, p)| &text[*b..*b + p.len()] == *p));
        parts.into_iter().map(|(_, p)| p).collect()
    }

    #[test]
    fn a_text_without_blank_lines_is_cut_at_sentence_ends() {
        let text = "Filed on March 3, 2025.\nFiled on Jan. 4, 2025. Police arrested two men.";
        assert_eq!(
            pieces(text, 20),
            [
                "Filed on March 3, 2025.\n",
                "Filed on Jan. 4, 2025. ",
                "Police arrested two men."
            ]
        );
        // No sentence end: a space; no space: a character boundary.
        assert_eq!(pieces("ab cd ef", 2), ["ab ", "cd ", "ef"]);
        let long = "\u{2014}".repeat(10);
        let parts = pieces(&long, 4);
        assert!(parts.len() > 1, "{parts:?}");
    }

    #[test]
    fn a_lead_word_opens_a_phrase_whose_head_is_no_trigger() {
        // "the" is read only when a trigger follows: "moment" is one for this reason.
        for text in [
            "Talks are stalled at the moment and no date is set.",
            "At the moment, talks are stalled.",
        ] {
            let ms = extract(text, &crate::lexicon::DEFAULT, &Options::default());
            assert!(
                ms.iter()
                    .any(|m| text[m.span.clone()].eq_ignore_ascii_case("the moment")),
                "{text}: {ms:?}"
            );
        }
    }

    #[test]
    fn leading_words_still_lead_after_the_trigger_gate() {
        // Each leads a phrase whose trigger is one, two or three tokens on.
        for (text, want) in [
            ("It lasted more than five years.", "more than five years"),
            ("Shelling went on over the weekend.", "the weekend"),
            ("Output grew at an annual rate of 4%.", "annual"),
            ("Output grew at an annual rate, officials said.", "annual"),
            ("The price rose by one-and-a-half points.", "a-half"),
            ("They met again the same day.", "the same day"),
            ("Talks resumed that morning.", "that morning"),
            ("Late on January 5, troops moved.", "Late on January 5"),
            ("The column stretched about 30 km.", "about 30 km"),
            ("Inflation ran at 5 pct in 1987.", "5 pct"),
            ("Inflation ran at 5 pct in 1987.", "1987"),
        ] {
            let ms = extract(text, &crate::lexicon::DEFAULT, &Options::default());
            let spans: Vec<&str> = ms.iter().map(|m| &text[m.span.clone()]).collect();
            assert!(
                spans.iter().any(|s| s.contains(want)),
                "{text}: want {want:?} in {spans:?}"
            );
        }
    }

    #[test]
    fn an_apostrophe_opens_only_a_two_digit_decade_or_year() {
        let text = "Kyiv's forces held the line, as in the '90s; the city's mayor said so.";
        let ms = extract(text, &crate::lexicon::DEFAULT, &Options::default());
        let spans: Vec<&str> = ms.iter().map(|m| &text[m.span.clone()]).collect();
        assert!(spans.contains(&"the '90s"), "{spans:?}");
        assert!(!spans.iter().any(|s| s.starts_with("'s")), "{spans:?}");
    }

    #[test]
    fn spans_and_relations_survive_chunking() {
        let para = "Five months since August 6, 2024, the line held.\n\n";
        let text = para.repeat(3000);
        let ms = extract(&text, &crate::lexicon::DEFAULT, &Options::default());
        for (i, m) in ms.iter().enumerate() {
            if let Expr::Relation {
                duration: Some(d),
                anchor: Some(a),
                ..
            } = &m.expr
            {
                assert_eq!(&text[ms[*d].span.clone()], "Five months", "relation {i}");
                assert_eq!(&text[ms[*a].span.clone()], "August 6, 2024");
            }
        }
        assert_eq!(ms.iter().filter(|m| m.kind == Kind::Relation).count(), 3000);
    }
}
