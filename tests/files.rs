//! A repository's files are data, never a way out: special files and
//! over-size inputs are refused unopened or unread, paths in a `reckon.yaml`
//! stay inside its project, error messages quote only the user's YAML,
//! configuration discovery stops at the repository root, and findings are
//! rendered from the bytes that were checked.
//!
//! Every command runs with a time limit: a reckon that blocks on a FIFO or
//! reads `/dev/zero` fails the test instead of hanging it.

#[path = "support/run.rs"]
mod run;
#[path = "support/temp_dir.rs"]
mod temp_dir;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};
use temp_dir::TempDir;

/// How long one reckon run may take before the test fails.
const LIMIT: Duration = Duration::from_secs(10);

impl TempDir {
    fn new(test: &str) -> TempDir {
        TempDir::in_suite("files", test)
    }

    /// A folder that is a repository root (holds `.git`).
    fn repo(test: &str) -> TempDir {
        let d = TempDir::new(test);
        std::fs::create_dir_all(d.0.join(".git")).unwrap();
        d
    }

    fn fifo(&self, name: &str) -> PathBuf {
        let p = self.0.join(name);
        let ok = Command::new("mkfifo").arg(&p).status().unwrap().success();
        assert!(ok, "mkfifo {}", p.display());
        p
    }

    fn symlink(&self, target: &str, name: &str) -> PathBuf {
        let p = self.0.join(name);
        std::os::unix::fs::symlink(target, &p).unwrap();
        p
    }
}

/// A weekday that does not fit its date: one error.
const WRONG_WEEKDAY: &str = "The talks opened on Thursday, March 12, 2025, in Geneva.\n";

/// Runs reckon in `dir` with `args` and `stdin`, killing it after [`LIMIT`].
fn reckon(dir: &Path, args: &[&str], stdin: &[u8]) -> Output {
    run::reckon_within(LIMIT, dir, args, stdin)
}

/// A folder holding `name` (with `text`) and `repo/`, which becomes a
/// repository when it gets its `.git`.
fn outside_and_repo(test: &str, name: &str, text: &str) -> (TempDir, PathBuf) {
    let outer = TempDir::new(test);
    std::fs::write(outer.0.join(name), text).unwrap();
    let repo = outer.0.join("repo");
    std::fs::create_dir_all(&repo).unwrap();
    (outer, repo)
}

/// Runs reckon as [`reckon`] does and asserts its exit status and that its
/// standard error says each of `said`.
fn expect(dir: &Path, args: &[&str], stdin: &[u8], code: i32, said: &[&str]) -> Output {
    let out = reckon(dir, args, stdin);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(code), "{args:?}: {err}");
    for s in said {
        assert!(err.contains(s), "{args:?}: no {s:?} in: {err}");
    }
    out
}

/// The one readable input, with its wrong weekday, was still checked.
fn good_md_was_checked(out: &Output) {
    let said = stdout(out);
    assert!(said.contains("1 file checked: 1 error"), "{said}");
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

// --- 1. Only regular files, and no more than the limit --------------------

#[test]
fn a_fifo_input_is_refused_unopened_and_the_other_inputs_are_read() {
    let d = TempDir::new("fifo-input");
    d.fifo("f.md");
    d.write("good.md", WRONG_WEEKDAY.as_bytes());
    for cmd in ["check", "extract", "timeline"] {
        let out = expect(
            &d.0,
            &[cmd, "f.md", "good.md"],
            b"",
            2,
            &["f.md: not a regular file (a FIFO); skipped"],
        );
        assert!(
            stdout(&out).contains("March 12, 2025"),
            "{cmd}: {}",
            stdout(&out)
        );
    }
}

/// A folder walk reads only what it lists as regular files, which it opens
/// without looking at their paths first: a FIFO, a link to a device and a
/// link to a folder in the folder are passed over, and nothing blocks.
#[test]
fn a_folder_walk_passes_over_special_files_and_links() {
    let d = TempDir::new("walk-special");
    std::fs::create_dir_all(d.0.join("news")).unwrap();
    d.fifo("news/f.md");
    d.symlink("/dev/zero", "news/z.md");
    d.symlink("/tmp", "news/t.md");
    d.write("news/good.md", WRONG_WEEKDAY.as_bytes());
    for cmd in ["check", "extract", "timeline"] {
        let out = reckon(&d.0, &[cmd, "news"], b"");
        assert!(
            !stderr(&out).contains("skipped") && !stderr(&out).contains("f.md"),
            "{cmd}: {}",
            stderr(&out)
        );
        assert!(
            stdout(&out).contains("March 12, 2025"),
            "{cmd}: {}",
            stdout(&out)
        );
    }
    let out = reckon(&d.0, &["check", "--format", "json", "news"], b"");
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stdout(&out).contains("\"files\":1"), "{}", stdout(&out));
}

