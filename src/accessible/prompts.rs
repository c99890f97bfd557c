//! What each prompt of the accessible mode says, as plain lines: built
//! here from the session, written by the conversation. Nothing depends on
//! colour or position; what `docs/accessibility.md` describes is this.

use super::command::COMMANDS;
use crate::answers::{Chosen, FieldKey, Value};
use crate::draft::TranslationState;
use crate::flow::FieldState;
use crate::questionnaire::{Kind, Question};
use crate::report::{self, Publication};
use crate::workspace::{Place, Session, language, missing_line};

/// What kind of answer the field the user is on takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// Options by number; several for a multiple choice.
    Choice { multiple: bool },
    /// Paragraphs, ended by a line holding only a dot.
    Text,
    /// One line.
    Line,
}

/// The kind of answer `key` of `question` takes.
pub fn field_kind(question: &Question, key: &FieldKey) -> FieldKind {
    let kind = match &key.field {
        None => question.kind,
        Some(f) => question.follow_up(f).map_or(Kind::Text, |fu| fu.kind),
    };
    match kind {
        Kind::MultipleChoice => FieldKind::Choice { multiple: true },
        Kind::SingleChoice | Kind::YesNo => FieldKind::Choice { multiple: false },
        Kind::ShortText => FieldKind::Line,
        Kind::Text => FieldKind::Text,
    }
}

/// The question and field the user is on.
pub fn current(s: &Session) -> Option<(&Question, &FieldKey)> {
    match s.place() {
        Place::Field(key) => Some((s.questionnaire().question(&key.question)?, key)),
        Place::End => None,
    }
}

/// "required", "optional (empty prints N/A)", "not asked".
fn state_words(s: &Session, question: &Question, key: &FieldKey) -> String {
    let state = s.field_state().unwrap_or(FieldState::Optional);
    let prints = report::empty_field_prints(s.texts(), question, key, state == FieldState::Skipped);
    match (state, prints) {
        (FieldState::Required, _) => "required".into(),
        (FieldState::Optional, Some(t)) => format!("optional (left empty, it prints {t})"),
        (FieldState::Optional, None) => "optional (left empty, it is left out)".into(),
        (FieldState::Skipped, _) => "not asked because of earlier answers".into(),
    }
}

/// Everything said once on arriving at a field: the part, "Question 4 of
/// 13", the question text and instruction, the options with those chosen
/// marked, or the text answer as it stands. Then what to type.
pub fn field_block(s: &Session) -> Vec<String> {
    let Some((question, key)) = current(s) else {
        return end_block(s);
    };
    // The texts in the language shown.
    let q = s.texts();
    let question = q.question(&question.id).unwrap_or(question);
    let mut out = Vec::new();
    let state = state_words(s, question, key);
    match &key.field {
        None => {
            out.push(report::part_heading(q, question.part));
            let total = q.questions.len();
            let asked = s.asked_count();
            let asked = if asked == total {
                String::new()
            } else {
                format!("; {asked} of the {total} questions are asked with your answers")
            };
            out.push(format!(
                "Question {} of {total}, {state}{asked}.",
                question.number
            ));
            out.push(question.text.to_string());
            if let Some(i) = &question.instruction {
                out.push(i.to_string());
            }
        }
        Some(f) => {
            let (what, prompt) = match question.follow_up(f) {
                Some(fu) => ("follow-up", fu.prompt.to_string()),
                None => (
                    "comment",
                    question
                        .comment
                        .as_ref()
                        .map_or_else(|| "Comment".to_owned(), |c| c.label.to_string()),
                ),
            };
            out.push(format!("Question {}, {what}, {state}.", question.number));
            out.push(prompt);
        }
    }
    let value = s.answers().get(key).filter(|v| v.is_answered());
    let mut answered = value.is_some();
    match field_kind(question, key) {
        FieldKind::Choice { .. } => out.extend(options(question, value)),
        FieldKind::Text | FieldKind::Line => match s.translating() {
            None => {
                if let Some(Value::Text(t)) = value {
                    out.push("Your answer now:".into());
                    out.extend(t.lines().map(str::to_owned));
                    out.push("End of your answer.".into());
                }
            }
            Some(l) => {
                out.extend(translation_lines(s, key, value, l));
                answered = s.text_shown(key).is_some();
            }
        },
    }
    out.push(how_to_answer(field_kind(question, key), answered));
    out
}

/// A text answer in a translation: the source answer, then the
/// translation as it stands and its state.
fn translation_lines(
    s: &Session,
    key: &FieldKey,
    source: Option<&Value>,
    into: &str,
) -> Vec<String> {
    let from = language::name(s.draft().source_language(s.questionnaire()));
    let into = language::name(into);
    let mut out = Vec::new();
    match source {
        Some(Value::Text(t)) => {
            out.push(format!("The {from} answer:"));
            out.extend(t.lines().map(str::to_owned));
            out.push(format!("End of the {from} answer."));
        }
        _ => out.push(format!("There is no {from} answer.")),
    }
    let state = s.translation_state(key).map(TranslationState::word);
    match (s.text_shown(key), state) {
        (Some(t), state) => {
            out.push(format!(
                "Your {into} translation now{}:",
                state.map_or(String::new(), |w| format!(", {w}"))
            ));
            out.extend(t.lines().map(str::to_owned));
            out.push("End of your translation.".into());
            if state == Some(TranslationState::Outdated.word()) {
                out.push(format!(
                    "The {from} answer changed since it was translated: type the translation again, or keep to keep it as it is."
                ));
            }
        }
        (None, _) if source.is_some() => out.push(format!("No {into} translation yet.")),
        (None, _) => {}
    }
    out
}

