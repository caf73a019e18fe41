#![doc = include_str!("../../docs/rules/countdown.md")]

use super::elapsed_since::{finding, relation_check};
use super::timeline::{date_label, duration, pinned_day, shifted, Days, Dur, TimePoint};
use super::{Check, CheckContext, DocView, Finding};
use crate::extract::{Kind, RelationKind};
use crate::resolve::Value;
use crate::value::calendar::elapsed_in;

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
                .or_else(|| appositive(cx, id, d, v, i, slack))
        });
    }
}

/// "on 4 June, nine weeks from today", "until Sept 25, 16 weeks from
/// Wednesday", "12 December, just over five weeks away": a date with its
/// distance from the date of writing set beside it.
fn appositive(
    cx: &CheckContext<'_>,
    id: &'static str,
    d: usize,
    v: &DocView<'_>,
    i: usize,
    slack: f64,
) -> Option<Finding> {
    let Value::Relation {
        relation: RelationKind::After,
        duration: Some(di),
        anchor,
        ..
    } = &v.mentions[i].value
    else {
        return None;
    };
    let rel = v.mentions[i].mention.span.clone();
    // The distance is counted from now: "from today", "from Wednesday" (a day of
    // this week), "from now", or "away".
    let start = match anchor {
        Some(ai) => match &v.mentions[*ai].value {
            Value::Vague { reference } if reference == "PRESENT_REF" => v.reference.date?,
            _ => {
                let day = pinned_day(v, *ai)?;
                let near = v
                    .reference
                    .date
                    .is_some_and(|r| (day - r).num_days().abs() <= 7);
                if !near {
                    return None;
                }
                day
            }
        },
        None => {
            let tail = v.doc.prose.get(v.mentions[*di].mention.span.end..rel.end)?;
            if tail.trim().to_lowercase() != "away" {
                return None;
            }
            v.reference.date?
        }
    };
    // The date it is set beside: right before it, after a comma.
    let k = (0..i).rev().find(|&k| {
        k != *di
            && matches!(v.mentions[k].mention.kind, Kind::Date)
            && v.mentions[k].mention.span.end <= rel.start
    })?;
    // "4 June, nine weeks from today"; "January 20 is two weeks away".
    let gap = v.doc.prose.get(v.mentions[k].mention.span.end..rel.start)?;
    let gap = gap
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    if !matches!(
        gap.as_str(),
        "," | "is" | "are" | "is now" | "are now" | "is still" | "remains" | "is just" | "is only"
    ) {
        return None;
    }
    let (lo, hi) = match &v.mentions[k].value {
        Value::Date { start, end } if (*end - *start).num_days() < 7 => (*start, *end),
        _ => return None,
    };
    let dur = duration(v, *di)?;
    let lands = shifted(start, &dur, 1.0)?;
    let told = Days {
        lo: Some(lo),
        hi: Some(hi),
    };
    if told.widen(slack).intersects(&lands) {
        return None;
    }
    let expected = shifted(
        start,
        &Dur {
            hi: Some(dur.exact),
            lo: dur.exact,
            ..dur
        },
        1.0,
    )?
    .lo?;
    let t = TimePoint {
        days: told,
        mention: Some(k),
    };
    let fix_count = told
        .single()
        .map(|day| elapsed_in(start, day, dur.unit).round() as i64);
    let phrase = v.text(i).to_string();
    let secondary = vec![date_label(v, d, k, &told)];
    Some(finding(
        cx,
        id,
        d,
        v,
        *di,
        &phrase,
        &lands,
        &t,
        (start, '+', &dur, expected),
        secondary,
        fix_count,
    ))
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
    fn a_date_and_its_distance_from_today() {
        for (text, n) in [
            ("---\ndate: 2024-03-05\n---\nHearings begin on 4 June, nine weeks from today.\n", 1),
            ("---\ndate: 2024-03-05\n---\nHearings begin on 4 June, 13 weeks from today.\n", 0),
            ("---\ndate: 2024-11-20\n---\nThe vote is set for 12 December, just over five weeks away.\n", 1),
            ("---\ndate: 2024-11-20\n---\nThe vote is set for 12 December, just over three weeks away.\n", 0),
            ("---\ndate: 2024-04-10\n---\nThe watchdog has until Sept 25, 16 weeks from Wednesday, to decide.\n", 1),
            ("---\ndate: 2024-04-10\n---\nThe watchdog has until July 31, 16 weeks from Wednesday, to decide.\n", 0),
            ("---\ndate: 2025-01-06\n---\nThe inauguration on January 20 is two weeks away.\n", 0),
            ("---\ndate: 2025-01-06\n---\nThe inauguration on January 20 is four weeks away.\n", 1),
            ("---\ndate: 2025-01-06\n---\nThe inauguration on January 20 was four weeks away when the talks began.\n", 0),
        ] {
            assert_eq!(findings(text, RULE).len(), n, "{text:?}: {:#?}", findings(text, RULE));
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
mod phrasings {
    use crate::check::testing::findings;

    const RULE: &str = "countdown";

    fn count(text: &str) -> usize {
        findings(text, RULE).len()
    }

    #[test]
    fn to_go_between_the_count_and_its_relation_word() {
        for (text, n) in [
            ("---\ndate: 2025-02-28\n---\nToday, with two months to go until the March 31 filing deadline, few firms have filed.\n", 1),
            ("---\ndate: 2025-02-28\n---\nToday, with one month to go until the March 31 filing deadline, few firms have filed.\n", 0),
            ("BERLIN, Jan. 6, 2025 (Reuters) - With more than three weeks to go before the Jan. 20 inauguration, capitals are drafting plans.\n", 1),
            ("BERLIN, Jan. 6, 2025 (Reuters) - With about two weeks to go before the Jan. 20 inauguration, capitals are drafting plans.\n", 0),
            ("---\ndate: 2024-10-15\n---\nWith five weeks left before the Nov. 5 election, the race is tied.\n", 1),
            ("---\ndate: 2024-10-01\n---\nWith five weeks left before the Nov. 5 election, the race was tied on Sept. 30, 2024.\n", 0),
        ] {
            assert_eq!(count(text), n, "{text:?}: {:#?}", findings(text, RULE));
        }
    }

    #[test]
    fn out_from_a_date_is_a_countdown() {
        for (text, n) in [
            ("---\ndate: 2025-03-01\n---\nToday, three weeks out from the March 30 vote, the two main parties are level.\n", 1),
            ("---\ndate: 2025-03-01\n---\nToday, four weeks out from the March 30 vote, the two main parties are level.\n", 0),
            ("---\ndate: 2024-06-03\n---\nTen days out from the 16 June final, the squad is fit.\n", 1),
            ("---\ndate: 2024-06-03\n---\nThirteen days out from the 16 June final, the squad is fit.\n", 0),
        ] {
            assert_eq!(count(text), n, "{text:?}: {:#?}", findings(text, RULE));
        }
    }

    #[test]
    fn a_week_is_never_three_days() {
        let d = "---\ndate: 2025-03-28\n---\n";
        for (text, n) in [
            ("Parliament holds its final reading on Tuesday, April 1, a week before the session closes on April 4.", 1),
            ("Parliament holds its final reading on Tuesday, April 1, one week before the session closes on April 4.", 1),
            ("Parliament holds its final reading on Tuesday, April 1, three days before the session closes on April 4.", 0),
            // Honest roundings: six and eight days.
            ("Parliament holds its final reading on Saturday, March 29, a week before the session closes on April 4.", 0),
            ("Parliament holds its final reading on Thursday, March 27, a week before the session closes on April 4.", 0),
            ("Parliament holds its final reading on Friday, March 28, one week before the session closes on April 4.", 0),
            // Hedged: "about a week" stays as wide as it was.
            ("Parliament holds its final reading on Monday, March 31, about a week before the session closes on April 4.", 0),
        ] {
            let text = format!("{d}{text}\n");
            assert_eq!(count(&text), n, "{text:?}: {:#?}", findings(&text, RULE));
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
