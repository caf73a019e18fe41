//! A document set held in memory, as an editor has it: each document with
//! what checking it gave, so that one changed document is checked again on
//! its own and the set pass runs over the claims already held, without
//! reading or resolving the others again.

use super::{Checked, Engine};
use crate::check::{self, Finding};
use crate::source::Document;
use crate::story::Index;

/// One document of the workspace.
struct Entry {
    /// The caller's key (an editor's URI).
    key: String,
    doc: Document,
    checked: Checked,
}

/// Documents by key, each checked once per change, and the findings across them.
pub struct Workspace {
    engine: Engine,
    /// By index; a removed document leaves `None`, so the indices that labels
    /// and claims carry stay valid.
    entries: Vec<Option<Entry>>,
    /// The findings across the set, suppressions applied; `None` after a change.
    across: Option<Vec<Finding>>,
}

impl Workspace {
    /// An empty workspace checked with `engine`.
    #[must_use]
    pub fn new(engine: Engine) -> Workspace {
        Workspace {
            engine,
            entries: Vec::new(),
            across: None,
        }
    }

    /// The engine documents are checked with.
    #[must_use]
    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    /// Checks every document again with `engine` (the configuration changed).
    pub fn set_engine(&mut self, engine: Engine) {
        self.engine = engine;
        for i in 0..self.entries.len() {
            if let Some(e) = self.entries[i].take() {
                let checked = checked_safely(&self.engine, &e.doc, i);
                self.entries[i] = Some(Entry { checked, ..e });
            }
        }
        self.across = None;
    }

    /// The index of the document under `key`.
    #[must_use]
    pub fn index_of(&self, key: &str) -> Option<usize> {
        self.entries
            .iter()
            .position(|e| e.as_ref().is_some_and(|e| e.key == key))
    }

    /// Puts `doc` under `key` (replacing what was there) and checks it, alone:
    /// the other documents keep what they were checked to. Returns its index.
    pub fn upsert(&mut self, key: &str, doc: Document) -> usize {
        let i = self.index_of(key).unwrap_or_else(|| {
            let free = self.entries.iter().position(Option::is_none);
            free.unwrap_or_else(|| {
                self.entries.push(None);
                self.entries.len() - 1
            })
        });
        let checked = checked_safely(&self.engine, &doc, i);
        self.entries[i] = Some(Entry {
            key: key.to_string(),
            doc,
            checked,
        });
        self.across = None;
        i
    }

    /// Takes the document under `key` out of the set.
    pub fn remove(&mut self, key: &str) {
        if let Some(i) = self.index_of(key) {
            self.entries[i] = None;
            self.across = None;
        }
    }

    /// Takes the document under `key` out of the set and gives it back (to
    /// move it to the set of another configuration).
    pub fn take(&mut self, key: &str) -> Option<Document> {
        let i = self.index_of(key)?;
        let entry = self.entries[i].take()?;
        self.across = None;
        Some(entry.doc)
    }

    /// Document `i` and what checking it gave.
    #[must_use]
    pub fn get(&self, i: usize) -> Option<(&str, &Document, &Checked)> {
        let e = self.entries.get(i)?.as_ref()?;
        Some((&e.key, &e.doc, &e.checked))
    }

    /// Document `i`, for rendering a label that points into it.
    #[must_use]
    pub fn document(&self, i: usize) -> Option<&Document> {
        self.get(i).map(|(_, d, _)| d)
    }

    /// The keys and indices of every document held.
    pub fn keys(&self) -> impl Iterator<Item = (usize, &str)> {
        self.entries
            .iter()
            .enumerate()
            .filter_map(|(i, e)| e.as_ref().map(|e| (i, e.key.as_str())))
    }

