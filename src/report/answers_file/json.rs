//! The JSON export read back (`docs/json-format.md`). What a reader needs
//! is the answers by id: labels, headings, `printed` and the other keys
//! that describe the questionnaire are left aside, so a hand-edited label
//! changes nothing.

use super::{Pick, Reader};
use crate::questionnaire::{Diagnostic, Span};
use crate::report::formats::json::{FORMAT, FORMAT_VERSION};
use chrono::NaiveDate;
use jsonc_parser::ast::{Array, Object, ObjectProp, Value};
use jsonc_parser::common::Ranged;
use jsonc_parser::{CollectOptions, ParseOptions};

fn span_of(v: &impl Ranged) -> Span {
    let r = v.range();
    Span {
        start: r.start,
        end: r.end,
    }
}

/// What a value is, for messages.
fn found(v: &Value) -> &'static str {
    match v {
        Value::StringLit(_) => "a string",
        Value::NumberLit(_) => "a number",
        Value::BooleanLit(_) => "`true` or `false`",
        Value::Object(_) => "an object",
        Value::Array(_) => "an array",
        Value::NullKeyword(_) => "`null`",
    }
}

fn strict() -> ParseOptions {
    ParseOptions {
        allow_comments: false,
        allow_loose_object_property_names: false,
        allow_trailing_commas: false,
        allow_missing_commas: false,
        allow_single_quoted_strings: false,
        allow_hexadecimal_numbers: false,
        allow_unary_plus_numbers: false,
        allow_bare_decimal_point_numbers: false,
        allow_non_finite_numbers: false,
        allow_extended_string_escapes: false,
    }
}

/// Reads the export into `r`; returns its date.
pub(super) fn read(r: &mut Reader, source: &str) -> Option<NaiveDate> {
    let parsed = match jsonc_parser::parse_to_ast(source, &CollectOptions::default(), &strict()) {
        Ok(p) => p,
        Err(e) => {
            let range = e.range();
            r.error(Diagnostic::new(
                Span {
                    start: range.start,
                    end: range.end,
                },
                format!("JSON syntax: {}", e.kind()),
            ));
            return None;
        }
    };
    let Some(Value::Object(root)) = &parsed.value else {
        r.error(Diagnostic::new(
            Span::default(),
            "not a JSON export of a report: expected an object".to_owned(),
        ));
        return None;
    };
    duplicates(r, root);
    if !header_of_export(r, root) {
        return None;
    }
    let date = date(r, root);
    if let Some(header) = array(r, root, "header") {
        for item in &header.elements {
            let Some(o) = object(r, item, "each item of `header`") else {
                continue;
            };
            let Some((id, at)) = string(r, o, "id", "a header field") else {
                continue;
            };
            match o.get("value").map(|p| &p.value) {
                None | Some(Value::NullKeyword(_)) => {}
                Some(Value::StringLit(s)) => r.header(&id, at, s.value.to_string(), span_of(s)),
                Some(other) => r.error(Diagnostic::new(
                    span_of(other),
                    format!(
                        "the value of header `{id}` must be a string or null; found {}",
                        found(other)
                    ),
                )),
            }
        }
    }
    if let Some(questions) = array(r, root, "questions") {
        for item in &questions.elements {
            if let Some(o) = object(r, item, "each item of `questions`") {
                question(r, o);
            }
        }
    }
    date
}

