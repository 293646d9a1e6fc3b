//! A JSON-RPC client that drives the real `gazette lsp` binary over stdio.

#![allow(dead_code)]

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

pub const TIMEOUT: Duration = Duration::from_secs(30);

pub struct TestServer {
    child: Child,
    stdin: ChildStdin,
    rx: Receiver<Value>,
    next_id: i64,
    /// Messages read while waiting for something else.
    backlog: Vec<Value>,
    pub encoding: String,
    pub root: tempfile::TempDir,
    exited: bool,
}

pub struct Options {
    pub encodings: Option<Vec<&'static str>>,
    pub files: Vec<(&'static str, Vec<u8>)>,
    pub settings: Value,
    pub progress: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            encodings: Some(vec!["utf-16"]),
            files: Vec::new(),
            settings: json!({"gazette": {"debounceMs": 0}}),
            progress: false,
        }
    }
}

pub fn uri(path: &Path) -> String {
    let mut s = String::from("file://");
    for b in path.to_string_lossy().bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => {
                s.push(b as char)
            }
            _ => s.push_str(&format!("%{b:02X}")),
        }
    }
    s
}

impl TestServer {
    pub fn start(opts: Options) -> TestServer {
        let root = tempfile::tempdir().expect("temp dir");
        for (name, bytes) in &opts.files {
            let p = root.path().join(name);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, bytes).unwrap();
        }
        let cache = root.path().join(".cache");
        let mut child = Command::new(env!("CARGO_BIN_EXE_gazette"))
            .arg("lsp")
            .env("GAZETTE_CACHE_DIR", &cache)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start gazette lsp");
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            loop {
                let mut len = 0usize;
                loop {
                    let mut line = String::new();
                    if r.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(v) = line.strip_prefix("Content-Length: ") {
                        len = v.parse().unwrap_or(0);
                    }
                }
                let mut buf = vec![0; len];
                if r.read_exact(&mut buf).is_err() {
                    return;
                }
                if let Ok(v) = serde_json::from_slice::<Value>(&buf)
                    && tx.send(v).is_err()
                {
                    return;
                }
            }
        });
        let mut s = TestServer {
            child,
            stdin,
            rx,
            next_id: 1,
            backlog: Vec::new(),
            encoding: String::new(),
            root,
            exited: false,
        };
        let mut general = json!({});
        if let Some(encs) = &opts.encodings {
            general = json!({"positionEncodings": encs});
        }
        let root_uri = uri(s.root.path());
        let res = s.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": root_uri,
                "workspaceFolders": [{"uri": root_uri, "name": "ws"}],
                "initializationOptions": opts.settings,
                "capabilities": {
                    "general": general,
                    "window": {"workDoneProgress": opts.progress},
                    "workspace": {"configuration": false, "didChangeWatchedFiles": {"dynamicRegistration": false}},
                    "textDocument": {"hover": {"contentFormat": ["markdown"]}}
                }
            }),
        );
        s.encoding = res["result"]["capabilities"]["positionEncoding"]
            .as_str()
            .unwrap_or("utf-16")
            .to_string();
        s.notify("initialized", json!({}));
        s
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.root.path().join(name)
    }

    pub fn uri(&self, name: &str) -> String {
        uri(&self.path(name))
    }

    fn send(&mut self, msg: Value) {
        let body = msg.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{}", body.len(), body)
            .expect("write to server");
        self.stdin.flush().expect("flush");
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request and returns the whole response message.
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.wait_for(
            |m| m.get("id") == Some(&json!(id)) && m.get("method").is_none(),
            &format!("response to {method}"),
        )
    }

    /// Sends a request with id `id`, then `$/cancelRequest` for it, and
    /// returns its response.
    pub fn request_then_cancel(&mut self, method: &str, params: Value, id: i64) -> Value {
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.notify("$/cancelRequest", json!({"id": id}));
        self.wait_for(
            |m| m.get("id") == Some(&json!(id)) && m.get("method").is_none(),
            "cancelled response",
        )
    }

    /// The next message matching `pred`, answering server requests on the way.
    pub fn wait_for(&mut self, pred: impl Fn(&Value) -> bool, what: &str) -> Value {
        if let Some(i) = self.backlog.iter().position(&pred) {
            return self.backlog.remove(i);
        }
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.rx.recv_timeout(left) {
                Ok(m) => {
                    if m.get("method").is_some() && m.get("id").is_some() {
                        // A server-to-client request (progress, registration): accept it.
                        let id = m["id"].clone();
                        self.send(json!({"jsonrpc": "2.0", "id": id, "result": null}));
                        if pred(&m) {
                            return m;
                        }
                        continue;
                    }
                    if pred(&m) {
                        return m;
                    }
                    self.backlog.push(m);
                }
                Err(RecvTimeoutError::Timeout) => {
                    panic!("timed out waiting for {what}; unread: {:?}", self.backlog)
                }
                Err(RecvTimeoutError::Disconnected) => {
                    panic!("server closed its output while waiting for {what}")
                }
            }
        }
    }

    pub fn open(&mut self, name: &str, text: &str) -> String {
        let uri = self.uri(name);
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": text}}),
        );
        uri
    }

    /// The next diagnostics published for `uri` with `version`.
    pub fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        self.published(uri, Some(version))
    }

    /// The next diagnostics published for `uri`, whatever their version
    /// (republished after a knowledge-base reload or workspace indexing).
    pub fn next_diagnostics(&mut self, uri: &str) -> Vec<Value> {
        self.published(uri, None)
    }

    fn published(&mut self, uri: &str, version: Option<i64>) -> Vec<Value> {
        let u = uri.to_string();
        let m = self.wait_for(
            |m| {
                m["method"] == "textDocument/publishDiagnostics"
                    && m["params"]["uri"] == u.as_str()
                    && version.is_none_or(|v| m["params"]["version"] == v)
            },
            &format!("diagnostics of {uri}"),
        );
        m["params"]["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    pub fn entities(&mut self, uri: &str) -> Vec<Value> {
        let r = self.request("gazette/entities", json!({"textDocument": {"uri": uri}}));
        r["result"]["entities"]
            .as_array()
            .cloned()
            .unwrap_or_else(|| panic!("no entities: {r}"))
    }

    /// Shuts down and exits; asserts a clean exit.
    pub fn shutdown(mut self) {
        let r = self.request("shutdown", Value::Null);
        assert!(r.get("error").is_none(), "shutdown failed: {r}");
        self.notify("exit", Value::Null);
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            match self.child.try_wait() {
                Ok(Some(status)) => {
                    assert!(status.success(), "server exited with {status}");
                    self.exited = true;
                    return;
                }
                Ok(None) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(20))
                }
                _ => panic!("server did not exit after `exit`"),
            }
        }
    }

    pub fn is_alive(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if !self.exited {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// Converts a code-point column on `line` of `text` into `encoding` units.
pub fn pos(text: &str, byte: usize, encoding: &str) -> Value {
    let before = &text[..byte];
    let line = before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let seg = &text[line_start..byte];
    let col: usize = match encoding {
        "utf-8" => seg.len(),
        "utf-32" => seg.chars().count(),
        _ => seg.encode_utf16().count(),
    };
    json!({"line": line, "character": col})
}

/// Byte offset of an LSP position in `text` (LF line breaks).
pub fn offset(text: &str, p: &Value, encoding: &str) -> usize {
    let line = p["line"].as_u64().unwrap() as usize;
    let ch = p["character"].as_u64().unwrap() as usize;
    let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
    let mut units = 0;
    for (i, c) in text[start..].char_indices() {
        if units >= ch || c == '\n' {
            return start + i;
        }
        units += match encoding {
            "utf-8" => c.len_utf8(),
            "utf-32" => 1,
            _ => c.len_utf16(),
        };
    }
    text.len()
}
