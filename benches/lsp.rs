//! Change-to-diagnostics time of `reckon lsp` on a 50-page draft.
//!
//! `cargo bench --bench lsp` starts the release binary cargo just built as a
//! language server, opens a generated draft of 50 pages (about 3,000
//! characters each: template sentences of our own about a city's budget
//! year, with dates, weekdays, durations and figures, some of them wrong),
//! then types into it: 60 edits, each an incremental change as an editor
//! sends it, each waited for. It prints the time from sending each change to
//! receiving the `publishDiagnostics` of that version, debounce included:
//! median, 90th percentile and worst. `RECKON_LSP_PAGES` and
//! `RECKON_LSP_EDITS` change the sizes. Run without `--bench` (`cargo test
//! --benches`) it does nothing.

#[path = "../tests/support/lsp_client.rs"]
mod lsp_client;
#[path = "support/rng.rs"]
mod rng;

use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use chrono::{Month, NaiveDate};
use lsp_client::{uri, Client};
use rng::Rng;
use serde_json::json;

/// One paragraph of the draft.
fn paragraph(rng: &mut Rng) -> String {
    let month = |k: u64| Month::try_from(1 + k as u8).map_or("May", |m| m.name());
    let m = month(rng.next(12));
    let d = 1 + rng.next(28);
    // A weekday drawn on its own: mostly not the date's.
    let w = NaiveDate::from_ymd_opt(2025, 1, 6 + rng.next(7) as u32)
        .map_or_else(String::new, |d| d.format("%A").to_string());
    let n = 20 + rng.next(900);
    let part = n / 3;
    let weeks = 2 + rng.next(10);
    let km = 5 + rng.next(90);
    format!(
        "The council met on {w}, {m} {d}, 2025, to weigh the depot plan. Of the {n} residents \
         who wrote in, {part} backed it and {} opposed it; the rest gave no view. Work would \
         take {weeks} weeks from the vote, and the new bus loop runs {km} kilometers \
         ({:.0} miles). Officials said the plan had been delayed for about {} months since the \
         first hearing in {} 2024, when the cost was put at ${}.{} million.\n\n",
        n - part - rng.next(part.max(1)),
        km as f64 * 0.621,
        1 + rng.next(11),
        month(rng.next(12)),
        2 + rng.next(40),
        rng.next(10),
    )
}

fn draft(pages: usize) -> String {
    let mut rng = Rng(2025);
    let mut text = String::from("# The depot year\n\n");
    while text.len() < pages * 3000 {
        text.push_str(&paragraph(&mut rng));
    }
    text
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() -> ExitCode {
    if !std::env::args().any(|a| a == "--bench") {
        println!("benches/lsp.rs: not run as a benchmark (use `cargo bench --bench lsp`)");
        return ExitCode::SUCCESS;
    }
    let size = |var: &str, default: usize| {
        std::env::var(var)
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    };
    let (pages, edits) = (size("RECKON_LSP_PAGES", 50), size("RECKON_LSP_EDITS", 60));
    let dir = std::env::temp_dir().join(format!("reckon-bench-lsp-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    if std::fs::create_dir_all(&dir).is_err() {
        eprintln!("cannot make {}", dir.display());
        return ExitCode::FAILURE;
    }
    let text = draft(pages);
    let u = uri(&dir.join("draft.md"));
    let mut c = Client::start(Path::new(env!("CARGO_BIN_EXE_reckon")), &dir);
    let t = Instant::now();
    c.open(&u, "markdown", &text);
    let first = c.diagnostics(&u, 1);
    println!(
        "draft: {pages} pages, {} bytes, {} lines; open to diagnostics: {:.1} ms, {} diagnostics",
        text.len(),
        text.lines().count(),
        ms(t.elapsed()),
        first.len()
    );
    // Type: insert a word somewhere, then take it out again, as an editor
    // sends it (incremental changes at UTF-16 positions).
    let lines = text.lines().count() as u64;
    let mut rng = Rng(7);
    let mut times = Vec::with_capacity(edits);
    let mut pending_delete: Option<(u64, u64)> = None;
    for k in 0..edits {
        let version = 2 + k as i64;
        let change = match pending_delete.take() {
            Some((line, col)) => json!({"range": {"start": {"line": line, "character": col},
                                                  "end": {"line": line, "character": col + 4}},
                                        "text": ""}),
            None => {
                let (line, col) = (2 + rng.next(lines - 2), 0);
                pending_delete = Some((line, col));
                json!({"range": {"start": {"line": line, "character": col},
                                 "end": {"line": line, "character": col}},
                       "text": "Now "})
            }
        };
        let t = Instant::now();
        c.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": u, "version": version}, "contentChanges": [change]}),
        );
        let _ = c.diagnostics(&u, version);
        times.push(t.elapsed());
    }
    times.sort_unstable();
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    println!(
        "change to diagnostics over {} edits (debounce included): median {:.1} ms, p90 {:.1} ms, worst {:.1} ms",
        times.len(),
        ms(at(0.5)),
        ms(at(0.9)),
        ms(times[times.len() - 1])
    );
    let _ = c.shutdown();
    let _ = std::fs::remove_dir_all(&dir);
    ExitCode::SUCCESS
}
