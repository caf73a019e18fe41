//! A scripted editor for `reckon lsp`: spawns the server, frames JSON-RPC
//! messages over its standard input and output, and waits for what it sends
//! back. Shared by tests/lsp.rs and benches/lsp.rs, which include it by path.

#![allow(dead_code)]

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

/// A running server and the messages it sent that no one has taken yet.
pub struct Client {
    child: Child,
    stdin: ChildStdin,
    incoming: mpsc::Receiver<Value>,
    /// Notifications and requests from the server, in order, not yet taken.
    pending: VecDeque<Value>,
    next_id: i64,
}

/// `file://` URI of a path.
pub fn uri(p: &Path) -> String {
    format!("file://{}", p.display())
}

impl Client {
    /// Starts `bin lsp` and completes the handshake with `root` as the workspace folder.
    pub fn start(bin: &Path, root: &Path) -> Client {
        Client::start_with(bin, root, &[])
    }

    /// [`Client::start`] with these environment variables set for the server.
    pub fn start_with(bin: &Path, root: &Path, env: &[(&str, &str)]) -> Client {
        let mut child = Command::new(bin)
            .arg("lsp")
            .current_dir(root)
            .envs(env.iter().copied())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("spawn reckon lsp");
        let stdin = child.stdin.take().expect("stdin");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, incoming) = mpsc::channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            while let Some(m) = read_message(&mut r) {
                if tx.send(m).is_err() {
                    break;
                }
            }
        });
        let mut c = Client {
            child,
            stdin,
            incoming,
            pending: VecDeque::new(),
            next_id: 1,
        };
        let init = c.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": uri(root),
                "capabilities": {},
            }),
        );
        assert_eq!(init["capabilities"]["positionEncoding"], "utf-16", "{init}");
        c.notify("initialized", json!({}));
        c
    }

    fn send(&mut self, m: &Value) {
        let body = m.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("write");
        self.stdin.flush().expect("flush");
    }

    /// Sends a notification.
    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request and waits (10 s at most) for its result; what the
    /// server sends meanwhile is kept.
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let m = self
                .incoming
                .recv_timeout(left)
                .unwrap_or_else(|_| panic!("no answer to {method}"));
            if m.get("id") == Some(&json!(id)) && m.get("method").is_none() {
                assert!(m.get("error").is_none(), "{method}: {m}");
                return m["result"].clone();
            }
            self.pending.push_back(m);
        }
    }

    /// The first notification `method` (kept or to come, within `timeout`)
    /// whose params satisfy `want`; the ones before it are dropped.
    pub fn wait_for(
        &mut self,
        method: &str,
        timeout: Duration,
        want: impl Fn(&Value) -> bool,
    ) -> Option<Value> {
        while let Some(m) = self.pending.pop_front() {
            if m["method"] == method && want(&m["params"]) {
                return Some(m["params"].clone());
            }
        }
        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let m = self.incoming.recv_timeout(left).ok()?;
            if m["method"] == method && want(&m["params"]) {
                return Some(m["params"].clone());
            }
        }
    }

    /// The diagnostics published for `uri` at `version` (5 s at most).
    pub fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let p = self
            .wait_for(
                "textDocument/publishDiagnostics",
                Duration::from_secs(5),
                |p| p["uri"] == uri && p["version"] == version,
            )
            .unwrap_or_else(|| panic!("no diagnostics for {uri} v{version}"));
        p["diagnostics"].as_array().cloned().unwrap_or_default()
    }

    /// The next diagnostics published for `uri`, whatever the version (5 s at most).
    pub fn next_diagnostics(&mut self, uri: &str) -> Value {
        let p = self
            .wait_for(
                "textDocument/publishDiagnostics",
                Duration::from_secs(5),
                |p| p["uri"] == uri,
            )
            .unwrap_or_else(|| panic!("no diagnostics for {uri}"));
        p["diagnostics"].clone()
    }

    /// Opens a buffer.
    pub fn open(&mut self, uri: &str, language: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": language, "version": 1, "text": text}}),
        );
    }

    /// Replaces a buffer's text.
    pub fn change(&mut self, uri: &str, version: i64, text: &str) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]}),
        );
    }

    /// Shuts the server down and waits for it to exit (5 s at most); its exit status.
    pub fn shutdown(mut self) -> Option<i32> {
        let _ = self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(s)) = self.child.try_wait() {
                return s.code();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        None
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One framed message, or `None` at the end of the stream.
fn read_message(r: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if r.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(n) = line.strip_prefix("Content-Length: ") {
            length = n.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    r.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}
