//! Arbitrary text as a fact relation (`captured * (1 - retaken) = held`):
//! it parses or gives an error inside the text; when it parses, it evaluates
//! and prints without panicking.
#![no_main]

use std::collections::HashMap;

use libfuzzer_sys::fuzz_target;
use reckon::story::facts::{compile_pattern, parse_relation, Fact, Quantity};
use reckon::value::interval::{Bound, Interval};
use reckon::value::units::Dimension;

fn fact(name: &str, pattern: &str) -> Fact {
    Fact {
        name: name.to_string(),
        patterns: vec![compile_pattern(pattern).expect("the fuzz target's own patterns compile")],
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let facts = [
        fact("captured", "took {quantity} of land"),
        fact("retaken", "retook {fraction}"),
        fact("held", "holds {quantity}"),
        fact("killed", "{number} killed"),
        fact("share", "{percent} of"),
        fact("zero", "zero {number}"),
        fact("open", "open {number}"),
    ];
    match parse_relation(text, &facts) {
        Err(e) => assert!(e.at <= text.len(), "error at {} past the end", e.at),
        Ok(rel) => {
            let mut values: HashMap<&str, Quantity> = HashMap::new();
            let q = |lo: f64, hi: f64, dimension| Quantity {
                interval: Interval {
                    lo: Some(Bound {
                        value: lo,
                        inclusive: true,
                    }),
                    hi: Some(Bound {
                        value: hi,
                        inclusive: true,
                    }),
                },
                dimension,
            };
            values.insert("captured", q(1.0e9, 1.3e9, Some(Dimension::Area)));
            values.insert("retaken", q(0.4, 0.6, None));
            values.insert("held", q(5.0e8, 6.0e8, Some(Dimension::Area)));
            values.insert("killed", q(38_000.0, 38_000.0, None));
            values.insert("share", q(0.25, 0.25, None));
            values.insert("zero", q(0.0, 0.0, None));
            values.insert(
                "open",
                Quantity {
                    interval: Interval {
                        lo: Some(Bound {
                            value: 0.0,
                            inclusive: false,
                        }),
                        hi: None,
                    },
                    dimension: None,
                },
            );
            let l = rel.lhs.eval(&values);
            let r = rel.rhs.eval(&values);
            if let (Some(l), Some(r)) = (l, r) {
                let _ = l.interval.intersects(&r.interval);
                let _ = reckon::story::facts::show(&l, None);
                let _ = reckon::story::facts::show(&r, None);
            }
            let _ = rel.lhs.show();
            let _ = rel.rhs.show();
        }
    }
});
