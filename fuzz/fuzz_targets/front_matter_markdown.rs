//! Arbitrary text as a Markdown document with front matter: the prose mask,
//! the front matter's date, and the reference date chosen from it (or from a
//! dateline) when the document is resolved.
#![no_main]

use libfuzzer_sys::fuzz_target;
use reckon::extract::Options;
use reckon::lexicon::DEFAULT;
use reckon::source::{Document, Format};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // As written, and behind a front matter fence of each kind, so the
    // fuzzer spends its time inside the front matter too.
    for t in [
        text.to_string(),
        format!("---\n{text}"),
        format!("+++\n{text}"),
        format!("\u{feff}---\ndate: 2025-01-07\n---\n{text}"),
    ] {
        let doc = Document::from_text("f.md", t, Format::Markdown);
        assert_eq!(doc.prose.len(), doc.text.len());
        assert!(doc
            .prose
            .bytes()
            .zip(doc.text.bytes())
            .all(|(p, t)| p == t || p == b' ' || t == b'\n' && p == b'\n'));
        if let Some(fm) = &doc.front_matter {
            assert!(fm.span.end <= doc.text.len() && doc.text.is_char_boundary(fm.span.end));
        }
        let (reference, mentions) = reckon::resolve::run(&doc, &DEFAULT, &Options::default(), None);
        let _ = reference;
        for m in &mentions {
            let s = &m.mention.span;
            assert!(s.start <= s.end && s.end <= doc.text.len());
            assert!(doc.text.is_char_boundary(s.start) && doc.text.is_char_boundary(s.end));
        }
    }
});
