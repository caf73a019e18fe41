//! `reckon check`, `reckon rules` and `reckon explain` end to end: exit
//! status, `--fail-on`, the three output formats, configuration discovery and
//! errors, inline suppression.

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

const TALKS: &str = "fixtures/check/talks.md";
const CLEAN: &str = "fixtures/check/clean.md";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `reckon` run from the crate root with no project configuration around.
fn reckon() -> Command {
    let mut cmd = Command::cargo_bin("reckon").expect("the reckon binary is built for tests");
    cmd.current_dir(root()).env("NO_COLOR", "1");
    cmd
}

fn json(args: &[&str]) -> (Value, i32) {
    let out = reckon()
        .arg("check")
        .args(["--format", "json"])
        .args(args)
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)));
    (v, out.status.code().unwrap_or(-1))
}

#[test]
fn findings_exit_1_and_clean_text_exits_0() {
    reckon().args(["check", TALKS]).assert().code(1);
    reckon().args(["check", CLEAN]).assert().code(0);
}

#[test]
fn fail_on_sets_the_threshold() {
    reckon()
        .args(["check", "--fail-on", "never", TALKS])
        .assert()
        .code(0);
    let dir = tempfile_dir();
    let cfg = dir.join("reckon.yaml");
    std::fs::write(
        &cfg,
        "rules:\n  weekday-mismatch: {severity: warning}\n  unit-conversion: {severity: info}\n",
    )
    .unwrap();
    let cfg = cfg.to_str().unwrap();
    reckon()
        .args(["check", "--config", cfg, TALKS])
        .assert()
        .code(0);
    reckon()
        .args(["check", "--config", cfg, "--fail-on", "warning", TALKS])
        .assert()
        .code(1);
    reckon()
        .args(["check", "--config", cfg, "--fail-on", "info", TALKS])
        .assert()
        .code(1);
}

#[test]
fn json_schema() {
    let (v, code) = json(&[TALKS]);
    assert_eq!(code, 1);
    assert_eq!(v["version"], 1);
    let ds = v["diagnostics"].as_array().unwrap();
    assert_eq!(ds.len(), 2, "{v:#}");
    let text = std::fs::read_to_string(root().join(TALKS)).unwrap();
    for d in ds {
        for key in [
            "rule",
            "severity",
            "message",
            "file",
            "span",
            "line",
            "column",
            "end_line",
            "end_column",
            "help",
            "related",
            "fix",
        ] {
            assert!(d.get(key).is_some(), "{key} missing in {d:#}");
        }
        let (s, e) = (
            d["span"]["start"].as_u64().unwrap() as usize,
            d["span"]["end"].as_u64().unwrap() as usize,
        );
        let line = text[..s].matches('\n').count() + 1;
        assert_eq!(d["line"].as_u64().unwrap() as usize, line);
        assert!(s < e && e <= text.len());
        for r in d["related"].as_array().unwrap() {
            for key in ["file", "span", "line", "column", "message"] {
                assert!(r.get(key).is_some(), "{key} missing in related {r:#}");
            }
        }
    }
    let weekday = ds.iter().find(|d| d["rule"] == "weekday-mismatch").unwrap();
    let s = weekday["span"]["start"].as_u64().unwrap() as usize;
    assert_eq!(&text[s..s + 8], "Thursday");
    assert_eq!(weekday["fix"]["replacement"], "Wednesday");
    assert_eq!(weekday["fix"]["applicability"], "unsafe");
    assert_eq!(
        v["summary"],
        serde_json::json!({"files": 1, "errors": 2, "warnings": 0, "infos": 0})
    );
}

#[test]
fn human_report_labels_spans_and_ends_with_a_summary() {
    let out = reckon()
        .args(["check", "--color", "never", TALKS])
        .output()
        .unwrap();
    let s = String::from_utf8(out.stdout).unwrap();
    insta::assert_snapshot!("talks_human", s);
    assert!(!s.contains('\u{1b}'), "no colour when asked for none");
    let colored = reckon()
        .args(["check", "--color", "always", TALKS])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&colored.stdout).contains('\u{1b}'));
}

/// A sentence with no finding, to make a soft-wrapped paragraph of.
const FILLER: &str = "The delegates spoke again about the terms and the next round of talks. ";

/// A planted weekday error.
const PLANTED: &str = "Negotiators left Riyadh on Thursday, March 12, 2025, without a deal. ";

