#![doc = include_str!("../../docs/rules/unit-conversion.md")]

use super::{Check, CheckContext, Finding, Label};
use crate::resolve::Value;
use crate::value::interval::Interval;
use crate::value::units::{from_base, Dimension};

/// The rule.
pub struct UnitConversion;

/// A quantity in a convertible unit: (exact, interval, unit name, dimension, base interval).
fn convertible(v: &Value) -> Option<(f64, Interval, &str, Dimension, Interval)> {
    match v {
        Value::Quantity {
            exact,
            interval,
            unit,
            dimension,
            base: Some(base),
            currency: None,
        } => Some((*exact, *interval, unit.as_str(), *dimension, *base)),
        _ => None,
    }
}

/// Text between two quantities that presents the second as a conversion of the first.
fn is_conversion_link(between: &str) -> bool {
    // Brackets and "or" present a conversion; a dash starts an aside ("2.20m - just 3cm short").
    let t = between.trim();
    matches!(
        t,
        "(" | "[" | ", or" | "or" | "(or" | "(roughly" | "(about" | "(some"
    ) || (t.starts_with('(') && t.len() <= 2)
}

impl Check for UnitConversion {
    fn id(&self) -> &'static str {
        "unit-conversion"
    }

    fn check(&self, cx: &CheckContext<'_>, out: &mut Vec<Finding>) {
        let id = self.id();
        let slack = cx.settings.relative_slack(id);
        for (d, v) in cx.docs.iter().enumerate() {
            for i in 0..v.mentions.len().saturating_sub(1) {
                let (a, b) = (&v.mentions[i], &v.mentions[i + 1]);
                let (
                    Some((_, a_iv, a_unit, a_dim, a_base)),
                    Some((_, b_iv, b_unit, b_dim, b_base)),
                ) = (convertible(&a.value), convertible(&b.value))
                else {
                    continue;
                };
                if a_dim != b_dim || a_unit == b_unit {
                    continue;
                }
                let Some(between) = v.doc.text.get(a.mention.span.end..b.mention.span.start) else {
                    continue;
                };
                if !is_conversion_link(between) {
                    continue;
                }
                // A conversion factor's rounding is relative; a temperature's offset makes
                // relative slack meaningless, and its figures carry their own rounding.
                let slack = if a_dim == Dimension::Temperature {
                    0.0
                } else {
                    slack
                };
                if widen(&a_base, slack).intersects(&widen(&b_base, slack)) {
                    continue;
                }
                // Express the first in the second's unit for the reader.
                let Some(b_def) = cx
                    .lex
                    .units
                    .iter()
                    .find(|u| u.def.name == b_unit)
                    .map(|u| &u.def)
                else {
                    continue;
                };
                let conv = |x: Option<f64>| x.map(|x| from_base(x, b_def));
                let converted = match (conv(a_base.lo_value()), conv(a_base.hi_value())) {
                    (Some(lo), Some(hi)) => {
                        format!("{}–{} {}", round3(lo), round3(hi), plural(b_unit))
                    }
                    _ => continue,
                };
                let first = v.text(i).to_string();
                let second = v.text(i + 1).to_string();
                let vars = [
                    ("first", first.clone()),
                    ("second", second.clone()),
                    ("converted", converted.clone()),
                ];
                out.push(Finding::templated(
                    cx.settings,
                    id,
                    cx.settings.severity(id),
                    &vars,
                    Label {
                        doc: d,
                        span: b.mention.span.clone(),
                        message: format!("{} {} as written", show(&b_iv), plural(b_unit)),
                    },
                    vec![Label {
                        doc: d,
                        span: a.mention.span.clone(),
                        message: format!("{} {} = {converted}", show(&a_iv), plural(a_unit)),
                    }],
                    None,
                ));
            }
        }
    }
}

fn widen(iv: &Interval, slack: f64) -> Interval {
    let lo = iv.lo_value().map(|x| x - x.abs() * slack);
    let hi = iv.hi_value().map(|x| x + x.abs() * slack);
    let mut out = *iv;
    if let (Some(b), Some(x)) = (out.lo.as_mut(), lo) {
        b.value = x;
    }
    if let (Some(b), Some(x)) = (out.hi.as_mut(), hi) {
        b.value = x;
    }
    out
}

fn round3(x: f64) -> String {
    let digits = if x.abs() >= 100.0 {
        0
    } else if x.abs() >= 10.0 {
        1
    } else {
        2
    };
    format!("{x:.digits$}")
}

fn show(iv: &Interval) -> String {
    match (iv.lo_value(), iv.hi_value()) {
        (Some(a), Some(b)) if (a - b).abs() < 1e-9 => round3(a),
        (Some(a), Some(b)) => format!("{}–{}", round3(a), round3(b)),
        (Some(a), None) => format!("over {}", round3(a)),
        (None, Some(b)) => format!("under {}", round3(b)),
        (None, None) => "any".into(),
    }
}

fn plural(unit: &str) -> String {
    match unit {
        "foot" => "feet".into(),
        "inch" => "inches".into(),
        "degree celsius" => "°C".into(),
        "degree fahrenheit" => "°F".into(),
        u if u.ends_with('s') => u.into(),
        u if u.contains(" per ") => u.replacen(" per ", "s per ", 1),
        u => format!("{u}s"),
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::{findings, silent};

    #[test]
    fn planted_conversions_are_caught() {
        for text in [
            "Kyiv's troops held a 40-kilometer (15-mile) front.",
            "Ukraine seized 1,200 square kilometers (about 800 square miles) in August.",
            "It was 30C (100F) in the shade.",
            "The column stretched for 10 miles (40 kilometers).",
            "The reservoir holds 3,000 cubic meters (about 20,000 gallons) of water.",
        ] {
            let f = findings(text, "unit-conversion");
            assert_eq!(f.len(), 1, "{text:?}: {f:#?}");
        }
    }

    #[test]
    fn consistent_twins_stay_silent() {
        for text in [
            "Kyiv's troops held a 40-kilometer (25-mile) front.",
            "Ukraine seized 1,300 square kilometers (about 500 square miles) in August.",
            "It was 30C (86F) in the shade.",
            "The column stretched for 10 miles (16 kilometers).",
            "Ukraine now holds about 500 square kilometers (nearly 200 square miles).",
            "The 2,000-hectare reserve (about 4,900 acres) burned.",
        ] {
            silent(text, "unit-conversion");
        }
    }
}
