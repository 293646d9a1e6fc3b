//! Reviewers' decisions, stored beside the article as brat standoff
//! (`story.txt` → `story.ann`), and everything computed from them.
//!
//! The library part is pure (text in, text out); only [`Store`],
//! [`read_sidecar`] and [`apply_to_file`] touch the file system, writing
//! through [`crate::fsutil::write_atomic`].
//!
//! # Offsets
//! The API speaks **byte offsets into the article text the analysis ran
//! on** (which may still contain CRLF). The `.ann` stores code points of
//! the LF-normalised text (contract); [`OffsetMap`] converts both ways.
//!
//! # What the language server calls
//! ```text
//! // load and watch: one Store per open article. A missing file is an
//! // empty document; one that does not parse is kept as an error: its
//! // problems() are the .ann diagnostics (line, column, what was expected)
//! // and doc() says why review actions are unavailable.
//! review::Store::open(article: &Path) -> Store
//! Store::reload(&mut self) -> bool                       // file-watch event
//! Store::doc(&self) -> Result<&AnnDoc, &ReviewError>
//! Store::problems(&self, text) -> Vec<AnnProblem>        // diagnostics on the .ann
//! Store::apply(&mut self, text, &Analysis, &Decision) -> Result<bool, ReviewError>
//!     // rereads the file first, writes atomically, never over a corrupt file
//! review::parse(ann_text) -> Result<AnnDoc, ParseErrors>  // the pure layer
//! review::validate(&AnnDoc, text) -> Vec<AnnFinding>
//!
//! // show: semantic tokens (label + status modifier), hover (status, note),
//! // gazette/entities `status`
//! review::merge(text, &Analysis, &AnnDoc) -> Vec<ReviewedEntity>
//! Status::as_str() -> "suggested" | "accepted" | "rejected" | "manual"
//!
//! // act: code actions carry a Decision (serde: {"op":"accept","start":..,"end":..});
//! // the command handler applies it. Pure form, or read-apply-write-atomically:
//! review::apply(&AnnDoc, text, &Analysis, &Decision) -> Result<String, ReviewError>
//! review::apply_to_file(ann_path, text, &Analysis, &Decision) -> Result<String, ReviewError>
//! review::actions_at(text, &Analysis, &AnnDoc, start, end) -> Vec<Action { title, decision }>
//!
//! // edits: after the article changed (didChange), move stored spans;
//! // stale ones come back as `stale-annotation` findings; their fixes are
//! // Stale::fixes (Decision::Reanchor / Decision::Drop, applied with the
//! // new text; the Finding's Fix entries carry only the titles).
//! review::reanchor_edits(old_text, &[TextEdit], &AnnDoc) -> Reanchored { ann, stale: Vec<Stale> }
//! review::reanchor(old_text, new_text, &AnnDoc) -> Reanchored   // diff by common prefix/suffix
//! review::stale(text, &AnnDoc) -> Vec<Stale>                    // on open / after git pull
//! // The .ann on disk matches the *saved* article. While the buffer has
//! // unsaved edits, keep the re-anchored AnnDoc in memory, apply decisions
//! // to it with review::apply(&live, buffer, ..), and write it on didSave;
//! // Store::apply is for a buffer equal to the file on disk.
//!
//! // export and CLI
//! review::export_entities(text, &Analysis, &AnnDoc, include_suggestions) -> Vec<Entity>
//! review::merged_ann(text, &Analysis, &AnnDoc, include_suggestions) -> String
//! review::agree / review::stats (used by `gazette agree`, `gazette review-stats`)
//! ```
//!
//! # How decisions are stored
//! - accept / reject a suggestion: a `T` line plus `A<n>\tStatus T<n>
//!   Accepted|Rejected`, and `N<n>\tReference T<n> gazette:<id>\t<canonical>`
//!   when gazette linked it;
//! - a hand-made tag (`Tag`) is a `T` line with no `Status` (as brat and
//!   INCEpTION write them): shown as `manual`;
//! - KB links are `N` lines, notes `#<n>\tAnnotatorNotes T<n>\t<text>`;
//! - a suggestion overlapping a stored `T` with a gazette label is hidden
//!   (the reviewer decided about that text);
//! - every other line (relations, events, other tools' attributes, blank
//!   lines, comments) is kept byte for byte, including its line break.

pub mod agree;
mod anchor;
pub mod ann;
mod decide;
mod merge;
mod offsets;
pub mod stats;
mod store;

pub use anchor::{Reanchored, Stale, reanchor, reanchor_edits, stale};
pub use ann::{AnnDoc, AnnFinding, ParseError, ParseErrors, parse, validate};
pub use decide::{Decision, ReviewError, apply, apply_in_place};
pub use merge::{
    GAZETTE_DB, NOTES, REFERENCE, ReviewedEntity, STATUS, Status, export_entities, merge,
};
pub use offsets::OffsetMap;
pub use store::{AnnProblem, Store};

use crate::Analysis;
use crate::model::Label;
use std::path::{Path, PathBuf};

/// `story.txt` → `story.ann` (any extension is replaced).
pub fn sidecar_path(article: &Path) -> PathBuf {
    article.with_extension("ann")
}

/// Reads and parses a sidecar. A missing file is an empty document; a file
/// that is not UTF-8 or does not parse is an error (and must not be
/// rewritten). Also returns the raw text read.
pub fn read_sidecar(path: &Path) -> Result<(AnnDoc, String), ReviewError> {
    match std::fs::read(path) {
        Ok(b) => decode_sidecar(path, b),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok((AnnDoc::new(), String::new())),
        Err(e) => Err(ReviewError::Io(format!(
            "{}: cannot read: {e}",
            path.display()
        ))),
    }
}

