//! Text utilities shared by every layer: newline normalisation, code-point
//! offsets, line/column lookup, and the small character classes the
//! recognisers agree on.

pub mod byteset;
pub mod encoding;
pub mod words;

pub use encoding::{LineIndex, PositionEncoding};

/// Returns the text with CRLF and lone CR turned into LF, as Python's text
/// mode and brat read files: contract offsets are counted on this form.
pub fn normalize_newlines(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('\r') {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            if chars.peek() == Some(&'\n') {
                chars.next();
            }
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Converts increasing byte offsets into code-point offsets in one pass.
///
/// Exporters ask for offsets in document order, so a forward-only cursor
/// keeps conversion linear in the text size.
pub struct CodePointCursor<'a> {
    text: &'a str,
    byte: usize,
    chars: usize,
}

impl<'a> CodePointCursor<'a> {
    pub fn new(text: &'a str) -> Self {
        CodePointCursor {
            text,
            byte: 0,
            chars: 0,
        }
    }

    /// A cursor already at `byte`, which is code point `chars` (counted
    /// by the caller, e.g. in parallel over pieces of a large text).
    pub fn starting_at(text: &'a str, byte: usize, chars: usize) -> Self {
        CodePointCursor {
            text,
            byte: floor_char_boundary(text, byte),
            chars,
        }
    }

    /// Code-point offset of `byte`. Offsets lower than the previous call
    /// restart the scan from the beginning.
    pub fn to_char(&mut self, byte: usize) -> usize {
        let byte = floor_char_boundary(self.text, byte.min(self.text.len()));
        if byte < self.byte {
            self.byte = 0;
            self.chars = 0;
        }
        self.chars += self.text[self.byte..byte].chars().count();
        self.byte = byte;
        self.chars
    }
}

/// Byte offset of the given code-point offset (clamped to the text end).
pub fn char_to_byte(text: &str, char_offset: usize) -> usize {
    text.char_indices()
        .nth(char_offset)
        .map(|(b, _)| b)
        .unwrap_or(text.len())
}

/// Largest char boundary not above `i`.
pub fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    if i >= text.len() {
        return text.len();
    }
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Why a byte buffer cannot be analysed as an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeProblem {
    /// NUL bytes: almost certainly not a text file.
    Binary,
    /// Not UTF-8; the lossy text is still given for callers that accept it.
    InvalidUtf8 { valid_up_to: usize, lossy: String },
}

impl std::fmt::Display for DecodeProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecodeProblem::Binary => {
                f.write_str("binary file (contains NUL bytes), not a text article")
            }
            DecodeProblem::InvalidUtf8 { valid_up_to, .. } => write!(
                f,
                "not valid UTF-8 (first invalid byte at offset {valid_up_to}); save the file as UTF-8"
            ),
        }
    }
}

/// Decodes an article read from disk.
pub fn decode_article(bytes: Vec<u8>) -> Result<String, DecodeProblem> {
    let probe = &bytes[..bytes.len().min(64 * 1024)];
    if memchr::memchr(0, probe).is_some() {
        return Err(DecodeProblem::Binary);
    }
    match String::from_utf8(bytes) {
        Ok(mut s) => {
            if s.starts_with('\u{feff}') {
                s.drain(..3);
            }
            Ok(s)
        }
        Err(e) => {
            let valid_up_to = e.utf8_error().valid_up_to();
            let lossy = String::from_utf8_lossy(e.as_bytes()).into_owned();
            Err(DecodeProblem::InvalidUtf8 { valid_up_to, lossy })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newlines_are_normalised_like_python() {
        assert_eq!(normalize_newlines("a\r\nb\rc\n"), "a\nb\nc\n");
        assert!(matches!(
            normalize_newlines("plain"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn code_points_count_multibyte_once() {
        let t = "Zé 🎉 Iran";
        let mut c = CodePointCursor::new(t);
        let iran = t.find("Iran").unwrap();
        assert_eq!(c.to_char(iran), 5);
        assert_eq!(c.to_char(t.len()), 9);
        assert_eq!(c.to_char(0), 0);
        assert_eq!(char_to_byte(t, 5), iran);
        let mut c = CodePointCursor::starting_at(t, 3, 2);
        assert_eq!(c.to_char(iran), 5);
        assert_eq!(c.to_char(1), 1);
    }

    #[test]
    fn binary_and_bad_utf8_are_reported() {
        assert_eq!(decode_article(b"a\0b".to_vec()), Err(DecodeProblem::Binary));
        match decode_article(vec![b'a', 0xff, b'b']) {
            Err(DecodeProblem::InvalidUtf8 { valid_up_to, lossy }) => {
                assert_eq!(valid_up_to, 1);
                assert_eq!(lossy, "a\u{fffd}b");
            }
            other => panic!("unexpected {other:?}"),
        }
        assert_eq!(
            decode_article("\u{feff}hi".as_bytes().to_vec()).unwrap(),
            "hi"
        );
    }
}
