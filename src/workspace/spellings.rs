//! How the articles of a workspace spell each person, for the
//! workspace-wide `name-variant` diagnostic: "Sergei Lavrov" in one article
//! while the others write "Sergey Lavrov".
//!
//! Every multi-word PERSON mention is one *use* of a *spelling* (its words
//! joined by single spaces). Uses are grouped by entity:
//!
//! * a person in a knowledge base by their id, which every article shares
//!   (the id comes from the KB's canonical name);
//! * anyone else by the *shape* of the spelling: the transliteration-folded
//!   surname plus the consonant skeletons of the given names
//!   ([`crate::link::fold`]), so "Bakhtiyer Khakimov" and "Bakhtiyor
//!   Khakimov" in two articles fall together, as they would within one.
//!
//! Within a group, two spellings are variants of each other when
//! [`is_spelling_variant`] says so. The spelling to use is:
//!
//! 1. the knowledge base's canonical name, when the spelling is a variant
//!    of it;
//! 2. otherwise the spelling most articles use, then the one with most
//!    mentions, then the alphabetically first (so every article agrees on
//!    it, whichever of them is open).
//!
//! A use is reported only when another article writes the name
//! differently; one article's own inconsistencies are the in-document
//! rule's job. The index keeps per-spelling tallies updated file by file,
//! so a lookup never rescans the workspace.

use super::Pos;
use crate::kb::Kb;
use crate::kb::people::is_generational;
use crate::link::fold;
use crate::lint::people::is_spelling_variant;
use crate::model::{Entity, Finding, Fix, Label, Severity, TextEdit};
use crate::text::{LineIndex, PositionEncoding};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The diagnostic code shared with the in-document rule.
pub const CODE: &str = "name-variant";

/// At most this many other files are listed as related locations.
const MAX_RELATED: usize = 20;
/// At most this many file names are named in a message.
const MAX_NAMED_FILES: usize = 3;

/// One multi-word mention of a person in a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PersonUse {
    pub id: Arc<str>,
    /// The mention's words joined by single spaces.
    pub spelling: Arc<str>,
    pub start: Pos,
    pub end: Pos,
}

/// The spelling of a PERSON mention: its words joined by single spaces,
/// or `None` for a single word (a surname is no spelling of a full name).
pub fn spelling_of(surface: &str) -> Option<String> {
    let mut words = surface.split_whitespace();
    let first = words.next()?;
    let second = words.next()?;
    let mut out = format!("{first} {second}");
    for w in words {
        out.push(' ');
        out.push_str(w);
    }
    Some(out)
}

/// The multi-word person mentions among `entities`, with byte spans.
pub fn person_spans<'a>(
    text: &'a str,
    entities: &'a [Entity],
) -> impl Iterator<Item = (&'a Entity, &'a str, String)> + 'a {
    entities
        .iter()
        .filter(|e| e.label == Label::Person)
        .filter_map(move |e| {
            let id = e.id.as_deref()?;
            let spelling = spelling_of(text.get(e.start..e.end)?)?;
            Some((e, id, spelling))
        })
}

/// The multi-word person mentions among `entities` as the index keeps
/// them, with positions from `lines` in `enc`.
pub fn person_uses(
    text: &str,
    entities: &[Entity],
    lines: &LineIndex,
    enc: PositionEncoding,
) -> Vec<PersonUse> {
    person_spans(text, entities)
        .map(|(e, id, spelling)| PersonUse {
            id: Arc::from(id),
            spelling: Arc::from(spelling),
            start: lines.position(text, e.start, enc),
            end: lines.position(text, e.end, enc),
        })
        .collect()
}

/// Group key of a person in no knowledge base: folded surname and the
/// consonant skeletons of the given names ("Bakhtiyer/Bakhtiyor Khakimov").
fn shape_key(spelling: &str) -> Option<String> {
    let tokens: Vec<&str> = fold::name_tokens(spelling)
        .filter(|t| !is_generational(t))
        .collect();
    let (last, given) = tokens.split_last()?;
    if given.is_empty() {
        return None;
    }
    let mut key = fold::fold_token(last);
    for g in given {
        key.push(' ');
        key.push_str(&fold::skeleton(g));
    }
    Some(key)
}

