//! Reading a definition from TOML.
//!
//! Decoding goes on past every problem it can step over, so that one run
//! reports all of them: a table with an unknown key is still built, a
//! question with a bad kind is kept (as text) so that conditions naming it do
//! not raise false alarms.

use super::{
    ChoiceOption, Comment, Condition, Diagnostic, FollowUp, HeaderField, Kind, Part, Question,
    Questionnaire, ReportLayout, Requirement, Span, Spanned, Text,
};
use std::collections::BTreeMap;
use toml_span::de_helpers::{TableHelper, expected};
use toml_span::value::{Value, ValueInner};
use toml_span::{DeserError, Deserialize, Error, ErrorKind};

/// The definition format this build reads.
pub const FORMAT: i64 = 1;

#[derive(Default)]
struct Cx {
    diagnostics: Vec<Diagnostic>,
    languages: Vec<String>,
}

/// A label as written: a string, or a table of translations.
enum RawText {
    Plain(String),
    Translated(BTreeMap<String, String>),
}

impl Cx {
    /// Resolves a label against the questionnaire's languages.
    fn text(&mut self, raw: toml_span::Spanned<RawText>) -> Text {
        let span = Span::from(raw.span);
        let mut translations = match raw.value {
            RawText::Plain(s) => return Text::new(s),
            RawText::Translated(t) => t,
        };
        for lang in translations.keys() {
            if !self.languages.contains(lang) {
                self.diagnostics.push(
                    Diagnostic::new(
                        span,
                        format!("`{lang}` is not one of the questionnaire's languages"),
                    )
                    .hint(format!("list it in `languages` (now {:?})", self.languages)),
                );
            }
        }
        let primary_lang = self.languages.first().map_or("en", String::as_str);
        let primary = translations.remove(primary_lang).unwrap_or_else(|| {
            self.diagnostics.push(
                Diagnostic::new(span, format!("this label has no `{primary_lang}` text"))
                    .hint("every label needs the primary language, the first of `languages`"),
            );
            String::new()
        });
        Text {
            primary,
            translations,
        }
    }

    fn required_text(&mut self, th: &mut TableHelper<'_>, key: &'static str) -> Text {
        match th.required_s::<RawText>(key) {
            Ok(raw) => self.text(raw),
            Err(_) => Text::default(),
        }
    }

    fn optional_text(
        &mut self,
        th: &mut TableHelper<'_>,
        key: &'static str,
    ) -> Option<Spanned<Text>> {
        let raw = th.optional_s::<RawText>(key)?;
        let span = raw.span.into();
        Some(Spanned {
            value: self.text(raw),
            span,
        })
    }

    fn push(&mut self, err: DeserError) {
        for e in err.errors {
            self.diagnostics.extend(explain(e));
        }
    }
}

/// Turns toml-span's errors into diagnostics a questionnaire author can act on.
fn explain(e: Error) -> Vec<Diagnostic> {
    let span = Span::from(e.span);
    match e.kind {
        ErrorKind::UnexpectedKeys { keys, expected } => keys
            .into_iter()
            .map(|(key, span)| {
                let hint = match closest(&key, expected.iter().map(String::as_str)) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => format!("keys allowed here: {}", expected.join(", ")),
                };
                Diagnostic::new(span.into(), format!("unknown key `{key}`")).hint(hint)
            })
            .collect(),
        ErrorKind::MissingField(field) => vec![
            Diagnostic::new(span, format!("missing `{field}` in this table"))
                .hint(format!("add `{field} = …` to the table")),
        ],
        ErrorKind::Wanted { expected, found } => {
            vec![Diagnostic::new(
                span,
                format!("expected {expected}, found {found}"),
            )]
        }
        ErrorKind::Custom(msg) => vec![Diagnostic::new(span, msg.into_owned())],
        ErrorKind::DuplicateKey { key, .. } => vec![
            Diagnostic::new(span, format!("TOML syntax: key `{key}` is defined twice"))
                .hint("remove or rename one of them"),
        ],
        other => vec![
            Diagnostic::new(span, format!("TOML syntax: {other}"))
                .hint("see https://toml.io for the syntax"),
        ],
    }
}

