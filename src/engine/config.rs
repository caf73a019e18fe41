//! Where a run's configuration comes from: the project's `reckon.yaml`
//! (given, or found upward from each file's folder, never above the
//! repository), the lexicon files it names, and those given on the command
//! line. Problems are returned for the face to report; nothing here prints.
//!
//! The command line is strict ([`plan`], [`load_project`]): a configuration
//! that cannot be used stops the run, because checking with the defaults
//! would bring back the rules the user turned off. The language server is
//! lenient ([`settings_from`]): it shows the problem and keeps the editor working.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

use chrono::NaiveDate;

use super::{Checked, Engine, Failure, Input, Loader, SetRun};
use crate::check::{Finding, Settings};
use crate::config::YamlError;
use crate::extract::Options;
use crate::lexicon::Lexicon;
use crate::source::Document;

/// The names a configuration file may have, in the order they are looked for
/// in one folder: the first found is used.
pub const CONFIG_NAMES: [&str; 3] = ["reckon.yaml", ".reckon.yaml", "reckon.yml"];

/// A configuration problem. The command line stops (exit status 2, nothing
/// checked); the language server shows it and uses the defaults.
pub enum Problem {
    /// A diagnostic with the file and place.
    Report(miette::Report),
    /// One line, printed after `error: `.
    Message(String),
}

impl Problem {
    /// A diagnostic.
    pub fn report(e: impl miette::Diagnostic + Send + Sync + 'static) -> Problem {
        Problem::Report(miette::Report::new(e))
    }
}

impl std::fmt::Display for Problem {
    /// As the command line prints it.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Problem::Report(r) => write!(f, "{r:?}"),
            Problem::Message(m) => write!(f, "error: {m}"),
        }
    }
}

/// The settings of the configuration at `path` (the defaults when there is
/// none, or when it cannot be read or is invalid) and the lexicon files it names.
#[must_use]
pub fn settings_from(path: Option<&Path>, problems: &mut Vec<Problem>) -> (Settings, Vec<PathBuf>) {
    let Some(path) = path else {
        return (Settings::defaults(), Vec::new());
    };
    match crate::source::read_config_text(path) {
        Ok(text) => {
            let name = path.display().to_string();
            match Settings::load(Some((&name, &text))) {
                Ok(s) => {
                    let files = config_lexicons(path, &name, &text, &s.lexicon_files, problems);
                    (s, files)
                }
                Err(e) => {
                    problems.push(Problem::report(e));
                    (Settings::defaults(), Vec::new())
                }
            }
        }
        Err(e) => {
            problems.push(Problem::report(e));
            (Settings::defaults(), Vec::new())
        }
    }
}

/// The built-in lexicon extended by `files`.
///
/// # Errors
/// The first file that cannot be read, or a lexicon that does not compile.
pub fn lexicon_from(files: &[PathBuf]) -> Result<Lexicon, Problem> {
    if files.is_empty() {
        return Ok(Lexicon::clone_default());
    }
    let mut texts = Vec::new();
    for f in files {
        // A regular file of at most 16 MiB, in UTF-8: a lexicon error quotes
        // only a file that passed these checks.
        match crate::source::read_config_text(f) {
            Ok(t) => texts.push((f.display().to_string(), t)),
            Err(e) => return Err(Problem::report(e)),
        }
    }
    Lexicon::with_extensions(&texts).map_err(Problem::report)
}

/// The repository `dir` is in: its first ancestor holding `.git` (a folder,
/// or the file of a worktree or submodule).
pub fn repository_root(dir: &Path) -> Option<&Path> {
    dir.ancestors()
        .find(|d| std::fs::symlink_metadata(d.join(".git")).is_ok())
}

