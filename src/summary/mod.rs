//! The synthesis across reports (`quire summary`): many organizations'
//! answers to one questionnaire, counted, searched for target dates, and
//! coded by the themes of a codebook. Every figure names the
//! organizations behind it, and every excerpt its organization, question
//! and line, so that each can be checked against its source.
//!
//! What is counted and how: `docs/summary.md`. This module knows nothing
//! of terminals; `render` turns a [`Summary`] into text, Markdown, HTML,
//! CSV or JSON.

mod analyze;
pub mod dates;
mod parallel;
pub mod render;
pub mod sentences;
pub mod sources;
pub mod themes;

pub use analyze::summarize;
pub use sources::{Input, LeftOut, Submission, collect, load};

use dates::DateMention;
use serde::Serialize;

/// The summary of many reports: counts, dates and themes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    /// Bumped when the JSON changes shape.
    pub format_version: u32,
    pub questionnaire: QuestionnaireInfo,
    /// The organizations counted, by name.
    pub organizations: Vec<Organization>,
    /// Inputs that could not be read, and why; not counted.
    pub left_out: Vec<LeftOut>,
    /// Things said about inputs that were counted (an organization given
    /// twice, a report without an organization's name).
    pub notes: Vec<String>,
    pub questions: Vec<QuestionSummary>,
    pub target_dates: Vec<DateFinding>,
    pub themes: Vec<ThemeSummary>,
}

/// The JSON's shape; see `docs/summary.md`.
pub const FORMAT_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuestionnaireInfo {
    pub id: String,
    pub version: String,
    pub title: String,
}

/// One organization counted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Organization {
    pub name: String,
    /// Where its answers came from: a file, or `draft ID`.
    pub source: String,
    /// Where its report stops, when it is cut off.
    pub cut: Option<String>,
}

/// The counts of one question.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuestionSummary {
    pub number: usize,
    pub id: String,
    pub text: String,
    pub kind: &'static str,
    /// For choice questions.
    pub choice: Option<ChoiceTally>,
    /// Each text field: the question's own answer for a text question,
    /// then its follow-ups and its comment.
    pub texts: Vec<TextTally>,
}

/// Who chose what on a choice question.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChoiceTally {
    /// Organizations that chose at least one option.
    pub answered: Vec<String>,
    /// Reached, with no option chosen ("No response submitted.").
    pub no_response: Vec<String>,
    /// Reports cut off before this question's answer.
    pub not_reached: Vec<String>,
    /// Several options chosen on a single-choice question: each is
    /// counted, as published, and the organization listed here.
    pub several: Vec<String>,
    pub options: Vec<OptionTally>,
}

/// One option and who chose it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OptionTally {
    /// The option's id; `None` for a label a report gave that is not an
    /// option of the questionnaire (kept, as import keeps it).
    pub id: Option<String>,
    pub label: String,
    pub organizations: Vec<String>,
    /// Of those who answered the question, rounded to one decimal.
    pub percent: f64,
}

/// Who answered a text field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TextTally {
    /// `q4`, `q1.if-not`, `q12.comment`.
    pub field: String,
    /// "answer", the follow-up's prompt, or "comment".
    pub label: String,
    pub answered: Vec<String>,
    /// Reached, with nothing written (`N/A`).
    pub not_applicable: Vec<String>,
    pub not_reached: Vec<String>,
}

/// Where an excerpt comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Place {
    pub organization: String,
    pub source: String,
    pub question: usize,
    pub field: String,
    /// The line of the report (none for a draft).
    pub line: Option<usize>,
}

/// Dates stated in one sentence of a target-date answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DateFinding {
    #[serde(flatten)]
    pub place: Place,
    pub sentence: String,
    pub dates: Vec<DateMention>,
}

/// One theme of the codebook across all reports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ThemeSummary {
    pub name: String,
    /// The organizations that mention it.
    pub organizations: Vec<String>,
    /// Per question: how many organizations mention it there.
    pub questions: Vec<ThemeInQuestion>,
    pub excerpts: Vec<Excerpt>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ThemeInQuestion {
    pub question: usize,
    pub organizations: usize,
    pub excerpts: usize,
}

/// A sentence that mentions a theme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Excerpt {
    #[serde(flatten)]
    pub place: Place,
    pub sentence: String,
    /// The words that mention the theme, as written.
    pub words: Vec<String>,
}

/// `part` of `whole` in percent, to one decimal; 0 of nothing is 0.
pub fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        return 0.0;
    }
    (part as f64 * 1000.0 / whole as f64).round() / 10.0
}

/// Where an excerpt is, in words: "Question 8, FILE:41", or "Question 8,
/// draft ID (q8)" for a draft, which has no lines.
pub fn text_place(p: &Place) -> String {
    match p.line {
        Some(line) => format!("Question {}, {}:{line}", p.question, p.source),
        None => format!("Question {}, {} ({})", p.question, p.source, p.field),
    }
}
