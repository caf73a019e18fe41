//! Configuration that behaves (issue 12 §5), end to end: each file checked
//! with its nearest `reckon.yaml`, a broken configuration stopping the run,
//! errors in plain words with a did-you-mean, `per-file-ignores`,
//! `extend-extensions`, same-line suppressions, the JSON Schema and `reckon init`.

use std::path::Path;
use std::process::Output;
use std::time::Duration;

use serde_json::Value;

#[path = "support/run.rs"]
mod run;
#[path = "support/temp_dir.rs"]
mod temp_dir;

use run::reckon_within;
use temp_dir::TempDir;

const TALKS: &str = include_str!("../fixtures/check/talks.md");

/// A project folder: a repository (so discovery stops at it) holding `files`.
fn project(test: &str, files: &[(&str, &str)]) -> TempDir {
    let dir = TempDir::in_suite("config", test);
    std::fs::create_dir_all(dir.0.join(".git")).unwrap();
    for (name, text) in files {
        dir.write(name, text);
    }
    dir
}

fn reckon(dir: &Path, args: &[&str]) -> Output {
    reckon_within(Duration::from_secs(60), dir, args, b"")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// `(file, rule)` of every finding of `reckon check --format json ARGS` in `dir`.
fn findings(dir: &Path, args: &[&str]) -> (Vec<(String, String)>, Output) {
    let mut all = vec!["check", "--format", "json"];
    all.extend_from_slice(args);
    let out = reckon(dir, &all);
    let v: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}: {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            stderr(&out)
        )
    });
    let found = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["file"].as_str().unwrap().to_string(),
                d["rule"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    (found, out)
}

fn pairs(p: &[(&str, &str)]) -> Vec<(String, String)> {
    p.iter()
        .map(|(a, b)| ((*a).to_string(), (*b).to_string()))
        .collect()
}

const NO_WEEKDAY: &str = "rules:\n  weekday-mismatch: {enabled: false}\n";

