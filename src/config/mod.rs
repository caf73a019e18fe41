//! Every YAML file reckon reads is parsed here, and only here.
//!
//! In: YAML text and the name of the file it came from. Out: the raw, typed
//! structures of each file kind (lexicon, front matter), or a [`YamlError`] — a
//! miette diagnostic that points at the line and column of the bad entry in
//! that file. Stages after this one never see YAML.

pub mod check;
pub mod embedded;
pub mod front_matter;
pub mod lexicon;
pub mod quotes;
pub mod reading;

use miette::{Diagnostic, MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};
use serde::de::DeserializeOwned;

/// A YAML file that could not be read as the kind of file it should be:
/// unknown key, wrong type, invalid value. Points into the file.
///
/// It quotes at most one short piece of one line of the file (the line of
/// the problem, or [`SNIPPET_MAX`] bytes of it around the problem), and
/// clips what the message quotes from the file ([`clip_message`]); a file
/// that is not YAML-looking text at all is not quoted.
#[derive(Debug, thiserror::Error, Diagnostic)]
#[error("{file}:{line}:{column}: {message}")]
#[diagnostic()]
pub struct YamlError {
    /// Display name of the file.
    pub file: String,
    /// 1-based line of the problem.
    pub line: usize,
    /// 1-based column of the problem.
    pub column: usize,
    /// What is wrong.
    pub message: String,
    #[source_code]
    src: Option<Snippet>,
    #[label("here")]
    at: Option<SourceSpan>,
    #[help]
    help: Option<String>,
}

/// The most bytes of a line an error quotes.
const SNIPPET_MAX: usize = 120;

/// The most characters of the file that a message quotes in one piece.
const QUOTE_MAX: usize = 40;

/// One piece of one line of a file, placed where it is in the file: the
/// only source an error report can show.
#[derive(Debug)]
struct Snippet {
    name: String,
    /// The piece (no line break).
    text: String,
    /// Its byte offset in the file.
    start: usize,
    /// Its 0-based line.
    line: usize,
    /// The characters of its line before it.
    column: usize,
}

impl SourceCode for Snippet {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let local = span
            .offset()
            .checked_sub(self.start)
            .filter(|o| o + span.len() <= self.text.len())
            .ok_or(MietteError::OutOfBounds)?;
        let c = self
            .text
            .as_str()
            // Context, when asked for, is the whole piece (it is one line).
            .read_span(
                &SourceSpan::new(local.into(), span.len()),
                before.min(1),
                after.min(1),
            )?;
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            c.data(),
            SourceSpan::new((c.span().offset() + self.start).into(), c.span().len()),
            c.line() + self.line,
            c.column() + self.column,
            c.line_count(),
        )))
    }
}

impl YamlError {
    /// A problem at byte `offset` of `text` (the whole file).
    pub fn at_offset(file: &str, text: &str, offset: usize, message: impl Into<String>) -> Self {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
        let mut line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
        if line_end > offset && text[..line_end].ends_with('\r') {
            line_end -= 1;
        }
        let line = text[..offset].matches('\n').count() + 1;
        let column = text[line_start..offset].chars().count() + 1;
        let len = text[offset..line_end]
            .find([',', '}', ']'])
            .unwrap_or(line_end - offset)
            .max(1)
            .min(line_end - offset);
        // The line, or a window of it from a little before the problem: at most SNIPPET_MAX bytes.
        let (from, to) = if line_end - line_start <= SNIPPET_MAX {
            (line_start, line_end)
        } else {
            let from =
                floor_char_boundary(text, offset.saturating_sub(SNIPPET_MAX / 3).max(line_start));
            (
                from,
                floor_char_boundary(text, (from + SNIPPET_MAX).min(line_end)),
            )
        };
        let len = len.min(to.saturating_sub(offset));
        YamlError {
            file: file.to_string(),
            line,
            column,
            message: clip_message(&message.into()),
            src: Some(Snippet {
                name: file.to_string(),
                text: text[from..to].to_string(),
                start: from,
                line: line - 1,
                column: text[line_start..from].chars().count(),
            }),
            at: Some(SourceSpan::new(offset.into(), len)),
            help: None,
        }
    }

