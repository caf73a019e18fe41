//! Claims: what one document says that another can contradict, and their index.
//!
//! A claim is small and owns everything a finding needs (spans as labels, with
//! the text they show, and resolved intervals), so the document it came from
//! can be dropped once its claims are made.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::facts::Quantity;
use crate::reading::time::{Days, Dur};
use crate::reading::view::Label;
use crate::value::interval::Interval;

/// Which event a date binding is for.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EventKey {
    /// An event of the rule file, by index.
    Named(usize),
    /// An event phrase read off the text: verb and key nouns ("cross|kursk|ukrainian").
    Auto(String),
}

/// "Ukrainian units crossed into Kursk on August 6, 2024": an event and the day a clause gives it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventDate {
    /// The document.
    pub doc: usize,
    /// The event.
    pub key: EventKey,
    /// The event phrase.
    pub phrase: Label,
    /// The date mention.
    pub date: Label,
    /// The day.
    pub day: NaiveDate,
}

/// "five months since Ukrainian units crossed into Kursk": a duration from or to
/// an event the phrase names but does not date.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventRef {
    /// The document.
    pub doc: usize,
    /// The event (rule file index).
    pub event: usize,
    /// The duration mention ("five months").
    pub duration: Label,
    /// The event phrase.
    pub phrase: Label,
    /// The duration, as an interval of calendar units.
    pub dur: Dur,
    /// +1 for since/into/after, −1 for before.
    #[serde(with = "crate::value::float")]
    pub sign: f64,
    /// The relation as written: "five months since".
    pub written: String,
    /// The duration as written ("five months"), for suggested counts.
    pub count_text: String,
    /// The time points the clause can be told at, with the mention giving each.
    pub times: Vec<(Days, Option<Label>)>,
}

/// A fact's value where a pattern states it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FactValue {
    /// The document.
    pub doc: usize,
    /// The fact (rule file index).
    pub fact: usize,
    /// The captured mention.
    pub label: Label,
    /// Its value, in its dimension's base unit.
    pub value: Quantity,
    /// The unit it was written in and base units per one of it, to show results in.
    pub unit: Option<(String, f64)>,
}

/// "about 1,400 homes destroyed by the flood": a counted noun's figure and its context.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    /// The document.
    pub doc: usize,
    /// The quantity mention.
    pub label: Label,
    /// What it can mean.
    #[serde(with = "crate::value::float::interval")]
    pub interval: Interval,
    /// The phrase that keyed it ("homes … destroyed").
    pub phrase: String,
    /// Proper nouns and agent nouns of its clause, lower case, sorted.
    pub context: Vec<String>,
    /// The days the sentence is told of, when it names one.
    pub days: Option<(NaiveDate, NaiveDate)>,
    /// The document's date.
    pub reference: Option<NaiveDate>,
    /// Where its sentence starts (two figures of one sentence are not compared).
    pub sentence: usize,
}

/// "the ferry capsized … on 17 October": a story event a clause dates (see
/// [`super::frames`]).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Frame {
    /// The document.
    pub doc: usize,
    /// The story event (`story-events` in the reading lexicon).
    pub event: String,
    /// A story has it once.
    pub once: bool,
    /// The content words of its clause, sorted.
    pub args: Vec<String>,
    /// The day.
    pub day: NaiveDate,
    /// The word that tells the event.
    pub phrase: Label,
    /// The date mention.
    pub date: Label,
}

/// "412 patients were randomized": a count of a story event (see [`super::frames`]).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Count {
    /// The document.
    pub doc: usize,
    /// The story event that counts it.
    pub event: String,
    /// The event's counts grow while the story unfolds.
    pub grows: bool,
    /// A story has the event once.
    pub once: bool,
    /// What is counted: a noun's kind ("people") or the noun.
    pub kind: String,
    /// What it can mean.
    #[serde(with = "crate::value::float::interval")]
    pub interval: Interval,
    /// The document's date.
    pub reference: Option<NaiveDate>,
    /// The figure.
    pub label: Label,
}

/// The names a document is about, lower case, sorted.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Topic {
    /// The document.
    pub doc: usize,
    /// Its names.
    pub names: Vec<String>,
}

/// One claim.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Claim {
    /// An event dated in a clause.
    EventDate(EventDate),
    /// A duration from or to a named event.
    EventRef(EventRef),
    /// A fact's value.
    Fact(FactValue),
    /// A counted noun's figure, keyed by noun and verb.
    Figure(String, Figure),
    /// A story event a clause dates.
    Frame(Frame),
    /// What a document is about.
    Topic(Topic),
    /// A count of a story event.
    Count(Count),
}

