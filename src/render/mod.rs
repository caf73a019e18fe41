//! Rendering: the views of resolved mentions a person or a tool reads.
//!
//! In: documents with their reference dates and resolved mentions. Out: text
//! on a writer — a table ([`table`]) or JSON ([`json`]). Rendering never
//! changes what was found.

pub mod json;
pub mod table;

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
