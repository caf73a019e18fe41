//! `reckon check --format junit`: JUnit XML, which most CI systems (GitLab,
//! Jenkins, Azure, CircleCI) show as a test report. Each checked file is a
//! test case; each finding of error or warning severity is a failure of it.

use std::fmt::Write as _;

use crate::check::{Finding, Severity};
use crate::source::{Document, LineIndex};

/// The JUnit report for `findings` over `docs`.
#[must_use]
pub fn render(findings: &[Finding], docs: &[&Document]) -> String {
    let fails = |f: &Finding| f.severity >= Severity::Warning;
    let failed_files = (0..docs.len())
        .filter(|&d| findings.iter().any(|f| fails(f) && f.primary.doc == d))
        .count();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<testsuites name=\"reckon\" tests=\"{}\" failures=\"{failed_files}\" errors=\"0\">",
        docs.len()
    );
    let _ = writeln!(
        out,
        "  <testsuite name=\"reckon check\" tests=\"{}\" failures=\"{failed_files}\" errors=\"0\" skipped=\"0\">",
        docs.len()
    );
    for (d, doc) in docs.iter().enumerate() {
        let failing: Vec<&Finding> = findings
            .iter()
            .filter(|f| f.primary.doc == d && fails(f))
            .collect();
        let _ = write!(
            out,
            "    <testcase classname=\"reckon\" name=\"{}\" file=\"{}\"",
            xml(&doc.name),
            xml(&doc.name)
        );
        if failing.is_empty() {
            out.push_str("/>\n");
            continue;
        }
        out.push_str(">\n");
        let ix = LineIndex::new(&doc.text);
        let mut body = String::new();
        for f in &failing {
            let (line, col) = ix.line_col(&doc.text, f.primary.span.start);
            let _ = writeln!(
                body,
                "{}:{line}:{col}: {}[{}] {}",
                doc.name,
                f.severity.name(),
                f.rule,
                f.message
            );
            if let Some(h) = &f.help {
                let _ = writeln!(body, "  help: {h}");
            }
        }
        let _ = writeln!(
            out,
            "      <failure type=\"{}\" message=\"{} finding(s)\">{}</failure>",
            xml(failing[0].rule),
            failing.len(),
            xml(&body)
        );
        out.push_str("    </testcase>\n");
    }
    out.push_str("  </testsuite>\n</testsuites>\n");
    out
}

/// Escapes text for an XML attribute or element, dropping characters XML 1.0
/// cannot hold.
fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_xml() {
        assert_eq!(xml("a<b & \"c\"\u{1}"), "a&lt;b &amp; &quot;c&quot;");
    }
}
