//! `reckon check`: read, resolve and check every input, render the findings,
//! and choose the exit status (0 clean, 1 findings at or above `--fail-on`,
//! 2 a usage, config or I/O error — the readable inputs are still checked).

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use clap::ValueEnum;

use super::{expand_paths, load_lexicon, report, InputArgs};
use crate::check::{self, CheckContext, DocView, Settings, Severity};
use crate::config::YamlError;
use crate::lexicon::Lexicon;
use crate::render::{concise, findings_json, human};

/// Output formats of `reckon check`.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum Format {
    /// miette's graphical report, with every span labelled.
    Human,
    /// One line per finding.
    Concise,
    /// The stable JSON schema documented in the README.
    Json,
}

/// The lowest severity that makes the exit status 1.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum FailOn {
    /// Errors only.
    Error,
    /// Warnings and errors.
    Warning,
    /// Anything.
    Info,
    /// Never: exit 0 whatever is found.
    Never,
}

/// When to colour the human report.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum Color {
    /// On a terminal, unless NO_COLOR is set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

#[derive(Debug, clap::Args)]
pub(crate) struct CheckArgs {
    #[command(flatten)]
    input: InputArgs,
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
    /// Exit 1 when a finding at or above this severity is reported.
    #[arg(long, value_enum, default_value = "error")]
    fail_on: FailOn,
    /// A project configuration file (default: `reckon.yaml` in this folder or a parent).
    #[arg(long)]
    config: Option<PathBuf>,
    /// Ignore any `reckon.yaml`: the built-in rules only.
    #[arg(long, conflicts_with = "config")]
    isolated: bool,
    /// Colour the human report.
    #[arg(long, value_enum, default_value = "auto")]
    color: Color,
    /// Documents checked at once (1 = one thread).
    #[arg(long, default_value_t = 1)]
    threads: usize,
}

/// The repository `dir` is in: its first ancestor holding `.git` (a folder,
/// or the file of a worktree or submodule).
fn repository_root(dir: &Path) -> Option<&Path> {
    dir.ancestors()
        .find(|d| std::fs::symlink_metadata(d.join(".git")).is_ok())
}

/// `reckon.yaml` (or `.reckon.yaml`) in `cwd` or its nearest parent that has
/// one, never above the repository root (`cwd` is absolute). The path is
/// relative to `cwd` (`reckon.yaml`, `../reckon.yaml`). A configuration that
/// is a link leading out of the repository is an error.
fn discover(cwd: &Path) -> Result<Option<PathBuf>, String> {
    let root = repository_root(cwd);
    let mut up = PathBuf::new();
    for d in cwd.ancestors() {
        for n in ["reckon.yaml", ".reckon.yaml"] {
            if std::fs::symlink_metadata(d.join(n)).is_err() {
                continue;
            }
            let shown = up.join(n);
            if let Some(root) = root {
                let inside = match (d.join(n).canonicalize(), root.canonicalize()) {
                    (Ok(c), Ok(r)) => c.starts_with(r),
                    _ => true, // reading it reports what is wrong
                };
                if !inside {
                    return Err(format!(
                        "{}: leads outside the repository {}; not used",
                        shown.display(),
                        root.display()
                    ));
                }
            }
            return Ok(Some(shown));
        }
        if root == Some(d) {
            break;
        }
        up.push("..");
    }
    Ok(None)
}

/// The lexicon files that the configuration `config` (named `name`, holding
/// `text`) lists, resolved against its folder. Each must stay inside that
/// folder, or inside the repository that holds it: an absolute path, or one
/// that leads out (`..`, a symbolic link), is reported as an error at its
/// entry and left out.
fn config_lexicons(
    config: &Path,
    name: &str,
    text: &str,
    entries: &[String],
    errors: &mut usize,
) -> Vec<PathBuf> {
    let folder = config.parent().filter(|p| !p.as_os_str().is_empty());
    let base = folder.unwrap_or(Path::new("."));
    let root = match base.canonicalize() {
        Ok(b) => repository_root(&b).unwrap_or(&b).to_path_buf(),
        Err(e) => {
            eprintln!("error: {}: {e}", base.display());
            *errors += 1;
            return Vec::new();
        }
    };
    let mut out = Vec::new();
    for f in entries {
        let why = if Path::new(f).is_absolute() {
            format!("`lexicon` entry `{f}` is an absolute path; not read")
        } else {
            let joined = folder.map_or_else(|| PathBuf::from(f), |d| d.join(f));
            match joined.canonicalize() {
                Ok(c) if c.starts_with(&root) => {
                    out.push(joined);
                    continue;
                }
                Ok(_) => format!(
                    "`lexicon` entry `{f}` leads outside {}; not read",
                    root.display()
                ),
                Err(e) => format!("`lexicon` entry `{f}`: {e}"),
            }
        };
        let help = format!(
            "a lexicon named in a configuration is a path relative to it, inside {} \
             (`--lexicon FILE` on the command line may be anywhere)",
            root.display()
        );
        report(YamlError::at_text(name, text, f, why).with_help(help));
        *errors += 1;
    }
    out
}

