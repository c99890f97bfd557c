//! Branching: which questions and follow-ups are asked, which are required,
//! what is missing, and where "next" and "previous" go.
//!
//! Policy: an answer on a question that branching now skips is kept, never
//! deleted, but it does not count: conditions see it as no answer, it is
//! not missing, and a published report prints the question as skipped.

use crate::answers::{Answers, FieldKey};
use crate::questionnaire::Facts;
use crate::questionnaire::{Condition, FollowUp, Question, Questionnaire, Requirement};

/// Whether a field is to be answered now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldState {
    /// Branching skips it.
    Skipped,
    Optional,
    Required,
}

/// A required answer that is not there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Missing {
    pub key: FieldKey,
    /// The question's number.
    pub number: usize,
    /// The question text or follow-up prompt.
    pub prompt: String,
}

/// The flow of a questionnaire for one set of answers.
pub struct Flow<'a> {
    questionnaire: &'a Questionnaire,
    answers: &'a Answers,
    /// Whether each question (by index) is asked.
    asked: Vec<bool>,
}

/// Answers as conditions see them: only asked questions count.
struct Counted<'f, 'a>(&'f Flow<'a>, usize);

impl Facts for Counted<'_, '_> {
    fn chosen(&self, question: &str, option: &str) -> bool {
        self.counts(question)
            && self
                .0
                .answers
                .main(question)
                .is_some_and(|v| v.has_option(option))
    }
    fn answered(&self, question: &str) -> bool {
        self.counts(question)
            && self
                .0
                .answers
                .main(question)
                .is_some_and(|v| v.is_answered())
    }
}

impl Counted<'_, '_> {
    /// Whether the question's answer counts: it is asked, and it comes no
    /// later than the question being decided (validation guarantees this).
    fn counts(&self, question: &str) -> bool {
        self.0
            .questionnaire
            .question_index(question)
            .is_some_and(|i| i <= self.1 && self.0.asked.get(i).copied().unwrap_or(true))
    }
}

impl<'a> Flow<'a> {
    pub fn new(questionnaire: &'a Questionnaire, answers: &'a Answers) -> Self {
        let mut flow = Flow {
            questionnaire,
            answers,
            asked: Vec::with_capacity(questionnaire.questions.len()),
        };
        // In order: a condition only looks at earlier questions, whose
        // `asked` is settled by then.
        for (i, q) in questionnaire.questions.iter().enumerate() {
            let asked = q
                .ask_when
                .as_ref()
                .is_none_or(|c| c.holds(&Counted(&flow, i)));
            flow.asked.push(asked);
        }
        flow
    }

    fn holds(&self, index: usize, c: &Condition) -> bool {
        c.holds(&Counted(self, index))
    }

    /// Whether question `index` is asked.
    pub fn is_asked(&self, index: usize) -> bool {
        self.asked.get(index).copied().unwrap_or(false)
    }

    fn requirement(&self, index: usize, r: &Requirement) -> FieldState {
        match r {
            Requirement::Optional => FieldState::Optional,
            Requirement::Required => FieldState::Required,
            Requirement::RequiredWhen(c) if self.holds(index, c) => FieldState::Required,
            Requirement::RequiredWhen(_) => FieldState::Optional,
        }
    }

    /// The state of question `index`'s own answer.
    pub fn question_state(&self, index: usize) -> FieldState {
        if !self.is_asked(index) {
            return FieldState::Skipped;
        }
        self.requirement(index, &self.questionnaire.questions[index].requirement)
    }

    /// The state of a follow-up of question `index`.
    pub fn follow_up_state(&self, index: usize, follow_up: &FollowUp) -> FieldState {
        let asked = self.is_asked(index)
            && follow_up
                .ask_when
                .as_ref()
                .is_none_or(|c| self.holds(index, c));
        if asked {
            self.requirement(index, &follow_up.requirement)
        } else {
            FieldState::Skipped
        }
    }

    /// The state of any field of question `index`; a comment is optional
    /// while its question is asked.
    pub fn field_state(&self, index: usize, key: &FieldKey) -> FieldState {
        let q = &self.questionnaire.questions[index];
        match &key.field {
            None => self.question_state(index),
            Some(f) => match q.follow_up(f) {
                Some(fu) => self.follow_up_state(index, fu),
                None if self.is_asked(index) => FieldState::Optional,
                None => FieldState::Skipped,
            },
        }
    }

    /// Every field of a question, in report order: own answer, comment,
    /// follow-ups.
    pub fn fields(question: &Question) -> Vec<FieldKey> {
        let mut keys = vec![FieldKey::main(&question.id)];
        keys.extend(
            question
                .comment
                .iter()
                .map(|c| FieldKey::sub(&question.id, &c.id)),
        );
        keys.extend(
            question
                .follow_ups
                .iter()
                .map(|f| FieldKey::sub(&question.id, &f.id)),
        );
        keys
    }

    /// Required answers that are not there, in questionnaire order; header
    /// fields first.
    pub fn missing(&self) -> Vec<Missing> {
        let mut out = Vec::new();
        for f in &self.questionnaire.header_fields {
            let blank = self
                .answers
                .header
                .get(&f.id)
                .is_none_or(|v| v.trim().is_empty());
            if f.required && blank {
                out.push(Missing {
                    key: FieldKey::main(&f.id),
                    number: 0,
                    prompt: f.label.to_string(),
                });
            }
        }
        for (i, q) in self.questionnaire.questions.iter().enumerate() {
            for key in Self::fields(q) {
                let state = self.field_state(i, &key);
                let answered = self.answers.get(&key).is_some_and(|v| v.is_answered());
                if state == FieldState::Required && !answered {
                    let prompt = match &key.field {
                        Some(f) => q
                            .follow_up(f)
                            .map_or_else(String::new, |fu| fu.prompt.to_string()),
                        None => q.text.to_string(),
                    };
                    out.push(Missing {
                        key,
                        number: q.number,
                        prompt,
                    });
                }
            }
        }
        out
    }