#[test]
fn a_link_to_a_device_is_refused() {
    let d = TempDir::new("dev-zero");
    d.symlink("/dev/zero", "z.md");
    d.write("good.md", WRONG_WEEKDAY.as_bytes());
    let out = expect(
        &d.0,
        &["check", "z.md", "good.md"],
        b"",
        2,
        &["z.md: not a regular file (a character device); skipped"],
    );
    good_md_was_checked(&out);
}

#[test]
fn a_fifo_or_device_lexicon_is_refused() {
    let d = TempDir::repo("fifo-lexicon");
    d.fifo("lex.yaml");
    d.write("good.md", WRONG_WEEKDAY.as_bytes());
    // On the command line, for extract and check.
    for cmd in ["extract", "check"] {
        expect(
            &d.0,
            &[cmd, "--lexicon", "lex.yaml", "good.md"],
            b"",
            2,
            &["lex.yaml: not a regular file (a FIFO); skipped"],
        );
    }
    expect(
        &d.0,
        &["check", "--lexicon", "/dev/zero", "good.md"],
        b"",
        2,
        &["/dev/zero: not a regular file (a character device)"],
    );
    // Named in the discovered reckon.yaml.
    d.write("reckon.yaml", b"lexicon: [lex.yaml]\n");
    let out = expect(
        &d.0,
        &["check", "good.md"],
        b"",
        2,
        &["lex.yaml: not a regular file (a FIFO)"],
    );
    run::nothing_was_checked(&out);
    // The configuration itself.
    std::fs::remove_file(d.0.join("reckon.yaml")).unwrap();
    d.fifo("reckon.yaml");
    expect(
        &d.0,
        &["check", "good.md"],
        b"",
        2,
        &["reckon.yaml: not a regular file (a FIFO)"],
    );
}

#[test]
fn an_input_over_the_limit_is_refused_and_the_limit_can_be_set() {
    let d = TempDir::new("too-large");
    let big = format!("{}{}", WRONG_WEEKDAY, "x".repeat(2000));
    d.write("big.md", big.as_bytes());
    d.write("good.md", WRONG_WEEKDAY.as_bytes());
    let out = expect(
        &d.0,
        &["check", "--max-file-size", "1K", "big.md", "good.md"],
        b"",
        2,
        &["big.md: larger than the limit of 1024 bytes; skipped"],
    );
    good_md_was_checked(&out);
    // The default limit reads it; so does a larger one.
    for args in [
        &["check", "big.md"][..],
        &["check", "--max-file-size", "4KiB", "big.md"],
    ] {
        let out = reckon(&d.0, args, b"");
        assert_eq!(out.status.code(), Some(1), "{args:?}: {}", stderr(&out));
    }
    // Standard input is bounded by the same limit.
    expect(
        &d.0,
        &["extract", "--max-file-size", "1K", "-"],
        big.as_bytes(),
        2,
        &["<stdin>: larger than the limit of 1024 bytes"],
    );
    let out = reckon(&d.0, &["check", "-"], WRONG_WEEKDAY.as_bytes());
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    // A size that is not one is a usage error.
    expect(
        &d.0,
        &["check", "--max-file-size", "lots", "good.md"],
        b"",
        2,
        &["`lots` is not a size"],
    );
}

#[test]
fn a_lexicon_over_16_mib_is_refused_unread() {
    let d = TempDir::new("big-lexicon");
    let f = std::fs::File::create(d.0.join("lex.yaml")).unwrap();
    f.set_len((16 << 20) + 1).unwrap(); // sparse: nothing is written
    d.write("good.md", WRONG_WEEKDAY.as_bytes());
    expect(
        &d.0,
        &["check", "--lexicon", "lex.yaml", "good.md"],
        b"",
        2,
        &["lex.yaml: larger than the limit of 16777216 bytes"],
    );
}

