#![doc = include_str!("../../docs/rules/event-date-conflict.md")]

use std::collections::{HashMap, HashSet};

use super::{fill, show_day, Check, CheckContext, Finding, SetContext, Severity};
use crate::story::claims::{EventDate, EventKey, Frame};

/// The rule.
pub struct EventDateConflict;

impl Check for EventDateConflict {
    fn id(&self) -> &'static str {
        "event-date-conflict"
    }

    fn check(&self, _cx: &CheckContext<'_>, _out: &mut Vec<Finding>) {}

    fn across_documents(&self) -> bool {
        true
    }

    fn check_set(&self, cx: &SetContext<'_>, out: &mut Vec<Finding>) {
        let id = self.id();
        let slack = cx.settings.slack_days(id).round() as i64;
        let story = &cx.settings.story;
        let mut keys: Vec<&EventKey> = cx.index.event_dates.keys().collect();
        keys.sort_by_key(|k| match k {
            EventKey::Named(i) => (0, *i, String::new()),
            EventKey::Auto(s) => (1, 0, s.clone()),
        });
        for key in keys {
            let all = &cx.index.event_dates[key];
            // An automatic phrase one document dates on two days names two
            // occasions there ("signed a contract … on March 3", "signed a
            // lease … on March 11"): it links none of that document's.
            let owned;
            let bindings = if matches!(key, EventKey::Auto(_)) {
                owned = all
                    .iter()
                    .filter(|b| {
                        !all.iter()
                            .any(|o| o.doc == b.doc && (o.day - b.day).num_days().abs() > slack)
                    })
                    .cloned()
                    .collect::<Vec<_>>();
                &owned
            } else {
                all
            };
            let (binding, severity, known) = match key {
                EventKey::Named(e) => {
                    let ev = &story.events[*e];
                    (
                        format!("event `{}` ({})", ev.name, story.file),
                        Severity::Error,
                        ev.date,
                    )
                }
                EventKey::Auto(k) => (
                    format!("automatic: same phrase `{}`", k.replace('|', " ")),
                    Severity::Warning,
                    None,
                ),
            };
            let far = |a: chrono::NaiveDate, b: chrono::NaiveDate| (a - b).num_days().abs() > slack;
            if let Some((lo, hi)) = known {
                for b in bindings {
                    if far(b.day, lo.max(b.day.min(hi))) {
                        let known = if lo == hi {
                            lo.to_string()
                        } else {
                            format!("{lo} … {hi}")
                        };
                        let vars = vec![
                            ("binding", binding.clone()),
                            ("day", b.day.to_string()),
                            ("doc", cx.documents(&[b.doc])),
                            ("other_day", known.clone()),
                            ("other", story.file.clone()),
                        ];
                        out.push(finding(
                            cx,
                            id,
                            severity,
                            b,
                            None,
                            &vars,
                            format!(
                                "{} dates it {known}; {} writes {}",
                                story.file,
                                cx.documents(&[b.doc]),
                                show_day(b.day)
                            ),
                        ));
                    }
                }
                continue;
            }
            // The day most documents give (the first document's, on a tie); the
            // others disagree with it. One pass, not all pairs.
            let mut by_day: HashMap<chrono::NaiveDate, (HashSet<usize>, usize)> = HashMap::new();
            for b in bindings {
                let e = by_day
                    .entry(b.day)
                    .or_insert_with(|| (HashSet::new(), b.doc));
                e.0.insert(b.doc);
                e.1 = e.1.min(b.doc);
            }
            if by_day.len() < 2 {
                continue;
            }
            let Some(major) = by_day
                .iter()
                .max_by_key(|(d, (docs, first))| {
                    (
                        docs.len(),
                        std::cmp::Reverse(*first),
                        std::cmp::Reverse(**d),
                    )
                })
                .map(|(d, _)| *d)
            else {
                continue;
            };
            let mut major_docs: Vec<usize> = by_day[&major].0.iter().copied().collect();
            major_docs.sort_unstable();
            for b in bindings {
                if !far(b.day, major) {
                    continue;
                }
                // A witness in another document.
                let Some(w) = bindings
                    .iter()
                    .find(|w| w.doc != b.doc && !far(w.day, major))
                else {
                    continue;
                };
                let vars = vec![
                    ("binding", binding.clone()),
                    ("day", b.day.to_string()),
                    ("doc", cx.documents(&[b.doc])),
                    ("other_day", w.day.to_string()),
                    ("other", cx.documents(&[w.doc])),
                ];
                let help = format!(
                    "{} date it {}; {} writes {}",
                    cx.documents(&major_docs),
                    show_day(major),
                    cx.documents(&[b.doc]),
                    show_day(b.day)
                );
                out.push(finding(cx, id, severity, b, Some(w), &vars, help));
            }
        }
        frames(cx, id, slack, out);
    }
}

