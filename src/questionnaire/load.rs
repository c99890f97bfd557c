//! Reading a definition from TOML into a [`Questionnaire`].
//!
//! Decoding goes on past every problem it can step over, so that one run
//! reports all of them. An item whose id is missing is still kept (with an
//! empty id), so that question numbers stay right and its questions are still
//! checked; a question whose kind cannot be read is kept as text but marked
//! unsure, so that checks on its options raise no false alarms.

use super::decode::{
    Cx, Places, Table, array, boolean, check_id, check_unique, each, integer, kind, string,
    strings, text,
};
use super::explain::{Want, syntax};
use super::{
    ChoiceOption, Comment, Condition, Diagnostic, FollowUp, HeaderField, Kind, Part, Question,
    Questionnaire, ReportLayout, Requirement, Span, Spanned, Text,
};
use std::collections::HashMap;
use toml_span::value::Value;

/// The definition format this build reads.
pub const FORMAT: i64 = 1;

/// Ids seen so far in the whole definition, to find duplicates.
#[derive(Default)]
struct Seen {
    fields: HashMap<String, Span>,
    parts: HashMap<String, Span>,
    questions: HashMap<String, Span>,
}

pub(super) fn load(source: &str) -> (Option<Questionnaire>, Places, Vec<Diagnostic>) {
    let root = match toml_span::parse(source) {
        Ok(v) => v,
        Err(e) => return (None, Places::default(), vec![syntax(source, e)]),
    };
    let mut cx = Cx::new(source);
    let q = questionnaire(&mut cx, root);
    (q, cx.places, cx.diagnostics)
}

/// Decodes the array of tables under a `[[header]]`.
fn tables<'c, 'de, T>(
    cx: &mut Cx<'c>,
    subject: &str,
    v: Value<'de>,
    header: &'static str,
    f: impl FnMut(&mut Cx<'c>, &str, Value<'de>) -> Option<T>,
) -> Option<Vec<T>> {
    let items = array(cx, subject, v, Want::Tables(header))?;
    Some(each(cx, items, &format!("each `[[{header}]]`"), f))
}

/// Reads `id`, checks it, and names the table after it in later messages.
fn ident(
    cx: &mut Cx<'_>,
    t: &mut Table<'_>,
    what: &str,
    seen: &mut HashMap<String, Span>,
) -> String {
    let Some(id) = t.req(cx, "id", string) else {
        return String::new();
    };
    t.what = format!("{what} `{}`", id.value);
    check_id(cx, what, &id);
    if !id.value.is_empty() {
        check_unique(cx, seen, what, &id);
    }
    id.value
}

