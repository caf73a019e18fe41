//! The raw shape of `rules/lexicon/reading.yaml`: verb forms, noun kinds and
//! the words that tie a part to its whole. Compiled by [`crate::reading`].

use std::collections::BTreeMap;

use serde::Deserialize;

/// The whole file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ReadingFile {
    /// Verbs by lemma.
    #[serde(default)]
    pub verbs: Vec<VerbEntry>,
    /// Words that never head a counted noun.
    #[serde(default)]
    pub not_nouns: Vec<String>,
    /// Kinds of counted nouns: a kind's name and its nouns.
    #[serde(default)]
    pub noun_kinds: BTreeMap<String, Vec<String>>,
    /// The part-whole cue phrases.
    pub part_whole: PartWholeCues,
    /// Words that tell a change's direction without a verb ("up 41%"), by direction.
    #[serde(default)]
    pub change_words: BTreeMap<Direction, Vec<String>>,
    /// Words between a percentage and its figures that make it another
    /// measure than their change ("on a comparable-store basis").
    #[serde(default)]
    pub change_qualifiers: Vec<String>,
    /// Events that documents of one story tell, each with the verbs and nouns
    /// that tell it ("erupt": erupt, eruption), for linking documents.
    #[serde(default)]
    pub story_events: Vec<StoryEventEntry>,
    /// Words that name one thing in the clauses of an event ("deal":
    /// takeover, acquisition, acquire), by the name they share.
    #[serde(default)]
    pub argument_kinds: BTreeMap<String, Vec<String>>,
    /// Capitalised words that say nothing about what a document is about
    /// (agencies, datelines' boilerplate).
    #[serde(default)]
    pub generic_names: Vec<String>,
    /// Participles of a lasting state ("has held for three weeks").
    #[serde(default)]
    pub lasting_verbs: Vec<String>,
    /// States that begin with a dated event and last ("empty", "in custody").
    #[serde(default)]
    pub lasting_states: Vec<String>,
    /// Nouns of an inquiry into an event ("investigation", "manhunt").
    #[serde(default)]
    pub inquiry_nouns: Vec<String>,
    /// Sets of verb lemmas whose parts make a whole up ("won, drew, lost").
    #[serde(default)]
    pub exhaustive_results: Vec<Vec<String>>,
}

/// One event a story tells, with the words that tell it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StoryEventEntry {
    /// Its name ("steal").
    pub event: String,
    /// A story has it once (a ferry capsizes once; people are arrested many
    /// times), so two documents of one story that date it are about the same
    /// happening even when their clauses share no word.
    #[serde(default)]
    pub once: bool,
    /// Its counts grow while a story unfolds (a death toll, arrests), so a count
    /// told in the first days is not compared with a later one.
    #[serde(default)]
    pub grows: bool,
    /// Its counts are compared across documents ("works stolen", "patients
    /// randomized"); not for an announcement, whose counts are of many things.
    #[serde(default)]
    pub counts: bool,
    /// One actor does it again and again (a company announces, signs,
    /// approves): two clauses of one story are one occasion only when they
    /// share a word of what was done, not just the story's names.
    #[serde(default)]
    pub repeats: bool,
    /// Verb lemmas and nouns that tell it ("steal", "theft", "break-in").
    pub words: Vec<String>,
}

/// Which way a change goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Direction {
    /// "rose", "up".
    Up,
    /// "fell", "down".
    Down,
}

/// One verb: its lemma, irregular forms and event class.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VerbEntry {
    /// "strike".
    pub lemma: String,
    /// "struck"; made from the lemma when absent.
    pub past: Option<String>,
    /// "struck"; made from the lemma when absent.
    pub participle: Option<String>,
    /// "strike": events of one class can be one event told with other verbs.
    pub class: String,
    /// A change's direction ("rise": up), for the verbs of figures.
    pub direction: Option<Direction>,
}

/// The phrases that tie figures into a part and its whole.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PartWholeCues {
    /// Before a whole ("of the").
    pub whole_before: Vec<String>,
    /// After a whole ("in all").
    pub whole_after: Vec<String>,
    /// Before a whole ("a total of").
    pub whole_lead: Vec<String>,
    /// Before a part ("including").
    pub part_before: Vec<String>,
    /// After a part ("of them").
    pub part_after: Vec<String>,
    /// Before a remainder ("the other").
    pub remainder_before: Vec<String>,
    /// After a whole, a verb that shares it out whole: the parts told next
    /// make it up ("421 patients were randomized; 206 received …").
    #[serde(default)]
    pub whole_split: Vec<String>,
    /// Between a figure and its share ("(about").
    pub share_links: Vec<String>,
}