/// `reckon.yaml` (or `.reckon.yaml`, `reckon.yml`) in `cwd` or its nearest parent that has
/// one, never above the repository root (`cwd` is absolute). The path is
/// relative to `cwd` (`reckon.yaml`, `../reckon.yaml`). A configuration that
/// is a link leading out of the repository is an error.
pub fn discover(cwd: &Path) -> Result<Option<PathBuf>, String> {
    let root = repository_root(cwd);
    let mut up = PathBuf::new();
    for d in cwd.ancestors() {
        for n in CONFIG_NAMES {
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
    problems: &mut Vec<Problem>,
) -> Vec<PathBuf> {
    let folder = config.parent().filter(|p| !p.as_os_str().is_empty());
    let base = folder.unwrap_or(Path::new("."));
    let root = match base.canonicalize() {
        Ok(b) => repository_root(&b).unwrap_or(&b).to_path_buf(),
        Err(e) => {
            problems.push(Problem::Message(format!("{}: {e}", base.display())));
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
        problems.push(Problem::report(
            YamlError::at_text(name, text, f, why).with_help(help),
        ));
    }
    out
}

/// Expands folders into the prose files under them (by extension, honouring
/// .gitignore and `exclude` globs), in a stable order. Named files are kept.
pub fn expand_paths(
    paths: &[PathBuf],
    extensions: &[String],
    exclude: &[String],
    problems: &mut Vec<Problem>,
) -> Vec<PathBuf> {
    walk_paths(paths, extensions, exclude, problems)
        .into_iter()
        .map(|(p, _)| p)
        .collect()
}

/// [`expand_paths`], each path with whether a folder walk listed it (as a
/// regular file) rather than the caller naming it.
pub fn walk_paths(
    paths: &[PathBuf],
    extensions: &[String],
    exclude: &[String],
    problems: &mut Vec<Problem>,
) -> Vec<(PathBuf, bool)> {
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" || !p.is_dir() {
            out.push((p.clone(), false));
            continue;
        }
        let mut walk = ignore::WalkBuilder::new(p);
        if !exclude.is_empty() {
            let mut ov = ignore::overrides::OverrideBuilder::new(p);
            for g in exclude {
                if let Err(e) = ov.add(&format!("!{g}")) {
                    problems.push(Problem::Message(format!("exclude pattern `{g}`: {e}")));
                }
            }
            match ov.build() {
                Ok(o) => {
                    walk.overrides(o);
                }
                Err(e) => {
                    problems.push(Problem::Message(format!("exclude patterns: {e}")));
                }
            }
        }
        let mut found = Vec::new();
        for entry in walk.build() {
            match entry {
                Ok(e)
                    if e.file_type().is_some_and(|t| t.is_file())
                        && has_extension(e.path(), extensions) =>
                {
                    found.push(e.into_path());
                }
                Ok(_) => {}
                Err(e) => {
                    problems.push(Problem::Message(e.to_string()));
                }
            }
        }
        // Path order (component by component), without comparing `Path`s, which
        // is slow enough to matter for a hundred thousand files: bytes with the
        // separator lowest sort the same way.
        found.sort_by_cached_key(|p| {
            p.as_os_str()
                .as_encoded_bytes()
                .iter()
                .map(|&b| if b == b'/' { 0 } else { b })
                .collect::<Vec<u8>>()
        });
        out.extend(found.into_iter().map(|p| (p, true)));
    }
    out
}

/// `p` ends in one of `extensions` (any case).
pub fn has_extension(p: &Path, extensions: &[String]) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| extensions.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

/// Which configuration a command-line run uses.
#[derive(Debug, Clone)]
pub enum Choice {
    /// None: the built-in defaults (`--isolated`).
    Isolated,
    /// This file, for every input (`--config FILE`).
    Given(PathBuf),
    /// For each file, the nearest configuration upward from its own folder.
    Nearest,
}

/// A configuration ready to check with: its settings and its lexicon (the
/// built-in one, extended by the files it names and by `--lexicon`).
pub struct Project {
    /// Its file; `None` for the built-in defaults.
    pub path: Option<PathBuf>,
    /// The rules' settings.
    pub settings: Settings,
    /// The compiled lexicon.
    pub lexicon: Lexicon,
    /// The lexicon files it was compiled from (the configuration's, then
    /// `--lexicon`): what claims made under it are fingerprinted by.
    pub lexicon_files: Vec<PathBuf>,
}

/// The configuration at `path` (the defaults for `None`) with the lexicon
/// files it names and `extra_lexicons`.
///
/// # Errors
/// Everything that makes it unusable: unreadable, invalid, a lexicon that
/// cannot be read or compiled. Nothing is checked with a broken configuration.
pub fn load_project(
    path: Option<&Path>,
    extra_lexicons: &[PathBuf],
) -> Result<Project, Vec<Problem>> {
    let mut problems = Vec::new();
    // What is wrong with the configuration, and then with `--lexicon` too: all at once.
    let broken = |p: Problem| {
        let mut all = vec![p];
        all.extend(lexicon_from(extra_lexicons).err());
        Err(all)
    };
    let (settings, mut files) = match path {
        None => (Settings::defaults(), Vec::new()),
        Some(path) => match crate::source::read_config_text(path) {
            Err(e) => return broken(Problem::report(e)),
            Ok(text) => {
                let name = path.display().to_string();
                match Settings::load(Some((&name, &text))) {
                    Err(e) => return broken(Problem::report(e)),
                    Ok(s) => {
                        let files =
                            config_lexicons(path, &name, &text, &s.lexicon_files, &mut problems);
                        (s, files)
                    }
                }
            }
        },
    };
    if !problems.is_empty() {
        return Err(problems);
    }
    files.extend(extra_lexicons.iter().cloned());
    let lexicon = lexicon_from(&files).map_err(|p| vec![p])?;
    Ok(Project {
        path: path.map(Path::to_path_buf),
        settings,
        lexicon,
        lexicon_files: files,
    })
}

/// The files of a run, each with the configuration it is checked with.
pub struct Plan {
    /// The configurations used, in the order their first file comes.
    pub projects: Vec<Project>,
    /// Every file to read, in run order, with the index of its project and
    /// whether a folder walk listed it (as a regular file) rather than the
    /// user naming it: it is then read as an [`Input::Listed`].
    pub files: Vec<(PathBuf, usize, bool)>,
    /// The configurations found by looking, as to name them to the user
    /// (relative to the working folder when they can be), in order.
    pub found: Vec<String>,
    /// Problems of the folder walk (an unreadable folder): the run goes on.
    pub problems: Vec<Problem>,
}

/// `path` (absolute) as the user would write it from `cwd`: `reckon.yaml`,
/// `drafts/reckon.yaml`, `../reckon.yaml`, or absolute when far away.
fn shown_from(cwd: &Path, path: &Path) -> String {
    for (ups, base) in cwd.ancestors().enumerate().take(8) {
        if base.parent().is_none() {
            break;
        }
        if let Ok(rest) = path.strip_prefix(base) {
            let mut p = PathBuf::new();
            for _ in 0..ups {
                p.push("..");
            }
            return p.join(rest).display().to_string();
        }
    }
    path.display().to_string()
}

/// `p` made absolute against `cwd`, with `.` and `..` taken out by name.
#[must_use]
pub fn absolute(cwd: &Path, p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in cwd.join(p).components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// The nearest configuration of each folder, looked up once.
struct Nearest<'a> {
    cwd: &'a Path,
    extra_lexicons: &'a [PathBuf],
    folders: HashMap<PathBuf, Option<usize>>,
    /// Each configuration loaded (the defaults under the empty path): its project, or
    /// `None` when it cannot be used.
    by_path: HashMap<PathBuf, Option<usize>>,
    projects: Vec<Project>,
    found: Vec<String>,
    problems: Vec<Problem>,
}

impl Nearest<'_> {
    /// The project of the nearest configuration above `folder` (absolute;
    /// the defaults when there is none). `None` when that configuration
    /// cannot be used: its problem is recorded.
    fn project_of(&mut self, folder: &Path) -> Option<usize> {
        if let Some(&p) = self.folders.get(folder) {
            return p;
        }
        let project = match discover(folder) {
            Err(e) => {
                self.problems.push(Problem::Message(e));
                None
            }
            Ok(None) => self.load(PathBuf::new(), None),
            Ok(Some(rel)) => {
                let path = absolute(folder, &rel);
                let shown = shown_from(self.cwd, &path);
                self.load(path, Some(shown))
            }
        };
        self.folders.insert(folder.to_path_buf(), project);
        project
    }

    /// The project of the configuration at `path` (absolute; empty for the
    /// defaults), shown to the user as `shown`: loaded once, `None` when it
    /// cannot be used (its problems recorded once).
    fn load(&mut self, path: PathBuf, shown: Option<String>) -> Option<usize> {
        if let Some(&i) = self.by_path.get(&path) {
            return i;
        }
        // Read under the name the user is shown, so errors name it so.
        let loaded = match load_project(shown.as_deref().map(Path::new), self.extra_lexicons) {
            Ok(mut p) => {
                p.path = shown.is_some().then(|| path.clone());
                self.found.extend(shown);
                self.projects.push(p);
                Some(self.projects.len() - 1)
            }
            Err(ps) => {
                self.problems.extend(ps);
                None
            }
        };
        self.by_path.insert(path, loaded);
        loaded
    }
}

