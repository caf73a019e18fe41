//! `reckon timeline` on `fixtures/timeline-stories/`: three stories told by
//! several articles each, in several house styles (a Reuters wire with its
//! dateline, an AP story, a British paper, a union notice, a blog with ISO
//! dates in a Markdown list), and `fixtures/timeline-conflict/`, one of the
//! ferry articles edited to date the sinking a day later. Each behaviour of
//! the timeline is checked in all three formats: the table, the JSON and the
//! HTML page.

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

const STRIKE: &str = "fixtures/timeline-stories/harbour-strike";
const ROADS: &str = "fixtures/timeline-stories/mountain-roads";
const FERRY: &str = "fixtures/timeline-stories/ferry";
const FERRY_WIRE: &str = "fixtures/timeline-stories/ferry/a-wire.txt";
const FERRY_BLOG: &str = "fixtures/timeline-stories/ferry/c-blog.md";
const FERRY_EDITED: &str = "fixtures/timeline-conflict/b-paper-edited.md";

fn timeline(format: &str, inputs: &[&str]) -> String {
    let out = Command::cargo_bin("reckon")
        .expect("the reckon binary is built for tests")
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")))
        .args(["timeline", "--isolated", "--format", format])
        .args(inputs)
        .output()
        .expect("reckon runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

fn json(inputs: &[&str]) -> Value {
    serde_json::from_str(&timeline("json", inputs)).expect("JSON")
}

fn entries(v: &Value) -> &Vec<Value> {
    v["entries"].as_array().expect("entries")
}

fn on<'a>(v: &'a Value, day: &str) -> Vec<&'a Value> {
    entries(v)
        .iter()
        .filter(|e| e["start"] == day && e["end"] == day)
        .collect()
}

