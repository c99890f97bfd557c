//! The building blocks of decoding: tables whose every key is accounted for,
//! typed values, labels with translations, kinds and ids.
//!
//! Every problem becomes a diagnostic and decoding goes on, so that one run
//! reports all of them.

use super::explain::{Want, closest, suggest, widen_to_quotes, wrong_type};
use super::{Diagnostic, Kind, Span, Spanned, Text};
use std::collections::{BTreeMap, HashMap, HashSet};
use toml_span::value::{self, Value, ValueInner};

/// Places that the public structures do not keep, so that problems found
/// after loading can point at a key or value rather than its whole table.
#[derive(Default)]
pub(super) struct Places {
    /// The `ask_when` key, by the start of its question's or follow-up's span.
    pub ask_when: HashMap<usize, Span>,
    /// What a condition leaf names, by the start of the leaf's span.
    pub leaves: HashMap<usize, Leaf>,
    /// Questions (by the start of their span) whose kind or options could not
    /// be read: checks that depend on them would only raise false alarms.
    pub unsure: HashSet<usize>,
    /// Texts lacking a declared language or marked unofficial: warnings,
    /// not problems (see [`super::LanguageNote`]).
    pub notes: Vec<Note>,
}

/// A text that lacks `language` (or whose `language` text is unofficial).
pub(super) struct Note {
    pub span: Span,
    pub language: String,
    pub unofficial: bool,
    pub message: String,
}

/// The start of a label for messages: its first line, at most 60 characters.
fn quoted(text: &str) -> String {
    let line = text.lines().next().unwrap_or("");
    let short: String = line.chars().take(60).collect();
    if short.len() < text.len() {
        format!("\"{short}…\"")
    } else {
        format!("\"{short}\"")
    }
}

/// Where a condition leaf names its question and options.
pub(super) struct Leaf {
    pub question: Span,
    /// One per option named, in order.
    pub options: Vec<Span>,
}

pub(super) struct Cx<'s> {
    pub source: &'s str,
    pub diagnostics: Vec<Diagnostic>,
    /// The questionnaire's languages, the primary one first.
    pub languages: Vec<String>,
    pub places: Places,
}

impl<'s> Cx<'s> {
    pub fn new(source: &'s str) -> Self {
        Self {
            source,
            diagnostics: Vec::new(),
            languages: vec!["en".into()],
            places: Places::default(),
        }
    }

    pub fn report(&mut self, d: Diagnostic) {
        self.diagnostics.push(d);
    }

    fn wrong(&mut self, subject: &str, found: &ValueInner<'_>, span: toml_span::Span, want: Want) {
        let d = wrong_type(self.source, subject, found, span.into(), want);
        self.report(d);
    }
}

/// A table being decoded.
///
/// Missing keys are reported only at [`Table::finish`]: a misspelt key
/// (`knd`) explains a missing one (`kind`), and one message is clearer than two.
pub(super) struct Table<'de> {
    entries: value::Table<'de>,
    pub span: Span,
    /// What the table is, for messages: "question `q2`", "this part".
    pub what: String,
    known: Vec<&'static str>,
    missing: Vec<(&'static str, Diagnostic)>,
}

impl<'de> Table<'de> {
    /// `None`, reported, when `v` is not a table.
    pub fn new(cx: &mut Cx<'_>, subject: &str, mut v: Value<'de>, what: &str) -> Option<Self> {
        match v.take() {
            ValueInner::Table(entries) => Some(Self {
                entries,
                span: v.span.into(),
                what: what.to_owned(),
                known: Vec::new(),
                missing: Vec::new(),
            }),
            other => {
                cx.wrong(subject, &other, v.span, Want::Table);
                None
            }
        }
    }

    pub fn contains(&self, key: &str) -> bool {
        self.entries.contains_key(key)
    }

    /// Where `key` is written, if it is.
    pub fn key_span(&self, key: &str) -> Option<Span> {
        self.entries.get_key_value(key).map(|(k, _)| k.span.into())
    }

