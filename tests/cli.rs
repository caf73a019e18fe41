//! The `reckon extract` command line, end to end: the JSON shape the README
//! documents, spans that point at the right bytes, reference dates, what is
//! not prose, and the exit status on bad inputs and bad configuration.
//!
//! Fixtures live in `fixtures/examples/` and `fixtures/extract/`; files that
//! must not be committed (invalid UTF-8, broken lexicons) are written to a
//! fresh temporary folder by the test that needs them.

#[path = "support/temp_dir.rs"]
mod temp_dir;

use std::collections::BTreeSet;
use std::path::Path;
use temp_dir::TempDir;

use assert_cmd::Command;
use serde_json::Value;

const KURSK: &str = "fixtures/examples/kursk-brief.md";
const UNDATED: &str = "fixtures/extract/undated-partial.txt";
const DATELINE: &str = "fixtures/extract/dateline.md";
const FENCES: &str = "fixtures/extract/code-fences.md";
const YEAR_FROM_TEXT: &str = "fixtures/extract/year-from-text.txt";
const ALL_FIXTURES: [&str; 5] = [KURSK, UNDATED, DATELINE, FENCES, YEAR_FROM_TEXT];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `reckon` run from the crate root, so fixture paths (and the names reported) are relative.
fn reckon() -> Command {
    let mut cmd = Command::cargo_bin("reckon").expect("the reckon binary is built for tests");
    cmd.current_dir(root());
    cmd
}

fn read(rel: &str) -> Vec<u8> {
    std::fs::read(root().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// Runs `reckon extract --format json ARGS`, expects success, returns the parsed output.
fn extract_json(args: &[&str]) -> Value {
    let out = reckon()
        .arg("extract")
        .arg("--format")
        .arg("json")
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "exit {:?}\nstderr: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("stdout is JSON")
}

/// Runs `reckon extract --format json ARGS -` with `input` on stdin, expects success.
fn extract_stdin_json(args: &[&str], input: &str) -> Value {
    let out = reckon()
        .args(["extract", "--format", "json"])
        .args(args)
        .arg("-")
        .write_stdin(input)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "exit {:?}\nstderr: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("stdout is JSON")
}

fn mentions(json: &Value) -> &Vec<Value> {
    json["mentions"].as_array().expect("mentions is an array")
}

fn document<'a>(json: &'a Value, file: &str) -> &'a Value {
    json["documents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["file"] == file)
        .unwrap_or_else(|| panic!("no document {file} in {json}"))
}

/// The mention of `file` whose text is exactly `text`.
fn mention<'a>(json: &'a Value, text: &str) -> &'a Value {
    mentions(json)
        .iter()
        .find(|m| m["text"] == text)
        .unwrap_or_else(|| panic!("no mention {text:?}; got {:?}", texts(json)))
}

fn texts(json: &Value) -> Vec<&str> {
    mentions(json)
        .iter()
        .filter_map(|m| m["text"].as_str())
        .collect()
}

fn keys(v: &Value) -> BTreeSet<&str> {
    v.as_object()
        .unwrap_or_else(|| panic!("not an object: {v}"))
        .keys()
        .map(String::as_str)
        .collect()
}

