//! Large documents are analysed as independent regions, so an edit costs
//! in proportion to the region it touches.
//!
//! Region boundaries are content-defined (a paragraph break whose
//! paragraph hashes to a marker, once a region is big enough), so an edit
//! moves only the boundaries next to it. The split is a pure function of
//! the text: a document analysed after a thousand edits equals the same
//! text opened fresh. After an edit the split restarts at the last clean
//! boundary before the change and stops as soon as it meets a boundary of
//! the previous split again: every region outside that window keeps its
//! analysis (`Arc`-shared, shifted only by its start).
//!
//! A few facts belong to the whole document rather than to a region (one
//! `dct-missing` counting every unresolved date, the document-date fix);
//! [`DocAnalysis`] derives them from per-region summaries, in time
//! proportional to the number of regions.

use crate::lint::dates as date_lint;
use crate::model::{Finding, Fix};
use crate::text::PositionEncoding;
use crate::time::{DateMention, Dct};
use crate::{Analysis, Context, analyze_text};
use jiff::civil::Date;
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHasher};
use std::hash::{Hash, Hasher};
use std::sync::Arc;

/// Documents up to this size are analysed whole.
pub const WHOLE_LIMIT: usize = 256 * 1024;
const MIN_REGION: usize = 6 * 1024;
const MAX_REGION: usize = 48 * 1024;

const DCT_MISSING: &str = "dct-missing";
const DATE_UNRESOLVED: &str = "date-unresolved";

/// Line breaks of a stretch of text: enough to place a following stretch.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Shape {
    /// LF, CRLF and lone CR, each counted once (as LSP counts lines).
    pub breaks: usize,
    /// The text after the last break (all of it when there is none), in
    /// UTF-8 bytes, UTF-16 units and code points.
    pub tail_utf8: usize,
    pub tail_utf16: usize,
    pub tail_chars: usize,
}

impl Shape {
    pub fn of(text: &str) -> Shape {
        let bytes = text.as_bytes();
        let mut breaks = 0;
        let mut tail_start = 0;
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            // A CR followed by LF breaks once, at the LF.
            if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                continue;
            }
            breaks += 1;
            tail_start = i + 1;
        }
        let tail = &text[tail_start..];
        Shape {
            breaks,
            tail_utf8: tail.len(),
            tail_utf16: tail.chars().map(char::len_utf16).sum(),
            tail_chars: tail.chars().count(),
        }
    }

    /// Length of the tail in `enc`'s units.
    pub fn tail(&self, enc: PositionEncoding) -> usize {
        match enc {
            PositionEncoding::Utf8 => self.tail_utf8,
            PositionEncoding::Utf16 => self.tail_utf16,
            PositionEncoding::Utf32 => self.tail_chars,
        }
    }
}

/// The analysis of one region's text (offsets relative to the region),
/// with the summaries document-level facts are derived from.
#[derive(Debug)]
pub struct RegionResult {
    pub analysis: Arc<Analysis>,
    pub shape: Shape,
    /// Relative dates no document date resolves.
    unresolved: usize,
    /// The latest day the region spells out.
    latest_day: Option<Date>,
    /// Index of the region's own `dct-missing` finding.
    dct_missing: Option<usize>,
}

impl RegionResult {
    fn new(text: &str, analysis: Analysis) -> RegionResult {
        let dct = analysis.dct.as_ref();
        RegionResult {
            unresolved: analysis
                .dates
                .iter()
                .filter(|m| date_lint::is_unresolved(m, dct))
                .count(),
            latest_day: date_lint::latest_written_day(&analysis.dates),
            dct_missing: analysis.findings.iter().position(|f| f.code == DCT_MISSING),
            shape: Shape::of(text),
            analysis: Arc::new(analysis),
        }
    }
}

/// One region of a document.
#[derive(Clone, Debug)]
pub struct Region {
    /// Byte offset of the region in the document.
    pub start: usize,
    pub len: usize,
    hash: u64,
    /// The split closed the region at a paragraph break (not a cut inside
    /// a long paragraph, not the text end): a split may restart here.
    clean: bool,
    pub result: Arc<RegionResult>,
}

impl Region {
    pub fn end(&self) -> usize {
        self.start + self.len
    }
}

