//! The run over a document set, one way for every face: `reckon check`, the
//! timeline, the language server.
//!
//! Stage: above [`crate::check`] (and so above [`crate::story`]), below the
//! faces, which only choose the inputs and render what comes back. In: the
//! [`Engine`] (settings, lexicon, extraction options, `--date`) and
//! [`Input`]s from disk, standard input or memory (an editor's unsaved
//! buffer). Out: each document's [`Checked`] (findings, claims, resolved
//! mentions) and the findings across the set, with suppression comments
//! applied and the documents they label.
//!
//! Two ways to drive it:
//! - [`Engine::run`], for a batch: documents are checked one at a time (or on
//!   several threads) and dropped once the face has rendered them; only their
//!   claims are kept for the pass over the set, and the few documents a
//!   finding across the set labels are read again (standard input is kept).
//! - [`Workspace`], for an editor: every document stays in memory with its
//!   claims, and one changed document is checked again against the others'
//!   claims without reading them again.

pub mod claims;
pub mod config;
pub mod fix;
pub mod workspace;

use std::borrow::Cow;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use chrono::NaiveDate;

use crate::check::{self, CheckContext, DocView, Finding, SetContext, Settings, Severity};
use crate::extract::Options;
use crate::guard::Crash;
use crate::lexicon::Lexicon;
use crate::resolve::{Reference, Resolved};
use crate::source::{Document, SourceError};
use crate::story::{Claim, Index};
pub use workspace::Workspace;

/// Where a document comes from.
#[derive(Debug, Clone)]
pub enum Input {
    /// A file on disk.
    File(PathBuf),
    /// A file on disk that a folder walk listed as a regular file: it is
    /// opened without a look at its path first (see [`crate::source::read_listed`]).
    Listed(PathBuf),
    /// Standard input (read once, then kept while the set needs it).
    Stdin,
    /// A document already in memory: an editor's buffer, unsaved.
    Memory(Document),
}

impl Input {
    /// A command-line path: `-` is standard input.
    #[must_use]
    pub fn from_path(p: &std::path::Path) -> Input {
        if p.as_os_str() == "-" {
            Input::Stdin
        } else {
            Input::File(p.to_path_buf())
        }
    }

    /// How the input is named in a report about the input itself.
    #[must_use]
    pub fn display(&self) -> String {
        match self {
            Input::File(p) | Input::Listed(p) => p.display().to_string(),
            Input::Stdin => "-".to_string(),
            Input::Memory(d) => d.name.clone(),
        }
    }
}

/// How documents are read: the size limit and the name given to standard input.
#[derive(Debug, Clone)]
pub struct Loader {
    /// The largest document read, in bytes.
    pub max_file_size: u64,
    /// The name reported for standard input (its extension picks the format).
    pub stdin_name: Option<String>,
}

impl Default for Loader {
    /// The command line's defaults: 256 MiB at most, standard input unnamed.
    fn default() -> Loader {
        Loader {
            max_file_size: 256 << 20,
            stdin_name: None,
        }
    }
}

impl Loader {
    /// The document `input` holds; a document in memory is lent, not copied.
    ///
    /// # Errors
    /// When the file or standard input cannot be read, is too large, binary or
    /// not UTF-8.
    pub fn load<'a>(&self, input: &'a Input) -> Result<Cow<'a, Document>, SourceError> {
        match input {
            Input::File(p) => Document::read_limited(p, self.max_file_size).map(Cow::Owned),
            Input::Listed(p) => Document::read_listed(p, self.max_file_size).map(Cow::Owned),
            Input::Stdin => {
                Document::read_stdin_limited(self.stdin_name.as_deref(), self.max_file_size)
                    .map(Cow::Owned)
            }
            Input::Memory(d) => Ok(Cow::Borrowed(d)),
        }
    }
}

/// Findings by severity.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Errors.
    pub errors: usize,
    /// Warnings.
    pub warnings: usize,
    /// Infos.
    pub infos: usize,
}

impl Counts {
    /// The counts of `findings`.
    #[must_use]
    pub fn of(findings: &[Finding]) -> Counts {
        let mut c = Counts::default();
        for f in findings {
            match f.severity {
                Severity::Error => c.errors += 1,
                Severity::Warning => c.warnings += 1,
                Severity::Info => c.infos += 1,
            }
        }
        c
    }
}

