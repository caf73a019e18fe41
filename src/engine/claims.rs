//! Claims made apart, checked together: `reckon extract --format jsonl` writes
//! each document's claims and own findings as one JSON line, on as many
//! machines as there are shards, and `reckon check --claims` runs the pass over
//! the set from those lines, reading documents again only to show findings.
//!
//! A line must be read back by another process, so nothing in it may depend on
//! the run that wrote it: the document is known again by its length and a
//! hash with fixed keys ([`Stamp`]), and the configuration by a hash of every
//! text that made it ([`fingerprint`]).

use std::hash::Hasher;
use std::path::PathBuf;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::config::Project;
use super::{Across, Again, Engine, Input, Loader, SetProblem};
use crate::check::Finding;
use crate::extract::Options;
use crate::source::{Document, Format, SourceError};
use crate::story::{Claim, Index};

/// The first line of a claims file: who wrote it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Header {
    /// The version of reckon that wrote it (claims of another version are refused).
    pub reckon: String,
    /// The layout of the lines ([`LAYOUT`]).
    pub layout: u32,
}

/// The layout of the lines this build writes and reads.
pub const LAYOUT: u32 = 1;

impl Header {
    /// This build's header.
    #[must_use]
    pub fn current() -> Header {
        Header {
            reckon: env!("CARGO_PKG_VERSION").to_string(),
            layout: LAYOUT,
        }
    }
}

/// A document's byte length and a 64-bit hash of its text that every process
/// of this build computes alike: std's `DefaultHasher::new()` (SipHash-1-3
/// with fixed keys). Unlike the engine's fingerprint it is not keyed per run,
/// so a file crafted to collide is possible; it tells a document that changed
/// since it was extracted, not a forgery.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    /// Bytes.
    pub len: usize,
    /// The hash, as 16 hexadecimal digits (JSON numbers lose bits past 2^53 in many readers).
    #[serde(with = "hex")]
    pub hash: u64,
}

impl Stamp {
    /// The stamp of `text`.
    #[must_use]
    pub fn of(text: &str) -> Stamp {
        Stamp {
            len: text.len(),
            hash: stable_hash(&[text.as_bytes()]),
        }
    }
}

/// A 64-bit hash of `parts` (each length-prefixed) that does not change between runs.
fn stable_hash(parts: &[&[u8]]) -> u64 {
    // `new()` has fixed keys: the point, across processes.
    let mut h = std::hash::DefaultHasher::new();
    for p in parts {
        h.write_usize(p.len());
        h.write(p);
    }
    h.finish()
}

/// `u64` as 16 hexadecimal digits.
mod hex {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(v: &u64, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&format!("{v:016x}"))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
        let s = String::deserialize(d)?;
        u64::from_str_radix(&s, 16).map_err(serde::de::Error::custom)
    }
}

/// One document's line: what the set pass needs of it and what `check` reports of it alone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Extracted {
    /// Its name: the path as given to `extract`, read again by `check --claims`.
    pub name: String,
    /// Markdown or text.
    pub format: Format,
    /// What its text was.
    pub stamp: Stamp,
    /// The [`fingerprint`] of the configuration it was checked with.
    pub config: String,
    /// Its reference date (the set dates an undated document by its story's).
    pub date: Option<NaiveDate>,
    /// It has no reference date but weekdays or relative dates that needed one.
    pub undated_relative: bool,
    /// Its own findings, suppression comments and `per-file-ignores` applied.
    pub findings: Vec<Finding>,
    /// Its claims, as document 0 of a set of two (every claim a set of any
    /// size may read: [`Engine::check_claims`] leaves out what its size does not).
    pub claims: Vec<Claim>,
}

/// A hash of everything that decides what a document's line holds: this
/// build's version and embedded rules and lexicons, the configuration file,
/// the lexicon files, `--date` and the date order. Texts are hashed, not
/// paths, so the same configuration seen from another folder matches.
#[must_use]
pub fn fingerprint(project: &Project, options: &Options, date: Option<NaiveDate>) -> String {
    let read =
        |p: &PathBuf| std::fs::read(p).unwrap_or_else(|e| format!("unreadable: {e}").into_bytes());
    let config = project.path.as_ref().map(read).unwrap_or_default();
    let lexicons: Vec<Vec<u8>> = project.lexicon_files.iter().map(read).collect();
    let flags = format!("{date:?} {:?}", options.date_order);
    let mut parts: Vec<&[u8]> = vec![
        env!("CARGO_PKG_VERSION").as_bytes(),
        crate::check::settings::DEFAULT_RULES.as_bytes(),
        crate::lexicon::EMBEDDED_EN.as_bytes(),
        crate::reading::lexicon::EMBEDDED.as_bytes(),
        &config,
        flags.as_bytes(),
    ];
    parts.extend(lexicons.iter().map(Vec::as_slice));
    format!("{:016x}", stable_hash(&parts))
}

