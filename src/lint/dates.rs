//! Date diagnostics: `date-invalid`, `weekday-mismatch`, `date-ambiguous`,
//! `date-unresolved` and `dct-missing`.

use jiff::civil::Date;

use super::{LintInput, Rule};
use crate::model::{Finding, Fix, Severity, TextEdit};
use crate::time::{self, DateMention};

fn finding(rule: &dyn Rule, start: usize, end: usize, message: String, fixes: Vec<Fix>) -> Finding {
    Finding {
        start,
        end,
        code: rule.code(),
        severity: rule.default_severity(),
        message,
        fixes,
    }
}

fn iso(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

fn long(d: Date) -> String {
    format!(
        "{} {} {}",
        d.day(),
        time::MONTH_NAMES[d.month() as usize - 1],
        d.year()
    )
}

/// `date-invalid`: a calendar date that does not exist.
pub struct DateInvalid;

impl Rule for DateInvalid {
    fn code(&self) -> &'static str {
        "date-invalid"
    }
    fn default_severity(&self) -> Severity {
        Severity::Error
    }
    fn description(&self) -> &'static str {
        "a date that is not on the calendar (30 February, 31 April)"
    }
    fn check(&self, input: &LintInput<'_>, out: &mut Vec<Finding>) {
        for m in input.dates {
            if let Some(why) = &m.invalid {
                let text = &input.text[m.start..m.end];
                out.push(finding(
                    self,
                    m.start,
                    m.end,
                    format!("“{text}” is not a real date: {why}. Check the day and the month against the source."),
                    Vec::new(),
                ));
            }
        }
    }
}

/// `weekday-mismatch`: "Monday, 5 July 2024" when 5 July 2024 was a Friday.
pub struct WeekdayMismatch;

/// Writes `name` in the letter case of `like` ("FRIDAY", "friday", "Friday").
fn same_case(name: &str, like: &str) -> String {
    if like.chars().all(|c| !c.is_lowercase()) {
        name.to_uppercase()
    } else if like.chars().next().is_some_and(|c| c.is_lowercase()) {
        name.to_lowercase()
    } else {
        name.to_string()
    }
}

impl WeekdayMismatch {
    /// An edit moving the date part of `m` to `to`.
    fn date_edit(text: &str, m: &DateMention, from: Date, to: Date) -> Option<TextEdit> {
        let wd = m.weekday?;
        let mut ds = wd.end;
        let rest = &text[ds..m.end];
        let skip = rest.len() - rest.trim_start_matches([',', ' ', '\u{a0}']).len();
        ds += skip;
        let part = &text[ds..m.end];
        if part.is_empty() {
            return None;
        }
        if from.year() == to.year() && from.month() == to.month() {
            // replace just the day number: the first 1-2 digit run equal to it
            let b = part.as_bytes();
            let mut i = 0;
            while i < b.len() {
                if b[i].is_ascii_digit() {
                    let s = i;
                    while i < b.len() && b[i].is_ascii_digit() {
                        i += 1;
                    }
                    if part[s..i].parse::<i8>().ok() == Some(from.day()) && i - s <= 2 {
                        let new = if i - s == 2 {
                            format!("{:02}", to.day())
                        } else {
                            to.day().to_string()
                        };
                        return Some(TextEdit {
                            start: ds + s,
                            end: ds + i,
                            new_text: new,
                        });
                    }
                } else {
                    i += 1;
                }
            }
        }
        let new_text = if part.starts_with(|c: char| c.is_ascii_digit()) {
            if part.chars().any(|c| c.is_alphabetic()) {
                long(to)
            } else {
                iso(to)
            }
        } else {
            format!(
                "{} {}, {}",
                time::MONTH_NAMES[to.month() as usize - 1],
                to.day(),
                to.year()
            )
        };
        Some(TextEdit {
            start: ds,
            end: m.end,
            new_text,
        })
    }
}