fn questionnaire(cx: &mut Cx<'_>, root: Value<'_>) -> Option<Questionnaire> {
    let mut t = Table::new(cx, "the definition", root, "the definition")?;
    let mut seen = Seen::default();
    if let Some(format) = t.opt(cx, "format", integer)
        && format.value != FORMAT
    {
        cx.report(
            Diagnostic::new(
                format.span,
                format!("unsupported definition format `{}`", format.value),
            )
            .hint(format!("this version of quire reads `format = {FORMAT}`")),
        );
    }
    let id = t.req(cx, "id", string).map_or_else(String::new, |id| {
        if id.value.trim().is_empty() {
            cx.report(
                Diagnostic::new(id.span, "the questionnaire's `id` is empty")
                    .hint("name it, e.g. `id = \"staff-survey\"`: it names the questionnaire"),
            );
        }
        id.value
    });
    let version = t
        .req(cx, "version", string)
        .map(|s| s.value)
        .unwrap_or_default();
    let languages_key = t.key_span("languages").unwrap_or(t.span);
    if let Some(languages) = t.opt(cx, "languages", strings) {
        match languages.first() {
            Some(_) => cx.languages = languages.into_iter().map(|l| l.value).collect(),
            None => cx.report(
                Diagnostic::new(languages_key, "`languages` is empty")
                    .hint("list the primary language first, e.g. `languages = [\"en\"]`"),
            ),
        }
    }
    let title = t
        .req(cx, "title", text)
        .map(|s| s.value)
        .unwrap_or_default();
    let header_fields = t
        .opt(cx, "header_field", |cx, s, v| {
            tables(cx, s, v, "header_field", |cx, s, v| {
                header_field(cx, s, v, &mut seen.fields)
            })
        })
        .unwrap_or_default();
    let has_report = t.contains("report");
    let layout = t
        .opt(cx, "report", layout)
        .unwrap_or_else(|| default_layout(&cx.languages, t.span));
    if !has_report {
        t.missing(
            "report",
            "the definition has no `[report]` table".into(),
            "add a `[report]` table; an empty one gives the default headings".into(),
        );
    }
    let mut parts = Vec::new();
    let mut questions = Vec::new();
    if !t.contains("part") {
        t.missing(
            "part",
            "the definition has no parts".into(),
            "add at least one `[[part]]` with a `[[part.question]]` under it".into(),
        );
    }
    t.opt(cx, "part", |cx, s, v| {
        tables(cx, s, v, "part", |cx, s, v| {
            let (part, qs) = part(cx, s, v, parts.len(), &mut seen)?;
            parts.push(part);
            questions.extend(qs);
            Some(())
        })
    });
    let analysis = t
        .opt(cx, "summary", super::codebook::decode)
        .unwrap_or_default();
    t.finish(cx);
    for (i, q) in questions.iter_mut().enumerate() {
        q.number = i + 1;
    }
    Some(Questionnaire {
        id,
        version,
        title,
        languages: cx.languages.clone(),
        header_fields,
        layout,
        parts,
        questions,
        analysis,
        digest: String::new(),
        language_notes: Vec::new(),
    })
}

fn header_field(
    cx: &mut Cx<'_>,
    subject: &str,
    v: Value<'_>,
    seen: &mut HashMap<String, Span>,
) -> Option<HeaderField> {
    let mut t = Table::new(cx, subject, v, "this header field")?;
    let span = t.span;
    let id = ident(cx, &mut t, "header field", seen);
    let label = t
        .req(cx, "label", text)
        .map(|s| s.value)
        .unwrap_or_default();
    let required = t.opt(cx, "required", boolean).unwrap_or(true);
    t.finish(cx);
    Some(HeaderField {
        id,
        label,
        required,
        span,
    })
}

/// The French of the words quire supplies when a definition gives none
/// (built-in yes/no options, default report lines): a definition with
/// `fr` among its languages gets them without writing them out. `Oui`,
/// `Non`, `Partie`, `Question` and `s.o.` are the published wording.
const BUILT_IN_FRENCH: [(&str, &str); 7] = [
    ("Yes", "Oui"),
    ("No", "Non"),
    ("Part {number}. {title}", "Partie {number}. {title}"),
    ("Question {number}", "Question {number}"),
    ("N/A", "s.o."),
    ("No response submitted.", "Aucune réponse soumise."),
    ("Comment", "Commentaire"),
];

/// A text quire supplies, with its translations into the definition's
/// languages where quire knows them.
fn built_in(languages: &[String], english: &str) -> Text {
    let mut text = Text::new(english);
    if languages.iter().skip(1).any(|l| l == "fr")
        && let Some((_, fr)) = BUILT_IN_FRENCH.iter().find(|(en, _)| *en == english)
    {
        text.translations.insert("fr".into(), (*fr).into());
    }
    text
}

fn default_layout(languages: &[String], span: Span) -> ReportLayout {
    let at = |s: &str| Spanned {
        value: built_in(languages, s),
        span,
    };
    ReportLayout {
        header: Vec::new(),
        footer: Vec::new(),
        part_heading: at("Part {number}. {title}"),
        question_heading: at("Question {number}"),
        not_applicable: built_in(languages, "N/A"),
        no_response: built_in(languages, "No response submitted."),
    }
}

