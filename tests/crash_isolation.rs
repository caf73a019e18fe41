//! A bug that panics on one document ends that document's work, not the run:
//! the other documents are still checked and reported, the crash is named with
//! its file and a request for a bug report, and the exit status is 2.
//!
//! Test builds carry a trap (`reckon::guard::test_trap`): with `RECKON_PANIC_ON`
//! set, a document that holds the marker panics. Release builds have no trap.

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

#[path = "support/temp_dir.rs"]
mod temp_dir;
use temp_dir::TempDir;

const MARKER: &str = "TRAP-7f3a";

/// Three drafts in a fresh folder; the middle one holds the marker.
fn drafts(test: &str) -> TempDir {
    let d = TempDir::in_suite("crash-isolation", test);
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
    let d = drafts("check_reports_the_other_documents_and_exits_2");
    let out = reckon(&d.0)
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
    let d = drafts("check_on_two_threads_does_the_same");
    let out = reckon(&d.0)
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
    let d = drafts("extract_json_stays_valid_without_the_crashed_document");
    let out = reckon(&d.0)
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
    let d = drafts("extract_table_goes_on_after_the_crash");
    let out = reckon(&d.0)
        .args(["extract", "a.md", "b.md", "c.md"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("a.md") && stdout.contains("c.md") && !stdout.contains("b.md"));
}

#[test]
fn timeline_builds_from_the_others() {
    let d = drafts("timeline_builds_from_the_others");
    let out = reckon(&d.0)
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
