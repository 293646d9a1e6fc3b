//! Recognisers propose candidate mentions; `resolve_overlaps` keeps one
//! reading per stretch of text.

pub mod countries;
pub mod people;

use crate::model::{DateValue, Label};

/// A proposed mention, before overlap resolution.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    pub start: usize,
    pub end: usize,
    pub label: Label,
    pub id: Option<String>,
    pub canonical: Option<String>,
    pub date: Option<DateValue>,
    /// Breaks ties between equally long overlapping candidates; higher wins.
    pub priority: u8,
    /// Set when the reading is a guess the annotator should confirm; the
    /// `ambiguous-entity` rule reports it.
    pub ambiguity: Option<String>,
}

impl Candidate {
    pub fn new(start: usize, end: usize, label: Label) -> Self {
        Candidate {
            start,
            end,
            label,
            id: None,
            canonical: None,
            date: None,
            priority: 0,
            ambiguity: None,
        }
    }
}

/// Keeps the longest candidates that do not overlap (ties: higher priority,
/// then earlier start), returned in document order.
pub fn resolve_overlaps(mut cands: Vec<Candidate>) -> Vec<Candidate> {
    cands.sort_by(|a, b| {
        (b.end - b.start)
            .cmp(&(a.end - a.start))
            .then(b.priority.cmp(&a.priority))
            .then(a.start.cmp(&b.start))
    });
    let mut taken: std::collections::BTreeMap<usize, usize> = std::collections::BTreeMap::new();
    let mut kept = Vec::with_capacity(cands.len());
    for c in cands {
        if c.start >= c.end {
            continue;
        }
        let clash_before = taken
            .range(..c.end)
            .next_back()
            .is_some_and(|(_, &e)| e > c.start);
        if clash_before {
            continue;
        }
        taken.insert(c.start, c.end);
        kept.push(c);
    }
    kept.sort_by_key(|c| (c.start, c.end));
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_wins_then_priority() {
        let mut a = Candidate::new(0, 6, Label::Country);
        a.priority = 1;
        let b = Candidate::new(0, 13, Label::Person);
        let c = Candidate::new(14, 18, Label::Date);
        let mut d = Candidate::new(14, 18, Label::Person);
        d.priority = 2;
        let kept = resolve_overlaps(vec![a, b.clone(), c, d.clone()]);
        assert_eq!(kept, vec![b, d]);
    }
}
