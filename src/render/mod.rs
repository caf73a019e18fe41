//! Rendering: the views of resolved mentions a person or a tool reads.
//!
//! In: documents with their reference dates and resolved mentions (for
//! `extract`: [`table`], [`json`]) or findings (for `check`: [`human`],
//! [`concise`], [`findings_json`], [`sarif`], [`github`], [`gitlab`],
//! [`junit`], [`statistics`]). Out: text. Rendering never changes what was found.

pub mod concise;
pub mod findings_json;
pub mod github;
pub mod gitlab;
pub mod human;
pub mod json;
pub mod junit;
pub mod sarif;
pub mod statistics;
pub mod table;
mod window;

use crate::resolve::{Reference, Resolved};
use crate::source::Document;

/// One document's extraction results, as the renderers take them.
pub struct DocResult<'a> {
    /// The document.
    pub doc: &'a Document,
    /// Its reference date.
    pub reference: Reference,
    /// Its mentions, resolved.
    pub mentions: Vec<Resolved>,
}