impl Rule for WeekdayMismatch {
    fn code(&self) -> &'static str {
        "weekday-mismatch"
    }
    fn default_severity(&self) -> Severity {
        Severity::Warning
    }
    fn description(&self) -> &'static str {
        "a weekday written with a date that falls on another day of the week"
    }
    fn check(&self, input: &LintInput<'_>, out: &mut Vec<Finding>) {
        for m in input.dates {
            let (Some(wd), Some(day)) = (m.weekday, m.day) else {
                continue;
            };
            let actual = day.weekday();
            if actual == wd.weekday {
                continue;
            }
            let written = &input.text[wd.start..wd.end];
            let right = time::weekday_name(actual);
            let mut fixes = vec![Fix {
                title: format!("Change the weekday to {right}"),
                edits: vec![TextEdit {
                    start: wd.start,
                    end: wd.end,
                    new_text: same_case(right, written),
                }],
            }];
            // the nearest day with the written weekday, up to three days away
            let ahead = actual.until(wd.weekday) as i64;
            let off = if ahead <= 3 { ahead } else { ahead - 7 };
            if let Ok(near) = day.checked_add(jiff::Span::new().days(off))
                && let Some(edit) = Self::date_edit(input.text, m, day, near)
            {
                fixes.push(Fix {
                    title: format!(
                        "Change the date to {} (the nearest {})",
                        time::day_in_words(near),
                        time::weekday_name(wd.weekday)
                    ),
                    edits: vec![edit],
                });
            }
            out.push(finding(
                self,
                m.start,
                m.end,
                format!(
                    "{} was a {right}, not a {}: correct the weekday or the date.",
                    long(day),
                    time::weekday_name(wd.weekday)
                ),
                fixes,
            ));
        }
    }
}

/// `date-ambiguous`: a numeric date whose day/month order is unclear.
pub struct DateAmbiguous;

impl Rule for DateAmbiguous {
    fn code(&self) -> &'static str {
        "date-ambiguous"
    }
    fn default_severity(&self) -> Severity {
        Severity::Warning
    }
    fn description(&self) -> &'static str {
        "a numeric date like 05/06/2024 that reads both as day/month and month/day"
    }
    fn check(&self, input: &LintInput<'_>, out: &mut Vec<Finding>) {
        for m in input.dates {
            let Some(o) = &m.order else { continue };
            if o.settled {
                continue; // the article's other numeric dates show the order
            }
            let read: Option<Date> = m.value.value.parse().ok();
            let other: Option<Date> = o.other.parse().ok();
            let (Some(read), Some(other)) = (read, other) else {
                continue;
            };
            let text = &input.text[m.start..m.end];
            let fixes = [read, other]
                .iter()
                .map(|d| Fix {
                    title: format!("Write it as {} ({})", iso(*d), long(*d)),
                    edits: vec![TextEdit {
                        start: m.start,
                        end: m.end,
                        new_text: iso(*d),
                    }],
                })
                .collect();
            out.push(finding(
                self,
                m.start,
                m.end,
                format!(
                    "“{text}” can be {} or {}; it was read as {} ({}). No other date in the article settles the order: write it as YYYY-MM-DD or with the month in words.",
                    long(read),
                    long(other),
                    long(read),
                    if o.day_first { "day/month" } else { "month/day" }
                ),
                fixes,
            ));
        }
    }
}

/// The fix that gives the article a document date: front matter at the top,
/// dated with the latest day the article spells out, if any.
fn front_matter_fix(input: &LintInput<'_>) -> Fix {
    document_date_fix(input.text, latest_written_day(input.dates))
}

/// The latest calendar day `dates` spell out (what the document-date fix
/// proposes).
pub fn latest_written_day(dates: &[DateMention]) -> Option<Date> {
    dates
        .iter()
        .filter(|m| !m.value.relative && m.invalid.is_none())
        .filter_map(|m| m.day)
        .max()
}

/// The fix of `date-unresolved` and `dct-missing` for a document that
/// begins with `text` (only its first bytes are read), dated `latest`.
pub fn document_date_fix(text: &str, latest: Option<Date>) -> Fix {
    let date = latest.map(iso).unwrap_or_default();
    let title = match latest {
        Some(d) => format!(
            "Add a document date: {} (the latest date the article writes out)",
            iso(d)
        ),
        None => "Add a document date (fill in YYYY-MM-DD)".to_string(),
    };
    let open = ["---\n", "---\r\n"]
        .into_iter()
        .find(|p| text.starts_with(p));
    let edit = if let Some(open) = open {
        // front matter without a date: add the key
        let nl = &open[3..];
        TextEdit {
            start: open.len(),
            end: open.len(),
            new_text: format!("date: {date}{nl}"),
        }
    } else {
        TextEdit {
            start: 0,
            end: 0,
            new_text: format!("---\ndate: {date}\n---\n"),
        }
    };
    Fix {
        title,
        edits: vec![edit],
    }
}