fn lines(cx: &mut Cx<'_>, subject: &str, v: Value<'_>) -> Option<Vec<Spanned<Text>>> {
    let items = array(cx, subject, v, Want::Array)?;
    Some(each(cx, items, &format!("each line of {subject}"), text))
}

fn layout(cx: &mut Cx<'_>, subject: &str, v: Value<'_>) -> Option<ReportLayout> {
    let mut t = Table::new(cx, subject, v, "the `[report]` table")?;
    let default = default_layout(&cx.languages, t.span);
    let header = t.opt(cx, "header", lines).unwrap_or_default();
    let footer = t.opt(cx, "footer", lines).unwrap_or_default();
    let part_heading = t
        .opt(cx, "part_heading", text)
        .unwrap_or(default.part_heading);
    let question_heading = t
        .opt(cx, "question_heading", text)
        .unwrap_or(default.question_heading);
    let not_applicable = t
        .opt(cx, "not_applicable", text)
        .map_or(default.not_applicable, |s| s.value);
    let no_response = t
        .opt(cx, "no_response", text)
        .map_or(default.no_response, |s| s.value);
    t.finish(cx);
    Some(ReportLayout {
        header,
        footer,
        part_heading,
        question_heading,
        not_applicable,
        no_response,
    })
}

fn part(
    cx: &mut Cx<'_>,
    subject: &str,
    v: Value<'_>,
    index: usize,
    seen: &mut Seen,
) -> Option<(Part, Vec<Question>)> {
    let mut t = Table::new(cx, subject, v, "this part")?;
    let span = t.span;
    let id = ident(cx, &mut t, "part", &mut seen.parts);
    let title = t
        .req(cx, "title", text)
        .map(|s| s.value)
        .unwrap_or_default();
    if !t.contains("question") {
        let message = format!("{} has no questions", t.what);
        let hint = "add a `[[part.question]]` under it, or remove the part".into();
        t.missing("question", message, hint);
    }
    let questions = t
        .opt(cx, "question", |cx, s, v| {
            tables(cx, s, v, "part.question", |cx, s, v| {
                question(cx, s, v, index, &mut seen.questions)
            })
        })
        .unwrap_or_default();
    t.finish(cx);
    Some((Part { id, title, span }, questions))
}

fn question(
    cx: &mut Cx<'_>,
    subject: &str,
    v: Value<'_>,
    part: usize,
    seen: &mut HashMap<String, Span>,
) -> Option<Question> {
    let mut t = Table::new(cx, subject, v, "this question")?;
    let span = t.span;
    let id = ident(cx, &mut t, "question", seen);
    let text = t.req(cx, "text", text).map(|s| s.value).unwrap_or_default();
    let kind = t.req(cx, "kind", kind).map(|k| k.value);
    let instruction = t.opt(cx, "instruction", super::decode::text);
    let ask_when = ask_when(cx, &mut t);
    let requirement = requirement(cx, &mut t);
    let before_options = cx.diagnostics.len();
    let mut option_ids = HashMap::new();
    let mut options = t
        .opt(cx, "option", |cx, s, v| {
            tables(cx, s, v, "part.question.option", |cx, s, v| {
                choice_option(cx, s, v, &mut option_ids)
            })
        })
        .unwrap_or_default();
    let options_failed = cx.diagnostics.len() > before_options;
    let mut field_ids = HashMap::new();
    let follow_ups = t
        .opt(cx, "follow_up", |cx, s, v| {
            tables(cx, s, v, "part.question.follow_up", |cx, s, v| {
                follow_up(cx, s, v, &mut field_ids)
            })
        })
        .unwrap_or_default();
    let comment = t.opt(cx, "comment", |cx, s, v| comment(cx, s, v, &mut field_ids));
    let misspelt = t.finish(cx);
    if kind.is_none() || options_failed || misspelt.contains(&"option") {
        cx.places.unsure.insert(span.start);
    }
    let kind = kind.unwrap_or(Kind::Text);
    if kind == Kind::YesNo && options.is_empty() {
        options = ["Yes", "No"]
            .into_iter()
            .map(|label| ChoiceOption {
                id: label.to_lowercase(),
                label: built_in(&cx.languages, label),
                span,
            })
            .collect();
    }
    Some(Question {
        id,
        number: 0,
        part,
        text,
        instruction: instruction.map(|s| s.value),
        kind,
        options,
        comment,
        follow_ups,
        ask_when,
        requirement,
        span,
    })
}

