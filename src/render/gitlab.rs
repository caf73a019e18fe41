//! `reckon check --format gitlab`: GitLab's Code Quality report (a JSON
//! array), which merge requests show as a widget and as line annotations.
//!
//! Each issue has a `fingerprint` GitLab uses to tell new findings from old:
//! it is made of the rule, the file, and the text of the spans, not their
//! line numbers, so an edit above a finding does not make it "new".

use serde_json::{json, Value};

use crate::check::{Finding, Severity};
use crate::source::{Document, LineIndex};

/// The Code Quality report for `findings` over `docs`.
#[must_use]
pub fn render(findings: &[Finding], docs: &[&Document]) -> String {
    let mut indexes: Vec<Option<LineIndex>> = vec![None; docs.len()];
    let mut seen: Vec<String> = Vec::new();
    let issues: Vec<Value> = findings
        .iter()
        .map(|f| {
            let p = &f.primary;
            let d = docs[p.doc];
            let ix = indexes[p.doc].get_or_insert_with(|| LineIndex::new(&d.text));
            let (begin, _) = ix.line_col(&d.text, p.span.start);
            let (end, _) = ix.line_col(&d.text, p.span.end);
            let mut key = format!("{}\u{0}{}", f.rule, d.name);
            key.push('\u{0}');
            key.push_str(d.text.get(p.span.clone()).unwrap_or(""));
            for l in &f.secondary {
                key.push('\u{0}');
                key.push_str(docs[l.doc].text.get(l.span.clone()).unwrap_or(""));
            }
            // The same text flagged twice in one file: number the repeats.
            let mut fingerprint = fnv_hex(&key);
            let repeats = seen.iter().filter(|s| **s == fingerprint).count();
            seen.push(fingerprint.clone());
            if repeats > 0 {
                fingerprint = fnv_hex(&format!("{key}\u{0}{repeats}"));
            }
            let mut description = f.message.clone();
            if let Some(h) = &f.help {
                description.push_str(" (");
                description.push_str(h);
                description.push(')');
            }
            json!({
                "description": description,
                "check_name": f.rule,
                "fingerprint": fingerprint,
                "severity": match f.severity {
                    Severity::Error => "major",
                    Severity::Warning => "minor",
                    Severity::Info => "info",
                },
                "location": {"path": d.name, "lines": {"begin": begin, "end": end}},
            })
        })
        .collect();
    let mut out = serde_json::to_string_pretty(&issues).unwrap_or_default();
    out.push('\n');
    out
}

/// Two 64-bit FNV-1a hashes (of the text and of it reversed) in hex: a
/// stable 32-digit fingerprint without a hashing dependency.
fn fnv_hex(s: &str) -> String {
    let fnv = |bytes: &mut dyn Iterator<Item = u8>| {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        h
    };
    let a = fnv(&mut s.bytes());
    let b = fnv(&mut s.bytes().rev());
    format!("{a:016x}{b:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_are_stable_and_distinct() {
        assert_eq!(fnv_hex("a"), fnv_hex("a"));
        assert_ne!(fnv_hex("ab"), fnv_hex("ba"));
        assert_eq!(fnv_hex("").len(), 32);
    }
}
