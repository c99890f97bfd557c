//! The questionnaire definition: what is asked, in which order, with which
//! options, and how the published report is laid out.
//!
//! Loaded from TOML (see `docs/questionnaire-format.md`); every id is stable so
//! that answers can be stored by id, never by position or label.

mod codebook;
mod condition;
mod decode;
mod diagnostic;
mod explain;
#[doc(hidden)]
pub mod generate;
mod load;
mod reachable;
#[cfg(test)]
mod tests;
mod validate;

pub use validate::placeholders;

pub use codebook::{Analysis, Phrase, Theme, themes_from_file, themes_from_toml};
pub use condition::{Condition, Facts};
pub use diagnostic::{Diagnostic, LoadError, Location, Span, locate};
/// TOML syntax errors, worded as for definitions (answers files use it).
pub(crate) use explain::syntax as toml_syntax;
#[doc(hidden)]
pub use reachable::Work;

use std::collections::{BTreeMap, BTreeSet};

/// The built-in questionnaire: the Government of Canada's departmental
/// values-and-ethics self-assessment.
pub const BUILTIN_SOURCE: &str = include_str!("../../questionnaire.toml");
/// The name the built-in questionnaire is reported under in diagnostics.
pub const BUILTIN_NAME: &str = "<built-in questionnaire.toml>";

/// A label in the primary language, with its translations.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Text {
    primary: String,
    translations: BTreeMap<String, String>,
    /// Languages whose text was written for quire and not yet checked
    /// against an official source (`unofficial = ["fr"]`).
    unofficial: BTreeSet<String>,
}

impl Text {
    /// A text with no translations.
    pub fn new(primary: impl Into<String>) -> Self {
        Self {
            primary: primary.into(),
            translations: BTreeMap::new(),
            unofficial: BTreeSet::new(),
        }
    }

    /// The text in the questionnaire's primary language.
    pub fn as_str(&self) -> &str {
        &self.primary
    }

    /// The text in `language`, if the definition gives one.
    pub fn translation(&self, language: &str) -> Option<&str> {
        self.translations.get(language).map(String::as_str)
    }

    /// The languages this text is translated into, besides the primary one.
    pub fn translated_languages(&self) -> impl Iterator<Item = &str> {
        self.translations.keys().map(String::as_str)
    }

    /// Whether the text in `language` is marked as an unofficial
    /// translation, still to be checked against an official source.
    pub fn is_unofficial(&self, language: &str) -> bool {
        self.unofficial.contains(language)
    }

    /// The same text with `language` as its primary one (and the old
    /// primary, `primary`, among the translations); the primary text
    /// stands in where there is no translation (`quire validate` lists those).
    fn in_language(&self, primary: &str, language: &str) -> Self {
        let mut translations = self.translations.clone();
        let text = translations
            .remove(language)
            .unwrap_or_else(|| self.primary.clone());
        translations.insert(primary.to_owned(), self.primary.clone());
        Self {
            primary: text,
            translations,
            unofficial: self.unofficial.clone(),
        }
    }
}

impl std::fmt::Display for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.primary)
    }
}

/// A questionnaire: header fields, parts, questions and the report layout.
#[derive(Debug, Clone)]
pub struct Questionnaire {
    pub id: String,
    pub version: String,
    pub title: Text,
    /// The first is the primary language; the others may appear in [`Text`].
    pub languages: Vec<String>,
    pub header_fields: Vec<HeaderField>,
    pub layout: ReportLayout,
    pub parts: Vec<Part>,
    /// Every question, in order; `Question::part` indexes `parts`.
    pub questions: Vec<Question>,
    /// What `quire summary` reads: target-date answers and the codebook.
    pub analysis: Analysis,
    /// `sha256:` and the hex digest of the definition's source: drafts
    /// record it to notice when the definition changed under them.
    pub digest: String,
    /// Texts that lack a declared language, or whose translation is marked
    /// unofficial: warnings of `quire validate` (errors with
    /// `--strict-languages`), in source order.
    pub language_notes: Vec<LanguageNote>,
}

/// A text of the definition that lacks a language, or whose translation is
/// not official yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LanguageNote {
    pub location: Location,
    pub language: String,
    pub unofficial: bool,
    pub message: String,
}

/// A field the respondent fills in once for the whole report (the organization).
#[derive(Debug, Clone)]
pub struct HeaderField {
    pub id: String,
    pub label: Text,
    pub required: bool,
    pub span: Span,
}