fn ask_when(cx: &mut Cx<'_>, t: &mut Table<'_>) -> Option<Condition> {
    if let Some(key) = t.key_span("ask_when") {
        cx.places.ask_when.insert(t.span.start, key);
    }
    t.opt(cx, "ask_when", super::condition::decode)
}

fn requirement(cx: &mut Cx<'_>, t: &mut Table<'_>) -> Requirement {
    let required = t.opt(cx, "required", boolean);
    let when_key = t.key_span("required_when");
    let when = t.opt(cx, "required_when", super::condition::decode);
    match (required, when) {
        (Some(_), Some(c)) => {
            cx.report(
                Diagnostic::new(
                    when_key.unwrap_or(t.span),
                    "both `required` and `required_when` are set",
                )
                .hint("keep `required_when` for a conditional requirement, or `required` alone"),
            );
            Requirement::RequiredWhen(c)
        }
        (_, Some(c)) => Requirement::RequiredWhen(c),
        (Some(true), None) => Requirement::Required,
        _ => Requirement::Optional,
    }
}

fn choice_option(
    cx: &mut Cx<'_>,
    subject: &str,
    v: Value<'_>,
    seen: &mut HashMap<String, Span>,
) -> Option<ChoiceOption> {
    let mut t = Table::new(cx, subject, v, "this option")?;
    let span = t.span;
    let id = ident(cx, &mut t, "option", seen);
    let label = t
        .req(cx, "label", text)
        .map(|s| s.value)
        .unwrap_or_default();
    t.finish(cx);
    Some(ChoiceOption { id, label, span })
}

fn follow_up(
    cx: &mut Cx<'_>,
    subject: &str,
    v: Value<'_>,
    seen: &mut HashMap<String, Span>,
) -> Option<FollowUp> {
    let mut t = Table::new(cx, subject, v, "this follow-up")?;
    let span = t.span;
    let id = ident(cx, &mut t, "follow-up", seen);
    let prompt = t
        .req(cx, "prompt", text)
        .map(|s| s.value)
        .unwrap_or_default();
    let kind = match t.opt(cx, "kind", kind) {
        None => Kind::Text,
        Some(k) if matches!(k.value, Kind::Text | Kind::ShortText) => k.value,
        Some(k) => {
            cx.report(
                Diagnostic::new(
                    k.span,
                    format!("a follow-up cannot be of kind `{}`", k.value.name()),
                )
                .hint("a follow-up's answer is `text` or `short-text`"),
            );
            Kind::Text
        }
    };
    let ask_when = ask_when(cx, &mut t);
    let requirement = requirement(cx, &mut t);
    t.finish(cx);
    Some(FollowUp {
        id,
        prompt,
        kind,
        ask_when,
        requirement,
        span,
    })
}

fn comment(
    cx: &mut Cx<'_>,
    subject: &str,
    v: Value<'_>,
    seen: &mut HashMap<String, Span>,
) -> Option<Comment> {
    let mut t = Table::new(cx, subject, v, "the comment")?;
    let span = t.span;
    let id = t.opt(cx, "id", string).unwrap_or(Spanned {
        value: "comment".into(),
        span,
    });
    check_id(cx, "comment", &id);
    check_unique(cx, seen, "follow-up or comment", &id);
    let label = t
        .opt(cx, "label", text)
        .map_or_else(|| built_in(&cx.languages, "Comment"), |s| s.value);
    t.finish(cx);
    Some(Comment {
        id: id.value,
        label,
        span,
    })
}
