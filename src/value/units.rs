//! Unit conversion driven by data.
//!
//! Units are defined in configuration (YAML, parsed in `config`), so this
//! module holds only the arithmetic: a [`UnitDef`] maps its values to the
//! base unit of its [`Dimension`] by `base = value × factor + offset`. The
//! offset exists for temperature scales; for everything else it is zero.

use std::fmt;

use super::interval::{Bound, Interval};

/// The physical (or social) quantity a unit measures; only units of the same
/// dimension convert into each other.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Dimension {
    /// Distances (base: metre).
    Length,
    /// Areas (base: square metre).
    Area,
    /// Volumes (base: cubic metre).
    Volume,
    /// Masses (base: kilogram).
    Mass,
    /// Speeds (base: metre per second).
    Speed,
    /// Temperatures (base: kelvin); the only dimension that needs offsets.
    Temperature,
    /// Durations (base: second).
    Time,
    /// Money; never converted, because exchange rates change.
    Currency,
    /// Plain counts (dozens, scores, …).
    Count,
    /// Ratios written as percentages.
    Percent,
}

impl Dimension {
    /// The kebab-case name, as written in configuration.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::Length => "length",
            Self::Area => "area",
            Self::Volume => "volume",
            Self::Mass => "mass",
            Self::Speed => "speed",
            Self::Temperature => "temperature",
            Self::Time => "time",
            Self::Currency => "currency",
            Self::Count => "count",
            Self::Percent => "percent",
        }
    }
}

impl fmt::Display for Dimension {
    /// Writes the kebab-case name, e.g. `temperature`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One unit: its name, dimension and the affine map to the dimension's base
/// unit, `base = value × factor + offset`.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct UnitDef {
    /// Canonical name, e.g. `"mile"`.
    pub name: String,
    /// What the unit measures.
    pub dimension: Dimension,
    /// Base units per one of this unit (1609.344 for a mile in metres).
    pub factor: f64,
    /// Added after scaling (273.15 for Celsius in kelvin); usually 0.
    #[serde(default)]
    pub offset: f64,
}

/// Why a conversion was refused.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ConvertError {
    /// The units measure different things (miles into kilograms).
    #[error("cannot convert {from_unit} ({from}) to {to_unit} ({to})")]
    DimensionMismatch {
        /// Source unit name.
        from_unit: String,
        /// Source unit's dimension.
        from: Dimension,
        /// Target unit name.
        to_unit: String,
        /// Target unit's dimension.
        to: Dimension,
    },
    /// Both are currencies, and different ones: reckon has no exchange rates.
    #[error("cannot convert currency {from_unit} to {to_unit}: currencies never convert")]
    Currency {
        /// Source currency name.
        from_unit: String,
        /// Target currency name.
        to_unit: String,
    },
    /// A unit's factor is zero or not finite, so the map cannot be inverted.
    #[error("unit {unit} has an unusable factor {factor}")]
    BadFactor {
        /// The offending unit's name.
        unit: String,
        /// Its factor.
        factor: f64,
    },
}

/// `value` in `unit`, expressed in the dimension's base unit.
#[must_use]
pub fn to_base(value: f64, unit: &UnitDef) -> f64 {
    value * unit.factor + unit.offset
}

/// A base-unit value expressed in `unit`; the inverse of [`to_base`].
#[must_use]
pub fn from_base(base: f64, unit: &UnitDef) -> f64 {
    (base - unit.offset) / unit.factor
}

/// Every value of `interval` (in `unit`) in the dimension's base unit.
#[must_use]
pub fn interval_to_base(interval: &Interval, unit: &UnitDef) -> Interval {
    map_interval(interval, unit, |x| to_base(x, unit))
}

/// A *difference* of `interval` (in `unit`) in the base unit: scaled by the
/// factor, without the offset. A rise of 2 °C is a rise of 3.6 °F, though
/// 2 °C is 35.6 °F.
#[must_use]
pub fn difference_to_base(interval: &Interval, unit: &UnitDef) -> Interval {
    map_interval(interval, unit, |x| x * unit.factor)
}

