//! The faces CI reads: SARIF (validated by Microsoft's own validator),
//! GitHub workflow commands, GitLab Code Quality, JUnit, JSON lines,
//! `--statistics`, `-o`, and the fixes (`--fix`, `--unsafe-fixes`, `--diff`).
//!
//! The SARIF validator runs with `npx`; without it the test says so and
//! passes, except under CI (`CI` set), where it fails: `.ci/run` installs
//! Node.js.

#[path = "support/run.rs"]
mod run;
#[path = "support/temp_dir.rs"]
mod temp_dir;

use std::path::Path;
use std::process::Output;
use std::time::Duration;

use temp_dir::TempDir;

const LIMIT: Duration = Duration::from_secs(20);

/// A wire story dated March 10, 2025, with a weekday slip (a safe-to-name
/// but unsafe fix), a percentage change that does not fit its figures, and a
/// share whose message holds a per cent sign.
const WIRE: &str =
    "OSLO, March 10, 2025 (Reuters) - The port authority said on Monday that cargo\n\
volumes climbed 14.8% to 31.2 million tonnes last year from 29.6 million tonnes, and\n\
that the new terminal would open on Thursday, March 12, 2025.\n\n\
About 38% of the port's 1,240 dock workers, or roughly 700, joined the strike.\n";

/// The same story with no slips.
const CLEAN: &str =
    "OSLO, March 10, 2025 (Reuters) - The port authority said on Monday that cargo\n\
volumes climbed 5.4% to 31.2 million tonnes last year from 29.6 million tonnes.\n";