/// Parses the bytes of a sidecar read from `path` (named in errors).
pub(crate) fn decode_sidecar(path: &Path, bytes: Vec<u8>) -> Result<(AnnDoc, String), ReviewError> {
    let raw = String::from_utf8(bytes).map_err(|e| {
        ReviewError::Io(format!(
            "{}: not valid UTF-8 (first invalid byte at offset {}); it is left untouched",
            path.display(),
            e.utf8_error().valid_up_to()
        ))
    })?;
    let doc = parse(&raw)?;
    Ok((doc, raw))
}

/// Reads the sidecar at `path`, applies `decision`, and writes the result
/// atomically (temp file in the same folder, fsync, rename) when it
/// changed. A sidecar that does not parse is left byte-identical and the
/// parse errors are returned. Returns the new content.
pub fn apply_to_file(
    path: &Path,
    text: &str,
    analysis: &Analysis,
    decision: &Decision,
) -> Result<String, ReviewError> {
    let (doc, raw) = read_sidecar(path)?;
    let new = apply(&doc, text, analysis, decision)?;
    if new != raw {
        crate::fsutil::write_atomic(path, new.as_bytes())
            .map_err(|e| ReviewError::Io(format!("{}: cannot write: {e}", path.display())))?;
    }
    Ok(new)
}

/// A review action offered for a cursor or selection.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Action {
    pub title: String,
    pub decision: Decision,
}

/// The review actions for the byte range `start..end` (a cursor when
/// equal): on the entity under the cursor, accept / reject / relabel /
/// note / remove / accept all of this entity; on a selection, tag it and
/// accept everything inside. KB links are offered by the caller, which
/// knows the candidates ([`Decision::Link`]).
pub fn actions_at(
    text: &str,
    analysis: &Analysis,
    ann: &AnnDoc,
    start: usize,
    end: usize,
) -> Vec<Action> {
    let merged = merge(text, analysis, ann);
    let mut out = Vec::new();
    let act = |title: String, decision: Decision| Action { title, decision };
    // A cursor touching an entity's end counts, as in `Analysis::entity_at`.
    let hit = merged.iter().find(|r| r.start <= start && end <= r.end);
    if let Some(r) = hit {
        let (s, e) = (r.start, r.end);
        let surface = text[s..e].replace('\n', " ");
        if r.status != Status::Accepted && r.status != Status::Manual {
            out.push(act(
                format!("Accept {} “{surface}”", r.label),
                Decision::Accept { start: s, end: e },
            ));
        }
        if r.status != Status::Rejected {
            out.push(act(
                format!("Reject {} “{surface}”", r.label),
                Decision::Reject { start: s, end: e },
            ));
        }
        for l in Label::ALL {
            if l != r.label {
                out.push(act(
                    format!("Relabel “{surface}” as {l}"),
                    Decision::Relabel {
                        start: s,
                        end: e,
                        label: l.as_str().into(),
                    },
                ));
            }
        }
        out.push(act(
            if r.note.is_some() {
                "Edit note".into()
            } else {
                "Add note".into()
            },
            Decision::Note {
                start: s,
                end: e,
                text: r.note.clone().unwrap_or_default(),
            },
        ));
        if r.ann_id.is_some() {
            out.push(act(
                format!("Remove tag “{surface}”"),
                Decision::Remove { start: s, end: e },
            ));
        }
        if let Some(id) = &r.id {
            let pending = merged
                .iter()
                .filter(|o| o.status == Status::Suggested && o.id.as_ref() == Some(id))
                .count();
            if pending > 0 {
                out.push(act(
                    format!(
                        "Accept all {pending} suggestions of {} in the document",
                        r.canonical.as_deref().unwrap_or(id)
                    ),
                    Decision::AcceptEntity { id: id.clone() },
                ));
            }
        }
    }
    if start < end {
        for l in Label::ALL {
            out.push(act(
                format!("Tag selection as {l}"),
                Decision::Tag {
                    start,
                    end,
                    label: l.as_str().into(),
                },
            ));
        }
        let pending = merged
            .iter()
            .filter(|r| r.status == Status::Suggested && start <= r.start && r.end <= end)
            .count();
        if pending > 0 {
            out.push(act(
                format!("Accept all {pending} suggestions in the selection"),
                Decision::AcceptRange { start, end },
            ));
        }
    }
    out
}

/// The `.ann` `gazette annotate --format brat` prints or writes when a
/// sidecar exists: the sidecar unchanged, plus (with
/// `include_suggestions`) every pending suggestion as a `T` line with
/// `Status Suggested` and its KB link.
pub fn merged_ann(
    text: &str,
    analysis: &Analysis,
    ann: &AnnDoc,
    include_suggestions: bool,
) -> String {
    if !include_suggestions {
        return ann.to_string();
    }
    let mut doc = ann.clone();
    let pending: Vec<(usize, usize)> = merge(text, analysis, ann)
        .into_iter()
        .filter(|r| r.status == Status::Suggested && r.ann_id.is_none())
        .map(|r| (r.start, r.end))
        .collect();
    decide::store_pending(&mut doc, text, analysis, &pending);
    doc.to_string()
}

#[cfg(test)]
mod tests;
