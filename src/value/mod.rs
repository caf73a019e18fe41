//! value (work in progress).
