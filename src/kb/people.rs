//! People the knowledge base knows by name: Wikidata QID, canonical name,
//! aliases, country and dated roles.

use super::fxhash::{FxHashMap as HashMap, FxHashSet as HashSet};
use super::tsv::{self, KbError};
use crate::link::fold;
use std::sync::Arc;

/// A position held from `start` to `end` (ISO dates or years; open when empty).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Role {
    /// Shared: a few thousand positions serve tens of thousands of roles.
    pub position: Arc<str>,
    pub start: Option<String>,
    pub end: Option<String>,
}

impl Role {
    /// Parses `Position@start..end`.
    pub fn parse(s: &str) -> Role {
        let (position, span) = match s.rsplit_once('@') {
            Some((p, span)) => (p, span),
            None => (s, ""),
        };
        let (start, end) = span.split_once("..").unwrap_or((span, ""));
        let opt = |x: &str| (!x.trim().is_empty()).then(|| x.trim().to_string());
        Role {
            position: position.trim().into(),
            start: opt(start),
            end: opt(end),
        }
    }

    /// Whether the role was held on `date` (`YYYY-MM-DD`); partial dates
    /// compare on the precision they have.
    pub fn held_on(&self, date: &str) -> bool {
        let cmp = |bound: &str| {
            let n = bound.len().min(date.len());
            date[..n].cmp(&bound[..n])
        };
        let after_start = self
            .start
            .as_deref()
            .is_none_or(|s| cmp(s) != std::cmp::Ordering::Less);
        let before_end = self
            .end
            .as_deref()
            .is_none_or(|e| cmp(e) != std::cmp::Ordering::Greater);
        after_start && before_end
    }

    pub fn describe(&self) -> String {
        match (&self.start, &self.end) {
            (None, None) => self.position.to_string(),
            (Some(s), None) => format!("{} (since {s})", self.position),
            (s, Some(e)) => format!("{} ({}–{e})", self.position, s.as_deref().unwrap_or("?")),
        }
    }
}

/// A person in the knowledge base.
#[derive(Clone, Debug)]
pub struct Person {
    pub qid: String,
    pub canonical: String,
    pub aliases: Vec<String>,
    /// ISO 3166 alpha-2 code, or empty.
    pub country: String,
    pub roles: Vec<Role>,
    /// Where the entry comes from (data file or user file); shared, as
    /// whole data files name one source.
    pub source: Arc<str>,
    /// The user knowledge-base file and zero-based line that define it.
    pub origin: Option<(std::path::PathBuf, u32)>,
}

impl Person {
    /// The entity id every mention of this person shares.
    pub fn id(&self) -> String {
        person_id(&self.canonical)
    }

    pub fn wikidata_url(&self) -> Option<String> {
        (self.qid.starts_with('Q') && self.qid[1..].bytes().all(|b| b.is_ascii_digit()))
            .then(|| format!("https://www.wikidata.org/wiki/{}", self.qid))
    }

    /// Roles held on `date`, or every role when no date is given.
    pub fn roles_on(&self, date: Option<&str>) -> Vec<&Role> {
        match date {
            Some(d) => self.roles.iter().filter(|r| r.held_on(d)).collect(),
            None => self.roles.iter().collect(),
        }
    }

    /// A head of state or government or a foreign minister: people news
    /// cites by surname alone.
    pub fn is_prominent(&self) -> bool {
        self.source.contains("world-leaders")
            || self.source.contains("world/foreign")
            || self.source.contains("world/intl")
    }

    /// Canonical name and aliases.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.canonical.as_str()).chain(self.aliases.iter().map(String::as_str))
    }
}

/// `person:<slug>` for a canonical name.
pub fn person_id(canonical: &str) -> String {
    format!("person:{}", fold::slug(canonical))
}

