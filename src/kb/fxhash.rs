//! The hasher for name tables and per-document sets: their keys are our
//! own data and the document's words, and SipHash dominated the profile of
//! name lookups. One place to choose it.

pub use rustc_hash::{FxBuildHasher, FxHashMap, FxHashSet};
