//! `reckon timeline --format html`: one self-contained page, a tool as much
//! as a picture.
//!
//! The page holds an inline SVG — a time axis with ticks, one marker per
//! entry, a written range drawn as a span, labels that never overlap,
//! conflicts in their own colour with a dashed arc joining the two dates of an
//! event dated differently, a legend — then a filter bar (by document, by
//! words of the event, conflicts only), the list of entries with their sources,
//! the recurring schedules, and the source lines every entry and conflict
//! links to (`file:line`, the line quoted). Nothing is fetched: no external
//! CSS, scripts or fonts; the filter is a few lines of inline script. It
//! prints cleanly: the filter bar goes, the picture shrinks to the page.
//!
//! **The axis** is linear in days, with breaks: a stretch of more than
//! [`BREAK_AFTER_DAYS`] days in which no entry starts or ends is drawn as a
//! break (a zigzag, with the time skipped written under it). A break is as
//! wide as its text, so two breaks side by side never print into each other
//! ("57 months13 days" was the bug). A day is at least [`MIN_DAY_W`] wide: a
//! long or dense timeline makes the SVG wider than the page, and it scrolls.
//!
//! **Labels** hang below the axis in at most [`MAX_LANES`] lanes, each on a
//! leader line from its marker. They are placed left to right; a label takes
//! the shallowest lane where it overlaps no other label, starting at its
//! marker, or else ending there. Leaders are drawn first and labels last on a
//! white halo, so a leader passing a shallower label goes behind it (forbidding
//! that made the lanes a staircase, one per entry). A label with no free lane
//! is not drawn (its marker is, with the label on hover, and the list below
//! has it), so a thousand entries never stack labels far below the fold.

use std::fmt::Write as _;
use std::io::{self, Write};

use chrono::{Datelike, NaiveDate};

use super::{label, Entry, Source, Timeline};

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
/// The deepest lane a label may take.
pub const MAX_LANES: usize = 12;
/// The narrowest a day is drawn, in CSS pixels.
pub const MIN_DAY_W: f64 = 4.0;
/// The least distance between two days where something starts or ends, so
/// markers of neighbouring days never cover each other (a marker is 10 wide).
pub const MIN_KEY_GAP: f64 = 13.0;
/// Longest label drawn in the SVG, in characters (the list has it whole).
pub const SVG_LABEL: usize = 44;
/// How far apart markers of one day are stacked under the axis.
pub const STACK_STEP: f64 = 11.0;
/// How many markers of one day stack; more share the lowest place.
pub const MAX_STACK: usize = 3;
/// How many events the event filter offers to pick from (any words can be typed).
pub const EVENT_CHOICES: usize = 300;
/// Where an arc joining the two dates of a conflict peaks.
pub const ARC_Y: f64 = AXIS_Y - 50.0;

const MARGIN: f64 = 40.0;
/// The narrowest break.
const BREAK_W: f64 = 44.0;
/// Font size of a break's text, and room left either side of it.
const GAP_FONT: f64 = 10.0;
const GAP_PAD: f64 = 8.0;
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
    /// SVG width: at least [`WIDTH`], wider when the days need it.
    pub width: f64,
    /// SVG height.
    pub height: f64,
    /// One per entry, in entry order.
    pub markers: Vec<Marker>,
    /// Axis ticks: x and text.
    pub ticks: Vec<(f64, String)>,
    /// Breaks: from x, to x, days skipped.
    pub breaks: Vec<(f64, f64, i64)>,
    /// The text under each break: left x, right x (as estimated), text.
    pub gap_labels: Vec<(f64, f64, String)>,
    /// Where the axis starts and ends.
    pub axis: (f64, f64),
}

