#![doc = include_str!("../../docs/rules/event-elapsed.md")]

use chrono::NaiveDate;

use super::timeline::{count_units, shifted, Days, Dur};
use super::{Check, CheckContext, Finding, Label, SetContext, Severity};
use crate::story::claims::{EventDate, EventKey};

/// The rule.
pub struct EventElapsed;

impl Check for EventElapsed {
    fn id(&self) -> &'static str {
        "event-elapsed"
    }

    fn check(&self, _cx: &CheckContext<'_>, _out: &mut Vec<Finding>) {}

    fn across_documents(&self) -> bool {
        true
    }

    fn check_set(&self, cx: &SetContext<'_>, out: &mut Vec<Finding>) {
        let id = self.id();
        let slack = cx.settings.slack_days(id);
        let story = &cx.settings.story;
        let mut events: Vec<&usize> = cx.index.event_refs.keys().collect();
        events.sort();
        for &e in events {
            let ev = &story.events[e];
            let bindings: &[EventDate] = cx
                .index
                .event_dates
                .get(&EventKey::Named(e))
                .map_or(&[], Vec::as_slice);
            // The event's days: the rule file's, or every day the set binds it to
            // (when they disagree, `event-date-conflict` says so; this stays wide).
            let (lo, hi, source) = match (ev.date, bindings.first()) {
                (Some((lo, hi)), _) => (lo, hi, None),
                (None, Some(_)) => {
                    let lo = bindings.iter().map(|b| b.day).min().unwrap_or_default();
                    let hi = bindings.iter().map(|b| b.day).max().unwrap_or_default();
                    (lo, hi, Some(bindings))
                }
                (None, None) => continue,
            };
            for r in &cx.index.event_refs[&e] {
                let Some(lands) = lands(lo, hi, &r.dur, r.sign) else {
                    continue;
                };
                if r.times.is_empty()
                    || r.times
                        .iter()
                        .any(|(t, _)| t.widen(slack).intersects(&lands))
                {
                    continue;
                }
                let (t, t_label) = &r.times[0];
                let time = match t_label {
                    Some(l) => l.message.replace(" → ", " ("),
                    None => format!("the date of writing ({}", t.show()),
                } + ")";
                // Where the date comes from: the rule file, or a binding (another document's first).
                let witness =
                    source.and_then(|bs| bs.iter().find(|b| b.doc != r.doc).or_else(|| bs.first()));
                let (dated, from_docs) = match witness {
                    None => (
                        format!("event `{}` ({})", ev.name, story.file),
                        story.file.clone(),
                    ),
                    Some(w) => (
                        format!(
                            "event `{}` ({}), dated in {}",
                            ev.name,
                            story.file,
                            cx.documents(&[w.doc])
                        ),
                        cx.documents(&[w.doc]),
                    ),
                };
                let start = if lo == hi {
                    lo.to_string()
                } else {
                    format!("{lo} … {hi}")
                };
                let expected = shifted(
                    lo,
                    &Dur {
                        hi: Some(r.dur.exact),
                        lo: r.dur.exact,
                        ..r.dur
                    },
                    r.sign,
                )
                .and_then(|d| if r.sign > 0.0 { d.lo } else { d.hi });
                let vars = vec![
                    ("phrase", r.written.clone()),
                    ("event", dated),
                    ("lands", lands.show()),
                    ("time", time),
                    ("start", start),
                    (
                        "sign",
                        if r.sign > 0.0 {
                            "+".into()
                        } else {
                            "−".into()
                        },
                    ),
                    ("count", count_units(r.dur.exact, r.dur.unit)),
                    (
                        "expected",
                        expected.map_or_else(|| lands.show(), |d: NaiveDate| d.to_string()),
                    ),
                    (
                        "actual",
                        t.single().map_or_else(|| t.show(), |d| d.to_string()),
                    ),
                    ("source", from_docs),
                ];
                let mut secondary = vec![r.phrase.clone()];
                if let Some(l) = t_label {
                    secondary.push(l.clone());
                }
                if let Some(w) = witness {
                    secondary.push(w.date.clone());
                }
                out.push(Finding::templated(
                    cx.settings,
                    id,
                    Severity::Error,
                    &vars,
                    Label {
                        message: format!("{} → {}", r.count_text, lands.show()),
                        ..r.duration.clone()
                    },
                    secondary,
                    None,
                ));
            }
        }
    }
}

