//! Numeric intervals with open, closed or unbounded ends.
//!
//! Every figure reckon reads is a set of values, not a single number: "about
//! 500" is somewhere around 500, "more than 9" excludes 9 itself, "at least 3"
//! has no upper end. [`Interval`] carries exactly that information so that
//! arithmetic on figures (sums, differences, unit conversions) keeps track of
//! what the writer actually committed to.
//!
//! Empty intervals are representable (e.g. `(3, 3)`); operations on an empty
//! operand return an empty interval, and [`Interval::intersection`] reports
//! emptiness as `None`.

use std::fmt;

/// One end of an [`Interval`]: a value and whether the value itself belongs
/// to the interval.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Bound {
    /// Where the interval ends.
    pub value: f64,
    /// `true` for a closed end (`[`/`]`), `false` for an open one (`(`/`)`).
    pub inclusive: bool,
}

impl Bound {
    /// A closed end at `value`.
    #[must_use]
    pub const fn closed(value: f64) -> Self {
        Self {
            value,
            inclusive: true,
        }
    }

    /// An open end at `value`.
    #[must_use]
    pub const fn open(value: f64) -> Self {
        Self {
            value,
            inclusive: false,
        }
    }
}

/// A set of real numbers between two ends, each of which may be closed, open
/// or absent (unbounded).
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Interval {
    /// Lower end; `None` means unbounded below (−∞).
    pub lo: Option<Bound>,
    /// Upper end; `None` means unbounded above (+∞).
    pub hi: Option<Bound>,
}

/// An end in extended-real form, used internally by the arithmetic: the lower
/// end of an unbounded interval is `-inf`, the upper end `+inf`, never
/// inclusive.
#[derive(Clone, Copy, Debug)]
struct End {
    value: f64,
    inclusive: bool,
}

impl End {
    fn lo(b: Option<Bound>) -> Self {
        b.map_or(
            Self {
                value: f64::NEG_INFINITY,
                inclusive: false,
            },
            |b| Self {
                value: b.value,
                inclusive: b.inclusive,
            },
        )
    }

    fn hi(b: Option<Bound>) -> Self {
        b.map_or(
            Self {
                value: f64::INFINITY,
                inclusive: false,
            },
            |b| Self {
                value: b.value,
                inclusive: b.inclusive,
            },
        )
    }

    /// Product of two ends of non-empty intervals. `0 × ±∞` is taken as 0:
    /// the zero end is then either attained (so the product 0 is attained) or
    /// approached, and in both cases the other corners of the product box
    /// supply the true extremes.
    fn mul(self, other: Self) -> Self {
        let value = if self.value == 0.0 || other.value == 0.0 {
            0.0
        } else {
            self.value * other.value
        };
        // A product of two ends is attained when both ends are; a product of
        // zero is attained whenever the zero end is, whatever the other factor.
        let zero_attained = |e: Self| e.value == 0.0 && e.inclusive;
        let inclusive =
            (self.inclusive && other.inclusive) || zero_attained(self) || zero_attained(other);
        Self { value, inclusive }
    }

    fn into_lo(self) -> Option<Bound> {
        (self.value != f64::NEG_INFINITY).then_some(Bound {
            value: self.value,
            inclusive: self.inclusive,
        })
    }

    fn into_hi(self) -> Option<Bound> {
        (self.value != f64::INFINITY).then_some(Bound {
            value: self.value,
            inclusive: self.inclusive,
        })
    }
}

/// Whether the merge of two same-side ends with equal values is closed:
/// with `all`, only if both are (intersection); otherwise if either is (hull).
fn tie_inclusive(a: Bound, b: Bound, all: bool) -> bool {
    if all {
        a.inclusive && b.inclusive
    } else {
        a.inclusive || b.inclusive
    }
}

impl Interval {
    /// The single value `x`, `[x, x]`: an exact figure such as a date's year.
    #[must_use]
    pub const fn point(x: f64) -> Self {
        Self::closed(x, x)
    }

    /// `[a, b]`: both ends attained, as in "between 3 and 5 inclusive".
    #[must_use]
    pub const fn closed(a: f64, b: f64) -> Self {
        Self {
            lo: Some(Bound::closed(a)),
            hi: Some(Bound::closed(b)),
        }
    }