    /// Takes `key`'s value; `key` counts as known even when absent.
    pub fn take(&mut self, key: &'static str) -> Option<Value<'de>> {
        self.known.push(key);
        self.entries.remove(key)
    }

    /// Decodes `key`'s value with `f`, which is given a name for it in messages.
    pub fn opt<'c, T>(
        &mut self,
        cx: &mut Cx<'c>,
        key: &'static str,
        f: impl FnOnce(&mut Cx<'c>, &str, Value<'de>) -> Option<T>,
    ) -> Option<T> {
        let v = self.take(key)?;
        f(cx, &format!("`{key}`"), v)
    }

    /// Like [`Table::opt`], but a missing key is a problem.
    pub fn req<'c, T>(
        &mut self,
        cx: &mut Cx<'c>,
        key: &'static str,
        f: impl FnOnce(&mut Cx<'c>, &str, Value<'de>) -> Option<T>,
    ) -> Option<T> {
        if !self.contains(key) {
            let hint = match key {
                "kind" => format!(
                    "add `kind = \"…\"`, one of {}",
                    Kind::ALL.map(|k| format!("`{}`", k.name())).join(", ")
                ),
                "id" => {
                    "add `id = \"…\"` with letters, digits, `-` and `_`: answers are stored by id"
                        .to_owned()
                }
                _ => format!("add `{key} = \"…\"`"),
            };
            let hint = if self.span.start == 0 {
                // Keys written after a `[table]` header belong to that table.
                format!("{hint} near the top of the file, before the first `[table]` header")
            } else {
                hint
            };
            self.missing(key, format!("{} has no `{key}`", self.what), hint);
        }
        self.opt(cx, key, f)
    }

    /// Records that something `key` would have given is missing.
    pub fn missing(&mut self, key: &'static str, message: String, hint: String) {
        self.missing
            .push((key, Diagnostic::new(self.span, message).hint(hint)));
    }

    /// Reports unknown keys and what is missing; returns the known keys that
    /// a misspelt key was taken for.
    pub fn finish(self, cx: &mut Cx<'_>) -> Vec<&'static str> {
        let missing: Vec<&'static str> = self.missing.iter().map(|(k, _)| *k).collect();
        let mut unknown: Vec<_> = self.entries.into_keys().collect();
        unknown.sort_by_key(|k| k.span.start);
        let mut misspelt = Vec::new();
        for key in unknown {
            // A key that is missing is the likelier intent than one already set.
            let near = closest(&key.name, missing.iter().copied())
                .or_else(|| closest(&key.name, self.known.iter().copied()));
            let hint = match near {
                Some(near) => {
                    misspelt.push(near);
                    format!("did you mean `{near}`?")
                }
                None => suggest(
                    &key.name,
                    self.known.iter().copied(),
                    "the keys allowed here",
                ),
            };
            cx.report(
                Diagnostic::new(
                    key.span.into(),
                    format!("unknown key `{}` in {}", key.name, self.what),
                )
                .hint(hint),
            );
        }
        for (key, d) in self.missing {
            if !misspelt.contains(&key) {
                cx.report(d);
            }
        }
        misspelt
    }
}

pub(super) fn string(cx: &mut Cx<'_>, subject: &str, mut v: Value<'_>) -> Option<Spanned<String>> {
    match v.take() {
        ValueInner::String(s) => Some(Spanned {
            value: s.into_owned(),
            span: widen_to_quotes(cx.source, v.span.into()),
        }),
        other => {
            cx.wrong(subject, &other, v.span, Want::String);
            None
        }
    }
}

pub(super) fn boolean(cx: &mut Cx<'_>, subject: &str, mut v: Value<'_>) -> Option<bool> {
    match v.take() {
        ValueInner::Boolean(b) => Some(b),
        other => {
            cx.wrong(subject, &other, v.span, Want::Bool);
            None
        }
    }
}

pub(super) fn integer(cx: &mut Cx<'_>, subject: &str, mut v: Value<'_>) -> Option<Spanned<i64>> {
    match v.take() {
        ValueInner::Integer(i) => Some(Spanned {
            value: i,
            span: v.span.into(),
        }),
        other => {
            cx.wrong(subject, &other, v.span, Want::Integer);
            None
        }
    }
}

