//! Every YAML file reckon reads is parsed here, and only here.
//!
//! In: YAML text and the name of the file it came from. Out: the raw, typed
//! structures of each file kind (lexicon, front matter), or a [`YamlError`] — a
//! miette diagnostic that points at the line and column of the bad entry in
//! that file. Stages after this one never see YAML.

pub mod check;
pub mod front_matter;
pub mod lexicon;

use miette::{Diagnostic, NamedSource, SourceSpan};
use serde::de::DeserializeOwned;

/// A YAML file that could not be read as the kind of file it should be:
/// unknown key, wrong type, invalid value. Points into the file.
#[derive(Debug, thiserror::Error, Diagnostic)]
#[error("{file}:{line}:{column}: {message}")]
#[diagnostic(code(reckon::config::invalid_yaml))]
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
    src: NamedSource<String>,
    #[label("here")]
    at: SourceSpan,
    #[help]
    help: Option<String>,
}

impl YamlError {
    /// A problem at byte `offset` of `text` (the whole file).
    pub fn at_offset(file: &str, text: &str, offset: usize, message: impl Into<String>) -> Self {
        let offset = offset.min(text.len());
        let before = &text[..floor_char_boundary(text, offset)];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        let len = text[offset..]
            .find(['\n', ',', '}', ']'])
            .unwrap_or(text.len() - offset)
            .max(1)
            .min(text.len().saturating_sub(offset));
        YamlError {
            file: file.to_string(),
            line,
            column,
            message: message.into(),
            src: NamedSource::new(file, text.to_string()),
            at: SourceSpan::new(offset.into(), len),
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
        Self::at_offset(file, text, offset, message)
    }
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
    serde_yaml::from_str(text).map_err(|e| YamlError::from_serde(file, text, &e))
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
            err.message.contains("unknown field `colour`"),
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
}