    /// `(a, b)`: neither end attained, as in "strictly between".
    #[must_use]
    pub const fn open(a: f64, b: f64) -> Self {
        Self {
            lo: Some(Bound::open(a)),
            hi: Some(Bound::open(b)),
        }
    }

    /// `[x, ∞)`: "at least x".
    #[must_use]
    pub const fn at_least(x: f64) -> Self {
        Self {
            lo: Some(Bound::closed(x)),
            hi: None,
        }
    }

    /// `(x, ∞)`: "more than x".
    #[must_use]
    pub const fn more_than(x: f64) -> Self {
        Self {
            lo: Some(Bound::open(x)),
            hi: None,
        }
    }

    /// `(−∞, x]`: "at most x".
    #[must_use]
    pub const fn at_most(x: f64) -> Self {
        Self {
            lo: None,
            hi: Some(Bound::closed(x)),
        }
    }

    /// `(−∞, x)`: "less than x".
    #[must_use]
    pub const fn less_than(x: f64) -> Self {
        Self {
            lo: None,
            hi: Some(Bound::open(x)),
        }
    }

    /// `(−∞, ∞)`: nothing is known about the value.
    #[must_use]
    pub const fn unbounded() -> Self {
        Self { lo: None, hi: None }
    }

    /// A canonical empty interval, `(0, 0)`; what arithmetic on an empty
    /// operand returns. Compare emptiness with [`Interval::is_empty`], not `==`.
    #[must_use]
    pub const fn empty() -> Self {
        Self::open(0.0, 0.0)
    }

    /// The closed interval `[x − precision/2, x + precision/2]`.
    ///
    /// This is how an unhedged written count carries its rounding: "38,000
    /// people" written to the nearest thousand means 37,500..=38,500.
    #[must_use]
    pub fn round_to_precision(x: f64, precision: f64) -> Self {
        let half = precision.abs() / 2.0;
        Self::closed(x - half, x + half)
    }

