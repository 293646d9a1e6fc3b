//! The `LanguageServer` implementation: each method converts its params,
//! asks the library, and converts the answer back.

use super::config::Settings;
use super::convert::{self, byte_range, byte_to_position, position_to_byte};
use super::diagnostics;
use super::review::Reviews;
use super::store::{Pending, Snapshot, Store};
use super::transport::Output;
use gazette::kb::Kb;
use gazette::model::{Finding, Label, Severity};
use gazette::regions::DocAnalysis;
use gazette::text::{PositionEncoding, normalize_newlines};
use gazette::workspace::spellings::{self, WorkspaceFinding};
use gazette::workspace::{WorkspaceIndex, article_files, is_article};
use gazette::{Analysis, Context, analyze, ide, time};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock, RwLock};
use tower_lsp_server::jsonrpc::{Error, ErrorCode, Result};
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};

pub const TOKEN_TYPES: [&str; 4] = ["person", "country", "demonym", "date"];
pub const TOKEN_MODIFIERS: [&str; 4] = ["suggested", "accepted", "rejected", "manual"];

/// Commands the server executes itself, so every editor gets them.
pub const COMMANDS: [&str; 10] = [
    "gazette.addPerson",
    "gazette.applyDecision",
    "gazette.accept",
    "gazette.reject",
    "gazette.relabel",
    "gazette.tagSelection",
    "gazette.link",
    "gazette.addNote",
    "gazette.removeTag",
    "gazette.acceptAllOfEntity",
];

/// State shared by handlers and background tasks.
pub struct Shared {
    pub client: Client,
    /// Messages the server serialises itself (document diagnostics).
    pub out: Output,
    pub store: Store,
    pub reviews: Reviews,
    kb: RwLock<Arc<Kb>>,
    pub settings: RwLock<Settings>,
    pub encoding: RwLock<PositionEncoding>,
    pub index: Mutex<WorkspaceIndex>,
    pub indexed: AtomicBool,
    pub roots: RwLock<Vec<PathBuf>>,
    pub shutting_down: AtomicBool,
    pub caps: RwLock<ClientFlags>,
    /// The user's knowledge-base files (and `gazette.toml`), and the files
    /// that currently carry knowledge-base diagnostics.
    kb_files: RwLock<(Vec<PathBuf>, Vec<PathBuf>)>,
}

#[derive(Clone, Copy, Debug, Default)]
pub struct ClientFlags {
    pub work_done_progress: bool,
    pub watch_files_dynamic: bool,
    pub configuration: bool,
}

pub struct Backend {
    shared: Arc<Shared>,
}

impl Backend {
    pub fn new(client: Client, out: Output) -> Self {
        Backend {
            shared: Arc::new(Shared {
                client,
                out,
                store: Store::default(),
                reviews: Reviews::default(),
                kb: RwLock::new(Kb::builtin()),
                settings: RwLock::new(Settings::default()),
                encoding: RwLock::new(PositionEncoding::Utf16),
                index: Mutex::new(WorkspaceIndex::new(PositionEncoding::Utf16)),
                indexed: AtomicBool::new(false),
                roots: RwLock::new(Vec::new()),
                shutting_down: AtomicBool::new(false),
                caps: RwLock::new(ClientFlags::default()),
                kb_files: RwLock::new((Vec::new(), Vec::new())),
            }),
        }
    }

    /// `gazette/entities`: every entity of a document, in order.
    pub async fn entities(&self, params: EntitiesParams) -> Result<EntitiesResult> {
        let snap = self.shared.snapshot(&params.text_document.uri).await?;
        let enc = self.shared.encoding();
        let reviewed = snap.reviewed();
        let entities = reviewed
            .iter()
            .map(|e| EntityJson {
                range: byte_range(&snap.rope, e.start, e.end, enc),
                label: e.label.as_str().to_string(),
                text: snap.text[e.start..e.end].to_string(),
                id: e.id.clone(),
                canonical: e.canonical.clone(),
                value: e.date.as_ref().map(|d| d.value.clone()),
                end_value: e.date.as_ref().and_then(|d| d.end_value.clone()),
                modifier: e.date.as_ref().and_then(|d| d.modifier.clone()),
                status: Some(e.status.as_str().to_string()),
            })
            .collect();
        Ok(EntitiesResult { entities })
    }
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EntitiesParams {
    pub text_document: TextDocumentIdentifier,
}

#[derive(Debug, Serialize)]
pub struct EntitiesResult {
    pub entities: Vec<EntityJson>,
}

#[derive(Debug, Serialize)]
pub struct EntityJson {
    pub range: Range,
    pub label: String,
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub canonical: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_value: Option<String>,
    #[serde(rename = "mod", skip_serializing_if = "Option::is_none")]
    pub modifier: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
}

fn unknown_document(uri: &Uri) -> Error {
    Error {
        code: ErrorCode::InvalidParams,
        message: format!(
            "gazette: {} is not open; send textDocument/didOpen first",
            uri.as_str()
        )
        .into(),
        data: None,
    }
}

fn internal(msg: String) -> Error {
    Error {
        code: ErrorCode::InternalError,
        message: msg.into(),
        data: None,
    }
}

fn uri_path(uri: &Uri) -> Option<PathBuf> {
    if uri.scheme().as_str() != "file" {
        return None;
    }
    uri.to_file_path().map(|p| p.into_owned())
}

fn path_uri(path: &Path) -> Option<Uri> {
    Uri::from_file_path(path)
}

impl Shared {
    /// Re-reads the user's knowledge-base files, publishes their problems
    /// as diagnostics on those files, and re-analyses open documents.
    async fn reload_user_kb(self: &Arc<Self>) {
        let Some(root) = self
            .roots
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .first()
            .cloned()
        else {
            return;
        };
        let extra = self.settings().kb_paths;
        let Ok((kb, errors, files)) =
            tokio::task::spawn_blocking(move || super::user_kb::load(&root, &extra)).await
        else {
            return;
        };
        *self.kb.write().unwrap_or_else(|e| e.into_inner()) = kb;
        let mut by_file: HashMap<PathBuf, Vec<Diagnostic>> = HashMap::new();
        for e in &errors {
            let line = e.line.saturating_sub(1) as u32;
            let col = e.column.unwrap_or(1).saturating_sub(1) as u32;
            by_file
                .entry(PathBuf::from(&e.file))
                .or_default()
                .push(Diagnostic {
                    range: Range::new(Position::new(line, col), Position::new(line, col + 1)),
                    severity: Some(DiagnosticSeverity::ERROR),
                    code: Some(NumberOrString::String("kb-invalid".into())),
                    source: Some("gazette".into()),
                    message: e.message.clone(),
                    ..Default::default()
                });
        }
        let previous = {
            let mut f = self.kb_files.write().unwrap_or_else(|e| e.into_inner());
            let prev = std::mem::take(&mut f.1);
            f.0 = files;
            f.1 = by_file.keys().cloned().collect();
            prev
        };
        for p in previous {
            if !by_file.contains_key(&p)
                && let Some(u) = path_uri(&p)
            {
                self.client.publish_diagnostics(u, Vec::new(), None).await;
            }
        }
        for (p, diags) in by_file {
            if let Some(u) = path_uri(&p) {
                self.client.publish_diagnostics(u, diags, None).await;
            }
        }
        self.reanalyze_open();
    }

