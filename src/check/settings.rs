//! Rule settings: the embedded defaults merged with a project's `reckon.yaml`.

/// The largest `slack-days` a rule accepts.
pub const MAX_SLACK_DAYS: f64 = 3660.0;

use super::{Severity, RULES};
use crate::config::check::{RuleEntry, RuleFile};
use crate::config::{self, YamlError};

/// The embedded default rule set.
pub const DEFAULT_RULES: &str = crate::config::embedded::DEFAULT_RULES.yaml;

/// Resolved settings of every rule.
#[derive(Debug, Clone)]
pub struct Settings {
    /// By rule id; hashed, as every document asks it for each rule.
    rules: rustc_hash::FxHashMap<String, RuleEntry>,
    /// Extensions to check when walking folders.
    pub extensions: Vec<String>,
    /// Paths to skip when walking folders.
    pub exclude: Vec<String>,
    /// Lexicon files named by the project file, as written (relative to it).
    pub lexicon_files: Vec<String>,
    /// Rules turned off for the files a glob matches (`per-file-ignores`).
    pub per_file_ignores: Vec<PerFileIgnore>,
    /// Relation triggers from the project file, compiled.
    pub triggers: std::sync::Arc<Vec<crate::extract::Trigger>>,
    /// Named events, facts and relations of the project file, compiled.
    pub story: std::sync::Arc<crate::story::Story>,
    /// Each rule of [`RULES`], in order: its severity when it runs. Worked out
    /// once: every document asks for every rule, and a hash lookup per rule
    /// and document cost 1% of a check of a news tree.
    active: Vec<Option<Severity>>,
    /// [`Settings::claims_wanted`], worked out once with `active`.
    wanted: crate::story::Wanted,
}

impl Settings {
    /// The defaults alone.
    #[must_use]
    pub fn defaults() -> Settings {
        // The embedded file is tested (`embedded_rules_load`).
        Self::load(None)
            .unwrap_or_else(|_| Self::with_rules(rustc_hash::FxHashMap::default()).with_active())
    }

    /// `rules` and nothing of a project file.
    fn with_rules(rules: rustc_hash::FxHashMap<String, RuleEntry>) -> Settings {
        Settings {
            rules,
            extensions: default_extensions(),
            exclude: Vec::new(),
            lexicon_files: Vec::new(),
            per_file_ignores: Vec::new(),
            triggers: std::sync::Arc::default(),
            story: std::sync::Arc::default(),
            active: Vec::new(),
            wanted: crate::story::Wanted::default(),
        }
    }

    /// Works out [`Settings::active`] from the rule entries.
    fn with_active(mut self) -> Settings {
        self.active = RULES
            .iter()
            .map(|r| self.enabled(r.id).then(|| self.severity(r.id)))
            .collect();
        self.wanted = crate::story::Wanted {
            story_events: self.enabled("event-date-conflict") || self.enabled("event-elapsed"),
            facts: self.enabled("fact-relation"),
            linked_events: self.enabled("event-date-conflict"),
            figures: self.enabled("figure-conflict"),
            story_links: true,
            topics: false,
        };
        self
    }