/// A relative date that `dct` cannot resolve (counted by `dct-missing`).
pub fn is_unresolved(m: &DateMention, dct: Option<&time::Dct>) -> bool {
    dct.is_none() && m.value.relative
}

/// The message of `dct-missing` for `n` unresolved dates.
pub fn dct_missing_message(n: usize) -> String {
    format!(
        "No document date found, so {n} relative date{} cannot be resolved. Add front matter (`---` / `date: YYYY-MM-DD` / `---`) at the top, give the article a dateline, or set the date in the editor or with --document-date.",
        if n == 1 { "" } else { "s" }
    )
}

fn unresolved<'a>(input: &'a LintInput<'a>) -> impl Iterator<Item = &'a DateMention> {
    input
        .dates
        .iter()
        .filter(move |m| is_unresolved(m, input.dct))
}

/// `date-unresolved`: a relative date with no document date to resolve it.
pub struct DateUnresolved;

impl Rule for DateUnresolved {
    fn code(&self) -> &'static str {
        "date-unresolved"
    }
    fn default_severity(&self) -> Severity {
        Severity::Information
    }
    fn description(&self) -> &'static str {
        "a relative or partial date that cannot be resolved without a document date"
    }
    fn check(&self, input: &LintInput<'_>, out: &mut Vec<Finding>) {
        let mut fix = None;
        for m in unresolved(input) {
            let fix = fix.get_or_insert_with(|| front_matter_fix(input)).clone();
            let text = &input.text[m.start..m.end];
            out.push(finding(
                self,
                m.start,
                m.end,
                format!(
                    "“{text}” depends on the article's date, which is unknown, so it stays {}. Add a front-matter `date:`, or set the document date in the editor or with --document-date.",
                    m.value.value
                ),
                vec![fix],
            ));
        }
    }
}

/// `dct-missing`: relative dates exist and no document date was found.
pub struct DctMissing;

