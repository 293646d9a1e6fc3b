//! Reviewer decisions as pure functions: current `.ann` + article +
//! analysis in, new `.ann` text out. Only the lines a decision concerns
//! change; new lines are appended with fresh ids.

use super::OffsetMap;
use super::ann::{AnnDoc, Attribute, LineKind, Normalization, Note, ParseErrors, TextBound};
use super::merge::{GAZETTE_DB, NOTES, REFERENCE, STATUS, Status, merge};
use crate::Analysis;
use crate::model::{Entity, Label};
use serde::{Deserialize, Serialize};
use std::fmt;

/// One reviewer action. Offsets are byte offsets into the article text
/// (the text the analysis ran on). `start..end` names the entity whose
/// span (first fragment start to last fragment end) is exactly that
/// range: a stored `T` line first, else one of the analysis' suggestions.
///
/// Serialisable so the language server can pass it as a command argument
/// (`{"op":"accept","start":0,"end":6}`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "kebab-case")]
pub enum Decision {
    Accept {
        start: usize,
        end: usize,
    },
    Reject {
        start: usize,
        end: usize,
    },
    /// Changes the label (`PERSON`, `COUNTRY`, `DEMONYM`, `DATE`) and
    /// counts as accepting.
    Relabel {
        start: usize,
        end: usize,
        label: String,
    },
    /// Tags any text (a selection) by hand. Surrounding whitespace is
    /// trimmed; a selection across line breaks becomes a discontinuous
    /// span, one fragment per line, as brat and INCEpTION need.
    Tag {
        start: usize,
        end: usize,
        label: String,
    },
    /// Links to a KB entry: `reference` is `db:id` (`Wikidata:Q184950`,
    /// `gazette:person:sergey-lavrov`), `name` the referent's name.
    Link {
        start: usize,
        end: usize,
        reference: String,
        name: String,
    },
    /// Sets the annotator's note; an empty text removes it.
    Note {
        start: usize,
        end: usize,
        text: String,
    },
    /// Removes a stored tag with its attributes, links, notes and
    /// relations. On a suggestion that is not stored, records a rejection.
    Remove {
        start: usize,
        end: usize,
    },
    /// Accepts every pending suggestion of entity `id` (`country:ru`).
    AcceptEntity {
        id: String,
    },
    /// Accepts every pending suggestion inside `start..end`. Entities
    /// already decided (accepted, rejected, manual) are left as they are.
    AcceptRange {
        start: usize,
        end: usize,
    },
    /// Fix for `stale-annotation`: moves the stored tag `ann_id` to
    /// `start..end` (fragments recomputed, text rewritten).
    Reanchor {
        ann_id: String,
        start: usize,
        end: usize,
    },
    /// Fix for `stale-annotation`: removes the stored tag `ann_id` and
    /// what refers to it (like `Remove`).
    Drop {
        ann_id: String,
    },
}

/// Why a decision could not be applied. The `.ann` is left as it was.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReviewError {
    /// The sidecar does not parse; it is never rewritten.
    Parse(ParseErrors),
    /// The sidecar is not UTF-8 or cannot be read or written.
    Io(String),
    NoEntity {
        start: usize,
        end: usize,
    },
    UnknownLabel(String),
    UnknownId(String),
    /// An empty or out-of-range span.
    BadSpan {
        start: usize,
        end: usize,
    },
    BadReference(String),
    /// The tag is used by an event or equivalence line; remove that first.
    Referenced {
        id: String,
        by: String,
    },
}

impl fmt::Display for ReviewError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReviewError::Parse(e) => {
                write!(
                    f,
                    "the .ann file does not parse ({e}); fix it before reviewing"
                )
            }
            ReviewError::Io(e) => f.write_str(e),
            ReviewError::NoEntity { start, end } => {
                write!(f, "no entity or suggestion at bytes {start}..{end}")
            }
            ReviewError::UnknownLabel(l) => write!(
                f,
                "unknown label `{l}` (expected PERSON, COUNTRY, DEMONYM or DATE)"
            ),
            ReviewError::UnknownId(id) => write!(f, "no annotation `{id}` in the .ann file"),
            ReviewError::BadSpan { start, end } => {
                write!(f, "the selection {start}..{end} holds no text to tag")
            }
            ReviewError::BadReference(r) => {
                write!(f, "a KB reference is `db:id` without spaces, got `{r}`")
            }
            ReviewError::Referenced { id, by } => {
                write!(f, "{id} is used by {by}; remove that annotation first")
            }
        }
    }
}

