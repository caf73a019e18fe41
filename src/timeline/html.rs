//! `reckon timeline --format html`: one self-contained page.
//!
//! The page holds an inline SVG — a time axis with ticks, one marker per
//! entry, labels that never overlap, conflicts in their own colour, a legend —
//! and under it the list of entries with their sources (`file:line:column`,
//! the sentence quoted, the date marked). Nothing is fetched: no external CSS,
//! scripts or fonts. Each marker links to its entry in the list and shows the
//! sentences on hover.
//!
//! **The axis** is linear in days, with breaks: a stretch of more than
//! [`BREAK_AFTER_DAYS`] days in which no entry starts or ends is drawn as a
//! fixed-width break (a zigzag, with the number of days skipped), so a burst of
//! events over a few days and one five months earlier both stay readable.
//!
//! **Labels** hang below the axis in lanes, each on a leader line from its
//! marker. They are placed right to left; a label takes the first lane where it
//! overlaps no other label, its leader crosses no label above it, and no
//! deeper leader crosses it. Near the right edge a label ends at its marker
//! instead of starting there.

use std::fmt::Write as _;
use std::io::{self, Write};

use chrono::{Datelike, NaiveDate};

use super::{label, Entry, Timeline};

/// Width of the SVG, in CSS pixels.
pub const WIDTH: f64 = 1160.0;
/// Where the SVG's top-left corner is on the page (the body's padding).
pub const PAGE_OFFSET: (f64, f64) = (20.0, 20.0);
/// A gap longer than this many days with nothing in it becomes a break.
pub const BREAK_AFTER_DAYS: i64 = 7;
/// The colour of an entry's marker.
pub const MARKER: &str = "#2563eb";
/// The colour of a conflicting entry's marker.
pub const CONFLICT: &str = "#dc2626";

const MARGIN: f64 = 40.0;
const BREAK_W: f64 = 44.0;
const AXIS_Y: f64 = 110.0;
const LANE_TOP: f64 = AXIS_Y + 46.0;
const LANE_H: f64 = 22.0;
const FONT: f64 = 12.0;
/// A generous width per character of the label font, so estimates never undershoot.
const CHAR_W: f64 = FONT * 0.62;
const PAD: f64 = 10.0;

/// Where everything is drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// SVG height.
    pub height: f64,
    /// One per entry, in entry order.
    pub markers: Vec<Marker>,
    /// Axis ticks: x and text.
    pub ticks: Vec<(f64, String)>,
    /// Breaks: from x, to x, days skipped.
    pub breaks: Vec<(f64, f64, i64)>,
    /// Where the axis starts and ends.
    pub axis: (f64, f64),
}

/// One entry's marker and label.
#[derive(Debug, Clone, PartialEq)]
pub struct Marker {
    /// Centre of the marker.
    pub x: f64,
    /// A range's ends (the same as `x` for a day).
    pub x0: f64,
    /// A range's end.
    pub x1: f64,
    /// The label's lane (0 = nearest the axis).
    pub lane: usize,
    /// The label ends at the marker instead of starting there.
    pub end_anchored: bool,
    /// The label as drawn (cut to fit).
    pub text: String,
}

/// The x scale: key days and where they are drawn.
struct Scale {
    keys: Vec<(NaiveDate, f64)>,
}

impl Scale {
    fn x(&self, d: NaiveDate) -> f64 {
        let i = self.keys.partition_point(|(k, _)| *k <= d);
        if i == 0 {
            return self.keys.first().map_or(MARGIN, |k| k.1);
        }
        let (k0, x0) = self.keys[i - 1];
        let Some(&(k1, x1)) = self.keys.get(i) else {
            return x0;
        };
        let f = (d - k0).num_days() as f64 / (k1 - k0).num_days().max(1) as f64;
        x0 + f * (x1 - x0)
    }
}

fn next_day(d: NaiveDate) -> NaiveDate {
    d.succ_opt().unwrap_or(d)
}

