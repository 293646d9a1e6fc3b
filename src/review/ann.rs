//! brat standoff (`.ann`) files: a parser and writer that round-trip.
//!
//! Every line keeps its original text and line break; only lines an
//! operation changes are re-rendered. Line types gazette does not use
//! (relations `R`, events `E`, equivalences `*`, modifiers `M`, comments,
//! blank lines, unknown prefixes) are kept verbatim as [`LineKind::Other`].
//!
//! Offsets in a `.ann` are code points of the LF-normalised article text
//! (see [`super::OffsetMap`]); this module stores them as read and never
//! converts.
//!
//! Grammar (as brat's own `annotation.py` reads it):
//! ```text
//! T<n>\t<label> <start> <end>[;<start> <end>]...\t<text>
//! A<n>\t<name> <target>[ <value>]          (also M<n>)
//! N<n>\t<type> <target> <db>:<db-id>\t<text>
//! #<n>\t<type> <target>\t<text>            (AnnotatorNotes)
//! ```
//! The text of a discontinuous `T` is its fragments joined by one space.

use crate::model::{Finding, Severity};
use std::collections::HashMap;
use std::fmt;

/// One parsed `.ann` document. Only [`parse`] makes one, so a document
/// that failed to parse can never be edited or written back.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct AnnDoc {
    /// A UTF-8 byte-order mark before the first line, kept on writing.
    bom: bool,
    lines: Vec<Line>,
}

/// One line as read: its exact text, its line break, and what it means.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    /// The text without its line break, byte for byte as read.
    pub raw: String,
    /// `"\n"`, `"\r\n"`, `"\r"`, or `""` for a last line with no break.
    pub ending: &'static str,
    pub kind: LineKind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LineKind {
    TextBound(TextBound),
    /// `A` (and old-style `M`) lines, gazette's `Status` and any other.
    Attribute(Attribute),
    Normalization(Normalization),
    /// `#` lines of the form `#<n>\t<type> <target>\t<text>`.
    Note(Note),
    /// Anything else, kept verbatim: its id (when it has one) and the ids it
    /// refers to (relation/event arguments, equivalence members).
    Other {
        id: Option<String>,
        refs: Vec<String>,
    },
}

/// A `T` line. `fragments` are code-point offsets, in the order written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextBound {
    pub id: String,
    pub label: String,
    pub fragments: Vec<(usize, usize)>,
    /// Everything after the second tab (brat allows whitespace and more
    /// text after the span text).
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attribute {
    pub id: String,
    pub name: String,
    pub target: String,
    /// `None` for binary attributes (`A1\tNegated T3`).
    pub value: Option<String>,
}

/// `N1\tReference T1 Wikidata:Q184950\tSergey Lavrov`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Normalization {
    pub id: String,
    /// Usually `Reference`.
    pub kind: String,
    pub target: String,
    /// `Wikidata:Q184950`, `gazette:person:sergey-lavrov`: database name,
    /// a colon, then the id (which may itself contain colons).
    pub reference: String,
    /// The referent's name (after the second tab); may be empty.
    pub text: String,
}

/// `#1\tAnnotatorNotes T1\tnote text`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    pub id: String,
    pub kind: String,
    pub target: String,
    pub text: String,
}

impl TextBound {
    pub fn render(&self) -> String {
        let frags: Vec<String> = self
            .fragments
            .iter()
            .map(|(s, e)| format!("{s} {e}"))
            .collect();
        format!(
            "{}\t{} {}\t{}",
            self.id,
            self.label,
            frags.join(";"),
            self.text
        )
    }
    /// Smallest start and largest end over the fragments.
    pub fn envelope(&self) -> (usize, usize) {
        let s = self.fragments.iter().map(|f| f.0).min().unwrap_or(0);
        let e = self.fragments.iter().map(|f| f.1).max().unwrap_or(0);
        (s, e)
    }
}

impl Attribute {
    pub fn render(&self) -> String {
        match &self.value {
            Some(v) => format!("{}\t{} {} {v}", self.id, self.name, self.target),
            None => format!("{}\t{} {}", self.id, self.name, self.target),
        }
    }
}

impl Normalization {
    pub fn render(&self) -> String {
        format!(
            "{}\t{} {} {}\t{}",
            self.id, self.kind, self.target, self.reference, self.text
        )
    }
}