fn set(ks: &[&'static str]) -> BTreeSet<&'static str> {
    ks.iter().copied().collect()
}

fn assert_timex(m: &Value, kind: &str, value: &str) {
    assert_eq!(m["timex"]["type"], kind, "{m}");
    assert_eq!(m["timex"]["value"], value, "{m}");
}

/// `{"lo": {"value", "inclusive"} | null, "hi": … | null}`.
fn check_interval(v: &Value) {
    assert_eq!(keys(v), set(&["lo", "hi"]), "{v}");
    for end in [&v["lo"], &v["hi"]] {
        if !end.is_null() {
            assert_eq!(keys(end), set(&["value", "inclusive"]), "{v}");
            assert!(
                end["value"].is_number() && end["inclusive"].is_boolean(),
                "{v}"
            );
        }
    }
}

/// Checks the value object against the README's list of shapes.
fn check_value(v: &Value) {
    let ty = v["type"]
        .as_str()
        .unwrap_or_else(|| panic!("value without a type: {v}"));
    let fields: &[&str] = match ty {
        "date" => &["start", "end"],
        "partial-date" => &["pattern"],
        "time" => &["date", "at", "zone"],
        "vague" => &["reference"],
        "duration" => &["unit", "amount"],
        "set" => &["every", "unit", "weekday"],
        "number" => &["exact", "interval"],
        "ordinal" => &["n"],
        "quantity" => &["exact", "interval", "unit", "dimension", "base", "currency"],
        "relation" => &["relation", "duration", "anchor", "end", "implies"],
        "unresolved" => &[],
        other => panic!("unknown value type {other}: {v}"),
    };
    let mut want = set(fields);
    want.insert("type");
    assert_eq!(keys(v), want, "{v}");
    match ty {
        "duration" => check_interval(&v["amount"]),
        "number" => check_interval(&v["interval"]),
        "quantity" => {
            check_interval(&v["interval"]);
            if !v["base"].is_null() {
                check_interval(&v["base"]);
            }
        }
        _ => {}
    }
}

/// Line and character column (both 1-based) of byte `offset` in `bytes`.
fn line_col(bytes: &[u8], offset: usize) -> (u64, u64) {
    let before = &bytes[..offset];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let col = std::str::from_utf8(&before[line_start..])
        .expect("offset on a char boundary")
        .chars()
        .count()
        + 1;
    (line as u64, col as u64)
}

/// Everything the README promises about the JSON, for every mention.
/// `files` maps the reported file name to the bytes of that file.
fn check_shape(json: &Value, files: &[(&str, Vec<u8>)]) {
    assert_eq!(keys(json), set(&["version", "documents", "mentions"]));
    assert_eq!(json["version"], 1);
    for d in json["documents"].as_array().expect("documents is an array") {
        assert_eq!(
            keys(d),
            set(&["file", "reference_date", "reference_source"]),
            "{d}"
        );
        let source = d["reference_source"].as_str().unwrap();
        assert!(
            ["command-line", "front-matter", "dateline", "none"].contains(&source),
            "{d}"
        );
        assert_eq!(d["reference_date"].is_null(), source == "none", "{d}");
    }
    let kinds = [
        "date", "time", "duration", "set", "relation", "number", "ordinal", "fraction", "percent",
        "quantity",
    ];
    for m in mentions(json) {
        assert_eq!(
            keys(m),
            set(&["file", "span", "line", "column", "text", "kind", "value", "hedge", "timex"]),
            "{m}"
        );
        let file = m["file"].as_str().unwrap();
        let bytes = &files
            .iter()
            .find(|(f, _)| *f == file)
            .unwrap_or_else(|| panic!("unexpected file {file}"))
            .1;
        assert_eq!(keys(&m["span"]), set(&["start", "end"]), "{m}");
        let start = m["span"]["start"].as_u64().unwrap() as usize;
        let end = m["span"]["end"].as_u64().unwrap() as usize;
        assert!(start < end && end <= bytes.len(), "{m}");
        assert_eq!(
            m["text"].as_str().unwrap().as_bytes(),
            &bytes[start..end],
            "span and text disagree: {m}"
        );
        let (line, col) = line_col(bytes, start);
        assert_eq!(
            (m["line"].as_u64().unwrap(), m["column"].as_u64().unwrap()),
            (line, col),
            "{m}"
        );
        assert!(kinds.contains(&m["kind"].as_str().unwrap()), "{m}");
        check_value(&m["value"]);
        if !m["hedge"].is_null() {
            assert_eq!(keys(&m["hedge"]), set(&["id", "text"]), "{m}");
            assert!(!m["hedge"]["id"].as_str().unwrap().is_empty(), "{m}");
            let hedge = m["hedge"]["text"].as_str().unwrap();
            assert!(
                !hedge.is_empty() && m["text"].as_str().unwrap().contains(hedge),
                "{m}"
            );
        }
        if !m["timex"].is_null() {
            assert_eq!(keys(&m["timex"]), set(&["type", "value"]), "{m}");
            assert!(
                ["DATE", "TIME", "DURATION", "SET"].contains(&m["timex"]["type"].as_str().unwrap()),
                "{m}"
            );
            assert!(m["timex"]["value"].is_string(), "{m}");
        }
    }
}

impl TempDir {
    fn new(test: &str) -> TempDir {
        TempDir::in_suite("cli", test)
    }
}

// --- The JSON shape -------------------------------------------------------

#[test]
fn json_shape_spans_and_positions_on_every_fixture() {
    let json = extract_json(&ALL_FIXTURES);
    let files: Vec<(&str, Vec<u8>)> = ALL_FIXTURES.iter().map(|f| (*f, read(f))).collect();
    check_shape(&json, &files);
    let reported: Vec<&str> = json["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["file"].as_str().unwrap())
        .collect();
    assert_eq!(reported, ALL_FIXTURES);
    for f in ALL_FIXTURES {
        assert!(
            mentions(&json).iter().any(|m| m["file"] == f),
            "no mentions in {f}"
        );
    }
}

#[test]
fn json_shape_with_a_command_line_date() {
    let json = extract_json(&["--date", "2025-01-10", UNDATED, KURSK]);
    check_shape(&json, &[(UNDATED, read(UNDATED)), (KURSK, read(KURSK))]);
}

// --- Reference dates ------------------------------------------------------

#[test]
fn reference_date_from_the_command_line_wins() {
    let json = extract_json(&["--date", "2024-12-31", KURSK, DATELINE, UNDATED]);
    for f in [KURSK, DATELINE, UNDATED] {
        let d = document(&json, f);
        assert_eq!(d["reference_source"], "command-line", "{d}");
        assert_eq!(d["reference_date"], "2024-12-31", "{d}");
    }
}

#[test]
fn reference_date_from_front_matter() {
    let json = extract_json(&[KURSK]);
    let d = document(&json, KURSK);
    assert_eq!(
        (d["reference_source"].as_str(), d["reference_date"].as_str()),
        (Some("front-matter"), Some("2025-01-07"))
    );
}

#[test]
fn reference_date_from_a_byline_date_under_the_title() {
    let json = extract_json(&[DATELINE]);
    let d = document(&json, DATELINE);
    assert_eq!(
        (d["reference_source"].as_str(), d["reference_date"].as_str()),
        (Some("dateline"), Some("2025-01-07"))
    );
    // "on Monday" in a text dated Tuesday 2025-01-07.
    assert_timex(mention(&json, "Monday"), "DATE", "2025-01-06");
}

#[test]
fn undated_text_keeps_partial_dates_partial() {
    let json = extract_json(&[UNDATED]);
    let d = document(&json, UNDATED);
    assert_eq!(d["reference_source"], "none");
    assert!(d["reference_date"].is_null());
    let m = mention(&json, "Aug. 6");
    assert_eq!(m["kind"], "date");
    assert_eq!(m["value"]["type"], "partial-date");
    assert_eq!(m["value"]["pattern"], "XXXX-08-06");
    assert_timex(m, "DATE", "XXXX-08-06");
}

#[test]
fn undated_text_partial_date_takes_the_year_of_the_last_full_date() {
    let json = extract_json(&[YEAR_FROM_TEXT]);
    assert_eq!(document(&json, YEAR_FROM_TEXT)["reference_source"], "none");
    assert_timex(mention(&json, "March 3, 2024"), "DATE", "2024-03-03");
    assert_timex(mention(&json, "March 10"), "DATE", "2024-03-10");
}

// --- What is not prose ----------------------------------------------------

/// Byte range of the first occurrence of `needle` in `hay`.
fn range_of(hay: &[u8], needle: &str) -> std::ops::Range<usize> {
    let n = needle.as_bytes();
    let start = hay
        .windows(n.len())
        .position(|w| w == n)
        .unwrap_or_else(|| panic!("{needle:?} not in fixture"));
    start..start + n.len()
}

fn assert_nothing_inside(json: &Value, file: &str, ranges: &[std::ops::Range<usize>]) {
    for m in mentions(json).iter().filter(|m| m["file"] == file) {
        let (s, e) = (
            m["span"]["start"].as_u64().unwrap() as usize,
            m["span"]["end"].as_u64().unwrap() as usize,
        );
        for r in ranges {
            assert!(
                e <= r.start || s >= r.end,
                "mention {} overlaps non-prose bytes {r:?}",
                m["text"]
            );
        }
    }
}

#[test]
fn kursk_brief_code_span_url_and_comment_are_not_prose() {
    let bytes = read(KURSK);
    let json = extract_json(&[KURSK]);
    let code = range_of(&bytes, "`kursk-2024-08-06.json`");
    let url = range_of(&bytes, "(https://example.org/maps/2025/01/05/kursk)");
    let comment = range_of(
        &bytes,
        "<!-- desk note: recheck the casualty figure on 2025-01-08 -->",
    );
    let front_matter = range_of(&bytes, "---\ndate: 2025-01-07\n---\n");
    assert_nothing_inside(&json, KURSK, &[code, url, comment, front_matter]);
    // The link text is prose.
    assert!(texts(&json).contains(&"daily"), "{:?}", texts(&json));
}

#[test]
fn code_fences_and_indented_code_are_not_prose() {
    let bytes = read(FENCES);
    let json = extract_json(&[FENCES]);
    let fence = range_of(
        &bytes,
        "```sh\nreckon extract --date 2023-12-31 notes.md\n```",
    );
    let indented = range_of(&bytes, "    indented code: 1999-01-01");
    assert_nothing_inside(&json, FENCES, &[fence, indented]);
    assert_eq!(texts(&json), ["March 3, 2024", "about 40 minutes"]);
}

// --- Specific mentions in the example -------------------------------------

#[test]
fn kursk_brief_dates() {
    let json = extract_json(&[KURSK]);
    let aug = mention(&json, "August 6, 2024");
    assert_eq!(aug["kind"], "date");
    assert_eq!(
        (aug["value"]["start"].as_str(), aug["value"]["end"].as_str()),
        (Some("2024-08-06"), Some("2024-08-06"))
    );
    assert_timex(aug, "DATE", "2024-08-06");
    assert_timex(
        mention(&json, "Sunday, January 5, 2025"),
        "DATE",
        "2025-01-05",
    );
    let jan20 = mention(&json, "January 20");
    assert_eq!(jan20["kind"], "date");
    assert_timex(jan20, "DATE", "2025-01-20");
    assert_timex(mention(&json, "today"), "DATE", "2025-01-07");
}

#[test]
fn kursk_brief_durations_and_relation() {
    let json = extract_json(&[KURSK]);
    let five = mention(&json, "five months");
    assert_eq!(five["kind"], "duration");
    assert_eq!(five["value"]["unit"], "month");
    assert_timex(five, "DURATION", "P5M");
    let two = mention(&json, "two weeks");
    assert_eq!(two["kind"], "duration");
    assert_timex(two, "DURATION", "P2W");
    let since = mention(&json, "five months since");
    assert_eq!(since["kind"], "relation");
    assert_eq!(since["value"]["relation"], "since");
    assert!(since["timex"].is_null());
}

#[test]
fn kursk_brief_figures() {
    let json = extract_json(&[KURSK]);
    let casualties = mentions(&json)
        .iter()
        .find(|m| m["text"].as_str().unwrap().starts_with("about 38,000"))
        .unwrap_or_else(|| panic!("no 'about 38,000'; got {:?}", texts(&json)));
    assert_eq!(casualties["kind"], "quantity");
    assert_eq!(casualties["hedge"]["id"], "approximately");
    assert_eq!(casualties["hedge"]["text"], "about");
    assert_eq!(casualties["value"]["exact"], 38000.0);
    let lo = casualties["value"]["interval"]["lo"]["value"]
        .as_f64()
        .unwrap();
    let hi = casualties["value"]["interval"]["hi"]["value"]
        .as_f64()
        .unwrap();
    assert!(lo < 38000.0 && 38000.0 < hi, "{casualties}");

    let km = mention(&json, "roughly 1,300 square kilometers");
    assert_eq!(km["kind"], "quantity");
    assert_eq!(km["hedge"]["id"], "approximately");
    assert_eq!(
        (
            km["value"]["unit"].as_str(),
            km["value"]["dimension"].as_str()
        ),
        (Some("square kilometer"), Some("area"))
    );
    let base_lo = km["value"]["base"]["lo"]["value"].as_f64().unwrap();
    let base_hi = km["value"]["base"]["hi"]["value"].as_f64().unwrap();
    assert!(base_lo < 1.3e9 && 1.3e9 < base_hi, "{km}");

    let miles = mention(&json, "about 500 square miles");
    assert_eq!(miles["value"]["unit"], "square mile");
    // 500 square miles is about 1,295 km²: the two hedged figures agree.
    let m_lo = miles["value"]["base"]["lo"]["value"].as_f64().unwrap();
    let m_hi = miles["value"]["base"]["hi"]["value"].as_f64().unwrap();
    assert!(m_lo < base_hi && base_lo < m_hi, "{miles} vs {km}");

    let half = mention(&json, "around half");
    assert_eq!(half["kind"], "fraction");
    assert_eq!(half["value"]["exact"], 0.5);
}

#[test]
fn kursk_brief_hedged_clock_time_is_a_time() {
    let json = extract_json(&[KURSK]);
    let t = mentions(&json)
        .iter()
        .find(|m| m["kind"] == "time")
        .unwrap_or_else(|| panic!("no time mention; got {:?}", texts(&json)));
    assert!(
        t["text"].as_str().unwrap().ends_with("9 a.m. Moscow time"),
        "{t}"
    );
    assert_eq!(t["value"]["at"], "09:00");
    assert_eq!(t["value"]["zone"], "Moscow time");
    assert!(!texts(&json).contains(&"around 9"), "{:?}", texts(&json));
}

// --- Standard input -------------------------------------------------------

#[test]
fn stdin_with_a_filename_is_read_as_that_kind_of_file() {
    let text = read(KURSK);
    let out = reckon()
        .args([
            "extract",
            "--format",
            "json",
            "--stdin-filename",
            "brief.md",
            "-",
        ])
        .write_stdin(text.clone())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    check_shape(&json, &[("brief.md", text.clone())]);
    let d = document(&json, "brief.md");
    assert_eq!(d["reference_source"], "front-matter");
    // Read as Markdown: the code span is not prose.
    assert_nothing_inside(
        &json,
        "brief.md",
        &[range_of(&text, "`kursk-2024-08-06.json`")],
    );
    assert_timex(mention(&json, "August 6, 2024"), "DATE", "2024-08-06");
}

#[test]
fn stdin_without_a_filename_is_named_stdin() {
    let json = extract_stdin_json(
        &["--date", "2025-01-07"],
        "The talks resume on January 20.\n",
    );
    assert_eq!(
        document(&json, "<stdin>")["reference_source"],
        "command-line"
    );
    assert_timex(mention(&json, "January 20"), "DATE", "2025-01-20");
}

#[test]
fn clock_time_takes_the_day_written_before_it() {
    let json = extract_stdin_json(
        &["--date", "2025-01-07"],
        "It began on Sunday, January 5, 2025, at 9 a.m. Moscow time.\n",
    );
    assert_timex(
        mention(&json, "9 a.m. Moscow time"),
        "TIME",
        "2025-01-05T09:00",
    );
}

#[test]
fn relation_points_at_its_duration_and_anchor() {
    let json = extract_stdin_json(&[], "Five months since August 6, 2024, the front held.\n");
    let all = mentions(&json);
    let rel = mention(&json, "Five months since August 6, 2024");
    let at = |key: &str| {
        all[rel["value"][key].as_u64().unwrap() as usize]["text"]
            .as_str()
            .unwrap()
    };
    assert_eq!(at("duration"), "Five months");
    assert_eq!(at("anchor"), "August 6, 2024");
    assert!(rel["value"]["implies"].is_array(), "{rel}");
}

#[test]
fn unit_abbreviation_leaves_the_full_stop_out() {
    let json = extract_stdin_json(&[], "They drove more than 12 km. Then they stopped.\n");
    mention(&json, "more than 12 km");
}

// --- Bad inputs and bad configuration ---------------------------------------

#[test]
fn invalid_utf8_is_reported_and_other_files_still_processed() {
    let tmp = TempDir::new("not-utf8");
    let bad = tmp.write("latin1.txt", b"Le 6 ao\xfbt 2024, rien.\n");
    let good = root().join(KURSK);
    for format in ["json", "table"] {
        let out = reckon()
            .arg("extract")
            .args(["--format", format])
            .arg(&bad)
            .arg(&good)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{format}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains(&bad.display().to_string()),
            "{format}: {stderr}"
        );
        assert!(stderr.contains("not valid UTF-8"), "{format}: {stderr}");
        let stdout = String::from_utf8(out.stdout).unwrap();
        assert!(stdout.contains("August 6, 2024"), "{format}: {stdout}");
        if format == "json" {
            let json: Value = serde_json::from_str(&stdout).unwrap();
            let files: Vec<&str> = json["documents"]
                .as_array()
                .unwrap()
                .iter()
                .map(|d| d["file"].as_str().unwrap())
                .collect();
            assert_eq!(files, [good.display().to_string()]);
        }
    }
}

#[test]
fn missing_file_is_exit_2_and_the_rest_is_reported() {
    let out = reckon()
        .args(["extract", "fixtures/no-such-file.md", DATELINE])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("fixtures/no-such-file.md"));
    assert!(String::from_utf8_lossy(&out.stdout).contains(DATELINE));
}

#[test]
fn good_run_exits_0() {
    reckon().args(["extract", KURSK, UNDATED]).assert().code(0);
}

#[test]
fn garbage_date_is_a_usage_error() {
    let out = reckon()
        .args(["extract", "--date", "garbage", KURSK])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("garbage") && stderr.contains("YYYY-MM-DD"),
        "{stderr}"
    );
}

