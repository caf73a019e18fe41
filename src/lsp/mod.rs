//! `reckon lsp`: a language server on standard input and output, built on
//! [`crate::engine::Workspace`].
//!
//! A face, like [`crate::cli`]: it keeps the workspace's prose files and the
//! open buffers in one document set per configuration (each document goes
//! with its nearest `reckon.yaml`, as on the command line), checks a buffer
//! again a short quiet moment after each change (not only on save), and
//! publishes diagnostics whose related information points into the other
//! documents of the set. Hover tells what a date, duration or figure
//! resolved to; code actions apply the fixes findings carry; a configuration
//! is read again when it changes. Positions are in UTF-16 ([`position`]).
//!
//! Built on `lsp-server` (see ARCHITECTURE.md): a synchronous loop over a
//! channel, whose `recv_timeout` is the debounce.

mod convert;
pub mod position;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant, SystemTime};

use crossbeam_channel::{Receiver, RecvTimeoutError, Sender};
use lsp_server::{Connection, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::Notification as _;
use lsp_types::request::Request as _;
use lsp_types::{
    notification, request, CodeActionOrCommand, CodeActionProviderCapability, Diagnostic,
    DidChangeTextDocumentParams, DidChangeWatchedFilesParams, DidCloseTextDocumentParams,
    DidOpenTextDocumentParams, DidSaveTextDocumentParams, Hover, HoverContents,
    HoverProviderCapability, InitializeParams, MarkupContent, MarkupKind, MessageType,
    PositionEncodingKind, PublishDiagnosticsParams, ServerCapabilities, ShowMessageParams,
    TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions,
    TextDocumentSyncSaveOptions, Url,
};

use crate::engine::{config, Engine, Workspace};
use crate::source::{Document, Format};
use position::Lines;

/// How long a buffer must stay unchanged before it is checked again: long
/// enough to take a burst of keystrokes as one change, short enough that the
/// diagnostics of a 50-page draft come within 100 ms of the last one.
const DEBOUNCE: Duration = Duration::from_millis(20);

/// The most prose files of a workspace folder held in the set.
const MAX_WORKSPACE_FILES: usize = 2000;

/// The largest workspace file read (an open buffer is always checked).
const MAX_WORKSPACE_FILE_SIZE: u64 = 8 << 20;

/// Runs the server until the client says `exit`; exit status 1 on a protocol error.
#[must_use]
pub fn run() -> ExitCode {
    let (conn, io) = Connection::stdio();
    let served = serve(&conn);
    drop(conn);
    let joined = io.join();
    match (served, joined) {
        (Ok(()), Ok(())) => ExitCode::SUCCESS,
        (Err(e), _) => {
            eprintln!("reckon lsp: {e}");
            ExitCode::from(1)
        }
        (_, Err(e)) => {
            eprintln!("reckon lsp: {e}");
            ExitCode::from(1)
        }
    }
}

/// Why the server stopped before the client said `exit`.
type ProtocolFailure = Box<dyn std::error::Error + Send + Sync>;

fn serve(conn: &Connection) -> Result<(), ProtocolFailure> {
    let (id, params) = conn.initialize_start()?;
    let params: InitializeParams = serde_json::from_value(params)?;
    let root = root_of(&params);
    let capabilities = ServerCapabilities {
        position_encoding: Some(PositionEncodingKind::UTF16),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                ..TextDocumentSyncOptions::default()
            },
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        code_action_provider: Some(CodeActionProviderCapability::Simple(true)),
        ..ServerCapabilities::default()
    };
    conn.initialize_finish(
        id,
        serde_json::json!({
            "capabilities": capabilities,
            "serverInfo": { "name": "reckon", "version": env!("CARGO_PKG_VERSION") },
        }),
    )?;
    watch_files(conn, &params);
    let mut server = Server::new(conn.sender.clone(), root);
    server.load_workspace();
    server.main_loop(conn, &conn.receiver)
}