// --- 2. Paths in a reckon.yaml stay in its project -------------------------

const LEXICON: &str = "numbers:\n  zork: 7\n";

#[test]
fn a_config_cannot_name_a_lexicon_outside_its_project() {
    let (outer, repo) = outside_and_repo("escape", "outside.yaml", LEXICON);
    std::fs::create_dir_all(repo.join(".git")).unwrap();
    std::fs::write(repo.join("good.md"), WRONG_WEEKDAY).unwrap();
    std::os::unix::fs::symlink(outer.0.join("outside.yaml"), repo.join("link.yaml")).unwrap();
    let cases = [
        (
            "/proc/self/environ",
            "1:11",
            "is an absolute path; not read",
        ),
        ("../outside.yaml", "1:11", "leads outside"),
        ("\"../../../../../etc/hostname\"", "1:12", "leads outside"),
        ("link.yaml", "1:11", "leads outside"),
    ];
    for (entry, at, why) in cases {
        std::fs::write(repo.join("reckon.yaml"), format!("lexicon: [{entry}]\n")).unwrap();
        let out = reckon(&repo, &["check", "good.md"], b"");
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{entry}: {err}");
        assert!(
            err.contains(&format!("reckon.yaml:{at}: `lexicon` entry")),
            "{entry}: {err}"
        );
        assert!(err.contains(why), "{entry}: {err}");
        assert!(
            !err.contains("PATH="),
            "{entry}: the environment was quoted: {err}"
        );
        assert!(
            !err.contains("zork"),
            "{entry}: the outside file was read: {err}"
        );
        // Nothing is checked with the configuration broken.
        run::nothing_was_checked(&out);
    }
    // Given with --config from elsewhere, the file is confined all the same.
    std::fs::write(repo.join("reckon.yaml"), "lexicon: [../outside.yaml]\n").unwrap();
    expect(
        &outer.0,
        &["check", "--config", "repo/reckon.yaml", "repo/good.md"],
        b"",
        2,
        &["leads outside"],
    );
}

#[test]
fn a_config_may_name_a_lexicon_anywhere_in_its_repository_and_the_command_line_anywhere() {
    let (outer, repo) = outside_and_repo("inside", "outside.yaml", LEXICON);
    std::fs::create_dir_all(repo.join(".git")).unwrap();
    std::fs::create_dir_all(repo.join("docs")).unwrap();
    std::fs::write(repo.join("words.yaml"), LEXICON).unwrap();
    std::fs::write(repo.join("docs/reckon.yaml"), "lexicon: [../words.yaml]\n").unwrap();
    std::fs::write(repo.join("docs/a.md"), "There were zork of them.\n").unwrap();
    let out = reckon(&repo.join("docs"), &["extract", "a.md"], b"");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = reckon(&repo.join("docs"), &["check", "a.md"], b"");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let outside = outer.0.join("outside.yaml");
    let out = reckon(
        &repo.join("docs"),
        &[
            "extract",
            "--format",
            "json",
            "--lexicon",
            outside.to_str().unwrap(),
            "a.md",
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("\"zork\""), "{}", stdout(&out));
}

// --- 3. An error quotes the user's YAML, one short line of it -------------

#[test]
fn a_lexicon_error_quotes_one_line_and_a_file_that_is_not_yaml_text_not_at_all() {
    let d = TempDir::repo("quote");
    d.write("good.md", WRONG_WEEKDAY.as_bytes());
    d.write("env.yaml", b"CI_TOKEN=s3cret\0HOME=/root\0");
    let long = format!(
        "numbers:\n  zork: 7\n  {}: [1]\n  mine: 2\n",
        "k".repeat(400)
    );
    d.write("long.yaml", long.as_bytes());
    d.write("reckon.yaml", b"lexicon: [env.yaml]\n");
    let out = reckon(&d.0, &["check", "good.md"], b"");
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains(
            "env.yaml:1:16: not a YAML text: control character U+0000; nothing of it is quoted"
        ),
        "{err}"
    );
    assert!(
        !err.contains("s3cret") && !err.contains("CI_TOKEN"),
        "{err}"
    );
    let out = reckon(&d.0, &["extract", "--lexicon", "long.yaml", "good.md"], b"");
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("long.yaml:3:"), "{err}");
    let quoted: Vec<&str> = err.lines().filter(|l| l.contains(" │ ")).collect();
    assert_eq!(quoted.len(), 1, "one line is quoted: {err}");
    assert!(quoted[0].len() < 200, "{err}");
    assert!(!err.contains("zork") && !err.contains("mine"), "{err}");
}