impl std::error::Error for ReviewError {}

impl From<ParseErrors> for ReviewError {
    fn from(e: ParseErrors) -> Self {
        ReviewError::Parse(e)
    }
}

/// Applies one decision and returns the new `.ann` text. Lines not
/// concerned stay byte-identical; when nothing changes the input text
/// comes back unchanged.
pub fn apply(
    ann: &AnnDoc,
    text: &str,
    analysis: &Analysis,
    decision: &Decision,
) -> Result<String, ReviewError> {
    let mut doc = ann.clone();
    apply_in_place(&mut doc, text, analysis, decision)?;
    Ok(doc.to_string())
}

/// [`apply`] on a document kept in memory.
pub fn apply_in_place(
    doc: &mut AnnDoc,
    text: &str,
    analysis: &Analysis,
    decision: &Decision,
) -> Result<(), ReviewError> {
    let cx = Cx {
        map: OffsetMap::new(text),
        analysis,
    };
    use Decision as D;
    match decision {
        D::Accept { start, end } => {
            let t = cx.target(doc, *start, *end)?;
            cx.set_status(doc, t, Status::Accepted, None);
        }
        D::Reject { start, end } => {
            let t = cx.target(doc, *start, *end)?;
            cx.set_status(doc, t, Status::Rejected, None);
        }
        D::Relabel { start, end, label } => {
            let label = parse_label(label)?;
            let t = cx.target(doc, *start, *end)?;
            cx.set_status(doc, t, Status::Accepted, Some(label));
        }
        D::Tag { start, end, label } => {
            let label = parse_label(label)?;
            let frags = cx.fragments(*start, *end)?;
            let exists = doc
                .text_bounds()
                .any(|t| t.fragments == frags && Label::parse(&t.label) == Some(label));
            if !exists {
                cx.push_text_bound(doc, label, frags);
            }
        }
        D::Link {
            start,
            end,
            reference,
            name,
        } => {
            let ok = reference
                .split_once(':')
                .is_some_and(|(db, id)| !db.is_empty() && !id.is_empty())
                && !reference.contains(char::is_whitespace);
            if !ok {
                return Err(ReviewError::BadReference(reference.clone()));
            }
            let t = cx.target(doc, *start, *end)?;
            let id = cx.stored(doc, t, Status::Accepted);
            let name = name.replace(['\n', '\r', '\t'], " ");
            match doc.normalization(&id) {
                Some((i, n)) => {
                    let mut n = n.clone();
                    n.reference = reference.clone();
                    n.text = name;
                    doc.replace(i, LineKind::Normalization(n));
                }
                None => doc.push(LineKind::Normalization(Normalization {
                    id: doc.next_id("N"),
                    kind: REFERENCE.into(),
                    target: id,
                    reference: reference.clone(),
                    text: name,
                })),
            }
        }
        D::Note { start, end, text } => {
            let t = cx.target(doc, *start, *end)?;
            let note = text.replace(['\n', '\r', '\t'], " ").trim().to_string();
            if note.is_empty() {
                if let Target::Stored(id) = &t
                    && let Some((i, _)) = doc.note(id, NOTES)
                {
                    doc.remove_lines(vec![i]);
                }
                return Ok(());
            }
            let id = cx.stored(doc, t, Status::Suggested);
            match doc.note(&id, NOTES) {
                Some((i, n)) => {
                    let mut n = n.clone();
                    n.text = note;
                    doc.replace(i, LineKind::Note(n));
                }
                None => doc.push(LineKind::Note(Note {
                    id: doc.next_id("#"),
                    kind: NOTES.into(),
                    target: id,
                    text: note,
                })),
            }
        }
        D::Remove { start, end } => match cx.target(doc, *start, *end)? {
            Target::Stored(id) => remove(doc, &id)?,
            t @ Target::Suggestion(_) => cx.set_status(doc, t, Status::Rejected, None),
        },
        D::Drop { ann_id } => {
            if doc.text_bound(ann_id).is_none() {
                return Err(ReviewError::UnknownId(ann_id.clone()));
            }
            remove(doc, ann_id)?;
        }
        D::AcceptEntity { id } => {
            for r in merge(text, analysis, doc) {
                if r.status == Status::Suggested && r.id.as_deref() == Some(id.as_str()) {
                    let t = cx.target(doc, r.start, r.end)?;
                    cx.set_status(doc, t, Status::Accepted, None);
                }
            }
        }
        D::AcceptRange { start, end } => {
            for r in merge(text, analysis, doc) {
                if r.status == Status::Suggested && *start <= r.start && r.end <= *end {
                    let t = cx.target(doc, r.start, r.end)?;
                    cx.set_status(doc, t, Status::Accepted, None);
                }
            }
        }
        D::Reanchor { ann_id, start, end } => {
            let Some(i) = doc.find(ann_id) else {
                return Err(ReviewError::UnknownId(ann_id.clone()));
            };
            let LineKind::TextBound(t) = &doc.lines()[i].kind else {
                return Err(ReviewError::UnknownId(ann_id.clone()));
            };
            let mut t = t.clone();
            let frags = cx.fragments(*start, *end)?;
            t.text = cx.fragment_text(&frags);
            t.fragments = frags;
            doc.replace(i, LineKind::TextBound(t));
        }
    }
    Ok(())
}