/// Finds the configuration of every input and the files under each folder.
/// A folder is walked with the extensions and excludes of the configuration
/// nearest to it; each file found is then checked with the configuration
/// nearest to its own folder. Standard input (`-`) takes the configuration
/// of the folder `stdin_name` names, or of `cwd`.
///
/// # Errors
/// Every configuration that cannot be used (all of them are reported at
/// once, and nothing is checked).
pub fn plan(
    paths: &[PathBuf],
    choice: &Choice,
    extra_lexicons: &[PathBuf],
    stdin_name: Option<&str>,
    cwd: &Path,
) -> Result<Plan, Vec<Problem>> {
    let mut walk_problems = Vec::new();
    if let Choice::Isolated | Choice::Given(_) = choice {
        let path = match choice {
            Choice::Given(p) => Some(p.as_path()),
            _ => None,
        };
        let project = load_project(path, extra_lexicons)?;
        let files = walk_paths(
            paths,
            &project.settings.extensions,
            &project.settings.exclude,
            &mut walk_problems,
        );
        return Ok(Plan {
            projects: vec![project],
            files: files
                .into_iter()
                .map(|(f, listed)| (f, 0, listed))
                .collect(),
            found: Vec::new(),
            problems: walk_problems,
        });
    }
    let mut near = Nearest {
        cwd,
        extra_lexicons,
        folders: HashMap::new(),
        by_path: HashMap::new(),
        projects: Vec::new(),
        found: Vec::new(),
        problems: Vec::new(),
    };
    let mut files = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            let named = stdin_name.map_or_else(|| cwd.join("-"), |n| absolute(cwd, Path::new(n)));
            let folder = named.parent().unwrap_or(cwd).to_path_buf();
            if let Some(i) = near.project_of(&folder) {
                files.push((p.clone(), i, false));
            }
            continue;
        }
        let abs = absolute(cwd, p);
        let is_dir = p.is_dir();
        let folder = if is_dir {
            abs.clone()
        } else {
            abs.parent().unwrap_or(cwd).to_path_buf()
        };
        let Some(walker) = near.project_of(&folder) else {
            continue;
        };
        if !is_dir {
            files.push((p.clone(), walker, false));
            continue;
        }
        let settings = &near.projects[walker].settings;
        let (ext, exclude) = (settings.extensions.clone(), settings.exclude.clone());
        for (f, listed) in walk_paths(std::slice::from_ref(p), &ext, &exclude, &mut walk_problems) {
            let folder = absolute(cwd, &f);
            let folder = folder.parent().unwrap_or(cwd).to_path_buf();
            if let Some(i) = near.project_of(&folder) {
                files.push((f, i, listed));
            }
        }
    }
    if !near.problems.is_empty() {
        return Err(near.problems);
    }
    Ok(Plan {
        projects: near.projects,
        files,
        found: near.found,
        problems: walk_problems,
    })
}