impl Note {
    pub fn render(&self) -> String {
        format!("{}\t{} {}\t{}", self.id, self.kind, self.target, self.text)
    }
}

impl LineKind {
    /// The line's id (`T3`, `A1`, `#2`…), if it has one.
    pub fn id(&self) -> Option<&str> {
        match self {
            LineKind::TextBound(t) => Some(&t.id),
            LineKind::Attribute(a) => Some(&a.id),
            LineKind::Normalization(n) => Some(&n.id),
            LineKind::Note(n) => Some(&n.id),
            LineKind::Other { id, .. } => id.as_deref(),
        }
    }

    /// Ids this line refers to.
    pub fn refs(&self) -> Vec<&str> {
        match self {
            LineKind::TextBound(_) => vec![],
            LineKind::Attribute(a) => vec![&a.target],
            LineKind::Normalization(n) => vec![&n.target],
            LineKind::Note(n) => vec![&n.target],
            LineKind::Other { refs, .. } => refs.iter().map(String::as_str).collect(),
        }
    }

    /// The text this kind renders to (`Other` has none: it is never
    /// re-rendered).
    fn render(&self) -> Option<String> {
        match self {
            LineKind::TextBound(t) => Some(t.render()),
            LineKind::Attribute(a) => Some(a.render()),
            LineKind::Normalization(n) => Some(n.render()),
            LineKind::Note(n) => Some(n.render()),
            LineKind::Other { .. } => None,
        }
    }
}

/// Why a `.ann` could not be read: 1-based line and column (in code
/// points), what was expected there and what was found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    pub line: usize,
    pub column: usize,
    pub expected: String,
    pub found: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "line {}, column {}: expected {}, found {}",
            self.line, self.column, self.expected, self.found
        )
    }
}

/// Every line that failed to parse (at least one).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseErrors(pub Vec<ParseError>);

impl fmt::Display for ParseErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0.as_slice() {
            [] => f.write_str("invalid .ann"),
            [one] => write!(f, "{one}"),
            [first, rest @ ..] => write!(f, "{first} (and {} more errors)", rest.len()),
        }
    }
}

impl std::error::Error for ParseErrors {}

const T_FORM: &str = "`T<n>\\t<label> <start> <end>\\t<text>`";
const A_FORM: &str = "`A<n>\\t<name> <target>[ <value>]`";
const N_FORM: &str = "`N<n>\\t<type> <target> <db>:<id>\\t<text>`";

/// Splits into lines, keeping each line's break (LF, CRLF or lone CR, as
/// brat's universal newlines read them).
fn split_lines(input: &str) -> Vec<(&str, &'static str)> {
    let mut out = Vec::new();
    let b = input.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\n' => {
                out.push((&input[start..i], "\n"));
                i += 1;
                start = i;
            }
            b'\r' => {
                if b.get(i + 1) == Some(&b'\n') {
                    out.push((&input[start..i], "\r\n"));
                    i += 2;
                } else {
                    out.push((&input[start..i], "\r"));
                    i += 1;
                }
                start = i;
            }
            _ => i += 1,
        }
    }
    if start < b.len() {
        out.push((&input[start..], ""));
    }
    out
}

/// `(prefix, number)` of a brat id such as `T12` or `#3`; brat also
/// allows a free tail after the number (`T12a`).
pub fn split_id(id: &str) -> Option<(&str, u64)> {
    let p = id.find(|c: char| c.is_ascii_digit())?;
    if p == 0 {
        return None;
    }
    let digits: String = id[p..].chars().take_while(char::is_ascii_digit).collect();
    Some((&id[..p], digits.parse().ok()?))
}

fn col(raw: &str, byte: usize) -> usize {
    raw[..byte.min(raw.len())].chars().count() + 1
}

fn found(s: &str) -> String {
    let s: String = s.chars().take(40).collect();
    if s.is_empty() {
        "the end of the line".into()
    } else {
        format!("`{}`", s.replace('\t', "\\t"))
    }
}