/// Fixed lines of the published report, as templates.
///
/// Templates may name `{field}` for a header field, `{title}`, `{date}`
/// (footer), `{number}` and `{title}` (part headings), `{number}` (question
/// headings).
#[derive(Debug, Clone)]
pub struct ReportLayout {
    /// Header blocks, one line each, separated by empty lines in the report.
    pub header: Vec<Spanned<Text>>,
    /// Footer blocks; the date placeholder is `{date}`.
    pub footer: Vec<Spanned<Text>>,
    pub part_heading: Spanned<Text>,
    pub question_heading: Spanned<Text>,
    /// What an empty optional or skipped answer prints.
    pub not_applicable: Text,
    /// What a choice question with no option chosen prints.
    pub no_response: Text,
}

/// A value with the place in the definition it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spanned<T> {
    pub value: T,
    pub span: Span,
}

/// A part groups questions under a heading.
#[derive(Debug, Clone)]
pub struct Part {
    pub id: String,
    pub title: Text,
    pub span: Span,
}

/// What kind of answer a question takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    SingleChoice,
    MultipleChoice,
    YesNo,
    /// Long free text: paragraphs and lists.
    Text,
    /// One line of text.
    ShortText,
}

impl Kind {
    /// The name used in the TOML definition.
    pub fn name(self) -> &'static str {
        match self {
            Kind::SingleChoice => "single-choice",
            Kind::MultipleChoice => "multiple-choice",
            Kind::YesNo => "yes-no",
            Kind::Text => "text",
            Kind::ShortText => "short-text",
        }
    }

    /// All kinds, for messages that list them.
    pub const ALL: [Kind; 5] = [
        Kind::SingleChoice,
        Kind::MultipleChoice,
        Kind::YesNo,
        Kind::Text,
        Kind::ShortText,
    ];

    /// Whether the answer is a choice among options.
    pub fn is_choice(self) -> bool {
        matches!(
            self,
            Kind::SingleChoice | Kind::MultipleChoice | Kind::YesNo
        )
    }
}

/// When an answer must be given (only ever while it is asked).
#[derive(Debug, Clone, PartialEq)]
pub enum Requirement {
    Optional,
    Required,
    RequiredWhen(Condition),
}

/// One question of the questionnaire.
#[derive(Debug, Clone)]
pub struct Question {
    pub id: String,
    /// 1-based position in the whole questionnaire.
    pub number: usize,
    /// Index into `Questionnaire::parts`.
    pub part: usize,
    pub text: Text,
    /// Shown in the wizard only, never printed in the report.
    pub instruction: Option<Text>,
    pub kind: Kind,
    /// For yes/no questions, the built-in `yes` and `no` options.
    pub options: Vec<ChoiceOption>,
    /// Unprompted comment printed after the options (choice questions only).
    pub comment: Option<Comment>,
    pub follow_ups: Vec<FollowUp>,
    /// When absent, the question is always asked.
    pub ask_when: Option<Condition>,
    pub requirement: Requirement,
    pub span: Span,
}

impl Question {
    /// The option with this id.
    pub fn option(&self, id: &str) -> Option<&ChoiceOption> {
        self.options.iter().find(|o| o.id == id)
    }

    /// The follow-up with this id.
    pub fn follow_up(&self, id: &str) -> Option<&FollowUp> {
        self.follow_ups.iter().find(|f| f.id == id)
    }
}

/// An option of a choice question.
#[derive(Debug, Clone)]
pub struct ChoiceOption {
    pub id: String,
    /// Printed exactly as given.
    pub label: Text,
    pub span: Span,
}

/// A second prompt under a question, with its own text answer.
#[derive(Debug, Clone)]
pub struct FollowUp {
    pub id: String,
    pub prompt: Text,
    /// `Kind::Text` or `Kind::ShortText`.
    pub kind: Kind,
    pub ask_when: Option<Condition>,
    pub requirement: Requirement,
    pub span: Span,
}

/// An optional comment under a choice question, printed without a prompt.
#[derive(Debug, Clone)]
pub struct Comment {
    pub id: String,
    /// Shown in the wizard only.
    pub label: Text,
    pub span: Span,
}

/// The content hash recorded in drafts.
pub fn digest(source: &str) -> String {
    use sha2::{Digest, Sha256};
    let hash = Sha256::digest(source.as_bytes());
    let hex: String = hash.iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256:{hex}")
}

impl Questionnaire {
    /// The built-in questionnaire.
    ///
    /// It is validated by the test suite, so a failure here is a build defect;
    /// the error is still returned rather than panicking.
    pub fn builtin() -> Result<Self, LoadError> {
        Self::from_toml(BUILTIN_SOURCE, BUILTIN_NAME)
    }

    /// Loads and validates a definition; `name` is used in diagnostics.
    pub fn from_toml(source: &str, name: &str) -> Result<Self, LoadError> {
        Self::from_toml_counting(source, name, &mut Work::default())
    }