/// Lays the timeline out.
#[must_use]
pub fn layout(t: &Timeline) -> Layout {
    let mut days: Vec<NaiveDate> = t
        .entries
        .iter()
        .flat_map(|e| [e.start, next_day(e.end)])
        .collect();
    days.sort();
    days.dedup();
    let gaps: Vec<i64> = days.windows(2).map(|w| (w[1] - w[0]).num_days()).collect();
    let linear: i64 = gaps.iter().filter(|g| **g <= BREAK_AFTER_DAYS).sum();
    let n_breaks = gaps.iter().filter(|g| **g > BREAK_AFTER_DAYS).count();
    let plot = WIDTH - 2.0 * MARGIN - n_breaks as f64 * BREAK_W;
    let per_day = (plot / linear.max(1) as f64).clamp(4.0, 120.0);
    let mut keys = Vec::new();
    let mut x = MARGIN;
    let mut breaks = Vec::new();
    for (i, d) in days.iter().enumerate() {
        keys.push((*d, x));
        if let Some(&g) = gaps.get(i) {
            let w = if g > BREAK_AFTER_DAYS {
                breaks.push((x, x + BREAK_W, g));
                BREAK_W
            } else {
                g as f64 * per_day
            };
            x += w;
        }
    }
    let scale = Scale { keys };
    let axis = (MARGIN - 12.0, (x + 12.0).min(WIDTH - 4.0));

    let mut markers: Vec<Marker> = t
        .entries
        .iter()
        .map(|e| {
            let x0 = scale.x(e.start);
            let x1 = scale.x(next_day(e.end));
            Marker {
                x: (x0 + x1) / 2.0,
                x0,
                x1,
                lane: 0,
                end_anchored: false,
                text: e.label.clone(),
            }
        })
        .collect();
    place_labels(&mut markers);
    let lanes = markers.iter().map(|m| m.lane + 1).max().unwrap_or(0);

    // Ticks: each entry's first day; a tick label that would overlap the previous is dropped.
    let mut ticks: Vec<(f64, String)> = Vec::new();
    let mut last_right = f64::MIN;
    let mut last_year = None;
    for (e, m) in t.entries.iter().zip(&markers) {
        let x = if e.start == e.end { m.x } else { m.x0 };
        let mut text = e.start.format("%b %-d").to_string();
        if last_year != Some(e.start.year()) {
            text = format!("{text}, {}", e.start.year());
        }
        let w = text.chars().count() as f64 * 11.0 * 0.62;
        if x - w / 2.0 > last_right + 6.0 && ticks.last().is_none_or(|t| (t.0 - x).abs() > 0.5) {
            last_right = x + w / 2.0;
            last_year = Some(e.start.year());
            ticks.push((x, text));
        }
    }
    Layout {
        height: LANE_TOP + lanes as f64 * LANE_H + 16.0,
        markers,
        ticks,
        breaks,
        axis,
    }
}

/// The label's extent when drawn at its marker.
fn extent(m: &Marker, end_anchored: bool) -> (f64, f64) {
    let w = m.text.chars().count() as f64 * CHAR_W;
    if end_anchored {
        (m.x - 4.0 - w, m.x)
    } else {
        (m.x, m.x + 4.0 + w)
    }
}

fn place_labels(markers: &mut [Marker]) {
    let right = WIDTH - 8.0;
    // Labels too long for either side are cut to the wider side.
    for m in markers.iter_mut() {
        let room = (right - m.x - 4.0).max(m.x - 8.0 - 4.0);
        let max_chars = (room / CHAR_W).floor().max(8.0) as usize;
        if m.text.chars().count() > max_chars {
            m.text = label::cut(&m.text, max_chars.saturating_sub(1));
        }
    }
    let mut placed: Vec<usize> = Vec::new();
    let mut order: Vec<usize> = (0..markers.len()).collect();
    order.sort_by(|a, b| markers[*b].x.total_cmp(&markers[*a].x).then(b.cmp(a)));
    for i in order {
        let end_anchored =
            markers[i].x + 4.0 + markers[i].text.chars().count() as f64 * CHAR_W > right;
        let (l, r) = extent(&markers[i], end_anchored);
        let x = markers[i].x;
        let fits = |lane: usize, markers: &[Marker]| {
            placed.iter().all(|&j| {
                let o = &markers[j];
                let (ol, or) = extent(o, o.end_anchored);
                let same_lane_overlap = o.lane == lane && l < or + PAD && ol < r + PAD;
                // Our leader crosses a label above our lane.
                let we_cross = o.lane < lane && ol - PAD / 2.0 < x && x < or + PAD / 2.0;
                // Its leader crosses our label.
                let it_crosses = o.lane > lane && l - PAD / 2.0 < o.x && o.x < r + PAD / 2.0;
                !(same_lane_overlap || we_cross || it_crosses)
            })
        };
        let deepest = placed
            .iter()
            .map(|&j| markers[j].lane + 1)
            .max()
            .unwrap_or(0);
        // A free lane, or else the first below every other (labels never overlap there).
        let lane = (0..=deepest).find(|&k| fits(k, markers)).unwrap_or(deepest);
        markers[i].lane = lane;
        markers[i].end_anchored = end_anchored;
        placed.push(i);
    }
}

fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            _ => o.push(c),
        }
    }
    o
}