    /// Whether no number lies in the interval (ends crossed, a degenerate end
    /// that is open, or a NaN end). Needed because constructors accept any
    /// ends and arithmetic may produce empty sets.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        if self.lo.is_some_and(|b| b.value.is_nan()) || self.hi.is_some_and(|b| b.value.is_nan()) {
            return true;
        }
        match (self.lo, self.hi) {
            (Some(l), Some(h)) => {
                l.value > h.value || (l.value == h.value && !(l.inclusive && h.inclusive))
            }
            _ => false,
        }
    }

    /// Whether `x` lies in the interval, honouring open ends. NaN is never
    /// contained.
    #[must_use]
    pub fn contains(&self, x: f64) -> bool {
        if x.is_nan() || self.is_empty() {
            return false;
        }
        let lo_ok = self
            .lo
            .is_none_or(|b| x > b.value || (x == b.value && b.inclusive));
        let hi_ok = self
            .hi
            .is_none_or(|b| x < b.value || (x == b.value && b.inclusive));
        lo_ok && hi_ok
    }

    /// Whether the two intervals share at least one number: the test for
    /// "these two figures can agree".
    #[must_use]
    pub fn intersects(&self, other: &Self) -> bool {
        self.intersection(other).is_some()
    }

    /// The numbers in both intervals, or `None` when there are none.
    #[must_use]
    pub fn intersection(&self, other: &Self) -> Option<Self> {
        let lo = match (self.lo, other.lo) {
            (None, b) | (b, None) => b,
            (Some(a), Some(b)) => Some(if a.value > b.value {
                a
            } else if b.value > a.value {
                b
            } else {
                Bound {
                    value: a.value,
                    inclusive: tie_inclusive(a, b, true),
                }
            }),
        };
        let hi = match (self.hi, other.hi) {
            (None, b) | (b, None) => b,
            (Some(a), Some(b)) => Some(if a.value < b.value {
                a
            } else if b.value < a.value {
                b
            } else {
                Bound {
                    value: a.value,
                    inclusive: tie_inclusive(a, b, true),
                }
            }),
        };
        let out = Self { lo, hi };
        (!self.is_empty() && !other.is_empty() && !out.is_empty()).then_some(out)
    }

    /// The smallest interval containing both (not their union: any gap
    /// between them is filled). Used to merge readings of an ambiguous
    /// figure. An empty operand is ignored.
    #[must_use]
    pub fn hull(&self, other: &Self) -> Self {
        if self.is_empty() {
            return *other;
        }
        if other.is_empty() {
            return *self;
        }
        let lo = match (self.lo, other.lo) {
            (None, _) | (_, None) => None,
            (Some(a), Some(b)) => Some(if a.value < b.value {
                a
            } else if b.value < a.value {
                b
            } else {
                Bound {
                    value: a.value,
                    inclusive: tie_inclusive(a, b, false),
                }
            }),
        };
        let hi = match (self.hi, other.hi) {
            (None, _) | (_, None) => None,
            (Some(a), Some(b)) => Some(if a.value > b.value {
                a
            } else if b.value > a.value {
                b
            } else {
                Bound {
                    value: a.value,
                    inclusive: tie_inclusive(a, b, false),
                }
            }),
        };
        Self { lo, hi }
    }

    /// `{x + y}` for `x` in `self`, `y` in `other`: the range of a sum of two
    /// uncertain figures. An end is closed only if both contributing ends are.
    #[must_use]
    pub fn add(&self, other: &Self) -> Self {
        if self.is_empty() || other.is_empty() {
            return Self::empty();
        }
        let sum = |a: Option<Bound>, b: Option<Bound>| {
            a.zip(b).map(|(a, b)| Bound {
                value: a.value + b.value,
                inclusive: a.inclusive && b.inclusive,
            })
        };
        Self {
            lo: sum(self.lo, other.lo),
            hi: sum(self.hi, other.hi),
        }
    }

    /// `{x − y}` for `x` in `self`, `y` in `other`: e.g. the age between two
    /// uncertain years.
    #[must_use]
    pub fn sub(&self, other: &Self) -> Self {
        self.add(&other.scale(-1.0))
    }

    /// `{x · y}` for `x` in `self`, `y` in `other`, sign-aware and correct for
    /// unbounded and open ends: the extremes of a product lie at products of
    /// the operands' ends, and an end of the result is closed when some
    /// corner attaining it is made of closed ends (or of a closed zero end).
    #[must_use]
    pub fn mul(&self, other: &Self) -> Self {
        if self.is_empty() || other.is_empty() {
            return Self::empty();
        }
        let (a, b) = (End::lo(self.lo), End::hi(self.hi));
        let (c, d) = (End::lo(other.lo), End::hi(other.hi));
        let corners = [a.mul(c), a.mul(d), b.mul(c), b.mul(d)];
        let min = corners
            .iter()
            .map(|e| e.value)
            .fold(f64::INFINITY, f64::min);
        let max = corners
            .iter()
            .map(|e| e.value)
            .fold(f64::NEG_INFINITY, f64::max);
        let attained = |v: f64| corners.iter().any(|e| e.value == v && e.inclusive);
        let lo = End {
            value: min,
            inclusive: attained(min),
        };
        let hi = End {
            value: max,
            inclusive: attained(max),
        };
        Self {
            lo: lo.into_lo(),
            hi: hi.into_hi(),
        }
    }

    /// `{k · x}`: converting units or multiplying a rate by a known factor.
    /// A negative `k` swaps the ends; `k = 0` gives `[0, 0]` even for an
    /// unbounded interval.
    #[must_use]
    pub fn scale(&self, k: f64) -> Self {
        if self.is_empty() || k.is_nan() {
            return Self::empty();
        }
        if k == 0.0 {
            return Self::point(0.0);
        }
        let s = |b: Option<Bound>| {
            b.map(|b| Bound {
                // `+ 0.0` turns a negative zero into zero, for display.
                value: b.value * k + 0.0,
                inclusive: b.inclusive,
            })
        };
        if k > 0.0 {
            Self {
                lo: s(self.lo),
                hi: s(self.hi),
            }
        } else {
            Self {
                lo: s(self.hi),
                hi: s(self.lo),
            }
        }
    }

    /// `{x / k}`: e.g. a total shared out. Dividing by zero yields
    /// [`Interval::unbounded`] — nothing is known about the result.
    #[must_use]
    pub fn div_scalar(&self, k: f64) -> Self {
        if k == 0.0 {
            return Self::unbounded();
        }
        self.scale(1.0 / k)
    }

    /// The centre of a bounded, non-empty interval: the best single number to
    /// show for a range.
    #[must_use]
    pub fn midpoint(&self) -> Option<f64> {
        if self.is_empty() {
            return None;
        }
        let (lo, hi) = (self.lo_value()?, self.hi_value()?);
        Some(lo + (hi - lo) / 2.0)
    }

    /// The lower end's value, if bounded below.
    #[must_use]
    pub fn lo_value(&self) -> Option<f64> {
        self.lo.map(|b| b.value)
    }

    /// The upper end's value, if bounded above.
    #[must_use]
    pub fn hi_value(&self) -> Option<f64> {
        self.hi.map(|b| b.value)
    }
}

