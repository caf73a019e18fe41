//! `reckon extract` (default): a readable table, one mention a line.

use std::io::{self, Write};

use super::DocResult;
use crate::resolve::Value;
use crate::source::LineIndex;

/// A short human reading of a value.
#[must_use]
pub fn describe(v: &Value) -> String {
    match v {
        Value::Date { start, end } if start == end => format!("{} {}", start.format("%a"), start),
        Value::Date { start, end } => format!("{start} … {end}"),
        Value::PartialDate { pattern } => pattern.clone(),
        Value::Time { date, at, zone } => {
            let d = date.map_or_else(|| "?".to_string(), |d| d.to_string());
            match zone {
                Some(z) => format!("{d} {at} {z}"),
                None => format!("{d} {at}"),
            }
        }
        Value::Vague { reference } => reference.clone(),
        Value::Duration { unit, amount } => format!("{amount} {}s", unit.name()),
        Value::Set {
            every,
            unit,
            weekday,
        } => match weekday {
            Some(w) => format!("every weekday {w}"),
            None => format!("every {every} {}", unit.name()),
        },
        Value::Number { interval, .. } => interval.to_string(),
        Value::Ordinal { n } => format!("#{n}"),
        Value::Quantity(q) => match &q.currency {
            Some(c) => format!("{} {c}", q.interval),
            None => format!("{} {}", q.interval, q.unit),
        },
        Value::Relation {
            relation, implies, ..
        } => match implies {
            Some((a, b)) if a == b => format!("{relation:?} → {a}").to_lowercase(),
            Some((a, b)) => format!("{relation:?} → {a} … {b}").to_lowercase(),
            None => format!("{relation:?}").to_lowercase(),
        },
        Value::Unresolved => "unresolved".into(),
    }
}

/// Writes the table for `results`.
pub fn write(out: &mut dyn Write, results: &[DocResult<'_>]) -> io::Result<()> {
    for r in results {
        let reference = r
            .reference
            .date
            .map_or_else(|| "undated".to_string(), |d| d.to_string());
        writeln!(
            out,
            "{}  (reference date {reference}, from {})",
            r.doc.name,
            r.reference.source.name()
        )?;
        let index = LineIndex::new(&r.doc.text);
        for m in &r.mentions {
            let (line, col) = index.line_col(&r.doc.text, m.mention.span.start);
            let text = r
                .doc
                .text
                .get(m.mention.span.clone())
                .unwrap_or("")
                .replace('\n', " ");
            let timex = m
                .timex
                .as_ref()
                .map_or(String::new(), |t| format!("  [{} {}]", t.kind, t.value));
            writeln!(
                out,
                "  {line:>4}:{col:<3} {:<9} {text:<32} {}{timex}",
                m.mention.kind.name(),
                describe(&m.value)
            )?;
        }
        writeln!(out)?;
    }
    Ok(())
}
