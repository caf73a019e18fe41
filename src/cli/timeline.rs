//! `reckon timeline`: read every input, build the chronology of the set,
//! write it as a table, JSON or an HTML page. Exit status 0, or 2 when an input
//! or the configuration could not be read (the readable inputs still count).

use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::ValueEnum;

use super::check::configure_set;
use super::{report, InputArgs};
use crate::timeline;

/// Output formats of `reckon timeline`.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum Format {
    /// A readable table.
    Table,
    /// The stable JSON shape documented in the README.
    Json,
    /// One self-contained HTML page with the timeline drawn as SVG.
    Html,
}

#[derive(Debug, clap::Args)]
pub(crate) struct TimelineArgs {
    #[command(flatten)]
    input: InputArgs,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    format: Format,
    /// Write to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// A project configuration file (default: `reckon.yaml` in this folder or a parent).
    #[arg(long)]
    config: Option<PathBuf>,
    /// Ignore any `reckon.yaml`: the built-in rules only.
    #[arg(long, conflicts_with = "config")]
    isolated: bool,
}

pub(crate) fn run(a: &TimelineArgs) -> ExitCode {
    let mut errors = 0usize;
    let Some((settings, lex, paths)) =
        configure_set(&a.input, a.config.as_ref(), a.isolated, &mut errors)
    else {
        return ExitCode::from(2);
    };
    let mut opts = a.input.options();
    opts.triggers = settings.triggers.clone();
    let mut docs = Vec::with_capacity(paths.len());
    for p in &paths {
        match a.input.read(p) {
            Ok(d) => docs.push(d),
            Err(e) => {
                report(e);
                errors += 1;
            }
        }
    }
    let build = |docs: &[crate::source::Document]| {
        crate::guard::isolate(|| {
            for d in docs {
                crate::guard::test_trap(&d.text);
            }
            timeline::of_documents(docs, &lex, &opts, &settings, a.input.date, None)
        })
    };
    let t = match build(&docs) {
        Ok(t) => t,
        Err(crash) => {
            // Find the documents that fail on their own, report them, and build
            // the timeline of the rest.
            let mut kept = Vec::with_capacity(docs.len());
            for d in docs.drain(..) {
                match build(std::slice::from_ref(&d)) {
                    Ok(_) => kept.push(d),
                    Err(c) => {
                        eprintln!("{}", c.report(&d.name));
                        errors += 1;
                    }
                }
            }
            docs = kept;
            match build(&docs) {
                Ok(t) => t,
                Err(again) => {
                    let c = if errors == 0 { crash } else { again };
                    eprintln!("{}", c.report("the document set"));
                    return ExitCode::from(2);
                }
            }
        }
    };
    let mut out: Box<dyn Write> = match &a.output {
        Some(f) => match std::fs::File::create(f) {
            Ok(file) => Box::new(BufWriter::new(file)),
            Err(e) => {
                eprintln!("error: {}: cannot write: {e}", f.display());
                return ExitCode::from(2);
            }
        },
        None => Box::new(BufWriter::new(std::io::stdout().lock())),
    };
    let title = match docs.len() {
        1 => format!("Timeline of {}", docs[0].name),
        n => format!("Timeline of {n} documents"),
    };
    let written = match a.format {
        Format::Table => timeline::table::write(&mut out, &t),
        Format::Json => timeline::json::write(&mut out, &t),
        Format::Html => timeline::html::write(&mut out, &t, &title),
    };
    if written.and_then(|()| out.flush()).is_err() {
        return ExitCode::from(2);
    }
    if errors > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    }
}
