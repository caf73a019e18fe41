//! The rule and lexicon files built into the binary, as written (YAML) and as
//! `build.rs` converted them (JSON, which parses in a tenth of the time).

/// One file built into the binary.
pub struct Embedded {
    /// Its path in the project, for messages.
    pub name: &'static str,
    /// The file as written.
    pub yaml: &'static str,
    /// The same data as JSON.
    json: &'static str,
}

/// `rules/default.yaml`.
pub const DEFAULT_RULES: Embedded = Embedded {
    name: "rules/default.yaml",
    yaml: include_str!("../../rules/default.yaml"),
    json: include_str!(concat!(env!("OUT_DIR"), "/default.json")),
};

/// `rules/lexicon/en.yaml`.
pub const LEXICON_EN: Embedded = Embedded {
    name: "rules/lexicon/en.yaml",
    yaml: include_str!("../../rules/lexicon/en.yaml"),
    json: include_str!(concat!(env!("OUT_DIR"), "/en.json")),
};

/// `rules/lexicon/reading.yaml`.
pub const READING: Embedded = Embedded {
    name: "rules/lexicon/reading.yaml",
    yaml: include_str!("../../rules/lexicon/reading.yaml"),
    json: include_str!(concat!(env!("OUT_DIR"), "/reading.json")),
};

/// `rules/lexicon/timeline.yaml`.
pub const TIMELINE: Embedded = Embedded {
    name: "rules/lexicon/timeline.yaml",
    yaml: include_str!("../../rules/lexicon/timeline.yaml"),
    json: include_str!(concat!(env!("OUT_DIR"), "/timeline.json")),
};

const ALL: [&Embedded; 4] = [&DEFAULT_RULES, &LEXICON_EN, &READING, &TIMELINE];

/// The JSON twin of `text`, when `text` is one of the embedded files.
pub(crate) fn json_of(text: &str) -> Option<&'static str> {
    ALL.iter()
        .find(|e| e.yaml.len() == text.len() && e.yaml == text)
        .map(|e| e.json)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every embedded file reads the same from its JSON twin as from its YAML.
    #[test]
    fn json_twins_read_as_the_yaml() {
        fn same<T: serde::de::DeserializeOwned + std::fmt::Debug>(e: &Embedded) {
            let yaml: T = serde_yaml::from_str(e.yaml).expect(e.name);
            let json: T = serde_json::from_str(e.json).expect(e.name);
            assert_eq!(format!("{yaml:?}"), format!("{json:?}"), "{}", e.name);
        }
        same::<super::super::check::RuleFile>(&DEFAULT_RULES);
        same::<super::super::lexicon::LexiconFile>(&LEXICON_EN);
        same::<super::super::reading::ReadingFile>(&READING);
        for e in ALL {
            let yaml: serde_json::Value = serde_yaml::from_str(e.yaml).expect(e.name);
            let json: serde_json::Value = serde_json::from_str(e.json).expect(e.name);
            assert_eq!(yaml, json, "{}", e.name);
        }
    }
}
