//! The one rule for user text, whatever its source: typed, pasted, read
//! from a report or a draft, or edited in `$EDITOR`. [`clean`] is applied
//! before text is kept; [`visible`] before text of any origin is written
//! to a terminal. Nothing here knows of terminals' I/O.
//!
//! What is removed, what is kept and why: `docs/security.md`, "How
//! terminal output is cleaned".

mod class;
mod clean;
mod fold;
mod sequence;
mod tabs;
mod visible;

#[cfg(test)]
mod tests;

pub use clean::{Cleaned, Removed, clean, is_clean};
pub use fold::{Folded, Folding, fold, folded};
pub use tabs::{TAB_STOP, expand_tabs};
pub use visible::{for_stream, visible};
