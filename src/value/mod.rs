//! The arithmetic every pipeline stage shares: numeric intervals, calendar
//! arithmetic and unit conversion.
//!
//! Figures in prose are rarely exact. "About 500", "more than 9", "38,000"
//! (to the nearest thousand) and "the 1990s" each denote a range of values,
//! so reckon carries every figure as an [`Interval`] with open, closed or
//! unbounded ends, and checks claims by asking whether intervals can agree
//! rather than whether numbers are equal. [`calendar`] turns written dates
//! and periods into day ranges and does month-aware date arithmetic;
//! [`units`] converts between units whose factors come from configuration.

pub mod calendar;
pub mod float;
pub mod interval;
pub mod units;

pub use interval::{Bound, Interval};
