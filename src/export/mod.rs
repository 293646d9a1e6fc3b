//! Writers for the exported forms of an analysis. Every writer takes the
//! LF-normalised text the analysis ran on and counts code points.

use crate::Analysis;
use crate::model::{Entity, Label};
use crate::text::CodePointCursor;
use serde_json::{Map, Value, json};

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

/// One contract line; borrowed fields keep serialisation allocation-free.
#[derive(serde::Serialize)]
struct JsonlLine<'a> {
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

/// One JSON object per entity, per line, in document order.
pub fn jsonl(file: &str, text: &str, a: &Analysis) -> String {
    jsonl_entities(file, text, &a.entities)
}

/// [`jsonl`] for any entity list (e.g. merged with review decisions).
pub fn jsonl_entities(file: &str, text: &str, entities: &[Entity]) -> String {
    let mut out = Vec::with_capacity(entities.len() * 128);
    let mut cursor = CodePointCursor::new(text);
    for e in entities {
        let d = e.date.as_ref();
        let line = JsonlLine {
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
        if serde_json::to_writer(&mut out, &line).is_ok() {
            out.push(b'\n');
        }
    }
    String::from_utf8(out).unwrap_or_default()
}

/// brat standoff: T lines with code-point offsets, N lines linking to the
/// knowledge base, and a note carrying each date's value.
pub fn brat(text: &str, a: &Analysis) -> String {
    let mut out = String::new();
    let mut cursor = CodePointCursor::new(text);
    let mut n = 0;
    for (i, e) in a.entities.iter().enumerate() {
        let t = i + 1;
        let s = cursor.to_char(e.start);
        let en = cursor.to_char(e.end);
        let surface = text[e.start..e.end].replace(['\n', '\t'], " ");
        out.push_str(&format!("T{t}\t{} {s} {en}\t{surface}\n", e.label));
        if let (Some(id), Some(canonical)) = (&e.id, &e.canonical) {
            n += 1;
            out.push_str(&format!("N{n}\tReference T{t} gazette:{id}\t{canonical}\n"));
        }
        if let Some(d) = &e.date {
            let mut note = format!("value={}", d.value);
            if let Some(ev) = &d.end_value {
                note.push_str(&format!(" end_value={ev}"));
            }
            if let Some(m) = &d.modifier {
                note.push_str(&format!(" mod={m}"));
            }
            out.push_str(&format!("#{t}\tAnnotatorNotes T{t}\t{note}\n"));
        }
    }
    out
}

/// CoNLL-style BIO tags: one token per line, a blank line between
/// sentences, `-DOCSTART-` before each document.
pub fn conll(file: &str, text: &str, a: &Analysis) -> String {
    let mut out = format!("-DOCSTART- {file}\n");
    let mut ents = a.entities.iter().peekable();
    let mut in_entity: Option<(usize, Label)> = None;
    let mut line_has_tokens = false;
    for tok in conll_tokens(text) {
        if tok.newline_before && line_has_tokens {
            out.push('\n');
        }
        while ents.peek().is_some_and(|e| e.end <= tok.start) {
            ents.next();
        }
        let tag = match ents.peek() {
            Some(e) if e.start <= tok.start && tok.end <= e.end => {
                let begin = !matches!(in_entity, Some((s, _)) if s == e.start);
                in_entity = Some((e.start, e.label));
                format!("{}-{}", if begin { "B" } else { "I" }, e.label)
            }
            _ => {
                in_entity = None;
                "O".to_string()
            }
        };
        out.push_str(&format!("{}\t{}\n", &text[tok.start..tok.end], tag));
        if tok.ends_sentence {
            out.push('\n');
        }
        line_has_tokens = !tok.ends_sentence;
    }
    if line_has_tokens {
        out.push('\n');
    }
    out
}

struct ConllToken {
    start: usize,
    end: usize,
    newline_before: bool,
    ends_sentence: bool,
}

/// Words and single punctuation marks; a blank line or a sentence-final
/// mark ends a sentence.
fn conll_tokens(text: &str) -> Vec<ConllToken> {
    let mut out: Vec<ConllToken> = Vec::new();
    let mut blank_lines = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == '\n' {
            blank_lines += 1;
            continue;
        }
        if c.is_whitespace() {
            continue;
        }
        let newline_before =
            blank_lines >= 2 || (blank_lines >= 1 && out.last().is_some_and(|t| !t.ends_sentence));
        blank_lines = 0;
        let mut end = i + c.len_utf8();
        if crate::text::words::is_word_char(c) {
            while let Some(&(j, d)) = chars.peek() {
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
                chars.next();
            }
        }
        let ends_sentence = matches!(c, '.' | '!' | '?') && end == i + 1;
        out.push(ConllToken {
            start: i,
            end,
            newline_before,
            ends_sentence,
        });
    }
    out
}

/// One object per document, as spaCy and Prodigy load it.
pub fn spacy(file: &str, text: &str, a: &Analysis) -> String {
    let mut cursor = CodePointCursor::new(text);
    let spans: Vec<Value> = a
        .entities
        .iter()
        .map(|e| {
            json!({
                "start": cursor.to_char(e.start),
                "end": cursor.to_char(e.end),
                "label": e.label.as_str(),
            })
        })
        .collect();
    let mut s = json!({ "text": text, "spans": spans, "meta": { "file": file } }).to_string();
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Context, analyze};

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
