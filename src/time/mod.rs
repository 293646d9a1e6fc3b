//! Document creation time (DCT) and DATE recognition with TIMEX3 values.

pub mod dct;

pub use dct::{Dct, DctSource, detect_dct};

use crate::model::DateValue;

/// A date expression found in the text, with its normalised value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateMention {
    pub start: usize,
    pub end: usize,
    pub value: DateValue,
}

/// Finds DATE expressions and normalises them against `dct`.
pub fn recognize(_text: &str, _dct: Option<&Dct>) -> Vec<DateMention> {
    Vec::new()
}

/// Markdown lines describing a date for hover.
pub fn describe(m: &DateMention, dct: Option<&Dct>) -> String {
    let mut s = format!("**{}**", m.value.value);
    if let Some(end) = &m.value.end_value {
        s.push_str(&format!(" to **{end}**"));
    }
    if let Some(d) = dct {
        s.push_str(&format!(
            "\n\nDocument date: {} ({})",
            d.date,
            d.source.describe()
        ));
    }
    s
}

/// Short resolved value shown after relative and partial dates.
pub fn inlay_label(m: &DateMention) -> Option<String> {
    m.value.relative.then(|| m.value.value.clone())
}