    /// [`Questionnaire::from_toml`], counting the work validation does.
    #[doc(hidden)]
    pub fn from_toml_counting(
        source: &str,
        name: &str,
        work: &mut Work,
    ) -> Result<Self, LoadError> {
        let (questionnaire, places, mut diagnostics) = load::load(source);
        if let Some(q) = &questionnaire {
            diagnostics.extend(validate::validate(q, source, &places, work));
        }
        match questionnaire {
            Some(q) if diagnostics.is_empty() => Ok(Self {
                digest: digest(source),
                language_notes: places
                    .notes
                    .iter()
                    .map(|n| LanguageNote {
                        location: locate(source, n.span.start),
                        language: n.language.clone(),
                        unofficial: n.unofficial,
                        message: n.message.clone(),
                    })
                    .collect(),
                ..q
            }),
            _ => Err(LoadError::new(name, source, diagnostics)),
        }
    }

    /// The definition at `path`, or the built-in one.
    pub fn load(path: Option<&std::path::Path>) -> Result<Self, LoadError> {
        match path {
            Some(p) => Self::from_file(p),
            None => Self::builtin(),
        }
    }

    /// Reads and validates a definition file.
    pub fn from_file(path: &std::path::Path) -> Result<Self, LoadError> {
        let name = path.display().to_string();
        match std::fs::read_to_string(path) {
            Ok(source) => Self::from_toml(&source, &name),
            Err(err) => Err(LoadError::io(&name, &err)),
        }
    }

    /// The primary language: the first of `languages`.
    pub fn primary_language(&self) -> &str {
        self.languages.first().map_or("en", String::as_str)
    }

    /// Whether `language` is one of the questionnaire's languages.
    pub fn has_language(&self, language: &str) -> bool {
        self.languages.iter().any(|l| l == language)
    }

    /// The same questionnaire with `language` as its primary language:
    /// every text in that language (the primary text where a translation
    /// is missing, which `quire validate` lists), ids, branching and
    /// digest unchanged. Rendering and reading reports in a language is
    /// rendering and reading them with this questionnaire. `None` when
    /// `language` is not one of `languages`.
    pub fn in_language(&self, language: &str) -> Option<Self> {
        if !self.has_language(language) {
            return None;
        }
        let primary = self.primary_language().to_owned();
        if language == primary {
            return Some(self.clone());
        }
        let tr = |t: &Text| t.in_language(&primary, language);
        let sp = |t: &Spanned<Text>| Spanned {
            value: tr(&t.value),
            span: t.span,
        };
        let mut q = self.clone();
        q.languages.retain(|l| l != language);
        q.languages.insert(0, language.to_owned());
        q.title = tr(&self.title);
        for f in &mut q.header_fields {
            f.label = tr(&f.label);
        }
        let l = &mut q.layout;
        l.header = self.layout.header.iter().map(sp).collect();
        l.footer = self.layout.footer.iter().map(sp).collect();
        l.part_heading = sp(&self.layout.part_heading);
        l.question_heading = sp(&self.layout.question_heading);
        l.not_applicable = tr(&self.layout.not_applicable);
        l.no_response = tr(&self.layout.no_response);
        for p in &mut q.parts {
            p.title = tr(&p.title);
        }
        for question in &mut q.questions {
            question.text = tr(&question.text);
            question.instruction = question.instruction.as_ref().map(tr);
            for o in &mut question.options {
                o.label = tr(&o.label);
            }
            if let Some(c) = &mut question.comment {
                c.label = tr(&c.label);
            }
            for f in &mut question.follow_ups {
                f.prompt = tr(&f.prompt);
            }
        }
        Some(q)
    }

    /// The question with this id.
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }

    /// The index of the question with this id.
    pub fn question_index(&self, id: &str) -> Option<usize> {
        self.questions.iter().position(|q| q.id == id)
    }

    /// The questions of part `part`, in order.
    pub fn questions_in(&self, part: usize) -> impl Iterator<Item = &Question> {
        self.questions.iter().filter(move |q| q.part == part)
    }

    /// Counts for a one-line summary.
    pub fn summary(&self) -> String {
        let follow_ups: usize = self.questions.iter().map(|q| q.follow_ups.len()).sum();
        let options: usize = self
            .questions
            .iter()
            .filter(|q| q.kind != Kind::YesNo)
            .map(|q| q.options.len())
            .sum();
        format!(
            "{} v{}: {} parts, {} questions, {} follow-ups, {} options",
            self.id,
            self.version,
            self.parts.len(),
            self.questions.len(),
            follow_ups,
            options
        )
    }
}