/// One file's use of one spelling.
#[derive(Clone, Debug, PartialEq, Eq)]
struct FileUse {
    id: Arc<str>,
    count: u32,
    start: Pos,
    end: Pos,
}

/// Every file using one spelling.
#[derive(Clone, Debug, Default)]
struct Tally {
    mentions: u32,
    files: BTreeMap<Arc<Path>, FileUse>,
}

/// Spelling → tally, for one entity group.
type Group = HashMap<Arc<str>, Tally>;

/// What one file contributes: (spelling, use), sorted.
type FileSummary = Vec<(Arc<str>, FileUse)>;

/// Per-entity spelling tallies over the workspace.
#[derive(Debug, Default)]
pub struct SpellingIndex {
    files: HashMap<Arc<Path>, FileSummary>,
    by_id: HashMap<Arc<str>, Group>,
    by_shape: HashMap<String, Group>,
}

/// Another file's use of a variant spelling.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Related {
    pub path: PathBuf,
    pub start: Pos,
    pub end: Pos,
    pub spelling: String,
}

/// A spelling other articles write differently.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Variant {
    /// The spelling used here.
    pub spelling: String,
    /// The spelling to use instead.
    pub preferred: String,
    /// `preferred` is the knowledge base's canonical name.
    pub from_kb: bool,
    pub message: String,
    /// Other articles' first use of each differing spelling, by path.
    pub related: Vec<Related>,
}

/// How many articles and mentions use one spelling.
#[derive(Clone, Copy, Debug, Default)]
struct Count {
    articles: u32,
    mentions: u32,
    /// Articles other than the one asking.
    elsewhere: u32,
}

fn summarize(uses: &[PersonUse]) -> FileSummary {
    let mut by: BTreeMap<(Arc<str>, Arc<str>), FileUse> = BTreeMap::new();
    for u in uses {
        by.entry((u.spelling.clone(), u.id.clone()))
            .and_modify(|f| f.count += 1)
            .or_insert_with(|| FileUse {
                id: u.id.clone(),
                count: 1,
                start: u.start,
                end: u.end,
            });
    }
    // One use per spelling (the first id wins if two people share one).
    let mut out: FileSummary = Vec::with_capacity(by.len());
    for ((spelling, _), fu) in by {
        match out.last_mut() {
            Some((s, prev)) if *s == spelling => prev.count += fu.count,
            _ => out.push((spelling, fu)),
        }
    }
    out
}

fn same_tallies(a: &FileSummary, b: &FileSummary) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|((sa, ua), (sb, ub))| sa == sb && ua.id == ub.id && ua.count == ub.count)
}

impl SpellingIndex {
    pub fn new() -> Self {
        Self::default()
    }

    /// Records the person uses of `path`, replacing what it held. Returns
    /// whether any spelling count changed (positions alone do not count).
    pub fn set(&mut self, path: &Path, uses: &[PersonUse]) -> bool {
        let summary = summarize(uses);
        let changed = match self.files.get(path) {
            Some(old) => !same_tallies(old, &summary),
            None => !summary.is_empty(),
        };
        self.remove(path);
        if summary.is_empty() {
            return changed;
        }
        let key: Arc<Path> = Arc::from(path);
        for (spelling, fu) in &summary {
            let add = |group: &mut Group| {
                let t = group.entry(spelling.clone()).or_default();
                t.mentions += fu.count;
                t.files.insert(key.clone(), fu.clone());
            };
            add(self.by_id.entry(fu.id.clone()).or_default());
            if let Some(shape) = shape_key(spelling) {
                add(self.by_shape.entry(shape).or_default());
            }
        }
        self.files.insert(key, summary);
        changed
    }