    /// A problem with the entry that mentions `needle` (first occurrence), or
    /// the start of the file when it cannot be found.
    pub fn at_text(file: &str, text: &str, needle: &str, message: impl Into<String>) -> Self {
        let offset = text.find(needle).unwrap_or(0);
        Self::at_offset(file, text, offset, message)
    }

    /// Adds a help line.
    #[must_use]
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    fn from_serde(file: &str, text: &str, err: &serde_yaml::Error) -> Self {
        let offset = err.location().map_or(0, |l| l.index());
        // serde_yaml appends " at line L column C" to its messages: drop it, we say it ourselves.
        let mut message = err.to_string();
        if let Some(cut) = message.find(" at line ") {
            message.truncate(cut);
        }
        let (message, help) = plain_words(&message);
        let e = Self::at_offset(file, text, offset, message);
        match help {
            Some(h) => e.with_help(h),
            None => e,
        }
    }

    /// `text` is not YAML-looking text (a control character at `offset`):
    /// said without quoting any of it.
    fn not_text(file: &str, text: &str, offset: usize, c: char) -> Self {
        let before = &text[..offset];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        YamlError {
            file: file.to_string(),
            line,
            column,
            message: format!(
                "not a YAML text: control character U+{:04X}; nothing of it is quoted",
                u32::from(c)
            ),
            src: None,
            at: None,
            help: Some("a configuration or lexicon file is YAML text".to_string()),
        }
    }
}

/// A message on one line, in which nothing quoted from the file (between
/// backticks or double quotes) runs longer than [`QUOTE_MAX`] characters,
/// and which is at most four times that long.
fn clip_message(message: &str) -> String {
    let line = message.lines().next().unwrap_or("");
    let mut out = String::with_capacity(line.len().min(4 * QUOTE_MAX + 8));
    let mut quote: Option<(char, usize)> = None;
    for c in line.chars() {
        if out.chars().count() >= 4 * QUOTE_MAX {
            out.push('…');
            break;
        }
        match quote {
            Some((q, _)) if c == q => {
                quote = None;
                out.push(c);
            }
            Some((q, n)) => {
                if n < QUOTE_MAX {
                    out.push(c);
                } else if n == QUOTE_MAX {
                    out.push('…');
                }
                quote = Some((q, n + 1));
            }
            None => {
                if c == '`' || c == '"' {
                    quote = Some((c, 0));
                }
                out.push(c);
            }
        }
    }
    out
}

/// Where `text` has a character no YAML text holds: a control character
/// other than tab, line feed and carriage return (a NUL byte, say, in a
/// binary file or `/proc/self/environ`).
fn control_character(text: &str) -> Option<(usize, char)> {
    text.char_indices()
        .find(|&(_, c)| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{85}'))
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The message for a pattern in a user's file that does not compile: the
/// regex crate's last line (the reason), without its drawing of the pattern.
pub(crate) fn invalid_regex(pattern: &str, e: &regex::Error) -> String {
    let reason = e.to_string();
    let shown = reason.lines().last().unwrap_or("").trim();
    format!("invalid regex `{pattern}`: {shown}")
}

/// Parses `text` (the contents of `file`) as `T`, with errors pointing into it.
pub fn parse<T: DeserializeOwned>(file: &str, text: &str) -> Result<T, YamlError> {
    if let Some((at, c)) = control_character(text) {
        return Err(YamlError::not_text(file, text, at, c));
    }
    // A built-in file: its JSON twin holds the same data and starts faster.
    if let Some(parsed) = embedded::json_of(text).and_then(|j| serde_json::from_str(j).ok()) {
        return Ok(parsed);
    }
    serde_yaml::from_str(text).map_err(|e| YamlError::from_serde(file, text, &e))
}

/// The closest of `known` to `word`, when it is close enough to be a typo
/// (Jaro–Winkler similarity of 0.8 or more, or one edit in a short word).
#[must_use]
pub fn did_you_mean<'a>(word: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    known
        .into_iter()
        .map(|k| (strsim::jaro_winkler(word, k), k))
        .filter(|&(score, k)| score >= 0.8 || strsim::levenshtein(word, k) <= 1)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k)
}