impl std::ops::AddAssign for Counts {
    fn add_assign(&mut self, o: Counts) {
        self.errors += o.errors;
        self.warnings += o.warnings;
        self.infos += o.infos;
    }
}

/// One document, checked on its own.
#[derive(Debug)]
pub struct Checked {
    /// Its reference date.
    pub reference: Reference,
    /// Its mentions, resolved, in text order.
    pub mentions: Vec<Resolved>,
    /// The findings of the rules that read one document, suppressions applied.
    pub findings: Vec<Finding>,
    /// What it claims that another document of the set could contradict.
    pub claims: Vec<Claim>,
}

impl Default for Checked {
    /// Nothing found: what a document that could not be checked contributes.
    fn default() -> Checked {
        Checked {
            reference: Reference {
                date: None,
                source: crate::resolve::RefSource::None,
            },
            mentions: Vec::new(),
            findings: Vec::new(),
            claims: Vec::new(),
        }
    }
}

impl Checked {
    /// The document has no reference date but weekdays or relative dates that
    /// needed one: worth telling the reader why they went unchecked.
    #[must_use]
    pub fn undated_relative(&self) -> bool {
        self.reference.date.is_none()
            && self.mentions.iter().any(|m| {
                matches!(&m.mention.expr, crate::extract::Expr::Date(d) if d.reads_tense())
                    || matches!(m.mention.kind, crate::extract::Kind::Relation)
            })
    }
}

/// Why a document of the set was not checked.
#[derive(Debug)]
pub enum Failure {
    /// It could not be read.
    Unreadable(SourceError),
    /// Checking it (or rendering it) panicked.
    Crashed(Crash),
}

/// Something that went wrong in the pass over the set.
#[derive(Debug)]
pub enum SetProblem {
    /// The pass (or applying suppressions to it) panicked; `during` says which.
    Crashed {
        /// The panic.
        crash: Crash,
        /// "the document set (checks across documents)".
        during: &'static str,
    },
    /// A document a finding labels could not be read again, or is not what
    /// was checked: the findings that label it are left out.
    Changed {
        /// The input.
        input: String,
        /// The read error, when it could not be read at all.
        unreadable: Option<SourceError>,
    },
}

/// The findings across a document set.
#[derive(Debug, Default)]
pub struct Across {
    /// The findings; their labels' `doc` index [`Across::documents`].
    pub findings: Vec<Finding>,
    /// The documents the findings label, in input order.
    pub documents: Vec<Document>,
    /// What went wrong, in the order it happened.
    pub problems: Vec<SetProblem>,
}

/// What [`Engine::run`] returns.
pub struct SetRun<T> {
    /// What the face made of each input, in input order.
    pub documents: Vec<T>,
    /// The findings across the set.
    pub across: Across,
}

/// What is needed to check documents: the settings, the lexicon, how to
/// extract, and the reference date that overrides every document's own.
pub struct Engine {
    /// Rule settings (the project's `reckon.yaml` over the defaults).
    pub settings: Settings,
    /// The compiled lexicon.
    pub lexicon: Lexicon,
    /// Extraction options; the settings' extra triggers are added.
    pub options: Options,
    /// `--date`.
    pub date: Option<NaiveDate>,
}

impl Engine {
    /// An engine; the settings' triggers join the extraction options.
    #[must_use]
    pub fn new(
        settings: Settings,
        lexicon: Lexicon,
        mut options: Options,
        date: Option<NaiveDate>,
    ) -> Engine {
        options.triggers = settings.triggers.clone();
        Engine {
            settings,
            lexicon,
            options,
            date,
        }
    }

    /// Resolves and checks `doc` as document `index` of its set.
    #[must_use]
    pub fn check_document(&self, doc: &Document, index: usize) -> Checked {
        self.check_document_in(doc, index, usize::MAX)
    }

    /// [`Engine::check_document`] in a set of `documents` (a set of one reads
    /// no links to other documents).
    #[must_use]
    pub fn check_document_in(&self, doc: &Document, index: usize, documents: usize) -> Checked {
        self.check_document_dated(doc, index, documents, self.date)
    }