/// Asks a client that can watch files for us to tell when a configuration
/// or a prose file changes on disk (Neovim 0.7 cannot: the configuration's
/// modification time is also looked at before each check).
fn watch_files(conn: &Connection, params: &InitializeParams) {
    let can = params
        .capabilities
        .workspace
        .as_ref()
        .and_then(|w| w.did_change_watched_files.as_ref())
        .and_then(|d| d.dynamic_registration)
        .unwrap_or(false);
    if !can {
        return;
    }
    let watchers: Vec<serde_json::Value> = [
        "**/reckon.yaml",
        "**/.reckon.yaml",
        "**/reckon.yml",
        "**/*.{md,markdown,txt}",
    ]
    .iter()
    .map(|g| serde_json::json!({ "globPattern": g }))
    .collect();
    let register = Request::new(
        RequestId::from("reckon-watch".to_string()),
        "client/registerCapability".to_string(),
        serde_json::json!({ "registrations": [{
            "id": "reckon-watch",
            "method": "workspace/didChangeWatchedFiles",
            "registerOptions": { "watchers": watchers },
        }]}),
    );
    let _ = conn.sender.send(Message::Request(register));
}

/// The workspace folder: the first of `workspaceFolders`, else `rootUri`.
fn root_of(params: &InitializeParams) -> Option<PathBuf> {
    let from_folders = params
        .workspace_folders
        .as_ref()
        .and_then(|f| f.first())
        .map(|f| f.uri.clone());
    #[allow(deprecated)]
    let uri = from_folders.or_else(|| params.root_uri.clone())?;
    uri.to_file_path().ok()
}

/// An open buffer.
struct Buffer {
    /// The URI as the client wrote it (diagnostics are published to it).
    uri: Url,
    version: i32,
    text: String,
    /// The client's language id (`markdown`, `plaintext`), or empty.
    language: String,
    /// When it changed and has not been checked since: check it at this time.
    due: Option<Instant>,
}

/// What a configuration file is on disk (modification time, length);
/// `None` when it is gone.
type Stamp = Option<(Option<SystemTime>, u64)>;

fn stamp_of(path: &Path) -> Stamp {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.modified().ok(), meta.len()))
}

/// The documents checked with one configuration. Each group is a set of its
/// own, as `engine::config::Plan::run` makes one set per configuration for
/// the command line: findings across documents never pair two documents
/// checked under different rules.
struct Group {
    /// The configuration file (absolute); `None` for the built-in defaults.
    config: Option<PathBuf>,
    /// What that file was when read.
    stamp: Stamp,
    workspace: Workspace,
}

struct Server {
    sender: Sender<Message>,
    root: Option<PathBuf>,
    /// One per configuration in use.
    groups: Vec<Group>,
    /// Open buffers by workspace key.
    buffers: HashMap<String, Buffer>,
    /// What was last published for each open buffer.
    published: HashMap<String, Vec<Diagnostic>>,
    /// The nearest configuration of each folder looked at, kept until a
    /// configuration file changes.
    nearest: HashMap<PathBuf, Option<PathBuf>>,
    /// A fresh look found a folder's nearest configuration changed: every
    /// document's is looked for again.
    nearest_stale: bool,
}

/// The workspace's key for a URI: the URI rebuilt from its file path, so
/// that one file has one key however the client encodes it.
fn key_of(uri: &Url) -> String {
    uri.to_file_path()
        .ok()
        .and_then(|p| Url::from_file_path(p).ok())
        .unwrap_or_else(|| uri.clone())
        .to_string()
}

impl Server {
    fn new(sender: Sender<Message>, root: Option<PathBuf>) -> Server {
        Server {
            sender,
            root,
            groups: Vec::new(),
            buffers: HashMap::new(),
            published: HashMap::new(),
            nearest: HashMap::new(),
            nearest_stale: false,
        }
    }

    /// The folder whose configuration the document under `key` takes: its
    /// own, or the workspace folder for a buffer with no path (`untitled:`).
    fn folder_of(&self, key: &str) -> Option<PathBuf> {
        let own = Url::parse(key)
            .ok()
            .and_then(|u| u.to_file_path().ok())
            .and_then(|p| p.parent().map(Path::to_path_buf));
        own.or_else(|| self.root.clone())
            .or_else(|| std::env::current_dir().ok())
    }

