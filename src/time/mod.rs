//! Document creation time (DCT) and DATE recognition with TIMEX3 values.
//!
//! Recognition is one Aho-Corasick pass over trigger words (months, weekdays,
//! seasons, calendar units, "today"...) and digits, read from
//! `data/time/lexicon.tsv`, followed by a small token parser around each
//! trigger (`scan.rs`). Calendar arithmetic is jiff's.

pub mod dct;
mod lexicon;
mod scan;

pub use dct::{Dct, DctSource, detect_dct};

use jiff::civil::{Date, Weekday};

use crate::model::DateValue;

/// A weekday written next to a full date ("Monday, 5 July 2024").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WrittenWeekday {
    pub start: usize,
    pub end: usize,
    pub weekday: Weekday,
}

/// How a numeric date like 05/06/2024 was read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NumericOrder {
    /// Read as day/month (true) or month/day (false).
    pub day_first: bool,
    /// The article's other numeric dates settled the order.
    pub settled: bool,
    /// The value under the other reading.
    pub other: String,
}

/// A date expression found in the text, with its normalised value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateMention {
    pub start: usize,
    pub end: usize,
    pub value: DateValue,
    /// The weekday written with the date, if any.
    pub weekday: Option<WrittenWeekday>,
    /// The calendar day, for values with day precision.
    pub day: Option<Date>,
    /// Why the written date cannot exist ("31 April").
    pub invalid: Option<String>,
    /// Set for numeric dates whose day/month order is not self-evident.
    pub order: Option<NumericOrder>,
    /// Counted from an earlier date of the article ("a year earlier", "the
    /// following year", "the quarter") rather than from the document date.
    pub anchored: bool,
}

/// Finds DATE expressions and normalises them against `dct`.
pub fn recognize(text: &str, dct: Option<&Dct>) -> Vec<DateMention> {
    scan::recognize(text, dct.map(|d| d.date))
}

pub(crate) const MONTH_NAMES: [&str; 12] = scan::MONTH_NAMES;

/// "Thursday, 3 July 2024".
pub fn day_in_words(d: Date) -> String {
    format!(
        "{}, {} {} {}",
        weekday_name(d.weekday()),
        d.day(),
        MONTH_NAMES[d.month() as usize - 1],
        d.year()
    )
}

pub fn weekday_name(w: Weekday) -> &'static str {
    match w {
        Weekday::Monday => "Monday",
        Weekday::Tuesday => "Tuesday",
        Weekday::Wednesday => "Wednesday",
        Weekday::Thursday => "Thursday",
        Weekday::Friday => "Friday",
        Weekday::Saturday => "Saturday",
        Weekday::Sunday => "Sunday",
    }
}

/// A TIMEX3 value in words: "Thursday, 3 July 2024", "June 2017",
/// "ISO week 35 of 2021 (30 August – 5 September)", "the 1990s".
pub fn value_in_words(value: &str) -> Option<String> {
    if value.contains('X') {
        return None;
    }
    if let Ok(d) = value.parse::<Date>() {
        return Some(day_in_words(d));
    }
    let parts: Vec<&str> = value.split('-').collect();
    let year: i16 = parts.first()?.parse().ok()?;
    match parts.as_slice() {
        [y] if y.len() == 4 => Some(format!("the year {year}")),
        [y] if y.len() == 3 => Some(format!("the {}0s", y)),
        [y] if y.len() == 2 => Some(format!("the {}th century", year + 1)),
        [_, m] if m.starts_with('W') => {
            let w: i8 = m[1..].parse().ok()?;
            let start = jiff::civil::ISOWeekDate::new(year, w, Weekday::Monday).ok()?;
            let end = jiff::civil::ISOWeekDate::new(year, w, Weekday::Sunday).ok()?;
            Some(format!(
                "ISO week {w} of {year} ({} – {})",
                short_day(start.date()),
                short_day(end.date())
            ))
        }
        [_, m, we] if m.starts_with('W') && *we == "WE" => {
            let w: i8 = m[1..].parse().ok()?;
            let sat = jiff::civil::ISOWeekDate::new(year, w, Weekday::Saturday).ok()?;
            let sun = jiff::civil::ISOWeekDate::new(year, w, Weekday::Sunday).ok()?;
            Some(format!(
                "the weekend of {} – {}",
                short_day(sat.date()),
                short_day(sun.date())
            ))
        }
        [_, q] if q.starts_with('Q') => Some(format!("quarter {} of {year}", &q[1..])),
        [_, h] if h.starts_with('H') => Some(format!("half {} of {year}", &h[1..])),
        [_, s @ ("SP" | "SU" | "FA" | "WI")] => Some(format!(
            "{} {year}",
            match *s {
                "SP" => "spring",
                "SU" => "summer",
                "FA" => "autumn",
                _ => "winter",
            }
        )),
        [_, m] => {
            let m: usize = m.parse().ok()?;
            Some(format!("{} {year}", MONTH_NAMES.get(m.checked_sub(1)?)?))
        }
        _ => None,
    }
}

