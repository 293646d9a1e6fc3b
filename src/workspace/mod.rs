//! An index of every article in the workspace: which entities each file
//! mentions and where, for references, counts and symbol search, and how
//! it spells each person ([`spellings`]).

pub mod spellings;

use crate::model::Label;
use crate::text::{LineIndex, PositionEncoding};
use crate::{Analysis, Context, analyze};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Zero-based (line, column) pair in the index's encoding.
pub type Pos = (u32, u32);

/// An entity found by symbol search, with its first mention.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SymbolHit {
    pub label: Label,
    pub id: Arc<str>,
    pub canonical: Arc<str>,
    pub path: PathBuf,
    pub start: Pos,
    pub end: Pos,
}

/// One mention of a linked entity in an indexed file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IndexedMention {
    pub label: Label,
    pub id: Arc<str>,
    pub canonical: Arc<str>,
    pub start: Pos,
    pub end: Pos,
}

/// What the index keeps of one file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FileMentions {
    pub mentions: Vec<IndexedMention>,
    /// Multi-word person mentions, for spelling variants.
    pub people: Vec<spellings::PersonUse>,
}

/// Per-file mentions and a per-id reverse index.
#[derive(Debug, Default)]
pub struct WorkspaceIndex {
    encoding: PositionEncoding,
    files: HashMap<PathBuf, Vec<IndexedMention>>,
    ids: HashMap<Arc<str>, Arc<str>>,
    spellings: spellings::SpellingIndex,
}

/// Extensions of files indexed as articles.
pub const ARTICLE_EXTENSIONS: &[&str] = &["txt", "md", "markdown"];

/// True for files the workspace treats as articles.
pub fn is_article(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ARTICLE_EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

/// Article files under `root`, sorted, skipping hidden directories and
/// build output.
pub fn article_files(root: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(root)
        .follow_links(false)
        .into_iter()
        .filter_entry(|e| {
            let name = e.file_name().to_string_lossy();
            e.depth() == 0 || !(name.starts_with('.') || name == "target" || name == "node_modules")
        })
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && is_article(e.path()))
        .map(|e| e.into_path())
        .collect();
    files.sort();
    files
}

impl WorkspaceIndex {
    pub fn new(encoding: PositionEncoding) -> Self {
        WorkspaceIndex {
            encoding,
            ..Default::default()
        }
    }

    pub fn encoding(&self) -> PositionEncoding {
        self.encoding
    }

    /// Mentions of `analysis` (run on `text`) in this index's encoding.
    pub fn mentions_of(&self, text: &str, analysis: &Analysis) -> FileMentions {
        let lines = LineIndex::new(text);
        let people = spellings::person_uses(text, &analysis.entities, &lines, self.encoding);
        let mentions = analysis
            .entities
            .iter()
            .filter_map(|e| {
                let id = e.id.as_deref()?;
                Some(IndexedMention {
                    label: e.label,
                    id: Arc::from(id),
                    canonical: Arc::from(e.canonical.as_deref().unwrap_or(&text[e.start..e.end])),
                    start: lines.position(text, e.start, self.encoding),
                    end: lines.position(text, e.end, self.encoding),
                })
            })
            .collect();
        FileMentions { mentions, people }
    }

    /// Analyses `text` and records it as the content of `path`.
    pub fn index_text(&mut self, path: &Path, text: &str, ctx: &Context) {
        let analysis = analyze(text, ctx);
        let mentions = self.mentions_of(text, &analysis);
        self.set_mentions(path, mentions);
    }

    /// Replaces what the index holds for `path`; returns whether how it
    /// spells people changed (other documents' `name-variant` may follow).
    pub fn set_mentions(&mut self, path: &Path, file: FileMentions) -> bool {
        let FileMentions {
            mut mentions,
            people,
        } = file;
        let spellings_changed = self.spellings.set(path, &people);
        for m in &mut mentions {
            // Share one allocation per id across files.
            let id = self
                .ids
                .entry(m.id.clone())
                .or_insert_with(|| m.id.clone())
                .clone();
            m.id = id;
        }
        self.files.insert(path.to_path_buf(), mentions);
        spellings_changed
    }

    /// Forgets `path`; returns whether it spelled any person.
    pub fn remove(&mut self, path: &Path) -> bool {
        self.files.remove(path);
        self.spellings.remove(path)
    }

    /// How the indexed files spell people.
    pub fn spellings(&self) -> &spellings::SpellingIndex {
        &self.spellings
    }

    pub fn file_count(&self) -> usize {
        self.files.len()
    }

    /// Every mention of entity `id`, by file (sorted by path, then position).
    pub fn references(&self, id: &str) -> Vec<(PathBuf, Pos, Pos)> {
        let mut out: Vec<(PathBuf, Pos, Pos)> = self
            .files
            .iter()
            .flat_map(|(p, ms)| {
                ms.iter()
                    .filter(|m| &*m.id == id)
                    .map(move |m| (p.clone(), m.start, m.end))
            })
            .collect();
        out.sort();
        out
    }

    /// How many mentions of `id` the workspace holds.
    pub fn count(&self, id: &str) -> usize {
        self.files
            .values()
            .map(|ms| ms.iter().filter(|m| &*m.id == id).count())
            .sum()
    }

    /// Entities whose canonical name or id contains `query` (case-insensitive),
    /// each with its first mention.
    pub fn symbols(&self, query: &str) -> Vec<SymbolHit> {
        let q = query.to_lowercase();
        let mut firsts: HashMap<Arc<str>, SymbolHit> = HashMap::new();
        let mut paths: Vec<&PathBuf> = self.files.keys().collect();
        paths.sort();
        for p in paths {
            for m in &self.files[p] {
                if firsts.contains_key(&m.id) {
                    continue;
                }
                if q.is_empty()
                    || m.canonical.to_lowercase().contains(&q)
                    || m.id.to_lowercase().contains(&q)
                {
                    let hit = SymbolHit {
                        label: m.label,
                        id: m.id.clone(),
                        canonical: m.canonical.clone(),
                        path: p.clone(),
                        start: m.start,
                        end: m.end,
                    };
                    firsts.insert(m.id.clone(), hit);
                }
            }
        }
        let mut out: Vec<SymbolHit> = firsts.into_values().collect();
        out.sort_by(|a, b| a.canonical.cmp(&b.canonical).then(a.id.cmp(&b.id)));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_span_files() {
        let ctx = Context::default();
        let mut idx = WorkspaceIndex::new(PositionEncoding::Utf16);
        idx.index_text(Path::new("/w/a.txt"), "Iran and Russia.\nIran again.", &ctx);
        idx.index_text(Path::new("/w/b.txt"), "Iranians met.", &ctx);
        let refs = idx.references("country:ir");
        assert_eq!(refs.len(), 3);
        assert_eq!(refs[1].1, (1, 0));
        assert_eq!(idx.count("country:ru"), 1);
        idx.remove(Path::new("/w/a.txt"));
        assert_eq!(idx.count("country:ir"), 1);
        let syms = idx.symbols("ira");
        assert_eq!(syms.len(), 1);
        assert_eq!(&*syms[0].canonical, "Iran");
    }
}
