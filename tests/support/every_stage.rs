//! Every stage on a set of two documents, as `check` and `timeline` run them:
//! shared by `tests/unicode_stages.rs` and the fuzz target `check_document`
//! (`fuzz/fuzz_targets/check_document.rs`), which include this file by path.

use reckon::check::{self, CheckContext, DocView, Settings};
use reckon::extract::Options;
use reckon::lexicon::DEFAULT;
use reckon::source::{Document, Format};

pub fn assert_span(text: &str, span: &std::ops::Range<usize>, what: &str) {
    assert!(
        span.start <= span.end
            && span.end <= text.len()
            && text.is_char_boundary(span.start)
            && text.is_char_boundary(span.end),
        "{what}: span {span:?} is not a slice of {text:?}"
    );
}

/// Every stage on a set of two documents, as `check` and `timeline` run them,
/// with `settings`; every span a stage reports must be a slice of its text.
pub fn every_stage(a: &str, b: &str, format: Format, settings: &Settings) {
    let docs: Vec<Document> = [a, b]
        .iter()
        .enumerate()
        .map(|(i, t)| Document::from_text(format!("d{i}.md"), (*t).to_string(), format))
        .collect();
    let opts = Options::default();
    let mut claims = Vec::new();
    let mut names = Vec::new();
    for (d, doc) in docs.iter().enumerate() {
        assert_eq!(doc.prose.len(), doc.text.len());
        let (reference, mentions) = reckon::resolve::run(doc, &DEFAULT, &opts, None);
        for m in &mentions {
            assert_span(&doc.text, &m.mention.span, "mention");
        }
        let views = [DocView {
            doc,
            reference,
            mentions: &mentions,
        }];
        let cx = CheckContext {
            docs: &views,
            lex: &DEFAULT,
            settings,
        };
        let findings = check::run(&cx);
        for f in &findings {
            assert_span(&doc.text, &f.primary.span, f.rule);
            for l in &f.secondary {
                assert_span(&doc.text, &l.span, f.rule);
            }
        }
        let refs = [doc];
        let _ = reckon::render::human::render(&findings, &refs, false);
        let _ = reckon::render::concise::render(&findings, &refs);
        let _ = reckon::render::findings_json::render(&findings, &refs);
        let mut json = reckon::render::json::JsonWriter::begin(Vec::new()).unwrap();
        let r = reckon::render::DocResult {
            doc,
            reference,
            mentions: mentions.clone(),
        };
        json.document(&r, &DEFAULT).unwrap();
        json.finish().unwrap();
        let mut table = Vec::new();
        reckon::render::table::write(&mut table, std::slice::from_ref(&r)).unwrap();
        claims.extend(reckon::check::claims_of(&views[0], d, settings, &DEFAULT));
        names.push(doc.name.clone());
    }
    let index = reckon::story::Index::of(claims);
    let set = check::SetContext {
        index: &index,
        names: &names,
        settings,
    };
    let across = check::run_set(&set);
    for f in &across {
        for l in std::iter::once(&f.primary).chain(&f.secondary) {
            assert_span(&docs[l.doc].text, &l.span, f.rule);
        }
    }
    let refs: Vec<&Document> = docs.iter().collect();
    let _ = reckon::render::human::render(&across, &refs, false);
    let t = reckon::timeline::of_documents(&docs, &DEFAULT, &opts, settings, None, None);
    let mut out = Vec::new();
    reckon::timeline::table::write(&mut out, &t).unwrap();
    reckon::timeline::json::write(&mut out, &t).unwrap();
    reckon::timeline::html::write(&mut out, &t, "t").unwrap();
}
