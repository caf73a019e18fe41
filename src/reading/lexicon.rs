//! `rules/lexicon/reading.yaml` compiled into lookup tables: every verb form
//! to its lemma, class and form; every counted noun to its kind; the cue phrases.

use std::sync::LazyLock;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::config::reading::{Direction, PartWholeCues, ReadingFile};
use crate::config::YamlError;

/// The embedded reading lexicon.
pub const EMBEDDED: &str = crate::config::embedded::READING.yaml;

/// The embedded reading lexicon, compiled once.
pub static DEFAULT: LazyLock<ReadingLexicon> = LazyLock::new(|| {
    ReadingLexicon::from_yaml("rules/lexicon/reading.yaml", EMBEDDED)
        .unwrap_or_else(|e| panic!("the embedded reading lexicon is valid: {e}"))
});

/// Which form of its verb a word is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VerbForm {
    /// "strike", "hit" (a past that equals the present is listed as both).
    Base,
    /// "strikes".
    ThirdPerson,
    /// "struck".
    Past,
    /// "struck" after "has", "was".
    Participle,
    /// "striking".
    Ing,
}

/// One reading of a word as a verb.
#[derive(Debug, Clone)]
pub struct VerbSense {
    /// The lemma.
    pub lemma: String,
    /// The event class.
    pub class: String,
    /// The form.
    pub form: VerbForm,
    /// A change's direction ("rose": up).
    pub direction: Option<Direction>,
}

/// The compiled reading lexicon.
#[derive(Debug, Default)]
pub struct ReadingLexicon {
    /// Every verb form, lower case, to what it can be.
    pub verbs: FxHashMap<String, Vec<VerbSense>>,
    /// Words that never head a counted noun.
    pub not_nouns: FxHashSet<String>,
    /// Counted noun → its kind ("children" → "people").
    pub kinds: FxHashMap<String, String>,
    /// The part-whole cue phrases, lower case.
    pub cues: PartWholeCues,
    /// Any of the cues, as one case-insensitive pattern: a paragraph without a
    /// match holds no part-whole group, and the reading skips it. A whole's lead
    /// ("of the") counts only before a figure ("of the 160", "of the
    /// assembly's 150").
    pub cue_pattern: Option<regex::bytes::Regex>,
    /// Words that tell a change's direction without a verb ("up", "lower").
    pub change_words: FxHashMap<String, Direction>,
    /// Words that make a percentage another measure than its figures' change.
    pub change_qualifiers: FxHashSet<String>,
    /// The events documents of one story tell.
    pub story_events: Vec<StoryEvent>,
    /// A verb lemma, noun or two-word phrase ("break into") → its story event.
    pub event_words: FxHashMap<String, usize>,
    /// A word of an event's clause → the thing it names ("takeover" → "deal").
    pub argument_kinds: FxHashMap<String, String>,
    /// Capitalised words that do not tell what a document is about.
    pub generic_names: FxHashSet<String>,
    /// Participles of a lasting state, before "for" and a length ("has held for").
    pub lasting_verbs: FxHashSet<String>,
    /// States an event begins, that last ("in custody", "empty").
    pub lasting_states: FxHashSet<String>,
    /// Nouns of an inquiry into an event, which cannot be older than it.
    pub inquiry_nouns: FxHashSet<String>,
    /// Sets of verb lemmas that, leading every part of a whole, make it up.
    pub exhaustive_results: Vec<Vec<String>>,
    /// Every lower-case word that can tell a story event or lead to one: event
    /// nouns (and plurals), the forms of event verbs and of the first verb of
    /// an event phrase ("broke" of "break into"), and of "begin" and "start".
    /// A date with none of them near is read no further.
    pub event_cues: CueWords,
    /// The event cues of the events whose counts are compared (`counts: true`),
    /// without "begin" and "start": a figure with none of them near counts no
    /// story event.
    pub count_cues: CueWords,
}

/// A set of lower-case words asked of every word in a window of text.
///
/// A window is searched in one pass of an Aho-Corasick automaton for every
/// word of the set at once, and a hit is kept only if it is a whole word:
/// a run of lower-case letters and hyphens with no such byte on either side.
/// (Word by word, with a lookup per word, took three times as long: most of
/// a figure's neighbours are words.)
#[derive(Debug, Default)]
pub struct CueWords {
    finder: Option<aho_corasick::AhoCorasick>,
}

