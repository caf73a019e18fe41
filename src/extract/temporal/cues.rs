//! The words that can start a date or time phrase, and the filter the trigger
//! scan asks before it hashes a word: year cues ("in", "since", "by"),
//! standalone words ("yesterday", "now"), and which shapes each cue can lead.

/// Words before a year that make a bare four-digit number a year.
const YEAR_CUES: &[&str] = &[
    "in",
    "since",
    "by",
    "until",
    "till",
    "from",
    "to",
    "through",
    "during",
    "of",
    "before",
    "after",
    "early",
    "late",
    "mid",
    "fiscal",
    "year",
    "summer",
    "winter",
    "spring",
    "fall",
    "autumn",
    "between",
    "and",
    "the",
    "circa",
    "around",
    "throughout",
    "for",
    "as",
    "on",
    "at",
    "into",
    "end",
    "start",
    "beginning",
    "middle",
    "than",
    "election",
    "season",
    "calendar",
    "spanning",
    "past",
    "ending",
    "ended",
    "until",
    "a",
    "its",
    "his",
    "her",
    "their",
    "that",
    "this",
    "our",
    "both",
    "due",
    "s",
    "either",
    "late-",
    "pre",
    "post",
];

/// Prepositions before a point in time: "at 9", "until 8 in the evening".
pub(super) const AT_WORDS: &[&str] = &[
    "at", "by", "until", "till", "before", "after", "from", "around", "about", "since", "to",
];

/// Prepositions before a period or a part of one: "in '98", "by mid-afternoon".
pub(super) const DURING_WORDS: &[&str] = &[
    "in", "at", "by", "since", "until", "till", "from", "to", "through", "during", "before",
    "after", "of", "circa", "around",
];

/// [`YEAR_CUES`] as a set.
pub(super) static YEAR_CUE_SET: std::sync::LazyLock<rustc_hash::FxHashSet<&'static str>> =
    std::sync::LazyLock::new(|| YEAR_CUES.iter().copied().collect());

/// Cue words that are a whole expression by themselves ("now", "daily").
pub(crate) fn is_standalone(w: &str) -> bool {
    matches!(
        w,
        "yesterday"
            | "today"
            | "tomorrow"
            | "tonight"
            | "now"
            | "currently"
            | "recently"
            | "nowadays"
            | "daily"
            | "weekly"
            | "monthly"
            | "annually"
            | "yearly"
            | "hourly"
            | "nightly"
            | "noon"
            | "midnight"
            | "lately"
            | "presently"
            | "weekend"
            | "overnight"
            | "present"
    )
}

/// Words that can open a temporal expression without being in the lexicon.
const CUES: &[&str] = &[
    "the",
    "last",
    "next",
    "this",
    "past",
    "coming",
    "previous",
    "yesterday",
    "today",
    "tomorrow",
    "tonight",
    "now",
    "currently",
    "recently",
    "nowadays",
    "future",
    "daily",
    "weekly",
    "monthly",
    "annually",
    "yearly",
    "hourly",
    "nightly",
    "every",
    "each",
    "noon",
    "midnight",
    "early",
    "late",
    "mid",
    "earlier",
    "later",
    "a",
    "an",
    "another",
    "q1",
    "q2",
    "q3",
    "q4",
    "weekend",
    "overnight",
    "lately",
    "formerly",
    "quarterly",
    "biweekly",
    "soon",
    "current",
    "recent",
    "year",
    "fiscal",
    "once",
    "semiannual",
    "annual",
    "half",
    "first",
    "second",
    "third",
    "fourth",
    "previously",
    "presently",
    "immediately",
    "ago",
    "end",
    "beginning",
    "start",
    "middle",
    "latest",
    "several",
    "few",
    "many",
    "some",
    "recent-",
    "years",
    "months",
    "weeks",
    "days",
    "decades",
    "hours",
    "minutes",
    "centuries",
    "prior",
    "term",
    "two-thirds",
    "that",
    "these",
    "present",
    "all",
    "other",
    "pre",
    "post",
    "twenties",
    "thirties",
    "forties",
    "fifties",
    "sixties",
    "seventies",
    "eighties",
    "nineties",
    // Not a start, but "the" opens "at the moment" only when something follows.
    "moment",
];

/// For each [`crate::lexicon::sketch`], the cue word with that sketch: 0 for
/// none, `k` for `CUES[k - 1]`, `SHARED` when two cues share it. Most words are
/// turned away without lower-casing, and a cue is told by one comparison.
static CUE_BY_SKETCH: std::sync::LazyLock<Vec<u8>> = std::sync::LazyLock::new(|| {
    let mut table = vec![0u8; crate::lexicon::FILTER_WORDS * 64];
    for (k, w) in CUES.iter().enumerate() {
        let slot = &mut table[crate::lexicon::sketch(w.as_bytes())];
        *slot = if *slot == 0 {
            u8::try_from(k + 1).unwrap_or(SHARED)
        } else {
            SHARED
        };
    }
    table
});

/// In [`CUE_BY_SKETCH`]: more than one cue has this sketch.
const SHARED: u8 = u8::MAX;

/// The cue words by sketch, fetched once per chunk.
pub(crate) fn cue_filter() -> CueFilter {
    CueFilter(&CUE_BY_SKETCH)
}

/// [`CUE_BY_SKETCH`], borrowed.
#[derive(Clone, Copy)]
pub(crate) struct CueFilter(&'static [u8]);

impl CueFilter {
    /// A word of this sketch may be a cue (true means "ask [`CueFilter::is_cue`]").
    pub(crate) fn may_be_cue(self, sketch: usize) -> bool {
        self.0.get(sketch).is_some_and(|&k| k != 0)
    }

    /// The lower-cased word `w`, of sketch `sketch`, can open a temporal
    /// expression without being in the lexicon.
    pub(crate) fn is_cue(self, w: &str, sketch: usize) -> bool {
        match self.0.get(sketch).copied().unwrap_or(0) {
            0 => false,
            SHARED => CUES.contains(&w),
            k => CUES.get(usize::from(k) - 1) == Some(&w),
        }
    }
}
