#![doc = include_str!("../../docs/rules/fact-relation.md")]

use std::collections::HashMap;

use super::{Check, CheckContext, Finding, SetContext, Severity};
use crate::story::claims::FactValue;
use crate::story::facts::{show, Quantity};
use crate::value::interval::Interval;

/// The rule.
pub struct FactRelation;

impl Check for FactRelation {
    fn id(&self) -> &'static str {
        "fact-relation"
    }

    fn check(&self, _cx: &CheckContext<'_>, _out: &mut Vec<Finding>) {}

    fn across_documents(&self) -> bool {
        true
    }

    fn check_set(&self, cx: &SetContext<'_>, out: &mut Vec<Finding>) {
        let id = self.id();
        let story = &cx.settings.story;
        let slack = cx.settings.relative_slack(id);
        // Each fact's value: what its agreeing statements allow.
        let mut values: HashMap<&str, (Quantity, &FactValue)> = HashMap::new();
        let mut facts: Vec<&usize> = cx.index.facts.keys().collect();
        facts.sort();
        for &k in facts {
            let name = story.facts[k].name.as_str();
            let all = &cx.index.facts[&k];
            let (agree, disagree) = consensus(all);
            let Some(first) = agree.first() else { continue };
            let hull = agree
                .iter()
                .skip(1)
                .fold(first.value.interval, |h, f| h.hull(&f.value.interval));
            values.insert(
                name,
                (
                    Quantity {
                        interval: hull,
                        dimension: first.value.dimension,
                    },
                    first,
                ),
            );
            let witness = agree
                .iter()
                .find(|w| disagree.iter().all(|d| d.doc != w.doc))
                .unwrap_or(first);
            for d in disagree {
                let vars = vec![
                    ("relation", format!("fact `{name}` ({})", story.file)),
                    (
                        "problem",
                        format!(
                            "{} here, {} in {}",
                            show(&d.value, d.unit.as_ref()),
                            show(&witness.value, witness.unit.as_ref()),
                            cx.documents(&[witness.doc])
                        ),
                    ),
                    (
                        "arithmetic",
                        format!(
                            "{} and {} cannot both hold ({})",
                            show(&d.value, d.unit.as_ref()),
                            show(&witness.value, d.unit.as_ref()),
                            cx.documents(&[d.doc, witness.doc])
                        ),
                    ),
                ];
                out.push(Finding::templated(
                    cx.settings,
                    id,
                    Severity::Error,
                    &vars,
                    d.label.clone(),
                    vec![witness.label.clone()],
                    None,
                ));
            }
        }
        for rel in &story.relations {
            let just: HashMap<&str, Quantity> = values.iter().map(|(k, (q, _))| (*k, *q)).collect();
            let (Some(l), Some(r)) = (rel.lhs.eval(&just), rel.rhs.eval(&just)) else {
                continue;
            };
            if l.dimension != r.dimension || l.interval.intersects(&widen(&r.interval, slack)) {
                continue;
            }
            let mut names = Vec::new();
            rel.lhs.names(&mut names);
            rel.rhs.names(&mut names);
            let mut seen: Vec<&str> = Vec::new();
            let mut labels = Vec::new();
            let mut docs = Vec::new();
            for (n, _) in &names {
                if seen.contains(&n.as_str()) {
                    continue;
                }
                seen.push(n);
                if let Some((_, f)) = values.get(n.as_str()) {
                    labels.push(f.label.clone());
                    docs.push(f.doc);
                }
            }
            let unit = values
                .get(names[0].0.as_str())
                .and_then(|(_, f)| f.unit.clone());
            let vars = vec![
                (
                    "relation",
                    format!("`{} = {}` ({})", rel.lhs.show(), rel.rhs.show(), story.file),
                ),
                (
                    "problem",
                    format!(
                        "{} is {}, {} is {}",
                        rel.lhs.show(),
                        show(&l, unit.as_ref()),
                        rel.rhs.show(),
                        show(&r, unit.as_ref())
                    ),
                ),
                (
                    "arithmetic",
                    format!(
                        "{} = {}; the facts come from {}",
                        rel.rhs.show(),
                        show(&r, unit.as_ref()),
                        cx.documents(&docs)
                    ),
                ),
            ];
            let primary = labels.remove(0);
            out.push(Finding::templated(
                cx.settings,
                id,
                Severity::Error,
                &vars,
                primary,
                labels,
                None,
            ));
        }
    }
}