/// Parses a whole `.ann`. `parse(s)?.to_string() == s` for every `s` it
/// accepts.
pub fn parse(input: &str) -> Result<AnnDoc, ParseErrors> {
    let (bom, input) = match input.strip_prefix('\u{feff}') {
        Some(rest) => (true, rest),
        None => (false, input),
    };
    let mut lines = Vec::new();
    let mut errors = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (n, (raw, ending)) in split_lines(input).into_iter().enumerate() {
        let err = |column: usize, expected: &str, what: &str| ParseError {
            line: n + 1,
            column,
            expected: expected.to_string(),
            found: found(what),
        };
        match parse_line(raw, &err) {
            Ok(kind) => {
                if let Some(id) = kind.id() {
                    if let Some(prev) = seen.get(id) {
                        errors.push(ParseError {
                            line: n + 1,
                            column: 1,
                            expected: format!("a new id (`{id}` is already used on line {prev})"),
                            found: found(id),
                        });
                    } else {
                        seen.insert(id.to_string(), n + 1);
                    }
                }
                lines.push(Line {
                    raw: raw.to_string(),
                    ending,
                    kind,
                });
            }
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() {
        Ok(AnnDoc { bom, lines })
    } else {
        Err(ParseErrors(errors))
    }
}

fn parse_line(
    raw: &str,
    err: &dyn Fn(usize, &str, &str) -> ParseError,
) -> Result<LineKind, ParseError> {
    let other = |id: Option<&str>, refs: Vec<String>| LineKind::Other {
        id: id.map(str::to_string),
        refs,
    };
    if raw.trim().is_empty() {
        return Ok(other(None, vec![]));
    }
    let Some(tab) = raw.find('\t') else {
        if raw.starts_with('#') {
            return Ok(other(None, vec![])); // a free comment
        }
        return Err(err(
            col(raw, raw.find(' ').unwrap_or(raw.len())),
            "an id such as `T1` followed by a tab",
            raw,
        ));
    };
    let id = &raw[..tab];
    let rest = &raw[tab + 1..];
    if id == "*" {
        // `*\tEquiv T1 T2 T3`
        let refs = rest
            .split_whitespace()
            .skip(1)
            .map(str::to_string)
            .collect();
        return Ok(other(None, refs));
    }
    let Some((prefix, _)) = split_id(id) else {
        if raw.starts_with('#') {
            return Ok(other(None, vec![]));
        }
        return Err(err(1, "an id such as `T1`, `A1`, `N1` or `#1`", id));
    };
    let data_end = rest.find('\t').unwrap_or(rest.len());
    let data = &rest[..data_end];
    let tail = rest.get(data_end + 1..);
    let data_col = |b: usize| col(raw, tab + 1 + b);
    match prefix.as_bytes()[0] {
        b'T' => {
            let Some(sp) = data.find(' ') else {
                return Err(err(data_col(data.len()), T_FORM, data));
            };
            let label = &data[..sp];
            if label.is_empty() {
                return Err(err(data_col(0), &format!("a label in {T_FORM}"), data));
            }
            let mut fragments = Vec::new();
            let mut off = sp + 1;
            for frag in data[sp + 1..].split(';') {
                let parts: Vec<&str> = frag.splitn(3, ' ').collect();
                let ok = if parts.len() == 2 {
                    let end_str = parts[1].trim_end();
                    match (parts[0].parse::<usize>(), end_str.parse::<usize>()) {
                        (Ok(s), Ok(e)) if s <= e => {
                            fragments.push((s, e));
                            true
                        }
                        _ => false,
                    }
                } else {
                    false
                };
                if !ok {
                    return Err(err(
                        data_col(off),
                        &format!("offsets `<start> <end>` (start <= end) in {T_FORM}"),
                        frag,
                    ));
                }
                off += frag.len() + 1;
            }
            let Some(text) = tail else {
                return Err(err(
                    data_col(data.len()),
                    &format!("a tab and the span's text in {T_FORM}"),
                    "",
                ));
            };
            Ok(LineKind::TextBound(TextBound {
                id: id.to_string(),
                label: label.to_string(),
                fragments,
                text: text.to_string(),
            }))
        }
        b'A' | b'M' => {
            // brat: `(.+?) (.+?) (.+?)$`, or `(.+?) (.+?)$` for binary ones.
            let mut parts = data.splitn(3, ' ');
            let name = parts.next().unwrap_or("");
            let target = parts.next().unwrap_or("");
            let value = parts.next();
            if name.is_empty() || split_id(target).is_none() || value == Some("") {
                return Err(err(data_col(0), A_FORM, data));
            }
            Ok(LineKind::Attribute(Attribute {
                id: id.to_string(),
                name: name.to_string(),
                target: target.to_string(),
                value: value.map(str::to_string),
            }))
        }
        b'N' => {
            // brat: `(\S+) (\S+) (\S+?):(\S+)`
            let parts: Vec<&str> = data.split(' ').collect();
            let ok = parts.len() == 3
                && parts
                    .iter()
                    .all(|p| !p.is_empty() && !p.contains(char::is_whitespace))
                && parts[2]
                    .find(':')
                    .is_some_and(|c| c > 0 && c + 1 < parts[2].len());
            if !ok {
                return Err(err(data_col(0), N_FORM, data));
            }
            Ok(LineKind::Normalization(Normalization {
                id: id.to_string(),
                kind: parts[0].to_string(),
                target: parts[1].to_string(),
                reference: parts[2].to_string(),
                text: tail.unwrap_or("").to_string(),
            }))
        }
        b'#' => {
            let parts: Vec<&str> = data.split(' ').collect();
            if parts.len() == 2 && parts.iter().all(|p| !p.is_empty()) {
                Ok(LineKind::Note(Note {
                    id: id.to_string(),
                    kind: parts[0].to_string(),
                    target: parts[1].to_string(),
                    text: tail.unwrap_or("").to_string(),
                }))
            } else {
                Ok(other(Some(id), vec![]))
            }
        }
        b'R' | b'E' => {
            // `R1\tType Arg1:T1 Arg2:T2`, `E1\tType:T1 Role:T2`
            let refs = data
                .split_whitespace()
                .filter_map(|a| a.split_once(':').map(|(_, r)| r.to_string()))
                .collect();
            Ok(other(Some(id), refs))
        }
        _ => Ok(other(Some(id), vec![])),
    }
}

impl fmt::Display for AnnDoc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.bom {
            f.write_str("\u{feff}")?;
        }
        for l in &self.lines {
            f.write_str(&l.raw)?;
            f.write_str(l.ending)?;
        }
        Ok(())
    }
}

