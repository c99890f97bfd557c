//! Translated answers: each text answer (and header field) of a draft in
//! the questionnaire's other languages, with what each translation was
//! made from, so that a change to the source shows as an outdated
//! translation instead of two reports that silently disagree.
//!
//! A draft's answers are written in its *source language* (the
//! questionnaire's primary one unless the draft says otherwise); the other
//! languages hold translations of its text answers. Choice answers are
//! shared: options are the same ids in every language.

use super::Draft;
use crate::answers::{Answers, FieldKey, Value};
use crate::questionnaire::Questionnaire;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::fmt;

/// Which text a translation translates: a header field or a text answer.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TextKey {
    /// A header field, by id (the organization's name).
    Header(String),
    /// A text answer: a question's, a follow-up's or a comment's.
    Answer(FieldKey),
}

impl fmt::Display for TextKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TextKey::Header(id) => write!(f, "header.{id}"),
            TextKey::Answer(key) => write!(f, "{key}"),
        }
    }
}

/// One translated text, and the source text it was made from (by hash).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Translation {
    pub text: String,
    /// [`source_hash`] of the source text when the translation was written
    /// or last confirmed.
    pub source: String,
}

impl Translation {
    /// A translation of `source` (the text in the source language).
    pub fn of(source: &str, text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            source: source_hash(source),
        }
    }
}

/// The hash a translation records of its source text: `sha256:` and the
/// first 16 hex digits, enough to tell an edit from none.
pub fn source_hash(source: &str) -> String {
    let hash = Sha256::digest(source.as_bytes());
    let hex: String = hash.iter().take(8).map(|b| format!("{b:02x}")).collect();
    format!("sha256:{hex}")
}

/// Where a translation stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TranslationState {
    /// The source has text; there is no translation (or only white space).
    Missing,
    /// The source changed since the translation was written.
    Outdated,
    /// The translation is the source text itself: allowed (a proper name),
    /// and flagged so that it is a choice, not an oversight.
    SameText,
    Done,
}

impl TranslationState {
    /// One word for lists: `missing`, `outdated`, `same text`, `done`.
    pub fn word(self) -> &'static str {
        match self {
            Self::Missing => "missing",
            Self::Outdated => "outdated",
            Self::SameText => "same text",
            Self::Done => "done",
        }
    }

    /// Whether a report in that language may be published with it
    /// (without `--allow-incomplete`).
    pub fn is_publishable(self) -> bool {
        matches!(self, Self::SameText | Self::Done)
    }
}

/// Every translation of a draft, by language, then by text.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Translations {
    by_language: BTreeMap<String, BTreeMap<TextKey, Translation>>,
}

impl Translations {
    pub fn get(&self, language: &str, key: &TextKey) -> Option<&Translation> {
        self.by_language.get(language)?.get(key)
    }

    pub fn set(&mut self, language: &str, key: TextKey, translation: Translation) {
        self.by_language
            .entry(language.to_owned())
            .or_default()
            .insert(key, translation);
    }

    pub fn remove(&mut self, language: &str, key: &TextKey) -> Option<Translation> {
        let texts = self.by_language.get_mut(language)?;
        let out = texts.remove(key);
        if texts.is_empty() {
            self.by_language.remove(language);
        }
        out
    }

    /// The translations into `language`, by text.
    pub fn of(&self, language: &str) -> impl Iterator<Item = (&TextKey, &Translation)> {
        self.by_language.get(language).into_iter().flatten()
    }

    /// Every translation: language, text, translation.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &TextKey, &Translation)> {
        self.by_language
            .iter()
            .flat_map(|(l, texts)| texts.iter().map(move |(k, t)| (l.as_str(), k, t)))
    }

    /// Every translation, to change its text in place.
    pub fn iter_mut(&mut self) -> impl Iterator<Item = (&str, &TextKey, &mut Translation)> {
        self.by_language
            .iter_mut()
            .flat_map(|(l, texts)| texts.iter_mut().map(move |(k, t)| (l.as_str(), k, t)))
    }

    /// The languages that have at least one translation.
    pub fn languages(&self) -> impl Iterator<Item = &str> {
        self.by_language.keys().map(String::as_str)
    }

    pub fn is_empty(&self) -> bool {
        self.by_language.is_empty()
    }
}

