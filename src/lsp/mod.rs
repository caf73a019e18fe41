//! `reckon lsp`: a language server on standard input and output, built on
//! [`crate::engine::Workspace`].
//!
//! A face, like [`crate::cli`]: it keeps the workspace's prose files and the
//! open buffers in one document set, checks a buffer again a short quiet
//! moment after each change (not only on save), and publishes diagnostics
//! whose related information points into the other documents of the set.
//! Hover tells what a date, duration or figure resolved to; code actions
//! apply the fixes findings carry; the workspace's `reckon.yaml` is read
//! again when it changes. Positions are in UTF-16 ([`position`]).
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

/// The configuration file in use and what it was when read.
#[derive(PartialEq, Eq, Clone, Debug)]
struct Stamp(Option<(PathBuf, Option<SystemTime>, u64)>);

struct Server {
    sender: Sender<Message>,
    root: Option<PathBuf>,
    workspace: Workspace,
    /// Open buffers by workspace key.
    buffers: HashMap<String, Buffer>,
    /// What was last published for each open buffer.
    published: HashMap<String, Vec<Diagnostic>>,
    config: Stamp,
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
        let mut server = Server {
            sender,
            root,
            workspace: Workspace::new(Engine::new(
                crate::check::Settings::defaults(),
                crate::lexicon::Lexicon::clone_default(),
                crate::extract::Options::default(),
                None,
            )),
            buffers: HashMap::new(),
            published: HashMap::new(),
            config: Stamp(None),
        };
        server.reload_config(true);
        server
    }

    /// The folder configuration is looked for from.
    fn base(&self) -> Option<PathBuf> {
        self.root.clone().or_else(|| std::env::current_dir().ok())
    }

    /// The configuration file now, and what it is on disk.
    fn stamp(&self) -> Stamp {
        let Some(base) = self.base() else {
            return Stamp(None);
        };
        let Ok(Some(found)) = config::discover(&base) else {
            return Stamp(None);
        };
        let path = base.join(found);
        let meta = std::fs::metadata(&path).ok();
        Stamp(Some((
            path,
            meta.as_ref().and_then(|m| m.modified().ok()),
            meta.map_or(0, |m| m.len()),
        )))
    }

    /// Reads the configuration again when it changed (or when `force`), and
    /// checks every document with it. Problems are shown to the user; the
    /// defaults stand in for a configuration that cannot be used.
    fn reload_config(&mut self, force: bool) -> bool {
        let stamp = self.stamp();
        if !force && stamp == self.config {
            return false;
        }
        let path = stamp.0.as_ref().map(|(p, _, _)| p.clone());
        self.config = stamp;
        let mut problems = Vec::new();
        let (settings, files) = config::settings_from(path.as_deref(), &mut problems);
        let lexicon = config::lexicon_from(&files).unwrap_or_else(|p| {
            problems.push(p);
            crate::lexicon::Lexicon::clone_default()
        });
        for p in &problems {
            self.show(MessageType::ERROR, format!("reckon: {p}"));
        }
        let engine = Engine::new(settings, lexicon, crate::extract::Options::default(), None);
        self.workspace.set_engine(engine);
        true
    }

    /// Puts the workspace folder's prose files in the set, so the findings
    /// across documents see them before they are opened.
    fn load_workspace(&mut self) {
        let Some(root) = self.root.clone() else {
            return;
        };
        let settings = &self.workspace.engine().settings;
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
                self.workspace.upsert(&key_of(&uri), doc);
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
                        self.reload_config(false);
                        self.publish_all();
                    }
                }
            }
            notification::DidChangeWatchedFiles::METHOD => {
                if let Ok(p) = serde_json::from_value::<DidChangeWatchedFilesParams>(n.params) {
                    for change in p.changes {
                        let key = key_of(&change.uri);
                        // An open buffer is what the editor shows: it wins over the disk.
                        if !is_config(&change.uri) && !self.buffers.contains_key(&key) {
                            self.take_from_disk(&change.uri, &key);
                        }
                    }
                }
                self.reload_config(false);
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
    /// file of the workspace folder; takes it out otherwise (deleted, outside).
    fn take_from_disk(&mut self, uri: &Url, key: &str) {
        let settings = &self.workspace.engine().settings;
        let on_disk = uri.to_file_path().ok().and_then(|p| {
            let root = self.root.as_ref()?;
            let prose = config::has_extension(&p, &settings.extensions);
            if !prose || !p.starts_with(root) {
                return None;
            }
            let mut doc = Document::read_limited(&p, MAX_WORKSPACE_FILE_SIZE).ok()?;
            doc.name = display_name(root, &p);
            Some(doc)
        });
        match on_disk {
            Some(doc) => {
                self.workspace.upsert(key, doc);
            }
            None => self.workspace.remove(key),
        }
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
        self.reload_config(false);
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
            self.workspace.upsert(key, doc);
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
            let Some(i) = self.workspace.index_of(&key) else {
                continue;
            };
            let diagnostics = self.diagnostics(i);
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

    /// The URI to show for workspace document `i`: an open buffer's as the
    /// client wrote it.
    fn uri_of(&self, i: usize) -> Option<Url> {
        let (key, _, _) = self.workspace.get(i)?;
        match self.buffers.get(key) {
            Some(b) => Some(b.uri.clone()),
            None => Url::parse(key).ok(),
        }
    }

    fn diagnostics(&mut self, i: usize) -> Vec<Diagnostic> {
        let findings = self.workspace.findings(i);
        let Some(doc) = self.workspace.document(i) else {
            return Vec::new();
        };
        let lines = Lines::new(&doc.text);
        let place = |d: usize| {
            Some(convert::Place {
                uri: self.uri_of(d)?,
                doc: self.workspace.document(d)?,
            })
        };
        findings
            .iter()
            .map(|f| convert::diagnostic(f, &lines, &place))
            .collect()
    }

    /// The buffer `uri`, checked now if a change is waiting.
    fn current(&mut self, uri: &Url) -> Option<usize> {
        let key = key_of(uri);
        if self.buffers.get(&key).is_some_and(|b| b.due.is_some()) {
            self.check_due(true);
        }
        self.workspace.index_of(&key)
    }

    fn hover(&mut self, p: &lsp_types::HoverParams) -> Option<Hover> {
        let pos = &p.text_document_position_params;
        let i = self.current(&pos.text_document.uri)?;
        let (_, doc, checked) = self.workspace.get(i)?;
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
        let Some(i) = self.current(&p.text_document.uri) else {
            return Vec::new();
        };
        let findings = self.workspace.findings(i);
        let Some(doc) = self.workspace.document(i) else {
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

/// `reckon.yaml`, `.reckon.yaml`.
fn is_config(uri: &Url) -> bool {
    uri.path().ends_with("/reckon.yaml") || uri.path().ends_with("/.reckon.yaml")
}

/// `p` relative to the workspace folder, as the command line would name it.
fn display_name(root: &Path, p: &Path) -> String {
    p.strip_prefix(root).unwrap_or(p).display().to_string()
}
