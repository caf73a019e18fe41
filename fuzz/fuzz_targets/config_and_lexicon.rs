//! Arbitrary text as a project's `reckon.yaml` and as a lexicon extension:
//! either it loads or it is a `YamlError` whose report can be printed.
#![no_main]

use libfuzzer_sys::fuzz_target;
use reckon::check::Settings;
use reckon::lexicon::{Lexicon, EMBEDDED_EN};

fn render(e: reckon::config::YamlError) {
    let _ = e.to_string();
    let handler =
        miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor());
    let mut out = String::new();
    let _ = handler.render_report(&mut out, &e);
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match Settings::load(Some(("reckon.yaml", text))) {
        Ok(s) => {
            // Whatever loaded is usable: check a short document with it.
            let doc = reckon::source::Document::from_text(
                "d.md",
                "On Aug. 6, 2024, five months since March 3, troops took 500 square miles."
                    .to_string(),
                reckon::source::Format::Markdown,
            );
            let opts = reckon::extract::Options::default();
            let (reference, mentions) =
                reckon::resolve::run(&doc, &reckon::lexicon::DEFAULT, &opts, None);
            let views = [reckon::check::DocView {
                doc: &doc,
                reference,
                mentions: &mentions,
            }];
            let cx = reckon::check::CheckContext {
                docs: &views,
                lex: &reckon::lexicon::DEFAULT,
                settings: &s,
            };
            let _ = reckon::check::run(&cx);
            let _ = reckon::check::claims_of(&views[0], 0, &s, &reckon::lexicon::DEFAULT);
        }
        Err(e) => render(e),
    }
    match Lexicon::from_files(&[("rules/lexicon/en.yaml", EMBEDDED_EN), ("fuzz.yaml", text)]) {
        Ok(lex) => {
            let doc = reckon::source::Document::from_text(
                "d.txt",
                "About 3,000 homes, some 12 km away, on Monday, Jan. 6, 2025.".to_string(),
                reckon::source::Format::Text,
            );
            let _ = reckon::resolve::run(&doc, &lex, &reckon::extract::Options::default(), None);
        }
        Err(e) => render(e),
    }
});
