//! The only place that converts between the library's byte offsets and LSP
//! positions, in the encoding negotiated at `initialize`.

use gazette::model::Severity;
use gazette::text::PositionEncoding;
use ropey::Rope;
use tower_lsp_server::ls_types::{DiagnosticSeverity, Position, PositionEncodingKind, Range};

/// Picks the first encoding the client lists that we support; UTF-16 when
/// it lists none.
pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> PositionEncoding {
    for kind in offered.unwrap_or_default() {
        match kind.as_str() {
            "utf-8" => return PositionEncoding::Utf8,
            "utf-32" => return PositionEncoding::Utf32,
            "utf-16" => return PositionEncoding::Utf16,
            _ => {}
        }
    }
    PositionEncoding::Utf16
}

pub fn encoding_kind(enc: PositionEncoding) -> PositionEncodingKind {
    match enc {
        PositionEncoding::Utf8 => PositionEncodingKind::UTF8,
        PositionEncoding::Utf16 => PositionEncodingKind::UTF16,
        PositionEncoding::Utf32 => PositionEncodingKind::UTF32,
    }
}

/// Char index where `line`'s content ends (before its line break).
fn line_content_end_char(rope: &Rope, line: usize) -> usize {
    let mut end = if line + 1 < rope.len_lines() {
        rope.line_to_char(line + 1)
    } else {
        rope.len_chars()
    };
    let start = rope.line_to_char(line);
    if end > start && rope.char(end - 1) == '\n' {
        end -= 1;
    }
    if end > start && rope.char(end - 1) == '\r' {
        end -= 1;
    }
    end
}

/// Char index of an LSP position. Out-of-range positions clamp: a line
/// past the end gives the text end, a column past the line end the line end.
pub fn position_to_char(rope: &Rope, pos: Position, enc: PositionEncoding) -> usize {
    let line = pos.line as usize;
    if line >= rope.len_lines() {
        return rope.len_chars();
    }
    let start = rope.line_to_char(line);
    let end = line_content_end_char(rope, line);
    let col = pos.character as usize;
    let target = match enc {
        PositionEncoding::Utf32 => start + col,
        PositionEncoding::Utf16 => {
            let base = rope.char_to_utf16_cu(start);
            let end_cu = rope.char_to_utf16_cu(end);
            rope.utf16_cu_to_char((base + col).min(end_cu))
        }
        PositionEncoding::Utf8 => {
            let base = rope.char_to_byte(start);
            let end_b = rope.char_to_byte(end);
            rope.byte_to_char((base + col).min(end_b))
        }
    };
    target.min(end)
}

/// Byte offset of an LSP position (clamped as `position_to_char`).
pub fn position_to_byte(rope: &Rope, pos: Position, enc: PositionEncoding) -> usize {
    rope.char_to_byte(position_to_char(rope, pos, enc))
}

/// LSP position of byte `offset` (clamped to the text).
pub fn byte_to_position(rope: &Rope, offset: usize, enc: PositionEncoding) -> Position {
    let offset = offset.min(rope.len_bytes());
    let ch = rope.byte_to_char(offset);
    let line = rope.char_to_line(ch);
    let start = rope.line_to_char(line);
    let col = match enc {
        PositionEncoding::Utf32 => ch - start,
        PositionEncoding::Utf16 => rope.char_to_utf16_cu(ch) - rope.char_to_utf16_cu(start),
        PositionEncoding::Utf8 => rope.char_to_byte(ch) - rope.char_to_byte(start),
    };
    Position::new(line as u32, col as u32)
}

pub fn byte_range(rope: &Rope, start: usize, end: usize, enc: PositionEncoding) -> Range {
    Range::new(
        byte_to_position(rope, start, enc),
        byte_to_position(rope, end, enc),
    )
}

pub fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Information => DiagnosticSeverity::INFORMATION,
        Severity::Hint => DiagnosticSeverity::HINT,
    }
}

/// Range for a knowledge-base target line (the whole first column).
pub fn line_range(line: u32) -> Range {
    Range::new(Position::new(line, 0), Position::new(line, 0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_round_trip_with_crlf_and_astral_chars() {
        let text = "Привет\r\n日本 🎉 e\u{301}\rlast\n";
        let rope = Rope::from_str(text);
        for enc in [
            PositionEncoding::Utf8,
            PositionEncoding::Utf16,
            PositionEncoding::Utf32,
        ] {
            for (b, _) in text.char_indices() {
                if text[b..].starts_with('\n') && text[..b].ends_with('\r') {
                    continue;
                }
                let p = byte_to_position(&rope, b, enc);
                assert_eq!(position_to_byte(&rope, p, enc), b, "{enc:?} {b} {p:?}");
            }
        }
        let emoji = text.find('🎉').unwrap();
        assert_eq!(
            byte_to_position(&rope, emoji, PositionEncoding::Utf16),
            Position::new(1, 3)
        );
        assert_eq!(
            position_to_byte(&rope, Position::new(0, 999), PositionEncoding::Utf16),
            12
        );
        assert_eq!(
            position_to_byte(&rope, Position::new(99, 0), PositionEncoding::Utf16),
            text.len()
        );
    }
}
