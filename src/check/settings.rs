//! Rule settings: the embedded defaults merged with a project's `reckon.yaml`.

use std::collections::BTreeMap;

/// The largest `slack-days` a rule accepts.
pub const MAX_SLACK_DAYS: f64 = 3660.0;

use super::{Severity, RULES};
use crate::config::check::{RuleEntry, RuleFile};
use crate::config::{self, YamlError};

/// The embedded default rule set.
pub const DEFAULT_RULES: &str = include_str!("../../rules/default.yaml");

/// Resolved settings of every rule.
#[derive(Debug, Clone)]
pub struct Settings {
    rules: BTreeMap<String, RuleEntry>,
    /// Extensions to check when walking folders.
    pub extensions: Vec<String>,
    /// Paths to skip when walking folders.
    pub exclude: Vec<String>,
    /// Lexicon files named by the project file, as written (relative to it).
    pub lexicon_files: Vec<String>,
    /// Relation triggers from the project file, compiled.
    pub triggers: std::sync::Arc<Vec<crate::extract::Trigger>>,
    /// Named events, facts and relations of the project file, compiled.
    pub story: std::sync::Arc<crate::story::Story>,
}

impl Settings {
    /// The defaults alone.
    #[must_use]
    pub fn defaults() -> Settings {
        // The embedded file is tested (`embedded_rules_load`).
        Self::load(None).unwrap_or_else(|_| Settings {
            rules: BTreeMap::new(),
            extensions: default_extensions(),
            exclude: Vec::new(),
            lexicon_files: Vec::new(),
            triggers: std::sync::Arc::default(),
            story: std::sync::Arc::default(),
        })
    }

    /// The defaults, overridden by a project file `(name, text)`.
    pub fn load(project: Option<(&str, &str)>) -> Result<Settings, YamlError> {
        let base: RuleFile = config::parse("rules/default.yaml", DEFAULT_RULES)?;
        let mut s = Settings {
            rules: base.rules,
            extensions: default_extensions(),
            exclude: Vec::new(),
            lexicon_files: Vec::new(),
            triggers: std::sync::Arc::default(),
            story: std::sync::Arc::default(),
        };
        if let Some((name, text)) = project {
            let user: RuleFile = config::parse(name, text)?;
            for (id, entry) in user.rules {
                if !RULES.iter().any(|r| r.id == id) {
                    let known: Vec<&str> = RULES.iter().map(|r| r.id).collect();
                    return Err(YamlError::at_text(
                        name,
                        text,
                        &id,
                        format!("unknown rule `{id}`"),
                    )
                    .with_help(format!("the rules are: {}", known.join(", "))));
                }
                // Bounded so the date arithmetic they feed cannot overflow, and
                // so a typo ("relative-slack: 5" for 5%) is caught, not obeyed.
                for (key, v, max, hint) in [
                    (
                        "slack-days",
                        entry.slack_days,
                        MAX_SLACK_DAYS,
                        "days (ten years)",
                    ),
                    (
                        "relative-slack",
                        entry.relative_slack,
                        1.0,
                        "(a fraction: 0.05 is 5%)",
                    ),
                ] {
                    if v.is_some_and(|x| !(x.is_finite() && (0.0..=max).contains(&x))) {
                        return Err(YamlError::at_text(
                            name,
                            text,
                            key,
                            format!("`{key}` must be a number from 0 to {max} {hint}"),
                        ));
                    }
                }
                let slot = s.rules.entry(id).or_default();
                merge(slot, entry);
            }
            if let Some(ext) = user.extensions {
                s.extensions = ext
                    .into_iter()
                    .map(|e| e.trim_start_matches('.').to_string())
                    .collect();
            }
            s.exclude = user.exclude;
            s.lexicon_files = user.lexicon;
            let mut triggers = Vec::new();
            for t in user.triggers {
                use crate::extract::RelationKind as R;
                if !matches!(t.relation, R::Since | R::Before | R::After | R::Into) {
                    return Err(YamlError::at_text(
                        name,
                        text,
                        "relation",
                        "a trigger's `relation` is one of since, before, after, into",
                    ));
                }
                match regex::Regex::new(&t.pattern) {
                    Ok(pattern) => triggers.push(crate::extract::Trigger {
                        pattern,
                        relation: t.relation,
                    }),
                    Err(e) => {
                        return Err(YamlError::at_text(
                            name,
                            text,
                            &t.pattern,
                            crate::config::invalid_regex(&t.pattern, &e),
                        ));
                    }
                }
            }
            s.triggers = std::sync::Arc::new(triggers);
            s.story = std::sync::Arc::new(crate::story::Story::compile(
                name,
                text,
                &user.events,
                &user.facts,
                &user.relations,
            )?);
        }
        Ok(s)
    }

