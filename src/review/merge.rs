//! What the editor shows: gazette's suggestions merged with the reviewer's
//! stored decisions.

use super::OffsetMap;
use super::ann::{AnnDoc, LineKind, Normalization, TextBound};
use crate::Analysis;
use crate::model::{DateValue, Entity, Label};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// The `Status` attribute name gazette reads and writes.
pub const STATUS: &str = "Status";
/// The note type brat shows as the annotator's note.
pub const NOTES: &str = "AnnotatorNotes";
/// The normalization type gazette writes for KB links.
pub const REFERENCE: &str = "Reference";
/// The database name of gazette's own KB ids in `N` lines
/// (`gazette:country:ru`).
pub const GAZETTE_DB: &str = "gazette";

/// The review state of one entity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// gazette found it and nobody decided yet (not stored, or stored with
    /// `Status Suggested`).
    Suggested,
    /// A reviewer accepted it (`Status Accepted`).
    Accepted,
    /// A reviewer rejected it (`Status Rejected`); kept so it is not
    /// suggested again.
    Rejected,
    /// Tagged by a person: a `T` line with no `Status` (as brat and
    /// INCEpTION write them) or `Status Manual`.
    Manual,
}

impl Status {
    pub const ALL: [Status; 4] = [
        Status::Suggested,
        Status::Accepted,
        Status::Rejected,
        Status::Manual,
    ];

    /// Lowercase name: JSON `status`, semantic-token modifier names.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Suggested => "suggested",
            Status::Accepted => "accepted",
            Status::Rejected => "rejected",
            Status::Manual => "manual",
        }
    }

    /// The value written in the `.ann` (`A1\tStatus T1 Accepted`).
    pub fn attribute_value(self) -> &'static str {
        match self {
            Status::Suggested => "Suggested",
            Status::Accepted => "Accepted",
            Status::Rejected => "Rejected",
            Status::Manual => "Manual",
        }
    }

    pub fn from_attribute(v: Option<&str>) -> Status {
        match v.map(|s| s.trim().to_ascii_lowercase()).as_deref() {
            Some("accepted") => Status::Accepted,
            Some("rejected") => Status::Rejected,
            Some("suggested") => Status::Suggested,
            _ => Status::Manual,
        }
    }

    /// True when the entity counts as an annotation in exports and
    /// agreement (accepted or manual).
    pub fn is_kept(self) -> bool {
        matches!(self, Status::Accepted | Status::Manual)
    }
}

/// One entity as the editor shows it. Offsets are byte offsets into the
/// article text given to [`merge`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReviewedEntity {
    /// Start of the first fragment.
    pub start: usize,
    /// End of the last fragment.
    pub end: usize,
    /// More than one for discontinuous `T` lines; always at least one.
    pub fragments: Vec<(usize, usize)>,
    pub label: Label,
    /// gazette's entity id (`country:ru`), from the analysis or a
    /// `gazette:` KB link.
    pub id: Option<String>,
    pub canonical: Option<String>,
    /// The KB link stored in an `N` line (`Wikidata:Q184950`).
    pub reference: Option<String>,
    /// The analysis' TIMEX3 value when the span matches a date it found.
    pub date: Option<DateValue>,
    pub status: Status,
    /// The `AnnotatorNotes` text.
    pub note: Option<String>,
    /// The `T` id when the entity is stored in the `.ann`.
    pub ann_id: Option<String>,
}

impl ReviewedEntity {
    /// A suggestion nobody has decided about yet.
    pub fn suggested(e: &Entity) -> ReviewedEntity {
        ReviewedEntity {
            start: e.start,
            end: e.end,
            fragments: vec![(e.start, e.end)],
            label: e.label,
            id: e.id.clone(),
            canonical: e.canonical.clone(),
            reference: None,
            date: e.date.clone(),
            status: Status::Suggested,
            note: None,
            ann_id: None,
        }
    }

    /// As a plain entity (envelope span), for exporters.
    pub fn to_entity(&self) -> Entity {
        Entity {
            start: self.start,
            end: self.end,
            label: self.label,
            id: self.id.clone(),
            canonical: self.canonical.clone(),
            date: self.date.clone(),
        }
    }
}

/// Byte fragments of a `T` line, or `None` when an offset lies past the
/// end of the text (validation reports those).
pub(crate) fn byte_fragments(map: &OffsetMap, t: &TextBound) -> Option<Vec<(usize, usize)>> {
    t.fragments
        .iter()
        .map(|&(s, e)| (e <= map.len_chars()).then(|| (map.to_byte(s), map.to_byte(e))))
        .collect()
}