/// A set of more documents than this is an archive, not one story: only events
/// a story has once are linked in it. In an archive, one company declares a
/// dividend, signs an agreement or announces results many times, and two
/// documents about it share names and words while telling different occasions.
pub const STORY_SET_MAX: usize = 20;

/// Story events dated by clauses in several documents (see `story::frames`):
/// two documents that share at least two of the story's names and date one
/// event on days farther apart than the slack disagree, when the event happens
/// once in a story or their clauses share words. The day most linked documents
/// give is taken as right.
fn frames(cx: &SetContext<'_>, id: &'static str, slack: i64, out: &mut Vec<Finding>) {
    if cx.index.frames.is_empty() {
        return;
    }
    let flagged: HashSet<(usize, std::ops::Range<usize>)> = out
        .iter()
        .filter(|f| f.rule == id)
        .map(|f| (f.primary.doc, f.primary.span.clone()))
        .collect();
    let one_story = cx.index.one_story();
    let story_sized = cx.names.len() <= STORY_SET_MAX;
    let linked = |a: &Frame, b: &Frame| -> bool {
        if a.doc == b.doc || !one_story(a.doc, b.doc) {
            return false;
        }
        if a.once {
            return true;
        }
        if !story_sized {
            return false;
        }
        let shared: Vec<&String> = a
            .args
            .iter()
            .filter(|w| b.args.binary_search(w).is_ok())
            .collect();
        let fewest = a.args.len().min(b.args.len());
        // The story's own names are shared by every clause of it: two
        // announcements by one company in one town share them and are two.
        // For an event one actor repeats, a word of what was done must be
        // shared too.
        let names = |d: usize| cx.index.topics.get(&d);
        let of_the_deed = shared.iter().any(|w| {
            !(names(a.doc).is_some_and(|n| n.binary_search(w).is_ok())
                && names(b.doc).is_some_and(|n| n.binary_search(w).is_ok()))
        });
        let repeats = crate::reading::lexicon::DEFAULT
            .story_event(&a.event)
            .is_some_and(|e| e.repeats);
        fewest > 0 && shared.len() >= fewest.min(2) && (of_the_deed || !repeats)
    };
    // A document that dates one event on two days tells two occasions of it.
    let twice = |f: &Frame| {
        cx.index.frames[&f.event]
            .iter()
            .any(|o| o.doc == f.doc && far_days(o.day, f.day, slack))
    };
    let far = |a: chrono::NaiveDate, b: chrono::NaiveDate| (a - b).num_days().abs() > slack;
    let mut events: Vec<&String> = cx.index.frames.keys().collect();
    events.sort();
    for event in events {
        let frames = &cx.index.frames[event];
        if frames.len() < 2 || frames.len() > 400 {
            continue;
        }
        for b in frames {
            if flagged.contains(&(b.doc, b.date.span.clone())) || twice(b) {
                continue;
            }
            let others: Vec<&Frame> = frames
                .iter()
                .filter(|w| linked(b, w) && !twice(w))
                .collect();
            // Documents that agree with b's day, and the best day against it.
            let docs_near = |day: chrono::NaiveDate| -> HashSet<usize> {
                others
                    .iter()
                    .filter(|w| !far(w.day, day))
                    .map(|w| w.doc)
                    .collect()
            };
            let mine = docs_near(b.day).len() + 1;
            let Some(w) = others
                .iter()
                .filter(|w| far(w.day, b.day))
                .max_by_key(|w| (docs_near(w.day).len(), std::cmp::Reverse(w.doc)))
            else {
                continue;
            };
            let theirs = docs_near(w.day).len();
            if theirs < mine || (theirs == mine && w.doc > b.doc) {
                continue;
            }
            let mut their_docs: Vec<usize> = docs_near(w.day).into_iter().collect();
            their_docs.sort_unstable();
            let vars = vec![
                (
                    "binding",
                    format!(
                        "automatic: the {} told in {}",
                        b.event,
                        cx.documents(&[b.doc, w.doc])
                    ),
                ),
                ("day", b.day.to_string()),
                ("doc", cx.documents(&[b.doc])),
                ("other_day", w.day.to_string()),
                ("other", cx.documents(&[w.doc])),
            ];
            let help = format!(
                "{} date it {}; {} writes {}",
                cx.documents(&their_docs),
                show_day(w.day),
                cx.documents(&[b.doc]),
                show_day(b.day)
            );
            out.push(Finding {
                rule: id,
                severity: Severity::Warning,
                message: fill(cx.settings.message(id), &vars),
                primary: b.date.clone(),
                secondary: vec![b.phrase.clone(), w.date.clone(), w.phrase.clone()],
                help: Some(fill(cx.settings.help(id), &[("arithmetic", help)])),
                fix: None,
            });
        }
    }
}