/// Settings and lexicon from the configuration (a bad file is reported and the
/// defaults are used), and the files to read under the inputs, which the
/// settings' extensions and excludes decide. A configuration found by
/// looking (not given with `--config`) is named on standard error.
pub(super) fn configure(
    input: &InputArgs,
    config: Option<&PathBuf>,
    isolated: bool,
    errors: &mut usize,
) -> (Settings, Lexicon, Vec<PathBuf>) {
    let path = if isolated {
        None
    } else if let Some(c) = config {
        Some(c.clone())
    } else {
        match std::env::current_dir().map(|d| discover(&d)) {
            Ok(Ok(Some(found))) => {
                eprintln!("reckon: using config {}", found.display());
                Some(found)
            }
            Ok(Ok(None)) | Err(_) => None,
            Ok(Err(e)) => {
                eprintln!("error: {e}");
                *errors += 1;
                None
            }
        }
    };
    let mut settings = Settings::defaults();
    let mut lexicon_files: Vec<PathBuf> = Vec::new();
    if let Some(path) = path {
        match crate::source::read_config_text(&path) {
            Ok(text) => {
                let name = path.display().to_string();
                match Settings::load(Some((&name, &text))) {
                    Ok(s) => {
                        lexicon_files =
                            config_lexicons(&path, &name, &text, &s.lexicon_files, errors);
                        settings = s;
                    }
                    Err(e) => {
                        report(e);
                        *errors += 1;
                    }
                }
            }
            Err(e) => {
                report(e);
                *errors += 1;
            }
        }
    }
    lexicon_files.extend(input.lexicon.iter().cloned());
    let lex = match load_lexicon(&lexicon_files) {
        Ok(l) => l,
        Err(()) => {
            *errors += 1;
            Lexicon::clone_default()
        }
    };
    let paths = expand_paths(
        &input.paths,
        &settings.extensions,
        &settings.exclude,
        errors,
    );
    (settings, lex, paths)
}

/// What one document contributes to the output.
#[derive(Default)]
struct DocOutput {
    text: String,
    json: Vec<String>,
    counts: [usize; 3],
    read_error: bool,
    /// Its display name.
    name: String,
    /// What it claims that another document could contradict.
    claims: Vec<crate::story::Claim>,
    /// Standard input cannot be read twice: kept when it made claims.
    kept: Option<crate::source::Document>,
    /// A file that made claims: what it was when checked, to know it again
    /// when its cross-document findings are rendered from a second read.
    fingerprint: Option<Fingerprint>,
}

/// The byte length and a 64-bit keyed hash of a document's text.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Fingerprint(usize, u64);

impl Fingerprint {
    fn of(text: &str) -> Fingerprint {
        use std::hash::BuildHasher;
        // SipHash with this run's random keys: a file cannot be made to collide.
        static KEYS: std::sync::OnceLock<std::collections::hash_map::RandomState> =
            std::sync::OnceLock::new();
        let keys = KEYS.get_or_init(std::collections::hash_map::RandomState::new);
        Fingerprint(text.len(), keys.hash_one(text.as_bytes()))
    }
}

