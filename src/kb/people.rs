//! People the knowledge base knows by name.

use super::tsv::KbError;

/// A person in the knowledge base.
#[derive(Clone, Debug)]
pub struct Person {
    pub qid: String,
    pub canonical: String,
    pub aliases: Vec<String>,
    pub country: String,
    pub roles: Vec<String>,
}

/// Built-in and user people; empty until the people data lands.
#[derive(Clone, Debug, Default)]
pub struct PeopleKb {
    pub people: Vec<Person>,
}

impl PeopleKb {
    pub fn builtin() -> Result<PeopleKb, KbError> {
        Ok(PeopleKb::default())
    }

    pub fn len(&self) -> usize {
        self.people.len()
    }

    pub fn is_empty(&self) -> bool {
        self.people.is_empty()
    }
}
