//! `reckon timeline` end to end on `fixtures/timeline/`: the table and the
//! JSON shape the README documents (insta snapshots), the order of entries,
//! and the exit status on an unreadable input.

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

const FIXTURES: &str = "fixtures/timeline";

fn reckon() -> Command {
    let mut cmd = Command::cargo_bin("reckon").expect("the reckon binary is built for tests");
    cmd.current_dir(Path::new(env!("CARGO_MANIFEST_DIR")));
    cmd
}

fn run(args: &[&str]) -> (String, i32) {
    let out = reckon()
        .arg("timeline")
        .args(args)
        .arg("--isolated")
        .output()
        .expect("reckon runs");
    (
        String::from_utf8(out.stdout).expect("UTF-8 output"),
        out.status.code().unwrap_or(-1),
    )
}

#[test]
fn table_snapshot() {
    let (s, code) = run(&[FIXTURES]);
    assert_eq!(code, 0);
    insta::assert_snapshot!("timeline_table", s);
}

#[test]
fn json_snapshot_and_shape() {
    let (s, code) = run(&["--format", "json", FIXTURES]);
    assert_eq!(code, 0);
    let v: Value = serde_json::from_str(&s).expect("JSON");
    assert_eq!(v["version"], 1);
    let entries = v["entries"].as_array().expect("entries");
    // In time order, the incursion first and the inauguration last.
    let starts: Vec<&str> = entries
        .iter()
        .map(|e| e["start"].as_str().unwrap())
        .collect();
    let mut sorted = starts.clone();
    sorted.sort_unstable();
    assert_eq!(starts, sorted);
    let days: Vec<&str> = entries
        .iter()
        .filter(|e| e["start"] == e["end"])
        .map(|e| e["start"].as_str().unwrap())
        .collect();
    // Different events on one day are different entries: January 5 (the
    // attack, the count of clashes), January 6 (Blinken, the ministry, Zelensky).
    assert_eq!(
        days,
        [
            "2024-08-06",
            "2024-08-06",
            "2025-01-05",
            "2025-01-05",
            "2025-01-06",
            "2025-01-06",
            "2025-01-06",
            "2025-01-20"
        ]
    );
    for e in entries {
        for key in [
            "start",
            "end",
            "label",
            "event",
            "conflict",
            "sources",
            "figures",
            "conflicts",
        ] {
            assert!(e.get(key).is_some(), "entry without `{key}`: {e}");
        }
    }
    // August 6 is written in two documents, told two ways ("crossed into the
    // region", "the incursion began"): the reading cannot tell they are one
    // event, so they stay two entries, the undated one's year from the set.
    let aug6: Vec<&Value> = entries
        .iter()
        .filter(|e| e["start"] == "2024-08-06")
        .collect();
    assert_eq!(aug6.len(), 2);
    assert!(aug6
        .iter()
        .any(|e| e["sources"][0]["year_from_set"] == true));
    // The wrong weekday of January 6 makes that entry a conflict.
    let conflicts: Vec<&str> = entries
        .iter()
        .filter(|e| e["conflict"] == true)
        .map(|e| e["start"].as_str().unwrap())
        .collect();
    assert_eq!(conflicts, ["2025-01-06"]);
    insta::assert_json_snapshot!("timeline_json", v);
}

#[test]
fn an_unreadable_input_is_exit_2_and_the_rest_is_still_listed() {
    let (s, code) = run(&[FIXTURES, "fixtures/timeline/missing.txt"]);
    assert_eq!(code, 2);
    assert!(s.contains("2025-01-05"), "{s}");
}

#[test]
fn a_named_event_labels_its_entry() {
    let out = reckon()
        .args([
            "timeline",
            "--config",
            "rules/examples/kursk.yaml",
            "--stdin-filename",
            "note.md",
            "--date",
            "2025-01-07",
            "-",
        ])
        .write_stdin("Ukrainian units crossed into Kursk on August 6, 2024, and held Sudzha.\n")
        .output()
        .expect("reckon runs");
    let s = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(
        s.starts_with("Tue 2024-08-06           kursk-incursion  [event]"),
        "{s}"
    );
}