/// A document's analysis as regions (one region for documents up to
/// [`WHOLE_LIMIT`]), plus the facts that span regions.
#[derive(Debug)]
pub struct DocAnalysis {
    pub dct: Option<Dct>,
    /// In document order, covering the text.
    pub regions: Vec<Region>,
    /// (region, finding index) of the one `dct-missing` the document
    /// reports: the first region's.
    dct_missing: Option<(usize, usize)>,
    /// Relative dates that no document date resolves, in all regions.
    unresolved: usize,
    /// The fix `date-unresolved` and `dct-missing` offer, for the whole
    /// document (a region only knows its own dates and may not begin the
    /// text).
    date_fix: Option<Fix>,
}

impl DocAnalysis {
    /// A document analysed whole.
    pub fn whole(text: &str, analysis: Analysis) -> DocAnalysis {
        let dct = analysis.dct.clone();
        let region = Region {
            start: 0,
            len: text.len(),
            hash: 0,
            clean: false,
            result: Arc::new(RegionResult::new(text, analysis)),
        };
        DocAnalysis::new(text, dct, vec![region])
    }

    fn new(text: &str, dct: Option<Dct>, regions: Vec<Region>) -> DocAnalysis {
        let mut dct_missing = None;
        let mut unresolved = 0;
        let mut latest = None;
        for (r, region) in regions.iter().enumerate() {
            let res = &region.result;
            unresolved += res.unresolved;
            latest = latest.max(res.latest_day);
            if dct_missing.is_none() {
                dct_missing = res.dct_missing.map(|i| (r, i));
            }
        }
        let date_fix = (unresolved > 0).then(|| date_lint::document_date_fix(text, latest));
        DocAnalysis {
            dct,
            regions,
            dct_missing,
            unresolved,
            date_fix,
        }
    }

    /// Whether finding `i` of region `r` is reported: each region's
    /// `dct-missing` but the first is folded into the document's one.
    pub fn reports(&self, r: usize, i: usize) -> bool {
        match self.regions[r].result.dct_missing {
            Some(j) if j == i => self.dct_missing == Some((r, i)),
            _ => true,
        }
    }

    /// The document's message for finding `i` of region `r` where it
    /// differs from the region's own (the `dct-missing` count).
    pub fn message_override(&self, r: usize, i: usize) -> Option<String> {
        (self.regions.len() > 1 && self.dct_missing == Some((r, i)))
            .then(|| date_lint::dct_missing_message(self.unresolved))
    }

    /// The whole document as one flat [`Analysis`] (shared, not copied,
    /// for a document analysed whole).
    pub fn flatten(&self) -> Arc<Analysis> {
        if let [only] = self.regions.as_slice()
            && only.start == 0
        {
            return only.result.analysis.clone();
        }
        let mut out = Analysis {
            dct: self.dct.clone(),
            ..Analysis::default()
        };
        let all = 0..self.regions.len();
        out.entities = self.entities_of(all.clone());
        out.findings = self.findings_of(all.clone());
        out.dates = self.dates_of(all);
        Arc::new(out)
    }

