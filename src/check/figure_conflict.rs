#![doc = include_str!("../../docs/rules/figure-conflict.md")]

use super::{Check, CheckContext, Finding, SetContext, Severity};
use crate::story::claims::Figure;

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
}
