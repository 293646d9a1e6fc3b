//! The knowledge base: built-in data compiled into the binary, plus the
//! user's own files layered on top.

pub mod countries;
pub mod fxhash;
pub mod materialize;
pub mod names;
pub mod people;
pub mod surface_index;
pub mod tsv;
pub mod user;
mod word_table;

use crate::kb::fxhash::FxHashMap as HashMap;
use std::sync::{Arc, OnceLock};

pub use countries::{Country, CountryData, DemonymKind, PlaceKind, SurfaceTarget};
pub use names::NameLexicon;
pub use people::PeopleKb;
pub use tsv::KbError;

/// Everything the recognisers and linkers know.
pub struct Kb {
    pub countries: CountryData,
    pub people: PeopleKb,
    pub names: NameLexicon,
    /// Finds every country, demonym and place surface by its first word.
    pub surfaces: surface_index::SurfaceIndex,
    /// Exact country, demonym and place surfaces → index in `countries.surfaces`.
    pub surface_by_text: HashMap<Box<str>, u32>,
}

impl std::fmt::Debug for Kb {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Kb")
            .field("countries", &self.countries.countries.len())
            .field("surfaces", &self.countries.surfaces.len())
            .field("people", &self.people.len())
            .finish()
    }
}

macro_rules! builtin_file {
    ($path:literal) => {
        (
            $path,
            include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/", $path)),
        )
    };
}

impl Kb {
    /// The built-in knowledge, loaded once per process.
    pub fn builtin() -> Arc<Kb> {
        static KB: OnceLock<Arc<Kb>> = OnceLock::new();
        KB.get_or_init(|| {
            // The embedded files are checked by the test suite, so a failure
            // here is a build defect, not user input.
            Arc::new(Kb::load_builtin().expect("built-in knowledge base is valid"))
        })
        .clone()
    }

    fn load_builtin() -> Result<Kb, KbError> {
        let countries = CountryData::load(&countries::CountrySources {
            countries: builtin_file!("data/countries/countries.tsv"),
            demonyms: builtin_file!("data/countries/demonyms.tsv"),
            ambiguous: builtin_file!("data/countries/ambiguous.tsv"),
            places: builtin_file!("data/places/places.tsv"),
            cues: builtin_file!("data/countries/cues.tsv"),
        })?;
        let people = PeopleKb::builtin()?;
        let names = NameLexicon::builtin()?;
        Kb::assemble(countries, people, names)
    }

    /// Builds the matchers over already-loaded data.
    pub fn assemble(
        countries: CountryData,
        people: PeopleKb,
        mut names: NameLexicon,
    ) -> Result<Kb, KbError> {
        names.mark_surfaces(countries.surfaces.iter().map(|s| s.text.as_str()));
        let surfaces =
            surface_index::SurfaceIndex::new(countries.surfaces.iter().map(|s| s.text.as_str()));
        let surface_by_text = countries
            .surfaces
            .iter()
            .enumerate()
            .map(|(i, s)| (s.text.as_str().into(), i as u32))
            .collect();
        Ok(Kb {
            surface_by_text,
            countries,
            people,
            names,
            surfaces,
        })
    }
}

impl Kb {
    /// The country, demonym or place surface spelled exactly `s`.
    pub fn surface_of(&self, s: &str) -> Option<u32> {
        self.surface_by_text.get(s).copied()
    }

    pub fn is_surface(&self, s: &str) -> bool {
        self.surface_of(s).is_some()
    }

    /// What the lexicons and the surfaces know of one word (no spaces).
    pub fn word(&self, w: &str) -> names::WordFacts {
        self.names.facts(w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One lookup of a word's facts answers as each table would.
    #[test]
    fn word_facts_agree_with_every_table() {
        let kb = Kb::builtin();
        let first = |k: &str| {
            k.split_once(char::is_whitespace)
                .map(|(f, _)| f.to_string())
        };
        for (k, kind) in &kb.names.titles {
            match first(k) {
                None => assert_eq!(kb.word(k).title, Some(*kind), "{k}"),
                Some(f) => assert!(kb.word(&f).may_start_title, "{k}"),
            }
        }
        for (k, kind) in &kb.names.not_person {
            match first(k) {
                None => assert_eq!(kb.word(k).not_person, Some(*kind), "{k}"),
                Some(f) => assert!(kb.word(&f).opens_phrase, "{k}"),
            }
        }
        for (k, &i) in &kb.surface_by_text {
            match first(k) {
                None => assert_eq!(kb.word(k).surface, Some(i), "{k}"),
                Some(f) => assert!(kb.word(&f).opens_phrase, "{k}"),
            }
        }
        let cues = include_str!("../../data/people/person_cues.tsv");
        let openers: Vec<&str> = cues
            .lines()
            .filter_map(|l| l.strip_suffix("\tsentence-opener"))
            .collect();
        assert!(openers.len() > 20);
        for k in openers {
            assert!(kb.word(k).sentence_opener, "{k}");
        }
        assert!(kb.word("Sergei").given.is_some());
        assert!(kb.word("Lavrov").surname.is_some());
        assert_eq!(kb.word("Qwzxv"), names::WordFacts::default());
        assert_eq!(kb.word("Russia").surface, kb.surface_of("Russia"));
        assert!(kb.word("Russia").surface.is_some());
    }

    #[test]
    fn builtin_knowledge_loads() {
        let kb = Kb::builtin();
        assert!(kb.countries.country("RU").is_some());
        let us = kb.countries.country("US").unwrap();
        assert!(us.aliases.iter().any(|a| a == "U.S."));
    }
}