    /// Forgets `path`; returns whether it held any spelling.
    pub fn remove(&mut self, path: &Path) -> bool {
        let Some(summary) = self.files.remove(path) else {
            return false;
        };
        fn take(group: &mut Group, spelling: &Arc<str>, path: &Path, count: u32) -> bool {
            if let Some(t) = group.get_mut(spelling) {
                t.mentions = t.mentions.saturating_sub(count);
                t.files.remove(path);
                if t.files.is_empty() {
                    group.remove(spelling);
                }
            }
            group.is_empty()
        }
        for (spelling, fu) in &summary {
            if let Some(g) = self.by_id.get_mut(&fu.id)
                && take(g, spelling, path, fu.count)
            {
                self.by_id.remove(&fu.id);
            }
            if let Some(shape) = shape_key(spelling)
                && let Some(g) = self.by_shape.get_mut(&shape)
                && take(g, spelling, path, fu.count)
            {
                self.by_shape.remove(&shape);
            }
        }
        !summary.is_empty()
    }

    /// Files holding any person spelling.
    pub fn file_count(&self) -> usize {
        self.files.len()
    }

    /// For each of `uses` (one document's `(id, spelling)` pairs, `here`
    /// being its path if it has one), the variant other articles write,
    /// if any. `here`'s own entry in the index is ignored: `uses` is the
    /// document as it is now.
    pub fn variants(
        &self,
        here: Option<&Path>,
        uses: &[(&str, &str)],
        kb: &Kb,
    ) -> Vec<Option<Variant>> {
        let mut memo: HashMap<(&str, &str), Option<Variant>> = HashMap::new();
        uses.iter()
            .map(|&(id, spelling)| {
                memo.entry((id, spelling))
                    .or_insert_with(|| self.variant(here, id, spelling, uses, kb))
                    .clone()
            })
            .collect()
    }

    fn variant(
        &self,
        here: Option<&Path>,
        id: &str,
        spelling: &str,
        local: &[(&str, &str)],
        kb: &Kb,
    ) -> Option<Variant> {
        let canonical = kb.people.by_id(id).map(|(_, p)| p.canonical.as_str());
        // People in no KB are grouped by the shape of their name.
        let shape = match canonical {
            Some(_) => None,
            None => Some(shape_key(spelling)?),
        };
        let group = match &shape {
            None => self.by_id.get(id),
            Some(k) => self.by_shape.get(k),
        }?;
        // Uses in the shape group that a KB links elsewhere are someone else.
        let indexed_in_group =
            |other_id: &str| shape.is_none() || kb.people.by_id(other_id).is_none();
        let local_in_group = |other_id: &str, s: &str| match &shape {
            None => other_id == id,
            Some(k) => {
                kb.people.by_id(other_id).is_none() && shape_key(s).as_deref() == Some(k.as_str())
            }
        };
        let is_candidate = |s: &str| s == spelling || is_spelling_variant(spelling, s);

        // Tally the candidate spellings: other files from the index, this
        // document from `local`.
        let mut counts: BTreeMap<&str, Count> = BTreeMap::new();
        let mut related: Vec<Related> = Vec::new();
        for (s, tally) in group {
            if !is_candidate(s) {
                continue;
            }
            for (path, fu) in &tally.files {
                if Some(&**path) == here || !indexed_in_group(&fu.id) {
                    continue;
                }
                let c = counts.entry(s).or_default();
                c.articles += 1;
                c.elsewhere += 1;
                c.mentions += fu.count;
                if **s != *spelling {
                    related.push(Related {
                        path: path.to_path_buf(),
                        start: fu.start,
                        end: fu.end,
                        spelling: s.to_string(),
                    });
                }
            }
        }
        if related.is_empty() {
            return None; // nobody else writes it differently
        }
        let mut seen_local: Vec<&str> = Vec::new();
        for &(other_id, s) in local {
            if !local_in_group(other_id, s) || !is_candidate(s) {
                continue;
            }
            let c = counts.entry(s).or_default();
            c.mentions += 1;
            if !seen_local.contains(&s) {
                seen_local.push(s);
                c.articles += 1;
            }
        }

        let (preferred, from_kb) = match canonical {
            Some(c) if c == spelling || is_spelling_variant(spelling, c) => (c.to_string(), true),
            _ => {
                let best = counts
                    .iter()
                    .max_by(|(sa, a), (sb, b)| {
                        (a.articles, a.mentions)
                            .cmp(&(b.articles, b.mentions))
                            .then_with(|| sb.cmp(sa))
                    })
                    .map(|(s, _)| s.to_string())?;
                (best, false)
            }
        };
        if preferred == spelling {
            return None;
        }
        related.sort_by(|a, b| {
            (a.spelling != preferred, &a.path, a.start).cmp(&(
                b.spelling != preferred,
                &b.path,
                b.start,
            ))
        });
        let message = message(spelling, &preferred, from_kb, &counts, &related);
        related.truncate(MAX_RELATED);
        Some(Variant {
            spelling: spelling.to_string(),
            preferred,
            from_kb,
            message,
            related,
        })
    }
}

