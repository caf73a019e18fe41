//! The source stage: read an input and say which of its bytes are prose.
//!
//! **Input:** a path, standard input, or a string already in memory.
//!
//! **Output:** a [`Document`] holding the original `text` exactly as read and
//! a `prose` mask of the same byte length, in which every byte that is not
//! prose is replaced by a space (newlines are kept). The mask is valid UTF-8
//! and every offset in `prose` is the same offset in `text`, so the extract
//! stage scans `prose` and reports positions against `text`.
//!
//! What counts as prose depends on the [`Format`]:
//!
//! * [`Format::Text`]: everything except URLs and email addresses.
//! * [`Format::Markdown`]: the text of paragraphs, headings, list items,
//!   block quotes, table cells, emphasis, link text and image alt text —
//!   not code (fenced, indented or inline), HTML (blocks, inline, comments),
//!   autolinks, link destinations, reference definitions, bare URLs, or the
//!   markup characters themselves.
//!
//! In both formats a leading byte order mark and any front matter (`---`
//! YAML or `+++` TOML, see [`crate::config::front_matter`]) are masked; the
//! front matter's date, if any, is kept in [`Document::front_matter`].
//!
//! Reading fails ([`SourceError`]) on I/O errors, on input that is not UTF-8,
//! on input that looks binary (a NUL byte in its first 8 KiB), on a path that
//! is not a regular file (refused before it is opened: a FIFO would block, a
//! device stream forever) and on input larger than a limit ([`read_bounded`];
//! a file a folder walk listed as regular is looked at only once opened,
//! [`read_listed`]).

mod error;
mod line_index;
mod mask;

use std::io::Read;
use std::path::Path;
use std::sync::Arc;

pub use crate::config::front_matter::{FrontMatter, FrontMatterKind};
pub use error::SourceError;
pub use line_index::{LineCursor, LineIndex};
pub use mask::link_like_ranges;

/// The default size limit of a document, in bytes (`--max-file-size`).
pub const MAX_DOCUMENT_SIZE: u64 = 256 << 20;

/// The size limit of a lexicon or configuration file, in bytes.
pub const MAX_CONFIG_SIZE: u64 = 16 << 20;

/// How many leading bytes are checked for a NUL byte.
const BINARY_SNIFF_LEN: usize = 8 * 1024;

const BOM: &str = "\u{feff}";

/// The syntax a document is read in.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Plain text: everything is prose but URLs and email addresses.
    #[default]
    Text,
    /// CommonMark with tables, footnotes and strikethrough.
    Markdown,
}

impl Format {
    /// `.md`, `.markdown` and `.mdx` (any case) are Markdown; everything else
    /// is Text.
    pub fn from_path(path: &Path) -> Format {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase());
        match ext.as_deref() {
            Some("md" | "markdown" | "mdx") => Format::Markdown,
            _ => Format::Text,
        }
    }
}

/// A document read by the source stage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// Display name: the path as given, the `--stdin-filename`, or `<stdin>`.
    pub name: String,
    /// The original text, exactly as read (a byte order mark included).
    pub text: Arc<String>,
    /// Same byte length as `text`; every byte that is not prose is a space,
    /// newlines are kept. The same allocation as `text` when every byte is
    /// prose (most plain-text files): a long file is held once, not twice.
    pub prose: Arc<String>,
    /// The syntax the prose mask was computed for.
    pub format: Format,
    /// The front matter block, if the document starts with one.
    pub front_matter: Option<FrontMatter>,
}

impl Document {
    /// Build a document from text already in memory. Never fails.
    pub fn from_text(name: impl Into<String>, text: String, format: Format) -> Document {
        let front_matter = crate::config::front_matter::detect(&text);
        let mut skip = Vec::new();
        let mut body_start = 0;
        if text.starts_with(BOM) {
            skip.push(0..BOM.len());
            body_start = BOM.len();
        }
        if let Some(fm) = &front_matter {
            skip.push(fm.span.clone());
            body_start = fm.span.end;
        }
        let prose = match format {
            Format::Text => mask::text_prose_masked(&text, &skip),
            Format::Markdown => Some(mask::markdown_prose(&text, body_start, &skip)),
        };
        // `Arc<String>`, not `Arc<str>`: wrapping a `String` copies no bytes.
        let text = Arc::new(text);
        let prose = prose.map_or_else(|| Arc::clone(&text), Arc::new);
        Document {
            name: name.into(),
            text,
            prose,
            format,
            front_matter,
        }
    }