/// The numbered options, one a line, those chosen marked "(chosen)".
fn options(question: &Question, value: Option<&Value>) -> Vec<String> {
    let chosen: Vec<&Chosen> = match value {
        Some(Value::Choice(c)) => c.iter().collect(),
        _ => Vec::new(),
    };
    let mut out: Vec<String> = question
        .options
        .iter()
        .enumerate()
        .map(|(i, o)| {
            let mark = if chosen.contains(&&Chosen::Option(o.id.clone())) {
                " (chosen)"
            } else {
                ""
            };
            format!("{}. {}{mark}", i + 1, o.label)
        })
        .collect();
    for c in chosen {
        if let Chosen::Unlisted(label) = c {
            out.push(format!(
                "Also chosen, from an imported report, and not an option here: {label}"
            ));
        }
    }
    out
}

/// One sentence: how to answer this kind of field.
fn how_to_answer(kind: FieldKind, answered: bool) -> String {
    let enter = if answered {
        "Enter keeps your answer"
    } else {
        "Enter leaves it unanswered"
    };
    match kind {
        FieldKind::Choice { multiple: false } => {
            format!("Type the number of your answer; {enter}. Type help for the commands.")
        }
        FieldKind::Choice { multiple: true } => format!(
            "Type the numbers of all your answers, separated by commas or spaces (none for no answer); {enter}. Type help for the commands."
        ),
        FieldKind::Text => format!(
            "Type your answer, in as many lines as you need, then a line holding only a dot. {enter}; edit opens your editor; a dot alone removes the answer."
        ),
        FieldKind::Line => {
            format!("Type your answer on one line. {enter}; a dot alone removes the answer.")
        }
    }
}

/// The short line that asks for input: printed after the field block, and
/// again after a message, an error or `help` (the block is not repeated).
pub fn prompt_line(s: &Session) -> String {
    match current(s) {
        None => "Command: ".into(),
        Some((question, key))
            if s.translating().is_some()
                && !matches!(field_kind(question, key), FieldKind::Choice { .. }) =>
        {
            format!(
                "Question {}, {} translation: ",
                question.number,
                language::name(s.language())
            )
        }
        Some((question, key)) => match field_kind(question, key) {
            FieldKind::Choice { .. } => format!("Question {}, answer: ", question.number),
            FieldKind::Text | FieldKind::Line if key.field.is_some() => {
                format!(
                    "Question {}, {}: ",
                    question.number,
                    field_word(question, key)
                )
            }
            FieldKind::Text | FieldKind::Line => format!("Question {}, answer: ", question.number),
        },
    }
}

fn field_word(question: &Question, key: &FieldKey) -> &'static str {
    match &key.field {
        Some(f) if question.follow_up(f).is_some() => "follow-up",
        Some(_) => "comment",
        None => "answer",
    }
}

/// What is said past the last question asked.
fn end_block(s: &Session) -> Vec<String> {
    let missing = s.flow().missing();
    let status = match missing.len() {
        0 => "Nothing is missing.".to_owned(),
        n => format!(
            "{}; type missing to hear which.",
            crate::wording::missing_answers(n).unwrap_or_default()
        ),
    };
    vec![
        "That was the last question asked.".into(),
        status,
        "Type review to read the report, export to write it to a file, back or go and a number to change an answer, or quit.".into(),
    ]
}

/// The `missing` listing.
pub fn missing(s: &Session) -> Vec<String> {
    let missing = s.flow().missing();
    let mut out = vec![match missing.len() {
        0 => "Nothing is missing.".to_owned(),
        n => format!(
            "{}:",
            crate::wording::missing_answers(n).unwrap_or_default()
        ),
    }];
    out.extend(missing.iter().map(missing_line));
    if let Some(l) = s.translating() {
        let issues = s.draft().translation_issues(s.questionnaire(), l);
        if !issues.is_empty() {
            let noun = format!("{} translation", language::name(l));
            out.push(format!(
                "{} missing or outdated:",
                crate::wording::count_are(issues.len(), &noun)
            ));
            out.extend(issues.iter().map(|i| i.message()));
        }
    }
    out
}

/// The `review`: the report exactly as it will be exported, between two
/// lines that say where it starts and ends, then what is missing, the
/// answers kept on skipped questions, and those set aside.
pub fn review(s: &Session, publication: &Publication) -> Vec<String> {
    let mut out = vec!["The report, exactly as it will be exported:".to_owned()];
    out.extend(publication.text.lines().map(str::to_owned));
    out.push("End of the report.".into());
    out.extend(missing(s));
    for skipped in &publication.skipped {
        out.push(format!("Note: {}.", skipped.message()));
    }
    for o in &s.draft().orphans {
        out.push(format!(
            "Set aside when the questionnaire changed ({}): {}; `quire drafts show` lists it.",
            o.key, o.reason
        ));
    }
    out
}

/// The `help` listing, with how to answer the prompt the user is on.
pub fn help(s: &Session) -> Vec<String> {
    let mut out = vec!["Commands, typed alone on a line at any prompt:".to_owned()];
    out.extend(COMMANDS.iter().map(|(c, what)| format!("{c}: {what}.")));
    if let Some((question, key)) = current(s) {
        let answered = s.answers().get(key).is_some_and(Value::is_answered);
        out.push(format!(
            "At this prompt: {}",
            how_to_answer(field_kind(question, key), answered)
        ));
    }
    out.push(
        "Commands are read only on the first line of a text answer; once the answer has begun, every line is text until the line holding only a dot. To type a line holding only a dot, type two dots."
            .into(),
    );
    out
}