/// `iv` widened by `rel` of its ends' magnitude.
fn widen(iv: &Interval, rel: f64) -> Interval {
    let mut out = *iv;
    if let Some(b) = out.lo.as_mut() {
        b.value -= b.value.abs() * rel;
    }
    if let Some(b) = out.hi.as_mut() {
        b.value += b.value.abs() * rel;
    }
    out
}

/// The statements that share the value most of them allow, and the others.
///
/// The value covered by the most intervals is found with a sweep over their
/// sorted ends (n log n, not all pairs: a fact may be stated in every document
/// of a large set).
fn consensus(all: &[FactValue]) -> (Vec<&FactValue>, Vec<&FactValue>) {
    let Some(dim) = all.first().map(|f| f.value.dimension) else {
        return (Vec::new(), Vec::new());
    };
    let same: Vec<&FactValue> = all.iter().filter(|f| f.value.dimension == dim).collect();
    let mut los: Vec<(f64, bool)> = same
        .iter()
        .map(|f| {
            f.value
                .interval
                .lo
                .map_or((f64::NEG_INFINITY, true), |b| (b.value, b.inclusive))
        })
        .collect();
    let mut his: Vec<(f64, bool)> = same
        .iter()
        .map(|f| {
            f.value
                .interval
                .hi
                .map_or((f64::INFINITY, true), |b| (b.value, b.inclusive))
        })
        .collect();
    los.sort_by(|a, b| a.0.total_cmp(&b.0));
    his.sort_by(|a, b| a.0.total_cmp(&b.0));
    // How many intervals hold `p`: those starting at or before it, less those ending before it.
    let count = |p: f64| {
        let (lt, le) = (
            los.partition_point(|x| x.0 < p),
            los.partition_point(|x| x.0 <= p),
        );
        let started = lt + los[lt..le].iter().filter(|x| x.1).count();
        let (lt, le) = (
            his.partition_point(|x| x.0 < p),
            his.partition_point(|x| x.0 <= p),
        );
        let ended = lt + his[lt..le].iter().filter(|x| !x.1).count();
        started.saturating_sub(ended)
    };
    let mut best: Option<(usize, f64)> = None;
    for &(x, _) in &los {
        let x = if x.is_finite() {
            x
        } else {
            his[0].0.min(0.0) - 1.0
        };
        // The end itself and just above it (for an open end).
        for probe in [x, x + x.abs() * 1e-9 + 1e-12] {
            let n = count(probe);
            if best.is_none_or(|(m, _)| n > m) {
                best = Some((n, probe));
            }
        }
    }
    let Some((_, x)) = best else {
        return (Vec::new(), Vec::new());
    };
    all.iter()
        .partition(|f| f.value.dimension == dim && f.value.interval.contains(x))
}

#[cfg(test)]
mod tests {
    use crate::check::testing::{set_findings, KURSK};

    const RULE: &str = "fact-relation";

    const CAPTURED: &str = "---\ndate: 2025-01-06\n---\nUkraine's army took several hundred square miles of land early on, about half of which has since been retaken.\n";

    #[test]
    fn half_of_several_hundred_square_miles_is_not_200_km2() {
        let f = set_findings(
            &[CAPTURED, "---\ndate: 2025-01-07\n---\nKyiv's troops still control approximately 200 square kilometers of land inside Russia.\n"],
            KURSK,
            RULE,
        );
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].primary.doc, 1);
        assert!(
            f[0].message.contains("held = captured × (1 − retaken)"),
            "{}",
            f[0].message
        );
        assert_eq!(f[0].secondary.len(), 2);
    }

    #[test]
    fn one_fact_stated_twice_with_values_that_cannot_meet() {
        let f = set_findings(
            &[
                "---\ndate: 2025-01-07\n---\nKyiv's troops still control approximately 500 square kilometers of land inside Russia.\n",
                "---\ndate: 2025-01-07\n---\nKyiv's troops still control about 1,500 square kilometers of land inside Russia.\n",
            ],
            KURSK,
            RULE,
        );
        assert_eq!(f.len(), 1, "{f:#?}");
    }

    #[test]
    fn half_of_several_hundred_square_miles_is_about_500_km2() {
        for docs in [
            &[CAPTURED, "---\ndate: 2025-01-07\n---\nKyiv's troops still control approximately 500 square kilometers of land inside Russia.\n"][..],
            // A fact no relation can use alone.
            &[CAPTURED][..],
        ] {
            assert!(set_findings(docs, KURSK, RULE).is_empty(), "{docs:?}");
        }
    }
}