    /// The nearest configuration of `folder` (absolute), as the command line
    /// finds it: looked up once, or again when `fresh`. A configuration that
    /// may not be used is told to the user, and the defaults stand in.
    fn nearest_config(&mut self, folder: &Path, fresh: bool) -> Option<PathBuf> {
        let cached = self.nearest.get(folder).cloned();
        if !fresh {
            if let Some(c) = cached {
                return c;
            }
        }
        let found = match config::discover(folder) {
            Ok(rel) => rel.map(|rel| config::absolute(folder, &rel)),
            Err(why) => {
                // Said once per folder, not at every check of a buffer in it.
                if cached.is_none() {
                    self.show(MessageType::ERROR, format!("reckon: {why}"));
                }
                None
            }
        };
        if cached.is_some_and(|c| c != found) {
            self.nearest_stale = true;
        }
        self.nearest.insert(folder.to_path_buf(), found.clone());
        found
    }

    /// An engine with the configuration at `path` (the defaults for
    /// `None`), and what the file was. Lenient: problems are shown to the
    /// user and the defaults stand in, so the editor keeps working.
    fn engine_for(&self, path: Option<&Path>) -> (Engine, Stamp) {
        let stamp = path.and_then(stamp_of);
        let mut problems = Vec::new();
        let (settings, files) = config::settings_from(path, &mut problems);
        let lexicon = config::lexicon_from(&files).unwrap_or_else(|p| {
            problems.push(p);
            crate::lexicon::Lexicon::clone_default()
        });
        for p in &problems {
            self.show(MessageType::ERROR, format!("reckon: {p}"));
        }
        let options = crate::extract::Options {
            triggers: settings.triggers.clone(),
            ..crate::extract::Options::default()
        };
        (Engine::new(settings, lexicon, options, None), stamp)
    }

    /// The group checking with `config`, made (its configuration read) when
    /// there is none yet.
    fn group_for(&mut self, config: Option<PathBuf>) -> usize {
        if let Some(g) = self.groups.iter().position(|g| g.config == config) {
            return g;
        }
        let (engine, stamp) = self.engine_for(config.as_deref());
        self.groups.push(Group {
            config,
            stamp,
            workspace: Workspace::new(engine),
        });
        self.groups.len() - 1
    }

    /// The group and index of the document under `key`.
    fn locate(&self, key: &str) -> Option<(usize, usize)> {
        self.groups
            .iter()
            .enumerate()
            .find_map(|(g, group)| group.workspace.index_of(key).map(|i| (g, i)))
    }

    /// Puts `doc` under `key` into the group of its nearest configuration
    /// (looked for afresh when `fresh`) and checks it; it leaves any other group.
    fn put(&mut self, key: &str, doc: Document, fresh: bool) {
        let config = match self.folder_of(key) {
            Some(folder) => self.nearest_config(&folder, fresh),
            None => None,
        };
        let g = self.group_for(config);
        if let Some((h, _)) = self.locate(key) {
            if h != g {
                self.groups[h].workspace.remove(key);
            }
        }
        self.groups[g].workspace.upsert(key, doc);
    }

    /// Takes the document under `key` out of the set.
    fn remove(&mut self, key: &str) {
        if let Some((g, _)) = self.locate(key) {
            self.groups[g].workspace.remove(key);
        }
    }

