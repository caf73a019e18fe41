//! The command line: parse arguments into settings, run a command, pick the exit status.
//!
//! Exit status: 0 when every input was read; 2 when an input could not be read
//! or a configuration file is invalid (the readable inputs are still
//! processed and reported).

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::{Datelike, NaiveDate};
use clap::{Parser, Subcommand, ValueEnum};

use crate::extract::{DateOrder, Options};
use crate::lexicon::Lexicon;
use crate::render::{self, DocResult};
use crate::resolve;
use crate::source::Document;

mod check;
mod progress;
mod timeline;

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
    /// Check dates and figures for inconsistencies.
    Check(check::CheckArgs),
    /// The chronology of a document set: every dated event, sorted, with sources and figures.
    Timeline(timeline::TimelineArgs),
    /// A language server on standard input and output, for editors.
    Lsp,
    /// List the rules.
    Rules,
    /// Explain a rule: what it checks, why, an example, its options.
    Explain {
        /// The rule id (`weekday-mismatch`).
        rule: String,
    },
    /// Print a shell completion script (`reckon completions bash > /etc/bash_completion.d/reckon`).
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff): `reckon man > reckon.1`.
    Man,
    /// Write a starter `reckon.yaml` in this folder, every rule listed with its defaults.
    Init {
        /// Overwrite a configuration that is already there.
        #[arg(long)]
        force: bool,
    },
    /// Print the JSON Schema of `reckon.yaml` (committed as docs/reckon.schema.json).
    Schema,
}

/// Output formats of `reckon extract`.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum ExtractFormat {
    /// A readable table.
    Table,
    /// The stable JSON shape documented in the README.
    Json,
    /// One line per document: its claims and own findings, for `reckon check --claims`.
    Jsonl,
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
    #[command(flatten)]
    input: InputArgs,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    format: ExtractFormat,
    /// With `--format jsonl`: a project configuration file (default: the
    /// nearest `reckon.yaml` of each file, as `check` finds it).
    #[arg(long)]
    config: Option<PathBuf>,
    /// With `--format jsonl`: ignore any `reckon.yaml`.
    #[arg(long, conflicts_with = "config")]
    isolated: bool,
}

/// What to read and how: shared by `extract` and `check`.
#[derive(Debug, clap::Args)]
pub(crate) struct InputArgs {
    /// Files or folders (folders are walked for .md, .markdown and .txt); `-` reads stdin.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
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
    /// The largest document read, in bytes or with a suffix K, M, G (KiB, MiB, GiB);
    /// larger inputs are reported and skipped.
    #[arg(long, value_name = "SIZE", value_parser = parse_size, default_value = "256M")]
    max_file_size: u64,
}

/// `1048576`, `512K`, `256M`, `1G` (also `KiB`, `MiB`, `GiB`, `KB`…: powers of 1024).
fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    let (n, unit) = t.split_at(digits);
    let shift = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 0,
        "k" | "kb" | "kib" => 10,
        "m" | "mb" | "mib" => 20,
        "g" | "gb" | "gib" => 30,
        _ => {
            return Err(format!(
                "`{s}` is not a size (e.g. 1048576, 512K, 256M, 1G)"
            ))
        }
    };
    n.parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(1 << shift))
        .ok_or_else(|| format!("`{s}` is not a size (e.g. 1048576, 512K, 256M, 1G)"))
}

/// `--date`: exactly YYYY-MM-DD, a year of four digits. chrono alone would take
/// `+262142-12-31`, and "next Monday" after it would step off its calendar.
fn parse_date(s: &str) -> Result<NaiveDate, String> {
    let four_digit_year = s.len() == 10 && s.as_bytes()[..4].iter().all(u8::is_ascii_digit);
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .ok()
        .filter(|d| four_digit_year && d.year() >= 1)
        .ok_or_else(|| format!("`{s}` is not a date in the form YYYY-MM-DD (years 0001 to 9999)"))
}