/// The candidate nearest to `word` by edit distance, if it is near at all.
pub(super) fn closest<'a>(
    word: &str,
    candidates: impl Iterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .map(|c| (edit_distance(word, c), c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

pub(super) fn load(source: &str) -> (Option<Questionnaire>, Vec<Diagnostic>) {
    let mut value = match toml_span::parse(source) {
        Ok(v) => v,
        Err(e) => return (None, explain(e)),
    };
    let mut cx = Cx::default();
    let q = questionnaire(&mut value, &mut cx);
    (q, cx.diagnostics)
}

fn table<'de>(v: &mut Value<'de>, cx: &mut Cx) -> Option<TableHelper<'de>> {
    TableHelper::new(v).map_err(|e| cx.push(e)).ok()
}

fn finish(th: TableHelper<'_>, cx: &mut Cx) {
    if let Err(e) = th.finalize(None) {
        cx.push(e);
    }
}

/// Decodes each table of the array under `key` with `f`.
fn each<'de, T>(
    th: &mut TableHelper<'de>,
    key: &'static str,
    cx: &mut Cx,
    mut f: impl FnMut(&mut Value<'de>, &mut Cx) -> Option<T>,
) -> Vec<T> {
    let Some((_, mut v)) = th.take(key) else {
        return Vec::new();
    };
    match v.take() {
        ValueInner::Array(arr) => arr.into_iter().filter_map(|mut i| f(&mut i, cx)).collect(),
        other => {
            cx.push(expected("an array of tables", other, v.span).into());
            Vec::new()
        }
    }
}

fn questionnaire(v: &mut Value<'_>, cx: &mut Cx) -> Option<Questionnaire> {
    let root_span = Span::from(v.span);
    let mut th = table(v, cx)?;
    if let Some(format) = th.optional_s::<i64>("format")
        && format.value != FORMAT
    {
        cx.diagnostics.push(
            Diagnostic::new(
                format.span.into(),
                format!("unsupported definition format {}", format.value),
            )
            .hint(format!("this version of quire reads format {FORMAT}")),
        );
    }
    let id = th.required::<String>("id").unwrap_or_default();
    let version = th.required::<String>("version").unwrap_or_default();
    let languages = th
        .optional::<Vec<String>>("languages")
        .filter(|l| !l.is_empty())
        .unwrap_or_else(|| vec!["en".into()]);
    cx.languages.clone_from(&languages);
    let title = cx.required_text(&mut th, "title");
    let header_fields = each(&mut th, "header_field", cx, header_field);
    let layout = match th.take("report") {
        Some((_, mut v)) => layout(&mut v, cx),
        None => {
            cx.diagnostics.push(
                Diagnostic::new(root_span, "missing the `[report]` table")
                    .hint("it gives the report's header and footer lines"),
            );
            None
        }
    };
    let mut parts = Vec::new();
    let mut questions = Vec::new();
    each(&mut th, "part", cx, |v, cx| {
        let index = parts.len();
        let (part, qs) = part(v, index, cx)?;
        parts.push(part);
        questions.extend(qs);
        Some(())
    });
    finish(th, cx);
    if parts.is_empty() {
        cx.diagnostics.push(
            Diagnostic::new(root_span, "the questionnaire has no parts")
                .hint("add at least one `[[part]]` with a `[[part.question]]`"),
        );
    }
    for (i, q) in questions.iter_mut().enumerate() {
        q.number = i + 1;
    }
    Some(Questionnaire {
        id,
        version,
        title,
        languages,
        header_fields,
        layout: layout?,
        parts,
        questions,
    })
}

fn header_field(v: &mut Value<'_>, cx: &mut Cx) -> Option<HeaderField> {
    let span = v.span.into();
    let mut th = table(v, cx)?;
    let id = th.required::<String>("id").ok();
    let label = cx.required_text(&mut th, "label");
    let required = th.optional::<bool>("required").unwrap_or(true);
    finish(th, cx);
    Some(HeaderField {
        id: id?,
        label,
        required,
        span,
    })
}

fn layout(v: &mut Value<'_>, cx: &mut Cx) -> Option<ReportLayout> {
    let span: Span = v.span.into();
    let mut th = table(v, cx)?;
    let lines = |th: &mut TableHelper<'_>, cx: &mut Cx, key| {
        th.optional::<Vec<toml_span::Spanned<RawText>>>(key)
            .unwrap_or_default()
            .into_iter()
            .map(|raw| Spanned {
                span: raw.span.into(),
                value: cx.text(raw),
            })
            .collect::<Vec<_>>()
    };
    let header = lines(&mut th, cx, "header");
    let footer = lines(&mut th, cx, "footer");
    let with_default = |th: &mut TableHelper<'_>, cx: &mut Cx, key, default: &str| {
        cx.optional_text(th, key).unwrap_or(Spanned {
            value: Text::new(default),
            span,
        })
    };
    let part_heading = with_default(&mut th, cx, "part_heading", "Part {number}. {title}");
    let question_heading = with_default(&mut th, cx, "question_heading", "Question {number}");
    let not_applicable = with_default(&mut th, cx, "not_applicable", "N/A").value;
    let no_response = with_default(&mut th, cx, "no_response", "No response submitted.").value;
    finish(th, cx);
    Some(ReportLayout {
        header,
        footer,
        part_heading,
        question_heading,
        not_applicable,
        no_response,
    })
}

