//! Large documents are analysed as independent regions, cached by content,
//! so an edit costs in proportion to the region it touches.
//!
//! Region boundaries are content-defined (a paragraph break whose
//! paragraph hashes to a marker, once a region is big enough), so an edit
//! moves only the boundaries next to it and every other region keeps its
//! cache entry. The split is a pure function of the text: a document
//! analysed after a thousand edits equals the same text opened fresh.

use crate::model::{Finding, TextEdit};
use crate::time::{DateMention, Dct};
use crate::{Analysis, Context, analyze_text};
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHasher};
use std::hash::{Hash, Hasher};
use std::sync::Arc;

/// Documents up to this size are analysed whole.
pub const WHOLE_LIMIT: usize = 256 * 1024;
const MIN_REGION: usize = 16 * 1024;
const MAX_REGION: usize = 96 * 1024;

/// Per-region analyses of the last version of one document.
#[derive(Default, Debug)]
pub struct RegionCache {
    map: FxHashMap<(u64, usize), Arc<Analysis>>,
    dct: Option<jiff::civil::Date>,
}

impl RegionCache {
    pub fn clear(&mut self) {
        self.map.clear();
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

fn hash(s: &str) -> u64 {
    let mut h = FxHasher::default();
    s.hash(&mut h);
    h.finish()
}

/// Byte ranges covering `text`, cut at paragraph breaks.
pub fn split(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut regions = Vec::new();
    let mut start = 0;
    let mut para_start = 0;
    let finder = memchr::memmem::Finder::new(b"\n\n");
    let mut pos = 0;
    while pos < bytes.len() {
        let para_end = match finder.find(&bytes[pos..]) {
            Some(i) => pos + i + 2,
            None => bytes.len(),
        };
        let paragraph = &text[para_start..para_end];
        let size = para_end - start;
        let marker = hash(paragraph) & 7 == 0;
        if size >= MAX_REGION || (size >= MIN_REGION && marker) || para_end == bytes.len() {
            if size > MAX_REGION * 2 {
                // One huge paragraph: cut it at spaces near the limit.
                let mut s = start;
                while para_end - s > MAX_REGION * 2 {
                    let target = crate::text::floor_char_boundary(text, s + MAX_REGION);
                    let cut = text[target..para_end]
                        .find(['\n', ' '])
                        .map_or(para_end, |i| target + i + 1);
                    regions.push((s, cut));
                    s = cut;
                }
                regions.push((s, para_end));
            } else {
                regions.push((start, para_end));
            }
            start = para_end;
        }
        para_start = para_end;
        pos = para_end;
    }
    if regions.is_empty() {
        regions.push((0, text.len()));
    }
    regions
}

/// Analyses `text` region by region, reusing `cache` where a region's
/// text is unchanged.
pub fn analyze(
    text: &str,
    ctx: &Context,
    dct: Option<Dct>,
    cache: Option<&mut RegionCache>,
) -> Analysis {
    let regions = split(text);
    let dct_date = dct.as_ref().map(|d| d.date);
    let mut fresh_cache = RegionCache::default();
    let cache = cache.unwrap_or(&mut fresh_cache);
    if cache.dct != dct_date {
        cache.clear();
        cache.dct = dct_date;
    }
    let keys: Vec<(u64, usize)> = regions
        .iter()
        .map(|&(s, e)| (hash(&text[s..e]), e - s))
        .collect();
    let missing: Vec<usize> = (0..regions.len())
        .filter(|&i| !cache.map.contains_key(&keys[i]))
        .collect();
    let computed: Vec<(usize, Arc<Analysis>)> = missing
        .par_iter()
        .map(|&i| {
            let (s, e) = regions[i];
            (i, Arc::new(analyze_text(&text[s..e], ctx, dct.clone())))
        })
        .collect();
    let mut next: FxHashMap<(u64, usize), Arc<Analysis>> = FxHashMap::default();
    for (i, a) in computed {
        next.insert(keys[i], a);
    }
    let mut out = Analysis {
        dct,
        ..Analysis::default()
    };
    let mut dct_missing_seen = false;
    for (i, &(start, _)) in regions.iter().enumerate() {
        let a = match next.get(&keys[i]) {
            Some(a) => a.clone(),
            None => match cache.map.get(&keys[i]) {
                Some(a) => {
                    next.insert(keys[i], a.clone());
                    a.clone()
                }
                None => continue,
            },
        };
        out.entities.extend(a.entities.iter().map(|e| {
            let mut e = e.clone();
            e.start += start;
            e.end += start;
            e
        }));
        for f in &a.findings {
            // Document-level findings are reported once.
            if f.code == "dct-missing" {
                if dct_missing_seen {
                    continue;
                }
                dct_missing_seen = true;
            }
            out.findings.push(shift_finding(f, start));
        }
        out.dates
            .extend(a.dates.iter().map(|d| shift_date(d, start)));
    }
    cache.map = next;
    out
}

fn shift_finding(f: &Finding, by: usize) -> Finding {
    let mut f = f.clone();
    f.start += by;
    f.end += by;
    for fix in &mut f.fixes {
        for TextEdit { start, end, .. } in &mut fix.edits {
            // Edits at the very top (front matter) stay at the top.
            if *start == 0 && *end == 0 && fix.title.contains("front matter") {
                continue;
            }
            *start += by;
            *end += by;
        }
    }
    f
}

fn shift_date(d: &DateMention, by: usize) -> DateMention {
    let mut d = d.clone();
    d.start += by;
    d.end += by;
    if let Some(w) = &mut d.weekday {
        w.start += by;
        w.end += by;
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    fn big(paragraphs: usize) -> String {
        (0..paragraphs)
            .map(|i| format!("Paragraph {i}: Russia and Iran met in Geneva on 3 July 2024; Chinese envoys came.\n\n"))
            .collect()
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
        let first = analyze(&text, &ctx, None, Some(&mut cache));
        let mut edited = text.clone();
        let at = text[500_000..].find("\n\n").unwrap() + 500_002;
        edited.insert_str(at, "Pakistan ");
        let again = analyze(&edited, &ctx, None, Some(&mut cache));
        let fresh = analyze(&edited, &ctx, None, None);
        assert_eq!(again.entities, fresh.entities);
        assert_eq!(again.findings, fresh.findings);
        assert_eq!(again.entities.len(), first.entities.len() + 1);
    }
}