/// Checks `format`, `format_version` and `questionnaire.id`; false when
/// the file cannot be read on.
fn header_of_export(r: &mut Reader, root: &Object) -> bool {
    match root.get("format").map(|p| &p.value) {
        Some(Value::StringLit(s)) if s.value == FORMAT => {}
        Some(other) => {
            r.error(Diagnostic::new(
                span_of(other),
                format!("not a quire JSON export: `format` must be \"{FORMAT}\""),
            ));
            return false;
        }
        None => {
            r.error(
                Diagnostic::new(
                    span_of(root),
                    format!("not a quire JSON export: no `format` (\"{FORMAT}\")"),
                )
                .hint("quire reads the JSON that `quire export --format json` writes (docs/json-format.md)"),
            );
            return false;
        }
    }
    match root.get("format_version").map(|p| &p.value) {
        Some(Value::NumberLit(n)) if n.value == FORMAT_VERSION.to_string() => {}
        Some(other) => {
            r.error(
                Diagnostic::new(
                    span_of(other),
                    format!("this export is in a format_version this quire does not read (it reads {FORMAT_VERSION})"),
                )
                .hint("export it again with this quire, or use the quire that wrote it"),
            );
            return false;
        }
        None => {
            r.error(Diagnostic::new(
                span_of(root),
                "no `format_version` in the export".to_owned(),
            ));
            return false;
        }
    }
    match root.get("questionnaire").map(|p| &p.value) {
        Some(Value::Object(q)) => {
            match q.get("id").map(|p| &p.value) {
                Some(Value::StringLit(id)) => r.questionnaire_id(&id.value, span_of(id)),
                _ => r.error(Diagnostic::new(
                    span_of(q),
                    "`questionnaire` has no `id` string".to_owned(),
                )),
            }
            if let Some(Value::StringLit(l)) = q.get("language").map(|p| &p.value) {
                r.language(&l.value, span_of(l));
            }
        }
        other => r.error(Diagnostic::new(
            other.map_or(span_of(root), span_of),
            "the export must say which questionnaire it answers: `questionnaire` with its `id`"
                .to_owned(),
        )),
    }
    true
}

fn date(r: &mut Reader, root: &Object) -> Option<NaiveDate> {
    match root.get("date_modified").map(|p| &p.value) {
        None | Some(Value::NullKeyword(_)) => None,
        Some(Value::StringLit(s)) => match NaiveDate::parse_from_str(&s.value, "%Y-%m-%d") {
            Ok(d) => Some(d),
            Err(_) => {
                r.error(Diagnostic::new(
                    span_of(s),
                    format!(
                        "`date_modified` must be a date, YYYY-MM-DD; found \"{}\"",
                        s.value
                    ),
                ));
                None
            }
        },
        Some(other) => {
            r.error(Diagnostic::new(
                span_of(other),
                format!(
                    "`date_modified` must be a date string or null; found {}",
                    found(other)
                ),
            ));
            None
        }
    }
}

/// A key set twice in one object is an error anywhere in the file: which
/// one counts would be a guess.
fn duplicates(r: &mut Reader, o: &Object) {
    let mut seen: Vec<&str> = Vec::new();
    for p in &o.properties {
        let name = p.name.as_str();
        if seen.contains(&name) {
            r.error(Diagnostic::new(
                span_of(&p.name),
                format!("JSON: the key `{name}` is set twice in the same object"),
            ));
        }
        seen.push(name);
        walk(r, &p.value);
    }
}

fn walk(r: &mut Reader, v: &Value) {
    match v {
        Value::Object(o) => duplicates(r, o),
        Value::Array(a) => a.elements.iter().for_each(|e| walk(r, e)),
        _ => {}
    }
}

fn array<'a, 'b>(r: &mut Reader, o: &'b Object<'a>, key: &str) -> Option<&'b Array<'a>> {
    match o.get(key).map(|p| &p.value) {
        None | Some(Value::NullKeyword(_)) => None,
        Some(Value::Array(a)) => Some(a),
        Some(other) => {
            r.error(Diagnostic::new(
                span_of(other),
                format!("`{key}` must be an array; found {}", found(other)),
            ));
            None
        }
    }
}

fn object<'a, 'b>(r: &mut Reader, v: &'b Value<'a>, what: &str) -> Option<&'b Object<'a>> {
    match v {
        Value::Object(o) => Some(o),
        other => {
            r.error(Diagnostic::new(
                span_of(other),
                format!("{what} must be an object; found {}", found(other)),
            ));
            None
        }
    }
}

/// The string at `key` of `o`, with its place; a missing or other value
/// is said.
fn string(r: &mut Reader, o: &Object, key: &str, what: &str) -> Option<(String, Span)> {
    match o.get(key).map(|p| &p.value) {
        Some(Value::StringLit(s)) => Some((s.value.to_string(), span_of(s))),
        Some(other) => {
            r.error(Diagnostic::new(
                span_of(other),
                format!(
                    "the `{key}` of {what} must be a string; found {}",
                    found(other)
                ),
            ));
            None
        }
        None => {
            r.error(Diagnostic::new(
                span_of(o),
                format!("{what} has no `{key}`"),
            ));
            None
        }
    }
}