/// Suggestions of `analysis` merged with the decisions in `ann`, in
/// document order.
///
/// Every `T` line with one of gazette's labels is shown with its stored
/// status; a suggestion that overlaps such a line is hidden (the reviewer
/// has decided about that text). `T` lines with other labels (other
/// annotation layers) are kept in the file but neither shown nor do they
/// hide suggestions.
pub fn merge(text: &str, analysis: &Analysis, ann: &AnnDoc) -> Vec<ReviewedEntity> {
    // The offset map costs O(text); an article without stored tags (the
    // usual case while typing) needs none.
    let has_tags = ann.text_bounds().next().is_some();
    let map = if has_tags {
        OffsetMap::new(text)
    } else {
        OffsetMap::new("")
    };
    // First status / link / note per target, in one pass (files can hold
    // thousands of lines).
    let mut status_of: HashMap<&str, &str> = HashMap::new();
    let mut link_of: HashMap<&str, &Normalization> = HashMap::new();
    let mut note_of: HashMap<&str, &str> = HashMap::new();
    for l in ann.lines() {
        match &l.kind {
            LineKind::Attribute(a) if a.name == STATUS => {
                status_of
                    .entry(&a.target)
                    .or_insert(a.value.as_deref().unwrap_or(""));
            }
            LineKind::Normalization(n) => {
                link_of.entry(&n.target).or_insert(n);
            }
            LineKind::Note(n) if n.kind == NOTES => {
                note_of.entry(&n.target).or_insert(&n.text);
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    for t in ann.text_bounds() {
        let Some(label) = Label::parse(&t.label) else {
            continue;
        };
        let Some(fragments) = byte_fragments(&map, t) else {
            continue;
        };
        let start = fragments.iter().map(|f| f.0).min().unwrap_or(0);
        let end = fragments.iter().map(|f| f.1).max().unwrap_or(0);
        let status = match status_of.get(t.id.as_str()) {
            Some(v) => Status::from_attribute(Some(v)),
            None => Status::Manual,
        };
        // Entities are in document order: binary search by start.
        let first = analysis.entities.partition_point(|e| e.start < start);
        let found = analysis.entities[first..]
            .iter()
            .take_while(|e| e.start == start)
            .find(|e| e.end == end && e.label == label);
        let mut id = found.and_then(|e| e.id.clone());
        let mut canonical = found.and_then(|e| e.canonical.clone());
        let mut reference = None;
        if let Some(n) = link_of.get(t.id.as_str()) {
            reference = Some(n.reference.clone());
            if let Some(gid) = n
                .reference
                .strip_prefix(GAZETTE_DB)
                .and_then(|r| r.strip_prefix(':'))
            {
                id = Some(gid.to_string());
            }
            if !n.text.trim().is_empty() {
                canonical = Some(n.text.clone());
            }
        }
        out.push(ReviewedEntity {
            start,
            end,
            fragments,
            label,
            id,
            canonical,
            reference,
            date: found.and_then(|e| e.date.clone()),
            status,
            note: note_of.get(t.id.as_str()).map(|n| n.to_string()),
            ann_id: Some(t.id.clone()),
        });
    }
    // Stored fragments by start, with the largest end so far: a suggestion
    // overlaps one iff some fragment starting before its end ends after
    // its start.
    let mut stored: Vec<(usize, usize)> = out.iter().flat_map(|r| r.fragments.clone()).collect();
    stored.sort_unstable();
    let max_end: Vec<usize> = stored
        .iter()
        .scan(0, |m, &(_, e)| {
            *m = e.max(*m);
            Some(*m)
        })
        .collect();
    for e in &analysis.entities {
        let before = stored.partition_point(|&(s, _)| s < e.end);
        if before > 0 && max_end[before - 1] > e.start {
            continue;
        }
        out.push(ReviewedEntity::suggested(e));
    }
    out.sort_by(|a, b| (a.start, a.end, &a.ann_id).cmp(&(b.start, b.end, &b.ann_id)));
    out
}

/// Entities to export when a sidecar exists: accepted and manual ones,
/// plus pending suggestions when `include_suggestions`; rejected ones are
/// dropped. In document order.
pub fn export_entities(
    text: &str,
    analysis: &Analysis,
    ann: &AnnDoc,
    include_suggestions: bool,
) -> Vec<Entity> {
    merge(text, analysis, ann)
        .into_iter()
        .filter(|r| r.status.is_kept() || (include_suggestions && r.status == Status::Suggested))
        .map(|r| r.to_entity())
        .collect()
}