#[test]
fn each_file_is_checked_with_the_nearest_config_in_input_order() {
    let dir = project(
        "nearest",
        &[
            ("top.md", TALKS),
            ("desk/a.md", TALKS),
            ("desk/reckon.yml", NO_WEEKDAY),
            ("other/b.md", TALKS),
        ],
    );
    let (found, out) = findings(&dir.0, &["other/b.md", "desk/a.md", "top.md"]);
    assert_eq!(
        found,
        pairs(&[
            ("other/b.md", "weekday-mismatch"),
            ("other/b.md", "unit-conversion"),
            ("desk/a.md", "unit-conversion"),
            ("top.md", "weekday-mismatch"),
            ("top.md", "unit-conversion"),
        ]),
        "{}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("reckon: using config desk/reckon.yml"),
        "{}",
        stderr(&out)
    );
    // A folder walked: the file under desk/ still takes desk's configuration.
    let (found, _) = findings(&dir.0, &["."]);
    assert!(
        !found.contains(&("./desk/a.md".into(), "weekday-mismatch".into())),
        "{found:?}"
    );
    assert!(
        found.contains(&("./top.md".into(), "weekday-mismatch".into())),
        "{found:?}"
    );
    // From inside desk/, its configuration is found above nothing else.
    let (found, out) = findings(&dir.0.join("desk"), &["a.md", "../top.md"]);
    assert_eq!(
        found,
        pairs(&[
            ("a.md", "unit-conversion"),
            ("../top.md", "weekday-mismatch"),
            ("../top.md", "unit-conversion"),
        ])
    );
    assert!(
        stderr(&out).contains("reckon: using config reckon.yml"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn stdin_takes_the_config_of_the_folder_its_name_is_in() {
    let dir = project("stdin", &[("desk/reckon.yaml", NO_WEEKDAY)]);
    let concise = |name: &str| {
        let args = [
            "check",
            "--format",
            "concise",
            "--stdin-filename",
            name,
            "-",
        ];
        let out = reckon_within(Duration::from_secs(60), &dir.0, &args, TALKS.as_bytes());
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let desk = concise("desk/draft.md");
    assert!(
        !desk.contains("weekday-mismatch") && desk.contains("unit-conversion"),
        "{desk}"
    );
    let top = concise("draft.md");
    assert!(top.contains("weekday-mismatch"), "{top}");
}

#[test]
fn config_overrides_for_every_file_and_isolated_uses_none() {
    let dir = project(
        "override",
        &[
            ("desk/a.md", TALKS),
            ("desk/reckon.yaml", NO_WEEKDAY),
            ("b.md", TALKS),
            (
                "given.yaml",
                "rules:\n  unit-conversion: {enabled: false}\n",
            ),
        ],
    );
    let (found, out) = findings(&dir.0, &["--config", "given.yaml", "desk/a.md", "b.md"]);
    assert_eq!(
        found,
        pairs(&[
            ("desk/a.md", "weekday-mismatch"),
            ("b.md", "weekday-mismatch")
        ])
    );
    assert!(!stderr(&out).contains("using config"), "{}", stderr(&out));
    let (found, _) = findings(&dir.0, &["--isolated", "desk/a.md"]);
    assert_eq!(
        found,
        pairs(&[
            ("desk/a.md", "weekday-mismatch"),
            ("desk/a.md", "unit-conversion")
        ])
    );
}

#[test]
fn a_broken_or_missing_config_stops_the_run_and_checks_nothing() {
    let dir = project(
        "broken",
        &[
            ("a.md", TALKS),
            (
                "reckon.yaml",
                "rules:\n  weekday-mismatch:\n    enabled: nope\n",
            ),
        ],
    );
    for args in [
        &["check", "a.md"][..],
        &["check", "--config", "reckon.yaml", "a.md"],
        &["check", "--config", "missing.yaml", "a.md"],
        &["timeline", "a.md"],
    ] {
        let out = reckon(&dir.0, args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(
            out.stdout.is_empty(),
            "{args:?} checked: {}",
            String::from_utf8_lossy(&out.stdout)
        );
        let err = stderr(&out);
        assert!(err.contains("nothing was"), "{args:?}: {err}");
        if args.contains(&"missing.yaml") {
            assert!(err.contains("missing.yaml"), "{err}");
        } else {
            assert!(err.contains("reckon.yaml:3:"), "{args:?}: {err}");
        }
    }
    // A broken configuration in one folder stops the files of every folder.
    let dir = project(
        "broken-nested",
        &[
            ("a.md", TALKS),
            ("desk/b.md", TALKS),
            ("desk/.reckon.yaml", "rules: [\n"),
        ],
    );
    let out = reckon(&dir.0, &["check", "a.md", "desk/b.md"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(
        stderr(&out).contains("desk/.reckon.yaml"),
        "{}",
        stderr(&out)
    );
}

/// The error printed for the configuration `yaml`.
fn config_error(test: &str, yaml: &str) -> String {
    let dir = project(test, &[("a.md", TALKS), ("reckon.yaml", yaml)]);
    let out = reckon(&dir.0, &["check", "a.md"]);
    assert_eq!(out.status.code(), Some(2), "{yaml}: {}", stderr(&out));
    stderr(&out)
}

#[test]
fn a_template_placeholder_must_be_one_of_the_rules_variables() {
    let err = config_error(
        "template",
        "rules:\n  unit-conversion: {enabled: true}\n  weekday-mismatch:\n    help: \"on {date}\"\n    message: \"{weekdya} is wrong\"\n",
    );
    assert!(err.contains("reckon.yaml:5:15"), "{err}");
    assert!(
        err.contains("`{weekdya}` in the message of weekday-mismatch is not one of its variables"),
        "{err}"
    );
    assert!(
        err.contains("did you mean `{weekday}`? the variables of weekday-mismatch are: {weekday}, {date}, {actual}"),
        "{err}"
    );
    // A variable only the rule's page lists (not its default templates) is accepted.
    let dir = project(
        "template-ok",
        &[
            ("a.md", TALKS),
            (
                "reckon.yaml",
                "rules:\n  event-elapsed: {help: \"see {source}\"}\n",
            ),
        ],
    );
    let out = reckon(&dir.0, &["check", "a.md"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    // Values out of range stay errors.
    let err = config_error("range", "rules:\n  unit-conversion: {relative-slack: 5}\n");
    assert!(
        err.contains("`relative-slack` must be a number from 0 to 1"),
        "{err}"
    );
}

#[test]
fn unknown_keys_and_rules_get_a_did_you_mean_in_plain_words() {
    for (yaml, want) in [
        (
            "rules:\n  weekday-mismatch: {severty: info}\n",
            "did you mean `severity`?",
        ),
        (
            "rules:\n  unit-conversoin: {enabled: false}\n",
            "did you mean `unit-conversion`?",
        ),
        ("extensoins: [md]\n", "did you mean `extensions`?"),
        (
            "rules:\n  weekday-mismatch: {severity: fatl}\n",
            "the values here are: info, warning, error",
        ),
        (
            "rules:\n  weekday-mismatch: 5\n",
            "expected a mapping of keys to values",
        ),
        (
            "rules:\n  weekday-mismatch: {slack-days: many}\n",
            "expected a number",
        ),
        (
            "rules:\n  weekday-mismatch: {enabled: 3}\n",
            "expected true or false",
        ),
        ("exclude: 7\n", "expected a list"),
        ("facts:\n  - {patterns: [x]}\n", "missing key `name`"),
    ] {
        let err = config_error("plain", yaml);
        assert!(err.contains(want), "{yaml}: {err}");
        for rust in [
            "struct",
            "RuleEntry",
            "RuleFile",
            "f64",
            "u32",
            "bool",
            "Vec<",
            "sequence",
            "field",
        ] {
            assert!(!err.contains(rust), "{yaml}: `{rust}` in {err}");
        }
    }
}

#[test]
fn per_file_ignores_turn_rules_off_by_glob() {
    let dir = project(
        "per-file",
        &[
            ("archive/2024/a.md", TALKS),
            ("b.md", TALKS),
            ("desk/wire.txt", TALKS),
            (
                "reckon.yaml",
                "per-file-ignores:\n  \"archive/**\": [weekday-mismatch, unit-conversion]\n  \"*.txt\": [unit-conversion]\n",
            ),
        ],
    );
    let (found, out) = findings(&dir.0, &["archive/2024/a.md", "b.md", "desk/wire.txt"]);
    assert_eq!(
        found,
        pairs(&[
            ("b.md", "weekday-mismatch"),
            ("b.md", "unit-conversion"),
            ("desk/wire.txt", "weekday-mismatch"),
        ]),
        "{}",
        stderr(&out)
    );
    let err = config_error(
        "per-file-bad",
        "per-file-ignores:\n  \"archive/**\": [weekday-mismatchh]\n",
    );
    assert!(
        err.contains("reckon.yaml:2:18: unknown rule `weekday-mismatchh`"),
        "{err}"
    );
    assert!(err.contains("did you mean `weekday-mismatch`?"), "{err}");
    let err = config_error(
        "per-file-glob",
        "per-file-ignores:\n  \"archive/[\": [countdown]\n",
    );
    assert!(err.contains("reckon.yaml:2:"), "{err}");
}

#[test]
fn per_file_ignores_reach_findings_across_documents() {
    let case =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/cases/story-event-elapsed-01-planted");
    let read = |n: &str| std::fs::read_to_string(case.join(n)).unwrap();
    let kursk = include_str!("../rules/examples/kursk.yaml");
    let (a, b, c) = (read("a.md"), read("b.md"), read("c.md"));
    let files = [
        ("a.md", a.as_str()),
        ("b.md", b.as_str()),
        ("c.md", c.as_str()),
        ("reckon.yaml", kursk),
    ];
    let dir = project("per-file-across", &files);
    let (found, _) = findings(&dir.0, &["a.md", "b.md", "c.md"]);
    assert!(
        found.contains(&("b.md".into(), "event-elapsed".into())),
        "{found:?}"
    );
    dir.write(
        "reckon.yaml",
        format!("{kursk}\nper-file-ignores:\n  b.md: [event-elapsed]\n"),
    );
    let (found, _) = findings(&dir.0, &["a.md", "b.md", "c.md"]);
    assert!(
        !found.iter().any(|(_, r)| r == "event-elapsed"),
        "{found:?}"
    );
}

#[test]
fn extend_extensions_adds_to_the_defaults() {
    let files = [("a.md", TALKS), ("b.rst", TALKS), ("c.txt", TALKS)];
    let dir = project("extend", &files);
    let walked = |dir: &Path| -> Vec<String> {
        let (found, _) = findings(dir, &["--fail-on", "never", "."]);
        let mut f: Vec<String> = found.into_iter().map(|(f, _)| f).collect();
        f.dedup();
        f
    };
    assert_eq!(walked(&dir.0), ["./a.md", "./c.txt"]);
    dir.write("reckon.yaml", "extend-extensions: [.rst]\n");
    assert_eq!(walked(&dir.0), ["./a.md", "./b.rst", "./c.txt"]);
    // `extensions` still replaces them.
    dir.write("reckon.yaml", "extensions: [rst]\n");
    assert_eq!(walked(&dir.0), ["./b.rst"]);
}

#[test]
fn same_line_suppression_and_unknown_rules_in_suppressions() {
    let same_line = TALKS.replace(
        "without a deal.",
        "without a deal. <!-- reckon-disable-line weekday-mismatch -->",
    );
    let typo = TALKS.replace(
        "Negotiators left",
        "<!-- reckon-disable-next-line weekday-mismatchh -->\nNegotiators left",
    );
    let dir = project("suppress", &[("same.md", &same_line), ("typo.md", &typo)]);
    let (found, _) = findings(&dir.0, &["same.md"]);
    assert_eq!(found, pairs(&[("same.md", "unit-conversion")]));
    let out = reckon(&dir.0, &["check", "--format", "concise", "typo.md"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("warning[unused-suppression] unknown rule `weekday-mismatchh` in this suppression comment"),
        "{text}"
    );
    assert!(text.contains("error[weekday-mismatch]"), "{text}");
    // unused-suppression is configured like any rule.
    dir.write(
        "reckon.yaml",
        "rules:\n  unused-suppression: {severity: error}\n",
    );
    let out = reckon(&dir.0, &["check", "--format", "concise", "typo.md"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("error[unused-suppression]"));
    dir.write(
        "reckon.yaml",
        "rules:\n  unused-suppression: {enabled: false}\n",
    );
    let (found, _) = findings(&dir.0, &["typo.md"]);
    assert!(
        !found.iter().any(|(_, r)| r == "unused-suppression"),
        "{found:?}"
    );
    let err = config_error(
        "suppress-message",
        "rules:\n  unused-suppression: {message: \"stale\"}\n",
    );
    assert!(err.contains("takes `enabled` and `severity` only"), "{err}");
}

#[test]
fn the_committed_schema_is_what_reckon_schema_prints() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = reckon(root, &["schema"]);
    assert_eq!(out.status.code(), Some(0));
    let committed = root.join("docs/reckon.schema.json");
    if std::env::var_os("RECKON_UPDATE_SCHEMA").is_some() {
        std::fs::write(&committed, &out.stdout).unwrap();
    }
    let on_disk = std::fs::read(&committed).unwrap_or_default();
    assert!(
        on_disk == out.stdout,
        "docs/reckon.schema.json is stale: regenerate it with\n  \
         cargo run -- schema > docs/reckon.schema.json\n\
         (or run this test with RECKON_UPDATE_SCHEMA=1)"
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let rules = &v["properties"]["rules"];
    assert_eq!(rules["additionalProperties"], false);
    assert!(rules["properties"]["weekday-mismatch"].is_object());
    assert!(rules["properties"]["unused-suppression"].is_object());
    assert!(v["properties"]["per-file-ignores"].is_object());
    assert!(v["properties"]["extend-extensions"].is_object());
}

#[test]
fn init_writes_every_rule_and_refuses_to_overwrite() {
    let dir = project("init", &[("a.md", TALKS)]);
    let out = reckon(&dir.0, &["init"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let written = std::fs::read_to_string(dir.0.join("reckon.yaml")).unwrap();
    let rules = String::from_utf8_lossy(&reckon(&dir.0, &["rules"]).stdout).into_owned();
    for line in rules.lines() {
        let id = line.split_whitespace().next().unwrap();
        assert!(
            written.contains(&format!("\n  {id}:\n")),
            "{id} missing:\n{written}"
        );
    }
    assert!(written.contains("  unused-suppression:\n"));
    assert!(written.contains("# message: \"{weekday} is not the weekday of {date}"));
    // It loads, and checks as the defaults do.
    let (found, out) = findings(&dir.0, &["a.md"]);
    assert!(
        stderr(&out).contains("using config reckon.yaml"),
        "{}",
        stderr(&out)
    );
    let (isolated, _) = findings(&dir.0, &["--isolated", "a.md"]);
    assert_eq!(found, isolated);
    // Not overwritten, unless --force.
    dir.write("reckon.yaml", "# mine\n");
    let out = reckon(&dir.0, &["init"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("reckon.yaml is already here"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        std::fs::read_to_string(dir.0.join("reckon.yaml")).unwrap(),
        "# mine\n"
    );
    let out = reckon(&dir.0, &["init", "--force"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        std::fs::read_to_string(dir.0.join("reckon.yaml")).unwrap(),
        written
    );
}