/// Built-in and user people, with lookup indexes.
#[derive(Clone, Debug, Default)]
pub struct PeopleKb {
    pub people: Vec<Person>,
    by_qid: HashMap<Box<str>, u32>,
    /// Folded full names (canonical and aliases) → people.
    by_name: HashMap<Box<str>, Vec<u32>>,
    /// Folded last name token → people.
    by_surname: HashMap<Box<str>, Vec<u32>>,
    by_id: HashMap<Box<str>, u32>,
}

/// Name tokens that end a name without being its surname: generational
/// and regnal suffixes ("Jr.", "Charles III", "Mohammed VI").
pub fn is_generational(token: &str) -> bool {
    matches!(
        token.trim_end_matches('.'),
        "Jr" | "Jnr"
            | "Sr"
            | "Snr"
            | "II"
            | "III"
            | "IV"
            | "V"
            | "VI"
            | "VII"
            | "VIII"
            | "jr"
            | "sr"
    )
}

/// The surname token of a full name: its last token that is not "Jr."
/// or a Roman numeral; for a monarch, the regnal name ("Abdullah II of
/// Jordan" is "King Abdullah").
pub fn surname_of(name: &str) -> Option<&str> {
    let name = name.split_once(" of ").map_or(name, |(n, _)| n);
    name.split_whitespace()
        .rev()
        .find(|t| !is_generational(t))
        .map(|t| t.trim_end_matches(','))
}

/// The items in a vector with no spare room, shrunk at once: collecting
/// grows by doubling from four, and ten thousand people each with a role
/// or two held twice the memory they need until a later shrink.
fn exact<T>(items: impl Iterator<Item = T>) -> Vec<T> {
    let mut v: Vec<T> = items.collect();
    v.shrink_to_fit();
    v
}

/// "Faisal bin Farhan" of "Faisal bin Farhan Al Saud": news drops the
/// ruling house from a patronymic name.
fn without_dynasty(name: &str) -> Option<&str> {
    let (short, house) = name.rsplit_once(" Al ")?;
    let patronymic = [" bin ", " bint ", " ibn "]
        .iter()
        .any(|p| short.contains(p));
    (patronymic && !house.contains(' ') && short.split_whitespace().count() >= 3).then_some(short)
}

impl PeopleKb {
    pub fn builtin() -> Result<PeopleKb, KbError> {
        let files = [
            (
                "data/people/people.tsv",
                include_str!(concat!(
                    env!("CARGO_MANIFEST_DIR"),
                    "/data/people/people.tsv"
                )),
            ),
            (
                "data/people/people_extra.tsv",
                include_str!(concat!(
                    env!("CARGO_MANIFEST_DIR"),
                    "/data/people/people_extra.tsv"
                )),
            ),
        ];
        // Sized up front: growing the person list by doubling, then
        // shrinking it, held three copies at once at the peak.
        let rows: usize = files
            .iter()
            .map(|(_, t)| t.bytes().filter(|&b| b == b'\n').count())
            .sum();
        let mut kb = PeopleKb::with_capacity(rows);
        for (file, text) in files {
            kb.load_tsv(file, text)?;
        }
        kb.shrink_to_fit();
        Ok(kb)
    }

    /// Reads rows `qid canonical aliases country roles source`; a row whose
    /// QID is already known overrides its canonical name and adds aliases.
    pub fn load_tsv(&mut self, file: &str, text: &str) -> Result<(), KbError> {
        let mut shared: HashSet<Arc<str>> = HashSet::default();
        let mut share = |s: &str| -> Arc<str> {
            if let Some(a) = shared.get(s) {
                return a.clone();
            }
            let a: Arc<str> = s.into();
            shared.insert(a.clone());
            a
        };
        for row in tsv::rows(file, text, 2) {
            let row = row?;
            let f = &row.fields;
            let get = |i: usize| f.get(i).copied().unwrap_or("");
            let person = Person {
                qid: f[0].to_string(),
                canonical: f[1].to_string(),
                aliases: exact(tsv::list(get(2)).map(str::to_string)),
                country: get(3).to_string(),
                roles: exact(get(4).split(';').filter(|r| !r.trim().is_empty()).map(|r| {
                    let mut role = Role::parse(r);
                    role.position = share(&role.position);
                    role
                })),
                source: share(if get(5).is_empty() { file } else { get(5) }),
                origin: None,
            };
            if person.canonical.is_empty() {
                return Err(KbError {
                    file: file.into(),
                    line: row.line,
                    column: Some(f[0].len() + 2),
                    message: "a person needs a canonical name".into(),
                });
            }
            self.upsert(person);
        }
        Ok(())
    }

