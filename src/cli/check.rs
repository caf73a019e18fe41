//! `reckon check`: find the configuration and the inputs, let the engine
//! check them ([`Engine::run`]), render each document's findings while the
//! engine holds it and the findings across the set after, and choose the exit
//! status (0 clean, 1 findings at or above `--fail-on`, 2 a usage, config or
//! I/O error — the readable inputs are still checked).

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::ValueEnum;

pub(super) mod claims;

use super::progress::Progress;
use super::{report, InputArgs};
use crate::check::Settings;
use crate::check::{Finding, Fix};
use crate::engine::fix;
use crate::engine::{config, Across, Checked, Counts, Failure, Input, SetProblem};
use crate::lexicon::Lexicon;
use crate::render::{concise, findings_json, github, gitlab, human, junit, sarif, statistics};
use crate::source::Document;

/// Output formats of `reckon check`.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum Format {
    /// miette's graphical report, with every span labelled.
    Human,
    /// One line per finding.
    Concise,
    /// The stable JSON schema documented in the README.
    Json,
    /// One JSON object per finding, one per line (the objects of `json`).
    JsonLines,
    /// SARIF 2.1.0, for code scanning (GitHub, Azure DevOps).
    Sarif,
    /// GitHub Actions workflow commands: annotations on a pull request.
    Github,
    /// GitLab's Code Quality report.
    Gitlab,
    /// JUnit XML: each file a test case, its findings failures.
    Junit,
}