impl AnnDoc {
    /// An empty document (no sidecar yet).
    pub fn new() -> Self {
        AnnDoc::default()
    }

    pub fn lines(&self) -> &[Line] {
        &self.lines
    }

    pub fn text_bounds(&self) -> impl Iterator<Item = &TextBound> {
        self.lines.iter().filter_map(|l| match &l.kind {
            LineKind::TextBound(t) => Some(t),
            _ => None,
        })
    }

    /// Index of the line with this id.
    pub fn find(&self, id: &str) -> Option<usize> {
        self.lines.iter().position(|l| l.kind.id() == Some(id))
    }

    pub fn text_bound(&self, id: &str) -> Option<&TextBound> {
        self.text_bounds().find(|t| t.id == id)
    }

    /// Lines (indices) whose kind refers to `id`.
    pub fn referring(&self, id: &str) -> Vec<usize> {
        (0..self.lines.len())
            .filter(|&i| self.lines[i].kind.refs().contains(&id))
            .collect()
    }

    /// The first attribute `name` on `target`: (line index, attribute).
    pub fn attribute(&self, target: &str, name: &str) -> Option<(usize, &Attribute)> {
        self.lines
            .iter()
            .enumerate()
            .find_map(|(i, l)| match &l.kind {
                LineKind::Attribute(a) if a.target == target && a.name == name => Some((i, a)),
                _ => None,
            })
    }

    /// The first note of `kind` on `target`.
    pub fn note(&self, target: &str, kind: &str) -> Option<(usize, &Note)> {
        self.lines
            .iter()
            .enumerate()
            .find_map(|(i, l)| match &l.kind {
                LineKind::Note(n) if n.target == target && n.kind == kind => Some((i, n)),
                _ => None,
            })
    }

    /// The first normalization (KB link) on `target`.
    pub fn normalization(&self, target: &str) -> Option<(usize, &Normalization)> {
        self.lines
            .iter()
            .enumerate()
            .find_map(|(i, l)| match &l.kind {
                LineKind::Normalization(n) if n.target == target => Some((i, n)),
                _ => None,
            })
    }

