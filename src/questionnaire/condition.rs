//! Branching conditions: when a question or follow-up is asked or required,
//! and how they are read from a definition.

use super::decode::{Cx, Leaf, Table, array, boolean, each, string, strings};
use super::explain::Want;
use super::{Diagnostic, Span};
use toml_span::value::Value;

/// A condition on the answers to earlier questions.
///
/// Only answers to questions that are themselves asked count: an answer kept
/// on a skipped question is treated as no answer (see `crate::flow`).
#[derive(Debug, Clone, PartialEq)]
pub enum Condition {
    /// The question's answer includes this option.
    Is {
        question: String,
        option: String,
        span: Span,
    },
    /// The question's answer includes at least one of these options.
    AnyOf {
        question: String,
        options: Vec<String>,
        span: Span,
    },
    /// The question has (or, with `false`, lacks) an answer.
    Answered {
        question: String,
        answered: bool,
        span: Span,
    },
    Not(Box<Condition>),
    All(Vec<Condition>),
    Any(Vec<Condition>),
}

/// What a condition needs to know about the answers.
pub trait Facts {
    /// Whether `question` counts as answered with `option` among its choices.
    fn chosen(&self, question: &str, option: &str) -> bool;
    /// Whether `question` counts as answered at all.
    fn answered(&self, question: &str) -> bool;
}

impl Condition {
    /// Whether the condition holds for these answers.
    pub fn holds(&self, facts: &dyn Facts) -> bool {
        match self {
            Condition::Is {
                question, option, ..
            } => facts.chosen(question, option),
            Condition::AnyOf {
                question, options, ..
            } => options.iter().any(|o| facts.chosen(question, o)),
            Condition::Answered {
                question, answered, ..
            } => facts.answered(question) == *answered,
            Condition::Not(c) => !c.holds(facts),
            Condition::All(cs) => cs.iter().all(|c| c.holds(facts)),
            Condition::Any(cs) => cs.iter().any(|c| c.holds(facts)),
        }
    }

    /// Every leaf of the condition, depth first.
    pub fn leaves(&self) -> Vec<&Condition> {
        match self {
            Condition::Not(c) => c.leaves(),
            Condition::All(cs) | Condition::Any(cs) => cs.iter().flat_map(|c| c.leaves()).collect(),
            leaf => vec![leaf],
        }
    }

    /// The question a leaf looks at, with the leaf's place in the source.
    pub fn leaf_question(&self) -> Option<(&str, Span)> {
        match self {
            Condition::Is { question, span, .. }
            | Condition::AnyOf { question, span, .. }
            | Condition::Answered { question, span, .. } => Some((question, *span)),
            _ => None,
        }
    }

    /// The questions the condition looks at, without repeats, in first-seen order.
    pub fn questions(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for (q, _) in self.leaves().iter().filter_map(|l| l.leaf_question()) {
            if !out.contains(&q) {
                out.push(q);
            }
        }
        out
    }
}

const CONDITION_FORMS: &str = "a condition is one of { question = \"…\", is = \"…\" }, \
    { question = \"…\", any_of = [\"…\"] }, { question = \"…\", answered = true }, \
    { not = … }, { all = [ … ] }, { any = [ … ] }";

fn decode_all(cx: &mut Cx<'_>, subject: &str, v: Value<'_>) -> Option<Vec<Condition>> {
    let items = array(cx, subject, v, Want::Array)?;
    let n = items.len();
    let out = each(cx, items, &format!("each condition of {subject}"), decode);
    (out.len() == n).then_some(out)
}