    /// Build a document from raw bytes, checking that they are text.
    pub fn from_bytes(
        name: impl Into<String>,
        bytes: Vec<u8>,
        format: Format,
    ) -> Result<Document, SourceError> {
        let name = name.into();
        let sniff = &bytes[..bytes.len().min(BINARY_SNIFF_LEN)];
        if sniff.contains(&0) {
            return Err(SourceError::Binary { path: name });
        }
        match String::from_utf8(bytes) {
            Ok(text) => Ok(Document::from_text(name, text, format)),
            Err(e) => {
                let bytes = e.as_bytes();
                let offset = e.utf8_error().valid_up_to();
                let (line, column) = line_column(bytes, offset);
                Err(SourceError::NotUtf8 {
                    path: name,
                    byte_offset: offset,
                    line,
                    column,
                })
            }
        }
    }

    /// Read a file (at most [`MAX_DOCUMENT_SIZE`] bytes); its format comes
    /// from its extension.
    pub fn read(path: &Path) -> Result<Document, SourceError> {
        Document::read_limited(path, MAX_DOCUMENT_SIZE)
    }

    /// Read a regular file of at most `limit` bytes ([`read_bounded`]); its
    /// format comes from its extension.
    pub fn read_limited(path: &Path, limit: u64) -> Result<Document, SourceError> {
        let bytes = read_bounded(path, limit)?;
        Document::from_bytes(path.display().to_string(), bytes, Format::from_path(path))
    }

    /// [`Document::read_limited`] for a file a folder walk listed as a regular
    /// file ([`read_listed`]).
    pub fn read_listed(path: &Path, limit: u64) -> Result<Document, SourceError> {
        let bytes = read_listed(path, limit)?;
        Document::from_bytes(path.display().to_string(), bytes, Format::from_path(path))
    }

    /// Read standard input (at most [`MAX_DOCUMENT_SIZE`] bytes).
    pub fn read_stdin(name: Option<&str>) -> Result<Document, SourceError> {
        Document::read_stdin_limited(name, MAX_DOCUMENT_SIZE)
    }

    /// Read standard input, at most `limit` bytes. `name` (from
    /// `--stdin-filename`) is the display name and decides the format; without
    /// it the name is `<stdin>` and the format Text.
    pub fn read_stdin_limited(name: Option<&str>, limit: u64) -> Result<Document, SourceError> {
        let display = name.unwrap_or("<stdin>").to_string();
        let bytes = read_to_limit(std::io::stdin().lock(), &display, limit)?;
        let format = name.map_or(Format::Text, |n| Format::from_path(Path::new(n)));
        Document::from_bytes(display, bytes, format)
    }
}

/// The bytes of the regular file at `path`, at most `limit` of them.
///
/// The path's metadata (symbolic links followed) is looked at before the file
/// is opened: anything but a regular file is refused unopened
/// ([`SourceError::NotAFile`]), and so is a file whose size is over the limit
/// ([`SourceError::TooLarge`]). The opened file is looked at again (the path
/// may have been replaced in between; on Linux it is opened non-blocking, so
/// a FIFO swapped in cannot block the open either), and the read stops after
/// `limit + 1` bytes, so a file that grows cannot pass the limit.
pub fn read_bounded(path: &Path, limit: u64) -> Result<Vec<u8>, SourceError> {
    read_regular(path, limit, true)
}

/// [`read_bounded`] for a file a folder walk listed as a regular file: the
/// path is not looked at before the open (a look that costs as much as the
/// open itself, a tenth of a second on a hundred thousand files). The opened
/// file is still looked at, so a file replaced since the walk by anything but
/// a regular file, or grown past the limit, is refused all the same.
pub fn read_listed(path: &Path, limit: u64) -> Result<Vec<u8>, SourceError> {
    read_regular(path, limit, false)
}

fn read_regular(path: &Path, limit: u64, look_first: bool) -> Result<Vec<u8>, SourceError> {
    let name = path.display().to_string();
    let io = |cause| SourceError::Io {
        path: name.clone(),
        cause,
    };
    let check = |meta: &std::fs::Metadata| {
        if !meta.is_file() {
            return Err(SourceError::NotAFile {
                path: name.clone(),
                kind: file_kind(meta),
            });
        }
        if meta.len() > limit {
            return Err(SourceError::TooLarge {
                path: name.clone(),
                limit,
            });
        }
        Ok(())
    };
    if look_first {
        check(&std::fs::metadata(path).map_err(io)?)?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(all(
        target_os = "linux",
        any(
            target_arch = "x86_64",
            target_arch = "x86",
            target_arch = "aarch64",
            target_arch = "arm",
            target_arch = "riscv64"
        )
    ))]
    {
        use std::os::unix::fs::OpenOptionsExt;
        /// `O_NONBLOCK` on these targets; reads of a regular file ignore it.
        const O_NONBLOCK: i32 = 0o4000;
        options.custom_flags(O_NONBLOCK);
    }
    let file = options.open(path).map_err(io)?;
    let meta = file.metadata().map_err(io)?;
    check(&meta)?;
    // Sized once from the file's length: one read, not a growing buffer.
    let hint = usize::try_from(meta.len()).unwrap_or(0).saturating_add(1);
    read_to_limit_sized(file, &name, limit, hint)
}

