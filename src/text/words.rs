//! Word boundaries and simple tokens for prose.

/// A letter, digit or combining mark: the characters a name is made of.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining(c)
}

fn is_combining(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// Character before byte `i`, if any.
pub fn char_before(text: &str, i: usize) -> Option<char> {
    text.get(..i)?.chars().next_back()
}

/// Character at byte `i`, if any.
pub fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..)?.chars().next()
}

/// The word just before byte `start` on the same line, skipping spaces and
/// one comma.
pub fn previous_word(text: &str, start: usize) -> Option<&str> {
    let mut i = start;
    while let Some(c) = char_before(text, i) {
        if c == ' ' || c == '\u{a0}' || c == ',' {
            i -= c.len_utf8();
        } else {
            break;
        }
    }
    let end = i;
    while let Some(c) = char_before(text, i) {
        if is_word_char(c) || c == '.' {
            i -= c.len_utf8();
        } else {
            break;
        }
    }
    (i < end)
        .then(|| text[i..end].trim_end_matches('.'))
        .filter(|w| !w.is_empty())
}

/// The word just after byte `end` on the same line, skipping spaces and
/// hyphens.
pub fn next_word(text: &str, end: usize) -> Option<&str> {
    let mut i = end;
    while let Some(c) = char_at(text, i) {
        if c == ' ' || c == '\u{a0}' || c == '-' {
            i += c.len_utf8();
        } else {
            break;
        }
    }
    let start = i;
    while let Some(c) = char_at(text, i) {
        if is_word_char(c) {
            i += c.len_utf8();
        } else {
            break;
        }
    }
    (i > start).then(|| &text[start..i])
}

/// End of the run of word characters from `start` (ASCII bytes tested
/// without decoding: this runs for every capitalised word of a text).
/// Whether a possessive "'s" (or "’s") begins at `end`: "Kagame's party".
pub fn possessive_at(text: &str, end: usize) -> bool {
    let rest = &text[end..];
    rest.starts_with("'s") || rest.starts_with("’s")
}

pub fn word_end(text: &str, start: usize) -> usize {
    let bytes = text.as_bytes();
    let mut i = start;
    while let Some(&b) = bytes.get(i) {
        if b.is_ascii() {
            if !b.is_ascii_alphanumeric() {
                break;
            }
            i += 1;
        } else {
            match char_at(text, i) {
                Some(c) if is_word_char(c) => i += c.len_utf8(),
                _ => break,
            }
        }
    }
    i
}

/// True when `start..end` is not glued to letters or digits on either side.
pub fn is_whole_word(text: &str, start: usize, end: usize) -> bool {
    let before_ok = char_before(text, start).is_none_or(|c| !is_word_char(c));
    let after_ok = char_at(text, end).is_none_or(|c| !is_word_char(c));
    before_ok && after_ok
}

/// A run of word characters, with internal apostrophes, hyphens and
/// periods of initials kept out (each piece is its own token).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
}

impl Token {
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }
}

/// Word tokens of `text`, in order.
pub fn tokens(text: &str) -> impl Iterator<Item = Token> + '_ {
    let mut iter = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let start = loop {
            let (i, c) = iter.next()?;
            if is_word_char(c) {
                break i;
            }
        };
        let mut end = text.len();
        while let Some(&(i, c)) = iter.peek() {
            if !is_word_char(c) {
                end = i;
                break;
            }
            iter.next();
        }
        Some(Token { start, end })
    })
}

/// True when the word starting at `start` opens a sentence: nothing but
/// spaces, quotes or brackets between it and the previous `.`, `!`, `?`,
/// `:` or a line break (or the start of the text).
pub fn starts_sentence(text: &str, start: usize) -> bool {
    for c in text[..start].chars().rev() {
        match c {
            ' ' | '\t' | '"' | '\'' | '“' | '‘' | '(' | '[' | '«' | '”' | '»' | '\u{a0}' | '*'
            | '_' | '#' | '-' | '—' | '–' => continue,
            '\n' | '\r' | '.' | '!' | '?' | ':' | '•' | '|' => return true,
            _ => return false,
        }
    }
    true
}

/// The line holding byte `i`, as a byte range without its line break.
pub fn line_bounds(text: &str, i: usize) -> (usize, usize) {
    let b = text.as_bytes();
    let i = i.min(b.len());
    let start = memchr::memrchr2(b'\n', b'\r', &b[..i]).map_or(0, |p| p + 1);
    let end = memchr::memchr2(b'\n', b'\r', &b[i..]).map_or(b.len(), |p| i + p);
    (start, end)
}

/// True when the line's letters are (nearly) all upper case: headlines
/// and shouted captions, where case carries no information.
pub fn line_is_upper_case(text: &str, i: usize) -> bool {
    let (s, e) = line_bounds(text, i);
    let (mut upper, mut lower) = (0usize, 0usize);
    for c in text[s..e].chars() {
        if c.is_uppercase() {
            upper += 1;
        } else if c.is_lowercase() {
            lower += 1;
        }
    }
    upper >= 8 && lower * 10 <= upper
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_split_on_punctuation() {
        let t = "Xi’s U.S.-China talks, 2024";
        let words: Vec<_> = tokens(t).map(|tk| tk.text(t)).collect();
        assert_eq!(words, ["Xi", "s", "U", "S", "China", "talks", "2024"]);
    }

    #[test]
    fn whole_words_and_sentences() {
        let t = "Iranians. Iran said";
        assert!(!is_whole_word(t, 0, 4));
        assert!(is_whole_word(t, 10, 14));
        assert!(starts_sentence(t, 10));
        assert!(!starts_sentence(t, 15));
        assert!(starts_sentence(t, 0));
        assert!(line_is_upper_case("RUSSIA AND CHINA SIGN DEAL", 3));
        assert!(!line_is_upper_case("Russia and China", 3));
    }
}