/// The items of an array; `None`, reported, if `v` is not one.
pub(super) fn array<'de>(
    cx: &mut Cx<'_>,
    subject: &str,
    mut v: Value<'de>,
    want: Want,
) -> Option<Vec<Value<'de>>> {
    match v.take() {
        ValueInner::Array(items) => Some(items),
        other => {
            cx.wrong(subject, &other, v.span, want);
            None
        }
    }
}

/// Each item decoded by `f`; items that fail are reported and left out.
pub(super) fn each<'c, 'de, T>(
    cx: &mut Cx<'c>,
    items: Vec<Value<'de>>,
    subject: &str,
    mut f: impl FnMut(&mut Cx<'c>, &str, Value<'de>) -> Option<T>,
) -> Vec<T> {
    items
        .into_iter()
        .filter_map(|v| f(cx, subject, v))
        .collect()
}

pub(super) fn strings(
    cx: &mut Cx<'_>,
    subject: &str,
    v: Value<'_>,
) -> Option<Vec<Spanned<String>>> {
    let items = array(cx, subject, v, Want::Array)?;
    let n = items.len();
    let out = each(cx, items, &format!("each item of {subject}"), string);
    (out.len() == n).then_some(out)
}

/// A label: a string, or a table of translations by language, with
/// `unofficial = ["fr"]` naming translations still to be checked.
pub(super) fn text(cx: &mut Cx<'_>, subject: &str, mut v: Value<'_>) -> Option<Spanned<Text>> {
    let span: Span = v.span.into();
    let entries = match v.take() {
        ValueInner::String(s) => {
            let text = Text::new(s);
            note_missing(cx, subject, &text, widen_to_quotes(cx.source, span));
            return Some(Spanned { value: text, span });
        }
        ValueInner::Table(entries) => entries,
        other => {
            cx.wrong(subject, &other, v.span, Want::Text);
            return None;
        }
    };
    let mut translations = BTreeMap::new();
    let mut places = BTreeMap::new();
    let mut unofficial = Vec::new();
    for (lang, v) in entries {
        if lang.name == "unofficial" {
            unofficial = strings(cx, "`unofficial`", v).unwrap_or_default();
            continue;
        }
        check_language(cx, &lang);
        places.insert(lang.name.to_string(), Span::from(lang.span));
        if let Some(s) = string(cx, &format!("the `{}` text", lang.name), v) {
            translations.insert(lang.name.into_owned(), s.value);
        }
    }
    let primary_lang = cx.languages[0].clone();
    let primary = translations.remove(&primary_lang).unwrap_or_else(|| {
        cx.report(
            Diagnostic::new(span, format!("{subject} has no `{primary_lang}` text"))
                .hint(format!(
                    "every label needs the primary language, `{primary_lang}` (the first of `languages`)"
                )),
        );
        String::new()
    });
    let mut marked = std::collections::BTreeSet::new();
    for lang in unofficial {
        if lang.value == primary_lang {
            cx.report(
                Diagnostic::new(lang.span, format!("the primary language, `{primary_lang}`, cannot be marked unofficial"))
                    .hint("`unofficial` lists translations still to be checked against an official source"),
            );
        } else if !translations.contains_key(&lang.value) {
            cx.report(
                Diagnostic::new(
                    lang.span,
                    format!(
                        "`unofficial` names `{}`, but this label has no `{}` text",
                        lang.value, lang.value
                    ),
                )
                .hint(format!(
                    "add `{} = \"…\"` beside it, or remove `{}` from `unofficial`",
                    lang.value, lang.value
                )),
            );
        } else {
            cx.places.notes.push(Note {
                span: places.get(&lang.value).copied().unwrap_or(span),
                language: lang.value.clone(),
                unofficial: true,
                message: format!(
                    "the `{}` text of {subject} {} is an unofficial translation; check it against an official source, then remove `{}` from `unofficial`",
                    lang.value,
                    quoted(&primary),
                    lang.value
                ),
            });
            marked.insert(lang.value);
        }
    }
    let text = Text {
        primary,
        translations,
        unofficial: marked,
    };
    note_missing(cx, subject, &text, span);
    Some(Spanned { value: text, span })
}

