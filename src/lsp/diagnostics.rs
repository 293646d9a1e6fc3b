//! `textDocument/publishDiagnostics` for a document analysed as regions,
//! serialised straight to JSON from per-region pieces.
//!
//! Each region's findings are rendered once, when the region is analysed,
//! with positions relative to the region's first line; publishing a new
//! version only writes those pieces with the region's current first line
//! added. An edit therefore re-renders the regions it re-analysed, and
//! everything else costs a copy of bytes already rendered.

use gazette::model::{Finding, Severity};
use gazette::regions::{DocAnalysis, RegionResult};
use gazette::text::{LineIndex, PositionEncoding};
use rayon::prelude::*;
use ropey::Rope;
use rustc_hash::FxHashMap;
use std::sync::Arc;
use tower_lsp_server::ls_types::{Diagnostic, DiagnosticSeverity, NumberOrString, Uri};

/// One finding: its position relative to its region, and the JSON that
/// follows the range.
#[derive(Debug)]
struct Item {
    finding: usize,
    /// Line and column of start and end; the column of a finding on the
    /// region's first line counts from the region's start.
    start: (u32, u32),
    end: (u32, u32),
    /// End of this item's JSON in `Template::json`.
    json_end: usize,
}

/// A region's diagnostics with their line numbers left open.
#[derive(Debug)]
struct Template {
    items: Vec<Item>,
    json: Vec<u8>,
}

/// Templates of the regions of one document's last published version.
#[derive(Debug, Default)]
pub struct DiagCache {
    enc: Option<PositionEncoding>,
    /// Keyed by the address of the region result, which the entry keeps
    /// alive (so the address cannot be reused while it is a key).
    by_region: FxHashMap<usize, (Arc<RegionResult>, Arc<Template>)>,
}

/// Code of the diagnostic that stands for the ones a capped message leaves out.
pub const TOO_MANY: &str = "too-many-diagnostics";

fn key(r: &Arc<RegionResult>) -> usize {
    Arc::as_ptr(r) as usize
}

fn severity_number(s: Severity) -> u8 {
    match s {
        Severity::Error => 1,
        Severity::Warning => 2,
        Severity::Information => 3,
        Severity::Hint => 4,
    }
}

/// The JSON after a diagnostic's range: `},"severity":…,"message":…}`.
fn write_rest(out: &mut Vec<u8>, f: &Finding, message: &str) {
    write_tail(out, severity_number(f.severity), f.code, message);
}

fn write_tail(out: &mut Vec<u8>, severity: u8, code: &str, message: &str) {
    out.extend_from_slice(b"}},\"severity\":");
    push_int(out, severity);
    out.extend_from_slice(b",\"code\":");
    // Writing into a Vec cannot fail.
    let _ = serde_json::to_writer(&mut *out, code);
    out.extend_from_slice(b",\"source\":\"gazette\",\"message\":");
    let _ = serde_json::to_writer(&mut *out, message);
    out.push(b'}');
}

fn push_int(out: &mut Vec<u8>, n: impl itoa::Integer) {
    out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
}

fn write_range(out: &mut Vec<u8>, start: (u32, u32), end: (u32, u32)) {
    out.extend_from_slice(b"{\"range\":{\"start\":{\"line\":");
    push_int(out, start.0);
    out.extend_from_slice(b",\"character\":");
    push_int(out, start.1);
    out.extend_from_slice(b"},\"end\":{\"line\":");
    push_int(out, end.0);
    out.extend_from_slice(b",\"character\":");
    push_int(out, end.1);
}

fn template(text: &str, result: &RegionResult, enc: PositionEncoding) -> Template {
    let findings = &result.analysis.findings;
    let index = LineIndex::new(text);
    let mut json = Vec::with_capacity(findings.len() * 160);
    let items = findings
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let start = index.position(text, f.start, enc);
            let end = index.position(text, f.end, enc);
            write_rest(&mut json, f, &f.message);
            Item {
                finding: i,
                start,
                end,
                json_end: json.len(),
            }
        })
        .collect();
    Template { items, json }
}