/// The human report of `text` saved as `draft.md`, checked from its folder
/// (so the name in the report is the same on every machine), 100 columns wide.
fn human_of(text: &str) -> String {
    let dir = tempfile_dir();
    std::fs::write(dir.join("draft.md"), text).unwrap();
    let out = reckon()
        .current_dir(&dir)
        .env("COLUMNS", "100")
        .args([
            "check",
            "--color",
            "never",
            "--date",
            "2025-03-20",
            "draft.md",
        ])
        .output()
        .unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    let s = String::from_utf8(out.stdout).unwrap();
    // Every source line of the report (" 3 │ …") and every label's
    // message ("╰── …") fits in the width.
    let source_lines = s.lines().filter(|l| {
        l.contains("╰──")
            || l.split_once(" │ ")
                .is_some_and(|(n, _)| n.trim().parse::<usize>().is_ok())
    });
    for line in source_lines {
        assert!(
            line.chars().count() <= 100,
            "{} columns: {line}",
            line.chars().count()
        );
    }
    s
}

#[test]
fn a_long_line_is_shown_as_a_window_around_its_finding() {
    let line = format!("{}{PLANTED}{}", FILLER.repeat(14), FILLER.repeat(14));
    assert!(line.len() > 2000);
    let s = human_of(&format!("# Talks\n\n{line}\n\nThe end.\n"));
    // The true line and column; "…" on both sides of the window.
    assert!(s.contains("draft.md:3:1022]"), "{s}");
    assert!(s.contains(" 3 │ … "), "{s}");
    insta::assert_snapshot!("long_line_one_finding", s);
}

#[test]
fn spans_far_apart_on_a_long_line_get_a_window_each() {
    let sentence = "Of the 120 delegates who had travelled to the capital for the summit, after a \
                    long debate that ran late into the evening and through several adjournments \
                    called by the speaker to restore order, 75 voted in favour and the remaining \
                    35 abstained. ";
    let s = human_of(&format!(
        "{}{sentence}{}\n",
        FILLER.repeat(5),
        FILLER.repeat(5)
    ));
    assert!(s.contains("sum-of-parts"), "{s}");
    insta::assert_snapshot!("long_line_spans_far_apart", s);
}

#[test]
fn spans_at_the_start_and_end_of_a_long_line_are_not_cut() {
    let s = human_of(&format!(
        "Thursday, March 12, 2025, negotiators left Riyadh without a deal. {}\
         They met again on Friday, March 12, 2025\n",
        FILLER.repeat(20)
    ));
    // No "…" before the first window, nor after the last.
    assert!(s.contains(" 1 │ Thursday, March 12"), "{s}");
    assert!(s.contains("Friday, March 12, 2025\n"), "{s}");
    insta::assert_snapshot!("long_line_spans_at_the_edges", s);
}

#[test]
fn a_finding_past_column_65535_is_reported_not_crashed_on() {
    // Printed whole, miette padded the underline to the span's column, past
    // what a format width may be, and the report was an internal error.
    let line = format!("{}{PLANTED}", FILLER.repeat(1000));
    assert!(line.len() > 70_000);
    let s = human_of(&format!("{line}\n"));
    assert!(s.contains("error[weekday-mismatch]"), "{s}");
    assert!(s.contains("draft.md:1:71028]"), "{s}");
}

#[test]
fn a_long_line_with_multibyte_characters_is_cut_between_characters() {
    let around = "The delegates — “tired” 🙂 — spoke again about the terms’ next round. ";
    let planted =
        "Negotiators left Riyadh — “again” 🙂 — on Thursday, March 12, 2025, without a deal. ";
    let s = human_of(&format!(
        "# Talks\n\n{}{planted}{}\n",
        around.repeat(10),
        around.repeat(10)
    ));
    // The underline starts under "Thursday": the emoji before it is two columns wide.
    let source = s.lines().find(|l| l.starts_with(" 3 │")).unwrap();
    let underline = s.lines().find(|l| l.contains('┬')).unwrap();
    let column = |l: &str, at: usize| unicode_columns(&l[..at]);
    let thursday = source.find("Thursday").unwrap();
    let mark = underline.find('─').unwrap();
    assert_eq!(column(source, thursday), column(underline, mark), "{s}");
    insta::assert_snapshot!("long_line_multibyte", s);
}

