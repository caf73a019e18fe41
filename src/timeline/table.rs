//! `reckon timeline` (default): a readable table, one entry a block.
//!
//! ```text
//! Sun 2025-01-05           The Ukrainian army began a counteroffensive
//!                          figures: 44 clashes · 35
//!                          a.md:7:70  "January 5"  (year from the set)
//!                          b.md:22:15  "Jan. 5"
//!                          ✗ weekday-mismatch: …
//! 2025-04-08 … 2025-04-22  Dockworkers at the port of Halden will strike
//!                          a.txt:1:84  "April 8 to April 22"
//! Recurring (not dated):
//! every Tuesday            Branch meetings are held at 7pm in the union hall
//!                          b.md:10:24  "every Tuesday"
//! ```
//!
//! A range is one block; a recurring schedule is listed after the entries,
//! never as dated ones.

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
            let note = match (s.year_from_set, s.deadline) {
                (true, true) => "  (year from the set) (deadline)",
                (true, false) => "  (year from the set)",
                (false, true) => "  (deadline)",
                (false, false) => "",
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
    if !t.recurring.is_empty() {
        writeln!(out, "Recurring (not dated):")?;
        for r in &t.recurring {
            writeln!(out, "{:<WHEN$} {}", cut_when(&r.when), r.label)?;
            for s in &r.sources {
                writeln!(
                    out,
                    "{pad}{}:{}:{}  \"{}\"",
                    s.file, s.line, s.column, s.text
                )?;
            }
        }
    }
    let sources: usize = t.entries.iter().map(|e| e.sources.len()).sum();
    let conflicts = t.entries.iter().filter(|e| e.conflict()).count();
    write!(
        out,
        "{} entr{} from {sources} source{}; {conflicts} conflict{}",
        t.entries.len(),
        if t.entries.len() == 1 { "y" } else { "ies" },
        if sources == 1 { "" } else { "s" },
        if conflicts == 1 { "" } else { "s" },
    )?;
    match t.recurring.len() {
        0 => writeln!(out),
        n => writeln!(out, "; {n} recurring"),
    }
}

/// A schedule in the date column, cut to fit it.
fn cut_when(when: &str) -> String {
    super::label::cut(when, WHEN - 1)
}