    /// Adds a person, or merges it into the one with the same QID: the new
    /// canonical name wins, the old one stays as an alias.
    pub fn upsert(&mut self, p: Person) -> usize {
        if let Some(&i) = self.by_qid.get(p.qid.as_str()) {
            let i = i as usize;
            let old = &mut self.people[i];
            if old.canonical != p.canonical {
                let prev = std::mem::replace(&mut old.canonical, p.canonical.clone());
                if !old.aliases.contains(&prev) {
                    old.aliases.push(prev);
                }
            }
            for a in p.aliases {
                if a != old.canonical && !old.aliases.contains(&a) {
                    old.aliases.push(a);
                }
            }
            if !p.country.is_empty() {
                old.country = p.country;
            }
            for r in p.roles {
                if !old.roles.contains(&r) {
                    old.roles.push(r);
                }
            }
            if p.origin.is_some() {
                old.origin = p.origin;
                old.source = p.source;
            }
            self.index(i);
            return i;
        }
        let i = self.people.len();
        if !p.qid.is_empty() {
            self.by_qid.insert(p.qid.as_str().into(), i as u32);
        }
        self.people.push(p);
        self.index(i);
        i
    }

    fn index(&mut self, i: usize) {
        let p = &self.people[i];
        let idx = i as u32;
        let push = |map: &mut HashMap<Box<str>, Vec<u32>>, key: String| {
            if key.is_empty() {
                return;
            }
            let v = map.entry(key.into_boxed_str()).or_default();
            if !v.contains(&idx) {
                // Most names have one bearer: no room for four.
                v.reserve_exact(1);
                v.push(idx);
            }
        };
        // Chinese and Korean names put the surname first ("Xi Jinping").
        let surname_first = matches!(
            p.country.as_str(),
            "CN" | "TW" | "HK" | "MO" | "KR" | "KP" | "SG"
        );
        for name in std::iter::once(&p.canonical).chain(&p.aliases) {
            push(&mut self.by_name, fold::fold_name(name));
            if let Some(short) = without_dynasty(name) {
                push(&mut self.by_name, fold::fold_name(short));
            }
            if surname_first
                && name.split_whitespace().count() >= 2
                && let Some(first) = name.split_whitespace().next()
            {
                push(&mut self.by_surname, fold::fold_name(first));
            }
            let own = name.split_once(" of ").map_or(name.as_str(), |(n, _)| n);
            if (own.split_whitespace().count() >= 2 || own.len() < name.len())
                && let Some(s) = surname_of(name)
            {
                push(&mut self.by_surname, fold::fold_name(s));
                // "Amir-Abdollahian" is also cited as "Abdollahian".
                if let Some((_, last)) = s.rsplit_once('-')
                    && last.chars().count() >= 4
                {
                    push(&mut self.by_surname, fold::fold_name(last));
                }
            }
        }
        self.by_id.insert(p.id().into_boxed_str(), idx);
    }

    pub fn len(&self) -> usize {
        self.people.len()
    }

    /// Room for about `n` people without growing.
    pub fn with_capacity(n: usize) -> PeopleKb {
        let hasher = Default::default;
        PeopleKb {
            people: Vec::with_capacity(n),
            by_qid: HashMap::with_capacity_and_hasher(n, hasher()),
            by_name: HashMap::with_capacity_and_hasher(n + n / 4, hasher()),
            by_surname: HashMap::with_capacity_and_hasher(n, hasher()),
            by_id: HashMap::with_capacity_and_hasher(n, hasher()),
        }
    }