    /// [`Engine::check_document_in`] with `date` for the reference date
    /// (`--date`'s place).
    fn check_document_dated(
        &self,
        doc: &Document,
        index: usize,
        documents: usize,
        date: Option<NaiveDate>,
    ) -> Checked {
        crate::guard::test_trap(&doc.text);
        let (reference, mentions) = crate::resolve::run(doc, &self.lexicon, &self.options, date);
        let views = [DocView {
            doc,
            reference,
            mentions: &mentions,
        }];
        let findings = check::run(&CheckContext {
            docs: &views,
            lex: &self.lexicon,
            settings: &self.settings,
        });
        let claims =
            check::claims_in_a_set_of(&views[0], index, &self.settings, &self.lexicon, documents);
        Checked {
            reference,
            mentions,
            findings,
            claims,
        }
    }

    /// The findings across a set from its claims and its documents' names
    /// (suppression comments not yet applied: they need the texts).
    #[must_use]
    pub fn check_set(&self, index: &Index, names: &[String]) -> Vec<Finding> {
        check::run_set(&SetContext {
            index,
            names,
            settings: &self.settings,
        })
    }

    /// Checks every input, on `threads` threads, and then the set.
    ///
    /// `each(i, outcome)` is called once per input, on a worker, while the
    /// document is still held: the face renders it there, and what it returns
    /// is kept in input order. A panic while checking or rendering a document
    /// is caught, and `each` is called again with [`Failure::Crashed`].
    pub fn run<T: Send>(
        &self,
        inputs: &[Input],
        loader: &Loader,
        threads: usize,
        each: impl Fn(usize, Result<(&Document, &Checked), Failure>) -> T + Sync,
    ) -> SetRun<T> {
        let mut documents = Vec::with_capacity(inputs.len());
        let ordered = InOrder::new(|_, made| documents.push(made));
        let across = self.run_each(inputs, loader, threads, each, |i, made| {
            ordered.put(i, made);
        });
        ordered.finish();
        SetRun { documents, across }
    }

