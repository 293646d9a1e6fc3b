//! Jumping to the few bytes a recogniser cares about: names open at
//! capitals, so the lower-case bulk of a text can be skipped with one
//! table lookup per byte instead of a walk through every word.

/// A set of byte values.
pub struct ByteSet([bool; 256]);

impl ByteSet {
    /// ASCII capitals, every byte of a non-ASCII character, and `extra`.
    pub const fn capitals_and(extra: &[u8]) -> ByteSet {
        let mut t = [false; 256];
        let mut b = 0;
        while b < 256 {
            t[b] = b >= 0x80 || (b >= b'A' as usize && b <= b'Z' as usize);
            b += 1;
        }
        let mut k = 0;
        while k < extra.len() {
            t[extra[k] as usize] = true;
            k += 1;
        }
        ByteSet(t)
    }

    /// The first offset at or after `from` whose byte is in the set.
    #[inline]
    pub fn find(&self, bytes: &[u8], from: usize) -> Option<usize> {
        let rest = bytes.get(from..)?;
        rest.iter()
            .position(|&b| self.0[b as usize])
            .map(|p| from + p)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_capitals_non_ascii_and_extras_only() {
        const SET: ByteSet = ByteSet::capitals_and(b",-");
        let text = "abc De-f, ü z";
        let bytes = text.as_bytes();
        let mut got = Vec::new();
        let mut i = 0;
        while let Some(p) = SET.find(bytes, i) {
            got.push(p);
            i = p + 1;
        }
        // 'D', '-', ',', and both bytes of 'ü'.
        assert_eq!(got, [4, 6, 8, 10, 11]);
        assert_eq!(SET.find(bytes, 12), None);
        assert_eq!(SET.find(bytes, 100), None);
    }
}
