//! `ambiguous-entity`: a name whose reading the recogniser had to guess.

use super::{LintInput, Rule};
use crate::model::{Finding, Severity};

pub struct AmbiguousEntity;

impl Rule for AmbiguousEntity {
    fn code(&self) -> &'static str {
        "ambiguous-entity"
    }

    fn default_severity(&self) -> Severity {
        Severity::Information
    }

    fn description(&self) -> &'static str {
        "a name that can mean more than one entity (a state, a person, a place); check the link"
    }

    fn check(&self, input: &LintInput<'_>, out: &mut Vec<Finding>) {
        for (start, end, why) in input.ambiguities {
            out.push(Finding {
                start: *start,
                end: *end,
                code: self.code(),
                severity: self.default_severity(),
                message: why.clone(),
                fixes: Vec::new(),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::{Context, analyze};

    #[test]
    fn shared_state_names_are_flagged() {
        let ctx = Context::default();
        let a = analyze("Fighting resumed in Congo on Monday.", &ctx);
        let f: Vec<_> = a
            .findings
            .iter()
            .filter(|f| f.code == "ambiguous-entity")
            .collect();
        assert_eq!(f.len(), 1, "{:?}", a.findings);
        assert!(f[0].message.contains("Congo"));
        let settled = analyze(
            "Republic of the Congo said fighting resumed in Congo.",
            &ctx,
        );
        assert!(
            settled
                .findings
                .iter()
                .all(|f| f.code != "ambiguous-entity")
        );
    }
}