    /// [`Engine::run`], handing what `each` made of input `i` to
    /// `deliver(i, made)` on the worker as soon as it is made (in any order:
    /// [`InOrder`] puts it back in input order), so that a face can print a
    /// document's findings before the run ends.
    pub fn run_each<T: Send>(
        &self,
        inputs: &[Input],
        loader: &Loader,
        threads: usize,
        each: impl Fn(usize, Result<(&Document, &Checked), Failure>) -> T + Sync,
        deliver: impl Fn(usize, T) + Sync,
    ) -> Across {
        /// What the set pass keeps of one document.
        struct Kept {
            name: String,
            claims: Vec<Claim>,
            again: Again,
            /// Its reference date.
            date: Option<NaiveDate>,
            /// Undated, with weekdays or relative dates the set may date.
            undated_relative: bool,
        }
        let gone = || Kept {
            name: String::new(),
            claims: Vec::new(),
            again: Again::Gone,
            date: None,
            undated_relative: false,
        };
        let next = AtomicUsize::new(0);
        let slots: Mutex<Vec<Option<Kept>>> = Mutex::new((0..inputs.len()).map(|_| None).collect());
        let work = || loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(input) = inputs.get(i) else { break };
            let kept = crate::guard::isolate(|| match loader.load(input) {
                Err(e) => (each(i, Err(Failure::Unreadable(e))), gone()),
                Ok(doc) => {
                    let checked = self.check_document_in(&doc, i, inputs.len());
                    let made = each(i, Ok((&doc, &checked)));
                    let name = doc.name.clone();
                    // What may be read again once the set is checked.
                    let again = match (checked.claims.is_empty(), input) {
                        (true, _) | (false, Input::Memory(_)) => Again::Input,
                        (false, Input::Stdin) => Again::Kept(Box::new(doc.into_owned())),
                        (false, Input::File(_) | Input::Listed(_)) => {
                            Again::Fingerprint(Fingerprint::of(&doc.text))
                        }
                    };
                    let undated_relative = checked.undated_relative();
                    let kept = Kept {
                        name,
                        claims: checked.claims,
                        again,
                        date: checked.reference.date,
                        undated_relative,
                    };
                    (made, kept)
                }
            })
            .unwrap_or_else(|crash| (each(i, Err(Failure::Crashed(crash))), gone()));
            let (made, kept) = kept;
            if let Ok(mut s) = slots.lock() {
                s[i] = Some(kept);
            }
            // A panic in the face's own sink is its bug: caught so that the
            // other workers go on, and the document is left unreported.
            let _ = crate::guard::isolate(|| deliver(i, made));
        };
        let threads = threads.max(1).min(inputs.len().max(1));
        if threads == 1 {
            work();
        } else {
            std::thread::scope(|s| {
                for _ in 0..threads {
                    s.spawn(work);
                }
            });
        }
        let slots = slots.into_inner().unwrap_or_default();
        // The second pass, over the set: the documents are gone, their claims are kept.
        let mut index = Index::default();
        let mut names = vec![String::new(); inputs.len()];
        let mut again: Vec<Again> = Vec::with_capacity(inputs.len());
        let mut dates = vec![None; inputs.len()];
        let mut undated = Vec::new();
        for (i, k) in slots.into_iter().enumerate() {
            let Some(k) = k else {
                again.push(Again::Gone);
                continue;
            };
            names[i] = k.name;
            for c in k.claims {
                index.add(c);
            }
            again.push(k.again);
            dates[i] = k.date;
            if k.undated_relative {
                undated.push(i);
            }
        }
        let mut across = Across::default();
        let found = crate::guard::isolate(|| {
            let mut found = self.check_set(&index, &names);
            found.extend(self.dated_by_the_set(inputs, loader, &index, &dates, &undated));
            found
        });
        drop(index);
        match found {
            Ok(found) if !found.is_empty() => {
                match crate::guard::isolate(|| labelled(inputs, loader, &mut again, &found)) {
                    Ok(a) => across = a,
                    Err(crash) => across.problems.push(SetProblem::Crashed {
                        crash,
                        during: "the findings across documents",
                    }),
                }
            }
            Ok(_) => {}
            Err(crash) => across.problems.push(SetProblem::Crashed {
                crash,
                during: "the document set (checks across documents)",
            }),
        }
        across
    }
}

impl Engine {
    /// The findings an undated document has once its story's other documents
    /// date it: "On Monday, …" in an undated draft, checked against the week
    /// the dated articles of the same story ([`Index::one_story`]) pin. The
    /// week is pinned when their dates lie within seven days and a finding
    /// holds for the earliest and the latest alike; only findings that the
    /// undated reading did not have are returned (it reported those). A set
    /// larger than a story ([`check::event_date_conflict::STORY_SET_MAX`]) is an archive: nothing.
    fn dated_by_the_set(
        &self,
        inputs: &[Input],
        loader: &Loader,
        index: &Index,
        dates: &[Option<NaiveDate>],
        undated: &[usize],
    ) -> Vec<Finding> {
        let mut out = Vec::new();
        if undated.is_empty()
            || inputs.len() < 2
            || inputs.len() > check::event_date_conflict::STORY_SET_MAX
        {
            return out;
        }
        let one_story = index.one_story();
        for &u in undated {
            let days: Vec<NaiveDate> = (0..inputs.len())
                .filter(|&d| d != u && one_story(u, d))
                .filter_map(|d| dates[d])
                .collect();
            let (Some(&first), Some(&last)) = (days.iter().min(), days.iter().max()) else {
                continue;
            };
            if (last - first).num_days() > 6 || matches!(inputs[u], Input::Stdin) {
                continue;
            }
            let Ok(doc) = loader.load(&inputs[u]) else {
                continue;
            };
            let n = inputs.len();
            let own = self.check_document_dated(&doc, u, n, None).findings;
            let early = self.check_document_dated(&doc, u, n, Some(first)).findings;
            let late = self.check_document_dated(&doc, u, n, Some(last)).findings;
            let same = |a: &Finding, b: &Finding| {
                a.rule == b.rule && a.primary.span == b.primary.span && a.message == b.message
            };
            let span = if first == last {
                format!("{first}")
            } else {
                format!("{first} … {last}")
            };
            for mut f in early {
                if own.iter().any(|g| same(&f, g)) || !late.iter().any(|g| same(&f, g)) {
                    continue;
                }
                f.move_docs(|_| u);
                let note = format!(
                    "{} has no date of its own; the other articles of its story are dated {span}",
                    doc.name
                );
                f.help = Some(match f.help.take() {
                    Some(h) => format!("{h} ({note})"),
                    None => note,
                });
                out.push(f);
            }
        }
        out
    }
}

