//! Reviewers' decisions stored beside an article as brat standoff.
//!
//! (API overview: see the end of this comment once the module is complete.)

pub mod ann;
mod offsets;

pub use ann::{AnnDoc, ParseError, ParseErrors, parse};
pub use offsets::OffsetMap;
