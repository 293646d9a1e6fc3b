//! Keeping stored spans on their words while the article is edited.
//!
//! A span before or after an edit moves with the text (only its offsets
//! change). A span an edit touches (its text changed or vanished), or one
//! that did not match the old text already, is **kept unchanged** and
//! reported as `stale-annotation` with two fixes: re-anchor to the nearest
//! exact occurrence of its old text, or drop it. Nothing is ever moved
//! onto other words silently.

use super::ann::{AnnDoc, LineKind, text_matches};
use super::{Action, Decision, OffsetMap};
use crate::model::{Finding, Fix, Severity, TextEdit};

/// A stored tag that no longer matches the article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stale {
    pub ann_id: String,
    /// 0-based line in the `.ann`.
    pub ann_line: usize,
    /// The text the tag was made on.
    pub old_text: String,
    /// Nearest exact occurrence of `old_text` in the new article (bytes).
    pub nearest: Option<(usize, usize)>,
    /// `stale-annotation` on the new article (bytes), with the fixes' titles.
    pub finding: Finding,
    /// The fixes as decisions to apply with the new text: re-anchor (when a
    /// match exists) and drop.
    pub fixes: Vec<Action>,
}

/// The `.ann` after an edit, and the tags that went stale.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reanchored {
    pub ann: AnnDoc,
    pub stale: Vec<Stale>,
}

/// Moves the spans of `ann` from `old_text` to `new_text`, finding the
/// change as the text between their common prefix and suffix.
pub fn reanchor(old_text: &str, new_text: &str, ann: &AnnDoc) -> Reanchored {
    let old = OffsetMap::new(old_text);
    let new = OffsetMap::new(new_text);
    let a: Vec<char> = old.normalized().chars().collect();
    let b: Vec<char> = new.normalized().chars().collect();
    let p = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let max_q = a.len().min(b.len()) - p;
    let q = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take(max_q)
        .take_while(|(x, y)| x == y)
        .count();
    let edits = if p == a.len() && p == b.len() {
        vec![]
    } else {
        vec![CharEdit {
            start: p,
            end: a.len() - q,
            inserted: b.len() - q - p,
        }]
    };
    run(&old, &new, &edits, ann)
}

/// The stored tags that do not match `text` (after the article changed
/// outside the editor, say), each with its fixes. Same as
/// `reanchor(text, text, ann).stale`.
pub fn stale(text: &str, ann: &AnnDoc) -> Vec<Stale> {
    reanchor(text, text, ann).stale
}

/// Moves the spans of `ann` through `edits`: byte ranges of `old_text`
/// replaced at once (as in one LSP `TextEdit[]`; non-overlapping, any
/// order). For the sequential changes of one `didChange`, call once per
/// change.
pub fn reanchor_edits(old_text: &str, edits: &[TextEdit], ann: &AnnDoc) -> Reanchored {
    // Applied one at a time from the last, so each edit's offsets stay
    // valid; a tag that goes stale at one step stays unchanged and is
    // reported again by the following ones, so the last step lists all.
    let mut sorted: Vec<&TextEdit> = edits.iter().collect();
    sorted.sort_by_key(|e| std::cmp::Reverse((e.start, e.end)));
    let mut text = old_text.to_string();
    let mut out = Reanchored {
        ann: ann.clone(),
        stale: vec![],
    };
    for e in sorted {
        let start = crate::text::floor_char_boundary(&text, e.start.min(text.len()));
        let end = crate::text::floor_char_boundary(&text, e.end.clamp(start, text.len()));
        let (new_text, step) = one_edit(&text, start, end, &e.new_text, &out.ann);
        text = new_text;
        out = step;
    }
    out
}

/// One byte-range replacement. The range is widened over a `\r` just
/// before it and a `\n` just after it, so that line breaks the edit splits
/// or joins (CRLF <-> CR + LF) are counted inside the replacement.
fn one_edit(
    text: &str,
    mut start: usize,
    mut end: usize,
    insert: &str,
    ann: &AnnDoc,
) -> (String, Reanchored) {
    let mut replacement = String::with_capacity(insert.len() + 2);
    if text[..start].ends_with('\r') {
        start -= 1;
        replacement.push('\r');
    }
    replacement.push_str(insert);
    if text[end..].starts_with('\n') {
        end += 1;
        replacement.push('\n');
    }
    let mut new_text = String::with_capacity(text.len() + replacement.len());
    new_text.push_str(&text[..start]);
    new_text.push_str(&replacement);
    new_text.push_str(&text[end..]);
    let old = OffsetMap::new(text);
    let new = OffsetMap::new(&new_text);
    let edit = CharEdit {
        start: old.to_char(start),
        end: old.to_char(end),
        inserted: crate::text::normalize_newlines(&replacement)
            .chars()
            .count(),
    };
    let r = run(&old, &new, &[edit], ann);
    (new_text, r)
}

/// A replacement in code points of the old normalised text.
struct CharEdit {
    start: usize,
    end: usize,
    inserted: usize,
}

