//! Finds known multi-word surfaces by their first word: one hash lookup per
//! candidate word instead of an automaton pass over every byte.

use crate::text::byteset::ByteSet;
use crate::text::words::{char_at, char_before, is_word_char, word_end};
use rustc_hash::FxHashMap;

/// Surfaces grouped by their lower-cased first word, longest first.
#[derive(Clone, Debug, Default)]
pub struct SurfaceIndex {
    by_first: FxHashMap<Box<str>, Vec<u32>>,
    texts: Vec<Box<str>>,
    /// First words, as written, of surfaces that open with a lower-case
    /// letter ("eMbalenhle").
    lower_initial: rustc_hash::FxHashSet<Box<str>>,
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
            let written: String = s.chars().take_while(|c| is_word_char(*c)).collect();
            if written.starts_with(char::is_lowercase) {
                idx.lower_initial.insert(written.as_str().into());
            }
            let first = written.to_lowercase();
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

    /// Whether some surface opens with `word`, written so in lower case.
    pub fn opens_lower_case(&self, word: &str) -> bool {
        !self.lower_initial.is_empty() && self.lower_initial.contains(word)
    }

    /// Calls `visit(start, end, surface)` for every surface found at a word
    /// start, longest first, until `visit` accepts one (returns true); the
    /// scan then resumes after the accepted match. Words that open with a
    /// capital or a non-ASCII letter are candidates, and lower-case words
    /// only beside (across spaces) a punctuation byte of `marks`;
    /// `wants(word, start)` decides which candidates are worth a lookup.
    pub fn scan(
        &self,
        text: &str,
        marks: &ByteSet,
        wants: impl Fn(&str, usize) -> bool,
        mut visit: impl FnMut(usize, usize, usize) -> bool,
    ) {
        let bytes = text.as_bytes();
        let mut buf = String::with_capacity(MAX_KEY);
        let mut look = |start: usize| {
            let end = word_end(text, start);
            let word = &text[start..end];
            if word.len() > MAX_KEY || !wants(word, start) {
                return end;
            }
            self.accept_at(text, start, word, &mut buf, &mut visit)
                .map_or(end, |e| e.max(end))
        };
        let mut i = 0;
        // Words that start before `done` were looked up or lie in a match.
        let mut done = 0;
        while let Some(p) = marks.find(bytes, i) {
            let b = bytes[p];
            if b.is_ascii_uppercase() || b >= 0xC0 {
                let c = char_at(text, p).unwrap_or(' ');
                if p >= done && is_word_char(c) && !char_before(text, p).is_some_and(is_word_char) {
                    done = look(p);
                }
                i = (p + c.len_utf8()).max(done);
            } else if b < 0x80 {
                if let Some(s) = lower_word_before(text, p)
                    && s >= done
                {
                    done = look(s);
                }
                if let Some(s) = lower_word_after(text, p + 1)
                    && s >= done
                {
                    done = look(s);
                }
                i = (p + 1).max(done);
            } else {
                i = p + 1;
            }
        }
    }

    /// Offers the surfaces that start with `word` at `start` to `visit`,
    /// longest first; the end of the one it accepts.
    fn accept_at(
        &self,
        text: &str,
        start: usize,
        word: &str,
        buf: &mut String,
        visit: &mut impl FnMut(usize, usize, usize) -> bool,
    ) -> Option<usize> {
        let owned;
        let key: &str = if word.is_ascii() {
            buf.clear();
            buf.push_str(word);
            buf.make_ascii_lowercase();
            buf
        } else {
            owned = word.to_lowercase();
            &owned
        };
        let cands = self.by_first.get(key)?;
        for &s in cands {
            let surface = &*self.texts[s as usize];
            let end = start + surface.len();
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
                return Some(end);
            }
        }
        None
    }
}

/// Spaces and no-break spaces.
fn is_space(c: char) -> bool {
    c == ' ' || c == '\u{a0}'
}

/// Start of the word that ends (across spaces) at `mark`, if it opens
/// with an ASCII lower-case letter.
fn lower_word_before(text: &str, mark: usize) -> Option<usize> {
    let head = text[..mark].trim_end_matches(is_space);
    let word = head.len()
        - head
            .chars()
            .rev()
            .take_while(|&c| is_word_char(c))
            .map(char::len_utf8)
            .sum::<usize>();
    text.as_bytes()
        .get(word)
        .filter(|b| b.is_ascii_lowercase() && word < head.len())
        .map(|_| word)
}

/// Start of the word that begins (across spaces) at `from`, if it opens
/// with an ASCII lower-case letter.
fn lower_word_after(text: &str, from: usize) -> Option<usize> {
    let rest = text.get(from..)?;
    let s = from + (rest.len() - rest.trim_start_matches(is_space).len());
    text.as_bytes()
        .get(s)
        .filter(|b| b.is_ascii_lowercase())
        .map(|_| s)
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
            &ByteSet::capitals_and(b","),
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
