//! Export formats of one report: the canonical text, and Markdown, HTML,
//! JSON and CSV laid out from the same [`Outline`].
//!
//! Every word a format prints that is not the respondent's comes from the
//! questionnaire definition (headings, `N/A`, `No response submitted.`,
//! header and footer lines), never from code, so that a definition in
//! another language gives a report in that language. Formats:
//! `docs/export-formats.md`; the JSON one: `docs/json-format.md`.

pub mod csv;
pub mod html;
pub mod json;
pub mod markdown;
pub mod outline;

pub use outline::{ChosenOut, FollowUpOut, Outline, PartOut, Printed, QuestionOut};

use crate::answers::Answers;
use crate::questionnaire::Questionnaire;
use chrono::NaiveDate;
use std::fmt;
use std::str::FromStr;

/// A format `quire export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Format {
    /// The canonical plain text (`docs/report-format.md`).
    #[default]
    Text,
    Markdown,
    Html,
    Json,
    Csv,
}

impl Format {
    pub const ALL: [Format; 5] = [
        Format::Text,
        Format::Markdown,
        Format::Html,
        Format::Json,
        Format::Csv,
    ];

    /// The name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Html => "html",
            Format::Json => "json",
            Format::Csv => "csv",
        }
    }

    /// The usual file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Text => "txt",
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Json => "json",
            Format::Csv => "csv",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Format {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        Format::ALL
            .into_iter()
            .find(|f| f.name() == s || (s == "md" && *f == Format::Markdown))
            .ok_or_else(|| {
                format!(
                    "unknown format `{s}`; the formats are {}",
                    Format::ALL.map(Format::name).join(", ")
                )
            })
    }
}

/// The report of `answers` dated `date`, in `format`.
pub fn render(
    format: Format,
    q: &Questionnaire,
    answers: &Answers,
    date: Option<NaiveDate>,
) -> String {
    let outline = || Outline::new(q, answers, date);
    match format {
        Format::Text => super::render(q, answers, date),
        Format::Markdown => markdown::render(&outline()),
        Format::Html => html::render(&outline()),
        Format::Json => json::render(&outline()),
        Format::Csv => csv::render(&outline()),
    }
}
