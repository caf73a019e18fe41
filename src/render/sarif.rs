//! `reckon check --format sarif`: SARIF 2.1.0, the format code-scanning
//! services (GitHub, Azure DevOps, GitLab) read.
//!
//! One run with the tool's rules (id, summary, the `reckon explain` page as
//! help, default level), and one result per finding: its primary location,
//! related locations, and a fix when the finding carries one. URIs are
//! relative to the working folder (`uriBaseId: SRCROOT`) when the file lies
//! under it; columns count Unicode code points, as reckon's do.

use std::path::Path;

use serde_json::{json, Value};

use crate::check::{Applicability, Finding, Label, Severity, RULES};
use crate::source::{Document, LineIndex};

/// The SARIF log for `findings` over `docs`, with URIs relative to `cwd`.
#[must_use]
pub fn render(findings: &[Finding], docs: &[&Document], cwd: &Path) -> String {
    let indexes: Vec<LineIndex> = docs.iter().map(|d| LineIndex::new(&d.text)).collect();
    let region = |l: &Label| {
        let text = &docs[l.doc].text;
        let (start_line, start_column) = indexes[l.doc].line_col(text, l.span.start);
        let (end_line, end_column) = indexes[l.doc].line_col(text, l.span.end);
        json!({
            "startLine": start_line,
            "startColumn": start_column,
            "endLine": end_line,
            "endColumn": end_column,
            "snippet": {"text": text.get(l.span.clone()).unwrap_or("")},
        })
    };
    let location = |l: &Label| {
        json!({
            "physicalLocation": {
                "artifactLocation": artifact(&docs[l.doc].name, cwd),
                "region": region(l),
            }
        })
    };
    let rules: Vec<Value> = RULES
        .iter()
        .map(|r| {
            let mut rule = json!({
                "id": r.id,
                "shortDescription": {"text": r.summary},
                "fullDescription": {"text": r.summary},
                "help": {"text": r.doc, "markdown": r.doc},
                "defaultConfiguration": {"level": level(default_severity(r.id))},
            });
            // A name must differ from the id ("Countdown" and "countdown" do not).
            let name = camel(r.id);
            if !name.eq_ignore_ascii_case(r.id) {
                rule["name"] = json!(name);
            }
            rule
        })
        .collect();
    let results: Vec<Value> = findings
        .iter()
        .map(|f| {
            let mut message = f.message.clone();
            if let Some(h) = &f.help {
                message.push_str("\nhelp: ");
                message.push_str(h);
            }
            let mut result = json!({
                "ruleId": f.rule,
                "ruleIndex": RULES.iter().position(|r| r.id == f.rule).unwrap_or(0),
                "level": level(f.severity),
                "message": {"text": message},
                "locations": [location(&f.primary)],
            });
            if !f.secondary.is_empty() {
                result["relatedLocations"] = f
                    .secondary
                    .iter()
                    .enumerate()
                    .map(|(k, l)| {
                        let mut loc = location(l);
                        loc["id"] = json!(k + 1);
                        loc["message"] = json!({"text": l.message});
                        loc
                    })
                    .collect();
            }
            if let Some(x) = &f.fix {
                let label = Label {
                    doc: x.doc,
                    span: x.span.clone(),
                    message: String::new(),
                };
                let mut deleted = region(&label);
                if let Some(o) = deleted.as_object_mut() {
                    o.remove("snippet");
                }
                let safety = match x.applicability {
                    Applicability::Safe => "safe",
                    Applicability::Unsafe => "unsafe",
                };
                result["fixes"] = json!([{
                    "description": {"text": format!("replace with \"{}\" ({safety} fix)", x.replacement)},
                    "artifactChanges": [{
                        "artifactLocation": artifact(&docs[x.doc].name, cwd),
                        "replacements": [{
                            "deletedRegion": deleted,
                            "insertedContent": {"text": x.replacement},
                        }],
                    }],
                }]);
            }
            result
        })
        .collect();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "reckon",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "originalUriBaseIds": {"SRCROOT": {"uri": dir_uri(cwd)}},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    let mut out = serde_json::to_string_pretty(&log).unwrap_or_default();
    out.push('\n');
    out
}

/// The severity a rule has in the embedded defaults.
fn default_severity(id: &str) -> Severity {
    crate::check::Settings::defaults().severity(id)
}

/// SARIF's name for a severity.
fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// "weekday-mismatch" → "WeekdayMismatch": SARIF's rule names are identifiers.
fn camel(id: &str) -> String {
    id.split('-')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect::<String>())
                .unwrap_or_default()
        })
        .collect()
}

/// The artifact location of a document: relative to the working folder when
/// under it, otherwise an absolute `file:` URI. Standard input has no file.
fn artifact(name: &str, cwd: &Path) -> Value {
    let path = Path::new(name);
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        cwd.join(path)
    };
    match absolute.strip_prefix(cwd) {
        Ok(rel) => json!({"uri": encode(&rel.to_string_lossy()), "uriBaseId": "SRCROOT"}),
        Err(_) => json!({"uri": format!("file://{}", encode(&absolute.to_string_lossy()))}),
    }
}

/// `file:///work/project/`: the working folder as a base URI (ends in a slash).
fn dir_uri(cwd: &Path) -> String {
    let mut s = format!("file://{}", encode(&cwd.to_string_lossy()));
    if !s.ends_with('/') {
        s.push('/');
    }
    s
}

/// Percent-encodes what a URI path may not hold (RFC 3986), keeping `/`.
fn encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.replace('\\', "/").bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_relative_and_encoded() {
        let cwd = Path::new("/work/news");
        assert_eq!(
            artifact("drafts/a b.md", cwd),
            json!({"uri": "drafts/a%20b.md", "uriBaseId": "SRCROOT"})
        );
        assert_eq!(
            artifact("/work/news/x.md", cwd),
            json!({"uri": "x.md", "uriBaseId": "SRCROOT"})
        );
        assert_eq!(
            artifact("/tmp/é.md", cwd),
            json!({"uri": "file:///tmp/%C3%A9.md"})
        );
        assert_eq!(dir_uri(cwd), "file:///work/news/");
        assert_eq!(camel("weekday-mismatch"), "WeekdayMismatch");
    }
}