impl CueWords {
    /// The words of three bytes or more made of lower-case letters and
    /// hyphens: only such runs of a text are read as words.
    fn new(words: &FxHashSet<String>) -> Self {
        let mut askable: Vec<&str> = words
            .iter()
            .map(String::as_str)
            .filter(|w| w.len() > 2 && w.bytes().all(in_cue_word))
            .collect();
        askable.sort_unstable();
        // Leftmost-longest: at the start of a word that is in the set, the
        // whole word is the match ("killed", not "kill"); a match is never
        // longer than the run of letters it stands in, so none hides the next.
        let finder = aho_corasick::AhoCorasick::builder()
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(&askable)
            .ok();
        Self { finder }
    }

    /// Whether a word of the set stands in `window`.
    pub fn any_in(&self, window: &str) -> bool {
        let Some(finder) = &self.finder else {
            return false;
        };
        let bytes = window.as_bytes();
        finder.find_iter(window).any(|m| {
            (m.start() == 0 || !in_cue_word(bytes[m.start() - 1]))
                && bytes.get(m.end()).is_none_or(|&b| !in_cue_word(b))
        })
    }
}

/// The words of a list, lower case, as a set.
fn lower_set(words: &[String]) -> FxHashSet<String> {
    words.iter().map(|w| w.to_lowercase()).collect()
}

/// A byte of a word as [`CueWords`] reads words.
fn in_cue_word(b: u8) -> bool {
    b.is_ascii_lowercase() || b == b'-'
}

/// An event documents of one story tell (see `story-events` in the lexicon).
#[derive(Debug, Clone)]
pub struct StoryEvent {
    /// Its name.
    pub name: String,
    /// A story has it once.
    pub once: bool,
    /// Its counts grow while a story unfolds.
    pub grows: bool,
    /// Its counts are compared across documents.
    pub counts: bool,
    /// One actor does it again and again.
    pub repeats: bool,
}

impl ReadingLexicon {
    /// Compiles a reading lexicon file.
    pub fn from_yaml(name: &str, text: &str) -> Result<Self, YamlError> {
        let file: ReadingFile = crate::config::parse(name, text)?;
        let mut lex = ReadingLexicon::default();
        for v in &file.verbs {
            let lemma = v.lemma.to_lowercase();
            let past = v
                .past
                .as_deref()
                .map_or_else(|| regular_past(&lemma), str::to_lowercase);
            let participle = v
                .participle
                .as_deref()
                .map_or_else(|| past.clone(), str::to_lowercase);
            let forms = [
                (lemma.clone(), VerbForm::Base),
                (third_person(&lemma), VerbForm::ThirdPerson),
                (past, VerbForm::Past),
                (participle, VerbForm::Participle),
                (ing(&lemma), VerbForm::Ing),
            ];
            for (word, form) in forms {
                let senses = lex.verbs.entry(word).or_default();
                if !senses
                    .iter()
                    .any(|s| s.lemma == lemma && s.form == form && s.class == v.class)
                {
                    senses.push(VerbSense {
                        lemma: lemma.clone(),
                        class: v.class.clone(),
                        form,
                        direction: v.direction,
                    });
                }
            }
        }
        lex.not_nouns = file.not_nouns.iter().map(|w| w.to_lowercase()).collect();
        for (kind, nouns) in &file.noun_kinds {
            for n in nouns {
                lex.kinds.insert(n.to_lowercase(), kind.clone());
            }
        }
        for (direction, words) in &file.change_words {
            for w in words {
                lex.change_words.insert(w.to_lowercase(), *direction);
            }
        }
        lex.change_qualifiers = file
            .change_qualifiers
            .iter()
            .map(|w| w.to_lowercase())
            .collect();
        for e in &file.story_events {
            let at = lex.story_events.len();
            lex.story_events.push(StoryEvent {
                name: e.event.clone(),
                once: e.once,
                grows: e.grows,
                counts: e.counts,
                repeats: e.repeats,
            });
            for w in &e.words {
                lex.event_words.insert(w.to_lowercase(), at);
            }
        }
        for (kind, words) in &file.argument_kinds {
            for w in words {
                lex.argument_kinds.insert(w.to_lowercase(), kind.clone());
            }
        }
        lex.generic_names = lower_set(&file.generic_names);
        lex.lasting_states = lower_set(&file.lasting_states);
        lex.inquiry_nouns = lower_set(&file.inquiry_nouns);
        lex.lasting_verbs = lower_set(&file.lasting_verbs);
        lex.exhaustive_results = file
            .exhaustive_results
            .iter()
            .map(|set| set.iter().map(|w| w.to_lowercase()).collect())
            .collect();
        let cue_words = |counted_only: bool| {
            let mut leads: FxHashSet<&str> = FxHashSet::default();
            if !counted_only {
                leads.extend(["begin", "start"]);
            }
            let mut words = FxHashSet::default();
            for (w, &e) in &lex.event_words {
                if counted_only && !lex.story_events[e].counts {
                    continue;
                }
                leads.insert(w.split(' ').next().unwrap_or(w));
                words.insert(w.clone());
                words.insert(format!("{w}s"));
            }
            for (form, senses) in &lex.verbs {
                if senses.iter().any(|s| leads.contains(s.lemma.as_str())) {
                    words.insert(form.clone());
                }
            }
            CueWords::new(&words)
        };
        lex.event_cues = cue_words(false);
        lex.count_cues = cue_words(true);
        lex.cues = cues(&file.part_whole);
        lex.cue_pattern = cue_pattern(&lex.cues);
        Ok(lex)
    }