fn part(v: &mut Value<'_>, index: usize, cx: &mut Cx) -> Option<(Part, Vec<Question>)> {
    let span = v.span.into();
    let mut th = table(v, cx)?;
    let id = th.required::<String>("id").ok();
    let title = cx.required_text(&mut th, "title");
    let questions = each(&mut th, "question", cx, |v, cx| question(v, index, cx));
    finish(th, cx);
    Some((
        Part {
            id: id?,
            title,
            span,
        },
        questions,
    ))
}

fn requirement(th: &mut TableHelper<'_>, cx: &mut Cx, span: Span) -> Requirement {
    let required = th.optional::<bool>("required");
    let when = th.optional::<Condition>("required_when");
    match (required, when) {
        (Some(_), Some(c)) => {
            cx.diagnostics.push(
                Diagnostic::new(span, "both `required` and `required_when` are set").hint(
                    "keep `required_when` for a conditional requirement, or `required` alone",
                ),
            );
            Requirement::RequiredWhen(c)
        }
        (_, Some(c)) => Requirement::RequiredWhen(c),
        (Some(true), None) => Requirement::Required,
        _ => Requirement::Optional,
    }
}

fn question(v: &mut Value<'_>, part: usize, cx: &mut Cx) -> Option<Question> {
    let span: Span = v.span.into();
    let mut th = table(v, cx)?;
    let id = th.required::<String>("id").ok();
    let text = cx.required_text(&mut th, "text");
    let kind = th.required::<Kind>("kind").unwrap_or(Kind::Text);
    let instruction = cx.optional_text(&mut th, "instruction").map(|t| t.value);
    let ask_when = th.optional::<Condition>("ask_when");
    let requirement = requirement(&mut th, cx, span);
    let mut options = each(&mut th, "option", cx, choice_option);
    let comment = th
        .take("comment")
        .and_then(|(_, mut v)| comment(&mut v, cx));
    let follow_ups = each(&mut th, "follow_up", cx, follow_up);
    finish(th, cx);
    if kind == Kind::YesNo && options.is_empty() {
        options = ["Yes", "No"]
            .into_iter()
            .map(|label| ChoiceOption {
                id: label.to_lowercase(),
                label: Text::new(label),
                span,
            })
            .collect();
    }
    Some(Question {
        id: id?,
        number: 0,
        part,
        text,
        instruction,
        kind,
        options,
        comment,
        follow_ups,
        ask_when,
        requirement,
        span,
    })
}

fn choice_option(v: &mut Value<'_>, cx: &mut Cx) -> Option<ChoiceOption> {
    let span = v.span.into();
    let mut th = table(v, cx)?;
    let id = th.required::<String>("id").ok();
    let label = cx.required_text(&mut th, "label");
    finish(th, cx);
    Some(ChoiceOption {
        id: id?,
        label,
        span,
    })
}

fn follow_up(v: &mut Value<'_>, cx: &mut Cx) -> Option<FollowUp> {
    let span = v.span.into();
    let mut th = table(v, cx)?;
    let id = th.required::<String>("id").ok();
    let prompt = cx.required_text(&mut th, "prompt");
    let kind = th.optional_s::<Kind>("kind");
    let ask_when = th.optional::<Condition>("ask_when");
    let requirement = requirement(&mut th, cx, span);
    finish(th, cx);
    let kind = match kind {
        None => Kind::Text,
        Some(k) if matches!(k.value, Kind::Text | Kind::ShortText) => k.value,
        Some(k) => {
            cx.diagnostics.push(
                Diagnostic::new(
                    k.span.into(),
                    format!("a follow-up cannot be `{}`", k.value.name()),
                )
                .hint("a follow-up's answer is `text` or `short-text`"),
            );
            Kind::Text
        }
    };
    Some(FollowUp {
        id: id?,
        prompt,
        kind,
        ask_when,
        requirement,
        span,
    })
}

