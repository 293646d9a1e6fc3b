//! Finds known multi-word surfaces by their first word: one hash lookup per
//! candidate word instead of an automaton pass over every byte.

use crate::text::words::is_word_char;
use rustc_hash::FxHashMap;

/// Surfaces grouped by their lower-cased first word, longest first.
#[derive(Clone, Debug, Default)]
pub struct SurfaceIndex {
    by_first: FxHashMap<Box<str>, Vec<u32>>,
    texts: Vec<Box<str>>,
}

/// Longest first word a surface may start with; longer words are skipped.
const MAX_KEY: usize = 48;

impl SurfaceIndex {
    pub fn new<'a>(surfaces: impl IntoIterator<Item = &'a str>) -> Self {
        let mut idx = SurfaceIndex::default();
        let mut texts: Vec<&str> = Vec::new();
        for (i, s) in surfaces.into_iter().enumerate() {
            texts.push(s);
            idx.texts.push(s.into());
            let first: String = s
                .chars()
                .take_while(|c| is_word_char(*c))
                .collect::<String>()
                .to_lowercase();
            if first.is_empty() || first.len() > MAX_KEY {
                continue;
            }
            idx.by_first
                .entry(first.into_boxed_str())
                .or_default()
                .push(i as u32);
        }
        for list in idx.by_first.values_mut() {
            list.sort_by_key(|&i| std::cmp::Reverse(texts[i as usize].len()));
        }
        idx
    }

    /// Calls `visit(start, end, surface)` for every surface found at a word
    /// start, longest first, until `visit` accepts one (returns true); the
    /// scan then resumes after the accepted match. `wants(word, start)`
    /// decides which words are worth a lookup.
    pub fn scan(
        &self,
        text: &str,
        wants: impl Fn(&str, usize) -> bool,
        mut visit: impl FnMut(usize, usize, usize) -> bool,
    ) {
        let bytes = text.as_bytes();
        let mut i = 0;
        let mut buf = String::with_capacity(MAX_KEY);
        while i < bytes.len() {
            let b = bytes[i];
            // Skip to the start of a word.
            if b.is_ascii() {
                if !b.is_ascii_alphanumeric() {
                    i += 1;
                    continue;
                }
            } else {
                let c = text[i..].chars().next().unwrap_or(' ');
                if !is_word_char(c) {
                    i += c.len_utf8();
                    continue;
                }
            }
            let start = i;
            let mut ascii = true;
            while i < bytes.len() {
                let b = bytes[i];
                if b.is_ascii() {
                    if !b.is_ascii_alphanumeric() {
                        break;
                    }
                    i += 1;
                } else {
                    let c = text[i..].chars().next().unwrap_or(' ');
                    if !is_word_char(c) {
                        break;
                    }
                    ascii = false;
                    i += c.len_utf8();
                }
            }
            let word = &text[start..i];
            if word.len() > MAX_KEY || !wants(word, start) {
                continue;
            }
            let owned;
            let key: &str = if ascii {
                buf.clear();
                buf.push_str(word);
                buf.make_ascii_lowercase();
                &buf
            } else {
                owned = word.to_lowercase();
                &owned
            };
            let Some(cands) = self.by_first.get(key) else {
                continue;
            };
            for &s in cands {
                let surface = &*self.texts[s as usize];
                let len = surface.len();
                let end = start + len;
                let Some(found) = text.get(start..end) else {
                    continue;
                };
                if !found.eq_ignore_ascii_case(surface) {
                    continue;
                }
                if text[end..].chars().next().is_some_and(is_word_char) {
                    continue;
                }
                if visit(start, end, s as usize) {
                    i = i.max(end);
                    break;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_surface_at_each_word_wins() {
        let surfaces = ["Mexico", "Mexico City", "New Mexico", "U.S.", "Türkiye"];
        let idx = SurfaceIndex::new(surfaces);
        let text = "From Mexico City to New Mexico, the U.S. and TÜRKIYE, Türkiye, mexicon";
        let mut got = Vec::new();
        idx.scan(
            text,
            |_, _| true,
            |s, e, i| {
                got.push((&text[s..e], surfaces[i]));
                true
            },
        );
        assert_eq!(
            got,
            [
                ("Mexico City", "Mexico City"),
                ("New Mexico", "New Mexico"),
                ("U.S.", "U.S."),
                ("Türkiye", "Türkiye")
            ]
        );
    }
}
