//! The HTML page of `reckon timeline`, looked at in a real browser: pages are
//! rendered by headless Chromium to a PNG, and the markers must be there in
//! their colours at the x positions the SVG gives — the marker colour at every
//! entry, the conflict colour at the conflicting ones, the dashed arc joining
//! the two dates of one event dated differently. Chromium also lays the page
//! out with its real fonts and a test script measures it (`--dump-dom`):
//! no two axis labels overlap, no two labels overlap, nothing is drawn outside
//! the SVG, the document filter hides what it should — with the story
//! fixtures and with a thousand entries.
//!
//! `.ci/run` installs Chromium first, so CI always runs this. A developer
//! without Chromium sees the tests skip with a message; with `CI` set, a
//! missing Chromium is a failure, never a skip.

use std::path::{Path, PathBuf};
use std::process::Command as Process;

use assert_cmd::Command;

/// Where the SVG's top-left corner is on the page (`timeline::html::PAGE_OFFSET`).
const OFFSET: (f64, f64) = reckon::timeline::html::PAGE_OFFSET;

fn rgb(hex: &str) -> [u8; 3] {
    let h = hex.trim_start_matches('#');
    let p = |i: usize| u8::from_str_radix(&h[i..i + 2], 16).expect("hex colour");
    [p(0), p(2), p(4)]
}

/// Chromium, or `None` (after saying so) when a developer has none; with
/// `CI` set, a missing Chromium fails the test.
fn chromium() -> Option<PathBuf> {
    let found = find_chromium();
    if found.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI is set and there is no chromium on PATH: the timeline page cannot be looked at (set CHROMIUM=/path/to/chromium)"
        );
        eprintln!(
            "SKIPPED timeline_html: no chromium on PATH (set CHROMIUM=/path/to/chromium, or run .ci/run, which installs it)"
        );
    }
    found
}

fn find_chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .find_map(|name| {
            std::env::var_os("PATH").and_then(|paths| {
                std::env::split_paths(&paths)
                    .map(|d| d.join(name))
                    .find(|p| p.is_file())
            })
        })
}

struct Png {
    width: usize,
    height: usize,
    rgba: Vec<u8>,
}

impl Png {
    fn read(path: &Path) -> Png {
        let decoder = png::Decoder::new(std::io::BufReader::new(
            std::fs::File::open(path).expect("screenshot written"),
        ));
        let mut reader = decoder.read_info().expect("a PNG");
        let mut buf = vec![0; reader.output_buffer_size()];
        let info = reader.next_frame(&mut buf).expect("a frame");
        let channels = match info.color_type {
            png::ColorType::Rgba => 4,
            png::ColorType::Rgb => 3,
            other => panic!("unexpected colour type {other:?}"),
        };
        let mut rgba = Vec::with_capacity(info.width as usize * info.height as usize * 4);
        for px in buf[..info.buffer_size()].chunks(channels) {
            rgba.extend_from_slice(&px[..3]);
            rgba.push(255);
        }
        Png {
            width: info.width as usize,
            height: info.height as usize,
            rgba,
        }
    }

    fn at(&self, x: usize, y: usize) -> [u8; 3] {
        let i = (y * self.width + x) * 4;
        [self.rgba[i], self.rgba[i + 1], self.rgba[i + 2]]
    }

    /// Whether a pixel within `r` of (x, y) is within `tol` of `colour` on every channel.
    fn has_near(&self, x: f64, y: f64, r: i64, colour: [u8; 3], tol: i16) -> bool {
        let (x, y) = (x.round() as i64, y.round() as i64);
        (-r..=r).any(|dy| {
            (-r..=r).any(|dx| {
                let (px, py) = (x + dx, y + dy);
                if px < 0 || py < 0 || px as usize >= self.width || py as usize >= self.height {
                    return false;
                }
                let c = self.at(px as usize, py as usize);
                (0..3).all(|k| (i16::from(c[k]) - i16::from(colour[k])).abs() <= tol)
            })
        })
    }
}

