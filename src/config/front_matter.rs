//! Front matter: the YAML (`---`) or TOML (`+++`) block some documents open
//! with.
//!
//! The source stage calls [`detect`] on every document, Text and Markdown
//! alike. It finds the block, parses YAML with `serde_yaml` (all YAML parsing
//! lives in the config module) and reads the document's date from `date:`,
//! falling back to `publishDate` (Hugo), `published`, `published_at`, `pubDate`
//! (Eleventy, Astro) and `date_published`, in any case. Front matter
//! that does not parse is not an error: the date is `None` and
//! [`FrontMatter::warning`] says why.

use std::ops::Range;

use chrono::NaiveDate;

/// Keys the date is read from, in order of preference.
pub const DATE_KEYS: [&str; 6] = [
    "date",
    "publishdate",
    "published",
    "published_at",
    "pubdate",
    "date_published",
];

const BOM: &str = "\u{feff}";

/// Which syntax the front matter block uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FrontMatterKind {
    /// `---` … `---` (or `...`), parsed as YAML.
    Yaml,
    /// `+++` … `+++`, read line by line for a simple `date = …`.
    Toml,
}

/// A front matter block found at the start of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontMatter {
    /// Byte range of the whole block in the document text, from the opening
    /// delimiter line to the end of the closing delimiter line (including its
    /// line break, if any). A leading byte order mark is not part of it.
    pub span: Range<usize>,
    /// The document date, if a date key held a `YYYY-MM-DD` date or datetime.
    pub date: Option<NaiveDate>,
    /// The date value as written (for the key that was used, or the first
    /// date key that was present but unreadable).
    pub date_text: Option<String>,
    /// Why the block or its date could not be read, if it could not.
    pub warning: Option<String>,
    /// YAML or TOML.
    pub kind: FrontMatterKind,
}

/// Find and read the front matter at the start of `text`, if there is one.
///
/// The first line (after an optional byte order mark) must be exactly `---`
/// (or `+++` for TOML), and a later line must close it: `---` or `...` for
/// YAML, `+++` for TOML. Without a closing line there is no front matter.
pub fn detect(text: &str) -> Option<FrontMatter> {
    let start = if text.starts_with(BOM) { BOM.len() } else { 0 };
    let rest = &text[start..];
    let (first, mut pos) = next_line(rest, 0)?;
    let kind = match first {
        "---" => FrontMatterKind::Yaml,
        "+++" => FrontMatterKind::Toml,
        _ => return None,
    };
    let body_start = pos;
    while pos < rest.len() {
        let line_start = pos;
        let (line, next) = next_line(rest, pos)?;
        pos = next;
        let closes = match kind {
            FrontMatterKind::Yaml => line == "---" || line == "...",
            FrontMatterKind::Toml => line == "+++",
        };
        if closes {
            let body = &rest[body_start..line_start];
            let span = start..start + pos;
            let mut fm = match kind {
                FrontMatterKind::Yaml => read_yaml(body),
                FrontMatterKind::Toml => read_toml(body),
            };
            fm.span = span;
            return Some(fm);
        }
    }
    None
}

/// The line starting at `pos` (without its `\n` or `\r\n`) and the offset
/// just past its line break.
fn next_line(text: &str, pos: usize) -> Option<(&str, usize)> {
    if pos >= text.len() {
        return None;
    }
    let rest = &text[pos..];
    let (line, consumed) = match rest.find('\n') {
        Some(i) => (&rest[..i], i + 1),
        None => (rest, rest.len()),
    };
    let line = line.strip_suffix('\r').unwrap_or(line);
    Some((line, pos + consumed))
}

fn empty(kind: FrontMatterKind) -> FrontMatter {
    FrontMatter {
        span: 0..0,
        date: None,
        date_text: None,
        warning: None,
        kind,
    }
}

fn read_yaml(body: &str) -> FrontMatter {
    let mut fm = empty(FrontMatterKind::Yaml);
    let value: serde_yaml::Value = match serde_yaml::from_str(body) {
        Ok(v) => v,
        Err(e) => {
            fm.warning = Some(format!("front matter is not valid YAML: {e}"));
            return fm;
        }
    };
    let map = match value {
        serde_yaml::Value::Mapping(m) => m,
        serde_yaml::Value::Null => return fm,
        _ => {
            fm.warning = Some("front matter is not a YAML mapping".to_string());
            return fm;
        }
    };
    let mut candidates = Vec::new();
    for key in DATE_KEYS {
        let found = map.iter().find(|(k, _)| {
            k.as_str()
                .is_some_and(|k| k.trim().eq_ignore_ascii_case(key))
        });
        if let Some((_, v)) = found {
            candidates.push((key, scalar_text(v)));
        }
    }
    choose_date(&mut fm, candidates);
    fm
}