/// Days `lo`…`hi` moved by the duration: every day the phrase can land on.
fn lands(lo: NaiveDate, hi: NaiveDate, dur: &Dur, sign: f64) -> Option<Days> {
    let a = shifted(lo, dur, sign)?;
    let b = shifted(hi, dur, sign)?;
    Some(Days {
        lo: a.lo.zip(b.lo).map(|(x, y)| x.min(y)),
        hi: a.hi.zip(b.hi).map(|(x, y)| x.max(y)),
    })
}

#[cfg(test)]
mod tests {
    use crate::check::testing::{set_findings, KURSK};

    const RULE: &str = "event-elapsed";

    #[test]
    fn four_months_since_an_event_another_article_dates() {
        let docs = [
            "---\ndate: 2025-01-07\n---\nUkrainian units crossed into Kursk on August 6, 2024.\n",
            "---\ndate: 2025-01-07\n---\nMonday was four months since Ukraine's troops crossed into Kursk.\n",
        ];
        let f = set_findings(&docs, KURSK, RULE);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].primary.doc, 1);
        assert!(f[0].secondary.iter().any(|l| l.doc == 0), "{f:#?}");
        assert_eq!(
            f[0].help.as_deref(),
            Some("2024-08-06 + 4 months = 2024-12-06, not 2025-01-06")
        );
    }

    #[test]
    fn an_event_named_in_other_words_than_its_aliases() {
        let rules = "events:\n  - name: inauguration\n    aliases: [\"Trump's inauguration\", \"the mayor's swearing-in\"]\n    date: 2025-01-20\n";
        let at = |text: &str| {
            set_findings(
                &[&format!("---\ndate: 2025-01-06\n---\n{text}\n")],
                rules,
                RULE,
            )
            .len()
        };
        assert_eq!(
            at("The vote comes three weeks before the inauguration of Donald Trump."),
            1
        );
        assert_eq!(
            at("The vote comes three weeks before the swearing-in of the new mayor."),
            1
        );
        assert_eq!(
            at("The vote comes two weeks before the inauguration of Donald Trump."),
            0
        );
        // A hard-wrapped line reads as one.
        assert_eq!(
            at("The vote comes three weeks before the inauguration of\nDonald Trump."),
            1
        );
        // Words of the alias beyond the clause name nothing.
        assert_eq!(
            at("The vote comes three weeks before the inauguration, and Trump said so."),
            0
        );
        assert_eq!(at("The vote comes three weeks before the mayor leaves for the swearing-in of a judge."), 0);
    }

    #[test]
    fn two_weeks_before_a_date_the_rule_file_knows() {
        let f = set_findings(
            &["---\ndate: 2025-01-13\n---\nIt is two weeks before Donald Trump takes office.\n"],
            KURSK,
            RULE,
        );
        assert_eq!(f.len(), 1, "{f:#?}");
    }

    #[test]
    fn consistent_counts_and_unknown_dates_stay_silent() {
        for docs in [
            &[
                "---\ndate: 2025-01-07\n---\nUkrainian units crossed into Kursk on August 6, 2024.\n",
                "---\ndate: 2025-01-07\n---\nMonday was five months since Ukraine's troops crossed into Kursk.\n",
            ][..],
            &["---\ndate: 2025-01-06\n---\nIt is two weeks before Donald Trump takes office.\n"][..],
            // No document dates the incursion.
            &["---\ndate: 2025-03-07\n---\nMonday was five months since Ukraine's troops crossed into Kursk.\n"][..],
            // Undated: no time point.
            &["Ukraine struck just two weeks before Donald Trump takes office.\n"][..],
        ] {
            assert!(set_findings(docs, KURSK, RULE).is_empty(), "{docs:?}");
        }
    }
}
