//! extract (work in progress).