// --- 4. Discovery stops at the repository root, and names what it found ---

const NO_WEEKDAYS: &str = "rules:\n  weekday-mismatch:\n    enabled: false\n";

#[test]
fn a_config_above_the_repository_is_never_used() {
    let (outer, repo) = outside_and_repo("above-repo", "reckon.yaml", NO_WEEKDAYS);
    std::fs::create_dir_all(repo.join("docs")).unwrap();
    // A worktree's or submodule's `.git` is a file.
    std::fs::write(repo.join(".git"), "gitdir: /elsewhere\n").unwrap();
    std::fs::write(repo.join("docs/a.md"), WRONG_WEEKDAY).unwrap();
    for cwd in [repo.clone(), repo.join("docs")] {
        let path = if cwd == repo { "docs/a.md" } else { "a.md" };
        let out = reckon(&cwd, &["check", path], b"");
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        assert!(!stderr(&out).contains("using config"), "{}", stderr(&out));
    }
    // Outside the repository it is found, and named.
    std::fs::create_dir_all(outer.0.join("notes")).unwrap();
    std::fs::write(outer.0.join("notes/a.md"), WRONG_WEEKDAY).unwrap();
    expect(
        &outer.0.join("notes"),
        &["check", "a.md"],
        b"",
        0,
        &["reckon: using config ../reckon.yaml"],
    );
}

#[test]
fn the_config_in_force_is_named_on_stderr_and_json_stays_clean() {
    let repo = TempDir::repo("named");
    repo.write("reckon.yaml", NO_WEEKDAYS.as_bytes());
    repo.write("docs/a.md", WRONG_WEEKDAY.as_bytes());
    let out = reckon(
        &repo.0.join("docs"),
        &["check", "--format", "json", "a.md"],
        b"",
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stderr(&out), "reckon: using config ../reckon.yaml\n");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["summary"]["errors"], 0);
    // Given with --config, or --isolated: nothing to say.
    let out = reckon(
        &repo.0,
        &["check", "--config", "reckon.yaml", "docs/a.md"],
        b"",
    );
    assert_eq!((out.status.code(), stderr(&out).as_str()), (Some(0), ""));
    let out = reckon(&repo.0, &["check", "--isolated", "docs/a.md"], b"");
    assert_eq!((out.status.code(), stderr(&out).as_str()), (Some(1), ""));
}

#[test]
fn a_discovered_config_that_links_out_of_the_repository_is_refused() {
    let (outer, repo) = outside_and_repo("config-link", "theirs.yaml", NO_WEEKDAYS);
    std::fs::create_dir_all(repo.join(".git")).unwrap();
    std::fs::write(repo.join("a.md"), WRONG_WEEKDAY).unwrap();
    std::os::unix::fs::symlink(outer.0.join("theirs.yaml"), repo.join("reckon.yaml")).unwrap();
    let out = expect(
        &repo,
        &["check", "a.md"],
        b"",
        2,
        &["reckon.yaml: leads outside the repository"],
    );
    run::nothing_was_checked(&out);
}

// --- 5. Findings are rendered from the bytes that were checked ------------

/// The bytes reckon's process `pid` has read so far (`rchar`), if Linux says.
fn bytes_read(pid: u32) -> Option<u64> {
    let io = std::fs::read_to_string(format!("/proc/{pid}/io")).ok()?;
    io.lines()
        .find_map(|l| l.strip_prefix("rchar: "))
        .and_then(|n| n.trim().parse().ok())
}

