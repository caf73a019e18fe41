//! `reckon extract --format jsonl` on shards of a document set and one
//! `reckon check --claims` over them: the same bytes and exit status as one
//! `reckon check` of the set, in every format and whichever order the shards
//! come in; and the errors (a document changed since it was extracted, a
//! malformed line, claims of another configuration).

#[path = "support/run.rs"]
mod run;
#[path = "support/temp_dir.rs"]
mod temp_dir;

use std::path::Path;
use std::process::Output;
use std::time::Duration;

use temp_dir::TempDir;

const LIMIT: Duration = Duration::from_secs(60);

fn reckon(dir: &Path, args: &[&str]) -> Output {
    run::reckon_within(LIMIT, dir, args, b"")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A set with findings of single documents and across documents: a figure told two ways, an event dated two ways, the
/// ferry stories with one edited a day later, and a document with its own slips.
fn set(test: &str) -> TempDir {
    let d = TempDir::in_suite("claims", test);
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let copy = |from: &str, to: &str| {
        d.write(to, std::fs::read(root.join(from)).unwrap());
    };
    for f in ["a.md", "b.md", "c.md"] {
        copy(
            &format!("cases/cross-count-01-planted/{f}"),
            &format!("set/one/count-{f}"),
        );
        copy(
            &format!("cases/cross-event-date-01-planted/{f}"),
            &format!("set/two/event-{f}"),
        );
    }
    for f in ["a-wire.txt", "b-paper.md", "c-blog.md"] {
        copy(
            &format!("timeline-stories/ferry/{f}"),
            &format!("set/one/{f}"),
        );
    }
    copy(
        "timeline-conflict/b-paper-edited.md",
        "set/two/b-paper-edited.md",
    );
    copy("check/talks.md", "set/two/talks.md");
    d
}

/// The files of `set/`, in walk order, as paths from the test's folder.
fn files(d: &TempDir) -> Vec<String> {
    let mut out = Vec::new();
    for shard in ["one", "two"] {
        let mut names: Vec<String> = std::fs::read_dir(d.0.join("set").join(shard))
            .unwrap()
            .map(|e| format!("set/{shard}/{}", e.unwrap().file_name().to_string_lossy()))
            .collect();
        names.sort();
        out.extend(names);
    }
    out
}

/// Extracts every other file of the set into `one.jsonl` and the rest into
/// `two.jsonl`, so the shards interleave in the set's order.
fn extract(d: &TempDir, extra: &[&str]) {
    let all = files(d);
    for (k, shard) in ["one", "two"].into_iter().enumerate() {
        let mut args = vec!["extract", "--format", "jsonl", "--isolated"];
        args.extend_from_slice(extra);
        args.extend(all.iter().skip(k).step_by(2).map(String::as_str));
        let o = reckon(&d.0, &args);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        d.write(&format!("{shard}.jsonl"), &o.stdout);
    }
}

#[test]
fn claims_in_shards_check_as_the_whole_set_in_every_format() {
    let d = set("formats");
    extract(&d, &[]);
    for format in [
        "human",
        "concise",
        "json",
        "json-lines",
        "github",
        "sarif",
        "gitlab",
        "junit",
    ] {
        let common = [
            "check",
            "--isolated",
            "--color",
            "never",
            "--format",
            format,
        ];
        let whole = reckon(&d.0, &[&common[..], &["set"]].concat());
        // Findings alone and across documents, so the comparison means something.
        let said = String::from_utf8_lossy(&whole.stdout).into_owned();
        if format == "concise" {
            for rule in ["figure-conflict", "event-date-conflict", "weekday-mismatch"] {
                assert!(said.contains(rule), "no {rule} in {said}");
            }
        }
        for shards in [["one.jsonl", "two.jsonl"], ["two.jsonl", "one.jsonl"]] {
            let parts = reckon(&d.0, &[&common[..], &["--claims"], &shards[..]].concat());
            assert_eq!(
                String::from_utf8_lossy(&parts.stdout),
                said,
                "--format {format}, shards {shards:?}: {}",
                stderr(&parts)
            );
            assert_eq!(parts.status.code(), whole.status.code(), "{format}");
        }
    }
}

#[test]
fn shards_concatenated_on_standard_input_are_read_too() {
    let d = set("stdin");
    extract(&d, &[]);
    let mut both = std::fs::read(d.0.join("two.jsonl")).unwrap();
    both.extend(std::fs::read(d.0.join("one.jsonl")).unwrap());
    let args = ["check", "--isolated", "--format", "concise"];
    let whole = reckon(&d.0, &[&args[..], &["set"]].concat());
    let parts = run::reckon_within(
        LIMIT,
        &d.0,
        &[&args[..], &["--claims", "-"]].concat(),
        &both,
    );
    assert_eq!(parts.stdout, whole.stdout, "{}", stderr(&parts));
}

#[test]
fn a_document_changed_after_extract_is_an_error() {
    let d = set("changed");
    extract(&d, &[]);
    // It has findings of its own and across documents: both need its text.
    let talks = d.0.join("set/two/talks.md");
    let mut text = std::fs::read_to_string(&talks).unwrap();
    text.push_str("\nOne more line.\n");
    std::fs::write(&talks, text).unwrap();
    let edited = d.0.join("set/two/event-c.md");
    std::fs::write(&edited, "Nothing about it now.\n").unwrap();
    let o = reckon(
        &d.0,
        &["check", "--isolated", "--claims", "one.jsonl", "two.jsonl"],
    );
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    for name in ["set/two/talks.md", "set/two/event-c.md"] {
        assert!(
            err.contains(&format!(
                "error: {name}: changed since its claims were extracted"
            )),
            "{err}"
        );
    }
}

#[test]
fn a_malformed_line_is_named_and_the_others_are_used() {
    let d = set("malformed");
    extract(&d, &[]);
    let text = std::fs::read_to_string(d.0.join("two.jsonl")).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    lines.insert(2, "{\"name\": \"set/two/nothing.md\", \"format\": ");
    std::fs::write(d.0.join("two.jsonl"), lines.join("\n") + "\n").unwrap();
    let args = ["check", "--isolated", "--format", "concise"];
    let o = reckon(
        &d.0,
        &[&args[..], &["--claims", "one.jsonl", "two.jsonl"]].concat(),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("error: two.jsonl:3: "),
        "{}",
        stderr(&o)
    );
    // Every document's findings are still reported.
    let whole = reckon(&d.0, &[&args[..], &["set"]].concat());
    assert_eq!(o.stdout, whole.stdout);
}

#[test]
fn claims_of_another_configuration_are_refused() {
    let d = set("config");
    d.write(
        "strict.yaml",
        "rules:\n  figure-conflict:\n    severity: error\n",
    );
    extract(&d, &[]);
    let o = reckon(
        &d.0,
        &[
            "check",
            "--config",
            "strict.yaml",
            "--claims",
            "one.jsonl",
            "two.jsonl",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("extracted under another configuration than this run's"),
        "{err}"
    );
    run::nothing_was_checked(&o);
    // Another `--date` is another configuration too.
    let o = reckon(
        &d.0,
        &[
            "check",
            "--isolated",
            "--date",
            "2025-01-01",
            "--claims",
            "one.jsonl",
            "two.jsonl",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    run::nothing_was_checked(&o);
}

#[test]
fn claims_of_another_version_or_not_claims_at_all_are_refused() {
    let d = set("version");
    extract(&d, &[]);
    let text = std::fs::read_to_string(d.0.join("one.jsonl")).unwrap();
    let older = text.replacen("\"reckon\":\"", "\"reckon\":\"0.0.0-", 1);
    std::fs::write(d.0.join("one.jsonl"), older).unwrap();
    let o = reckon(&d.0, &["check", "--isolated", "--claims", "one.jsonl"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("one.jsonl:1: claims written by reckon 0.0.0-"));
    run::nothing_was_checked(&o);
    d.write("other.jsonl", "{\"name\": 1}\n");
    let o = reckon(&d.0, &["check", "--isolated", "--claims", "other.jsonl"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("other.jsonl:1: not a claims file"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_document_in_two_shards_is_an_error_and_checked_once() {
    let d = set("twice");
    extract(&d, &[]);
    let args = ["check", "--isolated", "--format", "concise"];
    let o = reckon(
        &d.0,
        &[
            &args[..],
            &["--claims", "one.jsonl", "two.jsonl", "one.jsonl"],
        ]
        .concat(),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("set/one/a-wire.txt: in two claims files (one.jsonl:"),
        "{}",
        stderr(&o)
    );
    let whole = reckon(&d.0, &[&args[..], &["set"]].concat());
    assert_eq!(o.stdout, whole.stdout);
}

#[test]
fn figures_past_every_range_come_back() {
    // Read as infinite, which JSON cannot write as a number.
    let d = TempDir::in_suite("claims", "huge");
    let n = "9".repeat(400);
    d.write(
        "set/a.txt",
        format!(
            "LONDON, March 3, 2025 (Reuters) - About {n} homes were destroyed by the flood \
             in Kent, officials said, {n} kilometres ({n} miles) away.\n"
        ),
    );
    d.write(
        "set/b.txt",
        "LONDON, March 4, 2025 (Reuters) - About 1,400 homes were destroyed by the flood \
         in Kent, officials said.\n",
    );
    let o = reckon(&d.0, &["extract", "--format", "jsonl", "--isolated", "set"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains("\"inf\""));
    d.write("all.jsonl", &o.stdout);
    let args = ["check", "--isolated", "--format", "concise"];
    let whole = reckon(&d.0, &[&args[..], &["set"]].concat());
    let parts = reckon(&d.0, &[&args[..], &["--claims", "all.jsonl"]].concat());
    assert_eq!(parts.stdout, whole.stdout, "{}", stderr(&parts));
    assert_eq!(parts.status.code(), whole.status.code());
}

#[test]
fn an_undated_document_is_dated_by_its_story_from_claims_too() {
    let d = TempDir::in_suite("claims", "undated");
    let dated = |day: &str, text: &str| format!("---\ndate: {day}\n---\n{text}\n");
    d.write(
        "set/a.md",
        dated(
            "2025-01-07",
            "Pickets returned to the Harwood Components plant in Leeds on Monday, the Unite union said.",
        ),
    );
    d.write(
        "set/b.md",
        dated(
            "2025-01-08",
            "Talks between Harwood Components and the Unite union stalled on Tuesday in Leeds.",
        ),
    );
    d.write(
        "set/c.md",
        "Pickets returned to the Harwood Components plant in Leeds on Sunday, Jan. 6, the Unite union said.\n",
    );
    for (shard, files) in [
        ("one", &["set/a.md", "set/c.md"][..]),
        ("two", &["set/b.md"][..]),
    ] {
        let args = [&["extract", "--format", "jsonl", "--isolated"][..], files].concat();
        let o = reckon(&d.0, &args);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        d.write(&format!("{shard}.jsonl"), &o.stdout);
    }
    let args = ["check", "--isolated", "--format", "concise"];
    let whole = reckon(&d.0, &[&args[..], &["set"]].concat());
    assert!(
        String::from_utf8_lossy(&whole.stdout).contains("set/c.md:1:62: error[weekday-mismatch]"),
        "{}",
        String::from_utf8_lossy(&whole.stdout)
    );
    let parts = reckon(
        &d.0,
        &[&args[..], &["--claims", "two.jsonl", "one.jsonl"]].concat(),
    );
    assert_eq!(parts.stdout, whole.stdout, "{}", stderr(&parts));
    assert_eq!(parts.status.code(), whole.status.code());
}