/// Writes the suggestions at the given byte spans as `T` lines with
/// `Status Suggested` (for `annotate --format brat --include-suggestions`).
pub(crate) fn store_pending(
    doc: &mut AnnDoc,
    text: &str,
    analysis: &Analysis,
    spans: &[(usize, usize)],
) {
    let cx = Cx {
        map: OffsetMap::new(text),
        analysis,
    };
    for &(s, e) in spans {
        if let Some(ent) = analysis
            .entities
            .iter()
            .find(|x| x.start == s && x.end == e)
        {
            cx.store_suggestion(doc, ent, ent.label, Status::Suggested);
        }
    }
}

fn parse_label(l: &str) -> Result<Label, ReviewError> {
    Label::parse(l).ok_or_else(|| ReviewError::UnknownLabel(l.to_string()))
}

/// Removes `T` line `id` and every line about it. Event and equivalence
/// lines using it block the removal (removing them would lose other
/// annotations; keeping them would leave brat a dangling id).
fn remove(doc: &mut AnnDoc, id: &str) -> Result<(), ReviewError> {
    let mut idx = vec![];
    for i in doc.referring(id) {
        let l = &doc.lines()[i];
        match &l.kind {
            LineKind::Attribute(_) | LineKind::Normalization(_) | LineKind::Note(_) => idx.push(i),
            LineKind::Other { id: Some(rid), .. } if rid.starts_with('R') => idx.push(i),
            _ => {
                return Err(ReviewError::Referenced {
                    id: id.to_string(),
                    by: l.raw.split('\t').next().unwrap_or("").to_string(),
                });
            }
        }
    }
    // Attributes of removed relations go too.
    let removed_rel: Vec<String> = idx
        .iter()
        .filter_map(|&i| match &doc.lines()[i].kind {
            LineKind::Other { id: Some(r), .. } => Some(r.clone()),
            _ => None,
        })
        .collect();
    for r in &removed_rel {
        idx.extend(doc.referring(r));
    }
    if let Some(i) = doc.find(id) {
        idx.push(i);
    }
    doc.remove_lines(idx);
    Ok(())
}

enum Target {
    Stored(String),
    Suggestion(Entity),
}

struct Cx<'a> {
    map: OffsetMap,
    analysis: &'a Analysis,
}