/// A document of a set put together from claims files.
pub struct Member {
    /// Its name (a path).
    pub name: String,
    /// What its text was.
    pub stamp: Stamp,
    /// Its reference date.
    pub date: Option<NaiveDate>,
    /// Undated, with weekdays or relative dates the set may date.
    pub undated_relative: bool,
    /// Its claims, numbered as document 0 of a set of two.
    pub claims: Vec<Claim>,
}

/// `input` read again, if it is still what `stamp` says; `Err(None)` when it changed.
pub(crate) fn read_back(
    input: &Input,
    loader: &Loader,
    stamp: Stamp,
) -> Result<Document, Option<SourceError>> {
    match loader.load(input) {
        Ok(doc) if Stamp::of(&doc.text) == stamp => Ok(doc.into_owned()),
        Ok(_) => Err(None),
        Err(e) => Err(Some(e)),
    }
}

/// The claims of a set of two (`claims`) that a set of `n` documents reads:
/// none that link stories in a set of one, and in a set larger than a story
/// a document's topic only beside a story event or count it links
/// (`check::claims_in_a_set_of`).
fn in_a_set_of(claims: Vec<Claim>, n: usize) -> Vec<Claim> {
    if n == 1 {
        return claims.into_iter().filter(|c| !c.links_stories()).collect();
    }
    let linked = claims
        .iter()
        .any(|c| matches!(c, Claim::Frame(_) | Claim::Count(_)));
    if n <= crate::check::event_date_conflict::STORY_SET_MAX || linked {
        return claims;
    }
    claims
        .into_iter()
        .filter(|c| !matches!(c, Claim::Topic(_)))
        .collect()
}

impl Engine {
    /// Document `doc`'s line, checked as in a set of two, which reads every
    /// claim (story links and topics); `ignored` are the rules its
    /// `per-file-ignores` turn off.
    #[must_use]
    pub fn extract_claims(&self, doc: &Document, config: &str, ignored: &[&str]) -> Extracted {
        let checked = self.check_document_in(doc, 0, 2);
        let undated_relative = checked.undated_relative();
        let mut findings = checked.findings;
        findings.retain(|f| !ignored.contains(&f.rule));
        Extracted {
            name: doc.name.clone(),
            format: doc.format,
            stamp: Stamp::of(&doc.text),
            config: config.to_string(),
            date: checked.reference.date,
            undated_relative,
            findings,
            claims: checked.claims,
        }
    }

