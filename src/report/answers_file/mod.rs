//! Answers given in a file rather than in the wizard: the JSON export
//! (`docs/json-format.md`) or a short TOML answers file written by hand
//! (`docs/answers-format.md`). Both are read against the questionnaire;
//! every problem is reported with its place (`FILE:LINE:COL`), as for a
//! definition, and nothing is written unless the whole file is good.

mod json;
mod toml;

use crate::answers::{Answers, Chosen, FieldKey, Value};
use crate::questionnaire::{
    Diagnostic, Kind, LoadError, Location, Question, Questionnaire, Span, locate,
};
use crate::text::clean;
use chrono::NaiveDate;
use std::collections::HashMap;

/// The answers a file gives, and what was read with a warning.
#[derive(Debug, Clone)]
pub struct AnswersFile {
    /// The header fields and answers the file gives (and only those).
    pub answers: Answers,
    /// The report's date (JSON `date_modified`).
    pub date: Option<NaiveDate>,
    /// Each warning with its place.
    pub warnings: Vec<(Location, Diagnostic)>,
    pub kind: FileKind,
    /// The language the answers are written in (JSON
    /// `questionnaire.language`), when the file says.
    pub language: Option<String>,
}

/// Which kind of answers file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// The JSON export.
    Json,
    /// A TOML answers file.
    Toml,
}

/// Whether `source` is JSON (the export) rather than a report or TOML:
/// its first character other than white space (or a byte-order mark) is
/// `{`, which starts neither a TOML file nor a published report.
pub fn is_json(source: &str) -> bool {
    source
        .trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
        .starts_with('{')
}

/// Reads an answers file of `q`: JSON when [`is_json`], else TOML. `name`
/// names the file in diagnostics.
pub fn read(q: &Questionnaire, name: &str, source: &str) -> Result<AnswersFile, LoadError> {
    let kind = if is_json(source) {
        FileKind::Json
    } else {
        FileKind::Toml
    };
    let mut r = Reader::new(q, source, kind);
    let date = match kind {
        FileKind::Json => json::read(&mut r, source),
        FileKind::Toml => {
            toml::read(&mut r, source);
            None
        }
    };
    if !r.errors.is_empty() {
        return Err(LoadError::new(name, source, r.errors));
    }
    Ok(AnswersFile {
        answers: r.answers,
        date,
        warnings: LoadError::new(name, source, r.warnings).problems,
        kind,
        language: r.language,
    })
}

/// A field an answer goes to.
#[derive(Clone, Copy)]
enum Target<'q> {
    /// The question's own answer.
    Main(&'q Question),
    /// A follow-up or the comment: free text.
    Text(&'q Question),
}

impl<'q> Target<'q> {
    fn question(self) -> &'q Question {
        match self {
            Target::Main(q) | Target::Text(q) => q,
        }
    }

    fn takes_options(self) -> bool {
        matches!(self, Target::Main(q) if q.kind.is_choice())
    }
}

/// One chosen option as a file gives it.
enum Pick {
    /// By option id.
    Id(String),
    /// A label kept from a report that matches no option (JSON only).
    Unlisted(String),
}

/// What both readers share: ids resolved against the questionnaire,
/// problems collected with their places.
struct Reader<'q> {
    q: &'q Questionnaire,
    source: &'q str,
    kind: FileKind,
    answers: Answers,
    errors: Vec<Diagnostic>,
    warnings: Vec<Diagnostic>,
    /// Where each field was first given.
    seen: HashMap<FieldKey, Span>,
    language: Option<String>,
}

/// `Question 3 (q3)`.
fn named(question: &Question) -> String {
    format!("Question {} (`{}`)", question.number, question.id)
}

