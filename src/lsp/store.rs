//! The one owner of open documents. Every edit is applied under a plain
//! mutex with no `.await` in between, so notifications take effect in the
//! order the client sent them; analysis runs later on a snapshot.

use super::convert;
use gazette::Analysis;
use gazette::regions::{Change, DocAnalysis, RegionCache};
use gazette::text::PositionEncoding;
use ropey::Rope;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};
use tower_lsp_server::ls_types::{TextDocumentContentChangeEvent, Uri};

/// An analysed version of a document.
#[derive(Debug)]
pub struct Snapshot {
    pub version: i32,
    pub rope: Rope,
    pub text: Arc<String>,
    /// The analysis, region by region.
    pub doc: Arc<DocAnalysis>,
    /// The flat analysis, made when a request first needs it (diagnostics
    /// are published from `doc` without it).
    pub flat: OnceLock<Arc<Analysis>>,
    /// The document's cache, where the last flat analysis is kept.
    pub cache: Arc<Mutex<DocCache>>,
    /// The analysis merged with the reviewer's decisions.
    pub review: super::review::ReviewView,
    /// The knowledge the analysis ran with.
    pub kb: Arc<gazette::kb::Kb>,
}

/// The flat analysis of a large document just opened, made ahead of the
/// first request that needs it, off the path of edits: it holds the
/// snapshot only weakly (its text can be reused) and the cache only to
/// store the result, so an edit arriving meanwhile never waits for it.
pub fn prepare_after_open(snap: &Arc<Snapshot>) -> impl FnOnce() + Send + 'static {
    let weak = Arc::downgrade(snap);
    let (doc, cache) = (snap.doc.clone(), snap.cache.clone());
    move || {
        if weak.upgrade().is_some_and(|s| s.flat.get().is_some()) {
            return;
        }
        let flat = doc.flatten();
        if let Some(s) = weak.upgrade() {
            let _ = s.flat.set(flat.clone());
        }
        let mut cache = cache.lock().unwrap_or_else(|e| e.into_inner());
        if cache.flat.is_none() {
            cache.flat = Some((doc, flat));
        }
    }
}

impl Snapshot {
    /// The whole document's analysis with document offsets. Made once per
    /// version, from the last one made when no one else holds it (moving
    /// what the edit left alone instead of copying it).
    pub fn analysis(&self) -> &Analysis {
        self.flat.get_or_init(|| {
            // Never wait here for an analysis that holds the cache.
            match self.cache.try_lock() {
                Ok(mut cache) => cache.flatten(&self.doc),
                Err(_) => self.doc.flatten(),
            }
        })
    }

    /// The entity with its review status at byte `offset`, without merging
    /// the whole document when no decisions are stored.
    pub fn reviewed_at(&self, offset: usize) -> Option<gazette::review::ReviewedEntity> {
        match &self.review.entities {
            Some(v) => v
                .iter()
                .find(|e| e.start <= offset && offset <= e.end)
                .cloned(),
            None => self
                .analysis()
                .entity_at(offset)
                .map(gazette::review::ReviewedEntity::suggested),
        }
    }

    /// Entities with their review status (suggestions when none is stored).
    pub fn reviewed(&self) -> std::borrow::Cow<'_, [gazette::review::ReviewedEntity]> {
        match &self.review.entities {
            Some(v) => std::borrow::Cow::Borrowed(v),
            None => std::borrow::Cow::Owned(gazette::review::merge(
                &self.text,
                self.analysis(),
                &gazette::review::AnnDoc::new(),
            )),
        }
    }
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
    /// What the previous version's analysis leaves for the next one.
    cache: Arc<Mutex<DocCache>>,
    /// The byte changes made after generation `log_from`, each with the
    /// generation it made, so an analysis re-reads only what changed.
    log: Vec<(u64, Change)>,
    log_from: u64,
}

/// Changes kept per document; older ones are forgotten (the analysis
/// then finds unchanged regions by content).
const LOG_LIMIT: usize = 1024;