    /// A fresh id with `prefix` (`T`, `A`, `N`, `#`): one more than the
    /// largest number in use with that prefix.
    pub fn next_id(&self, prefix: &str) -> String {
        let max = self
            .lines
            .iter()
            .filter_map(|l| l.kind.id())
            .filter_map(split_id)
            .filter(|(p, _)| *p == prefix)
            .map(|(_, n)| n)
            .max()
            .unwrap_or(0);
        format!("{prefix}{}", max + 1)
    }

    /// The line break new lines get: the first one in the file, LF if none.
    fn line_break(&self) -> &'static str {
        self.lines
            .iter()
            .map(|l| l.ending)
            .find(|e| !e.is_empty())
            .unwrap_or("\n")
    }

    /// Replaces line `i`'s meaning and re-renders its text; its line break
    /// is kept.
    pub fn replace(&mut self, i: usize, kind: LineKind) {
        if let Some(raw) = kind.render() {
            self.lines[i].raw = raw;
        }
        self.lines[i].kind = kind;
    }

    /// Appends a line. A last line without a line break first gets one.
    pub fn push(&mut self, kind: LineKind) {
        let brk = self.line_break();
        if let Some(last) = self.lines.last_mut()
            && last.ending.is_empty()
        {
            last.ending = brk;
        }
        let raw = kind.render().unwrap_or_default();
        self.lines.push(Line {
            raw,
            ending: brk,
            kind,
        });
    }

    /// Removes lines by index (any order, duplicates allowed).
    pub fn remove_lines(&mut self, mut idx: Vec<usize>) {
        idx.sort_unstable();
        idx.dedup();
        let last_ending = self.lines.last().map(|l| l.ending);
        for i in idx.into_iter().rev() {
            if i < self.lines.len() {
                self.lines.remove(i);
            }
        }
        // Keep a missing final newline missing.
        if last_ending == Some("")
            && let Some(l) = self.lines.last_mut()
        {
            l.ending = "";
        }
    }
}

/// A problem found when checking a `.ann` against its article, tied to the
/// `.ann` line (0-based) it comes from. `finding` is placed on the article
/// (byte offsets of the text given to [`validate`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AnnFinding {
    pub ann_line: usize,
    pub id: Option<String>,
    pub finding: Finding,
}

/// Checks every `T` line against the article (raw text, any line breaks):
/// offsets in range, text equal to the spanned text (fragments joined by a
/// space, as brat checks), and references to existing ids.
pub fn validate(doc: &AnnDoc, text: &str) -> Vec<AnnFinding> {
    let map = super::OffsetMap::new(text);
    let mut out = Vec::new();
    let ids: std::collections::HashSet<&str> =
        doc.lines.iter().filter_map(|l| l.kind.id()).collect();
    for (i, l) in doc.lines.iter().enumerate() {
        let mk =
            |start: usize, end: usize, code: &'static str, severity, message: String| AnnFinding {
                ann_line: i,
                id: l.kind.id().map(str::to_string),
                finding: Finding {
                    start,
                    end,
                    code,
                    severity,
                    message,
                    fixes: vec![],
                },
            };
        match &l.kind {
            LineKind::TextBound(t) => {
                let (s, e) = t.envelope();
                if e > map.len_chars() {
                    out.push(mk(
                        map.len_bytes(),
                        map.len_bytes(),
                        "ann-offset-out-of-range",
                        Severity::Error,
                        format!(
                            "{} ends at offset {e}, past the end of the article ({} characters)",
                            t.id,
                            map.len_chars()
                        ),
                    ));
                    continue;
                }
                let reference: Vec<&str> = t
                    .fragments
                    .iter()
                    .map(|&(a, b)| map.slice_chars(a, b))
                    .collect();
                let reference = reference.join(" ");
                if !text_matches(&t.text, &reference) {
                    out.push(mk(
                        map.to_byte(s),
                        map.to_byte(e),
                        "ann-text-mismatch",
                        Severity::Error,
                        format!(
                            "{} says “{}” but the article has “{}” at {}",
                            t.id,
                            t.text,
                            reference.replace('\n', "\\n"),
                            t.fragments
                                .iter()
                                .map(|(a, b)| format!("{a} {b}"))
                                .collect::<Vec<_>>()
                                .join(";")
                        ),
                    ));
                }
            }
            kind => {
                for r in kind.refs() {
                    if !ids.contains(r) {
                        out.push(mk(
                            0,
                            0,
                            "ann-dangling-reference",
                            Severity::Warning,
                            format!(
                                "{} refers to {r}, which is not in the file",
                                kind.id().unwrap_or("line")
                            ),
                        ));
                    }
                }
            }
        }
    }
    out
}

