//! Which event a label tells: its main verb (with the event class the shared
//! reading lexicon gives it) and the words it is about. Two sources on the same
//! day are one entry only when they tell the same event; two sources on nearby
//! days that tell the same event in different documents are a date conflict.
//!
//! The verb is read off the label, not guessed from the whole sentence: the
//! label is the clause the date stands in, with its subject ([`super::label`]).
//! A verb the reading lexicon does not list is still a verb after a helping
//! verb ("will be *filed*") or when it ends in "-ed" past the first word;
//! "reopened" reads as "open" for its class.

use crate::reading::lexicon::{VerbForm, DEFAULT as READING};

use super::vocab::VOCAB;

/// A label's main verb.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verb {
    /// The lemma when the reading lexicon lists the verb, else the word's stem.
    pub stem: String,
    /// Its event class ("sink", "say"), when the reading lexicon lists it.
    pub class: Option<String>,
}

/// What a label says, for comparing it with another.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EventSig {
    /// The main verb, when one is found.
    pub verb: Option<Verb>,
    /// The stems of its other words that say something (not numbers), sorted,
    /// once each.
    pub words: Vec<String>,
    /// It tells a repeat ("another", "a second", "again").
    pub repeat: bool,
    /// The numbers written in it ("212", "9", "five"), in text order ("desk
    /// 1, site 0" is not "desk 0, site 1").
    pub numbers: Vec<String>,
    /// Its words in order, lower case, one space apart: two labels the same
    /// word for word.
    pub text: String,
    /// The nouns naming one event it holds ("incursion"), singular as written.
    pub event_nouns: Vec<String>,
    /// One of them names a known event: "the incursion", "Ukraine's surprise
    /// incursion" (not "an incursion").
    pub known_event: bool,
    /// Its capitalised words, lower case, stemmed ("aegean", "star", "kythno"):
    /// the names it gives.
    pub names: Vec<String>,
}

/// Determiners: a verb form right after one is a noun ("the claim", "its strike").
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "its", "their", "his", "her", "our", "this", "that", "these", "those",
];

/// The words of a text, lower case, with possessives dropped.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '\u{2019}' || c == '-'))
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .map(|w| {
            let w = w.to_lowercase();
            let w = w
                .strip_suffix("'s")
                .or_else(|| w.strip_suffix("\u{2019}s"))
                .unwrap_or(&w);
            w.to_string()
        })
        .collect()
}

/// A crude stem, the same for "roads" and "road", "reopened" and "reopen",
/// "Kythnos" and "Kythnos'": enough to tell two labels share a word.
#[must_use]
pub fn stem(word: &str) -> String {
    let w = word.to_lowercase();
    if w.chars().count() <= 3 || w.chars().any(|c| !c.is_alphabetic()) {
        return w;
    }
    let mut s = w.as_str();
    for suffix in ["ies", "ing", "ed", "es", "s"] {
        if let Some(t) = s.strip_suffix(suffix) {
            if t.chars().count() >= 3 {
                s = t;
                break;
            }
        }
    }
    let s = s
        .strip_suffix('e')
        .filter(|t| t.chars().count() >= 3)
        .unwrap_or(s);
    // "cancelled" / "cancel", "stopped" / "stop".
    let b = s.as_bytes();
    if b.len() >= 4
        && b[b.len() - 1].is_ascii()
        && b[b.len() - 1] == b[b.len() - 2]
        && !b"aeiou".contains(&b[b.len() - 1])
    {
        return s[..s.len() - 1].to_string();
    }
    s.to_string()
}

/// The verb senses of `word`, looking through a "re-" ("reopened" is "opened").
fn senses(word: &str) -> (&'static [crate::reading::lexicon::VerbSense], bool) {
    let direct = READING.verb(word);
    if !direct.is_empty() {
        return (direct, false);
    }
    match word.strip_prefix("re") {
        Some(rest) if rest.len() >= 3 => (READING.verb(rest), true),
        _ => (&[], false),
    }
}