/// Terminal columns of `s`: two for the emoji used in these tests, one for every other character.
fn unicode_columns(s: &str) -> usize {
    s.chars().map(|c| if c == '🙂' { 2 } else { 1 }).sum()
}

#[test]
fn concise_is_one_line_per_finding() {
    let out = reckon()
        .args(["check", "--format", "concise", TALKS])
        .output()
        .unwrap();
    let s = String::from_utf8(out.stdout).unwrap();
    insta::assert_snapshot!("talks_concise", s);
}

#[test]
fn json_snapshot() {
    let out = reckon()
        .args(["check", "--format", "json", TALKS])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    insta::assert_json_snapshot!("talks_json", v);
}

#[test]
fn config_is_discovered_in_a_parent_and_isolated_ignores_it() {
    let dir = tempfile_dir();
    std::fs::write(
        dir.join("reckon.yaml"),
        "rules:\n  weekday-mismatch: {enabled: false}\n  unit-conversion: {enabled: false}\n",
    )
    .unwrap();
    let sub = dir.join("drafts");
    std::fs::create_dir_all(&sub).unwrap();
    std::fs::copy(root().join(TALKS), sub.join("talks.md")).unwrap();
    let mut cmd = Command::cargo_bin("reckon").unwrap();
    cmd.current_dir(&sub)
        .args(["check", "talks.md"])
        .assert()
        .code(0);
    let mut cmd = Command::cargo_bin("reckon").unwrap();
    cmd.current_dir(&sub)
        .args(["check", "--isolated", "talks.md"])
        .assert()
        .code(1);
}

#[test]
fn a_bad_config_is_an_error_pointing_into_it_and_nothing_is_checked() {
    let dir = tempfile_dir();
    let cfg = dir.join("reckon.yaml");
    std::fs::write(&cfg, "rules:\n  weekday-mismatch:\n    severity: fatal\n").unwrap();
    let out = reckon()
        .args([
            "check",
            "--format",
            "concise",
            "--config",
            cfg.to_str().unwrap(),
            TALKS,
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("reckon.yaml:3:"), "{err}");
    assert!(
        out.stdout.is_empty(),
        "the draft was checked with the defaults: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    std::fs::write(&cfg, "rules:\n  weekday-mismatchh: {enabled: false}\n").unwrap();
    let out = reckon()
        .args(["check", "--config", cfg.to_str().unwrap(), CLEAN])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown rule `weekday-mismatchh`"));
}

#[test]
fn an_unreadable_input_is_exit_2_and_the_others_are_still_checked() {
    let (v, code) = json(&["no/such/file.md", TALKS]);
    assert_eq!(code, 2);
    assert_eq!(v["summary"]["errors"], 2);
}

#[test]
fn suppression_comments() {
    let dir = tempfile_dir();
    let text = std::fs::read_to_string(root().join(TALKS))
        .unwrap()
        .replace(
            "Negotiators left",
            "<!-- reckon-disable-next-line weekday-mismatch -->\nNegotiators left",
        );
    let f = dir.join("talks.md");
    std::fs::write(&f, &text).unwrap();
    let (v, _) = json(&["--isolated", f.to_str().unwrap()]);
    let rules: Vec<&str> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules, ["unit-conversion"]);
    // A suppression that suppresses nothing is reported.
    let f2 = dir.join("clean.md");
    std::fs::write(
        &f2,
        format!(
            "<!-- reckon-disable-next-line unit-conversion -->\n{}",
            std::fs::read_to_string(root().join(CLEAN)).unwrap()
        ),
    )
    .unwrap();
    let (v, _) = json(&["--isolated", f2.to_str().unwrap()]);
    assert_eq!(v["diagnostics"][0]["rule"], "unused-suppression");
}

#[test]
fn stdin_with_a_name() {
    let out = reckon()
        .args([
            "check",
            "--format",
            "concise",
            "--stdin-filename",
            "draft.md",
            "-",
        ])
        .write_stdin(std::fs::read(root().join(TALKS)).unwrap())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("draft.md:6:"));
}

#[test]
fn two_threads_give_the_same_output_as_one() {
    let one = reckon()
        .args(["check", "--format", "json", "--threads", "1", "fixtures"])
        .output()
        .unwrap();
    let two = reckon()
        .args(["check", "--format", "json", "--threads", "2", "fixtures"])
        .output()
        .unwrap();
    assert_eq!(one.stdout, two.stdout);
}

