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
///
/// Candidates are swept in start order; only clusters of mutually
/// overlapping candidates (rare, and small) need the longest-first choice.
pub fn resolve_overlaps(cands: Vec<Candidate>) -> Vec<Candidate> {
    // Keys beside the index, so the sort does not chase into `cands`.
    let mut keyed: Vec<(usize, std::cmp::Reverse<usize>, u32)> = cands
        .iter()
        .enumerate()
        .filter(|(_, c)| c.start < c.end)
        .map(|(i, c)| (c.start, std::cmp::Reverse(c.end), i as u32))
        .collect();
    keyed.sort_unstable_by_key(|&(s, e, _)| (s, e));
    let order: Vec<u32> = keyed.into_iter().map(|(_, _, i)| i).collect();
    let mut keep = vec![false; cands.len()];
    let mut i = 0;
    while i < order.len() {
        let mut cluster_end = cands[order[i] as usize].end;
        let mut j = i + 1;
        while j < order.len() && cands[order[j] as usize].start < cluster_end {
            cluster_end = cluster_end.max(cands[order[j] as usize].end);
            j += 1;
        }
        if j == i + 1 {
            keep[order[i] as usize] = true;
        } else {
            let mut cluster: Vec<u32> = order[i..j].to_vec();
            cluster.sort_by(|&a, &b| {
                let (a, b) = (&cands[a as usize], &cands[b as usize]);
                (b.end - b.start)
                    .cmp(&(a.end - a.start))
                    .then(b.priority.cmp(&a.priority))
                    .then(a.start.cmp(&b.start))
            });
            let mut taken: Vec<(usize, usize)> = Vec::new();
            for k in cluster {
                let c = &cands[k as usize];
                if taken.iter().all(|&(s, e)| c.end <= s || c.start >= e) {
                    taken.push((c.start, c.end));
                    keep[k as usize] = true;
                }
            }
        }
        i = j;
    }
    // Kept spans do not overlap, so start order is document order.
    let mut slots: Vec<Option<Candidate>> = cands.into_iter().map(Some).collect();
    order
        .iter()
        .filter(|&&i| keep[i as usize])
        .filter_map(|&i| slots[i as usize].take())
        .collect()
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