pub(crate) fn run(a: &CheckArgs) -> ExitCode {
    let mut errors = 0usize;
    let (settings, lex, paths) = configure(&a.input, a.config.as_ref(), a.isolated, &mut errors);
    let color = match a.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => {
            std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    let mut opts = a.input.options();
    opts.triggers = settings.triggers.clone();
    // Each document is checked on its own; workers take the next path, results keep input order.
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<DocOutput>>> =
        Mutex::new((0..paths.len()).map(|_| None).collect());
    let work = || loop {
        let i = next.fetch_add(1, Ordering::Relaxed);
        let Some(p) = paths.get(i) else { break };
        let out = crate::guard::isolate(|| check_one(a, i, p, &lex, &settings, &opts, color))
            .unwrap_or_else(|crash| {
                eprintln!("{}", crash.report(&p.display().to_string()));
                DocOutput {
                    read_error: true,
                    ..DocOutput::default()
                }
            });
        if let Ok(mut r) = results.lock() {
            r[i] = Some(out);
        }
    };
    let threads = a.threads.max(1).min(paths.len().max(1));
    if threads == 1 {
        work();
    } else {
        std::thread::scope(|s| {
            for _ in 0..threads {
                s.spawn(work);
            }
        });
    }
    let results = results.into_inner().unwrap_or_default();
    let mut stdout = std::io::stdout().lock();
    let mut counts = [0usize; 3];
    let mut json = Vec::new();
    let mut files = 0;
    // The second pass, over the set: the documents are gone, their claims are kept.
    let mut index = crate::story::Index::default();
    let mut names = vec![String::new(); paths.len()];
    let mut kept: Vec<Option<crate::source::Document>> = (0..paths.len()).map(|_| None).collect();
    let mut prints = vec![None; paths.len()];
    for (i, r) in results.into_iter().enumerate() {
        let Some(r) = r else { continue };
        if r.read_error {
            errors += 1;
            continue;
        }
        files += 1;
        for k in 0..3 {
            counts[k] += r.counts[k];
        }
        match a.format {
            Format::Json => json.extend(r.json),
            _ => {
                let _ = stdout.write_all(r.text.as_bytes());
            }
        }
        names[i] = r.name;
        kept[i] = r.kept;
        prints[i] = r.fingerprint;
        for c in r.claims {
            index.add(c);
        }
    }
    let set = check::SetContext {
        index: &index,
        names: &names,
        settings: &settings,
    };
    let across = crate::guard::isolate(|| check::run_set(&set)).unwrap_or_else(|crash| {
        eprintln!(
            "{}",
            crash.report("the document set (checks across documents)")
        );
        errors += 1;
        Vec::new()
    });
    drop(index);
    if !across.is_empty() {
        let mut set_counts = counts;
        let mut set_errors = errors;
        let docs = Rendered {
            paths: &paths,
            kept: &mut kept,
            prints: &prints,
        };
        match crate::guard::isolate(|| {
            render_set(a, &across, docs, color, &mut set_counts, &mut set_errors)
        }) {
            Ok(out) => {
                counts = set_counts;
                errors = set_errors;
                match a.format {
                    Format::Json => json.extend(out.json),
                    _ => {
                        let _ = stdout.write_all(out.text.as_bytes());
                    }
                }
            }
            Err(crash) => {
                eprintln!("{}", crash.report("the findings across documents"));
                errors += 1;
            }
        }
    }
    let [errs, warns, infos] = counts;
    let summary = findings_json::Summary {
        files,
        errors: errs,
        warnings: warns,
        infos,
    };
    let _ = match a.format {
        Format::Json => stdout.write_all(findings_json::assemble(&json, summary).as_bytes()),
        Format::Human | Format::Concise => writeln!(
            stdout,
            "{files} file{} checked: {errs} error{}, {warns} warning{}, {infos} info",
            if files == 1 { "" } else { "s" },
            if errs == 1 { "" } else { "s" },
            if warns == 1 { "" } else { "s" },
        ),
    };
    let _ = stdout.flush();
    if errors > 0 {
        return ExitCode::from(2);
    }
    let failing = match a.fail_on {
        FailOn::Error => errs,
        FailOn::Warning => errs + warns,
        FailOn::Info => errs + warns + infos,
        FailOn::Never => 0,
    };
    if failing > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// The documents that findings across the set can label.
struct Rendered<'a> {
    paths: &'a [PathBuf],
    /// Standard input, kept.
    kept: &'a mut [Option<crate::source::Document>],
    /// What each file was when it was checked.
    prints: &'a [Option<Fingerprint>],
}

/// Renders the findings across documents: reads again the documents they
/// label (standard input was kept), drops what their suppression comments
/// suppress, and counts the rest. A document that cannot be read again, or
/// is not what was checked (its length or hash differ), is an error (exit
/// status 2), and the findings that label it are not shown.
fn render_set(
    a: &CheckArgs,
    findings: &[check::Finding],
    set: Rendered<'_>,
    color: bool,
    counts: &mut [usize; 3],
    errors: &mut usize,
) -> DocOutput {
    let mut wanted: Vec<usize> = findings
        .iter()
        .flat_map(|f| std::iter::once(f.primary.doc).chain(f.secondary.iter().map(|l| l.doc)))
        .collect();
    wanted.sort_unstable();
    wanted.dedup();
    let mut docs: Vec<crate::source::Document> = Vec::new();
    let mut local = std::collections::HashMap::new();
    for d in wanted {
        let doc = match set.kept[d].take() {
            Some(doc) => Some(doc),
            None => match a.input.read(&set.paths[d]) {
                Ok(doc) if set.prints[d] == Some(Fingerprint::of(&doc.text)) => Some(doc),
                Ok(_) => None,
                Err(e) => {
                    report(e);
                    None
                }
            },
        };
        match doc {
            Some(doc) => {
                local.insert(d, docs.len());
                docs.push(doc);
            }
            None => {
                eprintln!(
                    "error: {}: changed while reckon was running; its cross-document findings are not shown",
                    set.paths[d].display()
                );
                *errors += 1;
            }
        }
    }
    let mut shown = Vec::new();
    for f in findings {
        let all_read = std::iter::once(&f.primary)
            .chain(&f.secondary)
            .all(|l| local.contains_key(&l.doc));
        if !all_read {
            continue;
        }
        let mut f = f.clone();
        f.primary.doc = local[&f.primary.doc];
        for l in &mut f.secondary {
            l.doc = local[&l.doc];
        }
        if check::suppress::suppressed(&docs[f.primary.doc].text, f.rule, f.primary.span.start) {
            continue;
        }
        shown.push(f);
    }
    let mut out = DocOutput::default();
    for f in &shown {
        counts[match f.severity {
            Severity::Error => 0,
            Severity::Warning => 1,
            Severity::Info => 2,
        }] += 1;
    }
    let refs: Vec<&crate::source::Document> = docs.iter().collect();
    match a.format {
        Format::Human => out.text = human::render(&shown, &refs, color),
        Format::Concise => out.text = concise::render(&shown, &refs),
        Format::Json => out.json = findings_json::diagnostics(&shown, &refs),
    }
    out
}

fn check_one(
    a: &CheckArgs,
    index: usize,
    p: &Path,
    lex: &Lexicon,
    settings: &Settings,
    opts: &crate::extract::Options,
    color: bool,
) -> DocOutput {
    let doc = match a.input.read(p) {
        Ok(d) => d,
        Err(e) => {
            report(e);
            return DocOutput {
                read_error: true,
                ..DocOutput::default()
            };
        }
    };
    crate::guard::test_trap(&doc.text);
    let (reference, mentions) = crate::resolve::run(&doc, lex, opts, a.input.date);
    let views = [DocView {
        doc: &doc,
        reference,
        mentions: &mentions,
    }];
    let cx = CheckContext {
        docs: &views,
        lex,
        settings,
    };
    let findings = check::run(&cx);
    let mut out = DocOutput {
        claims: crate::story::claims_of(&views[0], index, settings, lex),
        name: doc.name.clone(),
        ..DocOutput::default()
    };
    for f in &findings {
        out.counts[match f.severity {
            Severity::Error => 0,
            Severity::Warning => 1,
            Severity::Info => 2,
        }] += 1;
    }
    let docs = [&doc];
    match a.format {
        Format::Human => {
            out.text = human::render(&findings, &docs, color);
            // Say why a weekday or "yesterday" went unchecked: the text has no date.
            let relative = mentions.iter().any(|m| {
                matches!(&m.mention.expr, crate::extract::Expr::Date(d) if d.reads_tense())
                    || matches!(m.mention.kind, crate::extract::Kind::Relation)
            });
            if reference.date.is_none() && relative {
                out.text.insert_str(
                    0,
                    &format!(
                        "note: {} is undated (no --date, front-matter date or dateline): \
                         its weekdays and relative dates were read without a day to check them against\n",
                        doc.name
                    ),
                );
            }
        }
        Format::Concise => out.text = concise::render(&findings, &docs),
        Format::Json => out.json = findings_json::diagnostics(&findings, &docs),
    }
    // What may be rendered again once the set is checked.
    if !out.claims.is_empty() {
        if p.as_os_str() == "-" {
            out.kept = Some(doc);
        } else {
            out.fingerprint = Some(Fingerprint::of(&doc.text));
        }
    }
    out
}