/// What an analysis needs to start.
pub struct Pending {
    pub version: i32,
    pub generation: u64,
    pub rope: Rope,
    pub path: Option<PathBuf>,
    pub cache: Arc<Mutex<DocCache>>,
    log: Vec<(u64, Change)>,
    log_from: u64,
}

impl Pending {
    /// How the text changed since `generation`, if the log still knows
    /// (an unchanged text is an empty change).
    pub fn change_since(&self, generation: u64) -> Option<Change> {
        if generation < self.log_from || generation > self.generation {
            return None;
        }
        let mut changes = self
            .log
            .iter()
            .filter(|(g, _)| *g > generation)
            .map(|(_, c)| *c);
        let first = changes.next().unwrap_or(Change::replace(0, 0, 0));
        Some(changes.fold(first, Change::then))
    }
}

/// Per-document results an analysis reuses from the previous version.
#[derive(Debug, Default)]
pub struct DocCache {
    /// The generation `regions` was last computed for.
    pub generation: Option<u64>,
    pub regions: RegionCache,
    pub diagnostics: super::diagnostics::DiagCache,
    /// The last flat analysis made, and the analysis it flattens.
    pub flat: Option<(Arc<DocAnalysis>, Arc<Analysis>)>,
    /// The texts of the last versions analysed, with their generations;
    /// the oldest is reused for the next version's text once no snapshot
    /// holds it: patched with the edits since, not copied afresh.
    texts: Vec<(u64, Arc<String>)>,
}

impl DocCache {
    /// `doc` flattened, from the last flat analysis made when no one else
    /// holds it; kept for the next.
    pub fn flatten(&mut self, doc: &Arc<DocAnalysis>) -> Arc<Analysis> {
        let flat = match self.flat.take() {
            Some((prev, flat)) => match Arc::try_unwrap(flat) {
                Ok(flat) => doc.flatten_from(&prev, flat),
                Err(_) => doc.flatten(),
            },
            None => doc.flatten(),
        };
        self.flat = Some((doc.clone(), flat.clone()));
        flat
    }

    /// Keeps `text`, a copy of `generation`'s text, as the oldest one,
    /// for the next version to be patched from instead of copied.
    pub fn offer_text(&mut self, generation: u64, text: String) {
        if self.texts.len() < 2 && self.texts.iter().all(|(g, _)| *g >= generation) {
            self.texts.insert(0, (generation, Arc::new(text)));
        }
    }

    /// The text of `pending`'s version: an older text patched with the
    /// edits since when one is free, else a copy of the whole rope.
    pub fn text_for(&mut self, pending: &Pending) -> Arc<String> {
        let rope = &pending.rope;
        let mut buf = String::new();
        while self.texts.len() >= 2 {
            let (generation, text) = self.texts.remove(0);
            let Ok(mut old) = Arc::try_unwrap(text) else {
                continue;
            };
            if let Some(c) = pending.change_since(generation)
                && patch(&mut old, rope, c)
            {
                return self.keep(pending.generation, old);
            }
            buf = old;
        }
        buf.clear();
        buf.reserve(rope.len_bytes() + headroom(rope.len_bytes()));
        for chunk in rope.chunks() {
            buf.push_str(chunk);
        }
        self.keep(pending.generation, buf)
    }

    fn keep(&mut self, generation: u64, text: String) -> Arc<String> {
        let text = Arc::new(text);
        self.texts.push((generation, text.clone()));
        text
    }
}

/// Applies `c` to `old` with the new bytes from `rope`; false (and `old`
/// left in any state) when `c` cannot describe them.
/// Spare capacity a kept text gets, so that patching in what the user
/// types does not reallocate (and copy) a large document.
fn headroom(len: usize) -> usize {
    len / 64 + 4096
}