/// At most `limit` bytes of `reader`; more is [`SourceError::TooLarge`].
fn read_to_limit(reader: impl Read, name: &str, limit: u64) -> Result<Vec<u8>, SourceError> {
    read_to_limit_sized(reader, name, limit, 0)
}

/// [`read_to_limit`] into a buffer made for `hint` bytes.
fn read_to_limit_sized(
    reader: impl Read,
    name: &str,
    limit: u64,
    hint: usize,
) -> Result<Vec<u8>, SourceError> {
    let mut bytes = Vec::with_capacity(hint.min(usize::try_from(limit).unwrap_or(usize::MAX)));
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|cause| SourceError::Io {
            path: name.to_string(),
            cause,
        })?;
    if bytes.len() as u64 > limit {
        return Err(SourceError::TooLarge {
            path: name.to_string(),
            limit,
        });
    }
    Ok(bytes)
}

/// The text of the lexicon or configuration file at `path`: a regular file of
/// at most [`MAX_CONFIG_SIZE`] bytes, in UTF-8.
pub fn read_config_text(path: &Path) -> Result<String, SourceError> {
    let bytes = read_bounded(path, MAX_CONFIG_SIZE)?;
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let (line, column) = line_column(e.as_bytes(), offset);
        SourceError::NotUtf8 {
            path: path.display().to_string(),
            byte_offset: offset,
            line,
            column,
        }
    })
}

/// What a path that is not a regular file is, for messages.
fn file_kind(meta: &std::fs::Metadata) -> &'static str {
    if meta.is_dir() {
        return "a folder";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a FIFO";
        } else if t.is_char_device() {
            return "a character device";
        } else if t.is_block_device() {
            return "a block device";
        } else if t.is_socket() {
            return "a socket";
        }
    }
    "a special file"
}