fn comment(v: &mut Value<'_>, cx: &mut Cx) -> Option<Comment> {
    let span = v.span.into();
    let mut th = table(v, cx)?;
    let id = th
        .optional::<String>("id")
        .unwrap_or_else(|| "comment".into());
    let label = cx
        .optional_text(&mut th, "label")
        .map_or_else(|| Text::new("Comment"), |t| t.value);
    finish(th, cx);
    Some(Comment { id, label, span })
}

impl<'de> Deserialize<'de> for RawText {
    fn deserialize(value: &mut Value<'de>) -> Result<Self, DeserError> {
        match value.take() {
            ValueInner::String(s) => Ok(RawText::Plain(s.into_owned())),
            ValueInner::Table(t) => {
                let mut translations = BTreeMap::new();
                let mut errors = Vec::new();
                for (key, mut v) in t {
                    match String::deserialize(&mut v) {
                        Ok(s) => {
                            translations.insert(key.name.into_owned(), s);
                        }
                        Err(e) => errors.extend(e.errors),
                    }
                }
                if errors.is_empty() {
                    Ok(RawText::Translated(translations))
                } else {
                    Err(DeserError { errors })
                }
            }
            other => Err(expected(
                "a string, or a table of translations like { en = \"…\", fr = \"…\" }",
                other,
                value.span,
            )
            .into()),
        }
    }
}

impl<'de> Deserialize<'de> for Kind {
    fn deserialize(value: &mut Value<'de>) -> Result<Self, DeserError> {
        let span = value.span;
        let s = value.take_string(None)?;
        Kind::ALL
            .into_iter()
            .find(|k| k.name() == s)
            .ok_or_else(|| {
                let names: Vec<_> = Kind::ALL.iter().map(|k| k.name()).collect();
                let msg = match closest(&s, names.iter().copied()) {
                    Some(near) => format!("unknown kind `{s}`; did you mean `{near}`?"),
                    None => format!("unknown kind `{s}`; the kinds are {}", names.join(", ")),
                };
                Error::from((ErrorKind::Custom(msg.into()), span)).into()
            })
    }
}

impl<'de> Deserialize<'de> for Condition {
    fn deserialize(value: &mut Value<'de>) -> Result<Self, DeserError> {
        let span: Span = value.span.into();
        let mut th = TableHelper::new(value)?;
        let not = th.optional::<Condition>("not");
        let all = th.optional::<Vec<Condition>>("all");
        let any = th.optional::<Vec<Condition>>("any");
        let question = th.optional::<String>("question");
        let is = th.optional::<String>("is");
        let any_of = th.optional::<Vec<String>>("any_of");
        let answered = th.optional::<bool>("answered");
        let forms = [
            not.is_some(),
            all.is_some(),
            any.is_some(),
            question.is_some(),
        ];
        let bad = |msg: &str| -> DeserError {
            Error::from((
                ErrorKind::Custom(msg.to_owned().into()),
                toml_span::Span::new(span.start, span.end),
            ))
            .into()
        };
        if forms.iter().filter(|f| **f).count() != 1 {
            th.finalize(None)?;
            return Err(bad(
                "a condition is one of { question = …, is = … }, { question = …, any_of = […] }, \
                 { question = …, answered = true }, { not = … }, { all = […] }, { any = […] }",
            ));
        }
        let tests = [is.is_some(), any_of.is_some(), answered.is_some()];
        if question.is_some() && tests.iter().filter(|t| **t).count() != 1 {
            th.finalize(None)?;
            return Err(bad(
                "a condition on a question needs exactly one of `is`, `any_of`, `answered`",
            ));
        }
        th.finalize(None)?;
        Ok(match (question, not, all, any) {
            (Some(question), ..) => match (is, any_of, answered) {
                (Some(option), ..) => Condition::Is {
                    question,
                    option,
                    span,
                },
                (_, Some(options), _) => Condition::AnyOf {
                    question,
                    options,
                    span,
                },
                (_, _, answered) => Condition::Answered {
                    question,
                    answered: answered.unwrap_or(true),
                    span,
                },
            },
            (_, Some(c), ..) => Condition::Not(Box::new(c)),
            (_, _, Some(cs), _) => Condition::All(cs),
            (_, _, _, cs) => Condition::Any(cs.unwrap_or_default()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closest_suggests_near_names_only() {
        let keys = ["id", "text", "kind", "instruction"];
        assert_eq!(closest("knd", keys.into_iter()), Some("kind"));
        assert_eq!(
            closest("instructions", keys.into_iter()),
            Some("instruction")
        );
        assert_eq!(closest("zzzzzz", keys.into_iter()), None);
    }
}