/// Two days farther apart than the slack.
fn far_days(a: chrono::NaiveDate, b: chrono::NaiveDate, slack: i64) -> bool {
    (a - b).num_days().abs() > slack
}

fn finding(
    cx: &SetContext<'_>,
    id: &'static str,
    severity: Severity,
    b: &EventDate,
    witness: Option<&EventDate>,
    vars: &[(&str, String)],
    help: String,
) -> Finding {
    let mut secondary = vec![b.phrase.clone()];
    if let Some(w) = witness {
        secondary.push(w.date.clone());
        secondary.push(w.phrase.clone());
    }
    Finding {
        rule: id,
        severity,
        message: fill(cx.settings.message(id), vars),
        primary: b.date.clone(),
        secondary,
        help: Some(fill(cx.settings.help(id), &[("arithmetic", help)])),
        fix: None,
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::{set_findings, KURSK};

    const RULE: &str = "event-date-conflict";

    #[test]
    fn a_named_event_dated_on_two_days() {
        let f = set_findings(
            &[
                "---\ndate: 2025-01-07\n---\nUkrainian units crossed into Kursk on August 6, 2024.\n",
                "---\ndate: 2025-01-07\n---\nUkrainian troops crossed into Kursk on August 16, 2024.\n",
            ],
            KURSK,
            RULE,
        );
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].primary.doc, 1);
        assert!(
            f[0].message.contains("event `kursk-incursion`"),
            "{}",
            f[0].message
        );
    }

    #[test]
    fn the_same_phrase_dated_twice_without_a_rule_file_is_a_warning() {
        let f = set_findings(
            &[
                "---\ndate: 2025-01-07\n---\nUkrainian units crossed into Kursk on August 6, 2024.\n",
                "---\ndate: 2025-01-07\n---\nUkrainian units crossed into Kursk on August 16, 2024.\n",
            ],
            "",
            RULE,
        );
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].severity, crate::check::Severity::Warning);
        assert!(
            f[0].message.starts_with("automatic: same phrase"),
            "{}",
            f[0].message
        );
    }

    #[test]
    fn a_known_date_in_the_rule_file_is_the_witness() {
        let f = set_findings(
            &["---\ndate: 2025-01-22\n---\nDonald Trump took office on January 21, 2025.\n"],
            KURSK,
            RULE,
        );
        assert_eq!(f.len(), 1, "{f:#?}");
    }

    #[test]
    fn agreeing_and_undated_documents_stay_silent() {
        for docs in [
            &[
                "---\ndate: 2025-01-07\n---\nUkrainian units crossed into Kursk on August 6, 2024.\n",
                "---\ndate: 2025-01-06\n---\nOn August 6, Ukrainian forces crossed into Kursk.\n",
            ][..],
            // No year the text pins: nothing to bind.
            &[
                "Ukrainian units crossed into Kursk on August 6.\n",
                "Ukrainian units crossed into Kursk on August 16.\n",
            ][..],
            // A date in another clause is not the event's.
            &[
                "---\ndate: 2025-01-07\n---\nUkrainian units crossed into Kursk on August 6, 2024.\n",
                "---\ndate: 2025-01-07\n---\nUkrainian units crossed into Kursk, and on August 16, 2024 they took Sudzha.\n",
            ][..],
        ] {
            assert!(set_findings(docs, KURSK, RULE).is_empty(), "{docs:?}");
            assert!(set_findings(docs, "", RULE).is_empty(), "{docs:?}");
        }
    }

    /// Three documents of one story (they share "Hollins Water" and "Brackendale").
    fn dam(day_in_c: &str) -> [String; 3] {
        [
            "---\ndate: 2025-03-05\n---\nThe earth dam at Hollins Water above Brackendale collapsed in the early hours of Tuesday, sending water through the village.\n".into(),
            "---\ndate: 2025-03-06\n---\nResidents of Brackendale returned on Thursday, two days after the collapse of the Hollins Water dam early on Tuesday.\n".into(),
            format!("---\ndate: 2025-04-10\n---\nAn inquiry will examine why the Hollins Water dam above Brackendale gave way. The dam collapsed on {day_in_c} after weeks of rain.\n"),
        ]
    }

    #[test]
    fn one_event_told_with_other_words_in_three_documents() {
        let docs = dam("5 March");
        let refs: Vec<&str> = docs.iter().map(String::as_str).collect();
        let f = set_findings(&refs, "", RULE);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].primary.doc, 2);
        assert_eq!(f[0].severity, crate::check::Severity::Warning);
        assert!(f[0].message.contains("collapse"), "{}", f[0].message);
        let docs = dam("4 March");
        let refs: Vec<&str> = docs.iter().map(String::as_str).collect();
        assert!(set_findings(&refs, "", RULE).is_empty());
    }

    #[test]
    fn an_event_a_story_has_many_times_needs_the_same_words() {
        // Two approvals of one company on two days: different things approved.
        let docs = [
            "---\ndate: 2024-06-14\n---\nRegulators in Brussels approved the Halvorsen takeover of Brightwater Logistics on Wednesday.\n",
            "---\ndate: 2024-06-20\n---\nHalvorsen shareholders approved a special dividend at the Brightwater depot on June 19.\n",
        ];
        assert!(set_findings(&docs, "", RULE).is_empty());
        // The same approval, told in both.
        let docs = [
            "---\ndate: 2024-06-14\n---\nRegulators in Brussels approved the Halvorsen takeover of Brightwater Logistics on Wednesday.\n",
            "---\ndate: 2024-06-20\n---\nBrussels approved the Halvorsen takeover of Brightwater on June 13.\n",
        ];
        let f = set_findings(&docs, "", RULE);
        assert_eq!(f.len(), 1, "{f:#?}");
    }

    #[test]
    fn other_occasions_of_one_event_are_not_linked() {
        for docs in [
            // Two announcements by one company in one town share only names.
            [
                "---\ndate: 2025-03-10\n---\nBrannock Logistics today announced a £40m distribution centre in Fellmoor.\n",
                "---\ndate: 2025-03-13\n---\nBrannock Logistics announced on Wednesday a training academy, its second investment in Fellmoor.\n",
            ],
            // "again", "a second man": another occasion.
            [
                "---\ndate: 2025-03-03\n---\nMount Hekla in Iceland began erupting early on 2 March, the Icelandic Met Office said.\n",
                "---\ndate: 2025-03-10\n---\nMount Hekla in Iceland erupted again on 9 March, a week after the first eruption.\n",
            ],
            [
                "---\ndate: 2025-02-13\n---\nPolice in Kelby arrested a 34-year-old man on Feb. 12 over the Harbour Street fire.\n",
                "---\ndate: 2025-02-19\n---\nKelby police arrested a second man on Feb. 18 over the Harbour Street fire.\n",
            ],
        ] {
            let f = set_findings(&docs, "", RULE);
            assert!(f.is_empty(), "{docs:?}: {f:#?}");
        }
    }

    #[test]
    fn documents_that_share_no_names_are_not_one_story() {
        let docs = [
            "---\ndate: 2025-03-05\n---\nThe old mill at Tarrow Bridge collapsed on Monday.\n",
            "---\ndate: 2025-03-05\n---\nA footbridge in Kelsington collapsed on Tuesday.\n",
        ];
        assert!(set_findings(&docs, "", RULE).is_empty());
    }

    #[test]
    fn a_date_alone_on_its_line_dates_no_headline() {
        let docs = [
            "March 19, 2025\n\nBelgian police recover stolen Kellaway paintings\n\nThe Kellaway works stolen from the Ashby gallery on Feb. 10 were found in Antwerp.\n",
            "February 24, 2025\n\nThieves broke into the Kellaway museum's Ashby gallery on Feb. 10.\n",
        ];
        assert!(set_findings(&docs, "", RULE).is_empty());
    }

    #[test]
    fn in_an_archive_only_events_a_story_has_once_are_linked() {
        let mut docs: Vec<String> = (0..25)
            .map(|i| {
                format!(
                    "---\ndate: 2024-0{}-1{}\n---\nFiller story {i} about nothing.\n",
                    1 + i % 9,
                    i % 10
                )
            })
            .collect();
        docs.push("---\ndate: 2024-06-14\n---\nRegulators approved the Halvorsen takeover of Brightwater Logistics on Wednesday.\n".into());
        docs.push("---\ndate: 2024-06-20\n---\nRegulators approved the Halvorsen takeover of Brightwater Logistics on June 13.\n".into());
        let refs: Vec<&str> = docs.iter().map(String::as_str).collect();
        assert!(set_findings(&refs, "", RULE).is_empty());
    }
}