#[test]
fn issue_4_a_finding_across_documents_labels_each_file() {
    let dir = root().join("fixtures/cases/story-event-elapsed-01-planted");
    let out = reckon()
        .current_dir(&dir)
        .args([
            "check",
            "--format",
            "json",
            "--config",
            "../../../rules/examples/kursk.yaml",
        ])
        .args(["a.md", "b.md", "c.md"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let d = &v["diagnostics"][0];
    assert_eq!(
        (d["rule"].as_str(), d["file"].as_str()),
        (Some("event-elapsed"), Some("b.md"))
    );
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .contains("event `kursk-incursion`"),
        "{d:#}"
    );
    let files: Vec<&str> = d["related"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["file"].as_str())
        .collect();
    assert!(files.contains(&"a.md") && files.contains(&"b.md"), "{d:#}");
    let related_in_a = d["related"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["file"] == "a.md")
        .unwrap();
    let a = std::fs::read_to_string(dir.join("a.md")).unwrap();
    let s = related_in_a["span"]["start"].as_u64().unwrap() as usize;
    let e = related_in_a["span"]["end"].as_u64().unwrap() as usize;
    assert_eq!(&a[s..e], "August 6, 2024");
    assert_eq!(v["summary"]["files"], 3);
    // The human report shows the other document as a related report.
    let out = reckon()
        .current_dir(&dir)
        .args([
            "check",
            "--config",
            "../../../rules/examples/kursk.yaml",
            "a.md",
            "b.md",
            "c.md",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("in a.md") && text.contains("[b.md:8:12]"),
        "{text}"
    );
    // Alone, b.md has nothing to count from.
    reckon()
        .current_dir(&dir)
        .args([
            "check",
            "--config",
            "../../../rules/examples/kursk.yaml",
            "b.md",
        ])
        .assert()
        .code(0);
}

#[test]
fn rules_and_explain() {
    let out = reckon().arg("rules").output().unwrap();
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(
        s.contains("weekday-mismatch") && s.contains("unit-conversion"),
        "{s}"
    );
    let out = reckon()
        .args(["explain", "weekday-mismatch"])
        .output()
        .unwrap();
    let s = String::from_utf8(out.stdout).unwrap();
    for heading in ["## What it checks", "## Why", "## Example", "## Options"] {
        assert!(s.contains(heading), "{heading} missing");
    }
    reckon().args(["explain", "no-such-rule"]).assert().code(2);
}

/// A fresh folder under the target directory (no tempfile crate needed).
fn tempfile_dir() -> std::path::PathBuf {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static N: AtomicUsize = AtomicUsize::new(0);
    let d = std::env::temp_dir().join(format!(
        "reckon-check-test-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// An undated text says why its weekdays went unchecked; a dated one says nothing.
#[test]
fn an_undated_document_is_named_in_the_human_report() {
    let undated = reckon()
        .args(["check", "--isolated", "-"])
        .write_stdin("Police arrested two men on Monday, the force said.\n")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&undated.stdout);
    assert!(text.contains("is undated"), "{text}");
    let dated = reckon()
        .args(["check", "--isolated", "--date", "2025-03-03", "-"])
        .write_stdin("Police arrested two men on Monday, the force said.\n")
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&dated.stdout).contains("undated"));
}

/// A file's findings are written as soon as it and every file before it are
/// checked, not when the run ends: here the run cannot end until standard
/// input (the second input) is closed, and the first file's finding must
/// already be out.
#[test]
fn each_files_findings_stream_before_the_run_ends() {
    use std::io::{BufRead, BufReader, Write};
    use std::process::Stdio;
    for threads in ["1", "2"] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_reckon"))
            .current_dir(root())
            .args([
                "check",
                "--isolated",
                "--format",
                "concise",
                "--threads",
                threads,
            ])
            .args([TALKS, "-"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let first = rx.recv_timeout(std::time::Duration::from_secs(60));
        // Standard input is still open: the run has not ended.
        assert!(child.try_wait().unwrap().is_none());
        let first = first.expect("the first file's findings before standard input closes");
        assert!(first.starts_with(TALKS), "{first}");
        stdin.write_all(b"Nothing dated here.\n").unwrap();
        drop(stdin);
        let status = child.wait().unwrap();
        assert_eq!(status.code(), Some(1));
        let rest: Vec<String> = rx.iter().collect();
        assert!(
            rest.last()
                .is_some_and(|l| l.starts_with("2 files checked")),
            "{rest:?}"
        );
    }
}
