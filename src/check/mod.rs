//! Checking: find figures and dates that cannot all be true.
//!
//! In: documents with their resolved mentions ([`DocView`]) and the rule
//! [`Settings`]. Out: [`Finding`]s — plain data (rule, severity, message, the
//! spans involved with what each resolved to, a help line with the arithmetic,
//! maybe a fix). Renderers turn findings into text; rules never print.
//!
//! A rule is one file here, named for the problem it flags, implementing
//! [`Check`]. Rules cannot fail: a rule that cannot tell stays silent.

pub mod age_vs_birth;
pub mod countdown;
pub mod duration_between;
pub mod elapsed_since;
pub mod event_date_conflict;
pub mod event_elapsed;
pub mod fact_relation;
pub mod figure_conflict;
mod figures;
pub mod impossible_date;
pub mod ordinal_period;
pub mod past_event_after_reference;
pub mod percent_change;
pub mod range_order;
pub mod settings;
pub mod share_of_total;
pub mod sum_of_parts;
pub mod suppress;
pub mod unit_conversion;
pub mod weekday_mismatch;

use std::ops::Range;

use serde::{Deserialize, Serialize};

pub use crate::config::check::Severity;
use crate::lexicon::Lexicon;
/// The time-point arithmetic the duration rules share (below `story`, which reads it too).
pub(crate) use crate::reading::time as timeline;
pub use crate::reading::view::{number_word, show_day, DocView, Label};
pub use settings::Settings;

/// Whether a fix can be applied without a human reading it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Applicability {
    /// The replacement is certainly right.
    Safe,
    /// The replacement is a suggestion.
    Unsafe,
}

/// A suggested replacement.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Fix {
    /// Where.
    pub doc: usize,
    /// Byte span to replace.
    pub span: Range<usize>,
    /// With what.
    pub replacement: String,
    /// Safe or not.
    pub applicability: Applicability,
}

/// One inconsistency.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Finding {
    /// The rule id (`weekday-mismatch`).
    pub rule: &'static str,
    /// Severity from the settings.
    pub severity: Severity,
    /// One sentence.
    pub message: String,
    /// The phrase that is wrong.
    pub primary: Label,
    /// The phrases it disagrees with.
    pub secondary: Vec<Label>,
    /// The arithmetic.
    pub help: Option<String>,
    /// A replacement, when one is clear.
    pub fix: Option<Fix>,
}

impl Finding {
    /// Renumbers the documents its labels and its fix point into: `to(old)`
    /// is the new index (findings gathered from several sets into one).
    pub fn move_docs(&mut self, to: impl Fn(usize) -> usize) {
        self.primary.doc = to(self.primary.doc);
        for l in &mut self.secondary {
            l.doc = to(l.doc);
        }
        if let Some(x) = &mut self.fix {
            x.doc = to(x.doc);
        }
    }

    /// A finding of rule `id` whose message and help are the rule's templates
    /// (from the settings) filled with `vars`: how every rule words what it found.
    #[must_use]
    pub fn templated(
        settings: &Settings,
        id: &'static str,
        severity: Severity,
        vars: &[(&str, String)],
        primary: Label,
        secondary: Vec<Label>,
        fix: Option<Fix>,
    ) -> Finding {
        Finding {
            rule: id,
            severity,
            message: fill(settings.message(id), vars),
            primary,
            secondary,
            help: Some(fill(settings.help(id), vars)),
            fix,
        }
    }
}

/// A [`Finding`] as another process wrote it (`reckon check --claims`): its
/// rule is looked up in the registry, so an unknown id is an error rather
/// than a leaked string.
#[derive(Deserialize)]
struct ReadFinding {
    rule: String,
    severity: Severity,
    message: String,
    primary: Label,
    secondary: Vec<Label>,
    help: Option<String>,
    fix: Option<Fix>,
}

impl<'de> Deserialize<'de> for Finding {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Finding, D::Error> {
        let f = ReadFinding::deserialize(d)?;
        let rule = settings::rule_ids().find(|r| *r == f.rule).ok_or_else(|| {
            serde::de::Error::custom(format!("no rule `{}` in this build of reckon", f.rule))
        })?;
        Ok(Finding {
            rule,
            severity: f.severity,
            message: f.message,
            primary: f.primary,
            secondary: f.secondary,
            help: f.help,
            fix: f.fix,
        })
    }
}