fn map_interval(interval: &Interval, unit: &UnitDef, f: impl Fn(f64) -> f64) -> Interval {
    let map = |b: Option<Bound>| {
        b.map(|b| Bound {
            value: f(b.value),
            inclusive: b.inclusive,
        })
    };
    let (lo, hi) = (map(interval.lo), map(interval.hi));
    if unit.factor >= 0.0 {
        Interval { lo, hi }
    } else {
        Interval { lo: hi, hi: lo }
    }
}

/// What a figure written as `x`, to the place `precision` (the place of its
/// last significant digit: "500" → 100, "4.5" → 0.1), can stand for: half a
/// place either side, but never more than `max_relative` of the figure
/// itself. A round "100" is not 50 to 150: a writer who meant 58 would not
/// write 100. `f64::INFINITY` leaves the half place alone (temperatures,
/// whose zero is arbitrary).
#[must_use]
pub fn written_figure(x: f64, precision: f64, max_relative: f64) -> Interval {
    let mut half = precision.abs() / 2.0;
    if x != 0.0 && max_relative.is_finite() {
        half = half.min(x.abs() * max_relative);
    }
    Interval::closed(x - half, x + half)
}

/// Checks that `from` can be converted to `to`.
fn check(from: &UnitDef, to: &UnitDef) -> Result<(), ConvertError> {
    if from.dimension != to.dimension {
        return Err(ConvertError::DimensionMismatch {
            from_unit: from.name.clone(),
            from: from.dimension,
            to_unit: to.name.clone(),
            to: to.dimension,
        });
    }
    if from.dimension == Dimension::Currency && from.name != to.name {
        return Err(ConvertError::Currency {
            from_unit: from.name.clone(),
            to_unit: to.name.clone(),
        });
    }
    for u in [from, to] {
        if !u.factor.is_finite() || u.factor == 0.0 {
            return Err(ConvertError::BadFactor {
                unit: u.name.clone(),
                factor: u.factor,
            });
        }
    }
    Ok(())
}

/// `value` in `from`, expressed in `to`.
///
/// # Errors
///
/// [`ConvertError::DimensionMismatch`] for units of different dimensions,
/// [`ConvertError::Currency`] between two different currencies (a currency
/// converts only to itself, unchanged), [`ConvertError::BadFactor`] for a
/// zero or non-finite factor.
pub fn convert(value: f64, from: &UnitDef, to: &UnitDef) -> Result<f64, ConvertError> {
    check(from, to)?;
    if from == to {
        return Ok(value);
    }
    Ok(from_base(to_base(value, from), to))
}