    /// `gazette.addPerson`: writes the entry, reloads, answers where it is.
    async fn add_person(self: &Arc<Self>, arg: &Value) -> Result<Option<Value>> {
        let name = arg
            .get("name")
            .and_then(Value::as_str)
            .ok_or_else(|| invalid("gazette: gazette.addPerson: expected \"name\"".into()))?
            .to_string();
        let aliases: Vec<String> = arg
            .get("aliases")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default();
        let root = self
            .roots
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .first()
            .cloned()
            .ok_or_else(|| {
                invalid("gazette: open a workspace folder to keep a user knowledge base".into())
            })?;
        let written =
            tokio::task::spawn_blocking(move || super::user_kb::add_person(&root, &name, &aliases))
                .await
                .map_err(|e| internal(format!("gazette: {e}")))?;
        match written {
            Ok((path, line)) => {
                self.reload_user_kb().await;
                Ok(Some(
                    serde_json::json!({ "file": path.display().to_string(), "line": line }),
                ))
            }
            Err(why) => Err(invalid(format!("gazette: {why}"))),
        }
    }

    fn is_kb_file(&self, path: &Path) -> bool {
        path.file_name()
            .is_some_and(|n| n == gazette::kb::user::CONFIG_FILE)
            || self
                .kb_files
                .read()
                .unwrap_or_else(|e| e.into_inner())
                .0
                .iter()
                .any(|p| p == path)
    }