    /// The verb senses of a lower-case word.
    pub fn verb(&self, word: &str) -> &[VerbSense] {
        self.verbs.get(word).map_or(&[], Vec::as_slice)
    }

    /// The direction of a change a word tells ("rose", "up": up), if it tells one.
    pub fn direction(&self, word: &str) -> Option<Direction> {
        self.verb(word)
            .iter()
            .find_map(|s| s.direction)
            .or_else(|| self.change_words.get(word).copied())
    }

    /// The story event a lower-case verb lemma, noun or phrase tells.
    pub fn story_event(&self, word: &str) -> Option<&StoryEvent> {
        self.event_words.get(word).map(|&i| &self.story_events[i])
    }

    /// A word that can be a past form (or a past participle) of a listed verb.
    pub fn is_past(&self, word: &str) -> bool {
        self.verb(word)
            .iter()
            .any(|s| matches!(s.form, VerbForm::Past | VerbForm::Participle))
    }
}

/// One pattern for every cue (see [`ReadingLexicon::cue_pattern`]).
fn cue_pattern(c: &PartWholeCues) -> Option<regex::bytes::Regex> {
    let alt = |v: &[String]| {
        v.iter()
            .map(|w| regex::escape(w).replace(' ', r"\s+"))
            .collect::<Vec<_>>()
            .join("|")
    };
    let plain: Vec<String> = [
        &c.whole_after,
        &c.whole_lead,
        &c.part_before,
        &c.part_after,
        &c.remainder_before,
        &c.whole_split,
    ]
    .iter()
    .map(|v| alt(v))
    .filter(|a| !a.is_empty())
    .collect();
    let pattern = format!(
        r"(?i-u)\b(?:(?:{})\s+(?:[a-z0-9]+(?:'|\xE2\x80\x99)s\s+)?[0-9]|[0-9]\s+(?:of|out\s+of)\s+[0-9]|(?:{})\b)",
        alt(&c.whole_before),
        plain.join("|")
    );
    regex::bytes::Regex::new(&pattern).ok()
}

