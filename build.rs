//! Converts the embedded rule and lexicon files from YAML to JSON at build
//! time. serde_yaml reads a few hundred instructions a byte, so parsing them
//! on every start cost more than checking a news story; serde_json reads the
//! same data in a tenth of that. `config::parse` uses the JSON twin only for
//! text equal to the embedded file, so user files and error messages are
//! unchanged, and a test holds that both parse to the same values.
use std::path::Path;

const EMBEDDED: [&str; 4] = [
    "rules/default.yaml",
    "rules/lexicon/en.yaml",
    "rules/lexicon/reading.yaml",
    "rules/lexicon/timeline.yaml",
];

fn main() {
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    for file in EMBEDDED {
        println!("cargo:rerun-if-changed={file}");
        let text = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{file}: {e}"));
        let value: serde_yaml::Value =
            serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{file}: {e}"));
        let json = serde_json::to_string(&value).unwrap_or_else(|e| panic!("{file}: {e}"));
        let name = Path::new(file).file_name().expect("a file name");
        let target = Path::new(&out).join(name).with_extension("json");
        std::fs::write(&target, json).unwrap_or_else(|e| panic!("{}: {e}", target.display()));
    }
    println!("cargo:rerun-if-changed=build.rs");
}