fn patch(old: &mut String, rope: &Rope, c: Change) -> bool {
    let fits = c.start <= c.old_end
        && c.start <= c.new_end
        && c.old_end <= old.len()
        && c.new_end <= rope.len_bytes()
        && old.len() - c.old_end == rope.len_bytes() - c.new_end
        && old.is_char_boundary(c.start)
        && old.is_char_boundary(c.old_end);
    let Some(new) = rope.get_byte_slice(c.start..c.new_end).filter(|_| fits) else {
        return false;
    };
    let mut middle = String::with_capacity(c.new_end - c.start);
    for chunk in new.chunks() {
        middle.push_str(chunk);
    }
    old.replace_range(c.start..c.old_end, &middle);
    old.len() == rope.len_bytes()
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

    pub fn open(&self, uri: Uri, text: String, version: i32, path: Option<PathBuf>) -> u64 {
        let mut docs = self.lock();
        let generation = docs.get(&uri).map_or(0, |d| d.generation + 1);
        let rope = Rope::from_str(&text);
        // The client's copy of the text is kept for the first edit to
        // patch: otherwise that edit copies the whole document afresh
        // while the first version's text is still in use.
        let mut cache = DocCache::default();
        let mut text = text;
        text.reserve(headroom(text.len()));
        cache.offer_text(generation, text);
        docs.insert(
            uri,
            Doc {
                rope,
                version,
                path,
                generation,
                analyzed: None,
                cache: Arc::new(Mutex::new(cache)),
                log: Vec::new(),
                log_from: generation,
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
        let generation = doc.generation + 1;
        for change in changes {
            let bytes = match change.range {
                None => {
                    let old_len = doc.rope.len_bytes();
                    doc.rope = Rope::from_str(&change.text);
                    Change::replace(0, old_len, change.text.len())
                }
                Some(range) => {
                    let mut start = convert::position_to_char(&doc.rope, range.start, enc);
                    let mut end = convert::position_to_char(&doc.rope, range.end, enc);
                    if end < start {
                        std::mem::swap(&mut start, &mut end);
                    }
                    let bytes = Change::replace(
                        doc.rope.char_to_byte(start),
                        doc.rope.char_to_byte(end),
                        change.text.len(),
                    );
                    doc.rope.remove(start..end);
                    doc.rope.insert(start, &change.text);
                    bytes
                }
            };
            doc.log.push((generation, bytes));
        }
        if doc.log.len() > LOG_LIMIT {
            let (forget, _) = doc.log[doc.log.len() / 2];
            doc.log.retain(|(g, _)| *g > forget);
            doc.log_from = forget;
        }
        doc.version = version;
        doc.generation = generation;
        Ok(generation)
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
            cache: doc.cache.clone(),
            log: doc.log.clone(),
            log_from: doc.log_from,
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

    /// Keeps `snap` when it still describes the current version, and then
    /// runs `then` before any other change to the document can happen;
    /// returns whether it did.
    pub fn install(
        &self,
        uri: &Uri,
        generation: u64,
        snap: Arc<Snapshot>,
        then: impl FnOnce(),
    ) -> bool {
        let mut docs = self.lock();
        match docs.get_mut(uri) {
            Some(doc) if doc.generation == generation => {
                let previous = doc.analyzed.replace(snap);
                then();
                drop(docs);
                // The previous version is freed outside the lock.
                drop(previous);
                true
            }
            _ => false,
        }
    }

    /// Forgets every analysis (settings changed).
    pub fn invalidate(&self, uri: &Uri) -> Option<u64> {
        let mut docs = self.lock();
        let d = docs.get_mut(uri)?;
        d.analyzed = None;
        d.generation += 1;
        Some(d.generation)
    }

    pub fn invalidate_all(&self) {
        for d in self.lock().values_mut() {
            d.analyzed = None;
            d.generation += 1;
            d.cache = Arc::default();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use gazette::{Context, analyze};
    use proptest::prelude::*;
    use tower_lsp_server::ls_types::Range;

    fn text_of(store: &Store, uri: &Uri) -> String {
        store.lock()[uri].rope.to_string()
    }

    /// LSP position of a char index in `s` (LF/CRLF/CR line breaks).
    fn lsp_pos(
        s: &str,
        char_idx: usize,
        enc: PositionEncoding,
    ) -> tower_lsp_server::ls_types::Position {
        let rope = Rope::from_str(s);
        let byte = rope.char_to_byte(char_idx);
        convert::byte_to_position(&rope, byte, enc)
    }

    const PIECES: &[&str] = &[
        "Iran ",
        "Россия ",
        "🇷🇺",
        "\r\n",
        "\n",
        "中国",
        "é",
        "e\u{301}",
        "Chinese ",
        "U.S. ",
        "\r",
        "Congo",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn random_edits_equal_a_reload(
            seed in proptest::collection::vec((0usize..1000, 0usize..12, 0usize..40, prop::bool::ANY), 1..40),
            enc_pick in 0usize..3,
        ) {
            let enc = [PositionEncoding::Utf8, PositionEncoding::Utf16, PositionEncoding::Utf32][enc_pick];
            let store = Store::default();
            let uri: Uri = "file:///t/a.txt".parse().unwrap();
            let mut expected = String::from("Russia and Iran.\nnext line\r\n");
            let original = expected.clone();
            let opened = store.open(uri.clone(), expected.clone(), 1, None);
            let mut texts = DocCache::default();
            let mut held = None;
            for (v, (at, piece, len, delete)) in seed.into_iter().enumerate() {
                let chars: Vec<(usize, char)> = expected.char_indices().collect();
                let n = chars.len();
                let mut a = at % (n + 1);
                let mut b = if delete { (a + len).min(n) } else { a };
                // Positions inside a CRLF pair are not addressable in LSP.
                let inside_crlf = |i: usize| i > 0 && i < n && chars[i].1 == '\n' && chars[i - 1].1 == '\r';
                if inside_crlf(a) { a -= 1; }
                if inside_crlf(b) { b += 1; }
                if b < a { b = a; }
                let ins = if delete { "" } else { PIECES[piece] };
                let range = Range::new(lsp_pos(&expected, a, enc), lsp_pos(&expected, b, enc));
                let byte = |i: usize| chars.get(i).map_or(expected.len(), |c| c.0);
                let (ba, bb) = (byte(a), byte(b));
                store.change(&uri, v as i32 + 2, vec![TextDocumentContentChangeEvent { range: Some(range), range_length: None, text: ins.to_string() }], enc).unwrap();
                expected.replace_range(ba..bb, ins);
                // Texts made by patching older ones equal the document,
                // whether or not a snapshot still holds the last one.
                if v % 3 != 1 {
                    let pending = store.pending(&uri, None).unwrap();
                    let text = texts.text_for(&pending);
                    prop_assert_eq!(text.as_str(), expected.as_str());
                    if v % 2 == 0 {
                        held = Some(text);
                    }
                }
            }
            drop(held);
            let got = text_of(&store, &uri);
            prop_assert_eq!(&got, &expected);
            // The logged byte change covers every difference.
            let c = store.pending(&uri, None).unwrap().change_since(opened).unwrap();
            prop_assert_eq!(&original.as_bytes()[..c.start], &got.as_bytes()[..c.start]);
            prop_assert_eq!(&original.as_bytes()[c.old_end..], &got.as_bytes()[c.new_end..]);
            let ctx = Context::default();
            prop_assert_eq!(analyze(&got, &ctx).entities, analyze(&expected, &ctx).entities);
        }
    }

    #[test]
    fn stale_versions_and_unknown_documents_are_refused() {
        let store = Store::default();
        let uri: Uri = "file:///t/a.txt".parse().unwrap();
        assert!(
            store
                .change(&uri, 2, vec![], PositionEncoding::Utf16)
                .unwrap_err()
                .contains("never opened")
        );
        store.open(uri.clone(), "abc".to_string(), 5, None);
        assert!(
            store
                .change(&uri, 5, vec![], PositionEncoding::Utf16)
                .unwrap_err()
                .contains("not newer")
        );
    }
}