/// The words between backticks in `s`, in order.
fn backticked(s: &str) -> Vec<&str> {
    s.split('`').skip(1).step_by(2).collect()
}

/// serde_yaml's message in a newsroom's words: no Rust type names
/// ("expected struct RuleEntry", "expected u32"), "key" for "field", and a
/// did-you-mean for an unknown key or value. Returns the message and a help line.
fn plain_words(message: &str) -> (String, Option<String>) {
    // "rules.weekday-mismatch: unknown field …": the path prefix says where; keep it.
    let (prefix, body) = match message.find(": ") {
        Some(i) if !message[..i].contains(' ') => message.split_at(i + 2),
        _ => ("", message),
    };
    for (what, noun) in [("unknown field", "key"), ("unknown variant", "value")] {
        if let Some(rest) = body.strip_prefix(what) {
            let words = backticked(rest);
            let Some((bad, expected)) = words.split_first() else {
                break;
            };
            let message = format!("{prefix}unknown {noun} `{bad}`");
            let help = if expected.is_empty() {
                format!("no {noun} is expected here")
            } else {
                let list = expected.join(", ");
                match did_you_mean(bad, expected.iter().copied()) {
                    Some(near) => format!("did you mean `{near}`? the {noun}s here are: {list}"),
                    None => format!("the {noun}s here are: {list}"),
                }
            };
            return (message, Some(help));
        }
    }
    if let Some(rest) = body.strip_prefix("missing field ") {
        return (format!("{prefix}missing key {rest}"), None);
    }
    (format!("{prefix}{}", plain_types(body)), None)
}