/// Where a region begins: its line, and the column of its first byte
/// (non-zero only for a region cut inside a long line).
#[derive(Clone, Copy, Debug, Default)]
struct Base {
    line: u32,
    col: u32,
}

impl Base {
    fn place(self, (line, col): (u32, u32)) -> (u32, u32) {
        if line == 0 {
            (self.line, self.col + col)
        } else {
            (self.line + line, col)
        }
    }
}

/// Which diagnostics a message capped at `limit` keeps, chosen as VS Code
/// chooses the 1000 it shows per file: the most severe first, in document
/// order within a severity.
#[derive(Clone, Copy, Debug)]
struct Cap {
    /// Every diagnostic more severe than this (a smaller number) is kept...
    level: u8,
    /// ...and this many of the first ones at `level`.
    take: usize,
    dropped: usize,
    limit: usize,
}

impl Cap {
    /// `None` when all `counts` (indexed by LSP severity number) fit.
    fn new(counts: [usize; 5], limit: usize) -> Option<Cap> {
        let total: usize = counts.iter().sum();
        if limit == 0 || total <= limit {
            return None;
        }
        let mut room = limit;
        for level in 1..=4u8 {
            let n = counts[usize::from(level)];
            if n >= room {
                return Some(Cap {
                    level,
                    take: room,
                    dropped: total - limit,
                    limit,
                });
            }
            room -= n;
        }
        None
    }

    /// Whether the next diagnostic (in message order) of severity `sev`
    /// is kept.
    fn keep(&mut self, sev: u8) -> bool {
        if sev < self.level {
            true
        } else if sev == self.level && self.take > 0 {
            self.take -= 1;
            true
        } else {
            false
        }
    }

    fn notice(&self) -> String {
        format!(
            "{} more diagnostics are not shown (gazette.maxDiagnostics is {}): fix the ones \
             above, raise the setting (0 = no limit), or run `gazette check` on this file \
             to list them all.",
            self.dropped, self.limit
        )
    }
}

/// `diags` cut to `limit` (0 = all) as `publish_body` cuts its message.
pub fn capped(diags: Vec<Diagnostic>, limit: usize) -> Vec<Diagnostic> {
    let number = |d: &Diagnostic| match d.severity {
        Some(DiagnosticSeverity::ERROR) => 1u8,
        Some(DiagnosticSeverity::WARNING) => 2,
        Some(DiagnosticSeverity::INFORMATION) | None => 3,
        Some(_) => 4,
    };
    let mut counts = [0usize; 5];
    for d in &diags {
        counts[usize::from(number(d))] += 1;
    }
    let Some(mut cap) = Cap::new(counts, limit) else {
        return diags;
    };
    let notice = Diagnostic {
        severity: Some(DiagnosticSeverity::INFORMATION),
        code: Some(NumberOrString::String(TOO_MANY.to_string())),
        source: Some("gazette".to_string()),
        message: cap.notice(),
        ..Default::default()
    };
    let mut kept: Vec<Diagnostic> = diags.into_iter().filter(|d| cap.keep(number(d))).collect();
    kept.push(notice);
    kept
}