fn short_day(d: Date) -> String {
    format!(
        "{} {} {}",
        d.day(),
        &MONTH_NAMES[d.month() as usize - 1][..3],
        d.year()
    )
}

fn modifier_in_words(m: &str) -> &'static str {
    match m {
        "START" => "the start of ",
        "MID" => "the middle of ",
        "END" => "the end of ",
        "BEFORE" => "before ",
        "AFTER" => "after ",
        _ => "",
    }
}

/// Markdown lines describing a date for hover.
pub fn describe(m: &DateMention, dct: Option<&Dct>) -> String {
    let v = &m.value;
    let mut s = format!("`{}`", v.value);
    if let Some(end) = &v.end_value {
        s.push_str(&format!(" to `{end}`"));
    }
    if let Some(md) = &v.modifier {
        s.push_str(&format!(" (mod `{md}`)"));
    }
    let words = |x: &str| value_in_words(x);
    match (words(&v.value), v.end_value.as_deref().and_then(words)) {
        (Some(a), Some(b)) => s.push_str(&format!("\n\nFrom {a} to {b}")),
        (Some(a), None) => {
            let pre = v.modifier.as_deref().map(modifier_in_words).unwrap_or("");
            let mut a = a;
            if !pre.is_empty() {
                a = format!("{pre}{a}");
            }
            let mut chars = a.chars();
            let cap: String = chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect())
                .unwrap_or_default();
            s.push_str(&format!("\n\n{cap}"));
        }
        _ => {}
    }
    if let (Some(w), Some(d)) = (m.weekday, m.day)
        && w.weekday != d.weekday()
    {
        s.push_str(&format!(
            "\n\nWritten with {}, but that day is a {}.",
            weekday_name(w.weekday),
            weekday_name(d.weekday())
        ));
    }
    if let Some(why) = &m.invalid {
        s.push_str(&format!("\n\nThis date does not exist: {why}."));
    }
    if let Some(o) = &m.order {
        s.push_str(&format!(
            "\n\nRead as {}; the other reading would be `{}`{}.",
            if o.day_first {
                "day/month"
            } else {
                "month/day"
            },
            o.other,
            if o.settled {
                " (the article's other numeric dates show its order)"
            } else {
                ""
            }
        ));
    }
    if m.anchored {
        s.push_str(
            "\n\nCounted from the date the article gave before it (or the document date when it gave none).",
        );
    }
    if v.relative {
        match dct {
            Some(d) => s.push_str(&format!(
                "\n\nResolved against the document date {} ({}).",
                day_in_words(d.date),
                d.source.describe()
            )),
            None => s.push_str(
                "\n\nUnresolved: this date depends on the document date, and none was found. \
                 Add front matter (`---` / `date: YYYY-MM-DD` / `---`) at the top of the file, \
                 set `gazette.documentDate`, or pass `--document-date`.",
            ),
        }
    } else if let Some(d) = dct {
        s.push_str(&format!(
            "\n\nDocument date: {} ({}).",
            day_in_words(d.date),
            d.source.describe()
        ));
    }
    s
}

/// The short resolved value shown after relative and partial dates; None for
/// dates the text spells out in full ("16 October 2025").
pub fn inlay_label(m: &DateMention) -> Option<String> {
    if !m.value.relative {
        return None;
    }
    let mut s = m.value.value.clone();
    if let Some(end) = &m.value.end_value {
        s.push_str("..");
        s.push_str(end);
    }
    if let Some(md) = &m.value.modifier {
        s.push_str(&format!(" {md}"));
    }
    Some(s)
}

#[cfg(test)]
mod tests;
