//! Reading the tab-separated knowledge files, with errors that name the
//! file and line.

use std::fmt;

/// A problem in a knowledge-base file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KbError {
    pub file: String,
    /// One-based line number.
    pub line: usize,
    /// One-based column where known.
    pub column: Option<usize>,
    pub message: String,
}

impl fmt::Display for KbError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.column {
            Some(c) => write!(
                f,
                "{}: line {}, column {}: {}",
                self.file, self.line, c, self.message
            ),
            None => write!(f, "{}: line {}: {}", self.file, self.line, self.message),
        }
    }
}

impl std::error::Error for KbError {}

/// One data row: its one-based line number and its fields.
pub struct Row<'a> {
    pub line: usize,
    pub fields: Vec<&'a str>,
}

/// Rows of a TSV text, skipping blank lines and `#` comments. Each row must
/// have at least `min_fields` fields. Lazy: a table of tens of thousands
/// of rows never holds all their field lists at once.
pub fn rows<'a>(
    file: &'a str,
    text: &'a str,
    min_fields: usize,
) -> impl Iterator<Item = Result<Row<'a>, KbError>> + 'a {
    text.lines().enumerate().filter_map(move |(i, raw)| {
        let line = raw.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            return None;
        }
        let fields: Vec<&str> = line.split('\t').map(str::trim).collect();
        if fields.len() < min_fields {
            return Some(Err(KbError {
                file: file.to_string(),
                line: i + 1,
                column: None,
                message: format!(
                    "expected at least {min_fields} tab-separated fields, found {}",
                    fields.len()
                ),
            }));
        }
        Some(Ok(Row {
            line: i + 1,
            fields,
        }))
    })
}

/// Splits a `|`-separated list, dropping empty items.
pub fn list(field: &str) -> impl Iterator<Item = &str> {
    field.split('|').map(str::trim).filter(|s| !s.is_empty())
}
