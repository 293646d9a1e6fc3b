//! Plain data the analysis produces. Offsets are byte offsets into the
//! analysed text; edges convert them to LSP positions or code points.

use std::fmt;

/// The entity labels fixed by the contract.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Label {
    Person,
    Country,
    Demonym,
    Date,
}

impl Label {
    pub const ALL: [Label; 4] = [Label::Person, Label::Country, Label::Demonym, Label::Date];

    pub fn as_str(self) -> &'static str {
        match self {
            Label::Person => "PERSON",
            Label::Country => "COUNTRY",
            Label::Demonym => "DEMONYM",
            Label::Date => "DATE",
        }
    }

    pub fn parse(s: &str) -> Option<Label> {
        Label::ALL
            .into_iter()
            .find(|l| l.as_str().eq_ignore_ascii_case(s.trim()))
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// TIMEX3 attributes of a DATE entity.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct DateValue {
    pub value: String,
    pub end_value: Option<String>,
    /// `START`, `MID`, `END`, `BEFORE`, `AFTER`…
    pub modifier: Option<String>,
    /// True when the value depends on the document creation time.
    pub relative: bool,
}

/// One recognised, linked mention.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entity {
    pub start: usize,
    pub end: usize,
    pub label: Label,
    /// Stable id shared by every mention of the same entity (`country:ru`,
    /// `person:sergey-lavrov`). Dates have none.
    pub id: Option<String>,
    pub canonical: Option<String>,
    pub date: Option<DateValue>,
}

impl Entity {
    pub fn span(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
    Information,
    Hint,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Information => "info",
            Severity::Hint => "hint",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        match s.trim().to_ascii_lowercase().as_str() {
            "error" => Some(Severity::Error),
            "warning" | "warn" => Some(Severity::Warning),
            "info" | "information" => Some(Severity::Information),
            "hint" => Some(Severity::Hint),
            _ => None,
        }
    }
}

/// A replacement of `start..end` (bytes) by `new_text`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextEdit {
    pub start: usize,
    pub end: usize,
    pub new_text: String,
}

/// A quick fix offered with a finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    pub title: String,
    pub edits: Vec<TextEdit>,
}

/// A diagnostic produced by one lint rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub start: usize,
    pub end: usize,
    /// Stable code, e.g. `ambiguous-entity`.
    pub code: &'static str,
    pub severity: Severity,
    pub message: String,
    pub fixes: Vec<Fix>,
}