/// Reads the event a label tells.
#[must_use]
pub fn read(label: &str) -> EventSig {
    read_in(label, label)
}

/// Reads the event a label tells, the events it names as known taken from
/// its whole `sentence` ("The first blow came on August 6, 2024, when
/// Ukraine's surprise incursion took Moscow off guard": the label stops at the
/// comma, the incursion is in the sentence).
#[must_use]
pub fn read_in(label: &str, sentence: &str) -> EventSig {
    let ws = words(label);
    let mut verb: Option<(usize, Verb)> = None;
    let mut after_aux = false;
    for (i, w) in ws.iter().enumerate() {
        if VOCAB.auxiliaries.contains(w.as_str()) {
            after_aux = i > 0 || w != "to";
            continue;
        }
        let prev = i.checked_sub(1).map(|p| ws[p].as_str());
        let after_determiner = prev.is_some_and(|p| DETERMINERS.contains(&p));
        let (ss, prefixed) = senses(w);
        let found = if let Some(s) = ss.first() {
            let finite = ss
                .iter()
                .any(|s| matches!(s.form, VerbForm::Past | VerbForm::Participle));
            let plain = ss.iter().any(|s| s.form == VerbForm::Base);
            let third = ss.iter().any(|s| s.form == VerbForm::ThirdPerson);
            // A base form is a verb only after a helper ("will strike"): else
            // it is as often a noun ("the Casso pass road").
            let ok = i > 0 && !after_determiner && (finite || third || (plain && after_aux));
            ok.then(|| Verb {
                stem: if prefixed {
                    format!("re{}", s.lemma)
                } else {
                    s.lemma.clone()
                },
                class: Some(s.class.clone()),
            })
        } else if (after_aux || (i > 0 && w.ends_with("ed") && w.len() > 4))
            && !after_determiner
            && w.chars().all(char::is_alphabetic)
        {
            Some(Verb {
                stem: stem(w),
                class: None,
            })
        } else {
            None
        };
        if let Some(v) = found {
            verb = Some((i, v));
            break;
        }
        after_aux = false;
    }
    let verb_at = verb.as_ref().map(|(i, _)| *i);
    let mut content: Vec<String> = ws
        .iter()
        .enumerate()
        .filter(|(i, w)| {
            Some(*i) != verb_at
                && !VOCAB.stop_words.contains(w.as_str())
                && !VOCAB.auxiliaries.contains(w.as_str())
                // Numbers are compared as numbers, not as words in common.
                && !w.chars().any(|c| c.is_ascii_digit())
                && !VOCAB.number_words.contains(w.as_str())
        })
        .map(|(_, w)| stem(w))
        .collect();
    content.sort_unstable();
    content.dedup();
    let numbers: Vec<String> = ws
        .iter()
        .filter(|w| {
            w.chars().any(|c| c.is_ascii_digit()) || VOCAB.number_words.contains(w.as_str())
        })
        .cloned()
        .collect();
    let mut names: Vec<String> = label
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '\u{2019}' || c == '-'))
        .filter(|w| !w.is_empty())
        // The first word is capitalised whatever it is ("Landslides closed …", "NOTE: …").
        .skip(1)
        .filter(|w| w.starts_with(|c: char| c.is_uppercase()))
        .map(|w| words(w).concat())
        .filter(|w| {
            !w.is_empty() && !VOCAB.stop_words.contains(w.as_str()) && READING.verb(w).is_empty()
        })
        .map(|w| stem(&w))
        .collect();
    names.sort_unstable();
    names.dedup();
    let (event_nouns, known_event) = known_events(sentence);
    EventSig {
        event_nouns,
        known_event,
        text: ws.join(" "),
        numbers,
        names,
        verb: verb.map(|(_, v)| v),
        repeat: ws.iter().any(|w| VOCAB.repeat_words.contains(w.as_str())),
        words: content,
    }
}