impl Format {
    /// Formats written once for the whole run (a JSON log, an XML report),
    /// which need every document's findings at the end.
    fn whole_run(self) -> bool {
        matches!(self, Format::Sarif | Format::Gitlab | Format::Junit)
    }
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

impl Color {
    /// Whether the report on standard output is coloured.
    fn on(self) -> bool {
        match self {
            Color::Always => true,
            Color::Never => false,
            Color::Auto => {
                std::io::stdout().is_terminal()
                    && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        }
    }
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
    /// Documents checked at once (default: one per core; 1 = one thread). The
    /// output is the same whatever the number: documents are reported in input order.
    #[arg(long, default_value_t = default_threads())]
    threads: usize,
    /// Print how many findings each rule made (fixable ones marked) instead of the findings.
    #[arg(long)]
    statistics: bool,
    /// Apply the safe fixes to the files, then report what is left.
    #[arg(long)]
    fix: bool,
    /// With `--fix` or `--diff`: the unsafe fixes too (a changed number or date).
    #[arg(long)]
    unsafe_fixes: bool,
    /// Show the fixes as a unified diff, without writing anything.
    #[arg(long, conflicts_with = "fix")]
    diff: bool,
    /// Write the report to FILE instead of standard output.
    #[arg(short = 'o', long = "output-file", value_name = "FILE")]
    output_file: Option<PathBuf>,
    /// The paths are claims files written by `reckon extract --format jsonl`
    /// (`-`: standard input): check the set they make, as one `check` of
    /// their documents would.
    #[arg(long, conflicts_with_all = ["fix", "diff"])]
    claims: bool,
}

/// Which configuration the flags ask for.
fn choice(config: Option<&PathBuf>, isolated: bool) -> config::Choice {
    match (config, isolated) {
        (_, true) => config::Choice::Isolated,
        (Some(c), false) => config::Choice::Given(c.clone()),
        (None, false) => config::Choice::Nearest,
    }
}

/// Each file to read with the configuration it is checked with: the nearest
/// `reckon.yaml` upward from its own folder, or `--config` for all, or none
/// with `--isolated`. Every configuration found by looking is named on
/// standard error. `None` when a configuration cannot be used: the problems
/// are printed, and nothing should be checked (exit status 2).
pub(super) fn configure(
    input: &InputArgs,
    config: Option<&PathBuf>,
    isolated: bool,
    errors: &mut usize,
) -> Option<config::Plan> {
    plan_paths(
        &input.paths,
        config,
        isolated,
        &input.lexicon,
        input.stdin_filename.as_deref(),
        errors,
        "checked",
    )
}

/// [`configure`] for any paths: each configuration found is named on
/// standard error, its problems counted in `errors`; `None`, said with
/// "nothing was {done}", when a configuration cannot be used.
fn plan_paths(
    paths: &[PathBuf],
    config: Option<&PathBuf>,
    isolated: bool,
    lexicons: &[PathBuf],
    stdin_name: Option<&str>,
    errors: &mut usize,
    done: &str,
) -> Option<config::Plan> {
    let cwd = std::env::current_dir().unwrap_or_default();
    match config::plan(paths, &choice(config, isolated), lexicons, stdin_name, &cwd) {
        Ok(plan) => {
            for found in &plan.found {
                eprintln!("reckon: using config {found}");
            }
            for p in &plan.problems {
                eprintln!("{p}");
                *errors += 1;
            }
            Some(plan)
        }
        Err(problems) => {
            for p in &problems {
                eprintln!("{p}");
            }
            eprintln!("error: the configuration cannot be used; nothing was {done}");
            None
        }
    }
}

/// One configuration for the whole set, for a command that reads the set as
/// one (`timeline`): `--config`, none with `--isolated`, or the nearest to
/// the working folder. `None` when it cannot be used (reported; exit status 2).
pub(super) fn configure_set(
    input: &InputArgs,
    config: Option<&PathBuf>,
    isolated: bool,
    errors: &mut usize,
) -> Option<(Settings, Lexicon, Vec<PathBuf>)> {
    let choice = match choice(config, isolated) {
        config::Choice::Nearest => match std::env::current_dir().map(|d| config::discover(&d)) {
            Ok(Ok(Some(found))) => {
                eprintln!("reckon: using config {}", found.display());
                config::Choice::Given(found)
            }
            Ok(Ok(None)) | Err(_) => config::Choice::Isolated,
            Ok(Err(e)) => {
                eprintln!("error: {e}");
                eprintln!("error: the configuration cannot be used; nothing was read");
                return None;
            }
        },
        other => other,
    };
    let cwd = std::env::current_dir().unwrap_or_default();
    let mut plan = match config::plan(&input.paths, &choice, &input.lexicon, None, &cwd) {
        Ok(plan) => plan,
        Err(problems) => {
            for p in &problems {
                eprintln!("{p}");
            }
            eprintln!("error: the configuration cannot be used; nothing was read");
            return None;
        }
    };
    for p in &plan.problems {
        eprintln!("{p}");
        *errors += 1;
    }
    let project = plan.projects.pop()?;
    let files = plan.files.into_iter().map(|(f, _, _)| f).collect();
    Some((project.settings, project.lexicon, files))
}

/// One thread per core the process may use (`available_parallelism`), or 1.
fn default_threads() -> usize {
    std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
}

/// What one document contributes to the output.
#[derive(Default)]
struct DocOutput {
    text: String,
    json: Vec<String>,
    counts: Counts,
    /// It could not be read or checked (exit status 2).
    failed: bool,
    /// Why, for standard error: printed in input order with the report.
    stderr: String,
    /// For the whole-run formats and `--statistics`: the document (its text
    /// only when it has findings) and its findings.
    /// Boxed: most documents keep nothing, and every document's output waits
    /// in memory until the run ends (a `Document` inline would cost each of
    /// 96,000 files a few hundred bytes for nothing).
    kept: Option<Box<(Document, Vec<Finding>)>>,
}

/// The documents and findings of the whole run, one index space: what the
/// whole-run formats render.
#[derive(Default)]
struct Kept {
    docs: Vec<Document>,
    findings: Vec<Finding>,
}

impl Kept {
    /// Adds `docs` and their `findings` (whose `doc` indices count from 0 in `docs`).
    fn add(&mut self, docs: Vec<Document>, findings: Vec<Finding>) {
        let base = self.docs.len();
        self.docs.extend(docs);
        self.findings.extend(findings.into_iter().map(|mut f| {
            f.move_docs(|d| d + base);
            f
        }));
    }
}

pub(crate) fn run(a: &CheckArgs) -> ExitCode {
    if a.claims {
        return claims::check(a);
    }
    let mut errors = 0usize;
    let Some(plan) = configure(&a.input, a.config.as_ref(), a.isolated, &mut errors) else {
        return ExitCode::from(2);
    };
    let color = a.color.on();
    let options = a.input.options();
    if a.fix || a.diff {
        let which = if a.unsafe_fixes {
            fix::Which::All
        } else {
            fix::Which::Safe
        };
        let changed = fix_pass(a, &plan, which, &mut errors);
        if a.diff {
            return if errors > 0 {
                ExitCode::from(2)
            } else if changed > 0 {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            };
        }
    }
    let Some(mut report) = Report::open(a, color, plan.files.len(), errors) else {
        return ExitCode::from(2);
    };
    // Each file's findings are written as soon as it and every file before
    // it are checked; the whole-run formats keep them for the end.
    let across = plan.run_each(
        &options,
        a.input.date,
        &a.input.loader(),
        a.threads,
        |input, outcome| render_one(a, input, outcome, color),
        |_, r: DocOutput| report.document(r),
    );
    report.across(across, "changed while reckon was running");
    report.finish()
}

/// What `check` writes and how it ends: each document's output as it comes
/// (text at once, JSON diagnostics as they come, the rest kept for the
/// whole-run formats), then the findings across the set, the summary, and
/// the exit status. `check` and `check --claims` write through it alike.
struct Report<'a> {
    a: &'a CheckArgs,
    color: bool,
    out: Box<dyn Write + Send>,
    counts: Counts,
    json_written: usize,
    kept: Kept,
    files: usize,
    /// Inputs or steps that failed (exit status 2).
    errors: usize,
    progress: Progress,
}

impl<'a> Report<'a> {
    /// A report to standard output or `-o FILE` over `total` documents,
    /// counting `errors` already met. `None` when the file cannot be made
    /// (said on standard error).
    fn open(a: &'a CheckArgs, color: bool, total: usize, errors: usize) -> Option<Report<'a>> {
        let out: Box<dyn Write + Send> = match &a.output_file {
            None => Box::new(std::io::BufWriter::new(std::io::stdout())),
            Some(path) => match std::fs::File::create(path) {
                Ok(f) => Box::new(std::io::BufWriter::new(f)),
                Err(e) => {
                    eprintln!("error: cannot write the report to {}: {e}", path.display());
                    return None;
                }
            },
        };
        Some(Report {
            a,
            color,
            out,
            counts: Counts::default(),
            json_written: 0,
            kept: Kept::default(),
            files: 0,
            errors,
            progress: Progress::new(total),
        })
    }

    /// One document's output, in input order.
    fn document(&mut self, r: DocOutput) {
        self.progress.tick();
        if !r.stderr.is_empty() {
            self.progress.clear();
            eprintln!("{}", r.stderr);
        }
        if r.failed {
            self.errors += 1;
            return;
        }
        self.files += 1;
        self.counts += r.counts;
        if let Some(both) = r.kept {
            let (doc, findings) = *both;
            self.kept.add(vec![doc], findings);
        }
        match self.a.format {
            Format::Json => write_json(&mut self.out, &mut self.json_written, &r.json),
            _ if !r.text.is_empty() => {
                self.progress.clear();
                let _ = self.out.write_all(r.text.as_bytes());
                let _ = self.out.flush();
            }
            _ => {}
        }
    }

    /// The findings across the set and what went wrong there; `changed`
    /// says how a document read back differed ("changed while reckon was
    /// running").
    fn across(&mut self, across: Across, changed: &str) {
        self.progress.clear();
        let a = self.a;
        for p in across.problems {
            self.errors += 1;
            match p {
                SetProblem::Crashed { crash, during } => eprintln!("{}", crash.report(during)),
                SetProblem::Changed { input, unreadable } => {
                    if let Some(e) = unreadable {
                        report(e);
                    }
                    eprintln!(
                        "error: {input}: {changed}; its cross-document findings are not shown"
                    );
                }
            }
        }
        if across.findings.is_empty() {
            return;
        }
        if a.statistics || a.format.whole_run() {
            self.counts += Counts::of(&across.findings);
            self.kept.add(across.documents, across.findings);
            return;
        }
        let rendered = crate::guard::isolate(|| {
            let refs: Vec<&Document> = across.documents.iter().collect();
            let mut out = DocOutput::default();
            render_findings(a, &mut out, &across.findings, &refs, self.color);
            out
        });
        match rendered {
            Ok(out) => {
                self.counts += Counts::of(&across.findings);
                match a.format {
                    Format::Json => write_json(&mut self.out, &mut self.json_written, &out.json),
                    _ => {
                        let _ = self.out.write_all(out.text.as_bytes());
                    }
                }
            }
            Err(crash) => {
                eprintln!("{}", crash.report("the findings across documents"));
                self.errors += 1;
            }
        }
    }

    /// The summary or the whole-run report, and the exit status: 2 when
    /// something could not be read or checked, else 1 when a finding is at
    /// or above `--fail-on`, else 0.
    fn finish(mut self) -> ExitCode {
        let a = self.a;
        let Counts {
            errors: errs,
            warnings: warns,
            infos,
        } = self.counts;
        let files = self.files;
        let summary = findings_json::Summary {
            files,
            errors: errs,
            warnings: warns,
            infos,
        };
        let kept = &self.kept;
        let whole = || -> Option<String> {
            let refs: Vec<&Document> = kept.docs.iter().collect();
            crate::guard::isolate(|| match a.format {
                Format::Sarif => {
                    let cwd = std::env::current_dir().unwrap_or_default();
                    sarif::render(&kept.findings, &refs, &cwd)
                }
                Format::Gitlab => gitlab::render(&kept.findings, &refs),
                _ => junit::render(&kept.findings, &refs),
            })
            .map_err(|crash| eprintln!("{}", crash.report("the report")))
            .ok()
        };
        let stdout = &mut self.out;
        let _ = match a.format {
            _ if a.statistics => stdout.write_all(statistics::render(&kept.findings).as_bytes()),
            Format::Json => {
                if self.json_written == 0 {
                    let _ = stdout.write_all(findings_json::OPENING.as_bytes());
                }
                stdout.write_all(findings_json::closing(summary).as_bytes())
            }
            Format::JsonLines | Format::Github => Ok(()),
            Format::Sarif | Format::Gitlab | Format::Junit => match whole() {
                Some(text) => stdout.write_all(text.as_bytes()),
                None => {
                    self.errors += 1;
                    Ok(())
                }
            },
            Format::Human | Format::Concise => writeln!(
                stdout,
                "{files} file{} checked: {errs} error{}, {warns} warning{}, {infos} info",
                if files == 1 { "" } else { "s" },
                if errs == 1 { "" } else { "s" },
                if warns == 1 { "" } else { "s" },
            ),
        };
        let _ = stdout.flush();
        if self.errors > 0 {
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
}

/// Writes diagnostics of `--format json` as they come: the document's
/// opening before the first, a separator before each other (`written`
/// counts them), so the streamed bytes are those of one assembled document.
fn write_json(out: &mut dyn Write, written: &mut usize, diagnostics: &[String]) {
    for d in diagnostics {
        let _ = out.write_all(if *written == 0 {
            findings_json::OPENING.as_bytes()
        } else {
            findings_json::SEPARATOR.as_bytes()
        });
        let _ = out.write_all(d.as_bytes());
        *written += 1;
    }
}

/// A document's text as read and the fixes to apply to it.
struct ToFix {
    input: Input,
    name: String,
    text: String,
    fixes: Vec<Fix>,
}

/// Checks every input once for its fixes, then writes them (`--fix`) or
/// prints them as a diff (`--diff`). Returns how many files would change or
/// did. Standard input is never written; its diff is shown.
fn fix_pass(a: &CheckArgs, plan: &config::Plan, which: fix::Which, errors: &mut usize) -> usize {
    let options = a.input.options();
    let loader = a.input.loader();
    let run = plan.run(
        &options,
        a.input.date,
        &loader,
        a.threads,
        |input, outcome| {
            let (doc, checked) = outcome.ok()?;
            let fixes: Vec<Fix> = checked
                .findings
                .iter()
                .filter_map(|f| f.fix.clone())
                .filter(|x| which.admits(x))
                .collect();
            (!fixes.is_empty()).then(|| ToFix {
                input: input.clone(),
                name: doc.name.clone(),
                text: doc.text.to_string(),
                fixes,
            })
        },
    );
    let mut todo: Vec<ToFix> = run.documents.into_iter().flatten().collect();
    // Fixes across the set, by the document they label.
    for f in &run.across.findings {
        let Some(x) = f.fix.clone().filter(|x| which.admits(x)) else {
            continue;
        };
        let Some(doc) = run.across.documents.get(x.doc) else {
            continue;
        };
        match todo.iter_mut().find(|t| t.name == doc.name) {
            Some(t) => t.fixes.push(x),
            None => {
                if let Some(input) = plan
                    .files
                    .iter()
                    .map(|(p, _, _)| Input::from_path(p))
                    .find(|i| i.display() == doc.name)
                {
                    todo.push(ToFix {
                        input,
                        name: doc.name.clone(),
                        text: doc.text.to_string(),
                        fixes: vec![x],
                    });
                }
            }
        }
    }
    let mut stdout = std::io::stdout().lock();
    let (mut files, mut applied) = (0, 0);
    for t in &todo {
        let refs: Vec<&Fix> = t.fixes.iter().collect();
        let (fixed, n) = fix::apply(&t.text, &refs);
        if n == 0 {
            continue;
        }
        match (&t.input, a.diff) {
            (_, true) | (Input::Stdin | Input::Memory(_), _) => {
                let _ = stdout.write_all(fix::diff(&t.name, &t.text, &fixed).as_bytes());
            }
            (Input::File(path) | Input::Listed(path), false) => {
                match fix::write_atomically(path, &t.text, &fixed) {
                    Ok(fix::Written::Done) => {}
                    Ok(fix::Written::ChangedSinceRead) => {
                        eprintln!(
                            "error: {}: changed while reckon was running; not fixed",
                            t.name
                        );
                        *errors += 1;
                        continue;
                    }
                    Err(e) => {
                        eprintln!("error: cannot write the fixes to {}: {e}", t.name);
                        *errors += 1;
                        continue;
                    }
                }
            }
        }
        files += 1;
        applied += n;
    }
    let verb = if a.diff { "would fix" } else { "fixed" };
    eprintln!(
        "reckon: {verb} {applied} finding{} in {files} file{}",
        if applied == 1 { "" } else { "s" },
        if files == 1 { "" } else { "s" }
    );
    let _ = stdout.flush();
    files
}

/// Renders one document's findings (or reports why it has none) while the
/// engine still holds it.
fn render_one(
    a: &CheckArgs,
    input: &Input,
    outcome: Result<(&crate::source::Document, &Checked), Failure>,
    color: bool,
) -> DocOutput {
    let (doc, checked) = match outcome {
        Ok(ok) => ok,
        Err(Failure::Unreadable(e)) => {
            return DocOutput {
                failed: true,
                stderr: format!("{:?}", miette::Report::new(e)),
                ..DocOutput::default()
            };
        }
        Err(Failure::Crashed(crash)) => {
            return DocOutput {
                failed: true,
                stderr: crash.report(&input.display()),
                ..DocOutput::default()
            };
        }
    };
    let findings = &checked.findings;
    let mut out = DocOutput {
        counts: Counts::of(findings),
        ..DocOutput::default()
    };
    if a.statistics || a.format.whole_run() {
        // JUnit lists every file; the others need only those with findings.
        let keep_text = !findings.is_empty();
        let kept_doc = if keep_text {
            doc.clone()
        } else {
            Document::from_text(doc.name.clone(), String::new(), doc.format)
        };
        if keep_text || matches!(a.format, Format::Junit) {
            out.kept = Some(Box::new((kept_doc, findings.clone())));
        }
        return out;
    }
    let docs = [doc];
    if !matches!(a.format, Format::Human) {
        render_findings(a, &mut out, findings, &docs, false);
        return out;
    }
    match a.format {
        Format::Human => {
            out.text = human::render(findings, &docs, color);
            // Say why a weekday or "yesterday" went unchecked: the text has no date.
            if checked.undated_relative() {
                out.text.insert_str(0, &undated_note(&doc.name));
            }
        }
        _ => render_findings(a, &mut out, findings, &docs, false),
    }
    out
}

/// Why a weekday or "yesterday" went unchecked in document `name`.
fn undated_note(name: &str) -> String {
    format!(
        "note: {name} is undated (no --date, front-matter date or dateline): \
         its weekdays and relative dates were read without a day to check them against\n"
    )
}

/// The streamed formats: each document's (or the set's) findings as text or JSON objects.
fn render_findings(
    a: &CheckArgs,
    out: &mut DocOutput,
    findings: &[Finding],
    docs: &[&Document],
    color: bool,
) {
    match a.format {
        Format::Human => out.text = human::render(findings, docs, color),
        Format::Concise => out.text = concise::render(findings, docs),
        Format::Json => out.json = findings_json::diagnostics(findings, docs),
        Format::JsonLines => out.text = findings_json::lines(findings, docs),
        Format::Github => out.text = github::render(findings, docs),
        Format::Sarif | Format::Gitlab | Format::Junit => {}
    }
}