/// A bound as people write it: 12 significant digits, so the float noise of
/// interval arithmetic ("1494.9999999999998") reads as the number it is (1495).
struct Shown(f64);

impl fmt::Display for Shown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let x = self.0;
        if x == 0.0 || !x.is_finite() {
            return write!(f, "{x}");
        }
        let digits = 12 - (x.abs().log10().floor() as i32 + 1);
        let rounded = if digits > 0 {
            let p = 10f64.powi(digits.min(15));
            (x * p).round() / p
        } else {
            x
        };
        write!(f, "{rounded}")
    }
}

impl fmt::Display for Interval {
    /// Interval notation: `[4.5, 5.5]`, `(0, 3)`, `[9, ∞)`, `(−∞, 2]`; `∅`
    /// when empty.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_empty() {
            return f.write_str("∅");
        }
        match self.lo {
            Some(b) => write!(
                f,
                "{}{}",
                if b.inclusive { '[' } else { '(' },
                Shown(b.value)
            )?,
            None => f.write_str("(-∞")?,
        }
        f.write_str(", ")?;
        match self.hi {
            Some(b) => write!(
                f,
                "{}{}",
                Shown(b.value),
                if b.inclusive { ']' } else { ')' }
            ),
            None => f.write_str("∞)"),
        }
    }
}

/// Characters accepted as digit-group separators inside a written number:
/// comma, space, no-break space, thin space, narrow no-break space,
/// apostrophe and underscore.
const GROUP_SEPARATORS: [char; 7] = [',', ' ', '\u{a0}', '\u{2009}', '\u{202f}', '\'', '_'];

/// The place value of the last significant digit of a number as written:
/// `"500"` → 100, `"38,000"` → 1000, `"1.5"` → 0.1, `"1.50"` → 0.01,
/// `"2,025"` → 1.
///
/// Why: an unhedged count is only as exact as it is written; pair this with
/// [`Interval::round_to_precision`]. Trailing zeros of an integer are taken
/// as not significant; every written decimal digit is. Leading non-digits
/// (signs, currency symbols) are skipped and reading stops at the first
/// character that cannot continue the number. Group separators (see source)
/// count only when a digit follows them, and `.` is always the decimal point.
/// Text with no digits, or a number that is all zeros, gives 1.
#[must_use]
pub fn precision_of_written_number(text: &str) -> f64 {
    // Most numbers are plain digits: the place of the last non-zero digit.
    if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
        let significant = text.trim_end_matches('0').len();
        return if significant == 0 {
            1.0
        } else {
            10f64.powi((text.len() - significant) as i32)
        };
    }
    // Most others are digits, a point and digits ("3.5"): the last decimal's place.
    if let Some((whole, fraction)) = text.split_once('.') {
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if digits(whole) && digits(fraction) {
            return 1.0 / 10f64.powi(fraction.len() as i32);
        }
    }
    precision_of_any_text(text)
}

