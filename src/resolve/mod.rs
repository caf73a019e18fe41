//! resolve (work in progress).