/// Rust type names in an "invalid type" message, in plain words.
fn plain_types(body: &str) -> String {
    static TYPES: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let re = TYPES.get_or_init(|| {
        regex::Regex::new(
            r"\b(?:(?:tuple |unit )?struct|enum|(?:untagged|internally tagged|adjacently tagged) enum) [A-Za-z_][A-Za-z0-9_]*|\b(?:u8|u16|u32|u64|u128|usize|i8|i16|i32|i64|i128|isize|f32|f64|a map|map|a sequence|sequence|a boolean|a string|a borrowed string|a char|unit value|unit|option)\b",
        )
        .expect("a fixed pattern")
    });
    // Only what is expected names a type; what was found is YAML's own word.
    let Some(at) = body.rfind("expected ") else {
        return body.to_string();
    };
    let (found, expected) = body.split_at(at);
    let found = found
        .replace("invalid type: map", "invalid type: a mapping")
        .replace("invalid type: sequence", "invalid type: a list");
    let expected = re.replace_all(expected, |c: &regex::Captures<'_>| {
        let m = &c[0];
        let plain = if m.starts_with("tuple struct") || m.ends_with("sequence") {
            "a list"
        } else if m.contains("struct") || m.ends_with("map") {
            "a mapping of keys to values"
        } else if m.contains("enum") {
            "one of the allowed values"
        } else if m.starts_with('f') {
            "a number"
        } else if m.starts_with('u') && m != "unit" && m != "unit value" || m.starts_with('i') {
            "a whole number"
        } else if m == "a boolean" {
            "true or false"
        } else if m.contains("string") || m == "a char" {
            "text"
        } else if m == "option" {
            "a value"
        } else {
            "nothing"
        };
        plain.to_string()
    });
    format!("{found}{expected}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Small {
        name: String,
        count: u32,
    }

    #[test]
    fn unknown_key_points_at_its_line_and_column() {
        let err = parse::<Small>("x.yaml", "name: a\ncount: 2\n  \ncolour: red\n").unwrap_err();
        assert_eq!((err.line, err.column), (4, 1), "{err}");
        assert!(
            err.message.contains("unknown key `colour`"),
            "{}",
            err.message
        );
    }

    #[test]
    fn wrong_type_points_at_the_value() {
        let err = parse::<Small>("x.yaml", "name: a\ncount: many\n").unwrap_err();
        assert_eq!(err.line, 2, "{err}");
        assert!(err.to_string().starts_with("x.yaml:2:"), "{err}");
    }

    /// The report as printed, without colours.
    fn rendered(err: YamlError) -> String {
        let handler =
            miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor());
        let mut out = String::new();
        handler.render_report(&mut out, &err).unwrap();
        out
    }

    #[test]
    fn a_report_quotes_one_line_only() {
        let text = "# secret-1\nname: a\ncount: 2\ncolour: red\n# secret-2\n";
        let out = rendered(parse::<Small>("x.yaml", text).unwrap_err());
        assert!(
            out.contains("colour: red") && out.contains("[x.yaml:4:1]"),
            "{out}"
        );
        assert!(
            !out.contains("count: 2") && !out.contains("secret"),
            "{out}"
        );
    }

    #[test]
    fn a_long_line_is_quoted_in_a_window_and_the_message_clipped() {
        let key = "k".repeat(500);
        let text = format!("name: a\ncount: 2\n{key}{}: 1\n", "z".repeat(500));
        let err = parse::<Small>("x.yaml", &text).unwrap_err();
        assert!(err.message.len() < 200, "{}", err.message);
        assert!(
            err.message.contains(&format!("`{}…`", "k".repeat(40))),
            "{}",
            err.message
        );
        let out = rendered(err);
        assert!(out.lines().all(|l| l.len() < 400), "{out}");
        assert!(!out.contains('z'), "{out}");
        // A window in the middle of a line keeps its column.
        let err = YamlError::at_offset("x.yaml", &text, 17 + 300, "here");
        assert_eq!((err.line, err.column), (3, 301));
        assert!(rendered(err).contains("[x.yaml:3:301]"));
    }

    #[test]
    fn a_file_with_control_characters_is_not_quoted() {
        let err = parse::<Small>("x.yaml", "TOKEN=s3cret\0HOME=/root\0").unwrap_err();
        assert_eq!((err.line, err.column), (1, 13));
        let out = rendered(err);
        assert!(
            out.contains("not a YAML text: control character U+0000"),
            "{out}"
        );
        assert!(!out.contains("s3cret") && !out.contains("TOKEN"), "{out}");
    }

    #[test]
    fn clip_message_clips_quotes_and_keeps_one_line() {
        assert_eq!(clip_message("unknown field `a`\nmore"), "unknown field `a`");
        let long = format!("invalid type: string \"{}\", expected x", "a".repeat(100));
        assert_eq!(
            clip_message(&long),
            format!("invalid type: string \"{}…\", expected x", "a".repeat(40))
        );
    }

    #[test]
    fn serde_messages_are_said_in_plain_words() {
        let (m, help) = plain_words(
            "rules.weekday-mismatch: unknown field `severty`, expected one of `enabled`, `severity`",
        );
        assert_eq!(m, "rules.weekday-mismatch: unknown key `severty`");
        assert_eq!(
            help.as_deref(),
            Some("did you mean `severity`? the keys here are: enabled, severity")
        );
        for (serde, plain) in [
            (
                "rules.x: invalid type: integer `5`, expected struct RuleEntry",
                "rules.x: invalid type: integer `5`, expected a mapping of keys to values",
            ),
            (
                "invalid type: string \"many\", expected u32",
                "invalid type: string \"many\", expected a whole number",
            ),
            (
                "invalid type: string \"x\", expected f64",
                "invalid type: string \"x\", expected a number",
            ),
            (
                "invalid type: integer `7`, expected a sequence",
                "invalid type: integer `7`, expected a list",
            ),
            (
                "invalid type: map, expected a string",
                "invalid type: a mapping, expected text",
            ),
            (
                "invalid type: integer `3`, expected a boolean",
                "invalid type: integer `3`, expected true or false",
            ),
            ("missing field `name`", "missing key `name`"),
        ] {
            assert_eq!(plain_words(serde).0, plain, "{serde}");
        }
    }

    #[test]
    fn did_you_mean_takes_only_a_close_word() {
        let known = ["weekday-mismatch", "unit-conversion", "countdown"];
        assert_eq!(
            did_you_mean("weekday-mismatchh", known),
            Some("weekday-mismatch")
        );
        assert_eq!(
            did_you_mean("unit-conversoin", known),
            Some("unit-conversion")
        );
        assert_eq!(did_you_mean("zebra", known), None);
    }
}