/// Everything the rules read.
pub struct CheckContext<'a> {
    /// The documents of the run.
    pub docs: &'a [DocView<'a>],
    /// The lexicon (hedge and unit definitions).
    pub lex: &'a Lexicon,
    /// Rule settings.
    pub settings: &'a Settings,
}

/// What the rules across a document set read: the claims of every document,
/// filed by key (see [`crate::story`]), and the documents' names.
pub struct SetContext<'a> {
    /// The claims.
    pub index: &'a crate::story::Index,
    /// Each document's name, by index.
    pub names: &'a [String],
    /// Rule settings.
    pub settings: &'a Settings,
}

impl SetContext<'_> {
    /// "a.md and b.md", "a.md, b.md and 3 more": the documents of a finding.
    #[must_use]
    pub fn documents(&self, docs: &[usize]) -> String {
        let mut ds: Vec<usize> = docs.to_vec();
        ds.sort_unstable();
        ds.dedup();
        let names: Vec<&str> = ds
            .iter()
            .take(3)
            .map(|&d| self.names.get(d).map_or("?", String::as_str))
            .collect();
        match (ds.len(), names.as_slice()) {
            (1, [a]) => (*a).to_string(),
            (2, [a, b]) => format!("{a} and {b}"),
            (n, _) if n > 3 => format!("{} and {} more", names.join(", "), n - 3),
            (_, [a, b, c]) => format!("{a}, {b} and {c}"),
            _ => String::new(),
        }
    }
}