    /// The knowledge in force: built-in plus the user's files.
    pub fn kb(&self) -> Arc<Kb> {
        self.kb.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    pub fn encoding(&self) -> PositionEncoding {
        *self.encoding.read().unwrap_or_else(|e| e.into_inner())
    }

    fn settings(&self) -> Settings {
        self.settings
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    fn index(&self) -> std::sync::MutexGuard<'_, WorkspaceIndex> {
        self.index.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn context_for(&self, settings: &Settings, path: Option<&Path>) -> Context {
        Context {
            kb: self.kb(),
            document_date: settings.document_date_for(path),
            labels: settings.labels.clone(),
            severities: settings.severities.clone(),
        }
    }

    /// Analyses `rope` off the async runtime; a panic in the analysis
    /// becomes an error, never a dead server. With `publish`, also
    /// renders the `publishDiagnostics` message for this version.
    async fn run_analysis(
        self: &Arc<Self>,
        uri: &Uri,
        pending: Pending,
        publish: bool,
    ) -> Result<(Snapshot, Option<Vec<u8>>)> {
        let settings = self.settings();
        let ctx = self.context_for(&settings, pending.path.as_deref());
        let max = settings.max_file_bytes;
        let max_diagnostics = settings.max_diagnostics;
        let enc = self.encoding();
        let this = self.clone();
        let uri = uri.clone();
        tokio::task::spawn_blocking(move || {
            let t0 = std::time::Instant::now();
            let doc_cache = pending.cache.clone();
            let mut cache = doc_cache.lock().unwrap_or_else(|e| e.into_inner());
            let text = cache.text_for(&pending);
            let t_text = t0.elapsed();
            // Until this analysis completes the cache's version is unknown
            // (a panic below must not leave a wrong one).
            let change = cache
                .generation
                .take()
                .and_then(|g| pending.change_since(g));
            let doc = if text.len() > max {
                cache.regions.clear();
                Arc::new(DocAnalysis::whole(&text, too_large(text.len(), max)))
            } else {
                gazette::analyze_incremental(&text, &ctx, &mut cache.regions, change)
            };
            cache.generation = Some(pending.generation);
            let Pending { rope, version, .. } = pending;
            let t_analysis = t0.elapsed();
            // The flat analysis only if stored decisions need it.
            let flat = OnceLock::new();
            let review = {
                let cache = std::cell::RefCell::new(&mut *cache);
                this.reviews.view(&uri, &text, &|| {
                    flat.get_or_init(|| cache.borrow_mut().flatten(&doc))
                        .clone()
                })
            };
            let body = publish.then(|| {
                let stale: Vec<&Finding> = review.stale.iter().map(|s| &s.finding).collect();
                diagnostics::publish_body(
                    this.out.buffer(),
                    &mut cache.diagnostics,
                    &uri,
                    version,
                    &text,
                    &doc,
                    &stale,
                    &rope,
                    enc,
                    max_diagnostics,
                )
            });
            tracing::debug!(
                version,
                bytes = text.len(),
                regions = doc.regions.len(),
                text_ms = t_text.as_secs_f64() * 1e3,
                analysis_ms = (t_analysis - t_text).as_secs_f64() * 1e3,
                total_ms = t0.elapsed().as_secs_f64() * 1e3,
                json_bytes = body.as_ref().map_or(0, Vec::len),
                "analysed"
            );
            drop(cache);
            let snap = Snapshot {
                kb: ctx.kb.clone(),
                version,
                rope,
                text,
                doc,
                flat,
                cache: doc_cache,
                review,
            };
            (snap, body)
        })
        .await
        .map_err(|e| internal(format!("gazette: analysis failed: {e}")))
    }

    /// The analysis of the document's current version, computed now if
    /// the debounced one has not run yet.
    pub async fn snapshot(self: &Arc<Self>, uri: &Uri) -> Result<Arc<Snapshot>> {
        if let Some(s) = self.store.current_snapshot(uri) {
            return Ok(s);
        }
        let pending = self
            .store
            .pending(uri, None)
            .ok_or_else(|| unknown_document(uri))?;
        let generation = pending.generation;
        let (snap, _) = self.run_analysis(uri, pending, false).await?;
        let snap = Arc::new(snap);
        self.store.install(uri, generation, snap.clone(), || {});
        Ok(snap)
    }

    /// Analyses and publishes diagnostics for `generation` of `uri` after
    /// `delay_ms`, unless a newer edit arrives first.
    pub fn schedule(self: &Arc<Self>, uri: Uri, generation: u64, delay_ms: u64) {
        let this = self.clone();
        tokio::spawn(async move {
            if delay_ms > 0 {
                tokio::time::sleep(std::time::Duration::from_millis(delay_ms)).await;
            }
            let Some(pending) = this.store.pending(&uri, Some(generation)) else {
                return;
            };
            let path = pending.path.clone();
            // Large documents publish per-region JSON rendered with the
            // analysis; articles are converted here, with the findings
            // that need the workspace index.
            let large = pending.rope.len_bytes() > gazette::regions::WHOLE_LIMIT;
            let (snap, body) = match this.run_analysis(&uri, pending, large).await {
                Ok((s, body)) => (Arc::new(s), body),
                Err(e) => {
                    this.client.log_message(MessageType::ERROR, e.message).await;
                    return;
                }
            };
            let pre_rendered = body.is_some();
            // Published with the install, so a newer version's message
            // (or a close's) cannot be overtaken by this one.
            let out = &this.out;
            let installed = this.store.install(&uri, generation, snap.clone(), || {
                if let Some(body) = body {
                    out.send_body(body);
                }
            });
            if !installed {
                return; // stale: a newer version is on its way
            }
            // Large documents are indexed from disk on save and close, not
            // on every keystroke.
            let mut spellings_changed = false;
            if let Some(p) = path
                .as_ref()
                .filter(|_| snap.text.len() <= gazette::regions::WHOLE_LIMIT)
            {
                let mentions = this.index().mentions_of(&snap.text, snap.analysis());
                spellings_changed = this.index().set_mentions(p, mentions);
            } else if snap.flat.get().is_none()
                && snap.cache.try_lock().is_ok_and(|c| c.flat.is_none())
            {
                // A large document just opened: make the flat analysis
                // requests use now, so the first hover does not wait for
                // it (later versions are made from it at little cost).
                let prepare = super::store::prepare_after_open(&snap);
                tokio::task::spawn_blocking(move || super::background::run(prepare));
            }
            if !pre_rendered {
                // Articles (the whole-text path) also carry workspace-wide
                // findings, which the per-region pieces do not know.
                let diags = this.diagnostics(&uri, &snap);
                this.client
                    .publish_diagnostics(uri.clone(), diags, Some(snap.version))
                    .await;
            }
            this.publish_ann_problems(&uri).await;
            if spellings_changed {
                this.republish_open(Some(&uri));
            }
        });
    }

    /// Diagnostics on the sidecar itself (parse errors, text mismatches).
    async fn publish_ann_problems(&self, uri: &Uri) {
        let Some((path, problems)) = self.reviews.problems(uri) else {
            return;
        };
        if problems.is_empty() && !path.exists() {
            return;
        }
        let Some(ann_uri) = path_uri(&path) else {
            return;
        };
        let diags = problems
            .iter()
            .map(|p| {
                // 0-based; columns are code points, which equal UTF-16
                // units for the ASCII ids and offsets problems point at.
                let line = p.line as u32;
                let col = p.column as u32;
                Diagnostic {
                    range: Range::new(Position::new(line, col), Position::new(line, col + 1)),
                    severity: Some(convert::severity(p.severity)),
                    code: Some(NumberOrString::String(p.code.to_string())),
                    source: Some("gazette".into()),
                    message: p.message.clone(),
                    ..Default::default()
                }
            })
            .collect();
        self.client.publish_diagnostics(ann_uri, diags, None).await;
    }

    /// Re-analyses one open document now (after a review decision or an
    /// external sidecar change) and asks the client to refresh tokens.
    fn refresh(self: &Arc<Self>, uri: &Uri) {
        if let Some(generation) = self.store.invalidate(uri) {
            self.schedule(uri.clone(), generation, 0);
        }
        let client = self.client.clone();
        tokio::spawn(async move {
            let _ = client.semantic_tokens_refresh().await;
            let _ = client.inlay_hint_refresh().await;
        });
    }

    fn diagnostics(&self, uri: &Uri, snap: &Snapshot) -> Vec<Diagnostic> {
        let enc = self.encoding();
        let workspace = self.workspace_findings(uri, snap);
        let limit = {
            let settings = self.settings.read().unwrap_or_else(|e| e.into_inner());
            settings.max_diagnostics
        };
        let all = spellings::merge(&snap.analysis().findings, &workspace)
            .into_iter()
            .chain(snap.review.stale.iter().map(|s| (&s.finding, None)))
            .map(|(f, w)| Diagnostic {
                range: byte_range(&snap.rope, f.start, f.end, enc),
                severity: Some(convert::severity(f.severity)),
                code: Some(NumberOrString::String(f.code.to_string())),
                source: Some("gazette".to_string()),
                message: f.message.clone(),
                related_information: w.map(related_information),
                ..Default::default()
            })
            .collect();
        diagnostics::capped(all, limit)
    }

    /// Findings that need the workspace index: `name-variant` across
    /// articles (looked up in precomputed spelling tallies).
    fn workspace_findings(&self, uri: &Uri, snap: &Snapshot) -> Vec<WorkspaceFinding> {
        let severity = {
            let settings = self.settings.read().unwrap_or_else(|e| e.into_inner());
            spellings::severity(&settings.severities)
        };
        let Some(severity) = severity else {
            return Vec::new();
        };
        let path = uri_path(uri);
        let index = self.index();
        spellings::name_variants(
            &snap.text,
            &snap.analysis().entities,
            path.as_deref(),
            index.spellings(),
            &snap.kb,
            severity,
        )
    }

    /// Re-sends the diagnostics of analysed open documents (but `except`)
    /// after the workspace's spellings changed; nothing is re-analysed.
    fn republish_open(self: &Arc<Self>, except: Option<&Uri>) {
        let this = self.clone();
        let except = except.cloned();
        tokio::spawn(async move {
            for uri in this.store.open_uris() {
                if except.as_ref() == Some(&uri) {
                    continue;
                }
                // A document still pending publishes when its analysis ends.
                let Some(snap) = this.store.current_snapshot(&uri) else {
                    continue;
                };
                let diags = this.diagnostics(&uri, &snap);
                this.client
                    .publish_diagnostics(uri, diags, Some(snap.version))
                    .await;
            }
        });
    }

    /// Re-reads `path` from disk into the workspace index (unless open);
    /// returns whether how the workspace spells people changed.
    fn index_file_from_disk(&self, path: &Path, settings: &Settings) -> bool {
        if self.store.is_open_path(path) {
            return false;
        }
        match read_article(path, settings.max_file_bytes) {
            Ok(text) => {
                let ctx = self.context_for(settings, Some(path));
                let a = analyze(&text, &ctx);
                let mentions = self.index().mentions_of(&text, &a);
                self.index().set_mentions(path, mentions)
            }
            Err(why) => {
                tracing::info!("not indexed: {}: {why}", path.display());
                self.index().remove(path)
            }
        }
    }

    /// Indexes every article under the workspace roots, reporting progress.
    async fn index_workspace(self: Arc<Self>) {
        let roots = self.roots.read().unwrap_or_else(|e| e.into_inner()).clone();
        if roots.is_empty() {
            self.indexed.store(true, Ordering::SeqCst);
            return;
        }
        let flags = *self.caps.read().unwrap_or_else(|e| e.into_inner());
        let files: Vec<PathBuf> = {
            let roots = roots.clone();
            tokio::task::spawn_blocking(move || {
                roots.iter().flat_map(|r| article_files(r)).collect()
            })
            .await
            .unwrap_or_default()
        };
        let token = NumberOrString::String("gazette/index".into());
        let progress = if flags.work_done_progress
            && self
                .client
                .create_work_done_progress(token.clone())
                .await
                .is_ok()
        {
            Some(
                self.client
                    .progress(token, "gazette: indexing articles")
                    .with_percentage(0)
                    .begin()
                    .await,
            )
        } else {
            None
        };
        let total = files.len().max(1);
        let mut done = 0;
        for chunk in files.chunks(32) {
            if self.shutting_down.load(Ordering::SeqCst) {
                return;
            }
            let this = self.clone();
            let chunk = chunk.to_vec();
            let n = chunk.len();
            let _ = tokio::task::spawn_blocking(move || {
                use rayon::prelude::*;
                let settings = this.settings();
                super::background::run(|| {
                    chunk.par_iter().for_each(|p| {
                        this.index_file_from_disk(p, &settings);
                    })
                });
            })
            .await;
            done += n;
            if let Some(p) = &progress {
                p.report_with_message(format!("{done}/{total} files"), (done * 100 / total) as u32)
                    .await;
            }
        }
        self.indexed.store(true, Ordering::SeqCst);
        // Open documents now see every article's spellings.
        self.republish_open(None);
        if let Some(p) = progress {
            p.finish_with_message(format!("{done} articles indexed"))
                .await;
        }
        tracing::info!("indexed {done} articles");
    }

    fn workspace_count(&self, id: &str) -> Option<usize> {
        if self.indexed.load(Ordering::SeqCst) {
            Some(self.index().count(id))
        } else {
            None
        }
    }

    fn reanalyze_open(self: &Arc<Self>) {
        self.store.invalidate_all();
        for uri in self.store.open_uris() {
            if let Some(p) = self.store.pending(&uri, None) {
                self.schedule(uri, p.generation, 0);
            }
        }
    }

    async fn apply_settings(self: &Arc<Self>, value: &Value) {
        let problems = {
            let mut s = self.settings.write().unwrap_or_else(|e| e.into_inner());
            s.apply(value)
        };
        for p in problems {
            self.client
                .show_message(MessageType::WARNING, format!("gazette: {p}"))
                .await;
        }
    }
}

/// Where else a workspace finding's name is written, as LSP locations.
fn related_information(w: &WorkspaceFinding) -> Vec<DiagnosticRelatedInformation> {
    w.related
        .iter()
        .filter_map(|r| {
            Some(DiagnosticRelatedInformation {
                location: Location {
                    uri: path_uri(&r.path)?,
                    range: Range::new(
                        Position::new(r.start.0, r.start.1),
                        Position::new(r.end.0, r.end.1),
                    ),
                },
                message: format!("written \"{}\" here", r.spelling),
            })
        })
        .collect()
}

fn too_large(len: usize, max: usize) -> Analysis {
    Analysis {
        findings: vec![Finding {
            start: 0,
            end: 0,
            code: "file-too-large",
            severity: Severity::Warning,
            message: format!(
                "This document has {:.1} MB, above the {:.0} MB limit (gazette.maxFileSizeMb): it is not analysed. Raise the limit or split the file",
                len as f64 / 1e6,
                max as f64 / 1048576.0
            ),
            fixes: Vec::new(),
        }],
        ..Analysis::default()
    }
}

/// Reads an article for indexing: lossy for bad UTF-8, refused for binary
/// or oversized files.
pub fn read_article(path: &Path, max: usize) -> std::result::Result<String, String> {
    let meta = std::fs::metadata(path).map_err(|e| e.to_string())?;
    if meta.len() as usize > max {
        return Err(format!("{} bytes, above the size limit", meta.len()));
    }
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    match gazette::text::decode_article(bytes) {
        Ok(t) => Ok(t),
        Err(gazette::text::DecodeProblem::InvalidUtf8 { lossy, .. }) => Ok(lossy),
        Err(e) => Err(e.to_string()),
    }
}

fn label_kind(label: Label) -> SymbolKind {
    match label {
        Label::Person => SymbolKind::OBJECT,
        Label::Country => SymbolKind::MODULE,
        Label::Demonym => SymbolKind::ENUM_MEMBER,
        Label::Date => SymbolKind::EVENT,
    }
}

fn status_bit(status: gazette::review::Status) -> u32 {
    use gazette::review::Status;
    match status {
        Status::Suggested => 1,
        Status::Accepted => 2,
        Status::Rejected => 4,
        Status::Manual => 8,
    }
}

/// The reviewed entity covering byte `offset`.
fn reviewed_at(snap: &Snapshot, offset: usize) -> Option<gazette::review::ReviewedEntity> {
    snap.reviewed_at(offset)
}

/// A code action that runs `gazette.applyDecision` on the server.
fn decision_action(
    uri: &Uri,
    title: &str,
    decision: &gazette::review::Decision,
    kind: CodeActionKind,
    disabled: Option<String>,
) -> CodeActionOrCommand {
    let args = serde_json::json!({ "uri": uri.as_str(), "decision": decision });
    CodeActionOrCommand::CodeAction(CodeAction {
        title: title.to_string(),
        kind: Some(kind),
        command: Some(Command {
            title: title.to_string(),
            command: "gazette.applyDecision".into(),
            arguments: Some(vec![args]),
        }),
        disabled: disabled.map(|reason| CodeActionDisabled { reason }),
        ..Default::default()
    })
}

fn invalid(msg: String) -> Error {
    Error {
        code: ErrorCode::InvalidParams,
        message: msg.into(),
        data: None,
    }
}

/// The decision a named review command means at `arg.range`.
fn named_decision(
    command: &str,
    arg: &Value,
    snap: &Snapshot,
    enc: PositionEncoding,
    kb: &Kb,
) -> Result<gazette::review::Decision> {
    use gazette::review::Decision;
    let range: Range = serde_json::from_value(arg.get("range").cloned().unwrap_or(Value::Null))
        .map_err(|e| {
            invalid(format!(
                "gazette: {command}: expected a \"range\" argument ({e})"
            ))
        })?;
    let start = position_to_byte(&snap.rope, range.start, enc);
    let end = position_to_byte(&snap.rope, range.end, enc);
    let text_arg = |key: &str| arg.get(key).and_then(Value::as_str).map(str::to_string);
    let entity = || {
        reviewed_at(snap, start)
            .ok_or_else(|| invalid(format!("gazette: {command}: no entity at the cursor; select text and use Tag selection instead")))
    };
    let label = || {
        text_arg("label")
            .filter(|l| Label::parse(l).is_some())
            .ok_or_else(|| {
                invalid(format!(
                    "gazette: {command}: expected \"label\": PERSON, COUNTRY, DEMONYM or DATE"
                ))
            })
    };
    Ok(match command {
        "gazette.accept" => match reviewed_at(snap, start) {
            Some(e) if end <= e.end => Decision::Accept {
                start: e.start,
                end: e.end,
            },
            None if start == end => {
                return Err(invalid(format!(
                    "gazette: {command}: no entity at the cursor"
                )));
            }
            _ => Decision::AcceptRange { start, end },
        },
        "gazette.reject" => {
            let e = entity()?;
            Decision::Reject {
                start: e.start,
                end: e.end,
            }
        }
        "gazette.removeTag" => {
            let e = entity()?;
            Decision::Remove {
                start: e.start,
                end: e.end,
            }
        }
        "gazette.relabel" => {
            let e = entity()?;
            Decision::Relabel {
                start: e.start,
                end: e.end,
                label: label()?,
            }
        }
        "gazette.tagSelection" => Decision::Tag {
            start,
            end,
            label: label()?,
        },
        "gazette.link" => {
            let e = entity()?;
            let reference = text_arg("reference")
                .or_else(|| text_arg("id").map(|id| format!("gazette:{id}")))
                .or_else(|| e.id.as_ref().map(|id| format!("gazette:{id}")))
                .ok_or_else(|| {
                    invalid(format!(
                        "gazette: {command}: expected \"reference\" (e.g. Wikidata:Q7747)"
                    ))
                })?;
            // The linked entry's own name, not the old link's.
            let kb_name = reference
                .strip_prefix("gazette:")
                .and_then(|id| kb.countries.by_id(id))
                .map(|(_, c)| c.canonical.clone());
            let name = text_arg("name")
                .or(kb_name)
                .or_else(|| e.canonical.clone())
                .unwrap_or_default();
            Decision::Link {
                start: e.start,
                end: e.end,
                reference,
                name,
            }
        }
        "gazette.addNote" => {
            let e = entity()?;
            Decision::Note {
                start: e.start,
                end: e.end,
                text: text_arg("note").unwrap_or_default(),
            }
        }
        "gazette.acceptAllOfEntity" => {
            let e = entity()?;
            let id = e.id.clone().ok_or_else(|| {
                invalid(format!(
                    "gazette: {command}: this entity has no id to match"
                ))
            })?;
            Decision::AcceptEntity { id }
        }
        other => return Err(invalid(format!("gazette: unknown command {other}"))),
    })
}

fn token_type(label: Label) -> u32 {
    match label {
        Label::Person => 0,
        Label::Country => 1,
        Label::Demonym => 2,
        Label::Date => 3,
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let s = &self.shared;
        let enc = convert::negotiate(
            params
                .capabilities
                .general
                .as_ref()
                .and_then(|g| g.position_encodings.as_deref()),
        );
        *s.encoding.write().unwrap_or_else(|e| e.into_inner()) = enc;
        *s.index() = WorkspaceIndex::new(enc);
        let mut roots: Vec<PathBuf> = params
            .workspace_folders
            .iter()
            .flatten()
            .filter_map(|f| uri_path(&f.uri))
            .collect();
        #[allow(deprecated)]
        if roots.is_empty()
            && let Some(root) = params.root_uri.as_ref().and_then(uri_path)
        {
            roots.push(root);
        }
        *s.roots.write().unwrap_or_else(|e| e.into_inner()) = roots;
        let caps = &params.capabilities;
        *s.caps.write().unwrap_or_else(|e| e.into_inner()) = ClientFlags {
            work_done_progress: caps
                .window
                .as_ref()
                .and_then(|w| w.work_done_progress)
                .unwrap_or(false),
            watch_files_dynamic: caps
                .workspace
                .as_ref()
                .and_then(|w| w.did_change_watched_files.as_ref())
                .and_then(|d| d.dynamic_registration)
                .unwrap_or(false),
            configuration: caps
                .workspace
                .as_ref()
                .and_then(|w| w.configuration)
                .unwrap_or(false),
        };
        if let Some(opts) = &params.initialization_options {
            let problems = s
                .settings
                .write()
                .unwrap_or_else(|e| e.into_inner())
                .apply(opts);
            for p in problems {
                tracing::warn!("{p}");
            }
        }
        Ok(InitializeResult {
            server_info: Some(ServerInfo {
                name: "gazette".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
            capabilities: ServerCapabilities {
                position_encoding: Some(convert::encoding_kind(enc)),
                text_document_sync: Some(TextDocumentSyncCapability::Options(
                    TextDocumentSyncOptions {
                        open_close: Some(true),
                        change: Some(TextDocumentSyncKind::INCREMENTAL),
                        save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                        ..Default::default()
                    },
                )),
                hover_provider: Some(HoverProviderCapability::Simple(true)),
                definition_provider: Some(OneOf::Left(true)),
                references_provider: Some(OneOf::Left(true)),
                document_highlight_provider: Some(OneOf::Left(true)),
                document_symbol_provider: Some(OneOf::Left(true)),
                workspace_symbol_provider: Some(OneOf::Left(true)),
                execute_command_provider: Some(ExecuteCommandOptions {
                    commands: COMMANDS.iter().map(|c| c.to_string()).collect(),
                    ..Default::default()
                }),
                code_action_provider: Some(CodeActionProviderCapability::Options(
                    CodeActionOptions {
                        code_action_kinds: Some(vec![
                            CodeActionKind::QUICKFIX,
                            CodeActionKind::new("refactor.gazette.review"),
                        ]),
                        ..Default::default()
                    },
                )),
                inlay_hint_provider: Some(OneOf::Left(true)),
                semantic_tokens_provider: Some(
                    SemanticTokensServerCapabilities::SemanticTokensOptions(
                        SemanticTokensOptions {
                            legend: SemanticTokensLegend {
                                token_types: TOKEN_TYPES
                                    .iter()
                                    .map(|t| SemanticTokenType::new(t))
                                    .collect(),
                                token_modifiers: TOKEN_MODIFIERS
                                    .iter()
                                    .map(|m| SemanticTokenModifier::new(m))
                                    .collect(),
                            },
                            full: Some(SemanticTokensFullOptions::Bool(true)),
                            range: None,
                            ..Default::default()
                        },
                    ),
                ),
                workspace: Some(WorkspaceServerCapabilities {
                    workspace_folders: Some(WorkspaceFoldersServerCapabilities {
                        supported: Some(true),
                        change_notifications: None,
                    }),
                    file_operations: None,
                }),
                ..Default::default()
            },
            offset_encoding: None,
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        let s = self.shared.clone();
        let flags = *s.caps.read().unwrap_or_else(|e| e.into_inner());
        tokio::spawn(async move {
            if flags.watch_files_dynamic {
                let opts = serde_json::json!({ "watchers": [
                    { "globPattern": "**/*.{txt,md,markdown}" },
                    { "globPattern": "**/*.ann" },
                    { "globPattern": "**/*.{toml,jsonl}" }
                ]});
                let reg = Registration {
                    id: "gazette-watch".into(),
                    method: "workspace/didChangeWatchedFiles".into(),
                    register_options: Some(opts),
                };
                if let Err(e) = s.client.register_capability(vec![reg]).await {
                    tracing::warn!("file watching unavailable: {e}");
                }
            }
            if flags.configuration {
                let item = ConfigurationItem {
                    scope_uri: None,
                    section: Some("gazette".into()),
                };
                if let Ok(values) = s.client.configuration(vec![item]).await
                    && let Some(v) = values.first()
                    && v.is_object()
                {
                    s.apply_settings(v).await;
                    s.reanalyze_open();
                }
            }
            s.reload_user_kb().await;
            s.index_workspace().await;
        });
    }

    async fn shutdown(&self) -> Result<()> {
        self.shared.shutting_down.store(true, Ordering::SeqCst);
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let doc = params.text_document;
        let path = uri_path(&doc.uri);
        // The materialised knowledge-base files are for reading, not review.
        let kb_file = path
            .as_ref()
            .is_some_and(|p| p.starts_with(gazette::kb::materialize::cache_dir()));
        if let Some(p) = path.as_ref().filter(|_| !kb_file) {
            self.shared.reviews.open(&doc.uri, p, &doc.text);
        }
        let generation = self
            .shared
            .store
            .open(doc.uri.clone(), doc.text, doc.version, path);
        if !kb_file {
            self.shared.schedule(doc.uri, generation, 0);
        }
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let s = &self.shared;
        let uri = params.text_document.uri;
        match s.store.change(
            &uri,
            params.text_document.version,
            params.content_changes,
            s.encoding(),
        ) {
            Ok(generation) => {
                let delay = s
                    .settings
                    .read()
                    .unwrap_or_else(|e| e.into_inner())
                    .debounce_ms;
                s.schedule(uri, generation, delay);
            }
            Err(why) => {
                tracing::warn!("{why}");
                s.client
                    .log_message(MessageType::WARNING, format!("gazette: {why}"))
                    .await;
            }
        }
    }

    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        if let Some(p) = uri_path(&params.text_document.uri)
            && self.shared.is_kb_file(&p)
        {
            self.shared.reload_user_kb().await;
            return;
        }
        if let Err(why) = self.shared.reviews.saved(&params.text_document.uri) {
            self.shared
                .client
                .show_message(MessageType::ERROR, format!("gazette: {why}"))
                .await;
        }
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let s = self.shared.clone();
        let uri = params.text_document.uri;
        let path = s.store.close(&uri);
        s.reviews.close(&uri);
        s.out.send_body(diagnostics::clear_body(&uri));
        if let Some(p) = path {
            tokio::task::spawn_blocking(move || {
                let settings = s.settings();
                if super::background::run(|| s.index_file_from_disk(&p, &settings)) {
                    s.republish_open(None);
                }
            });
        }
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        self.shared.apply_settings(&params.settings).await;
        self.shared.reanalyze_open();
        // `gazette.kb.paths` may have changed.
        let s = self.shared.clone();
        tokio::spawn(async move { s.reload_user_kb().await });
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        let s = self.shared.clone();
        // Knowledge-base files reload without a restart.
        if params
            .changes
            .iter()
            .filter_map(|c| uri_path(&c.uri))
            .any(|p| s.is_kb_file(&p))
        {
            s.reload_user_kb().await;
        }
        // Sidecars changed by another tool (git pull, brat) are re-read now.
        for change in &params.changes {
            if let Some(path) = uri_path(&change.uri)
                && path.extension().is_some_and(|e| e == "ann")
                && let Some(article) = s.reviews.reload(&path)
            {
                s.refresh(&article);
            }
        }
        tokio::task::spawn_blocking(move || {
            let settings = s.settings();
            let mut spellings_changed = false;
            for change in params.changes {
                let Some(path) = uri_path(&change.uri) else {
                    continue;
                };
                if !is_article(&path) {
                    continue;
                }
                spellings_changed |= if change.typ == FileChangeType::DELETED {
                    s.index().remove(&path)
                } else {
                    super::background::run(|| s.index_file_from_disk(&path, &settings))
                };
            }
            if spellings_changed {
                s.republish_open(None);
            }
        });
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let s = &self.shared;
        let tdp = params.text_document_position_params;
        let snap = s.snapshot(&tdp.text_document.uri).await?;
        let enc = s.encoding();
        let offset = position_to_byte(&snap.rope, tdp.position, enc);
        let mut card = ide::hover(&snap.text, snap.analysis(), &snap.kb, offset, &|id| {
            s.workspace_count(id)
        });
        if let Some(r) = reviewed_at(&snap, offset) {
            let c = card.get_or_insert_with(|| ide::HoverCard {
                start: r.start,
                end: r.end,
                markdown: format!("**{}** · {}", &snap.text[r.start..r.end], r.label),
            });
            c.markdown
                .push_str(&format!("\n\nReview: **{}**", r.status.as_str()));
            if let Some(note) = &r.note {
                c.markdown.push_str(&format!("\n\nNote: {note}"));
            }
        }
        Ok(card.map(|c| Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value: c.markdown,
            }),
            range: Some(byte_range(&snap.rope, c.start, c.end, enc)),
        }))
    }

    async fn goto_definition(
        &self,
        params: GotoDefinitionParams,
    ) -> Result<Option<GotoDefinitionResponse>> {
        let s = &self.shared;
        let tdp = params.text_document_position_params;
        let snap = s.snapshot(&tdp.text_document.uri).await?;
        let offset = position_to_byte(&snap.rope, tdp.position, s.encoding());
        let target = ide::definition(snap.analysis(), &snap.kb, offset).map_err(|e| {
            internal(format!(
                "gazette: cannot write the knowledge-base file: {e}"
            ))
        })?;
        if let Some(t) = target {
            return Ok(path_uri(&t.path).map(|uri| {
                GotoDefinitionResponse::Scalar(Location {
                    uri,
                    range: convert::line_range(t.line),
                })
            }));
        }
        // A person in no knowledge base: the mention that defines them here.
        Ok(
            ide::defining_mention(snap.analysis(), offset).map(|(a, b)| {
                GotoDefinitionResponse::Scalar(Location {
                    uri: tdp.text_document.uri.clone(),
                    range: byte_range(&snap.rope, a, b, s.encoding()),
                })
            }),
        )
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        let s = &self.shared;
        let tdp = params.text_document_position;
        let uri = tdp.text_document.uri;
        let snap = s.snapshot(&uri).await?;
        let enc = s.encoding();
        let offset = position_to_byte(&snap.rope, tdp.position, enc);
        let Some(id) = snap.analysis().entity_at(offset).and_then(|e| e.id.clone()) else {
            return Ok(None);
        };
        let mut out: Vec<Location> = Vec::new();
        // The open document's current text wins over what the index holds.
        for e in snap
            .analysis()
            .entities
            .iter()
            .filter(|e| e.id.as_deref() == Some(&id))
        {
            out.push(Location {
                uri: uri.clone(),
                range: byte_range(&snap.rope, e.start, e.end, enc),
            });
        }
        let own_path = uri_path(&uri);
        for (path, start, end) in s.index().references(&id) {
            if Some(&path) == own_path.as_ref() {
                continue;
            }
            if let Some(u) = path_uri(&path) {
                out.push(Location {
                    uri: u,
                    range: Range::new(Position::new(start.0, start.1), Position::new(end.0, end.1)),
                });
            }
        }
        Ok(Some(out))
    }

    async fn document_highlight(
        &self,
        params: DocumentHighlightParams,
    ) -> Result<Option<Vec<DocumentHighlight>>> {
        let s = &self.shared;
        let tdp = params.text_document_position_params;
        let snap = s.snapshot(&tdp.text_document.uri).await?;
        let enc = s.encoding();
        let offset = position_to_byte(&snap.rope, tdp.position, enc);
        let spans = ide::highlights(snap.analysis(), offset);
        Ok(Some(
            spans
                .into_iter()
                .map(|(a, b)| DocumentHighlight {
                    range: byte_range(&snap.rope, a, b, enc),
                    kind: Some(DocumentHighlightKind::TEXT),
                })
                .collect(),
        ))
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        let s = &self.shared;
        let snap = s.snapshot(&params.text_document.uri).await?;
        let enc = s.encoding();
        let groups = ide::document_symbols(&snap.text, snap.analysis());
        #[allow(deprecated)]
        let symbols = groups
            .into_iter()
            .map(|g| {
                let children: Vec<DocumentSymbol> = g
                    .entities
                    .iter()
                    .map(|e| {
                        let (fs, fe) = e.mentions[0];
                        let last = e.mentions[e.mentions.len() - 1].1;
                        DocumentSymbol {
                            name: e.name.clone(),
                            detail: Some(format!(
                                "{} mention{}",
                                e.mentions.len(),
                                if e.mentions.len() == 1 { "" } else { "s" }
                            )),
                            kind: label_kind(g.label),
                            tags: None,
                            deprecated: None,
                            range: byte_range(&snap.rope, fs, last, enc),
                            selection_range: byte_range(&snap.rope, fs, fe, enc),
                            children: None,
                        }
                    })
                    .collect();
                let start = children
                    .iter()
                    .map(|c| c.range.start)
                    .min()
                    .unwrap_or_default();
                let end = children
                    .iter()
                    .map(|c| c.range.end)
                    .max()
                    .unwrap_or_default();
                DocumentSymbol {
                    name: g.label.as_str().to_string(),
                    detail: Some(format!("{} entities", children.len())),
                    kind: SymbolKind::NAMESPACE,
                    tags: None,
                    deprecated: None,
                    range: Range::new(start, end),
                    selection_range: Range::new(start, start),
                    children: Some(children),
                }
            })
            .collect();
        Ok(Some(DocumentSymbolResponse::Nested(symbols)))
    }

    async fn symbol(
        &self,
        params: WorkspaceSymbolParams,
    ) -> Result<Option<WorkspaceSymbolResponse>> {
        let s = &self.shared;
        let hits = s.index().symbols(&params.query);
        let symbols = hits
            .into_iter()
            .filter_map(|h| {
                Some(WorkspaceSymbol {
                    name: h.canonical.to_string(),
                    kind: label_kind(h.label),
                    tags: None,
                    container_name: Some(h.label.as_str().to_string()),
                    location: OneOf::Left(Location {
                        uri: path_uri(&h.path)?,
                        range: Range::new(
                            Position::new(h.start.0, h.start.1),
                            Position::new(h.end.0, h.end.1),
                        ),
                    }),
                    data: Some(Value::String(h.id.to_string())),
                })
            })
            .collect();
        Ok(Some(WorkspaceSymbolResponse::Nested(symbols)))
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let s = &self.shared;
        let uri = params.text_document.uri;
        let snap = s.snapshot(&uri).await?;
        let enc = s.encoding();
        let start = position_to_byte(&snap.rope, params.range.start, enc);
        let end = position_to_byte(&snap.rope, params.range.end, enc);
        let mut actions: Vec<CodeActionOrCommand> = Vec::new();
        let workspace = s.workspace_findings(&uri, &snap);
        let findings = spellings::merge(&snap.analysis().findings, &workspace);
        for &(f, _) in &findings {
            if f.end < start || f.start > end || f.fixes.is_empty() {
                continue;
            }
            let diag = Diagnostic {
                range: byte_range(&snap.rope, f.start, f.end, enc),
                severity: Some(convert::severity(f.severity)),
                code: Some(NumberOrString::String(f.code.to_string())),
                source: Some("gazette".into()),
                message: f.message.clone(),
                ..Default::default()
            };
            for (i, fix) in f.fixes.iter().enumerate() {
                let edits = fix
                    .edits
                    .iter()
                    .map(|e| TextEdit {
                        range: byte_range(&snap.rope, e.start, e.end, enc),
                        new_text: e.new_text.clone(),
                    })
                    .collect();
                actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title: fix.title.clone(),
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![diag.clone()]),
                    edit: Some(WorkspaceEdit {
                        changes: Some(HashMap::from([(uri.clone(), edits)])),
                        ..Default::default()
                    }),
                    is_preferred: Some(i == 0),
                    ..Default::default()
                }));
            }
        }
        // Knowledge-base edits the server makes itself.
        for &(f, w) in &findings {
            if f.end < start || f.start > end {
                continue;
            }
            let surface = snap.text[f.start..f.end].to_string();
            let (title, args) = match f.code {
                "unknown-person" => (
                    format!("Add \"{surface}\" to the user knowledge base"),
                    serde_json::json!({ "uri": uri.as_str(), "name": surface }),
                ),
                "name-variant" => {
                    // Across articles: under the spelling the workspace keeps.
                    let Some(canonical) = w.map(|w| w.preferred.clone()).or_else(|| {
                        snap.analysis()
                            .entity_at(f.start)
                            .and_then(|e| e.canonical.clone())
                    }) else {
                        continue;
                    };
                    (
                        format!(
                            "Add \"{surface}\" as an alias of {canonical} in the user knowledge base"
                        ),
                        serde_json::json!({ "uri": uri.as_str(), "name": canonical, "aliases": [surface] }),
                    )
                }
                _ => continue,
            };
            actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: title.clone(),
                kind: Some(CodeActionKind::QUICKFIX),
                command: Some(Command {
                    title,
                    command: "gazette.addPerson".into(),
                    arguments: Some(vec![args]),
                }),
                ..Default::default()
            }));
        }
        // Fixes for decisions whose text changed under them.
        for st in &snap.review.stale {
            if st.finding.end < start || st.finding.start > end {
                continue;
            }
            for act in &st.fixes {
                actions.push(decision_action(
                    &uri,
                    &act.title,
                    &act.decision,
                    CodeActionKind::QUICKFIX,
                    None,
                ));
            }
        }
        // Review decisions, served here so every editor has them.
        let review_kind = CodeActionKind::new("refactor.gazette.review");
        match s
            .reviews
            .actions(&uri, &snap.text, snap.analysis(), start, end)
        {
            Ok(list) => {
                for act in list {
                    actions.push(decision_action(
                        &uri,
                        &act.title,
                        &act.decision,
                        review_kind.clone(),
                        None,
                    ));
                }
                if let Some(e) = reviewed_at(&snap, start)
                    && let (Some(id), Some(name)) = (&e.id, &e.canonical)
                {
                    let d = gazette::review::Decision::Link {
                        start: e.start,
                        end: e.end,
                        reference: format!("gazette:{id}"),
                        name: name.clone(),
                    };
                    actions.push(decision_action(
                        &uri,
                        &format!("Link to KB entity: {name}"),
                        &d,
                        review_kind.clone(),
                        None,
                    ));
                }
            }
            Err(why) => {
                let d = gazette::review::Decision::AcceptRange { start, end };
                actions.push(decision_action(
                    &uri,
                    "Accept (review unavailable)",
                    &d,
                    review_kind,
                    Some(why),
                ));
            }
        }
        Ok(Some(actions))
    }

    async fn semantic_tokens_full(
        &self,
        params: SemanticTokensParams,
    ) -> Result<Option<SemanticTokensResult>> {
        let s = &self.shared;
        let snap = s.snapshot(&params.text_document.uri).await?;
        let reviewed = snap.reviewed();
        let enc = s.encoding();
        let mut data = Vec::new();
        let (mut prev_line, mut prev_col) = (0u32, 0u32);
        let fragments = reviewed.iter().flat_map(|e| {
            e.fragments
                .iter()
                .map(move |&(a, b)| (a, b, e.label, e.status))
        });
        for (start, end, label, status) in fragments {
            let a = byte_to_position(&snap.rope, start, enc);
            let b = byte_to_position(&snap.rope, end, enc);
            if a.line != b.line || b.character <= a.character {
                continue; // tokens cannot span lines
            }
            let delta_line = a.line - prev_line;
            let delta_start = if delta_line == 0 {
                a.character - prev_col
            } else {
                a.character
            };
            data.push(SemanticToken {
                delta_line,
                delta_start,
                length: b.character - a.character,
                token_type: token_type(label),
                token_modifiers_bitset: status_bit(status),
            });
            prev_line = a.line;
            prev_col = a.character;
        }
        Ok(Some(SemanticTokensResult::Tokens(SemanticTokens {
            result_id: None,
            data,
        })))
    }

    async fn execute_command(&self, params: ExecuteCommandParams) -> Result<Option<Value>> {
        let s = self.shared.clone();
        let command = params.command;
        let arg = params.arguments.into_iter().next().ok_or_else(|| {
            invalid(format!(
                "gazette: {command}: expected one argument object with \"uri\""
            ))
        })?;
        let uri: Uri = arg
            .get("uri")
            .and_then(Value::as_str)
            .and_then(|u| u.parse().ok())
            .ok_or_else(|| {
                invalid(format!(
                    "gazette: {command}: expected \"uri\" of an open document"
                ))
            })?;
        if command == "gazette.addPerson" {
            return s.add_person(&arg).await;
        }
        let snap = s.snapshot(&uri).await?;
        let decision = if command == "gazette.applyDecision" {
            serde_json::from_value(arg.get("decision").cloned().unwrap_or(Value::Null))
                .map_err(|e| invalid(format!("gazette: {command}: bad \"decision\": {e}")))?
        } else {
            named_decision(&command, &arg, &snap, s.encoding(), &snap.kb)?
        };
        let this = s.clone();
        let u = uri.clone();
        let written = tokio::task::spawn_blocking(move || {
            this.reviews
                .apply(&u, &snap.text, snap.analysis(), &decision)
        })
        .await
        .map_err(|e| internal(format!("gazette: review failed: {e}")))?;
        match written {
            Ok(path) => {
                s.refresh(&uri);
                Ok(Some(
                    serde_json::json!({ "applied": true, "ann": path.display().to_string() }),
                ))
            }
            Err(why) => {
                let msg = format!("gazette: {why}");
                let client = s.client.clone();
                let shown = msg.clone();
                tokio::spawn(async move { client.show_message(MessageType::ERROR, shown).await });
                Err(invalid(msg))
            }
        }
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        let s = &self.shared;
        if !s
            .settings
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .inlay_hints
        {
            return Ok(Some(Vec::new()));
        }
        let snap = s.snapshot(&params.text_document.uri).await?;
        let enc = s.encoding();
        let start = position_to_byte(&snap.rope, params.range.start, enc);
        let end = position_to_byte(&snap.rope, params.range.end, enc);
        let hints = snap
            .analysis()
            .dates
            .iter()
            .filter(|d| d.end >= start && d.start <= end)
            .filter_map(|d| {
                let label = time::inlay_label(d)?;
                Some(InlayHint {
                    position: byte_to_position(&snap.rope, d.end, enc),
                    label: InlayHintLabel::String(format!(" {label}")),
                    kind: None,
                    text_edits: None,
                    tooltip: Some(InlayHintTooltip::String(
                        normalize_newlines(&time::describe(d, snap.analysis().dct.as_ref()))
                            .into_owned(),
                    )),
                    padding_left: Some(true),
                    padding_right: None,
                    data: None,
                })
            })
            .collect();
        Ok(Some(hints))
    }
}
