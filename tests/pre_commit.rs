//! The pre-commit hook, run by the real pre-commit (`pre-commit try-repo`):
//! a repository with a planted weekday slip fails the hook with the finding,
//! and the corrected draft passes. pre-commit builds reckon from this
//! repository with cargo (`language: rust`), which takes minutes the first
//! time; its cache is kept in `target/pre-commit-home`.
//!
//! Without `pre-commit` the test says so and passes, except under CI (`CI`
//! set), where it fails: `.ci/run` installs it.

#[path = "support/temp_dir.rs"]
mod temp_dir;

use std::path::Path;
use std::process::{Command, Output};

use temp_dir::TempDir;

fn run(dir: &Path, program: &str, args: &[&str]) -> Output {
    let project = Path::new(env!("CARGO_MANIFEST_DIR"));
    Command::new(program)
        .current_dir(dir)
        .args(args)
        .env("PRE_COMMIT_HOME", project.join("target/pre-commit-home"))
        .env("GIT_AUTHOR_NAME", "reckon test")
        .env("GIT_AUTHOR_EMAIL", "test@example.invalid")
        .env("GIT_COMMITTER_NAME", "reckon test")
        .env("GIT_COMMITTER_EMAIL", "test@example.invalid")
        .output()
        .unwrap_or_else(|e| panic!("{program}: {e}"))
}

#[test]
fn the_hook_fails_on_a_slip_and_passes_when_it_is_fixed() {
    if Command::new("pre-commit")
        .arg("--version")
        .output()
        .is_err()
    {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI: pre-commit is required for this test; .ci/run installs it"
        );
        eprintln!("skipped: pre-commit not found");
        return;
    }
    let project = env!("CARGO_MANIFEST_DIR");
    let repo = TempDir::in_suite("pre-commit", "hook");
    repo.write(
        "drafts/talks.md",
        "---\ndate: 2025-03-14\n---\n\nNegotiators left Riyadh on Thursday, March 12, 2025,\nwithout a deal.\n",
    );
    repo.write(
        "src/notes.rs",
        "// Thursday, March 12, 2025: not prose the hook reads.\n",
    );
    assert!(run(&repo.0, "git", &["init", "-q"]).status.success());
    assert!(run(&repo.0, "git", &["add", "."]).status.success());
    let o = run(
        &repo.0,
        "pre-commit",
        &["try-repo", project, "reckon", "--all-files"],
    );
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(!o.status.success(), "the hook passed a slip:\n{out}");
    assert!(
        out.contains("drafts/talks.md:5:28: error[weekday-mismatch]"),
        "{out}"
    );
    assert!(!out.contains("notes.rs"), "{out}");

    repo.write(
        "drafts/talks.md",
        "---\ndate: 2025-03-14\n---\n\nNegotiators left Riyadh on Wednesday, March 12, 2025,\nwithout a deal.\n",
    );
    assert!(run(&repo.0, "git", &["add", "."]).status.success());
    let o = run(
        &repo.0,
        "pre-commit",
        &["try-repo", project, "reckon", "--all-files"],
    );
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        o.status.success(),
        "the hook failed a clean draft:\n{out}\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
}