    /// Gives back the room loading grew into: the built-in people stay
    /// loaded for the whole session.
    pub fn shrink_to_fit(&mut self) {
        self.people.shrink_to_fit();
        for p in &mut self.people {
            p.aliases.shrink_to_fit();
            p.roles.shrink_to_fit();
        }
        for v in self
            .by_name
            .values_mut()
            .chain(self.by_surname.values_mut())
        {
            v.shrink_to_fit();
        }
        self.by_name.shrink_to_fit();
        self.by_surname.shrink_to_fit();
        self.by_qid.shrink_to_fit();
        self.by_id.shrink_to_fit();
    }

    pub fn is_empty(&self) -> bool {
        self.people.is_empty()
    }

    pub fn get(&self, i: usize) -> &Person {
        &self.people[i]
    }

    /// People with this full name, spelling variants folded.
    pub fn by_name(&self, name: &str) -> &[u32] {
        fold::with_folded(name, |key| {
            self.by_name.get(key).map_or(&[][..], Vec::as_slice)
        })
    }

    /// People whose surname folds like `surname`.
    pub fn by_surname(&self, surname: &str) -> &[u32] {
        fold::with_folded(surname, |key| {
            self.by_surname.get(key).map_or(&[][..], Vec::as_slice)
        })
    }

    /// The person whose id is `id` (`person:sergey-lavrov`).
    pub fn by_id(&self, id: &str) -> Option<(usize, &Person)> {
        let i = *self.by_id.get(id)? as usize;
        Some((i, &self.people[i]))
    }