    /// [`flatten`](Self::flatten), made from `flat`, the flattened
    /// `prev` (the version this one was analysed from): only what lies
    /// in regions that changed is copied, the rest is moved and shifted.
    pub fn flatten_from(&self, prev: &DocAnalysis, mut flat: Analysis) -> Arc<Analysis> {
        let (p, n) = (prev.regions.len(), self.regions.len());
        let old_len = prev.regions.last().map_or(0, Region::end);
        let new_len = self.regions.last().map_or(0, Region::end);
        let delta = new_len as isize - old_len as isize;
        let same = |a: &Region, b: &Region, shift: isize| {
            Arc::ptr_eq(&a.result, &b.result) && b.start as isize - a.start as isize == shift
        };
        let mut k = 0;
        while k < p.min(n) && same(&prev.regions[k], &self.regions[k], 0) {
            k += 1;
        }
        let mut m = 0;
        while m < (p - k).min(n - k)
            && same(&prev.regions[p - 1 - m], &self.regions[n - 1 - m], delta)
        {
            m += 1;
        }
        let single = n == 1 && self.regions[0].start == 0;
        let count = |doc: &DocAnalysis, f: fn(&Analysis) -> usize| -> usize {
            doc.regions.iter().map(|r| f(&r.result.analysis)).sum()
        };
        if single
            || flat.entities.len() != count(prev, |a| a.entities.len())
            || flat.dates.len() != count(prev, |a| a.dates.len())
        {
            return self.flatten();
        }
        let sum = |range: std::ops::Range<usize>, f: fn(&Analysis) -> usize| -> usize {
            prev.regions[range]
                .iter()
                .map(|r| f(&r.result.analysis))
                .sum()
        };
        let mid = k..n - m;
        // Entities and dates: the changed regions' are replaced, those
        // after them move by the change in length.
        let (head, tail) = (
            sum(0..k, |a| a.entities.len()),
            sum(p - m..p, |a| a.entities.len()),
        );
        let end = flat.entities.len() - tail;
        flat.entities
            .splice(head..end, self.entities_of(mid.clone()));
        let len = flat.entities.len();
        for e in &mut flat.entities[len - tail..] {
            e.start = e.start.wrapping_add_signed(delta);
            e.end = e.end.wrapping_add_signed(delta);
        }
        let (head, tail) = (
            sum(0..k, |a| a.dates.len()),
            sum(p - m..p, |a| a.dates.len()),
        );
        let end = flat.dates.len() - tail;
        flat.dates.splice(head..end, self.dates_of(mid.clone()));
        let len = flat.dates.len();
        for d in &mut flat.dates[len - tail..] {
            shift_date_by(d, delta);
        }
        // Findings too, unless a document-level fact changed with them.
        let chosen = |doc: &DocAnalysis, kept: &dyn Fn(usize) -> bool| {
            doc.dct_missing
                .map(|(r, i)| (kept(r), Arc::as_ptr(&doc.regions[r].result), i))
        };
        let facts_kept = self.unresolved == prev.unresolved
            && self.date_fix == prev.date_fix
            && match (
                chosen(prev, &|r| r < k || r >= p - m),
                chosen(self, &|r| r < k || r >= n - m),
            ) {
                (None, None) => true,
                (Some((true, a, i)), Some((true, b, j))) => a == b && i == j,
                _ => false,
            };
        let reported = |doc: &DocAnalysis, range: std::ops::Range<usize>| -> usize {
            range
                .map(|r| {
                    let all = doc.regions[r].result.analysis.findings.len();
                    all - (0..all).filter(|&i| !doc.reports(r, i)).count()
                })
                .sum()
        };
        if facts_kept && flat.findings.len() == reported(prev, 0..p) {
            let (head, tail) = (reported(prev, 0..k), reported(prev, p - m..p));
            let end = flat.findings.len() - tail;
            flat.findings.splice(head..end, self.findings_of(mid));
            let len = flat.findings.len();
            for f in &mut flat.findings[len - tail..] {
                f.start = f.start.wrapping_add_signed(delta);
                f.end = f.end.wrapping_add_signed(delta);
                if self.date_fix.is_some() && uses_date_fix(f) {
                    continue; // the document's fix, at the top
                }
                for e in f.fixes.iter_mut().flat_map(|x| x.edits.iter_mut()) {
                    e.start = e.start.wrapping_add_signed(delta);
                    e.end = e.end.wrapping_add_signed(delta);
                }
            }
        } else {
            flat.findings = self.findings_of(0..n);
        }
        flat.dct = self.dct.clone();
        Arc::new(flat)
    }

    fn entities_of(&self, regions: std::ops::Range<usize>) -> Vec<crate::model::Entity> {
        let regions = &self.regions[regions];
        let mut out = Vec::with_capacity(
            regions
                .iter()
                .map(|r| r.result.analysis.entities.len())
                .sum(),
        );
        for region in regions {
            let by = region.start;
            out.extend(region.result.analysis.entities.iter().map(|e| {
                let mut e = e.clone();
                e.start += by;
                e.end += by;
                e
            }));
        }
        out
    }

    fn dates_of(&self, regions: std::ops::Range<usize>) -> Vec<DateMention> {
        let regions = &self.regions[regions];
        let mut out =
            Vec::with_capacity(regions.iter().map(|r| r.result.analysis.dates.len()).sum());
        for region in regions {
            out.extend(
                region
                    .result
                    .analysis
                    .dates
                    .iter()
                    .map(|d| shift_date(d, region.start)),
            );
        }
        out
    }

    fn findings_of(&self, regions: std::ops::Range<usize>) -> Vec<Finding> {
        let mut out = Vec::new();
        for r in regions {
            let region = &self.regions[r];
            for (i, f) in region.result.analysis.findings.iter().enumerate() {
                if !self.reports(r, i) {
                    continue;
                }
                let mut f = shift_finding(f, region.start);
                if let Some(m) = self.message_override(r, i) {
                    f.message = m;
                }
                if uses_date_fix(&f)
                    && let Some(fix) = &self.date_fix
                {
                    f.fixes = vec![fix.clone()];
                }
                out.push(f);
            }
        }
        out
    }
}

