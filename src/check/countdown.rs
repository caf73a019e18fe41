#![doc = include_str!("../../docs/rules/countdown.md")]

use super::elapsed_since::relation_check;
use super::{Check, CheckContext, Finding};
use crate::extract::RelationKind;

/// The rule.
pub struct Countdown;

impl Check for Countdown {
    fn id(&self) -> &'static str {
        "countdown"
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        let id = self.id();
        let slack = cx.settings.slack_days(id);
        super::each_mention(cx, out, |d, v, i| {
            relation_check(cx, id, d, v, i, slack, &[RelationKind::Before])
        });
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::{findings, silent};

    const RULE: &str = "countdown";

    #[test]
    fn three_weeks_before_the_vote_on_march_1() {
        let f = findings(
            "---\ndate: 2025-03-01\n---\nToday, three weeks before the March 30 vote, the parties are level.\n",
            RULE,
        );
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(
            f[0].help.as_deref(),
            Some("2025-03-30 − 3 weeks = 2025-03-09, not 2025-03-01")
        );
        assert_eq!(f[0].fix.as_ref().unwrap().replacement, "four weeks");
    }

    #[test]
    fn planted_countdowns_are_caught() {
        for text in [
            "---\ndate: 2025-01-06\n---\nOn Monday, 4 weeks before January 20, Kyiv waited.\n",
            "---\ndate: 2025-01-06\n---\nThe talks open on Wednesday, ten days ahead of the Jan. 10 deadline.\n",
        ] {
            assert_eq!(findings(text, RULE).len(), 1, "{text:?}");
        }
    }

    #[test]
    fn consistent_twins_stay_silent() {
        for text in [
            "---\ndate: 2025-01-06\n---\nIt is two weeks before January 20.\n",
            "---\ndate: 2025-03-09\n---\nToday, three weeks before the March 30 vote, the parties are level.\n",
            "---\ndate: 2025-01-06\n---\nThe talks open on Wednesday, two days ahead of the Jan. 10 deadline.\n",
            // Told in the past: the event was some day before the date of writing.
            "---\ndate: 2025-03-20\n---\nThe campaign began six weeks before the March 30 vote.\n",
            // Vague, or no day to count back from.
            "---\ndate: 2025-01-06\n---\nIt is a few weeks before January 20.\n",
            "---\ndate: 2025-01-06\n---\nIt is two weeks before the inauguration.\n",
        ] {
            silent(text, RULE);
        }
    }
}

#[cfg(test)]
mod stretches {
    use crate::check::testing::silent;

    #[test]
    fn a_stretch_ending_at_a_date_is_not_a_countdown() {
        // Wire copy: periods and rates that end at a date, not distances from it.
        for text in [
            "---\ndate: 1987-03-24\n---\nBanks agreed to extend credit lines for 60 days until May 31, the central bank said.\n",
            "---\ndate: 1987-03-24\n---\nJapan will raise its quota by 9,000 tonnes a year until March 31, 1988.\n",
            "---\ndate: 1987-03-24\n---\nShipments averaged 225,000 barrels a day during the 30 days before its shutdown on May 30.\n",
        ] {
            silent(text, "countdown");
        }
        silent(
            "---\ndate: 1987-03-24\n---\nThe warrants are convertible for up to one year into a bond due April 30, 1992.\n",
            "elapsed-since",
        );
    }
}

#[cfg(test)]
mod triggers {
    use crate::check::{run, CheckContext, DocView, Settings};
    use crate::lexicon::DEFAULT;
    use crate::source::{Document, Format};

    #[test]
    fn a_project_trigger_adds_a_relation_word() {
        let settings = Settings::load(Some((
            "reckon.yaml",
            "triggers:\n  - {pattern: '(?i)in the run-up to( the)?', relation: before}\n",
        )))
        .unwrap();
        let text = "---\ndate: 2025-03-01\n---\nToday, three weeks in the run-up to the March 30 vote, the parties are level.\n";
        let doc = Document::from_text("d.md", text.into(), Format::Markdown);
        let opts = crate::extract::Options {
            triggers: settings.triggers.clone(),
            ..Default::default()
        };
        let (reference, mentions) = crate::resolve::run(&doc, &DEFAULT, &opts, None);
        let views = [DocView {
            doc: &doc,
            reference,
            mentions: &mentions,
        }];
        let cx = CheckContext {
            docs: &views,
            lex: &DEFAULT,
            settings: &settings,
        };
        let f: Vec<_> = run(&cx)
            .into_iter()
            .filter(|f| f.rule == "countdown")
            .collect();
        assert_eq!(f.len(), 1, "{f:#?}");
        // Without the trigger the phrase means nothing to reckon.
        assert!(crate::check::testing::findings(text, "countdown").is_empty());
    }
}
