//! Word → [`WordFacts`], compact: the words' text lives in one arena string
//! and each entry is 24 bytes. With 140,000 given names and surnames, boxed
//! keys and the plain struct cost 8 MB more than the two tables this one
//! replaced, enough to take `gazette annotate` past its memory target.

use super::names::{NameInfo, NotPersonKind, TitleKind, WordFacts};
use hashbrown::HashTable;
use rustc_hash::FxBuildHasher;
use std::hash::BuildHasher;

const TITLES: [TitleKind; 6] = [
    TitleKind::Honorific,
    TitleKind::Role,
    TitleKind::Job,
    TitleKind::Military,
    TitleKind::Religious,
    TitleKind::Royal,
];

const NOT_PERSON: [NotPersonKind; 7] = [
    NotPersonKind::Calendar,
    NotPersonKind::Medium,
    NotPersonKind::OrgHead,
    NotPersonKind::Government,
    NotPersonKind::Religion,
    NotPersonKind::Event,
    NotPersonKind::Misc,
];

const GIVEN: u16 = 1;
const GIVEN_COMMON: u16 = 1 << 1;
const SURNAME: u16 = 1 << 2;
const SURNAME_COMMON: u16 = 1 << 3;
const SURFACE: u16 = 1 << 4;
const OPENER: u16 = 1 << 5;
const MAY_START_TITLE: u16 = 1 << 6;
const OPENS_PHRASE: u16 = 1 << 7;

/// [`WordFacts`] in 16 bytes.
#[derive(Clone, Copy, Debug, Default)]
struct Packed {
    given: f32,
    surname: f32,
    surface: u32,
    flags: u16,
    /// Index in [`TITLES`] plus one; 0 for none.
    title: u8,
    /// Index in [`NOT_PERSON`] plus one; 0 for none.
    not_person: u8,
}

fn index_of<T: PartialEq>(all: &[T], x: Option<T>) -> u8 {
    x.and_then(|x| all.iter().position(|k| *k == x))
        .map_or(0, |i| i as u8 + 1)
}

impl Packed {
    fn pack(f: &WordFacts) -> Packed {
        let mut flags = 0;
        let mut set = |bit: u16, on: bool| {
            if on {
                flags |= bit;
            }
        };
        set(GIVEN, f.given.is_some());
        set(GIVEN_COMMON, f.given.is_some_and(|g| g.common_word));
        set(SURNAME, f.surname.is_some());
        set(SURNAME_COMMON, f.surname.is_some_and(|s| s.common_word));
        set(SURFACE, f.surface.is_some());
        set(OPENER, f.sentence_opener);
        set(MAY_START_TITLE, f.may_start_title);
        set(OPENS_PHRASE, f.opens_phrase);
        Packed {
            given: f.given.map_or(0.0, |g| g.weight),
            surname: f.surname.map_or(0.0, |s| s.weight),
            surface: f.surface.unwrap_or(0),
            flags,
            title: index_of(&TITLES, f.title),
            not_person: index_of(&NOT_PERSON, f.not_person),
        }
    }

    fn unpack(&self) -> WordFacts {
        let on = |bit: u16| self.flags & bit != 0;
        let name = |bit: u16, common: u16, weight: f32| {
            on(bit).then_some(NameInfo {
                weight,
                common_word: on(common),
            })
        };
        WordFacts {
            given: name(GIVEN, GIVEN_COMMON, self.given),
            surname: name(SURNAME, SURNAME_COMMON, self.surname),
            title: self.title.checked_sub(1).map(|i| TITLES[usize::from(i)]),
            not_person: self
                .not_person
                .checked_sub(1)
                .map(|i| NOT_PERSON[usize::from(i)]),
            surface: on(SURFACE).then_some(self.surface),
            sentence_opener: on(OPENER),
            may_start_title: on(MAY_START_TITLE),
            opens_phrase: on(OPENS_PHRASE),
        }
    }
}

/// Words by their exact spelling, with their facts.
#[derive(Clone, Debug, Default)]
pub struct WordTable {
    arena: String,
    /// (offset in `arena`, length, facts).
    table: HashTable<(u32, u32, Packed)>,
}

fn hash(word: &str) -> u64 {
    FxBuildHasher.hash_one(word)
}

impl WordTable {
    pub fn reserve(&mut self, words: usize) {
        self.table.reserve(words, |(o, l, _)| {
            hash(&self.arena[*o as usize..][..*l as usize])
        });
    }

    fn key<'a>(arena: &'a str, entry: &(u32, u32, Packed)) -> &'a str {
        &arena[entry.0 as usize..][..entry.1 as usize]
    }

    /// The facts of `word`, if the table has it.
    pub fn get(&self, word: &str) -> Option<WordFacts> {
        self.table
            .find(hash(word), |e| Self::key(&self.arena, e) == word)
            .map(|e| e.2.unpack())
    }

    /// Applies `change` to the facts of `word`, adding it when missing.
    pub fn update(&mut self, word: &str, change: impl FnOnce(&mut WordFacts)) {
        let h = hash(word);
        let arena = &self.arena;
        if let Some(e) = self.table.find_mut(h, |e| Self::key(arena, e) == word) {
            let mut f = e.2.unpack();
            change(&mut f);
            e.2 = Packed::pack(&f);
            return;
        }
        let mut f = WordFacts::default();
        change(&mut f);
        let entry = (self.arena.len() as u32, word.len() as u32, Packed::pack(&f));
        self.arena.push_str(word);
        let arena = &self.arena;
        self.table
            .insert_unique(h, entry, |e| hash(Self::key(arena, e)));
    }

    /// Applies `change` to the facts of every word.
    pub fn update_all(&mut self, mut change: impl FnMut(&mut WordFacts)) {
        for e in self.table.iter_mut() {
            let mut f = e.2.unpack();
            change(&mut f);
            e.2 = Packed::pack(&f);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facts_survive_packing() {
        let mut t = WordTable::default();
        let full = WordFacts {
            given: Some(NameInfo {
                weight: 4.37,
                common_word: true,
            }),
            surname: Some(NameInfo {
                weight: 2.0,
                common_word: false,
            }),
            title: Some(TitleKind::Royal),
            not_person: Some(NotPersonKind::Misc),
            surface: Some(0),
            sentence_opener: true,
            may_start_title: false,
            opens_phrase: true,
        };
        t.update("Charles", |f| *f = full);
        t.update("May", |f| f.title = Some(TitleKind::Honorific));
        t.update("May", |f| f.surface = Some(7));
        assert_eq!(t.get("Charles"), Some(full));
        assert_eq!(
            t.get("May"),
            Some(WordFacts {
                title: Some(TitleKind::Honorific),
                surface: Some(7),
                ..WordFacts::default()
            })
        );
        assert_eq!(t.get("may"), None);
        t.update_all(|f| f.surface = None);
        assert_eq!(t.get("May").and_then(|f| f.surface), None);
    }
}