/// The text of a scalar YAML value; `None` for mappings, sequences and null.
fn scalar_text(v: &serde_yaml::Value) -> Option<String> {
    match v {
        serde_yaml::Value::String(s) => Some(s.clone()),
        serde_yaml::Value::Number(n) => Some(n.to_string()),
        serde_yaml::Value::Bool(b) => Some(b.to_string()),
        serde_yaml::Value::Tagged(t) => scalar_text(&t.value),
        _ => None,
    }
}

/// Pick the first candidate that parses as a date; otherwise keep the first
/// candidate's text and warn.
fn choose_date(fm: &mut FrontMatter, candidates: Vec<(&str, Option<String>)>) {
    let mut first_bad: Option<(&str, Option<String>)> = None;
    for (key, text) in candidates {
        if let Some(date) = text.as_deref().and_then(parse_date) {
            fm.date = Some(date);
            fm.date_text = text;
            fm.warning = None;
            return;
        }
        if first_bad.is_none() {
            first_bad = Some((key, text));
        }
    }
    if let Some((key, text)) = first_bad {
        fm.warning = Some(match &text {
            Some(t) => format!("front matter `{key}: {t}` is not a YYYY-MM-DD date"),
            None => format!("front matter `{key}` is not a date"),
        });
        fm.date_text = text;
    }
}

/// Parse `2025-01-07`, `2025-01-07T10:00:00Z` or `2025-01-07 10:00`, taking
/// the date part; or a date as newsrooms write it: `March 14, 2025`, `Mar. 14,
/// 2025`, `14 March 2025`.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if s.starts_with(|c: char| c.is_ascii_alphabetic()) || s.contains(' ') && !s.contains(':') {
        let plain = s.replace('.', "");
        for f in ["%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%B %d %Y"] {
            if let Ok(d) = NaiveDate::parse_from_str(&plain, f) {
                return Some(d);
            }
        }
    }
    let (date, rest) = if s.len() >= 10 && s.is_char_boundary(10) {
        s.split_at(10)
    } else {
        (s, "")
    };
    if !(rest.is_empty() || rest.starts_with(['T', 't', ' '])) {
        return None;
    }
    let b = date.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()
}

