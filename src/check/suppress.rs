//! Inline suppression comments.
//!
//! ```text
//! <!-- reckon-disable-next-line weekday-mismatch -->   the next line
//! Monday, Jan. 7 <!-- reckon-disable-line weekday-mismatch -->   its own line
//! <!-- reckon-disable countdown -->  …  <!-- reckon-enable countdown -->   a region
//! ```
//! The rule list is optional (all rules) and may name several rules,
//! separated by spaces or commas. A suppression that suppresses nothing is
//! itself reported (`unused-suppression`, a warning), so stale ones do not pile
//! up; so is a rule it names that does not exist, which would suppress nothing
//! forever. `unused-suppression` is configured like any rule (`enabled`, `severity`).

use std::ops::Range;

use super::{CheckContext, Finding, Label, Severity};

/// A parsed suppression comment.
#[derive(Debug, Clone)]
struct Suppression {
    doc: usize,
    /// The comment itself.
    comment: Range<usize>,
    /// Bytes it covers.
    covers: Range<usize>,
    /// Rule ids; empty = all.
    rules: Vec<String>,
}

fn parse(doc: usize, text: &str) -> Vec<Suppression> {
    let mut out = Vec::new();
    let mut open: Vec<(usize, Range<usize>, Vec<String>)> = Vec::new();
    let mut at = 0;
    // memmem: SIMD search; `str::find` cost a few instructions a byte on every document.
    while let Some(k) = memchr::memmem::find(&text.as_bytes()[at..], b"<!--") {
        let start = at + k;
        let Some(e) = memchr::memmem::find(&text.as_bytes()[start..], b"-->") else {
            break;
        };
        let end = start + e + 3;
        let body = text[start + 4..end - 3].trim();
        at = end;
        let mut words = body
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|w| !w.is_empty());
        let Some(directive) = words.next() else {
            continue;
        };
        let rules: Vec<String> = words.map(str::to_string).collect();
        match directive {
            "reckon-disable-next-line" => {
                // From the end of the comment's line to the end of the next non-blank line.
                let line_end = text[end..].find('\n').map_or(text.len(), |n| end + n);
                let mut next_start = (line_end + 1).min(text.len());
                while text[next_start..].starts_with('\n') {
                    next_start += 1;
                }
                let next_end = text[next_start..]
                    .find('\n')
                    .map_or(text.len(), |n| next_start + n);
                out.push(Suppression {
                    doc,
                    comment: start..end,
                    covers: end..next_end,
                    rules,
                });
            }
            "reckon-disable-line" => {
                // The line the comment is on, from its start to its end.
                let line_start = text[..start].rfind('\n').map_or(0, |n| n + 1);
                let line_end = text[end..].find('\n').map_or(text.len(), |n| end + n);
                out.push(Suppression {
                    doc,
                    comment: start..end,
                    covers: line_start..line_end,
                    rules,
                });
            }
            "reckon-disable" => open.push((end, start..end, rules)),
            "reckon-enable" => {
                // Close the latest region with the same rules (or any, for a bare enable).
                if let Some(pos) = open
                    .iter()
                    .rposition(|(_, _, r)| rules.is_empty() || *r == rules)
                {
                    let (from, comment, r) = open.remove(pos);
                    out.push(Suppression {
                        doc,
                        comment,
                        covers: from..start,
                        rules: r,
                    });
                }
            }
            _ => {}
        }
    }
    for (from, comment, rules) in open {
        out.push(Suppression {
            doc,
            comment,
            covers: from..text.len(),
            rules,
        });
    }
    out
}

/// A comment in `text` suppresses `rule` at byte `at` (for findings across
/// documents, judged once the set has been checked).
#[must_use]
pub fn suppressed(text: &str, rule: &str, at: usize) -> bool {
    parse(0, text).iter().any(|s| {
        s.covers.start <= at
            && at < s.covers.end.max(s.covers.start + 1)
            && (s.rules.is_empty() || s.rules.iter().any(|r| r == rule))
    })
}

