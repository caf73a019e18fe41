#![doc = include_str!("../../docs/rules/figure-conflict.md")]

use super::{Check, CheckContext, Finding, SetContext, Severity};
use crate::story::claims::{Count, Figure};
use crate::value::interval::Interval;

/// A key used with more figures than this across the set is too generic to be one count.
const MAX_FIGURES_PER_KEY: usize = 40;

/// The rule.
pub struct FigureConflict;

impl Check for FigureConflict {
    fn id(&self) -> &'static str {
        "figure-conflict"
    }

    fn check(&self, _cx: &CheckContext<'_>, _out: &mut Vec<Finding>) {}

    fn across_documents(&self) -> bool {
        true
    }

    fn check_set(&self, cx: &SetContext<'_>, out: &mut Vec<Finding>) {
        let id = self.id();
        let mut keys: Vec<&String> = cx.index.figures.keys().collect();
        keys.sort();
        for key in keys {
            let figs = &cx.index.figures[key];
            if figs.len() < 2 || figs.len() > MAX_FIGURES_PER_KEY {
                continue;
            }
            let mut reported = vec![false; figs.len()];
            for (j, b) in figs.iter().enumerate() {
                for a in &figs[..j] {
                    if reported[j] || !comparable(a, b) || a.interval.intersects(&b.interval) {
                        continue;
                    }
                    reported[j] = true;
                    let docs = cx.documents(&[a.doc, b.doc]);
                    let vars = vec![
                        ("phrase", b.phrase.clone()),
                        ("first", a.label.message.clone()),
                        ("second", b.label.message.clone()),
                        (
                            "binding",
                            format!("automatic: same phrase `{}` ({docs})", b.phrase),
                        ),
                    ];
                    out.push(Finding::templated(
                        cx.settings,
                        id,
                        Severity::Warning,
                        &vars,
                        b.label.clone(),
                        vec![a.label.clone()],
                        None,
                    ));
                }
            }
        }
        counts(cx, id, out);
    }
}

/// Two counts can be one: their intervals share more than a point. A whole
/// count "eight" is read as 7.5–8.5 and "seven" as 6.5–7.5; they touch at 7.5,
/// yet no one writes eight for seven things.
fn can_be_one(a: &Interval, b: &Interval) -> bool {
    match a.intersection(b) {
        None => false,
        Some(i) => match (i.lo_value(), i.hi_value()) {
            (Some(lo), Some(hi)) => hi > lo || a == b || is_point(a) || is_point(b),
            _ => true,
        },
    }
}

/// An interval of one value ("a total of 412": exactly 412).
fn is_point(i: &Interval) -> bool {
    matches!((i.lo_value(), i.hi_value()), (Some(lo), Some(hi)) if lo == hi)
}

/// Days after a story's first document from which a growing count is settled.
const SETTLED_DAYS: i64 = 14;

/// Counts of one story event told in documents of one story (see
/// `story::frames`): "seven people died" in two documents and "the deaths of
/// eleven people" in a third disagree. A count two or more documents agree on
/// outweighs one; between two documents alone, the later one is flagged. A
/// count that grows while a story unfolds (a death toll) is held against the
/// others only when its document is two weeks or more after the story's first.
fn counts(cx: &SetContext<'_>, id: &'static str, out: &mut Vec<Finding>) {
    if cx.index.counts.is_empty() {
        return;
    }
    let one_story = cx.index.one_story();
    let story_sized = cx.names.len() <= super::event_date_conflict::STORY_SET_MAX;
    let mut keys: Vec<&(String, String)> = cx.index.counts.keys().collect();
    keys.sort();
    for key in keys {
        let counts = &cx.index.counts[key];
        if counts.len() < 2 || counts.len() > MAX_FIGURES_PER_KEY {
            continue;
        }
        for b in counts {
            if !story_sized && !b.once {
                continue;
            }
            let linked: Vec<&Count> = counts
                .iter()
                .filter(|w| w.doc != b.doc && one_story(b.doc, w.doc))
                .collect();
            if linked.is_empty() {
                continue;
            }
            if b.grows {
                let first = linked
                    .iter()
                    .filter_map(|w| w.reference)
                    .chain(b.reference)
                    .min();
                match (b.reference, first) {
                    (Some(mine), Some(first)) if (mine - first).num_days() >= SETTLED_DAYS => {}
                    _ => continue,
                }
            }
            let agree = |x: &Count| -> std::collections::BTreeSet<usize> {
                linked
                    .iter()
                    .filter(|w| can_be_one(&w.interval, &x.interval))
                    .map(|w| w.doc)
                    .collect()
            };
            // b alone in its document set, against a count others agree on.
            if !agree(b).is_empty() {
                continue;
            }
            let Some(w) = linked
                .iter()
                .filter(|w| !can_be_one(&w.interval, &b.interval))
                .max_by_key(|w| (agree(w).len(), std::cmp::Reverse(w.doc)))
            else {
                continue;
            };
            // The documents that agree with w, w's own among them.
            let theirs = agree(w).len();
            let later = match (b.reference, w.reference) {
                (Some(x), Some(y)) => (x, b.doc) > (y, w.doc),
                _ => b.doc > w.doc,
            };
            if theirs < 2 && (b.grows || !later) {
                continue;
            }
            let docs = cx.documents(&[w.doc, b.doc]);
            let phrase = format!("{} … {}", b.kind, b.event);
            let vars = vec![
                ("phrase", phrase.clone()),
                ("first", w.label.message.clone()),
                ("second", b.label.message.clone()),
                (
                    "binding",
                    format!("automatic: the count of {phrase} ({docs})"),
                ),
            ];
            out.push(Finding::templated(
                cx.settings,
                id,
                Severity::Warning,
                &vars,
                b.label.clone(),
                vec![w.label.clone()],
                None,
            ));
        }
    }
}

