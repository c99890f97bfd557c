//! quire: fill in questionnaires in the terminal and publish the report.
//!
//! The core (`questionnaire`, `answers`, `flow`, `report`, `workspace`)
//! knows nothing of terminals and is tested without one; the front ends
//! (`tui`, `accessible`) only call it.

pub mod accessible;
pub mod answers;
pub mod draft;
pub mod external_editor;
pub mod flow;
pub mod paths;
pub mod questionnaire;
pub mod report;
pub mod summary;
pub mod summary_view;
pub mod template;
pub mod text;
pub mod tui;
pub mod wording;
pub mod workspace;