    /// How many fields are required now, header fields included.
    pub fn required_count(&self) -> usize {
        let header = self
            .questionnaire
            .header_fields
            .iter()
            .filter(|f| f.required)
            .count();
        let fields: usize = self
            .questionnaire
            .questions
            .iter()
            .enumerate()
            .map(|(i, q)| {
                Self::fields(q)
                    .iter()
                    .filter(|k| self.field_state(i, k) == FieldState::Required)
                    .count()
            })
            .sum();
        header + fields
    }

    /// Answers that are kept but do not count because branching skips them.
    pub fn skipped_answers(&self) -> Vec<FieldKey> {
        let mut out = Vec::new();
        for (i, q) in self.questionnaire.questions.iter().enumerate() {
            for key in Self::fields(q) {
                let answered = self.answers.get(&key).is_some_and(|v| v.is_answered());
                if answered && self.field_state(i, &key) == FieldState::Skipped {
                    out.push(key);
                }
            }
        }
        out
    }

    /// The next asked question after `index`.
    pub fn next(&self, index: usize) -> Option<usize> {
        (index + 1..self.asked.len()).find(|&i| self.asked[i])
    }

    /// The previous asked question before `index`.
    pub fn previous(&self, index: usize) -> Option<usize> {
        (0..index.min(self.asked.len()))
            .rev()
            .find(|&i| self.asked[i])
    }

    /// The first asked question.
    pub fn first(&self) -> Option<usize> {
        self.asked.iter().position(|a| *a)
    }

    /// The last asked question.
    pub fn last(&self) -> Option<usize> {
        self.previous(self.asked.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::{Chosen, Value};
    use rstest::rstest;

    fn builtin() -> Questionnaire {
        Questionnaire::builtin().expect("the built-in questionnaire is valid")
    }

    fn choose(a: &mut Answers, q: &str, options: &[&str]) {
        let chosen = options
            .iter()
            .map(|o| Chosen::Option((*o).into()))
            .collect();
        a.set(FieldKey::main(q), Value::Choice(chosen));
    }

    fn index(q: &Questionnaire, id: &str) -> usize {
        q.question_index(id).expect("known question")
    }

    #[rstest]
    #[case::unanswered(None, true)]
    #[case::reviewing(Some("reviewing"), true)]
    #[case::reviewed(Some("reviewed"), false)]
    fn q4_follows_q3(#[case] q3: Option<&str>, #[case] asked: bool) {
        let q = builtin();
        let mut a = Answers::new();
        if let Some(o) = q3 {
            choose(&mut a, "q3", &[o]);
        }
        let flow = Flow::new(&q, &a);
        assert_eq!(flow.is_asked(index(&q, "q4")), asked);
        let q3 = index(&q, "q3");
        let want_next = if asked { "q4" } else { "q5" };
        assert_eq!(flow.next(q3), Some(index(&q, want_next)));
        assert_eq!(
            flow.previous(index(&q, "q5")),
            Some(index(&q, if asked { "q4" } else { "q3" }))
        );
    }

    #[rstest]
    #[case::no_requires_it("no", FieldState::Required)]
    #[case::yes_leaves_it_optional("yes", FieldState::Optional)]
    fn if_not_follow_up(#[case] answer: &str, #[case] want: FieldState) {
        let q = builtin();
        let mut a = Answers::new();
        choose(&mut a, "q1", &[answer]);
        let flow = Flow::new(&q, &a);
        let i = index(&q, "q1");
        assert_eq!(flow.field_state(i, &FieldKey::sub("q1", "if-not")), want);
        let missing: Vec<_> = flow
            .missing()
            .into_iter()
            .map(|m| m.key.to_string())
            .collect();
        assert_eq!(
            missing.contains(&"q1.if-not".to_owned()),
            want == FieldState::Required
        );
    }

    #[test]
    fn missing_lists_required_fields_in_order() {
        let q = builtin();
        let a = Answers::new();
        let missing: Vec<_> = Flow::new(&q, &a)
            .missing()
            .into_iter()
            .map(|m| m.key.to_string())
            .collect();
        // Q4 is asked while Q3 is unanswered; Q13 is optional.
        assert_eq!(
            missing,
            [
                "organization",
                "q1",
                "q2",
                "q3",
                "q4",
                "q5",
                "q5.description",
                "q6",
                "q7",
                "q8",
                "q9",
                "q10",
                "q11",
                "q12"
            ]
        );
    }

    #[test]
    fn skipped_answers_are_kept_but_do_not_count() {
        let q = builtin();
        let mut a = Answers::new();
        choose(&mut a, "q3", &["reviewed"]);
        a.set(FieldKey::main("q4"), Value::Text("By March.".into()));
        let flow = Flow::new(&q, &a);
        assert_eq!(flow.skipped_answers(), vec![FieldKey::main("q4")]);
        assert!(!flow.missing().iter().any(|m| m.key.question == "q4"));
        // The answer itself is untouched.
        assert_eq!(a.main("q4"), Some(&Value::Text("By March.".into())));
    }

    #[test]
    fn first_and_bounds() {
        let q = builtin();
        let a = Answers::new();
        let flow = Flow::new(&q, &a);
        assert_eq!(flow.first(), Some(0));
        assert_eq!(flow.previous(0), None);
        assert_eq!(flow.next(q.questions.len() - 1), None);
    }
}