/// Puts what workers deliver out of order back in input order: item `i` is
/// emitted as soon as it and every item before it are in. Only the items
/// that wait for an earlier one are held, so a run's output streams while
/// its memory stays that of the documents in flight.
pub struct InOrder<T, F> {
    state: Mutex<InOrderState<T, F>>,
}

struct InOrderState<T, F> {
    next: usize,
    waiting: std::collections::BTreeMap<usize, T>,
    emit: F,
}

impl<T, F: FnMut(usize, T)> InOrder<T, F> {
    /// An orderer of items `0, 1, 2…`, emitted with `emit(i, item)`.
    pub fn new(emit: F) -> InOrder<T, F> {
        InOrder {
            state: Mutex::new(InOrderState {
                next: 0,
                waiting: std::collections::BTreeMap::new(),
                emit,
            }),
        }
    }

    /// Item `i` is in: emits it, and those after it already waiting, when
    /// every item before it has been emitted.
    pub fn put(&self, i: usize, item: T) {
        let Ok(mut s) = self.state.lock() else { return };
        let s = &mut *s;
        if i != s.next {
            s.waiting.insert(i, item);
            return;
        }
        (s.emit)(i, item);
        s.next += 1;
        while let Some(item) = s.waiting.remove(&s.next) {
            (s.emit)(s.next, item);
            s.next += 1;
        }
    }

    /// Emits what still waits (after a gap no item will fill), in order.
    pub fn finish(self) {
        let Ok(mut s) = self.state.into_inner() else {
            return;
        };
        for (i, item) in std::mem::take(&mut s.waiting) {
            (s.emit)(i, item);
        }
    }
}

/// How a document is had again for the findings across the set.
enum Again {
    /// From its input (a document in memory; or it made no claims, so no
    /// finding labels it).
    Input,
    /// Standard input, kept (boxed: every document's `Again` waits for the
    /// set pass, and only one can be standard input).
    Kept(Box<Document>),
    /// A file read again, which must be what was checked.
    Fingerprint(Fingerprint),
    /// A file read again, which must be what its claims were extracted from
    /// (by another process: `check --claims`).
    Stamped(claims::Stamp),
    /// It was not checked.
    Gone,
}

/// The byte length and a 64-bit keyed hash of a document's text: to know a
/// file read again is the one that was checked.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
struct Fingerprint(usize, u64);

impl Fingerprint {
    fn of(text: &str) -> Fingerprint {
        use std::hash::BuildHasher;
        // foldhash with this run's random seed: a file cannot be written to
        // collide without knowing it, and it reads 16 bytes a step (SipHash,
        // std's, cost 1.6% of a check).
        static KEYS: std::sync::OnceLock<foldhash::quality::RandomState> =
            std::sync::OnceLock::new();
        let keys = KEYS.get_or_init(foldhash::quality::RandomState::default);
        Fingerprint(text.len(), keys.hash_one(text.as_bytes()))
    }
}

