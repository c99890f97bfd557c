//! quire: fill in questionnaires in the terminal and publish the report.
//!
//! The core (`questionnaire`, `answers`, `flow`, `report`) knows nothing of
//! terminals and is tested without one.

pub mod answers;
pub mod draft;
pub mod flow;
pub mod paths;
pub mod questionnaire;
pub mod report;
pub mod summary;
pub mod text;
pub mod tui;
