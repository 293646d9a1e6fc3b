//! Mention → entity: knowledge-base lookup, in-document coreference and
//! spelling variants.

pub mod fold;
pub mod people;
