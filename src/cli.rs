//! The command line: parse arguments into settings, run a command, pick the exit status.
//!
//! Exit status: 0 when every input was read; 2 when an input could not be read
//! or a configuration file is invalid (the readable inputs are still
//! processed and reported).

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};

use crate::extract::{DateOrder, Options};
use crate::lexicon::Lexicon;
use crate::render::{self, DocResult};
use crate::resolve;
use crate::source::Document;

/// reckon — a linter for the dates and figures in prose.
#[derive(Debug, Parser)]
#[command(name = "reckon", version, about)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// List every date, duration, number and quantity found, with its resolved value.
    Extract(ExtractArgs),
}

/// Output formats of `reckon extract`.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum ExtractFormat {
    /// A readable table.
    Table,
    /// The stable JSON shape documented in the README.
    Json,
}

/// How to read all-numeric dates like 01/06/2025.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum DateOrderArg {
    /// Month first: 01/06/2025 is January 6.
    Mdy,
    /// Day first: 01/06/2025 is June 1.
    Dmy,
}

#[derive(Debug, clap::Args)]
struct ExtractArgs {
    /// Files or folders (folders are walked for .md, .markdown and .txt); `-` reads stdin.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    format: ExtractFormat,
    /// Reference date for every document (YYYY-MM-DD), overriding front matter and datelines.
    #[arg(long, value_parser = parse_date)]
    date: Option<NaiveDate>,
    /// The name to report for stdin (its extension picks Markdown or text).
    #[arg(long)]
    stdin_filename: Option<String>,
    /// A lexicon file that extends the built-in one (repeatable).
    #[arg(long)]
    lexicon: Vec<PathBuf>,
    /// How to read all-numeric dates.
    #[arg(long, value_enum, default_value = "mdy")]
    date_order: DateOrderArg,
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| format!("`{s}` is not a date in the form YYYY-MM-DD"))
}

/// Runs reckon with the process arguments; used by `main.rs`.
pub fn main() -> ExitCode {
    let args = Args::parse();
    match args.command {
        Command::Extract(a) => extract(&a),
    }
}

/// Prints a tool error (bad input file, bad config) to stderr as a miette report.
fn report(err: impl miette::Diagnostic + Send + Sync + 'static) {
    eprintln!("{:?}", miette::Report::new(err));
}

fn load_lexicon(files: &[PathBuf]) -> Result<Lexicon, ()> {
    if files.is_empty() {
        return Ok(Lexicon::clone_default());
    }
    let mut texts = Vec::new();
    for f in files {
        match std::fs::read_to_string(f) {
            Ok(t) => texts.push((f.display().to_string(), t)),
            Err(e) => {
                eprintln!("error: {}: cannot read lexicon: {e}", f.display());
                return Err(());
            }
        }
    }
    Lexicon::with_extensions(&texts).map_err(report)
}

/// Expands folders into the prose files under them, in a stable order.
pub fn expand_paths(paths: &[PathBuf], errors: &mut usize) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" || !p.is_dir() {
            out.push(p.clone());
            continue;
        }
        let mut found = Vec::new();
        for entry in ignore::WalkBuilder::new(p).build() {
            match entry {
                Ok(e) if e.file_type().is_some_and(|t| t.is_file()) && is_prose_file(e.path()) => {
                    found.push(e.into_path());
                }
                Ok(_) => {}
                Err(e) => {
                    eprintln!("error: {e}");
                    *errors += 1;
                }
            }
        }
        found.sort();
        out.extend(found);
    }
    out
}

fn is_prose_file(p: &Path) -> bool {
    matches!(
        p.extension().and_then(|e| e.to_str()),
        Some("md" | "markdown" | "txt")
    )
}

fn extract(a: &ExtractArgs) -> ExitCode {
    let Ok(lex) = load_lexicon(&a.lexicon) else {
        return ExitCode::from(2);
    };
    let lex = &lex;
    let opts = Options {
        date_order: match a.date_order {
            DateOrderArg::Mdy => DateOrder::MonthFirst,
            DateOrderArg::Dmy => DateOrder::DayFirst,
        },
    };
    let mut errors = 0usize;
    let paths = expand_paths(&a.paths, &mut errors);
    let stdout = io::stdout();
    let buffered = BufWriter::with_capacity(1 << 16, stdout.lock());
    // Either a JSON writer owns the output, or the table writes to it directly.
    let (mut json, mut table) = match a.format {
        ExtractFormat::Json => match render::json::JsonWriter::begin(buffered) {
            Ok(w) => (Some(w), None),
            Err(_) => return ExitCode::from(2),
        },
        ExtractFormat::Table => (None, Some(buffered)),
    };
    // One document at a time: read, extract, resolve, write, drop.
    for p in &paths {
        let doc = if p.as_os_str() == "-" {
            Document::read_stdin(a.stdin_filename.as_deref())
        } else {
            Document::read(p)
        };
        let doc = match doc {
            Ok(d) => d,
            Err(e) => {
                report(e);
                errors += 1;
                continue;
            }
        };
        let (reference, mentions) = resolve::run(&doc, lex, opts, a.date);
        let r = DocResult {
            doc: &doc,
            reference,
            mentions,
        };
        let written = match (json.as_mut(), table.as_mut()) {
            (Some(w), _) => w.document(&r, lex),
            (None, Some(t)) => render::table::write(t, std::slice::from_ref(&r)),
            (None, None) => Ok(()),
        };
        if written.is_err() {
            return ExitCode::from(2);
        }
    }
    let finished = match (json, table.as_mut()) {
        (Some(w), _) => w.finish(),
        (None, Some(t)) => t.flush(),
        (None, None) => Ok(()),
    };
    if finished.is_err() {
        return ExitCode::from(2);
    }
    if errors > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    }
}