/// The finding offers the document-date fix.
fn uses_date_fix(f: &Finding) -> bool {
    f.code == DCT_MISSING || f.code == DATE_UNRESOLVED
}

/// The previous version of one document, reused by the next analysis.
#[derive(Default, Debug)]
pub struct RegionCache {
    prev: Option<Arc<DocAnalysis>>,
}

impl RegionCache {
    pub fn clear(&mut self) {
        self.prev = None;
    }

    /// Regions of the last analysed version.
    pub fn len(&self) -> usize {
        self.prev.as_ref().map_or(0, |d| d.regions.len())
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Where a text differs from the version a [`RegionCache`] holds: bytes
/// `start..old_end` of the old text became `start..new_end` of the new
/// one, and everything else is the same. It may be wider than the real
/// change, never narrower.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Change {
    pub start: usize,
    pub old_end: usize,
    pub new_end: usize,
}

impl Change {
    /// One replacement of `start..old_end` by `new_len` bytes.
    pub fn replace(start: usize, old_end: usize, new_len: usize) -> Change {
        Change {
            start,
            old_end,
            new_end: start + new_len,
        }
    }

    /// The change from `old` to `new`, found by comparing them.
    pub fn between(old: &str, new: &str) -> Change {
        let (a, b) = (old.as_bytes(), new.as_bytes());
        let n = a.len().min(b.len());
        let start = a.iter().zip(b).position(|(x, y)| x != y).unwrap_or(n);
        let tail = a[start..]
            .iter()
            .rev()
            .zip(b[start..].iter().rev())
            .position(|(x, y)| x != y)
            .unwrap_or(n - start);
        Change {
            start,
            old_end: a.len() - tail,
            new_end: b.len() - tail,
        }
    }