/// Two figures of one key count the same thing: not one sentence, contexts that
/// share a word and nest, no two different days named, and across documents,
/// written within a day of each other.
fn comparable(a: &Figure, b: &Figure) -> bool {
    if a.doc == b.doc {
        if a.sentence == b.sentence {
            return false;
        }
    } else {
        match (a.reference, b.reference) {
            (Some(x), Some(y)) if (x - y).num_days().abs() <= 1 => {}
            _ => return false,
        }
    }
    if let (Some((a0, a1)), Some((b0, b1))) = (a.days, b.days) {
        if a1 < b0 || b1 < a0 {
            return false;
        }
    }
    // "In 2019 an explosion … killed four people" beside today's "killed 12
    // people": a sentence told of days more than a year before the other's
    // date of writing tells another event ("since the summer" runs to now,
    // so a few months is not enough to say so).
    let long_before = |f: &Figure, other: &Figure| {
        matches!((f.days, other.days, other.reference), (Some((_, last)), None, Some(r))
            if (r - last).num_days() > 365)
    };
    if long_before(a, b) || long_before(b, a) {
        return false;
    }
    let shared = a.context.iter().any(|w| b.context.contains(w));
    let nested = a.context.iter().all(|w| b.context.contains(w))
        || b.context.iter().all(|w| a.context.contains(w));
    // Within one document, a bare "2,000 homes were destroyed" with no context of
    // its own is about the story's event: it nests in any other count of that key.
    let bare_in_one_story = a.doc == b.doc && (a.context.is_empty() || b.context.is_empty());
    (shared || bare_in_one_story) && nested
}

#[cfg(test)]
mod tests {
    use crate::check::testing::set_findings;

    const RULE: &str = "figure-conflict";

    #[test]
    fn a_bare_count_later_in_the_same_story() {
        let f = set_findings(
            &["---\ndate: 2024-09-20\n---\nRescuers said about 1,400 homes destroyed by the flood would have to be rebuilt.\n\nBy Friday officials said more than 2,000 homes were destroyed.\n"],
            "",
            RULE,
        );
        assert_eq!(f.len(), 1, "{f:#?}");
    }

