//! `reckon check --format github`: GitHub Actions workflow commands, which
//! GitHub shows as annotations on the pull request's lines.
//!
//! `::error file=F,line=L,col=C,endLine=L2,endColumn=C2,title=T::MESSAGE`.
//! GitHub requires `%`, `\r` and `\n` escaped in the message, and also `:`
//! and `,` in property values; unescaped, a message with a newline loses its
//! second line and a path with a comma breaks the command.

use crate::check::{Finding, Severity};
use crate::source::{Document, LineIndex};

/// One workflow command per finding.
#[must_use]
pub fn render(findings: &[Finding], docs: &[&Document]) -> String {
    let mut indexes: Vec<Option<LineIndex>> = vec![None; docs.len()];
    let mut out = String::new();
    for f in findings {
        let p = &f.primary;
        let d = docs[p.doc];
        let mut pos = |doc: usize, at: usize| {
            let text = &docs[doc].text;
            indexes[doc]
                .get_or_insert_with(|| LineIndex::new(text))
                .line_col(text, at)
        };
        let (line, col) = pos(p.doc, p.span.start);
        let (end_line, end_col) = pos(p.doc, p.span.end);
        let command = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let mut message = f.message.clone();
        if let Some(h) = &f.help {
            message.push_str("\nhelp: ");
            message.push_str(h);
        }
        for l in &f.secondary {
            let (ll, lc) = pos(l.doc, l.span.start);
            message.push_str(&format!("\n{}:{ll}:{lc}: {}", docs[l.doc].name, l.message));
        }
        // A title shows above the message; the file and line are in the command.
        let title = format!("reckon({})", f.rule);
        let mut props = format!(
            "file={},line={line},col={col},endLine={end_line}",
            property(&d.name)
        );
        // GitHub ignores a column range across lines.
        if end_line == line {
            props.push_str(&format!(",endColumn={end_col}"));
        }
        out.push_str(&format!(
            "::{command} {props},title={}::{}\n",
            property(&title),
            data(&message)
        ));
    }
    out
}

/// Escapes a command's message.
fn data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value.
fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_github_requires() {
        assert_eq!(data("50% off\r\nnext"), "50%25 off%0D%0Anext");
        assert_eq!(property("a,b:c%.md"), "a%2Cb%3Ac%25.md");
    }
}