impl Plan {
    /// Checks the files, each group of files under one configuration as
    /// one set (so findings across documents are found within a group, not
    /// between groups), and gives back what `each` made of every file in
    /// run order and the findings across the sets together.
    ///
    /// `per-file-ignores` of each configuration are applied here: the
    /// findings of the rules it turns off for a file are dropped before
    /// `each` sees them.
    pub fn run<T: Send>(
        &self,
        options: &Options,
        date: Option<NaiveDate>,
        loader: &Loader,
        threads: usize,
        each: impl Fn(&Input, Result<(&Document, &Checked), Failure>) -> T + Sync,
    ) -> SetRun<T> {
        let mut documents = Vec::with_capacity(self.files.len());
        let across = self.run_each(options, date, loader, threads, each, |_, made| {
            documents.push(made);
        });
        SetRun { documents, across }
    }

    /// [`Plan::run`], emitting what `each` made of file `i` as `emit(i,
    /// made)` as soon as it and every file before it are checked (on a
    /// worker, one at a time, in run order), so that a face prints each
    /// file's findings while the run goes on. Returns the findings across
    /// the sets.
    pub fn run_each<T: Send>(
        &self,
        options: &Options,
        date: Option<NaiveDate>,
        loader: &Loader,
        threads: usize,
        each: impl Fn(&Input, Result<(&Document, &Checked), Failure>) -> T + Sync,
        emit: impl FnMut(usize, T) + Send,
    ) -> super::Across {
        let ordered = super::InOrder::new(emit);
        let mut across = super::Across::default();
        for (k, project) in self.projects.iter().enumerate() {
            let members: Vec<usize> = (0..self.files.len())
                .filter(|&i| self.files[i].1 == k)
                .collect();
            if members.is_empty() {
                continue;
            }
            let inputs: Vec<Input> = members
                .iter()
                .map(|&i| match &self.files[i] {
                    (path, _, true) => Input::Listed(path.clone()),
                    (path, _, false) => Input::from_path(path),
                })
                .collect();
            let ignored: Vec<Vec<&str>> = members
                .iter()
                .map(|&i| self.ignored(project, &self.files[i].0, loader))
                .collect();
            // The rules each document's name turns off, for the findings across documents.
            let by_name: Mutex<HashMap<String, Vec<&str>>> = Mutex::new(HashMap::new());
            let engine = Engine {
                settings: project.settings.clone(),
                lexicon: project.lexicon.clone(),
                options: Options {
                    triggers: project.settings.triggers.clone(),
                    ..options.clone()
                },
                date,
            };
            let each_one = |i: usize, outcome: Result<(&Document, &Checked), Failure>| {
                let off = &ignored[i];
                match outcome {
                    Ok((doc, checked)) if !off.is_empty() => {
                        if let Ok(mut names) = by_name.lock() {
                            names.insert(doc.name.clone(), off.clone());
                        }
                        if checked.findings.iter().any(|f| off.contains(&f.rule)) {
                            let kept = Checked {
                                reference: checked.reference,
                                mentions: checked.mentions.clone(),
                                findings: without(&checked.findings, off),
                                claims: Vec::new(),
                            };
                            each(&inputs[i], Ok((doc, &kept)))
                        } else {
                            each(&inputs[i], Ok((doc, checked)))
                        }
                    }
                    other => each(&inputs[i], other),
                }
            };
            let set = engine.run_each(&inputs, loader, threads, each_one, |i, made| {
                ordered.put(members[i], made);
            });
            let names = by_name.into_inner().unwrap_or_default();
            let mut set = set;
            set.findings.retain(|f| {
                set.documents
                    .get(f.primary.doc)
                    .and_then(|d| names.get(&d.name))
                    .is_none_or(|off| !off.contains(&f.rule))
            });
            add_across(&mut across, set);
        }
        ordered.finish();
        across
    }

