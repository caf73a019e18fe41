//! Unicode-heavy punctuation through every stage: no panic, and every span a
//! stage reports lies inside its text on character boundaries.
//!
//! A byte offset found by searching for one character must step by that
//! character's length; the em dash of an AP dateline ("LONDON — Police …") once
//! aborted whole runs. The fragments below mix news phrasing with the
//! characters that broke or could break such arithmetic.

#[path = "support/every_stage.rs"]
mod stages;

use proptest::prelude::*;
use reckon::check::Settings;
use reckon::source::Format;
use stages::every_stage;

/// Pieces of copy: dates, figures, events, attributions.
const WORDS: &[&str] = &[
    "LONDON",
    "Police arrested 37 people on Thursday",
    "He said",
    "Ukrainian units crossed into Kursk on August 6, 2024",
    "on",
    "in",
    "Monday",
    "Jan. 6",
    "6 January 2025",
    "2025-02-29",
    "February 30",
    "from March 10 to March 3",
    "five months since August 6",
    "two weeks before January 20",
    "about half of several hundred square miles",
    "approximately 500 square kilometers",
    "38,000 Russian troops were killed",
    "some 1,900 homes destroyed",
    "more than 3,000 homes were destroyed",
    "-20C (-4F)",
    "a 900-square-metre (9,700-square-foot) hall",
    "the 45-year-old",
    "born in 1975",
    "rose 12% to $5.6bn from $5.4bn",
    "or 30 per cent",
    "of which",
    "the rest",
    "three months ago",
    "at 6:40 p.m. on Sunday, May 4",
    "its 12th day",
    "the 1990s",
    "last year",
    "(AP)",
    "Officials said",
    "a trillion years since",
    "99999999999999999999 kilometers",
    "1e308",
    "year 0",
    "9999",
];

/// Characters whose UTF-8 length is not one byte, or that split or join text oddly.
const MARKS: &[&str] = &[
    "\u{2014}",                         // em dash
    "\u{2013}",                         // en dash
    "\u{201c}",                         // left double quote
    "\u{201d}",                         // right double quote
    "\u{2018}",                         // left single quote
    "\u{2019}",                         // right single quote / apostrophe
    "\u{a0}",                           // no-break space
    "\u{202f}",                         // narrow no-break space
    "\u{2009}",                         // thin space
    "\u{3000}",                         // ideographic space
    "\u{2028}",                         // line separator
    "\u{2029}",                         // paragraph separator
    "\u{200f}",                         // right-to-left mark
    "\u{200e}",                         // left-to-right mark
    "\u{202e}",                         // right-to-left override
    "e\u{301}",                         // e + combining acute
    "\u{1f1fa}\u{1f1e6}",               // flag: UA
    "\u{ff12}\u{ff10}\u{ff12}\u{ff15}", // full-width 2025
    "\u{ff16}",                         // full-width 6
    "\u{2212}",                         // minus sign
    "\u{130}",                          // İ: lower-cases to two characters
    "\u{df}",                           // ß
    "\u{fb01}",                         // ﬁ ligature
    "\u{feff}",                         // BOM / zero-width no-break space
    "\u{200b}",                         // zero-width space
    "\u{2026}",                         // ellipsis
    "\u{b0}",                           // degree sign
    "\u{a3}",                           // pound sign
    "\u{20ac}",                         // euro sign
];

/// What joins two pieces.
const JOINS: &[&str] = &[
    " ",
    "",
    "\n",
    "\n\n",
    ", ",
    ". ",
    " \u{2014} ",
    "\r\n",
    "\t",
    " -- ",
];

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => proptest::sample::select(WORDS).prop_map(str::to_string),
        2 => proptest::sample::select(MARKS).prop_map(str::to_string),
        1 => proptest::sample::select(JOINS).prop_map(str::to_string),
        1 => "[a-zA-Z0-9 ,.;:()\"'#*|\\-]{0,12}",
    ]
}

fn text() -> impl Strategy<Value = String> {
    proptest::collection::vec((piece(), proptest::sample::select(JOINS)), 1..24)
        .prop_map(|v| v.into_iter().map(|(p, j)| format!("{p}{j}")).collect())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn plain_text_survives_every_stage(a in text(), b in text()) {
        every_stage(&a, &b, Format::Text, &Settings::defaults());
    }

    #[test]
    fn markdown_survives_every_stage(a in text(), b in text()) {
        every_stage(&format!("---\ndate: 2025-01-07\n---\n{a}"), &b, Format::Markdown, &Settings::defaults());
    }
}

/// The reproducers that once aborted a run, each through every stage.
#[test]
fn known_crashers_pass_every_stage() {
    let cases = [
        "LONDON \u{2014} Police arrested 37 people on Thursday.",
        "LEEDS, England (AP) \u{2014} British police arrested two men Monday.",
        "Officials said \u{2014} 38,000 Russian troops were killed in Kursk.",
        "He said \u{201c}Ukrainian units crossed into Kursk on August 6, 2024.\u{201d}",
        "Ukrainian units crossed into Kursk on\n\nAugust 6, 2024, officials said.",
        "November2 2024\nOn\n\nMonday",
        "Troops crossed\u{a0}on August 6, 2024 into Kursk.",
        "Troops crossed\u{2028}on August 6, 2024 into Kursk.",
        "s\u{2014}0mes destroyed",
    ];
    let settings = Settings::defaults();
    for c in cases {
        for f in [Format::Text, Format::Markdown] {
            every_stage(
                c,
                "Police arrested 12 people on Monday, Jan. 6, 2025.",
                f,
                &settings,
            );
        }
    }
}
