//! Byte offsets of the article as the analysis sees it <-> code points of
//! the LF-normalised text, as brat standoff counts them (contract).
//!
//! The article may contain CRLF or lone CR line breaks; each counts as one
//! code point (`\n`) in the normalised text. A byte offset that falls
//! inside a character (or between the `\r` and `\n` of a CRLF) maps to the
//! code point that character starts at (floor).

/// A conversion table for one article text.
#[derive(Clone, Debug)]
pub struct OffsetMap {
    /// Byte start (in the raw text) of each normalised code point, plus the
    /// raw text length at the end: `len_chars() + 1` entries.
    starts: Vec<usize>,
    /// Byte start of each code point in `normalized`, plus its length.
    nstarts: Vec<usize>,
    normalized: String,
}

impl OffsetMap {
    pub fn new(text: &str) -> Self {
        let mut starts = Vec::with_capacity(text.len() + 1);
        let mut nstarts = Vec::with_capacity(text.len() + 1);
        let mut normalized = String::with_capacity(text.len());
        let mut it = text.char_indices().peekable();
        while let Some((i, c)) = it.next() {
            starts.push(i);
            nstarts.push(normalized.len());
            if c == '\r' {
                if let Some(&(_, '\n')) = it.peek() {
                    it.next();
                }
                normalized.push('\n');
            } else {
                normalized.push(c);
            }
        }
        starts.push(text.len());
        nstarts.push(normalized.len());
        OffsetMap {
            starts,
            nstarts,
            normalized,
        }
    }

    /// The LF-normalised text (what brat reads).
    pub fn normalized(&self) -> &str {
        &self.normalized
    }

    /// Number of code points of the normalised text.
    pub fn len_chars(&self) -> usize {
        self.starts.len() - 1
    }

    /// Length of the raw text in bytes.
    pub fn len_bytes(&self) -> usize {
        *self.starts.last().unwrap_or(&0)
    }

    /// Code-point offset (normalised text) of raw byte offset `byte`
    /// (clamped to the text end; inside a character: that character).
    pub fn to_char(&self, byte: usize) -> usize {
        let byte = byte.min(self.len_bytes());
        self.starts.partition_point(|&s| s <= byte) - 1
    }

    /// Raw byte offset of code point `ch` (clamped to the text end).
    pub fn to_byte(&self, ch: usize) -> usize {
        self.starts[ch.min(self.len_chars())]
    }

    /// The normalised text of code points `start..end` (clamped).
    pub fn slice_chars(&self, start: usize, end: usize) -> &str {
        let s = self.nstarts[start.min(self.len_chars())];
        let e = self.nstarts[end.max(start).min(self.len_chars())];
        &self.normalized[s..e]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn crlf_counts_once() {
        let t = "Zé\r\nIran\rx";
        let m = OffsetMap::new(t);
        assert_eq!(m.normalized(), "Zé\nIran\nx");
        let iran = t.find("Iran").unwrap();
        assert_eq!(m.to_char(iran), 3);
        assert_eq!(m.to_byte(3), iran);
        assert_eq!(m.slice_chars(3, 7), "Iran");
        // between \r and \n: the break itself
        assert_eq!(m.to_char(iran - 1), 2);
        assert_eq!(m.to_char(t.len()), m.len_chars());
        assert_eq!(m.to_byte(999), t.len());
    }

    proptest! {
        #[test]
        fn offsets_round_trip(s in "(\r\n|\r|\n|[a-zé🎉 ]|日){0,40}") {
            let m = OffsetMap::new(&s);
            prop_assert_eq!(m.normalized(), &*crate::text::normalize_newlines(&s));
            prop_assert_eq!(m.len_chars(), m.normalized().chars().count());
            for c in 0..=m.len_chars() {
                prop_assert_eq!(m.to_char(m.to_byte(c)), c);
            }
            for (b, _) in s.char_indices() {
                let inside_crlf = s[b..].starts_with('\n') && s[..b].ends_with('\r');
                if !inside_crlf {
                    prop_assert_eq!(m.to_byte(m.to_char(b)), b);
                }
            }
            // slices agree with the normalised text
            let n: Vec<char> = m.normalized().chars().collect();
            for a in 0..=n.len() {
                for b in a..=n.len() {
                    let expect: String = n[a..b].iter().collect();
                    prop_assert_eq!(m.slice_chars(a, b), expect.as_str());
                }
            }
        }
    }
}