/// The cue phrases, lower case.
fn cues(c: &PartWholeCues) -> PartWholeCues {
    let low = |v: &Vec<String>| v.iter().map(|s| s.to_lowercase()).collect();
    PartWholeCues {
        whole_before: low(&c.whole_before),
        whole_after: low(&c.whole_after),
        whole_lead: low(&c.whole_lead),
        part_before: low(&c.part_before),
        part_after: low(&c.part_after),
        remainder_before: low(&c.remainder_before),
        whole_split: low(&c.whole_split),
        share_links: low(&c.share_links),
    }
}

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// "stop" → "stopp": a short verb ending consonant-vowel-consonant doubles it.
fn doubled(lemma: &str) -> bool {
    let b = lemma.as_bytes();
    let n = b.len();
    (n == 3 || (n == 4 && !is_vowel(b[0])))
        && !is_vowel(b[n - 1])
        && !matches!(b[n - 1], b'w' | b'x' | b'y')
        && is_vowel(b[n - 2])
        && !is_vowel(b[n - 3])
}

/// The regular past: "arrest" → "arrested", "capsize" → "capsized", "rely" → "relied", "drop" → "dropped".
pub fn regular_past(lemma: &str) -> String {
    if lemma.ends_with('e') {
        format!("{lemma}d")
    } else if lemma.ends_with('y')
        && lemma.len() > 2
        && !is_vowel(lemma.as_bytes()[lemma.len() - 2])
    {
        format!("{}ied", &lemma[..lemma.len() - 1])
    } else if doubled(lemma) {
        format!("{lemma}{}ed", &lemma[lemma.len() - 1..])
    } else {
        format!("{lemma}ed")
    }
}

fn third_person(lemma: &str) -> String {
    if lemma.ends_with(['s', 'x', 'z']) || lemma.ends_with("ch") || lemma.ends_with("sh") {
        format!("{lemma}es")
    } else if lemma.ends_with('y')
        && lemma.len() > 2
        && !is_vowel(lemma.as_bytes()[lemma.len() - 2])
    {
        format!("{}ies", &lemma[..lemma.len() - 1])
    } else {
        format!("{lemma}s")
    }
}

fn ing(lemma: &str) -> String {
    if lemma.ends_with("ie") {
        format!("{}ying", &lemma[..lemma.len() - 2])
    } else if lemma.ends_with('e') && !lemma.ends_with("ee") && lemma.len() > 2 {
        format!("{}ing", &lemma[..lemma.len() - 1])
    } else if doubled(lemma) {
        format!("{lemma}{}ing", &lemma[lemma.len() - 1..])
    } else {
        format!("{lemma}ing")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_file_compiles() {
        let l = &*DEFAULT;
        assert!(l.is_past("struck") && l.is_past("capsized") && l.is_past("arrested"));
        assert!(l.is_past("cut") && l.verb("cut").iter().any(|s| s.form == VerbForm::Base));
        assert!(l.is_past("led") && l.verb("lead").iter().any(|s| s.form == VerbForm::Base));
        assert_eq!(l.kinds.get("children").map(String::as_str), Some("people"));
        assert!(l.cues.part_after.iter().any(|c| c == "of them"));
    }

    #[test]
    fn regular_forms() {
        assert_eq!(regular_past("arrest"), "arrested");
        assert_eq!(regular_past("capsize"), "capsized");
        assert_eq!(regular_past("drop"), "dropped");
        assert_eq!(regular_past("apply"), "applied");
        assert_eq!(regular_past("stay"), "stayed");
        assert_eq!(regular_past("open"), "opened");
        assert_eq!(third_person("finish"), "finishes");
        assert_eq!(ing("die"), "dying");
        assert_eq!(ing("capsize"), "capsizing");
    }

    /// A cue is a whole run of lower-case letters and hyphens: the longest
    /// word of the set at a word's start, never a part of a longer word,
    /// never a capitalised word or a phrase with a space.
    #[test]
    fn cue_words_are_whole_words() {
        let set: FxHashSet<String> = ["kill", "killed", "die", "break-in", "go down"]
            .into_iter()
            .map(String::from)
            .collect();
        let cues = CueWords::new(&set);
        for (window, found) in [
            ("Two men were killed on Monday", true),
            ("the kill ratio", true),
            ("a break-in at the museum", true),
            ("(killed)", true),
            ("He studied the die-hard fans", false),
            ("unkilled, overkill", false),
            ("Killed in action", false),
            ("The ship began to go down", false),
            ("ki", false),
            ("", false),
            ("they die", true),
        ] {
            assert_eq!(cues.any_in(window), found, "{window:?}");
        }
    }
}