impl Cx<'_> {
    /// The stored tag whose byte envelope is `start..end` (gazette labels
    /// first), else the suggestion with that span.
    fn target(&self, doc: &AnnDoc, start: usize, end: usize) -> Result<Target, ReviewError> {
        let mut other = None;
        for t in doc.text_bounds() {
            let (s, e) = t.envelope();
            if e <= self.map.len_chars()
                && self.map.to_byte(s) == start
                && self.map.to_byte(e) == end
            {
                if Label::parse(&t.label).is_some() {
                    return Ok(Target::Stored(t.id.clone()));
                }
                other.get_or_insert_with(|| t.id.clone());
            }
        }
        if let Some(e) = self
            .analysis
            .entities
            .iter()
            .find(|e| e.start == start && e.end == end)
        {
            return Ok(Target::Suggestion(e.clone()));
        }
        other
            .map(Target::Stored)
            .ok_or(ReviewError::NoEntity { start, end })
    }

    /// Code-point fragments of a byte range: whitespace trimmed, split at
    /// line breaks, empty pieces dropped.
    fn fragments(&self, start: usize, end: usize) -> Result<Vec<(usize, usize)>, ReviewError> {
        let bad = ReviewError::BadSpan { start, end };
        if start >= end || end > self.map.len_bytes() {
            return Err(bad);
        }
        let (cs, ce) = (self.map.to_char(start), self.map.to_char(end));
        let chars: Vec<char> = self.map.slice_chars(cs, ce).chars().collect();
        let mut out = vec![];
        let mut i = 0;
        while i < chars.len() {
            if chars[i].is_whitespace() {
                i += 1;
                continue;
            }
            let mut j = i;
            while j < chars.len() && chars[j] != '\n' {
                j += 1;
            }
            let mut k = j;
            while k > i && chars[k - 1].is_whitespace() {
                k -= 1;
            }
            out.push((cs + i, cs + k));
            i = j;
        }
        if out.is_empty() {
            return Err(bad);
        }
        Ok(out)
    }

    fn fragment_text(&self, frags: &[(usize, usize)]) -> String {
        frags
            .iter()
            .map(|&(s, e)| self.map.slice_chars(s, e).replace('\t', " "))
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn push_text_bound(
        &self,
        doc: &mut AnnDoc,
        label: Label,
        fragments: Vec<(usize, usize)>,
    ) -> String {
        let id = doc.next_id("T");
        let text = self.fragment_text(&fragments);
        doc.push(LineKind::TextBound(TextBound {
            id: id.clone(),
            label: label.as_str().to_string(),
            fragments,
            text,
        }));
        id
    }

    /// The target's `T` id, writing a suggestion to the file first (with
    /// `status` and its KB link).
    fn stored(&self, doc: &mut AnnDoc, t: Target, status: Status) -> String {
        match t {
            Target::Stored(id) => id,
            Target::Suggestion(e) => self.store_suggestion(doc, &e, e.label, status),
        }
    }

    fn store_suggestion(
        &self,
        doc: &mut AnnDoc,
        e: &Entity,
        label: Label,
        status: Status,
    ) -> String {
        let frags = self
            .fragments(e.start, e.end)
            .unwrap_or_else(|_| vec![(self.map.to_char(e.start), self.map.to_char(e.end))]);
        let id = self.push_text_bound(doc, label, frags);
        set_status_attr(doc, &id, status);
        if label == e.label
            && let (Some(gid), Some(canonical)) = (&e.id, &e.canonical)
        {
            doc.push(LineKind::Normalization(Normalization {
                id: doc.next_id("N"),
                kind: REFERENCE.into(),
                target: id.clone(),
                reference: format!("{GAZETTE_DB}:{gid}"),
                text: canonical.clone(),
            }));
        }
        id
    }

    /// Records `status` (and a new label) for the target.
    fn set_status(&self, doc: &mut AnnDoc, t: Target, status: Status, label: Option<Label>) {
        match t {
            Target::Suggestion(e) => {
                self.store_suggestion(doc, &e, label.unwrap_or(e.label), status);
            }
            Target::Stored(id) => {
                if let Some(label) = label
                    && let Some(i) = doc.find(&id)
                    && let LineKind::TextBound(t) = &doc.lines()[i].kind
                    && t.label != label.as_str()
                {
                    let mut t = t.clone();
                    t.label = label.as_str().to_string();
                    doc.replace(i, LineKind::TextBound(t));
                }
                let current = doc
                    .attribute(&id, STATUS)
                    .map(|(_, a)| Status::from_attribute(a.value.as_deref()));
                // A hand-made tag (no Status) stays manual when accepted
                // or relabelled; rejecting it records the rejection.
                if matches!(current, None | Some(Status::Manual)) && status == Status::Accepted {
                    return;
                }
                if current != Some(status) {
                    set_status_attr(doc, &id, status);
                }
            }
        }
    }
}

fn set_status_attr(doc: &mut AnnDoc, target: &str, status: Status) {
    match doc.attribute(target, STATUS) {
        Some((i, a)) => {
            let mut a = a.clone();
            a.value = Some(status.attribute_value().to_string());
            doc.replace(i, LineKind::Attribute(a));
        }
        None => doc.push(LineKind::Attribute(Attribute {
            id: doc.next_id("A"),
            name: STATUS.into(),
            target: target.to_string(),
            value: Some(status.attribute_value().to_string()),
        })),
    }
}