    fn entry(&self, id: &str) -> Option<&RuleEntry> {
        self.rules.get(id)
    }

    /// The rule runs.
    #[must_use]
    pub fn enabled(&self, id: &str) -> bool {
        self.entry(id).and_then(|e| e.enabled).unwrap_or(true)
    }

    /// The claims the enabled rules across documents read: what
    /// [`crate::story::claims_of`] should collect.
    #[must_use]
    pub fn claims_wanted(&self) -> crate::story::Wanted {
        crate::story::Wanted {
            story_events: self.enabled("event-date-conflict") || self.enabled("event-elapsed"),
            facts: self.enabled("fact-relation"),
            linked_events: self.enabled("event-date-conflict"),
            figures: self.enabled("figure-conflict"),
        }
    }

    /// Severity of the rule's findings.
    #[must_use]
    pub fn severity(&self, id: &str) -> Severity {
        self.entry(id)
            .and_then(|e| e.severity)
            .unwrap_or(Severity::Error)
    }

    /// Message template.
    #[must_use]
    pub fn message(&self, id: &str) -> &str {
        self.entry(id)
            .and_then(|e| e.message.as_deref())
            .unwrap_or("")
    }

    /// Help template.
    #[must_use]
    pub fn help(&self, id: &str) -> &str {
        self.entry(id).and_then(|e| e.help.as_deref()).unwrap_or("")
    }

    /// Days of drift tolerated.
    #[must_use]
    pub fn slack_days(&self, id: &str) -> f64 {
        self.entry(id)
            .and_then(|e| e.slack_days)
            .unwrap_or(0.0)
            .clamp(0.0, MAX_SLACK_DAYS)
    }

    /// Relative tolerance.
    #[must_use]
    pub fn relative_slack(&self, id: &str) -> f64 {
        self.entry(id).and_then(|e| e.relative_slack).unwrap_or(0.0)
    }
}

fn merge(slot: &mut RuleEntry, user: RuleEntry) {
    if user.enabled.is_some() {
        slot.enabled = user.enabled;
    }
    if user.severity.is_some() {
        slot.severity = user.severity;
    }
    if user.message.is_some() {
        slot.message = user.message;
    }
    if user.help.is_some() {
        slot.help = user.help;
    }
    if user.slack_days.is_some() {
        slot.slack_days = user.slack_days;
    }
    if user.relative_slack.is_some() {
        slot.relative_slack = user.relative_slack;
    }
}