#[test]
fn lexicon_with_an_unknown_key_is_exit_2_with_file_line_column() {
    let tmp = TempDir::new("bad-lexicon");
    let lex = tmp.write(
        "lexicon.yaml",
        b"hedges:\n  approximately:\n    words: [about]\n    colour: red\n",
    );
    let out = reckon()
        .args(["extract", KURSK])
        .arg("--lexicon")
        .arg(&lex)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!("{}:4:5", lex.display())),
        "{stderr}"
    );
    assert!(stderr.contains("unknown key `colour`"), "{stderr}");
}

#[test]
fn lexicon_extension_adds_hedges_and_units() {
    let tmp = TempDir::new("good-lexicon");
    let lex = tmp.write(
        "lexicon.yaml",
        b"hedges:\n  ballpark:\n    words: [\"in the ballpark of\"]\n    low: 0.5\n    high: 1.5\n\
          units:\n  - {name: verst, dimension: length, factor: 1066.8, aliases: [versts]}\n",
    );
    let out = reckon()
        .args(["extract", "--format", "json", "--lexicon"])
        .arg(&lex)
        .arg("-")
        .write_stdin("They marched in the ballpark of 40 versts, then 3 km more.\n")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    let m = mention(&json, "in the ballpark of 40 versts");
    assert_eq!(
        (m["hedge"]["id"].as_str(), m["value"]["unit"].as_str()),
        (Some("ballpark"), Some("verst"))
    );
    // The built-in lexicon is still there.
    assert_eq!(mention(&json, "3 km")["value"]["unit"], "kilometer");
}

// --- Human output -----------------------------------------------------------

#[test]
fn kursk_brief_table() {
    let out = reckon()
        .args(["extract", KURSK])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    insta::assert_snapshot!(String::from_utf8(out).unwrap());
}
