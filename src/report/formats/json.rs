//! The report as JSON, for scripts and other systems: answers by stable
//! ids with their labels, the header, the questionnaire's id and version,
//! the date and a `format_version`. Format: `docs/json-format.md`.
//!
//! Keys come in a fixed order (the order of the structures below), and
//! the output is pretty-printed: the same answers give the same bytes.
//! Answers are given exactly as the draft holds them (free text in source
//! form), so that `quire import` of this file gives back the same answers.

use super::outline::{Outline, Printed};
use crate::answers::{Chosen, FieldKey, Value};
use crate::questionnaire::Question;
use crate::report::freetext;
use serde::Serialize;

/// What the `format` key holds.
pub const FORMAT: &str = "quire-report";
/// The version of the format this build writes and reads.
pub const FORMAT_VERSION: u32 = 1;

#[derive(Serialize)]
struct Report<'a> {
    format: &'static str,
    format_version: u32,
    questionnaire: QuestionnaireOut<'a>,
    date_modified: Option<String>,
    header: Vec<HeaderOut<'a>>,
    parts: Vec<PartOut<'a>>,
    questions: Vec<QuestionOut<'a>>,
}

#[derive(Serialize)]
struct QuestionnaireOut<'a> {
    id: &'a str,
    version: &'a str,
    title: &'a str,
    language: &'a str,
}

#[derive(Serialize)]
struct HeaderOut<'a> {
    id: &'a str,
    label: Option<&'a str>,
    value: Option<&'a str>,
}

#[derive(Serialize)]
struct PartOut<'a> {
    id: &'a str,
    heading: &'a str,
    title: &'a str,
}

#[derive(Serialize)]
struct QuestionOut<'a> {
    id: &'a str,
    number: usize,
    part: &'a str,
    kind: &'static str,
    heading: &'a str,
    text: &'a str,
    asked: bool,
    answer: Option<AnswerOut>,
    printed: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    comment: Option<FieldOut<'a>>,
    follow_ups: Vec<FieldOut<'a>>,
}

#[derive(Serialize)]
struct FieldOut<'a> {
    id: &'a str,
    /// The follow-up's prompt, or the comment's label (shown in the wizard).
    prompt: &'a str,
    asked: bool,
    answer: Option<AnswerOut>,
    printed: String,
}

#[derive(Serialize)]
#[serde(rename_all = "lowercase")]
enum AnswerOut {
    Chosen(Vec<OptionOut>),
    Text(String),
}

#[derive(Serialize)]
struct OptionOut {
    id: Option<String>,
    label: String,
}

/// An answer as the draft holds it; an option's label is the definition's.
fn answer(question: &Question, value: Option<&Value>) -> Option<AnswerOut> {
    Some(match value? {
        Value::Text(t) => AnswerOut::Text(t.clone()),
        Value::Choice(chosen) => AnswerOut::Chosen(
            chosen
                .iter()
                .map(|c| match c {
                    Chosen::Option(id) => OptionOut {
                        id: Some(id.clone()),
                        label: question
                            .option(id)
                            .map_or(id.as_str(), |o| o.label.as_str())
                            .to_owned(),
                    },
                    Chosen::Unlisted(label) => OptionOut {
                        id: None,
                        label: label.clone(),
                    },
                })
                .collect(),
        ),
    })
}

/// What the canonical report prints for one field.
fn printed(outline: &Outline, p: &Printed) -> String {
    match p {
        Printed::Chosen(chosen) => chosen
            .iter()
            .map(|c| crate::report::option_line(&c.label))
            .collect::<Vec<_>>()
            .join("\n"),
        Printed::Text(blocks) => {
            let mut out = String::new();
            freetext::render(blocks, &mut out);
            out
        }
        Printed::NoResponse => outline.no_response(),
        Printed::NotApplicable => outline.not_applicable(),
    }
}

/// The JSON report, ending with a line end.
pub fn render(outline: &Outline) -> String {
    let q = outline.questionnaire;
    let answers = outline.answers;
    let mut header: Vec<HeaderOut> = q
        .header_fields
        .iter()
        .map(|f| HeaderOut {
            id: &f.id,
            label: Some(f.label.as_str()),
            value: answers.header.get(&f.id).map(String::as_str),
        })
        .collect();
    // A header value the definition does not name is kept, not dropped.
    header.extend(
        answers
            .header
            .iter()
            .filter(|(id, _)| !q.header_fields.iter().any(|f| &f.id == *id))
            .map(|(id, v)| HeaderOut {
                id,
                label: None,
                value: Some(v),
            }),
    );
    let questions = outline
        .parts
        .iter()
        .flat_map(|p| p.questions.iter().map(move |x| (p, x)))
        .map(|(part, x)| {
            let question = x.question;
            let comment = question.comment.as_ref().map(|c| {
                let value = answers.get(&FieldKey::sub(&question.id, &c.id));
                FieldOut {
                    id: &c.id,
                    prompt: c.label.as_str(),
                    asked: x.asked,
                    answer: answer(question, value),
                    printed: x
                        .comment
                        .as_ref()
                        .map_or_else(String::new, |b| printed(outline, &Printed::Text(b.clone()))),
                }
            });
            QuestionOut {
                id: &question.id,
                number: question.number,
                part: &part.part.id,
                kind: question.kind.name(),
                heading: &x.heading,
                text: question.text.as_str(),
                asked: x.asked,
                answer: answer(question, answers.get(&FieldKey::main(&question.id))),
                printed: printed(outline, &x.answer),
                comment,
                follow_ups: x
                    .follow_ups
                    .iter()
                    .map(|f| FieldOut {
                        id: &f.follow_up.id,
                        prompt: f.follow_up.prompt.as_str(),
                        asked: f.asked,
                        answer: answer(
                            question,
                            answers.get(&FieldKey::sub(&question.id, &f.follow_up.id)),
                        ),
                        printed: printed(outline, &f.answer),
                    })
                    .collect(),
            }
        })
        .collect();
    let report = Report {
        format: FORMAT,
        format_version: FORMAT_VERSION,
        questionnaire: QuestionnaireOut {
            id: &q.id,
            version: &q.version,
            title: q.title.as_str(),
            language: outline.language(),
        },
        date_modified: outline.date.map(|d| d.format("%Y-%m-%d").to_string()),
        header,
        parts: outline
            .parts
            .iter()
            .map(|p| PartOut {
                id: &p.part.id,
                heading: &p.heading,
                title: p.part.title.as_str(),
            })
            .collect(),
        questions,
    };
    // Serializing plain structures of strings and numbers cannot fail.
    let mut out = serde_json::to_string_pretty(&report).unwrap_or_default();
    out.push('\n');
    out
}