/// The `publishDiagnostics` message body for `doc` (analysed from
/// `text`), followed by `extra` findings (offsets into the whole text,
/// placed with `rope`); at most `limit` of them (0 = all) and, when some
/// are left out, one more that says how many.
#[allow(clippy::too_many_arguments)]
pub fn publish_body(
    mut out: Vec<u8>,
    cache: &mut DiagCache,
    uri: &Uri,
    version: i32,
    text: &str,
    doc: &DocAnalysis,
    extra: &[&Finding],
    rope: &Rope,
    enc: PositionEncoding,
    limit: usize,
) -> Vec<u8> {
    if cache.enc != Some(enc) {
        cache.by_region.clear();
        cache.enc = Some(enc);
    }
    // Only the current regions' templates are kept; new ones are
    // rendered in parallel (all of them when a document opens).
    let mut old = std::mem::take(&mut cache.by_region);
    let mut missing: Vec<&gazette::regions::Region> = doc
        .regions
        .iter()
        .filter(|r| !old.contains_key(&key(&r.result)))
        .collect();
    missing.dedup_by_key(|r| key(&r.result));
    let render = |region: &&gazette::regions::Region| {
        let t = template(&text[region.start..region.end()], &region.result, enc);
        (key(&region.result), Arc::new(t))
    };
    // After an edit only a region or two is new: rendered here, not
    // queued for a pool worker that may be busy.
    let rendered: Vec<(usize, Arc<Template>)> = if missing.len() <= gazette::regions::SERIAL_REGIONS
    {
        missing.iter().map(render).collect()
    } else {
        missing.par_iter().map(render).collect()
    };
    for ((k, t), region) in rendered.into_iter().zip(&missing) {
        old.insert(k, (region.result.clone(), t));
    }
    let templates: Vec<Arc<Template>> = doc
        .regions
        .iter()
        .map(|region| {
            let k = key(&region.result);
            let t = match old.get(&k) {
                Some((_, t)) => t.clone(),
                None => Arc::new(template(
                    &text[region.start..region.end()],
                    &region.result,
                    enc,
                )),
            };
            cache
                .by_region
                .insert(k, (region.result.clone(), t.clone()));
            t
        })
        .collect();
    drop(old);
    // Severities are counted only when the findings could exceed the
    // limit, so an ordinary keystroke pays nothing for the cap.
    let findings = templates.iter().map(|t| t.items.len()).sum::<usize>() + extra.len();
    let mut cap = (limit != 0 && findings > limit)
        .then(|| {
            let mut counts = [0usize; 5];
            for (r, (region, t)) in doc.regions.iter().zip(&templates).enumerate() {
                for item in &t.items {
                    if doc.reports(r, item.finding) {
                        let f = &region.result.analysis.findings[item.finding];
                        counts[usize::from(severity_number(f.severity))] += 1;
                    }
                }
            }
            for f in extra {
                counts[usize::from(severity_number(f.severity))] += 1;
            }
            Cap::new(counts, limit)
        })
        .flatten();
    let mut keep = |f: &Finding| {
        cap.as_mut()
            .is_none_or(|c| c.keep(severity_number(f.severity)))
    };
    let size: usize = templates
        .iter()
        .map(|t| t.json.len() + t.items.len() * 80)
        .sum();
    out.clear();
    out.reserve(size + 256);
    out.extend_from_slice(
        b"{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/publishDiagnostics\",\"params\":{\"uri\":",
    );
    let _ = serde_json::to_writer(&mut out, uri.as_str());
    out.extend_from_slice(b",\"diagnostics\":[");
    let mut first = true;
    let mut base = Base::default();
    for (r, (region, t)) in doc.regions.iter().zip(&templates).enumerate() {
        let mut from = 0;
        for item in &t.items {
            let rest = &t.json[from..item.json_end];
            from = item.json_end;
            let f = &region.result.analysis.findings[item.finding];
            if !doc.reports(r, item.finding) || !keep(f) {
                continue;
            }
            if !first {
                out.push(b',');
            }
            first = false;
            write_range(&mut out, base.place(item.start), base.place(item.end));
            match doc.message_override(r, item.finding) {
                Some(m) => write_rest(&mut out, f, &m),
                None => out.extend_from_slice(rest),
            }
        }
        let shape = region.result.shape;
        let tail = shape.tail(enc) as u32;
        base = if shape.breaks == 0 {
            Base {
                line: base.line,
                col: base.col + tail,
            }
        } else {
            Base {
                line: base.line + shape.breaks as u32,
                col: tail,
            }
        };
    }
    for f in extra {
        if !keep(f) {
            continue;
        }
        if !first {
            out.push(b',');
        }
        first = false;
        let r = super::convert::byte_range(rope, f.start, f.end, enc);
        write_range(
            &mut out,
            (r.start.line, r.start.character),
            (r.end.line, r.end.character),
        );
        write_rest(&mut out, f, &f.message);
    }
    if let Some(c) = &cap {
        if !first {
            out.push(b',');
        }
        write_range(&mut out, (0, 0), (0, 0));
        write_tail(
            &mut out,
            severity_number(Severity::Information),
            TOO_MANY,
            &c.notice(),
        );
    }
    out.extend_from_slice(b"],\"version\":");
    push_int(&mut out, version);
    out.extend_from_slice(b"}}");
    out
}

