//! `reckon timeline` (default): a readable table, one entry a block.
//!
//! ```text
//! Sun 2025-01-05           The Ukrainian army began a counteroffensive
//!                          figures: 44 clashes · 35
//!                          a.md:7:70  "January 5"  (year from the set)
//!                          b.md:22:15  "Jan. 5"
//!                          ✗ weekday-mismatch: …
//! ```

use std::io::{self, Write};

use super::Timeline;

const WHEN: usize = 24;

/// Writes the table of `t`.
pub fn write(out: &mut dyn Write, t: &Timeline) -> io::Result<()> {
    let pad = " ".repeat(WHEN + 1);
    for e in &t.entries {
        let mark = if e.conflict() { "✗ " } else { "" };
        match &e.event {
            Some(_) => writeln!(out, "{:<WHEN$} {mark}{}  [event]", e.when(), e.label)?,
            None => writeln!(out, "{:<WHEN$} {mark}{}", e.when(), e.label)?,
        }
        if !e.figures.is_empty() {
            let figs: Vec<&str> = e.figures.iter().map(|f| f.text.as_str()).collect();
            writeln!(out, "{pad}figures: {}", figs.join(" · "))?;
        }
        for s in &e.sources {
            let note = if s.year_from_set {
                "  (year from the set)"
            } else {
                ""
            };
            writeln!(
                out,
                "{pad}{}:{}:{}  \"{}\"{note}",
                s.file, s.line, s.column, s.text
            )?;
        }
        for c in &e.conflicts {
            writeln!(out, "{pad}✗ {}: {}", c.rule, c.message)?;
        }
    }
    let sources: usize = t.entries.iter().map(|e| e.sources.len()).sum();
    let conflicts = t.entries.iter().filter(|e| e.conflict()).count();
    writeln!(
        out,
        "{} entr{} from {sources} source{}; {conflicts} conflict{}",
        t.entries.len(),
        if t.entries.len() == 1 { "y" } else { "ies" },
        if sources == 1 { "" } else { "s" },
        if conflicts == 1 { "" } else { "s" },
    )
}