    /// Each rule of [`RULES`] that runs, with its severity, in order.
    pub fn active_rules(&self) -> impl Iterator<Item = (&'static super::RuleInfo, Severity)> + '_ {
        RULES
            .iter()
            .zip(&self.active)
            .filter_map(|(r, s)| s.map(|s| (r, s)))
    }

    /// The defaults, overridden by a project file `(name, text)`.
    pub fn load(project: Option<(&str, &str)>) -> Result<Settings, YamlError> {
        let base: RuleFile = config::parse("rules/default.yaml", DEFAULT_RULES)?;
        let mut s = Self::with_rules(base.rules.into_iter().collect());
        if let Some((name, text)) = project {
            let user: RuleFile = config::parse(name, text)?;
            for (id, entry) in user.rules {
                if !is_rule(&id) {
                    return Err(unknown_rule(name, text, text.find(&id).unwrap_or(0), &id));
                }
                check_templates(name, text, &id, &entry)?;
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
            for e in user.extend_extensions {
                let e = e.trim_start_matches('.').to_string();
                if !s.extensions.iter().any(|x| x.eq_ignore_ascii_case(&e)) {
                    s.extensions.push(e);
                }
            }
            for g in &user.exclude {
                // Checked here so a typo stops the run with the place, not during the walk.
                if let Err(e) = ignore::overrides::OverrideBuilder::new(".").add(&format!("!{g}")) {
                    return Err(YamlError::at_text(
                        name,
                        text,
                        g,
                        format!("`exclude` pattern `{g}` is not a glob: {}", glob_reason(&e)),
                    ));
                }
            }
            s.exclude = user.exclude;
            for (glob, rules) in user.per_file_ignores {
                s.per_file_ignores
                    .push(PerFileIgnore::compile(name, text, &glob, rules)?);
            }
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
                match regex::Regex::new(&crate::config::quotes::tolerant(&t.pattern)) {
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
        Ok(s.with_active())
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
        self.wanted
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

/// The rule that reports suppression comments that suppress nothing (or name
/// no rule): it is not in [`RULES`], but is configured like them.
pub const UNUSED_SUPPRESSION: &str = "unused-suppression";

/// `id` is a rule a configuration or a suppression comment may name.
#[must_use]
pub fn is_rule(id: &str) -> bool {
    id == UNUSED_SUPPRESSION || RULES.iter().any(|r| r.id == id)
}

/// Every rule id a configuration may name.
pub fn rule_ids() -> impl Iterator<Item = &'static str> {
    RULES
        .iter()
        .map(|r| r.id)
        .chain(std::iter::once(UNUSED_SUPPRESSION))
}

/// "unknown rule `X`" at byte `offset` of the file, with the nearest rule id.
fn unknown_rule(name: &str, text: &str, offset: usize, id: &str) -> YamlError {
    let known: Vec<&str> = rule_ids().collect();
    let list = known.join(", ");
    let help = match config::did_you_mean(id, known.iter().copied()) {
        Some(near) => format!("did you mean `{near}`? the rules are: {list}"),
        None => format!("the rules are: {list}"),
    };
    YamlError::at_offset(name, text, offset, format!("unknown rule `{id}`")).with_help(help)
}

/// The `{name}` placeholders of a template, in order.
fn placeholders(template: &str) -> impl Iterator<Item = &str> {
    template
        .split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
}

/// The variables a rule fills into its templates: those its page in
/// `docs/rules/` lists ("templates with `{a}`, `{b}`"), and those its
/// default templates use.
#[must_use]
pub fn template_variables(id: &str) -> Vec<String> {
    let mut vars: Vec<String> = Vec::new();
    if let Some(info) = RULES.iter().find(|r| r.id == id) {
        if let Some(at) = info.doc.find("templates with") {
            // To the end of the bullet: a blank line or the next "- ".
            let rest = &info.doc[at..];
            let end = rest
                .find("\n\n")
                .into_iter()
                .chain(rest.find("\n- "))
                .min()
                .unwrap_or(rest.len());
            for seg in rest[..end].split('`').skip(1).step_by(2) {
                if let Some(v) = seg.strip_prefix('{').and_then(|v| v.strip_suffix('}')) {
                    vars.push(v.to_string());
                }
            }
        }
    }
    if let Ok(base) = config::parse::<RuleFile>("rules/default.yaml", DEFAULT_RULES) {
        if let Some(e) = base.rules.get(id) {
            for t in [&e.message, &e.help].into_iter().flatten() {
                vars.extend(placeholders(t).map(str::to_string));
            }
        }
    }
    let mut seen = std::collections::HashSet::new();
    vars.retain(|v| seen.insert(v.clone()));
    vars
}

/// A template naming a variable its rule does not fill is an error: it
/// would be printed as written (`{weekdya}`) in every finding.
fn check_templates(name: &str, text: &str, id: &str, entry: &RuleEntry) -> Result<(), YamlError> {
    if id == UNUSED_SUPPRESSION {
        if entry.message.is_some() || entry.help.is_some() {
            return Err(YamlError::at_text(
                name,
                text,
                id,
                format!("`{id}` takes `enabled` and `severity` only: its words are fixed"),
            ));
        }
        return Ok(());
    }
    let vars = template_variables(id);
    for (key, template) in [("message", &entry.message), ("help", &entry.help)] {
        let Some(template) = template else { continue };
        for p in placeholders(template) {
            if vars.iter().any(|v| v == p) {
                continue;
            }
            let list: Vec<String> = vars.iter().map(|v| format!("{{{v}}}")).collect();
            let help = match config::did_you_mean(p, vars.iter().map(String::as_str)) {
                Some(near) => format!(
                    "did you mean `{{{near}}}`? the variables of {id} are: {}",
                    list.join(", ")
                ),
                None => format!("the variables of {id} are: {}", list.join(", ")),
            };
            // Point at the placeholder inside this rule's entry when it can be found.
            let from = text.find(&format!("{id}:")).unwrap_or(0);
            let needle = format!("{{{p}}}");
            let offset = text[from..]
                .find(&needle)
                .map_or_else(|| text.find(&needle).unwrap_or(0), |i| from + i);
            return Err(YamlError::at_offset(
                name,
                text,
                offset,
                format!("`{{{p}}}` in the {key} of {id} is not one of its variables"),
            )
            .with_help(help));
        }
    }
    Ok(())
}

/// The reason of a glob error, without the pattern it repeats.
fn glob_reason(e: &dyn std::fmt::Display) -> String {
    let s = e.to_string();
    s.rsplit(": ").next().unwrap_or(&s).to_string()
}

/// One `per-file-ignores` entry: the rules turned off where the glob matches.
#[derive(Debug, Clone)]
pub struct PerFileIgnore {
    /// The glob as written.
    pub glob: String,
    matcher: globset::GlobMatcher,
    /// The glob has no `/`: it is matched against the file name alone.
    name_only: bool,
    /// The rule ids it turns off.
    pub rules: Vec<String>,
}

impl PerFileIgnore {
    fn compile(
        name: &str,
        text: &str,
        glob: &str,
        rules: Vec<String>,
    ) -> Result<PerFileIgnore, YamlError> {
        let pattern = glob.trim_start_matches("./");
        let matcher = globset::GlobBuilder::new(pattern)
            .literal_separator(true)
            .build()
            .map_err(|e| {
                YamlError::at_text(
                    name,
                    text,
                    glob,
                    format!(
                        "`per-file-ignores` glob `{glob}` is not a glob: {}",
                        glob_reason(&e)
                    ),
                )
            })?
            .compile_matcher();
        for r in &rules {
            if !is_rule(r) {
                // The id in this glob's entry, when it can be found.
                let from = text.find(glob).unwrap_or(0);
                let at = text[from..].find(r.as_str()).map_or(0, |i| from + i);
                return Err(unknown_rule(name, text, at, r));
            }
        }
        Ok(PerFileIgnore {
            glob: glob.to_string(),
            name_only: !pattern.contains('/'),
            matcher,
            rules,
        })
    }

    /// The glob matches `path`, the file's path from the configuration's folder.
    #[must_use]
    pub fn matches(&self, path: &std::path::Path) -> bool {
        if self.name_only {
            path.file_name()
                .is_some_and(|n| self.matcher.is_match(std::path::Path::new(n)))
        } else {
            self.matcher.is_match(path)
        }
    }
}

impl Settings {
    /// The rules `per-file-ignores` turns off for `path` (from the configuration's folder).
    #[must_use]
    pub fn ignored_for(&self, path: &std::path::Path) -> Vec<&str> {
        self.per_file_ignores
            .iter()
            .filter(|p| p.matches(path))
            .flat_map(|p| p.rules.iter().map(String::as_str))
            .collect()
    }
}

/// The JSON Schema of `reckon.yaml`, from the config types, with the rule
/// ids spelled out so that an editor completes them and flags a typo.
#[must_use]
pub fn json_schema() -> serde_json::Value {
    let mut v = schemars::schema_for!(RuleFile).to_value();
    let ids: Vec<&str> = rule_ids().collect();
    v["title"] = "reckon.yaml".into();
    v["description"] =
        "A reckon project configuration: over the built-in rule set, by rule id.".into();
    let rules = &mut v["properties"]["rules"];
    let mut props = serde_json::Map::new();
    for id in &ids {
        let summary = RULES
            .iter()
            .find(|r| r.id == *id)
            .map_or(UNUSED_SUPPRESSION_SUMMARY, |r| r.summary);
        props.insert(
            (*id).to_string(),
            serde_json::json!({"$ref": "#/$defs/RuleEntry", "description": summary}),
        );
    }
    rules["properties"] = serde_json::Value::Object(props);
    rules["additionalProperties"] = false.into();
    v["properties"]["per-file-ignores"]["additionalProperties"]["items"] =
        serde_json::json!({"enum": ids});
    v
}

/// What `unused-suppression` reports, in the words of the other rules' summaries.
const UNUSED_SUPPRESSION_SUMMARY: &str =
    "A suppression comment that suppresses nothing, or names a rule that does not exist.";

/// The `reckon.yaml` that `reckon init` writes: every rule with its
/// defaults (enabled, severity, tolerances), its templates commented out,
/// and the other sections as commented examples. It loads to the defaults.
#[must_use]
pub fn starter_config() -> String {
    let mut out = String::from(
        "# reckon configuration, written by `reckon init`.\n\
         # Every rule is listed with its defaults: change what you need, delete the rest.\n\
         # `reckon explain RULE` says what a rule checks and which {variables} its\n\
         # message and help templates take. Editors can validate this file with\n\
         # docs/reckon.schema.json from reckon's repository (`reckon schema` prints it).\n\
         \n\
         # extensions: [md, markdown, txt]   # what folder walks pick up (replaces these defaults)\n\
         # extend-extensions: [rst]          # added to the defaults instead\n\
         # exclude: [\"drafts/old/**\"]        # gitignore-style globs to skip\n\
         # per-file-ignores:                 # rules turned off for the files a glob matches\n\
         #   \"archive/**\": [past-event-after-reference]\n\
         # lexicon: [words.yaml]             # lexicon files that extend the built-in one\n\
         \n\
         rules:\n",
    );
    let base: Option<RuleFile> = config::parse("rules/default.yaml", DEFAULT_RULES).ok();
    for id in rule_ids() {
        let summary = RULES
            .iter()
            .find(|r| r.id == id)
            .map_or(UNUSED_SUPPRESSION_SUMMARY, |r| r.summary);
        let e = base
            .as_ref()
            .and_then(|b| b.rules.get(id))
            .cloned()
            .unwrap_or_default();
        out.push_str(&format!("  # {summary}\n  {id}:\n"));
        out.push_str(&format!("    enabled: {}\n", e.enabled.unwrap_or(true)));
        out.push_str(&format!(
            "    severity: {}\n",
            e.severity.unwrap_or(Severity::Error).name()
        ));
        if let Some(d) = e.slack_days {
            out.push_str(&format!("    slack-days: {d}\n"));
        }
        if let Some(r) = e.relative_slack {
            out.push_str(&format!("    relative-slack: {r}\n"));
        }
        for (key, t) in [("message", &e.message), ("help", &e.help)] {
            if let Some(t) = t {
                // A JSON string is a YAML double-quoted scalar.
                let quoted = serde_json::to_string(t).unwrap_or_default();
                out.push_str(&format!("    # {key}: {quoted}\n"));
            }
        }
        out.push('\n');
    }
    out.pop();
    out
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

    #[test]
    fn every_default_placeholder_is_a_documented_variable() {
        let base: RuleFile = config::parse("rules/default.yaml", DEFAULT_RULES).unwrap();
        for r in RULES {
            let e = &base.rules[r.id];
            let documented = r.doc.find("templates with").map_or("", |at| &r.doc[at..]);
            for t in [&e.message, &e.help].into_iter().flatten() {
                for p in placeholders(t) {
                    assert!(
                        documented.contains(&format!("`{{{p}}}`")),
                        "{}: `{{{p}}}` is used by rules/default.yaml but not listed in docs/rules/{}.md",
                        r.id,
                        r.id
                    );
                }
            }
            assert!(!template_variables(r.id).is_empty(), "{}", r.id);
        }
        // Variables the page lists beyond the default templates count too.
        assert!(template_variables("event-elapsed").contains(&"source".to_string()));
    }

    #[test]
    fn a_placeholder_typo_names_the_rules_variables() {
        let yaml = "rules:\n  weekday-mismatch:\n    message: \"{weekday} on {dat}\"\n";
        let err = Settings::load(Some(("reckon.yaml", yaml))).unwrap_err();
        assert_eq!((err.line, err.column), (3, 28), "{err}");
        assert_eq!(
            err.message,
            "`{dat}` in the message of weekday-mismatch is not one of its variables"
        );
        let ok = "rules:\n  weekday-mismatch:\n    message: \"{weekday}: {date} is a {actual}\"\n";
        assert!(Settings::load(Some(("reckon.yaml", ok))).is_ok());
    }

    #[test]
    fn the_starter_config_loads_to_the_defaults() {
        let starter = starter_config();
        let s = Settings::load(Some(("reckon.yaml", &starter))).unwrap();
        let d = Settings::defaults();
        for id in rule_ids() {
            assert!(starter.contains(&format!("\n  {id}:\n")), "{id}");
            assert_eq!(s.enabled(id), d.enabled(id), "{id}");
            assert_eq!(s.severity(id), d.severity(id), "{id}");
            assert_eq!(s.message(id), d.message(id), "{id}");
            assert_eq!(s.help(id), d.help(id), "{id}");
            assert_eq!(
                s.slack_days(id).to_bits(),
                d.slack_days(id).to_bits(),
                "{id}"
            );
            assert_eq!(
                s.relative_slack(id).to_bits(),
                d.relative_slack(id).to_bits(),
                "{id}"
            );
        }
        assert_eq!(s.extensions, d.extensions);
    }

    #[test]
    fn extend_extensions_adds_and_extensions_replaces() {
        let s = Settings::load(Some(("r.yaml", "extend-extensions: [.rst, MD]\n"))).unwrap();
        assert_eq!(s.extensions, ["md", "markdown", "txt", "rst"]);
        let s = Settings::load(Some((
            "r.yaml",
            "extensions: [txt]\nextend-extensions: [rst]\n",
        )))
        .unwrap();
        assert_eq!(s.extensions, ["txt", "rst"]);
    }

    #[test]
    fn per_file_ignores_match_paths_from_the_config_or_file_names() {
        let s = Settings::load(Some((
            "r.yaml",
            "per-file-ignores:\n  \"archive/*.md\": [countdown]\n  \"*.txt\": [range-order, countdown]\n",
        )))
        .unwrap();
        let p = std::path::Path::new;
        assert_eq!(s.ignored_for(p("archive/a.md")), ["countdown"]);
        assert!(
            s.ignored_for(p("archive/2024/a.md")).is_empty(),
            "`*` stays in one folder"
        );
        assert!(s.ignored_for(p("news/archive/a.md")).is_empty());
        assert_eq!(
            s.ignored_for(p("deep/down/wire.txt")),
            ["range-order", "countdown"]
        );
        assert!(s.ignored_for(p("a.md")).is_empty());
    }

    #[test]
    fn a_bad_exclude_glob_is_an_error_at_it() {
        let err = Settings::load(Some(("r.yaml", "rules: {}\nexclude: [\"a/[b\"]\n"))).unwrap_err();
        assert_eq!(err.line, 2, "{err}");
        assert!(
            err.message
                .contains("`exclude` pattern `a/[b` is not a glob"),
            "{}",
            err.message
        );
    }

    #[test]
    fn the_schema_lists_every_rule_and_its_tolerances_ranges() {
        let v = json_schema();
        for id in rule_ids() {
            assert!(
                v["properties"]["rules"]["properties"][id].is_object(),
                "{id}"
            );
        }
        let entry = &v["$defs"]["RuleEntry"]["properties"];
        assert_eq!(entry["relative-slack"]["maximum"], 1.0);
        assert_eq!(entry["slack-days"]["maximum"], 3660.0);
        assert!(!v.to_string().contains("RelationKind"));
    }
}