/// A rule. Rules cannot fail: they push what they find and stay silent otherwise.
pub trait Check: Sync {
    /// Kebab-case id.
    fn id(&self) -> &'static str;
    /// Adds the findings of each document on its own to `out`.
    fn check(&self, cx: &CheckContext<'_>, out: &mut Vec<Finding>);
    /// Adds the findings across the document set to `out` (most rules have none).
    fn check_set(&self, _cx: &SetContext<'_>, _out: &mut Vec<Finding>) {}
    /// The rule reads the document set rather than one document.
    fn across_documents(&self) -> bool {
        false
    }
}

/// Every built-in rule, with its documentation.
pub struct RuleInfo {
    /// Kebab-case id.
    pub id: &'static str,
    /// One line.
    pub summary: &'static str,
    /// The page `reckon explain ID` prints.
    pub doc: &'static str,
    /// The rule.
    pub rule: &'static dyn Check,
}

/// The registry of built-in rules.
pub static RULES: &[RuleInfo] = &[
    RuleInfo {
        id: "past-event-after-reference",
        summary: "An event told in the past but dated after the document's date.",
        doc: include_str!("../../docs/rules/past-event-after-reference.md"),
        rule: &past_event_after_reference::PastEventAfterReference,
    },
    RuleInfo {
        id: "sum-of-parts",
        summary: "Parts, a share or a remainder that cannot fit their whole.",
        doc: include_str!("../../docs/rules/sum-of-parts.md"),
        rule: &sum_of_parts::SumOfParts,
    },
    RuleInfo {
        id: "weekday-mismatch",
        summary: "A weekday beside a date that falls on another day.",
        doc: include_str!("../../docs/rules/weekday-mismatch.md"),
        rule: &weekday_mismatch::WeekdayMismatch,
    },
    RuleInfo {
        id: "unit-conversion",
        summary: "A quantity and its stated conversion disagree.",
        doc: include_str!("../../docs/rules/unit-conversion.md"),
        rule: &unit_conversion::UnitConversion,
    },
    RuleInfo {
        id: "elapsed-since",
        summary: "\"N units since/into/ago\" that does not reach the clause's own date.",
        doc: include_str!("../../docs/rules/elapsed-since.md"),
        rule: &elapsed_since::ElapsedSince,
    },
    RuleInfo {
        id: "countdown",
        summary: "\"N units before/until DATE\" told on a day that is not N units before it.",
        doc: include_str!("../../docs/rules/countdown.md"),
        rule: &countdown::Countdown,
    },
    RuleInfo {
        id: "ordinal-period",
        summary: "\"its fourth year\" that is not the fourth year from the start date.",
        doc: include_str!("../../docs/rules/ordinal-period.md"),
        rule: &ordinal_period::OrdinalPeriod,
    },
    RuleInfo {
        id: "duration-between",
        summary: "\"from DATE to DATE\" and a stated length that disagree.",
        doc: include_str!("../../docs/rules/duration-between.md"),
        rule: &duration_between::DurationBetween,
    },
    RuleInfo {
        id: "impossible-date",
        summary: "A day its month does not have (\"Sept. 31\", \"29 February 2023\").",
        doc: include_str!("../../docs/rules/impossible-date.md"),
        rule: &impossible_date::ImpossibleDate,
    },
    RuleInfo {
        id: "range-order",
        summary: "A range of dates or clock times whose end comes before its start.",
        doc: include_str!("../../docs/rules/range-order.md"),
        rule: &range_order::RangeOrder,
    },
    RuleInfo {
        id: "percent-change",
        summary: "A percentage change that does not fit its two figures.",
        doc: include_str!("../../docs/rules/percent-change.md"),
        rule: &percent_change::PercentChange,
    },
    RuleInfo {
        id: "share-of-total",
        summary: "A share beside its part and whole that does not fit them.",
        doc: include_str!("../../docs/rules/share-of-total.md"),
        rule: &share_of_total::ShareOfTotal,
    },
    RuleInfo {
        id: "age-vs-birth",
        summary: "An age that does not fit a birth date or year in the same sentence.",
        doc: include_str!("../../docs/rules/age-vs-birth.md"),
        rule: &age_vs_birth::AgeVsBirth,
    },
    RuleInfo {
        id: "event-date-conflict",
        summary: "One event dated on different days, in one document set.",
        doc: include_str!("../../docs/rules/event-date-conflict.md"),
        rule: &event_date_conflict::EventDateConflict,
    },
    RuleInfo {
        id: "event-elapsed",
        summary:
            "\"N units since/before EVENT\" against the event's date, wherever the set gives it.",
        doc: include_str!("../../docs/rules/event-elapsed.md"),
        rule: &event_elapsed::EventElapsed,
    },
    RuleInfo {
        id: "fact-relation",
        summary: "Facts of a rule file whose values break a relation between them, or disagree.",
        doc: include_str!("../../docs/rules/fact-relation.md"),
        rule: &fact_relation::FactRelation,
    },
    RuleInfo {
        id: "figure-conflict",
        summary: "One counted thing given figures that cannot both hold.",
        doc: include_str!("../../docs/rules/figure-conflict.md"),
        rule: &figure_conflict::FigureConflict,
    },
];

/// Runs the rules across documents over the claims of a document set.
#[must_use]
pub fn run_set(cx: &SetContext<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for info in RULES {
        if info.rule.across_documents() && cx.settings.enabled(info.id) {
            let before = out.len();
            info.rule.check_set(cx, &mut out);
            // A rule may lower a finding (automatic links are warnings at most).
            for f in &mut out[before..] {
                f.severity = f.severity.min(cx.settings.severity(info.id));
            }
        }
    }
    in_report_order(out)
}

/// What document `doc` claims for the rules across documents that `settings`
/// enable, with the story of its rule file.
#[must_use]
pub fn claims_of(
    v: &DocView<'_>,
    doc: usize,
    settings: &Settings,
    lex: &Lexicon,
) -> Vec<crate::story::Claim> {
    claims_in_a_set_of(v, doc, settings, lex, usize::MAX)
}

/// [`claims_of`] for a set of `documents`: a set of one has no other document
/// to link, so the story events and counts are not read.
#[must_use]
pub fn claims_in_a_set_of(
    v: &DocView<'_>,
    doc: usize,
    settings: &Settings,
    lex: &Lexicon,
    documents: usize,
) -> Vec<crate::story::Claim> {
    let mut wanted = settings.claims_wanted();
    wanted.story_links = documents > 1;
    wanted.topics = documents > 1 && documents <= event_date_conflict::STORY_SET_MAX;
    crate::story::claims_of(v, doc, &settings.story, wanted, lex)
}

/// The ids of the rules that read a document set.
pub fn set_rule_ids() -> impl Iterator<Item = &'static str> {
    RULES
        .iter()
        .filter(|r| r.rule.across_documents())
        .map(|r| r.id)
}

/// Calls `one(doc index, view, mention index)` for every mention of every
/// document and keeps what it finds: the loop most rules are.
pub(crate) fn each_mention(
    cx: &CheckContext<'_>,
    out: &mut Vec<Finding>,
    one: impl Fn(usize, &DocView<'_>, usize) -> Option<Finding>,
) {
    for (d, v) in cx.docs.iter().enumerate() {
        out.extend((0..v.mentions.len()).filter_map(|i| one(d, v, i)));
    }
}

/// Runs every enabled rule over `cx`, then applies inline suppressions.
#[must_use]
pub fn run(cx: &CheckContext<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for (info, severity) in cx.settings.active_rules() {
        let before = out.len();
        info.rule.check(cx, &mut out);
        for f in &mut out[before..] {
            f.severity = severity;
        }
    }
    let out = suppress::apply(cx, out);
    in_report_order(out)
}

/// Findings by document, then position, then rule; a rule's repeat at the same
/// place is dropped.
fn in_report_order(mut out: Vec<Finding>) -> Vec<Finding> {
    out.sort_by(|a, b| {
        (a.primary.doc, a.primary.span.start, a.rule).cmp(&(
            b.primary.doc,
            b.primary.span.start,
            b.rule,
        ))
    });
    out.dedup_by(|a, b| a.rule == b.rule && a.primary == b.primary);
    out
}

#[cfg(test)]
pub(crate) mod testing {
    //! Run the whole pipeline on one Markdown text and look at one rule's findings.
    use super::*;
    use crate::lexicon::DEFAULT;
    use crate::source::{Document, Format};

    /// The findings of `rule` on `text` (a Markdown document, front matter allowed).
    pub fn findings(text: &str, rule: &str) -> Vec<Finding> {
        let doc = Document::from_text("draft.md", text.to_string(), Format::Markdown);
        let (reference, mentions) =
            crate::resolve::run(&doc, &DEFAULT, &crate::extract::Options::default(), None);
        let views = [DocView {
            doc: &doc,
            reference,
            mentions: &mentions,
        }];
        let settings = Settings::defaults();
        let cx = CheckContext {
            docs: &views,
            lex: &DEFAULT,
            settings: &settings,
        };
        run(&cx).into_iter().filter(|f| f.rule == rule).collect()
    }

    /// The example rule file of the seed story.
    pub const KURSK: &str = include_str!("../../rules/examples/kursk.yaml");

    /// The findings of `rule` across `texts` (Markdown documents `d0.md`, `d1.md` …)
    /// checked as one set with the rule file `config` (`""`: none).
    pub fn set_findings(texts: &[&str], config: &str, rule: &str) -> Vec<Finding> {
        let settings = if config.is_empty() {
            Settings::defaults()
        } else {
            Settings::load(Some(("kursk.yaml", config))).expect("the rule file loads")
        };
        let mut claims = Vec::new();
        let mut names = Vec::new();
        for (d, text) in texts.iter().enumerate() {
            let doc =
                Document::from_text(format!("d{d}.md"), (*text).to_string(), Format::Markdown);
            let (reference, mentions) =
                crate::resolve::run(&doc, &DEFAULT, &crate::extract::Options::default(), None);
            let view = DocView {
                doc: &doc,
                reference,
                mentions: &mentions,
            };
            claims.extend(claims_of(&view, d, &settings, &DEFAULT));
            names.push(doc.name.clone());
        }
        let index = crate::story::Index::of(claims);
        let cx = SetContext {
            index: &index,
            names: &names,
            settings: &settings,
        };
        run_set(&cx)
            .into_iter()
            .filter(|f| f.rule == rule)
            .collect()
    }

    /// 1234567 → "1,234,567": figures as a reporter writes them (a bare
    /// "1000" reads as a year).
    pub fn grouped(n: u64) -> String {
        let s = n.to_string();
        let mut out = String::new();
        for (k, c) in s.chars().enumerate() {
            if k > 0 && (s.len() - k).is_multiple_of(3) {
                out.push(',');
            }
            out.push(c);
        }
        out
    }

    /// `rule` finds nothing in `text`.
    pub fn silent(text: &str, rule: &str) {
        let f = findings(text, rule);
        assert!(
            f.is_empty(),
            "{text:?}: expected no {rule} finding, got {:#?}",
            f
        );
    }
}

/// Fills `{name}` placeholders of a message template.
#[must_use]
pub fn fill(template: &str, vars: &[(&str, String)]) -> String {
    let mut s = template.to_string();
    for (k, v) in vars {
        // Text quoted from a hard-wrapped line reads as the unwrapped line.
        let v = if v.contains(['\n', '\r']) {
            v.split_whitespace().collect::<Vec<_>>().join(" ")
        } else {
            v.clone()
        };
        s = s.replace(&format!("{{{k}}}"), &v);
    }
    s
}
