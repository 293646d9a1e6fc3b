//! Review progress.