/// [`precision_of_written_number`] for any text.
fn precision_of_any_text(text: &str) -> f64 {
    let Some(start) = text.bytes().position(|b| b.is_ascii_digit()) else {
        return 1.0;
    };
    // Read without allocating: this runs for every number in the text.
    let mut chars = text[start..].chars().peekable();
    let mut decimals: i32 = 0;
    let mut in_fraction = false;
    let mut any_nonzero = false;
    let mut trailing_zeros: i32 = 0;
    while let Some(c) = chars.next() {
        let next_is_digit = chars.peek().is_some_and(char::is_ascii_digit);
        if c.is_ascii_digit() {
            if in_fraction {
                decimals += 1;
            } else if c == '0' {
                trailing_zeros = trailing_zeros.saturating_add(1);
            } else {
                any_nonzero = true;
                trailing_zeros = 0;
            }
        } else if c == '.' && !in_fraction && next_is_digit {
            in_fraction = true;
        } else if !(GROUP_SEPARATORS.contains(&c) && !in_fraction && next_is_digit) {
            break;
        }
    }
    if decimals > 0 {
        return 1.0 / 10f64.powi(decimals);
    }
    if !any_nonzero {
        return 1.0;
    }
    10f64.powi(trailing_zeros)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn bounds_are_shown_without_float_noise() {
        let iv = Interval::closed(1105.0, 1494.9999999999998);
        assert_eq!(iv.to_string(), "[1105, 1495]");
        assert_eq!(Interval::closed(0.1 + 0.2, 2.5).to_string(), "[0.3, 2.5]");
        assert_eq!(Interval::closed(-4.0, 1e-7).to_string(), "[-4, 0.0000001]");
    }

    proptest! {
        #[test]
        fn plain_digits_take_the_short_way_to_the_same_precision(s in "[0-9]{1,20}") {
            prop_assert_eq!(precision_of_written_number(&s), precision_of_any_text(&s));
        }

        #[test]
        fn decimals_take_the_short_way_to_the_same_precision(s in r"[0-9]{1,8}\.[0-9]{0,8}\.?[0-9]{0,2}") {
            prop_assert_eq!(precision_of_written_number(&s), precision_of_any_text(&s));
        }
    }

    #[test]
    fn constructors() {
        assert_eq!(Interval::point(3.0), Interval::closed(3.0, 3.0));
        assert!(Interval::open(1.0, 2.0).lo.is_some_and(|b| !b.inclusive));
        assert_eq!(Interval::at_least(9.0).to_string(), "[9, ∞)");
        assert_eq!(Interval::more_than(9.0).to_string(), "(9, ∞)");
        assert_eq!(Interval::at_most(2.0).to_string(), "(-∞, 2]");
        assert_eq!(Interval::less_than(2.0).to_string(), "(-∞, 2)");
        assert_eq!(Interval::unbounded().to_string(), "(-∞, ∞)");
    }

    #[test]
    fn display() {
        assert_eq!(Interval::closed(4.5, 5.5).to_string(), "[4.5, 5.5]");
        assert_eq!(Interval::open(0.0, 3.0).to_string(), "(0, 3)");
        assert_eq!(Interval::empty().to_string(), "∅");
    }

    #[test]
    fn emptiness() {
        assert!(Interval::open(3.0, 3.0).is_empty());
        assert!(Interval::closed(4.0, 3.0).is_empty());
        assert!(!Interval::point(3.0).is_empty());
        assert!(Interval::point(f64::NAN).is_empty());
        assert!(!Interval::unbounded().is_empty());
    }

    #[test]
    fn contains_respects_open_ends() {
        let i = Interval {
            lo: Some(Bound::open(0.0)),
            hi: Some(Bound::closed(1.0)),
        };
        assert!(!i.contains(0.0));
        assert!(i.contains(1.0));
        assert!(Interval::unbounded().contains(-1e300));
        assert!(!Interval::unbounded().contains(f64::NAN));
    }

    #[test]
    fn intersection_and_intersects() {
        let a = Interval::closed(0.0, 2.0);
        assert_eq!(
            a.intersection(&Interval::open(1.0, 5.0)),
            Some(Interval {
                lo: Some(Bound::open(1.0)),
                hi: Some(Bound::closed(2.0))
            })
        );
        assert_eq!(a.intersection(&Interval::more_than(2.0)), None);
        assert!(a.intersects(&Interval::at_least(2.0)));
        assert!(!a.intersects(&Interval::less_than(0.0)));
    }

    #[test]
    fn hull_fills_gaps() {
        let h = Interval::closed(0.0, 1.0).hull(&Interval::open(3.0, 4.0));
        assert_eq!(h.to_string(), "[0, 4)");
        assert_eq!(
            Interval::point(1.0)
                .hull(&Interval::at_most(0.0))
                .to_string(),
            "(-∞, 1]"
        );
        assert_eq!(
            Interval::empty().hull(&Interval::point(2.0)),
            Interval::point(2.0)
        );
    }

    #[test]
    fn add_and_sub() {
        let a = Interval::closed(1.0, 2.0);
        let b = Interval {
            lo: Some(Bound::open(10.0)),
            hi: None,
        };
        assert_eq!(a.add(&b).to_string(), "(11, ∞)");
        assert_eq!(a.sub(&Interval::closed(0.0, 1.0)).to_string(), "[0, 2]");
        assert_eq!(a.sub(&b).to_string(), "(-∞, -8)");
        assert!(a.add(&Interval::empty()).is_empty());
    }

    #[test]
    fn mul_signs_and_ends() {
        let m = |a: Interval, b: Interval| a.mul(&b).to_string();
        assert_eq!(
            m(Interval::closed(-2.0, 3.0), Interval::closed(4.0, 5.0)),
            "[-10, 15]"
        );
        assert_eq!(
            m(Interval::closed(-2.0, -1.0), Interval::closed(-3.0, 4.0)),
            "[-8, 6]"
        );
        assert_eq!(
            m(Interval::open(0.0, 1.0), Interval::at_least(1.0)),
            "(0, ∞)"
        );
        assert_eq!(m(Interval::point(0.0), Interval::at_least(1.0)), "[0, 0]");
        assert_eq!(
            m(Interval::closed(-1.0, 1.0), Interval::at_least(1.0)),
            "(-∞, ∞)"
        );
        assert_eq!(
            m(Interval::less_than(-1.0), Interval::less_than(-2.0)),
            "(2, ∞)"
        );
        // 0 is attained through the closed zero end even though 5 is open.
        assert_eq!(
            m(Interval::closed(0.0, 1.0), Interval::open(2.0, 5.0)),
            "[0, 5)"
        );
        assert!(Interval::empty().mul(&Interval::unbounded()).is_empty());
    }

    #[test]
    fn scale_and_div() {
        assert_eq!(Interval::at_least(2.0).scale(-3.0).to_string(), "(-∞, -6]");
        assert_eq!(Interval::unbounded().scale(0.0), Interval::point(0.0));
        assert_eq!(
            Interval::closed(2.0, 4.0).div_scalar(2.0),
            Interval::closed(1.0, 2.0)
        );
        assert_eq!(
            Interval::closed(2.0, 4.0).div_scalar(0.0),
            Interval::unbounded()
        );
    }

    #[test]
    fn midpoint_and_values() {
        assert_eq!(Interval::closed(4.5, 5.5).midpoint(), Some(5.0));
        assert_eq!(Interval::at_least(1.0).midpoint(), None);
        assert_eq!(Interval::empty().midpoint(), None);
        assert_eq!(Interval::at_least(1.0).lo_value(), Some(1.0));
        assert_eq!(Interval::at_least(1.0).hi_value(), None);
    }

    #[test]
    fn rounding_interval() {
        assert_eq!(
            Interval::round_to_precision(38_000.0, 1000.0),
            Interval::closed(37_500.0, 38_500.0)
        );
        assert_eq!(
            Interval::round_to_precision(5.0, 1.0).to_string(),
            "[4.5, 5.5]"
        );
    }

    #[test]
    fn written_precision() {
        let p = precision_of_written_number;
        assert_eq!(p("500"), 100.0);
        assert_eq!(p("38,000"), 1000.0);
        assert_eq!(p("1.5"), 0.1);
        assert_eq!(p("7"), 1.0);
        assert_eq!(p("120"), 10.0);
        assert_eq!(p("2,025"), 1.0);
        assert_eq!(p("15 000"), 1000.0);
        assert_eq!(p("0.25"), 0.01);
        assert_eq!(p("1.50"), 0.01);
        assert_eq!(p("0"), 1.0);
        assert_eq!(p("$1,200,000"), 100_000.0);
        assert_eq!(p("500 people"), 100.0);
        assert_eq!(p("500."), 100.0);
        assert_eq!(p("15\u{202f}000"), 1000.0);
        assert_eq!(p("none"), 1.0);
    }

    /// Ends on a quarter grid so that every sum and product below is exact.
    fn quarter() -> impl Strategy<Value = f64> {
        (-160i32..=160).prop_map(|k| f64::from(k) / 4.0)
    }

    /// Non-empty intervals with arbitrary end kinds.
    fn interval() -> impl Strategy<Value = Interval> {
        (
            proptest::option::weighted(0.8, (quarter(), any::<bool>())),
            proptest::option::weighted(0.8, (quarter(), any::<bool>())),
        )
            .prop_map(|(lo, hi)| {
                let (lo, hi) = match (lo, hi) {
                    (Some(l), Some(h)) if l.0 > h.0 => (Some(h), Some(l)),
                    (Some(l), Some(h)) if l.0 == h.0 => (Some((l.0, true)), Some((h.0, true))),
                    other => other,
                };
                Interval {
                    lo: lo.map(|(value, inclusive)| Bound { value, inclusive }),
                    hi: hi.map(|(value, inclusive)| Bound { value, inclusive }),
                }
            })
    }

    /// Points of `i` on an eighth grid (unbounded sides sampled 60 wide).
    fn points_in(i: Interval) -> Vec<f64> {
        let lo = i
            .lo_value()
            .unwrap_or_else(|| i.hi_value().unwrap_or(0.0) - 60.0);
        let hi = i.hi_value().unwrap_or(lo + 60.0);
        let steps = ((hi - lo) * 8.0) as i64;
        (0..=steps)
            .map(|k| lo + k as f64 / 8.0)
            .filter(|&x| i.contains(x))
            .collect()
    }

    fn with_point() -> impl Strategy<Value = (Interval, f64)> {
        interval().prop_flat_map(|i| (Just(i), proptest::sample::select(points_in(i))))
    }

    proptest! {
        #[test]
        fn intersection_commutes(a in interval(), b in interval()) {
            prop_assert_eq!(a.intersection(&b), b.intersection(&a));
        }

        #[test]
        fn intersection_contains_exactly_common_points(
            (a, x) in with_point(), b in interval()
        ) {
            let both = b.contains(x);
            prop_assert_eq!(a.intersection(&b).is_some_and(|i| i.contains(x)), both);
        }

        #[test]
        fn hull_contains_both((a, x) in with_point(), (b, y) in with_point()) {
            let h = a.hull(&b);
            prop_assert!(h.contains(x) && h.contains(y));
            prop_assert_eq!(h, b.hull(&a));
        }

        #[test]
        fn add_contains_pointwise_sums((a, x) in with_point(), (b, y) in with_point()) {
            prop_assert!(a.add(&b).contains(x + y), "{} + {} ∌ {}", a, b, x + y);
            prop_assert!(a.sub(&b).contains(x - y), "{} - {} ∌ {}", a, b, x - y);
        }

        #[test]
        fn mul_contains_pointwise_products((a, x) in with_point(), (b, y) in with_point()) {
            prop_assert!(a.mul(&b).contains(x * y), "{} * {} ∌ {}", a, b, x * y);
            prop_assert_eq!(a.mul(&b), b.mul(&a));
        }

        #[test]
        fn mul_of_closed_is_tight(a in quarter(), b in quarter(), c in quarter(), d in quarter()) {
            let (x, y) = (Interval::closed(a.min(b), a.max(b)), Interval::closed(c.min(d), d.max(c)));
            let corners = [a * c, a * d, b * c, b * d];
            let lo = corners.iter().copied().fold(f64::INFINITY, f64::min);
            let hi = corners.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            prop_assert_eq!(x.mul(&y), Interval::closed(lo, hi));
        }

        #[test]
        fn scale_contains_scaled_points((a, x) in with_point(), k in quarter()) {
            prop_assert!(a.scale(k).contains(x * k));
        }

        #[test]
        fn round_to_precision_contains_x(x in -1e12f64..1e12, p in 0.0f64..1e6) {
            prop_assert!(Interval::round_to_precision(x, p).contains(x));
        }

        /// A count rounded to its written precision, then hedged wider,
        /// still contains the exact value it was rounded from.
        #[test]
        fn widened_interval_contains_exact(exact in 0u64..1_000_000_000, k in 0u32..7, h in 0u32..1000) {
            let p = 10u64.pow(k);
            let rounded = (exact + p / 2) / p * p;
            let written = Interval::round_to_precision(rounded as f64, p as f64);
            prop_assert!(written.contains(exact as f64));
            let hedged = written.add(&Interval::closed(-f64::from(h), f64::from(h)));
            prop_assert!(hedged.contains(exact as f64));
            prop_assert_eq!(hedged.hull(&written), hedged);
        }

        #[test]
        fn written_precision_of_integers(n in 1u64..1_000_000_000) {
            let text = n.to_string();
            let tz = text.bytes().rev().take_while(|&b| b == b'0').count();
            prop_assert_eq!(precision_of_written_number(&text), 10f64.powi(tz as i32));
        }
    }
}