/// Every value of `interval` (in `from`) expressed in `to`, keeping open,
/// closed and unbounded ends; the ends swap if the map is decreasing.
///
/// # Errors
///
/// As for [`convert`].
pub fn convert_interval(
    interval: &Interval,
    from: &UnitDef,
    to: &UnitDef,
) -> Result<Interval, ConvertError> {
    check(from, to)?;
    if interval.is_empty() {
        return Ok(Interval::empty());
    }
    let map = |b: Option<Bound>| -> Result<Option<Bound>, ConvertError> {
        b.map(|b| {
            Ok(Bound {
                value: convert(b.value, from, to)?,
                inclusive: b.inclusive,
            })
        })
        .transpose()
    };
    let (lo, hi) = (map(interval.lo)?, map(interval.hi)?);
    Ok(if (from.factor > 0.0) == (to.factor > 0.0) {
        Interval { lo, hi }
    } else {
        Interval { lo: hi, hi: lo }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn unit(name: &str, dimension: Dimension, factor: f64, offset: f64) -> UnitDef {
        UnitDef {
            name: name.to_owned(),
            dimension,
            factor,
            offset,
        }
    }

    fn metre() -> UnitDef {
        unit("metre", Dimension::Length, 1.0, 0.0)
    }
    fn mile() -> UnitDef {
        unit("mile", Dimension::Length, 1609.344, 0.0)
    }
    fn foot() -> UnitDef {
        unit("foot", Dimension::Length, 0.3048, 0.0)
    }
    fn kelvin() -> UnitDef {
        unit("kelvin", Dimension::Temperature, 1.0, 0.0)
    }
    fn celsius() -> UnitDef {
        unit("celsius", Dimension::Temperature, 1.0, 273.15)
    }
    fn fahrenheit() -> UnitDef {
        unit(
            "fahrenheit",
            Dimension::Temperature,
            5.0 / 9.0,
            273.15 - 32.0 * 5.0 / 9.0,
        )
    }
    fn usd() -> UnitDef {
        unit("usd", Dimension::Currency, 1.0, 0.0)
    }
    fn eur() -> UnitDef {
        unit("eur", Dimension::Currency, 1.0, 0.0)
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-9 * (1.0 + a.abs().max(b.abs()))
    }

    #[test]
    fn dimension_names() {
        assert_eq!(Dimension::Temperature.to_string(), "temperature");
        assert_eq!(
            serde_json::to_string(&Dimension::Percent).unwrap(),
            "\"percent\""
        );
        let u: UnitDef = serde_yaml::from_str("name: km\ndimension: length\nfactor: 1000").unwrap();
        assert_eq!(u, unit("km", Dimension::Length, 1000.0, 0.0));
    }

    #[test]
    fn base_round_trip() {
        assert_eq!(to_base(2.0, &mile()), 3218.688);
        assert!(close(to_base(100.0, &celsius()), 373.15));
        assert!(close(from_base(373.15, &celsius()), 100.0));
    }

    #[test]
    fn converts_within_a_dimension() {
        assert!(close(convert(1.0, &mile(), &foot()).unwrap(), 5280.0));
        assert!(close(
            convert(100.0, &celsius(), &fahrenheit()).unwrap(),
            212.0
        ));
        assert!(close(
            convert(-40.0, &fahrenheit(), &celsius()).unwrap(),
            -40.0
        ));
    }

    #[test]
    fn refuses_across_dimensions_and_currencies() {
        assert!(matches!(
            convert(1.0, &mile(), &kelvin()),
            Err(ConvertError::DimensionMismatch { .. })
        ));
        assert!(matches!(
            convert(1.0, &usd(), &eur()),
            Err(ConvertError::Currency { .. })
        ));
        assert_eq!(convert(5.0, &usd(), &usd()), Ok(5.0));
        let broken = unit("broken", Dimension::Length, 0.0, 0.0);
        assert!(matches!(
            convert(1.0, &metre(), &broken),
            Err(ConvertError::BadFactor { .. })
        ));
        assert_eq!(
            convert(1.0, &usd(), &eur()).unwrap_err().to_string(),
            "cannot convert currency usd to eur: currencies never convert"
        );
    }

    #[test]
    fn converts_intervals() {
        let i = Interval {
            lo: Some(Bound::open(0.0)),
            hi: None,
        };
        let f = convert_interval(&i, &celsius(), &fahrenheit()).unwrap();
        assert!(close(f.lo_value().unwrap(), 32.0));
        assert!(!f.lo.unwrap().inclusive && f.hi.is_none());
        let reversed = unit("neg", Dimension::Length, -1.0, 0.0);
        let r = convert_interval(&Interval::closed(1.0, 2.0), &metre(), &reversed).unwrap();
        assert_eq!(r, Interval::closed(-2.0, -1.0));
        assert!(convert_interval(&i, &usd(), &eur()).is_err());
    }

    fn same_dimension_pair() -> impl Strategy<Value = (UnitDef, UnitDef)> {
        prop_oneof![
            Just((mile(), foot())),
            Just((metre(), mile())),
            Just((foot(), metre())),
            Just((celsius(), fahrenheit())),
            Just((fahrenheit(), kelvin())),
            Just((kelvin(), celsius())),
        ]
    }

    #[test]
    fn differences_convert_without_the_offset() {
        // A rise of 2 °C is a rise of 3.6 °F.
        let c = difference_to_base(&Interval::closed(2.0, 2.0), &celsius());
        let f = difference_to_base(&Interval::closed(3.6, 3.6), &fahrenheit());
        assert!(close(c.lo_value().unwrap(), f.lo_value().unwrap()));
        // -11.4 °C is 11.48 °F as a reading.
        let c = interval_to_base(&Interval::closed(-11.4, -11.4), &celsius());
        assert!(close(
            from_base(c.lo_value().unwrap(), &fahrenheit()),
            11.48
        ));
    }

    #[test]
    fn round_figures_are_read_by_their_place_within_a_quarter() {
        assert_eq!(
            written_figure(100.0, 100.0, 0.25),
            Interval::closed(75.0, 125.0)
        );
        assert_eq!(
            written_figure(300.0, 100.0, 0.25),
            Interval::closed(250.0, 350.0)
        );
        assert_eq!(written_figure(4.5, 0.1, 0.25), Interval::closed(4.45, 4.55));
        assert_eq!(
            written_figure(-5.0, 1.0, f64::INFINITY),
            Interval::closed(-5.5, -4.5)
        );
    }

    proptest! {
        #[test]
        fn written_figure_contains_x_within_bounds(
            x in -1e9f64..1e9, k in -3i32..7, r in 0.01f64..0.5
        ) {
            let p = 10f64.powi(k);
            let iv = written_figure(x, p, r);
            prop_assert!(iv.contains(x));
            let half = (iv.hi_value().unwrap() - iv.lo_value().unwrap()) / 2.0;
            let eps = x.abs() * 1e-12;
            prop_assert!(half <= p / 2.0 + eps);
            prop_assert!(half <= x.abs() * r + eps);
        }

        #[test]
        fn a_difference_scales_like_a_conversion_without_offset(
            (a, b) in same_dimension_pair(), d in -1e3f64..1e3, x in -1e3f64..1e3
        ) {
            // The base difference of (x + d) - x is the difference of the base readings.
            let diff = difference_to_base(&Interval::closed(d, d), &a).lo_value().unwrap();
            let reading = to_base(x + d, &a) - to_base(x, &a);
            prop_assert!((diff - reading).abs() <= 1e-6 * (1.0 + reading.abs() + x.abs()));
            // A difference converts back and forth between units.
            let there = diff / b.factor;
            prop_assert!(close(there * b.factor, diff));
        }

        #[test]
        fn interval_to_base_contains_converted_points(
            (a, _) in same_dimension_pair(), lo in -1e3f64..1e3, w in 0.0f64..1e3, t in 0.0f64..=1.0
        ) {
            let x = lo + w * t;
            let base = interval_to_base(&Interval::closed(lo, lo + w), &a);
            let y = to_base(x, &a);
            let slack = 1e-9 * (1.0 + y.abs());
            prop_assert!(base.add(&Interval::closed(-slack, slack)).contains(y));
        }

        #[test]
        fn convert_round_trips((a, b) in same_dimension_pair(), x in -1e6f64..1e6) {
            let there = convert(x, &a, &b).unwrap();
            let back = convert(there, &b, &a).unwrap();
            prop_assert!(close(back, x), "{} -> {} -> {}", x, there, back);
        }

        #[test]
        fn base_round_trips((a, _) in same_dimension_pair(), x in -1e6f64..1e6) {
            prop_assert!(close(from_base(to_base(x, &a), &a), x));
        }

        #[test]
        fn interval_conversion_contains_converted_points(
            (a, b) in same_dimension_pair(), lo in -1e3f64..1e3, w in 0.0f64..1e3, t in 0.0f64..=1.0
        ) {
            let x = lo + w * t;
            let converted = convert_interval(&Interval::closed(lo, lo + w), &a, &b).unwrap();
            let y = convert(x, &a, &b).unwrap();
            // Allow for rounding at the ends by widening by a relative epsilon.
            let slack = 1e-9 * (1.0 + y.abs());
            prop_assert!(converted.add(&Interval::closed(-slack, slack)).contains(y));
        }

        #[test]
        fn different_dimensions_never_convert(x in -1e6f64..1e6) {
            prop_assert!(convert(x, &metre(), &kelvin()).is_err());
            prop_assert!(convert(x, &usd(), &eur()).is_err());
        }
    }
}