/// (cx, cy, conflict) of every marker in the page.
fn markers(html: &str) -> Vec<(f64, f64, bool)> {
    let re = regex::Regex::new(r#"<circle class="marker( conflict)?" cx="([\d.]+)" cy="([\d.]+)""#)
        .expect("regex");
    re.captures_iter(html)
        .map(|c| {
            (
                c[2].parse().unwrap(),
                c[3].parse().unwrap(),
                c.get(1).is_some(),
            )
        })
        .collect()
}

#[test]
fn the_page_draws_every_entry_and_the_conflict_in_chromium() {
    let Some(chromium) = chromium() else {
        return;
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = std::env::temp_dir().join(format!("reckon-timeline-html-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    let page = dir.join("timeline.html");
    let shot = dir.join("timeline.png");
    Command::cargo_bin("reckon")
        .expect("binary")
        .current_dir(root)
        .args(["timeline", "--isolated", "--format", "html", "-o"])
        .arg(&page)
        .arg("fixtures/timeline")
        .assert()
        .success();
    let html = std::fs::read_to_string(&page).expect("page written");
    // Self-contained: nothing to fetch.
    for outside in [
        "<script src",
        "<link",
        "@import",
        "url(",
        "http://",
        "https://",
    ] {
        let allowed = outside == "http://"
            && html.matches(outside).count() == 1
            && html.contains("xmlns=\"http://www.w3.org/2000/svg\"");
        assert!(
            allowed || !html.contains(outside),
            "the page refers outside: {outside}"
        );
    }
    let ms = markers(&html);
    // Ten entries: different events on one day are different entries.
    assert_eq!(ms.len(), 10, "one marker per entry");
    assert_eq!(ms.iter().filter(|m| m.2).count(), 1, "one conflict");

    let png = screenshot(&chromium, &dir, &page, &shot);
    assert_eq!((png.width, png.height), (1200, 800));
    let marker = rgb(reckon::timeline::html::MARKER);
    let conflict = rgb(reckon::timeline::html::CONFLICT);
    for (x, y, is_conflict) in &ms {
        let (px, py) = (x + OFFSET.0, y + OFFSET.1);
        let (want, other) = if *is_conflict {
            (conflict, marker)
        } else {
            (marker, conflict)
        };
        assert!(
            png.has_near(px, py, 2, want, 12),
            "no {} pixel at ({px}, {py}); found {:?}",
            if *is_conflict { "conflict" } else { "marker" },
            png.at(px as usize, py as usize)
        );
        assert!(
            !png.has_near(px, py, 2, other, 12),
            "wrong colour at ({px}, {py})"
        );
    }
    // Keep the screenshot where a person can look at it.
    let keep = Path::new(env!("CARGO_TARGET_TMPDIR")).join("timeline.png");
    if std::fs::copy(&shot, &keep).is_ok() {
        eprintln!("screenshot: {}", keep.display());
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// Runs headless Chromium on `page` with `extra` arguments (a screenshot, a
/// DOM dump, a PDF); its own profile under `dir`.
fn run_chromium(
    chromium: &Path,
    dir: &Path,
    page: &Path,
    extra: &[String],
) -> std::process::Output {
    Process::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--force-device-scale-factor=1",
            "--window-size=1200,800",
        ])
        .arg(format!("--user-data-dir={}", dir.join("profile").display()))
        .args(extra)
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium runs")
}

/// A 1200×800 screenshot of `page` at `shot`, read back.
fn screenshot(chromium: &Path, dir: &Path, page: &Path, shot: &Path) -> Png {
    let out = run_chromium(
        chromium,
        dir,
        page,
        &[format!("--screenshot={}", shot.display())],
    );
    assert!(
        shot.is_file(),
        "chromium wrote no screenshot: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Png::read(shot)
}

/// Measures the page as Chromium lays it out, with its real fonts, and
/// writes what it found into `<body data-measure="{…}">`: axis labels
/// (ticks and break texts) closer than 4 px, overlapping entry labels, labels or
/// markers outside the SVG, and what the document, event-words and
/// conflicts-only filters leave shown.
const MEASURE: &str = r#"<script>
(function () {
  function box(e) { var b = e.getBBox(); return [b.x, b.y, b.x + b.width, b.y + b.height]; }
  // Two boxes closer than `gap` across ("57 months13 days" touched without overlapping).
  function overlap(a, b, gap) { return a[0] < b[2] + gap && b[0] < a[2] + gap && a[1] < b[3] - 0.5 && b[1] < a[3] - 0.5; }
  function pairs(sel, gap) {
    var bs = [].slice.call(document.querySelectorAll(sel)).map(box), n = 0;
    for (var i = 0; i < bs.length; i++) for (var j = i + 1; j < bs.length; j++) if (overlap(bs[i], bs[j], gap)) n++;
    return n;
  }
  var svg = document.querySelector('svg');
  var w = +svg.getAttribute('width');
  var out = {
    axis: pairs('svg text.tick-label, svg text.gap', 4),
    axisTexts: document.querySelectorAll('svg text.tick-label, svg text.gap').length,
    labels: pairs('svg text.label', 0),
    labelsDrawn: document.querySelectorAll('svg text.label').length,
    markers: document.querySelectorAll('svg circle.marker').length,
    svgWidth: w, svgHeight: +svg.getAttribute('height'),
    pictureScrolls: document.querySelector('.picture').scrollWidth > document.querySelector('.picture').clientWidth,
    outside: 0
  };
  [].forEach.call(document.querySelectorAll('svg text.label, svg circle.marker'), function (e) {
    var b = box(e); if (b[0] < 0 || b[2] > w) out.outside++;
  });
  var sel = document.getElementById('filter-doc');
  sel.value = sel.options[1].value; sel.dispatchEvent(new Event('change'));
  out.filterDoc = sel.value;
  out.shownForDoc = [].filter.call(document.querySelectorAll('li[data-entry]'), function (li) { return !li.hidden; }).length;
  out.markersHiddenForDoc = document.querySelectorAll('svg a.entry.hidden').length;
  sel.value = ''; sel.dispatchEvent(new Event('change'));
  var words = document.getElementById('filter-words');
  words.value = 'aegean star'; words.dispatchEvent(new Event('input'));
  out.shownForWords = [].filter.call(document.querySelectorAll('li[data-entry]'), function (li) { return !li.hidden; }).length;
  words.value = ''; words.dispatchEvent(new Event('input'));
  var only = document.getElementById('filter-conflicts');
  only.checked = true; only.dispatchEvent(new Event('change'));
  out.shownConflicts = [].filter.call(document.querySelectorAll('li[data-entry]'), function (li) { return !li.hidden; }).length;
  document.body.setAttribute('data-measure', JSON.stringify(out));
})();
</script></body>"#;

/// The page measured in Chromium (see [`MEASURE`]).
fn measure(chromium: &Path, dir: &Path, html: &str) -> serde_json::Value {
    let page = dir.join("measured.html");
    std::fs::write(&page, html.replacen("</body>", MEASURE, 1)).expect("page written");
    let out = run_chromium(
        chromium,
        dir,
        &page,
        &[
            "--dump-dom".to_string(),
            "--virtual-time-budget=2000".to_string(),
        ],
    );
    let dom = String::from_utf8_lossy(&out.stdout);
    let re = regex::Regex::new(r#"data-measure="([^"]*)""#).expect("regex");
    let raw = re.captures(&dom).unwrap_or_else(|| {
        panic!(
            "no measure in the DOM: {}",
            String::from_utf8_lossy(&out.stderr)
        )
    })[1]
        .replace("&quot;", "\"")
        .replace("&amp;", "&");
    serde_json::from_str(&raw).expect("measure is JSON")
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("reckon-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn page_of(dir: &Path, inputs: &[&str]) -> (PathBuf, String) {
    let page = dir.join("timeline.html");
    Command::cargo_bin("reckon")
        .expect("binary")
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")))
        .args(["timeline", "--isolated", "--format", "html", "-o"])
        .arg(&page)
        .args(inputs)
        .assert()
        .success();
    let html = std::fs::read_to_string(&page).expect("page written");
    (page, html)
}

/// The entries the list shows for document `doc` (its `data-docs` names it).
fn entries_of_doc(html: &str, doc: &str) -> usize {
    let re = regex::Regex::new(r#"<li id="entry-\d+"[^>]* data-docs="([^"]*)""#).expect("regex");
    re.captures_iter(html)
        .filter(|c| c[1].split_whitespace().any(|d| d == doc))
        .count()
}

#[test]
fn the_story_set_shows_its_conflict_and_readable_axis_in_chromium() {
    let Some(chromium) = chromium() else {
        return;
    };
    let dir = temp_dir("timeline-stories");
    // The ferry story with one article edited to November 15, and two other stories.
    let (page, html) = page_of(
        &dir,
        &[
            "fixtures/timeline-stories/ferry/a-wire.txt",
            "fixtures/timeline-stories/ferry/c-blog.md",
            "fixtures/timeline-conflict/b-paper-edited.md",
            "fixtures/timeline-stories/harbour-strike",
            "fixtures/timeline-stories/mountain-roads",
        ],
    );
    let ms = markers(&html);
    let conflicts: Vec<&(f64, f64, bool)> = ms.iter().filter(|m| m.2).collect();
    assert_eq!(conflicts.len(), 2, "both dates of the ferry's sinking");
    // The arc joining them, and both sources linked from the conflict.
    let arc = regex::Regex::new(r#"<path class="conflict-link" data-entries="(\d+) (\d+)" d="M([\d.]+) ([\d.]+) Q([\d.]+) ([\d.]+) ([\d.]+) [\d.]+""#)
        .expect("regex");
    let c = arc.captures(&html).expect("a conflict arc");
    let (x0, y0, cx, cy, x1): (f64, f64, f64, f64, f64) = (
        c[3].parse().unwrap(),
        c[4].parse().unwrap(),
        c[5].parse().unwrap(),
        c[6].parse().unwrap(),
        c[7].parse().unwrap(),
    );
    assert!(html.contains("href=\"#src-"), "sources link to their lines");
    assert!(html.contains("b-paper-edited.md:6:37</code></a>"));
    assert!(html.contains("a-wire.txt:1:101</code></a>"));

    let shot = dir.join("stories.png");
    let png = screenshot(&chromium, &dir, &page, &shot);
    let red = rgb(reckon::timeline::html::CONFLICT);
    let blue = rgb(reckon::timeline::html::MARKER);
    for (x, y, _) in &conflicts {
        assert!(
            png.has_near(x + OFFSET.0, y + OFFSET.1, 2, red, 12),
            "no conflict marker at ({x}, {y})"
        );
    }
    for (x, y, _) in ms.iter().filter(|m| !m.2) {
        assert!(
            png.has_near(x + OFFSET.0, y + OFFSET.1, 2, blue, 12),
            "no marker at ({x}, {y})"
        );
    }
    // The dashed arc: red along most of the curve, above the axis.
    let along = (1..10)
        .filter(|k| {
            let t = f64::from(*k) / 10.0;
            let x = (1.0 - t) * (1.0 - t) * x0 + 2.0 * t * (1.0 - t) * cx + t * t * x1;
            let y = (1.0 - t) * (1.0 - t) * y0 + 2.0 * t * (1.0 - t) * cy + t * t * y0;
            png.has_near(x + OFFSET.0, y + OFFSET.1, 2, red, 40)
        })
        .count();
    assert!(
        along >= 5,
        "the conflict arc is red at only {along} of 9 points"
    );
    let peak_y = (y0 + cy) / 2.0 + OFFSET.1;
    assert!(peak_y < y0 + OFFSET.1 - 30.0, "the arc rises over the axis");

    let m = measure(&chromium, &dir, &html);
    assert_eq!(m["axis"], 0, "axis labels overlap: {m}");
    assert!(m["axisTexts"].as_u64().unwrap() >= 6, "{m}");
    assert_eq!(m["labels"], 0, "labels overlap: {m}");
    assert_eq!(m["outside"], 0, "drawn outside the SVG: {m}");
    assert_eq!(m["markers"].as_u64().unwrap() as usize, ms.len());
    let doc = m["filterDoc"].as_str().unwrap().to_string();
    assert_eq!(
        m["shownForDoc"].as_u64().unwrap() as usize,
        entries_of_doc(&html, &doc),
        "{m}"
    );
    assert_eq!(
        m["markersHiddenForDoc"].as_u64().unwrap() as usize,
        ms.len() - entries_of_doc(&html, &doc)
    );
    assert_eq!(m["shownConflicts"], 2, "{m}");
    // The event filter: the entries whose label or sentences name the ship.
    let re = regex::Regex::new(r#"<li id="entry-\d+"[^>]* data-text="([^"]*)""#).expect("regex");
    let naming = re
        .captures_iter(&html)
        .filter(|c| c[1].contains("aegean star"))
        .count();
    assert!(naming >= 2, "{naming}");
    assert_eq!(m["shownForWords"].as_u64().unwrap() as usize, naming, "{m}");
    let keep = Path::new(env!("CARGO_TARGET_TMPDIR")).join("timeline-stories.png");
    if std::fs::copy(&shot, &keep).is_ok() {
        eprintln!("screenshot: {}", keep.display());
    }
    // It prints: Chromium writes a PDF of it.
    let pdf = dir.join("stories.pdf");
    run_chromium(
        &chromium,
        &dir,
        &page,
        &[
            format!("--print-to-pdf={}", pdf.display()),
            "--no-pdf-header-footer".to_string(),
        ],
    );
    let bytes = std::fs::read(&pdf).expect("a PDF printed");
    assert!(bytes.starts_with(b"%PDF"), "not a PDF");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_thousand_entries_stay_readable_in_chromium() {
    let Some(chromium) = chromium() else {
        return;
    };
    let dir = temp_dir("timeline-thousand");
    // Five desks' logs, 200 dated lines each, a day apart, over three years.
    let mut inputs = Vec::new();
    for desk in 0..5 {
        let mut text = String::from("---\ndate: 2025-06-30\n---\n");
        for i in 0..200u64 {
            let d = chrono::NaiveDate::from_ymd_opt(2022, 7, 1).unwrap()
                + chrono::Days::new(i * 5 + desk);
            text.push_str(&format!(
                "- {}: Inspectors from desk {desk} visited site number {i} in the river valley.\n",
                d.format("%Y-%m-%d")
            ));
        }
        let f = dir.join(format!("desk-{desk}.md"));
        std::fs::write(&f, text).expect("input written");
        inputs.push(f.display().to_string());
    }
    // And a background note dating two events long before: two breaks side
    // by side ("20 months" and "13 days"), whose texts once ran together.
    let note = dir.join("background.md");
    std::fs::write(
        &note,
        "---\ndate: 2025-06-30\n---\nThe valley's first survey began on 2020-10-01 and its report was filed on 2020-10-15.\n",
    )
    .expect("input written");
    inputs.push(note.display().to_string());
    let args: Vec<&str> = inputs.iter().map(String::as_str).collect();
    let (page, html) = page_of(&dir, &args);
    let ms = markers(&html);
    assert_eq!(ms.len(), 1002, "one entry per dated line");
    assert!(
        html.contains(">13 days</text>") && html.contains(">20 months</text>"),
        "two breaks side by side"
    );
    let m = measure(&chromium, &dir, &html);
    assert_eq!(m["markers"], 1002);
    assert!(m["svgWidth"].as_f64().unwrap() > 1200.0, "{m}");
    assert_eq!(m["pictureScrolls"], true, "the picture scrolls: {m}");
    assert_eq!(m["outside"], 0, "nothing cut off at the right: {m}");
    assert_eq!(m["axis"], 0, "axis labels overlap: {m}");
    assert_eq!(m["labels"], 0, "labels overlap: {m}");
    assert!(m["labelsDrawn"].as_u64().unwrap() >= 100, "{m}");
    assert!(
        m["svgHeight"].as_f64().unwrap() <= 500.0,
        "labels stack below the fold: {m}"
    );
    assert_eq!(m["shownForDoc"], 200, "the document filter: {m}");
    assert_eq!(m["markersHiddenForDoc"], 802, "{m}");
    // The first screen shows the axis and labels, not an empty page.
    let shot = dir.join("thousand.png");
    let png = screenshot(&chromium, &dir, &page, &shot);
    let blue = rgb(reckon::timeline::html::MARKER);
    let on_screen: Vec<&(f64, f64, bool)> = ms
        .iter()
        .filter(|m| m.0 + 6.0 < reckon::timeline::html::WIDTH)
        .collect();
    assert!(
        on_screen.len() >= 20,
        "{} markers on the first screen",
        on_screen.len()
    );
    for (x, y, _) in on_screen {
        assert!(
            png.has_near(x + OFFSET.0, y + OFFSET.1, 2, blue, 12),
            "no marker at ({x}, {y})"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