    /// Among `cands`, the one that best fits a document dated `date`:
    /// holding a role then, else the one with most roles.
    pub fn best_of(&self, cands: &[u32], date: Option<&str>) -> Option<usize> {
        cands.iter().map(|&i| i as usize).max_by_key(|&i| {
            let p = &self.people[i];
            let now = date.is_some_and(|d| p.roles.iter().any(|r| r.held_on(d)));
            (now, p.roles.len(), std::cmp::Reverse(i))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_people_load_with_variants() {
        let kb = PeopleKb::builtin().unwrap();
        assert!(kb.len() > 10_000);
        let lavrov = kb.by_name("Sergei Lavrov");
        assert_eq!(lavrov.len(), 1);
        let p = kb.get(lavrov[0] as usize);
        assert_eq!(p.canonical, "Sergey Lavrov");
        assert_eq!(p.id(), "person:sergey-lavrov");
        assert!(kb.by_surname("Lavrov").contains(&lavrov[0]));
        assert_eq!(
            p.wikidata_url().as_deref(),
            Some("https://www.wikidata.org/wiki/Q58217")
        );
        assert!(kb.by_id("person:sergey-lavrov").is_some());
    }

    #[test]
    fn roles_are_dated() {
        let r = Role::parse("President of Russia@2012..");
        assert!(r.held_on("2024-05-01"));
        assert!(!r.held_on("2010-01-01"));
        let r = Role::parse("Prime Minister@2008-05-08..2012-05-07");
        assert!(r.held_on("2012-05"));
        assert!(!r.held_on("2013-01-01"));
        assert_eq!(r.describe(), "Prime Minister (2008-05-08–2012-05-07)");
    }

    #[test]
    fn extra_rows_override_by_qid() {
        let mut kb = PeopleKb::default();
        kb.load_tsv(
            "a",
            "Q1\tHossein Amirabdollahian\tHossein Amir Abdollahian\tIR\t\tx\n",
        )
        .unwrap();
        kb.load_tsv("b", "Q1\tHossein Amir-Abdollahian\t\t\t\tx\n")
            .unwrap();
        assert_eq!(kb.len(), 1);
        assert_eq!(kb.get(0).canonical, "Hossein Amir-Abdollahian");
        assert!(
            kb.get(0)
                .aliases
                .contains(&"Hossein Amirabdollahian".to_string())
        );
        assert_eq!(kb.by_surname("Abdollahian"), &[0]);
    }

    #[test]
    fn a_patronymic_name_without_its_ruling_house() {
        let mut kb = PeopleKb::default();
        kb.load_tsv("a", "Q1\tFaisal bin Farhan Al Saud\t\tSA\t\tx\n")
            .unwrap();
        assert_eq!(kb.by_name("Faisal bin Farhan"), &[0]);
        // only after "bin"/"ibn"/"bint", and never down to two words
        assert_eq!(without_dynasty("Hassan Al Saud"), None);
        assert_eq!(without_dynasty("Ali bin Al Saud"), None);
    }

    #[test]
    fn english_wikipedia_titles_and_recent_people() {
        let kb = PeopleKb::builtin().unwrap();
        let canonical = |n: &str| {
            kb.best_of(kb.by_name(n), None)
                .map(|i| kb.get(i).canonical.as_str())
        };
        assert_eq!(canonical("Shinzō Abe"), Some("Shinzo Abe"));
        assert_eq!(
            canonical("Mohammad bin Salman"),
            Some("Mohammed bin Salman")
        );
        assert_eq!(canonical("Kim Jong-un"), Some("Kim Jong Un"));
        assert_eq!(canonical("J.D. Vance"), Some("JD Vance"));
        assert_eq!(canonical("Andrii Yermak"), Some("Andriy Yermak"));
        // an old label moved to an alias resolves to the one person
        assert_eq!(kb.by_name("Andriy Yermak").len(), 1);
        assert_eq!(canonical("Keir Starmer"), Some("Keir Starmer"));
        assert_eq!(canonical("Abu Mohammed al-Jolani"), Some("Ahmed al-Sharaa"));
        assert_eq!(
            canonical("Ferdinand Marcos Jnr"),
            Some("Ferdinand Marcos Jr.")
        );
    }

    /// The foreign minister of `country` on `date`, by the built-in roles.
    fn foreign_minister<'a>(kb: &'a PeopleKb, country: &str, date: &str) -> Vec<&'a str> {
        let mut v: Vec<&str> = kb
            .people
            .iter()
            .filter(|p| p.country == country)
            .filter(|p| {
                p.roles.iter().any(|r| {
                    let pos = r.position.to_lowercase();
                    (pos.contains("foreign affairs") || pos == "united states secretary of state")
                        && !pos.contains("deputy")
                        && !pos.contains("minister of state")
                        && r.held_on(date)
                })
            })
            .map(|p| p.canonical.as_str())
            .collect();
        v.sort();
        v.dedup();
        v
    }

    #[test]
    fn recent_foreign_ministers_are_known_with_their_tenures() {
        let kb = PeopleKb::builtin().unwrap();
        assert_eq!(
            foreign_minister(&kb, "US", "2024-06-01"),
            ["Antony Blinken"]
        );
        assert_eq!(foreign_minister(&kb, "US", "2025-06-01"), ["Marco Rubio"]);
        assert_eq!(foreign_minister(&kb, "TR", "2025-06-01"), ["Hakan Fidan"]);
        assert_eq!(
            foreign_minister(&kb, "IR", "2025-06-01"),
            ["Abbas Araghchi"]
        );
        assert_eq!(
            foreign_minister(&kb, "DE", "2025-06-01"),
            ["Johann Wadephul"]
        );
        // People no pinned source gives a QID for keep an empty one.
        let fidan = kb.by_name("Hakan Fidan");
        assert_eq!(fidan.len(), 1);
        let p = kb.get(fidan[0] as usize);
        assert!(p.qid.is_empty() && p.wikidata_url().is_none());
        assert_eq!(p.country, "TR");
    }
}