impl Rule for DctMissing {
    fn code(&self) -> &'static str {
        "dct-missing"
    }
    fn default_severity(&self) -> Severity {
        Severity::Warning
    }
    fn description(&self) -> &'static str {
        "the article has relative dates but no document date (front matter, dateline or setting)"
    }
    fn check(&self, input: &LintInput<'_>, out: &mut Vec<Finding>) {
        let mut it = unresolved(input);
        let Some(first) = it.next() else { return };
        let n = 1 + it.count();
        out.push(finding(
            self,
            first.start,
            first.end,
            dct_missing_message(n),
            vec![front_matter_fix(input)],
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{Finding, TextEdit};
    use crate::{Context, analyze};

    fn findings(text: &str, code: &str) -> Vec<Finding> {
        analyze(text, &Context::default())
            .findings
            .into_iter()
            .filter(|f| f.code == code)
            .collect()
    }

    fn apply(text: &str, edits: &[TextEdit]) -> String {
        let mut s = text.to_string();
        let mut edits = edits.to_vec();
        edits.sort_by_key(|e| std::cmp::Reverse(e.start));
        for e in edits {
            s.replace_range(e.start..e.end, &e.new_text);
        }
        s
    }

    #[test]
    fn invalid_dates() {
        let t = "---\ndate: 2024-05-01\n---\nTalks on 30 February 2024 and April 31 and 29 February 2023, not 29 February 2024.";
        let f = findings(t, "date-invalid");
        let spans: Vec<&str> = f.iter().map(|f| &t[f.start..f.end]).collect();
        assert_eq!(spans, ["30 February 2024", "April 31", "29 February 2023"]);
        assert!(f[0].message.contains("29 days"), "{}", f[0].message);
        assert_eq!(f[0].severity, crate::model::Severity::Error);
    }

    #[test]
    fn weekday_mismatch_and_its_fixes() {
        let t = "The vote on Monday, 5 July 2024 was close.";
        let f = findings(t, "weekday-mismatch");
        assert_eq!(f.len(), 1);
        assert!(f[0].message.contains("Friday"), "{}", f[0].message);
        assert_eq!(f[0].fixes.len(), 2);
        let fixed_weekday = apply(t, &f[0].fixes[0].edits);
        assert_eq!(fixed_weekday, "The vote on Friday, 5 July 2024 was close.");
        let fixed_date = apply(t, &f[0].fixes[1].edits);
        assert_eq!(fixed_date, "The vote on Monday, 8 July 2024 was close.");
        for fixed in [fixed_weekday, fixed_date] {
            assert!(findings(&fixed, "weekday-mismatch").is_empty(), "{fixed}");
        }
        assert!(findings("on Friday, July 5, 2024", "weekday-mismatch").is_empty());
        // across a month end, the whole date is rewritten
        assert!(findings("Sunday, 30 June 2024", "weekday-mismatch").is_empty());
        let t = "Monday, 30 June 2024";
        let f = findings(t, "weekday-mismatch");
        assert_eq!(apply(t, &f[0].fixes[1].edits), "Monday, 1 July 2024");
    }

    #[test]
    fn ambiguous_numeric_dates() {
        let f = findings("Signed 05/06/2024 in Astana.", "date-ambiguous");
        assert_eq!(f.len(), 1);
        assert!(f[0].message.contains("6 May 2024"), "{}", f[0].message);
        assert!(f[0].message.contains("5 June 2024"), "{}", f[0].message);
        assert_ne!(
            f[0].fixes[0].edits[0].new_text,
            f[0].fixes[1].edits[0].new_text
        );
        assert_eq!(f[0].fixes.len(), 2);
        // another date in the article proves DD/MM
        assert!(findings("Signed 05/06/2024, ratified 25/06/2024.", "date-ambiguous").is_empty());
        assert!(findings("Signed 25/06/2024.", "date-ambiguous").is_empty());
    }

    #[test]
    fn unresolved_dates_and_missing_dct() {
        let t = "Talks resumed last June and again yesterday, after the 3 March 2021 accord.";
        let f = findings(t, "date-unresolved");
        assert_eq!(f.len(), 2);
        let fix = &f[0].fixes[0];
        assert!(fix.title.contains("2021-03-03"), "{}", fix.title);
        let fixed = apply(t, &fix.edits);
        assert!(fixed.starts_with("---\ndate: 2021-03-03\n---\n"));
        assert!(findings(&fixed, "date-unresolved").is_empty());
        let m = findings(t, "dct-missing");
        assert_eq!(m.len(), 1);
        assert_eq!(&t[m[0].start..m[0].end], "last June");
        assert!(m[0].message.contains("2 relative dates"));
        assert!(findings("In 2021 and 2022.", "dct-missing").is_empty());
        let fixed = apply(
            "Yesterday.",
            &findings("Yesterday.", "dct-missing")[0].fixes[0].edits,
        );
        assert_eq!(fixed, "---\ndate: \n---\nYesterday.");
        let t = "---\r\ntitle: x\r\n---\r\nYesterday.";
        let fixed = apply(t, &findings(t, "dct-missing")[0].fixes[0].edits);
        assert_eq!(fixed, "---\r\ndate: \r\ntitle: x\r\n---\r\nYesterday.");
    }

    proptest::proptest! {
        /// Any mix of date-like text: no panic, and every fix edits inside the
        /// text on character boundaries.
        #[test]
        fn fixes_stay_inside_the_text(
            parts in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::strategy::Just("Monday, 5 July 2024"),
                    proptest::strategy::Just("Sunday, 30 June 2024"),
                    proptest::strategy::Just("Friday, 1 March 2024"),
                    proptest::strategy::Just("Tuesday, 05/06/2024"),
                    proptest::strategy::Just("31 April 2024"),
                    proptest::strategy::Just("29 February 2023"),
                    proptest::strategy::Just("05/06/2024"),
                    proptest::strategy::Just("last June"),
                    proptest::strategy::Just("yesterday"),
                    proptest::strategy::Just("---\n"),
                    proptest::strategy::Just("é\u{a0}"),
                    proptest::strategy::Just(" and "),
                    proptest::strategy::Just("\r\n"),
                ],
                0..12,
            ),
        ) {
            let text: String = parts.concat();
            let a = analyze(&text, &Context::default());
            for f in &a.findings {
                proptest::prop_assert!(f.start <= f.end && f.end <= text.len());
                for fix in &f.fixes {
                    for e in &fix.edits {
                        proptest::prop_assert!(e.start <= e.end && e.end <= text.len());
                        proptest::prop_assert!(text.is_char_boundary(e.start) && text.is_char_boundary(e.end));
                    }
                    let _ = apply(&text, &fix.edits);
                }
            }
        }
    }
}