    /// Reads again each configuration that changed on disk, checking its
    /// documents with it; with `rediscover` (or when a configuration is
    /// gone) looks again for every document's nearest configuration, so a
    /// configuration made, moved or deleted takes or lets go its documents.
    fn refresh_configs(&mut self, rediscover: bool) {
        let gone = self.groups.iter().any(|g| {
            g.config
                .as_deref()
                .is_some_and(|p| g.stamp.is_some() && stamp_of(p).is_none())
        });
        if rediscover || gone || self.nearest_stale {
            self.nearest.clear();
            self.nearest_stale = false;
            let placed: Vec<(usize, String)> = self
                .groups
                .iter()
                .enumerate()
                .flat_map(|(g, group)| group.workspace.keys().map(move |(_, k)| (g, k.to_string())))
                .collect();
            for (g, key) in placed {
                let Some(folder) = self.folder_of(&key) else {
                    continue;
                };
                let config = self.nearest_config(&folder, false);
                if self.groups[g].config == config {
                    continue;
                }
                if let Some(doc) = self.groups[g].workspace.take(&key) {
                    let h = self.group_for(config);
                    self.groups[h].workspace.upsert(&key, doc);
                }
            }
            self.groups.retain(|g| g.workspace.keys().next().is_some());
        }
        for g in 0..self.groups.len() {
            let Some(path) = self.groups[g].config.clone() else {
                continue;
            };
            if stamp_of(&path) != self.groups[g].stamp {
                let (engine, stamp) = self.engine_for(Some(&path));
                self.groups[g].stamp = stamp;
                self.groups[g].workspace.set_engine(engine);
            }
        }
    }

    /// Puts the workspace folder's prose files in the set, so the findings
    /// across documents see them before they are opened. The folder is
    /// walked with its own configuration's extensions and excludes; each
    /// file joins the group of its nearest configuration.
    fn load_workspace(&mut self) {
        let Some(root) = self.root.clone() else {
            return;
        };
        let walker = self.nearest_config(&root, false);
        let g = self.group_for(walker);
        let settings = &self.groups[g].workspace.engine().settings;
        let mut problems = Vec::new();
        let files = config::expand_paths(
            std::slice::from_ref(&root),
            &settings.extensions,
            &settings.exclude,
            &mut problems,
        );
        for p in files.iter().take(MAX_WORKSPACE_FILES) {
            let Ok(uri) = Url::from_file_path(p) else {
                continue;
            };
            if let Ok(mut doc) = Document::read_limited(p, MAX_WORKSPACE_FILE_SIZE) {
                doc.name = display_name(&root, p);
                self.put(&key_of(&uri), doc, false);
            }
        }
    }

    fn main_loop(
        &mut self,
        conn: &Connection,
        receiver: &Receiver<Message>,
    ) -> Result<(), ProtocolFailure> {
        loop {
            let next_due = self.buffers.values().filter_map(|b| b.due).min();
            let msg = match next_due {
                Some(due) => {
                    match receiver.recv_timeout(due.saturating_duration_since(Instant::now())) {
                        Ok(m) => Some(m),
                        Err(RecvTimeoutError::Timeout) => None,
                        Err(RecvTimeoutError::Disconnected) => return Ok(()),
                    }
                }
                None => match receiver.recv() {
                    Ok(m) => Some(m),
                    Err(_) => return Ok(()),
                },
            };
            match msg {
                Some(Message::Request(req)) => {
                    if conn.handle_shutdown(&req)? {
                        return Ok(());
                    }
                    let (id, method) = (req.id.clone(), req.method.clone());
                    if let Err(crash) = crate::guard::isolate(|| self.request(req)) {
                        self.crashed(&crash, &method);
                        self.reply_error(id, lsp_server::ErrorCode::InternalError, &crash.message);
                    }
                }
                Some(Message::Notification(n)) => {
                    if n.method == notification::Exit::METHOD {
                        return Ok(());
                    }
                    let method = n.method.clone();
                    if let Err(crash) = crate::guard::isolate(|| self.notification(n)) {
                        self.crashed(&crash, &method);
                    }
                }
                Some(Message::Response(_)) | None => {}
            }
            if let Err(crash) = crate::guard::isolate(|| self.check_due(false)) {
                self.crashed(&crash, "a check");
            }
        }
    }

    /// A bug met while handling `what`: said on standard error (the client's
    /// log) and to the user; the server goes on with the next message.
    fn crashed(&self, crash: &crate::guard::Crash, what: &str) {
        let report = crash.report(what);
        eprintln!("{report}");
        self.show(MessageType::ERROR, report);
    }

    fn send(&self, m: Message) {
        // The client is gone when this fails; the loop ends on the next receive.
        let _ = self.sender.send(m);
    }

    fn show(&self, typ: MessageType, message: String) {
        self.send(Message::Notification(Notification::new(
            notification::ShowMessage::METHOD.to_string(),
            ShowMessageParams { typ, message },
        )));
    }