/// The body that clears a document's diagnostics.
pub fn clear_body(uri: &Uri) -> Vec<u8> {
    let mut out = Vec::with_capacity(128);
    out.extend_from_slice(
        b"{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/publishDiagnostics\",\"params\":{\"uri\":",
    );
    let _ = serde_json::to_writer(&mut out, uri.as_str());
    out.extend_from_slice(b",\"diagnostics\":[]}}");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lsp::convert::{byte_range, severity};
    use gazette::regions::{Change, RegionCache};
    use gazette::{Context, analyze_incremental};
    use serde_json::Value;
    use tower_lsp_server::ls_types::PublishDiagnosticsParams;

    /// What tower-lsp would have sent, from the flat analysis.
    fn reference(uri: &Uri, text: &str, doc: &DocAnalysis, enc: PositionEncoding) -> Value {
        let rope = Rope::from_str(text);
        let flat = doc.flatten();
        let diags = flat
            .findings
            .iter()
            .map(|f| Diagnostic {
                range: byte_range(&rope, f.start, f.end, enc),
                severity: Some(severity(f.severity)),
                code: Some(NumberOrString::String(f.code.to_string())),
                source: Some("gazette".to_string()),
                message: f.message.clone(),
                ..Default::default()
            })
            .collect();
        let params = PublishDiagnosticsParams::new(uri.clone(), diags, Some(7));
        serde_json::json!({
            "jsonrpc": "2.0",
            "method": "textDocument/publishDiagnostics",
            "params": serde_json::to_value(params).unwrap(),
        })
    }

    fn rendered(
        cache: &mut DiagCache,
        uri: &Uri,
        text: &str,
        doc: &DocAnalysis,
        enc: PositionEncoding,
    ) -> Value {
        let rope = Rope::from_str(text);
        let body = publish_body(Vec::new(), cache, uri, 7, text, doc, &[], &rope, enc, 0);
        serde_json::from_slice(&body).unwrap()
    }

    /// Paragraphs with CRLF and lone CR breaks, astral and combining
    /// characters, one long line that the split cuts mid-line, and dates
    /// with no document date (one `dct-missing` for the whole text).
    fn document() -> String {
        let mut text = String::new();
        for i in 0..4000 {
            match i % 5 {
                0 => text.push_str(&format!(
                    "Para {i}: Сергей met Jordan Peterson last June; 🇷🇺 envoys said.\r\n\r\n"
                )),
                1 => text.push_str(&format!(
                    "Para {i}: Iran 中国 e\u{301} talks resumed yesterday.\rNext: U.S. Congo.\n\n"
                )),
                2 if i == 1002 => {
                    let long = "Mr. Ivan Petrovski of Russia spoke last week; ".repeat(6000);
                    text.push_str(&format!("{long}\n\n"));
                }
                _ => text.push_str(&format!(
                    "Para {i}: Georgia and Russia fought in 2008; Mr. Raisi came on Monday.\n\n"
                )),
            }
        }
        text
    }

    #[test]
    fn rendered_diagnostics_equal_the_plain_conversion_after_edits() {
        let ctx = Context::default();
        let uri: Uri = "file:///t/big.txt".parse().unwrap();
        let mut text = document();
        for enc in [
            PositionEncoding::Utf16,
            PositionEncoding::Utf8,
            PositionEncoding::Utf32,
        ] {
            let mut regions = RegionCache::default();
            let mut cache = DiagCache::default();
            let doc = analyze_incremental(&text, &ctx, &mut regions, None);
            assert!(doc.regions.len() > 4);
            assert!(
                doc.regions
                    .iter()
                    .any(|r| r.start > 0 && !text[..r.start].ends_with('\n'))
            );
            assert_eq!(
                rendered(&mut cache, &uri, &text, &doc, enc),
                reference(&uri, &text, &doc, enc)
            );
            // Edits that add and remove lines before, inside and after
            // the long line; every version equals a fresh rendering.
            let long_at = text.find("Mr. Ivan").unwrap();
            let edits = [
                (1000, 0, "\r\n"),
                (long_at + 150_000, 0, "🎉 Iran\n"),
                (long_at + 10, 30, ""),
                (text.len() - 50, 20, "last May\n\n\n"),
                (5, 1, "Россия "),
            ];
            let n = if enc == PositionEncoding::Utf16 {
                edits.len()
            } else {
                2
            };
            for (k, (at, del, ins)) in edits.into_iter().take(n).enumerate() {
                let at = gazette::text::floor_char_boundary(&text, at);
                let end = gazette::text::floor_char_boundary(&text, at + del);
                text.replace_range(at..end, ins);
                let change = Change::replace(at, end, ins.len());
                let doc = analyze_incremental(&text, &ctx, &mut regions, Some(change));
                let got = rendered(&mut cache, &uri, &text, &doc, enc);
                assert_eq!(got, reference(&uri, &text, &doc, enc), "{enc:?} edit {k}");
                let mut fresh = DiagCache::default();
                assert_eq!(got, rendered(&mut fresh, &uri, &text, &doc, enc));
            }
        }
    }

    #[test]
    fn a_capped_message_keeps_the_most_severe_and_says_how_many_it_left_out() {
        let ctx = Context::default();
        let uri: Uri = "file:///t/big.txt".parse().unwrap();
        let text = document();
        let enc = PositionEncoding::Utf16;
        let doc = analyze_incremental(&text, &ctx, &mut RegionCache::default(), None);
        let all = reference(&uri, &text, &doc, enc)["params"]["diagnostics"]
            .as_array()
            .unwrap()
            .clone();
        let severe = all.iter().filter(|d| d["severity"] == 2).count();
        assert!(
            severe >= 1 && all.len() > severe + 10,
            "{severe} of {}",
            all.len()
        );
        let rope = Rope::from_str(&text);
        for limit in [1, 3, severe + 10, all.len(), 0] {
            let body = publish_body(
                Vec::new(),
                &mut DiagCache::default(),
                &uri,
                7,
                &text,
                &doc,
                &[],
                &rope,
                enc,
                limit,
            );
            let v: Value = serde_json::from_slice(&body).unwrap();
            let mut got = v["params"]["diagnostics"].as_array().unwrap().clone();
            if limit == 0 || limit >= all.len() {
                assert_eq!(got, all, "limit {limit}");
                continue;
            }
            // The `limit` most severe (a stable sort keeps document
            // order within a severity), in document order, then a notice.
            let mut order: Vec<usize> = (0..all.len()).collect();
            order.sort_by_key(|&i| all[i]["severity"].as_u64());
            let mut kept: Vec<usize> = order[..limit].to_vec();
            kept.sort_unstable();
            let want: Vec<Value> = kept.iter().map(|&i| all[i].clone()).collect();
            let notice = got.pop().unwrap();
            assert_eq!(got, want, "limit {limit}");
            assert_eq!(notice["code"], TOO_MANY);
            assert_eq!(notice["range"]["start"]["line"], 0);
            let message = notice["message"].as_str().unwrap();
            assert!(
                message.starts_with(&format!("{} more diagnostics", all.len() - limit)),
                "{message}"
            );
            assert!(message.contains("gazette check"), "{message}");
        }
    }

    #[test]
    fn clearing_is_an_empty_list() {
        let uri: Uri = "file:///t/a%20b.txt".parse().unwrap();
        let v: Value = serde_json::from_slice(&clear_body(&uri)).unwrap();
        assert_eq!(v["params"]["uri"], "file:///t/a%20b.txt");
        assert_eq!(v["params"]["diagnostics"], serde_json::json!([]));
    }
}
