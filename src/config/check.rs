//! The raw shape of a rule file: `rules/default.yaml` and a project's `reckon.yaml`.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// How serious a finding is.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    /// Worth knowing.
    Info,
    /// Probably wrong.
    Warning,
    /// Cannot be right.
    Error,
}

impl Severity {
    /// Lower-case name.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A rule file. Every section is optional.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RuleFile {
    /// Per-rule settings, by rule id.
    #[serde(default)]
    pub rules: BTreeMap<String, RuleEntry>,
    /// Lexicon files that extend the built-in one, relative to this file.
    #[serde(default)]
    pub lexicon: Vec<String>,
    /// File extensions to check when walking folders, replacing the defaults (md, markdown, txt).
    #[serde(default)]
    pub extensions: Option<Vec<String>>,
    /// File extensions to check when walking folders, added to the defaults (or to `extensions`).
    #[serde(default)]
    pub extend_extensions: Vec<String>,
    /// Rules turned off for the files a glob matches: `{"archive/**": [weekday-mismatch]}`.
    /// A glob with a `/` is matched against the path from this file's folder; one without,
    /// against the file name.
    #[serde(default)]
    pub per_file_ignores: BTreeMap<String, Vec<String>>,
    /// Paths to skip when walking folders (gitignore-style globs).
    #[serde(default)]
    pub exclude: Vec<String>,
    /// Extra phrases that relate a duration to the date after it.
    #[serde(default)]
    pub triggers: Vec<TriggerEntry>,
    /// Named events of the story a document set tells (issue 4).
    #[serde(default)]
    pub events: Vec<EventEntry>,
    /// Named figures of the story, bound by patterns.
    #[serde(default)]
    pub facts: Vec<FactEntry>,
    /// Equations between facts: `held = captured * (1 - retaken)`.
    #[serde(default)]
    pub relations: Vec<String>,
}

/// An event: what the story calls it, the phrases that mention it and maybe its date.
///
/// ```yaml
/// events:
///   - name: inauguration
///     aliases: ["Trump takes office", "inauguration of Donald Trump"]
///     patterns: ["Trump (?:takes|assumes) office"]
///     date: 2025-01-20
/// ```
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct EventEntry {
    /// The event's name, used in messages and nowhere else.
    pub name: String,
    /// Literal phrases (case-insensitive, whole words).
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Regular expressions (Rust `regex` syntax, case-insensitive).
    #[serde(default)]
    pub patterns: Vec<String>,
    /// The known date: `YYYY-MM-DD`, a month `YYYY-MM`, or an interval `YYYY-MM-DD/YYYY-MM-DD`.
    #[serde(default)]
    pub date: Option<String>,
}

/// A fact: a named figure and the patterns that state it.
///
/// ```yaml
/// facts:
///   - name: captured
///     patterns: ["capture {quantity} of territory"]
/// ```
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct FactEntry {
    /// The fact's name, as relations write it (letters, digits, `_`).
    pub name: String,
    /// Regular expressions with one capture: `{quantity}`, `{number}`, `{fraction}`,
    /// `{percent}` or `{date}`.
    pub patterns: Vec<String>,
}

/// A relation trigger: a regex matched right after a duration
/// ("three weeks in the run-up to the March 30 vote").
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct TriggerEntry {
    /// A regular expression (Rust `regex` syntax), matched right after the duration.
    pub pattern: String,
    /// `since`, `before`, `after` or `into`.
    #[schemars(schema_with = "relation_schema")]
    pub relation: crate::extract::RelationKind,
}

/// Settings of one rule.
#[derive(Debug, Default, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RuleEntry {
    /// Run the rule.
    pub enabled: Option<bool>,
    /// Severity of its findings.
    pub severity: Option<Severity>,
    /// Message template: `{name}` placeholders are the rule's variables (`reckon explain RULE`).
    pub message: Option<String>,
    /// Help template, with the same placeholders as `message`.
    pub help: Option<String>,
    /// Days of drift tolerated in date arithmetic (0 to 3660).
    #[schemars(range(min = 0.0, max = 3660.0))]
    pub slack_days: Option<f64>,
    /// Relative tolerance for conversions and sums, a fraction (0.05 is 5%).
    #[schemars(range(min = 0.0, max = 1.0))]
    pub relative_slack: Option<f64>,
}

/// The relations a trigger may name (the extractor's type knows more kinds).
fn relation_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({
        "type": "string",
        "enum": ["since", "before", "after", "into"]
    })
}
