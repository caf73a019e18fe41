//! The tense around a mention: which way a bare "Friday" or "August 6" points.
//!
//! Reporters write "said Friday" for the Friday just gone and "will vote
//! Friday" for the one ahead. The nearest tense marker in the same sentence —
//! an auxiliary, a past-tense verb, a cue like *next* or *ago* — decides.

use super::token::TokenKind;
use super::Cursor;
use serde::Serialize;

/// The tense of the clause a mention sits in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Tense {
    /// Told in the past ("said", "was", "had launched").
    Past,
    /// Told in the present ("is", "says").
    Present,
    /// Told as ahead ("will", "is scheduled to", "plans").
    Future,
    /// Nothing to go on.
    #[default]
    Unknown,
}

fn marker(w: &str) -> Option<Tense> {
    Some(match w {
        "will" | "shall" | "'ll" | "won't" | "upcoming" | "scheduled" | "expected" | "plans"
        | "planned" | "plan" | "due" | "intends" | "aims" | "hopes" | "going" | "forthcoming"
        | "tomorrow" | "next" | "starting" | "begins" | "takes" | "opens" | "ahead" | "pending"
        | "would" | "could" | "might" | "planning" | "expects" | "soon" | "until" | "till"
        | "postponed" | "delayed" => Tense::Future,
        "was" | "were" | "had" | "did" | "said" | "told" | "ago" | "earlier" | "last" | "came"
        | "began" | "took" | "went" | "made" | "gave" | "held" | "met" | "left" | "fell"
        | "rose" | "won" | "lost" | "saw" | "sent" | "got" | "wrote" | "spoke" | "struck"
        | "hit" | "led" | "ran" | "became" | "brought" | "fought" | "kept" | "paid" | "put"
        | "shot" | "set off" | "sold" | "spent" | "stood" | "thought" | "yesterday" | "wasn't"
        | "weren't" | "didn't" | "hadn't" | "since" | "previously" | "reported" => Tense::Past,
        "is" | "are" | "says" | "say" | "has" | "have" | "am" | "isn't" | "aren't" | "now"
        | "today" => Tense::Present,
        _ => {
            if w.len() > 4
                && w.ends_with("ed")
                && !matches!(
                    w,
                    "need"
                        | "speed"
                        | "seed"
                        | "feed"
                        | "bleed"
                        | "breed"
                        | "proceed"
                        | "exceed"
                        | "succeed"
                        | "hundred"
                )
            {
                return Some(Tense::Past);
            }
            return None;
        }
    })
}

/// The tense token `i` marks; a capitalized "-ed" word is a name ("United"), not a verb.
fn word_tense(c: &Cursor<'_>, i: usize) -> Option<Tense> {
    let w = c.low(i);
    let t = marker(&w)?;
    if t == Tense::Past && c.capitalized(i) && w.ends_with("ed") {
        return None;
    }
    // A participle after "be" ("will be held") takes its tense from the auxiliary.
    if t == Tense::Past && i > 0 && c.is_any(i - 1, &["be", "being", "been"]) {
        return None;
    }
    Some(t)
}

/// The tense nearest to tokens `start..end`, looking within the sentence.
pub(crate) fn tense_around(c: &Cursor<'_>, start: usize, end: usize) -> Tense {
    const REACH: usize = 12;
    let mut best: Option<(usize, Tense)> = None;
    // Left, stopping at a sentence break.
    let mut i = start;
    let mut dist = 0;
    while i > 0 && dist < REACH {
        if c.sentence_break_before(i) {
            break;
        }
        i -= 1;
        dist += 1;
        if c.toks[i].kind == TokenKind::Word {
            if let Some(t) = word_tense(c, i) {
                best = Some((dist, t));
                break;
            }
        }
    }
    // The verb a date hangs on is usually before it ("said Tuesday", "will vote
    // Friday"); look right only when the left says nothing.
    if best.is_none() {
        let mut j = end;
        let mut dist = 0;
        while j < c.toks.len() && dist < REACH {
            if c.sentence_break_before(j) && j != end {
                break;
            }
            dist += 1;
            if c.toks[j].kind == TokenKind::Word {
                if let Some(t) = word_tense(c, j) {
                    best = Some((dist, t));
                    break;
                }
            }
            j += 1;
        }
    }
    best.map_or(Tense::Unknown, |(_, t)| t)
}