/// One entry's marker and label.
#[derive(Debug, Clone, PartialEq)]
pub struct Marker {
    /// Centre of the marker.
    pub x: f64,
    /// Centre of the marker, down: on the axis, or stacked under it when
    /// other entries share its day ([`STACK_STEP`] apart, [`MAX_STACK`] deep).
    pub y: f64,
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
    /// The label is drawn (a lane was free for it).
    pub drawn: bool,
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
    // A gap inside a written range is drawn to scale: a span is never broken.
    let mut spans: Vec<(NaiveDate, NaiveDate)> = t
        .entries
        .iter()
        .filter(|e| e.start != e.end)
        .map(|e| (e.start, next_day(e.end)))
        .collect();
    spans.sort_unstable();
    let mut reach = Vec::with_capacity(spans.len());
    for (k, &(_, end)) in spans.iter().enumerate() {
        reach.push(if k == 0 { end } else { end.max(reach[k - 1]) });
    }
    let covered = |a: NaiveDate, b: NaiveDate| {
        let k = spans.partition_point(|&(s, _)| s <= a);
        k > 0 && reach[k - 1] >= b
    };
    // (days, drawn as a break)
    let gaps: Vec<(i64, bool)> = days
        .windows(2)
        .map(|w| {
            let g = (w[1] - w[0]).num_days();
            (g, g > BREAK_AFTER_DAYS && !covered(w[0], w[1]))
        })
        .collect();
    let linear: i64 = gaps.iter().filter(|g| !g.1).map(|g| g.0).sum();
    let break_w = |g: i64| {
        (gap_text(g).chars().count() as f64 * GAP_FONT * 0.62 + 2.0 * GAP_PAD).max(BREAK_W)
    };
    let breaks_w: f64 = gaps.iter().filter(|g| g.1).map(|g| break_w(g.0)).sum();
    let plot = WIDTH - 2.0 * MARGIN - breaks_w;
    let per_day = (plot / linear.max(1) as f64).clamp(MIN_DAY_W, 120.0);
    let mut keys = Vec::new();
    let mut x = MARGIN;
    let mut breaks = Vec::new();
    let mut gap_labels = Vec::new();
    for (i, d) in days.iter().enumerate() {
        keys.push((*d, x));
        if let Some(&(g, is_break)) = gaps.get(i) {
            let w = if is_break {
                let w = break_w(g);
                let text = gap_text(g);
                let tw = text.chars().count() as f64 * GAP_FONT * 0.62;
                let mid = x + w / 2.0;
                gap_labels.push((mid - tw / 2.0, mid + tw / 2.0, text));
                breaks.push((x, x + w, g));
                w
            } else {
                (g as f64 * per_day).max(MIN_KEY_GAP)
            };
            x += w;
        }
    }
    let width = (x + MARGIN).max(WIDTH);
    let scale = Scale { keys };
    let axis = (MARGIN - 12.0, (x + 12.0).min(width - 4.0));

