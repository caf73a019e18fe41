//! `f64`s in claims files (`reckon extract --format jsonl`): JSON has no
//! infinity, and a figure past `f64`'s range reads as one, so a value that is
//! not finite is written as a string (`"inf"`, `"-inf"`, `"NaN"`) and read
//! back as itself. Finite values are plain JSON numbers.

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::interval::{Bound, Interval};

/// For `#[serde(with = "crate::value::float")]` on an `f64`.
pub fn serialize<S: Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
    match *v {
        v if v.is_finite() => s.serialize_f64(v),
        v if v.is_nan() => s.serialize_str("NaN"),
        v if v > 0.0 => s.serialize_str("inf"),
        _ => s.serialize_str("-inf"),
    }
}

/// See [`serialize`].
pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
    d.deserialize_any(Float)
}

struct Float;

impl Visitor<'_> for Float {
    type Value = f64;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a number, \"inf\", \"-inf\" or \"NaN\"")
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<f64, E> {
        Ok(v)
    }

    #[allow(clippy::cast_precision_loss)] // what serde does for an integer read as f64
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<f64, E> {
        Ok(v as f64)
    }

    #[allow(clippy::cast_precision_loss)]
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<f64, E> {
        Ok(v as f64)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<f64, E> {
        match v {
            "inf" => Ok(f64::INFINITY),
            "-inf" => Ok(f64::NEG_INFINITY),
            "NaN" => Ok(f64::NAN),
            _ => Err(E::invalid_value(de::Unexpected::Str(v), &self)),
        }
    }
}

/// An `f64` that may be written as a name: what [`serialize`] writes.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Named(#[serde(with = "self")] pub f64);

/// For `#[serde(with = "crate::value::float::option")]` on an `Option<f64>`.
pub mod option {
    use super::Named;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    /// `None` is `null`.
    pub fn serialize<S: Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
        v.map(Named).serialize(s)
    }

    /// See [`serialize`].
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
        Ok(Option::<Named>::deserialize(d)?.map(|n| n.0))
    }
}

/// For `#[serde(with = "crate::value::float::interval")]` on an [`Interval`]
/// (its own `Serialize` writes what `reckon extract --format json` writes).
pub mod interval {
    use super::{Bound, Interval, Named};
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    #[derive(Serialize, Deserialize)]
    struct End {
        value: Named,
        inclusive: bool,
    }

    #[derive(Serialize, Deserialize)]
    struct Ends {
        lo: Option<End>,
        hi: Option<End>,
    }

    fn end(b: Option<Bound>) -> Option<End> {
        b.map(|b| End {
            value: Named(b.value),
            inclusive: b.inclusive,
        })
    }

    fn bound(e: Option<End>) -> Option<Bound> {
        e.map(|e| Bound {
            value: e.value.0,
            inclusive: e.inclusive,
        })
    }

    /// `{"lo": {"value", "inclusive"} | null, "hi": …}`.
    pub fn serialize<S: Serializer>(i: &Interval, s: S) -> Result<S::Ok, S::Error> {
        Ends {
            lo: end(i.lo),
            hi: end(i.hi),
        }
        .serialize(s)
    }

    /// See [`serialize`].
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Interval, D::Error> {
        let e = Ends::deserialize(d)?;
        Ok(Interval {
            lo: bound(e.lo),
            hi: bound(e.hi),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_f64_comes_back_as_itself() {
        for v in [
            0.0,
            -0.0,
            1.5,
            1e308,
            f64::MIN_POSITIVE,
            0.1 + 0.2,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ] {
            let json = serde_json::to_string(&Named(v)).unwrap();
            let back: Named = serde_json::from_str(&json).unwrap();
            assert_eq!(back.0.to_bits(), v.to_bits(), "{v} as {json}");
        }
        let nan: Named =
            serde_json::from_str(&serde_json::to_string(&Named(f64::NAN)).unwrap()).unwrap();
        assert!(nan.0.is_nan());
        assert!(serde_json::from_str::<Named>("\"infinity\"").is_err());
        let i = Interval {
            lo: Some(Bound::closed(f64::NEG_INFINITY)),
            hi: None,
        };
        let mut json = serde_json::Serializer::new(Vec::new());
        interval::serialize(&i, &mut json).unwrap();
        let json = json.into_inner();
        let back = interval::deserialize(&mut serde_json::Deserializer::from_slice(&json)).unwrap();
        assert_eq!(back, i);
    }
}
