//! Line/column positions in the three encodings LSP clients negotiate.
//!
//! `LineIndex` serves plain strings (CLI, workspace index); the server's
//! open documents use ropey, which offers the same conversions.

/// How a client counts columns.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum PositionEncoding {
    Utf8,
    #[default]
    Utf16,
    Utf32,
}

impl PositionEncoding {
    /// Width of `c` in this encoding's units.
    pub fn width(self, c: char) -> usize {
        match self {
            PositionEncoding::Utf8 => c.len_utf8(),
            PositionEncoding::Utf16 => c.len_utf16(),
            PositionEncoding::Utf32 => 1,
        }
    }
}

/// Line starts of a text, for offset <-> (line, column) lookups in
/// O(log lines) plus the length of one line.
///
/// Lines end at LF, CRLF or a lone CR, as LSP defines them.
#[derive(Clone, Debug, Default)]
pub struct LineIndex {
    starts: Vec<usize>,
    len: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => starts.push(i + 1),
                b'\r' => {
                    if bytes.get(i + 1) == Some(&b'\n') {
                        i += 1;
                    }
                    starts.push(i + 1);
                }
                _ => {}
            }
            i += 1;
        }
        LineIndex {
            starts,
            len: text.len(),
        }
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// Zero-based line holding byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset.min(self.len)) {
            Ok(l) => l,
            Err(l) => l - 1,
        }
    }

    /// Zero-based (line, column) of byte `offset`, the column counted in `enc`.
    pub fn position(&self, text: &str, offset: usize, enc: PositionEncoding) -> (u32, u32) {
        let offset = super::floor_char_boundary(text, offset);
        let line = self.line_of(offset);
        let start = self.starts[line];
        let col: usize = text[start..offset].chars().map(|c| enc.width(c)).sum();
        (line as u32, col as u32)
    }

    /// Byte offset of a (line, column) position, clamped into the text: a
    /// line past the end gives the text end, a column past the line end
    /// gives the line end, and a column inside a character gives its start.
    pub fn offset(&self, text: &str, line: u32, col: u32, enc: PositionEncoding) -> usize {
        let line = line as usize;
        if line >= self.starts.len() {
            return self.len;
        }
        let start = self.starts[line];
        let end = self.line_content_end(text, line);
        let mut units = 0usize;
        for (i, c) in text[start..end].char_indices() {
            let w = enc.width(c);
            if units + w > col as usize {
                return start + i;
            }
            units += w;
        }
        end
    }

    /// End of the line's content, before its line break.
    pub fn line_content_end(&self, text: &str, line: usize) -> usize {
        let next = self.starts.get(line + 1).copied().unwrap_or(self.len);
        let bytes = text.as_bytes();
        let mut end = next;
        if end > self.starts[line] && bytes.get(end - 1) == Some(&b'\n') {
            end -= 1;
        }
        if end > self.starts[line] && bytes.get(end - 1) == Some(&b'\r') {
            end -= 1;
        }
        end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_round_trip_in_every_encoding() {
        let text = "Привет\r\n日本 🎉 e\u{301}\rlast";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_count(), 3);
        for enc in [
            PositionEncoding::Utf8,
            PositionEncoding::Utf16,
            PositionEncoding::Utf32,
        ] {
            for (b, _) in text.char_indices() {
                if text[b..].starts_with('\n') && text[..b].ends_with('\r') {
                    continue; // inside a CRLF break: not addressable
                }
                let (l, c) = idx.position(text, b, enc);
                assert_eq!(idx.offset(text, l, c, enc), b, "{enc:?} at {b}");
            }
        }
        let emoji = text.find('🎉').unwrap();
        assert_eq!(idx.position(text, emoji, PositionEncoding::Utf16), (1, 3));
        assert_eq!(idx.position(text, emoji, PositionEncoding::Utf8), (1, 7));
        assert_eq!(
            idx.position(text, emoji + 4, PositionEncoding::Utf16),
            (1, 5)
        );
    }

    #[test]
    fn out_of_range_positions_clamp() {
        let text = "ab\ncd";
        let idx = LineIndex::new(text);
        assert_eq!(idx.offset(text, 0, 99, PositionEncoding::Utf16), 2);
        assert_eq!(idx.offset(text, 9, 0, PositionEncoding::Utf16), 5);
    }
}
