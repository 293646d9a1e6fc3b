//! Writers for the exported forms of an analysis. Every writer takes the
//! LF-normalised text the analysis ran on and counts code points.

use crate::Analysis;
use crate::model::Entity;
use crate::text::CodePointCursor;
use serde_json::{Map, Value, json};
use std::io::Write;

/// Output formats of `gazette annotate`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Jsonl,
    Brat,
    Conll,
    Spacy,
}

/// The contract's JSON object for one entity (without the `file` key).
pub fn entity_json(text: &str, e: &Entity, cursor: &mut CodePointCursor<'_>) -> Map<String, Value> {
    let mut o = Map::new();
    o.insert("start".into(), json!(cursor.to_char(e.start)));
    o.insert("end".into(), json!(cursor.to_char(e.end)));
    o.insert("label".into(), json!(e.label.as_str()));
    o.insert("text".into(), json!(&text[e.start..e.end]));
    if let Some(id) = &e.id {
        o.insert("id".into(), json!(id));
    }
    if let Some(c) = &e.canonical {
        o.insert("canonical".into(), json!(c));
    }
    if let Some(d) = &e.date {
        o.insert("value".into(), json!(d.value));
        if let Some(ev) = &d.end_value {
            o.insert("end_value".into(), json!(ev));
        }
        if let Some(m) = &d.modifier {
            o.insert("mod".into(), json!(m));
        }
    }
    o
}

/// One JSON object per entity, per line, in document order.
pub fn jsonl(file: &str, text: &str, a: &Analysis) -> String {
    jsonl_entities(file, text, &a.entities)
}

/// [`jsonl`] for any entity list (e.g. merged with review decisions).
pub fn jsonl_entities(file: &str, text: &str, entities: &[Entity]) -> String {
    to_string(|w| write_jsonl(w, file, text, entities))
}