    #[test]
    fn two_counts_of_the_troops_killed_in_kursk() {
        let f = set_findings(
            &[
                "---\ndate: 2025-01-06\n---\nZelensky said some 38,000 Russian troops were killed or wounded in Kursk.\n",
                "---\ndate: 2025-01-06\n---\nKyiv said about 52,000 Russian troops were killed in Kursk.\n",
            ],
            "",
            RULE,
        );
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].severity, crate::check::Severity::Warning);
        assert_eq!((f[0].primary.doc, f[0].secondary[0].doc), (1, 0));
    }

    #[test]
    fn within_one_document() {
        let f = set_findings(
            &["---\ndate: 2025-01-06\n---\nAbout 1,400 homes were destroyed by the flood in Derna.\n\nOfficials in Derna later said more than 2,000 homes were destroyed by the flood.\n"],
            "",
            RULE,
        );
        assert_eq!(f.len(), 1, "{f:#?}");
    }

    #[test]
    fn other_places_other_days_and_agreeing_counts_stay_silent() {
        for docs in [
            &[
                "---\ndate: 2025-01-06\n---\nZelensky said some 38,000 Russian troops were killed or wounded in Kursk.\n",
                "---\ndate: 2025-01-06\n---\nKyiv said over 37,000 Russian troops were killed in Kursk.\n",
            ][..],
            &[
                "---\ndate: 2025-01-06\n---\nAbout 1,400 homes were destroyed in Kharkiv.\n",
                "---\ndate: 2025-01-06\n---\nMore than 2,000 homes were destroyed in Kherson.\n",
            ][..],
            &[
                "---\ndate: 2025-01-06\n---\nAbout 1,400 homes were destroyed in Kharkiv.\n",
                "---\ndate: 2025-03-06\n---\nMore than 2,000 homes were destroyed in Kharkiv.\n",
            ][..],
            &["---\ndate: 2025-01-06\n---\nAbout 1,400 homes were destroyed in Kharkiv on Jan. 2. More than 2,000 homes were destroyed in Kharkiv on Jan. 5.\n"][..],
        ] {
            assert!(set_findings(docs, "", RULE).is_empty(), "{docs:?}");
        }
    }

    #[test]
    fn a_count_two_documents_agree_on_outweighs_a_third() {
        let docs = |n: &str| {
            [
                "---\ndate: 2023-10-12\n---\nSeven people died when the Island Tern ferry capsized off Carra.\n".to_string(),
                "---\ndate: 2024-03-01\n---\nThe Island Tern inquiry opened in Carra. Seven people died.\n".to_string(),
                format!("---\ndate: 2024-10-10\n---\nThe Island Tern report blamed the operator for the deaths of {n} people off Carra.\n"),
            ]
        };
        let planted = docs("eleven");
        let refs: Vec<&str> = planted.iter().map(String::as_str).collect();
        let f = set_findings(&refs, "", RULE);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].primary.doc, 2);
        // Off by one is still another count.
        let planted = docs("eight");
        let refs: Vec<&str> = planted.iter().map(String::as_str).collect();
        assert_eq!(set_findings(&refs, "", RULE).len(), 1);
        let twin = docs("seven");
        let refs: Vec<&str> = twin.iter().map(String::as_str).collect();
        assert!(set_findings(&refs, "", RULE).is_empty());
    }

    #[test]
    fn a_toll_that_grows_in_the_first_days_is_not_a_conflict() {
        let docs = [
            "---\ndate: 2025-09-20\n---\nTwelve people were killed in the Torrefuerte floods, officials in Valdemoro said.\n",
            "---\ndate: 2025-09-23\n---\nThe Torrefuerte floods have now killed 19 people, Valdemoro officials said.\n",
        ];
        assert!(set_findings(&docs, "", RULE).is_empty());
    }

    #[test]
    fn between_two_documents_the_later_count_is_flagged() {
        let docs = [
            "---\ndate: 2024-06-10\n---\nThe Cadence trial at Marlow Clinic randomized 640 patients.\n",
            "---\ndate: 2025-04-18\n---\nThe approval rests on the Cadence trial at Marlow Clinic, in which 460 patients were randomized.\n",
        ];
        let f = set_findings(&docs, "", RULE);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].primary.doc, 1);
    }

    #[test]
    fn a_part_of_a_count_or_an_older_event_is_not_the_count() {
        for docs in [
            // The works found are some of the works stolen.
            [
                "---\ndate: 2025-02-11\n---\nEight paintings were stolen from the Ashby Gallery in Fellmoor on Sunday.\n",
                "---\ndate: 2025-02-12\n---\nPolice in Fellmoor said three paintings stolen in the Ashby Gallery raid had been found in a van.\n",
            ],
            // Two killers, two events, in one document.
            [
                "---\ndate: 2025-02-11\n---\nThe storm killed 12 people in Halden on the coast.\n\nSeparately, a landslide killed three people near Halden.\n",
                "---\ndate: 2025-02-11\n---\nA memorial for the victims is planned in Halden.\n",
            ],
            // An explosion in 2019 is another event than today's.
            [
                "---\ndate: 2025-02-11\n---\nThe blast at the Corvin plant in Halden killed 12 people.\n\nIn 2019 an explosion at the Corvin plant in Halden killed four people.\n",
                "---\ndate: 2025-02-11\n---\nA memorial for the Corvin plant is planned in Halden.\n",
            ],
        ] {
            let f = set_findings(&docs, "", RULE);
            assert!(f.is_empty(), "{docs:?}: {f:#?}");
        }
    }
}