fn default_extensions() -> Vec<String> {
    vec!["md".into(), "markdown".into(), "txt".into()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_rules_load_and_cover_every_rule() {
        let s = Settings::load(None).expect("rules/default.yaml parses");
        for r in RULES {
            assert!(
                s.rules.contains_key(r.id),
                "{} has no entry in rules/default.yaml",
                r.id
            );
            assert!(!s.message(r.id).is_empty(), "{} has no message", r.id);
        }
    }

    #[test]
    fn slack_values_out_of_range_are_errors() {
        for (key, v) in [
            ("slack-days", "100000000"),
            ("slack-days", "-1"),
            ("slack-days", ".nan"),
            ("relative-slack", "5"),
            ("relative-slack", ".inf"),
        ] {
            let rule = if key == "slack-days" {
                "past-event-after-reference"
            } else {
                "unit-conversion"
            };
            let yaml = format!("rules:\n  {rule}:\n    {key}: {v}\n");
            let e = Settings::load(Some(("reckon.yaml", &yaml))).unwrap_err();
            assert!(e.message.contains(key), "{key}: {v}: {}", e.message);
        }
        let ok = "rules:\n  past-event-after-reference:\n    slack-days: 3660\n";
        assert!(Settings::load(Some(("reckon.yaml", ok))).is_ok());
    }

    #[test]
    fn triggers_compile_and_bad_regexes_point_into_the_file() {
        let s = Settings::load(Some((
            "reckon.yaml",
            "triggers:\n  - {pattern: 'in the run-up to', relation: before}\n",
        )))
        .unwrap();
        assert_eq!(s.triggers.len(), 1);
        let err = Settings::load(Some((
            "reckon.yaml",
            "rules: {}\ntriggers:\n  - pattern: 'in the (run-up'\n    relation: before\n",
        )))
        .unwrap_err();
        assert_eq!(err.line, 3, "{err}");
        assert!(err.message.starts_with("invalid regex"), "{}", err.message);
    }

    #[test]
    fn project_file_overrides_and_rejects_unknown_rules() {
        let s = Settings::load(Some((
            "reckon.yaml",
            "rules:\n  unit-conversion: {enabled: false}\n  weekday-mismatch: {severity: info}\n",
        )))
        .unwrap();
        assert!(!s.enabled("unit-conversion"));
        assert_eq!(s.severity("weekday-mismatch"), Severity::Info);
        let err = Settings::load(Some((
            "reckon.yaml",
            "rules:\n  weekday-mismatchh: {enabled: false}\n",
        )))
        .unwrap_err();
        assert_eq!(
            (err.line, err.message.as_str()),
            (2, "unknown rule `weekday-mismatchh`")
        );
        let err = Settings::load(Some((
            "reckon.yaml",
            "rules:\n  unit-conversion:\n    severity: fatal\n",
        )))
        .unwrap_err();
        assert_eq!(err.line, 3, "{err}");
    }

    #[test]
    fn the_example_rule_file_compiles() {
        let s = Settings::load(Some((
            "kursk.yaml",
            include_str!("../../rules/examples/kursk.yaml"),
        )))
        .unwrap();
        assert_eq!((s.story.events.len(), s.story.facts.len()), (2, 3));
        assert_eq!(s.story.relations[0].rhs.show(), "captured × (1 − retaken)");
    }

    #[test]
    fn a_bad_relation_points_at_its_line_and_column() {
        let text = "facts:\n  - {name: held, patterns: ['holds {quantity}']}\n  - {name: captured, patterns: ['capture {quantity}']}\nrelations:\n  - held = captured * (1 - retaken)\n";
        let err = Settings::load(Some(("story.yaml", text))).unwrap_err();
        assert_eq!((err.line, err.column), (5, 28), "{err}");
        assert!(
            err.message.starts_with("no fact named `retaken`"),
            "{}",
            err.message
        );
        let text = "facts:\n  - {name: held, patterns: ['holds {quantity}']}\nrelations:\n  - held = 2 * (held\n";
        let err = Settings::load(Some(("story.yaml", text))).unwrap_err();
        assert_eq!(
            (err.line, err.message.as_str()),
            (4, "expected `)`"),
            "{err}"
        );
        let text = "facts:\n  - {name: held, patterns: ['holds (of {quantity}']}\n";
        let err = Settings::load(Some(("story.yaml", text))).unwrap_err();
        assert_eq!(err.line, 2, "{err}");
        assert!(err.message.starts_with("invalid regex"), "{}", err.message);
        let text = "events:\n  - name: vote\n    aliases: [the vote]\n    date: 2025-13-40\n";
        let err = Settings::load(Some(("story.yaml", text))).unwrap_err();
        assert_eq!(err.line, 4, "{err}");
    }
}