/// A list of ids for a hint: `` `a`, `b`, `c` ``.
fn ids<'a>(ids: impl Iterator<Item = &'a str>) -> String {
    ids.map(|id| format!("`{id}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Whether `s` could be an id (option ids are letters, digits, `-`, `_`).
fn id_like(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

impl<'q> Reader<'q> {
    fn new(q: &'q Questionnaire, source: &'q str, kind: FileKind) -> Self {
        Self {
            q,
            source,
            kind,
            answers: Answers::new(),
            errors: Vec::new(),
            warnings: Vec::new(),
            seen: HashMap::new(),
            language: None,
        }
    }

    fn error(&mut self, d: Diagnostic) {
        self.errors.push(d);
    }

    fn warn(&mut self, d: Diagnostic) {
        self.warnings.push(d);
    }

    /// Text by the one rule for user text; what it removes is a warning.
    fn cleaned(&mut self, text: String, span: Span, what: &str) -> String {
        let c = clean(&text);
        if c.removed.is_empty() {
            return text;
        }
        self.warn(Diagnostic::new(
            span,
            format!("{what}: {} removed", c.removed),
        ));
        c.text
    }

    /// Checks that the file answers this questionnaire.
    fn questionnaire_id(&mut self, id: &str, span: Span) {
        if id != self.q.id {
            self.error(
                Diagnostic::new(
                    span,
                    format!(
                        "these answers are for questionnaire `{id}`, not `{}`",
                        self.q.id
                    ),
                )
                .hint("pass its definition with --questionnaire FILE"),
            );
        }
    }

    /// The language the answers are written in.
    fn language(&mut self, language: &str, span: Span) {
        if self.q.languages.iter().any(|l| l == language) {
            self.language = Some(language.to_owned());
        } else {
            self.error(Diagnostic::new(
                span,
                format!(
                    "these answers are in `{language}`, a language the questionnaire does not have ({})",
                    self.q.languages.join(", ")
                ),
            ));
        }
    }

    /// A header field's value.
    fn header(&mut self, id: &str, id_span: Span, value: String, span: Span) {
        if !self.q.header_fields.iter().any(|f| f.id == id) {
            let hint = format!(
                "the header fields are {}",
                ids(self.q.header_fields.iter().map(|f| f.id.as_str()))
            );
            self.error(Diagnostic::new(id_span, format!("no header field `{id}`")).hint(hint));
            return;
        }
        let value = self.cleaned(value, span, &format!("header `{id}`"));
        self.answers.header.insert(id.to_owned(), value);
    }

    /// The field of `question` (and `field`, a follow-up or comment id):
    /// its key and where its answer goes, or `None` (said) when there is
    /// no such field.
    fn field(
        &mut self,
        question: (&str, Span),
        field: Option<(&str, Span)>,
    ) -> Option<(FieldKey, Target<'q>)> {
        let q = self.q;
        let Some(x) = q.question(question.0) else {
            let hint = format!(
                "the questions of `{}` are {}",
                q.id,
                ids(q.questions.iter().map(|x| x.id.as_str()))
            );
            self.error(
                Diagnostic::new(question.1, format!("no question `{}`", question.0)).hint(hint),
            );
            return None;
        };
        let Some((id, span)) = field else {
            return Some((FieldKey::main(&x.id), Target::Main(x)));
        };
        let known = x.follow_ups.iter().any(|f| f.id == id)
            || x.comment.as_ref().is_some_and(|c| c.id == id);
        if known {
            return Some((FieldKey::sub(&x.id, id), Target::Text(x)));
        }
        let fields: Vec<String> = x
            .follow_ups
            .iter()
            .map(|f| format!("{}.{}", x.id, f.id))
            .chain(x.comment.iter().map(|c| format!("{}.{}", x.id, c.id)))
            .collect();
        let hint = if fields.is_empty() {
            format!("{} has no follow-up and no comment", named(x))
        } else {
            format!("its fields are {}", ids(fields.iter().map(String::as_str)))
        };
        self.error(
            Diagnostic::new(
                span,
                format!("{} has no follow-up or comment `{id}`", named(x)),
            )
            .hint(hint),
        );
        None
    }

    /// Notes that `key` is given at `span`; false (said) when it was given
    /// before.
    fn first_time(&mut self, key: &FieldKey, span: Span) -> bool {
        if let Some(first) = self.seen.get(key) {
            let line = locate(self.source, first.start).line;
            self.error(
                Diagnostic::new(span, format!("the answer to `{key}` is given twice")).hint(
                    format!("it is first given on line {line}; keep one of them"),
                ),
            );
            return false;
        }
        self.seen.insert(key.clone(), span);
        true
    }

    /// A text answer. On a choice question it is an error, unless (TOML)
    /// it is the id of one of its options.
    fn text(&mut self, key: FieldKey, target: Target, text: String, span: Span) {
        if !self.first_time(&key, span) {
            return;
        }
        if target.takes_options() {
            let x = target.question();
            if self.kind == FileKind::Toml && id_like(&text) {
                self.set_choice(key, x, vec![(Pick::Id(text), span)], span);
                return;
            }
            let hint = match x.options.iter().find(|o| o.label.as_str() == text.trim()) {
                Some(o) => format!("that is the label of option `{}`: give its id", o.id),
                None => format!(
                    "give option ids; its options are {}",
                    ids(x.options.iter().map(|o| o.id.as_str()))
                ),
            };
            self.error(
                Diagnostic::new(
                    span,
                    format!(
                        "{} is a {} question: it takes options, not text",
                        named(x),
                        x.kind.name()
                    ),
                )
                .hint(hint),
            );
            return;
        }
        let text = self.cleaned(text, span, &format!("answer `{key}`"));
        self.answers.set(key, Value::Text(text));
    }

    /// Chosen options, at `span` as a whole.
    fn choice(&mut self, key: FieldKey, target: Target, picks: Vec<(Pick, Span)>, span: Span) {
        if !self.first_time(&key, span) {
            return;
        }
        let x = target.question();
        if !target.takes_options() {
            let what = if key.field.is_some() {
                format!("`{key}`")
            } else {
                named(x)
            };
            self.error(
                Diagnostic::new(span, format!("{what} takes text, not options"))
                    .hint(format!("write the answer as a string: `\"{key}\" = \"…\"`")),
            );
            return;
        }
        self.set_choice(key, x, picks, span);
    }

    fn set_choice(&mut self, key: FieldKey, x: &Question, picks: Vec<(Pick, Span)>, span: Span) {
        let mut chosen: Vec<Chosen> = Vec::new();
        let mut good = true;
        for (pick, at) in picks {
            let c = match pick {
                Pick::Id(id) if x.option(&id).is_some() => Chosen::Option(id),
                Pick::Id(id) => {
                    let hint = format!(
                        "its options are {}",
                        ids(x.options.iter().map(|o| o.id.as_str()))
                    );
                    let message = if id_like(&id) {
                        format!("{} has no option `{id}`", named(x))
                    } else {
                        format!(
                            "{} is a {} question: it takes option ids, not text",
                            named(x),
                            x.kind.name()
                        )
                    };
                    self.error(Diagnostic::new(at, message).hint(hint));
                    good = false;
                    continue;
                }
                Pick::Unlisted(label) => {
                    let label = self.cleaned(label, at, &format!("a label of `{key}`"));
                    self.warn(Diagnostic::new(
                        at,
                        format!(
                            "\"{label}\" is not an option of {}; kept as written",
                            named(x)
                        ),
                    ));
                    Chosen::Unlisted(label)
                }
            };
            if chosen.contains(&c) {
                self.error(Diagnostic::new(at, "this option is given twice".to_owned()));
                good = false;
                continue;
            }
            chosen.push(c);
        }
        if x.kind != Kind::MultipleChoice && chosen.len() > 1 {
            let message = format!(
                "{} takes one option, but {} are given",
                named(x),
                chosen.len()
            );
            match self.kind {
                // A published page chose two options of one question: its
                // export keeps both, as importing the page did.
                FileKind::Json => {
                    self.warn(Diagnostic::new(span, format!("{message}; all are kept")))
                }
                FileKind::Toml => {
                    self.error(Diagnostic::new(span, message).hint("keep one of them"));
                    good = false;
                }
            }
        }
        if good {
            self.answers.set(key, Value::Choice(chosen));
        }
    }
}
