//! `reckon extract --format jsonl` and `reckon check --claims`: a document set
//! checked past one machine. Each shard's documents are extracted apart into
//! claims files; one `check --claims` over all of them prints what one `check`
//! over the documents would, byte for byte, with the same exit status.
//!
//! A claims file is JSON lines: a [`Header`] (reckon's version and the line
//! layout), then one [`Extracted`] per document. Files may be given in any
//! order, or concatenated: the documents are put in the order a walk of their
//! tree gives them, and each is checked with the configuration `check` would
//! find for it, which must be the one it was extracted under.
//!
//! One difference is left: with several configurations in one tree, `check
//! TREE` orders their sets (and so the findings across documents) from the
//! configuration of TREE itself, which the claims do not name; here the sets
//! come in the order of their first documents.

use std::collections::HashMap;
use std::io::{BufRead, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::Format;
use super::{render_one, undated_note, CheckArgs, DocOutput};
use crate::cli::{report, ExtractArgs};
use crate::engine::claims::{fingerprint, read_back, Extracted, Header, Member};
use crate::engine::config::{self, Plan};
use crate::engine::{Across, Checked, Engine, Input};
use crate::source::Document;

/// The plan of `paths` under the configuration the flags choose (no
/// standard input: claims name files).
fn plan_of(
    paths: &[PathBuf],
    config: Option<&PathBuf>,
    isolated: bool,
    lexicons: &[PathBuf],
    errors: &mut usize,
) -> Option<Plan> {
    super::plan_paths(paths, config, isolated, lexicons, None, errors, "read")
}

/// `reckon extract --format jsonl`: a header line, then one line per document
/// (files only: `check --claims` reads each document again by its path).
pub(in crate::cli) fn extract(a: &ExtractArgs) -> ExitCode {
    let a_in = &a.input;
    if a_in.paths.iter().any(|p| p.as_os_str() == "-") {
        eprintln!(
            "error: `extract --format jsonl` reads files, not standard input: \
             `check --claims` reads each document again by its path"
        );
        return ExitCode::from(2);
    }
    let mut errors = 0usize;
    let Some(plan) = plan_of(
        &a_in.paths,
        a.config.as_ref(),
        a.isolated,
        &a_in.lexicon,
        &mut errors,
    ) else {
        return ExitCode::from(2);
    };
    let options = a_in.options();
    let loader = a_in.loader();
    let engines: Vec<(Engine, String)> = plan
        .projects
        .iter()
        .map(|p| {
            let engine = Engine::new(
                p.settings.clone(),
                p.lexicon.clone(),
                options.clone(),
                a_in.date,
            );
            (engine, fingerprint(p, &options, a_in.date))
        })
        .collect();
    let mut out = BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let header = serde_json::to_string(&Header::current()).unwrap_or_default();
    if writeln!(out, "{header}").is_err() {
        return ExitCode::from(2);
    }
    for (path, k, _) in &plan.files {
        let input = Input::File(path.clone());
        let doc = match loader.load(&input) {
            Ok(doc) => doc,
            Err(e) => {
                report(e);
                errors += 1;
                continue;
            }
        };
        let (engine, config) = &engines[*k];
        let ignored = plan.ignored(&plan.projects[*k], path, &loader);
        let line = crate::guard::isolate(|| {
            serde_json::to_string(&engine.extract_claims(&doc, config, &ignored))
        });
        match line {
            Ok(Ok(line)) => {
                if writeln!(out, "{line}").is_err() {
                    return ExitCode::from(2);
                }
            }
            Ok(Err(e)) => {
                eprintln!("error: {}: {e}", doc.name);
                errors += 1;
            }
            Err(crash) => {
                eprintln!("{}", crash.report(&doc.name));
                errors += 1;
            }
        }
    }
    if out.flush().is_err() || errors > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    }
}

/// A document's line and where it was read ("shard-1.jsonl:7").
struct Read {
    line: Extracted,
    at: String,
}

