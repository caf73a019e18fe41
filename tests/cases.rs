//! The consistency cases in `fixtures/cases/`, judged exactly as
//! `../shared/tools/score_cases.py` judges them.
//!
//! Every folder holding a `case.json` is a case: `reckon check --format json
//! FILES…` runs with the folder as working directory. An optional `"config"`
//! key names a rule file (relative to the folder) passed as `--config`: the
//! story cases that need named events or facts use `rules/examples/kursk.yaml`.
//! score_cases.py ignores the key, so those folders also hold a `reckon.yaml`
//! linked to the same file, which `reckon check` finds by itself. A mutant passes when an
//! error or warning finding's span (primary or related) overlaps the bytes of
//! each expected anchor in its file; a clean case passes when no error or
//! warning is reported. New folders are picked up without code changes; the
//! test fails once, listing every failing case.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/cases")
}

/// `(file, start, end)` of a finding and of its related spans and labels.
fn places(d: &Value, out: &mut Vec<(String, u64, u64)>) {
    let file = ["file", "path", "filename", "source"]
        .iter()
        .find_map(|k| d.get(*k).and_then(Value::as_str))
        .map(|f| {
            Path::new(f)
                .file_name()
                .map_or(f.to_string(), |n| n.to_string_lossy().into_owned())
        });
    let span = |v: &Value| {
        let s = v.get("span")?;
        let start = s.get("start")?.as_u64()?;
        Some((start, s.get("end").and_then(Value::as_u64).unwrap_or(start)))
    };
    if let (Some(f), Some((s, e))) = (file.clone(), span(d)) {
        out.push((f, s, e));
    }
    for r in d
        .get("related")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        places(r, out);
    }
    for l in d
        .get("labels")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        if let Some((s, e)) = span(l) {
            let f = l
                .get("file")
                .and_then(Value::as_str)
                .map(str::to_string)
                .or_else(|| file.clone());
            if let Some(f) = f {
                out.push((f, s, e));
            }
        }
    }
}

/// Runs one case; `Err` says why it failed.
fn run_case(dir: &Path) -> Result<(), String> {
    let case: Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("case.json")).map_err(|e| format!("case.json: {e}"))?,
    )
    .map_err(|e| format!("case.json: {e}"))?;
    // score_cases.py scores tiers up to 2 unless told otherwise.
    if case["tier"].as_u64().unwrap_or(1) > 2 {
        return Ok(());
    }
    let files: Vec<&str> = case["files"]
        .as_array()
        .ok_or("case.json: no files")?
        .iter()
        .filter_map(Value::as_str)
        .collect();
    let mut cmd = Command::cargo_bin("reckon").map_err(|e| e.to_string())?;
    cmd.current_dir(dir).args(["check", "--format", "json"]);
    if let Some(config) = case["config"].as_str() {
        cmd.args(["--config", config]);
    }
    let out = cmd.args(&files).output().map_err(|e| e.to_string())?;
    let code = out.status.code().unwrap_or(-1);
    if code != 0 && code != 1 {
        return Err(format!(
            "crash: exit {code}: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let doc: Value =
        serde_json::from_slice(&out.stdout).map_err(|e| format!("crash: bad json: {e}"))?;
    let diags = ["diagnostics", "findings", "results"]
        .iter()
        .find_map(|k| doc.get(*k))
        .or(doc.is_array().then_some(&doc))
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let serious: Vec<&Value> = diags
        .iter()
        .filter(|d| {
            let s = d
                .get("severity")
                .and_then(Value::as_str)
                .unwrap_or("error")
                .to_lowercase();
            s == "error" || s == "warning"
        })
        .collect();
    let summary = |ds: &[&Value]| {
        ds.iter()
            .take(3)
            .map(|d| format!("{}: {}", d["rule"], d["message"]))
            .collect::<Vec<_>>()
            .join("; ")
    };
    if case["kind"] == "clean" {
        return if serious.is_empty() {
            Ok(())
        } else {
            Err(format!(
                "{} false alarm(s): {}",
                serious.len(),
                summary(&serious)
            ))
        };
    }
    let mut spans = Vec::new();
    for d in &serious {
        places(d, &mut spans);
    }
    for exp in case["expect"].as_array().into_iter().flatten() {
        let file = exp["file"].as_str().unwrap_or_default();
        let anchor = exp["anchor"].as_str().unwrap_or_default();
        let text = std::fs::read(dir.join(file)).map_err(|e| format!("{file}: {e}"))?;
        let Some(a) = text
            .windows(anchor.len().max(1))
            .position(|w| w == anchor.as_bytes())
        else {
            return Err(format!("missed: anchor {anchor:?} is not in {file}"));
        };
        let (a, b) = (a as u64, (a + anchor.len()) as u64);
        if !spans.iter().any(|(f, s, e)| f == file && *s < b && *e > a) {
            return Err(format!(
                "missed {anchor:?} in {file}; got {}",
                summary(&serious)
            ));
        }
    }
    Ok(())
}

#[test]
fn every_case_passes() {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(cases_dir())
        .expect("fixtures/cases exists")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.join("case.json").is_file())
        .collect();
    dirs.sort();
    assert!(!dirs.is_empty(), "no cases in fixtures/cases");
    let failures: Vec<String> = dirs
        .iter()
        .filter_map(|d| {
            run_case(d)
                .err()
                .map(|why| format!("{}: {why}", d.file_name().unwrap().to_string_lossy()))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        dirs.len(),
        failures.join("\n")
    );
}