    /// The findings across the set (labels index this workspace's
    /// documents), from the claims held; run again only after a change.
    pub fn across(&mut self) -> &[Finding] {
        if self.across.is_none() {
            let found = crate::guard::isolate(|| {
                let mut index = Index::default();
                let mut names = vec![String::new(); self.entries.len()];
                for (i, e) in self.entries.iter().enumerate() {
                    let Some(e) = e else { continue };
                    names[i].clone_from(&e.doc.name);
                    for c in &e.checked.claims {
                        index.add(c.clone());
                    }
                }
                let mut found = self.engine.check_set(&index, &names);
                found.retain(|f| {
                    let labelled = std::iter::once(&f.primary)
                        .chain(&f.secondary)
                        .all(|l| self.document(l.doc).is_some());
                    labelled
                        && self.document(f.primary.doc).is_some_and(|d| {
                            !check::suppress::suppressed(&d.text, f.rule, f.primary.span.start)
                        })
                });
                found
            });
            // A crash in the pass over the set leaves each document's own findings.
            self.across = Some(found.unwrap_or_default());
        }
        self.across.as_deref().unwrap_or_default()
    }

    /// Everything reported at document `i`: its own findings, then the
    /// findings across the set whose primary label is in it.
    pub fn findings(&mut self, i: usize) -> Vec<Finding> {
        let mut out = self
            .get(i)
            .map(|(_, _, c)| c.findings.clone())
            .unwrap_or_default();
        out.extend(self.across().iter().filter(|f| f.primary.doc == i).cloned());
        out
    }
}

/// [`Engine::check_document`] for document `i`, a panic caught: a document
/// that crashes the checks has no findings and no claims, and the others are
/// still checked. Its findings label it as document `i` of the workspace
/// (checked alone, they say document 0).
fn checked_safely(engine: &Engine, doc: &Document, i: usize) -> Checked {
    let mut checked = crate::guard::isolate(|| engine.check_document(doc, i)).unwrap_or_default();
    for f in &mut checked.findings {
        f.primary.doc = i;
        for l in &mut f.secondary {
            l.doc = i;
        }
        if let Some(fix) = &mut f.fix {
            fix.doc = i;
        }
    }
    checked
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Format;

    fn engine(config: &str) -> Engine {
        let settings = crate::check::Settings::load(Some(("story.yaml", config))).unwrap();
        Engine::new(
            settings,
            crate::lexicon::Lexicon::clone_default(),
            crate::extract::Options::default(),
            None,
        )
    }

    fn md(name: &str, text: &str) -> Document {
        Document::from_text(name, text.to_string(), Format::Markdown)
    }

    const STORY: &str = "events:\n  - name: probe-launch\n    aliases: [launch of the probe]\n";

    #[test]
    fn a_change_is_checked_against_the_claims_of_the_others() {
        let mut w = Workspace::new(engine(STORY));
        let a = w.upsert(
            "a",
            md(
                "a.md",
                "The launch of the probe took place on March 3, 2024.\n",
            ),
        );
        let b = w.upsert(
            "b",
            md(
                "b.md",
                "The launch of the probe took place on March 3, 2024.\n",
            ),
        );
        assert!(w.findings(a).is_empty() && w.findings(b).is_empty());
        // Only b changes; a's claims are the ones held.
        w.upsert(
            "b",
            md(
                "b.md",
                "The launch of the probe took place on March 9, 2024.\n",
            ),
        );
        let rules: Vec<&str> = w
            .findings(a)
            .iter()
            .chain(&w.findings(b))
            .map(|f| f.rule)
            .collect();
        assert!(rules.contains(&"event-date-conflict"), "{rules:?}");
        // Taking b out clears the conflict.
        w.remove("b");
        assert!(w.findings(a).is_empty());
        assert_eq!(w.keys().count(), 1);
    }

    #[test]
    fn a_document_in_memory_is_checked_on_its_own() {
        let mut w = Workspace::new(engine(""));
        let i = w.upsert(
            "draft",
            md(
                "draft.md",
                "On Thursday, March 14, 2025, the council met.\n",
            ),
        );
        assert!(w.findings(i).iter().any(|f| f.rule == "weekday-mismatch"));
        let again = w.upsert(
            "draft",
            md("draft.md", "On Friday, March 14, 2025, the council met.\n"),
        );
        assert_eq!(again, i);
        assert!(w.findings(i).is_empty());
    }
}
