//! `reckon lsp` driven by a scripted editor over JSON-RPC on stdio: the
//! diagnostics of a buffer on open and after each change, UTF-16 columns on a
//! line with an emoji, hover, a code action whose edit clears the finding,
//! related information into another document of the workspace, each
//! document checked with its nearest configuration (one set per
//! configuration), and the configuration read again when it changes.

#[path = "support/lsp_client.rs"]
mod lsp_client;
#[path = "support/temp_dir.rs"]
mod temp_dir;

use std::path::Path;
use std::time::Duration;

use lsp_client::{uri, Client};
use serde_json::{json, Value};
use temp_dir::TempDir;

fn server(root: &Path) -> Client {
    Client::start(Path::new(env!("CARGO_BIN_EXE_reckon")), root)
}

/// A rocket's launch, with a weekday that is not the date's, after an emoji:
/// 🚀 is one character, two UTF-16 units and four bytes.
const DRAFT: &str =
    "# Launch notes\n\n🚀 The rocket lifted off on Thursday, March 14, 2025, from the coastal pad.\n";

fn rules(diagnostics: &[Value]) -> Vec<&str> {
    diagnostics
        .iter()
        .map(|d| d["code"].as_str().unwrap_or(""))
        .collect()
}

#[test]
fn diagnostics_hover_and_a_fix_on_a_line_with_an_emoji() {
    let dir = TempDir::in_suite("lsp", "emoji");
    let path = dir.0.join("draft.md");
    let u = uri(&path);
    let mut c = server(&dir.0);
    c.open(&u, "markdown", DRAFT);
    let d = c.diagnostics(&u, 1);
    assert_eq!(rules(&d), ["weekday-mismatch"], "{d:?}");
    // "Thursday" starts at character 27 of the line; the emoji before it counts twice.
    assert_eq!(
        d[0]["range"],
        json!({"start": {"line": 2, "character": 28}, "end": {"line": 2, "character": 36}})
    );
    assert_eq!(d[0]["severity"], 1);
    assert!(d[0]["message"].as_str().unwrap().contains("Friday"));

    // Hover on the date: what it resolved to, and its interval.
    let hover = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": u}, "position": {"line": 2, "character": 40}}),
    );
    let text = hover["contents"]["value"].as_str().unwrap_or_default();
    assert!(text.contains("Fri 2025-03-14"), "{hover}");
    assert!(
        text.contains("interval: [2025-03-14, 2025-03-14]"),
        "{hover}"
    );
    // The date as written, its weekday included.
    assert_eq!(hover["range"]["start"], json!({"line": 2, "character": 28}));

    // Hover where nothing was found.
    let none = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": u}, "position": {"line": 0, "character": 3}}),
    );
    assert!(none.is_null(), "{none}");

    // The code action carries the finding's fix, at UTF-16 positions.
    let actions = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": u}, "range": d[0]["range"], "context": {"diagnostics": []}}),
    );
    let action = &actions[0];
    assert_eq!(action["kind"], "quickfix", "{actions}");
    let edits = &action["edit"]["changes"][&u];
    assert_eq!(edits[0]["newText"], "Friday");
    assert_eq!(edits[0]["range"], d[0]["range"]);

    // Applying it, as an editor would (an incremental change), clears the finding.
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": u, "version": 2},
               "contentChanges": [{"range": edits[0]["range"], "text": "Friday"}]}),
    );
    assert!(c.diagnostics(&u, 2).is_empty());

    // A change brings a new finding, without a save.
    let wrong = DRAFT.replace("Thursday", "Friday").replace("14", "15");
    c.change(&u, 3, &wrong);
    assert_eq!(rules(&c.diagnostics(&u, 3)), ["weekday-mismatch"]);

    // Closing the buffer clears its diagnostics.
    c.notify("textDocument/didClose", json!({"textDocument": {"uri": u}}));
    assert_eq!(c.next_diagnostics(&u), json!([]));
    assert_eq!(c.shutdown(), Some(0));
}

/// A rule file naming the launch, so two accounts of it must agree on its date.
const STORY: &str = "events:\n  - name: probe-launch\n    aliases: [launch of the probe]\n";

#[test]
fn a_finding_across_documents_points_into_the_other_one() {
    let dir = TempDir::in_suite("lsp", "across");
    dir.write("reckon.yaml", STORY);
    let other = dir.write(
        "wire.md",
        "The launch of the probe took place on March 3, 2024, officials said.\n",
    );
    let path = dir.0.join("draft.md");
    let u = uri(&path);
    let mut c = server(&dir.0);
    c.open(
        &u,
        "markdown",
        "The launch of the probe took place on March 3, 2024.\n",
    );
    assert!(c.diagnostics(&u, 1).is_empty());
    // The draft now disagrees with the wire copy, which is not open.
    c.change(
        &u,
        2,
        "The launch of the probe took place on March 9, 2024.\n",
    );
    let d = c.diagnostics(&u, 2);
    let conflict = d
        .iter()
        .find(|d| d["code"] == "event-date-conflict")
        .unwrap_or_else(|| panic!("{d:?}"));
    let related = conflict["relatedInformation"].as_array().expect("related");
    assert!(
        related
            .iter()
            .any(|r| r["location"]["uri"] == uri(&other).as_str()),
        "{related:?}"
    );
    // The wire copy is corrected on disk: the conflict goes.
    std::fs::write(
        &other,
        "The launch of the probe took place on March 9, 2024, officials said.\n",
    )
    .unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri(&other), "type": 2}]}),
    );
    assert_eq!(c.next_diagnostics(&u), json!([]));
    assert!(c.shutdown().is_some());
}

