//! Where an article's own date comes from.

use jiff::civil::Date;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DctSource {
    /// `--document-date` or the client's setting.
    Override,
    /// A `date:` key in a front-matter block at the top of the file.
    FrontMatter,
    /// A dateline or byline the article carries.
    Dateline,
}

impl DctSource {
    pub fn describe(self) -> &'static str {
        match self {
            DctSource::Override => "set by --document-date or the editor setting",
            DctSource::FrontMatter => "from the front matter",
            DctSource::Dateline => "from the article's dateline",
        }
    }
}

/// The document creation time and where it was found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dct {
    pub date: Date,
    pub source: DctSource,
    /// Byte span of the text it was read from, when it came from the text.
    pub span: Option<(usize, usize)>,
}

/// Finds the DCT the text itself carries: front matter first, then a dateline.
pub fn detect_dct(text: &str) -> Option<Dct> {
    front_matter_date(text)
}

/// `---\ndate: 2024-05-20\n---` at the very top of the file.
fn front_matter_date(text: &str) -> Option<Dct> {
    let body = text.strip_prefix("---")?;
    let body = body
        .strip_prefix("\r\n")
        .or_else(|| body.strip_prefix('\n'))?;
    let offset = text.len() - body.len();
    let mut pos = offset;
    for line in body.split_inclusive('\n') {
        let trimmed = line.trim_end_matches(['\n', '\r']);
        if trimmed == "---" || trimmed == "..." {
            return None;
        }
        if let Some(rest) = trimmed.strip_prefix("date:") {
            let value = rest.trim().trim_matches(['"', '\'']);
            let day = value.get(..10).unwrap_or(value);
            if let Ok(date) = day.parse::<Date>() {
                let start = pos + trimmed.find(day).unwrap_or(0);
                return Some(Dct {
                    date,
                    source: DctSource::FrontMatter,
                    span: Some((start, start + day.len())),
                });
            }
        }
        pos += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_date_is_read() {
        let t = "---\ntitle: x\ndate: 2024-05-20\n---\nBody";
        let d = detect_dct(t).unwrap();
        assert_eq!(d.date.to_string(), "2024-05-20");
        assert_eq!(d.source, DctSource::FrontMatter);
        let (s, e) = d.span.unwrap();
        assert_eq!(&t[s..e], "2024-05-20");
        assert!(detect_dct("date: 2024-05-20\n").is_none());
    }
}
