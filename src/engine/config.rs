//! Where a run's configuration comes from: the project's `reckon.yaml`
//! (given, or found upward from the working folder, never above the
//! repository), the lexicon files it names, and those given on the command
//! line. Problems are returned for the face to report; nothing here prints.

use std::path::{Path, PathBuf};

use crate::check::Settings;
use crate::config::YamlError;
use crate::lexicon::Lexicon;

/// A configuration problem: the run goes on with the defaults, and ends with exit status 2.
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

/// `reckon.yaml` (or `.reckon.yaml`) in `cwd` or its nearest parent that has
/// one, never above the repository root (`cwd` is absolute). The path is
/// relative to `cwd` (`reckon.yaml`, `../reckon.yaml`). A configuration that
/// is a link leading out of the repository is an error.
pub fn discover(cwd: &Path) -> Result<Option<PathBuf>, String> {
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
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" || !p.is_dir() {
            out.push(p.clone());
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
        out.extend(found);
    }
    out
}

/// `p` ends in one of `extensions` (any case).
pub fn has_extension(p: &Path, extensions: &[String]) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| extensions.iter().any(|x| x.eq_ignore_ascii_case(e)))
}