/// TOML front matter, parsed with the `toml` crate: only top-level keys date
/// the document (a `[params]` table's `date` is something else's). A TOML
/// datetime or a string is read as a date; a block that is not TOML says so.
fn read_toml(body: &str) -> FrontMatter {
    let mut fm = empty(FrontMatterKind::Toml);
    let table = match body.parse::<toml::Table>() {
        Ok(t) => t,
        Err(e) => {
            fm.warning = Some(format!(
                "the TOML front matter cannot be read: {}",
                e.message()
            ));
            return fm;
        }
    };
    let candidates = DATE_KEYS
        .iter()
        .filter_map(|key| {
            let (_, value) = table.iter().find(|(k, _)| k.eq_ignore_ascii_case(key))?;
            let text = match value {
                toml::Value::Datetime(d) => Some(d.to_string()),
                toml::Value::String(s) => Some(s.clone()),
                _ => None,
            };
            Some((*key, text))
        })
        .collect();
    choose_date(&mut fm, candidates);
    fm
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn yaml_date() {
        let fm = detect("---\ntitle: x\ndate: 2025-01-07\n---\nbody").unwrap();
        assert_eq!(fm.date, d(2025, 1, 7));
        assert_eq!(fm.date_text.as_deref(), Some("2025-01-07"));
        assert_eq!(fm.span, 0.."---\ntitle: x\ndate: 2025-01-07\n---\n".len());
        assert_eq!(fm.warning, None);
    }

    #[test]
    fn yaml_datetime_zulu() {
        let fm = detect("---\ndate: 2025-01-07T10:00:00Z\n---\n").unwrap();
        assert_eq!(fm.date, d(2025, 1, 7));
    }

    #[test]
    fn yaml_datetime_space() {
        let fm = detect("---\ndate: 2025-01-07 10:00\n---\n").unwrap();
        assert_eq!(fm.date, d(2025, 1, 7));
    }

    #[test]
    fn yaml_quoted_date() {
        let fm = detect("---\ndate: \"2025-01-07\"\n---\n").unwrap();
        assert_eq!(fm.date, d(2025, 1, 7));
    }

    #[test]
    fn fallback_keys() {
        for key in ["published", "pubdate", "date_published"] {
            let fm = detect(&format!("---\n{key}: 2024-02-29\n---\n")).unwrap();
            assert_eq!(fm.date, d(2024, 2, 29), "{key}");
        }
    }

    #[test]
    fn date_preferred_over_fallback() {
        let fm = detect("---\npublished: 2020-01-01\ndate: 2025-01-07\n---\n").unwrap();
        assert_eq!(fm.date, d(2025, 1, 7));
    }

    #[test]
    fn dots_close_yaml() {
        let fm = detect("---\ndate: 2025-01-07\n...\ntext").unwrap();
        assert_eq!(fm.date, d(2025, 1, 7));
        assert_eq!(fm.span, 0.."---\ndate: 2025-01-07\n...\n".len());
    }

    #[test]
    fn crlf() {
        let fm = detect("---\r\ndate: 2025-01-07\r\n---\r\nbody").unwrap();
        assert_eq!(fm.date, d(2025, 1, 7));
        assert_eq!(fm.span, 0.."---\r\ndate: 2025-01-07\r\n---\r\n".len());
    }

    #[test]
    fn bom_before_front_matter() {
        let fm = detect("\u{feff}---\ndate: 2025-01-07\n---\n").unwrap();
        assert_eq!(fm.span, 3..3 + "---\ndate: 2025-01-07\n---\n".len());
        assert_eq!(fm.date, d(2025, 1, 7));
    }

    #[test]
    fn closing_at_eof_without_newline() {
        let fm = detect("---\ndate: 2025-01-07\n---").unwrap();
        assert_eq!(fm.span, 0.."---\ndate: 2025-01-07\n---".len());
    }

    #[test]
    fn unclosed_is_not_front_matter() {
        assert_eq!(detect("---\ndate: 2025-01-07\n"), None);
    }

    #[test]
    fn first_line_must_be_exact() {
        assert_eq!(detect("--- \ndate: 2025-01-07\n---\n"), None);
        assert_eq!(detect("\n---\ndate: 2025-01-07\n---\n"), None);
    }

    #[test]
    fn invalid_yaml_warns() {
        let fm = detect("---\ndate: [unclosed\n---\n").unwrap();
        assert_eq!(fm.date, None);
        assert!(fm.warning.unwrap().contains("not valid YAML"));
    }

    #[test]
    fn unparseable_date_warns() {
        let fm = detect("---\ndate: the Tuesday after Easter\n---\n").unwrap();
        assert_eq!(fm.date, None);
        assert_eq!(fm.date_text.as_deref(), Some("the Tuesday after Easter"));
        assert!(fm.warning.is_some());
    }

    #[test]
    fn empty_front_matter() {
        let fm = detect("---\n---\n").unwrap();
        assert_eq!(fm.date, None);
        assert_eq!(fm.warning, None);
    }

    #[test]
    fn toml_date() {
        let fm = detect("+++\ntitle = \"x\"\ndate = 2025-01-07\n+++\n").unwrap();
        assert_eq!(fm.kind, FrontMatterKind::Toml);
        assert_eq!(fm.date, d(2025, 1, 7));
    }

    #[test]
    fn toml_quoted_datetime() {
        let fm = detect("+++\ndate = \"2025-01-07T10:00:00Z\"\n+++\n").unwrap();
        assert_eq!(fm.date, d(2025, 1, 7));
    }

    #[test]
    fn newsroom_dates_and_site_generator_keys() {
        for (text, want) in [
            ("---\ndate: March 14, 2025\n---\n", "2025-03-14"),
            ("---\ndate: 14 March 2025\n---\n", "2025-03-14"),
            ("---\ndate: Mar. 14, 2025\n---\n", "2025-03-14"),
            ("---\npublishDate: 2025-03-14\n---\n", "2025-03-14"),
            (
                "---\npublished_at: 2025-03-14T09:00:00Z\n---\n",
                "2025-03-14",
            ),
            ("---\npubDate: 2025-03-14\n---\n", "2025-03-14"),
            (
                "+++\ntitle = \"x\"\ndate = 2025-03-14\n[params]\ndate = 2019-01-01\n+++\n",
                "2025-03-14",
            ),
            ("+++\ntitle = \"x\"\n[params]\ndate = 2019-01-01\n+++\n", ""),
            (
                "+++\ntitle = \"\"\"A title\nover lines\"\"\"\ndate = 2025-03-14T09:00:00-05:00\n+++\n",
                "2025-03-14",
            ),
            ("+++\npublishDate = \"March 14, 2025\"\n+++\n", "2025-03-14"),
            ("+++\nparams = { date = 2019-01-01 }\n+++\n", ""),
        ] {
            let got = detect(text)
                .and_then(|f| f.date)
                .map(|d| d.to_string())
                .unwrap_or_default();
            assert_eq!(got, want, "{text:?}");
        }
    }

    #[test]
    fn parse_date_rejects_junk() {
        assert_eq!(parse_date("2025-13-01"), None);
        assert_eq!(parse_date("2025-01-07x"), None);
        assert_eq!(parse_date("25-1-7"), None);
        assert_eq!(parse_date("2025-01-0é"), None);
    }
}