/// Words before an event's noun that make it another day's event: "two days
/// after the incursion", "since the coup".
const RELATIVE: &[&str] = &["after", "since", "before", "following", "until", "ahead"];

/// The event nouns of `sentence` (sorted, once each) and whether one of them
/// names a known event ("the incursion", "Ukraine's surprise incursion"), not
/// one the sentence dates from ("two days after the incursion").
fn known_events(sentence: &str) -> (Vec<String>, bool) {
    let lower = sentence.to_lowercase().replace('\u{2019}', "'");
    let ws: Vec<&str> = lower
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '-'))
        .filter(|w| !w.is_empty())
        .collect();
    let mut nouns = Vec::new();
    let mut known = false;
    for (i, w) in ws.iter().enumerate() {
        if !VOCAB.event_nouns.contains(*w) {
            continue;
        }
        let before = &ws[i.saturating_sub(3)..i];
        if before.iter().any(|b| RELATIVE.contains(b)) {
            continue;
        }
        nouns.push((*w).to_string());
        let near = &ws[i.saturating_sub(2)..i];
        known |= near.last() == Some(&"the")
            || near.iter().any(|b| b.ends_with("'s") || b.ends_with("s'"));
    }
    nouns.sort_unstable();
    nouns.dedup();
    (nouns, known)
}

/// How two verbs compare.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Verbs {
    Same,
    Different,
    Unknown,
}

fn verbs(a: &EventSig, b: &EventSig) -> Verbs {
    match (&a.verb, &b.verb) {
        (Some(x), Some(y)) => {
            let same_class = x.class.is_some() && x.class == y.class;
            if x.stem == y.stem || same_class {
                Verbs::Same
            } else {
                Verbs::Different
            }
        }
        _ => Verbs::Unknown,
    }
}

/// Both labels write numbers, and not the same ones: "site number 0" and
/// "site number 1" are two sites, "Route 9" and "Route 9" one road.
fn other_numbers(a: &EventSig, b: &EventSig) -> bool {
    !a.numbers.is_empty() && !b.numbers.is_empty() && a.numbers != b.numbers
}

/// Each label names something the other does not: "Coleco Industries" and
/// "Arvin Industries" are two companies.
fn other_names(a: &EventSig, b: &EventSig) -> bool {
    let only =
        |x: &EventSig, y: &EventSig| x.names.iter().any(|n| y.names.binary_search(n).is_err());
    only(a, b) && only(b, a)
}

/// (words shared, words in the shorter label).
fn overlap(a: &EventSig, b: &EventSig) -> (usize, usize) {
    let shared = a
        .words
        .iter()
        .filter(|w| b.words.binary_search(w).is_ok())
        .count();
    (shared, a.words.len().min(b.words.len()))
}

/// Whether two labels dated the same days tell the same event: the same verb
/// (or class) and a word in common for half the shorter label; with a verb
/// unknown on one side, two words in common.
#[must_use]
pub fn same_event(a: &EventSig, b: &EventSig) -> bool {
    let (shared, fewer) = overlap(a, b);
    if other_numbers(a, b) {
        return false;
    }
    match verbs(a, b) {
        Verbs::Different => false,
        Verbs::Same => {
            (fewer == 0 && a.words.len() == b.words.len()) || (shared >= 1 && shared * 2 >= fewer)
        }
        Verbs::Unknown => shared >= 2 && shared * 2 >= fewer,
    }
}

