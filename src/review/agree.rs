//! Agreement between reviewers.
