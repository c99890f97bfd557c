//! `quire summary --tui`: the summary's figures in a terminal view. The
//! same [`Summary`](crate::summary::Summary) the other outputs print, never
//! counted again: a model (what is selected), `update` (keys to changes,
//! no I/O), `view` (drawing, no changes) and one key map. `run` owns the
//! terminal. See `docs/summary.md`.

pub mod keymap;
pub mod model;
mod terminal;
pub mod update;
pub mod view;

pub use model::{Document, Model, Tab, documents};
pub use terminal::run;
pub use update::{Msg, update};
