//! What an answer changed in the branching, in sentences: "Question 4 is
//! now asked because of your answer to Question 3." A front end that does
//! not show the whole questionnaire at once (the accessible mode, a
//! screen reader on the wizard) must say it, or the user cannot know.

use crate::answers::{Answers, FieldKey};
use crate::flow::{FieldState, Flow};
use crate::questionnaire::{Question, Questionnaire};

/// The sentences saying how the branching changed between `before` and
/// `after`, the answers around a change to `changed`. Questions first, in
/// order; then the follow-ups of questions asked both times.
pub fn branching_facts(
    q: &Questionnaire,
    before: &Answers,
    after: &Answers,
    changed: &FieldKey,
) -> Vec<String> {
    let (was, now) = (Flow::new(q, before), Flow::new(q, after));
    let mut out = Vec::new();
    for (i, question) in q.questions.iter().enumerate() {
        let (asked_before, asked_now) = (was.is_asked(i), now.is_asked(i));
        if asked_before != asked_now {
            let what = if asked_now {
                "is now asked"
            } else {
                "is no longer asked"
            };
            out.push(format!(
                "Question {} {what} {}.",
                question.number,
                cause(q, question, changed)
            ));
            continue;
        }
        if !asked_now {
            continue;
        }
        for fu in &question.follow_ups {
            let key = FieldKey::sub(&question.id, &fu.id);
            let (s0, s1) = (was.field_state(i, &key), now.field_state(i, &key));
            if s0 == s1 {
                continue;
            }
            let state = match s1 {
                FieldState::Required => "now required",
                FieldState::Optional if s0 == FieldState::Skipped => "now asked",
                FieldState::Optional => "no longer required",
                FieldState::Skipped => "no longer asked",
            };
            out.push(format!(
                "The follow-up of Question {} is {state}.",
                question.number
            ));
        }
    }
    out
}

/// "because of your answer to Question 3": the question just answered when
/// the condition looks at it, else the questions the condition looks at
/// (a change that follows from another one).
fn cause(q: &Questionnaire, question: &Question, changed: &FieldKey) -> String {
    let Some(condition) = &question.ask_when else {
        return String::new();
    };
    let looked_at = condition.questions();
    if looked_at.contains(&changed.question.as_str())
        && let Some(n) = q.question(&changed.question).map(|x| x.number)
    {
        return format!("because of your answer to Question {n}");
    }
    let numbers: Vec<String> = looked_at
        .iter()
        .filter_map(|id| q.question(id))
        .map(|x| x.number.to_string())
        .collect();
    match numbers.as_slice() {
        [] => String::new(),
        [one] => format!("because it depends on Question {one}"),
        many => format!("because it depends on Questions {}", many.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::{Chosen, Value};
    use rstest::rstest;

    fn choose(a: &mut Answers, q: &str, option: &str) {
        a.set(
            FieldKey::main(q),
            Value::Choice(vec![Chosen::Option(option.into())]),
        );
    }

    #[rstest]
    #[case::reviewed_skips_q4(
        Some("reviewing"),
        "reviewed",
        "Question 4 is no longer asked because of your answer to Question 3."
    )]
    #[case::reviewing_asks_q4(
        Some("reviewed"),
        "reviewing",
        "Question 4 is now asked because of your answer to Question 3."
    )]
    #[case::first_answer_reviewed(
        None,
        "reviewed",
        "Question 4 is no longer asked because of your answer to Question 3."
    )]
    fn question_4_follows_question_3(
        #[case] from: Option<&str>,
        #[case] to: &str,
        #[case] want: &str,
    ) {
        let q = Questionnaire::builtin().expect("built-in");
        let mut before = Answers::new();
        if let Some(o) = from {
            choose(&mut before, "q3", o);
        }
        let mut after = before.clone();
        choose(&mut after, "q3", to);
        assert_eq!(
            branching_facts(&q, &before, &after, &FieldKey::main("q3")),
            [want]
        );
    }

    #[test]
    fn an_answer_that_changes_nothing_says_nothing() {
        let q = Questionnaire::builtin().expect("built-in");
        let mut before = Answers::new();
        choose(&mut before, "q3", "reviewing");
        let after = before.clone();
        assert!(branching_facts(&q, &before, &after, &FieldKey::main("q3")).is_empty());
    }

    #[rstest]
    #[case::no_requires_it("no", &["The follow-up of Question 1 is now required."])]
    #[case::yes_leaves_it_optional("yes", &[])]
    fn a_follow_up_required_by_an_answer_is_said(#[case] answer: &str, #[case] want: &[&str]) {
        let q = Questionnaire::builtin().expect("built-in");
        let before = Answers::new();
        let mut after = before.clone();
        choose(&mut after, "q1", answer);
        assert_eq!(
            branching_facts(&q, &before, &after, &FieldKey::main("q1")),
            want
        );
    }
}