/// The order a folder walk gives files (`config::expand_paths`): path bytes,
/// the separator lowest.
fn walk_order(name: &str) -> Vec<u8> {
    name.bytes()
        .map(|b| if b == b'/' { 0 } else { b })
        .collect()
}

/// Reads the lines of the claims file `path` (`-`: standard input) into `out`.
/// A malformed line is reported with its file and line number and skipped; a
/// header of another version refuses the file (`refused`).
fn read_claims(path: &Path, out: &mut Vec<Read>, errors: &mut usize, refused: &mut bool) {
    let shown = path.display().to_string();
    let reader: Box<dyn BufRead> = if path.as_os_str() == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        match std::fs::File::open(path) {
            Ok(f) => Box::new(std::io::BufReader::new(f)),
            Err(e) => {
                eprintln!("error: {shown}: {e}");
                *errors += 1;
                return;
            }
        }
    };
    let current = Header::current();
    for (n, bytes) in reader.split(b'\n').enumerate() {
        let at = format!("{shown}:{}", n + 1);
        let bytes = match bytes {
            Ok(b) => b,
            Err(e) => {
                eprintln!("error: {at}: {e}");
                *errors += 1;
                return;
            }
        };
        if bytes.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        // A header may come again: shards written apart and concatenated.
        if let Ok(h) = serde_json::from_slice::<Header>(&bytes) {
            if h != current {
                eprintln!(
                    "error: {at}: claims written by reckon {} (layout {}); this is reckon {} \
                     (layout {}): extract them again with this reckon",
                    h.reckon, h.layout, current.reckon, current.layout
                );
                *refused = true;
                return;
            }
            continue;
        }
        if n == 0 {
            eprintln!(
                "error: {at}: not a claims file (its first line is not the header \
                 `reckon extract --format jsonl` writes)"
            );
            *errors += 1;
            return;
        }
        match serde_json::from_slice::<Extracted>(&bytes) {
            Ok(line) => out.push(Read { line, at }),
            Err(e) => {
                eprintln!("error: {at}: not a document's claims: {e}");
                *errors += 1;
            }
        }
    }
}

/// `reckon check --claims FILES…`.
pub(super) fn check(a: &CheckArgs) -> ExitCode {
    let mut errors = 0usize;
    let mut refused = false;
    let mut read = Vec::new();
    for p in &a.input.paths {
        read_claims(p, &mut read, &mut errors, &mut refused);
    }
    // The order one `check` of the tree uses, whatever the order of the shards;
    // a document in two shards is an error, and the first given is used.
    read.sort_by_cached_key(|r| walk_order(&r.line.name));
    read.dedup_by(|later, first| {
        let same = later.line.name == first.line.name;
        if same {
            eprintln!(
                "error: {}: in two claims files ({} and {}); the first is used",
                first.line.name, first.at, later.at
            );
            errors += 1;
        }
        same
    });
    let paths: Vec<PathBuf> = read.iter().map(|r| PathBuf::from(&r.line.name)).collect();
    let Some(plan) = plan_of(
        &paths,
        a.config.as_ref(),
        a.isolated,
        &a.input.lexicon,
        &mut errors,
    ) else {
        return ExitCode::from(2);
    };
    let options = a.input.options();
    let prints: Vec<String> = plan
        .projects
        .iter()
        .map(|p| fingerprint(p, &options, a.input.date))
        .collect();
    let project_of: HashMap<&Path, usize> = plan
        .files
        .iter()
        .map(|(f, k, _)| (f.as_path(), *k))
        .collect();
    let mut projects = Vec::with_capacity(read.len());
    let mut mismatched = Vec::new();
    for r in &read {
        match project_of.get(Path::new(&r.line.name)) {
            Some(&k) if prints[k] == r.line.config => projects.push(k),
            _ => mismatched.push(r.at.as_str()),
        }
    }
    if !mismatched.is_empty() {
        eprintln!(
            "error: {}{}: extracted under another configuration than this run's \
             (reckon.yaml, lexicon files, --date or --date-order differ): extract again, \
             or check with the options they were extracted with",
            mismatched[..mismatched.len().min(3)].join(", "),
            match mismatched.len() {
                n if n > 3 => format!(" and {} more", n - 3),
                _ => String::new(),
            }
        );
        refused = true;
    }
    if refused {
        eprintln!("error: the claims cannot be used; nothing was checked");
        return ExitCode::from(2);
    }
    let color = a.color.on();
    let loader = a.input.loader();
    let mut members: Vec<Vec<Member>> = plan.projects.iter().map(|_| Vec::new()).collect();
    let mut documents = Vec::with_capacity(read.len());
    for (r, &k) in read.into_iter().zip(&projects) {
        let line = r.line;
        let ignored = plan.ignored(&plan.projects[k], Path::new(&line.name), &loader);
        documents.push(render_line(a, &line, &ignored, &loader, color));
        members[k].push(Member {
            name: line.name,
            stamp: line.stamp,
            date: line.date,
            undated_relative: line.undated_relative,
            claims: line.claims,
        });
    }
    let mut across = Across::default();
    for (k, group) in members.into_iter().enumerate() {
        if group.is_empty() {
            continue;
        }
        let project = &plan.projects[k];
        let off: HashMap<String, Vec<&str>> = group
            .iter()
            .map(|m| {
                let off = plan.ignored(project, Path::new(&m.name), &loader);
                (m.name.clone(), off)
            })
            .collect();
        let engine = Engine::new(
            project.settings.clone(),
            project.lexicon.clone(),
            options.clone(),
            a.input.date,
        );
        let mut set = engine.check_claims(group, &loader);
        set.findings.retain(|f| {
            set.documents
                .get(f.primary.doc)
                .and_then(|d| off.get(&d.name))
                .is_none_or(|off| !off.contains(&f.rule))
        });
        config::add_across(&mut across, set);
    }
    finish(a, documents, across, errors, color)
}

