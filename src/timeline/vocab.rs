//! `rules/lexicon/timeline.yaml` compiled: the words the timeline reads beyond
//! the shared reading lexicon (range joiners, deadline and repeat
//! cues, auxiliaries, words that say nothing about which event a label tells,
//! wire agencies). The file type is parsed by [`crate::config::parse`], the one
//! YAML entry point; it lives here because only the timeline uses it.

use std::sync::LazyLock;

use rustc_hash::FxHashSet;
use serde::Deserialize;

/// The embedded timeline vocabulary.
pub const EMBEDDED: &str = crate::config::embedded::TIMELINE.yaml;

/// The vocabulary file as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct VocabFile {
    range_joiners: Vec<String>,
    range_openers: Vec<String>,
    range_joiners_alone: Vec<String>,
    deadline_before: Vec<String>,
    deadline_words: Vec<String>,
    repeat_words: Vec<String>,
    auxiliaries: Vec<String>,
    stop_words: Vec<String>,
    agencies: Vec<String>,
    number_words: Vec<String>,
    event_nouns: Vec<String>,
}

/// The compiled vocabulary: lower-case word sets.
#[derive(Debug, Default)]
pub struct Vocab {
    /// "to", "through", "–" between the two dates of a range.
    pub range_joiners: FxHashSet<String>,
    /// "from", "between" before a range's first date.
    pub range_openers: FxHashSet<String>,
    /// Joiners that make a range without an opener.
    pub range_joiners_alone: FxHashSet<String>,
    /// "by", "until" before a deadline's date (a phrase may have two words).
    pub deadline_before: Vec<String>,
    /// "deadline", "due" anywhere in the sentence.
    pub deadline_words: FxHashSet<String>,
    /// "another", "again": the event told is a repeat.
    pub repeat_words: FxHashSet<String>,
    /// Helping verbs and adverbs skipped on the way to the main verb.
    pub auxiliaries: FxHashSet<String>,
    /// Words left out when comparing labels.
    pub stop_words: FxHashSet<String>,
    /// "Reuters", "AP": as written, case kept.
    pub agencies: Vec<String>,
    /// "five", "dozen": numbers written as words.
    pub number_words: FxHashSet<String>,
    /// "incursion", "earthquake": nouns that name one event.
    pub event_nouns: FxHashSet<String>,
}

impl Vocab {
    /// Compiles a vocabulary file.
    pub fn from_yaml(name: &str, text: &str) -> Result<Vocab, crate::config::YamlError> {
        let f: VocabFile = crate::config::parse(name, text)?;
        let set = |v: Vec<String>| v.into_iter().map(|w| w.to_lowercase()).collect();
        Ok(Vocab {
            range_joiners: set(f.range_joiners),
            range_openers: set(f.range_openers),
            range_joiners_alone: set(f.range_joiners_alone),
            deadline_before: f
                .deadline_before
                .into_iter()
                .map(|w| w.to_lowercase())
                .collect(),
            deadline_words: set(f.deadline_words),
            repeat_words: set(f.repeat_words),
            auxiliaries: set(f.auxiliaries),
            stop_words: set(f.stop_words),
            agencies: f.agencies,
            number_words: set(f.number_words),
            event_nouns: set(f.event_nouns),
        })
    }
}

/// The embedded vocabulary, compiled once.
pub static VOCAB: LazyLock<Vocab> = LazyLock::new(|| {
    Vocab::from_yaml("rules/lexicon/timeline.yaml", EMBEDDED)
        .unwrap_or_else(|e| panic!("the embedded timeline vocabulary is valid: {e}"))
});

#[cfg(test)]
mod tests {
    use super::*;

    /// The JSON twin `build.rs` makes of the file reads as the YAML does.
    #[test]
    fn the_embedded_vocabulary_reads_the_same_from_json() {
        let json = crate::config::embedded::json_of(EMBEDDED).expect("a JSON twin");
        let from_json: VocabFile = serde_json::from_str(json).expect("the twin parses");
        let from_yaml: VocabFile = serde_yaml::from_str(EMBEDDED).expect("the file parses");
        assert_eq!(format!("{from_json:?}"), format!("{from_yaml:?}"));
    }

    #[test]
    fn the_embedded_vocabulary_compiles() {
        assert!(VOCAB.range_joiners.contains("through"));
        assert!(VOCAB.stop_words.contains("the"));
        assert!(VOCAB.agencies.iter().any(|a| a == "Reuters"));
    }

    #[test]
    fn an_unknown_key_is_an_error() {
        let bad = EMBEDDED.replace("agencies:", "agencys:");
        assert!(Vocab::from_yaml("t.yaml", &bad).is_err());
    }
}