/// 1-based line and column (in characters) of byte `offset`, which must be
/// the end of the valid UTF-8 prefix of `bytes`.
fn line_column(bytes: &[u8], offset: usize) -> (usize, usize) {
    let prefix = &bytes[..offset.min(bytes.len())];
    let line = prefix.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = prefix
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let column = std::str::from_utf8(&prefix[line_start..])
        .map_or(prefix.len() - line_start, |s| s.chars().count())
        + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::mask::tests::blank_out;
    use super::*;
    use chrono::NaiveDate;
    use proptest::prelude::*;
    use std::path::PathBuf;

    fn md(s: &str) -> Document {
        Document::from_text("t.md", s.to_string(), Format::Markdown)
    }

    fn txt(s: &str) -> Document {
        Document::from_text("t.txt", s.to_string(), Format::Text)
    }

    /// A file listed by a walk is opened without a look at its path first;
    /// what the open gives is still looked at. A FIFO swapped in since the
    /// walk neither blocks nor is read, nor is a folder, nor a file over the limit.
    #[cfg(target_os = "linux")]
    #[test]
    fn a_listed_file_that_is_no_longer_a_regular_file_is_refused_after_the_open() {
        let dir = std::env::temp_dir().join(format!("reckon-listed-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let fifo = dir.join("swapped.md");
        let _ = std::fs::remove_file(&fifo);
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        let file = dir.join("plain.md");
        std::fs::write(&file, "Filed on March 3, 2025.\n").unwrap();
        let refused = |r: Result<Vec<u8>, SourceError>| match r {
            Err(SourceError::NotAFile { kind, .. }) => kind,
            other => panic!("not refused as no regular file: {other:?}"),
        };
        assert_eq!(refused(read_listed(&fifo, 1 << 20)), "a FIFO");
        assert_eq!(refused(read_listed(&dir, 1 << 20)), "a folder");
        assert!(matches!(
            read_listed(&file, 4),
            Err(SourceError::TooLarge { limit: 4, .. })
        ));
        assert_eq!(
            read_listed(&file, 1 << 20).unwrap(),
            read_bounded(&file, 1 << 20).unwrap()
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// A file in a fresh temporary directory, removed on drop.
    struct TempFile(PathBuf);

    impl TempFile {
        fn new(name: &str, bytes: &[u8]) -> TempFile {
            let dir = std::env::temp_dir().join(format!(
                "reckon-source-test-{}-{}",
                std::process::id(),
                name
            ));
            std::fs::create_dir_all(&dir).unwrap();
            let path = dir.join(name);
            std::fs::write(&path, bytes).unwrap();
            TempFile(path)
        }
    }

    impl Drop for TempFile {
        fn drop(&mut self) {
            if let Some(dir) = self.0.parent() {
                let _ = std::fs::remove_dir_all(dir);
            }
        }
    }

    #[test]
    fn format_from_extension() {
        assert_eq!(Format::from_path(Path::new("a.md")), Format::Markdown);
        assert_eq!(Format::from_path(Path::new("a.MARKDOWN")), Format::Markdown);
        assert_eq!(Format::from_path(Path::new("a.mdx")), Format::Markdown);
        assert_eq!(Format::from_path(Path::new("a.txt")), Format::Text);
        assert_eq!(Format::from_path(Path::new("README")), Format::Text);
        assert_eq!(Format::from_path(Path::new("a.rst")), Format::Text);
    }

    #[test]
    fn date_in_code_fence_masked() {
        let d = md("On 2024-05-01:\n\n```\n2023-01-01\n```\n");
        assert!(d.prose.contains("2024-05-01") && !d.prose.contains("2023"));
    }

    #[test]
    fn date_in_inline_code_masked() {
        let s = "in `2023` and 2024";
        assert_eq!(md(s).prose.as_str(), blank_out(s, &["`2023`"]));
    }

    #[test]
    fn link_text_kept_link_target_masked() {
        assert_eq!(md("[May 2024](/2023)").prose.as_str(), " May 2024        ");
    }

    #[test]
    fn autolink_masked() {
        assert_eq!(md("<http://a.b/2024>").prose.as_str(), " ".repeat(17));
    }

    #[test]
    fn html_comment_masked() {
        let s = "x <!-- 2024 --> y";
        assert_eq!(md(s).prose.as_str(), blank_out(s, &["<!-- 2024 -->"]));
    }

    #[test]
    fn heading_text_kept() {
        assert_eq!(md("# Q3 2024\n").prose.as_str(), "  Q3 2024\n");
    }

    #[test]
    fn url_in_text_masked_trailing_period_prose() {
        assert_eq!(
            txt("See https://a.org/2024.").prose.as_str(),
            "See                   ."
        );
    }

    #[test]
    fn front_matter_date_parsed_and_masked() {
        for format in [Format::Text, Format::Markdown] {
            let text = "---\ndate: 2025-01-07\n---\nIn 2024.\n";
            let d = Document::from_text("x", text.to_string(), format);
            let fm = d.front_matter.as_ref().unwrap();
            assert_eq!(fm.date, NaiveDate::from_ymd_opt(2025, 1, 7));
            assert_eq!(fm.span, 0.."---\ndate: 2025-01-07\n---\n".len());
            assert_eq!(
                d.prose.as_str(),
                blank_out(text, &["---\ndate: 2025-01-07\n---\n"])
            );
        }
    }

    #[test]
    fn toml_front_matter_masked() {
        let d = md("+++\ndate = 2025-01-07\n+++\n# Hi\n");
        let expected = blank_out(&d.text, &["+++\ndate = 2025-01-07\n+++\n# "]);
        assert_eq!(d.prose.as_str(), expected);
        assert!(d.front_matter.unwrap().date.is_some());
    }

    #[test]
    fn bom_kept_in_text_masked_in_prose() {
        let d = txt("\u{feff}Hello");
        assert!(d.text.starts_with('\u{feff}'));
        assert_eq!(d.prose.as_str(), "   Hello");
        let d = md("\u{feff}# Hello");
        assert_eq!(d.prose.as_str(), "     Hello");
    }

    #[test]
    fn read_file() {
        let f = TempFile::new("notes.md", b"# In `2023` 2024\n");
        let d = Document::read(&f.0).unwrap();
        assert_eq!(d.format, Format::Markdown);
        assert_eq!(d.name, f.0.display().to_string());
        assert_eq!(d.prose.as_str(), "  In        2024\n");
    }

    #[test]
    fn not_utf8_error_names_file_and_place() {
        let f = TempFile::new("bad.txt", b"ok\nab\xffc\n");
        let err = Document::read(&f.0).unwrap_err();
        let msg = err.to_string();
        let expected = format!("{}:2:3: not valid UTF-8 (byte 5)", f.0.display());
        assert_eq!(msg, expected);
        match err {
            SourceError::NotUtf8 {
                byte_offset,
                line,
                column,
                ..
            } => assert_eq!((byte_offset, line, column), (5, 2, 3)),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn not_utf8_column_counts_chars() {
        let err = Document::from_bytes("x", b"\xc3\xa9\xc3".to_vec(), Format::Text).unwrap_err();
        assert_eq!(err.to_string(), "x:1:2: not valid UTF-8 (byte 2)");
    }

    #[test]
    fn binary_file_error() {
        let f = TempFile::new("img.md", b"PNG\0\x01\x02");
        let err = Document::read(&f.0).unwrap_err();
        assert!(matches!(err, SourceError::Binary { .. }));
        assert!(err.to_string().contains(&f.0.display().to_string()));
    }

    #[test]
    fn missing_file_io_error() {
        let err = Document::read(Path::new("/nonexistent/reckon/x.md")).unwrap_err();
        assert!(matches!(err, SourceError::Io { .. }));
        assert!(err.to_string().contains("/nonexistent/reckon/x.md"));
    }

    #[test]
    fn diagnostics_have_help_and_no_internal_code() {
        use miette::Diagnostic;
        let err = Document::from_bytes("x", vec![0], Format::Text).unwrap_err();
        // A newsroom reader sees the sentence and the help, not `reckon::source::binary`.
        assert!(err.code().is_none());
        assert!(err.help().is_some());
        // The cause of an unreadable file is said once, in the sentence.
        let err = Document::read(Path::new("/nonexistent/reckon/x.md")).unwrap_err();
        assert!(std::error::Error::source(&err).is_none(), "{err}");
    }

    /// Fragments that exercise Markdown's corners, mixed with arbitrary text.
    fn fragment() -> impl Strategy<Value = String> {
        prop_oneof![
            3 => any::<String>(),
            1 => "\\PC{0,8}",
            4 => prop::sample::select(vec![
                "---\n", "+++\n", "...\n", "```\n", "~~~", "    ", "\n", "\r\n", "`", "``",
                "<!--", "-->", "<", ">", "[", "]", "(", ")", "](", "![", "[^1]", "[^1]: ",
                "[x]: ", "http://", "https://a.b/", "www.", "@", "a@b.co", "&amp;", "&#x1F600;",
                "\\", "*", "_", "**", "~~", "#", "- ", "1. ", "> ", "|", "|---|", "\t",
                "\u{feff}", "é", "\u{1F600}", "\u{0301}", "date: 2025-01-07\n", "\0",
                "<div>", "</div>", "<span>", "- [ ] ", "\u{2028}",
            ])
            .prop_map(str::to_string),
        ]
    }

    fn document_text() -> impl Strategy<Value = String> {
        prop::collection::vec(fragment(), 0..40).prop_map(|v| v.concat())
    }

    fn check_mask(d: &Document) {
        let (text, prose) = (&d.text, &d.prose);
        assert_eq!(prose.len(), text.len());
        let (t, p) = (text.as_bytes(), prose.as_bytes());
        for (i, c) in text.char_indices() {
            let r = i..i + c.len_utf8();
            let kept = t[r.clone()] == p[r.clone()];
            let masked = p[r.clone()]
                .iter()
                .all(|&b| b == b' ' || (b == b'\n' && c == '\n'));
            assert!(kept || masked, "char {c:?} at {i} partly masked");
            if c == '\n' {
                assert_eq!(p[i], b'\n', "newline at {i} not kept");
            }
            if kept {
                assert!(prose.is_char_boundary(r.start) && prose.is_char_boundary(r.end));
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn mask_invariants_markdown(s in document_text()) {
            check_mask(&md(&s));
        }

        #[test]
        fn mask_invariants_text(s in document_text()) {
            check_mask(&txt(&s));
        }

        #[test]
        fn mask_invariants_arbitrary_unicode(s in any::<String>()) {
            check_mask(&md(&s));
            check_mask(&txt(&s));
        }

        #[test]
        fn from_bytes_never_panics(b in prop::collection::vec(any::<u8>(), 0..200)) {
            let _ = Document::from_bytes("x.md", b.clone(), Format::Markdown);
            let _ = Document::from_bytes("x.txt", b, Format::Text);
        }
    }
}