pub(super) fn decode(cx: &mut Cx<'_>, subject: &str, v: Value<'_>) -> Option<Condition> {
    let mut t = Table::new(cx, subject, v, "this condition")?;
    let span = t.span;
    let present = |t: &Table<'_>, keys: &[&'static str]| -> Vec<&'static str> {
        keys.iter().copied().filter(|k| t.contains(k)).collect()
    };
    let forms = present(&t, &["question", "not", "all", "any"]);
    let tests = present(&t, &["is", "any_of", "answered"]);
    let question = t.opt(cx, "question", string);
    let is = t.opt(cx, "is", string);
    let any_of = t.opt(cx, "any_of", strings);
    let answered = t.opt(cx, "answered", boolean);
    let not = t.opt(cx, "not", decode);
    let all = t.opt(cx, "all", decode_all);
    let any = t.opt(cx, "any", decode_all);
    let misspelt = t.finish(cx);
    let wrong = |message: String, hint: &str| Diagnostic::new(span, message).hint(hint);
    let list = |keys: &[&str]| {
        keys.iter()
            .map(|k| format!("`{k}`"))
            .collect::<Vec<_>>()
            .join(" and ")
    };
    let problem = match (forms.as_slice(), tests.as_slice()) {
        ([], []) => Some(wrong(
            "this condition tests nothing".into(),
            CONDITION_FORMS,
        )),
        ([], _) => Some(wrong(
            format!("{} needs a `question` to test", list(&tests)),
            "name the question: { question = \"q1\", is = \"yes\" }",
        )),
        (["question"], [_]) => None,
        (["question"], _) => Some(wrong(
            match tests.as_slice() {
                [] => "this condition names a question but tests nothing about it".into(),
                _ => format!("this condition has both {}", list(&tests)),
            },
            "test the question with exactly one of `is = \"…\"`, `any_of = [\"…\"]`, `answered = true`",
        )),
        ([_], []) => None,
        (forms, _) => Some(wrong(
            format!("this condition mixes {}", list(&[forms, &tests].concat())),
            "combine conditions with `all = [ …, … ]` or `any = [ …, … ]`",
        )),
    };
    if let Some(d) = problem {
        // A misspelt key (`questoin`) is reported already, and explains
        // whatever looks wrong with the shape of the condition.
        if misspelt.is_empty() {
            cx.report(d);
        }
        return None;
    }
    if let Some(q) = &question {
        let options = match (&is, &any_of) {
            (Some(o), _) => vec![o.span],
            (_, Some(os)) => os.iter().map(|o| o.span).collect(),
            _ => Vec::new(),
        };
        cx.places.leaves.insert(
            span.start,
            Leaf {
                question: q.span,
                options,
            },
        );
    }
    Some(match forms[0] {
        "question" => {
            let question = question?.value;
            match tests[0] {
                "is" => Condition::Is {
                    question,
                    option: is?.value,
                    span,
                },
                "any_of" => Condition::AnyOf {
                    question,
                    options: any_of?.into_iter().map(|o| o.value).collect(),
                    span,
                },
                _ => Condition::Answered {
                    question,
                    answered: answered?,
                    span,
                },
            }
        }
        "not" => Condition::Not(Box::new(not?)),
        "all" => Condition::All(all?),
        _ => Condition::Any(any?),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{BTreeMap, BTreeSet};

    /// Answers as question -> chosen options; a question present is answered.
    struct Given(BTreeMap<&'static str, BTreeSet<&'static str>>);

    impl Facts for Given {
        fn chosen(&self, q: &str, o: &str) -> bool {
            self.0.get(q).is_some_and(|s| s.contains(o))
        }
        fn answered(&self, q: &str) -> bool {
            self.0.contains_key(q)
        }
    }

    fn given(pairs: &[(&'static str, &[&'static str])]) -> Given {
        Given(
            pairs
                .iter()
                .map(|(q, os)| (*q, os.iter().copied().collect()))
                .collect(),
        )
    }

    fn is(q: &str, o: &str) -> Condition {
        Condition::Is {
            question: q.into(),
            option: o.into(),
            span: Span::default(),
        }
    }

    #[test]
    fn not_is_holds_when_unanswered() {
        // Q4 of the values-and-ethics questionnaire: asked unless Q3 is "reviewed".
        let c = Condition::Not(Box::new(is("q3", "reviewed")));
        assert!(c.holds(&given(&[])));
        assert!(c.holds(&given(&[("q3", &["reviewing"])])));
        assert!(!c.holds(&given(&[("q3", &["reviewed"])])));
    }

    #[test]
    fn combinators() {
        let a = given(&[("q1", &["no"]), ("q2", &["x", "y"])]);
        assert!(Condition::All(vec![is("q1", "no"), is("q2", "y")]).holds(&a));
        assert!(!Condition::All(vec![is("q1", "no"), is("q2", "z")]).holds(&a));
        assert!(Condition::Any(vec![is("q1", "yes"), is("q2", "x")]).holds(&a));
        assert!(!Condition::Any(vec![]).holds(&a));
        assert!(Condition::All(vec![]).holds(&a));
        let any_of = Condition::AnyOf {
            question: "q2".into(),
            options: vec!["z".into(), "y".into()],
            span: Span::default(),
        };
        assert!(any_of.holds(&a));
        let unanswered = Condition::Answered {
            question: "q9".into(),
            answered: false,
            span: Span::default(),
        };
        assert!(unanswered.holds(&a));
    }

    #[test]
    fn questions_lists_each_once() {
        let c = Condition::Any(vec![
            is("q1", "a"),
            Condition::Not(Box::new(is("q2", "b"))),
            is("q1", "c"),
        ]);
        assert_eq!(c.questions(), vec!["q1", "q2"]);
    }
}