/// Drops suppressed findings and reports suppressions that caught nothing.
pub(super) fn apply(cx: &CheckContext<'_>, findings: Vec<Finding>) -> Vec<Finding> {
    let sups: Vec<Suppression> = cx
        .docs
        .iter()
        .enumerate()
        .flat_map(|(i, d)| parse(i, &d.doc.text))
        .collect();
    if sups.is_empty() {
        return findings;
    }
    let mut used = vec![false; sups.len()];
    let mut out: Vec<Finding> = findings
        .into_iter()
        .filter(|f| {
            let hit = sups.iter().position(|s| {
                s.doc == f.primary.doc
                    && s.covers.start <= f.primary.span.start
                    && f.primary.span.start < s.covers.end.max(s.covers.start + 1)
                    && (s.rules.is_empty() || s.rules.iter().any(|r| r == f.rule))
            });
            if let Some(k) = hit {
                used[k] = true;
            }
            hit.is_none()
        })
        .collect();
    let id = super::settings::UNUSED_SUPPRESSION;
    if !cx.settings.enabled(id) {
        return out;
    }
    let severity = cx.settings.severity(id);
    let set_rules: Vec<&str> = super::set_rule_ids().collect();
    for (s, used) in sups.iter().zip(used) {
        let unknown: Vec<&str> = s
            .rules
            .iter()
            .map(String::as_str)
            .filter(|r| !super::settings::is_rule(r))
            .collect();
        if !unknown.is_empty() {
            out.push(unknown_rules(s, &unknown, severity));
            continue;
        }
        // A suppression of rules across documents is judged after the set is checked.
        let across = s.rules.iter().any(|r| set_rules.contains(&r.as_str()));
        if !used && !across {
            out.push(Finding {
                rule: id,
                severity,
                message: if s.rules.is_empty() {
                    "this suppression comment suppresses nothing".to_string()
                } else {
                    format!(
                        "this suppression of {} suppresses nothing",
                        s.rules.join(", ")
                    )
                },
                primary: Label {
                    doc: s.doc,
                    span: s.comment.clone(),
                    message: "unused".into(),
                },
                secondary: Vec::new(),
                help: Some("remove it, or move it next to the line it is meant for".into()),
                fix: None,
            });
        }
    }
    out
}

/// A suppression naming rules that do not exist: it can never suppress them.
fn unknown_rules(s: &Suppression, unknown: &[&str], severity: Severity) -> Finding {
    let quoted: Vec<String> = unknown.iter().map(|r| format!("`{r}`")).collect();
    let near: Vec<String> = unknown
        .iter()
        .filter_map(|r| {
            crate::config::did_you_mean(r, super::settings::rule_ids()).map(|n| format!("`{n}`"))
        })
        .collect();
    let help = if near.is_empty() {
        "`reckon rules` lists the rules".to_string()
    } else {
        format!("did you mean {}?", near.join(", "))
    };
    Finding {
        rule: super::settings::UNUSED_SUPPRESSION,
        severity,
        message: format!(
            "unknown rule{} {} in this suppression comment",
            if unknown.len() == 1 { "" } else { "s" },
            quoted.join(", ")
        ),
        primary: Label {
            doc: s.doc,
            span: s.comment.clone(),
            message: "unknown rule".into(),
        },
        secondary: Vec::new(),
        help: Some(help),
        fix: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_line_covers_only_the_next_line() {
        let t = "a\n<!-- reckon-disable-next-line weekday-mismatch -->\nMonday, Jan. 7\nlater\n";
        let s = parse(0, t);
        assert_eq!(s.len(), 1);
        assert_eq!(&t[s[0].covers.clone()].trim(), &"Monday, Jan. 7");
        assert_eq!(s[0].rules, ["weekday-mismatch"]);
    }

    #[test]
    fn regions_close_at_enable_or_run_to_the_end() {
        let t = "<!-- reckon-disable -->x<!-- reckon-enable -->y<!-- reckon-disable countdown -->z";
        let s = parse(0, t);
        assert_eq!(s.len(), 2);
        assert_eq!(&t[s[0].covers.clone()], "x");
        assert_eq!(&t[s[1].covers.clone()], "z");
        assert_eq!(s[1].rules, ["countdown"]);
    }

    #[test]
    fn same_line_covers_the_line_it_is_on() {
        let t = "a\nMonday, Jan. 7 <!-- reckon-disable-line weekday-mismatch -->\nlater\n";
        let s = parse(0, t);
        assert_eq!(s.len(), 1);
        assert_eq!(
            &t[s[0].covers.clone()],
            "Monday, Jan. 7 <!-- reckon-disable-line weekday-mismatch -->"
        );
        assert!(suppressed(t, "weekday-mismatch", 2));
        assert!(!suppressed(t, "weekday-mismatch", t.find("later").unwrap()));
    }
}