/// brat's rule: the text starts with the reference text, and whatever
/// follows begins with whitespace.
pub(crate) fn text_matches(text: &str, reference: &str) -> bool {
    match text.strip_prefix(reference) {
        Some(rest) => rest.is_empty() || rest.starts_with(char::is_whitespace),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_every_kind_of_line() {
        let s = "T1\tPERSON 0 13\tSergey Lavrov\n\
                 T2\tCOUNTRY 20 24;30 35\tSome thing  \r\n\
                 A1\tStatus T1 Accepted\n\
                 A2\tNegated T2\n\
                 M1\tSpeculation T2\n\
                 N1\tReference T1 Wikidata:Q184950\tSergey Lavrov\n\
                 #1\tAnnotatorNotes T1\tcheck the spelling\n\
                 R1\tMeets Arg1:T1 Arg2:T2\t\n\
                 E1\tMeeting:T1 Agent:T2\n\
                 *\tEquiv T1 T2\n\
                 # a free comment\n\
                 \n\
                 X9\twhatever goes\there\n\
                 T3\tDATE 40 44\tJune";
        let doc = parse(s).unwrap();
        assert_eq!(doc.to_string(), s);
        assert_eq!(doc.text_bounds().count(), 3);
        let bom = format!("\u{feff}{s}");
        assert_eq!(parse(&bom).unwrap().to_string(), bom);
        assert_eq!(parse(&bom).unwrap().text_bounds().count(), 3);
        let t2 = doc.text_bound("T2").unwrap();
        assert_eq!(t2.fragments, vec![(20, 24), (30, 35)]);
        assert_eq!(t2.text, "Some thing  ");
        assert_eq!(doc.lines()[1].ending, "\r\n");
        assert_eq!(doc.lines().last().unwrap().ending, "");
        assert_eq!(
            doc.attribute("T1", "Status").unwrap().1.value.as_deref(),
            Some("Accepted")
        );
        assert_eq!(
            doc.normalization("T1").unwrap().1.reference,
            "Wikidata:Q184950"
        );
        assert_eq!(
            doc.note("T1", "AnnotatorNotes").unwrap().1.text,
            "check the spelling"
        );
        assert_eq!(doc.referring("T2").len(), 5); // A2, M1, R1, E1, *
        assert_eq!(doc.next_id("T"), "T4");
        assert_eq!(doc.next_id("#"), "#2");
        assert_eq!(doc.next_id("N"), "N2");
    }

    #[test]
    fn errors_name_line_column_and_form() {
        let e = parse("T1\tPERSON 0 5\tLavro\nT2\tPERSON 0 x\tLavro\n").unwrap_err();
        assert_eq!(e.0.len(), 1);
        let e = &e.0[0];
        assert_eq!((e.line, e.column), (2, 11));
        assert!(
            e.expected.contains("T<n>\\t<label> <start> <end>\\t<text>"),
            "{e}"
        );
        assert_eq!(
            e.to_string(),
            "line 2, column 11: expected offsets `<start> <end>` (start <= end) in `T<n>\\t<label> <start> <end>\\t<text>`, found `0 x`"
        );

        let e = parse("T1 PERSON 0 5 Lavro\n").unwrap_err();
        assert_eq!(e.0[0].line, 1);
        assert!(e.0[0].expected.contains("followed by a tab"));

        let e = parse("T1\tPERSON 0 5\n").unwrap_err();
        assert!(
            e.0[0].expected.contains("a tab and the span's text"),
            "{}",
            e
        );

        let e = parse("T1\tPERSON 0 5\tx\nT1\tDATE 0 5\tx\n").unwrap_err();
        assert!(e.0[0].expected.contains("already used on line 1"), "{e}");

        let e = parse("N1\tReference T1\tLavrov\n").unwrap_err();
        assert!(e.0[0].expected.contains("<db>:<id>"));
        let e = parse("A1\tStatus\n").unwrap_err();
        assert!(e.0[0].expected.contains("A<n>"));
        // Space after the semicolon is not brat's form either.
        assert!(parse("T1\tPERSON 0 5; 6 8\tab cd\n").is_err());
    }

    #[test]
    fn edits_keep_other_lines_byte_identical() {
        let s = "T1\tPERSON 0 5\tLavro  \r\nR1\tx Arg1:T1 Arg2:T9\r\nT2\tDATE 6 10\tJune";
        let mut doc = parse(s).unwrap();
        doc.push(LineKind::Attribute(Attribute {
            id: doc.next_id("A"),
            name: "Status".into(),
            target: "T2".into(),
            value: Some("Accepted".into()),
        }));
        assert_eq!(
            doc.to_string(),
            format!("{s}\r\nA1\tStatus T2 Accepted\r\n")
        );
        let i = doc.find("T2").unwrap();
        doc.remove_lines(vec![i, doc.find("A1").unwrap()]);
        assert_eq!(
            doc.to_string(),
            "T1\tPERSON 0 5\tLavro  \r\nR1\tx Arg1:T1 Arg2:T9\r\n"
        );
    }

    #[test]
    fn validation_reports_mismatches_not_panics() {
        let text = "Lavrov met\r\nAraghchi in Oman.";
        let doc = parse(
            "T1\tPERSON 0 6\tLavrov\nT2\tPERSON 11 19\tAraghchi\nT3\tCOUNTRY 23 27\tIran\n\
             T4\tPERSON 0 6;11 19\tLavrov Araghchi\nT5\tDATE 0 99\tx\nA1\tStatus T7 Accepted\n",
        )
        .unwrap();
        let f = validate(&doc, text);
        let codes: Vec<_> = f
            .iter()
            .map(|f| (f.id.as_deref().unwrap(), f.finding.code))
            .collect();
        assert_eq!(
            codes,
            vec![
                ("T3", "ann-text-mismatch"),
                ("T5", "ann-offset-out-of-range"),
                ("A1", "ann-dangling-reference")
            ]
        );
        assert_eq!(&text[f[0].finding.start..f[0].finding.end], "Oman");
    }
}

#[cfg(test)]
mod fixture_tests {
    use super::*;
    use std::path::PathBuf;

    fn dir() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/brat")
    }

    /// Every fixture written from brat's and INCEpTION's conventions loads,
    /// saves byte-identical, and matches its article.
    #[test]
    fn fixtures_round_trip_and_validate() {
        let mut n = 0;
        for e in std::fs::read_dir(dir()).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_none_or(|x| x != "ann") || p.ends_with("corrupt.ann") {
                continue;
            }
            let s = std::fs::read_to_string(&p).unwrap();
            let doc = parse(&s).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            assert_eq!(doc.to_string(), s, "{}", p.display());
            let text = std::fs::read_to_string(p.with_extension("txt")).unwrap();
            let f = validate(&doc, &text);
            assert!(f.is_empty(), "{}: {f:?}", p.display());
            n += 1;
        }
        assert!(n >= 6);
    }

    #[test]
    fn corrupt_fixture_is_refused_with_its_line() {
        let s = std::fs::read_to_string(dir().join("corrupt.ann")).unwrap();
        let e = parse(&s).unwrap_err();
        assert_eq!(e.0.len(), 1);
        assert_eq!(e.0[0].line, 3);
        assert!(
            e.to_string()
                .starts_with("line 3, column 3: expected an id such as `T1` followed by a tab"),
            "{e}"
        );
    }

    #[test]
    fn crlf_fixture_offsets_are_code_points_of_normalised_text() {
        let text = std::fs::read_to_string(dir().join("crlf.txt")).unwrap();
        assert!(text.contains("\r\n"));
        let doc = parse(&std::fs::read_to_string(dir().join("crlf.ann")).unwrap()).unwrap();
        let t = doc.text_bound("T5").unwrap();
        let m = super::super::OffsetMap::new(&text);
        let (s, e) = t.fragments[0];
        assert_eq!(&text[m.to_byte(s)..m.to_byte(e)], "Germany");
        assert!(doc.lines().iter().all(|l| l.ending == "\r\n"));
    }
}
