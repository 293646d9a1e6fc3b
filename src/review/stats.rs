//! How much of an article is reviewed: counts of each status per label.

use super::merge::{ReviewedEntity, Status};
use serde::Serialize;
use std::collections::BTreeMap;

/// Entities in each review state.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub accepted: usize,
    pub rejected: usize,
    pub manual: usize,
    /// Suggestions nobody decided about yet.
    pub pending: usize,
}

impl Counts {
    pub fn add(&mut self, s: Status) {
        match s {
            Status::Accepted => self.accepted += 1,
            Status::Rejected => self.rejected += 1,
            Status::Manual => self.manual += 1,
            Status::Suggested => self.pending += 1,
        }
    }

    pub fn merge(&mut self, o: &Counts) {
        self.accepted += o.accepted;
        self.rejected += o.rejected;
        self.manual += o.manual;
        self.pending += o.pending;
    }

    pub fn total(&self) -> usize {
        self.accepted + self.rejected + self.manual + self.pending
    }

    /// Share of entities decided (everything but pending), `None` if none.
    pub fn reviewed_fraction(&self) -> Option<f64> {
        let t = self.total();
        (t > 0).then(|| (t - self.pending) as f64 / t as f64)
    }
}

/// Counts per label (`PERSON`, …) of a merged view.
pub fn count(merged: &[ReviewedEntity]) -> BTreeMap<String, Counts> {
    let mut out: BTreeMap<String, Counts> = BTreeMap::new();
    for r in merged {
        out.entry(r.label.as_str().to_string())
            .or_default()
            .add(r.status);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::{merge, parse};
    use crate::{Context, analyze};

    #[test]
    fn counts_each_state_per_label() {
        let text = "Russia and Iran met. Lavrov spoke.";
        let ann = parse("T1\tCOUNTRY 0 6\tRussia\nA1\tStatus T1 Accepted\nT2\tCOUNTRY 11 15\tIran\nA2\tStatus T2 Rejected\nT3\tPERSON 21 27\tLavrov\n").unwrap();
        let a = analyze(text, &Context::default());
        let c = count(&merge(text, &a, &ann));
        assert_eq!(
            c["COUNTRY"],
            Counts {
                accepted: 1,
                rejected: 1,
                manual: 0,
                pending: 0
            }
        );
        assert_eq!(
            c["PERSON"],
            Counts {
                accepted: 0,
                rejected: 0,
                manual: 1,
                pending: 0
            }
        );
        let c = count(&merge(text, &a, &parse("").unwrap()));
        assert_eq!(c["COUNTRY"].pending, 2);
        assert_eq!(c["COUNTRY"].reviewed_fraction(), Some(0.0));
    }
}