fn plural(n: u32, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

fn message(
    spelling: &str,
    preferred: &str,
    from_kb: bool,
    counts: &BTreeMap<&str, Count>,
    related: &[Related],
) -> String {
    let mut out = if from_kb {
        format!(
            "\"{spelling}\" is a spelling variant of \"{preferred}\", the knowledge base's spelling"
        )
    } else {
        format!(
            "\"{spelling}\" is another spelling of \"{preferred}\", the one the workspace uses most"
        )
    };
    // The other spellings, the preferred one first, each with where it is used.
    let mut others: Vec<&str> = Vec::new();
    for r in related {
        if !others.contains(&r.spelling.as_str()) {
            others.push(&r.spelling);
        }
    }
    let parts: Vec<String> = others
        .iter()
        .map(|s| {
            let n = counts.get(s).map_or(0, |c| c.elsewhere);
            let mut files: Vec<String> = related
                .iter()
                .filter(|r| r.spelling == *s)
                .map(|r| {
                    r.path.file_name().map_or_else(
                        || r.path.display().to_string(),
                        |f| f.to_string_lossy().into_owned(),
                    )
                })
                .collect();
            files.dedup();
            let more = files.len().saturating_sub(MAX_NAMED_FILES);
            files.truncate(MAX_NAMED_FILES);
            let mut named = files.join(", ");
            if more > 0 {
                named.push_str(&format!(" and {more} more"));
            }
            format!(
                "\"{s}\" in {} ({named})",
                plural(n, "other article", "other articles")
            )
        })
        .collect();
    out.push_str("; the workspace writes ");
    out.push_str(&parts.join(", "));
    out.push_str(&format!(
        "; use \"{preferred}\", or add \"{spelling}\" as an alias in the user knowledge base"
    ));
    out
}

/// A workspace `name-variant` finding with the other articles' uses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WorkspaceFinding {
    pub finding: Finding,
    pub related: Vec<Related>,
    /// The spelling to keep, under which "add as alias" files the variant.
    pub preferred: String,
}

/// The workspace-wide `name-variant` findings of one analysed document
/// (`here` is its path, if any), with the in-document rule's quick fix.
pub fn name_variants(
    text: &str,
    entities: &[Entity],
    here: Option<&Path>,
    index: &SpellingIndex,
    kb: &Kb,
    severity: Severity,
) -> Vec<WorkspaceFinding> {
    let spans: Vec<(&Entity, &str, String)> = person_spans(text, entities).collect();
    let uses: Vec<(&str, &str)> = spans.iter().map(|(_, id, s)| (*id, s.as_str())).collect();
    let found = index.variants(here, &uses, kb);
    spans
        .iter()
        .zip(found)
        .filter_map(|((e, _, _), v)| {
            let v = v?;
            Some(WorkspaceFinding {
                finding: Finding {
                    start: e.start,
                    end: e.end,
                    code: CODE,
                    severity,
                    message: v.message,
                    fixes: vec![Fix {
                        title: format!("Change to \"{}\"", v.preferred),
                        edits: vec![TextEdit {
                            start: e.start,
                            end: e.end,
                            new_text: v.preferred.clone(),
                        }],
                    }],
                },
                related: v.related,
                preferred: v.preferred,
            })
        })
        .collect()
}

