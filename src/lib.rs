//! reckon — a linter for the dates and figures in prose.
//!
//! The pipeline runs one way: [`source`] (read a file, mask what is not prose)
//! → [`extract`] (find every date, duration, number and quantity) → [`resolve`]
//! (turn what was written into intervals against a reference date) →
//! [`reading`] (sentences, figures, time points) → [`story`] (what each
//! document claims) → [`check`] (what cannot all be true) → [`render`]
//! (tables, JSON, reports). [`engine`] runs a document set through them, for
//! every face ([`cli`], [`lsp`]); [`timeline`] orders a document set's dated events. [`value`] holds the calendar, interval and unit arithmetic
//! every stage shares; [`config`] is the one place YAML is parsed; [`lexicon`]
//! is the compiled word list the extractor triggers on.

pub mod check;
pub mod cli;
pub mod config;
pub mod engine;
pub mod extract;
pub mod guard;
pub mod lexicon;
pub mod lsp;
pub mod reading;
pub mod render;
pub mod resolve;
pub mod source;
pub mod story;
pub mod timeline;
pub mod value;