fn reckon(dir: &Path, args: &[&str]) -> Output {
    run::reckon_within(LIMIT, dir, args, b"")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn story(test: &str) -> TempDir {
    let d = TempDir::in_suite("ci-formats", test);
    d.write("news/port strike.txt", WIRE);
    d.write("news/clean.txt", CLEAN);
    d
}

#[test]
fn sarif_is_valid_with_rules_fixes_and_relative_uris() {
    let d = story("sarif");
    let o = reckon(&d.0, &["check", "--isolated", "--format", "sarif", "news"]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let log: serde_json::Value = serde_json::from_slice(&o.stdout).expect("SARIF is JSON");
    assert_eq!(log["version"], "2.1.0");
    let run = &log["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "reckon");
    assert_eq!(run["tool"]["driver"]["version"], env!("CARGO_PKG_VERSION"));
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert!(rules.iter().any(|r| r["id"] == "percent-change"));
    let results = run["results"].as_array().unwrap();
    let rule_ids: Vec<&str> = results
        .iter()
        .map(|r| r["ruleId"].as_str().unwrap())
        .collect();
    for id in ["weekday-mismatch", "percent-change", "share-of-total"] {
        assert!(rule_ids.contains(&id), "{rule_ids:?}");
    }
    let loc = &results[0]["locations"][0]["physicalLocation"];
    assert_eq!(loc["artifactLocation"]["uri"], "news/port%20strike.txt");
    assert_eq!(loc["artifactLocation"]["uriBaseId"], "SRCROOT");
    assert!(
        results.iter().any(|r| r["fixes"].is_array()),
        "a fix is carried"
    );
    let file = d.write("out.sarif", &o.stdout);
    validate_sarif(&file);
}

/// Runs `npx @microsoft/sarif-multitool validate` and fails on an error-level result.
fn validate_sarif(file: &Path) {
    let report = file.with_extension("validation.sarif");
    let npx = std::process::Command::new("npx")
        .args(["--yes", "@microsoft/sarif-multitool", "validate", "-o"])
        .arg(&report)
        .arg(file)
        .output();
    let out = match npx {
        Ok(out) => out,
        Err(e) => {
            assert!(
                std::env::var_os("CI").is_none(),
                "CI: npx is required to validate SARIF ({e}); .ci/run installs Node.js"
            );
            eprintln!("skipped: npx not found ({e}); SARIF not validated");
            return;
        }
    };
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "the validator failed:\n{text}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The validator writes its own SARIF log of what it found: no errors allowed.
    let bytes = std::fs::read(&report).expect("the validator writes its report");
    let v: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    let results = v["runs"][0]["results"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let errors: Vec<&serde_json::Value> =
        results.iter().filter(|x| x["level"] == "error").collect();
    assert!(errors.is_empty(), "validation errors: {errors:#?}");
    assert!(!text.contains(": error "), "{text}");
}

#[test]
fn github_commands_escape_what_github_requires() {
    let d = story("github");
    let o = reckon(&d.0, &["check", "--isolated", "--format", "github", "news"]);
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines.len() >= 3, "{out}");
    for l in &lines {
        assert!(
            l.starts_with("::error file=news/port strike.txt,line="),
            "{l}"
        );
        assert!(l.contains(",title=reckon("), "{l}");
        // The message is one line: its newlines and per cent signs escaped.
        let message = l.split_once("::").unwrap().1.split_once("::").unwrap().1;
        assert!(!message.contains('\n'));
        assert!(message.contains("%0Ahelp: "), "{message}");
    }
    assert!(out.contains("14.8%25 does not fit"), "{out}");
    assert!(out.contains("endColumn="), "{out}");
}

#[test]
fn gitlab_junit_and_json_lines_hold_every_finding() {
    let d = story("gitlab");
    let gitlab = reckon(&d.0, &["check", "--isolated", "--format", "gitlab", "news"]);
    let issues: serde_json::Value = serde_json::from_slice(&gitlab.stdout).unwrap();
    let issues = issues.as_array().unwrap();
    assert_eq!(issues.len(), 3);
    let mut prints: Vec<&str> = issues
        .iter()
        .map(|i| i["fingerprint"].as_str().unwrap())
        .collect();
    prints.dedup();
    assert_eq!(prints.len(), 3, "fingerprints are distinct");
    assert_eq!(issues[0]["location"]["path"], "news/port strike.txt");
    assert!(issues[0]["location"]["lines"]["begin"].as_u64().unwrap() >= 1);

    let junit = stdout(&reckon(
        &d.0,
        &["check", "--isolated", "--format", "junit", "news"],
    ));
    assert!(junit.starts_with("<?xml"), "{junit}");
    assert!(junit.contains("tests=\"2\" failures=\"1\""), "{junit}");
    assert!(
        junit.contains("name=\"news/clean.txt\" file=\"news/clean.txt\"/>"),
        "{junit}"
    );

    let lines = stdout(&reckon(
        &d.0,
        &["check", "--isolated", "--format", "json-lines", "news"],
    ));
    let objects: Vec<serde_json::Value> = lines
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(objects.len(), 3);
    assert!(objects
        .iter()
        .all(|o| o["rule"].is_string() && o["line"].is_u64()));
}

#[test]
fn statistics_count_rules_and_output_file_takes_the_report() {
    let d = story("stats");
    let o = reckon(&d.0, &["check", "--isolated", "--statistics", "news"]);
    let out = stdout(&o);
    assert!(out.contains("weekday-mismatch"), "{out}");
    assert!(out.contains("[*]"), "the weekday fix is marked: {out}");
    assert!(out.contains("Found 3 findings"), "{out}");
    let o = reckon(
        &d.0,
        &[
            "check",
            "--isolated",
            "--format",
            "concise",
            "-o",
            "report.txt",
            "news",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty());
    let report = std::fs::read_to_string(d.0.join("report.txt")).unwrap();
    assert_eq!(report.lines().count(), 4, "{report}");
}

#[test]
fn concise_is_one_line_per_finding_even_with_a_multi_line_template() {
    let d = story("concise");
    d.write(
        "reckon.yaml",
        "rules:\n  weekday-mismatch:\n    message: \"{weekday} is wrong\\nit is a {actual}\"\n",
    );
    let o = reckon(
        &d.0,
        &["check", "--format", "concise", "news/port strike.txt"],
    );
    let out = stdout(&o);
    let weekday: Vec<&str> = out
        .lines()
        .filter(|l| l.contains("weekday-mismatch"))
        .collect();
    assert_eq!(weekday.len(), 1, "{out}");
    assert!(
        weekday[0].ends_with("Thursday is wrong it is a Wednesday"),
        "{out}"
    );
}

#[test]
fn diff_shows_and_fix_writes_only_what_is_allowed() {
    let d = story("fix");
    let file = d.0.join("news/port strike.txt");
    // --diff writes nothing and exits 1 when something would change.
    let o = reckon(
        &d.0,
        &["check", "--isolated", "--diff", "--unsafe-fixes", "news"],
    );
    assert_eq!(o.status.code(), Some(1));
    let diff = stdout(&o);
    assert!(
        diff.contains("-that the new terminal would open on Thursday, March 12, 2025."),
        "{diff}"
    );
    assert!(
        diff.contains("+that the new terminal would open on Wednesday, March 12, 2025."),
        "{diff}"
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), WIRE);
    // Every fix here is unsafe: --fix alone changes nothing.
    let o = reckon(&d.0, &["check", "--isolated", "--fix", "news"]);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), WIRE);
    assert!(String::from_utf8_lossy(&o.stderr).contains("fixed 0 findings"));
    // With --unsafe-fixes they are written, and the report shows what is left.
    let o = reckon(
        &d.0,
        &[
            "check",
            "--isolated",
            "--fix",
            "--unsafe-fixes",
            "--format",
            "concise",
            "news",
        ],
    );
    let fixed = std::fs::read_to_string(&file).unwrap();
    assert!(fixed.contains("on Wednesday, March 12, 2025."), "{fixed}");
    assert!(fixed.contains("climbed 5.4% to 31.2 million"), "{fixed}");
    let left = stdout(&o);
    assert!(
        !left.contains("weekday-mismatch") && !left.contains("percent-change"),
        "{left}"
    );
    assert!(
        left.contains("share-of-total"),
        "no fix for a share: {left}"
    );
    // Nothing else was written beside it.
    let names: Vec<String> = std::fs::read_dir(d.0.join("news"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
}

#[test]
fn standard_input_is_never_written() {
    let d = TempDir::in_suite("ci-formats", "stdin");
    let o = run::reckon_within(
        LIMIT,
        &d.0,
        &["check", "--isolated", "--fix", "--unsafe-fixes", "-"],
        WIRE.as_bytes(),
    );
    // The fix is shown as a diff, since there is no file to write.
    let out = stdout(&o);
    assert!(
        out.contains("+that the new terminal would open on Wednesday"),
        "{out}"
    );
}

/// The report does not depend on the number of threads: documents are
/// reported in input order, and the set's findings after them.
#[test]
fn every_thread_count_gives_the_same_report() {
    let project = Path::new(env!("CARGO_MANIFEST_DIR"));
    let run_with = |threads: &str| {
        let o = reckon(
            project,
            &[
                "check",
                "--isolated",
                "--format",
                "json",
                "--threads",
                threads,
                "fixtures/cases",
                "fixtures/check",
            ],
        );
        o.stdout
    };
    let one = run_with("1");
    assert!(one.len() > 10_000, "the fixtures hold findings");
    for n in ["2", "3", "8"] {
        assert!(run_with(n) == one, "--threads {n} differs from --threads 1");
    }
}
