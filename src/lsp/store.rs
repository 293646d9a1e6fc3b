//! The one owner of open documents. Every edit is applied under a plain
//! mutex with no `.await` in between, so notifications take effect in the
//! order the client sent them; analysis runs later on a snapshot.

use super::convert;
use gazette::Analysis;
use gazette::text::PositionEncoding;
use ropey::Rope;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};
use tower_lsp_server::ls_types::{TextDocumentContentChangeEvent, Uri};

/// An analysed version of a document.
#[derive(Debug)]
pub struct Snapshot {
    pub version: i32,
    pub rope: Rope,
    pub text: Arc<str>,
    pub analysis: Analysis,
}

#[derive(Debug)]
struct Doc {
    rope: Rope,
    version: i32,
    path: Option<PathBuf>,
    /// Bumped on every change: a scheduled analysis that finds a newer
    /// generation gives up.
    generation: u64,
    analyzed: Option<Arc<Snapshot>>,
}

/// What an analysis needs to start.
pub struct Pending {
    pub version: i32,
    pub generation: u64,
    pub rope: Rope,
    pub path: Option<PathBuf>,
}

#[derive(Default, Debug)]
pub struct Store {
    docs: Mutex<HashMap<Uri, Doc>>,
}

impl Store {
    fn lock(&self) -> MutexGuard<'_, HashMap<Uri, Doc>> {
        // A panic while holding the lock leaves documents consistent (each
        // edit is applied whole), so keep serving.
        self.docs.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn open(&self, uri: Uri, text: &str, version: i32, path: Option<PathBuf>) -> u64 {
        let mut docs = self.lock();
        let generation = docs.get(&uri).map_or(0, |d| d.generation + 1);
        docs.insert(
            uri,
            Doc {
                rope: Rope::from_str(text),
                version,
                path,
                generation,
                analyzed: None,
            },
        );
        generation
    }

    /// Applies one `didChange` in order. Errors say why nothing changed.
    pub fn change(
        &self,
        uri: &Uri,
        version: i32,
        changes: Vec<TextDocumentContentChangeEvent>,
        enc: PositionEncoding,
    ) -> Result<u64, String> {
        let mut docs = self.lock();
        let Some(doc) = docs.get_mut(uri) else {
            return Err(format!(
                "change for {} ignored: the document was never opened",
                uri.as_str()
            ));
        };
        if version <= doc.version {
            return Err(format!(
                "change for {} ignored: version {version} is not newer than {}",
                uri.as_str(),
                doc.version
            ));
        }
        for change in changes {
            match change.range {
                None => doc.rope = Rope::from_str(&change.text),
                Some(range) => {
                    let mut start = convert::position_to_char(&doc.rope, range.start, enc);
                    let mut end = convert::position_to_char(&doc.rope, range.end, enc);
                    if end < start {
                        std::mem::swap(&mut start, &mut end);
                    }
                    doc.rope.remove(start..end);
                    doc.rope.insert(start, &change.text);
                }
            }
        }
        doc.version = version;
        doc.generation += 1;
        Ok(doc.generation)
    }

    pub fn close(&self, uri: &Uri) -> Option<PathBuf> {
        self.lock().remove(uri).and_then(|d| d.path)
    }

    pub fn is_open_path(&self, path: &std::path::Path) -> bool {
        self.lock()
            .values()
            .any(|d| d.path.as_deref() == Some(path))
    }

    pub fn open_uris(&self) -> Vec<Uri> {
        self.lock().keys().cloned().collect()
    }

    /// The document's current state, if `generation` is still current (or
    /// `None` to accept any) and it has not been analysed yet.
    pub fn pending(&self, uri: &Uri, generation: Option<u64>) -> Option<Pending> {
        let docs = self.lock();
        let doc = docs.get(uri)?;
        if generation.is_some_and(|g| g != doc.generation) {
            return None;
        }
        Some(Pending {
            version: doc.version,
            generation: doc.generation,
            rope: doc.rope.clone(),
            path: doc.path.clone(),
        })
    }

    /// The latest analysis if it matches the current version.
    pub fn current_snapshot(&self, uri: &Uri) -> Option<Arc<Snapshot>> {
        let docs = self.lock();
        let doc = docs.get(uri)?;
        doc.analyzed
            .as_ref()
            .filter(|s| s.version == doc.version)
            .cloned()
    }

    /// Keeps `snap` when it still describes the current version; returns
    /// whether it does.
    pub fn install(&self, uri: &Uri, generation: u64, snap: Arc<Snapshot>) -> bool {
        let mut docs = self.lock();
        match docs.get_mut(uri) {
            Some(doc) if doc.generation == generation => {
                doc.analyzed = Some(snap);
                true
            }
            _ => false,
        }
    }

    /// Forgets every analysis (settings changed).
    pub fn invalidate_all(&self) {
        for d in self.lock().values_mut() {
            d.analyzed = None;
            d.generation += 1;
        }
    }
}
