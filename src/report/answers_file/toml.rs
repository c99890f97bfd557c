//! The TOML answers file, written by hand (`docs/answers-format.md`):
//!
//! ```toml
//! questionnaire = "values-ethics-self-assessment"
//!
//! [header]
//! organization = "Office of Examples"
//!
//! [answers]
//! q1 = "no"
//! "q1.if-not" = "Plans reach the branches; divisions by March 2025."
//! q6 = ["executive-discussions", "all-staff"]
//! ```

use super::{Pick, Reader};
use crate::questionnaire::{Diagnostic, Span};
use toml_span::value::{Value, ValueInner};

/// What a value is, for messages.
fn found(v: &ValueInner) -> &'static str {
    match v {
        ValueInner::String(_) => "a string",
        ValueInner::Integer(_) => "an integer",
        ValueInner::Float(_) => "a number",
        ValueInner::Boolean(_) => "`true` or `false`",
        ValueInner::Array(_) => "an array",
        ValueInner::Table(_) => "a table",
    }
}

pub(super) fn read(r: &mut Reader, source: &str) {
    let mut root = match toml_span::parse(source) {
        Ok(v) => v,
        Err(e) => {
            r.error(crate::questionnaire::toml_syntax(source, e));
            return;
        }
    };
    let ValueInner::Table(table) = root.take() else {
        return;
    };
    let draft_like = table.contains_key("created") && table.contains_key("questionnaire");
    for (key, mut value) in table {
        let at = Span::from(key.span);
        match key.name.as_ref() {
            "questionnaire" => match value.take() {
                ValueInner::String(id) => r.questionnaire_id(&id, Span::from(value.span)),
                other => r.error(Diagnostic::new(
                    Span::from(value.span),
                    format!(
                        "`questionnaire` must be a string, the questionnaire's id; found {}",
                        found(&other)
                    ),
                )),
            },
            "header" => header(r, value),
            "answers" => answers(r, value),
            name => {
                let hint = if draft_like {
                    "this looks like a draft file: open it with `quire export FILE` or copy it into the drafts folder; an answers file has only `questionnaire`, `[header]` and `[answers]`".to_owned()
                } else {
                    "an answers file has only `questionnaire`, `[header]` and `[answers]` (see docs/answers-format.md)".to_owned()
                };
                r.error(Diagnostic::new(at, format!("unknown key `{name}`")).hint(hint));
            }
        }
    }
}

/// Each key of a table, with its value and the key's place; anything else
/// is said.
fn table<'de>(r: &mut Reader, what: &str, mut v: Value<'de>) -> Vec<(String, Span, Value<'de>)> {
    match v.take() {
        ValueInner::Table(t) => t
            .into_iter()
            .map(|(k, v)| (k.name.into_owned(), Span::from(k.span), v))
            .collect(),
        other => {
            r.error(
                Diagnostic::new(
                    Span::from(v.span),
                    format!("`{what}` must be a table; found {}", found(&other)),
                )
                .hint(format!("write it as `[{what}]` with one key a line")),
            );
            Vec::new()
        }
    }
}

fn header(r: &mut Reader, v: Value) {
    for (id, at, mut value) in table(r, "header", v) {
        let span = Span::from(value.span);
        match value.take() {
            ValueInner::String(s) => r.header(&id, at, s.into_owned(), span),
            other => r.error(Diagnostic::new(
                span,
                format!("header `{id}` must be a string; found {}", found(&other)),
            )),
        }
    }
}

fn answers(r: &mut Reader, v: Value) {
    for (key, at, mut value) in table(r, "answers", v) {
        let (question, field) = match key.split_once('.') {
            Some((q, f)) => (q, Some((f, at))),
            None => (key.as_str(), None),
        };
        let Some((key, target)) = r.field((question, at), field) else {
            continue;
        };
        let span = Span::from(value.span);
        match value.take() {
            ValueInner::String(s) => r.text(key, target, s.into_owned(), span),
            ValueInner::Array(items) => {
                let mut picks = Vec::new();
                for mut item in items {
                    let item_span = Span::from(item.span);
                    match item.take() {
                        ValueInner::String(id) => picks.push((Pick::Id(id.into_owned()), item_span)),
                        other => r.error(Diagnostic::new(
                            item_span,
                            format!(
                                "each option of `{key}` must be a string, an option id; found {}",
                                found(&other)
                            ),
                        )),
                    }
                }
                r.choice(key, target, picks, span);
            }
            ValueInner::Table(_) => r.error(
                Diagnostic::new(
                    at,
                    format!("the answer to `{key}` must be a string or an array; found a table"),
                )
                .hint(format!(
                    "for a follow-up or a comment, put the key in quotes: `\"{key}.ID\" = \"…\"`"
                )),
            ),
            other => r.error(Diagnostic::new(
                span,
                format!(
                    "the answer to `{key}` must be a string (text, or an option id) or an array of option ids; found {}",
                    found(&other)
                ),
            )),
        }
    }
}