/// Runs `reckon check` on the story set a.md, b.md, c.md and a long filler
/// document after them, and calls `change` once reckon has read the filler
/// (so b.md was checked) but is still checking it. `None` when reckon was
/// done before the change could be made.
fn check_and_change_b(dir: &Path, filler: usize, change: &dyn Fn(&Path)) -> Option<Output> {
    let para = "The committee met again and talked about the weather, the roads and the harvest. ";
    let big = (para.repeat(10) + "\n\n").repeat(filler);
    std::fs::write(dir.join("big.md"), &big).unwrap();
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("reckon"))
        .current_dir(dir)
        .args(["check", "--format", "json", "--config", "kursk.yaml"])
        .args(["a.md", "b.md", "c.md", "big.md"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    let mut changed = false;
    loop {
        if child.try_wait().unwrap().is_some() {
            let out = child.wait_with_output().unwrap();
            return changed.then_some(out);
        }
        if !changed && bytes_read(child.id()).unwrap_or(0) >= big.len() as u64 {
            change(&dir.join("b.md"));
            changed = true;
        }
        if start.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            panic!("reckon check did not finish");
        }
        std::thread::sleep(Duration::from_millis(1));
    }
}

#[test]
fn a_document_changed_before_its_findings_are_rendered_is_an_error_not_a_dropped_finding() {
    let d = TempDir::new("changed");
    let cases = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/cases");
    for f in ["a.md", "b.md", "c.md"] {
        let text = std::fs::read(cases.join("story-event-elapsed-01-planted").join(f)).unwrap();
        d.write(f, &text);
    }
    let kursk = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/examples/kursk.yaml");
    d.write("kursk.yaml", &std::fs::read(kursk).unwrap());
    let b = std::fs::read_to_string(d.0.join("b.md")).unwrap();
    // Unchanged, b.md holds a finding across documents.
    let out = check_and_change_b(&d.0, 10, &|_| {}).unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("\"event-elapsed\""),
        "{}",
        stdout(&out)
    );
    // Rewritten with the same length, or deleted, once it was checked.
    let same_length = |p: &Path| std::fs::write(p, b.replace("four", "FOUR")).unwrap();
    let deleted = |p: &Path| std::fs::remove_file(p).unwrap();
    for (what, change) in [
        ("rewritten", &same_length as &dyn Fn(&Path)),
        ("deleted", &deleted),
    ] {
        std::fs::write(d.0.join("b.md"), &b).unwrap();
        // A longer filler if reckon was too quick for the change.
        let out = [2000, 8000, 32000]
            .into_iter()
            .find_map(|n| check_and_change_b(&d.0, n, change))
            .unwrap_or_else(|| panic!("{what}: reckon always finished before b.md changed"));
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{what}: {err}");
        assert!(
            err.contains(
                "b.md: changed while reckon was running; its cross-document findings are not shown"
            ),
            "{what}: {err}"
        );
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(v["diagnostics"], serde_json::json!([]), "{what}: {v}");
    }
}

// --- 6. Lexicon numbers are finite -----------------------------------------

#[test]
fn a_lexicon_number_that_is_not_finite_is_an_error_at_its_place() {
    let d = TempDir::new("nan");
    d.write(
        "doc.txt",
        b"It was about 40 km away; zork delegates came.\n",
    );
    let cases = [
        (
            "hedges:\n  h:\n    words: [nanhedge]\n    low: .nan\n",
            "4:10: hedges.h.low",
            "NaN",
        ),
        (
            "hedges:\n  h:\n    words: [x]\n    high: .inf\n",
            "4:11: hedges.h.high",
            "inf",
        ),
        ("numbers:\n  zork: .nan\n", "2:9: numbers.zork", "NaN"),
        (
            "multipliers:\n  zillion: .inf\n",
            "2:12: multipliers.zillion",
            "inf",
        ),
        (
            "fractions:\n  halfish: .nan\n",
            "2:12: fractions.halfish",
            "NaN",
        ),
        (
            "units:\n  - {name: q, dimension: temperature, factor: 1, offset: .nan}\n",
            "2:58: units[0].offset",
            "NaN",
        ),
        (
            "vague-numbers:\n  scads: {low: .nan, high: 3}\n",
            "2:16: vague-numbers.scads.low",
            "NaN",
        ),
        (
            "vague-numbers:\n  scads: {low: 1, high: -.inf}\n",
            "2:25: vague-numbers.scads.high",
            "-inf",
        ),
    ];
    for (lexicon, at, not) in cases {
        d.write("lex.yaml", lexicon.as_bytes());
        let said = format!("lex.yaml:{at}: a lexicon number must be finite, not {not}");
        for cmd in ["check", "extract"] {
            expect(
                &d.0,
                &[cmd, "--lexicon", "lex.yaml", "doc.txt"],
                b"",
                2,
                &[&said],
            );
        }
    }
}