/// Has again the documents that `findings` label, drops what their
/// suppression comments suppress, and renumbers the labels into the
/// documents had. A document that cannot be read again, or is not what was
/// checked, is a problem, and the findings that label it are left out.
fn labelled(
    inputs: &[Input],
    loader: &Loader,
    again: &mut [Again],
    findings: &[Finding],
) -> Across {
    let mut wanted: Vec<usize> = findings
        .iter()
        .flat_map(|f| std::iter::once(f.primary.doc).chain(f.secondary.iter().map(|l| l.doc)))
        .collect();
    wanted.sort_unstable();
    wanted.dedup();
    let mut out = Across::default();
    let mut local = std::collections::HashMap::new();
    for d in wanted {
        let (Some(input), Some(how)) = (inputs.get(d), again.get_mut(d)) else {
            continue;
        };
        let doc = match std::mem::replace(how, Again::Gone) {
            Again::Kept(doc) => Ok(*doc),
            Again::Input | Again::Gone if !matches!(input, Input::File(_) | Input::Listed(_)) => {
                loader.load(input).map(Cow::into_owned).map_err(Some)
            }
            Again::Fingerprint(print) => match loader.load(input) {
                Ok(doc) if Fingerprint::of(&doc.text) == print => Ok(doc.into_owned()),
                Ok(_) => Err(None),
                Err(e) => Err(Some(e)),
            },
            Again::Stamped(stamp) => claims::read_back(input, loader, stamp),
            Again::Input | Again::Gone => Err(None),
        };
        match doc {
            Ok(doc) => {
                local.insert(d, out.documents.len());
                out.documents.push(doc);
            }
            Err(unreadable) => out.problems.push(SetProblem::Changed {
                input: input.display(),
                unreadable,
            }),
        }
    }
    for f in findings {
        let all_had = std::iter::once(&f.primary)
            .chain(&f.secondary)
            .all(|l| local.contains_key(&l.doc));
        if !all_had {
            continue;
        }
        let mut f = f.clone();
        // The fix labels one of the documents had (or is dropped).
        if f.fix.as_ref().is_some_and(|x| !local.contains_key(&x.doc)) {
            f.fix = None;
        }
        f.move_docs(|d| local[&d]);
        if check::suppress::suppressed(
            &out.documents[f.primary.doc].text,
            f.rule,
            f.primary.span.start,
        ) {
            continue;
        }
        out.findings.push(f);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Format;

    #[test]
    fn items_delivered_out_of_order_are_emitted_in_order_as_soon_as_they_can_be() {
        let mut out = Vec::new();
        let ordered = InOrder::new(|i, item: char| out.push((i, item)));
        ordered.put(2, 'c');
        ordered.put(1, 'b');
        ordered.put(0, 'a');
        ordered.put(4, 'e');
        // 3 never comes (its file was in another group that crashed): the
        // rest still comes out, in order.
        ordered.finish();
        assert_eq!(out, [(0, 'a'), (1, 'b'), (2, 'c'), (4, 'e')]);
    }

    #[test]
    fn the_first_item_is_emitted_before_the_rest_arrive() {
        let out = std::sync::Mutex::new(Vec::new());
        let ordered = InOrder::new(|i, item: u8| out.lock().unwrap().push((i, item)));
        ordered.put(0, 7);
        assert_eq!(*out.lock().unwrap(), [(0, 7)]);
        ordered.put(1, 8);
        ordered.finish();
        assert_eq!(out.into_inner().unwrap(), [(0, 7), (1, 8)]);
    }

    /// An engine whose rule file names one event, so accounts of it must agree.
    fn engine() -> Engine {
        let story = "events:\n  - name: probe-launch\n    aliases: [launch of the probe]\n";
        Engine::new(
            Settings::load(Some(("story.yaml", story))).unwrap(),
            Lexicon::clone_default(),
            Options::default(),
            None,
        )
    }

    fn memory(name: &str, text: &str) -> Input {
        Input::Memory(Document::from_text(
            name,
            text.to_string(),
            Format::Markdown,
        ))
    }

    /// Runs the engine over `inputs` and returns each document's own rule ids
    /// and the findings across the set.
    fn run(inputs: &[Input]) -> (Vec<Vec<&'static str>>, Across) {
        let out = engine().run(inputs, &Loader::default(), 1, |_, outcome| match outcome {
            Ok((_, checked)) => checked.findings.iter().map(|f| f.rule).collect(),
            Err(_) => vec!["unreadable"],
        });
        (out.documents, out.across)
    }

    #[test]
    fn documents_in_memory_are_checked_as_one_set() {
        let (own, across) = run(&[
            memory(
                "a.md",
                "The launch of the probe took place on March 3, 2024.\n",
            ),
            memory(
                "b.md",
                "On Thursday, March 14, 2025, officials recalled that the launch of the probe \
                 took place on March 9, 2024.\n",
            ),
        ]);
        assert_eq!(own, [vec![], vec!["weekday-mismatch"]]);
        let rules: Vec<&str> = across.findings.iter().map(|f| f.rule).collect();
        assert_eq!(rules, ["event-date-conflict"]);
        // The documents the finding labels come with it, and its labels index them.
        let names: Vec<&str> = across.documents.iter().map(|d| d.name.as_str()).collect();
        assert_eq!(names, ["a.md", "b.md"]);
        assert!(across.problems.is_empty());
    }

    #[test]
    fn an_undated_document_is_dated_by_its_story() {
        let dated = |day: &str, text: &str| format!("---\ndate: {day}\n---\n{text}\n");
        let a = dated(
            "2025-01-07",
            "Pickets returned to the Harwood Components plant in Leeds on Monday, the Unite union said.",
        );
        let b = dated(
            "2025-01-08",
            "Talks between Harwood Components and the Unite union stalled on Tuesday in Leeds.",
        );
        let undated = |weekday: &str| {
            format!(
                "Pickets returned to the Harwood Components plant in Leeds on {weekday}, Jan. 6, the Unite union said.\n"
            )
        };
        let (own, across) = run(&[
            memory("a.md", &a),
            memory("b.md", &b),
            memory("c.md", &undated("Sunday")),
        ]);
        // Alone, the undated draft has no year for Jan. 6; its story gives 2025.
        assert!(own.iter().all(Vec::is_empty), "{own:?}");
        let found: Vec<(&str, &str)> = across
            .findings
            .iter()
            .map(|f| (f.rule, across.documents[f.primary.doc].name.as_str()))
            .collect();
        assert_eq!(found, [("weekday-mismatch", "c.md")]);
        assert!(across.findings[0]
            .help
            .as_deref()
            .is_some_and(|h| h.contains("dated 2025-01-07 … 2025-01-08")));
        // The right weekday is silent; so is a draft of another story.
        let (_, across) = run(&[
            memory("a.md", &a),
            memory("b.md", &b),
            memory("c.md", &undated("Monday")),
        ]);
        assert!(across.findings.is_empty(), "{:?}", across.findings);
        let (_, across) = run(&[
            memory("a.md", &a),
            memory("b.md", &b),
            memory(
                "c.md",
                "The Marlow ferry sailed from Dover on Sunday, Jan. 6, the port said.\n",
            ),
        ]);
        assert!(across.findings.is_empty(), "{:?}", across.findings);
        // Dates more than a week apart pin no week.
        let far = dated(
            "2025-02-20",
            "Talks between Harwood Components and the Unite union resumed on Tuesday in Leeds.",
        );
        let (_, across) = run(&[
            memory("a.md", &a),
            memory("b.md", &far),
            memory("c.md", &undated("Sunday")),
        ]);
        assert!(across.findings.is_empty(), "{:?}", across.findings);
    }

    #[test]
    fn a_suppression_comment_drops_a_finding_across_documents() {
        let (_, across) = run(&[
            memory(
                "a.md",
                "The launch of the probe took place on March 3, 2024.\n",
            ),
            memory(
                "b.md",
                "<!-- reckon-disable-next-line event-date-conflict -->\n\
                 The launch of the probe took place on March 9, 2024.\n",
            ),
        ]);
        // Unsuppressed, the conflict is reported at b.md (the test above).
        assert!(across.findings.is_empty(), "{:?}", across.findings);
    }

    #[test]
    fn a_file_changed_since_it_was_checked_is_a_problem() {
        let dir = std::env::temp_dir().join(format!("reckon-engine-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("wire.md");
        std::fs::write(
            &file,
            "The launch of the probe took place on March 3, 2024.\n",
        )
        .unwrap();
        let inputs = [
            Input::File(file.clone()),
            memory(
                "b.md",
                "The launch of the probe took place on March 9, 2024.\n",
            ),
        ];
        let out = engine().run(&inputs, &Loader::default(), 1, |_, _| {
            // The file changes while its document is rendered.
            std::fs::write(&file, "Nothing about the probe.\n").unwrap();
        });
        let _ = std::fs::remove_dir_all(&dir);
        assert!(out.across.findings.is_empty());
        assert!(matches!(
            out.across.problems.as_slice(),
            [SetProblem::Changed {
                unreadable: None,
                ..
            }]
        ));
    }
}
