//! Diagnostics: one small rule per code, run over a finished analysis.

mod ambiguous;
pub mod dates;
pub mod people;

use crate::kb::Kb;
use crate::model::{Entity, Finding, Severity};
use crate::time::{DateMention, Dct};

/// What a rule may look at.
pub struct LintInput<'a> {
    pub text: &'a str,
    pub entities: &'a [Entity],
    /// Readings the recognisers were unsure of: span and explanation.
    pub ambiguities: &'a [(usize, usize, String)],
    pub dates: &'a [DateMention],
    pub dct: Option<&'a Dct>,
    pub kb: &'a Kb,
}

/// A diagnostic rule with a stable code.
pub trait Rule: Send + Sync {
    fn code(&self) -> &'static str;
    fn default_severity(&self) -> Severity;
    /// One line for documentation and `gazette check --list-rules`.
    fn description(&self) -> &'static str;
    fn check(&self, input: &LintInput<'_>, out: &mut Vec<Finding>);
}

/// Every rule, in reporting order.
pub fn rules() -> &'static [&'static dyn Rule] {
    &[
        &ambiguous::AmbiguousEntity,
        &dates::DateInvalid,
        &dates::WeekdayMismatch,
        &dates::DateAmbiguous,
        &dates::DateUnresolved,
        &dates::DctMissing,
        &people::NameVariant,
        &people::InconsistentName,
        &people::UnknownPerson,
    ]
}

/// Runs every rule; `severity` maps a code to its configured severity, or
/// `None` to switch the rule off.
pub fn run(
    input: &LintInput<'_>,
    severity: &dyn Fn(&dyn Rule) -> Option<Severity>,
) -> Vec<Finding> {
    let mut all = Vec::new();
    for rule in rules() {
        let Some(sev) = severity(*rule) else { continue };
        let mut found = Vec::new();
        rule.check(input, &mut found);
        for mut f in found {
            f.severity = sev;
            all.push(f);
        }
    }
    all.sort_by_key(|f| (f.start, f.end, f.code));
    all
}
