//! `reckon check --statistics`: how many findings each rule made, the
//! fixable ones marked `[*]`, most frequent first (as ruff prints them).

use crate::check::{Finding, RULES};

/// One line per rule that found something: count, rule id, `[*]` when every
/// one of its findings carries a fix (`[-]` when some do), summary.
#[must_use]
pub fn render(findings: &[Finding]) -> String {
    let mut counts: Vec<(&str, usize, usize)> = Vec::new();
    for f in findings {
        match counts.iter_mut().find(|c| c.0 == f.rule) {
            Some(c) => {
                c.1 += 1;
                c.2 += usize::from(f.fix.is_some());
            }
            None => counts.push((f.rule, 1, usize::from(f.fix.is_some()))),
        }
    }
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let width = counts
        .iter()
        .map(|c| c.1.to_string().len())
        .max()
        .unwrap_or(1);
    let id_width = counts.iter().map(|c| c.0.len()).max().unwrap_or(0);
    let mut out = String::new();
    for (rule, n, fixable) in &counts {
        let mark = match *fixable {
            0 => "   ",
            k if k == *n => "[*]",
            _ => "[-]",
        };
        let summary = RULES
            .iter()
            .find(|r| r.id == *rule)
            .map_or("", |r| r.summary);
        out.push_str(&format!(
            "{n:>width$}\t{rule:<id_width$}\t{mark} {summary}\n"
        ));
    }
    let total: usize = counts.iter().map(|c| c.1).sum();
    let fixable: usize = counts.iter().map(|c| c.2).sum();
    out.push_str(&format!(
        "Found {total} finding{} ({fixable} with a fix: `--fix` applies the safe ones, `--unsafe-fixes` the rest).\n",
        if total == 1 { "" } else { "s" }
    ));
    out
}
