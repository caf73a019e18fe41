//! A document set held in memory, as an editor has it: each document with
//! what checking it gave, so that one changed document is checked again on
//! its own and the set pass runs over the claims already held, without
//! reading or resolving the others again.
//!
//! The claim index is kept up to date one document at a time: a change takes
//! that document's claims out and files its new ones, so the set pass never
//! copies the other documents' claims.

use std::collections::HashMap;

use super::{Checked, Engine};
use crate::check::{self, Finding};
use crate::source::Document;
use crate::story::{Claim, Index};

/// One document of the workspace.
struct Entry {
    /// The caller's key (an editor's URI).
    key: String,
    doc: Document,
    /// What checking it gave; its claims are moved into the workspace's
    /// index, so `claims` here is empty.
    checked: Checked,
}

/// Documents by key, each checked once per change, and the findings across them.
pub struct Workspace {
    engine: Engine,
    /// By index; a removed document leaves `None`, so the indices that labels
    /// and claims carry stay valid.
    entries: Vec<Option<Entry>>,
    /// The claims of every document held, filed in document order.
    index: Index,
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
            index: Index::default(),
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
        self.index = Index::default();
        for i in 0..self.entries.len() {
            if let Some(e) = self.entries[i].take() {
                let mut checked = checked_safely(&self.engine, &e.doc, i);
                file_claims(&mut self.index, std::mem::take(&mut checked.claims));
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
        let mut checked = checked_safely(&self.engine, &doc, i);
        forget_claims(&mut self.index, i);
        file_claims(&mut self.index, std::mem::take(&mut checked.claims));
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
            forget_claims(&mut self.index, i);
            self.across = None;
        }
    }

    /// Takes the document under `key` out of the set and gives it back (to
    /// move it to the set of another configuration).
    pub fn take(&mut self, key: &str) -> Option<Document> {
        let i = self.index_of(key)?;
        let entry = self.entries[i].take()?;
        forget_claims(&mut self.index, i);
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
                let mut names = vec![String::new(); self.entries.len()];
                for (i, e) in self.entries.iter().enumerate() {
                    if let Some(e) = e {
                        names[i].clone_from(&e.doc.name);
                    }
                }
                let mut found = self.engine.check_set(&self.index, &names);
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

/// Takes document `doc`'s claims out of `index`. Every field is named, so a
/// kind of claim added to [`Index`] cannot be forgotten here.
fn forget_claims(index: &mut Index, doc: usize) {
    fn drop_doc<K, V>(map: &mut HashMap<K, Vec<V>>, doc: usize, of: impl Fn(&V) -> usize) {
        map.retain(|_, claims| {
            claims.retain(|c| of(c) != doc);
            !claims.is_empty()
        });
    }
    let Index {
        event_dates,
        event_refs,
        facts,
        figures,
        frames,
        topics,
        counts,
    } = index;
    drop_doc(event_dates, doc, |c| c.doc);
    drop_doc(event_refs, doc, |c| c.doc);
    drop_doc(facts, doc, |c| c.doc);
    drop_doc(figures, doc, |c| c.doc);
    drop_doc(frames, doc, |c| c.doc);
    drop_doc(counts, doc, |c| c.doc);
    topics.remove(&doc);
}

/// Files one document's `claims` in `index`, each list kept in document
/// order (the order the set pass reads them in, as if built from scratch).
fn file_claims(index: &mut Index, claims: Vec<Claim>) {
    fn in_doc_order<K, V>(map: &mut HashMap<K, Vec<V>>, of: impl Fn(&V) -> usize) {
        for claims in map.values_mut() {
            // Stable, and all but the new claims already in order.
            if !claims.is_sorted_by_key(&of) {
                claims.sort_by_key(&of);
            }
        }
    }
    if claims.is_empty() {
        return;
    }
    for c in claims {
        index.add(c);
    }
    let Index {
        event_dates,
        event_refs,
        facts,
        figures,
        frames,
        topics: _,
        counts,
    } = index;
    in_doc_order(event_dates, |c| c.doc);
    in_doc_order(event_refs, |c| c.doc);
    in_doc_order(facts, |c| c.doc);
    in_doc_order(figures, |c| c.doc);
    in_doc_order(frames, |c| c.doc);
    in_doc_order(counts, |c| c.doc);
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

    /// Every list of `index`, keyed, in a stable order to compare.
    fn summary(index: &Index) -> Vec<String> {
        let mut out: Vec<String> = (index.event_dates.iter())
            .map(|(k, v)| format!("{k:?} {v:?}"))
            .chain(index.event_refs.iter().map(|(k, v)| format!("{k:?} {v:?}")))
            .chain(index.facts.iter().map(|(k, v)| format!("{k:?} {v:?}")))
            .chain(index.figures.iter().map(|(k, v)| format!("{k:?} {v:?}")))
            .chain(index.frames.iter().map(|(k, v)| format!("{k:?} {v:?}")))
            .chain(index.counts.iter().map(|(k, v)| format!("{k:?} {v:?}")))
            .chain(index.topics.iter().map(|(k, v)| format!("{k:?} {v:?}")))
            .collect();
        out.sort();
        out
    }

    #[test]
    fn the_claim_index_kept_by_changes_is_the_one_built_afresh() {
        let launch = |day: u32| {
            format!(
                "The launch of the probe took place on March {day}, 2024. \
                 Of the 120 delegates, 75 voted in favour.\n"
            )
        };
        let mut w = Workspace::new(engine(STORY));
        w.upsert("a", md("a.md", &launch(3)));
        w.upsert("b", md("b.md", &launch(9)));
        w.upsert("c", md("c.md", &launch(3)));
        w.upsert("b", md("b.md", &launch(4)));
        w.remove("a");
        w.upsert("d", md("d.md", &launch(5)));
        let _ = w.take("c");
        w.upsert("c", md("c.md", &launch(6)));
        let afresh = Index::of(w.keys().flat_map(|(i, _)| {
            let doc = w.document(i).unwrap();
            checked_safely(&w.engine, doc, i).claims
        }));
        assert!(!afresh.event_dates.is_empty());
        assert_eq!(summary(&w.index), summary(&afresh));
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
