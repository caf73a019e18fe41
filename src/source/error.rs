//! Errors of the source stage: each one sentence naming the input, with a
//! help line; no internal code as a heading, no cause printed twice.

use miette::Diagnostic;
use thiserror::Error;

/// Why an input could not be read as a document.
#[derive(Debug, Error, Diagnostic)]
pub enum SourceError {
    /// The file (or standard input) could not be read.
    #[error("{path}: cannot read: {cause}")]
    #[diagnostic(help("check that the path exists and is a readable file"))]
    Io {
        /// Display name of the input.
        path: String,
        /// The underlying I/O error (in the message, not repeated as a cause).
        cause: std::io::Error,
    },

    /// The input is not valid UTF-8.
    #[error("{path}:{line}:{column}: not valid UTF-8 (byte {byte_offset})")]
    #[diagnostic(
        code(reckon::source::not_utf8),
        help("reckon reads UTF-8 only; convert the file first (e.g. `iconv -f LATIN1 -t UTF-8`)")
    )]
    NotUtf8 {
        /// Display name of the input.
        path: String,
        /// Offset of the first byte that is not part of valid UTF-8.
        byte_offset: usize,
        /// 1-based line of that byte.
        line: usize,
        /// 1-based column (in characters) of that byte.
        column: usize,
    },

    /// The input has a NUL byte in its first 8 KiB.
    #[error("{path}: looks like a binary file (NUL byte in the first 8 KiB)")]
    #[diagnostic(help("reckon lints text and Markdown; leave binary files out of its inputs"))]
    Binary {
        /// Display name of the input.
        path: String,
    },

    /// The path is not a regular file (a FIFO, a device, a socket, a folder):
    /// refused before it is opened, so a FIFO cannot block and a device cannot
    /// stream forever.
    #[error("{path}: not a regular file ({kind}); skipped")]
    #[diagnostic(help("reckon reads regular files and standard input (`-`) only"))]
    NotAFile {
        /// Display name of the input.
        path: String,
        /// What it is instead: "a FIFO", "a character device", …
        kind: &'static str,
    },

    /// The input is larger than the limit.
    #[error("{path}: larger than the limit of {limit} bytes; skipped")]
    #[diagnostic(
        help("documents are limited by `--max-file-size` (default 256 MiB), lexicon and configuration files to 16 MiB")
    )]
    TooLarge {
        /// Display name of the input.
        path: String,
        /// The limit, in bytes.
        limit: u64,
    },
}
