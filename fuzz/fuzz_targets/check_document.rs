//! Arbitrary bytes through every stage: source (Markdown when the first byte
//! is even, plain text otherwise), extract, resolve, every check, the claims,
//! the set pass over two copies, the timeline and every renderer — the
//! `every_stage` of tests/unicode_stages.rs, included from the test support.
#![no_main]

#[path = "../../tests/support/every_stage.rs"]
mod stages;

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use reckon::check::Settings;
use reckon::source::Format;

static SETTINGS: LazyLock<Settings> = LazyLock::new(Settings::defaults);

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let format = if data.first().is_some_and(|b| b % 2 == 0) {
        Format::Markdown
    } else {
        Format::Text
    };
    stages::every_stage(text, text, format, &SETTINGS);
});