/// A translation that stands in the way of publishing in its language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TranslationIssue {
    pub language: String,
    pub key: TextKey,
    pub state: TranslationState,
    /// The question's number, 0 for a header field.
    pub number: usize,
}

impl TranslationIssue {
    /// "Question 4 (q4): the `fr` translation is outdated".
    pub fn message(&self) -> String {
        let at = match &self.key {
            TextKey::Header(id) => format!("Header ({id})"),
            TextKey::Answer(key) => format!("Question {} ({key})", self.number),
        };
        format!(
            "{at}: the `{}` translation is {}",
            self.language,
            self.state.word()
        )
    }
}

/// Every text of `q` a translation may translate, in questionnaire order:
/// the header fields, then each question's answer, comment and follow-ups.
pub fn text_keys(q: &Questionnaire) -> Vec<TextKey> {
    let mut keys: Vec<TextKey> = q
        .header_fields
        .iter()
        .map(|f| TextKey::Header(f.id.clone()))
        .collect();
    for question in &q.questions {
        keys.push(TextKey::Answer(FieldKey::main(&question.id)));
        if let Some(c) = &question.comment {
            keys.push(TextKey::Answer(FieldKey::sub(&question.id, &c.id)));
        }
        for f in &question.follow_ups {
            keys.push(TextKey::Answer(FieldKey::sub(&question.id, &f.id)));
        }
    }
    keys
}

impl TranslationState {
    /// The state of translation `text` once written for `source` as it is
    /// now ([`Draft::set_answer_in`]), a blank one being no translation:
    /// what a translation being typed will be when it is kept, known
    /// without hashing the source.
    pub fn fresh(source: Option<&str>, text: &str) -> Option<Self> {
        match (has_text(source), text.trim().is_empty()) {
            (true, true) => Some(Self::Missing),
            (false, true) => None,
            (false, false) => Some(Self::Outdated),
            (true, false) if Some(text) == source => Some(Self::SameText),
            (true, false) => Some(Self::Done),
        }
    }
}

fn text_of<'a>(answers: &'a Answers, key: &TextKey) -> Option<&'a str> {
    match key {
        TextKey::Header(id) => answers.header.get(id).map(String::as_str),
        TextKey::Answer(key) => match answers.get(key) {
            Some(Value::Text(t)) => Some(t),
            _ => None,
        },
    }
}

fn has_text(t: Option<&str>) -> bool {
    t.is_some_and(|t| !t.trim().is_empty())
}

impl Draft {
    /// The language the draft's answers are written in: the one it names,
    /// else the questionnaire's primary language.
    pub fn source_language<'a>(&'a self, q: &'a Questionnaire) -> &'a str {
        self.language
            .as_deref()
            .unwrap_or_else(|| q.primary_language())
    }

    /// The source text of `key`, if it has one.
    pub fn source_text(&self, key: &TextKey) -> Option<&str> {
        text_of(&self.answers, key)
    }

    /// Where the `language` translation of `key` stands; `None` when there
    /// is nothing to translate (no source text and no translation) or
    /// `language` is the source language.
    pub fn translation_state(
        &self,
        q: &Questionnaire,
        language: &str,
        key: &TextKey,
    ) -> Option<TranslationState> {
        if language == self.source_language(q) {
            return None;
        }
        let source = self.source_text(key);
        let translation = self.translations.get(language, key);
        match (has_text(source), translation) {
            (false, None) => None,
            // A translation of a text that is now empty: the source changed.
            (false, Some(_)) => Some(TranslationState::Outdated),
            (true, None) => Some(TranslationState::Missing),
            (true, Some(t)) if t.text.trim().is_empty() => Some(TranslationState::Missing),
            (true, Some(t)) => {
                let source = source.unwrap_or_default();
                Some(if t.source != source_hash(source) {
                    TranslationState::Outdated
                } else if t.text == source {
                    TranslationState::SameText
                } else {
                    TranslationState::Done
                })
            }
        }
    }

    /// Every text of the draft that has a translation state in
    /// `language`, in questionnaire order (header fields first).
    pub fn translation_states(
        &self,
        q: &Questionnaire,
        language: &str,
    ) -> Vec<(TextKey, TranslationState)> {
        text_keys(q)
            .into_iter()
            .filter_map(|k| {
                self.translation_state(q, language, &k)
                    .map(|state| (k, state))
            })
            .collect()
    }