    fn request(&mut self, req: Request) {
        let id = req.id.clone();
        let result = match req.method.as_str() {
            request::HoverRequest::METHOD => serde_json::from_value(req.params)
                .map(|p| serde_json::to_value(self.hover(&p)).unwrap_or_default()),
            request::CodeActionRequest::METHOD => serde_json::from_value(req.params)
                .map(|p| serde_json::to_value(self.code_actions(&p)).unwrap_or_default()),
            _ => {
                self.reply_error(id, lsp_server::ErrorCode::MethodNotFound, "not supported");
                return;
            }
        };
        match result {
            Ok(v) => self.send(Message::Response(Response::new_ok(id, v))),
            Err(e) => self.reply_error(id, lsp_server::ErrorCode::InvalidParams, &e.to_string()),
        }
    }

    fn reply_error(&self, id: RequestId, code: lsp_server::ErrorCode, message: &str) {
        self.send(Message::Response(Response::new_err(
            id,
            code as i32,
            message.to_string(),
        )));
    }

    fn notification(&mut self, n: Notification) {
        match n.method.as_str() {
            notification::DidOpenTextDocument::METHOD => {
                if let Ok(p) = serde_json::from_value::<DidOpenTextDocumentParams>(n.params) {
                    let d = p.text_document;
                    let key = key_of(&d.uri);
                    self.buffers.insert(
                        key.clone(),
                        Buffer {
                            uri: d.uri,
                            version: d.version,
                            text: d.text,
                            language: d.language_id,
                            // Checked at once: nothing to wait for on open.
                            due: Some(Instant::now()),
                        },
                    );
                    self.check_due(true);
                }
            }
            notification::DidChangeTextDocument::METHOD => {
                if let Ok(p) = serde_json::from_value::<DidChangeTextDocumentParams>(n.params) {
                    let key = key_of(&p.text_document.uri);
                    if let Some(b) = self.buffers.get_mut(&key) {
                        for c in p.content_changes {
                            position::apply_change(&mut b.text, c.range, &c.text);
                        }
                        b.version = p.text_document.version;
                        b.due = Some(Instant::now() + DEBOUNCE);
                    }
                }
            }
            notification::DidCloseTextDocument::METHOD => {
                if let Ok(p) = serde_json::from_value::<DidCloseTextDocumentParams>(n.params) {
                    self.close(&p.text_document.uri);
                }
            }
            notification::DidSaveTextDocument::METHOD => {
                if let Ok(p) = serde_json::from_value::<DidSaveTextDocumentParams>(n.params) {
                    if is_config(&p.text_document.uri) {
                        self.refresh_configs(true);
                        self.publish_all();
                    }
                }
            }
            notification::DidChangeWatchedFiles::METHOD => {
                let mut configs = false;
                if let Ok(p) = serde_json::from_value::<DidChangeWatchedFilesParams>(n.params) {
                    for change in p.changes {
                        let key = key_of(&change.uri);
                        if is_config(&change.uri) {
                            configs = true;
                        } else if !self.buffers.contains_key(&key) {
                            // An open buffer is what the editor shows: it wins over the disk.
                            self.take_from_disk(&change.uri, &key);
                        }
                    }
                }
                // A configuration made or deleted changes which one is
                // nearest to each document, not only its own documents' rules.
                self.refresh_configs(configs);
                self.publish_all();
            }
            _ => {}
        }
    }

    /// A closed buffer goes back to what is on disk (or leaves the set), and
    /// its diagnostics are cleared.
    fn close(&mut self, uri: &Url) {
        let key = key_of(uri);
        let Some(b) = self.buffers.remove(&key) else {
            return;
        };
        self.take_from_disk(uri, &key);
        self.published.remove(&key);
        self.publish(&b.uri, None, Vec::new());
        self.publish_all();
    }

    /// Puts the file `uri` in the set as it is on disk, when it is a prose
    /// file of the workspace folder (by its configuration's extensions);
    /// takes it out otherwise (deleted, outside).
    fn take_from_disk(&mut self, uri: &Url, key: &str) {
        match self.read_from_disk(uri) {
            Some(doc) => self.put(key, doc, false),
            None => self.remove(key),
        }
    }