/// Runs a writer on an in-memory buffer; the writers only ever write
/// UTF-8 (JSON, text slices and ASCII punctuation).
fn to_string(f: impl FnOnce(&mut Vec<u8>) -> std::io::Result<()>) -> String {
    let mut out = Vec::new();
    // Writing to a `Vec` cannot fail.
    let _ = f(&mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// Streams [`jsonl`] into `w`, one line per entity, without building the
/// whole document's output. The bytes are serde_json's for the contract
/// object (keys in contract order, compact), written field by field: the
/// `{"file":…,"start":` prefix shared by every line is escaped once.
pub fn write_jsonl<W: Write>(
    w: &mut W,
    file: &str,
    text: &str,
    entities: &[Entity],
) -> std::io::Result<()> {
    let head = jsonl_head(file)?;
    jsonl_lines(w, &head, text, entities, CodePointCursor::new(text))
}

/// Entities per piece when [`write_jsonl_par`] renders pieces in parallel
/// (about 0.5 MB of output).
const JSONL_PIECE: usize = 4096;

/// [`write_jsonl`] with the lines of a large document rendered on all
/// cores, a few pieces at a time, and written in order: the same bytes.
pub fn write_jsonl_par<W: Write>(
    w: &mut W,
    file: &str,
    text: &str,
    entities: &[Entity],
) -> std::io::Result<()> {
    use rayon::prelude::*;
    let in_order = entities.windows(2).all(|p| p[0].end <= p[1].start);
    if entities.len() < 2 * JSONL_PIECE || !in_order {
        return write_jsonl(w, file, text, entities);
    }
    let head = jsonl_head(file)?;
    let pieces: Vec<&[Entity]> = entities.chunks(JSONL_PIECE).collect();
    // Each piece's cursor starts at its first entity: the code points
    // before it are counted per gap in parallel, then summed.
    let starts: Vec<usize> = pieces
        .iter()
        .map(|p| crate::text::floor_char_boundary(text, p[0].start))
        .collect();
    let gaps: Vec<usize> = (0..starts.len())
        .into_par_iter()
        .map(|k| {
            let from = if k == 0 { 0 } else { starts[k - 1] };
            text[from..starts[k]].chars().count()
        })
        .collect();
    let mut chars = 0;
    let cursors: Vec<(usize, usize)> = starts
        .iter()
        .zip(&gaps)
        .map(|(&byte, gap)| {
            chars += gap;
            (byte, chars)
        })
        .collect();
    let work: Vec<(&[Entity], (usize, usize))> = pieces.into_iter().zip(cursors).collect();
    let window = 2 * rayon::current_num_threads().max(1);
    for group in work.chunks(window) {
        let rendered: Vec<std::io::Result<Vec<u8>>> = group
            .par_iter()
            .map(|&(piece, (byte, chars))| {
                let mut out = Vec::with_capacity(piece.len() * 160);
                let cursor = CodePointCursor::starting_at(text, byte, chars);
                jsonl_lines(&mut out, &head, text, piece, cursor)?;
                Ok(out)
            })
            .collect();
        for piece in rendered {
            w.write_all(&piece?)?;
        }
    }
    Ok(())
}

/// `{"file":…,"start":`, the same on every line of one document.
fn jsonl_head(file: &str) -> std::io::Result<Vec<u8>> {
    let mut head = Vec::with_capacity(file.len() + 20);
    head.extend_from_slice(b"{\"file\":");
    serde_json::to_writer(&mut head, file)?;
    head.extend_from_slice(b",\"start\":");
    Ok(head)
}

fn jsonl_lines<W: Write>(
    w: &mut W,
    head: &[u8],
    text: &str,
    entities: &[Entity],
    mut cursor: CodePointCursor<'_>,
) -> std::io::Result<()> {
    for e in entities {
        w.write_all(head)?;
        write_uint(w, cursor.to_char(e.start))?;
        w.write_all(b",\"end\":")?;
        write_uint(w, cursor.to_char(e.end))?;
        w.write_all(b",\"label\":\"")?;
        w.write_all(e.label.as_str().as_bytes())?;
        w.write_all(b"\",\"text\":")?;
        serde_json::to_writer(&mut *w, &text[e.start..e.end])?;
        let d = e.date.as_ref();
        let optional: [(&[u8], Option<&str>); 5] = [
            (b",\"id\":", e.id.as_deref()),
            (b",\"canonical\":", e.canonical.as_deref()),
            (b",\"value\":", d.map(|d| d.value.as_str())),
            (b",\"end_value\":", d.and_then(|d| d.end_value.as_deref())),
            (b",\"mod\":", d.and_then(|d| d.modifier.as_deref())),
        ];
        for (key, value) in optional {
            if let Some(v) = value {
                w.write_all(key)?;
                serde_json::to_writer(&mut *w, v)?;
            }
        }
        w.write_all(b"}\n")?;
    }
    Ok(())
}

/// A non-negative integer in decimal, as JSON writes it.
fn write_uint<W: Write>(w: &mut W, n: usize) -> std::io::Result<()> {
    w.write_all(itoa::Buffer::new().format(n).as_bytes())
}

/// brat standoff: T lines with code-point offsets, N lines linking to the
/// knowledge base, and a note carrying each date's value.
pub fn brat(text: &str, a: &Analysis) -> String {
    to_string(|w| write_brat(w, text, &a.entities))
}

/// Streams [`brat`] into `w`.
pub fn write_brat<W: Write>(w: &mut W, text: &str, entities: &[Entity]) -> std::io::Result<()> {
    let mut cursor = CodePointCursor::new(text);
    let mut n = 0;
    for (i, e) in entities.iter().enumerate() {
        let t = i + 1;
        let s = cursor.to_char(e.start);
        let en = cursor.to_char(e.end);
        write!(w, "T{t}\t{} {s} {en}\t", e.label)?;
        // A span's line breaks and tabs become spaces: one T line each.
        for (k, piece) in text[e.start..e.end].split(['\n', '\t']).enumerate() {
            if k > 0 {
                w.write_all(b" ")?;
            }
            w.write_all(piece.as_bytes())?;
        }
        w.write_all(b"\n")?;
        if let (Some(id), Some(canonical)) = (&e.id, &e.canonical) {
            n += 1;
            writeln!(w, "N{n}\tReference T{t} gazette:{id}\t{canonical}")?;
        }
        if let Some(d) = &e.date {
            write!(w, "#{t}\tAnnotatorNotes T{t}\tvalue={}", d.value)?;
            if let Some(ev) = &d.end_value {
                write!(w, " end_value={ev}")?;
            }
            if let Some(m) = &d.modifier {
                write!(w, " mod={m}")?;
            }
            w.write_all(b"\n")?;
        }
    }
    Ok(())
}

/// CoNLL-style BIO tags: one token per line, a blank line between
/// sentences, `-DOCSTART-` before each document.
pub fn conll(file: &str, text: &str, a: &Analysis) -> String {
    to_string(|w| write_conll(w, file, text, &a.entities))
}

/// Streams [`conll`] into `w`, token by token.
pub fn write_conll<W: Write>(
    w: &mut W,
    file: &str,
    text: &str,
    entities: &[Entity],
) -> std::io::Result<()> {
    writeln!(w, "-DOCSTART- {file}")?;
    let mut ents = entities.iter().peekable();
    let mut in_entity: Option<usize> = None;
    let mut line_has_tokens = false;
    for tok in ConllTokens::new(text) {
        if tok.newline_before && line_has_tokens {
            w.write_all(b"\n")?;
        }
        while ents.peek().is_some_and(|e| e.end <= tok.start) {
            ents.next();
        }
        w.write_all(&text.as_bytes()[tok.start..tok.end])?;
        match ents.peek() {
            Some(e) if e.start <= tok.start && tok.end <= e.end => {
                let begin = in_entity != Some(e.start);
                in_entity = Some(e.start);
                let bio: &[u8] = if begin { b"\tB-" } else { b"\tI-" };
                w.write_all(bio)?;
                w.write_all(e.label.as_str().as_bytes())?;
                w.write_all(b"\n")?;
            }
            _ => {
                in_entity = None;
                w.write_all(b"\tO\n")?;
            }
        }
        if tok.ends_sentence {
            w.write_all(b"\n")?;
        }
        line_has_tokens = !tok.ends_sentence;
    }
    if line_has_tokens {
        w.write_all(b"\n")?;
    }
    Ok(())
}

struct ConllToken {
    start: usize,
    end: usize,
    newline_before: bool,
    ends_sentence: bool,
}

/// Words and single punctuation marks; a blank line or a sentence-final
/// mark ends a sentence. Yields tokens one by one (no token list).
struct ConllTokens<'a> {
    text: &'a str,
    chars: std::iter::Peekable<std::str::CharIndices<'a>>,
    /// Whether the previous token ended a sentence (`None` before the first).
    last_ends_sentence: Option<bool>,
}

impl<'a> ConllTokens<'a> {
    fn new(text: &'a str) -> Self {
        ConllTokens {
            text,
            chars: text.char_indices().peekable(),
            last_ends_sentence: None,
        }
    }
}

impl Iterator for ConllTokens<'_> {
    type Item = ConllToken;

    fn next(&mut self) -> Option<ConllToken> {
        let text = self.text;
        let mut blank_lines = 0;
        while let Some((i, c)) = self.chars.next() {
            if c == '\n' {
                blank_lines += 1;
                continue;
            }
            if c.is_whitespace() {
                continue;
            }
            let newline_before = blank_lines >= 2
                || (blank_lines >= 1 && self.last_ends_sentence.is_some_and(|ended| !ended));
            let mut end = i + c.len_utf8();
            if crate::text::words::is_word_char(c) {
                while let Some(&(j, d)) = self.chars.peek() {
                    let joins = crate::text::words::is_word_char(d)
                        || ((d == '.' || d == '\'' || d == '’' || d == '-')
                            && text[j + d.len_utf8()..]
                                .chars()
                                .next()
                                .is_some_and(crate::text::words::is_word_char));
                    if !joins {
                        break;
                    }
                    end = j + d.len_utf8();
                    self.chars.next();
                }
            }
            let ends_sentence = matches!(c, '.' | '!' | '?') && end == i + 1;
            self.last_ends_sentence = Some(ends_sentence);
            return Some(ConllToken {
                start: i,
                end,
                newline_before,
                ends_sentence,
            });
        }
        None
    }
}