    /// The rules `project`'s `per-file-ignores` turn off for `file`.
    pub(crate) fn ignored<'p>(
        &self,
        project: &'p Project,
        file: &Path,
        loader: &Loader,
    ) -> Vec<&'p str> {
        if project.settings.per_file_ignores.is_empty() {
            return Vec::new();
        }
        let cwd = std::env::current_dir().unwrap_or_default();
        let file = if file.as_os_str() == "-" {
            match &loader.stdin_name {
                Some(n) => Path::new(n),
                None => return Vec::new(),
            }
        } else {
            file
        };
        let abs = absolute(&cwd, file);
        let base = project
            .path
            .as_deref()
            .map(|p| absolute(&cwd, p))
            .and_then(|p| p.parent().map(Path::to_path_buf))
            .unwrap_or(cwd);
        let rel = abs.strip_prefix(&base).unwrap_or(&abs);
        project.settings.ignored_for(rel)
    }
}

/// `findings` without those of the rules `off`.
fn without(findings: &[Finding], off: &[&str]) -> Vec<Finding> {
    findings
        .iter()
        .filter(|f| !off.contains(&f.rule))
        .cloned()
        .collect()
}

/// Adds the findings across one set to those of the run, renumbering the
/// documents they label.
pub(crate) fn add_across(all: &mut super::Across, set: super::Across) {
    let base = all.documents.len();
    all.documents.extend(set.documents);
    all.findings.extend(set.findings.into_iter().map(|mut f| {
        f.move_docs(|d| d + base);
        f
    }));
    all.problems.extend(set.problems);
}