    fn read_from_disk(&mut self, uri: &Url) -> Option<Document> {
        let root = self.root.clone()?;
        let path = uri.to_file_path().ok().filter(|p| p.starts_with(&root))?;
        let config = self.nearest_config(path.parent()?, false);
        let g = self.group_for(config);
        let settings = &self.groups[g].workspace.engine().settings;
        if !config::has_extension(&path, &settings.extensions) {
            return None;
        }
        let mut doc = Document::read_limited(&path, MAX_WORKSPACE_FILE_SIZE).ok()?;
        doc.name = display_name(&root, &path);
        Some(doc)
    }

    /// Checks the buffers whose quiet moment is over (all changed ones when
    /// `now`), then publishes: always for a buffer just checked, and for the
    /// others when what they show changed (a finding across documents came
    /// or went).
    fn check_due(&mut self, now: bool) {
        let at = Instant::now();
        let due: Vec<String> = self
            .buffers
            .iter()
            .filter(|(_, b)| b.due.is_some_and(|d| now || d <= at))
            .map(|(k, _)| k.clone())
            .collect();
        if due.is_empty() {
            return;
        }
        self.refresh_configs(false);
        for key in &due {
            let Some(b) = self.buffers.get_mut(key) else {
                continue;
            };
            b.due = None;
            let doc = Document::from_text(
                self.name_of(key),
                self.buffers[key].text.clone(),
                self.format_of(key),
            );
            // Looked for afresh: a configuration may have been made beside
            // it by a client that does not tell (Neovim 0.7).
            self.put(key, doc, true);
        }
        if self.nearest_stale {
            self.refresh_configs(true);
        }
        for key in &due {
            self.published.remove(key);
        }
        self.publish_all();
    }

    /// The name a buffer is reported under: its path in the workspace folder.
    fn name_of(&self, key: &str) -> String {
        let path = Url::parse(key).ok().and_then(|u| u.to_file_path().ok());
        match (path, &self.root) {
            (Some(p), Some(root)) => display_name(root, &p),
            (Some(p), None) => p.display().to_string(),
            (None, _) => key.to_string(),
        }
    }

    /// Markdown for a `markdown` buffer or a Markdown file name; text otherwise.
    fn format_of(&self, key: &str) -> Format {
        let Some(b) = self.buffers.get(key) else {
            return Format::Text;
        };
        match b.language.as_str() {
            "markdown" => Format::Markdown,
            "plaintext" | "text" => Format::Text,
            _ => Format::from_path(Path::new(b.uri.path())),
        }
    }

    /// Publishes every open buffer whose diagnostics are not yet what was published.
    fn publish_all(&mut self) {
        let keys: Vec<String> = self.buffers.keys().cloned().collect();
        for key in keys {
            let Some((g, i)) = self.locate(&key) else {
                continue;
            };
            let diagnostics = self.diagnostics(g, i);
            if self.published.get(&key) == Some(&diagnostics) {
                continue;
            }
            let b = &self.buffers[&key];
            self.publish(&b.uri, Some(b.version), diagnostics.clone());
            self.published.insert(key, diagnostics);
        }
    }

    fn publish(&self, uri: &Url, version: Option<i32>, diagnostics: Vec<Diagnostic>) {
        self.send(Message::Notification(Notification::new(
            notification::PublishDiagnostics::METHOD.to_string(),
            PublishDiagnosticsParams {
                uri: uri.clone(),
                diagnostics,
                version,
            },
        )));
    }

    /// The URI to show for document `i` of group `g`: an open buffer's as
    /// the client wrote it.
    fn uri_of(&self, g: usize, i: usize) -> Option<Url> {
        let (key, _, _) = self.groups.get(g)?.workspace.get(i)?;
        match self.buffers.get(key) {
            Some(b) => Some(b.uri.clone()),
            None => Url::parse(key).ok(),
        }
    }

