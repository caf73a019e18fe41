//! The story a document set tells: claims each document makes, indexed across the set.
//!
//! A run of `reckon check` over several files treats them as one document set
//! (issue 4). Checking stays per document for the single-document rules; this
//! module adds a second, cheap pass over the set:
//!
//! 1. **Per document** ([`claims_of`]): from its resolved mentions, derive small
//!    [`Claim`]s — an event dated in a clause, an elapsed or countdown phrase
//!    that refers to an event, a fact's value, a counted noun's figure — each
//!    with the document's index, its spans (as [`Label`]s, with their text) and
//!    resolved intervals. The document itself can then be dropped.
//! 2. **Over the set** ([`Index`]): claims are filed by key (event, fact,
//!    normalised phrase, noun + verb); the cross rules in `src/check/`
//!    (`event-date-conflict`, `event-elapsed`, `fact-relation`,
//!    `figure-conflict`) read one key's claims at a time. No pair of documents
//!    is ever compared as such.
//!
//! What is named comes from the rule file ([`Story`], compiled once when the
//! settings are loaded): `events:`, `facts:` and `relations:`. Without
//! it, [`autolink`] still files two kinds of claims by a key read off the
//! text itself, tuned for precision: an event phrase dated on a day, and a
//! counted noun with the verb that counts it.
//!
//! [`Label`]: crate::reading::view::Label
//!
//! Stage: after [`crate::reading`], before [`crate::check`], which reads the
//! claims; nothing here knows the rules, only which claims are wanted.

pub mod autolink;
pub mod claims;
pub mod events;
pub mod facts;
pub mod frames;

use chrono::NaiveDate;

pub use claims::{Claim, Index};
pub use events::Event;
pub use facts::{Fact, Relation};

use crate::config::check::{EventEntry, FactEntry};
use crate::config::YamlError;
use crate::lexicon::Lexicon;
use crate::reading::view::DocView;

/// The named events, facts and relations of a rule file, compiled.
#[derive(Clone, Debug, Default)]
pub struct Story {
    /// The rule file they come from (for messages).
    pub file: String,
    /// Events.
    pub events: Vec<Event>,
    /// Facts.
    pub facts: Vec<Fact>,
    /// Relations between facts.
    pub relations: Vec<Relation>,
}

impl Story {
    /// Compiles the raw entries of rule file `file` (whose text is `text`): regexes
    /// are compiled and relations parsed here, once; an error points into the file.
    pub fn compile(
        file: &str,
        text: &str,
        events: &[EventEntry],
        facts: &[FactEntry],
        relations: &[String],
    ) -> Result<Story, YamlError> {
        let mut story = Story {
            file: file.to_string(),
            ..Story::default()
        };
        // Where in the file a string is written (the first place after `from`).
        let find = |needle: &str, from: usize| -> usize {
            text.get(from..)
                .and_then(|t| t.find(needle))
                .map_or_else(|| text.find(needle).unwrap_or(0), |i| from + i)
        };
        for e in events {
            let at = find(&e.name, 0);
            story
                .events
                .push(Event::compile(e).map_err(|(needle, msg)| {
                    YamlError::at_offset(file, text, find(&needle, at), msg)
                })?);
        }
        for f in facts {
            let at = find(&f.name, 0);
            if f.name.is_empty()
                || !f
                    .name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_')
                || f.name.starts_with(|c: char| c.is_ascii_digit())
            {
                return Err(YamlError::at_offset(
                    file,
                    text,
                    at,
                    format!(
                        "a fact's name is letters, digits and `_` (not `{}`)",
                        f.name
                    ),
                ));
            }
            if story.facts.iter().any(|g| g.name == f.name) {
                return Err(YamlError::at_offset(
                    file,
                    text,
                    at,
                    format!("two facts are named `{}`", f.name),
                ));
            }
            let mut patterns = Vec::new();
            for p in &f.patterns {
                match facts::compile_pattern(p) {
                    Ok(c) => patterns.push(c),
                    Err(e) => {
                        let base = find(p, at);
                        return Err(YamlError::at_offset(file, text, base + e.at, e.message));
                    }
                }
            }
            story.facts.push(Fact {
                name: f.name.clone(),
                patterns,
            });
        }
        for r in relations {
            match facts::parse_relation(r, &story.facts) {
                Ok(rel) => story.relations.push(rel),
                Err(e) => {
                    let base = find(r, text.find("relations:").unwrap_or(0));
                    return Err(YamlError::at_offset(file, text, base + e.at, e.message)
                        .with_help(
                            "a relation is `EXPR = EXPR` over facts' names, numbers, + − × / and parentheses",
                        ));
                }
            }
        }
        Ok(story)
    }

    /// Nothing named.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.events.is_empty() && self.facts.is_empty()
    }
}

/// Which kinds of claim a run wants: the ones some enabled rule across
/// documents reads (the caller, which knows the rules, decides).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Wanted {
    /// Dates of the story's events and phrases counted from them.
    pub story_events: bool,
    /// Values of the story's facts.
    pub facts: bool,
    /// Event phrases dated on a day, keyed by the text itself.
    pub linked_events: bool,
    /// Counted nouns' figures.
    pub figures: bool,
    /// Story events and counts read to link documents of one story (frames,
    /// counts, topics): only across documents, so not for a set of one.
    pub story_links: bool,
    /// The names each document is about, even with no story event or count
    /// to link: a set small enough to be one story dates an undated
    /// document by its story's other documents.
    pub topics: bool,
}

/// Everything document `doc` claims that another document could contradict.
#[must_use]
pub fn claims_of(
    v: &DocView<'_>,
    doc: usize,
    story: &Story,
    wanted: Wanted,
    lex: &Lexicon,
) -> Vec<Claim> {
    let mut out = Vec::new();
    let matches = events::find(v, story);
    if wanted.story_events {
        events::claims(v, doc, story, &matches, &mut out);
    }
    if wanted.facts {
        for (k, fact) in story.facts.iter().enumerate() {
            facts::claims(v, doc, k, fact, lex, &mut out);
        }
    }
    if wanted.linked_events {
        autolink::event_claims(v, doc, &matches, &mut out);
        let lex = &crate::reading::lexicon::DEFAULT;
        if wanted.story_links {
            frames::event_frames(v, doc, lex, &mut out);
        }
    }
    if wanted.figures && wanted.story_links {
        frames::count_frames(v, doc, &crate::reading::lexicon::DEFAULT, &mut out);
    }
    if wanted.topics
        || out
            .iter()
            .any(|c| matches!(c, Claim::Frame(_) | Claim::Count(_)))
    {
        out.push(Claim::Topic(frames::topic(
            v,
            doc,
            &crate::reading::lexicon::DEFAULT,
        )));
    }
    if wanted.figures {
        autolink::figure_claims(v, doc, &mut out);
    }
    out
}

/// A day range from a rule file's `date:` value: `2025-01-20`, `2024-08`, or
/// `2024-08-06/2024-08-07`.
pub(crate) fn parse_day_range(s: &str) -> Option<(NaiveDate, NaiveDate)> {
    let s = s.trim();
    if let Some((a, b)) = s.split_once('/').or_else(|| s.split_once("..")) {
        let (a, _) = parse_day_range(a)?;
        let (_, b) = parse_day_range(b)?;
        return (a <= b).then_some((a, b));
    }
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Some((d, d));
    }
    let first = NaiveDate::parse_from_str(&format!("{s}-01"), "%Y-%m-%d").ok()?;
    let next = crate::value::calendar::add_months(first, 1)?;
    Some((first, next.pred_opt()?))
}