    /// The translations that keep a report in `language` from being
    /// published: missing and outdated ones.
    pub fn translation_issues(&self, q: &Questionnaire, language: &str) -> Vec<TranslationIssue> {
        self.translation_states(q, language)
            .into_iter()
            .filter(|(_, s)| !s.is_publishable())
            .map(|(key, state)| TranslationIssue {
                number: match &key {
                    TextKey::Header(_) => 0,
                    TextKey::Answer(k) => q.question(&k.question).map_or(0, |x| x.number),
                },
                language: language.to_owned(),
                key,
                state,
            })
            .collect()
    }

    /// The text of `key` in `language`: the source text in the source
    /// language, else its translation (`None` when there is none).
    pub fn answer_in(&self, q: &Questionnaire, language: &str, key: &TextKey) -> Option<&str> {
        if language == self.source_language(q) {
            self.source_text(key)
        } else {
            self.translations
                .get(language, key)
                .map(|t| t.text.as_str())
        }
    }

    /// Sets the `language` text of `key`: the source text in the source
    /// language, else a translation of the source text as it is now
    /// (so the translation is up to date).
    pub fn set_answer_in(&mut self, q: &Questionnaire, language: &str, key: TextKey, text: String) {
        if language == self.source_language(q) {
            match key {
                TextKey::Header(id) => {
                    self.answers.header.insert(id, text);
                }
                TextKey::Answer(k) => self.answers.set(k, Value::Text(text)),
            }
        } else {
            let source = self.source_text(&key).unwrap_or_default().to_owned();
            self.translations
                .set(language, key, Translation::of(&source, text));
        }
    }

    /// Marks the `language` translation of `key` as made from the source
    /// text as it is now (the source changed, and the translation still
    /// says the same). Returns whether there was a translation.
    pub fn confirm_translation(&mut self, language: &str, key: &TextKey) -> bool {
        let source = self.source_text(key).unwrap_or_default().to_owned();
        match self.translations.get(language, key).cloned() {
            Some(t) => {
                self.translations
                    .set(language, key.clone(), Translation::of(&source, t.text));
                true
            }
            None => false,
        }
    }