    /// The diagnostics of document `i` of group `g`: its findings and those
    /// across its set, less the rules its configuration's
    /// `per-file-ignores` turn off for it.
    fn diagnostics(&mut self, g: usize, i: usize) -> Vec<Diagnostic> {
        let Some(group) = self.groups.get_mut(g) else {
            return Vec::new();
        };
        let mut findings = group.workspace.findings(i);
        let off = self.ignored(g, i);
        findings.retain(|f| !off.iter().any(|r| r == f.rule));
        let workspace = &self.groups[g].workspace;
        let Some(doc) = workspace.document(i) else {
            return Vec::new();
        };
        let lines = Lines::new(&doc.text);
        let place = |d: usize| {
            Some(convert::Place {
                uri: self.uri_of(g, d)?,
                doc: workspace.document(d)?,
            })
        };
        findings
            .iter()
            .map(|f| convert::diagnostic(f, &lines, &place))
            .collect()
    }

    /// The rules `per-file-ignores` turns off for document `i` of group `g`,
    /// its path taken from its configuration's folder as the command line does.
    fn ignored(&self, g: usize, i: usize) -> Vec<String> {
        let Some(group) = self.groups.get(g) else {
            return Vec::new();
        };
        let settings = &group.workspace.engine().settings;
        if settings.per_file_ignores.is_empty() {
            return Vec::new();
        }
        let path = group
            .workspace
            .get(i)
            .and_then(|(key, _, _)| Url::parse(key).ok())
            .and_then(|u| u.to_file_path().ok());
        let Some(path) = path else {
            return Vec::new();
        };
        let base = group
            .config
            .as_deref()
            .and_then(Path::parent)
            .or(self.root.as_deref());
        let rel = base
            .and_then(|b| path.strip_prefix(b).ok())
            .unwrap_or(&path);
        settings
            .ignored_for(rel)
            .into_iter()
            .map(str::to_string)
            .collect()
    }

    /// The group and index of the buffer `uri`, checked now if a change is waiting.
    fn current(&mut self, uri: &Url) -> Option<(usize, usize)> {
        let key = key_of(uri);
        if self.buffers.get(&key).is_some_and(|b| b.due.is_some()) {
            self.check_due(true);
        }
        self.locate(&key)
    }

    fn hover(&mut self, p: &lsp_types::HoverParams) -> Option<Hover> {
        let pos = &p.text_document_position_params;
        let (g, i) = self.current(&pos.text_document.uri)?;
        let (_, doc, checked) = self.groups[g].workspace.get(i)?;
        let lines = Lines::new(&doc.text);
        let at = lines.offset(pos.position);
        let (span, text) = convert::hover(doc, checked, at)?;
        Some(Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value: text,
            }),
            range: Some(lines.range(&span)),
        })
    }

    fn code_actions(&mut self, p: &lsp_types::CodeActionParams) -> Vec<CodeActionOrCommand> {
        let Some((g, i)) = self.current(&p.text_document.uri) else {
            return Vec::new();
        };
        let off = self.ignored(g, i);
        let workspace = &mut self.groups[g].workspace;
        let mut findings = workspace.findings(i);
        findings.retain(|f| !off.iter().any(|r| r == f.rule));
        let Some(doc) = workspace.document(i) else {
            return Vec::new();
        };
        let lines = Lines::new(&doc.text);
        let range = lines.offset(p.range.start)..lines.offset(p.range.end);
        let findings: Vec<_> = findings
            .into_iter()
            .filter(|f| f.fix.as_ref().is_some_and(|x| x.doc == i))
            .collect();
        convert::code_actions(&p.text_document.uri, doc, &findings, range)
            .into_iter()
            .map(CodeActionOrCommand::CodeAction)
            .collect()
    }
}

/// A configuration file: `reckon.yaml`, `.reckon.yaml`, `reckon.yml`.
fn is_config(uri: &Url) -> bool {
    let path = uri.path();
    config::CONFIG_NAMES
        .iter()
        .any(|n| path.rsplit('/').next() == Some(n))
}

/// `p` relative to the workspace folder, as the command line would name it.
fn display_name(root: &Path, p: &Path) -> String {
    p.strip_prefix(root).unwrap_or(p).display().to_string()
}
