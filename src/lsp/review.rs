//! Reviewers' `.ann` sidecars of open articles: loaded on open, re-anchored
//! as the article is edited, written atomically when a decision is taken
//! or the article is saved, re-read when another tool changes them.

use gazette::Analysis;
use gazette::review::{self, AnnDoc, AnnProblem, Decision, ReviewedEntity, Stale};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use tower_lsp_server::ls_types::Uri;

struct ReviewDoc {
    article: PathBuf,
    ann_path: PathBuf,
    /// The decisions as they apply to `base`; `Err` says why review is
    /// unavailable (a sidecar that does not parse is never rewritten).
    live: Result<AnnDoc, String>,
    problems: Vec<AnnProblem>,
    /// The article text `live` is anchored to.
    base: Arc<String>,
    /// `live` differs from the file on disk (unsaved article edits).
    dirty: bool,
}

/// What the editor shows of the review for one analysed text.
#[derive(Debug, Default)]
pub struct ReviewView {
    /// `None` when no decisions are stored: the suggestions as they are,
    /// merged on demand (see `Snapshot::reviewed`), which keeps the
    /// per-keystroke path free of a copy of every entity.
    pub entities: Option<Vec<ReviewedEntity>>,
    pub stale: Vec<Stale>,
}

#[derive(Default)]
pub struct Reviews {
    docs: Mutex<HashMap<Uri, ReviewDoc>>,
}

fn load(ann_path: &Path, article: &Path, text: &str) -> (Result<AnnDoc, String>, Vec<AnnProblem>) {
    let store = review::Store::open(article);
    let problems = store.problems(text);
    let live = match store.doc() {
        Ok(d) => Ok(d.clone()),
        Err(e) => Err(format!("{}: {e}", ann_path.display())),
    };
    (live, problems)
}

impl Reviews {
    fn lock(&self) -> MutexGuard<'_, HashMap<Uri, ReviewDoc>> {
        self.docs.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn open(&self, uri: &Uri, article: &Path, text: &str) {
        let ann_path = review::sidecar_path(article);
        let (live, problems) = load(&ann_path, article, text);
        self.lock().insert(
            uri.clone(),
            ReviewDoc {
                article: article.to_path_buf(),
                ann_path,
                live,
                problems,
                base: Arc::new(text.to_string()),
                dirty: false,
            },
        );
    }

    pub fn close(&self, uri: &Uri) {
        self.lock().remove(uri);
    }

    /// Moves stored spans to `text` and merges them with the analysis,
    /// which `analysis` makes only when decisions are stored.
    pub fn view(
        &self,
        uri: &Uri,
        text: &Arc<String>,
        analysis: &dyn Fn() -> Arc<Analysis>,
    ) -> ReviewView {
        let mut docs = self.lock();
        let Some(doc) = docs.get_mut(uri) else {
            return ReviewView {
                entities: None,
                ..ReviewView::default()
            };
        };
        let live = match &doc.live {
            Ok(l) => l,
            // Why is reported by `actions` and the sidecar's diagnostics.
            Err(_) => {
                return ReviewView {
                    entities: None,
                    stale: Vec::new(),
                };
            }
        };
        if live.text_bounds().next().is_none() {
            // Nothing stored to move: skip the O(text) re-anchoring.
            doc.base = text.clone();
            return ReviewView {
                entities: None,
                stale: Vec::new(),
            };
        }
        let moved = review::reanchor(&doc.base, text, live);
        if moved.ann.to_string() != live.to_string() {
            doc.dirty = true;
        }
        doc.live = Ok(moved.ann);
        doc.base = text.clone();
        let live = doc.live.as_ref().map_err(|_| ()).ok();
        ReviewView {
            entities: Some(review::merge(
                text,
                &analysis(),
                live.unwrap_or(&AnnDoc::new()),
            )),
            stale: moved.stale,
        }
    }

    /// Applies a decision to `text` (the current buffer) and writes the
    /// sidecar atomically. Returns the sidecar's path.
    pub fn apply(
        &self,
        uri: &Uri,
        text: &Arc<String>,
        analysis: &Analysis,
        decision: &Decision,
    ) -> Result<PathBuf, String> {
        let mut docs = self.lock();
        let doc = docs.get_mut(uri).ok_or_else(|| {
            format!(
                "{} has no review sidecar: only files on disk can be reviewed",
                uri.as_str()
            )
        })?;
        let live = doc
            .live
            .as_ref()
            .map_err(|why| format!("review unavailable until the sidecar parses: {why}"))?;
        let anchored = review::reanchor(&doc.base, text, live).ann;
        let new_text =
            review::apply(&anchored, text, analysis, decision).map_err(|e| e.to_string())?;
        let new_doc = review::parse(&new_text).map_err(|e| e.to_string())?;
        gazette::fsutil::write_atomic(&doc.ann_path, new_text.as_bytes())
            .map_err(|e| format!("{}: cannot write: {e}", doc.ann_path.display()))?;
        doc.live = Ok(new_doc);
        doc.base = text.clone();
        doc.dirty = false;
        Ok(doc.ann_path.clone())
    }

    /// The article was saved: write re-anchored decisions.
    pub fn saved(&self, uri: &Uri) -> Result<(), String> {
        let mut docs = self.lock();
        let Some(doc) = docs.get_mut(uri) else {
            return Ok(());
        };
        if !doc.dirty {
            return Ok(());
        }
        if let Ok(live) = &doc.live {
            let body = live.to_string();
            gazette::fsutil::write_atomic(&doc.ann_path, body.as_bytes())
                .map_err(|e| format!("{}: cannot write: {e}", doc.ann_path.display()))?;
            doc.dirty = false;
        }
        Ok(())
    }

    /// Another tool changed `ann_path`: re-read it. Returns the article
    /// URI it belongs to.
    pub fn reload(&self, ann_path: &Path) -> Option<Uri> {
        let mut docs = self.lock();
        let (uri, doc) = docs.iter_mut().find(|(_, d)| d.ann_path == ann_path)?;
        let (live, problems) = load(ann_path, &doc.article, &doc.base);
        doc.live = live;
        doc.problems = problems;
        doc.dirty = false;
        Some(uri.clone())
    }

    /// Diagnostics for the sidecar itself: its path and problems.
    pub fn problems(&self, uri: &Uri) -> Option<(PathBuf, Vec<AnnProblem>)> {
        let docs = self.lock();
        docs.get(uri)
            .map(|d| (d.ann_path.clone(), d.problems.clone()))
    }
}

impl Reviews {
    /// Review actions for `start..end`, or why there are none.
    pub fn actions(
        &self,
        uri: &Uri,
        text: &str,
        analysis: &Analysis,
        start: usize,
        end: usize,
    ) -> Result<Vec<review::Action>, String> {
        let docs = self.lock();
        let doc = docs.get(uri).ok_or_else(|| {
            "only files saved on disk can be reviewed (the sidecar lives beside the file)"
                .to_string()
        })?;
        match &doc.live {
            Ok(live) => Ok(review::actions_at(text, analysis, live, start, end)),
            Err(why) => Err(format!(
                "review unavailable until the sidecar parses: {why}"
            )),
        }
    }
}