/// What one document's line contributes to the output: what `check` renders
/// of it while it holds the document. The document is read again (and must be
/// what was extracted) only when it has findings to show.
fn render_line(
    a: &CheckArgs,
    line: &Extracted,
    ignored: &[&str],
    loader: &crate::engine::Loader,
    color: bool,
) -> DocOutput {
    let input = Input::File(PathBuf::from(&line.name));
    let findings: Vec<_> = line
        .findings
        .iter()
        .filter(|f| !ignored.contains(&f.rule))
        .cloned()
        .collect();
    let doc = if findings.is_empty() {
        Document::from_text(line.name.clone(), String::new(), line.format)
    } else {
        match read_back(&input, loader, line.stamp) {
            Ok(doc) => doc,
            Err(unreadable) => {
                if let Some(e) = unreadable {
                    report(e);
                }
                eprintln!(
                    "error: {}: changed since its claims were extracted; its findings are not shown",
                    line.name
                );
                return DocOutput {
                    failed: true,
                    ..DocOutput::default()
                };
            }
        }
    };
    let checked = Checked {
        findings,
        ..Checked::default()
    };
    crate::guard::isolate(|| {
        let mut out = render_one(a, &input, Ok((&doc, &checked)), color);
        // `render_one` reads this off the mentions, which a line does not keep.
        if line.undated_relative && matches!(a.format, Format::Human) && !a.statistics {
            out.text.insert_str(0, &undated_note(&line.name));
        }
        out
    })
    .unwrap_or_else(|crash| {
        eprintln!("{}", crash.report(&line.name));
        DocOutput {
            failed: true,
            ..DocOutput::default()
        }
    })
}

/// Writes the documents' output, the findings across the set and the summary,
/// and chooses the exit status, as `check` does ([`super::Report`]).
fn finish(
    a: &CheckArgs,
    documents: Vec<DocOutput>,
    across: Across,
    errors: usize,
    color: bool,
) -> ExitCode {
    let Some(mut report) = super::Report::open(a, color, documents.len(), errors) else {
        return ExitCode::from(2);
    };
    for r in documents {
        report.document(r);
    }
    report.across(across, "changed since its claims were extracted");
    report.finish()
}
