//! Publishing a draft: what every front end (the command line, the wizard)
//! checks and says before a report leaves quire.

use super::render;
use crate::answers::{Answers, FieldKey};
use crate::draft::{Draft, TranslationIssue};
use crate::flow::{Flow, Missing};
use crate::questionnaire::{Condition, Questionnaire};
use chrono::NaiveDate;

/// An answer kept on a question or follow-up that branching skips. It is
/// published as written: quire never replaces what the respondent wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkippedAnswer {
    pub key: FieldKey,
    /// The question's number.
    pub number: usize,
    /// The numbers of the questions whose answers skip it.
    pub because_of: Vec<usize>,
}

impl SkippedAnswer {
    /// One sentence for the user.
    pub fn message(&self) -> String {
        let what = if self.key.field.is_some() {
            format!("a follow-up of Question {}", self.number)
        } else {
            format!("Question {}", self.number)
        };
        let because = match self.because_of.as_slice() {
            [] => String::new(),
            [n] => format!(" (because of the answer to Question {n})"),
            ns => format!(
                " (because of the answers to Questions {})",
                ns.iter()
                    .map(usize::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        format!(
            "{what} is answered although the branching skips it{because}; the answer is published as written"
        )
    }
}

/// A report ready to publish, and what stands in its way.
#[derive(Debug, Clone)]
pub struct Publication {
    /// The canonical report.
    pub text: String,
    /// Required answers not given: publishing is refused unless the user
    /// asks for an incomplete report.
    pub missing: Vec<Missing>,
    /// Answers on skipped questions: published, with a warning.
    pub skipped: Vec<SkippedAnswer>,
    /// Translations missing or outdated in the report's language: publishing
    /// is refused unless the user asks for an incomplete report (the
    /// source text is printed where a translation is missing).
    pub untranslated: Vec<TranslationIssue>,
}

impl Publication {
    /// "2 required answers are missing", or `None` when nothing is.
    pub fn refusal(&self) -> Option<String> {
        let answers = crate::wording::missing_answers(self.missing.len());
        let translations = crate::wording::untranslated(self.untranslated.len());
        match (answers, translations) {
            (Some(a), Some(t)) => Some(format!("{a}, and {t}")),
            (a, t) => a.or(t),
        }
    }

    /// Whether the report may leave quire: the one rule every front end
    /// applies. A report with required answers missing is refused unless
    /// the user asked for an incomplete one (`--allow-incomplete`, the
    /// wizard's "export anyway"); the refusal says how many are missing.
    pub fn permit(&self, allow_incomplete: bool) -> Result<(), String> {
        match self.refusal() {
            Some(refusal) if !allow_incomplete => Err(refusal),
            _ => Ok(()),
        }
    }
}

/// The report of `answers` dated `date`, with what a publisher must know.
pub fn publish(q: &Questionnaire, answers: &Answers, date: Option<NaiveDate>) -> Publication {
    let flow = Flow::new(q, answers);
    let skipped = skipped_answers(q, &flow);
    Publication {
        text: render(q, answers, date),
        missing: flow.missing(),
        skipped,
        untranslated: Vec::new(),
    }
}

/// The report of `draft` in `language` (one of `q`'s languages): `q`'s
/// texts in that language, choices as they are, each text answer in that
/// language ([`Draft::answers_in`]), with the translations that are
/// missing or outdated. `None` when `q` has no such language.
pub fn publish_in(
    q: &Questionnaire,
    draft: &Draft,
    language: &str,
    date: Option<NaiveDate>,
) -> Option<Publication> {
    let ql = q.in_language(language)?;
    let mut publication = publish(&ql, &draft.answers_in(q, language), date);
    publication.untranslated = draft.translation_issues(q, language);
    Some(publication)
}

/// The answers that branching skips, each with the questions that cause it.
pub fn skipped_answers(q: &Questionnaire, flow: &Flow) -> Vec<SkippedAnswer> {
    flow.skipped_answers()
        .into_iter()
        .map(|key| {
            let question = q.question(&key.question);
            let mut because_of: Vec<usize> = question
                .and_then(|x| x.ask_when.as_ref())
                .map(Condition::leaves)
                .unwrap_or_default()
                .into_iter()
                .filter_map(|leaf| match leaf {
                    Condition::Is { question, .. }
                    | Condition::AnyOf { question, .. }
                    | Condition::Answered { question, .. } => {
                        q.question(question).map(|x| x.number)
                    }
                    _ => None,
                })
                .collect();
            because_of.sort_unstable();
            because_of.dedup();
            SkippedAnswer {
                number: question.map_or(0, |x| x.number),
                key,
                because_of,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    fn with_missing(n: usize) -> Publication {
        let missing = Missing {
            key: FieldKey::main("q1"),
            number: 1,
            prompt: "Question one".into(),
        };
        Publication {
            text: String::new(),
            missing: vec![missing; n],
            skipped: vec![],
            untranslated: vec![],
        }
    }

    #[rstest]
    #[case::complete(0, false, Ok(()))]
    #[case::complete_anyway(0, true, Ok(()))]
    #[case::one_missing(1, false, Err("1 required answer is missing"))]
    #[case::three_missing(3, false, Err("3 required answers are missing"))]
    #[case::missing_but_allowed(3, true, Ok(()))]
    fn permit_refuses_missing_answers_unless_allowed(
        #[case] missing: usize,
        #[case] allow_incomplete: bool,
        #[case] want: Result<(), &str>,
    ) {
        assert_eq!(
            with_missing(missing).permit(allow_incomplete),
            want.map_err(str::to_owned)
        );
    }
}
