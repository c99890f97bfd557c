//! The `[summary]` section of a definition: what `quire summary` reads for
//! target dates, and the codebook of themes it looks for in answers. A
//! codebook may also come from a file of its own (`--themes FILE`).
//!
//! Format: `docs/summary.md`.

use super::decode::{Cx, Table, array, check_language, each, string, text};
use super::diagnostic::locate;
use super::explain::{Want, syntax};
use super::{Diagnostic, Kind, LoadError, Questionnaire, Span, Spanned, Text};
use crate::answers::FieldKey;
use crate::text::{Folding, folded};
use std::collections::HashMap;
use toml_span::value::{Value, ValueInner};

/// What the definition tells `quire summary`.
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    /// Answers that state a target date or time frame, read for dates.
    pub target_dates: Vec<Spanned<FieldKey>>,
    /// The codebook, in the order given.
    pub themes: Vec<Theme>,
}

/// A theme of the codebook: a name and the phrases that mention it.
#[derive(Debug, Clone)]
pub struct Theme {
    pub name: Text,
    pub phrases: Vec<Phrase>,
    pub span: Span,
}

/// One phrase of a theme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phrase {
    /// As written in the codebook.
    pub text: String,
    /// The language it was listed under, if any (every phrase is looked
    /// for in every answer: a report may be written in either language).
    pub language: Option<String>,
    /// An acronym ("AI", "EDI") is matched in the case written, so that
    /// French "j'ai" is not "AI"; other phrases ignore case.
    pub acronym: bool,
    pub span: Span,
}

impl Phrase {
    /// How the phrase and the text are folded before they are compared.
    pub fn folding(&self) -> Folding {
        if self.acronym {
            Folding::ACRONYM
        } else {
            Folding::PHRASE
        }
    }
}

/// Decodes the `[summary]` table.
pub(super) fn decode(cx: &mut Cx<'_>, subject: &str, v: Value<'_>) -> Option<Analysis> {
    let mut t = Table::new(cx, subject, v, "the `[summary]` table")?;
    let target_dates = t
        .opt(cx, "target_dates", |cx, s, v| {
            let items = array(cx, s, v, Want::Array)?;
            Some(each(cx, items, "each item of `target_dates`", field_key))
        })
        .unwrap_or_default();
    let themes = t.opt(cx, "theme", themes).unwrap_or_default();
    t.finish(cx);
    Some(Analysis {
        target_dates,
        themes,
    })
}

fn field_key(cx: &mut Cx<'_>, subject: &str, v: Value<'_>) -> Option<Spanned<FieldKey>> {
    let s = string(cx, subject, v)?;
    match FieldKey::parse(&s.value) {
        Some(key) => Some(Spanned {
            value: key,
            span: s.span,
        }),
        None => {
            cx.report(
                Diagnostic::new(s.span, format!("`{}` is not an answer's id", s.value)).hint(
                    "name a question (`q4`) or one of its follow-ups or its comment (`q1.if-not`)",
                ),
            );
            None
        }
    }
}

/// Decodes an array of `[[theme]]` tables, checking names are unique.
fn themes(cx: &mut Cx<'_>, subject: &str, v: Value<'_>) -> Option<Vec<Theme>> {
    let items = array(cx, subject, v, Want::Tables("theme"))?;
    let mut seen: HashMap<String, Span> = HashMap::new();
    let mut out = Vec::new();
    for item in items {
        let Some(theme) = theme(cx, "each `[[theme]]`", item) else {
            continue;
        };
        let key = folded(theme.name.as_str(), Folding::PHRASE);
        if key.trim().is_empty() {
            // Reported by `theme`.
        } else if let Some(first) = seen.get(&key) {
            let line = locate(cx.source, first.start).line;
            cx.report(
                Diagnostic::new(
                    theme.span,
                    format!("duplicate theme \"{}\"", theme.name.as_str()),
                )
                .hint(format!(
                    "a theme of that name is already on line {line} (names are compared ignoring case and accents); merge their phrases"
                )),
            );
        } else {
            seen.insert(key, theme.span);
        }
        out.push(theme);
    }
    Some(out)
}

fn theme(cx: &mut Cx<'_>, subject: &str, v: Value<'_>) -> Option<Theme> {
    let mut t = Table::new(cx, subject, v, "this theme")?;
    let span = t.span;
    let name = t.req(cx, "name", text);
    if let Some(n) = &name {
        t.what = format!("theme \"{}\"", n.value.as_str());
        if n.value.as_str().trim().is_empty() {
            cx.report(Diagnostic::new(n.span, "the theme's name is empty").hint(
                "name the theme, e.g. `name = \"Social media\"`: the summary lists it by name",
            ));
        }
    }
    let mut phrases = t
        .opt(cx, "phrases", |cx, s, v| phrase_list(cx, s, v, false))
        .unwrap_or_default();
    phrases.extend(
        t.opt(cx, "acronyms", |cx, s, v| phrase_list(cx, s, v, true))
            .unwrap_or_default(),
    );
    if phrases.is_empty() && !t.contains("phrases") && !t.contains("acronyms") {
        let message = format!("{} has no phrases", t.what);
        t.missing(
            "phrases",
            message,
            "add `phrases = [\"…\"]`: the words that mention the theme".into(),
        );
    }
    t.finish(cx);
    let mut seen: HashMap<String, Span> = HashMap::new();
    for p in &phrases {
        let key = folded(&p.text, p.folding());
        if !key.chars().any(char::is_alphanumeric) {
            cx.report(
                Diagnostic::new(p.span, "empty phrase")
                    .hint("a phrase needs at least one letter or digit; remove it"),
            );
        } else if let Some(first) = seen.get(&key) {
            let line = locate(cx.source, first.start).line;
            cx.report(
                Diagnostic::new(p.span, format!("duplicate phrase \"{}\"", p.text)).hint(
                    format!(
                        "the same phrase is already on line {line} (phrases are compared ignoring case, accents and hyphens)"
                    ),
                ),
            );
        } else {
            seen.insert(key, p.span);
        }
    }
    Some(Theme {
        name: name.map(|n| n.value).unwrap_or_default(),
        phrases,
        span,
    })
}

