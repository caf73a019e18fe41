//! config (work in progress).

pub mod front_matter;