/// `Some(new offsets)` when no edit touches the fragment.
fn shift(frag: (usize, usize), edits: &[CharEdit]) -> Option<(usize, usize)> {
    let (s, e) = frag;
    let mut delta: isize = 0;
    for ed in edits {
        if ed.end <= s && !(ed.start == ed.end && ed.start == s && s == e) {
            delta += ed.inserted as isize - (ed.end - ed.start) as isize;
        } else if ed.start >= e {
            break;
        } else {
            return None;
        }
    }
    Some(((s as isize + delta) as usize, (e as isize + delta) as usize))
}

/// Where an old offset lands in the new text (inside a replaced range: the
/// start of the replacement).
fn map_point(x: usize, edits: &[CharEdit]) -> usize {
    let mut delta: isize = 0;
    for ed in edits {
        if ed.end <= x {
            delta += ed.inserted as isize - (ed.end - ed.start) as isize;
        } else if ed.start < x {
            return (ed.start as isize + delta) as usize;
        } else {
            break;
        }
    }
    (x as isize + delta).max(0) as usize
}

fn run(old: &OffsetMap, new: &OffsetMap, edits: &[CharEdit], ann: &AnnDoc) -> Reanchored {
    let mut doc = ann.clone();
    let mut stale = Vec::new();
    for (i, line) in ann.lines().iter().enumerate() {
        let LineKind::TextBound(t) = &line.kind else {
            continue;
        };
        let in_range = t.fragments.iter().all(|&(_, e)| e <= old.len_chars());
        let old_ref = in_range.then(|| {
            t.fragments
                .iter()
                .map(|&(s, e)| old.slice_chars(s, e))
                .collect::<Vec<_>>()
                .join(" ")
        });
        let matched_before = old_ref.as_deref().is_some_and(|r| text_matches(&t.text, r));
        let moved: Option<Vec<(usize, usize)>> = if matched_before {
            t.fragments.iter().map(|&f| shift(f, edits)).collect()
        } else {
            None
        };
        match moved {
            Some(frags) => {
                if frags != t.fragments {
                    let mut t = t.clone();
                    t.fragments = frags;
                    doc.replace(i, LineKind::TextBound(t));
                }
            }
            None => {
                let old_text = match (&old_ref, matched_before) {
                    (Some(r), true) => r.clone(),
                    _ => t.text.trim_end().to_string(),
                };
                let (s, e) = t.envelope();
                let (ns, ne) = if matched_before {
                    (
                        map_point(s, edits),
                        map_point(e, edits).max(map_point(s, edits)),
                    )
                } else {
                    (s.min(new.len_chars()), e.min(new.len_chars()))
                };
                // Nearest to where the tag was: the old offset is a better
                // guess than the start of a large replacement.
                let nearest = nearest_match(new, &old_text, s.min(new.len_chars()));
                stale.push(make_stale(new, &t.id, i, old_text, (ns, ne), nearest));
            }
        }
    }
    Reanchored { ann: doc, stale }
}

/// The occurrence of `needle` (code points of the normalised text) whose
/// start is closest to `near`, in raw bytes.
fn nearest_match(map: &OffsetMap, needle: &str, near: usize) -> Option<(usize, usize)> {
    if needle.is_empty() {
        return None;
    }
    let hay = map.normalized();
    let near_b = {
        // byte offset in the normalised text of code point `near`
        hay.char_indices()
            .nth(near)
            .map(|(b, _)| b)
            .unwrap_or(hay.len())
    };
    let best = hay
        .match_indices(needle)
        .map(|(b, _)| b)
        .min_by_key(|&b| b.abs_diff(near_b))?;
    let cs = hay[..best].chars().count();
    let ce = cs + needle.chars().count();
    Some((map.to_byte(cs), map.to_byte(ce)))
}

fn make_stale(
    new: &OffsetMap,
    id: &str,
    line: usize,
    old_text: String,
    (ns, ne): (usize, usize),
    nearest: Option<(usize, usize)>,
) -> Stale {
    let (bs, be) = (new.to_byte(ns), new.to_byte(ne));
    let now = new.slice_chars(ns, ne).replace('\n', " ");
    let mut fixes = Vec::new();
    if let Some((ms, me)) = nearest {
        let line_no = new.slice_chars(0, new.to_char(ms)).matches('\n').count() + 1;
        fixes.push(Action {
            title: format!("Re-anchor {id} to “{old_text}” on line {line_no}"),
            decision: Decision::Reanchor {
                ann_id: id.to_string(),
                start: ms,
                end: me,
            },
        });
    }
    fixes.push(Action {
        title: format!("Drop {id} (“{old_text}”)"),
        decision: Decision::Drop {
            ann_id: id.to_string(),
        },
    });
    let message = if now.is_empty() {
        format!("{id} was made on “{old_text}”, which is gone; re-anchor or drop it")
    } else {
        format!("{id} was made on “{old_text}”, the text here is now “{now}”; re-anchor or drop it")
    };
    Stale {
        ann_id: id.to_string(),
        ann_line: line,
        old_text,
        nearest,
        finding: Finding {
            start: bs,
            end: be,
            code: "stale-annotation",
            severity: Severity::Warning,
            message,
            fixes: fixes
                .iter()
                .map(|a| Fix {
                    title: a.title.clone(),
                    edits: vec![],
                })
                .collect(),
        },
        fixes,
    }
}