    /// The findings across `members` (in set order), as [`Engine::run`] finds
    /// them: the documents they label are read again and must be what was
    /// extracted, and their suppression comments are applied.
    #[must_use]
    pub fn check_claims(&self, members: Vec<Member>, loader: &Loader) -> Across {
        let n = members.len();
        let mut index = Index::default();
        let mut names = Vec::with_capacity(n);
        let mut inputs = Vec::with_capacity(n);
        let mut again = Vec::with_capacity(n);
        let mut dates = Vec::with_capacity(n);
        let mut undated = Vec::new();
        for (i, m) in members.into_iter().enumerate() {
            let claims = in_a_set_of(m.claims, n);
            again.push(if claims.is_empty() {
                Again::Input
            } else {
                Again::Stamped(m.stamp)
            });
            for mut c in claims {
                c.set_doc(i);
                index.add(c);
            }
            inputs.push(Input::File(PathBuf::from(&m.name)));
            names.push(m.name);
            dates.push(m.date);
            if m.undated_relative {
                undated.push(i);
            }
        }
        let mut across = Across::default();
        let found = crate::guard::isolate(|| {
            let mut found = self.check_set(&index, &names);
            found.extend(self.dated_by_the_set(&inputs, loader, &index, &dates, &undated));
            found
        });
        drop(index);
        match found {
            Ok(found) if found.is_empty() => {}
            Ok(found) => {
                match crate::guard::isolate(|| super::labelled(&inputs, loader, &mut again, &found))
                {
                    Ok(a) => across = a,
                    Err(crash) => across.problems.push(SetProblem::Crashed {
                        crash,
                        during: "the findings across documents",
                    }),
                }
            }
            Err(crash) => across.problems.push(SetProblem::Crashed {
                crash,
                during: "the document set (checks across documents)",
            }),
        }
        across
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::Settings;
    use crate::lexicon::Lexicon;

    /// Every claim of `text` (checked with `config` as document 0) survives
    /// JSON, and the variants `want` are among them.
    fn round_trip(config: &str, text: &str, want: &[&str]) -> Extracted {
        let settings = if config.is_empty() {
            Settings::defaults()
        } else {
            Settings::load(Some(("story.yaml", config))).unwrap()
        };
        let engine = Engine::new(settings, Lexicon::clone_default(), Options::default(), None);
        let doc = Document::from_text("a.md", text.to_string(), Format::Markdown);
        let line = engine.extract_claims(&doc, "cfg", &[]);
        let json = serde_json::to_string(&line).unwrap();
        let back: Extracted = serde_json::from_str(&json).unwrap();
        assert_eq!(back, line);
        for w in want {
            assert!(
                json.contains(&format!("{{\"{w}\":")),
                "no {w} claim in {json}"
            );
        }
        back
    }

    #[test]
    fn every_claim_survives_json() {
        let back = round_trip(
            crate::check::testing::KURSK,
            "---\ndate: 2025-01-07\n---\nUkrainian units crossed into Kursk on August 6, 2024. \
             Monday was four months since Ukraine's troops crossed into Kursk. Ukraine's army \
             took several hundred square miles of land early on, about half of which has \
             since been retaken. Kyiv's troops still control approximately 200 square \
             kilometers of land inside Russia. Officials met on Thursday, March 12, 2025.\n",
            &["EventDate", "EventRef", "Fact"],
        );
        // A finding with a fix survives too, its rule read back through the registry.
        assert!(back
            .findings
            .iter()
            .any(|f| f.rule == "weekday-mismatch" && f.fix.is_some()));
        round_trip(
            "",
            "LAGOS, Nigeria (AP) — The ferry capsized on the Niger River on Oct. 17, 2024, \
             said Governor Umaru Bago of Niger State. About 1,400 homes were destroyed by the \
             flood, and the deaths of eleven people were reported by Niger State officials.\n",
            &["Frame", "Topic", "Count", "Figure"],
        );
    }

    #[test]
    fn an_unknown_rule_is_refused() {
        let f = r#"{"rule":"no-such-rule","severity":"error","message":"m",
            "primary":{"doc":0,"span":{"start":0,"end":1},"message":""},
            "secondary":[],"help":null,"fix":null}"#;
        let e = serde_json::from_str::<Finding>(f).unwrap_err().to_string();
        assert!(e.contains("no rule `no-such-rule`"), "{e}");
        let ok = f.replace("no-such-rule", "weekday-mismatch");
        assert_eq!(
            serde_json::from_str::<Finding>(&ok).unwrap().rule,
            "weekday-mismatch"
        );
    }

    #[test]
    fn set_doc_moves_every_label() {
        let doc = Document::from_text(
            "a.md",
            "The ferry capsized on Oct. 17, 2024, in Niger State, said Governor Umaru Bago. \
             The deaths of eleven people were reported.\n"
                .to_string(),
            Format::Markdown,
        );
        let engine = Engine::new(
            Settings::defaults(),
            Lexicon::clone_default(),
            Options::default(),
            None,
        );
        let mut claims = engine.extract_claims(&doc, "", &[]).claims;
        assert!(!claims.is_empty());
        for c in &mut claims {
            c.set_doc(7);
            let json = serde_json::to_string(c).unwrap();
            assert!(!json.contains("\"doc\":0"), "{json}");
            assert_eq!(c.doc(), 7);
        }
    }

    #[test]
    fn a_stamp_tells_a_change() {
        let a = Stamp::of("The ferry capsized on Oct. 17.\n");
        assert_eq!(a, Stamp::of("The ferry capsized on Oct. 17.\n"));
        assert_ne!(a, Stamp::of("The ferry capsized on Oct. 18.\n"));
        let json = serde_json::to_string(&a).unwrap();
        assert_eq!(serde_json::from_str::<Stamp>(&json).unwrap(), a);
    }
}