#[test]
fn the_configuration_is_read_again_when_it_changes() {
    let dir = TempDir::in_suite("lsp", "config");
    let path = dir.0.join("draft.md");
    let u = uri(&path);
    let mut c = server(&dir.0);
    c.open(&u, "markdown", DRAFT);
    assert_eq!(rules(&c.diagnostics(&u, 1)), ["weekday-mismatch"]);
    // The project turns the rule off; the editor says the file changed.
    let config = dir.write(
        "reckon.yaml",
        "rules:\n  weekday-mismatch:\n    enabled: false\n",
    );
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri(&config), "type": 1}]}),
    );
    assert_eq!(c.next_diagnostics(&u), json!([]));
    // A broken configuration is shown to the user, and the defaults stand in.
    std::fs::write(&config, "rules: [\n").unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri(&config), "type": 2}]}),
    );
    let shown = c
        .wait_for("window/showMessage", Duration::from_secs(5), |_| true)
        .expect("a message about the configuration");
    assert!(
        shown["message"].as_str().unwrap().contains("reckon.yaml"),
        "{shown}"
    );
    assert_eq!(rules(&c.diagnostics(&u, 1)), ["weekday-mismatch"]);
    assert!(c.shutdown().is_some());
}

#[test]
fn each_document_is_checked_with_its_nearest_configuration() {
    let dir = TempDir::in_suite("lsp", "nearest");
    // Two folders, two configurations: one turns the planted error's rule off.
    dir.write(
        "news/reckon.yaml",
        "rules:\n  unit-conversion:\n    enabled: false\n",
    );
    let quiet = dir.write(
        "blog/reckon.yaml",
        "rules:\n  weekday-mismatch:\n    enabled: false\n",
    );
    let news = uri(&dir.write("news/draft.md", DRAFT));
    let blog = uri(&dir.write("blog/draft.md", DRAFT));
    let mut c = server(&dir.0);
    c.open(&news, "markdown", DRAFT);
    c.open(&blog, "markdown", DRAFT);
    assert_eq!(rules(&c.diagnostics(&news, 1)), ["weekday-mismatch"]);
    assert!(c.diagnostics(&blog, 1).is_empty());

    // The blog's configuration turns the rule back on: read again when the
    // editor says it changed, and only the blog's diagnostics change.
    std::fs::write(&quiet, "rules:\n  weekday-mismatch:\n    enabled: true\n").unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri(&quiet), "type": 2}]}),
    );
    let d = c.next_diagnostics(&blog);
    assert_eq!(rules(d.as_array().unwrap()), ["weekday-mismatch"], "{d}");

    // A broken configuration in a third folder is told to the user; its
    // draft is checked with the defaults and the server goes on.
    dir.write("broken/reckon.yaml", "rules: [\n");
    let broken = uri(&dir.write("broken/draft.md", DRAFT));
    c.open(&broken, "markdown", DRAFT);
    let shown = c
        .wait_for("window/showMessage", Duration::from_secs(5), |_| true)
        .expect("a message about the configuration");
    assert!(
        shown["message"]
            .as_str()
            .unwrap()
            .contains("broken/reckon.yaml"),
        "{shown}"
    );
    assert_eq!(rules(&c.diagnostics(&broken, 1)), ["weekday-mismatch"]);
    assert_eq!(c.shutdown(), Some(0));
}

#[test]
fn documents_under_different_configurations_are_not_one_set() {
    let dir = TempDir::in_suite("lsp", "sets");
    dir.write("a/reckon.yaml", STORY);
    dir.write("b/reckon.yaml", STORY);
    dir.write(
        "a/wire.md",
        "The launch of the probe took place on March 3, 2024, officials said.\n",
    );
    let text = "The launch of the probe took place on March 9, 2024.\n";
    let mut c = server(&dir.0);
    // Beside the wire copy, under the same configuration: a conflict.
    // (An unsaved buffer: it joins the set after the wire copy, so the
    // finding's primary label is in it.)
    let near = uri(&dir.0.join("a/draft.md"));
    c.open(&near, "markdown", text);
    let d = c.diagnostics(&near, 1);
    assert!(rules(&d).contains(&"event-date-conflict"), "{d:?}");
    // Under another configuration (the same rules, another file): its own set.
    let far = uri(&dir.0.join("b/draft.md"));
    c.open(&far, "markdown", text);
    assert!(c.diagnostics(&far, 1).is_empty());
    assert_eq!(c.shutdown(), Some(0));
}

#[test]
fn a_document_that_crashes_the_checks_spares_the_server_and_the_others() {
    let dir = TempDir::in_suite("lsp", "crash");
    // Debug builds panic on a text holding the trap's marker (src/guard.rs).
    let mut c = Client::start_with(
        Path::new(env!("CARGO_BIN_EXE_reckon")),
        &dir.0,
        &[("RECKON_PANIC_ON", "TRAPWORD")],
    );
    let bad = uri(&dir.0.join("bad.md"));
    c.open(&bad, "markdown", "TRAPWORD on Thursday, March 14, 2025.\n");
    assert!(c.diagnostics(&bad, 1).is_empty());
    let good = uri(&dir.0.join("good.md"));
    c.open(&good, "markdown", DRAFT);
    assert_eq!(rules(&c.diagnostics(&good, 1)), ["weekday-mismatch"]);
    assert_eq!(c.shutdown(), Some(0));
}