    let mut markers: Vec<Marker> = t
        .entries
        .iter()
        .map(|e| {
            let x0 = scale.x(e.start);
            let x1 = scale.x(next_day(e.end));
            Marker {
                x: (x0 + x1) / 2.0,
                y: AXIS_Y,
                x0,
                x1,
                lane: 0,
                end_anchored: false,
                text: label::cut(&e.label, SVG_LABEL),
                drawn: false,
            }
        })
        .collect();
    // Entries of one day (or one middle) stack under the axis, conflicts first
    // so a conflict is never hidden under another marker.
    let mut at: Vec<usize> = (0..markers.len()).collect();
    at.sort_by(|&a, &b| {
        markers[a]
            .x
            .total_cmp(&markers[b].x)
            .then(t.entries[b].conflict().cmp(&t.entries[a].conflict()))
            .then(a.cmp(&b))
    });
    let mut depth = 0;
    for k in 0..at.len() {
        let same = k > 0 && (markers[at[k]].x - markers[at[k - 1]].x).abs() < 0.5;
        depth = if same { depth + 1 } else { 0 };
        markers[at[k]].y = AXIS_Y + depth.min(MAX_STACK) as f64 * STACK_STEP;
    }
    place_labels(&mut markers, width);
    let lanes = markers
        .iter()
        .filter(|m| m.drawn)
        .map(|m| m.lane + 1)
        .max()
        .unwrap_or(0);

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
        width,
        height: LANE_TOP + lanes as f64 * LANE_H + 16.0,
        markers,
        ticks,
        breaks,
        gap_labels,
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

fn place_labels(markers: &mut [Marker], width: f64) {
    let right = width - 8.0;
    // Labels too long for either side are cut to the wider side.
    for m in markers.iter_mut() {
        let room = (right - m.x - 4.0).max(m.x - 8.0 - 4.0);
        let max_chars = (room / CHAR_W).floor().max(8.0) as usize;
        if m.text.chars().count() > max_chars {
            m.text = label::cut(&m.text, max_chars.saturating_sub(1));
        }
    }
    // The right edge of the last label in each lane: labels are placed left
    // to right, so a new one fits in a lane when it starts past that edge
    // (constant time a label; checking every placed label was quadratic, 6 s
    // for Reuters' 17,836 entries).
    let mut lane_right = [f64::MIN; MAX_LANES];
    let mut order: Vec<usize> = (0..markers.len()).collect();
    order.sort_by(|a, b| markers[*a].x.total_cmp(&markers[*b].x).then(a.cmp(b)));
    for i in order {
        // Labels in one lane never overlap; a leader may pass behind a label
        // of a shallower lane (labels are drawn last, on a white halo).
        let fits = |lane: usize, end_anchored: bool, markers: &[Marker]| {
            let (l, r) = extent(&markers[i], end_anchored);
            l >= 4.0 && r <= right && l >= lane_right[lane] + PAD
        };
        // The shallowest free lane with the label after its marker, else before it;
        // with none, the label is not drawn.
        let Some((lane, end_anchored)) = [false, true]
            .into_iter()
            .flat_map(|end| (0..MAX_LANES).map(move |k| (k, end)))
            .find(|&(k, end)| fits(k, end, markers))
        else {
            continue;
        };
        markers[i].lane = lane;
        markers[i].end_anchored = end_anchored;
        markers[i].drawn = true;
        lane_right[lane] = extent(&markers[i], end_anchored).1;
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
    let (w, h) = (lay.width, lay.height);
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w:.1}" height="{h}" viewBox="0 0 {w:.1} {h}" role="img" aria-label="{}">"#,
        esc(title)
    );
    let _ = writeln!(
        s,
        r#"<text x="{MARGIN}" y="28" class="title">{}</text>"#,
        esc(title)
    );
    // Legend, top right of the first screen.
    let lx = WIDTH - 560.0;
    let _ = writeln!(
        s,
        r##"<g class="legend"><circle cx="{}" cy="24" r="6" fill="{MARKER}"/><text x="{}" y="28">dated event</text><rect x="{}" y="19" width="26" height="10" rx="2" fill="{MARKER}" fill-opacity="0.3"/><text x="{}" y="28">range</text><circle cx="{}" cy="24" r="6" fill="{CONFLICT}"/><text x="{}" y="28">conflict</text><path d="M{} 28 Q{} 12 {} 28" class="conflict-link"/><text x="{}" y="28">one event, two dates</text></g>"##,
        lx,
        lx + 12.0,
        lx + 100.0,
        lx + 132.0,
        lx + 186.0,
        lx + 198.0,
        lx + 270.0,
        lx + 285.0,
        lx + 300.0,
        lx + 308.0
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
    for ((b0, b1, _), (_, _, text)) in lay.breaks.iter().zip(&lay.gap_labels) {
        let (p, q) = (b0 + 10.0, b1 - 10.0);
        let m = (b0 + b1) / 2.0;
        let _ = writeln!(
            s,
            r##"<polyline points="{p:.1},{AXIS_Y} {:.1},{} {:.1},{} {:.1},{} {q:.1},{AXIS_Y}" class="break"/><text x="{m:.1}" y="{}" class="gap">{}</text>"##,
            p + (q - p) * 0.25,
            AXIS_Y - 6.0,
            (p + q) / 2.0,
            AXIS_Y + 6.0,
            p + (q - p) * 0.75,
            AXIS_Y - 6.0,
            AXIS_Y + 22.0,
            esc(text)
        );
    }
    // One event dated differently: a dashed arc over the axis joins its two
    // dates, under the tick labels (drawn next, on a halo).
    let mut arcs: Vec<(usize, usize)> = t
        .entries
        .iter()
        .flat_map(|e| e.conflicts.iter())
        .filter_map(|c| match c.entries.as_slice() {
            [a, b] => Some((*a.min(b), *a.max(b))),
            _ => None,
        })
        .collect();
    arcs.sort_unstable();
    arcs.dedup();
    for (a, b) in arcs {
        let (Some(ma), Some(mb)) = (lay.markers.get(a), lay.markers.get(b)) else {
            continue;
        };
        let mid = (ma.x + mb.x) / 2.0;
        // A quadratic curve peaks halfway to its control point.
        let control = 2.0 * ARC_Y - AXIS_Y;
        let _ = writeln!(
            s,
            r##"<path class="conflict-link" data-entries="{a} {b}" d="M{:.1} {AXIS_Y} Q{mid:.1} {control} {:.1} {AXIS_Y}"/>"##,
            ma.x, mb.x
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
    for (i, (e, m)) in t.entries.iter().zip(&lay.markers).enumerate() {
        if e.start != e.end {
            let fill = if e.conflict() { CONFLICT } else { MARKER };
            let class = if e.range { "period range" } else { "period" };
            let _ = writeln!(
                s,
                r#"<rect class="{class}" data-entry="{i}" x="{:.1}" y="{}" width="{:.1}" height="10" rx="2" fill="{fill}" fill-opacity="0.3"/>"#,
                m.x0,
                AXIS_Y - 5.0,
                (m.x1 - m.x0).max(10.0)
            );
        }
    }
    // Leaders, then markers, then labels: a label is never under a leader.
    for (i, m) in lay.markers.iter().enumerate() {
        if m.drawn {
            let _ = writeln!(
                s,
                r#"<line data-entry="{i}" x1="{x:.1}" y1="{}" x2="{x:.1}" y2="{}" class="leader"/>"#,
                m.y + 7.0,
                LANE_TOP + m.lane as f64 * LANE_H + 3.0,
                x = m.x
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
        let _ = writeln!(
            s,
            r##"<a href="#entry-{i}" class="entry" data-entry="{i}"><title>{}</title><circle class="{class}" cx="{:.1}" cy="{:.1}" r="5" fill="{colour}"/></a>"##,
            esc(&hover(e)),
            m.x,
            m.y
        );
    }
    for (i, (e, m)) in t.entries.iter().zip(&lay.markers).enumerate() {
        if !m.drawn {
            continue;
        }
        let y = LANE_TOP + m.lane as f64 * LANE_H;
        let (tx, anchor) = if m.end_anchored {
            (m.x - 4.0, "end")
        } else {
            (m.x + 4.0, "start")
        };
        let _ = writeln!(
            s,
            r##"<a href="#entry-{i}" data-entry="{i}"><title>{}</title><text x="{tx:.1}" y="{y}" text-anchor="{anchor}" class="{}">{}</text></a>"##,
            esc(&hover(e)),
            if e.conflict() {
                "label conflict"
            } else {
                "label"
            },
            esc(&m.text)
        );
    }
    s.push_str("</svg>\n");
    s
}

/// The documents of an entry's sources, as " 0 2 " (spaces either side, so a
/// filter can look for " 2 ").
fn docs_attr(e: &Entry) -> String {
    let mut docs: Vec<usize> = e.sources.iter().map(|s| s.doc).collect();
    docs.sort_unstable();
    docs.dedup();
    let mut out = String::from(" ");
    for d in docs {
        let _ = write!(out, "{d} ");
    }
    out
}

/// What the event filter matches: the label, the event's name, the sentences.
fn filter_text(e: &Entry) -> String {
    let mut t = e.label.to_lowercase();
    if let Some(ev) = &e.event {
        t.push(' ');
        t.push_str(&ev.to_lowercase());
    }
    for s in &e.sources {
        t.push(' ');
        t.push_str(&s.sentence.to_lowercase());
    }
    t
}

/// The time a break skips, short: "13 days", "5 months", "4.7 years".
fn gap_text(days: i64) -> String {
    if days >= 730 {
        format!("{:.1} years", days as f64 / 365.25)
    } else if days >= 60 {
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
fn quote(s: &Source) -> String {
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

/// The anchor of a source line in the page's list of source lines.
fn line_anchor(s: &Source) -> String {
    format!("src-{}-{}", s.doc, s.line)
}

/// `file:line:column`, linked to the line in the page's list of source lines.
fn source_link(s: &Source) -> String {
    format!(
        "<a class=\"src\" href=\"#{}\"><code>{}:{}:{}</code></a>",
        line_anchor(s),
        esc(&s.file),
        s.line,
        s.column
    )
}

const STYLE: &str = r#"
body { margin: 0; padding: 20px; font: 14px/1.45 system-ui, "DejaVu Sans", Arial, sans-serif; color: #111827; background: #fff; }
.picture { overflow-x: auto; max-width: 100%; }
svg { display: block; }
svg text { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 12px; fill: #111827; }
svg text.title { font-size: 17px; font-weight: bold; }
svg text.tick-label { font-size: 11px; fill: #4b5563; text-anchor: middle; paint-order: stroke; stroke: #fff; stroke-width: 3px; stroke-linejoin: round; }
svg text.gap { font-size: 10px; fill: #6b7280; text-anchor: middle; }
svg text.label { paint-order: stroke; stroke: #fff; stroke-width: 4px; stroke-linejoin: round; }
svg text.label.conflict { fill: #b91c1c; font-weight: bold; }
svg .axis { stroke: #374151; stroke-width: 2; }
svg .tick { stroke: #374151; }
svg .break { fill: none; stroke: #374151; stroke-width: 2; }
svg .leader { stroke: #9ca3af; stroke-width: 1; }
svg .period.range { stroke: #1e3a8a; stroke-width: 1; }
svg .conflict-link { fill: none; stroke: #dc2626; stroke-width: 2; stroke-dasharray: 5 3; }
svg a:hover text.label { text-decoration: underline; }
svg .hidden { display: none; }
main { max-width: 1160px; }
.filters { margin: 10px 0; padding: 6px 8px; background: #f3f4f6; border-radius: 4px; font-size: 13px; }
.filters label { margin-right: 1em; }
.filters output { color: #4b5563; }
ol.entries { padding-left: 0; list-style: none; }
ol.entries > li { border-left: 4px solid #2563eb; padding: 4px 12px; margin: 12px 0; }
ol.entries > li.conflict { border-left-color: #dc2626; background: #fef2f2; }
ol.entries > li:target, ol.lines > li:target { outline: 2px solid #93c5fd; }
.when { font-weight: bold; font-variant-numeric: tabular-nums; margin-right: .6em; }
.badge { font-size: 12px; border-radius: 3px; padding: 0 5px; margin-left: .5em; color: #fff; background: #dc2626; }
.event { background: #4b5563; }
.range-badge { background: #1e3a8a; }
ul.sources { margin: 4px 0; padding-left: 1.2em; }
code { font-size: 12px; color: #374151; }
a.src { text-decoration: none; }
a.src:hover code { text-decoration: underline; }
mark { background: #dbeafe; }
.figures, .inferred { color: #4b5563; font-size: 13px; }
.conflicts { color: #b91c1c; font-size: 13px; margin: 4px 0 0 0; padding-left: 1.2em; }
.conflicts a { color: #b91c1c; }
ol.lines { font-size: 13px; padding-left: 0; list-style: none; }
ol.lines > li { margin: 4px 0; }
ol.lines pre { margin: 2px 0 0 1.2em; white-space: pre-wrap; font-size: 12px; background: #f9fafb; padding: 2px 6px; }
h2 { font-size: 16px; margin: 18px 0 6px 0; }
@media print {
  body { padding: 0; font-size: 11px; }
  .filters { display: none; }
  .picture { overflow: visible; }
  svg { width: 100%; height: auto; }
  main { max-width: none; }
  ol.entries > li, ol.lines > li, section.recurring li { break-inside: avoid; }
  ol.entries > li.conflict { background: none; }
  .hidden { display: revert !important; }
  a { color: inherit; text-decoration: none; }
}
"#;

/// The filter: hides the entries (in the picture and the list) that do not
/// match the chosen document, the words typed and the conflicts-only box.
const SCRIPT: &str = r#"
(function () {
  var doc = document.getElementById('filter-doc');
  var words = document.getElementById('filter-words');
  var only = document.getElementById('filter-conflicts');
  var count = document.getElementById('filter-count');
  function apply() {
    var d = doc.value, q = words.value.trim().toLowerCase(), c = only.checked, shown = 0;
    var items = document.querySelectorAll('[data-entry]');
    var keep = {};
    document.querySelectorAll('li[data-entry]').forEach(function (li) {
      var ok = (d === '' || li.getAttribute('data-docs').indexOf(' ' + d + ' ') >= 0)
        && (q === '' || li.getAttribute('data-text').indexOf(q) >= 0)
        && (!c || li.getAttribute('data-conflict') === '1');
      keep[li.getAttribute('data-entry')] = ok;
      if (ok) { shown += 1; }
    });
    items.forEach(function (el) {
      var ok = keep[el.getAttribute('data-entry')];
      if (el.tagName.toLowerCase() === 'li') { el.hidden = !ok; }
      else if (ok) { el.classList.remove('hidden'); } else { el.classList.add('hidden'); }
    });
    count.textContent = shown + ' of ' + Object.keys(keep).length + ' entries';
  }
  doc.addEventListener('change', apply);
  words.addEventListener('input', apply);
  only.addEventListener('change', apply);
  apply();
})();
"#;

/// Writes the page for `t`; `title` heads it.
pub fn write(out: &mut dyn Write, t: &Timeline, title: &str) -> io::Result<()> {
    let lay = layout(t);
    let mut h = String::new();
    h.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    let _ = writeln!(h, "<title>{}</title>", esc(title));
    let _ = writeln!(h, "<style>{STYLE}</style>\n</head>\n<body>\n<main>");
    h.push_str("<div class=\"picture\">\n");
    h.push_str(&svg(t, &lay, title));
    h.push_str("</div>\n");
    let hidden = lay.markers.iter().filter(|m| !m.drawn).count();
    let conflicts = t.entries.iter().filter(|e| e.conflict()).count();
    let _ = write!(
        h,
        "<p class=\"summary\">{} entries, {conflicts} with a conflict, {} recurring.",
        t.entries.len(),
        t.recurring.len()
    );
    if hidden > 0 {
        let _ = write!(
            h,
            " {hidden} labels did not fit in the picture: their markers are there (hover for the label), and every entry is listed below."
        );
    }
    h.push_str("</p>\n");
    // The filter bar: documents by name.
    let mut docs: Vec<(usize, &str)> = t
        .entries
        .iter()
        .flat_map(|e| e.sources.iter())
        .map(|s| (s.doc, s.file.as_str()))
        .collect();
    docs.sort_unstable();
    docs.dedup();
    h.push_str("<form class=\"filters\" onsubmit=\"return false\"><label>Document <select id=\"filter-doc\"><option value=\"\">all</option>");
    for (d, file) in &docs {
        let _ = write!(h, "<option value=\"{d}\">{}</option>", esc(file));
    }
    h.push_str("</select></label><label>Event <input id=\"filter-words\" type=\"search\" list=\"filter-events\" placeholder=\"words of the event\"></label><label><input id=\"filter-conflicts\" type=\"checkbox\"> conflicts only</label><output id=\"filter-count\"></output>");
    // The events to pick from: named events first, then labels, each once.
    let mut events: Vec<&str> = t
        .entries
        .iter()
        .filter_map(|e| e.event.as_deref())
        .collect();
    events.extend(t.entries.iter().map(|e| e.label.as_str()));
    let mut seen = std::collections::HashSet::new();
    events.retain(|e| seen.insert(*e));
    h.push_str("<datalist id=\"filter-events\">");
    for e in events.iter().take(EVENT_CHOICES) {
        let _ = write!(h, "<option value=\"{}\">", esc(&e.to_lowercase()));
    }
    h.push_str("</datalist></form>\n");
    h.push_str("<ol class=\"entries\">\n");
    for (i, e) in t.entries.iter().enumerate() {
        let class = if e.conflict() {
            " class=\"conflict\""
        } else {
            ""
        };
        let _ = write!(
            h,
            "<li id=\"entry-{i}\"{class} data-entry=\"{i}\" data-docs=\"{}\" data-conflict=\"{}\" data-text=\"{}\"><span class=\"when\">{}</span>{}",
            docs_attr(e),
            u8::from(e.conflict()),
            esc(&filter_text(e)),
            esc(&e.when()),
            esc(&e.label)
        );
        if e.event.is_some() {
            h.push_str("<span class=\"badge event\">event</span>");
        }
        if e.range {
            h.push_str("<span class=\"badge range-badge\">range</span>");
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
            let _ = write!(h, "<li>{} <q>{}</q>", source_link(s), quote(s));
            if s.year_from_set {
                h.push_str(" <span class=\"inferred\">(year from the set)</span>");
            }
            if s.deadline {
                h.push_str(" <span class=\"inferred\">(deadline)</span>");
            }
            h.push_str("</li>");
        }
        h.push_str("</ul>");
        if e.conflict() {
            h.push_str("<ul class=\"conflicts\">");
            for c in &e.conflicts {
                let _ = write!(h, "<li>{}: {}", esc(&c.rule), esc(&c.message));
                if !c.sources.is_empty() {
                    let links: Vec<String> = c.sources.iter().map(source_link).collect();
                    let _ = write!(h, " — sources: {}", links.join(", "));
                }
                let others: Vec<String> = c
                    .entries
                    .iter()
                    .filter(|&&k| k != i)
                    .filter_map(|&k| t.entries.get(k).map(|o| (k, o)))
                    .map(|(k, o)| format!("<a href=\"#entry-{k}\">{}</a>", esc(&o.when())))
                    .collect();
                if !others.is_empty() {
                    let _ = write!(h, " — the other date: {}", others.join(", "));
                }
                h.push_str("</li>");
            }
            h.push_str("</ul>");
        }
        h.push_str("</li>\n");
    }
    h.push_str("</ol>\n");
    if !t.recurring.is_empty() {
        h.push_str("<section class=\"recurring\"><h2>Recurring (not dated)</h2><ul>\n");
        for r in &t.recurring {
            let links: Vec<String> = r.sources.iter().map(source_link).collect();
            let _ = writeln!(
                h,
                "<li><span class=\"when\">{}</span>{} <span class=\"figures\">{}</span></li>",
                esc(&r.when),
                esc(&r.label),
                links.join(", ")
            );
        }
        h.push_str("</ul></section>\n");
    }
    // Every line an entry, a schedule or a conflict cites, once, in file order.
    let mut lines: Vec<&Source> = t
        .entries
        .iter()
        .flat_map(|e| {
            e.sources
                .iter()
                .chain(e.conflicts.iter().flat_map(|c| &c.sources))
        })
        .chain(t.recurring.iter().flat_map(|r| &r.sources))
        .collect();
    lines.sort_by_key(|s| (s.doc, s.line));
    lines.dedup_by_key(|s| (s.doc, s.line));
    if !lines.is_empty() {
        h.push_str("<section class=\"source-lines\"><h2>Source lines</h2><ol class=\"lines\">\n");
        for s in lines {
            let _ = writeln!(
                h,
                "<li id=\"{}\"><code>{}:{}</code><pre>{}</pre></li>",
                line_anchor(s),
                esc(&s.file),
                s.line,
                esc(&s.line_text)
            );
        }
        h.push_str("</ol></section>\n");
    }
    let _ = writeln!(h, "</main>\n<script>{SCRIPT}</script>\n</body>\n</html>");
    out.write_all(h.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timeline::{Conflict, Entry, Source};

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn entry(start: &str, end: &str, label: &str, doc: usize) -> Entry {
        Entry {
            start: day(start),
            end: day(end),
            label: label.to_string(),
            event: None,
            range: start != end,
            sources: vec![Source {
                doc,
                file: format!("d{doc}.md"),
                line: 3,
                column: 1,
                span: 0..1,
                text: "x".into(),
                sentence: label.to_string(),
                label: label.to_string(),
                year_from_set: false,
                deadline: false,
                line_text: label.to_string(),
            }],
            figures: Vec::new(),
            conflicts: Vec::new(),
        }
    }

    /// Whether two estimated text boxes on one row overlap.
    fn apart(a: &(f64, f64, String), b: &(f64, f64, String)) -> bool {
        a.1 <= b.0 || b.1 <= a.0
    }

    #[test]
    fn break_labels_side_by_side_never_overlap() {
        // Two long gaps with a single day between them: the breaks sit side
        // by side ("57 months13 days" was the bug).
        let t = Timeline {
            entries: vec![
                entry("2020-01-01", "2020-01-01", "A", 0),
                entry("2024-10-01", "2024-10-01", "B", 0),
                entry("2024-10-14", "2024-10-14", "C", 0),
                entry("2025-12-01", "2025-12-01", "D", 0),
            ],
            recurring: Vec::new(),
        };
        let lay = layout(&t);
        assert_eq!(lay.gap_labels.len(), 3, "{:?}", lay.breaks);
        for (k, a) in lay.gap_labels.iter().enumerate() {
            let (b0, b1, _) = lay.breaks[k];
            assert!(a.0 >= b0 && a.1 <= b1, "{a:?} outside its break {b0}..{b1}");
            for b in &lay.gap_labels[k + 1..] {
                assert!(apart(a, b), "{a:?} overlaps {b:?}");
            }
        }
        let texts: Vec<&str> = lay.gap_labels.iter().map(|g| g.2.as_str()).collect();
        assert_eq!(texts, ["4.7 years", "12 days", "14 months"]);
    }

    #[test]
    fn a_thousand_entries_scroll_and_stay_shallow() {
        let entries: Vec<Entry> = (0..1000)
            .map(|i| {
                let d = day("2022-01-01") + chrono::Days::new(i * 2);
                let d = d.format("%Y-%m-%d").to_string();
                entry(
                    &d,
                    &d,
                    &format!("Event number {i} happened in the valley"),
                    (i % 9) as usize,
                )
            })
            .collect();
        let t = Timeline {
            entries,
            recurring: Vec::new(),
        };
        let lay = layout(&t);
        assert!(
            lay.width > WIDTH,
            "a long timeline is wider than the page: {}",
            lay.width
        );
        for m in &lay.markers {
            assert!(
                m.x0 >= 0.0 && m.x1 <= lay.width,
                "marker outside the SVG: {m:?}"
            );
            assert!(m.lane < MAX_LANES);
        }
        assert!(lay.height <= LANE_TOP + MAX_LANES as f64 * LANE_H + 16.0);
        let drawn: Vec<&Marker> = lay.markers.iter().filter(|m| m.drawn).collect();
        assert!(drawn.len() >= 100, "only {} labels drawn", drawn.len());
        for (k, a) in drawn.iter().enumerate() {
            let (al, ar) = extent(a, a.end_anchored);
            assert!(al >= 0.0 && ar <= lay.width, "label outside the SVG: {a:?}");
            for b in &drawn[k + 1..] {
                let (bl, br) = extent(b, b.end_anchored);
                assert!(
                    a.lane != b.lane || ar <= bl || br <= al,
                    "{a:?} overlaps {b:?}"
                );
            }
        }
        let mut page = Vec::new();
        write(&mut page, &t, "t").unwrap();
        let page = String::from_utf8(page).unwrap();
        assert!(page.contains("labels did not fit in the picture"));
        assert_eq!(page.matches("<li id=\"entry-").count(), 1000);
    }

    #[test]
    fn a_conflict_links_both_dates_and_both_sources() {
        let mut a = entry("2025-11-14", "2025-11-14", "The ferry sank", 0);
        let mut b = entry("2025-11-15", "2025-11-15", "The ferry sank", 1);
        let c = Conflict {
            rule: crate::timeline::DATE_CONFLICT.into(),
            message: "one event, two dates".into(),
            sources: vec![a.sources[0].clone(), b.sources[0].clone()],
            entries: vec![0, 1],
        };
        a.conflicts.push(c.clone());
        b.conflicts.push(c);
        let t = Timeline {
            entries: vec![a, b],
            recurring: Vec::new(),
        };
        let mut page = Vec::new();
        write(&mut page, &t, "t").unwrap();
        let page = String::from_utf8(page).unwrap();
        assert_eq!(
            page.matches("class=\"conflict-link\" data-entries=\"0 1\"")
                .count(),
            1
        );
        assert!(page.contains("href=\"#src-0-3\""));
        assert!(page.contains("href=\"#src-1-3\""));
        assert!(page.contains("<li id=\"src-0-3\">"));
        assert!(page.contains("the other date: <a href=\"#entry-1\">"));
        assert!(page.contains("the other date: <a href=\"#entry-0\">"));
        // Printed: no filter bar, the picture shrunk to the page, no entry split.
        let print = &page[page.find("@media print").expect("print CSS")..];
        assert!(print.contains(".filters { display: none; }"));
        assert!(print.contains("svg { width: 100%; height: auto; }"));
        assert!(print.contains("break-inside: avoid"));
    }
}