    /// The answers as a report in `language` prints them: choices as they
    /// are, each text in that language. A text with no translation (or a
    /// blank one) keeps its source text, so that the two reports have the
    /// same structure and nothing is left out; publishing refuses such a
    /// report unless told otherwise ([`Draft::translation_issues`]). A
    /// translation of a source that is now empty is not printed.
    pub fn answers_in(&self, q: &Questionnaire, language: &str) -> Answers {
        let mut out = self.answers.clone();
        if language == self.source_language(q) {
            return out;
        }
        for (key, t) in self.translations.of(language) {
            if !has_text(self.source_text(key)) || t.text.trim().is_empty() {
                continue;
            }
            match key {
                TextKey::Header(id) => {
                    out.header.insert(id.clone(), t.text.clone());
                }
                TextKey::Answer(k) => out.set(k.clone(), Value::Text(t.text.clone())),
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft::DraftId;
    use rstest::rstest;

    fn draft() -> (Questionnaire, Draft) {
        let q = Questionnaire::builtin().unwrap();
        let id = DraftId::parse("test-0000").unwrap();
        let mut d = Draft::new(id, &q, crate::draft::now());
        d.answers
            .set(FieldKey::main("q4"), Value::Text("By March.".into()));
        (q, d)
    }

    fn q4() -> TextKey {
        TextKey::Answer(FieldKey::main("q4"))
    }

    #[test]
    fn a_text_with_no_translation_is_missing_and_an_empty_one_needs_none() {
        let (q, d) = draft();
        assert_eq!(
            d.translation_state(&q, "fr", &q4()),
            Some(TranslationState::Missing)
        );
        let q8 = TextKey::Answer(FieldKey::main("q8"));
        assert_eq!(d.translation_state(&q, "fr", &q8), None);
        assert_eq!(d.translation_state(&q, "en", &q4()), None, "the source");
    }

    #[test]
    fn editing_the_source_makes_the_translation_outdated_and_confirming_it_done() {
        let (q, mut d) = draft();
        d.set_answer_in(&q, "fr", q4(), "D’ici mars.".into());
        assert_eq!(
            d.translation_state(&q, "fr", &q4()),
            Some(TranslationState::Done)
        );
        d.set_answer_in(&q, "en", q4(), "By April.".into());
        assert_eq!(
            d.translation_state(&q, "fr", &q4()),
            Some(TranslationState::Outdated)
        );
        assert_eq!(d.answer_in(&q, "fr", &q4()), Some("D’ici mars."), "kept");
        // Writing the source back as it was makes it up to date again.
        d.set_answer_in(&q, "en", q4(), "By March.".into());
        assert_eq!(
            d.translation_state(&q, "fr", &q4()),
            Some(TranslationState::Done)
        );
        d.set_answer_in(&q, "en", q4(), "By April.".into());
        assert!(d.confirm_translation("fr", &q4()));
        assert_eq!(
            d.translation_state(&q, "fr", &q4()),
            Some(TranslationState::Done)
        );
    }

    #[rstest]
    #[case::same("By March.", TranslationState::SameText)]
    #[case::blank(" \n", TranslationState::Missing)]
    #[case::other("D’ici mars.", TranslationState::Done)]
    fn the_state_follows_the_translated_text(#[case] text: &str, #[case] want: TranslationState) {
        let (q, mut d) = draft();
        d.set_answer_in(&q, "fr", q4(), text.into());
        assert_eq!(d.translation_state(&q, "fr", &q4()), Some(want));
    }

    #[rstest]
    #[case::typed("D’ici mars.")]
    #[case::same("By March.")]
    #[case::blank("  ")]
    fn a_fresh_state_is_the_state_once_written(#[case] text: &str) {
        let (q, mut d) = draft();
        let fresh = TranslationState::fresh(d.source_text(&q4()), text);
        if text.trim().is_empty() {
            d.translations.remove("fr", &q4());
        } else {
            d.set_answer_in(&q, "fr", q4(), text.into());
        }
        assert_eq!(fresh, d.translation_state(&q, "fr", &q4()));
    }

    #[test]
    fn a_translation_of_a_source_now_empty_is_outdated_and_not_printed() {
        let (q, mut d) = draft();
        d.set_answer_in(&q, "fr", q4(), "D’ici mars.".into());
        d.answers.remove(&FieldKey::main("q4"));
        assert_eq!(
            d.translation_state(&q, "fr", &q4()),
            Some(TranslationState::Outdated)
        );
        assert_eq!(d.answers_in(&q, "fr").get(&FieldKey::main("q4")), None);
    }

    #[test]
    fn answers_in_a_language_take_translations_and_keep_choices() {
        let (q, mut d) = draft();
        d.answers.set(
            FieldKey::main("q3"),
            Value::Choice(vec![crate::answers::Chosen::Option("reviewing".into())]),
        );
        d.answers
            .header
            .insert("organization".into(), "Example Agency".into());
        d.set_answer_in(
            &q,
            "fr",
            TextKey::Header("organization".into()),
            "Agence exemple".into(),
        );
        let fr = d.answers_in(&q, "fr");
        assert_eq!(fr.organization(), "Agence exemple");
        assert_eq!(
            fr.get(&FieldKey::main("q3")),
            d.answers.get(&FieldKey::main("q3"))
        );
        // Missing: the source text stands in, so the structure is the same.
        assert_eq!(
            fr.get(&FieldKey::main("q4")),
            d.answers.get(&FieldKey::main("q4"))
        );
        let issues = d.translation_issues(&q, "fr");
        assert_eq!(issues.len(), 1);
        assert_eq!(
            issues[0].message(),
            "Question 4 (q4): the `fr` translation is missing"
        );
    }

    #[test]
    fn a_draft_written_in_french_has_english_as_its_translation() {
        let (q, mut d) = draft();
        d.language = Some("fr".into());
        assert_eq!(d.source_language(&q), "fr");
        assert_eq!(
            d.translation_state(&q, "en", &q4()),
            Some(TranslationState::Missing)
        );
        assert_eq!(d.translation_state(&q, "fr", &q4()), None);
    }
}