fn labels(es: &[&Value]) -> Vec<String> {
    es.iter()
        .map(|e| e["label"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn different_events_on_one_day_are_different_entries() {
    let v = json(&[STRIKE]);
    // April 8: the walkout and the cancelled ferries, told in one article.
    assert_eq!(
        labels(&on(&v, "2025-04-08")),
        [
            "Dockworkers walked out at 6am",
            "Norlink Ferries cancelled its evening crossings to Denmark"
        ]
    );
    let v = json(&[ROADS]);
    // January 15: the army and the council, and the army told by two articles.
    let jan15 = on(&v, "2025-01-15");
    assert_eq!(jan15.len(), 2);
    let army = jan15
        .iter()
        .find(|e| e["label"].as_str().unwrap().starts_with("The army"))
        .unwrap();
    assert_eq!(army["sources"].as_array().unwrap().len(), 2);
    let table = timeline("table", &[ROADS]);
    assert!(
        table.contains(
            "Wed 2025-01-15           The regional council declared a state of emergency"
        ),
        "{table}"
    );
    let html = timeline("html", &[ROADS]);
    assert!(
        html.contains(">The regional council declared a state of emergency</li>")
            || html.contains(">The regional council declared a state of emergency<"),
        "the page lists it"
    );
}

#[test]
fn a_range_is_one_entry_drawn_as_a_span() {
    let v = json(&[STRIKE]);
    let ranges: Vec<&Value> = entries(&v).iter().filter(|e| e["range"] == true).collect();
    assert_eq!(ranges.len(), 1, "{v}");
    let r = ranges[0];
    assert_eq!(
        (r["start"].as_str(), r["end"].as_str()),
        (Some("2025-04-08"), Some("2025-04-22"))
    );
    let written: Vec<&str> = r["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["text"].as_str().unwrap())
        .collect();
    // "from April 8 to April 22" in the wire, "ran 8–22 April" in the British paper.
    assert_eq!(written, ["April 8 to April 22", "8\u{2013}22 April"]);
    assert!(
        !r["label"].as_str().unwrap().contains("April 22"),
        "{}",
        r["label"]
    );
    assert!(
        on(&v, "2025-04-22").is_empty(),
        "no entry for the range's last day alone"
    );
    let table = timeline("table", &[STRIKE]);
    assert!(
        table.contains("2025-04-08 … 2025-04-22  Dockworkers at the port of Halden will strike"),
        "{table}"
    );
    let html = timeline("html", &[STRIKE]);
    assert_eq!(html.matches("<rect class=\"period range\"").count(), 1);
    assert!(html.contains("<span class=\"badge range-badge\">range</span>"));
}

#[test]
fn labels_keep_their_subject_and_verb() {
    let v = json(&[ROADS]);
    assert_eq!(
        labels(&on(&v, "2025-02-03")),
        ["Route 9 and the Casso pass road were reopened after crews cleared the debris"]
    );
    assert_eq!(
        labels(&on(&v, "2025-01-12")),
        ["Route 9 and the Casso pass road, closed by landslides"]
    );
    // The wire's dateline is where the story was filed, not part of a label.
    let v = json(&[FERRY]);
    let sank = &on(&v, "2025-11-14")[0];
    assert!(
        sank["label"]
            .as_str()
            .unwrap()
            .starts_with("The passenger ferry Aegean Star sank"),
        "{sank}"
    );
    for e in entries(&v) {
        let l = e["label"].as_str().unwrap();
        assert!(
            !l.contains("(Reuters)") && !l.starts_with(char::is_lowercase),
            "{l}"
        );
    }
    let table = timeline("table", &[ROADS]);
    assert!(!table.contains(" Were reopened"), "{table}");
    let html = timeline("html", &[ROADS]);
    assert!(html
        .contains("Route 9 and the Casso pass road were reopened after crews cleared the debris"));
}

#[test]
fn a_deadline_told_in_two_articles_is_one_date() {
    // A union notice of December 2024 and a wire of March 2025 both write "by March 31".
    let v = json(&[STRIKE]);
    let deadline = on(&v, "2025-03-31");
    assert_eq!(deadline.len(), 1, "{v}");
    let files: Vec<&str> = deadline[0]["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["file"].as_str().unwrap())
        .collect();
    assert_eq!(
        files.len(),
        3,
        "the wire, the notice and the British paper: {files:?}"
    );
    assert!(deadline[0]["sources"]
        .as_array()
        .unwrap()
        .iter()
        .all(|s| s["deadline"] == true));
    assert!(entries(&v)
        .iter()
        .all(|e| !e["start"].as_str().unwrap().ends_with("-03-31") || e["start"] == "2025-03-31"));
    let table = timeline("table", &[STRIKE]);
    assert_eq!(table.matches("-03-31 ").count(), 1, "{table}");
    assert!(
        table.contains("b-notice.md:8:52  \"March 31\"  (deadline)"),
        "{table}"
    );
    let html = timeline("html", &[STRIKE]);
    assert_eq!(
        html.matches("<span class=\"when\">Mon 2025-03-31</span>")
            .count(),
        1
    );
}

#[test]
fn a_schedule_is_recurring_never_dated() {
    let v = json(&[STRIKE, ROADS]);
    let when: Vec<&str> = v["recurring"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["when"].as_str().unwrap())
        .collect();
    assert_eq!(
        when,
        [
            "Monday through Thursday",
            "every Tuesday",
            "Monday through Thursday",
            "every Tuesday"
        ]
    );
    // No dated entry comes from a schedule's sentence ("their union said on
    // Monday" is a dated event, and stays one).
    for e in entries(&v) {
        for s in e["sources"].as_array().unwrap() {
            let sentence = s["sentence"].as_str().unwrap();
            assert!(
                !sentence.contains("Monday through Thursday")
                    && !sentence.contains("every Tuesday"),
                "a schedule dated: {e}"
            );
        }
    }
    let said = labels(&on(&v, "2025-03-03"));
    assert_eq!(said.len(), 1);
    assert!(
        said[0].starts_with("Their union said: Dockworkers at the port of Halden will strike"),
        "{said:?}"
    );
    let table = timeline("table", &[ROADS]);
    assert!(table.contains("Recurring (not dated):\nMonday through Thursday  The regional council will sit this month to approve repair funds"), "{table}");
    let html = timeline("html", &[ROADS]);
    assert!(html.contains("<h2>Recurring (not dated)</h2>"));
}

#[test]
fn one_event_dated_differently_is_a_conflict_with_both_sources() {
    let v = json(&[FERRY_WIRE, FERRY_BLOG, FERRY_EDITED]);
    let marked: Vec<&Value> = entries(&v)
        .iter()
        .filter(|e| e["conflict"] == true)
        .collect();
    assert_eq!(marked.len(), 2, "{v}");
    assert_eq!(marked[0]["start"], "2025-11-14");
    assert_eq!(marked[1]["start"], "2025-11-15");
    for e in &marked {
        let c = &e["conflicts"][0];
        assert_eq!(c["rule"], "timeline-date-conflict");
        let files: Vec<&str> = c["sources"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["file"].as_str().unwrap())
            .collect();
        assert_eq!(files, [FERRY_WIRE, FERRY_BLOG, FERRY_EDITED]);
        let both: Vec<usize> = c["entries"]
            .as_array()
            .unwrap()
            .iter()
            .map(|k| k.as_u64().unwrap() as usize)
            .collect();
        assert_eq!(both.len(), 2);
        assert_eq!(entries(&v)[both[0]]["start"], "2025-11-14");
        assert_eq!(entries(&v)[both[1]]["start"], "2025-11-15");
    }
    // The search launched on November 15 is another event: no conflict.
    let search = on(&v, "2025-11-15")
        .into_iter()
        .find(|e| e["label"].as_str().unwrap().contains("search"))
        .unwrap();
    assert_eq!(search["conflict"], false);
    let table = timeline("table", &[FERRY_WIRE, FERRY_BLOG, FERRY_EDITED]);
    assert_eq!(
        table.matches("✗ timeline-date-conflict").count(),
        2,
        "{table}"
    );
    assert!(
        table.contains("Sat 2025-11-15 in fixtures/timeline-conflict/b-paper-edited.md:6"),
        "{table}"
    );
    let html = timeline("html", &[FERRY_WIRE, FERRY_BLOG, FERRY_EDITED]);
    assert_eq!(html.matches("<circle class=\"marker conflict\"").count(), 2);
    assert_eq!(
        html.matches("<path class=\"conflict-link\" data-entries=")
            .count(),
        1
    );
    assert!(html.contains("<a class=\"src\" href=\"#src-2-6\"><code>fixtures/timeline-conflict/b-paper-edited.md:6:37</code></a>"));
    assert!(html.contains("<li id=\"src-2-6\">"));
}

#[test]
fn the_unedited_story_set_shows_no_conflict() {
    let all = ["fixtures/timeline-stories"];
    let v = json(&all);
    assert!(entries(&v).iter().all(|e| e["conflict"] == false), "{v}");
    let table = timeline("table", &all);
    assert!(table.contains("; 0 conflicts; 4 recurring\n"), "{table}");
    let html = timeline("html", &all);
    assert_eq!(html.matches("<circle class=\"marker conflict\"").count(), 0);
    assert_eq!(html.matches("data-entries=").count(), 0);
}

#[test]
fn every_entry_links_to_its_source_lines() {
    let html = timeline("html", &[FERRY_WIRE, FERRY_BLOG, FERRY_EDITED]);
    let links = regex::Regex::new(r##"href="#(src-\d+-\d+)""##).unwrap();
    let mut n = 0;
    for c in links.captures_iter(&html) {
        assert!(
            html.contains(&format!("<li id=\"{}\">", &c[1])),
            "no line for {}",
            &c[1]
        );
        n += 1;
    }
    let sources: usize = entries(&json(&[FERRY_WIRE, FERRY_BLOG, FERRY_EDITED]))
        .iter()
        .map(|e| e["sources"].as_array().unwrap().len())
        .sum();
    assert!(n >= sources, "{n} links for {sources} sources");
    // The quoted line is the line as written.
    assert!(html.contains("<li id=\"src-0-1\"><code>fixtures/timeline-stories/ferry/a-wire.txt:1</code><pre>ATHENS, Nov. 16, 2025 (Reuters) - The passenger ferry"));
}

/// The story fixtures copied to a temporary folder, `file` edited so that
/// `from` (written once in it) reads `to`.
fn edited_copy(file: &str, from: &str, to: &str) -> std::path::PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = std::env::temp_dir().join(format!(
        "reckon-timeline-edit-{}-{}",
        std::process::id(),
        file.replace('/', "-")
    ));
    let _ = std::fs::remove_dir_all(&dir);
    for story in ["ferry", "harbour-strike", "mountain-roads"] {
        let src = root.join("fixtures/timeline-stories").join(story);
        std::fs::create_dir_all(dir.join(story)).expect("temp dir");
        for f in std::fs::read_dir(&src).expect("fixtures") {
            let f = f.expect("entry").path();
            let name = f.file_name().expect("name").to_string_lossy().to_string();
            let mut text = std::fs::read_to_string(&f).expect("fixture");
            if format!("{story}/{name}") == file {
                assert_eq!(text.matches(from).count(), 1, "{from} once in {file}");
                text = text.replace(from, to);
            }
            std::fs::write(dir.join(story).join(name), text).expect("copy");
        }
    }
    dir
}

#[test]
fn an_event_dated_differently_in_one_article_is_caught_wherever_it_is() {
    // (article, the date as written, the edit, the two days the conflict joins)
    let edits = [
        (
            "ferry/a-wire.txt",
            "on November 14",
            "on November 13",
            ["2025-11-13", "2025-11-14"],
        ),
        (
            "ferry/c-blog.md",
            "2025-11-14:",
            "2025-11-15:",
            ["2025-11-14", "2025-11-15"],
        ),
        (
            "mountain-roads/b-blog.md",
            "2025-01-12:",
            "2025-01-13:",
            ["2025-01-12", "2025-01-13"],
        ),
        (
            "mountain-roads/b-blog.md",
            "2025-01-15: The army",
            "2025-01-16: The army",
            ["2025-01-15", "2025-01-16"],
        ),
        (
            "mountain-roads/a-ap.md",
            "landslides on Jan. 12",
            "landslides on Jan. 11",
            ["2025-01-11", "2025-01-12"],
        ),
    ];
    for (file, from, to, days) in edits {
        let dir = edited_copy(file, from, to);
        let v = json(&[dir.to_str().expect("UTF-8 path")]);
        let marked = date_conflict_days(&v);
        assert_eq!(marked, days, "{file}: {from} → {to}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}

/// The days the `timeline-date-conflict`s of a timeline mark.
fn date_conflict_days(v: &Value) -> Vec<String> {
    entries(v)
        .iter()
        .filter(|e| {
            e["conflicts"]
                .as_array()
                .unwrap()
                .iter()
                .any(|c| c["rule"] == "timeline-date-conflict")
        })
        .map(|e| e["start"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn the_kursk_set_catches_an_incursion_dated_a_day_late() {
    // The three Kursk articles and the brief: the incursion is "the incursion
    // began" in the desk notes, "Ukraine's surprise incursion" in the brief.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = std::env::temp_dir().join(format!("reckon-timeline-kursk-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    for f in [
        "fixtures/timeline/a-kyiv-brief.md",
        "fixtures/timeline/b-moscow-wire.txt",
        "fixtures/timeline/c-desk-notes.txt",
        "fixtures/examples/kursk-brief.md",
    ] {
        let name = Path::new(f).file_name().unwrap();
        std::fs::copy(root.join(f), dir.join(name)).expect("copy");
    }
    let set = dir.to_str().expect("UTF-8 path");
    assert!(
        date_conflict_days(&json(&[set])).is_empty(),
        "the unedited set"
    );
    let notes = dir.join("c-desk-notes.txt");
    let text = std::fs::read_to_string(&notes).unwrap();
    assert_eq!(text.matches("began on August 6").count(), 1);
    std::fs::write(
        &notes,
        text.replace("began on August 6", "began on August 7"),
    )
    .unwrap();
    assert_eq!(
        date_conflict_days(&json(&[set])),
        ["2024-08-06", "2024-08-07"]
    );
    let _ = std::fs::remove_dir_all(&dir);
}