fn svg(t: &Timeline, lay: &Layout, title: &str) -> String {
    let mut s = String::new();
    let h = lay.height;
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{h}" viewBox="0 0 {WIDTH} {h}" role="img" aria-label="{}">"#,
        esc(title)
    );
    let _ = writeln!(
        s,
        r#"<text x="{MARGIN}" y="28" class="title">{}</text>"#,
        esc(title)
    );
    // Legend, top right.
    let lx = WIDTH - 470.0;
    let _ = writeln!(
        s,
        r##"<g class="legend"><circle cx="{}" cy="24" r="6" fill="{MARKER}"/><text x="{}" y="28">dated event</text><rect x="{}" y="19" width="26" height="10" rx="5" fill="{MARKER}" fill-opacity="0.3"/><text x="{}" y="28">period</text><circle cx="{}" cy="24" r="6" fill="{CONFLICT}"/><text x="{}" y="28">conflict (a check finding touches it)</text></g>"##,
        lx,
        lx + 12.0,
        lx + 100.0,
        lx + 132.0,
        lx + 196.0,
        lx + 208.0
    );
    // Axis, breaks, ticks.
    let (a0, a1) = lay.axis;
    let mut from = a0;
    for (b0, b1, _) in &lay.breaks {
        let _ = writeln!(
            s,
            r##"<line x1="{from:.1}" y1="{AXIS_Y}" x2="{:.1}" y2="{AXIS_Y}" class="axis"/>"##,
            b0 + 10.0
        );
        from = b1 - 10.0;
    }
    let _ = writeln!(
        s,
        r##"<line x1="{from:.1}" y1="{AXIS_Y}" x2="{a1:.1}" y2="{AXIS_Y}" class="axis"/>"##
    );
    for (b0, b1, days) in &lay.breaks {
        let (p, q) = (b0 + 10.0, b1 - 10.0);
        let m = (p + q) / 2.0;
        let _ = writeln!(
            s,
            r##"<polyline points="{p:.1},{AXIS_Y} {:.1},{} {:.1},{} {:.1},{} {q:.1},{AXIS_Y}" class="break"/><text x="{m:.1}" y="{}" class="gap">{}</text>"##,
            p + (q - p) * 0.25,
            AXIS_Y - 6.0,
            m,
            AXIS_Y + 6.0,
            p + (q - p) * 0.75,
            AXIS_Y - 6.0,
            AXIS_Y + 22.0,
            esc(&gap_text(*days))
        );
    }
    for (x, text) in &lay.ticks {
        let _ = writeln!(
            s,
            r##"<line x1="{x:.1}" y1="{}" x2="{x:.1}" y2="{}" class="tick"/><text x="{x:.1}" y="{}" class="tick-label">{}</text>"##,
            AXIS_Y - 9.0,
            AXIS_Y - 4.0,
            AXIS_Y - 14.0,
            esc(text)
        );
    }
    // Entries: period bars first, so every marker is drawn over them.
    for (e, m) in t.entries.iter().zip(&lay.markers) {
        if e.start != e.end {
            let fill = if e.conflict() { CONFLICT } else { MARKER };
            let _ = writeln!(
                s,
                r#"<rect class="period" x="{:.1}" y="{}" width="{:.1}" height="10" rx="5" fill="{fill}" fill-opacity="0.3"/>"#,
                m.x0,
                AXIS_Y - 5.0,
                (m.x1 - m.x0).max(10.0)
            );
        }
    }
    for (i, (e, m)) in t.entries.iter().zip(&lay.markers).enumerate() {
        let colour = if e.conflict() { CONFLICT } else { MARKER };
        let class = if e.conflict() {
            "marker conflict"
        } else {
            "marker"
        };
        let y = LANE_TOP + m.lane as f64 * LANE_H;
        let (tx, anchor) = if m.end_anchored {
            (m.x - 4.0, "end")
        } else {
            (m.x + 4.0, "start")
        };
        let _ = writeln!(s, r##"<a href="#entry-{i}"><g class="entry">"##);
        let _ = writeln!(s, "<title>{}</title>", esc(&hover(e)));
        let _ = writeln!(
            s,
            r#"<line x1="{x:.1}" y1="{}" x2="{x:.1}" y2="{}" class="leader"/>"#,
            AXIS_Y + 7.0,
            y + 3.0,
            x = m.x
        );
        let _ = writeln!(
            s,
            r#"<circle class="{class}" cx="{:.1}" cy="{AXIS_Y}" r="5" fill="{colour}"/>"#,
            m.x
        );
        let _ = writeln!(
            s,
            r#"<text x="{tx:.1}" y="{y}" text-anchor="{anchor}" class="{}">{}</text>"#,
            if e.conflict() {
                "label conflict"
            } else {
                "label"
            },
            esc(&m.text)
        );
        let _ = writeln!(s, "</g></a>");
    }
    s.push_str("</svg>\n");
    s
}

fn gap_text(days: i64) -> String {
    if days >= 60 {
        format!("{} months", (days as f64 / 30.44).round())
    } else {
        format!("{days} days")
    }
}