/// Whether a text has words to translate: a template made only of
/// placeholders, spaces and signs (`"{organization}"`, `"\u00A0"`) reads
/// the same in every language.
fn has_words(text: &str) -> bool {
    crate::report::fill(text, &|_| Some(String::new()))
        .chars()
        .any(char::is_alphabetic)
}

/// Notes each declared language that `text` has no text in.
fn note_missing(cx: &mut Cx<'_>, subject: &str, text: &Text, span: Span) {
    if !has_words(text.as_str()) {
        return;
    }
    for lang in cx.languages.iter().skip(1) {
        if text.translation(lang).is_none() {
            cx.places.notes.push(Note {
                span,
                language: lang.clone(),
                unofficial: false,
                message: format!(
                    "{subject} {} has no `{lang}` text; every text needs each of `languages`",
                    quoted(text.as_str())
                ),
            });
        }
    }
}

/// A table key that names a language (a text's translations, a
/// codebook's phrases) must be one of the questionnaire's `languages`.
pub(super) fn check_language(cx: &mut Cx<'_>, lang: &value::Key<'_>) {
    if cx.languages.iter().any(|l| *l == lang.name) {
        return;
    }
    let mut listed = cx.languages.clone();
    listed.push(lang.name.to_string());
    cx.report(
        Diagnostic::new(
            lang.span.into(),
            format!(
                "language `{}` is not one of the questionnaire's `languages`",
                lang.name
            ),
        )
        .hint(format!("add it to the list: languages = {listed:?}")),
    );
}

pub(super) fn kind(cx: &mut Cx<'_>, subject: &str, v: Value<'_>) -> Option<Spanned<Kind>> {
    let s = string(cx, subject, v)?;
    match Kind::ALL.into_iter().find(|k| k.name() == s.value) {
        Some(k) => Some(Spanned {
            value: k,
            span: s.span,
        }),
        None => {
            cx.report(
                Diagnostic::new(s.span, format!("unknown kind `{}`", s.value)).hint(suggest(
                    &s.value,
                    Kind::ALL.iter().map(|k| k.name()),
                    "the kinds are",
                )),
            );
            None
        }
    }
}

/// Ids become keys in saved answers (`question.follow-up`), so they are kept
/// to a safe alphabet.
pub(super) fn check_id(cx: &mut Cx<'_>, what: &str, id: &Spanned<String>) {
    let ok = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
    if id.value.is_empty() {
        cx.report(
            Diagnostic::new(id.span, format!("{what} id is empty"))
                .hint("give it an id of letters, digits, `-` and `_`, e.g. `q1`"),
        );
    } else if !id.value.chars().all(ok) {
        let fixed: String = id
            .value
            .chars()
            .map(|c| if ok(c) { c } else { '-' })
            .collect();
        let message = format!("{what} id `{}` is not a valid id", id.value);
        let hint = format!(
            "use letters, digits, `-` and `_` only, e.g. `{fixed}`: ids are keys in saved answers"
        );
        cx.report(Diagnostic::new(id.span, message).hint(hint));
    }
}

/// Reports `id` if `seen` has it already, else records it.
pub(super) fn check_unique(
    cx: &mut Cx<'_>,
    seen: &mut HashMap<String, Span>,
    what: &str,
    id: &Spanned<String>,
) {
    match seen.get(&id.value) {
        Some(first) => {
            let line = super::diagnostic::locate(cx.source, first.start).line;
            let message = format!("duplicate {what} id `{}`", id.value);
            let hint = format!(
                "`{}` is already used on line {line}; ids must be unique, as answers are stored by id",
                id.value
            );
            cx.report(Diagnostic::new(id.span, message).hint(hint));
        }
        None => {
            seen.insert(id.value.clone(), id.span);
        }
    }
}