impl Claim {
    /// The document it comes from.
    #[must_use]
    pub fn doc(&self) -> usize {
        match self {
            Claim::EventDate(c) => c.doc,
            Claim::EventRef(c) => c.doc,
            Claim::Fact(c) => c.doc,
            Claim::Figure(_, c) => c.doc,
            Claim::Frame(c) => c.doc,
            Claim::Topic(c) => c.doc,
            Claim::Count(c) => c.doc,
        }
    }

    /// Moves the claim to document `doc` of another set, labels and all: claims
    /// made apart (`reckon extract --format jsonl`) are numbered when the set is
    /// put together.
    pub fn set_doc(&mut self, doc: usize) {
        let labels: Vec<&mut Label> = match self {
            Claim::EventDate(c) => {
                c.doc = doc;
                vec![&mut c.phrase, &mut c.date]
            }
            Claim::EventRef(c) => {
                c.doc = doc;
                let mut ls = vec![&mut c.duration, &mut c.phrase];
                ls.extend(c.times.iter_mut().filter_map(|(_, l)| l.as_mut()));
                ls
            }
            Claim::Fact(c) => {
                c.doc = doc;
                vec![&mut c.label]
            }
            Claim::Figure(_, c) => {
                c.doc = doc;
                vec![&mut c.label]
            }
            Claim::Frame(c) => {
                c.doc = doc;
                vec![&mut c.phrase, &mut c.date]
            }
            Claim::Topic(c) => {
                c.doc = doc;
                Vec::new()
            }
            Claim::Count(c) => {
                c.doc = doc;
                vec![&mut c.label]
            }
        };
        for l in labels {
            l.doc = doc;
        }
    }

    /// Read only to link the documents of one story (see `Wanted::story_links`),
    /// so left out of a set of one document.
    #[must_use]
    pub fn links_stories(&self) -> bool {
        matches!(self, Claim::Frame(_) | Claim::Count(_) | Claim::Topic(_))
    }
}

/// The claims of a document set, filed by key.
#[derive(Debug, Default)]
pub struct Index {
    /// Date bindings by event, in document order.
    pub event_dates: HashMap<EventKey, Vec<EventDate>>,
    /// Durations from or to each named event.
    pub event_refs: HashMap<usize, Vec<EventRef>>,
    /// Values by fact.
    pub facts: HashMap<usize, Vec<FactValue>>,
    /// Figures by noun and verb ("home|destroy").
    pub figures: HashMap<String, Vec<Figure>>,
    /// Dated story events by event, in document order.
    pub frames: HashMap<String, Vec<Frame>>,
    /// What each document is about, by document.
    pub topics: HashMap<usize, Vec<String>>,
    /// Counts of story events by event and what is counted.
    pub counts: HashMap<(String, String), Vec<Count>>,
}

impl Index {
    /// Files one claim.
    pub fn add(&mut self, c: Claim) {
        match c {
            Claim::EventDate(e) => self.event_dates.entry(e.key.clone()).or_default().push(e),
            Claim::EventRef(r) => self.event_refs.entry(r.event).or_default().push(r),
            Claim::Fact(f) => self.facts.entry(f.fact).or_default().push(f),
            Claim::Figure(k, f) => self.figures.entry(k).or_default().push(f),
            Claim::Frame(f) => self.frames.entry(f.event.clone()).or_default().push(f),
            Claim::Topic(t) => {
                self.topics.insert(t.doc, t.names);
            }
            Claim::Count(c) => self
                .counts
                .entry((c.event.clone(), c.kind.clone()))
                .or_default()
                .push(c),
        }
    }

    /// Whether two documents tell one story: they share at least two names
    /// that not too many documents of the set share (in a set of more than 20,
    /// a name in over 1% of its documents, or 20, says nothing).
    pub fn one_story(&self) -> impl Fn(usize, usize) -> bool + '_ {
        let mut df: HashMap<&str, usize> = HashMap::new();
        for names in self.topics.values() {
            for n in names {
                *df.entry(n.as_str()).or_default() += 1;
            }
        }
        let n = self.topics.len();
        let limit = if n <= 20 { n } else { (n / 100).max(20) };
        move |a, b| {
            let (Some(x), Some(y)) = (self.topics.get(&a), self.topics.get(&b)) else {
                return false;
            };
            x.iter()
                .filter(|w| {
                    df.get(w.as_str()).is_some_and(|&d| d <= limit) && y.binary_search(w).is_ok()
                })
                .take(2)
                .count()
                >= 2
        }
    }

    /// An index of `claims`.
    #[must_use]
    pub fn of(claims: impl IntoIterator<Item = Claim>) -> Index {
        let mut ix = Index::default();
        for c in claims {
            ix.add(c);
        }
        ix
    }
}