fn hover(e: &Entry) -> String {
    let mut h = format!("{} — {}", e.when(), e.label);
    for s in &e.sources {
        let _ = write!(h, "\n{}:{}: {}", s.file, s.line, s.sentence);
    }
    for c in &e.conflicts {
        let _ = write!(h, "\n✗ {}: {}", c.rule, c.message);
    }
    h
}

/// The sentence with the date marked.
fn quote(s: &super::Source) -> String {
    match s.sentence.find(&s.text) {
        Some(i) if !s.text.is_empty() => format!(
            "{}<mark>{}</mark>{}",
            esc(&s.sentence[..i]),
            esc(&s.text),
            esc(&s.sentence[i + s.text.len()..])
        ),
        _ => esc(&s.sentence),
    }
}

const STYLE: &str = r#"
body { margin: 0; padding: 20px; font: 14px/1.45 system-ui, "DejaVu Sans", Arial, sans-serif; color: #111827; background: #fff; }
svg { display: block; }
svg text { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 12px; fill: #111827; }
svg text.title { font-size: 17px; font-weight: bold; }
svg text.tick-label { font-size: 11px; fill: #4b5563; text-anchor: middle; }
svg text.gap { font-size: 10px; fill: #6b7280; text-anchor: middle; }
svg text.label.conflict { fill: #b91c1c; font-weight: bold; }
svg .axis { stroke: #374151; stroke-width: 2; }
svg .tick { stroke: #374151; }
svg .break { fill: none; stroke: #374151; stroke-width: 2; }
svg .leader { stroke: #9ca3af; stroke-width: 1; }
svg a:hover text.label { text-decoration: underline; }
main { max-width: 1160px; }
ol.entries { padding-left: 0; list-style: none; }
ol.entries > li { border-left: 4px solid #2563eb; padding: 4px 12px; margin: 12px 0; }
ol.entries > li.conflict { border-left-color: #dc2626; background: #fef2f2; }
ol.entries > li:target { outline: 2px solid #93c5fd; }
.when { font-weight: bold; font-variant-numeric: tabular-nums; margin-right: .6em; }
.badge { font-size: 12px; border-radius: 3px; padding: 0 5px; margin-left: .5em; color: #fff; background: #dc2626; }
.event { background: #4b5563; }
ul.sources { margin: 4px 0; padding-left: 1.2em; }
code { font-size: 12px; color: #374151; }
mark { background: #dbeafe; }
.figures, .inferred { color: #4b5563; font-size: 13px; }
.conflicts { color: #b91c1c; font-size: 13px; margin: 4px 0 0 0; padding-left: 1.2em; }
"#;

/// Writes the page for `t`; `title` heads it.
pub fn write(out: &mut dyn Write, t: &Timeline, title: &str) -> io::Result<()> {
    let lay = layout(t);
    let mut h = String::new();
    h.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    let _ = writeln!(h, "<title>{}</title>", esc(title));
    let _ = writeln!(h, "<style>{STYLE}</style>\n</head>\n<body>\n<main>");
    h.push_str(&svg(t, &lay, title));
    h.push_str("<ol class=\"entries\">\n");
    for (i, e) in t.entries.iter().enumerate() {
        let class = if e.conflict() {
            " class=\"conflict\""
        } else {
            ""
        };
        let _ = write!(
            h,
            "<li id=\"entry-{i}\"{class}><span class=\"when\">{}</span>{}",
            esc(&e.when()),
            esc(&e.label)
        );
        if e.event.is_some() {
            h.push_str("<span class=\"badge event\">event</span>");
        }
        if e.conflict() {
            h.push_str("<span class=\"badge\">conflict</span>");
        }
        if !e.figures.is_empty() {
            let figs: Vec<String> = e.figures.iter().map(|f| esc(&f.text)).collect();
            let _ = write!(
                h,
                "<div class=\"figures\">figures: {}</div>",
                figs.join(" · ")
            );
        }
        h.push_str("<ul class=\"sources\">");
        for s in &e.sources {
            let _ = write!(
                h,
                "<li><code>{}:{}:{}</code> <q>{}</q>",
                esc(&s.file),
                s.line,
                s.column,
                quote(s)
            );
            if s.year_from_set {
                h.push_str(" <span class=\"inferred\">(year from the set)</span>");
            }
            h.push_str("</li>");
        }
        h.push_str("</ul>");
        if e.conflict() {
            h.push_str("<ul class=\"conflicts\">");
            for c in &e.conflicts {
                let _ = write!(h, "<li>{}: {}</li>", esc(&c.rule), esc(&c.message));
            }
            h.push_str("</ul>");
        }
        h.push_str("</li>\n");
    }
    h.push_str("</ol>\n</main>\n</body>\n</html>\n");
    out.write_all(h.as_bytes())
}