/// Whether two labels on different days tell one event, surely enough to call
/// the dates a conflict: the same verb (or, with a verb unknown, four words or
/// numbers in common), two thirds of the shorter label's words
/// (two at least), a name in common (or four words or numbers, never two
/// statements of "the company said": "the army sent two engineering units"), the same numbers and names (each naming nothing the
/// other does not), and neither tells a repeat. "1986 period ended" twice is
/// two companies' books, not one event.
#[must_use]
pub fn surely_same_event(a: &EventSig, b: &EventSig) -> bool {
    let (shared, fewer) = overlap(a, b);
    let named = a.names.iter().any(|n| b.names.binary_search(n).is_ok());
    // The same numbers count as words in common ("two engineering units").
    let same_numbers = if a.numbers == b.numbers {
        a.numbers.len()
    } else {
        0
    };
    let evidence = shared + same_numbers;
    let say = |x: &EventSig| x.verb.as_ref().and_then(|v| v.class.as_deref()) == Some("say");
    // A verb the lexicon does not know ("sent") is read on the words alone:
    // four at least, and not the same words on both days, which is a bulletin
    // ("Qtly div five cts vs five cts prior Pay Nov 19", "… Pay Nov 20").
    let verb = match verbs(a, b) {
        Verbs::Same => true,
        Verbs::Unknown => evidence >= 4 && a.text != b.text,
        Verbs::Different => false,
    };
    if other_numbers(a, b) || a.repeat || b.repeat {
        return false;
    }
    // "The company said …" twice is two statements unless they name one party.
    let by_verb = verb
        && !other_names(a, b)
        && (named || (evidence >= 4 && !say(a) && !say(b)))
        && shared >= 2
        && shared * 3 >= fewer * 2;
    // "The incursion began" and "Ukraine's surprise incursion took Moscow off
    // guard": one event named by the same noun, whatever the verbs, unless
    // one tells its start and the other its end.
    let class = |x: &EventSig| x.verb.as_ref().and_then(|v| v.class.clone());
    let start_and_end = matches!(
        (class(a).as_deref(), class(b).as_deref()),
        (Some("begin"), Some("end")) | (Some("end"), Some("begin"))
    );
    let same_noun = a
        .event_nouns
        .iter()
        .any(|n| b.event_nouns.binary_search(n).is_ok());
    by_verb || (same_noun && a.known_event && b.known_event && !start_and_end && !say(a) && !say(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(a: &str, b: &str) -> bool {
        same_event(&read(a), &read(b))
    }

    #[test]
    fn the_main_verb_is_found_past_helpers_and_nouns() {
        let v = |l: &str| read(l).verb.map(|v| v.stem);
        assert_eq!(
            v("The Aegean Star sank off Kythnos").as_deref(),
            Some("sink")
        );
        assert_eq!(
            v("The claim will be filed with the mediator").as_deref(),
            Some("fil")
        );
        assert_eq!(
            v("Both roads reopened to traffic").as_deref(),
            Some("reopen")
        );
        assert_eq!(
            v("The ministry announces an inquiry").as_deref(),
            Some("announce")
        );
    }

    #[test]
    fn the_same_event_told_two_ways_is_one() {
        assert!(same(
            "Route 9 and the Casso pass road, closed by landslides",
            "Landslides closed Route 9 and the Casso pass road"
        ));
        assert!(same(
            "Route 9 and the Casso pass road were reopened after crews cleared the debris",
            "Both roads reopened to traffic"
        ));
        assert!(same(
            "The passenger ferry Aegean Star sank off the island of Kythnos",
            "The Aegean Star sinks off Kythnos; 212 people are rescued"
        ));
    }

    #[test]
    fn different_events_on_one_day_stay_apart() {
        assert!(!same(
            "Dockworkers walked out at 6am",
            "Norlink Ferries cancelled its evening crossings to Denmark"
        ));
        assert!(!same(
            "The army sent two engineering units to the valley",
            "The regional council declared a state of emergency"
        ));
        assert!(!same(
            "The Aegean Star sank off Kythnos",
            "The coastguard launched a search for the four missing crew"
        ));
    }

    #[test]
    fn a_repeat_is_never_a_date_conflict() {
        let a = read("Rescuers found 12 survivors on the shore");
        let b = read("Rescuers found three more survivors on the shore");
        assert!(!surely_same_event(&a, &b));
        // A bulletin word for word on two days is two bulletins.
        let a = read("Qtly div five cts vs five cts prior Pay");
        assert!(!surely_same_event(&a, &a.clone()));
        // Two statements of "the company" name no one: not one event.
        let a = read(
            "The company said it completed the sale of its health maintenance organization unit",
        );
        let b = read(
            "The company, a health maintenance organization, said a tentative agreement was signed",
        );
        assert!(!surely_same_event(&a, &b));
        // An unknown verb with four words in common, told two ways: one event.
        assert!(surely_same_event(
            &read("The army sent two engineering units to stabilise the slopes of Valdera"),
            &read("The army sent two engineering units to the Valdera valley")
        ));
        // A season's figures and a board's statement share a season, not an event.
        let a = read("Ended of the 1986/87 main crop season");
        let b = read(
            "The crop reporting board said the estimates for the 1986/87 season are based on tests",
        );
        assert!(!surely_same_event(&a, &b));
        // One event named by the same noun, told with other verbs.
        assert!(surely_same_event(
            &read("The incursion began and took the town of Sudzha within days"),
            &read("The first blow came, when Ukraine's surprise incursion took Moscow off guard")
        ));
        // Its start and its end are two dates of one story, not a conflict.
        assert!(!surely_same_event(
            &read("The strike at Halden began"),
            &read("The strike at Halden ended")
        ));
        assert!(read("Ukraine's surprise incursion took Moscow off guard").known_event);
        assert!(!read("An incursion took Moscow off guard").known_event);
        // The sentence beyond the label names the event; "after the incursion" dates from it.
        let a = read_in(
            "The first blow came",
            "The first blow came on August 6, 2024, when Ukraine's surprise incursion took Moscow off guard.",
        );
        assert!(a.known_event);
        assert!(surely_same_event(
            &a,
            &read("The incursion began and took the town of Sudzha")
        ));
        let b = read_in(
            "Russia declared an emergency",
            "On August 8, two days after the incursion, Russia declared an emergency.",
        );
        assert!(!surely_same_event(
            &b,
            &read("The incursion began and took the town of Sudzha")
        ));
        // "An incursion" is one of several.
        assert!(!surely_same_event(
            &read("The incursion began"),
            &read("An incursion into Belgorod began")
        ));
        // "An explosion" is one of many: not a known event.
        assert!(!surely_same_event(
            &read("An explosion hit a depot in Kharkiv"),
            &read("An explosion hit a depot in Odesa")
        ));
        // Talks that resume meet again: two sessions, not one dated twice.
        let a = read("Talks on the Halden strike resumed in Oslo");
        assert!(!surely_same_event(&a, &a.clone()));
        // One bridge collapsing, dated two ways, is one event.
        assert!(surely_same_event(
            &read("The bridge in Riverton collapsed, killing two workers"),
            &read("The Riverton bridge collapsed")
        ));
        // Other numbers, other things: two sites, not one dated twice.
        let a = read("Inspectors from desk 0 visited site number 0 in the valley");
        let b = read("Inspectors from desk 1 visited site number 0 in the valley");
        assert!(!surely_same_event(&a, &b));
        assert!(!same_event(&a, &b));
        let c = read("Inspectors from desk 0 visited site number 1 in the valley");
        assert!(!surely_same_event(&b, &c));
        let a = read("Sales for the four weeks rose five pct to 41.7 mln dlrs");
        let b = read("Sales for the four weeks rose 12.7 pct to 276.7 mln dlrs");
        assert!(!surely_same_event(&a, &b));
        // Other names, other things.
        let a = read("NOTE: 1986 period ended");
        assert!(!surely_same_event(&a, &a.clone()));
        let a = read("Shares of Coleco Industries Inc fell sharply");
        let b = read("Shares of Arvin Industries Inc fell sharply");
        assert!(!surely_same_event(&a, &b));
        assert!(surely_same_event(
            &read("The Aegean Star sank off Kythnos"),
            &read("The passenger ferry Aegean Star sank off the island of Kythnos")
        ));
    }
}
