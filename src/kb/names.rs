//! Given-name and surname lexicons used to judge whether a capitalised word
//! can be part of a person's name.

use super::tsv::KbError;
use std::collections::HashMap;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NameInfo {
    /// log10 of how often the name occurs in the source data.
    pub weight: f32,
    /// Also an ordinary English word ("Will", "May", "Rose").
    pub common_word: bool,
}

/// Given names and surnames; empty until the people data is loaded.
#[derive(Clone, Debug, Default)]
pub struct NameLexicon {
    pub given: HashMap<String, NameInfo>,
    pub surnames: HashMap<String, NameInfo>,
}

impl NameLexicon {
    pub fn builtin() -> Result<NameLexicon, KbError> {
        Ok(NameLexicon::default())
    }

    pub fn given_name(&self, word: &str) -> Option<NameInfo> {
        self.given.get(word).copied()
    }

    pub fn surname(&self, word: &str) -> Option<NameInfo> {
        self.surnames.get(word).copied()
    }

    /// A known given name that is not also an everyday word.
    pub fn is_clear_given_name(&self, word: &str) -> bool {
        self.given_name(word).is_some_and(|n| !n.common_word)
    }
}
