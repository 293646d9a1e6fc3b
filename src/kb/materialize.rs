//! Writes the built-in knowledge as readable files, one entry per line, so
//! go-to-definition lands on a real line the annotator can read.

use super::Kb;
use std::path::{Path, PathBuf};

const COUNTRY_HEADER: &[&str] = &[
    "# gazette built-in knowledge base: sovereign states (generated; edits here are not read back)",
    "# Sources: CLDR (Unicode-3.0), i18n-iso-countries, countries-list and i18n-nationality (MIT); see data/SOURCES.md",
    "# One state per line: canonical name [ISO alpha-2/alpha-3] official name; capital; region; aliases; demonyms",
];

/// Zero-based line of the `index`-th country in the countries file.
pub fn country_line(index: usize) -> u32 {
    (COUNTRY_HEADER.len() + index) as u32
}

/// Text of the countries file.
pub fn render_countries(kb: &Kb) -> String {
    let mut out = String::new();
    for h in COUNTRY_HEADER {
        out.push_str(h);
        out.push('\n');
    }
    for c in &kb.countries.countries {
        let aliases = c.other_aliases();
        out.push_str(&format!(
            "{} [{}/{}] {}; capital: {}; region: {} / {}; aliases: {}; demonyms: {}\n",
            c.canonical,
            c.iso2,
            c.iso3,
            c.official,
            if c.capital.is_empty() {
                "-"
            } else {
                &c.capital
            },
            c.region,
            c.subregion,
            aliases.join(", "),
            c.demonyms.join(", ")
        ));
    }
    out
}

const PEOPLE_HEADER: &[&str] = &[
    "# gazette built-in knowledge base: people (generated; edits here are not read back)",
    "# Sources: Wikidata via every-politician-scrapers (CC0) and hand-curated rows; see data/people/SOURCES.md",
    "# One person per line: canonical name [QID] country; roles; aliases",
];

/// Zero-based line of the `index`-th person in the people file.
pub fn person_line(index: usize) -> u32 {
    (PEOPLE_HEADER.len() + index) as u32
}

/// Text of the people file.
pub fn render_people(kb: &Kb) -> String {
    let mut out = String::with_capacity(kb.people.len() * 120);
    for h in PEOPLE_HEADER {
        out.push_str(h);
        out.push('\n');
    }
    for p in &kb.people.people {
        let roles: Vec<String> = p.roles.iter().map(|r| r.describe()).collect();
        let line = format!(
            "{} [{}] {}; roles: {}; aliases: {}",
            p.canonical,
            if p.qid.is_empty() { "-" } else { &p.qid },
            if p.country.is_empty() {
                "-"
            } else {
                &p.country
            },
            roles.join(", "),
            p.aliases.join(", ")
        );
        // One entry per line, whatever the data holds.
        out.push_str(&line.replace(['\n', '\r'], " "));
        out.push('\n');
    }
    out
}

/// Materialises the people file and returns its path.
pub fn people_file(kb: &Kb) -> std::io::Result<PathBuf> {
    ensure_file(&cache_dir(), "people.txt", &render_people(kb))
}

/// Directory for materialised files: `$XDG_CACHE_HOME/gazette/kb-<version>`
/// (or the platform's cache directory), overridable with `GAZETTE_CACHE_DIR`.
pub fn cache_dir() -> PathBuf {
    let base = std::env::var_os("GAZETTE_CACHE_DIR")
        .map(PathBuf::from)
        .or_else(|| dirs::cache_dir().map(|d| d.join("gazette")))
        .unwrap_or_else(|| std::env::temp_dir().join("gazette-cache"));
    base.join(format!("kb-{}", env!("CARGO_PKG_VERSION")))
}

/// Writes `name` with `contents` into `dir` unless an identical file is
/// already there; returns its path.
pub fn ensure_file(dir: &Path, name: &str, contents: &str) -> std::io::Result<PathBuf> {
    let path = dir.join(name);
    if let Ok(existing) = std::fs::read(&path)
        && existing == contents.as_bytes()
    {
        return Ok(path);
    }
    std::fs::create_dir_all(dir)?;
    crate::fsutil::write_atomic(&path, contents.as_bytes())?;
    Ok(path)
}

/// Materialises the countries file and returns its path.
pub fn countries_file(kb: &Kb) -> std::io::Result<PathBuf> {
    ensure_file(&cache_dir(), "countries.txt", &render_countries(kb))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_person_sits_on_its_line() {
        let kb = Kb::builtin();
        let text = render_people(&kb);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), PEOPLE_HEADER.len() + kb.people.len());
        for (i, p) in kb.people.people.iter().enumerate() {
            assert!(lines[person_line(i) as usize].starts_with(&p.canonical));
        }
    }

    #[test]
    fn each_country_sits_on_its_line() {
        let kb = Kb::builtin();
        let text = render_countries(&kb);
        let lines: Vec<&str> = text.lines().collect();
        for (i, c) in kb.countries.countries.iter().enumerate() {
            assert!(lines[country_line(i) as usize].starts_with(&c.canonical));
        }
    }
}
