//! A bug that panics on one document ends that document's work, not the run:
//! the other documents are still checked and reported, the crash is named with
//! its file and a request for a bug report, and the exit status is 2.
//!
//! Test builds carry a trap (`reckon::guard::test_trap`): with `RECKON_PANIC_ON`
//! set, a document that holds the marker panics. Release builds have no trap.

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

const MARKER: &str = "TRAP-7f3a";

/// Three drafts in a fresh folder; the middle one holds the marker.
fn drafts() -> tempdir::Dir {
    let d = tempdir::Dir::new("crash-isolation");
    d.write(
        "a.md",
        "---\ndate: 2025-03-14\n---\nThe talks opened on Thursday, March 12, 2025.\n",
    );
    d.write(
        "b.md",
        &format!("---\ndate: 2025-03-14\n---\nPolice arrested 37 people on Monday. {MARKER}\n"),
    );
    d.write(
        "c.md",
        "---\ndate: 2025-03-14\n---\nThe ferry sank on Tuesday, March 11, 2025.\n",
    );
    d
}

fn reckon(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("reckon").unwrap();
    cmd.current_dir(dir).env("RECKON_PANIC_ON", MARKER);
    cmd
}

#[test]
fn check_reports_the_other_documents_and_exits_2() {
    let d = drafts();
    let out = reckon(d.path())
        .args([
            "check",
            "--isolated",
            "--format",
            "json",
            "a.md",
            "b.md",
            "c.md",
        ])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "stderr: {stderr}");
    assert!(
        stderr.contains("internal error while processing b.md"),
        "{stderr}"
    );
    assert!(stderr.contains("bug in reckon"), "{stderr}");
    let json: Value = serde_json::from_slice(&out.stdout).expect("stdout is still JSON");
    let files: Vec<&str> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["file"].as_str().unwrap())
        .collect();
    // Thursday, March 12, 2025 was a Wednesday; Tuesday, March 11 was a Tuesday.
    assert!(files.contains(&"a.md"), "{json}");
    assert!(!files.contains(&"b.md"));
}

#[test]
fn check_on_two_threads_does_the_same() {
    let d = drafts();
    let out = reckon(d.path())
        .args([
            "check",
            "--isolated",
            "--threads",
            "2",
            "a.md",
            "b.md",
            "c.md",
        ])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(2));
    assert!(stdout.contains("2 files checked"), "{stdout}");
    assert!(stdout.contains("weekday"), "{stdout}");
}

#[test]
fn extract_json_stays_valid_without_the_crashed_document() {
    let d = drafts();
    let out = reckon(d.path())
        .args(["extract", "--format", "json", "a.md", "b.md", "c.md"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let json: Value = serde_json::from_slice(&out.stdout).expect("stdout is still JSON");
    let docs: Vec<&str> = json["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["file"].as_str().unwrap())
        .collect();
    assert_eq!(docs, ["a.md", "c.md"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("b.md"));
}

#[test]
fn extract_table_goes_on_after_the_crash() {
    let d = drafts();
    let out = reckon(d.path())
        .args(["extract", "a.md", "b.md", "c.md"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("a.md") && stdout.contains("c.md") && !stdout.contains("b.md"));
}

#[test]
fn timeline_builds_from_the_others() {
    let d = drafts();
    let out = reckon(d.path())
        .args([
            "timeline",
            "--isolated",
            "--format",
            "json",
            "a.md",
            "b.md",
            "c.md",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("internal error while processing b.md"),
        "{stderr}"
    );
    let json: Value = serde_json::from_slice(&out.stdout).expect("a timeline of the rest");
    let text = json.to_string();
    assert!(text.contains("a.md") && text.contains("c.md") && !text.contains("b.md"));
}

/// A throwaway folder, removed on drop (no extra dependency for it).
mod tempdir {
    use std::path::{Path, PathBuf};

    pub struct Dir(PathBuf);

    impl Dir {
        pub fn new(tag: &str) -> Dir {
            use std::sync::atomic::{AtomicUsize, Ordering};
            static N: AtomicUsize = AtomicUsize::new(0);
            let p = std::env::temp_dir().join(format!(
                "reckon-{tag}-{}-{}",
                std::process::id(),
                N.fetch_add(1, Ordering::Relaxed)
            ));
            std::fs::create_dir_all(&p).unwrap();
            Dir(p)
        }
        pub fn path(&self) -> &Path {
            &self.0
        }
        pub fn write(&self, name: &str, text: &str) {
            std::fs::write(self.0.join(name), text).unwrap();
        }
    }

    impl Drop for Dir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}
