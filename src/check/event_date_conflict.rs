#![doc = include_str!("../../docs/rules/event-date-conflict.md")]

use std::collections::HashMap;

use super::{fill, show_day, Check, CheckContext, Finding, SetContext, Severity};
use crate::story::claims::{EventDate, EventKey};

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
            let bindings = &cx.index.event_dates[key];
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
            // The day most documents give; the others disagree with it.
            let mut docs_by_day: HashMap<chrono::NaiveDate, Vec<usize>> = HashMap::new();
            for b in bindings {
                let ds = docs_by_day.entry(b.day).or_default();
                if !ds.contains(&b.doc) {
                    ds.push(b.doc);
                }
            }
            if docs_by_day.len() < 2 {
                continue;
            }
            let Some(major) = bindings.iter().map(|b| b.day).max_by_key(|d| {
                (
                    docs_by_day[d].len(),
                    std::cmp::Reverse(first_doc(bindings, *d)),
                )
            }) else {
                continue;
            };
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
                    cx.documents(&docs_by_day[&major]),
                    show_day(major),
                    cx.documents(&[b.doc]),
                    show_day(b.day)
                );
                out.push(finding(cx, id, severity, b, Some(w), &vars, help));
            }
        }
    }
}

fn first_doc(bindings: &[EventDate], d: chrono::NaiveDate) -> usize {
    bindings
        .iter()
        .filter(|b| b.day == d)
        .map(|b| b.doc)
        .min()
        .unwrap_or(usize::MAX)
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
}