/// The configured severity of `name-variant` (`None`: switched off).
pub fn severity(severities: &HashMap<String, Option<Severity>>) -> Option<Severity> {
    match severities.get(CODE) {
        Some(configured) => *configured,
        None => Some(Severity::Information),
    }
}

/// A document's findings with the workspace ones: a workspace finding
/// replaces the in-document `name-variant` on the same span. In document
/// order; each with its related uses and, for workspace findings, the
/// spelling to keep.
pub fn merge<'a>(
    findings: &'a [Finding],
    workspace: &'a [WorkspaceFinding],
) -> Vec<(&'a Finding, Option<&'a WorkspaceFinding>)> {
    let mut out: Vec<(&Finding, Option<&WorkspaceFinding>)> = findings
        .iter()
        .filter(|f| {
            f.code != CODE
                || !workspace
                    .iter()
                    .any(|w| w.finding.start == f.start && w.finding.end == f.end)
        })
        .map(|f| (f, None))
        .chain(workspace.iter().map(|w| (&w.finding, Some(w))))
        .collect();
    out.sort_by_key(|(f, _)| (f.start, f.end, f.code));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Context, analyze};

    /// An index of `files` (path, text).
    fn index_of(files: &[(&str, &str)], ctx: &Context) -> SpellingIndex {
        let mut idx = SpellingIndex::new();
        for (p, t) in files {
            idx.set(Path::new(p), &uses_of(t, ctx));
        }
        idx
    }

    fn uses_of(text: &str, ctx: &Context) -> Vec<PersonUse> {
        let a = analyze(text, ctx);
        person_uses(
            text,
            &a.entities,
            &LineIndex::new(text),
            PositionEncoding::Utf32,
        )
    }

    fn findings(
        idx: &SpellingIndex,
        here: &str,
        text: &str,
        ctx: &Context,
    ) -> Vec<WorkspaceFinding> {
        let a = analyze(text, ctx);
        name_variants(
            text,
            &a.entities,
            Some(Path::new(here)),
            idx,
            &ctx.kb,
            Severity::Information,
        )
    }

    #[test]
    fn spellings_join_words() {
        assert_eq!(
            spelling_of("Sergei  Lavrov").as_deref(),
            Some("Sergei Lavrov")
        );
        assert_eq!(spelling_of("Lavrov"), None);
        assert_eq!(
            shape_key("Bakhtiyer Khakimov"),
            shape_key("Bakhtiyor Khakimov")
        );
        assert_ne!(
            shape_key("Bakhtiyor Khakimov"),
            shape_key("Bakhtiyor Khakimova")
        );
    }

    #[test]
    fn kb_people_prefer_the_canonical_spelling_across_files() {
        let ctx = Context::default();
        let mut idx = SpellingIndex::new();
        let a = "Foreign Minister Sergey Lavrov spoke. Sergey Lavrov left.";
        assert!(idx.set(Path::new("/w/a.txt"), &uses_of(a, &ctx)));
        let b = "Sergei Lavrov arrived in Tehran.";
        idx.set(Path::new("/w/b.txt"), &uses_of(b, &ctx));
        let f = findings(&idx, "/w/b.txt", b, &ctx);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(&b[f[0].finding.start..f[0].finding.end], "Sergei Lavrov");
        assert_eq!(f[0].preferred, "Sergey Lavrov");
        assert_eq!(f[0].finding.fixes[0].edits[0].new_text, "Sergey Lavrov");
        assert!(
            f[0].finding.message.contains("1 other article (a.txt)"),
            "{}",
            f[0].finding.message
        );
        assert_eq!(f[0].related.len(), 1);
        assert_eq!(f[0].related[0].path, Path::new("/w/a.txt"));
        assert_eq!(f[0].related[0].start, (0, 17));
        // The canonical spelling is never reported.
        assert!(findings(&idx, "/w/a.txt", a, &ctx).is_empty());
        // Without the other file there is nothing workspace-wide to say.
        idx.remove(Path::new("/w/a.txt"));
        assert!(findings(&idx, "/w/b.txt", b, &ctx).is_empty());
    }

    #[test]
    fn unknown_people_follow_the_majority() {
        let ctx = Context::default();
        let a = "Analyst Bakhtiyer Qodirov said so. Bakhtiyer Qodirov added more.";
        let c = "Bakhtiyer Qodirov, an analyst, agreed.";
        let b = "Analyst Bakhtiyor Qodirov disagreed.";
        let idx = index_of(&[("/w/a.txt", a), ("/w/b.txt", b), ("/w/c.txt", c)], &ctx);
        let f = findings(&idx, "/w/b.txt", b, &ctx);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].preferred, "Bakhtiyer Qodirov");
        assert!(!f[0].finding.message.contains("knowledge base's"));
        assert!(
            f[0].finding
                .message
                .contains("2 other articles (a.txt, c.txt)"),
            "{}",
            f[0].finding.message
        );
        assert!(findings(&idx, "/w/a.txt", a, &ctx).is_empty());
        assert!(findings(&idx, "/w/c.txt", c, &ctx).is_empty());
    }

    #[test]
    fn ties_break_by_mentions_then_alphabet() {
        let ctx = Context::default();
        let a = "Analyst Bakhtiyer Qodirov said so. Bakhtiyer Qodirov added more.";
        let b = "Analyst Bakhtiyor Qodirov disagreed.";
        let mut idx = index_of(&[("/w/a.txt", a), ("/w/b.txt", b)], &ctx);
        assert_eq!(findings(&idx, "/w/b.txt", b, &ctx).len(), 1);
        assert!(findings(&idx, "/w/a.txt", a, &ctx).is_empty());
        // Same articles and mentions: the alphabetically first wins.
        let a1 = "Analyst Bakhtiyer Qodirov said so.";
        idx.set(Path::new("/w/a.txt"), &uses_of(a1, &ctx));
        assert!(findings(&idx, "/w/a.txt", a1, &ctx).is_empty());
        assert_eq!(
            findings(&idx, "/w/b.txt", b, &ctx)[0].preferred,
            "Bakhtiyer Qodirov"
        );
    }

    #[test]
    fn different_people_and_untouched_files_stay_quiet() {
        let ctx = Context::default();
        let mut idx = SpellingIndex::new();
        let a = "Analyst Adlan Margoev said so.";
        assert!(idx.set(Path::new("/w/a.txt"), &uses_of(a, &ctx)));
        // Re-indexing the same text changes no tally.
        assert!(!idx.set(Path::new("/w/a.txt"), &uses_of(a, &ctx)));
        let b = "Analyst Adlan Margoeva said so.";
        assert!(findings(&idx, "/w/b.txt", b, &ctx).is_empty());
        assert!(idx.remove(Path::new("/w/a.txt")));
        assert_eq!(idx.file_count(), 0);
        assert!(idx.by_id.is_empty() && idx.by_shape.is_empty());
    }

    #[test]
    fn workspace_findings_replace_the_in_document_one() {
        let ctx = Context::default();
        let idx = index_of(
            &[("/w/a.txt", "Sergey Lavrov spoke. Sergey Lavrov left.")],
            &ctx,
        );
        let b = "Sergei Lavrov arrived.";
        let an = analyze(b, &ctx);
        assert_eq!(an.findings.iter().filter(|f| f.code == CODE).count(), 1);
        let ws = name_variants(
            b,
            &an.entities,
            Some(Path::new("/w/b.txt")),
            &idx,
            &ctx.kb,
            Severity::Information,
        );
        let merged = merge(&an.findings, &ws);
        let nv: Vec<_> = merged.iter().filter(|(f, _)| f.code == CODE).collect();
        assert_eq!(nv.len(), 1);
        assert!(nv[0].1.is_some());
        assert!(nv[0].0.message.contains("a.txt"));
    }
}