/// `["a", "b"]`, or `{ en = ["a"], fr = ["b"] }`.
fn phrase_list(
    cx: &mut Cx<'_>,
    subject: &str,
    mut v: Value<'_>,
    acronym: bool,
) -> Option<Vec<Phrase>> {
    let span = v.span;
    let make = |language: Option<String>| {
        move |cx: &mut Cx<'_>, s: &str, v: Value<'_>| {
            string(cx, s, v).map(|p| Phrase {
                text: p.value,
                language: language.clone(),
                acronym,
                span: p.span,
            })
        }
    };
    match v.take() {
        ValueInner::Array(items) => Some(each(
            cx,
            items,
            &format!("each item of {subject}"),
            make(None),
        )),
        ValueInner::Table(entries) => {
            let mut out = Vec::new();
            let mut entries: Vec<_> = entries.into_iter().collect();
            entries.sort_by_key(|(k, _)| k.span.start);
            for (lang, v) in entries {
                check_language(cx, &lang);
                let s = format!("the `{}` {subject}", lang.name);
                if let Some(items) = array(cx, &s, v, Want::Array) {
                    out.extend(each(
                        cx,
                        items,
                        &format!("each item of {s}"),
                        make(Some(lang.name.into_owned())),
                    ));
                }
            }
            Some(out)
        }
        other => {
            let d =
                super::explain::wrong_type(cx.source, subject, &other, span.into(), Want::Array);
            cx.report(d.hint(format!(
                "write a list, `{} = [\"…\"]`, or lists by language, `{} = {{ en = [\"…\"] }}`",
                subject.trim_matches('`'),
                subject.trim_matches('`')
            )));
            None
        }
    }
}

/// Checks that each target-date answer is a text answer of the
/// questionnaire, named once.
pub(super) fn check(q: &Questionnaire, out: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<&FieldKey, Span> = HashMap::new();
    for key in &q.analysis.target_dates {
        let at = key.span;
        let Some(question) = q.question(&key.value.question) else {
            out.push(
                Diagnostic::new(
                    at,
                    format!(
                        "`target_dates` names an unknown question `{}`",
                        key.value.question
                    ),
                )
                .hint("name a question by its `id`"),
            );
            continue;
        };
        let text = match &key.value.field {
            None => matches!(question.kind, Kind::Text | Kind::ShortText),
            Some(f) => {
                let known = question.follow_up(f).is_some()
                    || question.comment.as_ref().is_some_and(|c| &c.id == f);
                if !known {
                    out.push(
                        Diagnostic::new(
                            at,
                            format!(
                                "`target_dates` names `{}`, but question `{}` has no follow-up or comment `{f}`",
                                key.value, question.id
                            ),
                        )
                        .hint("name a follow-up or comment by its `id`, as `QUESTION.ID`"),
                    );
                    continue;
                }
                true
            }
        };
        if !text {
            out.push(
                Diagnostic::new(
                    at,
                    format!(
                        "`target_dates` names question `{}`, a {} question: only text answers hold dates",
                        question.id,
                        question.kind.name()
                    ),
                )
                .hint("name its follow-up instead, e.g. `q1.if-not`"),
            );
        }
        if let Some(first) = seen.insert(&key.value, at) {
            let _ = first;
            out.push(
                Diagnostic::new(at, format!("`target_dates` names `{}` twice", key.value))
                    .hint("keep one of them"),
            );
        }
    }
}

/// Reads a codebook file (`--themes FILE`): `[[theme]]` tables only, in
/// the format of the definition's `[[summary.theme]]`, checked the same way.
/// `languages` are the questionnaire's.
pub fn themes_from_toml(
    source: &str,
    name: &str,
    languages: &[String],
) -> Result<Vec<Theme>, LoadError> {
    let root = match toml_span::parse(source) {
        Ok(v) => v,
        Err(e) => return Err(LoadError::new(name, source, vec![syntax(source, e)])),
    };
    let mut cx = Cx::new(source);
    if !languages.is_empty() {
        cx.languages = languages.to_vec();
    }
    let mut out = Vec::new();
    if let Some(mut t) = Table::new(&mut cx, "the codebook", root, "the codebook") {
        if !t.contains("theme") {
            t.missing(
                "theme",
                "the codebook has no themes".into(),
                "add `[[theme]]` tables, each with `name` and `phrases`".into(),
            );
        }
        out = t.opt(&mut cx, "theme", themes).unwrap_or_default();
        t.finish(&mut cx);
    }
    if cx.diagnostics.is_empty() {
        Ok(out)
    } else {
        Err(LoadError::new(name, source, cx.diagnostics))
    }
}

/// [`themes_from_toml`] of a file.
pub fn themes_from_file(
    path: &std::path::Path,
    languages: &[String],
) -> Result<Vec<Theme>, LoadError> {
    let name = path.display().to_string();
    match std::fs::read_to_string(path) {
        Ok(source) => themes_from_toml(&source, &name, languages),
        Err(err) => Err(LoadError::io(&name, &err)),
    }
}