/// One object per document, as spaCy and Prodigy load it.
pub fn spacy(file: &str, text: &str, a: &Analysis) -> String {
    to_string(|w| write_spacy(w, file, text, &a.entities))
}

/// Streams [`spacy`] into `w`: the same bytes as serialising
/// `{"meta":{"file"},"spans":[{"end","label","start"}],"text"}` (keys
/// sorted, compact), without building the JSON value.
pub fn write_spacy<W: Write>(
    w: &mut W,
    file: &str,
    text: &str,
    entities: &[Entity],
) -> std::io::Result<()> {
    #[derive(serde::Serialize)]
    struct Span {
        end: usize,
        label: &'static str,
        start: usize,
    }
    let mut cursor = CodePointCursor::new(text);
    w.write_all(b"{\"meta\":{\"file\":")?;
    serde_json::to_writer(&mut *w, file)?;
    w.write_all(b"},\"spans\":[")?;
    for (i, e) in entities.iter().enumerate() {
        if i > 0 {
            w.write_all(b",")?;
        }
        let start = cursor.to_char(e.start);
        let end = cursor.to_char(e.end);
        let span = Span {
            end,
            label: e.label.as_str(),
            start,
        };
        serde_json::to_writer(&mut *w, &span)?;
    }
    w.write_all(b"],\"text\":")?;
    serde_json::to_writer(&mut *w, text)?;
    w.write_all(b"}\n")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Label;
    use crate::{Context, analyze};

    /// The contract line as serde_json writes it: the reference the
    /// field-by-field writer must match byte for byte.
    #[derive(serde::Serialize)]
    struct Reference<'a> {
        file: &'a str,
        start: usize,
        end: usize,
        label: &'static str,
        text: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        id: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        canonical: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        value: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        end_value: Option<&'a str>,
        #[serde(rename = "mod", skip_serializing_if = "Option::is_none")]
        modifier: Option<&'a str>,
    }

    #[test]
    fn jsonl_bytes_are_serde_jsons() {
        let text = "a \"q\" b\\c\u{1}\td\u{7f}é🎉\u{2028}\nx";
        let odd = |s: &str| Some(s.to_string());
        let mut entities = Vec::new();
        for (i, label) in Label::ALL.into_iter().enumerate() {
            let date = (i % 2 == 1).then(|| crate::model::DateValue {
                value: "2024-\"07\"".into(),
                end_value: (i == 3).then(|| "2024-07-04".into()),
                modifier: (i == 3).then(|| "MID".into()),
                relative: false,
            });
            entities.push(Entity {
                start: [0, 2, 6, 12][i],
                end: [1, 5, 11, text.len()][i],
                label,
                id: (i != 1).then(|| format!("id:{i}\\")),
                canonical: if i == 2 { None } else { odd("Ré \"x\"\n") },
                date,
            });
        }
        let file = "dir/\"odd\"\\name\t.txt";
        let got = jsonl_entities(file, text, &entities);
        let mut want = String::new();
        let mut cursor = CodePointCursor::new(text);
        for e in &entities {
            let d = e.date.as_ref();
            let line = Reference {
                file,
                start: cursor.to_char(e.start),
                end: cursor.to_char(e.end),
                label: e.label.as_str(),
                text: &text[e.start..e.end],
                id: e.id.as_deref(),
                canonical: e.canonical.as_deref(),
                value: d.map(|d| d.value.as_str()),
                end_value: d.and_then(|d| d.end_value.as_deref()),
                modifier: d.and_then(|d| d.modifier.as_deref()),
            };
            want.push_str(&serde_json::to_string(&line).unwrap());
            want.push('\n');
        }
        assert_eq!(got, want);
        let mut big = Vec::new();
        for n in [0, 9, 10, 99, 12345, usize::MAX] {
            write_uint(&mut big, n).unwrap();
            big.push(b' ');
        }
        assert_eq!(
            String::from_utf8(big).unwrap(),
            format!("0 9 10 99 12345 {} ", usize::MAX)
        );
    }

    #[test]
    fn parallel_jsonl_writes_the_same_bytes() {
        let para =
            "Zürich 🎉: Russia and Iran met in Beijing on July 3, 2024. Sergei Lavrov spoke.\r\n\n";
        let text = crate::text::normalize_newlines(&para.repeat(5000)).into_owned();
        let a = analyze(&text, &Context::default());
        assert!(a.entities.len() > 3 * JSONL_PIECE, "{}", a.entities.len());
        let mut par = Vec::new();
        write_jsonl_par(&mut par, "a.txt", &text, &a.entities).unwrap();
        assert!(par == jsonl("a.txt", &text, &a).into_bytes());
    }

    #[test]
    fn jsonl_counts_code_points() {
        let text = "Zürich 🎉: Russia";
        let a = analyze(text, &Context::default());
        let line = jsonl("a.txt", text, &a);
        let v: Value = serde_json::from_str(line.trim()).unwrap();
        assert_eq!(v["start"], 10);
        assert_eq!(v["end"], 16);
        assert_eq!(v["canonical"], "Russia");
        assert_eq!(v["id"], "country:ru");
    }

    #[test]
    fn conll_tags_multiword_entities() {
        let text = "The United Arab Emirates agreed.\n\nIran too.";
        let a = analyze(text, &Context::default());
        let out = conll("a.txt", text, &a);
        assert!(
            out.contains("United\tB-COUNTRY\nArab\tI-COUNTRY\nEmirates\tI-COUNTRY\n"),
            "{out}"
        );
        assert!(out.contains("agreed\tO\n.\tO\n\nIran\tB-COUNTRY"), "{out}");
    }

    #[test]
    fn brat_lines_carry_offsets_and_links() {
        let text = "Über Iran";
        let a = analyze(text, &Context::default());
        let out = brat(text, &a);
        assert_eq!(
            out,
            "T1\tCOUNTRY 5 9\tIran\nN1\tReference T1 gazette:country:ir\tIran\n"
        );
    }
}
