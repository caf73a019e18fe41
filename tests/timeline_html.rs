//! The HTML page of `reckon timeline`, looked at in a real browser: the page
//! for `fixtures/timeline/` is rendered by headless Chromium to a PNG, and the
//! markers must be there in their colours at the x positions the SVG gives —
//! the marker colour at every entry, the conflict colour at the conflicting one.
//!
//! `.ci/run` installs Chromium first, so CI always runs this. A developer
//! without Chromium sees the test skip with a message.

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

fn chromium() -> Option<PathBuf> {
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
        eprintln!(
            "SKIPPED timeline_html: no chromium on PATH (set CHROMIUM=/path/to/chromium, or run .ci/run, which installs it)"
        );
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
    assert_eq!(ms.len(), 6, "one marker per entry");
    assert_eq!(ms.iter().filter(|m| m.2).count(), 1, "one conflict");

    let profile = dir.join("profile");
    let out = Process::new(&chromium)
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
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--screenshot={}", shot.display()))
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium runs");
    assert!(
        shot.is_file(),
        "chromium wrote no screenshot: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let png = Png::read(&shot);
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
