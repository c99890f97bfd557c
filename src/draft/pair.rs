//! Pairing: the page of one organization in another language, read into
//! its draft as the translations of the draft's text answers.

use super::{Draft, TextKey, Translation};
use crate::answers::{Answers, Chosen, FieldKey, Value};
use crate::questionnaire::Questionnaire;

/// Why two pages cannot be one draft.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct PairError(pub String);

fn options(value: Option<&Value>) -> Vec<&str> {
    match value {
        Some(Value::Choice(c)) => c
            .iter()
            .filter_map(|c| match c {
                Chosen::Option(id) => Some(id.as_str()),
                Chosen::Unlisted(_) => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

fn text(value: Option<&Value>) -> Option<&str> {
    match value {
        Some(Value::Text(t)) if !t.trim().is_empty() => Some(t),
        _ => None,
    }
}

impl Draft {
    /// Takes `page`, the answers of the same report in `language`, as the
    /// translations of this draft's texts: each text and header field of
    /// the page becomes the translation of the draft's text as it is now
    /// (so each is done). The choices must agree, since options are shared:
    /// a page that chose differently is refused, naming the questions, and
    /// the draft is left as it was. Returns what is worth saying: texts one
    /// page has and the other lacks.
    pub fn pair(
        &mut self,
        q: &Questionnaire,
        language: &str,
        page: &Answers,
    ) -> Result<Vec<String>, PairError> {
        let source = self.source_language(q).to_owned();
        if language == source {
            return Err(PairError(format!(
                "the draft is written in `{source}` already; pair it with a page in another of the questionnaire's languages ({})",
                q.languages.join(", ")
            )));
        }
        let differ: Vec<String> = q
            .questions
            .iter()
            .filter(|x| x.kind.is_choice())
            .filter(|x| {
                let key = FieldKey::main(&x.id);
                options(self.answers.get(&key)) != options(page.get(&key))
            })
            .map(|x| format!("Question {}", x.number))
            .collect();
        if !differ.is_empty() {
            return Err(PairError(format!(
                "the `{language}` page does not choose the same options as the `{source}` answers ({}): they are not the two pages of one report; nothing was paired",
                differ.join(", ")
            )));
        }
        let mut notes = Vec::new();
        for (id, value) in &page.header {
            if value.trim().is_empty() {
                continue;
            }
            let key = TextKey::Header(id.clone());
            let from = self.source_text(&key).unwrap_or_default().to_owned();
            self.translations
                .set(language, key, Translation::of(&from, value.clone()));
        }
        let mut keys: Vec<&FieldKey> = page.iter().map(|(k, _)| k).collect();
        keys.extend(self.answers.iter().map(|(k, _)| k));
        keys.sort();
        keys.dedup();
        let keys: Vec<FieldKey> = keys.into_iter().cloned().collect();
        for key in keys {
            let number = q.question(&key.question).map_or(0, |x| x.number);
            let theirs = text(page.get(&key));
            let ours = text(self.answers.get(&key));
            match (ours, theirs) {
                (_, Some(t)) => {
                    if ours.is_none() {
                        notes.push(format!(
                            "Question {number} ({key}): the `{language}` page answers it, the `{source}` answers do not; its text is kept as a translation, marked outdated"
                        ));
                    }
                    let from = ours.unwrap_or_default().to_owned();
                    let t = t.to_owned();
                    self.translations.set(
                        language,
                        TextKey::Answer(key),
                        Translation::of(&from, t),
                    );
                }
                (Some(_), None) => notes.push(format!(
                    "Question {number} ({key}): the `{language}` page has no answer; its translation is missing"
                )),
                (None, None) => {}
            }
        }
        Ok(notes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft::{DraftId, TranslationState};

    fn answers(q3: &str, q4: Option<&str>, org: &str) -> Answers {
        let mut a = Answers::new();
        a.header.insert("organization".into(), org.into());
        a.set(
            FieldKey::main("q3"),
            Value::Choice(vec![Chosen::Option(q3.into())]),
        );
        if let Some(t) = q4 {
            a.set(FieldKey::main("q4"), Value::Text(t.into()));
        }
        a
    }

    fn draft(q: &Questionnaire, a: Answers) -> Draft {
        let mut d = Draft::new(DraftId::parse("x-0000").unwrap(), q, crate::draft::now());
        d.answers = a;
        d
    }

    #[test]
    fn the_two_pages_of_one_report_pair_into_done_translations() {
        let q = Questionnaire::builtin().unwrap();
        let mut d = draft(
            &q,
            answers("reviewing", Some("By March."), "Example Agency"),
        );
        let notes = d
            .pair(
                &q,
                "fr",
                &answers("reviewing", Some("D’ici mars."), "Agence exemple"),
            )
            .unwrap();
        assert!(notes.is_empty(), "{notes:?}");
        let states = d.translation_states(&q, "fr");
        assert_eq!(states.len(), 2, "{states:?}");
        assert!(states.iter().all(|(_, s)| *s == TranslationState::Done));
        assert_eq!(d.answers_in(&q, "fr").organization(), "Agence exemple");
    }

    #[test]
    fn pages_that_choose_differently_are_refused_and_nothing_changes() {
        let q = Questionnaire::builtin().unwrap();
        let mut d = draft(&q, answers("reviewing", Some("By March."), "A"));
        let before = d.clone();
        let err = d
            .pair(&q, "fr", &answers("reviewed", Some("D’ici mars."), "B"))
            .unwrap_err();
        assert!(err.0.contains("Question 3"), "{err}");
        assert_eq!(d, before);
    }

    #[test]
    fn a_text_only_one_page_has_is_said() {
        let q = Questionnaire::builtin().unwrap();
        let mut d = draft(&q, answers("reviewing", Some("By March."), "A"));
        let notes = d.pair(&q, "fr", &answers("reviewing", None, "B")).unwrap();
        assert_eq!(notes.len(), 1);
        assert!(notes[0].contains("translation is missing"), "{notes:?}");
        let mut d = draft(&q, answers("reviewing", None, "A"));
        let notes = d
            .pair(&q, "fr", &answers("reviewing", Some("D’ici mars."), "B"))
            .unwrap();
        assert!(notes[0].contains("marked outdated"), "{notes:?}");
        assert_eq!(
            d.translation_state(&q, "fr", &TextKey::Answer(FieldKey::main("q4"))),
            Some(TranslationState::Outdated)
        );
    }

    #[test]
    fn a_page_in_the_source_language_is_refused() {
        let q = Questionnaire::builtin().unwrap();
        let mut d = draft(&q, answers("reviewing", None, "A"));
        assert!(d.pair(&q, "en", &answers("reviewing", None, "A")).is_err());
    }
}