    /// This change followed by `next` (in the coordinates of the text
    /// this change produced).
    pub fn then(self, next: Change) -> Change {
        let start = self.start.min(next.start);
        // The dirty stretch ends at the later of the two ends, in the
        // text between the changes; past `self.new_end` that text is
        // the old one.
        let mid_end = self.new_end.max(next.old_end);
        let old_end = self.old_end + (mid_end - self.new_end);
        let new_end = mid_end + (next.new_end - next.start) - (next.old_end - next.start);
        Change {
            start,
            old_end,
            new_end,
        }
    }
}

fn hash(s: &str) -> u64 {
    let mut h = FxHasher::default();
    s.hash(&mut h);
    h.finish()
}

/// Cuts `text` into regions from `from` on, which must be 0 or a clean
/// boundary of the text's split. `emit(start, end, clean)` returns false
/// to stop.
fn scan(text: &str, from: usize, mut emit: impl FnMut(usize, usize, bool) -> bool) {
    let bytes = text.as_bytes();
    let finder = memchr::memmem::Finder::new(b"\n\n");
    let mut start = from;
    let mut pos = from;
    while pos < bytes.len() {
        let para_end = match finder.find(&bytes[pos..]) {
            Some(i) => pos + i + 2,
            None => bytes.len(),
        };
        let size = para_end - start;
        let last = para_end == bytes.len();
        let close = last
            || size >= MAX_REGION
            || (size >= MIN_REGION && hash(&text[pos..para_end]) & 7 == 0);
        if close {
            let mut s = start;
            if size > MAX_REGION * 2 {
                // One huge paragraph: cut it at spaces near the limit.
                while para_end - s > MAX_REGION * 2 {
                    let target = crate::text::floor_char_boundary(text, s + MAX_REGION);
                    let cut = text[target..para_end]
                        .find(['\n', ' '])
                        .map_or(para_end, |i| target + i + 1);
                    if cut >= para_end {
                        break;
                    }
                    if !emit(s, cut, false) {
                        return;
                    }
                    s = cut;
                }
            }
            if !emit(s, para_end, !last) {
                return;
            }
            start = para_end;
        }
        pos = para_end;
    }
}

/// Byte ranges covering `text`, cut at paragraph breaks.
pub fn split(text: &str) -> Vec<(usize, usize)> {
    let mut regions = Vec::new();
    scan(text, 0, |s, e, _| {
        regions.push((s, e));
        true
    });
    if regions.is_empty() {
        regions.push((0, text.len()));
    }
    regions
}

/// Analyses a whole document, reusing `cache` (the previous version) for
/// every region the edit left alone, and leaves this version in `cache`.
/// `change` says where the text differs from that version; without it,
/// the text is split afresh and unchanged regions are found by content.
pub fn analyze_doc(
    text: &str,
    ctx: &Context,
    dct: Option<Dct>,
    cache: &mut RegionCache,
    change: Option<Change>,
) -> Arc<DocAnalysis> {
    let doc = if text.len() <= WHOLE_LIMIT {
        DocAnalysis::whole(text, analyze_text(text, ctx, dct))
    } else {
        let prev = cache.prev.as_ref().filter(|old| {
            let old_len = old.regions.last().map_or(0, Region::end);
            old_len > WHOLE_LIMIT
                && old.dct.as_ref().map(|d| d.date) == dct.as_ref().map(|d| d.date)
        });
        let regions = match (prev, change) {
            (Some(old), Some(change)) if fits(old, text, change) => {
                resplit(old, text, change, ctx, &dct)
            }
            (Some(old), _) => {
                let known = old
                    .regions
                    .iter()
                    .map(|r| ((r.hash, r.len), r.result.clone()))
                    .collect();
                build(text, cuts(text), &known, ctx, &dct)
            }
            (None, _) => build(text, cuts(text), &FxHashMap::default(), ctx, &dct),
        };
        DocAnalysis::new(text, dct, regions)
    };
    let doc = Arc::new(doc);
    cache.prev = Some(doc.clone());
    doc
}

/// Whether `change` can describe `text` against `old`.
fn fits(old: &DocAnalysis, text: &str, c: Change) -> bool {
    let old_len = old.regions.last().map_or(0, Region::end);
    c.start <= c.old_end
        && c.start <= c.new_end
        && c.old_end <= old_len
        && c.new_end <= text.len()
        && old_len - c.old_end == text.len() - c.new_end
}

/// Analyses `text` region by region with no previous version.
pub fn analyze_fresh(text: &str, ctx: &Context, dct: Option<Dct>) -> DocAnalysis {
    if text.len() <= WHOLE_LIMIT {
        return DocAnalysis::whole(text, analyze_text(text, ctx, dct));
    }
    let regions = build(text, cuts(text), &FxHashMap::default(), ctx, &dct);
    DocAnalysis::new(text, dct, regions)
}

fn cuts(text: &str) -> Vec<(usize, usize, bool)> {
    let mut cuts = Vec::new();
    scan(text, 0, |s, e, clean| {
        cuts.push((s, e, clean));
        true
    });
    cuts
}

/// Regions for `cuts`, reusing `known` results by (hash, length) and
/// analysing the others in parallel.
fn build(
    text: &str,
    cuts: Vec<(usize, usize, bool)>,
    known: &FxHashMap<(u64, usize), Arc<RegionResult>>,
    ctx: &Context,
    dct: &Option<Dct>,
) -> Vec<Region> {
    let region = |(s, e, clean): (usize, usize, bool)| {
        let part = &text[s..e];
        let h = hash(part);
        let result = match known.get(&(h, e - s)) {
            Some(r) => r.clone(),
            None => Arc::new(RegionResult::new(
                part,
                analyze_text(part, ctx, dct.clone()),
            )),
        };
        Region {
            start: s,
            len: e - s,
            hash: h,
            clean,
            result,
        }
    };
    // The few regions an edit touches are analysed on this thread: handing
    // them to the pool means waiting for a worker, which may be busy.
    if cuts.len() <= SERIAL_REGIONS {
        cuts.into_iter().map(region).collect()
    } else {
        cuts.into_par_iter().map(region).collect()
    }
}

/// Up to this many regions are analysed without the thread pool.
pub const SERIAL_REGIONS: usize = 2;

/// The regions of `text`, given the previous version's analysis and
/// where the text changed: only the window around the change is split
/// and analysed.
fn resplit(
    old: &DocAnalysis,
    text: &str,
    change: Change,
    ctx: &Context,
    dct: &Option<Dct>,
) -> Vec<Region> {
    let t0 = std::time::Instant::now();
    let old_len = old.regions.last().map_or(0, Region::end);
    let new_len = text.len();
    if change.start == change.old_end && change.start == change.new_end {
        return old.regions.clone();
    }
    let lo = change.start;
    let new_hi = change.new_end;
    let regs = &old.regions;
    // Regions wholly before the change, up to a clean boundary, stay.
    let mut keep = regs.partition_point(|r| r.end() <= lo);
    while keep > 0 && !regs[keep - 1].clean {
        keep -= 1;
    }
    let from = if keep == 0 { 0 } else { regs[keep - 1].end() };
    // Past the change, a clean boundary the old split also had (shifted)
    // means the rest of the split is the old one.
    let mut cuts = Vec::new();
    let mut resync = regs.len();
    scan(text, from, |s, e, clean| {
        cuts.push((s, e, clean));
        if clean && e >= new_hi {
            let q = e + old_len - new_len;
            let j = regs.partition_point(|r| r.end() < q);
            if j < regs.len() && regs[j].end() == q && regs[j].clean {
                resync = j + 1;
                return false;
            }
        }
        true
    });
    let known: FxHashMap<(u64, usize), Arc<RegionResult>> = regs[keep..resync]
        .iter()
        .map(|r| ((r.hash, r.len), r.result.clone()))
        .collect();
    let t_split = t0.elapsed();
    let window_len = cuts.len();
    let window = build(text, cuts, &known, ctx, dct);
    tracing::debug!(
        split_ms = t_split.as_secs_f64() * 1e3,
        analysis_ms = (t0.elapsed() - t_split).as_secs_f64() * 1e3,
        window = window_len,
        kept = keep,
        after = regs.len() - resync,
        "resplit"
    );
    let mut regions = Vec::with_capacity(keep + window.len() + regs.len() - resync);
    regions.extend_from_slice(&regs[..keep]);
    regions.extend(window);
    regions.extend(regs[resync..].iter().map(|r| {
        let mut r = r.clone();
        r.start = r.start + new_len - old_len;
        r
    }));
    regions
}

fn shift_finding(f: &Finding, by: usize) -> Finding {
    let mut f = f.clone();
    f.start += by;
    f.end += by;
    for fix in &mut f.fixes {
        for e in &mut fix.edits {
            e.start += by;
            e.end += by;
        }
    }
    f
}

fn shift_date(d: &DateMention, by: usize) -> DateMention {
    let mut d = d.clone();
    shift_date_by(&mut d, by as isize);
    d
}

fn shift_date_by(d: &mut DateMention, by: isize) {
    d.start = d.start.wrapping_add_signed(by);
    d.end = d.end.wrapping_add_signed(by);
    if let Some(w) = &mut d.weekday {
        w.start = w.start.wrapping_add_signed(by);
        w.end = w.end.wrapping_add_signed(by);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn big(paragraphs: usize) -> String {
        (0..paragraphs)
            .map(|i| {
                let when = if i % 7 == 0 {
                    "last week"
                } else {
                    "on 3 July 2024"
                };
                format!(
                    "Paragraph {i}: Russia and Iran met in Geneva {when}; Chinese envoys came.\n\n"
                )
            })
            .collect()
    }

    fn cached(text: &str, cache: &mut RegionCache, change: Option<Change>) -> Arc<Analysis> {
        let ctx = Context::default();
        let dct = crate::document_dct(text, &ctx);
        analyze_doc(text, &ctx, dct, cache, change).flatten()
    }

    #[test]
    fn regions_cover_the_text_and_resync_after_an_edit() {
        let text = big(8000);
        let r = split(&text);
        assert_eq!(r.first().unwrap().0, 0);
        assert_eq!(r.last().unwrap().1, text.len());
        assert!(r.windows(2).all(|w| w[0].1 == w[1].0));
        assert!(r.len() > 4);
        let mut edited = text.clone();
        edited.insert_str(1000, "Iranians ");
        let r2 = split(&edited);
        let same = r2
            .iter()
            .filter(|&&(s, e)| {
                r.iter()
                    .any(|&(a, b)| b - a == e - s && text[a..b] == edited[s..e])
            })
            .count();
        assert!(same + 2 >= r2.len(), "{same} of {}", r2.len());
    }

    #[test]
    fn cached_analysis_equals_a_fresh_one() {
        let ctx = Context::default();
        let text = big(8000);
        let mut cache = RegionCache::default();
        let first = cached(&text, &mut cache, None);
        let mut edited = text.clone();
        let at = text[500_000..].find("\n\n").unwrap() + 500_002;
        edited.insert_str(at, "Pakistan ");
        let again = cached(&edited, &mut cache, None);
        let fresh = crate::analyze(&edited, &ctx);
        assert_eq!(again.entities, fresh.entities);
        assert_eq!(again.findings, fresh.findings);
        assert_eq!(again.entities.len(), first.entities.len() + 1);
    }

    /// Edits at the edges of regions, inside long paragraphs, at the ends
    /// of the text and across the whole-document limit: the incremental
    /// split and analysis equal a fresh one, and regions away from the
    /// edit keep their analysis.
    #[test]
    fn incremental_split_equals_a_fresh_split() {
        let ctx = Context::default();
        let mut text = big(6000);
        // A paragraph far longer than a region, with and without spaces.
        let long: String = "Iran and Russia talk ".repeat(12_000);
        text.insert_str(200_000, &format!("{long}\n\n"));
        text.insert_str(450_000, &format!("{}\n\n", "x".repeat(250_000)));
        let mut cache = RegionCache::default();
        cached(&text, &mut cache, None);
        let boundaries: Vec<usize> = split(&text).iter().map(|r| r.1).collect();
        let mut points = vec![0, 1, text.len() - 1, text.len()];
        for b in boundaries.iter().step_by(3) {
            points.extend([b.saturating_sub(1), *b, b + 1]);
        }
        let edits = [
            "",
            "\n\n",
            "Iranians ",
            "\n",
            " ",
            "yesterday ",
            "on 9 May 2031 ",
        ];
        for (k, &p) in points.iter().enumerate() {
            let at = crate::text::floor_char_boundary(&text, p.min(text.len()));
            let del = if k % 3 == 0 { 0 } else { (k * 7) % 40 };
            let end = crate::text::floor_char_boundary(&text, (at + del).min(text.len()));
            let old = text.clone();
            text.replace_range(at..end, edits[k % edits.len()]);
            // The change as the editor reports it, or as a comparison
            // finds it (narrower when the edit repeats its neighbours).
            let change = if k % 2 == 0 {
                Change::replace(at, end, edits[k % edits.len()].len())
            } else {
                Change::between(&old, &text)
            };
            let before = cache.prev.clone();
            let inc = cached(&text, &mut cache, Some(change));
            // The flat analysis made from the previous one is the same.
            if let Some(before) = &before {
                let now = cache.prev.as_ref().unwrap();
                let prev_flat = Arc::unwrap_or_clone(before.flatten());
                let moved = now.flatten_from(before, prev_flat);
                assert_eq!(moved.entities, inc.entities, "edit {k}");
                assert_eq!(moved.findings, inc.findings, "edit {k}");
                assert_eq!(moved.dates, inc.dates, "edit {k}");
                assert_eq!(moved.dct, inc.dct, "edit {k}");
            }
            let fresh = analyze_fresh(&text, &ctx, crate::document_dct(&text, &ctx));
            let got: Vec<(usize, usize)> = cache
                .prev
                .as_ref()
                .unwrap()
                .regions
                .iter()
                .map(|r| (r.start, r.end()))
                .collect();
            let want: Vec<(usize, usize)> =
                fresh.regions.iter().map(|r| (r.start, r.end())).collect();
            assert_eq!(got, want, "edit {k} at {at}");
            assert_eq!(split(&text), want);
            let fresh_flat = fresh.flatten();
            assert_eq!(inc.entities, fresh_flat.entities, "edit {k}");
            assert_eq!(inc.findings, fresh_flat.findings, "edit {k}");
            assert_eq!(inc.dates, fresh_flat.dates, "edit {k}");
            // Most of the text kept its analysis: at most the paragraph
            // the edit is in (the long one is cut into several regions,
            // all re-cut when the edit precedes them) and a few regions
            // around it were re-analysed.
            if let Some(before) = before {
                let now = cache.prev.as_ref().unwrap();
                let analysed: usize = now
                    .regions
                    .iter()
                    .filter(|r| {
                        !before
                            .regions
                            .iter()
                            .any(|o| Arc::ptr_eq(&o.result, &r.result))
                    })
                    .map(|r| r.len)
                    .sum();
                assert!(
                    analysed <= long.len() + 4 * MAX_REGION,
                    "edit {k}: {analysed} bytes re-analysed"
                );
            }
        }
        // Shrinking below the whole-document limit and growing back.
        let len = text.len();
        text.truncate(100_000);
        let inc = cached(&text, &mut cache, Some(Change::replace(100_000, len, 0)));
        assert_eq!(inc.entities, crate::analyze(&text, &ctx).entities);
        let add = big(5000);
        text.push_str(&add);
        let inc = cached(
            &text,
            &mut cache,
            Some(Change::replace(100_000, 100_000, add.len())),
        );
        assert_eq!(inc.findings, crate::analyze(&text, &ctx).findings);
        // A change that cannot describe the text is not trusted.
        text.insert_str(1000, "Iran ");
        let inc = cached(&text, &mut cache, Some(Change::replace(0, 0, 0)));
        assert_eq!(inc.entities, crate::analyze(&text, &ctx).entities);
    }

    proptest::proptest! {
        /// Composed edits describe the whole change: what lies outside
        /// it is the same before and after.
        #[test]
        fn changes_compose(
            start in "[a-c\\n]{0,40}",
            edits in proptest::collection::vec((0usize..60, 0usize..8, "[a-c\\n]{0,6}"), 1..12),
        ) {
            let mut text = start.clone();
            let mut change: Option<Change> = None;
            for (at, del, ins) in edits {
                let at = at.min(text.len());
                let end = (at + del).min(text.len());
                text.replace_range(at..end, &ins);
                let c = Change::replace(at, end, ins.len());
                change = Some(match change {
                    Some(prev) => prev.then(c),
                    None => c,
                });
            }
            let c = change.unwrap();
            proptest::prop_assert_eq!(&start[..c.start], &text[..c.start]);
            proptest::prop_assert_eq!(&start[c.old_end..], &text[c.new_end..]);
            // Never smaller than the least change (where that change sits
            // is ambiguous in repeated text: "a" → "aa").
            let exact = Change::between(&start, &text);
            proptest::prop_assert!(c.new_end - c.start >= exact.new_end - exact.start);
        }
    }

    /// Facts that span regions are those of the whole document: one
    /// `dct-missing` counting every unresolved date, and a document-date
    /// fix at the top of the text naming the latest date of any region.
    #[test]
    fn document_facts_span_regions() {
        let ctx = Context::default();
        let para = |i: usize| {
            if i == 3000 {
                "The accord of 9 September 2031 was signed last June.\n\n".to_string()
            } else {
                format!("Paragraph {i}: talks resumed last week in Geneva.\n\n")
            }
        };
        let text: String = (0..6000).map(para).collect();
        let a = crate::analyze(&text, &ctx);
        let missing: Vec<&Finding> = a
            .findings
            .iter()
            .filter(|f| f.code == DCT_MISSING)
            .collect();
        assert_eq!(missing.len(), 1);
        let unresolved = a
            .findings
            .iter()
            .filter(|f| f.code == DATE_UNRESOLVED)
            .count();
        assert_eq!(unresolved, 6000);
        assert!(
            missing[0].message.contains("6000 relative dates"),
            "{}",
            missing[0].message
        );
        for f in a
            .findings
            .iter()
            .filter(|f| f.code == DATE_UNRESOLVED || f.code == DCT_MISSING)
        {
            assert_eq!(f.fixes.len(), 1);
            assert!(
                f.fixes[0].title.contains("2031-09-09"),
                "{}",
                f.fixes[0].title
            );
            assert_eq!((f.fixes[0].edits[0].start, f.fixes[0].edits[0].end), (0, 0));
        }
        // Front matter without a date gets the key, whatever the region.
        let fm = format!("---\ntitle: x\n---\n{text}");
        let a = crate::analyze(&fm, &ctx);
        let last = a
            .findings
            .iter()
            .rfind(|f| f.code == DATE_UNRESOLVED)
            .unwrap();
        assert_eq!(last.fixes[0].edits[0].start, 4);
        assert!(
            last.fixes[0].edits[0]
                .new_text
                .starts_with("date: 2031-09-09")
        );
    }

    #[test]
    fn shapes_count_lsp_line_breaks() {
        let s = Shape::of("a\r\nb\rc\nдé🎉");
        assert_eq!(s.breaks, 3);
        assert_eq!((s.tail_utf8, s.tail_utf16, s.tail_chars), (2 + 2 + 4, 4, 3));
        assert_eq!(Shape::of("abc").breaks, 0);
        assert_eq!(Shape::of("abc\r").tail_chars, 0);
    }
}