/// Runs reckon with the process arguments; used by `main.rs`.
pub fn main() -> ExitCode {
    // Error reports name files: never break a path across lines.
    crate::guard::install_hook();
    let _ = miette::set_hook(Box::new(|_| {
        Box::new(miette::MietteHandlerOpts::new().wrap_lines(false).build())
    }));
    let args = Args::parse();
    match args.command {
        Command::Extract(a) => extract(&a),
        Command::Check(a) => check::run(&a),
        Command::Timeline(a) => timeline::run(&a),
        Command::Lsp => crate::lsp::run(),
        Command::Rules => rules(),
        Command::Explain { rule } => explain(&rule),
        Command::Completions { shell } => {
            use clap::CommandFactory;
            let mut cmd = Args::command();
            clap_complete::generate(shell, &mut cmd, "reckon", &mut std::io::stdout());
            ExitCode::SUCCESS
        }
        Command::Man => {
            use clap::CommandFactory;
            let man = clap_mangen::Man::new(Args::command());
            match man.render(&mut std::io::stdout()) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: cannot write the man page: {e}");
                    ExitCode::from(2)
                }
            }
        }
        Command::Init { force } => init(force),
        Command::Schema => schema(),
    }
}

/// `reckon init`: writes `reckon.yaml` here, unless a configuration is
/// already here (any of its names) and `--force` is not given.
fn init(force: bool) -> ExitCode {
    let target = Path::new(crate::engine::config::CONFIG_NAMES[0]);
    if !force {
        if let Some(there) = crate::engine::config::CONFIG_NAMES
            .iter()
            .find(|n| std::fs::symlink_metadata(n).is_ok())
        {
            eprintln!("error: {there} is already here; not overwritten (`reckon init --force` replaces {})", target.display());
            return ExitCode::from(2);
        }
    }
    match std::fs::write(target, crate::check::settings::starter_config()) {
        Ok(()) => {
            eprintln!(
                "reckon: wrote {} (every rule, with its defaults)",
                target.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: cannot write {}: {e}", target.display());
            ExitCode::from(2)
        }
    }
}

/// `reckon schema`: the JSON Schema of `reckon.yaml` on standard output.
fn schema() -> ExitCode {
    match serde_json::to_string_pretty(&crate::check::settings::json_schema()) {
        Ok(text) => {
            println!("{text}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

/// Prints a tool error (bad input file, bad config) to stderr as a miette report.
pub(crate) fn report(err: impl miette::Diagnostic + Send + Sync + 'static) {
    eprintln!("{:?}", miette::Report::new(err));
}

pub(crate) fn load_lexicon(files: &[PathBuf]) -> Result<Lexicon, ()> {
    crate::engine::config::lexicon_from(files).map_err(|p| eprintln!("{p}"))
}

/// Expands folders into the prose files under them; problems are printed
/// and counted in `errors`.
pub fn expand_paths(
    paths: &[PathBuf],
    extensions: &[String],
    exclude: &[String],
    errors: &mut usize,
) -> Vec<PathBuf> {
    let mut problems = Vec::new();
    let found = crate::engine::config::expand_paths(paths, extensions, exclude, &mut problems);
    for p in &problems {
        eprintln!("{p}");
        *errors += 1;
    }
    found
}

fn default_extensions() -> Vec<String> {
    vec!["md".into(), "markdown".into(), "txt".into()]
}

impl InputArgs {
    fn options(&self) -> Options {
        Options {
            date_order: match self.date_order {
                DateOrderArg::Mdy => DateOrder::MonthFirst,
                DateOrderArg::Dmy => DateOrder::DayFirst,
            },
            triggers: std::sync::Arc::default(),
        }
    }

    /// How the engine reads the inputs.
    fn loader(&self) -> crate::engine::Loader {
        crate::engine::Loader {
            max_file_size: self.max_file_size,
            stdin_name: self.stdin_filename.clone(),
        }
    }

    fn read(&self, p: &Path) -> Result<Document, crate::source::SourceError> {
        self.loader()
            .load(&crate::engine::Input::from_path(p))
            .map(std::borrow::Cow::into_owned)
    }
}

fn rules() -> ExitCode {
    let settings = crate::check::Settings::defaults();
    for r in crate::check::RULES {
        println!(
            "{:<28} {:<8} {}",
            r.id,
            settings.severity(r.id).name(),
            r.summary
        );
    }
    ExitCode::SUCCESS
}

fn explain(id: &str) -> ExitCode {
    match crate::check::RULES.iter().find(|r| r.id == id) {
        Some(r) => {
            print!("{}", r.doc);
            ExitCode::SUCCESS
        }
        None => {
            let known: Vec<&str> = crate::check::RULES.iter().map(|r| r.id).collect();
            eprintln!("error: no rule `{id}`; the rules are: {}", known.join(", "));
            ExitCode::from(2)
        }
    }
}

/// Mentions resolved per batch of this many, so a long document's resolved
/// values never all sit in memory at once (and the batch stays in cache).
const RESOLVE_BATCH: usize = 1024;

/// Resolves and writes one document's mentions a batch at a time.
fn write_json_batches<W: Write>(
    w: &mut render::json::JsonWriter<W>,
    doc: &crate::source::Document,
    lex: &crate::lexicon::Lexicon,
    opts: &crate::extract::Options,
    date: Option<chrono::NaiveDate>,
) -> io::Result<()> {
    let (reference, mentions) = resolve::prepare(doc, lex, opts, date);
    let mut resolver = resolve::Resolver::new(&mentions, reference, lex, None);
    let lens = resolve::batches(&mentions, RESOLVE_BATCH);
    let mut out = w.begin_document(doc, reference);
    let mut batch = Vec::with_capacity(RESOLVE_BATCH * 2);
    let (mut rest, mut first) = (mentions.into_iter(), 0);
    for len in lens {
        resolver.resolve_batch(rest.by_ref().take(len), first, &mut batch);
        out.mentions(&batch, lex)?;
        first += len;
    }
    Ok(())
}

fn extract(a: &ExtractArgs) -> ExitCode {
    if let ExtractFormat::Jsonl = a.format {
        return check::claims::extract(a);
    }
    if a.config.is_some() || a.isolated {
        eprintln!("error: --config and --isolated choose the rules of `--format jsonl` only");
        return ExitCode::from(2);
    }
    let a_in = &a.input;
    let Ok(lex) = load_lexicon(&a_in.lexicon) else {
        return ExitCode::from(2);
    };
    let lex = &lex;
    let opts = a_in.options();
    let mut errors = 0usize;
    let paths = expand_paths(&a_in.paths, &default_extensions(), &[], &mut errors);
    let stdout = io::stdout();
    let buffered = BufWriter::with_capacity(1 << 16, stdout.lock());
    // Either a JSON writer owns the output, or the table writes to it directly.
    let (mut json, mut table) = match a.format {
        ExtractFormat::Json => match render::json::JsonWriter::begin(buffered) {
            Ok(w) => (Some(w), None),
            Err(_) => return ExitCode::from(2),
        },
        ExtractFormat::Table | ExtractFormat::Jsonl => (None, Some(buffered)),
    };
    // One document at a time: read, extract, resolve, write, drop.
    for p in &paths {
        let doc = match a_in.read(p) {
            Ok(d) => d,
            Err(e) => {
                report(e);
                errors += 1;
                continue;
            }
        };
        let written = match (json.as_mut(), table.as_mut()) {
            (Some(w), _) => {
                let mark = w.mark();
                crate::guard::isolate(|| {
                    crate::guard::test_trap(&doc.text);
                    write_json_batches(w, &doc, lex, &opts, a_in.date)
                })
                .inspect_err(|_| {
                    w.recover(mark);
                })
            }
            (None, Some(t)) => crate::guard::isolate(|| {
                crate::guard::test_trap(&doc.text);
                let (reference, mentions) = resolve::run(&doc, lex, &opts, a_in.date);
                let mut rendered = Vec::new();
                let r = DocResult {
                    doc: &doc,
                    reference,
                    mentions,
                };
                render::table::write(&mut rendered, std::slice::from_ref(&r)).map(|()| rendered)
            })
            .map(|r| r.and_then(|bytes| t.write_all(&bytes))),
            (None, None) => Ok(Ok(())),
        };
        match written {
            Ok(Ok(())) => {}
            Ok(Err(_)) => return ExitCode::from(2),
            Err(crash) => {
                eprintln!("{}", crash.report(&doc.name));
                errors += 1;
            }
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

#[cfg(test)]
mod tests {
    use super::parse_date;

    #[test]
    fn date_takes_four_digit_years_only() {
        assert!(parse_date("2025-01-07").is_ok());
        assert!(parse_date("9999-12-31").is_ok());
        for bad in [
            "+262142-12-31",
            "-262143-01-01",
            "99999-01-01",
            "0000-01-01",
            "2025-1-7",
            "2025-02-30",
        ] {
            assert!(parse_date(bad).is_err(), "{bad}");
        }
    }
}