fn question(r: &mut Reader, o: &Object) {
    let Some((id, at)) = string(r, o, "id", "a question") else {
        return;
    };
    if let Some(p) = o.get("answer") {
        answer(r, (&id, at), None, p);
    }
    match o.get("comment").map(|p| &p.value) {
        None | Some(Value::NullKeyword(_)) => {}
        Some(v) => {
            if let Some(c) = object(r, v, "`comment`")
                && let Some((field, f_at)) = string(r, c, "id", "a comment")
                && let Some(p) = c.get("answer")
            {
                answer(r, (&id, at), Some((&field, f_at)), p);
            }
        }
    }
    if let Some(follow_ups) = array(r, o, "follow_ups") {
        for item in &follow_ups.elements {
            if let Some(f) = object(r, item, "each item of `follow_ups`")
                && let Some((field, f_at)) = string(r, f, "id", "a follow-up")
                && let Some(p) = f.get("answer")
            {
                answer(r, (&id, at), Some((&field, f_at)), p);
            }
        }
    }
}

/// `"answer": null`, `{"text": "…"}` or `{"chosen": [{"id": …, "label": …}]}`.
fn answer(r: &mut Reader, question: (&str, Span), field: Option<(&str, Span)>, p: &ObjectProp) {
    let span = span_of(&p.value);
    // The ids are checked even where there is no answer: an export that
    // names a field the questionnaire lacks is not of this questionnaire.
    let Some((key, target)) = r.field(question, field) else {
        return;
    };
    let o = match &p.value {
        Value::NullKeyword(_) => return,
        Value::Object(o) => o,
        other => {
            r.error(Diagnostic::new(
                span,
                format!(
                    "an `answer` must be null or an object with `text` or `chosen`; found {}",
                    found(other)
                ),
            ));
            return;
        }
    };
    match (o.get("text"), o.get("chosen")) {
        (Some(t), None) => match &t.value {
            Value::StringLit(s) => r.text(key, target, s.value.to_string(), span_of(s)),
            other => r.error(Diagnostic::new(
                span_of(other),
                format!(
                    "the `text` of `{key}` must be a string; found {}",
                    found(other)
                ),
            )),
        },
        (None, Some(c)) => match &c.value {
            Value::Array(items) => {
                let picks = items
                    .elements
                    .iter()
                    .filter_map(|item| pick(r, &key.to_string(), item))
                    .collect();
                r.choice(key, target, picks, span_of(items));
            }
            other => r.error(Diagnostic::new(
                span_of(other),
                format!(
                    "the `chosen` options of `{key}` must be an array; found {}",
                    found(other)
                ),
            )),
        },
        _ => r.error(Diagnostic::new(
            span,
            format!("the answer to `{key}` must have either `text` or `chosen`"),
        )),
    }
}

/// `{"id": "yes", "label": "Yes"}`, or `{"id": null, "label": "…"}` for a
/// label kept from a report.
fn pick(r: &mut Reader, key: &str, item: &Value) -> Option<(Pick, Span)> {
    let o = object(r, item, &format!("each option chosen in `{key}`"))?;
    let at = span_of(o);
    match o.get("id").map(|p| &p.value) {
        Some(Value::StringLit(id)) => Some((Pick::Id(id.value.to_string()), span_of(id))),
        None | Some(Value::NullKeyword(_)) => match o.get("label").map(|p| &p.value) {
            Some(Value::StringLit(label)) => Some((Pick::Unlisted(label.value.to_string()), at)),
            _ => {
                r.error(Diagnostic::new(
                    at,
                    format!("an option chosen in `{key}` has neither an `id` nor a `label`"),
                ));
                None
            }
        },
        Some(other) => {
            r.error(Diagnostic::new(
                span_of(other),
                format!(
                    "the `id` of an option must be a string or null; found {}",
                    found(other)
                ),
            ));
            None
        }
    }
}
