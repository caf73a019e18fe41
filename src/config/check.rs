//! The raw shape of a rule file: `rules/default.yaml` and a project's `reckon.yaml`.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::check::Severity;

/// A rule file. Every section is optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RuleFile {
    /// Per-rule settings, by rule id.
    #[serde(default)]
    pub rules: BTreeMap<String, RuleEntry>,
    /// Lexicon files that extend the built-in one, relative to this file.
    #[serde(default)]
    pub lexicon: Vec<String>,
    /// File extensions to check when walking folders (default md, markdown, txt).
    #[serde(default)]
    pub extensions: Option<Vec<String>>,
    /// Paths to skip when walking folders (gitignore-style globs).
    #[serde(default)]
    pub exclude: Vec<String>,
    /// Extra phrases that relate a duration to the date after it.
    #[serde(default)]
    pub triggers: Vec<TriggerEntry>,
}

/// A relation trigger: a regex matched right after a duration
/// ("three weeks in the run-up to the March 30 vote").
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct TriggerEntry {
    /// A regular expression (Rust `regex` syntax), matched right after the duration.
    pub pattern: String,
    /// `since`, `before`, `after` or `into`.
    pub relation: crate::extract::RelationKind,
}

/// Settings of one rule.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RuleEntry {
    /// Run the rule.
    pub enabled: Option<bool>,
    /// Severity of its findings.
    pub severity: Option<Severity>,
    /// Message template.
    pub message: Option<String>,
    /// Help template.
    pub help: Option<String>,
    /// Days of drift tolerated in date arithmetic.
    pub slack_days: Option<f64>,
    /// Relative tolerance for conversions and sums.
    pub relative_slack: Option<f64>,
}
